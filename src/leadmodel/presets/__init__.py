"""Documented reference data: benchmark spans (and, later, leadership models and policies)."""

from leadmodel.presets.benchmarks import SPAN_BENCHMARKS, SpanBenchmark, span_benchmarks

__all__ = ["SPAN_BENCHMARKS", "SpanBenchmark", "span_benchmarks"]
