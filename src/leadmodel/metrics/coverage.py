"""Coverage gaps: who develops, evaluates and coaches each teacher, and where that fails.

:func:`coverage_gaps` returns three tables (see ``docs/glossary.md``):

``teachers``
    one row per teacher (anyone in a teaching role): their developers,
    evaluators and coaches, how many leaders guide them, and the flags
    ``no_developer``, ``no_evaluator``, ``fragmented`` (a coach who neither
    evaluates nor gives evaluation input) and ``developer_over_target``.
``leaders``
    one row per leader: which of the five development activities they hold
    for the people they lead, and the flags ``title_without_time``,
    ``facilitation_only`` and ``over_target``.
``teams``
    one row per teacher team: whether its members share a grade or a subject
    (instructional leadership teams, basis ``"ilt"``, are left out: see
    :func:`~leadmodel.ilt_check`).

The five activities are read from the relations a leader holds:
goals (``develops``), observation and feedback (``coaches``, ``evaluates``
or ``evaluation_input``), coaching (``coaches``), collaboration
(``facilitates``) and evaluation (``evaluates`` or ``evaluation_input``).

Examples
--------
>>> import leadmodel as lm
>>> gaps = lm.coverage_gaps(lm.load_sample("fresno_facilitation"))
>>> int(gaps.leaders["facilitation_only"].sum())
6
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from leadmodel.graph import as_roster
from leadmodel.metrics.coded import CodedRoster, coded
from leadmodel.metrics.spans import Data, span_of_control
from leadmodel.readers.log import TeamMembers
from leadmodel.roster import Roster, among, rows_in

__all__ = ["ACTIVITIES", "DEFAULT_SPAN_TARGET", "CoverageGaps", "coverage_gaps"]

#: Default ceiling on a developer's span: Green Dot's "no more than 13 teachers" per leader.
DEFAULT_SPAN_TARGET = 13

#: The five development activities and the relations that show a leader holds them.
ACTIVITIES: dict[str, tuple[str, ...]] = {
    "goals": ("develops",),
    "observation_feedback": ("coaches", "evaluates", "evaluation_input"),
    "coaching": ("coaches",),
    "collaboration": ("facilitates",),
    "evaluation": ("evaluates", "evaluation_input"),
}
#: The teacher table's leader columns (``developer_ids``, ``n_developers``...) and their relation.
LEADER_KINDS = {"developer": "develops", "evaluator": "evaluates", "coach": "coaches"}
GUIDING = ("develops", "coaches", "evaluates", "evaluation_input")
PERSON = ["school_id", "staff_id"]
LEADER = ["school_id", "leader_id"]


class CoverageGaps(NamedTuple):
    """The three tables of :func:`coverage_gaps`."""

    teachers: pd.DataFrame
    leaders: pd.DataFrame
    teams: pd.DataFrame


def _leading(c: CodedRoster, relations: tuple[str, ...]) -> np.ndarray:
    """Per node, how many distinct people they hold one of ``relations`` to."""
    lead, _ = c.edges(relations)
    return np.bincount(lead, minlength=c.n)


def _fragmented(c: CodedRoster) -> np.ndarray:
    """Per node, whether a coach of theirs neither evaluates them nor gives evaluation input."""
    lead, led = c.edges(["coaches"])
    evaluative = c.edges(["evaluates", "evaluation_input"])
    unlinked = ~among(lead * c.n + led, evaluative[0] * c.n + evaluative[1])
    return np.bincount(led[unlinked], minlength=c.n) > 0


def _teacher_table(roster: Roster, span_target: int, teams: pd.DataFrame) -> pd.DataFrame:
    c = coded(roster)
    nodes = np.flatnonzero(c.teaches)
    out = pd.DataFrame(index=c.names(nodes, "staff_id"))
    out["role"] = pd.array(c.role[nodes], dtype="string")
    edges = {name: c.edges([relation]) for name, relation in LEADER_KINDS.items()}
    for name, (lead, led) in edges.items():
        order = np.lexsort((lead, led))  # each person's leaders together, in id order
        out[f"{name}_ids"] = c.id_lists(lead[order], led[order]).take(nodes)
        out[f"n_{name}s"] = np.bincount(led, minlength=c.n)[nodes]
    out["n_guiding_leaders"] = np.bincount(c.edges(GUIDING)[1], minlength=c.n)[nodes]
    has_both = (out["n_coachs"] > 0) & (out["n_evaluators"] > 0)
    out["fragmented"] = has_both & _fragmented(c)[nodes]
    out["no_developer"] = out["n_developers"] == 0
    out["no_evaluator"] = out["n_evaluators"] == 0
    lead, led = edges["developer"]
    over = np.bincount(lead, minlength=c.n) > span_target
    out["developer_over_target"] = np.bincount(led, over[lead], minlength=c.n)[nodes] > 0
    out["n_teams"] = _teams_of(roster, teams).reindex(out.index, fill_value=0).astype("int64")
    return out.rename(columns={"n_coachs": "n_coaches"})


def _teams_of(roster: Roster, teams: pd.DataFrame) -> pd.Series:
    """How many teacher teams (not the ILT) each person sits on, by ``(school_id, staff_id)``."""
    ilt = roster.teams.loc[(roster.teams["basis"] == "ilt").fillna(False).astype(bool)]
    on_ilt = rows_in(teams, ilt, ["school_id", "team_id"])
    return teams[~on_ilt].groupby(["school_id", "staff_id"]).size()


def _leader_table(roster: Roster, spans: pd.DataFrame, span_target: int) -> pd.DataFrame:
    c = coded(roster)
    nodes = c.nodes_of(spans.index)
    out = spans[["role", "category", "release_fte", "span"]].copy()
    all_activities = tuple(sorted({r for rels in ACTIVITIES.values() for r in rels}))
    out["led"] = _leading(c, (*all_activities, "supervises"))[nodes]
    for activity, relations in ACTIVITIES.items():
        out[f"covers_{activity}"] = _leading(c, relations)[nodes] > 0
    covers = [f"covers_{a}" for a in ACTIVITIES]
    out["activities_covered"] = out[covers].sum(axis=1).astype("int64")
    out["end_to_end"] = out["activities_covered"] == len(ACTIVITIES)
    out["title_without_time"] = (out["category"] == "teacher_leader") & (out["release_fte"] == 0)
    instructional = out[
        ["covers_observation_feedback", "covers_coaching", "covers_evaluation", "covers_goals"]
    ].any(axis=1)
    out["facilitation_only"] = out["covers_collaboration"] & ~instructional
    out["over_target"] = out["span"] > span_target
    for col in ("title_without_time", "facilitation_only", "over_target"):
        out[col] = out[col].astype(bool)
    return out.sort_index()


def memberships(roster: Roster, members: TeamMembers | None = None) -> pd.DataFrame:
    """Everyone's teams: their own (``team_id``) and those ``members`` adds, one row each.

    A teacher on a grade team, a content team and a PLC at once has three rows. Columns:
    ``school_id``, ``team_id``, ``staff_id``; vacant positions sit on no team.
    """
    staff = roster.staff[~roster.staff["vacant"].fillna(False).astype(bool)]
    own = staff.loc[staff["team_id"].notna(), ["school_id", "team_id", "staff_id"]]
    parts = [own]
    if members is not None:
        parts.append(members.on(roster)[["school_id", "team_id", "staff_id"]])
    out = pd.concat(parts, ignore_index=True).astype("string").drop_duplicates()
    return out.sort_values(["school_id", "team_id", "staff_id"]).reset_index(drop=True)


def _team_table(roster: Roster, members: TeamMembers | None = None) -> pd.DataFrame:
    """Teacher teams only: an ILT (basis ``ilt``) gathers leaders, not a grade or subject.

    A team's members are those whose own team it is and those ``members`` puts on it."""
    is_ilt = (roster.teams["basis"] == "ilt").fillna(False).to_numpy(dtype=bool)
    teams = roster.teams[~is_ilt].set_index(["school_id", "team_id"])[["lead_id", "basis"]]
    profile = roster.staff[["school_id", "staff_id", "grade", "subject"]]
    on_teams = memberships(roster, members).merge(profile, on=["school_id", "staff_id"])
    grouped = on_teams.groupby(["school_id", "team_id"])
    out = teams.copy()
    out["members"] = grouped.size().reindex(out.index, fill_value=0)
    for col, name in (("grade", "grades"), ("subject", "subjects")):
        out[name] = grouped[col].nunique().reindex(out.index, fill_value=0)
        given = grouped[col].count().reindex(out.index, fill_value=0)
        out[f"shared_{col}"] = (out[name] == 1) & (given == out["members"])
    out["coherent"] = out["shared_grade"] | out["shared_subject"]
    return out.sort_index()


def coverage_gaps(
    data: Data, *, span_target: int = DEFAULT_SPAN_TARGET, members: TeamMembers | None = None
) -> CoverageGaps:
    """Per-teacher, per-leader and per-team coverage of teacher development.

    Parameters
    ----------
    data
        A roster or its graph.
    span_target
        Ceiling on a developer's span (``develops`` links); default 13, Green
        Dot's maximum.
    members
        The teams people sit on besides their own (:func:`~leadmodel.read_members`): a
        teacher on a grade team, a content team and a PLC at once is a member of each.

    Returns
    -------
    CoverageGaps
        ``teachers`` indexed by ``(school_id, staff_id)``, ``leaders`` by
        ``(school_id, leader_id)``, ``teams`` by ``(school_id, team_id)`` (teacher teams:
        teams with basis ``"ilt"`` are left out).
    """
    roster = as_roster(data)
    spans = span_of_control(roster, relation="develops")
    return coverage_from_spans(roster, spans, span_target, members)


def coverage_from_spans(
    roster: Roster, spans: pd.DataFrame, span_target: int, members: TeamMembers | None = None
) -> CoverageGaps:
    """:func:`coverage_gaps` from development spans already computed (as ``Analysis`` has)."""
    teams = memberships(roster, members)
    return CoverageGaps(
        teachers=_teacher_table(roster, span_target, teams),
        leaders=_leader_table(roster, spans, span_target),
        teams=_team_table(roster, members),
    )
