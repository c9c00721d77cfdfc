"""The checks on a strategic plan's tables: ids, references, owners, dates, demands, updates.

:func:`leadmodel.readers.plan.read_plan` reads the tables; this module holds what a plan's
rows must satisfy, one concern per function, each reporting into the shared issues table
and returning the rows it leaves out. The tables' columns are defined here
(:data:`PLAN_COLUMNS`), once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from leadmodel.errors import DefinitionError
from leadmodel.readers.files import header_key
from leadmodel.readers.issues import (
    IssueLog,
    check_known,
    id_key,
    negative_field,
    numeric_field,
    row_counts,
)
from leadmodel.readers.log import parse_dates
from leadmodel.roles import ROLE_CATEGORY, resolve_titles
from leadmodel.roster import FLOAT, STRING, Roster

__all__ = [
    "PLAN_COLUMNS",
    "PLAN_TABLES",
    "ROCK_DAYS",
    "ROCK_STATUSES",
    "Part",
    "check_demands",
    "check_initiatives",
    "check_priorities",
    "check_rocks",
    "check_updates",
]

#: The plan's tables, in reading order (a workbook without an ``initiatives`` sheet holds the
#: initiatives in its first sheet).
PLAN_TABLES: tuple[str, ...] = ("initiatives", "priorities", "demands", "rocks", "updates")

DATE: Any = "datetime64[ns]"
#: Canonical columns of each table of a plan and their dtypes (``docs/glossary.md``).
PLAN_COLUMNS: dict[str, dict[str, Any]] = {
    "priorities": {"priority_id": STRING, "name": STRING},
    "initiatives": {
        "initiative_id": STRING,
        "name": STRING,
        "priority_id": STRING,
        "owner_id": STRING,
        "owner_role": STRING,
        "start_date": DATE,
        "end_date": DATE,
    },
    "demands": {
        "initiative_id": STRING,
        "school_id": STRING,
        "team_id": STRING,
        "role": STRING,
        "staff_id": STRING,
        "hours_per_month": FLOAT,
    },
    "rocks": {
        "rock_id": STRING,
        "name": STRING,
        "owner_id": STRING,
        "school_id": STRING,
        "team_id": STRING,
        "initiative_id": STRING,
        "priority_id": STRING,
        "start_date": DATE,
        "end_date": DATE,
    },
    "updates": {
        "rock_id": STRING,
        "date": DATE,
        "status": STRING,
        "progress": FLOAT,
        "note": STRING,
    },
}
#: The columns each table must have, and each row must fill.
REQUIRED: dict[str, tuple[str, ...]] = {
    "priorities": ("priority_id", "name"),
    "initiatives": ("initiative_id", "name", "start_date"),
    "demands": ("initiative_id",),
    "rocks": ("rock_id", "name", "owner_id", "start_date", "end_date"),
    "updates": ("rock_id", "date", "status"),
}
#: The sort order of each table (its first column is the id it is about).
KEYS: dict[str, list[str]] = {
    "priorities": ["priority_id"],
    "initiatives": ["initiative_id"],
    "demands": ["initiative_id", "school_id", "team_id", "role", "staff_id", "row"],
    "rocks": ["rock_id"],
    "updates": ["rock_id", "date", "row"],
}
#: Days a rock's window may span, from its start date to its end date: "short-term, 45-day
#: 'rocks'" (the school-improvement guide among the seed documents); a longer one is a
#: ``long_rock`` warning.
ROCK_DAYS = 45
#: Statuses a rock's update may give (``status_map=`` adds words for them).
ROCK_STATUSES: tuple[str, ...] = ("on_track", "off_track", "done")
_STATUS_ALIASES = {"ontrack": "on_track", "offtrack": "off_track", "complete": "done",
                   "completed": "done"}  # fmt: skip
_CATEGORIES = frozenset(ROLE_CATEGORY.values())
_PARENT_TABLE = {"priority": "priorities", "initiative": "initiatives", "rock": "rocks"}


class Part:
    """One table of the plan while it is checked: its rows, the other columns, what failed.

    ``rows`` holds the table's own columns and ``_row`` (the record's number in its input);
    ``reject`` marks rows left out with an error, ``merged`` rows kept once as the repeat of
    another.
    """

    def __init__(self, table: str, rows: pd.DataFrame, extras: pd.DataFrame, blank: int,
                 unread: int) -> None:  # fmt: skip
        self.table = table
        self.rows = rows
        self.extras = extras
        self.blank = blank
        self.unread = unread
        self.reject = pd.Series(False, index=rows.index)
        self.merged = pd.Series(False, index=rows.index)

    @property
    def key(self) -> str:
        """The column holding the table's own ids (or its parent's, for demands and updates)."""
        return KEYS[self.table][0]

    def given_ids(self) -> pd.DataFrame:
        """Every id the table gives, on rows loaded or not (a reference to one is no typo)."""
        return self.rows.loc[self.rows[self.key].notna(), [self.key]]

    def counts(self) -> dict[str, int]:
        """The table's row accounting: in = loaded + merged + rejected + blank."""
        merged = int((self.merged & ~self.reject).sum())
        return row_counts(self.reject, blank=self.blank, unread=self.unread, merged=merged)


# ------------------------------------------------------------------ shared checks


def unique_ids(part: Part, what: str, log: IssueLog) -> pd.Series:
    """Ids on several rows (all of them left out) or spelled two ways (``id_variant``)."""
    rows, col = part.rows, part.key
    ids = rows[col]
    given = ids.notna()
    dup = given & ids.duplicated(keep=False)
    log.add(
        part.table,
        rows,
        where=dup,
        code="duplicate_id",
        field=col,
        message=f"The {what} id {{value!r}} is on more than one row; every row with it is left "
        "out, since leadmodel cannot tell which one is meant.",
        fix=f"Give each {what} one row and an id of its own.",
    )
    spellings = ids[given].groupby(id_key(ids[given])).transform("nunique")
    variant = given & (spellings > 1).reindex(ids.index, fill_value=False)
    log.add(
        part.table,
        rows,
        where=variant,
        code="id_variant",
        field=col,
        message=f"The {what} id {{value!r}} differs from another {what} id only in letter "
        "case, Unicode form, invisible characters or surrounding spaces.",
        fix="Ids must match exactly: write each id the same way everywhere, or give two "
        f"different {what}s clearly different ids.",
    )
    return dup | variant


def references(part: Part, col: str, parent: Part | None, what: str, log: IssueLog) -> pd.Series:
    """Rows naming a ``what`` the plan does not give, or one whose row was left out."""
    rows = part.rows
    parent_table = _PARENT_TABLE[what]
    if parent is None:
        known = pd.DataFrame({col: pd.Series(dtype=STRING)})
    else:
        known = parent.given_ids().rename(columns={parent.key: col})
    unknown = check_known(
        rows,
        col,
        known,
        what=what,
        table=part.table,
        log=log,
        where="the plan",
        fix=f"Correct the id, or add the {what} to the plan's {parent_table} table.",
    )
    if parent is None:
        return unknown
    left_out = parent.rows.loc[parent.reject, parent.key].dropna()
    gone = (rows[col].isin(left_out).fillna(False) & ~unknown).astype(bool)
    log.add(
        part.table,
        rows,
        where=gone,
        code="parent_row_rejected",
        field=col,
        message=f"The {what} {{value!r}} was left out of the plan (its row in the "
        f"{parent_table} table has an error), so this row is left out with it.",
        fix=f"Fix the {what}'s row in the {parent_table} table.",
    )
    return unknown | gone


def owners(
    rows: pd.DataFrame, table: str, roster: Roster, log: IssueLog, *, within: bool
) -> pd.Series:
    """Owners not on the roster's staff (in the row's school when ``within`` and it names one)."""
    staff = roster.staff[["school_id", "staff_id"]].rename(columns={"staff_id": "owner_id"})
    bad = pd.Series(False, index=rows.index)
    in_school = rows["school_id"].notna() if within else bad
    if in_school.any():
        bad |= check_known(
            rows[in_school], "owner_id", staff, what="staff", table=table, log=log,
            within="school_id",
        ).reindex(rows.index, fill_value=False)  # fmt: skip
    bad |= check_known(
        rows[~in_school], "owner_id", staff[["owner_id"]], what="staff", table=table, log=log
    ).reindex(rows.index, fill_value=False)
    return bad


def schools_and_teams(rows: pd.DataFrame, table: str, roster: Roster, log: IssueLog) -> pd.Series:
    """Schools not in the roster, teams without their school, teams not in their school."""
    bad = check_known(rows, "school_id", roster.schools, what="school", table=table, log=log)
    orphan = rows["team_id"].notna() & rows["school_id"].isna()
    log.add(
        table,
        rows,
        where=orphan,
        code="missing_value",
        field="school_id",
        value=rows.loc[orphan, "team_id"],
        message="team_id {value!r} is given without its school: a team id is unique only "
        "within its school.",
        fix="Give the team's school_id on the row.",
    )
    placed = rows["team_id"].notna() & ~orphan & ~bad
    bad |= orphan
    bad |= check_known(
        rows[placed], "team_id", roster.teams, what="team", table=table, log=log,
        within="school_id",
    ).reindex(rows.index, fill_value=False)  # fmt: skip
    return bad


def dates(
    rows: pd.DataFrame, table: str, col: str, date_format: str | None, log: IssueLog
) -> pd.Series:
    """Parse the dates of ``col`` in place; report what is not a date."""
    values, bad = parse_dates(rows[col], date_format)
    log.add(
        table,
        rows,
        where=bad,
        code="wrong_type",
        field=col,
        message=f"{col} {{value!r}} is not a date.",
        fix="Write dates as YYYY-MM-DD, or pass date_format= (e.g. '%m/%d/%Y') for your format.",
    )
    kept = [None if b else v for v, b in zip(values, bad, strict=True)]
    parsed = pd.to_datetime(pd.Series(kept, index=rows.index, dtype=object))
    rows[col] = parsed.astype(DATE)
    return bad


def date_pair(rows: pd.DataFrame, table: str, date_format: str | None, log: IssueLog) -> pd.Series:
    """Parse ``start_date`` and ``end_date``; an end before the start is an error."""
    bad = dates(rows, table, "start_date", date_format, log)
    bad |= dates(rows, table, "end_date", date_format, log)
    reversed_ = (rows["end_date"] < rows["start_date"]).fillna(False).astype(bool) & ~bad
    log.add(
        table,
        rows,
        where=reversed_,
        code="end_before_start",
        field="end_date",
        value=rows.loc[reversed_, "end_date"].dt.strftime("%Y-%m-%d"),
        message="end_date {value} is before start_date.",
        fix="Correct the dates: the end date is the last day, on or after the first.",
    )
    return bad | reversed_


def numbers(rows: pd.DataFrame, table: str, col: str, log: IssueLog) -> pd.Series:
    """Parse a number column in place; a value that is no number, or negative, is an error."""
    bad = numeric_field(rows, table, col, log)
    return bad | negative_field(rows, table, col, log)


def repeats(part: Part, columns: list[str], log: IssueLog) -> None:
    """Rows repeating an earlier row exactly (on the plan's columns): kept once, a warning."""
    rows = part.rows
    live = ~part.reject
    dup = live & rows[live].duplicated(columns, keep="first").reindex(rows.index, fill_value=False)
    log.add(
        part.table,
        rows,
        where=dup,
        code="duplicate_row",
        field=None,
        severity="warning",
        message="The row repeats an earlier row exactly; it is kept once.",
        fix="Remove the repeated row (or change it if it meant something else).",
    )
    part.merged |= dup


# ------------------------------------------------------------------ each table


def check_priorities(part: Part, log: IssueLog) -> None:
    """Priorities: one row per id."""
    part.reject |= unique_ids(part, "priority", log)


def check_initiatives(
    part: Part, priorities: Part | None, roster: Roster, date_format: str | None, log: IssueLog
) -> None:
    """Initiatives: one row per id, a known priority, owners on the staff, dates in order."""
    rows = part.rows
    part.reject |= unique_ids(part, "initiative", log)
    part.reject |= references(part, "priority_id", priorities, "priority", log)
    part.reject |= owners(rows, "initiatives", roster, log, within=False)
    part.reject |= date_pair(rows, "initiatives", date_format, log)
    none = rows["owner_id"].isna() & rows["owner_role"].isna() & ~part.reject
    log.add(
        "initiatives",
        rows,
        where=none,
        code="no_owner",
        field="owner_id",
        severity="warning",
        message="The initiative names no owner (neither owner_id nor owner_role).",
        fix="Give the person (owner_id) or the role (owner_role) answerable for it.",
    )


def check_rocks(
    part: Part,
    parents: Mapping[str, Part],
    roster: Roster,
    date_format: str | None,
    rock_days: int,
    log: IssueLog,
) -> None:
    """Rocks: one row per id, known initiative and priority, school, team and owner, dates in
    order, a window of at most ``rock_days`` (a warning)."""
    rows = part.rows
    part.reject |= unique_ids(part, "rock", log)
    part.reject |= references(part, "initiative_id", parents["initiatives"], "initiative", log)
    part.reject |= references(part, "priority_id", parents.get("priorities"), "priority", log)
    part.reject |= schools_and_teams(rows, "rocks", roster, log)
    part.reject |= owners(rows, "rocks", roster, log, within=True)
    part.reject |= date_pair(rows, "rocks", date_format, log)
    days = (rows["end_date"] - rows["start_date"]).dt.days
    long = (days > rock_days).fillna(False).astype(bool) & ~part.reject
    log.add(
        "rocks",
        rows,
        where=long,
        code="long_rock",
        field="end_date",
        value=days[long].map(lambda d: str(int(d))),
        severity="warning",
        message=f"The rock runs {{value}} days from its start to its end, more than the "
        f"{rock_days}-day window of a short-term rock.",
        fix="Split it into rocks of at most 45 days (the guide's short-term projects), or "
        "read the plan with rock_days= if your rocks are longer on purpose.",
    )


def check_demands(part: Part, initiatives: Part, roster: Roster, log: IssueLog) -> None:
    """Demands: a known initiative, school, team, role and person; someone to land on; hours
    a month that are numbers (blank: unknown, a warning); exact repeats kept once."""
    rows = part.rows
    part.reject |= references(part, "initiative_id", initiatives, "initiative", log)
    part.reject |= schools_and_teams(rows, "demands", roster, log)
    part.reject |= _roles(rows, log)
    part.reject |= _people(rows, roster, log)
    nobody = rows[["team_id", "role", "staff_id"]].isna().all(axis=1) & ~part.reject
    log.add(
        "demands",
        rows,
        where=nobody,
        code="missing_value",
        field="role",
        message="The demand does not say whom the initiative lands on.",
        fix="Give a role (or category), a team_id or a staff_id: the people asked for the hours.",
    )
    part.reject |= nobody
    part.reject |= numbers(rows, "demands", "hours_per_month", log)
    repeats(part, list(PLAN_COLUMNS["demands"]), log)
    unknown = rows["hours_per_month"].isna() & ~part.reject & ~part.merged
    log.add(
        "demands",
        rows,
        where=unknown,
        code="hours_unknown",
        field="hours_per_month",
        severity="warning",
        message="The demand gives no hours a month: the people it reaches carry unknown hours "
        "(never 0), and every total with them is unknown.",
        fix="Give the hours a month the initiative asks of each person it reaches.",
    )


def _roles(rows: pd.DataFrame, log: IssueLog) -> pd.Series:
    """Read ``role`` in place as a role key (or title the catalogue knows) or a category."""
    given = rows["role"].notna()
    resolved = resolve_titles(rows["role"])
    keys = [header_key(v) if isinstance(v, str) else None for v in rows["role"]]
    category = pd.Series(
        [k if k in _CATEGORIES else None for k in keys], index=rows.index, dtype=object
    ).astype(STRING)
    value = resolved.set_axis(rows.index).fillna(category)
    bad = given & value.isna()
    log.add(
        "demands",
        rows,
        where=bad,
        code="unknown_role",
        field="role",
        message="role {value!r} is not a role, a role category or a title the catalogue knows.",
        fix="Use a role key (leadmodel.list_roles()) or a category: "
        + ", ".join(sorted(_CATEGORIES))
        + ".",
    )
    rows["role"] = value.mask(bad, rows["role"]).astype(STRING)
    return bad


def _people(rows: pd.DataFrame, roster: Roster, log: IssueLog) -> pd.Series:
    """People not on the staff (of the row's school), or in several schools and none named."""
    staff = roster.staff[["school_id", "staff_id"]]
    named = rows["staff_id"].notna()
    in_school = named & rows["school_id"].notna()
    bad = check_known(
        rows[in_school], "staff_id", staff, what="staff", table="demands", log=log,
        within="school_id",
    ).reindex(rows.index, fill_value=False)  # fmt: skip
    anywhere = named & ~in_school
    bad |= check_known(
        rows[anywhere], "staff_id", staff[["staff_id"]], what="staff", table="demands", log=log
    ).reindex(rows.index, fill_value=False)
    schools = staff.groupby("staff_id")["school_id"].agg(["first", "nunique"])
    found = anywhere & ~bad
    count = rows.loc[found, "staff_id"].map(schools["nunique"])
    several = pd.Series(False, index=rows.index)
    several[found] = (count > 1).to_numpy(dtype=bool)
    log.add(
        "demands",
        rows,
        where=several,
        code="ambiguous_school",
        field="school_id",
        value=rows.loc[several, "staff_id"],
        message="{value} works in several schools and the demand names none.",
        fix="Give the school_id of the position the hours are asked of.",
    )
    one = found & ~several
    rows.loc[one, "school_id"] = rows.loc[one, "staff_id"].map(schools["first"])
    return bad | several


def check_updates(
    part: Part, rocks: Part | None, statuses: Mapping[str, str], date_format: str | None,
    log: IssueLog,
) -> None:  # fmt: skip
    """Updates: a known rock, a date on or after its start, a known status, a progress share
    in [0, 1]; exact repeats kept once; two different updates of a rock on one day both left
    out (which is the latest cannot be told)."""
    rows = part.rows
    part.reject |= references(part, "rock_id", rocks, "rock", log)
    part.reject |= dates(rows, "updates", "date", date_format, log)
    part.reject |= _statuses(rows, statuses, log)
    part.reject |= numbers(rows, "updates", "progress", log)
    above = (rows["progress"] > 1).fillna(False).astype(bool)
    log.add(
        "updates",
        rows,
        where=above,
        code="invalid_value",
        field="progress",
        message="progress {value} is above 1: progress is the share of the rock done, 0 to 1.",
        fix="Write the share as 0.6 or 60%.",
    )
    part.reject |= above
    if rocks is not None:
        starts = rocks.rows.loc[~rocks.reject].set_index("rock_id")["start_date"]
        start = rows["rock_id"].map(starts)
        early = (rows["date"] < start).fillna(False).astype(bool) & ~part.reject
        log.add(
            "updates",
            rows,
            where=early,
            code="date_out_of_range",
            field="date",
            value=rows.loc[early, "date"].dt.strftime("%Y-%m-%d"),
            message="The update's date {value} is before its rock starts.",
            fix="Correct the date or the rock's start_date.",
        )
        part.reject |= early
    repeats(part, list(PLAN_COLUMNS["updates"]), log)
    live = ~part.reject & ~part.merged
    clash = live & rows[live].duplicated(["rock_id", "date"], keep=False).reindex(
        rows.index, fill_value=False
    )
    log.add(
        "updates",
        rows,
        where=clash,
        code="conflicting_update",
        field="date",
        value=rows.loc[clash, "date"].dt.strftime("%Y-%m-%d"),
        message="The rock has several different updates dated {value}; which is the latest "
        "cannot be told, so all of them are left out.",
        fix="Keep one update per rock and day (or correct the dates).",
    )
    part.reject |= clash


def status_lookup(status_map: Mapping[str, str] | None) -> dict[str, str]:
    """The words read as each status (matched as headers are), with ``status_map``'s."""
    lookup = {s: s for s in ROCK_STATUSES} | _STATUS_ALIASES
    if status_map is not None and not isinstance(status_map, Mapping):
        raise DefinitionError("status_map must be a mapping {'Your word': 'status'}.")
    for given, target in (status_map or {}).items():
        if target not in ROCK_STATUSES:
            raise DefinitionError(
                f"status_map maps {given!r} to {target!r}, which is not a status; use one of: "
                f"{', '.join(ROCK_STATUSES)}."
            )
        lookup[header_key(given)] = target
    return lookup


def _statuses(rows: pd.DataFrame, lookup: Mapping[str, str], log: IssueLog) -> pd.Series:
    """Read ``status`` in place as one of :data:`ROCK_STATUSES`; report the others."""
    found = rows["status"].map(
        lambda v: lookup.get(header_key(v), pd.NA) if isinstance(v, str) else pd.NA
    )
    bad = rows["status"].notna() & found.isna()
    log.add(
        "updates",
        rows,
        where=bad,
        code="invalid_value",
        field="status",
        message="status {value!r} is not a rock status.",
        fix=f"Use one of {', '.join(ROCK_STATUSES)}, or pass status_map={{'Your word': "
        "'on_track'}.",
    )
    rows["status"] = found.mask(bad, rows["status"]).astype(STRING)
    return bad
