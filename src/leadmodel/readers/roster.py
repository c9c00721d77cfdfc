"""Reading and writing rosters: CSV, Excel, Parquet and JSON, with column maps.

A district's HR export never uses leadmodel's column names. :func:`read_roster`
renames columns through ``column_map`` (and, without one, recognises headers
that differ from a canonical name only in case, spacing or punctuation, such as
``"Staff ID"``), maps job titles to roles through ``role_map``, turns link
columns (``"Evaluator ID"`` mapped to ``evaluator_id``...) into links, keeps
every other column, and validates everything at once.

Layouts
-------
single file
    One staff table (CSV/TSV/TXT, Excel sheet, Parquet, or JSON records).
    Links, teams and schools may be given as separate files or frames.
roster directory
    ``staff.csv`` plus optional ``links.csv``, ``teams.csv``, ``schools.csv``
    (or the same names in ``.parquet``), as :func:`write_roster` writes it.
Excel workbook
    Sheets named ``staff``, ``links``, ``teams``, ``schools`` (as written by
    :func:`write_roster`), or any single sheet with the staff table.
leadmodel JSON
    ``{"schools": [...]}``: the nested :class:`~leadmodel.District` form.

Examples
--------
>>> import leadmodel as lm
>>> path = lm.sample_path("hr_export")
>>> roster = lm.read_roster(
...     path / "hr_export.csv",
...     column_map=lm.datasets.HR_EXPORT_COLUMN_MAP,
...     role_map=lm.datasets.HR_EXPORT_ROLE_MAP,
... )
>>> roster.links.empty
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from leadmodel.errors import DefinitionError, RosterError
from leadmodel.models import District, School, StaffMember
from leadmodel.readers.files import (
    DEFAULT_MAX_BYTES,
    EXCEL_SUFFIXES,
    Intake,
    TableSource,
    input_checksum,
    is_district_json,
)
from leadmodel.readers.issues import IssueLog, to_text
from leadmodel.readers.roster_checks import Unmapped, validate_tables
from leadmodel.roles import resolve_titles
from leadmodel.roster import CANONICAL_NAMES, TABLES, Roster, empty_table

__all__ = ["list_titles", "read_roster", "roster_from_schools"]


#: The names a roster folder's file for each table may have (letter case aside).
FOLDER_FILES = {table: [f"{table}.csv", f"{table}.parquet"] for table in TABLES}


def read_roster(
    source: str | Path | pd.DataFrame,
    *,
    links: TableSource = None,
    teams: TableSource = None,
    schools: TableSource = None,
    column_map: Mapping[str, str] | None = None,
    role_map: Mapping[str, str] | None = None,
    unmapped: Unmapped = "error",
    strict: bool = True,
    sheet_name: str | int | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Roster:
    """Read, map and validate a roster from a file, a directory or DataFrames.

    Parameters
    ----------
    source
        The staff table (a path or a DataFrame), a roster directory (files
        ``staff``, ``links``, ``teams``, ``schools`` as ``.csv`` or ``.parquet``,
        in any letter case, one file per table), an Excel workbook with
        ``staff``/``links``/``teams``/``schools`` sheets, or a leadmodel JSON file.
    links, teams, schools
        Optional separate tables (path or DataFrame). Links may instead come as
        columns on the staff rows: ``supervisor_id``, ``evaluator_id``,
        ``evaluation_input_id``, ``coach_id``, ``developer_id``,
        ``facilitator_id`` (several ids separated by ``;``).
    column_map
        ``{"Your column": "canonical_column"}``, applied to every table.
    role_map
        ``{"Your job title": "role"}``, added to the built-in title aliases.
    unmapped
        What to do with a title no role answers to: ``"error"`` (default, an
        ``unknown_role`` error on each row) or ``"other"`` (load it as role ``other``, with
        one ``unmapped_title`` warning per title giving its number of rows). A district's
        catalogue of hundreds of titles is then mapped for the roles that matter only;
        :func:`list_titles` lists the titles to write the map from.
    strict
        Raise :class:`~leadmodel.RosterError` on any error (default). With
        ``False``, keep the usable rows and list the problems in ``roster.issues``.
    sheet_name
        Excel sheet holding the staff table (default: the ``staff`` sheet if
        present, else the first).
    encoding, delimiter
        Override the detected text encoding (UTF-8 with or without BOM, else
        Windows-1252) and delimiter (``,``, ``;``, tab or ``|``).
    max_bytes
        Size guard: a file larger than this (default 4 GiB) is refused with a
        ``file_too_large`` error rather than exhausting memory; raise it to read
        one anyway (Parquet reads far larger rosters in the same memory).

    Returns
    -------
    Roster

    Raises
    ------
    RosterError
        Listing every problem (strict mode), or when nothing can be loaded (in both
        modes: a missing required column, no data rows, a file that cannot be read, a
        directory with two files for one table).
    DefinitionError
        For a malformed ``column_map`` or ``role_map``, an unsupported file type, or a
        directory without a staff file.

    Examples
    --------
    >>> import pandas as pd
    >>> import leadmodel as lm
    >>> export = pd.DataFrame({"Emp No": ["7", "8"], "Campus": ["S", "S"],
    ...                        "Job Title": ["Principal", "Wizard"]})
    >>> roster = lm.read_roster(export, column_map={"Emp No": "staff_id", "Campus": "school_id",
    ...                                             "Job Title": "title"}, strict=False)
    >>> roster.issues[["row", "code", "value"]]
       row          code   value
    0    2  unknown_role  Wizard
    """
    intake = Intake(
        "roster",
        names=CANONICAL_NAMES,
        column_map=column_map,
        encoding=encoding,
        delimiter=delimiter,
        sheet_name=sheet_name,
        max_bytes=max_bytes,
    )
    frames: dict[str, pd.DataFrame] = {}
    if isinstance(source, pd.DataFrame):
        frames["staff"] = intake.table(source, "staff")
    else:
        path = Path(source)
        if path.is_dir():
            frames.update(intake.bundle(path, FOLDER_FILES))
            if "staff" not in frames:
                raise DefinitionError(f"Directory {path.name!r} has no staff.csv or staff.parquet.")
        elif path.suffix.lower() == ".json" and is_district_json(intake.path(path)):
            return _read_district_json(path)
        elif path.suffix.lower() in EXCEL_SUFFIXES and sheet_name is None:
            frames.update(intake.workbook(path, TABLES))
        else:
            frames["staff"] = intake.table(path, "staff")
    for table, given in (("links", links), ("teams", teams), ("schools", schools)):
        if given is not None:
            frames[table] = intake.table(given, table)
    optional = {
        t: None if f.shape[1] == 0 and not intake.unread(t) else f  # an empty file: not given
        for t, f in frames.items()
        if t != "staff"
    }
    return validate_tables(
        frames["staff"],
        links=optional.get("links"),
        teams=optional.get("teams"),
        schools=optional.get("schools"),
        role_map=role_map,
        unmapped=unmapped,
        strict=strict,
        source=intake.provenance(),
        notes=intake.notes,
    )


def list_titles(
    source: str | Path | pd.DataFrame,
    *,
    column_map: Mapping[str, str] | None = None,
    role_map: Mapping[str, str] | None = None,
    sheet_name: str | int | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> pd.DataFrame:
    """The distinct job titles of a staff file, how many rows hold each, and the role each gets.

    Read the file as :func:`read_roster` would (the same options), without validating it: the
    list to write a ``role_map`` from, for a district with hundreds of titles.

    Returns
    -------
    pandas.DataFrame
        One row per distinct title (``title``), most frequent first then by title: ``rows``
        (how many rows hold it) and ``role`` (the role it resolves to through the built-in
        aliases and ``role_map``; ``<NA>`` when none does).

    Examples
    --------
    >>> import pandas as pd
    >>> export = pd.DataFrame({"Title": ["Teacher", "Para Educator", "Teacher", "Principal"]})
    >>> list_titles(export, column_map={"Title": "title"})
                   rows       role
    title
    Teacher           2    teacher
    Para Educator     1       <NA>
    Principal         1  principal
    """
    intake = Intake(
        "roster",
        names=CANONICAL_NAMES,
        column_map=column_map,
        encoding=encoding,
        delimiter=delimiter,
        sheet_name=sheet_name,
        max_bytes=max_bytes,
    )
    table = intake.table(source, "staff")
    intake.provenance()
    column = "title" if "title" in table else "role" if "role" in table else None
    if column is None:
        raise DefinitionError(
            "The file has no title (or role) column: map your job-title column with "
            "column_map={'Job Title': 'title'}."
        )
    titles = to_text(table[column]).dropna()
    counts = titles.value_counts()
    out = pd.DataFrame({"rows": counts.to_numpy()}, index=pd.Index(counts.index, name="title"))
    out["role"] = resolve_titles(out.index, role_map=role_map).to_numpy()
    order = np.lexsort((out.index.to_numpy(dtype=str), -out["rows"].to_numpy()))
    return out.iloc[order].astype({"rows": "int64", "role": "string"})


def _read_district_json(path: Path) -> Roster:
    from pydantic import ValidationError

    try:
        district = District.model_validate_json(path.read_bytes().removeprefix(b"\xef\xbb\xbf"))
    except ValidationError as exc:
        log = IssueLog()
        for err in exc.errors():
            loc = ".".join(str(p) for p in err["loc"])
            log.file_error(
                "file",
                "invalid_value",
                f"{path.name}: {loc}: {err['msg']}.",
                "Correct the value at that location of the JSON document.",
                field=loc,
            )
        raise RosterError(log.frame()) from None
    roster = roster_from_schools(district)
    roster.source.update({"name": path.name, "sha256": input_checksum([path])})
    return roster


def _staff_row(member: StaffMember, school_id: str) -> dict[str, Any]:
    row = member.model_dump(exclude={"release"})
    row["school_id"] = school_id
    row["release_fte"] = member.release.fraction if member.release else None
    row["release_purpose"] = member.release.purpose if member.release else None
    return row


def roster_from_schools(schools: School | District | Iterable[School]) -> Roster:
    """Validate pydantic schools and return them as one :class:`~leadmodel.Roster`.

    Parameters
    ----------
    schools
        One :class:`~leadmodel.School`, a :class:`~leadmodel.District`, or schools.

    Raises
    ------
    RosterError
        When the schools contain problems (unknown roles, links to unknown staff, ...).

    Examples
    --------
    >>> import leadmodel as lm
    >>> school = lm.School(school_id="S1", staff=[lm.StaffMember(staff_id="P1", role="principal")])
    >>> lm.roster_from_schools(school)
    <Roster: 1 school, 1 staff rows, 0 links, 0 teams>
    """
    if isinstance(schools, School):
        schools = [schools]
    elif isinstance(schools, District):
        schools = schools.schools
    staff: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    teams: list[dict[str, Any]] = []
    school_rows: list[dict[str, Any]] = []
    for school in schools:
        sid = school.school_id
        school_rows.append(school.model_dump(exclude={"staff", "links", "teams"}))
        staff.extend(_staff_row(m, sid) for m in school.staff)
        links.extend({"school_id": sid, **link.model_dump()} for link in school.links)
        teams.extend({"school_id": sid, **team.model_dump()} for team in school.teams)
    return validate_tables(
        _frame(staff, "staff"),
        links=_frame(links, "links"),
        teams=_frame(teams, "teams"),
        schools=_frame(school_rows, "schools"),
        strict=True,
        source={"name": "pydantic models"},
    )


def _frame(rows: list[dict[str, Any]], table: str) -> pd.DataFrame:
    if not rows:
        return empty_table(table)
    frame = pd.DataFrame(rows)
    return frame.astype(object).where(frame.notna(), None)
