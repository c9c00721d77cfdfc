"""Funding a redesign from the same budget: explicit levers, searched in order.

A scenario's extra leadership cost (:func:`~leadmodel.cost` of the scenario minus
the baseline) is funded lever by lever, in the order given (by default
``DEFAULT_LEVERS``, see :func:`~leadmodel.list_levers`), until nothing is left to
fund in each school (or each group of schools, ``by=``):

- ``per_teacher`` levers move money from another budget line into the school
  (professional development: a share of the report's $18,000 per teacher a year);
  only what is needed is taken;
- ``convert_positions`` levers convert whole positions (coaches, specialists),
  costliest first, until the gap is closed; the plan's roster leaves them out;
- ``backfill`` levers cover teacher leaders' released time by paraprofessionals or
  by the team's reach instead of a teacher; a decision for the role, so when any
  school needs it the plan's cost model uses it everywhere.

Every lever's saving is measured by re-costing the plan, so the identity
``cost(plan.roster, plan.cost_model) - cost(baseline) - moved = gap`` holds for
each school, and a plan is budget-neutral when every gap is at most 0.

Examples
--------
>>> import leadmodel as lm
>>> today = lm.load_sample("traditional_elementary")
>>> plan = fund_scenario(today, lm.apply_model(today, "denver"))
>>> plan.funding.loc[plan.funding["used"] > 0, "lever"].tolist()
['reallocate_pd', 'convert_coaches']
>>> # 7 Team Leads x (5,000 + 0.5 x 60,000) x 1.3 = 318,500; 54 x 1,800 = 97,200 moved and two
>>> # coach positions converted, 183,040: 38,260 still to fund
>>> plan.neutral, round(float(plan.funding["gap_after"].iloc[-1]))
(False, 38260)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

import numpy as np
import pandas as pd

from leadmodel.cost import backfill_cost_per_fte, cost, salaries
from leadmodel.errors import DefinitionError
from leadmodel.metrics.coded import teachers_by_school
from leadmodel.models import CostModel, FundingLever
from leadmodel.presets.costs import DEFAULT_LEVERS, get_cost_model, get_lever
from leadmodel.readers.roster_checks import validate_tables
from leadmodel.roster import Roster, row_keys

__all__ = ["FUNDING_COLUMNS", "FundedPlan", "budget_options", "fund_scenario"]

#: The columns of a funding table, in order (``docs/glossary.md``).
FUNDING_COLUMNS = [
    "lever",
    "label",
    "kind",
    "net_change",
    "available",
    "used",
    "gap_after",
    "fte",
    "positions",
    "neutral",
    "source",
]
_TOLERANCE = 1e-6


class FundedPlan(NamedTuple):
    """A scenario with its funding: the plan's roster and cost model, and the levers used.

    ``funding`` has one row per group (school, or ``by``) and lever tried;
    ``neutral`` is true when every group's gap is closed. ``choices`` and
    ``steps`` record what a search changed in the plan itself (see
    :func:`~leadmodel.budget_neutral_plan`).
    """

    roster: Roster
    cost_model: CostModel
    funding: pd.DataFrame
    neutral: bool
    choices: Mapping[str, float] = {}
    steps: tuple[str, ...] = ()


def _groups(roster: Roster, by: str) -> pd.Series:
    """The group of each school: itself, or a schools column."""
    schools = roster.schools.set_index("school_id")
    if by == "school_id":
        return pd.Series(schools.index.astype("string"), index=schools.index)
    if by not in schools:
        raise DefinitionError(f"Cannot fund by {by!r}: use 'school_id' or a schools column.")
    return schools[by].astype("string").fillna("<none>")


def _teachers(roster: Roster, group: pd.Series) -> pd.Series:
    """Teachers (people: a vacancy none) per group of schools."""
    per = teachers_by_school(roster)
    summed: pd.Series = per.groupby(per.index.map(group.to_dict())).sum()
    return summed.reindex(group.unique(), fill_value=0)


def _removed(roster: Roster, gone: pd.DataFrame) -> Roster:
    """The roster without the people of ``gone`` (``school_id``, ``staff_id``), links and all."""
    if gone.empty:
        return roster
    keys = row_keys(gone.astype("string"), ["school_id", "staff_id"])
    staff = roster.staff[~row_keys(roster.staff, ["school_id", "staff_id"]).isin(keys)]
    links = roster.links[
        ~row_keys(roster.links, ["school_id", "leader_id"]).isin(keys)
        & ~row_keys(roster.links, ["school_id", "staff_id"]).isin(keys)
    ]
    teams = roster.teams
    teams = teams.assign(
        lead_id=teams["lead_id"].mask(row_keys(teams, ["school_id", "lead_id"]).isin(keys))
    )
    return validate_tables(
        staff,
        links=links,
        teams=teams,
        schools=roster.schools,
        source={**roster.source, "name": "funded plan"},
    )


class _State:
    """The plan while levers are applied: its roster, cost model and money moved in."""

    def __init__(self, baseline: Roster, scenario: Roster, model: CostModel, by: str) -> None:
        self.group = _groups(scenario, by)
        self.by = by
        self.before = self._cost(baseline, model, _groups(baseline, by))
        self.roster = scenario
        self.model = model
        self.moved = pd.Series(0.0, index=self.group.unique())
        self.start = self.gap()

    def _cost(self, roster: Roster, model: CostModel, group: pd.Series) -> pd.Series:
        per_school = cost(roster, model)["leadership_cost"]
        return per_school.groupby(group.reindex(per_school.index)).sum()

    def gap(self, model: CostModel | None = None) -> pd.Series:
        """What is still to fund per group (negative: a surplus)."""
        after = self._cost(self.roster, model or self.model, self.group)
        index = self.moved.index
        return (
            after.reindex(index, fill_value=0.0)
            - self.before.reindex(index, fill_value=0.0)
            - self.moved
        )


def _per_teacher(state: _State, lever: FundingLever) -> dict[str, pd.Series]:
    gap = state.gap()
    available = _teachers(state.roster, state.group) * lever.amount_per_teacher * lever.max_share
    available = available.reindex(gap.index, fill_value=0.0).astype(float)
    used = pd.concat([gap.clip(lower=0.0), available], axis=1).min(axis=1)
    state.moved = state.moved + used
    nothing = pd.Series(0.0, index=gap.index)
    return {"available": available, "used": used, "fte": nothing, "positions": nothing * np.nan}


def _positions(state: _State, lever: FundingLever) -> dict[str, pd.Series]:
    gap = state.gap()
    staff = state.roster.staff
    held = staff[staff["role"].isin(lever.roles)]
    yearly = salaries(held, state.model).astype(float) * held["fte"].astype(float)
    held = held.assign(
        _cost=(yearly * (1 + state.model.benefits_rate)).to_numpy(),
        _group=held["school_id"].map(state.group).to_numpy(),
    ).sort_values(["_group", "_cost", "school_id", "staff_id"], ascending=[True, False, True, True])
    taken = []
    available: dict[str, float] = {}
    used: dict[str, float] = {}
    fte: dict[str, float] = {}
    names: dict[str, str] = {}
    for grp, rows in held.groupby("_group", sort=False):
        key = str(grp)
        limit = lever.max_share * float(rows["fte"].sum())
        within = rows[rows["fte"].astype(float).cumsum() <= limit + _TOLERANCE]
        available[key] = float(within["_cost"].sum())
        need = float(gap.get(key, 0.0))
        if need <= _TOLERANCE:
            continue
        before = within["_cost"].cumsum().shift(fill_value=0.0)
        chosen = within[before < need - _TOLERANCE]
        taken.append(chosen)
        used[key] = float(chosen["_cost"].sum())
        fte[key] = float(chosen["fte"].sum())
        names[key] = ", ".join(chosen["staff_id"].astype(str))
    if taken:
        state.roster = _removed(state.roster, pd.concat(taken)[["school_id", "staff_id"]])
    index = gap.index
    return {
        "available": pd.Series(available, dtype="float64").reindex(index, fill_value=0.0),
        "used": pd.Series(used, dtype="float64").reindex(index, fill_value=0.0),
        "fte": pd.Series(fte, dtype="float64").reindex(index, fill_value=0.0),
        "positions": pd.Series(names, dtype="object").reindex(index),
    }


def _backfill(state: _State, lever: FundingLever) -> dict[str, pd.Series]:
    assert lever.backfill is not None
    gap = state.gap()
    new_cost = backfill_cost_per_fte(state.model, lever.backfill)
    cheaper = {
        role: lever.backfill
        for role in lever.roles
        if backfill_cost_per_fte(state.model, state.model.backfill.get(role, "teacher")) > new_cost
    }
    switched = state.model.model_copy(update={"backfill": {**state.model.backfill, **cheaper}})
    available = (gap - state.gap(switched)).clip(lower=0.0)
    staff = state.roster.staff
    released = staff[staff["role"].isin(list(cheaper))]
    fte = (
        (released["release_fte"].astype(float).fillna(0.0) * released["fte"].astype(float))
        .groupby(released["school_id"].map(state.group))
        .sum()
        .reindex(gap.index, fill_value=0.0)
    )
    needed = bool(((gap > _TOLERANCE) & (available > _TOLERANCE)).any())
    if needed:
        state.model = switched
    used = available if needed else available * 0.0
    return {
        "available": available,
        "used": used,
        "fte": fte if needed else fte * 0.0,
        "positions": pd.Series(np.nan, index=gap.index),
    }


_APPLY = {"per_teacher": _per_teacher, "convert_positions": _positions, "backfill": _backfill}


def fund_scenario(
    baseline: Roster,
    scenario: Roster,
    cost_model: str | CostModel = "default",
    *,
    levers: Iterable[str | FundingLever] | None = None,
    by: str = "school_id",
) -> FundedPlan:
    """Fund a scenario from the baseline's budget, lever by lever; the plan and its funding.

    Parameters
    ----------
    baseline
        Today's roster: its leadership cost is the budget.
    scenario
        The redesign (a roster from :func:`~leadmodel.apply_model` or the edits).
    cost_model
        A :class:`~leadmodel.CostModel` or a preset name.
    levers
        The levers to try, in order (names or :class:`~leadmodel.FundingLever`);
        default ``DEFAULT_LEVERS``.
    by
        ``"school_id"`` (each school funds itself) or a schools column such as
        ``"district_id"`` (the district pools its levers).

    Returns
    -------
    FundedPlan
        ``roster`` (the scenario without the converted positions), ``cost_model``
        (with the backfill levers used), ``funding`` (see :func:`budget_options`)
        and ``neutral``.
    """
    model = get_cost_model(cost_model)
    chosen = [get_lever(lever) for lever in (DEFAULT_LEVERS if levers is None else levers)]
    state = _State(baseline, scenario, model, by)
    rows = []
    for lever in chosen:
        parts = _APPLY[lever.kind](state, lever)
        after = state.gap()
        rows.append(
            pd.DataFrame(
                {
                    "lever": lever.key,
                    "label": lever.label,
                    "kind": lever.kind,
                    "net_change": state.start,
                    "available": parts["available"],
                    "used": parts["used"],
                    "gap_after": after,
                    "fte": parts["fte"],
                    "positions": parts["positions"],
                    "source": lever.source,
                }
            )
        )
    final = state.gap()
    neutral = final <= _TOLERANCE
    if rows:
        table = pd.concat(rows).rename_axis(by).reset_index()
    else:
        table = pd.DataFrame(columns=[by, *FUNDING_COLUMNS])
    table["neutral"] = table[by].map(neutral).astype(bool)
    table = _typed(table[[by, *FUNDING_COLUMNS]], by)
    order = {lever.key: i for i, lever in enumerate(chosen)}
    table = table.sort_values([by, "lever"], key=lambda c: c.map(order) if c.name == "lever" else c)
    return FundedPlan(
        roster=state.roster,
        cost_model=state.model,
        funding=table.reset_index(drop=True),
        neutral=bool(neutral.all()),
    )


def _typed(table: pd.DataFrame, by: str) -> pd.DataFrame:
    out = table.copy()
    for column in (by, "lever", "label", "kind", "positions", "source"):
        out[column] = out[column].astype("string")
    for column in ("net_change", "available", "used", "gap_after", "fte"):
        out[column] = out[column].astype("float64")
    return out


def budget_options(
    baseline: Roster,
    scenario: Roster,
    cost_model: str | CostModel = "default",
    *,
    levers: Iterable[str | FundingLever] | None = None,
    by: str = "school_id",
) -> pd.DataFrame:
    """How a scenario's extra cost could be funded from the baseline budget, lever by lever.

    The levers are tried in order (default: move part of the development spending,
    convert coach positions, cover MCLs' released time with paraprofessionals, then
    by the team's reach; :func:`~leadmodel.list_levers`) until each school's (or
    group's) change is funded; :func:`fund_scenario` gives the plan itself.

    Returns
    -------
    pandas.DataFrame
        One row per school (or ``by`` group) and lever: ``lever``, ``label``,
        ``kind``, ``net_change`` (scenario minus baseline leadership cost, before
        any lever), ``available`` (what the lever could fund), ``used`` (what the
        plan takes from it), ``gap_after`` (still to fund after it; negative: a
        surplus), ``fte`` (positions converted, or released time re-covered),
        ``positions`` (the staff ids converted), ``neutral`` (the school's plan is
        funded) and ``source``; defined in ``docs/glossary.md``.

    Examples
    --------
    >>> import leadmodel as lm
    >>> today = lm.load_sample("traditional_elementary")
    >>> options = lm.budget_options(today, lm.apply_model(today, "denver"))
    >>> row = options.set_index("lever").loc["reallocate_pd"]
    >>> float(row["available"])  # 54 teachers x $18,000 x 10%
    97200.0
    """
    return fund_scenario(baseline, scenario, cost_model, levers=levers, by=by).funding
