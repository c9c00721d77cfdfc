"""Tight/loose compliance of schools with a leadership model, and the district view.

:func:`compliance` measures every rule of a :class:`~leadmodel.LeadershipModel`
(or a preset name, see :func:`~leadmodel.list_models`) in every school: a tight
rule passes or fails; a loose rule records the value the school chose and
whether it lies in the allowed range. :func:`district_view` shows how much
schools vary element by element, a measured tightness next to the declared
one, results by pilot wave and the schools furthest from the model.
:func:`classify_model` says which reference model each school is closest to.

Examples
--------
>>> import leadmodel as lm
>>> report = lm.compliance(lm.load_sample("denver_team_lead"), "denver")
>>> float(report.schools.loc["S-DEN", "score"])
1.0
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from functools import cached_property
from typing import NamedTuple

import numpy as np
import pandas as pd
from pandas.api.extensions import ExtensionArray

from leadmodel.errors import DefinitionError
from leadmodel.graph import as_roster
from leadmodel.metrics.coded import coded, index_from_codes, joined_by_group
from leadmodel.metrics.coverage import CoverageGaps, coverage_gaps
from leadmodel.metrics.ilt import ILT
from leadmodel.metrics.observation import observation_load
from leadmodel.metrics.spans import ArrayLike, Data, arrays, floats, looked_up, typed
from leadmodel.models import RULE_METRICS, LeadershipModel, Rule
from leadmodel.presets.leadership import ILT_MODEL, MODELS, get_model
from leadmodel.readers.log import ActivityLog, DateLike, TeamMembers
from leadmodel.roles import ROLE_CATEGORY
from leadmodel.roster import STRING, Roster

__all__ = [
    "ComplianceReport",
    "DistrictView",
    "ILTCheck",
    "classify_model",
    "compliance",
    "district_view",
    "ilt_check",
    "tightness_text",
]

_OPS: dict[str, Callable[[np.ndarray, float], np.ndarray]] = {
    "<=": operator.le,
    ">=": operator.ge,
    "<": operator.lt,
    ">": operator.gt,
    "==": operator.eq,
}


class ComplianceReport(NamedTuple):
    """``rules``: one row per school and rule; ``schools``: one row per school."""

    rules: pd.DataFrame
    schools: pd.DataFrame
    model: LeadershipModel


class DistrictView(NamedTuple):
    """The district view of a :class:`ComplianceReport` (see :func:`district_view`)."""

    elements: pd.DataFrame
    tightness: pd.Series
    waves: pd.DataFrame
    furthest: pd.DataFrame


class _Measures:
    """Per-school measurements shared by all rules of one compliance run.

    ``details`` holds, per rule metric and role, a text per school that the reason of a
    failing (or unmeasurable) rule adds: the ILT metrics name who or which team is missing.
    """

    def __init__(
        self,
        roster: Roster,
        *,
        log: ActivityLog | None = None,
        members: TeamMembers | None = None,
        as_of: DateLike | None = None,
        ilt: ILT | None = None,
    ) -> None:
        self.roster = roster
        self.schools = pd.Index(roster.schools["school_id"].astype("string"), name="school_id")
        if ilt is not None:
            self.__dict__["ilt"] = ilt  # fills the cached property
        self._loads: dict[str, pd.DataFrame] = {}
        self._log = log
        self._members = members
        self._as_of = as_of
        self.details: dict[tuple[str, str | None], pd.Series] = {}

    @cached_property
    def gaps(self) -> CoverageGaps:
        return coverage_gaps(self.roster, members=self._members)

    @cached_property
    def ilt(self) -> ILT:
        return ILT(self.roster, members=self._members, log=self._log, as_of=self._as_of)

    def per_school(
        self, values: np.ndarray, index: pd.Index, how: str, rows: np.ndarray | None = None
    ) -> np.ndarray:
        """Per school of :attr:`schools`, ``how`` (``"max"``, ``"mean"``...) of the ``values``
        of the rows of a table indexed by ``index`` (its ``school_id`` and another id), of the
        ``rows`` chosen only if given; ``nan`` where a school has no value."""
        assert isinstance(index, pd.MultiIndex)
        level = index.names.index("school_id")
        school = index.codes[level]
        if rows is not None:
            values, school = values[rows], school[rows]
        return self.on_schools(
            _grouped(values, school, len(index.levels[level]), how), index.levels[level]
        )

    def on_schools(self, values: np.ndarray, schools: pd.Index) -> np.ndarray:
        """``values`` given per school of ``schools`` (unique), for :attr:`schools` in order
        (``nan`` for a school not among them)."""
        found: np.ndarray = np.append(values, np.nan)[schools.get_indexer(self.schools)]
        return found

    def load(self, policy: str) -> pd.DataFrame:
        if policy not in self._loads:
            self._loads[policy] = observation_load(self.roster, policy=policy)
        return self._loads[policy]


def _grouped(values: np.ndarray, group: np.ndarray, n: int, how: str) -> np.ndarray:
    """Per group ``0 .. n-1`` (-1: none), ``how`` of its ``values`` by pandas' grouped
    reductions (missing values skipped, sums compensated); ``nan`` for a group with none."""
    out = np.full(n, np.nan)
    known = group >= 0
    if known.any():
        found = getattr(pd.Series(values[known]).groupby(group[known]), how)()
        out[found.index.to_numpy()] = found.to_numpy(dtype=np.float64)
    return out


def holding(role: ArrayLike, wanted: str | None) -> np.ndarray:
    """Whether each ``role`` is the role ``wanted`` or one of its category (every row when
    ``None``).

    >>> holding(np.array(["principal", "dean", "teacher", None]), "administrator").tolist()
    [True, True, False, False]
    """
    if wanted is None:
        return np.ones(len(role), dtype=bool)
    roles = {wanted, *(r for r, category in ROLE_CATEGORY.items() if category == wanted)}
    return looked_up(role, dict.fromkeys(roles, True), False).astype(bool)


def _developed_by_role(m: _Measures, role: str | None) -> np.ndarray:
    """Per school, the share of teachers developed by someone of ``role`` (role or category;
    anyone on the staff table when ``None``)."""
    c = coded(m.roster)
    lead, led = c.edges(["develops"])
    by = c.role[lead]
    match = (by == role) | (c.category[lead] == role) if role else pd.notna(by)
    hit = np.zeros(c.n, dtype=bool)
    hit[led[match]] = True
    teachers = np.flatnonzero(c.teaches)
    school = c.school[teachers]
    n = np.bincount(school, minlength=len(c.schools))
    share = np.bincount(school, hit[teachers], minlength=len(c.schools)) / np.maximum(n, 1)
    return m.on_schools(np.where(n > 0, share, np.nan), c.schools)


#: The rule metrics measured on each leader of the coverage table (holders of the rule's
#: role): the column and how a school's values are combined.
LEADER_METRICS = {
    "max_span": ("span", "max"),
    "median_span": ("span", "median"),  # of the leaders who develop anyone
    "min_release": ("release_fte", "min"),
    "max_release": ("release_fte", "max"),
    "mean_release": ("release_fte", "mean"),
    "share_with_evaluation_role": ("covers_evaluation", "mean"),
    "share_end_to_end": ("end_to_end", "mean"),
    "share_facilitation_only": ("facilitation_only", "mean"),
}


def _measure(m: _Measures, rule: Rule) -> np.ndarray:
    """A rule's metric in each school of ``m.schools`` (``nan``: not measurable)."""
    metric = rule.metric
    if metric in LEADER_METRICS:
        leaders = m.gaps.leaders
        column, how = LEADER_METRICS[metric]
        values = floats(leaders[column].array)
        held = holding(leaders["role"].array, rule.role)
        if metric == "median_span":
            held &= values > 0
        return m.per_school(values, leaders.index, how, held)
    # teacher teams: coverage_gaps leaves instructional leadership teams out
    if metric == "share_teams_coherent":
        return m.per_school(floats(m.gaps.teams["coherent"].array), m.gaps.teams.index, "mean")
    if metric in ("min_team_size", "max_team_size"):
        how = metric.removesuffix("_team_size")
        return m.per_school(floats(m.gaps.teams["members"].array), m.gaps.teams.index, how)
    if metric == "share_teachers_with_developer":
        teachers = m.gaps.teachers
        with_one = (~teachers["no_developer"].to_numpy(dtype=bool)).astype(float)
        return m.per_school(with_one, teachers.index, "mean")
    if metric == "share_teachers_fragmented":
        teachers = m.gaps.teachers
        return m.per_school(floats(teachers["fragmented"].array), teachers.index, "mean")
    if metric == "role_count":  # the staff rows are the first nodes of the coding
        c = coded(m.roster)
        held = holding(c.role[: c.n_staff], rule.role)
        counts = np.bincount(c.school[: c.n_staff][held], minlength=len(c.schools))
        found = m.on_schools(counts.astype(np.float64), c.schools)
        return np.where(np.isnan(found), 0.0, found)  # a school nobody works in: none
    if metric == "share_teachers_developed_by_role":
        return _developed_by_role(m, rule.role)
    if metric == "max_utilisation":
        load = m.load(rule.policy or "bain_10_spot_1_formal")
        held = holding(load["role"].array, rule.role)
        return m.per_school(floats(load["utilisation"].array), load.index, "max", held)
    if metric.startswith("ilt_"):
        ilt: np.ndarray = _measure_ilt(m, rule).to_numpy(dtype=np.float64, na_value=np.nan)
        return ilt
    raise AssertionError(
        f"metric {metric!r} is in RULE_METRICS but not measured"
    )  # pragma: no cover


def _measure_ilt(m: _Measures, rule: Rule) -> pd.Series:
    """The ILT metrics (see :func:`leadmodel.ilt_check`); details name who is missing."""
    metric = rule.metric
    if metric == "ilt_members":
        return m.ilt.count().reindex(m.schools).astype("Float64")
    if metric == "ilt_share_role_included":
        values, detail = m.ilt.role_included(rule.role)
    elif metric == "ilt_share_team_leads_included":
        values, detail = m.ilt.team_leads_included()
    elif metric == "ilt_meeting_interval_days":
        values, detail = m.ilt.meeting_interval()
    else:  # pragma: no cover
        raise AssertionError(f"metric {metric!r} is in RULE_METRICS but not measured")
    m.details[(metric, rule.role)] = detail.reindex(m.schools)
    return values.reindex(m.schools).astype("Float64")


def _requirement(rule: Rule) -> str:
    if rule.kind == "loose":
        return f"{rule.low:g} to {rule.high:g}"
    return f"{rule.op} {rule.threshold:g}"


def _passes(rule: Rule, values: np.ndarray) -> np.ndarray:
    """Whether each measured value meets the rule (a tight rule) or lies in its allowed range
    (a loose one); a value that could not be measured (``nan``) never does."""
    if rule.kind == "loose":
        assert rule.low is not None and rule.high is not None
        return (values >= rule.low) & (values <= rule.high)
    assert rule.threshold is not None
    return np.asarray(_OPS[rule.op](values, rule.threshold), dtype=bool)


def _reason(rule: Rule, value: float, detail: str | None = None) -> str:
    """Why the rule fails at ``value`` (``nan``: not measurable), in words; ``detail`` (who
    is missing) is appended."""
    what = RULE_METRICS[rule.metric] + (f" ({rule.role})" if rule.role else "")
    if np.isnan(value):
        if detail:
            return f"{rule.element}: cannot be measured in this school: {detail} ({what})."
        return (
            f"{rule.element}: cannot be measured in this school: it has no "
            f"{rule.role or 'teams or teachers'} with anyone to measure ({what})."
        )
    more = f" {detail[0].upper()}{detail[1:]}." if detail else ""
    if rule.kind == "loose":
        return (
            f"{rule.element}: the school's choice, {value:.3g}, is outside the allowed "
            f"range {rule.low:g} to {rule.high:g} ({what}).{more}"
        )
    return (
        f"{rule.element}: measured {value:.3g}, the model requires "
        f"{rule.op} {rule.threshold:g} ({what}).{more}"
    )


def _rule_results(m: _Measures, rule: Rule) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One rule in every school (in ``m.schools`` order): values, passed, reasons."""
    values = _measure(m, rule)
    details = m.details.get((rule.metric, rule.role))
    detail = None if details is None else details.astype(object).to_numpy()
    passed = _passes(rule, values)
    reasons = np.full(len(values), None, dtype=object)
    said: dict[tuple[float | None, str | None], str] = {}  # schools failing alike share words
    for i in np.flatnonzero(~passed):
        why = None if detail is None or pd.isna(detail[i]) else str(detail[i])
        value = float(values[i])
        key = (None if np.isnan(value) else value, why)
        if key not in said:
            said[key] = _reason(rule, value, why)
        reasons[i] = said[key]
    return values, passed, reasons


def _measured_rules(m: _Measures, model: LeadershipModel) -> pd.DataFrame:
    """One row per school and rule, schools in order and each school's rules in model order."""
    results = [_rule_results(m, rule) for rule in model.rules]
    # a sorted level (pandas slices by codes when they look sorted), rows in model order
    rule_codes, rule_keys = pd.factorize(
        pd.Index([r.key for r in model.rules], dtype="string"), sort=True
    )
    n_rules, n_schools = len(model.rules), len(m.schools)

    def per_row(values: list[np.ndarray]) -> np.ndarray:  # (rule, school) -> school-major rows
        if not values:
            return np.array([], dtype=object)
        return np.stack(values).T.ravel()

    def each_rule(attribute: Callable[[Rule], object]) -> ExtensionArray:
        return pd.array(
            np.tile(np.array([attribute(r) for r in model.rules], dtype=object), n_schools),
            dtype="string",
        )

    return pd.DataFrame(
        {
            "element": each_rule(lambda r: r.element),
            "kind": each_rule(lambda r: r.kind),
            "metric": each_rule(lambda r: r.metric),
            "role": each_rule(lambda r: r.role),
            "requirement": each_rule(_requirement),
            "value": pd.array(
                per_row([v for v, _, _ in results]).astype(np.float64), dtype="Float64"
            ),
            "passed": per_row([p for _, p, _ in results]).astype(bool),
            "reason": pd.array(per_row([r for _, _, r in results]), dtype="string"),
        },
        index=index_from_codes(
            [m.schools, rule_keys],
            [np.repeat(np.arange(n_schools), n_rules), np.tile(rule_codes, n_schools)],
            ["school_id", "rule"],
        ),
    )


def _school_scores(rules: pd.DataFrame) -> pd.DataFrame:
    """Per school (rows of ``rules`` are in school order): rules met and the failures' reasons."""
    school, schools = pd.factorize(rules.index.get_level_values("school_id"))
    n = len(schools)
    columns = arrays(rules, ["passed", "kind", "reason"])
    passed = columns["passed"].to_numpy(dtype=bool)
    tight = columns["kind"].to_numpy() == "tight"

    def count(mask: np.ndarray) -> np.ndarray:
        return np.bincount(school[mask], minlength=n).astype(np.int64)

    tight_rules, failures = count(tight), count(~passed)
    tight_passed = count(tight & passed)
    scores = {
        "tight_rules": tight_rules,
        "tight_passed": tight_passed,
        "score": typed(tight_passed / np.where(tight_rules > 0, tight_rules, np.nan), "Float64"),
        "loose_rules": count(~tight),
        "loose_within_range": count(~tight & passed),
        "failures": failures,
        "reasons": joined_by_group(columns["reason"].to_numpy()[~passed], failures, " "),
    }
    index = pd.Index(schools, name="school_id", dtype="string")
    out = pd.DataFrame(scores, index=index)
    return out if index.is_monotonic_increasing else out.sort_index()


def compliance(
    data: Data,
    model: str | LeadershipModel,
    *,
    log: ActivityLog | None = None,
    members: TeamMembers | None = None,
    as_of: DateLike | None = None,
) -> ComplianceReport:
    """Check every school against every rule of a leadership model.

    Parameters
    ----------
    data
        A roster or its graph.
    model
        A :class:`~leadmodel.LeadershipModel` or a preset name (``"denver"``).
    log
        An activity log (:func:`~leadmodel.read_log`), read by the rule metric
        ``ilt_meeting_interval_days`` (ILT meetings); other metrics ignore it.
    members
        Second team memberships (``school_id``, ``team_id``, ``staff_id``; see
        :func:`~leadmodel.ilt_check`), read by the ILT rule metrics.
    as_of
        The date ILT meetings in ``log`` are measured to (default: the log's latest
        event; see :func:`~leadmodel.ilt_check`).

    Returns
    -------
    ComplianceReport
        ``rules``: indexed by ``(school_id, rule)``, with ``element``, ``kind``
        (tight/loose), ``metric``, ``role``, ``requirement``, ``value`` (the
        measured value; for a loose rule, the school's choice), ``passed``
        (tight: the rule holds; loose: the choice lies in the allowed range)
        and ``reason`` (why it failed, in words). ``schools``: indexed by
        ``school_id``, with ``tight_rules``, ``tight_passed``, ``score``
        (share of tight rules met), ``loose_rules``, ``loose_within_range``,
        ``failures`` and ``reasons``.
    """
    return compliance_from(as_roster(data), get_model(model), log=log, members=members, as_of=as_of)


def compliance_from(
    roster: Roster,
    model: LeadershipModel,
    *,
    gaps: CoverageGaps | None = None,
    loads: dict[str, pd.DataFrame] | None = None,
    log: ActivityLog | None = None,
    members: TeamMembers | None = None,
    as_of: DateLike | None = None,
    ilt: ILT | None = None,
) -> ComplianceReport:
    """:func:`compliance` reusing measurements already made (as ``Analysis`` has).

    ``gaps`` must be ``coverage_gaps(roster)`` (default span target), ``loads`` map a
    policy key to ``observation_load(roster, policy=key)`` (default time model), and ``ilt``
    be ``ILT(roster, members=members, log=log, as_of=as_of)``.
    """
    measures = _Measures(roster, log=log, members=members, as_of=as_of, ilt=ilt)
    if gaps is not None:
        measures.__dict__["gaps"] = gaps  # fills the cached property
    measures._loads.update(loads or {})
    rules = _measured_rules(measures, model)
    return ComplianceReport(rules=rules, schools=_school_scores(rules), model=model)


def _elements(flat: pd.DataFrame, model: LeadershipModel, agreement: float) -> pd.DataFrame:
    """Per rule: spread of values across schools and whether the element is held in common."""
    rows = []
    for rule in model.rules:
        part = flat[flat["rule"] == rule.key]
        values = part["value"].dropna().astype(float)
        if rule.kind == "tight":
            modal_share = float(part["passed"].mean()) if len(part) else float("nan")
        else:
            rounded = values.round(3)
            modal_share = float(rounded.value_counts().iloc[0] / len(part)) if len(values) else 0.0
        rows.append(
            {
                "rule": rule.key,
                "kind": rule.kind,
                "schools_measured": len(values),
                "share_passed": float(part["passed"].mean()) if len(part) else float("nan"),
                "value_min": values.min() if len(values) else np.nan,
                "value_median": values.median() if len(values) else np.nan,
                "value_max": values.max() if len(values) else np.nan,
                "modal_share": modal_share,
                "held_in_common": modal_share >= agreement,
            }
        )
    return pd.DataFrame(rows).set_index("rule")


def district_view(
    report: ComplianceReport, roster: Roster, *, agreement: float = 0.9, furthest: int = 10
) -> DistrictView:
    """How tight the district really is, element by element and wave by wave.

    An element (rule) is **held in common** when at least ``agreement`` of the
    schools (default 90%) have the same result: for a tight rule, they meet it;
    for a loose rule, they made the same choice (the modal value, to 3
    decimals). The measured tightness is the share of elements held in common;
    the declared tightness is the model's ``declared_tight_share``, or else the
    share of its rules that are tight.

    Returns
    -------
    DistrictView
        ``elements`` (per rule: ``kind``, ``schools_measured``,
        ``share_passed``, ``value_min``, ``value_median``, ``value_max``,
        ``modal_share``, ``held_in_common``); ``tightness`` (``declared``,
        ``measured``, ``elements``, ``schools``; with one school, ``measured`` is
        only the share of elements that school meets, see :func:`tightness_text`);
        ``waves`` (per pilot wave: ``schools``,
        ``mean_score``, ``share_fully_compliant``, ``measured_tightness`` among
        that wave's schools); ``furthest`` (the schools
        with the lowest scores, most failures first).
    """
    flat = report.rules.reset_index()
    elements = _elements(flat, report.model, agreement)
    declared = report.model.declared_tight_share
    if declared is None:
        declared = float(np.mean([r.kind == "tight" for r in report.model.rules]))
    tightness = pd.Series(
        {
            "declared": declared,
            "measured": float(elements["held_in_common"].mean()),
            "elements": float(len(elements)),
            "schools": float(len(report.schools)),
        }
    )
    scores = report.schools.join(roster.schools.set_index("school_id")[["pilot_wave"]])
    wave = scores["pilot_wave"].astype("object").where(scores["pilot_wave"].notna(), "none")
    grouped = scores.groupby(wave)
    waves = pd.DataFrame(
        {
            "schools": grouped.size(),
            "mean_score": grouped["score"].mean().astype("Float64"),
            "share_fully_compliant": grouped["score"].apply(lambda s: float((s == 1).mean())),
        }
    )
    wave_of = wave.to_dict()
    waves["measured_tightness"] = [
        float(
            _elements(flat[flat["school_id"].map(wave_of) == w], report.model, agreement)[
                "held_in_common"
            ].mean()
        )
        for w in waves.index
    ]
    waves.index.name = "pilot_wave"
    worst = report.schools.sort_values(
        ["score", "failures"], ascending=[True, False], kind="mergesort"
    ).head(furthest)
    return DistrictView(
        elements=elements,
        tightness=tightness,
        waves=waves,
        furthest=worst[["score", "failures", "reasons"]],
    )


def tightness_text(view: DistrictView) -> str:
    """The declared and measured tightness in words, saying what one school can show.

    Tightness is agreement across schools, so a roster of one school cannot measure
    it: the sentence then says how many of the model's elements that school meets.

    >>> import leadmodel as lm
    >>> r = lm.load_sample("traditional_elementary")
    >>> text = tightness_text(lm.district_view(lm.compliance(r, "denver"), r))
    >>> text.split(": ")[-1]
    'the school meets 0 of the 5 elements (tight rules met, loose choices within range).'
    """
    t = view.tightness
    declared = f"Declared tightness {t['declared']:.2f}."
    if t["schools"] > 1:
        return f"{declared} Measured across {int(t['schools'])} schools: {t['measured']:.2f}."
    met = int(view.elements["share_passed"].fillna(0).sum())
    return (
        f"{declared} Tightness is agreement across schools and this roster has one school, "
        f"so it is not measured: the school meets {met} of the {int(t['elements'])} elements "
        "(tight rules met, loose choices within range)."
    )


def _specific_passes(rules: pd.DataFrame) -> pd.Series:
    flat = rules.reset_index()
    role = flat["role"]
    specific = (
        role.notna() & (role != "administrator") & ~role.map(ROLE_CATEGORY).eq("administrator")
    )
    hits = flat[(flat["kind"] == "tight") & flat["passed"] & specific.fillna(False).astype(bool)]
    return hits.groupby("school_id").size().astype(float)


def classify_model(data: Data, *, models: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Which reference model each school's actual structure is closest to.

    Each school is checked against every reference model's tight rules; the
    closest is the one with the highest share met. A tie is reported as one
    (``tie``, ``tied_with``) and broken, as ``tie_break`` says, by the model
    with more rules met that name a non-administrator role (the more specific
    evidence), then by the order of :func:`~leadmodel.list_models`.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``school_id``: ``closest_model``, ``score``,
        ``runner_up``, ``runner_up_score``, ``tie`` (another model has the
        same score), ``tied_with`` (those models), ``tie_break`` (how the tie
        was broken) and ``evidence`` (the closest model's tight rules met and
        missed).

    Examples
    --------
    >>> import leadmodel as lm
    >>> row = lm.classify_model(lm.load_sample("fresno_facilitation")).iloc[0]
    >>> row["closest_model"], bool(row["tie"]), row["tied_with"]
    ('fresno', True, 'green_dot')
    """
    roster = as_roster(data)
    measures = _Measures(roster)
    names = models or tuple(MODELS)
    scores = {}
    tables = {}
    for name in names:
        model = get_model(name)
        rules = _measured_rules(measures, model)
        tables[name] = rules
        scores[name] = _school_scores(rules)["score"].astype(float).fillna(0.0)
    score = pd.DataFrame(scores)
    # ties go to the model with more tight rules met that name a non-administrator role (more
    # specific evidence), then to the order of list_models()
    specific = pd.DataFrame({name: _specific_passes(tables[name]) for name in names})
    specific = specific.reindex(score.index).fillna(0)
    key = score.to_numpy() * 1000 + specific.to_numpy()
    ranked = np.argsort(-key, axis=1, kind="stable")
    out = pd.DataFrame(index=score.index)
    out["closest_model"] = [names[r[0]] for r in ranked]
    out["score"] = [score.iloc[i, r[0]] for i, r in enumerate(ranked)]
    out["runner_up"] = [names[r[1]] if len(names) > 1 else None for r in ranked]
    out["runner_up_score"] = [
        score.iloc[i, r[1]] if len(names) > 1 else np.nan for i, r in enumerate(ranked)
    ]
    ties = [_tie(score.iloc[i], specific.iloc[i], names[r[0]]) for i, r in enumerate(ranked)]
    out["tie"] = [bool(others) for others, _ in ties]
    out["tied_with"] = pd.Series([", ".join(o) or None for o, _ in ties], index=out.index)
    out["tie_break"] = pd.Series([why for _, why in ties], index=out.index)
    evidence = []
    for school_id, best in zip(out.index, out["closest_model"], strict=True):
        part = tables[best].xs(school_id, level="school_id")
        part = part[part["kind"] == "tight"]
        met = ", ".join(f"{k} ({v:.3g})" for k, v in part.loc[part["passed"], "value"].items())
        missed = ", ".join(
            f"{k} ({'n/a' if pd.isna(v) else format(v, '.3g')})"
            for k, v in part.loc[~part["passed"], "value"].items()
        )
        evidence.append(f"meets: {met or 'none'}; misses: {missed or 'none'}")
    out["evidence"] = pd.Series(evidence, index=out.index, dtype="string")
    for column in ("closest_model", "runner_up", "tied_with", "tie_break"):
        out[column] = out[column].astype("string")
    return out


def _tie(score: pd.Series, specific: pd.Series, best: str) -> tuple[list[str], str | None]:
    """The other models sharing the closest model's score, and how the tie was broken."""
    others = [m for m in score.index if m != best and score[m] == score[best]]
    if not others:
        return [], None
    rival = max(others, key=lambda m: specific[m])
    if specific[best] > specific[rival]:
        why = (
            f"tie on score {score[best]:.3g}: {best} meets more rules naming a "
            f"non-administrator role ({int(specific[best])} against {int(specific[rival])} "
            f"for {rival})"
        )
    else:
        why = (
            f"tie on score {score[best]:.3g} and on rules naming a non-administrator role "
            f"({int(specific[best])}): {best} comes first in list_models()"
        )
    return others, why


LOG_METRICS = frozenset({"ilt_meeting_interval_days"})


class ILTCheck(NamedTuple):
    """What :func:`ilt_check` returns (columns in ``docs/glossary.md``)."""

    schools: pd.DataFrame
    members: pd.DataFrame
    rules: pd.DataFrame


def ilt_check(
    roster: Data,
    *,
    model: str | LeadershipModel | None = None,
    log: ActivityLog | None = None,
    members: TeamMembers | None = None,
    as_of: DateLike | None = None,
) -> ILTCheck:
    """Does each school's ILT include the people it should, and does it meet weekly?

    A school's ILT is its team whose ``basis`` is ``"ilt"`` in the roster's teams table.
    Its members are the team's ``lead_id``, the staff whose ``team_id`` is the ILT, and the
    rows of ``members`` naming it: a table of second memberships (``school_id``,
    ``team_id``, ``staff_id``) for people whose own ``team_id`` is another team, such as
    a grade-team lead who also sits on the ILT (see :func:`read_members`).

    Parameters
    ----------
    roster
        The roster or its graph.
    model
        A leadership model (or preset name) whose ILT rules (metrics ``ilt_*``) are
        checked; default :data:`ILT_MODEL`.
    log
        An :func:`read_log` log with ``meeting`` events naming the ILT's ``team_id``: gives
        the meeting cadence. Without one, rules about meetings are left out.
    members
        Second memberships, as :func:`~leadmodel.read_members` read them.
    as_of
        The date meetings are measured to (default: the log's latest event); a date after
        the school year's last day is read as that day.

    Returns
    -------
    ILTCheck
        ``schools`` (one row per school), ``members`` (one row per ILT member, by
        ``(school_id, staff_id)``), ``rules`` (the ILT rules as
        :func:`~leadmodel.compliance` reports them, with reasons naming who is missing).

    Notes
    -----
    **Weekly.** ``meeting_interval_days`` is the median, over the days from the school
    year's start to ``as_of``, of the length of the stretch between meetings each day falls
    in, counting the stretch before the first meeting and the one after the last. A
    holiday week in a weekly series leaves it at 7; an ILT that has not met for more than
    half the period has the length of that silence (``days_since_last_meeting`` shows a
    more recent stop). The ILT meets weekly when it is at most 7.

    Examples
    --------
    >>> import leadmodel as lm
    >>> sample = lm.load_sample("district_log")
    >>> check = lm.ilt_check(sample.roster, log=sample.log, members=sample.members)
    >>> int(check.schools["passed"].sum()), int(check.schools["has_ilt"].sum())
    (7, 13)
    """

    data = as_roster(roster)
    chosen = ILT_MODEL if model is None else get_model(model)
    rules = tuple(
        r
        for r in chosen.rules
        if r.metric.startswith("ilt_") and (log is not None or r.metric not in LOG_METRICS)
    )
    if not rules:
        raise DefinitionError(
            f"Model {chosen.key!r} has no rules about the ILT (metrics ilt_*) to check"
            + ("" if log is not None else " without a log")
            + "; pass model=None for the default ILT rules."
        )
    sub = chosen.model_copy(update={"rules": rules})
    ilt = ILT(data, members=members, log=log, as_of=as_of)  # built once, measured twice
    report = compliance_from(data, sub, log=log, members=members, as_of=as_of, ilt=ilt)
    out = pd.DataFrame(index=ilt.school_ids)
    out["has_ilt"] = ilt.has_ilt.astype(bool)
    team_ids = ilt.teams.sort_values("team_id").groupby("school_id")["team_id"].agg(";".join)
    out["ilt_team_id"] = team_ids.reindex(ilt.school_ids).astype(STRING)
    out["members"] = ilt.count().astype("int64")
    missing: list[pd.Series] = []
    for column, role in (
        ("includes_principal", "principal"),
        ("includes_aps", "assistant_principal"),
        ("includes_coaches", "coach"),
    ):
        share, detail = ilt.role_included(role)
        out[column] = (share >= 1).astype(bool)
        missing.append(detail.where(share < 1))
    leads = ilt.team_leads()
    share, detail = ilt.team_leads_included()
    out["includes_every_team_lead"] = (share >= 1).astype(bool)
    missing.append(detail.where(share < 1))
    out["teams"] = leads.groupby("school_id").size().reindex(ilt.school_ids, fill_value=0)
    out["team_leads_included"] = (
        leads.groupby("school_id")["on"].sum().reindex(ilt.school_ids, fill_value=0)
    )
    out[["teams", "team_leads_included"]] = out[["teams", "team_leads_included"]].astype("int64")
    joined = pd.concat(missing, axis=1).apply(
        lambda row: "; ".join(dict.fromkeys(v for v in row if pd.notna(v))), axis=1
    )
    out["missing"] = joined.astype(STRING).mask(joined == "")
    unled = ilt.teacher_teams[ilt.teacher_teams["lead_id"].isna()].sort_values("team_id")
    out["teams_without_lead"] = (
        unled.groupby("school_id")["team_id"].agg(", ".join).reindex(ilt.school_ids).astype(STRING)
    )
    out = out.join(ilt.meetings())
    scores = report.schools.reindex(ilt.school_ids)
    out["passed"] = (scores["failures"] == 0).astype(bool)
    out["reasons"] = scores["reasons"].astype(STRING)
    return ILTCheck(schools=out, members=ilt.members, rules=report.rules)
