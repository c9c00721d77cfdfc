"""Smoke run of the scale benchmark at one school, so that it keeps working."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic import synthetic_district  # noqa: E402

import leadmodel as lm  # noqa: E402


def test_synthetic_district_is_valid_and_deterministic() -> None:
    one, two = synthetic_district(20, seed=7), synthetic_district(20, seed=7)
    for name in one:
        pd.testing.assert_frame_equal(one[name], two[name])
    roster = lm.validate.validate_tables(
        one["staff"], links=one["links"], teams=one["teams"], schools=one["schools"]
    )
    assert roster.issues.empty
    assert len(roster.schools) == 20
    # every teacher has an evaluator and a developer, whatever the school's model
    gaps = lm.coverage_gaps(roster).teachers
    assert not gaps["no_evaluator"].any() and not gaps["no_developer"].any()


def test_benchmark_runs_at_one_school() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "scale.py"), "--sizes", "1"],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    lines = done.stdout.splitlines()
    assert lines[0].startswith("machine:")
    steps = {line.split()[0] for line in lines[2:]}
    assert {"pyarrow", "read", "spans", "coverage", "compliance", "analysis", "ratios"} <= steps


def test_import_leaves_slow_dependencies_until_needed() -> None:
    code = "import sys, leadmodel; print([m for m in ('matplotlib', 'scipy') if m in sys.modules])"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"  # plots and reports import matplotlib, teams scipy
