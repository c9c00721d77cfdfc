"""Hostile cases for the readers of issue 18: long-format counts, OneRoster and Ed-Fi exports.

Written like :mod:`tests.hostile.specific`, one by one, each expectation worked out from the
readers' documented behaviour before the case was run. The long-format count reader also gets
every family of :mod:`tests.hostile.families` (it has a :data:`~tests.hostile.kit.BASES` entry);
OneRoster and Ed-Fi exports are folders or archives of several files, so theirs are all here.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

from tests.hostile.kit import (
    BASES,
    Case,
    Expect,
    Issue,
    accounting_of,
    all_of,
    assert_equal,
    expect,
)

__all__ = ["standards_cases"]


def _text(*lines: str, eol: str = "\n", bom: bool = False) -> bytes:
    return (("\ufeff" if bom else "") + eol.join(lines) + eol).encode("utf-8")


def _zip(members: Mapping[str, bytes]) -> bytes:
    """A zip archive of ``members`` with fixed timestamps (the same bytes every time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), data)
    return out.getvalue()


def _case(reader: str, name: str, filename: str | None, content: Callable[[], Any],
          exp: Expect, **kwargs: Any) -> Case:  # fmt: skip
    return Case(name, reader, filename, content, kwargs, exp)


def _column_is(column: str, school: str, want: object) -> Callable[[Any], None]:
    def check(result: Any) -> None:
        got = result.table.loc[school, column]
        same = pd.isna(got) if want is None else got == want
        assert same, f"{column} of {school} is {got!r}, expected {want!r}"

    return check


# ------------------------------------------------------------------ long-format counts

HEAD = "school_id,name,category,fte"


def counts_long_cases() -> list[Case]:
    r = "read_staffing_counts_long"
    base = BASES[r].kwargs
    return [
        _case(r, "counts-long-masked-part", "long.csv", lambda: _text(
            HEAD, "SCH01,Adams,Elementary Teachers,20", "SCH01,Adams,Secondary Teachers,-1",
            "SCH01,Adams,School Administrators,2", "SCH02,Baker,Elementary Teachers,10",
        ), expect(
            codes=["masked_value"],
            issues=[Issue("masked_value", 2, "fte", "warning")],
            rows={"rows_in": 4, "rows_loaded": 4, "rows_rejected": 0, "rows_blank": 0},
            check=all_of(
                _column_is("teacher_fte", "SCH01", None),
                _column_is("masked", "SCH01", "teacher_fte"),
                _column_is("admin_fte", "SCH01", 2.0),
            ),
            why="one masked part makes the campus's teacher FTE unknown (and masked), never 20",
        ), **base),
        _case(r, "counts-long-no-data-mark", "long.csv", lambda: _text(
            HEAD, "SCH01,Adams,Teachers,.", "SCH01,Adams,School Administrators,2",
            "SCH02,Baker,Teachers,10",
        ), expect(
            codes=["masked_value"],
            issues=[Issue("masked_value", 1, "fte", "warning")],
            rows={"rows_in": 3, "rows_loaded": 3},
            check=all_of(
                _column_is("teacher_fte", "SCH01", None), _column_is("masked", "SCH01", "")
            ),
            why="'.' is no data: unknown, not zero, and not a masked count",
        ), **base),
        _case(r, "counts-long-repeat", "long.csv", lambda: _text(
            HEAD, "SCH01,Adams,Teachers,20", "SCH01,Adams,Teachers,20",
            "SCH02,Baker,Teachers,10", "SCH02,Baker,School Administrators,1",
        ), expect(
            codes=["duplicate_category"],
            issues=[Issue("duplicate_category", 1), Issue("duplicate_category", 2)],
            rows={"rows_in": 4, "rows_loaded": 2, "rows_rejected": 2, "rows_blank": 0},
            check=lambda res: assert_equal(list(res.table.index), ["SCH02"], "campuses"),
            why="a school and category twice, even with one value: both rows are errors",
        ), **base),
        _case(r, "counts-long-category-spelled-twice", "long.csv", lambda: _text(
            HEAD, "SCH01,Adams,Elementary Teachers,20", "SCH01,Adams,ELEMENTARY  teachers,20",
            "SCH02,Baker,Teachers,5",
        ), expect(
            codes=["duplicate_category"],
            issues=[Issue("duplicate_category", 1), Issue("duplicate_category", 2)],
            rows={"rows_in": 3, "rows_loaded": 1, "rows_rejected": 2},
            why="categories match without case or spacing: one category twice for SCH01",
        ), **base),
        _case(r, "counts-long-unmapped-once", "long.csv", lambda: _text(
            HEAD, "SCH01,Adams,Teachers,20", "SCH01,Adams,Nurses,1", "SCH02,Baker,Teachers,10",
            "SCH02,Baker,Nurses,2", "SCH03,Cole,Nurses,0.5",
        ), expect(
            codes=["unmapped_category"],
            issues=[Issue("unmapped_category", 2, "category", "warning", text=("3 row(s)",))],
            rows={"rows_in": 5, "rows_loaded": 5},
            check=all_of(
                lambda res: assert_equal(
                    int((res.issues["code"] == "unmapped_category").sum()), 1, "warnings"
                ),
                lambda res: assert_equal(
                    float(res.table["unmapped:Nurses"].sum()), 3.5, "nurse FTE kept"
                ),
                _column_is("teacher_fte", "SCH03", None),
            ),
            why="an unknown category is reported once with its rows and kept in its own column",
        ), **base),
        _case(r, "counts-long-no-teacher-category", "long.csv", lambda: _text(
            HEAD, "SCH01,Adams,Nurses,1", "SCH02,Baker,Nurses,2",
        ), expect(
            raises="RosterError",
            codes=["missing_column"],
            allowed=["unmapped_category"],
            issues=[Issue("missing_column", field="teacher_fte", text=("Nurses",))],
            why="no category maps to teacher_fte: nothing to count, say which categories exist",
        ), **base),
        _case(r, "counts-long-id-case-variant", "long.csv", lambda: _text(
            HEAD, "SCH01,Adams,Teachers,20", "sch01,Adams,School Administrators,1",
            "SCH02,Baker,Teachers,10",
        ), expect(
            codes=["id_variant"],
            issues=[Issue("id_variant", 1, "school_id"), Issue("id_variant", 2, "school_id")],
            rows={"rows_in": 3, "rows_loaded": 1, "rows_rejected": 2},
            why="SCH01 and sch01 may or may not be one campus: errors, never merged",
        ), **base),
        _case(r, "counts-long-total-conflict", "long.csv", lambda: _text(
            HEAD, "SCH01,Adams,Elementary Teachers,20", "SCH01,Adams,Secondary Teachers,10",
            "SCH01,Adams,Teachers,31",
        ), expect(
            codes=["conflicting_value"],
            issues=[Issue("conflicting_value", 3, "fte", "warning", text=("31", "30"))],
            rows={"rows_in": 3, "rows_loaded": 3},
            check=_column_is("teacher_fte", "SCH01", 30.0),
            why="a total that disagrees with its parts is reported; the parts are used",
        ), **base),
        _case(r, "counts-long-dataframe-inf", None, lambda: pd.DataFrame({
            "school_id": ["SCH01", "SCH02", "SCH03"], "category": ["Teachers"] * 3,
            "fte": [20.0, float("inf"), 5.0],
        }), expect(
            exact=False,
            issues=[Issue(row=2, field="fte", severity="error")],
            rows={"rows_in": 3, "rows_loaded": 2, "rows_rejected": 1, "rows_blank": 0},
            why="infinitely many teachers is an error on its row",
        ), **base),
    ]  # fmt: skip


# ------------------------------------------------------------------ OneRoster

ORGS = _text(
    "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId",
    "D1,,,Riverside,district,,", "S1,,,Adams,school,,D1", "S2,,,Baker,school,,D1",
)  # fmt: skip
USERS_HEAD = "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,givenName,familyName"
USERS = (
    "U1,,,true,S1,administrator,Ana,Ruiz", "U2,,,true,S1,teacher,Ben,Ode",
    "U3,,,true,S2,teacher,Cy,Lee", "U4,,,true,S2,student,Di,Ray",
)  # fmt: skip


def _export(users: bytes, **more: bytes) -> Callable[[], dict[str, bytes]]:
    return lambda: (
        {"export/orgs.csv": ORGS, "export/users.csv": users}
        | {f"export/{name}": data for name, data in more.items()}
    )


def _staff_rows(expected: list[tuple[str, str]]) -> Callable[[Any], None]:
    def check(result: Any) -> None:
        got = sorted(zip(result.staff["school_id"], result.staff["staff_id"], strict=True))
        assert got == sorted(expected), f"staff rows {got}, expected {sorted(expected)}"

    return check


def oneroster_cases() -> list[Case]:
    r = "read_oneroster"
    plain = _text(USERS_HEAD, *USERS)
    return [
        _case(r, "oneroster-zip-bomb", "export.zip", lambda: _zip({
            "orgs.csv": ORGS, "users.csv": _text(USERS_HEAD, *USERS) + b" " * 400_000,
        }), expect(
            raises="RosterError",
            codes=["file_too_large"],
            why="users.csv unpacks to 400 KB in an archive of 2 KB: refused by the size guard "
            "as it unpacks, never read whole",
        ), max_bytes=100_000),
        _case(r, "oneroster-not-a-zip", "export.zip",
              lambda: b"PK\x03\x04" + bytes(range(256)) * 8, expect(
            raises="RosterError",
            codes=["unreadable_file"],
            why="a file named .zip that is no zip archive: unreadable_file",
        )),
        _case(r, "oneroster-missing-users", "export", lambda: {"export/orgs.csv": ORGS}, expect(
            raises="RosterError",
            codes=["missing_file"],
            issues=[Issue("missing_file", table="users", text=("users.csv",))],
            why="an export without users.csv: nothing to load, say which file is missing",
        )),
        _case(r, "oneroster-two-users-files", "export.zip", lambda: _zip({
            "orgs.csv": ORGS, "2024/users.csv": plain, "2025/users.csv": plain,
        }), expect(
            raises="RosterError",
            codes=["ambiguous_file"],
            issues=[Issue("ambiguous_file", text=("2024/users.csv", "2025/users.csv"))],
            why="two users.csv in one archive: leadmodel cannot tell which export to read",
        )),
        _case(r, "oneroster-duplicate-user-id", "export", _export(_text(
            USERS_HEAD, "U1,,,true,S1,administrator,Ana,Ruiz", "U2,,,true,S1,teacher,Ben,Ode",
            "U2,,,true,S2,teacher,Cy,Lee", "U3,,,true,S2,teacher,Di,Ray",
        )), expect(
            codes=["duplicate_id"],
            allowed=["role_assumed"],
            issues=[
                Issue("duplicate_id", 2, "sourced_id", table="users"),
                Issue("duplicate_id", 3, "sourced_id", table="users"),
            ],
            rows={"rows_in": 2, "rows_loaded": 2, "rows_rejected": 0, "rows_blank": 0},
            check=all_of(
                _staff_rows([("S1", "U1"), ("S2", "U3")]),
                accounting_of("users", [4, 2, 2, 0]),
            ),
            why="two users with one sourcedId: both rows are errors, neither is guessed right",
        )),
        _case(r, "oneroster-unknown-org", "export", _export(_text(
            USERS_HEAD, USERS[0], "U2,,,true,\"S1,S9\",teacher,Ben,Ode", *USERS[2:],
        )), expect(
            codes=["unknown_org"],
            allowed=["role_assumed", "not_staff"],
            issues=[Issue("unknown_org", 2, "org_sourced_ids", "error", "users")],
            rows={"rows_in": 2, "rows_loaded": 2},
            check=all_of(
                _staff_rows([("S1", "U1"), ("S2", "U3")]),
                accounting_of("users", [4, 3, 1, 0]),
            ),
            why="a user in an org orgs.csv lacks: an error, the user is left out whole",
        )),
        _case(r, "oneroster-org-id-variant", "export", _export(_text(
            USERS_HEAD, USERS[0], "U2,,,true,s1,teacher,Ben,Ode", *USERS[2:],
        )), expect(
            codes=["id_variant"],
            allowed=["role_assumed", "not_staff"],
            issues=[Issue("id_variant", 2, "org_sourced_ids", "error", "users")],
            check=_staff_rows([("S1", "U1"), ("S2", "U3")]),
            why="'s1' is 'S1' in another case: an id variant, never the same org",
        )),
        _case(r, "oneroster-only-students", "export", _export(_text(
            USERS_HEAD, "U4,,,true,S2,student,Di,Ray", "U5,,,true,S1,student,Ed,Fox",
        )), expect(
            raises="RosterError",
            codes=["empty_file"],
            allowed=["not_staff"],
            why="an export of students only has no staff to put on a roster",
        )),
        _case(r, "oneroster-v12-bad-date", "export", _export(
            _text("sourcedId,status,dateLastModified,enabledUser,givenName,familyName",
                  "U1,,,true,Ana,Ruiz", "U2,,,true,Ben,Ode"),
            **{"roles.csv": _text(
                "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,"
                "endDate,orgSourcedId",
                "R1,,,U1,primary,teacher,2024-13-45,,S1", "R2,,,U2,primary,teacher,2024-08-01,,S1",
            )},
        ), expect(
            codes=["wrong_type"],
            issues=[Issue("wrong_type", 1, "begin_date", "error", "roles")],
            rows={"rows_in": 1, "rows_loaded": 1},
            check=accounting_of("roles", [2, 1, 1, 0]),
            why="month 13 is no date: the role is an error, never current or ended by guess",
        ), as_of="2025-01-15"),
        _case(r, "oneroster-delta-manifest", "export", _export(
            _text(USERS_HEAD, *USERS, "U5,tobedeleted,2024-06-30,true,S1,teacher,Ed,Fox"),
            **{"manifest.csv": _text(
                "propertyName,value", "oneroster.version,1.1", "file.orgs,bulk",
                "file.users,delta",
            )},
        ), expect(
            codes=["partial_export", "deleted_record"],
            allowed=["role_assumed", "not_staff"],
            issues=[
                Issue("partial_export", severity="warning", table="manifest"),
                Issue("deleted_record", 5, "status", "warning", "users"),
            ],
            check=_staff_rows([("S1", "U1"), ("S1", "U2"), ("S2", "U3")]),
            why="a delta export is only the changes: said so; a tobedeleted user is left out",
        )),
        _case(r, "oneroster-bom-crlf-spaced-list", "export", _export(_text(
            USERS_HEAD, USERS[0], "U2,,,true,\" S1, S2 ,S1\",teacher,Ben,Ode", *USERS[2:],
            eol="\r\n", bom=True,
        )), expect(
            codes=["fte_split"],
            allowed=["role_assumed", "not_staff"],
            issues=[Issue("fte_split", 2, "fte", "warning", "users")],
            rows={"rows_in": 4, "rows_loaded": 4},
            check=all_of(
                _staff_rows([("S1", "U1"), ("S1", "U2"), ("S2", "U2"), ("S2", "U3")]),
                lambda res: assert_equal(
                    res.staff.loc[res.staff["staff_id"] == "U2", "fte"].tolist(), [0.5, 0.5],
                    "U2's FTE",
                ),
            ),
            why="a BOM, CRLF and ' S1, S2 ,S1' are read as the two orgs S1 and S2, once each",
        )),
    ]  # fmt: skip


# ------------------------------------------------------------------ Ed-Fi

AS_OF = "2024-10-01"
EDFI_HEAD = (
    "staffUniqueId,educationOrganizationId,staffClassificationDescriptor,positionTitle,"
    "beginDate,endDate,fullTimeEquivalency"
)
EDFI_ROWS = (
    "1,100,School Administrator,Principal,2020-08-01,,1",
    "2,100,Elementary Teacher,Teacher,2020-08-01,,1",
    "3,100,Elementary Teacher,Teacher,2021-08-01,,1",
)


def _records(**changes: Any) -> list[dict[str, Any]]:
    """Three assignments as the ODS/API returns them; ``changes`` ({"1": {...}}) by record."""
    out = []
    for k, (staff, cls, title) in enumerate(
        (("1", "School Administrator", "Principal"), ("2", "Elementary Teacher", "Teacher"),
         ("3", "Elementary Teacher", "Teacher")), start=0,
    ):  # fmt: skip
        rec: dict[str, Any] = {
            "id": f"a{k}",
            "educationOrganizationReference": {
                "educationOrganizationId": 100,
                "link": {"rel": "School", "href": "/ed-fi/schools/s100"},
            },
            "staffReference": {"staffUniqueId": staff, "link": {"rel": "Staff", "href": "/x"}},
            "staffClassificationDescriptor": f"uri://ed-fi.org/StaffClassificationDescriptor#{cls}",
            "beginDate": "2020-08-01",
            "positionTitle": title,
            "_etag": f"5{k}",
            "_lastModifiedDate": "2024-09-01T00:00:00Z",
            "_ext": {"tx": {"tenure": k}},
        }
        rec.update(changes.get(str(k), {}))
        out.append(rec)
    return out


def _json(records: Any) -> Callable[[], bytes]:
    return lambda: json.dumps(records).encode("utf-8")


def edfi_cases() -> list[Case]:
    r = "read_edfi"
    return [
        _case(r, "edfi-api-metadata-fields", "assignments.json", _json(_records()), expect(
            codes=[],
            rows={"rows_in": 3, "rows_loaded": 3, "rows_rejected": 0, "rows_blank": 0},
            why="the API's _etag, _lastModifiedDate, _ext and link objects are not the "
            "reader's fields: not refused; the reference's link rel names the school",
        ), as_of=AS_OF),
        _case(r, "edfi-json-object-not-list", "assignments.json",
              _json({"data": _records()}), expect(
            raises="RosterError",
            codes=["unreadable_file"],
            why="an object where the API returns a list of records: unreadable_file",
        ), as_of=AS_OF),
        _case(r, "edfi-json-list-in-title", "assignments.json",
              _json(_records(**{"1": {"positionTitle": ["Teacher", "Coach"]}})), expect(
            codes=["nested_value"],
            issues=[Issue("nested_value", 2, "position_title", "error")],
            rows={"rows_in": 2, "rows_loaded": 2},
            check=accounting_of("assignments", [3, 2, 1, 0]),
            why="a list for a position title is no title: an error on its row",
        ), as_of=AS_OF),
        _case(r, "edfi-flatten-clash", "assignments.json",
              _json(_records(**{"0": {"staffReference.staffUniqueId": "9"}})), expect(
            raises="RosterError",
            codes=["unreadable_file"],
            why="a record giving staffReference.staffUniqueId twice (dotted and nested): "
            "leadmodel cannot tell which, so the file is unreadable",
        ), as_of=AS_OF),
        _case(r, "edfi-us-dates", "assignments.csv", lambda: _text(
            EDFI_HEAD, EDFI_ROWS[0], "2,100,Elementary Teacher,Teacher,08/01/2020,,1", EDFI_ROWS[2],
        ), expect(
            codes=["wrong_type"],
            allowed=["schools_assumed"],
            issues=[Issue("wrong_type", 2, "begin_date", "error", "assignments")],
            check=accounting_of("assignments", [3, 2, 1, 0]),
            why="08/01/2020 is August or January: not read as a date, an error",
        ), as_of=AS_OF),
        _case(r, "edfi-fte-over-one", "assignments.csv", lambda: _text(
            EDFI_HEAD, *EDFI_ROWS[:2], "3,100,Elementary Teacher,Teacher,2021-08-01,,1.5",
        ), expect(
            codes=["fte_out_of_range"],
            allowed=["schools_assumed"],
            issues=[Issue("fte_out_of_range", 3, "full_time_equivalency", "error")],
            check=accounting_of("assignments", [3, 2, 1, 0]),
            why="an assignment of 1.5 FTE: an error on its row, not clipped to 1",
        ), as_of=AS_OF),
        _case(r, "edfi-repeated-assignment", "assignments.csv", lambda: _text(
            EDFI_HEAD, *EDFI_ROWS[:2], EDFI_ROWS[1],
        ), expect(
            codes=["duplicate_id"],
            allowed=["schools_assumed"],
            issues=[Issue("duplicate_id", 2), Issue("duplicate_id", 3)],
            rows={"rows_in": 1, "rows_loaded": 1},
            check=accounting_of("assignments", [3, 1, 2, 0]),
            why="one assignment (staff, organization, classification, begin date) twice",
        ), as_of=AS_OF),
        _case(r, "edfi-all-ended", "assignments.csv", lambda: _text(
            EDFI_HEAD, *(row.replace(",,1", ",2023-06-30,1") for row in EDFI_ROWS),
        ), expect(
            raises="RosterError",
            codes=["empty_file"],
            allowed=["not_current"],
            why="every assignment ended before as_of: no one to put on the roster",
        ), as_of=AS_OF),
        _case(r, "edfi-zip-without-assignments", "edfi.zip", lambda: _zip({
            "staffs.json": b'[{"staffUniqueId": "1", "firstName": "Ana"}]',
        }), expect(
            raises="RosterError",
            codes=["missing_file"],
            why="an archive without the assignments resource: nothing to read",
        ), as_of=AS_OF),
        _case(r, "edfi-fte-given-in-one-school-only", "assignments.csv", lambda: _text(
            EDFI_HEAD, *EDFI_ROWS[:2], "1,200,School Administrator,Principal,2020-08-01,,",
        ), expect(
            codes=["fte_over_one"],
            allowed=["schools_assumed"],
            issues=[Issue("fte_over_one", table="staff")],
            rows={"rows_in": 3, "rows_loaded": 1, "rows_rejected": 2, "rows_blank": 0},
            why="staff 1 is 1.0 FTE at 100 and has an assignment at 200 with no FTE: the "
            "default would make 2.0, an error on both staff rows, never a silent 0",
        ), as_of=AS_OF),
    ]  # fmt: skip


def standards_cases() -> list[Case]:
    return [*counts_long_cases(), *oneroster_cases(), *edfi_cases()]
