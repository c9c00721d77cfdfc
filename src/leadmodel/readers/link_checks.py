"""The checks on a roster's links: who leads whom, in which school, without circles.

Links come from a links table and from link columns on the staff rows
(``evaluator_id``...). :func:`check_links` checks both the same way: relations, known
staff, shared schools, self-links, repeats, several tops and supervision circles.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from leadmodel.models import RELATIONS
from leadmodel.readers.issues import IssueLog, check_known, check_required_values, to_text
from leadmodel.roster import LINK_ID_COLUMNS, STRING, KeyCodes, among, id_codes, repeats
from leadmodel.walks import circles

_LIST_SEPARATOR = re.compile(r"\s*[;|,]\s*")


CYCLE_RELATIONS = ("supervises", "evaluates")


def links_from_columns(staff: pd.DataFrame, reject: pd.Series) -> pd.DataFrame:
    """Turn link-id columns on staff rows (``evaluator_id``...) into link rows."""
    parts = []
    for col, relation in LINK_ID_COLUMNS.items():
        if col not in staff:
            continue
        cells = to_text(staff.loc[~reject, col]).dropna()
        leaders = cells.str.split(_LIST_SEPARATOR).explode()
        leaders = leaders[leaders.str.len() > 0]
        if leaders.empty:
            continue
        rows = staff.loc[leaders.index]
        parts.append(
            pd.DataFrame(
                {
                    "_table": "staff",
                    "_row": rows["_row"].to_numpy(),
                    "_field": col,
                    "school_id": rows["school_id"].to_numpy(),
                    "leader_id": leaders.to_numpy(),
                    "staff_id": rows["staff_id"].to_numpy(),
                    "relation": relation,
                    "source": "input",
                }
            )
        )
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def check_links(
    links: pd.DataFrame, staff: pd.DataFrame, log: IssueLog
) -> tuple[pd.DataFrame, pd.Series, pd.Series, KeyCodes]:
    """Check links against the loaded staff; return them with masks of rejected and merged rows
    and the codes of their ids.

    A merged row repeats a link already kept (input links are kept before inferred ones, then
    the first in the input): it counts as loaded. Ids are compared as integer codes
    (:func:`id_codes`), one numbering for the staff's and the links' ids, another for their
    schools; each link's school is coded as filled in where the link named none.
    """
    absent = {"source": "input"}  # the value of a column the links lack
    for col in ("school_id", "leader_id", "staff_id", "relation", "source"):
        links[col] = (
            to_text(links[col])
            if col in links
            else pd.Series(absent.get(col, pd.NA), index=links.index, dtype=STRING)
        )
    links["source"] = links["source"].fillna("input")
    reject = check_required_values(links, "links", ["leader_id", "staff_id", "relation"], log)
    codes, spellings = pd.factorize(links["relation"])  # normalised once per spelling
    normal = pd.Index([re.sub(r"[\s\-]+", "_", v.casefold()) for v in spellings], dtype=STRING)
    relation = (
        links["relation"]
        if normal.equals(spellings)
        else pd.Series(normal.array.take(codes, allow_fill=True), index=links.index)
    )
    unknown = relation.notna() & ~relation.isin(RELATIONS)
    log.add(
        "links",
        links,
        where=unknown,
        code="unknown_relation",
        field="relation",
        message="Relation {value!r} is not known.",
        fix=f"Use one of: {', '.join(RELATIONS)}.",
    )
    links["relation"] = relation.where(~unknown, links["relation"]) if unknown.any() else relation
    reject |= unknown
    self_link = (links["leader_id"] == links["staff_id"]).fillna(False).astype(bool)
    log.add(
        "links",
        links,
        where=self_link,
        code="self_link",
        field="leader_id",
        message="{staff_id} is linked to themselves.",
        fix="Name a different leader.",
    )
    reject |= self_link

    coding = KeyCodes.of(staff, links)
    who, lead, led, schools = coding.staff_id, coding.leader, coding.led, coding.schools
    reject |= _unknown_link_ids(links, {"leader_id": lead, "staff_id": led}, who, staff, log)
    staff_places = Placements(who, coding.staff_school, len(coding.ids))
    given = (lead, led, coding.link_school)
    bad, school = _link_schools(links, reject, staff_places, given, schools, log)
    reject |= bad
    # each end as a person at the link's school (now filled in): one integer per node
    people = len(coding.ids)
    lead_at, led_at = school * people + lead, school * people + led
    kind, relations = pd.Series(coding.relation, index=links.index), coding.relations
    reject |= _cycles(links, reject, kind, relations, (lead_at, led_at), people, log)
    _several_roots(links, ~reject.to_numpy(), kind, relations, (lead_at, led_at), school, log)
    merged = _repeated_links(links, ~reject.to_numpy(), (lead_at, led, coding.relation), log)
    staff_codes = (coding.staff_school, coding.staff_id)
    filled = KeyCodes(
        schools, coding.ids, staff_codes, (school, lead, led), (relations, coding.relation)
    )
    return links, reject, merged, filled


def _unknown_link_ids(
    links: pd.DataFrame,
    ends: Mapping[str, np.ndarray],
    who: np.ndarray,
    staff: pd.DataFrame,
    log: IssueLog,
) -> pd.Series:
    """Report link ends (codes ``ends``, by column) that are no staff id (codes ``who``);
    return the mask of those rows."""
    bad = pd.Series(False, index=links.index)
    for end, codes in ends.items():
        missing = pd.Series(~among(codes, who) & (codes >= 0), index=links.index)
        if not missing.any():
            continue
        bad |= check_known(
            links,
            end,
            staff.rename(columns={"staff_id": end}),
            what="staff",
            table="links",
            log=log,
            absent=missing,
            where="the staff table (or its row was rejected)",
        )
    return bad


def _link_schools(
    links: pd.DataFrame,
    reject: pd.Series,
    staff: Placements,
    ends: tuple[np.ndarray, np.ndarray, np.ndarray],
    schools: pd.Index,
    log: IssueLog,
) -> tuple[pd.Series, np.ndarray]:
    """Fill each link's school (the one school leader and staff share); flag the rest.

    ``ends`` code each link's leader, staff member and school (into ``schools``; -1 where
    none is named). Returns the mask of flagged rows and the school codes, filled in.
    """
    lead, led, given = ends
    live = ~reject.to_numpy()
    named = np.flatnonzero(live & (given >= 0))
    school = given[named]
    fits = staff.works_at(lead[named], school) & (
        (led[named] < 0) | staff.works_at(led[named], school)
    )
    live[named[fits]] = False  # settled: both people work at the school the link names
    check = np.flatnonzero(live)  # the others: a school to find, or a problem to report
    if not len(check):
        return pd.Series(False, index=links.index), given
    rows = pd.Series(links.index.to_numpy()[check])
    shared = schools_in_common(rows, schools, staff, (lead[check], led[check], given[check]))
    bad = settle_schools(
        links,
        rows,
        shared,
        log,
        "links",
        none=(
            "cross_school_link",
            "Leader and staff member {staff_id} share no school"
            " (or not the school this link names).",
            "Link people within one school, or correct the school ids.",
        ),
        several=(
            "ambiguous_school",
            "Leader and staff member {staff_id} share several schools.",
            "Give the link a school_id.",
        ),
    )
    one = shared[(shared["nunique"] == 1).to_numpy()]
    at = links.index.get_indexer(one.index)
    filled = given.copy()
    unnamed = filled[at] < 0
    filled[at[unnamed]] = one["first"].cat.codes.to_numpy()[unnamed]
    return bad, filled


def common_schools(
    live: pd.DataFrame, staff: pd.DataFrame, leader: str, other: str
) -> pd.DataFrame:
    """Per row of ``live`` (numbered ``_i``), the schools where ``leader`` and ``other`` both
    work (``other`` may be missing: then the leader's schools), kept to the row's own
    ``school_id`` where it names one. Columns ``first`` and ``nunique``, indexed by ``_i``."""
    (who, lead, led), ids = id_codes(staff["staff_id"], live[leader], live[other])
    (where, given), schools = id_codes(staff["school_id"], live["school_id"])
    staff_places = Placements(who, where, len(ids))
    return schools_in_common(live["_i"], schools, staff_places, (lead, led, given))


def schools_in_common(
    rows: pd.Series,
    schools: pd.Index,
    staff: Placements,
    ends: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> pd.DataFrame:
    """:func:`common_schools` on integer codes (from :func:`id_codes`).

    ``ends`` codes the leader, the other person and the school of each of ``rows``; school
    code ``c`` stands for ``schools[c]``. A missing code (-1) of a leader matches nobody; of
    the other person or the school, it restricts nothing.
    """
    lead, other, given = ends
    named = np.flatnonzero(given >= 0)  # the school named, where both work there
    named = named[
        staff.works_at(lead[named], given[named])
        & ((other[named] < 0) | staff.works_at(other[named], given[named]))
    ]
    unnamed = np.flatnonzero(given < 0)  # each school of the leader where the other works too
    pair, at = staff.rows_of(lead[unnamed])
    row, school = unnamed[pair], staff.school[at]
    keep = (other[row] < 0) | staff.works_at(other[row], school)
    row = np.concatenate([named, row[keep]])
    order = np.argsort(row, kind="stable")
    school = np.concatenate([given[named], school[keep]])[order]
    return _first_and_count(rows, row[order], school, schools)


def _first_and_count(
    rows: pd.Series, row: np.ndarray, school: np.ndarray, schools: pd.Index
) -> pd.DataFrame:
    """Per row (positions ``row`` in ascending order, labelled by ``rows``), the first school
    (codes ``school`` into ``schools``, as a categorical) and the number of distinct schools."""
    first = np.flatnonzero(np.diff(row, prepend=-1))
    nunique = np.diff(first, append=len(row))
    if len(first) < len(row):  # only rows with several staff rows can have several schools
        several = np.repeat(nunique > 1, nunique)
        distinct = pd.Series(school[several]).groupby(row[several]).nunique()
        nunique[nunique > 1] = distinct.to_numpy()
    shared = pd.DataFrame(
        {"first": pd.Categorical.from_codes(school[first], schools), "nunique": nunique},
        index=pd.Index(rows.to_numpy()[row[first]], name="_i"),
    )
    return shared.sort_index()


class Placements:
    """Where people work, from the person and school codes of the staff rows
    (:func:`id_codes`, ``people`` person codes in all); rows with a missing id or school are
    left out."""

    def __init__(self, who: np.ndarray, where: np.ndarray, people: int) -> None:
        self.school = where
        self._rows = np.flatnonzero((who >= 0) & (where >= 0))
        self._who, self._where = who[self._rows], where[self._rows]
        # one entry per person code, and a last one, for the missing code -1: nobody
        self._per_person = np.bincount(self._who, minlength=people + 1)
        self._only = np.full(people + 1, -1, dtype=np.int64)
        self._only[self._who] = self._where
        self._only[self._per_person != 1] = -1  # the school of each person with one row

    def works_at(self, person: np.ndarray, school: np.ndarray) -> np.ndarray:
        """Whether each person works at the school (a code, not missing) at the same
        position: a look-up for people with one staff row, hashing for the others."""
        out: np.ndarray = self._only[person] == school
        several = self._per_person[person] > 1
        if several.any():
            size = int(max(self._where.max(), school[several].max())) + 1  # no two pairs alike
            pairs = person[several] * size + school[several]
            out[several] = among(pairs, self._who * size + self._where)
        return out

    def rows_of(self, person: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each position i of ``person`` with each staff row j of that person (in staff order),
        as the arrays of i and of j, ordered by i then j."""
        count = self._per_person[person]
        order = self._rows[np.argsort(self._who, kind="stable")]
        start = (np.cumsum(self._per_person) - self._per_person)[person]
        i = np.repeat(np.arange(len(person)), count)
        offset = np.arange(len(i)) - np.repeat(np.cumsum(count) - count, count)
        return i, order[np.repeat(start, count) + offset]


def settle_schools(
    frame: pd.DataFrame,
    rows: pd.Series,
    shared: pd.DataFrame,
    log: IssueLog,
    table: str,
    *,
    none: tuple[str, str, str],
    several: tuple[str, str, str],
) -> pd.Series:
    """Give each of ``rows`` of ``frame`` its one shared school (from :func:`common_schools`);
    report rows with none or several as ``(code, message, fix)``; return the mask of those."""
    bad = np.zeros(len(frame), dtype=bool)
    for mask_rows, (code, message, fix) in (
        (rows[~rows.isin(shared.index)], none),
        (shared.index[shared["nunique"] > 1], several),
    ):
        marked = frame.index.isin(mask_rows)
        log.add(table, frame, where=marked, code=code, field="school_id", message=message, fix=fix)
        bad |= marked
    one = shared.index[shared["nunique"] == 1]
    if len(one):
        one = one[frame.loc[one, "school_id"].isna().to_numpy()]  # a named school is the one
        frame.loc[one, "school_id"] = shared.loc[one, "first"].to_numpy()
    return pd.Series(bad, index=frame.index)


def _several_roots(
    links: pd.DataFrame,
    live: np.ndarray,
    kind: pd.Series,
    relations: pd.Index,
    ends: tuple[np.ndarray, np.ndarray],
    school: np.ndarray,
    log: IssueLog,
) -> None:
    """Warn about schools whose reporting lines have more than one person at the top.

    ``live`` marks the links to look at; ``kind`` codes their relations (into ``relations``);
    ``ends`` code each end as a person at the link's school, ``school`` the link's school.
    """
    lead_at, led_at = ends
    sup = np.flatnonzero(live & _holding(kind, relations, "supervises"))
    top = sup[~among(lead_at[sup], led_at[sup])]  # supervising, supervised by nobody
    top = top[np.unique(lead_at[top], return_index=True)[1]]  # each person at a school once
    tops_in_school = np.bincount(school[top]) if len(top) else np.zeros(0, dtype=np.int64)
    several_tops = top[tops_in_school[school[top]] > 1]
    if not len(several_tops):
        return
    tops = links.iloc[several_tops][["school_id", "leader_id"]]
    several = (
        tops.sort_values(["school_id", "leader_id"]).groupby("school_id")["leader_id"].agg(list)
    )
    log.add(
        "links",
        pd.DataFrame({"_row": [pd.NA] * len(several)}),
        code="several_roots",
        field="leader_id",
        severity="warning",
        value=pd.Series([f"{sid} ({len(ids)}): {', '.join(ids)}" for sid, ids in several.items()]),
        message="Several people are at the top of the reporting lines in {value}.",
        fix="Check whether one of them should report to another (a missing 'supervises' link).",
    )


def _in_cycles(lead: np.ndarray, led: np.ndarray, people: int) -> np.ndarray:
    """Edges whose two ends lie on one circle; ``lead`` and ``led`` code each end as a person
    at a school, ``school * people + person``.

    A circle of people at one school is also a circle of the same people with their schools
    left out, so circles are first looked for among the ``people`` (small codes, nothing to
    hash); the exact search, by person and school, runs on the edges found there alone (none
    when there is no circle at all).
    """
    maybe = np.flatnonzero(_on_one_circle(lead % people, led % people, people))
    on = np.zeros(len(lead), dtype=bool)
    if len(maybe):
        codes, uniques = pd.factorize(np.concatenate([lead[maybe], led[maybe]]))
        on[maybe] = _on_one_circle(codes[: len(maybe)], codes[len(maybe) :], len(uniques))
    return on


def _on_one_circle(source: np.ndarray, target: np.ndarray, n: int) -> np.ndarray:
    """Edges (between integer nodes ``0 .. n-1``) whose two ends lie on one circle."""
    circle = circles(source, target, n)
    on: np.ndarray = (circle[source] >= 0) & (circle[source] == circle[target])
    return on


def _holding(kind: pd.Series, relations: pd.Index, relation: str) -> np.ndarray:
    """Mask of the links whose relation code (``kind``, into ``relations``) is ``relation``."""
    if relation not in relations:
        return np.zeros(len(kind), dtype=bool)
    return np.asarray(kind.to_numpy() == relations.get_loc(relation))


def _cycles(
    links: pd.DataFrame,
    reject: pd.Series,
    kind: pd.Series,
    relations: pd.Index,
    ends: tuple[np.ndarray, np.ndarray],
    people: int,
    log: IssueLog,
) -> pd.Series:
    """Flag every link inside a circle of supervision or evaluation, within a school.

    ``kind`` codes the links' relations (into ``relations``); ``ends`` code each end as a
    person at the link's school (``school * people + person``).
    """
    lead_at, led_at = ends
    bad = np.zeros(len(links), dtype=bool)
    for relation in CYCLE_RELATIONS:
        edges = np.flatnonzero(~reject.to_numpy() & _holding(kind, relations, relation))
        circled = np.zeros(len(links), dtype=bool)
        circled[edges[_in_cycles(lead_at[edges], led_at[edges], people)]] = True
        log.add(
            "links",
            links,
            where=circled,
            code="cycle",
            field="leader_id",
            message=f"This '{relation}' link is part of a circle"
            " ({value} -> {staff_id} -> ... -> {value}).",
            fix="Break the circle: someone at the top must not report to anyone beneath them.",
        )
        bad |= circled
    return pd.Series(bad, index=links.index)


def _repeated_links(
    links: pd.DataFrame,
    live: np.ndarray,
    key: tuple[np.ndarray, np.ndarray, np.ndarray],
    log: IssueLog,
) -> pd.Series:
    """Warn about links that repeat one kept before (input links first, then in input order);
    return the mask of those. ``key`` codes each link's school and leader, staff, relation."""
    rows = np.flatnonzero(live)
    tables = (links["_table"] == "staff").to_numpy(bool)[rows]  # the links table's rows first
    order = rows[
        np.lexsort(
            (
                links["_row"].to_numpy()[rows],
                tables,
                (links["source"] != "input").to_numpy(bool)[rows],
            )
        )
    ]
    merged = np.zeros(len(links), dtype=bool)
    merged[order[repeats(*(k[order] for k in key))]] = True
    log.add(
        "links",
        links,
        where=merged,
        code="duplicate_link",
        field="relation",
        severity="warning",
        message="This link appears more than once; it is kept once.",
        fix="Remove the repeated row.",
    )
    return pd.Series(merged, index=links.index)
