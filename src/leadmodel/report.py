"""Reproducible reports: one self-contained HTML file, or Markdown with its figures.

:func:`write_report` turns a roster (and the choices of an
:class:`~leadmodel.Analysis`) into a report a district can publish: a summary,
spans, coverage gaps, observation load, compliance with a leadership model,
redesign scenarios, every figure with a caption, the methodology with its
sources, and a provenance block (library version, input checksums, every
parameter, preset versions). The same inputs give the same bytes: there is no
timestamp, figures are drawn with fixed settings and PNG metadata is stripped.

Every piece of text that comes from the input (names, titles, ids, school
names) is escaped, so a name such as ``<script>`` shows as text. With
``pseudonymise=True`` staff ids and names are replaced by stable pseudonyms
(``P0001``...) before anything is computed (:func:`pseudonymise_roster`).

Examples
--------
>>> import tempfile, pathlib
>>> import leadmodel as lm
>>> out = pathlib.Path(tempfile.mkdtemp()) / "report.html"
>>> path = lm.write_report(lm.load_sample("green_dot"), out, model="green_dot")
>>> text = path.read_text(encoding="utf-8")
>>> text.startswith("<!DOCTYPE html>"), "data:image/png;base64," in text
(True, True)
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import platform
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from leadmodel._version import __version__
from leadmodel.analysis import Analysis
from leadmodel.errors import DefinitionError
from leadmodel.metrics.coverage import DEFAULT_SPAN_TARGET
from leadmodel.models import CostModel, LeadershipModel, ObservationPolicy, TimeModel
from leadmodel.plots import (
    plot_compliance,
    plot_coverage,
    plot_observation_load,
    plot_org_chart,
    plot_scenarios,
    plot_span_benchmarks,
    plot_spans,
)
from leadmodel.presets.benchmarks import span_benchmarks
from leadmodel.presets.leadership import get_model
from leadmodel.roster import LINK_COLUMNS, STAFF_COLUMNS, TEAM_COLUMNS, Roster

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["pseudonymise_roster", "write_report"]

#: Rows a report shows of one table; the exported tables hold them all.
MAX_ROWS = 60
#: Schools up to which the report draws per-school and per-leader figures.
DETAIL_SCHOOLS = 12


# ---------------------------------------------------------------- document model


@dataclass(frozen=True)
class Heading:
    text: str
    anchor: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Definitions:
    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    frame: pd.DataFrame
    caption: str
    total_rows: int


@dataclass(frozen=True)
class Picture:
    name: str
    png: bytes
    caption: str


Block = Heading | Paragraph | Definitions | Table | Picture


@dataclass
class Document:
    title: str
    blocks: list[Block] = field(default_factory=list)

    def section(self, text: str) -> None:
        self.blocks.append(Heading(text, re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")))

    def say(self, text: str) -> None:
        self.blocks.append(Paragraph(text))

    def define(self, items: Iterable[tuple[str, object]]) -> None:
        self.blocks.append(Definitions(tuple((str(k), _cell(v)) for k, v in items)))

    def table(self, frame: pd.DataFrame, caption: str) -> None:
        self.blocks.append(Table(frame.head(MAX_ROWS), caption, len(frame)))

    def figure(
        self, draw: Callable[[Axes], object], caption: str, size: tuple[float, float]
    ) -> None:
        number = sum(isinstance(b, Picture) for b in self.blocks) + 1
        self.blocks.append(Picture(f"figure-{number}", _png(draw, size), caption))


def _png(draw: Callable[[Axes], object], size: tuple[float, float]) -> bytes:
    """Draw on a fresh figure (no pyplot state) and return PNG bytes without metadata."""
    import matplotlib  # imported here: a slow import that only reports need
    import matplotlib.style
    from matplotlib.figure import Figure

    # matplotlib's defaults, not the caller's style or matplotlibrc; input text is never maths
    with (
        matplotlib.style.context("default"),
        matplotlib.rc_context(
            {"font.family": "DejaVu Sans", "text.parse_math": False, "savefig.dpi": 100}
        ),
    ):
        fig = Figure(figsize=size, dpi=100)
        draw(fig.add_subplot())
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=100, metadata={"Software": None})
    return buffer.getvalue()


# The report's own emphasis, kept apart from input text (whose ** and ` stay literal).
_BOLD, _CODE = "\x01", "\x02"


def _bold(text: str) -> str:
    return f"{_BOLD}{text.replace(_BOLD, '').replace(_CODE, '')}{_BOLD}"


def _code(text: str) -> str:
    return f"{_CODE}{text.replace(_BOLD, '').replace(_CODE, '')}{_CODE}"


def _cell(value: object) -> str:
    """A table cell as text: numbers rounded to 2 decimals, missing as ``n/a``."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return "n/a"
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (float, np.floating)):
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    if isinstance(value, (int, np.integer)):
        return f"{value:,}"
    return str(value)


# ---------------------------------------------------------------- pseudonyms


def pseudonymise_roster(roster: Roster) -> Roster:
    """Replace staff ids and names by stable pseudonyms and drop every extra column.

    Ids are replaced wherever they appear (staff, both ends of links, team leads);
    extra columns, which may hold personal data, are dropped from staff, links and teams.

    The same id gets the same pseudonym in every school and link (``P0001``,
    ``P0002``, ... in sorted order of the real ids), so the structure is intact.

    >>> import leadmodel as lm
    >>> masked = pseudonymise_roster(lm.load_sample("kipp_sunshine_peak"))
    >>> masked.staff[["staff_id", "name"]].head(2).values.tolist()
    [['P0001', 'P0001'], ['P0002', 'P0002']]
    """
    ids = pd.Index(sorted(roster.staff["staff_id"].dropna().unique()))
    width = max(4, len(str(len(ids))))
    alias = pd.Series([f"P{i:0{width}d}" for i in range(1, len(ids) + 1)], index=ids)
    staff = roster.staff[list(STAFF_COLUMNS)].copy()
    staff["staff_id"] = staff["staff_id"].map(alias)
    staff["name"] = staff["staff_id"]
    links = roster.links[list(LINK_COLUMNS)].copy()
    for col in ("leader_id", "staff_id"):
        links[col] = links[col].map(alias)
    teams = roster.teams[list(TEAM_COLUMNS)].copy()
    teams["lead_id"] = teams["lead_id"].map(alias)
    return Roster(
        staff,
        links,
        teams,
        roster.schools,
        issues=_masked_issues(roster.issues),
        source=roster.source,
    )


def _masked_issues(issues: pd.DataFrame) -> pd.DataFrame:
    """The issues with their codes, tables and rows, and without ids, values or messages."""
    out = issues.copy()
    for col in ("staff_id", "value", "message", "fix"):
        out[col] = pd.Series(pd.NA, index=out.index, dtype="string")
    return out


# ---------------------------------------------------------------- content


def write_report(
    data: Roster,
    path: str | Path,
    *,
    model: str | LeadershipModel | None = None,
    policy: str | ObservationPolicy = "bain_10_spot_1_formal",
    scenarios: Sequence[str | LeadershipModel] = (),
    time: str | TimeModel = "default",
    cost_model: str | CostModel = "default",
    span_target: int = DEFAULT_SPAN_TARGET,
    relation: str = "develops",
    pseudonymise: bool = False,
    title: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Write a reproducible report on a roster: HTML (self-contained) or Markdown.

    Parameters
    ----------
    data
        The roster.
    path
        ``*.html`` for one self-contained file (figures embedded, no network
        needed); ``*.md`` for Markdown, with its figures written as PNG files in
        ``<stem>_figures/`` beside it.
    model
        Leadership model to check compliance against (preset key or model).
    policy, time, cost_model, span_target, relation
        As for :class:`~leadmodel.Analysis` (``relation="supervises"`` for a
        reporting-line file read with :func:`~leadmodel.read_reporting_lines`).
    scenarios
        Leadership models to re-staff the roster in (``apply_model``) and compare
        with today.
    pseudonymise
        Replace staff ids and names by pseudonyms first (see :func:`pseudonymise_roster`).
    title
        The report's title (default: one naming the input).
    progress
        Called as ``progress(done, total)`` after each section (for a progress bar).

    Returns
    -------
    pathlib.Path
        The report written.

    Raises
    ------
    DefinitionError
        For a path that is neither ``.html`` nor ``.md``, or an unknown preset.
    """
    target = Path(path)
    kind = _kind(target)
    roster = pseudonymise_roster(data) if pseudonymise else data
    analysis = Analysis(
        roster,
        model=model,
        policy=policy,
        time=time,
        cost_model=cost_model,
        span_target=span_target,
        relation=relation,
    )
    chosen = [get_model(m) for m in scenarios]
    name = str(data.source.get("name") or "a roster")
    doc = Document(title or f"Leadership structure report: {name}")
    steps: list[Callable[[], None]] = [
        lambda: _summary(doc, analysis),
        lambda: _spans(doc, analysis),
        lambda: _coverage(doc, analysis),
        lambda: _observation(doc, analysis),
    ]
    if analysis.model is not None:
        steps.append(lambda: _compliance(doc, analysis))
    if chosen:
        steps.append(lambda: _scenarios(doc, analysis, chosen))
    steps.append(lambda: _methodology(doc, analysis, chosen))
    steps.append(lambda: _provenance(doc, data, analysis, chosen, pseudonymise))
    for done, step in enumerate(steps, start=1):
        step()
        if progress is not None:
            progress(done, len(steps))
    target.parent.mkdir(parents=True, exist_ok=True)
    if kind == "html":
        target.write_text(render_html(doc), encoding="utf-8", newline="\n")
    else:
        folder = target.with_name(f"{target.stem}_figures")
        folder.mkdir(exist_ok=True)
        for old in folder.glob("figure-*.png"):  # figures of an earlier run of this report
            old.unlink()
        for block in doc.blocks:
            if isinstance(block, Picture):
                (folder / f"{block.name}.png").write_bytes(block.png)
        target.write_text(render_markdown(doc, folder.name), encoding="utf-8", newline="\n")
    return target


def _kind(path: Path) -> Literal["html", "md"]:
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "md"
    raise DefinitionError(f"Cannot write a report as {path.name!r}: name it *.html or *.md.")


def _one_school(a: Analysis) -> str | None:
    ids = a.roster.schools["school_id"]
    return str(ids.iloc[0]) if len(ids) == 1 else None


def _summary(doc: Document, a: Analysis) -> None:
    doc.section("Summary")
    doc.define(a.headline().items())
    summary = a.summary()
    columns = [
        "name",
        "model",
        "pilot_wave",
        "teachers",
        "administrators",
        "teacher_leaders",
        "coaches",
        "max_span",
        "median_span",
        "share_developed_within_target",
        "no_developer",
        "fragmented",
        "leaders_over_target",
    ]
    doc.table(summary[columns].reset_index(), "One row per school (columns in the glossary).")
    acc = a.roster.accounting().reset_index()
    doc.table(
        acc, "Row accounting of the input: rows_in = rows_loaded + rows_rejected + rows_blank."
    )
    issues = a.roster.issues
    if len(issues):
        counts = issues.groupby(["severity", "code"]).size().rename("count").reset_index()
        doc.table(
            counts,
            "Problems found while loading, by reason code (details: "
            f"{_code('leadmodel validate')}).",
        )


def _spans(doc: Document, a: Analysis) -> None:
    doc.section("Spans of control")
    spans = a.spans()
    doc.say(
        f"A leader's span is the number of people they hold the {_code(a.relation)} relation to. "
        f"{int((spans['span'] > 0).sum())} leaders have a span; the largest is "
        f"{_cell(spans['span'].max() if len(spans) else 0)}."
    )
    one = _one_school(a)
    if one is not None:
        doc.figure(
            lambda ax: plot_org_chart(a.roster, school_id=one, ax=ax),
            f"The leadership structure of {one}: who develops, evaluates, coaches and "
            "facilitates whom.",
            (11, 6),
        )
    if 1 < len(a.roster.schools) <= DETAIL_SCHOOLS:
        doc.figure(
            lambda ax: plot_spans(a.roster, relation=a.relation, ax=ax),
            "Spans by school: each box holds the spans of one school's leaders; each dot is a "
            "leader.",
            (8, 4.5),
        )
    doc.figure(
        lambda ax: plot_span_benchmarks(a.spans(), ax=ax),
        "Median and largest development spans against the reference spans (sources in the "
        "methodology).",
        (8, 4.5),
    )
    doc.table(a.span_matrix().reset_index(), "Leaders by layer below the principal and span band.")
    columns = ["role", "span", "span_teachers", "release_fte", "teachers_per_release_fte", "layer"]
    largest = spans.sort_values("span", ascending=False, kind="mergesort")[columns]
    doc.table(_with_names(largest, a.roster), "Leaders, largest span first.")


def _with_names(leaders: pd.DataFrame, roster: Roster) -> pd.DataFrame:
    """Leader rows (indexed by school and leader id) with the leader's name beside the id."""
    names = roster.staff.drop_duplicates(["school_id", "staff_id"]).set_index(
        ["school_id", "staff_id"]
    )["name"]
    out = leaders.reset_index()
    keys = pd.MultiIndex.from_frame(out[["school_id", "leader_id"]])
    out.insert(2, "name", names.reindex(keys).to_numpy())
    return out


def _coverage(doc: Document, a: Analysis) -> None:
    doc.section("Coverage gaps")
    gaps = a.coverage()
    teachers = gaps.teachers
    doc.say(
        f"Of {len(teachers)} teachers, {int(teachers['no_developer'].sum())} have no developer, "
        f"{int(teachers['no_evaluator'].sum())} no evaluator, and "
        f"{int(teachers['fragmented'].sum())} are guided by more than one leader "
        "(fragmented responsibility)."
    )
    doc.figure(
        lambda ax: plot_coverage(a.coverage(), span_target=a.span_target, ax=ax),
        "Teachers by coverage status, one bar per school.",
        (8, 4.5),
    )
    columns = [
        "role",
        "span",
        "activities_covered",
        "end_to_end",
        "title_without_time",
        "facilitation_only",
        "over_target",
    ]
    doc.table(
        _with_names(gaps.leaders[columns], a.roster),
        "Leaders: which of the five development activities each covers, end to end or not.",
    )


def _observation(doc: Document, a: Analysis) -> None:
    doc.section("Observation load")
    summary = a.observation_summary()
    doc.say(
        f"Under the policy {_bold(a.policy.label)}, leaders need "
        f"{_cell(summary['hours_required'].sum())} hours a year for observations against "
        f"{_cell(summary['hours_available'].sum())} hours of instructional time; "
        f"{int(summary['leaders_over_capacity'].sum())} leaders are over capacity."
    )
    if len(a.roster.schools) <= DETAIL_SCHOOLS:
        n = int((a.observation()["hours_required"] > 0).sum())
        doc.figure(
            lambda ax: plot_observation_load(a.observation(), ax=ax),
            "Hours each leader's observations require, by activity, against the hours they have "
            "(the black mark); leaders over capacity are in red.",
            (9, max(3.0, 0.35 * n + 1.5)),
        )
    doc.table(summary.reset_index(), "Observation load per school.")


def _compliance(doc: Document, a: Analysis) -> None:
    assert a.model is not None
    doc.section("Compliance with the leadership model")
    report = a.compliance()
    schools = report.schools
    full = int((schools["tight_passed"] == schools["tight_rules"]).sum())
    doc.say(
        f"Against {_bold(a.model.label)}, {full} of {len(schools)} schools meet every tight rule. "
        "A school's score is the share of the model's tight rules it meets; loose rules are "
        "reported as within or outside their range."
    )
    doc.figure(
        lambda ax: plot_compliance(report, ax=ax),
        "Schools against the model's rules: passed, failed or not measurable.",
        (9, max(3.0, 0.3 * min(len(schools), 60) + 2)),
    )
    doc.table(schools.drop(columns="reasons").reset_index(), "Compliance per school.")
    failed = report.rules[~report.rules["passed"].astype(bool)]
    doc.table(
        failed[["element", "kind", "requirement", "value", "reason"]].reset_index(),
        "Rules not met, with the reason.",
    )
    if len(schools) > 1:
        view = a.district_view()
        doc.table(view.elements.reset_index(), "Each element of the model across schools.")
        doc.table(view.waves.reset_index(), "Compliance by pilot wave.")


def _scenarios(doc: Document, a: Analysis, models: list[LeadershipModel]) -> None:
    doc.section("Redesign scenarios")
    table = a.compare(models)
    doc.say(
        f"Each scenario re-staffs every school in a model's pattern ({_code('apply_model')}) "
        "and is measured like today's roster: " + ", ".join(_bold(m.label) for m in models) + "."
    )
    doc.figure(
        lambda ax: plot_scenarios(table, ax=ax),
        "Leadership cost against the share of teachers developed within the span target, one "
        "point per scenario.",
        (8, 4.5),
    )
    totals = _scenario_totals(table)
    doc.table(totals.reset_index(), "Today against each scenario, all schools together.")


def _scenario_totals(table: pd.DataFrame) -> pd.DataFrame:
    """Sum counts and costs over schools; average shares, medians and scores."""
    summed = {"teachers", "no_developer", "fragmented", "leaders_over_capacity", "leadership_cost"}
    values = table.astype({"value": "float64"})
    wide = values.pivot_table(index="metric", columns="scenario", values="value", sort=False)
    sums = values.pivot_table(
        index="metric", columns="scenario", values="value", aggfunc="sum", sort=False
    )
    wide.loc[wide.index.isin(summed)] = sums.loc[wide.index[wide.index.isin(summed)]]
    wide.index = [f"{m} ({'total' if m in summed else 'mean of schools'})" for m in wide.index]
    wide.index.name = "metric"
    return wide[list(dict.fromkeys(table["scenario"]))]


def _methodology(doc: Document, a: Analysis, models: list[LeadershipModel]) -> None:
    doc.section("Methodology and sources")
    doc.define(
        [
            ("span", f"people a leader holds the {_code(a.relation)} relation to directly"),
            ("span band", "the span grouped as 0, 1-2, 3-5, 6-8, 9-13, 14-20, 21+"),
            ("layer", "steps below the school's principal along development and supervision"),
            (
                "developed within target",
                f"teachers whose developer's span is at most {a.span_target}",
            ),
            (
                "fragmented",
                "a teacher whose developer, evaluator and coach are not one person",
            ),
            (
                "end to end",
                "a leader who covers all five activities: goals, observation and feedback, "
                "coaching, collaboration, evaluation",
            ),
            (
                "observation hours",
                "visits the policy requires times minutes in class, before, after and writing up",
            ),
            (
                "hours available",
                "working hours a year times the role's instructional share (times FTE)",
            ),
            ("utilisation", "observation hours required / hours available"),
            ("compliance score", "share of a model's tight rules a school meets"),
        ]
    )
    doc.say("Every column is defined in docs/glossary.md; the methods in docs/methodology.md.")
    sources: list[tuple[str, str]] = [
        (f"observation policy {a.policy.key}", a.policy.source),
        (f"time model {a.time.key}", a.time.source or "leadmodel defaults (assumptions)"),
    ]
    if a.model is not None:
        sources.append((f"leadership model {a.model.key}", a.model.source))
    sources += [(f"scenario {m.key}", m.source) for m in models]
    for key, row in span_benchmarks().iterrows():
        sources.append((f"span benchmark {key}", str(row["source"])))
    doc.define(sources)


def _matplotlib_version() -> str:
    import matplotlib

    return str(matplotlib.__version__)


def _provenance(
    doc: Document, data: Roster, a: Analysis, models: list[LeadershipModel], masked: bool
) -> None:
    doc.section("Provenance")

    def digest(obj: LeadershipModel | ObservationPolicy | TimeModel) -> str:
        return hashlib.sha256(obj.model_dump_json().encode()).hexdigest()[:16]

    items: list[tuple[str, object]] = [
        ("leadmodel version", __version__),
        ("python", platform.python_version()),
        (
            "pandas / numpy / matplotlib",
            f"{pd.__version__} / {np.__version__} / {_matplotlib_version()}",
        ),
        ("input", data.source.get("name") or "DataFrame"),
        ("input file SHA-256", data.source.get("sha256") or "n/a (not read from a file)"),
        ("roster checksum (SHA-256)", data.checksum()),
        ("staff names pseudonymised", masked),
        ("policy", f"{a.policy.key} v{a.policy.version} ({digest(a.policy)})"),
        ("time model", f"{a.time.key} ({digest(a.time)})"),
        ("cost model", a.cost_model if isinstance(a.cost_model, str) else a.cost_model.key),
        ("span target", a.span_target),
        ("relation", a.relation),
    ]
    if a.model is not None:
        items.append(("model", f"{a.model.key} v{a.model.version} ({digest(a.model)})"))
    items += [(f"scenario {m.key}", f"v{m.version} ({digest(m)})") for m in models]
    doc.define(items)


# ---------------------------------------------------------------- rendering

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:1100px;
margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.7em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;margin:.6em 0 1.4em;font-size:.85em}
th,td{border:1px solid #ddd;padding:.25em .55em;text-align:right;vertical-align:top}
th{background:#f3f3f3}td.text{text-align:left}caption{text-align:left;font-style:italic;
padding:.3em 0}figure{margin:1em 0}figure img{max-width:100%;height:auto}
figcaption{font-style:italic;font-size:.9em}dl{display:grid;grid-template-columns:max-content auto;
gap:.2em 1em}dt{font-weight:600}dd{margin:0}nav ul{columns:2}.note{color:#555;font-size:.85em}
.wide{overflow-x:auto}
"""


def _inline(text: str) -> str:
    """Escape text for HTML, then turn the report's own bold and code marks into tags."""
    out = html.escape(text)
    out = re.sub(f"{_BOLD}(.*?){_BOLD}", r"<strong>\1</strong>", out)
    out = re.sub(f"{_CODE}(.*?){_CODE}", r"<code>\1</code>", out)
    return out.replace(_BOLD, "").replace(_CODE, "")


def render_html(doc: Document) -> str:
    """The document as one self-contained HTML page (figures as data URIs)."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(doc.title)}</title>",
        f"<style>{_CSS}</style></head>",
        "<body>",
        f"<h1>{html.escape(doc.title)}</h1>",
        '<p class="note">Made with leadmodel. Figures and tables are computed from the input '
        "named in the provenance section; rerunning with the same inputs gives the same file.</p>",
    ]
    headings = [b for b in doc.blocks if isinstance(b, Heading)]
    parts.append(
        "<nav><ul>"
        + "".join(f'<li><a href="#{h.anchor}">{html.escape(h.text)}</a></li>' for h in headings)
        + "</ul></nav>"
    )
    open_section = False
    for block in doc.blocks:
        if isinstance(block, Heading):
            if open_section:
                parts.append("</section>")
            parts.append(f'<section id="{block.anchor}"><h2>{html.escape(block.text)}</h2>')
            open_section = True
        elif isinstance(block, Paragraph):
            parts.append(f"<p>{_inline(block.text)}</p>")
        elif isinstance(block, Definitions):
            parts.append(
                "<dl>"
                + "".join(f"<dt>{html.escape(k)}</dt><dd>{_inline(v)}</dd>" for k, v in block.items)
                + "</dl>"
            )
        elif isinstance(block, Table):
            parts.append(_html_table(block))
        else:
            data = base64.b64encode(block.png).decode("ascii")
            parts.append(
                f'<figure id="{block.name}"><img src="data:image/png;base64,{data}" '
                f'alt="{html.escape(block.caption)}"><figcaption>{html.escape(block.caption)}'
                "</figcaption></figure>"
            )
    if open_section:
        parts.append("</section>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _html_table(block: Table) -> str:
    frame = block.frame
    text_cols = {c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])}
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for values in frame.itertuples(index=False, name=None):
        cells = "".join(
            f'<td class="text">{html.escape(_cell(v))}</td>'
            if c in text_cols
            else f"<td>{html.escape(_cell(v))}</td>"
            for c, v in zip(frame.columns, values, strict=True)
        )
        rows.append(f"<tr>{cells}</tr>")
    more = (
        f'<p class="note">{block.total_rows - len(frame)} more rows in the exported tables.</p>'
        if block.total_rows > len(frame)
        else ""
    )
    return (
        f'<div class="wide"><table><caption>{_inline(block.caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>{more}"
    )


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]|#~])")


def _md(text: str) -> str:
    """Escape text for Markdown: nothing from the input can become markup or HTML.

    ``&``, ``<`` and ``>`` become entities (every renderer shows them as text);
    other Markdown punctuation is backslash-escaped; line breaks become spaces.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"[\r\n\u2028\u2029]+", " ", text)


def _md_inline(text: str) -> str:
    """Escape, then turn the report's own bold and code marks into Markdown."""
    out = _md(text)
    out = re.sub(f"{_BOLD}(.*?){_BOLD}", r"**\1**", out)
    out = re.sub(f"{_CODE}(.*?){_CODE}", lambda m: "`" + m.group(1).replace("\\", "") + "`", out)
    return out.replace(_BOLD, "").replace(_CODE, "")


def render_markdown(doc: Document, figures: str) -> str:
    """The document as Markdown; figures are linked from the folder ``figures``."""
    lines = [f"# {_md(doc.title)}", ""]
    for block in doc.blocks:
        if isinstance(block, Heading):
            lines += [f"## {_md(block.text)}", ""]
        elif isinstance(block, Paragraph):
            lines += [_md_inline(block.text), ""]
        elif isinstance(block, Definitions):
            lines += [f"- **{_md(k)}**: {_md_inline(v)}" for k, v in block.items] + [""]
        elif isinstance(block, Table):
            frame = block.frame
            lines.append(f"*{_md_inline(block.caption)}*")
            lines.append("")
            lines.append("| " + " | ".join(_md(str(c)) for c in frame.columns) + " |")
            lines.append("|" + "---|" * len(frame.columns))
            for values in frame.itertuples(index=False, name=None):
                lines.append("| " + " | ".join(_md(_cell(v)) for v in values) + " |")
            if block.total_rows > len(frame):
                lines.append("")
                lines.append(f"{block.total_rows - len(frame)} more rows in the exported tables.")
            lines.append("")
        else:
            lines += [
                f"![{_md(block.caption)}](<{figures}/{block.name}.png>)",
                "",
                f"*{_md(block.caption)}*",
                "",
            ]
    return "\n".join(lines)
