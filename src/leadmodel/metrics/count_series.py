"""Count-level staffing files across years: a state's campuses ten years apart.

A state publishes campus staffing counts every year (FTE of teachers and administrators per
campus, no people); :func:`count_trends` lines several such files up by campus id and follows
what the research asks of them: teachers per administrator, the share of campuses with no
administrator, and the central office's share of administrators, for the state (or whatever
the files cover) and each district, with the change from each file to the next.

Nothing is matched by a guess. A campus is the same campus when its ``school_id`` is the same
(after the id changes the analyst declares); a campus id that disappears while another of the
same name arrives is reported (``possible_id_change``), as is a district id that disappears
while another takes all its campuses, and a campus that changes district
(``district_changed``). A count the file does not give stays unknown: a campus with an unknown
count is left out of the figures that need it, and each figure says how many campuses it
counts.

Definitions (per file, for the whole and per district):

``teachers_per_admin_fte``
    the teacher FTE of the campuses whose teacher and administrator FTE are both known, over
    their administrator FTE;
``no_admin_share``
    the share of campuses with teachers and a known administrator FTE of zero, among those
    whose administrator FTE is known (``no_admin`` of :func:`~leadmodel.count_spans`);
``central_office_share``
    central-office administrators over all administrators: ``central / (central + campus
    admin_fte)``, where *central* is the FTE in ``central_columns`` (default
    ``district_admin_fte``, the "LEA Administrators" of the federal files) and the
    ``admin_fte`` of the units named in ``central`` (a district office given as a row);
    unknown when the files give no central figure at all.

Examples
--------
>>> import pandas as pd
>>> import leadmodel as lm
>>> before = pd.DataFrame({"school_id": ["A", "B"], "teacher_fte": [40, 20],
...                        "admin_fte": [2, 0]})
>>> after = pd.DataFrame({"school_id": ["A", "B"], "teacher_fte": [42, 21],
...                       "admin_fte": [3, 1]})
>>> found = lm.count_trends({"2013-10-25": before, "2023-10-27": after})
>>> found.total[["teachers_per_admin_fte", "no_admin_share"]].values.tolist()
[[30.0, 0.5], [15.75, 0.0]]
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from leadmodel.errors import DefinitionError
from leadmodel.metrics.counts import count_spans
from leadmodel.readers.counts import StaffingCounts, read_staffing_counts
from leadmodel.readers.issues import IssueLog
from leadmodel.readers.series import (
    dated_issues,
    iso,
    series_issues,
    series_notes,
    snapshot_dates,
)
from leadmodel.roster import STRING

__all__ = ["COUNT_TREND_MEASURES", "CountTrends", "count_trends"]

#: The measures :func:`count_trends` follows, in the order of its tables.
COUNT_TREND_MEASURES: tuple[str, ...] = (
    "teachers_per_admin_fte",
    "no_admin_share",
    "central_office_share",
)
_FIGURES = (
    "campuses",
    "campuses_counted",
    "teacher_fte",
    "admin_fte",
    "teachers_per_admin_fte",
    "campuses_admin_known",
    "campuses_no_admin",
    "no_admin_share",
    "central_admin_fte",
    "central_office_share",
)


@dataclass(frozen=True)
class CountTrends:
    """Count files of several years, matched by campus id: what :func:`count_trends` returns.

    Attributes
    ----------
    campuses : pandas.DataFrame
        One row per file and campus: ``snapshot``, ``school_id`` (after declared changes),
        ``school_id_as_given``, ``district_id`` (when a district column is given), ``name``,
        ``central`` (a unit named in ``central``) and :func:`~leadmodel.count_spans`'s
        ``teacher_fte``, ``admin_fte``, ``teachers_per_admin_fte`` and ``no_admin``.
    total : pandas.DataFrame
        One row per file (``snapshot``): ``campuses`` (not counting central units),
        ``campuses_counted`` (teacher and administrator FTE both known), their
        ``teacher_fte`` and ``admin_fte``, ``teachers_per_admin_fte``,
        ``campuses_admin_known``, ``campuses_no_admin``, ``no_admin_share``,
        ``central_admin_fte`` and ``central_office_share`` (see the module notes).
    districts : pandas.DataFrame
        The same per ``(snapshot, district_id)`` (``<NA>``: the campuses whose district is not
        given); empty without a district column.
    changes : pandas.DataFrame
        Long: per pair of consecutive files (``from_date``, ``to_date``), ``level`` (``all``
        for the whole, ``district`` for each ``district_id``; campuses whose district is not
        given are the district ``<NA>``) and ``metric`` (:data:`COUNT_TREND_MEASURES`):
        ``before``, ``after`` and ``change`` (after minus before; unknown when either is).
    ids : pandas.DataFrame
        Per pair of consecutive files and campus on either: ``status`` (``in_both``,
        ``only_before``, ``only_after``), ``district_before``, ``district_after``.
    issues : pandas.DataFrame
        Each file's issues and the matching's (``possible_id_change``, ``district_changed``),
        with the ``snapshot`` (ISO date) first.
    """

    campuses: pd.DataFrame
    total: pd.DataFrame
    districts: pd.DataFrame
    changes: pd.DataFrame
    ids: pd.DataFrame
    issues: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by name (``count_trends_campuses``, ...), for
        :func:`~leadmodel.export_tables`."""
        names = ("campuses", "total", "districts", "changes", "ids", "issues")
        return {f"count_trends_{name}": getattr(self, name) for name in names}


def count_trends(
    files: Mapping[Any, StaffingCounts | pd.DataFrame],
    *,
    district: str | None = None,
    central: Iterable[str] = (),
    central_columns: Iterable[str] = ("district_admin_fte",),
    id_changes: Mapping[str, Mapping[str, str]] | None = None,
) -> CountTrends:
    """Follow count-level staffing files across years: spans, campuses without administrators,
    the central office's share, and the ids that changed.

    Parameters
    ----------
    files
        ``{date: counts}``: the date each file describes (ISO ``YYYY-MM-DD``, e.g. the state's
        October snapshot) and the counts (:func:`~leadmodel.read_staffing_counts` or
        :func:`~leadmodel.read_staffing_counts_long`; a DataFrame is read with
        :func:`~leadmodel.read_staffing_counts`).
    district
        The column that gives each campus's district (kept from the input file), for the
        figures per district and the district ids that changed; ``None`` for the whole only.
    central
        Ids of units that are central offices, not campuses: their ``admin_fte`` is central.
    central_columns
        Columns holding central-office administrator FTE (default ``district_admin_fte``);
        those a file lacks are skipped.
    id_changes
        Ids the analyst knows changed: ``{"school": {old: new}, "district": {old: new}}``,
        applied to every file before matching.

    Returns
    -------
    CountTrends

    Raises
    ------
    DefinitionError
        For a date that is not a date, two files on one date, a ``district`` column a file
        lacks, or a malformed ``id_changes``.
    RosterError
        When a DataFrame given cannot be read as counts.

    Examples
    --------
    >>> import pandas as pd
    >>> import leadmodel as lm
    >>> a = pd.DataFrame({"school_id": ["C1", "C2"], "name": ["Oak", "Elm"],
    ...                   "teacher_fte": [30, 12], "admin_fte": [2, 1]})
    >>> b = a.assign(school_id=["C1", "C9"])  # Elm under a new id?
    >>> found = lm.count_trends({"2014-10-31": a, "2015-10-30": b})
    >>> found.issues[["snapshot", "code", "value"]].values.tolist()
    [['2015-10-30', 'possible_id_change', 'C2']]
    """
    dated = snapshot_dates(files)
    renames = _renames(id_changes)
    centrals = set(pd.Series(list(central), dtype=STRING).dropna())
    columns = [str(c) for c in central_columns]
    notes = IssueLog()
    parts, issues = [], []
    for when, given in dated:
        counts = given if isinstance(given, StaffingCounts) else read_staffing_counts(given)
        issues.append(dated_issues(counts.issues, when))
        parts.append(_campuses(counts, when, district, centrals, columns, renames))
    campuses = pd.concat(parts, ignore_index=True)
    ids = _id_table(campuses, [when for when, _ in dated], district, notes)
    issues.append(series_notes(notes))
    total = _figures(campuses, None)
    districts = _figures(campuses, "district_id") if district else _empty_districts()
    return CountTrends(
        campuses=campuses.drop(columns="_central_fte"),
        total=total,
        districts=districts,
        changes=_changes(total, districts),
        ids=ids,
        issues=_issue_table(issues),
    )


# ----------------------------------------------------------------------------- reading


def _renames(id_changes: Mapping[str, Mapping[str, str]] | None) -> dict[str, dict[str, str]]:
    if id_changes is None:
        return {"school": {}, "district": {}}
    if not isinstance(id_changes, Mapping) or set(id_changes) - {"school", "district"}:
        raise DefinitionError(
            "id_changes must be {'school': {old: new}, 'district': {old: new}}, not "
            f"{id_changes!r}."
        )
    out: dict[str, dict[str, str]] = {"school": {}, "district": {}}
    for kind, pairs in id_changes.items():
        if not isinstance(pairs, Mapping) or not all(
            isinstance(o, str) and isinstance(n, str) and o and n for o, n in pairs.items()
        ):
            raise DefinitionError(f"id_changes[{kind!r}] must map old ids to new ids (text).")
        out[kind] = dict(pairs)
    return out


def _campuses(
    counts: StaffingCounts,
    when: date,
    district: str | None,
    centrals: set[str],
    columns: list[str],
    renames: dict[str, dict[str, str]],
) -> pd.DataFrame:
    """One file's campuses with their spans, ids as matched."""
    table = counts.table
    if district is not None and district not in table:
        raise DefinitionError(
            f"The counts of {iso(when)} have no column {district!r} for the district; their "
            f"columns are {', '.join(map(str, table.columns))}."
        )
    spans = count_spans(counts)
    given = pd.Series(table.index, dtype=STRING)
    out = pd.DataFrame(
        {
            "snapshot": pd.Series(pd.Timestamp(when), index=range(len(table))),
            "school_id": given.replace(renames["school"]).astype(STRING),
            "school_id_as_given": given,
        }
    )
    twice = out["school_id"][out["school_id"].duplicated()]
    if len(twice):
        raise DefinitionError(
            f"id_changes makes two campuses of the file of {iso(when)} one: "
            f"{', '.join(sorted(map(str, twice.unique())))} (an old and its new id are both in "
            "it). Declare only ids that changed between files."
        )
    if district is not None:
        districts = pd.Series(table[district].to_numpy(), dtype=STRING)
        out["district_id"] = districts.replace(renames["district"]).astype(STRING)
    names = table["name"] if "name" in table else pd.Series(pd.NA, index=table.index)
    out["name"] = pd.Series(names.to_numpy(), dtype=STRING)
    out["central"] = given.isin(centrals).to_numpy(dtype=bool)
    for column in ("teacher_fte", "admin_fte", "teachers_per_admin_fte"):
        out[column] = spans[column].to_numpy()
    out["no_admin"] = spans["no_admin"].to_numpy()
    present = [c for c in columns if c in table]
    parts = [pd.Series(table[c].to_numpy(), dtype="Float64") for c in present]
    is_central = out["central"].to_numpy(dtype=bool)
    if is_central.any():  # a central unit's own administrators are central; a campus adds none
        parts.append(out["admin_fte"].astype("Float64").where(is_central, 0.0))
    central_fte = pd.Series(pd.NA, index=out.index, dtype="Float64")
    if parts:  # unknown where any part is unknown: such rows are left out of the sum
        central_fte = sum(parts[1:], start=parts[0])
    out["_central_fte"] = central_fte
    return out


# ----------------------------------------------------------------------------- figures


def _figures(campuses: pd.DataFrame, by: str | None) -> pd.DataFrame:
    """The figures per file (and per ``by``) as the module notes define them."""
    keys = ["snapshot"] if by is None else ["snapshot", by]
    rows = []
    for key, group in campuses.groupby(keys, sort=True, dropna=False):
        values = key if isinstance(key, tuple) else (key,)
        rows.append({**dict(zip(keys, values, strict=True)), **_figures_of(group)})
    frame = pd.DataFrame(rows, columns=[*keys, *_FIGURES])
    ints = ("campuses", "campuses_counted", "campuses_admin_known", "campuses_no_admin")
    frame = frame.astype({c: "int64" for c in ints})
    floats = [c for c in _FIGURES if c not in ints]
    frame = frame.astype({c: "Float64" for c in floats})
    if by is not None:
        frame[by] = frame[by].astype(STRING)
    return frame


def _figures_of(group: pd.DataFrame) -> dict[str, Any]:
    schools = group[~group["central"].to_numpy(dtype=bool)]
    teachers = schools["teacher_fte"].astype("Float64")
    admins = schools["admin_fte"].astype("Float64")
    both = (teachers.notna() & admins.notna()).to_numpy(dtype=bool)
    t, a = float(teachers[both].sum()), float(admins[both].sum())
    known_admin = schools["no_admin"].notna().to_numpy(dtype=bool)
    no_admin = int(schools["no_admin"].fillna(False).to_numpy(dtype=bool).sum())
    central = group["_central_fte"].astype("Float64")
    known = central.notna().to_numpy(dtype=bool)
    central_fte: Any = float(central[known].sum()) if known.any() else pd.NA
    campus_admin = float(admins.dropna().sum())
    share: Any = pd.NA
    if known.any() and central_fte + campus_admin > 0:
        share = central_fte / (central_fte + campus_admin)
    return {
        "campuses": len(schools),
        "campuses_counted": int(both.sum()),
        "teacher_fte": t if both.any() else pd.NA,
        "admin_fte": a if both.any() else pd.NA,
        "teachers_per_admin_fte": t / a if a > 0 else pd.NA,
        "campuses_admin_known": int(known_admin.sum()),
        "campuses_no_admin": no_admin,
        "no_admin_share": no_admin / int(known_admin.sum()) if known_admin.any() else pd.NA,
        "central_admin_fte": central_fte,
        "central_office_share": share,
    }


def _empty_districts() -> pd.DataFrame:
    frame = pd.DataFrame(
        {"snapshot": pd.Series(dtype="datetime64[ns]"), "district_id": pd.Series(dtype=STRING)}
    )
    for column in _FIGURES:
        frame[column] = pd.Series(dtype="Float64")
    return frame


_WHOLE, _UNKNOWN = "\x00all", "\x00unknown"  # keys of the whole and of campuses with no district


def _changes(total: pd.DataFrame, districts: pd.DataFrame) -> pd.DataFrame:
    """Each measure before and after, per pair of consecutive files, whole and per district."""
    whole = total.assign(_key=_WHOLE, district_id=pd.Series(pd.NA, index=total.index, dtype=STRING))
    parts = [whole]
    if len(districts):
        parts.append(districts.assign(_key=districts["district_id"].fillna(_UNKNOWN)))
    both = pd.concat(parts, ignore_index=True)
    dates = sorted(total["snapshot"].unique())
    rows = []
    for before, after in itertools.pairwise(dates):
        old = both[both["snapshot"] == before].set_index("_key")
        new = both[both["snapshot"] == after].set_index("_key")
        found = set(old.index) | set(new.index)
        keys = [_WHOLE, *sorted(k for k in found if k not in (_WHOLE, _UNKNOWN))]
        keys += [_UNKNOWN] if _UNKNOWN in found else []
        for metric in COUNT_TREND_MEASURES:
            rows.append(
                pd.DataFrame(
                    {
                        "from_date": before,
                        "to_date": after,
                        "level": ["all" if k == _WHOLE else "district" for k in keys],
                        "district_id": [k if k not in (_WHOLE, _UNKNOWN) else pd.NA for k in keys],
                        "metric": metric,
                        "before": old[metric].reindex(keys).to_numpy(),
                        "after": new[metric].reindex(keys).to_numpy(),
                        "_k": range(len(keys)),
                    }
                )
            )
    columns = ["from_date", "to_date", "level", "district_id", "metric", "before", "after"]
    if not rows:
        empty = pd.DataFrame({c: pd.Series(dtype=STRING) for c in columns})
        return empty.astype(
            {
                "from_date": "datetime64[ns]",
                "to_date": "datetime64[ns]",
                "before": "Float64",
                "after": "Float64",
            }
        ).assign(change=pd.Series(dtype="Float64"))
    out = pd.concat(rows, ignore_index=True)
    out = out.astype({"before": "Float64", "after": "Float64", "metric": STRING, "level": STRING})
    out["district_id"] = out["district_id"].astype(STRING)
    out["change"] = out["after"] - out["before"]
    order = {m: i for i, m in enumerate(COUNT_TREND_MEASURES)}
    out = out.assign(_m=out["metric"].map(order))
    out = out.sort_values(["from_date", "_k", "_m"], kind="mergesort")
    return out.drop(columns=["_m", "_k"]).reset_index(drop=True)[[*columns, "change"]]


# ----------------------------------------------------------------------------- ids


def _id_table(
    campuses: pd.DataFrame, dates: list[date], district: str | None, notes: IssueLog
) -> pd.DataFrame:
    """Per consecutive pair, every campus on either file; changed ids reported in ``notes``."""
    parts = []
    for before, after in itertools.pairwise(dates):
        old = campuses[campuses["snapshot"] == pd.Timestamp(before)]
        new = campuses[campuses["snapshot"] == pd.Timestamp(after)]
        keep = ["school_id", "name"] + (["district_id"] if district else [])
        pair = old[keep].merge(
            new[keep], on="school_id", how="outer", suffixes=("_before", "_after"), indicator=True
        )
        status = pair["_merge"].map(
            {"both": "in_both", "left_only": "only_before", "right_only": "only_after"}
        )
        frame = pd.DataFrame(
            {
                "from_date": pd.Timestamp(before),
                "to_date": pd.Timestamp(after),
                "school_id": pair["school_id"].astype(STRING),
                "status": status.astype(STRING),
                "district_before": pair["district_id_before"].astype(STRING)
                if district
                else pd.Series(pd.NA, index=pair.index, dtype=STRING),
                "district_after": pair["district_id_after"].astype(STRING)
                if district
                else pd.Series(pd.NA, index=pair.index, dtype=STRING),
            }
        )
        parts.append(frame.sort_values("school_id", kind="mergesort"))
        _report_campus_ids(pair, before, after, notes)
        if district:
            _report_districts(frame, before, after, notes)
    if not parts:
        columns = ["school_id", "status", "district_before", "district_after"]
        return pd.DataFrame(
            {
                "from_date": pd.Series(dtype="datetime64[ns]"),
                "to_date": pd.Series(dtype="datetime64[ns]"),
                **{c: pd.Series(dtype=STRING) for c in columns},
            }
        )
    return pd.concat(parts, ignore_index=True)


def _note(
    notes: IssueLog, when: date, *, code: str, field: str, value: str, message: str, fix: str
) -> None:
    notes.add(
        f"counts@{iso(when)}",
        pd.DataFrame({"_row": [pd.NA]}),
        code=code,
        field=field,
        value=pd.Series([value]),
        severity="warning",
        message=message,
        fix=fix,
        literal=True,
    )


def _report_campus_ids(pair: pd.DataFrame, before: date, after: date, notes: IssueLog) -> None:
    """A campus id that goes while another of the same name arrives: reported, not matched."""
    gone = pair[pair["_merge"] == "left_only"].dropna(subset=["name_before"])
    came = pair[pair["_merge"] == "right_only"].dropna(subset=["name_after"])
    gone = gone.assign(_name=gone["name_before"].str.strip().str.casefold())
    came = came.assign(_name=came["name_after"].str.strip().str.casefold())
    matched = gone[["school_id", "name_before", "_name"]].merge(
        came[["school_id", "_name"]], on="_name", suffixes=("_old", "_new")
    )
    matched = matched.sort_values(["school_id_new", "school_id_old"], kind="mergesort")
    for old, new, name in matched[["school_id_old", "school_id_new", "name_before"]].itertuples(
        index=False
    ):
        _note(
            notes,
            after,
            code="possible_id_change",
            field="school_id",
            value=str(old),
            message=f"The campus {old!r} ({name!r}) is in the file of {iso(before)} and not "
            f"after, and {new!r} of the same name arrives on {iso(after)}: perhaps one campus "
            "whose id changed. They are not matched.",
            fix=f"If they are one campus, declare it: id_changes={{'school': {{{old!r}: "
            f"{new!r}}}}}; otherwise nothing to do.",
        )


def _report_districts(frame: pd.DataFrame, before: date, after: date, notes: IssueLog) -> None:
    """Campuses whose district changed; a district id that goes while another takes all its
    campuses is a possible district id change."""
    both = frame[frame["status"] == "in_both"]
    moved = both[(both["district_before"] != both["district_after"]).fillna(False)]
    olds = set(frame["district_before"].dropna())
    news = set(frame["district_after"].dropna())
    renamed = []
    for old, group in moved.groupby("district_before", sort=True):
        targets = set(group["district_after"].dropna())
        kept = both[(both["district_before"] == old).to_numpy(dtype=bool)]
        if (
            old not in news
            and len(targets) == 1
            and len(group) == len(kept)
            and next(iter(targets)) not in olds
        ):
            renamed.append((str(old), next(iter(targets)), len(group)))
    renamed_ids = {old for old, _, _ in renamed}
    for old, new, n in renamed:
        _note(
            notes,
            after,
            code="possible_id_change",
            field="district_id",
            value=old,
            message=f"The district {old!r} is in the file of {iso(before)} and not after, and "
            f"all its {n} campuses are in {new!r} on {iso(after)}, a district id the earlier "
            "file does not have: perhaps one district whose id changed. Its figures are not "
            "joined.",
            fix=f"If they are one district, declare it: id_changes={{'district': {{{old!r}: "
            f"{new!r}}}}}; otherwise nothing to do.",
        )
    for school, old, new in moved[["school_id", "district_before", "district_after"]].itertuples(
        index=False
    ):
        if old in renamed_ids:
            continue
        _note(
            notes,
            after,
            code="district_changed",
            field="district_id",
            value=str(new),
            message=f"The campus {school!r} is in district {old!r} on {iso(before)} and in "
            f"{new!r} on {iso(after)}: each file's figures count it in its district then.",
            fix="Nothing to fix if the campus changed district; otherwise correct the file.",
        )


# ----------------------------------------------------------------------------- issues


def _issue_table(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """The series' issues (:func:`~leadmodel.readers.series.series_issues`), by date then code."""
    out = series_issues(parts)
    order = np.lexsort((out["code"].fillna("").to_numpy(), out["snapshot"].to_numpy()))
    return out.iloc[order].reset_index(drop=True)
