"""Inferring leadership links for rosters that list people but not who leads whom.

Most HR position files give each person's job title, school and FTE but no
evaluator or coach. :func:`infer_links` draws the links a documented rule
implies, marks each with ``source = "inferred:<rule>"``, and never overwrites a
link the roster already has.

Rules
-----
``principal_ap_split`` (default)
    In each school, the principal (the first by staff id when there are
    several) supervises every other non-teaching staff member (assistant
    principals, deans, coaches, specialists, other staff). Teachers without an
    evaluator are split between the principal and the assistant principals:
    teachers are grouped by grade (elementary schools) or subject (middle and
    high schools; other schools use subject when known, else grade), whole
    groups go, largest first, to whichever evaluator has the fewest teachers so
    far (ties: principals, then APs, each by staff id), and teachers with no
    grade or subject are spread one at a time the same way. The chosen
    evaluator gets ``evaluates``, plus ``supervises`` and ``develops`` where the
    teacher has none: in the traditional model the evaluator is the person
    responsible for the teacher's development.

Examples
--------
>>> import leadmodel as lm
>>> raw = lm.load_sample("hr_export")
>>> inferred = lm.infer_links(raw)
>>> inferred.links["source"].unique().tolist()
['inferred:principal_ap_split']
"""

from __future__ import annotations

import heapq
from collections.abc import Callable

import pandas as pd

from leadmodel.errors import DefinitionError
from leadmodel.readers.issues import IssueLog
from leadmodel.roles import TEACHING_ROLES
from leadmodel.roster import Roster

__all__ = ["LINK_RULES", "infer_links"]


def group_key(teachers: pd.DataFrame, level: object) -> pd.Series:
    """Teachers' team group: grade in elementary schools, subject in middle and high schools,
    otherwise subject where any is known, else grade."""
    grade, subject = teachers["grade"], teachers["subject"]
    if level == "elementary":
        return grade
    if level in ("middle", "high"):
        return subject
    return subject.fillna(grade) if subject.notna().any() else grade


def _assign_groups(
    teachers: pd.DataFrame, evaluators: list[str], loads: dict[str, int], level: object
) -> pd.Series:
    """Greedy largest-group-first assignment of teacher groups to the least-loaded evaluator."""
    key = group_key(teachers, level)
    groups = [(ids.tolist(), str(k)) for k, ids in teachers.groupby(key, sort=True)["staff_id"]]
    groups += [([sid], "") for sid in teachers.loc[key.isna(), "staff_id"].sort_values()]
    groups.sort(key=lambda g: (-len(g[0]), g[1], g[0][0]))
    heap = [(loads.get(e, 0), i, e) for i, e in enumerate(evaluators)]
    heapq.heapify(heap)
    chosen: dict[str, str] = {}
    for ids, _ in groups:
        load, i, evaluator = heapq.heappop(heap)
        chosen.update(dict.fromkeys(ids, evaluator))
        heapq.heappush(heap, (load + len(ids), i, evaluator))
    return pd.Series(chosen, dtype="string")


def _principal_ap_split(roster: Roster, log: IssueLog) -> pd.DataFrame:
    staff, links = roster.staff, roster.links
    has = {
        rel: set(
            zip(
                links.loc[links["relation"] == rel, "school_id"],
                links.loc[links["relation"] == rel, "staff_id"],
                strict=True,
            )
        )
        for rel in ("supervises", "evaluates", "develops")
    }
    level = roster.schools.set_index("school_id")["level"]
    evaluating = links[links["relation"] == "evaluates"].groupby(["school_id", "leader_id"]).size()
    rows: list[tuple[object, object, object, str]] = []
    for school_id, people in staff.groupby("school_id", sort=True):
        people = people.sort_values("staff_id")
        principals = people.loc[people["role"] == "principal", "staff_id"].tolist()
        aps = people.loc[people["role"] == "assistant_principal", "staff_id"].tolist()
        if not principals:
            log.add(
                "staff",
                pd.DataFrame({"_row": [pd.NA], "staff_id": [pd.NA], "school": [school_id]}),
                code="no_principal",
                field="role",
                severity="warning",
                value=pd.Series([school_id]),
                message="School {value} has no principal, so no links were inferred for it.",
                fix="Add the principal to the roster, or give the school's links explicitly.",
            )
            continue
        head = principals[0]
        others = people[~people["role"].isin(TEACHING_ROLES) & (people["staff_id"] != head)]
        rows += [
            (school_id, head, s, "supervises")
            for s in others["staff_id"]
            if (school_id, s) not in has["supervises"]
        ]
        teachers = people[people["role"].isin(TEACHING_ROLES)]
        teachers = teachers[[(school_id, s) not in has["evaluates"] for s in teachers["staff_id"]]]
        if teachers.empty:
            continue
        evaluators = principals + aps
        loads = {e: int(evaluating.get((school_id, e), 0)) for e in evaluators}
        school_level = level.get(school_id)  # NA when the school has no attributes
        school_level = None if pd.isna(school_level) else school_level
        chosen = _assign_groups(teachers, evaluators, loads, school_level)
        for teacher, evaluator in chosen.items():
            rows.append((school_id, evaluator, teacher, "evaluates"))
            rows += [
                (school_id, evaluator, teacher, rel)
                for rel in ("supervises", "develops")
                if (school_id, teacher) not in has[rel]
            ]
    return pd.DataFrame(rows, columns=["school_id", "leader_id", "staff_id", "relation"])


#: Link inference rules by name (see the module documentation).
LINK_RULES: dict[str, Callable[[Roster, IssueLog], pd.DataFrame]] = {
    "principal_ap_split": _principal_ap_split,
}


def infer_links(roster: Roster, *, rule: str = "principal_ap_split") -> Roster:
    """Return a new roster with the links ``rule`` implies added where missing.

    Parameters
    ----------
    roster
        The roster; it is not modified.
    rule
        Name of the rule (see :data:`LINK_RULES` and the module documentation).

    Returns
    -------
    Roster
        The same tables with inferred links added (``source`` is
        ``"inferred:<rule>"``); schools where the rule cannot apply (no
        principal) are listed as ``no_principal`` warnings in ``issues``.

    Examples
    --------
    >>> import leadmodel as lm
    >>> roster = lm.infer_links(lm.load_sample("hr_export"))
    >>> int((roster.links["relation"] == "evaluates").sum())  # one per teacher: 16 + 17 + 18
    51
    """
    if rule not in LINK_RULES:
        raise DefinitionError(f"Unknown link rule {rule!r}; known rules: {', '.join(LINK_RULES)}.")
    log = IssueLog()
    new = LINK_RULES[rule](roster, log).assign(source=f"inferred:{rule}")
    links = pd.concat([roster.links, new.astype("string")], ignore_index=True)
    issues = (
        roster.issues
        if log.is_empty()
        else pd.concat([roster.issues, log.frame()], ignore_index=True)
    )
    return Roster(
        roster.staff,
        links,
        roster.teams,
        roster.schools,
        issues=issues,
        source={**roster.source, "link_rule": rule},
    )
