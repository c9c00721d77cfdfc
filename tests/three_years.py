"""A small district over three snapshots, for hand-worked figures (position files).

Two schools. ``N`` (north) has a principal (position ``P-N1``), an AP (``A-N1``) and
teachers ``T-N1`` to ``T-N4`` (``T-N5`` opens in 2014); ``S`` (south) a principal (``P-S1``)
and teachers ``T-S1`` to ``T-S3``. People are employees ``E1`` ... ``E13``.

2013-08-19
    N: P-N1 (E1) develops, evaluates and supervises T-N1 (E3), T-N2 (E4) and A-N1 (E2); A-N1
    (E2) develops, evaluates and supervises T-N3 (E5), T-N4 (E6).
    S: P-S1 (E7) develops, evaluates and supervises T-S1 (E8), T-S2 (E9), T-S3 (E10).
2014-08-18
    N: E3 becomes a Team Lead in T-N1 and develops T-N2 (E4), whom P-N1 still evaluates;
    E6 left, T-N4 is held by a new hire E11; E9 moved from S into the new position T-N5,
    which A-N1 develops and evaluates.
    S: T-S2 is vacant (its links to P-S1 kept, as position files keep them).
2015-08-17
    N: E2 left; A-N1 is held by a new AP, E12.
    S: E7 left; P-S1 is vacant; T-S2 is filled by E13.
"""

from __future__ import annotations

import pandas as pd

import leadmodel as lm

DATES = ("2013-08-19", "2014-08-18", "2015-08-17")

#: position -> (school, role, person, name, developer/evaluator/supervisor position), per year
_BASE = {
    "P-N1": ("N", "principal", "E1", "Ada Quill", None),
    "A-N1": ("N", "assistant_principal", "E2", "Bea Rowan", "P-N1"),
    "T-N1": ("N", "teacher", "E3", "Cal Stone", "P-N1"),
    "T-N2": ("N", "teacher", "E4", "Dee Marsh", "P-N1"),
    "T-N3": ("N", "teacher", "E5", "Eli Fenn", "A-N1"),
    "T-N4": ("N", "teacher", "E6", "Fay Holt", "A-N1"),
    "P-S1": ("S", "principal", "E7", "Gus Vale", None),
    "T-S1": ("S", "teacher", "E8", "Hal Brook", "P-S1"),
    "T-S2": ("S", "teacher", "E9", "Ida Moss", "P-S1"),
    "T-S3": ("S", "teacher", "E10", "Jo Reed", "P-S1"),
}


def _year(rows: dict[str, tuple[str, str, str | None, str | None, str | None]]) -> pd.DataFrame:
    frame = pd.DataFrame(
        [
            {
                "staff_id": position,
                "school_id": school,
                "role": role,
                "person_id": person,
                "name": name,
                "vacant": person is None,
                "supervisor_id": leader,
                "evaluator_id": leader,
                "developer_id": leader,
            }
            for position, (school, role, person, name, leader) in rows.items()
        ]
    )
    return frame


def staff(year: str) -> pd.DataFrame:
    """The staff table (with link columns) of one snapshot."""
    rows = dict(_BASE)
    if year >= DATES[1]:
        rows["T-N1"] = ("N", "team_lead", "E3", "Cal Stone", "P-N1")
        rows["T-N4"] = ("N", "teacher", "E11", "Kit Lane", "A-N1")
        rows["T-N5"] = ("N", "teacher", "E9", "Ida Moss", "A-N1")
        rows["T-S2"] = ("S", "teacher", None, None, "P-S1")
    if year >= DATES[2]:
        rows["A-N1"] = ("N", "assistant_principal", "E12", "Lou Pike", "P-N1")
        rows["P-S1"] = ("S", "principal", None, None, None)
        rows["T-S2"] = ("S", "teacher", "E13", "Max Dunn", "P-S1")
    frame = _year(rows)
    if year >= DATES[1]:  # the Team Lead develops T-N2; P-N1 still evaluates and supervises
        frame.loc[frame["staff_id"] == "T-N2", "developer_id"] = "T-N1"
        frame["release_fte"] = frame["role"].map({"team_lead": 0.5})
    return frame


def schools() -> pd.DataFrame:
    return pd.DataFrame({"school_id": ["N", "S"], "name": ["North Elementary", "South Elementary"]})


def roster(year: str) -> lm.Roster:
    return lm.read_roster(staff(year), schools=schools())


def series() -> lm.RosterSeries:
    return lm.read_rosters({day: roster(day) for day in DATES})
