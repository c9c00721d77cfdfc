"""Reading count-level staffing files: FTE of teachers, administrators and coaches per school.

State and federal files give no people, only counts per campus, and they do not give every
count: a cell may be blank, hold a missing-data mark (``.``) or a masked small count (a
negative code, ``*``, ``<5``). None of these is a zero. :func:`read_staffing_counts` maps such
a file onto :data:`COUNT_COLUMNS`, keeps every campus, reads each cell as a number, *missing*
or *masked* (both unknown, reported, and told apart), and reports every problem in the shared
issues table. The estimates are in :mod:`leadmodel.metrics.counts`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from leadmodel.errors import DefinitionError, RosterError
from leadmodel.readers.files import DEFAULT_MAX_BYTES, Intake
from leadmodel.readers.issues import (
    IssueLog,
    check_school_ids,
    join_extras,
    numeric_field,
    row_counts,
    to_text,
)
from leadmodel.roster import STRING, Loaded

__all__ = ["COUNT_COLUMNS", "MISSING_MARKS", "StaffingCounts", "read_staffing_counts"]

#: Canonical columns of a staffing-counts table (``school_id`` and ``teacher_fte`` required).
COUNT_COLUMNS = (
    "school_id",
    "name",
    "teacher_fte",
    "admin_fte",
    "coach_fte",
    "teacher_leader_release_fte",
    "enrollment",
)
_NUMERIC = COUNT_COLUMNS[2:]
#: Cell texts that mean "no data" in count files (read as missing, with a warning each).
MISSING_MARKS = (
    ".",
    "..",
    "-",
    "--",
    "n/a",
    "N/A",
    "NA",
    "na",
    "null",
    "NULL",
    "#N/A",
    "?",
    "none",
)
#: Cell texts that mean "a count too small to publish" (read as masked, with a warning each).
MASK_MARKS = ("*", "**", "***", "<5", "< 5", "<10", "< 10", "s", "S", "†", "‡")


class StaffingCounts(Loaded):
    """A count-level staffing file, validated: what :func:`read_staffing_counts` returns.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per campus kept, indexed by ``school_id`` (sorted): the counts as ``Float64``
        (``<NA>`` where the file gives no number), ``masked`` (the count columns whose cell
        was masked, ``;``-separated, empty when none) and any other input columns.
    issues : pandas.DataFrame
        Problems found while reading (``table`` is ``"counts"``).
    source : dict
        Provenance: input name, SHA-256 checksum, row accounting.
    """

    __slots__ = ("issues", "source", "table")

    def __init__(self, table: pd.DataFrame, *, issues: pd.DataFrame, source: Mapping[str, Any]):
        self.table = table
        self.issues = issues
        self.source = dict(source)

    def __len__(self) -> int:
        return len(self.table)

    def __repr__(self) -> str:
        unknown = int(self.table[[c for c in _NUMERIC if c in self.table]].isna().all(axis=1).sum())
        return f"<StaffingCounts: {len(self.table)} campuses ({unknown} with no counts)>"


def read_staffing_counts(
    source: str | Path | pd.DataFrame,
    *,
    column_map: Mapping[str, str] | None = None,
    strict: bool = True,
    missing: Iterable[str] = MISSING_MARKS,
    masks: Iterable[str] = MASK_MARKS,
    negative_is_masked: bool = True,
    sheet_name: str | int | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> StaffingCounts:
    """Read and validate a count-level staffing file: one row per school or campus.

    Parameters
    ----------
    source
        A CSV/TSV/TXT, Excel, Parquet or JSON-records file, or a DataFrame.
    column_map
        ``{"Your column": "canonical"}`` onto :data:`COUNT_COLUMNS`; other columns are kept.
    strict
        Raise :class:`~leadmodel.RosterError` on any error (default); with ``False``, keep
        the usable rows and list the problems in ``.issues``.
    missing
        Cell texts meaning "no data" (default :data:`MISSING_MARKS`, among them ``.``);
        read as missing with a ``masked_value`` warning. A blank cell is missing too.
    masks
        Cell texts meaning a masked small count (default :data:`MASK_MARKS`); read as
        unknown, with the column named in ``masked`` and a ``masked_value`` warning.
    negative_is_masked
        Whether a negative count is a masking code (state files write ``-1``, ``-2``...),
        read like ``masks`` (default); with ``False`` it is a ``negative_value`` error.
    sheet_name, encoding, delimiter, max_bytes
        As for :func:`~leadmodel.read_roster`.

    Returns
    -------
    StaffingCounts
        Every campus with a usable id, its counts (``<NA>`` where unknown: never 0), the
        issues and the row accounting.

    Raises
    ------
    RosterError
        In strict mode when any error is found (a text that is no number, a repeated or empty
        school id), listing all of them; in both modes when nothing can be loaded (no
        ``school_id`` or ``teacher_fte`` column, no data rows).
    DefinitionError
        For a ``column_map`` onto unknown columns, or a mark that is not text.

    Examples
    --------
    >>> import pandas as pd
    >>> counts = read_staffing_counts(pd.DataFrame({
    ...     "Campus": ["A", "B", "C"], "Teachers": ["54", "20", "."], "Admins": ["2", "-1", ""]}),
    ...     column_map={"Campus": "school_id", "Teachers": "teacher_fte", "Admins": "admin_fte"})
    >>> counts.table[["teacher_fte", "admin_fte", "masked"]]
               teacher_fte  admin_fte     masked
    school_id
    A                 54.0        2.0
    B                 20.0       <NA>  admin_fte
    C                 <NA>       <NA>
    >>> counts.issues["code"].tolist()
    ['masked_value', 'masked_value']
    """
    missing_marks, mask_marks = checked_marks(missing, "missing"), checked_marks(masks, "masks")
    intake = Intake(
        "staffing counts",
        names=frozenset(COUNT_COLUMNS),
        column_map=column_map,
        encoding=encoding,
        delimiter=delimiter,
        sheet_name=sheet_name,
        max_bytes=max_bytes,
    )
    read = intake.rows(source, "counts")
    provenance = intake.provenance()
    log = intake.notes
    rows, others, blank, unread = read.rows, read.extras, read.blank, read.unread
    _require(rows, read.columns, unread, intake)
    rows["school_id"] = to_text(rows["school_id"])
    reject = check_school_ids(rows, log, table="counts")
    masked = pd.DataFrame(False, index=rows.index, columns=[c for c in _NUMERIC if c in rows])
    for col in masked.columns:
        bad, masked[col] = read_count_cells(
            rows, col, missing_marks, mask_marks, negative_is_masked=negative_is_masked, log=log
        )
        reject |= bad
    issues = log.frame()
    if strict and (issues["severity"] == "error").any():
        raise RosterError(issues, what="staffing counts")
    kept = join_extras(rows[~reject], others)
    kept["masked"] = masked_names(masked[~reject]).astype(STRING)
    extras = [c for c in kept.columns if c not in COUNT_COLUMNS and c not in ("_row", "masked")]
    ordered = [c for c in COUNT_COLUMNS if c in kept] + ["masked", *extras]
    table = kept[ordered].set_index("school_id").sort_index()
    counts = {"counts": row_counts(reject, blank=blank, unread=unread)}
    return StaffingCounts(table, issues=issues, source={**provenance, "rows": counts})


def read_count_cells(
    rows: pd.DataFrame,
    col: str,
    missing: frozenset[str],
    masks: frozenset[str],
    *,
    negative_is_masked: bool,
    log: IssueLog,
) -> tuple[pd.Series, pd.Series]:
    """Read the count column ``col`` in place: numbers, or unknown (``<NA>``) where a cell is
    blank, a no-data mark, a masking mark or (with ``negative_is_masked``) a negative code.

    Returns the rows with an error (a text that is no number; a negative count when negative
    codes are not masks) and the rows whose count was masked; every such cell is reported.
    """
    masked = blank_marks(rows, col, missing, masks, log)
    written = rows[col].copy()  # the cells as the file writes them, for the messages
    reject = numeric_field(rows, "counts", col, log)
    negative = (rows[col] < 0).fillna(False).astype(bool)
    if negative_is_masked:
        report_masked(rows, col, negative, "a negative code", log, value=written[negative])
        rows[col] = rows[col].mask(negative)
        return reject, masked | negative
    log.add(
        "counts",
        rows,
        where=negative,
        code="negative_value",
        field=col,
        message=f"{col} {{value}} is negative.",
        fix=f"Give {col} as zero or more (or read with negative_is_masked=True).",
    )
    return reject | negative, masked


def checked_marks(marks: Iterable[str], name: str) -> frozenset[str]:
    """``marks`` (cell texts given for ``missing=`` or ``masks=``) as a set, each stripped."""
    chosen = frozenset(marks)
    if not all(isinstance(m, str) for m in chosen):
        raise DefinitionError(
            f"{name}= takes cell texts, such as '.' or '*'; got {sorted(map(repr, chosen))}."
        )
    return frozenset(m.strip() for m in chosen)


def _require(rows: pd.DataFrame, columns: frozenset[str], unread: int, intake: Intake) -> None:
    """Refuse a file with nothing to load: no data rows, or no school id or teacher column."""
    log = intake.notes
    if rows.empty and not unread:
        log.file_error(
            "counts",
            "empty_file",
            "The staffing file has no data rows.",
            "Check that the right file or sheet was given and that it has rows under the header.",
        )
    absent = [c for c in ("school_id", "teacher_fte") if c not in columns]
    for col in absent:
        log.file_error(
            "counts",
            "missing_column",
            f"The staffing file has no {col!r} column.",
            f"Map your column to it with column_map={{'Your name': '{col}'}}.",
            field=col,
        )
    if absent or (rows.empty and not unread):
        raise intake.refuse()


def blank_marks(
    rows: pd.DataFrame,
    col: str,
    missing: frozenset[str],
    masks: frozenset[str],
    log: IssueLog,
) -> pd.Series:
    """Blank the cells of ``col`` holding a missing or mask mark, reported; return the masked."""
    text = rows[col].astype(STRING).str.strip()
    is_missing = text.isin(missing).fillna(False).astype(bool)
    is_masked = text.isin(masks).fillna(False).astype(bool)
    report_masked(rows, col, is_missing, "a no-data mark", log, masked=False)
    report_masked(rows, col, is_masked, "a masking mark", log)
    rows[col] = rows[col].mask(is_missing | is_masked, None)
    return is_masked


def report_masked(
    rows: pd.DataFrame,
    col: str,
    where: pd.Series,
    what: str,
    log: IssueLog,
    *,
    masked: bool = True,
    value: pd.Series | None = None,
) -> None:
    """A ``masked_value`` warning for each row of ``where``: ``col`` is unknown, not zero."""
    meaning = (
        "a count too small to publish: unknown, not zero"
        if masked
        else "no data: unknown, not zero"
    )
    log.add(
        "counts",
        rows,
        where=where,
        code="masked_value",
        field=col,
        value=value,
        severity="warning",
        message=f"{col} {{value!r}} is {what}, read as {meaning}; the campus is kept and left out "
        "of the figures that need this count.",
        fix="Nothing to fix if the file is published this way; give the count if you have it.",
    )


def masked_names(masked: pd.DataFrame) -> pd.Series:
    """For each row, the columns whose cell was masked, ``;``-separated."""
    names = pd.Series("", index=masked.index, dtype=object)
    for col in masked.columns:
        names = names.where(~masked[col], names + ";" + col)
    return names.str.lstrip(";")
