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
KIPP-P01            principal     6        28      0
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeAlias

import networkx as nx
import numpy as np
import pandas as pd
from pandas.api.extensions import ExtensionArray

from leadmodel.errors import DefinitionError
from leadmodel.metrics.coded import CodedRoster, coded
from leadmodel.models import RELATIONS
from leadmodel.roles import DEFAULT_RELEASE, ROLE_CATEGORY, TEACHING_ROLES
from leadmodel.roster import Roster
from leadmodel.walks import depths, distinct, reach_counts

__all__ = ["DEFAULT_BANDS", "band_labels", "span_matrix", "span_of_control"]

#: Lower bounds of the default span bands: 1-2, 3-5, 6-8, 9-13, 14-20, 21+.
DEFAULT_BANDS: tuple[int, ...] = (1, 3, 6, 9, 14, 21)
LEADER_CATEGORIES = ("administrator", "teacher_leader", "coach")
KEY = ["school_id", "leader_id"]
Data: TypeAlias = Roster | nx.MultiDiGraph
ArrayLike: TypeAlias = np.ndarray | ExtensionArray
#: The span columns of a route, by name, before :func:`_finish` types them.
Counts: TypeAlias = dict[str, ArrayLike]


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


def looked_up(
    values: ArrayLike, table: Mapping[Any, object], missing: object = np.nan
) -> np.ndarray:
    """``table[v]`` for each value ``v``, ``missing`` where the value is missing or not in
    ``table``: :meth:`pandas.Series.map` into a numpy array, looking each distinct value up
    once.

    >>> looked_up(np.array(["teacher", None, "dean", "teacher"]), {"teacher": 0.0, "dean": 1.0})
    array([ 0., nan,  1.,  0.])
    """
    # a missing value gets code -1: the last one, missing
    codes, distinct = (
        values.factorize() if isinstance(values, ExtensionArray) else pd.factorize(values)
    )
    found: np.ndarray = np.array([*(table.get(v, missing) for v in distinct), missing])
    chosen: np.ndarray = found[codes]
    return chosen


def typed(values: ArrayLike, dtype: str) -> ExtensionArray:
    """``values`` as a pandas array of ``dtype`` (``nan`` and ``None`` read as missing)."""
    # pandas-stubs overload numpy and pandas arrays apart, not their union
    out: ExtensionArray = pd.array(values, dtype=dtype)  # type: ignore[call-overload]
    return out


def arrays(frame: pd.DataFrame, names: Sequence[str]) -> dict[str, ExtensionArray]:
    """The columns ``names`` of ``frame`` as pandas arrays, read from one copy of it without
    its index: ``frame[name]`` copies a ``MultiIndex`` for every column it gives."""
    flat = frame.reset_index(drop=True)
    return {name: flat[name].array for name in names}


def release_shares(role: ArrayLike, release_fte: ArrayLike) -> ExtensionArray:
    """Release share as given, or the role's default where the roster does not say."""
    default = typed(looked_up(role, DEFAULT_RELEASE), "Float64")
    return typed(release_fte, "Float64").fillna(default)


def effective_release(role: pd.Series, release_fte: pd.Series) -> pd.Series:
    """Release share as given, or the role's default where the roster does not say
    (:func:`release_shares` as a series, indexed as ``release_fte``)."""
    shares = release_shares(role.array, release_fte.array)
    return pd.Series(shares, index=release_fte.index, name=release_fte.name, copy=False)


# ------------------------------------------------------------------ vectorised route


def descendant_counts(edges: pd.DataFrame) -> pd.Series:
    """Count everyone reachable below each leader of ``edges`` (``school_id``, ``leader_id``,
    ``staff_id``), indexed by ``(school_id, leader_id)``."""
    school = pd.concat([edges["school_id"], edges["school_id"]], ignore_index=True)
    ids = pd.concat([edges["leader_id"], edges["staff_id"]], ignore_index=True)
    node, nodes = pd.factorize(pd.MultiIndex.from_arrays([school, ids], names=KEY))
    source, target = node[: len(edges)], node[len(edges) :]
    counts = reach_counts(source, target, len(nodes))
    tops = distinct(source)
    return pd.Series(counts[tops], index=pd.MultiIndex.from_tuples(nodes[tops], names=KEY))


def layers(c: CodedRoster, relation: str) -> np.ndarray:
    """Per node, the steps below the top of its school along ``relation`` and ``supervises``
    (``-1`` where no path): from the principal(s), or in a unit with no principal from
    whoever leads someone and is led by no one."""
    lead, led = c.edges([relation, "supervises"], held=False)
    principal = c.role == "principal"
    with_principal = np.zeros(len(c.schools), dtype=bool)
    with_principal[c.school[principal]] = True
    is_led = np.zeros(c.n, dtype=bool)
    is_led[led] = True
    tops = lead[~with_principal[c.school[lead]] & ~is_led[lead]]
    return depths(lead, led, c.n, np.concatenate([np.flatnonzero(principal), tops]))


def _sums(groups: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """Per group ``0 .. n-1``, the sum of its ``values`` (missing ones skipped), compensated
    as pandas sums are, so that ten people at 0.1 FTE add up to exactly 1.0."""
    sums = pd.Series(values).groupby(groups).sum()
    out = np.zeros(n)
    out[sums.index.to_numpy()] = sums.to_numpy()
    return out


def _counts_from_roster(roster: Roster, relation: str) -> tuple[pd.Index, Counts]:
    c = coded(roster)
    lead, led = c.edges([relation], held=False)
    is_leader = np.isin(c.category, LEADER_CATEGORIES)
    is_leader[c.lead] = True  # whoever leads someone, by any relation
    nodes = np.flatnonzero(is_leader)
    layer = layers(c, relation)[nodes]
    people = c.people
    held = people[lead] > 0  # a vacant position leads nobody
    lead_p, led_p = lead[held], led[held]
    counts: Counts = {
        "role": c.role[nodes],
        "fte": c.fte[nodes],
        "release_fte": c.staff_column("release_fte")[nodes],
        "vacant": people[nodes] == 0,
        "span": np.bincount(lead_p, people[led_p], minlength=c.n).astype(np.int64)[nodes],
        "span_positions": np.bincount(lead, minlength=c.n)[nodes],
        "span_teachers": np.bincount(
            lead_p, people[led_p] * c.teaches[led_p], minlength=c.n
        ).astype(np.int64)[nodes],
        "span_fte": _sums(lead_p, np.where(people[led_p] > 0, c.fte[led_p], 0.0), c.n)[nodes],
        "span_all": reach_counts(lead_p, led_p, c.n, people)[nodes],
        "layer": pd.arrays.IntegerArray(np.maximum(layer, 0), layer < 0),
    }
    return c.names(nodes), counts


# ------------------------------------------------------------------ graph route


def _counts_from_graph(G: nx.MultiDiGraph, relation: str) -> tuple[pd.Index, Counts]:
    def people(node: object) -> int:
        count = G.nodes[node].get("incumbents")
        return 1 if count is None or pd.isna(count) else int(count)

    H = nx.DiGraph()
    H.add_nodes_from(G.nodes)
    H.add_edges_from(
        (u, v) for u, v, key in G.edges(keys=True) if key == relation and people(u) > 0
    )
    P = nx.DiGraph()
    P.add_edges_from((u, v) for u, v, key in G.edges(keys=True) if key == relation)
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
                "vacant": people(node) == 0,
                "span": sum(people(r) for r in reports),
                "span_positions": P.out_degree(node) if node in P else 0,
                "span_teachers": sum(
                    people(r) for r in reports if G.nodes[r]["role"] in TEACHING_ROLES
                ),
                "span_fte": sum(G.nodes[r]["fte"] for r in reports if people(r) > 0)
                if reports
                else None,
                "span_all": sum(people(d) for d in nx.descendants(H, node)),
                "layer": depth.get(node),
            }
        )
    frame = pd.DataFrame(rows).astype({k: "string" for k in KEY})
    frame = frame.set_index(KEY).sort_index()
    return frame.index, {str(name): frame[name].array for name in frame}


# ------------------------------------------------------------------ public


def floats(values: ExtensionArray) -> np.ndarray:
    """A pandas array's numbers as floats, ``nan`` where missing."""
    numbers: np.ndarray = values.to_numpy(dtype=np.float64, na_value=np.nan)
    return numbers


def _whole(values: ArrayLike) -> np.ndarray:
    """Counts as ``int64``, 0 where missing."""
    numbers = np.asarray(values, dtype=np.float64)
    return np.where(np.isnan(numbers), 0, numbers).astype(np.int64)


def _finish(index: pd.Index, counts: Counts, bands: Sequence[int]) -> pd.DataFrame:
    """Typed span columns and bands; ``index`` is ``KEY`` as text, sorted, and ``counts``
    the columns of either route, in its order."""
    role = typed(counts["role"], "string")
    fte = typed(counts["fte"], "Float64")
    release = release_shares(role, counts["release_fte"])
    span_teachers = _whole(counts["span_teachers"])
    span_fte = np.asarray(counts["span_fte"], dtype=np.float64)
    released = floats(fte) * floats(release)
    ratio = np.where(released > 0, span_teachers / np.where(released > 0, released, 1.0), np.nan)
    span = _whole(counts["span"])
    columns = {
        "role": role,
        "category": typed(looked_up(role, ROLE_CATEGORY, None), "string"),
        "fte": fte,
        "release_fte": release,
        "vacant": np.asarray(counts["vacant"], dtype=bool),
        "span": span,
        "span_positions": _whole(counts["span_positions"]),
        "span_teachers": span_teachers,
        "span_all": _whole(counts["span_all"]),
        "span_fte": np.where(np.isnan(span_fte), 0.0, span_fte),
        "teachers_per_release_fte": typed(ratio, "Float64"),
        "layer": typed(counts["layer"], "Float64").astype("Int64"),
        "span_band": span_bands(span, bands),
    }
    return pd.DataFrame(columns, index=index)


def span_bands(span: np.ndarray, bands: Sequence[int]) -> pd.Categorical:
    """The band of each span (ordered categories :func:`band_labels`): ``"0"``, then the
    last band whose lower bound it reaches.

    >>> list(span_bands(np.array([0, 1, 2, 3, 9]), (1, 3, 6)))
    ['0', '1-2', '1-2', '3-5', '6+']
    """
    labels = pd.CategoricalDtype(band_labels(bands), ordered=True)
    return pd.Categorical.from_codes(np.searchsorted(bands, span, side="right"), dtype=labels)


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
        ``category``, ``fte``, ``release_fte`` (effective), ``vacant``, ``span`` (people led),
        ``span_positions`` (positions led, vacant ones included), ``span_teachers``,
        ``span_all``, ``span_fte``,
        ``teachers_per_release_fte``, ``layer``, ``span_band``; defined in
        ``docs/glossary.md``.
    """
    check_relation(relation)
    index, counts = (
        _counts_from_graph(data, relation)
        if isinstance(data, nx.Graph)
        else _counts_from_roster(data, relation)
    )
    return _finish(index, counts, bands)


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
