"""Each plot draws what it says: bars, boxes, points and labels are counted."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

import leadmodel as lm


@pytest.fixture(autouse=True)
def _close_figures() -> object:
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def today() -> lm.Roster:
    return lm.load_sample("traditional_elementary")


def test_plot_spans_one_box_per_scenario(today: lm.Roster) -> None:
    ax = lm.plot_spans({"Today": today, "Green Dot": lm.load_sample("green_dot")})
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Today", "Green Dot"]
    dots = [c.get_offsets() for c in ax.collections]
    assert [len(d) for d in dots] == [2, 3]  # principal + AP; principal + 2 APs
    assert "span" in ax.get_ylabel()


def test_plot_span_benchmarks_bars(today: lm.Roster) -> None:
    ax = lm.plot_span_benchmarks(today)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(ax.patches) == len(lm.span_benchmarks()) + 2
    assert "Average principal" in labels and "This roster: largest span" in labels
    widths = {lab: p.get_width() for lab, p in zip(labels, ax.patches, strict=True)}
    assert widths["This roster: largest span"] == 27 and widths["Average principal"] == 37


def test_plot_observation_load_marks_over_capacity(today: lm.Roster) -> None:
    ax = lm.plot_observation_load(today)
    # two leaders with load (principal, AP) x four activities
    assert len(ax.patches) == 2 * 4
    red = [
        t.get_text()
        for t in ax.get_yticklabels()
        if t.get_color() == lm.plots.PALETTE["vermillion"]
    ]
    assert red == ["TRAD-A01 (assistant_principal)", "TRAD-P01 (principal)"]
    assert "2 of 2 leaders over capacity" in ax.get_title()


def test_plot_org_chart_draws_every_person(today: lm.Roster) -> None:
    ax = lm.plot_org_chart(today)
    leaders, teachers = (len(c.get_offsets()) for c in ax.collections)
    # principal, AP, 2 coaches and 6 chairs are labelled leaders; 48 plain teachers are dots
    assert (leaders, teachers) == (10, 48)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[:4] == ["develops", "evaluates", "coaches", "facilitates"]


def test_plot_coverage_stacks_every_teacher() -> None:
    roster = lm.load_sample("denver_team_lead")
    ax = lm.plot_coverage(roster)
    assert len(ax.patches) == 3  # one school x three developer statuses
    assert sum(p.get_height() for p in ax.patches) == 48  # every teacher once
    # 48 teachers, all developed by a Team Lead within the target; 7 have a literacy or
    # math coach who neither evaluates them nor gives evaluation input (methodology)
    assert lm.plots.measure(ax) == {
        "developer_within_target": 48,
        "developer_over_target": 0,
        "no_developer": 0,
        "fragmented": 7,
    }
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [*lm.plots.COVERAGE_STATUS, "fragmented: coaching split from evaluation"]


def test_plot_compliance_grid() -> None:
    roster = lm.load_sample("district")
    report = lm.compliance(roster, "denver")
    ax = lm.plot_compliance(report, max_schools=185)
    image = ax.get_images()[0].get_array()
    assert image.shape == (185, 5)  # 185 schools x (4 tight + 1 loose) rules
    assert ax.get_xticklabels()[-1].get_text() == "lead_release\n(loose)"
    every = int((report.schools["tight_passed"] == report.schools["tight_rules"]).sum())
    assert lm.plots.measure(ax) == {"schools_meeting_every_tight_rule": every}


def test_plot_compliance_counts_schools_per_rule_beyond_max_schools() -> None:
    report = lm.compliance(lm.load_sample("district"), "denver")
    ax = lm.plot_compliance(report)  # 185 schools > 40: one bar per rule
    assert not ax.get_images()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "every tight rule" and labels[-1] == "lead_release (loose)"
    # every bar (met + missed + not measurable) counts all 185 schools
    widths: dict[float, float] = {}
    for patch in ax.patches:
        widths[patch.get_y()] = widths.get(patch.get_y(), 0) + patch.get_width()
    assert set(widths.values()) == {185}
    flat = report.rules.reset_index()
    passed = flat[flat["passed"].astype(bool)].groupby("rule").size()
    every = int((report.schools["tight_passed"] == report.schools["tight_rules"]).sum())
    met = [int(bar.get_width()) for bar in ax.containers[0]]  # the green bars, top down
    rules = [label.split(" (")[0] for label in labels[1:]]
    assert met == [every, *(int(passed.get(rule, 0)) for rule in rules)]
    assert lm.plots.measure(ax) == {"schools_meeting_every_tight_rule": every}


def test_plot_scenarios_and_rollout(today: lm.Roster) -> None:
    table = lm.compare({"Today": today, "Denver": lm.apply_model(today, "denver")})
    ax = lm.plot_scenarios(table)
    assert [len(line.get_xdata()) for line in ax.lines] == [1, 1]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Today", "Denver"]
    assert ax.get_xlabel() == "leadership cost per year (USD)"
    cost = table[table["metric"] == "leadership_cost"].groupby("scenario")["value"].sum()
    assert ax.lines[0].get_xdata()[0] == cost["Today"]  # in dollars, not thousands
    assert ax.xaxis.get_major_formatter()(95_000, 0) == "$95k"
    district = lm.load_sample("district")
    traditional = district.schools.loc[district.schools["model"] == "traditional", "school_id"]
    rollout = lm.rollout(district, "denver", waves={"1": traditional[:2].tolist()})
    ax = lm.plot_rollout(rollout)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["today", "after wave 1"]
    assert len(ax.patches) == 2


def test_plots_never_show_or_save(today: lm.Roster, monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("a plot function showed or saved a figure")

    monkeypatch.setattr(plt, "show", forbidden)
    monkeypatch.setattr(plt.Figure, "savefig", forbidden)
    _fig, ax = plt.subplots()
    assert lm.plot_spans(today, ax=ax) is ax


@pytest.mark.slow  # runs docs/make_plots.py
def test_docs_plot_script_draws_all_eighteen(tmp_path: Path) -> None:
    import importlib.util

    script = Path(__file__).resolve().parents[1] / "docs" / "make_plots.py"
    spec = importlib.util.spec_from_file_location("make_plots", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written = module.make_all(tmp_path)
    assert sorted(p.name for p in written) == sorted(
        f"{n}.png"
        for n in (
            "spans",
            "span_benchmarks",
            "observation_load",
            "org_chart",
            "coverage",
            "compliance",
            "scenarios",
            "rollout",
            "nps",
            "felt_responsibility",
            "advice_overlay",
            "observation_drought",
            "planned_vs_actual",
            "dosage",
            "initiative_load",
            "rocks",
            "priorities",
            "trends",
        )
    )
    assert all(p.stat().st_size > 5000 for p in written)


def test_plots_take_measurements_already_made() -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    roster = lm.load_sample("green_dot")
    heights = []
    for data in (roster, lm.coverage_gaps(roster)):
        ax = lm.plot_coverage(data, ax=Figure().add_subplot())
        heights.append([p.get_height() for p in ax.patches])
    assert heights[0] == heights[1] and sum(heights[0]) == 33  # the school's 33 teachers
    widths = []
    for data in (roster, lm.span_of_control(roster)):
        ax = lm.plot_span_benchmarks(data, ax=Figure().add_subplot())
        widths.append([p.get_width() for p in ax.patches])
    assert widths[0] == widths[1]


def test_org_chart_draws_everyone_in_a_circle_of_develops_links() -> None:
    import pandas as pd
    from matplotlib.figure import Figure

    staff = pd.DataFrame(
        {
            "staff_id": ["P", "A", "B", "T1", "T2"],
            "school_id": ["S"] * 5,
            "role": [
                "principal",
                "assistant_principal",
                "assistant_principal",
                "teacher",
                "teacher",
            ],
        }
    )
    # A and B develop each other (nobody links them to P); each develops one teacher
    pairs = [("A", "B"), ("B", "A"), ("A", "T1"), ("B", "T2")]
    links = pd.DataFrame(
        {
            "leader_id": [a for a, _ in pairs],
            "staff_id": [b for _, b in pairs],
            "relation": "develops",
        }
    )
    roster = lm.read_roster(staff, links=links)
    ax = lm.plot_org_chart(roster, ax=Figure().add_subplot())
    drawn = sum(len(c.get_offsets()) for c in ax.collections)
    assert drawn == 5  # P, A, B (leaders) and T1, T2 (teachers)
    no_principal = lm.read_roster(staff[staff["staff_id"] != "P"], links=links)
    ax = lm.plot_org_chart(no_principal, ax=Figure().add_subplot())
    assert sum(len(c.get_offsets()) for c in ax.collections) == 4


# ------------------------------------------------------------------ from 1 school to 1,000


def _copies(roster: lm.Roster, n: int) -> lm.Roster:
    """``n`` copies of a one-school roster as ``n`` schools (ids prefixed by the copy)."""
    import pandas as pd

    def copy(frame: pd.DataFrame, i: int) -> pd.DataFrame:
        out = frame.assign(school_id=f"C{i:04d}")
        for col in ("staff_id", "leader_id"):
            if col in out:
                out[col] = f"C{i:04d}-" + out[col]
        return out.drop(columns=["team_id"], errors="ignore")

    return lm.read_roster(
        pd.concat([copy(roster.staff, i) for i in range(n)], ignore_index=True),
        links=pd.concat([copy(roster.links, i) for i in range(n)], ignore_index=True),
        schools=pd.concat([copy(roster.schools, i) for i in range(n)], ignore_index=True),
    )


@pytest.fixture(scope="module")
def thousand() -> lm.Roster:
    return _copies(lm.load_sample("green_dot"), 1000)


def test_plots_stay_readable_from_one_school_to_a_thousand(thousand: lm.Roster) -> None:
    one = lm.load_sample("green_dot")
    for roster in (one, thousand):
        for draw in (lm.plot_spans, lm.plot_coverage, lm.plot_observation_load):
            ax = draw(roster)
            width, height = ax.figure.get_size_inches()
            assert width <= lm.plots.MAX_SIZE[0] and height <= lm.plots.MAX_SIZE[1]
            labelled = [t for t in ax.get_xticklabels() + ax.get_yticklabels() if t.get_text()]
            assert len(labelled) <= lm.plots.MAX_LABELS, draw.__name__
            plt.close("all")


def test_a_thousand_schools_are_all_counted_in_the_coverage_plot(thousand: lm.Roster) -> None:
    ax = lm.plot_coverage(thousand)
    assert len(ax.containers[0]) == 1000  # a bar for every school, none left out
    assert (
        sum(
            lm.plots.measure(ax)[k]
            for k in ("developer_within_target", "no_developer", "developer_over_target")
        )
        == 33 * 1000
    )
    assert ax.get_xticklabels() == [] and "1000 schools" in ax.get_xlabel()


def test_spans_of_many_schools_show_one_box_per_model(thousand: lm.Roster) -> None:
    ax = lm.plot_spans(thousand)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["green_dot\n(1000 schools)"]


def test_spans_of_many_schools_without_models_show_the_largest_and_say_how_many_more(
    thousand: lm.Roster,
) -> None:
    schools = thousand.schools.assign(model=None)
    unmodelled = lm.read_roster(thousand.staff, links=thousand.links, schools=schools)
    ax = lm.plot_spans(unmodelled)  # no school model: the 40 schools with the largest spans
    assert len(ax.get_xticklabels()) == 40
    notes = [t.get_text() for t in ax.texts if t.get_gid() == "more"]
    assert notes == ["and 960 more schools (those with smaller spans) not shown"]


def test_observation_load_of_many_leaders_is_a_histogram_counting_them_all() -> None:
    district = lm.load_sample("district")
    load = lm.observation_load(district)
    with_load = load[load["hours_required"] > 0]
    ax = lm.plot_observation_load(district)
    counts = lm.plots.measure(ax)
    assert counts["leaders_over_capacity"] == int(with_load["over_capacity"].sum())
    assert counts["leaders_over_capacity"] + counts["leaders_within_capacity"] == len(with_load)


def test_ids_with_dollar_signs_draw_as_text() -> None:
    import pandas as pd

    staff = pd.DataFrame(
        {
            "staff_id": ["P$x^$", "A$1$", "T$", "T2"],
            "school_id": ["S$a$"] * 4,
            "role": ["principal", "assistant_principal", "teacher", "teacher"],
        }
    )
    links = pd.DataFrame(
        {"leader_id": ["P$x^$", "A$1$"], "staff_id": ["T$", "T2"], "relation": ["develops"] * 2}
    )
    roster = lm.read_roster(staff, links=links)
    for draw in (lm.plot_org_chart, lm.plot_spans, lm.plot_coverage, lm.plot_observation_load):
        ax = draw(roster)
        ax.figure.canvas.draw()  # a mathtext error would be raised here
    report = lm.compliance(roster, "denver")
    lm.plot_compliance(report).figure.canvas.draw()


def test_org_chart_labels_in_a_crowded_row_are_staggered() -> None:
    from leadmodel.plots.structure import label_offsets

    row = {f"L{i}": (float(i), -1.0) for i in range(6)}  # six leaders one slot apart
    rises = label_offsets(row, slots_per_inch=4)  # a label needs 2.8 slots
    assert list(rises.values()) == [8.0, 26.0, 44.0, 8.0, 26.0, 44.0]


@pytest.mark.parametrize(
    ("plot", "made_by"),
    [
        (lm.plot_nps, "net_promoter_score"),
        (lm.plot_felt_responsibility, "felt_responsibility"),
        (lm.plot_rollout, "rollout"),
        (lm.plot_scenarios, "compare"),
        (lm.plot_observation_load, "observation_load"),
        (lm.plot_span_benchmarks, "span_of_control"),
    ],
)
def test_a_plot_given_another_table_says_which_it_draws(plot: object, made_by: str) -> None:
    import pandas as pd

    whose = rf"\(the table {made_by}\(\) returns\)"
    with pytest.raises(lm.DefinitionError, match=rf"column {whose}\.$"):
        plot(pd.DataFrame({"x": [1]}))  # type: ignore[operator]
    with pytest.raises(lm.DefinitionError, match=rf"is a DataFrame {whose}, not a list\.$"):
        plot([1, 2])  # type: ignore[operator]
    plt.close("all")
