"""The cost of a leadership structure.

Leadership cost of a school = for every administrator and coach, salary x FTE;
for every teacher leader, their supplement (a fixed amount and/or a share of
pay) plus the cost of covering their released teaching time
(``release_fte x fte x`` the cost per FTE of their role's backfill: a teacher, a
paraprofessional or the team's reach); all of it with benefits
(``x (1 + benefits_rate)``). Salaries come from the roster's ``salary`` column
where given, else from the cost model's salary steps by years of experience,
else its salary for the role. How to fund a change from the same budget:
:mod:`leadmodel.funding`.

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
from leadmodel.metrics.coded import teachers_by_school
from leadmodel.metrics.spans import effective_release
from leadmodel.models import Backfill, CostModel
from leadmodel.presets.costs import COST_MODELS, get_cost_model
from leadmodel.roles import ROLE_CATEGORY
from leadmodel.roster import Roster

__all__ = [
    "COST_MODELS",
    "backfill_cost_per_fte",
    "cost",
    "get_cost_model",
    "leader_costs",
    "salaries",
]

LEADER_CATEGORIES = ("administrator", "coach", "teacher_leader")


def _stepped(staff: pd.DataFrame, model: CostModel) -> pd.Series:
    """Salary from the role's step schedule at the person's whole years of experience."""
    out = pd.Series(np.nan, index=staff.index, dtype="Float64")
    years = staff.get("years_experience")
    if years is None or not model.salary_steps:
        return out
    for role, steps in model.salary_steps.items():
        mask = (staff["role"] == role).to_numpy() & years.notna().to_numpy()
        if mask.any():
            step = np.minimum(years[mask].astype(float).to_numpy().astype(int), len(steps) - 1)
            out[mask] = np.asarray(steps, dtype=float)[step]
    return out


def salaries(staff: pd.DataFrame, model: CostModel) -> pd.Series:
    """Each person's full-time salary: roster column, then step by experience, then role.

    >>> import pandas as pd
    >>> m = CostModel(key="k", source="s", salaries={"teacher": 55_000},
    ...               salary_steps={"teacher": (48_000, 49_500, 51_000)})
    >>> staff = pd.DataFrame({"role": ["teacher"] * 3, "salary": [60_000, None, None],
    ...                       "years_experience": [5, 7, None]})
    >>> salaries(staff, m).tolist()  # given; step 2 (the last) for 7 years; the role's
    [60000.0, 51000.0, 55000.0]
    """
    by_role = staff["role"].map(model.salaries).astype("Float64")
    fallback = _stepped(staff, model).fillna(by_role)
    if not model.use_salary_column:
        return fallback
    return staff["salary"].astype("Float64").fillna(fallback)


def backfill_cost_per_fte(model: CostModel, mode: Backfill) -> float:
    """What one FTE of released teaching time costs to cover, by how it is covered."""
    return {
        "teacher": model.backfill_cost_per_fte,
        "paraprofessional": model.paraprofessional_cost_per_fte,
        "reach": model.reach_cost_per_fte,
    }[mode]


def _supplements(people: pd.DataFrame, salary: pd.Series, model: CostModel) -> np.ndarray:
    fixed = people["role"].map(model.supplements).fillna(0.0).astype(float)
    share = people["role"].map(model.supplement_shares).fillna(0.0).astype(float)
    pay = (
        salary.astype(float)
        if model.supplement_basis == "salary"
        else pd.Series(model.salaries["teacher"], index=people.index)
    )
    return (fixed + share * pay).to_numpy()


def _person_costs(roster: Roster, model: CostModel) -> pd.DataFrame:
    staff = roster.staff
    leaders = staff["role"].map(ROLE_CATEGORY).isin(LEADER_CATEGORIES).to_numpy()
    columns = ["school_id", "staff_id", "role", "fte", "release_fte", "salary", "years_experience"]
    people = staff.loc[leaders, columns]
    salary = salaries(people, model)
    missing = people.loc[salary.isna(), "role"].unique().tolist()
    if missing:
        raise DefinitionError(
            f"No salary for roles {sorted(missing)}: give them in the roster's salary column or "
            "in the cost model's salaries."
        )
    fte = people["fte"].astype(float)
    is_teacher_leader = people["role"].map(ROLE_CATEGORY).eq("teacher_leader").to_numpy()
    release = effective_release(people["role"], people["release_fte"]).astype(float)
    per_fte = people["role"].map(
        lambda r: backfill_cost_per_fte(model, model.backfill.get(r, "teacher"))
    )
    backfill = release * fte * per_fte.astype(float)
    base = np.where(
        is_teacher_leader,
        _supplements(people, salary, model) + backfill.to_numpy(),
        salary.astype(float) * fte,
    )
    return people[["school_id", "staff_id", "role"]].assign(
        cost=base * (1 + model.benefits_rate),
        teacher_leader=is_teacher_leader,
        released_fte=np.where(is_teacher_leader, release * fte, 0.0),
    )


def leader_costs(roster: Roster, cost_model: str | CostModel = "default") -> pd.DataFrame:
    """Each leader's yearly cost, as :func:`cost` adds it up.

    Returns
    -------
    pandas.DataFrame
        One row per administrator, coach and teacher leader: ``school_id``,
        ``staff_id``, ``role``, ``cost`` (currency per year, benefits included),
        ``teacher_leader`` and ``released_fte`` (``release_fte x fte`` of a teacher
        leader, else 0).

    >>> import leadmodel as lm
    >>> table = leader_costs(lm.load_sample("green_dot"))
    >>> float(table.loc[table["role"] == "chair", "released_fte"].sum())  # 4 chairs x 0.2
    0.8
    """
    return _person_costs(roster, get_cost_model(cost_model)).reset_index(drop=True)


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
    developed = teachers_by_school(roster, "develops")
    out = pd.DataFrame(index=schools.index)
    out["leaders"] = people.groupby("school_id").size().reindex(out.index, fill_value=0)
    out["leadership_cost"] = (
        people.groupby("school_id")["cost"].sum().reindex(out.index, fill_value=0.0)
    )
    out["teachers_developed"] = developed.reindex(out.index, fill_value=0)
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
