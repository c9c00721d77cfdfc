"""Cases of the strategic-plan reader (issue 23) the families do not reach: its layouts (a folder,
a workbook of sheets, a zip), its own tables' defects, and ids spelled loosely.

Expectations were written from the plan's contract (``read_plan``'s docstring and the intake of
issue 17) before the cases were run.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pandas as pd
from openpyxl import Workbook

from tests.hostile.kit import (
    BASES,
    Case,
    Expect,
    Issue,
    _fixed_zip,
    accounting_of,
    expect,
    ids_on_roster,
    text_bytes,
)

R = "read_plan"
ZWSP = "\u200b"
HEAD = "initiative_id,name,priority_id,owner_role,start_date"  # the owner is a role


def _csv(*lines: str) -> Callable[[], bytes]:
    return lambda: ("\n".join(lines) + "\n").encode("utf-8")


def _one(name: str, filename: str | None, content: Callable[[], Any], exp: Expect,
         **kwargs: Any) -> Case:  # fmt: skip
    base = BASES[R]
    return Case(f"{base.short}-{name}", R, filename, content, {**base.kwargs, **kwargs}, exp)


def _rows(header: str, *lines: str) -> bytes:
    return ("\n".join([header, *lines]) + "\n").encode("utf-8")


def _book(sheets: dict[str, list[list[Any]]]) -> bytes:
    """An .xlsx with one sheet per table (text starting with ``=`` stored as a formula with
    no cached value), with fixed timestamps."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
    stamp = datetime(2024, 1, 1)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    buf = io.BytesIO()
    wb.save(buf)
    return _fixed_zip(buf.getvalue())


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), data)
    return out.getvalue()


def _base_csv() -> bytes:
    return text_bytes(BASES[R].table())


def _workbook() -> bytes:
    return _book(
        {
            "initiatives": [list(BASES[R].header), *[list(r) for r in BASES[R].rows]],
            "priorities": [["priority_id", "name"], ["PR1", "Literacy"], ["PR2", "Maths"]],
            "demands": [["initiative_id", "role", "hours_per_month"], ["I1", "principal", 4]],
            "rocks": [
                [
                    "rock_id",
                    "name",
                    "owner_id",
                    "school_id",
                    "initiative_id",
                    "start_date",
                    "end_date",
                ],
                ["R1", "Running records", "P1", "S1", "I1", "2024-09-02", "2024-10-17"],
            ],
            "updates": [
                ["rock_id", "date", "status", "progress"],
                ["R1", "2024-09-06", "on_track", 0.2],
                ["R1", "2024-09-13", "on_track", "=0.5*1"],
            ],
        }
    )


UPDATES = pd.DataFrame(
    {
        "rock_id": ["R1"] * 4,
        "date": ["2024-09-06", "2024-09-06", "2024-09-13", "2024-09-13"],
        "status": ["on_track", "on_track", "on_track", "done"],
        "progress": ["0.2", "0.2", "0.3", "1"],
    }
)
ROCKS = pd.DataFrame(
    {"rock_id": ["R1"], "name": ["Running records"], "owner_id": ["P1"], "school_id": ["S1"],
     "initiative_id": ["I1"], "start_date": ["2024-09-02"], "end_date": ["2024-10-17"]}
)  # fmt: skip


def plan_cases() -> list[Case]:
    return [
        _one(
            "folder-ragged-demands",
            "plan",
            lambda: {
                "plan/initiatives.csv": _base_csv(),
                "plan/priorities.csv": _rows("priority_id,name", "PR1,Literacy", "PR2,Maths"),
                "plan/demands.csv": _rows(
                    "initiative_id,role,hours_per_month", "I1,principal,4", "I2,teacher,1,x"
                ),
            },
            expect(
                codes=["ragged_row"],
                issues=[Issue("ragged_row", 2, table="demands", severity="error")],
                rows={"rows_in": 4, "rows_loaded": 4, "rows_rejected": 0, "rows_blank": 0},
                check=accounting_of("demands", [2, 1, 0, 1, 0]),
                why="a folder of CSVs, one per table: a ragged demand is an error in its own table",
            ),
            priorities=None,
            demands=None,
        ),
        _one(
            "workbook-uncached-progress",
            "plan.xlsx",
            _workbook,
            expect(
                codes=["uncached_formula"],
                issues=[Issue("uncached_formula", 2, field="progress", table="updates")],
                rows={"rows_in": 4, "rows_loaded": 4, "rows_rejected": 0, "rows_blank": 0},
                check=accounting_of("updates", [2, 1, 0, 1, 0]),
                why="a workbook with a sheet per table; an update whose progress is a formula with "
                "no stored value is unknown: left out, never read as 0",
            ),
            priorities=None,
            demands=None,
        ),
        _one(
            "owner-invisible-characters",
            "initiatives.csv",
            _csv(
                "initiative_id,name,owner_id,start_date",
                f"I1,Literacy,P1{ZWSP},2024-09-02",
                "I2,Maths,A1,2024-09-02",
                "I3,Tablets,NOBODY,2024-10-01",
                "I4,Wellness,C1,2024-10-14",
            ),
            expect(
                codes=["id_variant", "unknown_staff"],
                allowed=["parent_row_rejected"],
                issues=[Issue("id_variant", 1, "owner_id"), Issue("unknown_staff", 3, "owner_id")],
                rows={"rows_in": 4, "rows_loaded": 2, "rows_rejected": 2, "rows_blank": 0},
                check=ids_on_roster(R, "owner_id"),
                why="P1 with a zero-width space is a variant of P1, not a new owner; NOBODY is not "
                "on the staff (I1's demand is left out with it)",
            ),
        ),
        _one(
            "dates-many-formats",
            "initiatives.csv",
            _csv(
                HEAD,
                "I1,Literacy,PR1,Director,2024-09-02",
                "I2,Maths,PR2,Director,2024-09-02T08:15Z",
                "I3,Tablets,,Director,09/02/2024",
                "I4,Wellness,,Director,2024-02-30",
            ),
            expect(
                codes=["wrong_type"],
                issues=[
                    Issue("wrong_type", 3, "start_date", "error"),
                    Issue("wrong_type", 4, "start_date", "error"),
                ],
                rows={"rows_in": 4, "rows_loaded": 2, "rows_rejected": 2, "rows_blank": 0},
                why="ISO dates (with a time) are read as written; a slashed date is not "
                "guessed and February 30 is no date",
            ),
        ),
        _one(
            "duplicate-initiative",
            "initiatives.csv",
            _csv(
                HEAD,
                "I1,Literacy,PR1,Director,2024-09-02",
                "I2,Maths,PR2,Director,2024-09-02",
                "I3,Tablets,,Director,2024-10-01",
                "I3,Tablets again,,Director,2024-10-14",
            ),
            expect(
                codes=["duplicate_id"],
                issues=[
                    Issue("duplicate_id", 3, "initiative_id"),
                    Issue("duplicate_id", 4, "initiative_id"),
                ],
                rows={"rows_in": 4, "rows_loaded": 2, "rows_rejected": 2, "rows_blank": 0},
                why="one id on two rows: both left out, whatever their order",
            ),
        ),
        _one(
            "dataframe-list-cell",
            None,
            lambda: pd.DataFrame(
                {
                    "initiative_id": ["I1", "I2", "I3", "I4"],
                    "name": ["Literacy", "Maths", "Tablets", ["Wellness", "app"]],
                    "owner_role": "Director",
                    "start_date": "2024-09-02",
                }
            ),
            expect(
                codes=["nested_value"],
                issues=[Issue("nested_value", 4, "name", "error")],
                rows={"rows_in": 4, "rows_loaded": 3, "rows_rejected": 1, "rows_blank": 0},
                why="a list in a name cell is a nested_value error on its row",
            ),
        ),
        _one(
            "updates-conflict-and-repeat",
            "initiatives.csv",
            _base_csv,
            expect(
                codes=["duplicate_row", "conflicting_update"],
                issues=[
                    Issue("duplicate_row", 2, table="updates", severity="warning"),
                    Issue("conflicting_update", 3, table="updates", severity="error"),
                    Issue("conflicting_update", 4, table="updates", severity="error"),
                ],
                rows={"rows_in": 4, "rows_loaded": 4, "rows_rejected": 0, "rows_blank": 0},
                check=accounting_of("updates", [4, 1, 1, 2, 0]),
                why="an update repeated exactly is kept once; two different updates of one rock on "
                "one day are both left out (which is the latest cannot be told)",
            ),
            rocks=ROCKS,
            updates=UPDATES,
        ),
        _one(
            "zip-two-initiatives",
            "plan.zip",
            lambda: _zip(
                {
                    "a/initiatives.csv": _base_csv(),
                    "b/initiatives.csv": _base_csv(),
                }
            ),
            expect(
                raises="RosterError",
                codes=["ambiguous_file"],
                why="an archive with two initiatives.csv: which to read cannot be told",
            ),
            priorities=None,
            demands=None,
        ),
    ]
