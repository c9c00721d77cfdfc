"""Reading a strategic plan: priorities, initiatives, what they ask of whom, rocks and updates.

A school system's strategic plan names a few **priorities**; **initiatives** serve them (or
serve none: the initiatives a plan accumulates besides its priorities); each initiative asks
hours a month of the people it lands on (**demands**: a role, a team or a person, in one
school or in every school); the instructional leadership team carries short-term
**rocks**, each with an owner, a team and a 45-day window, and records dated **updates** on
them. :func:`read_plan` reads the five tables through the same intake as every other input,
checks every id against the roster and the plan's own tables, and reports every problem in
the shared issues table. The measures are in :mod:`leadmodel.metrics.execution`.

Layouts
-------
folder
    One file per table, named after it (``initiatives.csv``, ``priorities.csv``,
    ``demands.csv``, ``rocks.csv``, ``updates.csv``; ``.tsv``, ``.txt``, ``.parquet``,
    ``.json`` or ``.xlsx`` too), as the ``district_plan`` sample ships; or a zip archive of
    such files.
workbook
    One ``.xlsx`` with a sheet per table, named after it (lower case, as above); a workbook
    without an ``initiatives`` sheet holds the initiatives alone, in its first sheet.
one table
    The initiatives (a file or a DataFrame), the other tables given as ``priorities=``,
    ``demands=``, ``rocks=`` and ``updates=``.

The 45 days of a rock and the weekly rhythm of the instructional leadership team come from
the school-improvement guide among the project's seed documents ("Short-term, 45-day
'rocks' or short-term projects for the ILT"; "Are we meeting regularly (weekly)?").
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from leadmodel.errors import DefinitionError, RosterError
from leadmodel.readers.files import DEFAULT_MAX_BYTES, EXCEL_SUFFIXES, Intake, TableSource
from leadmodel.readers.issues import (
    IssueLog,
    check_required_values,
    drop_blank_rows,
    join_extras,
    numbered_rows,
    split_extras,
    to_text,
    unmask,
)
from leadmodel.readers.log import DateLike, TeamMembers, school_year_dates
from leadmodel.readers.plan_checks import (
    KEYS,
    PLAN_COLUMNS,
    PLAN_TABLES,
    REQUIRED,
    ROCK_DAYS,
    ROCK_STATUSES,
    Part,
    check_demands,
    check_initiatives,
    check_priorities,
    check_rocks,
    check_updates,
    status_lookup,
)
from leadmodel.roster import INT, STRING, Loaded, Roster

__all__ = [
    "PLAN_COLUMNS",
    "PLAN_TABLES",
    "ROCK_DAYS",
    "ROCK_STATUSES",
    "Plan",
    "read_plan",
]

_NAMES = frozenset(c for cols in PLAN_COLUMNS.values() for c in cols)
_SUFFIXES = (".csv", ".tsv", ".txt", ".parquet", ".json", ".xlsx")


class Plan(Loaded):
    """A strategic plan, validated against a roster: what :func:`read_plan` returns.

    Attributes
    ----------
    priorities, initiatives, demands, rocks, updates : pandas.DataFrame
        The plan's tables (columns in ``docs/glossary.md``, "Strategic plans"), each with
        ``row`` (the record's number in its input table) and any other input columns;
        sorted by their ids. A table the input did not give is empty.
    members : pandas.DataFrame or None
        Second team memberships (``school_id``, ``team_id``, ``staff_id``) the demands on a
        team reach beside the team's own staff, when given to :func:`read_plan`.
    school_year : tuple of datetime.date
        First and last day of the school year the plan's load is measured over.
    issues : pandas.DataFrame
        Problems found while reading (``table`` is the plan's table).
    source : dict
        Provenance: input name, SHA-256 checksum, row accounting, the roster's fingerprint.
    """

    __slots__ = (
        "demands",
        "initiatives",
        "issues",
        "members",
        "priorities",
        "rocks",
        "school_year",
        "source",
        "updates",
    )
    merges = True

    def __init__(
        self,
        tables: Mapping[str, pd.DataFrame],
        *,
        school_year: tuple[date, date],
        members: pd.DataFrame | None = None,
        issues: pd.DataFrame,
        source: Mapping[str, Any],
    ) -> None:
        self.priorities = tables["priorities"]
        self.initiatives = tables["initiatives"]
        self.demands = tables["demands"]
        self.rocks = tables["rocks"]
        self.updates = tables["updates"]
        self.members = members
        self.school_year = school_year
        self.issues = issues
        self.source = dict(source)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The five tables by name."""
        return {t: getattr(self, t) for t in PLAN_TABLES}

    @property
    def latest_update(self) -> date | None:
        """The date of the latest rock update, or ``None`` when there is none."""
        dates = self.updates["date"].dropna()
        return None if dates.empty else pd.Timestamp(dates.max()).date()

    def __repr__(self) -> str:
        aligned = int(self.initiatives["priority_id"].notna().sum())
        start, end = self.school_year
        return (
            f"<Plan: {len(self.priorities)} priorities, {len(self.initiatives)} initiatives "
            f"({aligned} serving a priority), {len(self.demands)} demands, {len(self.rocks)} "
            f"rocks, {len(self.updates)} updates; school year {start} to {end}>"
        )


def read_plan(
    source: str | Path | pd.DataFrame,
    *,
    roster: Roster,
    school_year: tuple[DateLike, DateLike],
    priorities: TableSource = None,
    demands: TableSource = None,
    rocks: TableSource = None,
    updates: TableSource = None,
    members: TeamMembers | None = None,
    column_map: Mapping[str, str] | None = None,
    status_map: Mapping[str, str] | None = None,
    rock_days: int = ROCK_DAYS,
    strict: bool = True,
    date_format: str | None = None,
    sheet_name: str | int | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Plan:
    """Read and validate a strategic plan: priorities, initiatives, demands, rocks, updates.

    Parameters
    ----------
    source
        A folder or zip archive with a file per table, an ``.xlsx`` workbook with a sheet per
        table, or the initiatives table alone (a file or a DataFrame); see the module's
        layouts. Tables (``docs/glossary.md``, "Strategic plans"):

        - ``priorities``: ``priority_id``, ``name``.
        - ``initiatives``: ``initiative_id``, ``name``, ``start_date``, optional
          ``priority_id`` (the priority it serves; blank: none), ``owner_id`` (a staff id)
          and/or ``owner_role`` (a title, as the plan writes it), ``end_date`` (blank: no
          end set).
        - ``demands``: what an initiative asks, one row per group it lands on:
          ``initiative_id``, ``hours_per_month`` (of each person reached; blank: unknown),
          and whom: ``role`` (a role key, a category such as ``administrator``, or a title
          the catalogue knows), ``team_id`` and/or ``staff_id``, in ``school_id`` (blank:
          every school). The filters given are all applied.
        - ``rocks``: ``rock_id``, ``name``, ``owner_id``, ``start_date``, ``end_date``,
          optional ``school_id`` (blank: a district rock), ``team_id``, ``initiative_id``
          and ``priority_id``.
        - ``updates``: ``rock_id``, ``date``, ``status`` (:data:`ROCK_STATUSES`), optional
          ``progress`` (a share done, ``0.6`` or ``60%``) and ``note``.
    roster
        The roster the plan lands on: owners, people, schools and teams are checked against
        it.
    school_year
        ``(first day, last day)`` over which the load of the initiatives is measured.
    priorities, demands, rocks, updates
        Tables given apart from ``source`` (a path or a DataFrame).
    members
        Second team memberships (:func:`~leadmodel.read_members`, read with the same
        roster) that a demand on a team reaches too (an ILT's members).
    column_map
        ``{"Your column": "canonical_column"}``, applied to every table.
    status_map
        ``{"Your word": "status"}`` added to the built-in spellings of
        :data:`ROCK_STATUSES` (``"On Track"``, ``"complete"``...).
    rock_days
        Longest window of a rock, in days from start to end (default :data:`ROCK_DAYS`, 45);
        a longer one is a ``long_rock`` warning.
    strict
        Raise :class:`~leadmodel.RosterError` on any error (default); with ``False`` keep
        the usable rows and list every problem in ``plan.issues``.
    date_format
        A ``datetime.strptime`` format for text dates that are not ISO ``YYYY-MM-DD``;
        slashed dates are never guessed.
    sheet_name, encoding, delimiter, max_bytes
        As for :func:`~leadmodel.read_roster` (``sheet_name`` reads one sheet as the
        initiatives).

    Returns
    -------
    Plan

    Raises
    ------
    RosterError
        Listing every problem (strict mode), or when nothing can be loaded (no initiatives
        table or rows, a required column missing).
    DefinitionError
        For a malformed ``column_map``, ``status_map`` or ``school_year``, a table given
        twice, or members read with another roster.

    Examples
    --------
    >>> import pandas as pd
    >>> import leadmodel as lm
    >>> roster = lm.read_roster(pd.DataFrame({"staff_id": ["P1", "T1"], "school_id": "S1",
    ...                                       "role": ["principal", "teacher"]}))
    >>> plan = lm.read_plan(
    ...     pd.DataFrame({"initiative_id": ["I1", "I2"], "name": ["Literacy", "Tablets"],
    ...                   "priority_id": ["PR1", "PR9"], "owner_id": ["P1", "P1"],
    ...                   "start_date": "2024-09-02"}),
    ...     priorities=pd.DataFrame({"priority_id": ["PR1"], "name": ["Early literacy"]}),
    ...     demands=pd.DataFrame({"initiative_id": ["I1", "I1"], "role": ["principal", "dean"],
    ...                           "hours_per_month": ["4", "-2"]}),
    ...     roster=roster, school_year=("2024-08-26", "2025-06-06"), strict=False)
    >>> plan.issues[["table", "row", "field", "code"]]
             table  row            field              code
    0  initiatives    2      priority_id  unknown_priority
    1      demands    2  hours_per_month    negative_value
    >>> plan.accounting().loc["demands"].tolist()  # in, loaded, merged, rejected, blank
    [2, 1, 0, 1, 0]
    """
    year = school_year_dates(school_year)
    statuses = status_lookup(status_map)
    if members is not None and not members.read_with(roster):
        raise DefinitionError(
            "members= were read with another roster: read them with read_members(..., "
            "roster=roster) for the roster the plan is read with."
        )
    intake = Intake(
        "plan",
        names=_NAMES,
        column_map=column_map,
        encoding=encoding,
        delimiter=delimiter,
        sheet_name=sheet_name,
        max_bytes=max_bytes,
    )
    given = {"priorities": priorities, "demands": demands, "rocks": rocks, "updates": updates}
    frames = _plan_frames(intake, source, given, sheet_name)
    provenance = intake.provenance()
    log = intake.notes
    parts = _prepared(frames, intake)
    if "priorities" in parts:
        check_priorities(parts["priorities"], log)
    check_initiatives(parts["initiatives"], parts.get("priorities"), roster, date_format, log)
    if "demands" in parts:
        check_demands(parts["demands"], parts["initiatives"], roster, log)
    if "rocks" in parts:
        check_rocks(parts["rocks"], parts, roster, date_format, rock_days, log)
    if "updates" in parts:
        check_updates(parts["updates"], parts.get("rocks"), statuses, date_format, log)
    _absent_tables(parts, log)
    issues = _ordered(log.frame())
    if strict and (issues["severity"] == "error").any():
        raise RosterError(issues, what="plan")
    tables = {t: _kept(t, parts.get(t)) for t in PLAN_TABLES}
    source_info = {
        **provenance,
        "rows": {t: p.counts() for t, p in sorted(parts.items())},
        "roster": roster.fingerprint(),
    }
    return Plan(
        tables,
        school_year=year,
        members=None if members is None else members.table,
        issues=issues,
        source=source_info,
    )


# ------------------------------------------------------------------ the tables read


def _plan_frames(
    intake: Intake,
    source: str | Path | pd.DataFrame,
    given: Mapping[str, TableSource],
    sheet_name: str | int | None,
) -> dict[str, pd.DataFrame]:
    """The plan's tables as read: from a folder, an archive, a workbook or one table."""
    frames: dict[str, pd.DataFrame] = {}
    if isinstance(source, pd.DataFrame):
        frames["initiatives"] = intake.table(source, "initiatives")
    else:
        path = Path(source)
        if path.is_dir() or path.suffix.lower() == ".zip":  # a workbook is read from a folder
            suffixes = [s for s in _SUFFIXES if path.is_dir() or s != ".xlsx"]
            names = {t: [f"{t}{s}" for s in suffixes] for t in PLAN_TABLES}
            frames.update(intake.bundle(path, names))
        elif path.suffix.lower() in EXCEL_SUFFIXES and sheet_name is None:
            frames.update(intake.workbook(path, PLAN_TABLES))
        else:
            frames["initiatives"] = intake.table(path, "initiatives")
    for table, value in given.items():
        if value is None:
            continue
        if table in frames:
            raise DefinitionError(
                f"The {table} table is given twice: in the plan's {table!r} file or sheet and "
                f"as {table}=. Give it once."
            )
        frames[table] = intake.table(value, table)
    if "initiatives" not in frames:
        intake.notes.file_error(
            "initiatives",
            "missing_file",
            "The plan has no initiatives table.",
            "Add a file or sheet named 'initiatives' (initiatives.csv in a folder).",
        )
        raise intake.refuse()
    return frames


def _prepared(frames: Mapping[str, pd.DataFrame], intake: Intake) -> dict[str, Part]:
    """Each table numbered, blank rows dropped, its columns checked; refuse when nothing loads."""
    log = intake.notes
    parts: dict[str, Part] = {}
    for table in PLAN_TABLES:
        frame = frames.get(table)
        if frame is None:
            continue
        unread = intake.unread(table)
        if table != "initiatives" and frame.shape[1] == 0 and not unread:
            continue  # an empty file: the table is not given
        rows, blank = drop_blank_rows(numbered_rows(frame, table), log, table)
        rows, extras = split_extras(rows, PLAN_COLUMNS[table])
        parts[table] = Part(table, rows, extras, blank, unread)
    initiatives = parts["initiatives"]
    if initiatives.rows.empty and not initiatives.unread:
        log.file_error(
            "initiatives",
            "empty_file",
            "The plan's initiatives table has no data rows.",
            "Check that the right file or sheet was given and that it has rows under the header.",
        )
        raise intake.refuse()
    absent = [
        (table, col)
        for table, part in parts.items()
        for col in REQUIRED[table]
        if col not in part.rows.columns and (not part.rows.empty or part.unread)
    ]
    for table, col in absent:
        log.file_error(
            table,
            "missing_column",
            f"The plan's {table} table has no {col!r} column.",
            f"Add a {col!r} column, or map yours to it: column_map={{'Your name': {col!r}}}.",
            field=col,
        )
    if absent:
        raise intake.refuse()
    for table, part in parts.items():
        _texts(part, log)
        part.reject |= check_required_values(part.rows, table, list(REQUIRED[table]), log)
    return parts


def _texts(part: Part, log: IssueLog) -> None:
    """Unmask the plan's columns, add absent ones, read text columns as text, in place."""
    rows, columns = part.rows, PLAN_COLUMNS[part.table]
    unmask(rows, part.table, list(columns), log)
    for col, dtype in columns.items():
        if col not in rows:
            rows[col] = pd.Series(pd.NA, index=rows.index, dtype=object)
        elif dtype == STRING:
            rows[col] = to_text(rows[col])
    for col, dtype in columns.items():
        if dtype == STRING:
            rows[col] = rows[col].astype(STRING)
    # the issues table names a row's person: the owner, or the person a demand lands on
    if "staff_id" not in columns and "owner_id" in columns:
        rows["staff_id"] = rows["owner_id"]


def _absent_tables(parts: Mapping[str, Part], log: IssueLog) -> None:
    """Warn when the plan gives no priorities or no demands: the measures then say little."""
    for table, meaning in (
        ("priorities", "every initiative is read as serving none of the plan's priorities"),
        ("demands", "where the initiatives land, and the hours they ask, are not stated"),
    ):
        if table not in parts:
            log.add(
                table,
                pd.DataFrame({"_row": [pd.NA]}),
                code="missing_file",
                field=None,
                severity="warning",
                message=f"The plan has no {table} table, so {meaning}.",
                fix=f"Add a file or sheet named {table!r} (or pass {table}=).",
                literal=True,
            )


def _ordered(issues: pd.DataFrame) -> pd.DataFrame:
    """The issues in the plan's table order, then by row, code and field."""
    order = {t: i for i, t in enumerate(("file", *PLAN_TABLES))}
    rank = issues["table"].map(order).astype("float64")
    out = issues.assign(_t=rank).sort_values(
        ["_t", "row", "code", "field"], kind="mergesort", na_position="first"
    )
    return out.drop(columns="_t").reset_index(drop=True)


def _kept(table: str, part: Part | None) -> pd.DataFrame:
    """The loaded rows of ``table`` with canonical dtypes, ``row`` and the other columns."""
    columns = PLAN_COLUMNS[table]
    if part is None:
        empty = {c: pd.Series(dtype=d) for c, d in columns.items()}
        return pd.DataFrame({**empty, "row": pd.Series(dtype=INT)})
    keep = ~part.reject & ~part.merged
    kept = part.rows.loc[keep, [*columns, "_row"]].rename(columns={"_row": "row"})
    kept = join_extras(kept, part.extras)
    for col, dtype in columns.items():
        kept[col] = kept[col].astype(dtype)
    kept["row"] = kept["row"].astype(INT)
    return kept.sort_values(KEYS[table], kind="mergesort", na_position="first").reset_index(
        drop=True
    )
