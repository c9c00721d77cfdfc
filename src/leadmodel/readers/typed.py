"""Files that carry their own types, Parquet and JSON records, and the cells such types
allow that leadmodel does not take at face value.

A typed file can hold what a table of cells has no meaning for: NaN and infinite numbers, a
list or record in a cell, bytes instead of text, whole numbers that pandas would turn into
floats (changing a 16-digit id). Each is read as what it means or refused with a reported
issue, here, before the reader sees the table.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from leadmodel.errors import RosterError
from leadmodel.readers.issues import IssueLog
from leadmodel.readers.text import guarded

__all__ = ["read_json_records", "read_parquet", "refuse_infinite_numbers", "refuse_nested_cells"]


def read_parquet(path: Path, *, table: str, notes: IssueLog) -> pd.DataFrame:
    """A Parquet file's table; NaN (not missing) and infinite numbers are refused cell by cell."""
    with guarded(table, path.name, "Parquet"), pq.ParquetFile(path) as parquet:
        data = parquet.read()  # the file's reader: half the fixed cost of the dataset reader
        data = _bytes_as_text(data, table=table, name=path.name)
        frame = data.to_pandas()  # inside the guard: the file's pandas metadata may be damaged
        frame = _exact_integers(frame, data)
    bad: dict[str, np.ndarray] = {}
    for name, column in zip(data.column_names, data.columns, strict=True):
        if pa.types.is_floating(column.type):
            nonfinite = pc.invert(pc.is_finite(column))
            flags = pc.fill_null(nonfinite, False).to_numpy(zero_copy_only=False)
            if flags.any():
                bad[name] = flags
    frame.index = pd.Index(np.arange(1, len(frame) + 1), name="_source_row")
    return _refuse_cells(frame, bad, table=table, notes=notes)


def _is_bytes(kind: pa.DataType) -> bool:
    return (
        pa.types.is_binary(kind)
        or pa.types.is_large_binary(kind)
        or pa.types.is_fixed_size_binary(kind)
        or str(kind) == "binary_view"
    )


def _bytes_as_text(data: pa.Table, *, table: str, name: str) -> pa.Table:
    """Binary columns as the UTF-8 text they hold (ids written as bytes); bytes that are not
    UTF-8 text make the file unreadable, naming the column."""
    for at, field in enumerate(data.schema):
        if _is_bytes(field.type):
            try:
                text = data.column(at).cast(pa.large_binary()).cast(pa.large_string())
            except pa.ArrowInvalid:
                log = IssueLog()
                log.file_error(
                    table,
                    "unreadable_file",
                    f"{name} could not be read: its column {field.name!r} holds bytes that are "
                    "not UTF-8 text.",
                    "Write that column as text (UTF-8) in the program that made the file, or "
                    "leave it out.",
                    field=field.name,
                )
                raise RosterError(log.frame()) from None
            data = data.set_column(at, field.name, text)
    return data


def _exact_integers(frame: pd.DataFrame, data: pa.Table) -> pd.DataFrame:
    """Integer columns with missing values as pandas' nullable integers: ``to_pandas`` makes
    them floats, which change integers above 2**53 (a 16-digit id) without a word."""
    holed = [
        name
        for name, column in zip(data.column_names, data.columns, strict=True)
        if pa.types.is_integer(column.type) and column.null_count
    ]
    if not holed or not frame.columns.is_unique:  # repeated headers are refused later
        return frame
    exact = {
        name: pd.Series(
            data.column(name).to_pandas(types_mapper=_NULLABLE_INTEGERS.get), index=frame.index
        )
        for name in holed
        if name in frame.columns
    }
    return frame.assign(**exact)


#: pandas' nullable integer type for each Arrow integer type.
_NULLABLE_INTEGERS: dict[pa.DataType, pd.api.extensions.ExtensionDtype] = {
    pa.int8(): pd.Int8Dtype(),
    pa.int16(): pd.Int16Dtype(),
    pa.int32(): pd.Int32Dtype(),
    pa.int64(): pd.Int64Dtype(),
    pa.uint8(): pd.UInt8Dtype(),
    pa.uint16(): pd.UInt16Dtype(),
    pa.uint32(): pd.UInt32Dtype(),
    pa.uint64(): pd.UInt64Dtype(),
}


def _refuse_cells(
    frame: pd.DataFrame, bad: Mapping[str, np.ndarray], *, table: str, notes: IssueLog
) -> pd.DataFrame:
    """Leave out rows with a NaN or infinite number in ``bad``'s cells, each reported."""
    if not bad:
        return frame
    reported = []
    for name, flags in bad.items():
        at = np.flatnonzero(flags)
        reported.append(
            pd.DataFrame(
                {
                    "_row": frame.index.to_numpy()[at],
                    "_field": name,
                    "value": [str(frame[name].iloc[k]) for k in at],
                }
            )
        )
    rows = pd.concat(reported, ignore_index=True)
    notes.add(
        table,
        rows,
        code="not_a_number",
        field=None,
        value=rows["value"],
        message="The cell holds {value}, which is not a number a count or a share can take; "
        "the row was left out.",
        fix="Give the number, or leave the cell empty if it is unknown.",
    )
    keep = ~np.logical_or.reduce([np.asarray(f, dtype=bool) for f in bad.values()])
    kept: pd.DataFrame = frame[keep]
    return kept


class _DuplicateKey(ValueError):
    pass


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    counts = Counter(k for k, _ in pairs)
    repeated = sorted(k for k, n in counts.items() if n > 1)
    if repeated:
        raise _DuplicateKey(f"a record repeats the key(s) {repeated}")
    return dict(pairs)


def _flattened(record: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """``record`` with each nested object's fields as ``outer.inner`` keys."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        items = _flattened(value, f"{name}.") if isinstance(value, dict) else {name: value}
        clash = sorted(set(items) & set(out))
        if clash:
            raise _DuplicateKey(f"a record gives {clash} twice (once nested)")
        out.update(items)
    return out


def read_json_records(
    raw: bytes, name: str, *, encoding: str | None, table: str, notes: IssueLog, flatten: bool
) -> pd.DataFrame:
    """A JSON file holding a list of records (objects), one per row."""
    with guarded(table, name, "JSON records"):
        text = raw.decode(encoding) if encoding else raw.decode("utf-8-sig")
        # NaN and Infinity are not JSON: kept as the text they are, so no number takes them
        data = json.loads(text, object_pairs_hook=_no_repeated_keys, parse_constant=str)
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise ValueError("expected a list of records (objects), one per row")
        if flatten:
            data = [_flattened(r) for r in data]
    frame = pd.DataFrame.from_records(data) if data else pd.DataFrame()
    frame = _exact_json_integers(frame, data)
    frame.index = pd.Index(np.arange(1, len(frame) + 1), name="_source_row")
    return refuse_infinite_numbers(frame, table=table, notes=notes)


def _exact_json_integers(frame: pd.DataFrame, records: list[dict[str, Any]]) -> pd.DataFrame:
    """Columns of whole numbers with gaps (``null`` or an absent key) as pandas' nullable
    integers, or as the numbers themselves beyond its range: pandas makes them floats, which
    change integers above 2**53 (a 16-digit id) without a word."""
    exact: dict[str, Any] = {}
    for name in frame.columns[(frame.dtypes == np.float64).to_numpy()]:
        values = [record.get(name) for record in records]
        if not all(v is None or type(v) is int for v in values):
            continue  # fractions or NaN: numbers as pandas read them
        if any(v is not None and not -(2**63) <= v < 2**63 for v in values):
            exact[name] = pd.array(values, dtype=object)
        else:
            exact[name] = pd.array(values, dtype="Int64")
    return frame.assign(**exact) if exact else frame


def _infinite_numbers(column: pd.Series) -> np.ndarray:
    """Cells holding an infinite number (JSON's ``1e400``, a DataFrame's ``inf``).

    A NaN here is pandas' mark for a missing value (a JSON ``null``), not a refused number.
    """
    if pd.api.types.is_float_dtype(column.dtype):
        values = column.to_numpy(dtype=float, na_value=np.nan)
        infinite: np.ndarray = np.isinf(values)
        return infinite
    if column.dtype == np.dtype(object):
        return np.array([isinstance(v, float) and math.isinf(v) for v in column], dtype=bool)
    return np.zeros(len(column), dtype=bool)


def refuse_nested_cells(frame: pd.DataFrame, *, table: str, notes: IssueLog) -> pd.DataFrame:
    """Leave out rows holding a list, a record or an array in a cell, each reported.

    A table cell holds one value; a nested one (Parquet list or struct columns, JSON arrays
    and objects) has no meaning for leadmodel, and turning it into text would hide it.
    """
    flagged: dict[str, np.ndarray] = {}
    mixed = np.array([dtype == np.dtype(object) for dtype in frame.dtypes], dtype=bool)
    for at in map(int, np.flatnonzero(mixed)):  # only object columns can hold a list
        name, column = frame.columns[at], frame.iloc[:, at]
        flags = np.fromiter(
            (isinstance(v, list | tuple | dict | set | np.ndarray) for v in column),
            dtype=bool,
            count=len(column),
        )
        if flags.any():
            flagged[str(name)] = flags
    if not flagged:
        return frame
    parts = [
        pd.DataFrame({"_row": frame.index.to_numpy()[np.flatnonzero(f)], "_field": name})
        for name, f in flagged.items()
    ]
    rows = pd.concat(parts, ignore_index=True)
    notes.add(
        table,
        rows,
        code="nested_value",
        field=None,
        message="The cell holds a list or a record, not one value; the row was left out.",
        fix="Give one value per cell (split a list into rows, or join it into text).",
    )
    keep = ~np.logical_or.reduce(list(flagged.values()))
    kept: pd.DataFrame = frame[keep]
    return kept


def refuse_infinite_numbers(frame: pd.DataFrame, *, table: str, notes: IssueLog) -> pd.DataFrame:
    """Leave out rows of a DataFrame input holding an infinite number, each reported.

    In a DataFrame, NaN is pandas' mark for a missing value and stays missing.
    """
    bad = {
        str(name): flags
        for name, column in frame.items()
        if (flags := _infinite_numbers(column)).any()
    }
    return _refuse_cells(frame, bad, table=table, notes=notes)


# ------------------------------------------------------------------ columns
