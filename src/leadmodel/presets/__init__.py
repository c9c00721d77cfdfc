"""Documented reference data: benchmark spans, observation policies, the default time model."""

from leadmodel.presets.benchmarks import SPAN_BENCHMARKS, SpanBenchmark, span_benchmarks
from leadmodel.presets.policies import DEFAULT_TIME, POLICIES, get_policy, list_policies

__all__ = [
    "DEFAULT_TIME",
    "POLICIES",
    "SPAN_BENCHMARKS",
    "SpanBenchmark",
    "get_policy",
    "list_policies",
    "span_benchmarks",
]
