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
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from leadmodel.errors import BudgetError, DefinitionError
from leadmodel.funding import FundedPlan, fund_scenario
from leadmodel.inference import group_key
from leadmodel.metrics.observation import observation_load
from leadmodel.models import (
    CostModel,
    FundingLever,
    LeadershipModel,
    ModelRole,
    ObservationPolicy,
    Rule,
    TimeModel,
)
from leadmodel.presets.leadership import get_model
from leadmodel.readers.roster_checks import validate_tables
from leadmodel.roles import ROLE_CATEGORY, TEACHING_ROLES
from leadmodel.roster import Roster
from leadmodel.teaming import form_teams

__all__ = [
    "ADMIN_ROLES",
    "apply_model",
    "budget_neutral_plan",
    "with_assistant_principals",
]

ADMIN_ROLES = ("principal", "assistant_principal")


# ----------------------------------------------------------------------------- apply_model


@dataclass(frozen=True)
class _Plan:
    """How a model staffs a school, read from its roles and rules."""

    developer: ModelRole | None  # the teacher-leader role that develops teachers, if any
    facilitator: ModelRole | None  # a teacher-leader role that only facilitates (Fresno)
    cap: int | None  # most teachers per developer
    release: float  # release share of the teacher-leader role
    min_aps: int  # assistant principals the model requires
    keep_release: bool  # no choice given: current holders keep a release within the range
    release_range: tuple[float, float]
    model_roles: frozenset[str]  # roles the model defines
    team_min: int  # smallest team (members, lead included)
    team_max: int | None  # largest team (members), if the model says
    max_lead_share: float | None  # most leads as a share of teachers (from a share rule)
    ap_cap: int | None = None  # APs develop teachers too, at most this many (the KIPP pattern)


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


def _plan(model: LeadershipModel, choices: Mapping[str, float]) -> _Plan:
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
    return _Plan(
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


def _choose_leads(teachers: pd.DataFrame, per_group: Mapping[Any, int], current: str) -> list[str]:
    """Per group, who leads: holders of the role first, then other teacher leaders, then the
    most experienced (``years_experience``), then by staff id."""
    rank = teachers["role"].map(
        lambda r: 0 if r == current else (1 if ROLE_CATEGORY.get(r) == "teacher_leader" else 2)
    )
    ordered = teachers.assign(
        _rank=rank, _exp=-teachers["years_experience"].astype("Float64").fillna(-1.0)
    ).sort_values(["_rank", "_exp", "staff_id"])
    chosen: list[str] = []
    for grp, n in per_group.items():
        chosen += ordered.loc[ordered["group"] == grp, "staff_id"].head(n).tolist()
    return chosen


def _relations(role: ModelRole) -> list[str]:
    rels = []
    if "goals" in role.activities:
        rels.append("develops")
    if "coaching" in role.activities or "observation_feedback" in role.activities:
        rels.append("coaches")
    if "collaboration" in role.activities:
        rels.append("facilitates")
    if role.evaluation == "owns":
        rels.append("evaluates")
    elif role.evaluation == "input":
        rels.append("evaluation_input")
    return rels


def _restaff_school(
    staff: pd.DataFrame, links: pd.DataFrame, level: object, plan: _Plan, school_id: str
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Return the school's new staff rows, links and teams."""
    staff = staff.copy()
    admins = staff.loc[staff["role"].isin(ADMIN_ROLES)]
    if admins.empty:
        raise DefinitionError(
            f"School {school_id} has no principal or assistant principal, so apply_model cannot "
            "staff it: add its principal to the roster first."
        )
    admins = admins.assign(_ap=admins["role"] != "principal").sort_values(["_ap", "staff_id"])
    teachers = staff[staff["role"].isin(TEACHING_ROLES)].copy()
    teachers["group"] = group_key(teachers, level).fillna("<none>")
    teacher_ids = set(teachers["staff_id"])
    by_staff = ~links["leader_id"].isin(teacher_ids)  # administrators, coaches, specialists
    mixed = plan.ap_cap is not None  # APs and teacher leaders both develop (KIPP)
    kept = ["evaluates", "supervises", "coaches"] if plan.developer and not mixed else ["coaches"]
    keep = links[~links["staff_id"].isin(teacher_ids) | (by_staff & links["relation"].isin(kept))]
    basis = _basis(level, teachers)
    if mixed:
        keep = keep[
            ~(keep["leader_id"].isin(admins["staff_id"]) & keep["staff_id"].isin(teacher_ids))
        ]
        staff, drawn, teams = _mixed_teams(staff, teachers, admins, plan, school_id)
    elif plan.developer:
        staff, drawn, teams = _teacher_leader_teams(staff, teachers, admins, keep, plan, school_id)
    else:
        staff, drawn, teams = _administrator_teams(staff, teachers, admins, plan, school_id)
    # teacher-leader roles the model has no place for return to teaching (after the model's
    # own leaders were chosen, existing teacher leaders first)
    stray = staff["role"].map(ROLE_CATEGORY).eq("teacher_leader") & ~staff["role"].isin(
        plan.model_roles
    )
    staff.loc[stray, "role"] = "teacher"
    staff.loc[stray, ["release_fte", "release_purpose"]] = None
    frame = pd.DataFrame(drawn, columns=["leader_id", "staff_id", "relation"]).assign(
        school_id=school_id, source="scenario"
    )
    return staff, pd.concat([keep, frame], ignore_index=True), teams.assign(basis=basis)


def _leads_per_group(
    sizes: pd.Series, holders: pd.Series, *, cap: int, team_min: int, max_share: float | None
) -> dict[Any, int]:
    """How many leads each group gets.

    Enough for the cap (``ceil(n / (cap + 1))``, a lead counting as a member), current holders
    kept, none for groups smaller than the model's smallest team (their teachers join other
    teams), and no more in all than the model's share rule allows (``max_share`` of teachers),
    taking leads away from the smallest groups first.
    """
    n_total = int(sizes.sum())
    n_of: dict[Any, int] = {g: int(n) for g, n in sizes.items()}
    per_group = {
        g: (
            min(max(math.ceil(n / (cap + 1)), int(holders.get(g, 0))), n // 2)
            if n >= team_min
            else 0
        )
        for g, n in sizes.sort_index().items()
    }
    floor = math.ceil(n_total / (cap + 1))
    ceiling = max(floor, math.floor(n_total * max_share)) if max_share is not None else n_total
    while sum(per_group.values()) > ceiling:
        g = min(
            (g for g, v in per_group.items() if v), key=lambda g: (n_of[g] / per_group[g], str(g))
        )
        per_group[g] -= 1
    while sum(per_group.values()) < floor:
        g = max(per_group, key=lambda g: (n_of[g] / (per_group[g] + 1), str(g)))
        per_group[g] += 1
    return per_group


def _make_leads(staff: pd.DataFrame, leads: list[str], plan: _Plan) -> pd.DataFrame:
    """Give ``leads`` the model's teacher-leader role and release; holders not chosen return
    to teaching."""
    assert plan.developer is not None
    role = plan.developer.role
    lead_rows = staff["staff_id"].isin(leads)
    low, high = plan.release_range
    current = staff["release_fte"].astype("Float64")
    in_range = current.between(low, high).fillna(False).astype(bool)
    keep_own = in_range & (staff["role"] == role) & plan.keep_release
    staff.loc[lead_rows & ~keep_own, "release_fte"] = plan.release
    staff.loc[lead_rows, "role"] = role
    staff.loc[lead_rows, "release_purpose"] = "lead and develop a team"
    unneeded = (staff["role"] == role) & ~lead_rows
    staff.loc[unneeded, "role"] = "teacher"  # holders the new structure does not need
    staff.loc[unneeded, ["release_fte", "release_purpose"]] = None
    return staff


def _mixed_allocation(
    sizes: pd.Series, aps: int, *, ap_cap: int, lead_cap: int
) -> tuple[int, dict[Any, int]]:
    """APs and teacher leaders both developing (KIPP): the APs needed and the teacher leaders
    per group.

    APs take up to ``ap_cap`` teachers each; the teachers beyond them are led by teacher
    leaders of at most ``lead_cap`` each, given one at a time to the group with the most
    teachers still without one. The principal develops the teacher leaders, at most
    ``ap_cap`` of them (coaching the coaches no more than an AP coaches); APs are added until
    that holds.
    """
    n = int(sizes.sum())
    while True:
        rest = max(n - ap_cap * aps, 0)
        per_group: dict[Any, int] = {g: 0 for g in sizes.index}
        left = {g: int(v) for g, v in sizes.items()}
        covered = 0
        while covered < rest:
            open_groups = [g for g in left if left[g] >= 2]
            if not open_groups:
                break
            g = max(open_groups, key=lambda k: (left[k], str(k)))
            per_group[g] += 1
            taken = min(lead_cap + 1, left[g])
            left[g] -= taken
            covered += taken
        if covered >= rest and sum(per_group.values()) <= ap_cap:
            return aps, per_group
        aps += 1


def _mixed_teams(
    staff: pd.DataFrame,
    teachers: pd.DataFrame,
    admins: pd.DataFrame,
    plan: _Plan,
    school_id: str,
) -> tuple[pd.DataFrame, list[tuple[str, str, str]], pd.DataFrame]:
    """The KIPP pattern: APs develop teachers within departments, teacher leaders coach and
    evaluate one or two, and the principal develops the teacher leaders."""
    assert plan.developer is not None and plan.ap_cap is not None
    lead_cap = plan.cap or 2
    principal = admins["staff_id"].iloc[0]
    aps = admins.loc[admins["role"] == "assistant_principal", "staff_id"].tolist()
    n_aps, per_group = _mixed_allocation(
        teachers["group"].value_counts().sort_index(),
        len(aps),
        ap_cap=plan.ap_cap,
        lead_cap=lead_cap,
    )
    added = [f"{school_id}-AP-NEW{i + 1}" for i in range(n_aps - len(aps))]
    staff = _with_new_aps(staff, added, school_id)
    aps += added
    leads = _choose_leads(teachers, per_group, plan.developer.role)
    staff = _make_leads(staff, leads, plan)
    others = teachers[~teachers["staff_id"].isin(leads)].sort_values(["group", "staff_id"])
    homes = teachers.set_index("staff_id").loc[sorted(leads), "group"]
    pools = {
        lead: others.loc[others["group"] == grp, "staff_id"].tolist() for lead, grp in homes.items()
    }
    # the APs take ap_cap teachers each; the leads take the rest, one member each in turn
    wanted = max(len(teachers) - plan.ap_cap * len(aps) - len(leads), 0)
    led: list[tuple[str, str]] = []
    taken: set[str] = set()
    for _ in range(lead_cap):
        for lead, pool in pools.items():
            free = [m for m in pool if m not in taken]
            if len(led) < wanted and free:
                led.append((free[0], str(lead)))
                taken.add(free[0])
    by_lead = pd.DataFrame(led, columns=["staff_id", "leader_id"])
    rest = others[~others["staff_id"].isin(by_lead["staff_id"])][["staff_id", "group"]]
    by_ap = form_teams(
        rest, pd.DataFrame({"leader_id": aps, "home": [None] * len(aps)}), cap=plan.ap_cap
    )
    rels = _relations(plan.developer)
    drawn = [
        (lead, sid, r) for sid, lead in by_lead[["staff_id", "leader_id"]].values for r in rels
    ]
    ap_rels = ("supervises", "evaluates", "develops", "coaches")
    drawn += [(ap, sid, r) for sid, ap in by_ap[["staff_id", "leader_id"]].values for r in ap_rels]
    drawn += [
        (principal, lead, r)
        for lead in sorted(leads)
        for r in ("develops", "evaluates", "coaches", "supervises")
    ]
    drawn += [(principal, ap, "supervises") for ap in added]
    # the principal coaches the coaches: the APs too (their supervision is kept or drawn)
    drawn += [(principal, ap, r) for ap in aps for r in ("develops", "coaches")]
    assigned = pd.concat([by_lead, by_ap[["staff_id", "leader_id"]]], ignore_index=True)
    staff, teams = _set_teams(staff, assigned, [*leads, *aps], school_id)
    return staff, drawn, teams


def _with_new_aps(staff: pd.DataFrame, added: list[str], school_id: str) -> pd.DataFrame:
    if not added:
        return staff
    new = pd.DataFrame(
        {
            "staff_id": added,
            "school_id": school_id,
            "role": "assistant_principal",
            "title": "Assistant principal (new position)",
            "fte": 1.0,
        }
    )
    return pd.concat([staff, new], ignore_index=True)


def _teacher_leader_teams(
    staff: pd.DataFrame,
    teachers: pd.DataFrame,
    admins: pd.DataFrame,
    keep: pd.DataFrame,
    plan: _Plan,
    school_id: str,
) -> tuple[pd.DataFrame, list[tuple[str, str, str]], pd.DataFrame]:
    assert plan.developer is not None
    role = plan.developer.role
    cap = plan.cap or 8
    sizes = teachers["group"].value_counts()
    holders = teachers[teachers["role"] == role].groupby("group").size()
    per_group = _leads_per_group(
        sizes, holders, cap=cap, team_min=plan.team_min, max_share=plan.max_lead_share
    )
    leads = _choose_leads(teachers, per_group, role)
    staff = _make_leads(staff, leads, plan)
    homes = teachers.set_index("staff_id").loc[leads, "group"]
    members = teachers[~teachers["staff_id"].isin(leads)][["staff_id", "group"]]
    assigned = form_teams(
        members, pd.DataFrame({"leader_id": leads, "home": homes.tolist()}), cap=cap
    )
    rels = [r for r in _relations(plan.developer) if r != "evaluates"]
    drawn = [
        (lead, sid, rel)
        for sid, lead in zip(assigned["staff_id"], assigned["leader_id"], strict=True)
        for rel in rels
    ]
    for i, lead in enumerate(sorted(leads)):  # leads are developed by administrators in turn
        drawn.append((admins["staff_id"].iloc[i % len(admins)], lead, "develops"))
    evaluated = set(keep.loc[keep["relation"] == "evaluates", "staff_id"])
    head = admins["staff_id"].iloc[0]
    drawn += [(head, t, "evaluates") for t in sorted(set(teachers["staff_id"]) - evaluated)]
    staff, teams = _set_teams(staff, assigned, leads, school_id)
    return staff, drawn, teams


def _administrator_teams(
    staff: pd.DataFrame, teachers: pd.DataFrame, admins: pd.DataFrame, plan: _Plan, school_id: str
) -> tuple[pd.DataFrame, list[tuple[str, str, str]], pd.DataFrame]:
    n_admins = max(len(admins), 1 + plan.min_aps)
    if plan.cap:
        n_admins = max(n_admins, math.ceil(len(teachers) / plan.cap))
    added = [f"{school_id}-AP-NEW{i + 1}" for i in range(n_admins - len(admins))]
    staff = _with_new_aps(staff, added, school_id)
    leader_ids = admins["staff_id"].tolist() + added
    cap = plan.cap or max(math.ceil(len(teachers) / len(leader_ids)), 1)
    assigned = form_teams(
        teachers[["staff_id", "group"]],
        pd.DataFrame({"leader_id": leader_ids, "home": [None] * len(leader_ids)}),
        cap=cap,
    )
    drawn = [
        (lead, sid, rel)
        for sid, lead in zip(assigned["staff_id"], assigned["leader_id"], strict=True)
        for rel in ("supervises", "evaluates", "develops")
    ]
    drawn += [(leader_ids[0], ap, "supervises") for ap in added]
    teams = pd.DataFrame(columns=["school_id", "team_id", "lead_id"])
    if plan.facilitator:
        size_max = plan.team_max or 10
        sizes = teachers["group"].value_counts()
        per_group = _leads_per_group(
            sizes,
            pd.Series(dtype="int64"),
            cap=size_max - 1,
            team_min=plan.team_min,
            max_share=None,
        )
        leads = _choose_leads(teachers, per_group, plan.facilitator.role)
        staff.loc[staff["staff_id"].isin(leads), "role"] = plan.facilitator.role
        homes = teachers.set_index("staff_id").loc[leads, "group"]
        members = teachers[~teachers["staff_id"].isin(leads)][["staff_id", "group"]]
        communities = form_teams(
            members, pd.DataFrame({"leader_id": leads, "home": homes.tolist()}), cap=size_max - 1
        )
        drawn += [
            (lead, sid, "facilitates")
            for sid, lead in zip(communities["staff_id"], communities["leader_id"], strict=True)
        ]
        staff, teams = _set_teams(staff, communities, leads, school_id)
    return staff, drawn, teams


def _set_teams(
    staff: pd.DataFrame, assigned: pd.DataFrame, leads: list[str], school_id: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Put every member and lead on their lead's team; return staff and the teams table."""
    team_of = dict(zip(assigned["staff_id"], assigned["leader_id"], strict=True))
    team_of.update({lead: lead for lead in leads})
    staff = staff.assign(
        team_id=staff["staff_id"].map(
            lambda s: f"{school_id}-TEAM-{team_of[s]}" if s in team_of else None
        )
    )
    teams = pd.DataFrame(
        {
            "school_id": school_id,
            "team_id": [f"{school_id}-TEAM-{lead}" for lead in sorted(leads)],
            "lead_id": sorted(leads),
        }
    )
    return staff, teams


def _basis(level: object, teachers: pd.DataFrame) -> str:
    """What teams have in common, matching :func:`~leadmodel.inference.group_key`."""
    if level == "elementary":
        return "grade"
    if level in ("middle", "high") or teachers["subject"].notna().any():
        return "subject"
    return "grade"


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
    targets = set(schools) if schools is not None else set(roster.schools["school_id"])
    level = roster.schools.set_index("school_id")["level"]
    staff_parts, link_parts, team_parts = [], [], []
    groups = roster.staff.groupby("school_id", sort=True)
    for done, (school_id, staff) in enumerate(groups, start=1):
        links = roster.links[roster.links["school_id"] == school_id]
        teams = roster.teams[roster.teams["school_id"] == school_id]
        if school_id in targets:
            lvl = level.get(school_id)
            staff, links, new_teams = _restaff_school(
                staff, links, None if pd.isna(lvl) else lvl, plan, str(school_id)
            )
            teams = new_teams if len(new_teams) else teams
        staff_parts.append(staff)
        link_parts.append(links)
        team_parts.append(teams)
        if progress is not None:
            progress(done, groups.ngroups)
    schools_table = roster.schools.copy()
    schools_table.loc[schools_table["school_id"].isin(targets), "model"] = resolved.key
    return validate_tables(
        pd.concat(staff_parts, ignore_index=True),
        links=pd.concat(link_parts, ignore_index=True),
        teams=pd.concat(team_parts, ignore_index=True),
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
        assert increase is not None
        added = round(increase * int((staff["role"] == "assistant_principal").sum()))
    targets = set(roster.schools["school_id"]) if schools is None else set(schools)
    inside = staff[staff["school_id"].isin(targets)]
    teachers = inside[inside["role"].isin(TEACHING_ROLES)].groupby("school_id").size()
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
