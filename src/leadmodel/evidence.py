"""The report's sections on evidence of practice: the staff survey and the activity log.

A roster says who is responsible for whom; a survey says whether staff live that structure,
and an activity log whether the observations and coaching it plans happen. When the analysis
has them (:class:`~leadmodel.Analysis` with ``survey=`` or ``log=``), the report adds one
section each, written like the others: a few sentences with the figures, a picture, the
tables (cut to their first rows, whole in the appendix).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from leadmodel.analysis import Analysis
from leadmodel.document import Document, bold
from leadmodel.metrics.actuals import DROUGHT_DAYS
from leadmodel.plots import (
    plot_dosage,
    plot_felt_responsibility,
    plot_nps,
    plot_planned_vs_actual,
)

__all__ = ["log_section", "survey_section"]


def _points(value: Any) -> str:
    return "not shown (too few respondents)" if pd.isna(value) else f"{float(value):+.1f}"


def _percent(value: Any) -> str:
    return "not measured" if pd.isna(value) else f"{float(value):.0%}"


def survey_section(doc: Document, a: Analysis) -> None:
    """Teacher Net Promoter Score, felt against formal responsibility, the advice network."""
    assert a.survey is not None
    doc.section("Staff survey")
    by_model = a.nps(by="model")
    every = a.survey.responses
    doc.say(
        f"{len(every):,} staff answered ({int(every['identified'].sum()):,} with their staff "
        "id). The Net Promoter Score of teachers and teacher leaders (the share who would "
        "recommend their school as a place to work, minus the share who would not) by "
        "leadership model: "
        + "; ".join(f"{bold(str(k))} {_points(v)}" for k, v in by_model["nps"].items())
        + "."
    )
    doc.figure(
        lambda ax: plot_nps(by_model, ax=ax),
        "Teacher Net Promoter Score by leadership model, with its 95% interval; dashed lines "
        "mark the research's figures.",
        (8, max(2.5, 0.5 * len(by_model) + 1.5)),
    )
    doc.table(by_model.reset_index(), "Teacher Net Promoter Score by model.", "survey-nps")
    felt = a.felt_responsibility()
    doc.figure(
        lambda ax: plot_felt_responsibility(felt, ax=ax),
        "Leaders who feel responsible for their teachers' growth, next to those the roster "
        "makes responsible, by role.",
        (8, max(3.0, 0.45 * len(felt) + 1.5)),
    )
    doc.table(felt.reset_index(), "Felt and formal responsibility by role.", "survey-felt")
    schools = a.advice_overlay().schools
    doc.table(
        schools.reset_index(),
        "The advice network per school: formal development links confirmed by an advice tie.",
        "survey-advice",
    )


def log_section(doc: Document, a: Analysis) -> None:
    """Visits made against the policy, observation droughts, coaching dosage, the ILTs."""
    assert a.log is not None
    doc.section("Observation and coaching as they happened")
    actuals = a.actuals()
    district = actuals.district.iloc[0]
    doc.say(
        f"The activity log ({len(a.log):,} events) covers {int(district['schools'])} "
        f"school(s) to {actuals.as_of}. Leaders made {int(district['visits']):,} visits; the "
        f"policy {bold(a.policy.label)} expects {float(district['visits_expected']):,.0f} by "
        f"then ({_percent(district['share_of_expected'])} of them made); "
        f"{int(district['teachers_in_drought']):,} of {int(district['teachers']):,} teachers "
        f"went {DROUGHT_DAYS} days or more without a visit, and "
        f"{int(district['leaders_behind']):,} of {int(district['leaders']):,} leaders are "
        "behind."
    )
    doc.figure(
        lambda ax: plot_planned_vs_actual(actuals, ax=ax),
        "Visits made by each leader (bars) against the visits expected by then (black ticks); "
        "leaders behind are in red.",
        (9, 6),
    )
    doc.table(actuals.schools.reset_index(), "Observation actuals per school.", "log-actuals")
    dosage = a.dosage()
    doc.figure(
        lambda ax: plot_dosage(dosage, ax=ax),
        "Coaching dosage per school: the share of coached teachers whose coaching is "
        "individualized, intensive, sustained and focused.",
        (9, max(3.0, 0.3 * len(dosage.schools) + 1.5)),
    )
    doc.table(dosage.schools.reset_index(), "Coaching dosage per school.", "log-dosage")
    ilt = a.ilt().schools
    doc.say(
        f"{int(ilt['has_ilt'].sum())} of {len(ilt)} schools have an instructional leadership "
        f"team; {int(ilt['passed'].sum())} meet every ILT rule."
    )
    doc.table(ilt.reset_index(), "The instructional leadership team per school.", "log-ilt")
