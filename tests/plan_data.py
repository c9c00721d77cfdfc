"""A small roster and strategic plan whose figures the tests work out by hand.

School S1 (traditional): principal P1 develops and evaluates T1-T16 (16 teachers: under 10
spot and 1 formal observations, 16 x 10.5 h = 168 h, above the 220 x 9 x 0.077 = 152.46 h
a principal has, so P1 is over capacity before any initiative); AP A1 develops and evaluates
U1-U4 (4 x 10.5 = 42 h); Team Lead L1 (0.5 release: 186 x 7.5 x 0.5 / 3 = 232.5 h, no
visits), coach C1 (186 x 7.5 x 1.0 x 0.5 = 697.5 h, no visits), chair H1 (no observation
share: 0 h). Team TM1 (led by L1) holds T1-T4. School S2: principal P2 develops and
evaluates V1-V2 (21 h).

The plan's school year is 2024-08-26 to 2025-06-06: 285 days, 285 / 30.4375 = 9.3634...
months.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

import leadmodel as lm

YEAR = ("2024-08-26", "2025-06-06")
#: Months of each initiative in the school year: calendar days in both / (365.25 / 12).
MONTH = 365.25 / 12
M1 = 285 / MONTH  # I1: 2024-08-26 (year start; it started 08-20) to 2025-06-06 (no end)
M2 = 90 / MONTH  # I2: 2025-01-01 to 2025-03-31
M4 = 122 / MONTH  # I4: 2024-09-01 to 2024-12-31


def roster() -> lm.Roster:
    rows: list[dict[str, Any]] = [
        {"staff_id": "P1", "school_id": "S1", "role": "principal"},
        {"staff_id": "A1", "school_id": "S1", "role": "assistant_principal"},
        {"staff_id": "L1", "school_id": "S1", "role": "team_lead", "release_fte": 0.5,
         "team_id": "TM1"},
        {"staff_id": "C1", "school_id": "S1", "role": "instructional_coach"},
        {"staff_id": "H1", "school_id": "S1", "role": "chair"},
        {"staff_id": "P2", "school_id": "S2", "role": "principal"},
    ]  # fmt: skip
    for i in range(1, 17):
        rows.append(
            {"staff_id": f"T{i}", "school_id": "S1", "role": "teacher",
             "team_id": "TM1" if i <= 4 else None, "developer_id": "P1", "evaluator_id": "P1"}
        )  # fmt: skip
    for i in range(1, 5):
        rows.append({"staff_id": f"U{i}", "school_id": "S1", "role": "teacher",
                     "developer_id": "A1", "evaluator_id": "A1"})  # fmt: skip
    for i in range(1, 3):
        rows.append({"staff_id": f"V{i}", "school_id": "S2", "role": "teacher",
                     "developer_id": "P2", "evaluator_id": "P2"})  # fmt: skip
    teams = pd.DataFrame(
        {"school_id": ["S1", "S1"], "team_id": ["TM1", "S1-ILT"], "lead_id": ["L1", "P1"],
         "basis": ["grade", "ilt"]}
    )  # fmt: skip
    return lm.read_roster(pd.DataFrame(rows), teams=teams)


def tables() -> dict[str, pd.DataFrame]:
    """The plan's five tables, clean."""
    priorities = pd.DataFrame(
        {"priority_id": ["PR1", "PR2"], "name": ["Early literacy", "Mathematics"]}
    )
    initiatives = pd.DataFrame(
        {
            "initiative_id": ["I1", "I2", "I3", "I4"],
            "name": ["Literacy block", "Tablets", "Legacy program", "Math PLC protocol"],
            "priority_id": ["PR1", None, None, "PR2"],
            "owner_id": ["P1", None, None, None],
            "owner_role": [None, "Chief Technology Officer", "Director", "Director of Math"],
            "start_date": ["2024-08-20", "2025-01-01", "2024-08-01", "2024-09-01"],
            "end_date": [None, "2025-03-31", "2024-08-25", "2024-12-31"],
        }
    )
    demands = pd.DataFrame(
        [
            ["I1", None, None, "administrator", None, 4],  # P1, A1, P2
            ["I1", "S1", None, None, "L1", 2],
            ["I2", "S1", None, "teacher", None, 1],  # T1-T16, U1-U4
            ["I2", None, None, "principal", None, 3],  # P1, P2
            ["I3", None, None, "principal", None, 5],  # ended before the year
            ["I4", "S1", "TM1", None, None, 2],  # L1 and T1-T4
            ["I4", "S1", None, "chair", None, 1],  # H1
        ],
        columns=["initiative_id", "school_id", "team_id", "role", "staff_id", "hours_per_month"],
    )
    rocks = pd.DataFrame(
        [
            ["R1", "Running records", "P1", "S1", "S1-ILT", "I1", "2024-09-02", "2024-10-17"],
            ["R2", "Tablet rollout", "A1", "S1", None, "I2", "2025-01-06", "2025-02-20"],
            ["R3", "PLC data review", "P2", "S2", None, "I4", "2024-09-09", "2024-10-24"],
            ["R4", "Literacy calendar", "L1", None, None, "I1", "2024-11-01", "2024-12-31"],
        ],
        columns=["rock_id", "name", "owner_id", "school_id", "team_id", "initiative_id",
                 "start_date", "end_date"],
    )  # fmt: skip
    updates = pd.DataFrame(
        [
            ["R1", "2024-09-06", "on_track", "20%"],
            ["R1", "2024-09-13", "On Track", "0.4"],
            ["R1", "2024-10-04", "off track", "0.4"],
            ["R1", "2024-10-25", "done", "1"],
            ["R3", "2024-09-13", "on_track", None],
            ["R3", "2024-09-20", "off_track", None],
            ["R4", "2024-11-08", "on_track", "0.5"],
            ["R4", "2024-11-15", "on_track", "0.5"],
            ["R4", "2024-11-29", "complete", None],
        ],
        columns=["rock_id", "date", "status", "progress"],
    )
    return {
        "initiatives": initiatives,
        "priorities": priorities,
        "demands": demands,
        "rocks": rocks,
        "updates": updates,
    }


def plan(the_roster: lm.Roster | None = None, **kwargs: Any) -> lm.Plan:
    t = tables()
    return lm.read_plan(
        t.pop("initiatives"),
        roster=the_roster if the_roster is not None else roster(),
        school_year=YEAR,
        **t,
        **kwargs,
    )
