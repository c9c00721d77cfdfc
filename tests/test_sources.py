"""Every preset number cites a source that contains it, or is named an assumption."""

from __future__ import annotations

import re

import pytest

import leadmodel as lm
from leadmodel.models import LeadershipModel
from leadmodel.presets import MODELS, POLICIES, SPAN_BENCHMARKS, TIME_MODELS

WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 10: "ten"}


def _spelled(value: float) -> list[str]:
    """The ways a source may write a number: 13, 0.5 as 50%, 8 as eight."""
    forms = [f"{value:g}"]
    if 0 < value < 1:
        forms.append(f"{value * 100:g}%")
    if value in WORDS:
        forms.append(WORDS[int(value)])
    return forms


def _in_text(value: float, text: str) -> bool:
    return any(re.search(rf"(?<![\d.]){re.escape(f)}(?![\d])", text) for f in _spelled(value))


@pytest.mark.parametrize("model", MODELS.values(), ids=list(MODELS))
def test_every_rule_number_is_in_the_source_or_named_an_assumption(model: LeadershipModel) -> None:
    assumptions = model.source.partition("Assumption")[2]
    for rule in model.rules:
        named = f"`{rule.key}`" in assumptions
        # "every" and "none" (shares of 1 and 0) are how a source says all holders do something
        values = [v for v in (rule.threshold, rule.low, rule.high) if v not in (None, 0.0, 1.0)]
        for value in values:
            assert named or _in_text(value, model.source.partition("Assumption")[0]), (
                model.key,
                rule.key,
                value,
            )


def test_no_preset_cites_the_projects_own_brief() -> None:
    texts = [m.source for m in MODELS.values()]
    texts += [p.source for p in POLICIES.values()]
    texts += [b.source for b in SPAN_BENCHMARKS]
    texts += [t.source for t in TIME_MODELS.values()]
    texts += [s for t in TIME_MODELS.values() for s in t.share_sources.values()]
    texts += lm.list_cost_models()["source"].tolist()
    for text in texts:
        assert "domain brief" not in text, text[:80]


def test_opportunity_culture_team_sizes_cite_public_impact() -> None:
    source = MODELS["opportunity_culture"].source
    assert "typically 4 to 6 teachers" in source and "two to eight" in source
    assert "opportunityculture.org" in source
    benchmark = next(b for b in SPAN_BENCHMARKS if b.key == "opportunity_culture_mcl")
    assert "opportunityculture.org" in benchmark.source


def test_sanger_numbers_the_report_does_not_give_are_assumptions() -> None:
    source = MODELS["sanger"].source
    assert "gives no team size" in source and "assumptions for Sanger" in source
    elements = {r.key: r.element for r in MODELS["sanger"].rules}
    assert "assumption" in elements["team_size"] and "assumption" in elements["leads_develop"]


def test_a_new_mcl_is_on_partial_release() -> None:
    today = lm.load_sample("traditional_elementary")
    plan = lm.apply_model(today, "opportunity_culture")
    mcls = plan.staff[plan.staff["role"] == "multi_classroom_leader"]
    # the report's "50% or more": MCLs start at 0.5, not the top of the 0.5-1.0 range
    assert (mcls["release_fte"] == 0.5).all()
    full = lm.apply_model(
        today,
        lm.get_model("opportunity_culture").model_copy(
            update={
                "roles": tuple(
                    r.model_copy(update={"release_default": None})
                    for r in lm.get_model("opportunity_culture").roles
                )
            }
        ),
    )
    released = full.staff.loc[full.staff["role"] == "multi_classroom_leader", "release_fte"]
    assert (released == 1).all()  # without the default: the top of the range
    with pytest.raises(ValueError, match="release_default"):
        lm.ModelRole(role="team_lead", release_max=0.5, release_default=0.6)
