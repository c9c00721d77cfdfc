"""The org chart: a school's leadership structure as a layered tree."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from leadmodel.plots.style import MAX_SIZE, PALETTE, RELATION_COLOURS, new_axes, text
from leadmodel.roles import TEACHING_ROLES
from leadmodel.roster import Roster

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["chart_positions", "label_offsets", "plot_org_chart"]


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


def chart_positions(
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
    teachers are dots, so a 60-teacher school stays readable; leaders too close
    together for their labels have them staggered in height (:func:`label_offsets`),
    and a figure wider than :data:`~leadmodel.plots.style.MAX_SIZE` keeps that width.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import leadmodel as lm
    >>> ax = lm.plot_org_chart(lm.load_sample("kipp_sunshine_peak"))
    >>> ax.figure.get_size_inches().tolist()
    [8.0, 4.9]
    """
    school = school_id or str(data.schools["school_id"].iloc[0])
    staff = data.staff[data.staff["school_id"] == school]
    links = data.links[data.links["school_id"] == school]
    people, pos = chart_positions(staff, links, set(links["leader_id"]))
    if not pos:
        ax = new_axes(ax)
        ax.set_title(text(f"Leadership structure of {school}: no leaders or teachers"))
        return ax
    width = max(x for x, _ in pos.values()) + 1
    depth = -min(y for _, y in pos.values()) + 1
    ax = new_axes(ax, (max(8.0, 0.18 * width + 3), max(3.5, 1.3 * depth + 1)))
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
    leaders = {sid: xy for sid, xy in pos.items() if role[sid] != "teacher"}
    inches = min(max(8.0, 0.18 * width + 3), MAX_SIZE[0]) - 2  # the plotting width, roughly
    for sid, rise in label_offsets(leaders, slots_per_inch=width / inches).items():
        ax.annotate(
            text(f"{sid}\n{role[sid].replace('_', ' ')}"),
            leaders[sid],
            xytext=(0, rise),
            textcoords="offset points",
            ha="center",
            fontsize=6,
        )
    ax.set_axis_off()
    ax.set_title(text(f"Leadership structure of {school}: each row is one step of development"))
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
    return ax


def label_offsets(
    leaders: dict[str, tuple[float, float]], *, slots_per_inch: float, label_inches: float = 0.7
) -> dict[str, float]:
    """Points above its marker for each leader's label, so that labels in a row do not overlap.

    Labels in one row of the tree are taken left to right; a label goes on the lowest of
    four levels (8, 26, 44, 62 points up) where it clears the last label by
    ``label_inches``, else on the level that ends furthest left.

    >>> label_offsets({"a": (0.0, 0.0), "b": (0.5, 0.0), "c": (9.0, 0.0)}, slots_per_inch=4)
    {'a': 8.0, 'b': 26.0, 'c': 8.0}
    """
    need = label_inches * slots_per_inch
    out: dict[str, float] = {}
    rows: dict[float, list[float]] = {}
    for sid, (x, y) in sorted(leaders.items(), key=lambda item: (item[1][1], item[1][0], item[0])):
        ends = rows.setdefault(y, [-np.inf] * 4)
        level = next((i for i, end in enumerate(ends) if x - end >= need), int(np.argmin(ends)))
        ends[level] = x
        out[sid] = 8.0 + 18.0 * level
    return out
