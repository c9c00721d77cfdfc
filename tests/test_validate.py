"""Validation: every problem reported at once, nothing lost, hand-checked counts."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import leadmodel as lm
from leadmodel import RosterError
from leadmodel.readers.issues import REASON_CODES
from leadmodel.readers.roster_checks import _keys_not_in

# One CSV with a different problem on each numbered line (row = data row, header not counted).
BAD_STAFF = """staff_id,school_id,role,fte,release_fte,evaluator_id
P1,S1,principal,1,,
A1,S1,AP,1,,P1
T1,S1,teacher,1,0.2,A1
T1,S1,teacher,1,,A1
t2,S1,teacher,1,,A1
T2,S1,teacher,1,,A1
T3,S1,Wizard,1,,A1
T4,S1,teacher,1,1.5,A1
T5,S1,teacher,1.2,,A1
T6,S1,teacher,full,,A1
T7,,teacher,1,,A1
T8,S1,teacher,0.6,,A1
T8,S2,teacher,0.6,,
T9,S1,teacher,1,,T9
T10,S1,teacher,1,,Z99
P2,S2,principal,1,,
T11,S1,teacher,1,,P2
"""
BAD_LINKS = """leader_id,staff_id,relation
A1,T10,mentors
P1,A1,supervises
A1,P1,supervises
"""
# row: code, worked out line by line from the CSV above
EXPECTED = {
    ("staff", 3, "duplicate_staff_id"),
    ("staff", 4, "duplicate_staff_id"),  # T1 twice in S1
    ("staff", 5, "id_variant"),
    ("staff", 6, "id_variant"),  # t2 / T2
    ("staff", 7, "unknown_role"),  # Wizard
    ("staff", 8, "release_out_of_range"),  # 1.5 > 1
    ("staff", 9, "fte_above_one"),  # 1.2: a position above one FTE, kept with a warning
    ("staff", 10, "wrong_type"),  # "full"
    ("staff", 11, "missing_value"),  # no school
    ("staff", 12, "fte_over_one"),
    ("staff", 13, "fte_over_one"),  # 0.6 + 0.6 = 1.2 > 1
    ("staff", 14, "self_link"),  # T9 evaluates T9
    ("staff", 15, "unknown_staff"),  # evaluator Z99 does not exist
    ("staff", 17, "cross_school_link"),  # P2 is in S2, T11 in S1
    ("links", 1, "unknown_relation"),  # mentors
    ("links", 2, "cycle"),
    ("links", 3, "cycle"),  # P1 -> A1 -> P1
}


def _read(strict: bool) -> lm.Roster:
    return lm.read_roster(
        pd.read_csv(io.StringIO(BAD_STAFF), dtype=str),
        links=pd.read_csv(io.StringIO(BAD_LINKS), dtype=str),
        strict=strict,
    )


def test_every_problem_is_reported_in_one_error() -> None:
    with pytest.raises(RosterError) as info:
        _read(strict=True)
    issues = info.value.issues
    got = set(zip(issues["table"], issues["row"], issues["code"], strict=True))
    assert got == EXPECTED
    assert len(set(issues["code"])) == 13  # thirteen distinct kinds of problem
    assert set(issues["code"]) <= set(REASON_CODES)
    assert issues["fix"].notna().all() and issues["message"].notna().all()
    assert "duplicate_staff_id x2" in str(info.value)


def test_non_strict_keeps_usable_rows_and_accounts_for_every_row() -> None:
    roster = _read(strict=False)
    # 17 staff rows: rows 3,4,5,6,7,8,10,11,12,13 rejected (10); the rest loaded (7), T5's
    # 1.2 FTE among them (a position above one FTE is kept, with a warning)
    assert sorted(roster.staff["staff_id"]) == ["A1", "P1", "P2", "T10", "T11", "T5", "T9"]
    acc = roster.accounting()
    assert acc.loc["staff"].tolist() == [17, 7, 10, 0]  # in, loaded, rejected, blank
    assert acc.loc["links"].tolist() == [3, 0, 3, 0]
    errors = roster.issues[roster.issues["severity"] == "error"]
    rejected_rows = set(errors.loc[errors["table"] == "staff", "row"])
    # every staff row is either loaded or named by an error
    assert rejected_rows >= {3, 4, 5, 6, 7, 8, 10, 11, 12, 13}
    # evaluator links from columns that survived: A1<-P1 and T5<-A1 (the others point at
    # rejected or bad ids)
    assert roster.links[["leader_id", "staff_id", "relation"]].values.tolist() == [
        ["A1", "T5", "evaluates"],
        ["P1", "A1", "evaluates"],
    ]


def test_missing_required_column_raises_even_when_lenient() -> None:
    frame = pd.DataFrame({"staff_id": ["a"], "role": ["teacher"]})
    with pytest.raises(RosterError) as info:
        lm.read_roster(frame, strict=False)
    assert info.value.issues[["code", "field"]].values.tolist() == [["missing_column", "school_id"]]


def test_title_alone_gives_the_role_and_unmapped_titles_are_reported() -> None:
    frame = pd.DataFrame(
        {
            "staff_id": ["1", "2", "3"],
            "school_id": ["S"] * 3,
            "title": ["Asst. Principal", "Multi-Classroom Leader", "Data Wrangler"],
        }
    )
    roster = lm.read_roster(frame, strict=False)
    assert roster.staff["role"].tolist() == ["assistant_principal", "multi_classroom_leader"]
    bad = roster.issues.iloc[0]
    assert (bad["row"], bad["code"], bad["value"]) == (3, "unknown_role", "Data Wrangler")
    assert "role_map" in bad["fix"]


def test_duplicate_links_are_kept_once_with_a_warning() -> None:
    staff = pd.DataFrame(
        {"staff_id": ["P", "T"], "school_id": ["S", "S"], "role": ["principal", "teacher"]}
    )
    links = pd.DataFrame(
        {"leader_id": ["P", "P"], "staff_id": ["T", "T"], "relation": ["develops", "Develops"]}
    )
    roster = lm.read_roster(staff, links=links)
    assert len(roster.links) == 1
    assert roster.issues[["row", "code", "severity"]].values.tolist() == [
        [2, "duplicate_link", "warning"]
    ]


def test_person_in_two_schools_is_two_rows_and_links_get_their_school() -> None:
    staff = pd.DataFrame(
        {
            "staff_id": ["P1", "P2", "T1", "T1"],
            "school_id": ["S1", "S2", "S1", "S2"],
            "role": ["principal", "principal", "teacher", "teacher"],
            "fte": [1, 1, 0.4, 0.6],
        }
    )
    links = pd.DataFrame(
        {"leader_id": ["P1", "P2"], "staff_id": ["T1", "T1"], "relation": ["evaluates"] * 2}
    )
    roster = lm.read_roster(staff, links=links)
    assert roster.links[["school_id", "leader_id"]].values.tolist() == [["S1", "P1"], ["S2", "P2"]]
    assert roster.staff.groupby("staff_id")["fte"].sum()["T1"] == 1.0  # 0.4 + 0.6


def test_release_purpose_without_fraction_is_an_error() -> None:
    frame = pd.DataFrame(
        {
            "staff_id": ["T"],
            "school_id": ["S"],
            "role": ["team_lead"],
            "release_purpose": ["lead team"],
        }
    )
    with pytest.raises(RosterError, match="release_purpose"):
        lm.read_roster(frame)


def test_schools_table_problems_are_reported() -> None:
    staff = pd.DataFrame({"staff_id": ["T"], "school_id": ["S3"], "role": ["teacher"]})
    schools = pd.DataFrame(
        {
            "school_id": ["S1", "S1", "S2"],
            "level": ["Elementary", "middle", "college"],
            "enrollment": ["500", "x", "-3"],
        }
    )
    roster = lm.read_roster(staff, schools=schools, strict=False)
    got = roster.issues[["table", "row", "code"]].values.tolist()
    assert got == [
        ["schools", 1, "duplicate_school_id"],
        ["schools", 2, "duplicate_school_id"],
        ["schools", 2, "wrong_type"],  # enrollment "x"
        ["schools", 3, "invalid_value"],  # level college
        ["schools", 3, "negative_value"],  # enrollment -3
        ["staff", 1, "school_not_listed"],  # S3 added, with a warning
    ]
    assert roster.schools["school_id"].tolist() == ["S3"]


def test_input_is_not_modified() -> None:
    frame = pd.DataFrame(
        {"Staff ID": [" a "], "school_id": ["s"], "role": ["Teacher"], "fte": ["50%"]}
    )
    before = frame.copy()
    lm.read_roster(frame)
    pd.testing.assert_frame_equal(frame, before)


def test_a_roster_and_its_input_do_not_share_storage() -> None:
    # typed columns pass into the roster without a copy; an edit on either side must not
    # reach the other (copy-on-write must know they share), nor a roster derived from it
    staff = pd.DataFrame(
        {
            "staff_id": ["p1", "t1"],
            "school_id": ["s1", "s1"],
            "role": ["principal", "teacher"],
            "fte": pd.array([1.0, 1.0], dtype="Float64"),
            "supervisor_id": [None, "p1"],
        }
    )
    roster = lm.read_roster(staff)
    roster.staff.loc[0, "fte"] = 0.25
    assert staff["fte"].tolist() == [1.0, 1.0]
    staff.loc[1, "fte"] = 0.5
    assert roster.staff["fte"].tolist() == [0.25, 1.0]
    derived = lm.with_links(roster, roster.links)
    derived.staff.loc[1, "fte"] = 0.1
    assert roster.staff["fte"].tolist() == [0.25, 1.0]


def test_extra_school_columns_are_kept_whatever_their_name() -> None:
    roster = lm.load_sample("green_dot")
    roster.schools["_region"] = "north"
    assert lm.with_links(roster, roster.links).schools["_region"].eq("north").all()


def test_fte_over_one_follows_the_person_across_schools() -> None:
    """A person is their person_id when given: positions in two schools add up per person.

    Worked out by hand: person E1 holds R1 (0.6) in S1 and R2 (0.5) in S2, 0.6 + 0.5 = 1.1 > 1
    in two schools: both rows flagged. E2 holds R3 (0.7) and R4 (0.7) in S1 alone: 1.4, but
    one school, so not flagged. E3 holds R5 (0.5) in S1 and R6 (0.5) in S2: 1.0, not above 1.
    R7 has no person_id: its staff_id stands for the person, 1.0 in S2 alone.
    """
    staff = pd.DataFrame(
        {
            "staff_id": ["R1", "R2", "R3", "R4", "R5", "R6", "R7"],
            "school_id": ["S1", "S2", "S1", "S1", "S1", "S2", "S2"],
            "role": ["teacher"] * 7,
            "fte": [0.6, 0.5, 0.7, 0.7, 0.5, 0.5, 1.0],
            "person_id": ["E1", "E1", "E2", "E2", "E3", "E3", None],
        }
    )
    roster = lm.read_roster(staff, strict=False)
    flagged = roster.issues[roster.issues["code"] == "fte_over_one"]
    assert sorted(flagged["row"].tolist()) == [1, 2]  # R1 and R2
    assert len(roster.staff) == 5  # 7 rows - the 2 flagged (errors) = 5 kept


def test_a_job_share_counts_toward_each_sharer_across_schools() -> None:
    """X1 shares position J1 in S1 with X2 (0.8 each) and holds J2 (0.5) in S2: 0.8 + 0.5 =
    1.3 > 1 in two schools, so X1's two rows are flagged; X2 holds J1 alone then (0.8, one
    incumbent). The share's own 1.6 FTE is one position's, held by two people: not a person's."""
    staff = pd.DataFrame(
        {
            "staff_id": ["P1", "J1", "J1", "J2", "P2"],
            "school_id": ["S1", "S1", "S1", "S2", "S2"],
            "role": ["principal", "teacher", "teacher", "teacher", "principal"],
            "fte": [1.0, 0.8, 0.8, 0.5, 1.0],
            "person_id": [None, "X1", "X2", "X1", None],
        }
    )
    roster = lm.read_roster(staff, strict=False)
    issues = roster.issues[["row", "code"]].values.tolist()
    assert [r for r in issues if r[1] == "fte_over_one"] == [
        [2, "fte_over_one"],
        [4, "fte_over_one"],
    ]
    shared = roster.staff.set_index("staff_id").loc["J1"]
    assert (shared["fte"], shared["person_id"], shared["incumbents"]) == (0.8, "X2", 1)
    assert roster.accounting().loc["staff"].tolist() == [5, 3, 2, 0]  # P1, J1 (X2), P2 kept


KEY_TEXT = st.one_of(st.none(), st.sampled_from(["a", "b", "c", "a "]))


@given(
    st.lists(st.tuples(KEY_TEXT, KEY_TEXT), max_size=12),
    st.lists(st.tuples(KEY_TEXT, KEY_TEXT), max_size=12),
)
def test_keys_not_in_another_table_are_the_first_of_each_missing_key(
    wanted_rows: list[tuple[str | None, str | None]],
    table_rows: list[tuple[str | None, str | None]],
) -> None:
    """The rows a staff table names that the teams table lacks: each complete key once (its
    first row), in order, when no row of the table has it (worked with plain Python sets)."""
    key = ["school_id", "team_id"]
    wanted = pd.DataFrame(wanted_rows, columns=key, dtype="string")
    table = pd.DataFrame(table_rows, columns=key, dtype="string")
    have = {tuple(r) for r in table_rows}
    expected, seen = [], set()
    for i, row in enumerate(wanted_rows):
        if None not in row and row not in have and row not in seen:
            expected.append(i)
            seen.add(row)
    assert _keys_not_in(wanted, table, key).tolist() == expected
