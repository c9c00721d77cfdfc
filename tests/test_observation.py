"""Observation load against leaders' time: hand calculations."""

from __future__ import annotations

import pandas as pd
import pytest

import leadmodel as lm
from leadmodel import DefinitionError, ObservationPolicy, ObservationVisit

# Default time model: administrators 220 days x 9 h x 0.077 (the share of principals' time
# Grissom, Loeb & Master observed going to walkthroughs, evaluation and coaching) = 152.46 h.
ADMIN_HOURS = 220 * 9 * 0.077
# A Team Lead on 0.5 release: 186 days x 7.5 h x 0.5 x 1/3 (observation and coaching, one of
# the three duties of Denver's role description) = 232.5 h.
TEAM_LEAD_HOURS = 186 * 7.5 * 0.5 / 3


def test_traditional_school_under_ten_plus_one() -> None:
    load = lm.observation_load(
        lm.load_sample("traditional_elementary"), policy="bain_10_spot_1_formal"
    )
    admins = load[load["role"].isin(["principal", "assistant_principal"])]
    # each develops and evaluates 27 teachers: 27 x 10 spot + 27 x 1 formal = 297 observations
    assert admins["observations"].tolist() == [297.0, 297.0]
    # classroom 270 x 20 min + 27 x 45 min = 5400 + 1215 min = 110.25 h
    assert admins["hours_classroom"].tolist() == [110.25, 110.25]
    assert admins["hours_pre_conference"].tolist() == [13.5, 13.5]  # 27 x 30 min
    assert admins["hours_debrief"].tolist() == [87.75, 87.75]  # 270 x 15 + 27 x 45 min
    assert admins["hours_writeup"].tolist() == [72.0, 72.0]  # 270 x 10 + 27 x 60 min
    assert admins["hours_required"].tolist() == [283.5, 283.5]  # 27 teachers x 10.5 h
    assert admins["hours_available"].tolist() == pytest.approx([ADMIN_HOURS] * 2)
    assert admins["utilisation"].tolist() == pytest.approx([283.5 / ADMIN_HOURS] * 2)
    assert admins["over_capacity"].all()
    # 152.46 h x 60 / 297 observations = 30.8 minutes each, against 57.3 the policy asks
    assert admins["affordable_minutes_per_observation"].tolist() == pytest.approx(
        [ADMIN_HOURS * 60 / 297] * 2
    )


@pytest.mark.parametrize("sample", ["green_dot", "denver_team_lead", "opportunity_culture_mcl"])
def test_distributed_models_are_within_capacity(sample: str) -> None:
    load = lm.observation_load(lm.load_sample(sample), policy="bain_10_spot_1_formal")
    assert not load["over_capacity"].any()


def test_green_dot_ap_hours_by_hand() -> None:
    load = lm.observation_load(lm.load_sample("green_dot"))
    # an AP with 12 teachers: 12 x 10.5 h = 126 h of 251.46 available
    assert load.loc[("S-GD", "GD-A01"), "hours_required"] == 126.0


def test_team_lead_time_by_hand() -> None:
    load = lm.observation_load(lm.load_sample("denver_team_lead"))
    lead = load.loc[("S-DEN", "DEN-T001")]
    # 186 days x 7.5 h x 1.0 FTE x 0.5 release x 1/3 = 232.5 h; 6 teachers x 10 spot x 45 min
    # = 45 h
    assert lead["hours_available"] == pytest.approx(TEAM_LEAD_HOURS)
    assert (lead["hours_required"], lead["observations"]) == (45.0, 60.0)


def test_kipp_principal_observing_everyone_nine_times() -> None:
    roster = lm.load_sample("kipp_sunshine_peak")
    staff = roster.staff
    teachers = staff.loc[staff["role"].isin(["teacher", "team_lead"]), "staff_id"]
    links = pd.DataFrame({"leader_id": "KIPP-P01", "staff_id": teachers, "relation": "evaluates"})
    before = lm.read_roster(staff, links=links, teams=roster.teams, schools=roster.schools)
    load = lm.observation_load(before, policy="kipp_sunshine_peak_9")
    assert len(teachers) == 26
    assert load.loc[("S-KIPP", "KIPP-P01"), "observations"] == 234.0  # 26 teachers x 9


def test_shared_responsibility_groups_and_unassigned_visits() -> None:
    staff = pd.DataFrame(
        {
            "staff_id": ["P", "A", "T1", "T2", "T3"],
            "school_id": ["S"] * 5,
            "role": ["principal", "assistant_principal", "teacher", "teacher", "teacher"],
            "years_experience": [20, 10, 1, 8, None],
        }
    )
    links = pd.DataFrame(
        {
            "leader_id": ["P", "A", "P"],
            "staff_id": ["T1", "T1", "T2"],
            "relation": ["evaluates", "evaluates", "evaluates"],
        }
    )
    policy = ObservationPolicy(
        key="test",
        label="test",
        source="hand-made",
        visits=(
            ObservationVisit(kind="formal", per_year=2, classroom_minutes=60, by="evaluator"),
            ObservationVisit(
                kind="informal", per_year=4, classroom_minutes=15, by="evaluator", teachers="new"
            ),
        ),
    )
    roster = lm.read_roster(staff, links=links)
    load = lm.observation_load(roster, policy=policy)
    # T1 (new, evaluated by P and A): 2 formal + 4 informal, split in half between P and A.
    # T2 (experienced, P): 2 formal. T3 (experience unknown: experienced, no evaluator): 2 formal.
    assert load.loc[("S", "P"), "observations"] == 1 + 2 + 2  # half of T1's 6, T2's 2
    assert load.loc[("S", "A"), "observations"] == 3.0
    # P: (1 x 60 + 2 x 15 + 2 x 60) / 60 = 3.5 h
    assert load.loc[("S", "P"), "hours_required"] == 3.5
    summary = lm.observation_summary(roster, policy=policy).loc["S"]
    assert summary["observations_required"] == 6 + 2 + 2
    assert summary["observations_unassigned"] == 2  # T3's two formal visits: nobody evaluates
    assert summary["teachers"] == 3


def test_external_visits_are_counted_but_not_charged() -> None:
    load = lm.observation_load(lm.load_sample("green_dot"), policy="dcps_impact")
    # AP with 12 teachers: 3 administrator visits of 30 + 30 + 30 minutes = 1.5 h each
    assert load.loc[("S-GD", "GD-A01"), "hours_required"] == 12 * 3 * 1.5
    summary = lm.observation_summary(lm.load_sample("green_dot"), policy="dcps_impact")
    assert summary.loc["S-GD", "observations_external"] == 33 * 2


def test_district_roll_up_sums_schools() -> None:
    roster = lm.load_sample("district")
    schools = lm.observation_summary(roster)
    district = lm.observation_summary(roster, by="district_id")
    assert len(schools) == 185 and district.index.tolist() == ["SD"]
    assert district.loc["SD", "hours_required"] == pytest.approx(schools["hours_required"].sum())


def test_max_teachers_per_leader_by_hand() -> None:
    # AP: 152.46 h / 10.5 h per teacher = 14.5 teachers
    assert lm.max_teachers_per_leader("bain_10_spot_1_formal") == pytest.approx(ADMIN_HOURS / 10.5)
    # Leverage Leadership weekly: 36 x 30 min = 18 h per teacher; 232.5 / 18 = 12.9
    assert lm.max_teachers_per_leader(
        "leverage_leadership_weekly", role="team_lead", release_fte=0.5
    ) == pytest.approx(TEAM_LEAD_HOURS / 18)


def test_count_level_load() -> None:
    counts = lm.read_staffing_counts(
        pd.DataFrame({"school_id": ["A"], "teacher_fte": [54], "admin_fte": [2]})
    )
    load = lm.count_observation_load(counts).loc["A"]
    assert load["hours_required"] == 54 * 10.5
    assert load["hours_per_admin_fte"] == 27 * 10.5
    assert load["utilisation"] == pytest.approx(283.5 / ADMIN_HOURS)


def test_every_preset_cites_a_source_and_unknown_names_fail() -> None:
    table = lm.list_policies()
    assert len(table) >= 6 and table["source"].str.len().min() > 50
    with pytest.raises(DefinitionError, match="list_policies"):
        lm.observation_load(lm.load_sample("green_dot"), policy="weekly-ish")


def test_group_specific_visits_do_not_inflate_per_teacher_hours() -> None:
    policy = ObservationPolicy(
        key="p",
        label="p",
        source="hand-made",
        visits=(
            ObservationVisit(kind="formal", per_year=1, classroom_minutes=60, by="evaluator"),
            ObservationVisit(
                kind="informal", per_year=4, classroom_minutes=45, by="evaluator", teachers="new"
            ),
        ),
    )
    # an experienced teacher needs 1 h; the new-teacher visits (3 h) are not counted
    assert lm.max_teachers_per_leader(policy) == pytest.approx(ADMIN_HOURS / 1.0)
    counts = lm.read_staffing_counts(
        pd.DataFrame({"school_id": ["A"], "teacher_fte": [10], "admin_fte": [1]})
    )
    assert lm.count_observation_load(counts, policy=policy).loc["A", "hours_required"] == 10.0


def test_roll_up_by_pilot_wave_keeps_schools_without_one() -> None:
    roster = lm.load_sample("district")
    by_wave = lm.observation_summary(roster, by="pilot_wave")
    assert by_wave.index.tolist() == ["1", "2", "3", "<none>"]
    assert by_wave["teachers"].sum() == lm.observation_summary(roster)["teachers"].sum()
    costs = lm.cost(roster, by="pilot_wave")
    assert costs.index.tolist() == ["1", "2", "3", "<none>"]


def test_the_headline_is_the_most_loaded_leader_of_those_who_make_the_visits() -> None:
    roster = lm.load_sample("traditional_elementary")
    summary = lm.observation_summary(roster).loc["S-TRAD"]
    # the principal and the AP make every visit: 27 teachers x 10.5 h = 283.5 h each, against
    # 220 days x 9 h x 0.077 = 152.46 h: both at 283.5 / 152.46 = 1.86
    assert summary["visiting_leaders"] == 2
    assert summary["max_utilisation"] == pytest.approx(283.5 / ADMIN_HOURS)
    # the school's hours are the visiting leaders' only: 567 h / (2 x 152.46 h), not the
    # 567 / 1,699.92 h = 0.33 the coaches' idle hours would make it
    assert summary["hours_available"] == pytest.approx(2 * ADMIN_HOURS)
    assert summary["utilisation"] == pytest.approx(567 / (2 * ADMIN_HOURS))
    # with administrators' whole instruction-related time (12.7%): 220 x 9 x 0.127 = 251.46 h,
    # 283.5 / 251.46 = 1.13 for each, where the old per-school figure was 567 / 3,292.92 = 0.17
    generous = lm.observation_summary(roster, time="instruction_related").loc["S-TRAD"]
    assert generous["max_utilisation"] == pytest.approx(283.5 / 251.46)
    assert round(float(generous["max_utilisation"]), 2) == 1.13
    assert round(float(generous["utilisation"]), 2) == 1.13


def test_a_school_is_unknown_while_a_visiting_leader_is() -> None:
    only_principals = lm.TimeModel(key="p", observation_share={"principal": 0.1})
    summary = lm.observation_summary(
        lm.load_sample("traditional_elementary"), time=only_principals
    ).loc["S-TRAD"]
    # the AP's hours are unknown: the school's hours and its most loaded leader are too
    assert pd.isna(summary["hours_available"]) and pd.isna(summary["max_utilisation"])
    assert summary["leaders_over_capacity"] == 1  # the principal: 283.5 h against 198 h


def test_compare_shows_the_headline() -> None:
    today = lm.load_sample("traditional_elementary")
    table = lm.compare({"today": today}).set_index("metric")["value"]
    assert table["max_utilisation"] == pytest.approx(283.5 / ADMIN_HOURS)
    assert table["observation_utilisation"] == pytest.approx(567 / (2 * ADMIN_HOURS))
