"""One file per table: a folder or archive with two files for one table is refused, not read
in part (which of two exports is the right one cannot be told), by every reader that takes one."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

import leadmodel as lm
from tests import plan_data

EDFI_API = Path(__file__).parent / "data" / "edfi" / "api"


def _ambiguous(error: pytest.ExceptionInfo[lm.RosterError]) -> tuple[str, str]:
    """The one issue of an ambiguity error: its table and message."""
    issues = error.value.issues
    assert issues["code"].tolist() == ["ambiguous_file"]
    assert issues["severity"].tolist() == ["error"]
    return str(issues["table"].iloc[0]), str(issues["message"].iloc[0])


def test_a_roster_folder_with_staff_as_csv_and_as_parquet_is_refused(tmp_path: Path) -> None:
    roster = lm.load_sample("green_dot")
    folder = lm.write_roster(roster, tmp_path / "r", format="parquet")
    roster.staff.to_csv(folder / "staff.csv", index=False)  # an older export left beside it
    before = sorted((p.name, p.read_bytes()) for p in folder.iterdir())
    with pytest.raises(lm.RosterError, match="in the roster") as error:
        lm.read_roster(folder)
    table, message = _ambiguous(error)
    assert table == "staff"
    assert "2 files for the staff table (staff.csv, staff.parquet)" in message
    assert sorted((p.name, p.read_bytes()) for p in folder.iterdir()) == before  # untouched


def test_a_roster_folder_is_found_whatever_the_letter_case_of_its_files(tmp_path: Path) -> None:
    roster = lm.load_sample("green_dot")
    folder = lm.write_roster(roster, tmp_path / "r", format="parquet")
    for path in list(folder.iterdir()):
        path.rename(path.with_name(path.stem.capitalize() + path.suffix.upper()))
    assert sorted(p.name for p in folder.iterdir() if p.suffix == ".PARQUET") == [
        "Links.PARQUET",
        "Schools.PARQUET",
        "Staff.PARQUET",
        "Teams.PARQUET",
    ]
    assert lm.read_roster(folder).equals(roster)


def test_a_sub_folder_named_as_a_table_is_not_a_second_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roster = lm.load_sample("green_dot")
    folder = lm.write_roster(roster, tmp_path / "r", format="csv")
    (folder / "staff.parquet").mkdir()  # a folder, not an export of the staff table
    assert lm.read_roster(folder).equals(roster)
    (folder / "links.csv").unlink()
    (folder / "links.csv").mkdir()  # no file for the links: the folder is named, not skipped
    with pytest.raises(lm.NotAFileError, match=r"links\.csv"):
        lm.read_roster(folder)
    (folder / "links.csv").rmdir()
    roster.links.to_parquet(folder / "links.parquet")
    (folder / "links.CSV").write_text(roster.links.to_csv(index=False))
    monkeypatch.chdir(folder)  # the folder given as ".": named by its own name
    with pytest.raises(lm.RosterError, match=r"The folder r holds 2 files for the links table"):
        lm.read_roster(".")


def test_a_roster_folder_without_staff_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "links.csv").write_text("leader_id,staff_id,relation\n")
    with pytest.raises(lm.DefinitionError, match=r"has no staff\.csv or staff\.parquet"):
        lm.read_roster(folder)


def test_a_plan_archive_with_two_initiatives_files_is_refused(tmp_path: Path) -> None:
    tables = plan_data.tables()
    archive = tmp_path / "plan.zip"
    text = tables["initiatives"].to_csv(index=False)
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("initiatives.csv", text)  # two formats of one table: which is current?
        z.writestr("plan/Initiatives.TSV", text.replace(",", "\t"))
    with pytest.raises(lm.RosterError, match="in the plan") as error:
        lm.read_plan(archive, roster=plan_data.roster(), school_year=plan_data.YEAR)
    table, message = _ambiguous(error)
    assert table == "initiatives"
    assert "(initiatives.csv, plan/Initiatives.TSV)" in message


def test_a_plan_folder_with_two_initiatives_files_is_refused(tmp_path: Path) -> None:
    tables = plan_data.tables()
    folder = tmp_path / "plan"
    folder.mkdir()
    tables["initiatives"].to_csv(folder / "initiatives.csv", index=False)
    tables["initiatives"].to_json(folder / "initiatives.json", orient="records")
    with pytest.raises(lm.RosterError) as error:
        lm.read_plan(folder, roster=plan_data.roster(), school_year=plan_data.YEAR)
    assert _ambiguous(error) == (
        "initiatives",
        "The folder plan holds 2 files for the initiatives table (initiatives.csv, "
        "initiatives.json); leadmodel cannot tell which one to read.",
    )


def test_an_edfi_folder_with_staff_under_two_names_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "api"
    shutil.copytree(EDFI_API, folder)
    shutil.copy(folder / "staffs.json", folder / "staff.json")  # the singular name as well
    with pytest.raises(lm.RosterError) as error:
        lm.read_edfi(folder, as_of="2024-10-01", strict=False)
    table, message = _ambiguous(error)
    assert table == "staff_records"
    assert "(staffs.json, staff.json)" in message  # in the order the reader looks for them
