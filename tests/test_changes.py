"""What changed between snapshots, worked by hand on the three-year district (tests/three_years)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings

import leadmodel as lm
from tests import three_years as ty
from tests.strategies import rosters


@pytest.fixture(scope="module")
def found() -> lm.Changes:
    return lm.changes(ty.series())


def _step(table: pd.DataFrame, year: int) -> pd.DataFrame:
    """The rows of the step starting on snapshot ``year`` (0: 2013 to 2014, 1: 2014 to 2015)."""
    return table[table["from_date"] == pd.Timestamp(ty.DATES[year])]


def test_joiners_leavers_moves_and_role_changes(found: lm.Changes) -> None:
    # 2013 -> 2014: E6 left (T-N4 refilled by E11, who joined); E9 moved from S to N;
    # E3 became a Team Lead. Ten people on each snapshot.
    first = _step(found.people, 0).set_index("person_id")
    assert first["status"].value_counts().to_dict() == {"stayed": 9, "joined": 1, "left": 1}
    assert _step(found.joiners, 0)["person_id"].tolist() == ["E11"]
    assert _step(found.leavers, 0)["person_id"].tolist() == ["E6"]
    moves = _step(found.moves, 0)[["person_id", "school_before", "school_after"]]
    assert moves.values.tolist() == [["E9", "S", "N"]]
    roles = _step(found.role_changes, 0)[["person_id", "role_before", "role_after"]]
    assert roles.values.tolist() == [["E3", "teacher", "team_lead"]]
    # someone on one snapshot only did not "move" or "change role": unknown, not false
    assert first.loc["E6", ["moved", "role_changed"]].isna().all()
    assert first.loc["E11", ["moved", "role_changed"]].isna().all()
    # 2014 -> 2015: E2 and E7 left; E12 (the new AP) and E13 (T-S2 filled) joined
    second = _step(found.people, 1)
    assert sorted(second.loc[second["status"] == "left", "person_id"]) == ["E2", "E7"]
    assert sorted(second.loc[second["status"] == "joined", "person_id"]) == ["E12", "E13"]
    district = found.district.set_index("from_date")
    assert district[["joined", "left", "moved", "role_changed"]].values.tolist() == [
        [1, 1, 1, 1],
        [2, 2, 0, 0],
    ]


def test_positions_opened_closed_vacated_filled(found: lm.Changes) -> None:
    first = _step(found.positions, 0).set_index("staff_id")["change"]
    assert first[first != "unchanged"].to_dict() == {
        "T-N4": "new_incumbent",  # E6 left, E11 holds it
        "T-N5": "opened",  # E9's new position
        "T-S2": "vacated",  # E9's old one, vacant on 2014-08-18
    }
    # T-N1 kept its holder (E3) and changed its role
    assert _step(found.positions, 0).set_index("staff_id").loc["T-N1", "role_changed"]
    second = _step(found.positions, 1).set_index("staff_id")["change"]
    assert second[second != "unchanged"].to_dict() == {
        "A-N1": "new_incumbent",  # E12 for E2
        "P-S1": "vacated",  # E7 left, nobody yet
        "T-S2": "filled",  # E13
    }
    district = found.district
    assert district["positions_unchanged"].tolist() == [8, 8]  # 11 positions, 3 changed


def test_continuity_of_development_per_teacher(found: lm.Changes) -> None:
    first = _step(found.continuity, 0).set_index("person_id")
    # E4's developer went from the principal (E1) to the new Team Lead (E3); E1 still
    # evaluates E4. E9 moved school: a new developer and evaluator (E2 for E7).
    assert first["developer_status"].to_dict() == {
        "E10": "kept",
        "E11": "not_in_both",
        "E3": "kept",
        "E4": "changed",
        "E5": "kept",
        "E6": "not_in_both",
        "E8": "kept",
        "E9": "changed",
    }
    assert first.loc["E4", ["developers_before", "developers_after"]].tolist() == ["E1", "E3"]
    assert first.loc["E4", "developer_change"] == "reassigned"
    assert first.loc["E4", "evaluator_status"] == "kept"
    assert first.loc["E9", ["developer_change", "evaluator_change"]].tolist() == [
        "teacher_moved",
        "teacher_moved",
    ]
    # a teacher on one snapshot only has no "kept": unknown, never false
    assert first.loc[["E6", "E11"], "kept_developer"].isna().all()
    # kept: E3, E5, E8, E10 of the six compared (E3, E4, E5, E8, E9, E10): 4 / 6;
    # evaluators: all but E9: 5 / 6
    district = found.district
    assert district.loc[0, ["developer_compared", "kept_developer"]].tolist() == [6, 4]
    assert district.loc[0, "share_kept_developer"] == pytest.approx(4 / 6)
    assert district.loc[0, "share_kept_evaluator"] == pytest.approx(5 / 6)
    second = _step(found.continuity, 1).set_index("person_id")
    # E2 left: E5, E9 and E11 have a new developer (E12, who holds A-N1 now); E7 left and
    # P-S1 is vacant: E8 and E10 have no developer at all (lost)
    assert second.loc[["E5", "E9", "E11"], "developer_status"].tolist() == ["changed"] * 3
    assert second.loc[["E5", "E9", "E11"], "developers_after"].tolist() == ["E12"] * 3
    assert second.loc[["E8", "E10"], "developer_status"].tolist() == ["lost"] * 2
    assert second.loc[["E8", "E10"], "developers_after"].isna().all()
    assert set(second.loc[["E5", "E8", "E9", "E10", "E11"], "developer_change"]) == {"leader_left"}
    # kept: E3 and E4 of seven compared (E13 joined): 2 / 7
    assert district.loc[1, "share_kept_developer"] == pytest.approx(2 / 7)


def test_leaders_span_changes(found: lm.Changes) -> None:
    first = _step(found.spans, 0).set_index("leader_id")
    # P-N1 developed T-N1, T-N2 and A-N1 (3), then T-N1 and A-N1 (2): -1
    # A-N1: T-N3, T-N4 (2), then T-N5 too (3): +1; T-N1 led nobody, then T-N2: a new leader
    # P-S1: 3 teachers, then 2 (the vacant T-S2 is a position, not a person)
    assert first[["status", "span_before", "span_after", "span_change"]].values.tolist() == [
        ["continuing", 2, 3, 1],
        ["continuing", 3, 2, -1],
        ["new_leader", 0, 1, 1],
        ["continuing", 3, 2, -1],
    ]
    second = _step(found.spans, 1).set_index("leader_id")
    # A-N1's holder changed (E2 to E12), its span did not; vacant P-S1 leads nobody
    assert second.loc["A-N1", ["people_before", "people_after", "span_change"]].tolist() == [
        "E2",
        "E12",
        0,
    ]
    assert second.loc["P-S1", ["span_before", "span_after"]].tolist() == [2, 0]


def test_schools_count_people_in_and_out(found: lm.Changes) -> None:
    first = _step(found.schools, 0).set_index("school_id")
    columns = ["staff_before", "staff_after", "stayed", "joined", "left", "moved_in", "moved_out"]
    # N: E1-E6, then E1-E5, E9, E11; S: E7-E10, then E7, E8, E10
    assert first.loc["N", columns].tolist() == [6, 7, 5, 1, 1, 1, 0]
    assert first.loc["S", columns].tolist() == [4, 3, 3, 0, 0, 0, 1]
    assert first.loc["N", "retention"] == pytest.approx(5 / 6)
    # teachers compared where they are on the later snapshot: N has E3, E4, E5, E9 (2 kept)
    assert first.loc["N", ["developer_compared", "kept_developer"]].tolist() == [4, 2]
    assert first.loc["S", "share_kept_developer"] == 1.0
    second = _step(found.schools, 1).set_index("school_id")
    assert second.loc["S", "share_kept_developer"] == 0.0  # E8 and E10 lost their developer
    assert second.loc["S", ["positions_vacated", "positions_filled"]].tolist() == [1, 1]


def test_between_two_chosen_snapshots() -> None:
    series = ty.series()
    found = lm.changes(series, between=(ty.DATES[0], ty.DATES[2]))
    assert found.district[["joined", "left", "moved"]].values.tolist() == [[3, 3, 1]]
    with pytest.raises(lm.DefinitionError, match="earlier snapshot first"):
        lm.changes(series, between=(ty.DATES[2], ty.DATES[0]))
    with pytest.raises(lm.DefinitionError, match="No snapshot is dated 2016-01-01"):
        lm.changes(series, between=(ty.DATES[0], "2016-01-01"))
    with pytest.raises(lm.DefinitionError, match="two snapshots"):
        lm.changes(lm.read_rosters({ty.DATES[0]: ty.roster(ty.DATES[0])}))


def test_tables_are_deterministic_and_named(found: lm.Changes) -> None:
    again = lm.changes(ty.series())
    for name, table in found.tables().items():
        pd.testing.assert_frame_equal(table, again.tables()[name])
        assert list(table.columns[:2]) == ["from_date", "to_date"], name
    assert sorted(found.tables()) == [
        "changes_continuity",
        "changes_district",
        "changes_people",
        "changes_positions",
        "changes_schools",
        "changes_spans",
    ]


# ----------------------------------------------------------------------------- properties


@settings(max_examples=5, deadline=None)
@given(roster=rosters())
def test_a_snapshot_compared_with_itself_changes_nothing(roster: lm.Roster) -> None:
    found = lm.changes(lm.read_rosters({"2014-08-18": roster, "2015-08-17": roster}))
    assert (found.people["status"] == "stayed").all()
    assert not found.people["moved"].any() and not found.people["role_changed"].any()
    assert (found.positions["change"] == "unchanged").all()
    assert found.continuity["developer_status"].isin(["kept", "none"]).all()
    assert found.continuity["evaluator_status"].isin(["kept", "none"]).all()
    assert (found.spans["span_change"] == 0).all()
    district = found.district.iloc[0]
    assert district["joined"] == district["left"] == district["moved"] == 0


@settings(max_examples=5, deadline=None)
@given(first=rosters(), second=rosters())
def test_joiners_one_way_are_leavers_the_other(first: lm.Roster, second: lm.Roster) -> None:
    forward = lm.changes(lm.read_rosters({"2014-08-18": first, "2015-08-17": second}))
    backward = lm.changes(lm.read_rosters({"2014-08-18": second, "2015-08-17": first}))
    assert sorted(forward.joiners["person_id"]) == sorted(backward.leavers["person_id"])
    assert sorted(forward.leavers["person_id"]) == sorted(backward.joiners["person_id"])
    assert sorted(forward.moves["person_id"]) == sorted(backward.moves["person_id"])
    opened = forward.positions.loc[forward.positions["change"] == "opened", "staff_id"]
    closed = backward.positions.loc[backward.positions["change"] == "closed", "staff_id"]
    assert sorted(opened) == sorted(closed)
