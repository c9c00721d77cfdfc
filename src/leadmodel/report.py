"""Reproducible reports: one self-contained HTML file, or Markdown with its figures.

:func:`write_report` turns a roster (and the choices of an
:class:`~leadmodel.Analysis`) into a report a school board can read: first, on one
screen, the few numbers that matter in plain words, each linked to its definition;
then spans, coverage gaps, observation load, compliance with a leadership model and
redesign scenarios, each with a figure, a short table and a sentence saying what they
show; the definition of every term used (each defined once, :mod:`leadmodel.terms`);
the methodology with its sources; every table in full in an appendix (nothing is cut
without saying where the rest is); and a provenance block (library version, input
checksums, every parameter, preset versions). The same inputs give the same bytes:
there is no timestamp, figures are drawn with fixed settings and PNG metadata is
stripped. The numbers the text states are the numbers the figures draw and the tables
hold (the tests check it on the rendered page).

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

import hashlib
import platform
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from leadmodel._version import __version__
from leadmodel.analysis import Analysis
from leadmodel.atomic import atomic_text, default_mode
from leadmodel.document import (
    Document,
    Picture,
    bold,
    code,
    fact,
    render_html,
    render_markdown,
    term,
)
from leadmodel.errors import DefinitionError
from leadmodel.evidence import log_section, survey_section
from leadmodel.metrics.coverage import DEFAULT_SPAN_TARGET
from leadmodel.models import CostModel, LeadershipModel, ObservationPolicy, TimeModel
from leadmodel.plan_report import (
    PLAN_TERMS,
    plan_glance,
    plan_provenance,
    plan_section,
    plan_sources,
    pseudonymise_plan,
)
from leadmodel.plots import (
    coverage_counts,
    money,
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
from leadmodel.readers.log import ActivityLog, DateLike, TeamMembers
from leadmodel.readers.plan import Plan
from leadmodel.readers.series import RosterSeries
from leadmodel.readers.survey import Survey
from leadmodel.report_years import years_section
from leadmodel.roster import LINK_COLUMNS, STAFF_COLUMNS, TEAM_COLUMNS, Roster, checked_roster

__all__ = ["pseudonymise_roster", "write_report"]


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
    data: Roster | RosterSeries,
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
    survey: Survey | None = None,
    log: ActivityLog | None = None,
    members: TeamMembers | None = None,
    plan: Plan | None = None,
    as_of: DateLike | None = None,
) -> Path:
    """Write a reproducible report on a roster: HTML (self-contained) or Markdown.

    Parameters
    ----------
    data
        The roster; or rosters of several dates (:func:`~leadmodel.read_rosters`): the report
        is then on the last, with a section on the district over the years (trends with the
        rollout waves marked, and what changed from snapshot to snapshot).
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
    survey, log, members
        A staff survey and an activity log (with second team memberships), as for
        :class:`~leadmodel.Analysis`: each adds a section.
    plan
        A strategic plan read with the roster (:func:`~leadmodel.read_plan`): adds the
        section "Execution: the strategic plan" (priorities and initiatives, initiative load
        against capacity, rocks, candidates for strategic abandonment).
    as_of
        The date the log is measured to and the plan's rocks are measured on (default: the
        log's latest event and the plan's latest update, recorded in the provenance).

    Returns
    -------
    pathlib.Path
        The report written (in one piece: a failure leaves an earlier report as it was).

    Raises
    ------
    DefinitionError
        For a path that is neither ``.html`` nor ``.md``, or an unknown preset.
    """
    target = Path(path)
    kind = _kind(target)
    series = data if isinstance(data, RosterSeries) else None
    given = checked_roster(series[series.dates[-1]] if series is not None else data)
    roster = pseudonymise_roster(given) if pseudonymise else given
    if plan is not None and pseudonymise:
        plan = pseudonymise_plan(plan, given)
    analysis = Analysis(
        roster,
        model=model,
        policy=policy,
        time=time,
        cost_model=cost_model,
        span_target=span_target,
        relation=relation,
        survey=survey,
        log=log,
        members=members,
        plan=plan,
        as_of=as_of,
    )
    chosen = [get_model(m) for m in scenarios]
    name = str(given.source.get("name") or "a roster")
    doc = Document(title or f"Leadership structure report: {name}")
    steps: list[Callable[[], None]] = [
        lambda: _glance(doc, analysis, chosen),
        lambda: _spans(doc, analysis),
        lambda: _coverage(doc, analysis),
        lambda: _observation(doc, analysis),
    ]
    if analysis.plan is not None:
        steps.append(lambda: plan_section(doc, analysis))
    if analysis.model is not None:
        steps.append(lambda: _compliance(doc, analysis))
    if chosen:
        steps.append(lambda: _scenarios(doc, analysis, chosen))
    if survey is not None:
        steps.append(lambda: survey_section(doc, analysis))
    if log is not None:
        steps.append(lambda: log_section(doc, analysis))
    if series is not None:
        steps.append(lambda: years_section(doc, series, analysis))
    steps.append(lambda: _schools(doc, analysis))
    steps.append(lambda: _definitions(doc, analysis, chosen))
    steps.append(lambda: _methodology(doc, analysis, chosen))
    steps.append(lambda: doc.close_appendix("Appendix: every table in full"))
    steps.append(lambda: _provenance(doc, given, analysis, chosen, pseudonymise))
    for done, step in enumerate(steps, start=1):
        step()
        if progress is not None:
            progress(done, len(steps))
    if kind == "html":
        return atomic_text(target, render_html(doc))
    return _write_markdown(doc, target)


def _write_markdown(doc: Document, target: Path) -> Path:
    """The Markdown file and its figures folder, each replaced in one piece."""
    folder = target.with_name(f"{target.stem}_figures")
    target.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=target.parent))
    try:
        for block in doc.blocks:
            if isinstance(block, Picture):
                (stage / f"{block.name}.png").write_bytes(block.png)
        text = render_markdown(doc, folder.name)
        for png in stage.iterdir():
            default_mode(png)
        default_mode(stage)
        if folder.exists():
            shutil.rmtree(folder)  # figures of an earlier run of this report
        stage.rename(folder)
        return atomic_text(target, text)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


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


def _n(value: float) -> str:
    return f"{value:,.0f}"


def _share(part: float, whole: float) -> str:
    return f"{part / whole:.0%}" if whole else "n/a"


# ---------------------------------------------------------------- the first screen


def _glance(doc: Document, a: Analysis, models: list[LeadershipModel]) -> None:
    """The one-screen summary: the few numbers that matter, in plain words."""
    doc.section("At a glance")
    counts = coverage_counts(a.coverage())
    teachers = int(counts["teachers"].sum())
    within = int(counts["developer_within_target"].sum())
    schools = len(a.roster.schools)
    spans = a.spans()["span"]
    spans = spans[spans > 0]
    largest, median = (spans.max(), spans.median()) if len(spans) else (0, 0)
    load = a.observation()
    with_load = load[load["hours_required"] > 0]
    doc.say(
        f"This report looks at {fact('schools', _n(schools))} "
        f"{'school' if schools == 1 else 'schools'} with {fact('teachers', _n(teachers))} "
        "teachers, and asks who is responsible for developing each teacher and whether those "
        "leaders have the time. Underlined terms link to their definitions; the full tables "
        "are in the appendix."
    )
    lines = [
        f"{fact('share_developed_within_target', _share(within, teachers))} of teachers have a "
        f"developer with at most {a.span_target} people to develop "
        f"({term('developed_within_target')}: {fact('developer_within_target', _n(within))}).",
        f"{fact('no_developer', _n(int(counts['no_developer'].sum())))} teachers have "
        f"{term('no_developer', 'no developer')}; "
        f"{fact('developer_over_target', _n(int(counts['developer_over_target'].sum())))} have "
        f"a {term('developer_over_target')}.",
        f"{fact('fragmented', _n(int(counts['fragmented'].sum())))} teachers are "
        f"{term('fragmented')}.",
        f"The largest {term('span')} is {fact('largest_span', _n(largest))} people on one "
        f"leader; the median is {fact('median_span', _n(median))}.",
        f"{fact('leaders_over_capacity', _n(int(with_load['over_capacity'].sum())))} of "
        f"{_n(len(with_load))} leaders with observations to make are "
        f"{term('over_capacity')} under the policy {bold(a.policy.label)}.",
    ]
    if a.model is not None:
        report = a.compliance().schools
        every = int((report["tight_passed"] == report["tight_rules"]).sum())
        lines.append(
            f"{fact('schools_meeting_every_tight_rule', _n(every))} of {_n(len(report))} schools "
            f"meet every {term('tight_rule')} of {bold(a.model.label)}."
        )
    if models:
        lines += _scenario_lines(a, models)
    if a.plan is not None:
        lines += plan_glance(a)
    issues = a.roster.issues
    if len(issues):
        errors = int((issues["severity"] == "error").sum())
        lines.append(
            f"{fact('issues', _n(len(issues)))} problems were found in the input "
            f"({_n(errors)} errors, whose rows were left out, and {_n(len(issues) - errors)} "
            "warnings): see "
            '"Schools and the input" and run ' + code("leadmodel validate") + "."
        )
    doc.key_figures(lines)


def _scenario_lines(a: Analysis, models: list[LeadershipModel]) -> list[str]:
    table = a.compare(models)
    totals = _scenario_totals(table)
    developed = _pooled_share(table)
    today = totals["today"]
    out = []
    for m in models:
        row = totals[m.key]
        extra = row["leadership_cost"] - today["leadership_cost"]
        out.append(
            f"Re-staffed in the pattern of {bold(m.label)}: {term('leadership_cost')} "
            f"{money(row['leadership_cost'])} a year ({'+' if extra >= 0 else ''}{money(extra)} "
            f"on today); {developed[m.key]:.0%} of teachers {term('developed_within_target')} "
            f"(today {developed['today']:.0%})."
        )
    return out


def _pooled_share(table: pd.DataFrame) -> pd.Series:
    """Per scenario, the share of all teachers developed within the target (not a mean of
    the schools' shares), as the first screen states it for today."""
    wide = table.pivot_table(
        index=["scenario", "school_id"], columns="metric", values="value", sort=False
    ).astype("float64")
    developed = (
        (wide["share_developed_within_target"].fillna(0) * wide["teachers"])
        .groupby(level="scenario", sort=False)
        .sum()
    )
    teachers = wide["teachers"].groupby(level="scenario", sort=False).sum()
    return developed / teachers.where(teachers > 0)


# ---------------------------------------------------------------- sections


def _spans(doc: Document, a: Analysis) -> None:
    doc.section("Spans of control")
    spans = a.spans()
    doc.say(
        f"A leader's {term('span')} counts the people they hold the {code(a.relation)} relation "
        f"to. {_n(int((spans['span'] > 0).sum()))} leaders have a span above 0."
    )
    one = _one_school(a)
    if one is not None:
        doc.figure(
            lambda ax: plot_org_chart(a.roster, school_id=one, ax=ax),
            f"The leadership structure of {one}: who develops, evaluates, coaches and "
            "facilitates whom.",
            (11, 6),
        )
    else:
        doc.figure(
            lambda ax: plot_spans(a.roster, relation=a.relation, ax=ax),
            "Spans by school (or by school model, for many schools): each box holds the spans "
            "of the leaders in it; each dot is a leader.",
            (9, 4.5),
        )
    doc.figure(
        lambda ax: plot_span_benchmarks(a.spans(), ax=ax),
        "Median and largest development spans against the reference spans (sources in the "
        "methodology).",
        (8, 4.5),
    )
    doc.table(
        a.span_matrix().reset_index(),
        "Leaders by layer below the principal and span band.",
        "span-matrix",
    )
    columns = ["role", "span", "span_teachers", "release_fte", "teachers_per_release_fte", "layer"]
    largest = spans.sort_values("span", ascending=False, kind="mergesort")[columns]
    doc.table(_with_names(largest, a.roster), "Leaders, largest span first.", "leaders")


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
    counts = coverage_counts(a.coverage())
    total = counts.sum()
    doc.say(
        f"Of {fact('teachers', _n(total['teachers']))} teachers, "
        f"{fact('developer_within_target', _n(total['developer_within_target']))} have a "
        f"developer within the target of {a.span_target}, "
        f"{fact('developer_over_target', _n(total['developer_over_target']))} a "
        f"{term('developer_over_target')} and "
        f"{fact('no_developer', _n(total['no_developer']))} {term('no_developer', 'no developer')}"
        f"; {fact('fragmented', _n(total['fragmented']))} of them, whatever their developer, "
        f"are {term('fragmented')}."
    )
    doc.figure(
        lambda ax: plot_coverage(a.coverage(), span_target=a.span_target, ax=ax),
        "Teachers by developer status, one bar per school (each teacher counted once); the dots "
        "count the fragmented teachers of each school.",
        (9, 4.5),
    )
    worst = counts.assign(
        share_developed_within_target=counts["developer_within_target"]
        / counts["teachers"].where(counts["teachers"] > 0)
    ).sort_values(
        ["share_developed_within_target", "teachers"], ascending=[True, False], kind="mergesort"
    )
    doc.table(
        worst.reset_index(),
        "Teachers by developer status per school, the lowest share developed within the "
        "target first.",
        "coverage-by-school",
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
    leaders = a.coverage().leaders[columns].sort_values("activities_covered", kind="mergesort")
    doc.table(
        _with_names(leaders, a.roster),
        "Leaders: how many of the five development activities each covers, and whether "
        "end to end, fewest first.",
        "leaders-activities",
    )


def _observation(doc: Document, a: Analysis) -> None:
    doc.section("Observation load")
    summary = a.observation_summary()
    load = a.observation()
    with_load = load[load["hours_required"] > 0]
    doc.say(
        f"Under the policy {bold(a.policy.label)}, the leaders who make the visits need "
        f"{_n(summary['hours_required'].sum())} {term('hours_required')} a year against "
        f"{_n(summary['hours_available'].sum())} {term('hours_available')}; "
        f"{fact('leaders_over_capacity', _n(int(with_load['over_capacity'].fillna(False).sum())))}"
        f" of {_n(len(with_load))} leaders with observations to make are "
        f"{term('over_capacity')}." + _most_loaded(summary)
    )
    doc.figure(
        lambda ax: plot_observation_load(a.observation(), ax=ax),
        "Observation hours against the hours leaders have: per leader (bars by activity, the "
        "black mark the hours available, red arrows over capacity), or for many leaders the "
        "spread of their utilisation.",
        (9, max(3.0, min(0.35 * len(with_load) + 1.5, 10.0)) if len(with_load) <= 40 else 4.5),
    )
    doc.table(summary.reset_index(), "Observation load per school.", "observation-by-school")


def _most_loaded(summary: pd.DataFrame) -> str:
    """The headline: the most loaded leader's utilisation (in the most loaded school)."""
    top = summary["max_utilisation"].astype("Float64").dropna()
    if top.empty:
        return ""
    where = "" if len(summary) == 1 else f" (school {top.idxmax()})"
    return f" The most loaded leader{where} needs {float(top.max()):.0%} of their hours."


def _compliance(doc: Document, a: Analysis) -> None:
    assert a.model is not None
    doc.section("Compliance with the leadership model")
    report = a.compliance()
    schools = report.schools
    every = int((schools["tight_passed"] == schools["tight_rules"]).sum())
    doc.say(
        f"Against {bold(a.model.label)}, "
        f"{fact('schools_meeting_every_tight_rule', _n(every))} of {_n(len(schools))} schools meet "
        f"every {term('tight_rule')}. A school's {term('compliance_score')} is the share of the "
        f"tight rules it meets; {term('loose_rule', 'loose rules')} are reported as within or "
        "outside their range."
    )
    doc.figure(
        lambda ax: plot_compliance(report, ax=ax),
        "Schools against the model's rules: met, missed or not measurable.",
        (9, max(3.0, min(0.22 * len(schools) + 2, 11.0)) if len(schools) <= 40 else 4.5),
    )
    table = schools.drop(columns="reasons").assign(
        meets_every_tight_rule=schools["tight_passed"] == schools["tight_rules"]
    )
    doc.table(table.reset_index(), "Compliance per school.", "compliance-by-school")
    doc.table(
        _missed_rules(report.rules),
        "Rules not met: schools missing each, with the most common reason.",
        "rules-missed",
    )
    failed = report.rules[~report.rules["passed"].astype(bool)]
    doc.table(
        failed[["element", "kind", "requirement", "value", "reason"]].reset_index(),
        "Every rule not met, school by school, with the reason.",
        "rules-missed-by-school",
    )
    if len(schools) > 1:
        view = a.district_view()
        doc.table(
            view.elements.reset_index(), "Each element of the model across schools.", "elements"
        )
        doc.table(view.waves.reset_index(), "Compliance by pilot wave.", "waves")


def _missed_rules(rules: pd.DataFrame) -> pd.DataFrame:
    """One row per rule some school misses: how many schools, and the most common reason."""
    failed = rules[~rules["passed"].astype(bool)].reset_index()
    if failed.empty:
        return pd.DataFrame(
            {"rule": pd.Series(dtype="string"), "schools_missing": pd.Series(dtype="int64")}
        )
    grouped = failed.groupby("rule", sort=False)
    out = pd.DataFrame(
        {
            "element": grouped["element"].first(),
            "kind": grouped["kind"].first(),
            "schools_missing": grouped.size(),
            "most_common_reason": grouped["reason"].agg(_most_common),
        }
    )
    return out.sort_values("schools_missing", ascending=False, kind="mergesort").reset_index()


def _most_common(reasons: pd.Series) -> str | None:
    given = reasons.dropna().astype(str)
    return str(given.value_counts().index[0]) if len(given) else None


def _scenarios(doc: Document, a: Analysis, models: list[LeadershipModel]) -> None:
    doc.section("Redesign scenarios")
    table = a.compare(models)
    doc.say(
        f"Each scenario re-staffs every school in a model's pattern ({code('apply_model')}) "
        "and is measured like today's roster: " + ", ".join(bold(m.label) for m in models) + "."
    )
    doc.figure(
        lambda ax: plot_scenarios(table, ax=ax),
        "Leadership cost a year (US dollars) against the share of teachers developed within "
        "the span target, one marker per scenario.",
        (8, 4.5),
    )
    shown = _scenario_totals(table).T  # a row per scenario, a column per measure
    shown.columns = [_total_label(m) for m in shown.columns]
    shown.index.name = "scenario"
    doc.table(
        shown.reset_index(),
        "Today against each scenario, all schools together: counts and cost summed, other "
        "measures the mean of the schools'.",
        "scenarios",
    )


_SUMMED = {"teachers", "no_developer", "fragmented", "leaders_over_capacity", "leadership_cost"}


def _total_label(metric: str) -> str:
    return f"{metric} ({'total' if metric in _SUMMED else 'mean of schools'})"


def _scenario_totals(table: pd.DataFrame) -> pd.DataFrame:
    """Sum counts and costs over schools; average shares, medians and scores."""
    values = table.astype({"value": "float64"})
    wide = values.pivot_table(index="metric", columns="scenario", values="value", sort=False)
    sums = values.pivot_table(
        index="metric", columns="scenario", values="value", aggfunc="sum", sort=False
    )
    wide.loc[wide.index.isin(_SUMMED)] = sums.loc[wide.index[wide.index.isin(_SUMMED)]]
    wide.columns.name = None
    return wide[list(dict.fromkeys(table["scenario"]))]


def _schools(doc: Document, a: Analysis) -> None:
    doc.section("Schools and the input")
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
    doc.table(a.summary()[columns].reset_index(), "One row per school.", "schools")
    doc.table(
        a.roster.accounting().reset_index(),
        "Row accounting of the input: rows_in = rows_loaded + rows_rejected + rows_blank.",
        "accounting",
    )
    issues = a.roster.issues
    if len(issues):
        counts = issues.groupby(["severity", "code"]).size().rename("count").reset_index()
        doc.table(
            counts,
            "Problems found while loading, by reason code (every one: "
            f"{code('leadmodel validate')}).",
            "issues",
        )


def _definitions(doc: Document, a: Analysis, models: list[LeadershipModel]) -> None:
    doc.section("Definitions")
    keys = [
        "span",
        "layer",
        "span_band",
        "developed_within_target",
        "developer_over_target",
        "no_developer",
        "fragmented",
        "end_to_end",
        "hours_required",
        "hours_available",
        "utilisation",
        "over_capacity",
    ]
    if a.model is not None:
        keys += ["tight_rule", "loose_rule", "compliance_score"]
    if models:
        keys.append("leadership_cost")
    if a.plan is not None:
        keys += PLAN_TERMS
    doc.define(keys)
    doc.say(
        f"The span target is {a.span_target}; spans count the {code(a.relation)} relation. "
        "Every output column is defined in docs/glossary.md, in the same words."
    )


def _methodology(doc: Document, a: Analysis, models: list[LeadershipModel]) -> None:
    doc.section("Methodology and sources")
    doc.say("How every measure is computed: docs/methodology.md. The presets used come from:")
    sources: list[tuple[str, str]] = [
        (f"observation policy {a.policy.key}", a.policy.source),
        (f"time model {a.time.key}", a.time.source or "leadmodel defaults (assumptions)"),
    ]
    if a.model is not None:
        sources.append((f"leadership model {a.model.key}", a.model.source))
    sources += [(f"scenario {m.key}", m.source) for m in models]
    if a.plan is not None:
        sources += plan_sources(a)
    for key, row in span_benchmarks().iterrows():
        sources.append((f"span benchmark {key}", str(row["source"])))
    doc.pairs(sources)


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
        ("issues while loading", len(a.roster.issues)),
        ("policy", f"{a.policy.key} v{a.policy.version} ({digest(a.policy)})"),
        ("time model", f"{a.time.key} ({digest(a.time)})"),
        ("cost model", a.cost_model if isinstance(a.cost_model, str) else a.cost_model.key),
        ("span target", a.span_target),
        ("relation", a.relation),
    ]
    if a.model is not None:
        items.append(("model", f"{a.model.key} v{a.model.version} ({digest(a.model)})"))
    items += [(f"scenario {m.key}", f"v{m.version} ({digest(m)})") for m in models]
    if a.plan is not None:
        items += plan_provenance(a)
    doc.pairs(items)
