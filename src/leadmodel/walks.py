"""Walks over graphs of integer nodes, linear in the size of the graph.

Reporting lines and development links are graphs whose nodes are integers ``0 .. n-1`` (the
codes of :mod:`leadmodel.metrics.coded` or of the link checks) and whose edges are two arrays,
``source`` and ``target``. Everything here works level by level over those arrays, and every
level costs in proportion to the edges it touches, never to the whole graph, so that a chain
of 1,000 people or a circle of 1,000 costs what 1,000 edges cost:

- :func:`depths`: the fewest edges from a set of roots (breadth-first);
- :func:`topological_levels`: peeling nodes with no edge in (Kahn's algorithm), which finds
  the nodes on or below a circle;
- :func:`circles`: the strongly connected components with more than one node (people who
  lead each other round a circle), peeled first and then found exactly among what is left;
- :func:`reach_counts`: how many nodes lie below each node, a circle counted once.

Examples
--------
>>> import numpy as np
>>> source, target = np.array([0, 1, 2, 2]), np.array([1, 2, 0, 3])  # 0 -> 1 -> 2 -> 0, 2 -> 3
>>> circles(source, target, 5).tolist()
[0, 0, 0, -1, -1]
>>> reach_counts(source, target, 5).tolist()
[3, 3, 3, 0, 0]
"""

from __future__ import annotations

import numpy as np

__all__ = ["Csr", "circles", "depths", "distinct", "reach_counts", "topological_levels"]


def distinct(values: np.ndarray) -> np.ndarray:
    """The sorted distinct integer ``values``: ``np.unique`` by sorting, and without sorting
    when they already are in order (as link codes are: links are sorted by their key).

    numpy 2's ``np.unique`` hashes, which on a million wide integer codes costs about ten times
    a sort; this is what every distinct set of codes in leadmodel is made with.

    >>> distinct(np.array([5, 2, 5, 9, 2])).tolist()
    [2, 5, 9]
    """
    values = np.asarray(values)
    if len(values) < 2:
        return values.copy()
    if not np.all(values[1:] >= values[:-1]):
        values = np.sort(values)
    step = values[1:] != values[:-1]
    return values if step.all() else values[np.concatenate([[True], step])]


class Csr:
    """Edges between integer nodes ``0 .. n-1``, grouped by their source (compressed rows)."""

    def __init__(self, source: np.ndarray, target: np.ndarray, n: int) -> None:
        order = np.argsort(source, kind="stable")
        self.target = target[order]
        self.indptr = np.concatenate([[0], np.cumsum(np.bincount(source, minlength=n))])

    def children(self, nodes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Every edge out of ``nodes``: (position in ``nodes`` of its source, its target)."""
        starts, ends = self.indptr[nodes], self.indptr[nodes + 1]
        counts = ends - starts
        which = np.repeat(np.arange(len(nodes)), counts)
        offset = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        return which, self.target[starts[which] + offset]


def _distinct(nodes: np.ndarray, n: int) -> np.ndarray:
    """The distinct ``nodes`` in order: by counting when they are many, else by sorting, so
    that a level costs in proportion to its own size."""
    if len(nodes) * 8 > n:
        return np.flatnonzero(np.bincount(nodes, minlength=n))
    return distinct(nodes)


def _tally(nodes: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct ``nodes`` and how often each occurs (see :func:`_distinct`)."""
    if len(nodes) * 8 > n:
        counts = np.bincount(nodes, minlength=n)
        distinct = np.flatnonzero(counts)
        return distinct, counts[distinct]
    return np.unique(nodes, return_counts=True)


def depths(source: np.ndarray, target: np.ndarray, n: int, roots: np.ndarray) -> np.ndarray:
    """Per node, the fewest edges from any of ``roots`` (``-1`` where unreachable).

    >>> depths(np.array([0, 1, 0]), np.array([1, 2, 2]), 4, np.array([0])).tolist()
    [0, 1, 1, -1]
    """
    walk = Csr(source, target, n)
    depth = np.full(n, -1, dtype=np.int64)
    depth[roots] = 0
    frontier = np.flatnonzero(depth == 0)
    level = 0
    while len(frontier):
        level += 1
        _, child = walk.children(frontier)
        child = child[depth[child] < 0]
        depth[child] = level
        frontier = _distinct(child, n)
    return depth


def topological_levels(
    source: np.ndarray, target: np.ndarray, n: int, walk: Csr | None = None
) -> np.ndarray:
    """Per node, its level in a topological order: 0 for nodes no edge enters, else one more
    than the highest level among the nodes with an edge into it; ``-1`` for the nodes on a
    circle or below one, which peeling never reaches (Kahn's algorithm, a level at a time).

    >>> topological_levels(np.array([0, 1, 0, 3]), np.array([1, 2, 2, 3]), 4).tolist()
    [0, 1, 2, -1]
    """
    walk = walk or Csr(source, target, n)
    waiting = np.bincount(target, minlength=n)  # edges in from nodes not yet levelled
    level = np.full(n, -1, dtype=np.int64)
    frontier = np.flatnonzero(waiting == 0)
    depth = 0
    while len(frontier):
        level[frontier] = depth
        _, child = walk.children(frontier)
        nodes, count = _tally(child, n)
        waiting[nodes] -= count
        frontier = nodes[waiting[nodes] == 0]
        depth += 1
    return level


def circles(source: np.ndarray, target: np.ndarray, n: int) -> np.ndarray:
    """Per node, the number of its circle (a strongly connected component of two nodes or
    more), numbered from 0; ``-1`` for nodes on no circle.

    Nodes that no circle lies above, and then nodes that no circle lies below, are peeled off
    level by level; the components are found exactly (networkx) among the few that remain,
    the nodes on circles and between them.
    """
    label = np.full(n, -1, dtype=np.int64)
    above = topological_levels(source, target, n) < 0  # on a circle or below one
    inner = above[source] & above[target]
    if not inner.any():
        return label
    s, t = source[inner], target[inner]
    below = topological_levels(t, s, n) < 0  # ... and on a circle or above one
    core = below[s] & below[t]
    import networkx as nx

    graph = nx.DiGraph()
    graph.add_edges_from(zip(s[core].tolist(), t[core].tolist(), strict=True))
    components = [c for c in nx.strongly_connected_components(graph) if len(c) > 1]
    for number, nodes in enumerate(sorted(components, key=min)):
        label[np.fromiter(nodes, dtype=np.int64, count=len(nodes))] = number
    return label


def _add_at(out: np.ndarray, nodes: np.ndarray, values: np.ndarray) -> None:
    """``out[nodes] += values`` with repeats adding up, in time proportional to ``nodes``
    when they are few."""
    if len(nodes) * 8 > len(out):
        out += np.bincount(nodes, values, minlength=len(out)).astype(out.dtype)
    else:
        np.add.at(out, nodes, values)


def _subtree_sums(
    source: np.ndarray, target: np.ndarray, level: np.ndarray, n: int, w: np.ndarray
) -> np.ndarray:
    """In a forest (every node entered by at most one edge) with topological ``level`` per
    node: the weight of each node's subtree below it, added up from the deepest level."""
    size = np.zeros(n, dtype=np.int64)
    order = np.argsort(-level[target], kind="stable")
    bounds = np.flatnonzero(np.diff(level[target][order])) + 1
    for edges in np.split(order, bounds):
        below = w[target[edges]] + size[target[edges]]
        _add_at(size, source[edges], below)
    return size


def _reach_by_sets(
    source: np.ndarray, target: np.ndarray, level: np.ndarray, n: int, w: np.ndarray
) -> np.ndarray:
    """In any graph without circles (``level`` from :func:`topological_levels`): the weight of
    the distinct nodes below each node. Each node's set of nodes below is made, deepest level
    first, from its children and their sets, so the work is that of the sets it counts."""
    total = np.zeros(n, dtype=np.int64)
    start = np.zeros(n, dtype=np.int64)
    count = np.zeros(n, dtype=np.int64)
    store = np.empty(max(len(source), 16), dtype=np.int64)
    used = 0
    order = np.argsort(-level[source], kind="stable")
    bounds = np.flatnonzero(np.diff(level[source][order])) + 1
    for edges in np.split(order, bounds):
        lead, child = source[edges], target[edges]
        sizes = count[child]
        which = np.repeat(np.arange(len(edges)), sizes)
        offset = np.arange(len(which)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        below = store[start[child][which] + offset]
        keys = distinct(np.concatenate([lead * n + child, lead[which] * n + below]))
        nodes, reached = keys // n, keys % n
        if used + len(keys) > len(store):
            store = np.concatenate([store[:used], np.empty(used + 2 * len(keys), np.int64)])
        store[used : used + len(keys)] = reached
        first = np.flatnonzero(np.diff(nodes, prepend=-1))
        start[nodes[first]] = used + first
        count[nodes[first]] = np.diff(first, append=len(keys))
        _add_at(total, nodes, w[reached])
        used += len(keys)
    return total


def _reach_in_order(
    source: np.ndarray, target: np.ndarray, level: np.ndarray, n: int, w: np.ndarray
) -> np.ndarray:
    """:func:`reach_counts` for a graph without circles: subtree sums for a forest, sets for
    anything else (a node with two leaders is counted once below a leader of both)."""
    if np.bincount(target, minlength=n).max(initial=0) <= 1:
        return _subtree_sums(source, target, level, n, w)
    return _reach_by_sets(source, target, level, n, w)


def reach_counts(
    source: np.ndarray, target: np.ndarray, n: int, weights: np.ndarray | None = None
) -> np.ndarray:
    """Per node, how many nodes are reachable below it along the edges (a node reached by
    two paths counts once, the node itself never); with ``weights``, their sum over those
    nodes (people in each position: 0 for a vacancy, 2 for a job share).

    People who lead each other round a circle all reach one another: each circle is first
    drawn together into one node (weighing what its members weigh), so the walk below it is
    made once, not once per member.

    >>> reach_counts(np.array([0, 0, 1, 2]), np.array([1, 2, 3, 3]), 4).tolist()  # a diamond
    [3, 1, 1, 0]
    """
    w = np.ones(n, dtype=np.int64) if weights is None else np.asarray(weights, dtype=np.int64)
    source, target = np.asarray(source, dtype=np.int64), np.asarray(target, dtype=np.int64)
    level = topological_levels(source, target, n)
    if (level >= 0).all():
        return _reach_in_order(source, target, level, n, w)
    circle = circles(source, target, n)
    # one node per circle (numbered after the others), then renumbered 0 .. k-1
    node = np.unique(np.where(circle >= 0, n + circle, np.arange(n)), return_inverse=True)[1]
    k = int(node.max(initial=-1)) + 1
    weight = np.bincount(node, w, minlength=k).astype(np.int64)
    s, t = node[source], node[target]
    apart = s != t
    pairs = distinct(s[apart] * k + t[apart])
    s, t = pairs // k, pairs % k
    below = _reach_in_order(s, t, topological_levels(s, t, k), k, weight)
    reach: np.ndarray = weight[node] - w + below[node]
    return reach
