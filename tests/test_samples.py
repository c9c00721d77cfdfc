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
    loaded = [sample.roster, sample.log, sample.members] if isinstance(sample, tuple) else [sample]
    assert all(part.issues.empty for part in loaded)
    kinds = {lm.Roster: "roster", lm.Survey: "survey", lm.datasets.LogSample: "log"}
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


def test_roster_sample_names_are_the_roster_samples() -> None:
    from typing import get_args

    rosters = lm.list_samples().query("kind == 'roster'").index
    assert sorted(get_args(lm.datasets.RosterSample)) == sorted(rosters)
