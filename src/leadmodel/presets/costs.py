"""Cost presets: what leadership costs, each value with its source.

Listable by name like the leadership models and observation policies:
:func:`list_cost_models` shows them, :func:`get_cost_model` resolves a name.

Examples
--------
>>> from leadmodel.presets.costs import list_cost_models
>>> float(list_cost_models().loc["default", "benefits_rate"])
0.3
"""

from __future__ import annotations

import pandas as pd

from leadmodel.errors import DefinitionError
from leadmodel.models import CostModel, FundingLever
from leadmodel.presets.sources import BAIN_BRIDGESPAN_2016 as _REPORT

__all__ = [
    "COST_MODELS",
    "DEFAULT_LEVERS",
    "LEVERS",
    "get_cost_model",
    "get_lever",
    "list_cost_models",
    "list_levers",
]

_NTPS = (
    "approximate US public-school averages (NCES National Teacher and Principal Survey, "
    "2017-18: teachers about $58,000-62,000, principals about $98,000-103,000), rounded; "
    "an assumption to replace with the district's own salary schedule"
)

_OC_PAY = (
    "Public Impact, Opportunity Culture dashboard, 'Teacher Pay Supplements in Opportunity "
    "Culture Sites 2021-22' (opportunityculture.org/dashboard/extra-pay)"
)

COST_MODELS: dict[str, CostModel] = {
    "default": CostModel(
        key="default",
        source=f"Salaries: {_NTPS}; assistant principals, deans and coaches: assumption. "
        "Supplements: PLC lead $2,000 (Fresno's Lead Teacher stipend, Bain & Bridgespan 2016); "
        "Team Lead $5,000 (assumption: the report says only that compensation was boosted "
        f"significantly); Multi-Classroom Leader 20% of the teacher salary ({_OC_PAY}: the "
        "average MCL supplement, $12,040, was 20% of the average teacher salary). Released "
        "time is covered by a teacher at the teacher salary (the funding levers can change "
        "that). A paraprofessional covering released time costs $40,000: $35,000 pay "
        "(assumption) and a $5,000 Reach Associate supplement (the top of the $1,000-$5,000 "
        f"range, {_OC_PAY}). The team's reach costs $9,671 per released FTE: the average "
        f"supplement paid to Opportunity Culture teachers in advanced roles ({_OC_PAY}), "
        "taken (assumption) as what the team teachers who take the leader's students are paid "
        "for it. Benefits 30% (assumption).",
        salaries={
            "principal": 100_000,
            "assistant_principal": 85_000,
            "dean": 80_000,
            "instructional_coach": 65_000,
            "team_lead": 60_000,
            "multi_classroom_leader": 60_000,
            "plc_lead": 60_000,
            "chair": 60_000,
            "teacher": 60_000,
            "specialist": 60_000,
            "other": 35_000,
        },
        supplements={"team_lead": 5_000, "plc_lead": 2_000},
        supplement_shares={"multi_classroom_leader": 0.2},
        supplement_basis="teacher_salary",
        backfill_cost_per_fte=60_000,
        paraprofessional_cost_per_fte=40_000,
        reach_cost_per_fte=9_671,
        benefits_rate=0.3,
    )
}

_REPORT_PD = (
    f"{_REPORT}: a TNTP study found 'many districts are spending upwards of $18,000 per teacher "
    "per year on professional development' (TNTP, The Mirage, 2015)"
)

#: Ways to fund a redesign from the same budget, each with its source.
LEVERS: dict[str, FundingLever] = {
    lever.key: lever
    for lever in (
        FundingLever(
            key="reallocate_pd",
            label="Move professional-development spending into school leadership",
            kind="per_teacher",
            amount_per_teacher=18_000,
            max_share=0.1,
            source=f"{_REPORT_PD}; the report's thesis is that this spending does not pay off "
            "and in-school leaders should develop teachers instead. Share that can move: 10% "
            "(assumption: most of the $18,000 is teachers' own time and salary increases tied "
            "to credits, not cash a school can redirect; it also counts coaching, so with "
            "'convert_coaches' some dollars may be counted twice above that share).",
        ),
        FundingLever(
            key="convert_coaches",
            label="Convert instructional coach positions",
            kind="convert_positions",
            roles=("instructional_coach",),
            source=f"{_REPORT}: 'We have so many adults in the building, we just need to use "
            "them differently' (DC Public Schools' chief of teaching and learning); in the "
            "distributed models the teacher leaders or APs observe and coach, and Opportunity "
            "Culture funds supplements 'within regular school budgets' by swapping positions "
            "(opportunityculture.org, multi-classroom leadership). Whole positions, costliest "
            "first.",
        ),
        FundingLever(
            key="paraprofessional_backfill",
            label="Cover MCLs' released time with paraprofessionals (Reach Associates)",
            kind="backfill",
            roles=("multi_classroom_leader",),
            backfill="paraprofessional",
            source="Public Impact, 'Opportunity Culture Educator Roles' (opportunityculture.org):"
            " partial-release MCLs 'have the support of advanced paraprofessionals to leave the "
            "classroom to lead the team'.",
        ),
        FundingLever(
            key="team_reach",
            label="Cover MCLs' released time by the team's reach",
            kind="backfill",
            roles=("multi_classroom_leader",),
            backfill="reach",
            source="Public Impact, 'Multi-Classroom Leadership' (opportunityculture.org/multi-"
            "classroom-leadership): 'Team reach teachers directly teach more students than "
            "usual, but typically without raising instructional group sizes', with 'substantial "
            "pay supplements within regular school budgets'.",
        ),
        FundingLever(
            key="convert_specialists",
            label="Convert specialist positions",
            kind="convert_positions",
            roles=("specialist",),
            source=f"{_REPORT}: 'We have so many adults in the building, we just need to use "
            "them differently'. Not in the default search: specialists (counsellors, "
            "interventionists, nurses) serve students, and no source says which can move "
            "(assumption).",
        ),
        FundingLever(
            key="central_office",
            label="Move central-office spending into schools",
            kind="per_teacher",
            amount_per_teacher=0.0,
            source=f"{_REPORT} does not say where Dallas found the money for 163 more APs "
            "beyond 'We didn't add to the budget. We prioritized.'; moving central spending "
            "into schools is one reading (assumption). No source gives an amount: state the "
            "district's own per teacher "
            "(LEVERS['central_office'].model_copy(update={'amount_per_teacher': ...})).",
        ),
    )
}

#: The levers budget_options tries, in this order, when none are given.
DEFAULT_LEVERS: tuple[str, ...] = (
    "reallocate_pd",
    "convert_coaches",
    "paraprofessional_backfill",
    "team_reach",
)


def get_cost_model(model: str | CostModel) -> CostModel:
    """Return a cost model given itself or its preset name (``"default"``).

    >>> get_cost_model("default").backfill_cost_per_fte
    60000.0
    """
    if isinstance(model, CostModel):
        return model
    try:
        return COST_MODELS[model]
    except KeyError:
        raise DefinitionError(
            f"Unknown cost model {model!r}; list_cost_models() shows: {', '.join(COST_MODELS)}."
        ) from None


def list_cost_models() -> pd.DataFrame:
    """The cost model presets, one row each."""
    rows = [
        {
            "cost_model": c.key,
            "backfill_cost_per_fte": c.backfill_cost_per_fte,
            "benefits_rate": c.benefits_rate,
            "source": c.source,
        }
        for c in COST_MODELS.values()
    ]
    return pd.DataFrame(rows).set_index("cost_model")


def get_lever(lever: str | FundingLever) -> FundingLever:
    """Return a funding lever given itself or its preset name (:func:`list_levers`)."""
    if isinstance(lever, FundingLever):
        return lever
    try:
        return LEVERS[lever]
    except KeyError:
        raise DefinitionError(
            f"Unknown funding lever {lever!r}; list_levers() shows: {', '.join(LEVERS)}."
        ) from None


def list_levers() -> pd.DataFrame:
    """The funding levers, one row each, in the order of the default search first.

    >>> row = list_levers().loc["reallocate_pd"]
    >>> row["kind"], float(row["amount_per_teacher"]), float(row["max_share"])
    ('per_teacher', 18000.0, 0.1)
    """
    rows = [
        {
            "lever": lever.key,
            "label": lever.label,
            "kind": lever.kind,
            "roles": ", ".join(lever.roles),
            "backfill": lever.backfill,
            "amount_per_teacher": lever.amount_per_teacher,
            "max_share": lever.max_share,
            "in_default_search": lever.key in DEFAULT_LEVERS,
            "source": lever.source,
        }
        for lever in LEVERS.values()
    ]
    return pd.DataFrame(rows).set_index("lever")
