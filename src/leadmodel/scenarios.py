"""Redesign scenarios: comparison and rollout, with the edits and re-staffing they use.

Every function returns a new, re-validated :class:`~leadmodel.Roster` (or a
table) and never modifies its input. The pure edits live in :mod:`leadmodel.edits`
and re-staffing in a model's pattern in :mod:`leadmodel.restaffing`; both are
importable from here too.

Examples
--------
>>> import leadmodel as lm
>>> today = lm.load_sample("traditional_elementary")
>>> denver = lm.apply_model(today, "denver")
>>> int(lm.span_of_control(denver).query("role == 'team_lead'")["span"].max())
8
>>> len(denver.staff) == len(today.staff)
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from leadmodel.cost import cost
from leadmodel.edits import with_links, with_release_time, with_role, with_staff
from leadmodel.errors import DefinitionError
from leadmodel.metrics.compliance import compliance_from
from leadmodel.metrics.coverage import DEFAULT_SPAN_TARGET, coverage_from_spans
from leadmodel.metrics.observation import load_from_spans, summary_from_load
from leadmodel.metrics.spans import span_of_control
from leadmodel.models import (
    CostModel,
    LeadershipModel,
    ObservationPolicy,
)
from leadmodel.presets.leadership import get_model
from leadmodel.presets.policies import POLICIES, get_policy, get_time_model
from leadmodel.restaffing import apply_model, budget_neutral_plan, with_assistant_principals
from leadmodel.roster import Roster
from leadmodel.summary import summary_from_gaps

__all__ = [
    "apply_model",
    "budget_neutral_plan",
    "compare",
    "rollout",
    "with_assistant_principals",
    "with_links",
    "with_release_time",
    "with_role",
    "with_staff",
]

# ----------------------------------------------------------------------------- compare


def compare(
    scenarios: Mapping[str, Roster],
    *,
    policy: str | ObservationPolicy = "bain_10_spot_1_formal",
    model: str | LeadershipModel | None = None,
    cost_model: str | CostModel = "default",
) -> pd.DataFrame:
    """Compare scenarios school by school: a tidy long table.

    Returns
    -------
    pandas.DataFrame
        Columns ``scenario``, ``school_id``, ``metric``, ``value``; metrics
        ``teachers``, ``max_span``, ``median_span``,
        ``share_developed_within_target``, ``no_developer``, ``fragmented``,
        ``leaders_over_capacity``, ``max_utilisation`` (the headline: the most
        loaded leader's utilisation), ``observation_utilisation`` (the hours of the
        leaders who make the visits, together),
        ``leadership_cost``, ``cost_per_teacher_developed`` and, with a
        ``model``, ``compliance_score``.

    >>> import leadmodel as lm
    >>> today = lm.load_sample("green_dot")
    >>> table = lm.compare({"Today": today, "Denver": lm.apply_model(today, "denver")})
    >>> sorted(table["scenario"].unique())
    ['Denver', 'Today']
    """
    if not isinstance(scenarios, Mapping) or not scenarios:
        raise DefinitionError("Give the scenarios to compare as {name: roster}, one at least.")
    pol = get_policy(policy)
    preset = POLICIES.get(pol.key) == pol  # compliance measures a preset policy's load
    parts = []
    for name, roster in scenarios.items():
        # each measure once per scenario, as Analysis shares them: spans feed coverage and
        # the observation load, and those feed the summary, the load summary and compliance
        spans = span_of_control(roster)
        gaps = coverage_from_spans(roster, spans, DEFAULT_SPAN_TARGET)
        per_leader = load_from_spans(roster, spans, pol, get_time_model("default"))
        summary = summary_from_gaps(roster, gaps)
        load = summary_from_load(roster, pol, per_leader)
        money = cost(roster, cost_model)
        wide = pd.DataFrame(
            {
                "teachers": summary["teachers"],
                "max_span": summary["max_span"],
                "median_span": summary["median_span"],
                "share_developed_within_target": summary["share_developed_within_target"],
                "no_developer": summary["no_developer"],
                "fragmented": summary["fragmented"],
                "leaders_over_capacity": load["leaders_over_capacity"],
                "max_utilisation": load["max_utilisation"],
                "observation_utilisation": load["utilisation"],
                "leadership_cost": money["leadership_cost"],
                "cost_per_teacher_developed": money["cost_per_teacher_developed"],
            }
        )
        if model is not None:
            loads = {pol.key: per_leader} if preset else {}
            report = compliance_from(roster, get_model(model), gaps=gaps, loads=loads)
            wide["compliance_score"] = report.schools["score"]
        long = wide.astype("Float64").melt(ignore_index=False, var_name="metric")
        parts.append(long.reset_index().assign(scenario=name))
    out = pd.concat(parts, ignore_index=True)[["scenario", "school_id", "metric", "value"]]
    out["scenario"] = out["scenario"].astype("string")
    out["metric"] = out["metric"].astype("string")
    return out


def rollout(
    roster: Roster,
    model: str | LeadershipModel,
    *,
    waves: Mapping[str, Iterable[str]] | None = None,
    choices: Mapping[str, float] | None = None,
    policy: str | ObservationPolicy = "bain_10_spot_1_formal",
    cost_model: str | CostModel = "default",
    reapply: bool = False,
) -> pd.DataFrame:
    """Roll a model out in waves; compare today with the district after each wave.

    ``waves`` maps a wave name to its schools; by default the schools'
    ``pilot_wave`` column gives them (wave 1, then 2, ...). After wave ``k``
    every school of waves 1..k follows the model. Schools already on the model
    (their ``model`` column names it) are left as they are unless ``reapply``:
    re-staffing them would reset the choices they made (release, team sizes).

    Returns
    -------
    pandas.DataFrame
        The :func:`compare` table (with ``compliance_score`` against ``model``)
        for scenarios ``today``, ``after wave 1``, ...
    """
    if waves is None:
        table = roster.schools.dropna(subset=["pilot_wave"])
        waves = {str(w): g["school_id"].tolist() for w, g in table.groupby("pilot_wave")}
    key = get_model(model).key
    on_model = set(roster.schools.loc[roster.schools["model"] == key, "school_id"])
    stages: dict[str, Roster] = {"today": roster}
    done: list[str] = []
    for name, members in waves.items():
        done += [s for s in members if reapply or s not in on_model]
        stages[f"after wave {name}"] = apply_model(roster, model, choices=choices, schools=done)
    return compare(stages, policy=policy, model=model, cost_model=cost_model)
