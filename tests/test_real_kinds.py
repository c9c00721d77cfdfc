"""Files shaped like the real public files of issue 18, with every figure worked out by hand.

The files are written by ``tests/data/make_real_kinds.py`` (synthetic; its docstrings give the
rules the arithmetic below follows).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import leadmodel as lm

DATA = Path(__file__).parent / "data"
POSITION_MAP = {
    "Position Number": "position_id",
    "Location Code": "school_id",
    "Job Title": "title",
    "FTE": "fte",
    "Filled/Vacant": "filled",
    "Employee ID": "person_id",
}


@pytest.fixture(scope="module")
def positions() -> lm.Roster:
    return lm.read_roster(
        DATA / "positions" / "positions.csv",
        column_map=POSITION_MAP,
        unmapped="other",
        strict=False,
    )


def test_position_roster_counts(positions: lm.Roster) -> None:
    staff = positions.staff
    # rows: per school P, A1, A2, T01 twice (a job share), T02-T24 (23), C1, S01-S20 (20) = 49,
    # x 30 schools = 1,470; per central unit a director and 17 posts = 18, x 6 = 108: 1,578
    assert positions.accounting().loc["staff"].tolist() == [1578, 1578, 0, 0]
    # positions: T01's two rows are one position: 48 x 30 + 108 = 1,548
    assert len(staff) == 48 * 30 + 108
    # units: 36, of which the 6 central units (no principal, no teacher) are not schools
    schools = positions.schools.set_index("school_id")
    assert len(schools) == 36 and int(schools["non_school"].sum()) == 6
    assert positions.schools_only().schools.shape[0] == 30
    # vacancies: T23 and T24 everywhere (2 x 30) and A2 in every fifth school (6): 66
    assert int(staff["vacant"].sum()) == 2 * 30 + 6
    # people: 46 filled positions a school, T01 held by two: 47; 46 where A2 is vacant;
    # 24 x 47 + 6 x 46 + 108 central = 1,512
    assert int(staff["incumbents"].sum()) == 24 * 47 + 6 * 46 + 108
    # FTE: a school has 1 + 1 + 1 + (0.5 + 0.5) + 23 + 1.2 + 20 = 48.2; x 30 + 108 = 1,554.0
    assert staff["fte"].sum() == pytest.approx(48.2 * 30 + 108)
    job_share = staff.set_index("staff_id").loc["L001-T01"]
    assert job_share[["fte", "incumbents", "person_id"]].tolist() == [1.0, 2, "E001T01a;E001T01b"]
    # 600 + 102 support titles, "Director" and "Custodian Engineer": 704 titles loaded as
    # other, one warning each; the 1.2 FTE custodian posts are kept with a warning each (30)
    codes = positions.issues["code"].value_counts()
    assert codes["unmapped_title"] == 704
    assert codes["fte_above_one"] == 30
    assert codes["job_share"] == 2 * 30
    assert codes["non_school"] == 1


def test_position_roster_spans_in_people_and_positions(positions: lm.Roster) -> None:
    roster = lm.infer_links(positions.schools_only())
    spans = lm.span_of_control(roster)
    # 22 filled teaching positions (T01-T22) a school, dealt in turn to the principal and the
    # filled APs. With A2 filled: 8 / 7 / 7 positions, the principal's 8 holding T01's two
    # people: 9. With A2 vacant (every fifth school): 11 / 11, the principal's 11 holding 12
    principal = spans.xs("L001-P", level="leader_id")
    assert principal[["span", "span_positions"]].iloc[0].tolist() == [9, 8]
    principal5 = spans.xs("L005-P", level="leader_id")
    assert principal5[["span", "span_positions"]].iloc[0].tolist() == [12, 11]
    assert int(spans["span"].max()) == 12
    assert int(spans["span_positions"].max()) == 11
    # a vacant AP post leads nobody and nobody's link was drawn from it
    assert spans.loc[("L005", "L005-A2"), ["vacant", "span", "span_positions"]].tolist() == [
        True,
        0,
        0,
    ]


ORGANOGRAM_MAP = {
    "Post Unique Reference": "staff_id",
    "Reports to Senior Post": "reports_to",
    "Job Title": "title",
    "Name": "name",
}


@pytest.fixture(scope="module")
def organogram() -> lm.Roster:
    path = DATA / "organogram" / "organogram.csv"
    return lm.read_reporting_lines(path, column_map=ORGANOGRAM_MAP, strict=False)


def test_organogram_counts(organogram: lm.Roster) -> None:
    staff = organogram.staff.set_index("staff_id")
    # 13 rows, all loaded: S5's two rows into one job-share position; 12 positions
    assert organogram.accounting().loc["staff"].tolist() == [13, 13, 0, 0]
    assert len(staff) == 12
    # one organisation, whatever the Unit column says
    assert organogram.schools["school_id"].tolist() == ["ORG"]
    assert set(staff["unit"]) == {"Office", "Finance", "Policy"}
    # people: S1-S4, S7-S9 one each (7), S5 two, S6 none, J1 13 (12.5 FTE rounded up),
    # J2 4 (its headcount), J3 2: 7 + 2 + 0 + 13 + 4 + 2 = 28
    assert int(staff["incumbents"].sum()) == 28
    assert staff.loc[["J1", "J2", "J3"], "incumbents"].tolist() == [13, 4, 2]
    assert int(staff["vacant"].sum()) == 1  # S6
    # FTE kept = FTE in the file: 8 x 1 (S1-S4, S6-S9) + 0.5 + 0.5 + 12.5 + 3 + 2 = 26.5
    assert staff["fte"].sum() == pytest.approx(8 + 0.5 + 0.5 + 12.5 + 3 + 2)
    # "Principal" here is a civil-service grade, not a school principal
    assert set(staff["role"]) == {"other"}
    issues = organogram.issues
    assert sorted(issues["code"]) == [
        "headcount_estimated",  # J1 (12.5 FTE) and J3 (2 FTE) give no headcount
        "headcount_estimated",
        "id_variant",  # S4 reports to 's2'
        "job_share",
        "job_share",
        "vacancy",
    ]
    # lines from the reports-to column: 11 rows name a post, S5's two as one: 10, S4's refused
    assert organogram.accounting().loc["links_from_staff_columns"].tolist() == [10, 9, 1, 0]


def test_organogram_spans(organogram: lm.Roster) -> None:
    spans = lm.span_of_control(organogram, relation="supervises").loc["ORG"]
    # S2 leads S5 (2 people), S6 (vacant: 0), S7 (1) and J1 (13); S4's line was refused
    assert spans.loc["S2", ["span", "span_positions"]].tolist() == [2 + 0 + 1 + 13, 4]
    # S3 leads S8 and J2 (4): 5 people in 2 positions; S7 leads J3 (2)
    assert spans.loc["S3", ["span", "span_positions"]].tolist() == [5, 2]
    assert spans.loc["S7", ["span", "span_positions"]].tolist() == [2, 1]
    assert int(spans["span"].max()) == 16 and int(spans["span_positions"].max()) == 4
    # below S1: S2, S3 (1 each), S2's 16, S3's 5, S7's J3 (2): 25 people
    assert spans.loc["S1", "span_all"] == 1 + 1 + 16 + 5 + 2
    assert spans["layer"].dropna().to_dict() == {"S1": 0, "S2": 1, "S3": 1, "S7": 2}
    graph = lm.span_of_control(lm.graph_from_roster(organogram), relation="supervises")
    pd.testing.assert_frame_equal(graph.loc["ORG"], spans)


COUNT_MAP = {
    "CAMPUS": "school_id",
    "CAMPNAME": "name",
    "TEACHER FTE": "teacher_fte",
    "ADMIN FTE": "admin_fte",
    "COACH FTE": "coach_fte",
    "ENROLL": "enrollment",
}


def test_state_counts_missing_and_masked_are_never_zero() -> None:
    counts = lm.read_staffing_counts(DATA / "counts" / "campus_counts.csv", column_map=COUNT_MAP)
    # every campus kept, C3 with no data at all among them
    assert counts.accounting().loc["counts"].tolist() == [6, 6, 0, 0]
    # warnings: C2's admin -2 (masked), C3's four '.', C5's enrollment -1 (masked); C6's blank
    # coach cell is missing without a mark, so without a warning: 1 + 4 + 1 = 6
    assert (counts.issues["code"] == "masked_value").sum() == 6
    assert counts.table["masked"].to_dict() == {
        "C1": "", "C2": "admin_fte", "C3": "", "C4": "", "C5": "enrollment", "C6": ""
    }  # fmt: skip
    assert counts.table["DISTRICT"].tolist() == ["D1", "D1", "D1", "D2", "D2", "D2"]
    spans = lm.count_spans(counts)
    # C1: 54 / 2 = 27 per admin, 54 / (2 + 1) = 18 per leader; C5: 30 / 3 = 10 and 30 / 4 = 7.5
    assert spans.loc["C1", ["teachers_per_admin_fte", "teachers_per_leader_fte"]].tolist() == [
        27.0,
        18.0,
    ]
    assert spans.loc["C5", ["teachers_per_admin_fte", "teachers_per_leader_fte"]].tolist() == [
        10.0,
        7.5,
    ]
    # C6: 40 / 2 = 20 per admin; its leader FTE needs the blank coach count: unknown
    assert spans.loc["C6", "teachers_per_admin_fte"] == 20.0
    assert pd.isna(spans.loc["C6", "teachers_per_leader_fte"])
    # only C4 has a known zero administrator FTE; C2's is masked and C3's missing: unknown
    no_admin = spans["no_admin"].astype(object).fillna("unknown").to_dict()
    assert no_admin == {
        "C1": False, "C2": "unknown", "C3": "unknown", "C4": True, "C5": False, "C6": False
    }  # fmt: skip
    assert spans["no_data"].tolist() == [False, False, True, False, False, False]
