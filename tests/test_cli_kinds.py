"""The command line on every kind of input (issue 18), on surveys and logs (issue 20), and its
exit code when nothing in the input is usable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import leadmodel as lm
from leadmodel.cli import main

DATA = Path(__file__).parent / "data"


def _maps(tmp_path: Path, column_map: dict[str, str]) -> Path:
    path = tmp_path / "maps.json"
    path.write_text(json.dumps({"column_map": column_map}), encoding="utf-8")
    return path


def test_an_organisation_chart_is_analysed_along_its_reporting_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    maps = _maps(
        tmp_path,
        {
            "Post Unique Reference": "staff_id",
            "Reports to Senior Post": "reports_to",
            "Job Title": "title",
            "Name": "name",
        },
    )
    chart = str(DATA / "organogram" / "organogram.csv")
    args = ["analyze", chart, "--kind", "reporting-lines", "--maps", str(maps), "--lenient"]
    assert main([*args, "--out", str(tmp_path / "out")]) == 0
    spans = (tmp_path / "out" / "spans.csv").read_text(encoding="utf-8")
    # spans follow supervises: S2 leads 16 people in 4 positions (tests/test_real_kinds.py)
    assert "ORG,S2," in spans
    s2 = next(line for line in spans.splitlines() if line.startswith("ORG,S2,"))
    header = spans.splitlines()[0].split(",")
    row = dict(zip(header, s2.split(","), strict=True))
    assert (row["span"], row["span_positions"]) == ("16", "4")


def test_counts_are_analysed_as_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    maps = _maps(
        tmp_path,
        {
            "CAMPUS": "school_id",
            "CAMPNAME": "name",
            "TEACHER FTE": "teacher_fte",
            "ADMIN FTE": "admin_fte",
            "COACH FTE": "coach_fte",
            "ENROLL": "enrollment",
        },
    )
    counts = str(DATA / "counts" / "campus_counts.csv")
    assert main(["validate", counts, "--kind", "counts", "--maps", str(maps)]) == 0
    assert main(["analyze", counts, "--kind", "counts", "--maps", str(maps)]) == 0
    out = capsys.readouterr().out
    assert "teachers_per_admin_fte" in out and "C3" in out
    # counts have no people: a report cannot be written from them (a usage error)
    code = main(["report", counts, "--kind", "counts", "--maps", str(maps), "-o", "r.html"])
    assert code == 2
    assert "validate` or `leadmodel analyze" in capsys.readouterr().err


def test_long_counts_oneroster_and_edfi(tmp_path: Path) -> None:
    ccd = _maps(tmp_path, dict(lm.NCES_CCD_LEA_COLUMNS))
    federal = str(DATA / "federal" / "ccd_lea_staff_long.csv")
    assert main(["analyze", federal, "--kind", "counts-long", "--maps", str(ccd), "--lenient"]) == 0
    # a OneRoster folder is recognised without --kind
    oneroster = str(DATA / "oneroster" / "v1p1")
    assert main(["analyze", oneroster, "--lenient", "--out", str(tmp_path / "or")]) == 0
    assert (tmp_path / "or" / "school_summary.csv").exists()
    edfi = str(DATA / "edfi" / "api")
    assert main(["analyze", edfi, "--kind", "edfi", "--lenient"]) == 0


def test_a_position_roster_with_hundreds_of_titles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    maps = _maps(
        tmp_path,
        {
            "Position Number": "position_id",
            "Location Code": "school_id",
            "Job Title": "title",
            "FTE": "fte",
            "Filled/Vacant": "filled",
            "Employee ID": "person_id",
        },
    )
    positions = str(DATA / "positions" / "positions.csv")
    args = ["analyze", positions, "--maps", str(maps), "--infer-links", "principal_ap_split"]
    assert main([*args, "--unmapped", "other", "--out", str(tmp_path / "out")]) == 0
    # 30 schools in the summary: the 6 central units are not schools (tests/test_real_kinds.py)
    summary = (tmp_path / "out" / "school_summary.csv").read_text(encoding="utf-8")
    assert len(summary.splitlines()) == 1 + 30
    # without --unmapped other, 704 unmapped titles are errors: strict loading refuses the file
    assert main(args) == 1


def test_nothing_usable_exits_1_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "staff.csv"
    path.write_text("staff_id,school_id,role\nT1,S1,Wizard\nT2,S1,Sorcerer\n", encoding="utf-8")
    assert main(["analyze", str(path), "--lenient"]) == 1
    assert "no usable rows" in capsys.readouterr().err
    assert main(["report", str(path), "--lenient", "-o", str(tmp_path / "r.html")]) == 1
    assert not (tmp_path / "r.html").exists()


def test_titles_lists_a_files_titles(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    maps = _maps(tmp_path, {"Job Title": "title"})
    path = tmp_path / "export.csv"
    path.write_text("Job Title\nTeacher\nTeacher\nPara Educator\n", encoding="utf-8")
    assert main(["titles", str(path), "--maps", str(maps), "--out", str(tmp_path / "t.csv")]) == 0
    out = capsys.readouterr().out
    assert "2 job titles, 1 without a role" in out
    assert (tmp_path / "t.csv").read_text(encoding="utf-8").splitlines() == [
        "title,rows,role",
        "Teacher,2,teacher",
        "Para Educator,1,",
    ]


@pytest.mark.slow  # the district with its survey, a report of 185 schools
def test_a_report_with_the_survey_and_the_log(tmp_path: Path) -> None:
    log = lm.sample_path("district_log")
    survey = lm.sample_path("district_survey") / "survey.csv"
    base = lm.sample_path("district")
    out = tmp_path / "r.html"
    args = [
        "report",
        str(base),
        "--teams",
        str(tmp_path / "teams.csv"),
        "--survey",
        str(survey),
        "--log",
        str(log / "log.csv"),
        "--school-year",
        "2024-08-26",
        "2025-06-06",
        "--members",
        str(log / "ilt_members.csv"),
        "-o",
        str(out),
    ]
    teams = (base / "teams.csv").read_text(encoding="utf-8")
    ilts = (log / "ilt_teams.csv").read_text(encoding="utf-8").split("\n", 1)[1]
    (tmp_path / "teams.csv").write_text(teams.rstrip("\n") + "\n" + ilts, encoding="utf-8")
    assert main(args) == 0
    page = out.read_text(encoding="utf-8")
    assert "<h2>Staff survey</h2>" in page
    assert "<h2>Observation and coaching as they happened</h2>" in page


def test_log_options_go_together(capsys: pytest.CaptureFixture[str]) -> None:
    log = str(lm.sample_path("district_log") / "log.csv")
    assert main(["analyze", "--sample", "district", "--log", log]) == 2
    assert "--school-year" in capsys.readouterr().err


def test_the_kind_is_guessed_from_the_top_of_a_folder_and_a_real_zip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file named .zip that is not one gets the reader's error (exit 2), not a traceback; a
    roster folder whose sub-folder holds users.csv and orgs.csv is still a roster (the OneRoster
    reader looks at the top of the folder only)."""
    bad = tmp_path / "bad.zip"
    bad.write_text("not a zip", encoding="utf-8")
    assert main(["validate", str(bad)]) == 2
    assert "Cannot read bad.zip" in capsys.readouterr().err
    folder = tmp_path / "roster"
    (folder / "sub").mkdir(parents=True)
    (folder / "staff.csv").write_text(
        "staff_id,school_id,role\nP1,S1,principal\nT1,S1,teacher\n", encoding="utf-8"
    )
    for name in ("users.csv", "orgs.csv"):
        (folder / "sub" / name).touch()
    assert main(["validate", str(folder)]) == 0
    assert "No problems found." in capsys.readouterr().out
