"""Actuals: observation and coaching logs against the plan, and coaching dosage.

A plan says what should happen (an :class:`~leadmodel.ObservationPolicy` and the
roster's links); a district's walkthrough or coaching tool records what did. This
module reads such a log (:func:`read_log`), validated like a roster, and compares:

* :func:`observation_actuals` -- visits and minutes so far against what the policy
  requires pro rata by a date, the longest stretch without a visit (the
  "observation drought"), per teacher, per leader, per school and per district;
* :func:`coaching_dosage` -- per teacher, whether coaching is individualized,
  intensive, sustained and focused (Kraft, Blazar and Hogan 2018), each against a
  documented threshold (:data:`DOSAGE_THRESHOLDS`);
* :func:`ilt_check` -- whether each school's instructional leadership team (a team
  whose ``basis`` is ``"ilt"``) includes the principal, the APs, the coaches and the
  leader of every teacher team, its size, and how often it meets.

The method and the sources of every threshold are in ``docs/methodology.md``
(section 10); every output column is defined in ``docs/glossary.md``.

Examples
--------
>>> import pandas as pd
>>> import leadmodel as lm
>>> roster = lm.read_roster(pd.DataFrame({
...     "staff_id": ["P1", "T1", "T2"], "school_id": "S1",
...     "role": ["principal", "teacher", "teacher"]}),
...     links=pd.DataFrame({"leader_id": "P1", "staff_id": ["T1", "T2"],
...                         "relation": "develops"}))
>>> log = lm.read_log(pd.DataFrame({
...     "date": ["2024-09-02", "2024-09-09", "2024-09-02"],
...     "leader_id": "P1", "teacher_id": ["T1", "T1", "T2"],
...     "kind": "walkthrough", "minutes": [15, 15, 20]}),
...     roster=roster, school_year=("2024-09-02", "2024-10-13"))
>>> log
<ActivityLog: 3 events (3 observations, 0 coaching, 0 meetings), 1 school, 2024-09-02 to 2024-10-13>
>>> actuals = lm.observation_actuals(roster, log=log, policy="leverage_leadership_weekly",
...                                  as_of="2024-10-13")
>>> actuals.teachers[["visits", "longest_gap_days", "drought"]]
                  visits  longest_gap_days  drought
school_id staff_id
S1        T1           2                34    False
          T2           1                41    False
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

import numpy as np
import pandas as pd

from leadmodel.errors import DefinitionError, RosterError
from leadmodel.graph import as_roster
from leadmodel.metrics.observation import visit_assignments
from leadmodel.metrics.spans import Data
from leadmodel.models import DosageThresholds, ObservationPolicy
from leadmodel.presets.policies import DOSAGE_THRESHOLDS, get_policy
from leadmodel.readers.issues import (
    IssueLog,
    check_known,
    unnumbered,
)
from leadmodel.readers.log import (
    COACHING_KINDS,
    LOG_COLUMNS,
    OBSERVATION_KINDS,
    ActivityLog,
    DateLike,
    _as_date,
)
from leadmodel.roles import TEACHING_ROLES
from leadmodel.roster import STRING, Roster, row_keys

__all__ = [
    "DROUGHT_DAYS",
    "CoachingDosage",
    "ObservationActuals",
    "coaching_dosage",
    "observation_actuals",
]


#: Days without a visit from which a teacher is in an "observation drought": six weeks (the
#: issue that asked for actuals: "a teacher with no visit in six weeks is flagged").
DROUGHT_DAYS = 42
DAYS_PER_MONTH = 365.25 / 12


# ------------------------------------------------------------------ the log


# ------------------------------------------------------------------ the period


class _Period(NamedTuple):
    start: date
    end: date
    as_of: date
    days: int  # days from start to as_of, both included
    year_days: int

    @property
    def share_of_year(self) -> float:
        return self.days / self.year_days

    @property
    def weeks(self) -> int:
        return math.ceil(self.days / 7)


def _period(log: ActivityLog, as_of: DateLike | None) -> _Period:
    start, end = log.school_year
    if as_of is None:
        latest = log.events["date"].max()
        day = start if pd.isna(latest) else min(pd.Timestamp(latest).date(), end)
    else:
        day = _as_date(as_of, "as_of")
        if day < start:
            raise DefinitionError(f"as_of {day} is before the school year starts ({start}).")
        day = min(day, end)
    return _Period(start, end, day, (day - start).days + 1, (end - start).days + 1)


def _day(dates: pd.Series, start: date) -> pd.Series:
    return ((dates - pd.Timestamp(start)).dt.days).astype("int64")


def _teachers(roster: Roster, schools: Sequence[str]) -> pd.DataFrame:
    staff = roster.staff
    chosen = staff[staff["role"].isin(TEACHING_ROLES) & staff["school_id"].isin(schools)]
    return chosen.set_index(["school_id", "staff_id"])[["role"]].sort_index()


def _events_until(log: ActivityLog, period: _Period, kinds: Sequence[str]) -> pd.DataFrame:
    ev = log.events[list(LOG_COLUMNS)]  # leadmodel's columns only: extras never interfere
    chosen = ev[
        ev["kind"].isin(kinds)
        & (ev["date"] <= pd.Timestamp(period.as_of))
        & ev["school_id"].isin(log.schools)
    ].copy()
    chosen["day"] = _day(chosen["date"], period.start)
    return chosen


_NOT_THIS_ROSTER = (
    "Read the log with read_log(..., roster=<this roster>) so every id is checked row by row "
    "(the issues then list each row), or pass the roster the log was read with."
)


def _check_log_against(roster: Roster, log: ActivityLog) -> None:
    """Raise :class:`~leadmodel.RosterError` when the log names ids this roster does not know.

    A log read with this roster was checked then, and is not checked again. A log read
    without it (or with another) was never checked against its staff: an event whose teacher
    is not on it would otherwise be left out of every measure without a word. Only the
    schools the log covers are checked, as only they are measured.
    """
    if log.read_with(roster):
        return
    issues = IssueLog()
    where = "this roster (the log was read without it, or with another)"
    events = log.events[list(LOG_COLUMNS)]
    rows = events[events["school_id"].isin(log.schools)].rename(columns={"row": "_row"})
    rows = rows.assign(staff_id=rows["leader_id"])
    covered = unnumbered(pd.DataFrame({"school_id": list(log.schools)}))
    check_known(
        covered,
        "school_id",
        roster.schools,
        what="school",
        table="log",
        log=issues,
        where=where,
        fix=_NOT_THIS_ROSTER,
    )
    bad = check_known(
        rows,
        "school_id",
        roster.schools,
        what="school",
        table="log",
        log=issues,
        where=where,
        fix=_NOT_THIS_ROSTER,
    )
    for end in ("leader_id", "teacher_id"):
        known = roster.staff[["school_id", "staff_id"]].rename(columns={"staff_id": end})
        check_known(
            rows[~bad],
            end,
            known,
            what="staff",
            table="log",
            log=issues,
            within="school_id",
            where=where,
            fix=_NOT_THIS_ROSTER,
        )
    check_known(
        rows[~bad],
        "team_id",
        roster.teams,
        what="team",
        table="log",
        log=issues,
        within="school_id",
        where=where,
        fix=_NOT_THIS_ROSTER,
    )
    if not issues.is_empty():
        raise RosterError(issues.frame(), what="activity log")


# ------------------------------------------------------------------ observation actuals


class ObservationActuals(NamedTuple):
    """What :func:`observation_actuals` returns (columns in ``docs/glossary.md``)."""

    teachers: pd.DataFrame
    leaders: pd.DataFrame
    schools: pd.DataFrame
    district: pd.DataFrame
    weekly: pd.DataFrame
    as_of: date
    share_of_year: float


def _longest_gaps(visits: pd.DataFrame, keys: pd.Index, days: int) -> pd.Series:
    """Longest run of consecutive days without a visit, per key, over days ``0 .. days - 1``."""
    names = [str(n) for n in keys.names]
    seen = visits[[*names, "day"]].drop_duplicates()
    frame = keys.to_frame(index=False)
    sentinels = pd.concat([frame.assign(day=-1), frame.assign(day=days)], ignore_index=True)
    allv = pd.concat([seen, sentinels], ignore_index=True).sort_values([*names, "day"])
    allv["gap"] = allv.groupby(names)["day"].diff() - 1
    gaps = allv.groupby(names)["gap"].max()
    return gaps.reindex(keys).astype("int64")


def _check_drought_days(drought_days: object) -> None:
    if (
        isinstance(drought_days, bool)
        or not isinstance(drought_days, int | np.integer)
        or drought_days < 1
    ):
        raise DefinitionError(
            f"drought_days must be a whole number of days, at least 1; got {drought_days!r}. "
            f"The default is {DROUGHT_DAYS} (six weeks)."
        )


def observation_actuals(
    roster: Data,
    *,
    log: ActivityLog,
    policy: str | ObservationPolicy = "bain_10_spot_1_formal",
    as_of: DateLike | None = None,
    drought_days: int = DROUGHT_DAYS,
) -> ObservationActuals:
    """Visits so far against the policy pro rata, and observation droughts, at every level.

    Parameters
    ----------
    roster
        The roster (or its graph) the log belongs to.
    log
        From :func:`read_log`. Only the schools it covers (``log.schools``) are measured.
    policy
        What the plan requires: an :class:`~leadmodel.ObservationPolicy` or a preset name.
        Each teacher is owed the policy's school visits (not ``external`` ones); each
        leader the visits the policy assigns them through the links, as in
        :func:`~leadmodel.observation_load`.
    as_of
        The date to measure to (default: the log's latest event); a date after the school
        year's last day is read as that day.
    drought_days
        Days without a visit from which a teacher is in a drought (default 42, six weeks);
        a whole number, at least 1.

    Returns
    -------
    ObservationActuals
        ``teachers`` (by ``(school_id, staff_id)``), ``leaders`` (by ``(school_id,
        leader_id)``), ``schools``, ``district`` (by ``district_id``), ``weekly`` (visits
        per teacher per week, for :func:`~leadmodel.plot_observation_drought`), ``as_of``
        and ``share_of_year``.

    Raises
    ------
    RosterError
        When the log names a school, staff id or team this roster does not have (a log read
        without this roster, or with another), listing every such event with a reason code
        (``unknown_school``, ``unknown_staff``, ``id_variant``, ``unknown_team``).
    DefinitionError
        For an ``as_of`` before the school year or a ``drought_days`` below 1.

    Notes
    -----
    **Pro rata.** What is expected by ``as_of`` is the yearly requirement times the share
    of the school year's calendar days elapsed (``(as_of - start + 1) / (end - start +
    1)``): visits are assumed to be spread evenly over the year, breaks included.
    ``visits_due`` is the whole number of visits due (the expected number rounded down);
    a teacher or leader is ``behind`` with fewer visits than that.

    **Drought.** The longest run of consecutive calendar days from the school year's start
    to ``as_of`` with no visit (before the first, between two, after the last); a
    teacher never visited has the whole period. ``drought`` when it reaches
    ``drought_days``.

    **Who counts.** Visits count only when made to a teacher measured (a person in a
    teaching role in a school the log covers), for the teacher and for the leader who made
    them alike, so a school's leader visits add up to its teachers' visits.

    Examples
    --------
    A school of one principal and two teachers, a six-week school year and a policy of a
    weekly walkthrough by the teacher's developer. By 13 October (the whole year) each
    teacher is owed 6 visits. T1 was seen every other week (days 0, 14 and 28: 13 days
    without a visit between each); T2 only on the first day, then 41 days without one: a
    drought against a threshold of four weeks (28 days). P1 made the 4 visits:

    >>> import pandas as pd
    >>> import leadmodel as lm
    >>> roster = lm.read_roster(pd.DataFrame({
    ...     "staff_id": ["P1", "T1", "T2"], "school_id": "S1",
    ...     "role": ["principal", "teacher", "teacher"]}),
    ...     links=pd.DataFrame({"leader_id": "P1", "staff_id": ["T1", "T2"],
    ...                         "relation": "develops"}))
    >>> log = lm.read_log(pd.DataFrame({
    ...     "date": ["2024-09-02", "2024-09-16", "2024-09-30", "2024-09-02"],
    ...     "leader_id": "P1", "teacher_id": ["T1", "T1", "T1", "T2"],
    ...     "kind": "walkthrough", "minutes": 15}),
    ...     roster=roster, school_year=("2024-09-02", "2024-10-13"))
    >>> weekly = lm.ObservationPolicy(key="weekly", label="weekly", source="example",
    ...     visits=(lm.ObservationVisit(kind="walkthrough", per_year=6,
    ...                                 classroom_minutes=15, by="developer"),))
    >>> actuals = lm.observation_actuals(roster, log=log, policy=weekly, as_of="2024-10-13",
    ...                                  drought_days=28)
    >>> actuals.teachers[["visits", "visits_due", "longest_gap_days", "drought", "behind"]]
                       visits  visits_due  longest_gap_days  drought  behind
    school_id staff_id
    S1        T1            3           6                13    False    True
              T2            1           6                41     True    True
    >>> actuals.leaders[["visits", "visits_expected", "teachers_visited", "behind"]]
                        visits  visits_expected  teachers_visited  behind
    school_id leader_id
    S1        P1             4             12.0                 2    True
    """
    data = as_roster(roster)
    pol = get_policy(policy)
    _check_drought_days(drought_days)
    _check_log_against(data, log)
    period = _period(log, as_of)
    schools = list(log.schools)
    teachers = _teachers(data, schools)
    keys = ["school_id", "staff_id"]
    visits = _events_until(log, period, OBSERVATION_KINDS)
    # only visits to the teachers measured count, for the teachers and for their leaders alike
    # (a visit to someone outside a teaching role has a not_a_teacher warning from read_log)
    visits = visits[row_keys(visits, ["school_id", "teacher_id"]).isin(teachers.index)]
    on_teacher = visits.rename(columns={"teacher_id": "staff_id"})

    plan = visit_assignments(data, pol)
    plan = plan[plan["school_id"].isin(schools) & (plan["leader_id"] != "<external>").fillna(True)]
    plan = plan.assign(
        visits_year=plan["per_year"] * plan["share"],
        minutes_year=plan["per_year"] * plan["share"] * plan["minutes_classroom"],
    )
    share = period.share_of_year

    t = teachers.copy()
    grouped = on_teacher.groupby(keys)
    t["visits"] = grouped.size().reindex(t.index, fill_value=0).astype("int64")
    t["minutes"] = grouped["minutes"].sum().reindex(t.index, fill_value=0.0).astype("float64")
    owed = plan.groupby(keys)[["visits_year", "minutes_year"]].sum().reindex(t.index, fill_value=0)
    t["visits_expected"] = (owed["visits_year"] * share).astype("float64")
    t["visits_due"] = np.floor(t["visits_expected"] + 1e-9).astype("int64")
    t["minutes_expected"] = (owed["minutes_year"] * share).astype("float64")
    t["share_of_expected"] = (
        t["visits"] / t["visits_expected"].where(t["visits_expected"] > 0)
    ).astype("Float64")
    first = grouped["date"].min().reindex(t.index)
    last = grouped["date"].max().reindex(t.index)
    t["first_visit"] = first.astype("datetime64[ns]")
    t["last_visit"] = last.astype("datetime64[ns]")
    since = (pd.Timestamp(period.as_of) - t["last_visit"]).dt.days
    t["days_since_last_visit"] = since.astype("Int64")
    t["longest_gap_days"] = _longest_gaps(on_teacher, t.index, period.days)
    t["drought"] = (t["longest_gap_days"] >= drought_days).astype(bool)
    t["behind"] = (t["visits"] < t["visits_due"]).astype(bool)
    t["on_track"] = (~t["behind"] & ~t["drought"]).astype(bool)

    leaders = _leader_actuals(data, visits, plan, t, period)
    school_table = _school_actuals(t, leaders, schools)
    district = _district_actuals(data, t, leaders, school_table)
    weekly = _weekly(on_teacher, t.index, period)
    return ObservationActuals(
        teachers=t,
        leaders=leaders,
        schools=school_table,
        district=district,
        weekly=weekly,
        as_of=period.as_of,
        share_of_year=share,
    )


def _leader_actuals(
    roster: Roster,
    visits: pd.DataFrame,
    plan: pd.DataFrame,
    teachers: pd.DataFrame,
    period: _Period,
) -> pd.DataFrame:
    key = ["school_id", "leader_id"]
    assigned = plan[plan["leader_id"].notna() & (plan["share"] > 0)]
    made = visits.groupby(key)
    owed = assigned.groupby(key)
    index = (
        pd.MultiIndex.from_frame(
            pd.concat([assigned[key], visits[key]], ignore_index=True).drop_duplicates()
        )
        .sort_values()
        .set_names(key)
    )
    roles = roster.staff.set_index(["school_id", "staff_id"])["role"]
    out = pd.DataFrame(index=index)
    out["role"] = pd.Series(roles.reindex(index).to_numpy(), index=index, dtype=STRING)
    out["teachers_assigned"] = (
        owed["staff_id"].nunique().reindex(index, fill_value=0).astype("int64")
    )
    out["visits"] = made.size().reindex(index, fill_value=0).astype("int64")
    out["minutes"] = made["minutes"].sum().reindex(index, fill_value=0.0).astype("float64")
    yearly = owed[["visits_year", "minutes_year"]].sum().reindex(index, fill_value=0.0)
    out["visits_expected"] = (yearly["visits_year"] * period.share_of_year).astype("float64")
    out["visits_due"] = np.floor(out["visits_expected"] + 1e-9).astype("int64")
    out["minutes_expected"] = (yearly["minutes_year"] * period.share_of_year).astype("float64")
    expected = out["visits_expected"].where(out["visits_expected"] > 0)
    out["share_of_expected"] = (out["visits"] / expected).astype("Float64")
    out["teachers_visited"] = (
        made["teacher_id"].nunique().reindex(index, fill_value=0).astype("int64")
    )
    dry = teachers.index[teachers["drought"].to_numpy(dtype=bool)]
    pairs = assigned[["school_id", "leader_id", "staff_id"]].drop_duplicates()
    pairs = pairs[row_keys(pairs, ["school_id", "staff_id"]).isin(dry)]
    out["teachers_in_drought"] = (
        pairs.groupby(key).size().reindex(index, fill_value=0).astype("int64")
    )
    out["behind"] = (out["visits"] < out["visits_due"]).astype(bool)
    return out


_SUMS = ["visits", "minutes", "visits_expected", "minutes_expected"]


def _rollup(
    t: pd.DataFrame, leaders: pd.DataFrame, by_t: pd.Series, by_l: pd.Series
) -> pd.DataFrame:
    g = t.groupby(by_t)
    out = pd.DataFrame({"teachers": g.size()})
    for col in _SUMS:
        out[col] = g[col].sum()
    out["share_of_expected"] = (
        out["visits"] / out["visits_expected"].where(out["visits_expected"] > 0)
    ).astype("Float64")
    out["teachers_behind"] = g["behind"].sum()
    out["teachers_in_drought"] = g["drought"].sum()
    out["teachers_on_track"] = g["on_track"].sum()
    out["share_on_track"] = (
        out["teachers_on_track"] / out["teachers"].where(out["teachers"] > 0)
    ).astype("Float64")
    out["median_longest_gap_days"] = g["longest_gap_days"].median().astype("Float64")
    lg = leaders.groupby(by_l)
    out["leaders"] = lg.size().reindex(out.index, fill_value=0)
    out["leaders_behind"] = lg["behind"].sum().reindex(out.index, fill_value=0)
    for col in (
        "teachers",
        "teachers_behind",
        "teachers_in_drought",
        "teachers_on_track",
        "leaders",
        "leaders_behind",
    ):
        out[col] = out[col].astype("int64")
    for col in _SUMS:
        out[col] = out[col].astype("float64") if col != "visits" else out[col].astype("int64")
    return out


def _school_actuals(t: pd.DataFrame, leaders: pd.DataFrame, schools: Sequence[str]) -> pd.DataFrame:
    by_t = pd.Series(t.index.get_level_values("school_id"), index=t.index, name="school_id")
    by_l = pd.Series(
        leaders.index.get_level_values("school_id"), index=leaders.index, name="school_id"
    )
    out = _rollup(t, leaders, by_t, by_l)
    dtypes = out.dtypes
    index = pd.Index(sorted(schools), name="school_id", dtype=STRING)
    out = out.reindex(index)  # a covered school with no teacher has zeros, and no shares
    for col, dtype in dtypes.items():
        if dtype in ("int64", "float64"):
            out[col] = out[col].fillna(0).astype(dtype)
    return out


def _district_actuals(
    roster: Roster, t: pd.DataFrame, leaders: pd.DataFrame, schools: pd.DataFrame
) -> pd.DataFrame:
    district_of = (
        roster.schools.set_index("school_id")["district_id"].astype(STRING).fillna("<none>")
    )
    by_t = pd.Series(
        district_of.reindex(t.index.get_level_values("school_id")).to_numpy(),
        index=t.index,
        name="district_id",
    )
    by_l = pd.Series(
        district_of.reindex(leaders.index.get_level_values("school_id")).to_numpy(),
        index=leaders.index,
        name="district_id",
    )
    out = _rollup(t, leaders, by_t, by_l)
    counts = district_of.reindex(schools.index).value_counts()
    out.insert(0, "schools", counts.reindex(out.index, fill_value=0).astype("int64"))
    out.index = out.index.astype(STRING).rename("district_id")
    return out.sort_index()


def _weekly(visits: pd.DataFrame, index: pd.Index, period: _Period) -> pd.DataFrame:
    keys = [str(n) for n in index.names]
    weeks = np.arange(1, period.weeks + 1)
    grid = pd.MultiIndex.from_tuples([(*k, w) for k in index for w in weeks], names=[*keys, "week"])
    counts = visits.assign(week=visits["day"] // 7 + 1).groupby([*keys, "week"]).size()
    frame = grid.to_frame(index=False)
    frame["week_start"] = (
        pd.Timestamp(period.start) + pd.to_timedelta((frame["week"] - 1) * 7, unit="D")
    ).astype("datetime64[ns]")
    frame["visits"] = counts.reindex(grid, fill_value=0).to_numpy().astype("int64")
    frame["week"] = frame["week"].astype("int64")
    return frame


# ------------------------------------------------------------------ coaching dosage


class CoachingDosage(NamedTuple):
    """What :func:`coaching_dosage` returns (columns in ``docs/glossary.md``)."""

    teachers: pd.DataFrame
    schools: pd.DataFrame
    thresholds: DosageThresholds
    as_of: date


def _sessions(coaching: pd.DataFrame) -> pd.DataFrame:
    """One row per (teacher, session) with the session's size and whether a focus is stated.

    Rows sharing a ``session_id`` (with the same school, leader, date and kind) are one
    session; a row without a ``session_id`` is a session of its own.
    """
    base = coaching.reset_index(drop=True)
    own = "\x1frow:" + base["row"].astype("string")
    base["_session"] = (
        base["school_id"]
        + "\x1f"
        + base["leader_id"]
        + "\x1f"
        + base["date"].dt.strftime("%Y-%m-%d").astype("string")
        + "\x1f"
        + base["kind"]
        + "\x1f"
        + base["session_id"].fillna(own)
    )
    base["_focus"] = base["focus"].notna()
    per = base.groupby(["school_id", "teacher_id", "_session"], as_index=False).agg(
        day=("day", "min"), focus=("_focus", "max"), minutes=("minutes", "sum")
    )
    size = per.groupby("_session")["teacher_id"].nunique()
    per["size"] = per["_session"].map(size).astype("int64")
    return per.rename(columns={"teacher_id": "staff_id"})


def coaching_dosage(
    roster: Data,
    *,
    log: ActivityLog,
    as_of: DateLike | None = None,
    thresholds: DosageThresholds = DOSAGE_THRESHOLDS,
) -> CoachingDosage:
    """Per teacher: is their coaching individualized, intensive, sustained and focused?

    Coaching sessions are events of kind ``coaching`` or ``coaching_cycle``, from the
    school year's start to ``as_of`` (default: the log's latest event).

    Parameters
    ----------
    roster
        The roster (or its graph) the log belongs to.
    log
        From :func:`read_log`; only the schools it covers are measured.
    as_of
        The date to measure to.
    thresholds
        :data:`DOSAGE_THRESHOLDS` by default (sources in its ``source``).

    Returns
    -------
    CoachingDosage
        ``teachers`` (by ``(school_id, staff_id)``): ``sessions``,
        ``one_to_one_sessions``, ``one_to_one_share``, ``sessions_per_month``,
        ``weeks_with_coaching``, ``share_weeks_with_coaching``, ``focus_share``,
        ``coaching_minutes``, the flags ``individualized``, ``intensive``,
        ``sustained``, ``focused`` and ``dosage_met`` (all four), and ``dosage_note``
        (why a rate or flag is missing); ``schools``: the profile of each school's
        coached teachers.

    Raises
    ------
    RosterError
        When the log names a school, staff id or team this roster does not have (see
        :func:`observation_actuals`).

    Notes
    -----
    The rates (``sessions_per_month``, ``share_weeks_with_coaching``) and the flags read
    from them (``intensive``, ``sustained``) are missing until
    ``thresholds.min_weeks_observed`` weeks (default 4, 28 days) have passed since the
    school year's start: one session on the second day of the year would otherwise read
    as fifteen a month. ``dosage_met`` is then missing too, unless another quality already
    fails. Sustained coaching also needs sessions in at least
    ``thresholds.min_weeks_with_coaching`` distinct weeks (default 3).

    Examples
    --------
    >>> import leadmodel as lm
    >>> sample = lm.load_sample("district_log")
    >>> dosage = lm.coaching_dosage(sample.roster, log=sample.log)
    >>> list(dosage.schools.columns[:3])
    ['teachers', 'teachers_coached', 'share_coached']
    """
    data = as_roster(roster)
    _check_log_against(data, log)
    period = _period(log, as_of)
    teachers = _teachers(data, list(log.schools))
    keys = ["school_id", "staff_id"]
    coaching = _events_until(log, period, COACHING_KINDS)
    per = _sessions(coaching)
    per = per[row_keys(per, keys).isin(teachers.index)]
    per["week"] = per["day"] // 7
    g = per.groupby(keys)
    t = teachers.copy()
    t["sessions"] = g.size().reindex(t.index, fill_value=0).astype("int64")
    t["one_to_one_sessions"] = (
        per[per["size"] == 1].groupby(keys).size().reindex(t.index, fill_value=0).astype("int64")
    )
    coached = t["sessions"].where(t["sessions"] > 0)
    t["one_to_one_share"] = (t["one_to_one_sessions"] / coached).astype("Float64")
    th = thresholds
    # rates over fewer than min_weeks_observed weeks are not measured (missing), with a note
    measured = period.days >= 7 * th.min_weeks_observed
    months = period.days / DAYS_PER_MONTH
    t["sessions_per_month"] = (t["sessions"] / months).astype("Float64")
    t["weeks_with_coaching"] = g["week"].nunique().reindex(t.index, fill_value=0).astype("int64")
    t["share_weeks_with_coaching"] = (t["weeks_with_coaching"] / period.weeks).astype("Float64")
    focused = g["focus"].sum().reindex(t.index, fill_value=0)
    t["focus_share"] = (focused / coached).astype("Float64")
    t["coaching_minutes"] = g["minutes"].sum().reindex(t.index, fill_value=0.0).astype("float64")
    any_session = t["sessions"] > 0
    t["individualized"] = (t["one_to_one_share"] >= th.one_to_one_share).fillna(False)
    t["intensive"] = (t["sessions_per_month"] >= th.sessions_per_month) & any_session
    t["sustained"] = (
        (t["share_weeks_with_coaching"] >= th.share_weeks_with_coaching)
        & (t["weeks_with_coaching"] >= th.min_weeks_with_coaching)
        & any_session
    )
    t["focused"] = (t["focus_share"] >= th.focus_share).fillna(False)
    rates = ["sessions_per_month", "share_weeks_with_coaching", "intensive", "sustained"]
    for col in DOSAGE_FLAGS[:-1]:
        t[col] = t[col].astype("boolean")
    if not measured:
        for col in rates:
            t[col] = pd.Series(pd.NA, index=t.index, dtype=t[col].dtype)
    # Kleene logic: a quality that fails fails the dosage; one not yet measured leaves it missing
    t["dosage_met"] = t["individualized"] & t["intensive"] & t["sustained"] & t["focused"]
    note = (
        f"only {period.days} day(s) observed to {period.as_of}: intensive and sustained need "
        f"at least {7 * th.min_weeks_observed} ({th.min_weeks_observed} weeks)"
    )
    t["dosage_note"] = pd.Series(None if measured else note, index=t.index, dtype=STRING)
    return CoachingDosage(
        teachers=t, schools=_dosage_profile(t, log.schools), thresholds=th, as_of=period.as_of
    )


DOSAGE_FLAGS = ("individualized", "intensive", "sustained", "focused", "dosage_met")


def _dosage_profile(t: pd.DataFrame, schools: Sequence[str]) -> pd.DataFrame:
    index = pd.Index(sorted(schools), name="school_id", dtype=STRING)
    school = t.index.get_level_values("school_id")
    g = t.groupby(school)
    out = pd.DataFrame(index=index)
    out["teachers"] = g.size().reindex(index, fill_value=0).astype("int64")
    coached = t[t["sessions"] > 0]
    gc = coached.groupby(coached.index.get_level_values("school_id"))
    out["teachers_coached"] = gc.size().reindex(index, fill_value=0).astype("int64")
    out["share_coached"] = (
        out["teachers_coached"] / out["teachers"].where(out["teachers"] > 0)
    ).astype("Float64")
    for flag in DOSAGE_FLAGS:
        out[f"share_{flag}"] = gc[flag].mean().reindex(index).astype("Float64")
    out["median_sessions_per_month"] = (
        gc["sessions_per_month"].median().reindex(index).astype("Float64")
    )
    return out


# ------------------------------------------------------------------ the ILT
