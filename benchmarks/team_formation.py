"""Time team formation on a 150-teacher school: `python benchmarks/team_formation.py`.

Two cases: 19 teacher leads with home subjects (cap 8) and 12 administrators without homes
(cap 13). Prints the best of five runs for each. Synthetic, deterministic input.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from leadmodel.teaming import form_teams

SUBJECTS = ["English", "Math", "Science", "History", "Languages", "Arts", "PE", "SPED"]


def _time(teachers: pd.DataFrame, leaders: pd.DataFrame, cap: int) -> float:
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        form_teams(teachers, leaders, cap=cap)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    rng = np.random.default_rng(2016)
    teachers = pd.DataFrame(
        {"staff_id": [f"T{i:03d}" for i in range(150)], "group": rng.choice(SUBJECTS, size=150)}
    )
    leads = pd.DataFrame(
        {
            "leader_id": [f"L{i:02d}" for i in range(19)],
            "home": sorted(SUBJECTS[i % 8] for i in range(19)),
        }
    )
    admins = pd.DataFrame({"leader_id": [f"A{i:02d}" for i in range(12)], "home": [None] * 12})
    print(f"150 teachers, 19 leads with homes, cap 8:  {_time(teachers, leads, 8) * 1000:.1f} ms")
    print(f"150 teachers, 12 administrators, cap 13:   {_time(teachers, admins, 13) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
