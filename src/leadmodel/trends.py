"""Trends: every school-level measure on every snapshot of a series, per school, wave and district.

:func:`trends` measures each snapshot of a :class:`~leadmodel.readers.series.RosterSeries`
exactly as one roster is measured (spans and coverage gaps from
:func:`~leadmodel.school_summary`, leaders over capacity from
:func:`~leadmodel.observation_summary`, cost from :func:`~leadmodel.cost`, compliance with a
model from :func:`~leadmodel.compliance`) and lines the schools up across snapshots by their
matched ids. District and wave figures are computed from the schools' underlying counts, never
averaged from school figures where a pooled figure exists: the district's median span is the
median of all its developers' spans, its share of teachers developed within the target is a
share of all its teachers.

Examples
--------
>>> import leadmodel as lm
>>> years = lm.load_sample("district_years").series
>>> found = lm.trends(years, model="denver")
>>> found.district_value("schools_meeting_model").tolist()
[14.0, 40.0, 71.0]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from leadmodel.cost import cost
from leadmodel.errors import DefinitionError
from leadmodel.metrics.compliance import compliance
from leadmodel.metrics.coverage import DEFAULT_SPAN_TARGET
from leadmodel.metrics.observation import observation_summary
from leadmodel.metrics.spans import span_of_control
from leadmodel.models import CostModel, LeadershipModel, ObservationPolicy, TimeModel
from leadmodel.presets.leadership import get_model
from leadmodel.readers.log import DateLike, as_date
from leadmodel.readers.series import RosterSeries
from leadmodel.roles import TEACHING_ROLES
from leadmodel.roster import STRING, Roster
from leadmodel.summary import school_summary

__all__ = ["TREND_METRICS", "Trends", "trends"]

#: Every measure a trend follows, with how the district (and each wave) rolls it up.
TREND_METRICS: dict[str, str] = {
    "teachers": "sum",
    "vacant_positions": "sum",
    "max_span": "max",
    "median_span": "median of every developer's span (pooled)",
    "share_developed_within_target": "share of all teachers (pooled)",
    "no_developer": "sum",
    "no_evaluator": "sum",
    "fragmented": "sum",
    "leaders_over_target": "sum",
    "leaders_over_capacity": "sum",
    "max_utilisation": "max (unknown when a school's is unknown)",
    "leadership_cost": "sum",
    "cost_per_teacher_developed": "total cost over all teachers developed",
    "compliance_score": "mean of the schools'",
    "meets_model": "number of schools (schools_meeting_model) and their share "
    "(share_schools_meeting_model)",
}
_SUMMED = (
    "teachers",
    "vacant_positions",
    "no_developer",
    "no_evaluator",
    "fragmented",
    "leaders_over_target",
    "leaders_over_capacity",
    "leadership_cost",
)
#: The group of schools without a pilot wave (``by_wave``, plots).
NO_WAVE = "none"


@dataclass(frozen=True)
class Trends:
    """Every measure on every snapshot: long tables with a ``snapshot`` date and a ``value``.

    Attributes
    ----------
    schools : pandas.DataFrame
        ``snapshot``, ``school_id`` (as matched across snapshots), ``metric``, ``value``: one
        row per school on the snapshot and measure of :data:`TREND_METRICS`.
    district : pandas.DataFrame
        ``snapshot``, ``metric``, ``value``: the district's figures (rolled up as
        :data:`TREND_METRICS` says; ``schools``, ``schools_meeting_model`` and
        ``share_schools_meeting_model`` besides).
    by_wave : pandas.DataFrame
        ``snapshot``, ``pilot_wave`` (the wave on the last snapshot, ``none`` for schools
        without one), ``metric``, ``value``: the district's figures over each wave's schools.
    waves : pandas.DataFrame
        One row per pilot wave (``pilot_wave``): ``schools`` (on the last snapshot),
        ``model`` (the model they follow there) and ``start``, the first snapshot on which at
        least half of them follow it (missing when none does): where plots mark the wave.
    model : str or None
        The leadership model compliance was measured against.
    """

    schools: pd.DataFrame
    district: pd.DataFrame
    by_wave: pd.DataFrame
    waves: pd.DataFrame
    model: str | None

    def district_value(self, metric: str) -> pd.Series:
        """One district measure over the snapshots, indexed by ``snapshot``."""
        chosen = self.district[(self.district["metric"] == metric).to_numpy(dtype=bool)]
        if chosen.empty:
            raise DefinitionError(
                f"No district measure {metric!r}; measures: "
                f"{', '.join(dict.fromkeys(self.district['metric']))}."
            )
        return chosen.set_index("snapshot")["value"].rename(metric)

    def wide(self, level: str = "schools") -> pd.DataFrame:
        """``schools``, ``district`` or ``by_wave`` with one column per measure."""
        if level not in ("schools", "district", "by_wave"):
            raise DefinitionError("level must be 'schools', 'district' or 'by_wave'.")
        frame = getattr(self, level)
        keys = {"schools": ["snapshot", "school_id"], "district": ["snapshot"]}.get(
            level, ["snapshot", "pilot_wave"]
        )
        out = frame.pivot_table(
            index=keys, columns="metric", values="value", sort=False, dropna=False
        )
        out.columns.name = None
        shown: pd.DataFrame = out[list(dict.fromkeys(frame["metric"]))]
        return shown

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by name (``trends_schools``, ...), for export."""
        return {
            "trends_schools": self.schools,
            "trends_district": self.district,
            "trends_by_wave": self.by_wave,
            "trends_waves": self.waves,
        }


def trends(
    series: RosterSeries,
    *,
    model: str | LeadershipModel | None = None,
    policy: str | ObservationPolicy = "bain_10_spot_1_formal",
    time: str | TimeModel = "default",
    cost_model: str | CostModel = "default",
    span_target: int = DEFAULT_SPAN_TARGET,
    waves: Mapping[int, DateLike] | None = None,
    include_non_school: bool = False,
) -> Trends:
    """Every school-level measure on every snapshot, per school, per pilot wave and district.

    Parameters
    ----------
    series
        What :func:`~leadmodel.read_rosters` returned.
    model
        A leadership model (or preset name) to measure compliance against; without one,
        ``compliance_score`` and ``meets_model`` are left out.
    policy, time, cost_model, span_target
        As for :class:`~leadmodel.Analysis`.
    waves
        ``{pilot_wave: date}``: when each wave started, where the schools table does not say
        (by default, the first snapshot on which at least half of the wave's schools declare
        the model they follow on the last snapshot).
    include_non_school
        Measure units that are not schools too (left out by default, as in ``Analysis``).

    Returns
    -------
    Trends

    Examples
    --------
    >>> import leadmodel as lm
    >>> years = lm.load_sample("district_years").series
    >>> wide = lm.trends(years).wide("district")
    >>> wide["median_span"].round(1).tolist()
    [15.0, 6.0, 5.0]
    """
    chosen = None if model is None else get_model(model)
    parts = [
        _snapshot_measures(
            series,
            when,
            roster if include_non_school else roster.schools_only(),
            chosen,
            policy,
            time,
            cost_model,
            span_target,
        )
        for when, roster in series.items()
    ]
    wide = pd.concat([p[0] for p in parts])
    spans = pd.concat([p[1] for p in parts], ignore_index=True)
    wave_of = _final_waves(series)
    district = _rolled_up(wide, spans, chosen is not None)
    by_wave = pd.concat(
        {
            wave: _rolled_up(
                wide[wide.index.get_level_values("school_id").isin(members)],
                spans[spans["school_id"].isin(members).to_numpy(dtype=bool)],
                chosen is not None,
            )
            for wave, members in wave_of.groupby(wave_of, sort=True).groups.items()
        },
        names=["pilot_wave"],
    )
    return Trends(
        schools=_long(wide, ["snapshot", "school_id"]),
        district=_long(district, ["snapshot"]),
        by_wave=_long(
            by_wave.reorder_levels(["snapshot", "pilot_wave"]).sort_index(),
            ["snapshot", "pilot_wave"],
        ),
        waves=_wave_starts(series, wave_of, waves),
        model=None if chosen is None else chosen.key,
    )


def _snapshot_measures(
    series: RosterSeries,
    when: date,
    roster: Roster,
    model: LeadershipModel | None,
    policy: str | ObservationPolicy,
    time: str | TimeModel,
    cost_model: str | CostModel,
    span_target: int,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One snapshot's measures per school (wide), and every developer's span (for medians)."""
    summary = school_summary(roster, span_target=span_target)
    load = observation_summary(roster, policy=policy, time=time)
    money = cost(roster, cost_model)
    out = pd.DataFrame(index=summary.index)
    for column in (
        "teachers",
        "max_span",
        "median_span",
        "share_developed_within_target",
        "no_developer",
        "no_evaluator",
        "fragmented",
        "leaders_over_target",
    ):
        out[column] = summary[column].astype("Float64")
    staff = roster.staff
    vacant = staff["vacant"].fillna(False).astype(bool)
    teaching = staff["role"].isin(TEACHING_ROLES).fillna(False).astype(bool)
    out["vacant_positions"] = _per_school(vacant, staff, out.index)
    out["_filled_teachers"] = _per_school(teaching & ~vacant, staff, out.index)
    out["leaders_over_capacity"] = load["leaders_over_capacity"].astype("Float64")
    out["max_utilisation"] = load["max_utilisation"].astype("Float64")
    out["_visiting_leaders"] = load["visiting_leaders"].astype("Float64")
    out["leadership_cost"] = money["leadership_cost"].astype("Float64")
    out["_teachers_developed"] = money["teachers_developed"].astype("Float64")
    out["cost_per_teacher_developed"] = money["cost_per_teacher_developed"].astype("Float64")
    if model is not None:
        report = compliance(roster, model).schools
        out["compliance_score"] = report["score"].astype("Float64")
        met = report["tight_passed"] == report["tight_rules"]
        out["meets_model"] = met.astype("Float64").where(report["tight_rules"] > 0)
    out.index = pd.MultiIndex.from_arrays(
        [
            pd.DatetimeIndex([pd.Timestamp(when)] * len(out)),
            pd.Index(series.school_key(out.index.to_series()).to_numpy(), dtype=STRING),
        ],
        names=["snapshot", "school_id"],
    )
    spans = span_of_control(roster)
    developing = spans[(spans["span"] > 0).to_numpy(dtype=bool)].reset_index()
    span_rows = pd.DataFrame(
        {
            "snapshot": pd.Timestamp(when),
            "school_id": series.school_key(developing["school_id"]).to_numpy(),
            "span": developing["span"].astype("float64").to_numpy(),
        }
    )
    return out, span_rows


def _per_school(flags: pd.Series, staff: pd.DataFrame, schools: pd.Index) -> pd.Series:
    """How many staff rows ``flags`` marks in each school (0 where none)."""
    counts = flags.groupby(staff["school_id"]).sum()
    return counts.reindex(schools, fill_value=0).astype("Float64")


def _rolled_up(wide: pd.DataFrame, spans: pd.DataFrame, with_model: bool) -> pd.DataFrame:
    """Per snapshot, the figures of the schools in ``wide`` together (:data:`TREND_METRICS`)."""
    rows: dict[pd.Timestamp, dict[str, Any]] = {}
    for when, group in wide.groupby(level="snapshot", sort=True):
        chosen = spans[(spans["snapshot"] == when).to_numpy(dtype=bool)]["span"]
        row: dict[str, Any] = {"schools": float(len(group))}
        for column in _SUMMED:
            row[column] = float(group[column].sum())
        row["max_span"] = _known_max(group["max_span"])
        row["median_span"] = float(chosen.median()) if len(chosen) else pd.NA
        filled = float(group["_filled_teachers"].sum())
        within = (group["share_developed_within_target"] * group["_filled_teachers"]).sum()
        row["share_developed_within_target"] = float(within) / filled if filled else pd.NA
        visiting = group[(group["_visiting_leaders"] > 0).fillna(False).to_numpy(dtype=bool)]
        unknown = visiting["max_utilisation"].isna().any()
        row["max_utilisation"] = pd.NA if unknown else _known_max(visiting["max_utilisation"])
        developed = float(group["_teachers_developed"].sum())
        row["cost_per_teacher_developed"] = (
            row["leadership_cost"] / developed if developed else pd.NA
        )
        if with_model:
            row["compliance_score"] = _known_mean(group["compliance_score"])
            measured = group["meets_model"].dropna()
            row["schools_meeting_model"] = float(measured.sum())
            row["share_schools_meeting_model"] = float(measured.mean()) if len(measured) else pd.NA
        rows[pd.Timestamp(str(when))] = row
    out = pd.DataFrame.from_dict(rows, orient="index").astype("Float64")
    out.index = pd.DatetimeIndex(out.index, name="snapshot")
    return out


def _known_max(values: pd.Series) -> Any:
    known = values.dropna()
    return float(known.max()) if len(known) else pd.NA


def _known_mean(values: pd.Series) -> Any:
    known = values.dropna()
    return float(known.mean()) if len(known) else pd.NA


def _long(wide: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Measures as rows (``metric``, ``value``), in the order of :data:`TREND_METRICS`."""
    canonical = ["schools", *TREND_METRICS, "schools_meeting_model", "share_schools_meeting_model"]
    columns = [c for c in canonical if c in wide.columns]
    shown = wide[
        columns + [c for c in wide.columns if c not in columns and not str(c).startswith("_")]
    ]
    long = shown.melt(ignore_index=False, var_name="metric", value_name="value").reset_index()
    order = {m: i for i, m in enumerate(shown.columns)}
    long["_order"] = long["metric"].map(order)
    long = long.sort_values([*keys, "_order"], kind="mergesort").drop(columns="_order")
    long["metric"] = long["metric"].astype(STRING)
    long["value"] = long["value"].astype("Float64")
    for key in keys:
        if key != "snapshot":
            long[key] = long[key].astype(STRING)
    return long.reset_index(drop=True)


def _final_waves(series: RosterSeries) -> pd.Series:
    """Each school's pilot wave on the last snapshot it is on (``none`` without one)."""
    schools = series.schools().sort_values("snapshot", kind="mergesort")
    last = schools.groupby("school_id", sort=True).last()
    wave = last["pilot_wave"].astype("Int64").astype(STRING).fillna(NO_WAVE)
    return wave.rename("pilot_wave")


def _wave_starts(
    series: RosterSeries, wave_of: pd.Series, given: Mapping[int, DateLike] | None
) -> pd.DataFrame:
    """Each wave's schools, model and start (given, or the first snapshot on which at least
    half of its schools declare the model they follow on the last snapshot)."""
    schools = series.schools()
    latest = schools.sort_values("snapshot", kind="mergesort").groupby("school_id").last()
    rows = []
    for wave, members in wave_of[wave_of != NO_WAVE].groupby(wave_of, sort=True).groups.items():
        target = latest.loc[list(members), "model"]
        model = target.mode().iloc[0] if target.notna().any() else pd.NA
        start: Any = pd.NaT
        number = int(str(wave))
        if given is not None and number in given:
            start = pd.Timestamp(as_date(given[number], f"waves[{wave}]"))
        else:
            for when in series.dates:
                on = schools[(schools["snapshot"] == pd.Timestamp(when)).to_numpy(dtype=bool)]
                declared = on.set_index("school_id")["model"].reindex(target.index)
                following = declared.eq(target).fillna(False).to_numpy(dtype=bool)
                if following.mean() >= 0.5:
                    start = pd.Timestamp(when)
                    break
        rows.append({"pilot_wave": wave, "schools": len(members), "model": model, "start": start})
    out = pd.DataFrame(rows, columns=["pilot_wave", "schools", "model", "start"])
    out["start"] = pd.to_datetime(out["start"])
    return out.astype({"pilot_wave": STRING, "model": STRING, "schools": "int64"})
