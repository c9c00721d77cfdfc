"""The staff survey beside the org chart: NPS, felt responsibility, advice ties."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from leadmodel.plots.structure import chart_positions
from leadmodel.plots.style import PALETTE, RELATION_COLOURS, new_axes, text, tidy
from leadmodel.roster import Roster, checked_table

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from leadmodel.readers.survey import Survey

__all__ = [
    "ADVICE_COLOURS",
    "ADVICE_STATUS",
    "FELT_BARS",
    "plot_advice_overlay",
    "plot_felt_responsibility",
    "plot_nps",
]


def plot_nps(table: pd.DataFrame, *, references: bool = True, ax: Axes | None = None) -> Axes:
    """Net Promoter Score by group with its confidence interval, from :func:`net_promoter_score`.

    One point and interval per shown group (the first group on top); suppressed groups keep
    their row, labelled "suppressed", with nothing drawn. Each interval is drawn from its bounds
    (``nps_low`` to ``nps_high``), so an adjusted Wald interval that leaves out the score itself
    (possible in tiny groups) is drawn as it is. A group whose Wald interval has zero width
    (``interval_degenerate``: every answer in one category) is drawn as an open circle, named in
    the legend. With ``references``, dashed lines mark the research's teacher scores: all
    teachers surveyed (-18), Denver's pilot schools (47 points higher, +29) and Sanger (54)
    (``leadmodel.survey.NPS_REFERENCES``).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import leadmodel as lm
    >>> table = lm.net_promoter_score(lm.load_sample("district_survey"), by="model",
    ...                               roles=["teacher", "teacher_leader"])
    >>> ax = lm.plot_nps(table)
    >>> ax.get_title()
    'Net Promoter Score by model with 95% intervals (0 of 4 groups suppressed)'
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['denver', 'fresno', 'green_dot', 'traditional']
    """
    from leadmodel.presets.benchmarks import NPS_REFERENCES

    needed = ["suppressed", "nps", "nps_low", "nps_high", "interval_degenerate"]
    table = checked_table(table, needed, "The table this plot draws", "net_promoter_score")
    groups = [str(g) for g in table.index]
    shown = ~table["suppressed"].to_numpy(dtype=bool)
    y = np.arange(len(table))[::-1].astype(float)
    nps = table["nps"].to_numpy(dtype=float, na_value=np.nan)
    low = table["nps_low"].to_numpy(dtype=float, na_value=np.nan)
    high = table["nps_high"].to_numpy(dtype=float, na_value=np.nan)
    degenerate = (
        table["interval_degenerate"].to_numpy(dtype=bool, na_value=False)
        if "interval_degenerate" in table
        else np.zeros(len(table), dtype=bool)
    )
    ax = new_axes(ax, (8, max(3.0, 0.35 * len(table) + 1.8)))
    ax.axvline(0, color=PALETTE["grey"], linewidth=0.8)
    if references:
        for key, (value, label) in NPS_REFERENCES.items():
            ax.axvline(value, color=PALETTE["grey"], linestyle="--", linewidth=1, gid=key)
            ax.annotate(
                label,
                (value, 1.0),
                xycoords=("data", "axes fraction"),
                xytext=(2, -2),
                textcoords="offset points",
                rotation=90,
                va="top",
                fontsize=7,
                color=PALETTE["grey"],
            )
    if shown.any():
        blue = PALETTE["blue"]
        ax.hlines(y[shown], low[shown], high[shown], color=blue, linewidth=1.5, gid="nps_interval")
        ax.plot(
            np.concatenate([low[shown], high[shown]]),
            np.concatenate([y[shown], y[shown]]),
            linestyle="none",
            marker="|",
            markersize=8,
            color=blue,
            gid="nps_interval_ends",
        )
        solid = shown & ~degenerate
        ax.plot(nps[solid], y[solid], linestyle="none", marker="o", color=blue, zorder=3, gid="nps")
        hollow = shown & degenerate
        if hollow.any():
            ax.plot(
                nps[hollow],
                y[hollow],
                linestyle="none",
                marker="o",
                markerfacecolor="white",
                markeredgecolor=blue,
                zorder=3,
                gid="nps_zero_width",
                label="zero-width Wald interval: every answer in one category "
                "(see method='adjusted_wald')",
            )
            ax.legend(frameon=False, fontsize=8, loc="lower right")
    labels = [text(g if s else f"{g} (suppressed)") for g, s in zip(groups, shown, strict=True)]
    ax.set_yticks(y, labels, fontsize=8 if len(table) <= 30 else 6)
    for tick, s in zip(ax.get_yticklabels(), shown, strict=True):
        if not s:
            tick.set_color(PALETTE["grey"])
    ax.set_xlim(-100, 100)
    ax.set_xlabel("Net Promoter Score (% promoters minus % detractors)")
    confidence = table.attrs.get("confidence", 0.95)
    name = str(table.index.name or "group")
    ax.set_title(
        f"Net Promoter Score by {name.replace('_', ' ')} with {confidence:.0%} intervals "
        f"({int((~shown).sum())} of {len(table)} groups suppressed)"
    )
    tidy(ax)
    return ax


FELT_BARS = (
    ("share_responsible_teachers", "feels responsible for teachers' growth", "blue"),
    ("formal_responsible_teachers", "on paper: coaches, evaluates or develops teachers", "sky"),
    ("share_primary_teachers", "feels primarily responsible", "vermillion"),
    ("formal_primary_teachers", "on paper: develops teachers (end to end)", "orange"),
)


def plot_felt_responsibility(table: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Responsibility as felt against responsibility on paper, one group of bars per role.

    ``table`` is the output of :func:`felt_responsibility`. For each leadership role: the
    share who feel responsible, and primarily responsible, for the growth of the teachers they
    lead, each next to the share the roster makes responsible. Suppressed roles keep their
    formal bars and are labelled "suppressed"; missing values draw no bar.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import leadmodel as lm
    >>> survey = lm.load_sample("district_survey")
    >>> felt = lm.felt_responsibility(lm.load_sample("district"), survey=survey)
    >>> ax = lm.plot_felt_responsibility(felt.loc[["principal", "chair"]])
    >>> sorted(round(bar.get_width()) for bar in ax.patches)  # chair: 22 and 10 felt, 0 on paper
    [0, 0, 10, 22, 82, 96, 100, 100]
    """
    felt = [column for column, _, _ in FELT_BARS]
    table = checked_table(
        table, ["suppressed", *felt], "The table this plot draws", "felt_responsibility"
    )
    roles = [str(r) for r in table.index]
    suppressed = table["suppressed"].to_numpy(dtype=bool)
    step = len(FELT_BARS) + 1
    base = np.arange(len(table))[::-1] * step
    ax = new_axes(ax, (8, max(3.5, 0.9 * len(table) + 1.5)))
    for k, (column, label, colour) in enumerate(FELT_BARS):
        values = 100 * table[column].to_numpy(dtype=float, na_value=np.nan)
        keep = ~np.isnan(values)
        ax.barh(
            base[keep] + (len(FELT_BARS) - 1 - k),
            values[keep],
            height=0.9,
            color=PALETTE[colour],
            label=label,
        )
    labels = [
        f"{r.replace('_', ' ')}\n(suppressed)" if s else r.replace("_", " ")
        for r, s in zip(roles, suppressed, strict=True)
    ]
    ax.set_yticks(base + (len(FELT_BARS) - 1) / 2, labels, fontsize=8)
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of the role (felt: respondents; on paper: holders on the roster)")
    ax.set_title("Responsibility for teachers' growth: as felt and on paper")
    ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    tidy(ax)
    return ax


#: How :func:`plot_advice_overlay` colours a teacher: by whether the advisers they name include
#: their developer, evaluator and coach; "no formal leader" when they name advisers but have
#: none of the three on the roster; "named no adviser" when they have no advice tie (the advice
#: question blank or not answered).
ADVICE_STATUS = (
    "names all their formal leaders",
    "misses some of their formal leaders",
    "names none of their formal leaders",
    "no formal leader",
    "named no adviser",
)
ALL_NAMED, SOME_MISSED, NONE_NAMED, NO_LEADER, NO_ADVICE = ADVICE_STATUS
ADVICE_COLOURS = dict(
    zip(ADVICE_STATUS, ("green", "orange", "vermillion", "purple", "grey"), strict=True)
)


def plot_advice_overlay(
    roster: Roster,
    *,
    survey: Survey,
    school_id: str | None = None,
    relations: Sequence[str] = ("develops", "evaluates", "coaches"),
    ax: Axes | None = None,
) -> Axes:
    """Formal links and advice ties of one school over its org chart.

    People sit in a tree along ``develops`` (else ``supervises``) links, as in
    :func:`plot_org_chart`; formal ``relations`` are thin coloured lines, advice ties
    (:func:`advice_graph`) dashed black lines. Teachers are coloured by whether they name
    their developer, evaluator and coach as advisers (:func:`advice_overlay`; the categories
    are ``leadmodel.plots.ADVICE_STATUS``): all of them, some, none, "no formal leader" (they
    name advisers but have no developer, evaluator or coach), or "named no adviser". Leaders
    are labelled with their advice in-degree. ``school_id`` defaults to the first school with
    advice ties.

    Raises
    ------
    DefinitionError
        When ``school_id`` is not one of the roster's schools.
    RosterError
        When the survey does not belong to ``roster`` (as for :func:`advice_overlay`).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import leadmodel as lm
    >>> survey, roster = lm.load_sample("district_survey"), lm.load_sample("district")
    >>> ax = lm.plot_advice_overlay(roster, survey=survey, school_id="D004")  # a traditional school
    >>> print(ax.get_title())
    Formal links and advice ties in D004
    16 of 35 teachers who named advisers name none of their developer, evaluator or coach
    """
    from matplotlib.collections import LineCollection

    from leadmodel.errors import DefinitionError
    from leadmodel.metrics.survey import advice_overlay

    overlay = advice_overlay(roster, survey=survey)  # checks the survey against the roster
    ties = survey.advice
    if school_id is None:
        school = str(ties["school_id"].min() if len(ties) else survey.responses["school_id"].min())
    elif school_id in set(roster.schools["school_id"]):
        school = school_id
    else:
        known = sorted(roster.schools["school_id"])
        raise DefinitionError(
            f"School {school_id!r} is not on the roster; give one of its schools "
            f"({', '.join(known[:10])}{', ...' if len(known) > 10 else ''}), or leave "
            "school_id out to draw the first school with advice ties."
        )
    staff = roster.staff[roster.staff["school_id"] == school]
    links = roster.links[roster.links["school_id"] == school]
    school_ties = ties[ties["school_id"] == school]
    involved = set(links["leader_id"]) | set(school_ties["adviser_id"])
    people, pos = chart_positions(staff, links, involved)
    if not pos:
        ax = new_axes(ax)
        ax.set_title(f"Advice in {school}: no leaders or teachers")
        return ax
    width = max(x for x, _ in pos.values()) + 1
    depth = -min(y for _, y in pos.values()) + 1
    ax = new_axes(ax, (max(8.0, 0.18 * width + 3), max(3.5, 1.3 * depth + 1)))
    for relation in relations:
        chosen = links[links["relation"] == relation]
        for lead, sid in zip(chosen["leader_id"], chosen["staff_id"], strict=True):
            if lead in pos and sid in pos:
                (x0, y0), (x1, y1) = pos[lead], pos[sid]
                ax.plot(
                    [x0, x1],
                    [y0, y1],
                    color=RELATION_COLOURS[relation],
                    linewidth=0.8,
                    alpha=0.5,
                    zorder=1,
                )
        ax.plot([], [], color=RELATION_COLOURS[relation], label=relation)
    segments = [
        [pos[a], pos[s]]
        for a, s in zip(school_ties["adviser_id"], school_ties["staff_id"], strict=True)
        if a in pos and s in pos
    ]
    ax.add_collection(
        LineCollection(
            segments,
            colors=PALETTE["black"],
            linestyles="--",
            linewidths=1.0,
            alpha=0.7,
            label="advice tie",
            zorder=2,
            gid="advice",
        )
    )
    teachers = overlay.teachers
    in_school = teachers.index.get_level_values("school_id") == school
    teachers = teachers[in_school].droplevel("school_id")
    has_leader = teachers[["developer_ids", "evaluator_ids", "coach_ids"]].notna().any(axis=1)
    missed = teachers[
        ["developer_not_nominated", "evaluator_not_nominated", "coach_not_nominated"]
    ].any(axis=1)
    status: dict[str, str] = {}
    for sid, leader, none, miss in zip(
        teachers.index, has_leader, teachers["no_formal_leader_nominated"], missed, strict=True
    ):
        if not leader:
            status[str(sid)] = NO_LEADER
        else:
            status[str(sid)] = NONE_NAMED if none else SOME_MISSED if miss else ALL_NAMED
    role = people.set_index("staff_id")["role"]
    plain = [s for s in pos if role[s] == "teacher"]
    for name in ADVICE_STATUS:
        members = [s for s in plain if status.get(s, NO_ADVICE) == name]
        xy = np.array([pos[s] for s in members]).reshape(-1, 2)
        ax.scatter(
            xy[:, 0],
            xy[:, 1],
            s=24,
            color=PALETTE[ADVICE_COLOURS[name]],
            edgecolor=PALETTE["black"],
            linewidth=0.4,
            label=f"teacher: {name}",
            zorder=3,
            gid=name,
        )
    degree = overlay.leaders["advice_in_degree"]
    leads = [s for s in pos if role[s] != "teacher"]
    xy = np.array([pos[s] for s in leads]).reshape(-1, 2)
    ax.scatter(
        xy[:, 0], xy[:, 1], s=70, marker="s", color=PALETTE["black"], label="leader", zorder=3
    )
    for sid in leads:
        n = int(degree.get((school, sid), 0))
        ax.annotate(
            text(f"{sid}\n{role[sid].replace('_', ' ')}\nadvice {n}"),
            pos[sid],
            xytext=(0, 8),
            textcoords="offset points",
            ha="center",
            fontsize=6,
        )
    counts = {name: sum(status.get(s, NO_ADVICE) == name for s in plain) for name in ADVICE_STATUS}
    led = counts[ALL_NAMED] + counts[SOME_MISSED] + counts[NONE_NAMED]
    title = (
        f"Formal links and advice ties in {school}\n{counts[NONE_NAMED]} of {led} teachers who "
        "named advisers name none of their developer, evaluator or coach"
    )
    if counts[NO_LEADER]:
        verb = "has" if counts[NO_LEADER] == 1 else "have"
        title += f"; {counts[NO_LEADER]} named advisers but {verb} no developer, evaluator or coach"
    ax.set_axis_off()
    ax.set_title(text(title))
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
    ax.autoscale_view()
    return ax
