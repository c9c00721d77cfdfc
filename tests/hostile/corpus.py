"""The hostile corpus of issue 17 (item 5): generated files that every reader must survive.

Each :class:`Case` is data: a name, the reader, a function producing the file's bytes (or a
DataFrame, or a small tree of files), the reader's keyword arguments and the expected outcome
(:class:`Expect`), written from the intake contract of issue 17 *before* the case was run:
the desired behaviour, not what the code did on the day it was written. Every file is
synthetic and every byte deterministic.

Most cases come from *families*: one hostile transformation (a ragged row, a stray quote, an
uncached Excel formula, a Mac Roman export...) applied to a small clean file of each reader
(:data:`BASES`), with the outcome worked out by hand once for the family; a few more per
reader are written out one by one (:func:`specific_cases`).

``python tests/hostile/corpus.py OUT_DIR`` writes every file out, one folder per case, with a
``manifest.json`` of the readers, arguments and expected outcomes, for inspection.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as a script: import the corpus as the tests do
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import pandas as pd

from tests.hostile.families import family_cases
from tests.hostile.kit import READERS, Case, describe, materialize
from tests.hostile.plan_cases import plan_cases
from tests.hostile.specific import specific_cases
from tests.hostile.standards import standards_cases

__all__ = ["CASES", "main", "write_all"]

CASES: tuple[Case, ...] = tuple(
    sorted(
        family_cases() + specific_cases() + standards_cases() + plan_cases(),
        key=lambda c: (READERS.index(c.reader), c.name),
    )
)


def write_all(out: Path) -> int:
    """Write every case under ``out`` (a DataFrame as ``frame.pkl``) plus ``manifest.json``."""
    out.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        source = materialize(case, out)
        if isinstance(source, pd.DataFrame):
            folder = out / case.name
            folder.mkdir(parents=True, exist_ok=True)
            source.to_pickle(folder / "frame.pkl")
    manifest = [describe(c) for c in CASES]
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")
    return len(CASES)


def main(argv: Sequence[str]) -> int:
    if len(argv) != 1:
        print("usage: python tests/hostile/corpus.py OUT_DIR", file=sys.stderr)
        return 2
    n = write_all(Path(argv[0]))
    print(f"{n} cases written to {argv[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
