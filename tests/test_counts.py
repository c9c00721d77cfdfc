"""Count-level staffing files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import leadmodel as lm
from leadmodel import RosterError


def test_count_spans_by_hand(tmp_path: Path) -> None:
    path = tmp_path / "state.csv"
    path.write_text(
        "School Code,Teachers FTE,Admin FTE,Coach FTE,Students\n"
        "A,54,2,1,570\n"  # 54 / 2 = 27 per admin; 54 / 3 = 18 per leader FTE
        "B,26,3,,360\n"  # 26 / 3 = 8.67 per admin and per leader
        "C,12,0,0,150\n"  # no administrator at all
    )
    counts = lm.read_staffing_counts(
        path,
        column_map={
            "School Code": "school_id",
            "Teachers FTE": "teacher_fte",
            "Admin FTE": "admin_fte",
            "Coach FTE": "coach_fte",
            "Students": "enrollment",
        },
    )
    spans = lm.count_spans(counts)
    assert spans.loc["A", ["teachers_per_admin_fte", "teachers_per_leader_fte"]].tolist() == [
        27.0,
        18.0,
    ]
    # B's coach cell is blank: unknown, not zero, so B's leader FTE and its ratio are unknown;
    # its teachers per admin are known: 26 / 3 = 8.67
    assert pd.isna(spans.loc["B", "teachers_per_leader_fte"])
    assert spans.loc["B", "teachers_per_admin_fte"] == pytest.approx(26 / 3)
    assert pd.isna(spans.loc["C", "teachers_per_admin_fte"])
    assert spans["no_admin"].tolist() == [False, False, True]
    # 18 > 13; B unknown; C has teachers and a known zero leader FTE
    assert spans["over_target"].astype(object).fillna("unknown").tolist() == [True, "unknown", True]


def test_count_file_problems_are_all_reported() -> None:
    frame = pd.DataFrame({"school_id": ["A", "A", None], "teacher_fte": ["x", "-1", "3"]})
    with pytest.raises(RosterError) as info:
        lm.read_staffing_counts(frame)
    got = info.value.issues[["row", "code", "severity"]].values.tolist()
    assert got == [
        [1, "duplicate_school_id", "error"],
        [1, "wrong_type", "error"],
        [2, "duplicate_school_id", "error"],
        [2, "masked_value", "warning"],  # -1 is a masking code in count files by default
        [3, "missing_value", "error"],
    ]
    with pytest.raises(RosterError) as info:
        lm.read_staffing_counts(frame, negative_is_masked=False)
    assert [2, "negative_value"] in info.value.issues[["row", "code"]].values.tolist()


def test_missing_teacher_column() -> None:
    with pytest.raises(RosterError, match="teacher_fte"):
        lm.read_staffing_counts(pd.DataFrame({"school_id": ["A"]}))
