"""Analysis shares measurements between metrics and still equals the functions called alone."""

from __future__ import annotations

import pandas as pd
import pytest

import leadmodel as lm


@pytest.mark.parametrize(
    ("sample", "model"),
    [("traditional_elementary", "denver"), ("green_dot", "green_dot"), ("district", "denver")],
)
def test_shared_measurements_give_the_same_tables(sample: str, model: str) -> None:
    roster = lm.load_sample(sample)
    analysis = lm.Analysis(roster, model=model)
    alone = lm.coverage_gaps(roster)
    for mine, theirs in zip(analysis.coverage(), alone, strict=True):
        pd.testing.assert_frame_equal(mine, theirs)
    report = lm.compliance(roster, model)
    pd.testing.assert_frame_equal(analysis.compliance().rules, report.rules)
    pd.testing.assert_frame_equal(analysis.compliance().schools, report.schools)


def test_other_span_target_is_not_shared_with_compliance() -> None:
    roster = lm.load_sample("traditional_elementary")
    analysis = lm.Analysis(roster, model="green_dot", span_target=5)
    assert analysis.coverage().leaders["over_target"].sum() == 2  # the two 27-teacher leaders
    pd.testing.assert_frame_equal(
        analysis.compliance().rules, lm.compliance(roster, "green_dot").rules
    )


def test_metrics_are_computed_once() -> None:
    analysis = lm.Analysis(lm.load_sample("green_dot"))
    assert analysis.spans() is analysis.spans()
    assert analysis.coverage() is analysis.coverage()


def test_no_model_says_how_to_give_one() -> None:
    with pytest.raises(lm.DefinitionError, match="model="):
        lm.Analysis(lm.load_sample("green_dot")).compliance()


def test_shared_spans_give_the_same_observation_load() -> None:
    roster = lm.load_sample("kipp_sunshine_peak")
    analysis = lm.Analysis(roster, policy="bain_10_spot_1_formal")
    pd.testing.assert_frame_equal(analysis.observation(), lm.observation_load(roster))


def test_compare_is_recomputed_for_a_changed_model_with_the_same_key() -> None:
    analysis = lm.Analysis(lm.load_sample("traditional_elementary"))
    denver = lm.get_model("denver")
    rules = tuple(
        r.model_copy(update={"threshold": 4.0}) if r.key == "lead_span" else r for r in denver.rules
    )
    smaller = denver.model_copy(update={"rules": rules})  # teams of at most 4: more leads
    first, second = analysis.compare([denver]), analysis.compare([smaller])
    fresh = lm.Analysis(lm.load_sample("traditional_elementary")).compare([smaller])
    pd.testing.assert_frame_equal(second, fresh)
    assert not first.equals(second)
