"""A district over time: one roster per date, people, positions and schools matched across them.

:func:`read_rosters` reads a roster for each date (a file, a folder, a DataFrame, or a
:class:`~leadmodel.Roster` already read), validates each exactly as :func:`~leadmodel.read_roster`
does, and lines them up. Nothing is matched by a guess:

- a **position** is the same position when its ``(school_id, staff_id)`` is the same;
- a **person** is the same person when their id is the same: ``person_id`` when the snapshots
  are position files (each job share's incumbents apart), ``staff_id`` when they are files of
  people (where the staff id is the person's);
- a **school** is the same school when its ``school_id`` is the same.

Ids that changed are *reported*, never merged: an id spelled two ways in two snapshots
(``id_variant``), and a person or school that leaves while another of the same name arrives
(``possible_id_change``). The analyst who knows an id changed says so with ``id_changes``, and
the series records it. The snapshot **in force** on a date is the latest one taken on or before
it (:meth:`RosterSeries.in_force`).

Examples
--------
>>> import pandas as pd
>>> import leadmodel as lm
>>> def year(*teachers):
...     return lm.read_roster(pd.DataFrame({
...         "staff_id": ["P1", *teachers], "school_id": "S1",
...         "role": ["principal"] + ["teacher"] * len(teachers)}))
>>> series = lm.read_rosters({"2014-08-18": year("T1", "T2"), "2015-08-17": year("T2", "T3")})
>>> series
<RosterSeries: 2 snapshots from 2014-08-18 to 2015-08-17, 1 to 1 schools, people by staff_id>
>>> series.matching.loc["people", "key"]
'staff_id'
>>> str(series.in_force("2015-03-02"))
'2014-08-18'
"""

from __future__ import annotations

import bisect
import html
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from leadmodel.errors import DefinitionError, RosterError
from leadmodel.readers.files import DEFAULT_MAX_BYTES
from leadmodel.readers.issues import IssueLog
from leadmodel.readers.log import DateLike, as_date
from leadmodel.readers.matching import (
    ID_CHANGE_KINDS,
    SeriesCodes,
    code_series,
    declared_changes,
    iso,
    joined_codes,
    joined_values,
    people_rule,
    renamed,
    renames,
    report_possible_changes,
    report_variants,
    split_people,
    texts,
)
from leadmodel.readers.roster import read_roster
from leadmodel.readers.roster_checks import Unmapped
from leadmodel.roles import ROLES
from leadmodel.roster import ISSUE_COLUMNS, STRING, Loaded, Roster

__all__ = [
    "ID_CHANGE_KINDS",
    "SERIES_ISSUE_COLUMNS",
    "RosterSeries",
    "iso",
    "joined_values",
    "read_rosters",
    "snapshot_dates",
]

#: What a snapshot may be: a roster file or folder, a staff DataFrame, or a roster already read.
SnapshotSource = str | Path | pd.DataFrame | Roster
#: Columns of a series' issues table: the snapshot (ISO date) and the issues table's columns.
SERIES_ISSUE_COLUMNS: list[str] = ["snapshot", *ISSUE_COLUMNS]
#: The order of seniority of roles (the catalogue's), for a person's main role.
ROLE_RANK: dict[str, int] = {role.key: i for i, role in enumerate(ROLES)}


# ----------------------------------------------------------------------------- dates


def snapshot_dates(keys: Mapping[DateLike, Any]) -> list[tuple[date, Any]]:
    """The snapshots as ``(date, value)`` pairs in date order; each key read as a date.

    A key that is not a date (``"2014-15"``) or two keys for one date raise
    :class:`~leadmodel.DefinitionError`: a series is ordered in time, so each snapshot needs
    the date on which it was taken.

    >>> [str(d) for d, _ in snapshot_dates({"2015-08-17": 1, "2014-08-18": 2})]
    ['2014-08-18', '2015-08-17']
    """
    if not isinstance(keys, Mapping) or not keys:
        raise DefinitionError(
            "Give the snapshots as a mapping {date: roster}, e.g. "
            "{'2014-08-18': 'roster_2014.csv', '2015-08-17': 'roster_2015.csv'}."
        )
    pairs: dict[date, Any] = {}
    for key, value in keys.items():
        when = as_date(key, "snapshot date")
        if when in pairs:
            raise DefinitionError(f"Two snapshots are dated {when}; give each date once.")
        pairs[when] = value
    return sorted(pairs.items())


# ----------------------------------------------------------------------------- the series


class RosterSeries(Loaded):
    """Rosters of one district on several dates, matched: what :func:`read_rosters` returns.

    Attributes
    ----------
    rosters : dict of datetime.date to Roster
        The snapshots in date order, each as read (and validated) on its own.
    dates : tuple of datetime.date
        Their dates, in order.
    matching : pandas.DataFrame
        The matching rule, one row per entity (``people``, ``positions``, ``schools``,
        ``in_force``): ``key`` (the columns that identify it across snapshots) and ``rule``
        (in words).
    codes : SeriesCodes
        Every school, position and person numbered once, and the snapshots' staff, people and
        links in those numbers: what comparisons work in.
    id_changes : pandas.DataFrame
        The id changes declared with ``id_changes`` and applied in matching: ``kind``,
        ``old_id``, ``new_id``, ``last_seen`` (the last snapshot with the old id) and
        ``first_seen`` (the first with the new).
    issues : pandas.DataFrame
        Every snapshot's issues and those of the matching, with the ``snapshot`` (ISO date)
        first (``docs/glossary.md``).
    source : dict
        Provenance: each snapshot's source (name, checksum, row accounting) by ISO date.
    """

    __slots__ = (
        "_cache",
        "codes",
        "dates",
        "id_changes",
        "issues",
        "matching",
        "rosters",
        "source",
    )

    def __init__(
        self,
        rosters: Mapping[date, Roster],
        *,
        codes: SeriesCodes,
        matching: pd.DataFrame,
        id_changes: pd.DataFrame,
        issues: pd.DataFrame,
        source: Mapping[str, Any],
    ) -> None:
        self.rosters = dict(sorted(rosters.items()))
        self.dates = tuple(self.rosters)
        self.codes = codes
        self.matching = matching
        self.id_changes = id_changes
        self.issues = issues
        self.source = dict(source)
        self._cache: dict[str, Any] = {}

    # ------------------------------------------------------------ access

    def __len__(self) -> int:
        return len(self.rosters)

    def __iter__(self) -> Iterator[date]:
        return iter(self.dates)

    def __getitem__(self, when: DateLike) -> Roster:
        day = as_date(when, "snapshot date")
        if day not in self.rosters:
            raise DefinitionError(
                f"No snapshot is dated {day}; the snapshots are {', '.join(map(iso, self.dates))}"
                " (in_force() gives the one in force on a date)."
            )
        return self.rosters[day]

    def items(self) -> list[tuple[date, Roster]]:
        """The snapshots as ``(date, roster)`` pairs, in date order."""
        return list(self.rosters.items())

    def in_force(self, when: DateLike) -> date | None:
        """The date of the snapshot in force on ``when``: the latest taken on or before it.

        ``None`` before the first snapshot: no roster is known to be in force then.

        >>> import leadmodel as lm
        >>> years = lm.load_sample("district_years").series
        >>> str(years.in_force("2015-03-02")), years.in_force("2012-01-01")
        ('2014-08-18', None)
        """
        position = bisect.bisect_right(self.dates, as_date(when, "date")) - 1
        return None if position < 0 else self.dates[position]

    def snapshot_of(self, days: pd.Series) -> pd.Series:
        """For each date of ``days`` (datetime64), the snapshot in force on it (``NaT`` before
        the first)."""
        stamps = pd.to_datetime(pd.Series(self.dates)).to_numpy(dtype="datetime64[ns]")
        values = pd.to_datetime(days).to_numpy(dtype="datetime64[ns]")
        position = np.searchsorted(stamps, values, side="right") - 1
        out = np.where(position >= 0, stamps[np.clip(position, 0, None)], np.datetime64("NaT"))
        out[pd.isna(values)] = np.datetime64("NaT")
        return pd.Series(out, index=days.index, dtype="datetime64[ns]")

    @property
    def people_key(self) -> str:
        """The column that identifies a person across snapshots: ``person_id`` or ``staff_id``."""
        return str(self.matching.loc["people", "key"])

    # ------------------------------------------------------------ matched tables

    def people(self) -> pd.DataFrame:
        """Every person on every snapshot: one row per person per position held.

        Columns: ``snapshot`` (datetime64), ``school_id`` and ``staff_id`` (the position, as
        matched: after declared school id changes, and in files of people after declared
        person id changes), ``person_id`` (the person's id as on that roster), ``person_key``
        (the id that matches the person across snapshots, after declared id changes),
        ``role``, ``fte`` (the position's FTE, shared equally by a job share's incumbents),
        ``name``. Vacant positions and filled positions whose person is not given are not
        here (see :meth:`positions`).
        """
        if "people" not in self._cache:
            people = self.codes.people
            school, staff = self.codes.position_ids(people["position"].to_numpy())
            self._cache["people"] = pd.DataFrame(
                {
                    "snapshot": self._stamps(people["snapshot"].to_numpy()),
                    "school_id": school,
                    "staff_id": staff,
                    "person_id": people["person_id"].array,
                    "person_key": texts(self.codes.persons, people["person"].to_numpy()),
                    "role": people["role"].array,
                    "fte": people["fte"].astype("Float64").array,
                    "name": people["name"].array,
                }
            )
        kept: pd.DataFrame = self._cache["people"]
        return kept

    def positions(self) -> pd.DataFrame:
        """Every position on every snapshot: one row per position.

        Columns: ``snapshot``, ``school_id`` and ``staff_id`` (as matched, see :meth:`people`),
        ``role``, ``fte``, ``vacant``, ``incumbents`` and ``person_keys`` (the matched ids of
        its people, sorted, ``;``-separated; missing when vacant or not given).
        """
        if "positions" not in self._cache:
            staff = self.codes.staff
            school, staff_id = self.codes.position_ids(staff["position"].to_numpy())
            keys = self.person_keys()
            index = (
                staff["snapshot"].to_numpy() * len(self.codes.positions)
                + staff["position"].to_numpy()
            )
            self._cache["positions"] = pd.DataFrame(
                {
                    "snapshot": self._stamps(staff["snapshot"].to_numpy()),
                    "school_id": school,
                    "staff_id": staff_id,
                    "role": staff["role"].array,
                    "fte": staff["fte"].array,
                    "vacant": staff["vacant"].to_numpy(),
                    "incumbents": staff["incumbents"].array,
                    "person_keys": keys.reindex(index).array,
                }
            )
        kept: pd.DataFrame = self._cache["positions"]
        return kept

    def person_keys(self) -> pd.Series:
        """The matched ids of each position's people on each snapshot, sorted and
        ``;``-separated, indexed by ``snapshot x len(codes.positions) + position`` (codes)."""
        if "person_keys" not in self._cache:
            people = self.codes.people
            keys = (
                people["snapshot"].to_numpy() * len(self.codes.positions)
                + people["position"].to_numpy()
            )
            self._cache["person_keys"] = joined_codes(
                keys, people["person"].to_numpy(), self.codes.persons
            )
        kept: pd.Series = self._cache["person_keys"]
        return kept

    def schools(self) -> pd.DataFrame:
        """Every school on every snapshot: ``snapshot``, ``school_id`` (after declared
        changes), ``school_id_as_given``, then the schools table's columns."""
        if "schools" not in self._cache:
            parts = []
            for when, roster in self.rosters.items():
                table = roster.schools.copy()
                table.insert(0, "school_id_as_given", table["school_id"])
                table["school_id"] = self.school_key(table["school_id"]).to_numpy()
                table.insert(0, "snapshot", pd.Timestamp(when))
                parts.append(table)
            self._cache["schools"] = pd.concat(parts, ignore_index=True)
        kept: pd.DataFrame = self._cache["schools"]
        return kept

    def school_key(self, ids: pd.Series | pd.Index) -> pd.Series:
        """School ids as matched across snapshots (declared school id changes applied)."""
        return renamed(pd.Series(ids, dtype=STRING), renames(self.id_changes, "school"))

    def position_codes(self, school_ids: pd.Series, staff_ids: pd.Series) -> np.ndarray:
        """The codes (:attr:`codes`) of positions given by their ids as on a roster (-1 for a
        position on no snapshot)."""
        persons = renames(self.id_changes, "person") if self.people_key == "staff_id" else {}
        return self.codes.position_of(
            self.school_key(school_ids), renamed(pd.Series(staff_ids, dtype=STRING), persons)
        )

    def _stamps(self, snapshots: np.ndarray) -> np.ndarray:
        stamps: np.ndarray = pd.to_datetime(pd.Series(self.dates)).to_numpy(dtype="datetime64[ns]")
        return np.asarray(stamps[snapshots])

    # ------------------------------------------------------------ accounting and display

    def accounting(self) -> pd.DataFrame:
        """Each snapshot's row accounting, indexed by ``(snapshot, table)`` (ISO dates).

        >>> import leadmodel as lm
        >>> table = lm.load_sample("district_years").series.accounting()
        >>> table.index.get_level_values("snapshot").unique().tolist()
        ['2013-08-19', '2014-08-18', '2015-08-17']
        """
        parts = {iso(when): roster.accounting() for when, roster in self.rosters.items()}
        return pd.concat(parts, names=["snapshot", "table"])

    def __repr__(self) -> str:
        first, last = self.rosters[self.dates[0]], self.rosters[self.dates[-1]]
        n = len(self)
        return (
            f"<RosterSeries: {n} snapshot{'s' if n != 1 else ''} from {iso(self.dates[0])} to "
            f"{iso(self.dates[-1])}, {len(first.schools)} to {len(last.schools)} schools, "
            f"people by {self.people_key}>"
        )

    def _repr_html_(self) -> str:
        """Counts only (no names or ids): what a notebook shows for a series."""
        from leadmodel.display import html_table

        rows = [
            {
                "snapshot": iso(when),
                "schools": len(roster.schools),
                "positions": len(roster.staff),
                "vacant": int(roster.staff["vacant"].fillna(False).sum()),
                "links": len(roster.links),
                "issues": int((self.issues["snapshot"] == iso(when)).sum()),
            }
            for when, roster in self.rosters.items()
        ]
        rules = [
            {"entity": entity, "key": row["key"], "rule": row["rule"]}
            for entity, row in self.matching.iterrows()
        ]
        return (
            f"<div><strong>RosterSeries</strong>: {html.escape(repr(self)[1:-1])}"
            + html_table(rows, "Snapshots")
            + html_table(rules, "Matching")
            + "</div>"
        )


# ----------------------------------------------------------------------------- reading


def read_rosters(
    snapshots: Mapping[Any, SnapshotSource],
    *,
    id_changes: Mapping[str, Mapping[str, str]] | None = None,
    column_map: Mapping[str, str] | None = None,
    role_map: Mapping[str, str] | None = None,
    unmapped: Unmapped = "error",
    strict: bool = True,
    encoding: str | None = None,
    delimiter: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> RosterSeries:
    """Read a district's rosters on several dates and match them: a series of snapshots.

    Each snapshot is read and validated exactly as :func:`~leadmodel.read_roster` reads one
    (a roster already read is taken as it is, with its issues); then people, positions and
    schools are matched by id across the snapshots (``series.matching`` records the rule):
    positions by ``(school_id, staff_id)``; people by ``person_id`` when the files give one
    (position files) and by ``staff_id`` otherwise (files of people); schools by
    ``school_id``. Ids that may have changed are reported, never merged: an id spelled two ways
    in different snapshots (``id_variant``) and a person or school that leaves while another
    of the same name arrives (``possible_id_change``), both warnings.

    Parameters
    ----------
    snapshots
        ``{date: source}``: the date each roster was taken (a ``datetime.date`` or ISO
        ``YYYY-MM-DD`` text) and the roster (a file or roster folder, a staff DataFrame, or a
        :class:`~leadmodel.Roster`).
    id_changes
        Ids the analyst knows changed: ``{"person": {old: new}, "school": {old: new}}``. The
        old id must be on an earlier snapshot than the new one, and the two never on one
        snapshot; a malformed entry raises :class:`~leadmodel.DefinitionError`.
    column_map, role_map, unmapped, encoding, delimiter, max_bytes
        As for :func:`~leadmodel.read_roster`, applied to every snapshot read from a file.
    strict
        Raise :class:`~leadmodel.RosterError` listing every error of every snapshot (default);
        with ``False`` keep each snapshot's usable rows and list the problems in ``issues``.

    Returns
    -------
    RosterSeries

    Raises
    ------
    RosterError
        Every problem of every snapshot at once (strict mode), or when a snapshot cannot be
        read at all; also when the snapshots identify people differently
        (``ids_not_comparable``: some give ``person_id`` and some do not).
    DefinitionError
        For a date that is not a date, two snapshots on one date, or a malformed
        ``id_changes``.

    Examples
    --------
    >>> import pandas as pd
    >>> import leadmodel as lm
    >>> before = pd.DataFrame({"staff_id": ["P1", "T1"], "school_id": "S1",
    ...                        "role": ["principal", "teacher"], "name": ["Ann Lee", "Bo Ng"]})
    >>> after = before.assign(staff_id=["P1", "T9"])  # Bo Ng under a new id?
    >>> series = lm.read_rosters({"2014-08-18": before, "2015-08-17": after})
    >>> series.issues[["snapshot", "staff_id", "code", "value"]]
         snapshot staff_id                code value
    0  2015-08-17       T9  possible_id_change    T1
    >>> fixed = lm.read_rosters({"2014-08-18": before, "2015-08-17": after},
    ...                         id_changes={"person": {"T1": "T9"}})
    >>> fixed.id_changes[["kind", "old_id", "new_id"]].values.tolist()
    [['person', 'T1', 'T9']]
    """
    options: dict[str, Any] = {
        "column_map": column_map,
        "role_map": role_map,
        "unmapped": unmapped,
        "encoding": encoding,
        "delimiter": delimiter,
        "max_bytes": max_bytes,
    }
    dated = snapshot_dates(snapshots)
    rosters: dict[date, Roster] = {}
    parts: list[pd.DataFrame] = []
    unreadable = False
    for when, given in dated:
        try:
            roster = (
                given if isinstance(given, Roster) else read_roster(given, strict=False, **options)
            )
        except RosterError as error:  # nothing could be loaded: report it with the others
            parts.append(dated_issues(error.issues, when))
            unreadable = True
            continue
        rosters[when] = roster
        parts.append(dated_issues(roster.issues, when))
    if unreadable:
        raise RosterError(series_issues(parts), what="roster series")
    notes = IssueLog()
    key = people_rule(rosters, notes)
    people = {when: split_people(roster.staff, key) for when, roster in rosters.items()}
    changes = declared_changes(id_changes, rosters, people)
    report_variants(rosters, people, key, changes, notes)
    report_possible_changes(rosters, people, key, changes, notes)
    parts.append(series_notes(notes))
    issues = series_issues(parts)
    if strict and (issues["severity"] == "error").any():
        raise RosterError(issues, what="roster series")
    source = {"snapshots": {iso(when): dict(r.source) for when, r in rosters.items()}}
    return RosterSeries(
        rosters,
        codes=code_series(rosters, people, key, changes),
        matching=_matching(key),
        id_changes=changes,
        issues=issues,
        source=source,
    )


def dated_issues(issues: pd.DataFrame, when: date) -> pd.DataFrame:
    """An issues table of the snapshot (or file) of ``when``, its date in a first column."""
    out = issues[ISSUE_COLUMNS].copy()
    out.insert(0, "snapshot", pd.Series(iso(when), index=out.index, dtype=STRING))
    return out


def series_notes(notes: IssueLog) -> pd.DataFrame:
    """The matching's issues: the snapshot rides in the ``table`` column as ``table@date``."""
    frame = notes.frame()
    parts = frame["table"].str.split("@", n=1)
    frame["table"] = parts.str[0].astype(STRING)
    frame.insert(0, "snapshot", parts.str[1].astype(STRING))
    return frame


def series_issues(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """One issues table of a series from its dated parts (columns ``SERIES_ISSUE_COLUMNS``)."""
    if not parts:
        frame = pd.DataFrame({c: pd.Series(dtype=STRING) for c in SERIES_ISSUE_COLUMNS})
        frame["row"] = frame["row"].astype("Int64")
        return frame
    out = pd.concat(parts, ignore_index=True)
    out["row"] = out["row"].astype("Int64")
    for col in SERIES_ISSUE_COLUMNS:
        if col != "row":
            out[col] = out[col].astype(STRING)
    return out[SERIES_ISSUE_COLUMNS]


def _matching(key: str) -> pd.DataFrame:
    people = (
        "the same person_id (position files: each job share's incumbents apart), after the "
        "declared id changes; never by name"
        if key == "person_id"
        else "the same staff_id (files of people: the staff id is the person's), after the "
        "declared id changes; never by name"
    )
    rows = {
        "people": (key, people),
        "positions": (
            "school_id, staff_id",
            "the same staff_id in the same school, after declared school id changes (and in "
            "files of people, where the staff id is the person's, declared person id changes)",
        ),
        "schools": ("school_id", "the same school_id, after the declared id changes"),
        "in_force": (
            "snapshot",
            "an event dated d is matched to the latest snapshot dated on or before d; events "
            "before the first snapshot match none",
        ),
    }
    return pd.DataFrame(
        [(entity, k, rule) for entity, (k, rule) in rows.items()],
        columns=["entity", "key", "rule"],
    ).set_index("entity")
