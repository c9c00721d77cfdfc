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

import operator
from typing import NamedTuple

import numpy as np
import pandas as pd
from pandas.api.extensions import ExtensionArray

from leadmodel import walks
from leadmodel.graph import as_roster
from leadmodel.metrics.coded import CodedRoster, coded, index_from_codes, positions
from leadmodel.metrics.spans import (
    ArrayLike,
    Data,
    arrays,
    looked_up,
    span_of_control,
    typed,
)
from leadmodel.readers.log import TeamMembers
from leadmodel.roster import Roster, among, id_codes, renumbered, rows_in

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
#: The teacher table's count of each kind of leader.
COUNTED = {"developer": "n_developers", "evaluator": "n_evaluators", "coach": "n_coaches"}
GUIDING = ("develops", "coaches", "evaluates", "evaluation_input")
PERSON = ["school_id", "staff_id"]
LEADER = ["school_id", "leader_id"]
TEAM_KEY = ["school_id", "team_id"]


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


def _teacher_table(
    roster: Roster, span_target: int, joined: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Per teacher: leaders of each kind, the gaps, and teams sat on (``joined``: the
    :func:`memberships` when a membership table was given)."""
    c = coded(roster)
    nodes = np.flatnonzero(c.teaches)
    index = c.names(nodes, "staff_id")
    columns: dict[str, ArrayLike] = {"role": typed(c.role[nodes], "string")}
    edges = {name: c.edges([relation]) for name, relation in LEADER_KINDS.items()}
    led_by: dict[str, np.ndarray] = {}  # per teacher, how many leaders of each kind
    for name, (lead, led) in edges.items():
        order = np.lexsort((lead, led))  # each person's leaders together, in id order
        columns[f"{name}_ids"] = c.id_lists(lead[order], led[order]).take(nodes)
        columns[COUNTED[name]] = led_by[name] = np.bincount(led, minlength=c.n)[nodes]
    columns["n_guiding_leaders"] = np.bincount(c.edges(GUIDING)[1], minlength=c.n)[nodes]
    coached, evaluated = led_by["coach"] > 0, led_by["evaluator"] > 0
    columns["fragmented"] = coached & evaluated & _fragmented(c)[nodes]
    columns["no_developer"] = led_by["developer"] == 0
    columns["no_evaluator"] = ~evaluated
    lead, led = edges["developer"]
    over = np.bincount(lead, minlength=c.n) > span_target
    columns["developer_over_target"] = np.bincount(led, over[lead], minlength=c.n)[nodes] > 0
    if joined is None:  # one's own team at most: a flag per staff row (teachers are on staff)
        columns["n_teams"] = _own_team(roster)[c.staff_row[nodes]].astype("int64")
    else:
        teams = _teams_of(roster, joined)
        columns["n_teams"] = teams.reindex(index, fill_value=0).to_numpy(dtype="int64")
    return pd.DataFrame(columns, index=index)


def _is_ilt(teams: pd.DataFrame) -> np.ndarray:
    """Per team, whether it is an instructional leadership team (basis ``"ilt"``)."""
    ilt: np.ndarray = looked_up(teams["basis"].array, {"ilt": True}, False).astype(bool)
    return ilt


def _teams_of(roster: Roster, teams: pd.DataFrame) -> pd.Series:
    """How many teacher teams (not the ILT) each person sits on, by ``(school_id, staff_id)``."""
    ilt = roster.teams[_is_ilt(roster.teams)]
    on_ilt = rows_in(teams, ilt, ["school_id", "team_id"])
    return teams[~on_ilt].groupby(["school_id", "staff_id"]).size()


def _on_own_team(roster: Roster) -> np.ndarray:
    """Per staff row, whether it sits on its own team: held (vacant positions sit on no
    team) and with a ``team_id``."""
    staff = roster.staff
    held = ~staff["vacant"].to_numpy(dtype=bool, na_value=False)
    on: np.ndarray = held & ~staff["team_id"].array.isna()
    return on


def _own_team(roster: Roster) -> np.ndarray:
    """Per staff row (a node of :func:`~leadmodel.metrics.coded.coded`), whether its own
    team is a teacher team: :func:`_teams_of` without a membership table, with no join."""
    ilt = _is_ilt(roster.teams)
    own = _on_own_team(roster)
    if ilt.any() and own.any():
        own[own] = ~rows_in(roster.staff[own], roster.teams[ilt], TEAM_KEY)
    return own


def _leader_table(roster: Roster, spans: pd.DataFrame, span_target: int) -> pd.DataFrame:
    c = coded(roster)
    nodes = c.nodes_of(spans.index)
    given = arrays(spans, ["role", "category", "release_fte", "span"])
    columns: dict[str, ArrayLike] = {**given}
    all_activities = tuple(sorted({r for rels in ACTIVITIES.values() for r in rels}))
    columns["led"] = _leading(c, (*all_activities, "supervises"))[nodes]
    covers = {a: _leading(c, relations)[nodes] > 0 for a, relations in ACTIVITIES.items()}
    columns |= {f"covers_{a}": held for a, held in covers.items()}
    covered = np.stack(list(covers.values())).sum(axis=0, dtype=np.int64)
    columns["activities_covered"] = covered
    columns["end_to_end"] = covered == len(ACTIVITIES)
    # elementwise, missing where unknown (operator.eq: pandas-stubs type == on arrays as bool)
    teacher_leader = operator.eq(given["category"], "teacher_leader")
    no_release = operator.eq(given["release_fte"], 0)
    # missing for a leader not on the staff table (a roster built without validation), whose
    # role and release are unknown; a plain flag otherwise
    untimed = teacher_leader & no_release
    columns["title_without_time"] = untimed.astype("boolean" if untimed.isna().any() else bool)
    instructional = (
        covers["observation_feedback"] | covers["coaching"] | covers["evaluation"] | covers["goals"]
    )
    columns["facilitation_only"] = covers["collaboration"] & ~instructional
    columns["over_target"] = given["span"].to_numpy() > span_target
    out = pd.DataFrame(columns, index=spans.index)
    return out if spans.index.is_monotonic_increasing else out.sort_index()


def memberships(roster: Roster, members: TeamMembers | None = None) -> pd.DataFrame:
    """Everyone's teams: their own (``team_id``) and those ``members`` adds, one row each.

    A teacher on a grade team, a content team and a PLC at once has three rows. Columns:
    ``school_id``, ``team_id``, ``staff_id``; vacant positions sit on no team.
    """
    own = roster.staff.loc[_on_own_team(roster), ["school_id", "team_id", "staff_id"]]
    parts = [own]
    if members is not None:
        parts.append(members.on(roster)[["school_id", "team_id", "staff_id"]])
    out = pd.concat(parts, ignore_index=True).astype("string").drop_duplicates()
    return out.sort_values(["school_id", "team_id", "staff_id"]).reset_index(drop=True)


def _team_table(roster: Roster, joined: pd.DataFrame | None = None) -> pd.DataFrame:
    """Teacher teams only: an ILT (basis ``ilt``) gathers leaders, not a grade or subject.

    A team's members are those whose own team it is, or the :func:`memberships` ``joined``."""
    teacher_teams = ~_is_ilt(roster.teams)
    teams = {col: roster.teams[col].array[teacher_teams] for col in [*TEAM_KEY, "lead_id", "basis"]}
    rows = _team_rows(roster, joined)
    index, team, member = _team_codes(teams, rows)
    n = int(max(team.max(initial=-1), member.max(initial=-1))) + 1
    size = _per_team(np.bincount(member[member >= 0], minlength=n), team)
    columns: dict[str, ArrayLike] = {
        "lead_id": teams["lead_id"],
        "basis": teams["basis"],
        "members": size,
    }
    shared = {}
    for col, name in (("grade", "grades"), ("subject", "subjects")):
        distinct, given = _distinct_and_given(member, rows[col], n)
        columns[name] = count = _per_team(distinct, team)
        columns[f"shared_{col}"] = shared[col] = (count == 1) & (_per_team(given, team) == size)
    columns["coherent"] = shared["grade"] | shared["subject"]
    out = pd.DataFrame(columns, index=index)
    return out if index.is_monotonic_increasing else out.sort_index()


def _team_rows(roster: Roster, joined: pd.DataFrame | None) -> dict[str, ExtensionArray]:
    """Who sits on which team (``school_id``, ``team_id``) with their ``grade`` and
    ``subject``: each held position on its own team, or the :func:`memberships` ``joined``."""
    chosen = [*TEAM_KEY, "grade", "subject"]
    if joined is None:  # everyone's own team: the staff rows themselves, no join
        mine = _on_own_team(roster)
        return {col: roster.staff[col].array[mine] for col in chosen}
    profile = roster.staff[["school_id", "staff_id", "grade", "subject"]]
    rows = joined.merge(profile, on=["school_id", "staff_id"])
    return {col: rows[col].array for col in chosen}


def _team_codes(
    teams: dict[str, ExtensionArray], rows: dict[str, ExtensionArray]
) -> tuple[pd.MultiIndex, np.ndarray, np.ndarray]:
    """The ``(school_id, team_id)`` index of ``teams``, and one numbering of the distinct
    pairs of ``teams``: the code of each team and of the team each of ``rows`` sits on (-1
    where an id is missing, and for a row on none of ``teams``)."""
    codes: list[np.ndarray] = []
    row_codes: list[np.ndarray] = []
    levels: list[pd.Index] = []
    for col in TEAM_KEY:  # sorted levels, as MultiIndex.from_arrays makes them
        (code, row_code), distinct = id_codes(
            pd.Series(teams[col]), pd.Series(rows[col]), sort=True
        )
        # the levels are the teams' own ids: renumbered to those, a row's other id is -1
        (code, row_code), level = renumbered([code], distinct, row_code)
        levels.append(pd.Index(level, name=col).astype(teams[col].dtype))
        codes.append(code)
        row_codes.append(row_code)
    width = len(levels[1])

    def pairs(school: np.ndarray, ident: np.ndarray) -> np.ndarray:
        return np.where((school >= 0) & (ident >= 0), school * width + ident, -1)

    keys, row_keys = pairs(*codes), pairs(*row_codes)
    numbered = walks.distinct(keys[keys >= 0])  # sorted: a binary search finds each pair
    team, member = positions(numbered, keys), positions(numbered, row_keys)
    return index_from_codes(levels, codes, TEAM_KEY), team, member


def _distinct_and_given(
    group: np.ndarray, values: ExtensionArray, n: int
) -> tuple[np.ndarray, np.ndarray]:
    """Per group ``0 .. n-1`` of the rows (-1: none): how many distinct ``values`` its rows
    hold and how many of its rows hold one (missing values skipped, as ``nunique`` and
    ``count`` do)."""
    value, kinds = values.factorize()
    held = (group >= 0) & (value >= 0)
    width = max(len(kinds), 1)
    pairs = walks.distinct(group[held] * width + value[held])
    return np.bincount(pairs // width, minlength=n), np.bincount(group[held], minlength=n)


def _per_team(values: np.ndarray, team: np.ndarray) -> np.ndarray:
    """Each team's value of a per-code table (0 for a team with a missing id)."""
    with_none: np.ndarray = np.append(values, 0)[team]  # code -1 picks the 0 appended
    return with_none


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
    joined = None if members is None else memberships(roster, members)  # made once, used twice
    return CoverageGaps(
        teachers=_teacher_table(roster, span_target, joined),
        leaders=_leader_table(roster, spans, span_target),
        teams=_team_table(roster, joined),
    )
