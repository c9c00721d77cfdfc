"""Reading Ed-Fi staff assignments into a roster.

The Ed-Fi Data Standard records a staff member's work in an education organization as a
*StaffEducationOrganizationAssignmentAssociation*: the staff member
(``staffReference.staffUniqueId``), the organization
(``educationOrganizationReference.educationOrganizationId``), a
``staffClassificationDescriptor`` (``uri://ed-fi.org/StaffClassificationDescriptor#Teacher``),
the ``positionTitle``, ``beginDate`` and ``endDate``, the ``orderOfAssignment`` (1 for the
primary assignment) and, from Data Standard 4 on, the ``fullTimeEquivalency``.
:func:`read_edfi` reads them as the ODS/API returns them (a JSON list, references nested) or as
a CSV, Excel or Parquet export (one column per field, dotted or not), with two more resources
when given: *Staff* (``staffUniqueId``, ``firstName``, ``lastSurname``: the names) and *Schools*
(``schoolId``, ``nameOfInstitution``, ``localEducationAgencyReference``: which organizations
are schools, their names and districts).

An education organization is a school when the Schools resource lists it; without that
resource, when the API's reference says so (``educationOrganizationReference.link.rel`` is
``School``); with neither, every organization is taken for a school, with a
``schools_assumed`` warning. Classifications become roles through :data:`EDFI_CLASSIFICATIONS`;
the position title refines a classification too broad to tell ("School Administrator": a
principal or an assistant principal?) and names teacher leaders among teachers.

Sources: Ed-Fi Data Standard, the StaffEducationOrganizationAssignmentAssociation, Staff and
School entities as the ODS/API serves them (fields and descriptions as in the ODS/API client
models), and ``Descriptors/StaffClassificationDescriptor.xml`` (Ed-Fi-Alliance-OSS/
Ed-Fi-Data-Standard) for the classification code values, current and deprecated.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path

import pandas as pd

from leadmodel.readers.files import DEFAULT_MAX_BYTES, Intake
from leadmodel.readers.issues import (
    IssueLog,
    check_known,
    check_required_values,
    drop_blank_rows,
    name_list,
    numbered_rows,
    numeric_field,
    range_check,
    require_columns,
    row_counts,
)
from leadmodel.readers.log import DateLike
from leadmodel.readers.standards import (
    Placements,
    as_of_date,
    checked_role_map,
    current_rows,
    full_names,
    placed_roster,
    resolve_roles,
    texts,
)
from leadmodel.roles import ROLES, TEACHING_ROLES
from leadmodel.roster import STRING, Roster

__all__ = ["EDFI_CLASSIFICATIONS", "read_edfi"]

#: The default map of Ed-Fi ``StaffClassificationDescriptor`` code values onto leadmodel roles:
#: the Data Standard's current values (the EDFacts staff categories) and the older ones it
#: keeps as deprecated. "School Administrator", "Instr Coordinator and Supervisor to the
#: Staff", "LEA Administrator" and "Other" are broad: the position title decides when it names
#: a role, else the default is assumed (``role_assumed``); "Missing" has only the title.
EDFI_CLASSIFICATIONS: dict[str, str] = {
    "Pre-Kindergarten Teacher": "teacher",
    "Kindergarten Teacher": "teacher",
    "Elementary Teacher": "teacher",
    "Secondary Teacher": "teacher",
    "Ungraded Teacher": "teacher",
    "Early Learning Teachers": "teacher",
    "Teacher": "teacher",
    "Substitute Teacher": "teacher",
    "Principal": "principal",
    "School Leader": "principal",
    "Assistant Principal": "assistant_principal",
    "School Administrator": "assistant_principal",
    "Instr Coordinator and Supervisor to the Staff": "instructional_coach",
    "Instructional Coordinator": "instructional_coach",
    "Elementary School Counselor": "specialist",
    "Secondary School Counselor": "specialist",
    "School Counselor": "specialist",
    "Counselor": "specialist",
    "Librarian/Media Specialist": "specialist",
    "School Psychologist": "specialist",
    "Student Support Services Staff (w/o Psychology)": "specialist",
    "School Specialist": "specialist",
    "LEA Specialist": "specialist",
    "Behavioral Specialist": "specialist",
    "Family Service Workers": "specialist",
    "Health Specialists": "specialist",
    "Paraprofessional/Instructional Aide": "other",
    "Instructional Aide": "other",
    "Early Learning Assistant Teachers": "other",
    "Library/Media Support Staff": "other",
    "School Administrative Support Staff": "other",
    "LEA Administrator": "other",
    "LEA Administrative Support Staff": "other",
    "LEA System Administrator": "other",
    "Superintendent": "other",
    "Assistant Superintendent": "other",
    "State Administrator": "other",
    "All Other Support Staff": "other",
    "Support Services Staff": "other",
    "Operational Support": "other",
    "Home Visitors": "other",
    "Other": "other",
}
#: Classifications too broad to tell the role: the position title decides when it names one.
BROAD = frozenset(
    {
        "School Administrator",
        "Instr Coordinator and Supervisor to the Staff",
        "Instructional Coordinator",
        "LEA Administrator",
        "Other",
        "Missing",
    }
)
_TEACHERS = [code for code, role in EDFI_CLASSIFICATIONS.items() if role == "teacher"]
#: A teacher's position title may name a teacher-leader role (a "Team Lead" is a teacher).
REFINE = {code: TEACHING_ROLES for code in _TEACHERS}
#: The files of a folder or zip archive, with the names they may have (the API's resources).
FILES = {
    "assignments": [
        "staffEducationOrganizationAssignmentAssociations.json",
        "staffEducationOrganizationAssignmentAssociations.csv",
    ],
    "staff_records": ["staffs.json", "staffs.csv", "staff.json", "staff.csv"],
    "school_records": ["schools.json", "schools.csv"],
}
#: The fields read, in snake case; the Ed-Fi names (camelCase, dotted references) are
#: recognised as written.
NAMES = frozenset(
    {
        "staff_unique_id",
        "education_organization_id",
        "education_organization_type",
        "staff_classification",
        "begin_date",
        "end_date",
        "position_title",
        "order_of_assignment",
        "full_time_equivalency",
        "first_name",
        "last_surname",
        "school_id",
        "name_of_institution",
        "local_education_agency_id",
    }
)
ALIASES = {name: name for name in NAMES} | {
    "staff_reference_staff_unique_id": "staff_unique_id",
    "education_organization_reference_education_organization_id": "education_organization_id",
    "education_organization_reference_link_rel": "education_organization_type",
    "staff_classification_descriptor": "staff_classification",
    "local_education_agency_reference_local_education_agency_id": "local_education_agency_id",
}
_ANY_ROLE = frozenset(role.key for role in ROLES)


def read_edfi(
    source: str | Path | pd.DataFrame,
    *,
    staff: str | Path | pd.DataFrame | None = None,
    schools: str | Path | pd.DataFrame | None = None,
    role_map: Mapping[str, str] | None = None,
    as_of: DateLike | None = None,
    strict: bool = True,
    column_map: Mapping[str, str] | None = None,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Roster:
    """Read Ed-Fi staff education organization assignments into a roster.

    Parameters
    ----------
    source
        The assignments (StaffEducationOrganizationAssignmentAssociation): the ODS/API's JSON,
        a CSV, Excel or Parquet export, or a DataFrame; or a folder or zip archive holding
        ``staffEducationOrganizationAssignmentAssociations.json`` (or ``.csv``) and, when
        present, ``staffs`` and ``schools`` resources of the same kind.
    staff, schools
        The Staff and Schools resources, in the same forms (when ``source`` is a folder or an
        archive, its own are read unless these are given).
    role_map
        ``{"classification or position title": "leadmodel role"}``, read before
        :data:`EDFI_CLASSIFICATIONS` (a state's own classification codes, say).
    as_of
        The date the roster is for (``YYYY-MM-DD``; default today): an assignment that ended
        before it (``endDate``, inclusive) or begins after it is left out (``not_current``).
        Give it to read the same export the same way on any day.
    strict
        Raise :class:`~leadmodel.RosterError` on any error (default); with ``False``, keep the
        usable records and list the problems in ``roster.issues``.
    column_map, encoding, max_bytes
        As for :func:`~leadmodel.read_roster` (Ed-Fi's own field names need no map).

    Returns
    -------
    Roster
        Staff (``staff_id`` the ``staffUniqueId``, ``school_id`` the education organization's
        id, ``role``, ``title`` the position title, else the classification, ``name`` from the
        Staff resource, ``fte`` the full-time equivalency when given) and schools (``name`` and
        ``district_id`` from the Schools resource). Issues name the file (``assignments``,
        ``staff_records``, ``school_records``) and its row; those found on the staff rows built
        from them name ``staff`` and the staff id. The accounting has one table per file (rows
        in = rows read + rejected + blank; a row read may still be left out by a rule reported
        in the issues: an ended assignment, an organization that is not a school) beside the
        roster's own.

    Raises
    ------
    RosterError
        In strict mode when any error is found (an empty staff or organization id, a repeated
        assignment, a date or number that is not one, a classification matching no role, a
        staff member the Staff resource lacks), listing all of them; in both modes when nothing
        can be loaded (no assignments, a required column missing, no current assignment in a
        school).
    DefinitionError
        For a malformed ``role_map``, ``column_map`` or ``as_of``.

    Examples
    --------
    >>> import pandas as pd
    >>> import leadmodel as lm
    >>> assignments = pd.DataFrame({
    ...     "staffUniqueId": ["207", "208", "209", "209"],
    ...     "educationOrganizationId": [255901001, 255901001, 255901001, 255901001],
    ...     "staffClassificationDescriptor": [
    ...         "uri://ed-fi.org/StaffClassificationDescriptor#School Administrator",
    ...         "uri://ed-fi.org/StaffClassificationDescriptor#Elementary Teacher",
    ...         "uri://ed-fi.org/StaffClassificationDescriptor#Elementary Teacher",
    ...         "uri://ed-fi.org/StaffClassificationDescriptor#Elementary Teacher"],
    ...     "positionTitle": ["Principal", "Grade 3 Teacher", "Team Lead", "Teacher"],
    ...     "beginDate": ["2020-08-01", "2021-08-01", "2019-08-01", "2015-08-01"],
    ...     "endDate": [None, None, None, "2019-06-30"]})
    >>> roster = lm.read_edfi(assignments, as_of="2024-10-01", strict=False)
    >>> roster.staff[["staff_id", "role", "title"]]
      staff_id       role            title
    0      207  principal        Principal
    1      208    teacher  Grade 3 Teacher
    2      209  team_lead        Team Lead
    >>> sorted(set(roster.issues["code"]))
    ['not_current', 'schools_assumed']
    """
    role_map = checked_role_map(role_map)
    day = as_of_date(as_of)
    intake = Intake(
        "Ed-Fi staff assignments",
        names=NAMES,
        column_map=column_map,
        encoding=encoding,
        max_bytes=max_bytes,
        aliases=ALIASES,
        only_known=True,
        flatten=True,
    )
    tables = _tables(intake, source, staff, schools)
    log = intake.notes
    people, people_counts = _staff_records(tables.get("staff_records"), intake)
    places, place_counts = _school_records(tables.get("school_records"), intake)
    rows, counts = _rows(tables["assignments"], "assignments", intake)
    placements = _assignments(rows, people, places, day, role_map, intake)
    inputs = {"assignments": row_counts(rows["_reject"], **counts)}
    if people is not None:
        inputs["staff_records"] = row_counts(people["_reject"], **people_counts)
    if places is not None:
        inputs["school_records"] = row_counts(places["_reject"], **place_counts)
    if placements.empty:
        log.file_error(
            "assignments",
            "empty_file",
            "No current assignment in a school is left to put on the roster (see the other "
            "issues for the assignments left out).",
            "Check the as_of date and that the assignments name schools.",
        )
        raise intake.refuse()
    staff_rows = Placements(placements, table="assignments").staff(log)
    provenance = {**intake.provenance(), "format": "Ed-Fi", "as_of": day.isoformat()}
    return placed_roster(
        staff_rows,
        _schools(places, placements),
        strict=strict,
        source=provenance,
        inputs=inputs,
        log=log,
        what="Ed-Fi staff assignments",
    )


# ------------------------------------------------------------------ files


def _tables(
    intake: Intake,
    source: str | Path | pd.DataFrame,
    staff: str | Path | pd.DataFrame | None,
    schools: str | Path | pd.DataFrame | None,
) -> dict[str, pd.DataFrame]:
    """The assignments and, when given, the Staff and Schools resources."""
    if not isinstance(source, pd.DataFrame) and (
        Path(source).is_dir() or Path(source).suffix.lower() == ".zip"
    ):
        tables = intake.bundle(source, FILES)
        if "assignments" not in tables:
            intake.notes.file_error(
                "assignments",
                "missing_file",
                f"{Path(source).name} holds no staffEducationOrganizationAssignmentAssociations "
                "file (.json or .csv).",
                "Give the assignments file itself, or a folder or archive holding it under the "
                "resource's name.",
            )
            raise intake.refuse()
    else:
        tables = {"assignments": intake.table(source, "assignments")}
    for table, given in (("staff_records", staff), ("school_records", schools)):
        if given is not None:
            tables[table] = intake.table(given, table)
    return tables


def _rows(frame: pd.DataFrame, table: str, intake: Intake) -> tuple[pd.DataFrame, dict[str, int]]:
    """A file's rows, blank rows left out; the counts its accounting needs."""
    rows, blank = drop_blank_rows(numbered_rows(frame, table), intake.notes, table)
    if rows.empty and not intake.unread(table):
        intake.notes.file_error(
            table,
            "empty_file",
            f"The {table.replace('_', ' ')} have no data rows.",
            "Check that the right file was given and that it has records.",
        )
        raise intake.refuse()
    return rows, {"blank": blank, "unread": intake.unread(table)}


def _require(rows: pd.DataFrame, table: str, columns: list[str], intake: Intake) -> None:
    if not require_columns(rows, table, columns, intake.notes):
        raise intake.refuse()


def _repeated(rows: pd.DataFrame, keys: list[str], table: str, log: IssueLog) -> pd.Series:
    """Rows whose key another row has too: ``duplicate_id`` errors on all of them."""
    present = [k for k in keys if k in rows]
    keyed = rows[present].notna().all(axis=1)
    repeated = keyed & rows.duplicated(present, keep=False)
    log.add(
        table,
        rows,
        where=repeated,
        code="duplicate_id",
        field=present[0],
        value=rows.loc[repeated, present[0]],
        message=f"The record {{value!r}} appears on more than one row of {table} (same "
        f"{', '.join(present)}); leadmodel cannot tell which is right.",
        fix="Give each record one row.",
    )
    return repeated


def _staff_records(
    frame: pd.DataFrame | None, intake: Intake
) -> tuple[pd.DataFrame | None, dict[str, int]]:
    """The Staff resource: ids and names, with ``_reject``."""
    if frame is None:
        return None, {}
    rows, counts = _rows(frame, "staff_records", intake)
    _require(rows, "staff_records", ["staff_unique_id"], intake)
    texts(rows, ["staff_unique_id", "first_name", "last_surname"])
    reject = check_required_values(rows, "staff_records", ["staff_unique_id"], intake.notes)
    reject |= _repeated(rows, ["staff_unique_id"], "staff_records", intake.notes)
    rows["name"] = full_names(rows, "first_name", "last_surname")
    rows["_reject"] = reject
    return rows, counts


def _school_records(
    frame: pd.DataFrame | None, intake: Intake
) -> tuple[pd.DataFrame | None, dict[str, int]]:
    """The Schools resource: ids, names and districts, with ``_reject``."""
    if frame is None:
        return None, {}
    rows, counts = _rows(frame, "school_records", intake)
    _require(rows, "school_records", ["school_id"], intake)
    texts(rows, ["school_id", "name_of_institution", "local_education_agency_id"])
    reject = check_required_values(rows, "school_records", ["school_id"], intake.notes)
    reject |= _repeated(rows, ["school_id"], "school_records", intake.notes)
    rows["_reject"] = reject
    return rows, counts


# ------------------------------------------------------------------ assignments


def _assignments(
    rows: pd.DataFrame,
    people: pd.DataFrame | None,
    places: pd.DataFrame | None,
    day: date,
    role_map: Mapping[str, str] | None,
    intake: Intake,
) -> pd.DataFrame:
    """The current assignments in schools as placements; ``rows`` gains ``_reject``."""
    log = intake.notes
    _require(rows, "assignments", ["staff_unique_id", "education_organization_id"], intake)
    if "staff_classification" not in rows and "position_title" not in rows:
        _require(rows, "assignments", ["staff_classification"], intake)
    required = ["staff_unique_id", "education_organization_id"]
    texts(
        rows,
        [*required, "education_organization_type", "staff_classification", "position_title"],
    )
    rows["staff_id"] = rows["staff_unique_id"]
    reject = check_required_values(rows, "assignments", required, log)
    keys = ["staff_unique_id", "education_organization_id", "staff_classification", "begin_date"]
    reject |= _repeated(rows, keys, "assignments", log)
    reject |= _numbers(rows, log)
    if people is not None:
        known = pd.DataFrame({"staff_id": people["staff_unique_id"].dropna()})
        reject |= check_known(
            rows, "staff_id", known, what="staff", table="assignments", log=log,
            where="the Staff resource", label="staff_unique_id",
            fix="Correct the staffUniqueId, or add the staff member to the Staff resource.",
        )  # fmt: skip
    bad_dates, not_current = current_rows(
        rows, day, table="assignments", what="assignment", log=log, skip=reject
    )
    reject |= bad_dates
    current = ~reject & ~not_current
    current &= _at_schools(rows, current, places, log)
    code = _code_values(rows)
    titles = rows.get("position_title")
    role, assumed = resolve_roles(
        code,
        titles,
        defaults=EDFI_CLASSIFICATIONS,
        broad=BROAD,
        role_map=role_map,
        refine=REFINE | {c: _ANY_ROLE for c in BROAD},
    )
    unknown = _report_roles(rows, code, role, assumed, ~current, log)
    rows["_reject"] = reject | unknown
    current &= ~unknown
    placed = rows[current]
    names = _names(people)
    title = titles.fillna(code) if titles is not None else code
    return pd.DataFrame(
        {
            "staff_id": placed["staff_id"],
            "school_id": placed["education_organization_id"],
            "role": role[placed.index],
            "title": title[placed.index].astype(STRING),
            "name": placed["staff_id"].map(names).astype(STRING),
            "fte": placed.get("full_time_equivalency", pd.Series(pd.NA, index=placed.index)),
            "order": _order(placed),
            "_row": placed["_row"],
        }
    ).reset_index(drop=True)


def _numbers(rows: pd.DataFrame, log: IssueLog) -> pd.Series:
    """FTE in (0, 1] and the order of assignment as numbers; errors on rows that are not."""
    bad = numeric_field(rows, "assignments", "full_time_equivalency", log)
    bad |= numeric_field(rows, "assignments", "order_of_assignment", log)
    if "full_time_equivalency" in rows:
        fte = rows["full_time_equivalency"]
        bad |= range_check(
            rows,
            "assignments",
            "full_time_equivalency",
            "fte_out_of_range",
            (fte <= 0) | (fte > 1),
            "(0, 1]",
            log,
        )
    return bad


def _code_values(rows: pd.DataFrame) -> pd.Series:
    """Each classification's code value: a descriptor URI's part after ``#``, or as written."""
    if "staff_classification" not in rows:
        return pd.Series(pd.NA, index=rows.index, dtype=STRING)
    text = rows["staff_classification"].astype(STRING)
    return text.str.rsplit("#", n=1).str[-1].str.strip().astype(STRING)


def _report_roles(
    rows: pd.DataFrame,
    code: pd.Series,
    role: pd.Series,
    assumed: pd.Series,
    skip: pd.Series,
    log: IssueLog,
) -> pd.Series:
    """``unknown_role`` errors and ``role_assumed`` warnings on the rows not in ``skip`` (rows
    left out anyway need no role); the rows with no role."""
    unknown = role.isna() & ~skip
    shown = code.fillna(rows.get("position_title", code))
    log.add(
        "assignments",
        rows,
        where=unknown,
        code="unknown_role",
        field="staff_classification",
        value=shown[unknown],
        message="Classification {value!r} (and the position title) matches no leadmodel role.",
        fix="Map it with role_map={{'{value}': '<role>'}}; leadmodel.list_roles() lists the roles.",
    )
    broad = assumed & ~skip
    for (value, read_as), group in rows[broad].groupby([code[broad], role[broad]], sort=True):
        log.add(
            "assignments",
            group,
            code="role_assumed",
            field="staff_classification",
            value=pd.Series(value, index=group.index),
            severity="warning",
            message=f"Classification {value!r} covers several roles and the position title names "
            f"none of them: read as {read_as}.",
            fix="Give role_map={'<position title>': '<role>'} for the title, or a more precise "
            "classification.",
            literal=True,
        )
    return unknown


def _at_schools(
    rows: pd.DataFrame, current: pd.Series, places: pd.DataFrame | None, log: IssueLog
) -> pd.Series:
    """Whether each row's organization is a school; one ``not_a_school`` warning per other
    organization (or one ``schools_assumed`` warning when nothing tells)."""
    org = rows["education_organization_id"]
    if places is not None:
        is_school = org.isin(places.loc[~places["_reject"], "school_id"])
        why = "the Schools resource does not list it"
    elif "education_organization_type" in rows:
        kind = rows["education_organization_type"].str.casefold()
        is_school = kind.eq("school").fillna(False).astype(bool)
        why = "the API's reference names it a {}"
    else:
        orgs = sorted(org[current].dropna().unique())
        if orgs:
            log.add(
                "assignments",
                pd.DataFrame({"_row": [pd.NA]}),
                code="schools_assumed",
                field="education_organization_id",
                value=pd.Series([str(len(orgs))]),
                severity="warning",
                message="Neither the Schools resource nor the API's references say which "
                f"education organizations are schools: all {len(orgs)} were taken for schools "
                f"({name_list(orgs)}).",
                fix="Pass schools= (the /ed-fi/schools resource) so that districts and other "
                "organizations are left out.",
                literal=True,
            )
        return pd.Series(True, index=rows.index)
    is_school = is_school.fillna(False).astype(bool)
    for org_id, group in rows[current & ~is_school].groupby("education_organization_id"):
        reason = why
        if "{}" in why:
            reason = why.format(group["education_organization_type"].iloc[0] or "non-school")
        log.add(
            "assignments",
            group.head(1),
            code="not_a_school",
            field="education_organization_id",
            value=pd.Series([org_id], index=group.index[:1]),
            severity="warning",
            message=f"Education organization {org_id!r} is not a school ({reason}): its "
            f"{len(group)} current assignment(s) (rows "
            f"{name_list([str(r) for r in group['_row']])}, staff "
            f"{name_list(sorted(group['staff_id'].dropna().unique()))}) are left out.",
            fix="Nothing to fix for a district or another organization above the schools; add "
            "the school to the Schools resource if it is one.",
            literal=True,
        )
    return is_school


def _names(people: pd.DataFrame | None) -> pd.Series:
    """Staff names by id, from the usable rows of the Staff resource."""
    if people is None:
        return pd.Series(dtype=STRING)
    ok = people[~people["_reject"]]
    return ok.set_index("staff_unique_id")["name"]


def _order(rows: pd.DataFrame) -> pd.Series:
    """Each assignment's rank for its staff member: the order of assignment, unknown last."""
    if "order_of_assignment" not in rows:
        return pd.Series(0.0, index=rows.index)
    return rows["order_of_assignment"].astype("Float64").fillna(float("inf")).astype(float)


def _schools(places: pd.DataFrame | None, placements: pd.DataFrame) -> pd.DataFrame:
    """The schools table: the Schools resource's usable rows, else the organizations placed."""
    if places is None:
        ids = sorted(placements["school_id"].dropna().unique())
        return pd.DataFrame({"school_id": pd.array(ids, dtype=STRING)})
    ok = places[~places["_reject"]]
    empty = pd.Series(pd.NA, index=ok.index, dtype=STRING)
    return pd.DataFrame(
        {
            "school_id": ok["school_id"],
            "name": ok.get("name_of_institution", empty),
            "district_id": ok.get("local_education_agency_id", empty),
        }
    ).astype(STRING)
