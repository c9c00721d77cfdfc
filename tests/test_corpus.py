"""The messy-input corpus: every file gives exactly its expected reason codes, and the row
accounting adds up. Files are in tests/data/messy (all synthetic)."""

from __future__ import annotations

from pathlib import Path

import pytest

import leadmodel as lm

DATA = Path(__file__).parent / "data" / "messy"

# file -> (reason codes expected, staff accounting [in, loaded, rejected, blank] or None if the
# file cannot be loaded at all); worked out line by line from each file
CORPUS = {
    "bom_semicolon.csv": (set(), [2, 2, 0, 0]),  # BOM and ';' with a comma inside a name: fine
    # Windows-1252 names decode, with a warning naming the encoding that was guessed
    "latin1.csv": ({"encoding_guessed"}, [2, 2, 0, 0]),
    "empty.csv": ({"empty_file", "missing_column"}, None),
    "header_only.csv": ({"empty_file"}, None),
    "ragged.csv": ({"ragged_row"}, [3, 1, 2, 0]),  # 5 fields, then 2, where the header has 3
    # A and B supervise each other (cycle); P and Q are both at the top (several roots)
    "roots_and_cycle.csv": ({"cycle", "several_roots"}, [6, 6, 0, 0]),
    # t002/T002 and ' T003 '/T003 collide (4 rows out); T001's evaluator 'p1' is a case variant
    "id_variants.csv": ({"id_variant"}, [6, 2, 4, 0]),
    # two people share POS-7 (same role, different names): one position of 0.5 + 0.5 = 1.0 FTE
    # held by 2; both rows load into it, so the staff table has 2 rows for 3 loaded
    "job_share.csv": ({"job_share"}, [3, 3, 0, 0]),
    # Vacant name (kept), N/D and NULL placeholders, fte 1e300, release -1, years -9 (T3 out)
    "numbers_masks_huge.csv": (
        # T3's 1e300 FTE is a position above one FTE (a warning); its release -1 and years -9
        # still reject it
        {"vacancy", "masked_value", "fte_above_one", "release_out_of_range", "negative_value"},
        [4, 3, 1, 0],
    ),
    # T in two schools at 0.6 + 0.6 (both rows out), X's role unknown, Y's evaluator elsewhere
    # banner, note and blank row above the header (3 rows skipped); a vacancy; 'Wizard' unknown
    "excel_title_rows.xlsx": ({"header_rows_skipped", "vacancy", "unknown_role"}, [5, 4, 1, 0]),
    # T2's name opens a quote never closed: T3's line vanishes into it. The file has 4 data
    # rows: P and T4 load, T2 and the swallowed T3 line are both rejected (4 = 2 + 2); the
    # quotes inside P's name are fine
    "stray_quote.csv": ({"stray_quote"}, [4, 2, 2, 0]),
    "two_schools.csv": ({"fte_over_one", "unknown_role", "cross_school_link"}, [6, 3, 3, 0]),
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_file(name: str) -> None:
    codes, accounting = CORPUS[name]
    if accounting is None:
        with pytest.raises(lm.RosterError) as info:
            lm.read_roster(DATA / name, strict=False)
        assert set(info.value.issues["code"]) == codes
        return
    roster = lm.read_roster(DATA / name, strict=False)
    assert set(roster.issues["code"]) == codes
    acc = roster.accounting()
    assert acc.loc["staff"].tolist() == accounting
    assert (acc["rows_in"] == acc["rows_loaded"] + acc["rows_rejected"] + acc["rows_blank"]).all()
    assert set(roster.issues["code"]) <= set(lm.readers.issues.REASON_CODES)


def test_separate_links_file_with_an_unknown_relation() -> None:
    roster = lm.read_roster(
        DATA / "links_staff.csv", links=DATA / "links_unknown_relation.csv", strict=False
    )
    assert roster.issues[["table", "row", "code"]].values.tolist() == [
        ["links", 1, "unknown_relation"]
    ]
    assert roster.accounting().loc["links"].tolist() == [2, 1, 1, 0]


def test_latin1_names_read_correctly() -> None:
    assert lm.read_roster(DATA / "latin1.csv").staff["name"].tolist() == ["José Peña", "Zoë"]


def test_excel_header_found_below_title_rows() -> None:
    roster = lm.read_roster(DATA / "excel_title_rows.xlsx", strict=False)
    # rows 1-3 of the sheet are a banner, a note and a blank row; the header is row 4
    assert roster.issues.loc[roster.issues["code"] == "header_rows_skipped", "value"].tolist() == [
        "3"
    ]
    assert roster.staff["staff_id"].tolist() == ["100", "101", "102", "103"]
    assert roster.links[["leader_id", "staff_id"]].values.tolist() == [
        ["100", "101"],
        ["101", "102"],
        ["101", "103"],
    ]


def test_excel_header_found_by_column_map_names(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    # a 4-cell note row is wider than the 3-cell header: only the map's names pick the header
    ws.append(["Staffing report", "run by", "HR", "2026-10-01"])
    ws.append(["Emp No", "Campus", "Job Title"])
    ws.append(["7", "S", "Principal"])
    wb.save(tmp_path / "export.xlsx")
    roster = lm.read_roster(
        tmp_path / "export.xlsx",
        column_map={"Emp No": "staff_id", "Campus": "school_id", "Job Title": "title"},
    )
    assert roster.staff[["staff_id", "role"]].values.tolist() == [["7", "principal"]]


def test_every_corpus_file_is_covered() -> None:
    on_disk = {p.name for p in DATA.iterdir() if p.suffix in {".csv", ".xlsx"}}
    assert on_disk - set(CORPUS) == {"links_staff.csv", "links_unknown_relation.csv"}
