"""Generic reporting-line files: any organisation's "id, reports to, title, FTE" export."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import leadmodel as lm

CHART = Path(__file__).parent / "data" / "orgchart" / "reporting_lines.csv"
MAP = {"Employee ID": "staff_id", "Job Title": "title", "Employee Name": "name"}


@pytest.fixture(scope="module")
def chart() -> lm.Roster:
    return lm.read_reporting_lines(CHART, column_map=MAP, strict=False)


def test_two_roots_case_variant_job_share_and_vacancy_each_reported(chart: lm.Roster) -> None:
    issues = chart.issues
    assert sorted(zip(issues["code"], issues["staff_id"].fillna("-"), strict=True)) == [
        ("headcount_estimated", "E6"),  # 3 FTE of clerks under E2, no headcount: 3 people
        ("id_variant", "E3"),  # E3 reports to 'e2'
        ("job_share", "E5"),  # Di Ray and Eve Sol share post E5
        ("job_share", "E5"),
        ("several_roots", "-"),  # E1 and X1 are both at the top
        ("vacancy", "E4"),
    ]
    assert "ORG (2): E1, X1" in issues.loc[issues["code"] == "several_roots", "value"].item()
    # 9 rows in the file, all loaded: the two E5 rows into one position; E6 is one row, a group
    assert chart.accounting().loc["staff"].tolist() == [9, 9, 0, 0]
    staff = chart.staff.set_index("staff_id")
    assert staff.index.tolist() == ["E1", "E2", "E3", "E4", "E5", "E6", "X1", "X2"]
    assert staff.loc["E5", ["name", "fte", "incumbents"]].tolist() == ["Di Ray; Eve Sol", 1.0, 2]
    assert staff.loc["E4", ["vacant", "incumbents"]].tolist() == [True, 0]
    assert staff.loc["E6", ["fte", "incumbents"]].tolist() == [3.0, 3]
    # FTE kept = FTE in the file: 1 + 1 + 1 + 1 + 0.5 + 0.5 + 3 + 1 + 1 = 10
    assert staff["fte"].sum() == 10.0
    assert set(staff["role"]) == {"other"}  # a generic organisation: no school roles


def test_spans_in_people_and_positions(chart: lm.Roster) -> None:
    spans = lm.span_of_control(chart, relation="supervises").loc["ORG"]
    # E2 leads E4 (vacant: 0 people), E5 (a job share: 2) and E6 (a group: 3); E3's line to
    # 'e2' was rejected. People: 0 + 2 + 3 = 5; positions: 3; FTE of the filled ones: 1 + 3
    assert spans["span"].to_dict() == {"E1": 1, "E2": 5, "X1": 1}
    assert spans["span_positions"].to_dict() == {"E1": 1, "E2": 3, "X1": 1}
    assert spans.loc["E2", "span_fte"] == 1.0 + 3.0
    # E1 -> E2 (1 person) -> 5 people: 6 below E1
    assert spans["span_all"].to_dict() == {"E1": 6, "E2": 5, "X1": 1}
    assert spans["layer"].to_dict() == {"E1": 0, "E2": 1, "X1": 0}
    assert spans["span_band"].astype(str).to_dict() == {"E1": "1-2", "E2": "3-5", "X1": "1-2"}
    graph = lm.span_of_control(lm.graph_from_roster(chart), relation="supervises")
    pd.testing.assert_frame_equal(graph.loc["ORG"], spans)


def test_a_vacant_manager_leads_nobody_but_keeps_its_positions() -> None:
    chart = pd.DataFrame(
        {
            "staff_id": ["HEAD", "MGR", "A", "B"],
            "reports_to": ["XX", "HEAD", "MGR", "MGR"],
            "name": ["Ann", "Vacant", "Bo", "Cy"],
        }
    )
    spans = lm.span_of_control(lm.read_reporting_lines(chart), relation="supervises").loc["ORG"]
    # MGR is vacant: 0 people led, 2 positions; HEAD leads MGR, a post nobody holds: 0 people
    assert spans.loc["MGR", ["vacant", "span", "span_positions"]].tolist() == [True, 0, 2]
    assert spans.loc["HEAD", ["span", "span_positions", "span_all"]].tolist() == [0, 1, 0]


def test_tops_of_the_chart_in_their_common_forms() -> None:
    chart = pd.DataFrame(
        {
            "staff_id": ["A", "B", "C", "D", "E"],
            "reports_to": ["XX", "B", None, "A", "ROOT"],
        }
    )
    # XX (a mark), a post reporting to itself, a blank, and a custom mark: four tops, no error
    roster = lm.read_reporting_lines(chart, top_marks=("XX", "root"))
    assert roster.issues.empty  # A is the only top that leads anyone: one root
    assert roster.links[["leader_id", "staff_id"]].values.tolist() == [["A", "D"]]
    assert roster.accounting().loc["staff"].tolist() == [5, 5, 0, 0]
    # with E reporting to "ROOT" as an id (no custom mark), E's line names no post
    marked = lm.read_reporting_lines(chart, strict=False)
    assert marked.issues["code"].tolist() == ["unknown_staff"]


def test_a_post_whose_id_is_a_top_mark_is_still_a_manager() -> None:
    """Posts numbered from 0: "0" is a default top mark, but here it is post 0's id, so the
    two lines to it are lines, not tops (they were dropped with no issue): 3 links."""
    chart = pd.DataFrame({"staff_id": ["0", "1", "2", "3"], "reports_to": ["", "0", "0", "1"]})
    roster = lm.read_reporting_lines(chart)
    assert roster.links[["leader_id", "staff_id"]].values.tolist() == [
        ["0", "1"],
        ["0", "2"],
        ["1", "3"],
    ]
    assert roster.issues.empty
    assert roster.accounting().loc["links_from_staff_columns"].tolist() == [3, 3, 0, 0]


def test_unit_is_an_attribute_and_organisation_the_key() -> None:
    chart = pd.DataFrame(
        {
            "staff_id": ["CEO", "FD", "HR"],
            "reports_to": [None, "CEO", "CEO"],
            "unit": ["Board", "Finance", "People"],
        }
    )
    roster = lm.read_reporting_lines(chart, organisation="Dept of X")
    # one organisation: lines across units are kept; unit stays a column
    assert set(roster.schools["school_id"]) == {"Dept of X"}
    assert roster.staff["unit"].tolist() == ["Board", "Finance", "People"]
    spans = lm.span_of_control(roster, relation="supervises")
    assert spans.loc[("Dept of X", "CEO"), "span"] == 2
    # mapping unit to organisation splits on purpose: lines across organisations are refused
    mapped = lm.read_reporting_lines(chart, column_map={"unit": "organisation"}, strict=False)
    assert set(mapped.schools["school_id"]) == {"Board", "Finance", "People"}
    assert mapped.issues["code"].tolist() == ["cross_school_link", "cross_school_link"]


def test_titles_outside_the_catalogue_become_other_and_school_titles_still_resolve() -> None:
    chart = pd.DataFrame(
        {
            "staff_id": ["A", "B", "C"],
            "reports_to": [None, "A", "B"],
            "title": ["Chief Nursing Officer", "Principal", "Ward Nurse"],
        }
    )
    # a generic organisation (the default): a civil-service grade "Principal" is no school role
    generic = lm.read_reporting_lines(chart)
    assert generic.staff["role"].tolist() == ["other", "other", "other"]
    spans = lm.span_of_control(generic, relation="supervises").loc["ORG"]
    assert spans["layer"].to_dict() == {"A": 0, "B": 1}  # layers from the top of the chart
    # a school's chart: titles resolve through the catalogue
    roster = lm.read_reporting_lines(chart, domain="school")
    assert roster.staff["role"].tolist() == ["other", "principal", "other"]
    assert roster.staff["title"].tolist() == ["Chief Nursing Officer", "Principal", "Ward Nurse"]
    # B is a principal, so layers count from B in this unit: A is above the principal
    spans = lm.span_of_control(roster, relation="supervises").loc["ORG"]
    assert spans.loc["B", "layer"] == 0 and pd.isna(spans.loc["A", "layer"])
    # in a generic chart a role_map still names a role
    named = lm.read_reporting_lines(chart, role_map={"ward nurse": "specialist"})
    assert named.staff["role"].tolist() == ["other", "other", "specialist"]


def test_groups_of_junior_staff_are_counted_leaves_never_expanded() -> None:
    chart = pd.DataFrame(
        {
            "staff_id": ["M", "CLERKS", "AIDES", "BIG"],
            "reports_to": [None, "M", "M", "M"],
            "fte": ["1", "2.5", "2", "25000"],
            "headcount": [None, None, "4", None],
            "unit": ["Finance", "Finance", "Finance", "Finance"],
        }
    )
    roster = lm.read_reporting_lines(chart, strict=False)
    staff = roster.staff.set_index("staff_id")
    # one row each: 2.5 FTE with no headcount is 3 people (rounded up, a warning); 2 FTE of 4;
    # a group of 25,000 is kept whole: nothing capped, nothing dropped
    assert staff.loc[["CLERKS", "AIDES", "BIG"], "incumbents"].tolist() == [3, 4, 25000]
    assert staff["fte"].sum() == 1 + 2.5 + 2 + 25000  # FTE kept = FTE in the file
    codes = roster.issues["code"].tolist()
    assert codes.count("headcount_estimated") == 2  # CLERKS and BIG
    spans = lm.span_of_control(roster, relation="supervises")
    assert spans.loc[("ORG", "M"), "span"] == 3 + 4 + 25000
    assert spans.loc[("ORG", "M"), "span_positions"] == 3
    assert spans.loc[("ORG", "M"), "span_fte"] == pytest.approx(2.5 + 2.0 + 25000)


def test_bad_headcount_is_reported_and_the_row_counted_as_rejected() -> None:
    chart = pd.DataFrame(
        {
            "staff_id": ["M", "P", "Q"],
            "reports_to": [None, "M", "M"],
            "headcount": ["1", "2.5", "x"],
        }
    )
    roster = lm.read_reporting_lines(chart, strict=False)
    bad = roster.issues[roster.issues["field"] == "headcount"]
    assert bad[["row", "code", "value"]].values.tolist() == [
        [2, "invalid_value", "2.5"],
        [3, "invalid_value", "x"],
    ]
    assert roster.accounting().loc["staff"].tolist() == [3, 1, 2, 0]
    with pytest.raises(lm.RosterError, match="headcount"):
        lm.read_reporting_lines(chart)


def test_column_map_onto_an_unknown_column_is_refused() -> None:
    with pytest.raises(lm.DefinitionError, match="reports_to"):
        lm.read_reporting_lines(pd.DataFrame({"a": ["1"]}), column_map={"a": "boss"})


def test_absurd_group_sizes_are_reported() -> None:
    chart = pd.DataFrame(
        {"staff_id": ["M", "P", "Q"], "reports_to": [None, "M", "M"], "fte": ["1", "1e20", "inf"]}
    )
    roster = lm.read_reporting_lines(chart, strict=False)
    huge = roster.issues[roster.issues["code"] == "invalid_value"]
    assert huge["row"].tolist() == [2]  # more than MAX_GROUP people: a typo, not a group
    infinite = roster.issues[roster.issues["code"] == "not_a_number"]
    assert infinite["row"].tolist() == [3]  # "inf" is no FTE at all
    assert roster.staff["staff_id"].tolist() == ["M"]
    assert roster.accounting().loc["staff"].tolist() == [3, 1, 2, 0]


def test_untitled_posts_load() -> None:
    chart = pd.DataFrame(
        {
            "staff_id": ["A", "B", "C"],
            "reports_to": ["XX", "A", "A"],
            "title": ["Head", "N/A", None],
        }
    )
    roster = lm.read_reporting_lines(chart)
    # only the id is required: a post with no title (or the N/A placeholder) is an 'other' post
    assert roster.staff["role"].tolist() == ["other", "other", "other"]
    assert roster.accounting().loc["staff"].tolist() == [3, 3, 0, 0]
