"""The strategic plan on the structure: initiative load per role against capacity, the rocks
on a timeline, and the plan's priorities with the initiatives under each."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from leadmodel.metrics.execution import InitiativeLoad
from leadmodel.metrics.rocks import ROCK_STATES, RockStatus
from leadmodel.plots.style import MAX_LABELS, PALETTE, more_note, new_axes, tag, text, tidy
from leadmodel.readers.plan import Plan

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["ROCK_COLOURS", "plot_initiative_load", "plot_priorities", "plot_rocks"]

#: The colour of each rock state in :func:`plot_rocks`.
ROCK_COLOURS: dict[str, str] = {
    "late": PALETTE["vermillion"],
    "stalled": PALETTE["orange"],
    "off_track": PALETTE["yellow"],
    "no_update": PALETTE["purple"],
    "on_track": PALETTE["green"],
    "not_started": PALETTE["grey"],
    "done": PALETTE["blue"],
}
#: Rocks drawn first when not every rock fits: those needing attention.
_URGENCY = ("late", "stalled", "off_track", "no_update", "on_track", "not_started", "done")


def plot_initiative_load(load: InitiativeLoad, *, ax: Axes | None = None) -> Axes:
    """Initiative load per role against capacity: per leader of each role, the hours a year
    observation and coaching take and the hours the plan's initiatives ask, against the
    hours the time model gives them (black tick).

    One bar per role with leaders (means per leader; the label says how many of them are
    over capacity once the initiatives are counted). A role whose capacity or hours are
    unknown for some leader is drawn without them and marked "unknown". Roles without
    leaders (teachers, specialists) are not drawn: their time is not measured against a
    capacity.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import leadmodel as lm
    >>> sample = lm.load_sample("district_plan")
    >>> ax = lm.plot_initiative_load(lm.initiative_load(sample.roster, sample.plan))
    >>> ax.get_yticklabels()[-1].get_text()  # most over at the top: no hours for this work
    'chair (725 of 725 over)'
    """
    roles = load.roles[load.roles["leaders"] > 0]
    roles = roles.sort_values(
        ["leaders_over_after", "leaders"], ascending=[True, True], kind="mergesort"
    )
    ax = new_axes(ax, (9, max(3.0, 0.5 * len(roles) + 1.8)))
    names = [
        text(f"{role} ({int(r['leaders_over_after'])} of {int(r['leaders'])} over)")
        for role, r in roles.iterrows()
    ]
    y = np.arange(len(roles))
    observed = roles["observation_hours_per_leader"].to_numpy(dtype=float, na_value=np.nan)
    asked = roles["initiative_hours_per_leader"].to_numpy(dtype=float, na_value=np.nan)
    ax.barh(y, np.nan_to_num(observed), color=PALETTE["blue"], label="observation and coaching")
    ax.barh(
        y,
        np.nan_to_num(asked),
        left=np.nan_to_num(observed),
        color=PALETTE["orange"],
        label="initiatives",
    )
    available = roles["hours_available_per_leader"].to_numpy(dtype=float, na_value=np.nan)
    ax.scatter(
        available, y, marker="|", s=400, color=PALETTE["black"], zorder=3,
        label="hours available",
    )  # fmt: skip
    unknown = np.isnan(observed) | np.isnan(asked) | np.isnan(available)
    for at in np.flatnonzero(unknown):
        ax.text(0, float(at), "  unknown", va="center", fontsize=8, color=PALETTE["black"])
    ax.set_yticks(y, names)
    over = int(roles["leaders_over_after"].sum())
    ax.set_xlabel("hours per year, per leader (mean)")
    ax.set_title(f"Initiative load per role: {over} of {int(roles['leaders'].sum())} leaders over")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
    tidy(ax)
    return ax


def plot_rocks(status: RockStatus, *, max_rocks: int = MAX_LABELS, ax: Axes | None = None) -> Axes:
    """The rocks on a timeline: each rock's window, coloured by its state on the date measured
    (the vertical line), with its last progress marked.

    Up to ``max_rocks`` rocks are drawn, those needing attention first (late, stalled, off
    track, not reported, then on track, not started, done), each labelled with its id and
    school; how many more there are is said under the axes.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import leadmodel as lm
    >>> sample = lm.load_sample("district_plan")
    >>> ax = lm.plot_rocks(lm.rock_status(sample.plan, "2025-02-07"))
    >>> int(lm.plots.measure(ax)["rocks_late"]) > 0
    True
    """
    rocks = status.rocks.copy()
    rank = rocks["status"].map({s: k for k, s in enumerate(_URGENCY)}).astype(int)
    rocks = rocks.assign(_rank=rank.to_numpy()).sort_values(
        ["_rank", "end_date", "start_date"], kind="mergesort"
    )
    shown = rocks.head(max_rocks).iloc[::-1]
    ax = new_axes(ax, (10, max(3.0, 0.28 * len(shown) + 1.8)))
    y = np.arange(len(shown))
    start = _days(shown["start_date"])
    end = _days(shown["end_date"])
    day = float(_days(pd.Series([pd.Timestamp(status.as_of)]))[0])
    colours = [ROCK_COLOURS[s] for s in shown["status"]]
    ax.barh(y, end - start + 1, left=start, height=0.6, color=colours)
    for state in ROCK_STATES:
        mine = (shown["status"] == state).to_numpy(dtype=bool)
        marks = ax.plot(
            end[mine] + 1, y[mine], linestyle="none", marker="o", markersize=4,
            color=ROCK_COLOURS[state], markeredgecolor=PALETTE["black"],
            label=state.replace("_", " "),
        )  # fmt: skip
        tag(marks, f"rocks_{state}", "points")
    moved = shown["last_progress"].notna().to_numpy(dtype=bool)
    ax.plot(
        _days(shown["last_progress"])[moved], y[moved], linestyle="none",
        marker="|", markersize=10, color=PALETTE["black"], label="last progress",
    )  # fmt: skip
    ax.axvline(day, color=PALETTE["black"], linewidth=1, linestyle="--")
    labels = [
        text(f"{rid} ({'district' if pd.isna(school) else school})")
        for rid, school in zip(shown.index, shown["school_id"], strict=True)
    ]
    ax.set_yticks(y, labels, fontsize=7)
    ax.set_ylim(-1, max(len(shown), 1))
    _month_ticks(ax, min(start.min(initial=day), day), max(end.max(initial=day) + 1, day))
    ax.xaxis.tick_top()  # a timeline reads from the top; the note of rocks not drawn is below
    more_note(ax, len(rocks) - len(shown), "rocks")
    drawn = "" if len(shown) == len(rocks) else f"; {len(shown)} of {len(rocks)} drawn"
    ax.set_title(f"Rocks on {status.as_of}: {_counts_text(status.rocks)}{drawn}", pad=24)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
    tidy(ax)
    return ax


def _days(dates: pd.Series) -> np.ndarray:
    """Dates as days since 1970-01-01 (missing ones as NaN): the timeline's x values."""
    stamps = pd.to_datetime(dates).astype("datetime64[ns]")
    days = (stamps - pd.Timestamp("1970-01-01")) / pd.Timedelta(days=1)
    return days.to_numpy(dtype=float, na_value=np.nan)


def _month_ticks(ax: Axes, first: float, last: float, most: int = 7) -> None:
    """Ticks on the first of the months between two day numbers, at most ``most`` of them."""
    if not (np.isfinite(first) and np.isfinite(last)):
        return
    epoch = pd.Timestamp("1970-01-01")
    months = pd.date_range(
        (epoch + pd.Timedelta(days=first)).to_period("M").to_timestamp(),
        epoch + pd.Timedelta(days=last),
        freq="MS",
    )
    step = max(1, -(-len(months) // most))
    chosen = months[::step]
    ax.set_xticks(_days(pd.Series(chosen)), [d.strftime("%Y-%m-%d") for d in chosen])


def _counts_text(rocks: pd.DataFrame) -> str:
    counts = rocks["status"].value_counts()
    parts = [f"{int(counts[s])} {s.replace('_', ' ')}" for s in _URGENCY[:3] if s in counts]
    return ", ".join(parts) if parts else f"{len(rocks)} rocks"


def plot_priorities(
    plan: Plan, load: InitiativeLoad | None = None, *, ax: Axes | None = None
) -> Axes:
    """The plan's priorities with the initiatives under each, and those serving none.

    Each initiative is a dot under its priority (a heading), with a bar of the hours a year
    it asks in the school year when ``load`` (:func:`~leadmodel.initiative_load`) is given;
    initiatives serving no priority come last, in red. Over :data:`~leadmodel.plots.MAX_LABELS`
    initiatives, one bar per priority counts them.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import leadmodel as lm
    >>> sample = lm.load_sample("district_plan")
    >>> counts = lm.plots.measure(lm.plot_priorities(sample.plan))
    >>> int(counts["plan_aligned_initiatives"]), int(counts["plan_unaligned_initiatives"])
    (23, 7)
    """
    init = plan.initiatives.set_index("initiative_id")
    names = plan.priorities.set_index("priority_id")["name"]
    groups = [*names.index, None]
    hours = None if load is None else load.initiatives["initiative_hours"]
    if len(init) > MAX_LABELS:
        return _priority_counts(init, names, ax)
    rows: list[tuple[str, str | None, str | None]] = []  # (label, initiative, priority)
    for priority in groups:
        mine = (
            init[init["priority_id"].isna()]
            if priority is None
            else init[init["priority_id"] == priority]
        )
        if priority is None and mine.empty:
            continue
        title = "No priority" if priority is None else f"{priority}: {names[priority]}"
        rows.append((title, None, priority))
        rows += [(f"{i}  {r['name']}", str(i), priority) for i, r in mine.iterrows()]
    ax = new_axes(ax, (10, max(3.0, 0.3 * len(rows) + 1.5)))
    y = np.arange(len(rows))[::-1]
    for (label, initiative, _), at in zip(rows, y, strict=True):
        if initiative is None:
            ax.text(0, at, text(label), fontweight="bold", va="center", ha="left", fontsize=9,
                    transform=ax.get_yaxis_transform())  # fmt: skip
    items = [(r, at) for r, at in zip(rows, y, strict=True) if r[1] is not None]
    aligned = [at for (_, _, p), at in items if p is not None]
    unaligned = [at for (_, _, p), at in items if p is None]
    if hours is not None:
        known = hours.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        by_id = dict(zip(hours.index, known, strict=True))
        values = [by_id.get(i, np.nan) for (_, i, _), _ in items]
        ax.barh(
            [at for _, at in items], np.nan_to_num(np.asarray(values, dtype=float)), height=0.6,
            color=[PALETTE["sky"] if p is not None else PALETTE["vermillion"]
                   for (_, _, p), _ in items],
        )  # fmt: skip
        for (_, at), value in zip(items, values, strict=True):
            if np.isnan(value):
                ax.text(0, at, "  hours unknown", va="center", fontsize=7, style="italic")
        ax.set_xlabel("hours a year the initiative asks in the school year (all people reached)")
    dots = ax.plot(
        np.zeros(len(aligned)), aligned, "o", color=PALETTE["blue"], label="serves a priority"
    )
    tag(dots, "plan_aligned_initiatives", "points")
    red = ax.plot(np.zeros(len(unaligned)), unaligned, "o", color=PALETTE["vermillion"],
                  label="serves no priority")  # fmt: skip
    tag(red, "plan_unaligned_initiatives", "points")
    ax.set_yticks([at for _, at in items], [text(r[0]) for r, _ in items], fontsize=8)
    ax.set_ylim(-1, len(rows))
    ax.set_title(
        f"{len(names)} priorities, {len(init)} initiatives ({len(unaligned)} serving none)"
    )
    tidy(ax)
    return ax


def _priority_counts(init: pd.DataFrame, names: pd.Series, ax: Axes | None) -> Axes:
    """One bar per priority (and "no priority") counting its initiatives."""
    counts = init["priority_id"].fillna("(none)").value_counts()
    order = [*names.index, "(none)"]
    values = [int(counts.get(p, 0)) for p in order]
    ax = new_axes(ax, (8, max(3.0, 0.4 * len(order) + 1.5)))
    labels = [text(f"{p}: {names[p]}") for p in names.index] + ["No priority"]
    colours = [PALETTE["blue"]] * len(names) + [PALETTE["vermillion"]]
    bars = ax.barh(labels[::-1], values[::-1], color=colours[::-1])
    tag(list(bars)[1:], "plan_aligned_initiatives", "width")
    tag(list(bars)[:1], "plan_unaligned_initiatives", "width")
    ax.set_xlabel("initiatives")
    ax.set_title(f"{len(names)} priorities, {len(init)} initiatives")
    tidy(ax)
    return ax
