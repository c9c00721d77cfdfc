"""Redesigns funded as the research describes: levers, the budget-neutral search, by hand."""

from __future__ import annotations

import functools
import itertools

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import leadmodel as lm
from leadmodel import BudgetError, CostModel
from leadmodel.presets.costs import DEFAULT_LEVERS, LEVERS, get_cost_model


@pytest.fixture(scope="module")
def today() -> lm.Roster:
    return lm.load_sample("traditional_elementary")


@pytest.fixture(scope="module")
def mcl() -> lm.Roster:
    return lm.load_sample("opportunity_culture_mcl")


def _moved(plan: lm.FundedPlan) -> pd.Series:
    table = plan.funding
    return table[table["kind"] == "per_teacher"].groupby("school_id")["used"].sum()


def test_the_opportunity_culture_sample_has_a_budget_neutral_plan(mcl: lm.Roster) -> None:
    plan = lm.budget_neutral_plan(mcl, "opportunity_culture")
    assert plan.neutral and plan.steps == ()  # the model's defaults fit
    table = plan.funding.set_index("lever")
    # grades 4 and 5 (3 teachers each) get an MCL on 0.5 release: 20% of the 60,000 teacher
    # salary + 0.5 x 60,000 backfill = 42,000, x 1.3 = 54,600 each: 109,200 more a year
    assert table["net_change"].iloc[0] == pytest.approx(109_200)
    # 30 teachers x 18,000 x 10% = 54,000 of development spending; 55,200 still to fund
    assert table.loc["reallocate_pd", ["used", "gap_after"]].tolist() == [54_000, 55_200]
    # MCLs' released time: 4 x 0.6 + 2 x 0.5 = 3.4 FTE covered by paraprofessionals at 40,000
    # instead of teachers at 60,000: 3.4 x 20,000 x 1.3 = 88,400; a surplus of 33,200
    para = table.loc["paraprofessional_backfill"]
    assert (para["used"], para["fte"]) == (pytest.approx(88_400), pytest.approx(3.4))
    assert para["gap_after"] == pytest.approx(-33_200)
    assert table.loc["team_reach", "used"] == 0 and table.loc["convert_coaches", "available"] == 0
    used = table[table["used"] > 0].index.tolist()
    assert used == ["reallocate_pd", "paraprofessional_backfill"]
    assert plan.cost_model.backfill == {"multi_classroom_leader": "paraprofessional"}
    # the identity: the plan's cost, less today's budget and the money moved, is the gap left
    after = lm.cost(plan.roster, plan.cost_model)["leadership_cost"]
    before = lm.cost(mcl)["leadership_cost"]
    assert (after - before - _moved(plan)).iloc[0] == pytest.approx(-33_200)


def test_denver_on_the_traditional_school_needs_less_release(today: lm.Roster) -> None:
    full = lm.fund_scenario(today, lm.apply_model(today, "denver"))
    # 7 Team Leads x (5,000 + 0.5 x 60,000) x 1.3 = 318,500; 97,200 moved; the two coaches
    # (71,000 + 69,800) x 1.3 = 183,040 converted: 38,260 still short
    assert not full.neutral
    assert full.funding["gap_after"].iloc[-1] == pytest.approx(318_500 - 97_200 - 183_040)
    plan = lm.budget_neutral_plan(today, "denver")
    assert plan.choices == {"lead_release": 0.4} and plan.steps == ("release 0.4",)
    table = plan.funding.set_index("lever")
    # 7 x (5,000 + 0.4 x 60,000) x 1.3 = 263,900; less 97,200 = 166,700; coaches costliest
    # first: 71,000 x 1.3 = 92,300 leaves 74,400, so the second (90,740) goes too: -16,340
    assert table["net_change"].iloc[0] == pytest.approx(263_900)
    assert table.loc["convert_coaches", "positions"] == "TRAD-C01, TRAD-C02"
    assert table.loc["convert_coaches", "gap_after"] == pytest.approx(-16_340)
    assert not plan.roster.staff["role"].eq("instructional_coach").any()
    # the plan keeps every Team Lead within observation capacity: 1,395 x 0.4 / 3 = 186 h
    load = lm.observation_load(plan.roster)
    assert not load.loc[load["role"] == "team_lead", "over_capacity"].any()
    assert lm.apply_model(today, "denver", budget="neutral").checksum() == plan.roster.checksum()


def test_green_dot_on_the_traditional_school_says_why_no_plan_fits(today: lm.Roster) -> None:
    with pytest.raises(BudgetError, match="1 of 1 schools still short") as caught:
        lm.budget_neutral_plan(today, "green_dot")
    gaps = caught.value.gaps.set_index("school_id")
    # closest: teams up to 13 (Green Dot's limit): ceil(54 / 13) = 5 administrators, 3 new APs
    # x 85,000 x 1.3 = 331,500; less 97,200 and 183,040 = 51,260
    assert gaps.loc["S-TRAD", "smallest_gap"] == pytest.approx(51_260)
    assert "teams up to 13" in gaps.loc["S-TRAD", "closest_plan"]
    with pytest.raises(BudgetError):
        lm.apply_model(today, "green_dot", budget="neutral")
    # with central spending moved into the school, 1,000 per teacher (54,000 > 51,260), it fits
    central = LEVERS["central_office"].model_copy(update={"amount_per_teacher": 1_000})
    plan = lm.budget_neutral_plan(today, "green_dot", levers=[*DEFAULT_LEVERS, central])
    assert plan.neutral and plan.funding.set_index("lever").loc["central_office", "used"] > 0


def test_a_district_can_pool_its_levers(today: lm.Roster) -> None:
    district = lm.load_sample("district")
    schools = district.schools.set_index("school_id")
    chosen = schools.index[schools["model"] == "traditional"][:4].tolist()
    scenario = lm.apply_model(district, "green_dot", schools=chosen)
    per_school = lm.fund_scenario(district, scenario)
    pooled = lm.fund_scenario(district, scenario, by="district_id")
    assert pooled.funding["district_id"].unique().tolist() == ["SD"]
    start = per_school.funding.groupby("school_id")["net_change"].first().sum()
    assert pooled.funding["net_change"].iloc[0] == pytest.approx(start)
    # pooled, the district's 7,425 teachers' development spending covers the change at once
    assert pooled.neutral
    assert pooled.funding.set_index("lever").loc["convert_coaches", "used"] == 0


def test_lever_presets_are_sourced_and_checked() -> None:
    table = lm.list_levers()
    assert table.index.tolist() == list(LEVERS)
    assert table.loc[list(DEFAULT_LEVERS), "in_default_search"].all()
    assert (table["source"].str.len() > 60).all()
    assert "18,000" in table.loc["reallocate_pd", "source"]
    with pytest.raises(lm.DefinitionError, match="list_levers"):
        lm.budget_options(
            lm.load_sample("green_dot"), lm.load_sample("green_dot"), levers=["grants"]
        )
    with pytest.raises(ValueError, match="names its backfill"):
        lm.FundingLever(key="x", label="x", kind="backfill", source="s", roles=("chair",))


def test_salary_steps_and_supplements_as_a_share_of_pay() -> None:
    model = CostModel(
        key="steps",
        source="hand-made",
        use_salary_column=False,
        salaries={"principal": 100_000, "assistant_principal": 80_000, "teacher": 50_000},
        salary_steps={"chair": (50_000, 51_000, 52_000)},
        supplement_shares={"chair": 0.1},
        supplement_basis="salary",
        backfill_cost_per_fte=50_000,
    )
    roster = lm.load_sample("green_dot")
    chairs = roster.staff[roster.staff["role"] == "chair"]
    # the four chairs have 6+ years: the last step, 52,000; 10% of it = 5,200 supplement, and
    # 0.2 release x 50,000 = 10,000 backfill: 15,200 each
    assert (chairs["years_experience"] >= 2).all()
    total = lm.cost(roster, model).loc["S-GD", "leadership_cost"]
    assert total == pytest.approx(100_000 + 2 * 80_000 + 4 * (5_200 + 10_000))
    average = model.model_copy(update={"supplement_basis": "teacher_salary"})
    # of the teacher salary instead: 10% of 50,000 = 5,000 each
    assert lm.cost(roster, average).loc["S-GD", "leadership_cost"] == pytest.approx(
        100_000 + 2 * 80_000 + 4 * (5_000 + 10_000)
    )


@functools.cache
def _oc_on_the_traditional_school() -> tuple[lm.Roster, lm.Roster]:
    today = lm.load_sample("traditional_elementary")
    return today, lm.apply_model(today, "opportunity_culture")


@settings(max_examples=12, deadline=None)
@given(
    share=st.floats(0.0, 0.5),
    amount=st.floats(0.0, 30_000),
    benefits=st.floats(0.0, 0.5),
    order=st.permutations(list(DEFAULT_LEVERS)),
)
def test_levers_never_cost_more_and_the_gap_adds_up(
    share: float, amount: float, benefits: float, order: list[str]
) -> None:
    today, scenario = _oc_on_the_traditional_school()
    model = get_cost_model("default").model_copy(update={"benefits_rate": benefits})
    levers = [
        LEVERS[k].model_copy(update={"max_share": share, "amount_per_teacher": amount})
        if k == "reallocate_pd"
        else LEVERS[k]
        for k in order
    ]
    plan = lm.fund_scenario(today, scenario, model, levers=levers)
    table = plan.funding
    assert (table["used"] <= table["available"] + 1e-6).all() and (table["used"] >= 0).all()
    gaps = [table["net_change"].iloc[0], *table["gap_after"]]
    assert all(b <= a + 1e-6 for a, b in itertools.pairwise(gaps))
    after = lm.cost(plan.roster, plan.cost_model)["leadership_cost"]
    before = lm.cost(today, model)["leadership_cost"]
    assert (after - before - _moved(plan).reindex(after.index, fill_value=0)).iloc[0] == (
        pytest.approx(gaps[-1], abs=1e-6)
    )
    assert plan.neutral == (gaps[-1] <= 1e-6)


def test_the_dallas_scenario_adds_aps_within_the_same_budget() -> None:
    district = lm.load_sample("district")
    schools = district.schools.set_index("school_id")
    # the schools not yet in a distributed model: traditional and Fresno-style
    targets = schools.index[schools["model"].isin(["traditional", "fresno"])]
    dallas = lm.with_assistant_principals(district, increase=0.75, schools=targets)
    aps = (district.staff["role"] == "assistant_principal").sum()
    after = (dallas.staff["role"] == "assistant_principal").sum()
    # 220 APs + 75% (the report: Dallas "added 163 APs - a 75% increase"): round(165.0) = 165
    assert (aps, after - aps) == (220, 165)
    plan = lm.fund_scenario(district, dallas, by="district_id")
    table = plan.funding.set_index("lever")
    # 165 new APs x 85,000 x 1.3 = 18,232,500 a year, funded within the district's budget:
    # 7,425 teachers x 1,800 = 13,365,000 of development spending, then coach positions
    assert table["net_change"].iloc[0] == pytest.approx(165 * 85_000 * 1.3)
    assert table.loc["reallocate_pd", "used"] == pytest.approx(7_425 * 1_800)
    coaches = table.loc["convert_coaches"]
    assert coaches["used"] >= 18_232_500 - 13_365_000 and coaches["gap_after"] <= 0
    assert plan.neutral and table.loc["paraprofessional_backfill", "used"] == 0
    # every administrator of the schools that gained APs is within capacity, where 152 leaders
    # in those schools were over it
    before = lm.observation_summary(district).loc[targets, "leaders_over_capacity"].sum()
    now = lm.observation_summary(plan.roster).loc[targets, "leaders_over_capacity"].sum()
    assert (before, now) == (174, 0)


def test_with_assistant_principals_checks_its_arguments(today: lm.Roster) -> None:
    with pytest.raises(lm.DefinitionError, match="not both"):
        lm.with_assistant_principals(today, added=1, increase=0.5)
    more = lm.with_assistant_principals(today, added=1)
    admins = lm.span_of_control(more).query("category == 'administrator'")
    # 54 teachers among 3 administrators: cap ceil(54 / 3) = 18 each, exactly full
    assert sorted(admins["span"]) == [18, 18, 18]
    assert set(more.links.loc[more.links["source"] == "scenario", "relation"]) == {
        "supervises",
        "evaluates",
        "develops",
    }
