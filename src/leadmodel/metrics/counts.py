"""Spans estimated from count-level staffing files (FTE counts per school, no people).

State and federal files often give, per school, only the FTE of teachers,
administrators and coaches, and the enrollment. :func:`~leadmodel.read_staffing_counts`
reads such a file (with a column map) and validates it; :func:`count_spans`
estimates spans from it:

``teachers_per_admin_fte``
    ``teacher_fte / admin_fte`` (missing when there is no administrator FTE);
``leader_fte``
    ``admin_fte + coach_fte + teacher_leader_release_fte`` (the columns the file has; an
    unknown part makes it unknown);
``teachers_per_leader_fte``
    ``teacher_fte / leader_fte``.

Examples
--------
>>> import pandas as pd
>>> from leadmodel import count_spans, read_staffing_counts
>>> counts = read_staffing_counts(pd.DataFrame({
...     "school_id": ["A", "B"], "teacher_fte": [54, 20], "admin_fte": [2, 0],
...     "teacher_leader_release_fte": [3, 0]}))
>>> count_spans(counts)[["teachers_per_admin_fte", "teachers_per_leader_fte", "no_admin"]]
           teachers_per_admin_fte  teachers_per_leader_fte  no_admin
school_id
A                            27.0                     10.8     False
B                            <NA>                     <NA>      True
"""

from __future__ import annotations

import pandas as pd

from leadmodel.metrics.coverage import DEFAULT_SPAN_TARGET
from leadmodel.readers.counts import StaffingCounts

__all__ = ["count_spans", "count_table"]


def count_table(counts: StaffingCounts | pd.DataFrame) -> pd.DataFrame:
    """The counts table of :func:`~leadmodel.read_staffing_counts`'s result (or a table)."""
    return counts.table if isinstance(counts, StaffingCounts) else counts


def _count(table: pd.DataFrame, name: str) -> pd.Series:
    """A count column as ``Float64``, unknown (``<NA>``) where the file gives no number."""
    if name in table:
        return table[name].astype("Float64")
    return pd.Series(pd.NA, index=table.index, dtype="Float64")


def count_spans(
    counts: StaffingCounts | pd.DataFrame, *, span_target: int = DEFAULT_SPAN_TARGET
) -> pd.DataFrame:
    """Estimate spans per school from FTE counts.

    A count the file does not give (blank, a no-data mark, a masked small count) is unknown,
    never zero: every figure that needs it is ``<NA>``, and the campus stays in the table.

    Parameters
    ----------
    counts
        What :func:`~leadmodel.read_staffing_counts` returned.
    span_target
        Ceiling on teachers per leader FTE (default 13, Green Dot's maximum).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``school_id``: ``teacher_fte``, ``admin_fte``, ``leader_fte`` (the
        administrator, coach and teacher-leader release FTE the file has columns for; unknown
        when one of them is unknown), ``teachers_per_admin_fte``, ``teachers_per_leader_fte``,
        ``no_admin`` (teachers and a known zero administrator FTE; ``<NA>`` when the
        administrator count is unknown), ``over_target`` (``teachers_per_leader_fte`` above
        ``span_target``, or teachers and a known zero leader FTE) and ``no_data`` (the file
        gives none of the campus's counts).
    """
    table = count_table(counts)
    teachers, admins = _count(table, "teacher_fte"), _count(table, "admin_fte")
    parts = [c for c in ("admin_fte", "coach_fte", "teacher_leader_release_fte") if c in table]
    leaders = _count(table, "admin_fte")
    if parts:
        leaders = sum((_count(table, c) for c in parts[1:]), start=_count(table, parts[0]))
    out = pd.DataFrame(index=table.index)
    out["teacher_fte"] = teachers
    out["admin_fte"] = admins
    out["leader_fte"] = leaders
    out["teachers_per_admin_fte"] = (teachers / admins.where(admins > 0)).astype("Float64")
    out["teachers_per_leader_fte"] = (teachers / leaders.where(leaders > 0)).astype("Float64")
    out["no_admin"] = ((teachers > 0) & (admins == 0)).astype("boolean")
    over = out["teachers_per_leader_fte"] > span_target
    no_leader = (leaders == 0).fillna(False).astype(bool)
    out["over_target"] = over.mask(no_leader, teachers > 0).astype("boolean")
    present = [
        c
        for c in (
            "teacher_fte",
            "admin_fte",
            "coach_fte",
            "teacher_leader_release_fte",
            "enrollment",
        )
        if c in table
    ]
    out["no_data"] = table[present].isna().all(axis=1).astype(bool)
    return out
