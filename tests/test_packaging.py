"""Packaging: the declared licence, floors and extras, and the README's commands are CI's."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_the_license_file_is_the_declared_bsd_3_clause() -> None:
    assert PROJECT["license"] == "BSD-3-Clause" and PROJECT["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("BSD 3-Clause License")
    assert "Neither the name of the copyright holder" in text


def test_every_dependency_has_a_floor_that_ci_pins() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "floors.py")],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    pins = done.stdout.splitlines()
    assert len(pins) == len(PROJECT["dependencies"])
    assert "pandas==3.0.0" in pins and "xlsxwriter==3.2.0" in pins


def test_test_extra_has_no_developer_tools_and_dev_adds_them() -> None:
    extras = PROJECT["optional-dependencies"]

    def names(requirements: list[str]) -> set[str]:
        return {re.split(r"[<>=\[ ]", r)[0].lower() for r in requirements}

    tools = {"ruff", "mypy", "pandas-stubs", "types-pyyaml"}
    assert not names(extras["test"]) & tools
    assert names(extras["dev"]) >= tools | {"leadmodel"}  # dev = test + the tools


def test_readme_ci_command_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = "HYPOTHESIS_PROFILE=ci pytest --slow -n auto"
    assert f"```bash\n{command}\n```" in readme
    assert f"\n{command}\n" in ci
    assert 'pip install -e ".[dev]" && pytest' in readme and '-e ".[dev]"' in ci
    assert "scripts/floors.py" in ci and '-m "not artefact"' in ci
