"""The issues table every reader fills, its reason codes, and the cell parsers they share.

Every reader records what it finds in one :class:`IssueLog`: one row per problem, naming
the table, the row as numbered in the input, the field, the value, a reason code from
:data:`REASON_CODES`, a severity (``error`` rejects the row, ``warning`` does not), a
message and how to fix it. The same log gives the row accounting (:func:`row_counts`):
rows read = rows loaded + rows merged + rows rejected + blank rows, for every table.

Cell parsers (:func:`to_text`, :func:`to_number`, :func:`unmask`) read values the same way
in every reader, and :func:`unknown_ids` is the one check that an id is on a roster.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from leadmodel.roster import (
    ISSUE_COLUMNS,
    STRING,
    empty_issues,
    empty_table,
    member,
    rows_in,
    several_times,
)

#: Every reason code the validator emits, with what it means.
REASON_CODES: dict[str, str] = {
    "empty_file": "the input has no data rows",
    "missing_column": "a required column is absent",
    "duplicate_column": "two input columns have one name, or map to the same canonical column",
    "unused_map_key": "a column_map key matches no column of the input (nothing read into it)",
    "unreadable_file": "the file could not be parsed",
    "missing_value": "a required value is empty",
    "wrong_type": "a value is not of the expected type (e.g. text where a number belongs)",
    "invalid_value": "a value is not one of the allowed values",
    "fte_out_of_range": "FTE is not above 0",
    "fte_above_one": "a position is more than one full-time post (kept, with a warning)",
    "job_share": "a position held by several people (kept as one position with its shares)",
    "release_out_of_range": "release time is not in [0, 1]",
    "negative_value": "a count or amount is negative",
    "duplicate_staff_id": "the same staff id appears twice in one school",
    "id_variant": "ids differ only in letter case, Unicode form, invisible characters or spaces",
    "fte_over_one": "one person's FTE sums above 1 across schools",
    "unknown_role": "a role or job title matches no role in the catalogue or role map",
    "non_school": "units that are not schools (central offices, networks): listed once",
    "unmapped_title": "a title no role answers to, loaded as role 'other' (one warning a title)",
    "unknown_relation": "a link's relation is not one of the known relations",
    "unknown_staff": "a link, team, log event or membership names a staff id not on the staff",
    "unknown_school": "a school id is not in the schools table",
    "self_link": "a link from a person to themselves",
    "cross_school_link": "a link between people who share no school",
    "ambiguous_school": "leader and staff share several schools and the link or event names none",
    "duplicate_link": "the same link appears twice (kept once)",
    "cycle": "supervision or evaluation runs in a circle",
    "duplicate_team_id": "the same team id appears twice in one school",
    "duplicate_school_id": "the same school id appears twice",
    "school_not_listed": "staff name a school missing from the schools table (school added)",
    "team_not_listed": "staff name a team missing from the teams table (team added)",
    "school_row_rejected": "a school's row was rejected; kept without attributes for its staff",
    "team_row_rejected": "a team's row was rejected; kept without attributes for its members",
    "blank_row": "an empty row (skipped)",
    "mixed_encoding": "a text file mixes UTF-8 with another encoding",
    "encoding_guessed": "a text file is not UTF-8; its encoding was guessed (and is named)",
    "trailing_delimiter": "rows end with empty fields beyond the header (dropped)",
    "uncached_formula": "an Excel formula cell stores no result, so its value is unknown",
    "nested_value": "a cell holds a list or a record, not one value",
    "not_a_number": "a numeric cell holds NaN or infinity",
    "reserved_column": "an input column name starting with '_' (reserved)",
    "masked_value": "a placeholder such as N/A or NULL stands for a value (read as empty)",
    "vacancy": "a position whose name marks it vacant (kept as a position)",
    "file_too_large": "the file is larger than the reader's size guard",
    "ragged_row": "a CSV row has more or fewer fields than the header (left out)",
    "stray_quote": "an unclosed quote swallowed the lines after a CSV row (row left out)",
    "header_rows_skipped": "rows above an Excel sheet's header row (titles, notes) were skipped",
    "headcount_estimated": "a counted group gives its FTE and no headcount: the FTE rounded up",
    "several_roots": "a school's reporting lines have more than one person at the top",
    "no_principal": "infer_links found no principal in a school, so inferred nothing there",
    "unknown_kind": "a log event's kind is not a known kind of event (nor in the kind map)",
    "date_out_of_range": "a date lies outside its period (a log event outside the school year, "
    "a rock's update before the rock starts)",
    "self_event": "a log event whose leader is also its teacher",
    "cross_school_event": "a log event's leader and teacher share no school (or not the one named)",
    "unknown_team": "a log event or team membership names a team not in the teams table",
    "not_a_teacher": "a log event's teacher is not in a teaching role (kept; not counted)",
    "duplicate_event": "the same log event appears twice (kept once)",
    "duplicate_membership": "the same team membership appears twice (kept once)",
    "score_out_of_range": "a survey answer lies outside its scale (0-10 for the recommend item)",
    "duplicate_response_id": "the same survey response id appears twice",
    "role_mismatch": "a survey response's role differs from the roster's (the roster's is used)",
    "anonymous_nomination": "an anonymous survey response names advisers (ties left out)",
    "duplicate_category": "a long-format count file gives one school and staff category twice",
    "unmapped_category": "a staff category is not in the category map (kept in its own column)",
    "conflicting_value": "rows that should agree do not (a total against its parts, a school's "
    "name); the one used is named",
    "missing_file": "a file the export must contain is absent",
    "ambiguous_file": "a folder or archive holds several files for one table",
    "sheets_not_read": "a workbook's other sheets with cells were not read (warning)",
    "duplicate_id": "a record id appears on several rows of a file whose ids are unique",
    "unknown_org": "a OneRoster user or role names an org that is not in orgs.csv",
    "not_a_school": "an organisation that is not a school: its people are not on the roster",
    "not_staff": "records of people who are not staff (students, parents) were left out",
    "deleted_record": "a record marked to be deleted (tobedeleted, inactive) was left out",
    "disabled_user": "a user whose account is disabled (enabledUser false) is kept as staff",
    "not_current": "an assignment or role that ended before, or starts after, the as_of date",
    "role_assumed": "a role the export does not tell apart (a school administrator) was assumed",
    "roles_combined": "a person's several roles or assignments in one school became one row",
    "fte_split": "a person in several schools with no FTE given gets an equal share in each",
    "schools_assumed": "no list of schools was given: every organisation was taken for a school",
    "partial_export": "the export is a delta (changes only), not the whole roster",
    "unknown_priority": "a plan's initiative or rock names a priority the plan does not list",
    "unknown_initiative": "a plan's demand or rock names an initiative the plan does not list",
    "unknown_rock": "a plan's update names a rock the plan does not list",
    "parent_row_rejected": "a plan's row names a priority, initiative or rock whose own row was "
    "left out (so it is left out too)",
    "end_before_start": "an initiative or rock ends before it starts",
    "long_rock": "a rock's window is longer than a short-term rock's 45 days (a warning)",
    "no_owner": "an initiative names no owner, neither a person nor a role (a warning)",
    "hours_unknown": "a plan's demand gives no hours a month: unknown, never 0 (a warning)",
    "duplicate_row": "a row repeats an earlier row exactly (kept once, a warning)",
    "conflicting_update": "a rock has different updates on one day (all of them left out)",
}


class IssueLog:
    """Collects issues from vectorised checks; each ``add`` records the rows a mask selects."""

    def __init__(self) -> None:
        self._parts: list[pd.DataFrame] = []

    def add(
        self,
        table: str,
        rows: pd.DataFrame,
        *,
        code: str,
        field: str | None,
        message: str,
        fix: str,
        severity: str = "error",
        value: pd.Series | None = None,
        literal: bool = False,
        where: pd.Series | np.ndarray | None = None,
    ) -> None:
        """Record one issue per row of ``rows`` (which has ``_row`` and maybe ``staff_id``),
        or per row of ``rows`` that the mask ``where`` marks.

        ``message`` and ``fix`` may use ``{value}`` and ``{staff_id}`` (also ``!r``), and
        ``{{``/``}}`` for a brace; any other brace is kept as it is, so text from the input
        (a file name with braces) is safe in them. With ``literal=True`` they are kept as given.
        A mask that marks nothing costs nothing: the rows are taken only when some are marked.
        """
        if where is not None:
            if not where.any():
                return
            rows = rows[where]
        if rows.empty:
            return
        if value is None:
            value = rows[field] if field in rows else pd.Series(pd.NA, index=rows.index)
        ids = rows["staff_id"] if "staff_id" in rows else pd.Series(pd.NA, index=rows.index)
        tables = rows["_table"].to_numpy() if "_table" in rows else table
        fields = rows["_field"].fillna(field).to_numpy() if "_field" in rows else field
        texts = [_text(v) for v in value]
        id_texts = [_text(v) for v in ids]
        self._parts.append(
            pd.DataFrame(
                {
                    "table": tables,
                    "row": rows["_row"].to_numpy() if "_row" in rows else pd.NA,
                    "staff_id": id_texts,
                    "field": fields,
                    "value": texts,
                    "code": code,
                    "severity": severity,
                    "message": [
                        message if literal else _filled(message, v, s)
                        for v, s in zip(texts, id_texts, strict=True)
                    ],
                    "fix": [
                        fix if literal else _filled(fix, v, s)
                        for v, s in zip(texts, id_texts, strict=True)
                    ],
                }
            )
        )

    def file_error(
        self, table: str, code: str, message: str, fix: str, field: str | None = None
    ) -> None:
        """Record a problem with a whole table (no row); ``message`` and ``fix`` are literal."""

        rows = pd.DataFrame({"_row": [pd.NA]})
        self.add(table, rows, code=code, field=field, message=message, fix=fix, literal=True)

    def frame(self) -> pd.DataFrame:
        """The issues so far, in a deterministic order."""
        if not self._parts:
            return empty_issues()
        issues = pd.concat(self._parts, ignore_index=True)
        order = {t: i for i, t in enumerate(["file", "schools", "staff", "teams", "links"])}
        issues["_t"] = issues["table"].map(order)
        issues["row"] = issues["row"].astype("Int64")
        issues = issues.sort_values(
            ["_t", "row", "code", "field"], kind="mergesort", na_position="first"
        )
        issues = issues.drop(columns="_t").reset_index(drop=True)
        for col in ISSUE_COLUMNS:
            if col != "row":
                issues[col] = issues[col].astype(STRING)
        return issues[ISSUE_COLUMNS]

    def is_empty(self) -> bool:
        """Whether no issue was recorded."""
        return not self._parts


_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{(value|staff_id)(!r)?\}")


def _filled(template: str, value: Any, staff_id: Any) -> str:
    """``template`` with ``{value}`` and ``{staff_id}`` filled in, and nothing else touched."""
    given = {"value": value, "staff_id": staff_id}

    def fill(match: re.Match[str]) -> str:
        if match.group(0) in ("{{", "}}"):
            return match.group(0)[0]
        text = given[match.group(1)]
        return repr(text) if match.group(2) else str(text)

    return _PLACEHOLDER.sub(fill, template)


def _text(value: Any) -> Any:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return pd.NA
    return str(value)


def arrow_text(col: pd.Series) -> pa.Array | pa.ChunkedArray:
    """The values of ``col`` as Arrow text: the column's own Arrow data when it is Arrow text
    (no copy, no pandas conversion), else the column converted to text."""
    if isinstance(col.dtype, pd.StringDtype) and col.dtype.storage == "pyarrow":
        return pa.array(col.array)
    return pa.array(col.astype(STRING).array)


def to_text(col: pd.Series) -> pd.Series:
    """Strip text; numbers become their shortest text (``3.0`` -> ``"3"``); blanks become NA."""

    def one(v: Any) -> Any:
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            return pd.NA
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        s = str(v).strip()
        return s if s else pd.NA

    if isinstance(col.dtype, pd.StringDtype) or (
        col.dtype == object and pd.api.types.infer_dtype(col, skipna=True) in ("string", "empty")
    ):  # text (any storage or missing-value marker): strip it with Arrow's kernels
        values = arrow_text(col)
        if not _untidy(values):
            return pd.Series(pd.arrays.ArrowStringArray(values), index=col.index, name=col.name)
        stripped = pc.utf8_trim_whitespace(values)
        tidy = pc.if_else(pc.equal(stripped, ""), pa.scalar(None, stripped.type), stripped)
        return pd.Series(pd.arrays.ArrowStringArray(tidy), index=col.index, name=col.name)
    if pd.api.types.is_integer_dtype(col.dtype):
        return col.astype(STRING)
    if pd.api.types.is_float_dtype(col.dtype):
        values = col.dropna()
        if (values % 1 == 0).all() and (values.abs() < 2**53).all():
            return col.astype("Int64").astype(STRING)
    return col.map(one).astype(STRING)


def _untidy(values: pa.Array | pa.ChunkedArray) -> bool:
    """Whether some text has whitespace to strip or is empty.

    Looks a slice at a time, so that memory for new text stays one slice's when the text is
    tidy (as it mostly is).
    """
    step, empty = 1 << 20, pa.scalar("", values.type)
    for start in range(0, len(values), step):
        part = values.slice(start, step)
        if pc.any(pc.not_equal(pc.utf8_trim_whitespace(part), part)).as_py():
            return True
        if pc.any(pc.equal(part, empty)).as_py():
            return True
    return False


_THOUSANDS = r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$"


#: Placeholders that HR exports write where a value is missing; read as empty, with a warning.
MASKS = frozenset(
    {
        "N/A",
        "n/a",
        "NA",
        "N/D",
        "n/d",
        "NULL",
        "null",
        "Null",
        "#N/A",
        "-",
        "--",
        "?",
        "none",
        "None",
        "(blank)",
    }
)
_MASK_SET = pa.array(sorted(MASKS), type=pa.large_string())

#: Names that mark a vacant position.
VACANT_NAMES = frozenset({"vacant", "vacancy", "tbd", "to be hired", "open position"})


def unmask(frame: pd.DataFrame, table: str, columns: Iterable[str], log: IssueLog) -> None:
    """Blank placeholder values (:data:`MASKS`) in ``columns``, in place, with a warning.

    Only leadmodel's own columns are unmasked: other columns are kept exactly as written.
    """
    for col in [c for c in columns if c in frame]:
        values = frame[col]
        if values.dtype != object and not isinstance(values.dtype, pd.StringDtype):
            continue
        mixed = values.dtype == object and pd.api.types.infer_dtype(values, skipna=True) not in (
            "string",
            "empty",
        )
        text = arrow_text(values)
        found = pc.is_in(pc.utf8_trim_whitespace(text), value_set=_MASK_SET)
        masked = np.asarray(pc.fill_null(found, False), dtype=bool)
        if mixed:  # only text cells hold placeholders
            masked &= values.map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)
        if masked.any():
            log.add(
                table,
                frame,
                where=masked,
                code="masked_value",
                field=str(col),
                severity="warning",
                message=f"{col} holds the placeholder {{value!r}}; it is read as empty.",
                fix="Leave the cell empty, or give the real value.",
            )
            frame[col] = values.mask(masked, None)


def to_number(col: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse numbers; return (values as Float64, mask of unparseable entries).

    ``"50%"`` is 0.5 and ``"52,000.50"`` is 52000.5; a comma anywhere else (a
    decimal comma such as ``"0,5"``) makes the entry unparseable rather than
    silently ten times too big.

    NaN and infinity (as text, or as numbers in a typed column) are unparseable too: no
    count, share or number of minutes can take them.

    >>> to_number(pd.Series(["50%", "52,000.50", "0,5", " 2 ", "inf"]))[0].tolist()
    [0.5, 52000.5, <NA>, 2.0, <NA>]
    """
    if pd.api.types.is_numeric_dtype(col.dtype) and not pd.api.types.is_bool_dtype(col.dtype):
        return _finite(col.astype("Float64"))
    text = to_text(col)
    values = arrow_text(text)
    if not pc.any(pc.match_substring_regex(values, "[%,]")).as_py():  # None: no text at all
        numbers, _ = _finite(pd.to_numeric(text, errors="coerce").astype("Float64"))
        return numbers, (text.notna() & numbers.isna()).astype(bool)
    percent = text.str.endswith("%").fillna(False).astype(bool)
    cleaned = text.str.rstrip("%").str.strip()
    thousands = cleaned.str.fullmatch(_THOUSANDS).fillna(False).astype(bool)
    cleaned = cleaned.mask(thousands, cleaned.str.replace(",", "", regex=False))
    numbers = pd.to_numeric(cleaned, errors="coerce").astype("Float64")
    numbers, _ = _finite(numbers.mask(percent, numbers / 100))
    return numbers, (text.notna() & numbers.isna()).astype(bool)


def _finite(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """``values`` (Float64) with infinite ones made missing, and the mask of those."""
    infinite = np.isinf(values.to_numpy(dtype=float, na_value=0.0))
    if infinite.any():
        values = values.mask(infinite)
    return values, pd.Series(infinite, index=values.index)


def require_columns(frame: pd.DataFrame, table: str, columns: list[str], log: IssueLog) -> bool:
    missing = [c for c in columns if c not in frame.columns]
    for col in missing:
        log.file_error(
            table,
            "missing_column",
            f"The {table} table has no {col!r} column.",
            f"Add a {col!r} column, or map yours to it: column_map={{'Your name': {col!r}}}.",
            field=col,
        )
    return not missing


def check_required_values(
    frame: pd.DataFrame, table: str, columns: list[str], log: IssueLog
) -> pd.Series:
    bad = np.zeros(len(frame), dtype=bool)
    for col in columns:
        miss = frame[col].isna().to_numpy()
        log.add(
            table,
            frame,
            where=miss,
            code="missing_value",
            field=col,
            message=f"{col} is empty.",
            fix=f"Fill in {col} for this row, or remove the row.",
        )
        bad |= miss
    return pd.Series(bad, index=frame.index)


_NONFINITE_TEXT = re.compile(r"[+-]?(nan|inf|infinity)", re.IGNORECASE)


YES = frozenset({"true", "t", "yes", "y", "1", "x"})
NO = frozenset({"false", "f", "no", "n", "0"})


def yes_no(
    values: pd.Series, *, yes: frozenset[str] = YES, no: frozenset[str] = NO
) -> tuple[pd.Series, pd.Series]:
    """A true/false column read from text (``yes``/``no`` words, any case) or booleans, as
    ``boolean``; and the cells that say neither (blank cells are missing, not wrong).

    >>> yes_no(pd.Series(["Yes", "n", None, "maybe"]))[0].tolist()
    [True, False, <NA>, <NA>]
    """
    text = to_text(values).str.casefold()
    flags = pd.Series(pd.NA, index=values.index, dtype="boolean")
    flags = flags.mask(text.isin(no).fillna(False).astype(bool), False)
    flags = flags.mask(text.isin(yes).fillna(False).astype(bool), True)
    return flags, (text.notna() & flags.isna()).astype(bool)


def negative_field(frame: pd.DataFrame, table: str, col: str, log: IssueLog) -> pd.Series:
    """Report negative values of the numeric column ``col``; return the mask of those rows."""
    negative = (frame[col] < 0).fillna(False).astype(bool)
    log.add(
        table,
        frame,
        where=negative,
        code="negative_value",
        field=col,
        message=f"{col} {{value}} is negative.",
        fix=f"Give {col} as zero or more.",
    )
    return negative


def numeric_field(frame: pd.DataFrame, table: str, col: str, log: IssueLog) -> pd.Series:
    """Parse ``frame[col]`` into numbers in place; return the mask of rows with a bad value."""
    if col not in frame:
        return pd.Series(False, index=frame.index)
    raw = frame[col]
    values, bad = to_number(raw)
    frame[col] = values
    if not bad.any():
        return bad
    if pd.api.types.is_numeric_dtype(raw.dtype) and not pd.api.types.is_bool_dtype(raw.dtype):
        nonfinite = bad
    else:  # only the bad cells are read as text ("nan", "inf" written out)
        nonfinite = pd.Series(False, index=raw.index)
        text = raw[bad].astype(STRING).str.strip()
        nonfinite[bad] = text.str.fullmatch(_NONFINITE_TEXT).fillna(False).astype(bool)
    log.add(
        table,
        frame,
        where=nonfinite,
        code="not_a_number",
        field=col,
        value=raw[nonfinite],
        message=f"{col} {{value!r}} is not a finite number.",
        fix=f"Give {col} as a number, or leave it empty if it is unknown.",
    )
    log.add(
        table,
        frame,
        where=bad & ~nonfinite,
        code="wrong_type",
        field=col,
        value=raw[bad & ~nonfinite],
        message=f"{col} {{value!r}} is not a number.",
        fix=f"Write {col} as a number with a decimal point (0.5, not 0,5), or as 50%.",
    )
    return bad


def range_check(
    frame: pd.DataFrame,
    table: str,
    col: str,
    code: str,
    bad_mask: pd.Series,
    allowed: str,
    log: IssueLog,
) -> pd.Series:
    bad = bad_mask.fillna(False).astype(bool)
    log.add(
        table,
        frame,
        where=bad,
        code=code,
        field=col,
        message=f"{col} {{value}} is outside {allowed}.",
        fix=f"Give {col} as a share in {allowed} (0.5 means half time).",
    )
    return bad


def id_key(texts: pd.Series) -> pd.Series:
    """Ids as compared when looking for variants of one id.

    Two ids are variants when they are equal after Unicode NFKC normalisation (``é`` written
    as one character or as ``e`` plus an accent), without invisible format characters
    (zero-width space, word joiner, byte-order mark, soft hyphen), without surrounding
    whitespace, and in one letter case. Variants are reported (``id_variant``), never merged.

    >>> id_key(pd.Series(["Jos\u00e9", "Jose\u0301", " T1\u200b", "t1"])).tolist()
    ['josé', 'josé', 't1', 't1']
    """
    values = arrow_text(texts)
    if pc.all(pc.string_is_ascii(values)).as_py() is not False:  # None: no text at all
        keys = pc.ascii_lower(pc.utf8_trim_whitespace(values))
        return pd.Series(pd.arrays.ArrowStringArray(keys), index=texts.index)
    codes, uniques = pd.factorize(texts.astype(STRING))
    keys = pd.array([_one_key(u) for u in uniques] + [pd.NA], dtype=STRING)
    return pd.Series(keys[codes], index=texts.index)  # code -1 (missing) takes the last: NA


def _one_key(text: str) -> str:
    normal = unicodedata.normalize("NFKC", text)
    visible = "".join(ch for ch in normal if unicodedata.category(ch) != "Cf")
    return visible.strip().casefold()


def unnumbered(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with an empty ``_row``: issues about rows read earlier, named by their ids."""
    return frame.assign(_row=pd.Series(pd.NA, index=frame.index, dtype="Int64"))


def check_known(
    rows: pd.DataFrame,
    field: str,
    known: pd.DataFrame,
    *,
    what: str,
    table: str,
    log: IssueLog,
    within: str | None = None,
    absent: pd.Series | None = None,
    where: str = "the roster",
    label: str | None = None,
    fix: str | None = None,
) -> pd.Series:
    """The one check that ids are on a roster: report each id of ``rows[field]`` that is not.

    ``known`` holds the known ids in its column ``field`` (and ``within``, the school
    column, when an id must be known in the row's own school). An id missing from it is an
    ``id_variant`` error when it matches a known id after :func:`id_key` (``p1`` for ``P1``,
    ``José`` in another Unicode form, an id with a zero-width space), else an
    ``unknown_<what>`` error (``unknown_staff``, ``unknown_team``, ``unknown_school``).
    ``absent`` may give which rows lack a known id when the caller already knows (from
    integer codes); the check then only reports. ``label`` names the field in the issues
    when it is not ``field`` (an adviser named in ``advice_ids``); ``where`` names the
    roster in messages and ``fix`` replaces the suggested fix. Returns the rows with an
    unknown id.
    """
    ids = rows[field]
    given = ids.notna()
    if absent is None:
        if within is None:
            found = member(ids, known[field])
        else:
            found = pd.Series(rows_in(rows, known, [within, field]), index=rows.index, dtype=bool)
        absent = given & ~found
    absent = absent & given
    variant = pd.Series(False, index=rows.index)
    if absent.any():
        keys = id_key(ids[absent])
        known_keys = id_key(known[field].dropna())
        if within is None:
            variant[absent] = member(keys, known_keys).to_numpy()
        else:
            pairs = pd.DataFrame({"_school": rows.loc[absent, within], "_key": keys})
            known_pairs = pd.DataFrame(
                {"_school": known.loc[known[field].notna(), within], "_key": known_keys}
            )
            variant[absent] = rows_in(pairs, known_pairs, ["_school", "_key"])
    scope = " in this school" if within is not None else ""
    name = label or field
    log.add(
        table,
        rows,
        where=variant,
        code="id_variant",
        field=name,
        value=ids[variant],
        message=f"{name} {{value!r}} matches an id of {where}{scope} only when letter case, "
        "Unicode form, invisible characters or surrounding spaces are ignored.",
        fix=fix or "Ids must match exactly: write it as it is written in the roster.",
    )
    log.add(
        table,
        rows,
        where=absent & ~variant,
        code=f"unknown_{what}",
        field=name,
        value=ids[absent & ~variant],
        message=f"{name} {{value!r}} is not {'an' if what[:1] in 'aeiou' else 'a'} {what} id "
        f"of {where}{scope}.",
        fix=fix or f"Correct the id, or add the {what} to the roster.",
    )
    return absent


def spelled_several_ways(spellings: Any, codes: np.ndarray) -> np.ndarray:
    """Whether each id (``codes`` into its distinct ``spellings``, -1: missing) has another
    spelling with the same :func:`id_key`.

    >>> codes, spellings = pd.factorize(pd.Series(["A1", "a1", "B2", None, "B2"]))
    >>> spelled_several_ways(spellings, codes).tolist()
    [True, True, False, False, False]
    """
    if _in_one_case(arrow_text(pd.Series(spellings))):  # the keys are as distinct as they
        return np.zeros(len(codes), dtype=bool)
    fold, _ = pd.factorize(id_key(pd.Series(spellings)))
    several = np.append(several_times(fold), False)  # -1 (missing): no
    in_groups: np.ndarray = several[codes]
    return in_groups


def _in_one_case(values: pa.Array | pa.ChunkedArray) -> bool:
    """Whether every text is ASCII with no surrounding whitespace and all of it in one letter
    case (all upper, or all lower): then no two distinct texts share an :func:`id_key`, whose
    folding of case and whitespace is one-to-one on them. Most ids are written so (``E12345``,
    ``S-0001``); a check with no hashing, where :func:`spelled_several_ways` would hash each."""
    if not pc.all(pc.string_is_ascii(values)).as_py():  # None (no text at all) included
        return False
    trimmed = pc.utf8_trim_whitespace(values)
    return any(
        pc.all(pc.equal(values, fold(trimmed))).as_py() is not False
        for fold in (pc.ascii_upper, pc.ascii_lower)
    )


def check_school_ids(schools: pd.DataFrame, log: IssueLog, *, table: str = "schools") -> pd.Series:
    """Report empty and repeated school ids of a schools table; return the rows to reject."""
    missing = check_required_values(schools, table, ["school_id"], log)
    ids = schools["school_id"]
    dup = ids.notna() & ids.duplicated(keep=False)
    log.add(
        table,
        schools,
        where=dup,
        code="duplicate_school_id",
        field="school_id",
        message="School id {value!r} appears more than once.",
        fix="Give each school one row.",
    )
    codes, spellings = pd.factorize(ids)
    variant = spelled_several_ways(spellings, codes)
    log.add(
        table,
        schools,
        where=variant,
        code="id_variant",
        field="school_id",
        message="School id {value!r} differs from another school id only in letter case, "
        "Unicode form, invisible characters or surrounding spaces.",
        fix="Ids must match exactly: write each school's id the same way everywhere.",
    )
    return missing | dup | variant


def numbered_rows(frame: pd.DataFrame | None, table: str) -> pd.DataFrame:
    """The rows of ``frame`` with their number in the input as a first column, ``_row``.

    Numbers come from a reader's ``_source_row`` index when there is one (rows a reader left
    out keep their gap), else they run 1, 2, ... . Without a frame, the empty ``table``.
    """
    if frame is None:
        return empty_table(table).assign(_row=pd.Series(dtype="Int64"))
    numbers = (
        frame.index.to_numpy()
        if frame.index.name == "_source_row"
        else np.arange(1, len(frame) + 1)
    )  # row numbers as in the file
    out = frame.reset_index(drop=True)  # a new frame: inserting leaves ``frame`` as it is
    out.insert(0, "_row", numbers)
    return out


def row_counts(
    reject: pd.Series, *, blank: int = 0, unread: int = 0, merged: int | None = None
) -> dict[str, int]:
    """Row accounting of one table: ``rows_in`` = loaded + (merged) + rejected + blank.

    ``reject`` marks the rows read (blank rows dropped) that have an error; ``unread`` rows a
    reader left out, each with an error; ``merged``, when given, the rows kept once as a repeat
    of another (then counted apart as ``rows_merged`` rather than as loaded).
    """
    n = len(reject)
    bad = int(reject.sum())
    counts = {"rows_in": n + blank + unread, "rows_loaded": n - bad - (merged or 0)}
    if merged is not None:
        counts["rows_merged"] = merged
    return counts | {"rows_rejected": bad + unread, "rows_blank": blank}


def unread_rows(notes: IssueLog, table: str) -> int:
    """Rows a reader left out before validation (a ragged CSV row, say): each has an error."""
    if notes.is_empty():
        return 0
    issues = notes.frame()
    left = issues[
        (issues["table"] == table) & (issues["severity"] == "error") & issues["row"].notna()
    ]
    return int(left["row"].nunique())


def blank_cells(col: pd.Series) -> np.ndarray:
    """Whether each value is missing or only whitespace once written as text."""
    text = arrow_text(col)
    blank = pc.equal(pc.utf8_trim_whitespace(text), "")
    return np.asarray(pc.fill_null(blank, True), dtype=bool)


def split_extras(rows: pd.DataFrame, known: Iterable[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The columns a reader checks (``known`` and ``_row``), and the others, which ride along.

    Checking only the known columns keeps reading linear in the number of columns: a file
    with 5,000 columns costs one selection of the others at the end (:func:`join_extras`).
    """
    names = set(known) | {"_row"}
    core = [c for c in rows.columns if c in names]
    if len(core) == rows.shape[1]:  # nothing rides along
        return rows, rows.iloc[:, :0]
    return rows[core], rows.drop(columns=core)


def join_extras(kept: pd.DataFrame, extras: pd.DataFrame) -> pd.DataFrame:
    """``kept`` (rows of the checked columns) with the same rows of the other columns after."""
    if extras.shape[1] == 0:
        return kept
    return pd.concat([kept, extras.loc[kept.index]], axis=1)


def blank_cells_in_rows(frame: pd.DataFrame) -> np.ndarray:
    """Whether each row of ``frame`` has no value at all (every cell missing or whitespace)."""
    blank = np.ones(len(frame), dtype=bool)
    for j in range(frame.shape[1]):  # each column only on the rows blank so far
        if not blank.any():
            break
        blank[blank] = blank_cells(frame.iloc[:, j][blank])
    return blank


def drop_blank_rows(frame: pd.DataFrame, log: IssueLog, table: str) -> tuple[pd.DataFrame, int]:
    """Leave out rows of ``table`` with no value at all (trailing separators), with a warning
    each; ``frame`` is numbered by :func:`numbered_rows`. Returns the rest and how many were
    blank."""
    values = frame.drop(columns="_row")
    if values.shape[1] == 0:
        return frame, 0
    blank = blank_cells_in_rows(values)
    if not blank.any():
        return frame, 0
    log.add(
        table,
        frame,
        where=blank,
        code="blank_row",
        field=None,
        severity="warning",
        message="The row is empty; it was skipped.",
        fix="Delete empty rows (often trailing separators at the end of an export).",
    )
    return frame[~blank], int(blank.sum())


def name_list(ids: Iterable[str], limit: int = 12) -> str:
    """The first ``limit`` of ``ids`` joined by commas, and how many more there are."""
    items = list(ids)
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")
