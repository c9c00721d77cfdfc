"""Activity-log events and survey responses matched to the roster in force on their date.

People change roles during a school year and from one year to the next; an observation logged
in March is to be read against the structure of March. :func:`log_as_of` matches every event
of an activity log to the snapshot of a :class:`~leadmodel.readers.series.RosterSeries` in force
on its date (the latest taken on or before it) and says whether, then, the leader was on the
school's staff, the teacher too, and the leader held a relation to the teacher. A visit by
someone who was not the teacher's leader on that date is reported (``not_leader_then``), with
the teacher's leaders then. :func:`survey_as_of` does the same for a staff survey: each
respondent's school and role then, and whether each adviser named was then a formal leader.

Ids in the log or survey are read as the rosters' ``staff_id`` (the convention of
:func:`~leadmodel.read_log`) or, with ``ids="person_id"``, as the people's ids of position
files: an observation tool records who observed, not a position number.

Examples
--------
>>> import leadmodel as lm
>>> sample = lm.load_sample("district_years")
>>> found = lm.log_as_of(sample.series, sample.log, ids="person_id")
>>> found.events["match"].value_counts().to_dict()
{'matched': 6064, 'not_leader_then': 12}
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, cast

import numpy as np
import pandas as pd

from leadmodel.errors import DefinitionError
from leadmodel.models import RELATIONS
from leadmodel.readers.log import ActivityLog, DateLike, as_date, parse_dates
from leadmodel.readers.matching import iso, split_people
from leadmodel.readers.series import ROLE_RANK, SERIES_ISSUE_COLUMNS, RosterSeries
from leadmodel.readers.survey import Survey
from leadmodel.roster import STRING, Roster

__all__ = ["MATCH_STATUS", "AsOfLog", "AsOfSurvey", "log_as_of", "survey_as_of"]

IdKind = Literal["staff_id", "person_id"]
#: How an event (or response) matched the roster in force on its date.
MATCH_STATUS: tuple[str, ...] = (
    "matched",
    "not_leader_then",
    "leader_not_on_staff",
    "teacher_not_on_staff",
    "school_not_on_roster",
    "team_not_on_roster",
    "before_first_snapshot",
)


@dataclass(frozen=True)
class AsOfLog:
    """An activity log matched to the roster in force on each event's date.

    Attributes
    ----------
    events : pandas.DataFrame
        The log's events (``docs/glossary.md``, "Activity log") and ``snapshot`` (the date of
        the roster in force; missing before the first), ``leader_on_staff``,
        ``teacher_on_staff``, ``relations`` (the leader's relations to the teacher then),
        ``leader_of_teacher`` and ``match`` (:data:`MATCH_STATUS`).
    issues : pandas.DataFrame
        One warning per event that did not match, with the ``snapshot`` first.
    schools : pandas.DataFrame
        Per ``(snapshot, school_id)``: ``events`` and the number of events of each status.
    """

    events: pd.DataFrame
    issues: pd.DataFrame
    schools: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by name (``asof_events``, ``asof_issues``, ``asof_schools``), for
        :func:`~leadmodel.export_tables`."""
        return {
            "asof_events": self.events,
            "asof_issues": self.issues,
            "asof_schools": self.schools,
        }


@dataclass(frozen=True)
class AsOfSurvey:
    """A staff survey matched to the roster in force on each response's date.

    Attributes
    ----------
    responses : pandas.DataFrame
        The survey's responses and ``survey_date``, ``snapshot``, ``on_staff_then``
        (identified respondents), ``role_then``, ``role_matches`` and ``match``.
    advice : pandas.DataFrame
        The advice ties and ``snapshot``, ``adviser_on_staff_then``, ``relations`` (the
        adviser's relations to the respondent then) and ``adviser_leads_respondent``.
    issues : pandas.DataFrame
        One warning per response, or tie, that did not match, with the ``snapshot`` first.
    """

    responses: pd.DataFrame
    advice: pd.DataFrame
    issues: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by name (``asof_responses``, ``asof_advice``, ``asof_issues``), for
        :func:`~leadmodel.export_tables`."""
        return {
            "asof_responses": self.responses,
            "asof_advice": self.advice,
            "asof_issues": self.issues,
        }


# ----------------------------------------------------------------------------- holders


def holders(roster: Roster, ids: IdKind) -> pd.DataFrame:
    """Who holds each filled position of a roster: ``school_id``, ``id`` (as ``ids`` names
    people), ``position`` (the staff id) and ``role``."""
    staff = roster.staff
    people = split_people(staff, ids)
    rows = people["row"].to_numpy()
    return pd.DataFrame(
        {
            "school_id": staff["school_id"].array[rows],
            "id": people["person"].array,
            "position": staff["staff_id"].array[rows],
            "role": staff["role"].array[rows],
        }
    )


def _checked_ids(series: RosterSeries, ids: str) -> IdKind:
    if ids == "staff_id":
        return "staff_id"
    if ids == "person_id":
        if series.people_key != "person_id":
            raise DefinitionError(
                "ids='person_id' needs position files that give person_id; these rosters are "
                "files of people, whose staff_id is the person's: use ids='staff_id'."
            )
        return "person_id"
    raise DefinitionError(f"ids must be 'staff_id' or 'person_id', not {ids!r}.")


def _checked_relations(relations: Iterable[str] | None) -> list[str]:
    chosen = list(RELATIONS if relations is None else relations)
    unknown = sorted(set(chosen) - set(RELATIONS))
    if unknown or not chosen:
        raise DefinitionError(
            f"relations must name some of {', '.join(RELATIONS)}; not {unknown or chosen}."
        )
    return chosen


def _positions_of(rows: pd.DataFrame, column: str, held: pd.DataFrame) -> pd.DataFrame:
    """``_i`` (the row) and ``position`` for each row whose ``column`` holds a position in the
    row's school."""
    return rows[["_i", "school_id", column]].merge(
        held[["school_id", "id", "position"]].rename(columns={"id": column}),
        on=["school_id", column],
    )[["_i", "school_id", "position"]]


def _relations_between(
    roster: Roster,
    leaders: pd.DataFrame,
    members: pd.DataFrame,
    relations: list[str],
) -> pd.Series:
    """Per row ``_i``: the relations (sorted, ``;``-joined) any of the row's leader positions
    held to any of its member positions on ``roster``."""
    pairs = leaders.merge(members, on=["_i", "school_id"], suffixes=("_leader", "_member"))
    links = roster.links[roster.links["relation"].isin(relations).to_numpy(dtype=bool)]
    held = pairs.merge(
        links[["school_id", "leader_id", "staff_id", "relation"]],
        left_on=["school_id", "position_leader", "position_member"],
        right_on=["school_id", "leader_id", "staff_id"],
    )
    if held.empty:
        return pd.Series(dtype=STRING)
    distinct = held[["_i", "relation"]].drop_duplicates().sort_values(["_i", "relation"])
    return distinct.groupby("_i")["relation"].agg(";".join).astype(STRING)


def _leaders_of(
    roster: Roster, members: pd.DataFrame, held: pd.DataFrame, relations: list[str]
) -> pd.Series:
    """Per row ``_i``: the member's leaders on ``roster`` in words (``E3 (develops), E1
    (evaluates; supervises)``), or ``nobody``."""
    links = roster.links[roster.links["relation"].isin(relations).to_numpy(dtype=bool)]
    led = members.merge(
        links[["school_id", "leader_id", "staff_id", "relation"]],
        left_on=["school_id", "position"],
        right_on=["school_id", "staff_id"],
    ).merge(
        held[["school_id", "position", "id"]].rename(columns={"position": "leader_id"}),
        on=["school_id", "leader_id"],
    )
    words: dict[int, str] = {}
    for i, group in led.groupby("_i", sort=True):
        by_leader = group.groupby("id", sort=True)["relation"].agg(
            lambda r: "; ".join(sorted(set(r)))
        )
        words[int(cast(int, i))] = ", ".join(f"{who} ({what})" for who, what in by_leader.items())
    return pd.Series(words, dtype=object)


# ----------------------------------------------------------------------------- the log


def log_as_of(
    series: RosterSeries,
    log: ActivityLog,
    *,
    ids: IdKind = "staff_id",
    relations: Iterable[str] | None = None,
) -> AsOfLog:
    """Match every event of an activity log to the roster in force on its date.

    An event dated ``d`` is read against the latest snapshot taken on or before ``d``;
    events before the first snapshot match none and are reported. For each event the roster
    then says whether its school is on it, whether the leader holds a position in that school,
    whether the teacher does, and which relations the leader holds to the teacher. A visit by
    someone who then held none of ``relations`` to the teacher is ``not_leader_then`` and
    reported with the teacher's leaders on that date.

    Parameters
    ----------
    series
        The rosters (:func:`~leadmodel.read_rosters`).
    log
        The activity log (:func:`~leadmodel.read_log`, read without a roster or with one).
    ids
        How the log names people: ``"staff_id"`` (the rosters' staff ids, as
        :func:`~leadmodel.read_log` checks them) or ``"person_id"`` (employees' ids, in a
        series of position files).
    relations
        The relations that make someone a teacher's leader (default: all six).

    Returns
    -------
    AsOfLog

    Raises
    ------
    DefinitionError
        For ``ids`` other than those two, ``"person_id"`` on files of people, or an unknown
        relation.
    """
    kind = _checked_ids(series, ids)
    chosen = _checked_relations(relations)
    events = log.events.copy()
    events.insert(0, "_i", np.arange(len(events)))
    snapshot = series.snapshot_of(events["date"])
    columns: dict[str, Any] = {
        "leader_on_staff": pd.array([pd.NA] * len(events), dtype="boolean"),
        "teacher_on_staff": pd.array([pd.NA] * len(events), dtype="boolean"),
        "school_on_roster": np.zeros(len(events), dtype=bool),
        "team_on_roster": pd.array([pd.NA] * len(events), dtype="boolean"),
        "relations": pd.Series(pd.NA, index=events.index, dtype=STRING),
        "leaders_then": pd.Series(None, index=events.index, dtype=object),
    }
    for when in sorted(set(snapshot.dropna())):
        on = (snapshot == when).to_numpy(dtype=bool)
        _events_on(series[pd.Timestamp(when).date()], events[on], kind, chosen, columns)
    out = _event_table(log.events, snapshot, columns)
    issues = _event_issues(out, snapshot, columns["leaders_then"], series.dates[0])
    return AsOfLog(events=out, issues=issues, schools=_event_counts(out))


def _events_on(
    roster: Roster, events: pd.DataFrame, ids: IdKind, relations: list[str], columns: dict[str, Any]
) -> None:
    """Fill ``columns`` for the ``events`` in force on one roster (rows by ``_i``)."""
    held = holders(roster, ids)
    index = events["_i"].to_numpy()
    columns["school_on_roster"][index] = events["school_id"].isin(roster.schools["school_id"])
    leaders = _positions_of(events, "leader_id", held)
    columns["leader_on_staff"][index] = np.isin(index, leaders["_i"])
    has_teacher = events["teacher_id"].notna().to_numpy(dtype=bool)
    teachers = _positions_of(events[has_teacher], "teacher_id", held)
    columns["teacher_on_staff"][index[has_teacher]] = np.isin(index[has_teacher], teachers["_i"])
    found = _relations_between(roster, leaders, teachers, relations)
    columns["relations"].iloc[found.index.to_numpy()] = found.to_numpy()
    has_team = events["team_id"].notna().to_numpy(dtype=bool)
    if has_team.any():
        teams = pd.MultiIndex.from_frame(roster.teams[["school_id", "team_id"]])
        named = pd.MultiIndex.from_frame(events.loc[has_team, ["school_id", "team_id"]])
        columns["team_on_roster"][index[has_team]] = named.isin(teams)
    flagged = (
        has_teacher
        & np.isin(index, leaders["_i"])
        & np.isin(index, teachers["_i"])
        & ~np.isin(index, found.index.to_numpy())
    )
    chosen = teachers[np.isin(teachers["_i"], index[flagged])]
    words = _leaders_of(roster, chosen, held, relations)
    for i in index[flagged]:
        columns["leaders_then"].iloc[i] = words.get(int(i), "nobody")


def _event_table(
    events: pd.DataFrame, snapshot: pd.Series, columns: dict[str, Any]
) -> pd.DataFrame:
    out = events.copy()
    dated = snapshot.notna().to_numpy(dtype=bool)
    school = np.asarray(columns["school_on_roster"], dtype=bool)
    leader = pd.array(columns["leader_on_staff"], dtype="boolean")
    teacher = pd.array(columns["teacher_on_staff"], dtype="boolean")
    team = pd.array(columns["team_on_roster"], dtype="boolean")
    has_teacher = events["teacher_id"].notna().to_numpy(dtype=bool)
    related = columns["relations"].notna().to_numpy(dtype=bool)
    leader_known = leader.fillna(False).to_numpy(dtype=bool)
    teacher_known = teacher.fillna(False).to_numpy(dtype=bool)
    conditions = {  # the first that holds gives the status
        "before_first_snapshot": ~dated,
        "school_not_on_roster": ~school,
        "leader_not_on_staff": ~leader_known,
        "teacher_not_on_staff": has_teacher & ~teacher_known,
        "team_not_on_roster": ~has_teacher & ~team.fillna(True).to_numpy(dtype=bool),
        "not_leader_then": has_teacher & ~related,
    }
    status = np.select(list(conditions.values()), list(conditions), default="matched")
    checkable = dated & school & has_teacher & leader_known & teacher_known
    of_teacher = pd.array(related, dtype="boolean")
    of_teacher[~checkable] = pd.NA
    out.insert(list(out.columns).index("school_id") + 1, "snapshot", snapshot.to_numpy())
    out["leader_on_staff"] = leader.copy()
    out.loc[~dated | ~school, "leader_on_staff"] = pd.NA
    out["teacher_on_staff"] = teacher.copy()
    out.loc[~dated | ~school, "teacher_on_staff"] = pd.NA
    out["relations"] = columns["relations"].to_numpy()
    out["relations"] = out["relations"].astype(STRING)
    out["leader_of_teacher"] = of_teacher
    out["match"] = pd.array(status, dtype=STRING)
    return out


def _event_issues(
    events: pd.DataFrame, snapshot: pd.Series, leaders_then: pd.Series, first: date
) -> pd.DataFrame:
    """One warning per event that did not match, saying what the roster in force then says."""
    when = events["date"].dt.strftime("%Y-%m-%d").astype(STRING)
    then = snapshot.dt.strftime("%Y-%m-%d").astype(STRING)
    leader, teacher = events["leader_id"], events["teacher_id"]
    staff_then = (
        " is not on the staff of "
        + events["school_id"]
        + " in the roster in force on "
        + when
        + " ("
        + then
        + ")."
    )
    later = "If they joined after " + then + ", add a snapshot of a later date; otherwise "
    later += "correct the id (or the school)."
    parts = [
        _issues(
            events,
            "not_leader_then",
            "not_leader_then",
            "leader_id",
            leader,
            leader
            + " visited "
            + teacher
            + " on "
            + when
            + " ("
            + events["kind"]
            + "), but in the roster in force then ("
            + then
            + ") "
            + leader
            + " held no relation to "
            + teacher
            + ", whose leaders were: "
            + pd.Series(leaders_then.to_numpy(), index=events.index).astype(STRING)
            + ".",
            "Nothing to fix if the visit was meant (a cover, a colleague's request); if the "
            "structure changed after " + then + ", add a snapshot of that date.",
        ),
        _issues(
            events,
            "leader_not_on_staff",
            "not_on_staff_then",
            "leader_id",
            leader,
            leader + staff_then,
            later,
        ),
        _issues(
            events,
            "teacher_not_on_staff",
            "not_on_staff_then",
            "teacher_id",
            teacher,
            teacher + staff_then,
            later,
        ),
        _issues(
            events,
            "school_not_on_roster",
            "not_on_roster_then",
            "school_id",
            events["school_id"],
            "The school "
            + events["school_id"]
            + " is not on the roster in force on "
            + when
            + " ("
            + then
            + ").",
            "Correct the school id, or add the snapshot in which the school exists.",
        ),
        _issues(
            events,
            "team_not_on_roster",
            "not_on_roster_then",
            "team_id",
            events["team_id"],
            "The team "
            + events["team_id"]
            + " is not on the roster of "
            + events["school_id"]
            + " in force on "
            + when
            + " ("
            + then
            + ").",
            "Correct the team id, or add the snapshot in which the team exists.",
        ),
        _issues(
            events,
            "before_first_snapshot",
            "before_first_snapshot",
            "date",
            when,
            "The event is dated "
            + when
            + ", before the first snapshot ("
            + iso(first)
            + "): no roster is known to be in force then.",
            "Add a snapshot taken on or before " + when + ", or leave the event out.",
        ),
    ]
    return _sorted_issues(pd.concat([_issue_frame(), *parts], ignore_index=True))


def _issue_frame() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=STRING) for c in SERIES_ISSUE_COLUMNS})
    frame["row"] = frame["row"].astype("Int64")
    return frame


def _issues(
    rows: pd.DataFrame,
    status: str,
    code: str,
    field: str,
    value: pd.Series,
    message: pd.Series,
    fix: pd.Series | str,
    *,
    table: str = "log",
    who: str = "leader_id",
) -> pd.DataFrame:
    """Warnings for the ``rows`` whose ``match`` is ``status``, in the issues table's columns."""
    chosen = (rows["match"] == status).to_numpy(dtype=bool)
    fixes = fix if isinstance(fix, pd.Series) else pd.Series(fix, index=rows.index)
    snapshot = rows["snapshot"].dt.strftime("%Y-%m-%d")
    frame = pd.DataFrame(
        {
            "snapshot": snapshot[chosen],
            "table": table,
            "row": rows.loc[chosen, "row"],
            "staff_id": rows.loc[chosen, who],
            "field": field,
            "value": value[chosen],
            "code": code,
            "severity": "warning",
            "message": message[chosen],
            "fix": fixes[chosen],
        }
    )
    return frame.astype({c: STRING for c in SERIES_ISSUE_COLUMNS if c != "row"}).astype(
        {"row": "Int64"}
    )


def _sorted_issues(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.sort_values(
        ["table", "row", "code", "field"], kind="mergesort", na_position="first"
    )
    return out.reset_index(drop=True)[SERIES_ISSUE_COLUMNS]


def _event_counts(events: pd.DataFrame) -> pd.DataFrame:
    """Per snapshot and school: events, and how many of each status."""
    keys = events[["snapshot", "school_id", "match"]].astype({"snapshot": "datetime64[ns]"})
    counts = pd.crosstab(
        [keys["snapshot"].fillna(pd.Timestamp(0)), keys["school_id"]], keys["match"]
    )
    counts = counts.reindex(columns=list(MATCH_STATUS), fill_value=0)
    counts.insert(0, "events", counts.sum(axis=1))
    counts = counts.reset_index()
    counts["snapshot"] = counts["snapshot"].where(counts["snapshot"] != pd.Timestamp(0))
    return counts.astype({c: "int64" for c in ("events", *MATCH_STATUS)})


# ----------------------------------------------------------------------------- the survey


def survey_as_of(
    series: RosterSeries,
    survey: Survey,
    *,
    on: DateLike,
    ids: IdKind = "staff_id",
    relations: Iterable[str] | None = None,
) -> AsOfSurvey:
    """Match a staff survey's responses, and advice ties, to the roster in force when answered.

    Parameters
    ----------
    series
        The rosters (:func:`~leadmodel.read_rosters`).
    survey
        The survey (:func:`~leadmodel.read_survey`).
    on
        The date the survey was answered, or the name of a response column holding each
        response's date (ISO ``YYYY-MM-DD``).
    ids, relations
        As for :func:`log_as_of`.

    Returns
    -------
    AsOfSurvey
        Each identified respondent's position then (``on_staff_then``, ``role_then`` and
        whether the survey's role agrees, ``role_matches``), each anonymous response's school
        on the roster then, and each advice tie's ``relations`` then: whether the adviser
        named was a formal leader of the respondent on that date.
    """
    kind = _checked_ids(series, ids)
    chosen = _checked_relations(relations)
    responses = survey.responses.copy()
    responses.insert(0, "_i", np.arange(len(responses)))
    days = _survey_dates(responses, on)
    snapshot = series.snapshot_of(days)
    on_staff = pd.array([pd.NA] * len(responses), dtype="boolean")
    school_known = np.zeros(len(responses), dtype=bool)
    role_then = pd.Series(pd.NA, index=responses.index, dtype=STRING)
    ties = survey.advice.merge(responses[["response_id", "_i"]], on="response_id")
    ties = ties.assign(_t=np.arange(len(ties)))
    relations_then = pd.Series(pd.NA, index=ties.index, dtype=STRING)
    adviser_there = pd.array([pd.NA] * len(ties), dtype="boolean")
    for when in sorted(set(snapshot.dropna())):
        roster = series[pd.Timestamp(when).date()]
        held = holders(roster, kind)
        rows = responses[(snapshot == when).to_numpy(dtype=bool)]
        index = rows["_i"].to_numpy()
        school_known[index] = rows["school_id"].isin(roster.schools["school_id"])
        mine = _positions_of(rows[rows["staff_id"].notna().to_numpy(dtype=bool)], "staff_id", held)
        identified = rows["staff_id"].notna().to_numpy(dtype=bool)
        on_staff[index[identified]] = np.isin(index[identified], mine["_i"])
        role_then.iloc[mine["_i"].to_numpy()] = (
            _senior_roles(mine, held).reindex(mine["_i"]).to_numpy()
        )
        tied = ties[np.isin(ties["_i"], index)].rename(columns={"_i": "_r"})
        tied = tied.assign(_i=tied["_t"])
        advisers = _positions_of(tied, "adviser_id", held)
        respondents = _positions_of(tied.assign(adviser_id=tied["staff_id"]), "adviser_id", held)
        adviser_there[tied["_t"].to_numpy()] = np.isin(tied["_t"], advisers["_i"])
        found = _relations_between(roster, advisers, respondents, chosen)
        relations_then.iloc[found.index.to_numpy()] = found.to_numpy()
    return _survey_result(
        responses,
        ties,
        days,
        snapshot,
        on_staff,
        school_known,
        role_then,
        relations_then,
        adviser_there,
        series.dates[0],
    )


def _survey_dates(responses: pd.DataFrame, on: DateLike) -> pd.Series:
    if isinstance(on, str) and on in responses.columns:
        values, bad = parse_dates(responses[on], None)
        if bad.any():
            shown = responses.loc[bad.to_numpy(dtype=bool), on].astype(str).head(3).tolist()
            raise DefinitionError(
                f"The column {on!r} holds values that are not dates ({', '.join(shown)}): write "
                "them as YYYY-MM-DD."
            )
        return pd.to_datetime(pd.Series(values, index=responses.index, dtype=object))
    day = pd.Timestamp(as_date(on, "on"))
    return pd.Series(day, index=responses.index, dtype="datetime64[ns]")


def _senior_roles(mine: pd.DataFrame, held: pd.DataFrame) -> pd.Series:
    """Per response ``_i``: the most senior role its respondent holds in the school."""
    roles = mine.merge(held[["school_id", "position", "role"]], on=["school_id", "position"])
    roles = roles.assign(_rank=roles["role"].map(ROLE_RANK).fillna(len(ROLE_RANK)))
    first = roles.sort_values(["_i", "_rank"], kind="mergesort").drop_duplicates("_i")
    return first.set_index("_i")["role"].astype(STRING)


def _survey_result(
    responses: pd.DataFrame,
    ties: pd.DataFrame,
    days: pd.Series,
    snapshot: pd.Series,
    on_staff: Any,
    school_known: np.ndarray,
    role_then: pd.Series,
    relations_then: pd.Series,
    adviser_there: Any,
    first: date,
) -> AsOfSurvey:
    dated = snapshot.notna().to_numpy(dtype=bool)
    identified = responses["staff_id"].notna().to_numpy(dtype=bool)
    there = pd.array(on_staff, dtype="boolean").fillna(False).to_numpy(dtype=bool)
    status = np.select(
        [~dated, ~school_known, identified & ~there],
        ["before_first_snapshot", "school_not_on_roster", "respondent_not_on_staff"],
        default="matched",
    )
    out = responses.drop(columns="_i")
    out["survey_date"] = days.to_numpy()
    out["snapshot"] = snapshot.to_numpy()
    staff_flag = pd.array(on_staff, dtype="boolean")
    staff_flag[~dated | ~school_known] = pd.NA
    out["on_staff_then"] = staff_flag
    out["role_then"] = role_then.to_numpy()
    out["role_then"] = out["role_then"].astype(STRING)
    matches = (out["role"] == out["role_then"]).astype("boolean")
    out["role_matches"] = matches.mask(out["role_then"].isna())
    out["match"] = pd.array(status, dtype=STRING)
    advice = ties.drop(columns=["_i", "_t"])
    advice["snapshot"] = snapshot.to_numpy()[ties["_i"].to_numpy()]
    advice_flag = pd.array(adviser_there, dtype="boolean")
    advice["adviser_on_staff_then"] = advice_flag
    advice["relations"] = relations_then.to_numpy()
    advice["relations"] = advice["relations"].astype(STRING)
    leads = pd.array(advice["relations"].notna().to_numpy(dtype=bool), dtype="boolean")
    leads[~advice_flag.fillna(False).to_numpy(dtype=bool)] = pd.NA
    advice["adviser_leads_respondent"] = leads
    return AsOfSurvey(responses=out, advice=advice, issues=_survey_issues(out, advice, first))


def _survey_issues(responses: pd.DataFrame, advice: pd.DataFrame, first: date) -> pd.DataFrame:
    """One warning per response (or tie) that did not match the roster in force then."""
    rows = responses.assign(row=np.arange(1, len(responses) + 1))
    when = rows["survey_date"].dt.strftime("%Y-%m-%d").astype(STRING)
    then = rows["snapshot"].dt.strftime("%Y-%m-%d").astype(STRING)
    respondent = rows["staff_id"]
    differs = (rows["role_matches"] == False).fillna(False).to_numpy(dtype=bool)  # noqa: E712
    parts = [
        _issues(
            rows,
            "before_first_snapshot",
            "before_first_snapshot",
            "survey_date",
            when,
            "The response is dated "
            + when
            + ", before the first snapshot ("
            + iso(first)
            + "): no roster is known to be in force then.",
            "Add a snapshot taken on or before " + when + ".",
            table="responses",
            who="staff_id",
        ),
        _issues(
            rows,
            "school_not_on_roster",
            "not_on_roster_then",
            "school_id",
            rows["school_id"],
            "The school "
            + rows["school_id"]
            + " is not on the roster in force on "
            + when
            + " ("
            + then
            + ").",
            "Correct the school id, or add the snapshot in which the school exists.",
            table="responses",
            who="staff_id",
        ),
        _issues(
            rows,
            "respondent_not_on_staff",
            "not_on_staff_then",
            "staff_id",
            respondent,
            respondent
            + " is not on the staff of "
            + rows["school_id"]
            + " in the roster in force on "
            + when
            + " ("
            + then
            + ").",
            "If they joined after " + then + ", add a later snapshot; otherwise correct the id.",
            table="responses",
            who="staff_id",
        ),
        _issues(
            rows.assign(match=np.where(differs, "role_differs", rows["match"])),
            "role_differs",
            "role_mismatch",
            "role",
            rows["role"],
            respondent
            + " answered as "
            + rows["role"]
            + ", but held "
            + rows["role_then"]
            + " in the roster in force on "
            + when
            + " ("
            + then
            + ").",
            "Nothing to fix if the role changed after the snapshot: the survey is compared "
            "with the roster in force.",
            table="responses",
            who="staff_id",
        ),
    ]
    ties = advice.assign(
        row=rows.set_index("response_id")["row"].reindex(advice["response_id"]).to_numpy(),
        match=np.where(
            (advice["adviser_on_staff_then"] == False).fillna(False).to_numpy(dtype=bool),  # noqa: E712
            "adviser_not_on_staff",
            "matched",
        ),
    )
    parts.append(
        _issues(
            ties,
            "adviser_not_on_staff",
            "not_on_staff_then",
            "adviser_id",
            ties["adviser_id"],
            ties["staff_id"] + " names " + ties["adviser_id"] + " as an adviser, who is not on "
            "the staff of " + ties["school_id"] + " in the roster in force then.",
            "Nothing to fix if they left after the snapshot; otherwise correct the id.",
            table="nominations",
            who="staff_id",
        )
    )
    return _sorted_issues(pd.concat([_issue_frame(), *parts], ignore_index=True))
