"""The ``leadmodel`` command line.

Commands
--------
``leadmodel samples``
    List the shipped sample rosters.
``leadmodel validate PATH``
    Check a roster file; print the row accounting and every problem (exit 1 on errors).
``leadmodel policies`` / ``leadmodel models``
    List the observation policy presets / the reference leadership models.
``leadmodel analyze PATH`` (or ``--sample NAME``)
    Print one row per school: staff by role category, spans and coverage gaps;
    with ``--policy NAME``, also the observation load per school; with
    ``--model NAME``, compliance with a leadership model (a preset name or a
    JSON/YAML model file) and the district view.

``leadmodel compare PATH --model denver --model green_dot``
    Re-staff the roster in each model's pattern and print today against each:
    spans, coverage, observation load, cost (and compliance with ``--check``).

Column and role maps are given as one JSON file with ``--maps``:
``{"column_map": {...}, "role_map": {...}}``.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from leadmodel._version import __version__
from leadmodel.datasets import list_samples, load_sample
from leadmodel.errors import LeadModelError, RosterError
from leadmodel.inference import LINK_RULES, infer_links
from leadmodel.io import read_roster
from leadmodel.metrics.compliance import compliance, district_view
from leadmodel.metrics.observation import observation_summary
from leadmodel.presets.leadership import list_models, read_model
from leadmodel.presets.policies import POLICIES, list_policies
from leadmodel.roster import Roster
from leadmodel.scenarios import apply_model, compare
from leadmodel.summary import school_summary

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="leadmodel",
        description="Distributed-leadership org design and span-of-control analytics.",
    )
    parser.add_argument("--version", action="version", version=f"leadmodel {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("samples", help="list the shipped sample rosters")
    sub.add_parser("policies", help="list the observation policy presets")
    sub.add_parser("models", help="list the reference leadership models")

    def roster_args(p: argparse.ArgumentParser) -> None:
        src = p.add_mutually_exclusive_group(required=True)
        src.add_argument("path", nargs="?", type=Path, help="roster file or directory")
        src.add_argument("--sample", help="use a shipped sample (see `leadmodel samples`)")
        p.add_argument(
            "--maps", type=Path, help='JSON file {"column_map": {...}, "role_map": {...}}'
        )
        p.add_argument("--links", type=Path, help="separate links file")
        p.add_argument("--teams", type=Path, help="separate teams file")
        p.add_argument("--schools", type=Path, help="separate schools file")
        p.add_argument(
            "--infer-links",
            choices=sorted(LINK_RULES),
            help="draw missing links with this rule before analysing",
        )

    validate = sub.add_parser("validate", help="check a roster and list every problem")
    roster_args(validate)
    validate.add_argument("--max-issues", type=int, default=50, help="issues to print (default 50)")
    validate.add_argument("--issues-out", type=Path, help="write the full issues table to this CSV")

    comparison = sub.add_parser("compare", help="compare today with redesigns in model patterns")
    roster_args(comparison)
    comparison.add_argument(
        "--model",
        action="append",
        required=True,
        help="a leadership model to apply (repeat for several)",
    )
    comparison.add_argument("--check", help="also score every scenario against this model")
    comparison.add_argument("--out", type=Path, help="write the long table to this CSV file")

    analyze = sub.add_parser("analyze", help="print one row per school")
    roster_args(analyze)
    analyze.add_argument(
        "--lenient", action="store_true", help="load the usable rows even if some have errors"
    )
    analyze.add_argument("--out", type=Path, help="also write the table to this CSV file")
    analyze.add_argument(
        "--policy", choices=sorted(POLICIES), help="also print the observation load per school"
    )
    analyze.add_argument(
        "--model", help="also check compliance with a leadership model (preset name or file)"
    )
    return parser


def _load(args: argparse.Namespace, *, strict: bool) -> Roster:
    if args.sample:
        roster = load_sample(args.sample)
    else:
        maps: dict[str, Any] = {}
        if args.maps:
            maps = json.loads(args.maps.read_text(encoding="utf-8"))
        roster = read_roster(
            args.path,
            links=args.links,
            teams=args.teams,
            schools=args.schools,
            column_map=maps.get("column_map"),
            role_map=maps.get("role_map"),
            strict=strict,
        )
    return infer_links(roster, rule=args.infer_links) if args.infer_links else roster


def _print_issues(issues: pd.DataFrame, limit: int) -> None:
    columns = ["table", "row", "staff_id", "field", "code", "severity", "message", "fix"]
    if issues.empty:
        print("No problems found.")
        return
    counts = issues.groupby(["severity", "code"]).size().rename("count")
    print(counts.to_string())
    print()
    print(issues[columns].head(limit).to_string(index=False))
    if len(issues) > limit:
        print(f"... {len(issues) - limit} more (use --issues-out to write them all).")


def _validate(args: argparse.Namespace) -> int:
    try:
        roster = _load(args, strict=False)
    except RosterError as exc:
        issues = exc.issues
        print("The roster could not be loaded at all:")
    else:
        issues = roster.issues
        print(roster)
        print(roster.accounting().to_string())
        print()
    _print_issues(issues, args.max_issues)
    if args.issues_out:
        issues.to_csv(args.issues_out, index=False)
    return 1 if (issues["severity"] == "error").any() else 0


def _compare(args: argparse.Namespace) -> int:
    today = _load(args, strict=True)
    scenarios = {"today": today, **{m: apply_model(today, m) for m in args.model}}
    table = compare(scenarios, model=args.check)
    if args.out:
        table.to_csv(args.out, index=False)
    wide = table.pivot_table(
        index=["school_id", "metric"], columns="scenario", values="value", sort=False
    )[list(scenarios)]
    with pd.option_context("display.width", 200, "display.max_rows", None):
        print(wide.round(3).to_string())
    return 0


def _analyze(args: argparse.Namespace) -> int:
    roster = _load(args, strict=not args.lenient)
    if not roster.issues.empty:
        print(
            f"{len(roster.issues)} issue(s) while loading; run `leadmodel validate` to list them."
        )
    table = school_summary(roster)
    with pd.option_context("display.width", 200, "display.max_columns", None):
        print(table.to_string())
    if args.out:
        table.to_csv(args.out)
    if args.policy:
        print()
        print(f"Observation load under {args.policy}:")
        with pd.option_context("display.width", 200, "display.max_columns", None):
            print(observation_summary(roster, policy=args.policy).to_string())
    if args.model:
        _print_compliance(roster, args.model)
    return 0


def _print_compliance(roster: Roster, name: str) -> None:
    model = read_model(name) if Path(name).suffix in (".json", ".yaml", ".yml") else name
    report = compliance(roster, model)
    view = district_view(report, roster)
    with pd.option_context(
        "display.width", 200, "display.max_columns", None, "display.max_colwidth", 80
    ):
        print()
        print(f"Compliance with {report.model.key} (score = share of tight rules met):")
        print(report.schools.drop(columns="reasons").to_string())
        print()
        print("Elements across schools:")
        print(view.elements.to_string())
        print()
        print(
            f"Declared tightness {view.tightness['declared']:.2f}, "
            f"measured {view.tightness['measured']:.2f}"
        )
        print(view.waves.to_string())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "samples":
            for name, row in list_samples().iterrows():
                print(f"{name:<25} {textwrap.shorten(row['description'], 100)}")
            return 0
        if args.command == "policies":
            for name, row in list_policies().iterrows():
                print(
                    f"{name:<28} {row['school_hours_per_teacher']:>6.2f} h/teacher  {row['label']}"
                )
            return 0
        if args.command == "models":
            for name, row in list_models().iterrows():
                print(
                    f"{name:<22} tight {row['tight_rules']}, loose {row['loose_rules']}  "
                    f"{row['label']}"
                )
            return 0
        if args.command == "validate":
            return _validate(args)
        if args.command == "compare":
            return _compare(args)
        return _analyze(args)
    except LeadModelError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
