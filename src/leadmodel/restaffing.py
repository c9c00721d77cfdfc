"""Re-staffing schools in a leadership model's pattern, within today's budget if asked.

:func:`apply_model` reads a model's roles and rules (caps, release, team design,
share rules) and re-staffs each school in its pattern: teacher leaders who lead
teams (Denver, Opportunity Culture, Sanger), administrators who lead them
(Traditional, Green Dot, Fresno), or both (KIPP). :func:`budget_neutral_plan`
searches the model's plans for one each school can fund from its budget.

Examples
--------
>>> import leadmodel as lm
>>> today = lm.load_sample("traditional_elementary")
>>> denver = lm.apply_model(today, "denver")
>>> int(lm.span_of_control(denver).query("role == 'team_lead'")["span"].max())
8
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from leadmodel.errors import BudgetError, DefinitionError
from leadmodel.funding import FundedPlan, fund_scenario
from leadmodel.inference import group_key
from leadmodel.metrics.coded import CodedRoster, coded
from leadmodel.metrics.observation import observation_load
from leadmodel.models import (
    CostModel,
    FundingLever,
    LeadershipModel,
    ObservationPolicy,
    Rule,
    TimeModel,
)
from leadmodel.presets.leadership import get_model
from leadmodel.readers.roster_checks import validate_tables
from leadmodel.roles import ROLE_CATEGORY, TEACHING_ROLES
from leadmodel.roster import Roster
from leadmodel.staffing import (
    ADMIN_ROLES,
    NEW_AP_TITLE,
    Plan,
    SchoolRows,
    basis_of,
    restaff,
)
from leadmodel.teaming import form_teams

__all__ = [
    "ADMIN_ROLES",
    "apply_model",
    "budget_neutral_plan",
    "with_assistant_principals",
]

# ----------------------------------------------------------------------------- apply_model


def _choice(
    model: LeadershipModel, choices: Mapping[str, float], metrics: tuple[str, ...], role: str | None
) -> float | None:
    for rule in model.rules:
        if rule.kind == "loose" and rule.metric in metrics and rule.role in (role, None):
            value = choices.get(rule.key, rule.high)
            assert rule.low is not None and rule.high is not None and value is not None
            if not rule.low <= value <= rule.high:
                raise DefinitionError(
                    f"choices[{rule.key!r}] = {value} is outside the model's range "
                    f"{rule.low:g} to {rule.high:g}."
                )
            return float(value)
    return None


def _chosen_by_user(
    model: LeadershipModel, choices: Mapping[str, float], metrics: tuple[str, ...], role: str
) -> bool:
    """Whether ``choices`` sets the loose rule on one of ``metrics`` for ``role``."""
    return any(
        rule.kind == "loose" and rule.metric in metrics and rule.role in (role, None)
        for rule in model.rules
        if rule.key in choices
    )


def _tight(
    model: LeadershipModel, metric: str, role: str | None, ops: tuple[str, ...]
) -> float | None:
    """The threshold of the model's tight rule on ``metric`` for ``role`` with one of ``ops``."""
    for rule in model.rules:
        if rule.kind == "tight" and rule.metric == metric and rule.role == role and rule.op in ops:
            return rule.threshold
    return None


def _plan(model: LeadershipModel, choices: Mapping[str, float]) -> Plan:
    teacher_roles = [r for r in model.roles if ROLE_CATEGORY.get(r.role) == "teacher_leader"]
    developer = next((r for r in teacher_roles if "goals" in r.activities), None)
    facilitator = next((r for r in teacher_roles if r.activities == ("collaboration",)), None)
    role = developer.role if developer else "administrator"
    cap_tight = _tight(model, "max_span", role, ("<=", "<"))
    cap_loose = _choice(model, choices, ("max_span",), role)
    size_loose = _choice(model, choices, ("max_team_size",), None)
    caps = [c for c in (cap_tight, cap_loose, size_loose - 1 if size_loose else None) if c]
    release, low, high, chosen, keep = 0.0, 0.0, 1.0, None, True
    if developer:
        metrics = ("mean_release", "min_release", "max_release")
        chosen = _choice(model, choices, metrics, role)
        keep = not _chosen_by_user(model, choices, metrics, role)
        low = max(developer.release_min, _tight(model, "min_release", role, (">=", ">")) or 0.0)
        high = developer.release_max
        if keep and developer.release_default is not None:
            chosen = developer.release_default  # the model's own default, not a school's choice
        release = max(chosen if chosen is not None else high, low)
    min_aps = int(_tight(model, "role_count", "assistant_principal", (">=",)) or 0)
    cap = int(min(caps)) if caps else None
    share = _tight(model, "share_teachers_developed_by_role", role, (">=", ">"))
    team_max = _tight(model, "max_team_size", None, ("<=", "<"))
    team_min = _tight(model, "min_team_size", None, (">=", ">"))
    if model.teams is not None:
        team_min = max(team_min or 0, model.teams.size_min)
        team_max = min(team_max or model.teams.size_max, model.teams.size_max)
    return Plan(
        developer,
        facilitator,
        cap,
        release,
        min_aps,
        keep,
        (low, high),
        model_roles=frozenset(r.role for r in model.roles),
        team_min=int(team_min or 2),
        team_max=int(team_max) if team_max else None,
        max_lead_share=None if share is None else 1.0 - share,
        ap_cap=_ap_cap(model) if developer else None,
    )


def _ap_cap(model: LeadershipModel) -> int | None:
    """The cap on APs' development spans when the model's APs develop teachers alongside its
    teacher leaders (KIPP: "two APs who coach eight teachers each")."""
    ap = next((r for r in model.roles if r.role == "assistant_principal"), None)
    cap = _tight(model, "max_span", "assistant_principal", ("<=", "<"))
    return int(cap) if ap is not None and "goals" in ap.activities and cap else None


def _with_new_aps(staff: pd.DataFrame, added: list[str], school_id: str) -> pd.DataFrame:
    if not added:
        return staff
    new = pd.DataFrame(
        {
            "staff_id": added,
            "school_id": school_id,
            "role": "assistant_principal",
            "title": NEW_AP_TITLE,
            "fte": 1.0,
        }
    )
    return pd.concat([staff, new], ignore_index=True)


def _objects(column: pd.Series) -> list[Any]:
    """A column as Python values, ``None`` where missing."""
    values: list[Any] = column.astype(object).where(column.notna(), None).tolist()
    return values


class _District:
    """The roster's staff as Python lists, cut into schools (blocks of the sorted staff table),
    with what re-staffing needs per row: each teacher's group and whether a kept link
    evaluates them."""

    def __init__(self, roster: Roster, plan: Plan) -> None:
        staff = roster.staff
        self.staff = staff[staff["school_id"].notna().to_numpy(dtype=bool)]
        school = self.staff["school_id"]
        ids = pa.array(school.array, type=pa.string()) if len(school) else pa.array([], pa.string())
        change = pc.not_equal(ids[1:], ids[:-1]).to_numpy(zero_copy_only=False)
        self.starts = np.concatenate([[0], np.flatnonzero(change) + 1]).astype(np.int64)
        self.ends = np.append(self.starts[1:], len(school)).astype(np.int64)
        self.school_ids = _objects(school.iloc[self.starts]) if len(school) else []
        level = roster.schools.drop_duplicates("school_id").set_index("school_id")["level"]
        self.levels = [None if pd.isna(v) else v for v in level.reindex(self.school_ids)]
        self.ids = _objects(self.staff["staff_id"])
        self.role = _objects(self.staff["role"])
        self.release = _objects(self.staff["release_fte"])
        self.purpose = _objects(self.staff["release_purpose"])
        self.team = _objects(self.staff["team_id"])
        self.years = _objects(self.staff["years_experience"])
        self.grade = _objects(self.staff["grade"])
        self.subject = _objects(self.staff["subject"])
        self.teaching = self.staff["role"].isin(TEACHING_ROLES).to_numpy(dtype=bool)
        self.evaluated = self._evaluated(roster, plan)

    def _evaluated(self, roster: Roster, plan: Plan) -> np.ndarray:
        """Per staff row, whether a link that re-staffing keeps evaluates them."""
        keep, c = kept_links(roster, plan)
        evaluates = keep & c.links_of(["evaluates"])
        rows = c.staff_row[c.led[evaluates]]
        flags = np.zeros(len(roster.staff), dtype=bool)
        flags[rows[rows >= 0]] = True
        return flags[roster.staff["school_id"].notna().to_numpy(dtype=bool)]

    def school(self, k: int) -> tuple[SchoolRows, str]:
        """School ``k`` as rows to re-staff, and the basis its teams have in common."""
        a, b = int(self.starts[k]), int(self.ends[k])
        level = self.levels[k]
        teaching = self.teaching[a:b]
        grade, subject = self.grade[a:b], self.subject[a:b]
        subjects = any(s is not None for s, t in zip(subject, teaching, strict=True) if t)
        if level == "elementary":
            key = grade
        elif level in ("middle", "high"):
            key = subject
        else:  # subject where any teacher has one, else grade (inference.group_key)
            key = [s if s is not None else g for s, g in zip(subject, grade, strict=True)]
            key = key if subjects else grade
        group = [
            ("<none>" if v is None else str(v)) if t else None
            for v, t in zip(key, teaching, strict=True)
        ]
        rows = SchoolRows(
            school_id=str(self.school_ids[k]),
            ids=self.ids[a:b],
            role=self.role[a:b],
            release=self.release[a:b],
            purpose=self.purpose[a:b],
            team=self.team[a:b],
            years=self.years[a:b],
            group=group,
            evaluated=self.evaluated[a:b].tolist(),
        )
        return rows, basis_of(level, subjects)


def kept_links(roster: Roster, plan: Plan) -> tuple[np.ndarray, CodedRoster]:
    """Per link row, whether re-staffing a school keeps it: links to staff who do not teach,
    and the coaching (teacher-leader patterns: also evaluation and supervision) that staff who
    do not teach hold to teachers; in the KIPP pattern, administrators' links to teachers go
    too."""
    c = coded(roster)
    teaches = np.isin(np.asarray(c.role, dtype=object), list(TEACHING_ROLES))
    admin = np.isin(np.asarray(c.role, dtype=object), list(ADMIN_ROLES))
    mixed = plan.ap_cap is not None
    kept = ["evaluates", "supervises", "coaches"] if plan.developer and not mixed else ["coaches"]
    led_teaches, lead_teaches = teaches[c.led], teaches[c.lead]
    keep = ~led_teaches | (~lead_teaches & c.links_of(kept))
    if mixed:
        keep &= ~(admin[c.lead] & led_teaches)
    return keep, c


def _staff_table(district: _District, changed: list[tuple[int, SchoolRows]]) -> pd.DataFrame:
    """The staff table with each re-staffed school's rows changed and its new APs after it."""
    role, release = list(district.role), list(district.release)
    purpose, team = list(district.purpose), list(district.team)
    new_rows: list[dict[str, Any]] = []
    new_at: list[int] = []
    for k, rows in changed:
        a, b = int(district.starts[k]), int(district.ends[k])
        n = b - a
        role[a:b], release[a:b] = rows.role[:n], rows.release[:n]
        purpose[a:b], team[a:b] = rows.purpose[:n], rows.team[:n]
        for i in range(n, len(rows.ids)):
            new_rows.append(
                {
                    "staff_id": rows.ids[i],
                    "school_id": rows.school_id,
                    "role": rows.role[i],
                    "title": NEW_AP_TITLE,
                    "fte": 1.0,
                    "release_fte": rows.release[i],
                    "release_purpose": rows.purpose[i],
                    "team_id": rows.team[i],
                }
            )
            new_at.append(b)
    staff = district.staff.assign(
        role=pd.array(role, dtype="string"),
        release_fte=pd.array(release, dtype="Float64"),
        release_purpose=pd.array(purpose, dtype="string"),
        team_id=pd.array(team, dtype="string"),
    )
    if not new_rows:
        return staff.reset_index(drop=True)
    added = pd.DataFrame(new_rows).astype(
        {c: staff[c].dtype for c in new_rows[0]}  # the staff table's dtypes, NA elsewhere
    )
    out = pd.concat([staff, added], ignore_index=True)
    key = np.concatenate([2 * np.arange(len(staff)), 2 * np.array(new_at) - 1])
    return out.take(np.argsort(key, kind="stable")).reset_index(drop=True)


def _school_rank(c: CodedRoster, district: _District) -> np.ndarray:
    """Per school code of ``c``, the school's place among the staff's schools (-1: none)."""
    rank = np.full(len(c.schools), -1, dtype=np.int64)
    where = c.schools.get_indexer(pd.Index(district.school_ids, dtype="string"))
    rank[where] = np.arange(len(where))
    return rank


def _link_table(
    roster: Roster, district: _District, plan: Plan, targets: np.ndarray, drawn: list[Any]
) -> pd.DataFrame:
    """The links kept (every link of a school not re-staffed), each school's drawn after."""
    keep, c = kept_links(roster, plan)
    rank = _school_rank(c, district)[c.school[c.lead]]
    keep |= ~targets[np.maximum(rank, 0)] | (rank < 0)
    kept = roster.links[keep]
    new = pd.DataFrame(
        drawn, columns=["_school", "school_id", "leader_id", "staff_id", "relation"]
    ).assign(source="scenario")
    key = np.concatenate([2 * rank[keep], 2 * new["_school"].to_numpy(dtype=np.int64) + 1])
    out = pd.concat([kept, new.drop(columns="_school")], ignore_index=True)
    return out.take(np.argsort(key, kind="stable")).reset_index(drop=True)


def _team_table(
    roster: Roster, district: _District, teams: list[tuple[int, str, str, str, str]]
) -> pd.DataFrame:
    """The teams of the staff's schools: a school's new teams, where it has any, else its own."""
    c_rank = {sid: k for k, sid in enumerate(district.school_ids)}
    renewed = {k for k, *_ in teams}
    rank = np.array([c_rank.get(s, -1) for s in _objects(roster.teams["school_id"])], np.int64)
    own = (rank >= 0) & ~np.isin(rank, list(renewed))
    new = pd.DataFrame(teams, columns=["_school", "school_id", "team_id", "lead_id", "basis"])
    key = np.concatenate([rank[own], new["_school"].to_numpy(dtype=np.int64)])
    out = pd.concat([roster.teams[own], new.drop(columns="_school")], ignore_index=True)
    return out.take(np.argsort(key, kind="stable")).reset_index(drop=True)


def apply_model(
    roster: Roster,
    model: str | LeadershipModel,
    *,
    choices: Mapping[str, float] | None = None,
    schools: Iterable[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    budget: Literal["neutral"] | None = None,
    cost_model: str | CostModel = "default",
    levers: Iterable[str | FundingLever] | None = None,
) -> Roster:
    """Re-staff schools in the pattern of a leadership model.

    Teacher-leader models (Denver, Opportunity Culture, Sanger): in each grade
    (elementary) or subject (secondary) group, ``ceil(n / (cap + 1))`` teachers
    become the model's teacher leaders, chosen by current role holders first,
    then most ``years_experience``, then staff id; the other teachers are formed
    into teams by :func:`~leadmodel.teaming.form_teams`, and each lead gets the
    relations the model's role holds (develops, coaches, evaluation input,
    facilitates) and the release share chosen. Evaluation stays with the
    administrators (the principal evaluates anyone not yet evaluated); the
    administrators develop the leads in turn.

    Administrator models (Traditional, Green Dot, Fresno): assistant
    principals are added until the model's count and span cap are met; the
    administrators supervise, evaluate and develop the teachers in teams formed
    the same way. Fresno adds facilitation-only lead teachers: ``ceil(n / size_max)``
    per group of ``n`` teachers (``size_max`` the model's largest team, 10), none for
    groups smaller than its smallest team.

    Mixed models (KIPP: APs develop teachers and so do teacher leaders): each AP
    develops, coaches, evaluates and supervises up to the model's AP cap (8); the
    teachers beyond them are led by teacher leaders, who coach, develop and evaluate
    up to their cap (2), one lead at a time to the group with the most teachers
    still unled, each lead's members one at a time in turn (so 6 teachers for 4 leads
    give 2, 2, 1, 1); the principal develops the teacher leaders, at most as many as
    an AP's cap, and APs are added (``<school>-AP-NEW<n>``) until that holds.

    Schools are re-staffed one by one on plain lists and put back together into one roster,
    validated once; team formation solves each distinct problem once
    (:func:`~leadmodel.teaming.assign_teams`), so a district's schools of one structure share
    a solve.

    Parameters
    ----------
    roster
        The roster; it is not modified.
    model
        A leadership model or preset name.
    choices
        Values for the model's loose rules, by rule key (e.g.
        ``{"lead_release": 0.3}``); by default the top of each allowed range,
        except that current holders of a lead role keep a release share that is
        already within the model's range (new leads get the top of the range).
    schools
        Schools to re-staff (default: all).
    progress
        Called as ``progress(done, total)`` after each school (for a progress bar).
    budget
        ``"neutral"``: return the first plan that each school can fund from its
        current budget with ``levers`` and the ``cost_model``
        (:func:`budget_neutral_plan`, which also gives the funding table), or raise
        :class:`~leadmodel.BudgetError` saying why none exists.
    cost_model, levers
        Used with ``budget="neutral"`` only.

    Returns
    -------
    Roster
        Every input staff member is kept; new positions are added where the
        model needs them; new links have ``source = "scenario"``.
    """
    if budget == "neutral":
        return budget_neutral_plan(
            roster, model, choices=choices, schools=schools, cost_model=cost_model, levers=levers
        ).roster
    if budget is not None:
        raise DefinitionError(f"budget={budget!r}: use 'neutral' or leave it out.")
    resolved = get_model(model)
    plan = _plan(resolved, choices or {})
    wanted = set(schools) if schools is not None else set(roster.schools["school_id"])
    district = _District(roster, plan)
    total = len(district.school_ids)
    targets = np.array([s in wanted for s in district.school_ids] + [False], dtype=bool)
    changed: list[tuple[int, SchoolRows]] = []
    drawn: list[tuple[int, str, str, str, str]] = []
    teams: list[tuple[int, str, str, str, str]] = []
    for k in range(total):
        if targets[k]:
            rows, basis = district.school(k)
            done = restaff(rows, plan, basis)
            changed.append((k, rows))
            drawn += [(k, rows.school_id, *link) for link in done.links]
            teams += [(k, rows.school_id, *team, done.basis) for team in done.teams]
        if progress is not None:
            progress(k + 1, total)
    schools_table = roster.schools.copy()
    schools_table.loc[schools_table["school_id"].isin(wanted), "model"] = resolved.key
    return validate_tables(
        _staff_table(district, changed),
        links=_link_table(roster, district, plan, targets, drawn),
        teams=_team_table(roster, district, teams),
        schools=schools_table,
        source={**roster.source, "name": f"apply_model({resolved.key})"},
    )


# ----------------------------------------------------------------------------- budget


def _loose_rule(model: LeadershipModel, metrics: tuple[str, ...], role: str | None) -> Rule | None:
    for rule in model.rules:
        if rule.kind == "loose" and rule.metric in metrics and rule.role in (role, None):
            return rule
    return None


def _release_candidates(
    model: LeadershipModel, choices: Mapping[str, float]
) -> list[tuple[LeadershipModel, dict[str, float], str | None]]:
    """The model's default release, then lower ones in steps of 0.1 down to its minimum."""
    plan = _plan(model, choices)
    if plan.developer is None:
        return [(model, dict(choices), None)]
    role = plan.developer.role
    rule = _loose_rule(model, ("mean_release", "min_release", "max_release"), role)
    if rule is not None and rule.key not in choices:
        assert rule.low is not None and rule.high is not None
        values = np.round(np.arange(rule.high, rule.low - 1e-9, -0.1), 2)
        return [
            (model, {**choices, rule.key: float(v)}, None if i == 0 else f"release {v:g}")
            for i, v in enumerate(values)
        ]
    values = np.round(np.arange(plan.release, plan.release_range[0] - 1e-9, -0.1), 2)
    out: list[tuple[LeadershipModel, dict[str, float], str | None]] = []
    for i, value in enumerate(values):
        roles = tuple(
            r.model_copy(update={"release_default": float(value)}) if r.role == role else r
            for r in model.roles
        )
        out.append(
            (
                model.model_copy(update={"roles": roles}),
                dict(choices),
                None if i == 0 else f"release {value:g}",
            )
        )
    return out


def _wider_teams(
    model: LeadershipModel, choices: Mapping[str, float]
) -> tuple[LeadershipModel, dict[str, float], str] | None:
    """The model with its loose team-size choice raised to its tight cap ("larger team reach")."""
    plan = _plan(model, choices)
    role = plan.developer.role if plan.developer else "administrator"
    rule = _loose_rule(model, ("max_span",), role)
    tight = _tight(model, "max_span", role, ("<=", "<"))
    if rule is None or tight is None or rule.key in choices or rule.high is None:
        return None
    if tight <= rule.high:
        return None
    rules = tuple(r.model_copy(update={"high": tight}) if r is rule else r for r in model.rules)
    step = f"teams up to {tight:g} (the model's limit; its usual range {rule.low:g}-{rule.high:g})"
    return model.model_copy(update={"rules": rules}), {**choices, rule.key: tight}, step


def _over_capacity_leads(
    plan: Roster, role: str | None, policy: str | ObservationPolicy, time: str | TimeModel
) -> int:
    if role is None:
        return 0
    load = observation_load(plan, policy=policy, time=time)
    return int(load.loc[load["role"] == role, "over_capacity"].fillna(False).astype(bool).sum())


def budget_neutral_plan(
    roster: Roster,
    model: str | LeadershipModel,
    *,
    choices: Mapping[str, float] | None = None,
    schools: Iterable[str] | None = None,
    cost_model: str | CostModel = "default",
    levers: Iterable[str | FundingLever] | None = None,
    by: str = "school_id",
    policy: str | ObservationPolicy = "bain_10_spot_1_formal",
    time: str | TimeModel = "default",
) -> FundedPlan:
    """Re-staff in a model's pattern within today's budget, or say why no plan fits.

    Plans are tried in order: the model's defaults; then, when the model allows it,
    larger teams (its loose team size raised to its tight limit: "larger team
    reach"); then the teacher leaders' release lowered in steps of 0.1 to the
    model's minimum, each with default and larger teams. Each plan is funded by
    :func:`~leadmodel.fund_scenario` with ``levers`` (default: move part of the
    development spending, convert coach positions, cover MCLs' release with
    paraprofessionals, then by team reach). The first plan that every school (or
    ``by`` group) can fund and that leaves no teacher leader of the model's
    developer role over observation capacity (under ``policy`` and ``time``) is
    returned.

    Returns
    -------
    FundedPlan
        ``roster``, ``cost_model``, ``funding`` (one row per school and lever),
        ``neutral`` (true), ``choices`` (the loose choices made) and ``steps`` (how
        the plan departs from the model's defaults).

    Raises
    ------
    BudgetError
        When no plan fits: ``.gaps`` gives, per school, the smallest gap left and
        the plan that came closest.

    Examples
    --------
    >>> import leadmodel as lm
    >>> today = lm.load_sample("traditional_elementary")
    >>> plan = lm.budget_neutral_plan(today, "denver")
    >>> plan.choices, plan.steps  # at 0.5 release the school is 38,260 short
    ({'lead_release': 0.4}, ('release 0.4',))
    >>> plan.funding.loc[plan.funding["used"] > 0, "lever"].tolist()
    ['reallocate_pd', 'convert_coaches']
    """
    resolved = get_model(model)
    developer = _plan(resolved, choices or {}).developer
    role = developer.role if developer else None
    candidates: list[tuple[LeadershipModel, dict[str, float], tuple[str, ...]]] = []
    for variant, chosen, step in _release_candidates(resolved, choices or {}):
        steps: tuple[str, ...] = (step,) if step else ()
        candidates.append((variant, chosen, steps))
        wider = _wider_teams(variant, chosen)
        if wider is not None:
            candidates.append((wider[0], wider[1], (wider[2], *steps)))
    closest: dict[str, tuple[float, str]] = {}
    for variant, chosen, steps in candidates:
        scenario = apply_model(roster, variant, choices=chosen, schools=schools)
        plan = fund_scenario(roster, scenario, cost_model, levers=levers, by=by)
        over = _over_capacity_leads(plan.roster, role, policy, time)
        described = "; ".join(steps) or "the model's defaults"
        last = plan.funding.groupby(plan.funding.columns[0], sort=False)["gap_after"].last()
        for group, gap in last.items():
            if group not in closest or gap < closest[group][0]:
                closest[str(group)] = (float(gap), described)
        if plan.neutral and over == 0:
            return plan._replace(choices=chosen, steps=steps)
    gaps = pd.DataFrame(
        [(g, gap, how) for g, (gap, how) in closest.items() if gap > 1e-6],
        columns=[by, "smallest_gap", "closest_plan"],
    )
    reason = (
        f"No {resolved.key} plan fits today's budget with the levers tried: "
        f"{len(gaps)} of {len(closest)} {'schools' if by == 'school_id' else by} still short "
        f"(largest gap {gaps['smallest_gap'].max():,.0f} a year)"
        if len(gaps)
        else f"Every {resolved.key} plan that fits the budget leaves a {role} over capacity"
    )
    raise BudgetError(reason + "; see .gaps.", gaps)


# ----------------------------------------------------------------------------- more APs


def _ap_allocation(teachers: pd.Series, admins: pd.Series, added: int) -> pd.Series:
    """New APs per school, one at a time to the school with the most teachers per
    administrator (ties: the school id)."""
    load = {str(k): float(v) for k, v in admins.items()}
    count = {str(k): float(v) for k, v in teachers.items()}
    new: dict[str, int] = {}
    for _ in range(added):
        school = max(sorted(count), key=lambda s: count[s] / load[s])  # ties: the first id
        new[school] = new.get(school, 0) + 1
        load[school] += 1
    return pd.Series(new, dtype="int64").sort_index()


def with_assistant_principals(
    roster: Roster,
    *,
    added: int | None = None,
    increase: float | None = None,
    schools: Iterable[str] | None = None,
) -> Roster:
    """Add assistant principals who develop teachers, where teachers per administrator are highest.

    Give ``added`` (a number of APs) or ``increase`` (a share of the roster's APs:
    0.75 is Dallas's "163 APs - a 75% increase in two years"). Each new AP goes,
    one at a time, to the school in ``schools`` (default: all) with the most
    teachers per administrator. In each school that gains APs, the
    administrators' supervision, evaluation and development of teachers is dealt
    again among them, in teams kept whole by grade or subject where the cap
    allows (:func:`~leadmodel.teaming.form_teams`, cap ``ceil(teachers /
    administrators)``); every other link (coaching, facilitation, teacher leaders'
    development) is kept. New positions are ``<school>-AP-NEW<n>``.

    Examples
    --------
    >>> import leadmodel as lm
    >>> today = lm.load_sample("traditional_elementary")
    >>> more = lm.with_assistant_principals(today, added=2)
    >>> # 54 teachers among 4 administrators, cap ceil(54 / 4) = 14, grades kept whole
    >>> sorted(lm.span_of_control(more).query("category == 'administrator'")["span"])
    [12, 14, 14, 14]
    """
    if (added is None) == (increase is None):
        raise DefinitionError("Give added= (a number of APs) or increase= (a share), not both.")
    staff = roster.staff
    if added is None:
        share: object = increase  # checked as given: a user may pass anything
        if isinstance(share, bool) or not isinstance(share, numbers.Real) or share < 0:
            raise DefinitionError(f"increase= is a share of today's APs (0.75), not {share!r}.")
        added = round(float(share) * int((staff["role"] == "assistant_principal").sum()))
    count: object = added
    if isinstance(count, bool) or not isinstance(count, numbers.Integral) or count < 0:
        raise DefinitionError(f"added= is a whole number of APs (2), not {count!r}.")
    added = int(count)
    known = set(roster.schools["school_id"])
    targets = known if schools is None else set(schools)
    if targets - known:
        unknown = ", ".join(sorted(map(str, targets - known)))
        raise DefinitionError(f"schools= names schools the roster does not have: {unknown}.")
    inside = staff[staff["school_id"].isin(targets)]
    teachers = inside[inside["role"].isin(TEACHING_ROLES)].groupby("school_id").size()
    if added and teachers.empty:
        raise DefinitionError("No school given has teachers for new APs to develop.")
    admins = inside[inside["role"].isin(ADMIN_ROLES)].groupby("school_id").size()
    admins = admins.reindex(teachers.index, fill_value=0)
    if (admins == 0).any():
        missing = ", ".join(admins.index[admins == 0])
        raise DefinitionError(f"Schools {missing} have no principal or AP to add APs beside.")
    new = _ap_allocation(teachers, admins, added)
    level = roster.schools.set_index("school_id")["level"]
    parts, drop, drawn = [staff], [], []
    for school_id, n in new.items():
        school = staff[staff["school_id"] == school_id]
        ids = [f"{school_id}-AP-NEW{i + 1}" for i in range(int(n))]
        parts.append(_with_new_aps(school.iloc[0:0], ids, str(school_id)))
        heads = school[school["role"].isin(ADMIN_ROLES)]
        heads = heads.assign(_ap=heads["role"] != "principal").sort_values(["_ap", "staff_id"])
        leaders = [*heads["staff_id"], *ids]
        group = school[school["role"].isin(TEACHING_ROLES)].copy()
        lvl = level.get(school_id)
        group["group"] = group_key(group, None if pd.isna(lvl) else lvl).fillna("<none>")
        teams = form_teams(
            group[["staff_id", "group"]],
            pd.DataFrame({"leader_id": leaders, "home": [None] * len(leaders)}),
            cap=math.ceil(len(group) / len(leaders)),
        )
        drop.append((str(school_id), set(heads["staff_id"]), set(group["staff_id"])))
        drawn += [
            (school_id, lead, sid, rel)
            for sid, lead in zip(teams["staff_id"], teams["leader_id"], strict=True)
            for rel in ("supervises", "evaluates", "develops")
        ]
        drawn += [(school_id, leaders[0], ap, "supervises") for ap in ids]
    links = roster.links
    for school_id, heads_ids, teacher_ids in drop:
        old = (
            (links["school_id"] == school_id)
            & links["leader_id"].isin(heads_ids)
            & links["staff_id"].isin(teacher_ids)
            & links["relation"].isin(["supervises", "evaluates", "develops"])
        )
        links = links[~old.to_numpy()]
    frame = pd.DataFrame(drawn, columns=["school_id", "leader_id", "staff_id", "relation"])
    return validate_tables(
        pd.concat(parts, ignore_index=True),
        links=pd.concat([links, frame.assign(source="scenario")], ignore_index=True),
        teams=roster.teams,
        schools=roster.schools,
        source={**roster.source, "name": f"with_assistant_principals({added})"},
    )
