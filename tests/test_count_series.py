"""Count files across years (count_trends), worked by hand on a small state of two districts.

2005: D1 has Oak (C1: 40 teachers, 2 administrators), Elm (C2: 20, none) and its central
office (D1-CO: 3 administrators); D2 has Ash (C3: 30 teachers, administrators masked), Fir
(C4: 10, 1) and its office (D2-CO: 1).
2010: Elm is reported under a new id, C7 (22, 1); Fir moved to D1 (12, 1); Oak 44, 3; Ash 30, 2;
D1-CO 4, D2-CO 1.
2015: D2 is renamed D9 (Ash and its office); Oak 45, 3; Elm (C7) 22, 1; Fir 12, none; Ash 31, 2;
D1-CO 4, D2-CO 1.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import leadmodel as lm

DATES = ("2005-10-28", "2010-10-29", "2015-10-30")
CENTRAL = ["D1-CO", "D2-CO"]
_ROWS = {
    DATES[0]: [
        ("C1", "D1", "Oak", "40", "2"),
        ("C2", "D1", "Elm", "20", "0"),
        ("C3", "D2", "Ash", "30", "*"),
        ("C4", "D2", "Fir", "10", "1"),
        ("D1-CO", "D1", "D1 office", "0", "3"),
        ("D2-CO", "D2", "D2 office", "0", "1"),
    ],
    DATES[1]: [
        ("C1", "D1", "Oak", "44", "3"),
        ("C7", "D1", "Elm", "22", "1"),
        ("C3", "D2", "Ash", "30", "2"),
        ("C4", "D1", "Fir", "12", "1"),
        ("D1-CO", "D1", "D1 office", "0", "4"),
        ("D2-CO", "D2", "D2 office", "0", "1"),
    ],
    DATES[2]: [
        ("C1", "D1", "Oak", "45", "3"),
        ("C7", "D1", "Elm", "22", "1"),
        ("C3", "D9", "Ash", "31", "2"),
        ("C4", "D1", "Fir", "12", "0"),
        ("D1-CO", "D1", "D1 office", "0", "4"),
        ("D2-CO", "D9", "D2 office", "0", "1"),
    ],
}


def _files() -> dict[str, lm.StaffingCounts]:
    columns = ["school_id", "district_id", "name", "teacher_fte", "admin_fte"]
    return {
        day: lm.read_staffing_counts(pd.DataFrame(rows, columns=columns), strict=False)
        for day, rows in _ROWS.items()
    }


@pytest.fixture(scope="module")
def found() -> lm.CountTrends:
    return lm.count_trends(_files(), district="district_id", central=CENTRAL)


def test_teachers_per_administrator_by_hand(found: lm.CountTrends) -> None:
    total = found.total.set_index(found.total["snapshot"].dt.strftime("%Y-%m-%d"))
    # 2005: Ash's administrators are masked, so Oak, Elm and Fir count: (40+20+10)/(2+0+1)
    # 2010: (44+22+30+12)/(3+1+2+1) = 108/7; 2015: (45+22+31+12)/(3+1+2+0) = 110/6
    assert total["campuses"].tolist() == [4, 4, 4]  # the offices are not campuses
    assert total["campuses_counted"].tolist() == [3, 4, 4]
    assert total["teachers_per_admin_fte"].tolist() == pytest.approx([70 / 3, 108 / 7, 110 / 6])
    change = found.changes[
        (found.changes["level"] == "all") & (found.changes["metric"] == "teachers_per_admin_fte")
    ]
    assert change["change"].tolist() == pytest.approx([108 / 7 - 70 / 3, 110 / 6 - 108 / 7])


def test_share_of_campuses_with_no_administrator(found: lm.CountTrends) -> None:
    total = found.total
    # 2005: Elm of the 3 campuses whose administrators are known (Ash's are masked: unknown,
    # not zero); 2010: none of 4; 2015: Fir of 4
    assert total["campuses_admin_known"].tolist() == [3, 4, 4]
    assert total["no_admin_share"].tolist() == pytest.approx([1 / 3, 0.0, 1 / 4])


def test_central_office_share(found: lm.CountTrends) -> None:
    # 2005: offices 3 + 1 = 4 against campus administrators 2 + 0 + 1 = 3 (Ash unknown): 4/7
    # 2010: 4 + 1 = 5 against 3 + 1 + 2 + 1 = 7: 5/12; 2015: 5 against 3 + 1 + 2 + 0: 5/11
    assert found.total["central_admin_fte"].tolist() == [4.0, 5.0, 5.0]
    assert found.total["central_office_share"].tolist() == pytest.approx([4 / 7, 5 / 12, 5 / 11])
    d2005 = found.districts[found.districts["snapshot"] == pd.Timestamp(DATES[0])]
    d2005 = d2005.set_index("district_id")
    # D1: (40+20)/2 = 30, Elm of 2 with no administrator, office 3/(3+2); D2: Fir 10/1,
    # office 1/(1+1)
    assert d2005["teachers_per_admin_fte"].tolist() == [30.0, 10.0]
    assert d2005["no_admin_share"].tolist() == [0.5, 0.0]
    assert d2005["central_office_share"].tolist() == [0.6, 0.5]


def test_changed_campus_and_district_ids_are_reported(found: lm.CountTrends) -> None:
    issues = found.issues[found.issues["code"] != "masked_value"]
    assert issues[["snapshot", "code", "field", "value"]].values.tolist() == [
        ["2010-10-29", "district_changed", "district_id", "D1"],  # Fir: D2 -> D1
        ["2010-10-29", "possible_id_change", "school_id", "C2"],  # Elm: C2 -> C7
        ["2015-10-30", "possible_id_change", "district_id", "D2"],  # D2 -> D9
    ]
    assert "all its 2 campuses are in 'D9'" in issues["message"].iloc[2]
    # the masked count is the reader's warning, dated
    masked = found.issues[found.issues["code"] == "masked_value"]
    assert masked[["snapshot", "value"]].values.tolist() == [["2005-10-28", "*"]]
    ids = found.ids[found.ids["from_date"] == pd.Timestamp(DATES[0])].set_index("school_id")
    assert ids.loc["C2", "status"] == "only_before"
    assert ids.loc["C7", "status"] == "only_after"
    assert ids.loc["C4", ["district_before", "district_after"]].tolist() == ["D2", "D1"]


def test_declared_id_changes_match_them() -> None:
    found = lm.count_trends(
        _files(),
        district="district_id",
        central=CENTRAL,
        id_changes={"school": {"C2": "C7"}, "district": {"D2": "D9"}},
    )
    codes = found.issues["code"].tolist()
    assert codes == ["masked_value", "district_changed"]
    ids = found.ids[found.ids["from_date"] == pd.Timestamp(DATES[0])].set_index("school_id")
    assert ids.loc["C7", "status"] == "in_both"
    assert "C2" not in ids.index
    # D9 (D2 as matched) follows Ash: 2005 30 teachers, administrators masked -> only Fir
    d9 = found.districts[found.districts["district_id"] == "D9"]
    assert d9["teachers_per_admin_fte"].tolist() == pytest.approx([10.0, 15.0, 15.5])
    assert found.campuses["school_id_as_given"].isin(["C2"]).any()


def test_a_federal_lea_file_gives_the_central_share() -> None:
    """The NCES LEA staff file: one row per district, "LEA Administrators" are central."""

    def year(lea: str, school: str) -> lm.StaffingCounts:
        long = pd.DataFrame(
            {
                "school_id": ["L1"] * 3,
                "category": ["Teachers", "School Administrators", "LEA Administrators"],
                "fte": ["100", school, lea],
            }
        )
        return lm.read_staffing_counts_long(long)

    found = lm.count_trends({"2012-10-01": year("5", "10"), "2022-10-01": year("9", "9")})
    # 5/(5+10) then 9/(9+9)
    assert found.total["central_office_share"].tolist() == pytest.approx([1 / 3, 0.5])
    change = found.changes.set_index("metric").loc["central_office_share", "change"]
    assert change == pytest.approx(0.5 - 1 / 3)


def test_no_central_figure_is_unknown_not_zero() -> None:
    found = lm.count_trends({DATES[0]: pd.DataFrame({"school_id": ["A"], "teacher_fte": [9]})})
    assert found.total["central_office_share"].isna().all()
    assert found.total["teachers_per_admin_fte"].isna().all()
    assert found.changes.empty and found.ids.empty


def test_bad_arguments() -> None:
    with pytest.raises(lm.DefinitionError, match="no column 'region'"):
        lm.count_trends(_files(), district="region")
    with pytest.raises(lm.DefinitionError, match="id_changes"):
        lm.count_trends(_files(), id_changes={"campus": {"A": "B"}})
    with pytest.raises(lm.DefinitionError, match="two campuses of the file of 2005-10-28 one: C3"):
        lm.count_trends(_files(), id_changes={"school": {"C1": "C3"}})
    with pytest.raises(lm.DefinitionError, match="not a date"):
        lm.count_trends({"2014-15": _files()[DATES[0]]})


def test_the_tables_export(found: lm.CountTrends, tmp_path: Path) -> None:
    written = lm.export_tables(found.tables(), tmp_path / "state", format="parquet")
    assert len(written) == 7  # six tables and the manifest


def test_campuses_without_a_district_are_a_district_of_their_own() -> None:
    counts = pd.DataFrame(
        {
            "school_id": ["A", "B"],
            "district_id": ["D", None],
            "teacher_fte": [30, 12],
            "admin_fte": [2, 1],
        }
    )
    found = lm.count_trends({"2005-10-01": counts, "2006-10-01": counts}, district="district_id")
    ratio = found.changes[found.changes["metric"] == "teachers_per_admin_fte"]
    # the whole (42/3 = 14), D (30/2 = 15), and the campus with no district (12/1)
    assert ratio["level"].tolist() == ["all", "district", "district"]
    assert ratio["district_id"].isna().tolist() == [True, False, True]
    assert ratio["district_id"].iloc[1] == "D"
    assert ratio["before"].tolist() == [14.0, 15.0, 12.0]
    assert ratio["change"].tolist() == [0.0, 0.0, 0.0]
