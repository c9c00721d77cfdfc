"""What the readers of standard K-12 exports share: from people placed in organisations to a roster.

OneRoster and Ed-Fi both say, in their own words, that a person holds a role in an organisation
from one date to another. Their readers (:mod:`leadmodel.readers.oneroster`,
:mod:`leadmodel.readers.edfi`) read the files and turn them into *placements*, one row per
person, school and role, each naming the row of the file it came from; this module does the
rest the same way for both:

- the dates: a role that ended before the ``as_of`` date, or starts after it, is left out
  (``not_current``);
- the roles: a standard's role or classification becomes a leadmodel role through a default map
  the reader documents, the analyst's ``role_map`` first, and for a classification too broad to
  tell (a "school administrator") the position title when it names a role; what is assumed is
  reported (``role_assumed``), what matches nothing is an ``unknown_role`` error on its row;
- one row per person per school: several roles of one person in one school become one staff
  row (``roles_combined``), the primary role first;
- FTE: a person in several schools with no FTE given shares the library's default (1.0) equally
  among them (``fte_split``), as the roster requires one person's rows to sum to at most 1;
- the roster itself, through the same validation as every roster
  (:func:`~leadmodel.readers.roster_checks.validate_tables`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from leadmodel.errors import DefinitionError
from leadmodel.readers.issues import IssueLog, row_counts, to_text
from leadmodel.readers.log import DateLike, as_date, parse_dates
from leadmodel.readers.roster_checks import validate_tables
from leadmodel.roles import ROLES, normalise_title, resolve_titles
from leadmodel.roster import FLOAT, STRING, Roster

__all__ = [
    "Placements",
    "as_of_date",
    "current_rows",
    "placed_roster",
    "resolve_roles",
]

#: Roles from the top down: a person's main role in a school is the first of theirs here.
_RANK = {role.key: at for at, role in enumerate(ROLES)}
#: Columns of a placements table (one row per person, school and role).
PLACEMENT_COLUMNS = ("staff_id", "school_id", "role", "title", "name", "fte", "order", "_row")


def as_of_date(as_of: DateLike | None) -> date:
    """The date roles are current on: ``as_of``, or today when it is ``None``."""
    return date.today() if as_of is None else as_date(as_of, "as_of")


def current_rows(
    rows: pd.DataFrame,
    as_of: date,
    *,
    table: str,
    what: str,
    log: IssueLog,
    skip: pd.Series | None = None,
) -> tuple[pd.Series, pd.Series]:
    """Rows with unreadable dates (errors), and rows not current on ``as_of`` (warnings).

    ``begin_date`` and ``end_date`` (either may be absent or blank) are ISO ``YYYY-MM-DD``
    dates, both days included: a row is current when it began on or before ``as_of`` and has
    not ended before it. Rows of ``skip`` (already left out) are not said to be not current.
    """
    skip = pd.Series(False, index=rows.index) if skip is None else skip
    bad = pd.Series(False, index=rows.index)
    dates: dict[str, pd.Series] = {}
    for col in ("begin_date", "end_date"):
        if col not in rows:
            dates[col] = pd.Series(None, index=rows.index, dtype=object)
            continue
        values, wrong = parse_dates(rows[col], None)
        log.add(
            table,
            rows,
            where=wrong,
            code="wrong_type",
            field=col,
            message=f"{col} {{value!r}} is not a date.",
            fix=f"Write {col} as YYYY-MM-DD (or leave it empty).",
        )
        dates[col] = pd.Series(values, index=rows.index, dtype=object)
        bad |= wrong
    ended = dates["end_date"].map(lambda d: isinstance(d, date) and d < as_of).astype(bool)
    later = dates["begin_date"].map(lambda d: isinstance(d, date) and d > as_of).astype(bool)
    ended, later = ended & ~bad, later & ~bad
    ended, later = ended & ~skip, later & ~skip
    for mask, field, when in ((ended, "end_date", "ended on"), (later, "begin_date", "begins on")):
        log.add(
            table,
            rows,
            where=mask,
            code="not_current",
            field=field,
            severity="warning",
            message=f"The {what} {when} {{value}}, so it is not current on {as_of.isoformat()}; "
            "it is left out of the roster.",
            fix="Nothing to fix for a past or future role; read with as_of= another date to see "
            "the roster on that date.",
        )
    return bad, ended | later


def resolve_roles(
    codes: pd.Series,
    titles: pd.Series | None,
    *,
    defaults: Mapping[str, str],
    broad: Iterable[str],
    role_map: Mapping[str, str] | None,
    refine: Mapping[str, Iterable[str]] | None = None,
) -> tuple[pd.Series, pd.Series]:
    """Each row's leadmodel role (``<NA>`` when nothing matches), and whether it was assumed.

    In order: the analyst's ``role_map`` (keyed by the standard's code or by a title); the
    title, when it names a role and the code is ``broad`` (any role) or in ``refine`` (one of
    the roles given there: a teacher whose title says "Team Lead"); the reader's ``defaults``
    (a broad code read by its default is *assumed*); the role catalogue's own titles. Codes and
    titles match without regard to letter case, spacing or punctuation.
    """
    given = {normalise_title(str(k)): v for k, v in (role_map or {}).items()}
    resolve_titles([], role_map=role_map)  # a role_map onto no role is refused here
    default = {normalise_title(k): v for k, v in defaults.items()}
    wide = {normalise_title(k) for k in broad}
    narrow = {normalise_title(k): frozenset(v) for k, v in (refine or {}).items()}
    key = codes.map(lambda c: normalise_title(c) if isinstance(c, str) else None)
    by_map = key.map(given).astype(STRING)
    by_title = pd.Series(pd.NA, index=codes.index, dtype=STRING)
    if titles is not None:
        named = pd.Series(
            resolve_titles(titles.tolist(), role_map=role_map).array, index=codes.index
        )
        allowed = [
            k in wide or (k in narrow and r in narrow[k])
            for k, r in zip(key, named.fillna(""), strict=True)
        ]
        by_title = named.where(np.asarray(allowed, dtype=bool))
    by_default = key.map(default).astype(STRING)
    by_catalogue = pd.Series(
        resolve_titles(codes.tolist(), role_map=role_map).array, index=codes.index
    )
    role = by_map.fillna(by_title).fillna(by_default).fillna(by_catalogue)
    assumed = by_map.isna() & by_title.isna() & by_default.notna() & key.isin(wide)
    return role.astype(STRING), assumed.fillna(False).astype(bool)


def _joined_titles(titles: pd.Series) -> Any:
    """A person's titles in one school, each once, ``; ``-separated (``<NA>`` when none)."""
    return "; ".join(dict.fromkeys(str(t) for t in titles.dropna())) or pd.NA


class Placements:
    """People placed in schools, one row per person, school and role, on their way to a roster.

    ``frame`` has :data:`PLACEMENT_COLUMNS`: ``role`` a leadmodel role, ``title`` what the
    export calls it, ``fte`` the share given (``<NA>`` when the export gives none), ``order``
    the role's rank for the person (0 for a primary role), ``_row`` the row of ``table`` it
    came from.
    """

    def __init__(self, frame: pd.DataFrame, *, table: str) -> None:
        self.frame = frame.loc[:, list(PLACEMENT_COLUMNS)].reset_index(drop=True)
        self.table = table

    def staff(self, log: IssueLog) -> pd.DataFrame:
        """One staff row per person per school: several roles combined, FTE shared out."""
        combined = self._combined(log)
        return self._shared_fte(combined, log)

    def _combined(self, log: IssueLog) -> pd.DataFrame:
        """Several placements of one person in one school as one row, the main role first."""
        frame = self.frame.assign(_rank=self.frame["role"].map(_RANK).astype(float))
        frame = frame.sort_values(
            ["school_id", "staff_id", "order", "_rank", "_row"], kind="mergesort"
        )
        keys = ["school_id", "staff_id"]
        first = ~frame.duplicated(keys, keep="first")
        staff = frame[first].set_index(keys)
        several = frame.duplicated(keys, keep=False)
        if several.any():  # only people with several roles in one school need joining
            grouped = frame[several].groupby(keys, sort=False)
            titles = grouped["title"].agg(_joined_titles)
            staff.loc[titles.index, "title"] = titles
            fte = frame[several].assign(_unknown=frame["fte"].isna()).groupby(keys, sort=False)
            total = fte["fte"].sum(min_count=1).astype(FLOAT).round(9)
            staff.loc[total.index, "fte"] = total.mask(fte["_unknown"].any())
        staff["fte"] = staff["fte"].astype(FLOAT)
        self._report_combined(frame, first, log)
        return staff.reset_index()[list(PLACEMENT_COLUMNS)]

    def _report_combined(self, frame: pd.DataFrame, first: pd.Series, log: IssueLog) -> None:
        """A ``roles_combined`` warning on each placement joined to its person's main one."""
        others = frame[~first]
        log.add(
            self.table,
            others,
            code="roles_combined",
            field="role",
            value=others["title"],
            severity="warning",
            message="Staff {staff_id} also holds {value!r} in this school: the roster has one row "
            "per person per school, so it is combined with their main role there (the primary "
            "one, else the most senior), whose title it joins.",
            fix="Nothing to fix if the main role is right; otherwise give the person one role "
            "in the school.",
        )

    def _shared_fte(self, staff: pd.DataFrame, log: IssueLog) -> pd.DataFrame:
        """Rows with no FTE of a person in several schools share what the default FTE (1.0)
        leaves once the FTE given on the person's other rows is taken off (reported)."""
        person = staff.groupby("staff_id")
        schools = person["school_id"].transform("size")
        given = person["fte"].transform("sum").astype(FLOAT).fillna(0.0)  # none given: 0
        unknown = staff["fte"].isna()
        blanks = unknown.groupby(staff["staff_id"]).transform("sum")
        left = 1.0 - given
        split = unknown & (schools > 1) & (left > 1e-9)
        if not split.any():
            return staff
        staff = staff.copy()
        staff.loc[split, "fte"] = (left[split] / blanks[split]).round(9)
        first = staff[split].sort_values("_row", kind="mergesort").drop_duplicates("staff_id")
        log.add(
            self.table,
            first,
            code="fte_split",
            field="fte",
            value=first["fte"].map(lambda f: f"{f:g}"),
            severity="warning",
            message="Staff {staff_id} is on the staff of several schools and the export gives no "
            "FTE for some of them: each of those gets {value}, an equal share of what the "
            "default FTE (1.0) leaves after the FTE given elsewhere.",
            fix="Nothing to fix if the person splits time this way; otherwise read a roster file "
            "that gives each school's FTE.",
        )
        return staff


def placed_roster(
    staff: pd.DataFrame,
    schools: pd.DataFrame,
    *,
    strict: bool,
    source: Mapping[str, Any],
    inputs: Mapping[str, dict[str, int]],
    log: IssueLog,
    what: str,
) -> Roster:
    """The roster of ``staff`` (one row per person per school) and ``schools``, validated as
    every roster is; ``inputs`` adds the accounting of the export's own files."""
    frame = staff.drop(columns=["order", "_row"]).reset_index(drop=True)
    for col in ("staff_id", "school_id", "role", "title", "name"):
        frame[col] = frame[col].astype(STRING)
    roster = validate_tables(
        frame,
        schools=schools.reset_index(drop=True),
        strict=strict,
        source=source,
        notes=log,
        what=what,
    )
    roster.source["rows"] = {**inputs, **roster.source["rows"]}
    return roster


def input_counts(
    rows: pd.DataFrame, reject: pd.Series, *, blank: int, unread: int
) -> dict[str, int]:
    """The accounting of one file of the export: rows in = read + rejected + blank."""
    return row_counts(reject.reindex(rows.index, fill_value=False), blank=blank, unread=unread)


def texts(rows: pd.DataFrame, columns: Iterable[str]) -> None:
    """``columns`` of ``rows`` as stripped text, in place (blank cells missing)."""
    for col in columns:
        if col in rows:
            rows[col] = to_text(rows[col])


def full_names(rows: pd.DataFrame, given: str, family: str) -> pd.Series:
    """``given family`` per row, from whichever of the two columns ``rows`` has and fills."""
    parts = [rows[c].astype(STRING).fillna("") for c in (given, family) if c in rows]
    if not parts:
        return pd.Series(pd.NA, index=rows.index, dtype=STRING)
    joined = parts[0] if len(parts) == 1 else parts[0] + " " + parts[1]
    joined = joined.str.strip()
    return joined.mask(joined == "").astype(STRING)


def checked_role_map(role_map: Mapping[str, str] | None) -> Mapping[str, str] | None:
    """``role_map`` as given, or a :class:`DefinitionError` when it is not a mapping."""
    if role_map is not None and not isinstance(role_map, Mapping):
        raise DefinitionError(
            f"role_map must be a mapping {{'Role or title': 'leadmodel role'}}, not "
            f"{type(role_map).__name__}."
        )
    return role_map
