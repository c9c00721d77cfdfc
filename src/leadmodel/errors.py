"""The exception hierarchy of leadmodel.

Every error the library raises on purpose derives from :class:`LeadModelError`.
Problems in a user's *data* (a roster file, a survey) raise :class:`RosterError`,
which carries every problem found as a table; problems in a *definition* (a
preset, a rule, a role map, a parameter) raise :class:`DefinitionError`; an input path
that does not exist raises :class:`MissingFileError`, a folder where a file is expected
:class:`NotAFileError`.

Examples
--------
>>> from leadmodel.errors import LeadModelError, RosterError
>>> issubclass(RosterError, LeadModelError)
True
"""

from __future__ import annotations

import errno
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "BudgetError",
    "DefinitionError",
    "LeadModelError",
    "LeadModelWarning",
    "MissingFileError",
    "NotAFileError",
    "OutputWarning",
    "PathError",
    "RosterError",
]


class LeadModelError(Exception):
    """Base class of every error raised on purpose by leadmodel."""


class DefinitionError(LeadModelError, ValueError):
    """A definition is malformed: a preset, rule, role map, column map or parameter.

    Raised for mistakes in what the analyst *configured*, as opposed to
    :class:`RosterError`, raised for problems in the *data*.
    """


class PathError(LeadModelError, OSError):
    """An input path that cannot be read as given: the library's own error and an ``OSError``
    (``filename`` is the path as given), so code that catches ``OSError`` keeps working."""

    code: ClassVar[int] = 0
    reason: ClassVar[str] = ""

    def __init__(self, path: str) -> None:
        super().__init__(self.code, self.reason, path)

    def __reduce__(self) -> tuple[type[PathError], tuple[str]]:
        return (type(self), (self.filename,))  # pickles (to another process) as it was made


class MissingFileError(PathError, FileNotFoundError):
    """An input file or folder that does not exist (also a ``FileNotFoundError``).

    Examples
    --------
    >>> import leadmodel as lm
    >>> try:
    ...     lm.read_roster("no_such_folder/staff.csv")
    ... except lm.MissingFileError as exc:
    ...     print(exc.filename)
    no_such_folder/staff.csv
    """

    code = errno.ENOENT
    reason = "No such file or directory"


class NotAFileError(PathError, IsADirectoryError):
    """A folder given where a file is expected (also an ``IsADirectoryError``).

    Examples
    --------
    >>> import pathlib, tempfile, leadmodel as lm
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     survey = pathlib.Path(folder, "survey.csv")
    ...     survey.mkdir()
    ...     try:
    ...         lm.read_survey(survey)
    ...     except lm.NotAFileError as exc:
    ...         print(exc.strerror)
    Is a directory, not a file
    """

    code = errno.EISDIR
    reason = "Is a directory, not a file"


class RosterError(LeadModelError, ValueError):
    """A roster (or another data file) has problems; ``.issues`` lists all of them.

    Parameters
    ----------
    issues
        The issues table: one row per problem, with the columns documented in
        ``docs/glossary.md`` (``table``, ``row``, ``staff_id``, ``field``,
        ``value``, ``code``, ``severity``, ``message``, ``fix``).
    what
        What the input is (``"roster"``, ``"survey"``, ``"activity log"``...), for the message.
    """

    def __init__(self, issues: pd.DataFrame, *, what: str = "roster") -> None:
        self.issues = issues
        self.what = what
        super().__init__(self._summary())

    def _summary(self, limit: int = 10) -> str:
        import pandas as pd

        errors = self.issues[self.issues["severity"] == "error"]
        counts = errors["code"].value_counts().sort_index()
        head = ", ".join(f"{code} x{n}" for code, n in counts.items())
        lines = [f"{len(errors)} problem(s) in the {self.what} ({head}):"]
        for rec in errors.head(limit).itertuples(index=False):
            row = rec.row
            where = f"{rec.table} row {row!s}" if row is not pd.NA else str(rec.table)
            lines.append(f"  - [{rec.code}] {where}: {rec.message} Fix: {rec.fix}")
        if len(errors) > limit:
            lines.append(f"  ... and {len(errors) - limit} more: see the .issues table.")
        return "\n".join(lines)


class BudgetError(LeadModelError):
    """No plan funds a redesign from the same budget; ``.gaps`` says by how much, and why.

    Parameters
    ----------
    message
        What was tried and what is missing.
    gaps
        One row per school (or per group of schools) that cannot be funded: the
        smallest gap left over every plan tried, and the plan that came closest.
    """

    def __init__(self, message: str, gaps: pd.DataFrame) -> None:
        self.gaps = gaps
        super().__init__(message)


class LeadModelWarning(UserWarning):
    """Base class of every warning leadmodel issues on purpose."""


class OutputWarning(LeadModelWarning):
    """A writer had to change what it wrote: the message says which cells, where and why.

    Issued for characters a file format cannot hold (replaced), text longer than a
    spreadsheet cell holds (cut), and CSV text that a spreadsheet would run as a
    formula (quoted). The file is written; the warning is the record of every change.
    """
