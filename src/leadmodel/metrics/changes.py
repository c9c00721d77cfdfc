"""What changed between two snapshots of a district: people, positions, development, spans.

:func:`changes` compares snapshots of a :class:`~leadmodel.readers.series.RosterSeries` (each
one with the next, or two chosen ones) and returns tidy tables, one row per thing that could
have changed, each starting with ``from_date`` and ``to_date``:

``people``
    every person on either snapshot: joined, left or stayed; whether they moved between
    schools or changed role;
``positions``
    every position on either: opened, closed, vacated, filled, a new incumbent;
``continuity``
    every teacher on either: whether they kept their developer and their evaluator (the
    same person), and why not;
``spans``
    every leader position on either: its span before and after;
``schools`` and ``district``
    the same counted per school and for the district.

What cannot be compared is missing, never zero or false: a teacher who is on one snapshot
only has no "kept their developer" (they were not there to keep one), a person who joined
did not "move". Matching is by id, as the series records it (``series.matching``).

Examples
--------
>>> import pandas as pd
>>> import leadmodel as lm
>>> def year(lead, *teachers):
...     return lm.read_roster(pd.DataFrame({
...         "staff_id": ["P1", "A1", *teachers], "school_id": "S1",
...         "role": ["principal", "assistant_principal"] + ["teacher"] * len(teachers),
...         "developer_id": [None, "P1"] + [lead] * len(teachers)}))
>>> series = lm.read_rosters({"2014-08-18": year("P1", "T1", "T2"),
...                           "2015-08-17": year("A1", "T2", "T3")})
>>> found = lm.changes(series)
>>> found.people[["person_id", "status"]].values.tolist()
[['A1', 'stayed'], ['P1', 'stayed'], ['T1', 'left'], ['T2', 'stayed'], ['T3', 'joined']]
>>> found.continuity.set_index("person_id")["developer_status"].to_dict()
{'T1': 'not_in_both', 'T2': 'changed', 'T3': 'not_in_both'}
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from leadmodel.errors import DefinitionError
from leadmodel.metrics.spans import span_of_control
from leadmodel.readers.log import DateLike, as_date
from leadmodel.readers.matching import SeriesCodes, joined_codes, texts
from leadmodel.readers.series import ROLE_RANK, RosterSeries
from leadmodel.roles import TEACHING_ROLES
from leadmodel.roster import STRING
from leadmodel.walks import distinct

__all__ = ["CONTINUITY_STATUS", "POSITION_CHANGES", "Changes", "changes", "snapshot_pairs"]

#: A position's change between two snapshots, in the order tables list them.
POSITION_CHANGES: tuple[str, ...] = (
    "opened",
    "closed",
    "vacated",
    "filled",
    "new_incumbent",
    "unknown_incumbent",
    "still_vacant",
    "unchanged",
)
#: A teacher's continuity with a leader (developer or evaluator) between two snapshots.
CONTINUITY_STATUS: tuple[str, ...] = ("kept", "changed", "lost", "gained", "none", "not_in_both")
#: Why a teacher did not keep a leader, checked in this order.
CHANGE_REASONS: tuple[str, ...] = (
    "teacher_moved",
    "teacher_role_changed",
    "leader_left",
    "leader_moved",
    "reassigned",
)
_LEADERS = {"developer": "develops", "evaluator": "evaluates"}


@dataclass(frozen=True)
class Changes:
    """What changed between snapshots: tidy tables, each starting with ``from_date`` and
    ``to_date`` (columns in ``docs/glossary.md``)."""

    people: pd.DataFrame
    positions: pd.DataFrame
    continuity: pd.DataFrame
    spans: pd.DataFrame
    schools: pd.DataFrame
    district: pd.DataFrame

    @property
    def joiners(self) -> pd.DataFrame:
        """People on the later snapshot and not the earlier (new to the district)."""
        return self.people[self.people["status"] == "joined"]

    @property
    def leavers(self) -> pd.DataFrame:
        """People on the earlier snapshot and not the later (gone from the district)."""
        return self.people[self.people["status"] == "left"]

    @property
    def moves(self) -> pd.DataFrame:
        """People on both whose schools differ."""
        return self.people[self.people["moved"].fillna(False).to_numpy(dtype=bool)]

    @property
    def role_changes(self) -> pd.DataFrame:
        """People on both whose main role differs."""
        return self.people[self.people["role_changed"].fillna(False).to_numpy(dtype=bool)]

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by name (``changes_people``, ...), for export."""
        names = ("people", "positions", "continuity", "spans", "schools", "district")
        return {f"changes_{name}": getattr(self, name) for name in names}


def snapshot_pairs(
    series: RosterSeries, between: tuple[DateLike, DateLike] | None = None
) -> list[tuple[date, date]]:
    """The pairs of snapshots to compare: each with the next, or the two ``between`` names.

    >>> import leadmodel as lm
    >>> years = lm.load_sample("district_years").series
    >>> [(str(a), str(b)) for a, b in snapshot_pairs(years, ("2013-08-19", "2015-08-17"))]
    [('2013-08-19', '2015-08-17')]
    """
    if between is None:
        if len(series) < 2:
            raise DefinitionError("Comparing needs two snapshots; the series has one.")
        return list(zip(series.dates, series.dates[1:], strict=False))
    try:
        first, last = between
    except (TypeError, ValueError):
        raise DefinitionError(
            "between must be a pair of snapshot dates (earlier, later)."
        ) from None
    pair = (as_date(first, "between[0]"), as_date(last, "between[1]"))
    for day in pair:
        series[day]  # raises, naming the snapshots, when no snapshot has that date
    if pair[0] >= pair[1]:
        raise DefinitionError(f"between must name an earlier snapshot first: {pair[0]}, {pair[1]}.")
    return [pair]


def changes(
    series: RosterSeries,
    *,
    between: tuple[DateLike, DateLike] | None = None,
    relation: str = "develops",
) -> Changes:
    """What changed between snapshots: people, positions, teachers' leaders, spans.

    Parameters
    ----------
    series
        What :func:`~leadmodel.read_rosters` returned.
    between
        Two snapshot dates to compare (earlier, later); by default each snapshot with the
        next, all pairs in one table (``from_date``, ``to_date``).
    relation
        The relation the ``spans`` table counts (default ``"develops"``).

    Returns
    -------
    Changes
        Tables ``people``, ``positions``, ``continuity``, ``spans``, ``schools`` and
        ``district`` (columns in ``docs/glossary.md``), and the views ``joiners``,
        ``leavers``, ``moves`` and ``role_changes`` of ``people``.

    Raises
    ------
    DefinitionError
        For a series of one snapshot, or ``between`` naming dates that are not snapshots.
    """
    place = {day: k for k, day in enumerate(series.dates)}
    snapshots: dict[int, _Snapshot] = {}
    parts: dict[str, list[pd.DataFrame]] = {name: [] for name in _TABLES}
    for before, after in snapshot_pairs(series, between):
        for day in (before, after):
            if place[day] not in snapshots:
                snapshots[place[day]] = _Snapshot.of(series, place[day], relation)
        step = _Step(series, snapshots[place[before]], snapshots[place[after]])
        for name in _TABLES:
            parts[name].append(_dated(getattr(step, name)(), before, after))
    return Changes(**{name: pd.concat(frames, ignore_index=True) for name, frames in parts.items()})


_TABLES = ("people", "positions", "continuity", "spans", "schools", "district")


def _dated(frame: pd.DataFrame, before: date, after: date) -> pd.DataFrame:
    out = frame.reset_index(drop=True)
    out.insert(0, "to_date", pd.Timestamp(after))
    out.insert(0, "from_date", pd.Timestamp(before))
    return out


def _on(frame: pd.DataFrame, k: int) -> pd.DataFrame:
    """The rows of a coded table on snapshot ``k``."""
    rows: pd.DataFrame = frame[frame["snapshot"].to_numpy() == k]
    return rows


@dataclass(frozen=True)
class _Snapshot:
    """One snapshot in codes: its staff and people rows, each person's main position, the
    ``(person, school)`` pairs, the leader pairs of each relation followed, and its spans."""

    k: int
    staff: pd.DataFrame
    people: pd.DataFrame
    view: pd.DataFrame
    pairs: np.ndarray
    leaders: dict[str, pd.DataFrame]
    spans: pd.Series

    @classmethod
    def of(cls, series: RosterSeries, k: int, relation: str) -> _Snapshot:
        codes = series.codes
        people = _on(codes.people, k)
        pairs = distinct(
            people["person"].to_numpy() * len(codes.schools) + people["school"].to_numpy()
        )
        leaders = {noun: _leader_pairs(codes, k, rel) for noun, rel in _LEADERS.items()}
        return cls(
            k,
            _on(codes.staff, k),
            people,
            _person_view(people),
            pairs,
            leaders,
            _leader_spans(series, k, relation),
        )


def _person_view(people: pd.DataFrame) -> pd.DataFrame:
    """One row per person (by code): main school, role and position, FTE, whether they teach.

    The main position is the one with the most FTE, then the most senior role (the role
    catalogue's order), then by school and position (codes number both in sorted order).
    """
    person = people["person"].to_numpy()
    school = people["school"].to_numpy()
    position = people["position"].to_numpy()
    rank = people["role"].map(ROLE_RANK).fillna(len(ROLE_RANK)).to_numpy(dtype=np.int64)
    fte = people["fte"].astype("float64").fillna(0.0).to_numpy()
    order = np.lexsort((position, school, rank, -fte, person))
    ordered = person[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]]) if len(order) else order
    first = order[starts]
    teaches = people["role"].isin(TEACHING_ROLES).to_numpy(dtype=bool)[order]
    view = pd.DataFrame(
        {
            "school": school[first],
            "role": people["role"].array[first],
            "position": position[first],
            "fte": np.add.reduceat(fte[order], starts) if len(order) else fte,
            "teaches": np.logical_or.reduceat(teaches, starts) if len(order) else teaches,
        },
        index=pd.Index(ordered[starts], name="person"),
    )
    return view.astype({"fte": "Float64"})


def _leader_pairs(codes: SeriesCodes, k: int, relation: str) -> pd.DataFrame:
    """``(teacher, leader)`` person codes holding ``relation`` on snapshot ``k``, distinct.

    Links join positions; each end becomes the people holding it, so a vacant leader position
    is nobody and gives no pair.
    """
    links = _on(codes.links, k)
    links = links[(links["relation"] == relation).to_numpy(dtype=bool)]
    held = _on(codes.people, k)[["position", "person"]]
    led = links[["leader", "staff"]].merge(
        held.rename(columns={"position": "staff", "person": "teacher"}), on="staff"
    )
    led = led.merge(held.rename(columns={"position": "leader", "person": "boss"}), on="leader")
    out = pd.DataFrame({"teacher": led["teacher"], "leader": led["boss"]})
    out = out[(out["teacher"] != out["leader"]).to_numpy(dtype=bool)].drop_duplicates()
    return out.sort_values(["teacher", "leader"], kind="mergesort", ignore_index=True)


def _leader_spans(series: RosterSeries, k: int, relation: str) -> pd.Series:
    """Each leader position's span on snapshot ``k``, indexed by position code."""
    spans = span_of_control(series[series.dates[k]], relation=relation).reset_index()
    codes = series.position_codes(spans["school_id"], spans["leader_id"])
    return pd.Series(spans["span"].astype("Int64").to_numpy(), index=pd.Index(codes), name="span")


class _Step:
    """The comparison of two snapshots, table by table."""

    def __init__(self, series: RosterSeries, before: _Snapshot, after: _Snapshot) -> None:
        self.series = series
        self.codes = series.codes
        self.a = before
        self.b = after
        self._people: pd.DataFrame | None = None
        self._positions: pd.DataFrame | None = None
        self._continuity: pd.DataFrame | None = None

    # ------------------------------------------------------------ people

    def people(self) -> pd.DataFrame:
        if self._people is not None:
            return self._people
        va, vb = self.a.view, self.b.view
        persons = distinct(np.concatenate([va.index.to_numpy(), vb.index.to_numpy()]))
        was = np.isin(persons, va.index.to_numpy())
        now = np.isin(persons, vb.index.to_numpy())
        stayed = was & now
        size = len(self.codes.schools)
        unmatched = distinct(
            np.concatenate(
                [
                    self.a.pairs[~np.isin(self.a.pairs, self.b.pairs)] // size,
                    self.b.pairs[~np.isin(self.b.pairs, self.a.pairs)] // size,
                ]
            )
        )
        moved = np.isin(persons, unmatched)
        a, b = va.reindex(persons), vb.reindex(persons)
        out = pd.DataFrame(
            {
                "person_id": texts(self.codes.persons, persons),
                "status": pd.array(
                    np.where(stayed, "stayed", np.where(was, "left", "joined")), dtype=STRING
                ),
                "moved": _where(moved, stayed),
                "role_changed": _where(
                    (a["role"] != b["role"]).fillna(False).to_numpy(dtype=bool), stayed
                ),
                "school_before": self._school_text(a["school"]),
                "school_after": self._school_text(b["school"]),
                "schools_before": self._schools_of(self.a.people, persons),
                "schools_after": self._schools_of(self.b.people, persons),
                "role_before": a["role"].astype(STRING).array,
                "role_after": b["role"].astype(STRING).array,
                "fte_before": a["fte"].astype("Float64").array,
                "fte_after": b["fte"].astype("Float64").array,
            }
        )
        out.index = pd.Index(persons, name="person")
        self._people = out
        return out

    def _school_text(self, codes: pd.Series) -> pd.api.extensions.ExtensionArray:
        return texts(self.codes.schools, codes.fillna(-1).to_numpy(dtype=np.int64))

    def _schools_of(
        self, people: pd.DataFrame, persons: np.ndarray
    ) -> pd.api.extensions.ExtensionArray:
        joined = joined_codes(
            people["person"].to_numpy(), people["school"].to_numpy(), self.codes.schools
        )
        shown: pd.api.extensions.ExtensionArray = joined.reindex(persons).array
        return shown

    # ------------------------------------------------------------ positions

    def positions(self) -> pd.DataFrame:
        if self._positions is not None:
            return self._positions
        sa = self.a.staff.set_index("position")
        sb = self.b.staff.set_index("position")
        positions = distinct(np.concatenate([sa.index.to_numpy(), sb.index.to_numpy()]))
        a, b = sa.reindex(positions), sb.reindex(positions)
        keys = self.series.person_keys()
        width = len(self.codes.positions)
        people_a = keys.reindex(self.a.k * width + positions)
        people_b = keys.reindex(self.b.k * width + positions)
        was, now = a["role"].notna().to_numpy(dtype=bool), b["role"].notna().to_numpy(dtype=bool)
        vacant_a = a["vacant"].fillna(False).to_numpy(dtype=bool)
        vacant_b = b["vacant"].fillna(False).to_numpy(dtype=bool)
        known = people_a.notna().to_numpy(dtype=bool) & people_b.notna().to_numpy(dtype=bool)
        same = (people_a.array == people_b.array).fillna(False).to_numpy(dtype=bool)
        conditions = {
            "opened": ~was,
            "closed": ~now,
            "still_vacant": vacant_a & vacant_b,
            "vacated": ~vacant_a & vacant_b,
            "filled": vacant_a & ~vacant_b,
            "unknown_incumbent": ~known,
            "new_incumbent": ~same,
        }
        change = np.select(list(conditions.values()), list(conditions), default="unchanged")
        school, staff_id = self.codes.position_ids(positions)
        out = pd.DataFrame(
            {
                "school_id": school,
                "staff_id": staff_id,
                "change": pd.array(change, dtype=STRING),
                "role_before": a["role"].astype(STRING).array,
                "role_after": b["role"].astype(STRING).array,
                "role_changed": _where(
                    (a["role"] != b["role"]).fillna(False).to_numpy(dtype=bool), was & now
                ),
                "fte_before": a["fte"].astype("Float64").array,
                "fte_after": b["fte"].astype("Float64").array,
                "vacant_before": a["vacant"].astype("boolean").array,
                "vacant_after": b["vacant"].astype("boolean").array,
                "people_before": people_a.astype(STRING).array,
                "people_after": people_b.astype(STRING).array,
            },
            index=pd.Index(positions, name="position"),
        )
        self._positions = out
        return out

    # ------------------------------------------------------------ continuity

    def continuity(self) -> pd.DataFrame:
        if self._continuity is not None:
            return self._continuity
        people = self.people()
        teaching = distinct(
            np.concatenate(
                [
                    self.a.view.index.to_numpy()[self.a.view["teaches"].to_numpy(dtype=bool)],
                    self.b.view.index.to_numpy()[self.b.view["teaches"].to_numpy(dtype=bool)],
                ]
            )
        )
        rows = people.loc[teaching]
        out = rows[
            ["person_id", "status", "school_before", "school_after", "role_before", "role_after"]
        ].copy()
        present = (rows["status"] == "stayed").to_numpy(dtype=bool)
        moved = rows["moved"].fillna(False).to_numpy(dtype=bool)
        role_changed = rows["role_changed"].fillna(False).to_numpy(dtype=bool)
        for noun in _LEADERS:
            columns = self._one_leader(noun, teaching, present, moved, role_changed)
            for name, values in columns.items():
                out[name.replace("leader", noun)] = values
        self._continuity = out
        return out

    def _one_leader(
        self,
        noun: str,
        teachers: np.ndarray,
        present: np.ndarray,
        moved: np.ndarray,
        role_changed: np.ndarray,
    ) -> dict[str, Any]:
        """One leader's columns for each teacher, named with ``leader``: the leaders before and
        after, the status, ``kept_leader`` and the reason it was not kept."""
        old, new = self.a.leaders[noun], self.b.leaders[noun]
        width = np.int64(len(self.codes.persons))
        old_keys = old["teacher"].to_numpy() * width + old["leader"].to_numpy()
        new_keys = new["teacher"].to_numpy() * width + new["leader"].to_numpy()
        common = old["teacher"].to_numpy()[np.isin(old_keys, new_keys)]
        kept = np.isin(teachers, common)
        had = np.isin(teachers, old["teacher"].to_numpy())
        has = np.isin(teachers, new["teacher"].to_numpy())
        status = np.select(
            [~present, kept, had & ~has, had & has, ~had & has],
            ["not_in_both", "kept", "lost", "changed", "gained"],
            default="none",
        )
        flag = pd.array(status == "kept", dtype="boolean")
        flag[~np.isin(status, ["kept", "lost", "changed"])] = pd.NA
        gone, away = self._whereabouts(old, teachers)
        reason = np.select(
            [moved, role_changed, gone, away], list(CHANGE_REASONS[:4]), CHANGE_REASONS[4]
        )
        broken = np.isin(status, ["lost", "changed"])
        return {
            "leaders_before": self._leader_text(old, teachers),
            "leaders_after": self._leader_text(new, teachers),
            "leader_status": pd.array(status, dtype=STRING),
            "kept_leader": flag,
            "leader_change": pd.Series(reason).where(broken).astype(STRING).array,
        }

    def _whereabouts(
        self, old: pd.DataFrame, teachers: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Per teacher: whether every earlier leader left the district, and whether none is in
        one of the teacher's schools on the later snapshot."""
        in_district = np.isin(old["leader"].to_numpy(), self.b.view.index.to_numpy())
        size = len(self.codes.schools)
        later = self.b.people[["person", "school"]].drop_duplicates()
        shared = (
            old.reset_index(drop=True)
            .reset_index()
            .merge(later.rename(columns={"person": "teacher"}), on="teacher")
        )
        keys = shared["leader"].to_numpy() * size + shared["school"].to_numpy()
        together = np.zeros(len(old), dtype=bool)
        together[shared["index"].to_numpy()[np.isin(keys, self.b.pairs)]] = True
        any_district = pd.Series(in_district).groupby(old["teacher"].to_numpy()).any()
        any_school = pd.Series(together).groupby(old["teacher"].to_numpy()).any()
        gone = ~any_district.reindex(teachers, fill_value=True).to_numpy(dtype=bool)
        away = ~any_school.reindex(teachers, fill_value=True).to_numpy(dtype=bool)
        return gone, away

    def _leader_text(
        self, pairs: pd.DataFrame, teachers: np.ndarray
    ) -> pd.api.extensions.ExtensionArray:
        joined = joined_codes(
            pairs["teacher"].to_numpy(), pairs["leader"].to_numpy(), self.codes.persons
        )
        shown: pd.api.extensions.ExtensionArray = joined.reindex(teachers).array
        return shown

    # ------------------------------------------------------------ spans

    def spans(self) -> pd.DataFrame:
        span_a, span_b = self.a.spans, self.b.spans
        leaders = distinct(np.concatenate([span_a.index.to_numpy(), span_b.index.to_numpy()]))
        leaders = leaders[leaders >= 0]
        positions = self.positions().reindex(leaders)
        was = positions["role_before"].notna().to_numpy(dtype=bool)
        now = positions["role_after"].notna().to_numpy(dtype=bool)
        led_a = np.isin(leaders, span_a.index.to_numpy())
        led_b = np.isin(leaders, span_b.index.to_numpy())
        before = span_a.reindex(leaders).astype("Int64").mask(was & ~led_a, 0)
        after = span_b.reindex(leaders).astype("Int64").mask(now & ~led_b, 0)
        status = np.select(
            [~was, ~now, led_a & led_b, ~led_a],
            ["opened", "closed", "continuing", "new_leader"],
            default="no_longer_leader",
        )
        out = pd.DataFrame(
            {
                "school_id": positions["school_id"].array,
                "leader_id": positions["staff_id"].array,
                "status": pd.array(status, dtype=STRING),
                "role_before": positions["role_before"].array,
                "role_after": positions["role_after"].array,
                "people_before": positions["people_before"].array,
                "people_after": positions["people_after"].array,
                "span_before": before.array,
                "span_after": after.array,
                "span_change": (after - before).astype("Int64").array,
            }
        )
        return out

    # ------------------------------------------------------------ counts

    def schools(self) -> pd.DataFrame:
        """Per school: people in and out, positions by change, teachers who kept their leaders."""
        size = len(self.codes.schools)
        listed = {
            k: self.codes.schools.get_indexer(
                pd.Index(
                    self.series.school_key(self.series[self.series.dates[k]].schools["school_id"])
                )
            )
            for k in (self.a.k, self.b.k)
        }
        on_a, on_b = np.zeros(size, dtype=bool), np.zeros(size, dtype=bool)
        on_a[listed[self.a.k]] = True
        on_b[listed[self.b.k]] = True
        people = self.people()
        joined = people.index.to_numpy()[(people["status"] == "joined").to_numpy(dtype=bool)]
        left = people.index.to_numpy()[(people["status"] == "left").to_numpy(dtype=bool)]

        def count(keys: np.ndarray) -> np.ndarray:
            return np.bincount(keys % size, minlength=size).astype(np.int64)

        pa, pb = self.a.pairs, self.b.pairs
        out = pd.DataFrame(index=pd.RangeIndex(size))
        out["status"] = np.where(on_a & on_b, "continuing", np.where(on_a, "closed", "opened"))
        out["staff_before"] = count(pa)
        out["staff_after"] = count(pb)
        out["stayed"] = count(pa[np.isin(pa, pb)])
        out["joined"] = count(pb[np.isin(pb // size, joined)])
        out["left"] = count(pa[np.isin(pa // size, left)])
        out["moved_in"] = out["staff_after"] - out["stayed"] - out["joined"]
        out["moved_out"] = out["staff_before"] - out["stayed"] - out["left"]
        staff = out["staff_before"].where(out["staff_before"] > 0)
        out["retention"] = (out["stayed"] / staff).astype("Float64")
        changes = self.positions()
        school_of = self.codes.school_of(changes.index.to_numpy())
        for change in ("opened", "closed", "vacated", "filled", "new_incumbent"):
            chosen = school_of[(changes["change"] == change).to_numpy(dtype=bool)]
            out[f"positions_{change}"] = np.bincount(chosen, minlength=size)
        continuity = self.continuity()
        school_after = self.b.view["school"].reindex(continuity.index).to_numpy()
        for noun in _LEADERS:
            kept = continuity[f"kept_{noun}"]
            compared = kept.notna().to_numpy(dtype=bool) & ~np.isnan(school_after)
            held = kept.fillna(False).to_numpy(dtype=bool) & compared
            out[f"{noun}_compared"] = np.bincount(
                school_after[compared].astype(np.int64), minlength=size
            )
            out[f"kept_{noun}"] = np.bincount(school_after[held].astype(np.int64), minlength=size)
            base = out[f"{noun}_compared"].where(out[f"{noun}_compared"] > 0)
            out[f"share_kept_{noun}"] = (out[f"kept_{noun}"] / base).astype("Float64")
        out = out[on_a | on_b]
        names = texts(self.codes.schools, out.index.to_numpy())
        out.insert(0, "school_id", pd.Series(names, index=out.index))
        return out.astype({"status": STRING}).reset_index(drop=True)

    def district(self) -> pd.DataFrame:
        """One row: the district's people, positions and teachers' leaders, counted."""
        people, positions, continuity = self.people(), self.positions(), self.continuity()
        status = people["status"]
        row: dict[str, Any] = {
            "schools_before": len(self.series[self.series.dates[self.a.k]].schools),
            "schools_after": len(self.series[self.series.dates[self.b.k]].schools),
            "people_before": int((status != "joined").sum()),
            "people_after": int((status != "left").sum()),
            "joined": int((status == "joined").sum()),
            "left": int((status == "left").sum()),
            "moved": int(people["moved"].fillna(False).sum()),
            "role_changed": int(people["role_changed"].fillna(False).sum()),
        }
        for change in POSITION_CHANGES:
            row[f"positions_{change}"] = int((positions["change"] == change).sum())
        for noun in _LEADERS:
            kept = continuity[f"kept_{noun}"]
            compared, held = int(kept.notna().sum()), int(kept.fillna(False).sum())
            row[f"{noun}_compared"] = compared
            row[f"kept_{noun}"] = held
            row[f"share_kept_{noun}"] = held / compared if compared else None
        out = pd.DataFrame([row])
        for noun in _LEADERS:
            out[f"share_kept_{noun}"] = out[f"share_kept_{noun}"].astype("Float64")
        return out


def _where(flags: np.ndarray, both: np.ndarray) -> pd.arrays.BooleanArray:
    """``flags`` where the person (or position) is on both snapshots, missing elsewhere."""
    values = pd.array(flags, dtype="boolean")
    values[~both] = pd.NA
    return values
