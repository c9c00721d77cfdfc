"""Delimited text files: decoding bytes into text, and text into a table of text cells.

Real exports arrive in UTF-8, UTF-16 (with or without a byte-order mark), Windows-1252 or
Mac Roman, sometimes mixing two encodings line by line, with CRLF, LF or CR-only line ends,
any of four delimiters, rows longer or shorter than the header, and unclosed quotes. This
module reads all of them the same way: every cell is kept as text, every row keeps its
number in the file (the index ``_source_row``, 1 for the first row under the header), and
every row that cannot be read is reported in the issues table and counted, never dropped in
silence.

Clean files take a fast path (Apache Arrow's CSV parser); a file with rows of the wrong
length, or values spanning lines, is read again row by row with Python's :mod:`csv`, which
gives every row its exact number.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import re
import sys
from collections.abc import Iterator

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from leadmodel.errors import DefinitionError, LeadModelError, RosterError
from leadmodel.readers.issues import IssueLog

__all__ = ["check_encoding", "decode_text", "guarded", "read_delimited", "unreadable"]

_DELIMITERS = (",", ";", "\t", "|")
#: Encodings tried, in order, for lines that are not UTF-8.
LEGACY_ENCODINGS = ("cp1252", "mac_roman")
_LINE_END = re.compile(rb"\r\n|\r|\n")


def check_encoding(encoding: str | None) -> None:
    """Refuse an ``encoding=`` that names no codec Python knows."""
    if encoding is None:
        return
    if not isinstance(encoding, str):
        raise DefinitionError(f"encoding= takes the name of an encoding, not {encoding!r}.")
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise DefinitionError(
            f"Unknown encoding {encoding!r}; use a name Python knows, such as 'utf-8', "
            "'cp1252', 'latin-1', 'mac_roman' or 'utf-16', or leave it out to have it detected."
        ) from None


def _file_note(notes: IssueLog, table: str, code: str, message: str, fix: str) -> None:
    notes.add(
        table,
        pd.DataFrame({"_row": [pd.NA]}),
        code=code,
        field=None,
        severity="warning",
        message=message,
        fix=fix,
        literal=True,
    )


def unreadable(table: str, name: str, what: str, why: object) -> RosterError:
    """The error for a file that cannot be parsed as ``what``."""
    log = IssueLog()
    log.file_error(
        table,
        "unreadable_file",
        f"{name} could not be read as {what}: {why}",
        f"Check that the file is a valid {what} file (open it in the program that made it and "
        "save it again).",
    )
    return RosterError(log.frame())


@contextlib.contextmanager
def guarded(table: str, name: str, what: str) -> Iterator[None]:
    """Turn whatever a parser raises on a broken file into an ``unreadable_file`` error.

    Parsers of Excel, Parquet and JSON raise many kinds of exception on a damaged file
    (``BadZipFile``, an XML ``ParseError``, ``ArrowInvalid``, ``RecursionError``...); the
    user sees one: the file could not be read, and why. leadmodel's own errors and
    ``OSError`` (a file that cannot be opened, which names its path) pass through.
    """
    try:
        yield
    except (LeadModelError, OSError):
        raise
    except Exception as exc:  # any parser failure is an unreadable file
        raise unreadable(table, name, what, exc) from None


def _utf16_without_bom(data: bytes) -> str | None:
    """The codec of UTF-16 text without a byte-order mark, told by where its zero bytes fall."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _plausibility(text: str) -> int:
    """How word-like the non-ASCII characters of ``text`` are: letters that continue a word in
    its case score, symbols between letters count against (Mac Roman's ``José`` read as
    Windows-1252 gives ``JosŽ``, its ``Peña`` a dash in place of the ``ñ``: both score low)."""
    score = 0
    for prev, ch in zip(" " + text, text, strict=False):
        if ord(ch) < 128:
            continue
        if ch.isalpha():
            score += 1 if not prev.isalpha() or prev.islower() == ch.islower() else -1
        elif prev.isalpha():
            score -= 1
    return score


def _legacy_encoding(lines: list[bytes]) -> str:
    """Of :data:`LEGACY_ENCODINGS`, the one that reads ``lines`` most like words."""
    sample = b"\n".join(lines)[:65536]
    scores = {enc: _plausibility(sample.decode(enc, errors="replace")) for enc in LEGACY_ENCODINGS}
    return max(LEGACY_ENCODINGS, key=lambda enc: scores[enc])  # ties go to the first


def decode_text(
    data: bytes, encoding: str | None, *, name: str, table: str, notes: IssueLog
) -> str:
    """Text of a file's bytes, with every line end as ``\\n``.

    With ``encoding`` the bytes must decode in it (else an ``unreadable_file`` error). Without,
    a byte-order mark decides (UTF-8, UTF-16, UTF-32); UTF-16 without one is recognised by
    its zero bytes; otherwise each line is read as UTF-8 when it is valid UTF-8, else in the
    legacy encoding (Windows-1252 or Mac Roman) that reads the file's non-UTF-8 lines most
    like words, with an ``encoding_guessed`` warning naming it, or a ``mixed_encoding`` warning
    naming the lines when the file mixes both.
    """
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeError as exc:
            raise unreadable(table, name, f"{encoding} text (the encoding= given)", exc) from None
        return _one_line_end(text.removeprefix("\ufeff"))
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _one_line_end(data.decode(codec))
            except UnicodeError as exc:
                raise unreadable(table, name, f"{codec} text (its byte-order mark)", exc) from None
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            text = data.decode(utf16)
        except UnicodeError:
            pass
        else:
            _file_note(
                notes,
                table,
                "encoding_guessed",
                f"{name} has no byte-order mark; it was read as {utf16.upper()}.",
                "Check the names in the file; save it as UTF-8 to make this certain.",
            )
            return _one_line_end(text)
    try:
        return _one_line_end(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    return _decode_lines(data, name=name, table=table, notes=notes)


def _one_line_end(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_lines(data: bytes, *, name: str, table: str, notes: IssueLog) -> str:
    """Each line as UTF-8 where it is valid, else in the guessed legacy encoding; say which."""
    lines = _LINE_END.split(data)
    utf8: list[str | None] = []
    for raw in lines:
        try:
            utf8.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            utf8.append(None)
    legacy_at = [k for k, line in enumerate(utf8) if line is None]
    legacy = _legacy_encoding([lines[k] for k in legacy_at])
    decoded = [
        line if line is not None else lines[k].decode(legacy, errors="replace")
        for k, line in enumerate(utf8)
    ]
    multibyte = any(line is not None and not line.isascii() for line in utf8)
    label = {"cp1252": "Windows-1252", "mac_roman": "Mac Roman"}[legacy]
    if multibyte:
        numbers = [k + 1 for k in legacy_at]
        shown = ", ".join(map(str, numbers[:20])) + (" ..." if len(numbers) > 20 else "")
        _file_note(
            notes,
            table,
            "mixed_encoding",
            f"{name} mixes UTF-8 with another encoding; file lines {shown} were read as {label}.",
            "Save the file as UTF-8 and check the names on those lines.",
        )
    else:
        _file_note(
            notes,
            table,
            "encoding_guessed",
            f"{name} is not UTF-8; it was read as {label}, the encoding its accented letters "
            "read best in.",
            f"Check the names in the file; pass encoding= if {label} is wrong, or save the file "
            "as UTF-8.",
        )
    return "\n".join(decoded)


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most fields, the same number on each."""
    lines = [line for line in text[:65536].split("\n")[:50] if line.strip()]
    best, best_fields = ",", 1
    with _long_fields():
        for sep in _DELIMITERS:
            try:
                counts = {len(row) for row in csv.reader(lines, delimiter=sep)}
            except csv.Error:
                continue
            if len(counts) == 1 and (fields := counts.pop()) > best_fields:
                best, best_fields = sep, fields
    return best


@contextlib.contextmanager
def _long_fields() -> Iterator[None]:
    """Let :mod:`csv` read fields of any length (its default stops at 131,072 characters)."""
    old = csv.field_size_limit()
    csv.field_size_limit(sys.maxsize)
    try:
        yield
    finally:
        csv.field_size_limit(old)


#: Share of control characters in a file's first 4,096 characters above which it is no text.
BINARY_SHARE = 0.05


def refuse_binary(text: str, *, name: str, table: str) -> None:
    """Refuse text that is mostly control characters: a binary file named like a text file."""
    head = text[:4096]
    controls = sum(1 for ch in head if ord(ch) < 32 and ch not in "\t\n\r")
    if head and controls > BINARY_SHARE * len(head):
        raise unreadable(
            table,
            name,
            "delimited text",
            f"{controls} of its first {len(head)} characters are control characters: it is "
            "not a text file (a spreadsheet or a program's file saved under a text name?)",
        )


def read_delimited(text: str, sep: str, *, table: str, notes: IssueLog) -> pd.DataFrame:
    """The table in delimited ``text``: the first non-blank row is the header, cells are text.

    Rows of the wrong length are ``ragged_row`` errors and left out, except rows whose extra
    fields are all empty, which are trimmed (``trailing_delimiter``, one warning); rows whose
    value swallowed the lines after it through an unclosed quote are ``stray_quote`` errors,
    and so are the lines it swallowed. The index holds each row's number in the file.
    """
    fast = _read_fast(text, sep)
    if fast is None:
        fast = _read_exact(text, sep, table=table, notes=notes)
    if '"' not in text:  # without a quote no value can swallow a line
        return fast
    return _drop_swallowed_rows(fast, sep, table=table, notes=notes)


def _read_fast(text: str, sep: str) -> pd.DataFrame | None:
    """Arrow's parser, when every row has the header's width and no value spans lines."""
    ragged = False

    def on_bad_row(row: object) -> str:
        nonlocal ragged
        ragged = True
        return "skip"

    try:
        parsed = pa_csv.read_csv(
            pa.BufferReader(text.encode("utf-8")),
            read_options=pa_csv.ReadOptions(autogenerate_column_names=True, block_size=1 << 24),
            parse_options=pa_csv.ParseOptions(
                delimiter=sep, invalid_row_handler=on_bad_row, newlines_in_values=False
            ),
            convert_options=pa_csv.ConvertOptions(
                column_types=_all_text(text, sep),
                strings_can_be_null=True,
                quoted_strings_can_be_null=True,
                null_values=[""],
            ),
        )
    except (pa.ArrowInvalid, ValueError):
        return None
    if ragged or parsed.num_rows == 0:
        return None
    header = [column[0].as_py() for column in parsed.columns]
    if any(v is None or not str(v).strip() for v in header):
        return None  # the exact reader names unnamed columns
    body: pd.DataFrame = parsed.slice(1).to_pandas(types_mapper={pa.string(): pd.StringDtype()}.get)
    body.columns = pd.Index([str(v).strip() for v in header], dtype=object)
    body.index = pd.Index(np.arange(1, len(body) + 1), name="_source_row")
    return body


def _all_text(text: str, sep: str) -> dict[str, pa.DataType]:
    """Arrow column types for every field of the first line: all text."""
    first = text.split("\n", 1)[0]
    width = first.count(sep) + 1 + 64  # generous: quoted delimiters make the count low
    return {f"f{k}": pa.string() for k in range(width)}


def _read_exact(text: str, sep: str, *, table: str, notes: IssueLog) -> pd.DataFrame:
    """Row by row with :mod:`csv`: exact row numbers, every odd row reported."""
    with _long_fields():
        try:
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
        except csv.Error as exc:
            raise unreadable(table, "the file", "delimited text", exc) from None
    while rows and not any(cell.strip() for cell in rows[0]):
        rows.pop(0)
    if not rows:
        return pd.DataFrame()
    header, body = rows[0], rows[1:]
    width = len(header)
    kept: list[list[str]] = []
    numbers: list[int] = []
    ragged: list[tuple[int, int]] = []
    trimmed = 0
    number = 0
    for row in body:
        if not row:
            continue  # an empty line: not a row (as in the fast path)
        number += 1
        if len(row) > width and not any(cell.strip() for cell in row[width:]):
            row = row[:width]
            trimmed += 1
        if len(row) == width:
            kept.append(row)
            numbers.append(number)
        elif any(cell.strip() for cell in row):
            ragged.append((number, len(row)))
        else:
            kept.append([*row, *[""] * (width - len(row))])  # a short blank row stays blank
            numbers.append(number)
    if trimmed:
        _file_note(
            notes,
            table,
            "trailing_delimiter",
            f"{trimmed} row(s) end with empty field(s) beyond the header's {width}; the extra "
            "empty field(s) were dropped and every value stayed in its column.",
            "Nothing to do if the export adds a delimiter at the end of each row.",
        )
    if ragged:
        notes.add(
            table,
            pd.DataFrame({"_row": [n for n, _ in ragged]}),
            code="ragged_row",
            field=None,
            value=pd.Series([str(k) for _, k in ragged]),
            message=f"The row has {{value}} fields where the header has {width}; it was left out.",
            fix="Check the row for a stray delimiter or quote, or a missing field.",
        )
    columns = [cell.strip() or f"Unnamed: {k}" for k, cell in enumerate(header)]  # as the fast path
    frame = pd.DataFrame({k: pd.array([r[k] for r in kept], dtype="string") for k in range(width)})
    frame = frame.mask(frame == "")
    frame.columns = pd.Index(columns, dtype=object)
    frame.index = pd.Index(numbers, name="_source_row")
    return frame


def _drop_swallowed_rows(
    frame: pd.DataFrame, sep: str, *, table: str, notes: IssueLog
) -> pd.DataFrame:
    """Leave out, as ``stray_quote`` errors, rows whose value swallowed the lines after it.

    An unclosed quote makes the parser read on, across line breaks, to the next quote: the
    following rows vanish into one value. A value with a line break followed by text holding
    at least as many delimiters as a row has is taken as that; a quoted note that merely spans
    lines is kept. The swallowed lines are rows of the file too: each is reported (as the
    row numbers after the broken row's) and counted as rejected.
    """
    if frame.empty:
        return frame
    swallowed = pd.Series(0, index=frame.index)
    for at in range(frame.shape[1]):
        values = frame.iloc[:, at]
        if not isinstance(values.dtype, pd.StringDtype):
            continue
        broken = values.str.contains("\n", regex=False).fillna(False).astype(bool)
        if broken.any():
            after = values[broken].str.split("\n", n=1).str[1]
            runs_on = (after.str.count(sep) >= len(frame.columns) - 1).fillna(False).astype(bool)
            lines = values[broken][runs_on].str.rstrip("\n").str.count("\n")
            swallowed[lines.index] = np.maximum(swallowed[lines.index], lines.astype(int))
    if not swallowed.any():
        return frame
    shift = swallowed.cumsum() - swallowed  # lines swallowed by earlier rows
    numbers = frame.index.to_numpy() + shift.to_numpy()
    bad = swallowed.to_numpy() > 0
    broken_rows = numbers[bad]
    counts = swallowed.to_numpy()[bad]
    notes.add(
        table,
        pd.DataFrame({"_row": broken_rows}),
        code="stray_quote",
        field=None,
        value=pd.Series([str(n) for n in counts]),
        message="A quote opened in this row is not closed, so the next {value} line(s) of the "
        "file were read into one of its values; the row was left out.",
        fix='Close or remove the stray quote (") in this row, then read the file again.',
    )
    lost = [
        (int(row) + k, int(row))
        for row, n in zip(broken_rows, counts, strict=True)
        for k in range(1, int(n) + 1)
    ]
    notes.add(
        table,
        pd.DataFrame({"_row": [row for row, _ in lost]}),
        code="stray_quote",
        field=None,
        value=pd.Series([str(at) for _, at in lost]),
        message="This line was read into a value of row {value}, whose quote is not closed; "
        "it was left out.",
        fix='Close or remove the stray quote (") in row {value}, then read the file again.',
    )
    kept = frame[~bad]
    kept.index = pd.Index(numbers[~bad], name="_source_row")
    return kept
