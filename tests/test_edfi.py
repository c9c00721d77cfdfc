"""Ed-Fi staff assignments (issue 18, item 6).

``tests/data/edfi/api`` holds three resources as the Ed-Fi ODS/API returns them (JSON lists,
references nested, API fields such as ``_etag``), written from the Ed-Fi Data Standard:
13 StaffEducationOrganizationAssignmentAssociations, 8 Staff and 3 Schools. ``tests/data/edfi/csv``
holds 6 assignments as a flat CSV export. Every expected figure below is worked out by hand.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest

import leadmodel as lm

DATA = Path(__file__).parent / "data" / "edfi"
API, CSV = DATA / "api", DATA / "csv"
ASSIGNMENTS = API / "staffEducationOrganizationAssignmentAssociations.json"
AS_OF = "2024-10-01"


@pytest.fixture(scope="module")
def roster() -> lm.Roster:
    return lm.read_edfi(API, as_of=AS_OF, strict=False)


def _issues(roster: lm.Roster) -> list[tuple[str, int | None, str]]:
    issues = roster.issues
    rows = zip(issues["table"], issues["row"], issues["code"], strict=True)
    found = [(t, None if pd.isna(r) else int(r), c) for t, r, c in rows]
    return sorted(found, key=lambda i: (i[0], -1 if i[1] is None else i[1], i[2]))


def test_staff_schools_people_and_fte(roster: lm.Roster) -> None:
    staff = roster.staff.set_index(["school_id", "staff_id"])
    elementary, middle = "255901001", "255901044"
    assert sorted(staff.index) == [
        (elementary, "207"), (elementary, "208"), (elementary, "209"), (elementary, "210"),
        (middle, "210"), (middle, "211"),
    ]  # fmt: skip
    assert roster.staff["staff_id"].nunique() == 5
    # the Schools resource gives three schools; the high school has no staff and is kept
    schools = roster.schools.set_index("school_id")
    assert list(schools.index) == [elementary, middle, "255901107"]
    assert schools.loc[middle, ["name", "district_id"]].tolist() == [
        "Grand Bend Middle School", "255901"
    ]  # fmt: skip
    roles = staff["role"]
    assert roles[(elementary, "207")] == "principal"  # School Administrator titled Principal
    assert roles[(elementary, "208")] == "assistant_principal"  # titled Administrator: assumed
    assert roles[(elementary, "209")] == "team_lead"  # Elementary Teacher titled Team Lead
    assert roles[(middle, "211")] == "instructional_coach"  # coordinator titled Instructional Coach
    assert staff.loc[(middle, "211"), "title"] == "Instructional Coach; Science Teacher"
    assert staff.loc[(elementary, "207"), "name"] == "Ana Ruiz"
    # FTE given: 209 1.0, 210 0.5 + 0.5, 211 0.6 + 0.4 (one row) = 3.0; 207, 208: none given,
    # one school each, the default 1.0 each: 3.0 + 2.0 = 5.0
    assert staff.loc[(middle, "211"), "fte"] == 1.0
    assert staff.loc[(elementary, "210"), "fte"] == staff.loc[(middle, "210"), "fte"] == 0.5
    assert roster.staff["fte"].sum() == pytest.approx(5.0)


def test_every_assignment_is_placed_or_reported(roster: lm.Roster) -> None:
    acc = roster.accounting()
    assert acc.loc["assignments"].tolist() == [13, 9, 4, 0]
    assert acc.loc["staff_records"].tolist() == [8, 8, 0, 0]
    assert acc.loc["school_records"].tolist() == [3, 3, 0, 0]
    # 13 assignments = 6 staff rows + 1 combined (row 7 into row 6) + 1 in the district
    # (row 9) + 1 not yet begun (row 13) + 4 rejected (rows 8 and 12 repeat one record, row 10
    # has a state classification code, row 11 a staff member the Staff resource lacks)
    assert len(roster.staff) + 1 + 1 + 1 + 4 == 13
    assert _issues(roster) == [
        ("assignments", 2, "role_assumed"),
        ("assignments", 7, "roles_combined"),
        ("assignments", 8, "duplicate_id"),
        ("assignments", 9, "not_a_school"),
        ("assignments", 10, "unknown_role"),
        ("assignments", 11, "unknown_staff"),
        ("assignments", 12, "duplicate_id"),
        ("assignments", 13, "not_current"),
    ]
    unknown = roster.issues.set_index("code").loc["unknown_role"]
    assert unknown["value"] == "087" and "role_map=" in unknown["fix"]


def test_resources_given_one_by_one_or_zipped_read_the_same(
    roster: lm.Roster, tmp_path: Path
) -> None:
    apart = lm.read_edfi(
        ASSIGNMENTS,
        staff=API / "staffs.json",
        schools=API / "schools.json",
        as_of=AS_OF,
        strict=False,
    )
    assert apart.equals(roster)
    archive = tmp_path / "edfi.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for f in sorted(API.iterdir()):
            z.write(f, f.name)
    assert lm.read_edfi(archive, as_of=AS_OF, strict=False).equals(roster)


def test_without_the_schools_resource_the_api_reference_tells_schools() -> None:
    alone = lm.read_edfi(ASSIGNMENTS, as_of=AS_OF, strict=False)
    # no Staff resource: 299 is not checked (placed, no name); the LEA (link rel
    # LocalEducationAgency) is still no school; rows 8, 12 (repeat) and 10 (087) are rejected
    assert sorted(alone.staff["staff_id"]) == ["207", "208", "209", "210", "210", "211", "299"]
    assert alone.staff["name"].isna().all()
    assert "schools_assumed" not in set(alone.issues["code"])
    assert alone.accounting().loc["assignments"].tolist() == [13, 10, 3, 0]


def test_a_flat_csv_export_without_schools_takes_every_organization_for_a_school() -> None:
    flat = lm.read_edfi(CSV, as_of=AS_OF, strict=False)
    staff = flat.staff.set_index("staff_id")
    assert staff["role"].to_dict() == {
        "207": "principal",  # School Administrator titled Principal
        "208": "dean",  # titled Dean of Students
        "209": "teacher",
        "210": "chair",  # Secondary Teacher titled Department Chair
        "212": "other",  # LEA Administrator, at the LEA: taken for a school, reported
    }
    assert "211" not in staff.index  # ended 2024-06-30
    codes = flat.issues.set_index("code")
    assert "255901, 255901001, 255901044" in codes.loc["schools_assumed", "message"]
    assert flat.accounting().loc["assignments"].tolist() == [6, 6, 0, 0]


def test_role_map_reads_a_state_classification() -> None:
    mapped = lm.read_edfi(API, as_of=AS_OF, role_map={"087": "specialist"}, strict=False)
    assert mapped.staff.set_index("staff_id").loc["214", "role"] == "specialist"


def test_as_of_decides_which_assignments_are_current() -> None:
    later = lm.read_edfi(API, as_of="2025-02-01", strict=False)
    places = set(zip(later.staff["school_id"], later.staff["staff_id"], strict=True))
    assert ("255901044", "209") in places  # row 13 began on 2025-01-06
    assert later.source["as_of"] == "2025-02-01"


def test_strict_raises_with_every_error() -> None:
    with pytest.raises(lm.RosterError) as err:
        lm.read_edfi(API, as_of=AS_OF)
    errors = err.value.issues[err.value.issues["severity"] == "error"]
    assert sorted(errors["row"].tolist()) == [8, 10, 11, 12]


def test_fte_given_in_one_school_leaves_the_rest_to_the_other() -> None:
    frame = pd.DataFrame(
        {
            "staffUniqueId": ["7", "7", "8"],
            "educationOrganizationId": ["1", "2", "1"],
            "staffClassificationDescriptor": ["Elementary Teacher"] * 3,
            "beginDate": ["2024-08-01"] * 3,
            "fullTimeEquivalency": ["0.7", None, None],
        }
    )
    roster = lm.read_edfi(frame, as_of=AS_OF, strict=False)
    fte = roster.staff.set_index(["staff_id", "school_id"])["fte"]
    # 7: 0.7 given at school 1, none at school 2: 1.0 - 0.7 = 0.3 there; 8: one school, 1.0
    assert fte.to_dict() == {("7", "1"): 0.7, ("7", "2"): 0.3, ("8", "1"): 1.0}
    split = roster.issues.set_index("code").loc["fte_split"]
    assert split["staff_id"] == "7" and "each of those gets 0.3" in split["message"]
