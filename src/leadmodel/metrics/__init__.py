"""Metrics: plain functions named after what they measure, returning tidy DataFrames."""

from leadmodel.metrics.compliance import (
    ComplianceReport,
    DistrictView,
    classify_model,
    compliance,
    district_view,
)
from leadmodel.metrics.counts import count_spans
from leadmodel.metrics.coverage import ACTIVITIES, DEFAULT_SPAN_TARGET, CoverageGaps, coverage_gaps
from leadmodel.metrics.execution import InitiativeLoad, clarity_of_focus, initiative_load
from leadmodel.metrics.leadership import (
    role_proliferation,
    students_per_leader,
    undeveloped_leaders,
)
from leadmodel.metrics.observation import (
    count_observation_load,
    max_teachers_per_leader,
    observation_load,
    observation_summary,
)
from leadmodel.metrics.rocks import RockStatus, abandonment_candidates, rock_status
from leadmodel.metrics.spans import DEFAULT_BANDS, span_matrix, span_of_control

__all__ = [
    "ACTIVITIES",
    "DEFAULT_BANDS",
    "DEFAULT_SPAN_TARGET",
    "ComplianceReport",
    "CoverageGaps",
    "DistrictView",
    "InitiativeLoad",
    "RockStatus",
    "abandonment_candidates",
    "clarity_of_focus",
    "classify_model",
    "compliance",
    "count_observation_load",
    "count_spans",
    "coverage_gaps",
    "district_view",
    "initiative_load",
    "max_teachers_per_leader",
    "observation_load",
    "observation_summary",
    "rock_status",
    "role_proliferation",
    "span_matrix",
    "span_of_control",
    "students_per_leader",
    "undeveloped_leaders",
]
