"""The cost of a leadership structure, and options to fund a change from the same budget.

Leadership cost of a school = for every administrator and coach, salary x FTE;
for every teacher leader, their supplement (a fixed amount and/or a share of
salary) plus the cost of backfilling their released teaching time
(``release_fte x fte x backfill_cost_per_fte``); all of it with benefits
(``x (1 + benefits_rate)``). Salaries come from the roster's ``salary`` column
where given, else from the cost model.

Examples
--------
>>> import leadmodel as lm
>>> table = lm.cost(lm.load_sample("green_dot"), lm.CostModel(
...     key="flat", source="example", salaries={"principal": 100_000,
...     "assistant_principal": 80_000, "chair": 60_000}, use_salary_column=False,
...     supplements={"chair": 1_000}, backfill_cost_per_fte=60_000, benefits_rate=0.0))
>>> # 100k + 2 x 80k + 4 chairs x (1k + 0.2 x 60k backfill) = 312k
>>> float(table.loc["S-GD", "leadership_cost"])
312000.0
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from leadmodel.errors import DefinitionError
from leadmodel.metrics.spans import effective_release
from leadmodel.models import CostModel
from leadmodel.presets.costs import COST_MODELS, get_cost_model
from leadmodel.roles import ROLE_CATEGORY, TEACHING_ROLES
from leadmodel.roster import Roster

__all__ = ["COST_MODELS", "budget_options", "cost", "get_cost_model"]


def _salaries(staff: pd.DataFrame, model: CostModel) -> pd.Series:
    by_role = staff["role"].map(model.salaries).astype("Float64")
    salary = staff["salary"].fillna(by_role) if model.use_salary_column else by_role
    return salary.astype("Float64")


def _person_costs(roster: Roster, model: CostModel) -> pd.DataFrame:
    staff = roster.staff
    category = staff["role"].map(ROLE_CATEGORY)
    leaders = category.isin(["administrator", "coach", "teacher_leader"]).to_numpy()
    people = staff.loc[leaders, ["school_id", "staff_id", "role", "fte", "release_fte", "salary"]]
    salary = _salaries(people, model)
    missing = people.loc[salary.isna(), "role"].unique().tolist()
    if missing:
        raise DefinitionError(
            f"No salary for roles {sorted(missing)}: give them in the roster's salary column or "
            "in the cost model's salaries."
        )
    fte = people["fte"].astype(float)
    is_teacher_leader = people["role"].map(ROLE_CATEGORY).eq("teacher_leader").to_numpy()
    supplement = people["role"].map(model.supplements).fillna(0.0).astype(float) + people[
        "role"
    ].map(model.supplement_shares).fillna(0.0).astype(float) * salary.astype(float)
    release = effective_release(people["role"], people["release_fte"]).astype(float)
    backfill = release * fte * model.backfill_cost_per_fte
    base = np.where(is_teacher_leader, supplement + backfill, salary.astype(float) * fte)
    return people[["school_id", "staff_id", "role"]].assign(
        cost=base * (1 + model.benefits_rate), teacher_leader=is_teacher_leader
    )


def cost(
    roster: Roster,
    cost_model: str | CostModel = "default",
    *,
    baseline: Roster | None = None,
    by: str = "school_id",
) -> pd.DataFrame:
    """Leadership cost per school (or per ``by``, a schools column such as ``district_id``).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``by``: ``leaders`` (administrators, coaches and teacher
        leaders), ``leadership_cost`` (currency per year),
        ``teachers_developed`` (teachers with a developer),
        ``cost_per_teacher_developed``; with a ``baseline``, also
        ``baseline_cost`` and ``change``.
    """
    model = get_cost_model(cost_model)
    people = _person_costs(roster, model)
    schools = roster.schools.set_index("school_id")
    links = roster.links
    developed = links.loc[
        links["relation"] == "develops", ["school_id", "staff_id"]
    ].drop_duplicates()
    teaching = roster.staff.loc[
        roster.staff["role"].isin(TEACHING_ROLES), ["school_id", "staff_id"]
    ]
    developed = developed.merge(teaching, on=["school_id", "staff_id"])
    out = pd.DataFrame(index=schools.index)
    out["leaders"] = people.groupby("school_id").size().reindex(out.index, fill_value=0)
    out["leadership_cost"] = (
        people.groupby("school_id")["cost"].sum().reindex(out.index, fill_value=0.0)
    )
    out["teachers_developed"] = (
        developed.groupby("school_id").size().reindex(out.index, fill_value=0)
    )
    if by != "school_id":
        if by not in schools:
            raise DefinitionError(f"Cannot roll up by {by!r}: use 'school_id' or a schools column.")
        out = out.groupby(schools[by].astype("string").fillna("<none>")).sum()
    out["cost_per_teacher_developed"] = (
        out["leadership_cost"] / out["teachers_developed"].where(out["teachers_developed"] > 0)
    ).astype("Float64")
    if baseline is not None:
        before = cost(baseline, model, by=by)["leadership_cost"]
        out["baseline_cost"] = before.reindex(out.index).fillna(0.0)
        out["change"] = out["leadership_cost"] - out["baseline_cost"]
    out[["leaders", "teachers_developed"]] = out[["leaders", "teachers_developed"]].astype("int64")
    return out.sort_index()


def budget_options(
    baseline: Roster, scenario: Roster, cost_model: str | CostModel = "default"
) -> pd.DataFrame:
    """Options that would fund a scenario's extra cost from the baseline budget, per school.

    These are options to weigh, not decisions: each row names a kind of position
    in the baseline that could be converted (instructional coaches, support
    staff, as Opportunity Culture schools fund supplements by re-purposing
    positions), how many FTE that is, what converting all of them would save,
    and how many FTE would cover the school's net change.

    Returns
    -------
    pandas.DataFrame
        One row per school and option: ``school_id``, ``option``,
        ``net_change`` (scenario minus baseline leadership cost),
        ``fte_available``, ``savings_if_all``, ``fte_needed`` (FTE to convert to
        cover the change; 0 when the scenario costs no more) and ``covers``.
    """
    model = get_cost_model(cost_model)
    change = cost(scenario, model, baseline=baseline)["change"]
    staff = baseline.staff
    salary = _salaries(staff, model).astype(float)
    per_fte = salary * (1 + model.benefits_rate)
    rows = []
    for option, role in (
        ("convert instructional coach positions", "instructional_coach"),
        ("convert support staff positions", "other"),
    ):
        mask = (staff["role"] == role).to_numpy()
        fte = staff.loc[mask].groupby("school_id")["fte"].sum()
        unit = (per_fte[mask] * 1.0).groupby(staff.loc[mask, "school_id"]).mean()
        for school_id, net in change.items():
            available = float(fte.get(school_id, 0.0))
            price = float(unit.get(school_id, np.nan))
            need = 0.0 if net <= 0 else (net / price if price > 0 else np.inf)
            rows.append(
                {
                    "school_id": school_id,
                    "option": option,
                    "net_change": float(net),
                    "fte_available": available,
                    "savings_if_all": available * price if available else 0.0,
                    "fte_needed": need,
                    "covers": bool(need <= available),
                }
            )
    return pd.DataFrame(rows).sort_values(["school_id", "option"]).reset_index(drop=True)
