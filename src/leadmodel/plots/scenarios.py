"""Redesign scenarios and rollout waves: what each costs and buys."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from leadmodel.plots.style import PALETTE, new_axes, text, tidy
from leadmodel.roster import checked_table

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["money", "plot_rollout", "plot_scenarios"]

_MARKERS = "osD^vP*Xhp<>"
_COLOURS = ("blue", "vermillion", "green", "orange", "purple", "sky", "black", "grey")
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def money(value: float, currency: str = "USD") -> str:
    """An amount for an axis or a table: ``$1.2M``, ``$950k``, ``$800``; other currencies by
    their symbol (EUR, GBP) or their code.

    >>> money(1_234_567), money(95_000), money(-800), money(2_000_000, "EUR")
    ('$1.2M', '$95k', '-$800', '€2.0M')
    """
    symbol = _SYMBOLS.get(currency, f"{currency} ")
    sign, amount = ("-" if value < 0 else ""), abs(value)
    if amount >= 1e6:
        return f"{sign}{symbol}{amount / 1e6:,.1f}M"
    if amount >= 1e4:
        return f"{sign}{symbol}{amount / 1e3:,.0f}k"
    return f"{sign}{symbol}{amount:,.0f}"


def plot_scenarios(
    table: pd.DataFrame,
    *,
    outcome: str = "share_developed_within_target",
    currency: str = "USD",
    ax: Axes | None = None,
) -> Axes:
    """Leadership cost against an outcome, one marked point per scenario (from :func:`compare`).

    Cost is summed over schools, in ``currency`` a year. A share outcome (``share_*``) is
    the share of all teachers (each school's share weighted by its ``teachers``), as a
    report states it; another outcome is the mean of the schools. Each scenario has its
    own marker and colour, named in the legend, so labels never sit on top of each
    other when two scenarios cost about the same.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import leadmodel as lm
    >>> today = lm.load_sample("green_dot")
    >>> table = lm.compare({"today": today, "denver": lm.apply_model(today, "denver")})
    >>> ax = lm.plot_scenarios(table)
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['today', 'denver']
    >>> ax.get_xlabel()
    'leadership cost per year (USD)'
    """
    table = checked_table(
        table, ["scenario", "metric", "value"], "The table this plot draws", "compare"
    )
    cost = (
        table[table["metric"] == "leadership_cost"].groupby("scenario", sort=False)["value"].sum()
    )
    result = _outcome(table, outcome)
    ax = new_axes(ax, (7, 4.5))
    for i, name in enumerate(cost.index):
        ax.plot(
            [float(cost[name])],
            [float(result.get(name, float("nan")))],
            linestyle="none",
            marker=_MARKERS[i % len(_MARKERS)],
            markersize=9,
            color=PALETTE[_COLOURS[i % len(_COLOURS)]],
            label=text(name),
            zorder=3,
        )
    ax.xaxis.set_major_formatter(lambda x, _: money(x, currency))
    ax.set_xlabel(f"leadership cost per year ({currency})")
    ax.set_ylabel(
        outcome.replace("_", " ") + (" (all teachers)" if outcome.startswith("share") else "")
    )
    if outcome.startswith("share"):
        ax.yaxis.set_major_formatter(lambda y, _: f"{y:.0%}")
    ax.margins(x=0.15, y=0.15)
    ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title(f"What each scenario costs and buys ({outcome.replace('_', ' ')})")
    tidy(ax)
    return ax


def _outcome(table: pd.DataFrame, outcome: str) -> pd.Series:
    """Per scenario: a share over all teachers, or the mean of the schools."""
    values = table[table["metric"] == outcome].set_index(["scenario", "school_id"])["value"]
    values = values.astype("float64")
    teachers = table[table["metric"] == "teachers"].set_index(["scenario", "school_id"])["value"]
    if not outcome.startswith("share") or teachers.empty:
        return values.groupby(level="scenario", sort=False).mean()
    weight = teachers.astype("float64").reindex(values.index)
    pooled = (values.fillna(0) * weight).groupby(level="scenario", sort=False).sum()
    return pooled / weight.groupby(level="scenario", sort=False).sum()


def plot_rollout(table: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Schools fully meeting the model after each rollout wave, with the mean compliance score.

    ``table`` is the output of :func:`~leadmodel.rollout`.
    """
    table = checked_table(
        table, ["scenario", "metric", "value"], "The table this plot draws", "rollout"
    )
    scores = table[table["metric"] == "compliance_score"]
    stages = list(dict.fromkeys(scores["scenario"]))
    full = [int((scores.loc[scores["scenario"] == s, "value"] == 1).sum()) for s in stages]
    mean = [float(scores.loc[scores["scenario"] == s, "value"].mean()) for s in stages]
    ax = new_axes(ax, (max(7.0, 0.6 * len(stages) + 3), 4.5))
    labels = [text(s) for s in stages]
    bars = ax.bar(labels, full, color=PALETTE["blue"], label="schools meeting every tight rule")
    ax.bar_label(bars, padding=2)
    if len(stages) > 6:
        ax.tick_params(axis="x", rotation=45)
    ax.set_ylabel("schools")
    twin = ax.twinx()
    twin.plot(labels, mean, color=PALETTE["vermillion"], marker="o", label="mean compliance score")
    twin.set_ylim(0, 1.05)
    twin.set_ylabel("mean compliance score (share of tight rules met)")
    ax.set_title("Rollout: schools following the model after each wave")
    handles = ax.get_legend_handles_labels()[0] + twin.get_legend_handles_labels()[0]
    ax.legend(handles, [str(h.get_label()) for h in handles], frameon=False, loc="upper left")
    tidy(ax)
    return ax
