"""The ``leadmodel`` command line.

Every command that reads a roster runs on the bundled sample
``traditional_elementary`` when no roster is given, so ``leadmodel report``
alone writes a first report.

Commands
--------
``leadmodel samples``
    List the bundled sample rosters.
``leadmodel validate [ROSTER]``
    Check a roster; print the row accounting and every problem.
``leadmodel analyze [ROSTER] [--policy P] [--model M] [--out DIR --format F]``
    One row per school (staff, spans, coverage gaps), the observation load and,
    with ``--model``, compliance; ``--out`` writes every output table.
``leadmodel report [ROSTER] [-o report.html] [--model M] [--scenario M ...]``
    A reproducible report: ``.html`` (self-contained) or ``.md``.
``leadmodel compare [ROSTER] --model denver --model green-dot``
    Today against the roster re-staffed in each model's pattern.
``leadmodel export [ROSTER] --format graphml|parquet|json|xlsx|csv -o PATH``
    The roster for other tools: the leadership graph as GraphML, or its tables.
``leadmodel schema [-o DIR]``
    JSON Schema of the exchanged models (district, school, leadership model...).
``leadmodel titles FILE [--maps M] [--out CSV]``
    The job titles of a staff file, how many rows hold each, and the role each gets.
``leadmodel policies`` / ``leadmodel models``
    The observation policy presets / the reference leadership models.

Strategic plans
---------------
``validate``, ``analyze`` and ``report`` take ``--plan PLAN --school-year FIRST LAST`` (a
folder or workbook read with :func:`~leadmodel.read_plan` against the roster) and
``--as-of DATE`` (the date the rocks are measured on; default the plan's latest update);
the ``district_plan`` sample brings its plan with it (``--sample district_plan``).

Rosters
-------
``ROSTER`` is a file (CSV, Excel, Parquet, JSON) or a roster directory; or use
``--sample NAME`` (``leadmodel samples`` lists them). ``--kind`` says what else it may be:
``reporting-lines`` (an organisation chart; spans then follow ``supervises``), ``oneroster``
(a OneRoster export folder or zip, found without ``--kind``), ``edfi`` (Ed-Fi staff
assignments), ``counts`` or ``counts-long`` (staffing counts per school: ``validate`` and
``analyze`` only). ``analyze`` and ``report`` also take ``--survey FILE`` and ``--log FILE
--school-year FIRST LAST`` (with ``--members FILE`` and ``--as-of DATE``), read with the
roster. Column and role maps come as one JSON or YAML file with ``--maps``
(:func:`~leadmodel.read_maps`): ``{"column_map": {...}, "role_map": {...}}``.
``--lenient`` loads the usable rows of a roster with errors (they are listed by ``validate``).

Output
------
Text that comes from the input is printed with control characters escaped (``\x1b``),
so a roster cannot move the cursor or recolour the terminal. CSV files are written
formula-safe (text a spreadsheet would run as a formula gets a leading ``'``); every
change a writer makes is printed as a warning. A file written by an extension-less
``--out`` gets its format's suffix (``--format xlsx --out t`` writes ``t.xlsx``).

Exit codes
----------
0
    Success (``validate``: no errors; warnings allowed).
1
    The roster has errors (``validate``), or could not be loaded or analysed, or no row of
    it was usable (every row rejected); the message says why and how to fix it.
2
    Usage error: an unknown command, option, sample, model or policy; options that do
    not go together; a maps or model file that is malformed; an output path that does
    not fit its format; or a file that could not be read or written.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import textwrap
import warnings
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from leadmodel._version import __version__
from leadmodel.analysis import Analysis
from leadmodel.atomic import atomic_text
from leadmodel.datasets import SAMPLE_KINDS, PlanSample, list_samples, load_sample, roster_of_sample
from leadmodel.errors import DefinitionError, LeadModelError, LeadModelWarning, RosterError
from leadmodel.graph import write_graphml
from leadmodel.inference import LINK_RULES, infer_links
from leadmodel.metrics.compliance import tightness_text
from leadmodel.metrics.counts import count_spans
from leadmodel.metrics.observation import count_observation_load
from leadmodel.models import LeadershipModel, json_schemas
from leadmodel.presets.leadership import get_model, list_models
from leadmodel.presets.policies import POLICIES, list_policies
from leadmodel.readers.counts import StaffingCounts, read_staffing_counts
from leadmodel.readers.counts_long import read_staffing_counts_long
from leadmodel.readers.definitions import read_maps, read_model
from leadmodel.readers.edfi import read_edfi
from leadmodel.readers.log import read_log, read_members
from leadmodel.readers.oneroster import read_oneroster
from leadmodel.readers.plan import Plan, read_plan
from leadmodel.readers.reporting_lines import read_reporting_lines
from leadmodel.readers.roster import list_titles, read_roster
from leadmodel.readers.survey import read_survey
from leadmodel.report import write_report
from leadmodel.roles import TEACHING_ROLES
from leadmodel.roster import Roster
from leadmodel.scenarios import apply_model, compare
from leadmodel.writers import (
    TABLE_FORMATS,
    export_tables,
    roster_target,
    write_csv,
    write_roster,
)

__all__ = ["DEFAULT_SAMPLE", "main"]

#: The sample every roster command uses when it is given no roster.
DEFAULT_SAMPLE = "traditional_elementary"
EXPORT_FORMATS = ("graphml", "parquet", "json", "xlsx", "csv")
#: What ``--kind`` says a file is, and so which reader reads it.
INPUT_KINDS = ("roster", "reporting-lines", "oneroster", "edfi", "counts", "counts-long")
WIDE: tuple[Any, ...] = (
    "display.width",
    200,
    "display.max_columns",
    None,
    "display.max_colwidth",
    80,
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="leadmodel",
        description="Distributed-leadership org design and span-of-control analytics.",
        epilog="Exit codes: 0 success; 1 roster errors or analysis failed; 2 usage or file error "
        "(unknown sample or model, malformed maps file, unusable output path).",
    )
    parser.add_argument("--version", action="version", version=f"leadmodel {__version__}")
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: when stderr is a terminal)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("samples", help="list the bundled sample rosters")
    sub.add_parser("policies", help="list the observation policy presets")
    sub.add_parser("models", help="list the reference leadership models")
    schema = sub.add_parser("schema", help="write the JSON Schema of the exchanged models")
    schema.add_argument("-o", "--out", type=Path, help="directory for <name>.schema.json files")

    def roster_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("path", nargs="?", type=Path, help="roster file or directory")
        p.add_argument("--sample", help=f"a bundled sample (default: {DEFAULT_SAMPLE})")
        p.add_argument("--maps", type=Path, help="JSON/YAML file with column_map and role_map")
        p.add_argument("--links", type=Path, help="separate links file")
        p.add_argument("--teams", type=Path, help="separate teams file")
        p.add_argument("--schools", type=Path, help="separate schools file")
        p.add_argument(
            "--infer-links", choices=sorted(LINK_RULES), help="draw missing links with this rule"
        )
        p.add_argument(
            "--lenient", action="store_true", help="load the usable rows even if some have errors"
        )
        p.add_argument(
            "--unmapped",
            choices=("error", "other"),
            default="error",
            help="a title no role answers to: an error (default), or loaded as role other "
            "(one warning per title; see `leadmodel titles`)",
        )
        p.add_argument(
            "--kind",
            choices=INPUT_KINDS,
            help="what the file is (default: roster; a folder or zip holding users.csv and "
            "orgs.csv: oneroster)",
        )

    def plan_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("--plan", type=Path, help="strategic plan: a folder or workbook")
        p.add_argument(
            "--school-year",
            nargs=2,
            metavar=("FIRST_DAY", "LAST_DAY"),
            help="the school year the log's events fall in and the plan's load is measured "
            "over (YYYY-MM-DD YYYY-MM-DD)",
        )

    def evidence_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("--survey", type=Path, help="staff survey file (read with the roster)")
        p.add_argument("--log", type=Path, help="activity log file (needs --school-year)")
        plan_args(p)
        p.add_argument("--members", type=Path, help="second team memberships (for the ILT)")
        p.add_argument(
            "--as-of",
            help="the date the log is measured to and the plan's rocks are measured on "
            "(default: the log's last event, the plan's latest update)",
        )

    validate = sub.add_parser("validate", help="check a roster and list every problem")
    roster_args(validate)
    plan_args(validate)
    validate.add_argument("--max-issues", type=int, default=50, help="issues to print (default 50)")
    validate.add_argument(
        "--issues-out",
        type=Path,
        help="write the full issues table to this CSV (the roster's, then the plan's)",
    )

    analyze = sub.add_parser("analyze", help="summary tables per school")
    roster_args(analyze)
    evidence_args(analyze)
    analyze.add_argument("--policy", choices=sorted(POLICIES), help="observation policy preset")
    analyze.add_argument("--model", help="leadership model to check (preset name or file)")
    analyze.add_argument(
        "--out", type=Path, help="write every output table: a folder (csv, parquet, json) or *.xlsx"
    )
    analyze.add_argument(
        "--format", choices=TABLE_FORMATS, help="format of --out (default csv; needs --out)"
    )

    report = sub.add_parser("report", help="write a reproducible HTML or Markdown report")
    roster_args(report)
    evidence_args(report)
    report.add_argument(
        "-o", "--out", type=Path, default=Path("report.html"), help="*.html or *.md"
    )
    report.add_argument("--model", help="leadership model to check (preset name or file)")
    report.add_argument(
        "--policy", choices=sorted(POLICIES), default="bain_10_spot_1_formal", help="policy preset"
    )
    report.add_argument(
        "--scenario", action="append", default=[], help="model to re-staff in (repeatable)"
    )
    report.add_argument("--pseudonymise", action="store_true", help="replace staff ids and names")
    report.add_argument("--title", help="the report's title")

    comparison = sub.add_parser("compare", help="compare today with redesigns in model patterns")
    roster_args(comparison)
    comparison.add_argument(
        "--model", action="append", required=True, help="model to apply (repeat for several)"
    )
    comparison.add_argument("--check", help="also score every scenario against this model")
    comparison.add_argument("--out", type=Path, help="write the long table to this CSV file")

    titles = sub.add_parser("titles", help="list a staff file's job titles and their roles")
    titles.add_argument("path", type=Path, help="staff file")
    titles.add_argument("--maps", type=Path, help="JSON/YAML file with column_map and role_map")
    titles.add_argument("--out", type=Path, help="write the list to this CSV file")

    export = sub.add_parser("export", help="write the roster for other tools")
    roster_args(export)
    export.add_argument("--format", choices=EXPORT_FORMATS, required=True)
    export.add_argument(
        "-o",
        "--out",
        type=Path,
        required=True,
        help="file (graphml, xlsx, json; the suffix is added if missing) or folder (csv, parquet)",
    )
    return parser


# ------------------------------------------------------------------ helpers


def _progress(enabled: bool | None, label: str) -> Callable[[int, int], None] | None:
    """A callback drawing ``label [#####.....] done/total`` on stderr, or None when off."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        return None

    def draw(done: int, total: int) -> None:
        filled = round(30 * done / total) if total else 30
        end = "\n" if done >= total else ""
        bar = "#" * filled + "." * (30 - filled)
        print(f"\r{label:<24} [{bar}] {done}/{total}", end=end, file=sys.stderr, flush=True)

    return draw


_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def safe(text: str) -> str:
    r"""``text`` with control characters (and bidirectional overrides) escaped as ``\xNN``
    or ``\uNNNN``, so that printing input cannot steer the terminal; line breaks and tabs
    stay.

    >>> safe("Ada\x1b[31m Park\u202e")
    'Ada\\x1b[31m Park\\u202e'
    """
    return _UNSAFE.sub(lambda m: repr(m.group())[1:-1], text)


def _safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell, column name and index label made :func:`safe`."""

    def clean(value: object) -> object:
        return safe(value) if isinstance(value, str) else value

    out = frame.copy()
    for position in range(out.shape[1]):
        column = out.iloc[:, position]
        if column.dtype == object or isinstance(column.dtype, pd.StringDtype):
            out.isetitem(position, column.map(clean, na_action="ignore").astype(column.dtype).array)
    out.columns = out.columns.map(clean)
    out.index = out.index.map(clean)
    return out


def _say(text: object = "", *, err: bool = False) -> None:
    print(safe(str(text)), file=sys.stderr if err else sys.stdout)


def _sample(name: str) -> str:
    known = list(list_samples().index)
    if name not in known:
        raise DefinitionError(
            f"Unknown sample {name!r}: `leadmodel samples` lists the {len(known)} bundled "
            f"samples ({', '.join(known[:4])}, ...)."
        )
    return name


def _kind(args: argparse.Namespace) -> str:
    """What the input is: ``--kind``, else a OneRoster export when the folder or zip holds one."""
    if getattr(args, "kind", None):
        return str(args.kind)
    path = args.path
    if path is not None and {"users.csv", "orgs.csv"} <= _file_names(path):
        return "oneroster"
    return "roster"


def _file_names(path: Path) -> set[str]:
    """The lower-case names of a folder's files (not its sub-folders', as the readers look) or
    of a zip's members; none for anything else (a zip that is not one is the reader's to
    report)."""
    if path.is_dir():
        return {p.name.lower() for p in path.iterdir()}
    if path.suffix.lower() == ".zip" and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return {Path(n).name.lower() for n in archive.namelist()}
    return set()


def _read(args: argparse.Namespace) -> Roster | StaffingCounts:
    """The input: a bundled sample, or a file read by the reader its kind calls for."""
    if args.path is not None and args.sample:
        raise DefinitionError("Give a roster path or --sample, not both.")
    given = [
        f"--{o.replace('_', '-')}"
        for o in ("maps", "links", "teams", "schools")
        if getattr(args, o)
    ]
    if args.path is None and given:
        raise DefinitionError(f"{', '.join(given)} need a roster path: give the file to read.")
    if args.path is None:
        name = _sample(args.sample or DEFAULT_SAMPLE)
        if not args.sample:
            _say(
                f"No roster given: using the bundled sample {name!r} (see `leadmodel samples`).",
                err=True,
            )
        roster: Roster | StaffingCounts = roster_of_sample(name)
    else:
        roster = _read_file(args, _kind(args))
    if args.infer_links and isinstance(roster, Roster):
        roster = infer_links(roster, rule=args.infer_links)
    return roster


def _read_file(args: argparse.Namespace, kind: str) -> Roster | StaffingCounts:
    maps = read_maps(args.maps) if args.maps else {}
    columns, roles = maps.get("column_map"), maps.get("role_map")
    strict = not getattr(args, "lenient", False)
    extra = [f"--{t}" for t in ("links", "teams", "schools") if getattr(args, t)]
    if extra and kind != "roster":
        raise DefinitionError(f"{', '.join(extra)} go with a roster, not with --kind {kind}.")
    if kind == "roster":
        return read_roster(
            args.path,
            links=args.links,
            teams=args.teams,
            schools=args.schools,
            column_map=columns,
            role_map=roles,
            unmapped=args.unmapped,
            strict=strict,
        )
    if kind == "reporting-lines":
        return read_reporting_lines(args.path, column_map=columns, role_map=roles, strict=strict)
    if kind == "oneroster":
        return read_oneroster(args.path, column_map=columns, role_map=roles, strict=strict)
    if kind == "edfi":
        return read_edfi(args.path, column_map=columns, role_map=roles, strict=strict)
    if kind == "counts":
        return read_staffing_counts(args.path, column_map=columns, strict=strict)
    return read_staffing_counts_long(args.path, column_map=columns, strict=strict)


def _load(args: argparse.Namespace) -> Roster:
    """The input as a roster (for commands that need people and links)."""
    roster = _read(args)
    if not isinstance(roster, Roster):
        raise DefinitionError(
            f"`leadmodel {args.command}` needs people, and a {_kind(args)} file gives counts: "
            "use `leadmodel validate` or `leadmodel analyze` on it."
        )
    return roster


def _relation(args: argparse.Namespace) -> str:
    """Spans of an organisation chart follow its reporting lines; of a school, development."""
    return "supervises" if getattr(args, "kind", None) == "reporting-lines" else "develops"


def _no_usable_rows(result: Roster | StaffingCounts) -> bool:
    """Whether nothing was loaded (every row rejected): say so; the command exits 1."""
    empty = result.table.empty if isinstance(result, StaffingCounts) else result.staff.empty
    if empty:
        _say(
            "error: no usable rows: every row of the input was rejected (`leadmodel validate` "
            "lists why). Nothing was analysed or written.",
            err=True,
        )
    return bool(empty)


def _evidence(args: argparse.Namespace, roster: Roster, plan: Plan | None) -> dict[str, Any]:
    """The survey, log, memberships and date given with ``--survey``, ``--log``,
    ``--members`` and ``--as-of``, and the plan (read by :func:`_plan`)."""
    out: dict[str, Any] = {"plan": plan} if plan is not None else {}
    if args.survey:
        out["survey"] = read_survey(args.survey, roster=roster)
    if args.log:
        if not args.school_year:
            raise DefinitionError("--log needs --school-year FIRST_DAY LAST_DAY.")
        out["log"] = read_log(args.log, school_year=tuple(args.school_year), roster=roster)
    if args.as_of is not None:
        if args.log is None and plan is None:
            raise DefinitionError(
                "--as-of goes with --log or a plan (--plan, or --sample district_plan)."
            )
        out["as_of"] = args.as_of
    if args.members:
        out["members"] = read_members(args.members, roster=roster)
    return out


def _plan_sample(args: argparse.Namespace) -> PlanSample | None:
    """The plan sample named by ``--sample`` (its roster and plan, loaded once), if it is one."""
    if args.path is not None or not args.sample or args.plan is not None:
        return None
    if SAMPLE_KINDS.get(_sample(args.sample)) != "plan":
        return None
    if args.infer_links:
        raise DefinitionError("--infer-links would change the roster the plan was read with.")
    loaded = load_sample(_sample(args.sample))
    assert isinstance(loaded, PlanSample)
    return loaded


def _plan(
    args: argparse.Namespace, roster: Roster, sample: PlanSample | None = None
) -> Plan | None:
    """The plan given with ``--plan``, read against ``roster`` over ``--school-year``, or the
    plan sample's."""
    if args.plan is None:
        if args.school_year is not None and args.log is None:
            raise DefinitionError("--school-year goes with --log or --plan.")
        return None if sample is None else sample.plan
    if args.school_year is None:
        raise DefinitionError(
            "--plan needs --school-year FIRST_DAY LAST_DAY: the school year its load is "
            "measured over."
        )
    return read_plan(
        args.plan,
        roster=roster,
        school_year=tuple(args.school_year),
        strict=not getattr(args, "lenient", False),
    )


def _hint_without_links(roster: Roster) -> None:
    """Say why every teacher lacks a developer when the roster has no links at all."""
    teachers = int(roster.staff["role"].isin(TEACHING_ROLES).sum())
    if roster.links.empty and teachers:
        _say(
            f"hint: the roster has no links (who evaluates, develops or coaches whom), so all "
            f"{teachers} teachers count as without a developer or evaluator. Give the links "
            "with --links FILE (or as supervisor_id / evaluator_id / developer_id columns), or "
            "draw them with --infer-links principal_ap_split.",
            err=True,
        )


def _model(name: str | None) -> LeadershipModel | None:
    if name is None:
        return None
    if Path(name).suffix.lower() in (".json", ".yaml", ".yml"):
        if not Path(name).is_file():
            raise DefinitionError(f"Model file {name!r} not found.")
        return read_model(name)
    if name.replace("-", "_") not in set(list_models().index) and name not in set(
        list_models().index
    ):
        raise DefinitionError(
            f"Unknown model {name!r}: `leadmodel models` lists the presets "
            f"({', '.join(list_models().index)}); or give a model file (*.json, *.yaml)."
        )
    return get_model(name)


def _show(title: str, frame: pd.DataFrame) -> None:
    print()
    _say(title)
    with pd.option_context(*WIDE):
        print(_safe_frame(frame).to_string())


# ------------------------------------------------------------------ commands


def _validate(args: argparse.Namespace) -> int:
    args.lenient = True
    plan_code, plan_issues = 0, None
    if (args.plan is None) != (args.school_year is None):
        raise DefinitionError("--plan and --school-year FIRST LAST go together.")
    try:
        roster = _read(args)
    except RosterError as exc:
        issues = exc.issues
        print("The roster could not be loaded at all:")
    else:
        issues = roster.issues
        _say(roster)
        _say(roster.accounting().to_string())
        print()
        if args.plan is not None:
            if not isinstance(roster, Roster):
                raise DefinitionError("--plan needs people: a count file has none.")
            plan_code, plan_issues = _validate_plan(args, roster)
            print()
    columns = ["table", "row", "staff_id", "field", "code", "severity", "message", "fix"]
    if issues.empty:
        print("No problems found.")
    else:
        print(issues.groupby(["severity", "code"]).size().rename("count").to_string())
        print()
        print(_safe_frame(issues[columns].head(args.max_issues)).to_string(index=False))
        if len(issues) > args.max_issues:
            print(f"... {len(issues) - args.max_issues} more (use --issues-out to write them all).")
    if args.issues_out:  # the plan's after the roster's: their tables have different names
        everything = issues if plan_issues is None else pd.concat([issues, plan_issues])
        write_csv(everything.reset_index(drop=True), args.issues_out)
    return max(1 if (issues["severity"] == "error").any() else 0, plan_code)


def _validate_plan(args: argparse.Namespace, roster: Roster) -> tuple[int, pd.DataFrame]:
    """Print the plan's accounting and every problem in it; 1 when it has errors, and the
    plan's issues."""
    columns = ["table", "row", "staff_id", "field", "code", "severity", "message", "fix"]
    try:
        plan = read_plan(args.plan, roster=roster, school_year=tuple(args.school_year),
                         strict=False)  # fmt: skip
    except RosterError as exc:
        print("The plan could not be loaded at all:")
        issues = exc.issues
    else:
        _say(plan)
        _say(plan.accounting().to_string())
        issues = plan.issues
    if issues.empty:
        print("No problems found in the plan.")
        return 0, issues
    print(issues.groupby(["severity", "code"]).size().rename("count").to_string())
    print()
    print(_safe_frame(issues[columns].head(args.max_issues)).to_string(index=False))
    if len(issues) > args.max_issues:
        more = len(issues) - args.max_issues
        print(f"... {more} more in the plan (use --issues-out to write them all).")
    return (1 if (issues["severity"] == "error").any() else 0), issues


def _analyze(args: argparse.Namespace) -> int:
    if args.format is not None and args.out is None:
        raise DefinitionError(f"--format {args.format} needs --out: say where to write the tables.")
    model = _model(args.model)
    sample = _plan_sample(args)
    result = sample.roster if sample is not None else _read(args)
    if _no_usable_rows(result):
        return 1
    if not result.issues.empty:
        print(f"{len(result.issues)} issue(s) while loading; `leadmodel validate` lists them.")
    if isinstance(result, StaffingCounts):
        if args.plan is not None:
            raise DefinitionError("--plan needs people: a count file has none.")
        return _analyze_counts(args, result)
    roster = result
    _hint_without_links(roster)
    plan = _plan(args, roster, sample)
    analysis = Analysis(
        roster,
        model=model,
        policy=args.policy or "bain_10_spot_1_formal",
        relation=_relation(args),
        **_evidence(args, roster, plan),
    )
    _show("One row per school:", analysis.summary())
    if args.policy:
        _show(f"Observation load under {args.policy}:", analysis.observation_summary())
    if analysis.model is not None:
        report = analysis.compliance()
        view = analysis.district_view()
        _show(
            f"Compliance with {analysis.model.key} (score = share of tight rules met):",
            report.schools.drop(columns="reasons"),
        )
        _show("Elements across schools:", view.elements)
        print()
        print(tightness_text(view))
        print(view.waves.to_string())
    if analysis.plan is not None:
        _show_plan(analysis)
    if args.out:
        written = analysis.export(args.out, format=args.format or "csv")
        where = written[0] if len(written) == 1 else args.out
        _say(f"\nWrote {len(written)} file(s) to {where}.")
    return 0


def _show_plan(analysis: Analysis) -> None:
    """The plan's tables: load per role, focus per school, rocks, abandonment candidates."""
    load = analysis.initiative_load()
    _show("Initiative load per role (hours a year, means):", load.roles)
    _show("Initiatives per school:", load.schools)
    if analysis.has_plan_date:
        rocks = analysis.rocks()
        _show(f"Rocks on {rocks.as_of}, per school:", rocks.by_school)
        review = analysis.abandonment()
        _show(
            f"Candidates for strategic abandonment on {analysis.plan_date}:",
            review[["name", "reasons", "why"]],
        )


def _analyze_counts(args: argparse.Namespace, counts: StaffingCounts) -> int:
    """Spans and observation load estimated from a count file, per school or campus."""
    spans = count_spans(counts)
    load = count_observation_load(counts, policy=args.policy or "bain_10_spot_1_formal")
    _show("Spans estimated from the counts, one row per school:", spans)
    _show("Observation load per administrator FTE:", load)
    if args.out:
        tables = {
            "count_spans": spans.reset_index(),
            "count_observation_load": load.reset_index(),
            "issues": counts.issues,
            "accounting": counts.accounting().reset_index(),
        }
        written = export_tables(tables, args.out, format=args.format or "csv")
        where = written[0] if len(written) == 1 else args.out
        _say(f"\nWrote {len(written)} file(s) to {where}.")
    return 0


def _titles(args: argparse.Namespace) -> int:
    maps = read_maps(args.maps) if args.maps else {}
    table = list_titles(args.path, column_map=maps.get("column_map"), role_map=maps.get("role_map"))
    unmapped = int(table["role"].isna().sum())
    _show(
        f"{len(table)} job titles, {unmapped} without a role (read them as other with "
        "unmapped='other', or map them in role_map):",
        table,
    )
    if args.out:
        write_csv(table.reset_index(), args.out)
    return 0


def _report(args: argparse.Namespace) -> int:
    if args.out.suffix.lower() not in (".html", ".htm", ".md", ".markdown"):
        raise DefinitionError(
            f"Cannot write a report as {args.out.name!r}: name it *.html or *.md."
        )
    model = _model(args.model)
    scenarios = [m for m in (_model(name) for name in args.scenario) if m is not None]
    sample = _plan_sample(args)
    roster = sample.roster if sample is not None else _load(args)
    if _no_usable_rows(roster):
        return 1
    plan = _plan(args, roster, sample)
    _hint_without_links(roster)
    path = write_report(
        roster,
        args.out,
        model=model,
        policy=args.policy,
        scenarios=scenarios,
        relation=_relation(args),
        pseudonymise=args.pseudonymise,
        title=args.title,
        progress=_progress(args.progress, "report"),
        **_evidence(args, roster, plan),
    )
    _say(f"Wrote {path}")
    return 0


def _compare(args: argparse.Namespace) -> int:
    models = [m for m in (_model(name) for name in args.model) if m is not None]
    check = _model(args.check)
    today = _load(args)
    _hint_without_links(today)
    scenarios = {"today": today}
    for m in models:
        scenarios[m.key] = apply_model(today, m, progress=_progress(args.progress, m.key))
    table = compare(scenarios, model=check)
    if args.out:
        write_csv(table, args.out)
    wide = table.pivot_table(
        index=["school_id", "metric"], columns="scenario", values="value", sort=False
    )[list(scenarios)]
    with pd.option_context("display.width", 200, "display.max_rows", None):
        print(_safe_frame(wide.round(3)).to_string())
    return 0


def _export(args: argparse.Namespace) -> int:
    if args.format == "graphml":
        out = args.out if args.out.suffix else args.out.with_name(args.out.name + ".graphml")
        written = write_graphml(_load(args), out)
    else:
        formats: dict[str, Literal["csv", "parquet", "excel", "json"]] = {
            "csv": "csv",
            "parquet": "parquet",
            "xlsx": "excel",
            "json": "json",
        }
        roster_target(args.out, formats[args.format])  # a path that cannot be written: say so first
        written = write_roster(_load(args), args.out, format=formats[args.format])
    _say(f"Wrote {written}")
    return 0


def _schema(args: argparse.Namespace) -> int:
    schemas = json_schemas()
    if args.out is None:
        print(json.dumps(schemas, indent=2, sort_keys=True))
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, schema in schemas.items():
        atomic_text(
            args.out / f"{name}.schema.json", json.dumps(schema, indent=2, sort_keys=True) + "\n"
        )
    print(f"Wrote {len(schemas)} schemas to {args.out}")
    return 0


def _listing(command: str) -> int:
    if command == "samples":
        for name, row in list_samples().iterrows():
            print(f"{name:<25} {row['kind']:<7} {textwrap.shorten(row['description'], 92)}")
    elif command == "policies":
        for name, row in list_policies().iterrows():
            print(f"{name:<28} {row['school_hours_per_teacher']:>6.2f} h/teacher  {row['label']}")
    else:
        for name, row in list_models().iterrows():
            print(
                f"{name:<22} tight {row['tight_rules']}, loose {row['loose_rules']}  {row['label']}"
            )
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "validate": _validate,
    "analyze": _analyze,
    "report": _report,
    "compare": _compare,
    "export": _export,
    "schema": _schema,
    "titles": _titles,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (see the module docstring).

    Usage errors found by the option parser exit through ``SystemExit(2)``, as
    argparse does; every other failure returns its code with a message on stderr.
    """
    args = _parser().parse_args(argv)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LeadModelWarning)
        try:
            code = _run(args)
        finally:
            for warning in caught:
                _say(f"warning: {warning.message}", err=True)
    return code


def _run(args: argparse.Namespace) -> int:
    try:
        if args.command in ("samples", "policies", "models"):
            return _listing(args.command)
        return COMMANDS[args.command](args)
    except DefinitionError as exc:  # what the user asked for cannot be done as asked
        _say(f"error: {exc}", err=True)
        return 2
    except OSError as exc:  # a path that does not exist (MissingFileError) or cannot be read
        _say(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), err=True)
        return 2
    except LeadModelError as exc:  # the roster has errors, or the analysis failed
        _say(f"error: {exc}", err=True)
        return 1


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
