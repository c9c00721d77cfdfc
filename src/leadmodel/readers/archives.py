"""Finding the files of an export made of several: in a folder, or in a zip archive.

:meth:`~leadmodel.readers.files.Intake.bundle` reads them; this module only finds them, by
name and without regard to letter case, and refuses an archive that holds one name twice.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from leadmodel.errors import RosterError
from leadmodel.readers.issues import IssueLog

__all__ = ["files_in_archive", "files_in_folder"]


def files_in_folder(folder: Path, files: Mapping[str, Iterable[str]]) -> dict[str, Path]:
    """For each table, its file in ``folder`` (names compared without letter case)."""
    present = {p.name.casefold(): p for p in sorted(folder.iterdir()) if p.is_file()}
    found = {}
    for table, names in files.items():
        for name in names:
            if name.casefold() in present:
                found[table] = present[name.casefold()]
                break
    return found


def files_in_archive(
    archive: zipfile.ZipFile, files: Mapping[str, Iterable[str]], name: str
) -> dict[str, zipfile.ZipInfo]:
    """For each table, its file in a zip archive, wherever it sits (one copy only)."""
    members: dict[str, list[zipfile.ZipInfo]] = {}
    for info in archive.infolist():
        if not info.is_dir():
            members.setdefault(Path(info.filename).name.casefold(), []).append(info)
    found, log = {}, IssueLog()
    for table, names in files.items():
        for wanted in names:
            copies = members.get(wanted.casefold(), [])
            if len(copies) > 1:
                log.file_error(
                    table,
                    "ambiguous_file",
                    f"{name} holds {len(copies)} files named {wanted} "
                    f"({', '.join(i.filename for i in copies)}); leadmodel cannot tell which one "
                    "to read.",
                    "Give an archive (or a folder) with one export in it.",
                )
            elif copies:
                found[table] = copies[0]
                break
    if not log.is_empty():
        raise RosterError(log.frame())
    return found
