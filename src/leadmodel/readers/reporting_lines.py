"""Organisation charts: "post, reports to, title, FTE" from any organisation.

Span-of-control analytics are not only for schools. :func:`read_reporting_lines` loads an
org-chart export (a government body's organogram, a hospital, a charter network's central
office) into a :class:`~leadmodel.Roster`, so that :func:`~leadmodel.span_of_control` (with
``relation="supervises"``), layers and span bands work on it.

Columns (after ``column_map``; headers such as ``"Reports To"`` are recognised without one):

``staff_id``
    the post's id (required; ``position_id`` is taken as it);
``reports_to``
    the id of the post this row reports to; the top of the chart is a blank, a mark from
    ``top_marks`` (``XX`` by default) or a post reporting to itself;
``title``, ``name``, ``person_id``, ``vacant``
    as in a roster; a post named "Vacant" (or marked vacant) is a vacancy; two rows of one
    post naming different people are a job share;
``fte``, ``headcount``
    a row without a person above 1 FTE, or with a ``headcount`` above 1, is a **counted
    group** (junior staff given as "12.5 FTE of clerks" under their manager's post): one row
    whose ``incumbents`` is the headcount (the FTE rounded up when no headcount is given, with
    a ``headcount_estimated`` warning); it is never expanded, so nothing is capped or dropped;
``organisation``
    the organisation the row belongs to, stored as ``school_id`` (default: the
    ``organisation`` argument): reporting lines are followed within one;
``unit``
    the department or unit: an attribute, kept as a column, never a split.

Titles are not school roles in a generic organisation (``domain="generic"``, the default): a
civil-service grade "Principal" is not a school principal. Every post gets role ``other``
unless ``role_map`` names its role; with ``domain="school"`` titles resolve through the school
role catalogue as in :func:`~leadmodel.read_roster`, unknown ones becoming ``other``.

Examples
--------
>>> import pandas as pd
>>> from leadmodel import read_reporting_lines, span_of_control
>>> chart = pd.DataFrame({
...     "Employee": ["CEO", "CFO", "AP-CLERKS"],
...     "Reports To": ["XX", "CEO", "CFO"],
...     "Job Title": ["Chief Executive", "Chief Financial Officer", "Clerk"],
...     "FTE": ["1", "1", "2.5"]})
>>> roster = read_reporting_lines(chart, column_map={"Employee": "staff_id",
...                                                  "Job Title": "title"}, strict=False)
>>> spans = span_of_control(roster, relation="supervises")
>>> spans.loc["ORG", ["span", "span_positions", "span_fte", "span_all", "layer"]]
           span  span_positions  span_fte  span_all  layer
leader_id
CEO           1               1       1.0         4      0
CFO           3               1       2.5         3      1
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from leadmodel.errors import DefinitionError
from leadmodel.readers.files import DEFAULT_MAX_BYTES, Intake
from leadmodel.readers.issues import IssueLog, blank_cells_in_rows, to_number, to_text
from leadmodel.readers.roster_checks import positions_and_people, validate_tables
from leadmodel.roles import resolve_titles
from leadmodel.roster import CANONICAL_NAMES, Roster

__all__ = ["REPORTING_LINE_COLUMNS", "read_reporting_lines"]

#: Columns of a reporting-line file (``staff_id`` and ``reports_to`` required).
REPORTING_LINE_COLUMNS = (
    "staff_id",
    "reports_to",
    "title",
    "name",
    "fte",
    "headcount",
    "unit",
    "organisation",
)
_NAMES = CANONICAL_NAMES | frozenset(REPORTING_LINE_COLUMNS)
#: The most people one row of a reporting-line file may expand into.
#: A group of more people than this is taken for a typo (``fte = 1e20``), not a group.
MAX_GROUP = 1_000_000
#: ``reports_to`` values that mark the top of an organisation chart.
TOP_MARKS = ("XX", "TOP", "NONE", "N/A", "-", "0")


def read_reporting_lines(
    source: str | Path | pd.DataFrame,
    *,
    column_map: Mapping[str, str] | None = None,
    role_map: Mapping[str, str] | None = None,
    organisation: str = "ORG",
    domain: Literal["generic", "school"] = "generic",
    top_marks: Iterable[str] = TOP_MARKS,
    strict: bool = True,
    sheet_name: str | int | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Roster:
    """Read a "post, reports to, title, FTE" organisation chart from any organisation.

    Parameters
    ----------
    source
        A CSV/TSV/TXT, Excel, Parquet or JSON-records file, or a DataFrame.
    column_map
        ``{"Your column": "canonical"}`` onto :data:`REPORTING_LINE_COLUMNS` (or any roster
        column); other columns are kept.
    role_map
        ``{"Your job title": "role"}``: the roles of titles (in a generic organisation, the
        only way a post gets a role other than ``other``).
    organisation
        The organisation of rows with no ``organisation`` value (default ``"ORG"``).
    domain
        ``"generic"`` (default): titles are not school roles; ``"school"``: titles resolve
        through the school role catalogue.
    top_marks
        ``reports_to`` values that mark the top of the chart (default :data:`TOP_MARKS`;
        matched ignoring case and spaces), except one that is a post's id (post ``0``),
        which names that post. A blank and a post reporting to itself mark the top too.
    strict, sheet_name, encoding, delimiter, max_bytes
        As for :func:`~leadmodel.read_roster`.

    Returns
    -------
    Roster
        One unit per organisation (as ``school_id``), ``supervises`` links from each
        ``reports_to``; read spans with ``relation="supervises"``. Every top of the chart is
        listed in a ``several_roots`` warning when there are several.

    Raises
    ------
    RosterError
        Listing every problem (strict mode), or when nothing can be loaded.
    DefinitionError
        For a ``column_map`` onto unknown columns, or an unknown ``domain``.
    """
    if domain not in ("generic", "school"):
        raise DefinitionError(f"domain= is 'generic' or 'school', not {domain!r}.")
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
    table = positions_and_people(frame.rename(columns={"reports_to": "supervisor_id"}), notes)
    table = table.rename(columns={"organisation": "school_id"})
    # a blank row stays blank (skipped as one by validation): nothing is filled in on it
    blank = pd.Series(blank_cells_in_rows(table), index=table.index)
    orgs = (
        to_text(table["school_id"])
        if "school_id" in table
        else pd.Series(pd.NA, index=table.index, dtype="string")
    )
    table["school_id"] = orgs.mask(orgs.isna() & ~blank, organisation)
    if "supervisor_id" in table:
        table["supervisor_id"] = _tops_cleared(table, top_marks)
    if "role" not in table:
        table["role"] = _roles(table, role_map, domain).mask(blank)
    heads, bad = _headcounts(table, notes)
    table = table.loc[~bad].assign(incumbents=heads[~bad])
    return validate_tables(
        table,
        role_map=role_map,
        strict=strict,
        source=intake.provenance(),
        notes=notes,
        what="reporting lines",
        schools_file=domain == "school",
    )


def _tops_cleared(table: pd.DataFrame, top_marks: Iterable[str]) -> pd.Series:
    """``reports_to`` with the marks of the top of the chart (and self-reports) made blank.

    A mark that is also a post's id (a post numbered ``0``) names that post, not the top."""
    boss = to_text(table["supervisor_id"])
    own = (
        to_text(table["staff_id"])
        if "staff_id" in table
        else pd.Series(pd.NA, index=table.index, dtype="string")
    )
    posts = set(own.dropna().str.strip())
    marks = {str(m).strip().casefold() for m in top_marks if str(m).strip() not in posts}
    top = boss.str.strip().str.casefold().isin(marks).fillna(False) | (boss == own).fillna(False)
    return boss.mask(top.astype(bool))


def _roles(table: pd.DataFrame, role_map: Mapping[str, str] | None, domain: str) -> pd.Series:
    """Each post's role: from ``role_map``, else (school domain) the catalogue, else other."""
    titles = (
        to_text(table["title"])
        if "title" in table
        else pd.Series(pd.NA, index=table.index, dtype="string")
    )
    if domain == "school":
        known = resolve_titles(titles, role_map=role_map).set_axis(table.index)
    else:
        mapped = {str(k).strip().casefold(): v for k, v in (role_map or {}).items()}
        known = titles.str.strip().str.casefold().map(mapped)
    return pd.Series(known, index=table.index, dtype="string").fillna("other")


def _with_other_titles(table: pd.DataFrame, role_map: Mapping[str, str] | None) -> dict[str, str]:
    """The role map plus ``title -> "other"`` for every title no role answers to."""
    extended = dict(role_map or {})
    if "title" in table and "role" not in table:
        titles = to_text(table["title"]).dropna().unique()
        known = resolve_titles(titles, role_map=role_map)
        extended.update({str(t): "other" for t, k in zip(titles, known, strict=True) if pd.isna(k)})
    return extended


def _headcounts(table: pd.DataFrame, notes: IssueLog) -> tuple[pd.Series, pd.Series]:
    """People per row (for counted groups), and the rows whose size is unusable.

    The ``headcount`` column where given; else, for a row naming nobody and above 1 FTE (a
    group of junior staff), the FTE rounded up, with a ``headcount_estimated`` warning; else
    ``<NA>`` (one post, its people counted by validation). A headcount that is not a whole
    number of at least 1, and a group of more than :data:`MAX_GROUP` people (a typo such as
    ``fte = 1e20``), are errors.
    """
    fte = (
        to_number(table["fte"])[0].to_numpy(dtype="float64", na_value=np.nan)
        if "fte" in table
        else np.full(len(table), np.nan)
    )
    someone = pd.Series(False, index=table.index)
    for col in ("name", "person_id"):
        if col in table:
            someone |= to_text(table[col]).notna()
    group = pd.Series(fte > 1, index=table.index) & ~someone
    size = pd.Series(np.where(group, np.ceil(fte), np.nan), index=table.index, dtype="Float64")
    bad = pd.Series(False, index=table.index)
    given = pd.Series(pd.NA, index=table.index, dtype="Float64")
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
    estimated = group & given.isna() & ~bad
    notes.add(
        "staff",
        table.loc[estimated].reset_index(names="_row"),
        code="headcount_estimated",
        field="headcount",
        value=size[estimated].astype("Int64").astype(str).reset_index(drop=True),
        severity="warning",
        message="A group of {value} people is assumed: the row gives its FTE and no headcount, so "
        "the FTE was rounded up.",
        fix="Give a headcount column if the number of people differs.",
    )
    size = given.where(given.notna() & ~bad, size)
    huge = ~bad & (size > MAX_GROUP).fillna(False).astype(bool)
    notes.add(
        "staff",
        table.loc[huge].reset_index(names="_row"),
        code="invalid_value",
        field="headcount" if "headcount" in table else "fte",
        value=size[huge].astype(str).reset_index(drop=True),
        message=f"The group would hold {{value}} people, more than {MAX_GROUP:,}; the row was "
        "left out.",
        fix="Check the headcount or FTE (a group of several people has an FTE like 12.5).",
    )
    bad = bad | huge
    return size.where(~bad).astype("Int64"), bad
