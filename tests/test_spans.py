"""Spans of control, layers and bands: hand-built cases, samples, and graph == vectorised."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import leadmodel as lm
from leadmodel import DefinitionError
from tests.strategies import rosters


@pytest.fixture
def school() -> lm.Roster:
    """P develops L and A; L develops T1-T3 (T3 half time); A develops T4-T6; P supervises A, C."""
    staff = pd.DataFrame(
        {
            "staff_id": ["P", "A", "L", "C", "T1", "T2", "T3", "T4", "T5", "T6"],
            "school_id": ["S"] * 10,
            "role": ["principal", "assistant_principal", "team_lead", "instructional_coach"]
            + ["teacher"] * 6,
            "fte": [1, 1, 1, 1, 1, 1, 0.5, 1, 1, 1],
            "release_fte": [None, None, 0.5, None, None, None, None, None, None, None],
        }
    )
    develops = [
        ("P", "L"),
        ("P", "A"),
        ("L", "T1"),
        ("L", "T2"),
        ("L", "T3"),
        ("A", "T4"),
        ("A", "T5"),
        ("A", "T6"),
    ]
    links = pd.DataFrame(
        [(a, b, "develops") for a, b in develops]
        + [("P", "A", "supervises"), ("P", "C", "supervises")],
        columns=["leader_id", "staff_id", "relation"],
    )
    return lm.read_roster(staff, links=links)


def test_span_variants_by_hand(school: lm.Roster) -> None:
    spans = lm.span_of_control(school).loc["S"]
    cols = [
        "span",
        "span_teachers",
        "span_fte",
        "span_all",
        "teachers_per_release_fte",
        "layer",
        "span_band",
    ]
    got = {k: list(v) for k, v in spans[cols].astype(object).iterrows()}
    assert got == {
        # P: L and A directly (only L teaches); all below: L, A and T1-T6 = 8; 1 teacher / 1.0 FTE
        "P": [2, 1, 2.0, 8, 1.0, 0, "1-2"],
        # A: T4-T6; 3 teachers / (1.0 FTE x 1.0 release) = 3; one step below P
        "A": [3, 3, 3.0, 3, 3.0, 1, "3-5"],
        # L: T1-T3, FTE 1 + 1 + 0.5 = 2.5; 3 teachers / (1.0 x 0.5 release) = 6
        "L": [3, 3, 2.5, 3, 6.0, 1, "3-5"],
        # C: a coach with nobody to develop; supervised by P, so layer 1
        "C": [0, 0, 0.0, 0, 0.0, 1, "0"],
    }
    assert spans.loc["L", "release_fte"] == 0.5 and spans.loc["A", "release_fte"] == 1.0


def test_supervision_spans_and_custom_bands(school: lm.Roster) -> None:
    spans = lm.span_of_control(school, relation="supervises", bands=(1, 2))
    assert spans.loc[("S", "P"), "span"] == 2  # A and C
    assert spans.loc[("S", "P"), "span_band"] == "2+"
    assert list(spans["span_band"].cat.categories) == ["0", "1", "2+"]


def test_span_matrix_by_hand(school: lm.Roster) -> None:
    matrix = lm.span_matrix(school)
    # layer 0: P (span 2); layer 1: A and L (3 each) and C (0)
    assert matrix.loc[0].to_dict() == {
        "0": 0,
        "1-2": 1,
        "3-5": 0,
        "6-8": 0,
        "9-13": 0,
        "14-20": 0,
        "21+": 0,
    }
    assert matrix.loc[1, "3-5"] == 2 and matrix.loc[1, "0"] == 1


def test_teacher_leader_with_no_release_has_no_ratio() -> None:
    staff = pd.DataFrame(
        {"staff_id": ["L", "T"], "school_id": ["S", "S"], "role": ["team_lead", "teacher"]}
    )
    links = pd.DataFrame({"leader_id": ["L"], "staff_id": ["T"], "relation": ["develops"]})
    spans = lm.span_of_control(lm.read_roster(staff, links=links))
    assert spans.loc[("S", "L"), "release_fte"] == 0.0  # team_lead default
    assert pd.isna(spans.loc[("S", "L"), "teachers_per_release_fte"])
    assert spans.loc[("S", "L"), "layer"] == 0  # no principal: L leads T and has no leader


def test_traditional_sample_principal_and_ap_split_54_teachers() -> None:
    spans = lm.span_of_control(lm.load_sample("traditional_elementary")).loc["S-TRAD"]
    admins = spans[spans["category"] == "administrator"]
    # principal: PK 3 + K 8 + 1 8 + 2 8 = 27; AP: grades 3-5, 9 each = 27; all full time
    assert admins["span"].tolist() == [27, 27]
    assert admins["span_teachers"].tolist() == [27, 27]
    assert admins["span_fte"].tolist() == [27.0, 27.0]
    assert admins["span_all"].tolist() == [27, 27]  # nobody beneath develops anyone
    assert admins["teachers_per_release_fte"].tolist() == [27.0, 27.0]  # 27 / (1.0 x 1.0)
    assert admins["layer"].tolist() == [1, 0]  # A01 supervised by P01
    assert admins["span_band"].astype(str).tolist() == ["21+", "21+"]


def test_green_dot_and_kipp_samples() -> None:
    green = lm.span_of_control(lm.load_sample("green_dot"))
    assert green["span"].max() <= 13  # Green Dot: no leader above 13
    # the sample: English 7 + History 5 = 12; Math 7 + Languages 3 + Arts 2 = 12; 6 + 3 = 9
    assert sorted(green.loc[green["span"] > 0, "span"]) == [9, 12, 12]
    kipp = lm.span_of_control(lm.load_sample("kipp_sunshine_peak"))
    assert kipp.loc[kipp["role"] == "assistant_principal", "span"].tolist() == [8, 8]
    # the principal develops the 4 team leads (who develop 2+2+1+1 = 6) and the 2 APs (8 + 8):
    # span 6, span_all 4 + 6 + 2 + 16 = 28
    assert kipp.loc[kipp["role"] == "principal", ["span", "span_all"]].values.tolist() == [[6, 28]]


def test_unknown_relation_and_bad_bands(school: lm.Roster) -> None:
    with pytest.raises(DefinitionError, match="mentors"):
        lm.span_of_control(school, relation="mentors")
    with pytest.raises(DefinitionError, match="bands"):
        lm.span_of_control(school, bands=(3, 1))


@pytest.mark.slow  # 40 generated rosters, both routes (11 s)
@settings(max_examples=40, deadline=None)
@given(
    roster=rosters(), relation=st.sampled_from(["develops", "evaluates", "coaches", "supervises"])
)
def test_graph_route_equals_vectorised_route(roster: lm.Roster, relation: str) -> None:
    vectorised = lm.span_of_control(roster, relation=relation)
    walked = lm.span_of_control(lm.graph_from_roster(roster), relation=relation)
    pd.testing.assert_frame_equal(vectorised, walked)


def test_graph_round_trip_of_every_sample() -> None:
    for name in ("district", "denver_team_lead"):
        roster = lm.load_sample(name)
        assert lm.roster_from_graph(lm.graph_from_roster(roster)).equals(roster)


def test_span_matrix_puts_leaders_below_no_principal_last() -> None:
    staff = pd.DataFrame(
        {
            "staff_id": ["P", "A", "T1", "T2", "T3"],
            "school_id": ["S"] * 5,
            "role": ["principal", "assistant_principal", "teacher", "teacher", "teacher"],
        }
    )
    # P develops T1 (layer 0, span 1); A develops T2 and T3 but nobody links P to A
    links = pd.DataFrame(
        {"leader_id": ["P", "A", "A"], "staff_id": ["T1", "T2", "T3"], "relation": ["develops"] * 3}
    )
    matrix = lm.span_matrix(lm.read_roster(staff, links=links))
    assert matrix.index.tolist() == [0, "none"]
    assert matrix.loc[0, "1-2"] == 1 and matrix.loc["none", "1-2"] == 1


def test_people_reached_by_two_paths_count_once_and_cycles_end() -> None:
    staff = pd.DataFrame(
        {
            "staff_id": ["P", "A", "B", "T", "U"],
            "school_id": ["S"] * 5,
            "role": [
                "principal",
                "assistant_principal",
                "assistant_principal",
                "teacher",
                "teacher",
            ],
        }
    )
    # P -> A, P -> B, A -> T, B -> T (a diamond), T -> U, U -> T (a develops cycle)
    pairs = [("P", "A"), ("P", "B"), ("A", "T"), ("B", "T"), ("T", "U"), ("U", "T")]
    links = pd.DataFrame(
        {
            "leader_id": [a for a, _ in pairs],
            "staff_id": [b for _, b in pairs],
            "relation": "develops",
        }
    )
    spans = lm.span_of_control(lm.read_roster(staff, links=links)).loc["S"]
    # P reaches A, B, T, U (T once); A and B reach T and U; T reaches U; U reaches T
    assert spans["span_all"].to_dict() == {"A": 2, "B": 2, "P": 4, "T": 1, "U": 1}
    assert spans["layer"].to_dict() == {"A": 1, "B": 1, "P": 0, "T": 2, "U": 3}
