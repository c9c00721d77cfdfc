"""Finding the files of an export made of several: in a folder, or in a zip archive.

:meth:`~leadmodel.readers.files.Intake.bundle` reads them; this module only finds them, by
name and without regard to letter case. A table may have several names (``staff.csv``,
``staff.parquet``); when more than one file answers to a table (two names, or in an archive one
name in two folders), which to read cannot be told, and the export is refused with an
``ambiguous_file`` error rather than one of them read in silence.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TypeVar

from leadmodel.errors import RosterError
from leadmodel.readers.issues import IssueLog

__all__ = ["files_in_archive", "files_in_folder"]

File = TypeVar("File", Path, zipfile.ZipInfo)


def files_in_folder(
    folder: Path, files: Mapping[str, Iterable[str]], *, what: str = "roster"
) -> dict[str, Path]:
    """For each table, its file in ``folder`` (names compared without letter case). A
    sub-folder named as a table's file is found only when no file answers to that table, for
    the reader to refuse by name (``NotAFileError``).

    Raises
    ------
    RosterError
        When two files answer to one table (``ambiguous_file``; ``what`` names the input).
    """
    present: dict[str, list[Path]] = {}
    others: dict[str, list[Path]] = {}
    for path in sorted(folder.iterdir()):
        (present if path.is_file() else others).setdefault(path.name.casefold(), []).append(path)
    holder = f"The folder {folder.resolve().name or folder}"
    found = _one_each(present, files, holder, lambda p: p.name, what)
    for table, names in files.items():
        folders = [d for name in names for d in others.get(name.casefold(), [])]
        if table not in found and folders:
            found[table] = folders[0]
    return found


def files_in_archive(
    archive: zipfile.ZipFile,
    files: Mapping[str, Iterable[str]],
    name: str,
    *,
    what: str = "roster",
) -> dict[str, zipfile.ZipInfo]:
    """For each table, its file in a zip archive, wherever it sits (one copy only).

    Raises
    ------
    RosterError
        When two files answer to one table (``ambiguous_file``; ``what`` names the input).
    """
    members: dict[str, list[zipfile.ZipInfo]] = {}
    for info in archive.infolist():
        if not info.is_dir():
            members.setdefault(Path(info.filename).name.casefold(), []).append(info)
    return _one_each(members, files, f"The archive {name}", lambda i: i.filename, what)


def _one_each(
    present: Mapping[str, list[File]],
    files: Mapping[str, Iterable[str]],
    holder: str,
    label: Callable[[File], str],
    what: str,
) -> dict[str, File]:
    """Each table's one file among ``present`` (by case-folded name), or an
    ``ambiguous_file`` error for each table that several files answer to."""
    found: dict[str, File] = {}
    log = IssueLog()
    for table, names in files.items():
        copies = [f for wanted in names for f in present.get(wanted.casefold(), [])]
        if len(copies) > 1:
            log.file_error(
                table,
                "ambiguous_file",
                f"{holder} holds {len(copies)} files for the {table} table "
                f"({', '.join(label(f) for f in copies)}); leadmodel cannot tell which one "
                "to read.",
                "Keep one file per table: one export in the folder or archive, in one format.",
            )
        elif copies:
            found[table] = copies[0]
    if not log.is_empty():
        raise RosterError(log.frame(), what=what)
    return found
