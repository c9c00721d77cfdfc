"""The example notebooks are stored with their outputs, and those outputs are current."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
EXPECTED = (
    "01_quick_start.ipynb",
    "02_denver_vs_green_dot.ipynb",
    "03_district_rollout.ipynb",
    "04_import_hr_export.ipynb",
    "05_strategic_plan.ipynb",
    "06_years.ipynb",
)
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))


def _runner() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "run_notebooks", ROOT / "scripts" / "run_notebooks.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


RUNNER = _runner()


def test_the_expected_notebooks_exist() -> None:
    assert {p.name for p in PATHS} >= set(EXPECTED)


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_notebook_is_stored_with_its_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    nbformat.validate(nb)
    assert nb.nbformat == 4
    assert nb.metadata["kernelspec"]["name"] == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))  # in order
    assert sum(bool(c.outputs) for c in code) >= len(code) - 2  # nearly every cell shows something
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
    assert any("image/png" in o.get("data", {}) for c in code for o in c.outputs)  # figures too
    assert set(nb.metadata["leadmodel"]["executed_with"]) >= {"leadmodel", "pandas", "matplotlib"}
    # nbformat's own layout (sorted keys, indent 1), so re-saving gives a clean diff
    assert path.read_text(encoding="utf-8") == RUNNER.stored_text(nb)


def test_outputs_are_scrubbed_of_addresses_and_temporary_paths() -> None:
    node = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                "x",
                outputs=[
                    nbformat.v4.new_output(
                        "stream",
                        name="stdout",
                        text="<Axes at 0x7f3a2b1c9d10> /tmp/tmpab12cd/report.html\n",
                    )
                ],
            )
        ]
    )
    scrubbed = RUNNER._reproducible(node)
    assert scrubbed.cells[0].outputs[0]["text"] == "<Axes at 0x...> <temporary path>\n"


@pytest.mark.slow  # a Jupyter kernel per notebook
@pytest.mark.artefact  # figures and reprs depend on the installed versions
@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_stored_outputs_are_what_the_notebook_gives_now(path: Path) -> None:
    fresh = RUNNER.execute(path)
    ran = [c for c in fresh.cells if c.cell_type == "code"]
    assert ran and all(c.execution_count is not None for c in ran)
    stored = nbformat.read(path, as_version=4)
    assert RUNNER.differences(stored, fresh) == [], (
        f"{path.name} is out of date: run `python scripts/run_notebooks.py` and commit it."
    )


def test_a_changed_output_or_source_is_found() -> None:
    stored = nbformat.read(PATHS[0], as_version=4)
    assert RUNNER.differences(stored, stored) == []
    changed = nbformat.reads(nbformat.writes(stored), as_version=4)
    cell = next(i for i, c in enumerate(changed.cells) if c.cell_type == "code" and c.outputs)
    changed.cells[cell].outputs[0][
        "data" if "data" in changed.cells[cell].outputs[0] else "text"
    ] = {}
    assert RUNNER.differences(stored, changed) == [
        f"cell {cell}: the outputs differ (rerun scripts/run_notebooks.py)"
    ]
    changed.cells[0].source += "!"
    assert RUNNER.differences(stored, changed)[0] == "cell 0: the source differs"
