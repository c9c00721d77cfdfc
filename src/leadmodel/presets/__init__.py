"""Documented reference data: benchmark spans, observation policies, time, leadership models,
costs."""

from leadmodel.presets.benchmarks import SPAN_BENCHMARKS, SpanBenchmark, span_benchmarks
from leadmodel.presets.costs import (
    COST_MODELS,
    DEFAULT_LEVERS,
    LEVERS,
    get_cost_model,
    get_lever,
    list_cost_models,
    list_levers,
)
from leadmodel.presets.leadership import (
    MODELS,
    get_model,
    list_models,
    model_from_dict,
    write_model,
)
from leadmodel.presets.policies import POLICIES, get_policy, list_policies
from leadmodel.presets.time import DEFAULT_TIME, TIME_MODELS, get_time_model, list_time_models

__all__ = [
    "COST_MODELS",
    "DEFAULT_LEVERS",
    "DEFAULT_TIME",
    "LEVERS",
    "MODELS",
    "POLICIES",
    "SPAN_BENCHMARKS",
    "TIME_MODELS",
    "SpanBenchmark",
    "get_cost_model",
    "get_lever",
    "get_model",
    "get_policy",
    "get_time_model",
    "list_cost_models",
    "list_levers",
    "list_models",
    "list_policies",
    "list_time_models",
    "model_from_dict",
    "span_benchmarks",
    "write_model",
]
