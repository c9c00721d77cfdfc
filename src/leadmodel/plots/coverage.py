"""Coverage: who develops each teacher, school by school."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from leadmodel.metrics.coverage import DEFAULT_SPAN_TARGET, CoverageGaps, coverage_gaps
from leadmodel.plots.style import MAX_LABELS, PALETTE, new_axes, tag, text, tidy
from leadmodel.roster import Roster

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["COVERAGE_STATUS", "coverage_counts", "coverage_status", "plot_coverage"]

#: A teacher's developer status: each teacher has exactly one (see :func:`coverage_status`).
COVERAGE_STATUS = ("developer within target", "developer over target", "no developer")
_COLUMNS = {  # the status, and the count column a report's tables give for it
    "developer within target": "developer_within_target",
    "developer over target": "developer_over_target",
    "no developer": "no_developer",
}


def coverage_status(
    data: Roster | CoverageGaps, *, span_target: int = DEFAULT_SPAN_TARGET
) -> pd.Series:
    """Each teacher's developer status: no developer, developer over target (a developer
    whose span is above ``span_target``), or developer within target.

    The three never overlap. Fragmented responsibility (coaching split from evaluation)
    is a separate question, counted on its own by :func:`coverage_counts`.
    ``data`` is a roster or its :func:`~leadmodel.coverage_gaps` (then ``span_target``
    is the one those were computed with).
    """
    gaps = coverage_gaps(data, span_target=span_target) if isinstance(data, Roster) else data
    t = gaps.teachers
    status = np.select(
        [t["no_developer"].astype(bool), t["developer_over_target"].astype(bool)],
        ["no developer", "developer over target"],
        default="developer within target",
    )
    return pd.Series(status, index=t.index, name="status")


def coverage_counts(
    data: Roster | CoverageGaps, *, span_target: int = DEFAULT_SPAN_TARGET
) -> pd.DataFrame:
    """Teachers per school by developer status, and how many are fragmented.

    Columns ``teachers``, ``developer_within_target``, ``developer_over_target``,
    ``no_developer`` (which add up to ``teachers``) and ``fragmented`` (any status).

    >>> import leadmodel as lm
    >>> lm.plots.coverage_counts(lm.load_sample("denver_team_lead")).iloc[0].tolist()
    [48, 48, 0, 0, 7]
    """
    gaps = coverage_gaps(data, span_target=span_target) if isinstance(data, Roster) else data
    status = coverage_status(gaps)
    school = status.index.get_level_values("school_id")
    counts = (
        pd.crosstab(school, status)
        .reindex(columns=list(COVERAGE_STATUS), fill_value=0)
        .rename(columns=_COLUMNS)
    )
    counts.insert(0, "teachers", counts.sum(axis=1))
    fragmented = gaps.teachers["fragmented"].astype(bool).groupby(school).sum()
    counts["fragmented"] = fragmented.reindex(counts.index, fill_value=0).astype(int)
    counts.index.name, counts.columns.name = "school_id", None
    return counts.astype("int64")


def plot_coverage(
    data: Roster | CoverageGaps,
    *,
    span_target: int = DEFAULT_SPAN_TARGET,
    max_schools: int = MAX_LABELS,
    ax: Axes | None = None,
) -> Axes:
    """Teachers by developer status, one stacked bar per school; fragmented teachers as dots.

    Each bar holds every teacher of a school once (:func:`coverage_status`); the black dot
    above it is the number of those teachers whose coaching is split from their
    evaluation (fragmented, whatever their status). Up to ``max_schools`` schools are
    labelled in id order; more are drawn as thin unlabelled bars, sorted by the share
    developed within the target, so that no school is left out. ``data`` is a roster or
    its :func:`~leadmodel.coverage_gaps` computed with ``span_target``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import leadmodel as lm
    >>> ax = lm.plot_coverage(lm.load_sample("district"))
    >>> for name, count in lm.plots.measure(ax).items():
    ...     print(name, int(count))
    developer_within_target 3753
    developer_over_target 3672
    no_developer 0
    fragmented 3941
    """
    counts = coverage_counts(data, span_target=span_target)
    many = len(counts) > max_schools
    if many:
        share = counts["developer_within_target"] / counts["teachers"].where(counts["teachers"] > 0)
        counts = counts.loc[share.fillna(0).sort_values(kind="mergesort").index]
    x = np.arange(len(counts))
    ax = new_axes(ax, (8.0 if many else max(6.0, 0.3 * len(counts) + 3), 4.5))
    bottom = np.zeros(len(counts))
    colours = [PALETTE["green"], PALETTE["orange"], PALETTE["vermillion"]]
    for name, colour in zip(COVERAGE_STATUS, colours, strict=True):
        heights = counts[_COLUMNS[name]].to_numpy(dtype=float)
        bars = ax.bar(x, heights, bottom=bottom, color=colour, label=name, width=0.8)
        tag(bars, _COLUMNS[name], "height")
        bottom += heights
    dots = ax.plot(
        x,
        counts["fragmented"].to_numpy(dtype=float),
        linestyle="none",
        marker="o",
        markersize=3 if many else 5,
        color=PALETTE["black"],
        label="fragmented: coaching split from evaluation",
        zorder=3,
    )
    tag(dots, "fragmented", "y")
    if many:
        ax.set_xticks([])
        ax.set_xlabel(f"{len(counts)} schools, one bar each, by share developed within the target")
    else:
        ax.set_xticks(x, [text(s) for s in counts.index])
        ax.tick_params(axis="x", rotation=90 if len(counts) > 8 else 0)
    ax.set_ylabel("teachers")
    ax.set_title(f"Who develops each teacher (span target {span_target})")
    handles, labels = ax.get_legend_handles_labels()
    order = sorted(range(len(labels)), key=lambda i: labels[i].startswith("fragmented"))
    ax.legend(
        [handles[i] for i in order],
        [labels[i] for i in order],
        frameon=False,
        fontsize=8,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
    )
    tidy(ax)
    return ax
