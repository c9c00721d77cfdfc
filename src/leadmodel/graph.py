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

import json
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from leadmodel._version import __version__
from leadmodel.atomic import atomic_file
from leadmodel.errors import DefinitionError, RosterError
from leadmodel.roles import ROLE_CATEGORY
from leadmodel.roster import ISSUE_COLUMNS, Roster, canonical_table, records

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


def graph_to_frames(G: nx.Graph) -> dict[str, pd.DataFrame]:
    """Return the canonical ``staff``, ``links``, ``teams`` and ``schools`` tables of a graph.

    The inverse of :func:`graph_from_roster` (see :func:`roster_from_graph`). The graph
    may also be one read back from :func:`write_graphml` with ``networkx.read_graphml``:
    nodes are then named by text, each carrying ``school_id`` and ``staff_id``, and the
    graph carries its tables as JSON text.

    >>> import leadmodel as lm
    >>> tables = lm.graph_to_frames(lm.graph_from_roster(lm.load_sample("green_dot")))
    >>> sorted(tables)
    ['links', 'schools', 'staff', 'teams']
    """
    columns = _graph_value(G, "staff_columns", None)
    keys = {node: _node_key(node, attrs) for node, attrs in G.nodes(data=True)}
    drop = {"category"} - set(columns or [])  # the role's category is derived, not a column
    rows = [
        {k: v for k, v in attrs.items() if k not in drop} | dict(zip(_KEY, keys[node], strict=True))
        for node, attrs in G.nodes(data=True)
    ]
    staff = pd.DataFrame(rows, columns=columns) if columns else pd.DataFrame(rows)
    edges = [
        {**data, "school_id": keys[u][0], "leader_id": keys[u][1], "staff_id": keys[v][1]}
        | {"relation": data.get("relation", key)}
        for u, v, key, data in _edges(G)
    ]
    link_columns = _graph_value(G, "link_columns", _LINK_ORDER)
    return {
        "staff": canonical_table(staff, "staff"),
        "links": canonical_table(pd.DataFrame(edges, columns=link_columns), "links"),
        "teams": canonical_table(pd.DataFrame(_graph_value(G, "teams", [])), "teams"),
        "schools": canonical_table(pd.DataFrame(_graph_value(G, "schools", [])), "schools"),
    }


_KEY = ("school_id", "staff_id")


def _graph_value(G: nx.Graph, name: str, default: Any) -> Any:
    """A table or column list on ``G.graph``: as built, or as JSON text from GraphML."""
    value = G.graph.get(name, default)
    return json.loads(value) if isinstance(value, str) else value


def _node_key(node: Any, attrs: dict[str, Any]) -> tuple[str, str]:
    """``(school_id, staff_id)`` of a node: its attributes, else its key (a tuple, or a
    GraphML id ``school/staff`` with ``%`` and ``/`` percent-encoded in each part)."""
    if "school_id" in attrs and "staff_id" in attrs:
        return str(attrs["school_id"]), str(attrs["staff_id"])
    if isinstance(node, tuple) and len(node) == 2:
        return str(node[0]), str(node[1])
    school, sep, staff = str(node).partition("/")
    if not sep:
        raise DefinitionError(
            f"Node {node!r} names no school and staff member: a leadership graph's nodes are "
            "(school_id, staff_id) pairs, or carry school_id and staff_id attributes."
        )
    return _unquote(school), _unquote(staff)


def _edges(G: nx.Graph) -> list[tuple[Any, Any, Any, dict[str, Any]]]:
    """``(u, v, key, data)`` for every edge; ``key`` is None in a graph without keys."""
    if G.is_multigraph():
        return list(G.edges(keys=True, data=True))
    return [(u, v, None, data) for u, v, data in G.edges(data=True)]


def as_roster(data: Roster | nx.MultiDiGraph) -> Roster:
    """The roster itself, or the roster a leadership graph describes (for metric inputs)."""
    return roster_from_graph(data) if isinstance(data, nx.Graph) else data


def roster_from_graph(G: nx.Graph) -> Roster:
    """Return the roster a leadership graph describes.

    ``G`` is a graph from :func:`graph_from_roster`, or one read back from
    :func:`write_graphml` with ``networkx.read_graphml``.

    >>> import tempfile, pathlib, networkx as nx
    >>> import leadmodel as lm
    >>> roster = lm.load_sample("green_dot")
    >>> lm.roster_from_graph(lm.graph_from_roster(roster)).equals(roster)
    True
    >>> path = lm.write_graphml(roster, pathlib.Path(tempfile.mkdtemp()) / "gd.graphml")
    >>> lm.roster_from_graph(nx.read_graphml(path)).equals(roster)
    True
    """
    tables = graph_to_frames(G)
    return Roster(tables["staff"], tables["links"], tables["teams"], tables["schools"])


_LINK_ORDER = ["school_id", "leader_id", "staff_id", "relation", "source"]


def node_id(school_id: str, staff_id: str) -> str:
    """The GraphML id of a staff row: ``school_id/staff_id``, ``%`` and ``/`` percent-encoded.

    >>> node_id("S1", "T/7")
    'S1/T%2F7'
    """
    return f"{_quote(school_id)}/{_quote(staff_id)}"


def _quote(text: str) -> str:
    """``text`` with ``%`` and ``/`` percent-encoded (and nothing else)."""
    return text.replace("%", "%25").replace("/", "%2F")


def _unquote(text: str) -> str:
    """The inverse of :func:`_quote`."""
    return text.replace("%2F", "/").replace("%2f", "/").replace("%25", "%")


def write_graphml(data: Roster | nx.MultiDiGraph, path: str | Path) -> Path:
    """Write the leadership graph as GraphML, for Gephi, yEd, igraph or another planning tool.

    Node ids are ``school_id/staff_id`` with ``%`` and ``/`` percent-encoded in each part
    (:func:`node_id`), so that ids holding a ``/`` stay apart; each node also carries
    ``school_id``, ``staff_id``, ``category`` and the staff columns that have a value;
    each edge carries ``relation`` (also its key) and ``source``. The graph carries
    ``leadmodel_version``, ``roster_checksum`` and, as JSON text, the column order and
    the teams and schools tables, so that ``roster_from_graph(nx.read_graphml(path))``
    gives back an equal roster. The same roster gives the same bytes; the file is
    written in one piece (a failed write leaves an existing file as it was).

    Raises
    ------
    RosterError
        When a value holds a control character (or a carriage return), which XML 1.0
        cannot store or gives back changed; the issues name every such cell. Clean them,
        or export the roster as Parquet or JSON, which keep them.

    Examples
    --------
    >>> import tempfile, pathlib, networkx as nx
    >>> import leadmodel as lm
    >>> path = lm.write_graphml(lm.load_sample("kipp_sunshine_peak"),
    ...                         pathlib.Path(tempfile.mkdtemp()) / "kipp.graphml")
    >>> G = nx.read_graphml(path)
    >>> G.nodes["S-KIPP/KIPP-P01"]["role"]
    'principal'
    """
    G = data if isinstance(data, nx.MultiDiGraph) else graph_from_roster(data)
    keys = {node: _node_key(node, attrs) for node, attrs in G.nodes(data=True)}
    _refuse_control_characters(G, keys)
    out = nx.MultiDiGraph()
    out.graph.update(
        {k: v for k, v in G.graph.items() if k in ("leadmodel_version", "roster_checksum")}
    )
    for name in ("staff_columns", "link_columns", "teams", "schools"):
        if name in G.graph:
            out.graph[name] = json.dumps(G.graph[name], ensure_ascii=False)
    for node, attrs in G.nodes(data=True):
        out.add_node(node_id(*keys[node]), **_scalars(attrs))
    for u, v, key, attrs in _edges(G):
        relation = attrs.get("relation", key)
        out.add_edge(node_id(*keys[u]), node_id(*keys[v]), relation, **_scalars(attrs))
    return atomic_file(
        Path(path), lambda tmp: nx.write_graphml(out, tmp, encoding="utf-8", prettyprint=True)
    )


def _scalars(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if isinstance(v, str | int | float | bool)}


def _refuse_control_characters(G: nx.Graph, keys: dict[Any, tuple[str, str]]) -> None:
    """Raise a :class:`RosterError` naming every node or edge value XML cannot keep."""
    found = []
    for node, attrs in G.nodes(data=True):
        school, staff = keys[node]
        for field, value in {"school_id": school, "staff_id": staff, **attrs}.items():
            if isinstance(value, str) and _NOT_IN_XML.search(value):
                found.append(("staff", staff, field, value))
    for _, v, key, attrs in _edges(G):
        for field, value in {"relation": key, **attrs}.items():
            if isinstance(value, str) and _NOT_IN_XML.search(value):
                found.append(("links", keys[v][1], field, value))
    if found:
        raise RosterError(_control_character_issues(found))


_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _control_character_issues(found: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    rows = []
    for table, staff, field, value in dict.fromkeys(found):
        char = _NOT_IN_XML.search(value)
        assert char is not None
        rows.append(
            {
                "table": table,
                "row": pd.NA,
                "staff_id": staff,
                "field": field,
                "value": value,
                "code": "invalid_value",
                "severity": "error",
                "message": f"{field} holds the control character U+{ord(char.group()):04X}, "
                "which GraphML (XML 1.0) cannot store as it is.",
                "fix": "Remove the character from the roster, or export it as Parquet or JSON, "
                "which keep it.",
            }
        )
    issues = pd.DataFrame(rows, columns=ISSUE_COLUMNS).astype("string")
    issues["row"] = issues["row"].astype("Int64")
    return issues
