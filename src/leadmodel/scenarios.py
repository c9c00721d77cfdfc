"""Redesign scenarios: pure edits, re-staffing in a model's pattern, comparison and rollout.

Every function returns a new, re-validated :class:`~leadmodel.Roster` (or a
table) and never modifies its input.

Examples
--------
>>> import leadmodel as lm
>>> today = lm.load_sample("traditional_elementary")
>>> denver = lm.apply_model(today, "denver")
>>> int(lm.span_of_control(denver).query("role == 'team_lead'")["span"].max())
8
>>> len(denver.staff) == len(today.staff)
True
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from leadmodel.cost import cost
from leadmodel.errors import DefinitionError
from leadmodel.inference import group_key
from leadmodel.metrics.compliance import compliance
from leadmodel.metrics.observation import observation_summary
from leadmodel.models import CostModel, LeadershipModel, ModelRole, ObservationPolicy
from leadmodel.presets.leadership import get_model
from leadmodel.readers.roster_checks import validate_tables
from leadmodel.roles import ROLE_CATEGORY, TEACHING_ROLES
from leadmodel.roster import Roster, row_keys
from leadmodel.summary import school_summary
from leadmodel.teaming import form_teams

__all__ = [
    "apply_model",
    "compare",
    "rollout",
    "with_links",
    "with_release_time",
    "with_role",
    "with_staff",
]

ADMIN_ROLES = ("principal", "assistant_principal")


def _rebuild(roster: Roster, **tables: pd.DataFrame) -> Roster:
    """Validate edited tables into a new roster (strict: an edit must leave a valid roster)."""
    t = {
        name: tables.get(name, getattr(roster, name))
        for name in ("staff", "links", "teams", "schools")
    }
    return validate_tables(
        t["staff"],
        links=t["links"],
        teams=t["teams"],
        schools=t["schools"],
        source={**roster.source, "name": "scenario"},
    )


def with_staff(
    roster: Roster,
    *,
    add: pd.DataFrame | None = None,
    remove: Iterable[str] | pd.DataFrame | None = None,
) -> Roster:
    """Add staff rows and/or remove people; links to removed people go with them.

    ``remove`` is staff ids (every school) or a frame of ``school_id``, ``staff_id``.

    >>> import pandas as pd, leadmodel as lm
    >>> r = lm.load_sample("green_dot")
    >>> new_ap = pd.DataFrame({"staff_id": ["GD-A03"], "school_id": ["S-GD"],
    ...                        "role": ["assistant_principal"]})
    >>> len(lm.with_staff(r, add=new_ap).staff) - len(r.staff)
    1
    """
    staff, links, teams = roster.staff, roster.links, roster.teams
    if remove is not None:
        if isinstance(remove, pd.DataFrame):
            gone = row_keys(remove.astype("string"), ["school_id", "staff_id"])
        else:
            ids = set(remove)
            gone = row_keys(staff[staff["staff_id"].isin(ids)], ["school_id", "staff_id"])
        staff = staff[~row_keys(staff, ["school_id", "staff_id"]).isin(gone)]
        links = links[
            ~row_keys(links, ["school_id", "leader_id"]).isin(gone)
            & ~row_keys(links, ["school_id", "staff_id"]).isin(gone)
        ]
        lead_gone = row_keys(teams, ["school_id", "lead_id"]).isin(gone)
        teams = teams.assign(lead_id=teams["lead_id"].mask(lead_gone))
    if add is not None:
        staff = pd.concat([staff, add], ignore_index=True)
    return _rebuild(roster, staff=staff, links=links, teams=teams)


def with_role(
    roster: Roster,
    staff_id: str,
    role: str,
    *,
    school_id: str | None = None,
    release_fte: float | None = None,
    release_purpose: str | None = None,
) -> Roster:
    """Give a person a new role (in one school, or every school they work in), with release.

    >>> import leadmodel as lm
    >>> r = lm.with_role(lm.load_sample("traditional_elementary"), "TRAD-T004", "team_lead",
    ...                  release_fte=0.5)
    >>> lead = r.staff.set_index("staff_id").loc["TRAD-T004"]
    >>> lead["role"], float(lead["release_fte"])
    ('team_lead', 0.5)
    """
    staff = roster.staff.copy()
    mask = staff["staff_id"] == staff_id
    if school_id is not None:
        mask &= staff["school_id"] == school_id
    if not mask.any():
        raise DefinitionError(f"No staff member {staff_id!r} to change.")
    staff.loc[mask, "role"] = role
    if release_fte is not None:
        staff.loc[mask, "release_fte"] = release_fte
    if release_purpose is not None:
        staff.loc[mask, "release_purpose"] = release_purpose
    return _rebuild(roster, staff=staff)


def with_links(roster: Roster, links: pd.DataFrame, *, replace: bool = True) -> Roster:
    """Add links; with ``replace``, a new link replaces the person's links of that relation
    (in the link's school when it names one, else in every school).

    ``links`` has ``leader_id``, ``staff_id``, ``relation`` (and optionally ``school_id``).
    """
    current = roster.links
    if replace:
        pairs = (
            ["school_id", "staff_id", "relation"]
            if "school_id" in links
            else ["staff_id", "relation"]
        )
        targets = links[pairs].astype("string").drop_duplicates()
        current = current[~row_keys(current, pairs).isin(row_keys(targets, pairs))]
    return _rebuild(roster, links=pd.concat([current, links], ignore_index=True))


def with_release_time(
    roster: Roster, release: float | Mapping[str, float], *, role: str | None = None
) -> Roster:
    """Set release time: one share for every holder of ``role``, or ``{staff_id: share}``."""
    staff = roster.staff.copy()
    if isinstance(release, Mapping):
        for sid, share in release.items():
            staff.loc[staff["staff_id"] == sid, "release_fte"] = share
    else:
        if role is None:
            raise DefinitionError("Give role= when setting one release share for many people.")
        staff.loc[staff["role"] == role, "release_fte"] = release
    return _rebuild(roster, staff=staff)


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
    if model.key == "kipp":
        raise DefinitionError(
            "apply_model cannot yet staff the KIPP pattern (APs and teacher leaders both "
            "developing); build it with with_role / with_links."
        )
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
    )


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
    kept = ["evaluates", "supervises", "coaches"] if plan.developer else ["coaches"]
    keep = links[~links["staff_id"].isin(teacher_ids) | (by_staff & links["relation"].isin(kept))]
    basis = _basis(level, teachers)
    if plan.developer:
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
    if added:
        new = pd.DataFrame(
            {
                "staff_id": added,
                "school_id": school_id,
                "role": "assistant_principal",
                "title": "Assistant principal (new position)",
                "fte": 1.0,
            }
        )
        staff = pd.concat([staff, new], ignore_index=True)
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

    Returns
    -------
    Roster
        Every input staff member is kept; new positions are added where the
        model needs them; new links have ``source = "scenario"``.
    """
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


# ----------------------------------------------------------------------------- compare


def compare(
    scenarios: Mapping[str, Roster],
    *,
    policy: str | ObservationPolicy = "bain_10_spot_1_formal",
    model: str | LeadershipModel | None = None,
    cost_model: str | CostModel = "default",
) -> pd.DataFrame:
    """Compare scenarios school by school: a tidy long table.

    Returns
    -------
    pandas.DataFrame
        Columns ``scenario``, ``school_id``, ``metric``, ``value``; metrics
        ``teachers``, ``max_span``, ``median_span``,
        ``share_developed_within_target``, ``no_developer``, ``fragmented``,
        ``leaders_over_capacity``, ``observation_utilisation``,
        ``leadership_cost``, ``cost_per_teacher_developed`` and, with a
        ``model``, ``compliance_score``.

    >>> import leadmodel as lm
    >>> today = lm.load_sample("green_dot")
    >>> table = lm.compare({"Today": today, "Denver": lm.apply_model(today, "denver")})
    >>> sorted(table["scenario"].unique())
    ['Denver', 'Today']
    """
    parts = []
    for name, roster in scenarios.items():
        summary = school_summary(roster)
        load = observation_summary(roster, policy=policy)
        money = cost(roster, cost_model)
        wide = pd.DataFrame(
            {
                "teachers": summary["teachers"],
                "max_span": summary["max_span"],
                "median_span": summary["median_span"],
                "share_developed_within_target": summary["share_developed_within_target"],
                "no_developer": summary["no_developer"],
                "fragmented": summary["fragmented"],
                "leaders_over_capacity": load["leaders_over_capacity"],
                "observation_utilisation": load["utilisation"],
                "leadership_cost": money["leadership_cost"],
                "cost_per_teacher_developed": money["cost_per_teacher_developed"],
            }
        )
        if model is not None:
            wide["compliance_score"] = compliance(roster, model).schools["score"]
        long = wide.astype("Float64").melt(ignore_index=False, var_name="metric")
        parts.append(long.reset_index().assign(scenario=name))
    out = pd.concat(parts, ignore_index=True)[["scenario", "school_id", "metric", "value"]]
    out["scenario"] = out["scenario"].astype("string")
    out["metric"] = out["metric"].astype("string")
    return out


def rollout(
    roster: Roster,
    model: str | LeadershipModel,
    *,
    waves: Mapping[str, Iterable[str]] | None = None,
    choices: Mapping[str, float] | None = None,
    policy: str | ObservationPolicy = "bain_10_spot_1_formal",
    cost_model: str | CostModel = "default",
) -> pd.DataFrame:
    """Roll a model out in waves; compare today with the district after each wave.

    ``waves`` maps a wave name to its schools; by default the schools'
    ``pilot_wave`` column gives them (wave 1, then 2, ...). After wave ``k``
    every school of waves 1..k follows the model.

    Returns
    -------
    pandas.DataFrame
        The :func:`compare` table (with ``compliance_score`` against ``model``)
        for scenarios ``today``, ``after wave 1``, ...
    """
    if waves is None:
        table = roster.schools.dropna(subset=["pilot_wave"])
        waves = {str(w): g["school_id"].tolist() for w, g in table.groupby("pilot_wave")}
    stages: dict[str, Roster] = {"today": roster}
    done: list[str] = []
    for name, members in waves.items():
        done += list(members)
        stages[f"after wave {name}"] = apply_model(roster, model, choices=choices, schools=done)
    return compare(stages, policy=policy, model=model, cost_model=cost_model)
