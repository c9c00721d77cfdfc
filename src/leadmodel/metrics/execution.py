"""Initiative load and clarity of focus: a strategic plan joined to the structure that carries it.

A plan's demands (:func:`~leadmodel.read_plan`) say how many hours a month each initiative
asks of the people it lands on; :func:`plan_assignments` finds those people on the roster.
:func:`initiative_load` adds the hours up, per person, school, team, role and initiative,
over the plan's school year, and sets them against each leader's **capacity left**: the
hours the time model gives the leader for observation and feedback
(:func:`~leadmodel.observation_load`'s ``hours_available``) less the hours the observation
policy already asks of them (``hours_required``). One time model for everything: an
initiative draws on the same instructional-leadership hours as observation and coaching, so
a leader whose visits already fill them has nothing left for it.
:func:`clarity_of_focus` counts, per school, the initiatives landing there, the priorities
they serve and the share aligned to a priority.

Unknown stays unknown: a demand without hours gives the people it reaches unknown hours and
every total containing them is unknown, never 0; a leader whose role the time model does not
list has unknown capacity.

Examples
--------
>>> import leadmodel as lm
>>> sample = lm.load_sample("district_plan")
>>> load = lm.initiative_load(sample.roster, sample.plan)
>>> int(load.schools.loc["D004", "initiatives"]) > 0
True
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from leadmodel.errors import RosterError
from leadmodel.graph import as_roster
from leadmodel.metrics.observation import observation_load
from leadmodel.models import ObservationPolicy, TimeModel
from leadmodel.readers.issues import IssueLog, check_known
from leadmodel.readers.plan import Plan
from leadmodel.roles import ROLE_CATEGORY
from leadmodel.roster import STRING, Roster

__all__ = [
    "MONTH_DAYS",
    "InitiativeLoad",
    "clarity_of_focus",
    "initiative_load",
    "months_in_year",
    "plan_assignments",
]

#: Days in a month when hours a month are turned into hours a year: 365.25 / 12.
MONTH_DAYS = 365.25 / 12
_TOLERANCE = 1e-9
#: The clarity-of-focus columns, which the initiative load's school table holds too.
FOCUS_COLUMNS = ["initiatives", "priorities", "aligned_initiatives", "share_aligned"]


@dataclass(frozen=True)
class InitiativeLoad:
    """What the plan's initiatives ask, and of whom: :func:`initiative_load`'s result.

    Attributes
    ----------
    people : pandas.DataFrame
        One row per position reached by an initiative or held by a leader, indexed by
        ``(school_id, staff_id)``.
    schools : pandas.DataFrame
        One row per school of the roster (``school_id``).
    teams : pandas.DataFrame
        One row per team of the roster (``school_id``, ``team_id``), counting its members'
        positions (the ``team_id`` staff column).
    roles : pandas.DataFrame
        One row per role held on the roster (``role``): load per holder.
    initiatives : pandas.DataFrame
        One row per initiative (``initiative_id``): whom it reaches and what it asks.
    assignments : pandas.DataFrame
        One row per initiative and position reached (:func:`plan_assignments`), with the
        initiative's hours in the school year.

    Columns are defined in ``docs/glossary.md`` ("Initiative load").
    """

    people: pd.DataFrame
    schools: pd.DataFrame
    teams: pd.DataFrame
    roles: pd.DataFrame
    initiatives: pd.DataFrame
    assignments: pd.DataFrame


# ------------------------------------------------------------------ the people reached


def check_plan_roster(plan: Plan, roster: Roster) -> None:
    """Raise :class:`~leadmodel.RosterError` when the plan names ids the roster lacks.

    A plan read with this roster (:meth:`~leadmodel.roster.Loaded.read_with`) was checked
    then and is trusted; one read with another roster is checked once here, the reader's way.
    """
    if plan.read_with(roster):
        return
    log = IssueLog()
    staff = roster.staff[["school_id", "staff_id"]]
    checks = [
        ("demands", "school_id", roster.schools[["school_id"]], None, "school"),
        ("demands", "team_id", roster.teams[["school_id", "team_id"]], "school_id", "team"),
        ("demands", "staff_id", staff, "school_id", "staff"),
        ("rocks", "school_id", roster.schools[["school_id"]], None, "school"),
        ("rocks", "team_id", roster.teams[["school_id", "team_id"]], "school_id", "team"),
        ("rocks", "owner_id", staff[["staff_id"]].rename(columns={"staff_id": "owner_id"}),
         None, "staff"),
        ("initiatives", "owner_id",
         staff[["staff_id"]].rename(columns={"staff_id": "owner_id"}), None, "staff"),
    ]  # fmt: skip
    for table, field, known, within, what in checks:
        rows = getattr(plan, table).rename(columns={"row": "_row"})
        rows = rows[rows[field].notna()]
        if within is not None:
            rows = rows[rows[within].notna()]
        check_known(
            rows, field, known, what=what, table=table, log=log, within=within,
            where="this roster",
            fix="Read the plan with the roster it is analysed with (read_plan(..., roster=)).",
        )  # fmt: skip
    if not log.is_empty():
        raise RosterError(log.frame(), what="plan, against this roster")


def _teams_of(roster: Roster, plan: Plan) -> pd.DataFrame:
    """Every team membership: the staff's own team, each team's lead, the plan's members."""
    staff = roster.staff
    parts = [
        staff.loc[staff["team_id"].notna(), ["school_id", "team_id", "staff_id"]],
        roster.teams.loc[roster.teams["lead_id"].notna(), ["school_id", "team_id", "lead_id"]]
        .rename(columns={"lead_id": "staff_id"}),
    ]  # fmt: skip
    if plan.members is not None:
        parts.append(plan.members[["school_id", "team_id", "staff_id"]])
    return pd.concat(parts, ignore_index=True).astype(STRING).drop_duplicates()


def plan_assignments(roster: Roster, plan: Plan) -> pd.DataFrame:
    """Whom each initiative lands on: one row per initiative and position reached.

    A demand reaches every position (vacant ones aside: nobody holds them) that meets all
    the filters it gives: its school (every school when blank), team (the team's own staff,
    its lead and the plan's ``members``), role (a role key, or a category: every role in it)
    and person. A position reached by several demands of one initiative carries the sum of
    their hours a month (unknown when one of them is).

    Returns
    -------
    pandas.DataFrame
        Columns ``initiative_id``, ``school_id``, ``staff_id``, ``role``, ``team_id`` (the
        position's own team), ``demands`` (rows reaching it) and ``hours_per_month``;
        sorted by initiative, school and staff id.
    """
    roster = as_roster(roster)
    check_plan_roster(plan, roster)
    staff = roster.staff
    held = ~staff["vacant"].fillna(False).to_numpy(dtype=bool)
    people = staff.loc[held, ["school_id", "staff_id", "role", "team_id"]].reset_index(drop=True)
    where = _Positions(people, _teams_of(roster, plan))
    demands = plan.demands
    reached = [where.reached(d) for d in demands.itertuples(index=False)]
    sizes = np.array([len(r) for r in reached], dtype=np.int64)
    at = np.concatenate(reached) if reached else np.zeros(0, dtype=np.int64)
    rows = people.iloc[at].reset_index(drop=True)
    rows["initiative_id"] = np.repeat(demands["initiative_id"].to_numpy(dtype=object), sizes)
    hours = demands["hours_per_month"].astype("Float64").array
    rows["hours"] = hours.take(np.repeat(np.arange(len(demands)), sizes))
    columns = ["initiative_id", "school_id", "staff_id", "role", "team_id"]
    grouped = rows.groupby(columns, sort=True, dropna=False)["hours"]
    out = pd.DataFrame(
        {"demands": grouped.size(), "hours_per_month": grouped.sum(min_count=1, skipna=False)}
    ).reset_index()
    for col in columns:
        out[col] = out[col].astype(STRING)
    out["demands"] = out["demands"].astype("int64")
    out["hours_per_month"] = out["hours_per_month"].astype("Float64")
    return out


class _Positions:
    """The positions a demand can reach, found by school, team, role and person."""

    def __init__(self, people: pd.DataFrame, teams: pd.DataFrame) -> None:
        self.school = people["school_id"].to_numpy(dtype=object)
        self.staff = people["staff_id"].to_numpy(dtype=object)
        self.role = people["role"].to_numpy(dtype=object)
        self.category = people["role"].map(ROLE_CATEGORY).to_numpy(dtype=object)
        self.everyone = np.arange(len(people))
        self.by_school = _positions_by(people, ["school_id"])
        self.by_person = _positions_by(people, ["school_id", "staff_id"])
        positions = people[["school_id", "staff_id"]].reset_index(names="_at")
        members = teams.merge(positions, on=["school_id", "staff_id"])
        self.by_team = {
            key: np.sort(group["_at"].to_numpy(dtype=np.int64))
            for key, group in members.groupby(["school_id", "team_id"])
        }

    def reached(self, demand: Any) -> np.ndarray:
        """The positions (row numbers) that meet every filter the demand gives."""
        school, team, person, role = (
            None if pd.isna(v) else v
            for v in (demand.school_id, demand.team_id, demand.staff_id, demand.role)
        )
        empty = np.zeros(0, dtype=np.int64)
        if person is not None and school is not None:
            at = self.by_person.get((school, person), empty)
        elif team is not None:
            at = self.by_team.get((school, team), empty)
        elif school is not None:
            at = self.by_school.get((school,), empty)
        else:
            at = self.everyone
        if person is not None:
            at = at[self.staff[at] == person]
        if team is not None and person is not None:
            at = np.intersect1d(at, self.by_team.get((school, team), empty))
        if role is not None:
            at = at[(self.role[at] == role) | (self.category[at] == role)]
        return at.astype(np.int64)


def _positions_by(people: pd.DataFrame, keys: list[str]) -> dict[tuple[Any, ...], np.ndarray]:
    """Row numbers of ``people`` per value of ``keys``."""
    groups = people.groupby(keys, sort=False).indices
    return {
        k if isinstance(k, tuple) else (k,): np.asarray(v, dtype=np.int64)
        for k, v in groups.items()
    }


def months_in_year(start: pd.Series, end: pd.Series, school_year: tuple[date, date]) -> pd.Series:
    """Months of the school year each period covers: calendar days in both, over 365.25/12.

    A missing end runs to the end of the school year (an initiative with no end set).

    >>> import pandas as pd
    >>> start = pd.Series(pd.to_datetime(["2024-08-01", "2025-01-01", "2025-07-01"]))
    >>> end = pd.Series(pd.to_datetime([None, "2025-01-30", None]))
    >>> months_in_year(start, end, (date(2024, 8, 26), date(2025, 6, 6))).round(3).tolist()
    [9.363, 0.986, 0.0]
    """
    first, last = pd.Timestamp(school_year[0]), pd.Timestamp(school_year[1])
    begin = start.where(start > first, first)
    finish = end.fillna(last)
    finish = finish.where(finish < last, last)
    days = (finish - begin).dt.days + 1
    return (days.clip(lower=0) / MONTH_DAYS).astype("float64")


# ------------------------------------------------------------------ the measures


def initiative_load(
    data: Roster,
    plan: Plan,
    *,
    policy: str | ObservationPolicy = "bain_10_spot_1_formal",
    time: str | TimeModel = "default",
    observation: pd.DataFrame | None = None,
) -> InitiativeLoad:
    """Initiatives and their hours per person, school, team, role and initiative, against
    each leader's capacity left after observation and coaching.

    Parameters
    ----------
    data
        The roster (or its graph) the plan was read with.
    plan
        The plan (:func:`~leadmodel.read_plan`); its school year is the period measured.
    policy, time
        The observation policy and time model giving each leader's hours available and the
        hours observation and coaching already take (as for
        :func:`~leadmodel.observation_load`).
    observation
        :func:`~leadmodel.observation_load`'s table when already computed (an
        :class:`~leadmodel.Analysis` passes its own), instead of ``policy`` and ``time``.

    Returns
    -------
    InitiativeLoad
        Tables ``people``, ``schools``, ``teams``, ``roles``, ``initiatives`` and
        ``assignments``.

    Examples
    --------
    A principal on the default time model has 220 x 9 x 0.077 = 152.46 hours a year for
    observation and feedback; under 10 spot and 1 formal observation of her 6 teachers she
    needs 6 x 10.5 = 63 of them, so 89.46 are left. An initiative asking 4 hours a month of
    every principal for the school year 2024-08-26 to 2025-06-06 (285 days, 9.363 months)
    asks 37.45 of them:

    >>> import pandas as pd
    >>> import leadmodel as lm
    >>> staff = pd.DataFrame({"staff_id": ["P1", *[f"T{i}" for i in range(6)]],
    ...                       "school_id": "S1", "role": ["principal"] + ["teacher"] * 6,
    ...                       "developer_id": [None] + ["P1"] * 6,
    ...                       "evaluator_id": [None] + ["P1"] * 6})
    >>> roster = lm.read_roster(staff)
    >>> plan = lm.read_plan(
    ...     pd.DataFrame({"initiative_id": ["I1"], "name": ["Literacy walks"],
    ...                   "owner_role": ["Chief Academic Officer"], "start_date": ["2024-08-01"]}),
    ...     demands=pd.DataFrame({"initiative_id": ["I1"], "role": ["principal"],
    ...                           "hours_per_month": [4]}),
    ...     roster=roster, school_year=("2024-08-26", "2025-06-06"), strict=False)
    >>> row = lm.initiative_load(roster, plan).people.loc[("S1", "P1")]
    >>> [round(float(row[c]), 2) for c in ("hours_available", "observation_hours",
    ...                                    "capacity_left", "initiative_hours", "capacity_after")]
    [152.46, 63.0, 89.46, 37.45, 52.01]
    """
    roster = as_roster(data)
    if observation is None:
        observation = observation_load(roster, policy=policy, time=time)
    assignments = _with_year_hours(plan_assignments(roster, plan), plan)
    people = _people(roster, observation, assignments)
    initiatives = _initiatives(plan, assignments, people)
    return InitiativeLoad(
        people=people,
        schools=_groups(people, assignments, plan, ["school_id"], _school_index(roster)),
        teams=_groups(people, assignments, plan, ["school_id", "team_id"], _team_index(roster)),
        roles=_roles(roster, people, assignments),
        initiatives=initiatives,
        assignments=assignments,
    )


def clarity_of_focus(data: Roster, plan: Plan) -> pd.DataFrame:
    """Per school: the initiatives landing there, the priorities they serve, and the share
    of them aligned to a priority of the plan (initiatives active in the school year).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``school_id`` (every school of the roster): ``initiatives``,
        ``priorities``, ``aligned_initiatives`` and ``share_aligned`` (missing where no
        initiative lands).

    Examples
    --------
    >>> import leadmodel as lm
    >>> sample = lm.load_sample("district_plan")
    >>> focus = lm.clarity_of_focus(sample.roster, sample.plan)
    >>> bool((focus["aligned_initiatives"] <= focus["initiatives"]).all())
    True
    """
    roster = as_roster(data)
    assignments = _with_year_hours(plan_assignments(roster, plan), plan)
    active = assignments[assignments["months"] > 0]
    return _focus(active, plan, ["school_id"], _school_index(roster))


def _with_year_hours(assignments: pd.DataFrame, plan: Plan) -> pd.DataFrame:
    """Each assignment with its initiative's months in the school year and hours in it."""
    init = plan.initiatives.set_index("initiative_id")
    months = months_in_year(init["start_date"], init["end_date"], plan.school_year)
    out = assignments.copy()
    out["months"] = out["initiative_id"].map(months).astype("float64")
    out["initiative_hours"] = (out["hours_per_month"] * out["months"]).astype("Float64")
    return out


def _people(roster: Roster, observation: pd.DataFrame, assignments: pd.DataFrame) -> pd.DataFrame:
    """One row per leader's position and per position an active initiative reaches."""
    staff = roster.staff.set_index(["school_id", "staff_id"])
    held = ~staff["vacant"].fillna(False).astype(bool)
    leaders = observation.index.set_names(["school_id", "staff_id"])
    leaders = leaders[held.reindex(leaders, fill_value=False).to_numpy(dtype=bool)]
    active = assignments[assignments["months"] > 0]
    reached = pd.MultiIndex.from_frame(active[["school_id", "staff_id"]]).unique()
    index = leaders.union(reached).sort_values()
    out = pd.DataFrame(index=index)
    out["role"] = staff["role"].reindex(index).astype(STRING)
    out["team_id"] = staff["team_id"].reindex(index).astype(STRING)
    out["leader"] = index.isin(leaders)
    keys = ["school_id", "staff_id"]
    out["initiatives"] = (
        active.groupby(keys)["initiative_id"].nunique().reindex(index, fill_value=0)
    ).astype("int64")
    out["initiative_hours"] = _total(active, keys, "initiative_hours", index)
    obs = observation.rename_axis(["school_id", "staff_id"])
    out["hours_available"] = obs["hours_available"].reindex(index).astype("Float64")
    out["observation_hours"] = obs["hours_required"].reindex(index).astype("Float64")
    out["capacity_left"] = out["hours_available"] - out["observation_hours"]
    out["capacity_after"] = out["capacity_left"] - out["initiative_hours"]
    out["over_capacity_before"] = (out["capacity_left"] < -_TOLERANCE).astype("boolean")
    out["over_capacity_after"] = (out["capacity_after"] < -_TOLERANCE).astype("boolean")
    return out


def _school_index(roster: Roster) -> pd.Index:
    index: pd.Index = pd.Index(sorted(roster.schools["school_id"]), name="school_id", dtype=STRING)
    return index


def _team_index(roster: Roster) -> pd.MultiIndex:
    teams = roster.teams[["school_id", "team_id"]].drop_duplicates()
    return pd.MultiIndex.from_frame(teams.astype(STRING)).sort_values()


def _focus(active: pd.DataFrame, plan: Plan, keys: list[str], index: pd.Index) -> pd.DataFrame:
    """Initiatives, priorities and the share aligned, per group of ``keys``."""
    priority = plan.initiatives.set_index("initiative_id")["priority_id"]
    pairs = active[[*keys, "initiative_id"]].drop_duplicates()
    pairs = pairs.assign(priority_id=pairs["initiative_id"].map(priority))
    grouped = pairs.groupby(keys)
    out = pd.DataFrame(index=index)
    out["initiatives"] = grouped.size().reindex(index, fill_value=0).astype("int64")
    out["priorities"] = grouped["priority_id"].nunique().reindex(index, fill_value=0)
    out["aligned_initiatives"] = grouped["priority_id"].count().reindex(index, fill_value=0)
    for col in ("priorities", "aligned_initiatives"):
        out[col] = out[col].astype("int64")
    n = out["initiatives"]
    out["share_aligned"] = (out["aligned_initiatives"] / n.where(n > 0)).astype("Float64")
    return out


def _groups(
    people: pd.DataFrame,
    assignments: pd.DataFrame,
    plan: Plan,
    keys: list[str],
    index: pd.Index,
) -> pd.DataFrame:
    """Focus, people reached, hours and leaders over capacity per school or team."""
    active = assignments[assignments["months"] > 0]
    frame = _flagged(people.reset_index())
    if "team_id" in keys:
        active = active[active["team_id"].notna()]
        frame = frame[frame["team_id"].notna()]
    out = _focus(active, plan, keys, index)
    reached = frame[frame["initiatives"] > 0]
    lead = frame[frame["leader"]]
    out["people"] = _counted(reached, keys, None, index)
    out["leaders"] = _counted(reached, keys, "leader", index)
    out["initiative_hours"] = _total(frame, keys, "initiative_hours", index)
    out["leader_initiative_hours"] = _total(lead, keys, "initiative_hours", index)
    out["leaders_over_before"] = _counted(lead, keys, "_over_before", index)
    out["leaders_over_after"] = _counted(lead, keys, "_over_after", index)
    out["leaders_capacity_unknown"] = _counted(lead, keys, "_unknown", index)
    return out


def _flagged(frame: pd.DataFrame) -> pd.DataFrame:
    """People with their over-capacity flags as plain true/false (unknown: not counted) and
    whether their capacity after the initiatives is unknown."""
    return frame.assign(
        _over_before=frame["over_capacity_before"].fillna(False).astype(bool),
        _over_after=frame["over_capacity_after"].fillna(False).astype(bool),
        _unknown=frame["capacity_after"].isna(),
    )


def _counted(frame: pd.DataFrame, keys: list[str], flag: str | None, index: pd.Index) -> pd.Series:
    """Rows per group (``flag`` None), or rows whose ``flag`` is true; 0 for absent groups."""
    counts = frame.groupby(keys).size() if flag is None else frame.groupby(keys)[flag].sum()
    return counts.reindex(index, fill_value=0).astype("int64")


def _total(frame: pd.DataFrame, keys: list[str], col: str, index: pd.Index) -> pd.Series:
    """Sums of ``col`` per group: unknown when one value is; 0 for a group with no rows."""
    grouped = frame.groupby(keys)[col]
    sums = grouped.sum(min_count=1).where(grouped.count() == grouped.size())
    present = sums.reindex(index).astype("Float64")
    absent = pd.Series(~index.isin(sums.index), index=index)
    return present.mask(absent, 0.0)


def _mean_if_known(frame: pd.DataFrame, keys: list[str], col: str, index: pd.Index) -> pd.Series:
    """Means of ``col`` per group, unknown when one value is."""
    grouped = frame.groupby(keys)[col]
    means = grouped.mean().where(grouped.count() == grouped.size())
    return means.reindex(index).astype("Float64")


def _roles(roster: Roster, people: pd.DataFrame, assignments: pd.DataFrame) -> pd.DataFrame:
    """Per role: holders, how many are reached, and the mean load per holder against the
    mean capacity of the leaders holding it."""
    staff = roster.staff
    holders = staff[~staff["vacant"].fillna(False).astype(bool)].groupby("role").size()
    index = pd.Index(sorted(holders.index), name="role", dtype=STRING)
    active = assignments[assignments["months"] > 0]
    frame = _flagged(people.reset_index())
    keys = ["role"]
    out = pd.DataFrame(index=index)
    out["holders"] = holders.reindex(index, fill_value=0).astype("int64")
    out["reached"] = _counted(frame[frame["initiatives"] > 0], keys, None, index)
    out["initiatives"] = (
        active.groupby("role")["initiative_id"].nunique().reindex(index, fill_value=0)
    ).astype("int64")
    out["holders_hours_unknown"] = _counted(
        frame.assign(_hours=frame["initiative_hours"].isna()), keys, "_hours", index
    )
    hours = _total(frame, keys, "initiative_hours", index)
    out["initiative_hours_per_holder"] = (hours / out["holders"].where(out["holders"] > 0)).astype(
        "Float64"
    )
    lead = frame[frame["leader"]]
    out["leaders"] = _counted(lead, keys, None, index)
    out["initiative_hours_per_leader"] = _mean_if_known(lead, keys, "initiative_hours", index)
    for col in ("hours_available", "observation_hours", "capacity_left", "capacity_after"):
        out[f"{col}_per_leader"] = _mean_if_known(lead, keys, col, index)
    out["leaders_over_before"] = _counted(lead, keys, "_over_before", index)
    out["leaders_over_after"] = _counted(lead, keys, "_over_after", index)
    return out


def _initiatives(plan: Plan, assignments: pd.DataFrame, people: pd.DataFrame) -> pd.DataFrame:
    """Per initiative: its priority, period, reach, hours and leaders already over capacity."""
    init = plan.initiatives.set_index("initiative_id")
    index = init.index
    out = init[["name", "priority_id", "owner_id", "owner_role", "start_date", "end_date"]].copy()
    out["aligned"] = out["priority_id"].notna()
    out["months_in_year"] = months_in_year(init["start_date"], init["end_date"], plan.school_year)
    out["demands"] = (
        plan.demands.groupby("initiative_id").size().reindex(index, fill_value=0).astype("int64")
    )
    grouped = assignments.groupby("initiative_id")
    out["schools"] = grouped["school_id"].nunique().reindex(index, fill_value=0).astype("int64")
    out["people"] = grouped.size().reindex(index, fill_value=0).astype("int64")
    flags = people.reindex(pd.MultiIndex.from_frame(assignments[["school_id", "staff_id"]]))
    over = flags["over_capacity_before"]
    reach = assignments.assign(
        leader=flags["leader"].fillna(False).to_numpy(dtype=bool),
        _over_before=over.fillna(False).to_numpy(dtype=bool),
        _unknown=over.isna().to_numpy(dtype=bool),
    )
    lead = reach[reach["leader"]]
    keys = ["initiative_id"]
    out["leaders"] = _counted(lead, keys, None, index)
    out["leaders_over_before"] = _counted(lead, keys, "_over_before", index)
    out["leaders_capacity_unknown"] = _counted(lead, keys, "_unknown", index)
    out["hours_per_month"] = _total(assignments, keys, "hours_per_month", index)
    out["initiative_hours"] = _total(assignments, keys, "initiative_hours", index)
    unstated = out["demands"] == 0  # the plan does not say whom it asks: unknown, not 0
    for col in ("hours_per_month", "initiative_hours"):
        out[col] = out[col].mask(unstated, pd.NA)
    out["rocks"] = (
        plan.rocks.groupby("initiative_id").size().reindex(index, fill_value=0).astype("int64")
    )
    return out
