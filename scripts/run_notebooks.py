"""Run every notebook and store it with its outputs: `python scripts/run_notebooks.py`.

Each notebook in ``notebooks/`` is executed top to bottom in a fresh Jupyter kernel (from
the ``notebooks`` folder, figures inline as PNG, ``PYTHONHASHSEED=0``) and written back
with its outputs, so that a reader sees the results without running anything. Outputs
are made reproducible: memory addresses (``at 0x7f...``) and temporary paths are
replaced by fixed text, a cell's printed text is one output per stream (the kernel's
flushes split it differently on a busy machine), no timing is recorded, and
``metadata.leadmodel.executed_with`` names the versions that made them. Running it twice
with the same versions gives the same bytes.

``--check`` executes them and compares with the stored notebooks instead: exit code 1
and the first differences when any is out of date (the test suite runs this check).
Figures are compared byte for byte only when the versions are those that made them.
"""

from __future__ import annotations

import argparse
import copy
import os
import platform
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
#: What the stored outputs record of the environment that made them.
VERSIONED = ("leadmodel", "pandas", "numpy", "matplotlib", "networkx", "scipy", "pyarrow")
_ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,}\b")
_TEMP = re.compile(re.escape(tempfile.gettempdir()) + r"/[^\s'\"<>)]+")


def versions() -> dict[str, str]:
    """The versions of Python and of each package in :data:`VERSIONED`."""
    from importlib.metadata import version

    return {"python": platform.python_version(), **{name: version(name) for name in VERSIONED}}


def execute(path: Path) -> nbformat.NotebookNode:
    """The notebook at ``path``, run top to bottom, with reproducible outputs."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
            cell.metadata.pop("execution", None)
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            "JUPYTER_RUNTIME_DIR": f"{tmp}/runtime",  # kernel files and IPython's profile
            "IPYTHONDIR": f"{tmp}/ipython",  # stay out of $HOME
            "MPLBACKEND": "module://matplotlib_inline.backend_inline",
            "PYTHONHASHSEED": "0",
        }
        saved = {k: os.environ.get(k) for k in env}
        os.environ.update(env)
        try:
            client = NotebookClient(
                nb,
                kernel_name="python3",
                timeout=600,
                record_timing=False,
                coalesce_streams=True,  # printed text is one output, however the kernel flushed it
                resources={"metadata": {"path": str(NOTEBOOKS)}},
            )
            client.execute()
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
    return _reproducible(nb)


def _reproducible(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.outputs:
            if "text" in output:
                output["text"] = _scrub(output["text"])
            for mime, value in output.get("data", {}).items():
                if mime.startswith("text/") and isinstance(value, str):
                    output["data"][mime] = _scrub(value)
            output.get("metadata", {}).pop("execution", None)
    nb.metadata["leadmodel"] = {"executed_with": versions()}
    nb.metadata.get("language_info", {}).pop("version", None)
    return nb


def _scrub(text: str) -> str:
    return _TEMP.sub("<temporary path>", _ADDRESS.sub("0x...", text))


def stored_text(nb: nbformat.NotebookNode) -> str:
    """The notebook as it is stored: nbformat's own layout, a final line break."""
    return nbformat.writes(nb) + "\n"


def differences(stored: nbformat.NotebookNode, fresh: nbformat.NotebookNode) -> list[str]:
    """How ``fresh`` outputs differ from ``stored`` ones, cell by cell (empty: current).

    Figures count only when the stored ones were made with the versions installed now.
    """
    same_versions = stored.metadata.get("leadmodel", {}).get("executed_with") == versions()
    found = []
    if len(stored.cells) != len(fresh.cells):
        return [f"{len(stored.cells)} cells stored, {len(fresh.cells)} now"]
    for index, (old, new) in enumerate(zip(stored.cells, fresh.cells, strict=True)):
        if old.get("source") != new.get("source"):
            found.append(f"cell {index}: the source differs")
        elif old.cell_type == "code" and _outputs(old, same_versions) != _outputs(
            new, same_versions
        ):
            found.append(f"cell {index}: the outputs differ (rerun scripts/run_notebooks.py)")
    return found


def _outputs(cell: nbformat.NotebookNode, images: bool) -> list[Any]:
    out = copy.deepcopy([dict(o) for o in cell.get("outputs", [])])
    for output in out:
        data = output.get("data", {})
        for mime in [m for m in data if m.startswith("image/")]:
            if not images:
                data[mime] = "<an image>"
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: all)")
    args = parser.parse_args(argv)
    paths = args.paths or sorted(NOTEBOOKS.glob("*.ipynb"))
    stale = 0
    for path in paths:
        fresh = execute(path)
        if args.check:
            found = differences(nbformat.read(path, as_version=4), fresh)
            stale += bool(found)
            for line in found[:5]:
                print(f"{path.name}: {line}")
        else:
            path.write_text(stored_text(fresh), encoding="utf-8", newline="\n")
            print(f"ran {path.name}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
