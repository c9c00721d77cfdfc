"""Integer codes of a roster (metrics.coded) and the walks over them (leadmodel.walks)."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import leadmodel as lm
from leadmodel import DefinitionError
from leadmodel.metrics.coded import coded, joined_by_group
from leadmodel.roster import TABLE_KEYS, KeyCodes, Roster
from leadmodel.walks import _reach_by_sets, depths, distinct, reach_counts, topological_levels


@pytest.fixture
def two_schools() -> Roster:
    """S2 is listed first and ids are out of order; T1 works in both schools."""
    staff = pd.DataFrame(
        {
            "staff_id": ["P", "T1", "Q", "T2", "T1"],
            "school_id": ["S2", "S2", "S1", "S1", "S1"],
            "role": ["principal", "teacher", "principal", "teacher", "teacher"],
            "fte": [1, 0.5, 1, 1, 0.5],
        }
    )
    links = pd.DataFrame(
        {
            "leader_id": ["Q", "Q", "P", "Q"],
            "staff_id": ["T2", "T1", "T1", "T2"],
            "relation": ["develops", "develops", "develops", "evaluates"],
        }
    )
    return lm.read_roster(staff, links=links)


def test_nodes_follow_the_sorted_staff_table(two_schools: Roster) -> None:
    c = coded(two_schools)
    # staff sorted by (school, id): (S1,Q) (S1,T1) (S1,T2) (S2,P) (S2,T1) = nodes 0..4
    assert c.n == c.n_staff == 5
    assert c.names(np.arange(5), "staff_id").tolist() == [
        ("S1", "Q"),
        ("S1", "T1"),
        ("S1", "T2"),
        ("S2", "P"),
        ("S2", "T1"),
    ]
    assert c.role.tolist() == ["principal", "teacher", "teacher", "principal", "teacher"]
    assert c.teaches.tolist() == [False, True, True, False, True]
    # develops: Q->T1 (0->1), Q->T2 (0->2), P->T1 in S2 (3->4); evaluates Q->T2 only
    lead, led = c.edges(["develops"])
    assert (lead.tolist(), led.tolist()) == ([0, 0, 3], [1, 2, 4])
    lead, led = c.edges(["develops", "evaluates"])  # Q->T2 held twice, listed once
    assert (lead.tolist(), led.tolist()) == ([0, 0, 3], [1, 2, 4])
    assert c.nodes_of(pd.MultiIndex.from_tuples([("S2", "T1"), ("S1", "Q")])).tolist() == [4, 0]
    with pytest.raises(DefinitionError, match="not in this roster"):
        c.nodes_of(pd.MultiIndex.from_tuples([("S2", "Q")]))


def test_the_coding_is_kept_on_the_roster(two_schools: Roster) -> None:
    assert coded(two_schools) is coded(two_schools)


def test_link_ends_missing_from_staff_become_nodes_in_order() -> None:
    """A roster built without validation: link ends not on staff still sort into place."""
    staff = pd.DataFrame({"staff_id": ["B", "D"], "school_id": ["S", "S"], "role": ["teacher"] * 2})
    links = pd.DataFrame(
        {"school_id": ["S", "S"], "leader_id": ["C", "A"], "staff_id": ["D", "B"]}
    ).assign(relation="develops")
    c = coded(Roster(staff, links, pd.DataFrame(), pd.DataFrame({"school_id": ["S"]})))
    # A, B, C, D: A and C are not on staff (no role, no row)
    assert c.names(np.arange(4), "staff_id").get_level_values(1).tolist() == ["A", "B", "C", "D"]
    assert c.staff_row.tolist() == [-1, 0, -1, 1]
    assert c.role.tolist() == [None, "teacher", None, "teacher"]
    assert np.isnan(c.fte[[0, 2]]).all()


def test_repeated_staff_rows_are_refused() -> None:
    staff = pd.DataFrame({"staff_id": ["A", "A"], "school_id": ["S", "S"], "role": ["teacher"] * 2})
    roster = Roster(staff, pd.DataFrame(), pd.DataFrame(), pd.DataFrame({"school_id": ["S"]}))
    with pytest.raises(DefinitionError, match="repeats"):
        coded(roster)


def test_joined_by_group_and_sorted_helpers() -> None:
    joined = joined_by_group(np.array(["x", "y", "z"], dtype=object), np.array([0, 3]), ";")
    assert list(joined.fillna("-")) == ["-", "x;y;z"]
    assert distinct(np.array([1, 1, 2, 5])).tolist() == [1, 2, 5]  # in order: adjacent repeats
    assert distinct(np.array([5, 1, 5, 2])).tolist() == [1, 2, 5]  # out of order: sorted


@given(st.lists(st.integers(-5, 2**40), max_size=60))
def test_distinct_is_the_sorted_set(values: list[int]) -> None:
    assert distinct(np.array(values, dtype=np.int64)).tolist() == sorted(set(values))


ROSTER_SAMPLES = [name for name, kind in lm.list_samples()["kind"].items() if kind == "roster"]


def _with_rejections() -> Roster:
    """Links without a school (filled in), to an unknown id, across schools, a rejected staff
    row (ids only in rejected rows must leave the dictionaries), and rows out of order."""
    staff = pd.DataFrame(
        {
            "staff_id": ["T2", "Q", "T1", "P", "X"],
            "school_id": ["S2", "S2", "S1", "S1", "S3"],
            "role": ["teacher", "principal", "teacher", "principal", "Wizard"],
        }
    )
    links = pd.DataFrame(
        {
            "leader_id": ["Q", "P", "P", "Q", "X"],
            "staff_id": ["T2", "T1", "ZZ", "T1", "T2"],
            "relation": ["evaluates", "Develops", "develops", "develops", "supervises"],
        }
    )
    return lm.read_roster(staff, links=links, strict=False)


@pytest.mark.parametrize("name", [*ROSTER_SAMPLES, "with rejections"])
def test_the_intakes_codes_are_a_fresh_coding_of_the_roster(name: str) -> None:
    """The codes read_roster hands on (KeyCodes) equal coding the final tables afresh, and
    the tables are in key order (what sorting their texts gives)."""
    roster = _with_rejections() if name == "with rejections" else lm.load_sample(name)
    if name == "with rejections":  # P->T1 and Q->T2 kept, schools filled in; 3 rejected
        assert roster.links[["school_id", "leader_id"]].values.tolist() == [
            ["S1", "P"],
            ["S2", "Q"],
        ]
        assert roster.staff["staff_id"].tolist() == ["P", "T1", "Q", "T2"]
    handed = roster._keys
    assert handed is not None
    fresh = KeyCodes.of(roster.staff, roster.links)
    assert handed.schools.equals(fresh.schools) and handed.ids.equals(fresh.ids)
    for name_ in ("staff_school", "staff_id", "link_school", "leader", "led"):
        assert np.array_equal(getattr(handed, name_), getattr(fresh, name_)), name_
    relations = np.asarray(handed.relations)[handed.relation]
    assert relations.tolist() == roster.links["relation"].tolist()
    for table, keys in TABLE_KEYS.items():
        frame = getattr(roster, table)
        assert frame.equals(frame.sort_values(keys, kind="stable").reset_index(drop=True))


def test_walks_by_hand() -> None:
    # 0 -> 1 -> 2 -> 3 and 0 -> 4; node 5 alone
    source, target = np.array([0, 1, 2, 0]), np.array([1, 2, 3, 4])
    assert reach_counts(source, target, 6).tolist() == [4, 2, 1, 0, 0, 0]
    assert depths(source, target, 6, np.array([0])).tolist() == [0, 1, 2, 3, 1, -1]
    # a diamond 0 -> 1, 0 -> 2, 1 -> 3, 2 -> 3: 3 counts once below 0 (not a forest)
    source, target = np.array([0, 0, 1, 2]), np.array([1, 2, 3, 3])
    assert reach_counts(source, target, 4).tolist() == [3, 1, 1, 0]
    # a circle 0 -> 1 -> 0 with 1 -> 2: nobody counts themselves
    source, target = np.array([0, 1, 1]), np.array([1, 0, 2])
    assert reach_counts(source, target, 3).tolist() == [2, 2, 0]


@given(
    st.integers(min_value=1, max_value=12).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(
                st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(
                    lambda e: e[0] != e[1]
                ),
                max_size=20,
                unique=True,
            ),
        )
    ),
    st.booleans(),
)
def test_reach_counts_match_networkx_descendants(
    graph: tuple[int, list[tuple[int, int]]], forest: bool
) -> None:
    """Forests take the subtree-size path and anything else the sets (circles drawn together
    first); both equal networkx."""
    n, edges = graph
    if forest:  # keep the first edge into each node, from a lower node: a forest
        seen: set[int] = set()
        edges = [(a, b) for a, b in edges if a < b and not (b in seen or seen.add(b))]
    source = np.array([a for a, _ in edges], dtype=np.int64)
    target = np.array([b for _, b in edges], dtype=np.int64)
    G = nx.DiGraph(edges)
    G.add_nodes_from(range(n))
    expected = [len(nx.descendants(G, v) - {v}) for v in range(n)]
    assert reach_counts(source, target, n).tolist() == expected
    level = topological_levels(source, target, n)
    if (level >= 0).all():  # no circle: the sets give the subtree sums of a forest too
        ones = np.ones(n, dtype=np.int64)
        assert _reach_by_sets(source, target, level, n, ones).tolist() == expected
    # weighted by the people in each position (0 for a vacancy, 2 for a job share...)
    people = np.arange(n, dtype=np.int64) % 3
    weighted = [int(sum(people[d] for d in nx.descendants(G, v) - {v})) for v in range(n)]
    assert reach_counts(source, target, n, people).tolist() == weighted
    if (level >= 0).all():
        assert _reach_by_sets(source, target, level, n, people).tolist() == weighted


def test_a_pickled_roster_leaves_its_coding_behind(two_schools: Roster) -> None:
    import pickle

    coded(two_schools)
    copy = pickle.loads(pickle.dumps(two_schools))
    assert copy._coded is None and copy.equals(two_schools)
    assert lm.span_of_control(copy).equals(lm.span_of_control(two_schools))


def test_tables_slice_by_label_as_their_sorted_ids() -> None:
    # ids first seen in the order B, C, A, D: the tables' id level must still be sorted, or
    # pandas slices by codes and misses rows (S2's leaders are C and D, its teacher A)
    staff = pd.DataFrame(
        {
            "school_id": ["S1", "S1", "S2", "S2", "S2"],
            "staff_id": ["B", "C", "A", "C", "D"],
            "role": ["principal", "teacher", "teacher", "principal", "assistant_principal"],
            "fte": [1.0, 0.5, 1.0, 0.5, 1.0],
        }
    )
    links = pd.DataFrame(
        {
            "school_id": ["S1", "S2", "S2"],
            "leader_id": ["B", "C", "C"],
            "staff_id": ["C", "A", "D"],
            "relation": ["develops", "develops", "supervises"],
        }
    )
    roster = lm.read_roster(staff, links=links)
    spans = lm.span_of_control(roster)
    assert spans.loc[("S2", "A") : ("S2", "CZ")].index.tolist() == [("S2", "C")]
    teachers = lm.coverage_gaps(roster).teachers
    assert teachers.loc[("S2", "A") : ("S2", "B")].index.tolist() == [("S2", "A")]


def test_a_graph_node_added_only_by_an_edge_is_a_person_without_a_role() -> None:
    """``G.add_edge(leader, new)`` creates a node with no attributes: its key names it."""
    G = lm.graph_from_roster(lm.load_sample("green_dot"))
    lead = ("S-GD", "GD-A01")
    before = lm.span_of_control(lm.roster_from_graph(G)).loc[lead, ["span", "span_teachers"]]
    G.add_edge(lead, ("S-GD", "NEW-T"), key="develops")
    roster = lm.roster_from_graph(G)
    assert roster.staff.set_index("staff_id").loc["NEW-T", ["school_id", "role"]].tolist() == [
        "S-GD",
        pd.NA,
    ]
    after = lm.span_of_control(roster).loc[lead, ["span", "span_teachers"]]
    # one more person led; not a teacher (no role), so the teaching span stays
    assert after.tolist() == [before["span"] + 1, before["span_teachers"]]
    # metrics take the graph itself; the new person is not a teacher, so the count stays
    sample_teachers = lm.coverage_gaps(lm.load_sample("green_dot")).teachers
    assert len(lm.coverage_gaps(G).teachers) == len(sample_teachers)


def test_span_fte_adds_ten_tenths_to_exactly_one() -> None:
    staff = pd.DataFrame(
        {
            "staff_id": ["L", *[f"T{i}" for i in range(10)]],
            "school_id": "S",
            "role": ["team_lead", *["teacher"] * 10],
            "fte": [1.0, *[0.1] * 10],
        }
    )
    links = pd.DataFrame({"leader_id": "L", "staff_id": [f"T{i}" for i in range(10)]})
    roster = lm.read_roster(staff, links=links.assign(relation="develops"))
    # 10 x 0.1 summed naively is 0.9999999999999999; a compensated sum gives 1.0
    assert lm.span_of_control(roster).loc[("S", "L"), "span_fte"] == 1.0


def test_a_staff_table_a_user_reordered_gives_the_same_spans() -> None:
    # rosters keep their staff in (school_id, staff_id) order; one assigned out of order is
    # coded by hashing instead of a binary search, and measures the same
    sample = lm.load_sample("green_dot")
    roster = Roster(sample.staff, sample.links, sample.teams, sample.schools)
    roster.staff = roster.staff.sort_values("role", kind="stable").reset_index(drop=True)
    expected = lm.span_of_control(sample)
    pd.testing.assert_frame_equal(lm.span_of_control(roster).sort_index(), expected)
