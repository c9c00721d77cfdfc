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
