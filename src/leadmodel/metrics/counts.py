"""Spans estimated from count-level staffing files (FTE counts per school, no people).

State and federal files often give, per school, only the FTE of teachers,
administrators and coaches, and the enrollment. :func:`~leadmodel.read_staffing_counts`
reads such a file (with a column map) and validates it; :func:`count_spans`
estimates spans from it:

``teachers_per_admin_fte``
    ``teacher_fte / admin_fte`` (missing when there is no administrator FTE);
``leader_fte``
    ``admin_fte + coach_fte + teacher_leader_release_fte`` (missing parts count 0);
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

__all__ = ["count_spans"]


def count_spans(counts: pd.DataFrame, *, span_target: int = DEFAULT_SPAN_TARGET) -> pd.DataFrame:
    """Estimate spans per school from FTE counts.

    Parameters
    ----------
    counts
        The table from :func:`read_staffing_counts`.
    span_target
        Ceiling on teachers per leader FTE (default 13, Green Dot's maximum).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``school_id``: ``teacher_fte``, ``admin_fte``,
        ``leader_fte``, ``teachers_per_admin_fte``,
        ``teachers_per_leader_fte``, ``no_admin`` (teachers but no
        administrator FTE) and ``over_target`` (``teachers_per_leader_fte``
        above ``span_target``, or no leader FTE at all).
    """

    def column(name: str) -> pd.Series:
        if name in counts:
            return counts[name].astype("Float64").fillna(0.0)
        return pd.Series(0.0, index=counts.index, dtype="Float64")

    teachers, admins = column("teacher_fte"), column("admin_fte")
    leaders = admins + column("coach_fte") + column("teacher_leader_release_fte")
    out = pd.DataFrame(index=counts.index)
    out["teacher_fte"] = teachers
    out["admin_fte"] = admins
    out["leader_fte"] = leaders
    out["teachers_per_admin_fte"] = (teachers / admins.where(admins > 0)).astype("Float64")
    out["teachers_per_leader_fte"] = (teachers / leaders.where(leaders > 0)).astype("Float64")
    out["no_admin"] = ((teachers > 0) & (admins == 0)).astype(bool)
    over = out["teachers_per_leader_fte"] > span_target
    out["over_target"] = (over.fillna(False) | ((teachers > 0) & (leaders == 0))).astype(bool)
    return out
