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
from leadmodel.models import CostModel

__all__ = ["COST_MODELS", "get_cost_model", "list_cost_models"]

_NTPS = (
    "approximate US public-school averages (NCES National Teacher and Principal Survey, "
    "2017-18: teachers about $58,000-62,000, principals about $98,000-103,000), rounded; "
    "an assumption to replace with the district's own salary schedule"
)

COST_MODELS: dict[str, CostModel] = {
    "default": CostModel(
        key="default",
        source=f"Salaries: {_NTPS}; assistant principals, deans and coaches: assumption. "
        "Supplements: PLC lead $2,000 (Fresno's Lead Teacher stipend, Bain & Bridgespan 2016); "
        "Team Lead $5,000 and Multi-Classroom Leader 20% of salary (assumptions: the report says "
        "only that compensation was boosted significantly). Backfill of released time at the "
        "teacher salary; benefits 30% (assumption).",
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
        backfill_cost_per_fte=60_000,
        benefits_rate=0.3,
    )
}


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
