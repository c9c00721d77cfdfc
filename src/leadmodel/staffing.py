"""One school re-staffed in a leadership model's pattern, on plain lists.

:func:`leadmodel.apply_model` reads a model into a :class:`Plan` once, gives each school's staff
rows to :func:`restaff` as a :class:`SchoolRows` (columns as Python lists, changed in place),
and puts the schools back together into one roster, validated once. A school is a few dozen
people, so the work here is done in plain Python: a table library's fixed cost per operation
would be most of the time. Teams are formed by :func:`~leadmodel.teaming.assign_teams`, which
solves each distinct problem once, so schools of one structure share a solve.

The rules (who leads, how many, who develops whom) are documented on
:func:`~leadmodel.apply_model` and in ``docs/architecture.md``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from leadmodel.errors import DefinitionError
from leadmodel.models import ModelRole
from leadmodel.roles import ROLE_CATEGORY, TEACHING_ROLES
from leadmodel.teaming import assign_teams

__all__ = ["ADMIN_ROLES", "Plan", "SchoolRows", "leads_per_group", "restaff"]

ADMIN_ROLES = ("principal", "assistant_principal")
#: Title and FTE of an assistant principal's position added by re-staffing.
NEW_AP_TITLE = "Assistant principal (new position)"


@dataclass(frozen=True)
class Plan:
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


@dataclass
class SchoolRows:
    """One school's staff rows as lists (in the roster's order), changed in place.

    ``group`` is a teacher's grade or subject group (``"<none>"`` when neither is known; ``None``
    for staff who do not teach); ``evaluated`` marks the staff someone evaluates by a link
    that re-staffing keeps. New assistant principals are appended (their ids in ``added``).
    """

    school_id: str
    ids: list[str]
    role: list[str]
    release: list[float | None]
    purpose: list[str | None]
    team: list[str | None]
    years: list[float | None]
    group: list[str | None]
    evaluated: list[bool]
    added: list[str] = field(default_factory=list)

    def append_ap(self, staff_id: str) -> None:
        """A new assistant principal's position."""
        self.added.append(staff_id)
        self.ids.append(staff_id)
        self.role.append("assistant_principal")
        self.release.append(None)
        self.purpose.append(None)
        self.team.append(None)
        self.years.append(None)
        self.group.append(None)
        self.evaluated.append(False)


@dataclass
class Restaffed:
    """What re-staffing one school draws: links ``(leader_id, staff_id, relation)`` and teams
    ``(team_id, lead_id)`` (none: the school keeps its teams)."""

    links: list[tuple[str, str, str]]
    teams: list[tuple[str, str]]
    basis: str


def leads_per_group(
    sizes: Mapping[Any, int],
    holders: Mapping[Any, int],
    *,
    cap: int,
    team_min: int,
    max_share: float | None,
) -> dict[Any, int]:
    """How many leads each group gets.

    Enough for the cap (``ceil(n / (cap + 1))``, a lead counting as a member), current holders
    kept, none for groups smaller than the model's smallest team (their teachers join other
    teams), and no more in all than the model's share rule allows (``max_share`` of teachers),
    taking leads away from the smallest groups first. Groups come out in sorted order.
    """
    n_total = int(sum(sizes.values()))
    n_of: dict[Any, int] = {g: int(n) for g, n in sizes.items()}
    per_group = {
        g: (
            min(max(math.ceil(n / (cap + 1)), int(holders.get(g, 0))), n // 2)
            if n >= team_min
            else 0
        )
        for g, n in sorted(n_of.items())
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


class _School:
    """A school's rows with the people re-staffing looks at, found once."""

    def __init__(self, rows: SchoolRows) -> None:
        self.rows = rows
        self.index = {sid: i for i, sid in enumerate(rows.ids)}
        admins = [i for i, r in enumerate(rows.role) if r in ADMIN_ROLES]
        if not admins:
            raise DefinitionError(
                f"School {rows.school_id} has no principal or assistant principal, so "
                "apply_model cannot staff it: add its principal to the roster first."
            )
        admins.sort(key=lambda i: (rows.role[i] != "principal", rows.ids[i]))
        self.admins = [rows.ids[i] for i in admins]
        self.admin_roles = [rows.role[i] for i in admins]
        #: teaching rows, with their roles before any change
        self.teachers = [i for i, r in enumerate(rows.role) if r in TEACHING_ROLES]
        self.teacher_role = {rows.ids[i]: rows.role[i] for i in self.teachers}

    def group_of(self, i: int) -> str:
        group = self.rows.group[i]
        assert group is not None
        return group

    def sizes(self, rows: Sequence[int] | None = None) -> Counter[str]:
        """Teachers per group (of ``rows``, default every teacher)."""
        return Counter(self.group_of(i) for i in (self.teachers if rows is None else rows))

    def choose_leads(self, per_group: Mapping[str, int], current: str) -> list[str]:
        """Per group, who leads: holders of the role first, then other teacher leaders, then
        the most experienced (``years_experience``), then by staff id."""
        rows = self.rows

        def rank(i: int) -> tuple[int, float, str]:
            role = self.teacher_role[rows.ids[i]]
            first = (
                0 if role == current else (1 if ROLE_CATEGORY.get(role) == "teacher_leader" else 2)
            )
            years = rows.years[i]
            return first, -(-1.0 if years is None else years), rows.ids[i]

        ordered = sorted(self.teachers, key=rank)
        chosen: list[str] = []
        for grp, n in per_group.items():
            chosen += [rows.ids[i] for i in ordered if self.group_of(i) == grp][:n]
        return chosen

    def make_leads(self, leads: list[str], plan: Plan) -> None:
        """Give ``leads`` the model's teacher-leader role and release; holders not chosen
        return to teaching."""
        assert plan.developer is not None
        role, rows = plan.developer.role, self.rows
        low, high = plan.release_range
        chosen = set(leads)
        for i, sid in enumerate(rows.ids):
            release = rows.release[i]
            in_range = release is not None and low <= release <= high
            if sid in chosen:
                if not (in_range and rows.role[i] == role and plan.keep_release):
                    rows.release[i] = plan.release
                rows.role[i] = role
                rows.purpose[i] = "lead and develop a team"
            elif rows.role[i] == role:  # holders the new structure does not need
                rows.role[i] = "teacher"
                rows.release[i] = rows.purpose[i] = None

    def add_aps(self, count: int) -> list[str]:
        """``count`` new assistant principals' positions (``<school>-AP-NEW<n>``)."""
        added = [f"{self.rows.school_id}-AP-NEW{i + 1}" for i in range(count)]
        for sid in added:
            self.rows.append_ap(sid)
        return added

    def set_teams(self, assigned: list[tuple[str, str]], leads: list[str]) -> list[tuple[str, str]]:
        """Put every member and lead on their lead's team; return the teams (id, lead)."""
        school = self.rows.school_id
        team_of = dict(assigned)
        team_of.update({lead: lead for lead in leads})
        self.rows.team = [
            f"{school}-TEAM-{team_of[s]}" if s in team_of else None for s in self.rows.ids
        ]
        return [(f"{school}-TEAM-{lead}", lead) for lead in sorted(leads)]

    def form(
        self, members: list[str], leaders: list[str], homes: list[str | None], cap: int
    ) -> list[tuple[str, str]]:
        """Teams of ``members`` under ``leaders`` (:func:`~leadmodel.teaming.assign_teams`)."""
        groups = [self.group_of(self.index[m]) for m in members]
        return assign_teams(members, groups, leaders, homes, cap=cap)


def _teacher_leader_teams(school: _School, plan: Plan) -> tuple[list[Any], list[Any]]:
    assert plan.developer is not None
    rows, role = school.rows, plan.developer.role
    cap = plan.cap or 8
    holders = Counter(school.group_of(i) for i in school.teachers if rows.role[i] == role)
    per_group = leads_per_group(
        school.sizes(), holders, cap=cap, team_min=plan.team_min, max_share=plan.max_lead_share
    )
    leads = school.choose_leads(per_group, role)
    school.make_leads(leads, plan)
    homes: list[str | None] = [school.group_of(school.index[lead]) for lead in leads]
    chosen = set(leads)
    members = [rows.ids[i] for i in school.teachers if rows.ids[i] not in chosen]
    assigned = school.form(members, leads, homes, cap)
    rels = [r for r in _relations(plan.developer) if r != "evaluates"]
    drawn = [(lead, sid, rel) for sid, lead in assigned for rel in rels]
    admins = school.admins
    for i, lead in enumerate(sorted(leads)):  # leads are developed by administrators in turn
        drawn.append((admins[i % len(admins)], lead, "develops"))
    evaluated = {rows.ids[i] for i in school.teachers if rows.evaluated[i]}
    teacher_ids = {rows.ids[i] for i in school.teachers}
    drawn += [(admins[0], t, "evaluates") for t in sorted(teacher_ids - evaluated)]
    return drawn, school.set_teams(assigned, leads)


def _administrator_teams(school: _School, plan: Plan) -> tuple[list[Any], list[Any]]:
    rows, teachers = school.rows, school.teachers
    n_admins = max(len(school.admins), 1 + plan.min_aps)
    if plan.cap:
        n_admins = max(n_admins, math.ceil(len(teachers) / plan.cap))
    added = school.add_aps(n_admins - len(school.admins))
    leader_ids = school.admins + added
    cap = plan.cap or max(math.ceil(len(teachers) / len(leader_ids)), 1)
    ids = [rows.ids[i] for i in teachers]
    assigned = school.form(ids, leader_ids, [None] * len(leader_ids), cap)
    drawn = [
        (lead, sid, rel)
        for sid, lead in assigned
        for rel in ("supervises", "evaluates", "develops")
    ]
    drawn += [(leader_ids[0], ap, "supervises") for ap in added]
    teams: list[tuple[str, str]] = []
    if plan.facilitator:
        size_max = plan.team_max or 10
        per_group = leads_per_group(
            school.sizes(), {}, cap=size_max - 1, team_min=plan.team_min, max_share=None
        )
        leads = school.choose_leads(per_group, plan.facilitator.role)
        for lead in leads:
            rows.role[school.index[lead]] = plan.facilitator.role
        homes: list[str | None] = [school.group_of(school.index[lead]) for lead in leads]
        chosen = set(leads)
        members = [sid for sid in ids if sid not in chosen]
        communities = school.form(members, leads, homes, size_max - 1)
        drawn += [(lead, sid, "facilitates") for sid, lead in communities]
        teams = school.set_teams(communities, leads)
    return drawn, teams


def mixed_allocation(
    sizes: Mapping[str, int], aps: int, *, ap_cap: int, lead_cap: int
) -> tuple[int, dict[str, int]]:
    """APs and teacher leaders both developing (KIPP): the APs needed and the teacher leaders
    per group (groups in sorted order).

    APs take up to ``ap_cap`` teachers each; the teachers beyond them are led by teacher
    leaders of at most ``lead_cap`` each, given one at a time to the group with the most
    teachers still without one. The principal develops the teacher leaders, at most
    ``ap_cap`` of them (coaching the coaches no more than an AP coaches); APs are added until
    that holds.
    """
    n = int(sum(sizes.values()))
    groups = sorted(sizes)
    while True:
        rest = max(n - ap_cap * aps, 0)
        per_group: dict[str, int] = dict.fromkeys(groups, 0)
        left = {g: int(sizes[g]) for g in groups}
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


def _mixed_teams(school: _School, plan: Plan) -> tuple[list[Any], list[Any]]:
    """The KIPP pattern: APs develop teachers within departments, teacher leaders coach and
    evaluate one or two, and the principal develops the teacher leaders."""
    assert plan.developer is not None and plan.ap_cap is not None
    rows, teachers = school.rows, school.teachers
    lead_cap = plan.cap or 2
    principal = school.admins[0]
    aps = [a for a, r in zip(school.admins, school.admin_roles, strict=True) if r != "principal"]
    n_aps, per_group = mixed_allocation(
        school.sizes(), len(aps), ap_cap=plan.ap_cap, lead_cap=lead_cap
    )
    added = school.add_aps(n_aps - len(aps))
    aps += added
    leads = school.choose_leads(per_group, plan.developer.role)
    school.make_leads(leads, plan)
    chosen = set(leads)
    others = sorted(
        (i for i in teachers if rows.ids[i] not in chosen),
        key=lambda i: (school.group_of(i), rows.ids[i]),
    )
    pools = {
        lead: [
            rows.ids[i] for i in others if school.group_of(i) == school.group_of(school.index[lead])
        ]
        for lead in sorted(leads)
    }
    # the APs take ap_cap teachers each; the leads take the rest, one member each in turn
    wanted = max(len(teachers) - plan.ap_cap * len(aps) - len(leads), 0)
    led: list[tuple[str, str]] = []
    taken: set[str] = set()
    for _ in range(lead_cap):
        for lead, pool in pools.items():
            free = [m for m in pool if m not in taken]
            if len(led) < wanted and free:
                led.append((free[0], lead))
                taken.add(free[0])
    rest = [rows.ids[i] for i in others if rows.ids[i] not in taken]
    by_ap = school.form(rest, aps, [None] * len(aps), plan.ap_cap)
    rels = _relations(plan.developer)
    drawn = [(lead, sid, r) for sid, lead in led for r in rels]
    ap_rels = ("supervises", "evaluates", "develops", "coaches")
    drawn += [(ap, sid, r) for sid, ap in by_ap for r in ap_rels]
    drawn += [
        (principal, lead, r)
        for lead in sorted(leads)
        for r in ("develops", "evaluates", "coaches", "supervises")
    ]
    drawn += [(principal, ap, "supervises") for ap in added]
    # the principal coaches the coaches: the APs too (their supervision is kept or drawn)
    drawn += [(principal, ap, r) for ap in aps for r in ("develops", "coaches")]
    return drawn, school.set_teams([*led, *by_ap], [*leads, *aps])


def basis_of(level: object, subjects_given: bool) -> str:
    """What teams have in common, matching :func:`~leadmodel.inference.group_key`."""
    if level == "elementary":
        return "grade"
    if level in ("middle", "high") or subjects_given:
        return "subject"
    return "grade"


def restaff(rows: SchoolRows, plan: Plan, basis: str) -> Restaffed:
    """Re-staff one school in the plan's pattern: ``rows`` are changed in place (roles,
    release, teams, new APs); the links and teams drawn are returned."""
    school = _School(rows)
    if plan.ap_cap is not None:  # APs and teacher leaders both develop (KIPP)
        drawn, teams = _mixed_teams(school, plan)
    elif plan.developer:
        drawn, teams = _teacher_leader_teams(school, plan)
    else:
        drawn, teams = _administrator_teams(school, plan)
    # teacher-leader roles the model has no place for return to teaching (after the model's
    # own leaders were chosen, existing teacher leaders first)
    for i, role in enumerate(rows.role):
        if ROLE_CATEGORY.get(role) == "teacher_leader" and role not in plan.model_roles:
            rows.role[i] = "teacher"
            rows.release[i] = rows.purpose[i] = None
    return Restaffed(drawn, teams, basis)
