"""Compliance with a leadership model: schools against the model's rules."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from leadmodel.metrics.compliance import ComplianceReport
from leadmodel.plots.style import MAX_LABELS, PALETTE, new_axes, tag, text, tidy

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_compliance", "rule_grid"]


def rule_grid(report: ComplianceReport) -> pd.DataFrame:
    """Schools x rules (tight rules first): 1 met, 0 missed, NaN not measurable."""
    rules = [r for r in report.model.rules if r.kind == "tight"] + [
        r for r in report.model.rules if r.kind == "loose"
    ]
    flat = report.rules.reset_index()
    passed = flat.pivot(index="school_id", columns="rule", values="passed").astype(float)
    measured = flat.pivot(index="school_id", columns="rule", values="value").notna()
    return passed.where(measured.to_numpy(), np.nan)[[r.key for r in rules]]


def plot_compliance(
    report: ComplianceReport, *, max_schools: int = MAX_LABELS, ax: Axes | None = None
) -> Axes:
    """Schools against the model's rules: met, missed or not measurable.

    Up to ``max_schools`` schools: a grid of schools x rules, tight rules left of the
    black line and loose rules right. More schools: one bar per rule counting the
    schools that meet it, miss it or cannot be measured, under a first bar counting
    the schools that meet every tight rule; every school is counted.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import leadmodel as lm
    >>> ax = lm.plot_compliance(lm.compliance(lm.load_sample("district"), "denver"))
    >>> int(lm.plots.measure(ax)["schools_meeting_every_tight_rule"])
    71
    """
    grid = rule_grid(report)
    if len(grid) > max_schools:
        return _rule_bars(report, grid, ax)
    return _grid(report, grid, ax)


def _grid(report: ComplianceReport, grid: pd.DataFrame, ax: Axes | None) -> Axes:
    from matplotlib.colors import ListedColormap

    kinds = {r.key: r.kind for r in report.model.rules}
    ax = new_axes(ax, (max(8.0, 0.6 * grid.shape[1] + 3), max(3.0, 0.22 * len(grid) + 2)))
    cmap = ListedColormap([PALETTE["vermillion"], PALETTE["green"]]).with_extremes(
        bad=PALETTE["grey"]
    )
    ax.imshow(
        np.ma.masked_invalid(grid.to_numpy()),
        cmap=cmap,
        vmin=0,
        vmax=1,
        aspect="auto",
        interpolation="nearest",
    )
    tight = [k for k in grid.columns if kinds[k] == "tight"]
    ax.axvline(len(tight) - 0.5, color=PALETTE["black"], linewidth=2)
    every = (grid[tight] == 1).all(axis=1).to_numpy()
    marks = ax.plot(
        np.full(int(every.sum()), -0.5),
        np.flatnonzero(every),
        linestyle="none",
        marker=">",
        color=PALETTE["black"],
        markersize=5,
        clip_on=False,
    )
    tag(marks, "schools_meeting_every_tight_rule", "points")
    ax.set_xticks(
        range(grid.shape[1]),
        [text(f"{k}\n({kinds[k]})") for k in grid.columns],
        rotation=45,
        ha="right",
        fontsize=8,
    )
    ax.set_yticks(range(len(grid)), [text(s) for s in grid.index], fontsize=7)
    ax.set_title(
        text(
            f"Compliance with {report.model.key}: green met, red missed, grey not measurable; "
            f"{int(every.sum())} of {len(grid)} schools (marked) meet every tight rule"
        ),
        fontsize=9,
    )
    return ax


def _rule_bars(report: ComplianceReport, grid: pd.DataFrame, ax: Axes | None) -> Axes:
    kinds = {r.key: r.kind for r in report.model.rules}
    tight = [k for k in grid.columns if kinds[k] == "tight"]
    every = int((grid[tight] == 1).all(axis=1).sum())
    labels = ["every tight rule", *(f"{k} ({kinds[k]})" for k in grid.columns)]
    met = np.array([every, *((grid[k] == 1).sum() for k in grid.columns)], dtype=float)
    missed = np.array([len(grid) - every, *((grid[k] == 0).sum() for k in grid.columns)], float)
    unknown = len(grid) - met - missed
    y = np.arange(len(labels))[::-1].astype(float)
    ax = new_axes(ax, (8, 0.45 * len(labels) + 2))
    left = np.zeros(len(labels))
    for values, colour, name in (
        (met, PALETTE["green"], "met"),
        (missed, PALETTE["vermillion"], "missed"),
        (unknown, PALETTE["grey"], "not measurable"),
    ):
        bars = ax.barh(y, values, left=left, color=colour, label=name, height=0.7)
        left += values
        if name == "met":
            tag(list(bars)[:1], "schools_meeting_every_tight_rule", "width")
    ax.set_yticks(y, [text(label) for label in labels], fontsize=8)
    ax.axhline(y[0] - 0.5, color=PALETTE["black"], linewidth=1)
    ax.set_xlabel(f"schools (all {len(grid)})")
    ax.set_title(text(f"Compliance with {report.model.key}: schools meeting each rule"))
    ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    tidy(ax)
    return ax
