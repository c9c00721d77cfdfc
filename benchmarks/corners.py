"""Corner cases that used to cost more than linear time: long chains, circles, wide files.

Run from the repository root (``benchmarks/scale.py`` runs them too)::

    python benchmarks/corners.py

Each case is timed three times and the median is reported, from the tables (a DataFrame or a
CSV file) to every metric of ``Analysis`` (spans, coverage, observation load, compliance with
the Denver model):

``develops circle``     1,000 team leads, each developing the next, the last the first: everyone
                        is below everyone (about n^3 before, 9-12 s for 400 people);
``develops chain``      1,000 people, each developing the next: 1,000 levels;
``supervision circle``  1,000 people supervising each other round a circle: a data error that
                        validation finds (every link rejected, with a ``cycle`` error);
``supervision chain``   1,000 levels of supervision, checked for circles;
``wide file``           40 rows and 5,000 columns of CSV (17-28 s before the intake was rebuilt).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

PEOPLE = 1000
WIDE_ROWS, WIDE_COLUMNS = 40, 5000


def _people(n: int, role: str) -> tuple[list[str], pd.DataFrame]:
    ids = [f"T{i:05d}" for i in range(n)]
    staff = pd.DataFrame(
        {"staff_id": ["P", *ids], "school_id": "S1", "role": ["principal", *[role] * n]}
    )
    return ids, staff


def _links(leaders: list[str], led: list[str], relation: str) -> pd.DataFrame:
    return pd.DataFrame(
        {"school_id": "S1", "leader_id": leaders, "staff_id": led, "relation": relation}
    )


def circle_or_chain(relation: str, *, circle: bool, n: int = PEOPLE) -> dict[str, pd.DataFrame]:
    """A school of ``n`` people after a principal, each holding ``relation`` to the next (and
    the last to the first, for a ``circle``); the principal supervises all of them."""
    ids, staff = _people(n, "team_lead")
    nxt = ids[1:] + ids[:1] if circle else ids[1:]
    parts = [_links(ids[: len(nxt)], nxt, relation)]
    if relation != "supervises":
        parts.append(_links(["P"] * n, ids, "supervises"))
    else:
        parts.append(_links(["P"], ids[:1], "supervises"))
    return {"staff": staff, "links": pd.concat(parts, ignore_index=True)}


def wide_file(folder: Path, rows: int = WIDE_ROWS, columns: int = WIDE_COLUMNS) -> Path:
    """A CSV staff file of ``rows`` teachers and ``columns`` columns (the extra ones hold 7)."""
    header = ["staff_id", "school_id", "role", *[f"c{k:04d}" for k in range(columns - 3)]]
    lines = [",".join(header)]
    lines += [",".join([f"T{i:03d}", "S1", "teacher", *["7"] * (columns - 3)]) for i in range(rows)]
    path = folder / "wide.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _analysed(roster: Any) -> Any:
    import leadmodel as lm

    analysis = lm.Analysis(roster, model="denver")
    analysis.spans()
    analysis.coverage()
    analysis.observation()
    analysis.compliance()
    return analysis


def cases(folder: Path) -> dict[str, Callable[[], Any]]:
    """Each corner case as a function to time."""
    import leadmodel as lm

    def tables(relation: str, circle: bool) -> Callable[[], Any]:
        t = circle_or_chain(relation, circle=circle)

        def run() -> Any:
            roster = lm.read_roster(t["staff"], links=t["links"], strict=False)
            return _analysed(roster)

        return run

    wide = wide_file(folder)
    return {
        f"develops circle of {PEOPLE:,}": tables("develops", True),
        f"develops chain of {PEOPLE:,}": tables("develops", False),
        f"supervision circle of {PEOPLE:,}": tables("supervises", True),
        f"supervision chain of {PEOPLE:,}": tables("supervises", False),
        f"wide file {WIDE_ROWS} x {WIDE_COLUMNS:,}": lambda: lm.read_roster(wide),
    }


def measure(repeat: int = 3) -> dict[str, float]:
    """Median seconds of each case over ``repeat`` runs (after one run to warm up)."""
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, run in cases(Path(tmp)).items():
            run()
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                run()
                times.append(time.perf_counter() - start)
            out[name] = statistics.median(times)
    return out


def main(argv: list[str] | None = None) -> int:
    """Print each case's median time."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    for name, seconds in measure(args.repeat).items():
        print(f"{name:32s} {seconds:8.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
