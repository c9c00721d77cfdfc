"""The shipped samples match the schools the research describes."""

from __future__ import annotations

import pandas as pd
import pytest

import leadmodel as lm


def _developees(roster: lm.Roster) -> pd.Series:
    develops = roster.links[roster.links["relation"] == "develops"]
    return develops.groupby("leader_id").size()


@pytest.mark.parametrize("name", sorted(lm.list_samples().index))
def test_every_sample_loads_cleanly(name: str) -> None:
    sample = lm.load_sample(name)
    if isinstance(sample, lm.datasets.PlanSample):
        loaded = [sample.roster]
        # the one initiative planted without hours: warnings, its hours unknown (never 0)
        assert set(sample.plan.issues["code"]) == {"hours_unknown"}
        assert sample.plan.issues["severity"].eq("warning").all()
    elif isinstance(sample, tuple):
        loaded = list(sample)  # a log sample's parts, a series sample's series and log
    else:
        loaded = [sample]
    assert all(part.issues.empty for part in loaded)
    kinds = {
        lm.Roster: "roster",
        lm.Survey: "survey",
        lm.datasets.LogSample: "log",
        lm.datasets.PlanSample: "plan",
        lm.datasets.SeriesSample: "series",
    }
    assert lm.list_samples().loc[name, "kind"] == kinds[type(sample)]
    assert lm.list_samples().loc[name, "source"]


def test_traditional_school_numbers() -> None:
    roster = lm.load_sample("traditional_elementary")
    row = lm.school_summary(roster).loc["S-TRAD"]
    # 54 teachers, 93 adults, 570 students; principal and AP develop 27 each (54 / 2)
    assert (row["teachers"], row["staff"], row["enrollment"]) == (54, 93, 570)
    roles = roster.staff.set_index("staff_id")["role"]
    counts = _developees(roster)
    assert sorted(counts[roles[counts.index].isin(["principal", "assistant_principal"])]) == [
        27,
        27,
    ]


def test_green_dot_no_leader_above_thirteen() -> None:
    counts = _developees(lm.load_sample("green_dot"))
    assert counts.max() <= 13  # the report: none of the three leaders has more than 13
    assert counts.sum() == 33 and len(counts) == 3  # principal + 2 APs share all 33 teachers


def test_kipp_aps_have_eight_each() -> None:
    roster = lm.load_sample("kipp_sunshine_peak")
    roles = roster.staff.set_index("staff_id")["role"]
    counts = _developees(roster)
    assert counts[roles[counts.index] == "assistant_principal"].tolist() == [8, 8]
    assert sorted(counts[roles[counts.index] == "team_lead"]) == [1, 1, 2, 2]


def test_hr_export_gets_an_evaluator_for_every_teacher() -> None:
    raw = lm.read_roster(
        lm.sample_path("hr_export") / "hr_export.csv",
        column_map=lm.datasets.HR_EXPORT_COLUMN_MAP,
        role_map=lm.datasets.HR_EXPORT_ROLE_MAP,
    )
    assert raw.links.empty and "Hire Date" in raw.staff.columns
    roster = lm.infer_links(raw)
    summary = lm.school_summary(roster)
    assert (summary["teachers_with_evaluator"] == summary["teachers"]).all()
    assert roster.source["link_rule"] == "principal_ap_split"
    assert set(roster.links["source"]) == {"inferred:principal_ap_split"}


def test_load_sample_unknown_name() -> None:
    with pytest.raises(lm.DefinitionError, match="list_samples"):
        lm.load_sample("nope")


def test_kipp_before_and_after_the_redesign() -> None:
    before = lm.load_sample("kipp_sunshine_peak_before")
    load = lm.observation_load(before, policy="kipp_sunshine_peak_9")
    principal = load.loc[("S-KIPP", "KIPP-P01")]
    # the report: "observing each of her 26 teachers nine times a year": 26 x 9 = 234
    assert principal["observations"] == 26 * 9 == 234
    # 234 visits x 45 min = 175.5 h against 220 x 9 x 0.077 = 152.46 h: over capacity
    assert principal["hours_required"] == pytest.approx(234 * 45 / 60)
    assert principal["utilisation"] == pytest.approx(175.5 / 152.46)
    assert load.loc[load["observations"] > 0].index.get_level_values("leader_id").tolist() == [
        "KIPP-P01"
    ]
    after = lm.apply_model(before, "kipp")
    spans = lm.span_of_control(after)
    by_role = spans[spans["span"] > 0].groupby("role")["span"].apply(sorted).to_dict()
    # 26 teachers: two APs x 8 = 16; the other 10 are 4 teacher leaders and the 6 they lead,
    # one at a time in turn: 2, 2, 1, 1; the principal develops the four leads and the two APs
    # ("coaching the coaches")
    assert by_role == {
        "assistant_principal": [8, 8],
        "principal": [6],
        "team_lead": [1, 1, 2, 2],
    }
    assert lm.compliance(after, "kipp").schools.loc["S-KIPP", "score"] == 1.0
    assert len(after.staff) == len(before.staff)  # the two APs were there: nobody added


def test_sanger_sample_meets_the_sanger_model_and_ties_with_denver() -> None:
    roster = lm.load_sample("sanger_plc")
    assert lm.compliance(roster, "sanger").schools.loc["S-SAN", "score"] == 1.0
    spans = lm.span_of_control(roster)
    assert spans.loc[spans["role"] == "team_lead", "span"].tolist() == [5] * 6
    # structurally Sanger and Denver ask the same of Team Leads: a reported tie
    row = lm.classify_model(roster).loc["S-SAN"]
    assert row["tie"] and {row["closest_model"], row["tied_with"]} == {"denver", "sanger"}


def test_the_220_observations_example_as_the_report_gives_it() -> None:
    roster = lm.load_sample("urban_220_observations")
    load = lm.observation_load(roster).droplevel("school_id")
    leaders = load.loc[["U220-P01", "U220-A01"]]
    # 20 teachers each x (10 spot + 1 formal) = 220 observations, "nearly 220" in the report
    assert leaders["observations"].tolist() == [220.0, 220.0]
    # 20 x 10.5 h = 210 h against 152.46 h: over capacity (1.38)
    assert leaders["utilisation"].tolist() == pytest.approx([210 / 152.46] * 2)
    assert leaders["over_capacity"].all()
    # after the 20 formal cycles (20 x 3 h = 60 h), 92.46 h remain for 200 spot visits:
    # 27.7 minutes each, all parts included: the report's "cursory, 15-minute stop-by visits
    # followed by 'feedback' in the form of a filled out checklist"
    per_spot = (152.46 - 20 * 3) * 60 / 200
    assert per_spot == pytest.approx(27.7, abs=0.05)
    assert leaders["affordable_minutes_per_observation"].tolist() == pytest.approx(
        [152.46 * 60 / 220] * 2
    )


def test_roster_sample_names_are_the_roster_samples() -> None:
    from typing import get_args

    rosters = lm.list_samples().query("kind == 'roster'").index
    assert sorted(get_args(lm.datasets.RosterSample)) == sorted(rosters)
