"""Time the district exports and check they are reproducible: `python benchmarks/exports.py`.

For the 185-school ``district`` sample: the roster as one workbook and every analysis table
(``Analysis(..., model="denver").tables()``) as one workbook, each written twice (the two
files must be byte-identical), timed; the same tables as CSV for comparison; then the
GraphML round trip of every sample (``roster_from_graph(nx.read_graphml(...))`` equal to
the roster). Prints one line per step; exit code 1 when a rerun differs, a round trip
fails or an export takes 10 s or more (the target of issue 20).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx

import leadmodel as lm

TARGET_SECONDS = 10.0


def timed(write: Callable[[Path], object], first: Path, second: Path) -> tuple[float, bool]:
    """Seconds of the first write, and whether a second write gives the same bytes."""
    start = time.perf_counter()
    write(first)
    seconds = time.perf_counter() - start
    write(second)
    return seconds, _bytes(first) == _bytes(second)


def _bytes(path: Path) -> bytes:
    if path.is_dir():
        return b"".join(p.name.encode() + p.read_bytes() for p in sorted(path.iterdir()))
    return path.read_bytes()


def main() -> int:
    roster = lm.load_sample("district")
    tables = lm.Analysis(roster, model="denver").tables()
    cells = sum(f.size for f in tables.values())
    print(f"district: {len(roster.staff):,} staff rows; {len(tables)} tables, {cells:,} cells")
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        steps: dict[str, Callable[[Path], object]] = {
            "roster xlsx": lambda p: lm.write_roster(roster, p.with_suffix(".xlsx")),
            "tables xlsx": lambda p: lm.export_tables(
                tables, p.with_suffix(".xlsx"), format="xlsx"
            ),
            "tables csv": lambda p: lm.export_tables(tables, p, format="csv"),
            "roster graphml": lambda p: lm.write_graphml(roster, p.with_suffix(".graphml")),
        }
        suffix = {"roster xlsx": ".xlsx", "tables xlsx": ".xlsx", "roster graphml": ".graphml"}
        for name, write in steps.items():
            ext = suffix.get(name, "")
            first, second = (
                out / f"{name.replace(' ', '_')}_1{ext}",
                out / f"{name.replace(' ', '_')}_2{ext}",
            )
            seconds, same = timed(write, first, second)
            size = sum(p.stat().st_size for p in ([first] if first.is_file() else first.iterdir()))
            slow = seconds >= TARGET_SECONDS
            failed |= slow or not same
            print(
                f"{name:<16} {seconds:7.2f} s  {size / 1e6:6.2f} MB  "
                f"rerun {'byte-identical' if same else 'DIFFERS'}{'  OVER 10 s' if slow else ''}"
            )
        for sample in sorted(lm.list_samples().index):
            each = lm.datasets.roster_of_sample(sample)
            back = lm.roster_from_graph(nx.read_graphml(lm.write_graphml(each, out / "g.graphml")))
            ok = back.equals(each)
            failed |= not ok
            print(f"graphml round trip {sample:<26} {'equal' if ok else 'DIFFERS'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
