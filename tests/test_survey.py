"""Staff surveys: hand-computed NPS and felt responsibility, the advice overlay, bad input,
suppression of small groups, and invariants over generated surveys."""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import math
from pathlib import Path
from types import ModuleType

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import leadmodel as lm
from leadmodel.metrics.survey import AdviceOverlay
from leadmodel.plot import ADVICE_STATUS
from leadmodel.readers.issues import REASON_CODES

ROOT = Path(__file__).resolve().parents[1]
Z95 = 1.959963984540054  # the 97.5% point of the standard normal


@pytest.fixture(autouse=True)
def _close_figures() -> object:
    yield
    plt.close("all")


# ------------------------------------------------------------------ a hand-built school


def _roster() -> lm.Roster:
    """Two schools.

    S1 (Denver model, pilot wave 1): principal P1, AP A1, coach C1, team leads L1-L6, teachers
    T1-T12. L1-L4 each develop two teachers (T1-T8); L5 only coaches T9; L6 holds the title and
    nothing else. A1 develops T9-T12 and evaluates T1-T12; C1 coaches T1-T6; P1 develops and
    evaluates the six team leads. S2 (traditional, no wave): principal Q1, teachers X1-X6.
    """
    staff = [("P1", "principal"), ("A1", "assistant_principal"), ("C1", "instructional_coach")]
    staff += [(f"L{i}", "team_lead") for i in range(1, 7)]
    staff += [(f"T{i}", "teacher") for i in range(1, 13)]
    rows = [{"staff_id": s, "school_id": "S1", "role": r} for s, r in staff]
    rows += [{"staff_id": "Q1", "school_id": "S2", "role": "principal"}]
    rows += [{"staff_id": f"X{i}", "school_id": "S2", "role": "teacher"} for i in range(1, 7)]
    links = []
    for k, lead in enumerate(["L1", "L2", "L3", "L4"]):
        for t in (2 * k + 1, 2 * k + 2):
            links.append((lead, f"T{t}", "develops"))
    links.append(("L5", "T9", "coaches"))
    links += [("A1", f"T{t}", "develops") for t in range(9, 13)]
    links += [("A1", f"T{t}", "evaluates") for t in range(1, 13)]
    links += [("C1", f"T{t}", "coaches") for t in range(1, 7)]
    links += [("P1", f"L{i}", rel) for i in range(1, 7) for rel in ("develops", "evaluates")]
    links += [("Q1", f"X{i}", rel) for i in range(1, 7) for rel in ("develops", "evaluates")]
    schools = pd.DataFrame(
        {"school_id": ["S1", "S2"], "model": ["denver", "traditional"], "pilot_wave": [1, None]}
    )
    return lm.read_roster(
        pd.DataFrame(rows),
        links=pd.DataFrame(links, columns=["leader_id", "staff_id", "relation"]),
        schools=schools,
    )


@pytest.fixture(scope="module")
def roster() -> lm.Roster:
    return _roster()


def _answers() -> pd.DataFrame:
    """Identified answers of the S1 leaders, plus four advice-giving teachers.

    Team leads, teachers item: L1 primary, L2 yes, L3 yes, L4-L6 no; students item: L1 yes,
    L2 yes, L3 no, L4 no, L5 primary, L6 blank. C1 and P1 answer too (groups of one); A1 does
    not answer. T1 names C1 and L1; T2 names L1 and T3 (never their coach C1); T3 names only
    T4; T5 names nobody.
    """
    teachers = ["primary", "yes", "yes", "no", "no", "no"]
    students = ["yes", "yes", "no", "no", "primary", None]
    rows = [
        {"staff_id": f"L{i}", "responsible_teachers": t, "responsible_students": s}
        for i, t, s in zip(range(1, 7), teachers, students, strict=True)
    ]
    rows += [
        {"staff_id": "C1", "responsible_teachers": "yes", "responsible_students": "no"},
        {"staff_id": "P1", "responsible_teachers": "primary", "responsible_students": "primary"},
        {"staff_id": "T1", "advice_ids": "C1;L1"},
        {"staff_id": "T2", "advice_ids": "L1|T3"},
        {"staff_id": "T3", "advice_ids": "T4"},
        {"staff_id": "T5"},
    ]
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def survey(roster: lm.Roster) -> lm.Survey:
    return lm.read_survey(_answers(), roster=roster)


# ------------------------------------------------------------------ NPS, by hand


def _scores_survey() -> lm.Survey:
    """Anonymous teachers: A answers 10 9 9 8 7 6 3 10, B 9 10 0 5 7 9, C 10 2 9."""
    scores = {"A": [10, 9, 9, 8, 7, 6, 3, 10], "B": [9, 10, 0, 5, 7, 9], "C": [10, 2, 9]}
    rows = [(school, s) for school, values in scores.items() for s in values]
    frame = pd.DataFrame(rows, columns=["school_id", "recommend"]).assign(role="teacher")
    return lm.read_survey(frame)


def test_nps_by_school_equals_hand_calculation_with_suppression() -> None:
    table = lm.net_promoter_score(_scores_survey(), by="school")
    assert list(table.index) == ["A", "B", "C"]
    # C: 3 respondents < 5, suppressed. Alone, C's answers would follow from the total (17
    # answers) minus A and B, so the smallest shown group, B (6), is suppressed with it:
    # 3 + 6 = 9 >= 5. A stays.
    assert table["suppressed"].tolist() == [False, True, True]
    assert table.loc["C", "suppressed_reason"] == "fewer than 5 respondents"
    assert "subtraction" in table.loc["B", "suppressed_reason"]
    assert table.loc[["B", "C"], ["respondents", "nps", "nps_low"]].isna().all().all()
    a = table.loc["A"]
    # A: 10 9 9 10 promote (4), 8 7 are passive (2), 6 3 detract (2) -> (4 - 2) / 8 = 25 points
    assert (a["respondents"], a["promoters"], a["passives"], a["detractors"]) == (8, 4, 2, 2)
    assert a["nps"] == pytest.approx(25.0)
    # se = 100 x sqrt((p + d - (p - d)^2) / n) = 100 x sqrt((0.5 + 0.25 - 0.0625) / 8)
    #    = 100 x sqrt(0.0859375) = 29.3151
    assert a["nps_se"] == pytest.approx(29.31510, abs=1e-4)
    # 25 -+ 1.96 x 29.3151 = 25 -+ 57.4565
    assert a["nps_low"] == pytest.approx(-32.45654, abs=1e-4)
    assert a["nps_high"] == pytest.approx(82.45654, abs=1e-4)


def test_nps_without_suppression_and_overall() -> None:
    survey = _scores_survey()
    table = lm.net_promoter_score(survey, by="school", min_group=3)
    assert not table["suppressed"].any()
    # B: 9 10 9 promote (3), 7 passive (1), 0 5 detract (2) -> (3 - 2) / 6 = 16.67
    # C: 10 9 promote (2), 2 detracts (1) -> (2 - 1) / 3 = 33.33
    assert table["nps"].tolist() == pytest.approx([25.0, 100 / 6, 100 / 3])
    # C's interval reaches past 100 and is clipped: 33.33 + 1.96 x 100 x sqrt((1 - 1/9) / 3)
    assert table.loc["C", "nps_high"] == 100.0
    overall = lm.net_promoter_score(survey).loc["all"]
    # 17 answers: 4 + 3 + 2 = 9 promoters, 2 + 2 + 1 = 5 detractors -> 400 / 17 = 23.53
    assert (overall["respondents"], overall["promoters"], overall["detractors"]) == (17, 9, 5)
    assert overall["nps"] == pytest.approx(400 / 17)
    # se = 100 x sqrt((14/17 - (4/17)^2) / 17) = 21.2571
    assert overall["nps_se"] == pytest.approx(100 * math.sqrt((14 / 17 - (4 / 17) ** 2) / 17))


def test_nps_adjusted_wald_by_hand() -> None:
    a = lm.net_promoter_score(_scores_survey(), by="school", method="adjusted_wald").loc["A"]
    # n + 3 = 11; p = (4 + 0.75) / 11 = 0.431818, d = (2 + 0.75) / 11 = 0.25
    # centre = 100 x (p - d) = 18.18; se = 100 x sqrt((0.681818 - 0.181818^2) / 11) = 24.2854
    se = 100 * math.sqrt((0.75 / 1.1 - (2 / 11) ** 2) / 11)
    assert a["nps"] == pytest.approx(25.0)  # the score itself is not adjusted
    assert a["nps_se"] == pytest.approx(se)
    assert a["nps_low"] == pytest.approx(100 * 2 / 11 - Z95 * se)
    assert a["nps_high"] == pytest.approx(100 * 2 / 11 + Z95 * se)


def test_nps_by_role_suppresses_until_the_hidden_groups_reach_min_group() -> None:
    rows = [("teacher", 9)] * 12 + [("assistant_principal", 10)] * 3 + [("principal", 0)] * 2
    frame = pd.DataFrame(rows, columns=["role", "recommend"]).assign(school_id="S")
    table = lm.net_promoter_score(lm.read_survey(frame), by="role")
    # APs (3) and the principals (2) are both small, but 3 + 2 = 5 together: no subtraction
    # reveals fewer than five answers, so the teachers (12, all promoters: 100) are shown.
    assert table["suppressed"].to_dict() == {
        "assistant_principal": True,
        "principal": True,
        "teacher": False,
    }
    assert table.loc["teacher", "nps"] == 100.0
    # with one principal only, 3 + 1 = 4 < 5: the teachers go too
    frame = frame.iloc[:-1]
    assert lm.net_promoter_score(lm.read_survey(frame), by="role")["suppressed"].all()


def test_nps_by_model_and_wave_from_the_roster(roster: lm.Roster) -> None:
    scores = {"L1": 10, "L2": 9, "L3": 3, "L4": 8, "L5": 10, "T1": 9}
    scores |= {f"X{i}": s for i, s in enumerate([2, 4, 6, 9, 7], start=1)}
    frame = pd.DataFrame({"staff_id": list(scores), "recommend": list(scores.values())})
    survey = lm.read_survey(frame, roster=roster)
    by_model = lm.net_promoter_score(survey, by="model")
    # denver (S1): 10 9 10 9 promote, 8 passive, 3 detracts -> (4 - 1) / 6 = 50
    # traditional (S2): 9 promotes, 7 passive, 2 4 6 detract -> (1 - 3) / 5 = -40
    assert by_model["nps"].to_dict() == pytest.approx({"denver": 50.0, "traditional": -40.0})
    by_wave = lm.net_promoter_score(survey, by="pilot_wave")
    assert list(by_wave.index) == [1, "none"]
    assert by_wave["nps"].tolist() == pytest.approx([50.0, -40.0])
    assert lm.net_promoter_score(survey, by="category").loc["teacher_leader", "nps"] == 40.0
    # with min_group 6 the traditional school's 5 answers are hidden, and wave 1 (6) with them,
    # since 5 < 6 would otherwise be the district total minus wave 1
    strict_waves = lm.net_promoter_score(survey, by="pilot_wave", min_group=6)
    assert strict_waves["suppressed"].tolist() == [True, True]
    assert "subtraction" in strict_waves.loc[1, "suppressed_reason"]
    # only the teachers: T1 (9), X1-X5 -> 2 promoters, 3 detractors of 6
    teachers = lm.net_promoter_score(survey, roles=["teacher"], min_group=1).loc["all"]
    assert teachers["nps"] == pytest.approx(100 * (2 - 3) / 6)


def test_nps_flags_a_zero_width_wald_interval() -> None:
    rows = [("U", s) for s in (10, 9, 10, 9, 10)]  # 5 promoters of 5
    rows += [("P", s) for s in (7, 8, 7, 8, 7)]  # 5 passives of 5
    rows += [("M", s) for s in (10, 9, 9, 8, 3, 0)]  # 3 promoters, 1 passive, 2 detractors
    frame = pd.DataFrame(rows, columns=["school_id", "recommend"]).assign(role="teacher")
    survey = lm.read_survey(frame)
    table = lm.net_promoter_score(survey, by="school")
    # U: p = 1, d = 0: se = 100 x sqrt((1 + 0 - 1^2) / 5) = 0, so the interval is [100, 100]
    # P: p = d = 0: se = 100 x sqrt(0 / 5) = 0, interval [0, 0]
    # M: p = 1/2, d = 1/3: se = 100 x sqrt((5/6 - 1/36) / 6) = 100 x sqrt(29/216) = 36.64 > 0
    assert table.loc["U", ["nps", "nps_low", "nps_high"]].tolist() == [100.0, 100.0, 100.0]
    assert table.loc["P", ["nps", "nps_low", "nps_high"]].tolist() == [0.0, 0.0, 0.0]
    assert table.loc["M", "nps_se"] == pytest.approx(100 * math.sqrt(29 / 216))
    assert str(table["interval_degenerate"].dtype) == "boolean"
    assert table["interval_degenerate"].to_dict() == {"M": False, "P": True, "U": True}
    # the adjusted Wald interval never has zero width: U gets p = 5.75 / 8, d = 0.75 / 8,
    # se = 100 x sqrt((0.8125 - 0.625^2) / 8) = 22.96
    adjusted = lm.net_promoter_score(survey, by="school", method="adjusted_wald")
    assert not adjusted["interval_degenerate"].any()
    assert adjusted.loc["U", "nps_se"] == pytest.approx(100 * math.sqrt((0.8125 - 0.390625) / 8))
    # a suppressed group's flag is withheld with its figures (it would tell that all its
    # respondents answered alike): min_group 6 hides U and P (5 each, 10 >= 6 hidden in all)
    hidden = lm.net_promoter_score(survey, by="school", min_group=6)
    assert hidden["suppressed"].to_dict() == {"M": False, "P": True, "U": True}
    assert hidden["interval_degenerate"].isna().tolist() == [False, True, True]
    assert hidden.loc["M", "interval_degenerate"] == False  # noqa: E712 (a pandas boolean)


def test_nps_groups_by_model_and_wave_with_a_roster_given_to_it(roster: lm.Roster) -> None:
    # read without a roster: the rows give school and role; the roster given to
    # net_promoter_score supplies each school's model and pilot wave
    scores = {"S1": [10, 9, 8, 3, 10], "S2": [9, 6, 6, 7, 2]}
    rows = [(school, s) for school, values in scores.items() for s in values]
    frame = pd.DataFrame(rows, columns=["school_id", "recommend"]).assign(role="teacher")
    survey = lm.read_survey(frame)
    assert survey.schools.empty
    by_model = lm.net_promoter_score(survey, by="model", roster=roster)
    # S1 (denver, wave 1): 10 9 10 promote (3), 8 passive, 3 detracts -> (3 - 1) / 5 = 40
    # S2 (traditional, no wave): 9 promotes (1), 7 passive, 6 6 2 detract (3) -> (1 - 3) / 5 = -40
    assert by_model["nps"].to_dict() == pytest.approx({"denver": 40.0, "traditional": -40.0})
    assert by_model["respondents"].tolist() == [5, 5]
    by_wave = lm.net_promoter_score(survey, by="wave", roster=roster)
    assert list(by_wave.index) == [1, "none"]
    assert by_wave["nps"].tolist() == pytest.approx([40.0, -40.0])
    # a school the roster does not have would silently join "none": it is refused instead
    stray = pd.concat(
        [frame, pd.DataFrame({"school_id": ["S9"], "role": ["teacher"], "recommend": [9]})],
        ignore_index=True,
    )
    with pytest.raises(lm.RosterError) as caught:
        lm.net_promoter_score(lm.read_survey(stray), by="model", roster=roster)
    issues = caught.value.issues
    assert issues[["table", "field", "value", "code"]].values.tolist() == [
        ["responses", "school_id", "S9", "unknown_school"]
    ]
    assert issues["fix"].str.contains("roster").all()


@pytest.mark.parametrize("n", [np.int64(3), np.int32(3), np.uint8(3)])
def test_min_group_accepts_any_whole_number(
    n: object, survey: lm.Survey, roster: lm.Roster
) -> None:
    expected = lm.net_promoter_score(_scores_survey(), by="school", min_group=3)
    table = lm.net_promoter_score(_scores_survey(), by="school", min_group=n)  # type: ignore[arg-type]
    pd.testing.assert_frame_equal(table, expected)
    assert type(table.attrs["min_group"]) is int and table.attrs["min_group"] == 3
    pd.testing.assert_frame_equal(
        lm.felt_responsibility(roster, survey=survey, min_group=n),  # type: ignore[arg-type]
        lm.felt_responsibility(roster, survey=survey, min_group=3),
    )
    overlay = lm.advice_overlay(roster, survey=survey, min_group=n)  # type: ignore[arg-type]
    # 3 respondents named advisers in S1: 3 >= 3, shown
    assert not overlay.schools.loc["S1", "suppressed"]


@pytest.mark.parametrize("bad", [True, np.bool_(True), 3.0, 0, np.int64(0), "5"])
def test_min_group_refuses_what_is_not_a_whole_number_of_at_least_one(bad: object) -> None:
    with pytest.raises(lm.DefinitionError, match="min_group"):
        lm.net_promoter_score(_scores_survey(), min_group=bad)  # type: ignore[arg-type]


def test_nps_groupings_need_the_schools_table() -> None:
    with pytest.raises(lm.DefinitionError, match="roster"):
        lm.net_promoter_score(_scores_survey(), by="model")
    with pytest.raises(lm.DefinitionError, match="grouping"):
        lm.net_promoter_score(_scores_survey(), by="district")
    with pytest.raises(lm.DefinitionError, match="min_group"):
        lm.net_promoter_score(_scores_survey(), min_group=0)
    with pytest.raises(lm.DefinitionError, match="confidence"):
        lm.net_promoter_score(_scores_survey(), confidence=95)
    with pytest.raises(lm.DefinitionError, match="role or category"):
        lm.net_promoter_score(_scores_survey(), roles=["wizard"])


# ------------------------------------------------------------------ felt responsibility, by hand


def test_felt_responsibility_equals_hand_calculation(survey: lm.Survey, roster: lm.Roster) -> None:
    felt = lm.felt_responsibility(roster, survey=survey)
    assert list(felt.index) == [
        "principal",
        "assistant_principal",
        "team_lead",
        "instructional_coach",
    ]
    lead = felt.loc["team_lead"]
    assert (lead["holders"], lead["respondents"], lead["suppressed"]) == (6, 6, False)
    # teachers item: primary, yes, yes, no, no, no -> responsible 3 / 6, primarily 1 / 6
    assert lead["answered_teachers"] == 6
    assert lead["share_responsible_teachers"] == pytest.approx(3 / 6)
    assert lead["share_primary_teachers"] == pytest.approx(1 / 6)
    # students item: yes, yes, no, no, primary (L6 blank) -> 3 / 5 and 1 / 5
    assert lead["answered_students"] == 5
    assert lead["share_responsible_students"] == pytest.approx(3 / 5)
    assert lead["share_primary_students"] == pytest.approx(1 / 5)
    # on paper: L1-L4 develop teachers and L5 coaches one (5 of 6 guide; 4 of 6 develop)
    assert lead["formal_responsible_teachers"] == pytest.approx(5 / 6)
    assert lead["formal_primary_teachers"] == pytest.approx(4 / 6)
    # the gap: 3/6 - 5/6 = -1/3; 1/6 - 4/6 = -1/2
    assert lead["gap_responsible_teachers"] == pytest.approx(-1 / 3)
    assert lead["gap_primary_teachers"] == pytest.approx(-1 / 2)


def test_felt_responsibility_suppresses_small_roles_but_keeps_the_roster_side(
    survey: lm.Survey, roster: lm.Roster
) -> None:
    felt = lm.felt_responsibility(roster, survey=survey)
    small = felt.loc[["principal", "assistant_principal", "instructional_coach"]]
    assert small["suppressed"].all()
    assert (small["suppressed_reason"] == "fewer than 5 respondents").all()
    felt_columns = ["respondents", "share_responsible_teachers", "share_primary_students"]
    assert small[felt_columns].isna().all().all()
    # the roster side is not survey data: the coach coaches (guides) but develops nobody
    coach = felt.loc["instructional_coach"]
    assert (coach["holders"], coach["formal_responsible_teachers"]) == (1, 1.0)
    assert coach["formal_primary_teachers"] == 0.0
    assert pd.isna(coach["gap_responsible_teachers"])


def test_felt_responsibility_suppresses_an_item_answered_by_too_few(
    survey: lm.Survey, roster: lm.Roster
) -> None:
    lead = lm.felt_responsibility(roster, survey=survey, min_group=6).loc["team_lead"]
    # six team leads answered the teachers item, five the students item: only that item goes
    assert not lead["suppressed"]
    assert lead["share_responsible_teachers"] == pytest.approx(0.5)
    assert pd.isna(lead["share_responsible_students"]) and pd.isna(lead["share_primary_students"])
    assert lead["suppressed_reason"] == "responsible_students answered by fewer than 6"


def test_felt_responsibility_without_answers_lists_every_role(roster: lm.Roster) -> None:
    frame = pd.DataFrame({"staff_id": ["T1", "L1"], "recommend": [9, 3]})
    felt = lm.felt_responsibility(roster, survey=lm.read_survey(frame, roster=roster))
    assert felt["suppressed"].all() and felt["respondents"].isna().all()
    assert felt["holders"].tolist() == [1, 1, 6, 1]
    assert str(felt["respondents"].dtype) == "Int64"
    assert str(felt["share_responsible_teachers"].dtype) == "Float64"


def test_felt_responsibility_refuses_a_roster_without_the_respondents(survey: lm.Survey) -> None:
    other = lm.load_sample("green_dot")  # school S-GD, staff GD-...: none of the respondents
    with pytest.raises(lm.RosterError) as caught:
        lm.felt_responsibility(other, survey=survey)
    issues = caught.value.issues
    # 12 identified respondents (L1-L6, C1, P1, T1, T2, T3, T5), none on that roster's staff;
    # their 5 advice ties are checked by the advice functions, not here
    responses = issues[issues["table"] == "responses"]
    assert set(responses["code"]) == {"unknown_staff"} and len(responses) == 12
    assert sorted(responses["staff_id"]) == sorted(
        [f"L{i}" for i in range(1, 7)] + ["C1", "P1", "T1", "T2", "T3", "T5"]
    )
    assert issues["fix"].str.contains("roster=").all()
    # an anonymous response names its school: a school the roster does not have is refused
    anonymous = lm.read_survey(
        pd.DataFrame({"school_id": ["S1"], "role": ["team_lead"], "responsible_teachers": ["yes"]})
    )
    with pytest.raises(lm.RosterError) as caught:
        lm.felt_responsibility(other, survey=anonymous)
    assert caught.value.issues[["field", "value", "code"]].values.tolist() == [
        ["school_id", "S1", "unknown_school"]
    ]


# ------------------------------------------------------------------ the advice overlay


def test_advice_overlay_flags_a_teacher_whose_coach_is_never_nominated(
    survey: lm.Survey, roster: lm.Roster
) -> None:
    overlay = lm.advice_overlay(roster, survey=survey, min_group=1)
    assert isinstance(overlay, AdviceOverlay)
    teachers = overlay.teachers.loc["S1"]
    assert list(teachers.index) == ["T1", "T2", "T3"]  # T5 named nobody
    # T1 and T2 share coach C1 and developer L1; T1 names C1, T2 never does
    assert not teachers.loc["T1", "coach_not_nominated"]
    assert teachers.loc["T2", "coach_not_nominated"]
    assert teachers.loc["T2", "coach_ids"] == "C1" and teachers.loc["T2", "developer_ids"] == "L1"
    assert not teachers.loc["T2", "developer_not_nominated"]
    assert not teachers.loc["T2", "no_formal_leader_nominated"]
    # both miss their evaluator A1; T3 names only a peer: none of L2, A1, C1
    assert teachers["evaluator_not_nominated"].tolist() == [True, True, True]
    assert teachers["no_formal_leader_nominated"].tolist() == [False, False, True]
    assert teachers["nominees"].tolist() == [2, 2, 1]
    assert teachers["nominees_formal"].tolist() == [2, 1, 0]
    assert teachers["nominees_informal"].tolist() == [0, 1, 1]


def test_advice_overlay_leaders_and_schools(survey: lm.Survey, roster: lm.Roster) -> None:
    overlay = lm.advice_overlay(roster, survey=survey, min_group=1)
    leaders = overlay.leaders.loc["S1"]
    l1 = leaders.loc["L1"]
    # L1 develops T1 and T2; both answered and both name L1
    assert (l1["span"], l1["advice_in_degree"], l1["span_answered"], l1["span_confirmed"]) == (
        2,
        2,
        2,
        2,
    )
    assert l1["share_span_confirmed"] == 1.0
    # L2 develops T3 and T4; only T3 answered, and T3 names T4, not L2
    l2 = leaders.loc["L2"]
    assert (l2["span_answered"], l2["span_confirmed"], l2["share_span_confirmed"]) == (1, 0, 0.0)
    assert pd.isna(leaders.loc["L3", "share_span_confirmed"])  # nobody of L3's answered
    # T4 leads nobody on paper but is an adviser: T3 goes to T4, T2 goes to T3, so T4's advice
    # reaches two people and T3's one
    t4 = leaders.loc["T4"]
    assert (t4["span"], t4["advice_in_degree"], t4["advice_reach"]) == (0, 1, 2)
    assert leaders.loc["T3", "advice_reach"] == 1
    assert leaders.loc["C1", "advice_from_outside_span"] == 1  # C1 develops nobody
    school = overlay.schools.loc["S1"]
    # ties: T1-C1, T1-L1, T2-L1, T2-T3, T3-T4 (5); with a formal link: the first three
    assert (school["advice_ties"], school["advice_ties_formal"]) == (5, 3)
    assert school["share_ties_formal"] == pytest.approx(3 / 5)
    # develops links: 8 (L1-L4) + 4 (A1) + 6 (P1) = 18; those of the three teachers who named
    # advisers: L1-T1, L1-T2, L2-T3; confirmed by a tie: L1-T1, L1-T2 -> 2 / 3
    assert (school["develops_links"], school["develops_links_answered"]) == (18, 3)
    assert school["develops_confirmed"] == 2
    assert school["share_develops_confirmed"] == pytest.approx(2 / 3)
    assert school["teachers_no_formal_leader_nominated"] == 1
    # S2 answered nothing but is not surveyed either: only the surveyed school is listed
    assert list(overlay.schools.index) == ["S1"]


def test_advice_overlay_suppresses_small_schools(survey: lm.Survey, roster: lm.Roster) -> None:
    school = lm.advice_overlay(roster, survey=survey).schools.loc["S1"]  # 3 respondents < 5
    assert school["suppressed"] and pd.isna(school["share_develops_confirmed"])
    assert school["respondents_advice"] == 3
    assert school["suppressed_reason"] == "fewer than 5 respondents named advisers"


def test_advice_overlay_reads_a_blank_advice_answer_as_no_answer(roster: lm.Roster) -> None:
    # T1 names C1 (their coach); T3 answers the survey but leaves the advice question blank;
    # T7's only nominee, X1, teaches in S2: that nomination is left out (cross_school_link)
    frame = pd.DataFrame(
        {"staff_id": ["T1", "T3", "T7"], "recommend": [9, 8, 7], "advice_ids": ["C1", None, "X1"]}
    )
    survey = lm.read_survey(frame, roster=roster, strict=False)
    assert survey.issues["code"].tolist() == ["cross_school_link"]
    overlay = lm.advice_overlay(roster, survey=survey, min_group=1)
    # a blank answer cannot be told from a skipped question: T3 and T7 have no tie, so they are
    # not in the teachers table and are not flagged as naming none of their leaders
    assert list(overlay.teachers.index) == [("S1", "T1")]
    t1 = overlay.teachers.loc[("S1", "T1")]
    assert (t1["coach_not_nominated"], t1["developer_not_nominated"]) == (False, True)
    assert not t1["no_formal_leader_nominated"]
    school = overlay.schools.loc["S1"]
    # respondents_advice: T1 only (1). develops links answered: L1-T1 only, not L2-T3 or L4-T7
    # (1); confirmed: 0 (T1 names C1, not L1) -> share 0 / 1 = 0
    assert school["respondents_advice"] == 1
    assert (school["develops_links_answered"], school["develops_confirmed"]) == (1, 0)
    assert school["share_develops_confirmed"] == 0.0
    assert school["teachers_no_formal_leader_nominated"] == 0
    leaders = overlay.leaders.loc["S1"]
    assert leaders.loc["L2", "span_answered"] == 0  # T3's blank neither confirms nor denies L2
    assert pd.isna(leaders.loc["L2", "share_span_confirmed"])


def test_advice_graph_is_a_layer_beside_the_formal_links(
    survey: lm.Survey, roster: lm.Roster
) -> None:
    G = lm.advice_graph(roster, survey=survey)
    advice = sorted((u[1], v[1]) for u, v, k in G.edges(keys=True) if k == "advice")
    # from the adviser to the teacher who names them, like the formal links
    assert advice == [("C1", "T1"), ("L1", "T1"), ("L1", "T2"), ("T3", "T2"), ("T4", "T3")]
    assert G.has_edge(("S1", "C1"), ("S1", "T2"), key="coaches")
    assert not G.has_edge(("S1", "C1"), ("S1", "T2"), key="advice")
    assert len(G.edges) - len(advice) == len(roster.links)


def test_advice_functions_refuse_a_roster_without_the_respondents(survey: lm.Survey) -> None:
    other = lm.load_sample("green_dot")
    with pytest.raises(lm.RosterError) as caught:
        lm.advice_overlay(other, survey=survey)
    assert set(caught.value.issues["code"]) == {"unknown_staff"}


# ------------------------------------------------------------------ bad input


def _bad_rows() -> pd.DataFrame:
    rows = [
        ("T1", None, None, "9", None, None),  # 1 fine: school and role from the roster
        ("T99", None, None, "8", None, None),  # 2 unknown_staff
        (None, "S1", "Wizard", "7", None, None),  # 3 unknown_role
        (None, None, "teacher", "7", None, None),  # 4 missing_value (school)
        (None, "S1", "teacher", "11", None, None),  # 5 score_out_of_range
        (None, "S1", "teacher", "seven", None, None),  # 6 wrong_type
        ("T2", None, None, "6", None, "maybe"),  # 7 invalid_value
        ("T3", None, None, "5", None, None),  # 8 duplicate_staff_id
        ("T3", "S1", None, "4", None, None),  # 9 duplicate_staff_id
        (None, None, None, None, None, None),  # 10 blank_row (skipped)
        (None, "S1", "teacher", "10", "L1", None),  # 11 anonymous_nomination (row kept)
        ("T4", None, None, "9", "T4;ZZ9;L1;L1", None),  # 12 self_link, unknown_staff, duplicate
        ("T5", None, "Principal", "8", None, None),  # 13 role_mismatch (kept, as teacher)
        (None, "S9", "teacher", "3", None, None),  # 14 unknown_school
        ("T6", "S1", None, "2", "X1", None),  # 15 cross_school_link (the tie only)
        ("T7", None, None, "N/A", None, None),  # 16 masked_value: recommend read as blank
    ]
    columns = ["staff_id", "school_id", "role", "recommend", "advice_ids", "responsible_teachers"]
    return pd.DataFrame(rows, columns=columns)


def test_every_problem_is_reported_with_its_row_and_code(roster: lm.Roster) -> None:
    survey = lm.read_survey(_bad_rows(), roster=roster, strict=False)
    issues = survey.issues
    assert set(issues["code"]) <= set(REASON_CODES)
    found = set(zip(issues["row"].astype(int), issues["code"], strict=True))
    assert found == {
        (2, "unknown_staff"),
        (3, "unknown_role"),
        (4, "missing_value"),
        (5, "score_out_of_range"),
        (6, "wrong_type"),
        (7, "invalid_value"),
        (8, "duplicate_staff_id"),
        (9, "duplicate_staff_id"),
        (10, "blank_row"),
        (11, "anonymous_nomination"),
        (12, "self_link"),
        (12, "unknown_staff"),
        (12, "duplicate_link"),
        (13, "role_mismatch"),
        (14, "unknown_school"),
        (15, "cross_school_link"),
        (16, "masked_value"),
    }
    assert issues[["message", "fix", "severity"]].notna().all().all()
    assert issues.loc[issues["code"] != "blank_row", "field"].notna().all()
    unknown_adviser = issues[(issues["row"] == 12) & (issues["code"] == "unknown_staff")]
    assert unknown_adviser[["table", "field", "value"]].values.tolist() == [
        ["nominations", "advice_ids", "ZZ9"]
    ]
    # the response's own role wins only when the roster has none: T5 stays a teacher
    assert survey.responses.set_index("staff_id").loc["T5", "role"] == "teacher"


def test_an_unrecognised_role_text_on_an_identified_response_is_a_warning(
    roster: lm.Roster,
) -> None:
    frame = pd.DataFrame({"staff_id": ["T1"], "role": ["Grade 3 Teacher (ELA)"], "recommend": [9]})
    survey = lm.read_survey(frame, roster=roster, strict=False)
    # the roster gives T1's role (teacher), so the text is not needed: 1 row in, 1 loaded,
    # 0 merged, 0 rejected, 0 blank, with one role_mismatch warning naming the text
    assert survey.accounting().loc["responses"].tolist() == [1, 1, 0, 0, 0]
    issues = survey.issues
    assert issues[["row", "field", "value", "code", "severity"]].values.tolist() == [
        [1, "role", "Grade 3 Teacher (ELA)", "role_mismatch", "warning"]
    ]
    assert "not in the role catalogue" in issues.loc[0, "message"]
    assert "teacher" in issues.loc[0, "message"]
    assert survey.responses["role"].tolist() == ["teacher"]
    assert len(lm.read_survey(frame, roster=roster).responses) == 1  # strict: nothing to raise
    # where the role is needed it is still an error: an anonymous response, no roster, or a
    # respondent the roster does not have (who is rejected as unknown_staff as well)
    anonymous = frame.assign(staff_id=None, school_id="S1")
    assert lm.read_survey(anonymous, roster=roster, strict=False).issues["code"].tolist() == [
        "unknown_role"
    ]
    alone = lm.read_survey(frame.assign(school_id="S1"), strict=False)
    assert alone.issues[["code", "severity"]].values.tolist() == [["unknown_role", "error"]]
    stranger = lm.read_survey(frame.assign(staff_id="T99"), roster=roster, strict=False)
    assert sorted(stranger.issues["code"]) == ["unknown_role", "unknown_staff"]
    assert (stranger.issues["severity"] == "error").all() and stranger.responses.empty


def test_row_accounting_adds_up_and_no_row_is_lost(roster: lm.Roster) -> None:
    survey = lm.read_survey(_bad_rows(), roster=roster, strict=False)
    counts = survey.accounting()
    responses = counts.loc["responses"]
    # 16 rows: 1 blank, 9 rejected (2-9, 14), 6 loaded (1, 11, 12, 13, 15, 16), none merged
    assert list(counts.columns) == [
        "rows_in",
        "rows_loaded",
        "rows_merged",
        "rows_rejected",
        "rows_blank",
    ]
    assert responses.tolist() == [16, 6, 0, 9, 1]
    assert responses["rows_in"] == responses.drop("rows_in").sum()
    # rows are numbered R01..R16 without a response_id column: the loaded ones are exactly these
    assert sorted(survey.responses["response_id"]) == ["R01", "R11", "R12", "R13", "R15", "R16"]
    errors = survey.issues[survey.issues["severity"] == "error"]
    rejected = {r for r in range(1, 17)} - {1, 10, 11, 12, 13, 15, 16}
    assert rejected <= set(errors.loc[errors["table"] == "responses", "row"].astype(int))
    # nominations: L1 on row 11 (anonymous), T4 ZZ9 L1 L1 on row 12, X1 on row 15 -> 6 in;
    # the first L1 on row 12 loaded (1 tie), the second merged into it (1, as the activity log
    # counts an exact repeat); T4, ZZ9, X1 and the anonymous L1 rejected (4): 1 + 1 + 4 + 0 = 6
    nominations = counts.loc["nominations"]
    assert nominations.tolist() == [6, 1, 1, 4, 0]
    assert nominations["rows_loaded"] == len(survey.advice)
    assert nominations["rows_in"] == nominations.drop("rows_in").sum()
    assert survey.advice[["staff_id", "adviser_id"]].values.tolist() == [["T4", "L1"]]
    assert pd.isna(survey.responses.set_index("staff_id").loc["T7", "recommend"])


def test_strict_mode_raises_with_every_error(roster: lm.Roster) -> None:
    with pytest.raises(lm.RosterError) as caught:
        lm.read_survey(_bad_rows(), roster=roster)
    errors = caught.value.issues[caught.value.issues["severity"] == "error"]
    # rows 2-9, 14 and 15 have one error each, row 12 two (self_link, unknown adviser)
    assert len(errors) == 12 and errors["row"].notna().all()


def test_without_a_roster_every_response_needs_school_and_role() -> None:
    frame = pd.DataFrame(
        {"staff_id": ["T1", "T2", None], "school_id": ["S1", None, "S1"], "role": [None, "x", "AP"]}
    ).assign(recommend=7)
    survey = lm.read_survey(frame, strict=False)
    codes = sorted(zip(survey.issues["row"], survey.issues["code"], strict=True))
    assert codes == [(1, "missing_value"), (2, "missing_value"), (2, "unknown_role")]
    assert survey.responses["role"].tolist() == ["assistant_principal"]


def test_structural_problems_raise_even_when_not_strict() -> None:
    with pytest.raises(lm.RosterError) as caught:
        lm.read_survey(pd.DataFrame({"recommend": [9]}), strict=False)
    assert set(caught.value.issues["code"]) == {"missing_column"}
    with pytest.raises(lm.RosterError, match="missing_column"):
        lm.read_survey(pd.DataFrame({"school_id": ["S"], "role": ["teacher"]}), strict=False)
    with pytest.raises(lm.RosterError, match="empty_file"):
        lm.read_survey(pd.DataFrame({"school_id": [], "role": [], "recommend": []}))
    with pytest.raises(lm.DefinitionError, match="not a leadmodel column") as caught:
        lm.read_survey(pd.DataFrame({"A": [1]}), column_map={"A": "score"})
    assert "recommend" in str(caught.value) and "advice_id_1" in str(caught.value)
    with pytest.raises(lm.DefinitionError, match="answer_map"):
        lm.read_survey(pd.DataFrame({"A": [1]}), answer_map={"Agree": "maybe"})


def test_numbered_advice_columns_are_survey_columns() -> None:
    # numbered advice columns are survey columns, whatever their number
    frame = pd.DataFrame({"S": ["S1"], "R": ["teacher"], "Adviser": ["x"], "Q": [9]})
    column_map = {"S": "school_id", "R": "role", "Adviser": "advice_id_12", "Q": "recommend"}
    survey = lm.read_survey(frame, column_map=column_map, strict=False)
    assert survey.issues["code"].tolist() == ["anonymous_nomination"]


def test_duplicate_response_ids_are_all_rejected() -> None:
    frame = pd.DataFrame(
        {"response_id": ["a", "a", "b"], "school_id": "S", "role": "teacher", "recommend": 9}
    )
    survey = lm.read_survey(frame, strict=False)
    assert survey.issues["code"].tolist() == ["duplicate_response_id"] * 2
    assert survey.responses["response_id"].tolist() == ["b"]


def test_reading_a_file_with_its_own_headers(tmp_path: Path, roster: lm.Roster) -> None:
    path = tmp_path / "survey.csv"
    path.write_text(
        "Resp,Staff ID,Q recommend,Q1 teachers,Adviser 1,Adviser 2\n"
        "r1,T1,9,,C1,L1\n"
        "r2,L1,10,Strongly agree,,\n"
        "r3,L2,4,Disagree,,\n",
        encoding="utf-8",
    )
    survey = lm.read_survey(
        path,
        roster=roster,
        column_map={
            "Resp": "response_id",
            "Q recommend": "recommend",
            "Q1 teachers": "responsible_teachers",
            "Adviser 1": "advice_id_1",
            "Adviser 2": "advice_id_2",
        },
        answer_map={"Strongly agree": "primary", "Disagree": "no"},
    )
    assert survey.issues.empty and survey.source["name"] == "survey.csv"
    assert survey.responses["responsible_teachers"].tolist() == [pd.NA, "primary", "no"]
    assert survey.responses["role"].tolist() == ["teacher", "team_lead", "team_lead"]
    assert survey.advice["adviser_id"].tolist() == ["C1", "L1"]
    assert "<NA>" not in repr(survey) and repr(survey).startswith("<Survey: 3 responses")


# ------------------------------------------------------------------ invariants


@st.composite
def surveys(draw: st.DrawFn) -> pd.DataFrame:
    n = draw(st.integers(1, 60))
    return pd.DataFrame(
        {
            "school_id": draw(st.lists(st.sampled_from("ABCDE"), min_size=n, max_size=n)),
            "role": draw(
                st.lists(
                    st.sampled_from(["teacher", "team_lead", "assistant_principal"]),
                    min_size=n,
                    max_size=n,
                )
            ),
            "recommend": draw(st.lists(st.none() | st.integers(0, 10), min_size=n, max_size=n)),
            "responsible_teachers": draw(
                st.lists(
                    st.none() | st.sampled_from(["no", "yes", "primary"]), min_size=n, max_size=n
                )
            ),
        }
    ).astype({"recommend": "Int64"})


@pytest.mark.slow  # a property test (5 s)
@settings(max_examples=60, deadline=None)
@given(
    frame=surveys(),
    by=st.sampled_from([None, "school", "role", "category"]),
    min_group=st.integers(1, 8),
    confidence=st.floats(0.5, 0.999),
)
def test_nps_invariants(
    frame: pd.DataFrame, by: str | None, min_group: int, confidence: float
) -> None:
    table = lm.net_promoter_score(
        lm.read_survey(frame), by=by, min_group=min_group, confidence=confidence
    )
    shown = table[~table["suppressed"]]
    assert ((shown["nps"] >= -100) & (shown["nps"] <= 100)).all()
    assert ((shown["nps_low"] <= shown["nps"]) & (shown["nps"] <= shown["nps_high"])).all()
    assert ((shown["nps_low"] >= -100) & (shown["nps_high"] <= 100)).all()
    # a Wald interval has zero width exactly when it is flagged; the flag of a hidden group is
    # withheld with its figures
    width_zero = shown["nps_high"] == shown["nps_low"]
    assert (shown["interval_degenerate"] == width_zero).all()
    assert table.loc[table["suppressed"], "interval_degenerate"].isna().all()
    parts = shown["promoters"] + shown["passives"] + shown["detractors"]
    assert (parts == shown["respondents"]).all()
    assert (shown["respondents"] >= min_group).all()
    # what is hidden is never fewer than min_group answers, so no subtraction reveals it
    answered = frame[frame["recommend"].notna()]
    key = {"school": "school_id", "role": "role", None: None, "category": "role"}[by]
    if key is None:
        true_n = pd.Series({"all": len(answered)}) if len(answered) else pd.Series(dtype=int)
    else:
        values = answered[key].map(lm.roles.ROLE_CATEGORY) if by == "category" else answered[key]
        true_n = values.value_counts()
    hidden = int(true_n.reindex(table.index[table["suppressed"]]).fillna(0).sum())
    assert hidden == 0 or hidden >= min_group or shown.empty
    assert set(true_n.index) == set(table.index)  # every group listed, shown or not


@pytest.mark.slow  # a property test of 40 surveys (14 s)
@settings(max_examples=40, deadline=None)
@given(frame=surveys(), data=st.data(), min_group=st.integers(1, 6))
def test_results_do_not_depend_on_row_order(
    frame: pd.DataFrame, data: st.DataObject, min_group: int
) -> None:
    order = data.draw(st.permutations(range(len(frame))))
    shuffled = frame.iloc[list(order)].reset_index(drop=True)
    for by in (None, "school", "role"):
        pd.testing.assert_frame_equal(
            lm.net_promoter_score(lm.read_survey(frame), by=by, min_group=min_group),
            lm.net_promoter_score(lm.read_survey(shuffled), by=by, min_group=min_group),
        )


@pytest.mark.slow  # a property test (6 s)
@settings(max_examples=40, deadline=None)
@given(frame=surveys(), min_group=st.integers(1, 8))
def test_felt_responsibility_never_shows_a_small_group(
    frame: pd.DataFrame, min_group: int, roster: lm.Roster
) -> None:
    frame = frame.assign(school_id="S1")
    felt = lm.felt_responsibility(roster, survey=lm.read_survey(frame), min_group=min_group)
    shown = felt[~felt["suppressed"]]
    assert (shown["respondents"] >= min_group).all()
    visible = shown["share_responsible_teachers"].notna()
    assert (shown.loc[visible, "answered_teachers"] >= min_group).all()
    shares = felt[["share_responsible_teachers", "share_primary_teachers"]].dropna()
    assert (shares["share_primary_teachers"] <= shares["share_responsible_teachers"]).all()


# ------------------------------------------------------------------ plots


def test_plot_nps_draws_shown_groups_and_names_suppressed_ones() -> None:
    table = lm.net_promoter_score(_scores_survey(), by="school")
    ax = lm.plot_nps(table)
    points = next(line for line in ax.lines if line.get_gid() == "nps")
    assert list(points.get_xdata()) == [25.0]  # only A is drawn
    interval = next(c for c in ax.collections if c.get_gid() == "nps_interval")
    [segment] = interval.get_segments()  # from the bounds: 25 -+ 57.4565
    assert segment[:, 0].tolist() == pytest.approx([-32.45654, 82.45654], abs=1e-4)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert sorted(labels) == ["A", "B (suppressed)", "C (suppressed)"]
    assert {line.get_gid() for line in ax.lines} >= {"teachers_surveyed", "denver_pilot", "sanger"}
    assert "2 of 3 groups suppressed" in ax.get_title()


def test_plot_nps_draws_an_adjusted_interval_that_leaves_out_the_score() -> None:
    frame = pd.DataFrame({"school_id": ["A"], "role": ["teacher"], "recommend": [10]})
    table = lm.net_promoter_score(
        lm.read_survey(frame), by="school", method="adjusted_wald", min_group=1
    )
    # one promoter: nps = 100. Adjusted: n + 3 = 4, p = 1.75 / 4 = 0.4375, d = 0.75 / 4 = 0.1875,
    # centre 25, se = 100 x sqrt((0.625 - 0.0625) / 4) = 37.5; 25 -+ 1.96 x 37.5 = 25 -+ 73.4986:
    # [-48.4986, 98.4986], which leaves out the score 100
    a = table.loc["A"]
    assert (a["nps"], a["nps_se"]) == (100.0, pytest.approx(37.5))
    assert (a["nps_low"], a["nps_high"]) == pytest.approx((25 - Z95 * 37.5, 25 + Z95 * 37.5))
    ax = lm.plot_nps(table)
    interval = next(c for c in ax.collections if c.get_gid() == "nps_interval")
    [segment] = interval.get_segments()
    assert segment[:, 0].tolist() == pytest.approx([25 - Z95 * 37.5, 25 + Z95 * 37.5])
    point = next(line for line in ax.lines if line.get_gid() == "nps")
    assert list(point.get_xdata()) == [100.0]


def test_plot_nps_marks_zero_width_intervals() -> None:
    rows = [("U", 10)] * 5 + [("M", s) for s in (10, 9, 9, 8, 3, 0)]
    frame = pd.DataFrame(rows, columns=["school_id", "recommend"]).assign(role="teacher")
    ax = lm.plot_nps(lm.net_promoter_score(lm.read_survey(frame), by="school"))
    # M (first, on top: y = 1) has a real interval; U (5 of 5 promoters, y = 0) a zero-width one
    drawn = {line.get_gid(): list(line.get_xdata()) for line in ax.lines if line.get_gid()}
    assert drawn["nps"] == pytest.approx([100 * (3 - 2) / 6])
    assert drawn["nps_zero_width"] == [100.0]
    assert "zero-width" in " ".join(t.get_text() for t in ax.get_legend().get_texts())


def test_plot_felt_responsibility_bars(survey: lm.Survey, roster: lm.Roster) -> None:
    ax = lm.plot_felt_responsibility(lm.felt_responsibility(roster, survey=survey))
    # four roles x two roster bars, plus two felt bars for the one role shown (team leads)
    assert len(ax.patches) == 4 * 2 + 2
    widths = sorted(round(p.get_width(), 2) for p in ax.patches)
    assert 50.0 in widths and 16.67 in widths  # team leads: 3/6 and 1/6 as felt
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "team lead" in labels and "principal\n(suppressed)" in labels


def test_plot_advice_overlay_marks_teachers_and_ties(survey: lm.Survey, roster: lm.Roster) -> None:
    ax = lm.plot_advice_overlay(roster, survey=survey, school_id="S1")
    ties = next(c for c in ax.collections if c.get_gid() == "advice")
    assert len(ties.get_segments()) == 5
    by_status = {c.get_gid(): len(c.get_offsets()) for c in ax.collections if c.get_gid()}
    # T1 names all but evaluator A1 (misses one), T2 misses coach and evaluator, T3 names none;
    # the nine others (T4-T12) named nobody
    assert by_status["names none of their formal leaders"] == 1
    assert by_status["misses some of their formal leaders"] == 2
    assert by_status["named no adviser"] == 9
    assert "1 of 3 teachers" in ax.get_title()


def _one_school() -> lm.Roster:
    """School S: principal P develops and evaluates T1; teachers T2 and T3 have no developer,
    evaluator or coach on the roster."""
    staff = pd.DataFrame(
        {
            "staff_id": ["P", "T1", "T2", "T3"],
            "school_id": "S",
            "role": ["principal", "teacher", "teacher", "teacher"],
        }
    )
    links = pd.DataFrame(
        {"leader_id": ["P", "P"], "staff_id": ["T1", "T1"], "relation": ["develops", "evaluates"]}
    )
    return lm.read_roster(staff, links=links)


def test_plot_advice_overlay_gives_teachers_without_a_formal_leader_their_own_colour() -> None:
    roster = _one_school()
    # T1 names P, their developer and evaluator: names all. T2 names T1 but has no developer,
    # evaluator or coach to name: no formal leader (before: drawn as "names all"). T3 names no one.
    frame = pd.DataFrame(
        {"staff_id": ["T1", "T2", "T3"], "advice_ids": ["P", "T1", None], "recommend": [9, 8, 7]}
    )
    ax = lm.plot_advice_overlay(roster, survey=lm.read_survey(frame, roster=roster))
    by_status = {
        c.get_gid(): len(c.get_offsets()) for c in ax.collections if c.get_gid() in ADVICE_STATUS
    }
    assert by_status == {
        "names all their formal leaders": 1,
        "misses some of their formal leaders": 0,
        "names none of their formal leaders": 0,
        "no formal leader": 1,
        "named no adviser": 1,
    }
    drawn = ("no formal leader", "names all their formal leaders")
    colours = {
        c.get_gid(): c.get_facecolor()[0].tolist() for c in ax.collections if c.get_gid() in drawn
    }
    assert colours[drawn[0]] != colours[drawn[1]]
    # the title counts teachers who could name a formal leader: T1 only, who names P
    assert "0 of 1 teachers" in ax.get_title() and "1 named advisers but has no" in ax.get_title()


def test_plot_advice_overlay_goes_through_advice_overlay(
    survey: lm.Survey, roster: lm.Roster, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("Survey constructed outside read_survey")

    monkeypatch.setattr(lm.Survey, "__init__", refuse)
    ax = lm.plot_advice_overlay(roster, survey=survey, school_id="S1")
    assert "S1" in ax.get_title()
    monkeypatch.undo()
    with pytest.raises(lm.DefinitionError, match="S7"):
        lm.plot_advice_overlay(roster, survey=survey, school_id="S7")
    with pytest.raises(lm.RosterError):  # the survey is checked against the roster
        lm.plot_advice_overlay(lm.load_sample("green_dot"), survey=survey)


@pytest.mark.parametrize("name", ["plot_nps", "plot_felt_responsibility", "plot_advice_overlay"])
def test_survey_plot_docstrings_have_runnable_examples(name: str) -> None:
    module = importlib.import_module("leadmodel.plot")
    [test] = doctest.DocTestFinder().find(getattr(module, name), name, globs={})
    sources = [example.source for example in test.examples]
    assert sources, f"{name} has no Examples"
    assert not any(word in s for s in sources for word in ("show(", "savefig("))
    flags = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS
    result = doctest.DocTestRunner(optionflags=flags).run(test)
    assert result.failed == 0


# ------------------------------------------------------------------ the sample and the docs


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_survey_sample", ROOT / "data" / "make_survey_sample.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sample_survey_is_clean_small_and_shows_denver_above_traditional() -> None:
    survey = lm.load_sample("district_survey")
    assert survey.issues.empty
    counts = survey.accounting()
    assert (counts["rows_in"] == counts["rows_loaded"]).all()
    nps = lm.net_promoter_score(survey, by="model", roles=["teacher", "teacher_leader"])["nps"]
    # built around the report: -18 for teachers overall, 47 points higher in Denver's pilots
    assert nps["denver"] > nps["traditional"] + 40
    assert nps["traditional"] == pytest.approx(-18, abs=3)
    assert nps["denver"] == pytest.approx(29, abs=3)
    felt = lm.felt_responsibility(lm.load_sample("district"), survey=survey)
    assert felt.loc["chair", "share_responsible_teachers"] == pytest.approx(0.22, abs=0.01)
    folder = lm.sample_path("district_survey")
    assert sum(p.stat().st_size for p in folder.iterdir()) < 1_000_000
    assert "SYNTHETIC" in lm.list_samples().loc["district_survey", "description"]
    assert lm.list_samples().loc["district_survey", "kind"] == "survey"


def test_sample_survey_is_regenerated_byte_for_byte() -> None:
    import io

    module = _generator()
    rows = module.survey_rows(lm.load_sample("district"))
    text = io.StringIO()
    writer = module.csv.DictWriter(text, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    shipped = (lm.sample_path("district_survey") / "survey.csv").read_text(encoding="utf-8")
    assert text.getvalue() == shipped


def test_every_survey_column_is_in_the_glossary(survey: lm.Survey, roster: lm.Roster) -> None:
    glossary = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    overlay = lm.advice_overlay(roster, survey=survey)
    frames = [
        survey.responses,
        survey.advice,
        survey.schools,
        survey.accounting().reset_index(),
        lm.net_promoter_score(survey).reset_index(),
        lm.felt_responsibility(roster, survey=survey).reset_index(),
        overlay.teachers.reset_index(),
        overlay.leaders.reset_index(),
        overlay.schools.reset_index(),
    ]
    missing = sorted({c for f in frames for c in f.columns if f"`{c}`" not in glossary})
    assert missing == []
    codes = ["score_out_of_range", "duplicate_response_id", "role_mismatch", "anonymous_nomination"]
    assert all(f"`{code}`" in glossary for code in codes)
