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
        ("duplicate_staff_id", "E5"),  # Di Ray and Eve Sol share post E5 (job share)
        ("duplicate_staff_id", "E5"),
        ("id_variant", "E3"),  # E3 reports to 'e2'
        ("post_expanded", "E6"),  # 3 FTE of clerks under E2
        ("several_roots", "-"),  # E1 and X1 are both at the top
        ("vacancy", "E4"),
    ]
    # 9 rows in the file; the two E5 rows are out; E6 is one row of the file
    assert chart.accounting().loc["staff"].tolist() == [9, 7, 2, 0]
    assert chart.staff["staff_id"].tolist() == [
        "E1", "E2", "E3", "E4", "E6", "E6#2", "E6#3", "X1", "X2"
    ]  # fmt: skip
    assert chart.staff.loc[chart.staff["staff_id"] == "E4", "name"].item() == "Vacant"


def test_spans_layers_and_bands_on_the_rest(chart: lm.Roster) -> None:
    spans = lm.span_of_control(chart, relation="supervises").loc["ORG"]
    assert spans["span"].to_dict() == {"E1": 1, "E2": 4, "X1": 1}  # E2: E4 + 3 clerk positions
    # E1 -> E2 -> {E4, E6, E6#2, E6#3}: 5 below; E3's line to 'e2' was rejected
    assert spans["span_all"].to_dict() == {"E1": 5, "E2": 4, "X1": 1}
    assert spans.loc["E2", "span_fte"] == 1.0 + 3 * 1.0
    assert spans["layer"].to_dict() == {"E1": 0, "E2": 1, "X1": 0}
    assert spans["span_band"].astype(str).to_dict() == {"E1": "1-2", "E2": "3-5", "X1": "1-2"}
    graph = lm.span_of_control(lm.graph_from_roster(chart), relation="supervises")
    pd.testing.assert_frame_equal(graph.loc["ORG"], spans)


def test_titles_outside_the_catalogue_become_other_and_school_titles_still_resolve() -> None:
    chart = pd.DataFrame(
        {
            "staff_id": ["A", "B", "C"],
            "reports_to": [None, "A", "B"],
            "title": ["Chief Nursing Officer", "Principal", "Ward Nurse"],
        }
    )
    roster = lm.read_reporting_lines(chart)
    assert roster.staff["role"].tolist() == ["other", "principal", "other"]
    assert roster.staff["title"].tolist() == ["Chief Nursing Officer", "Principal", "Ward Nurse"]
    # B is a principal, so layers count from B in this unit: A is above the principal
    spans = lm.span_of_control(roster, relation="supervises").loc["ORG"]
    assert spans.loc["B", "layer"] == 0 and pd.isna(spans.loc["A", "layer"])


def test_fte_count_posts_split_equally_and_headcount_overrides() -> None:
    chart = pd.DataFrame(
        {
            "staff_id": ["M", "CLERKS", "AIDES"],
            "reports_to": [None, "M", "M"],
            "fte": ["1", "2.5", "2"],
            "headcount": [None, None, "4"],
            "unit": ["Finance", "Finance", "Finance"],
        }
    )
    roster = lm.read_reporting_lines(chart)
    staff = roster.staff.set_index("staff_id")
    # 2.5 FTE with no headcount: ceil(2.5) = 3 positions of 2.5 / 3; 2 FTE over 4 people: 0.5
    assert staff.loc[["CLERKS", "CLERKS#2", "CLERKS#3"], "fte"].tolist() == [2.5 / 3] * 3
    assert staff.loc[["AIDES", "AIDES#2", "AIDES#3", "AIDES#4"], "fte"].tolist() == [0.5] * 4
    assert set(staff["school_id"]) == {"Finance"}
    spans = lm.span_of_control(roster, relation="supervises")
    assert spans.loc[("Finance", "M"), "span"] == 3 + 4
    assert spans.loc[("Finance", "M"), "span_fte"] == pytest.approx(2.5 + 2.0)


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


def test_absurd_post_sizes_are_reported_not_expanded() -> None:
    chart = pd.DataFrame(
        {"staff_id": ["M", "P", "Q"], "reports_to": [None, "M", "M"], "fte": ["1", "1e20", "inf"]}
    )
    roster = lm.read_reporting_lines(chart, strict=False)
    huge = roster.issues[roster.issues["code"] == "invalid_value"]
    assert huge["row"].tolist() == [2]  # more than MAX_POSITIONS people
    infinite = roster.issues[roster.issues["code"] == "not_a_number"]
    assert infinite["row"].tolist() == [3]  # "inf" is no FTE at all
    assert roster.staff["staff_id"].tolist() == ["M"]
    assert roster.accounting().loc["staff"].tolist() == [3, 1, 2, 0]


def test_expanded_ids_that_clash_with_real_ids_are_an_error() -> None:
    chart = pd.DataFrame(
        {"staff_id": ["M", "P", "P#2"], "reports_to": [None, "M", "M"], "headcount": [1, 2, 1]}
    )
    with pytest.raises(lm.RosterError, match=r"already used: P#2"):
        lm.read_reporting_lines(chart)
