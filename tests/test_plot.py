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
        t.get_text() for t in ax.get_yticklabels() if t.get_color() == lm.plot.PALETTE["vermillion"]
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
    assert len(ax.patches) == 4  # one school x four statuses
    assert sum(p.get_height() for p in ax.patches) == 48  # every teacher once
    assert [t.get_text() for t in ax.get_legend().get_texts()][-1] == "no developer"


def test_plot_compliance_grid() -> None:
    roster = lm.load_sample("district")
    ax = lm.plot_compliance(lm.compliance(roster, "denver"), max_schools=25)
    image = ax.get_images()[0].get_array()
    assert image.shape == (25, 5)  # 25 schools x (4 tight + 1 loose) rules
    assert ax.get_xticklabels()[-1].get_text() == "lead_release\n(loose)"


def test_plot_scenarios_and_rollout(today: lm.Roster) -> None:
    table = lm.compare({"Today": today, "Denver": lm.apply_model(today, "denver")})
    ax = lm.plot_scenarios(table)
    assert len(ax.collections[0].get_offsets()) == 2
    assert [t.get_text() for t in ax.texts] == ["Today", "Denver"]
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


def test_docs_plot_script_draws_all_fourteen(tmp_path: Path) -> None:
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
