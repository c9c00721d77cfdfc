"""A series of snapshots: each validated as one roster is, matched by id, ids changes reported."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

import leadmodel as lm
from tests import three_years as ty


def _people(*ids: str, school: str = "S1", names: list[str] | None = None) -> pd.DataFrame:
    """A file of people: a principal P1 and teachers."""
    frame = pd.DataFrame(
        {
            "staff_id": ["P1", *ids],
            "school_id": school,
            "role": ["principal"] + ["teacher"] * len(ids),
            "developer_id": [None] + ["P1"] * len(ids),
        }
    )
    if names is not None:
        frame["name"] = ["Pat Doe", *names]
    return frame


def test_each_snapshot_is_a_roster_and_dates_order_them() -> None:
    series = lm.read_rosters({"2015-08-17": _people("T2"), date(2014, 8, 18): _people("T1")})
    assert [str(d) for d in series] == ["2014-08-18", "2015-08-17"]
    assert isinstance(series["2014-08-18"], lm.Roster)
    assert series.people_key == "staff_id"
    assert series.matching.loc["positions", "key"] == "school_id, staff_id"
    # in force: the latest snapshot taken on or before the date; none before the first
    assert series.in_force("2014-08-18") == date(2014, 8, 18)
    assert series.in_force("2015-08-16") == date(2014, 8, 18)
    assert series.in_force("2015-08-17") == date(2015, 8, 17)
    assert series.in_force("2014-08-17") is None
    days = pd.Series(pd.to_datetime(["2014-01-01", "2014-09-01", "2016-01-01", None]))
    assert series.snapshot_of(days).astype("string").tolist() == [
        pd.NA,
        "2014-08-18",
        "2015-08-17",
        pd.NA,
    ]
    assert series.accounting().index.names == ["snapshot", "table"]
    assert series.accounting().loc[("2014-08-18", "staff"), "rows_in"] == 2


@pytest.mark.parametrize(
    ("snapshots", "says"),
    [
        ({}, "mapping"),
        ({"2014-15": _people("T1")}, "not a date"),
        ({"2014-08-18": _people("T1"), date(2014, 8, 18): _people("T1")}, "Two snapshots"),
    ],
)
def test_dates_are_definitions(snapshots: dict[object, pd.DataFrame], says: str) -> None:
    with pytest.raises(lm.DefinitionError, match=says):
        lm.read_rosters(snapshots)


def test_no_snapshot_on_a_date_names_the_dates() -> None:
    series = lm.read_rosters({"2014-08-18": _people("T1")})
    with pytest.raises(lm.DefinitionError, match="2014-08-18"):
        series["2015-08-17"]


def test_every_snapshot_is_validated_and_every_error_reported_at_once() -> None:
    bad_2014 = _people("T1").assign(role=["principal", "wizard"])
    bad_2015 = _people("T1", "T1")  # a staff id twice
    with pytest.raises(lm.RosterError) as raised:
        lm.read_rosters({"2014-08-18": bad_2014, "2015-08-17": bad_2015})
    errors = raised.value.issues.query("severity == 'error'")
    assert sorted(zip(errors["snapshot"], errors["code"], strict=True)) == [
        ("2014-08-18", "unknown_role"),
        ("2015-08-17", "duplicate_staff_id"),
        ("2015-08-17", "duplicate_staff_id"),
    ]
    assert "roster series" in str(raised.value)
    kept = lm.read_rosters({"2014-08-18": bad_2014, "2015-08-17": bad_2015}, strict=False)
    assert len(kept["2014-08-18"].staff) == 1  # the bad row left out, as read_roster does
    assert kept.accounting().loc[("2014-08-18", "staff"), "rows_rejected"] == 1


def test_a_snapshot_that_cannot_be_read_raises_with_the_others_problems() -> None:
    with pytest.raises(lm.RosterError) as raised:
        lm.read_rosters(
            {"2014-08-18": pd.DataFrame({"school_id": ["S1"]}), "2015-08-17": _people("T1")}
        )
    assert raised.value.issues["code"].tolist() == ["missing_column"] * 2  # staff_id, role
    assert set(raised.value.issues["snapshot"]) == {"2014-08-18"}


def test_position_files_match_people_by_person_id_and_split_job_shares() -> None:
    series = ty.series()
    assert series.people_key == "person_id"
    staff = ty.staff(ty.DATES[0]).assign(fte=1.0)
    partner = staff[staff["staff_id"] == "T-S3"].assign(person_id="E14", name="Ned Shaw")
    shared = pd.concat([staff, partner], ignore_index=True)
    shared.loc[shared["staff_id"] == "T-S3", "fte"] = 0.5  # a job share: two rows, one position
    roster = lm.read_roster(shared, schools=ty.schools(), strict=False)
    assert set(roster.issues["code"]) == {"job_share"}
    both = lm.read_rosters({ty.DATES[0]: roster})
    people = both.people()
    holders = people.loc[people["staff_id"] == "T-S3", ["person_key", "fte"]]
    assert holders.values.tolist() == [["E10", 0.5], ["E14", 0.5]]  # the FTE shared equally
    assert both.positions().set_index("staff_id").loc["T-S3", "person_keys"] == "E10;E14"


def test_position_files_and_files_of_people_do_not_mix() -> None:
    people_file = _people("T1")
    position_file = people_file.assign(person_id=["E1", "E2"])
    with pytest.raises(lm.RosterError) as raised:
        lm.read_rosters({"2014-08-18": position_file, "2015-08-17": people_file})
    issue = raised.value.issues.iloc[0]
    assert (issue["snapshot"], issue["code"]) == ("2015-08-17", "ids_not_comparable")


def test_a_filled_position_without_a_person_is_reported() -> None:
    frame = _people("T1", "T2").assign(person_id=["E1", "E2", None])
    series = lm.read_rosters({"2014-08-18": frame})
    issue = series.issues.iloc[0]
    assert (issue["code"], issue["staff_id"], issue["severity"]) == (
        "unknown_person",
        "T2",
        "warning",
    )
    assert "T2" not in set(series.people()["staff_id"])


def test_an_id_written_two_ways_is_reported_not_merged() -> None:
    series = lm.read_rosters({"2014-08-18": _people("T1"), "2015-08-17": _people("t1")})
    issue = series.issues.iloc[0]
    assert (issue["snapshot"], issue["code"], issue["value"], issue["staff_id"]) == (
        "2015-08-17",
        "id_variant",
        "T1",
        "t1",
    )
    found = lm.changes(series)
    assert found.people.set_index("person_id")["status"].to_dict() == {
        "P1": "stayed",
        "T1": "left",
        "t1": "joined",
    }


def test_a_person_leaving_as_another_of_the_same_name_arrives_is_a_possible_id_change() -> None:
    before = _people("T1", "T2", names=["Bo Ng", "Cy Oh"])
    after = _people("T9", "T2", names=["Bo Ng", "Cy Oh"])
    series = lm.read_rosters({"2014-08-18": before, "2015-08-17": after})
    issue = series.issues.iloc[0]
    assert (issue["code"], issue["value"], issue["staff_id"], issue["severity"]) == (
        "possible_id_change",
        "T1",
        "T9",
        "warning",
    )
    assert "id_changes={'person': {'T1': 'T9'}}" in issue["fix"]
    assert lm.changes(series).district.loc[0, ["joined", "left"]].tolist() == [1, 1]
    declared = lm.read_rosters(
        {"2014-08-18": before, "2015-08-17": after}, id_changes={"person": {"T1": "T9"}}
    )
    assert declared.issues.empty
    assert declared.id_changes.values.tolist() == [
        ["person", "T1", "T9", "2014-08-18", "2015-08-17"]
    ]
    found = lm.changes(declared)
    assert found.district.loc[0, ["joined", "left"]].tolist() == [0, 0]
    # in a file of people the staff id is the person's: the position is matched too
    assert found.positions["change"].tolist() == ["unchanged"] * 3


def test_a_school_whose_id_changed_is_reported_and_can_be_declared() -> None:
    schools = pd.DataFrame({"school_id": ["S1"], "name": ["Hill School"]})
    renamed = pd.DataFrame({"school_id": ["S7"], "name": ["Hill School"]})
    snapshots = {
        "2014-08-18": lm.read_roster(_people("T1"), schools=schools),
        "2015-08-17": lm.read_roster(_people("T1", school="S7"), schools=renamed),
    }
    series = lm.read_rosters(snapshots)
    assert series.issues[["table", "code", "field", "value"]].values.tolist() == [
        ["schools", "possible_id_change", "school_id", "S1"]
    ]
    declared = lm.read_rosters(snapshots, id_changes={"school": {"S1": "S7"}})
    found = lm.changes(declared)
    assert found.schools["school_id"].tolist() == ["S7"]
    assert found.people["moved"].tolist() == [False, False]
    assert declared.schools()["school_id_as_given"].tolist() == ["S1", "S7"]


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"staff": {"T1": "T9"}}, "kinds"),
        ({"person": {"T5": "T9"}}, "no snapshot has the person id 'T5'"),
        ({"person": {"T1": "T2"}}, "both ids are on the snapshot"),
        ({"person": {"T9": "T1"}}, "still on the snapshot"),
        ({"person": {"T1": "T9", "T9": "T3"}}, "itself a new id"),
        ({"person": ["T1"]}, "must map old ids"),
    ],
)
def test_declared_id_changes_are_checked(changes: dict[str, object], says: str) -> None:
    snapshots = {"2014-08-18": _people("T1", "T2"), "2015-08-17": _people("T9", "T2")}
    with pytest.raises(lm.DefinitionError, match=says):
        lm.read_rosters(snapshots, id_changes=changes)  # type: ignore[arg-type]


def test_matched_tables_follow_the_codes() -> None:
    series = ty.series()
    people = series.people()
    assert len(people) == 30  # 10 people on each snapshot
    e9 = people[people["person_key"] == "E9"]
    assert e9[["school_id", "staff_id"]].values.tolist() == [
        ["S", "T-S2"],
        ["N", "T-N5"],
        ["N", "T-N5"],
    ]
    positions = series.positions()
    assert len(positions) == 32  # 10, then 11 and 11 positions
    vacant = positions[positions["vacant"]]
    assert vacant[["staff_id", "person_keys"]].astype(object).values.tolist() == [
        ["T-S2", pd.NA],
        ["P-S1", pd.NA],
    ]


def test_repr_and_display_show_counts_only() -> None:
    series = ty.series()
    assert repr(series) == (
        "<RosterSeries: 3 snapshots from 2013-08-19 to 2015-08-17, 2 to 2 schools, "
        "people by person_id>"
    )
    shown = series._repr_html_()
    assert "Snapshots" in shown and "Matching" in shown and "Ada Quill" not in shown
