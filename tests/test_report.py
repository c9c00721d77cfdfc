"""Reports: self-contained, reproducible to the byte, escaped, pseudonymised on request."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

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
        "summary",
        "spans-of-control",
        "coverage-gaps",
        "observation-load",
        "compliance-with-the-leadership-model",
        "redesign-scenarios",
        "methodology-and-sources",
        "provenance",
    ]
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


@pytest.mark.slow  # a 185-school report
def test_district_report_rolls_up_and_cuts_long_tables(tmp_path: Path) -> None:
    roster = lm.load_sample("district")
    html = lm.write_report(roster, tmp_path / "d.html", model="denver").read_text(encoding="utf-8")
    assert "<td>185</td>" in html  # headline: schools
    # 185 schools: the per-school table shows 60 rows and says how many more exist
    assert "125 more rows in the exported tables." in html
    assert "Compliance by pilot wave." in html


def test_unknown_report_type_is_refused(tmp_path: Path) -> None:
    with pytest.raises(lm.DefinitionError, match=r"\*\.html or \*\.md"):
        lm.write_report(lm.load_sample("green_dot"), tmp_path / "r.pdf")


# ------------------------------------------------------------------ browser

CHECK = """<script>
window.addEventListener("load", () => {
  const shown = [...document.images].filter(i => i.complete && i.naturalWidth > 0);
  document.body.setAttribute("data-images", String(shown.length));
  document.body.setAttribute("data-tables", String(document.querySelectorAll("table").length));
  document.body.setAttribute("data-title", document.title);
});
</script>"""


def _browser() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.mark.slow  # starts Chromium
def test_report_renders_in_a_headless_browser(tmp_path: Path) -> None:
    browser = _browser()
    if browser is None:
        pytest.skip("No Chromium found: install Debian's `chromium` package (.ci/run does).")
    roster = _hostile_roster()
    path = lm.write_report(roster, tmp_path / "r.html", model="denver", scenarios=["denver"])
    page = path.read_text(encoding="utf-8")
    tables, figures = page.count("<table>"), page.count("<img ")
    probe = tmp_path / "probe.html"
    probe.write_text(page.replace("</body>", CHECK + "</body>"), encoding="utf-8")
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
            f"--user-data-dir={tmp_path / 'profile'}",
            "--virtual-time-budget=5000",
            "--dump-dom",
            probe.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    body = re.search(r"<body[^>]*>", result.stdout)
    assert body is not None, result.stderr[-2000:]
    attrs = dict(re.findall(r'data-(\w+)="([^"]*)"', body.group(0)))
    assert attrs["images"] == str(figures) and figures >= 5  # every PNG decoded and shown
    assert attrs["tables"] == str(tables) and tables >= 8
    # the school's name would set the title to 'pwned' if it ran as markup
    assert attrs["title"].startswith("Leadership structure report")


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
