"""Team formation: assign teachers to leaders with a mixed-integer program (HiGHS).

Teachers carry a group (their grade or subject). Each leader has a home: a
teacher leader's own group; administrators, who have none, are dealt whole
groups, largest first, each to the first administrator it fits (first-fit
decreasing bin packing). :func:`form_teams`
then decides how many teachers of each group each leader takes so that:

1. every teacher is assigned and no leader exceeds the cap;
2. as few teachers as possible sit outside their leader's home groups (the
   teams stay pure in grade or subject wherever the cap allows);
3. then the largest team is as small as possible;
4. then, within each group, its leaders' teams are as even as possible.

The goals are combined lexicographically (off-home teachers first) in one
integer program solved by :func:`scipy.optimize.milp` (HiGHS); it is a
transportation problem, so it solves in milliseconds. Teachers within a group
go to leaders in staff-id order, so the result is deterministic.

Examples
--------
>>> import pandas as pd
>>> from leadmodel.teaming import form_teams
>>> teachers = pd.DataFrame({"staff_id": list("abcdefg"), "group": list("KKKK111")})
>>> leaders = pd.DataFrame({"leader_id": ["L1", "L2"], "home": ["K", "1"]})
>>> form_teams(teachers, leaders, cap=4).groupby("leader_id")["staff_id"].apply(list).to_dict()
{'L1': ['a', 'b', 'c', 'd'], 'L2': ['e', 'f', 'g']}
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from leadmodel.errors import DefinitionError
from leadmodel.readers.issues import to_text

__all__ = ["assign_teams", "form_teams"]


def form_teams(teachers: pd.DataFrame, leaders: pd.DataFrame, *, cap: int) -> pd.DataFrame:
    """Assign teachers to leaders: fewest off-home teachers, then the smallest largest team.

    Parameters
    ----------
    teachers
        Columns ``staff_id`` and ``group`` (grade or subject; missing is its own group).
    leaders
        Columns ``leader_id`` and ``home`` (the leader's own group, or missing
        for leaders who have none, such as administrators).
    cap
        Most teachers one leader may take.

    Returns
    -------
    pandas.DataFrame
        ``staff_id``, ``leader_id``, one row per teacher, sorted by staff id.

    Raises
    ------
    DefinitionError
        When the leaders cannot hold every teacher within the cap.
    """
    groups = to_text(teachers["group"]).fillna("<none>")  # 3.0 and "3" are the same group
    homes = to_text(leaders["home"]).astype(object)
    pairs = assign_teams(
        [str(s) for s in teachers["staff_id"]],
        [str(g) for g in groups],
        [str(k) for k in leaders["leader_id"]],
        [None if pd.isna(h) else str(h) for h in homes],
        cap=cap,
    )
    return pd.DataFrame(pairs, columns=["staff_id", "leader_id"], dtype="string")


def assign_teams(
    ids: list[str], groups: list[str], leader_ids: list[str], homes: list[str | None], *, cap: int
) -> list[tuple[str, str]]:
    """:func:`form_teams` on lists: teachers ``ids`` in ``groups``, leaders ``leader_ids`` with
    ``homes`` (``None``: no home). Returns ``(staff_id, leader_id)`` pairs sorted by staff id.

    The integer program depends only on the group sizes, the leaders' homes (as group numbers)
    and the cap, so it is solved once per distinct problem (:func:`_team_counts`): the schools
    of a district that have the same structure share one solve.
    """
    if not ids:
        return []
    if len(leader_ids) * cap < len(ids):
        raise DefinitionError(
            f"{len(leader_ids)} leaders with at most {cap} teachers each cannot hold "
            f"{len(ids)} teachers."
        )
    if len(set(leader_ids)) < len(leader_ids):
        raise DefinitionError("Each leader may appear only once in the leaders table.")
    names = sorted(set(groups))
    number = {name: g for g, name in enumerate(names)}
    sizes = [0] * len(names)
    for group in groups:
        sizes[number[group]] += 1
    at_home = _homes(homes, names, sizes, cap)
    # a leader's home group may have no teachers left to place (all of them lead): no home
    home_numbers = tuple(tuple(sorted(number[g] for g in h if g in number)) for h in at_home)
    counts = _team_counts(tuple(sizes), home_numbers, cap)
    return _deal(ids, [number[g] for g in groups], counts, leader_ids)


def _homes(
    homes: list[str | None], groups: list[str], sizes: list[int], cap: int
) -> list[set[str]]:
    """Each leader's home groups: their own group; leaders without one (administrators) are
    dealt whole groups, largest first, each to the first leader it fits (first-fit
    decreasing), or else to the leader with the most room."""
    out: list[set[str]] = [set() if h is None else {h} for h in homes]
    free = [k for k, h in enumerate(out) if not h]
    if not free:
        return out
    taken = {g for h in out for g in h}
    room = {k: float(cap) for k in free}
    order = sorted(
        (g for g in range(len(groups)) if groups[g] not in taken),
        key=lambda g: (-sizes[g], groups[g]),
    )
    for g in order:
        fits = [k for k in free if room[k] >= sizes[g]]
        best = fits[0] if fits else max(free, key=lambda k: (room[k], -k))
        out[best].add(groups[g])
        room[best] -= sizes[g]
    return out


@functools.lru_cache(maxsize=65_536)
def _team_counts(
    sizes: tuple[int, ...], homes: tuple[tuple[int, ...], ...], cap: int
) -> tuple[tuple[int, ...], ...]:
    """How many teachers of each group (``sizes``) each leader takes, the leaders' home groups
    given by number: the integer program of :func:`form_teams` (one row per group)."""
    G, L = len(sizes), len(homes)
    size = np.array(sizes, dtype=float)
    # variables: x[g, k] teachers of group g with leader k (G * L); z, the largest team; and
    # z_g, the largest team among the leaders whose home is group g (to balance within a group)
    n_vars = G * L + 1 + G
    off_home = np.array([[0.0 if g in homes[k] else 1.0 for k in range(L)] for g in range(G)])
    # lexicographic weights: off-home teachers, then the largest team, then each group's largest
    w_group = 1.0
    w_z = G * cap * w_group + 1.0
    w_off = (w_z + G * w_group) * cap + 1.0
    cost = np.concatenate([off_home.ravel() * w_off, [w_z], np.full(G, w_group)])
    assign = np.zeros((G, n_vars))  # every teacher of each group is placed
    for g in range(G):
        assign[g, g * L : (g + 1) * L] = 1.0
    load = np.zeros((L, n_vars))  # team size <= z (and z <= cap by its bound)
    for k in range(L):
        load[k, k : G * L : L] = 1.0
        load[k, G * L] = -1.0
    group_rows = []  # team size <= z_g for leaders at home in group g
    for g in range(G):
        for k in range(L):
            if g in homes[k]:
                row = np.zeros(n_vars)
                row[k : G * L : L] = 1.0
                row[G * L + 1 + g] = -1.0
                group_rows.append(row)
    from scipy.optimize import Bounds, LinearConstraint, milp  # imported here: a slow import

    constraints = [LinearConstraint(assign, size, size), LinearConstraint(load, -np.inf, 0.0)]
    if group_rows:
        constraints.append(LinearConstraint(np.array(group_rows), -np.inf, 0.0))
    result = milp(
        cost,
        constraints=constraints,
        integrality=np.ones(n_vars),
        bounds=Bounds(
            np.zeros(n_vars), np.concatenate([np.repeat(size, L), np.full(G + 1, float(cap))])
        ),
    )
    if result.x is None:
        raise DefinitionError(f"No team assignment found: {result.message}")
    counts = np.rint(result.x[: G * L]).astype(int).reshape(G, L)
    return tuple(tuple(int(v) for v in row) for row in counts)


def _deal(
    ids: list[str], group: list[int], counts: tuple[tuple[int, ...], ...], leader_ids: list[str]
) -> list[tuple[str, str]]:
    """Hand each group's teachers (by staff id) to leaders in the numbers the solver chose."""
    members: list[list[str]] = [[] for _ in counts]
    for sid, g in zip(ids, group, strict=True):
        members[g].append(sid)
    out = []
    for g, row in enumerate(counts):
        chosen = sorted(members[g])
        start = 0
        for k, n in enumerate(row):
            out += [(sid, leader_ids[k]) for sid in chosen[start : start + n]]
            start += n
    return sorted(out)
