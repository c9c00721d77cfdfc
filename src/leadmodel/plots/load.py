"""Observation load: the hours each leader's observations need against the hours they have."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from leadmodel.metrics.observation import observation_load
from leadmodel.models import ObservationPolicy
from leadmodel.plots.style import MAX_LABELS, PALETTE, new_axes, tag, text, tidy
from leadmodel.roster import Roster, checked_table

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_observation_load"]

_PARTS = {
    "classroom": PALETTE["blue"],
    "pre_conference": PALETTE["sky"],
    "debrief": PALETTE["green"],
    "writeup": PALETTE["orange"],
}


#: The columns of :func:`~leadmodel.observation_load`'s table this plot draws.
LOAD_COLUMNS = ("role", "hours_required", "hours_available", "over_capacity")


def plot_observation_load(
    data: Roster | pd.DataFrame,
    *,
    policy: str | ObservationPolicy = "bain_10_spot_1_formal",
    max_leaders: int = MAX_LABELS,
    ax: Axes | None = None,
) -> Axes:
    """Hours each leader's observation load requires, by activity, against hours available.

    ``data`` is a roster or the table from :func:`~leadmodel.observation_load`.
    Leaders with no load are left out. Up to ``max_leaders`` leaders, one bar each,
    split by activity, with the hours they have as a black mark and over-capacity
    leaders marked in red; with more, the leaders' utilisation (hours required / hours
    available) as a histogram, over-capacity leaders right of the 100% line.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import leadmodel as lm
    >>> ax = lm.plot_observation_load(lm.load_sample("district"))
    >>> ax.get_title()
    'Observation load against time: 174 of 958 leaders over capacity'
    """
    load = (
        observation_load(data, policy=policy)
        if isinstance(data, Roster)
        else checked_table(data, LOAD_COLUMNS, "The table this plot draws", "observation_load")
    )
    load = load[load["hours_required"] > 0].sort_values("hours_required", kind="mergesort")
    ax = _histogram(load, ax) if len(load) > max_leaders else _per_leader(load, ax)
    n_over = int(load["over_capacity"].fillna(False).astype(bool).sum())
    ax.set_title(f"Observation load against time: {n_over} of {len(load)} leaders over capacity")
    tidy(ax)
    return ax


def _per_leader(load: pd.DataFrame, ax: Axes | None) -> Axes:
    names = [
        text(f"{sid} ({role})") for (_, sid), role in zip(load.index, load["role"], strict=True)
    ]
    ax = new_axes(ax, (8, max(3.0, 0.35 * len(load) + 1.5)))
    left = np.zeros(len(load))
    for part, colour in _PARTS.items():
        width = load[f"hours_{part}"].to_numpy(dtype=float)
        ax.barh(names, width, left=left, color=colour, label=part.replace("_", " "))
        left += width
    ax.scatter(
        load["hours_available"].astype(float),
        names,
        marker="|",
        s=300,
        color=PALETTE["black"],
        label="hours available",
        zorder=3,
    )
    over = load["over_capacity"].fillna(False).to_numpy(dtype=bool)  # unknown hours: not marked
    marks = ax.plot(
        left[over],
        np.flatnonzero(over),
        linestyle="none",
        marker="<",
        color=PALETTE["vermillion"],
        label="over capacity",
        zorder=4,
    )
    tag(marks, "leaders_over_capacity", "points")
    red = {name for name, is_over in zip(names, over, strict=True) if is_over}
    for label in ax.get_yticklabels():
        if label.get_text() in red:
            label.set_color(PALETTE["vermillion"])
            label.set_fontweight("bold")
    ax.set_xlabel("hours per year")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
    return ax


def _histogram(load: pd.DataFrame, ax: Axes | None) -> Axes:
    share = (load["utilisation"] if "utilisation" in load else _utilisation(load)).to_numpy(
        dtype=float, na_value=np.inf
    )
    share = np.clip(share, 0, 3.0)  # 300% and more (or no time at all) in the last bin
    edges = np.arange(0, 3.01, 0.1)
    counts, _ = np.histogram(share, bins=edges)
    over = edges[:-1] >= 1.0 - 1e-9
    ax = new_axes(ax, (8, 4.5))
    within = ax.bar(
        edges[:-1][~over],
        counts[~over],
        width=0.1,
        align="edge",
        color=PALETTE["blue"],
        label="within capacity",
    )
    beyond = ax.bar(
        edges[:-1][over],
        counts[over],
        width=0.1,
        align="edge",
        color=PALETTE["vermillion"],
        label="over capacity",
    )
    tag(within, "leaders_within_capacity", "height")
    tag(beyond, "leaders_over_capacity", "height")
    ax.axvline(1.0, color=PALETTE["black"], linewidth=1)
    ax.set_xlim(0, 3.0)
    ax.xaxis.set_major_formatter(lambda x, _: f"{x:.0%}" if x < 3 else "300%+")
    ax.set_xlabel("hours the policy requires / hours the leader has (each bar: 10 points)")
    ax.set_ylabel("leaders")
    ax.legend(frameon=False, fontsize=8, loc="upper right")
    return ax


def _utilisation(load: pd.DataFrame) -> pd.Series:
    available = load["hours_available"].astype(float)
    return (load["hours_required"].astype(float) / available).where(available > 0, np.inf)
