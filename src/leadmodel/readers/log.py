"""Reading activity logs (observations, coaching, meetings) and second team memberships.

:func:`read_log` reads a walkthrough or coaching tool's export, maps its columns and kinds
of event onto leadmodel's, and checks every event against the school year and, given one,
the roster: who led it, who was visited, in which school. :func:`read_members` reads the
teams people sit on besides their own (the grade-team lead who is also on the ILT). Both go
through the shared file layer and issues table, like every reader.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from leadmodel.errors import DefinitionError, RosterError
from leadmodel.readers.files import (
    DEFAULT_MAX_BYTES,
    Intake,
    header_key,
)
from leadmodel.readers.issues import (
    IssueLog,
    check_known,
    drop_blank_rows,
    join_extras,
    negative_field,
    numbered_rows,
    numeric_field,
    row_counts,
    split_extras,
    to_text,
    unmask,
    unnumbered,
    unread_rows,
)
from leadmodel.readers.link_checks import common_schools, settle_schools
from leadmodel.roles import TEACHING_ROLES
from leadmodel.roster import FLOAT, INT, STRING, Loaded, Roster, row_keys

DateLike = str | date | datetime | pd.Timestamp


#: Kinds of event a log records: classroom observations (``formal``, ``informal``,
#: ``walkthrough``), ``coaching_cycle`` (an observation with a coaching conversation: both a
#: visit and a coaching session), ``coaching`` (a session without a classroom visit) and
#: ``meeting`` (a team meeting, such as the ILT's; it names a ``team_id`` and no teacher).
KINDS: tuple[str, ...] = (
    "formal",
    "informal",
    "walkthrough",
    "coaching_cycle",
    "coaching",
    "meeting",
)


OBSERVATION_KINDS: tuple[str, ...] = ("formal", "informal", "walkthrough", "coaching_cycle")


COACHING_KINDS: tuple[str, ...] = ("coaching_cycle", "coaching")


MEETING_KIND = "meeting"


#: Words walkthrough and coaching tools use for the kinds, matched after case-folding and
#: turning punctuation and spaces into ``_``; ``kind_map`` adds more.
KIND_ALIASES: dict[str, str] = {
    "formal_observation": "formal",
    "formal_evaluation": "formal",
    "informal_observation": "informal",
    "spot_observation": "informal",
    "spot": "informal",
    "walk_through": "walkthrough",
    "mini_observation": "walkthrough",
    "observation_and_feedback": "coaching_cycle",
    "coaching_session": "coaching",
    "coaching_conversation": "coaching",
    "team_meeting": "meeting",
    "ilt_meeting": "meeting",
    "plc_meeting": "meeting",
}


#: Canonical columns of ``ActivityLog.events`` and their dtypes; other input columns are kept.
LOG_COLUMNS: dict[str, Any] = {
    "school_id": STRING,
    "date": "datetime64[ns]",
    "leader_id": STRING,
    "teacher_id": STRING,
    "kind": STRING,
    "minutes": FLOAT,
    "focus": STRING,
    "session_id": STRING,
    "team_id": STRING,
    "row": INT,
}


LOG_NAMES: frozenset[str] = frozenset(c for c in LOG_COLUMNS if c != "row")


_TEXT = ("school_id", "leader_id", "teacher_id", "kind", "focus", "session_id", "team_id")


_EVENT_KEY = [c for c in LOG_COLUMNS if c != "row"]


MEMBER_NAMES: frozenset[str] = frozenset({"school_id", "team_id", "staff_id"})


_ISO_DATE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](?P<h>\d{1,2})(?::(?P<m>\d{2})(?::(?P<s>\d{2})(?:[.,]\d+)?)?)?)?"
    r"(?:Z|[+-](?P<oh>\d{2})(?::?(?P<om>\d{2}))?)?$"
)
#: The largest value of each part of a time after an ISO date (a leap second is 60; real
#: offsets from UTC run to 14 hours).
_TIME_LIMITS = {"h": 23, "m": 59, "s": 60, "oh": 14, "om": 59}


class ActivityLog(Loaded):
    """Observation, coaching and meeting events, validated: what :func:`read_log` returns.

    Attributes
    ----------
    events : pandas.DataFrame
        One row per event (``docs/glossary.md``, "Activity log"): ``school_id``, ``date``,
        ``leader_id``, ``teacher_id``, ``kind``, ``minutes``, ``focus``, ``session_id``,
        ``team_id``, ``row`` (the record's number in the input), then any other input
        columns. Sorted by school, date, leader, teacher, kind, session and row.
    issues : pandas.DataFrame
        Problems found while reading (the roster's issues table; ``table`` is ``"log"``).
    school_year : tuple of datetime.date
        First and last day of the school year the events must fall in.
    schools : tuple of str
        The schools the log covers: given to :func:`read_log`, else those with an event.
    source : dict
        Provenance: input name, SHA-256 checksum, row accounting.
    """

    __slots__ = ("events", "issues", "school_year", "schools", "source")
    merges = True

    def __init__(
        self,
        events: pd.DataFrame,
        *,
        school_year: tuple[date, date],
        schools: Iterable[str],
        issues: pd.DataFrame | None = None,
        source: Mapping[str, Any] | None = None,
    ) -> None:
        from leadmodel.roster import empty_issues

        self.events = events
        self.school_year = school_year
        self.schools = tuple(schools)
        self.issues = empty_issues() if issues is None else issues
        self.source = dict(source or {})

    def __len__(self) -> int:
        return len(self.events)

    def __repr__(self) -> str:
        kinds = self.events["kind"]
        n_obs = int(kinds.isin(OBSERVATION_KINDS).sum())
        n_coach = int((kinds == "coaching").sum())
        n_meet = int((kinds == MEETING_KIND).sum())
        n = len(self.schools)
        start, end = self.school_year
        return (
            f"<ActivityLog: {len(self.events)} events ({n_obs} observations, {n_coach} coaching,"
            f" {n_meet} meetings), {n} school{'s' if n != 1 else ''}, {start} to {end}>"
        )


def as_date(value: DateLike, what: str) -> date:
    """``value`` (a date, a datetime, or ISO ``YYYY-MM-DD`` text) as a date, or a
    :class:`DefinitionError` naming ``what`` it was given for."""
    if isinstance(value, datetime):  # pd.Timestamp too: the wall-clock date as written
        return value.date()
    if isinstance(value, date):
        return value
    parsed = _iso(value.strip()) if isinstance(value, str) else None
    if parsed is None:
        raise DefinitionError(f"{what} {value!r} is not a date: write it as YYYY-MM-DD.")
    return parsed


def _iso(text: str) -> date | None:
    """The date of ISO text, ``None`` when it is no date or its time is no time (``99:99``):
    the time of day is checked, then ignored."""
    match = _ISO_DATE.match(text)
    if not match or any(
        match[part] is not None and int(match[part]) > limit for part, limit in _TIME_LIMITS.items()
    ):
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def school_year_dates(school_year: tuple[DateLike, DateLike]) -> tuple[date, date]:
    """The first and last day of ``school_year`` (a pair of dates), checked.

    >>> school_year_dates(("2024-08-26", "2025-06-06"))
    (datetime.date(2024, 8, 26), datetime.date(2025, 6, 6))
    """
    try:
        first, last = school_year
    except (TypeError, ValueError):
        raise DefinitionError(
            "school_year must be a pair (first day, last day), e.g. ('2024-08-26', '2025-06-06')."
        ) from None
    start, end = as_date(first, "school_year start"), as_date(last, "school_year end")
    if end < start:
        raise DefinitionError(f"school_year ends ({end}) before it starts ({start}).")
    return start, end


def parse_dates(raw: pd.Series, date_format: str | None) -> tuple[list[date | None], pd.Series]:
    """Each value as a calendar date, and the mask of values that are not dates.

    Date and datetime cells give their date as stored (a time of day or a time zone offset is
    ignored, never converted); text is ISO ``YYYY-MM-DD`` (optionally followed by a time and an
    offset, which must be a real time: ``99:99`` makes the value no date) or follows
    ``date_format``.
    """
    values: list[date | None] = []
    bad: list[bool] = []
    for v in raw.astype(object):
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            values.append(None)
            bad.append(False)
            continue
        parsed: date | None = None
        if isinstance(v, datetime):
            parsed = v.date()
        elif isinstance(v, date):
            parsed = v
        elif isinstance(v, str) and v.strip():
            text = v.strip()
            if date_format:
                try:
                    parsed = datetime.strptime(text, date_format).date()
                except ValueError:
                    parsed = None
            else:
                parsed = _iso(text)
        elif isinstance(v, str):
            values.append(None)
            bad.append(False)
            continue
        values.append(parsed)
        bad.append(parsed is None)
    return values, pd.Series(bad, index=raw.index, dtype=bool)


def _normalise_kind(kind: pd.Series, kind_map: Mapping[str, str] | None) -> pd.Series:
    """Each kind as one of :data:`KINDS` (NA when unknown), matched as headers are matched."""
    lookup = {k: k for k in KINDS} | KIND_ALIASES
    for given, target in (kind_map or {}).items():
        if target not in KINDS:
            raise DefinitionError(
                f"kind_map maps {given!r} to {target!r}, which is not a kind; "
                f"use one of: {', '.join(KINDS)}."
            )
        lookup[header_key(given)] = target
    found = kind.map(lambda v: lookup.get(header_key(v), pd.NA) if isinstance(v, str) else pd.NA)
    return found.astype(STRING)


def read_log(
    source: str | Path | pd.DataFrame,
    *,
    school_year: tuple[DateLike, DateLike],
    roster: Roster | None = None,
    column_map: Mapping[str, str] | None = None,
    kind_map: Mapping[str, str] | None = None,
    schools: Iterable[str] | None = None,
    strict: bool = True,
    date_format: str | None = None,
    sheet_name: str | int | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ActivityLog:
    """Read and validate an observation and coaching log (CSV, Excel, Parquet, JSON, DataFrame).

    Parameters
    ----------
    source
        A file (as :func:`~leadmodel.read_roster` reads them) or a DataFrame, one row per
        event: ``date``, ``leader_id`` (who observed, coached or led the meeting),
        ``teacher_id`` (empty for a meeting), ``kind`` (:data:`KINDS`), optional
        ``minutes``, ``focus`` (the skill or area worked on), ``session_id`` (rows sharing
        one are one group session, one row per teacher), ``team_id`` (the team that met)
        and ``school_id`` (else the one school leader and teacher share).
    school_year
        ``(first day, last day)``; events outside it are ``date_out_of_range`` errors.
    roster
        The roster whose staff the log names: leaders and teachers are checked against it
        and each event's school is derived. Without one, nothing is checked against staff
        and the log must have a ``school_id`` column.
    column_map
        ``{"Your column": "canonical_column"}`` (headers differing from a canonical name
        only in case, spacing or punctuation are recognised without it).
    kind_map
        ``{"Your word": "kind"}``, added to :data:`KIND_ALIASES`.
    schools
        The schools the log covers (default: those with an event). A school the log
        covers with no visit at all then shows as such instead of being left out.
    strict
        Raise :class:`~leadmodel.RosterError` on any error (default); with ``False`` keep
        the usable rows and list every problem in ``log.issues``.
    date_format
        A ``datetime.strptime`` format for text dates that are not ISO (``"%m/%d/%Y"``);
        slashed dates are never guessed, since 03/09 is March in one export and September
        in another.
    sheet_name, encoding, delimiter, max_bytes
        As for :func:`~leadmodel.read_roster`.

    Returns
    -------
    ActivityLog

    Raises
    ------
    RosterError
        Listing every problem (strict mode), or when nothing can be loaded (a required
        column missing, no data rows).
    DefinitionError
        For a malformed ``column_map``, ``kind_map``, ``school_year`` or ``schools``.

    Examples
    --------
    >>> import pandas as pd
    >>> import leadmodel as lm
    >>> roster = lm.read_roster(pd.DataFrame({"staff_id": ["P1", "T1"], "school_id": "S1",
    ...                                       "role": ["principal", "teacher"]}))
    >>> raw = pd.DataFrame({"Date": ["2024-09-03", "2025-07-01", "2024-09-04"],
    ...                     "Observer": ["P1", "P1", "P9"], "Teacher": "T1",
    ...                     "Type": ["Walkthrough", "Walkthrough", "Coaching Session"],
    ...                     "Minutes": [15, 15, -5]})
    >>> log = lm.read_log(raw, roster=roster, school_year=("2024-08-26", "2025-06-06"),
    ...                   column_map={"Observer": "leader_id", "Teacher": "teacher_id",
    ...                               "Type": "kind"}, strict=False)
    >>> log.issues[["row", "field", "code"]]
       row      field               code
    0    2       date  date_out_of_range
    1    3    minutes     negative_value
    2    3  leader_id      unknown_staff
    >>> log.accounting().loc["log"].tolist()
    [3, 1, 0, 2, 0]
    """
    start, end = school_year_dates(school_year)
    intake = Intake(
        "activity log",
        names=LOG_NAMES,
        column_map=column_map,
        encoding=encoding,
        delimiter=delimiter,
        sheet_name=sheet_name,
        max_bytes=max_bytes,
    )
    mapped = intake.table(source, "log")
    notes = intake.notes
    return _validate_log(
        mapped,
        notes=notes,
        roster=roster,
        school_year=(start, end),
        kind_map=kind_map,
        schools=schools,
        strict=strict,
        date_format=date_format,
        source=intake.provenance(),
    )


def _validate_log(
    frame: pd.DataFrame,
    *,
    notes: IssueLog,
    roster: Roster | None,
    school_year: tuple[date, date],
    kind_map: Mapping[str, str] | None,
    schools: Iterable[str] | None,
    strict: bool,
    date_format: str | None,
    source: dict[str, Any],
) -> ActivityLog:
    """Check the mapped rows one concern at a time, then build the :class:`ActivityLog`."""
    log = notes
    unread = unread_rows(log, "log")
    events, n_blank = drop_blank_rows(numbered_rows(frame, "log"), log, "log")
    events, extras = split_extras(events, [*LOG_NAMES, "staff_id"])
    _require_columns(events, roster, unread, log)
    user_staff = _text_columns(events, log)
    reject = _missing_values(events, roster, log)
    reject |= _check_kinds(events, kind_map, log)
    reject |= _check_dates(events, school_year, date_format, log)
    reject |= _check_minutes(events, reject, log)
    reject |= _check_self_events(events, log)
    if roster is not None:
        reject |= _check_staff(events, roster, reject, log)
    merged = _merge_repeats(events, reject, log)
    issues = log.frame()
    if strict and (issues["severity"] == "error").any():
        raise RosterError(issues, what="activity log")
    out = _kept_events(events, ~reject & ~merged, user_staff, extras)
    merged_rows = int(merged.sum())
    source["rows"] = {"log": row_counts(reject, blank=n_blank, unread=unread, merged=merged_rows)}
    if roster is not None:
        source["roster"] = roster.fingerprint()
    covered = _covered_schools(schools, out, roster)
    return ActivityLog(out, school_year=school_year, schools=covered, issues=issues, source=source)


def _require_columns(
    events: pd.DataFrame, roster: Roster | None, unread: int, log: IssueLog
) -> None:
    """Raise when nothing can be loaded: no data row, or a required column missing."""
    if events.empty and not unread:
        log.file_error(
            "log",
            "empty_file",
            "The log has no data rows.",
            "Check that the right file or sheet was given and that it has rows under the header.",
        )
        raise RosterError(log.frame(), what="activity log")
    required = ["date", "leader_id", "teacher_id", "kind"] + (
        ["school_id"] if roster is None else []
    )
    missing_cols = [c for c in required if c not in events.columns]
    for col in missing_cols:
        log.file_error(
            "log",
            "missing_column",
            f"The log has no {col!r} column.",
            f"Add a {col!r} column, or map yours to it: column_map={{'Your name': {col!r}}}.",
            field=col,
        )
    if missing_cols:
        raise RosterError(log.frame(), what="activity log")


def _text_columns(events: pd.DataFrame, log: IssueLog) -> pd.Series | None:
    """Unmask and strip the text columns in place (adding absent optional ones).

    The issues table names each event's leader through a ``staff_id`` column; an input column
    of that name is taken aside and returned, to be put back on the kept events.
    """
    unmask(events, "log", [*_TEXT, "date", "minutes"], log)
    for col in _TEXT:
        events[col] = (
            to_text(events[col])
            if col in events
            else pd.Series(pd.NA, index=events.index, dtype=STRING)
        )
    user_staff = events.pop("staff_id") if "staff_id" in events.columns else None
    events["staff_id"] = events["leader_id"]
    return user_staff


def _missing(events: pd.DataFrame, col: str, mask: pd.Series, why: str, log: IssueLog) -> pd.Series:
    log.add(
        "log",
        events,
        where=mask,
        code="missing_value",
        field=col,
        message=f"{col} is empty{why}.",
        fix=f"Fill in {col} for this row, or remove the row.",
    )
    return mask.astype(bool)


def _missing_values(events: pd.DataFrame, roster: Roster | None, log: IssueLog) -> pd.Series:
    """``missing_value`` errors for an empty date, leader, kind (and school without a roster)."""
    reject = pd.Series(False, index=events.index)
    for col in ("date", "leader_id", "kind") + (("school_id",) if roster is None else ()):
        reject |= _missing(events, col, events[col].isna().astype(bool), "", log)
    return reject


def _check_kinds(
    events: pd.DataFrame, kind_map: Mapping[str, str] | None, log: IssueLog
) -> pd.Series:
    """Normalise ``kind`` in place; unknown kinds, and a missing teacher or team, are errors."""
    kind = _normalise_kind(events["kind"], kind_map)
    unknown = (events["kind"].notna() & kind.isna()).astype(bool)
    log.add(
        "log",
        events,
        where=unknown,
        code="unknown_kind",
        field="kind",
        message="Kind {value!r} is not a known kind of event.",
        fix="Map it with kind_map={{'{value}': '<kind>'}}; kinds: " + ", ".join(KINDS) + ".",
    )
    events["kind"] = kind
    is_meeting = (kind == MEETING_KIND).fillna(False).astype(bool)
    no_teacher = (events["teacher_id"].isna() & kind.notna() & ~is_meeting).astype(bool)
    no_team = (events["team_id"].isna() & is_meeting).astype(bool)
    return (
        unknown
        | _missing(events, "teacher_id", no_teacher, "", log)
        | _missing(events, "team_id", no_team, " (a meeting names the team that met)", log)
    )


def _check_dates(
    events: pd.DataFrame,
    school_year: tuple[date, date],
    date_format: str | None,
    log: IssueLog,
) -> pd.Series:
    """Parse ``date`` in place; a value that is not a date, or outside the year, is an error."""
    dates, bad_date = parse_dates(events["date"], date_format)
    log.add(
        "log",
        events,
        where=bad_date,
        code="wrong_type",
        field="date",
        message="date {value!r} is not a date.",
        fix="Write dates as YYYY-MM-DD, or pass date_format= (e.g. '%m/%d/%Y') for your format.",
    )
    start, end = school_year
    outside = pd.Series(
        [d is not None and not (start <= d <= end) for d in dates], index=events.index, dtype=bool
    )
    log.add(
        "log",
        events,
        where=outside,
        code="date_out_of_range",
        field="date",
        message=f"date {{value}} is outside the school year {start} to {end}.",
        fix="Correct the date, or read the log with the school year it belongs to.",
    )
    kept_dates = pd.Series(
        [d if d is not None and not o else None for d, o in zip(dates, outside, strict=True)],
        index=events.index,
        dtype=object,
    )
    events["date"] = pd.to_datetime(kept_dates).astype("datetime64[ns]")
    return bad_date | outside


def _check_minutes(events: pd.DataFrame, reject: pd.Series, log: IssueLog) -> pd.Series:
    """Minutes must be numbers, not negative; an empty value in a usable row is a warning."""
    if "minutes" not in events:
        events["minutes"] = pd.Series(pd.NA, index=events.index, dtype=FLOAT)
        return pd.Series(False, index=events.index)
    bad = numeric_field(events, "log", "minutes", log)
    bad |= negative_field(events, "log", "minutes", log)
    blank_minutes = events["minutes"].isna() & ~(reject | bad)
    log.add(
        "log",
        events,
        where=blank_minutes,
        code="missing_value",
        field="minutes",
        severity="warning",
        message="minutes is empty; the event counts, but adds no minutes.",
        fix="Fill in the minutes if the tool recorded them.",
    )
    return bad.astype(bool)


def _check_self_events(events: pd.DataFrame, log: IssueLog) -> pd.Series:
    same = (events["leader_id"] == events["teacher_id"]).fillna(False).astype(bool)
    log.add(
        "log",
        events,
        where=same,
        code="self_event",
        field="teacher_id",
        message="{staff_id} is logged as observing or coaching themselves.",
        fix="Correct the leader or the teacher.",
    )
    return same


def _merge_repeats(events: pd.DataFrame, reject: pd.Series, log: IssueLog) -> pd.Series:
    """Mark exact repeats of an earlier usable event (kept once) with a warning each."""
    order = events[~reject].sort_values("_row", kind="mergesort")
    dup = order.duplicated(_EVENT_KEY)
    log.add(
        "log",
        order,
        where=dup,
        code="duplicate_event",
        field=None,
        severity="warning",
        message="This event repeats an earlier row exactly; it is kept once.",
        fix="Remove the repeated row (exports appended twice often cause this).",
    )
    merged = pd.Series(False, index=events.index)
    merged[order[dup].index] = True
    return merged


def _kept_events(
    events: pd.DataFrame, keep: pd.Series, user_staff: pd.Series | None, extras: pd.DataFrame
) -> pd.DataFrame:
    """The kept rows with the canonical columns and dtypes, then extra input columns, sorted."""
    kept = join_extras(events[keep], extras)
    kept = kept.rename(columns={"_row": "row"}).drop(columns="staff_id")
    if user_staff is not None:
        kept["staff_id"] = user_staff[kept.index]
    others = [c for c in kept.columns if c not in LOG_COLUMNS and not str(c).startswith("_")]
    out = kept[[*LOG_COLUMNS, *others]].copy()
    for col, dtype in LOG_COLUMNS.items():
        out[col] = out[col].astype(dtype)
    return out.sort_values(
        ["school_id", "date", "leader_id", "teacher_id", "kind", "session_id", "row"],
        kind="mergesort",
        na_position="first",
    ).reset_index(drop=True)


def _covered_schools(
    schools: Iterable[str] | None, events: pd.DataFrame, roster: Roster | None
) -> list[str]:
    if schools is None:
        return sorted(str(s) for s in events["school_id"].dropna().unique())
    given = sorted({str(s) for s in schools})
    if roster is not None:
        known = set(roster.schools["school_id"])
        unknown = [s for s in given if s not in known]
        if unknown:
            raise DefinitionError(f"schools= names schools not in the roster: {unknown}.")
    return given


def _check_staff(
    events: pd.DataFrame, roster: Roster, reject: pd.Series, log: IssueLog
) -> pd.Series:
    """Check leaders and teachers against the staff, and give every event its school."""
    bad = pd.Series(False, index=events.index)
    staff = roster.staff
    for end in ("leader_id", "teacher_id"):
        bad |= check_known(
            events,
            end,
            staff[["staff_id"]].rename(columns={"staff_id": end}),
            what="staff",
            table="log",
            log=log,
        )
    bad |= check_known(events, "school_id", roster.schools, what="school", table="log", log=log)

    live = events.loc[~(reject | bad), ["leader_id", "teacher_id", "school_id"]].reset_index(
        names="_i"
    )
    bad |= settle_schools(
        events,
        live["_i"],
        common_schools(live, staff, "leader_id", "teacher_id"),
        log,
        "log",
        none=(
            "cross_school_event",
            "Leader {staff_id} and the teacher share no school (or not the school the row names).",
            "Correct the ids or the school id.",
        ),
        several=(
            "ambiguous_school",
            "Leader {staff_id} and the teacher share several schools and the row names none.",
            "Add a school_id column to the log.",
        ),
    )

    ok = ~(reject | bad)
    bad |= check_known(
        events[ok], "team_id", roster.teams, what="team", table="log", log=log, within="school_id"
    ).reindex(events.index, fill_value=False)

    roles = staff.set_index(["school_id", "staff_id"])["role"]
    has_teacher = events["teacher_id"].notna() & ~(reject | bad)
    teacher_role = pd.Series(
        roles.reindex(row_keys(events, ["school_id", "teacher_id"])).to_numpy(), index=events.index
    )
    not_teacher = has_teacher & ~teacher_role.isin(TEACHING_ROLES).fillna(False).astype(bool)
    log.add(
        "log",
        events,
        where=not_teacher,
        code="not_a_teacher",
        field="teacher_id",
        severity="warning",
        message="{value} is not in a teaching role; the event is kept but not counted for"
        " teachers.",
        fix="Nothing to fix if the event is meant; otherwise correct the teacher id.",
    )
    return bad


class TeamMembers(Loaded):
    """Second team memberships, validated: what :func:`read_members` returns.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per membership: ``school_id``, ``team_id``, ``staff_id`` (text), then any
        other input columns; sorted, a repeated membership kept once.
    issues : pandas.DataFrame
        Problems found while reading (``table`` is ``"members"``).
    source : dict
        Provenance: input name, SHA-256 checksum, row accounting.
    """

    __slots__ = ("issues", "source", "table")
    merges = True

    def __init__(self, table: pd.DataFrame, *, issues: pd.DataFrame, source: Mapping[str, Any]):
        self.table = table
        self.issues = issues
        self.source = dict(source)

    def __len__(self) -> int:
        return len(self.table)

    def __repr__(self) -> str:
        teams = self.table[["school_id", "team_id"]].drop_duplicates().shape[0]
        return f"<TeamMembers: {len(self.table)} memberships of {teams} team(s)>"

    def on(self, roster: Roster) -> pd.DataFrame:
        """The memberships, once they are known to belong to ``roster``.

        Memberships read with this roster were checked then; others are checked here, once
        (the one membership check), and refused with every id that is not on ``roster``.
        """
        if self.read_with(roster):
            return self.table
        log = IssueLog()
        rows = unnumbered(self.table)
        where = "this roster (the memberships were read with another)"
        fix = "Read the memberships with read_members(..., roster=<this roster>)."
        for field, known, what in (
            ("staff_id", roster.staff, "staff"),
            ("team_id", roster.teams, "team"),
        ):
            check_known(
                rows,
                field,
                known[["school_id", field]],
                what=what,
                table="members",
                log=log,
                within="school_id",
                where=where,
                fix=fix,
            )
        if not log.is_empty():
            raise RosterError(log.frame(), what="team members")
        return self.table


def read_members(
    source: str | Path | pd.DataFrame,
    *,
    roster: Roster,
    column_map: Mapping[str, str] | None = None,
    strict: bool = True,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet_name: str | int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> TeamMembers:
    """Read the teams people sit on besides their own (``school_id``, ``team_id``, ``staff_id``).

    A person's own team is the ``team_id`` staff column; this table adds the teams they sit
    on besides it (the grade-team lead who is also on the ILT).

    Parameters
    ----------
    source
        A file (CSV, Excel, Parquet, JSON records, as :func:`~leadmodel.read_roster` reads
        them) or a DataFrame with the columns ``school_id``, ``team_id`` and ``staff_id``
        (headers differing only in case, spacing or punctuation are recognised).
    roster
        The roster the memberships belong to: every person must be on the staff of the
        school and every team in its teams table.
    column_map, strict, encoding, delimiter, sheet_name, max_bytes
        As for :func:`~leadmodel.read_roster`.

    Returns
    -------
    TeamMembers
        The memberships (``.table``), the issues and the row accounting.

    Raises
    ------
    RosterError
        In strict mode when any error is found, listing every problem with a reason code: a
        missing column (``missing_column``), an empty value (``missing_value``), a person not on
        the school's staff (``unknown_staff``), a team not in its teams table
        (``unknown_team``), an id that matches one only when spelled loosely
        (``id_variant``), and rows the file reader could not use (a ``ragged_row`` of a CSV,
        say); in both modes when nothing can be loaded. Blank rows are skipped with a
        ``blank_row`` warning and repeats kept once with a ``duplicate_membership`` warning.

    Examples
    --------
    >>> import pandas as pd
    >>> import leadmodel as lm
    >>> sample = lm.load_sample("district_log")
    >>> path = lm.sample_path("district_log") / "ilt_members.csv"
    >>> members = lm.read_members(path, roster=sample.roster)
    >>> list(members.table.columns), len(members) > 0
    (['school_id', 'team_id', 'staff_id'], True)
    >>> bad = pd.DataFrame({"school_id": ["D001"], "team_id": ["D001-ILT"],
    ...                     "staff_id": ["NOBODY"]})
    >>> members = lm.read_members(bad, roster=sample.roster, strict=False)
    >>> print(members.issues[["row", "field", "code"]].to_string(index=False))
     row    field          code
       1 staff_id unknown_staff
    """
    intake = Intake(
        "team members",
        names=MEMBER_NAMES,
        column_map=column_map,
        encoding=encoding,
        delimiter=delimiter,
        sheet_name=sheet_name,
        max_bytes=max_bytes,
    )
    read = intake.rows(source, "members")
    provenance = intake.provenance()
    log = intake.notes
    rows, extras, blank, unread = read.rows, read.extras, read.blank, read.unread
    if rows.empty and not unread:
        log.file_error(
            "members",
            "empty_file",
            "The membership table has no data rows.",
            "Check that the right file or sheet was given and that it has rows under the header.",
        )
    absent = sorted(MEMBER_NAMES - read.columns)
    for col in absent:
        log.file_error(
            "members",
            "missing_column",
            f"The membership table has no {col!r} column.",
            "Give the columns school_id, team_id and staff_id, or map yours with column_map.",
            field=col,
        )
    if absent or (rows.empty and not unread):
        raise intake.refuse()
    for col in MEMBER_NAMES:
        rows[col] = to_text(rows[col])
    bad = pd.Series(False, index=rows.index)
    for col in ("school_id", "team_id", "staff_id"):
        empty = rows[col].isna()
        log.add(
            "members",
            rows,
            where=empty,
            code="missing_value",
            field=col,
            message=f"{col} is empty.",
            fix=f"Fill in {col}.",
        )
        bad |= empty
    for field, known, what in (
        ("staff_id", roster.staff, "staff"),
        ("team_id", roster.teams, "team"),
    ):
        bad |= check_known(
            rows[~bad],
            field,
            known[["school_id", field]],
            what=what,
            table="members",
            log=log,
            within="school_id",
        ).reindex(rows.index, fill_value=False)
    dup = ~bad & rows.duplicated(["school_id", "team_id", "staff_id"], keep="first")
    log.add(
        "members",
        rows,
        where=dup,
        code="duplicate_membership",
        field="staff_id",
        severity="warning",
        message="This membership repeats an earlier row; it is kept once.",
        fix="Remove the repeated row.",
    )
    issues = log.frame()
    if strict and (issues["severity"] == "error").any():
        raise RosterError(issues, what="team members")
    kept = join_extras(rows.loc[~bad & ~dup, ["school_id", "team_id", "staff_id"]], extras)
    kept = kept.sort_values(["school_id", "team_id", "staff_id"], kind="mergesort")
    counts = {"members": row_counts(bad, blank=blank, unread=unread, merged=int(dup.sum()))}
    return TeamMembers(
        kept.reset_index(drop=True),
        issues=issues,
        source={**provenance, "rows": counts, "roster": roster.fingerprint()},
    )
