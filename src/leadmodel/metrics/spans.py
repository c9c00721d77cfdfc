"""Spans of control, layers and span bands.

Every function takes a :class:`~leadmodel.Roster` (computed vectorised over the
link table) or the graph from :func:`~leadmodel.graph_from_roster` (computed by
walking the graph); both routes give identical results.

Span measures (all for one ``relation``, ``"develops"`` by default; see
``docs/glossary.md``):

``span``
    people the leader holds the relation to directly;
``span_teachers``
    those of them in teaching roles;
``span_fte``
    the sum of their FTE;
``span_all``
    everyone beneath the leader through chains of the relation;
``teachers_per_release_fte``
    ``span_teachers`` divided by the leader's released time
    (``fte * release_fte``): 6 teachers on 0.5 release give 12, comparable
    with 13 teachers for a full-time AP;
``layer``
    steps below the school's principal along the relation and ``supervises``
    links (principal = 0); in a unit with no principal, below whoever leads
    others and is led by no one (the top of the chart).

Examples
--------
>>> import leadmodel as lm
>>> spans = lm.span_of_control(lm.load_sample("kipp_sunshine_peak"))
>>> spans.loc["S-KIPP", ["role", "span", "span_all", "layer"]].head(3)
                     role  span  span_all  layer
leader_id
KIPP-A01  assistant_principal     8         8      1
KIPP-A02  assistant_principal     8         8      1
KIPP-P01            principal     4        10      0
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeAlias

import networkx as nx
import numpy as np
import pandas as pd

from leadmodel.errors import DefinitionError
from leadmodel.models import RELATIONS
from leadmodel.roles import DEFAULT_RELEASE, ROLE_CATEGORY, TEACHING_ROLES
from leadmodel.roster import Roster

__all__ = ["DEFAULT_BANDS", "band_labels", "span_matrix", "span_of_control"]

#: Lower bounds of the default span bands: 1-2, 3-5, 6-8, 9-13, 14-20, 21+.
DEFAULT_BANDS: tuple[int, ...] = (1, 3, 6, 9, 14, 21)
LEADER_CATEGORIES = ("administrator", "teacher_leader", "coach")
KEY = ["school_id", "leader_id"]
Data: TypeAlias = Roster | nx.MultiDiGraph


def check_relation(relation: str) -> None:
    """Raise :class:`DefinitionError` unless ``relation`` is a known relation."""
    if relation not in RELATIONS:
        raise DefinitionError(f"Unknown relation {relation!r}; use one of {', '.join(RELATIONS)}.")


def band_labels(bands: Sequence[int]) -> list[str]:
    """Labels of the span bands with lower bounds ``bands``, after ``"0"``.

    >>> band_labels((1, 3, 6))
    ['0', '1-2', '3-5', '6+']
    """
    if not bands or list(bands) != sorted(set(bands)) or bands[0] < 1:
        raise DefinitionError(f"bands must be increasing whole numbers from 1 up, got {bands!r}.")
    labels = ["0"]
    for low, high in zip(bands, [*bands[1:], None], strict=True):
        labels.append(
            f"{low}+" if high is None else (f"{low}" if high == low + 1 else f"{low}-{high - 1}")
        )
    return labels


def effective_release(role: pd.Series, release_fte: pd.Series) -> pd.Series:
    """Release share as given, or the role's default where the roster does not say."""
    return release_fte.astype("Float64").fillna(role.map(DEFAULT_RELEASE).astype("Float64"))


# ------------------------------------------------------------------ vectorised route


def _staff_frame(roster: Roster) -> pd.DataFrame:
    staff = roster.staff[["school_id", "staff_id", "role", "fte", "release_fte"]]
    return staff.set_index(["school_id", "staff_id"])


def relation_edges(links: pd.DataFrame, relations: Sequence[str]) -> pd.DataFrame:
    chosen = links[links["relation"].isin(relations)]
    return chosen[["school_id", "leader_id", "staff_id"]].drop_duplicates()


class _CodedGraph:
    """Edges within schools as integer node codes, in CSR order, for numpy walks.

    A node is a ``(school_id, id)`` pair; ``codes(school, ids)`` gives its code (``-1`` for
    a pair that is on no edge), ``names(codes)`` the pairs back.
    """

    def __init__(self, edges: pd.DataFrame) -> None:
        school = pd.concat([edges["school_id"], edges["school_id"]], ignore_index=True)
        ids = pd.concat([edges["leader_id"], edges["staff_id"]], ignore_index=True)
        school_code, self.schools = pd.factorize(school)
        id_code, self.ids = pd.factorize(ids)
        node, self.keys = pd.factorize(school_code.astype(np.int64) * len(self.ids) + id_code)
        n_edges = len(edges)
        self.n = len(self.keys)
        source, target = node[:n_edges], node[n_edges:]
        order = np.argsort(source, kind="stable")
        self.source, self.target = source[order], target[order]
        self.indptr = np.searchsorted(self.source, np.arange(self.n + 1))

    def codes(self, school: pd.Series, ids: pd.Series) -> np.ndarray:
        s = pd.Index(self.schools).get_indexer(school)
        i = pd.Index(self.ids).get_indexer(ids)
        found = (s >= 0) & (i >= 0)
        key = np.where(found, s.astype(np.int64) * len(self.ids) + i, -1)
        return np.where(found, pd.Index(self.keys).get_indexer(key), -1)

    def names(self, codes: np.ndarray) -> pd.MultiIndex:
        key = self.keys[codes]
        return pd.MultiIndex.from_arrays(
            [
                pd.Index(self.schools[key // len(self.ids)]).astype("string"),
                pd.Index(self.ids[key % len(self.ids)]).astype("string"),
            ],
            names=KEY,
        )

    def children(self, nodes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Every edge out of ``nodes``: (position in ``nodes`` of its source, its target)."""
        starts, ends = self.indptr[nodes], self.indptr[nodes + 1]
        counts = ends - starts
        which = np.repeat(np.arange(len(nodes)), counts)
        offset = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        return which, self.target[starts[which] + offset]


def descendant_counts(edges: pd.DataFrame) -> pd.Series:
    """Count everyone reachable below each leader: a breadth-first walk from all leaders at
    once over integer-coded edges (a person reached by two paths counts once)."""
    if edges.empty:
        return pd.Series(dtype="int64", index=pd.MultiIndex.from_arrays([[], []], names=KEY))
    g = _CodedGraph(edges)
    top, node = g.source, g.target
    seen = np.unique(top * g.n + node)
    frontier_top, frontier_node = top, node
    while len(frontier_node):
        which, child = g.children(frontier_node)
        parent = frontier_top[which]
        keep = child != parent
        key = np.unique(parent[keep] * g.n + child[keep])
        key = key[~np.isin(key, seen, assume_unique=True)]
        seen = np.union1d(seen, key)
        frontier_top, frontier_node = key // g.n, key % g.n
    tops, counts = np.unique(seen // g.n, return_counts=True)
    return pd.Series(counts, index=g.names(tops), dtype="int64")


def top_of_chart(staff: pd.DataFrame, edges: pd.DataFrame) -> pd.DataFrame:
    """The people layers count from: ``school_id`` and ``staff_id`` of each root.

    A school's principal(s); in a unit with no principal (a generic reporting-line file,
    say), everyone who leads someone along ``edges`` and is led by no one.
    """
    principals = staff.loc[staff["role"] == "principal"].reset_index()[["school_id", "staff_id"]]
    without = edges.loc[~edges["school_id"].isin(principals["school_id"]), [*KEY, "staff_id"]]
    led = pd.MultiIndex.from_frame(without[["school_id", "staff_id"]])
    tops = without.loc[~pd.MultiIndex.from_frame(without[KEY]).isin(led), KEY].drop_duplicates()
    tops = tops.rename(columns={"leader_id": "staff_id"})
    return pd.concat([principals, tops], ignore_index=True)


def layers_from_top(staff: pd.DataFrame, edges: pd.DataFrame) -> pd.Series:
    """Breadth-first depth below each unit's top (see :func:`top_of_chart`), over
    integer-coded edges; tops on no edge (a principal who leads no one) are layer 0."""
    roots = top_of_chart(staff, edges)
    alone = pd.Series(0, index=pd.MultiIndex.from_frame(roots).set_names(KEY), dtype="int64")
    if edges.empty:
        return alone
    g = _CodedGraph(edges)
    start = g.codes(roots["school_id"], roots["staff_id"])
    depth = np.full(g.n, -1, dtype=np.int64)
    frontier = np.unique(start[start >= 0])
    depth[frontier] = 0
    level = 0
    while len(frontier):
        level += 1
        _, child = g.children(frontier)
        child = np.unique(child[depth[child] < 0])
        depth[child] = level
        frontier = child
    reached = np.flatnonzero(depth >= 0)
    layers = pd.Series(depth[reached], index=g.names(reached), dtype="int64")
    out: pd.Series = pd.concat([layers, alone[~alone.index.isin(layers.index)]])
    return out


def _counts_from_roster(roster: Roster, relation: str) -> pd.DataFrame:
    staff = _staff_frame(roster)
    edges = relation_edges(roster.links, [relation])
    led = edges.join(staff[["role", "fte"]], on=["school_id", "staff_id"])
    led["teaches"] = led["role"].isin(TEACHING_ROLES)
    grouped = led.groupby(KEY)
    counts = pd.DataFrame(
        {
            "span": grouped.size(),
            "span_teachers": grouped["teaches"].sum(),
            "span_fte": grouped["fte"].sum(),
            "span_all": descendant_counts(edges),
        }
    )
    is_leader = staff["role"].map(ROLE_CATEGORY).isin(LEADER_CATEGORIES).to_numpy()
    any_link = pd.MultiIndex.from_frame(roster.links[KEY].drop_duplicates())
    leaders = staff.index[is_leader].set_names(KEY).union(any_link)
    attrs = staff.reindex(leaders.set_names(staff.index.names)).set_axis(leaders)
    layers = layers_from_top(staff, relation_edges(roster.links, [relation, "supervises"]))
    return attrs.join(counts).join(layers.rename("layer"))


# ------------------------------------------------------------------ graph route


def _counts_from_graph(G: nx.MultiDiGraph, relation: str) -> pd.DataFrame:
    H = nx.DiGraph()
    H.add_nodes_from(G.nodes)
    H.add_edges_from((u, v) for u, v, key in G.edges(keys=True) if key == relation)
    L = nx.DiGraph()
    L.add_nodes_from(G.nodes)
    L.add_edges_from((u, v) for u, v, key in G.edges(keys=True) if key in (relation, "supervises"))
    with_principal = {n[0] for n, role in G.nodes(data="role") if role == "principal"}
    roots = [
        n
        for n, role in G.nodes(data="role")
        if role == "principal"
        or (n[0] not in with_principal and L.out_degree(n) and not L.in_degree(n))
    ]
    depth = nx.multi_source_dijkstra_path_length(L, roots) if roots else {}
    rows = []
    for node, attrs in G.nodes(data=True):
        reports = list(H.successors(node))
        if not G.out_degree(node) and ROLE_CATEGORY[attrs["role"]] not in LEADER_CATEGORIES:
            continue
        rows.append(
            {
                "school_id": node[0],
                "leader_id": node[1],
                "role": attrs["role"],
                "fte": attrs["fte"],
                "release_fte": attrs.get("release_fte"),
                "span": len(reports) or None,
                "span_teachers": sum(G.nodes[r]["role"] in TEACHING_ROLES for r in reports)
                if reports
                else None,
                "span_fte": sum(G.nodes[r]["fte"] for r in reports) if reports else None,
                "span_all": len(nx.descendants(H, node)) or None,
                "layer": depth.get(node),
            }
        )
    return pd.DataFrame(rows).set_index(KEY)


# ------------------------------------------------------------------ public


def _finish(counts: pd.DataFrame, bands: Sequence[int]) -> pd.DataFrame:
    labels = band_labels(bands)
    index = pd.MultiIndex.from_arrays(
        [counts.index.get_level_values(k).astype("string") for k in KEY], names=KEY
    )
    out = pd.DataFrame(index=index)
    counts = counts.set_axis(index)
    out["role"] = counts["role"].astype("string")
    out["category"] = out["role"].map(ROLE_CATEGORY).astype("string")
    out["fte"] = counts["fte"].astype("Float64")
    out["release_fte"] = effective_release(out["role"], counts["release_fte"])
    for col in ("span", "span_teachers", "span_all"):
        out[col] = pd.to_numeric(counts[col]).fillna(0).astype("int64")
    out["span_fte"] = pd.to_numeric(counts["span_fte"]).fillna(0.0).astype("float64")
    released = (out["fte"] * out["release_fte"]).astype("float64")
    ratio = np.where(
        released > 0, out["span_teachers"] / np.where(released > 0, released, 1.0), np.nan
    )
    out["teachers_per_release_fte"] = pd.Series(ratio, index=out.index, dtype="Float64")
    out["layer"] = counts["layer"].astype("Float64").astype("Int64")
    # bins [-0.5, 0.5), [0.5, 2.5), [2.5, 5.5), ... hold spans 0, 1-2, 3-5, ...
    bins = [-0.5, *[b - 0.5 for b in bands], np.inf]
    out["span_band"] = pd.cut(out["span"], bins=bins, labels=labels, right=False)
    return out.sort_index()


def span_of_control(
    data: Data, *, relation: str = "develops", bands: Sequence[int] = DEFAULT_BANDS
) -> pd.DataFrame:
    """Spans of control: one row per leader.

    Parameters
    ----------
    data
        A roster, or its graph from :func:`~leadmodel.graph_from_roster`.
    relation
        The relation whose spans are measured (default ``"develops"``: the
        leader with end-to-end responsibility).
    bands
        Lower bounds of the span bands (default 1-2, 3-5, 6-8, 9-13, 14-20, 21+).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``(school_id, leader_id)``, sorted. Leaders are everyone who
        leads someone by any relation, plus every administrator, teacher leader
        and coach (whose span may be 0). Columns: ``role``,
        ``category``, ``fte``, ``release_fte`` (effective), ``span``,
        ``span_teachers``, ``span_all``, ``span_fte``,
        ``teachers_per_release_fte``, ``layer``, ``span_band``; defined in
        ``docs/glossary.md``.
    """
    check_relation(relation)
    counts = (
        _counts_from_graph(data, relation)
        if isinstance(data, nx.Graph)
        else _counts_from_roster(data, relation)
    )
    return _finish(counts, bands)


def span_matrix(
    data: Data, *, relation: str = "develops", bands: Sequence[int] = DEFAULT_BANDS
) -> pd.DataFrame:
    """Count leaders by layer (rows) and span band (columns).

    Leaders not below any principal are counted in the row ``"none"``.

    >>> import leadmodel as lm
    >>> int(lm.span_matrix(lm.load_sample("traditional_elementary")).loc[0, "21+"])
    1
    """
    spans = span_of_control(data, relation=relation, bands=bands)
    layer = spans["layer"].fillna(-1).astype("int64")  # -1: below no principal, shown last
    table = pd.crosstab(layer, spans["span_band"], dropna=False)
    table = table.loc[[*table.index[table.index >= 0], *table.index[table.index < 0]]]
    table = table.rename(index={-1: "none"})
    table = table.reindex(columns=band_labels(bands), fill_value=0)
    table.index.name = "layer"
    table.columns.name = "span_band"
    return table
