"""Series benchmark: three snapshots of a district of 1,800 schools, matched and compared.

Run from the repository root::

    python benchmarks/series.py                  # 1,800 schools (about 100,000 staff)
    python benchmarks/series.py --schools 185    # a quick run

A synthetic district (``benchmarks/synthetic.py``, 56 staff per school) is the first snapshot;
each later one is the one before a year on, made column by column: 11% of positions get a new
holder (a leaver replaced), 2% of teachers swap schools (moves), 3% of teachers become Team
Leads (role changes), 1% of positions are vacant on the snapshot date, and the people of each
position are told apart by a ``person_id`` (a position file). Every snapshot is validated with
``read_roster`` (timed apart: validation is reading, not comparing). Then:

``series``      ``read_rosters`` of the three validated rosters: the matching and its checks;
``changes``     ``changes``: people, positions, continuity of development, spans, per school;
``compare``     ``series`` + ``changes``: the issue's "three snapshots compared" (target 10 s);
``trends``      ``trends`` with the Denver model (every measure on every snapshot).

Times are wall-clock seconds of one run on this machine, printed with the machine's name.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic import synthetic_district  # noqa: E402

import leadmodel as lm  # noqa: E402

DATES = ("2013-08-19", "2014-08-18", "2015-08-17")
TARGET_SECONDS = 10.0


def first_snapshot(n_schools: int, seed: int) -> dict[str, pd.DataFrame]:
    """The synthetic district as a position file: each position's holder has a person id."""
    tables = synthetic_district(n_schools, staff_per_school=56.0, seed=seed)
    staff = tables["staff"]
    staff["person_id"] = "E" + pd.Series(np.arange(1, len(staff) + 1)).astype(str).str.zfill(7)
    staff["vacant"] = False
    return tables


def next_snapshot(
    tables: dict[str, pd.DataFrame], rng: np.random.Generator, hired: int
) -> tuple[dict[str, pd.DataFrame], int]:
    """A year on, column by column: leavers replaced, moves, promotions, vacancies."""
    staff = tables["staff"].copy()
    n = len(staff)
    person = staff["person_id"].astype(object).to_numpy().copy()
    vacant = staff["vacant"].to_numpy(dtype=bool).copy()
    refill = vacant | (rng.random(n) < 0.11)
    person[refill] = [f"E{i:07d}" for i in range(hired + 1, hired + 1 + int(refill.sum()))]
    hired += int(refill.sum())
    vacant[:] = False
    teacher = np.flatnonzero((staff["role"] == "teacher").to_numpy() & ~refill)
    movers = rng.choice(teacher, size=2 * (int(0.02 * len(teacher)) // 2), replace=False)
    half = len(movers) // 2
    person[movers[:half]], person[movers[half:]] = person[movers[half:]], person[movers[:half]]
    promoted = rng.choice(teacher, size=int(0.03 * len(teacher)), replace=False)
    staff.loc[staff.index[promoted], "role"] = "team_lead"
    staff.loc[staff.index[promoted], "release_fte"] = 0.3
    open_now = rng.random(n) < 0.01
    open_now &= (staff["role"] == "teacher").to_numpy()
    vacant[open_now] = True
    person[open_now] = None
    staff["person_id"] = person
    staff["vacant"] = vacant
    return {**tables, "staff": staff}, hired


def _timed(label: str, step: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = step()
    print(f"{label:<10} {time.perf_counter() - start:8.2f} s", flush=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=1800)
    parser.add_argument("--seed", type=int, default=2016)
    args = parser.parse_args(argv)
    print(
        f"machine: {platform.node()} ({platform.machine()}, {os.cpu_count()} cpus), "
        f"python {platform.python_version()}, leadmodel {lm.__version__}"
    )
    rng = np.random.default_rng(args.seed)
    years = [first_snapshot(args.schools, args.seed)]
    hired = len(years[0]["staff"])
    for _ in DATES[1:]:
        tables, hired = next_snapshot(years[-1], rng, hired)
        years.append(tables)
    start = time.perf_counter()
    rosters = {
        day: lm.read_roster(t["staff"], links=t["links"], teams=t["teams"], schools=t["schools"])
        for day, t in zip(DATES, years, strict=True)
    }
    staff = sum(len(r.staff) for r in rosters.values())
    print(
        f"validate   {time.perf_counter() - start:8.2f} s  ({args.schools} schools, "
        f"{staff:,} positions in 3 snapshots)"
    )
    begin = time.perf_counter()
    series = _timed("series", lambda: lm.read_rosters(rosters))
    found = _timed("changes", lambda: lm.changes(series))
    compared = time.perf_counter() - begin
    print(
        f"compare    {compared:8.2f} s  (target {TARGET_SECONDS:.0f} s: "
        f"{'met' if compared < TARGET_SECONDS else 'MISSED'})"
    )
    _timed("trends", lambda: lm.trends(series, model="denver"))
    district = found.district.iloc[-1]
    print(
        f"last step: {int(district['joined']):,} joined, {int(district['left']):,} left, "
        f"{int(district['moved']):,} moved, share kept developer "
        f"{float(district['share_kept_developer']):.2f}"
    )
    return 0 if compared < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
