"""The strategic plan through Analysis, the plots, the report and the command line (issue 23)."""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib
import pandas as pd
import pytest

import leadmodel as lm
from leadmodel.cli import main
from leadmodel.metrics.rocks import ROCK_STATES
from tests import plan_data as data
from tests.test_report import Page, _number

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def roster() -> lm.Roster:
    return data.roster()


@pytest.fixture(scope="module")
def plan(roster: lm.Roster) -> lm.Plan:
    return data.plan(roster)


@pytest.fixture(scope="module")
def sample() -> lm.datasets.PlanSample:
    return lm.load_sample("district_plan")


@pytest.fixture(scope="module")
def small_report(
    roster: lm.Roster, plan: lm.Plan, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    out = tmp_path_factory.mktemp("plan_report") / "plan.html"
    return lm.write_report(roster, out, plan=plan, as_of="2024-10-28")


@pytest.fixture(scope="module")
def small_html(small_report: Path) -> str:
    return small_report.read_text("utf-8")


# ------------------------------------------------------------------ Analysis


def test_analysis_offers_the_plan_measures(roster: lm.Roster, plan: lm.Plan) -> None:
    a = lm.Analysis(roster, plan=plan)
    assert a.plan_date.isoformat() == "2024-11-29"  # the plan's latest update, not today
    assert lm.Analysis(roster, plan=plan, as_of="2024-10-28").plan_date.isoformat() == (
        "2024-10-28"
    )
    pd.testing.assert_frame_equal(
        a.initiative_load().people, lm.initiative_load(roster, plan).people
    )
    pd.testing.assert_frame_equal(a.focus(), lm.clarity_of_focus(roster, plan))
    assert a.rocks().as_of == a.plan_date
    assert a.abandonment().index.tolist() == ["I2", "I1", "I4"]  # as on 2024-12-20: the same
    tables = a.tables()
    assert {"plan_people", "plan_schools", "plan_teams", "plan_roles", "plan_initiatives",
            "plan_issues", "plan_accounting", "rocks", "rocks_by_owner", "rocks_by_school",
            "abandonment_candidates"} <= set(tables)  # fmt: skip
    headline = a.headline()
    assert headline["initiatives (serving a priority)"] == "4 (2)"
    over = headline["leaders over capacity with the initiatives"]
    assert over == "2 of 6"  # P1 and H1 of the six leaders (P1, A1, L1, C1, H1, P2)
    assert headline["rocks late or stalled on 2024-11-29"] == "1 of 4"  # R3 late
    assert "initiative_load()" in a._repr_html_()


def test_analysis_without_a_plan_says_how_to_give_one(roster: lm.Roster) -> None:
    with pytest.raises(lm.DefinitionError, match="plan="):
        lm.Analysis(roster).initiative_load()
    assert "plan_people" not in lm.Analysis(roster).tables()


def test_a_plan_without_updates_needs_a_date(roster: lm.Roster) -> None:
    t = data.tables()
    t.pop("updates")
    plan = lm.read_plan(t.pop("initiatives"), roster=roster, school_year=data.YEAR, **t)
    a = lm.Analysis(roster, plan=plan)
    assert "rocks" not in a.tables()  # no date to measure rocks on: left out, not guessed
    with pytest.raises(lm.DefinitionError, match="as_of"):
        a.rocks()
    assert len(lm.Analysis(roster, plan=plan, as_of="2024-10-01").rocks().rocks) == 4


def test_the_sample_runs_through_analysis(sample: lm.datasets.PlanSample) -> None:
    a = lm.Analysis(sample.roster, plan=sample.plan)
    assert a.plan_date.isoformat() == "2025-02-07"
    tables = a.tables()
    assert len(tables["plan_initiatives"]) == 30 and len(tables["rocks"]) == 108
    assert tables["abandonment_candidates"]["reasons"].max() == 3


# ------------------------------------------------------------------ plots


def test_plots_count_what_they_draw(roster: lm.Roster, plan: lm.Plan) -> None:
    status = lm.rock_status(plan, "2024-10-28")
    counts = lm.plots.measure(lm.plot_rocks(status))
    assert {s: int(counts[f"rocks_{s}"]) for s in ("done", "late", "not_started")} == {
        "done": 1, "late": 1, "not_started": 2,
    }  # fmt: skip
    priorities = lm.plots.measure(lm.plot_priorities(plan, lm.initiative_load(roster, plan)))
    assert priorities == {"plan_aligned_initiatives": 2.0, "plan_unaligned_initiatives": 2.0}
    ax = lm.plot_initiative_load(lm.initiative_load(roster, plan))
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "principal (1 of 2 over)" in labels and "chair (1 of 1 over)" in labels
    assert not any(label.startswith("teacher") for label in labels)  # no capacity: not drawn


def test_the_timeline_says_how_many_rocks_it_leaves_out(sample: lm.datasets.PlanSample) -> None:
    status = lm.rock_status(sample.plan, "2025-02-07")
    ax = lm.plot_rocks(status, max_rocks=10)
    notes = [t.get_text() for t in ax.texts if t.get_gid() == "more"]
    assert notes == ["and 98 more rocks not shown"]
    assert sum(lm.plots.measure(ax).values()) == 10
    assert int(lm.plots.measure(ax)["rocks_late"]) == 10  # the late ones first


# ------------------------------------------------------------------ the report


def _check_plan_page(page: Page, *, all_rocks_drawn: bool) -> None:
    """Every fact the plan's section states equals its table and what its figures draw."""

    def one(name: str) -> float:
        values = {_number(v) for v in page.facts[name]}
        assert len(values) == 1, (name, values)
        return values.pop()

    priorities = page.column("plan-initiatives", "priority_id")
    aligned = sum(p != "n/a" for p in priorities)
    assert one("plan_initiatives") == len(priorities)
    assert one("plan_aligned_initiatives") == aligned
    assert page.counted("plan_aligned_initiatives") == {aligned}
    unaligned = len(priorities) - aligned
    assert one("plan_unaligned_initiatives") == unaligned
    assert page.counted("plan_unaligned_initiatives") == {unaligned}
    assert one("plan_leaders_over_after") == page.total("plan-roles", "leaders_over_after")
    assert one("plan_leaders_over_before") == page.total("plan-roles", "leaders_over_before")
    for state in ROCK_STATES:
        total = page.total("rocks-by-school", state)
        assert one(f"rocks_{state}") == total, state
        drawn = page.counted(f"rocks_{state}")
        assert drawn == {total} if all_rocks_drawn else all(d <= total for d in drawn), state
    late_or_stalled = sum(page.total("rocks-by-school", s) for s in ("late", "stalled"))
    assert one("plan_rocks_late_or_stalled") == late_or_stalled
    assert one("plan_candidates") == len(page.tables["abandonment"])


def test_the_report_section_says_what_its_tables_and_figures_show(small_html: str) -> None:
    page = Page(small_html)
    _check_plan_page(page, all_rocks_drawn=True)
    assert "<h2>Execution: the strategic plan</h2>" in small_html
    assert page.facts["plan_initiatives"] == {"4"} and page.facts["plan_priorities"] == {"2"}
    assert page.facts["rocks_done"] == {"1"} and page.facts["rocks_late"] == {"1"}
    # the abandonment review on 2024-10-28: I2 (no priority, lands on P1), I1 (P1) and I4
    # (its rock R3 started 09-09 and last moved on 09-13, the day the window (09-13, 10-28]
    # opens: no progress in it)
    assert page.column("abandonment", "initiative_id") == ["I2", "I1", "I4"]
    assert "none of its 1 rocks moved in the 45 days to 2024-10-28 (last on 2024-09-13)" in (
        small_html
    )
    assert "rocks measured on</dt><dd>2024-10-28 (given)" in small_html
    for key in lm.plan_report.PLAN_TERMS:
        assert f'id="term-{key.replace("_", "-")}"' in small_html


@pytest.mark.slow  # a 185-school report (10 s)
def test_the_report_of_the_sample_plan(sample: lm.datasets.PlanSample, tmp_path: Path) -> None:
    html = lm.write_report(sample.roster, tmp_path / "p.html", plan=sample.plan).read_text("utf-8")
    page = Page(html)
    _check_plan_page(page, all_rocks_drawn=False)
    assert "rocks measured on</dt><dd>2025-02-07 (the plan&#x27;s latest update)" in html
    assert "45-day" in html and "strategic abandonment" in html
    assert len(page.tables["plan-initiatives"]) == 30  # in full, in the appendix
    assert "IN24" in html and "do not say whom they land on" in html


def test_the_report_is_reproducible(
    roster: lm.Roster, plan: lm.Plan, small_report: Path, tmp_path: Path
) -> None:
    again = lm.write_report(roster, tmp_path / "b.html", plan=plan, as_of="2024-10-28")
    assert again.read_bytes() == small_report.read_bytes()  # the plan's section too


def test_the_report_pseudonymises_the_plan(
    roster: lm.Roster, plan: lm.Plan, tmp_path: Path
) -> None:
    masked = lm.write_report(roster, tmp_path / "m.md", plan=plan, pseudonymise=True)
    text = masked.read_text("utf-8")
    for real in ("P1", "A1", "L1", "P2"):  # the owners and the people the plan names
        assert not re.search(rf"(?<![\w-]){real}(?![\w-])", text), real
    assert "Execution: the strategic plan" in text


# ------------------------------------------------------------------ the command line


@pytest.mark.slow  # the 185-school sample through analyze and report (16 s)
def test_the_cli_on_the_sample_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "tables"
    assert main(["analyze", "--sample", "district_plan", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Candidates for strategic abandonment on 2025-02-07" in printed
    assert "IN19" in printed and "Initiative load per role" in printed
    written = {p.stem for p in out.iterdir()}
    assert {"plan_roles", "rocks_by_school", "abandonment_candidates"} <= written
    assert main(["report", "--sample", "district_plan", "-o", str(tmp_path / "r.md"),
                 "--as-of", "2024-12-20"]) == 0  # fmt: skip
    assert "On 2024-12-20" in (tmp_path / "r.md").read_text("utf-8")


def _files(roster: lm.Roster, tmp_path: Path, tables: dict[str, pd.DataFrame]) -> tuple[str, str]:
    roster_dir = tmp_path / "roster"
    lm.write_roster(roster, roster_dir, format="csv")
    plan_dir = tmp_path / "plan"
    plan_dir.mkdir()
    for name, frame in tables.items():
        frame.to_csv(plan_dir / f"{name}.csv", index=False)
    return str(roster_dir), str(plan_dir)


def test_the_cli_reads_a_plan_file(
    roster: lm.Roster, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster_dir, plan_dir = _files(roster, tmp_path, data.tables())
    year = ["--school-year", *data.YEAR]
    assert main(["analyze", roster_dir, "--plan", plan_dir, *year, "--as-of", "2024-12-20"]) == 0
    assert "I4" in capsys.readouterr().out
    assert main(["validate", roster_dir, "--plan", plan_dir, *year]) == 0
    assert "long_rock" in capsys.readouterr().out


def test_a_bad_plan_gives_the_issues_table_and_exit_1(
    roster: lm.Roster, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tables = data.tables()
    tables["demands"].loc[0, "role"] = "Wizard"
    tables["updates"].loc[0, "status"] = "green"
    roster_dir, plan_dir = _files(roster, tmp_path, tables)
    year = ["--school-year", *data.YEAR]
    assert main(["validate", roster_dir, "--plan", plan_dir, *year]) == 1
    out = capsys.readouterr().out
    assert "unknown_role" in out and "invalid_value" in out and "demands" in out
    written = tmp_path / "issues.csv"
    args = ["validate", roster_dir, "--plan", plan_dir, *year, "--issues-out", str(written)]
    assert main([*args, "--max-issues", "1"]) == 1
    assert "2 more in the plan (use --issues-out to write them all)" in capsys.readouterr().out
    issues = pd.read_csv(written)  # the roster has none; the plan's three are written:
    assert issues[["table", "code"]].values.tolist() == [
        ["demands", "unknown_role"],  # the Wizard
        ["rocks", "long_rock"],  # the warning the good plan has too
        ["updates", "invalid_value"],  # green
    ]
    assert main(["analyze", roster_dir, "--plan", plan_dir, *year]) == 1  # strict: an error
    assert "problem(s) in the plan" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["analyze", "--plan", "x"], "--school-year"),
        (["analyze", "--as-of", "2024-12-20"], "--as-of goes with --log or a plan"),
        (["analyze", "--school-year", "2024-08-26", "2025-06-06"], "goes with --log or --plan"),
        (["validate", "--plan", "x"], "go together"),
    ],
)
def test_plan_options_that_do_not_go_together_exit_2(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 2
    assert message in capsys.readouterr().err


# ------------------------------------------------------------------ the docs


def test_every_plan_column_is_in_the_glossary(roster: lm.Roster, plan: lm.Plan) -> None:
    glossary = (Path(__file__).parents[1] / "docs" / "glossary.md").read_text(encoding="utf-8")
    tables = lm.Analysis(roster, plan=plan).tables()
    frames = [
        *plan.tables().values(),
        *tables.values(),
        lm.initiative_load(roster, plan).assignments,
    ]
    missing = sorted({c for f in frames for c in f.columns if f"`{c}`" not in glossary})
    assert missing == []
