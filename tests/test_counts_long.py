"""Long-format staffing counts (issue 18, item 5): one row per unit, staff category and FTE.

The fixture ``tests/data/federal/ccd_lea_staff_long.csv`` is shaped like the NCES CCD LEA staff
file (``LEAID``, ``LEA_NAME``, ``STAFF``, ``STAFF_COUNT``, a total indicator, a data flag):
24 rows, one of them blank, for five districts. Every expected figure below is worked out by
hand from that file.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import leadmodel as lm

FILE = Path(__file__).parent / "data" / "federal" / "ccd_lea_staff_long.csv"


@pytest.fixture(scope="module")
def counts() -> lm.StaffingCounts:
    return lm.read_staffing_counts_long(FILE, column_map=lm.NCES_CCD_LEA_COLUMNS, strict=False)


def _codes(counts: lm.StaffingCounts) -> list[tuple[int | None, str]]:
    issues = counts.issues  # in the issues table's order: file-level first, then by row
    pairs = zip(issues["row"], issues["code"], strict=True)
    return [(None if pd.isna(r) else int(r), c) for r, c in pairs]


def test_rows_in_are_rows_loaded_plus_rejected_plus_blank(counts: lm.StaffingCounts) -> None:
    # 24 data rows: Adams 10, Baker 5, Cole 4, Dunn 2, a blank row, Ewing 2.
    # Rejected: Cole's two "School Administrators" rows (a repeat) and Dunn's "abc": 3.
    # Loaded: 24 - 3 rejected - 1 blank = 20.
    assert counts.accounting().loc["counts"].tolist() == [24, 20, 3, 1]
    # One row per district with a row loaded: 5 (the blank row is no district).
    assert list(counts.table.index) == ["0100001", "0100002", "0100003", "0100004", "0100006"]


def test_each_count_is_the_sum_of_its_parts_or_unknown(counts: lm.StaffingCounts) -> None:
    t = counts.table
    # Adams: 120.5 + 98.25 + 14 = 232.75 teacher FTE (the total row says the same)
    assert t.loc["0100001", "teacher_fte"] == 232.75
    assert t.loc["0100001", "admin_fte"] == 11
    assert t.loc["0100001", "aide_fte"] == 40
    assert t.loc["0100001", "instructional_coordinator_fte"] == 3  # not coach_fte
    assert t.loc["0100001", "counselor_fte"] == 5 + 6  # the 11 of the total row, counted once
    # Baker: a masked part (-2) makes the parts unknown; the total row (110) gives the count
    assert t.loc["0100002", "teacher_fte"] == 110
    assert pd.isna(t.loc["0100002", "admin_fte"])  # "." is no data: unknown, not zero
    assert t.loc["0100002", "unmapped:School Nurses"] == 2
    # Cole: the parts (30) win over a total that disagrees (31); both admin rows repeat
    assert t.loc["0100003", "teacher_fte"] == 30
    assert pd.isna(t.loc["0100003", "admin_fte"])
    # Dunn: its only teacher row is rejected ("abc"), so its teacher count is unknown
    assert pd.isna(t.loc["0100004", "teacher_fte"])
    assert t.loc["0100004", "admin_fte"] == 1.5
    # Ewing: the total is masked (-1): unknown and masked; a known zero administrator count
    assert pd.isna(t.loc["0100006", "teacher_fte"])
    assert t.loc["0100006", "admin_fte"] == 0
    assert t["masked"].tolist() == ["", "", "", "", "teacher_fte"]
    assert "coach_fte" not in t  # no category of the file maps to it: no column, not zeros


def test_fte_kept_is_the_fte_the_file_gives_for_known_counts(counts: lm.StaffingCounts) -> None:
    fte_columns = [c for c in counts.table.columns if c.endswith("_fte") or ":" in c]
    kept = float(counts.table[fte_columns].sum().sum())
    # Adams: every part row, 120.5 + 98.25 + 14 + 11 + 40 + 3 + 5 + 6 = 297.75 (totals agree);
    # Baker: the teacher total 110 (its parts are unknown) + 2 nurses = 112;
    # Cole: 30 (its total 31 is reported, its admin rows rejected); Dunn: 1.5; Ewing: 0.
    assert kept == pytest.approx(297.75 + 112 + 30 + 1.5 + 0)


def test_every_problem_is_reported_once_with_its_row(counts: lm.StaffingCounts) -> None:
    assert _codes(counts) == [
        (None, "conflicting_value"),  # DMS_FLAG differs between one district's rows
        (None, "conflicting_value"),  # so does TOTAL_INDICATOR
        (12, "masked_value"),  # Baker's secondary teachers -2
        (14, "masked_value"),  # Baker's administrators "."
        (15, "unmapped_category"),  # School Nurses, once
        (17, "conflicting_value"),  # Cole's total 31 against parts of 30
        (18, "duplicate_category"),
        (19, "duplicate_category"),
        (20, "wrong_type"),  # Dunn's "abc"
        (22, "blank_row"),
        (23, "masked_value"),  # Ewing's total -1
    ]
    unmapped = counts.issues.set_index("code").loc["unmapped_category"]
    assert "1 row(s) (rows 15; 2 FTE given)" in unmapped["message"]
    assert "category_map=" in unmapped["fix"]


def test_columns_the_same_on_every_row_of_a_district_are_kept(counts: lm.StaffingCounts) -> None:
    t = counts.table
    assert t.loc["0100001", "name"] == "Adams County"
    assert set(t["SCHOOL_YEAR"]) == {"2023-2024"} and set(t["ST"]) == {"AL"}
    assert "TOTAL_INDICATOR" not in t and "DMS_FLAG" not in t


def test_strict_mode_raises_with_every_error(tmp_path: Path) -> None:
    with pytest.raises(lm.RosterError) as err:
        lm.read_staffing_counts_long(FILE, column_map=lm.NCES_CCD_LEA_COLUMNS)
    errors = err.value.issues[err.value.issues["severity"] == "error"]
    assert sorted(errors["row"].tolist()) == [18, 19, 20]


def test_count_spans_work_on_long_counts(counts: lm.StaffingCounts) -> None:
    spans = lm.count_spans(counts)
    assert spans.loc["0100001", "teachers_per_admin_fte"] == pytest.approx(232.75 / 11)
    assert pd.isna(spans.loc["0100002", "teachers_per_admin_fte"])  # admin unknown
    assert pd.isna(spans.loc["0100006", "no_admin"])  # teachers unknown: not "no admin"


def test_a_state_file_with_its_own_category_map() -> None:
    state = pd.DataFrame(
        {
            "Campus": ["101", "101", "101", "101", "102", "102"],
            "Role": ["Teacher", "Principal", "Assistant Principal", "Coach", "Teacher", "Clerk"],
            "FTE": ["40", "1", "2", "1.5", "12", "1"],
        }
    )
    counts = lm.read_staffing_counts_long(
        state,
        column_map={"Campus": "school_id", "Role": "category", "FTE": "fte"},
        category_map={
            "Teacher": "teacher_fte",
            "Principal": "admin_fte",
            "Assistant Principal": "admin_fte",
            "coach": "coach_fte",  # categories match without regard to case
        },
        strict=False,
    )
    t = counts.table
    assert t.loc["101", ["teacher_fte", "admin_fte", "coach_fte"]].tolist() == [40, 3, 1.5]
    # 102 has no administrator or coach row: unknown there, never zero
    assert t.loc["102", ["admin_fte", "coach_fte"]].isna().all()
    assert t.loc["102", "unmapped:Clerk"] == 1
    # the federal totals do not apply to a map given: "Teachers" would be unmapped
    assert counts.issues["code"].tolist() == ["unmapped_category"]
    assert lm.count_spans(counts).loc["101", "teachers_per_leader_fte"] == 40 / 4.5


def test_no_teacher_category_is_refused() -> None:
    frame = pd.DataFrame({"school_id": ["A"], "category": ["Nurses"], "fte": ["1"]})
    with pytest.raises(lm.RosterError) as err:
        lm.read_staffing_counts_long(frame, strict=False)
    assert "missing_column" in set(err.value.issues["code"])
    assert "Nurses" in err.value.issues["message"].str.cat()


def test_school_ids_spelled_two_ways_are_errors() -> None:
    frame = pd.DataFrame(
        {
            "school_id": ["A1", "a1", "B"],
            "category": ["Teachers", "School Administrators", "Teachers"],
            "fte": ["10", "1", "5"],
        }
    )
    counts = lm.read_staffing_counts_long(frame, strict=False)
    assert counts.issues["code"].tolist() == ["id_variant", "id_variant"]
    assert list(counts.table.index) == ["B"]


@pytest.mark.parametrize(
    ("category_map", "totals"),
    [
        ({"Teachers": "school_id"}, None),
        ({"Teachers": "_x"}, None),
        ({"Teachers": 1}, None),
        ({"Teachers": "teacher_fte", "TEACHERS": "admin_fte"}, None),
        ({"Teachers": "teacher_fte"}, {"teachers": "teacher_fte"}),
        (["Teachers"], None),
    ],
)
def test_malformed_maps_are_definition_errors(category_map: object, totals: object) -> None:
    frame = pd.DataFrame({"school_id": ["A"], "category": ["Teachers"], "fte": ["1"]})
    with pytest.raises(lm.DefinitionError):
        lm.read_staffing_counts_long(frame, category_map=category_map, totals=totals)  # type: ignore[arg-type]


def test_categories_in_any_script_are_told_apart() -> None:
    """Two Cyrillic categories of one campus are two categories (they shared one empty key, so
    both rows were rejected as a repeated category and a map of them was refused)."""
    rows = pd.DataFrame(
        {"school_id": ["A", "A"], "category": ["Учителя", "Администраторы"], "fte": ["20", "2"]}
    )
    counts = lm.read_staffing_counts_long(
        rows, category_map={"Учителя": "teacher_fte", "Администраторы": "admin_fte"}
    )
    assert counts.table.loc["A", ["teacher_fte", "admin_fte"]].tolist() == [20.0, 2.0]
    assert counts.issues.empty


def test_sums_lose_float_noise_but_small_values_keep_their_digits() -> None:
    """0.1 + 0.2 is 0.30000000000000004 in floats and 0.3 as stated; an FTE of 4e-10 stays
    4e-10 (rounding to 9 decimals made it 0 without a word)."""
    rows = pd.DataFrame(
        {
            "school_id": "A",
            "category": ["Elementary Teachers", "Secondary Teachers", "School Administrators"],
            "fte": ["0.1", "0.2", "0.0000000004"],
        }
    )
    counts = lm.read_staffing_counts_long(
        rows,
        category_map={
            "Elementary Teachers": "teacher_fte",
            "Secondary Teachers": "teacher_fte",
            "School Administrators": "admin_fte",
        },
    )
    assert counts.table.loc["A", ["teacher_fte", "admin_fte"]].tolist() == [0.3, 4e-10]


def test_an_unmapped_category_warning_counts_only_the_rows_kept() -> None:
    """Nurses twice at A (both rows left out: which count is right cannot be told) and once
    at B (3 FTE): the warning gives B's row alone, and at A the column is unknown."""
    rows = pd.DataFrame(
        {
            "school_id": ["A", "A", "A", "B", "B"],
            "category": ["Nurses", "Nurses", "Teachers", "Nurses", "Teachers"],
            "fte": ["1", "2", "20", "3", "10"],
        }
    )
    counts = lm.read_staffing_counts_long(rows, strict=False)
    warning = counts.issues[counts.issues["code"] == "unmapped_category"].iloc[0]
    assert warning["row"] == 4
    assert "its 1 row(s) (rows 4; 3 FTE given) are kept" in warning["message"]
    nurses = counts.table["unmapped:Nurses"]
    assert pd.isna(nurses["A"]) and nurses["B"] == 3.0
