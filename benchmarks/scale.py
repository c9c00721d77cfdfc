"""Scale benchmark: time and peak memory of every step from 1 school to 100,000 schools.

Run from the repository root::

    python benchmarks/scale.py                       # 1, 185, 1800 and 100000 schools
    python benchmarks/scale.py --sizes 1 185         # a quick run (the CI smoke run)

Each size runs in its own process, so that peak memory is that size's alone. A synthetic
district (``benchmarks/synthetic.py``) is written as CSV and as Parquet; then each step is
timed and its peak resident memory sampled every 5 ms:

``pyarrow read``        the bare read of the Parquet files with pyarrow: the floor;
``read CSV``            ``read_roster`` of the CSV files: read, map, validate;
``read Parquet``        the same from Parquet (the roster the later steps use);
``graph``               ``graph_from_roster`` (networkx);
``spans`` ``coverage`` ``observation`` ``compliance``
                        ``span_of_control``, ``coverage_gaps``, ``observation_load``,
                        ``compliance`` with the Denver model, each on the roster as read
                        (the integer coding of its ids, kept on the roster, is redone);
``all metrics``         the four together through ``Analysis``, which shares what they have
                        in common (coverage reuses spans, compliance reuses coverage and load);
``apply model``         ``apply_model`` (Denver), with its progress on stderr at large sizes;
``report``              ``write_report`` (HTML, Denver model).

A step that takes under 0.2 s is run five times and timed by the median.
``analysis`` is read Parquet + all metrics: every metric from the file. It is compared with
the pyarrow read and with a straightforward baseline (``benchmarks/baseline.py``): read the
Parquet files with pandas, build one networkx graph per school and loop over it in Python
for the same spans, coverage, observation load and compliance measures. Steps that
cannot finish in reasonable time or memory at a size are skipped with the reason. At the
end, the exponent of time and memory against staff count is fitted over the sizes from 185
schools up (1.0 = linear); the corner cases of ``benchmarks/corners.py`` (circles and chains of
1,000 people, a file of 5,000 columns) are timed; and each target of issue 21 is printed with
its measured value and whether it is met.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
DEFAULT_SIZES = (1, 185, 1800, 100_000)
#: Mean staff per school: the district sample (185 schools, ~46), a city of 1,800 schools and
#: 100,000 staff (~56), a national file of 100,000 schools and 3.5 million staff (35).
STAFF_PER_SCHOOL = {1: 56.0, 185: 46.0, 1800: 56.0, 100_000: 35.0}
#: Above these sizes a step is skipped (with the reason printed).
LIMITS = {
    "graph": (20_000, "a networkx graph of millions of nodes needs tens of GB; metrics use tables"),
}
STEPS = (
    "pyarrow read",
    "read CSV",
    "read Parquet",
    "graph",
    "spans",
    "coverage",
    "observation",
    "compliance",
    "all metrics",
    "apply model",
    "report",
)
ANALYSIS = ("read Parquet", "all metrics")


class PeakMemory:
    """Sample this process's resident memory every 5 ms; ``peak`` is the largest since reset."""

    def __init__(self) -> None:
        self.page = os.sysconf("SC_PAGE_SIZE")
        self.peak = 0
        self._stop = False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def rss(self) -> int:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * self.page

    def _run(self) -> None:
        while not self._stop:
            self.peak = max(self.peak, self.rss())
            time.sleep(0.005)

    def reset(self) -> None:
        self.peak = self.rss()


#: A step faster than this is run ``REPEATS`` times and timed by the median: a single run of
#: a few milliseconds is mostly the machine's noise.
QUICK_SECONDS, REPEATS = 0.2, 5


def _measure(memory: PeakMemory, step: Callable[[], Any]) -> tuple[Any, dict[str, float]]:
    """Run ``step``: its result and its measures: ``seconds`` (the median of ``REPEATS`` runs
    for a quick step), the process's CPU seconds in them, ``user_seconds`` and
    ``kernel_seconds`` (on average; the kernel's are mostly faulting in fresh memory pages),
    and ``peak_bytes``, the peak resident memory while it ran."""
    memory.reset()
    times, user, kernel = [], [], []
    while True:
        start, start_use = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF)
        result = step()
        times.append(time.perf_counter() - start)
        use = resource.getrusage(resource.RUSAGE_SELF)
        user.append(use.ru_utime - start_use.ru_utime)
        kernel.append(use.ru_stime - start_use.ru_stime)
        if times[0] >= QUICK_SECONDS or len(times) == REPEATS:
            break
    memory.peak = max(memory.peak, memory.rss())
    return result, {
        "seconds": float(np.median(times)),
        "user_seconds": float(np.mean(user)),
        "kernel_seconds": float(np.mean(kernel)),
        "peak_bytes": memory.peak,
    }


def fresh_memory_seconds(gigabytes: float = 1.0) -> float:
    """Seconds a GB to write memory this process has not used before: what every new large
    array costs on this machine at this moment (on a virtual machine whose host takes back
    the guest's free memory, far more than writing memory already in use)."""
    start = time.perf_counter()
    block = np.ones(int(gigabytes * 2**30) // 8)
    seconds = time.perf_counter() - start
    del block
    return seconds / gigabytes


def _all_metrics(analysis: Any) -> Any:
    analysis.spans()
    analysis.coverage()
    analysis.observation()
    analysis.compliance()
    return analysis


def _progress(done: int, total: int) -> None:
    """``apply_model``'s progress on stderr, every tenth of the way (large sizes only)."""
    if total >= 10_000 and (done == total or done % (total // 10) == 0):
        print(f"apply model: {done:,} of {total:,} schools", file=sys.stderr, flush=True)


def run_one(n_schools: int, workdir: Path) -> dict[str, Any]:
    """Time every step at one size (in this process); return the measurements."""
    import pyarrow.parquet as pq

    sys.path.insert(0, str(HERE))
    from baseline import baseline
    from synthetic import synthetic_district

    memory = PeakMemory()
    fresh_memory = fresh_memory_seconds()
    start = time.perf_counter()
    tables = synthetic_district(n_schools, staff_per_school=STAFF_PER_SCHOOL.get(n_schools, 35.0))
    csv_dir, parquet_dir = workdir / "csv", workdir / "parquet"
    csv_dir.mkdir()
    parquet_dir.mkdir()
    for name, frame in tables.items():
        frame.to_csv(csv_dir / f"{name}.csv", index=False)
        frame.to_parquet(parquet_dir / f"{name}.parquet", index=False)
    counts = {name: len(frame) for name, frame in tables.items()}
    del tables
    out: dict[str, Any] = {
        "schools": n_schools,
        "staff": counts["staff"],
        "links": counts["links"],
        "setup_seconds": time.perf_counter() - start,
        "fresh_memory_seconds_per_gb": fresh_memory,
        "steps": {},
        "skipped": {},
    }
    import leadmodel as lm

    policy = lm.presets.policies.get_policy("bain_10_spot_1_formal")

    def record(name: str, step: Callable[[], Any]) -> Any:
        result, measures = _measure(memory, step)
        out["steps"][name] = measures
        return result

    def skip(name: str) -> bool:
        limit, reason = LIMITS[name]
        if n_schools > limit:
            out["skipped"][name] = reason
            return True
        return False

    record("pyarrow read", lambda: [pq.read_table(p) for p in sorted(parquet_dir.iterdir())])
    record("read CSV", lambda: lm.read_roster(csv_dir))
    roster = record("read Parquet", lambda: lm.read_roster(parquet_dir))
    if not skip("graph"):
        record("graph", lambda: lm.graph_from_roster(roster))

    def fresh(metric: Callable[[], Any]) -> Callable[[], Any]:
        """The metric on the roster as read: the ids' integer coding is redone and timed."""

        def run() -> Any:
            roster._coded = None
            return metric()

        return run

    record("spans", fresh(lambda: lm.span_of_control(roster)))
    record("coverage", fresh(lambda: lm.coverage_gaps(roster)))
    record("observation", fresh(lambda: lm.observation_load(roster, policy=policy)))
    record("compliance", fresh(lambda: lm.compliance(roster, "denver")))
    record(
        "all metrics",
        fresh(lambda: _all_metrics(lm.Analysis(roster, model="denver", policy=policy))),
    )
    record("apply model", lambda: lm.apply_model(roster, "denver", progress=_progress))
    record("report", lambda: lm.write_report(roster, workdir / "report.html", model="denver"))
    _, out["baseline"] = _measure(memory, lambda: baseline(parquet_dir, policy))
    memory._stop = True
    return out


def _fit(xs: list[float], ys: list[float]) -> float | None:
    """Slope of log(y) against log(x): 1.0 is linear growth."""
    if len(xs) < 2:
        return None
    slope = np.polyfit(np.log(xs), np.log(ys), 1)[0]
    return float(slope)


def _table(results: list[dict[str, Any]]) -> str:
    sizes = [f"{r['schools']:,} sch / {r['staff']:,} staff" for r in results]
    width = max(34, *(len(s) for s in sizes))
    lines = ["step".ljust(16) + "".join(s.rjust(width + 2) for s in sizes)]
    for step in (*STEPS, "analysis", "baseline"):
        cells = []
        for r in results:
            m = r["steps"].get(step) or (r.get("baseline") if step == "baseline" else None)
            if step == "analysis":
                m = r.get("analysis")
            cells.append(
                f"{m['seconds']:8.3f} s {m['peak_bytes'] / 2**30:6.2f} GB" if m else "skipped"
            )
        lines.append(step.ljust(16) + "".join(c.rjust(width + 2) for c in cells))
    ratios = []
    for r in results:
        a = r["analysis"]["seconds"]
        floor = r["steps"]["pyarrow read"]["seconds"]
        base = r.get("baseline", {}).get("seconds")
        speed = (
            "n/a"
            if not base
            else (f"{base / a:.1f}x faster" if base >= a else f"{a / base:.1f}x slower")
        )
        ratios.append(f"{a / floor:.0f}x pyarrow; baseline {speed}")
    lines.append("ratios".ljust(16) + "".join(c.rjust(width + 2) for c in ratios))
    for kind in ("user", "kernel"):
        cpu = [
            f"analysis {r['analysis'][f'{kind}_seconds']:.1f} s; baseline "
            + (f"{r['baseline'][f'{kind}_seconds']:.1f} s" if "baseline" in r else "n/a")
            for r in results
        ]
        lines.append(f"{kind} CPU".ljust(16) + "".join(c.rjust(width + 2) for c in cpu))
    fresh = [f"{r['fresh_memory_seconds_per_gb']:.2f} s a GB" for r in results]
    lines.append("fresh memory".ljust(16) + "".join(c.rjust(width + 2) for c in fresh))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table; ``--json`` also writes the raw results."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--json", type=Path, help="write the raw results here")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one is not None:
        with tempfile.TemporaryDirectory() as tmp:
            print(json.dumps(run_one(args.one, Path(tmp))))
        return 0
    results = []
    for n in args.sizes:
        done = subprocess.run(  # stderr passes through: progress and errors show as they come
            [sys.executable, __file__, "--one", str(n)],
            stdout=subprocess.PIPE,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            return 1
        r = json.loads(done.stdout.strip().splitlines()[-1])
        r["analysis"] = {
            "seconds": sum(r["steps"][s]["seconds"] for s in ANALYSIS),
            "user_seconds": sum(r["steps"][s]["user_seconds"] for s in ANALYSIS),
            "kernel_seconds": sum(r["steps"][s]["kernel_seconds"] for s in ANALYSIS),
            "peak_bytes": max(r["steps"][s]["peak_bytes"] for s in ANALYSIS),
        }
        results.append(r)
        print(f"measured {n:,} schools", file=sys.stderr, flush=True)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.platform()}"
    )
    print(_table(results))
    big = [r for r in results if r["schools"] >= 185]
    staff = [float(r["staff"]) for r in big]
    grow_time = _fit(staff, [r["analysis"]["seconds"] for r in big])
    grow_memory = _fit(staff, [float(r["analysis"]["peak_bytes"]) for r in big])
    if grow_time is not None and grow_memory is not None:
        print(
            f"fitted exponent over sizes >= 185 schools: analysis time {grow_time:.2f}, "
            f"peak memory {grow_memory:.2f} (1.00 = linear in staff)"
        )
    for r in results:
        for step, reason in r["skipped"].items():
            print(f"{r['schools']:,} schools: {step} skipped ({reason})")
    corners = _corners()
    print("corner cases (median of 3, tables to every metric):")
    for name, seconds in corners.items():
        print(f"  {name:32s} {seconds:8.3f} s")
    print("targets (issue 21):")
    for line in targets(results, corners):
        print(f"  {line}")
    if args.json:
        args.json.write_text(json.dumps({"sizes": results, "corners": corners}, indent=1) + "\n")
    return 0


def _corners() -> dict[str, float]:
    """The corner cases, run in a process of their own."""
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); import corners; "
        "print(json.dumps(corners.measure()))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(HERE)], capture_output=True, text=True, check=True
    )
    timings: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return timings


def targets(results: list[dict[str, Any]], corners: dict[str, float]) -> list[str]:
    """Each target of issue 21 that this run measured: the value, the target, met or not."""
    lines = []

    def check(name: str, value: float, limit: float, unit: str, *, at_least: bool = False) -> None:
        met = value >= limit if at_least else value <= limit
        sign = ">=" if at_least else "<="
        lines.append(
            f"{name:52s} {value:10.3f}{unit} ({sign} {limit:g}{unit}) {'met' if met else 'NOT MET'}"
        )

    by_size = {r["schools"]: r for r in results}
    if 1 in by_size:
        check(
            "one school: read + every metric", by_size[1]["analysis"]["seconds"] * 1000, 50, " ms"
        )
    if 1800 in by_size and "apply model" in by_size[1800]["steps"]:
        check(
            "apply_model, 1,800 schools", by_size[1800]["steps"]["apply model"]["seconds"], 15, " s"
        )
    big = by_size.get(100_000)
    if big is not None:
        analysis = big["analysis"]["seconds"]
        check(
            "analysis / pyarrow read, 100,000 schools",
            analysis / big["steps"]["pyarrow read"]["seconds"],
            10,
            "x",
        )
        check(
            "baseline / analysis, 100,000 schools",
            big["baseline"]["seconds"] / analysis,
            10,
            "x",
            at_least=True,
        )
        check(
            "analysis peak memory, 100,000 schools", big["analysis"]["peak_bytes"] / 2**30, 6, " GB"
        )
        if "apply model" in big["steps"]:
            check("apply_model, 100,000 schools", big["steps"]["apply model"]["seconds"], 600, " s")
    circle = next((s for name, s in corners.items() if name.startswith("develops circle")), None)
    if circle is not None:
        check("develops circle of 1,000: every metric", circle, 1, " s")
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
