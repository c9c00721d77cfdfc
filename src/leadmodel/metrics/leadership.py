"""Who leads, how many kinds of leader there are, and who develops the leaders.

Three measures the research behind leadmodel reports and the roster can answer:

- :func:`role_proliferation`: the leadership role types a school or district has,
  the share of its teachers holding a teacher-leader role, and its leadership
  positions per principal (the report: one district had "some 40 different types
  of roles and more than 35% of its teachers held one of them"; in another, "12
  additional leadership positions for each principal");
- :func:`students_per_leader`: the students each leader is accountable for,
  through the teachers they develop;
- :func:`undeveloped_leaders`: leaders nobody develops or coaches ("who coaches
  the coaches": at KIPP Sunshine Peak the principal "spends most of her time
  coaching the coaches").

Examples
--------
>>> import leadmodel as lm
>>> table = role_proliferation(lm.load_sample("traditional_elementary"))
>>> table.loc["S-TRAD", ["leadership_positions", "leadership_positions_per_principal"]].tolist()
[9.0, 9.0]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from leadmodel.errors import DefinitionError
from leadmodel.graph import as_roster
from leadmodel.metrics.spans import Data
from leadmodel.roles import ROLE_CATEGORY, TEACHING_ROLES, normalise_title
from leadmodel.roster import Roster, people_in

__all__ = ["role_proliferation", "students_per_leader", "undeveloped_leaders"]

LEADERS = ("administrator", "teacher_leader", "coach")
GUIDES = ("develops", "coaches")


def _leadership_positions(staff: pd.DataFrame) -> pd.DataFrame:
    """Staff rows in leadership roles other than principal."""
    category = staff["role"].map(ROLE_CATEGORY)
    return staff[category.isin(LEADERS).to_numpy() & (staff["role"] != "principal").to_numpy()]


def _role_type(positions: pd.DataFrame) -> pd.Series:
    """A position's role type: its job title as written (case and punctuation aside), else its
    role."""
    types = [
        normalise_title(str(title)) if pd.notna(title) and str(title).strip() else str(role)
        for title, role in zip(positions["title"], positions["role"], strict=True)
    ]
    return pd.Series(types, index=positions.index, dtype="object")


def _group(roster: Roster, by: str) -> pd.Series:
    schools = roster.schools.set_index("school_id")
    if by == "school_id":
        return pd.Series(schools.index.astype("string"), index=schools.index)
    if by not in schools:
        raise DefinitionError(f"Cannot roll up by {by!r}: use 'school_id' or a schools column.")
    return schools[by].astype("string").fillna("<none>")


def role_proliferation(data: Data, *, by: str = "school_id") -> pd.DataFrame:
    """Leadership role types, teachers holding a leadership role, positions per principal.

    Parameters
    ----------
    data
        A roster or its graph.
    by
        ``"school_id"`` or a schools column (``"district_id"``): role types are counted
        once across the group.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``by``: ``principals``, ``leadership_positions`` (administrators other
        than principals, teacher leaders and coaches), ``leadership_positions_per_principal``,
        ``leadership_role_types`` (distinct job titles among those positions, or roles where
        no title is given), ``teachers``, ``teachers_with_leadership_role`` (teachers holding
        a teacher-leader role) and ``share_teachers_with_leadership_role``; defined in
        ``docs/glossary.md``. Per principal is missing where there is no principal, shares
        where there are no teachers.

    Examples
    --------
    >>> import leadmodel as lm
    >>> row = role_proliferation(lm.load_sample("district"), by="district_id").loc["SD"]
    >>> share = row["share_teachers_with_leadership_role"]
    >>> int(row["leadership_role_types"]), round(float(share), 3)
    (5, 0.186)
    """
    roster = as_roster(data)
    group = _group(roster, by)
    staff = roster.staff.assign(_g=roster.staff["school_id"].map(group))
    index = pd.Index(sorted(group.unique()), name=by, dtype="string")
    positions = _leadership_positions(staff)
    teaching = staff[staff["role"].isin(TEACHING_ROLES)]
    out = pd.DataFrame(index=index)
    out["principals"] = staff[staff["role"] == "principal"].groupby("_g").size()
    out["leadership_positions"] = positions.groupby("_g").size()
    out = out.reindex(index).fillna(0).astype("float64")
    per = out["leadership_positions"] / out["principals"].where(out["principals"] > 0)
    out["leadership_positions_per_principal"] = per.astype("Float64")
    types = positions.assign(_type=_role_type(positions)).groupby("_g")["_type"].nunique()
    out["leadership_role_types"] = types.reindex(index, fill_value=0).astype("int64")
    people = people_in(teaching)  # people, not positions: a vacancy 0, a job share 2
    leading = (teaching["role"].map(ROLE_CATEGORY) == "teacher_leader").to_numpy(bool)
    out["teachers"] = people.groupby(teaching["_g"]).sum().reindex(index, fill_value=0)
    held = people.where(leading, 0).groupby(teaching["_g"]).sum().reindex(index, fill_value=0)
    out["teachers_with_leadership_role"] = held
    out["share_teachers_with_leadership_role"] = (
        held / out["teachers"].where(out["teachers"] > 0)
    ).astype("Float64")
    out[["principals", "leadership_positions"]] = out[
        ["principals", "leadership_positions"]
    ].astype("int64")
    return out


def students_per_leader(data: Data) -> pd.DataFrame:
    """The students each leader is accountable for through the teachers they develop.

    A school's students are shared among its teachers in proportion to their FTE
    (the roster says who teaches, not whom), so a leader's students are
    ``enrollment x FTE of the teachers they develop / FTE of all the school's
    teachers``; missing where the school's enrollment is not given.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``(school_id, leader_id)``, leaders who develop at least one
        teacher: ``role``, ``teachers_developed``, ``teacher_fte_developed``,
        ``students`` (estimated) and ``share_of_students``.

    Examples
    --------
    >>> import leadmodel as lm
    >>> table = students_per_leader(lm.load_sample("traditional_elementary"))
    >>> table["students"].tolist()  # 570 students x 27 / 54 teachers each
    [285.0, 285.0]
    """
    roster = as_roster(data)
    staff = roster.staff
    teaching = staff[staff["role"].isin(TEACHING_ROLES)]
    fte = teaching.set_index(["school_id", "staff_id"])["fte"].astype(float)
    school_fte = fte.groupby(level="school_id").sum()
    links = roster.links[roster.links["relation"] == "develops"]
    pairs = links[["school_id", "leader_id", "staff_id"]].drop_duplicates()
    pairs = pairs.merge(fte.reset_index(), on=["school_id", "staff_id"], how="inner")
    per = pairs.groupby(["school_id", "leader_id"]).agg(
        teachers_developed=("staff_id", "size"), teacher_fte_developed=("fte", "sum")
    )
    roles = staff.set_index(["school_id", "staff_id"])["role"]
    per.insert(0, "role", roles.reindex(per.index).to_numpy())
    schools = per.index.get_level_values("school_id")
    share = per["teacher_fte_developed"].to_numpy() / school_fte.reindex(schools).to_numpy()
    enrollment = roster.schools.set_index("school_id")["enrollment"].astype("Float64")
    per["students"] = (
        pd.Series(enrollment.reindex(schools).to_numpy(dtype=float, na_value=np.nan) * share)
        .astype("Float64")
        .to_numpy()
    )
    per["share_of_students"] = share
    per["teachers_developed"] = per["teachers_developed"].astype("int64")
    per["role"] = per["role"].astype("string")
    return per.sort_index()


def undeveloped_leaders(data: Data) -> pd.DataFrame:
    """Leaders nobody in the school develops or coaches: who coaches the coaches?

    Every administrator other than a principal (principals are developed from outside
    the school), teacher leader and coach, with the people who hold ``develops`` or
    ``coaches`` to them.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``(school_id, leader_id)``: ``role``, ``developed_by`` (their
        developers and coaches, comma-separated; missing when none) and
        ``developed`` (someone does).

    Examples
    --------
    >>> import leadmodel as lm
    >>> table = undeveloped_leaders(lm.load_sample("kipp_sunshine_peak"))
    >>> int((~table["developed"]).sum())  # the principal develops the APs and teacher leaders
    0
    """
    roster = as_roster(data)
    positions = _leadership_positions(roster.staff)
    links = roster.links[roster.links["relation"].isin(GUIDES)]
    # only links to leaders matter (most development links are to teachers)
    at = pd.MultiIndex.from_frame(links[["school_id", "staff_id"]])
    links = links[at.isin(pd.MultiIndex.from_frame(positions[["school_id", "staff_id"]]))]
    guides = (
        links.drop_duplicates(["school_id", "staff_id", "leader_id"])
        .sort_values(["school_id", "staff_id", "leader_id"])
        .groupby(["school_id", "staff_id"])["leader_id"]
        .agg(", ".join)
    )
    out = positions.set_index(["school_id", "staff_id"])[["role"]].rename_axis(
        ["school_id", "leader_id"]
    )
    out["developed_by"] = guides.reindex(out.index).astype("string").to_numpy()
    out["developed"] = out["developed_by"].notna().to_numpy()
    out["role"] = out["role"].astype("string")
    return out.sort_index()
