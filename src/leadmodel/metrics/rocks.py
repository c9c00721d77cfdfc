"""Rocks on a given date, and the initiatives a strategic-abandonment review should look at.

A rock is a short-term project of the instructional leadership team with a 45-day window
(the school-improvement guide among the seed documents); its owner records dated updates
(``on_track``, ``off_track``, ``done``, and a share done). :func:`rock_status` says, on a
date given (never "today" unless you pass it), whether each rock is on track, off track,
stalled, late, done, not yet started or not yet reported, by owner and by school.
:func:`abandonment_candidates` lists the initiatives the guide's "strategic abandonment
process for 'clearing the deck' of initiatives that are not working" should review, each
with its reasons: it serves no priority of the plan, its rocks show no progress in a stated
window, or it lands on leaders whose observation and coaching already take more than their
hours.

**Progress** is an update that says ``done``, that gives a share done above every share
given before (above 0 for the first), or that says ``on_track`` without a share. A rock is
**stalled** when it has shown no progress for more than ``stall_days`` (default 14: two of
the weekly ILT meetings the guide asks for, an assumption) since its last progress or, with
none, since it started.

Examples
--------
>>> import leadmodel as lm
>>> sample = lm.load_sample("district_plan")
>>> status = lm.rock_status(sample.plan, "2024-12-20")
>>> sorted(set(status.rocks["status"]) - set(lm.metrics.rocks.ROCK_STATES))
[]
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from leadmodel.errors import DefinitionError
from leadmodel.graph import as_roster
from leadmodel.metrics.execution import InitiativeLoad, initiative_load
from leadmodel.models import ObservationPolicy, TimeModel
from leadmodel.readers.log import DateLike, as_date
from leadmodel.readers.plan import ROCK_DAYS, Plan
from leadmodel.roster import STRING, Roster

__all__ = [
    "DISTRICT",
    "ROCK_STATES",
    "STALL_DAYS",
    "RockStatus",
    "abandonment_candidates",
    "plan_as_of",
    "rock_status",
]

#: Days without progress after which a rock is stalled: two of the ILT's weekly meetings
#: (weekly: the school-improvement guide among the seed documents; two is an assumption).
STALL_DAYS = 14
#: A rock's state on a date, in the order they are decided (the first that holds).
ROCK_STATES: tuple[str, ...] = (
    "not_started",
    "done",
    "late",
    "stalled",
    "no_update",
    "off_track",
    "on_track",
)
#: The group of rocks that name no school (district rocks) in :attr:`RockStatus.by_school`.
DISTRICT = "<district>"


@dataclass(frozen=True)
class RockStatus:
    """Every rock's state on one date, by owner and by school: :func:`rock_status`'s result.

    Attributes
    ----------
    rocks : pandas.DataFrame
        One row per rock (``rock_id``).
    by_owner, by_school : pandas.DataFrame
        Rocks per state, per owner (``owner_id``) and per school (``school_id``; rocks
        naming no school under :data:`DISTRICT`).
    as_of : datetime.date
        The date the states are for.
    stall_days : int
        Days without progress after which a rock is stalled.

    Columns are defined in ``docs/glossary.md`` ("Rocks").
    """

    rocks: pd.DataFrame
    by_owner: pd.DataFrame
    by_school: pd.DataFrame
    as_of: date
    stall_days: int


def plan_as_of(plan: Plan, as_of: DateLike | None) -> date:
    """The date to measure rocks on: ``as_of`` as given, else the plan's latest update.

    Raises
    ------
    DefinitionError
        When no date is given and the plan has no update to take one from.
    """
    if as_of is not None:
        return as_date(as_of, "as_of")
    latest = plan.latest_update
    if latest is None:
        raise DefinitionError(
            "The plan has no rock updates to date the measures by: pass as_of='YYYY-MM-DD'."
        )
    return latest


def progress_updates(plan: Plan, as_of: date) -> pd.DataFrame:
    """The updates dated on or before ``as_of``, each marked ``progress_shown``.

    An update shows progress when it says ``done``, gives a share done above every share
    given before it for its rock (above 0 for the first), or says ``on_track`` with no share.
    """
    updates = plan.updates[plan.updates["date"] <= pd.Timestamp(as_of)]
    updates = updates.sort_values(["rock_id", "date"], kind="mergesort").reset_index(drop=True)
    share = updates["progress"].astype("float64")
    before = (
        share.fillna(0.0)
        .groupby(updates["rock_id"].to_numpy())
        .transform(lambda s: s.cummax().shift(fill_value=0.0))
    )
    status = updates["status"]
    shown = (status == "done") | (share > before) | (share.isna() & (status == "on_track"))
    return updates.assign(progress_shown=shown.fillna(False).astype(bool))


def rock_status(plan: Plan, as_of: DateLike, *, stall_days: int = STALL_DAYS) -> RockStatus:
    """Each rock's state on ``as_of``, and the rocks per state by owner and by school.

    Parameters
    ----------
    plan
        The plan (:func:`~leadmodel.read_plan`).
    as_of
        The date (``YYYY-MM-DD`` or a date): only updates dated on or before it count.
    stall_days
        Days without progress after which a rock is stalled (default :data:`STALL_DAYS`).

    Returns
    -------
    RockStatus
        ``rocks``: ``name``, ``owner_id``, ``school_id``, ``team_id``, ``initiative_id``,
        ``priority_id``, ``start_date``, ``end_date``, ``updates`` (dated by ``as_of``),
        ``last_update``, ``last_status``, ``progress`` (the latest share done given),
        ``last_progress`` (the date of the latest update showing progress),
        ``days_without_progress``, ``stalled``, ``finished`` (date of the first ``done``),
        ``finished_late``, ``status`` (:data:`ROCK_STATES`) and ``reason``; ``by_owner``
        and ``by_school``: ``rocks`` and one column per state, plus ``finished_late``.

    Examples
    --------
    A rock from 2024-09-02 to 2024-10-17: on track on 2024-09-13 (an update on 09-09 gives
    20%); stalled on 2024-09-30 (nothing since 09-09: 21 days, more than 14); late on
    2024-10-21 (past its end, not done):

    >>> import pandas as pd
    >>> import leadmodel as lm
    >>> roster = lm.read_roster(pd.DataFrame({"staff_id": ["P1"], "school_id": "S1",
    ...                                       "role": ["principal"]}))
    >>> plan = lm.read_plan(
    ...     pd.DataFrame({"initiative_id": ["I1"], "name": ["Literacy"], "owner_id": ["P1"],
    ...                   "start_date": ["2024-09-02"]}),
    ...     rocks=pd.DataFrame({"rock_id": ["R1"], "name": ["Running records"],
    ...                         "owner_id": ["P1"], "school_id": ["S1"], "initiative_id": ["I1"],
    ...                         "start_date": ["2024-09-02"], "end_date": ["2024-10-17"]}),
    ...     updates=pd.DataFrame({"rock_id": ["R1"], "date": ["2024-09-09"],
    ...                           "status": ["on track"], "progress": ["20%"]}),
    ...     roster=roster, school_year=("2024-08-26", "2025-06-06"), strict=False)
    >>> [lm.rock_status(plan, d).rocks.loc["R1", "status"]
    ...  for d in ("2024-09-13", "2024-09-30", "2024-10-21")]
    ['on_track', 'stalled', 'late']
    """
    when = as_date(as_of, "as_of")
    if not isinstance(stall_days, int | np.integer) or stall_days < 0:
        raise DefinitionError(f"stall_days= takes a whole number of days, not {stall_days!r}.")
    rocks = _rock_table(plan, when, int(stall_days))
    return RockStatus(
        rocks=rocks,
        by_owner=_by(rocks, "owner_id"),
        by_school=_by(rocks.assign(school_id=rocks["school_id"].fillna(DISTRICT)), "school_id"),
        as_of=when,
        stall_days=int(stall_days),
    )


def _rock_table(plan: Plan, as_of: date, stall_days: int) -> pd.DataFrame:
    """One row per rock: its updates by ``as_of``, its progress and its state."""
    day = pd.Timestamp(as_of)
    rocks = plan.rocks.set_index("rock_id")
    out = rocks[
        ["name", "owner_id", "school_id", "team_id", "initiative_id", "priority_id",
         "start_date", "end_date"]
    ].copy()  # fmt: skip
    updates = progress_updates(plan, as_of)
    grouped = updates.groupby("rock_id")
    out["updates"] = grouped.size().reindex(out.index, fill_value=0).astype("int64")
    last = updates.drop_duplicates("rock_id", keep="last").set_index("rock_id")
    out["last_update"] = last["date"].reindex(out.index)
    out["last_status"] = last["status"].reindex(out.index).astype(STRING)
    shares = updates.dropna(subset=["progress"]).drop_duplicates("rock_id", keep="last")
    out["progress"] = shares.set_index("rock_id")["progress"].reindex(out.index).astype("Float64")
    moved = updates[updates["progress_shown"]].groupby("rock_id")["date"].max()
    out["last_progress"] = moved.reindex(out.index)
    since = out["last_progress"].fillna(out["start_date"])
    out["days_without_progress"] = (
        ((day - since).dt.days).where(out["start_date"] <= day).astype("Int64")
    )
    started = (out["start_date"] <= day).to_numpy(dtype=bool)
    quiet = out["days_without_progress"].gt(stall_days).fillna(False).to_numpy(dtype=bool)
    done_at = updates[updates["status"] == "done"].groupby("rock_id")["date"].min()
    finished = done_at.reindex(out.index)
    done = (out["last_status"] == "done").fillna(False).to_numpy(dtype=bool)
    out["finished"] = finished.where(done)
    out["finished_late"] = (out["finished"] > out["end_date"]).where(done, False).astype(bool)
    out["stalled"] = started & ~done & quiet
    out["status"] = _states(out, day, started, done, quiet)
    out["reason"] = [_reason(row, as_of, stall_days) for row in out.itertuples()]
    out["status"] = out["status"].astype(STRING)
    out["reason"] = out["reason"].astype(STRING)
    return out


def _states(
    rocks: pd.DataFrame, day: pd.Timestamp, started: np.ndarray, done: np.ndarray,
    quiet: np.ndarray,
) -> np.ndarray:  # fmt: skip
    """The first state of :data:`ROCK_STATES` that holds for each rock."""
    past = (rocks["end_date"] < day).to_numpy(dtype=bool)
    silent = (rocks["updates"] == 0).to_numpy(dtype=bool)
    off = (rocks["last_status"] == "off_track").fillna(False).to_numpy(dtype=bool)
    conditions = [~started, done, past, quiet, silent, off]
    return np.select(conditions, list(ROCK_STATES[:-1]), default="on_track")


def _reason(row: Any, as_of: date, stall_days: int) -> str:
    """The state of one rock in words, with its dates."""
    status = row.status
    start, end = row.start_date.date(), row.end_date.date()
    last_progress = row.last_progress
    if status == "not_started":
        return f"starts {start}"
    if status == "done":
        finished = row.finished.date()
        late = f", {(finished - end).days} days after its end {end}" if finished > end else ""
        return f"done on {finished}{late}"
    if status == "late":
        return f"ended {end}, {(as_of - end).days} days before {as_of}, not done"
    if status == "stalled":
        if pd.isna(last_progress):
            return f"no progress reported since it started on {start} ({(as_of - start).days} days)"
        days = (as_of - last_progress.date()).days
        return f"no progress for {days} days (last on {last_progress.date()}; over {stall_days})"
    if status == "no_update":
        return f"no update yet; started {start}, {(as_of - start).days} days before {as_of}"
    if status == "off_track":
        return f"its owner reported it off track on {row.last_update.date()}"
    if pd.isna(last_progress):  # on track, started under stall_days ago, no progress yet
        return f"on track (no progress yet; started {start}); ends {end}"
    return f"on track (last progress {last_progress.date()}); ends {end}"


def _by(rocks: pd.DataFrame, key: str) -> pd.DataFrame:
    """Rocks per state for each value of ``key``."""
    keys = pd.Index(sorted(rocks[key].dropna().unique()), dtype=STRING, name=key)
    counts = (
        rocks.groupby([key, "status"]).size().unstack(fill_value=0)
        if len(rocks)
        else pd.DataFrame(index=keys)
    )
    counts = counts.reindex(index=keys, columns=list(ROCK_STATES)).fillna(0).astype("int64")
    counts.insert(0, "rocks", counts.sum(axis=1).astype("int64"))
    counts["finished_late"] = (
        rocks.groupby(key)["finished_late"].sum().reindex(counts.index, fill_value=0)
    ).astype("int64")
    counts.index = counts.index.astype(STRING)
    counts.index.name = key
    counts.columns.name = None
    return counts.sort_index()


# ------------------------------------------------------------------ strategic abandonment


def abandonment_candidates(
    data: Roster,
    plan: Plan,
    as_of: DateLike,
    *,
    window_days: int = ROCK_DAYS,
    policy: str | ObservationPolicy = "bain_10_spot_1_formal",
    time: str | TimeModel = "default",
    load: InitiativeLoad | None = None,
) -> pd.DataFrame:
    """Initiatives a strategic-abandonment review should look at, each with its reasons.

    An initiative running on ``as_of`` (or yet to start) is a candidate for each reason
    that holds:

    ``no_priority``
        It serves none of the plan's priorities.
    ``no_rock_progress``
        None of its rocks showed progress in the ``window_days`` up to ``as_of`` (default
        45: one rock's window), though one of them started at least that long before and
        not all of them are done. Missing (not judged) for an initiative with no rocks, or
        whose first rock started less than a window ago: the guide warns against "ending
        initiatives prematurely".
    ``on_leaders_over_capacity``
        It lands on leaders whose observation and coaching already take more than their
        hours (``over_capacity_before`` in :func:`initiative_load`). Missing when none of
        its leaders is known to be over and some have unknown capacity.

    Parameters
    ----------
    data
        The roster the plan was read with.
    plan
        The plan.
    as_of
        The date of the review (``YYYY-MM-DD`` or a date).
    window_days
        The window in which a rock must have moved (default 45 days).
    policy, time
        As for :func:`initiative_load`.
    load
        :func:`initiative_load`'s result when already computed (then ``policy`` and
        ``time`` are not used).

    Returns
    -------
    pandas.DataFrame
        One row per candidate (``initiative_id``), most reasons first: ``name``,
        ``priority_id``, ``owner_id``, ``owner_role``, the three reasons (true, false or
        missing), ``rocks``, ``last_rock_progress``, ``leaders``, ``leaders_over_before``,
        ``reasons`` (how many hold) and ``why`` (each reason in words, with its figures).

    Examples
    --------
    >>> import leadmodel as lm
    >>> sample = lm.load_sample("district_plan")
    >>> review = lm.abandonment_candidates(sample.roster, sample.plan, "2025-02-07")
    >>> bool(review["reasons"].ge(1).all())
    True
    """
    roster = as_roster(data)
    when = as_date(as_of, "as_of")
    if not isinstance(window_days, int | np.integer) or window_days <= 0:
        raise DefinitionError(f"window_days= takes a whole number above 0, not {window_days!r}.")
    load = load if load is not None else initiative_load(roster, plan, policy=policy, time=time)
    init = load.initiatives
    day = pd.Timestamp(when)
    running = init["end_date"].isna() | (init["end_date"] >= day)
    out = init.loc[running, ["name", "priority_id", "owner_id", "owner_role"]].copy()
    out["no_priority"] = init.loc[running, "priority_id"].isna()
    progress = _rock_progress(plan, when, int(window_days)).reindex(out.index)
    out["no_rock_progress"] = progress["no_rock_progress"].astype("boolean")
    out["rocks"] = init.loc[running, "rocks"]
    out["last_rock_progress"] = progress["last_progress"]
    out["leaders"] = init.loc[running, "leaders"]
    out["leaders_over_before"] = init.loc[running, "leaders_over_before"]
    over = out["leaders_over_before"] > 0
    unknown = init.loc[running, "leaders_capacity_unknown"] > 0
    out["on_leaders_over_capacity"] = over.astype("boolean").mask(~over & unknown, pd.NA)
    flags = out[["no_priority", "no_rock_progress", "on_leaders_over_capacity"]]
    out["reasons"] = flags.fillna(False).astype(bool).sum(axis=1).astype("int64")
    out["why"] = [
        _why(out.loc[i], progress.loc[i], when, int(window_days)) for i in out.index.tolist()
    ]
    out["why"] = out["why"].astype(STRING)
    out = out[out["reasons"] > 0]
    order = np.lexsort((out.index.to_numpy(dtype=str), -out["reasons"].to_numpy()))
    return out.iloc[order]


def _rock_progress(plan: Plan, as_of: date, window_days: int) -> pd.DataFrame:
    """Per initiative with rocks: the latest progress on any of them, and whether none of
    them moved in the window (missing when it cannot be judged yet)."""
    day = pd.Timestamp(as_of)
    opens = day - pd.Timedelta(days=window_days)
    rocks = plan.rocks[plan.rocks["initiative_id"].notna() & (plan.rocks["start_date"] <= day)]
    updates = progress_updates(plan, as_of)
    moved = updates[updates["progress_shown"]].merge(
        rocks[["rock_id", "initiative_id"]], on="rock_id"
    )
    done = updates[updates["status"] == "done"]["rock_id"].unique()
    by = rocks.groupby("initiative_id")
    ids = sorted(str(k) for k in by.groups)
    out = pd.DataFrame(index=pd.Index(ids, name="initiative_id", dtype=STRING))
    out["first_start"] = by["start_date"].min()
    out["all_done"] = by["rock_id"].agg(lambda ids: bool(ids.isin(done).all()))
    out["last_progress"] = moved.groupby("initiative_id")["date"].max().reindex(out.index)
    judged = (out["first_start"] <= opens) & ~out["all_done"]
    still = ~(out["last_progress"] > opens).fillna(False).astype(bool)
    out["no_rock_progress"] = (
        (still & judged).astype("boolean").mask(~judged & ~out["all_done"], pd.NA)
    )
    return out


def _why(row: pd.Series, progress: pd.Series, as_of: date, window_days: int) -> str:
    """The reasons that hold, in words, with their figures."""
    parts = []
    if _holds(row["no_priority"]):
        parts.append("serves none of the plan's priorities")
    if _holds(row["no_rock_progress"]):
        last = progress["last_progress"]
        since = "no progress ever reported" if pd.isna(last) else f"last on {last.date()}"
        parts.append(
            f"none of its {int(row['rocks'])} rocks moved in the {window_days} days to "
            f"{as_of} ({since})"
        )
    if _holds(row["on_leaders_over_capacity"]):
        parts.append(
            f"lands on {int(row['leaders_over_before'])} of its {int(row['leaders'])} leaders "
            "whose observation and coaching already take more than their hours"
        )
    return "; ".join(parts)


def _holds(flag: object) -> bool:
    """Whether a true/false/missing flag is true."""
    return flag is not None and flag is not pd.NA and bool(flag)
