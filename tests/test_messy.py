"""Messy input: every problem reported, nothing lost, same answer in any row order."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import leadmodel as lm
from leadmodel import RosterError
from tests.strategies import rosters

STAFF = "staff_id,school_id,role\nP,S,principal\nT1,S,teacher\nT2,S,teacher\n"


def _codes(roster: lm.Roster) -> list[tuple[object, str]]:
    return list(zip(roster.issues["row"], roster.issues["code"], strict=True))


def test_decimal_commas_are_reported_not_multiplied() -> None:
    frame = pd.DataFrame(
        {
            "staff_id": ["a", "b", "c"],
            "school_id": ["s"] * 3,
            "role": ["teacher"] * 3,
            "release_fte": ["0,1", "0.1", "10%"],
            "salary": ["52,000.50", "1,234,567", "52.000,50"],
        }
    )
    roster = lm.read_roster(frame, strict=False)
    # "0,1" and "52.000,50" are not numbers in the file's dot-decimal convention
    assert _codes(roster) == [(1, "wrong_type"), (3, "wrong_type")]
    row = roster.staff.set_index("staff_id").loc["b"]
    assert (row["release_fte"], row["salary"]) == (0.1, 1234567.0)


def test_utf16_and_mixed_encodings(tmp_path: Path) -> None:
    utf16 = tmp_path / "unicode.txt"
    utf16.write_bytes("staff_id\tschool_id\trole\tname\nT1\tS\tteacher\tZoë\n".encode("utf-16"))
    assert lm.read_roster(utf16).staff["name"].tolist() == ["Zoë"]
    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes(
        b"staff_id,school_id,role,name\nT1,S,teacher,Jos\xc3\xa9\n"
        + "T2,S,teacher,Müller\n".encode("cp1252")
    )
    roster = lm.read_roster(mixed)
    assert roster.staff["name"].tolist() == ["José", "Müller"]
    warning = roster.issues.iloc[0]
    assert (warning["code"], warning["severity"]) == ("mixed_encoding", "warning")
    assert "lines 3 were read as Windows-1252" in warning["message"]


def test_extra_columns_on_links_and_teams_are_kept(tmp_path: Path) -> None:
    staff = pd.read_csv(pd.io.common.StringIO(STAFF), dtype=str).assign(team_id=["G", "G", "G"])
    links = pd.DataFrame(
        {
            "leader_id": ["P"],
            "staff_id": ["T1"],
            "relation": ["develops"],
            "Start Date": ["2024-08-01"],
        }
    )
    teams = pd.DataFrame({"school_id": ["S"], "team_id": ["G"], "Meeting Day": ["Tue"]})
    roster = lm.read_roster(staff, links=links, teams=teams)
    assert roster.links["Start Date"].tolist() == ["2024-08-01"]
    assert roster.teams["Meeting Day"].tolist() == ["Tue"]
    for target in (tmp_path / "d", tmp_path / "r.json", tmp_path / "r.xlsx"):
        assert lm.read_roster(lm.write_roster(roster, target)).equals(roster)
    assert lm.roster_from_graph(lm.graph_from_roster(roster)).equals(roster)


def test_rejected_school_row_keeps_its_staff_with_a_clear_warning() -> None:
    staff = pd.DataFrame({"staff_id": ["T"], "school_id": ["S1"], "role": ["teacher"]})
    schools = pd.DataFrame({"school_id": ["S1"], "level": ["college"]})
    roster = lm.read_roster(staff, schools=schools, strict=False)
    assert roster.issues[["table", "code", "severity"]].values.tolist() == [
        ["schools", "invalid_value", "error"],
        ["staff", "school_row_rejected", "warning"],
    ]
    assert roster.schools["school_id"].tolist() == ["S1"]
    assert pd.isna(roster.schools.loc[0, "level"])
    assert roster.accounting().loc["schools"].tolist() == [1, 0, 1, 0]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bad.json", b'[{"staff_id": 1,'),
        ("bad.xlsx", b"not a zip file"),
        ("bad.parquet", b"PAR1 nonsense"),
    ],
)
def test_corrupt_files_raise_unreadable_file(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(RosterError) as info:
        lm.read_roster(path)
    assert info.value.issues["code"].tolist() == ["unreadable_file"]


def test_json_records_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "staff.json"
    path.write_bytes(b"\xef\xbb\xbf" + b'[{"staff_id": "T1", "school_id": "S", "role": "teacher"}]')
    assert lm.read_roster(path).staff["staff_id"].tolist() == ["T1"]


def test_duplicate_links_count_as_loaded_and_input_wins() -> None:
    staff = pd.read_csv(pd.io.common.StringIO(STAFF), dtype=str)
    links = pd.DataFrame(
        {
            "leader_id": ["P", "P"],
            "staff_id": ["T1", "T1"],
            "relation": ["develops", "develops"],
            "source": ["inferred:principal_ap_split", "input"],
        }
    )
    roster = lm.read_roster(staff, links=links)
    assert roster.links["source"].tolist() == ["input"]  # the input row is kept, not the first
    assert roster.accounting().loc["links"].tolist() == [2, 2, 0, 0]
    assert _codes(roster) == [(1, "duplicate_link")]


def test_empty_links_file_is_as_if_absent(tmp_path: Path) -> None:
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "staff.csv").write_text(STAFF)
    (folder / "links.csv").write_text("")
    roster = lm.read_roster(folder)
    assert roster.links.empty and roster.issues.empty


def test_reserved_column_names() -> None:
    frame = pd.DataFrame({"staff_id": ["a"], "school_id": ["s"], "role": ["teacher"], "_row": [1]})
    with pytest.raises(RosterError) as info:
        lm.read_roster(frame)
    assert info.value.issues[["code", "field"]].values.tolist() == [["reserved_column", "_row"]]


def test_team_in_unknown_school() -> None:
    staff = pd.read_csv(pd.io.common.StringIO(STAFF), dtype=str)
    teams = pd.DataFrame({"school_id": ["S", "ZZ"], "team_id": ["G", "G"]})
    roster = lm.read_roster(staff, teams=teams, strict=False)
    assert roster.issues[["table", "row", "code"]].values.tolist() == [
        ["teams", 2, "unknown_school"]
    ]


def test_semicolon_file_with_commas_in_fields(tmp_path: Path) -> None:
    path = tmp_path / "staff.csv"
    path.write_text(
        "staff_id;school_id;role;name\nT1;S;teacher;Lovelace, Ada\nT2;S;teacher;Noether, E\n"
    )
    assert lm.read_roster(path).staff["name"].tolist() == ["Lovelace, Ada", "Noether, E"]


def test_same_ids_in_two_schools_are_not_a_cycle() -> None:
    staff = pd.DataFrame(
        {
            "staff_id": ["A", "B", "A", "B"],
            "school_id": ["S1", "S1", "S2", "S2"],
            "role": ["principal", "assistant_principal"] * 2,
            "fte": [0.5] * 4,
        }
    )
    links = pd.DataFrame(
        {
            "leader_id": ["A", "B"],
            "staff_id": ["B", "A"],
            "relation": ["supervises"] * 2,
            "school_id": ["S1", "S2"],
        }
    )
    roster = lm.read_roster(staff, links=links)
    assert len(roster.links) == 2 and roster.issues.empty


def test_blank_rows_are_skipped_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "staff.csv"
    path.write_text(STAFF + ",,\n,,\n")
    roster = lm.read_roster(path)
    assert len(roster.staff) == 3
    assert roster.accounting().loc["staff"].tolist() == [5, 3, 0, 2]
    assert _codes(roster) == [(4, "blank_row"), (5, "blank_row")]


def test_comma_separated_leader_lists() -> None:
    staff = pd.read_csv(pd.io.common.StringIO(STAFF), dtype=str).assign(
        coach_id=[None, "P, T2", None]
    )
    roster = lm.read_roster(staff)
    assert sorted(roster.links["leader_id"]) == ["P", "T2"]


@pytest.mark.slow  # a property test of messy files (8 s)
@settings(max_examples=30, deadline=None)
@given(roster=rosters(), seed=st.randoms(use_true_random=False))
def test_row_order_does_not_change_the_roster(roster: lm.Roster, seed: object) -> None:
    staff = roster.staff.sample(frac=1, random_state=seed.randint(0, 10**6))  # type: ignore[attr-defined]
    links = roster.links.sample(frac=1, random_state=seed.randint(0, 10**6))  # type: ignore[attr-defined]
    again = lm.read_roster(staff, links=links, schools=roster.schools.iloc[::-1])
    assert again.equals(roster)


@pytest.mark.slow  # a property test of messy files (8 s)
@settings(max_examples=30, deadline=None)
@given(roster=rosters(), drop=st.integers(0, 5), bad_role=st.integers(0, 5))
def test_accounting_always_adds_up(roster: lm.Roster, drop: int, bad_role: int) -> None:
    staff = roster.staff.copy()
    staff.loc[staff.index[bad_role % len(staff)], "role"] = "Wizard"  # one bad row
    links = roster.links.drop(roster.links.index[: drop % (len(roster.links) + 1)])
    result = lm.read_roster(staff, links=links, strict=False)
    acc = result.accounting()
    assert (acc["rows_in"] == acc["rows_loaded"] + acc["rows_rejected"] + acc["rows_blank"]).all()
    errors = result.issues[result.issues["severity"] == "error"]
    rejected_rows = set(errors.loc[errors["table"] == "staff", "row"])
    assert acc.loc["staff", "rows_rejected"] == len(rejected_rows) >= 1
    assert acc.loc["staff", "rows_loaded"] == len(result.staff)


def test_placeholders_are_read_as_empty_and_vacancies_kept() -> None:
    frame = pd.DataFrame(
        {
            "staff_id": ["P", "T1", "T2", "N/A"],
            "school_id": ["S"] * 4,
            "role": ["principal", "teacher", "teacher", "teacher"],
            "name": ["Ada Park", "Vacant", "NULL", "Kim Ode"],
            "years_experience": ["12", "N/D", "3", "4"],
        }
    )
    roster = lm.read_roster(frame, strict=False)
    got = roster.issues[["row", "code", "field", "severity"]].values.tolist()
    assert got == [
        [2, "masked_value", "years_experience", "warning"],  # N/D -> empty
        [2, "vacancy", "name", "warning"],  # a vacant position, kept
        [3, "masked_value", "name", "warning"],  # NULL -> empty
        [4, "masked_value", "staff_id", "warning"],  # N/A as an id -> empty ...
        [4, "missing_value", "staff_id", "error"],  # ... so the row cannot be used
    ]
    assert roster.staff["staff_id"].tolist() == ["P", "T1", "T2"]
    assert pd.isna(roster.staff.set_index("staff_id").loc["T1", "years_experience"])


def test_size_guard(tmp_path: Path) -> None:
    path = tmp_path / "staff.csv"
    path.write_text(STAFF)
    with pytest.raises(RosterError) as info:
        lm.read_roster(path, max_bytes=10)
    assert info.value.issues["code"].tolist() == ["file_too_large"]
    assert len(lm.read_roster(path).staff) == 3


@settings(max_examples=150, deadline=None)
@given(
    data=st.binary(max_size=400)
    | st.text(
        alphabet=st.sampled_from(
            list("staff_id,school_id,role\n\"';\tP1T2S teacher principal 0.5 %")
        ),
        max_size=300,
    ).map(str.encode)
)
def test_fuzzed_csv_never_escapes_as_an_unexpected_exception(
    data: bytes, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "staff.csv"
    path.write_bytes(data)
    try:
        roster = lm.read_roster(path, strict=False)
    except (RosterError, lm.DefinitionError):
        return
    acc = roster.accounting()
    assert (acc["rows_in"] == acc["rows_loaded"] + acc["rows_rejected"] + acc["rows_blank"]).all()


@settings(max_examples=100, deadline=None)
@given(
    data=st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=8),
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
        ),
        max_leaves=12,
    )
)
def test_fuzzed_json_never_escapes_as_an_unexpected_exception(
    data: object, tmp_path_factory: pytest.TempPathFactory
) -> None:
    import json

    path = tmp_path_factory.mktemp("fuzz") / "staff.json"
    path.write_text(json.dumps(data))
    try:
        lm.read_roster(path, strict=False)
    except (RosterError, lm.DefinitionError):
        return


def test_ragged_rows_are_reported_one_by_one(tmp_path: Path) -> None:
    path = tmp_path / "staff.csv"
    path.write_text(
        "staff_id,school_id,role\n"
        "P,S,principal\n"
        "T1,S,teacher,extra,x\n"  # row 2: five fields
        "T2,S\n"  # row 3: two fields
        "T3,S,teacher,,\n"  # row 4: trailing empty fields are trimmed, the row loads
    )
    roster = lm.read_roster(path, strict=False)
    errors = roster.issues[roster.issues["severity"] == "error"]
    assert errors[["row", "code", "value"]].values.tolist() == [
        [2, "ragged_row", "5"],
        [3, "ragged_row", "2"],
    ]
    # T3's two empty extra fields are dropped, with one warning for the file
    warnings = roster.issues[roster.issues["severity"] == "warning"]
    assert warnings["code"].tolist() == ["trailing_delimiter"]
    assert roster.staff["staff_id"].tolist() == ["P", "T3"]
    # 4 rows in the file: 2 loaded, 2 rejected by the reader
    assert roster.accounting().loc["staff"].tolist() == [4, 2, 2, 0]
    with pytest.raises(RosterError, match="ragged_row"):
        lm.read_roster(path)


# One corruption at a time, written to a CSV file: (column, bad value, the one reason code).
CORRUPTIONS = {
    "role": ("role", "Wizard", "unknown_role"),
    "fte": ("fte", "0", "fte_out_of_range"),
    "fte_text": ("fte", "full", "wrong_type"),
    "release": ("release_fte", "-0.2", "release_out_of_range"),
    "decimal_comma": ("fte", "0,5", "wrong_type"),
    "missing_id": ("staff_id", "", "missing_value"),
}


@pytest.mark.slow  # 150 corrupted files (8 s)
@settings(max_examples=40, deadline=None)
@given(roster=rosters(), kind=st.sampled_from(sorted(CORRUPTIONS)), pick=st.integers(0, 50))
def test_one_corruption_is_reported_exactly(
    roster: lm.Roster, kind: str, pick: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    column, bad, code = CORRUPTIONS[kind]
    staff = roster.staff[["staff_id", "school_id", "role", "fte", "release_fte"]].copy()
    teachers = np.flatnonzero(staff["role"].isin(["teacher", "team_lead"]).to_numpy())
    at = int(teachers[pick % len(teachers)])  # a teacher: no one's link depends on them
    staff = staff.astype("string")
    staff.iloc[at, staff.columns.get_loc(column)] = bad
    path = tmp_path_factory.mktemp("corrupt") / "staff.csv"
    staff.to_csv(path, index=False)
    result = lm.read_roster(path, strict=False)
    errors = result.issues[result.issues["severity"] == "error"]
    assert errors[["row", "code", "field"]].values.tolist() == [[at + 1, code, column]]
    assert result.accounting().loc["staff"].tolist() == [len(staff), len(staff) - 1, 1, 0]
    kept = roster.staff.drop(index=roster.staff.index[at])["staff_id"]
    assert result.staff["staff_id"].tolist() == kept.tolist()


def test_quoted_notes_over_several_lines_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "staff.csv"
    path.write_text('staff_id,school_id,role,name\nP,S,principal,"Park, Ada\nPrincipal, acting"\n')
    roster = lm.read_roster(path)
    assert roster.staff["name"].tolist() == ["Park, Ada\nPrincipal, acting"]


def test_links_that_are_all_rejected_are_not_called_duplicates() -> None:
    staff = pd.DataFrame(
        {"staff_id": ["P", "T"], "school_id": ["S", "S"], "role": ["principal", "teacher"]}
    )
    links = pd.DataFrame(
        {"leader_id": ["X", "X", "X"], "staff_id": ["T", "T", "P"], "relation": "develops"}
    )
    roster = lm.read_roster(staff, links=links, strict=False)
    assert set(roster.issues["code"]) == {"unknown_staff"}
