"""Reference spans of control, each with its source.

Examples
--------
>>> from leadmodel import span_benchmarks
>>> float(span_benchmarks().loc["average_principal", "span"])
37.0
"""

from __future__ import annotations

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from leadmodel.presets.sources import BAIN_BRIDGESPAN_2016 as _REPORT

__all__ = ["SPAN_BENCHMARKS", "SpanBenchmark", "span_benchmarks"]


class SpanBenchmark(BaseModel):
    """A reference span of control.

    ``span`` is the headline number (people per leader); ``span_low`` and
    ``span_high`` give a range where the source gives one.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    label: str
    span: float = Field(gt=0)
    span_low: float | None = None
    span_high: float | None = None
    kind: str = Field(description="'industry', 'school average' or 'model'")
    source: str
    version: str = "1"


SPAN_BENCHMARKS: tuple[SpanBenchmark, ...] = (
    SpanBenchmark(
        key="skilled_professionals",
        label="Manager of skilled professionals",
        span=5,
        kind="industry",
        source=_REPORT
        + ", "
        + "Figure 4 and the text beside it: average span for managers of highly skilled "
        "professionals such as accountants or HR specialists.",
    ),
    SpanBenchmark(
        key="call_centre",
        label="Manager of call-centre staff",
        span=15,
        kind="industry",
        source=_REPORT
        + ", "
        + "Figure 4 and the text beside it: managers of call-centre workers or janitors "
        "typically have direct responsibility for around 15 people.",
    ),
    SpanBenchmark(
        key="average_principal",
        label="Average principal",
        span=37,
        kind="school average",
        source=_REPORT
        + ", "
        + "text beside Figure 4: the average principal surveyed is directly responsible for "
        "the performance and development of 37 teachers.",
    ),
    SpanBenchmark(
        key="green_dot_max",
        label="Green Dot AP (maximum)",
        span=13,
        kind="model",
        source=_REPORT
        + ", "
        + "text beside Figure 20: a Green Dot school of 540-620 students has one principal and "
        "two APs, none with more than 13 teachers.",
    ),
    SpanBenchmark(
        key="green_dot_ideal",
        label="Green Dot AP (ideal)",
        span=10,
        kind="model",
        source=_REPORT
        + ", "
        + "Green Dot CEO Marco Petruzzi: 'in an ideal world, no one leader would have "
        "responsibility for more than 10 teachers'.",
    ),
    SpanBenchmark(
        key="denver_team_lead",
        label="Denver Team Lead",
        span=8,
        span_high=8,
        kind="model",
        source=_REPORT
        + ", "
        + "section on authority: Denver Team Leads are responsible for up to eight other "
        "teachers, with up to 50% release time.",
    ),
    SpanBenchmark(
        key="kipp_ap",
        label="KIPP Sunshine Peak AP",
        span=8,
        kind="model",
        source=_REPORT
        + ", "
        + "case of KIPP Sunshine Peak Academy (26 teachers, formerly each observed 9 times "
        "a year by the principal): two APs now coach 8 teachers each.",
    ),
    SpanBenchmark(
        key="opportunity_culture_mcl",
        label="Opportunity Culture MCL",
        span=5,
        span_low=2,
        span_high=8,
        kind="model",
        source="Public Impact, Opportunity Culture Multi-Classroom Leader role: teams typically "
        "of 4-6 teachers, range 2-8, as summarised in the project's domain brief (not verified "
        "against Public Impact's own materials here); the Bain & Bridgespan report describes "
        "MCL-style teacher leaders with 50%+ non-classroom time.",
    ),
)


def span_benchmarks() -> pd.DataFrame:
    """Return the reference spans as a table indexed by ``key``."""
    frame = pd.DataFrame([b.model_dump() for b in SPAN_BENCHMARKS]).set_index("key")
    frame[["span", "span_low", "span_high"]] = frame[["span", "span_low", "span_high"]].astype(
        "float64"
    )
    return frame


#: Teacher Net Promoter Scores the research reports (Bierly, Doyle and Smith, Bain & Company with
#: the Bridgespan Group, 2016), drawn as reference lines: all teachers surveyed (-18, Figure 8),
#: Denver's pilot schools ("47 points higher than for all teachers we surveyed": +29) and Sanger
#: Unified (54).
NPS_REFERENCES: dict[str, tuple[float, str]] = {
    "teachers_surveyed": (-18.0, "teachers surveyed: -18"),
    "denver_pilot": (29.0, "Denver pilot schools: +29"),
    "sanger": (54.0, "Sanger: 54"),
}
