"""coverage_gaps: a hand-built school with exactly three planted problems."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import leadmodel as lm


@pytest.fixture
def school() -> lm.Roster:
    """Principal P, AP A, coach C, team lead L (0.5 release), chair F (no release), teachers T1-T5.

    Planted problems: T5 has no developer; T4's coach C neither evaluates nor gives evaluation
    input to T4 (coach and evaluator never talk); F only facilitates meetings.
    """
    staff = pd.DataFrame(
        {
            "staff_id": ["P", "A", "C", "L", "F", "T1", "T2", "T3", "T4", "T5"],
            "school_id": ["S"] * 10,
            "role": [
                "principal",
                "assistant_principal",
                "instructional_coach",
                "team_lead",
                "chair",
                "teacher",
                "teacher",
                "teacher",
                "teacher",
                "teacher",
            ],
            "release_fte": [None, None, None, 0.5, 0.0, None, None, None, None, None],
            "grade": [None, None, None, "3", "4", "3", "3", "4", "4", "4"],
            "team_id": [None, None, None, "G3", "G4", None, "G3", "G4", "G4", "G4"],
        }
    )
    rows = [
        ("P", "L", "develops"),
        ("P", "L", "evaluates"),
        ("P", "F", "develops"),
        ("P", "F", "evaluates"),
        ("P", "A", "supervises"),
        ("P", "C", "supervises"),
        # L: end to end for T1, T2: develops, coaches, evaluation input, facilitates
        *[
            (lead, t, rel)
            for t in ("T1", "T2")
            for lead, rel in (
                ("L", "develops"),
                ("L", "coaches"),
                ("L", "evaluation_input"),
                ("L", "facilitates"),
                ("A", "evaluates"),
            )
        ],
        # A develops and evaluates T3 and T4; C coaches T3 with input, T4 without
        ("A", "T3", "develops"),
        ("A", "T3", "evaluates"),
        ("C", "T3", "coaches"),
        ("C", "T3", "evaluation_input"),
        ("A", "T4", "develops"),
        ("A", "T4", "evaluates"),
        ("C", "T4", "coaches"),
        # T5: evaluated, nobody develops them
        ("A", "T5", "evaluates"),
        # F facilitates the grade-4 team meetings and nothing else
        ("F", "T3", "facilitates"),
        ("F", "T4", "facilitates"),
        ("F", "T5", "facilitates"),
    ]
    links = pd.DataFrame(rows, columns=["leader_id", "staff_id", "relation"])
    teams = pd.DataFrame({"school_id": ["S", "S"], "team_id": ["G3", "G4"], "lead_id": ["L", "F"]})
    return lm.read_roster(staff, links=links, teams=teams)


def test_flags_exactly_the_planted_problems(school: lm.Roster) -> None:
    gaps = lm.coverage_gaps(school)
    t = gaps.teachers.loc["S"]
    assert t.index[t["no_developer"]].tolist() == ["T5"]
    assert t.index[t["fragmented"]].tolist() == ["T4"]
    assert not t["no_evaluator"].any() and not t["developer_over_target"].any()
    leaders = gaps.leaders.loc["S"]
    assert leaders.index[leaders["facilitation_only"]].tolist() == ["F"]
    assert leaders.index[leaders["title_without_time"]].tolist() == ["F"]  # chair, 0 release
    assert not leaders["over_target"].any()


def test_teacher_details_by_hand(school: lm.Roster) -> None:
    t = lm.coverage_gaps(school).teachers.loc["S"]
    # T1: developer L, evaluator A, coach L; guided by L and A
    assert t.loc[
        "T1", ["developer_ids", "evaluator_ids", "coach_ids", "n_guiding_leaders"]
    ].tolist() == ["L", "A", "L", 2]
    # T4: developer A, evaluator A, coach C: two leaders, C unlinked to the evaluation
    assert t.loc["T4", ["n_developers", "n_coaches", "n_guiding_leaders"]].tolist() == [1, 1, 2]
    # L and F are teachers too (teacher leaders), developed and evaluated by P
    assert t.loc["F", "developer_ids"] == "P"
    assert pd.isna(t.loc["T5", "developer_ids"])


def test_end_to_end_activities_by_hand(school: lm.Roster) -> None:
    leaders = lm.coverage_gaps(school).leaders.loc["S"]
    # L: goals (develops), observation (coaches), coaching, collaboration (facilitates),
    # evaluation (evaluation_input): all five
    assert leaders.loc["L", "activities_covered"] == 5 and leaders.loc["L", "end_to_end"]
    # A: goals, observation and evaluation (develops, evaluates): 3; P the same
    assert leaders.loc["A", "activities_covered"] == 3
    # C: observation and coaching, plus evaluation through T3's evaluation input: 3
    assert leaders.loc["C", "activities_covered"] == 3
    assert leaders.loc["F", "activities_covered"] == 1  # collaboration only


def test_team_coherence(school: lm.Roster) -> None:
    teams = lm.coverage_gaps(school).teams.loc["S"]
    # G3: L and T2 (T1 has no team), both grade 3; G4: F, T3, T4, T5 all grade 4
    assert teams["members"].tolist() == [2, 4]
    assert teams["coherent"].tolist() == [True, True]


def test_span_target_flags_developers() -> None:
    staff = pd.DataFrame(
        {
            "staff_id": ["P", "T1", "T2", "T3"],
            "school_id": ["S"] * 4,
            "role": ["principal", "teacher", "teacher", "teacher"],
        }
    )
    links = pd.DataFrame(
        {"leader_id": ["P"] * 3, "staff_id": ["T1", "T2", "T3"], "relation": ["develops"] * 3}
    )
    gaps = lm.coverage_gaps(lm.read_roster(staff, links=links), span_target=2)
    assert gaps.teachers["developer_over_target"].all()  # P develops 3 > 2
    assert gaps.leaders["over_target"].tolist() == [True]


def test_graph_input_gives_the_same_tables(school: lm.Roster) -> None:
    a, b = lm.coverage_gaps(school), lm.coverage_gaps(lm.graph_from_roster(school))
    for x, y in zip(a, b, strict=True):
        pd.testing.assert_frame_equal(x, y)


def test_school_summary_gap_counts(school: lm.Roster) -> None:
    row = lm.school_summary(school).loc["S"]
    assert (row["no_developer"], row["fragmented"], row["facilitation_only"]) == (1, 1, 1)
    # developers: P (L, F), L (T1, T2), A (T3, T4): max 2, median 2
    assert (row["max_span"], row["median_span"]) == (2, 2.0)
    # 7 teachers (L, F, T1-T5), 6 with a developer within target: 6/7
    assert row["share_developed_within_target"] == pytest.approx(6 / 7)


def test_teachers_on_several_teams_count_on_each() -> None:
    roster = lm.read_roster(
        pd.DataFrame(
            {
                "staff_id": ["P", "T1", "T2", "T3"],
                "school_id": "S",
                "role": ["principal", "teacher", "teacher", "teacher"],
                "grade": [None, "3", "3", "4"],
                "subject": [None, "math", "math", "math"],
                "team_id": [None, "G3", "G3", "G4"],
            }
        ),
        teams=pd.DataFrame(
            {
                "school_id": "S",
                "team_id": ["G3", "G4", "MATH", "PLC"],
                "basis": ["grade", "grade", "subject", "mixed"],
            }
        ),
    )
    members = lm.read_members(
        pd.DataFrame(
            {
                "school_id": "S",
                "team_id": ["MATH", "MATH", "MATH", "PLC"],
                "staff_id": ["T1", "T2", "T3", "T3"],
            }
        ),
        roster=roster,
    )
    teams = lm.coverage_gaps(roster, members=members).teams
    # G3: T1, T2 (own team); G4: T3; MATH: T1, T2, T3 (grades 3, 3, 4; all math); PLC: T3
    assert teams["members"].to_dict() == {
        ("S", "G3"): 2, ("S", "G4"): 1, ("S", "MATH"): 3, ("S", "PLC"): 1
    }  # fmt: skip
    assert teams.loc[("S", "MATH"), ["grades", "shared_grade", "shared_subject"]].tolist() == [
        2,
        False,
        True,
    ]
    teachers = lm.coverage_gaps(roster, members=members).teachers
    # T1 and T2 sit on their grade team and MATH (2); T3 on G4, MATH and the PLC (3)
    assert teachers["n_teams"].to_dict() == {("S", "T1"): 2, ("S", "T2"): 2, ("S", "T3"): 3}
    # without the membership table, each teacher is on their own team only
    assert set(lm.coverage_gaps(roster).teachers["n_teams"]) == {1}


ROWS = st.tuples(
    st.sampled_from(["S1", "S2"]),
    st.sampled_from(["G1", "G2", "G3", None]),
    st.sampled_from(["3", "4", None]),
    st.sampled_from(["math", "art", None]),
)
TEAMS = st.dictionaries(
    st.tuples(st.sampled_from(["S1", "S2"]), st.sampled_from(["G1", "G2", "G4"])),
    st.sampled_from(["grade", "subject", "ilt", None]),
    max_size=6,
)


@settings(max_examples=25)  # a roster read per example
@given(st.lists(ROWS, min_size=1, max_size=12), TEAMS)
def test_team_counts_are_those_of_a_groupby(rows: list, teams: dict) -> None:
    staff = pd.DataFrame(rows, columns=["school_id", "team_id", "grade", "subject"])
    staff["staff_id"] = [f"T{i}" for i in range(len(rows))]
    staff["role"] = "teacher"
    table = pd.DataFrame(
        [(s, t, basis) for (s, t), basis in teams.items()],
        columns=["school_id", "team_id", "basis"],
    )
    roster = lm.read_roster(staff, teams=table, strict=False)  # teams of unknown schools dropped
    got = lm.coverage_gaps(roster).teams
    # the plain pandas definition: a groupby of the staff on their own teams, per teacher team
    teacher_teams = roster.teams[~(roster.teams["basis"] == "ilt").fillna(False).astype(bool)]
    index = teacher_teams.set_index(["school_id", "team_id"]).sort_index().index
    on_team = roster.staff[roster.staff["team_id"].notna()]
    grouped = on_team.groupby(["school_id", "team_id"])
    assert got.index.equals(index)
    assert got["members"].tolist() == grouped.size().reindex(index, fill_value=0).tolist()
    for col, name in (("grade", "grades"), ("subject", "subjects")):
        distinct = grouped[col].nunique().reindex(index, fill_value=0)
        given_ = grouped[col].count().reindex(index, fill_value=0)
        assert got[name].tolist() == distinct.tolist()
        shared = (distinct == 1) & (given_ == got["members"].to_numpy())
        assert got[f"shared_{col}"].tolist() == shared.tolist()


def test_a_leader_missing_from_the_staff_table_is_counted_and_left_unknown(
    school: lm.Roster,
) -> None:
    """A roster built without validation may link someone who is not on the staff table
    ("0V" sorts first, so every staff row's node number moves up by one)."""
    visitor = {"school_id": "S", "leader_id": "0V", "staff_id": "T4", "relation": "develops"}
    links = pd.concat([school.links, pd.DataFrame([visitor])], ignore_index=True)
    built = lm.Roster(school.staff, links, school.teams, school.schools)
    gaps, checked = lm.coverage_gaps(built), lm.coverage_gaps(school)
    t, t0 = gaps.teachers.loc["S"], checked.teachers.loc["S"]
    assert t.loc["T4", "developer_ids"] == "0V;A" and t.loc["T4", "n_developers"] == 2  # A and 0V
    # the teams sat on are each teacher's own: T1 has none, L and T2 are on G3, the rest on G4
    assert t["n_teams"].to_dict() == t0["n_teams"].to_dict()
    assert t["n_teams"].sum() == 6  # 7 teaching rows (L, F, T1-T5), all but T1 on a team
    leaders = gaps.leaders.loc["S"]
    assert pd.isna(leaders.loc["0V", "category"])
    assert pd.isna(leaders.loc["0V", "title_without_time"])  # role unknown: not False
    assert leaders["title_without_time"].fillna(False).sum() == 1  # F, as on the checked roster
    report, report0 = lm.compliance(built, "denver"), lm.compliance(school, "denver")
    assert report.rules["element"].tolist() == report0.rules["element"].tolist()
    assert len(report.schools) == len(report0.schools) == 1
