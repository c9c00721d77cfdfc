"""The kit of the hostile corpus: cases as data, byte writers, the clean files, checks."""

from __future__ import annotations

import functools
import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from openpyxl import Workbook

import leadmodel as lm

SCHOOL_YEAR = ("2024-08-26", "2025-06-06")
#: Columns of every issues table (the contract's).
ISSUE_COLUMNS = ["table", "row", "staff_id", "field", "value", "code", "severity", "message", "fix"]
#: The table of each reader's accounting that counts the file's rows (``None``: the only one).
MAIN_TABLE: dict[str, str | None] = {
    "read_roster": "staff",
    "read_reporting_lines": "staff",
    "read_staffing_counts": None,
    "read_survey": "responses",
    "read_log": "log",
    "read_members": "members",
    "read_staffing_counts_long": "counts",
    "read_oneroster": "staff",
    "read_edfi": "staff",
    "read_plan": "initiatives",
}
#: Readers that merge repeated records (their accounting has ``rows_merged``).
MERGING = frozenset({"read_log", "read_survey", "read_members", "read_plan"})
#: Readers whose result has fewer rows than the rows they load (a long file's rows pivot into
#: one row per campus).
PIVOTING = frozenset({"read_staffing_counts_long"})
READERS = tuple(MAIN_TABLE)


class Marker:
    """A named sentinel: :data:`ROSTER`, :data:`MISSING`, :data:`DIRECTORY`."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


ROSTER = Marker("ROSTER")  # in kwargs: the base roster (base_roster())
MISSING = Marker("MISSING")  # as content: nothing at the path
DIRECTORY = Marker("DIRECTORY")  # as content (or in a tree): a directory at the path


@dataclass(frozen=True)
class Rel:
    """In kwargs: a file of the case's own folder (``links=Rel("links.csv")``)."""

    name: str


Tree = dict[str, "bytes | Marker"]
Content = "bytes | pd.DataFrame | Marker | Tree"


@dataclass(frozen=True)
class Issue:
    """An issue that must be found; ``None`` matches anything, a tuple any of its values."""

    code: str | tuple[str, ...] | None = None
    row: int | None = None
    field: str | tuple[str, ...] | None = None
    severity: str | None = None
    table: str | None = None
    text: tuple[str, ...] = ()  # substrings the message must contain (case-insensitive)

    def matches(self, rec: Mapping[str, Any]) -> bool:
        def one(want: Any, got: Any) -> bool:
            if want is None:
                return True
            if got is None or got is pd.NA or (isinstance(got, float) and got != got):
                return False
            return got in want if isinstance(want, tuple) else got == want

        row = rec.get("row")
        row_ok = self.row is None or (pd.notna(row) and int(row) == self.row)
        message = str(rec.get("message") or "").casefold()
        return (
            row_ok
            and one(self.code, rec.get("code"))
            and one(self.field, rec.get("field"))
            and one(self.severity, rec.get("severity"))
            and one(self.table, rec.get("table"))
            and all(t.casefold() in message for t in self.text)
        )

    def __str__(self) -> str:
        parts = [f"{k}={v!r}" for k, v in vars(self).items() if v not in (None, ())]
        return "Issue(" + ", ".join(parts) + ")"


@dataclass(frozen=True)
class Expect:
    """The outcome a case must have (in lenient mode; strict mode follows from the contract).

    raises
        ``None`` (returns a result), ``"RosterError"``, ``"DefinitionError"``,
        ``"MissingFileError"``, ``"NotAFileError"``, ``"OSError"`` (not the library's own),
        or ``"RosterError?"`` (either returns or raises a RosterError: the contract leaves it
        open, e.g. for a file-level error such as ``duplicate_column``).
    codes
        Reason codes that must all be among the issues (of the result or of the RosterError).
    exact
        No code other than ``codes`` and ``allowed`` (and any warning when ``warnings_ok``).
    issues
        Particular issues that must be found (row, field, severity...).
    rows
        The main table's accounting (``rows_in``, ``rows_loaded``...): a number or the
        numbers allowed.
    check
        Key values of the result: a function that raises AssertionError with a message.
    max_seconds
        Each reader call (lenient and strict) must take at most this long.
    why
        The reasoning, in one line.
    """

    raises: str | None = None
    codes: frozenset[str] = frozenset()
    exact: bool = True
    allowed: frozenset[str] = frozenset()
    warnings_ok: bool = False
    absent: frozenset[str] = frozenset()
    issues: tuple[Issue, ...] = ()
    rows: Mapping[str, int | tuple[int, ...]] = field(default_factory=dict)
    check: Callable[[Any], None] | None = None
    max_seconds: float | None = None
    why: str = ""


def expect(
    *,
    codes: Sequence[str] = (),
    allowed: Sequence[str] = (),
    absent: Sequence[str] = (),
    issues: Sequence[Issue] = (),
    **kw: Any,
) -> Expect:
    return Expect(
        codes=frozenset(codes),
        allowed=frozenset(allowed),
        absent=frozenset(absent),
        issues=tuple(issues),
        **kw,
    )


@dataclass(frozen=True)
class Case:
    """One hostile input: what to read, with which reader and arguments, and what must happen."""

    name: str
    reader: str
    filename: str | None  # the source inside the case's folder; None: a DataFrame source
    content: Callable[[], Any]  # bytes | DataFrame | MISSING | DIRECTORY | Tree
    kwargs: Mapping[str, Any]
    expect: Expect


# ------------------------------------------------------------------ the roster the log,
# the survey and the memberships are read against


@functools.cache
def base_roster() -> lm.Roster:
    """S1: principal P1, AP A1, coach C1, teachers T01-T40 (TM1: T01-T20, TM2: T21-T40),
    teams TM1 and TM2 (grade teams led by T01 and T21) and the ILT S1-ILT (led by P1)."""
    staff = [("P1", "principal", None), ("A1", "assistant_principal", None)]
    staff += [("C1", "instructional_coach", None)]
    staff += [(f"T{i:02d}", "teacher", "TM1" if i <= 20 else "TM2") for i in range(1, 41)]
    frame = pd.DataFrame(staff, columns=["staff_id", "role", "team_id"]).assign(school_id="S1")
    teams = pd.DataFrame(
        {
            "school_id": "S1",
            "team_id": ["TM1", "TM2", "S1-ILT"],
            "lead_id": ["T01", "T21", "P1"],
            "basis": ["grade", "grade", "ilt"],
        }
    )
    return lm.read_roster(frame, teams=teams)


def resolve_kwargs(kwargs: Mapping[str, Any], folder: Path) -> dict[str, Any]:
    """The reader's keyword arguments with the markers replaced (roster, files of the case)."""
    out: dict[str, Any] = {}
    for key, value in kwargs.items():
        if value is ROSTER:
            value = base_roster()
        elif isinstance(value, Rel):
            value = folder / value.name
        out[key] = value
    return out


# ------------------------------------------------------------------ writing the bytes


def text_bytes(
    table: Sequence[Sequence[str]],
    *,
    sep: str = ",",
    eol: str | Sequence[str] = "\n",
    encoding: str | Sequence[str] = "utf-8",
    final_eol: bool = True,
) -> bytes:
    """Delimited text, written as is (no quoting): ``eol`` and ``encoding`` may vary by line
    (one value per line of ``table``, the header included)."""
    n = len(table)
    eols = [eol] * n if isinstance(eol, str) else list(eol)
    encodings = [encoding] * n if isinstance(encoding, str) else list(encoding)
    out = b""
    for k, row in enumerate(table):
        end = eols[k] if (k < n - 1 or final_eol) else ""
        out += (sep.join(row) + end).encode(encodings[k])
    return out


def _fixed_zip(data: bytes, *, cut: str | None = None) -> bytes:
    """The zip ``data`` with fixed timestamps (deterministic bytes); ``cut`` names a member
    whose content is cut in half (a truncated sheet in a valid zip)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == cut:
                body = body[: len(body) // 2]
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving
                body = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2024-01-01T00:00:00Z", body)
            member = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(member, body)
    return out.getvalue()


def xlsx_bytes(table: Sequence[Sequence[Any]], *, cut_sheet: bool = False) -> bytes:
    """An .xlsx of one sheet, written by openpyxl: a text starting with ``=`` is stored as a
    formula with no cached value, as a script writes it."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    for row in table:
        ws.append(list(row))
    stamp = datetime(2024, 1, 1)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    buf = io.BytesIO()
    wb.save(buf)
    return _fixed_zip(buf.getvalue(), cut="xl/worksheets/sheet1.xml" if cut_sheet else None)


def parquet_bytes(columns: Mapping[str, pa.Array]) -> bytes:
    buf = io.BytesIO()
    pq.write_table(pa.table(dict(columns)), buf)
    return buf.getvalue()


def json_bytes(records: list[dict[str, Any]], raw: Mapping[str, str] | None = None) -> bytes:
    """JSON records; ``raw`` replaces quoted placeholder strings with raw JSON tokens."""
    text = json.dumps(records, ensure_ascii=False)
    for placeholder, token in (raw or {}).items():
        text = text.replace(json.dumps(placeholder), token)
    return text.encode("utf-8")


# ------------------------------------------------------------------ the clean files


@dataclass(frozen=True)
class Base:
    """A small clean file of one reader: 4 data rows that load with no issue at all.

    Row 3 and row 4 are leaves (no other row depends on them: no one reports to them), so a
    defect there leaves out only that row; ``id_col`` can be renamed to ``alt_id`` by a
    column map; ``text_col`` is free text, ``num_col`` a number (``None``: no number).
    """

    reader: str
    stem: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    id_col: str
    alt_id: str
    text_col: str
    num_col: str | None
    key_col: str  # the column of the result's main table that identifies a loaded row
    keeps_text: bool  # whether text_col is in the result's main table
    kwargs: Mapping[str, Any]
    wide_row: Callable[[int], list[str]]

    def table(self) -> list[list[str]]:
        """Header and rows, as a fresh list of lists."""
        return [list(self.header)] + [list(r) for r in self.rows]

    def col(self, name: str) -> int:
        return self.header.index(name)

    @property
    def short(self) -> str:
        return self.reader.removeprefix("read_").replace("staffing_", "").replace("_", "-")


def _roster_wide(i: int) -> list[str]:
    return ["P1", "S1", "principal", "Ana Ruiz", "1"] if i == 0 else [
        f"T{i:02d}", "S1", "teacher", f"Name {i}", "1"
    ]  # fmt: skip


def _lines_wide(i: int) -> list[str]:
    return [f"E{i + 1:02d}", "" if i == 0 else "E01", "Clerk", f"Name {i}", "1"]


def _counts_wide(i: int) -> list[str]:
    return [f"SCH{i + 1:02d}", f"School {i}", "20", "1", "300"]


def _survey_wide(i: int) -> list[str]:
    return [f"T{i + 1:02d}", str(i % 11), "yes", "", "ok"]


def _log_wide(i: int) -> list[str]:
    day = date(2024, 9, 2) + timedelta(days=i)
    return [day.isoformat(), "A1", f"T{i + 1:02d}", "walkthrough", "20", "questioning"]


def _members_wide(i: int) -> list[str]:
    return ["S1", "S1-ILT", f"T{i + 1:02d}", "n"]


def _counts_long_wide(i: int) -> list[str]:
    return [f"SCH{i + 1:02d}", f"School {i}", "Teachers", "20"]


def _plan_wide(i: int) -> list[str]:
    return [f"I{i + 1}", f"Initiative {i}", "", "P1", "Director", "2024-09-02"]


#: The plan's priorities and demands the clean initiatives file is read with: the demands
#: name I1 and I2 only, so that rows 3 and 4 of the initiatives are leaves.
PLAN_PRIORITIES = pd.DataFrame({"priority_id": ["PR1", "PR2"], "name": ["Literacy", "Maths"]})
PLAN_DEMANDS = pd.DataFrame(
    {"initiative_id": ["I1", "I2"], "role": ["principal", "teacher"], "hours_per_month": [4, 1]}
)


BASES: dict[str, Base] = {
    b.reader: b
    for b in (
        Base(
            reader="read_roster",
            stem="staff",
            header=("staff_id", "school_id", "role", "name", "fte"),
            rows=(
                ("P1", "S1", "principal", "Ana Ruiz", "1"),
                ("A1", "S1", "assistant_principal", "Ben Ode", "1"),
                ("T01", "S1", "teacher", "Cy Lee", "0.5"),
                ("T02", "S1", "teacher", "Di Ray", "1"),
            ),
            id_col="staff_id",
            alt_id="Emp No",
            text_col="name",
            num_col="fte",
            key_col="staff_id",
            keeps_text=True,
            kwargs={},
            wide_row=_roster_wide,
        ),
        Base(
            reader="read_reporting_lines",
            stem="orgchart",
            header=("staff_id", "reports_to", "title", "name", "fte"),
            rows=(
                ("E1", "", "Chief Executive", "Ana Ruiz", "1"),
                ("E2", "E1", "Finance Director", "Ben Ode", "1"),
                ("E3", "E2", "Accountant", "Cy Lee", "1"),
                ("E4", "E2", "Clerk", "Di Ray", "0.5"),
            ),
            id_col="staff_id",
            alt_id="Employee",
            text_col="name",
            num_col="fte",
            key_col="staff_id",
            keeps_text=True,
            kwargs={},
            wide_row=_lines_wide,
        ),
        Base(
            reader="read_staffing_counts",
            stem="counts",
            header=("school_id", "name", "teacher_fte", "admin_fte", "enrollment"),
            rows=(
                ("SCH01", "Adams Elementary", "54", "2", "570"),
                ("SCH02", "Baker Middle", "26", "3", "360"),
                ("SCH03", "Cole High", "12", "0", "150"),
                ("SCH04", "Dunn K8", "30.5", "1", "400"),
            ),
            id_col="school_id",
            alt_id="School Code",
            text_col="name",
            num_col="teacher_fte",
            key_col="school_id",
            keeps_text=True,
            kwargs={},
            wide_row=_counts_wide,
        ),
        Base(
            reader="read_survey",
            stem="survey",
            header=("staff_id", "recommend", "responsible_teachers", "advice_ids", "comment"),
            rows=(
                ("T01", "9", "yes", "C1", "Great team"),
                ("T02", "7", "no", "", "Fine"),
                ("T03", "10", "primary", "A1;C1", "Good"),
                ("T04", "3", "yes", "P1", "Busy"),
            ),
            id_col="staff_id",
            alt_id="Employee ID",
            text_col="comment",
            num_col="recommend",
            key_col="staff_id",
            keeps_text=True,
            kwargs={"roster": ROSTER},
            wide_row=_survey_wide,
        ),
        Base(
            reader="read_log",
            stem="log",
            header=("date", "leader_id", "teacher_id", "kind", "minutes", "focus"),
            rows=(
                ("2024-09-03", "A1", "T01", "walkthrough", "20", "questioning"),
                ("2024-09-10", "A1", "T02", "informal", "30", "routines"),
                ("2024-09-17", "C1", "T03", "coaching", "45", "feedback"),
                ("2024-09-24", "P1", "T04", "formal", "60", "planning"),
            ),
            id_col="leader_id",
            alt_id="Observer",
            text_col="focus",
            num_col="minutes",
            key_col="teacher_id",
            keeps_text=True,
            kwargs={"roster": ROSTER, "school_year": SCHOOL_YEAR},
            wide_row=_log_wide,
        ),
        Base(
            reader="read_members",
            stem="members",
            header=("school_id", "team_id", "staff_id", "note"),
            rows=(
                ("S1", "S1-ILT", "A1", "x"),
                ("S1", "S1-ILT", "C1", "y"),
                ("S1", "S1-ILT", "T01", "z"),
                ("S1", "S1-ILT", "T21", "w"),
            ),
            id_col="staff_id",
            alt_id="Employee",
            text_col="note",
            num_col=None,
            key_col="staff_id",
            keeps_text=False,  # a membership table keeps school_id, team_id, staff_id only
            kwargs={"roster": ROSTER},
            wide_row=_members_wide,
        ),
        Base(
            reader="read_staffing_counts_long",
            stem="counts_long",
            header=("school_id", "name", "category", "fte"),
            rows=(
                ("SCH01", "Adams Elementary", "Teachers", "54"),
                ("SCH02", "Baker Middle", "Teachers", "26"),
                ("SCH03", "Cole High", "Teachers", "12"),
                ("SCH04", "Dunn K8", "Teachers", "30.5"),
            ),  # one row per campus, so the families' row arithmetic holds for campuses too
            id_col="school_id",
            alt_id="School Code",
            text_col="name",
            num_col=None,  # fte pivots into teacher_fte: no column of that name in the result
            key_col="school_id",
            keeps_text=True,
            kwargs={},
            wide_row=_counts_long_wide,
        ),
        Base(
            reader="read_plan",
            stem="initiatives",
            header=("initiative_id", "name", "priority_id", "owner_id", "owner_role", "start_date"),
            rows=(
                ("I1", "Literacy block", "PR1", "P1", "Director of Literacy", "2024-09-02"),
                ("I2", "Math PLC protocol", "PR2", "A1", "Director of Mathematics", "2024-09-02"),
                ("I3", "Tablets", "", "P1", "Chief Technology Officer", "2024-10-01"),
                ("I4", "Wellness app", "", "C1", "Director of Human Resources", "2024-10-14"),
            ),  # rows 3 and 4 are leaves: no demand names them
            id_col="initiative_id",
            alt_id="Initiative",
            text_col="owner_role",  # optional free text (the name is required)
            num_col=None,
            key_col="initiative_id",
            keeps_text=True,
            kwargs={
                "roster": ROSTER,
                "school_year": SCHOOL_YEAR,
                "priorities": PLAN_PRIORITIES,
                "demands": PLAN_DEMANDS,
            },
            wide_row=_plan_wide,
        ),
    )
}


# ------------------------------------------------------------------ reading a result


def main_frame(reader: str, result: Any) -> pd.DataFrame:
    """The table of loaded rows of a reader's result."""
    name = {
        "read_roster": "staff",
        "read_reporting_lines": "staff",
        "read_oneroster": "staff",
        "read_edfi": "staff",
        "read_survey": "responses",
        "read_log": "events",
        "read_plan": "initiatives",
    }.get(reader, "table")
    frame: pd.DataFrame = getattr(result, name)
    return frame


def column(frame: pd.DataFrame, name: str) -> list[Any]:
    """A column's values, or the index level of that name."""
    if name in frame.columns:
        return frame[name].tolist()
    if name in (frame.index.names or []):
        return frame.index.get_level_values(name).tolist()
    raise AssertionError(f"the result has no {name!r} column (columns: {list(frame.columns)})")


def ids_are(base: Base, expected: Sequence[str]) -> Callable[[Any], None]:
    """Check that the loaded rows are exactly those of ``expected`` (by the key column)."""

    def check(result: Any) -> None:
        got = sorted(str(v) for v in column(main_frame(base.reader, result), base.key_col))
        assert got == sorted(expected), f"loaded {base.key_col}s {got}, expected {expected}"

    return check


def texts_include(base: Base, texts: Sequence[str]) -> Callable[[Any], None]:
    """Check that the free-text column holds ``texts`` exactly (decoded right)."""

    def check(result: Any) -> None:
        if not base.keeps_text:
            return
        got = [v for v in column(main_frame(base.reader, result), base.text_col) if pd.notna(v)]
        missing = [t for t in texts if t not in got]
        assert not missing, f"{base.text_col} lacks {missing}; it holds {got[:6]}"

    return check


def numbers_are(base: Base, expected: Mapping[str, float]) -> Callable[[Any], None]:
    """Check the number column of loaded rows, by key: ``{key: value}``."""

    def check(result: Any) -> None:
        if base.num_col is None:
            return
        frame = main_frame(base.reader, result)
        keys = [str(k) for k in column(frame, base.key_col)]
        values = column(frame, base.num_col)
        got = dict(zip(keys, values, strict=True))
        for key, want in expected.items():
            have = got.get(key)
            assert have is not None and pd.notna(have) and float(have) == want, (
                f"{base.num_col} of {key} is {have!r}, expected {want}"
            )

    return check


def all_of(*checks: Callable[[Any], None] | None) -> Callable[[Any], None]:
    def check(result: Any) -> None:
        for one in checks:
            if one is not None:
                one(result)

    return check


def keys_of(base: Base) -> list[str]:
    """The key of each base row, as the result names it."""
    if base.key_col in base.header:
        k = base.col(base.key_col)
        return [r[k] for r in base.rows]
    raise AssertionError(base.key_col)


def nums_of(base: Base, rows: Sequence[int] = (1, 2, 3, 4)) -> dict[str, float]:
    if base.num_col is None:
        return {}
    k, n = base.col(base.key_col), base.col(base.num_col)
    return {base.rows[r - 1][k]: float(base.rows[r - 1][n]) for r in rows}


def id_key(value: str) -> str:
    """An id as the contract compares ids: NFC, no format characters (zero-width space, word
    joiner, BOM), no surrounding whitespace, case-folded."""
    text = unicodedata.normalize("NFC", value)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return text.strip().casefold()


def ids_distinct(reader: str, col: str) -> Callable[[Any], None]:
    """Check that no two loaded ids in ``col`` are variants of one id (two people silently)."""

    def check(result: Any) -> None:
        values = {str(v) for v in column(main_frame(reader, result), col) if pd.notna(v)}
        keys: dict[str, list[str]] = {}
        for v in values:
            keys.setdefault(id_key(v), []).append(v)
        clash = [sorted(vs) for vs in keys.values() if len(vs) > 1]
        assert not clash, f"variants of one id loaded as different ids: {clash}"

    return check


def ids_on_roster(reader: str, *cols: str) -> Callable[[Any], None]:
    """Check that every loaded id in ``cols`` is a roster id exactly (no invisible variant)."""

    def check(result: Any) -> None:
        known = set(base_roster().staff["staff_id"])
        frame = main_frame(reader, result)
        for col in cols:
            stray = sorted({str(v) for v in column(frame, col) if pd.notna(v)} - known)
            assert not stray, f"{col} loaded ids not on the roster: {[ascii(s) for s in stray]}"

    return check


def accounting_of(table: str, expected: Sequence[int]) -> Callable[[Any], None]:
    """Check one table's accounting: [rows_in, rows_loaded, (rows_merged,) rows_rejected,
    rows_blank] as the reader's accounting() orders its columns."""

    def check(result: Any) -> None:
        acc = result.accounting()
        assert table in acc.index, f"no {table!r} in the accounting: {list(acc.index)}"
        got = [int(v) for v in acc.loc[table].tolist()]
        assert got == list(expected), f"{table} accounting {got}, expected {list(expected)}"

    return check


def assert_equal(got: Any, want: Any, what: str) -> None:
    assert got == want, f"{what}: got {got!r}, expected {want!r}"


# ------------------------------------------------------------------ writing the files


def materialize(case: Case, root: Path) -> Path | pd.DataFrame:
    """Write the case's input under ``root / case.name``; return what to give the reader."""
    content = case.content()
    if isinstance(content, pd.DataFrame):
        return content
    assert case.filename is not None
    folder = root / case.name
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / case.filename
    if content is MISSING:
        return path
    if content is DIRECTORY:
        path.mkdir()
        return path
    if isinstance(content, dict):  # a small tree of files in the case's folder
        for rel, data in content.items():
            target = folder / rel
            if data is DIRECTORY:
                target.mkdir(parents=True, exist_ok=True)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
        return path
    path.write_bytes(content)
    return path


def describe(case: Case) -> dict[str, Any]:
    """The case as JSON-able data, for the manifest."""
    e = case.expect
    return {
        "name": case.name,
        "reader": case.reader,
        "file": case.filename,
        "kwargs": {k: repr(v) for k, v in case.kwargs.items()},
        "raises": e.raises,
        "codes": sorted(e.codes),
        "exact": e.exact,
        "allowed": sorted(e.allowed),
        "absent": sorted(e.absent),
        "issues": [str(i) for i in e.issues],
        "rows": {k: list(v) if isinstance(v, tuple) else v for k, v in e.rows.items()},
        "max_seconds": e.max_seconds,
        "why": e.why,
    }
