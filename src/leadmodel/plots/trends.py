"""Trends over snapshots: one measure per panel, the district and each rollout wave, the waves
marked where they start.

:func:`plot_trend` draws one measure of :func:`~leadmodel.trends` on ``ax``: the district's
line, one line per pilot wave (and the schools in none), and a dotted vertical line where
each wave starts. :func:`plot_trends` draws several measures as small multiples, one panel
each, on one figure. The district figures drawn are tagged (``y``) for
:func:`~leadmodel.plots.style.measure`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from leadmodel.errors import DefinitionError
from leadmodel.plots.style import MAX_SIZE, PALETTE, new_axes, tag, text, tidy

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from leadmodel.trends import Trends

__all__ = ["TREND_PANELS", "plot_trend", "plot_trends"]

#: The measures :func:`plot_trends` draws by default, with their axis labels.
TREND_PANELS: dict[str, str] = {
    "median_span": "median span (teachers per developer)",
    "share_developed_within_target": "share of teachers developed within the target",
    "no_developer": "teachers with no developer",
    "leaders_over_capacity": "leaders over capacity",
    "compliance_score": "mean compliance score",
    "leadership_cost": "leadership cost",
}
#: Colours of the waves' lines, in wave order (the schools in no wave are grey).
_WAVE_COLOURS = ("orange", "sky", "green", "purple", "vermillion", "yellow")
#: Measures drawn as shares (0 to 1).
_SHARES = {"share_developed_within_target", "share_schools_meeting_model", "compliance_score"}


def plot_trend(
    found: Trends,
    metric: str = "median_span",
    *,
    waves: bool = True,
    ax: Axes | None = None,
) -> Axes:
    """One measure over the snapshots: the district, each pilot wave, and the waves' starts.

    Parameters
    ----------
    found
        What :func:`~leadmodel.trends` returned.
    metric
        A measure of ``found.district`` (:data:`~leadmodel.trends.TREND_METRICS`).
    waves
        Draw a line per pilot wave (and for the schools in none) beside the district's.
    ax
        Axes to draw on (a new figure when ``None``).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import leadmodel as lm
    >>> found = lm.trends(lm.load_sample("district_years").series, model="denver")
    >>> ax = lm.plot_trend(found, "schools_meeting_model")
    >>> lm.plots.measure(ax)
    {'schools_meeting_model': 125.0}
    """
    district = found.district_value(metric)  # raises for an unknown measure
    ax = new_axes(ax)
    dates = pd.to_datetime(district.index)
    if waves and not found.by_wave.empty:
        by_wave = found.by_wave[(found.by_wave["metric"] == metric).to_numpy(dtype=bool)]
        table = by_wave.pivot_table(
            index="snapshot", columns="pilot_wave", values="value", dropna=False, sort=True
        )
        for i, wave in enumerate(_wave_order(table.columns)):
            colour = PALETTE["grey"] if wave == "none" else _colour(i)
            label = "no wave" if wave == "none" else f"wave {text(wave)}"
            values = table[wave].reindex(district.index).to_numpy(dtype=float, na_value=np.nan)
            ax.plot(dates, values, marker="o", color=colour, linewidth=1.2, label=label)
    values = district.to_numpy(dtype=float, na_value=np.nan)
    line = ax.plot(
        dates, values, marker="s", color=PALETTE["black"], linewidth=2.2, label="district"
    )
    tag(line, metric, "y")
    _mark_waves(ax, found)
    ax.set_xticks(dates.to_numpy(), [d.strftime("%Y-%m-%d") for d in dates])
    if metric in _SHARES:
        ax.set_ylim(0, 1.05)
    ax.set_title(text(metric.replace("_", " ")), loc="left", fontsize=10)
    ax.legend(frameon=False, fontsize=8)
    tidy(ax)
    return ax


def plot_trends(
    found: Trends,
    metrics: Sequence[str] | None = None,
    *,
    waves: bool = True,
    fig: Figure | None = None,
) -> Figure:
    """Small multiples: one panel per measure (:func:`plot_trend`), the waves marked in each.

    Parameters
    ----------
    found
        What :func:`~leadmodel.trends` returned.
    metrics
        The measures, one panel each (default: those of :data:`TREND_PANELS` that ``found``
        has; ``compliance_score`` only with a model).
    waves
        As for :func:`plot_trend`.
    fig
        The figure to draw on (a new one when ``None``); its panels are added to it.

    Returns
    -------
    matplotlib.figure.Figure
        One panel per measure, in rows of three.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import leadmodel as lm
    >>> found = lm.trends(lm.load_sample("district_years").series, model="denver")
    >>> figure = lm.plot_trends(found, ["median_span", "schools_meeting_model"])
    >>> [ax.get_title(loc="left") for ax in figure.axes]
    ['median span', 'schools meeting model']
    """
    known = list(dict.fromkeys(found.district["metric"]))
    chosen = [m for m in TREND_PANELS if m in known] if metrics is None else list(metrics)
    unknown = [m for m in chosen if m not in known]
    if unknown or not chosen:
        raise DefinitionError(
            f"No district measure {', '.join(map(repr, unknown)) or 'chosen'}; measures: "
            f"{', '.join(known)}."
        )
    columns = min(3, len(chosen))
    rows = -(-len(chosen) // columns)
    if fig is None:
        import matplotlib.pyplot as plt

        size = (min(4.6 * columns, MAX_SIZE[0]), min(3.4 * rows + 0.6, MAX_SIZE[1]))
        fig = plt.figure(figsize=size, layout="constrained")
    for i, metric in enumerate(chosen):
        ax = fig.add_subplot(rows, columns, i + 1)
        plot_trend(found, metric, waves=waves, ax=ax)
        if i:
            legend = ax.get_legend()
            if legend is not None:
                legend.remove()
        if ax.get_xticklabels() and len(ax.get_xticklabels()) > 3:
            ax.tick_params(axis="x", rotation=45)
    return fig


def _wave_order(columns: pd.Index) -> list[str]:
    waves = [str(c) for c in columns]
    numbered = sorted((w for w in waves if w != "none"), key=lambda w: (len(w), w))
    return numbered + (["none"] if "none" in waves else [])


def _colour(i: int) -> str:
    return PALETTE[_WAVE_COLOURS[i % len(_WAVE_COLOURS)]]


def _mark_waves(ax: Axes, found: Trends) -> None:
    """A dotted vertical line where each wave starts, named at the top of the axes."""
    starts = found.waves.dropna(subset=["start"]).sort_values("start", kind="mergesort")
    for i, (wave, start, n) in enumerate(
        starts[["pilot_wave", "start", "schools"]].itertuples(index=False)
    ):
        order = _wave_order(pd.Index(found.waves["pilot_wave"]))
        colour = _colour(order.index(str(wave))) if str(wave) in order else PALETTE["grey"]
        x: Any = pd.Timestamp(start)  # matplotlib converts dates on a date axis
        ax.axvline(x, color=colour, linestyle=":", linewidth=1.2, zorder=0)
        ax.text(
            x,
            1.0 - 0.07 * (i % 3),
            f" wave {text(wave)} ({n})",
            transform=ax.get_xaxis_transform(),
            fontsize=7,
            color=colour,
            va="top",
        )
