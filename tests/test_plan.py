"""read_plan: a strategic plan read like every other input (issue 23, item 1).

Layouts (a folder of files, a workbook of sheets, a zip, one table and keyword tables) give the
same plan; a bad plan gives the usual issues table, one row per problem with where and how to
fix it, and an accounting in which rows in = loaded + merged + rejected + blank.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest

import leadmodel as lm
from tests import plan_data as data

COLUMNS = ["table", "row", "staff_id", "field", "value", "code", "severity", "message", "fix"]


@pytest.fixture(scope="module")
def roster() -> lm.Roster:
    return data.roster()


def _same_plan(a: lm.Plan, b: lm.Plan) -> None:
    for table in ("priorities", "initiatives", "demands", "rocks", "updates"):
        left, right = getattr(a, table), getattr(b, table)
        pd.testing.assert_frame_equal(left, right, check_dtype=True, obj=table)


def test_a_clean_plan_loads_whole(roster: lm.Roster) -> None:
    plan = data.plan(roster)
    assert plan.issues["code"].tolist() == ["long_rock"]  # R4 runs 60 days, a warning
    acc = plan.accounting()
    assert acc.loc["demands"].tolist() == [7, 7, 0, 0, 0]
    assert acc.loc["updates"].tolist() == [9, 9, 0, 0, 0]
    assert plan.read_with(roster)
    assert plan.school_year == (
        pd.Timestamp("2024-08-26").date(),
        pd.Timestamp("2025-06-06").date(),
    )
    assert plan.updates["status"].tolist() == [
        "on_track",
        "on_track",
        "off_track",
        "done",
        "on_track",
        "off_track",
        "on_track",
        "on_track",
        "done",
    ]  # fmt: skip  (On Track, off track and complete read as statuses)
    assert plan.updates["progress"].tolist()[:4] == [0.2, 0.4, 0.4, 1.0]  # 20% is 0.2
    assert plan.demands["role"].tolist()[0] == "administrator"  # a category
    assert repr(plan).startswith("<Plan: 2 priorities, 4 initiatives (2 serving a priority)")


def test_layouts_give_the_same_plan(roster: lm.Roster, tmp_path: Path) -> None:
    tables = data.tables()
    one = data.plan(roster)
    folder = tmp_path / "plan"
    folder.mkdir()
    for name, frame in tables.items():
        frame.to_csv(folder / f"{name}.csv", index=False)
    _same_plan(one, lm.read_plan(folder, roster=roster, school_year=data.YEAR))
    book = tmp_path / "plan.xlsx"
    with pd.ExcelWriter(book) as writer:
        for name, frame in tables.items():
            frame.to_excel(writer, sheet_name=name, index=False)
    _same_plan(one, lm.read_plan(book, roster=roster, school_year=data.YEAR))
    archive = tmp_path / "plan.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for name in tables:
            z.write(folder / f"{name}.csv", f"export/{name}.csv")
    from_zip = lm.read_plan(archive, roster=roster, school_year=data.YEAR)
    _same_plan(one, from_zip)
    assert from_zip.source["name"] == "plan.zip" and from_zip.source["sha256"]


def _bad_tables() -> dict[str, pd.DataFrame]:
    """A plan with one defect a row, numbered as the tests read them."""
    priorities = pd.DataFrame(
        {"priority_id": ["PR1", "PR2", "PR2"], "name": ["Literacy", "Maths", "Maths again"]}
    )  # rows 2 and 3: PR2 twice
    initiatives = pd.DataFrame(
        [
            ["I1", "Literacy", "PR1", "P1", None, "2024-09-01", None],  # 1 fine
            ["I2", "Tablets", "PR9", None, "CTO", "2024-09-01", None],  # 2 unknown priority
            ["I3", "Legacy", None, "NOBODY", None, "2024-09-01", None],  # 3 unknown owner
            ["I4", "Math PLC", "PR2", None, "Director", "2024-09-01", None],  # 4 PR2 left out
            ["I5", "Tutoring", None, None, "Director", "2024-09-01", "2024-08-01"],  # 5 reversed
            ["I6", "Advisory", None, None, "Director", "09/01/2024", None],  # 6 not ISO
            ["I7", "Devices", None, None, "CTO", "2024-09-01", None],  # 7 and 8: I7 twice
            ["I7", "Devices 2", None, None, "CTO", "2024-09-01", None],
            ["I8", "Wellness", None, None, None, "2024-09-01", None],  # 9 no owner (warning)
        ],
        columns=["initiative_id", "name", "priority_id", "owner_id", "owner_role",
                 "start_date", "end_date"],
    )  # fmt: skip
    demands = pd.DataFrame(
        [
            ["I9", None, None, "principal", None, "4"],  # 1 unknown initiative
            ["I3", None, None, "principal", None, "4"],  # 2 I3's row has an error
            ["I5", "S1", None, "teacher", None, "1"],  # 3 I5's row has an error
            ["I1", None, None, "Wizard", None, "2"],  # 4 unknown role
            ["I1", None, None, "teacher", None, "-2"],  # 5 negative hours
            ["I1", None, "TM1", None, None, "2"],  # 6 a team without its school
            ["I1", "S1", "TM9", None, None, "2"],  # 7 unknown team
            ["I1", "S2", None, None, "T1", "2"],  # 8 T1 is not in S2
            ["I1", "S1", None, None, None, "2"],  # 9 lands on whom?
            ["I1", "S1", None, "teacher", None, "4h"],  # 10 not a number
            ["I1", "S1", None, "coach", None, None],  # 11 hours unknown (a warning)
            ["I1", "S1", None, "coach", None, None],  # 12 repeats row 11: kept once
            ["I1", "S3", None, "principal", None, "1"],  # 13 unknown school
            ["I1", None, None, None, "L1", "2"],  # 14 fine: L1's one school, S1
        ],
        columns=["initiative_id", "school_id", "team_id", "role", "staff_id", "hours_per_month"],
    )
    rocks = pd.DataFrame(
        [
            ["R1", "Running records", "P1", "S1", None, "I1", "2024-09-02", "2024-10-17"],
            ["R2", "Long", "A1", "S1", None, "I1", "2024-09-02", "2024-12-31"],  # 120 days
            ["R3", "Backwards", "A1", "S1", None, "I1", "2024-10-02", "2024-09-02"],
            ["R4", "Whose", "P2", "S1", None, "I1", "2024-09-02", "2024-10-17"],  # P2 not in S1
            ["R5", "Orphan", "P1", "S1", None, "I99", "2024-09-02", "2024-10-17"],
            ["R6", "Tablets", "P1", "S1", None, "I2", "2024-09-02", "2024-10-17"],  # I2 out
            ["R7", "Team", "P1", None, "TM1", "I1", "2024-09-02", "2024-10-17"],  # no school
        ],
        columns=["rock_id", "name", "owner_id", "school_id", "team_id", "initiative_id",
                 "start_date", "end_date"],
    )  # fmt: skip
    updates = pd.DataFrame(
        [
            ["R1", "2024-09-06", "on_track", "0.2"],  # 1 fine
            ["R1", "2024-09-06", "on_track", "0.2"],  # 2 repeats row 1: kept once
            ["R1", "2024-09-13", "on_track", "0.3"],  # 3 and 4: one day, two updates
            ["R1", "2024-09-13", "off_track", "0.3"],
            ["R1", "2024-09-20", "green", "0.4"],  # 5 not a status
            ["R1", "2024-09-27", "on_track", "60"],  # 6 above 1
            ["R1", "2024-08-30", "on_track", "0.1"],  # 7 before the rock starts
            ["R9", "2024-09-06", "on_track", "0.1"],  # 8 unknown rock
            ["R3", "2024-09-06", "on_track", "0.1"],  # 9 its rock was left out
            ["", "", "", ""],  # 10 blank
            ["R2", "2024-10-01", "Complete", "100%"],  # 11 fine
        ],
        columns=["rock_id", "date", "status", "progress"],
    )
    return {"initiatives": initiatives, "priorities": priorities, "demands": demands,
            "rocks": rocks, "updates": updates}  # fmt: skip


#: Every problem of :func:`_bad_tables`: (table, row, field, code, severity).
BAD = {
    ("priorities", 2, "priority_id", "duplicate_id", "error"),
    ("priorities", 3, "priority_id", "duplicate_id", "error"),
    ("initiatives", 2, "priority_id", "unknown_priority", "error"),
    ("initiatives", 3, "owner_id", "unknown_staff", "error"),
    ("initiatives", 4, "priority_id", "parent_row_rejected", "error"),
    ("initiatives", 5, "end_date", "end_before_start", "error"),
    ("initiatives", 6, "start_date", "wrong_type", "error"),
    ("initiatives", 7, "initiative_id", "duplicate_id", "error"),
    ("initiatives", 8, "initiative_id", "duplicate_id", "error"),
    ("initiatives", 9, "owner_id", "no_owner", "warning"),
    ("demands", 1, "initiative_id", "unknown_initiative", "error"),
    ("demands", 2, "initiative_id", "parent_row_rejected", "error"),
    ("demands", 3, "initiative_id", "parent_row_rejected", "error"),
    ("demands", 4, "role", "unknown_role", "error"),
    ("demands", 5, "hours_per_month", "negative_value", "error"),
    ("demands", 6, "school_id", "missing_value", "error"),
    ("demands", 7, "team_id", "unknown_team", "error"),
    ("demands", 8, "staff_id", "unknown_staff", "error"),
    ("demands", 9, "role", "missing_value", "error"),
    ("demands", 10, "hours_per_month", "wrong_type", "error"),
    ("demands", 11, "hours_per_month", "hours_unknown", "warning"),
    ("demands", 12, None, "duplicate_row", "warning"),
    ("demands", 13, "school_id", "unknown_school", "error"),
    ("rocks", 2, "end_date", "long_rock", "warning"),
    ("rocks", 3, "end_date", "end_before_start", "error"),
    ("rocks", 4, "owner_id", "unknown_staff", "error"),
    ("rocks", 5, "initiative_id", "unknown_initiative", "error"),
    ("rocks", 6, "initiative_id", "parent_row_rejected", "error"),
    ("rocks", 7, "school_id", "missing_value", "error"),
    ("updates", 2, None, "duplicate_row", "warning"),
    ("updates", 3, "date", "conflicting_update", "error"),
    ("updates", 4, "date", "conflicting_update", "error"),
    ("updates", 5, "status", "invalid_value", "error"),
    ("updates", 6, "progress", "invalid_value", "error"),
    ("updates", 7, "date", "date_out_of_range", "error"),
    ("updates", 8, "rock_id", "unknown_rock", "error"),
    ("updates", 9, "rock_id", "parent_row_rejected", "error"),
    ("updates", 10, None, "blank_row", "warning"),
}


def test_every_problem_is_reported_where_and_how_to_fix(roster: lm.Roster) -> None:
    t = _bad_tables()
    plan = lm.read_plan(
        t.pop("initiatives"), roster=roster, school_year=data.YEAR, strict=False, **t
    )
    issues = plan.issues
    assert list(issues.columns) == COLUMNS
    found = {
        (t, int(r), None if pd.isna(f) else f, c, s)
        for t, r, f, c, s in issues[["table", "row", "field", "code", "severity"]].itertuples(
            index=False
        )
    }
    assert found == BAD
    assert issues["message"].str.len().gt(0).all() and issues["fix"].str.len().gt(0).all()
    by = issues.set_index(["table", "row", "code"])
    assert by.loc[("initiatives", 4, "parent_row_rejected"), "message"].startswith(
        "The priority 'PR2' was left out of the plan"
    )
    assert by.loc[("demands", 8, "unknown_staff"), "message"] == (
        "staff_id 'T1' is not a staff id of the roster in this school."
    )
    assert by.loc[("updates", 6, "invalid_value"), "fix"] == "Write the share as 0.6 or 60%."
    assert by.loc[("rocks", 2, "long_rock"), "value"] == "120"
    assert by.loc[("initiatives", 3, "unknown_staff"), "staff_id"] == "NOBODY"
    # the issues are in the plan's table order, then by row
    order = ["initiatives", "priorities", "demands", "rocks", "updates"]
    ranks = issues["table"].map(order.index)
    assert ranks.is_monotonic_increasing


def test_the_accounting_of_a_bad_plan(roster: lm.Roster) -> None:
    t = _bad_tables()
    plan = lm.read_plan(
        t.pop("initiatives"), roster=roster, school_year=data.YEAR, strict=False, **t
    )
    acc = plan.accounting()
    # in, loaded, merged, rejected, blank
    assert acc.loc["priorities"].tolist() == [3, 1, 0, 2, 0]  # PR2 twice
    assert acc.loc["initiatives"].tolist() == [9, 2, 0, 7, 0]  # I1 and I8 load
    assert acc.loc["demands"].tolist() == [14, 2, 1, 11, 0]  # rows 11 and 14; 12 merged
    assert acc.loc["rocks"].tolist() == [7, 2, 0, 5, 0]  # R1 and R2
    assert acc.loc["updates"].tolist() == [11, 2, 1, 7, 1]  # rows 1 and 11; 2 merged; 10 blank
    assert sorted(plan.initiatives["initiative_id"]) == ["I1", "I8"]
    l1 = plan.demands[plan.demands["staff_id"] == "L1"]
    assert l1["school_id"].tolist() == ["S1"]  # the person's one school
    assert plan.updates["status"].tolist() == ["on_track", "done"]


def test_strict_mode_raises_with_every_error(roster: lm.Roster) -> None:
    t = _bad_tables()
    with pytest.raises(lm.RosterError) as caught:
        lm.read_plan(t.pop("initiatives"), roster=roster, school_year=data.YEAR, **t)
    errors = caught.value.issues
    errors = errors[errors["severity"] == "error"]
    assert len(errors) == sum(1 for b in BAD if b[4] == "error")
    assert str(caught.value).startswith(f"{len(errors)} problem(s) in the plan")


def test_structural_problems_raise(roster: lm.Roster, tmp_path: Path) -> None:
    t = data.tables()
    with pytest.raises(lm.RosterError) as caught:
        lm.read_plan(t["initiatives"].drop(columns="start_date"), roster=roster,
                     school_year=data.YEAR, strict=False)  # fmt: skip
    assert caught.value.issues["code"].tolist() == ["missing_column"]
    with pytest.raises(lm.RosterError, match="no data rows"):
        lm.read_plan(t["initiatives"].iloc[:0], roster=roster, school_year=data.YEAR)
    folder = tmp_path / "no_initiatives"
    folder.mkdir()
    t["priorities"].to_csv(folder / "priorities.csv", index=False)
    with pytest.raises(lm.RosterError) as missing:
        lm.read_plan(folder, roster=roster, school_year=data.YEAR)
    assert missing.value.issues["code"].tolist() == ["missing_file"]
    both = tmp_path / "both"
    both.mkdir()
    t["initiatives"].to_csv(both / "initiatives.csv", index=False)
    t["initiatives"].to_parquet(both / "Initiatives.parquet")
    with pytest.raises(lm.RosterError) as ambiguous:
        lm.read_plan(both, roster=roster, school_year=data.YEAR)
    assert ambiguous.value.issues["code"].tolist() == ["ambiguous_file"]


def test_bad_arguments_are_definition_errors(roster: lm.Roster, tmp_path: Path) -> None:
    t = data.tables()
    folder = tmp_path / "plan"
    folder.mkdir()
    for name, frame in t.items():
        frame.to_csv(folder / f"{name}.csv", index=False)
    with pytest.raises(lm.DefinitionError, match="given twice"):
        lm.read_plan(folder, roster=roster, school_year=data.YEAR, rocks=t["rocks"])
    with pytest.raises(lm.DefinitionError, match="not a status"):
        lm.read_plan(folder, roster=roster, school_year=data.YEAR, status_map={"green": "ok"})
    with pytest.raises(lm.DefinitionError, match="before it starts"):
        lm.read_plan(folder, roster=roster, school_year=("2025-06-06", "2024-08-26"))
    other = lm.read_roster(pd.DataFrame({"staff_id": ["P1"], "school_id": "S1",
                                         "role": ["principal"]}))  # fmt: skip
    members = lm.read_members(
        pd.DataFrame({"school_id": ["S1"], "team_id": ["S1"], "staff_id": ["P1"]}),
        roster=other, strict=False,
    )  # fmt: skip
    with pytest.raises(lm.DefinitionError, match="another roster"):
        lm.read_plan(folder, roster=roster, school_year=data.YEAR, members=members)


def test_status_map_and_date_format(roster: lm.Roster) -> None:
    t = data.tables()
    t["updates"]["status"] = ["green", "green", "red", "finished", "green", "red", "green",
                              "green", "finished"]  # fmt: skip
    t["updates"]["date"] = pd.to_datetime(t["updates"]["date"]).dt.strftime("%m/%d/%Y")
    for table in ("initiatives", "rocks"):
        for col in ("start_date", "end_date"):
            t[table][col] = pd.to_datetime(t[table][col]).dt.strftime("%m/%d/%Y")
    plan = lm.read_plan(
        t.pop("initiatives"), roster=roster, school_year=data.YEAR,
        status_map={"green": "on_track", "red": "off_track", "finished": "done"},
        date_format="%m/%d/%Y", **t,
    )  # fmt: skip
    _same_plan(plan, data.plan(roster))


def test_a_rock_window_longer_than_rock_days(roster: lm.Roster) -> None:
    assert "long_rock" not in set(data.plan(roster, rock_days=60).issues["code"])
    shorter = data.plan(roster, rock_days=30)
    # R1 (2024-09-02 to 10-17: 45 days) and R2, R3 (45 days) are longer than 30 days too
    assert shorter.issues["code"].value_counts()["long_rock"] == 4
