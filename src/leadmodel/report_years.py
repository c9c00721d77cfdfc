"""The report's section on a district over the years (a :class:`~leadmodel.RosterSeries`).

:func:`~leadmodel.write_report` given a series reports on its last snapshot as on any roster,
and adds this section: the district's measures on every snapshot with the rollout waves
marked (:func:`~leadmodel.trends`), what changed from one snapshot to the next
(:func:`~leadmodel.changes`) and the waves. Only counts and measures are shown, no names.
"""

from __future__ import annotations

import pandas as pd

from leadmodel.analysis import Analysis
from leadmodel.document import Document, bold, fact, term
from leadmodel.metrics.changes import changes
from leadmodel.plots.trends import plot_trend
from leadmodel.readers.series import RosterSeries, iso
from leadmodel.trends import trends

__all__ = ["years_section"]


def _listed(values: pd.Series, fmt: str) -> str:
    shown = ["unknown" if pd.isna(v) else format(float(v), fmt) for v in values]
    return ", ".join(shown[:-1]) + f" and {shown[-1]}" if len(shown) > 1 else shown[0]


def years_section(doc: Document, series: RosterSeries, a: Analysis) -> None:
    """Add the section "Over the years" to ``doc``: trends, changes and the waves.

    ``a`` is the analysis of the last snapshot: its model, policy, time and cost model and
    span target are the series'.

    >>> import leadmodel as lm
    >>> from leadmodel.document import Document
    >>> years = lm.load_sample("district_years").series
    >>> doc = Document("Years")
    >>> years_section(doc, years, lm.Analysis(years[years.dates[-1]], model="denver"))
    >>> doc.blocks[0].text
    'Over the years'
    """
    found = trends(
        series,
        model=a.model,
        policy=a.policy,
        time=a.time,
        cost_model=a.cost_model,
        span_target=a.span_target,
    )
    steps = changes(series, relation=a.relation)
    doc.section("Over the years")
    dates = ", ".join(iso(d) for d in series.dates)
    median = found.district_value("median_span")
    within = found.district_value("share_developed_within_target")
    text = (
        f"The district on {len(series)} snapshots ({dates}). Its median {term('span')} was "
        f"{_listed(median, '.1f')} teachers per developer, and the share of teachers "
        f"{term('developed_within_target')} {_listed(within, '.0%')}."
    )
    if a.model is not None:
        meeting = found.district_value("schools_meeting_model")
        last = meeting.iloc[-1]
        shown = "unknown" if pd.isna(last) else f"{float(last):,.0f}"
        earlier = ", ".join("unknown" if pd.isna(v) else f"{float(v):,.0f}" for v in meeting[:-1])
        text += (
            f" Schools meeting every {term('tight_rule')} of {bold(a.model.label)}: "
            f"{earlier}, then "
            f"{fact('schools_meeting_model_last_snapshot', shown)} on the last snapshot."
            if len(meeting) > 1
            else f" Schools meeting {bold(a.model.label)}: "
            f"{fact('schools_meeting_model_last_snapshot', shown)}."
        )
    doc.say(text)
    doc.figure(
        lambda ax: plot_trend(found, "median_span", ax=ax),
        "Median span on each snapshot: the district and each pilot wave; the dotted lines "
        "mark where each wave joins the model.",
        (8, 4.5),
    )
    second = "schools_meeting_model" if a.model is not None else "share_developed_within_target"
    doc.figure(
        lambda ax: plot_trend(found, second, waves=a.model is None, ax=ax),
        "Schools meeting the model on each snapshot."
        if a.model is not None
        else "Share of teachers developed within the target, district and waves.",
        (8, 4.5),
    )
    doc.table(
        found.wide("district").reset_index(),
        "Every district measure on every snapshot.",
        "trends-district",
    )
    if not found.waves.empty:
        doc.table(
            found.waves,
            "The pilot waves: schools, model and first snapshot.",
            "waves-over-time",
        )
    doc.table(
        steps.district,
        "What changed from one snapshot to the next: people who joined, left, moved or changed "
        "role; positions opened, closed, vacated and filled; teachers who kept their developer.",
        "changes-district",
    )
    doc.table(
        found.wide("schools").reset_index(),
        "Every school measure on every snapshot.",
        "trends-schools",
    )
