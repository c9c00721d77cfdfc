"""Definitions kept in files: column and role maps, and leadership models.

Data comes in through the readers of :mod:`leadmodel.readers`; so do the definitions an
analyst writes by hand, as JSON or YAML: the maps that say how a district's files name their
columns and titles (:func:`read_maps`), and leadership models (:func:`read_model`). A file that
cannot be read, is not UTF-8, or is not valid JSON or YAML is a :class:`DefinitionError` that
says where.

Column and role maps

A district's HR export names its columns and job titles its own way; a maps file says
once how they map onto leadmodel's, as JSON or YAML::

    column_map:
      Employee Number: staff_id
      Location Code: school_id
      Job Title: title
    role_map:
      Instructional Facilitator: instructional_coach

:func:`read_maps` reads it, checks its shape and gives both maps, ready for
:func:`~leadmodel.read_roster` (``lm.read_roster(path, **lm.read_maps("maps.yaml"))``).
Whether each target is a known column or role is checked by ``read_roster`` itself.

Examples
--------
>>> import leadmodel as lm
>>> maps = lm.read_maps(lm.sample_path("hr_export") / "maps.json")
>>> sorted(maps), maps["column_map"]["Employee Number"]
(['column_map', 'role_map'], 'staff_id')
>>> roster = lm.read_roster(lm.sample_path("hr_export") / "hr_export.csv", **maps)
>>> len(roster.schools)
3
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from leadmodel.errors import DefinitionError
from leadmodel.models import LeadershipModel
from leadmodel.presets.leadership import model_from_dict

__all__ = ["MAP_NAMES", "read_maps", "read_model"]

#: The maps a maps file may hold.
MAP_NAMES = ("column_map", "role_map")
_EXAMPLE = 'e.g. {"column_map": {"Emp No": "staff_id"}, "role_map": {"AP": "assistant_principal"}}'


def read_maps(path: str | Path) -> dict[str, dict[str, str]]:
    """Read a column map and a role map from one JSON or YAML file.

    Parameters
    ----------
    path
        ``*.json``, ``*.yaml`` or ``*.yml``, UTF-8 text (a byte-order mark is fine),
        holding an object with ``column_map`` and/or ``role_map``, each mapping the
        file's names to leadmodel's.

    Returns
    -------
    dict
        ``{"column_map": {...}, "role_map": {...}}``, a map the file leaves out empty;
        keys the file writes as numbers (a YAML column ``2024:``) become text.

    Raises
    ------
    DefinitionError
        For a file that cannot be read, is not UTF-8, is not valid JSON or YAML, or
        does not hold the two maps as text-to-text objects; the message says where.
    """
    target = Path(path)
    data = _parse(target, _text(target))
    if not isinstance(data, dict) or not data or not set(data) <= set(MAP_NAMES):
        raise DefinitionError(
            f"{target.name} must hold an object with 'column_map' and/or 'role_map', {_EXAMPLE}."
        )
    return {name: _mapping(target, name, data.get(name) or {}) for name in MAP_NAMES}


def read_model(path: str | Path) -> LeadershipModel:
    """Read a leadership model from a JSON or YAML file (as :func:`~leadmodel.write_model`
    writes it).

    Raises
    ------
    DefinitionError
        For a file that cannot be read, is not UTF-8, is not valid JSON or YAML, or does not
        hold a valid model; the message names each malformed part.
    """
    target = Path(path)
    data = _parse(target, _text(target, "leadership model"))
    if not isinstance(data, dict):
        raise DefinitionError(f"{target.name} does not hold a leadership model (a mapping).")
    return model_from_dict(data)


def _text(path: Path, what: str = "maps") -> str:
    if path.suffix.lower() not in (".json", ".yaml", ".yml"):
        raise DefinitionError(f"Cannot read {what} from {path.name!r}: name it *.json or *.yaml.")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DefinitionError(f"Cannot read the {what} file {path}: {exc.strerror}.") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DefinitionError(
            f"{path.name} is not UTF-8 text (byte 0x{data[exc.start]:02X} on line {line}, "
            "perhaps Latin-1 or Windows-1252): save it as UTF-8 and try again."
        ) from None


def _parse(path: Path, text: str) -> Any:
    try:
        if path.suffix.lower() == ".json":
            return json.loads(text)
        return yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise DefinitionError(f"{path.name} is not valid JSON ({where}: {exc.msg}).") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise DefinitionError(f"{path.name} is not valid YAML{where}: {problem}.") from None


def _mapping(path: Path, name: str, value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        raise DefinitionError(
            f"{path.name}: {name} must be an object of names, {_EXAMPLE}; it is a "
            f"{type(value).__name__}."
        )
    bad = [f"{k!r}: {v!r}" for k, v in value.items() if not isinstance(v, str) or k is None]
    if bad:
        raise DefinitionError(
            f"{path.name}: every entry of {name} maps a name to a name (text); not "
            f"{', '.join(bad[:5])}."
        )
    return {str(k): v for k, v in value.items()}
