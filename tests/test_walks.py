"""Walks over integer graphs (leadmodel.walks) against networkx, and their cost on long
chains and circles."""

from __future__ import annotations

import networkx as nx
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from leadmodel.walks import circles, depths, reach_counts, topological_levels

GRAPHS = st.integers(min_value=1, max_value=14).flatmap(
    lambda n: st.tuples(
        st.just(n),
        st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=30),
    )
)


def _arrays(edges: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    source = np.array([a for a, _ in edges], dtype=np.int64)
    target = np.array([b for _, b in edges], dtype=np.int64)
    return source, target


def _graph(n: int, edges: list[tuple[int, int]]) -> nx.DiGraph:
    G = nx.DiGraph(edges)
    G.add_nodes_from(range(n))
    return G


@given(GRAPHS)
def test_circles_are_the_strong_components_of_two_or_more(
    graph: tuple[int, list[tuple[int, int]]],
) -> None:
    n, edges = graph
    label = circles(*_arrays(edges), n)
    G = _graph(n, edges)
    expected = {frozenset(c) for c in nx.strongly_connected_components(G) if len(c) > 1}
    found: dict[int, set[int]] = {}
    for node, number in enumerate(label.tolist()):
        if number >= 0:
            found.setdefault(number, set()).add(node)
    assert {frozenset(c) for c in found.values()} == expected
    assert sorted(found) == list(range(len(found)))


@given(GRAPHS)
def test_reach_counts_match_networkx_with_circles_and_repeats(
    graph: tuple[int, list[tuple[int, int]]],
) -> None:
    n, edges = graph
    G = _graph(n, edges)
    people = (np.arange(n, dtype=np.int64) * 7) % 3
    below = [nx.descendants(G, v) - {v} for v in range(n)]
    assert reach_counts(*_arrays(edges), n).tolist() == [len(b) for b in below]
    weighted = [int(sum(people[d] for d in b)) for b in below]
    assert reach_counts(*_arrays(edges), n, people).tolist() == weighted


@given(GRAPHS, st.integers(0, 13))
def test_depths_and_levels_match_networkx(
    graph: tuple[int, list[tuple[int, int]]], root: int
) -> None:
    n, edges = graph
    root %= n
    G = _graph(n, edges)
    shortest = nx.single_source_shortest_path_length(G, root)
    expected = [shortest.get(v, -1) for v in range(n)]
    assert depths(*_arrays(edges), n, np.array([root])).tolist() == expected
    level = topological_levels(*_arrays(edges), n)
    cyclic = {v for c in nx.strongly_connected_components(G) if len(c) > 1 for v in c}
    cyclic |= {a for a, b in edges if a == b}
    below = set(cyclic).union(*(nx.descendants(G, v) for v in cyclic))
    assert {v for v in range(n) if level[v] < 0} == below
    for a, b in edges:
        if level[b] >= 0:
            assert 0 <= level[a] < level[b]


def test_a_long_chain_and_a_long_circle() -> None:
    """A chain and a circle of 20,000 (400 million pairs of people, were they listed; the
    benchmark's corner cases time them)."""
    n = 20_000
    chain = np.arange(n - 1), np.arange(1, n)
    circle = np.arange(n), (np.arange(n) + 1) % n
    assert reach_counts(*chain, n)[0] == n - 1
    assert depths(*chain, n, np.array([0]))[-1] == n - 1
    assert (reach_counts(*circle, n) == n - 1).all()
    assert (circles(*circle, n) == 0).all()
