"""Metrics: plain functions named after what they measure, returning tidy DataFrames."""

from leadmodel.metrics.coverage import ACTIVITIES, DEFAULT_SPAN_TARGET, CoverageGaps, coverage_gaps
from leadmodel.metrics.spans import DEFAULT_BANDS, span_matrix, span_of_control

__all__ = [
    "ACTIVITIES",
    "DEFAULT_BANDS",
    "DEFAULT_SPAN_TARGET",
    "CoverageGaps",
    "coverage_gaps",
    "span_matrix",
    "span_of_control",
]
