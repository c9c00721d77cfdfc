"""Writing leadmodel's tables for other tools: roster files, workbooks and exports.

:func:`write_roster` writes a roster so that :func:`~leadmodel.read_roster` gives it
back; :func:`export_tables` writes analysis tables for planning tools (one file per
table in a folder, or one workbook); :func:`write_workbook` and :func:`write_csv`
are the two spreadsheet writers underneath. Every writer here:

- writes to a temporary file (or folder) beside the target and renames it into
  place, so that a write that fails leaves the user's files as they were;
- gives the same bytes for the same tables: workbooks carry a fixed creation date
  (:data:`WORKBOOK_CREATED`) and zip entries the date Excel itself uses;
- keeps text as text: every string in a workbook is a string cell, and one that a
  spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a
  tab or a carriage return) also gets Excel's quote prefix, so that it stays text
  when someone edits the cell; in CSV meant for spreadsheets (``formula_safe=True``)
  such text is written with a leading apostrophe;
- reports every change it has to make as an :class:`~leadmodel.errors.OutputWarning`
  naming the cells: characters a workbook cannot hold (control characters) replaced
  by U+FFFD, carriage returns written as line feeds, text longer than an Excel cell
  (32,767 characters) cut, numbers Excel cannot hold written as text, formulas
  quoted in CSV.

Folders hold one file per table and a ``manifest.json`` naming them; a path that
names a file (``x.parquet``, ``x.csv``) is never turned into a folder.

Examples
--------
>>> import json, tempfile, pathlib
>>> import leadmodel as lm
>>> folder = pathlib.Path(tempfile.mkdtemp()) / "kipp"
>>> tables = lm.Analysis(lm.load_sample("kipp_sunshine_peak")).tables()
>>> written = lm.export_tables(tables, folder, format="parquet")
>>> [p.name for p in written][:3], written[-1].name
(['accounting.parquet', 'cost.parquet', 'coverage_leaders.parquet'], 'manifest.json')
>>> manifest = json.loads(written[-1].read_text(encoding="utf-8"))
>>> manifest["format"], manifest["tables"][0]["file"]
('parquet', 'accounting.parquet')
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import tempfile
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from leadmodel._version import __version__
from leadmodel.atomic import atomic_file, atomic_text, default_mode
from leadmodel.errors import DefinitionError, OutputWarning
from leadmodel.roster import TABLES, Roster

__all__ = [
    "EXCEL_CELL_CHARS",
    "FORMULA_START",
    "MANIFEST",
    "TABLE_FORMATS",
    "WORKBOOK_CREATED",
    "export_tables",
    "roster_target",
    "write_csv",
    "write_roster",
    "write_workbook",
]

#: Formats :func:`export_tables` writes.
TABLE_FORMATS = ("csv", "parquet", "xlsx", "json")
TableFormat = Literal["csv", "parquet", "xlsx", "json"]
RosterFormat = Literal["csv", "parquet", "excel", "xlsx", "json"]
#: The most characters an Excel cell holds; longer text is cut, with a warning.
EXCEL_CELL_CHARS = 32_767
#: Rows and columns of one worksheet (the header takes one row).
EXCEL_MAX_ROWS, EXCEL_MAX_COLUMNS = 1_048_576, 16_384
#: The creation date every workbook carries, so that a rerun gives the same bytes.
WORKBOOK_CREATED = datetime(2000, 1, 1, tzinfo=UTC)
#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: The file naming every table of a folder export.
MANIFEST = "manifest.json"
#: Suffixes that name a file: a folder export to such a path is refused.
FILE_SUFFIXES = frozenset(
    {
        ".csv",
        ".tsv",
        ".txt",
        ".parquet",
        ".pq",
        ".json",
        ".jsonl",
        ".xlsx",
        ".xls",
        ".xlsm",
        ".graphml",
        ".html",
        ".md",
    }
)

_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_PLAIN_NUMBER = r"[+-]?(?:\d[\d,]*\.?\d*|\.\d+)(?:[eE][+-]?\d+)?%?"
_EXACT_INTEGERS = 2**53
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


# ---------------------------------------------------------------- what a writer changed


@dataclass
class _Changes:
    """The cells a writer had to change, by kind, for one warning per file."""

    file: str
    replaced: list[str] = field(default_factory=list)
    line_breaks: list[str] = field(default_factory=list)
    cut: list[str] = field(default_factory=list)
    as_text: list[str] = field(default_factory=list)
    quoted: list[str] = field(default_factory=list)
    emptied: list[str] = field(default_factory=list)

    def warn(self) -> None:
        kinds = (
            (self.replaced, "held control characters a workbook cannot store (replaced by U+FFFD)"),
            (self.line_breaks, "held carriage returns (written as line feeds)"),
            (self.cut, f"held more than {EXCEL_CELL_CHARS:,} characters (cut to that length)"),
            (self.as_text, "held numbers a workbook cannot store exactly (written as text)"),
            (
                self.quoted,
                "began like a spreadsheet formula (written with a leading ' so that they stay "
                "text; formula_safe=False writes them as they are)",
            ),
            (
                self.emptied,
                "held empty text, which CSV writes as it writes a missing value (read back as "
                "missing; Parquet and JSON keep it)",
            ),
        )
        parts = [f"{len(cells)} cell(s) {what}: {_cells(cells)}" for cells, what in kinds if cells]
        if parts:
            warnings.warn(f"{self.file}: " + "; ".join(parts) + ".", OutputWarning, stacklevel=4)


def _cells(where: list[str], shown: int = 5) -> str:
    more = f" and {len(where) - shown} more" if len(where) > shown else ""
    return ", ".join(where[:shown]) + more


def _excel_ref(row: int, col: int) -> str:
    """``A1``-style reference of a zero-based cell."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"


# ---------------------------------------------------------------- files written in one piece


def _folder(path: Path, what: str) -> Path:
    """Check that ``path`` can be a folder of tables (and is not named like a file)."""
    if path.exists() and not path.is_dir():
        raise DefinitionError(
            f"{path} is a file, but {what} is a folder with one file per table: give the name "
            "of a folder."
        )
    if not path.is_dir() and path.suffix.lower() in FILE_SUFFIXES:
        raise DefinitionError(
            f"{path.name!r} names a file, but {what} is a folder with one file per table and a "
            f"{MANIFEST}: give a folder name such as {path.stem!r} (or write one workbook with "
            "the xlsx format)."
        )
    return path


def _atomic_folder(
    target: Path, files: Mapping[str, Callable[[Path], object]], manifest: dict[str, Any] | None
) -> list[Path]:
    """Write every file into a temporary folder beside ``target``, then move each into place.

    Files named by an earlier manifest in ``target`` and not written now are removed, so
    the folder holds exactly what its manifest names; other files are left alone.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        for name, write in files.items():
            write(stage / name)
        names = list(files)
        if manifest is not None:
            (stage / MANIFEST).write_text(
                json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
            )
            names.append(MANIFEST)
        stale = _manifest_files(target) - set(names)
        for name in names:
            default_mode(stage / name)
        target.mkdir(exist_ok=True)
        for name in names:
            os.replace(stage / name, target / name)
        for name in sorted(stale):
            (target / name).unlink(missing_ok=True)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return [target / name for name in names]


def _manifest_files(folder: Path) -> set[str]:
    """The plain file names an earlier manifest in ``folder`` lists (none if unreadable)."""
    try:
        old = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        files = {str(t["file"]) for t in old["tables"]}
    except (OSError, ValueError, KeyError, TypeError):
        return set()
    return {f for f in files if f == Path(f).name and not f.startswith(".")}


def _manifest(fmt: str, tables: Mapping[str, pd.DataFrame], files: Iterable[str]) -> dict[str, Any]:
    return {
        "written_by": f"leadmodel {__version__}",
        "format": fmt,
        "tables": [
            {"name": name, "file": file, "rows": len(frame), "columns": [str(c) for c in frame]}
            for (name, frame), file in zip(tables.items(), files, strict=True)
        ],
    }


def _with_suffix(path: Path, suffix: str) -> Path:
    """``path`` ending in ``suffix``: added when missing, an error when another file suffix."""
    if path.suffix.lower() == suffix:
        return path
    if path.suffix.lower() in FILE_SUFFIXES:
        raise DefinitionError(f"{path.name!r} does not end in {suffix}: name it *{suffix}.")
    return path.with_name(path.name + suffix)


# ---------------------------------------------------------------- workbooks


def write_workbook(tables: Mapping[str, pd.DataFrame], path: str | Path) -> Path:
    """Write tables as one workbook, a sheet per table, with XlsxWriter.

    Every text cell is a string cell (never a formula, a link or a number), and text a
    spreadsheet would run as a formula carries Excel's quote prefix; headers too. The
    header row is frozen. Time is linear in the number of cells; the same tables give
    the same bytes. Changes the workbook forces (see the module notes) are reported as
    one :class:`~leadmodel.errors.OutputWarning`.

    Parameters
    ----------
    tables
        ``{sheet name: frame}``; the index is not written (reset it first to keep it).
    path
        The workbook (``.xlsx`` is added to a path without a suffix).

    Returns
    -------
    pathlib.Path
        The workbook written.

    Raises
    ------
    DefinitionError
        For a sheet name Excel refuses (empty, over 31 characters, ``[]:*?/\\``, or the
        same as another in any letter case) or a table larger than a sheet.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> frame = pd.DataFrame({"=HYPERLINK(\\"x\\")": ["=1+1", "plain"], "n": [1, 2]})
    >>> path = write_workbook({"t": frame}, folder / "t.xlsx")
    >>> pd.read_excel(path).columns.tolist(), pd.read_excel(path)["=HYPERLINK(\\"x\\")"].tolist()
    (['=HYPERLINK("x")', 'n'], ['=1+1', 'plain'])
    >>> write_workbook({"t": frame}, folder / "again.xlsx").read_bytes() == path.read_bytes()
    True
    """
    target = _with_suffix(Path(path), ".xlsx")
    _check_sheets(tables)
    changes = _Changes(target.name)
    atomic_file(target, lambda tmp: _write_book(tables, tmp, changes))
    changes.warn()
    return target


def _check_sheets(tables: Mapping[str, pd.DataFrame]) -> None:
    seen: set[str] = set()
    for name, frame in tables.items():
        if not name or len(name) > 31 or _SHEET_NAME_BAD.search(name) or name.lower() in seen:
            raise DefinitionError(
                f"{name!r} cannot name a sheet: Excel takes 1 to 31 characters, none of "
                "[ ] : * ? / \\, and each name once in any letter case. Rename the table."
            )
        seen.add(name.lower())
        if len(frame) >= EXCEL_MAX_ROWS or frame.shape[1] > EXCEL_MAX_COLUMNS:
            raise DefinitionError(
                f"Table {name!r} has {len(frame):,} rows and {frame.shape[1]:,} columns; a sheet "
                f"holds {EXCEL_MAX_ROWS - 1:,} rows under its header and {EXCEL_MAX_COLUMNS:,} "
                "columns. Export it as CSV or Parquet."
            )


def _write_book(tables: Mapping[str, pd.DataFrame], path: Path, changes: _Changes) -> None:
    import xlsxwriter  # imported here: only workbook writers need it

    book = xlsxwriter.Workbook(
        str(path),
        {
            "in_memory": True,  # zip entries dated 1980-01-01 (reproducible bytes)
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "remove_timezone": True,
        },
    )
    book.set_properties({"created": WORKBOOK_CREATED})
    cell = _CellWriter(
        quoted=book.add_format({"quote_prefix": True}),
        stamp=book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"}),
        changes=changes,
    )
    for name, frame in tables.items():
        sheet = book.add_worksheet(name)
        cell.sheet, cell.name = sheet, name
        for col, header in enumerate(frame.columns):
            cell.write(0, col, str(header))
        values = frame.astype(object).where(frame.notna(), None)
        for row, record in enumerate(values.itertuples(index=False, name=None), start=1):
            for col, value in enumerate(record):
                if value is not None:
                    cell.write(row, col, value)
        sheet.freeze_panes(1, 0)
    book.close()


@dataclass
class _CellWriter:
    """Writes one cell by the type of its value; records what it had to change."""

    quoted: Any
    stamp: Any
    changes: _Changes
    sheet: Any = None
    name: str = ""

    def write(self, row: int, col: int, value: object) -> None:
        if isinstance(value, bool | np.bool_):
            self.sheet.write_boolean(row, col, bool(value))
        elif isinstance(value, int | np.integer):
            if abs(int(value)) <= _EXACT_INTEGERS:
                self.sheet.write_number(row, col, int(value))
            else:
                self._as_text(row, col, str(value))
        elif isinstance(value, float | np.floating):
            if math.isfinite(value):
                self.sheet.write_number(row, col, float(value))
            else:
                self._as_text(row, col, str(value))
        elif isinstance(value, datetime | date):
            self.sheet.write_datetime(row, col, value, self.stamp)
        else:
            self.text(row, col, value if isinstance(value, str) else str(value))

    def _as_text(self, row: int, col: int, text: str) -> None:
        self.changes.as_text.append(f"{self.name}!{_excel_ref(row, col)}")
        self.text(row, col, text)

    def text(self, row: int, col: int, text: str) -> None:
        where = f"{self.name}!{_excel_ref(row, col)}"
        if _ILLEGAL_XML.search(text):
            text = _ILLEGAL_XML.sub("\ufffd", text)
            self.changes.replaced.append(where)
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
            self.changes.line_breaks.append(where)
        if (
            len(text) > EXCEL_CELL_CHARS // 2
            and len(text.encode("utf-16-le")) > 2 * EXCEL_CELL_CHARS
        ):
            text = text.encode("utf-16-le")[: 2 * EXCEL_CELL_CHARS].decode("utf-16-le", "ignore")
            self.changes.cut.append(where)
        fmt = self.quoted if text.startswith(FORMULA_START) else None
        self.sheet.write_string(row, col, text, fmt)


# ---------------------------------------------------------------- CSV


def write_csv(frame: pd.DataFrame, path: str | Path, *, formula_safe: bool = True) -> Path:
    """Write one table as UTF-8 CSV (``\\n`` line ends, no index) in one piece.

    Parameters
    ----------
    frame
        The table.
    path
        The file.
    formula_safe
        Write text that a spreadsheet would run as a formula (it starts with ``=``,
        ``+``, ``-``, ``@``, a tab or a carriage return and is not a plain number) with a
        leading ``'``, in the header too, and warn naming the cells. On by default: CSV
        files are opened in spreadsheets. ``False`` writes every value as it is.

    Returns
    -------
    pathlib.Path
        The file written.

    Examples
    --------
    >>> import tempfile, pathlib, warnings, pandas as pd
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> frame = pd.DataFrame({"note": ["=cmd|' /C calc'!A0", "-5", "ok"]})
    >>> with warnings.catch_warnings(record=True):
    ...     print(write_csv(frame, path).read_text(encoding="utf-8"), end="")
    note
    '=cmd|' /C calc'!A0
    -5
    ok
    """
    target = Path(path)
    changes = _Changes(target.name)
    _note_empty_texts(frame, changes)
    out = _formula_safe(frame, changes) if formula_safe else frame
    atomic_file(target, lambda tmp: out.to_csv(tmp, index=False, lineterminator="\n"))
    changes.warn()
    return target


def _formula_safe(frame: pd.DataFrame, changes: _Changes) -> pd.DataFrame:
    """``frame`` with formula-like text quoted by a leading apostrophe (cells and header)."""
    out = frame.copy()
    headers = pd.Series([str(c) for c in frame.columns], dtype="string")
    risky = _formula_like(headers)
    if risky.any():
        changes.quoted += [f"header {h!r}" for h in headers[risky]]
        out.columns = [f"'{h}" if r else h for h, r in zip(headers, risky, strict=True)]
    for position, column in enumerate(frame.columns):
        values = frame.iloc[:, position]
        if not (values.dtype == object or isinstance(values.dtype, pd.StringDtype)):
            continue
        texts = values.map(lambda v: v if isinstance(v, str) else None).astype("string")
        risky = _formula_like(texts)
        if risky.any():
            rows = np.flatnonzero(risky.to_numpy()) + 2  # file rows: the header is row 1
            changes.quoted += [f"row {r} column {column!r}" for r in rows]
            quoted = values.astype(object).copy()
            quoted[risky.to_numpy()] = "'" + texts[risky]
            out.isetitem(position, quoted.astype(values.dtype).array)
    return out


def _note_empty_texts(frame: pd.DataFrame, changes: _Changes) -> None:
    """Note the cells of empty text, which a CSV file cannot tell from missing ones."""
    for position, column in enumerate(frame.columns):
        values = frame.iloc[:, position]
        if isinstance(values.dtype, pd.StringDtype):  # one vectorised pass (a roster's ids)
            empty = values.eq("").to_numpy(dtype=bool, na_value=False)
        elif values.dtype == object:
            empty = values.map(lambda v: isinstance(v, str) and not v).to_numpy(dtype=bool)
        else:
            continue
        changes.emptied += [f"row {r + 2} column {column!r}" for r in np.flatnonzero(empty)]


def _formula_like(texts: pd.Series) -> pd.Series:
    """Whether each text would be read as a formula by a spreadsheet."""
    starts = texts.str.match(r"[=+\-@\t\r]").fillna(False).astype(bool)
    number = texts.str.fullmatch(_PLAIN_NUMBER).fillna(False).astype(bool)
    return starts & ~number & (texts.str.len().fillna(0) > 1)


# ---------------------------------------------------------------- rosters


def write_roster(
    roster: Roster,
    path: str | Path,
    *,
    format: RosterFormat | None = None,
    formula_safe: bool = False,
    manifest: bool = True,
) -> Path:
    """Write a roster so that :func:`read_roster` gives back an equal roster.

    Parameters
    ----------
    roster
        The roster to write.
    path
        ``*.json`` (one nested JSON document), ``*.xlsx`` (one sheet per table), or a
        folder for ``csv`` / ``parquet`` (one file per table and a ``manifest.json``).
        A path named like a file (``x.parquet``) is not made into a folder: that is an
        error. With ``format`` json or excel, a path without a suffix gets one.
    format
        ``"csv"``, ``"parquet"``, ``"excel"`` (or ``"xlsx"``) or ``"json"``; by default it
        follows the suffix, and a path without a suffix is a CSV folder.
    formula_safe
        For CSV: quote text a spreadsheet would run as a formula (see :func:`write_csv`).
        Off by default, because :func:`read_roster` would then read the quote back; a
        workbook is always safe and still reads back equal.
    manifest
        Write ``manifest.json`` into a CSV or Parquet folder, naming its files.

    Returns
    -------
    pathlib.Path
        The file or folder written.

    Raises
    ------
    DefinitionError
        For an unknown format, or a path that does not fit the format.

    Notes
    -----
    CSV stores text: unknown columns read back from CSV are text columns. The other
    formats keep the types of unknown columns (text, whole numbers, decimals,
    true/false). Changes a format forces (control characters in a workbook, text over
    32,767 characters) are reported as an :class:`~leadmodel.errors.OutputWarning`.

    Examples
    --------
    >>> import tempfile, leadmodel as lm
    >>> roster = lm.load_sample("kipp_sunshine_peak")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     lm.read_roster(lm.write_roster(roster, f"{tmp}/kipp.xlsx")).equals(roster)
    True
    """
    fmt, path = roster_target(path, format)
    tables = {table: getattr(roster, table) for table in TABLES}
    if fmt == "json":
        return atomic_text(path, roster.to_district().model_dump_json(indent=2) + "\n")
    if fmt == "excel":
        return write_workbook(tables, path)
    files = {
        f"{table}.{fmt}": _table_writer(frame, fmt, formula_safe) for table, frame in tables.items()
    }
    note = _manifest(fmt, tables, files) if manifest else None
    _atomic_folder(path, files, note)
    return path


def roster_target(path: str | Path, format: str | None = None) -> tuple[str, Path]:
    """The format :func:`write_roster` would write and the path it would write to.

    Raises :class:`~leadmodel.DefinitionError`, as :func:`write_roster` would, for a
    path that does not fit the format; nothing is written (the command line checks an
    output path this way before it reads a roster).

    >>> roster_target("x", "excel"), roster_target("tables")
    (('excel', PosixPath('x.xlsx')), ('csv', PosixPath('tables')))
    """
    target = Path(path)
    fmt = _roster_format(target, format)
    if fmt == "json":
        return fmt, _with_suffix(target, ".json")
    if fmt == "excel":
        return fmt, _with_suffix(target, ".xlsx")
    return fmt, _folder(target, f"a roster in {'CSV' if fmt == 'csv' else 'Parquet'}")


def _roster_format(path: Path, format: str | None) -> str:
    if format is not None:
        fmt = {"xlsx": "excel"}.get(format, format)
        if fmt not in ("csv", "parquet", "excel", "json"):
            raise DefinitionError(f"Unknown format {format!r}: use csv, parquet, excel or json.")
        return fmt
    suffix = path.suffix.lower()
    if suffix in ("", ".json", ".xlsx"):
        return {"": "csv", ".json": "json", ".xlsx": "excel"}[suffix]
    if suffix in (".csv", ".parquet"):
        raise DefinitionError(
            f"{path.name!r} names one file, but a roster in {suffix[1:]} is a folder with one "
            f"file per table (staff{suffix}, links{suffix}, ...): give a folder name such as "
            f"{path.stem!r} with format={suffix[1:]!r}, or name a *.xlsx or *.json file."
        )
    raise DefinitionError(
        f"Cannot tell the format from {path.name!r}: name a *.json or *.xlsx file, give a "
        "folder name for CSV, or pass format=."
    )


def _table_writer(frame: pd.DataFrame, fmt: str, formula_safe: bool) -> Callable[[Path], object]:
    """A function writing ``frame`` in ``fmt`` to the path it is given."""
    if fmt == "csv":
        return lambda p: write_csv(frame, p, formula_safe=formula_safe)
    if fmt == "parquet":
        return lambda p: _parquet(frame, p)
    return lambda p: p.write_text(
        frame.to_json(orient="records", indent=1, force_ascii=False, date_format="iso") + "\n",
        encoding="utf-8",
    )


def _parquet(frame: pd.DataFrame, path: Path) -> None:
    import pyarrow as pa

    try:
        _text_columns(_mixed_as_text(frame)).to_parquet(path, index=False)
    except (pa.ArrowException, ValueError, TypeError) as exc:
        raise DefinitionError(
            f"Table {path.stem!r} cannot be written as Parquet ({exc}): give each column one "
            "type, or export it as CSV."
        ) from None


# ---------------------------------------------------------------- analysis tables


def export_tables(
    tables: Mapping[str, pd.DataFrame],
    path: str | Path,
    *,
    format: TableFormat = "csv",
    formula_safe: bool = True,
) -> list[Path]:
    """Write tables for other planning tools: a folder of files, or one workbook.

    Parameters
    ----------
    tables
        ``{name: frame}``, for example :meth:`Analysis.tables`.
    path
        For ``csv``, ``parquet`` and ``json``: a folder (created if needed) with one file
        per table, ``<name>.<format>`` (JSON as a list of records), and a
        ``manifest.json`` naming each file with its rows and columns; a path named like a
        file (``x.parquet``) is refused. For ``xlsx``: the workbook (``.xlsx`` added when
        the path has no suffix), one sheet per table.
    format
        One of :data:`TABLE_FORMATS`.
    formula_safe
        For CSV: quote text a spreadsheet would run as a formula (see :func:`write_csv`).

    Returns
    -------
    list of pathlib.Path
        The files written (for a folder, the manifest last).

    Raises
    ------
    DefinitionError
        For an unknown format, a path that does not fit it, or a table name that
        cannot name a file (or a sheet).
    """
    if format not in TABLE_FORMATS:
        raise DefinitionError(f"Unknown format {format!r}; use one of {', '.join(TABLE_FORMATS)}.")
    if format == "xlsx":
        return [write_workbook({n: _text_columns(f) for n, f in tables.items()}, path)]
    target = _folder(Path(path), f"a {format} export")
    for name in tables:
        if not name or name != Path(name).name or name.startswith(".") or name == "manifest":
            raise DefinitionError(f"{name!r} cannot name a file: rename the table.")
    files = {
        f"{name}.{format}": _table_writer(frame, format, formula_safe)
        for name, frame in tables.items()
    }
    return _atomic_folder(target, files, _manifest(format, tables, files))


def _text_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Categorical columns as text, so every tool reads the same values."""
    out = frame.copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.CategoricalDtype):
            out[col] = out[col].astype("string")
    return out


def _mixed_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns mixing numbers and text (``span_matrix``'s layers ``0, 1, ..., "none"``) as
    text: a Parquet column holds one type (a spreadsheet's cells each keep their own). Other
    mixtures (a list beside a number) are left for the Parquet writer to refuse."""
    mixed = [
        col
        for col in frame.columns
        if frame[col].dtype == object
        and pd.api.types.infer_dtype(frame[col]).startswith("mixed")
        and all(
            isinstance(v, str | int | float | np.number) or v is None or v is pd.NA
            for v in frame[col]
        )
    ]
    return frame.astype(dict.fromkeys(mixed, "string")) if mixed else frame
