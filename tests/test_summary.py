"""school_summary on a hand-built school and on the samples."""

from __future__ import annotations

import pandas as pd

import leadmodel as lm


def test_summary_counts_by_hand(small_staff: pd.DataFrame) -> None:
    staff = small_staff.assign(fte=[1, 1, 0.5, 1, 1, 1, 1, 1, 1, 1, 0.5])
    links = pd.DataFrame(
        {
            "leader_id": ["P1", "P1", "A1"],
            "staff_id": ["T1", "T2", "T2"],
            "relation": ["evaluates", "develops", "evaluates"],
        }
    )
    row = lm.school_summary(lm.read_roster(staff, links=links)).loc["S1"]
    assert row["staff"] == 11
    assert row["fte"] == 10.0  # 9 x 1.0 + 2 x 0.5
    assert row["teachers"] == 8 and row["administrators"] == 2 and row["coaches"] == 1
    assert row["links"] == 3
    assert row["teachers_with_evaluator"] == 2  # T1 (P1), T2 (P1 and A1: counted once)
    assert row["teachers_with_developer"] == 1  # T2


def test_district_sample_reconciles_with_its_staff_table() -> None:
    roster = lm.load_sample("district")
    summary = lm.school_summary(roster)
    assert len(summary) == 185
    assert summary["staff"].sum() == len(roster.staff)
    waves = roster.schools["pilot_wave"].value_counts().sort_index()
    assert waves.to_dict() == {1: 14, 2: 26, 3: 31}  # Denver: 14 pilots, then +26 and +31
    categories = ["administrators", "teacher_leaders", "coaches", "specialists", "other_staff"]
    teachers_only = (roster.staff["role"] == "teacher").groupby(roster.staff["school_id"]).sum()
    assert (summary[categories].sum(axis=1) + teachers_only == summary["staff"]).all()


def test_counts_of_teachers_are_people_and_vacancies_lead_nobody() -> None:
    """P (principal) and a vacant AP post; T1, three vacant teacher posts V1-V3 and J, one
    post shared by X1 and X2. The vacant AP develops and evaluates T1; P develops V1, V2, J.

    By hand: teachers = T1 1 + V1-V3 0 + J 2 = 3 people; administrators = P 1 + vacant AP 0
    = 1; with a developer: J's 2 (P holds his post; T1's developer is a vacancy, V1 and V2
    hold nobody) = 2; with an evaluator: 0 (only the vacancy evaluates)."""
    staff = pd.DataFrame(
        {
            "staff_id": ["P", "APV", "T1", "V1", "V2", "V3", "J", "J"],
            "school_id": "A",
            "role": ["principal", "assistant_principal", *["teacher"] * 6],
            "vacant": [False, True, False, True, True, True, False, False],
            "person_id": ["E1", None, "E2", None, None, None, "X1", "X2"],
            "fte": [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.5, 0.5],
        }
    )
    links = pd.DataFrame(
        {
            "leader_id": ["APV", "APV", "P", "P", "P"],
            "staff_id": ["T1", "T1", "V1", "V2", "J"],
            "relation": ["develops", "evaluates", "develops", "develops", "develops"],
        }
    )
    roster = lm.read_roster(staff, links=links, strict=False)
    row = lm.school_summary(roster).loc["A"]
    counted = ["teachers", "administrators", "teachers_with_developer", "teachers_with_evaluator"]
    assert row[counted].tolist() == [3, 1, 2, 0]
    assert row["staff"] == 7  # rows (positions): the job share is one
    assert lm.cost(roster).loc["A", "teachers_developed"] == 2
    assert lm.observation_summary(roster).loc["A", "teachers"] == 3
    assert lm.observation_load(roster).loc[("A", "APV"), "hours_available"] == 0.0  # nobody's time
