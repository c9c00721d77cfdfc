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

from leadmodel.metrics.coded import teachers_by_school
from leadmodel.metrics.coverage import DEFAULT_SPAN_TARGET, CoverageGaps, coverage_gaps
from leadmodel.metrics.leadership import students_per_leader, undeveloped_leaders
from leadmodel.roles import ROLE_CATEGORY
from leadmodel.roster import Roster, people_in

__all__ = ["school_summary"]

CATEGORY_COLUMNS = {
    "administrator": "administrators",
    "teacher_leader": "teacher_leaders",
    "coach": "coaches",
    "specialist": "specialists",
    "other": "other_staff",
}


def school_summary(roster: Roster, *, span_target: int = DEFAULT_SPAN_TARGET) -> pd.DataFrame:
    """Return one row per school: staff by role category, spans and coverage gaps.

    Parameters
    ----------
    roster
        The roster to summarise.
    span_target
        Ceiling on a developer's span (default 13, Green Dot's maximum).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``school_id``, sorted; columns ``name``, ``level``,
        ``model``, ``pilot_wave``, ``enrollment``, ``staff`` (rows),
        ``fte``, ``teachers`` (people in teaching roles, teacher leaders
        included), ``administrators``, ``teacher_leaders``, ``coaches``,
        ``specialists``, ``other_staff``, ``links``,
        ``teachers_with_evaluator``, ``teachers_with_developer``,
        ``max_span``, ``median_span``, ``share_developed_within_target``,
        ``no_developer``, ``no_evaluator``, ``fragmented``,
        ``leaders_over_target``, ``title_without_time``,
        ``facilitation_only``, ``max_students_per_leader`` (the most students one
        leader is accountable for through the teachers they develop,
        :func:`~leadmodel.students_per_leader`) and ``leaders_not_developed``
        (:func:`~leadmodel.undeveloped_leaders`); defined in ``docs/glossary.md``.

    Examples
    --------
    >>> import leadmodel as lm
    >>> row = lm.school_summary(lm.load_sample("traditional_elementary")).loc["S-TRAD"]
    >>> int(row["max_span"]), int(row["title_without_time"])  # 27 teachers each; 6 chairs
    (27, 6)
    """
    return summary_from_gaps(roster, coverage_gaps(roster, span_target=span_target))


def summary_from_gaps(roster: Roster, gaps: CoverageGaps) -> pd.DataFrame:
    """:func:`school_summary` from the coverage gaps already computed (as ``compare`` and
    ``Analysis`` have them), at the span target they were computed for."""
    staff = roster.staff
    schools = roster.schools.set_index("school_id")
    out = schools[["name", "level", "model", "pilot_wave", "enrollment"]].copy()
    by_school = staff.groupby("school_id")
    out["staff"] = by_school.size()
    out["fte"] = by_school["fte"].sum()
    out["teachers"] = teachers_by_school(roster)  # people: a vacancy 0, a job share 2
    people = people_in(staff)
    category = staff["role"].map(ROLE_CATEGORY)
    for cat, column in CATEGORY_COLUMNS.items():
        mine = (category == cat).fillna(False).to_numpy(bool)
        out[column] = people[mine].groupby(staff["school_id"][mine]).sum()
    out["links"] = roster.links.groupby("school_id").size()
    for relation, column in (
        ("evaluates", "teachers_with_evaluator"),
        ("develops", "teachers_with_developer"),
    ):
        out[column] = teachers_by_school(roster, relation)
    counts = [
        "staff",
        "teachers",
        *CATEGORY_COLUMNS.values(),
        "links",
        "teachers_with_evaluator",
        "teachers_with_developer",
    ]
    out[counts] = out[counts].fillna(0).astype("int64")
    out["fte"] = out["fte"].fillna(0.0).astype("float64")
    out = out.join(_span_and_gap_columns(roster, gaps))
    return out.join(_leadership_columns(roster)).sort_index()


def _leadership_columns(roster: Roster) -> pd.DataFrame:
    """The most students one leader is accountable for, and leaders nobody develops."""
    index = pd.Index(roster.schools["school_id"].astype("string"), name="school_id")
    students = students_per_leader(roster)["students"].groupby(level="school_id").max()
    undeveloped = ~undeveloped_leaders(roster)["developed"]
    out = pd.DataFrame(index=index)
    out["max_students_per_leader"] = students.reindex(index).astype("Float64")
    out["leaders_not_developed"] = (
        undeveloped.groupby(level="school_id").sum().reindex(index, fill_value=0).astype("int64")
    )
    return out


def _span_and_gap_columns(roster: Roster, gaps: CoverageGaps) -> pd.DataFrame:
    teachers, leaders = gaps.teachers, gaps.leaders
    school_index = roster.schools["school_id"].astype("string")
    developing = leaders[leaders["span"] > 0].groupby(level="school_id")["span"]
    out = pd.DataFrame(index=pd.Index(school_index, name="school_id"))
    out["max_span"] = developing.max().reindex(out.index).astype("Int64")
    out["median_span"] = developing.median().reindex(out.index).astype("Float64")
    within = ~teachers["no_developer"] & ~teachers["developer_over_target"]
    share = within.groupby(level="school_id").mean()
    out["share_developed_within_target"] = share.reindex(out.index).astype("Float64")
    for col in ("no_developer", "no_evaluator", "fragmented"):
        out[col] = teachers[col].groupby(level="school_id").sum().reindex(out.index, fill_value=0)
    leader_flags = {
        "leaders_over_target": "over_target",
        "title_without_time": "title_without_time",
        "facilitation_only": "facilitation_only",
    }
    for col, flag in leader_flags.items():
        out[col] = leaders[flag].groupby(level="school_id").sum().reindex(out.index, fill_value=0)
    return out.astype({c: "int64" for c in (*_GAP_COUNTS,)})


_GAP_COUNTS = (
    "no_developer",
    "no_evaluator",
    "fragmented",
    "leaders_over_target",
    "title_without_time",
    "facilitation_only",
)
