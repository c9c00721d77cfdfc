"""The command line: exit codes and what it prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from leadmodel.cli import main


def test_analyze_sample_prints_one_row_per_school(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "--sample", "green_dot"]) == 0
    out = capsys.readouterr().out
    assert "S-GD" in out and "teachers_with_evaluator" in out


def test_validate_reports_problems_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "staff.csv"
    path.write_text("staff_id,school_id,role\nT1,S1,teacher\nT1,S1,teacher\nT2,S1,Wizard\n")
    issues = tmp_path / "issues.csv"
    assert main(["validate", str(path), "--issues-out", str(issues)]) == 1
    out = capsys.readouterr().out
    assert "duplicate_staff_id" in out and "unknown_role" in out
    assert len(issues.read_text().splitlines()) == 1 + 3  # header + 2 duplicates + 1 unknown role


def test_validate_clean_file_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "staff.csv"
    path.write_text("staff_id,school_id,role\nP1,S1,principal\n")
    assert main(["validate", str(path)]) == 0
    assert "No problems found." in capsys.readouterr().out


def test_validate_unloadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "staff.csv"
    path.write_text("id,role\n1,teacher\n")
    assert main(["validate", str(path)]) == 1
    assert "missing_column" in capsys.readouterr().out


def test_analyze_with_maps_and_inference(capsys: pytest.CaptureFixture[str]) -> None:
    from leadmodel import sample_path

    folder = sample_path("hr_export")
    args = [
        "analyze",
        str(folder / "hr_export.csv"),
        "--maps",
        str(folder / "maps.json"),
        "--infer-links",
        "principal_ap_split",
    ]
    assert main(args) == 0
    assert "0412" in capsys.readouterr().out


def test_strict_analyze_of_bad_file_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "staff.csv"
    path.write_text("staff_id,school_id,role\nT1,S1,Wizard\n")
    assert main(["analyze", str(path)]) == 1
    assert "unknown_role" in capsys.readouterr().err


def test_policies_and_observation_load(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policies"]) == 0
    assert "bain_10_spot_1_formal" in capsys.readouterr().out
    assert (
        main(["analyze", "--sample", "traditional_elementary", "--policy", "bain_10_spot_1_formal"])
        == 0
    )
    out = capsys.readouterr().out
    assert "Observation load under bain_10_spot_1_formal" in out and "leaders_over_capacity" in out


def test_models_and_compliance(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models"]) == 0
    assert "denver" in capsys.readouterr().out
    import leadmodel as lm

    path = lm.write_model(lm.get_model("green_dot"), tmp_path / "gd.yaml")
    assert main(["analyze", "--sample", "green_dot", "--model", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Compliance with green_dot" in out and "Declared tightness" in out


def test_compare_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "compare.csv"
    args = [
        "compare",
        "--sample",
        "traditional_elementary",
        "--model",
        "denver",
        "--model",
        "green_dot",
        "--check",
        "denver",
        "--out",
        str(out),
    ]
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "compliance_score" in printed and "green_dot" in printed
    assert out.read_text().startswith("scenario,school_id,metric,value")
