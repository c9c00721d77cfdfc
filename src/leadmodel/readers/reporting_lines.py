"""Generic reporting-line files: "id, reports to, title, FTE" from any organisation.

Span-of-control analytics are not only for schools. :func:`read_reporting_lines`
loads a plain org-chart export (a hospital, a council, a charter network's
central office) into a :class:`~leadmodel.Roster`, so that
:func:`~leadmodel.span_of_control` (with ``relation="supervises"``), layers and
span bands work on it.

Columns (after ``column_map``; headers such as ``"Reports To"`` are recognised
without one):

``staff_id``
    the person's or post's id (required);
``reports_to``
    the id of the post this row reports to (empty at the top);
``title``
    job title; titles the school role catalogue (or ``role_map``) does not know
    become role ``other`` with the title kept, because a generic organisation's
    titles are not school roles;
``fte``
    FTE of the row; above 1 it is a post holding several people (see below);
``headcount``
    how many people hold the post (default: 1, or ``ceil(fte)`` when ``fte > 1``);
``unit``
    the organisational unit, stored as ``school_id`` (default: the ``unit``
    argument, ``"ORG"``); reporting lines are followed within a unit.

A post with ``headcount`` H > 1 or ``fte`` F > 1 (junior staff given as an FTE
count under their manager's post, "12.5 FTE clerks") becomes H positions of
F / H FTE each, with ids ``POST``, ``POST#2``, ... ``POST#H`` (the first keeps the
post's id, so lines to it still resolve) and a ``post_id`` column naming the
post; each expansion is reported as ``post_expanded``. Row accounting counts
the file's rows, not the positions.

Examples
--------
>>> import pandas as pd
>>> from leadmodel import read_reporting_lines, span_of_control
>>> chart = pd.DataFrame({
...     "Employee": ["CEO", "CFO", "AP-CLERKS"],
...     "Reports To": [None, "CEO", "CFO"],
...     "Job Title": ["Chief Executive", "Chief Financial Officer", "Clerk"],
...     "FTE": ["1", "1", "2.5"]})
>>> roster = read_reporting_lines(chart, column_map={"Employee": "staff_id",
...                                                  "Job Title": "title"})
>>> spans = span_of_control(roster, relation="supervises")
>>> spans.loc["ORG", ["span", "span_fte", "span_all", "layer"]]
          span  span_fte  span_all  layer
leader_id
CEO          1       1.0         4      0
CFO          3       2.5         3      1
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from leadmodel.errors import RosterError
from leadmodel.readers.files import DEFAULT_MAX_BYTES, Intake
from leadmodel.readers.issues import IssueLog, blank_cells_in_rows, to_number, to_text
from leadmodel.readers.roster_checks import validate_tables
from leadmodel.roles import resolve_titles
from leadmodel.roster import CANONICAL_NAMES, Roster

__all__ = ["REPORTING_LINE_COLUMNS", "read_reporting_lines"]

#: Columns of a reporting-line file (``staff_id`` and ``reports_to`` required).
REPORTING_LINE_COLUMNS = ("staff_id", "reports_to", "title", "name", "fte", "headcount", "unit")
_NAMES = CANONICAL_NAMES | frozenset(REPORTING_LINE_COLUMNS)
#: The most people one row of a reporting-line file may expand into.
MAX_POSITIONS = 10_000


def read_reporting_lines(
    source: str | Path | pd.DataFrame,
    *,
    column_map: Mapping[str, str] | None = None,
    role_map: Mapping[str, str] | None = None,
    unit: str = "ORG",
    strict: bool = True,
    sheet_name: str | int | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Roster:
    """Read an "id, reports to, title, FTE" org chart from any organisation.

    Parameters
    ----------
    source
        A CSV/TSV/TXT, Excel, Parquet or JSON-records file, or a DataFrame.
    column_map
        ``{"Your column": "canonical"}`` onto :data:`REPORTING_LINE_COLUMNS` (or
        any roster column); other columns are kept.
    role_map
        ``{"Your job title": "role"}`` for titles that are school roles.
    unit
        The unit of rows with no ``unit`` value.
    strict, sheet_name, encoding, delimiter, max_bytes
        As for :func:`~leadmodel.read_roster`.

    Returns
    -------
    Roster
        One unit per ``unit`` value (as ``school_id``), ``supervises`` links
        from each ``reports_to``; read spans with ``relation="supervises"``.

    Raises
    ------
    RosterError
        Listing every problem (strict mode), or when nothing can be loaded.
    DefinitionError
        For a ``column_map`` onto unknown columns.
    """
    intake = Intake(
        "reporting lines",
        names=_NAMES,
        column_map=column_map,
        encoding=encoding,
        delimiter=delimiter,
        sheet_name=sheet_name,
        max_bytes=max_bytes,
    )
    frame = intake.table(source, "staff")
    notes = intake.notes
    table = frame.rename(columns={"reports_to": "supervisor_id", "unit": "school_id"})
    # a blank row stays blank (skipped as one by validation): nothing is filled in on it
    blank = pd.Series(blank_cells_in_rows(table), index=table.index)
    units = (
        to_text(table["school_id"])
        if "school_id" in table
        else pd.Series(pd.NA, index=table.index, dtype="string")
    )
    table["school_id"] = units.mask(units.isna() & ~blank, unit)
    if "title" not in table and "role" not in table:
        table["role"] = pd.Series("other", index=table.index, dtype="string").mask(blank)
    heads, bad = _headcounts(table, notes)
    table = table.loc[~bad]
    heads, blank = heads[~bad], blank[~bad]
    fte = _position_fte(table, heads)
    table = table.assign(fte=fte.mask(blank), headcount=heads.mask(blank))
    roster = validate_tables(
        table,
        role_map=_with_other_titles(table, role_map),
        strict=strict,
        source=intake.provenance(),
        notes=notes,
        what="reporting lines",
    )
    return _expand_posts(roster)


def _with_other_titles(table: pd.DataFrame, role_map: Mapping[str, str] | None) -> dict[str, str]:
    """The role map plus ``title -> "other"`` for every title no role answers to."""
    extended = dict(role_map or {})
    if "title" in table and "role" not in table:
        titles = to_text(table["title"]).dropna().unique()
        known = resolve_titles(titles, role_map=role_map)
        extended.update({str(t): "other" for t, k in zip(titles, known, strict=True) if pd.isna(k)})
    return extended


def _headcounts(table: pd.DataFrame, notes: IssueLog) -> tuple[pd.Series, pd.Series]:
    """People per row, and the rows whose post size is unusable (reported, left out).

    The ``headcount`` column where given; else ``ceil(fte)`` for a row above 1 FTE; else 1.
    A headcount that is not a whole number of at least 1, and a post of more than
    :data:`MAX_POSITIONS` people (a typo such as ``fte = 1e20``), are errors.
    """
    fte = (
        to_number(table["fte"])[0].to_numpy(dtype="float64", na_value=np.nan)
        if "fte" in table
        else np.full(len(table), np.nan)
    )
    size = pd.Series(np.where(fte > 1, np.ceil(fte), 1.0), index=table.index)
    bad = pd.Series(False, index=table.index)
    if "headcount" in table:
        given, bad = to_number(table["headcount"])
        bad = bad | (given.notna() & ((given < 1) | (given % 1 != 0))).fillna(False).astype(bool)
        notes.add(
            "staff",
            table.loc[bad].reset_index(names="_row"),
            code="invalid_value",
            field="headcount",
            message="headcount {value!r} is not a whole number of at least 1; the row was left "
            "out.",
            fix="Give the number of people who hold the post (1, 2, 3, ...).",
        )
        size = given.astype("float64").fillna(size).where(~bad, 1.0)
    huge = ~bad & ~(size <= MAX_POSITIONS)
    notes.add(
        "staff",
        table.loc[huge].reset_index(names="_row"),
        code="invalid_value",
        field="headcount" if "headcount" in table else "fte",
        value=size[huge].astype(str).reset_index(drop=True),
        message=f"The post would hold {{value}} people, more than {MAX_POSITIONS:,}; the row was "
        "left out.",
        fix="Check the headcount or FTE (a post of several people has an FTE like 12.5).",
    )
    bad = bad | huge
    return size.where(~bad, 1.0).astype("int64"), bad


def _position_fte(table: pd.DataFrame, heads: pd.Series) -> pd.Series:
    """Each position's FTE: the row's FTE shared equally among its people.

    An unparseable FTE is passed on as written, so that validation reports it.
    """
    if "fte" not in table:
        return pd.Series(pd.NA, index=table.index, dtype="object")
    fte, bad = to_number(table["fte"])
    share = (fte / heads).astype("object")
    return share.where(~bad, table["fte"])


def _expand_posts(roster: Roster) -> Roster:
    """One staff row per position for posts held by several people (``post_expanded``)."""
    staff = roster.staff.assign(post_id=roster.staff["staff_id"])
    heads = staff.pop("headcount").fillna(1).astype("int64")
    if (heads <= 1).all():
        return Roster(
            staff,
            roster.links,
            roster.teams,
            roster.schools,
            issues=roster.issues,
            source=roster.source,
        )
    repeat = staff.loc[staff.index.repeat(heads)]
    nth = repeat.groupby(level=0).cumcount().to_numpy() + 1
    repeat = repeat.assign(
        staff_id=repeat["staff_id"] + np.where(nth > 1, "#" + nth.astype(str), "")
    )
    clash = repeat.duplicated(["school_id", "staff_id"], keep=False)
    if clash.any():
        log = IssueLog()
        log.file_error(
            "staff",
            "duplicate_staff_id",
            "Positions of a post expanded into several people take ids POST#2, POST#3...; "
            f"these are already used: {', '.join(sorted(set(repeat.loc[clash, 'staff_id'])))}.",
            "Rename the rows whose ids look like expanded positions, or give the post a "
            "headcount of 1.",
            field="staff_id",
        )
        raise RosterError(log.frame(), what="reporting lines")
    # every further position reports to whomever the post reports to
    added = repeat.loc[nth > 1, ["school_id", "staff_id", "post_id"]]
    lines = roster.links.rename(columns={"staff_id": "post_id"})
    copies = lines.merge(added, on=["school_id", "post_id"]).drop(columns="post_id")
    links = pd.concat([roster.links, copies], ignore_index=True)
    expanded = staff.loc[heads > 1]
    expanded.insert(0, "_row", pd.Series(pd.NA, index=expanded.index, dtype="Int64"))
    log = IssueLog()
    log.add(
        "staff",
        expanded,
        code="post_expanded",
        field="headcount",
        value=heads[heads > 1].astype(str),
        severity="warning",
        message="Post {staff_id} is held by {value} people: one row per position.",
        fix="Nothing to do; give a headcount column if the number of people differs.",
    )
    issues = pd.concat([roster.issues, log.frame()], ignore_index=True)
    return Roster(repeat, links, roster.teams, roster.schools, issues=issues, source=roster.source)
