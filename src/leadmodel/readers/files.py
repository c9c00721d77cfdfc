"""The file layer every reader shares: formats, encodings, delimiters, sheets and column maps.

A reader hands this module a path or a DataFrame and gets back a raw table (text cells,
row numbers as in the file) plus the notes the file layer made on the way (a guessed
encoding, ragged rows, a header found below title rows). It knows nothing of rosters,
surveys or logs: those are the readers' own modules.
"""

from __future__ import annotations

import csv
import hashlib
import io as _io
import json
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from leadmodel.errors import DefinitionError, RosterError
from leadmodel.readers.issues import IssueLog
from leadmodel.roster import CANONICAL_NAMES

TEXT_SUFFIXES = {".csv", ".tsv", ".txt"}


EXCEL_SUFFIXES = {".xlsx", ".xlsm"}


TableSource = str | Path | pd.DataFrame | None


DEFAULT_MAX_BYTES = 4 * 2**30


# Cell by cell as the sheet stores it: text stays text ("NaN", "007"), blank cells are missing.
EXCEL_OPTIONS: dict[str, Any] = {
    "engine": "openpyxl",
    "dtype": object,
    "keep_default_na": False,
    "na_values": [""],
}


def header_key(name: object) -> str:
    return re.sub(r"[^0-9a-z]+", "_", str(name).casefold()).strip("_")


def apply_column_map(
    frame: pd.DataFrame,
    column_map: Mapping[str, str] | None,
    table: str,
    *,
    names: frozenset[str] = CANONICAL_NAMES,
) -> pd.DataFrame:
    """Rename columns to canonical ``names``; report two columns landing on one name.

    A header that differs from a name only in case, spacing or punctuation is renamed
    without a ``column_map`` entry.
    """
    mapping = dict(column_map or {})
    renamed: dict[str, str] = {}
    for col in frame.columns:
        if col in mapping:
            renamed[col] = mapping[col]
        elif header_key(col) in names:
            renamed[col] = header_key(col)
    out = frame.rename(columns=renamed)
    out.columns = [str(c) for c in out.columns]
    dupes = sorted({c for c in out.columns if list(out.columns).count(c) > 1})
    reserved = sorted(c for c in out.columns if c.startswith("_"))
    if reserved:
        log = IssueLog()
        for name in reserved:
            log.file_error(
                table,
                "reserved_column",
                f"Column {name!r}: names starting with '_' are reserved for leadmodel's own use.",
                "Rename the column (or map it to a leadmodel column with column_map).",
                field=name,
            )
        raise RosterError(log.frame())
    if dupes:
        log = IssueLog()
        for name in dupes:
            sources = [str(c) for c in frame.columns if renamed.get(c, c) == name]
            log.file_error(
                table,
                "duplicate_column",
                f"Columns {sources} all map to {name!r}.",
                "Rename or drop all but one of them, or map them with column_map.",
                field=name,
            )
        raise RosterError(log.frame())
    return out


def check_column_map(
    column_map: Mapping[str, str] | None, names: frozenset[str] = CANONICAL_NAMES
) -> None:
    """Refuse a ``column_map`` whose targets are not in ``names``."""
    for source, target in (column_map or {}).items():
        if target not in names:
            raise DefinitionError(
                f"column_map maps {source!r} to {target!r}, which is not a leadmodel column. "
                f"Known columns: {', '.join(sorted(names))}. Columns you do not "
                "map are kept under their own names."
            )


_DELIMITERS = (",", ";", "\t", "|")


def _sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most fields, the same number on each."""
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    best, best_fields = ",", 1
    for sep in _DELIMITERS:
        try:
            counts = {len(row) for row in csv.reader(lines, delimiter=sep)}
        except csv.Error:
            continue
        if len(counts) == 1 and (fields := counts.pop()) > best_fields:
            best, best_fields = sep, fields
    return best


def _decode(data: bytes, encoding: str | None, *, name: str, table: str, notes: IssueLog) -> str:
    """Decode text: UTF-16 or UTF-8 (with or without BOM), else Windows-1252 line by line.

    A file mixing UTF-8 lines with lines in another encoding is read line by line,
    each in the encoding it is valid in, with a warning naming the lines.
    """
    if encoding:
        return data.decode(encoding)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    lines = data.removeprefix(b"\xef\xbb\xbf").split(b"\n")
    decoded, legacy, utf8_multibyte = [], [], False
    for number, raw in enumerate(lines, start=1):
        try:
            line = raw.decode("utf-8")
            utf8_multibyte |= any(ord(ch) > 127 for ch in line)
        except UnicodeDecodeError:
            line = raw.decode("cp1252", errors="replace")
            legacy.append(number)
        decoded.append(line)
    if utf8_multibyte:
        shown = ", ".join(str(n) for n in legacy[:20]) + (" ..." if len(legacy) > 20 else "")
        notes.add(
            table,
            pd.DataFrame({"_row": [pd.NA]}),
            code="mixed_encoding",
            field=None,
            severity="warning",
            message=f"{name} mixes UTF-8 with another encoding; file lines {shown} were read as "
            "Windows-1252.",
            fix="Save the file as UTF-8 and check the names on those lines.",
        )
    return "\n".join(decoded)


def _unreadable(table: str, name: str, what: str, exc: Exception) -> RosterError:
    log = IssueLog()
    log.file_error(
        table,
        "unreadable_file",
        f"{name} could not be read as {what}: {exc}",
        f"Check that the file is a valid {what} file (open it in the program that made it and "
        "save it again).",
    )
    return RosterError(log.frame())


def _read_text(
    path: Path, *, encoding: str | None, delimiter: str | None, table: str, notes: IssueLog
) -> pd.DataFrame:
    text = _decode(path.read_bytes(), encoding, name=path.name, table=table, notes=notes)
    sep = delimiter or ("\t" if path.suffix.lower() == ".tsv" else _sniff_delimiter(text[:65536]))
    try:
        frame = pd.read_csv(
            _io.StringIO(text), sep=sep, dtype="string", keep_default_na=False, na_values=[""]
        )
        return _drop_swallowed_rows(frame, sep, table=table, notes=notes)
    except pd.errors.EmptyDataError:
        return pd.DataFrame()
    except (pd.errors.ParserError, csv.Error):
        return _read_ragged(text, sep, table=table, notes=notes)


def _drop_swallowed_rows(
    frame: pd.DataFrame, sep: str, *, table: str, notes: IssueLog
) -> pd.DataFrame:
    """Leave out, as ``stray_quote`` errors, rows whose value swallowed the lines after it.

    An unclosed quote makes the parser read on, across line breaks, until the next
    quote: the following rows vanish into one value. A value with a line break followed by
    text holding at least as many delimiters as a row has is taken as that; a quoted note
    that merely spans lines is kept.
    """
    if frame.empty:
        return frame
    swallowed = pd.Series(False, index=frame.index)
    for col in frame.columns:
        values = frame[col]
        if not isinstance(values.dtype, pd.StringDtype):
            continue
        broken = values.str.contains("\n", regex=False).fillna(False).astype(bool)
        if broken.any():
            after = values[broken].str.split("\n", n=1).str[1]
            # a swallowed line looks like a row: as many delimiters as the header has
            runs_on = (after.str.count(sep) >= len(frame.columns) - 1).fillna(False).astype(bool)
            swallowed[runs_on[runs_on].index] = True
    if not swallowed.any():
        return frame
    numbers = pd.Series(
        frame.index.to_numpy()
        if frame.index.name == "_source_row"
        else np.arange(1, len(frame) + 1),
        index=frame.index,
    )
    bad = frame[swallowed]
    lines = bad.apply(
        lambda row: max(str(v).rstrip("\r\n").count("\n") for v in row if pd.notna(v)), axis=1
    )
    notes.add(
        table,
        pd.DataFrame({"_row": numbers[swallowed].to_numpy()}),
        code="stray_quote",
        field=None,
        value=lines.astype(str).reset_index(drop=True),
        message="A quote opened in this row is not closed, so the next {value} line(s) of the "
        "file were read into one of its values; the row was left out.",
        fix='Close or remove the stray quote (") in this row, then read the file again.',
    )
    kept = frame[~swallowed]
    kept.index = pd.Index(numbers[~swallowed].to_numpy(), name="_source_row")
    return kept


def _read_ragged(text: str, sep: str, *, table: str, notes: IssueLog) -> pd.DataFrame:
    """Read a CSV whose rows do not all have the header's number of fields.

    Rows with extra fields that are all empty are trimmed; every other row of the wrong
    length is reported as ``ragged_row`` (an error) and left out. The frame's index holds
    each kept row's number, so issues name the rows as they are in the file.
    """
    rows = list(csv.reader(_io.StringIO(text), delimiter=sep))
    while rows and not any(cell.strip() for cell in rows[0]):
        rows.pop(0)
    if not rows:
        return pd.DataFrame()
    header, body = rows[0], rows[1:]
    width = len(header)
    kept, numbers, ragged = [], [], []
    for number, row in enumerate(body, start=1):
        if len(row) > width and not any(cell.strip() for cell in row[width:]):
            row = row[:width]
        if len(row) == width:
            kept.append(row)
            numbers.append(number)
        elif any(cell.strip() for cell in row):
            ragged.append((number, len(row)))
    if ragged:
        notes.add(
            table,
            pd.DataFrame({"_row": [n for n, _ in ragged], "fields": [str(k) for _, k in ragged]}),
            code="ragged_row",
            field=None,
            value=pd.Series([str(k) for _, k in ragged]),
            message=f"The row has {{value}} fields where the header has {width}; it was left out.",
            fix="Check the row for a stray delimiter or quote, or a missing field.",
        )
    frame = pd.DataFrame(kept, columns=header, dtype="string").replace("", pd.NA)
    frame.index = pd.Index(numbers, name="_source_row")
    return _drop_swallowed_rows(frame, sep, table=table, notes=notes)


def read_table(
    path: Path,
    *,
    table: str,
    encoding: str | None,
    delimiter: str | None,
    sheet_name: str | int | None,
    notes: IssueLog | None = None,
    known: frozenset[str] = frozenset(),
) -> pd.DataFrame:
    """Read one table from a CSV/TSV/TXT, Excel, Parquet or JSON-records file.

    ``known`` holds header names to look for (column-map keys) when an Excel sheet has
    title rows above its header; see :func:`sheet_table`.
    """
    suffix = path.suffix.lower()
    notes = notes if notes is not None else IssueLog()
    if suffix in TEXT_SUFFIXES:
        return _read_text(path, encoding=encoding, delimiter=delimiter, table=table, notes=notes)
    try:
        if suffix in EXCEL_SUFFIXES:
            sheet = 0 if sheet_name is None else sheet_name
            raw = pd.read_excel(path, sheet_name=sheet, header=None, **EXCEL_OPTIONS)
            return sheet_table(raw, table=table, notes=notes, known=known)
        if suffix == ".parquet":
            return pd.read_parquet(path)
        if suffix == ".json":
            data = json.loads(path.read_text(encoding=encoding or "utf-8-sig"))
            if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
                raise ValueError("expected a list of records (objects), one per row")
            return pd.DataFrame.from_records(data)
    except (ValueError, OSError, KeyError, TypeError, zipfile.BadZipFile) as exc:
        what = {".parquet": "Parquet", ".json": "JSON records"}.get(suffix, "Excel")
        raise _unreadable(table, path.name, what, exc) from None
    raise DefinitionError(
        f"Cannot read {path.name}: use .csv, .tsv, .txt, .xlsx, .parquet or .json "
        "(or a directory written by write_roster)."
    )


HEADER_SEARCH_ROWS = 30


def _header_row(raw: pd.DataFrame, known: frozenset[str]) -> int:
    """Position of the header row among a sheet's first rows.

    The first row with the most cells naming a known column (a leadmodel column, or a
    ``column_map`` key) when at least two do; otherwise the first of the widest rows.
    Title rows above a table (often merged cells) fill one or two cells, so they lose.
    """
    top = raw.head(HEADER_SEARCH_ROWS)
    filled = top.notna() & (top.astype("string").apply(lambda c: c.str.strip()) != "")
    keys = {header_key(k) for k in known} | CANONICAL_NAMES
    named = top.apply(lambda col: col.map(lambda v: header_key(v) in keys)) & filled
    score = named.sum(axis=1)
    if score.max() >= 2:
        return int(score.to_numpy().argmax())
    width = filled.sum(axis=1)
    return int(width.to_numpy().argmax())


def sheet_table(
    raw: pd.DataFrame, *, table: str, notes: IssueLog, known: frozenset[str] = frozenset()
) -> pd.DataFrame:
    """Turn a sheet read without a header into a table, finding the header row.

    Rows above the header (report titles, merged banner cells, notes) are skipped with
    a ``header_rows_skipped`` warning; columns with neither a header nor data are dropped.
    Data rows are numbered from 1 under the header, as in every other reader.
    """
    if raw.empty:
        return pd.DataFrame()
    at = _header_row(raw, known)
    if at:
        notes.add(
            table,
            pd.DataFrame({"_row": [pd.NA]}),
            code="header_rows_skipped",
            field=None,
            value=pd.Series([str(at)]),
            severity="warning",
            message="The first {value} row(s) of the sheet are above its header row and were "
            "skipped.",
            fix="Nothing to do if they are titles or notes; otherwise move the header to row 1.",
        )
    header = raw.iloc[at]
    body = raw.iloc[at + 1 :]
    names = [
        str(v).strip() if pd.notna(v) and str(v).strip() else f"Unnamed: {k}"
        for k, v in enumerate(header)
    ]
    frame = body.set_axis(names, axis=1)
    empty = [n for n, v in zip(names, header, strict=True) if pd.isna(v) and frame[n].isna().all()]
    return frame.drop(columns=empty).reset_index(drop=True)


def input_checksum(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for p in sorted(paths):
        digest.update(p.name.encode())
        digest.update(p.read_bytes())
    return digest.hexdigest()


def guard_size(path: Path, table: str, max_bytes: int) -> None:
    """Refuse a file larger than ``max_bytes`` with a ``file_too_large`` error."""
    size = path.stat().st_size
    if size > max_bytes:
        log = IssueLog()
        log.file_error(
            table,
            "file_too_large",
            f"{path.name} is {size / 2**30:.1f} GiB, above the {max_bytes / 2**30:.1f} GiB guard.",
            "Pass a larger max_bytes= if the machine has the memory, or convert the file to "
            "Parquet.",
        )
        raise RosterError(log.frame())
