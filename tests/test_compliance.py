"""Leadership models as data, compliance, the district view and model classification."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings

import leadmodel as lm
from leadmodel import DefinitionError
from leadmodel.metrics.compliance import tightness_text
from leadmodel.presets.leadership import model_from_dict
from tests.strategies import rosters


def test_denver_school_passes_and_traditional_fails_with_reasons() -> None:
    passing = lm.compliance(lm.load_sample("denver_team_lead"), "denver")
    assert passing.rules["passed"].all()
    assert passing.schools.loc["S-DEN", "score"] == 1.0
    # 41 of 48 teaching staff are developed by team leads (6 x 6 + 5): 0.854 >= 0.75
    assert passing.rules.loc[("S-DEN", "leads_develop"), "value"] == pytest.approx(41 / 48)
    failing = lm.compliance(lm.load_sample("traditional_elementary"), "denver")
    school = failing.schools.loc["S-TRAD"]
    assert (school["tight_passed"], school["score"], school["failures"]) == (0, 0.0, 5)
    reason = failing.rules.loc[("S-TRAD", "leads_develop"), "reason"]
    assert "Team Leads develop most teachers" in reason
    assert "measured 0" in reason and ">= 0.75" in reason
    assert "it has no team_lead" in failing.rules.loc[("S-TRAD", "lead_span"), "reason"]


def test_every_preset_round_trips_through_json_and_yaml(tmp_path: Path) -> None:
    for name in lm.list_models().index:
        model = lm.get_model(name)
        for suffix in (".json", ".yaml"):
            path = lm.write_model(model, tmp_path / f"{name}{suffix}")
            assert lm.read_model(path) == model
    assert lm.list_models()["source"].str.len().min() > 80


def test_malformed_models_name_the_rule_and_the_reason(tmp_path: Path) -> None:
    model = lm.get_model("denver").model_dump(mode="json")
    model["rules"][1]["metric"] = "vibes"
    model["rules"][2].update(op="between", threshold=None, low=0.5, high=1.0)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(model))
    with pytest.raises(DefinitionError) as info:
        lm.read_model(path)
    text = str(info.value)
    assert "rules[1] 'lead_span'" in text and "unknown metric 'vibes'" in text
    assert "rules[2] 'lead_evaluation_input'" in text and "not a range" in text
    assert not isinstance(info.value, lm.RosterError)  # a definition error, not a data error


def test_loose_rule_needs_a_range() -> None:
    with pytest.raises(DefinitionError, match=r"rules\[0\] 'r'.*op 'between' with low and high"):
        model_from_dict(
            {
                "key": "m",
                "label": "m",
                "source": "s",
                "rules": [
                    {
                        "key": "r",
                        "element": "e",
                        "metric": "max_span",
                        "kind": "loose",
                        "op": "<=",
                        "threshold": 3,
                    }
                ],
            }
        )


def _three_school_district() -> lm.Roster:
    """A (wave 1): P develops L, T1, T2; L release 0.5.
    B (wave 1): P develops L and T1-T10 (11 people); L release 0.3.
    C (no wave): P develops L and T1; T2 has no developer; L release 0.5."""
    staff, links = [], []

    def school(sid: str, release: float, teachers: int, developed: int) -> None:
        staff.append((f"{sid}P", sid, "principal", None))
        staff.append((f"{sid}L", sid, "team_lead", release))
        people = [f"{sid}L"] + [f"{sid}T{i}" for i in range(1, teachers + 1)]
        staff.extend((t, sid, "teacher", None) for t in people[1:])
        links.extend((f"{sid}P", t, "develops") for t in people[:developed])

    school("A", 0.5, 2, 3)
    school("B", 0.3, 10, 11)
    school("C", 0.5, 2, 2)
    return lm.read_roster(
        pd.DataFrame(staff, columns=["staff_id", "school_id", "role", "release_fte"]),
        links=pd.DataFrame(links, columns=["leader_id", "staff_id", "relation"]),
        schools=pd.DataFrame({"school_id": ["A", "B", "C"], "pilot_wave": [1, 1, None]}),
    )


TINY = {
    "key": "tiny",
    "label": "tiny",
    "source": "hand-made for a test",
    "rules": [
        {
            "key": "span",
            "element": "Admin span at most 10",
            "metric": "max_span",
            "kind": "tight",
            "op": "<=",
            "threshold": 10,
            "role": "administrator",
        },
        {
            "key": "developed",
            "element": "Every teacher developed",
            "metric": "share_teachers_with_developer",
            "kind": "tight",
            "op": ">=",
            "threshold": 1,
        },
        {
            "key": "release",
            "element": "Team lead release",
            "metric": "mean_release",
            "kind": "loose",
            "op": "between",
            "low": 0.2,
            "high": 0.5,
            "role": "team_lead",
        },
    ],
}


def test_three_school_district_view_by_hand() -> None:
    roster = _three_school_district()
    report = lm.compliance(roster, model_from_dict(TINY))
    # A: span 3, all developed, release 0.5 -> 2/2; B: span 11 > 10 -> 1/2;
    # C: 2 of 3 teachers developed -> 1/2
    assert report.schools["score"].tolist() == [1.0, 0.5, 0.5]
    assert report.rules.loc[("C", "developed"), "value"] == pytest.approx(2 / 3)
    view = lm.district_view(report, roster)
    # span passes in 2/3 schools, developed in 2/3, release 0.5 chosen by 2/3: none reaches 90%
    assert view.elements["modal_share"].tolist() == pytest.approx([2 / 3, 2 / 3, 2 / 3])
    assert view.tightness["measured"] == 0.0
    assert view.tightness["declared"] == pytest.approx(2 / 3)  # 2 of 3 rules are tight
    loose_view = lm.district_view(report, roster, agreement=0.6)
    assert loose_view.tightness["measured"] == 1.0
    waves = view.waves
    # wave 1 = A and B: mean score (1 + 0.5) / 2; one of two fully compliant
    assert waves.loc[1, ["schools", "mean_score", "share_fully_compliant"]].tolist() == [
        2,
        0.75,
        0.5,
    ]
    # in wave 1 only "developed" holds everywhere (A and B); span 1/2, release 0.5 vs 0.3: 1/3
    assert waves.loc[1, "measured_tightness"] == pytest.approx(1 / 3)
    # C alone: span passes, developed fails, release is one value: 2/3
    assert waves.loc["none", "measured_tightness"] == pytest.approx(2 / 3)
    assert view.furthest.index.tolist() == ["B", "C", "A"]


def test_sample_district_by_wave() -> None:
    roster = lm.load_sample("district")
    view = lm.district_view(lm.compliance(roster, "denver"), roster)
    assert view.waves.loc[[1, 2, 3], "schools"].tolist() == [14, 26, 31]
    assert (view.waves.loc[[1, 2, 3], "mean_score"] == 1.0).all()
    # in the pilot waves the 4 tight elements hold everywhere and release time varies: 4/5
    assert view.waves.loc[[1, 2, 3], "measured_tightness"].tolist() == [0.8, 0.8, 0.8]
    assert view.tightness["declared"] == 0.8


@pytest.mark.parametrize(
    ("sample", "model"),
    [
        ("traditional_elementary", "traditional"),
        ("denver_team_lead", "denver"),
        ("green_dot", "green_dot"),
        ("kipp_sunshine_peak", "kipp"),
        ("opportunity_culture_mcl", "opportunity_culture"),
        ("fresno_facilitation", "fresno"),
    ],
)
def test_classify_model_recognises_each_sample(sample: str, model: str) -> None:
    result = lm.classify_model(lm.load_sample(sample)).iloc[0]
    assert result["closest_model"] == model and result["score"] == 1.0
    assert result["evidence"].startswith("meets: ")


def test_classify_model_recovers_the_district_models() -> None:
    roster = lm.load_sample("district")
    found = lm.classify_model(roster)["closest_model"]
    declared = roster.schools.set_index("school_id")["model"]
    assert (found == declared.reindex(found.index)).all()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"role": "team_leader"}, "unknown role 'team_leader'"),
        ({"policy": "weekly-ish"}, "unknown observation policy 'weekly-ish'"),
    ],
)
def test_rule_roles_and_policies_are_checked(change: dict[str, str], message: str) -> None:
    model = lm.get_model("denver").model_dump(mode="json")
    model["rules"][1].update(change)
    with pytest.raises(DefinitionError, match=message):
        model_from_dict(model)


def test_a_model_needs_rules() -> None:
    with pytest.raises(DefinitionError, match="at least one rule"):
        model_from_dict({"key": "m", "label": "m", "source": "s", "rules": []})


def test_rules_table_rule_level_is_sorted() -> None:
    # denver's rules in model order: leads_develop, lead_span, lead_evaluation_input,
    # lead_end_to_end, lead_release; rows keep that order, the index level is sorted, so a
    # label slice over rules is refused (rows not in key order) instead of coming back empty
    rules = lm.compliance(lm.load_sample("denver_team_lead"), "denver").rules
    assert rules.index.get_level_values("rule").tolist() == [
        "leads_develop",
        "lead_span",
        "lead_evaluation_input",
        "lead_end_to_end",
        "lead_release",
    ]
    assert rules.index.levels[1].tolist() == [
        "lead_end_to_end",
        "lead_evaluation_input",
        "lead_release",
        "lead_span",
        "leads_develop",
    ]
    with pytest.raises(pd.errors.UnsortedIndexError):
        rules.loc[pd.IndexSlice[:, "lead_e":"lead_f"], :]
    assert rules.sort_index().loc[pd.IndexSlice[:, "lead_e":"lead_f"], :].index.get_level_values(
        "rule"
    ).tolist() == ["lead_end_to_end", "lead_evaluation_input"]


def test_classify_model_reports_ties_as_ties() -> None:
    fresno = lm.classify_model(lm.load_sample("fresno_facilitation")).iloc[0]
    # Fresno's sample meets every tight rule of Green Dot too (score 1.0 for both); Fresno's
    # specific rule (lead teachers only facilitate, role plc_lead) breaks the tie: 1 against 0
    assert (fresno["closest_model"], fresno["score"], fresno["runner_up_score"]) == (
        "fresno",
        1.0,
        1.0,
    )
    assert fresno["tie"] and fresno["tied_with"] == "green_dot"
    assert "1 against 0 for green_dot" in fresno["tie_break"]
    denver = lm.classify_model(lm.load_sample("denver_team_lead")).iloc[0]
    # Denver's four Team Lead rules against Sanger's two (leads develop, not only facilitate)
    assert denver["tie"] and denver["tied_with"] == "sanger"
    assert "(4 against 2 for sanger)" in denver["tie_break"]
    green = lm.classify_model(lm.load_sample("green_dot")).iloc[0]
    assert not green["tie"] and pd.isna(green["tied_with"]) and pd.isna(green["tie_break"])


def test_tightness_of_one_school_is_not_read_as_a_failure() -> None:
    roster = lm.load_sample("traditional_elementary")
    view = lm.district_view(lm.compliance(roster, "denver"), roster)
    assert view.tightness["schools"] == 1
    text = tightness_text(view)
    assert "measured 0.00" not in text and "not measured" in text
    # the traditional school meets none of Denver's 4 tight rules and has no Team Lead to make
    # the release choice: 0 of 5
    assert "meets 0 of the 5 elements" in text
    district = lm.load_sample("district")
    many = tightness_text(lm.district_view(lm.compliance(district, "denver"), district))
    assert many == "Declared tightness 0.80. Measured across 185 schools: 0.00."


@settings(max_examples=25)
@given(rosters())
def test_leader_rules_are_grouped_reductions_of_the_leaders(roster: lm.Roster) -> None:
    # the plain pandas definition: the rule's holders grouped by school, reindexed on schools
    rules = lm.compliance(roster, "denver").rules
    leaders = lm.coverage_gaps(roster).leaders
    leads = leaders[leaders["role"] == "team_lead"]
    schools = pd.Index(roster.schools["school_id"], name="school_id")
    for rule, column, how in (
        ("lead_span", "span", "max"),
        ("lead_release", "release_fte", "mean"),
        ("lead_end_to_end", "end_to_end", "mean"),
    ):
        grouped = leads[column].astype(float).groupby(level="school_id")
        expected = getattr(grouped, how)().reindex(schools)
        measured = rules["value"].xs(rule, level="rule").astype(float).reindex(schools)
        np.testing.assert_array_equal(measured.to_numpy(), expected.to_numpy())  # exactly
