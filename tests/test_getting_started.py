"""Every shell block of docs/getting-started.md runs as written (after the install step)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

DOC = Path(__file__).parents[1] / "docs" / "getting-started.md"


def _blocks() -> list[str]:
    blocks = re.findall(r"```bash\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    assert "pip install ." in blocks[0]  # the install step: this environment already has it
    return blocks[1:]


@pytest.mark.slow  # runs the guide's shell blocks
def test_the_walk_through_runs_and_ends_with_a_report(tmp_path: Path) -> None:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    script = "set -euo pipefail\n" + "\n".join(_blocks())
    result = subprocess.run(
        ["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    folder = tmp_path / "my_export"
    assert (tmp_path / "report.html").exists()  # step 2, on the bundled sample
    report = (folder / "district_report.html").read_text(encoding="utf-8")
    assert "<h2>Redesign scenarios</h2>" in report and "P0001" in report
    assert len(list((folder / "tables").glob("*.csv"))) == 13
    assert "No problems found." in result.stdout  # step 5 on the bundled export
