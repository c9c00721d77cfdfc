"""Pydantic models: field validation and conversion to the canonical roster."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

import leadmodel as lm
from leadmodel import Link, ReleaseTime, RosterError, School, StaffMember


def _school() -> School:
    return School(
        school_id="S1",
        level="elementary",
        enrollment=300,
        staff=[
            StaffMember(staff_id="P1", role="principal"),
            StaffMember(
                staff_id="L1",
                role="team_lead",
                grade="2",
                release=ReleaseTime(fraction=0.5, purpose="lead grade 2"),
            ),
            StaffMember(staff_id="T1", role="teacher", grade="2", fte=0.8, **{"Badge": "B-7"}),
        ],
        links=[
            Link(leader_id="P1", staff_id="L1", relation="develops"),
            Link(leader_id="L1", staff_id="T1", relation="develops"),
            Link(leader_id="L1", staff_id="T1", relation="evaluation_input"),
        ],
    )


def test_school_to_roster_flattens_release_and_keeps_extras() -> None:
    roster = lm.roster_from_schools(_school())
    lead = roster.staff.set_index("staff_id").loc["L1"]
    assert (lead["release_fte"], lead["release_purpose"]) == (0.5, "lead grade 2")
    assert roster.staff.set_index("staff_id").loc["T1", "Badge"] == "B-7"
    assert roster.links["school_id"].tolist() == ["S1", "S1", "S1"]
    (back,) = roster.to_schools()
    # canonical order is by staff id; every member now carries the extra column
    assert [m.staff_id for m in back.staff] == ["L1", "P1", "T1"]
    assert back.staff[2].model_extra == {"Badge": "B-7"}
    assert back.staff[0].release == ReleaseTime(fraction=0.5, purpose="lead grade 2")
    assert lm.roster_from_schools(back).equals(roster)


@pytest.mark.parametrize(
    ("field", "value"),
    [("fte", 0.0), ("incumbents", -1), ("salary", -1.0), ("staff_id", "  ")],
)
def test_staff_member_rejects_bad_fields(field: str, value: object) -> None:
    kwargs = {"staff_id": "T1", "role": "teacher", field: value}
    with pytest.raises(ValidationError):
        StaffMember(**kwargs)  # type: ignore[arg-type]


def test_release_fraction_must_be_a_share() -> None:
    with pytest.raises(ValidationError):
        ReleaseTime(fraction=1.2)


def test_unknown_relation_is_rejected_by_the_model() -> None:
    with pytest.raises(ValidationError):
        Link(leader_id="a", staff_id="b", relation="mentors")  # type: ignore[arg-type]


def test_staff_of_another_school_inside_a_school_is_rejected() -> None:
    with pytest.raises(ValidationError, match="another school"):
        School(school_id="S1", staff=[StaffMember(staff_id="T", school_id="S2", role="teacher")])


def test_cross_reference_problems_raise_roster_error() -> None:
    school = School(
        school_id="S1",
        staff=[StaffMember(staff_id="T1", role="teacher")],
        links=[Link(leader_id="ghost", staff_id="T1", relation="evaluates")],
    )
    with pytest.raises(RosterError) as info:
        lm.roster_from_schools(school)
    assert info.value.issues["code"].tolist() == ["unknown_staff"]


def test_district_json_round_trip(tmp_path) -> None:  # type: ignore[no-untyped-def]
    roster = lm.roster_from_schools(_school())
    path = lm.write_roster(roster, tmp_path / "d.json")
    assert lm.read_roster(path).equals(roster)


def test_a_vacant_position_has_no_incumbent() -> None:
    assert StaffMember(staff_id="V1", role="teacher", vacant=True, incumbents=0).vacant
    with pytest.raises(ValidationError, match="vacant position has no incumbent"):
        StaffMember(staff_id="V1", role="teacher", vacant=True)  # incumbents defaults to 1
    with pytest.raises(ValidationError, match="no incumbent is vacant"):
        StaffMember(staff_id="V1", role="teacher", incumbents=0)
    # a position above one FTE is a position (one person's FTE is checked across schools)
    assert StaffMember(staff_id="P1", role="teacher", fte=1.2).fte == 1.2
