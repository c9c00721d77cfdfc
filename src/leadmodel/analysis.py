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
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from leadmodel.cost import cost
from leadmodel.errors import DefinitionError
from leadmodel.metrics.compliance import (
    ComplianceReport,
    DistrictView,
    compliance_from,
    district_view,
)
from leadmodel.metrics.coverage import (
    DEFAULT_SPAN_TARGET,
    CoverageGaps,
    coverage_from_spans,
    coverage_gaps,
)
from leadmodel.metrics.observation import load_from_spans, observation_load, observation_summary
from leadmodel.metrics.spans import span_matrix, span_of_control
from leadmodel.models import CostModel, LeadershipModel, ObservationPolicy, TimeModel
from leadmodel.presets.leadership import get_model
from leadmodel.presets.policies import POLICIES, get_policy, get_time_model
from leadmodel.roster import Roster
from leadmodel.scenarios import apply_model, compare
from leadmodel.summary import school_summary
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
    ) -> None:
        self.roster = roster if include_non_school else roster.schools_only()
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
        """One row per school (:func:`~leadmodel.school_summary`)."""
        return self._kept(
            ("summary",), lambda: school_summary(self.roster, span_target=self.span_target)
        )

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
                ("coverage",), lambda: coverage_gaps(self.roster, span_target=self.span_target)
            )
        return self._kept(
            ("coverage",), lambda: coverage_from_spans(self.roster, self.spans(), self.span_target)
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
            lambda: observation_summary(self.roster, policy=self.policy, time=self.time, by=by),
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
        model ``compliance_rules`` and ``compliance_schools``. Columns are defined
        in ``docs/glossary.md``.
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
        return {name: _flat(frames[name]) for name in sorted(frames)}

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
        return (
            f"<div><strong>leadmodel Analysis</strong> of "
            f"{html.escape(str(self.roster.source.get('name', 'a roster')))}"
            f"<table>{rows}</table>"
            "<p>Methods: summary(), spans(), coverage(), observation(), compliance(), "
            "cost(), compare([...]), tables(), export(path).</p></div>"
        )


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with its index as leading columns (a plain RangeIndex is dropped)."""
    if isinstance(frame.index, pd.RangeIndex) and frame.index.name is None:
        return frame.reset_index(drop=True)
    out = frame.reset_index()
    out.columns = [str(c) for c in out.columns]
    return out
