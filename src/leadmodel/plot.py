"""Plots of spans, benchmarks, observation load, structure, coverage, compliance and scenarios.

Every ``plot_*`` function takes the library's own outputs (or a roster), draws on
``ax`` (a new figure when none is given), and returns the ``Axes``; nothing is
shown or saved. Colours come from the Okabe-Ito palette, which stays
distinguishable for the common forms of colour blindness.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import leadmodel as lm
>>> ax = lm.plot_spans({"Today": lm.load_sample("traditional_elementary"),
...                     "Green Dot": lm.load_sample("green_dot")})
>>> [t.get_text() for t in ax.get_xticklabels()]
['Today', 'Green Dot']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from leadmodel.metrics.compliance import ComplianceReport
from leadmodel.metrics.coverage import DEFAULT_SPAN_TARGET, coverage_gaps
from leadmodel.metrics.observation import observation_load
from leadmodel.metrics.spans import span_of_control
from leadmodel.models import ObservationPolicy
from leadmodel.presets.benchmarks import span_benchmarks
from leadmodel.roles import TEACHING_ROLES
from leadmodel.roster import Roster

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "PALETTE",
    "plot_compliance",
    "plot_coverage",
    "plot_observation_load",
    "plot_org_chart",
    "plot_rollout",
    "plot_scenarios",
    "plot_span_benchmarks",
    "plot_spans",
]

#: Okabe-Ito colour-blind-safe palette.
PALETTE = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
    "black": "#000000",
}
RELATION_COLOURS = {
    "develops": PALETTE["blue"],
    "evaluates": PALETTE["vermillion"],
    "coaches": PALETTE["green"],
    "facilitates": PALETTE["orange"],
    "evaluation_input": PALETTE["purple"],
    "supervises": PALETTE["grey"],
}


def _axes(ax: Axes | None, size: tuple[float, float] = (8, 4.5)) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new = plt.subplots(figsize=size, layout="constrained")
    return new


def _tidy(ax: Axes) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def plot_spans(
    data: Roster | Mapping[str, Roster], *, relation: str = "develops", ax: Axes | None = None
) -> Axes:
    """Span distributions side by side: one box per scenario (or per school of one roster).

    Each box shows the spans of the leaders who hold ``relation`` to anyone; the
    dots are the leaders themselves.
    """
    if isinstance(data, Roster):
        spans = span_of_control(data, relation=relation)
        groups = {str(k): g["span"] for k, g in spans.groupby(level="school_id")}
        what = "school"
    else:
        groups = {name: span_of_control(r, relation=relation)["span"] for name, r in data.items()}
        what = "scenario"
    values = [g[g > 0].to_numpy() for g in groups.values()]
    ax = _axes(ax)
    ax.boxplot(
        values,
        tick_labels=list(groups),
        widths=0.5,
        showfliers=False,
        medianprops={"color": PALETTE["vermillion"], "linewidth": 2},
    )
    rng = np.random.default_rng(0)
    for i, v in enumerate(values, start=1):
        ax.scatter(
            i + rng.uniform(-0.12, 0.12, len(v)),
            v,
            s=14,
            color=PALETTE["blue"],
            alpha=0.7,
            zorder=3,
        )
    ax.set_ylabel(f"people per leader ({relation} span)")
    ax.set_title(f"Spans of control by {what}: each dot is a leader")
    ax.set_ylim(bottom=0)
    _tidy(ax)
    return ax


def plot_span_benchmarks(data: Roster, *, ax: Axes | None = None) -> Axes:
    """A roster's median and largest development spans against the reference spans."""
    spans = span_of_control(data)["span"]
    spans = spans[spans > 0]
    bench = span_benchmarks()
    labels = [*bench["label"], "This roster: median span", "This roster: largest span"]
    values = [*bench["span"], float(spans.median()), float(spans.max())]
    colours = [PALETTE["grey"]] * len(bench) + [PALETTE["blue"], PALETTE["vermillion"]]
    order = np.argsort(values)
    ax = _axes(ax, (8, 5))
    bars = ax.barh(
        [labels[i] for i in order], [values[i] for i in order], color=[colours[i] for i in order]
    )
    ax.bar_label(bars, fmt="%.0f", padding=3)
    ax.set_xlabel("people per leader (span of control)")
    ax.set_title("Development spans against reference spans")
    _tidy(ax)
    return ax


def plot_observation_load(
    data: Roster | pd.DataFrame,
    *,
    policy: str | ObservationPolicy = "bain_10_spot_1_formal",
    ax: Axes | None = None,
) -> Axes:
    """Hours each leader's observation load requires, by activity, against hours available.

    ``data`` is a roster or the table from :func:`~leadmodel.observation_load`.
    Leaders with no load are left out; over-capacity leaders are marked.
    """
    load = observation_load(data, policy=policy) if isinstance(data, Roster) else data
    load = load[load["hours_required"] > 0].sort_values("hours_required")
    names = [f"{sid} ({role})" for (_, sid), role in zip(load.index, load["role"], strict=True)]
    ax = _axes(ax, (8, max(3.0, 0.35 * len(load) + 1.5)))
    left = np.zeros(len(load))
    parts = {
        "classroom": PALETTE["blue"],
        "pre_conference": PALETTE["sky"],
        "debrief": PALETTE["green"],
        "writeup": PALETTE["orange"],
    }
    for part, colour in parts.items():
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
    for name, over in zip(names, load["over_capacity"], strict=True):
        if over:
            label = next(t for t in ax.get_yticklabels() if t.get_text() == name)
            label.set_color(PALETTE["vermillion"])
            label.set_fontweight("bold")
    ax.set_xlabel("hours per year")
    n_over = int(load["over_capacity"].sum())
    ax.set_title(f"Observation load against time: {n_over} of {len(load)} leaders over capacity")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
    _tidy(ax)
    return ax


def _tree_positions(
    people: list[str], parent: dict[str, str], roots: list[str]
) -> dict[str, tuple[float, float]]:
    """Tidy tree layout: leaves on consecutive slots, each parent centred over its children."""
    children: dict[str, list[str]] = {}
    for child in people:
        if child in parent:
            children.setdefault(parent[child], []).append(child)
    pos: dict[str, tuple[float, float]] = {}
    slot = [0.0]

    def place(node: str, depth: int, seen: frozenset[str]) -> float:
        kids = [
            k
            for k in sorted(children.get(node, []), key=lambda k: (k not in children, k))
            if k not in seen
        ]
        if kids:
            x = float(np.mean([place(k, depth + 1, seen | {node}) for k in kids]))
        else:
            x = slot[0]
            slot[0] += 1.0
        pos[node] = (x, -float(depth))
        return x

    for root in roots:
        place(root, 0, frozenset())
    return pos


def plot_org_chart(
    data: Roster,
    *,
    school_id: str | None = None,
    relations: Sequence[str] = ("develops", "evaluates", "coaches", "facilitates"),
    ax: Axes | None = None,
) -> Axes:
    """A school's leadership structure as a layered tree, relations told apart by colour.

    The tree follows ``develops`` (each person under their developer; people
    nobody develops hang from their supervisor, else from the principal); the
    other relations are drawn as thinner lines over it. Leaders are labelled;
    teachers are dots, so a 60-teacher school stays readable.
    """
    school = school_id or str(data.schools["school_id"].iloc[0])
    staff = data.staff[data.staff["school_id"] == school]
    links = data.links[data.links["school_id"] == school]
    leaders = set(links["leader_id"])
    people = staff[
        staff["role"].isin(TEACHING_ROLES)
        | staff["staff_id"].isin(leaders)
        | (staff["role"] == "principal")
    ]
    ids = sorted(people["staff_id"])
    principals = sorted(people.loc[people["role"] == "principal", "staff_id"])
    parent: dict[str, str] = {}
    for relation in ("develops", "supervises"):
        part = links[links["relation"] == relation].sort_values("leader_id")
        for lead, sid in zip(part["leader_id"], part["staff_id"], strict=True):
            if sid in ids and lead in ids and sid not in parent and lead != sid:
                parent[sid] = lead
    roots = principals or [i for i in ids if i not in parent]
    for sid in ids:  # hang everyone else from the first principal
        if sid not in parent and sid not in roots:
            parent[sid] = roots[0]
    pos = _tree_positions(ids, parent, roots)
    width = max(x for x, _ in pos.values()) + 1
    depth = -min(y for _, y in pos.values()) + 1
    ax = _axes(ax, (max(8.0, 0.18 * width + 3), max(3.5, 1.3 * depth + 1)))
    for relation in relations:
        part = links[links["relation"] == relation]
        solid = relation == "develops"
        for lead, sid in zip(part["leader_id"], part["staff_id"], strict=True):
            if lead in pos and sid in pos:
                (x0, y0), (x1, y1) = pos[lead], pos[sid]
                ax.plot(
                    [x0, x1],
                    [y0, y1],
                    color=RELATION_COLOURS[relation],
                    linewidth=1.2 if solid else 0.6,
                    alpha=0.9 if solid else 0.45,
                    zorder=1,
                )
        ax.plot([], [], color=RELATION_COLOURS[relation], label=relation)
    role = people.set_index("staff_id")["role"]
    teaches = np.array([role[s] == "teacher" for s in pos])
    xy = np.array(list(pos.values()))
    ax.scatter(
        xy[~teaches, 0],
        xy[~teaches, 1],
        s=70,
        marker="s",
        color=PALETTE["black"],
        label="leader",
        zorder=3,
    )
    ax.scatter(
        xy[teaches, 0],
        xy[teaches, 1],
        s=22,
        color=PALETTE["sky"],
        edgecolor=PALETTE["black"],
        linewidth=0.4,
        label="teacher",
        zorder=3,
    )
    for sid, (x, y) in pos.items():
        if role[sid] != "teacher":
            ax.annotate(
                f"{sid}\n{role[sid].replace('_', ' ')}",
                (x, y),
                xytext=(0, 8),
                textcoords="offset points",
                ha="center",
                fontsize=6,
            )
    ax.set_axis_off()
    ax.set_title(f"Leadership structure of {school}: each row is one step of development")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
    return ax


COVERAGE_STATUS = ("developer within target", "developer over target", "fragmented", "no developer")


def coverage_status(data: Roster, *, span_target: int = DEFAULT_SPAN_TARGET) -> pd.Series:
    """Each teacher's coverage status, the first that applies: no developer, developer over
    target, fragmented (coach cut off from evaluation), developer within target."""
    t = coverage_gaps(data, span_target=span_target).teachers
    status = np.select(
        [t["no_developer"], t["developer_over_target"], t["fragmented"]],
        ["no developer", "developer over target", "fragmented"],
        default="developer within target",
    )
    return pd.Series(status, index=t.index, name="status")


def plot_coverage(
    data: Roster,
    *,
    span_target: int = DEFAULT_SPAN_TARGET,
    max_schools: int = 40,
    ax: Axes | None = None,
) -> Axes:
    """Teachers by coverage status, one stacked bar per school (see :func:`coverage_status`)."""
    status = coverage_status(data, span_target=span_target)
    counts = status.groupby(level="school_id").value_counts().unstack(fill_value=0)
    counts = counts.reindex(columns=list(COVERAGE_STATUS), fill_value=0).head(max_schools)
    colours = [PALETTE["green"], PALETTE["orange"], PALETTE["purple"], PALETTE["vermillion"]]
    ax = _axes(ax, (max(6.0, 0.3 * len(counts) + 3), 4.5))
    bottom = np.zeros(len(counts))
    for name, colour in zip(COVERAGE_STATUS, colours, strict=True):
        ax.bar(counts.index.astype(str), counts[name], bottom=bottom, color=colour, label=name)
        bottom += counts[name].to_numpy()
    ax.set_ylabel("teachers")
    ax.set_title(f"Who develops each teacher (span target {span_target})")
    ax.tick_params(axis="x", rotation=90 if len(counts) > 8 else 0)
    ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    _tidy(ax)
    return ax


def plot_compliance(
    report: ComplianceReport, *, max_schools: int = 60, ax: Axes | None = None
) -> Axes:
    """Schools x rules: passed, failed or not measurable; tight rules left, loose rules right."""
    from matplotlib.colors import ListedColormap

    rules = [r for r in report.model.rules if r.kind == "tight"] + [
        r for r in report.model.rules if r.kind == "loose"
    ]
    flat = report.rules.reset_index()
    passed = flat.pivot(index="school_id", columns="rule", values="passed").astype(float)
    measured = flat.pivot(index="school_id", columns="rule", values="value").notna()
    grid = passed.where(measured.to_numpy(), np.nan)[[r.key for r in rules]].head(max_schools)
    ax = _axes(ax, (max(8.0, 0.6 * len(rules) + 3), max(3.0, 0.22 * len(grid) + 2)))
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
    n_tight = sum(r.kind == "tight" for r in rules)
    ax.axvline(n_tight - 0.5, color=PALETTE["black"], linewidth=2)
    ax.set_xticks(
        range(len(rules)),
        [f"{r.key}\n({r.kind})" for r in rules],
        rotation=45,
        ha="right",
        fontsize=8,
    )
    ax.set_yticks(range(len(grid)), grid.index.astype(str), fontsize=7)
    ax.set_title(f"Compliance with {report.model.key}: green met, red missed, grey not measurable")
    return ax


def plot_scenarios(
    table: pd.DataFrame,
    *,
    outcome: str = "share_developed_within_target",
    ax: Axes | None = None,
) -> Axes:
    """Leadership cost against an outcome, one point per scenario (from :func:`compare`).

    Cost is summed over schools; the outcome is averaged over schools.
    """
    cost = (
        table[table["metric"] == "leadership_cost"].groupby("scenario", sort=False)["value"].sum()
    )
    result = table[table["metric"] == outcome].groupby("scenario", sort=False)["value"].mean()
    ax = _axes(ax, (7, 4.5))
    ax.scatter(
        cost.to_numpy(dtype=float) / 1000,
        result.reindex(cost.index).to_numpy(dtype=float),
        s=80,
        color=PALETTE["blue"],
        zorder=3,
    )
    for name, x, y in zip(
        cost.index,
        cost.to_numpy(dtype=float) / 1000,
        result.reindex(cost.index).to_numpy(dtype=float),
        strict=True,
    ):
        ax.annotate(str(name), (x, y), xytext=(6, 6), textcoords="offset points")
    ax.set_xlabel("leadership cost (thousands per year)")
    ax.set_ylabel(outcome.replace("_", " "))
    ax.set_title(f"What each scenario costs and buys ({outcome.replace('_', ' ')})")
    _tidy(ax)
    return ax


def plot_rollout(table: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Schools fully meeting the model after each rollout wave, with the mean compliance score.

    ``table`` is the output of :func:`~leadmodel.rollout`.
    """
    scores = table[table["metric"] == "compliance_score"]
    stages = list(dict.fromkeys(scores["scenario"]))
    full = [int((scores.loc[scores["scenario"] == s, "value"] == 1).sum()) for s in stages]
    mean = [float(scores.loc[scores["scenario"] == s, "value"].mean()) for s in stages]
    ax = _axes(ax, (7, 4.5))
    bars = ax.bar(stages, full, color=PALETTE["blue"], label="schools meeting every tight rule")
    ax.bar_label(bars, padding=2)
    ax.set_ylabel("schools")
    twin = ax.twinx()
    twin.plot(stages, mean, color=PALETTE["vermillion"], marker="o", label="mean compliance score")
    twin.set_ylim(0, 1.05)
    twin.set_ylabel("mean compliance score (share of tight rules met)")
    ax.set_title("Rollout: schools following the model after each wave")
    handles = ax.get_legend_handles_labels()[0] + twin.get_legend_handles_labels()[0]
    ax.legend(handles, [str(h.get_label()) for h in handles], frameon=False, loc="upper left")
    _tidy(ax)
    return ax
