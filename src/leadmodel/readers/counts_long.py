"""Reading long-format staffing counts: one row per school, staff category and FTE.

Federal staffing files are long. The NCES Common Core of Data staff files, built from the
EDFacts file FS059 ("Staff FTE"), give one row per education unit and staff category: the
LEA file ``ccd_lea_059`` has the columns ``LEAID``, ``LEA_NAME``, ``STAFF`` (the category) and
``STAFF_COUNT`` (its FTE), and many state campus files are laid out the same way.
:func:`read_staffing_counts_long` pivots such a file through a category map onto the columns
of :func:`~leadmodel.read_staffing_counts` and returns the same
:class:`~leadmodel.StaffingCounts`, so :func:`~leadmodel.count_spans` works on it.

What a wide file says with a blank cell, a long file says with a row: a campus's count is the
sum of its rows for the categories that map to the count's column; a column none of whose
categories has a row for a campus is unknown there (``<NA>``), never zero, and so is a column
one of whose rows is blank, a no-data mark, a masked small count or rejected. A category may be
declared the *total* of a column (``Teachers``, the sum of the teacher categories): it gives the
column where the campus has no row for its parts, and is checked against them where it has.

Sources: U.S. Department of Education, EDFacts *FS059 - Staff FTE File Specifications* (the
staff categories and their definitions); NCES Common Core of Data, LEA staff files
``ccd_lea_059_*`` (the long layout and the plural labels); Ed-Fi Data Standard,
``Descriptors/StaffClassificationDescriptor.xml`` (the same categories in the singular).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from leadmodel.errors import DefinitionError, RosterError
from leadmodel.readers.counts import (
    COUNT_COLUMNS,
    MASK_MARKS,
    MISSING_MARKS,
    StaffingCounts,
    checked_marks,
    masked_names,
    read_count_cells,
)
from leadmodel.readers.files import DEFAULT_MAX_BYTES, Intake, header_key
from leadmodel.readers.issues import (
    IssueLog,
    check_required_values,
    id_key,
    name_list,
    row_counts,
    to_text,
)
from leadmodel.roster import STRING
from leadmodel.walks import distinct

__all__ = [
    "FEDERAL_STAFF_CATEGORIES",
    "FEDERAL_STAFF_TOTALS",
    "LONG_COUNT_COLUMNS",
    "NCES_CCD_LEA_COLUMNS",
    "read_staffing_counts_long",
]

#: Canonical columns of a long-format count file (all but ``name`` required).
LONG_COUNT_COLUMNS = ("school_id", "name", "category", "fte")

#: The NCES CCD LEA staff file's headers (``ccd_lea_059``), for ``column_map=``: each education
#: unit there is a district, read as one row of the counts table.
NCES_CCD_LEA_COLUMNS: dict[str, str] = {
    "LEAID": "school_id",
    "LEA_NAME": "name",
    "STAFF": "category",
    "STAFF_COUNT": "fte",
}

#: The default category map: the EDFacts FS059 staff categories (as the NCES CCD names them,
#: and in the singular as the Ed-Fi ``StaffClassificationDescriptor`` does) onto count columns.
#: The five leadmodel columns take what they mean; every other category keeps its FTE in a
#: column of its own, so that nothing in the file is dropped. Instructional coordinators and
#: supervisors are district curriculum staff in FS059, not school coaches: map them to
#: ``coach_fte`` only where your state reports coaches there.
FEDERAL_STAFF_CATEGORIES: dict[str, str] = {
    "Pre-kindergarten Teachers": "teacher_fte",
    "Pre-Kindergarten Teacher": "teacher_fte",
    "Kindergarten Teachers": "teacher_fte",
    "Kindergarten Teacher": "teacher_fte",
    "Elementary Teachers": "teacher_fte",
    "Elementary Teacher": "teacher_fte",
    "Secondary Teachers": "teacher_fte",
    "Secondary Teacher": "teacher_fte",
    "Ungraded Teachers": "teacher_fte",
    "Ungraded Teacher": "teacher_fte",
    "School Administrators": "admin_fte",
    "School Administrator": "admin_fte",
    "Paraprofessionals/Instructional Aides": "aide_fte",
    "Paraprofessional/Instructional Aide": "aide_fte",
    "Instructional Coordinators and Supervisors to the Staff": "instructional_coordinator_fte",
    "Instr Coordinator and Supervisor to the Staff": "instructional_coordinator_fte",
    "Elementary School Counselors": "counselor_fte",
    "Elementary School Counselor": "counselor_fte",
    "Secondary School Counselors": "counselor_fte",
    "Secondary School Counselor": "counselor_fte",
    "Librarians/Media Specialists": "librarian_fte",
    "Librarian/Media Specialist": "librarian_fte",
    "Library/Media Support Staff": "library_support_fte",
    "LEA Administrators": "district_admin_fte",
    "LEA Administrator": "district_admin_fte",
    "LEA Administrative Support Staff": "district_admin_support_fte",
    "School Administrative Support Staff": "school_admin_support_fte",
    "School Psychologists": "psychologist_fte",
    "School Psychologist": "psychologist_fte",
    "Student Support Services Staff": "student_support_fte",
    "Student Support Services Staff (w/o Psychology)": "student_support_fte",
    "All Other Support Staff": "other_support_fte",
}

#: Categories that total others in the federal files: each gives its column where a campus has
#: no row for the column's parts, and is checked against their sum where it has.
FEDERAL_STAFF_TOTALS: dict[str, str] = {
    "Teachers": "teacher_fte",
    "School Counselors": "counselor_fte",
    "School Counselor": "counselor_fte",
}

#: Prefix of the column that keeps a category the map does not know.
UNMAPPED = "unmapped:"
#: Difference in FTE above which a total and the sum of its parts disagree.
TOTAL_TOLERANCE = 0.01
_RESERVED = frozenset({"school_id", "name", "category", "fte", "masked"})


def read_staffing_counts_long(
    source: str | Path | pd.DataFrame,
    *,
    category_map: Mapping[str, str] | None = None,
    totals: Mapping[str, str] | None = None,
    column_map: Mapping[str, str] | None = None,
    strict: bool = True,
    missing: Iterable[str] = MISSING_MARKS,
    masks: Iterable[str] = MASK_MARKS,
    negative_is_masked: bool = True,
    sheet_name: str | int | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> StaffingCounts:
    """Read a long-format staffing file (one row per school, staff category and FTE).

    Parameters
    ----------
    source
        A CSV/TSV/TXT, Excel, Parquet or JSON-records file, or a DataFrame, with the columns
        ``school_id``, ``category``, ``fte`` and optionally ``name`` (map yours with
        ``column_map``; :data:`NCES_CCD_LEA_COLUMNS` maps the NCES CCD LEA staff file).
    category_map
        ``{"Staff category": "column"}``: the count column each category adds to
        (``teacher_fte``, ``admin_fte``, ``coach_fte``, ``teacher_leader_release_fte``,
        ``enrollment``, or a column of your own). Categories match without regard to letter
        case, spacing or punctuation. Default :data:`FEDERAL_STAFF_CATEGORIES` (EDFacts
        FS059); a map given replaces it (extend it with ``{**FEDERAL_STAFF_CATEGORIES, ...}``).
        A category the map lacks is kept in a column of its own, ``unmapped:<category>``, with
        one ``unmapped_category`` warning giving its rows and FTE.
    totals
        ``{"Staff category": "column"}`` for categories that total others (see the module
        notes). Default :data:`FEDERAL_STAFF_TOTALS` with the default map, none with a map given.
    column_map, strict, missing, masks, negative_is_masked, sheet_name, encoding, delimiter, \
max_bytes
        As for :func:`~leadmodel.read_staffing_counts`; the marks apply to ``fte``.

    Returns
    -------
    StaffingCounts
        One row per campus with at least one row loaded, indexed by ``school_id``: ``name``,
        the count columns the categories map to (``<NA>`` where unknown: never 0), ``masked``
        (the columns with a masked part) and the other columns of the file that are the same on
        every row of a campus. The accounting counts the file's rows (several per campus):
        rows in = rows loaded + rows rejected + blank rows.

    Raises
    ------
    RosterError
        In strict mode when any error is found (a value that is no number, an empty school id
        or category, a school and category given twice, school ids differing only in letter
        case or invisible characters), listing all of them; in both modes when nothing can be
        loaded (a required column missing, no data rows, no category that maps to
        ``teacher_fte``).
    DefinitionError
        For a malformed ``category_map``, ``totals`` or ``column_map``.

    Examples
    --------
    >>> import pandas as pd
    >>> import leadmodel as lm
    >>> long = pd.DataFrame({
    ...     "school_id": ["A", "A", "A", "B", "B"],
    ...     "category": ["Elementary Teachers", "Kindergarten Teachers", "School Administrators",
    ...                  "Secondary Teachers", "School Administrators"],
    ...     "fte": ["20", "4", "2", "30", "-9"]})
    >>> counts = lm.read_staffing_counts_long(long, strict=False)
    >>> counts.table[["teacher_fte", "admin_fte", "masked"]]
               teacher_fte  admin_fte     masked
    school_id
    A                 24.0        2.0
    B                 30.0       <NA>  admin_fte
    >>> lm.count_spans(counts)["teachers_per_admin_fte"].tolist()
    [12.0, <NA>]
    """
    parts_map, totals_map = _checked_maps(category_map, totals)
    missing_marks, mask_marks = checked_marks(missing, "missing"), checked_marks(masks, "masks")
    intake = Intake(
        "staffing counts",
        names=frozenset(LONG_COUNT_COLUMNS),
        column_map=column_map,
        encoding=encoding,
        delimiter=delimiter,
        sheet_name=sheet_name,
        max_bytes=max_bytes,
    )
    read = intake.rows(source, "counts")
    provenance = intake.provenance()
    log = intake.notes
    rows, others, blank, unread = read.rows, read.extras, read.blank, read.unread
    _require(rows, read.columns, unread, intake)
    for col in ("school_id", "name", "category"):
        if col in rows:
            rows[col] = to_text(rows[col])
    reject = check_required_values(rows, "counts", ["school_id", "category"], log)
    reject |= _school_id_variants(rows, log)
    bad_value, masked = read_count_cells(
        rows, "fte", missing_marks, mask_marks, negative_is_masked=negative_is_masked, log=log
    )
    reject |= bad_value
    rows["_key"] = rows["category"].map(header_key, na_action="ignore").astype(STRING)
    reject |= _repeated_categories(rows, log)
    rows["_column"], rows["_total"] = _columns(rows, parts_map, totals_map, reject, log)
    _require_teachers(rows, intake)
    issues = log.frame()
    if strict and (issues["severity"] == "error").any():
        raise RosterError(issues, what="staffing counts")
    rows["_reject"], rows["_masked"] = reject, masked
    table = _campus_table(rows, others, log)
    issues = log.frame()
    counts = {"counts": row_counts(reject, blank=blank, unread=unread)}
    source_info = {**provenance, "rows": counts, "categories": _category_summary(rows)}
    return StaffingCounts(table, issues=issues, source=source_info)


# ------------------------------------------------------------------ the maps


def _checked_maps(
    category_map: Mapping[str, str] | None, totals: Mapping[str, str] | None
) -> tuple[dict[str, str], dict[str, str]]:
    """The category map and the totals, keyed by category key, or a :class:`DefinitionError`."""
    if category_map is None:
        category_map = FEDERAL_STAFF_CATEGORIES
        totals = FEDERAL_STAFF_TOTALS if totals is None else totals
    parts = _keyed(category_map, "category_map")
    whole = _keyed(totals or {}, "totals")
    both = sorted(set(parts) & set(whole))
    if both:
        raise DefinitionError(
            f"Categories {both} are in both category_map and totals: a category either adds to "
            "a column or totals it."
        )
    return parts, whole


def _keyed(mapping: Mapping[str, str], name: str) -> dict[str, str]:
    if not isinstance(mapping, Mapping):
        raise DefinitionError(
            f"{name} must be a mapping {{'Staff category': 'column'}}, not "
            f"{type(mapping).__name__}."
        )
    keyed: dict[str, str] = {}
    for category, column in mapping.items():
        if not isinstance(category, str) or not isinstance(column, str) or not column.strip():
            raise DefinitionError(
                f"{name} maps {category!r} to {column!r}: both must be text (a category and a "
                "column name)."
            )
        if column in _RESERVED or column.startswith(("_", UNMAPPED)):
            raise DefinitionError(
                f"{name} maps {category!r} to {column!r}, a name the counts table uses for "
                "something else; name a count column (teacher_fte, admin_fte, coach_fte, "
                "teacher_leader_release_fte, enrollment) or one of your own."
            )
        key = header_key(category)
        if keyed.get(key, column) != column:
            raise DefinitionError(
                f"{name} maps {category!r} and another spelling of it to different columns "
                f"({keyed[key]!r} and {column!r})."
            )
        keyed[key] = column
    return keyed


# ------------------------------------------------------------------ the checks


def _require(rows: pd.DataFrame, columns: frozenset[str], unread: int, intake: Intake) -> None:
    """Refuse a file with nothing to load: no data rows, or no school, category or FTE column."""
    log = intake.notes
    empty = rows.empty and not unread
    if empty:
        log.file_error(
            "counts",
            "empty_file",
            "The staffing file has no data rows.",
            "Check that the right file or sheet was given and that it has rows under the header.",
        )
    absent = [c for c in ("school_id", "category", "fte") if c not in columns]
    for col in absent:
        log.file_error(
            "counts",
            "missing_column",
            f"The long-format staffing file has no {col!r} column.",
            f"Map your column to it with column_map={{'Your name': '{col}'}} "
            "(lm.NCES_CCD_LEA_COLUMNS maps the NCES CCD LEA staff file).",
            field=col,
        )
    if absent or empty:
        raise intake.refuse()


def _school_id_variants(rows: pd.DataFrame, log: IssueLog) -> pd.Series:
    """Rows whose school id is spelled another way on other rows (case, Unicode form, invisible
    characters): ``id_variant`` errors, never merged."""
    ids = rows["school_id"]
    given = ids.notna()
    variant = pd.Series(False, index=rows.index)
    if given.any():
        spellings = ids[given].groupby(id_key(ids[given])).transform("nunique")
        variant[given] = (spellings > 1).to_numpy()
    log.add(
        "counts",
        rows,
        where=variant,
        code="id_variant",
        field="school_id",
        message="School id {value!r} is written another way on other rows (letter case, Unicode "
        "form, invisible characters or spaces): leadmodel cannot tell whether they are one "
        "campus.",
        fix="Write each campus's id the same way on all its rows.",
    )
    return variant


def _repeated_categories(rows: pd.DataFrame, log: IssueLog) -> pd.Series:
    """Rows giving a school and category another row gives too: ``duplicate_category`` errors."""
    keyed = rows["school_id"].notna() & rows["_key"].notna()
    repeated = pd.Series(False, index=rows.index)
    repeated[keyed] = rows.loc[keyed].duplicated(["school_id", "_key"], keep=False).to_numpy()
    log.add(
        "counts",
        rows,
        where=repeated,
        code="duplicate_category",
        field="category",
        message="Category {value!r} appears on another row for the same school; leadmodel "
        "cannot tell which count is right, so the row is left out and the campus's count for "
        "this category is unknown.",
        fix="Give each school and category one row (remove the repeat, or correct the category).",
    )
    return repeated


def _columns(
    rows: pd.DataFrame,
    parts: Mapping[str, str],
    totals: Mapping[str, str],
    reject: pd.Series,
    log: IssueLog,
) -> tuple[pd.Series, pd.Series]:
    """The column each row adds to, and whether its category is a total; categories the maps
    lack keep a column of their own, with one ``unmapped_category`` warning each (on the rows
    not left out, ``reject``, for another problem)."""
    keys = rows["_key"]
    column = keys.map(parts).astype(STRING)
    is_total = keys.isin(list(totals)).fillna(False).astype(bool)
    column = column.mask(is_total, keys.map(totals).astype(STRING))
    unmapped = keys.notna() & column.isna()
    for _, group in rows[unmapped].groupby("_key", sort=True):
        label = str(group["category"].iloc[0])
        name = f"{UNMAPPED}{label}"
        column[group.index] = name
        _report_unmapped(group, reject[group.index].to_numpy(bool), label, name, log)
    return column, is_total


def _report_unmapped(
    group: pd.DataFrame, left_out: np.ndarray, label: str, name: str, log: IssueLog
) -> None:
    kept = group[~left_out]
    fte = pd.to_numeric(kept["fte"], errors="coerce").sum()
    rows = name_list([str(r) for r in kept["_row"]])
    what = (
        f"its {len(kept)} row(s) (rows {rows}; {fte:g} FTE given) are kept in the column "
        f"{name!r} and count in none of leadmodel's figures"
        if len(kept)
        else f"its column {name!r} is unknown, as its rows were left out for other problems"
    )
    first = (kept if len(kept) else group).head(1)
    log.add(
        "counts",
        first,
        code="unmapped_category",
        field="category",
        value=pd.Series([label], index=first.index),
        severity="warning",
        message=f"Staff category {label!r} is not in the category map: {what}.",
        fix=f"Map it with category_map={{..., {label!r}: '<column>'}} (teacher_fte, admin_fte, "
        "coach_fte, teacher_leader_release_fte, enrollment, or a column of your own).",
        literal=True,
    )


def _require_teachers(rows: pd.DataFrame, intake: Intake) -> None:
    """Refuse a file none of whose categories maps to ``teacher_fte`` (say which it has)."""
    if (rows["_column"] == "teacher_fte").any():
        return
    found = sorted(rows["category"].dropna().unique().tolist())
    intake.notes.file_error(
        "counts",
        "missing_column",
        "No staff category of the file maps to 'teacher_fte' (categories found: "
        f"{name_list(found) or 'none'}).",
        "Map the file's teacher categories with category_map={'Its teacher category': "
        "'teacher_fte', ...}.",
        field="teacher_fte",
    )
    raise intake.refuse()


# ------------------------------------------------------------------ the pivot


def _campus_table(rows: pd.DataFrame, others: pd.DataFrame, log: IssueLog) -> pd.DataFrame:
    """One row per campus with a row loaded: name, counts, ``masked``, campus-level columns."""
    keyed = rows[rows["school_id"].notna() & rows["_column"].notna()]
    campuses = pd.Index(sorted(rows.loc[~rows["_reject"], "school_id"].dropna().unique()))
    values, masked = _cells(keyed, log)
    columns = _column_order(keyed)
    values = values.reindex(index=campuses, columns=columns).astype("Float64")
    masked = masked.reindex(index=campuses, columns=columns, fill_value=False).astype(bool)
    table = pd.DataFrame(index=campuses)
    if "name" in rows:
        table["name"] = _names(rows, campuses, log)
    leadmodel = [c for c in COUNT_COLUMNS if c in columns]
    for col in leadmodel:
        table[col] = values[col]
    table["masked"] = masked_names(masked).astype(STRING)
    for col in [c for c in columns if c not in leadmodel]:
        table[col] = values[col]
    table = pd.concat([table, _campus_columns(rows, others, campuses, log)], axis=1)
    table.index.name = "school_id"
    return table


def _cells(rows: pd.DataFrame, log: IssueLog) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each campus's count in each column, and whether the count is masked.

    A count is the sum of the campus's rows for the column's categories when every one is a
    number, unknown when one is blank, masked or rejected. A total category gives the count
    where the campus has no part or an unknown one, and is checked against known parts.
    """
    frame = pd.DataFrame(
        {
            "school_id": rows["school_id"],
            "_column": rows["_column"],
            "value": rows["fte"].astype("Float64").where(~rows["_reject"]),
            "masked": rows["_masked"].to_numpy(dtype=bool),
        }
    )
    keys = ["school_id", "_column"]
    is_total = rows["_total"].to_numpy(dtype=bool)
    parts, whole = _summed(frame[~is_total], keys), _summed(frame[is_total], keys)
    _check_totals(rows[is_total], parts["value"], log)
    cells = parts.index.union(whole.index)
    parts, whole = parts.reindex(cells), whole.reindex(cells)
    use_total = whole["value"].notna() & parts["value"].isna()
    values = parts["value"].mask(use_total, whole["value"])
    masked = parts["masked"].fillna(False).astype(bool)
    masked = masked.mask(use_total, whole["masked"].fillna(False).astype(bool))
    no_part = parts["value"].isna() & whole["value"].isna() & whole["masked"].notna()
    masked = masked | (no_part & whole["masked"].fillna(False).astype(bool))
    return values.unstack("_column"), masked.astype(bool).unstack("_column", fill_value=False)


def _without_float_noise(sums: pd.Series) -> pd.Series:
    """Sums to 15 significant digits: 0.1 + 0.2 is 0.3, and a small value keeps its digits
    (rounding to decimal places turned an FTE of 4e-10 into 0)."""
    tidy = [v if pd.isna(v) else float(f"{v:.15g}") for v in sums.array]
    return pd.Series(pd.array(tidy, dtype="Float64"), index=sums.index, name=sums.name)


def _summed(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per campus and column: the sum of the values (unknown if one is), and any masked."""
    grouped = frame.assign(_unknown=frame["value"].isna().to_numpy()).groupby(keys, sort=True)
    total = _without_float_noise(grouped["value"].sum(min_count=1).astype("Float64"))
    unknown = grouped["_unknown"].any().astype(bool)
    out = pd.DataFrame({"value": total.mask(unknown), "masked": grouped["masked"].any()})
    out.index = (
        pd.MultiIndex.from_tuples(list(out.index), names=keys)
        if len(out)
        else (pd.MultiIndex.from_arrays([[], []], names=keys))
    )
    return out


def _check_totals(totals: pd.DataFrame, parts: pd.Series, log: IssueLog) -> None:
    """A ``conflicting_value`` warning on each total row that differs from its known parts."""
    if totals.empty or parts.empty:
        return
    keys = pd.MultiIndex.from_frame(totals[["school_id", "_column"]])
    summed = parts.reindex(keys).to_numpy(dtype=float, na_value=np.nan)
    given = totals["fte"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    differ = np.abs(given - summed) > TOTAL_TOLERANCE  # unknown (NaN) compares False
    rows = totals[differ]
    log.add(
        "counts",
        rows,
        code="conflicting_value",
        field="fte",
        value=pd.Series(
            [
                f"{c} gives {g:g}, its parts in {col} {p:g}"
                for c, g, col, p in zip(
                    rows["category"], given[differ], rows["_column"], summed[differ], strict=True
                )
            ],
            index=rows.index,
            dtype=object,
        ),
        severity="warning",
        message="The campus's total category and its parts disagree ({value}); the parts are used.",
        fix="Check the campus's rows: a part may be missing or counted twice.",
    )


def _column_order(rows: pd.DataFrame) -> list[str]:
    """Count columns: leadmodel's first (their order), then others by first row, unmapped last."""
    present = list(dict.fromkeys(rows["_column"].dropna().tolist()))
    own = [c for c in present if c not in COUNT_COLUMNS and not c.startswith(UNMAPPED)]
    unmapped = sorted(c for c in present if c.startswith(UNMAPPED))
    return [c for c in COUNT_COLUMNS if c in present] + own + unmapped


def _names(rows: pd.DataFrame, campuses: pd.Index, log: IssueLog) -> pd.Series:
    """Each campus's name: the first given on its loaded rows (others reported)."""
    loaded = rows[~rows["_reject"] & rows["name"].notna() & rows["school_id"].notna()]
    first = loaded.groupby("school_id", sort=True)["name"].first()
    differs = loaded["name"] != loaded["school_id"].map(first)
    once = loaded[differs].drop_duplicates("school_id")
    log.add(
        "counts",
        once,
        code="conflicting_value",
        field="name",
        severity="warning",
        message="This row names the campus {value!r}, another of its rows names it differently; "
        "the first name given is kept.",
        fix="Give the campus one name on all its rows.",
    )
    return first.reindex(campuses).astype(STRING)


def _campus_columns(
    rows: pd.DataFrame, others: pd.DataFrame, campuses: pd.Index, log: IssueLog
) -> pd.DataFrame:
    """The file's other columns that hold one value per campus (a school year, a state), on
    the campus rows; columns that differ between one campus's rows describe the rows, not the
    campus, and are not kept (one ``conflicting_value`` warning each). Every column is compared
    at once, row against the first row of its campus."""
    loaded = (~rows["_reject"] & rows["school_id"].notna()).to_numpy()
    extras, school = others[loaded], rows.loc[loaded, "school_id"].to_numpy()
    codes, _ = pd.factorize(school)
    first = pd.Series(np.arange(len(codes))).groupby(codes).transform("min").to_numpy()
    text = extras.astype(str).to_numpy()
    differs = text != text[first]
    varying = differs.any(axis=0)
    for at in map(int, np.flatnonzero(varying)):
        _report_row_column(extras.columns[at], sorted(set(school[differs[:, at]])), log)
    heads: pd.DataFrame = extras.iloc[distinct(first), ~varying]
    heads.index = pd.Index(school[distinct(first)])
    return heads.reindex(campuses)


def _report_row_column(name: Any, campuses: list[Any], log: IssueLog) -> None:
    shown = name_list(sorted(str(c) for c in campuses), limit=5)
    log.add(
        "counts",
        pd.DataFrame({"_row": [pd.NA]}),
        code="conflicting_value",
        field=str(name),
        severity="warning",
        message=f"Column {name!r} differs between the rows of one campus (campuses {shown}): "
        "it describes each row, not the campus, so it is not kept in the counts table.",
        fix="Nothing to fix if the column describes each category's row (a data-quality flag, "
        "a total indicator).",
        literal=True,
    )


def _category_summary(rows: pd.DataFrame) -> list[dict[str, Any]]:
    """Per category (first spelling): its column, whether a total, its rows and FTE loaded."""
    loaded = rows[~rows["_reject"] & rows["_key"].notna()]
    out = []
    for _, group in loaded.groupby("_key", sort=True):
        fte = group["fte"].astype("Float64")
        out.append(
            {
                "category": str(group["category"].iloc[0]),
                "column": str(group["_column"].iloc[0]),
                "total": bool(group["_total"].iloc[0]),
                "rows": len(group),
                "fte": float(fte.sum()) if fte.notna().any() else None,
            }
        )
    return out
