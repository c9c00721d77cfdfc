"""One time model for every leader: contract x FTE x release x the role's observation share."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import leadmodel as lm
from leadmodel import DefinitionError, TimeModel
from leadmodel.metrics.observation import hours_available
from leadmodel.presets.time import DEFAULT_TIME, TIME_MODELS, get_time_model
from leadmodel.roles import ROLES


def test_every_role_has_a_share_with_a_source_or_an_assumption() -> None:
    for model in TIME_MODELS.values():
        assert set(model.observation_share) == {r.key for r in ROLES}
        assert set(model.share_sources) == set(model.observation_share)
        for role, text in model.share_sources.items():
            assert len(text) > 40, role
    # the principals' share is measured: 0.5% coaching + 1.8% evaluating + 5.4% walkthroughs
    assert DEFAULT_TIME.observation_share["principal"] == pytest.approx(0.005 + 0.018 + 0.054)
    assert "Grissom" in DEFAULT_TIME.share_sources["principal"]
    for role in ("assistant_principal", "team_lead", "multi_classroom_leader"):
        assert DEFAULT_TIME.share_sources[role].startswith("Assumption"), role


def test_a_denver_team_lead_carries_a_team_the_size_the_report_gives() -> None:
    # 186 days x 7.5 h x 0.5 release x 1/3 = 232.5 h; Denver-style policy: 36 weekly visits of
    # 20 + 15 minutes = 21 h, and 2 formal cycles of 180 minutes = 6 h: 27 h a teacher
    capacity = lm.max_teachers_per_leader("denver_leap", role="team_lead", release_fte=0.5)
    assert capacity == pytest.approx(232.5 / 27)
    # whole teachers: 8, the report's "up to eight other teachers" (not 66 as before)
    assert math.floor(capacity) == 8
    # under the report's 10 spot + 1 formal (10.5 h a teacher) the same lead could carry 22
    assert lm.max_teachers_per_leader(
        "bain_10_spot_1_formal", role="team_lead", release_fte=0.5
    ) == pytest.approx(232.5 / 10.5)


def test_released_time_that_is_not_for_observation_gives_no_hours() -> None:
    # a grade chair with a period a day (0.2) leads meetings: share 0 (the report's
    # grade-level leads "have neither the authority nor the time to visit classrooms")
    assert lm.max_teachers_per_leader("bain_10_spot_1_formal", role="chair", release_fte=0.2) == 0


def test_a_role_the_time_model_does_not_list_has_unknown_hours() -> None:
    only_principals = TimeModel(key="p", observation_share={"principal": 0.1})
    roster = lm.load_sample("traditional_elementary")
    load = lm.observation_load(roster, time=only_principals)
    ap = load.loc[("S-TRAD", "TRAD-A01")]
    assert pd.isna(ap["hours_available"]) and pd.isna(ap["utilisation"])
    assert pd.isna(ap["over_capacity"])  # unknown, not "within capacity"
    # the principal: 1,980 h x 0.1 = 198 h against 283.5 h required
    assert load.loc[("S-TRAD", "TRAD-P01"), "over_capacity"]
    assert math.isnan(
        lm.max_teachers_per_leader("bain_10_spot_1_formal", only_principals, role="dean")
    )


def test_time_models_are_presets_by_name() -> None:
    table = lm.list_time_models()
    assert table.index.tolist() == ["default", "instruction_related", "aps_focused_on_instruction"]
    assert table.loc["instruction_related", "principal"] == 0.127
    assert table.loc["aps_focused_on_instruction", "assistant_principal"] == 0.298
    assert get_time_model("default") is DEFAULT_TIME
    with pytest.raises(DefinitionError, match="list_time_models"):
        get_time_model("generous")


def test_the_earlier_field_name_is_still_read() -> None:
    old = TimeModel.model_validate({"key": "old", "instructional_share": {"principal": 0.2}})
    assert old.observation_share == {"principal": 0.2}
    with pytest.raises(ValueError, match="share_sources"):
        TimeModel(observation_share={}, share_sources={"dean": "x"})


@given(
    role=st.sampled_from([r.key for r in ROLES]),
    fte=st.floats(0.1, 1.0),
    release=st.floats(0.0, 1.0),
    scale=st.floats(0.1, 1.0),
)
def test_hours_are_proportional_to_fte_and_release(
    role: str, fte: float, release: float, scale: float
) -> None:
    def hours(f: float, r: float) -> float:
        return float(
            hours_available(
                pd.Series([role]), pd.Series([f]), pd.Series([r], dtype="Float64"), DEFAULT_TIME
            ).iloc[0]
        )

    base = hours(fte, release)
    assert base >= 0
    assert hours(fte * scale, release) == pytest.approx(base * scale, abs=1e-9)
    assert hours(fte, release * scale) == pytest.approx(base * scale, abs=1e-9)
    contract = 220 * 9 if role in ("principal", "assistant_principal", "dean") else 186 * 7.5
    share = DEFAULT_TIME.observation_share[role]
    assert base == pytest.approx(contract * fte * release * share, abs=1e-9)
