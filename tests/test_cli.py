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


def test_report_with_no_arguments_writes_the_same_bytes_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["report"]) == 0
    first = (tmp_path / "report.html").read_bytes()
    assert main(["report"]) == 0
    assert (tmp_path / "report.html").read_bytes() == first
    captured = capsys.readouterr()
    assert "using the bundled sample 'traditional_elementary'" in captured.err
    assert "Wrote report.html" in captured.out
    assert b"<h2>Spans of control</h2>" in first


def test_report_options_and_progress_bar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "gd.md"
    args = ["--progress", "report", "--sample", "green_dot", "-o", str(out)]
    assert main([*args, "--model", "green-dot", "--scenario", "denver", "--pseudonymise"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "## Redesign scenarios" in text and "GD-P01" not in text
    # 11 steps: at a glance, spans, coverage, observation, compliance, scenarios, schools,
    # definitions, methodology, appendix, provenance
    assert "[" + "#" * 30 + "] 11/11" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["graphml", "parquet", "json", "xlsx", "csv"])
def test_export_formats_read_back(tmp_path: Path, fmt: str) -> None:
    import networkx as nx

    import leadmodel as lm

    out = tmp_path / (
        "kipp" + {"graphml": ".graphml", "json": ".json", "xlsx": ".xlsx"}.get(fmt, "")
    )
    assert main(["export", "--sample", "kipp_sunshine_peak", "--format", fmt, "-o", str(out)]) == 0
    roster = lm.load_sample("kipp_sunshine_peak")
    if fmt == "graphml":
        G = nx.read_graphml(out, force_multigraph=True)
        assert G.number_of_nodes() == len(roster.staff)
        assert G.number_of_edges() == len(roster.links)
    else:
        assert lm.read_roster(out).staff["staff_id"].tolist() == roster.staff["staff_id"].tolist()


def test_schema_command_writes_one_schema_per_model(tmp_path: Path) -> None:
    import json

    assert main(["schema", "-o", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert "district.schema.json" in names and "leadership_model.schema.json" in names
    district = json.loads((tmp_path / "district.schema.json").read_text())
    assert district["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_maps_in_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    staff = tmp_path / "export.csv"
    staff.write_text("Emp No,Campus,Job\n1,S,Head\n2,S,Teacher\n")
    maps = tmp_path / "maps.yaml"
    maps.write_text(
        "column_map:\n  Emp No: staff_id\n  Campus: school_id\n  Job: title\n"
        "role_map:\n  Head: principal\n"
    )
    assert main(["validate", str(staff), "--maps", str(maps)]) == 0
    assert "No problems found." in capsys.readouterr().out
    maps.write_text("columns: {}\n")
    assert main(["validate", str(staff), "--maps", str(maps)]) == 2
    assert "must hold an object with 'column_map'" in capsys.readouterr().err


def test_analyze_writes_every_table(tmp_path: Path) -> None:
    assert main(["analyze", "--model", "denver", "--out", str(tmp_path), "--format", "csv"]) == 0
    written = sorted(p.stem for p in tmp_path.glob("*.csv"))
    assert written == [
        "accounting",
        "compliance_rules",
        "compliance_schools",
        "cost",
        "coverage_leaders",
        "coverage_teachers",
        "coverage_teams",
        "issues",
        "observation_load",
        "observation_summary",
        "school_summary",
        "span_matrix",
        "spans",
    ]


def test_usage_errors_exit_2() -> None:
    with pytest.raises(SystemExit) as info:
        main(["export", "--format", "pdf"])
    assert info.value.code == 2


def test_bad_maps_and_options_without_a_roster_are_clear_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    staff = tmp_path / "export.csv"
    staff.write_text("staff_id,school_id,role\n1,S,principal\n")
    maps = tmp_path / "maps.json"
    maps.write_text("{not json")
    assert main(["validate", str(staff), "--maps", str(maps)]) == 2
    assert "maps.json is not valid JSON (line 1, column 2" in capsys.readouterr().err
    maps.write_text('{"column_map": ["a"]}')
    assert main(["validate", str(staff), "--maps", str(maps)]) == 2
    assert "column_map must be an object of names" in capsys.readouterr().err
    assert main(["validate", "--links", str(staff)]) == 2
    assert "--links need a roster path" in capsys.readouterr().err


# ------------------------------------------------------------------ every failure mode


def _staff_without_links(tmp_path: Path) -> Path:
    path = tmp_path / "export.csv"
    path.write_text("Emp,Site,Job\n1,S,Head\n2,S,Teacher\n3,S,Teacher\n", encoding="utf-8")
    return path


def _maps(tmp_path: Path) -> Path:
    maps = tmp_path / "m.yaml"
    maps.write_text(
        "column_map: {Emp: staff_id, Site: school_id, Job: title}\nrole_map: {Head: principal}\n",
        encoding="utf-8",
    )
    return maps


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["analyze", "--model", "nope"], "`leadmodel models` lists the presets"),
        (["report", "--scenario", "nope"], "`leadmodel models` lists the presets"),
        (["compare", "--model", "denver", "--check", "nope"], "`leadmodel models`"),
        (["analyze", "--model", "missing.yaml"], "Model file 'missing.yaml' not found"),
        # 15 folders ship in src/leadmodel/samples (denver_team_lead ... urban_220_observations)
        (["analyze", "--sample", "nope"], "lists the 15 bundled samples"),
        (["report", "-o", "r.pdf"], "name it *.html or *.md"),
        (["analyze", "--format", "parquet"], "--format parquet needs --out"),
        (["export", "--format", "parquet", "-o", "x.parquet"], "give a folder name such as 'x'"),
        (["validate", "no_such_file.csv"], "No such file or directory: no_such_file.csv"),
    ],
    ids=[
        "unknown-model",
        "unknown-scenario",
        "unknown-check",
        "missing-model-file",
        "unknown-sample",
        "report-pdf",
        "format-without-out",
        "parquet-file-path",
        "missing-roster",
    ],
)
def test_usage_errors_exit_2_with_a_message_naming_the_fix(
    args: list[str],
    says: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and says in err
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # nothing written


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("column_map: [a\n", "m.yaml is not valid YAML (line 2, column 1)"),
        ("- a\n- b\n", "must hold an object with 'column_map' and/or 'role_map'"),
        ("column_map: {Emp: 3}\n", "every entry of column_map maps a name to a name"),
    ],
    ids=["syntax", "a-list", "not-text"],
)
def test_malformed_maps_files_exit_2(
    text: str, says: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    maps = tmp_path / "m.yaml"
    maps.write_text(text, encoding="utf-8")
    assert main(["validate", str(_staff_without_links(tmp_path)), "--maps", str(maps)]) == 2
    assert says in capsys.readouterr().err


def test_latin1_maps_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    maps = tmp_path / "m.yaml"
    maps.write_bytes(
        "role_map:\n  Directrice: principal\n  Adjoint \xe0 la direction: ap\n".encode("latin-1")
    )
    assert main(["validate", str(_staff_without_links(tmp_path)), "--maps", str(maps)]) == 2
    err = capsys.readouterr().err
    assert "m.yaml is not UTF-8 text (byte 0xE0 on line 3" in err and "save it as UTF-8" in err


def test_roster_errors_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "staff.csv"
    path.write_text("staff_id,school_id,role\nT1,S1,Wizard\n", encoding="utf-8")
    assert main(["report", str(path), "-o", str(tmp_path / "r.html")]) == 1
    assert "unknown_role" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()


def test_a_file_without_links_gets_a_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    staff, maps = _staff_without_links(tmp_path), _maps(tmp_path)
    out = tmp_path / "r.html"
    assert main(["report", str(staff), "--maps", str(maps), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "hint: the roster has no links" in err and "all 2 teachers" in err
    assert "--infer-links principal_ap_split" in err
    args = ["report", str(staff), "--maps", str(maps), "-o", str(out)]
    assert main([*args, "--infer-links", "principal_ap_split"]) == 0
    assert "hint" not in capsys.readouterr().err


def test_terminal_output_escapes_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "staff.csv"
    path.write_text(
        "staff_id,school_id,role\nT\x1b[2J1,S1,Wizard\x1b]0;pwned\x07\nP1,S1,principal\n",
        encoding="utf-8",
    )
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "T\\x1b[2J1" in out and "Wizard\\x1b]0;pwned\\x07" in out


def test_csv_outputs_are_formula_safe(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("staff_id,school_id,role\nT1,S1,\"=cmd|' /C calc'!A0\"\n", encoding="utf-8")
    issues = tmp_path / "issues.csv"
    assert main(["validate", str(bad), "--issues-out", str(issues)]) == 1
    assert "warning: issues.csv: 1 cell(s) began like a spreadsheet formula" in (
        capsys.readouterr().err
    )
    written = issues.read_text(encoding="utf-8")
    assert ",'=cmd|' /C calc'!A0," in written and ",=cmd" not in written
    good = tmp_path / "good.csv"
    good.write_text(
        "staff_id,school_id,role\n\"=cmd|' /C calc'!A0\",S1,teacher\nP1,S1,principal\n",
        encoding="utf-8",
    )
    out = tmp_path / "tables"
    assert main(["analyze", str(good), "--out", str(out)]) == 0
    teachers = (out / "coverage_teachers.csv").read_text(encoding="utf-8")
    assert "S1,'=cmd|' /C calc'!A0," in teachers and ",=cmd" not in teachers
    compared = tmp_path / "compare.csv"
    assert main(["compare", str(good), "--model", "denver", "--out", str(compared)]) == 0


@pytest.mark.parametrize(
    ("command", "fmt", "written"),
    [
        ("analyze", "xlsx", "t.xlsx"),
        ("export", "xlsx", "t.xlsx"),
        ("export", "json", "t.json"),
        ("export", "graphml", "t.graphml"),
    ],
)
def test_a_file_format_gets_its_suffix(
    command: str, fmt: str, written: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = "--out" if command == "analyze" else "-o"
    assert main([command, "--sample", "green_dot", "--format", fmt, out, str(tmp_path / "t")]) == 0
    assert [p.name for p in tmp_path.iterdir()] == [written]
    assert written in capsys.readouterr().out


def test_read_maps_gives_both_maps_for_read_roster(tmp_path: Path) -> None:
    import leadmodel as lm

    maps = lm.read_maps(_maps(tmp_path))
    assert maps == {
        "column_map": {"Emp": "staff_id", "Site": "school_id", "Job": "title"},
        "role_map": {"Head": "principal"},
    }
    roster = lm.read_roster(_staff_without_links(tmp_path), **maps)
    assert roster.staff["role"].tolist() == ["principal", "teacher", "teacher"]
    only = tmp_path / "only.json"
    only.write_text('\ufeff{"role_map": {"Head": "principal"}}', encoding="utf-8")
    assert lm.read_maps(only) == {"column_map": {}, "role_map": {"Head": "principal"}}
    with pytest.raises(lm.DefinitionError, match=r"name it \*\.json or \*\.yaml"):
        lm.read_maps(tmp_path / "maps.txt")
    with pytest.raises(lm.DefinitionError, match="Cannot read the maps file"):
        lm.read_maps(tmp_path / "missing.json")
