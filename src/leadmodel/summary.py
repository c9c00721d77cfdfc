"""One row per school: who is on the roster and how they are linked.

Examples
--------
>>> import leadmodel as lm
>>> table = lm.school_summary(lm.load_sample("green_dot"))
>>> table.loc["S-GD", ["teachers", "administrators", "teachers_with_evaluator"]].tolist()
[33, 3, 33]
"""

from __future__ import annotations

import pandas as pd

from leadmodel.roles import ROLES
from leadmodel.roster import Roster

__all__ = ["school_summary"]

_CATEGORY = {r.key: r.category for r in ROLES}
_TEACHES = {r.key for r in ROLES if r.teaches}
_CATEGORY_COLUMNS = {
    "administrator": "administrators",
    "teacher_leader": "teacher_leaders",
    "coach": "coaches",
    "specialist": "specialists",
    "other": "other_staff",
}


def school_summary(roster: Roster) -> pd.DataFrame:
    """Return one row per school with staff counts by role category and link coverage.

    Parameters
    ----------
    roster
        The roster to summarise.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``school_id``, sorted; columns ``name``, ``level``,
        ``model``, ``pilot_wave``, ``enrollment``, ``staff`` (rows),
        ``fte``, ``teachers`` (people in teaching roles, teacher leaders
        included), ``administrators``, ``teacher_leaders``, ``coaches``,
        ``specialists``, ``other_staff``, ``links``,
        ``teachers_with_evaluator`` and ``teachers_with_developer``; defined in
        ``docs/glossary.md``.
    """
    staff = roster.staff
    schools = roster.schools.set_index("school_id")
    out = schools[["name", "level", "model", "pilot_wave", "enrollment"]].copy()
    by_school = staff.groupby("school_id")
    out["staff"] = by_school.size()
    out["fte"] = by_school["fte"].sum()
    teaching = staff[staff["role"].isin(_TEACHES)]
    out["teachers"] = teaching.groupby("school_id").size()
    category = staff["role"].map(_CATEGORY)
    for cat, column in _CATEGORY_COLUMNS.items():
        out[column] = staff[category == cat].groupby("school_id").size()
    links = roster.links
    out["links"] = links.groupby("school_id").size()
    for relation, column in (
        ("evaluates", "teachers_with_evaluator"),
        ("develops", "teachers_with_developer"),
    ):
        led = links.loc[links["relation"] == relation, ["school_id", "staff_id"]].drop_duplicates()
        covered = teaching.merge(led, on=["school_id", "staff_id"])
        out[column] = covered.groupby("school_id").size()
    counts = [
        "staff",
        "teachers",
        *_CATEGORY_COLUMNS.values(),
        "links",
        "teachers_with_evaluator",
        "teachers_with_developer",
    ]
    out[counts] = out[counts].fillna(0).astype("int64")
    out["fte"] = out["fte"].fillna(0.0).astype("float64")
    return out.sort_index()
