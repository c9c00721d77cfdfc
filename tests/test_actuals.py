"""Actuals: the activity log, observation actuals and droughts, coaching dosage and the ILT.

The small school below is built by hand so that every number can be worked out on paper; the
arithmetic is written next to each assertion.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import leadmodel as lm
from leadmodel import DefinitionError, ObservationPolicy, ObservationVisit, RosterError, Rule
from leadmodel.presets.leadership import ILT_MODEL
from leadmodel.readers.issues import REASON_CODES
from leadmodel.readers.log import KINDS

DOCS = Path(__file__).resolve().parents[1] / "docs"
YEAR = ("2024-09-02", "2024-12-01")  # Monday 2 September to Sunday 1 December: 91 days, 13 weeks
AS_OF = "2024-10-13"  # 42 days from the start, both ends included: share 42 / 91 = 6 / 13
#: Weekly over the 13-week year: 13 visits of 20 minutes, made by the teacher's developer.
WEEKLY = ObservationPolicy(
    key="weekly_test",
    label="weekly",
    source="hand-made for a test",
    visits=(
        ObservationVisit(kind="walkthrough", per_year=13, classroom_minutes=20, by="developer"),
    ),
)


@pytest.fixture(autouse=True)
def _close_figures() -> object:
    yield
    plt.close("all")


@functools.cache
def school() -> lm.Roster:
    """S1: principal P1, AP A1, coach C1, Team Leads L1 (team TM1: T1, T2) and L2 (TM2: T3),
    and an ILT (basis 'ilt', led by P1). S2: principal P2 and teacher T4. A1 develops the
    leads, each lead their team, P2 develops T4; C1 coaches T1-T3."""
    staff = pd.DataFrame(
        [
            ("P1", "S1", "principal", None),
            ("A1", "S1", "assistant_principal", None),
            ("C1", "S1", "instructional_coach", None),
            ("L1", "S1", "team_lead", "TM1"),
            ("T1", "S1", "teacher", "TM1"),
            ("T2", "S1", "teacher", "TM1"),
            ("L2", "S1", "team_lead", "TM2"),
            ("T3", "S1", "teacher", "TM2"),
            ("P2", "S2", "principal", None),
            ("T4", "S2", "teacher", None),
        ],
        columns=["staff_id", "school_id", "role", "team_id"],
    )
    links = [
        ("A1", "L1", "develops"),
        ("A1", "L2", "develops"),
        ("L1", "T1", "develops"),
        ("L1", "T2", "develops"),
        ("L2", "T3", "develops"),
        ("P2", "T4", "develops"),
        *[("C1", t, "coaches") for t in ("T1", "T2", "T3")],
    ]
    teams = pd.DataFrame(
        {
            "school_id": ["S1", "S1", "S1"],
            "team_id": ["TM1", "TM2", "S1-ILT"],
            "name": ["Grade 1", "Grade 2", "Instructional leadership team"],
            "lead_id": ["L1", "L2", "P1"],
            "basis": ["grade", "grade", "ilt"],
        }
    )
    return lm.read_roster(
        staff,
        links=pd.DataFrame(links, columns=["leader_id", "staff_id", "relation"]),
        teams=teams,
        schools=pd.DataFrame({"school_id": ["S1", "S2"], "district_id": ["D", "D"]}),
    )


#: The ILT's second memberships: A1, C1 and L1 (whose own team is TM1); L2 is missing.
MEMBERS = pd.DataFrame({"school_id": "S1", "team_id": "S1-ILT", "staff_id": ["A1", "C1", "L1"]})


def members(table: pd.DataFrame = MEMBERS) -> lm.TeamMembers:
    """The membership table, read (and checked) with the test school's roster."""
    return lm.read_members(table, roster=school())


def events() -> pd.DataFrame:
    rows = [
        # T1: weekly walkthroughs by L1 on six Mondays (days 0, 7, ..., 35), and one after AS_OF
        *[
            (d, "L1", "T1", "walkthrough", 20, None, None, None)
            for d in (
                "2024-09-02",
                "2024-09-09",
                "2024-09-16",
                "2024-09-23",
                "2024-09-30",
                "2024-10-07",
                "2024-10-14",
            )
        ],
        # T2: visited on day 0, then not until day 44 (after AS_OF)
        ("2024-09-02", "L1", "T2", "walkthrough", 20, None, None, None),
        ("2024-10-16", "L1", "T2", "walkthrough", 20, None, None, None),
        # L1 is visited once by A1 (day 8); L2 and T3 never
        ("2024-09-10", "A1", "L1", "informal", 30, None, None, None),
        # T4 in S2: one coaching cycle (a visit and a coaching session) on day 3, with a focus
        ("2024-09-05", "P2", "T4", "coaching_cycle", 15, "questioning", None, None),
        # C1 coaches T1 one-to-one three times, T2 once, and T1-T3 together once (session G1)
        ("2024-09-03", "C1", "T1", "coaching", 30, "questioning", None, None),
        ("2024-09-17", "C1", "T1", "coaching", 30, "questioning", None, None),
        ("2024-10-01", "C1", "T1", "coaching", 30, None, None, None),
        ("2024-10-08", "C1", "T2", "coaching", 30, None, None, None),
        *[
            ("2024-09-24", "C1", t, "coaching", 45, "routines", "G1", None)
            for t in ("T1", "T2", "T3")
        ],
        # the ILT meets on days 1, 8, 15 and 29
        *[
            (d, "P1", None, "meeting", 60, None, None, "S1-ILT")
            for d in ("2024-09-03", "2024-09-10", "2024-09-17", "2024-10-01")
        ],
    ]
    columns = ["date", "leader_id", "teacher_id", "kind", "minutes", "focus", "session_id"]
    return pd.DataFrame(rows, columns=[*columns, "team_id"])


@functools.cache
def log() -> lm.ActivityLog:
    return lm.read_log(events(), roster=school(), school_year=YEAR)


# ------------------------------------------------------------------ observation actuals


def test_observation_actuals_by_hand() -> None:
    result = lm.observation_actuals(school(), log=log(), policy=WEEKLY, as_of=AS_OF)
    assert result.share_of_year == pytest.approx(42 / 91)
    t = result.teachers
    # every teacher is owed 13 x 42 / 91 = 6 visits and 6 x 20 = 120 minutes by AS_OF
    assert t["visits_expected"].tolist() == pytest.approx([6.0] * 6)
    assert t["visits_due"].tolist() == [6] * 6
    assert t["minutes_expected"].tolist() == pytest.approx([120.0] * 6)
    s1 = t.loc["S1"]
    assert s1.loc["T1", ["visits", "minutes"]].tolist() == [6, 120.0]  # six Mondays, 20 min each
    # T1: visits on days 0, 7, ..., 35; 6 days between each, 41 - 35 = 6 after the last
    assert s1.loc["T1", "longest_gap_days"] == 6
    assert s1.loc["T1", "days_since_last_visit"] == 6
    assert bool(s1.loc["T1", "on_track"]) and not bool(s1.loc["T1", "behind"])
    # T2: one visit on day 0 (the day-44 visit is after AS_OF); days 1..41 without: 41 < 42
    assert s1.loc["T2", ["visits", "longest_gap_days"]].tolist() == [1, 41]
    assert not bool(s1.loc["T2", "drought"]) and bool(s1.loc["T2", "behind"])
    # T3 and L2: no visit in the whole six weeks (42 days): flagged
    for teacher in ("T3", "L2"):
        assert s1.loc[teacher, ["visits", "longest_gap_days"]].tolist() == [0, 42]
        assert bool(s1.loc[teacher, "drought"]) and not bool(s1.loc[teacher, "on_track"])
        assert pd.isna(s1.loc[teacher, "days_since_last_visit"])
    # L1: visited on day 8 by A1: 8 days before, 41 - 8 = 33 after
    assert s1.loc["L1", ["visits", "minutes", "longest_gap_days"]].tolist() == [1, 30.0, 33]
    # T4: the coaching cycle on day 3 is a visit: 3 before, 38 after
    assert t.loc[("S2", "T4"), "longest_gap_days"] == 38
    # first and last visits by AS_OF: T1 on the first and sixth Mondays (the seventh is after
    # AS_OF), T2 and L1 once each, T4 once; T3 and L2 never
    visits = t[["first_visit", "last_visit"]].apply(lambda c: c.dt.strftime("%Y-%m-%d"))
    assert visits.astype(object).where(visits.notna(), None).to_dict("index") == {
        ("S1", "L1"): {"first_visit": "2024-09-10", "last_visit": "2024-09-10"},
        ("S1", "L2"): {"first_visit": None, "last_visit": None},
        ("S1", "T1"): {"first_visit": "2024-09-02", "last_visit": "2024-10-07"},
        ("S1", "T2"): {"first_visit": "2024-09-02", "last_visit": "2024-09-02"},
        ("S1", "T3"): {"first_visit": None, "last_visit": None},
        ("S2", "T4"): {"first_visit": "2024-09-05", "last_visit": "2024-09-05"},
    }


def test_observation_rollups_by_hand() -> None:
    result = lm.observation_actuals(school(), log=log(), policy=WEEKLY, as_of=AS_OF)
    s1 = result.schools.loc["S1"]
    # visits 6 (T1) + 1 (T2) + 1 (L1) = 8 against 5 x 6 = 30 expected; minutes 120 + 20 + 30
    assert s1[["teachers", "visits", "visits_expected", "minutes"]].tolist() == [5, 8, 30, 170]
    assert s1["share_of_expected"] == pytest.approx(8 / 30)
    # behind: everyone but T1; drought: T3, L2; on track: T1 alone
    assert s1[["teachers_behind", "teachers_in_drought", "teachers_on_track"]].tolist() == [4, 2, 1]
    assert s1["median_longest_gap_days"] == 41  # gaps 6, 33, 41, 42, 42
    # leaders: L1 owes T1 and T2 12 visits and made 7; L2 owes T3 6 and made 0; A1 owes 12, made 1
    leaders = result.leaders.loc["S1"]
    assert leaders.loc["L1", ["visits", "visits_expected", "teachers_assigned"]].tolist() == [
        7,
        12,
        2,
    ]
    assert leaders.loc["L2", ["visits", "teachers_in_drought"]].tolist() == [0, 1]  # T3
    assert leaders.loc["A1", ["visits", "teachers_in_drought"]].tolist() == [1, 1]  # L2
    assert leaders["behind"].all()
    columns = ["minutes", "minutes_expected", "teachers_visited", "share_of_expected"]
    expected = {
        # A1: one 30-minute visit to L1; owes L1 and L2 2 x 120 = 240 minutes; 1 of 12 visits
        ("S1", "A1"): [30, 240, 1, 1 / 12],
        # L1: 6 visits to T1 and 1 to T2, 20 minutes each = 140; owes 2 x 120; 7 of 12 visits
        ("S1", "L1"): [140, 240, 2, 7 / 12],
        # L2: nothing made; owes T3 6 x 20 = 120 minutes; 0 of 6 visits
        ("S1", "L2"): [0, 120, 0, 0.0],
        # P2: the 15-minute coaching cycle with T4; owes T4 120 minutes; 1 of 6 visits
        ("S2", "P2"): [15, 120, 1, 1 / 6],
    }
    assert result.leaders.index.tolist() == list(expected)
    for key, values in expected.items():
        assert result.leaders.loc[key, columns].astype(float).tolist() == pytest.approx(values)
    district = result.district.loc["D"]
    # two schools, 6 teachers, 9 visits of 36 expected; median of 6, 33, 38, 41, 42, 42 = 39.5
    assert district[["schools", "teachers", "visits", "visits_expected"]].tolist() == [2, 6, 9, 36]
    assert district["minutes"] == 185  # S1's 170 and S2's 15 (T4's coaching cycle)
    assert district["share_of_expected"] == pytest.approx(0.25)
    assert district["median_longest_gap_days"] == 39.5
    assert district["leaders"] == 4  # A1, L1, L2, P2


def test_a_later_date_finds_the_drought_between_two_visits() -> None:
    result = lm.observation_actuals(school(), log=log(), policy=WEEKLY, as_of="2024-11-15")
    t2 = result.teachers.loc[("S1", "T2")]
    # visits on days 0 and 44: days 1..43 without a visit = 43 days, a drought
    assert t2["visits"] == 2 and t2["longest_gap_days"] == 43 and bool(t2["drought"])


def test_weekly_grid_adds_up_to_the_visits() -> None:
    result = lm.observation_actuals(school(), log=log(), policy=WEEKLY, as_of=AS_OF)
    weekly = result.weekly
    assert weekly["week"].max() == 6  # 42 days = six weeks
    per_teacher = weekly.groupby(["school_id", "staff_id"])["visits"].sum()
    assert per_teacher.to_dict() == result.teachers["visits"].to_dict()
    t1 = weekly[weekly["staff_id"] == "T1"]
    assert t1["visits"].tolist() == [1] * 6
    assert str(t1["week_start"].iloc[1].date()) == "2024-09-09"


def test_as_of_defaults_to_the_latest_event_and_is_checked() -> None:
    result = lm.observation_actuals(school(), log=log(), policy=WEEKLY)
    assert str(result.as_of) == "2024-10-16"  # T2's second visit
    with pytest.raises(DefinitionError, match="before the school year"):
        lm.observation_actuals(school(), log=log(), policy=WEEKLY, as_of="2024-08-01")


@pytest.mark.parametrize("days", [-7, 0, 2.5, True, "42"])
def test_drought_days_must_be_a_positive_whole_number(days: object) -> None:
    with pytest.raises(DefinitionError, match="drought_days must be a whole number of days"):
        lm.observation_actuals(school(), log=log(), policy=WEEKLY, drought_days=days)  # type: ignore[arg-type]
    # 1 day is allowed: by AS_OF every teacher's longest gap is at least 6 days (T1's), so all
    # six teachers are in drought against it
    result = lm.observation_actuals(school(), log=log(), policy=WEEKLY, as_of=AS_OF, drought_days=1)
    assert result.teachers["drought"].all()


def _unchecked_log() -> lm.ActivityLog:
    """The test log read without a roster, with T1 written as ``t1`` (case differs)."""
    frame = events()
    frame["teacher_id"] = frame["teacher_id"].replace("T1", "t1")
    frame["school_id"] = frame["leader_id"].map({"P2": "S2"}).fillna("S1")
    return lm.read_log(frame, school_year=YEAR)


def test_a_log_that_does_not_match_the_roster_is_refused_when_measuring() -> None:
    unchecked = _unchecked_log()
    assert unchecked.issues.empty  # without a roster, nothing could be checked on reading
    for measure in (
        lambda: lm.observation_actuals(school(), log=unchecked, policy=WEEKLY, as_of=AS_OF),
        lambda: lm.coaching_dosage(school(), log=unchecked, as_of=AS_OF),
        lambda: lm.ilt_check(school(), log=unchecked, members=members()),
    ):
        with pytest.raises(RosterError) as info:
            measure()
        issues = info.value.issues
        # rows 1-7 (L1's walkthroughs), 12-14 (C1's one-to-one sessions) and 16 (G1) name t1
        assert issues["row"].tolist() == [1, 2, 3, 4, 5, 6, 7, 12, 13, 14, 16]
        assert set(issues["code"]) == {"id_variant"} and set(issues["value"]) == {"t1"}
        assert set(issues["table"]) == {"log"} and "roster=" in issues["fix"].iloc[0]
    # a log naming a school the roster lacks, and a team it lacks
    stray = events().head(1).assign(school_id="S9")
    with pytest.raises(RosterError) as info:
        lm.observation_actuals(school(), log=lm.read_log(stray, school_year=YEAR), policy=WEEKLY)
    assert info.value.issues["code"].tolist() == ["unknown_school", "unknown_school"]
    meeting = events().tail(1).assign(school_id="S1", team_id="NOPE")
    with pytest.raises(RosterError) as info:
        lm.ilt_check(school(), log=lm.read_log(meeting, school_year=YEAR))
    assert info.value.issues[["row", "code"]].values.tolist() == [[1, "unknown_team"]]


def test_leaders_are_credited_only_with_visits_to_the_teachers_measured() -> None:
    # L1 also walks through coach C1's room on day 9: kept with a not_a_teacher warning
    extra = pd.DataFrame(
        [("2024-09-11", "L1", "C1", "walkthrough", 20, None, None, None)],
        columns=events().columns,
    )
    read = lm.read_log(pd.concat([events(), extra]), roster=school(), school_year=YEAR)
    assert read.issues["code"].tolist() == ["not_a_teacher"]
    result = lm.observation_actuals(school(), log=read, policy=WEEKLY, as_of=AS_OF)
    # L1 made 6 visits to T1 and 1 to T2 (C1 is no teacher): 7, 140 minutes, 2 teachers
    assert result.leaders.loc[("S1", "L1"), ["visits", "minutes", "teachers_visited"]].tolist() == [
        7,
        140,
        2,
    ]
    # S1's leaders made L1 7 + A1 1 + L2 0 = 8 visits: the 8 its teachers received
    by_school = result.leaders.groupby(level="school_id")["visits"].sum()
    assert by_school.to_dict() == result.schools["visits"].to_dict() == {"S1": 8, "S2": 1}


# ------------------------------------------------------------------ coaching dosage


def test_coaching_dosage_by_hand() -> None:
    dosage = lm.coaching_dosage(school(), log=log(), as_of=AS_OF)
    t = dosage.teachers
    months = 42 / (365.25 / 12)  # 1.38 months from 2 September to 13 October
    # T1: one-to-one on days 1, 15, 29 and the group session G1 on day 22 = 4 sessions
    t1 = t.loc[("S1", "T1")]
    assert t1[["sessions", "one_to_one_sessions", "weeks_with_coaching"]].tolist() == [4, 3, 4]
    assert t1["one_to_one_share"] == 0.75  # 3 of 4
    assert t1["sessions_per_month"] == pytest.approx(4 / months)  # 2.90
    assert t1["share_weeks_with_coaching"] == pytest.approx(4 / 6)  # weeks 0, 2, 3, 4 of 6
    assert t1["focus_share"] == 0.75  # days 1 and 15 and G1 state a focus; day 29 does not
    assert t1["coaching_minutes"] == 3 * 30 + 45
    assert t1[["individualized", "intensive", "sustained", "focused", "dosage_met"]].all()
    # T2: G1 (day 22, focus) and one-to-one on day 36 (no focus)
    t2 = t.loc[("S1", "T2")]
    assert t2[["sessions", "one_to_one_sessions"]].tolist() == [2, 1]
    assert t2["sessions_per_month"] == pytest.approx(2 / months)  # 1.45 < 2
    assert t2["share_weeks_with_coaching"] == pytest.approx(2 / 6)  # 0.33 < 0.4
    assert t2["focus_share"] == 0.5
    flags = ["individualized", "intensive", "sustained", "focused", "dosage_met"]
    assert t2[flags].tolist() == [True, False, False, False, False]
    # T3: only the group session: not individualized, but focused
    t3 = t.loc[("S1", "T3")]
    assert t3[["sessions", "one_to_one_share", "focus_share"]].tolist() == [1, 0.0, 1.0]
    assert t3[flags].tolist() == [False, False, False, True, False]
    # T4: the coaching cycle counts as a one-to-one session with a focus
    t4 = t.loc[("S2", "T4")]
    assert t4["sessions"] == 1 and t4[flags].tolist() == [True, False, False, True, False]
    # L1 and L2: no coaching at all
    assert t.loc[("S1", "L1"), "sessions"] == 0 and pd.isna(t.loc[("S1", "L1"), "focus_share"])
    profile = dosage.schools.loc["S1"]
    # 3 of 5 teachers coached; among them 2/3 individualized (T1, T2), 1/3 intensive (T1) ...
    assert profile[["teachers", "teachers_coached"]].tolist() == [5, 3]
    assert profile["share_coached"] == pytest.approx(0.6)
    assert profile[
        ["share_individualized", "share_intensive", "share_sustained", "share_focused"]
    ].tolist() == pytest.approx([2 / 3, 1 / 3, 1 / 3, 2 / 3])
    assert profile["share_dosage_met"] == pytest.approx(1 / 3)


def test_dosage_thresholds_can_be_changed() -> None:
    strict = lm.DosageThresholds(one_to_one_share=1.0)
    dosage = lm.coaching_dosage(school(), log=log(), as_of=AS_OF, thresholds=strict)
    assert not bool(dosage.teachers.loc[("S1", "T1"), "individualized"])  # 0.75 < 1
    # T2's 2 sessions in 42 days are 2 / 1.38 = 1.45 a month: intensive against 1.4, not 2
    looser = lm.DosageThresholds(sessions_per_month=1.4)
    dosage = lm.coaching_dosage(school(), log=log(), as_of=AS_OF, thresholds=looser)
    assert bool(dosage.teachers.loc[("S1", "T2"), "intensive"])
    defaults = lm.presets.policies.DOSAGE_THRESHOLDS
    assert defaults.model_dump(exclude={"source"}) == {
        "one_to_one_share": 0.5,
        "sessions_per_month": 2.0,
        "share_weeks_with_coaching": 0.4,
        "focus_share": 0.75,
        "min_weeks_observed": 4,
        "min_weeks_with_coaching": 3,
    }
    # the source derives the intensity threshold from the month length the code uses:
    # a session every 14 days is 30.44 / 14 = 2.2 a month
    month = lm.metrics.actuals.DAYS_PER_MONTH
    assert f"{month:.2f} / 14 = {month / 14:.1f} a month" in defaults.source


def test_dosage_rates_wait_for_four_weeks() -> None:
    # on 3 September (2 days in) T1 has had one one-to-one session with a focus: that used to
    # read as 1 / (2 / 30.44) = 15.2 sessions a month, intensive and sustained
    early = lm.coaching_dosage(school(), log=log(), as_of="2024-09-03").teachers
    t1 = early.loc[("S1", "T1")]
    assert t1[["sessions", "one_to_one_share", "focus_share"]].tolist() == [1, 1.0, 1.0]
    assert bool(t1["individualized"]) and bool(t1["focused"])
    for col in ("sessions_per_month", "share_weeks_with_coaching", "intensive", "sustained"):
        assert early[col].isna().all(), col
    assert pd.isna(t1["dosage_met"])  # nothing failed, two qualities not yet measured
    assert t1["dosage_note"].startswith("only 2 day(s) observed to 2024-09-03")
    # T2, with no session, is not individualized: that alone decides dosage_met
    t2_met = early.loc[("S1", "T2"), "dosage_met"]
    assert not pd.isna(t2_met) and not t2_met
    # 28 September is day 26, 27 days: still short of 28
    assert (
        lm.coaching_dosage(school(), log=log(), as_of="2024-09-28")
        .teachers["intensive"]
        .isna()
        .all()
    )
    # 29 September: 28 days (0.92 months, W = 4 weeks). T1 has had the sessions of days 1 and
    # 15 and G1 on day 22: 3 / 0.92 = 3.26 a month; weeks 0, 2 and 3 of 4 (0.75, and 3 weeks)
    month = lm.coaching_dosage(school(), log=log(), as_of="2024-09-29").teachers.loc[("S1", "T1")]
    assert month["sessions_per_month"] == pytest.approx(3 / (28 / (365.25 / 12)))
    assert month["share_weeks_with_coaching"] == 0.75 and month["weeks_with_coaching"] == 3
    assert month[["intensive", "sustained", "dosage_met"]].tolist() == [True, True, True]
    assert pd.isna(month["dosage_note"])


def test_sustained_needs_coaching_in_three_weeks() -> None:
    # to AS_OF T2 was coached in weeks 3 (G1, day 22) and 5 (day 36): 2 of 6 weeks = 0.33,
    # enough against a share of 0.3, but 2 distinct weeks is fewer than the 3 required
    low_share = lm.DosageThresholds(share_weeks_with_coaching=0.3)
    t2 = lm.coaching_dosage(school(), log=log(), as_of=AS_OF, thresholds=low_share).teachers
    assert t2.loc[("S1", "T2"), "share_weeks_with_coaching"] == pytest.approx(2 / 6)
    assert not bool(t2.loc[("S1", "T2"), "sustained"])
    # T1 was coached in 4 distinct weeks: sustained, unless 5 are required
    assert bool(t2.loc[("S1", "T1"), "sustained"])
    five = lm.DosageThresholds(min_weeks_with_coaching=5)
    t1 = lm.coaching_dosage(school(), log=log(), as_of=AS_OF, thresholds=five).teachers
    assert not bool(t1.loc[("S1", "T1"), "sustained"])


# ------------------------------------------------------------------ the ILT


def test_ilt_check_names_the_team_whose_leader_is_missing() -> None:
    check = lm.ilt_check(school(), log=log(), members=members())
    s1 = check.schools.loc["S1"]
    assert s1["members"] == 4  # P1 (lead of the ILT), A1, C1, L1
    assert s1[["includes_principal", "includes_aps", "includes_coaches"]].all()
    assert not s1["includes_every_team_lead"]
    assert s1[["teams", "team_leads_included"]].tolist() == [2, 1]  # TM1 in, TM2 out
    assert s1["missing"] == "missing the leader of team TM2 'Grade 2' (lead L2)"
    # meetings on days 1, 8, 15, 29; the log runs to day 44 (45 days). Stretches: days 0-1 (2),
    # 7, 7, 14, and days 30-44 after the last (15). In order 2, 7, 7, 14, 15 they cover 2, 9,
    # 16, 30, 45 days: half the period (22.5 days) is reached at 14, so the interval is 14
    assert s1["meetings"] == 4 and s1["meeting_interval_days"] == 14
    assert s1["days_since_last_meeting"] == 15  # day 44 - day 29
    assert s1["meetings_per_month"] == pytest.approx(4 / (45 / (365.25 / 12)))
    assert not s1["meets_weekly"] and not s1["passed"]
    rule = check.rules.loc[("S1", "ilt_includes_every_team_lead")]
    assert rule["value"] == 0.5 and not rule["passed"]
    assert "team TM2 'Grade 2' (lead L2)" in rule["reason"]
    assert check.members.loc["S1"]["via"].to_dict() == {
        "A1": "membership",
        "C1": "membership",
        "L1": "membership",
        "P1": "lead",
    }
    s2 = check.schools.loc["S2"]
    assert not s2["has_ilt"] and s2["members"] == 0 and not s2["includes_principal"]
    assert "measured 0, the model requires >= 1" in check.rules.loc[("S2", "ilt_exists"), "reason"]
    assert "The school has no ILT" in check.rules.loc[("S2", "ilt_includes_principal"), "reason"]


def test_ilt_passes_once_every_team_lead_sits_on_it() -> None:
    everyone = members(
        pd.concat(
            [
                MEMBERS,
                pd.DataFrame({"school_id": ["S1"], "team_id": ["S1-ILT"], "staff_id": ["L2"]}),
            ]
        )
    )
    # measured to 1 October (day 29, 30 days): stretches 2, 7, 7, 14 and none after the meeting
    # that day; they cover 2, 9, 16, 30 days, half (15) is reached at 7: weekly
    check = lm.ilt_check(school(), log=log(), members=everyone, as_of="2024-10-01")
    s1 = check.schools.loc["S1"]
    assert s1[["meeting_interval_days", "days_since_last_meeting"]].tolist() == [7, 0]
    assert bool(s1["meets_weekly"]) and bool(s1["passed"])
    assert pd.isna(s1["missing"])
    # measured to the log's end (16 October) the ILT has skipped a week and not met for 15 days
    later = lm.ilt_check(school(), log=log(), members=everyone).schools.loc["S1"]
    assert not later["passed"] and "measured 14, the model requires <= 7" in later["reasons"]


def _stopped_ilt_log() -> lm.ActivityLog:
    """The ILT meets on 3, 10 and 17 September only; a visit on 29 November ends the log."""
    frame = events()
    frame = frame[(frame["kind"] != "meeting") | frame["date"].le("2024-09-17")]
    late = pd.DataFrame(
        [("2024-11-29", "L1", "T1", "walkthrough", 20, None, None, None)], columns=frame.columns
    )
    return lm.read_log(pd.concat([frame, late]), roster=school(), school_year=YEAR)


def test_an_ilt_that_stopped_meeting_does_not_meet_weekly() -> None:
    check = lm.ilt_check(school(), log=_stopped_ilt_log(), members=members())
    s1 = check.schools.loc["S1"]
    # 2 September to 29 November is 89 days (days 0-88); meetings on days 1, 8 and 15 leave
    # stretches of 2, 7, 7 and 88 - 15 = 73 days. In order they cover 2, 9, 16, 89 days: half
    # the period (44.5) is only reached by the 73-day silence. (The gaps between meetings alone,
    # 7 and 7, have a median of 7.)
    assert s1[["meetings", "meeting_interval_days", "days_since_last_meeting"]].tolist() == [
        3,
        73,
        73,
    ]
    assert not s1["meets_weekly"]
    rule = check.rules.loc[("S1", "ilt_meets_weekly")]
    assert rule["value"] == 73 and not rule["passed"]
    # the same ILT measured on 17 September, its last meeting: stretches 2, 7, 7 cover 16 days,
    # half (8) is reached at 7: weekly then
    early = lm.ilt_check(school(), log=_stopped_ilt_log(), members=members(), as_of="2024-09-17")
    assert early.schools.loc["S1", "meeting_interval_days"] == 7
    assert bool(early.schools.loc["S1", "meets_weekly"])


def test_as_of_reaches_compliance_and_a_log_without_meetings_says_so() -> None:
    weekly = ILT_MODEL.model_copy(update={"rules": ILT_MODEL.rules[-1:]})
    # to 1 October the interval is 7 (see above); to the log's end, 16 October, 14
    on_time = lm.compliance(school(), weekly, log=log(), members=members(), as_of="2024-10-01")
    assert on_time.rules.loc[("S1", "ilt_meets_weekly"), ["value", "passed"]].tolist() == [7, True]
    late = lm.compliance(school(), weekly, log=log(), members=members())
    assert late.rules.loc[("S1", "ilt_meets_weekly"), ["value", "passed"]].tolist() == [14, False]
    # to 29 November (89 days): stretches 2, 7, 7, 14 and 88 - 29 = 59: half (44.5) reached at 59
    far = lm.compliance(school(), weekly, log=log(), members=members(), as_of="2024-11-29")
    assert far.rules.loc[("S1", "ilt_meets_weekly"), "value"] == 59
    no_meetings = lm.read_log(
        events()[events()["kind"] != "meeting"], roster=school(), school_year=YEAR
    )
    report = lm.compliance(school(), weekly, log=no_meetings, members=members())
    reason = report.rules.loc[("S1", "ilt_meets_weekly"), "reason"]
    assert "the log records no ILT meeting to 2024-10-16" in reason


def test_ilt_rules_in_a_leadership_model_tight_and_loose() -> None:
    model = lm.LeadershipModel(
        key="with_ilt",
        label="with an ILT",
        source="hand-made for a test",
        rules=(
            next(r for r in ILT_MODEL.rules if r.key == "ilt_includes_every_team_lead"),
            Rule(
                key="ilt_size",
                element="ILT size (school's choice)",
                metric="ilt_members",
                kind="loose",
                low=3,
                high=10,
            ),
        ),
    )
    report = lm.compliance(school(), model, members=members())
    failed = report.rules.loc[("S1", "ilt_includes_every_team_lead")]
    assert not failed["passed"] and "TM2" in failed["reason"] and "Grade 2" in failed["reason"]
    loose = report.rules.loc[("S1", "ilt_size")]
    assert loose["value"] == 4 and bool(loose["passed"])
    assert report.schools.loc["S1", "score"] == 0.0
    assert "TM2" in report.schools.loc["S1", "reasons"]
    # without a log the meeting rule cannot be measured, and says why
    no_log = lm.compliance(
        school(), ILT_MODEL.model_copy(update={"rules": ILT_MODEL.rules[-1:]}), members=members()
    )
    assert "no activity log was given" in no_log.rules.loc[("S1", "ilt_meets_weekly"), "reason"]
    with pytest.raises(DefinitionError, match="no rules about the ILT"):
        lm.ilt_check(school(), model="denver")


def test_memberships_are_validated() -> None:
    bad = pd.DataFrame(
        {
            "school_id": ["S1", "S1", "S1", "S1"],
            "team_id": ["S1-ILT", "NOPE", "S1-ILT", "S1-ILT"],
            "staff_id": ["A1", "C1", "ZZ", "A1"],
        }
    )
    with pytest.raises(RosterError) as info:
        lm.read_members(bad, roster=school())
    issues = info.value.issues
    assert issues[["row", "code"]].values.tolist() == [
        [2, "unknown_team"],
        [3, "unknown_staff"],
        [4, "duplicate_membership"],
    ]


def test_a_membership_file_reports_rows_its_reader_left_out(tmp_path: Path) -> None:
    path = tmp_path / "members.csv"
    # row 2 has a stray fourth field: the CSV reader leaves it out; row 3 is blank
    path.write_text(
        "school_id,team_id,staff_id\nS1,S1-ILT,A1\nS1,S1-ILT,C1,oops\n,,\nS1,S1-ILT,L1\n",
        encoding="utf-8",
    )
    with pytest.raises(RosterError) as info:
        lm.read_members(path, roster=school())
    issues = info.value.issues
    assert issues[["table", "row", "code", "severity"]].values.tolist() == [
        ["members", 2, "ragged_row", "error"],
        ["members", 3, "blank_row", "warning"],
    ]
    # lenient: 4 rows = 2 loaded (A1, L1) + 1 rejected (the ragged row 2) + 1 blank (row 3)
    lenient = lm.read_members(path, roster=school(), strict=False)
    assert lenient.table["staff_id"].tolist() == ["A1", "L1"]
    assert lenient.accounting().loc["members"].tolist() == [4, 2, 0, 1, 1]
    path.write_text("school_id,team_id,staff_id\nS1,S1-ILT,A1\n,,\n", encoding="utf-8")
    assert lm.read_members(path, roster=school()).table["staff_id"].tolist() == [
        "A1"
    ]  # blank row skipped
    with pytest.raises(RosterError) as info:
        lm.read_members(path, roster=school(), max_bytes=10)
    assert info.value.issues["code"].tolist() == ["file_too_large"]


def test_memberships_read_with_another_roster_are_checked_once_when_measured() -> None:
    # read with this roster: checked on reading, taken as they are by the ILT check
    read_here = members()
    assert read_here.read_with(school())
    # read with a roster where L1 is not on the staff of S1 as this one has it: checked now
    other = lm.read_roster(
        pd.DataFrame({"staff_id": ["A1", "C1", "L1"], "school_id": "S1", "role": "teacher"}),
        teams=pd.DataFrame({"school_id": ["S1"], "team_id": ["S1-ILT"], "basis": ["ilt"]}),
    )
    elsewhere = lm.read_members(MEMBERS, roster=other)
    assert not elsewhere.read_with(school())
    same = lm.ilt_check(school(), log=log(), members=elsewhere)  # every id is on school()
    pd.testing.assert_frame_equal(
        same.schools, lm.ilt_check(school(), log=log(), members=read_here).schools
    )
    strangers = lm.read_members(
        pd.DataFrame({"school_id": ["S1"], "team_id": ["S1-ILT"], "staff_id": ["Z9"]}),
        roster=lm.read_roster(
            pd.DataFrame({"staff_id": ["Z9"], "school_id": "S1", "role": "teacher"}),
            teams=pd.DataFrame({"school_id": ["S1"], "team_id": ["S1-ILT"], "basis": ["ilt"]}),
        ),
    )
    with pytest.raises(RosterError) as info:
        lm.ilt_check(school(), log=log(), members=strangers)
    assert info.value.issues["code"].tolist() == ["unknown_staff"]


def test_coverage_gaps_teams_are_teacher_teams() -> None:
    # the ILT S1-ILT gathers P1, A1, C1 and L1: it is no grade or subject team
    teams = lm.coverage_gaps(school()).teams
    assert teams.index.tolist() == [("S1", "TM1"), ("S1", "TM2")]
    assert teams["basis"].tolist() == ["grade", "grade"]


# ------------------------------------------------------------------ reading the log


def _bad_log() -> pd.DataFrame:
    good = ("2024-09-02", "L1", "T1", "walkthrough", "20", None, None)
    rows = [
        good,  # 1 loaded
        ("09/03/2024", "L1", "T1", "walkthrough", "20", None, None),  # 2 wrong_type (date)
        ("2024-12-25", "L1", "T1", "walkthrough", "20", None, None),  # 3 date_out_of_range
        ("2024-09-03", "X9", "T1", "walkthrough", "20", None, None),  # 4 unknown_staff
        ("2024-09-03", "l1", "T1", "walkthrough", "20", None, None),  # 5 id_variant
        ("2024-09-03", "L1", "T1", "walkthrough", "-5", None, None),  # 6 negative_value
        ("2024-09-03", "L1", "T1", "walkthrough", "ten", None, None),  # 7 wrong_type (minutes)
        ("2024-09-03", "L1", "T1", "Dance", "20", None, None),  # 8 unknown_kind
        ("2024-09-03", "L1", None, "walkthrough", "20", None, None),  # 9 missing_value
        ("2024-09-03", "P2", "T1", "walkthrough", "20", None, None),  # 10 cross_school_event
        ("2024-09-03", "T1", "T1", "walkthrough", "20", None, None),  # 11 self_event
        good,  # 12 duplicate_event (kept once)
        (None, None, None, None, None, None, None),  # 13 blank_row
        ("2024-09-04", "P1", None, "meeting", "60", None, None),  # 14 missing_value (team)
        ("2024-09-04", "P1", None, "meeting", "60", None, "NOPE"),  # 15 unknown_team
        ("2024-09-04", "L1", "C1", "coaching", "30", None, None),  # 16 not_a_teacher (kept)
        ("2024-09-04", "L1", "T2", "walkthrough", None, None, None),  # 17 minutes blank (kept)
        ("2024-09-04", "L1", "T2", "walkthrough", "20", "N/A", None),  # 18 masked_value (kept)
    ]
    columns = ["date", "leader_id", "teacher_id", "kind", "minutes", "focus", "team_id"]
    return pd.DataFrame(rows, columns=columns)


def test_bad_rows_are_reported_with_reason_codes_and_accounted_for() -> None:
    result = lm.read_log(_bad_log(), roster=school(), school_year=YEAR, strict=False)
    found = result.issues[["row", "field", "code", "severity"]].astype(object)
    expected = [
        [2, "date", "wrong_type", "error"],
        [3, "date", "date_out_of_range", "error"],
        [4, "leader_id", "unknown_staff", "error"],
        [5, "leader_id", "id_variant", "error"],
        [6, "minutes", "negative_value", "error"],
        [7, "minutes", "wrong_type", "error"],
        [8, "kind", "unknown_kind", "error"],
        [9, "teacher_id", "missing_value", "error"],
        [10, "school_id", "cross_school_event", "error"],
        [11, "teacher_id", "self_event", "error"],
        [12, None, "duplicate_event", "warning"],
        [13, None, "blank_row", "warning"],
        [14, "team_id", "missing_value", "error"],
        [15, "team_id", "unknown_team", "error"],
        [16, "teacher_id", "not_a_teacher", "warning"],
        [17, "minutes", "missing_value", "warning"],
        [18, "focus", "masked_value", "warning"],
    ]
    got = [[r, None if pd.isna(f) else f, c, s] for r, f, c, s in found.values.tolist()]
    assert got == expected
    assert set(result.issues["code"]) <= set(REASON_CODES)
    counts = result.accounting().loc["log"]
    # 18 rows = 4 loaded (1, 16, 17, 18) + 1 merged (12) + 12 rejected + 1 blank (13)
    assert counts.tolist() == [18, 4, 1, 12, 1]
    assert counts["rows_in"] == counts.drop("rows_in").sum()
    assert sorted(result.events["row"]) == [1, 16, 17, 18]
    message = result.issues.loc[result.issues["row"] == 2, "fix"].iloc[0]
    assert "date_format" in message
    with pytest.raises(RosterError) as info:
        lm.read_log(_bad_log(), roster=school(), school_year=YEAR)
    assert "date_out_of_range" in str(info.value)


def test_structural_problems_raise_even_when_not_strict() -> None:
    with pytest.raises(RosterError) as info:
        lm.read_log(events().drop(columns="kind"), roster=school(), school_year=YEAR, strict=False)
    assert info.value.issues["code"].tolist() == ["missing_column"]
    with pytest.raises(RosterError) as info:
        lm.read_log(events().head(0), roster=school(), school_year=YEAR, strict=False)
    assert info.value.issues["code"].tolist() == ["empty_file"]
    with pytest.raises(DefinitionError, match="before it starts"):
        lm.read_log(events(), roster=school(), school_year=("2024-12-01", "2024-09-02"))
    with pytest.raises(DefinitionError, match="is not a kind"):
        lm.read_log(events(), roster=school(), school_year=YEAR, kind_map={"Walk": "stroll"})


def test_dates_keep_the_day_written_whatever_the_time_zone() -> None:
    frame = events().head(1).assign(date="2024-09-02T23:30:00-06:00")
    read = lm.read_log(frame, roster=school(), school_year=YEAR)
    assert str(read.events["date"].iloc[0].date()) == "2024-09-02"  # not 3 September in UTC
    us = events().head(1).assign(date="09/03/2024")
    read = lm.read_log(us, roster=school(), school_year=YEAR, date_format="%m/%d/%Y")
    assert str(read.events["date"].iloc[0].date()) == "2024-09-03"


def test_a_date_followed_by_no_real_time_is_no_date() -> None:
    """The time after an ISO date is ignored, but it must be a time: 99:99 and an offset of
    99 hours are wrong_type errors (the day was read and the rest dropped without a word)."""
    written = ["2024-09-02 9:05", "2024-09-09T23:59:60Z", "2024-09-16 99:99",
               "2024-09-23T12:00:00+99:99"]  # fmt: skip
    frame = events().head(4).assign(date=written)  # four weekly walkthroughs
    read = lm.read_log(frame, roster=school(), school_year=YEAR, strict=False)
    assert read.issues[["row", "field", "code"]].values.tolist() == [
        [3, "date", "wrong_type"],
        [4, "date", "wrong_type"],
    ]
    assert [str(d.date()) for d in read.events["date"]] == ["2024-09-02", "2024-09-09"]


def test_csv_and_excel_with_column_and_kind_maps(tmp_path: Path) -> None:
    raw = events().head(3).rename(columns={"leader_id": "Observer", "teacher_id": "Teacher"})
    raw["kind"] = "Learning Walk"
    maps = {
        "column_map": {"Observer": "leader_id", "Teacher": "teacher_id"},
        "kind_map": {"Learning Walk": "walkthrough"},
    }
    raw.to_csv(tmp_path / "log.csv", index=False)
    from_csv = lm.read_log(tmp_path / "log.csv", roster=school(), school_year=YEAR, **maps)
    raw.assign(date=pd.to_datetime(raw["date"])).to_excel(tmp_path / "log.xlsx", index=False)
    from_excel = lm.read_log(tmp_path / "log.xlsx", roster=school(), school_year=YEAR, **maps)
    for read in (from_csv, from_excel):
        assert read.events["kind"].tolist() == ["walkthrough"] * 3
        assert read.events["school_id"].tolist() == ["S1"] * 3  # derived from the roster
    assert from_csv.events["date"].equals(from_excel.events["date"])
    assert from_csv.source["sha256"]


def test_a_log_without_a_roster_needs_schools() -> None:
    with pytest.raises(RosterError, match="school_id"):
        lm.read_log(events(), school_year=YEAR)
    read = lm.read_log(events().assign(school_id="S1"), school_year=YEAR)
    assert read.schools == ("S1",)


# ------------------------------------------------------------------ properties

PAIRS = [("L1", "T1"), ("L1", "T2"), ("L2", "T3"), ("A1", "L1"), ("C1", "T1"), ("C1", "T3")]
random_events = st.lists(
    st.tuples(
        st.integers(0, 90),
        st.sampled_from(PAIRS),
        st.sampled_from(["walkthrough", "informal", "coaching", "coaching_cycle"]),
        st.integers(0, 60),
        st.sampled_from([None, "focus", "G"]),
    ),
    min_size=1,
    max_size=40,
)


def _frame(drawn: list[tuple[int, tuple[str, str], str, int, str | None]]) -> pd.DataFrame:
    start = pd.Timestamp(YEAR[0])
    return pd.DataFrame(
        {
            "date": [(start + pd.Timedelta(days=d)).strftime("%Y-%m-%d") for d, *_ in drawn],
            "leader_id": [p[0] for _, p, *_ in drawn],
            "teacher_id": [p[1] for _, p, *_ in drawn],
            "kind": [k for _, _, k, _, _ in drawn],
            "minutes": [m for *_, m, _ in drawn],
            "focus": [f if f == "focus" else None for *_, f in drawn],
            "session_id": [f if f == "G" else None for *_, f in drawn],
        }
    )


@pytest.mark.slow  # a property test of 40 logs (25 s)
@settings(max_examples=40, deadline=None)
@given(drawn=random_events, as_of=st.integers(0, 90), seed=st.integers(0, 2**16))
def test_droughts_never_exceed_the_period_and_order_does_not_matter(
    drawn: list[tuple[int, tuple[str, str], str, int, str | None]], as_of: int, seed: int
) -> None:
    frame = _frame(drawn)
    day = (pd.Timestamp(YEAR[0]) + pd.Timedelta(days=as_of)).strftime("%Y-%m-%d")
    one = lm.read_log(frame, roster=school(), school_year=YEAR, strict=False)
    other = lm.read_log(
        frame.sample(frac=1, random_state=seed), roster=school(), school_year=YEAR, strict=False
    )
    counts = one.accounting().loc["log"]
    assert counts["rows_in"] == counts.drop("rows_in").sum() == len(frame)
    a = lm.observation_actuals(school(), log=one, policy=WEEKLY, as_of=day)
    b = lm.observation_actuals(school(), log=other, policy=WEEKLY, as_of=day)
    period = as_of + 1
    gaps = a.teachers["longest_gap_days"]
    assert ((gaps >= 0) & (gaps <= period)).all()
    never = a.teachers["visits"] == 0
    assert (gaps[never] == period).all()
    # an independent count: the drawn events, exact repeats once, observation kinds, to as_of
    seen = [
        (d, pair)
        for d, pair, kind, minutes, extra in dict.fromkeys(drawn)
        if kind != "coaching" and d <= as_of
    ]
    teachers = ["L1", "L2", "T1", "T2", "T3"]  # the teaching roles of S1
    expected_visits = {t: sum(p[1] == t for _, p in seen) for t in teachers}
    assert a.teachers["visits"].xs("S1").to_dict() == expected_visits
    for teacher in teachers:
        visited = {d for d, p in seen if p[1] == teacher}
        run = longest = 0
        for d in range(period):  # days 0 .. as_of: a run of days without a visit
            run = 0 if d in visited else run + 1
            longest = max(longest, run)
        assert a.teachers.loc[("S1", teacher), "longest_gap_days"] == longest, teacher
    # every target of PAIRS is a teacher, so each leader is credited with every visit made
    made = {leader: sum(p[0] == leader for _, p in seen) for leader in {p[0] for _, p in seen}}
    leaders = a.leaders["visits"].xs("S1")
    assert leaders[leaders > 0].to_dict() == made
    assert a.weekly.groupby(["school_id", "staff_id"])["visits"].sum().to_dict() == (
        a.teachers["visits"].to_dict()
    )
    for x, y in zip(a[:5], b[:5], strict=True):
        pd.testing.assert_frame_equal(x, y)
    da = lm.coaching_dosage(school(), log=one, as_of=day)
    db = lm.coaching_dosage(school(), log=other, as_of=day)
    pd.testing.assert_frame_equal(da.teachers, db.teachers)
    shares = da.teachers[["one_to_one_share", "share_weeks_with_coaching", "focus_share"]]
    assert ((shares.fillna(0) >= 0) & (shares.fillna(0) <= 1)).all().all()
    assert (da.teachers["one_to_one_sessions"] <= da.teachers["sessions"]).all()


# ------------------------------------------------------------------ plots


def test_plot_observation_drought_is_teachers_by_weeks() -> None:
    result = lm.observation_actuals(school(), log=log(), policy=WEEKLY, as_of=AS_OF)
    ax = lm.plot_observation_drought(result)
    assert ax.get_images()[0].get_array().shape == (6, 6)  # 6 teachers x 6 weeks
    labels = [t.get_text() for t in ax.get_yticklabels()]
    red = [
        t.get_text() for t in ax.get_yticklabels() if t.get_color() == lm.plot.PALETTE["vermillion"]
    ]
    assert labels[:2] == ["S1/L2", "S1/T3"] and red == ["S1/L2", "S1/T3"]  # 42-day gaps first
    assert "2 of 6 teachers" in ax.get_title()
    _fig, given_ax = plt.subplots()
    assert lm.plot_observation_drought(result, school_id="S2", ax=given_ax) is given_ax


def test_plot_planned_vs_actual_and_dosage() -> None:
    result = lm.observation_actuals(school(), log=log(), policy=WEEKLY, as_of=AS_OF)
    ax = lm.plot_planned_vs_actual(result)
    assert len(ax.patches) == 4  # A1, L1, L2, P2
    # ordered by visits expected, then made: L2 (6, 0), P2 (6, 1), A1 (12, 1), L1 (12, 7)
    assert [p.get_width() for p in ax.patches] == [0, 1, 1, 7]
    assert "4 of 4 leaders behind" in ax.get_title()
    dosage = lm.coaching_dosage(school(), log=log(), as_of=AS_OF)
    ax = lm.plot_dosage(dosage)
    assert ax.get_images()[0].get_array().shape == (2, 6)
    assert [t.get_text() for t in ax.texts][:6] == ["60%", "67%", "33%", "33%", "67%", "33%"]


# ------------------------------------------------------------------ the sample and the docs


def test_district_log_sample() -> None:
    sample = lm.load_sample("district_log")
    assert sample.log.issues.empty and len(sample.log.schools) == 13
    assert "SYNTHETIC" in lm.list_samples().loc["district_log", "description"]
    size = sum(p.stat().st_size for p in lm.sample_path("district_log").iterdir())
    assert size < 5 * 2**20
    check = lm.ilt_check(sample.roster, log=sample.log, members=sample.members)
    assert "team D002-TM06 'Science'" in check.schools.loc["D002", "missing"]
    # 13 ILTs; D002 and D007 miss a team lead, D004 its coach, D010 an AP; D008, D012 meet
    # every other week
    failing = check.schools.index[check.schools["has_ilt"] & ~check.schools["passed"]]
    assert sorted(failing) == ["D002", "D004", "D007", "D008", "D010", "D012"]


def test_every_output_column_is_in_the_glossary() -> None:
    glossary = (DOCS / "glossary.md").read_text(encoding="utf-8")
    actuals = lm.observation_actuals(school(), log=log(), policy=WEEKLY, as_of=AS_OF)
    dosage = lm.coaching_dosage(school(), log=log(), as_of=AS_OF)
    check = lm.ilt_check(school(), log=log(), members=members())
    frames = [
        log().events,
        log().accounting().reset_index(),
        *(f.reset_index() for f in actuals[:4]),
        actuals.weekly,
        dosage.teachers.reset_index(),
        dosage.schools.reset_index(),
        check.schools.reset_index(),
        check.members.reset_index(),
    ]
    missing = sorted({c for f in frames for c in f.columns if f"`{c}`" not in glossary})
    assert missing == []
    for code in REASON_CODES:
        assert f"`{code}`" in glossary, code
    for metric in lm.models.RULE_METRICS:
        assert f"`{metric}`" in glossary, metric
    methodology = (DOCS / "methodology.md").read_text(encoding="utf-8")
    assert lm.presets.sources.KRAFT_2018.split(",")[0] in methodology
    for kind in KINDS:
        assert f"`{kind}`" in glossary, kind
    assert json.loads((lm.sample_path("district_log").parent / "catalogue.json").read_text())


def test_declared_schools_and_extra_columns_are_kept() -> None:
    frame = events()
    frame = frame[frame["leader_id"] != "P2"].assign(staff_id="x", Record="r")
    read = lm.read_log(frame, roster=school(), school_year=YEAR, schools=["S1", "S2"])
    assert read.schools == ("S1", "S2")
    assert {"staff_id", "Record"} <= set(read.events.columns)  # kept as written
    result = lm.observation_actuals(school(), log=read, policy=WEEKLY, as_of=AS_OF)
    # S2 logged nothing: its teacher shows as never visited rather than disappearing
    assert result.teachers.loc[("S2", "T4"), ["visits", "longest_gap_days"]].tolist() == [0, 42]
    assert result.schools.loc["S2", ["teachers", "visits", "teachers_in_drought"]].tolist() == [
        1,
        0,
        1,
    ]
    with pytest.raises(DefinitionError, match="not in the roster"):
        lm.read_log(frame, roster=school(), school_year=YEAR, schools=["S9"])


def test_a_log_read_with_the_roster_is_not_checked_again(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = lm.metrics.actuals.check_known

    def counting(*args: object, **kwargs: object) -> pd.Series:
        calls.append(str(args[1]))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(lm.metrics.actuals, "check_known", counting)
    checked = log()  # read with school(): its ids were checked on reading
    assert checked.read_with(school())
    lm.observation_actuals(school(), log=checked, policy=WEEKLY, as_of=AS_OF)
    lm.coaching_dosage(school(), log=checked, as_of=AS_OF)
    assert calls == []
    unchecked = _unchecked_log()  # read without a roster: checked once per measure
    assert not unchecked.read_with(school())
    with pytest.raises(RosterError):
        lm.coaching_dosage(school(), log=unchecked, as_of=AS_OF)
    # the covered schools, the events' schools, both ends and the teams: five checks
    assert calls == ["school_id", "school_id", "leader_id", "teacher_id", "team_id"]


def test_kind_map_keys_in_any_script_stay_apart() -> None:
    """Kinds written in Cyrillic: each key is its own (all of them used to read as one empty
    key, so the last mapping won for every event, a dash included)."""
    raw = pd.DataFrame(
        {
            "date": ["2024-09-03", "2024-09-04", "2024-09-05"],
            "school_id": "S1",
            "leader_id": "A1",
            "teacher_id": ["T1", "T2", "T3"],
            "kind": ["Наблюдение", "Коучинг", "—"],
            "minutes": [30, 40, 40],
        }
    )
    log = lm.read_log(
        raw,
        school_year=("2024-08-26", "2025-06-06"),
        strict=False,
        kind_map={"Наблюдение": "formal", "Коучинг": "coaching"},
    )
    assert log.events[["teacher_id", "kind"]].values.tolist() == [
        ["T1", "formal"],
        ["T2", "coaching"],
    ]
    assert log.issues[["row", "code"]].values.tolist() == [[3, "unknown_kind"]]  # the dash
