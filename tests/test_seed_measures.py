"""Seed measures: role proliferation, students per leader, leaders nobody develops, collaboration
time from the log and the cost per teacher coached at dosage. Worked out by hand."""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings

import leadmodel as lm
from tests.strategies import rosters

YEAR = ("2024-09-02", "2024-12-01")  # 91 days


@functools.cache
def school() -> lm.Roster:
    """P1 and A1; Team Leads L1 (team TM1: T1, T2; title 'Grade 1 Lead') and L2 (TM2: T3, on
    0.5 FTE); a coach C1 (title 'Literacy Coach') who coaches L1, L2; an ILT; 300 students."""
    staff = pd.DataFrame(
        [
            ("P1", "principal", None, None, 1.0),
            ("A1", "assistant_principal", None, None, 1.0),
            ("C1", "instructional_coach", None, "Literacy Coach", 1.0),
            ("L1", "team_lead", "TM1", "Grade 1 Lead", 1.0),
            ("T1", "teacher", "TM1", None, 1.0),
            ("T2", "teacher", "TM1", None, 1.0),
            ("L2", "team_lead", "TM2", "Grade 2 Lead", 1.0),
            ("T3", "teacher", "TM2", None, 0.5),
        ],
        columns=["staff_id", "role", "team_id", "title", "fte"],
    ).assign(school_id="S1", release_fte=[None, None, None, 0.5, None, None, 0.5, None])
    links = [
        ("A1", "L1", "develops"),
        ("A1", "L2", "develops"),
        ("L1", "T1", "develops"),
        ("L1", "T2", "develops"),
        ("L2", "T3", "develops"),
        ("C1", "L1", "coaches"),
        ("C1", "L2", "coaches"),
        ("L1", "T1", "coaches"),
        ("L1", "T2", "coaches"),
    ]
    teams = pd.DataFrame(
        {
            "school_id": "S1",
            "team_id": ["TM1", "TM2", "S1-ILT"],
            "lead_id": ["L1", "L2", "P1"],
            "basis": ["grade", "grade", "ilt"],
        }
    )
    return lm.read_roster(
        staff,
        links=pd.DataFrame(links, columns=["leader_id", "staff_id", "relation"]),
        teams=teams,
        schools=pd.DataFrame({"school_id": ["S1"], "enrollment": [300]}),
    )


def test_role_proliferation_by_hand() -> None:
    row = lm.role_proliferation(school()).loc["S1"]
    # leadership positions other than the principal: A1, C1, L1, L2 = 4, for 1 principal
    assert (row["principals"], row["leadership_positions"]) == (1, 4)
    assert row["leadership_positions_per_principal"] == 4.0
    # role types: 'assistant_principal' (no title), 'literacy coach', 'grade 1 lead',
    # 'grade 2 lead' (titles as written, case and punctuation aside) = 4
    assert row["leadership_role_types"] == 4
    # teachers: L1, T1, T2, L2, T3 = 5; two of them hold a teacher-leader role: 2 / 5
    assert (row["teachers"], row["teachers_with_leadership_role"]) == (5, 2)
    assert row["share_teachers_with_leadership_role"] == pytest.approx(0.4)


def test_the_sample_district_is_far_from_the_reports_proliferation() -> None:
    # the report: about 40 role types held by more than 35% of teachers; 12 extra positions per
    # principal. The sample district has no titles: 5 roles, 18.6% of teachers, 9.7 per
    # principal (1,790 positions / 185 principals)
    row = lm.role_proliferation(lm.load_sample("district"), by="district_id").loc["SD"]
    assert row["leadership_role_types"] == 5
    assert row["leadership_positions_per_principal"] == pytest.approx(1_790 / 185)
    assert row["share_teachers_with_leadership_role"] == pytest.approx(1_379 / 7_425)


def test_students_per_leader_by_hand() -> None:
    table = lm.students_per_leader(school()).droplevel("school_id")
    # teacher FTE: L1 1 + T1 1 + T2 1 + L2 1 + T3 0.5 = 4.5; 300 students shared by FTE
    assert table.loc["L1", "students"] == pytest.approx(300 * 2 / 4.5)  # T1, T2
    assert table.loc["L2", "students"] == pytest.approx(300 * 0.5 / 4.5)  # T3
    assert table.loc["A1", "students"] == pytest.approx(300 * 2 / 4.5)  # L1, L2
    summary = lm.school_summary(school()).loc["S1"]
    assert summary["max_students_per_leader"] == pytest.approx(300 * 2 / 4.5)
    unknown = lm.students_per_leader(lm.load_sample("urban_220_observations"))
    assert unknown["students"].isna().all()  # the report gives no enrollment: not 0


def test_leaders_nobody_develops() -> None:
    table = lm.undeveloped_leaders(school()).droplevel("school_id")
    # A1 develops L1 and L2, C1 coaches them; nobody develops A1 or C1 (the principal is left
    # out: developed from outside the school)
    assert table.loc[["L1", "L2"], "developed_by"].tolist() == ["A1, C1", "A1, C1"]
    assert table.loc[["A1", "C1"], "developed_by"].isna().all()
    assert table["developed"].to_dict() == {"A1": False, "C1": False, "L1": True, "L2": True}
    assert lm.school_summary(school()).loc["S1", "leaders_not_developed"] == 2


def _log(rows: list[tuple[object, ...]]) -> lm.ActivityLog:
    columns = ["date", "leader_id", "teacher_id", "kind", "minutes", "focus", "session_id"]
    frame = pd.DataFrame(rows, columns=[*columns, "team_id"]).assign(school_id="S1")
    return lm.read_log(frame, roster=school(), school_year=YEAR)


def test_collaboration_time_from_team_meetings() -> None:
    log = _log(
        [
            # TM1 meets twice for 60 minutes (everyone: L1, T1, T2); TM2 once for 45 (L2, T3)
            ("2024-09-03", "L1", None, "meeting", 60, None, None, "TM1"),
            ("2024-09-10", "L1", None, "meeting", 60, None, None, "TM1"),
            ("2024-09-04", "L2", None, "meeting", 45, None, None, "TM2"),
            # a meeting naming a teacher counts for that teacher only
            ("2024-09-11", "L2", "T3", "meeting", 30, None, None, "TM2"),
            # the ILT's meetings are not team collaboration
            ("2024-09-05", "P1", None, "meeting", 90, None, None, "S1-ILT"),
            ("2024-09-30", "C1", "T1", "coaching", 30, None, None, None),
        ]
    )
    # measured to the log's last event, 30 September: 29 days, 29 / 30.4375 months
    time = lm.collaboration_time(school(), log=log)
    teachers = time.teachers.droplevel("school_id")
    months = 29 / (365.25 / 12)
    assert teachers.loc["T1", "minutes"] == 120 and teachers.loc["T3", "minutes"] == 75
    assert teachers.loc["T1", "hours_per_month"] == pytest.approx(2 / months)
    assert teachers.loc["L2", "meetings"] == 1 and teachers.loc["T3", "meetings"] == 2
    school_row = time.schools.loc["S1"]
    # minutes: L1 120, T1 120, T2 120, L2 45, T3 75 = 480 over 5 teachers: 96 minutes each
    assert school_row["mean_hours_per_month"] == pytest.approx(96 / 60 / months)
    assert school_row["teachers_meeting"] == 5
    # a second membership (T3 on TM1 as well) adds TM1's two meetings to T3
    extra = pd.DataFrame({"school_id": ["S1"], "team_id": ["TM1"], "staff_id": ["T3"]})
    with_extra = lm.collaboration_time(school(), log=log, members=extra).teachers
    assert with_extra.loc[("S1", "T3"), "minutes"] == 75 + 120


def test_the_log_sample_plants_the_reports_four_hours() -> None:
    sample = lm.load_sample("district_log")
    schools = lm.collaboration_time(sample.roster, log=sample.log).schools
    model = sample.roster.schools.set_index("school_id")["model"]
    by_model = schools.join(model).groupby("model")["mean_hours_per_month"].mean()
    # the report: "four hours a month to collaborate"; the sample's traditional schools meet
    # weekly for 65 minutes, Denver-style teams twice a week for 45
    assert by_model["traditional"] == pytest.approx(4.0, abs=0.2)
    assert by_model["denver"] > by_model["traditional"]


def test_cost_per_teacher_coached_at_dosage_by_hand() -> None:
    # T1 and T2 are coached every week from 2 September to 1 December (13 one-to-one sessions
    # with a focus): individualized, intensive, sustained and focused; T3 is never coached
    rows = [
        (
            str(pd.Timestamp("2024-09-02") + pd.Timedelta(days=7 * w))[:10],
            "L1",
            t,
            "coaching",
            30,
            "questioning",
            None,
            None,
        )
        for w in range(13)
        for t in ("T1", "T2")
    ]
    log = _log(rows)
    table = lm.cost_per_teacher_coached(school(), log=log, as_of="2024-12-01")
    row = table.loc["S1"]
    assert (row["teachers"], row["teachers_coached"], row["teachers_at_dosage"]) == (5, 2, 2)
    # who coaches teachers: L1 only (C1 coaches the leads, who are teachers too: also counted).
    # L1: 5,000 supplement + 0.5 x 60,000 backfill = 35,000 x 1.3 = 45,500 x 1/3 (a Team
    # Lead's observation share) = 15,166.67; C1: 65,000 x 1.3 = 84,500 x 0.5 = 42,250.
    # The year measured is the whole school year (91 of 91 days): 57,416.67 / 2 teachers
    per_year = 45_500 / 3 + 84_500 * 0.5
    assert row["coaching_cost"] == pytest.approx(per_year)
    assert row["cost_per_teacher_coached"] == pytest.approx(per_year / 2)
    # halfway through (to day 45, 14 October): the cost is prorated, the rate per year is not
    half = lm.cost_per_teacher_coached(school(), log=log, as_of="2024-10-16").loc["S1"]
    assert half["coaching_cost"] == pytest.approx(per_year * 45 / 91)


@settings(max_examples=25, deadline=None)
@given(rosters())
def test_measures_stay_within_their_bounds(roster: lm.Roster) -> None:
    table = lm.role_proliferation(roster)
    held = table["teachers_with_leadership_role"]
    assert (held <= table["teachers"]).all()
    assert (table["share_teachers_with_leadership_role"].dropna() <= 1).all()
    shares = lm.students_per_leader(roster)["share_of_students"]
    assert ((shares > 0) & (shares <= 1 + 1e-9)).all()
    undeveloped = lm.undeveloped_leaders(roster)
    assert (undeveloped["developed"] == undeveloped["developed_by"].notna()).all()


def test_every_new_column_is_in_the_glossary() -> None:
    glossary = (Path(__file__).resolve().parents[1] / "docs" / "glossary.md").read_text("utf-8")
    log = _log([("2024-09-03", "L1", None, "meeting", 60, None, None, "TM1")])
    time = lm.collaboration_time(school(), log=log)
    frames = [
        time.teachers.reset_index(),
        time.schools.reset_index(),
        lm.cost_per_teacher_coached(school(), log=log).reset_index(),
    ]
    missing = sorted({c for f in frames for c in f.columns if f"`{c}`" not in glossary})
    assert missing == []
