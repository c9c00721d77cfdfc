"""A roster's people and links as integer codes, for the vectorised metrics.

The metrics work on the link table of a whole district or country at once. Joining
string ids (``school_id``, ``staff_id``) again and again is what made them slow, so the
ids are coded once per roster (:func:`coded`) and every count is a ``numpy`` pass over the
codes:

- a *node* is a ``(school_id, staff_id)`` pair; the staff rows are nodes ``0 .. n_staff-1``
  in the staff table's order (sorted by school and id), followed by any link end that is
  not on the staff table (a roster built without validation may have them);
- nodes are numbered in ``(school_id, staff_id)`` order, so tables built in node order are
  already sorted;
- ``lead`` and ``led`` give each link row's two nodes, ``relation`` its relation's code.

The coding is kept on the roster (rosters are never modified in place), so the metrics of
one roster share it.

Examples
--------
>>> import leadmodel as lm
>>> c = coded(lm.load_sample("green_dot"))
>>> c.n_staff == c.n == 46
True
>>> lead, led = c.edges(["develops"])
>>> c.names(lead[:1]).tolist()
[('S-GD', 'GD-A01')]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property, partial

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pandas.api.extensions import ExtensionArray

from leadmodel.errors import DefinitionError
from leadmodel.roles import ROLE_CATEGORY, TEACHING_ROLES
from leadmodel.roster import KeyCodes, Roster, checked_roster
from leadmodel.walks import distinct

__all__ = ["CodedRoster", "coded", "teachers_by_school"]


class CodedRoster:
    """Integer codes of one roster's people and links (see the module docstring)."""

    def __init__(self, roster: Roster) -> None:
        staff, links = roster.staff, roster.links
        n_staff = len(staff)
        # sorted codes: tables indexed by them have sorted levels, as pandas' label slicing needs
        coding = roster._keys if roster._keys is not None else KeyCodes.of(staff, links)
        schools, ids = coding.schools, coding.ids
        ends = (coding.staff_school, coding.staff_id, coding.link_school, coding.leader, coding.led)
        if any((codes < 0).any() for codes in ends):
            raise DefinitionError(
                "A staff row or link has no school_id or id; build the roster with "
                "leadmodel.read_roster, which reports missing values."
            )
        width = len(ids)  # a node's key: school * width + id
        staff_keys = coding.staff_school * width + coding.staff_id
        lead, led, keys = _nodes(
            staff_keys,
            coding.link_school * width + coding.leader,
            coding.link_school * width + coding.led,
        )
        self.schools = pd.Index(schools, name="school_id").astype("string")
        self.ids = pd.Index(ids, name="staff_id").astype("string")
        self.n_staff = n_staff
        self._staff = staff
        self._edges: dict[tuple[tuple[str, ...], bool], tuple[np.ndarray, np.ndarray]] = {}
        staff_node = np.arange(n_staff)
        if len(keys) > n_staff:  # link ends not on the staff table: put every node in order
            order = np.argsort(keys)  # sorted codes: key order is (school_id, id) order
            rank = np.empty_like(order)
            rank[order] = np.arange(len(order))
            staff_node, lead, led, keys = rank[:n_staff], rank[lead], rank[led], keys[order]
        self.n = len(keys)
        self.school, self.id = np.divmod(keys, width)
        self.staff_row = np.full(self.n, -1, dtype=np.int64)
        self.staff_row[staff_node] = np.arange(n_staff)
        self.lead, self.led = lead, led
        self.relation = coding.relation
        self.relations = [str(r) for r in coding.relations]
        self.role = self.staff_column("role")
        codes, roles = pd.factorize(self.role)  # each role looked up once; nan: no category
        found = [*(ROLE_CATEGORY.get(r, np.nan) for r in roles), np.nan]
        self.category = np.array(found, dtype=object)[codes]
        teaching = np.array([r in TEACHING_ROLES for r in roles] + [False])[codes]
        self.fte = self.staff_column("fte")
        #: People in each position: 0 for a vacancy, 2 for a job share, a group's headcount
        #: (1 where the staff table does not say, and for nodes not on it).
        incumbents = self.staff_column("incumbents")
        self.people = np.where(np.isnan(incumbents), 1, incumbents).astype(np.int64)
        #: Teaching positions someone holds: a vacant classroom is developed by nobody.
        self.teaches = teaching & (self.people > 0)

    def staff_column(self, name: str) -> np.ndarray:
        """The staff table's column ``name`` per node: numbers as floats (``nan`` where
        missing), anything else as objects (``None`` where missing, and for nodes not on
        the staff table)."""
        column = self._staff[name]
        numeric = pd.api.types.is_numeric_dtype(column)
        if numeric:
            values = column.to_numpy(dtype=np.float64, na_value=np.nan)
        else:  # each distinct text once, shared by the rows that hold it
            codes, uniques = pd.factorize(column)
            values = np.array([*uniques, None], dtype=object)[codes]
        if self.n == self.n_staff:
            return values
        out = np.full(self.n, np.nan if numeric else None, dtype=values.dtype)
        on_staff = self.staff_row >= 0
        out[on_staff] = values[self.staff_row[on_staff]]
        return out

    def links_of(self, relations: Sequence[str]) -> np.ndarray:
        """Mask of the link rows holding one of ``relations``."""
        wanted = np.array([r in relations for r in self.relations] + [False])
        chosen: np.ndarray = wanted[self.relation]  # a missing relation (-1) picks False
        return chosen

    def edges(
        self, relations: Sequence[str], *, held: bool = True
    ) -> tuple[np.ndarray, np.ndarray]:
        """The distinct ``(lead, led)`` node pairs linked by any of ``relations``, sorted.

        A vacant position leads nobody: its links are left out unless ``held=False`` (the
        structure of positions, as for ``span_positions`` and layers).
        """
        key = (tuple(relations), held)
        if key not in self._edges:  # kept: each metric asks for the same few relations
            chosen = self.links_of(relations)
            if held:
                chosen &= self._held
            lead, led = np.divmod(distinct(self._pairs[chosen]), self.n)
            lead.flags.writeable = led.flags.writeable = False  # shared: read only
            self._edges[key] = (lead, led)
        return self._edges[key]

    def names(self, nodes: np.ndarray, id_name: str = "leader_id") -> pd.MultiIndex:
        """The ``(school_id, id)`` index of ``nodes``; its levels are the roster's coded ids
        (shared, not copied), so :meth:`nodes_of` finds its nodes without hashing text."""
        return index_from_codes(
            [self.schools, self.ids], [self.school[nodes], self.id[nodes]], ["school_id", id_name]
        )

    def nodes_of(self, index: pd.Index) -> np.ndarray:
        """The nodes of a ``(school_id, id)`` index of this roster's people."""
        assert isinstance(index, pd.MultiIndex)
        if index.levels[0].array is self.schools.array and index.levels[1].array is self.ids.array:
            school, ident = index.codes[0], index.codes[1]  # an index from names(): coded already
            school, ident = school.astype(np.int64), ident.astype(np.int64)
        else:
            school = self.schools.get_indexer(index.levels[0])[index.codes[0]].astype(np.int64)
            ident = self.ids.get_indexer(index.levels[1])[index.codes[1]].astype(np.int64)
        found = (index.codes[0] >= 0) & (index.codes[1] >= 0) & (school >= 0) & (ident >= 0)
        nodes = self._find_nodes(school * len(self.ids) + ident)
        if not (found & (nodes >= 0)).all():
            raise DefinitionError("The index names people who are not in this roster.")
        return nodes

    @cached_property
    def _pairs(self) -> np.ndarray:
        """Each link's ``(lead, led)`` pair as one integer, ``lead * n + led``."""
        pairs: np.ndarray = self.lead * self.n + self.led
        return pairs

    @cached_property
    def _held(self) -> np.ndarray:
        """Mask of the links whose leading position someone holds."""
        held: np.ndarray = self.people[self.lead] > 0
        return held

    @cached_property
    def _find_nodes(self) -> Callable[[np.ndarray], np.ndarray]:
        """How to find the node of a ``school * len(ids) + id`` key."""
        return _finder(self.school * len(self.ids) + self.id)

    @cached_property
    def _id_text(self) -> pa.Array:
        return pa.array(self.ids.array, type=pa.string())

    def id_lists(self, lead: np.ndarray, led: np.ndarray) -> ExtensionArray:
        """Per node, the ids of its ``lead`` nodes joined by ``;`` in id order (``<NA>`` for
        none); ``(lead, led)`` must be sorted by ``led`` then ``lead``."""
        values = pc.take(self._id_text, pa.array(self.id[lead]))
        return joined_by_group(values, np.bincount(led, minlength=self.n), ";")


def index_from_codes(
    levels: list[pd.Index], codes: list[np.ndarray], names: list[str]
) -> pd.MultiIndex:
    """A ``MultiIndex`` from unique ``levels`` and integer ``codes`` into them (nothing to
    hash: the fast way to name rows already coded)."""
    return pd.MultiIndex(
        levels=levels,  # type: ignore[arg-type]  # pandas-stubs want sequences; Index is one
        codes=codes,  # type: ignore[arg-type]
        names=names,
        verify_integrity=False,
    )


def joined_by_group(
    values: pa.Array | np.ndarray, counts: np.ndarray, separator: str
) -> ExtensionArray:
    """Texts joined group by group: group ``g`` joins the next ``counts[g]`` of ``values``
    (``<NA>`` for an empty group).

    >>> joined_by_group(np.array(["a", "b", "c"], dtype=object), np.array([2, 0, 1]), ";")
    <ArrowStringArray>
    ['a;b', <NA>, 'c']
    Length: 3, dtype: string
    """
    offsets = pa.array(np.concatenate([[0], np.cumsum(counts)]).astype(np.int32))
    lists = pa.ListArray.from_arrays(offsets, pa.array(values, type=pa.string()))
    joined = pc.if_else(pa.array(counts > 0), pc.binary_join(lists, separator), None)
    out: ExtensionArray = pd.array(joined, dtype="string")
    return out


def _nodes(
    staff: np.ndarray, lead: np.ndarray, led: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The nodes of the link ends keyed ``lead`` and ``led``, and the key of each node, from
    the keys of the staff rows (``staff``), which are nodes ``0 .. n_staff-1``; link ends not
    on the staff table follow in order of appearance."""
    find = _finder(staff)
    lead_node, led_node = find(lead), find(led)
    if (lead_node >= 0).all() and (led_node >= 0).all():  # a validated roster: all on staff
        return lead_node, led_node, staff
    node, uniques = pd.factorize(np.concatenate([staff, lead, led]))  # staff rows first
    n_staff, n_links = len(staff), len(lead)
    return node[n_staff : n_staff + n_links], node[n_staff + n_links :], np.asarray(uniques)


def _finder(keys: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """How to find the position of keys among ``keys`` (-1 where absent): a binary search when
    they are in order, as a roster's staff are; one hash table for a staff table a user
    reordered."""
    if np.all(keys[1:] > keys[:-1]):
        return partial(positions, keys)
    index = pd.Index(keys)
    if not index.is_unique:
        raise DefinitionError(
            "The staff table repeats a (school_id, staff_id) pair; build the roster with "
            "leadmodel.read_roster, which reports repeated ids."
        )
    return lambda wanted: np.asarray(index.get_indexer(pd.Index(wanted)))


def positions(ordered: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """The position of each of ``wanted`` in the strictly increasing ``ordered`` (-1 where
    it is not there): a binary search, with no hash table to build.

    >>> positions(np.array([2, 5, 9]), np.array([9, 3, 2, 10])).tolist()
    [2, -1, 0, -1]
    """
    at = np.searchsorted(ordered, wanted)
    inside = at < len(ordered)
    inside[inside] = ordered[at[inside]] == wanted[inside]
    found: np.ndarray = np.where(inside, at, -1)
    return found


def coded(roster: Roster) -> CodedRoster:
    """The integer coding of ``roster`` (computed once per roster and kept on it)."""
    cached = checked_roster(roster)._coded
    if cached is None:
        cached = CodedRoster(roster)
        roster._coded = cached
    assert isinstance(cached, CodedRoster)
    return cached


def teachers_by_school(roster: Roster, relation: str | None = None) -> pd.Series:
    """Teachers per school id, as people (a vacancy none, a job share two); with
    ``relation``, those someone in a held position holds it to (a vacancy leads nobody).

    >>> import leadmodel as lm
    >>> green_dot = lm.load_sample("green_dot")  # 29 teachers and 4 chairs, none vacant
    >>> teachers_by_school(green_dot).tolist(), teachers_by_school(green_dot, "develops").tolist()
    ([33], [33])
    """
    c = coded(roster)
    people = np.where(c.teaches, c.people, 0)
    if relation is not None:
        reached = np.zeros(c.n, dtype=bool)
        reached[c.edges([relation])[1]] = True
        people = np.where(reached, people, 0)
    per = np.bincount(c.school, people, minlength=len(c.schools)).astype(np.int64)
    return pd.Series(per, index=c.schools, name="teachers")
