"""The straightforward way, for the scale benchmark to beat: one networkx graph per school.

:func:`baseline` reads the tables with pandas (no validation), builds a ``MultiDiGraph`` per
school and walks it in Python to compute what the library's metrics compute: spans
(direct, teaching, FTE, everyone below, layer), each teacher's developers, evaluators and
coaches with the fragmentation flag, each leader's observation load under a policy, and
the per-school measures the compliance rules read (largest span, share of teachers with a
developer, share fragmented). ``tests/test_benchmarks.py`` checks that it gives the
library's numbers, so the two do the same work.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from leadmodel.metrics.observation import BY_RELATION
from leadmodel.metrics.spans import LEADER_CATEGORIES
from leadmodel.models import ObservationPolicy
from leadmodel.roles import ROLE_CATEGORY, TEACHING_ROLES


def school_graph(people: pd.DataFrame, links: pd.DataFrame | None) -> nx.MultiDiGraph:
    """One school: people as nodes (role, fte, experience, rating), links as edges by relation."""
    G = nx.MultiDiGraph()
    ratings = people["rating"] if "rating" in people else [None] * len(people)
    for sid, role, fte, years, rating in zip(
        people["staff_id"],
        people["role"],
        people["fte"],
        people["years_experience"],
        ratings,
        strict=True,
    ):
        fte = 1.0 if pd.isna(fte) else float(fte)
        G.add_node(sid, role=role, fte=fte, years=years, rating=rating)
    if links is not None:
        for leader, sid, relation in zip(
            links["leader_id"], links["staff_id"], links["relation"], strict=True
        ):
            G.add_edge(leader, sid, key=relation)
    return G


def relation_graph(G: nx.MultiDiGraph, *relations: str) -> nx.DiGraph:
    """The edges of ``relations`` only, over all of the school's people."""
    H = nx.DiGraph()
    H.add_nodes_from(G)
    H.add_edges_from((u, v) for u, v, key in G.edges(keys=True) if key in relations)
    return H


def school_spans(G: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """Per leader: span, span_teachers, span_fte, span_all and layer (``develops``)."""
    develops = relation_graph(G, "develops")
    lines = relation_graph(G, "develops", "supervises")
    tops = [n for n, role in G.nodes(data="role") if role == "principal"]
    if not tops:
        tops = [n for n in lines if lines.out_degree(n) and not lines.in_degree(n)]
    layer = nx.multi_source_dijkstra_path_length(lines, tops) if tops else {}
    out = {}
    for node, role in G.nodes(data="role"):
        if ROLE_CATEGORY[role] not in LEADER_CATEGORIES and not G.out_degree(node):
            continue
        led = list(develops.successors(node))
        out[node] = {
            "span": len(led),
            "span_teachers": sum(G.nodes[n]["role"] in TEACHING_ROLES for n in led),
            "span_fte": sum(G.nodes[n]["fte"] for n in led),
            "span_all": len(nx.descendants(develops, node)),
            "layer": layer.get(node),
        }
    return out


def school_teachers(G: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """Per teacher: how many developers, evaluators and coaches, and whether fragmented."""
    out = {}
    for node, role in G.nodes(data="role"):
        if role not in TEACHING_ROLES:
            continue
        leaders: dict[str, set[str]] = defaultdict(set)
        for leader, _, relation in G.in_edges(node, keys=True):
            leaders[relation].add(leader)
        evaluative = leaders["evaluates"] | leaders["evaluation_input"]
        out[node] = {
            "n_developers": len(leaders["develops"]),
            "n_evaluators": len(leaders["evaluates"]),
            "n_coaches": len(leaders["coaches"]),
            "fragmented": bool(
                leaders["coaches"] and leaders["evaluates"] and leaders["coaches"] - evaluative
            ),
        }
    return out


def school_load(G: nx.MultiDiGraph, policy: ObservationPolicy) -> dict[str, float]:
    """Per leader: observations a year the policy asks of them (visits shared equally)."""
    load: dict[str, float] = defaultdict(float)
    for node, data in G.nodes(data=True):
        if data["role"] not in TEACHING_ROLES:
            continue
        new = not pd.isna(data["years"]) and data["years"] < policy.new_teacher_years
        for visit in policy.visits:
            if visit.by == "external":
                continue
            if visit.ratings is not None and data["rating"] not in visit.ratings:
                continue
            if (visit.teachers == "new" and not new) or (visit.teachers == "experienced" and new):
                continue
            relation = BY_RELATION[visit.by]
            responsible = {u for u, _, key in G.in_edges(node, keys=True) if key == relation}
            for leader in responsible:
                load[leader] += visit.per_year / len(responsible)
    return dict(load)


def baseline(directory: Path, policy: ObservationPolicy) -> dict[str, Any]:
    """Read the Parquet tables in ``directory`` and compute every school's metrics."""
    staff = pd.read_parquet(directory / "staff.parquet")
    links = pd.read_parquet(directory / "links.parquet")
    links_by_school = dict(iter(links.groupby("school_id")))
    spans, teachers, load, schools = {}, {}, {}, {}
    for school_id, people in staff.groupby("school_id"):
        G = school_graph(people, links_by_school.get(school_id))
        spans[school_id] = school_spans(G)
        teachers[school_id] = school_teachers(G)
        load[school_id] = school_load(G, policy)
        mine = teachers[school_id].values()
        schools[school_id] = {
            "max_span": max((s["span"] for s in spans[school_id].values()), default=0),
            "share_with_developer": sum(t["n_developers"] > 0 for t in mine) / max(len(mine), 1),
            "share_fragmented": sum(t["fragmented"] for t in mine) / max(len(mine), 1),
        }
    return {"spans": spans, "teachers": teachers, "load": load, "schools": schools}
