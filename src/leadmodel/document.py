"""A report as a list of blocks, rendered as one self-contained HTML page or as Markdown.

:mod:`leadmodel.report` decides what a report says; this module holds how it is said:
the blocks (headings, paragraphs, key figures, definitions, tables, pictures), the
report's own marks inside text (bold, code, a fact, a link to a term's definition),
one number format per table column, and the two renderings. Text from the input is
always escaped: a name such as ``<script>`` or ``**x**`` shows as written.

Facts are the numbers the text states; each is marked with its name (``data-fact`` in
HTML), as are the counts each figure draws (``data-counts``, read from the figure's
artists by :func:`leadmodel.plots.measure`) and each table (``data-table``), so that a
test can check that text, figures and tables say the same.
"""

from __future__ import annotations

import base64
import html
import io
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from leadmodel.terms import TERMS

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["Document", "cell", "column_format", "render_html", "render_markdown"]

#: Rows a table shows in the body of a report; longer tables are in full in the appendix.
BODY_ROWS = 12

# The report's own marks, kept apart from input text (whose ** and ` stay literal).
_BOLD, _CODE, _FACT, _TERM, _SEP = "\x01", "\x02", "\x03", "\x04", "\x1f"


def bold(text: str) -> str:
    return f"{_BOLD}{_strip(text)}{_BOLD}"


def code(text: str) -> str:
    return f"{_CODE}{_strip(text)}{_CODE}"


def fact(name: str, shown: str) -> str:
    """A number the text states, marked with its name."""
    return f"{_FACT}{name}{_SEP}{_strip(shown)}{_FACT}"


def term(key: str, shown: str | None = None) -> str:
    """A term, linked to its one definition (:data:`leadmodel.terms.TERMS`)."""
    return f"{_TERM}{key}{_SEP}{_strip(shown or TERMS[key].label)}{_TERM}"


def _strip(text: str) -> str:
    return re.sub(f"[{_BOLD}{_CODE}{_FACT}{_TERM}{_SEP}]", "", text)


# ---------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Heading:
    text: str
    anchor: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class KeyFigures:
    """The first screen: one line per key number."""

    lines: tuple[str, ...]


@dataclass(frozen=True)
class Definitions:
    items: tuple[tuple[str, str, str], ...]  # (anchor, term, definition)


@dataclass(frozen=True)
class Table:
    frame: pd.DataFrame
    caption: str
    key: str
    total_rows: int
    full_at: str | None = None  # the anchor of the full table, when this shows the first rows
    folded: bool = False  # an appendix table: collapsed in HTML until opened
    anchor: str | None = None  # its id, when other than its key


@dataclass(frozen=True)
class Picture:
    name: str
    png: bytes
    caption: str
    counts: dict[str, float]


Block = Heading | Paragraph | KeyFigures | Definitions | Table | Picture


@dataclass
class Document:
    title: str
    blocks: list[Block] = field(default_factory=list)
    appendix: list[Table] = field(default_factory=list)

    def section(self, text: str) -> None:
        self.blocks.append(Heading(text, re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")))

    def say(self, text: str) -> None:
        self.blocks.append(Paragraph(text))

    def key_figures(self, lines: Iterable[str]) -> None:
        self.blocks.append(KeyFigures(tuple(lines)))

    def define(self, keys: Iterable[str]) -> None:
        """The definitions of the terms ``keys``, each once, in the order given."""
        terms = [TERMS[k] for k in dict.fromkeys(keys)]
        self.blocks.append(
            Definitions(tuple((t.anchor, t.label, _ticks(t.definition)) for t in terms))
        )

    def pairs(self, items: Iterable[tuple[str, object]]) -> None:
        self.blocks.append(Definitions(tuple(("", str(k), cell(v)) for k, v in items)))

    def table(self, frame: pd.DataFrame, caption: str, key: str) -> None:
        """A table: in full when short, else its first :data:`BODY_ROWS` rows here and the
        whole table in the appendix (``A<n>``), named in the caption."""
        if len(frame) <= BODY_ROWS:
            self.blocks.append(Table(frame, caption, key, len(frame)))
            return
        number = len(self.appendix) + 1
        anchor = f"table-a{number}"
        title = f"Table A{number}: {caption}"
        self.appendix.append(Table(frame, title, key, len(frame), anchor=anchor, folded=True))
        part = Table(frame.head(BODY_ROWS), caption, f"{key}-part", len(frame), full_at=anchor)
        self.blocks.append(part)

    def figure(
        self,
        draw: Callable[[Axes], object],
        caption: str,
        size: tuple[float, float],
    ) -> None:
        number = sum(isinstance(b, Picture) for b in self.blocks) + 1
        png, counts = _png(draw, size)
        self.blocks.append(Picture(f"figure-{number}", png, caption, counts))

    def close_appendix(self, heading: str) -> None:
        """Add the appendix (every table shown in part above, in full) as a section."""
        if self.appendix:
            self.section(heading)
            self.say(
                "Every table the report shows in part, in full, in the order they appear "
                "(in the HTML report, open a table by its title)."
            )
            self.blocks.extend(self.appendix)
            self.appendix = []


def _ticks(text: str) -> str:
    """Backticked names in a definition as code marks."""
    return re.sub(r"`([^`]*)`", lambda m: code(m.group(1)), text)


def _png(
    draw: Callable[[Axes], object], size: tuple[float, float]
) -> tuple[bytes, dict[str, float]]:
    """Draw on a fresh figure (no pyplot state); PNG bytes without metadata, and the counts
    the drawing's tagged artists show (:func:`leadmodel.plots.measure`)."""
    import matplotlib  # imported here: a slow import that only reports need
    import matplotlib.style
    from matplotlib.figure import Figure

    from leadmodel.plots.style import measure

    # matplotlib's defaults, not the caller's style or matplotlibrc; input text is never maths
    with (
        matplotlib.style.context("default"),
        matplotlib.rc_context(
            {"font.family": "DejaVu Sans", "text.parse_math": False, "savefig.dpi": 100}
        ),
    ):
        fig = Figure(figsize=size, dpi=100)
        ax = fig.add_subplot()
        draw(ax)
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=100, metadata={"Software": None})
    return buffer.getvalue(), measure(ax)


# ---------------------------------------------------------------- numbers


def cell(value: object) -> str:
    """One value as text: whole numbers with thousands separators, others to 2 decimals."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return "n/a"
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "no"
    if isinstance(value, float | np.floating):
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    if isinstance(value, int | np.integer):
        return f"{value:,}"
    return str(value)


_MONEY = re.compile(r"(cost|salary|salaries|supplement|budget)")
_SHARE = re.compile(r"(^share_|_share$|^score$|_score$|utilisation|^mean_score)")


def column_format(name: str, values: pd.Series) -> Callable[[object], str]:
    """One format for every value of a column, chosen from its name and values.

    Shares (``share_*``, ``*_score``, ``utilisation``) as percentages, money (``*cost*``,
    ``salary``) in dollars without cents, whole-number columns without decimals, other
    numbers with the decimals the column needs (at most 2), the same for every row;
    true/false as yes/no; dates as ``YYYY-MM-DD``; missing as ``n/a``.

    >>> f = column_format("hours_required", pd.Series([231.0, 12.5]))
    >>> f(231.0), f(12.5)
    ('231.0', '12.5')
    >>> column_format("share_developed_within_target", pd.Series([0.5]))(0.512)
    '51%'
    >>> column_format("leadership_cost", pd.Series([1.0]))(312000.0)
    '$312,000'
    >>> day = pd.Timestamp("2014-08-18 09:30")
    >>> column_format("start", pd.Series([day]))(day)
    '2014-08-18'
    """
    if pd.api.types.is_datetime64_any_dtype(values):
        return _day
    numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
    if not numeric:
        return cell
    present = pd.to_numeric(values, errors="coerce").dropna().astype(float)
    present = present[np.isfinite(present)]
    if _SHARE.search(name):
        return _missing_or(lambda v: f"{v:.0%}")
    if _MONEY.search(name):
        return _missing_or(lambda v: f"-${-v:,.0f}" if v < 0 else f"${v:,.0f}")
    decimals = next((d for d in (0, 1) if ((present * 10**d) % 1 == 0).all()), 2)
    return _missing_or(lambda v: f"{v:,.{decimals}f}")


def _day(value: object) -> str:
    """A date as ``YYYY-MM-DD`` (a report shows days, not times); missing as ``n/a``."""
    if value is pd.NaT or not isinstance(value, date):  # NaT (a date to Python) and missing
        return "n/a"
    return value.strftime("%Y-%m-%d")


def _missing_or(show: Callable[[float], str]) -> Callable[[object], str]:
    def out(value: object) -> str:
        if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
            return "n/a"
        if isinstance(value, bool | np.bool_):
            return "yes" if value else "no"
        return show(float(value))  # type: ignore[arg-type]

    return out


def _formatted(frame: pd.DataFrame) -> list[list[str]]:
    formats = [column_format(str(c), frame.iloc[:, i]) for i, c in enumerate(frame.columns)]
    return [
        [show(v) for show, v in zip(formats, row, strict=True)]
        for row in frame.itertuples(index=False, name=None)
    ]


# ---------------------------------------------------------------- HTML

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:1100px;
margin:1.2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.6em;margin:.2em 0}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
#at-a-glance h2{margin-top:.6em}ul.glance{list-style:none;padding:0;margin:.4em 0;
display:grid;grid-template-columns:1fr 1fr;gap:.5em 1.2em}ul.glance li{border-left:4px solid
#0072B2;padding:.2em .6em;background:#f5f8fb}ul.glance .fact{font-size:1.35em;font-weight:700}
table{border-collapse:collapse;margin:.6em 0 1.4em;font-size:.85em}
th,td{border:1px solid #ddd;padding:.25em .55em;text-align:right;vertical-align:top}
th{background:#f3f3f3}td.text{text-align:left}caption{text-align:left;font-style:italic;
padding:.3em 0}figure{margin:1em 0}figure img{max-width:100%;height:auto}
figcaption{font-style:italic;font-size:.9em}dl{display:grid;grid-template-columns:max-content auto;
gap:.2em 1em}dt{font-weight:600}dd{margin:0}nav ul{columns:3;font-size:.9em}
.note{color:#555;font-size:.85em}.wide{overflow-x:auto}details{margin:.4em 0}
summary{cursor:pointer;font-style:italic}a.term{color:inherit;text-decoration:underline dotted}
"""


def _inline(text: str) -> str:
    """Escape text for HTML, then turn the report's own marks into tags."""
    out = html.escape(text, quote=True)
    out = re.sub(f"{_BOLD}(.*?){_BOLD}", r"<strong>\1</strong>", out)
    out = re.sub(f"{_CODE}(.*?){_CODE}", r"<code>\1</code>", out)
    out = re.sub(
        f"{_FACT}(.*?){_SEP}(.*?){_FACT}", r'<span class="fact" data-fact="\1">\2</span>', out
    )
    out = re.sub(
        f"{_TERM}(.*?){_SEP}(.*?){_TERM}",
        lambda m: f'<a class="term" href="#{TERMS[m.group(1)].anchor}">{m.group(2)}</a>',
        out,
    )
    return _strip(out)


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
    ]
    headings = [b for b in doc.blocks if isinstance(b, Heading)]
    nav = (
        "<nav><ul>"
        + "".join(f'<li><a href="#{h.anchor}">{html.escape(h.text)}</a></li>' for h in headings)
        + "</ul></nav>"
    )
    open_section = False
    for index, block in enumerate(doc.blocks):
        if isinstance(block, Heading):
            if open_section:
                parts.append("</section>")
                if index and isinstance(doc.blocks[0], Heading) and nav:
                    parts.append(nav)  # the contents, after the first section (the summary)
                    nav = ""
            parts.append(f'<section id="{block.anchor}"><h2>{html.escape(block.text)}</h2>')
            open_section = True
        else:
            parts.append(_html_block(block))
    if open_section:
        parts.append("</section>")
    parts += [
        '<p class="note">Made with leadmodel. Figures and tables are computed from the input '
        "named in the provenance section; rerunning with the same inputs gives the same file.</p>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts)


def _html_block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{_inline(block.text)}</p>"
    if isinstance(block, KeyFigures):
        return (
            '<ul class="glance">' + "".join(f"<li>{_inline(x)}</li>" for x in block.lines) + "</ul>"
        )
    if isinstance(block, Definitions):
        return (
            "<dl>"
            + "".join(
                (f'<dt id="{a}">' if a else "<dt>") + f"{html.escape(k)}</dt><dd>{_inline(v)}</dd>"
                for a, k, v in block.items
            )
            + "</dl>"
        )
    if isinstance(block, Table):
        return _html_table(block)
    if isinstance(block, Picture):
        data = base64.b64encode(block.png).decode("ascii")
        counts = html.escape(json.dumps(block.counts, sort_keys=True), quote=True)
        return (
            f'<figure id="{block.name}" data-counts="{counts}"><img src="data:image/png;base64,'
            f'{data}" alt="{html.escape(block.caption)}"><figcaption>{_inline(block.caption)}'
            "</figcaption></figure>"
        )
    raise TypeError(type(block))  # pragma: no cover


def _html_table(block: Table) -> str:
    frame = block.frame
    text_cols = [not pd.api.types.is_numeric_dtype(frame[c]) for c in frame.columns]
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = "".join(
        "<tr>"
        + "".join(
            f'<td class="text">{html.escape(v)}</td>' if text else f"<td>{html.escape(v)}</td>"
            for v, text in zip(values, text_cols, strict=True)
        )
        + "</tr>"
        for values in _formatted(frame)
    )
    table = (
        f'<div class="wide"><table id="{block.anchor or block.key}" data-table="{block.key}">'
        f"<caption>{_inline(block.caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>"
    )
    if block.full_at:
        table += (
            f'<p class="note">The first {len(frame)} of {block.total_rows:,} rows; all of them: '
            f'<a href="#{block.full_at}">{block.full_at.replace("table-a", "table A")}</a> in '
            "the appendix.</p>"
        )
    if block.folded:
        summary = f"{_inline(block.caption)} ({block.total_rows:,} rows)"
        return f"<details><summary>{summary}</summary>{table}</details>"
    return table


# ---------------------------------------------------------------- Markdown

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
    """Escape, then turn the report's own marks into Markdown."""
    out = _md(text)
    out = re.sub(f"{_BOLD}(.*?){_BOLD}", r"**\1**", out)
    out = re.sub(f"{_CODE}(.*?){_CODE}", lambda m: "`" + m.group(1).replace("\\", "") + "`", out)
    out = re.sub(f"{_FACT}(.*?){_SEP}(.*?){_FACT}", r"\2", out)
    out = re.sub(
        f"{_TERM}(.*?){_SEP}(.*?){_TERM}",
        lambda m: f"[{m.group(2)}](#{TERMS[m.group(1).replace(chr(92), '')].anchor})",
        out,
    )
    return _strip(out)


def render_markdown(doc: Document, figures: str) -> str:
    """The document as Markdown; figures are linked from the folder ``figures``."""
    lines = [f"# {_md(doc.title)}", ""]
    for block in doc.blocks:
        if isinstance(block, Heading):
            lines += [f"## {_md(block.text)}", ""]
        elif isinstance(block, Paragraph):
            lines += [_md_inline(block.text), ""]
        elif isinstance(block, KeyFigures):
            lines += [f"- {_md_inline(x)}" for x in block.lines] + [""]
        elif isinstance(block, Definitions):
            lines += [
                (f'- <a id="{a}"></a>**{_md(k)}**: ' if a else f"- **{_md(k)}**: ") + _md_inline(v)
                for a, k, v in block.items
            ] + [""]
        elif isinstance(block, Table):
            lines += _md_table(block)
        else:
            lines += [
                f"![{_md(block.caption)}](<{figures}/{block.name}.png>)",
                "",
                f"*{_md_inline(block.caption)}*",
                "",
            ]
    return "\n".join(lines)


def _md_table(block: Table) -> list[str]:
    frame = block.frame
    anchor = f'<a id="{block.anchor}"></a>' if block.anchor else ""
    lines = [f"{anchor}*{_md_inline(block.caption)}*", ""]
    lines.append("| " + " | ".join(_md(str(c)) for c in frame.columns) + " |")
    lines.append("|" + "---|" * len(frame.columns))
    lines += ["| " + " | ".join(_md(v) for v in row) + " |" for row in _formatted(frame)]
    if block.full_at:
        name = block.full_at.replace("table-a", "table A")
        lines += [
            "",
            f"The first {len(frame)} of {block.total_rows:,} rows; all of them: "
            f"[{name}](#{block.full_at}) in the appendix.",
        ]
    lines.append("")
    return lines
