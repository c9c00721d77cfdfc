"""Plots of spans, benchmarks, observation load, structure, coverage, compliance and scenarios.

Every ``plot_*`` function takes the library's own outputs (or a roster), draws on
``ax`` (a new figure when none is given), and returns the ``Axes``; nothing is
shown or saved. Colours come from the Okabe-Ito palette, which stays
distinguishable for the common forms of colour blindness. Plots adapt to what they
are given, from one school to a thousand (:mod:`leadmodel.plots.style`): figures
stay within :data:`~leadmodel.plots.style.MAX_SIZE`, and what is not drawn one by
one is grouped or counted in the figure, never left out silently. Text from the
input is drawn as it is (an id with ``$`` signs is not read as maths).

One module per subject: :mod:`~leadmodel.plots.spans`, :mod:`~leadmodel.plots.load`,
:mod:`~leadmodel.plots.structure`, :mod:`~leadmodel.plots.coverage`,
:mod:`~leadmodel.plots.compliance`, :mod:`~leadmodel.plots.scenarios`,
:mod:`~leadmodel.plots.actuals` (activity logs), :mod:`~leadmodel.plots.survey`,
:mod:`~leadmodel.plots.execution` (strategic plans) and :mod:`~leadmodel.plots.trends` (a
district over time).

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import leadmodel as lm
>>> ax = lm.plot_spans({"Today": lm.load_sample("traditional_elementary"),
...                     "Green Dot": lm.load_sample("green_dot")})
>>> [t.get_text() for t in ax.get_xticklabels()]
['Today', 'Green Dot']
"""

from leadmodel.plots.actuals import plot_dosage, plot_observation_drought, plot_planned_vs_actual
from leadmodel.plots.compliance import plot_compliance
from leadmodel.plots.coverage import (
    COVERAGE_STATUS,
    coverage_counts,
    coverage_status,
    plot_coverage,
)
from leadmodel.plots.execution import (
    ROCK_COLOURS,
    plot_initiative_load,
    plot_priorities,
    plot_rocks,
)
from leadmodel.plots.load import plot_observation_load
from leadmodel.plots.scenarios import money, plot_rollout, plot_scenarios
from leadmodel.plots.spans import plot_span_benchmarks, plot_spans
from leadmodel.plots.structure import plot_org_chart
from leadmodel.plots.style import MAX_LABELS, MAX_SIZE, PALETTE, RELATION_COLOURS, measure
from leadmodel.plots.survey import (
    ADVICE_COLOURS,
    ADVICE_STATUS,
    FELT_BARS,
    plot_advice_overlay,
    plot_felt_responsibility,
    plot_nps,
)
from leadmodel.plots.trends import TREND_PANELS, plot_trend, plot_trends

__all__ = [
    "ADVICE_COLOURS",
    "ADVICE_STATUS",
    "COVERAGE_STATUS",
    "FELT_BARS",
    "MAX_LABELS",
    "MAX_SIZE",
    "PALETTE",
    "RELATION_COLOURS",
    "ROCK_COLOURS",
    "TREND_PANELS",
    "coverage_counts",
    "coverage_status",
    "measure",
    "money",
    "plot_advice_overlay",
    "plot_compliance",
    "plot_coverage",
    "plot_dosage",
    "plot_felt_responsibility",
    "plot_initiative_load",
    "plot_nps",
    "plot_observation_drought",
    "plot_observation_load",
    "plot_org_chart",
    "plot_planned_vs_actual",
    "plot_priorities",
    "plot_rocks",
    "plot_rollout",
    "plot_scenarios",
    "plot_span_benchmarks",
    "plot_spans",
    "plot_trend",
    "plot_trends",
]
