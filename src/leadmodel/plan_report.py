"""The report's section on a strategic plan: priorities, initiative load, rocks, abandonment.

:func:`leadmodel.write_report` adds this section when it is given a plan
(:func:`~leadmodel.read_plan`): the plan's priorities with the initiatives under each and
the share of initiatives aligned to a priority (clarity of focus); the initiatives' hours
per role against what leaders have left after observation and coaching; the rocks on the
date measured, by school and owner; and the initiatives a strategic-abandonment review
should look at, each with its reasons. Its first-screen lines and the facts it states are
marked like every other section's, so that the tests can check that text, figures and
tables say the same.
"""

from __future__ import annotations

import pandas as pd

from leadmodel.analysis import Analysis
from leadmodel.document import Document, bold, code, fact, term
from leadmodel.errors import DefinitionError
from leadmodel.metrics.rocks import ROCK_STATES
from leadmodel.plots.execution import plot_initiative_load, plot_priorities, plot_rocks
from leadmodel.readers.plan import Plan
from leadmodel.readers.plan_checks import PLAN_COLUMNS
from leadmodel.roster import Roster

__all__ = [
    "PLAN_TERMS",
    "plan_glance",
    "plan_provenance",
    "plan_section",
    "plan_sources",
    "pseudonymise_plan",
]

#: The terms the plan's section uses, defined in the report's definitions.
PLAN_TERMS = (
    "initiative_hours",
    "capacity_left",
    "capacity_after",
    "share_aligned",
    "stalled",
    "rock_late",
    "abandonment_candidate",
)
_SEED_GUIDE = (
    "The school-improvement guide among the project's seed documents ('How to Successfully "
    "Gain Traction on School Improvement'): a strategic plan with 'aspirational yet achievable "
    "goals and priorities'; 'Short-term, 45-day \"rocks\" or short-term projects for the ILT'; "
    '\'A strategic abandonment process for "clearing the deck" of initiatives that are not '
    "working while guarding against ending initiatives prematurely'; ILTs meeting 'regularly "
    "(weekly)'."
)
_SEED_ESSAY = (
    "The essay on execution among the project's seed documents ('The Problem We Don't Talk "
    "About: Why Good Plans Fail in School Systems'): clarity of focus ('a small set of "
    "priorities everyone can rally around'), capacity to execute ('the skills, time, and tools "
    "to do the work'), initiative fatigue and efforts that 'scatter' across too many "
    "priorities; it gives no number of priorities."
)


def _plan_of(a: Analysis) -> Plan:
    """The analysis's plan (the section is only written for an analysis with one)."""
    if a.plan is None:
        raise DefinitionError("This analysis has no strategic plan: pass plan= to Analysis.")
    return a.plan


def _n(value: float) -> str:
    return f"{value:,.0f}"


def _share(part: float, whole: float) -> str:
    return f"{part / whole:.0%}" if whole else "n/a"


# ---------------------------------------------------------------- the first screen


def plan_glance(a: Analysis) -> list[str]:
    """The plan's lines on the report's first screen."""
    load = a.initiative_load()
    init = load.initiatives
    leaders = load.people[load.people["leader"]]
    over = int(leaders["over_capacity_after"].fillna(False).sum())
    lines = [
        f"The strategic plan has {fact('plan_priorities', _n(len(_plan_of(a).priorities)))} "
        f"priorities and {fact('plan_initiatives', _n(len(init)))} initiatives, "
        f"{fact('plan_unaligned_initiatives', _n(int((~init['aligned']).sum())))} of which "
        "serve none of them.",
        f"{fact('plan_leaders_over_after', _n(over))} of {_n(len(leaders))} leaders are "
        f"{term('capacity_after', 'over capacity')} once the initiatives' hours are counted "
        "against what observation and coaching leave them.",
    ]
    if a.has_plan_date:
        rocks = a.rocks().rocks
        stuck = rocks["status"].isin(["late", "stalled"])
        lines.append(
            f"On {a.plan_date}, {fact('plan_rocks_late_or_stalled', _n(int(stuck.sum())))} of "
            f"{_n(len(rocks))} rocks are {term('rock_late', 'late')} or "
            f"{term('stalled')}; {fact('plan_candidates', _n(len(a.abandonment())))} initiatives "
            f"are {term('abandonment_candidate', 'candidates for strategic abandonment')}."
        )
    return lines


# ---------------------------------------------------------------- the section


def plan_section(doc: Document, a: Analysis) -> None:
    """The section on the strategic plan."""
    doc.section("Execution: the strategic plan")
    _priorities(doc, a)
    _load(doc, a)
    if a.has_plan_date:
        _rocks(doc, a)
        _abandonment(doc, a)
    else:
        doc.say(
            "The plan records no rock updates, and no date was given to measure the rocks on "
            f"({code('as_of=')}): the rocks and the abandonment review are left out."
        )


def _priorities(doc: Document, a: Analysis) -> None:
    plan = _plan_of(a)
    load = a.initiative_load()
    init = load.initiatives
    aligned = int(init["aligned"].sum())
    start, end = plan.school_year
    focus = load.schools
    landing = focus[focus["initiatives"] > 0]
    doc.say(
        f"The plan names {fact('plan_priorities', _n(len(plan.priorities)))} priorities and "
        f"{fact('plan_initiatives', _n(len(init)))} initiatives: "
        f"{fact('plan_aligned_initiatives', _n(aligned))} serve a priority and "
        f"{fact('plan_unaligned_initiatives', _n(len(init) - aligned))} serve none. Its load is "
        f"measured over the school year {start} to {end}. "
        + _focus_text(landing)
        + _unstated_text(init)
    )
    doc.figure(
        lambda ax: plot_priorities(plan, load, ax=ax),
        "The plan's priorities with the initiatives under each (dots), and the hours a year "
        "each asks of everyone it reaches in the school year; initiatives serving no priority "
        "in red.",
        (10, max(3.0, min(0.3 * (len(init) + len(plan.priorities) + 1) + 1.5, 12.0))),
    )
    columns = [
        "name", "priority_id", "owner_role", "owner_id", "start_date", "end_date",
        "schools", "people", "leaders", "hours_per_month", "initiative_hours", "rocks",
    ]  # fmt: skip
    doc.table(
        init[columns].reset_index(),
        "Initiatives: whom each reaches and the hours it asks (a month, and in the school year).",
        "plan-initiatives",
    )
    shown = focus[
        ["initiatives", "priorities", "aligned_initiatives", "share_aligned", "people",
         "initiative_hours", "leaders_over_before", "leaders_over_after"]
    ]  # fmt: skip
    shown = shown.sort_values(
        ["initiatives", "share_aligned"], ascending=[False, True], kind="mergesort"
    )
    doc.table(
        shown.reset_index(),
        "Clarity of focus per school: the initiatives landing there, the priorities they serve, "
        "and the hours they ask, most initiatives first.",
        "plan-schools",
    )


def _focus_text(landing: pd.DataFrame) -> str:
    if landing.empty:
        return "No initiative says whom it lands on."
    median = float(landing["initiatives"].median())
    share = landing["share_aligned"].astype("Float64")
    return (
        f"Schools carry a median of {median:,.0f} initiatives (most: "
        f"{int(landing['initiatives'].max())}), serving a median of "
        f"{float(landing['priorities'].median()):,.0f} priorities; the "
        f"{term('share_aligned', 'share aligned')} to a priority ranges from "
        f"{float(share.min()):.0%} to {float(share.max()):.0%}. "
    )


def _unstated_text(init: pd.DataFrame) -> str:
    unstated = init.index[init["demands"] == 0].tolist()
    unknown = init.index[(init["demands"] > 0) & init["hours_per_month"].isna()].tolist()
    parts = []
    if unstated:
        parts.append(f"{len(unstated)} do not say whom they land on ({', '.join(unstated)})")
    if unknown:
        parts.append(f"{len(unknown)} give no hours for some of it ({', '.join(unknown)})")
    if not parts:
        return ""
    return (
        f"Of the initiatives, {' and '.join(parts)}: their hours are unknown, and so is every "
        "total they enter, never counted as 0."
    )


def _load(doc: Document, a: Analysis) -> None:
    load = a.initiative_load()
    leaders = load.people[load.people["leader"]]
    before = int(leaders["over_capacity_before"].fillna(False).sum())
    after = int(leaders["over_capacity_after"].fillna(False).sum())
    no_time = int(
        (leaders["over_capacity_after"].fillna(False) & leaders["hours_available"].eq(0)).sum()
    )
    unknown = int(leaders["capacity_after"].isna().sum())
    doc.say(
        f"Each initiative asks hours a month of the people it lands on. Against what leaders "
        f"have left after observation and coaching ({term('capacity_left')}; time model "
        f"{bold(a.time.key)}, policy {bold(a.policy.label)}), "
        f"{fact('plan_leaders_over_before', _n(before))} of {_n(len(leaders))} leaders were "
        "already over capacity before any initiative, and "
        f"{fact('plan_leaders_over_after', _n(after))} are once the initiatives are counted "
        f"({term('capacity_after')} below 0); {_n(no_time)} of them hold roles the time model "
        "gives no hours for this work (such as chairs and PLC leads, whose release the research "
        "found spent on meetings)."
        + (f" {_n(unknown)} leaders have unknown capacity." if unknown else "")
    )
    doc.figure(
        lambda ax: plot_initiative_load(load, ax=ax),
        "Initiative load per role: per leader, the hours observation and coaching take (blue) "
        "and the hours the initiatives ask (orange), against the hours the time model gives "
        "them (black tick).",
        (9, max(3.0, 0.5 * int((load.roles["leaders"] > 0).sum()) + 1.8)),
    )
    doc.table(
        load.roles.reset_index(),
        "Initiative load per role: holders, those reached, and the mean hours per holder and "
        "per leader.",
        "plan-roles",
    )


def _rocks(doc: Document, a: Analysis) -> None:
    status = a.rocks()
    rocks = status.rocks
    counts = rocks["status"].value_counts()
    said = ", ".join(
        f"{fact(f'rocks_{s}', _n(int(counts.get(s, 0))))} {s.replace('_', ' ')}"
        for s in ROCK_STATES
    )
    doc.say(
        f"On {status.as_of}, of {_n(len(rocks))} rocks (45-day short-term projects of the "
        f"instructional leadership teams): {said}. A rock is {term('stalled')} after more "
        f"than {status.stall_days} days without progress, {term('rock_late')} past its end and "
        "not done."
    )
    doc.figure(
        lambda ax: plot_rocks(status, ax=ax),
        "The rocks on a timeline, coloured by their state on the date measured (dashed line), "
        "with their last progress; those needing attention first.",
        (10, max(3.0, min(0.28 * len(rocks) + 1.8, 13.0))),
    )
    doc.table(status.by_school.reset_index(), "Rocks by state, per school.", "rocks-by-school")
    doc.table(status.by_owner.reset_index(), "Rocks by state, per owner.", "rocks-by-owner")
    attention = rocks[rocks["status"].isin(["late", "stalled", "off_track", "no_update"])]
    doc.table(
        attention[
            ["name", "owner_id", "school_id", "initiative_id", "status", "reason"]
        ].reset_index(),
        "Rocks needing attention (late, stalled, off track or not reported), with why.",
        "rocks-attention",
    )


def _abandonment(doc: Document, a: Analysis) -> None:
    review = a.abandonment()
    doc.say(
        f"On {a.plan_date}, {fact('plan_candidates', _n(len(review)))} initiatives are "
        f"{term('abandonment_candidate', 'candidates for strategic abandonment')}: they serve "
        "no priority, their rocks have not moved in 45 days, or they land on leaders already "
        "over capacity. A candidate is a question for the review, not a verdict."
    )
    columns = ["name", "priority_id", "reasons", "no_priority", "no_rock_progress",
               "on_leaders_over_capacity", "why"]  # fmt: skip
    doc.table(
        review[columns].reset_index(),
        "Candidates for strategic abandonment, most reasons first, each with its reasons.",
        "abandonment",
    )


# ---------------------------------------------------------------- sources and provenance


def plan_sources(a: Analysis) -> list[tuple[str, str]]:
    """The sources of the plan's numbers, for the methodology."""
    return [
        ("45-day rocks, weekly ILT, strategic abandonment", _SEED_GUIDE),
        ("clarity of focus, capacity to execute", _SEED_ESSAY),
        (
            "stalled after 14 days",
            "Assumption: two of the ILT's weekly meetings (weekly: the seed guide) without "
            "progress.",
        ),
    ]


def plan_provenance(a: Analysis) -> list[tuple[str, object]]:
    """The plan's lines of the provenance block."""
    plan = _plan_of(a)
    start, end = plan.school_year
    items: list[tuple[str, object]] = [
        ("plan", plan.source.get("name") or "DataFrame"),
        ("plan file SHA-256", plan.source.get("sha256") or "n/a (not read from a file)"),
        ("plan school year", f"{start} to {end}"),
        ("issues while loading the plan", len(plan.issues)),
    ]
    if a.has_plan_date:
        given = "given" if a.as_of is not None else "the plan's latest update"
        items.append(("rocks measured on", f"{a.plan_date} ({given})"))
    return items


# ---------------------------------------------------------------- pseudonyms


def pseudonymise_plan(plan: Plan, roster: Roster) -> Plan:
    """The plan with staff ids replaced as :func:`~leadmodel.pseudonymise_roster` replaces them
    in ``roster`` (``P0001``... in sorted order of the roster's ids), and extra columns dropped.

    >>> import leadmodel as lm
    >>> sample = lm.load_sample("district_plan")
    >>> masked = pseudonymise_plan(sample.plan, sample.roster)
    >>> bool(masked.rocks["owner_id"].str.match(r"P\\d+$").all())
    True
    """
    ids = pd.Index(sorted(roster.staff["staff_id"].dropna().unique()))
    width = max(4, len(str(len(ids))))
    alias = pd.Series([f"P{i:0{width}d}" for i in range(1, len(ids) + 1)], index=ids)
    tables = {}
    for name, frame in plan.tables().items():
        out = frame[[*PLAN_COLUMNS[name], "row"]].copy()
        for col in ("owner_id", "staff_id"):
            if col in out:
                out[col] = out[col].map(alias).astype("string").where(out[col].notna())
        tables[name] = out
    members = None
    if plan.members is not None:
        members = plan.members[["school_id", "team_id", "staff_id"]].copy()
        members["staff_id"] = members["staff_id"].map(alias).astype("string")
    return Plan(
        tables,
        school_year=plan.school_year,
        members=members,
        issues=plan.issues.assign(
            **{
                c: pd.Series(pd.NA, index=plan.issues.index, dtype="string")
                for c in ("staff_id", "value", "message", "fix")
            }
        ),
        source={**plan.source, "roster": None},
    )
