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
from leadmodel.metrics.coverage import DEFAULT_SPAN_TARGET, CoverageGaps, coverage_gaps
from leadmodel.metrics.observation import observation_load
from leadmodel.metrics.spans import span_of_control
from leadmodel.models import ObservationPolicy
from leadmodel.presets.benchmarks import span_benchmarks
from leadmodel.roles import TEACHING_ROLES
from leadmodel.roster import Roster

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from leadmodel.metrics.actuals import CoachingDosage, ObservationActuals
    from leadmodel.readers.survey import Survey

__all__ = [
    "PALETTE",
    "plot_advice_overlay",
    "plot_compliance",
    "plot_coverage",
    "plot_dosage",
    "plot_felt_responsibility",
    "plot_nps",
    "plot_observation_drought",
    "plot_observation_load",
    "plot_org_chart",
    "plot_planned_vs_actual",
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


def plot_span_benchmarks(data: Roster | pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """A roster's median and largest development spans against the reference spans.

    ``data`` is a roster or its :func:`~leadmodel.span_of_control` table.
    """
    spans = (span_of_control(data) if isinstance(data, Roster) else data)["span"]
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
        if pd.notna(over) and over:  # unknown hours (a role the time model lacks): not marked
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


def _chart_positions(
    staff: pd.DataFrame, links: pd.DataFrame, involved: set[str]
) -> tuple[pd.DataFrame, dict[str, tuple[float, float]]]:
    """One school's people to draw (teachers, the principal, ``involved``) and their places
    in a tree that follows ``develops``, else ``supervises``, else hangs from the principal."""
    people = staff[
        staff["role"].isin(TEACHING_ROLES)
        | staff["staff_id"].isin(involved)
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
    roots = principals or [i for i in ids if i not in parent] or ids[:1]
    for sid in ids:  # hang everyone else from the first principal
        if sid not in parent and sid not in roots:
            parent[sid] = roots[0]
    _hang_cycles(ids, parent, roots)
    return people, (_tree_positions(ids, parent, roots) if ids else {})


def _hang_cycles(ids: list[str], parent: dict[str, str], roots: list[str]) -> None:
    """People in a circle of develops links never reach a root: hang the first of each
    circle from the first root, so that everyone is drawn."""
    children: dict[str, list[str]] = {}
    for child, lead in parent.items():
        children.setdefault(lead, []).append(child)
    reached: set[str] = set()
    stack = list(roots)
    while True:
        while stack:
            node = stack.pop()
            if node not in reached:
                reached.add(node)
                stack.extend(children.get(node, []))
        missing = [i for i in ids if i not in reached]
        if not missing:
            return
        first = missing[0]
        children.setdefault(parent[first], [])
        children[parent[first]].remove(first)
        parent[first] = roots[0]
        children.setdefault(roots[0], []).append(first)
        stack = [first]


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
    people, pos = _chart_positions(staff, links, set(links["leader_id"]))
    if not pos:
        ax = _axes(ax)
        ax.set_title(f"Leadership structure of {school}: no leaders or teachers")
        return ax
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


def coverage_status(
    data: Roster | CoverageGaps, *, span_target: int = DEFAULT_SPAN_TARGET
) -> pd.Series:
    """Each teacher's coverage status, the first that applies: no developer, developer over
    target, fragmented (coach cut off from evaluation), developer within target.

    ``data`` is a roster or its :func:`~leadmodel.coverage_gaps` (then ``span_target`` is
    the one those were computed with).
    """
    gaps = coverage_gaps(data, span_target=span_target) if isinstance(data, Roster) else data
    t = gaps.teachers
    status = np.select(
        [t["no_developer"], t["developer_over_target"], t["fragmented"]],
        ["no developer", "developer over target", "fragmented"],
        default="developer within target",
    )
    return pd.Series(status, index=t.index, name="status")


def plot_coverage(
    data: Roster | CoverageGaps,
    *,
    span_target: int = DEFAULT_SPAN_TARGET,
    max_schools: int = 40,
    ax: Axes | None = None,
) -> Axes:
    """Teachers by coverage status, one stacked bar per school (see :func:`coverage_status`).

    ``data`` is a roster or its :func:`~leadmodel.coverage_gaps` computed with ``span_target``.
    """
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
    ax = _axes(ax, (max(8.0, 0.22 * grid.shape[1] + 3), max(3.0, 0.2 * len(grid) + 1.5)))
    cmap = ListedColormap(["#F2F2F2", PALETTE["sky"], PALETTE["blue"]])
    ax.imshow(
        np.clip(grid.to_numpy(dtype=float), 0, 2),
        cmap=cmap,
        vmin=0,
        vmax=2,
        aspect="auto",
        interpolation="nearest",
    )
    labels = [f"{sid}" if school_id else f"{sch}/{sid}" for sch, sid in grid.index]
    ax.set_yticks(range(len(grid)), labels, fontsize=7)
    for label, dry in zip(ax.get_yticklabels(), order["drought"], strict=True):
        if dry:
            label.set_color(PALETTE["vermillion"])
            label.set_fontweight("bold")
    step = max(1, grid.shape[1] // 12)
    ax.set_xticks(range(0, grid.shape[1], step), [str(w) for w in grid.columns[::step]])
    ax.set_xlabel("week of the school year (light: no visit, sky: 1, blue: 2 or more)")
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
    leaders = leaders.sort_values(["visits_expected", "visits"], kind="mergesort").tail(max_leaders)
    names = [
        (f"{lid} ({role})" if school_id else f"{sch}/{lid} ({role})")
        for (sch, lid), role in zip(leaders.index, leaders["role"], strict=True)
    ]
    ax = _axes(ax, (8, max(3.0, 0.3 * len(leaders) + 1.5)))
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
    ax.set_xlabel(f"visits from the school year's start to {actuals.as_of}")
    n_behind = int(leaders["behind"].sum())
    ax.set_title(f"Planned against actual visits: {n_behind} of {len(leaders)} leaders behind")
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    _tidy(ax)
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
    ax = _axes(ax, (8, max(3.0, 0.3 * len(table) + 1.8)))
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
    ax.set_yticks(range(len(table)), table.index.astype(str), fontsize=7)
    ax.set_title("Coaching dosage: teachers coached, and coached teachers meeting each threshold")
    return ax


def plot_nps(table: pd.DataFrame, *, references: bool = True, ax: Axes | None = None) -> Axes:
    """Net Promoter Score by group with its confidence interval, from :func:`net_promoter_score`.

    One point and interval per shown group (the first group on top); suppressed groups keep
    their row, labelled "suppressed", with nothing drawn. Each interval is drawn from its bounds
    (``nps_low`` to ``nps_high``), so an adjusted Wald interval that leaves out the score itself
    (possible in tiny groups) is drawn as it is. A group whose Wald interval has zero width
    (``interval_degenerate``: every answer in one category) is drawn as an open circle, named in
    the legend. With ``references``, dashed lines mark the research's teacher scores: all
    teachers surveyed (-18), Denver's pilot schools (47 points higher, +29) and Sanger (54)
    (``leadmodel.survey.NPS_REFERENCES``).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import leadmodel as lm
    >>> table = lm.net_promoter_score(lm.load_sample("district_survey"), by="model",
    ...                               roles=["teacher", "teacher_leader"])
    >>> ax = lm.plot_nps(table)
    >>> ax.get_title()
    'Net Promoter Score by model with 95% intervals (0 of 4 groups suppressed)'
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['denver', 'fresno', 'green_dot', 'traditional']
    """
    from leadmodel.presets.benchmarks import NPS_REFERENCES

    groups = [str(g) for g in table.index]
    shown = ~table["suppressed"].to_numpy(dtype=bool)
    y = np.arange(len(table))[::-1].astype(float)
    nps = table["nps"].to_numpy(dtype=float, na_value=np.nan)
    low = table["nps_low"].to_numpy(dtype=float, na_value=np.nan)
    high = table["nps_high"].to_numpy(dtype=float, na_value=np.nan)
    degenerate = (
        table["interval_degenerate"].to_numpy(dtype=bool, na_value=False)
        if "interval_degenerate" in table
        else np.zeros(len(table), dtype=bool)
    )
    ax = _axes(ax, (8, max(3.0, 0.35 * len(table) + 1.8)))
    ax.axvline(0, color=PALETTE["grey"], linewidth=0.8)
    if references:
        for key, (value, label) in NPS_REFERENCES.items():
            ax.axvline(value, color=PALETTE["grey"], linestyle="--", linewidth=1, gid=key)
            ax.annotate(
                label,
                (value, 1.0),
                xycoords=("data", "axes fraction"),
                xytext=(2, -2),
                textcoords="offset points",
                rotation=90,
                va="top",
                fontsize=7,
                color=PALETTE["grey"],
            )
    if shown.any():
        blue = PALETTE["blue"]
        ax.hlines(y[shown], low[shown], high[shown], color=blue, linewidth=1.5, gid="nps_interval")
        ax.plot(
            np.concatenate([low[shown], high[shown]]),
            np.concatenate([y[shown], y[shown]]),
            linestyle="none",
            marker="|",
            markersize=8,
            color=blue,
            gid="nps_interval_ends",
        )
        solid = shown & ~degenerate
        ax.plot(nps[solid], y[solid], linestyle="none", marker="o", color=blue, zorder=3, gid="nps")
        hollow = shown & degenerate
        if hollow.any():
            ax.plot(
                nps[hollow],
                y[hollow],
                linestyle="none",
                marker="o",
                markerfacecolor="white",
                markeredgecolor=blue,
                zorder=3,
                gid="nps_zero_width",
                label="zero-width Wald interval: every answer in one category "
                "(see method='adjusted_wald')",
            )
            ax.legend(frameon=False, fontsize=8, loc="lower right")
    labels = [g if s else f"{g} (suppressed)" for g, s in zip(groups, shown, strict=True)]
    ax.set_yticks(y, labels, fontsize=8 if len(table) <= 30 else 6)
    for tick, s in zip(ax.get_yticklabels(), shown, strict=True):
        if not s:
            tick.set_color(PALETTE["grey"])
    ax.set_xlim(-100, 100)
    ax.set_xlabel("Net Promoter Score (% promoters minus % detractors)")
    confidence = table.attrs.get("confidence", 0.95)
    name = str(table.index.name or "group")
    ax.set_title(
        f"Net Promoter Score by {name.replace('_', ' ')} with {confidence:.0%} intervals "
        f"({int((~shown).sum())} of {len(table)} groups suppressed)"
    )
    _tidy(ax)
    return ax


FELT_BARS = (
    ("share_responsible_teachers", "feels responsible for teachers' growth", "blue"),
    ("formal_responsible_teachers", "on paper: coaches, evaluates or develops teachers", "sky"),
    ("share_primary_teachers", "feels primarily responsible", "vermillion"),
    ("formal_primary_teachers", "on paper: develops teachers (end to end)", "orange"),
)


def plot_felt_responsibility(table: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Responsibility as felt against responsibility on paper, one group of bars per role.

    ``table`` is the output of :func:`felt_responsibility`. For each leadership role: the
    share who feel responsible, and primarily responsible, for the growth of the teachers they
    lead, each next to the share the roster makes responsible. Suppressed roles keep their
    formal bars and are labelled "suppressed"; missing values draw no bar.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import leadmodel as lm
    >>> survey = lm.load_sample("district_survey")
    >>> felt = lm.felt_responsibility(lm.load_sample("district"), survey=survey)
    >>> ax = lm.plot_felt_responsibility(felt.loc[["principal", "chair"]])
    >>> sorted(round(bar.get_width()) for bar in ax.patches)  # chair: 22 and 10 felt, 0 on paper
    [0, 0, 10, 22, 82, 96, 100, 100]
    """
    roles = [str(r) for r in table.index]
    suppressed = table["suppressed"].to_numpy(dtype=bool)
    step = len(FELT_BARS) + 1
    base = np.arange(len(table))[::-1] * step
    ax = _axes(ax, (8, max(3.5, 0.9 * len(table) + 1.5)))
    for k, (column, label, colour) in enumerate(FELT_BARS):
        values = 100 * table[column].to_numpy(dtype=float, na_value=np.nan)
        keep = ~np.isnan(values)
        ax.barh(
            base[keep] + (len(FELT_BARS) - 1 - k),
            values[keep],
            height=0.9,
            color=PALETTE[colour],
            label=label,
        )
    labels = [
        f"{r.replace('_', ' ')}\n(suppressed)" if s else r.replace("_", " ")
        for r, s in zip(roles, suppressed, strict=True)
    ]
    ax.set_yticks(base + (len(FELT_BARS) - 1) / 2, labels, fontsize=8)
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of the role (felt: respondents; on paper: holders on the roster)")
    ax.set_title("Responsibility for teachers' growth: as felt and on paper")
    ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    _tidy(ax)
    return ax


#: How :func:`plot_advice_overlay` colours a teacher: by whether the advisers they name include
#: their developer, evaluator and coach; "no formal leader" when they name advisers but have
#: none of the three on the roster; "named no adviser" when they have no advice tie (the advice
#: question blank or not answered).
ADVICE_STATUS = (
    "names all their formal leaders",
    "misses some of their formal leaders",
    "names none of their formal leaders",
    "no formal leader",
    "named no adviser",
)
ALL_NAMED, SOME_MISSED, NONE_NAMED, NO_LEADER, NO_ADVICE = ADVICE_STATUS
ADVICE_COLOURS = dict(
    zip(ADVICE_STATUS, ("green", "orange", "vermillion", "purple", "grey"), strict=True)
)


def plot_advice_overlay(
    roster: Roster,
    *,
    survey: Survey,
    school_id: str | None = None,
    relations: Sequence[str] = ("develops", "evaluates", "coaches"),
    ax: Axes | None = None,
) -> Axes:
    """Formal links and advice ties of one school over its org chart.

    People sit in a tree along ``develops`` (else ``supervises``) links, as in
    :func:`plot_org_chart`; formal ``relations`` are thin coloured lines, advice ties
    (:func:`advice_graph`) dashed black lines. Teachers are coloured by whether they name
    their developer, evaluator and coach as advisers (:func:`advice_overlay`; the categories
    are ``leadmodel.plot.ADVICE_STATUS``): all of them, some, none, "no formal leader" (they
    name advisers but have no developer, evaluator or coach), or "named no adviser". Leaders
    are labelled with their advice in-degree. ``school_id`` defaults to the first school with
    advice ties.

    Raises
    ------
    DefinitionError
        When ``school_id`` is not one of the roster's schools.
    RosterError
        When the survey does not belong to ``roster`` (as for :func:`advice_overlay`).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import leadmodel as lm
    >>> survey, roster = lm.load_sample("district_survey"), lm.load_sample("district")
    >>> ax = lm.plot_advice_overlay(roster, survey=survey, school_id="D004")  # a traditional school
    >>> print(ax.get_title())
    Formal links and advice ties in D004
    16 of 35 teachers who named advisers name none of their developer, evaluator or coach
    """
    from matplotlib.collections import LineCollection

    from leadmodel.errors import DefinitionError
    from leadmodel.metrics.survey import advice_overlay

    overlay = advice_overlay(roster, survey=survey)  # checks the survey against the roster
    ties = survey.advice
    if school_id is None:
        school = str(ties["school_id"].min() if len(ties) else survey.responses["school_id"].min())
    elif school_id in set(roster.schools["school_id"]):
        school = school_id
    else:
        known = sorted(roster.schools["school_id"])
        raise DefinitionError(
            f"School {school_id!r} is not on the roster; give one of its schools "
            f"({', '.join(known[:10])}{', ...' if len(known) > 10 else ''}), or leave "
            "school_id out to draw the first school with advice ties."
        )
    staff = roster.staff[roster.staff["school_id"] == school]
    links = roster.links[roster.links["school_id"] == school]
    school_ties = ties[ties["school_id"] == school]
    involved = set(links["leader_id"]) | set(school_ties["adviser_id"])
    people, pos = _chart_positions(staff, links, involved)
    if not pos:
        ax = _axes(ax)
        ax.set_title(f"Advice in {school}: no leaders or teachers")
        return ax
    width = max(x for x, _ in pos.values()) + 1
    depth = -min(y for _, y in pos.values()) + 1
    ax = _axes(ax, (max(8.0, 0.18 * width + 3), max(3.5, 1.3 * depth + 1)))
    for relation in relations:
        chosen = links[links["relation"] == relation]
        for lead, sid in zip(chosen["leader_id"], chosen["staff_id"], strict=True):
            if lead in pos and sid in pos:
                (x0, y0), (x1, y1) = pos[lead], pos[sid]
                ax.plot(
                    [x0, x1],
                    [y0, y1],
                    color=RELATION_COLOURS[relation],
                    linewidth=0.8,
                    alpha=0.5,
                    zorder=1,
                )
        ax.plot([], [], color=RELATION_COLOURS[relation], label=relation)
    segments = [
        [pos[a], pos[s]]
        for a, s in zip(school_ties["adviser_id"], school_ties["staff_id"], strict=True)
        if a in pos and s in pos
    ]
    ax.add_collection(
        LineCollection(
            segments,
            colors=PALETTE["black"],
            linestyles="--",
            linewidths=1.0,
            alpha=0.7,
            label="advice tie",
            zorder=2,
            gid="advice",
        )
    )
    teachers = overlay.teachers
    in_school = teachers.index.get_level_values("school_id") == school
    teachers = teachers[in_school].droplevel("school_id")
    has_leader = teachers[["developer_ids", "evaluator_ids", "coach_ids"]].notna().any(axis=1)
    missed = teachers[
        ["developer_not_nominated", "evaluator_not_nominated", "coach_not_nominated"]
    ].any(axis=1)
    status: dict[str, str] = {}
    for sid, leader, none, miss in zip(
        teachers.index, has_leader, teachers["no_formal_leader_nominated"], missed, strict=True
    ):
        if not leader:
            status[str(sid)] = NO_LEADER
        else:
            status[str(sid)] = NONE_NAMED if none else SOME_MISSED if miss else ALL_NAMED
    role = people.set_index("staff_id")["role"]
    plain = [s for s in pos if role[s] == "teacher"]
    for name in ADVICE_STATUS:
        members = [s for s in plain if status.get(s, NO_ADVICE) == name]
        xy = np.array([pos[s] for s in members]).reshape(-1, 2)
        ax.scatter(
            xy[:, 0],
            xy[:, 1],
            s=24,
            color=PALETTE[ADVICE_COLOURS[name]],
            edgecolor=PALETTE["black"],
            linewidth=0.4,
            label=f"teacher: {name}",
            zorder=3,
            gid=name,
        )
    degree = overlay.leaders["advice_in_degree"]
    leads = [s for s in pos if role[s] != "teacher"]
    xy = np.array([pos[s] for s in leads]).reshape(-1, 2)
    ax.scatter(
        xy[:, 0], xy[:, 1], s=70, marker="s", color=PALETTE["black"], label="leader", zorder=3
    )
    for sid in leads:
        n = int(degree.get((school, sid), 0))
        ax.annotate(
            f"{sid}\n{role[sid].replace('_', ' ')}\nadvice {n}",
            pos[sid],
            xytext=(0, 8),
            textcoords="offset points",
            ha="center",
            fontsize=6,
        )
    counts = {name: sum(status.get(s, NO_ADVICE) == name for s in plain) for name in ADVICE_STATUS}
    led = counts[ALL_NAMED] + counts[SOME_MISSED] + counts[NONE_NAMED]
    title = (
        f"Formal links and advice ties in {school}\n{counts[NONE_NAMED]} of {led} teachers who "
        "named advisers name none of their developer, evaluator or coach"
    )
    if counts[NO_LEADER]:
        verb = "has" if counts[NO_LEADER] == 1 else "have"
        title += f"; {counts[NO_LEADER]} named advisers but {verb} no developer, evaluator or coach"
    ax.set_axis_off()
    ax.set_title(title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
    ax.autoscale_view()
    return ax
