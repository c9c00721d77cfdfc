"""The hostile corpus of issue 17: every reader, every hostile file, one contract.

Each case of ``tests/hostile/corpus.py`` is read twice, lenient (``strict=False``) and strict
(the default), and checked twice: against the universal contract of the intake
(:func:`contract_problems`, the same for every case) and against the case's own expected
outcome (:func:`expectation_problems`). Every problem found is listed in the failure, so one
run of a case says everything that is wrong with it.
"""

from __future__ import annotations

import contextlib
import io
import re
import signal
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import leadmodel as lm
from tests.hostile.corpus import CASES
from tests.hostile.kit import (
    ISSUE_COLUMNS,
    MAIN_TABLE,
    MERGING,
    PIVOTING,
    READERS,
    Case,
    main_frame,
    materialize,
    resolve_kwargs,
)

#: A reader call taking longer than this is stopped and reported (keeps the file bounded).
CALL_LIMIT = 10.0
#: ... and for a case with ``max_seconds``: this many times its limit.
SLOW_FACTOR = 1.5
ACCOUNTING_COLUMNS = ["rows_in", "rows_loaded", "rows_rejected", "rows_blank"]


def reason_codes() -> set[str]:
    """The registered reason codes, wherever the intake keeps them."""
    for where in ("leadmodel.readers.issues", "leadmodel.readers", "leadmodel.validate"):
        with contextlib.suppress(ImportError):
            module = __import__(where, fromlist=["REASON_CODES"])
            if hasattr(module, "REASON_CODES"):
                return set(module.REASON_CODES)
    return set(getattr(lm, "REASON_CODES", {}))


class CallTimedOut(BaseException):
    """A reader call ran past its time limit."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    if not hasattr(signal, "setitimer"):  # no alarm clock (Windows): no limit
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise CallTimedOut(f"stopped after {seconds:.1f} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class Outcome:
    """What one reader call did: a result or an exception, and how long it took."""

    mode: str  # "lenient" or "strict"
    result: Any = None
    error: BaseException | None = None
    seconds: float = 0.0

    def __str__(self) -> str:
        if self.error is not None:
            return f"{self.mode}: raised {type(self.error).__name__}: {_short(self.error)}"
        return f"{self.mode}: returned {type(self.result).__name__}"


def _short(exc: BaseException, limit: int = 300) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[:limit] + "..."


def call(case: Case, source: Any, folder: Path, *, strict: bool | None) -> Outcome:
    """Run the case's reader once; ``strict=None`` leaves strict= to its default."""
    reader = getattr(lm, case.reader)
    kwargs = resolve_kwargs(case.kwargs, folder)
    if strict is not None:
        kwargs["strict"] = strict
    if isinstance(source, pd.DataFrame):
        source = source.copy()
    limit = case.expect.max_seconds * SLOW_FACTOR if case.expect.max_seconds else CALL_LIMIT
    outcome = Outcome("strict" if strict is None else "lenient")
    start = time.perf_counter()
    try:
        with time_limit(limit):
            outcome.result = reader(source, **kwargs)
    except (Exception, CallTimedOut) as exc:
        outcome.error = exc
    outcome.seconds = time.perf_counter() - start
    return outcome


# ------------------------------------------------------------------ the universal contract


def issues_problems(issues: Any, where: str, codes: set[str]) -> list[str]:
    """An issues table: the contract's columns, known codes, two severities, messages."""
    if not isinstance(issues, pd.DataFrame):
        return [f"{where}: .issues is {type(issues).__name__}, not a DataFrame"]
    problems = []
    if list(issues.columns) != ISSUE_COLUMNS:
        problems.append(f"{where}: issue columns {list(issues.columns)} != {ISSUE_COLUMNS}")
        return problems
    bad_severity = set(issues["severity"].dropna()) - {"error", "warning"}
    if bad_severity or issues["severity"].isna().any():
        problems.append(f"{where}: severities other than error/warning: {bad_severity}")
    unknown = set(issues["code"].dropna()) - codes
    if unknown:
        problems.append(f"{where}: reason codes not in REASON_CODES: {sorted(unknown)}")
    if (issues["message"].isna() | (issues["message"].astype(str).str.strip() == "")).any():
        problems.append(f"{where}: an issue without a message")
    return problems


def accounting_problems(case: Case, result: Any) -> list[str]:
    """rows_in = loaded + merged + rejected + blank for every table; the main table's rows are
    the loaded rows and every rejected row has an error naming it."""
    try:
        acc = result.accounting()
    except Exception as exc:
        return [f"lenient: .accounting() failed: {type(exc).__name__}: {_short(exc)}"]
    if not isinstance(acc, pd.DataFrame):
        return [f"lenient: .accounting() is {type(acc).__name__}, not a DataFrame"]
    wanted = ACCOUNTING_COLUMNS + (["rows_merged"] if case.reader in MERGING else [])
    missing = [c for c in wanted if c not in acc.columns]
    if missing:
        return [f"lenient: accounting lacks {missing} (has {list(acc.columns)})"]
    problems = []
    merged = acc.get("rows_merged", 0)
    parts = acc["rows_loaded"] + merged + acc["rows_rejected"] + acc["rows_blank"]
    for table in acc.index[acc["rows_in"] != parts]:
        problems.append(f"lenient: {table} accounting does not add up: {acc.loc[table].to_dict()}")
    main = MAIN_TABLE[case.reader]
    if main is None:
        if len(acc) != 1:
            return [*problems, f"lenient: accounting should have one table: {list(acc.index)}"]
        main = str(acc.index[0])
    if main not in acc.index:
        return [*problems, f"lenient: no {main!r} table in the accounting: {list(acc.index)}"]
    counts = acc.loc[main]
    try:
        loaded = len(main_frame(case.reader, result))
    except Exception as exc:
        return [*problems, f"lenient: no table of loaded rows: {type(exc).__name__}: {exc}"]
    expanded = case.reader == "read_reporting_lines"  # a post of several people: several rows
    pivoted = case.reader in PIVOTING  # several rows of a long file: one row per campus
    if (
        (loaded < counts["rows_loaded"])
        if expanded
        else (loaded > counts["rows_loaded"])
        if pivoted
        else (loaded != counts["rows_loaded"])
    ):
        problems.append(f"lenient: {loaded} rows loaded, accounting says {counts['rows_loaded']}")
    issues = result.issues
    if isinstance(issues, pd.DataFrame) and list(issues.columns) == ISSUE_COLUMNS:
        here = issues[issues["table"] == main]
        errors = set(here.loc[here["severity"] == "error", "row"].dropna().astype(int))
        if len(errors) < counts["rows_rejected"]:
            problems.append(
                f"lenient: {counts['rows_rejected']} {main} rows rejected, but only "
                f"{len(errors)} rows have an error naming them"
            )
        rows = set(here["row"].dropna().astype(int))
        outside = sorted(r for r in rows if not 1 <= r <= counts["rows_in"])
        if outside:
            problems.append(f"lenient: {main} issues name rows {outside} of {counts['rows_in']}")
    return problems


def error_keys(issues: pd.DataFrame) -> set[tuple[Any, ...]]:
    errors = issues[issues["severity"] == "error"]
    return {
        (t, None if pd.isna(r) else int(r), None if pd.isna(f) else f, c)
        for t, r, f, c in errors[["table", "row", "field", "code"]].itertuples(index=False)
    }


def contract_problems(case: Case, source: Any, lenient: Outcome, strict: Outcome) -> list[str]:
    """The guarantees every reader call keeps, whatever the file (issue 17, item 4)."""
    codes = reason_codes()
    problems: list[str] = []
    for outcome in (lenient, strict):
        exc = outcome.error
        if isinstance(exc, CallTimedOut):
            problems.append(f"{outcome.mode}: {exc}")
        elif isinstance(exc, lm.RosterError):
            problems += issues_problems(exc.issues, f"{outcome.mode} RosterError", codes)
            frame = exc.issues
            has_severity = isinstance(frame, pd.DataFrame) and "severity" in frame
            if has_severity and not (frame["severity"] == "error").any():
                problems.append(f"{outcome.mode}: a RosterError without an error issue")
        elif isinstance(exc, lm.LeadModelError):
            pass
        elif isinstance(exc, OSError):
            named = isinstance(source, Path) and (
                str(source) in str(exc) or str(getattr(exc, "filename", "")) == str(source)
            )
            if not named:
                problems.append(f"{outcome.mode}: OSError not naming the path: {_short(exc)}")
        elif exc is not None:
            problems.append(f"{outcome} (only LeadModelError or OSError may escape)")
        else:
            problems += issues_problems(
                getattr(outcome.result, "issues", None), f"{outcome.mode} result", codes
            )
    if lenient.error is None:
        problems += accounting_problems(case, lenient.result)
    # strict follows lenient: errors raise (all of them), warnings never do
    issues = getattr(lenient.result, "issues", None)
    if lenient.error is None and isinstance(issues, pd.DataFrame) and "severity" in issues:
        errors = error_keys(issues) if list(issues.columns) == ISSUE_COLUMNS else set()
        if errors:
            if not isinstance(strict.error, lm.RosterError):
                problems.append(f"lenient found errors, so strict must raise RosterError; {strict}")
            elif isinstance(strict.error.issues, pd.DataFrame):
                lost = errors - error_keys(strict.error.issues)
                if lost:
                    problems.append(f"strict RosterError lacks errors lenient found: {lost}")
        elif strict.error is not None:
            problems.append(f"lenient found no error, so strict must not raise; {strict}")
    elif isinstance(lenient.error, lm.LeadModelError | OSError):
        kind = lm.RosterError if isinstance(lenient.error, lm.RosterError) else type(lenient.error)
        if not isinstance(strict.error, kind):
            problems.append(f"lenient raised {type(lenient.error).__name__}, but {strict}")
    return problems


# ------------------------------------------------------------------ the case's own outcome


def _records(issues: Any) -> list[dict[str, Any]]:
    if not isinstance(issues, pd.DataFrame):
        return []
    return issues.astype(object).where(issues.notna(), None).to_dict("records")


def expectation_problems(case: Case, lenient: Outcome) -> list[str]:
    """The outcome written for the case (in lenient mode)."""
    e = case.expect
    problems: list[str] = []
    exc = lenient.error
    tolerated_error = e.raises == "RosterError?" and isinstance(exc, lm.RosterError)
    if e.raises in (None, "RosterError?") and exc is not None and not tolerated_error:
        want = "a result" if e.raises is None else "a result or a RosterError"
        return [f"expected {want}; {lenient}"]
    kinds = ("RosterError", "DefinitionError", "MissingFileError", "NotAFileError", "OSError")
    if e.raises in kinds:
        kind = {
            "RosterError": lm.RosterError,
            "DefinitionError": lm.DefinitionError,
            "MissingFileError": lm.MissingFileError,
            "NotAFileError": lm.NotAFileError,
            "OSError": OSError,
        }[e.raises]
        if not isinstance(exc, kind) or (kind is OSError and isinstance(exc, lm.LeadModelError)):
            got = str(lenient) if exc is not None else "lenient: returned a result"
            return [f"expected {e.raises}; {got}"]
    if isinstance(exc, lm.RosterError):
        records = _records(exc.issues)
    elif exc is None:
        records = _records(getattr(lenient.result, "issues", None))
    else:
        return problems  # a DefinitionError or an OSError as expected: nothing more to see
    found = {r["code"] for r in records}
    missing = sorted(e.codes - found)
    if missing:
        problems.append(f"codes {missing} missing; found {sorted(found)}")
    if e.exact:
        tolerated = e.codes | e.allowed
        if e.warnings_ok:
            tolerated |= {r["code"] for r in records if r["severity"] == "warning"}
        extra = sorted(found - tolerated)
        if extra:
            problems.append(f"unexpected codes {extra} (expected exactly {sorted(e.codes)})")
    present = sorted(e.absent & found)
    if present:
        problems.append(f"codes {present} must not appear")
    for want in e.issues:
        if not any(want.matches(r) for r in records):
            problems.append(f"no issue matches {want}")
    if exc is None:
        problems += _rows_problems(case, lenient.result)
        if e.check is not None:
            try:
                e.check(lenient.result)
            except AssertionError as err:
                problems.append(f"key values: {err}")
            except Exception as err:
                problems.append(f"key values: check failed: {type(err).__name__}: {_short(err)}")
    return problems


def _rows_problems(case: Case, result: Any) -> list[str]:
    if not case.expect.rows:
        return []
    try:
        acc = result.accounting()
        main = MAIN_TABLE[case.reader] or str(acc.index[0])
        counts = acc.loc[main]
    except Exception as exc:
        return [f"no accounting to check rows against: {type(exc).__name__}: {_short(exc)}"]
    problems = []
    for key, want in case.expect.rows.items():
        allowed = want if isinstance(want, tuple) else (want,)
        got = counts.get(key)
        if got is None or int(got) not in allowed:
            shown = want if not isinstance(want, tuple) else f"one of {list(want)}"
            problems.append(f"{key} = {got}, expected {shown}")
    return problems


# ------------------------------------------------------------------ the tests


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_file(case: Case, tmp_path: Path) -> None:
    source = materialize(case, tmp_path)
    folder = tmp_path / case.name
    lenient = call(case, source, folder, strict=False)
    if isinstance(lenient.error, CallTimedOut):  # as slow again in strict mode: spare the time
        strict = Outcome("strict", error=CallTimedOut("not run: the lenient call timed out"))
    else:
        strict = call(case, source, folder, strict=None)
    problems = contract_problems(case, source, lenient, strict)
    problems += expectation_problems(case, lenient)
    limit = case.expect.max_seconds
    if limit is not None:
        problems += [
            f"{o.mode}: took {o.seconds:.2f} s, over {limit} s"
            for o in (lenient, strict)
            if o.seconds > limit and not isinstance(o.error, CallTimedOut)
        ]
    why = f"({case.expect.why})" if case.expect.why else ""
    assert not problems, f"{case.name} {why}\n  - " + "\n  - ".join(problems)


def test_the_corpus_is_large_enough_and_covers_every_reader() -> None:
    per_reader = {r: sum(c.reader == r for c in CASES) for r in READERS}
    assert len(CASES) >= 80
    assert min(per_reader.values()) >= 8, per_reader
    assert len({c.name for c in CASES}) == len(CASES), "case names must be unique"


def test_the_corpus_bytes_are_deterministic() -> None:
    for case in CASES:
        before, again = case.content(), case.content()
        if isinstance(before, pd.DataFrame):
            pd.testing.assert_frame_equal(before, again)
            continue
        assert before == again, case.name
        if case.filename and case.filename.endswith(".xlsx"):  # no time of saving inside
            with contextlib.suppress(zipfile.BadZipFile):  # (half a file has no directory)
                core = zipfile.ZipFile(io.BytesIO(before)).read("docProps/core.xml")
                stamps = set(re.findall(rb"\d{4}-\d\d-\d\dT[\d:]+Z", core))
                assert stamps == {b"2024-01-01T00:00:00Z"}, (case.name, stamps)
