"""Files written in one piece: a failed write leaves the file that was there as it was.

A writer writes to a temporary file beside the target and renames it over the target
(:func:`atomic_file`, :func:`atomic_text`); a rename within one folder is atomic, so a
reader sees the old file or the new one, never half of one. :func:`default_mode` gives
what ``tempfile`` made the permissions an ordinary ``open`` would have given it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

__all__ = ["atomic_file", "atomic_text", "default_mode"]


def atomic_file(target: Path, write: Callable[[Path], object]) -> Path:
    """Write ``target`` through ``write(temporary path)`` and rename it into place.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> atomic_file(path, lambda p: p.write_text("one")).read_text()
    'one'
    >>> def fails(p):
    ...     p.write_text("half")
    ...     raise ValueError("stopped")
    >>> atomic_file(path, fails)
    Traceback (most recent call last):
    ...
    ValueError: stopped
    >>> path.read_text(), sorted(q.name for q in path.parent.iterdir())
    ('one', ['a.txt'])
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=target.suffix, dir=target.parent
    )
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        default_mode(temporary)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return target


def atomic_text(target: Path, text: str) -> Path:
    """Write UTF-8 text with ``\\n`` line ends to ``target`` in one piece."""
    return atomic_file(target, lambda p: p.write_text(text, encoding="utf-8", newline="\n"))


def default_mode(path: Path) -> None:
    """Give a file (or folder) made by ``tempfile`` the mode a plain ``open`` would give it
    (``tempfile`` makes them readable by their owner only)."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, (0o777 if path.is_dir() else 0o666) & ~mask)
