"""Documented reference data: benchmark spans, observation policies, time, leadership models."""

from leadmodel.presets.benchmarks import SPAN_BENCHMARKS, SpanBenchmark, span_benchmarks
from leadmodel.presets.leadership import (
    MODELS,
    get_model,
    list_models,
    model_from_dict,
    read_model,
    write_model,
)
from leadmodel.presets.policies import DEFAULT_TIME, POLICIES, get_policy, list_policies

__all__ = [
    "DEFAULT_TIME",
    "MODELS",
    "POLICIES",
    "SPAN_BENCHMARKS",
    "SpanBenchmark",
    "get_model",
    "get_policy",
    "list_models",
    "list_policies",
    "model_from_dict",
    "read_model",
    "span_benchmarks",
    "write_model",
]
