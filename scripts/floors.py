"""Pin every dependency to its declared floor, as pip constraints: `python scripts/floors.py`.

Each ``name>=X`` in ``[project.dependencies]`` of ``pyproject.toml`` becomes ``name==X``, so
that ``pip install -c <(python scripts/floors.py) -e ".[test]"`` installs the lowest versions
the package says it supports; CI runs the fast tests in such an environment (``.ci/run``).
A dependency without a ``>=`` floor is an error: every floor must be tested.

``--extra NAME`` also pins the floors of that optional-dependency group (e.g. ``test``).
``--check`` prints nothing when every pinned package is installed at its floor, and names
each that is not (exit code 1): CI runs it after the install, so that a resolver that quietly
picked another version cannot pass for the floors.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOOR = re.compile(r"^\s*([A-Za-z0-9_.\-]+)(\[[^\]]*\])?\s*>=\s*([0-9][^,;\s]*)\s*(?:,[^;]*)?$")


def floors(requirements: list[str]) -> list[str]:
    """``name==floor`` for each requirement ``name>=floor`` (extras and upper bounds dropped).

    >>> floors(["pandas>=3.0", "numpy >= 1.26, <3"])
    ['pandas==3.0', 'numpy==1.26']
    >>> floors(["requests"])
    Traceback (most recent call last):
    ...
    ValueError: requests has no >= floor: declare the lowest version that works
    """
    pins = []
    for requirement in requirements:
        match = FLOOR.match(requirement.split(";")[0])
        if match is None:
            raise ValueError(
                f"{requirement} has no >= floor: declare the lowest version that works"
            )
        pins.append(f"{match.group(1)}=={match.group(3)}")
    return pins


def off_floor(pins: list[str]) -> list[str]:
    """The pins whose package is not installed at exactly that version."""
    from packaging.version import Version

    wrong = []
    for pin in pins:
        name, floor = pin.split("==")
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            wrong.append(f"{name}: not installed (floor {floor})")
            continue
        if Version(installed) != Version(floor):
            wrong.append(f"{name}: {installed} installed, floor {floor}")
    return wrong


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extra", action="append", default=[], help="also pin this extra")
    parser.add_argument("--check", action="store_true", help="check the installed versions")
    args = parser.parse_args(argv)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in args.extra:
        requirements += project["optional-dependencies"][extra]
    pins = floors(requirements)
    if args.check:
        wrong = off_floor(pins)
        sys.stdout.write("".join(f"not at its floor: {line}\n" for line in wrong))
        return 1 if wrong else 0
    sys.stdout.write("".join(f"{pin}\n" for pin in pins))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
