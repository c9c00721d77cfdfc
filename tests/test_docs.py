"""The docs stay in step with the code: every preset's source and every output column."""

from __future__ import annotations

from pathlib import Path

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
