"""GraphML that comes back: every sample, ids with slashes, control characters refused."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import leadmodel as lm
from leadmodel.graph import node_id
from tests.strategies import rosters

SAMPLES = [  # the district samples (185 schools each) run with --slow, the others always
    pytest.param(name, marks=pytest.mark.slow) if name.startswith("district") else name
    for name in sorted(lm.list_samples().index)
]


@pytest.mark.parametrize("name", SAMPLES)
def test_graphml_round_trip_gives_the_roster_back_for_every_sample(
    name: str, tmp_path: Path
) -> None:
    roster = lm.datasets.roster_of_sample(name)  # the log and survey samples' roster too
    path = lm.write_graphml(roster, tmp_path / f"{name}.graphml")
    back = lm.roster_from_graph(nx.read_graphml(path))
    assert back.equals(roster)
    assert len(back.schools) == len(roster.schools) > 0


def _slashed() -> lm.Roster:
    """Four people whose "school/staff" would be two names: A/B + C and A + B/C, twice."""
    staff = pd.DataFrame(
        {
            "staff_id": ["C", "P1", "B/C", "P2", "%2F", "P3"],
            "school_id": ["A/B", "A/B", "A", "A", "A%", "A%"],
            "role": ["teacher", "principal", "teacher", "principal", "teacher", "principal"],
        }
    )
    links = pd.DataFrame(
        {
            "leader_id": ["P1", "P2", "P3"],
            "staff_id": ["C", "B/C", "%2F"],
            "relation": ["develops"] * 3,
        }
    )
    return lm.read_roster(staff, links=links)


def test_ids_with_slashes_and_percent_signs_stay_apart(tmp_path: Path) -> None:
    roster = _slashed()
    G = nx.read_graphml(lm.write_graphml(roster, tmp_path / "s.graphml"))
    assert G.number_of_nodes() == 6 and G.number_of_edges() == 3
    assert sorted(G.nodes) == ["A%25/%252F", "A%25/P3", "A%2FB/C", "A%2FB/P1", "A/B%2FC", "A/P2"]
    assert lm.roster_from_graph(G).equals(roster)


def test_node_ids_are_percent_encoded_only_where_needed() -> None:
    assert node_id("S-KIPP", "KIPP-P01") == "S-KIPP/KIPP-P01"
    assert node_id("A/B", "C") == "A%2FB/C" and node_id("A", "B/C") == "A/B%2FC"
    assert node_id("50%", "x") == "50%25/x"


def test_a_graph_without_parallel_edges_reads_back_too(tmp_path: Path) -> None:
    roster = _slashed()  # one relation per pair: read_graphml gives a DiGraph
    G = nx.read_graphml(lm.write_graphml(roster, tmp_path / "s.graphml"))
    assert type(G) is nx.DiGraph
    assert lm.roster_from_graph(G).equals(roster)


@pytest.mark.parametrize("bad", ["Ada\x01Park", "Ada\x1b[31mPark", "Ada\rPark"])
def test_control_characters_are_refused_with_every_cell_named(tmp_path: Path, bad: str) -> None:
    staff = pd.DataFrame(
        {
            "staff_id": ["P", "T\x07"],
            "school_id": ["S", "S"],
            "role": ["principal", "teacher"],
            "name": [bad, "Kim"],
        }
    )
    roster = lm.read_roster(staff)
    path = tmp_path / "r.graphml"
    path.write_text("the user's file", encoding="utf-8")
    with pytest.raises(lm.RosterError) as info:
        lm.write_graphml(roster, path)
    issues = info.value.issues
    assert issues[["staff_id", "field", "code"]].values.tolist() == [
        ["P", "name", "invalid_value"],
        ["T\x07", "staff_id", "invalid_value"],
    ]
    assert "U+0007" in issues["message"].iloc[1] and "Parquet or JSON" in issues["fix"].iloc[0]
    assert path.read_text(encoding="utf-8") == "the user's file"


def test_graphml_is_the_same_bytes_twice(tmp_path: Path) -> None:
    roster = lm.load_sample("denver_team_lead")
    first = lm.write_graphml(roster, tmp_path / "a.graphml").read_bytes()
    assert lm.write_graphml(roster, tmp_path / "b.graphml").read_bytes() == first


ids = st.text(alphabet=st.sampled_from("ab/%2F"), min_size=1, max_size=5)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(roster=rosters(typed_extras=True), school=ids, prefix=ids)
def test_any_roster_comes_back_from_graphml(
    roster: lm.Roster, school: str, prefix: str, tmp_path: Path
) -> None:
    # rename schools and people to ids full of slashes and percent signs
    staff = roster.staff.assign(
        school_id=school + roster.staff["school_id"], staff_id=prefix + roster.staff["staff_id"]
    )
    links = roster.links.assign(
        school_id=school + roster.links["school_id"],
        leader_id=prefix + roster.links["leader_id"],
        staff_id=prefix + roster.links["staff_id"],
    )
    schools = roster.schools.assign(school_id=school + roster.schools["school_id"])
    renamed = lm.read_roster(staff, links=links, schools=schools)
    path = lm.write_graphml(renamed, tmp_path / "r.graphml")
    assert lm.roster_from_graph(nx.read_graphml(path)).equals(renamed)
