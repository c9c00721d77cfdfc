"""Spans of control: distributions by school or scenario, and against reference spans."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from leadmodel.metrics.spans import span_of_control
from leadmodel.plots.style import (
    MAX_LABELS,
    PALETTE,
    more_note,
    new_axes,
    nothing_to_draw,
    text,
    tidy,
)
from leadmodel.presets.benchmarks import span_benchmarks
from leadmodel.roster import Roster, checked_table

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_span_benchmarks", "plot_spans"]


def plot_spans(
    data: Roster | Mapping[str, Roster],
    *,
    relation: str = "develops",
    max_groups: int = MAX_LABELS,
    ax: Axes | None = None,
) -> Axes:
    """Span distributions side by side: one box per scenario (or per school of one roster).

    Each box shows the spans of the leaders who hold ``relation`` to anyone; the
    dots are the leaders themselves. A roster of more than ``max_groups`` schools is
    drawn one box per school model (the schools table's ``model``) when there are few
    enough models, else as the ``max_groups`` schools with the largest spans, with the
    number left out written in the figure.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import leadmodel as lm
    >>> ax = lm.plot_spans(lm.load_sample("district"))  # 185 schools: one box per model
    >>> for label in ax.get_xticklabels():
    ...     print(label.get_text().replace("\\n", " "))
    denver (71 schools)
    fresno (14 schools)
    green_dot (12 schools)
    traditional (88 schools)
    """
    groups, what = _span_groups(data, relation, max_groups)
    shown = dict(list(groups.items())[:max_groups])
    values = [g[g > 0].to_numpy() for g in shown.values()]
    ax = new_axes(ax, (max(8.0, 0.35 * len(shown) + 2), 4.5))
    if not shown:
        return nothing_to_draw(ax, f"No leader holds the {relation} relation to anyone.")
    ax.boxplot(
        values,
        tick_labels=[text(k) for k in shown],
        widths=0.5,
        showfliers=False,
        medianprops={"color": PALETTE["vermillion"], "linewidth": 2},
    )
    rng = np.random.default_rng(0)
    for i, v in enumerate(values, start=1):
        ax.scatter(
            i + rng.uniform(-0.12, 0.12, len(v)),
            v,
            s=14 if len(v) < 300 else 4,
            color=PALETTE["blue"],
            alpha=0.7,
            zorder=3,
        )
    if len(shown) > 8:
        ax.tick_params(axis="x", rotation=90, labelsize=7 if len(shown) > 20 else 8)
    more_note(ax, len(groups) - len(shown), "schools (those with smaller spans)")
    ax.set_ylabel(f"people per leader ({relation} span)")
    ax.set_title(f"Spans of control by {what}: each dot is a leader")
    ax.set_ylim(bottom=0)
    tidy(ax)
    return ax


def _span_groups(
    data: Roster | Mapping[str, Roster], relation: str, max_groups: int
) -> tuple[dict[str, pd.Series], str]:
    """Spans by scenario, school, or school model (when there are too many schools)."""
    if not isinstance(data, Roster):
        groups = {name: span_of_control(r, relation=relation)["span"] for name, r in data.items()}
        return groups, "scenario"
    spans = span_of_control(data, relation=relation)["span"]
    schools = spans.index.get_level_values("school_id")
    if len(data.schools) <= max_groups:
        return {str(k): g for k, g in spans.groupby(schools)}, "school"
    model = data.schools.set_index("school_id")["model"]
    if model.notna().all() and model.nunique() <= max_groups:
        by_model = model.reindex(schools).to_numpy()
        count = model.value_counts()
        groups = {str(m): g for m, g in spans.groupby(by_model, sort=True)}
        return {f"{m}\n({count[m]} schools)": g for m, g in groups.items()}, "school model"
    largest = spans.groupby(schools).max().sort_values(ascending=False, kind="mergesort")
    order = {str(s): spans[schools == s] for s in largest.index}
    return order, f"school (the {max_groups} with the largest spans)"


def plot_span_benchmarks(data: Roster | pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """A roster's median and largest development spans against the reference spans.

    ``data`` is a roster or its :func:`~leadmodel.span_of_control` table.
    """
    spans = (
        span_of_control(data)
        if isinstance(data, Roster)
        else checked_table(data, ["span"], "The table this plot draws", "span_of_control")
    )["span"]
    spans = spans[spans > 0]
    bench = span_benchmarks()
    labels = [*bench["label"], "This roster: median span", "This roster: largest span"]
    values = [*bench["span"], float(spans.median()), float(spans.max())]
    colours = [PALETTE["grey"]] * len(bench) + [PALETTE["blue"], PALETTE["vermillion"]]
    order = np.argsort(values, kind="stable")
    ax = new_axes(ax, (8, 5))
    bars = ax.barh(
        [labels[i] for i in order], [values[i] for i in order], color=[colours[i] for i in order]
    )
    ax.bar_label(bars, fmt="%.0f", padding=3)
    for bar, i in zip(bars, order, strict=True):
        if labels[i].startswith("This roster"):
            bar.set_gid(f"width:{'median_span' if 'median' in labels[i] else 'largest_span'}")
    ax.set_xlabel("people per leader (span of control)")
    ax.set_title("Development spans against reference spans")
    tidy(ax)
    return ax
