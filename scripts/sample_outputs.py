"""Write every output the bundled samples and test files give, for a byte-for-byte comparison.

Run it on two checkouts (before and after a change) and compare the folders::

    python scripts/sample_outputs.py /tmp/before      # on the old checkout
    python scripts/sample_outputs.py /tmp/after       # on the new one
    diff -r /tmp/before /tmp/after && echo identical

It writes, for every roster sample, every table of ``Analysis(...).tables()`` (with the
``denver`` model) as CSV, an HTML and a Markdown report; the roster ``apply_model`` gives for
every preset model; ``compare``, ``rollout``, ``budget_neutral_plan`` and
``with_assistant_principals`` on the district; the outputs of the survey and activity-log
samples; and what each reader makes of every file under ``tests/data`` (tables, issues and row
accounting). A ``MANIFEST.txt`` lists each file's SHA-256. Nothing here is timed; a full run
takes a few minutes.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd

import leadmodel as lm

ROOT = Path(__file__).resolve().parent.parent
REPORT_SAMPLES = ("traditional_elementary", "denver_team_lead", "hr_export")


def _write(frame: pd.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    out = frame if isinstance(frame.index, pd.RangeIndex) else frame.reset_index()
    out.to_csv(path, index=False, lineterminator="\n")


def _outcome(folder: Path, read: Callable[[], object]) -> None:
    """What a reader gives: its tables, issues and accounting, or the error's issues."""
    try:
        result = read()
    except lm.LeadModelError as exc:
        issues = getattr(exc, "issues", None)
        if isinstance(issues, pd.DataFrame):
            _write(issues, folder / "error_issues.csv")
        else:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "error.txt").write_text(f"{type(exc).__name__}: {exc}\n", encoding="utf-8")
        return
    if isinstance(result, pd.DataFrame):
        _write(result, folder / "table.csv")
        return
    for name in ("staff", "links", "teams", "schools", "events", "responses", "ties", "issues"):
        table = getattr(result, name, None)
        if isinstance(table, pd.DataFrame):
            _write(table, folder / f"{name}.csv")
    accounting = getattr(result, "accounting", None)
    if callable(accounting):
        _write(accounting(), folder / "accounting.csv")


def _rosters(out: Path) -> None:
    for name in lm.list_samples().index:
        roster = lm.datasets.roster_of_sample(name)
        if name == "hr_export":
            roster = lm.infer_links(roster)
        analysis = lm.Analysis(roster, model="denver")
        for table, frame in analysis.tables().items():
            _write(frame, out / "samples" / name / f"{table}.csv")
        if name in REPORT_SAMPLES:
            lm.write_report(roster, out / "reports" / f"{name}.html", model="denver")
            lm.write_report(roster, out / "reports" / f"{name}.md", model="denver")


def _roster_tables(roster: lm.Roster, folder: Path) -> None:
    for name in ("staff", "links", "teams", "schools", "issues"):
        _write(getattr(roster, name), folder / f"{name}.csv")


def _scenarios(out: Path) -> None:
    """What re-staffing gives: every preset model on every roster sample, and the district's
    comparison, rollout, budget-neutral plan and added APs."""
    for name in lm.list_samples().index:
        if name == "district_survey":  # the district's roster again
            continue
        roster = lm.datasets.roster_of_sample(name)
        for model in lm.list_models().index:
            _outcome(
                out / "scenarios" / name / model, lambda r=roster, m=model: lm.apply_model(r, m)
            )
    district = lm.load_sample("district")
    folder = out / "scenarios" / "district_views"
    stages = {"today": district, **{m: lm.apply_model(district, m) for m in ("denver", "kipp")}}
    _write(lm.compare(stages, model="denver"), folder / "compare.csv")
    _write(lm.rollout(district, "denver"), folder / "rollout.csv")
    more = lm.with_assistant_principals(district, added=12)
    _roster_tables(more, folder / "with_assistant_principals")
    small = lm.load_sample("traditional_elementary")
    plan = lm.budget_neutral_plan(small, "denver")
    _roster_tables(plan.roster, folder / "budget_neutral")
    _write(plan.funding, folder / "budget_neutral" / "funding.csv")


def _survey_and_log(out: Path) -> None:
    survey = lm.load_sample("district_survey")
    roster = lm.load_sample("district")
    folder = out / "survey"
    _write(lm.net_promoter_score(survey, by="school_id"), folder / "nps_by_school.csv")
    _write(lm.felt_responsibility(roster, survey=survey), folder / "felt_responsibility.csv")
    overlay = lm.advice_overlay(roster, survey=survey)
    for name in overlay._fields:
        _write(getattr(overlay, name), folder / f"advice_{name}.csv")
    sample = lm.load_sample("district_log")
    folder = out / "log"
    actuals = lm.observation_actuals(sample.roster, log=sample.log)
    for name in actuals._fields:
        value = getattr(actuals, name)
        if isinstance(value, pd.DataFrame):
            _write(value, folder / f"actuals_{name}.csv")
    dosage = lm.coaching_dosage(sample.roster, log=sample.log)
    for name in dosage._fields:
        value = getattr(dosage, name)
        if isinstance(value, pd.DataFrame):
            _write(value, folder / f"dosage_{name}.csv")
    check = lm.ilt_check(sample.roster, log=sample.log, members=sample.members)
    for name in check._fields:
        value = getattr(check, name)
        if isinstance(value, pd.DataFrame):
            _write(value, folder / f"ilt_{name}.csv")


def _test_files(out: Path) -> None:
    data = ROOT / "tests" / "data"
    for path in sorted((data / "messy").iterdir()):
        if path.suffix in {".csv", ".xlsx"}:
            _outcome(out / "messy" / path.name, lambda p=path: lm.read_roster(p, strict=False))
    orgchart = data / "orgchart" / "reporting_lines.csv"
    _outcome(out / "orgchart", lambda: lm.read_reporting_lines(orgchart, strict=False))


def _manifest(out: Path) -> None:
    lines = []
    for path in sorted(p for p in out.rglob("*") if p.is_file() and p.name != "MANIFEST.txt"):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.relative_to(out).as_posix()}")
    (out / "MANIFEST.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    _rosters(out)
    _scenarios(out)
    _survey_and_log(out)
    _test_files(out)
    _manifest(out)
    print(f"wrote {sum(1 for _ in out.rglob('*'))} files under {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
