"""Writing leadmodel's tables for other tools: roster files, workbooks and exports.

:func:`write_roster` writes a roster so that :func:`~leadmodel.read_roster` gives it
back; :func:`export_tables` writes analysis tables (one file per table, or one
workbook) for planning tools.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import pandas as pd

from leadmodel.errors import DefinitionError
from leadmodel.roster import TABLES, Roster

__all__ = ["TABLE_FORMATS", "export_tables", "write_roster", "write_workbook"]

#: Formats :func:`export_tables` writes.
TABLE_FORMATS = ("csv", "parquet", "xlsx", "json")
TableFormat = Literal["csv", "parquet", "xlsx", "json"]


def write_workbook(tables: Mapping[str, pd.DataFrame], path: Path) -> None:
    """One sheet per table; every text cell is stored as text (never as a formula)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, frame in tables.items():
        sheet = book.create_sheet(name[:31])
        sheet.append([str(c) for c in frame.columns])
        cells = frame.astype(object).where(frame.notna(), None)
        for row in cells.itertuples(index=False):
            sheet.append(list(row))
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # "=1+1" is a name here, not a formula
    book.save(path)


def _write_excel(roster: Roster, path: Path) -> None:
    write_workbook({table: getattr(roster, table) for table in TABLES}, path)


def write_roster(
    roster: Roster,
    path: str | Path,
    *,
    format: Literal["csv", "parquet", "excel", "json"] | None = None,
) -> Path:
    """Write a roster so that :func:`read_roster` gives back an equal roster.

    Parameters
    ----------
    roster
        The roster to write.
    path
        ``*.json`` (one nested JSON document), ``*.xlsx`` (one sheet per table),
        or a directory for ``csv`` / ``parquet`` (one file per table).
    format
        Force a format; by default it follows the suffix, and a path without a
        suffix is a CSV directory.

    Returns
    -------
    pathlib.Path
        The file or directory written.

    Notes
    -----
    CSV stores text: unknown columns read back from CSV are text columns. The
    other formats keep the types of unknown columns (text, whole numbers,
    decimals, true/false).

    Examples
    --------
    >>> import tempfile, leadmodel as lm
    >>> roster = lm.load_sample("kipp_sunshine_peak")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     lm.read_roster(lm.write_roster(roster, f"{tmp}/kipp.xlsx")).equals(roster)
    True
    """
    path = Path(path)
    fmt = format or {".json": "json", ".xlsx": "excel", ".parquet": "parquet"}.get(
        path.suffix.lower(), "csv"
    )
    if fmt == "json":
        path.write_text(roster.to_district().model_dump_json(indent=2) + "\n", encoding="utf-8")
    elif fmt == "excel":
        _write_excel(roster, path)
    elif fmt in ("csv", "parquet"):
        path.mkdir(parents=True, exist_ok=True)
        for table in TABLES:
            frame = getattr(roster, table)
            if fmt == "csv":
                frame.to_csv(path / f"{table}.csv", index=False, lineterminator="\n")
            else:
                frame.to_parquet(path / f"{table}.parquet", index=False)
    else:
        raise DefinitionError(f"Unknown format {format!r}: use csv, parquet, excel or json.")
    return path


def export_tables(
    tables: Mapping[str, pd.DataFrame], path: str | Path, *, format: TableFormat = "csv"
) -> list[Path]:
    """Write tables for other planning tools: one file per table, or one workbook.

    Parameters
    ----------
    tables
        ``{name: frame}``, for example :meth:`Analysis.tables`.
    path
        A directory (created if needed) for ``csv``, ``parquet`` and ``json``
        (one file per table, ``<name>.<format>``; JSON as a list of records); the
        workbook's path for ``xlsx`` (one sheet per table).
    format
        One of :data:`TABLE_FORMATS`.

    Returns
    -------
    list of pathlib.Path
        The files written.
    """
    if format not in TABLE_FORMATS:
        raise DefinitionError(f"Unknown format {format!r}; use one of {', '.join(TABLE_FORMATS)}.")
    target = Path(path)
    if format == "xlsx":
        target.parent.mkdir(parents=True, exist_ok=True)
        write_workbook({name: _text_columns(frame) for name, frame in tables.items()}, target)
        return [target]
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in tables.items():
        out = target / f"{name}.{format}"
        if format == "csv":
            frame.to_csv(out, index=False, lineterminator="\n")
        elif format == "parquet":
            _text_columns(frame).to_parquet(out, index=False)
        else:
            out.write_text(
                frame.to_json(orient="records", indent=1, force_ascii=False) + "\n",
                encoding="utf-8",
            )
        written.append(out)
    return written


def _text_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Categorical columns as text, so every tool reads the same values."""
    out = frame.copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.CategoricalDtype):
            out[col] = out[col].astype("string")
    return out
