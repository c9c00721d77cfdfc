"""Matching snapshots by id: the rule, the checks that ids did not change unseen, and codes.

A series of rosters is matched by id only (:mod:`leadmodel.readers.series`). This module
decides which id identifies a person (``person_id`` in position files, ``staff_id`` in files
of people), checks the ids an analyst declares changed, reports ids that look changed
(``id_variant``, ``possible_id_change``), and numbers every school, position and person of
every snapshot once (:class:`SeriesCodes`), so that comparing snapshots is integer work:
what makes three snapshots of a city of 100,000 staff compare in seconds.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from leadmodel.errors import DefinitionError
from leadmodel.readers.issues import IssueLog, id_key, name_list, unnumbered
from leadmodel.roster import STRING, Roster, member
from leadmodel.walks import distinct

__all__ = [
    "ID_CHANGE_KINDS",
    "SeriesCodes",
    "code_series",
    "declared_changes",
    "joined_codes",
    "joined_values",
    "people_rule",
    "report_possible_changes",
    "report_variants",
    "split_people",
    "texts",
]

#: Kinds of id an analyst can declare changed in ``id_changes``.
ID_CHANGE_KINDS: tuple[str, ...] = ("person", "school")


def iso(when: date | pd.Timestamp) -> str:
    """A date as ISO text (``2014-08-18``)."""
    return when.strftime("%Y-%m-%d")


def renames(id_changes: pd.DataFrame, kind: str) -> dict[str, str]:
    """The declared changes of one kind as ``{old: new}``."""
    chosen = id_changes[(id_changes["kind"] == kind).to_numpy(dtype=bool)]
    return dict(zip(chosen["old_id"], chosen["new_id"], strict=True))


def renamed(ids: pd.Series, changes: Mapping[str, str]) -> pd.Series:
    """``ids`` as text with the declared changes applied (nothing to do without any)."""
    text = ids.astype(STRING)
    return text.replace(dict(changes)) if changes else text


def joined_values(frame: pd.DataFrame, keys: list[str], column: str) -> pd.Series:
    """Per distinct ``keys``, the distinct values of ``column``, sorted and ``;``-separated.

    Indexed by ``keys`` (sorted). Groups of one value take it as it is, without a Python
    call, so a table where most groups have one value is joined in a few vector steps.

    >>> frame = pd.DataFrame({"k": ["a", "b", "a", "a"], "v": ["y", "z", "x", "y"]})
    >>> joined_values(frame, ["k"], "v").to_dict()
    {'a': 'x;y', 'b': 'z'}
    """
    pairs = frame[[*keys, column]].drop_duplicates()
    pairs = pairs.sort_values([*keys, column], kind="mergesort", ignore_index=True)
    values = pairs[column].astype(object).to_numpy()
    if len(pairs):
        codes = pairs.groupby(keys, sort=False).ngroup().to_numpy()
        starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    else:
        starts = np.zeros(0, dtype=np.int64)
    ends = np.r_[starts[1:], len(pairs)].astype(np.int64)
    joined = values[starts].copy()
    for i in np.flatnonzero(ends - starts > 1):
        joined[i] = ";".join(str(v) for v in values[starts[i] : ends[i]])
    firsts = pairs.iloc[starts]
    index = pd.MultiIndex.from_frame(firsts[keys]) if len(keys) > 1 else pd.Index(firsts[keys[0]])
    return pd.Series(joined, index=index, dtype=STRING, name=column)


def texts(index: pd.Index, codes: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """The texts of ``index`` at ``codes`` (-1: missing), as a string array."""
    values: pd.api.extensions.ExtensionArray = pd.Series(index, dtype=STRING).array
    taken: pd.api.extensions.ExtensionArray = values.take(
        np.asarray(codes, dtype=np.int64), allow_fill=True
    )
    return taken


def joined_codes(keys: np.ndarray, values: np.ndarray, names: pd.Index) -> pd.Series:
    """Per distinct key, the texts (``names``) of its distinct value codes, ``;``-separated in
    code order, indexed by key (sorted).

    Codes number ``names`` in sorted order, so code order is text order. Keys with one value
    take its text by one vector step; only keys with several are joined in Python.

    >>> joined_codes(np.array([3, 1, 3, 3]), np.array([1, 0, 0, 1]), pd.Index(["a", "b"])).to_dict()
    {1: 'a', 3: 'a;b'}
    """
    order = np.lexsort((values, keys))
    k, v = keys[order], values[order]
    if len(k):
        keep = np.r_[True, (k[1:] != k[:-1]) | (v[1:] != v[:-1])]
        k, v = k[keep], v[keep]
    starts = np.flatnonzero(np.r_[True, k[1:] != k[:-1]]) if len(k) else np.zeros(0, np.int64)
    ends = np.r_[starts[1:], len(k)].astype(np.int64)
    out = texts(names, v[starts])
    several = np.flatnonzero(ends - starts > 1)
    if len(several):
        words = names.to_numpy(dtype=object)
        out[several] = [";".join(words[v[starts[i] : ends[i]]]) for i in several]
    return pd.Series(out, index=pd.Index(k[starts]))


# ----------------------------------------------------------------------------- who is a person


def people_rule(rosters: Mapping[date, Roster], notes: IssueLog) -> str:
    """``person_id`` when any snapshot gives one (position files), else ``staff_id``.

    A snapshot without any ``person_id`` beside snapshots with them cannot be matched: its
    staff ids are position numbers, the others' people ids (``ids_not_comparable``, an
    error). Filled positions of a position file with no ``person_id`` are reported
    (``unknown_person``, a warning): who holds them cannot be followed.
    """
    given = {
        when: roster.staff["person_id"].notna().to_numpy(dtype=bool)
        for when, roster in rosters.items()
    }
    if not any(g.any() for g in given.values()):
        return "staff_id"
    with_ids = [iso(d) for d, g in given.items() if g.any()]
    for when, roster in rosters.items():
        filled = ~roster.staff["vacant"].fillna(False).to_numpy(dtype=bool)
        if not given[when].any() and filled.any():
            notes.file_error(
                f"staff@{iso(when)}",
                "ids_not_comparable",
                f"The roster of {iso(when)} gives no person_id, while the rosters of "
                f"{name_list(with_ids)} do: its staff ids cannot be matched with their people.",
                "Give person_id in every snapshot (the incumbent's id beside the position "
                "number), or in none.",
                field="person_id",
            )
            continue
        unknown = filled & ~given[when]
        if unknown.any():
            notes.add(
                f"staff@{iso(when)}",
                unnumbered(roster.staff[unknown]),
                code="unknown_person",
                field="person_id",
                severity="warning",
                message="Position {staff_id!r} is filled but names no person_id: who holds it "
                "cannot be followed from one snapshot to the next.",
                fix="Give the incumbent's person_id, or mark the position vacant.",
            )
    return "person_id"


def split_people(staff: pd.DataFrame, key: str) -> pd.DataFrame:
    """The people of each filled position: ``row`` (the staff row's number), ``person`` (the id
    as written) and ``name`` (only for a position with one holder).

    In a position file a job share's ``person_id`` holds its incumbents ``;``-separated; only
    those values are split, so a file without job shares costs no per-row Python.
    """
    filled = ~staff["vacant"].fillna(False).to_numpy(dtype=bool)
    if key == "person_id":
        filled &= staff["person_id"].notna().to_numpy(dtype=bool)
    rows = np.flatnonzero(filled)
    ids = staff[key].iloc[rows].astype(STRING)
    names = staff["name"].iloc[rows].astype(STRING)
    shared = ids.str.contains(";", regex=False).fillna(False).to_numpy(dtype=bool)
    out = pd.DataFrame(
        {"row": rows[~shared], "person": ids[~shared].to_numpy(), "name": names[~shared].to_numpy()}
    )
    if shared.any():
        parts = ids[shared].str.split(";")
        extra = pd.DataFrame({"row": rows[shared], "person": parts.to_numpy()}).explode("person")
        extra["person"] = extra["person"].astype(STRING).str.strip()
        extra["name"] = pd.NA
        out = pd.concat([out, extra], ignore_index=True).sort_values("row", kind="mergesort")
    return out.reset_index(drop=True).astype({"person": STRING, "name": STRING})


# ----------------------------------------------------------------------------- declared changes


def declared_changes(
    id_changes: Mapping[str, Mapping[str, str]] | None,
    rosters: Mapping[date, Roster],
    people: Mapping[date, pd.DataFrame],
) -> pd.DataFrame:
    """The declared id changes as a table (``kind``, ``old_id``, ``new_id``, ``last_seen``,
    ``first_seen``), each checked against the snapshots; a change the snapshots contradict
    raises :class:`~leadmodel.DefinitionError`."""
    columns = ["kind", "old_id", "new_id", "last_seen", "first_seen"]
    if not id_changes:
        return pd.DataFrame({c: pd.Series(dtype=STRING) for c in columns})
    if not isinstance(id_changes, Mapping):
        raise DefinitionError("id_changes must be a mapping such as {'person': {'old': 'new'}}.")
    unknown = sorted(set(id_changes) - set(ID_CHANGE_KINDS))
    if unknown:
        raise DefinitionError(f"id_changes has kinds {unknown}; use {', '.join(ID_CHANGE_KINDS)}.")
    seen = {
        "person": {
            when: pd.Index(frame["person"].dropna().unique()) for when, frame in people.items()
        },
        "school": {when: pd.Index(r.schools["school_id"]) for when, r in rosters.items()},
    }
    rows = []
    for kind, pairs in id_changes.items():
        if not isinstance(pairs, Mapping):
            raise DefinitionError(f"id_changes[{kind!r}] must map old ids to new ids.")
        news = {str(v) for v in pairs.values()}
        for old, new in pairs.items():
            if str(old) in news:
                raise DefinitionError(
                    f"id_changes[{kind!r}] renames {old!r}, which is itself a new id: give the "
                    "chain as one change from the first id to the last."
                )
            rows.append([kind, *_checked_change(kind, str(old), str(new), seen[kind])])
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["kind", "old_id"], kind="mergesort", ignore_index=True).astype(STRING)


def _checked_change(kind: str, old: str, new: str, seen: Mapping[date, pd.Index]) -> list[str]:
    """``[old, new, last_seen, first_seen]`` for a declared change that the snapshots allow."""
    with_old = [when for when, ids in seen.items() if old in ids]
    with_new = [when for when, ids in seen.items() if new in ids]
    where = f"id_changes[{kind!r}] {old!r} -> {new!r}"
    if not with_old or not with_new:
        missing = old if not with_old else new
        raise DefinitionError(f"{where}: no snapshot has the {kind} id {missing!r}.")
    both = sorted(set(with_old) & set(with_new))
    if both:
        raise DefinitionError(
            f"{where}: both ids are on the snapshot of {iso(both[0])}, so they are two "
            f"{kind}s, not one whose id changed."
        )
    if max(with_old) > min(with_new):
        raise DefinitionError(
            f"{where}: the old id is still on the snapshot of {iso(max(with_old))}, after the "
            f"new one appears ({iso(min(with_new))})."
        )
    return [old, new, iso(max(with_old)), iso(min(with_new))]


# ----------------------------------------------------------------------------- ids that changed


def report_variants(
    rosters: Mapping[date, Roster],
    people: Mapping[date, pd.DataFrame],
    key: str,
    changes: pd.DataFrame,
    notes: IssueLog,
) -> None:
    """``id_variant`` warnings: an id written one way on some snapshots and another way on
    others (letter case, Unicode form, invisible characters), never merged."""
    kinds = {
        "person": (key, {when: frame["person"] for when, frame in people.items()}),
        "school": ("school_id", {when: r.schools["school_id"] for when, r in rosters.items()}),
    }
    for kind, (field, ids) in kinds.items():
        declared = set(changes.loc[(changes["kind"] == kind).to_numpy(dtype=bool), "old_id"])
        seen = pd.concat(
            [
                pd.DataFrame({"when": when, "id": pd.unique(values.dropna())})
                for when, values in ids.items()
            ],
            ignore_index=True,
        ).astype({"id": STRING})
        seen["key"] = id_key(seen["id"])
        forms = seen.drop_duplicates(["key", "id"])
        several = forms["key"].duplicated(keep=False).to_numpy(dtype=bool)
        suspects = seen[member(seen["key"], forms.loc[several, "key"]).to_numpy(dtype=bool)]
        for _, group in suspects.groupby("key", sort=True):
            spellings: dict[str, list[date]] = {
                str(text): sorted(g["when"]) for text, g in group.groupby("id", sort=True)
            }
            if not declared & set(spellings):
                _variant_note(kind, field, spellings, notes)


def _variant_note(kind: str, field: str, forms: Mapping[str, list[date]], notes: IssueLog) -> None:
    ordered = sorted(forms.items(), key=lambda item: (min(item[1]), item[0]))
    described = "; ".join(f"{text!r} on {name_list(map(iso, days))}" for text, days in ordered)
    first, *later = ordered
    table = "schools" if kind == "school" else "staff"
    for text, days in later:
        notes.add(
            f"{table}@{iso(min(days))}",
            pd.DataFrame({"_row": [pd.NA], "staff_id": [None if kind == "school" else text]}),
            code="id_variant",
            field=field,
            value=pd.Series([first[0]]),
            severity="warning",
            message=f"The {kind} id is written differently across snapshots ({described}); "
            "the spellings are matched as different ids.",
            fix=f"Write the id one way in every snapshot, or declare the change: "
            f"id_changes={{'{kind}': {{{first[0]!r}: {text!r}}}}}.",
            literal=True,
        )


def report_possible_changes(
    rosters: Mapping[date, Roster],
    people: Mapping[date, pd.DataFrame],
    key: str,
    changes: pd.DataFrame,
    notes: IssueLog,
) -> None:
    """``possible_id_change`` warnings: between consecutive snapshots, a person (or school)
    that leaves while another of the same name arrives. Reported, not matched."""
    declared = set(zip(changes["old_id"], changes["new_id"], strict=True))
    named = {
        "person": {
            when: frame.rename(columns={"person": "id"})[["id", "name"]]
            for when, frame in people.items()
        },
        "school": {
            when: r.schools.rename(columns={"school_id": "id"})[["id", "name"]]
            for when, r in rosters.items()
        },
    }
    for before, after in itertools.pairwise(rosters):
        for kind, frames in named.items():
            old, new = frames[before], frames[after]
            gone = old[~member(old["id"], pd.Index(new["id"].dropna().unique())).to_numpy()]
            came = new[~member(new["id"], pd.Index(old["id"].dropna().unique())).to_numpy()]
            pairs = _same_name(gone, came)
            undeclared = [
                (o, n) not in declared for o, n in zip(pairs["old"], pairs["new"], strict=True)
            ]
            pairs = pairs[undeclared].reset_index(drop=True)
            _possible_change_note(kind, key, pairs, before, after, notes)


def _same_name(gone: pd.DataFrame, came: pd.DataFrame) -> pd.DataFrame:
    """Pairs of a leaving and an arriving id whose names are equal once case-folded."""
    gone = gone.dropna(subset=["name"])
    came = came.dropna(subset=["name"])
    gone = gone.assign(_name=gone["name"].str.strip().str.casefold())
    came = came.assign(_name=came["name"].str.strip().str.casefold())
    pairs = (
        gone[["id", "name", "_name"]]
        .drop_duplicates()
        .merge(came[["id", "_name"]].drop_duplicates(), on="_name", suffixes=("_old", "_new"))
    )
    out = pd.DataFrame({"old": pairs["id_old"], "new": pairs["id_new"], "name": pairs["name"]})
    return out.sort_values(["new", "old"], kind="mergesort", ignore_index=True)


def _possible_change_note(
    kind: str, key: str, pairs: pd.DataFrame, before: date, after: date, notes: IssueLog
) -> None:
    table = "schools" if kind == "school" else "staff"
    field = "school_id" if kind == "school" else key
    for i in range(len(pairs)):
        old, new, name = pairs.loc[i, "old"], pairs.loc[i, "new"], pairs.loc[i, "name"]
        notes.add(
            f"{table}@{iso(after)}",
            pd.DataFrame({"_row": [pd.NA], "staff_id": [None if kind == "school" else new]}),
            code="possible_id_change",
            field=field,
            value=pd.Series([old]),
            severity="warning",
            message=f"The {kind} {old!r} ({name!r}) is on the snapshot of {iso(before)} and "
            f"not after, and {new!r} of the same name arrives on {iso(after)}: perhaps one "
            f"{kind} whose id changed. They are not matched.",
            fix=f"If they are one {kind}, declare it: id_changes={{'{kind}': "
            f"{{{old!r}: {new!r}}}}}; otherwise nothing to do.",
            literal=True,
        )


# ----------------------------------------------------------------------------- codes


def lookup(index: pd.Index, values: pd.Series | pd.Index | np.ndarray) -> np.ndarray:
    """The place of each of ``values`` in ``index`` (-1 when absent or missing), hashing each
    distinct value once: ids repeat (a school's id on every link), so this is much less work
    than looking every value up."""
    codes, distinct = pd.factorize(pd.Series(values, dtype=STRING))
    places = index.get_indexer(pd.Index(distinct, dtype=STRING)).astype(np.int64)
    return np.where(codes >= 0, places[np.clip(codes, 0, None)], -1) if len(places) else codes


@dataclass(frozen=True)
class SeriesCodes:
    """Every school, position and person of a series numbered once, and the snapshots' rows
    in those numbers.

    Attributes
    ----------
    schools : pandas.Index
        The matched school ids, sorted; a school's code is its place here.
    staff_ids : pandas.Index
        The matched staff ids (positions), sorted.
    positions : numpy.ndarray
        Each position's ``school code x len(staff_ids) + staff id code``, sorted: a position's
        code is its place here.
    persons : pandas.Index
        The matched person ids, sorted.
    staff : pandas.DataFrame
        One row per position per snapshot: ``snapshot`` (the snapshot's place in the series),
        ``position``, ``school``, ``role``, ``fte``, ``vacant``, ``incumbents``.
    people : pandas.DataFrame
        One row per person per position per snapshot: ``snapshot``, ``position``, ``school``,
        ``person``, ``role``, ``fte`` (the position's, shared equally by a job share),
        ``person_id`` (as written on that snapshot), ``name``.
    links : pandas.DataFrame
        One row per link per snapshot: ``snapshot``, ``school``, ``leader`` and ``staff``
        (positions), ``relation``.
    """

    schools: pd.Index
    staff_ids: pd.Index
    positions: np.ndarray
    persons: pd.Index
    staff: pd.DataFrame
    people: pd.DataFrame
    links: pd.DataFrame

    def position_ids(
        self, codes: np.ndarray
    ) -> tuple[pd.api.extensions.ExtensionArray, pd.api.extensions.ExtensionArray]:
        """The ``(school_id, staff_id)`` texts of position codes."""
        combined = self.positions[codes]
        width = len(self.staff_ids)
        return texts(self.schools, combined // width), texts(self.staff_ids, combined % width)

    def school_of(self, positions: np.ndarray) -> np.ndarray:
        """The school codes of position codes."""
        return np.asarray(self.positions[positions] // len(self.staff_ids), dtype=np.int64)

    def position_of(self, schools: pd.Series, staff_ids: pd.Series) -> np.ndarray:
        """The codes of positions given by matched texts (-1 for a position not in the series)."""
        school = lookup(self.schools, schools)
        staff = lookup(self.staff_ids, staff_ids)
        combined = school * len(self.staff_ids) + staff
        found = np.searchsorted(self.positions, combined)
        found = np.clip(found, 0, max(len(self.positions) - 1, 0))
        known = (school >= 0) & (staff >= 0) & (self.positions[found] == combined)
        return np.where(known, found, -1)


def code_series(
    rosters: Mapping[date, Roster],
    people: Mapping[date, pd.DataFrame],
    key: str,
    id_changes: pd.DataFrame,
) -> SeriesCodes:
    """Number every school, position and person of the snapshots once (after the declared
    id changes): the codes every comparison works in."""
    schools_renamed = renames(id_changes, "school")
    persons_renamed = renames(id_changes, "person")
    positions_renamed = persons_renamed if key == "staff_id" else {}
    staffs = [r.staff for r in rosters.values()]
    school_text = pd.concat([renamed(s["school_id"], schools_renamed) for s in staffs])
    staff_text = pd.concat([renamed(s["staff_id"], positions_renamed) for s in staffs])
    school_listed = pd.concat(
        [renamed(r.schools["school_id"], schools_renamed) for r in rosters.values()]
    )
    schools = pd.Index(pd.unique(pd.concat([school_listed, school_text])), dtype=STRING)
    schools = schools.sort_values()
    staff_ids = pd.Index(pd.unique(staff_text), dtype=STRING).sort_values()
    school_code = lookup(schools, school_text)
    combined = school_code * len(staff_ids) + lookup(staff_ids, staff_text)
    positions = distinct(combined)
    sizes = [len(s) for s in staffs]
    snapshot = np.repeat(np.arange(len(staffs), dtype=np.int64), sizes)
    staff = pd.DataFrame(
        {
            "snapshot": snapshot,
            "position": np.searchsorted(positions, combined),
            "school": school_code,
            "role": pd.concat([s["role"] for s in staffs], ignore_index=True).astype(STRING),
            "fte": pd.concat([s["fte"] for s in staffs], ignore_index=True).astype("Float64"),
            "vacant": pd.concat([s["vacant"] for s in staffs], ignore_index=True)
            .fillna(False)
            .to_numpy(dtype=bool),
            "incumbents": pd.concat([s["incumbents"] for s in staffs], ignore_index=True),
        }
    )
    offsets = np.r_[0, np.cumsum(sizes)[:-1]].astype(np.int64)
    held = pd.concat(
        [frame.assign(snapshot=i) for i, frame in enumerate(people.values())], ignore_index=True
    )
    rows = held["row"].to_numpy(dtype=np.int64) + offsets[held["snapshot"].to_numpy()]
    person_text = renamed(held["person"], persons_renamed)
    persons = pd.Index(pd.unique(person_text.dropna()), dtype=STRING).sort_values()
    holders = staff["incumbents"].fillna(1).clip(lower=1).to_numpy(dtype=float)[rows]
    coded_people = pd.DataFrame(
        {
            "snapshot": held["snapshot"].to_numpy(dtype=np.int64),
            "position": staff["position"].to_numpy()[rows],
            "school": school_code[rows],
            "person": lookup(persons, person_text),
            "role": staff["role"].array[rows],
            "fte": staff["fte"].array[rows] / holders,
            "person_id": held["person"].array,
            "name": held["name"].array,
        }
    )
    codes = SeriesCodes(schools, staff_ids, positions, persons, staff, coded_people, _no_links())
    links = _coded_links(codes, rosters, schools_renamed, positions_renamed)
    return SeriesCodes(schools, staff_ids, positions, persons, staff, coded_people, links)


def _no_links() -> pd.DataFrame:
    return pd.DataFrame(
        {c: pd.Series(dtype=np.int64) for c in ("snapshot", "school", "leader", "staff")}
    ).assign(relation=pd.Series(dtype=STRING))


def _coded_links(
    codes: SeriesCodes,
    rosters: Mapping[date, Roster],
    schools_renamed: Mapping[str, str],
    positions_renamed: Mapping[str, str],
) -> pd.DataFrame:
    parts = []
    for i, roster in enumerate(rosters.values()):
        links = roster.links
        school = renamed(links["school_id"], schools_renamed)
        leader = renamed(links["leader_id"], positions_renamed)
        member_ = renamed(links["staff_id"], positions_renamed)
        parts.append(
            pd.DataFrame(
                {
                    "snapshot": np.full(len(links), i, dtype=np.int64),
                    "school": lookup(codes.schools, school),
                    "leader": codes.position_of(school, leader),
                    "staff": codes.position_of(school, member_),
                    "relation": links["relation"].astype(STRING).to_numpy(),
                }
            )
        )
    return pd.concat([_no_links(), *parts], ignore_index=True) if parts else _no_links()
