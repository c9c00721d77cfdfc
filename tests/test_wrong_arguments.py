"""Something other than a roster, given where a roster is needed, is a DefinitionError that
says what to pass, never an AttributeError from deep inside."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import leadmodel as lm

CALLS: dict[str, Callable[[object, Path], object]] = {
    "Analysis": lambda x, _: lm.Analysis(x),  # type: ignore[arg-type]
    "span_of_control": lambda x, _: lm.span_of_control(x),  # type: ignore[arg-type]
    "coverage_gaps": lambda x, _: lm.coverage_gaps(x),  # type: ignore[arg-type]
    "observation_load": lambda x, _: lm.observation_load(x),  # type: ignore[arg-type]
    "write_report": lambda x, folder: lm.write_report(x, folder / "r.html"),  # type: ignore[arg-type]
}


@pytest.mark.parametrize("call", sorted(CALLS))
@pytest.mark.parametrize("given", ["staff.csv", None, 3])
def test_a_non_roster_is_named_in_a_definition_error(
    call: str, given: object, tmp_path: Path
) -> None:
    with pytest.raises(lm.DefinitionError, match=f"not {type(given).__name__}"):
        CALLS[call](given, tmp_path)
    assert list(tmp_path.iterdir()) == []  # no report written


def test_a_survey_given_as_the_roster_is_named(tmp_path: Path) -> None:
    survey = lm.load_sample("district_survey")  # a Survey, not a roster
    with pytest.raises(lm.DefinitionError, match="not Survey"):
        lm.write_report(survey, tmp_path / "r.html")  # type: ignore[arg-type]
