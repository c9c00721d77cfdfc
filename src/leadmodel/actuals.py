"""Actuals: observation and coaching logs against the plan, coaching dosage, and the ILT.

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
>>> actuals = lm.observation_actuals(roster, log, policy="leverage_leadership_weekly",
...                                  as_of="2024-10-13")
>>> actuals.teachers[["visits", "longest_gap_days", "drought"]]
                  visits  longest_gap_days  drought
school_id staff_id
S1        T1           2                34    False
          T2           1                41    False
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, NamedTuple

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from leadmodel.errors import DefinitionError, RosterError
from leadmodel.graph import as_roster
from leadmodel.metrics.observation import visit_assignments
from leadmodel.metrics.spans import Data
from leadmodel.models import LeadershipModel, ObservationPolicy, Rule
from leadmodel.presets.policies import get_policy
from leadmodel.readers.files import (
    DEFAULT_MAX_BYTES,
    apply_column_map,
    check_column_map,
    guard_size,
    header_key,
    input_checksum,
    read_table,
)
from leadmodel.readers.issues import (
    IssueLog,
    drop_blank_rows,
    negative_field,
    numbered_rows,
    numeric_field,
    row_counts,
    to_text,
    unmask,
    unread_rows,
)
from leadmodel.readers.roster_checks import common_schools, settle_schools
from leadmodel.roles import ROLE_CATEGORY, TEACHING_ROLES
from leadmodel.roster import FLOAT, INT, STRING, Roster, member, row_keys, rows_in

__all__ = [
    "DOSAGE_THRESHOLDS",
    "DROUGHT_DAYS",
    "ILT_MODEL",
    "KINDS",
    "LOG_COLUMNS",
    "ActivityLog",
    "CoachingDosage",
    "DosageThresholds",
    "ILTCheck",
    "ObservationActuals",
    "coaching_dosage",
    "ilt_check",
    "observation_actuals",
    "read_log",
    "read_members",
]

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

#: Days without a visit from which a teacher is in an "observation drought": six weeks (the
#: issue that asked for actuals: "a teacher with no visit in six weeks is flagged").
DROUGHT_DAYS = 42
DAYS_PER_MONTH = 365.25 / 12
_ISO_DATE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{1,2}(?::\d{2}(?::\d{2}(?:[.,]\d+)?)?)?)?"
    r"(?:Z|[+-]\d{2}(?::?\d{2})?)?$"
)
KRAFT_2018 = (
    "Kraft, Blazar and Hogan, 'The Effect of Teacher Coaching on Instruction and Achievement: "
    "A Meta-Analysis of the Causal Evidence', Review of Educational Research 88(4), 2018, "
    "547-588"
)
ILT_GUIDE = (
    "'How to Successfully Gain Traction on School Improvement: A guide to school improvement "
    "for school and district leaders' (undated guide, no author named; project seed 000)"
)


# ------------------------------------------------------------------ the log


class ActivityLog:
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

    def accounting(self) -> pd.DataFrame:
        """Rows read = loaded + merged (repeated events kept once) + rejected + blank.

        >>> import leadmodel as lm
        >>> lm.load_log_sample().log.accounting().loc["log", "rows_rejected"]
        np.int64(0)
        """
        counts = self.source.get("rows", {})
        columns = ["rows_in", "rows_loaded", "rows_merged", "rows_rejected", "rows_blank"]
        frame = pd.DataFrame([{k: int(counts.get(k, 0)) for k in columns}], columns=columns)
        frame.index = pd.Index(["log"], name="table")
        return frame


def _as_date(value: DateLike, what: str) -> date:
    if isinstance(value, datetime):  # pd.Timestamp too: the wall-clock date as written
        return value.date()
    if isinstance(value, date):
        return value
    parsed = _iso(value.strip()) if isinstance(value, str) else None
    if parsed is None:
        raise DefinitionError(f"{what} {value!r} is not a date: write it as YYYY-MM-DD.")
    return parsed


def _iso(text: str) -> date | None:
    match = _ISO_DATE.match(text)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _school_year(school_year: tuple[DateLike, DateLike]) -> tuple[date, date]:
    try:
        first, last = school_year
    except (TypeError, ValueError):
        raise DefinitionError(
            "school_year must be a pair (first day, last day), e.g. ('2024-08-26', '2025-06-06')."
        ) from None
    start, end = _as_date(first, "school_year start"), _as_date(last, "school_year end")
    if end < start:
        raise DefinitionError(f"school_year ends ({end}) before it starts ({start}).")
    return start, end


def _parse_dates(raw: pd.Series, date_format: str | None) -> tuple[list[date | None], pd.Series]:
    """Each value as a calendar date, and the mask of values that are not dates.

    Date and datetime cells give their date as stored (a time of day or a time zone offset is
    ignored, never converted); text is ISO ``YYYY-MM-DD`` (optionally followed by a time and an
    offset) or follows ``date_format``.
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
    start, end = _school_year(school_year)
    check_column_map(column_map, LOG_NAMES)
    notes = IssueLog()
    name, checksum = "DataFrame", None
    if isinstance(source, pd.DataFrame):
        frame = source
    else:
        path = Path(source)
        name = path.name
        guard_size(path, "log", max_bytes)
        frame = read_table(
            path,
            table="log",
            encoding=encoding,
            delimiter=delimiter,
            sheet_name=sheet_name,
            notes=notes,
            known=frozenset(column_map or {}) | LOG_NAMES,
        )
        checksum = input_checksum([path])
    mapped = apply_column_map(frame, column_map, "log", names=LOG_NAMES)
    return _validate_log(
        mapped,
        notes=notes,
        roster=roster,
        school_year=(start, end),
        kind_map=kind_map,
        schools=schools,
        strict=strict,
        date_format=date_format,
        source={"name": name, "sha256": checksum},
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
        raise RosterError(issues)
    out = _kept_events(events, ~reject & ~merged, user_staff)
    source["rows"] = row_counts(reject, blank=n_blank, unread=unread, merged=int(merged.sum()))
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
        raise RosterError(log.frame())
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
        raise RosterError(log.frame())


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
        events[mask],
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
        events[unknown],
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
    dates, bad_date = _parse_dates(events["date"], date_format)
    log.add(
        "log",
        events[bad_date],
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
        events[outside],
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
        events[blank_minutes],
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
        events[same],
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
        order[dup],
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
    events: pd.DataFrame, keep: pd.Series, user_staff: pd.Series | None
) -> pd.DataFrame:
    """The kept rows with the canonical columns and dtypes, then extra input columns, sorted."""
    kept = events[keep].rename(columns={"_row": "row"}).drop(columns="staff_id")
    if user_staff is not None:
        kept["staff_id"] = user_staff[kept.index]
    extras = [c for c in kept.columns if c not in LOG_COLUMNS and not str(c).startswith("_")]
    out = kept[[*LOG_COLUMNS, *extras]].copy()
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
    known, folded = staff["staff_id"], staff["staff_id"].str.casefold()
    for end in ("leader_id", "teacher_id"):
        ids = events[end]
        absent = ids.notna() & ~member(ids, known)
        variant = absent & member(ids.str.casefold(), folded)
        log.add(
            "log",
            events[variant],
            code="id_variant",
            field=end,
            message=f"{end} {{value!r}} matches a staff id only when letter case is ignored.",
            fix="Ids are case-sensitive: write it exactly as in the staff table.",
        )
        log.add(
            "log",
            events[absent & ~variant],
            code="unknown_staff",
            field=end,
            message=f"{end} {{value!r}} is not in the roster's staff table.",
            fix="Correct the id, or add the person to the roster.",
        )
        bad |= absent.astype(bool)
    given = events["school_id"]
    stray = given.notna() & ~member(given, roster.schools["school_id"])
    log.add(
        "log",
        events[stray],
        code="unknown_school",
        field="school_id",
        message="School {value!r} is not in the roster.",
        fix="Correct the school id.",
    )
    bad |= stray.astype(bool)

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
    team = events["team_id"].notna() & ok
    teams = row_keys(roster.teams, ["school_id", "team_id"])
    no_team = team & ~pd.Series(
        row_keys(events, ["school_id", "team_id"]).isin(teams), index=events.index
    )
    log.add(
        "log",
        events[no_team],
        code="unknown_team",
        field="team_id",
        message="Team {value!r} is not in the school's teams table.",
        fix="Correct the team id, or add the team to the roster's teams table.",
    )
    bad |= no_team.astype(bool)

    roles = staff.set_index(["school_id", "staff_id"])["role"]
    has_teacher = events["teacher_id"].notna() & ~(reject | bad)
    teacher_role = pd.Series(
        roles.reindex(row_keys(events, ["school_id", "teacher_id"])).to_numpy(), index=events.index
    )
    not_teacher = has_teacher & ~teacher_role.isin(TEACHING_ROLES).fillna(False).astype(bool)
    log.add(
        "log",
        events[not_teacher],
        code="not_a_teacher",
        field="teacher_id",
        severity="warning",
        message="{value} is not in a teaching role; the event is kept but not counted for"
        " teachers.",
        fix="Nothing to fix if the event is meant; otherwise correct the teacher id.",
    )
    return bad


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


def _check_log_against(roster: Roster, log: ActivityLog) -> None:
    """Raise :class:`~leadmodel.RosterError` when the log names ids this roster does not know.

    A log read without this roster (or with another) was never checked against its staff;
    an event whose teacher is not on it would otherwise be left out of every measure without
    a word. Only the schools the log covers are checked, as only they are measured.
    """
    issues = IssueLog()
    fix = (
        "The log was read without this roster, or with another: read it with "
        "read_log(..., roster=<this roster>) so every id is checked (the issues then list "
        "each row), or correct the ids."
    )
    known_schools = roster.schools["school_id"]
    stray = sorted(s for s in log.schools if s not in set(known_schools))
    if stray:
        issues.file_error(
            "log",
            "unknown_school",
            f"The log covers schools that are not in this roster: {_names(stray)}.",
            fix,
            field="school_id",
        )
    events = log.events[list(LOG_COLUMNS)]
    rows = events[events["school_id"].isin(log.schools)].rename(columns={"row": "_row"})
    rows = rows.assign(staff_id=rows["leader_id"])
    school_known = member(rows["school_id"], known_schools)
    issues.add(
        "log",
        rows[~school_known],
        code="unknown_school",
        field="school_id",
        message="School {value!r} of this event is not in the roster.",
        fix=fix,
    )
    staff = roster.staff
    on_staff = row_keys(staff, ["school_id", "staff_id"])
    folded = pd.MultiIndex.from_arrays([staff["school_id"], staff["staff_id"].str.casefold()])
    for end in ("leader_id", "teacher_id"):
        ids = rows[end]
        given = school_known & ids.notna()
        absent = given & ~pd.Series(row_keys(rows, ["school_id", end]).isin(on_staff), rows.index)
        variant = absent & pd.Series(
            pd.MultiIndex.from_arrays([rows["school_id"], ids.str.casefold()]).isin(folded),
            rows.index,
        )
        issues.add(
            "log",
            rows[variant],
            code="id_variant",
            field=end,
            message=f"{end} {{value!r}} matches a staff id of the school only when letter case"
            " is ignored.",
            fix=fix,
        )
        issues.add(
            "log",
            rows[absent & ~variant],
            code="unknown_staff",
            field=end,
            message=f"{end} {{value!r}} is not on this roster's staff in the event's school.",
            fix=fix,
        )
    team = school_known & rows["team_id"].notna()
    no_team = team & ~pd.Series(
        rows_in(rows, roster.teams, ["school_id", "team_id"]),
        rows.index,
    )
    issues.add(
        "log",
        rows[no_team],
        code="unknown_team",
        field="team_id",
        message="Team {value!r} is not in the school's teams table.",
        fix=fix,
    )
    if not issues.is_empty():
        raise RosterError(issues.frame())


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
    log: ActivityLog,
    *,
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
    >>> actuals = lm.observation_actuals(roster, log, policy=weekly, as_of="2024-10-13",
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


class DosageThresholds(BaseModel):
    """Thresholds of the four qualities of effective coaching, with their sources.

    A teacher's coaching is **individualized** when at least ``one_to_one_share`` of their
    sessions are one-to-one, **intensive** with at least ``sessions_per_month`` sessions a
    month, **sustained** when at least ``share_weeks_with_coaching`` of the weeks so far had
    a session and at least ``min_weeks_with_coaching`` distinct weeks did, and **focused**
    when at least ``focus_share`` of the sessions state a focus. Intensive and sustained are
    rates over the period: before ``min_weeks_observed`` weeks (``7 x min_weeks_observed``
    days) have passed since the school year's start they are missing, not measured, since
    one session in the first days of the year would read as many a month.

    >>> DosageThresholds().sessions_per_month
    2.0
    >>> DosageThresholds().min_weeks_observed, DosageThresholds().min_weeks_with_coaching
    (4, 3)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    one_to_one_share: Annotated[float, Field(ge=0, le=1)] = 0.5
    sessions_per_month: Annotated[float, Field(ge=0)] = 2.0
    share_weeks_with_coaching: Annotated[float, Field(ge=0, le=1)] = 0.4
    focus_share: Annotated[float, Field(ge=0, le=1)] = 0.75
    min_weeks_observed: Annotated[int, Field(ge=1)] = 4
    min_weeks_with_coaching: Annotated[int, Field(ge=1)] = 3
    source: str = ""


#: The default dosage thresholds. The four qualities are Kraft, Blazar and Hogan's; only the
#: intensity threshold has a number in their definition, the others are assumptions.
DOSAGE_THRESHOLDS = DosageThresholds(
    source=f"{KRAFT_2018}, define coaching as '(a) individualized - coaching sessions are "
    "one-on-one; (b) intensive - coaches and teachers interact at least every couple of weeks; "
    "(c) sustained - teachers receive coaching over an extended period of time; (d) "
    "context-specific - ...; and (e) focused - coaches work with teachers to engage in "
    "deliberate practice of specific skills' (quoted from a secondary source, The 74, not "
    "checked against the paper). Intensive: a session every couple of weeks is 30.44 / 14 = 2.2 "
    "a month, rounded down to 2. Individualized: at least half the sessions one-to-one "
    "(assumption: the definition has no share). Sustained: a session in at least 40% of the "
    "weeks so far (assumption: a session every two weeks gives 50%, less breaks), and in at least "
    "3 distinct weeks (assumption: fewer is not 'an extended period', however short the period "
    "so far). Focused: at least 75% of sessions with a stated focus (assumption: a recorded "
    "focus stands for 'specific skills'). Intensive and sustained are left unmeasured before 4 "
    "weeks (28 days) have been observed (assumption: four weeks is the shortest period in which "
    "coaching at the intensive threshold, a session every two weeks, shows twice)."
)


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
    log: ActivityLog,
    *,
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
    >>> sample = lm.load_log_sample()
    >>> dosage = lm.coaching_dosage(sample.roster, sample.log)
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

#: The default ILT rules, as a leadership model whose rules all read ILT metrics. Add its
#: rules to any model (``model.rules + ILT_MODEL.rules``) to make the ILT part of that model.
ILT_MODEL = LeadershipModel(
    key="ilt",
    label="Instructional leadership team",
    source=f"{ILT_GUIDE}, lever 1: 'Each team is composed of school leadership (principal and "
    "vice principal), instructional coaches, and select teachers', and the reflection question "
    "'Are we meeting regularly (weekly)?'. That the select teachers include the leader of "
    "every teacher team is leadmodel's assumption: in a distributed-leadership model the team "
    "leaders are the link between the ILT and the teams (Bain & Company / Bridgespan, "
    "'Transforming Schools', 2016, on leaders with end-to-end responsibility for a team). "
    "'Weekly' is read as a meeting interval of at most 7 days, the interval being the median, "
    "over the days from the school year's start to as_of, of the stretch between meetings each "
    "day falls in, before the first meeting and after the last included (assumption: the median "
    "lets a holiday week pass, and a stop longer than half the period fails).",
    rules=(
        Rule(
            key="ilt_exists",
            element="The school has an instructional leadership team",
            metric="ilt_members",
            kind="tight",
            op=">=",
            threshold=1,
        ),
        Rule(
            key="ilt_includes_principal",
            element="The principal sits on the ILT",
            metric="ilt_share_role_included",
            kind="tight",
            op=">=",
            threshold=1,
            role="principal",
        ),
        Rule(
            key="ilt_includes_aps",
            element="Every assistant principal sits on the ILT",
            metric="ilt_share_role_included",
            kind="tight",
            op=">=",
            threshold=1,
            role="assistant_principal",
        ),
        Rule(
            key="ilt_includes_coaches",
            element="Every instructional coach sits on the ILT",
            metric="ilt_share_role_included",
            kind="tight",
            op=">=",
            threshold=1,
            role="coach",
        ),
        Rule(
            key="ilt_includes_every_team_lead",
            element="The leader of every teacher team sits on the ILT",
            metric="ilt_share_team_leads_included",
            kind="tight",
            op=">=",
            threshold=1,
        ),
        Rule(
            key="ilt_meets_weekly",
            element="The ILT meets weekly",
            metric="ilt_meeting_interval_days",
            kind="tight",
            op="<=",
            threshold=7,
        ),
    ),
)
LOG_METRICS = frozenset({"ilt_meeting_interval_days"})


def read_members(
    source: str | Path | pd.DataFrame,
    roster: Roster,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet_name: str | int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> pd.DataFrame:
    """Validate a table of second team memberships (``school_id``, ``team_id``, ``staff_id``).

    A person's own team is the ``team_id`` staff column; this table adds the teams they sit
    on besides it (the grade-team lead who is also on the ILT). Every error raises a
    :class:`~leadmodel.RosterError` listing all of them: a membership table is short and
    hand-made, and a row left out would make someone look absent from the ILT.

    Parameters
    ----------
    source
        A file (CSV, Excel, Parquet, JSON records, as :func:`~leadmodel.read_roster` reads
        them) or a DataFrame with the columns ``school_id``, ``team_id`` and ``staff_id``
        (headers differing only in case, spacing or punctuation are recognised).
    roster
        The roster the memberships belong to: every person must be on the staff of the
        school and every team in its teams table.
    encoding, delimiter, sheet_name, max_bytes
        As for :func:`~leadmodel.read_roster` (a file larger than ``max_bytes`` is refused).

    Returns
    -------
    pandas.DataFrame
        One row per membership (``school_id``, ``team_id``, ``staff_id``, as text), sorted;
        a repeated row is kept once.

    Raises
    ------
    RosterError
        Listing every problem with a reason code: a missing column (``missing_column``), an
        empty value (``missing_value``), a person not on the school's staff
        (``unknown_staff``), a team not in its teams table (``unknown_team``), and rows the
        file reader could not use (a ``ragged_row`` of a CSV, say). Blank rows are skipped
        with a ``blank_row`` warning and repeats kept once; neither raises.

    Examples
    --------
    >>> import pandas as pd
    >>> import leadmodel as lm
    >>> sample = lm.load_log_sample()
    >>> path = lm.sample_path("district_log") / "ilt_members.csv"
    >>> members = lm.read_members(path, sample.roster)
    >>> list(members.columns), len(members) > 0
    (['school_id', 'team_id', 'staff_id'], True)
    >>> bad = pd.DataFrame({"school_id": ["D001"], "team_id": ["D001-ILT"],
    ...                     "staff_id": ["NOBODY"]})
    >>> try:
    ...     lm.read_members(bad, sample.roster)
    ... except lm.RosterError as err:
    ...     print(err.issues[["row", "field", "code"]].to_string(index=False))
     row    field          code
       1 staff_id unknown_staff
    """
    log = IssueLog()
    if isinstance(source, pd.DataFrame):
        frame = source
    else:
        path = Path(source)
        guard_size(path, "members", max_bytes)
        frame = read_table(
            path,
            table="members",
            encoding=encoding,
            delimiter=delimiter,
            sheet_name=sheet_name,
            notes=log,
            known=MEMBER_NAMES,
        )
    frame = apply_column_map(frame, None, "members", names=MEMBER_NAMES)
    absent = sorted(MEMBER_NAMES - set(frame.columns))
    for col in absent:
        log.file_error(
            "members",
            "missing_column",
            f"The membership table has no {col!r} column.",
            "Give the columns school_id, team_id and staff_id.",
            field=col,
        )
    if absent:
        raise RosterError(log.frame())
    rows, _blank = drop_blank_rows(numbered_rows(frame, "members"), log, "members")
    for col in MEMBER_NAMES:
        rows[col] = to_text(rows[col])
    bad = pd.Series(False, index=rows.index)
    for col in ("school_id", "team_id", "staff_id"):
        empty = rows[col].isna()
        log.add(
            "members",
            rows[empty],
            code="missing_value",
            field=col,
            message=f"{col} is empty.",
            fix=f"Fill in {col}.",
        )
        bad |= empty
    unknown = pd.Series(False, index=rows.index)
    for table, field, code, message, fix in (
        (
            roster.staff,
            "staff_id",
            "unknown_staff",
            "{value!r} is not on this school's staff.",
            "Correct the staff id or the school id.",
        ),
        (
            roster.teams,
            "team_id",
            "unknown_team",
            "Team {value!r} is not in this school's teams table.",
            "Add the team to the roster's teams table (an ILT has basis 'ilt'), or correct it.",
        ),
    ):
        missing = ~bad & ~pd.Series(rows_in(rows, table, ["school_id", field]), index=rows.index)
        log.add("members", rows[missing], code=code, field=field, message=message, fix=fix)
        unknown |= missing
    bad |= unknown
    dup = ~bad & rows.duplicated(["school_id", "team_id", "staff_id"], keep="first")
    log.add(
        "members",
        rows[dup],
        code="duplicate_membership",
        field="staff_id",
        severity="warning",
        message="This membership repeats an earlier row; it is kept once.",
        fix="Remove the repeated row.",
    )
    if (log.frame()["severity"] == "error").any():
        raise RosterError(log.frame())
    kept = rows.loc[~dup, ["school_id", "team_id", "staff_id"]]
    return kept.sort_values(["school_id", "team_id", "staff_id"]).reset_index(drop=True)


def _names(ids: Iterable[str], limit: int = 12) -> str:
    items = list(ids)
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


class ILT:
    """A roster's instructional leadership teams and their members (used by compliance).

    The ILT of a school is its team (or teams) whose ``basis`` is ``"ilt"``. Members are
    the ILT's ``lead_id``, staff whose ``team_id`` is the ILT, and the rows of the optional
    membership table (:func:`read_members`) naming the ILT. Meetings are read from ``log``
    (checked against ``roster``) from the school year's start to ``as_of`` (default: the
    log's latest event).
    """

    def __init__(
        self,
        roster: Roster,
        *,
        members: str | Path | pd.DataFrame | None = None,
        log: ActivityLog | None = None,
        as_of: DateLike | None = None,
    ) -> None:
        self.roster = roster
        self.log = log
        self.as_of = as_of
        teams = roster.teams
        is_ilt = (teams["basis"] == "ilt").fillna(False).astype(bool)
        self.teams = teams[is_ilt].reset_index(drop=True)
        self.teacher_teams = teams[~is_ilt].reset_index(drop=True)
        self.school_ids = pd.Index(roster.schools["school_id"].astype(STRING), name="school_id")
        ilt_keys = row_keys(self.teams, ["school_id", "team_id"])
        staff = roster.staff
        by_lead = self.teams.loc[self.teams["lead_id"].notna(), ["school_id", "team_id", "lead_id"]]
        by_lead = by_lead.rename(columns={"lead_id": "staff_id"}).assign(via="lead")
        on_team = staff[row_keys(staff, ["school_id", "team_id"]).isin(ilt_keys)]
        by_team = on_team[["school_id", "team_id", "staff_id"]].assign(via="team_id")
        parts = [by_lead, by_team]
        if members is not None:
            extra = read_members(members, roster)
            extra = extra[row_keys(extra, ["school_id", "team_id"]).isin(ilt_keys)]
            parts.append(extra.assign(via="membership"))
        found = pd.concat(parts, ignore_index=True).drop_duplicates(
            ["school_id", "staff_id"], keep="first"
        )
        roles = staff.set_index(["school_id", "staff_id"])["role"]
        found["role"] = roles.reindex(row_keys(found, ["school_id", "staff_id"])).to_numpy()
        found = found[["school_id", "staff_id", "role", "team_id", "via"]].astype(STRING)
        self.members = found.sort_values(["school_id", "staff_id"]).set_index(
            ["school_id", "staff_id"]
        )
        self.has_ilt = pd.Series(
            self.school_ids.isin(self.teams["school_id"]), index=self.school_ids
        )

    def _on_ilt(self, frame: pd.DataFrame, id_col: str) -> pd.Series:
        return pd.Series(
            row_keys(frame, ["school_id", id_col]).isin(self.members.index), index=frame.index
        )

    def count(self) -> pd.Series:
        """ILT members per school (0 when the school has none)."""
        sizes = self.members.groupby(level="school_id").size()
        return sizes.reindex(self.school_ids, fill_value=0).astype("float64")

    def role_included(self, role: str | None) -> tuple[pd.Series, pd.Series]:
        """Share of the role's holders on the ILT (1 when none), and who is missing."""
        staff = self.roster.staff
        category = staff["role"].map(ROLE_CATEGORY)
        if role is None:
            holders = staff[category.isin(["administrator", "coach"])]
        else:
            holders = staff[(staff["role"] == role) | (category == role)]
        holders = holders.assign(on=self._on_ilt(holders, "staff_id"))
        share = holders.groupby("school_id")["on"].mean().reindex(self.school_ids).fillna(1.0)
        missing = holders[~holders["on"]].sort_values(["school_id", "staff_id"])
        text = {
            school: "not on the ILT: "
            + _names(f"{r} {s}" for r, s in zip(g["role"], g["staff_id"], strict=True))
            for school, g in missing.groupby("school_id")
        }
        detail = pd.Series(text, dtype=STRING).reindex(self.school_ids)
        detail = detail.mask(~self.has_ilt, "the school has no ILT (no team with basis 'ilt')")
        return share.astype("float64"), detail.astype(STRING)

    def team_leads(self) -> pd.DataFrame:
        """Each teacher team with a lead, and whether the lead sits on the ILT."""
        teams = self.teacher_teams[self.teacher_teams["lead_id"].notna()]
        return teams.assign(on=self._on_ilt(teams, "lead_id"))

    def team_leads_included(self) -> tuple[pd.Series, pd.Series]:
        """Share of teacher teams whose lead sits on the ILT (1 when none), naming the rest."""
        teams = self.team_leads()
        share = teams.groupby("school_id")["on"].mean().reindex(self.school_ids).fillna(1.0)
        missing = teams[~teams["on"]].sort_values(["school_id", "team_id"])

        def describe(g: pd.DataFrame) -> str:
            return "missing the leader of " + _names(
                f"team {t}" + (f" '{n}'" if pd.notna(n) else "") + f" (lead {lead})"
                for t, n, lead in zip(g["team_id"], g["name"], g["lead_id"], strict=True)
            )

        text = {school: describe(g) for school, g in missing.groupby("school_id")}
        detail = pd.Series(text, dtype=STRING).reindex(self.school_ids)
        detail = detail.mask(~self.has_ilt, "the school has no ILT (no team with basis 'ilt')")
        return share.astype("float64"), detail.astype(STRING)

    def meetings(self) -> pd.DataFrame:
        """Per school: ILT meetings to ``as_of``, per month, the interval and the days since.

        ``meeting_interval_days`` is the median, over the days of the period, of the length
        of the stretch between meetings each day falls in; the stretch from the school
        year's start to the first meeting and the one from the last meeting to ``as_of``
        count, so an ILT that stopped meeting for more than half the period fails "weekly"
        however regular its early meetings were.
        """
        out = pd.DataFrame(index=self.school_ids)
        out["meetings"] = pd.Series(pd.NA, index=self.school_ids, dtype="Int64")
        out["meetings_per_month"] = pd.Series(pd.NA, index=self.school_ids, dtype="Float64")
        out["meeting_interval_days"] = pd.Series(pd.NA, index=self.school_ids, dtype="Float64")
        out["days_since_last_meeting"] = pd.Series(pd.NA, index=self.school_ids, dtype="Int64")
        out["meets_weekly"] = pd.Series(pd.NA, index=self.school_ids, dtype="boolean")
        if self.log is None:
            return out
        _check_log_against(self.roster, self.log)
        period = self.period()
        ev = _events_until(self.log, period, (MEETING_KIND,))
        covered = self.school_ids.isin(self.log.schools)
        ev = ev[rows_in(ev, self.teams, ["school_id", "team_id"])]
        days = ev[["school_id", "day"]].drop_duplicates().sort_values(["school_id", "day"])
        with_ilt = self.has_ilt.to_numpy(dtype=bool) & covered
        count = days.groupby("school_id").size().reindex(self.school_ids, fill_value=0)
        out.loc[with_ilt, "meetings"] = count[with_ilt].astype("int64").to_numpy()
        per_month = count / (period.days / DAYS_PER_MONTH)
        out.loc[with_ilt, "meetings_per_month"] = per_month[with_ilt].to_numpy()
        interval = {
            school: _meeting_interval(g["day"].to_numpy(), period.days)
            for school, g in days.groupby("school_id")
        }
        value = pd.Series(interval, dtype="float64").reindex(self.school_ids)
        out["meeting_interval_days"] = value.astype("Float64").where(with_ilt)
        last = days.groupby("school_id")["day"].max().reindex(self.school_ids)
        since = (period.days - 1 - last).astype("Float64").where(with_ilt)
        out["days_since_last_meeting"] = since.astype("Int64")
        weekly = (value <= 7).where(value.notna(), False)
        out.loc[with_ilt, "meets_weekly"] = weekly[with_ilt].astype(bool).to_numpy()
        return out

    def period(self) -> _Period:
        """The period meetings are measured over: the school year's start to ``as_of``."""
        assert self.log is not None
        return _period(self.log, self.as_of)

    def meeting_interval(self) -> tuple[pd.Series, pd.Series]:
        """The meeting interval in days, and why it cannot be measured where it cannot."""
        table = self.meetings()
        value = table["meeting_interval_days"].astype("float64")
        if self.log is None:
            why = "no activity log was given (compliance(..., log=...))"
            detail = pd.Series(why, index=self.school_ids, dtype=STRING)
        else:
            as_of = self.period().as_of
            detail = pd.Series(
                f"the log records no ILT meeting to {as_of}", index=self.school_ids, dtype=STRING
            )
            outside = ~self.school_ids.isin(self.log.schools)
            detail = detail.mask(outside, "the activity log does not cover this school")
        detail = detail.mask(~self.has_ilt, "the school has no ILT (no team with basis 'ilt')")
        return value, detail.where(value.isna())


def _meeting_interval(days: np.ndarray, period_days: int) -> float:
    """The day-weighted median stretch between meetings over days ``0 .. period_days - 1``.

    Meetings on days ``m1 < ... < mk`` cut the period into stretches: ``m1 + 1`` days to the
    first meeting (from the school year's start, as if one had been held the day before),
    ``m(j+1) - mj`` days between two, and ``period_days - 1 - mk`` days after the last. Each
    day of the period belongs to one stretch; the result is the length of the stretch that
    the middle day belongs to when the days are ordered by the length of their stretch: the
    smallest length whose stretches, with all shorter ones, cover at least half the period.
    NaN without a meeting.
    """
    if len(days) == 0:
        return float("nan")
    ordered = np.sort(days.astype("int64"))
    lengths = np.concatenate([[ordered[0] + 1], np.diff(ordered), [period_days - 1 - ordered[-1]]])
    lengths = np.sort(lengths[lengths > 0])
    covered = np.cumsum(lengths)
    return float(lengths[np.searchsorted(covered, period_days / 2)])


class ILTCheck(NamedTuple):
    """What :func:`ilt_check` returns (columns in ``docs/glossary.md``)."""

    schools: pd.DataFrame
    members: pd.DataFrame
    rules: pd.DataFrame


def ilt_check(
    roster: Data,
    model: str | LeadershipModel | None = None,
    *,
    log: ActivityLog | None = None,
    members: str | Path | pd.DataFrame | None = None,
    as_of: DateLike | None = None,
) -> ILTCheck:
    """Does each school's ILT include the people it should, and does it meet weekly?

    A school's ILT is its team whose ``basis`` is ``"ilt"`` in the roster's teams table.
    Its members are the team's ``lead_id``, the staff whose ``team_id`` is the ILT, and the
    rows of ``members`` naming it: a table of second memberships (``school_id``,
    ``team_id``, ``staff_id``) for people whose own ``team_id`` is another team, such as
    a grade-team lead who also sits on the ILT (see :func:`read_members`).

    Parameters
    ----------
    roster
        The roster or its graph.
    model
        A leadership model (or preset name) whose ILT rules (metrics ``ilt_*``) are
        checked; default :data:`ILT_MODEL`.
    log
        An :func:`read_log` log with ``meeting`` events naming the ILT's ``team_id``: gives
        the meeting cadence. Without one, rules about meetings are left out.
    members
        Second memberships (DataFrame or file, read once with :func:`read_members`).
    as_of
        The date meetings are measured to (default: the log's latest event); a date after
        the school year's last day is read as that day.

    Returns
    -------
    ILTCheck
        ``schools`` (one row per school), ``members`` (one row per ILT member, by
        ``(school_id, staff_id)``), ``rules`` (the ILT rules as
        :func:`~leadmodel.compliance` reports them, with reasons naming who is missing).

    Notes
    -----
    **Weekly.** ``meeting_interval_days`` is the median, over the days from the school
    year's start to ``as_of``, of the length of the stretch between meetings each day falls
    in, counting the stretch before the first meeting and the one after the last. A
    holiday week in a weekly series leaves it at 7; an ILT that has not met for more than
    half the period has the length of that silence (``days_since_last_meeting`` shows a
    more recent stop). The ILT meets weekly when it is at most 7.

    Examples
    --------
    >>> import leadmodel as lm
    >>> sample = lm.load_log_sample()
    >>> check = lm.ilt_check(sample.roster, log=sample.log, members=sample.members)
    >>> int(check.schools["passed"].sum()), int(check.schools["has_ilt"].sum())
    (7, 13)
    """
    from leadmodel.metrics.compliance import compliance
    from leadmodel.presets.leadership import get_model

    data = as_roster(roster)
    chosen = ILT_MODEL if model is None else get_model(model)
    rules = tuple(
        r
        for r in chosen.rules
        if r.metric.startswith("ilt_") and (log is not None or r.metric not in LOG_METRICS)
    )
    if not rules:
        raise DefinitionError(
            f"Model {chosen.key!r} has no rules about the ILT (metrics ilt_*) to check"
            + ("" if log is not None else " without a log")
            + "; pass model=None for the default ILT rules."
        )
    sub = chosen.model_copy(update={"rules": rules})
    if members is not None and not isinstance(members, pd.DataFrame):
        members = read_members(members, data)  # a file is read (and its rows checked) once
    report = compliance(data, sub, log=log, members=members, as_of=as_of)
    ilt = ILT(data, members=members, log=log, as_of=as_of)
    out = pd.DataFrame(index=ilt.school_ids)
    out["has_ilt"] = ilt.has_ilt.astype(bool)
    team_ids = ilt.teams.sort_values("team_id").groupby("school_id")["team_id"].agg(";".join)
    out["ilt_team_id"] = team_ids.reindex(ilt.school_ids).astype(STRING)
    out["members"] = ilt.count().astype("int64")
    missing: list[pd.Series] = []
    for column, role in (
        ("includes_principal", "principal"),
        ("includes_aps", "assistant_principal"),
        ("includes_coaches", "coach"),
    ):
        share, detail = ilt.role_included(role)
        out[column] = (share >= 1).astype(bool)
        missing.append(detail.where(share < 1))
    leads = ilt.team_leads()
    share, detail = ilt.team_leads_included()
    out["includes_every_team_lead"] = (share >= 1).astype(bool)
    missing.append(detail.where(share < 1))
    out["teams"] = leads.groupby("school_id").size().reindex(ilt.school_ids, fill_value=0)
    out["team_leads_included"] = (
        leads.groupby("school_id")["on"].sum().reindex(ilt.school_ids, fill_value=0)
    )
    out[["teams", "team_leads_included"]] = out[["teams", "team_leads_included"]].astype("int64")
    joined = pd.concat(missing, axis=1).apply(
        lambda row: "; ".join(dict.fromkeys(v for v in row if pd.notna(v))), axis=1
    )
    out["missing"] = joined.astype(STRING).mask(joined == "")
    unled = ilt.teacher_teams[ilt.teacher_teams["lead_id"].isna()].sort_values("team_id")
    out["teams_without_lead"] = (
        unled.groupby("school_id")["team_id"].agg(", ".join).reindex(ilt.school_ids).astype(STRING)
    )
    out = out.join(ilt.meetings())
    scores = report.schools.reindex(ilt.school_ids)
    out["passed"] = (scores["failures"] == 0).astype(bool)
    out["reasons"] = scores["reasons"].astype(STRING)
    return ILTCheck(schools=out, members=ilt.members, rules=report.rules)
