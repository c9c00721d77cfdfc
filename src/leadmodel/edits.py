"""Pure edits of a roster: add or remove people, change a role, links or release time.

Every function returns a new, re-validated :class:`~leadmodel.Roster` and never
modifies its input; :mod:`leadmodel.scenarios` builds redesigns from them.

Examples
--------
>>> import leadmodel as lm
>>> r = lm.with_release_time(lm.load_sample("green_dot"), 0.3, role="chair")
>>> r.staff.loc[r.staff["role"] == "chair", "release_fte"].unique().tolist()
[0.3]
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Mapping

import pandas as pd

from leadmodel.errors import DefinitionError
from leadmodel.readers.roster_checks import validate_tables
from leadmodel.roster import Roster, checked_table, row_keys

__all__ = ["with_links", "with_release_time", "with_role", "with_staff"]


def _rebuild(roster: Roster, **tables: pd.DataFrame) -> Roster:
    """Validate edited tables into a new roster (strict: an edit must leave a valid roster)."""
    t = {
        name: tables.get(name, getattr(roster, name))
        for name in ("staff", "links", "teams", "schools")
    }
    return validate_tables(
        t["staff"],
        links=t["links"],
        teams=t["teams"],
        schools=t["schools"],
        source={**roster.source, "name": "scenario"},
    )


def _known_ids(staff: pd.DataFrame, ids: Iterable[object], what: str) -> set[str]:
    """``ids`` as a set of staff ids, every one on the staff; else a DefinitionError."""
    given = {str(i) for i in ids}
    unknown = sorted(given - set(staff["staff_id"].astype(str)))
    if unknown:
        raise DefinitionError(
            f"{what} names staff ids the roster does not have: {', '.join(unknown)}."
        )
    return given


def with_staff(
    roster: Roster,
    *,
    add: pd.DataFrame | None = None,
    remove: Iterable[str] | pd.DataFrame | None = None,
) -> Roster:
    """Add staff rows and/or remove people; links to removed people go with them.

    ``remove`` is staff ids (every school; one id alone is one id) or a frame of
    ``school_id``, ``staff_id``; an id not on the staff is an error, not a no-op.

    >>> import pandas as pd, leadmodel as lm
    >>> r = lm.load_sample("green_dot")
    >>> new_ap = pd.DataFrame({"staff_id": ["GD-A03"], "school_id": ["S-GD"],
    ...                        "role": ["assistant_principal"]})
    >>> len(lm.with_staff(r, add=new_ap).staff) - len(r.staff)
    1
    """
    staff, links, teams = roster.staff, roster.links, roster.teams
    if remove is not None:
        if isinstance(remove, pd.DataFrame):
            frame = checked_table(remove, ["school_id", "staff_id"], "remove=")
            _known_ids(staff, frame["staff_id"], "remove=")
            gone = row_keys(frame.astype("string"), ["school_id", "staff_id"])
        else:
            ids = _known_ids(staff, [remove] if isinstance(remove, str) else remove, "remove=")
            gone = row_keys(staff[staff["staff_id"].isin(ids)], ["school_id", "staff_id"])
        staff = staff[~row_keys(staff, ["school_id", "staff_id"]).isin(gone)]
        links = links[
            ~row_keys(links, ["school_id", "leader_id"]).isin(gone)
            & ~row_keys(links, ["school_id", "staff_id"]).isin(gone)
        ]
        lead_gone = row_keys(teams, ["school_id", "lead_id"]).isin(gone)
        teams = teams.assign(lead_id=teams["lead_id"].mask(lead_gone))
    if add is not None:
        staff = pd.concat(
            [staff, checked_table(add, ["staff_id", "school_id"], "add=")], ignore_index=True
        )
    return _rebuild(roster, staff=staff, links=links, teams=teams)


def with_role(
    roster: Roster,
    staff_id: str,
    role: str,
    *,
    school_id: str | None = None,
    release_fte: float | None = None,
    release_purpose: str | None = None,
) -> Roster:
    """Give a person a new role (in one school, or every school they work in), with release.

    >>> import leadmodel as lm
    >>> r = lm.with_role(lm.load_sample("traditional_elementary"), "TRAD-T004", "team_lead",
    ...                  release_fte=0.5)
    >>> lead = r.staff.set_index("staff_id").loc["TRAD-T004"]
    >>> lead["role"], float(lead["release_fte"])
    ('team_lead', 0.5)
    """
    staff = roster.staff.copy()
    mask = staff["staff_id"] == staff_id
    if school_id is not None:
        mask &= staff["school_id"] == school_id
    if not mask.any():
        raise DefinitionError(f"No staff member {staff_id!r} to change.")
    staff.loc[mask, "role"] = role
    if release_fte is not None:
        staff.loc[mask, "release_fte"] = release_fte
    if release_purpose is not None:
        staff.loc[mask, "release_purpose"] = release_purpose
    return _rebuild(roster, staff=staff)


def with_links(roster: Roster, links: pd.DataFrame, *, replace: bool = True) -> Roster:
    """Add links; with ``replace``, a new link replaces the person's links of that relation
    (in the link's school when it names one, else in every school).

    ``links`` has ``leader_id``, ``staff_id``, ``relation`` (and optionally ``school_id``).
    """
    links = checked_table(links, ["leader_id", "staff_id", "relation"], "links")
    current = roster.links
    if replace:
        pairs = (
            ["school_id", "staff_id", "relation"]
            if "school_id" in links
            else ["staff_id", "relation"]
        )
        targets = links[pairs].astype("string").drop_duplicates()
        current = current[~row_keys(current, pairs).isin(row_keys(targets, pairs))]
    return _rebuild(roster, links=pd.concat([current, links], ignore_index=True))


def with_release_time(
    roster: Roster, release: float | Mapping[str, float], *, role: str | None = None
) -> Roster:
    """Set release time: one share for every holder of ``role``, or ``{staff_id: share}``."""
    staff = roster.staff.copy()
    shares: list[object] = list(release.values()) if isinstance(release, Mapping) else [release]
    wrong = [v for v in shares if isinstance(v, bool) or not isinstance(v, numbers.Real)]
    if wrong:
        raise DefinitionError(f"A release share is a number (0.5), not {wrong[0]!r}.")
    if isinstance(release, Mapping):
        _known_ids(staff, release, "release")
        for sid, share in release.items():
            staff.loc[staff["staff_id"] == sid, "release_fte"] = share
    else:
        if role is None:
            raise DefinitionError("Give role= when setting one release share for many people.")
        holders = staff["role"] == role
        if not holders.any():
            raise DefinitionError(f"Nobody on the roster has the role {role!r}.")
        staff.loc[holders, "release_fte"] = release
    return _rebuild(roster, staff=staff)
