"""Reports: self-contained, reproducible to the byte, escaped, pseudonymised on request."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import leadmodel as lm

HOSTILE = "<script>alert('x')</script>"


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("report")


@pytest.fixture(scope="module")
def green_dot_html(report_dir: Path) -> str:
    roster = lm.load_sample("green_dot")
    path = lm.write_report(roster, report_dir / "gd.html", model="green_dot", scenarios=["denver"])
    return path.read_text(encoding="utf-8")


def test_same_inputs_give_the_same_bytes(tmp_path: Path) -> None:
    roster = lm.load_sample("kipp_sunshine_peak")
    html = lm.write_report(roster, tmp_path / "r.html", model="kipp").read_bytes()
    assert lm.write_report(roster, tmp_path / "r.html", model="kipp").read_bytes() == html
    md = lm.write_report(roster, tmp_path / "r.md", model="kipp").read_bytes()
    pictures = [p.read_bytes() for p in sorted(tmp_path.glob("r_figures/*.png"))]
    assert lm.write_report(roster, tmp_path / "r.md", model="kipp").read_bytes() == md
    assert [p.read_bytes() for p in sorted(tmp_path.glob("r_figures/*.png"))] == pictures
    assert len(pictures) == 5  # org chart, benchmarks, coverage, observation, compliance


def test_html_report_is_self_contained_with_every_section(green_dot_html: str) -> None:
    html = green_dot_html
    sections = re.findall(r'<section id="([a-z-]+)">', html)
    assert sections == [
        "at-a-glance",
        "spans-of-control",
        "coverage-gaps",
        "observation-load",
        "compliance-with-the-leadership-model",
        "redesign-scenarios",
        "schools-and-the-input",
        "definitions",
        "methodology-and-sources",
        "provenance",
    ]  # no appendix: every table of one school fits in the body
    # one school: org chart, benchmarks, coverage, observation, compliance, scenarios
    assert html.count('src="data:image/png;base64,') == 6
    assert html.count("<figcaption>") == 6
    assert not re.search(r'(src|href)="(https?:)?//', html)  # nothing fetched from a network
    assert "<script" not in html


def test_provenance_names_version_checksums_and_parameters(green_dot_html: str) -> None:
    roster = lm.load_sample("green_dot")
    assert f"<dd>{lm.__version__}</dd>" in green_dot_html
    assert roster.checksum() in green_dot_html
    for text in ("bain_10_spot_1_formal v1", "green_dot v1", "scenario denver", "span target"):
        assert text in green_dot_html


def _hostile_roster() -> lm.Roster:
    staff = pd.DataFrame(
        {
            "staff_id": ["P", HOSTILE, "T1", "T2"],
            "school_id": ["S"] * 4,
            "role": ["principal", "assistant_principal", "teacher", "teacher"],
            "name": ["Ada <b>Park</b>", "Eve | `x` **y**", "Kim", "Lee"],
        }
    )
    schools = pd.DataFrame(
        {"school_id": ["S"], "name": ["<img src=x onerror=\"document.title='pwned'\">"]}
    )
    links = pd.DataFrame(
        {"leader_id": [HOSTILE, HOSTILE], "staff_id": ["T1", "T2"], "relation": ["develops"] * 2}
    )
    return lm.read_roster(staff, links=links, schools=schools)


def test_input_text_is_escaped_in_html_and_markdown(tmp_path: Path) -> None:
    roster = _hostile_roster()
    html = lm.write_report(roster, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script" not in html and "<img src=x" not in html and "<b>Park" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&quot;document.title=&#x27;pwned&#x27;&quot;&gt;" in html
    md = lm.write_report(roster, tmp_path / "r.md").read_text(encoding="utf-8")
    assert "<script" not in md and "<img src=x" not in md and "<b>Park" not in md
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in md
    assert r"Eve \| \`x\` \*\*y\*\*" in md  # a pipe cannot break the table


def test_pseudonymised_report_shows_no_real_ids_or_names(tmp_path: Path) -> None:
    roster = lm.load_sample("green_dot")
    html = lm.write_report(roster, tmp_path / "p.html", pseudonymise=True).read_text(
        encoding="utf-8"
    )
    leaders = lm.span_of_control(roster).index.get_level_values("leader_id")
    names = roster.staff.set_index("staff_id").loc[list(leaders), "name"].dropna()
    assert not [x for x in [*leaders, *names] if f">{x}<" in html]
    assert ">P0001<" in html
    assert "<dd>yes</dd>" in html  # provenance says the names were pseudonymised


def test_pseudonyms_keep_the_structure() -> None:
    roster = lm.load_sample("traditional_elementary")  # team leads too
    masked = lm.pseudonymise_roster(roster)
    assert set(masked.teams["lead_id"].dropna()) <= set(masked.staff["staff_id"])
    assert masked.teams["lead_id"].notna().sum() == roster.teams["lead_id"].notna().sum()
    before = lm.span_of_control(roster)["span"].sort_values().tolist()
    after = lm.span_of_control(masked)["span"].sort_values().tolist()
    assert before == after
    assert set(masked.staff.columns) == set(lm.roster.STAFF_COLUMNS)  # extras dropped


def test_markdown_links_each_figure_it_writes(tmp_path: Path) -> None:
    path = lm.write_report(lm.load_sample("denver_team_lead"), tmp_path / "d.md", model="denver")
    links = re.findall(r"\]\(<(d_figures/figure-\d+\.png)>\)", path.read_text(encoding="utf-8"))
    assert sorted(links) == sorted(
        f"d_figures/{p.name}" for p in (tmp_path / "d_figures").iterdir()
    )
    assert len(links) == 5  # org chart, benchmarks, coverage, observation, compliance


def test_unknown_report_type_is_refused(tmp_path: Path) -> None:
    with pytest.raises(lm.DefinitionError, match=r"\*\.html or \*\.md"):
        lm.write_report(lm.load_sample("green_dot"), tmp_path / "r.pdf")


# ------------------------------------------------------------------ browser

CHECK = """<script>
window.addEventListener("load", () => {
  const shown = [...document.images].filter(i => i.complete && i.naturalWidth > 0);
  const glance = document.getElementById("at-a-glance");
  document.body.setAttribute("data-images", String(shown.length));
  document.body.setAttribute("data-tables", String(document.querySelectorAll("table").length));
  document.body.setAttribute("data-title", document.title);
  document.body.setAttribute("data-viewport", String(window.innerHeight));
  if (glance) {
    document.body.setAttribute("data-glance-bottom", String(glance.getBoundingClientRect().bottom));
  }
});
</script>"""
#: Where the browser tests save their screenshots (kept out of git).
SCREENSHOTS = Path(__file__).parent / "output" / "screenshots"
SCREEN = (1280, 800)


def _browser() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _chromium(browser: str, profile: Path, *args: str) -> str:
    result = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--window-size={SCREEN[0]},{SCREEN[1]}",
            f"--user-data-dir={profile}",
            "--virtual-time-budget=5000",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    return result.stdout + result.stderr


def _probe(browser: str, page: str, tmp_path: Path) -> dict[str, str]:
    """Open the page in the browser; what the CHECK script found."""
    probe = tmp_path / "probe.html"
    probe.write_text(page.replace("</body>", CHECK + "</body>"), encoding="utf-8")
    dom = _chromium(browser, tmp_path / "profile", "--dump-dom", probe.as_uri())
    body = re.search(r"<body[^>]*>", dom)
    assert body is not None, dom[-2000:]
    return dict(re.findall(r'data-([\w-]+)="([^"]*)"', body.group(0)))


def _screenshot(browser: str, page: Path, name: str, tmp_path: Path) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / f"{name}.png"
    shot.unlink(missing_ok=True)
    _chromium(browser, tmp_path / "profile-shot", f"--screenshot={shot}", page.as_uri())
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return shot


@pytest.mark.slow  # starts Chromium
def test_report_renders_in_a_headless_browser(tmp_path: Path) -> None:
    browser = _browser()
    if browser is None:
        pytest.skip("No Chromium found: install Debian's `chromium` package (.ci/run does).")
    roster = _hostile_roster()
    path = lm.write_report(roster, tmp_path / "r.html", model="denver", scenarios=["denver"])
    page = path.read_text(encoding="utf-8")
    tables, figures = page.count("<table "), page.count("<img ")
    attrs = _probe(browser, page, tmp_path)
    assert attrs["images"] == str(figures) and figures >= 5  # every PNG decoded and shown
    assert attrs["tables"] == str(tables) and tables >= 8
    # the school's name would set the title to 'pwned' if it ran as markup
    assert attrs["title"].startswith("Leadership structure report")
    _screenshot(browser, path, "hostile-report-first-screen", tmp_path)


@pytest.mark.slow  # a 185-school report in Chromium
def test_district_report_summary_fills_the_first_screen(tmp_path: Path) -> None:
    browser = _browser()
    if browser is None:
        pytest.skip("No Chromium found: install Debian's `chromium` package (.ci/run does).")
    roster = lm.load_sample("district")
    path = lm.write_report(roster, tmp_path / "d.html", model="denver", scenarios=["green_dot"])
    page = path.read_text(encoding="utf-8")
    attrs = _probe(browser, page, tmp_path)
    assert attrs["images"] == str(page.count("<img ")) and int(attrs["images"]) >= 6
    # the title and the whole "At a glance" section are on the first screen (a 1280 x 800
    # window: the page sees about 650 pixels of it)
    assert 600 <= int(attrs["viewport"]) <= SCREEN[1]
    assert float(attrs["glance-bottom"]) <= int(attrs["viewport"])
    shot = _screenshot(browser, path, "district-report-first-screen", tmp_path)
    assert shot.stat().st_size > 20_000  # a rendered page, not a blank one


def test_model_text_stays_text_and_caller_styles_do_not_change_the_bytes(tmp_path: Path) -> None:
    import matplotlib

    staff = pd.DataFrame(
        {
            "staff_id": ["P", "A $x$", "T1"],
            "school_id": ["S"] * 3,
            "role": ["principal", "assistant_principal", "teacher"],
        }
    )
    links = pd.DataFrame({"leader_id": ["A $x$"], "staff_id": ["T1"], "relation": ["develops"]})
    roster = lm.read_roster(staff, links=links)
    model = lm.get_model("denver").model_copy(update={"label": "**Bold** `code`"})
    first = lm.write_report(roster, tmp_path / "a.html", model=model).read_bytes()
    html = first.decode("utf-8")
    assert "**Bold** `code`" in html and "<strong>Bold</strong>" not in html
    with matplotlib.rc_context({"axes.grid": True, "savefig.dpi": 50, "font.size": 20}):
        again = lm.write_report(roster, tmp_path / "a.html", model=model).read_bytes()
    assert again == first  # the report draws with matplotlib's defaults, whatever the caller set


def test_markdown_rerun_leaves_no_stale_figures_and_no_broken_rows(tmp_path: Path) -> None:
    path = tmp_path / "my report.md"
    lm.write_report(lm.load_sample("green_dot"), path, model="green_dot", scenarios=["denver"])
    lm.write_report(lm.load_sample("green_dot"), path)  # fewer figures this time
    linked = re.findall(r"\]\(<my report_figures/(figure-\d+\.png)>\)", path.read_text("utf-8"))
    on_disk = sorted(p.name for p in (tmp_path / "my report_figures").iterdir())
    assert sorted(linked) == on_disk and len(on_disk) == 4
    staff = pd.DataFrame(
        {"staff_id": ["P"], "school_id": ["S"], "role": ["principal"], "name": ["Ada\r\n| x |"]}
    )
    text = lm.write_report(lm.read_roster(staff), tmp_path / "r.md").read_text("utf-8")
    assert "\r" not in text


def test_pseudonymised_report_keeps_the_issue_counts(tmp_path: Path) -> None:
    roster = lm.read_roster(
        Path(__file__).parent / "data" / "messy" / "two_schools.csv", strict=False
    )
    html = lm.write_report(roster, tmp_path / "p.html", pseudonymise=True).read_text("utf-8")
    assert f"<dt>issues while loading</dt><dd>{len(roster.issues)}</dd>" in html
    assert "fte_over_one" in html


# ------------------------------------------------------------------ what the page says


class Page(HTMLParser):
    """The facts, figure counts and tables of a rendered report."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.facts: dict[str, set[str]] = {}
        self.figures: list[dict[str, float]] = []
        self.tables: dict[str, list[list[str]]] = {}
        self.headers: dict[str, list[str]] = {}
        self.terms: list[str] = []
        self._fact: str | None = None
        self._table: str | None = None
        self._cell: list[str] | None = None
        self._head = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "span" and a.get("data-fact"):
            self._fact = str(a["data-fact"])
        elif tag == "figure" and a.get("data-counts") is not None:
            self.figures.append(json.loads(str(a["data-counts"])))
        elif tag == "table":
            self._table = str(a.get("data-table"))
            self.tables[self._table], self.headers[self._table] = [], []
        elif tag == "thead":
            self._head = True
        elif tag == "tr" and self._table and not self._head:
            self.tables[self._table].append([])
        elif tag in ("td", "th") and self._table:
            self._cell = []
        elif tag == "dt" and str(a.get("id", "")).startswith("term-"):
            self.terms.append(str(a["id"]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "span":
            self._fact = None
        elif tag == "thead":
            self._head = False
        elif tag == "table":
            self._table = None
        elif tag in ("td", "th") and self._table and self._cell is not None:
            text = "".join(self._cell)
            if self._head:
                self.headers[self._table].append(text)
            else:
                self.tables[self._table][-1].append(text)
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._fact:
            self.facts.setdefault(self._fact, set()).add(data)
        if self._cell is not None:
            self._cell.append(data)

    def column(self, table: str, name: str) -> list[str]:
        at = self.headers[table].index(name)
        return [row[at] for row in self.tables[table]]

    def total(self, table: str, name: str) -> float:
        return sum(_number(v) for v in self.column(table, name) if v != "n/a")

    def counted(self, name: str) -> set[float]:
        """What the figures draw for ``name``, from their tagged artists."""
        return {f[name] for f in self.figures if name in f}


def _number(text: str) -> float:
    return float(text.replace(",", "").replace("$", "").rstrip("%"))


def _check_text_figures_and_tables(page: Page) -> None:
    """Every number the text states equals what the figures draw and the tables hold."""

    def one(name: str) -> float:
        values = {_number(v) for v in page.facts[name]}
        assert len(values) == 1, (name, values)  # the same wherever the text says it
        return values.pop()

    spans = [_number(v) for v in page.column("leaders", "span") if _number(v) > 0]
    checks: dict[str, tuple[float, set[float]]] = {
        "schools": (len(page.tables["schools"]), set()),
        "teachers": (page.total("coverage-by-school", "teachers"), set()),
        "largest_span": (max(spans), page.counted("largest_span")),
        "median_span": (float(np.median(spans)), page.counted("median_span")),
        "leaders_over_capacity": (
            page.total("observation-by-school", "leaders_over_capacity"),
            page.counted("leaders_over_capacity"),
        ),
    }
    for status in (
        "developer_within_target",
        "developer_over_target",
        "no_developer",
        "fragmented",
    ):
        checks[status] = (page.total("coverage-by-school", status), page.counted(status))
    teachers, within = checks["teachers"][0], checks["developer_within_target"][0]
    checks["share_developed_within_target"] = (round(100 * within / teachers), set())
    if "compliance-by-school" in page.tables:
        meets = page.column("compliance-by-school", "meets_every_tight_rule")
        checks["schools_meeting_every_tight_rule"] = (
            meets.count("yes"),
            page.counted("schools_meeting_every_tight_rule"),
        )
    if "issues" in page.tables:
        checks["issues"] = (page.total("issues", "count"), set())
    assert set(page.facts) <= set(checks), set(page.facts) - set(checks)  # every fact checked
    assert {"teachers", "fragmented", "no_developer", "leaders_over_capacity"} <= set(page.facts)
    for name in page.facts:
        table, drawn = checks[name]
        assert one(name) == table, (name, one(name), table)
        assert all(value == table for value in drawn), (name, drawn, table)
    # the coverage figure holds every teacher once
    figure = next(f for f in page.figures if "no_developer" in f)
    statuses = ("developer_within_target", "developer_over_target", "no_developer")
    assert sum(figure[s] for s in statuses) == checks["teachers"][0]


def test_every_count_in_the_text_is_the_count_in_its_figure_and_table(green_dot_html: str) -> None:
    page = Page(green_dot_html)
    _check_text_figures_and_tables(page)
    assert page.counted("schools_meeting_every_tight_rule") == {1}


def test_numbers_have_one_format_per_column(green_dot_html: str) -> None:
    page = Page(green_dot_html)
    for name, rows in page.tables.items():
        for at, header in enumerate(page.headers[name]):
            cells = [row[at] for row in rows if re.fullmatch(r"-?\$?[\d,]+(\.\d+)?%?", row[at])]
            decimals = {len(c.partition(".")[2].rstrip("%")) for c in cells}
            assert len(decimals) <= 1, (name, header, sorted(set(cells))[:5])
    cost = page.column("scenarios", "leadership_cost (total)")
    assert all(c.startswith("$") for c in cost) and len(cost) == 2  # money in dollars
    assert all(c.endswith("%") for c in page.column("schools", "share_developed_within_target"))


def test_each_term_is_defined_once_and_as_in_the_glossary(green_dot_html: str) -> None:
    from leadmodel.terms import TERMS

    page = Page(green_dot_html)
    assert len(page.terms) == len(set(page.terms)) >= 12
    glossary = (Path(__file__).parents[1] / "docs" / "glossary.md").read_text(encoding="utf-8")
    methodology = (Path(__file__).parents[1] / "docs" / "methodology.md").read_text("utf-8")
    for t in TERMS.values():
        if t.column is None:
            continue
        rows = [line for line in glossary.splitlines() if line.startswith(f"| `{t.column}` |")]
        assert any(line.endswith(f"| {t.definition} |") for line in rows), t.key
        bullet = f"- `{t.column}`: "
        for line in methodology.splitlines():
            if line.startswith(bullet):
                assert line.removeprefix(bullet).startswith(t.definition[:60]), t.key
    # the old second and third definitions of "fragmented" are gone
    assert "guided by more than one leader" not in green_dot_html
    assert "are not one person" not in green_dot_html


@pytest.mark.slow  # a 185-school report with a scenario
def test_district_report_is_consistent_and_cuts_nothing_silently(tmp_path: Path) -> None:
    roster = lm.load_sample("district")
    path = lm.write_report(roster, tmp_path / "d.html", model="denver", scenarios=["green_dot"])
    html = path.read_text(encoding="utf-8")
    page = Page(html)
    _check_text_figures_and_tables(page)
    assert len(page.tables["schools"]) == 185  # in full, in the appendix
    for part in [t for t in page.tables if t.endswith("-part")]:
        whole = part.removesuffix("-part")
        assert len(page.tables[part]) == 12 < len(page.tables[whole])
        assert f"The first 12 of {len(page.tables[whole]):,} rows" in html
    assert "more rows in the exported tables" not in html
    # the compliance reasons are summed up by rule, one row each
    assert len(page.tables["rules-missed"]) == len(set(page.column("rules-missed", "rule")))


def test_a_roster_without_a_school_unit_still_reports(tmp_path: Path) -> None:
    """A central office of `other` staff only loads (a non_school warning); nobody leads
    anyone, so the spans figure says so instead of failing."""
    staff = pd.DataFrame({"staff_id": ["O1", "O2"], "school_id": ["CO", "CO"], "role": "other"})
    roster = lm.read_roster(staff)
    assert roster.issues["code"].tolist() == ["non_school"]
    ax = lm.plot_spans(roster)
    assert [t.get_text() for t in ax.texts] == ["No leader holds the develops relation to anyone."]
    html = lm.write_report(roster, tmp_path / "report.html").read_text()
    assert "Spans of control" in html
