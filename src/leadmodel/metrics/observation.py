"""Observation and coaching load against each leader's time.

A policy (:class:`~leadmodel.ObservationPolicy`, or a preset name from
:func:`~leadmodel.list_policies`) says how many visits of each kind every
teacher gets a year, how long each takes, and who must make them: the
teacher's evaluator, developer or coach, read from the roster's links. When a
teacher has several such leaders, the visits are shared equally among them. A
time model (:class:`~leadmodel.TimeModel`, or a preset name from
:func:`~leadmodel.list_time_models`) turns each leader's contract, FTE, release
and the share of that time their role gives to observation and feedback into
hours available.

Examples
--------
>>> import leadmodel as lm
>>> load = lm.observation_load(lm.load_sample("traditional_elementary"))
>>> principal = load.loc[("S-TRAD", "TRAD-P01")]
>>> float(principal["observations"]), float(principal["hours_required"])  # 27 x 11; 27 x 10.5 h
(297.0, 283.5)
>>> bool(principal["over_capacity"])
True
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.arrays import BooleanArray

from leadmodel.graph import as_roster
from leadmodel.metrics.coded import CodedRoster, coded, teachers_by_school
from leadmodel.metrics.spans import (
    ArrayLike,
    Data,
    arrays,
    floats,
    looked_up,
    release_shares,
    span_of_control,
    typed,
)
from leadmodel.models import ObservationPolicy, ObservationVisit, TimeModel
from leadmodel.presets.policies import get_policy, get_time_model, school_hours_per_teacher
from leadmodel.readers.counts import StaffingCounts
from leadmodel.roles import ROLE_CATEGORY
from leadmodel.roster import Roster

__all__ = [
    "count_observation_load",
    "hours_available",
    "max_teachers_per_leader",
    "observation_load",
    "observation_summary",
]

PARTS = {
    "classroom": "classroom_minutes",
    "pre_conference": "pre_conference_minutes",
    "debrief": "debrief_minutes",
    "writeup": "writeup_minutes",
}
BY_RELATION = {"evaluator": "evaluates", "developer": "develops", "coach": "coaches"}
KEY = ["school_id", "leader_id"]


def hours_available(
    role: pd.Series, fte: pd.Series, release_fte: pd.Series, time: TimeModel
) -> pd.Series:
    """Hours a year each leader has for observation and feedback.

    ``contract days x hours per day x fte x release share x observation share``,
    with the administrator contract for administrators and the teacher contract
    otherwise; a missing release share is the role's default. The observation
    share is the time model's for the role (``TimeModel.observation_share``); a
    role it does not list gets missing hours (``NaN``), not an assumed share.

    >>> import pandas as pd
    >>> from leadmodel.presets.time import DEFAULT_TIME
    >>> hours = hours_available(pd.Series(["principal", "team_lead"]), pd.Series([1.0, 1.0]),
    ...                         pd.Series([None, 0.5], dtype="Float64"), DEFAULT_TIME)
    >>> [round(h, 2) for h in hours]  # 220 x 9 x 0.077; 186 x 7.5 x 0.5 / 3
    [152.46, 232.5]
    """
    hours = leader_hours(role.array, fte.array, release_fte.array, time)
    return pd.Series(hours, index=role.index)


def leader_hours(
    role: ArrayLike, fte: ArrayLike, release_fte: ArrayLike, time: TimeModel
) -> np.ndarray:
    """:func:`hours_available` on arrays: the hours as floats, ``nan`` where unknown."""
    admin = looked_up(role, ROLE_CATEGORY, None) == "administrator"
    contract = np.where(
        admin,
        time.admin_days * time.admin_hours_per_day,
        time.teacher_days * time.teacher_hours_per_day,
    )
    share = looked_up(role, time.observation_share)
    release = floats(release_shares(role, release_fte))
    hours: np.ndarray = contract * floats(typed(fte, "Float64")) * release * share
    return hours


def _visit_group(c: CodedRoster, visit: ObservationVisit, policy: ObservationPolicy) -> np.ndarray:
    """The teachers (nodes, in order) a visit kind applies to: new (fewer years of experience
    than the policy's ``new_teacher_years``), experienced (the others, unknown years
    included) or all, of the visit's ratings if it names any."""
    teachers = np.flatnonzero(c.teaches)
    chosen = np.ones(len(teachers), dtype=bool)
    if visit.teachers != "all":
        new = c.staff_column("years_experience")[teachers] < policy.new_teacher_years
        chosen &= new if visit.teachers == "new" else ~new
    if visit.ratings is not None:
        rating = c.staff_column("rating")[teachers]
        chosen &= looked_up(rating, dict.fromkeys(visit.ratings, True), False).astype(bool)
    group: np.ndarray = teachers[chosen]
    return group


def _responsible(
    c: CodedRoster, visit: ObservationVisit, group: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For a visit made by a school leader: the ``(leader, teacher)`` pairs responsible for
    the teachers of ``group``, and each pair's share of the teacher's visits (shared equally
    among a teacher's co-leaders)."""
    lead, led = c.edges([BY_RELATION[visit.by]])
    in_group = np.zeros(c.n, dtype=bool)
    in_group[group] = True
    chosen = in_group[led]
    lead, led = lead[chosen], led[chosen]
    return lead, led, 1.0 / np.bincount(led, minlength=c.n)[led]


def visit_assignments(roster: Roster, policy: ObservationPolicy) -> pd.DataFrame:
    """One row per (visit kind, teacher, responsible leader) with the leader's share of the visits.

    Teachers with nobody responsible get a row with a missing ``leader_id`` (unassigned);
    ``external`` visits get ``leader_id`` ``<external>``. Rows are in visit order, then
    teacher order, then leader order.
    """
    c = coded(roster)
    ids = np.concatenate([c.ids.to_numpy(dtype=object), ["<external>", None]])  # -2, -1
    parts = []
    for i, visit in enumerate(policy.visits):
        group = _visit_group(c, visit, policy)
        if visit.by == "external":
            teacher, leader, share = group, np.full(len(group), -2), np.ones(len(group))
        else:
            lead, led, share = _responsible(c, visit, group)
            alone = group[np.bincount(led, minlength=c.n)[group] == 0]
            order = np.lexsort((np.r_[lead, np.full(len(alone), -1)], np.r_[led, alone]))
            teacher = np.r_[led, alone][order]
            leader = np.r_[c.id[lead], np.full(len(alone), -1)][order]
            share = np.r_[share, np.ones(len(alone))][order]
        names = c.names(teacher, "staff_id")
        rows = pd.DataFrame(
            {
                "school_id": names.get_level_values("school_id"),
                "staff_id": names.get_level_values("staff_id"),
                "leader_id": pd.array(ids[leader], dtype="string"),
                "share": share.astype(np.float64),
                "visit": i,
                "per_year": float(visit.per_year),
            }
        )
        for part, field in PARTS.items():
            rows[f"minutes_{part}"] = float(getattr(visit, field))
        parts.append(rows)
    if not parts:
        return pd.DataFrame(
            columns=[
                "school_id",
                "staff_id",
                "leader_id",
                "share",
                "visit",
                "per_year",
                *[f"minutes_{p}" for p in PARTS],
            ]
        )
    return pd.concat(parts, ignore_index=True)


def observation_load(
    data: Data,
    *,
    policy: str | ObservationPolicy = "bain_10_spot_1_formal",
    time: str | TimeModel = "default",
) -> pd.DataFrame:
    """Observations and hours each leader's policy load requires, against the hours they have.

    Parameters
    ----------
    data
        A roster or its graph.
    policy
        An :class:`~leadmodel.ObservationPolicy` or a preset name.
    time
        A :class:`~leadmodel.TimeModel` or a preset name (:func:`~leadmodel.list_time_models`).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``(school_id, leader_id)`` (the leaders of
        :func:`~leadmodel.span_of_control`): ``role``, ``observations``,
        ``hours_classroom``, ``hours_pre_conference``, ``hours_debrief``,
        ``hours_writeup``, ``hours_required``, ``hours_available``,
        ``utilisation``, ``over_capacity`` and
        ``affordable_minutes_per_observation``; defined in ``docs/glossary.md``.
    """
    roster = as_roster(data)
    return load_from_spans(
        roster, span_of_control(roster), get_policy(policy), get_time_model(time)
    )


def _visits_per_leader(roster: Roster, pol: ObservationPolicy) -> dict[str, np.ndarray]:
    """Per node: the observations a year the policy assigns them and the hours of each part
    (the rows of :func:`visit_assignments` with a leader in the roster, added up)."""
    c = coded(roster)
    totals = {name: np.zeros(c.n) for name in ("observations", *[f"hours_{p}" for p in PARTS])}
    hours = np.empty(c.n)  # one buffer for every part's hours: no array per part and visit
    for visit in pol.visits:
        if visit.by == "external":
            continue
        lead, _, share = _responsible(c, visit, _visit_group(c, visit, pol))
        # teachers led (as floats: with no pair, bincount gives integers) times their visits
        observations = np.bincount(lead, share, minlength=c.n).astype(np.float64, copy=False)
        observations *= visit.per_year
        totals["observations"] += observations
        for part, field in PARTS.items():
            np.multiply(observations, getattr(visit, field), out=hours)
            hours /= 60
            totals[f"hours_{part}"] += hours
    return totals


def load_from_spans(
    roster: Roster, spans: pd.DataFrame, pol: ObservationPolicy, tm: TimeModel
) -> pd.DataFrame:
    """:func:`observation_load` for the leaders of development spans already computed."""
    nodes = coded(roster).nodes_of(spans.index)
    leaders = arrays(spans, ["role", "fte", "release_fte"])
    role = leaders["role"]
    totals = {name: total[nodes] for name, total in _visits_per_leader(roster, pol).items()}
    required = totals["hours_classroom"]
    for part in list(PARTS)[1:]:  # added up in order, as DataFrame.sum(axis=1) adds
        required = required + totals[f"hours_{part}"]
    avail = leader_hours(role, leaders["fte"], leaders["release_fte"], tm)
    vacant = spans["vacant"].to_numpy(dtype=bool, na_value=False)
    avail = np.where(vacant, 0.0, avail)  # a vacancy gives no capacity
    known = avail > 0
    observations = totals["observations"]
    columns: dict[str, ArrayLike] = {
        "role": role,
        **totals,
        "hours_required": required,
        "hours_available": avail,
        "utilisation": typed(
            np.where(known, required / np.where(known, avail, 1.0), np.nan), "Float64"
        ),
        # unknown hours: unknown, not "within"
        "over_capacity": BooleanArray(required > avail + 1e-9, np.isnan(avail)),
        "affordable_minutes_per_observation": typed(
            avail * 60 / np.where(observations > 0, observations, np.nan), "Float64"
        ),
    }
    return pd.DataFrame(columns, index=spans.index)


def observation_summary(
    data: Data,
    *,
    policy: str | ObservationPolicy = "bain_10_spot_1_formal",
    time: str | TimeModel = "default",
    by: str = "school_id",
) -> pd.DataFrame:
    """Roll the observation load up per school (``by="school_id"``) or district (``"district_id"``).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``by``: ``teachers``, ``observations_required`` (every
        visit the policy asks for), ``observations_assigned`` (to a school
        leader), ``observations_external``, ``observations_unassigned``
        (nobody in the roster holds the relation the policy names),
        ``visiting_leaders`` (leaders the policy gives visits to),
        ``hours_required`` and ``hours_available`` (of the visiting leaders),
        ``max_utilisation`` (the headline: the most loaded leader's utilisation,
        since a school can be within its hours on average while its principal is
        over), ``utilisation`` (the visiting leaders' hours together) and
        ``leaders_over_capacity``.
    """
    roster = as_roster(data)
    pol = get_policy(policy)
    return summary_from_load(roster, pol, observation_load(roster, policy=pol, time=time), by)


def summary_from_load(
    roster: Roster, pol: ObservationPolicy, load: pd.DataFrame, by: str = "school_id"
) -> pd.DataFrame:
    """:func:`observation_summary` from the observation load already computed (as ``compare``
    and ``Analysis`` have it)."""
    visits = visit_assignments(roster, pol)
    visits["observations"] = visits["per_year"] * visits["share"]
    external = (visits["leader_id"] == "<external>").fillna(False).to_numpy(dtype=bool)
    kind = np.where(
        visits["leader_id"].isna().to_numpy(),
        "unassigned",
        np.where(external, "external", "assigned"),
    )
    by_kind = visits.groupby(["school_id", kind])["observations"].sum().unstack(fill_value=0)
    schools = roster.schools.set_index("school_id")
    teachers = teachers_by_school(roster)  # people: a vacancy none
    per_school = pd.DataFrame(index=schools.index)
    per_school["teachers"] = teachers.reindex(per_school.index, fill_value=0)
    for name in ("assigned", "external", "unassigned"):
        column = by_kind[name] if name in by_kind else pd.Series(dtype="float64")
        per_school[f"observations_{name}"] = column.reindex(per_school.index, fill_value=0.0)
    per_school["observations_required"] = per_school[
        ["observations_assigned", "observations_external", "observations_unassigned"]
    ].sum(axis=1)
    visiting = load[load["observations"] > 0]  # the leaders who make the school's visits
    lead = visiting.groupby(level="school_id")
    per_school["visiting_leaders"] = lead.size().reindex(per_school.index, fill_value=0)
    per_school["hours_required"] = (
        lead["hours_required"].sum().reindex(per_school.index, fill_value=0.0)
    )
    hours = lead["hours_available"]
    known = hours.count() == lead.size()  # a visiting leader with unknown hours: school unknown
    per_school["hours_available"] = (
        hours.sum().where(known).reindex(per_school.index, fill_value=0.0)
    )
    per_school["leaders_over_capacity"] = (
        load.groupby(level="school_id")["over_capacity"]
        .sum()
        .reindex(per_school.index, fill_value=0)
    )
    # the most loaded leader; unknown while any visiting leader's utilisation is unknown
    utilisation = lead["utilisation"]
    top = utilisation.max().where(utilisation.count() == lead.size())
    per_school["max_utilisation"] = top.reindex(per_school.index).astype("float64")
    if by != "school_id":
        if by not in schools:
            from leadmodel.errors import DefinitionError

            raise DefinitionError(f"Cannot roll up by {by!r}: use 'school_id' or a schools column.")
        key = schools[by].astype("string").fillna("<none>")
        groups = per_school.groupby(key)
        unknown = per_school["max_utilisation"].isna() & (per_school["visiting_leaders"] > 0)
        top = groups["max_utilisation"].max().where(~unknown.groupby(key).any())
        per_school = groups.sum(min_count=1).assign(max_utilisation=top)
    out = per_school[
        [
            "teachers",
            "observations_required",
            "observations_assigned",
            "observations_external",
            "observations_unassigned",
            "visiting_leaders",
            "hours_required",
            "hours_available",
            "max_utilisation",
            "leaders_over_capacity",
        ]
    ].copy()
    avail = out["hours_available"]
    out["utilisation"] = (out["hours_required"] / avail.where(avail > 0)).astype("Float64")
    out["max_utilisation"] = out["max_utilisation"].astype("Float64")
    for count in ("teachers", "visiting_leaders", "leaders_over_capacity"):
        out[count] = out[count].fillna(0).astype("int64")
    order = [*out.columns.drop(["utilisation", "leaders_over_capacity"])]
    return out[[*order, "utilisation", "leaders_over_capacity"]].sort_index()


def max_teachers_per_leader(
    policy: str | ObservationPolicy,
    time: str | TimeModel = "default",
    *,
    role: str = "assistant_principal",
    fte: float = 1.0,
    release_fte: float | None = None,
) -> float:
    """How many teachers one leader can carry under a policy, doing every school visit for them.

    Counts the visits of an experienced teacher with no rating-specific visits
    (:func:`~leadmodel.presets.policies.school_hours_per_teacher`).

    >>> from leadmodel import max_teachers_per_leader
    >>> # a Team Lead on 0.5 release: 186 days x 7.5 h x 0.5 x 1/3 = 232.5 h for observation
    >>> # and feedback; the Denver-style policy asks 36 x 35 min + 2 x 180 min = 27 h a teacher
    >>> round(max_teachers_per_leader("denver_leap", role="team_lead", release_fte=0.5), 2)
    8.61
    """
    pol, tm = get_policy(policy), get_time_model(time)
    per_teacher = school_hours_per_teacher(pol)
    available = hours_available(
        pd.Series([role]), pd.Series([fte]), pd.Series([release_fte], dtype="Float64"), tm
    ).iloc[0]
    return float(available / per_teacher) if per_teacher else float("inf")


def count_observation_load(
    counts: StaffingCounts | pd.DataFrame,
    *,
    policy: str | ObservationPolicy = "bain_10_spot_1_formal",
    time: str | TimeModel = "default",
) -> pd.DataFrame:
    """Estimated load per administrator FTE from a count-level staffing file.

    Every school visit of the policy for an experienced teacher
    (:func:`~leadmodel.presets.policies.school_hours_per_teacher`) is assumed
    to fall on the administrators. An unknown count (blank, masked) gives unknown figures.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``school_id``: ``hours_required`` (teacher FTE x school
        hours per teacher), ``hours_per_admin_fte``,
        ``hours_available_per_admin_fte`` (administrator contract x the principals'
        observation share; missing when the time model gives none) and ``utilisation``.
    """
    pol, tm = get_policy(policy), get_time_model(time)
    per_teacher = school_hours_per_teacher(pol)
    table = counts.table if isinstance(counts, StaffingCounts) else counts
    teachers = table["teacher_fte"].astype("Float64")  # unknown counts stay unknown
    admins = table["admin_fte"] if "admin_fte" in table else pd.Series(pd.NA, index=table.index)
    admins = admins.astype("Float64")
    out = pd.DataFrame(index=table.index)
    out["hours_required"] = (teachers * per_teacher).astype("Float64")
    out["hours_per_admin_fte"] = (out["hours_required"] / admins.where(admins > 0)).astype(
        "Float64"
    )
    share = tm.observation_share.get("principal", np.nan)
    per_admin = tm.admin_days * tm.admin_hours_per_day * share
    out["hours_available_per_admin_fte"] = per_admin
    out["utilisation"] = (out["hours_per_admin_fte"] / per_admin).astype("Float64")
    return out
