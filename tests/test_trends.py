"""Trends of every school-level measure over a series: by hand, and the rollout sample."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import leadmodel as lm
from tests import three_years as ty


@pytest.fixture(scope="module")
def small() -> lm.Trends:
    return lm.trends(ty.series())


@pytest.fixture(scope="module")
def rollout() -> lm.Trends:
    return lm.trends(lm.load_sample("district_years").series, model="denver")


def test_district_trends_by_hand(small: lm.Trends) -> None:
    wide = small.wide("district")
    # developers' spans: 2013 P-N1 3, A-N1 2, P-S1 3 -> median 3; 2014 P-N1 2, A-N1 3,
    # T-N1 1, P-S1 2 -> 2; 2015 P-N1 2, A-N1 3, T-N1 1 (vacant P-S1 develops nobody) -> 2
    assert wide["median_span"].tolist() == [3.0, 2.0, 2.0]
    assert wide["max_span"].tolist() == [3.0, 3.0, 3.0]
    # teachers are people: 7; then T-N5 opens (8 positions) while T-S2 is vacant (7 people);
    # then T-S2 is filled (8: P-S1's vacancy is no teacher's)
    assert wide["teachers"].tolist() == [7.0, 7.0, 8.0]
    assert wide["vacant_positions"].tolist() == [0.0, 1.0, 1.0]
    # 2015: P-S1 vacant, so T-S1, T-S2 and T-S3 have no developer (and no evaluator)
    assert wide["no_developer"].tolist() == [0.0, 0.0, 3.0]
    assert wide["no_evaluator"].tolist() == [0.0, 0.0, 3.0]
    # pooled over the teachers who are there: 2015, N's 5 of 8 developed within 13 = 0.625
    assert wide["share_developed_within_target"].tolist() == [1.0, 1.0, 0.625]
    assert "compliance_score" not in wide  # no model given


def test_school_trends_line_up_by_matched_id(small: lm.Trends) -> None:
    wide = small.wide("schools")
    assert wide.index.get_level_values("school_id").tolist() == ["N", "S"] * 3
    north = wide.xs("N", level="school_id")
    # N: P-N1 develops 3, A-N1 2 -> median 2.5; then 2, 3, 1 (T-N1) -> 2
    assert north["median_span"].tolist() == [2.5, 2.0, 2.0]
    south = wide.xs("S", level="school_id")
    # S in 2015 has no developer: no span to measure, never a span of 0
    assert south["max_span"].isna().tolist() == [False, False, True]
    assert south["share_developed_within_target"].tolist() == [1.0, 1.0, 0.0]


def test_unknown_utilisation_stays_unknown() -> None:
    """A school whose visiting leader's hours are unknown makes the district's headline
    unknown, not the largest known one."""
    staff = ty.staff(ty.DATES[0])
    staff.loc[staff["staff_id"] == "A-N1", "role"] = "other"  # the time model has no hours for it
    series = lm.read_rosters({ty.DATES[0]: lm.read_roster(staff, schools=ty.schools())})
    found = lm.trends(series).wide("district")
    assert found["max_utilisation"].isna().all()


def test_the_rollout_sample_reproduces_14_40_71_schools_on_the_model(rollout: lm.Trends) -> None:
    district = rollout.wide("district")
    assert district["schools_meeting_model"].tolist() == [14.0, 40.0, 71.0]
    assert district["share_schools_meeting_model"].tolist() == pytest.approx(
        [14 / 185, 40 / 185, 71 / 185]
    )
    waves = rollout.waves.set_index("pilot_wave")
    assert waves["schools"].tolist() == [14, 26, 31]
    assert waves["start"].dt.strftime("%Y-%m-%d").tolist() == list(
        lm.load_sample("district_years").series.source["snapshots"]
    )


def test_the_rollout_sample_spans_fall_wave_by_wave(rollout: lm.Trends) -> None:
    district = rollout.wide("district")["median_span"].tolist()
    assert district[0] > district[1] > district[2]
    by_wave = rollout.wide("by_wave")["median_span"].unstack("pilot_wave")
    # each wave's median span falls in the year its schools join the model, and not before
    assert by_wave["1"].iloc[0] <= 8
    assert by_wave["2"].iloc[0] > 8 >= by_wave["2"].iloc[1]
    assert by_wave["3"].iloc[1] > 8 >= by_wave["3"].iloc[2]
    assert (by_wave["none"] > 8).all()
    share = rollout.wide("district")["share_developed_within_target"].tolist()
    assert share[0] < share[1] < share[2]


def test_tables_are_long_and_named(small: lm.Trends) -> None:
    assert list(small.schools.columns) == ["snapshot", "school_id", "metric", "value"]
    assert list(small.district.columns) == ["snapshot", "metric", "value"]
    assert list(small.by_wave.columns) == ["snapshot", "pilot_wave", "metric", "value"]
    assert sorted(small.tables()) == [
        "trends_by_wave",
        "trends_district",
        "trends_schools",
        "trends_waves",
    ]
    assert small.district_value("median_span").tolist() == [3.0, 2.0, 2.0]
    with pytest.raises(lm.DefinitionError, match="No district measure"):
        small.district_value("happiness")
    with pytest.raises(lm.DefinitionError, match="level"):
        small.wide("nation")
    pd.testing.assert_frame_equal(small.schools, lm.trends(ty.series()).schools)


def test_wave_dates_can_be_given() -> None:
    staff = {day: ty.staff(day) for day in ty.DATES}
    schools = ty.schools().assign(pilot_wave=[1, None])
    series = lm.read_rosters({day: lm.read_roster(s, schools=schools) for day, s in staff.items()})
    assert lm.trends(series).waves["start"].isna().all()  # no model declared: no start known
    given = lm.trends(series, waves={1: ty.DATES[1]}).waves
    assert given["start"].tolist() == [pd.Timestamp(ty.DATES[1])]


def test_plot_trend_draws_the_district_figures(small: lm.Trends) -> None:
    import matplotlib

    matplotlib.use("Agg")
    ax = lm.plot_trend(small, "median_span")
    # the district's line is the median spans 3, 2 and 2
    assert lm.plots.measure(ax) == {"median_span": 7.0}
    assert [t.get_text() for t in ax.get_xticklabels()] == list(ty.DATES)
    with pytest.raises(lm.DefinitionError, match="No district measure"):
        lm.plot_trend(small, "happiness")


def test_plot_trends_small_multiples_mark_the_waves(rollout: lm.Trends) -> None:
    import matplotlib

    matplotlib.use("Agg")
    figure = lm.plot_trends(rollout)
    titles = [ax.get_title(loc="left") for ax in figure.axes]
    assert titles == [m.replace("_", " ") for m in lm.plots.TREND_PANELS]
    # each panel marks the three waves where they start
    marks = [t.get_text() for t in figure.axes[0].texts]
    assert marks == [" wave 1 (14)", " wave 2 (26)", " wave 3 (31)"]
    with pytest.raises(lm.DefinitionError, match="happiness"):
        lm.plot_trends(rollout, ["median_span", "happiness"])


def test_the_report_on_a_series_has_a_section_over_the_years(tmp_path: Path) -> None:
    series = ty.series()
    first = lm.write_report(series, tmp_path / "years.html")
    page = first.read_text(encoding="utf-8")
    assert "Over the years" in page
    # the district's median span by year, as the hand-worked trends above give it
    assert "3.0, 2.0 and 2.0 teachers per developer" in page
    again = lm.write_report(series, tmp_path / "again.html")
    assert again.read_bytes() == first.read_bytes()
    plain = lm.write_report(series[ty.DATES[-1]], tmp_path / "one.html").read_text("utf-8")
    assert "Over the years" not in plain
    # with a model: how many schools met it on each snapshot (neither school has Team Leads
    # developing 75% of its teachers: none), dates as ISO days in the tables
    modelled = lm.write_report(series, tmp_path / "m.html", model="denver").read_text("utf-8")
    assert "0, 0, then " in modelled and "schools_meeting_model_last_snapshot" in modelled
    assert "2013-08-19 00:00:00" not in modelled
