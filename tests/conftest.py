"""Shared fixtures: small hand-built rosters."""

from __future__ import annotations

import os

import pandas as pd
import pytest
from hypothesis import settings


@pytest.fixture
def small_staff() -> pd.DataFrame:
    """One elementary school: principal, AP, coach, eight teachers (K x3, 1 x2, 2 x2, none x1)."""
    return pd.DataFrame(
        {
            "staff_id": ["P1", "A1", "C1", "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8"],
            "school_id": ["S1"] * 11,
            "role": ["principal", "assistant_principal", "instructional_coach"] + ["teacher"] * 8,
            "grade": [None, None, None, "K", "K", "K", "1", "1", "2", "2", None],
        }
    )


# CI runs a fixed, derandomised set of examples so that a run is reproducible.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--slow",
        action="store_true",
        help="also run the tests marked slow (notebooks, scripts, district-scale runs, a "
        "browser); CI runs them",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Leave the slow tests out (deselected, and counted in pytest's closing line) unless
    ``--slow`` is given."""
    if config.getoption("--slow"):
        return
    slow = [item for item in items if item.get_closest_marker("slow")]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("slow")]


def pytest_report_header(config: pytest.Config) -> str:
    if config.getoption("--slow"):
        return "slow tests: included (--slow)"
    return "slow tests: left out (run them with --slow, as CI does)"
