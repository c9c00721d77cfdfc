"""Observation and coaching logs against the plan: droughts, visits, dosage."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from leadmodel.plots.style import PALETTE, more_note, new_axes, text, tidy

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from leadmodel.metrics.actuals import CoachingDosage, ObservationActuals

__all__ = ["plot_dosage", "plot_observation_drought", "plot_planned_vs_actual"]


def plot_observation_drought(
    actuals: ObservationActuals,
    *,
    school_id: str | None = None,
    max_teachers: int = 60,
    ax: Axes | None = None,
) -> Axes:
    """Teachers x weeks: visits each week, the longest droughts first.

    ``actuals`` is the result of :func:`~leadmodel.observation_actuals`; ``school_id``
    narrows it to one school. Each cell is a week of the school year (from its first day)
    and its colour the number of visits that week; teachers in an observation drought
    have their label in vermillion.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import leadmodel as lm
    >>> sample = lm.load_sample("district_log")
    >>> actuals = lm.observation_actuals(sample.roster, log=sample.log, as_of="2025-01-31")
    >>> lm.plot_observation_drought(actuals, school_id="D003").get_images()[0].get_array().shape
    (36, 23)
    """
    from matplotlib.colors import ListedColormap

    teachers = actuals.teachers
    weekly = actuals.weekly
    if school_id is not None:
        teachers = teachers[teachers.index.get_level_values("school_id") == school_id]
        weekly = weekly[weekly["school_id"] == school_id]
    order = teachers.sort_values(
        ["longest_gap_days", "visits"], ascending=[False, True], kind="mergesort"
    ).head(max_teachers)
    grid = weekly.pivot_table(
        index=["school_id", "staff_id"], columns="week", values="visits", aggfunc="sum"
    ).reindex(order.index)
    ax = new_axes(ax, (max(8.0, 0.22 * grid.shape[1] + 3), max(3.0, 0.2 * len(grid) + 1.5)))
    cmap = ListedColormap(["#F2F2F2", PALETTE["sky"], PALETTE["blue"]])
    ax.imshow(
        np.clip(grid.to_numpy(dtype=float), 0, 2),
        cmap=cmap,
        vmin=0,
        vmax=2,
        aspect="auto",
        interpolation="nearest",
    )
    labels = [text(sid if school_id else f"{sch}/{sid}") for sch, sid in grid.index]
    ax.set_yticks(range(len(grid)), labels, fontsize=7)
    for label, dry in zip(ax.get_yticklabels(), order["drought"], strict=True):
        if dry:
            label.set_color(PALETTE["vermillion"])
            label.set_fontweight("bold")
    step = max(1, grid.shape[1] // 12)
    ax.set_xticks(range(0, grid.shape[1], step), [str(w) for w in grid.columns[::step]])
    ax.set_xlabel("week of the school year (light: no visit, sky: 1, blue: 2 or more)")
    more_note(ax, len(teachers) - len(order), "teachers (those with shorter gaps)")
    n_dry = int(teachers["drought"].sum())
    ax.set_title(
        f"Visits by week to {actuals.as_of}: {n_dry} of {len(teachers)} teachers in drought"
    )
    return ax


def plot_planned_vs_actual(
    actuals: ObservationActuals,
    *,
    school_id: str | None = None,
    max_leaders: int = 40,
    ax: Axes | None = None,
) -> Axes:
    """Visits each leader made so far against the visits the policy expected by then.

    Bars are the visits made; the black tick is the number expected pro rata; leaders
    behind are labelled in vermillion. ``actuals`` is from
    :func:`~leadmodel.observation_actuals`.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import leadmodel as lm
    >>> sample = lm.load_sample("district_log")
    >>> actuals = lm.observation_actuals(sample.roster, log=sample.log, as_of="2025-01-31")
    >>> len(lm.plot_planned_vs_actual(actuals, school_id="D003").patches)
    9
    """
    leaders = actuals.leaders
    if school_id is not None:
        leaders = leaders[leaders.index.get_level_values("school_id") == school_id]
    leaders = leaders[(leaders["visits"] > 0) | (leaders["visits_expected"] > 0)]
    hidden = max(0, len(leaders) - max_leaders)
    leaders = leaders.sort_values(["visits_expected", "visits"], kind="mergesort").tail(max_leaders)
    names = [
        text(f"{lid} ({role})" if school_id else f"{sch}/{lid} ({role})")
        for (sch, lid), role in zip(leaders.index, leaders["role"], strict=True)
    ]
    ax = new_axes(ax, (8, max(3.0, 0.3 * len(leaders) + 1.5)))
    ax.barh(names, leaders["visits"].to_numpy(dtype=float), color=PALETTE["blue"], label="visits")
    ax.scatter(
        leaders["visits_expected"].to_numpy(dtype=float),
        names,
        marker="|",
        s=300,
        color=PALETTE["black"],
        label="expected by now",
        zorder=3,
    )
    for label, behind in zip(ax.get_yticklabels(), leaders["behind"], strict=True):
        if behind:
            label.set_color(PALETTE["vermillion"])
            label.set_fontweight("bold")
    more_note(ax, hidden, "leaders (those expected to make fewer visits)")
    ax.set_xlabel(f"visits from the school year's start to {actuals.as_of}")
    n_behind = int(leaders["behind"].sum())
    ax.set_title(f"Planned against actual visits: {n_behind} of {len(leaders)} leaders behind")
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    tidy(ax)
    return ax


def plot_dosage(dosage: CoachingDosage, *, max_schools: int = 40, ax: Axes | None = None) -> Axes:
    """Each school's coaching profile: share coached, then the four qualities and all four.

    A grid of schools x measures, each cell the share (0-1) written in it: teachers
    coached (of all teachers), then coached teachers whose coaching is individualized,
    intensive, sustained, focused, and all four (:func:`~leadmodel.coaching_dosage`). A
    grey cell without a number is not measured: the school has no coached teacher, or
    fewer than four weeks have been observed for the rates.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import leadmodel as lm
    >>> sample = lm.load_sample("district_log")
    >>> ax = lm.plot_dosage(lm.coaching_dosage(sample.roster, log=sample.log))
    >>> ax.get_images()[0].get_array().shape
    (13, 6)
    """
    from matplotlib.colors import LinearSegmentedColormap

    columns = [
        "share_coached",
        "share_individualized",
        "share_intensive",
        "share_sustained",
        "share_focused",
        "share_dosage_met",
    ]
    table = dosage.schools[columns].head(max_schools).astype("float64")
    hidden = len(dosage.schools) - len(table)
    ax = new_axes(ax, (8, max(3.0, 0.3 * len(table) + 1.8)))
    cmap = LinearSegmentedColormap.from_list("dosage", ["#FFFFFF", PALETTE["blue"]]).with_extremes(
        bad=PALETTE["grey"]
    )
    values = table.to_numpy()
    ax.imshow(
        np.ma.masked_invalid(values),
        cmap=cmap,
        vmin=0,
        vmax=1,
        aspect="auto",
        interpolation="nearest",
    )
    for (i, j), v in np.ndenumerate(values):
        if not np.isnan(v):
            colour = "white" if v > 0.6 else PALETTE["black"]
            ax.text(j, i, f"{v:.0%}", ha="center", va="center", fontsize=7, color=colour)
    labels = ["coached", "individualized", "intensive", "sustained", "focused", "all four"]
    ax.set_xticks(range(len(columns)), labels, rotation=30, ha="right", fontsize=8)
    ax.set_yticks(range(len(table)), [text(s) for s in table.index], fontsize=7)
    more_note(ax, hidden, "schools (after the first in id order)")
    ax.set_title("Coaching dosage: teachers coached, and coached teachers meeting each threshold")
    return ax
