"""Reading OneRoster 1.1 and 1.2 CSV exports (1EdTech) into a roster.

A OneRoster CSV export is a zip archive (or a folder) of CSV files, one per kind of record,
described in 1EdTech's *OneRoster CSV Tables* (1.1) and *OneRoster: CSV Binding* (1.2). Of them
leadmodel reads:

``orgs.csv``
    organisations: ``sourcedId``, ``name``, ``type`` (``school``, ``district``,
    ``department``, ``local``, ``state``, ``national``), ``identifier``, ``parentSourcedId``.
    Only orgs of type ``school`` are schools; a school's parent of type ``district`` is its
    district.
``users.csv``
    people: ``sourcedId``, ``status``, ``enabledUser``, ``givenName``, ``familyName`` and, in
    1.1, ``role`` (one per user) and ``orgSourcedIds`` (the orgs the user belongs to, several
    in one field separated by commas).
``roles.csv`` (1.2)
    a user's roles: ``userSourcedId``, ``roleType`` (``primary`` or ``secondary``), ``role``,
    ``orgSourcedId``, ``beginDate``, ``endDate``. When it is present, roles come from it.
``manifest.csv``
    the version, and whether each file is whole (``bulk``) or only the changes (``delta``).

Every staff user in a school becomes a staff row there (one per school: a teacher in two schools
has two rows). Students, parents, guardians and relatives are not staff; records with status
``tobedeleted`` (or 1.0's ``inactive``) are left out; a disabled user (``enabledUser`` false) is
an active record whose access is curtailed, so stays on the staff with a warning. OneRoster
gives no FTE (see :mod:`leadmodel.readers.standards` for what is done instead) and no job
titles: the staff row's ``title`` is the OneRoster role as written.

Sources: 1EdTech, *OneRoster CSV Tables*, version 1.1.1
(https://www.imsglobal.org/oneroster-v11-final-csv-tables), and *OneRoster: CSV Binding*,
version 1.2.1 (https://www.imsglobal.org/spec/oneroster/v1p2/bind/csv): the files, their
columns, the org types, the role vocabularies of 1.1 and 1.2 and the ``tobedeleted`` status.
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
from leadmodel.roles import normalise_title
from leadmodel.roster import STRING, Roster

__all__ = ["ONEROSTER_ROLES", "read_oneroster"]

#: The default map of OneRoster roles (1.1 and 1.2) onto leadmodel roles. ``administrator``
#: (1.1) and ``siteAdministrator`` (1.2) do not tell a principal from other school
#: administrators: they are read as assistant principals, reported as assumed
#: (``role_assumed``); ``role_map={"administrator": "principal"}`` reads them otherwise.
ONEROSTER_ROLES: dict[str, str] = {
    "teacher": "teacher",
    "principal": "principal",
    "administrator": "assistant_principal",
    "siteAdministrator": "assistant_principal",
    "counselor": "specialist",
    "aide": "other",
    "proctor": "other",
    "districtAdministrator": "other",
    "systemAdministrator": "other",
}
#: OneRoster roles too broad to tell which leadmodel role they are.
BROAD_ROLES = frozenset({"administrator", "siteAdministrator"})
#: OneRoster roles of people who are not staff.
NOT_STAFF = frozenset({"student", "parent", "guardian", "relative"})
#: Statuses of records to be left out (1.1 ``tobedeleted``; 1.0 ``inactive``).
DELETED = frozenset({"tobedeleted", "inactive"})
#: The files read, with the names they may have.
FILES = {
    "manifest": ["manifest.csv"],
    "orgs": ["orgs.csv"],
    "users": ["users.csv"],
    "roles": ["roles.csv"],
}
#: The fields read (snake case of the specification's names, which are recognised as written).
NAMES = frozenset(
    {
        "property_name",
        "value",
        "sourced_id",
        "status",
        "name",
        "type",
        "identifier",
        "parent_sourced_id",
        "enabled_user",
        "role",
        "org_sourced_ids",
        "given_name",
        "family_name",
        "user_sourced_id",
        "role_type",
        "org_sourced_id",
        "begin_date",
        "end_date",
    }
)


def read_oneroster(
    source: str | Path,
    *,
    role_map: Mapping[str, str] | None = None,
    as_of: DateLike | None = None,
    strict: bool = True,
    column_map: Mapping[str, str] | None = None,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Roster:
    """Read a OneRoster 1.1 or 1.2 CSV export (a zip archive or a folder) into a roster.

    Parameters
    ----------
    source
        The export: a ``.zip`` archive or a folder holding ``orgs.csv``, ``users.csv`` and
        (1.2) ``roles.csv``; ``manifest.csv`` is read when present.
    role_map
        ``{"OneRoster role": "leadmodel role"}``, read before :data:`ONEROSTER_ROLES`
        (``{"administrator": "principal"}``, or an extension role such as ``"ext:coach"``).
    as_of
        The date the roster is for (``YYYY-MM-DD``; default today): a 1.2 role that ended before
        it or begins after it is left out (``not_current``). Give it to read the same export
        the same way on any day.
    strict
        Raise :class:`~leadmodel.RosterError` on any error (default); with ``False``, keep the
        usable records and list the problems in ``roster.issues``.
    column_map, encoding, max_bytes
        As for :func:`~leadmodel.read_roster` (the specification's column names need no map).

    Returns
    -------
    Roster
        Staff (``staff_id`` the user's ``sourcedId``, ``school_id`` the org's, ``role``,
        ``title`` the OneRoster role as written, ``name``, ``fte``) and schools (``name``,
        ``district_id`` and ``district_name`` from a parent org of type ``district``,
        ``identifier``). Issues name the file (``orgs``, ``users``, ``roles``) and its row;
        those found on the staff rows built from them name ``staff`` and the staff id. The
        accounting has one table per file (rows in = rows read + rejected + blank; a row read
        may still be left out by a rule reported in the issues: a student, a deleted record, a
        role outside its dates) beside the roster's own tables.

    Raises
    ------
    RosterError
        In strict mode when any error is found (an empty or repeated ``sourcedId``, an org
        that is not in ``orgs.csv``, a role that matches no leadmodel role, a date that is not
        one), listing all of them; in both modes when nothing can be loaded (no ``orgs.csv`` or
        ``users.csv``, a required column missing, no staff user in a school).
    DefinitionError
        For a malformed ``role_map``, ``column_map`` or ``as_of``.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import leadmodel as lm
    >>> export = Path(tempfile.mkdtemp())
    >>> _ = (export / "orgs.csv").write_text(
    ...     "sourcedId,name,type,parentSourcedId\\nD1,Riverside,district,\\nS1,Adams,school,D1\\n")
    >>> _ = (export / "users.csv").write_text(
    ...     "sourcedId,enabledUser,orgSourcedIds,role,givenName,familyName\\n"
    ...     "U1,true,S1,teacher,Ana,Ruiz\\nU2,true,S1,student,Ben,Ode\\n")
    >>> roster = lm.read_oneroster(export)
    >>> roster.staff[["staff_id", "school_id", "role", "name", "fte"]]
      staff_id school_id     role      name  fte
    0       U1        S1  teacher  Ana Ruiz  1.0
    >>> roster.schools[["school_id", "name", "district_name"]]
      school_id   name district_name
    0        S1  Adams     Riverside
    >>> roster.issues["code"].tolist()
    ['not_staff']
    """
    role_map = checked_role_map(role_map)
    day = as_of_date(as_of)
    intake = Intake(
        "OneRoster export",
        names=NAMES,
        column_map=column_map,
        encoding=encoding,
        max_bytes=max_bytes,
        aliases={name: name for name in NAMES},
        only_known=True,
    )
    tables = intake.bundle(source, FILES)
    _require_files(tables, intake)
    log = intake.notes
    version = _manifest(tables.get("manifest"), log)
    orgs, org_counts = _orgs(tables["orgs"], intake)
    with_roles = "roles" in tables
    users, user_counts = _users(tables["users"], intake, with_roles=with_roles)
    if with_roles:
        records, role_counts = _rows(tables["roles"], "roles", intake)
        placements = _roles_v12(records, users, orgs, day, intake)
    else:
        records, placements = users, _placements_v11(users, orgs, log)
    table = "roles" if with_roles else "users"
    placements = _at_schools(placements, orgs, table, log)
    placements, unknown = _resolved(placements, table, role_map, log)
    records.loc[records["_row"].isin(unknown), "_reject"] = True
    inputs = {
        "orgs": row_counts(orgs["_reject"], **org_counts),
        "users": row_counts(users["_reject"], **user_counts),
    }
    if with_roles:
        inputs["roles"] = row_counts(records["_reject"], **role_counts)
    if placements.empty:
        log.file_error(
            table,
            "empty_file",
            "The export has no staff user with a role in an org of type 'school' (see the "
            "other issues for the records left out).",
            "Check that the export is a OneRoster export of staff, with orgs of type 'school'.",
        )
        raise intake.refuse()
    staff = Placements(placements, table=table).staff(log)
    provenance = {
        **intake.provenance(),
        "format": f"OneRoster {version or ('1.2' if with_roles else '1.1')}",
        "as_of": day.isoformat(),
    }
    return placed_roster(
        staff,
        _schools(orgs),
        strict=strict,
        source=provenance,
        inputs=inputs,
        log=log,
        what="OneRoster export",
    )


# ------------------------------------------------------------------ files


def _require_files(tables: Mapping[str, pd.DataFrame], intake: Intake) -> None:
    """Refuse an export without ``orgs.csv`` or ``users.csv``."""
    absent = [name for name in ("orgs", "users") if name not in tables]
    for name in absent:
        intake.notes.file_error(
            name,
            "missing_file",
            f"The export has no {name}.csv.",
            "Give the whole OneRoster export (the zip archive or its folder): leadmodel needs "
            "orgs.csv and users.csv (and roles.csv in version 1.2).",
        )
    if absent:
        raise intake.refuse()


def _columns(rows: pd.DataFrame, table: str, columns: list[str], intake: Intake) -> None:
    """Refuse a file without one of ``columns``."""
    if not require_columns(rows, table, columns, intake.notes):
        raise intake.refuse()


def _rows(frame: pd.DataFrame, table: str, intake: Intake) -> tuple[pd.DataFrame, dict[str, int]]:
    """A file's rows, blank rows left out; the counts its accounting needs."""
    rows, blank = drop_blank_rows(numbered_rows(frame, table), intake.notes, table)
    return rows, {"blank": blank, "unread": intake.unread(table)}


def _manifest(frame: pd.DataFrame | None, log: IssueLog) -> str | None:
    """The OneRoster version the manifest states; a ``partial_export`` warning for a delta."""
    if frame is None or not {"property_name", "value"} <= set(frame.columns):
        return None
    props = dict(zip(frame["property_name"].astype(str), frame["value"].astype(str), strict=True))
    delta = sorted(
        k.removeprefix("file.") for k, v in props.items()
        if k.startswith("file.") and v.strip().casefold() == "delta"
    )  # fmt: skip
    if delta:
        log.add(
            "manifest",
            pd.DataFrame({"_row": [pd.NA]}),
            code="partial_export",
            field="value",
            severity="warning",
            message=f"The manifest marks {', '.join(delta)} as delta: those files hold only the "
            "changes since an earlier export, not the whole roster.",
            fix="Read a bulk export (the whole roster) for an analysis.",
            literal=True,
        )
    return props.get("oneroster.version")


# ------------------------------------------------------------------ records


def _repeated_ids(rows: pd.DataFrame, table: str, what: str, log: IssueLog) -> pd.Series:
    """Rows whose ``sourced_id`` another row has too: ``duplicate_id`` errors on all of them."""
    ids = rows["sourced_id"]
    repeated = ids.notna() & ids.duplicated(keep=False)
    log.add(
        table,
        rows,
        where=repeated,
        code="duplicate_id",
        field="sourced_id",
        value=ids[repeated],
        message=f"sourcedId {{value!r}} is on more than one row of {table}.csv; each {what} "
        "must have its own.",
        fix=f"Give each {what} one row and one sourcedId.",
    )
    return repeated


def _deleted(rows: pd.DataFrame, table: str, what: str, log: IssueLog) -> pd.Series:
    """Rows whose status marks them to be deleted: left out, with a warning each."""
    if "status" not in rows:
        return pd.Series(False, index=rows.index)
    deleted = rows["status"].str.casefold().isin(DELETED).fillna(False).astype(bool)
    log.add(
        table,
        rows,
        where=deleted,
        code="deleted_record",
        field="status",
        severity="warning",
        message=f"The {what} is marked {{value!r}}: it is left out of the roster.",
        fix="Nothing to fix if it was deleted; read a bulk export for the whole roster.",
    )
    return deleted


def _orgs(frame: pd.DataFrame, intake: Intake) -> tuple[pd.DataFrame, dict[str, int]]:
    """orgs.csv: each org with ``_reject`` (an error), ``_deleted`` and ``_school``."""
    rows, counts = _rows(frame, "orgs", intake)
    _columns(rows, "orgs", ["sourced_id", "type"], intake)
    log = intake.notes
    texts(rows, ["sourced_id", "status", "name", "type", "identifier", "parent_sourced_id"])
    reject = check_required_values(rows, "orgs", ["sourced_id", "type"], log)
    reject |= _repeated_ids(rows, "orgs", "org", log)
    rows["_reject"] = reject
    rows["_deleted"] = _deleted(rows[~reject], "orgs", "org", log).reindex(
        rows.index, fill_value=False
    )
    rows["_school"] = rows["type"].str.casefold().eq("school").fillna(False).astype(bool)
    return rows, counts


def _users(
    frame: pd.DataFrame, intake: Intake, *, with_roles: bool
) -> tuple[pd.DataFrame, dict[str, int]]:
    """users.csv: each user as ``staff_id`` with a name, ``_reject`` and ``_deleted``."""
    rows, counts = _rows(frame, "users", intake)
    _columns(
        rows, "users", ["sourced_id"] + ([] if with_roles else ["role", "org_sourced_ids"]), intake
    )
    log = intake.notes
    texts(rows, ["sourced_id", "status", "enabled_user", "role", "org_sourced_ids"])
    texts(rows, ["given_name", "family_name"])
    reject = check_required_values(rows, "users", ["sourced_id"], log)
    reject |= _repeated_ids(rows, "users", "user", log)
    rows["staff_id"] = rows["sourced_id"]
    rows["name"] = full_names(rows, "given_name", "family_name")
    deleted = _deleted(rows[~reject], "users", "user", log).reindex(rows.index, fill_value=False)
    if "enabled_user" in rows:
        enabled = rows["enabled_user"].str.casefold()
        unclear = ~reject & ~deleted & enabled.notna() & ~enabled.isin(["true", "false"])
        log.add(
            "users",
            rows,
            where=unclear.fillna(False).astype(bool),
            code="invalid_value",
            field="enabled_user",
            severity="warning",
            message="User {staff_id}'s enabledUser is {value!r}, neither true nor false; the "
            "user stays on the staff, as an enabled account would.",
            fix="Write true or false in enabledUser.",
        )
        disabled = ~reject & ~deleted & enabled.eq("false")
        log.add(
            "users",
            rows,
            where=disabled.fillna(False).astype(bool),
            code="disabled_user",
            field="enabled_user",
            severity="warning",
            message="User {staff_id}'s account is disabled (enabledUser false); OneRoster keeps "
            "the record active, so the user stays on the staff.",
            fix="Nothing to fix if the person still works there; remove the record if not.",
        )
    rows["_reject"], rows["_deleted"] = reject, deleted
    return rows, counts


def _not_staff(rows: pd.DataFrame, table: str, log: IssueLog) -> pd.Series:
    """Rows whose role is not a staff role: left out, one ``not_staff`` warning per role."""
    role = rows["role"].map(lambda r: normalise_title(r) if isinstance(r, str) else None)
    outside = role.isin({normalise_title(r) for r in NOT_STAFF}).fillna(False).astype(bool)
    for name, group in rows[outside].groupby(rows.loc[outside, "role"].str.casefold(), sort=True):
        log.add(
            table,
            pd.DataFrame({"_row": [pd.NA]}),
            code="not_staff",
            field="role",
            value=pd.Series([name]),
            severity="warning",
            message=f"{len(group)} row(s) of {table}.csv with role {name!r} (rows "
            f"{name_list([str(r) for r in group['_row']])}) are not staff: left out.",
            fix="Nothing to fix: a roster holds the staff.",
            literal=True,
        )
    return outside


# ------------------------------------------------------------------ 1.1: users.csv


def _placements_v11(users: pd.DataFrame, orgs: pd.DataFrame, log: IssueLog) -> pd.DataFrame:
    """One row per staff user and org listed in its ``orgSourcedIds`` (1.1)."""
    active = users[~users["_reject"] & ~users["_deleted"]]
    missing = check_required_values(active, "users", ["role"], log)
    active = active[~missing]
    active = active[~_not_staff(active, "users", log)]
    listed_none = active["org_sourced_ids"].str.fullmatch(r"[\s,]*").fillna(False).astype(bool)
    active = active.assign(org_sourced_ids=active["org_sourced_ids"].mask(listed_none))
    no_org = check_required_values(active, "users", ["org_sourced_ids"], log)  # or only commas
    users.loc[missing[missing].index, "_reject"] = True
    users.loc[no_org[no_org].index, "_reject"] = True
    active = active[~no_org]
    listed = active["org_sourced_ids"].str.split(",")
    placed = active.assign(org_sourced_id=listed).explode("org_sourced_id")
    org = placed["org_sourced_id"].astype(STRING).str.strip()
    placed["org_sourced_id"] = org.mask(org == "")
    placed = placed[placed["org_sourced_id"].notna()].drop_duplicates(["_row", "org_sourced_id"])
    unknown = _unknown_orgs(placed, orgs, "users", "org_sourced_ids", log)
    bad_rows = placed.loc[unknown, "_row"].unique()
    users.loc[users["_row"].isin(bad_rows), "_reject"] = True
    placed = placed[~placed["_row"].isin(bad_rows)]
    return _placement_frame(placed, order=0)


def _unknown_orgs(
    rows: pd.DataFrame, orgs: pd.DataFrame, table: str, label: str, log: IssueLog
) -> pd.Series:
    """Rows naming an org that orgs.csv does not have (``unknown_org``, or ``id_variant``)."""
    known = pd.DataFrame({"org_sourced_id": orgs["sourced_id"].dropna()})
    return check_known(
        rows,
        "org_sourced_id",
        known,
        what="org",
        table=table,
        log=log,
        where="orgs.csv",
        label=label,
        fix="Correct the org's sourcedId, or add the org to orgs.csv.",
    )


def _placement_frame(rows: pd.DataFrame, *, order: int | pd.Series) -> pd.DataFrame:
    """Placements: the user, the org, the OneRoster role (as title too), no FTE."""
    return pd.DataFrame(
        {
            "staff_id": rows["staff_id"],
            "school_id": rows["org_sourced_id"],
            "code": rows["role"],
            "title": rows["role"],
            "name": rows["name"],
            "fte": pd.Series(pd.NA, index=rows.index, dtype="Float64"),
            "order": order,
            "_row": rows["_row"],
        }
    ).reset_index(drop=True)


# ------------------------------------------------------------------ 1.2: roles.csv


def _roles_v12(
    rows: pd.DataFrame, users: pd.DataFrame, orgs: pd.DataFrame, day: date, intake: Intake
) -> pd.DataFrame:
    """One row per current staff role of roles.csv (1.2); ``rows`` gains ``_reject``."""
    _columns(rows, "roles", ["user_sourced_id", "role", "org_sourced_id"], intake)
    log = intake.notes
    texts(rows, ["sourced_id", "status", "user_sourced_id", "role_type", "role", "org_sourced_id"])
    required = ["user_sourced_id", "role", "org_sourced_id"]
    reject = check_required_values(rows, "roles", required, log)
    if "sourced_id" in rows:
        reject |= _repeated_ids(rows, "roles", "role", log)
    rows["staff_id"] = rows["user_sourced_id"]
    known_users = pd.DataFrame({"staff_id": users["staff_id"].dropna()})
    reject |= check_known(
        rows, "staff_id", known_users, what="staff", table="roles", log=log,
        where="users.csv", label="user_sourced_id",
        fix="Correct the user's sourcedId, or add the user to users.csv.",
    )  # fmt: skip
    reject |= _unknown_orgs(rows, orgs, "roles", "org_sourced_id", log)
    bad_dates, not_current = current_rows(
        rows, day, table="roles", what="role", log=log, skip=reject
    )
    reject |= bad_dates
    rows["_reject"] = reject
    left = _deleted(rows[~reject], "roles", "role", log).reindex(rows.index, fill_value=False)
    left |= not_current & ~reject
    left |= _not_staff(rows[~reject & ~left], "roles", log).reindex(rows.index, fill_value=False)
    usable = users[~users["_reject"] & ~users["_deleted"]].set_index("staff_id")
    _report_roleless(usable, rows, log)
    placed = rows[~reject & ~left & rows["staff_id"].isin(usable.index)].copy()
    placed["name"] = placed["staff_id"].map(usable["name"]).astype(STRING)
    kind = placed["role_type"] if "role_type" in placed else pd.Series(pd.NA, index=placed.index)
    secondary = ~kind.str.casefold().eq("primary").fillna(False).astype(bool)
    return _placement_frame(placed, order=secondary.astype(int))


def _report_roleless(users: pd.DataFrame, roles: pd.DataFrame, log: IssueLog) -> None:
    """One ``not_staff`` warning for the users roles.csv gives no role."""
    roleless = users[~users.index.isin(roles["staff_id"].dropna())]
    if roleless.empty:
        return
    log.add(
        "users",
        pd.DataFrame({"_row": [pd.NA]}),
        code="not_staff",
        field="sourced_id",
        value=pd.Series([str(len(roleless))]),
        severity="warning",
        message=f"{len(roleless)} user(s) of users.csv have no role in roles.csv (rows "
        f"{name_list([str(r) for r in roleless['_row']])}), so are not known to be staff: left "
        "out.",
        fix="Give each staff user a role in roles.csv.",
        literal=True,
    )


# ------------------------------------------------------------------ to the roster


def _resolved(
    placements: pd.DataFrame, table: str, role_map: Mapping[str, str] | None, log: IssueLog
) -> tuple[pd.DataFrame, pd.Series]:
    """Placements with leadmodel roles; a role matching none is an ``unknown_role`` error (the
    record is left out whole), an assumed one a ``role_assumed`` warning."""
    role, assumed = resolve_roles(
        placements["code"], None, defaults=ONEROSTER_ROLES, broad=BROAD_ROLES, role_map=role_map
    )
    unknown = role.isna()
    once = placements.drop_duplicates("_row")  # one issue per record, not per org it names
    bad, broad = once[unknown[once.index]], once[(assumed & ~unknown)[once.index]]
    log.add(
        table,
        bad,
        code="unknown_role",
        field="role",
        value=bad["code"],
        message="OneRoster role {value!r} matches no leadmodel role.",
        fix="Map it with role_map={{'{value}': '<role>'}}; leadmodel.list_roles() lists the roles.",
    )
    log.add(
        table,
        broad,
        code="role_assumed",
        field="role",
        value=broad["code"],
        severity="warning",
        message="OneRoster role {value!r} does not tell a principal from other school "
        "administrators: read as assistant_principal.",
        fix="Give role_map={{'{value}': 'principal'}} if these are principals, or read a roster "
        "file that names each person's role.",
    )
    bad_rows = pd.Series(placements.loc[unknown, "_row"].unique())
    kept = placements[~placements["_row"].isin(bad_rows)].assign(role=role[~unknown])
    return kept, bad_rows


def _at_schools(
    placements: pd.DataFrame, orgs: pd.DataFrame, table: str, log: IssueLog
) -> pd.DataFrame:
    """Placements in usable school orgs; one ``not_a_school`` warning per other org named."""
    by_id = orgs[orgs["sourced_id"].notna()].drop_duplicates("sourced_id").set_index("sourced_id")
    usable = by_id[~by_id["_reject"] & ~by_id["_deleted"] & by_id["_school"]].index
    at_school = placements["school_id"].isin(usable)
    for org, group in placements[~at_school].groupby("school_id", sort=True):
        info = by_id.loc[org]
        why = (
            "its row was rejected (see its error)"
            if info["_reject"]
            else "it is marked to be deleted"
            if info["_deleted"]
            else f"it is of type {info['type']!r}, not a school"
        )
        people = name_list(sorted(group["staff_id"].unique()))
        log.add(
            "orgs",
            pd.DataFrame({"_row": [info["_row"]]}),
            code="not_a_school",
            field="type",
            value=pd.Series([org]),
            severity="warning",
            message=f"Org {org!r} is not on the roster as a school: {why}. The "
            f"{group['staff_id'].nunique()} staff user(s) placed in it ({people}) are not "
            f"placed there ({table}.csv rows {name_list([str(r) for r in group['_row']])}).",
            fix="Nothing to fix for a district or another org above the schools; place staff "
            "in the school orgs they work in.",
            literal=True,
        )
    return placements[at_school].reset_index(drop=True)


def _schools(orgs: pd.DataFrame) -> pd.DataFrame:
    """The schools table: usable orgs of type school, their district from a parent district."""
    ok = orgs[~orgs["_reject"] & ~orgs["_deleted"]]
    schools = ok[ok["_school"]]
    districts = ok[ok["type"].str.casefold().eq("district").fillna(False).astype(bool)]
    names = districts.set_index("sourced_id")["name"] if "name" in districts else pd.Series()
    parent = schools.get("parent_sourced_id", pd.Series(pd.NA, index=schools.index))
    district = parent.where(parent.isin(districts["sourced_id"]))
    out = pd.DataFrame(
        {
            "school_id": schools["sourced_id"],
            "name": schools.get("name", pd.Series(pd.NA, index=schools.index)),
            "district_id": district,
            "district_name": district.map(names),
            "identifier": schools.get("identifier", pd.Series(pd.NA, index=schools.index)),
        }
    )
    return out.astype(STRING)
