"""Small HTML pieces for notebook displays (escaped, no scripts, no styles)."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

__all__ = ["html_table"]


def html_table(rows: Sequence[Mapping[str, object]], caption: str) -> str:
    """An HTML table of ``rows`` (dicts with the same keys), every value escaped.

    >>> html_table([{"role": "<b>AP</b>", "span": 13}], "Leaders")
    '<table><caption>Leaders</caption><tr><th>role</th><th>span</th></tr><tr><td>&lt;b&gt;AP&lt;/b&gt;</td><td>13</td></tr></table>'
    """
    if not rows:
        return f"<p><em>{html.escape(caption)}: none</em></p>"
    head = "".join(f"<th>{html.escape(str(k))}</th>" for k in rows[0])
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row.values()) + "</tr>"
        for row in rows
    )
    return f"<table><caption>{html.escape(caption)}</caption><tr>{head}</tr>{body}</table>"
