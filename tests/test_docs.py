"""The docs stay in step with the code: every preset's source and every output column."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import leadmodel as lm
from leadmodel.cost import leader_costs
from leadmodel.presets import COST_MODELS, LEVERS, MODELS, POLICIES, SPAN_BENCHMARKS, TIME_MODELS

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_every_preset_source_is_in_the_docs() -> None:
    text = (DOCS / "presets.md").read_text(encoding="utf-8")
    presets = (
        *SPAN_BENCHMARKS,
        *POLICIES.values(),
        *MODELS.values(),
        *COST_MODELS.values(),
        *TIME_MODELS.values(),
        *LEVERS.values(),
    )
    for preset in presets:
        assert f"`{preset.key}`" in text
        assert preset.source in text, preset.key
    for time in TIME_MODELS.values():
        for source in time.share_sources.values():
            assert source in text, time.key


def test_every_output_column_is_in_the_glossary() -> None:
    glossary = (DOCS / "glossary.md").read_text(encoding="utf-8")
    roster = lm.load_sample("denver_team_lead")
    gaps = lm.coverage_gaps(roster)
    report = lm.compliance(roster, "denver")
    view = lm.district_view(report, roster)
    frames = [
        roster.staff,
        roster.links,
        roster.teams,
        roster.schools,
        roster.issues,
        roster.accounting().reset_index(),
        lm.school_summary(roster).reset_index(),
        lm.span_of_control(roster).reset_index(),
        lm.span_benchmarks().reset_index(),
        gaps.teachers.reset_index(),
        gaps.leaders.reset_index(),
        gaps.teams.reset_index(),
        lm.observation_load(roster).reset_index(),
        lm.observation_summary(roster).reset_index(),
        report.rules.reset_index(),
        report.schools.reset_index(),
        view.elements.reset_index(),
        view.waves.reset_index(),
        lm.classify_model(roster).reset_index(),
        lm.list_models().reset_index(),
        lm.list_policies().reset_index(),
        lm.cost(roster, baseline=roster).reset_index(),
        lm.budget_options(roster, roster),
        lm.list_levers().reset_index(),
        lm.role_proliferation(roster).reset_index(),
        lm.students_per_leader(roster).reset_index(),
        lm.undeveloped_leaders(roster).reset_index(),
        leader_costs(roster),
        lm.list_cost_models().reset_index(),
        lm.list_time_models().reset_index(),
        lm.compare({"today": roster}, model="denver"),
        lm.plots.coverage_counts(roster).reset_index(),
        lm.count_spans(
            lm.read_staffing_counts(
                lm.school_summary(roster).reset_index()[["school_id"]].assign(teacher_fte=1)
            )
        ).reset_index(),
    ]
    extras = {"Badge Code"}
    missing = sorted({c for f in frames for c in f.columns if f"`{c}`" not in glossary} - extras)
    assert missing == []


def test_every_series_output_column_is_in_the_glossary() -> None:
    """The tables of the series, changes, trends, as-of matching and count files over time."""
    from tests import three_years as ty

    glossary = (DOCS / "glossary.md").read_text(encoding="utf-8")
    series = ty.series()
    log = lm.read_log(
        pd.DataFrame(
            {
                "date": ["2014-10-01"],
                "school_id": ["N"],
                "leader_id": ["E3"],
                "teacher_id": ["E4"],
                "kind": ["informal"],
            }
        ),
        school_year=("2014-08-01", "2015-07-31"),
    )
    survey = lm.read_survey(
        pd.DataFrame(
            {
                "response_id": ["R1"],
                "school_id": ["N"],
                "staff_id": ["E4"],
                "role": ["teacher"],
                "advice_ids": ["E3"],
            }
        )
    )
    counts = pd.DataFrame(
        {"school_id": ["A"], "district_id": ["D"], "teacher_fte": [3], "admin_fte": [1]}
    )
    logged = lm.log_as_of(series, log, ids="person_id")
    surveyed = lm.survey_as_of(series, survey, on="2014-10-15", ids="person_id")
    state = lm.count_trends({"2005-10-01": counts, "2006-10-01": counts}, district="district_id")
    found = lm.trends(series, model="denver")
    frames = [
        series.people(),
        series.positions(),
        series.schools(),
        series.matching.reset_index(),
        series.id_changes,
        series.issues,
        *lm.changes(series).tables().values(),
        *found.tables().values(),
        found.wide("district").reset_index(),
        logged.events,
        logged.issues,
        logged.schools,
        surveyed.responses,
        surveyed.advice,
        state.campuses,
        state.total,
        state.districts,
        state.changes,
        state.ids,
    ]
    missing = sorted({c for f in frames for c in f.columns if f"`{c}`" not in glossary})
    assert missing == []
