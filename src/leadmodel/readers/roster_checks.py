"""Every check on a roster, collected into one issues table.

:func:`validate_tables` takes the four raw tables (canonical column names,
values as read: text or numbers), checks all of them, and either raises one
:class:`~leadmodel.RosterError` listing every problem (``strict=True``) or
returns a :class:`~leadmodel.Roster` of the usable rows with the problems in
``roster.issues`` (``strict=False``). A row is either loaded or listed among the
errors; nothing disappears silently.

The reason codes are listed in :data:`REASON_CODES` and in ``docs/glossary.md``.

Examples
--------
>>> import pandas as pd
>>> from leadmodel.readers.roster_checks import validate_tables
>>> staff = pd.DataFrame({
...     "staff_id": ["P1", "T1", "T1"],
...     "school_id": ["S1", "S1", "S1"],
...     "role": ["principal", "teacher", "Wizard"],
... })
>>> roster = validate_tables(staff, strict=False)
>>> roster.issues[["row", "staff_id", "code"]]
   row staff_id                code
0    2       T1  duplicate_staff_id
1    3       T1  duplicate_staff_id
2    3       T1        unknown_role
>>> len(roster.staff)
1
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import numpy as np
import pandas as pd

from leadmodel.errors import RosterError
from leadmodel.readers.issues import (
    NO,
    VACANT_NAMES,
    YES,
    IssueLog,
    _text,
    check_required_values,
    check_school_ids,
    drop_blank_rows,
    join_extras,
    negative_field,
    numbered_rows,
    numeric_field,
    range_check,
    require_columns,
    row_counts,
    spelled_several_ways,
    split_extras,
    to_number,
    to_text,
    unmask,
    unread_rows,
    yes_no,
)
from leadmodel.readers.link_checks import check_links, links_from_columns
from leadmodel.roles import ROLE_CATEGORY, TEACHING_ROLES, resolve_titles
from leadmodel.roster import (
    INPUT_ALIASES,
    LINK_ID_COLUMNS,
    SCHOOL_COLUMNS,
    STAFF_COLUMNS,
    STRING,
    TEAM_COLUMNS,
    KeyCodes,
    Roster,
    among,
    empty_table,
    id_codes,
    member,
    row_keys,
    several_times,
)
from leadmodel.walks import distinct

__all__ = ["validate_tables"]


SCHOOL_LEVELS = ("elementary", "middle", "high", "k8", "k12", "other")
TEAM_BASES = ("grade", "subject", "mixed", "other", "ilt")


# ---------------------------------------------------------------- value coercion


# ---------------------------------------------------------------- the tables


_VACANT_WORDS = frozenset({"vacant", "open", "unfilled", "vacancy", "empty"})
_FILLED_WORDS = frozenset({"filled", "occupied", "active", "encumbered"})


def positions_and_people(staff: pd.DataFrame, log: IssueLog) -> pd.DataFrame:
    """Read a file of positions: ``position_id`` is the row's id, a ``staff_id`` beside it the
    incumbent's (``person_id``), and ``filled`` the opposite of ``vacant``."""
    if "position_id" in staff:
        if "staff_id" in staff:
            if "person_id" in staff:
                log.file_error(
                    "staff",
                    "duplicate_column",
                    "The staff table has position_id, staff_id and person_id: leadmodel cannot "
                    "tell whose id staff_id is.",
                    "Map the position number to position_id and the employee id to person_id.",
                    field="staff_id",
                )
                raise RosterError(log.frame())
            staff = staff.rename(columns={"staff_id": "person_id"})
        staff = staff.rename(columns={"position_id": "staff_id"})
    if "filled" in staff:
        if "vacant" in staff:
            log.file_error(
                "staff",
                "duplicate_column",
                "The staff table has both a filled and a vacant column.",
                "Map only one of them.",
                field="vacant",
            )
            raise RosterError(log.frame())
        staff = staff.rename(columns={"filled": "vacant"})
        staff.attrs["vacant_from_filled"] = True
    return staff


def _vacant_flags(values: pd.Series, inverted: bool) -> tuple[pd.Series, pd.Series]:
    """A vacant (or, ``inverted``, a filled) column as booleans, and the cells saying neither."""
    vacant_words, filled_words = YES | _VACANT_WORDS, NO | _FILLED_WORDS
    if inverted:  # a "filled" column: yes means filled, except the words that say vacant
        vacant_words, filled_words = NO | _VACANT_WORDS, YES | _FILLED_WORDS
    return yes_no(values, yes=vacant_words, no=filled_words)


def _vacancies(staff: pd.DataFrame, log: IssueLog) -> pd.Series:
    """Mark vacant positions (``vacant`` and ``incumbents``), in place; return rows to reject.

    A position is vacant when its ``vacant`` (or ``filled``) cell says so, or when its name is
    a vacancy placeholder ("Vacant", "TBD"). A vacant position names no incumbent.
    """
    reject = pd.Series(False, index=staff.index)
    if "vacant" in staff:
        flags, bad = _vacant_flags(staff["vacant"], bool(staff.attrs.get("vacant_from_filled")))
        log.add(
            "staff",
            staff,
            where=bad,
            code="invalid_value",
            field="vacant",
            message="vacant {value!r} says neither vacant nor filled.",
            fix="Write true/false, yes/no, or vacant/filled.",
        )
        reject |= bad
        vacant = flags.fillna(False).astype(bool)
    else:
        vacant = pd.Series(False, index=staff.index)
    if "name" in staff:
        named = staff["name"].str.casefold().isin(VACANT_NAMES).fillna(False).astype(bool)
        log.add(
            "staff",
            staff,
            where=named & ~vacant,
            code="vacancy",
            field="name",
            severity="warning",
            message="The position {staff_id} is vacant (its name says so); it is kept as a "
            "position that nobody holds.",
            fix="Nothing to fix; remove the row if the position should not count.",
        )
        vacant |= named
    if "person_id" in staff:
        held = vacant & staff["person_id"].notna()
        log.add(
            "staff",
            staff,
            where=held,
            code="invalid_value",
            field="person_id",
            message="The position {staff_id} is marked vacant but names an incumbent, {value!r}.",
            fix="Clear the vacancy mark or the incumbent's id.",
        )
        reject |= held
    people = pd.Series(_complete(np.ones(len(staff), dtype=np.int64)), index=staff.index)
    if "incumbents" in staff:  # a counted group of junior staff (reporting lines), or given
        given, bad = to_number(staff["incumbents"])
        bad |= (given.notna() & ((given < 0) | (given % 1 != 0))).fillna(False).astype(bool)
        log.add(
            "staff",
            staff,
            where=bad,
            code="invalid_value",
            field="incumbents",
            message="incumbents {value!r} is not a whole number of people.",
            fix="Give the number of people who hold the position (0 for a vacancy).",
        )
        reject |= bad
        people = given.where(~bad).round().astype("Int64").fillna(1)
        vacant |= (people == 0).astype(bool)
    is_vacant = vacant.to_numpy(dtype=bool)
    staff["vacant"] = _complete(is_vacant)
    staff["incumbents"] = people.mask(vacant, 0) if is_vacant.any() else people
    return reject


def _complete(values: np.ndarray) -> pd.arrays.BooleanArray | pd.arrays.IntegerArray:
    """``values`` (numpy booleans or int64) as a ``boolean`` or ``Int64`` array with no missing
    value, built directly (``pd.array`` takes 15 times as long on a short column)."""
    kind = pd.arrays.BooleanArray if values.dtype == bool else pd.arrays.IntegerArray
    return kind(values, np.zeros(len(values), dtype=bool))


#: What :func:`validate_tables` does with a title no role answers to.
Unmapped = Literal["error", "other"]


def _titles_as_other(staff: pd.DataFrame, titles: pd.Series, log: IssueLog) -> None:
    """One warning per title loaded as ``other``, with how many rows hold it."""
    counts = titles.value_counts(sort=False).sort_index()
    log.add(
        "staff",
        pd.DataFrame({"_row": pd.array([pd.NA] * len(counts), dtype="Int64")}),
        code="unmapped_title",
        field="role",
        severity="warning",
        value=pd.Series([f"{t!r} ({n} row{'s' if n != 1 else ''})" for t, n in counts.items()]),
        message="Title {value} is in no role of the catalogue or role map; loaded with role "
        "'other'.",
        fix="Map the title with role_map if it is a leadership or teaching role; "
        "list_titles() lists a file's titles with their counts.",
    )


def _staff(
    raw: pd.DataFrame,
    role_map: Mapping[str, str] | None,
    log: IssueLog,
    unmapped: Unmapped = "error",
) -> tuple[pd.DataFrame, pd.Series]:
    """Coerce and check the staff table; return it with a ``_reject`` mask."""
    staff = raw.copy(deep=False)  # copy-on-write: changes to it leave raw as it is
    unmask(staff, "staff", [*STAFF_COLUMNS, *LINK_ID_COLUMNS], log)
    raw_ids = staff["staff_id"]
    for col in (
        "staff_id",
        "school_id",
        *[
            c
            for c in STAFF_COLUMNS
            if STAFF_COLUMNS[c] == STRING and c not in ("staff_id", "school_id")
        ],
    ):
        if col in staff:
            staff[col] = to_text(staff[col])
    reject = check_required_values(staff, "staff", ["staff_id", "school_id"], log).to_numpy(
        copy=True
    )
    reject |= np.asarray(_vacancies(staff, log), dtype=bool)

    # roles: the role column wins; a blank role falls back to the job title
    if "role" not in staff:
        staff["role"] = pd.Series(pd.NA, index=staff.index, dtype=STRING)
    asked = staff["role"].fillna(staff["title"]) if "title" in staff else staff["role"]
    titles, distinct = pd.factorize(asked)  # each distinct title resolved once
    resolved = pd.Series(
        resolve_titles(distinct, role_map=role_map).array.take(titles, allow_fill=True),
        index=staff.index,
    )
    unknown = asked.notna() & resolved.isna()
    if unmapped == "other":
        _titles_as_other(staff, asked[unknown], log)
        resolved = resolved.mask(unknown, "other")
        unknown = pd.Series(False, index=staff.index)
    log.add(
        "staff",
        staff,
        where=unknown,
        code="unknown_role",
        field="role",
        value=asked[unknown],
        message="Role or title {value!r} is not in the role catalogue.",
        fix="Map it with role_map={{'{value}': '<role>'}}, or read with unmapped='other'; "
        "leadmodel.list_roles() lists the roles and list_titles() a file's titles.",
    )
    no_role = asked.isna()
    log.add(
        "staff",
        staff,
        where=no_role,
        code="missing_value",
        field="role",
        message="Neither role nor title is given.",
        fix="Fill in the role or job title.",
    )
    staff["role"] = resolved
    reject |= np.asarray(unknown | no_role, dtype=bool)

    for col in ("fte", "release_fte", "salary", "years_experience"):
        reject |= np.asarray(numeric_field(staff, "staff", col, log), dtype=bool)
    if "fte" not in staff:
        staff["fte"] = pd.Series(1.0, index=staff.index, dtype="Float64")
    staff["fte"] = staff["fte"].fillna(1.0)
    nothing = (staff["fte"] <= 0).fillna(False).astype(bool)
    log.add(
        "staff",
        staff,
        where=nothing,
        code="fte_out_of_range",
        field="fte",
        message="fte {value} is not above 0.",
        fix="Give fte as a positive share (0.5 means half time), or leave it empty for 1.",
    )
    reject |= np.asarray(nothing, dtype=bool)
    above = ((staff["fte"] > 1) & (staff["incumbents"] <= 1)).fillna(False).astype(bool)
    log.add(
        "staff",
        staff,
        where=above,
        code="fte_above_one",
        field="fte",
        severity="warning",
        message="The position {staff_id} is {value} FTE: more than one full-time post (kept).",
        fix="Nothing to fix for a position above one FTE; otherwise correct the FTE.",
    )
    if "release_fte" not in staff:
        staff["release_fte"] = pd.Series(pd.NA, index=staff.index, dtype="Float64")
    rel = staff["release_fte"]
    reject |= range_check(
        staff,
        "staff",
        "release_fte",
        "release_out_of_range",
        (rel < 0) | (rel > 1),
        "[0, 1]",
        log,
    ).to_numpy(dtype=bool)
    if "release_purpose" in staff:
        orphan = staff["release_purpose"].notna() & rel.isna()
        log.add(
            "staff",
            staff,
            where=orphan,
            code="missing_value",
            field="release_fte",
            message="release_purpose is given but release_fte is empty.",
            fix="Give the share of the schedule released (e.g. 0.5).",
        )
        reject |= np.asarray(orphan, dtype=bool)
    for col in ("salary", "years_experience"):
        if col in staff:
            reject |= np.asarray(negative_field(staff, "staff", col, log), dtype=bool)

    person, spellings = pd.factorize(staff["staff_id"])
    school, _ = pd.factorize(staff["school_id"])
    repeated, shared = _duplicate_ids(staff, raw_ids, (person, spellings, school), log)
    reject |= np.asarray(repeated, dtype=bool)
    # a job share's rows are each their person's when person_id says whose (else one id's)
    named = staff["person_id"].notna().to_numpy(bool) if "person_id" in staff else False
    skip = pd.Series(reject | (shared.to_numpy(bool) & ~np.asarray(named)), index=staff.index)
    over = _fte_over_one(staff, skip, (person, school), log)
    reject |= np.asarray(over, dtype=bool)
    staff = _merge_job_shares(staff, shared & ~reject)
    return staff, pd.Series(reject, index=raw.index)


def _duplicate_ids(
    staff: pd.DataFrame,
    raw_ids: pd.Series,
    codes: tuple[np.ndarray, Any, np.ndarray],
    log: IssueLog,
) -> tuple[pd.Series, pd.Series]:
    """Report staff ids that repeat in one school, or that differ from another only in
    surrounding whitespace or letter case; ``codes`` are the staff ids factorized (codes and
    distinct spellings) and the school ids' codes.

    Rows repeating one position id with one role and different people (by ``person_id``, else
    by name) are a job share, not a repeat: returned apart, to be kept as one position.
    Returns the rows to reject and the rows of job shares."""
    person, spellings, school = codes
    # a row repeats its (school, id) pair only if its id is on several rows: those alone
    # are sorted by the pair (few, or none, in most rosters)
    has = (person >= 0) & (school >= 0)
    rows = np.flatnonzero(has)
    rows = rows[several_times(person[rows])]
    repeated = np.zeros(len(staff), dtype=bool)
    repeated[rows] = several_times(school[rows] * (len(spellings) + 1) + person[rows])
    dup = pd.Series(repeated, index=staff.index, dtype=bool)
    varied = pd.Series(False, index=staff.index)
    if dup.any():  # a repeated id's group holds only repeated rows: look at those alone
        raw_text = raw_ids[dup].astype(object).map(lambda v: v if isinstance(v, str) else _text(v))
        raw_spellings = (
            staff[dup]
            .assign(_raw=raw_text)
            .groupby(["school_id", "staff_id"], dropna=False)["_raw"]
            .transform("nunique")
        )
        varied[dup] = raw_spellings.gt(1).to_numpy()
    exact = dup & ~varied
    shared = _job_shares(staff, exact)
    log.add(
        "staff",
        staff,
        where=exact & ~shared,
        code="duplicate_staff_id",
        field="staff_id",
        message="Staff id {value!r} appears more than once in this school, and the rows are not "
        "one position shared by different people (same role, different person_id or name).",
        fix="Give each position its own id; for a job share give each row the incumbent's "
        "person_id (or name).",
    )
    log.add(
        "staff",
        staff,
        where=shared,
        code="job_share",
        field="staff_id",
        severity="warning",
        message="Position {value!r} is held by several people (this row is one of them); its "
        "rows are kept as one position, their FTE added up and the incumbents counted.",
        fix="Nothing to fix for a job share; give each position its own id if they are not one.",
    )
    log.add(
        "staff",
        staff,
        where=varied,
        code="id_variant",
        field="staff_id",
        value=raw_ids[varied],
        message="Staff id {value!r} differs from another id only in surrounding whitespace.",
        fix="Write the id the same way everywhere.",
    )
    case = pd.Series(has & spelled_several_ways(spellings, person), index=staff.index)
    log.add(
        "staff",
        staff,
        where=case,
        code="id_variant",
        field="staff_id",
        message="Staff id {value!r} differs from another staff id only in letter case, Unicode "
        "form or invisible characters.",
        fix="Ids must match exactly: write each person's id the same way everywhere.",
    )
    return (dup & ~shared) | case, shared


def _job_shares(staff: pd.DataFrame, repeated: pd.Series) -> pd.Series:
    """Of rows repeating a position id, those of positions shared by different people."""
    if not repeated.any():
        return pd.Series(False, index=staff.index)
    rows = staff[repeated]
    who = rows["person_id"] if "person_id" in rows else pd.Series(pd.NA, index=rows.index)
    if "name" in rows:
        who = who.fillna(rows["name"])
    keys = [rows["school_id"], rows["staff_id"]]
    groups = pd.DataFrame({"role": rows["role"], "who": who, "vacant": rows["vacant"]})
    by = groups.groupby(keys, dropna=False, sort=False)
    one_role = by["role"].transform("nunique") == 1
    different_people = (by["who"].transform("nunique") == by["who"].transform("size")) & (
        by["who"].transform("count") == by["who"].transform("size")
    )
    held = ~by["vacant"].transform("any").astype(bool)
    shared = pd.Series(False, index=staff.index)
    shared[rows.index] = (one_role & different_people & held).to_numpy(dtype=bool)
    return shared


def _merge_job_shares(staff: pd.DataFrame, shared: pd.Series) -> pd.DataFrame:
    """Each job share as one position row: the first row, with the shares' FTE summed, the
    incumbents counted, their ids and names listed, and their link columns united.

    The other rows of the share are dropped from the table (they are loaded, into the first).
    """
    if not shared.any():
        return staff
    rows = staff[shared]
    keys = [rows["school_id"], rows["staff_id"]]
    first = ~rows.duplicated(["school_id", "staff_id"], keep="first")
    by = rows.groupby(keys, sort=False)
    merged = rows[first].copy()
    index = pd.MultiIndex.from_frame(merged[["school_id", "staff_id"]])

    def per_group(values: pd.Series) -> pd.Series:
        return values.reindex(index).set_axis(merged.index)

    merged["fte"] = per_group(by["fte"].sum())
    merged["incumbents"] = per_group(by["fte"].size()).astype("Int64")
    for col, sep in (("person_id", ";"), ("name", "; "), *((c, ";") for c in LINK_ID_COLUMNS)):
        if col in rows:
            joined = by[col].agg(_joined, sep=sep)
            merged[col] = per_group(joined).astype(STRING)
    out = staff.drop(index=rows.index[~first.to_numpy()])
    out.loc[merged.index, merged.columns] = merged
    return out


def _joined(values: pd.Series, sep: str) -> Any:
    """The distinct values, in order, joined by ``sep`` (missing when there is none)."""
    distinct = list(dict.fromkeys(str(v) for v in values.dropna()))
    return sep.join(distinct) if distinct else pd.NA


def _fte_over_one(
    staff: pd.DataFrame, skip: pd.Series, codes: tuple[np.ndarray, np.ndarray], log: IssueLog
) -> pd.Series:
    """Report people whose FTE sums above 1 across schools.

    A person is their ``person_id`` when the file gives one, else their ``staff_id``; only a
    person's rows in different schools are added up (one position may be more than 1 FTE).
    ``codes`` are the staff ids' and the school ids' codes.
    """
    ok = np.flatnonzero(~skip.to_numpy())
    person, school = codes[0][ok], codes[1][ok]
    if "person_id" in staff:
        rows = staff.iloc[ok]
        person, _ = pd.factorize(rows["person_id"].fillna(rows["staff_id"]))
    people, width = int(person.max(initial=-1)) + 1, int(school.max(initial=0)) + 1
    # only a person on several rows can be in several schools: look at those rows alone
    several = np.flatnonzero(several_times(person))
    ok, person, school = ok[several], person[several], school[several]
    places = distinct(person * width + school)  # each (person, school) once
    schools = np.bincount(places // width, minlength=people)[person]
    fte = staff["fte"].to_numpy(dtype=np.float64, na_value=np.nan)[ok]
    total = np.bincount(person, weights=fte, minlength=people)[person]
    over = np.zeros(len(staff), dtype=bool)
    over[ok] = (schools > 1) & (total > 1 + 1e-9)
    log.add(
        "staff",
        staff,
        where=over,
        code="fte_over_one",
        field="fte",
        message="Staff {staff_id}'s FTE sums above 1 across schools.",
        fix="Correct the FTE split so that each person's rows sum to at most 1.",
    )
    return pd.Series(over, index=staff.index)


def _non_schools(
    schools: pd.DataFrame,
    staff: pd.DataFrame,
    places: tuple[np.ndarray, pd.Index],
    log: IssueLog,
) -> pd.DataFrame:
    """Mark the units that are not schools (``non_school``), and say which, once.

    A unit the schools table marks is one; a unit it does not mark is one when people work in
    it and no position in it is a school administrator's (principal, assistant principal, dean)
    and none teaches: a central office, a network, a citywide service. A unit nobody works in
    stays a school (nothing says otherwise). ``places`` codes each staff row's school (into the
    sorted school ids it gives).
    """
    where, school_ids = places
    held = ~staff["vacant"].fillna(False).to_numpy(bool) if "vacant" in staff else True
    held = np.broadcast_to(held, len(staff))
    school_posts = {r for r, c in ROLE_CATEGORY.items() if c == "administrator"} | TEACHING_ROLES
    schooling = held & staff["role"].isin(school_posts).fillna(False).to_numpy(bool)
    staffed = np.append(np.bincount(where[held], minlength=len(school_ids)) > 0, False)
    with_school = np.append(np.bincount(where[schooling], minlength=len(school_ids)) > 0, False)
    unit = school_ids.get_indexer(pd.Index(schools["school_id"]))  # -1: nobody works there
    flags = staffed[unit] & ~with_school[unit]
    if "non_school" in schools:  # the table's own mark wins
        given = schools["non_school"].astype("boolean")
        flags = given.fillna(pd.Series(flags, index=schools.index)).to_numpy(dtype=bool)
    out = schools.assign(non_school=_complete(flags))
    if flags.any():
        units = out["school_id"][flags].sort_values()
        log.add(
            "schools",
            pd.DataFrame({"_row": pd.array([pd.NA], dtype="Int64")}),
            code="non_school",
            field="school_id",
            severity="warning",
            value=pd.Series([f"{len(units)}: {', '.join(map(str, units))}"]),
            message="Units that are not schools (no principal, no teacher, or marked so in the "
            "schools table), left out of school measures by Analysis and the report: {value}.",
            fix="Nothing to fix; mark a unit with non_school in the schools table to decide "
            "yourself, or use roster.schools_only() for school measures.",
        )
    return out


def _schools(raw: pd.DataFrame, log: IssueLog) -> tuple[pd.DataFrame, pd.Series]:
    schools = raw.copy(deep=False)
    for col, dtype in SCHOOL_COLUMNS.items():
        if col in schools and dtype == STRING:
            schools[col] = to_text(schools[col])
    reject = check_school_ids(schools, log).to_numpy(copy=True)
    if "non_school" in schools:
        flags, bad = yes_no(schools["non_school"])
        log.add(
            "schools",
            schools,
            where=bad,
            code="invalid_value",
            field="non_school",
            message="non_school {value!r} is neither true nor false.",
            fix="Write true/false or yes/no (blank: decided from the unit's staff).",
        )
        schools["non_school"] = flags
        reject |= bad.to_numpy(dtype=bool)
    if "level" in schools:
        level = schools["level"].str.casefold().str.replace(r"[\s\-]+", "", regex=True)
        bad = level.notna() & ~level.isin(SCHOOL_LEVELS)
        log.add(
            "schools",
            schools,
            where=bad,
            code="invalid_value",
            field="level",
            message="Level {value!r} is not known.",
            fix=f"Use one of: {', '.join(SCHOOL_LEVELS)}.",
        )
        schools["level"] = level
        reject |= bad.to_numpy(dtype=bool)
    for col in ("enrollment", "pilot_wave"):
        if col not in schools:
            continue
        wrong = numeric_field(schools, "schools", col, log)
        values = schools[col]
        fractional = (values.to_numpy(dtype=float, na_value=0.0) % 1 != 0) & ~wrong.to_numpy()
        log.add(
            "schools",
            schools,
            where=fractional,
            code="wrong_type",
            field=col,
            message=f"{col} {{value}} is not a whole number.",
            fix=f"Give {col} as a whole number.",
        )
        negative = negative_field(schools, "schools", col, log)
        schools[col] = values.where(~(fractional | negative)).round().astype("Int64")
        reject |= (wrong | fractional | negative).to_numpy(dtype=bool)
    return schools, pd.Series(reject, index=schools.index)


def _teams(
    raw: pd.DataFrame, staff: pd.DataFrame, schools: pd.DataFrame, log: IssueLog
) -> tuple[pd.DataFrame, pd.Series]:
    teams = raw.copy(deep=False)
    for col in TEAM_COLUMNS:
        teams[col] = (
            to_text(teams[col])
            if col in teams
            else pd.Series(pd.NA, index=teams.index, dtype=STRING)
        )
    reject = check_required_values(teams, "teams", ["school_id", "team_id"], log).to_numpy(
        copy=True
    )
    dup = ~reject & teams.duplicated(["school_id", "team_id"], keep=False).to_numpy()
    log.add(
        "teams",
        teams,
        where=dup,
        code="duplicate_team_id",
        field="team_id",
        message="Team id {value!r} appears more than once in this school.",
        fix="Give each team one row.",
    )
    reject |= dup
    basis = teams["basis"].str.casefold()
    bad = (basis.notna() & ~basis.isin(TEAM_BASES)).to_numpy(dtype=bool)
    log.add(
        "teams",
        teams,
        where=bad,
        code="invalid_value",
        field="basis",
        message="Team basis {value!r} is not known.",
        fix=f"Use one of: {', '.join(TEAM_BASES)}.",
    )
    teams["basis"] = basis
    reject |= bad
    unknown = teams["lead_id"].notna().to_numpy(copy=True)
    if unknown.any():
        known = row_keys(staff, ["school_id", "staff_id"])
        unknown &= ~pd.MultiIndex.from_arrays([teams["school_id"], teams["lead_id"]]).isin(known)
    log.add(
        "teams",
        teams,
        where=unknown,
        code="unknown_staff",
        field="lead_id",
        message="Team lead {value!r} is not on this school's staff.",
        fix="Correct the lead id or add the person to the staff table.",
    )
    reject |= unknown
    known_schools = member(
        teams["school_id"], pd.concat([staff["school_id"], schools["school_id"]])
    )
    stray = (teams["school_id"].notna() & ~known_schools).to_numpy(dtype=bool)
    log.add(
        "teams",
        teams,
        where=stray,
        code="unknown_school",
        field="school_id",
        message="School {value!r} has no staff and is not in the schools table.",
        fix="Correct the team's school id, or add the school and its staff.",
    )
    reject |= stray
    return teams, pd.Series(reject, index=teams.index)


def _add_unlisted(
    checked: pd.DataFrame,
    reject: pd.Series,
    key: list[str],
    name: str,
    staff_rows: pd.DataFrame,
    log: IssueLog,
    *,
    warn: bool,
    own: list[str],
) -> pd.DataFrame:
    """The rows of ``checked`` not rejected (``reject``), without the columns ``own`` (the
    checks' own), and rows for ids (``key``) the staff (``staff_rows``) name but these lack,
    with a warning each.

    Ids whose own row was rejected are added too, so their staff keep a school or team, with
    the warning ``<name>_row_rejected`` instead of ``<name>_not_listed``.
    """
    rejected_rows = reject.to_numpy(dtype=bool)
    columns = [c for c in checked.columns if c not in own]
    table = checked.loc[~rejected_rows, columns] if rejected_rows.any() else checked[columns]
    if not set(key) <= set(staff_rows.columns):
        return table
    unlisted = _keys_not_in(staff_rows, table, key)
    if not len(unlisted):
        return table
    missing = staff_rows.iloc[unlisted][key]
    if warn:
        first = staff_rows.merge(missing, on=key).drop_duplicates(key)
        was_rejected = pd.Series(False, index=first.index)
        rejected = checked[rejected_rows]
        if len(rejected):
            was_rejected = pd.Series(
                pd.MultiIndex.from_frame(first[key]).isin(
                    pd.MultiIndex.from_frame(rejected[key].dropna())
                ),
                index=first.index,
            )
        log.add(
            "staff",
            first,
            where=~was_rejected,
            code=f"{name}_not_listed",
            field=key[-1],
            severity="warning",
            message=f"{key[-1]} {{value!r}} is not in the {name}s table;"
            " it was added with no attributes.",
            fix=f"Add the {name} to the {name}s table.",
        )
        log.add(
            "staff",
            first,
            where=was_rejected,
            code=f"{name}_row_rejected",
            field=key[-1],
            severity="warning",
            message=f"The {name}s row of {{value!r}} was rejected (see its error); the {name} is"
            " kept with no attributes because staff belong to it.",
            fix=f"Correct the {name}s row.",
        )
    return pd.concat([table, missing], ignore_index=True)


def _keys_not_in(wanted: pd.DataFrame, table: pd.DataFrame, key: list[str]) -> np.ndarray:
    """Positions of the rows of ``wanted`` whose ``key`` (no value missing) no row of ``table``
    has, the first row of each such key only, in order: one coding of each key column."""
    mix_wanted = np.zeros(len(wanted), dtype=np.int64)
    mix_table = np.zeros(len(table), dtype=np.int64)
    complete = np.ones(len(wanted), dtype=bool)
    for col in key:
        values = table[col] if col in table else pd.Series([], dtype=STRING)
        (mine, theirs), distinct_values = id_codes(wanted[col], values)
        width = len(distinct_values) + 1  # code -1 (missing) becomes 0
        mix_wanted, mix_table = mix_wanted * width + mine + 1, mix_table * width + theirs + 1
        complete &= mine >= 0
    rows = np.flatnonzero(complete & ~among(mix_wanted, mix_table))
    first = np.unique(mix_wanted[rows], return_index=True)[1]  # a key's first row
    return rows[np.sort(first)]


def validate_tables(
    staff: pd.DataFrame,
    *,
    links: pd.DataFrame | None = None,
    teams: pd.DataFrame | None = None,
    schools: pd.DataFrame | None = None,
    role_map: Mapping[str, str] | None = None,
    strict: bool = True,
    source: Mapping[str, Any] | None = None,
    notes: IssueLog | None = None,
    what: str = "roster",
    unmapped: Unmapped = "error",
    schools_file: bool = True,
) -> Roster:
    """Check raw tables and build a :class:`~leadmodel.Roster`.

    Parameters
    ----------
    staff, links, teams, schools
        Raw tables with canonical column names (as :func:`leadmodel.read_roster`
        produces after applying the column map). ``staff`` may carry link
        columns (``evaluator_id``, ``supervisor_id``, ... see
        :data:`LINK_ID_COLUMNS`), with several ids separated by ``;``.
    role_map
        Extra ``{job title: role}`` entries.
    strict
        Raise on any error (default); otherwise keep the usable rows and put the
        problems in ``roster.issues``.
    source
        Provenance recorded on the roster (input name, checksum).
    notes
        Issues found while reading the files (such as a mixed encoding), reported
        with the rest.
    what
        What the input is, for the error's message (``"roster"``, ``"reporting lines"``).
    schools_file
        Whether the units are schools (default), so that a unit without a principal or a
        teacher is marked ``non_school``; ``False`` for a generic organisation's chart, whose
        units are left unmarked.
    unmapped
        ``"error"`` (default): a title no role answers to is an ``unknown_role`` error;
        ``"other"``: it is loaded as role ``other``, with one ``unmapped_title`` warning per
        title giving its number of rows.

    Raises
    ------
    RosterError
        In strict mode when any error is found; in both modes when nothing can be
        loaded (missing required column, no data rows).
    """
    log = notes if notes is not None else IssueLog()
    unread = {t: unread_rows(log, t) for t in ("staff", "links", "teams", "schools")}
    staff_in, blank = drop_blank_rows(numbered_rows(staff, "staff"), log, "staff")
    staff_in = positions_and_people(staff_in, log)
    # columns leadmodel does not know ride along untouched: checks run on the known ones only
    staff_in, extras_in = split_extras(staff_in, [*STAFF_COLUMNS, *LINK_ID_COLUMNS, *INPUT_ALIASES])
    if staff_in.empty:
        log.file_error(
            "staff",
            "empty_file",
            "The staff table has no data rows.",
            "Check that the right file or sheet was given and that it has rows under the header.",
        )
    required_ok = require_columns(staff_in, "staff", ["staff_id", "school_id"], log)
    if "role" not in staff_in and "title" not in staff_in:
        log.file_error(
            "staff",
            "missing_column",
            "The staff table has neither a 'role' nor a 'title' column.",
            "Map your job-title column with column_map={'Job Title': 'title'}.",
            field="role",
        )
        required_ok = False
    links_in, teams_in = numbered_rows(links, "links"), numbered_rows(teams, "teams")
    required_ok &= require_columns(links_in, "links", ["leader_id", "staff_id", "relation"], log)
    required_ok &= require_columns(teams_in, "teams", ["school_id", "team_id"], log)
    schools_in = numbered_rows(schools, "schools")
    required_ok &= require_columns(schools_in, "schools", ["school_id"], log)
    if staff_in.empty or not required_ok:
        raise RosterError(log.frame(), what=what)

    schools_t, school_reject = _schools(schools_in, log)
    staff_t, staff_reject = _staff(staff_in, role_map, log, unmapped)
    staff_reject_kept = staff_reject.reindex(staff_t.index)  # job shares are one row now
    good_staff = staff_t[~staff_reject_kept]

    column_links = links_from_columns(staff_t, staff_reject_kept)
    table_links = links_in.assign(_table="links", _field=None)
    all_links = (
        pd.concat([table_links, column_links], ignore_index=True)
        if len(column_links)
        else table_links
    )
    no_rows = pd.Series(dtype=bool)
    no_links = np.zeros(0, dtype=np.int64)
    if len(all_links):
        links_t, link_reject, link_merged, link_codes = check_links(all_links, good_staff, log)
    else:
        links_t, link_reject, link_merged = all_links, no_rows, no_rows
        link_codes = KeyCodes.of(good_staff, empty_table("links"))

    teams_t, team_reject = _teams(teams_in, good_staff, schools_t.loc[~school_reject], log)
    good_teams = _add_unlisted(
        teams_t,
        team_reject,
        ["school_id", "team_id"],
        "team",
        good_staff,
        log,
        warn=teams is not None,
        own=[c for c in teams_t.columns if str(c).startswith("_")],
    )
    good_schools = _add_unlisted(
        schools_t,
        school_reject,
        ["school_id"],
        "school",
        good_staff,
        log,
        warn=schools is not None,
        own=["_row"],
    )
    if schools_file:
        good_schools = _non_schools(
            good_schools, good_staff, (link_codes.staff_school, link_codes.schools), log
        )

    issues = log.frame()
    if strict and (issues["severity"] == "error").any():
        raise RosterError(issues, what=what)
    from_table = all_links["_table"] == "links" if len(all_links) else no_rows
    counts = {
        "staff": row_counts(staff_reject, blank=blank, unread=unread["staff"]),
        "links": row_counts(
            link_reject[from_table] if len(all_links) else no_rows, unread=unread["links"]
        ),
        "teams": row_counts(team_reject, unread=unread["teams"]),
        "schools": row_counts(school_reject, unread=unread["schools"]),
        "links_from_staff_columns": (
            row_counts(link_reject[~from_table]) if len(all_links) else row_counts(no_rows)
        ),
    }
    kept_links = np.flatnonzero(~link_reject & ~link_merged) if len(all_links) else no_links
    added = [
        c
        for c in staff_t.columns
        if c not in STAFF_COLUMNS and c not in LINK_ID_COLUMNS and c != "_row"
    ]
    kept_staff = join_extras(
        good_staff[[c for c in STAFF_COLUMNS if c in good_staff] + added], extras_in
    )
    staff_order, link_order, keys = _key_order(link_codes, kept_links)
    if not len(all_links):
        final_links = empty_table("links")
    else:
        columns = [i for i, c in enumerate(links_t.columns) if not str(c).startswith("_")]
        final_links = links_t.iloc[kept_links[link_order], columns]
    return Roster(
        kept_staff if staff_order is None else kept_staff.take(staff_order),
        final_links,
        good_teams,
        good_schools,
        issues=issues,
        source={**(source or {}), "rows": counts},
        keys=keys,
    )


def _key_order(
    codes: KeyCodes, kept_links: np.ndarray
) -> tuple[np.ndarray | None, np.ndarray, KeyCodes]:
    """The order of the kept staff rows (``None``: already in key order) and of the kept
    links (positions ``kept_links`` of the checked links) by their table keys, and the codes
    of their ids in that order: integer codes (``codes``) are sorted, not texts."""
    every = slice(None)  # kept_links are increasing positions: all of them when as many
    keys = codes.taken(every, every if len(kept_links) == len(codes.led) else kept_links)
    keys = keys.compacted()
    staff_order = np.lexsort((keys.staff_id, keys.staff_school))
    link_order = np.lexsort((keys.relation, keys.led, keys.leader, keys.link_school))
    keys = keys.taken(staff_order, link_order)  # copies: the roster keeps no view of codes
    in_order = bool((staff_order == np.arange(len(staff_order))).all())
    return None if in_order else staff_order, link_order, keys
