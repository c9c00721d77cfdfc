"""OneRoster 1.1 and 1.2 CSV exports (issue 18, item 6).

The fixtures in ``tests/data/oneroster/`` are written from the 1EdTech specifications (OneRoster
CSV Tables 1.1, CSV Binding 1.2): ``v1p1`` has 6 orgs (a district, four schools of which one is
to be deleted, a department) and 15 users; ``v1p2`` has 3 orgs, 7 users and 10 roles. Every
expected figure below is worked out by hand from those files.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import leadmodel as lm

DATA = Path(__file__).parent / "data" / "oneroster"
V11, V12 = DATA / "v1p1", DATA / "v1p2"
AS_OF = "2025-01-15"


@pytest.fixture(scope="module")
def v11() -> lm.Roster:
    return lm.read_oneroster(V11, strict=False)


@pytest.fixture(scope="module")
def v12() -> lm.Roster:
    return lm.read_oneroster(V12, as_of=AS_OF, strict=False)


def _issues(roster: lm.Roster) -> list[tuple[str, int | None, str]]:
    issues = roster.issues
    rows = zip(issues["table"], issues["row"], issues["code"], strict=True)
    found = [(t, None if pd.isna(r) else int(r), c) for t, r, c in rows]
    return sorted(found, key=lambda i: (i[0], -1 if i[1] is None else i[1], i[2]))


def test_v11_staff_schools_people_and_fte(v11: lm.Roster) -> None:
    staff = v11.staff.set_index(["school_id", "staff_id"])
    # placed: U-P1, U-T1, U-T2 (Adams); U-T2, U-T3, U-A1 (Baker); U-T6, U-AD2 (Cole)
    assert sorted(staff.index) == [
        ("S-ADAMS", "U-P1"), ("S-ADAMS", "U-T1"), ("S-ADAMS", "U-T2"),
        ("S-BAKER", "U-A1"), ("S-BAKER", "U-T2"), ("S-BAKER", "U-T3"),
        ("S-COLE", "U-AD2"), ("S-COLE", "U-T6"),
    ]  # fmt: skip
    assert v11.staff["staff_id"].nunique() == 7  # U-T2 is in two schools
    assert list(v11.schools["school_id"]) == ["S-ADAMS", "S-BAKER", "S-COLE"]
    # FTE: no FTE in OneRoster; U-T2 shares the default 1.0 between two schools: 6 x 1 + 2 x 0.5
    assert staff.loc[("S-ADAMS", "U-T2"), "fte"] == staff.loc[("S-BAKER", "U-T2"), "fte"] == 0.5
    assert v11.staff["fte"].sum() == 7.0
    assert staff["role"].value_counts().to_dict() == {
        "teacher": 5, "assistant_principal": 2, "other": 1  # 2 administrators (assumed), 1 aide
    }  # fmt: skip
    assert staff.loc[("S-ADAMS", "U-P1"), ["title", "name"]].tolist() == [
        "administrator",
        "Ana Ruiz",
    ]
    schools = v11.schools.set_index("school_id")
    assert set(schools["district_id"]) == {"D1"}
    assert set(schools["district_name"]) == {"Riverside Unified"}
    assert schools.loc["S-ADAMS", "identifier"] == "060000100001"


def test_v11_every_user_row_is_placed_or_reported(v11: lm.Roster) -> None:
    acc = v11.accounting()
    assert acc.loc["users"].tolist() == [15, 13, 2, 0]  # U-T5 (unknown org), U-X1 (unknown role)
    assert acc.loc["orgs"].tolist() == [6, 6, 0, 0]
    assert acc.loc["staff"].tolist() == [8, 8, 0, 0]
    # 15 users = 7 placed + 3 not staff (2 students, 1 parent) + 1 deleted (U-T4)
    #          + 2 in no school (U-DA1 in the district, U-T7 in the deleted school) + 2 rejected
    placed = v11.staff["staff_id"].nunique()
    assert placed + 3 + 1 + 2 + 2 == 15
    assert _issues(v11) == [
        ("orgs", 1, "not_a_school"),  # D1, a district: U-DA1
        ("orgs", 5, "not_a_school"),  # DEPT-MATH, a department: U-T6 (placed in Cole anyway)
        ("orgs", 6, "deleted_record"),  # S-OLD
        ("orgs", 6, "not_a_school"),  # S-OLD: U-T7
        ("users", None, "not_staff"),  # parent: row 9
        ("users", None, "not_staff"),  # students: rows 7, 8
        ("users", 1, "role_assumed"),  # administrator
        ("users", 3, "fte_split"),  # U-T2 in two schools
        ("users", 4, "disabled_user"),  # kept on the staff
        ("users", 5, "deleted_record"),
        ("users", 11, "unknown_org"),  # S-NOWHERE
        ("users", 12, "unknown_role"),  # ext:librarian
        ("users", 15, "role_assumed"),
    ]
    students = v11.issues[v11.issues["value"] == "student"]["message"].iloc[0]
    assert "2 row(s)" in students and "rows 7, 8" in students


def test_v11_zip_archive_reads_as_the_folder(v11: lm.Roster, tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for f in sorted(V11.iterdir()):
            z.write(f, f"oneroster-2025/{f.name}")  # files in a folder inside the archive
    again = lm.read_oneroster(archive, strict=False)
    assert again.equals(v11)
    assert again.source["name"] == "export.zip" and again.source["sha256"]


def test_v11_role_map_reads_administrators_as_principals() -> None:
    roster = lm.read_oneroster(
        V11, role_map={"administrator": "principal", "ext:librarian": "specialist"}, strict=False
    )
    roles = roster.staff.set_index("staff_id")["role"]
    assert roles["U-P1"] == roles["U-AD2"] == "principal"
    assert roles["U-X1"] == "specialist"
    assert "role_assumed" not in set(roster.issues["code"])


def test_v11_strict_raises_with_every_error() -> None:
    with pytest.raises(lm.RosterError) as err:
        lm.read_oneroster(V11)
    errors = err.value.issues[err.value.issues["severity"] == "error"]
    assert sorted(errors["code"]) == ["unknown_org", "unknown_role"]


def test_v12_roles_file_dates_and_combined_roles(v12: lm.Roster) -> None:
    staff = v12.staff.set_index(["school_id", "staff_id"])
    assert sorted(staff.index) == [
        ("S-ADAMS", "U-AP1"), ("S-ADAMS", "U-P1"), ("S-ADAMS", "U-T1"),
        ("S-BAKER", "U-T1"), ("S-BAKER", "U-T2"),
    ]  # fmt: skip
    assert staff.loc[("S-ADAMS", "U-P1"), "role"] == "principal"
    assert staff.loc[("S-ADAMS", "U-AP1"), "role"] == "assistant_principal"  # siteAdministrator
    # U-T1: primary teacher and secondary aide at Adams (one row), secondary teacher at Baker
    assert staff.loc[("S-ADAMS", "U-T1"), ["role", "title"]].tolist() == [
        "teacher",
        "teacher; aide",
    ]
    assert v12.staff["fte"].sum() == 4.0  # 3 people x 1.0 + U-T1's 0.5 + 0.5
    assert v12.source["format"] == "OneRoster 1.2" and v12.source["as_of"] == AS_OF
    acc = v12.accounting()
    assert acc.loc["roles"].tolist() == [10, 10, 0, 0]
    # 10 roles = 5 staff rows + 1 combined (R4) + 2 not current (R5 ended, R7 not begun)
    #          + 1 not staff (R8) + 1 in the district (R10)
    assert len(v12.staff) + 1 + 2 + 1 + 1 == 10
    assert _issues(v12) == [
        ("orgs", 1, "not_a_school"),
        ("roles", None, "not_staff"),
        ("roles", 2, "role_assumed"),
        ("roles", 3, "fte_split"),
        ("roles", 4, "roles_combined"),
        ("roles", 5, "not_current"),
        ("roles", 7, "not_current"),
        ("users", None, "not_staff"),  # U-N1 has no role in roles.csv
    ]


def test_v12_as_of_decides_which_roles_are_current(tmp_path: Path) -> None:
    later = lm.read_oneroster(V12, as_of="2025-09-01", strict=False)
    places = set(zip(later.staff["school_id"], later.staff["staff_id"], strict=True))
    assert ("S-BAKER", "U-T3") in places
    before = lm.read_oneroster(V12, as_of="2024-01-15", strict=False)
    # R5 (Adams, to 2024-06-15) is current, R6 (Baker, from 2024-08-01) not yet
    t2 = before.staff[before.staff["staff_id"] == "U-T2"]
    assert t2["school_id"].tolist() == ["S-ADAMS"]


def test_the_roster_analyses_like_any_other(v12: lm.Roster) -> None:
    summary = lm.school_summary(v12)
    assert summary.loc["S-ADAMS", "administrators"] == 2
    assert summary.loc["S-BAKER", "teachers"] == 2


def test_missing_files_and_columns_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    shutil.copytree(V11, folder)
    (folder / "orgs.csv").unlink()
    with pytest.raises(lm.RosterError) as err:
        lm.read_oneroster(folder, strict=False)
    assert set(err.value.issues["code"]) == {"missing_file"}
    shutil.copy(V11 / "orgs.csv", folder / "orgs.csv")
    (folder / "users.csv").write_text("sourcedId,givenName\nU1,Ana\n", encoding="utf-8")
    with pytest.raises(lm.RosterError) as err:
        lm.read_oneroster(folder, strict=False)
    errors = err.value.issues[err.value.issues["severity"] == "error"]
    assert errors[["table", "field", "code"]].values.tolist() == [
        ["users", "org_sourced_ids", "missing_column"],
        ["users", "role", "missing_column"],
    ]


def test_v11_a_user_listing_only_commas_or_an_unclear_enabled_is_reported(
    v11: lm.Roster, tmp_path: Path
) -> None:
    export = tmp_path / "v1p1"
    shutil.copytree(V11, export)
    with (export / "users.csv").open("a") as f:
        f.write('U-Z2,,,true," , ",teacher,z,,Zed,Two,,E2001,,,,,,\n')  # row 16: no org at all
        f.write("U-Z3,,,maybe,S-ADAMS,teacher,y,,Zed,Three,,E2002,,,,,,\n")  # row 17
    roster = lm.read_oneroster(export, strict=False)
    # 15 users as before (13 loaded, 2 rejected) + U-Z2 rejected + U-Z3 loaded
    assert roster.accounting().loc["users"].tolist() == [17, 14, 3, 0]
    new = roster.issues[roster.issues["row"].isin([16, 17])]
    assert new[["row", "field", "code", "severity"]].values.tolist() == [
        [16, "org_sourced_ids", "missing_value", "error"],
        [17, "enabled_user", "invalid_value", "warning"],
    ]
    staff = set(roster.staff["staff_id"])
    assert "U-Z2" not in staff and "U-Z3" in staff
    assert len(roster.staff) == len(v11.staff) + 1  # U-Z3, at Adams
