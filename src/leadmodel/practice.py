"""Practice from the activity log: time to collaborate, and what coaching at dosage costs.

- :func:`collaboration_time`: the hours a month each teacher spends in team and PLC
  meetings, read from the log's ``meeting`` events (the report: teachers "report
  having only four hours a month to collaborate with other teachers");
- :func:`cost_per_teacher_coached`: what a school's coaching costs per teacher
  coached at the recommended dosage (:func:`~leadmodel.coaching_dosage`), next to
  the $3,260-$5,220 per teacher a year Knight (2011) found for instructional
  coaching.

Examples
--------
>>> import leadmodel as lm
>>> sample = lm.load_sample("district_log")
>>> time = collaboration_time(sample.roster, log=sample.log)
>>> float(time.schools.loc["D004", "mean_hours_per_month"]) > 3
True
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import pandas as pd

from leadmodel.cost import leader_costs
from leadmodel.errors import DefinitionError
from leadmodel.graph import as_roster
from leadmodel.metrics.actuals import coaching_dosage
from leadmodel.metrics.spans import Data
from leadmodel.models import CostModel, DosageThresholds, TimeModel
from leadmodel.presets.costs import get_cost_model
from leadmodel.presets.policies import DOSAGE_THRESHOLDS
from leadmodel.presets.time import get_time_model
from leadmodel.readers.log import ActivityLog, TeamMembers
from leadmodel.roles import TEACHING_ROLES

__all__ = ["CollaborationTime", "collaboration_time", "cost_per_teacher_coached"]

#: Days in an average month (365.25 / 12), as coaching dosage counts months.
DAYS_PER_MONTH = 365.25 / 12


class CollaborationTime(NamedTuple):
    """``teachers``: one row per teacher; ``schools``: one row per school the log covers."""

    teachers: pd.DataFrame
    schools: pd.DataFrame


def _as_of(log: ActivityLog, as_of: date | str | None) -> date:
    start, end = log.school_year
    if as_of is None:
        latest = log.events["date"].max()
        return start if pd.isna(latest) else min(pd.Timestamp(latest).date(), end)
    day = pd.Timestamp(as_of).date()
    if day < start:
        raise DefinitionError(f"as_of {day} is before the school year starts ({start}).")
    return min(day, end)


def _team_meetings(roster_teams: pd.DataFrame, log: ActivityLog, as_of: date) -> pd.DataFrame:
    """The log's meetings of teacher teams (not the ILT) to ``as_of``, checked against the
    roster's teams."""
    ev = log.events
    meetings = ev[
        (ev["kind"] == "meeting")
        & (ev["date"] <= pd.Timestamp(as_of))
        & ev["school_id"].isin(log.schools)
    ]
    teams = roster_teams.set_index(["school_id", "team_id"])
    keys = pd.MultiIndex.from_frame(meetings[["school_id", "team_id"]].astype(object))
    unknown = sorted({f"{s}/{t}" for s, t in keys[~keys.isin(teams.index)]})
    if unknown:
        raise DefinitionError(
            f"The log's meetings name teams this roster does not have: {', '.join(unknown[:10])}."
            " Read the log with read_log(..., roster=<this roster>)."
        )
    basis = teams["basis"].reindex(keys).to_numpy()
    chosen: pd.DataFrame = meetings[basis != "ilt"]
    return chosen


def collaboration_time(
    data: Data,
    *,
    log: ActivityLog,
    members: TeamMembers | pd.DataFrame | None = None,
    as_of: date | str | None = None,
) -> CollaborationTime:
    """Hours a month each teacher spends in team and PLC meetings, from the activity log.

    A ``meeting`` event of a teacher team (any team but the school's ILT) counts for
    every member of the team (their ``team_id``, and any second membership in
    ``members``) when it names no teacher, and for the named teacher only when it
    names one (an attendance record). Months are calendar days from the school
    year's first day to ``as_of`` (default: the log's latest event) over 30.44,
    breaks included, as in :func:`~leadmodel.coaching_dosage`.

    Returns
    -------
    CollaborationTime
        ``teachers`` (by ``(school_id, staff_id)``): ``team_id``, ``meetings``,
        ``minutes``, ``hours_per_month``; ``schools`` (by ``school_id``):
        ``teachers``, ``teachers_meeting`` (in at least one meeting),
        ``mean_hours_per_month`` and ``median_hours_per_month``; defined in
        ``docs/glossary.md``.
    """
    roster = as_roster(data)
    day = _as_of(log, as_of)
    months = ((day - log.school_year[0]).days + 1) / DAYS_PER_MONTH
    staff = roster.staff
    teachers = staff[staff["role"].isin(TEACHING_ROLES) & staff["school_id"].isin(log.schools)]
    membership = teachers[["school_id", "team_id", "staff_id"]].dropna(subset=["team_id"])
    if members is not None:
        table = members.table if isinstance(members, TeamMembers) else members
        extra = table[["school_id", "team_id", "staff_id"]].astype("string")
        membership = pd.concat([membership, extra], ignore_index=True).drop_duplicates()
    meetings = _team_meetings(roster.teams, log, day)
    whole = meetings[meetings["teacher_id"].isna()].merge(membership, on=["school_id", "team_id"])
    named = meetings[meetings["teacher_id"].notna()].rename(columns={"teacher_id": "staff_id"})
    attended = pd.concat(
        [whole[["school_id", "staff_id", "minutes"]], named[["school_id", "staff_id", "minutes"]]]
    )
    out = teachers.set_index(["school_id", "staff_id"])[["team_id"]].sort_index()
    per = attended.groupby(["school_id", "staff_id"])["minutes"].agg(["size", "sum"])
    out["meetings"] = per["size"].reindex(out.index, fill_value=0).astype("int64")
    out["minutes"] = per["sum"].reindex(out.index, fill_value=0).astype("float64")
    out["hours_per_month"] = out["minutes"] / 60 / months
    grouped = out.groupby(level="school_id")
    schools = pd.DataFrame(
        {
            "teachers": grouped.size(),
            "teachers_meeting": grouped["meetings"].agg(lambda m: int((m > 0).sum())),
            "mean_hours_per_month": grouped["hours_per_month"].mean(),
            "median_hours_per_month": grouped["hours_per_month"].median(),
        }
    )
    schools.index.name = "school_id"
    return CollaborationTime(teachers=out, schools=schools.sort_index())


def cost_per_teacher_coached(
    data: Data,
    *,
    log: ActivityLog,
    cost_model: str | CostModel = "default",
    time: str | TimeModel = "default",
    as_of: date | str | None = None,
    thresholds: DosageThresholds = DOSAGE_THRESHOLDS,
) -> pd.DataFrame:
    """What each school's coaching costs per teacher coached at the recommended dosage.

    Coaching cost = for every leader holding ``coaches`` to a teacher of the school,
    their leadership cost (:func:`~leadmodel.cost`) x the share of their time their
    role gives to observation and feedback (the time model's ``observation_share``):
    a coach counts half, a Team Lead a third, an AP 7.7%. It is divided by the
    teachers whose coaching meets all four qualities (``dosage_met``,
    :func:`~leadmodel.coaching_dosage`), and prorated to the part of the year
    measured (``as_of``), since dosage is measured to date.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``school_id`` (the schools the log covers): ``teachers``,
        ``teachers_coached`` (at least one session), ``teachers_at_dosage``,
        ``coaching_cost`` (currency, the part of the year measured),
        ``cost_per_teacher_coached`` (missing when no teacher is at dosage) and
        ``cost_per_teacher_coached_per_year`` (the same, for a whole year).

    Examples
    --------
    >>> import leadmodel as lm
    >>> sample = lm.load_sample("district_log")
    >>> table = cost_per_teacher_coached(sample.roster, log=sample.log)
    >>> row = table.loc["D005"]  # a Green Dot-style school: nobody coached at dosage
    >>> int(row["teachers_at_dosage"]), bool(pd.isna(row["cost_per_teacher_coached"]))
    (0, True)
    """
    roster = as_roster(data)
    model, tm = get_cost_model(cost_model), get_time_model(time)
    dosage = coaching_dosage(roster, log=log, as_of=as_of, thresholds=thresholds).teachers
    day = _as_of(log, as_of)
    start, end = log.school_year
    share_of_year = ((day - start).days + 1) / ((end - start).days + 1)
    staff = roster.staff
    teaching = staff.loc[staff["role"].isin(TEACHING_ROLES), ["school_id", "staff_id"]]
    coaching = roster.links[roster.links["relation"] == "coaches"].merge(
        teaching, on=["school_id", "staff_id"]
    )
    coaches = coaching[["school_id", "leader_id"]].drop_duplicates()
    people = leader_costs(roster, model).merge(
        coaches, left_on=["school_id", "staff_id"], right_on=["school_id", "leader_id"]
    )
    people["share"] = people["role"].map(tm.observation_share).astype(float)
    per_year = (people["cost"] * people["share"]).groupby(people["school_id"]).sum(min_count=1)
    schools = pd.Index(sorted(log.schools), name="school_id")
    out = pd.DataFrame(index=schools)
    grouped = dosage.groupby(level="school_id")
    out["teachers"] = grouped.size().reindex(schools, fill_value=0).astype("int64")
    coached = grouped["sessions"].agg(lambda s: int((s > 0).sum()))
    out["teachers_coached"] = coached.reindex(schools, fill_value=0).astype("int64")
    met = grouped["dosage_met"].agg(lambda m: int(m.fillna(False).astype(bool).sum()))
    out["teachers_at_dosage"] = met.reindex(schools, fill_value=0).astype("int64")
    out["coaching_cost"] = per_year.reindex(schools, fill_value=0.0).astype(float) * share_of_year
    at = out["teachers_at_dosage"].where(out["teachers_at_dosage"] > 0)
    out["cost_per_teacher_coached"] = (out["coaching_cost"] / at).astype("Float64")
    yearly = out["cost_per_teacher_coached"] / share_of_year
    out["cost_per_teacher_coached_per_year"] = yearly.astype("Float64")
    return out
