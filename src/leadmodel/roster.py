"""The canonical roster: columnar tables for a school, a district or a national file.

A :class:`Roster` holds four tables with fixed column names and dtypes
(documented in ``docs/glossary.md``):

``staff``
    one row per person per school (a person in two schools has two rows);
``links``
    typed relations ``leader_id -> staff_id`` within a school;
``teams``
    teams of teachers, each in one school;
``schools``
    one row per school.

Rosters are built by :func:`leadmodel.read_roster` (files or DataFrames) or from
pydantic models (``School.to_roster()``), always through the same validation,
and are never modified in place: edits return a new roster.

Examples
--------
>>> from leadmodel import load_sample
>>> roster = load_sample("kipp_sunshine_peak")
>>> roster
<Roster: 1 school, 33 staff rows, ... links, ... teams>
"""

from __future__ import annotations

import functools
import hashlib
import html
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pandas.api.extensions import ExtensionArray

from leadmodel.errors import DefinitionError
from leadmodel.models import District, Link, ReleaseTime, School, StaffMember, Team

__all__ = ["LINK_COLUMNS", "SCHOOL_COLUMNS", "STAFF_COLUMNS", "TEAM_COLUMNS", "Roster"]

STRING = pd.StringDtype()
FLOAT = pd.Float64Dtype()
BOOL = pd.BooleanDtype()
INT = pd.Int64Dtype()

#: Canonical staff columns and their dtypes; other columns are kept as extras.
STAFF_COLUMNS: dict[str, Any] = {
    "staff_id": STRING,
    "school_id": STRING,
    "role": STRING,
    "title": STRING,
    "name": STRING,
    "fte": FLOAT,
    "release_fte": FLOAT,
    "release_purpose": STRING,
    "grade": STRING,
    "subject": STRING,
    "team_id": STRING,
    "salary": FLOAT,
    "years_experience": FLOAT,
    "rating": STRING,
    "person_id": STRING,
    "vacant": BOOL,
    "incumbents": INT,
}
LINK_COLUMNS: dict[str, Any] = {
    "school_id": STRING,
    "leader_id": STRING,
    "staff_id": STRING,
    "relation": STRING,
    "source": STRING,
}
TEAM_COLUMNS: dict[str, Any] = {
    "school_id": STRING,
    "team_id": STRING,
    "name": STRING,
    "lead_id": STRING,
    "basis": STRING,
}
SCHOOL_COLUMNS: dict[str, Any] = {
    "school_id": STRING,
    "name": STRING,
    "district_id": STRING,
    "district_name": STRING,
    "level": STRING,
    "grades": STRING,
    "enrollment": INT,
    "model": STRING,
    "pilot_wave": INT,
    "non_school": BOOL,
}
TABLE_SCHEMAS: dict[str, dict[str, Any]] = {
    "staff": STAFF_COLUMNS,
    "links": LINK_COLUMNS,
    "teams": TEAM_COLUMNS,
    "schools": SCHOOL_COLUMNS,
}
#: The roster's tables, in the order they are read and written.
TABLES: tuple[str, ...] = tuple(TABLE_SCHEMAS)
TABLE_KEYS: dict[str, list[str]] = {
    "staff": ["school_id", "staff_id"],
    "links": ["school_id", "leader_id", "staff_id", "relation"],
    "teams": ["school_id", "team_id"],
    "schools": ["school_id"],
}


def _missing(dtype: Any, n: int) -> ExtensionArray:
    """``n`` missing values of a column type (text or a masked number or boolean), built from
    zeroed buffers: nothing is written but the mask.

    >>> _missing(pd.Float64Dtype(), 2).tolist()
    [<NA>, <NA>]
    """
    if isinstance(dtype, pd.StringDtype):  # in the storage pandas is set to use
        if dtype.storage == "pyarrow":
            return pd.arrays.ArrowStringArray(pa.nulls(n, pa.large_string()))
        return pd.array([], dtype=dtype).take(np.full(n, -1), allow_fill=True)
    values: ExtensionArray = dtype.construct_array_type()(
        np.zeros(n, dtype=dtype.numpy_dtype), np.ones(n, dtype=bool)
    )
    return values


def empty_table(table: str) -> pd.DataFrame:
    """Return an empty canonical table (``staff``, ``links``, ``teams`` or ``schools``)."""
    schema = TABLE_SCHEMAS[table]
    return pd.DataFrame({c: pd.Series(dtype=d) for c, d in schema.items()})


def canonical_table(frame: pd.DataFrame, table: str, *, ordered: bool = False) -> pd.DataFrame:
    """Return ``frame`` with canonical dtypes, known columns first, sorted by the table key
    (``ordered``: the caller has sorted it already).

    Extra (unknown) columns keep their input order after the known ones and are
    normalised to pandas' nullable dtypes, so that every file format round-trips
    to the same table.
    """
    schema = TABLE_SCHEMAS[table]
    columns: dict[str, Any] = {  # the given columns as Series, so copy-on-write tracks them
        col: _typed(frame[col], dtype) if col in frame else _missing(dtype, len(frame))
        for col, dtype in schema.items()
    }
    for col, values in frame.items():
        if col not in schema:
            columns[str(col)] = _normalise_extra(values)
    out = pd.DataFrame(columns, index=frame.index, copy=False)  # built once: linear in columns
    if ordered:
        out.index = pd.RangeIndex(len(out))
        return out
    return sorted_by(out, TABLE_KEYS[table]).reset_index(drop=True)


def _typed(column: pd.Series, dtype: Any) -> pd.Series:
    """``column`` as ``dtype``: itself when it already is (copy-on-write keeps it safe)."""
    return column if column.dtype == dtype else column.astype(dtype)


def sorted_by(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """``frame`` in a stable sort by its text columns ``keys``, missing values last.

    Rows already in order are kept as they are; rows in blocks of one first key, in order
    within each block, are sorted by the first key alone; others are sorted by Arrow (by code
    point, as pandas sorts text, but without factorizing every key).
    """
    if in_key_order(frame, keys):
        return frame
    order = _order_of_blocks(frame, keys)
    if order is None:
        table = pa.table({key: pa.array(frame[key].array) for key in keys})
        order = np.asarray(pc.sort_indices(table, sort_keys=[(key, "ascending") for key in keys]))
    return frame.take(order)


def _order_of_blocks(frame: pd.DataFrame, keys: list[str]) -> np.ndarray | None:
    """The stable sort by ``keys`` of rows that come in blocks of one first key each, sorted
    by the other keys within a block; ``None`` for other rows."""
    first = pa.array(frame[keys[0]].array, from_pandas=True)  # NaN is missing
    if first.null_count:
        return None
    same = _pairs(pc.equal, first)  # pairs of rows in one block
    rank = np.asarray(pc.rank(first, sort_keys="ascending", tiebreaker="dense"))
    if len(frame) - int(same.sum()) > rank.max(initial=0) or not in_key_order(
        frame, keys[1:], same
    ):
        return None
    return np.argsort(rank, kind="stable")


def in_key_order(frame: pd.DataFrame, keys: list[str], tied: np.ndarray | None = None) -> bool:
    """Whether the rows are already sorted by ``keys`` (a stable sort would not move them).

    Compares each row with the next, one key at a time; a missing key value answers no.
    ``tied`` limits the check to the pairs of rows (each row with the next) it marks.
    """
    if tied is None:
        tied = np.ones(max(len(frame) - 1, 0), dtype=bool)
    for key in keys:
        values = pa.array(frame[key].array, from_pandas=True)
        if values.null_count:
            return False
        if (tied & _pairs(pc.less, values)).any():
            return False
        tied = tied & _pairs(pc.equal, values)
    return True


def _pairs(compare: Any, values: pa.Array) -> np.ndarray:
    """``compare`` (an Arrow comparison) of each value after the first with the one before."""
    n = max(len(values) - 1, 0)
    return np.asarray(compare(values.slice(1, n), values.slice(0, n)), dtype=bool)


def _normalise_extra(col: pd.Series) -> pd.Series:
    if col.dtype == STRING:  # text read from a text file: already normal
        return col
    if isinstance(col.dtype, pd.StringDtype):
        return col.astype(STRING)
    if col.isna().all():
        return col.astype(STRING)
    if col.dtype == object:  # missing cells may be NaN (a float): make them None first
        col = col.where(col.notna(), None)
    try:
        converted = col.convert_dtypes()
    except (TypeError, OverflowError):  # integers beyond 64 bits: older pandas raise
        converted = col
    if converted.dtype == object:  # mixed values: keep them as text, the lossless common form
        return col.map(lambda v: v if pd.isna(v) else str(v)).astype(STRING)
    if isinstance(converted.dtype, pd.Float64Dtype):
        values = converted.dropna()
        if ((values % 1 == 0) & (values.abs() < 2**53)).all():  # whole numbers: Int64 everywhere
            return converted.astype(INT)
    return converted


_DERIVED = frozenset({"_coded", "_fingerprint", "_keys"})
_FINGERPRINTED = {
    "staff": ["school_id", "staff_id", "role"],
    "teams": ["school_id", "team_id"],
    "schools": ["school_id"],
}


class Loaded:
    """What every reader returns: the tables it loaded, the issues it found, and where from.

    Subclasses hold their tables; every one has ``issues`` (the issues table, columns in
    ``docs/glossary.md``) and ``source`` (the input's name, SHA-256 checksum and row counts),
    and the same :meth:`accounting`.
    """

    __slots__ = ()
    #: Whether the reader keeps repeated records once (then ``accounting`` has ``rows_merged``).
    merges: ClassVar[bool] = False
    issues: pd.DataFrame
    source: dict[str, Any]

    def accounting(self) -> pd.DataFrame:
        """Row accounting of the load: for each input table, rows read, loaded, rejected, blank.

        ``rows_in == rows_loaded (+ rows_merged) + rows_rejected + rows_blank`` always holds;
        every rejected row has at least one ``error`` in ``issues``, every blank row a
        ``blank_row`` warning, every merged row a warning naming the record it repeats.

        >>> import leadmodel as lm
        >>> lm.load_sample("green_dot").accounting().loc["staff"].tolist()
        [46, 46, 0, 0]
        """
        counts = self.source.get("rows", {})
        columns = [
            "rows_in",
            "rows_loaded",
            *(["rows_merged"] if self.merges else []),
            "rows_rejected",
            "rows_blank",
        ]
        rows = [
            {"table": t, **{k: int(c.get(k, 0)) for k in columns}}
            for t, c in sorted(counts.items())
        ]
        return pd.DataFrame(rows, columns=["table", *columns]).set_index("table")

    def read_with(self, roster: Roster) -> bool:
        """Whether this was read, and checked, against ``roster`` (by its fingerprint)."""
        return bool(self.source.get("roster")) and self.source.get("roster") == roster.fingerprint()


class Roster(Loaded):
    """Canonical tables of staff, links, teams and schools, plus what loading them found.

    Do not construct directly: use :func:`leadmodel.read_roster` or
    ``School.to_roster()``, which validate. The intake passes ``keys``, the
    :class:`KeyCodes` of the ids it checked, with the staff and links already in key order;
    the metrics use them instead of coding the ids again.

    Attributes
    ----------
    staff, links, teams, schools : pandas.DataFrame
        The canonical tables (see ``docs/glossary.md``).
    issues : pandas.DataFrame
        Problems found while loading (warnings, and in non-strict mode the
        errors whose rows were left out).
    source : dict
        Provenance of the input: name, SHA-256 checksum and row accounting.
    """

    __slots__ = (
        "_coded",
        "_fingerprint",
        "_keys",
        "issues",
        "links",
        "schools",
        "source",
        "staff",
        "teams",
    )

    def __init__(
        self,
        staff: pd.DataFrame,
        links: pd.DataFrame,
        teams: pd.DataFrame,
        schools: pd.DataFrame,
        *,
        issues: pd.DataFrame | None = None,
        source: Mapping[str, Any] | None = None,
        keys: KeyCodes | None = None,
    ) -> None:
        # the intake hands on its codes of the ids, with the staff and links in key order
        self.staff = canonical_table(staff, "staff", ordered=keys is not None)
        self.links = canonical_table(links, "links", ordered=keys is not None)
        self.teams = canonical_table(teams, "teams")
        self.schools = canonical_table(schools, "schools")
        self.issues = empty_issues() if issues is None else issues
        self.source = dict(source or {})
        self._coded: object = None  # integer codes of the ids, kept by leadmodel.metrics.coded
        self._fingerprint: str | None = None
        self._keys = keys

    def __getstate__(self) -> dict[str, Any]:
        """What pickling keeps: the tables, issues and source, not what is derived from them."""
        return {name: getattr(self, name) for name in self.__slots__ if name not in _DERIVED}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            setattr(self, name, value)
        self._coded = None
        self._fingerprint = None
        self._keys = None

    def fingerprint(self) -> str:
        """A digest of who and what is on the roster: staff (with roles), teams and schools.

        Readers that check a log, a survey or memberships against a roster record its
        fingerprint; an analysis given the same roster then knows the check was made and does
        not make it again (:meth:`Loaded.read_with`).

        >>> import leadmodel as lm
        >>> lm.load_sample("green_dot").fingerprint() == lm.load_sample("green_dot").fingerprint()
        True
        """
        if self._fingerprint is None:
            digest = hashlib.sha256()
            for table, columns in _FINGERPRINTED.items():
                frame = getattr(self, table)[columns]
                digest.update(f"{table}:{len(frame)}".encode())
                hashed = pd.util.hash_pandas_object(frame, index=False).to_numpy()
                digest.update(hashed.tobytes())
            self._fingerprint = digest.hexdigest()
        return self._fingerprint

    def __repr__(self) -> str:
        n = len(self.schools)
        return (
            f"<Roster: {n} school{'s' if n != 1 else ''}, {len(self.staff)} staff rows, "
            f"{len(self.links)} links, {len(self.teams)} teams>"
        )

    def _repr_html_(self) -> str:
        """Counts only (no names or ids): what a notebook shows for a roster."""
        from leadmodel.display import html_table
        from leadmodel.roles import ROLE_CATEGORY

        by_category = self.staff["role"].map(ROLE_CATEGORY).value_counts().sort_index()
        by_relation = self.links["relation"].value_counts().sort_index()
        problems = self.issues["severity"].value_counts().sort_index()
        name = html.escape(str(self.source.get("name") or "a roster"))
        return (
            f"<div><strong>Roster</strong> from {name}: {len(self.schools)} school(s), "
            f"{len(self.staff)} staff rows, {len(self.links)} links, {len(self.teams)} teams"
            + html_table([{"category": k, "staff": v} for k, v in by_category.items()], "Staff")
            + html_table([{"relation": k, "links": v} for k, v in by_relation.items()], "Links")
            + html_table(
                [{"severity": k, "issues": v} for k, v in problems.items()], "Issues while loading"
            )
            + "</div>"
        )

    def equals(self, other: Roster) -> bool:
        """Whether both rosters have identical tables (values, dtypes, column order).

        >>> from leadmodel import load_sample
        >>> load_sample("kipp_sunshine_peak").equals(load_sample("kipp_sunshine_peak"))
        True
        """
        return all(
            getattr(self, t).equals(getattr(other, t))
            and list(getattr(self, t).columns) == list(getattr(other, t).columns)
            and getattr(self, t).dtypes.equals(getattr(other, t).dtypes)
            for t in TABLE_SCHEMAS
        )

    def checksum(self) -> str:
        """SHA-256 of the four tables' CSV text: the same roster always gives the same digest."""
        digest = hashlib.sha256()
        for table in TABLE_SCHEMAS:
            digest.update(table.encode())
            digest.update(getattr(self, table).to_csv(index=False, lineterminator="\n").encode())
        return digest.hexdigest()

    def schools_only(self) -> Roster:
        """The roster without its non-school units (central offices, networks, citywide
        services: ``non_school`` in the schools table), for school measures.

        >>> import leadmodel as lm
        >>> lm.load_sample("green_dot").schools_only().schools.shape[0]
        1
        """
        units = self.schools["non_school"].fillna(False).to_numpy(dtype=bool)
        if not units.any():
            return self
        others = set(self.schools.loc[units, "school_id"])

        def kept(frame: pd.DataFrame) -> pd.DataFrame:
            return frame[~frame["school_id"].isin(others).to_numpy(dtype=bool)]

        tables = (kept(self.staff), kept(self.links), kept(self.teams), kept(self.schools))
        return Roster(*tables, issues=self.issues, source=self.source)

    def to_schools(self) -> list[School]:
        """Return the roster as pydantic :class:`~leadmodel.School` models, one per school."""
        staff = _records_by_school(self.staff)
        links = _records_by_school(self.links)
        teams = _records_by_school(self.teams)
        schools = []
        for rec in records(self.schools):
            sid = rec["school_id"]
            schools.append(
                School(
                    **rec,
                    staff=[_staff_member(r) for r in staff.get(sid, [])],
                    links=[Link(**_drop(r, "school_id")) for r in links.get(sid, [])],
                    teams=[Team(**_drop(r, "school_id")) for r in teams.get(sid, [])],
                )
            )
        return schools

    def to_district(self) -> District:
        """Return the roster as one :class:`~leadmodel.District` model."""
        return District(schools=self.to_schools())


def checked_roster(value: object) -> Roster:
    """``value`` when it is a :class:`Roster`, else a ``DefinitionError`` saying what to pass.

    >>> checked_roster("staff.csv")
    Traceback (most recent call last):
    ...
    leadmodel.errors.DefinitionError: Expected a Roster (read_roster, load_sample), not str.
    """
    if isinstance(value, Roster):
        return value
    raise DefinitionError(
        f"Expected a Roster (read_roster, load_sample), not {type(value).__name__}."
    )


def checked_table(
    value: object, columns: Sequence[str], what: str, made_by: str | None = None
) -> pd.DataFrame:
    """``value`` when it is a DataFrame holding ``columns``; else a :class:`DefinitionError`
    naming ``what`` it was given as (and ``made_by``, the function whose table it should be).

    >>> checked_table([1], ["x"], "links")
    Traceback (most recent call last):
    leadmodel.errors.DefinitionError: links is a DataFrame, not a list.
    """
    whose = f" (the table {made_by}() returns)" if made_by else ""
    if not isinstance(value, pd.DataFrame):
        raise DefinitionError(f"{what} is a DataFrame{whose}, not a {type(value).__name__}.")
    missing = [c for c in columns if c not in value.columns]
    if missing:
        raise DefinitionError(f"{what} has no {', '.join(map(repr, missing))} column{whose}.")
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts with Python scalars and ``None`` for missing values."""
    out = frame.astype(object).where(frame.notna(), None)
    return [dict(zip(out.columns, row, strict=True)) for row in out.itertuples(index=False)]


def _records_by_school(frame: pd.DataFrame) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for rec in records(frame):
        grouped.setdefault(rec["school_id"], []).append(rec)
    return grouped


def _drop(rec: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in rec.items() if k not in keys}


def _staff_member(rec: dict[str, Any]) -> StaffMember:
    fraction, purpose = rec.pop("release_fte"), rec.pop("release_purpose")
    release = None if fraction is None else ReleaseTime(fraction=fraction, purpose=purpose)
    return StaffMember(**rec, release=release)


#: Columns of every issues table.
ISSUE_COLUMNS = ["table", "row", "staff_id", "field", "value", "code", "severity", "message", "fix"]


#: Staff columns that carry links, and the relation each one stands for.
LINK_ID_COLUMNS: dict[str, str] = {
    "supervisor_id": "supervises",
    "evaluator_id": "evaluates",
    "evaluation_input_id": "evaluation_input",
    "coach_id": "coaches",
    "developer_id": "develops",
    "facilitator_id": "facilitates",
}


def row_keys(frame: pd.DataFrame, cols: Sequence[str]) -> pd.MultiIndex:
    """The rows of ``frame`` as keys over ``cols``, for membership tests between tables."""
    return pd.MultiIndex.from_frame(frame[list(cols)])


def rows_in(frame: pd.DataFrame, other: pd.DataFrame, cols: Sequence[str]) -> np.ndarray:
    """Whether each row of ``frame`` has a row of ``other`` with the same ``cols``."""
    return np.asarray(row_keys(frame, cols).isin(row_keys(other, cols)), dtype=bool)


def people_in(staff: pd.DataFrame) -> pd.Series:
    """People in each staff row (a position): its ``incumbents``, 0 for a vacancy and 2 for a
    job share, 1 where the table does not say.

    >>> staff = pd.DataFrame({"incumbents": pd.array([1, 0, 2, None], dtype="Int64")})
    >>> people_in(staff).tolist()
    [1, 0, 2, 1]
    """
    return staff["incumbents"].fillna(1).astype("int64")


def member(values: pd.Series, universe: pd.Series | pd.Index) -> pd.Series:
    """Whether each value is in ``universe`` (missing values are not), by hashing once.

    A ``universe`` that is already a unique ``Index`` is used as it is.
    """
    if isinstance(universe, pd.Index) and universe.is_unique and not universe.hasnans:
        index = universe
    else:
        index = pd.Index(pd.unique(pd.Series(universe).dropna()))
    return pd.Series(index.get_indexer(pd.Index(values)) >= 0, index=values.index)


def id_codes(*columns: pd.Series, sort: bool = False) -> tuple[list[np.ndarray], pd.Index]:
    """Integer codes of the values of ``columns``, one numbering for all of them, and the
    distinct values in the order of their codes.

    Equal values get equal codes, from 0 up (in sorted order of the values with ``sort``);
    a missing value gets -1. Hashing each text once, the codes let later checks compare ids
    as integers.
    """
    arrays = [c.array for c in columns]
    if all(a.dtype == STRING and a.dtype.storage == "pyarrow" for a in arrays):
        return _arrow_codes([pa.array(a) for a in arrays], sort=sort)
    typed = not isinstance(arrays[0], pd.arrays.NumpyExtensionArray)
    if typed and all(a.dtype == arrays[0].dtype for a in arrays):  # joined as arrays: no
        values = type(arrays[0])._concat_same_type(arrays)  # Series' overhead
        codes, distinct = pd.factorize(values, sort=sort)
    else:
        codes, distinct = pd.factorize(pd.concat(columns, ignore_index=True), sort=sort)
    bounds = np.cumsum([len(c) for c in columns[:-1]], dtype=np.int64)
    return np.split(codes.astype(np.int64, copy=False), bounds), pd.Index(distinct)


def _arrow_codes(
    columns: list[pa.Array | pa.ChunkedArray], *, sort: bool
) -> tuple[list[np.ndarray], pd.Index]:
    """:func:`id_codes` of Arrow text: one dictionary encoding of all the columns' chunks,
    its codes renumbered in sorted order with ``sort`` as they are read chunk by chunk (pandas'
    factorize joins Arrow's codes, widens them, then renumbers them: three more copies)."""
    chunks = [chunk for col in columns for chunk in _chunks(col)]
    if not sum(len(chunk) for chunk in chunks):
        return [np.zeros(len(col), dtype=np.int64) for col in columns], pd.Index([], dtype=STRING)
    encoded = pa.chunked_array(chunks, type=pa.large_string()).dictionary_encode()
    # one memo for all chunks: the last chunk's dictionary holds every value met
    dictionary = encoded.chunk(encoded.num_chunks - 1).dictionary
    rank = np.arange(len(dictionary) + 1, dtype=np.int64)
    if sort:
        order = np.asarray(pc.array_sort_indices(dictionary), dtype=np.int64)
        rank[order] = rank[: len(order)].copy()  # a value's code is its place in the order
        dictionary = dictionary.take(order)
    rank[-1] = -1  # a missing value's code
    codes, start = np.empty(len(encoded), dtype=np.int64), 0
    for chunk in encoded.chunks:  # written in place: no piece per chunk to join
        np.take(rank, _filled(chunk.indices), out=codes[start : start + len(chunk)])
        start += len(chunk)
    out = np.split(codes, np.cumsum([len(col) for col in columns[:-1]], dtype=np.int64))
    return out, pd.Index(pd.arrays.ArrowStringArray(dictionary))


def _filled(indices: pa.Array) -> np.ndarray:
    """Arrow dictionary indices as numpy, -1 where missing (no copy when none is)."""
    filled = pc.fill_null(indices, -1) if indices.null_count else indices
    return np.asarray(filled)


def _chunks(values: pa.Array | pa.ChunkedArray) -> list[pa.Array]:
    """The chunks of Arrow text, as large strings (pandas' own Arrow text type)."""
    parts = values.chunks if isinstance(values, pa.ChunkedArray) else [values]
    return [
        part if part.type == pa.large_string() else part.cast(pa.large_string()) for part in parts
    ]


class KeyCodes:
    """A roster's ids as integer codes, made once by the intake and handed on to the metrics.

    ``schools`` and ``ids`` are the sorted distinct school ids and staff ids of the staff and
    links tables (each used by at least one row); ``staff_school`` and ``staff_id`` code each
    staff row, ``link_school``, ``leader`` and ``led`` each link row, in the tables' row order;
    ``relation`` codes each link's relation into ``relations``. Sorted dictionaries make code
    order text order: a table is in key order when its codes are.

    >>> staff = pd.DataFrame({"school_id": ["S2", "S1"], "staff_id": ["p3", "p1"]})
    >>> links = pd.DataFrame(
    ...     {"school_id": ["S1"], "leader_id": ["p1"], "staff_id": ["p9"], "relation": ["develops"]}
    ... )
    >>> codes = KeyCodes.of(staff, links)
    >>> codes.ids.tolist(), codes.staff_id.tolist(), codes.led.tolist()
    (['p1', 'p3', 'p9'], [1, 0], [2])
    >>> codes.taken(np.array([0, 1]), np.array([], dtype=int)).compacted().ids.tolist()
    ['p1', 'p3']
    """

    __slots__ = (
        "ids",
        "leader",
        "led",
        "link_school",
        "relation",
        "relations",
        "schools",
        "staff_id",
        "staff_school",
    )
    schools: pd.Index
    ids: pd.Index
    staff_school: np.ndarray
    staff_id: np.ndarray
    link_school: np.ndarray
    leader: np.ndarray
    led: np.ndarray
    relations: pd.Index
    relation: np.ndarray

    def __init__(
        self,
        schools: pd.Index,
        ids: pd.Index,
        staff: tuple[np.ndarray, np.ndarray],
        links: tuple[np.ndarray, np.ndarray, np.ndarray],
        relations: tuple[pd.Index, np.ndarray],
    ) -> None:
        self.schools, self.ids = schools, ids
        self.staff_school, self.staff_id = staff
        self.link_school, self.leader, self.led = links
        self.relations, self.relation = relations

    @classmethod
    def of(cls, staff: pd.DataFrame, links: pd.DataFrame) -> KeyCodes:
        """The codes of the ids of a staff and a links table, coded afresh (sorted)."""
        (staff_school, link_school), schools = id_codes(
            staff["school_id"], links["school_id"], sort=True
        )
        (staff_id, leader, led), ids = id_codes(
            staff["staff_id"], links["leader_id"], links["staff_id"], sort=True
        )
        relation, relations = pd.factorize(links["relation"], sort=True)
        return cls(
            schools,
            ids,
            (staff_school, staff_id),
            (link_school, leader, led),
            (relations, relation.astype(np.int64)),
        )

    def compacted(self) -> KeyCodes:
        """The codes with the dictionaries of ids cut to the values some row uses, renumbered
        in the same (sorted) order: what coding the tables afresh would give."""
        (staff_school, link_school), schools = renumbered(
            (self.staff_school, self.link_school), self.schools
        )
        (staff_id, leader, led), ids = renumbered((self.staff_id, self.leader, self.led), self.ids)
        relations = (self.relations, self.relation)
        return KeyCodes(
            schools, ids, (staff_school, staff_id), (link_school, leader, led), relations
        )

    def taken(self, staff: np.ndarray | slice, links: np.ndarray | slice) -> KeyCodes:
        """The codes of the staff rows at positions ``staff`` and the link rows at ``links``
        (``slice(None)``: all of them, the same arrays, not copies)."""
        return KeyCodes(
            self.schools,
            self.ids,
            (self.staff_school[staff], self.staff_id[staff]),
            (self.link_school[links], self.leader[links], self.led[links]),
            (self.relations, self.relation[links]),
        )


def renumbered(
    used: Sequence[np.ndarray], values: pd.Index, *others: np.ndarray
) -> tuple[list[np.ndarray], pd.Index]:
    """The codes ``used`` and ``others`` (into ``values``) renumbered to the values the
    ``used`` codes hold, order kept, and those values: what coding afresh would give. A
    missing code (-1) stays -1, and so does a code of ``others`` to a value none of ``used``
    holds.

    >>> values = pd.Index(["a", "b", "c"])  # "b": no used code holds it
    >>> codes, kept = renumbered([np.array([2, 0, -1])], values, np.array([1, 2]))
    >>> [c.tolist() for c in codes], kept.tolist()
    ([[1, 0, -1], [-1, 1]], ['a', 'c'])
    """
    seen = np.zeros(len(values) + 1, dtype=bool)  # the last: a missing code's -1
    for codes in used:
        seen[codes] = True
    seen[-1] = False
    everything = [*used, *others]
    if seen[:-1].all():
        return [np.asarray(codes, dtype=np.int64) for codes in everything], values
    renumber = np.where(seen, np.cumsum(seen) - 1, -1)
    return [renumber[codes] for codes in everything], values[seen[:-1]]


def repeats(*codes: np.ndarray) -> np.ndarray:
    """Whether each row's tuple of integer ``codes`` is that of an earlier row.

    A 64-bit mix of each row's codes screens the rows by sorting; only the rows whose mix
    repeats are compared exactly.
    """
    mix = np.zeros(len(codes[0]), dtype=np.uint64)
    for more in codes:  # in place, wrapping around: one array however many codes
        mix *= np.uint64(0x9E3779B97F4A7C15)
        mix += np.asarray(more, dtype=np.int64).view(np.uint64)
    maybe = np.flatnonzero(several_times(mix))
    out = np.zeros(len(mix), dtype=bool)
    out[maybe] = pd.DataFrame({i: c[maybe] for i, c in enumerate(codes)}).duplicated().to_numpy()
    return out


def several_times(values: np.ndarray) -> np.ndarray:
    """Whether each integer value occurs more than once in ``values``: by counting when they
    span a narrow range (as id codes do), else by sorting (no hashing).

    >>> several_times(np.array([4, 7, 4, -1])).tolist()
    [True, False, True, False]
    """
    narrow = _narrow_range(values)
    if narrow is not None:
        shifted = values.astype(np.int64, copy=False) - narrow[0]
        counted: np.ndarray = np.bincount(shifted)[shifted] > 1
        return counted
    ordered = np.sort(values)
    twice = ordered[1:][ordered[1:] == ordered[:-1]]
    return np.isin(values, twice) if len(twice) else np.zeros(len(values), dtype=bool)


def _narrow_range(*arrays: np.ndarray) -> tuple[int, int] | None:
    """The lowest and highest of integer ``arrays`` when they span a range not much wider
    than their number (a table indexed by value then costs less than hashing or sorting);
    ``None`` otherwise."""
    low = int(min(a.min(initial=0) for a in arrays))  # Python ints: no overflow
    high = int(max(a.max(initial=0) for a in arrays))
    return (low, high) if high - low <= 4 * sum(len(a) for a in arrays) else None


def among(codes: np.ndarray, universe: np.ndarray) -> np.ndarray:
    """Whether each integer code is one of ``universe``: through a table of flags when the
    codes span a range not much wider than their number (as id codes do), else by hashing.

    >>> among(np.array([3, -1, 7, 3]), np.array([7, 3, 3])).tolist()
    [True, False, True, True]
    """
    narrow = _narrow_range(codes, universe)
    if narrow is None:
        return pd.Series(codes, copy=False).isin(universe).to_numpy()
    low, high = narrow
    flags = np.zeros(high - low + 1, dtype=bool)
    flags[universe - low] = True
    found: np.ndarray = flags[codes - low]
    return found


def empty_issues() -> pd.DataFrame:
    """Return an issues table with no rows (a copy of one made once: building ten typed
    columns costs more than copying them)."""
    return _empty_issues().copy()


@functools.cache
def _empty_issues() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=STRING) for c in ISSUE_COLUMNS})
    frame["row"] = frame["row"].astype("Int64")
    return frame


#: Input names that stand for a canonical column: ``position_id`` is the row's id
#: (``staff_id``), ``filled`` the opposite of ``vacant``.
INPUT_ALIASES: dict[str, str] = {"position_id": "staff_id", "filled": "vacant"}
CANONICAL_NAMES: frozenset[str] = frozenset(
    {c for schema in TABLE_SCHEMAS.values() for c in schema}
    | set(LINK_ID_COLUMNS)
    | set(INPUT_ALIASES)
)
