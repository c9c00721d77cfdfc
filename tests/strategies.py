"""Hypothesis strategies that generate valid rosters (as raw tables)."""

from __future__ import annotations

import pandas as pd
from hypothesis import strategies as st

from leadmodel import Roster
from leadmodel.readers.roster_checks import validate_tables

RELATIONS = ["supervises", "evaluates", "evaluation_input", "coaches", "develops", "facilitates"]
# Text without surrounding whitespace or control characters (the reader strips whitespace).
text = (
    st.text(
        alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]),
        min_size=1,
        max_size=8,
    )
    .map(str.strip)
    .filter(bool)
)


@st.composite
def rosters(draw: st.DrawFn, *, typed_extras: bool = False) -> Roster:
    """A valid roster of 1-3 schools with links, teams and extra columns."""
    staff, links, schools = [], [], []
    n_schools = draw(st.integers(1, 3))
    for s in range(n_schools):
        sid = f"S{s}"
        schools.append(
            {
                "school_id": sid,
                "name": draw(st.none() | text),
                "level": draw(st.sampled_from(["elementary", "middle", "high", None])),
                "enrollment": draw(st.none() | st.integers(0, 3000)),
            }
        )
        admins = [f"{sid}-P"] + [f"{sid}-A{i}" for i in range(draw(st.integers(0, 2)))]
        teachers = [f"{sid}-T{i}" for i in range(draw(st.integers(1, 8)))]
        for ap in admins[1:]:
            if draw(st.booleans()):
                links.append({"leader_id": admins[0], "staff_id": ap, "relation": "supervises"})
        for i, pid in enumerate(admins):
            staff.append(
                {
                    "staff_id": pid,
                    "school_id": sid,
                    "role": "principal" if i == 0 else "assistant_principal",
                }
            )
        for tid in teachers:
            staff.append(
                {
                    "staff_id": tid,
                    "school_id": sid,
                    "role": draw(st.sampled_from(["teacher", "team_lead"])),
                    "grade": draw(st.none() | st.sampled_from(["K", "1", "2", "3"])),
                    "release_fte": draw(
                        st.none() | st.floats(0, 1, allow_nan=False).map(lambda x: round(x, 3))
                    ),
                    "fte": draw(st.sampled_from([1.0, 0.5, 0.8])),
                }
            )
            leader = draw(st.sampled_from(admins))
            links.append({"leader_id": leader, "staff_id": tid, "relation": "evaluates"})
            if draw(st.booleans()):
                links.append({"leader_id": leader, "staff_id": tid, "relation": "supervises"})
            for rel in draw(st.sets(st.sampled_from(RELATIONS[2:]), max_size=2)):
                other = draw(st.sampled_from(admins + [t for t in teachers if t != tid]))
                links.append({"leader_id": other, "staff_id": tid, "relation": rel})
    frame = pd.DataFrame(staff)
    n = len(frame)
    frame["Badge Code"] = draw(st.lists(st.none() | text, min_size=n, max_size=n))
    if typed_extras:
        frame["Years"] = pd.array(
            draw(st.lists(st.none() | st.integers(0, 40), min_size=n, max_size=n)), dtype="Int64"
        )
        frame["Score"] = pd.array(
            draw(
                st.lists(
                    st.none() | st.floats(0, 5, allow_nan=False).map(lambda x: round(x, 2)),
                    min_size=n,
                    max_size=n,
                )
            ),
            dtype="Float64",
        )
    return validate_tables(frame, links=pd.DataFrame(links), schools=pd.DataFrame(schools))
