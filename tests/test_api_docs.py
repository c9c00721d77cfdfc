"""docs/api.md stays in step with the code: regenerated text identical, every public name in it."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

import leadmodel as lm

DOCS = Path(__file__).resolve().parents[1] / "docs"

#: Public names known to have no description yet, and why; each is an expected failure until a
#: description is added in src (the test then passes unexpectedly: remove the name from here).
UNDOCUMENTED: dict[str, str] = {}


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_api", DOCS / "generate_api.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATOR = _generator()


@pytest.mark.artefact  # signatures render differently under older pydantic versions
def test_api_reference_is_current() -> None:
    written = (DOCS / "api.md").read_text(encoding="utf-8")
    assert written == GENERATOR.render(), (
        "docs/api.md is out of date with the docstrings or leadmodel.__all__: "
        "rerun `python docs/generate_api.py` and commit docs/api.md."
    )


def test_api_reference_is_deterministic() -> None:
    assert GENERATOR.render() == GENERATOR.render()


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.xfail(reason=UNDOCUMENTED[n], strict=True))
        if n in UNDOCUMENTED
        else n
        for n in lm.__all__
    ],
)
def test_public_name_has_a_docstring(name: str) -> None:
    assert GENERATOR.docstring(name, getattr(lm, name)).strip(), (
        f"leadmodel.{name} has no docstring (a constant: no '#:' comment above its assignment)."
    )


@pytest.mark.parametrize("name", lm.__all__)
def test_public_name_is_in_the_api_reference(name: str) -> None:
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    assert re.search(rf"^### `{re.escape(name)}`$", text, flags=re.MULTILINE), (
        f"leadmodel.{name} is missing from docs/api.md: rerun `python docs/generate_api.py`."
    )


def test_every_section_is_known() -> None:
    sections = {GENERATOR.section_of(n, getattr(lm, n)) for n in lm.__all__}
    assert sections <= set(GENERATOR.SECTIONS)
