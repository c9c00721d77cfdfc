"""One front door for notebooks: a roster with its model, policy and settings.

:class:`Analysis` holds a roster and the choices an analyst makes once (the
leadership model to check against, the observation policy, the time and cost
models, the span target) and offers every metric as a method, computed once and
kept. Its HTML view is what the first cell of a notebook shows.

Examples
--------
>>> import leadmodel as lm
>>> a = lm.Analysis(lm.load_sample("green_dot"), model="green_dot")
>>> int(a.spans().loc["S-GD", "span"].max())
12
>>> sorted(a.tables())[:3]
['accounting', 'compliance_rules', 'compliance_schools']
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any, Literal, TypeVar

import pandas as pd

from leadmodel.cost import cost
from leadmodel.errors import DefinitionError
from leadmodel.metrics.actuals import (
    CoachingDosage,
    ObservationActuals,
    coaching_dosage,
    observation_actuals,
)
from leadmodel.metrics.compliance import (
    ComplianceReport,
    DistrictView,
    ILTCheck,
    compliance_from,
    district_view,
    ilt_check,
)
from leadmodel.metrics.coverage import (
    DEFAULT_SPAN_TARGET,
    CoverageGaps,
    coverage_from_spans,
    coverage_gaps,
)
from leadmodel.metrics.execution import FOCUS_COLUMNS, InitiativeLoad, initiative_load
from leadmodel.metrics.observation import (
    load_from_spans,
    observation_load,
    summary_from_load,
)
from leadmodel.metrics.rocks import (
    STALL_DAYS,
    RockStatus,
    abandonment_candidates,
    plan_as_of,
    rock_status,
)
from leadmodel.metrics.spans import span_matrix, span_of_control
from leadmodel.metrics.survey import (
    AdviceOverlay,
    advice_overlay,
    felt_responsibility,
    net_promoter_score,
)
from leadmodel.models import CostModel, LeadershipModel, ObservationPolicy, TimeModel
from leadmodel.presets.leadership import get_model
from leadmodel.presets.policies import POLICIES, get_policy, get_time_model
from leadmodel.readers.log import ActivityLog, DateLike, TeamMembers
from leadmodel.readers.plan import ROCK_DAYS, Plan
from leadmodel.readers.survey import Survey
from leadmodel.roster import Roster, checked_roster
from leadmodel.scenarios import apply_model, compare
from leadmodel.summary import summary_from_gaps
from leadmodel.writers import TableFormat, export_tables

__all__ = ["Analysis"]

T = TypeVar("T")


class Analysis:
    """A roster analysed under one set of choices; every metric is a method.

    Parameters
    ----------
    roster
        The roster (from :func:`~leadmodel.read_roster` or a sample).
    model
        Leadership model to check compliance against: a preset key or a
        :class:`~leadmodel.LeadershipModel` (optional).
    policy
        Observation policy preset key or :class:`~leadmodel.ObservationPolicy`.
    time
        Time model for the hours leaders have.
    cost_model
        Cost model preset key or :class:`~leadmodel.CostModel`.
    span_target
        Ceiling on a developer's span used by coverage gaps (default 13).
    relation
        The relation spans are counted on (default ``"develops"``).
    include_non_school
        Whether units that are not schools (``non_school`` in the schools table: central
        offices, networks, citywide services) are analysed too; by default they are left out
        (``roster.schools_only()``), so that they do not fill the school tables.
    survey
        A staff survey (:func:`~leadmodel.read_survey`): adds :meth:`nps`,
        :meth:`felt_responsibility` and :meth:`advice_overlay`, and their tables.
    log, members
        An activity log (:func:`~leadmodel.read_log`) and second team memberships
        (:func:`~leadmodel.read_members`): adds :meth:`actuals`, :meth:`dosage` and
        :meth:`ilt`, and their tables.
    plan
        A strategic plan read with the roster (:func:`~leadmodel.read_plan`), for the
        execution measures (:meth:`initiative_load`, :meth:`focus`, :meth:`rocks`,
        :meth:`abandonment`), and their tables.
    as_of
        The date the log is measured to and the plan's rocks are measured on
        (``YYYY-MM-DD``); by default the log's latest event and the plan's latest rock update
        (recorded as :attr:`plan_date`), never today.

    Examples
    --------
    >>> import leadmodel as lm
    >>> sample = lm.load_sample("district_log")
    >>> a = lm.Analysis(sample.roster, log=sample.log, members=sample.members)
    >>> int(a.ilt().schools["has_ilt"].sum())
    13
    """

    def __init__(
        self,
        roster: Roster,
        *,
        model: str | LeadershipModel | None = None,
        policy: str | ObservationPolicy = "bain_10_spot_1_formal",
        time: str | TimeModel = "default",
        cost_model: str | CostModel = "default",
        span_target: int = DEFAULT_SPAN_TARGET,
        relation: str = "develops",
        include_non_school: bool = False,
        survey: Survey | None = None,
        log: ActivityLog | None = None,
        members: TeamMembers | None = None,
        plan: Plan | None = None,
        as_of: DateLike | None = None,
    ) -> None:
        roster = checked_roster(roster)
        self.roster = roster if include_non_school else roster.schools_only()
        self.survey = survey
        self.log = log
        self.members = members
        self.plan = plan
        self.as_of = as_of
        self.model = None if model is None else get_model(model)
        self.policy = get_policy(policy)
        self.time = get_time_model(time)
        self.cost_model = cost_model
        self.span_target = span_target
        self.relation = relation
        self._cache: dict[tuple[Any, ...], Any] = {}

    def _kept(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        if key not in self._cache:
            self._cache[key] = compute()
        result: T = self._cache[key]
        return result

    # ------------------------------------------------------------ metrics

    def summary(self) -> pd.DataFrame:
        """One row per school (:func:`~leadmodel.school_summary`), from :meth:`coverage`: the
        columns it shows depend neither on team memberships nor on the relation."""
        return self._kept(("summary",), lambda: summary_from_gaps(self.roster, self.coverage()))

    def spans(self) -> pd.DataFrame:
        """One row per leader (:func:`~leadmodel.span_of_control`)."""
        return self._kept(("spans",), lambda: span_of_control(self.roster, relation=self.relation))

    def span_matrix(self) -> pd.DataFrame:
        """Leaders by layer and span band (:func:`~leadmodel.span_matrix`)."""
        return self._kept(("matrix",), lambda: span_matrix(self.roster, relation=self.relation))

    def coverage(self) -> CoverageGaps:
        """Coverage gaps for teachers, leaders and teams (:func:`~leadmodel.coverage_gaps`)."""
        if self.relation != "develops":
            return self._kept(
                ("coverage",),
                lambda: coverage_gaps(
                    self.roster, span_target=self.span_target, members=self.members
                ),
            )
        return self._kept(
            ("coverage",),
            lambda: coverage_from_spans(self.roster, self.spans(), self.span_target, self.members),
        )

    def observation(self) -> pd.DataFrame:
        """Observation load per leader (:func:`~leadmodel.observation_load`)."""
        if self.relation != "develops":
            return self._kept(
                ("observation",),
                lambda: observation_load(self.roster, policy=self.policy, time=self.time),
            )
        return self._kept(
            ("observation",),
            lambda: load_from_spans(self.roster, self.spans(), self.policy, self.time),
        )

    def observation_summary(self, by: str = "school_id") -> pd.DataFrame:
        """Observation load per school or district (:func:`~leadmodel.observation_summary`)."""
        return self._kept(
            ("observation_summary", by),
            lambda: summary_from_load(self.roster, self.policy, self.observation(), by),
        )

    def compliance(self) -> ComplianceReport:
        """Compliance with the analysis's model (:func:`~leadmodel.compliance`)."""
        model = self._need_model()
        gaps = self.coverage() if self.span_target == DEFAULT_SPAN_TARGET else None
        preset = POLICIES.get(self.policy.key) == self.policy and self.time.key == "default"
        loads = {self.policy.key: self.observation()} if preset else {}
        return self._kept(
            ("compliance",),
            lambda: compliance_from(self.roster, model, gaps=gaps, loads=loads),
        )

    def district_view(self) -> DistrictView:
        """Measured against declared tightness (:func:`~leadmodel.district_view`)."""
        return self._kept(("district_view",), lambda: district_view(self.compliance(), self.roster))

    def cost(self) -> pd.DataFrame:
        """Leadership cost per school (:func:`~leadmodel.cost`)."""
        return self._kept(("cost",), lambda: cost(self.roster, self.cost_model))

    def scenarios(self, models: Iterable[str | LeadershipModel]) -> dict[str, Roster]:
        """Today's roster and the roster re-staffed in each model's pattern, by model key."""
        out = {"today": self.roster}
        for m in (get_model(m) for m in models):
            key = ("scenario", m.key, m.model_dump_json())
            if key not in self._cache:
                self._cache[key] = apply_model(self.roster, m)
            out[m.key] = self._cache[key]
        return out

    def compare(self, models: Iterable[str | LeadershipModel]) -> pd.DataFrame:
        """Today against each model's re-staffing: the long table of :func:`~leadmodel.compare`."""
        chosen = [get_model(m) for m in models]
        scenarios = self.scenarios(chosen)
        key = ("compare", *(m.model_dump_json() for m in chosen))
        return self._kept(
            key,
            lambda: compare(
                scenarios, policy=self.policy, model=self.model, cost_model=self.cost_model
            ),
        )

    # ------------------------------------------------------------ evidence

    def nps(self, by: str = "model") -> pd.DataFrame:
        """Teacher Net Promoter Score by ``by`` (:func:`~leadmodel.net_promoter_score`)."""
        survey = self._need("survey")
        return self._kept(
            ("nps", by),
            lambda: net_promoter_score(
                survey, by=by, roles=["teacher", "teacher_leader"], roster=self.roster
            ),
        )

    def felt_responsibility(self) -> pd.DataFrame:
        """Felt against formal responsibility by role (:func:`~leadmodel.felt_responsibility`)."""
        survey = self._need("survey")
        return self._kept(("felt",), lambda: felt_responsibility(self.roster, survey=survey))

    def advice_overlay(self) -> AdviceOverlay:
        """The advice network against the formal links (:func:`~leadmodel.advice_overlay`)."""
        survey = self._need("survey")
        return self._kept(("advice",), lambda: advice_overlay(self.roster, survey=survey))

    def actuals(self) -> ObservationActuals:
        """Visits made against the policy (:func:`~leadmodel.observation_actuals`)."""
        log = self._need("log")
        return self._kept(
            ("actuals",),
            lambda: observation_actuals(self.roster, log=log, policy=self.policy, as_of=self.as_of),
        )

    def dosage(self) -> CoachingDosage:
        """Coaching dosage per teacher (:func:`~leadmodel.coaching_dosage`)."""
        log = self._need("log")
        return self._kept(
            ("dosage",), lambda: coaching_dosage(self.roster, log=log, as_of=self.as_of)
        )

    def ilt(self) -> ILTCheck:
        """The instructional leadership teams (:func:`~leadmodel.ilt_check`)."""
        return self._kept(
            ("ilt",),
            lambda: ilt_check(self.roster, log=self.log, members=self.members, as_of=self.as_of),
        )

    def _need(self, what: Literal["survey", "log"]) -> Any:
        given = self.survey if what == "survey" else self.log
        if given is None:
            reader = "read_survey" if what == "survey" else "read_log"
            raise DefinitionError(
                f"This analysis has no {what}: pass {what}= (from lm.{reader}) to Analysis."
            )
        return given

    # ------------------------------------------------------------ the strategic plan

    def initiative_load(self) -> InitiativeLoad:
        """The plan's initiatives against each leader's capacity left after observation and
        coaching, under the analysis's policy and time model
        (:func:`~leadmodel.initiative_load`)."""
        plan = self._need_plan()
        return self._kept(
            ("initiative_load",),
            lambda: initiative_load(self.roster, plan, observation=self.observation()),
        )

    def focus(self) -> pd.DataFrame:
        """Initiatives and priorities per school (:func:`~leadmodel.clarity_of_focus`): the
        focus columns of :meth:`initiative_load`'s school table, which holds them."""
        return self._kept(("focus",), lambda: self.initiative_load().schools[FOCUS_COLUMNS])

    @property
    def plan_date(self) -> date:
        """The date the rocks are measured on: ``as_of``, else the plan's latest update."""
        return plan_as_of(self._need_plan(), self.as_of)

    def rocks(self, stall_days: int = STALL_DAYS) -> RockStatus:
        """Each rock's state on :attr:`plan_date` (:func:`~leadmodel.rock_status`)."""
        plan = self._need_plan()
        return self._kept(
            ("rocks", stall_days),
            lambda: rock_status(plan, self.plan_date, stall_days=stall_days),
        )

    def abandonment(self, window_days: int = ROCK_DAYS) -> pd.DataFrame:
        """Initiatives a strategic-abandonment review should look at, with their reasons, on
        :attr:`plan_date` (:func:`~leadmodel.abandonment_candidates`)."""
        plan = self._need_plan()
        return self._kept(
            ("abandonment", window_days),
            lambda: abandonment_candidates(
                self.roster, plan, self.plan_date, window_days=window_days,
                load=self.initiative_load(),
            ),
        )  # fmt: skip

    def _need_plan(self) -> Plan:
        if self.plan is None:
            raise DefinitionError(
                "This analysis has no strategic plan: pass plan= (read it with read_plan, or "
                "use load_sample('district_plan'))."
            )
        return self.plan

    def _need_model(self) -> LeadershipModel:
        if self.model is None:
            raise DefinitionError(
                "This analysis has no leadership model: pass model= (for example "
                "Analysis(roster, model='denver')); `leadmodel models` lists the presets."
            )
        return self.model

    # ------------------------------------------------------------ tables

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every output table under a stable name, index reset into columns.

        Names: ``school_summary``, ``spans``, ``span_matrix``, ``coverage_teachers``,
        ``coverage_leaders``, ``coverage_teams``, ``observation_load``,
        ``observation_summary``, ``cost``, ``issues``, ``accounting``, and with a
        model ``compliance_rules`` and ``compliance_schools``; with a survey the
        ``survey_*`` tables (NPS by model, felt responsibility, the advice overlay's three
        tables, its issues), with a log the ``log_*`` ones (actuals per teacher, leader and
        school, dosage per teacher and school, the ILT per school, its issues); with a plan
        ``plan_people``, ``plan_schools``, ``plan_teams``, ``plan_roles``,
        ``plan_initiatives``, ``plan_issues``, ``plan_accounting`` and, when there is a date
        to measure them on, ``rocks``, ``rocks_by_owner``, ``rocks_by_school`` and
        ``abandonment_candidates``. Columns are defined in ``docs/glossary.md``.
        """
        gaps = self.coverage()
        frames: dict[str, pd.DataFrame] = {
            "school_summary": self.summary(),
            "spans": self.spans(),
            "span_matrix": self.span_matrix(),
            "coverage_teachers": gaps.teachers,
            "coverage_leaders": gaps.leaders,
            "coverage_teams": gaps.teams,
            "observation_load": self.observation(),
            "observation_summary": self.observation_summary(),
            "cost": self.cost(),
            "issues": self.roster.issues,
            "accounting": self.roster.accounting(),
        }
        if self.model is not None:
            report = self.compliance()
            frames["compliance_rules"] = report.rules
            frames["compliance_schools"] = report.schools
        frames.update(self._evidence_tables())
        if self.plan is not None:
            frames |= self._plan_tables()
        return {name: _flat(frames[name]) for name in sorted(frames)}

    def _evidence_tables(self) -> dict[str, pd.DataFrame]:
        """The survey's and the log's tables, when the analysis has them."""
        frames: dict[str, pd.DataFrame] = {}
        if self.survey is not None:
            overlay = self.advice_overlay()
            frames |= {
                "survey_nps": self.nps(),
                "survey_felt_responsibility": self.felt_responsibility(),
                "survey_advice_teachers": overlay.teachers,
                "survey_advice_leaders": overlay.leaders,
                "survey_advice_schools": overlay.schools,
                "survey_issues": self.survey.issues,
            }
        if self.log is not None:
            actuals, dosage, ilt = self.actuals(), self.dosage(), self.ilt()
            frames |= {
                "log_actuals_teachers": actuals.teachers,
                "log_actuals_leaders": actuals.leaders,
                "log_actuals_schools": actuals.schools,
                "log_dosage_teachers": dosage.teachers,
                "log_dosage_schools": dosage.schools,
                "log_ilt_schools": ilt.schools,
                "log_issues": self.log.issues,
            }
        return frames

    def _plan_tables(self) -> dict[str, pd.DataFrame]:
        """The plan's measures, by the names :meth:`tables` gives them."""
        load = self.initiative_load()
        frames = {
            "plan_people": load.people,
            "plan_schools": load.schools,
            "plan_teams": load.teams,
            "plan_roles": load.roles,
            "plan_initiatives": load.initiatives,
            "plan_issues": self._need_plan().issues,
            "plan_accounting": self._need_plan().accounting(),
        }
        if self.has_plan_date:
            rocks = self.rocks()
            frames |= {
                "rocks": rocks.rocks,
                "rocks_by_owner": rocks.by_owner,
                "rocks_by_school": rocks.by_school,
                "abandonment_candidates": self.abandonment(),
            }
        return frames

    @property
    def has_plan_date(self) -> bool:
        """Whether there is a date to measure the plan's rocks on: ``as_of``, or an update.

        >>> import leadmodel as lm
        >>> sample = lm.load_sample("district_plan")
        >>> lm.Analysis(sample.roster, plan=sample.plan).has_plan_date
        True
        """
        return self.as_of is not None or self._need_plan().latest_update is not None

    def export(self, path: str | Path, *, format: TableFormat = "csv") -> list[Path]:
        """Write every table of :meth:`tables` (see :func:`export_tables`)."""
        return export_tables(self.tables(), path, format=format)

    # ------------------------------------------------------------ display

    def headline(self) -> dict[str, object]:
        """The few numbers a first look needs, by label."""
        summary = self.summary()
        load = self.observation()
        teachers = int(summary["teachers"].sum())
        developed = (summary["share_developed_within_target"].fillna(0) * summary["teachers"]).sum()
        out: dict[str, object] = {
            "schools": len(summary),
            "staff rows": len(self.roster.staff),
            "teachers": teachers,
            "leaders with a span": int((self.spans()["span"] > 0).sum()),
            "largest span": int(self.spans()["span"].max()) if len(self.spans()) else 0,
            f"teachers developed within {self.span_target}": (
                f"{developed / teachers:.0%}" if teachers else "n/a"
            ),
            f"leaders over observation capacity ({self.policy.key})": int(
                load["over_capacity"].sum()
            ),
            "most loaded leader's utilisation": (
                f"{float(load['utilisation'].max()):.0%}"
                if load["utilisation"].notna().any()
                else "n/a"
            ),
            "issues while loading": len(self.roster.issues),
        }
        if self.model is not None:
            schools = self.compliance().schools
            full = int((schools["tight_passed"] == schools["tight_rules"]).sum())
            out[f"schools meeting every tight rule of {self.model.key}"] = (
                f"{full} of {len(schools)}"
            )
        if self.plan is not None:
            out |= self._plan_headline()
        return out

    def _plan_headline(self) -> dict[str, object]:
        """The plan's first numbers: initiatives, leaders over capacity, rocks, candidates."""
        init = self.initiative_load().initiatives
        people = self.initiative_load().people
        leaders = people[people["leader"]]
        out: dict[str, object] = {
            "initiatives (serving a priority)": f"{len(init)} ({int(init['aligned'].sum())})",
            "leaders over capacity with the initiatives": (
                f"{int(leaders['over_capacity_after'].fillna(False).sum())} of {len(leaders)}"
            ),
        }
        if self.has_plan_date:
            states = self.rocks().rocks["status"]
            stuck = int(states.isin(["late", "stalled"]).sum())
            out[f"rocks late or stalled on {self.plan_date}"] = f"{stuck} of {len(states)}"
            out["initiatives to review for abandonment"] = len(self.abandonment())
        return out

    def __repr__(self) -> str:
        model = self.model.key if self.model else "none"
        return f"<Analysis of {self.roster!r}, model {model}, policy {self.policy.key}>"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><th style='text-align:left'>{html.escape(str(k))}</th>"
            f"<td>{html.escape(str(v))}</td></tr>"
            for k, v in self.headline().items()
        )
        planned = (
            "; for the plan initiative_load(), focus(), rocks(), abandonment()"
            if self.plan is not None
            else ""
        )
        return (
            f"<div><strong>leadmodel Analysis</strong> of "
            f"{html.escape(str(self.roster.source.get('name', 'a roster')))}"
            f"<table>{rows}</table>"
            "<p>Methods: summary(), spans(), coverage(), observation(), compliance(), "
            f"cost(), compare([...]), tables(), export(path){planned}.</p></div>"
        )


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with its index as leading columns (a plain RangeIndex is dropped)."""
    if isinstance(frame.index, pd.RangeIndex) and frame.index.name is None:
        return frame.reset_index(drop=True)
    out = frame.reset_index()
    out.columns = [str(c) for c in out.columns]
    return out
