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
