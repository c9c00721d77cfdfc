"""Reading and writing rosters: CSV, Excel, Parquet and JSON, with column maps.

A district's HR export never uses leadmodel's column names. :func:`read_roster`
renames columns through ``column_map`` (and, without one, recognises headers
that differ from a canonical name only in case, spacing or punctuation, such as
``"Staff ID"``), maps job titles to roles through ``role_map``, turns link
columns (``"Evaluator ID"`` mapped to ``evaluator_id``...) into links, keeps
every other column, and validates everything at once.

Layouts
-------
single file
    One staff table (CSV/TSV/TXT, Excel sheet, Parquet, or JSON records).
    Links, teams and schools may be given as separate files or frames.
roster directory
    ``staff.csv`` plus optional ``links.csv``, ``teams.csv``, ``schools.csv``
    (or the same names in ``.parquet``), as :func:`write_roster` writes it.
Excel workbook
    Sheets named ``staff``, ``links``, ``teams``, ``schools`` (as written by
    :func:`write_roster`), or any single sheet with the staff table.
leadmodel JSON
    ``{"schools": [...]}``: the nested :class:`~leadmodel.District` form.

Examples
--------
>>> import leadmodel as lm
>>> path = lm.sample_path("hr_export")
>>> roster = lm.read_roster(
...     path / "hr_export.csv",
...     column_map=lm.datasets.HR_EXPORT_COLUMN_MAP,
...     role_map=lm.datasets.HR_EXPORT_ROLE_MAP,
... )
>>> roster.links.empty
True
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
from leadmodel.models import District
from leadmodel.roster import TABLE_SCHEMAS, TABLES, Roster
from leadmodel.validate import LINK_ID_COLUMNS, IssueLog, validate_tables

__all__ = ["read_roster"]

CANONICAL_NAMES: frozenset[str] = frozenset(
    {c for schema in TABLE_SCHEMAS.values() for c in schema} | set(LINK_ID_COLUMNS)
)
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


def _roster_directory(path: Path) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for table in TABLES:
        for suffix in (".csv", ".parquet"):
            candidate = path / f"{table}{suffix}"
            if candidate.exists():
                found[table] = candidate
                break
    if "staff" not in found:
        raise DefinitionError(f"Directory {path.name!r} has no staff.csv or staff.parquet.")
    return found


def read_roster(
    source: str | Path | pd.DataFrame,
    *,
    links: TableSource = None,
    teams: TableSource = None,
    schools: TableSource = None,
    column_map: Mapping[str, str] | None = None,
    role_map: Mapping[str, str] | None = None,
    strict: bool = True,
    sheet_name: str | int | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Roster:
    """Read, map and validate a roster from a file, a directory or DataFrames.

    Parameters
    ----------
    source
        The staff table (a path or a DataFrame), a roster directory, an Excel
        workbook with ``staff``/``links``/``teams``/``schools`` sheets, or a
        leadmodel JSON file.
    links, teams, schools
        Optional separate tables (path or DataFrame). Links may instead come as
        columns on the staff rows: ``supervisor_id``, ``evaluator_id``,
        ``evaluation_input_id``, ``coach_id``, ``developer_id``,
        ``facilitator_id`` (several ids separated by ``;``).
    column_map
        ``{"Your column": "canonical_column"}``, applied to every table.
    role_map
        ``{"Your job title": "role"}``, added to the built-in title aliases.
    strict
        Raise :class:`~leadmodel.RosterError` on any error (default). With
        ``False``, keep the usable rows and list the problems in ``roster.issues``.
    sheet_name
        Excel sheet holding the staff table (default: the ``staff`` sheet if
        present, else the first).
    encoding, delimiter
        Override the detected text encoding (UTF-8 with or without BOM, else
        Windows-1252) and delimiter (``,``, ``;``, tab or ``|``).
    max_bytes
        Size guard: a file larger than this (default 4 GiB) is refused with a
        ``file_too_large`` error rather than exhausting memory; raise it to read
        one anyway (Parquet reads far larger rosters in the same memory).

    Returns
    -------
    Roster

    Raises
    ------
    RosterError
        Listing every problem (strict mode), or when nothing can be loaded.
    DefinitionError
        For a malformed ``column_map`` or ``role_map``, or an unsupported file type.

    Examples
    --------
    >>> import pandas as pd
    >>> import leadmodel as lm
    >>> export = pd.DataFrame({"Emp No": ["7", "8"], "Campus": ["S", "S"],
    ...                        "Job Title": ["Principal", "Wizard"]})
    >>> roster = lm.read_roster(export, column_map={"Emp No": "staff_id", "Campus": "school_id",
    ...                                             "Job Title": "title"}, strict=False)
    >>> roster.issues[["row", "code", "value"]]
       row          code   value
    0    2  unknown_role  Wizard
    """
    check_column_map(column_map)
    notes = IssueLog()
    frames: dict[str, pd.DataFrame | None] = {"links": None, "teams": None, "schools": None}
    paths: list[Path] = []
    name = "DataFrame"
    known = frozenset(column_map or {})

    def read(p: Path, table: str, sheet: str | int | None = None) -> pd.DataFrame:
        guard_size(p, table, max_bytes)
        return read_table(
            p,
            table=table,
            encoding=encoding,
            delimiter=delimiter,
            sheet_name=sheet,
            notes=notes,
            known=known,
        )

    if isinstance(source, pd.DataFrame):
        frames["staff"] = source
    else:
        path = Path(source)
        name = path.name
        if path.is_dir():
            found = _roster_directory(path)
            paths.extend(found.values())
            for table, p in found.items():
                frames[table] = read(p, table)
        elif path.suffix.lower() == ".json" and _is_district_json(path):
            guard_size(path, "file", max_bytes)
            return _read_district_json(path)
        elif path.suffix.lower() in EXCEL_SUFFIXES and sheet_name is None:
            paths.append(path)
            guard_size(path, "staff", max_bytes)
            try:
                sheets = pd.read_excel(path, sheet_name=None, header=None, **EXCEL_OPTIONS)
            except (ValueError, OSError, KeyError, zipfile.BadZipFile) as exc:
                raise _unreadable("staff", path.name, "Excel", exc) from None
            if "staff" in sheets:
                for table in TABLES:
                    if table in sheets:
                        frames[table] = sheet_table(
                            sheets[table], table=table, notes=notes, known=known
                        )
            else:
                first = next(iter(sheets.values()))
                frames["staff"] = sheet_table(first, table="staff", notes=notes, known=known)
        else:
            paths.append(path)
            frames["staff"] = read(path, "staff", sheet_name)
    for table, given in (("links", links), ("teams", teams), ("schools", schools)):
        if given is None:
            continue
        if isinstance(given, pd.DataFrame):
            frames[table] = given
        else:
            p = Path(given)
            paths.append(p)
            frames[table] = read(p, table)
    for table in ("links", "teams", "schools"):
        frame = frames[table]
        if frame is not None and frame.shape == (0, 0):  # an empty file: as if not given
            frames[table] = None
    mapped = {
        t: None if f is None else apply_column_map(f, column_map, t) for t, f in frames.items()
    }
    staff = mapped.pop("staff")
    assert staff is not None
    checksum = input_checksum(paths) if paths else None
    return validate_tables(
        staff,
        links=mapped["links"],
        teams=mapped["teams"],
        schools=mapped["schools"],
        role_map=role_map,
        strict=strict,
        source={"name": name, "sha256": checksum},
        notes=notes,
    )


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


def _is_district_json(path: Path) -> bool:
    with path.open("rb") as fh:
        head = fh.read(4096).removeprefix(b"\xef\xbb\xbf").lstrip()
    return head.startswith(b"{")


def _read_district_json(path: Path) -> Roster:
    from pydantic import ValidationError

    try:
        district = District.model_validate_json(path.read_bytes().removeprefix(b"\xef\xbb\xbf"))
    except ValidationError as exc:
        log = IssueLog()
        for err in exc.errors():
            loc = ".".join(str(p) for p in err["loc"])
            log.file_error(
                "file",
                "invalid_value",
                f"{path.name}: {loc}: {err['msg']}.",
                "Correct the value at that location of the JSON document.",
                field=loc,
            )
        raise RosterError(log.frame()) from None
    roster = district.to_roster()
    roster.source.update({"name": path.name, "sha256": input_checksum([path])})
    return roster
