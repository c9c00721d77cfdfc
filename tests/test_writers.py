"""Writers: workbooks and CSV that stay text, reproducible bytes, folders that are folders."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import leadmodel as lm
from leadmodel.writers import EXCEL_CELL_CHARS, MANIFEST, write_csv, write_workbook

HYPERLINK = '=HYPERLINK("http://example.invalid","click")'
CMD = "=cmd|' /C calc'!A0"


def _sheet(path: Path, name: str) -> list[list[object]]:
    book = openpyxl.load_workbook(path)
    return [[c.value for c in row] for row in book[name].iter_rows()]


# ------------------------------------------------------------------ workbooks


def test_formulas_stay_text_in_every_cell_including_headers(tmp_path: Path) -> None:
    frame = pd.DataFrame({HYPERLINK: [CMD, "+1", "@SUM(A1)", "plain"], "n": [1, 2, 3, 4]})
    path = write_workbook({"t": frame}, tmp_path / "t.xlsx")
    sheet = openpyxl.load_workbook(path)["t"]
    header, cell = sheet["A1"], sheet["A2"]
    assert (header.value, header.data_type, header.quotePrefix) == (HYPERLINK, "s", True)
    assert (cell.value, cell.data_type, cell.quotePrefix) == (CMD, "s", True)
    assert [sheet[f"A{r}"].quotePrefix for r in range(3, 6)] == [True, True, False]
    assert [sheet[f"B{r}"].value for r in range(2, 6)] == [1, 2, 3, 4]  # numbers stay numbers


def test_same_tables_give_the_same_bytes(tmp_path: Path) -> None:
    tables = lm.Analysis(lm.load_sample("green_dot"), model="green_dot").tables()
    first = lm.export_tables(tables, tmp_path / "a.xlsx", format="xlsx")[0].read_bytes()
    second = lm.export_tables(tables, tmp_path / "b.xlsx", format="xlsx")[0].read_bytes()
    assert first == second


def test_control_characters_are_replaced_and_reported(tmp_path: Path) -> None:
    frame = pd.DataFrame({"name": ["Ada\x01Park", "Kim\r\nLee", "fine"], "id\x07": ["a", "b", "c"]})
    with pytest.warns(lm.OutputWarning) as caught:
        path = write_workbook({"staff": frame}, tmp_path / "s.xlsx")
    message = str(caught[0].message)
    assert "2 cell(s) held control characters" in message and "staff!B1, staff!A2" in message
    assert "1 cell(s) held carriage returns" in message and "staff!A3" in message
    assert _sheet(path, "staff") == [
        ["name", "id\ufffd"],
        ["Ada\ufffdPark", "a"],
        ["Kim\nLee", "b"],
        ["fine", "c"],
    ]


def test_text_longer_than_a_cell_is_cut_and_reported(tmp_path: Path) -> None:
    long = "x" * (EXCEL_CELL_CHARS + 10)
    with pytest.warns(lm.OutputWarning, match=r"1 cell\(s\) held more than 32,767 characters"):
        path = write_workbook({"t": pd.DataFrame({"note": [long, "short"]})}, tmp_path / "t")
    assert path.name == "t.xlsx"  # the suffix is added
    rows = _sheet(path, "t")
    assert len(str(rows[1][0])) == 32_767 and rows[2][0] == "short"


def test_numbers_excel_cannot_hold_are_written_as_text(tmp_path: Path) -> None:
    frame = pd.DataFrame({"big": [2**60, 7], "x": [float("inf"), 0.5]})
    with pytest.warns(lm.OutputWarning, match=r"2 cell\(s\) held numbers .*t!A2, t!B2"):
        path = write_workbook({"t": frame}, tmp_path / "t.xlsx")
    assert _sheet(path, "t")[1:] == [[str(2**60), "inf"], [7, 0.5]]


def test_nothing_to_report_means_no_warning(tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        write_workbook({"t": pd.DataFrame({"a": ["x", None], "b": [1.5, None]})}, tmp_path / "t")


@pytest.mark.parametrize(
    "name", ["", "a" * 32, "a/b", "x[1]", "what?"], ids=["empty", "long", "slash", "bracket", "q"]
)
def test_sheet_names_excel_refuses_are_an_error(tmp_path: Path, name: str) -> None:
    with pytest.raises(lm.DefinitionError, match="cannot name a sheet"):
        write_workbook({name: pd.DataFrame({"a": [1]})}, tmp_path / "t.xlsx")
    with pytest.raises(lm.DefinitionError, match="once in any letter case"):
        write_workbook({"T": pd.DataFrame(), "t": pd.DataFrame()}, tmp_path / "t.xlsx")
    assert not list(tmp_path.iterdir())


def test_a_failed_workbook_leaves_the_old_file_untouched(tmp_path: Path) -> None:
    class Unprintable:
        def __str__(self) -> str:
            raise lm.DefinitionError("cannot be written")

    path = tmp_path / "t.xlsx"
    path.write_bytes(b"the user's file")
    frame = pd.DataFrame({"a": ["fine", Unprintable()]})
    with pytest.raises(lm.DefinitionError, match="cannot be written"):
        write_workbook({"t": frame}, path)
    assert path.read_bytes() == b"the user's file"
    assert [p.name for p in tmp_path.iterdir()] == ["t.xlsx"]  # no temporary file left


cell_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=st.lists(cell_text, min_size=1, max_size=6))
def test_every_text_cell_reads_back_as_written_or_reported(
    values: list[str], tmp_path: Path
) -> None:
    def expected(text: str) -> str:
        cleaned = "".join("\ufffd" if (ord(ch) < 32 and ch not in "\t\n\r") else ch for ch in text)
        return cleaned.replace("\r\n", "\n").replace("\r", "\n")

    frame = pd.DataFrame({"text": values})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        path = write_workbook({"t": frame}, tmp_path / "t.xlsx")
    back = [row[0] for row in _sheet(path, "t")[1:]]
    assert back == [expected(v) for v in values]
    changed = [f"t!A{i + 2}" for i, v in enumerate(values) if expected(v) != v]
    reported = " ".join(str(w.message) for w in caught)
    assert all(cell in reported for cell in changed[:5])
    assert bool(changed) == bool(caught)


def test_roster_with_formula_text_reads_back_equal_from_a_workbook(tmp_path: Path) -> None:
    staff = pd.DataFrame(
        {
            "staff_id": ["P", "=T1", "-T2"],
            "school_id": ["S"] * 3,
            "role": ["principal", "teacher", "teacher"],
            "name": [HYPERLINK, "@Kim", "+Lee"],
        }
    )
    links = pd.DataFrame({"leader_id": ["P", "P"], "staff_id": ["=T1", "-T2"]})
    roster = lm.read_roster(staff, links=links.assign(relation="develops"))
    path = lm.write_roster(roster, tmp_path / "r.xlsx")
    assert lm.read_roster(path).equals(roster)
    cells = [c for row in openpyxl.load_workbook(path)["staff"].iter_rows() for c in row]
    marked = {c.value for c in cells if c.quotePrefix}
    assert marked == {"=T1", "-T2", HYPERLINK, "@Kim", "+Lee"}


# ------------------------------------------------------------------ CSV


def test_csv_quotes_formulas_in_cells_and_header_but_not_numbers(tmp_path: Path) -> None:
    frame = pd.DataFrame({"=x": [CMD, "-5", "-1.5e3", "- item", "ok", None], "n": range(6)})
    with pytest.warns(lm.OutputWarning, match=r"3 cell\(s\) began like a spreadsheet formula"):
        text = write_csv(frame, tmp_path / "t.csv").read_text(encoding="utf-8")
    assert text == ("'=x,n\n'=cmd|' /C calc'!A0,0\n-5,1\n-1.5e3,2\n'- item,3\nok,4\n,5\n")
    raw = write_csv(frame, tmp_path / "raw.csv", formula_safe=False).read_text(encoding="utf-8")
    assert raw.splitlines()[:2] == ["=x,n", "=cmd|' /C calc'!A0,0"]


def test_export_csv_is_formula_safe_by_default(tmp_path: Path) -> None:
    tables = {"issues": pd.DataFrame({"value": [CMD], "row": [3]})}
    with pytest.warns(lm.OutputWarning, match=r"issues\.csv: 1 cell"):
        lm.export_tables(tables, tmp_path / "out")
    assert (tmp_path / "out" / "issues.csv").read_text(encoding="utf-8") == f"value,row\n'{CMD},3\n"


# ------------------------------------------------------------------ folders


@pytest.mark.parametrize("fmt", ["csv", "parquet", "json"])
def test_folder_export_has_one_file_per_table_and_a_manifest(tmp_path: Path, fmt: str) -> None:
    tables = {"b": pd.DataFrame({"x": [1, 2]}), "a": pd.DataFrame({"y": ["p"], "z": [0.5]})}
    written = lm.export_tables(tables, tmp_path / "out", format=fmt)  # type: ignore[arg-type]
    assert [p.name for p in written] == [f"b.{fmt}", f"a.{fmt}", MANIFEST]
    manifest = json.loads((tmp_path / "out" / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["format"] == fmt
    assert manifest["tables"] == [
        {"name": "b", "file": f"b.{fmt}", "rows": 2, "columns": ["x"]},
        {"name": "a", "file": f"a.{fmt}", "rows": 1, "columns": ["y", "z"]},
    ]
    if fmt == "parquet":
        assert pd.read_parquet(tmp_path / "out" / "a.parquet").equals(tables["a"])


@pytest.mark.parametrize("name", ["x.parquet", "x.csv", "x.json"])
def test_a_path_named_like_a_file_never_becomes_a_folder(tmp_path: Path, name: str) -> None:
    with pytest.raises(lm.DefinitionError, match="names a file"):
        lm.export_tables({"t": pd.DataFrame({"a": [1]})}, tmp_path / name, format="parquet")
    with pytest.raises(lm.DefinitionError, match="is a folder with one file per table"):
        lm.write_roster(lm.load_sample("green_dot"), tmp_path / name, format="parquet")
    assert not list(tmp_path.iterdir())


def test_roster_to_x_parquet_without_a_format_is_an_error(tmp_path: Path) -> None:
    roster = lm.load_sample("green_dot")
    with pytest.raises(lm.DefinitionError, match=r"give a folder name such as 'x'"):
        lm.write_roster(roster, tmp_path / "x.parquet")
    folder = lm.write_roster(roster, tmp_path / "x", format="parquet")
    assert sorted(p.name for p in folder.iterdir()) == [
        "links.parquet",
        MANIFEST,
        "schools.parquet",
        "staff.parquet",
        "teams.parquet",
    ]
    assert lm.read_roster(folder).equals(roster)


def test_json_and_excel_formats_add_their_suffix(tmp_path: Path) -> None:
    roster = lm.load_sample("kipp_sunshine_peak")
    assert lm.write_roster(roster, tmp_path / "r", format="excel").name == "r.xlsx"
    assert lm.write_roster(roster, tmp_path / "r", format="json").name == "r.json"
    with pytest.raises(lm.DefinitionError, match=r"does not end in \.xlsx"):
        lm.write_roster(roster, tmp_path / "r.json", format="excel")


def test_a_rerun_removes_tables_it_no_longer_writes_and_keeps_other_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    lm.export_tables({"a": pd.DataFrame({"x": [1]}), "b": pd.DataFrame({"x": [2]})}, out)
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    lm.export_tables({"a": pd.DataFrame({"x": [3]})}, out)
    assert sorted(p.name for p in out.iterdir()) == ["a.csv", MANIFEST, "notes.txt"]


def test_a_failed_folder_export_leaves_the_folder_untouched(tmp_path: Path) -> None:
    out = tmp_path / "out"
    lm.export_tables({"a": pd.DataFrame({"x": [1]})}, out, format="parquet")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    mixed = pd.DataFrame({"x": [1, ["one", "two"]]}, dtype=object)  # one type a column
    with pytest.raises(lm.DefinitionError, match="cannot be written as Parquet"):
        lm.export_tables({"a": pd.DataFrame({"x": [2]}), "b": mixed}, out, format="parquet")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no temporary folder left


def test_table_names_that_cannot_name_a_file_are_an_error(tmp_path: Path) -> None:
    for name in ("a/b", "", ".hidden", "manifest"):
        with pytest.raises(lm.DefinitionError, match="cannot name a file"):
            lm.export_tables({name: pd.DataFrame()}, tmp_path / "out")


def test_span_matrix_with_leaders_below_no_principal_exports_as_parquet(tmp_path: Path) -> None:
    """Layers are numbers, and ``none`` for leaders below no principal: a Parquet column
    holds one type, so the mixed column is written as text (it raised a DefinitionError)."""
    staff = pd.DataFrame(
        {
            "staff_id": ["P", "A", "T1", "T2"],
            "school_id": "S",
            "role": ["principal", "assistant_principal", "teacher", "teacher"],
        }
    )  # P develops T1; A, supervised by nobody, develops T2
    links = pd.DataFrame(
        {"leader_id": ["P", "A"], "staff_id": ["T1", "T2"], "relation": "develops"}
    )
    analysis = lm.Analysis(lm.read_roster(staff, links=links))
    assert analysis.span_matrix().index.tolist() == [0, "none"]  # P at layer 0; A below none
    analysis.export(tmp_path / "out", format="parquet")
    written = pd.read_parquet(tmp_path / "out" / "span_matrix.parquet")
    assert written["layer"].tolist() == ["0", "none"]
    assert written.drop(columns="layer").sum(axis=1).tolist() == [1, 1]  # one leader each


def test_empty_text_in_csv_is_reported_as_it_reads_back_missing(tmp_path: Path) -> None:
    frame = pd.DataFrame({"a": ["x", "", None], "b": ["", "y", "z"]})
    with pytest.warns(lm.OutputWarning) as caught:
        write_csv(frame, tmp_path / "t.csv")
    message = str(caught[0].message)
    # rows counted as in the file, the header being row 1: a's second cell, b's first
    assert "2 cell(s) held empty text" in message
    assert "row 3 column 'a', row 2 column 'b'" in message
    back = pd.read_csv(tmp_path / "t.csv", dtype="string")
    assert back["a"].isna().tolist() == [False, True, True]  # '' and None alike
