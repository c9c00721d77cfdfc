"""Execution measures with hand-worked figures: hours per leader, capacity left, focus, rocks on
given dates and the strategic-abandonment review (issue 23).

The roster and plan are in ``tests/plan_data.py``; every figure below is worked out in the
comments from the time model (administrators 220 days x 9 h x 0.077; a Team Lead 186 x 7.5 x
release x 1/3; a coach 186 x 7.5 x 0.5; a chair 0), the policy (10 spot + 1 formal: 10.5 h
a teacher for a leader who develops and evaluates them) and the plan's months in the school
year (calendar days / 30.4375).
"""

from __future__ import annotations

import pandas as pd
import pytest

import leadmodel as lm
from leadmodel.metrics.execution import months_in_year, plan_assignments
from leadmodel.metrics.rocks import DISTRICT, ROCK_STATES, plan_as_of
from tests import plan_data as data
from tests.plan_data import M1, M2, M4

PRINCIPAL_HOURS = 220 * 9 * 0.077  # 152.46
APPROX = {"rel": 1e-9, "abs": 1e-9}


@pytest.fixture(scope="module")
def roster() -> lm.Roster:
    return data.roster()


@pytest.fixture(scope="module")
def plan(roster: lm.Roster) -> lm.Plan:
    return data.plan(roster)


@pytest.fixture(scope="module")
def load(roster: lm.Roster, plan: lm.Plan) -> lm.InitiativeLoad:
    return lm.initiative_load(roster, plan)


def test_months_in_the_school_year() -> None:
    # I1 starts 2024-08-20, before the year: counted from 2024-08-26 to 2025-06-06 = 285 days;
    # I2 2025-01-01 to 03-31 = 31 + 28 + 31 = 90 days; I4 09-01 to 12-31 = 30+31+30+31 = 122
    # days; I3 ended 2024-08-25, the day before the year: 0 days
    plan = data.plan()
    months = months_in_year(
        plan.initiatives["start_date"], plan.initiatives["end_date"], plan.school_year
    )
    assert months.tolist() == pytest.approx([285 / 30.4375, 90 / 30.4375, 0.0, 122 / 30.4375])


def test_whom_each_demand_reaches(roster: lm.Roster, plan: lm.Plan) -> None:
    reached = plan_assignments(roster, plan)
    by = reached.groupby("initiative_id")["staff_id"].apply(lambda s: sorted(s)).to_dict()
    assert by["I1"] == ["A1", "L1", "P1", "P2"]  # every administrator, and L1 by name
    teachers = sorted([f"T{i}" for i in range(1, 17)] + [f"U{i}" for i in range(1, 5)])
    assert by["I2"] == sorted([*teachers, "P1", "P2"])  # S1's teachers, every principal
    assert by["I4"] == ["H1", "L1", "T1", "T2", "T3", "T4"]  # team TM1 (its lead too), the chair
    p1 = reached.set_index(["initiative_id", "staff_id"]).loc[("I1", "P1")]
    assert int(p1["demands"]) == 1 and float(p1["hours_per_month"]) == 4.0


def test_hours_per_leader_and_capacity_left(load: lm.InitiativeLoad) -> None:
    people = load.people
    p1 = people.loc[("S1", "P1")]
    # P1: 16 teachers x 10.5 h = 168 h of visits against 152.46: 152.46 - 168 = -15.54 left
    assert float(p1["hours_available"]) == pytest.approx(PRINCIPAL_HOURS)
    assert float(p1["observation_hours"]) == pytest.approx(168.0)
    assert float(p1["capacity_left"]) == pytest.approx(PRINCIPAL_HOURS - 168.0)
    # I1 4 h a month x 9.363 months + I2 3 h x 2.957 months = 37.45 + 8.87 = 46.32 h
    assert float(p1["initiative_hours"]) == pytest.approx(4 * M1 + 3 * M2)
    assert float(p1["capacity_after"]) == pytest.approx(PRINCIPAL_HOURS - 168.0 - 4 * M1 - 3 * M2)
    assert bool(p1["over_capacity_before"]) and bool(p1["over_capacity_after"])
    assert int(p1["initiatives"]) == 2  # I3 ended before the year: not counted
    # A1: 4 teachers x 10.5 = 42 h; 152.46 - 42 = 110.46 left; I1 4 x 9.363 = 37.45 h
    a1 = people.loc[("S1", "A1")]
    assert float(a1["capacity_left"]) == pytest.approx(PRINCIPAL_HOURS - 42.0)
    assert float(a1["capacity_after"]) == pytest.approx(PRINCIPAL_HOURS - 42.0 - 4 * M1)
    assert not bool(a1["over_capacity_after"])
    # L1 (Team Lead, 0.5 release): 186 x 7.5 x 0.5 / 3 = 232.5 h, no visits; I1 2 h x 9.363 and
    # I4 2 h x 4.008 months (TM1's lead) = 18.73 + 8.02 = 26.74 h
    l1 = people.loc[("S1", "L1")]
    assert float(l1["hours_available"]) == pytest.approx(232.5)
    assert float(l1["initiative_hours"]) == pytest.approx(2 * M1 + 2 * M4)
    assert float(l1["capacity_after"]) == pytest.approx(232.5 - 2 * M1 - 2 * M4)
    # H1 (chair): the time model gives a chair's release no observation share, so 0 h: the one
    # hour a month of I4 (4.008 h) puts the chair over capacity
    h1 = people.loc[("S1", "H1")]
    assert float(h1["capacity_left"]) == 0.0
    assert float(h1["capacity_after"]) == pytest.approx(-M4)
    assert not bool(h1["over_capacity_before"]) and bool(h1["over_capacity_after"])
    # C1 (coach): 186 x 7.5 x 1.0 x 0.5 = 697.5 h, nothing asked of them
    c1 = people.loc[("S1", "C1")]
    assert float(c1["capacity_after"]) == pytest.approx(697.5) and int(c1["initiatives"]) == 0
    # P2: 2 teachers x 10.5 = 21 h; I1 and I2 as P1
    p2 = people.loc[("S2", "P2")]
    assert float(p2["capacity_after"]) == pytest.approx(PRINCIPAL_HOURS - 21 - 4 * M1 - 3 * M2)
    # a teacher is no leader: their hours are counted, their capacity is not measured
    t1 = people.loc[("S1", "T1")]
    assert not bool(t1["leader"]) and pd.isna(t1["capacity_after"])
    assert float(t1["initiative_hours"]) == pytest.approx(1 * M2 + 2 * M4)  # I2 and I4 (TM1)


def test_per_school_focus_and_hours(load: lm.InitiativeLoad) -> None:
    s1, s2 = load.schools.loc["S1"], load.schools.loc["S2"]
    # S1: I1 (PR1), I2 (no priority), I4 (PR2) land there; I3 ended before the year
    assert [int(s1[c]) for c in ("initiatives", "priorities", "aligned_initiatives")] == [3, 2, 2]
    assert float(s1["share_aligned"]) == pytest.approx(2 / 3)
    # S2: I1 and I2 land on P2: one priority, half aligned
    assert [int(s2[c]) for c in ("initiatives", "priorities", "aligned_initiatives")] == [2, 1, 1]
    assert float(s2["share_aligned"]) == pytest.approx(0.5)
    # S1's hours: P1 (4 M1 + 3 M2), A1 (4 M1), L1 (2 M1 + 2 M4), H1 (M4), T1-T4 (M2 + 2 M4 each),
    # T5-T16 and U1-U4 (M2 each)
    hours = (4 * M1 + 3 * M2) + 4 * M1 + (2 * M1 + 2 * M4) + M4 + 4 * (M2 + 2 * M4) + 16 * M2
    assert float(s1["initiative_hours"]) == pytest.approx(hours)
    assert float(s1["leader_initiative_hours"]) == pytest.approx(
        (4 * M1 + 3 * M2) + 4 * M1 + (2 * M1 + 2 * M4) + M4
    )
    assert int(s1["people"]) == 24 and int(s1["leaders"]) == 4  # C1 is reached by nothing
    assert int(s1["leaders_over_before"]) == 1  # P1
    assert int(s1["leaders_over_after"]) == 2  # P1 and the chair H1
    assert int(s1["leaders_capacity_unknown"]) == 0


def test_clarity_of_focus_is_the_load_tables_focus(
    roster: lm.Roster, plan: lm.Plan, load: lm.InitiativeLoad
) -> None:
    focus = lm.clarity_of_focus(roster, plan)
    pd.testing.assert_frame_equal(focus, load.schools[list(focus.columns)])


def test_per_team_role_and_initiative(load: lm.InitiativeLoad) -> None:
    team = load.teams.loc[("S1", "TM1")]
    # TM1's own staff L1 and T1-T4: I1 (L1), I2 (T1-T4), I4 (all five)
    assert int(team["initiatives"]) == 3 and int(team["people"]) == 5
    assert float(team["initiative_hours"]) == pytest.approx((2 * M1 + 2 * M4) + 4 * (M2 + 2 * M4))
    principals = load.roles.loc["principal"]
    assert int(principals["holders"]) == 2 and int(principals["leaders_over_before"]) == 1
    # per holder: (P1 + P2) / 2, both 4 M1 + 3 M2
    assert float(principals["initiative_hours_per_holder"]) == pytest.approx(4 * M1 + 3 * M2)
    # capacity left per principal: ((152.46 - 168) + (152.46 - 21)) / 2 = 57.96
    assert float(principals["capacity_left_per_leader"]) == pytest.approx(57.96)
    teachers = load.roles.loc["teacher"]
    assert int(teachers["holders"]) == 22 and int(teachers["reached"]) == 20
    assert pd.isna(teachers["capacity_left_per_leader"])  # not leaders: not measured
    i2 = load.initiatives.loc["I2"]
    # 20 teachers x 1 h + 2 principals x 3 h = 26 h a month; x 2.957 months in the year
    assert float(i2["hours_per_month"]) == 26.0
    assert float(i2["initiative_hours"]) == pytest.approx(26 * M2)
    assert [int(i2[c]) for c in ("people", "leaders", "leaders_over_before")] == [22, 2, 1]
    assert not bool(i2["aligned"])


def test_unknown_hours_stay_unknown(roster: lm.Roster) -> None:
    t = data.tables()
    t["demands"].loc[2, "hours_per_month"] = None  # I2's ask of S1's teachers: not given
    plan = lm.read_plan(t.pop("initiatives"), roster=roster, school_year=data.YEAR, **t)
    assert "hours_unknown" in set(plan.issues["code"])
    load = lm.initiative_load(roster, plan)
    assert pd.isna(load.people.loc[("S1", "T5"), "initiative_hours"])
    assert pd.isna(load.schools.loc["S1", "initiative_hours"])  # not the sum of the rest
    assert pd.isna(load.initiatives.loc["I2", "hours_per_month"])
    assert int(load.roles.loc["teacher", "holders_hours_unknown"]) == 20
    assert pd.isna(load.roles.loc["teacher", "initiative_hours_per_holder"])
    # the principals' hours (I2's other demand) are known
    p1 = load.people.loc[("S1", "P1")]
    assert float(p1["initiative_hours"]) == pytest.approx(4 * M1 + 3 * M2)


def test_an_initiative_that_does_not_say_whom_it_asks_has_unknown_hours(
    roster: lm.Roster,
) -> None:
    t = data.tables()
    t["demands"] = t["demands"][t["demands"]["initiative_id"] != "I4"]
    plan = lm.read_plan(t.pop("initiatives"), roster=roster, school_year=data.YEAR, **t)
    row = lm.initiative_load(roster, plan).initiatives.loc["I4"]
    assert int(row["demands"]) == 0 and int(row["people"]) == 0
    assert pd.isna(row["hours_per_month"]) and pd.isna(row["initiative_hours"])


def test_a_demand_on_a_team_reaches_its_second_members(roster: lm.Roster) -> None:
    members = lm.read_members(
        pd.DataFrame({"school_id": "S1", "team_id": "S1-ILT", "staff_id": ["A1", "C1"]}),
        roster=roster,
    )
    t = data.tables()
    t["demands"] = pd.DataFrame(
        {"initiative_id": ["I1"], "school_id": ["S1"], "team_id": ["S1-ILT"],
         "hours_per_month": [4]}
    )  # fmt: skip
    plan = lm.read_plan(
        t.pop("initiatives"), roster=roster, school_year=data.YEAR, members=members, **t
    )
    reached = plan_assignments(roster, plan)
    assert sorted(reached["staff_id"]) == ["A1", "C1", "P1"]  # the lead and the members


def test_a_plan_read_with_another_roster_is_checked(plan: lm.Plan) -> None:
    other = lm.read_roster(
        pd.DataFrame({"staff_id": ["P1", "X1"], "school_id": "S1", "role": ["principal", "dean"]})
    )
    with pytest.raises(lm.RosterError) as caught:
        lm.initiative_load(other, plan)
    issues = caught.value.issues
    assert {"unknown_staff", "unknown_school", "unknown_team"} <= set(issues["code"])
    assert set(issues["table"]) >= {"demands", "rocks"}


# ------------------------------------------------------------------ rocks


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        # R1 moved on 09-13 (40%): 7 days without progress on 09-20, within 14: on track
        ("2024-09-20", {"R1": "on_track", "R2": "not_started", "R3": "off_track"}),
        # R3 moved on 09-13 (on track, no share) and was reported off track on 09-20: 12 days
        ("2024-09-25", {"R1": "on_track", "R3": "off_track"}),
        # R1: 17 days since 09-13 (the 10-04 update says off track, 40% again: no progress)
        ("2024-09-30", {"R1": "stalled", "R3": "stalled"}),
        ("2024-10-10", {"R1": "stalled"}),
        # R1 ended 10-17, not done: late; R3 (ends 10-24) 37 days without progress: stalled
        ("2024-10-20", {"R1": "late", "R3": "stalled", "R4": "not_started"}),
        # R1 done on 10-25, 8 days after its end; R3 past its end 10-24: late
        ("2024-10-28", {"R1": "done", "R3": "late"}),
        # R2 started 01-06 with no update: 4 days, no update yet; 25 days: stalled
        ("2025-01-10", {"R2": "no_update", "R4": "done"}),
        ("2025-01-31", {"R2": "stalled"}),
    ],
)
def test_rocks_on_given_dates(plan: lm.Plan, as_of: str, expected: dict[str, str]) -> None:
    status = lm.rock_status(plan, as_of)
    assert {r: status.rocks.loc[r, "status"] for r in expected} == expected
    assert status.as_of.isoformat() == as_of


def test_rock_details_and_groups(plan: lm.Plan) -> None:
    status = lm.rock_status(plan, "2024-10-28")
    r1 = status.rocks.loc["R1"]
    assert bool(r1["finished_late"]) and r1["finished"] == pd.Timestamp("2024-10-25")
    assert r1["reason"] == "done on 2024-10-25, 8 days after its end 2024-10-17"
    assert int(r1["updates"]) == 4 and float(r1["progress"]) == 1.0
    r3 = status.rocks.loc["R3"]
    assert r3["reason"] == "ended 2024-10-24, 4 days before 2024-10-28, not done"
    assert int(r3["days_without_progress"]) == 45  # since 09-13
    # R4 (a district rock, no school): 0.5 on 11-08 and 11-15 (no progress the second time)
    later = lm.rock_status(plan, "2024-11-28").rocks.loc["R4"]
    assert later["last_progress"] == pd.Timestamp("2024-11-08")
    assert later["status"] == "stalled" and int(later["days_without_progress"]) == 20
    by_school = status.by_school
    assert by_school.loc["S1", ["rocks", "done", "not_started"]].tolist() == [2, 1, 1]
    assert by_school.loc["S2", ["rocks", "late"]].tolist() == [1, 1]
    assert by_school.loc[DISTRICT, ["rocks", "not_started"]].tolist() == [1, 1]
    assert by_school.loc["S1", "finished_late"] == 1
    assert list(by_school.columns) == ["rocks", *ROCK_STATES, "finished_late"]
    assert status.by_owner.loc["P1", "done"] == 1 and status.by_owner["rocks"].sum() == 4


def test_on_track_without_progress_yet(roster: lm.Roster) -> None:
    # R1 started 09-02; an update on 09-05 says on track at 0%: no progress yet, 7 days in
    t = data.tables()
    t["updates"] = pd.DataFrame(
        {"rock_id": ["R1"], "date": ["2024-09-05"], "status": ["on_track"], "progress": ["0"]}
    )
    plan = lm.read_plan(t.pop("initiatives"), roster=roster, school_year=data.YEAR, **t)
    r1 = lm.rock_status(plan, "2024-09-09").rocks.loc["R1"]
    assert r1["status"] == "on_track" and pd.isna(r1["last_progress"])
    assert r1["reason"] == "on track (no progress yet; started 2024-09-02); ends 2024-10-17"


def test_stall_window_is_a_parameter(plan: lm.Plan) -> None:
    # 17 days without progress on 09-30: stalled after 14 days, not after 21
    # (the latest update by 09-30 is the 09-13 one, on track)
    assert lm.rock_status(plan, "2024-09-30", stall_days=21).rocks.loc["R1", "status"] == (
        "on_track"
    )
    with pytest.raises(lm.DefinitionError, match="stall_days"):
        lm.rock_status(plan, "2024-09-30", stall_days=-1)


def test_as_of_is_given_or_the_latest_update(plan: lm.Plan) -> None:
    assert plan_as_of(plan, None).isoformat() == "2024-11-29"
    assert plan_as_of(plan, "2025-01-02").isoformat() == "2025-01-02"
    with pytest.raises(lm.DefinitionError, match="not a date"):
        lm.rock_status(plan, "02/01/2025")


# ------------------------------------------------------------------ strategic abandonment


def test_abandonment_candidates_with_their_reasons(roster: lm.Roster, plan: lm.Plan) -> None:
    review = lm.abandonment_candidates(roster, plan, "2024-12-20")
    # I3 ended on 2024-08-25: not reviewed. The window runs 2024-11-05 to 2024-12-20.
    assert review.index.tolist() == ["I2", "I1", "I4"]  # most reasons first
    i2 = review.loc["I2"]
    # serves no priority; lands on P1 (over capacity before any initiative); its rock R2 has
    # not started by 12-20: not judged on progress
    assert bool(i2["no_priority"]) and bool(i2["on_leaders_over_capacity"])
    assert pd.isna(i2["no_rock_progress"]) and int(i2["reasons"]) == 2
    assert i2["why"] == (
        "serves none of the plan's priorities; lands on 1 of its 2 leaders whose observation "
        "and coaching already take more than their hours"
    )
    # I1: both its rocks are done (R1 10-25, R4 11-29): not stalled; lands on P1
    i1 = review.loc["I1"]
    assert not bool(i1["no_rock_progress"]) and int(i1["reasons"]) == 1
    assert i1["last_rock_progress"] == pd.Timestamp("2024-11-29")
    # I4: its rock R3 started 09-09, more than 45 days before; last progress 09-13: none in the
    # window. It lands on L1 and the chair H1, neither over capacity before the initiatives.
    i4 = review.loc["I4"]
    assert bool(i4["no_rock_progress"]) and not bool(i4["on_leaders_over_capacity"])
    assert i4["why"] == (
        "none of its 1 rocks moved in the 45 days to 2024-12-20 (last on 2024-09-13)"
    )


def test_abandonment_waits_for_a_whole_window(roster: lm.Roster, plan: lm.Plan) -> None:
    # On 2025-01-31 R2 (I2's rock) has run 25 days: too early to judge progress
    early = lm.abandonment_candidates(roster, plan, "2025-01-31").loc["I2"]
    assert pd.isna(early["no_rock_progress"])
    # On 2025-03-01 the window opens 2025-01-15, after R2's start (01-06): no progress: judged
    late = lm.abandonment_candidates(roster, plan, "2025-03-01").loc["I2"]
    assert bool(late["no_rock_progress"]) and int(late["reasons"]) == 3
    assert "no progress ever reported" in late["why"]
    # a shorter window judges earlier
    short = lm.abandonment_candidates(roster, plan, "2025-01-31", window_days=20).loc["I2"]
    assert bool(short["no_rock_progress"])


def test_abandonment_with_unknown_capacity(roster: lm.Roster, plan: lm.Plan) -> None:
    # a time model that does not list principals: their capacity is unknown, never "within"
    time = lm.TimeModel(
        key="no_principals",
        observation_share={"assistant_principal": 0.077, "team_lead": 1 / 3, "chair": 0.0},
    )
    review = lm.abandonment_candidates(roster, plan, "2024-12-20", time=time)
    assert pd.isna(review.loc["I2", "on_leaders_over_capacity"])
    load = lm.initiative_load(roster, plan, time=time)
    assert int(load.schools.loc["S1", "leaders_capacity_unknown"]) == 2  # P1 and C1


def test_the_sample_plan(roster: lm.Roster) -> None:
    sample = lm.load_sample("district_plan")
    plan = sample.plan
    assert plan.read_with(sample.roster)
    assert (len(plan.priorities), len(plan.initiatives)) == (4, 30)
    assert plan.issues["severity"].eq("warning").all()  # the demand with no hours only
    assert set(plan.issues["code"]) == {"hours_unknown"}
    assert plan.latest_update.isoformat() == "2025-02-07"
    days = (plan.rocks["end_date"] - plan.rocks["start_date"]).dt.days
    assert days.le(45).all()  # every rock fits the guide's 45 days
    status = lm.rock_status(plan, plan.latest_update)
    assert set(status.rocks["status"]) >= {"on_track", "late", "stalled", "done", "no_update"}
    review = lm.abandonment_candidates(sample.roster, plan, plan.latest_update)
    top = review[review["reasons"] == 3].index.tolist()
    assert top == ["IN19", "IN21"]  # the test-prep rollout and the facilities checklists
