"""Smoke run of the scale benchmark at one school, so that it keeps working."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic import synthetic_district  # noqa: E402

import leadmodel as lm  # noqa: E402


def test_synthetic_district_is_valid_and_deterministic() -> None:
    one, two = synthetic_district(20, seed=7), synthetic_district(20, seed=7)
    for name in one:
        pd.testing.assert_frame_equal(one[name], two[name])
    roster = lm.readers.roster_checks.validate_tables(
        one["staff"], links=one["links"], teams=one["teams"], schools=one["schools"]
    )
    assert roster.issues.empty
    assert len(roster.schools) == 20
    # every teacher has an evaluator and a developer, whatever the school's model
    gaps = lm.coverage_gaps(roster).teachers
    assert not gaps["no_evaluator"].any() and not gaps["no_developer"].any()


@pytest.mark.slow  # runs benchmarks/scale.py
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


def test_baseline_computes_what_the_library_computes(tmp_path: Path) -> None:
    """The benchmark's per-school networkx baseline and the library agree, so the speed ratio
    compares the same work."""
    from baseline import baseline

    tables = synthetic_district(12, seed=3)
    for name, frame in tables.items():
        frame.to_parquet(tmp_path / f"{name}.parquet", index=False)
    policy = lm.presets.policies.get_policy("bain_10_spot_1_formal")
    got = baseline(tmp_path, policy)
    roster = lm.read_roster(tmp_path)

    spans = lm.span_of_control(roster)
    cols = ["span", "span_teachers", "span_fte", "span_all", "layer"]
    mine = spans[cols].astype(object).where(spans[cols].notna(), None)
    theirs = {(s, p): v for s, people in got["spans"].items() for p, v in people.items()}
    assert set(theirs) == set(mine.index)
    for key, row in mine.iterrows():
        assert [theirs[key][c] for c in cols] == pytest.approx(list(row)), key

    teachers = lm.coverage_gaps(roster).teachers
    cols = ["n_developers", "n_evaluators", "n_coaches", "fragmented"]
    theirs = {(s, p): v for s, people in got["teachers"].items() for p, v in people.items()}
    assert {k: [theirs[k][c] for c in cols] for k in theirs} == {
        k: list(v) for k, v in teachers[cols].astype(object).iterrows()
    }

    load = lm.observation_load(roster, policy=policy)["observations"]
    theirs = {(s, p): v for s, people in got["load"].items() for p, v in people.items()}
    assert {k: v for k, v in load.items() if v} == pytest.approx(theirs)
    assert sum(theirs.values()) > 0

    summary = pd.DataFrame(got["schools"]).T
    assert (summary["max_span"] == spans.groupby(level="school_id")["span"].max()).all()


@pytest.mark.slow  # runs benchmarks/series.py
def test_series_benchmark_runs_on_a_small_district() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "series.py"), "--schools", "20"],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    steps = [line.split()[0] for line in done.stdout.splitlines()[1:]]
    assert steps == ["validate", "series", "changes", "compare", "trends", "last"]
    assert "(target 10 s: met)" in done.stdout
