"""Reading count-level staffing files: FTE of teachers, administrators and coaches per school.

State and federal files give no people, only counts per campus. :func:`read_staffing_counts`
maps such a file onto :data:`COUNT_COLUMNS` and checks it; the estimates are in
:mod:`leadmodel.metrics.counts`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from leadmodel.errors import DefinitionError, RosterError
from leadmodel.readers.issues import (
    IssueLog,
    check_school_ids,
    negative_field,
    numeric_field,
    to_text,
)

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


def read_staffing_counts(
    source: str | Path | pd.DataFrame, *, column_map: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """Read and validate a count-level staffing file: one row per school.

    Parameters
    ----------
    source
        A CSV, Excel or Parquet file, or a DataFrame.
    column_map
        ``{"Your column": "canonical"}`` onto :data:`COUNT_COLUMNS`; other
        columns are kept.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``school_id``, numeric columns as ``Float64``.

    Raises
    ------
    RosterError
        Listing every problem: missing columns, non-numbers, negative counts,
        duplicate schools.
    """
    for target in (column_map or {}).values():
        if target not in COUNT_COLUMNS:
            raise DefinitionError(
                f"column_map target {target!r} is not a staffing-count column; "
                f"use one of: {', '.join(COUNT_COLUMNS)}."
            )
    if isinstance(source, pd.DataFrame):
        raw = source.copy()
    else:
        from leadmodel.readers.files import read_table

        raw = read_table(
            Path(source), table="schools", encoding=None, delimiter=None, sheet_name=None
        )
    raw = raw.rename(columns=dict(column_map or {}))
    log = IssueLog()
    for col in ("school_id", "teacher_fte"):
        if col not in raw:
            log.file_error(
                "schools",
                "missing_column",
                f"The staffing file has no {col!r} column.",
                f"Map your column to it with column_map={{'Your name': '{col}'}}.",
                field=col,
            )
    if not log.is_empty():
        raise RosterError(log.frame())
    table = raw.reset_index(drop=True)
    table.insert(0, "_row", np.arange(1, len(table) + 1))
    table["school_id"] = to_text(table["school_id"])
    check_school_ids(table, log)
    for col in _NUMERIC:
        if col in table:
            numeric_field(table, "schools", col, log)
            negative_field(table, "schools", col, log)
    if not log.is_empty():
        raise RosterError(log.frame())
    return table.drop(columns="_row").set_index("school_id").sort_index()
