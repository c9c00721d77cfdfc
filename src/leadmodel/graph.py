"""The leadership graph: staff as nodes, typed relations as edges.

:func:`graph_from_roster` turns a :class:`~leadmodel.Roster` into a networkx
``MultiDiGraph``: one node per staff row, keyed ``(school_id, staff_id)`` (a
person in two schools is two nodes, as in the staff table), carrying the row's
columns as attributes; one edge per link, from leader to staff member, keyed by
the relation (``"develops"``, ``"evaluates"``, ...), so that one leader can hold
several relations to the same teacher. ``G.graph`` records provenance (library
version, roster checksum; no timestamp, so the same roster gives the same graph)
and the teams and schools tables. :func:`graph_to_frames` gives the tables back;
:func:`write_graphml` writes the graph for other tools.

Examples
--------
>>> import leadmodel as lm
>>> G = lm.graph_from_roster(lm.load_sample("kipp_sunshine_peak"))
>>> sorted(G.nodes[("S-KIPP", "KIPP-P01")].items())[:3]
[('category', 'administrator'), ('fte', 1.0), ('incumbents', 1)]
>>> sum(1 for *_, rel in G.edges(keys=True) if rel == "develops")  # 8 + 8 + 4 + 6 + 2 APs
28
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pandas as pd

from leadmodel._version import __version__
from leadmodel.roles import ROLE_CATEGORY
from leadmodel.roster import Roster, canonical_table, records

__all__ = ["graph_from_roster", "graph_to_frames", "roster_from_graph", "write_graphml"]

_EDGE_ENDS = ("school_id", "leader_id", "staff_id", "relation")


def graph_from_roster(roster: Roster) -> nx.MultiDiGraph:
    """Build the leadership graph of a roster.

    Parameters
    ----------
    roster
        The roster; it is not modified.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes ``(school_id, staff_id)`` with the staff columns as attributes
        (missing values left out) plus ``category`` (the role's category);
        edges ``(school_id, leader_id) -> (school_id, staff_id)`` keyed by
        relation, with attributes ``relation`` and ``source``.
    """
    G = nx.MultiDiGraph()
    G.graph.update(
        leadmodel_version=__version__,
        roster_checksum=roster.checksum(),
        staff_columns=list(roster.staff.columns),
        teams=records(roster.teams),
        schools=records(roster.schools),
    )
    for rec in records(roster.staff):
        attrs = {k: v for k, v in rec.items() if v is not None}
        attrs["category"] = ROLE_CATEGORY[rec["role"]]
        G.add_node((rec["school_id"], rec["staff_id"]), **attrs)
    G.graph["link_columns"] = list(roster.links.columns)
    for rec in records(roster.links):
        school, leader, staff, relation = (rec.pop(k) for k in _EDGE_ENDS)
        attrs = {k: v for k, v in rec.items() if v is not None}
        G.add_edge((school, leader), (school, staff), relation, relation=relation, **attrs)
    return G


def graph_to_frames(G: nx.MultiDiGraph) -> dict[str, pd.DataFrame]:
    """Return the canonical ``staff``, ``links``, ``teams`` and ``schools`` tables of a graph.

    The inverse of :func:`graph_from_roster` (see :func:`roster_from_graph`).

    >>> import leadmodel as lm
    >>> tables = lm.graph_to_frames(lm.graph_from_roster(lm.load_sample("green_dot")))
    >>> sorted(tables)
    ['links', 'schools', 'staff', 'teams']
    """
    columns = G.graph.get("staff_columns")
    rows = [  # a node added only by an edge has no attributes: its key names it
        {"school_id": node[0], "staff_id": node[1]}
        | {k: v for k, v in attrs.items() if k != "category"}
        for node, attrs in G.nodes(data=True)
    ]
    staff = pd.DataFrame(rows, columns=columns) if columns else pd.DataFrame(rows)
    edges = [
        {**data, "school_id": u[0], "leader_id": u[1], "staff_id": v[1], "relation": key}
        for u, v, key, data in G.edges(keys=True, data=True)
    ]
    link_columns = G.graph.get("link_columns", _LINK_ORDER)
    return {
        "staff": canonical_table(staff, "staff"),
        "links": canonical_table(pd.DataFrame(edges, columns=link_columns), "links"),
        "teams": canonical_table(pd.DataFrame(G.graph.get("teams", [])), "teams"),
        "schools": canonical_table(pd.DataFrame(G.graph.get("schools", [])), "schools"),
    }


def as_roster(data: Roster | nx.MultiDiGraph) -> Roster:
    """The roster itself, or the roster a leadership graph describes (for metric inputs)."""
    return roster_from_graph(data) if isinstance(data, nx.Graph) else data


def roster_from_graph(G: nx.MultiDiGraph) -> Roster:
    """Return the roster a leadership graph describes.

    >>> import leadmodel as lm
    >>> roster = lm.load_sample("green_dot")
    >>> lm.roster_from_graph(lm.graph_from_roster(roster)).equals(roster)
    True
    """
    tables = graph_to_frames(G)
    return Roster(tables["staff"], tables["links"], tables["teams"], tables["schools"])


_LINK_ORDER = ["school_id", "leader_id", "staff_id", "relation", "source"]


def write_graphml(data: Roster | nx.MultiDiGraph, path: str | Path) -> Path:
    """Write the leadership graph as GraphML, for Gephi, yEd, igraph or another planning tool.

    Node ids are ``"school_id/staff_id"``; each node also carries ``school_id``,
    ``staff_id`` and the staff columns that have a value; each edge carries
    ``relation`` (also its key) and ``source``. The graph carries
    ``leadmodel_version`` and ``roster_checksum``; the teams and schools tables,
    which GraphML cannot hold, are left out (export them as tables). The same
    roster gives the same bytes.

    Examples
    --------
    >>> import tempfile, pathlib, networkx as nx
    >>> import leadmodel as lm
    >>> path = lm.write_graphml(lm.load_sample("kipp_sunshine_peak"),
    ...                         pathlib.Path(tempfile.mkdtemp()) / "kipp.graphml")
    >>> G = nx.read_graphml(path, force_multigraph=True)
    >>> G.nodes["S-KIPP/KIPP-P01"]["role"]
    'principal'
    """
    G = data if isinstance(data, nx.MultiDiGraph) else graph_from_roster(data)
    out = nx.MultiDiGraph()
    out.graph.update(
        {k: v for k, v in G.graph.items() if k in ("leadmodel_version", "roster_checksum")}
    )
    for (school, staff), attrs in G.nodes(data=True):
        scalars = {k: v for k, v in attrs.items() if isinstance(v, str | int | float | bool)}
        out.add_node(f"{school}/{staff}", **scalars)
    for (school, leader), (_, staff), key, attrs in G.edges(keys=True, data=True):
        scalars = {k: v for k, v in attrs.items() if isinstance(v, str | int | float | bool)}
        out.add_edge(f"{school}/{leader}", f"{school}/{staff}", key, **scalars)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(out, target, encoding="utf-8", prettyprint=True)
    return target
