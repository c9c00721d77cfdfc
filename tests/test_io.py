"""Reading and writing rosters: formats, encodings, column maps, lossless round trips."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

import leadmodel as lm
from leadmodel import DefinitionError, RosterError
from tests.strategies import rosters

ROUND_TRIP = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def assert_same(a: lm.Roster, b: lm.Roster) -> None:
    """Assert two rosters are equal, naming the first differing column."""
    for table in ("staff", "links", "teams", "schools"):
        x, y = getattr(a, table), getattr(b, table)
        assert list(x.columns) == list(y.columns), table
        for col in x.columns:
            assert x[col].dtype == y[col].dtype, (table, col, x[col].dtype, y[col].dtype)
            assert x[col].equals(y[col]), (table, col, x[col].tolist(), y[col].tolist())
    assert a.equals(b)


def _write_read(roster: lm.Roster, tmp: Path, fmt: str) -> lm.Roster:
    target = {
        "csv": tmp / "r_csv",
        "parquet": tmp / "r_parquet",
        "excel": tmp / "r.xlsx",
        "json": tmp / "r.json",
    }[fmt]
    lm.write_roster(roster, target, format=fmt)  # type: ignore[arg-type]
    return lm.read_roster(target)


@pytest.mark.parametrize("fmt", ["csv", "excel", "parquet", "json"])
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(roster=rosters())
def test_round_trip_is_lossless_with_text_extras(
    fmt: str, roster: lm.Roster, tmp_path: Path
) -> None:
    back = _write_read(roster, tmp_path, fmt)
    assert_same(back, roster)
    assert "Badge Code" in back.staff.columns


@pytest.mark.slow  # 3 formats x 25 rosters (30 s)
@pytest.mark.parametrize("fmt", ["excel", "parquet", "json"])
@ROUND_TRIP
@given(roster=rosters(typed_extras=True))
def test_typed_formats_keep_extra_column_types(fmt: str, roster: lm.Roster, tmp_path: Path) -> None:
    back = _write_read(roster, tmp_path, fmt)
    assert_same(back, roster)


@pytest.mark.slow  # 25 rosters (9 s)
@ROUND_TRIP
@given(roster=rosters(typed_extras=True))
def test_pydantic_models_round_trip(roster: lm.Roster) -> None:
    district = roster.to_district()
    again = lm.roster_from_schools(district)
    assert_same(again, roster)
    assert again.to_district() == district


@pytest.mark.slow  # 25 rosters written twice (10 s)
@ROUND_TRIP
@given(roster=rosters())
def test_csv_to_roster_to_csv_is_byte_identical(roster: lm.Roster, tmp_path: Path) -> None:
    first = lm.write_roster(roster, tmp_path / "a")
    second = lm.write_roster(lm.read_roster(first), tmp_path / "b")
    for table in ("staff", "links", "teams", "schools"):
        assert (first / f"{table}.csv").read_bytes() == (second / f"{table}.csv").read_bytes()


def test_column_map_role_map_and_link_columns(tmp_path: Path) -> None:
    path = tmp_path / "hr.csv"
    path.write_text(
        "Emp No,Campus,Job Title,Evaluator ID,Coach(es),Hire Date\n"
        "100,S1,Principal,,,2001-08-01\n"
        "101,S1,Vice Principal,100,,2010-08-01\n"
        "102,S1,Teacher - Elementary,101,100;101,2015-08-01\n",
        encoding="utf-8",
    )
    roster = lm.read_roster(
        path,
        column_map={
            "Emp No": "staff_id",
            "Campus": "school_id",
            "Job Title": "title",
            "Evaluator ID": "evaluator_id",
            "Coach(es)": "coach_id",
        },
        role_map={"Teacher - Elementary": "teacher"},
    )
    assert roster.staff["role"].tolist() == ["principal", "assistant_principal", "teacher"]
    assert roster.staff["title"].tolist() == ["Principal", "Vice Principal", "Teacher - Elementary"]
    # 2 evaluator cells + one coach cell naming two coaches = 4 links
    got = sorted(
        zip(
            roster.links["leader_id"],
            roster.links["staff_id"],
            roster.links["relation"],
            strict=True,
        )
    )
    assert got == [
        ("100", "101", "evaluates"),
        ("100", "102", "coaches"),
        ("101", "102", "coaches"),
        ("101", "102", "evaluates"),
    ]
    assert roster.staff["Hire Date"].tolist() == ["2001-08-01", "2010-08-01", "2015-08-01"]
    assert "evaluator_id" not in roster.staff.columns


def test_headers_that_differ_only_in_case_and_spacing_are_recognised() -> None:
    frame = pd.DataFrame(
        {"Staff ID": ["a"], "School ID": ["s"], "Role": ["Teacher"], "Release FTE": ["50%"]}
    )
    roster = lm.read_roster(frame)
    assert roster.staff.loc[0, "release_fte"] == 0.5  # "50%" is a share: 50 / 100


def test_unknown_column_map_target_is_a_definition_error() -> None:
    frame = pd.DataFrame({"id": ["a"], "school_id": ["s"], "role": ["teacher"]})
    with pytest.raises(DefinitionError, match="staffid"):
        lm.read_roster(frame, column_map={"id": "staffid"})


def test_role_map_to_unknown_role_is_a_definition_error() -> None:
    frame = pd.DataFrame({"staff_id": ["a"], "school_id": ["s"], "title": ["Wizard"]})
    with pytest.raises(DefinitionError, match="sorcerer"):
        lm.read_roster(frame, role_map={"Wizard": "sorcerer"})


@pytest.mark.parametrize(
    ("encoding", "sep"), [("utf-8-sig", ","), ("cp1252", ";"), ("utf-8", "\t"), ("utf-8", "|")]
)
def test_csv_encodings_and_delimiters(tmp_path: Path, encoding: str, sep: str) -> None:
    rows = [["staff_id", "school_id", "role", "name"], ["T1", "S1", "teacher", "José Núñez"]]
    path = tmp_path / "staff.csv"
    path.write_bytes("\n".join(sep.join(r) for r in rows).encode(encoding))
    roster = lm.read_roster(path)
    assert roster.staff["name"].tolist() == ["José Núñez"]
    assert list(roster.staff.columns[:3]) == ["staff_id", "school_id", "role"]


def test_a_workbook_is_read_from_its_first_visible_sheet_and_says_what_it_left(
    tmp_path: Path,
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    old = book.active
    assert old is not None
    old.title, old.sheet_state = "old", "hidden"  # a stale copy, hidden, first
    for row in [["staff_id", "school_id", "role"], ["Z9", "S1", "principal"]]:
        old.append(row)
    current = book.create_sheet("Current")
    for row in [
        ["staff_id", "school_id", "role"],
        ["P1", "S1", "principal"],
        ["T1", "S1", "teacher"],
    ]:
        current.append(row)
    book.create_sheet("Notes").append(["exported by HR"])
    book.create_sheet("Blank")  # no cells: nothing left unread
    book.save(tmp_path / "roster.xlsx")
    roster = lm.read_roster(tmp_path / "roster.xlsx")  # a warning: strict still loads
    assert roster.staff["staff_id"].tolist() == ["P1", "T1"]
    assert roster.accounting().loc["staff"].tolist() == [2, 2, 0, 0]
    issue = roster.issues.iloc[0]
    assert (len(roster.issues), issue["code"], issue["severity"]) == (
        1,
        "sheets_not_read",
        "warning",
    )
    assert issue["message"] == (
        "roster.xlsx: the staff table was read from sheet 'Current'; the workbook's other sheets "
        "with cells were not read: 'old' (hidden), 'Notes'."
    )
    chosen = lm.read_roster(tmp_path / "roster.xlsx", sheet_name="old")  # named: read, no word
    assert chosen.staff["staff_id"].tolist() == ["Z9"] and chosen.issues.empty


def test_excel_with_separate_sheets_and_numeric_ids(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    with pd.ExcelWriter(path) as writer:
        pd.DataFrame(
            {"staff_id": [1, 2], "school_id": [7, 7], "role": ["principal", "teacher"]}
        ).to_excel(writer, sheet_name="staff", index=False)
        pd.DataFrame({"leader_id": [1], "staff_id": [2], "relation": ["develops"]}).to_excel(
            writer, sheet_name="links", index=False
        )
    roster = lm.read_roster(path)
    assert roster.staff["staff_id"].tolist() == ["1", "2"]  # numbers become id text without ".0"
    assert roster.links[["school_id", "leader_id", "staff_id"]].iloc[0].tolist() == ["7", "1", "2"]


def test_empty_and_header_only_files_raise(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    header = tmp_path / "header.csv"
    header.write_text("staff_id,school_id,role\n")
    for path in (empty, header):
        with pytest.raises(RosterError) as info:
            lm.read_roster(path, strict=False)
        assert "empty_file" in set(info.value.issues["code"])


def test_unsupported_suffix_is_a_definition_error(tmp_path: Path) -> None:
    path = tmp_path / "roster.dat"
    path.write_text("x")
    with pytest.raises(DefinitionError, match=r"\.csv"):
        lm.read_roster(path)


def test_source_records_name_and_checksum(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("staff_id,school_id,role\nT1,S1,teacher\n")
    roster = lm.read_roster(path)
    assert roster.source["name"] == "s.csv"
    assert len(roster.source["sha256"]) == 64


@pytest.mark.parametrize("fmt", ["csv", "excel", "parquet", "json"])
def test_text_that_looks_missing_or_numeric_survives(tmp_path: Path, fmt: str) -> None:
    values = ["NaN", "NA", "null", "007", "N/A", None]
    frame = pd.DataFrame(
        {
            "staff_id": list("abcdef"),
            "school_id": ["s"] * 6,
            "role": ["teacher"] * 6,
            "Code": values,
        }
    )
    roster = lm.read_roster(frame)
    back = _write_read(roster, tmp_path, fmt)
    assert back.staff["Code"].tolist() == ["NaN", "NA", "null", "007", "N/A", pd.NA]


# 2**53 + 1 and 2**53 + 3: the first integers a float64 cannot hold (they become 2**53 and
# 2**53 + 4), as a 16-digit badge or payroll number may be
BIG_IDS = [9007199254740993, 9007199254740995]


def test_parquet_whole_numbers_with_gaps_keep_every_digit(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    ids = pa.array([*BIG_IDS, None], pa.int64())
    badge = pa.array([BIG_IDS[0], None, 7], pa.int64())
    table = pa.table({"staff_id": ids, "school_id": ["S1"] * 3, "badge": badge})
    pq.write_table(table.append_column("role", pa.array(["principal", "teacher", "teacher"])),
                   tmp_path / "staff.parquet")  # fmt: skip
    roster = lm.read_roster(tmp_path / "staff.parquet", strict=False)
    assert roster.staff["staff_id"].tolist() == ["9007199254740993", "9007199254740995"]
    assert roster.staff["badge"].tolist() == [BIG_IDS[0], pd.NA]  # an extra column, exact
    assert roster.issues[["row", "code"]].values.tolist() == [[3, "missing_value"]]  # no id


def test_json_whole_numbers_with_gaps_keep_every_digit(tmp_path: Path) -> None:
    import json

    rows = [
        {"staff_id": BIG_IDS[0], "school_id": "S1", "role": "principal", "badge": 2**70},
        {"staff_id": BIG_IDS[1], "school_id": "S1", "role": "teacher", "badge": None},
        {"staff_id": None, "school_id": "S1", "role": "teacher"},  # badge absent
    ]
    (tmp_path / "staff.json").write_text(json.dumps(rows))
    roster = lm.read_roster(tmp_path / "staff.json", strict=False)
    assert roster.staff["staff_id"].tolist() == ["9007199254740993", "9007199254740995"]
    assert roster.staff["badge"].tolist() == ["1180591620717411303424", pd.NA]  # 2**70 as text
    assert roster.issues[["row", "code"]].values.tolist() == [[3, "missing_value"]]


def test_parquet_ids_written_as_bytes_read_as_their_text(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    roles = pa.array(["principal", "teacher", "teacher"])
    staff = {
        "staff_id": pa.array([b"P1", b"T1", b"T2"]),
        "school_id": pa.array([b"S1"] * 3, pa.binary(2)),
    }
    pq.write_table(pa.table({**staff, "role": roles}), tmp_path / "staff.parquet")
    roster = lm.read_roster(tmp_path / "staff.parquet")
    assert roster.staff[["school_id", "staff_id"]].values.tolist() == [
        ["S1", "P1"], ["S1", "T1"], ["S1", "T2"]
    ]  # fmt: skip
    staff["staff_id"] = pa.array([b"P1", b"\xff\xfe", b"T2"])  # not UTF-8: no text to read
    pq.write_table(pa.table({**staff, "role": roles}), tmp_path / "bad.parquet")
    with pytest.raises(RosterError) as error:
        lm.read_roster(tmp_path / "bad.parquet", strict=False)
    issue = error.value.issues.iloc[0]
    assert (issue["code"], issue["field"]) == ("unreadable_file", "staff_id")
    assert "holds bytes that are not UTF-8 text" in issue["message"]
