"""Shared look of every plot: the palette, new axes, tidy spines, text that stays text.

Plots adapt to what they are given, from one school to a thousand: a figure never grows
past :data:`MAX_SIZE`, at most :data:`MAX_LABELS` groups are drawn one by one with a
label each, and beyond that a plot groups them, draws their distribution, or draws the
largest and says in the figure how many more there are (:func:`more_note`). Nothing is
left out without a word.

Numbers a plot draws that a report quotes are tagged on the artists (:func:`tag`), so
:func:`measure` reads them back from the drawing itself: the report and the tests check
that the text says what the figure shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

import numpy as np

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes

__all__ = [
    "MAX_LABELS",
    "MAX_SIZE",
    "PALETTE",
    "RELATION_COLOURS",
    "measure",
    "more_note",
    "new_axes",
    "tag",
    "text",
    "tidy",
]

#: Okabe-Ito colour-blind-safe palette.
PALETTE = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
    "black": "#000000",
}
RELATION_COLOURS = {
    "develops": PALETTE["blue"],
    "evaluates": PALETTE["vermillion"],
    "coaches": PALETTE["green"],
    "facilitates": PALETTE["orange"],
    "evaluation_input": PALETTE["purple"],
    "supervises": PALETTE["grey"],
}
#: Most groups (schools, leaders, rules) a plot labels one by one.
MAX_LABELS = 40
#: Largest figure (width, height in inches) a plot makes when it makes its own.
MAX_SIZE = (16.0, 14.0)


def new_axes(ax: Axes | None, size: tuple[float, float] = (8, 4.5)) -> Axes:
    """``ax``, or the axes of a new figure of ``size`` (capped at :data:`MAX_SIZE`)."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    width, height = min(size[0], MAX_SIZE[0]), min(size[1], MAX_SIZE[1])
    _, new = plt.subplots(figsize=(width, height), layout="constrained")
    return new


def tidy(ax: Axes) -> None:
    """No top and right spines."""
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def text(value: object) -> str:
    """Input text as matplotlib shows it literally: ``$`` escaped while maths is parsed.

    An id such as ``P$x^$`` would otherwise be read as maths and fail to draw.

    >>> import matplotlib
    >>> with matplotlib.rc_context({"text.parse_math": True}):
    ...     text("P$x^$")
    'P\\\\$x^\\\\$'
    >>> with matplotlib.rc_context({"text.parse_math": False}):
    ...     text("P$x^$")
    'P$x^$'
    """
    import matplotlib

    out = str(value)
    return out.replace("$", r"\$") if matplotlib.rcParams["text.parse_math"] else out


def more_note(ax: Axes, hidden: int, what: str) -> None:
    """Say under the axes that ``hidden`` more ``what`` are not drawn (nothing when none)."""
    if hidden > 0:
        ax.text(
            1.0,
            -0.02,
            f"and {hidden:,} more {what} not shown",
            transform=ax.transAxes,
            ha="right",
            va="top",
            fontsize=8,
            style="italic",
            color=PALETTE["black"],
            gid="more",
        )


def nothing_to_draw(ax: Axes, message: str) -> Axes:
    """An axes that says, in its middle, why it holds no data (``message``)."""
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center", gid="empty")
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


Measure = Literal["height", "width", "points", "y"]


def tag(artists: Iterable[Artist], name: str, how: Measure) -> None:
    """Mark artists as drawing the count ``name``: their bar ``height`` or ``width``, the
    number of ``points`` of a marker series, or the sum of its ``y`` values."""
    for artist in artists:
        artist.set_gid(f"{how}:{name}")


def measure(ax: Axes) -> dict[str, float]:
    """The counts the tagged artists of ``ax`` draw (see :func:`tag`), by name.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> ax = plt.figure().add_subplot()
    >>> tag(ax.bar(["a", "b"], [3, 4]), "teachers", "height")
    >>> tag(ax.plot([0, 1], [2, 5]), "fragmented", "y")
    >>> measure(ax)
    {'teachers': 7.0, 'fragmented': 7.0}
    """
    out: dict[str, float] = {}
    for artist in [*ax.patches, *ax.lines, *ax.collections]:
        gid = artist.get_gid() or ""
        how, _, name = gid.partition(":")
        if not name:
            continue
        if how in ("height", "width"):
            value = float(getattr(artist, f"get_{how}")())
        elif how == "points":
            value = float(_points(artist))
        elif how == "y":
            value = float(np.nansum(_ys(artist)))
        else:
            continue
        out[name] = out.get(name, 0.0) + value
    return out


def _points(artist: Artist) -> int:
    return len(_ys(artist))


def _ys(artist: Artist) -> np.ndarray:
    get_ydata = getattr(artist, "get_ydata", None)
    if get_ydata is not None:
        return np.asarray(get_ydata(), dtype=float)
    offsets = np.asarray(artist.get_offsets(), dtype=np.float64)  # type: ignore[attr-defined]
    return offsets[:, 1] if offsets.size else np.zeros(0)
