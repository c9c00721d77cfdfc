"""The example notebooks are stored clean and run from top to bottom without an error."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
EXPECTED = (
    "01_quick_start.ipynb",
    "02_denver_vs_green_dot.ipynb",
    "03_district_rollout.ipynb",
    "04_import_hr_export.ipynb",
)
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))


def test_the_expected_notebooks_exist() -> None:
    assert {p.name for p in PATHS} >= set(EXPECTED)


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_notebook_is_stored_without_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    nbformat.validate(nb)
    assert nb.nbformat == 4
    assert nb.metadata["kernelspec"]["name"] == "python3"
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"cell {index} has stored outputs"
            assert cell.execution_count is None, f"cell {index} has an execution count"
    # nbformat's own layout (sorted keys, indent 1), so re-saving gives a clean diff
    assert path.read_text(encoding="utf-8") == nbformat.writes(nb) + "\n"


@pytest.mark.slow  # a Jupyter kernel per notebook
@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_notebook_runs(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # kernel connection files and IPython's profile go to a temporary folder, not $HOME
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name="python3",
        timeout=300,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    # any cell error raises CellExecutionError; a kernel that cannot start raises too
    client.execute()
    ran = [c for c in nb.cells if c.cell_type == "code"]
    assert ran and all(c.execution_count is not None for c in ran)
