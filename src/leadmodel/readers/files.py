"""The file layer every reader shares: formats, sheets, cells, column maps, and one preamble.

Every reader (roster, reporting lines, staffing counts, survey, activity log, team members)
starts the same way, through one :class:`Intake`: it checks the reader's options (column map,
encoding), guards the file's size, reads the table from a DataFrame or a CSV/TSV/TXT, Excel,
Parquet or JSON-records file, refuses cells it cannot take at face value, maps the columns onto
the reader's names, numbers the rows as in the file, and records every problem in one issues
table (:class:`~leadmodel.readers.issues.IssueLog`). What a reader does after that is its own
module's business; what it sees is always the same: a table of raw cells with canonical column
names, rows numbered as in the input, and the notes made on the way.

Delimited text (encodings, delimiters, ragged rows, stray quotes) is in
:mod:`leadmodel.readers.text`; Parquet and JSON records, whose cells carry types, in
:mod:`leadmodel.readers.typed`.
"""

from __future__ import annotations

import hashlib
import math
import re
import stat
import zipfile
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from leadmodel.errors import (
    DefinitionError,
    MissingFileError,
    NotAFileError,
    RosterError,
)
from leadmodel.readers.archives import files_in_archive, files_in_folder
from leadmodel.readers.issues import (
    IssueLog,
    drop_blank_rows,
    numbered_rows,
    split_extras,
    unread_rows,
)
from leadmodel.readers.text import (
    check_encoding,
    decode_text,
    guarded,
    read_delimited,
    refuse_binary,
    sniff_delimiter,
)
from leadmodel.readers.typed import (
    read_json_records,
    read_parquet,
    refuse_infinite_numbers,
    refuse_nested_cells,
)
from leadmodel.roster import CANONICAL_NAMES

__all__ = ["DEFAULT_MAX_BYTES", "Intake", "camel_key", "header_key"]

TEXT_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})
EXCEL_SUFFIXES = frozenset({".xlsx", ".xlsm"})
TableSource = str | Path | pd.DataFrame | None
#: The size guard's default: files larger than this are refused (``max_bytes=`` raises it).
DEFAULT_MAX_BYTES = 4 * 2**30
#: Rows of an Excel sheet searched for its header row (titles and notes may sit above it).
HEADER_SEARCH_ROWS = 30


def header_key(name: object) -> str:
    """A header as a comparable key: lower case, runs of other characters than letters and
    digits (of any script) as one ``_``; a name of other characters only (``—``, ``*``) is
    kept as written (trimmed, lower case), so that two such names stay apart.

    >>> header_key(" Job-Title "), header_key("Наблюдение"), header_key("—")
    ('job_title', 'наблюдение', '—')
    """
    text = str(name).casefold()
    return re.sub(r"[\W_]+", "_", text).strip("_") or text.strip()


def camel_key(name: object) -> str:
    """A header as a standard's field names compare: split at each inner capital, then
    :func:`header_key`, so that camelCase, dotted paths and spaced names meet.

    >>> camel_key("staffReference.staffUniqueId"), camel_key("Staff Unique ID")
    ('staff_reference_staff_unique_id', 'staff_unique_id')
    """
    return header_key(re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", str(name)))


# ------------------------------------------------------------------ options


def checked_column_map(
    column_map: Mapping[str, str] | None,
    names: frozenset[str],
    pattern: re.Pattern[str] | None = None,
) -> dict[str, str]:
    """``column_map`` as a dict, or a :class:`DefinitionError` naming what is wrong with it.

    Targets must be in ``names`` or match ``pattern`` (numbered columns such as a survey's
    ``advice_id_1``, ``advice_id_2``...).
    """
    if column_map is None:
        return {}
    if not isinstance(column_map, Mapping):
        raise DefinitionError(
            f"column_map must be a mapping {{'Your column': 'leadmodel column'}}, not "
            f"{type(column_map).__name__}."
        )
    checked: dict[str, str] = {}
    for source, target in column_map.items():
        if not isinstance(source, str) or not isinstance(target, str):
            raise DefinitionError(
                f"column_map maps {source!r} to {target!r}: both must be column names (text). "
                "Map each of your columns to one leadmodel column."
            )
        if target not in names and not (pattern and pattern.fullmatch(target)):
            raise DefinitionError(
                f"column_map maps {source!r} to {target!r}, which is not a leadmodel column. "
                f"Known columns: {', '.join(sorted(names))}. Columns you do not "
                "map are kept under their own names."
            )
        checked[source] = target
    return checked


def guard_size(path: Path, table: str, max_bytes: int) -> None:
    """Refuse a file larger than ``max_bytes`` with a ``file_too_large`` error, a path that
    does not exist with :class:`MissingFileError` and a folder with :class:`NotAFileError`."""
    try:
        status = path.stat()
    except FileNotFoundError:
        raise MissingFileError(str(path)) from None
    if stat.S_ISDIR(status.st_mode):
        raise NotAFileError(str(path))
    size = status.st_size
    if size > max_bytes:
        _refuse_size(path.name, size, max_bytes, table)


def _refuse_size(name: str, size: int, max_bytes: int, table: str = "file") -> None:
    """Raise the ``file_too_large`` error for ``name`` of ``size`` bytes."""
    log = IssueLog()
    log.file_error(
        table,
        "file_too_large",
        f"{name} is {_size(size)}, above the {_size(max_bytes)} guard.",
        "Pass a larger max_bytes= if the machine has the memory, or convert the file to Parquet.",
    )
    raise RosterError(log.frame())


def _size(n: int) -> str:
    """A size in bytes as people read it (GiB above a GiB, else MiB, else bytes)."""
    if n >= 2**30:
        return f"{n / 2**30:.1f} GiB"
    return f"{n / 2**20:.1f} MiB" if n >= 2**20 else f"{n:,} bytes"


def input_checksum(paths: Iterable[Path]) -> str:
    """SHA-256 over the files' names and bytes, in name order."""
    digest = hashlib.sha256()
    for p in sorted(paths):
        digest.update(p.name.encode())
        digest.update(p.read_bytes())
    return digest.hexdigest()


# ------------------------------------------------------------------ formats


def read_table(
    path: Path,
    *,
    table: str,
    encoding: str | None,
    delimiter: str | None,
    sheet_name: str | int | None,
    notes: IssueLog,
    known: frozenset[str] = frozenset(),
    flatten: bool = False,
) -> pd.DataFrame:
    """One table from a CSV/TSV/TXT, Excel, Parquet or JSON-records file, rows numbered.

    ``known`` holds header names to look for (column-map keys) when an Excel sheet has
    title rows above its header; see :func:`sheet_table`. ``flatten`` reads the objects nested
    in JSON records as columns (see :func:`table_from_bytes`).
    """
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES or suffix == ".json":
        return table_from_bytes(
            path.read_bytes(),
            path.name,
            table=table,
            encoding=encoding,
            delimiter=delimiter,
            notes=notes,
            flatten=flatten,
        )
    if suffix in EXCEL_SUFFIXES:
        sheets = read_sheets(path, table=table, notes=notes, only=sheet_name)
        sheet = first_sheet(sheets, name=path.name, table=table, notes=notes)
        return sheet_table(sheet, table=table, notes=notes, known=known)
    if suffix == ".parquet":
        return read_parquet(path, table=table, notes=notes)
    raise DefinitionError(
        f"Cannot read {path.name}: use .csv, .tsv, .txt, .xlsx, .parquet or .json "
        "(or a directory written by write_roster)."
    )


def table_from_bytes(
    data: bytes,
    name: str,
    *,
    table: str,
    encoding: str | None,
    delimiter: str | None,
    notes: IssueLog,
    flatten: bool = False,
) -> pd.DataFrame:
    """One table from the bytes of a delimited-text or JSON-records file called ``name``.

    With ``flatten``, an object nested in a JSON record becomes columns named by its path
    (``{"staffReference": {"staffUniqueId": "7"}}`` gives ``staffReference.staffUniqueId``),
    as an API's references are written; lists stay cells (and are refused where they are read).
    """
    suffix = Path(name).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        text = decode_text(data, encoding, name=name, table=table, notes=notes)
        refuse_binary(text, name=name, table=table)
        sep = delimiter or ("\t" if suffix == ".tsv" else sniff_delimiter(text))
        return read_delimited(text, sep, table=table, notes=notes)
    if suffix == ".json":
        return read_json_records(
            data, name, encoding=encoding, table=table, notes=notes, flatten=flatten
        )
    raise DefinitionError(f"Cannot read {name}: use .csv, .tsv, .txt or .json.")


def read_sheets(
    path: Path, *, table: str, notes: IssueLog, only: str | int | None = None
) -> dict[str, pd.DataFrame]:
    """The sheets of a workbook as raw cells (no header yet), by name; ``only`` picks one.

    Cells are what the sheet stores: text stays text, numbers whole numbers when whole,
    blank cells missing. A formula cell with no stored result (a workbook written by a script
    and never opened in a spreadsheet program) is an ``uncached_formula`` error on its row,
    found in a second read that sees formulas, made only when the sheet has any.
    """
    from openpyxl import load_workbook

    with guarded(table, path.name, "Excel"):
        book = load_workbook(path, read_only=True, data_only=True)
        try:
            names = book.sheetnames
            if only is not None:
                if isinstance(only, int):
                    if not 0 <= only < len(names):
                        raise DefinitionError(
                            f"{path.name} has {len(names)} sheet(s); sheet_name={only} is not one."
                        )
                    names = [names[only]]
                elif only not in names:
                    raise DefinitionError(
                        f"{path.name} has no sheet {only!r}; its sheets: {', '.join(names)}."
                    )
                else:
                    names = [only]
            values = {name: _sheet_cells(book[name]) for name in names}
            hidden = {name for name in names if book[name].sheet_state != "visible"}
        finally:
            book.close()
        if _has_formulas(path):
            formulas = load_workbook(path, read_only=True, data_only=False)
            try:
                for name in names:
                    values[name] = _mark_uncached(values[name], formulas[name], name)
            finally:
                formulas.close()
    sheets = {name: pd.DataFrame(rows, dtype=object) for name, rows in values.items()}
    for name in hidden:
        sheets[name].attrs["hidden"] = True
    return sheets


def first_sheet(
    sheets: Mapping[str, pd.DataFrame], *, name: str, table: str, notes: IssueLog
) -> pd.DataFrame:
    """The sheet a table is read from when no sheet is named: the first visible one (a hidden
    sheet is often an old copy). The workbook's other sheets that hold cells are not read, and
    a ``sheets_not_read`` warning names them, so that no rows go unread without a word."""
    visible = [n for n, sheet in sheets.items() if not sheet.attrs.get("hidden")]
    chosen = (visible or list(sheets))[0]
    unread = [
        f"{n!r}" + (" (hidden)" if sheet.attrs.get("hidden") else "")
        for n, sheet in sheets.items()
        if n != chosen and sheet.notna().to_numpy().any()
    ]
    if unread:
        notes.add(
            table,
            pd.DataFrame({"_row": [pd.NA]}),
            code="sheets_not_read",
            field=None,
            severity="warning",
            message=f"{name}: the {table} table was read from sheet {chosen!r}; the workbook's "
            f"other sheets with cells were not read: {', '.join(unread)}.",
            fix="Nothing to fix if they hold no rows of it; otherwise give sheet_name= to read "
            "another sheet, or put the rows in one sheet.",
            literal=True,
        )
    return sheets[chosen]


_UNCACHED = object()  # a formula cell without a stored value


def _sheet_cells(sheet: Any) -> list[list[Any]]:
    rows = []
    for row in sheet.iter_rows(min_row=1, values_only=True):
        rows.append([_cell(v) for v in row])
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    return rows


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return value if value != "" else None
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return value


def _has_formulas(path: Path) -> bool:
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                with archive.open(info) as fh:
                    tail = b""
                    while chunk := fh.read(1 << 20):
                        window = tail + chunk
                        if b"<f>" in window or b"<f " in window:
                            return True
                        tail = chunk[-3:]
    return False


def _mark_uncached(rows: list[list[Any]], sheet: Any, name: str) -> list[list[Any]]:
    for at, formulas in enumerate(sheet.iter_rows(min_row=1, values_only=True)):
        if at >= len(rows):
            break
        for col, formula in enumerate(formulas):
            if (
                isinstance(formula, str)
                and formula.startswith("=")
                and col < len(rows[at])
                and rows[at][col] is None
            ):
                rows[at][col] = _UNCACHED
    return rows


def _header_row(raw: pd.DataFrame, known: frozenset[str]) -> int:
    """Position of the header row among a sheet's first rows.

    The first row with the most cells naming a known column (a leadmodel column, or a
    ``column_map`` key) when at least two do; otherwise the first of the widest rows.
    Title rows above a table (often merged cells) fill one or two cells, so they lose.
    """
    keys = {header_key(k) for k in known} | CANONICAL_NAMES
    best_named, best_named_at, best_width, best_width_at = 0, 0, -1, 0
    for at, row in enumerate(raw.head(HEADER_SEARCH_ROWS).itertuples(index=False)):
        filled = [v for v in row if v is not None and not pd.isna(v) and str(v).strip()]
        named = sum(header_key(v) in keys for v in filled)
        if named > best_named:
            best_named, best_named_at = named, at
        if len(filled) > best_width:
            best_width, best_width_at = len(filled), at
    return best_named_at if best_named >= 2 else best_width_at


def sheet_table(
    raw: pd.DataFrame, *, table: str, notes: IssueLog, known: frozenset[str] = frozenset()
) -> pd.DataFrame:
    """Turn a sheet read without a header into a table, finding the header row.

    Rows above the header (report titles, merged banner cells, notes) are skipped with
    a ``header_rows_skipped`` warning; columns with neither a header nor data are dropped.
    Data rows are numbered from 1 under the header, as in every other reader; formula cells
    without a stored value are ``uncached_formula`` errors and their rows left out.
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
        str(v).strip() if v is not None and not pd.isna(v) and str(v).strip() else f"Unnamed: {k}"
        for k, v in enumerate(header)
    ]
    frame = body.set_axis(pd.Index(names, dtype=object), axis=1)
    frame.index = pd.Index(np.arange(1, len(frame) + 1), name="_source_row")
    keep = [
        k
        for k, v in enumerate(header)
        if (v is not None and not pd.isna(v)) or frame.iloc[:, k].notna().any()
    ]
    frame = frame.iloc[:, keep]
    return _drop_uncached(frame, table=table, notes=notes)


def _drop_uncached(frame: pd.DataFrame, *, table: str, notes: IssueLog) -> pd.DataFrame:
    uncached = frame.map(lambda v: v is _UNCACHED) if len(frame) else frame.astype(bool)
    if not uncached.to_numpy().any():
        return frame
    rows, cols = np.nonzero(uncached.to_numpy())
    notes.add(
        table,
        pd.DataFrame(
            {"_row": frame.index.to_numpy()[rows], "_field": frame.columns.to_numpy()[cols]}
        ),
        code="uncached_formula",
        field=None,
        message="The cell holds a formula whose result the file does not store (the workbook "
        "was written by a program that does not compute formulas); its value is unknown, so "
        "the row was left out.",
        fix="Open the workbook in a spreadsheet program and save it (that stores every "
        "formula's result), or replace the formula by its value.",
    )
    bad = uncached.any(axis=1).to_numpy()
    return frame[~bad]


def _duplicate_headers(frame: pd.DataFrame, table: str, name: str) -> None:
    """Refuse a table whose header names one column twice (pandas would rename one ``x.1``)."""
    counts = Counter(str(c) for c in frame.columns)
    repeated = sorted(c for c, n in counts.items() if n > 1)
    if not repeated:
        return
    log = IssueLog()
    for column in repeated:
        positions = [k + 1 for k, c in enumerate(frame.columns) if str(c) == column]
        log.file_error(
            table,
            "duplicate_column",
            f"{name} has {counts[column]} columns named {column!r} (columns "
            f"{', '.join(map(str, positions))}); leadmodel cannot tell which one to use.",
            "Rename or delete all but one of them.",
            field=column,
        )
    raise RosterError(log.frame())


def map_columns(
    frame: pd.DataFrame,
    column_map: Mapping[str, str],
    table: str,
    *,
    names: frozenset[str],
    pattern: re.Pattern[str] | None = None,
    aliases: Mapping[str, str] | None = None,
) -> tuple[pd.DataFrame, set[str]]:
    """Rename columns onto canonical ``names``; return the table and the map keys used.

    A column is renamed by its ``column_map`` entry (the key written as the header is, spaces
    around it aside); a header that differs from a canonical name only in case, spacing or
    punctuation is renamed without one; a header whose :func:`camel_key` is a key of
    ``aliases`` (a standard's own field names, such as OneRoster's ``sourcedId``) is renamed
    to its value. A key is never matched loosely: ``"FTE"`` does not
    take the column ``"FTE %"``, it is reported as unused instead. Two columns landing on one
    name, and names starting with ``_`` (reserved), are refused.
    """
    by_key = {k.strip(): k for k in column_map}
    renamed: dict[Any, str] = {}
    used: set[str] = set()
    for col in frame.columns:
        key = by_key.get(str(col).strip())
        if key is not None:
            renamed[col] = column_map[key]
            used.add(key)
        elif header_key(col) in names or (pattern and pattern.fullmatch(header_key(col))):
            renamed[col] = header_key(col)
        elif aliases and camel_key(col) in aliases:
            renamed[col] = aliases[camel_key(col)]
    headers = pd.Index([str(renamed.get(c, c)) for c in frame.columns], dtype=object)
    out = frame.set_axis(headers, axis=1)
    log = IssueLog()
    for name in sorted(c for c in out.columns if c.startswith("_")):
        log.file_error(
            table,
            "reserved_column",
            f"Column {name!r}: names starting with '_' are reserved for leadmodel's own use.",
            "Rename the column (or map it to a leadmodel column with column_map).",
            field=name,
        )
    counts = Counter(out.columns)
    for name in sorted(c for c, n in counts.items() if n > 1):
        sources = [str(c) for c in frame.columns if renamed.get(c, c) == name]
        log.file_error(
            table,
            "duplicate_column",
            f"Columns {sources} all map to {name!r}.",
            "Rename or drop all but one of them, or map only one of them with column_map.",
            field=name,
        )
    if not log.is_empty():
        raise RosterError(log.frame())
    return out, used


def numbered(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with rows numbered 1, 2, ... (index ``_source_row``) unless they already are."""
    if frame.index.name == "_source_row":
        return frame
    out = frame.copy(deep=False)
    out.index = pd.Index(np.arange(1, len(frame) + 1), name="_source_row")
    return out


# ------------------------------------------------------------------ the preamble


class Rows(NamedTuple):
    """One table's rows as :meth:`Intake.rows` gives them to a reader."""

    #: The rows (numbered in ``_row``, blank ones left out), the columns the reader checks.
    rows: pd.DataFrame
    #: The same rows' other columns, to join back to the rows kept (``join_extras``).
    extras: pd.DataFrame
    #: Blank rows left out, each with a warning.
    blank: int
    #: Rows the file layer left out, each with an error (a ragged row, say).
    unread: int
    #: Every column of the table, as mapped.
    columns: frozenset[str]


class Intake:
    """The preamble every reader shares, for the tables of one input.

    Create one per call of a reader with the reader's options; :meth:`table` reads each table
    (a path or a DataFrame) through the same steps; :meth:`provenance` closes the read: it
    reports ``column_map`` keys that matched no column of any table, and gives the input's
    name and checksum.

    Parameters
    ----------
    what
        What the input is, for messages (``"roster"``, ``"survey"``, ``"activity log"``...).
    names
        The canonical column names the reader knows.
    column_map, encoding, delimiter, sheet_name, max_bytes
        The reader's options, as for :func:`~leadmodel.read_roster`.
    pattern
        Numbered canonical names beside ``names`` (a survey's ``advice_id_<n>``).
    aliases
        A standard's own spellings of the reader's columns, ``{camel_key(name): canonical}``
        (see :func:`map_columns`).
    only_known
        Keep only the reader's columns: the others are not read (a standard export's
        passwords, e-mail addresses and nested lists of addresses stay out of the result).
    flatten
        Read objects nested in JSON records as columns (an API's references).
    """

    def __init__(
        self,
        what: str,
        *,
        names: frozenset[str],
        column_map: Mapping[str, str] | None = None,
        encoding: str | None = None,
        delimiter: str | None = None,
        sheet_name: str | int | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        pattern: re.Pattern[str] | None = None,
        aliases: Mapping[str, str] | None = None,
        only_known: bool = False,
        flatten: bool = False,
    ) -> None:
        check_encoding(encoding)
        if delimiter is not None and (not isinstance(delimiter, str) or len(delimiter) != 1):
            raise DefinitionError(f"delimiter= takes one character, not {delimiter!r}.")
        self.what = what
        self.names = names
        self.pattern = pattern
        self.column_map = checked_column_map(column_map, names, pattern)
        self.encoding = encoding
        self.delimiter = delimiter
        self.sheet_name = sheet_name
        self.max_bytes = max_bytes
        self.aliases = dict(aliases or {})
        self.only_known = only_known
        self.flatten = flatten
        self.notes = IssueLog()
        self.paths: list[Path] = []
        self.name = "DataFrame"
        self._used: set[str] = set()

    @property
    def known(self) -> frozenset[str]:
        """Header names worth looking for in a sheet: the map's keys and the reader's names."""
        return frozenset(self.column_map) | self.names

    def path(self, source: str | Path) -> Path:
        """``source`` as a path to an existing file within the size guard."""
        path = Path(source)
        if not self.paths:
            self.name = path.name
        self.paths.append(path)
        guard_size(path, "file", self.max_bytes)
        return path

    def table(
        self, source: str | Path | pd.DataFrame, table: str, *, sheet: str | int | None = None
    ) -> pd.DataFrame:
        """One table of the input, columns mapped, rows numbered as in the input."""
        try:
            return self._table(source, table, sheet=sheet)
        except RosterError as exc:  # what the file layer refused, said of this input
            if exc.what == self.what:
                raise
            issues = pd.concat([self.notes.frame(), exc.issues], ignore_index=True)
            raise RosterError(issues, what=self.what) from None

    def _table(
        self, source: str | Path | pd.DataFrame, table: str, *, sheet: str | int | None
    ) -> pd.DataFrame:
        if isinstance(source, pd.DataFrame):
            return self._screened(source, table, name="the DataFrame", frame_input=True)
        path = self.path(source)
        frame = read_table(
            path,
            table=table,
            encoding=self.encoding,
            delimiter=self.delimiter,
            sheet_name=self.sheet_name if sheet is None else sheet,
            notes=self.notes,
            known=self.known,
            flatten=self.flatten,
        )
        return self._screened(frame, table, name=path.name)

    def _screened(
        self, frame: pd.DataFrame, table: str, *, name: str, frame_input: bool = False
    ) -> pd.DataFrame:
        """A table read: header checked, rows numbered, cells screened, columns mapped."""
        _duplicate_headers(frame, table, name)
        frame = numbered(frame)
        if self.only_known:  # the reader's columns only: the others are not screened either
            mapped_keys = {k.strip() for k in self.column_map}
            frame = frame[
                [c for c in frame.columns if not str(c).startswith("_") or str(c) in mapped_keys]
            ]  # an API's own fields (``_etag``) are not the reader's and not refused
            frame = self.mapped(frame, table, name=name)
            frame = frame[[c for c in frame.columns if self._is_known(c)]]
        frame = refuse_nested_cells(frame, table=table, notes=self.notes)
        if frame_input:
            frame = refuse_infinite_numbers(frame, table=table, notes=self.notes)
        return frame if self.only_known else self.mapped(frame, table, name=name)

    def _is_known(self, column: str) -> bool:
        return column in self.names or bool(self.pattern and self.pattern.fullmatch(column))

    def bundle(
        self, source: str | Path, files: Mapping[str, Iterable[str]]
    ) -> dict[str, pd.DataFrame]:
        """The tables of an export made of several files: a folder, or a zip archive of one.

        ``files`` gives, for each table, the names its file may have (``{"users":
        ["users.csv"]}``), matched without regard to letter case; a table with no file is
        absent from the result, and two files for one table are an ``ambiguous_file`` error
        (:mod:`~leadmodel.readers.archives`). In a zip archive the files may sit in a folder;
        each is held to the size guard as it is read (its stated size and the bytes it unpacks
        to), so an archive that unpacks to far more than it says is refused, not read.
        """
        path = Path(source)
        if path.is_dir():
            found = files_in_folder(path, files, what=self.what)
            tables = {table: self.table(p, table) for table, p in found.items()}
            self.name = path.name
            return tables
        path = self.path(path)
        tables = {}
        with guarded("file", path.name, "a zip archive"):
            archive = zipfile.ZipFile(path)
        with archive:
            for table, info in files_in_archive(archive, files, path.name, what=self.what).items():
                with guarded(table, f"{path.name}:{info.filename}", "a file of a zip archive"):
                    data = self._member_bytes(archive, info, path.name)
                frame = table_from_bytes(
                    data,
                    info.filename,
                    table=table,
                    encoding=self.encoding,
                    delimiter=self.delimiter,
                    notes=self.notes,
                    flatten=self.flatten,
                )
                tables[table] = self._screened(frame, table, name=f"{path.name}:{info.filename}")
        return tables

    def _member_bytes(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
        """The bytes of one file of a zip archive, within the size guard."""
        if info.file_size > self.max_bytes:
            _refuse_size(f"{name}:{info.filename}", info.file_size, self.max_bytes)
        with archive.open(info) as member:
            data = member.read(self.max_bytes + 1)
        if len(data) > self.max_bytes:
            _refuse_size(f"{name}:{info.filename}", len(data), self.max_bytes)
        return data

    def workbook(self, path: str | Path, tables: Iterable[str]) -> dict[str, pd.DataFrame]:
        """The tables of a workbook with one sheet per table (named as in ``tables``).

        A workbook without a sheet named like the first table holds that table alone, in its
        first sheet.
        """
        path = self.path(path)
        names = list(tables)
        sheets = read_sheets(path, table=names[0], notes=self.notes)
        if names[0] not in sheets:
            sheets = {
                names[0]: first_sheet(sheets, name=path.name, table=names[0], notes=self.notes)
            }
        out = {}
        for table in names:
            if table in sheets:
                frame = sheet_table(sheets[table], table=table, notes=self.notes, known=self.known)
                _duplicate_headers(frame, table, f"{path.name}, sheet {table!r}")
                frame = refuse_nested_cells(numbered(frame), table=table, notes=self.notes)
                out[table] = self.mapped(frame, table, name=f"{path.name}, sheet {table!r}")
        return out

    def mapped(self, frame: pd.DataFrame, table: str, *, name: str) -> pd.DataFrame:
        """``frame`` (already read) with its header checked and its columns mapped."""
        _duplicate_headers(frame, table, name)
        out, used = map_columns(
            frame,
            self.column_map,
            table,
            names=self.names,
            pattern=self.pattern,
            aliases=self.aliases,
        )
        self._used |= used
        return out

    def rows(
        self,
        source: str | Path | pd.DataFrame,
        table: str,
        *,
        known: Iterable[str] | None = None,
    ) -> Rows:
        """One table's rows, ready for its reader's checks: read and mapped (:meth:`table`),
        numbered (``_row``), blank rows left out with a warning each, and split into the
        columns the reader checks (``known``, default its names) and the others, which ride
        along untouched (so that checking is linear in the number of columns)."""
        frame = self.table(source, table)
        unread = self.unread(table)
        rows, blank = drop_blank_rows(numbered_rows(frame, table), self.notes, table)
        core, extras = split_extras(rows, self.names if known is None else known)
        return Rows(core, extras, blank, unread, frozenset(map(str, frame.columns)))

    def provenance(self) -> dict[str, Any]:
        """Close the read: report unused map keys; the input's name and checksum."""
        unused = sorted(set(self.column_map) - self._used)
        for key in unused:
            self.notes.add(
                "file",
                pd.DataFrame({"_row": [pd.NA]}),
                code="unused_map_key",
                field=self.column_map[key],
                value=pd.Series([key]),
                message=f"column_map maps {key!r} to {self.column_map[key]!r}, but the "
                f"{self.what} has no column {key!r}; nothing was read into "
                f"{self.column_map[key]!r}.",
                fix="Correct the key to the column's name as it is in the file (or remove it).",
                literal=True,
            )
        checksum = input_checksum(self.paths) if self.paths else None
        return {"name": self.name, "sha256": checksum}

    def unread(self, table: str) -> int:
        """Rows of ``table`` the file layer left out (each has an error in the notes)."""
        return unread_rows(self.notes, table)

    def refuse(self) -> RosterError:
        """The error listing everything noted so far, about this input."""
        return RosterError(self.notes.frame(), what=self.what)


def is_district_json(path: Path) -> bool:
    """Whether a ``.json`` file is leadmodel's nested district document (an object)."""
    with path.open("rb") as fh:
        head = fh.read(4096).removeprefix(b"\xef\xbb\xbf").lstrip()
    return head.startswith(b"{")
