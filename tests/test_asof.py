"""Logs and surveys matched to the roster in force on their date, worked by hand on the
three-year district (tests/three_years.py)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import leadmodel as lm
from tests import three_years as ty

#: date, school, leader, teacher, kind; the snapshot in force and what the roster then says
EVENTS = [
    # 2013-14 (in force: 2013-08-19): E1 (P-N1) develops, evaluates, supervises E4 (T-N2)
    ("2013-10-01", "N", "E1", "E4", "informal"),
    # 2014-02-03 (2013-08-19): E3 (T-N1) is still a teacher and leads nobody: not E4's leader
    ("2014-02-03", "N", "E3", "E4", "informal"),
    # 2014-10-01 (2014-08-18): E3 is now E4's Team Lead and develops them ...
    ("2014-10-01", "N", "E3", "E4", "coaching_cycle"),
    # ... while E1 still evaluates and supervises E4
    ("2014-10-02", "N", "E1", "E4", "formal"),
    # 2014-09-15 (2014-08-18): E9 moved from S to N in 2014, so not on S's staff then
    ("2014-09-15", "S", "E7", "E9", "informal"),
    # 2015-09-01 (2015-08-17): E2 (the AP) left in 2015; E12 holds A-N1
    ("2015-09-01", "N", "E2", "E5", "informal"),
    # 2015-09-02 (2015-08-17): E12 (A-N1) develops E5 (T-N3)
    ("2015-09-02", "N", "E12", "E5", "informal"),
    # 2013-06-03: before the first snapshot, no roster in force
    ("2013-06-03", "N", "E1", "E3", "informal"),
    # 2014-03-03 (2013-08-19): the school X is on no roster
    ("2014-03-03", "X", "E1", "E3", "informal"),
]


def _log(rows: list[tuple[str, str, str, str, str]] = EVENTS) -> lm.ActivityLog:
    frame = pd.DataFrame(rows, columns=["date", "school_id", "leader_id", "teacher_id", "kind"])
    return lm.read_log(frame, school_year=("2013-06-01", "2015-12-31"))


@pytest.fixture(scope="module")
def found() -> lm.AsOfLog:
    return lm.log_as_of(ty.series(), _log(), ids="person_id")


def test_each_event_is_read_against_the_snapshot_in_force_on_its_date(found: lm.AsOfLog) -> None:
    events = found.events
    snapshots = events["snapshot"].dt.strftime("%Y-%m-%d").fillna("none").tolist()
    # events are in the log's order (read_log sorts by school, then date)
    assert events[["school_id", "date"]].astype(str).values.tolist() == [
        ["N", "2013-06-03"],
        ["N", "2013-10-01"],
        ["N", "2014-02-03"],
        ["N", "2014-10-01"],
        ["N", "2014-10-02"],
        ["N", "2015-09-01"],
        ["N", "2015-09-02"],
        ["S", "2014-09-15"],
        ["X", "2014-03-03"],
    ]
    assert snapshots == [
        "none",  # before 2013-08-19
        "2013-08-19",
        "2013-08-19",  # February 2014 is still the 2013-14 roster
        "2014-08-18",
        "2014-08-18",
        "2015-08-17",
        "2015-08-17",
        "2014-08-18",
        "2013-08-19",
    ]
    assert events["match"].tolist() == [
        "before_first_snapshot",
        "matched",
        "not_leader_then",  # E3 visited E4 before becoming their Team Lead
        "matched",
        "matched",
        "leader_not_on_staff",  # E2 left before 2015-08-17
        "matched",
        "teacher_not_on_staff",  # E9 had moved to N
        "school_not_on_roster",
    ]


def test_the_relations_then_are_those_of_that_year(found: lm.AsOfLog) -> None:
    events = found.events.set_index(found.events["date"].dt.strftime("%Y-%m-%d"))
    assert events.loc["2013-10-01", "relations"] == "develops;evaluates;supervises"
    # a year later E1 no longer develops E4 (the Team Lead E3 does) but still evaluates
    assert events.loc["2014-10-02", "relations"] == "evaluates;supervises"
    assert events.loc["2014-10-01", "relations"] == "develops"
    assert pd.isna(events.loc["2014-02-03", "relations"])
    assert events.loc["2014-02-03", "leader_of_teacher"] == False  # noqa: E712
    assert events.loc["2013-10-01", "leader_of_teacher"] == True  # noqa: E712
    # unknown, not false, where the roster cannot say: a leader who is not on the staff
    assert pd.isna(events.loc["2015-09-01", "leader_of_teacher"])
    assert events.loc["2015-09-01", "leader_on_staff"] == False  # noqa: E712
    assert pd.isna(events.loc["2013-06-03", "leader_on_staff"])


def test_a_visit_by_someone_not_the_teachers_leader_then_is_reported(found: lm.AsOfLog) -> None:
    issues = found.issues
    # every event that did not match is reported once
    assert len(issues) == (found.events["match"] != "matched").sum() == 5
    mismatch = issues[issues["code"] == "not_leader_then"].iloc[0]
    assert mismatch["snapshot"] == "2013-08-19"
    assert mismatch["staff_id"] == "E3"
    assert mismatch["severity"] == "warning"
    assert "E3 visited E4 on 2014-02-03" in mismatch["message"]
    # the teacher's leaders then are named, so the reader sees who should have visited
    assert "whose leaders were: E1 (develops; evaluates; supervises)." in mismatch["message"]
    codes = issues.set_index("code")["value"].to_dict()
    assert codes["before_first_snapshot"] == "2013-06-03"
    assert codes["not_on_roster_then"] == "X"


def test_counts_per_snapshot_and_school_add_up(found: lm.AsOfLog) -> None:
    schools = found.schools.set_index(["snapshot", "school_id"])
    assert schools["events"].sum() == len(found.events) == 9
    status = list(lm.metrics.asof.MATCH_STATUS)
    assert (schools[status].sum(axis=1) == schools["events"]).all()
    north_2014 = schools.loc[(pd.Timestamp("2014-08-18"), "N")]
    assert north_2014["matched"] == 2 and north_2014["events"] == 2


def test_relations_can_be_narrowed() -> None:
    """Counting only the developer as the teacher's leader, E1's 2014 observation of E4 is by
    someone who no longer develops them."""
    found = lm.log_as_of(ty.series(), _log(EVENTS[3:4]), ids="person_id", relations=["develops"])
    assert found.events["match"].tolist() == ["not_leader_then"]
    assert "whose leaders were: E3 (develops)." in found.issues["message"].iloc[0]


def test_ids_by_position_number() -> None:
    """A log naming positions (staff ids) matches by position: in 2014 T-N1 develops T-N2."""
    log = _log([("2014-10-01", "N", "T-N1", "T-N2", "informal")])
    found = lm.log_as_of(ty.series(), log)
    assert found.events["match"].tolist() == ["matched"]
    assert found.events["relations"].tolist() == ["develops"]


def test_bad_arguments_are_definition_errors() -> None:
    series = ty.series()
    with pytest.raises(lm.DefinitionError, match="ids must be"):
        lm.log_as_of(series, _log(), ids="name")  # type: ignore[arg-type]
    with pytest.raises(lm.DefinitionError, match="relations must name"):
        lm.log_as_of(series, _log(), relations=["likes"])
    people = ty.staff(ty.DATES[0]).drop(columns=["person_id", "vacant"])  # a file of people
    by_staff = lm.read_rosters({ty.DATES[0]: lm.read_roster(people, schools=ty.schools())})
    with pytest.raises(lm.DefinitionError, match="files of people"):
        lm.log_as_of(by_staff, _log(), ids="person_id")


def test_a_survey_is_matched_to_the_roster_in_force() -> None:
    """E9 answered in October 2014 as a teacher of S, having moved to N that summer; E4 named
    E3 (their Team Lead since 2014) and E1 (who still evaluates them) as advisers, and E10
    named E9, who was no longer on S's staff."""
    responses = pd.DataFrame(
        {
            "response_id": ["R1", "R2", "R3"],
            "school_id": ["S", "N", "S"],
            "staff_id": ["E9", "E4", "E10"],
            "role": ["teacher", "teacher", "team_lead"],
            "advice_ids": [None, "E3;E1", "E9"],
        }
    )
    survey = lm.read_survey(responses, strict=False)
    found = lm.survey_as_of(ty.series(), survey, on="2014-10-15", ids="person_id")
    out = found.responses.set_index("response_id")
    assert out["snapshot"].dt.strftime("%Y-%m-%d").unique().tolist() == ["2014-08-18"]
    assert out["match"].to_dict() == {
        "R1": "respondent_not_on_staff",
        "R2": "matched",
        "R3": "matched",
    }
    assert out.loc["R2", "role_then"] == "teacher"
    assert out.loc["R3", "role_matches"] == False  # noqa: E712  (E10 answered as a Team Lead)
    advice = found.advice.set_index("adviser_id")
    assert advice.loc["E3", "relations"] == "develops"
    assert advice.loc["E1", "relations"] == "evaluates;supervises"
    assert advice.loc["E9", "adviser_on_staff_then"] == False  # noqa: E712
    assert pd.isna(advice.loc["E9", "adviser_leads_respondent"])
    codes = sorted(found.issues["code"])
    assert codes == ["not_on_staff_then", "not_on_staff_then", "role_mismatch"]


def test_the_tables_export_byte_for_byte(found: lm.AsOfLog, tmp_path: Path) -> None:
    first = lm.export_tables(found.tables(), tmp_path / "a")
    second = lm.export_tables(
        lm.log_as_of(ty.series(), _log(), ids="person_id").tables(), tmp_path / "b"
    )
    assert [p.name for p in first] == [
        "asof_events.csv",
        "asof_issues.csv",
        "asof_schools.csv",
        "manifest.json",
    ]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
