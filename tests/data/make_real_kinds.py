"""Write synthetic files shaped like the real public files leadmodel must read (issue 18).

Run from the repository root: ``python tests/data/make_real_kinds.py``. Everything is made up
(no real person, school or post); the shapes follow published files:

``positions/positions.csv``
    a big-city district's position roster: one row per position and incumbent, a
    Filled/Vacant flag, job shares, posts above 1 FTE, hundreds of job titles, central units
    beside the schools, and no reporting lines.
``organogram/organogram.csv``
    a government body's organogram: senior posts with "reports to" ids (``XX`` at the top, a
    post reporting to itself, a case-variant parent id, a job share, a vacancy, a ``Unit``
    column) and junior staff as FTE counts under each senior post.
``counts/campus_counts.csv``
    a state's campus staffing counts: ``.`` for missing, negative codes for masked cells.

The figures the tests check are worked out from the rules below, in ``tests/test_real_kinds.py``.
"""

from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).parent
SCHOOLS = 30  # L001..L030
CENTRAL = ("Central Office - Finance", "Central Office - HR", "Network 1", "Network 2",
           "Citywide Transportation", "Citywide Food Services")  # fmt: skip
SUPPORT_TITLES_PER_SCHOOL = 20
TITLES_PER_CENTRAL_UNIT = 17


def _title(k: int) -> str:
    """The k-th made-up support title (distinct for every k)."""
    families = ("Clerk", "Technician", "Aide", "Coordinator", "Specialist", "Assistant",
                "Analyst", "Officer", "Liaison", "Associate")  # fmt: skip
    return f"{families[k % len(families)]} {k // len(families) + 1:03d}"


def positions() -> list[list[str]]:
    """Per school Lnnn: a principal, two APs (the second vacant in every fifth school), 24
    teacher positions (T01-T24, T23 and T24 vacant, T01 a job share of two incumbents at 0.5
    FTE each), a custodian post of 1.2 FTE, and 20 support posts with titles of their own.
    Per central unit: a director and 17 posts with titles of their own."""
    rows = [["Position Number", "Location Code", "Location Name", "Job Title", "FTE",
             "Filled/Vacant", "Employee ID"]]  # fmt: skip
    title = 0
    for i in range(1, SCHOOLS + 1):
        loc, name = f"L{i:03d}", f"School {i:03d}"

        def post(number: str, job: str, fte: str = "1", filled: bool = True, emp: str = "",
                 loc: str = loc, name: str = name) -> None:  # fmt: skip
            rows.append([f"{loc}-{number}", loc, name, job, fte,
                         "Filled" if filled else "Vacant", emp if filled else ""])  # fmt: skip

        post("P", "Principal", emp=f"E{i:03d}P")
        post("A1", "Assistant Principal", emp=f"E{i:03d}A1")
        post("A2", "Assistant Principal", filled=i % 5 != 0, emp=f"E{i:03d}A2")
        post("T01", "Teacher", fte="0.5", emp=f"E{i:03d}T01a")  # job share: two rows
        post("T01", "Teacher", fte="0.5", emp=f"E{i:03d}T01b")
        for t in range(2, 25):
            post(f"T{t:02d}", "Teacher", filled=t < 23, emp=f"E{i:03d}T{t:02d}")
        post("C1", "Custodian Engineer", fte="1.2", emp=f"E{i:03d}C1")
        for s in range(1, SUPPORT_TITLES_PER_SCHOOL + 1):
            post(f"S{s:02d}", _title(title), emp=f"E{i:03d}S{s:02d}")
            title += 1
    for j, unit in enumerate(CENTRAL, start=1):
        loc = f"C{j:03d}"
        rows.append([f"{loc}-D", loc, unit, "Director", "1", "Filled", f"E{loc}D"])
        for s in range(1, TITLES_PER_CENTRAL_UNIT + 1):
            rows.append([f"{loc}-S{s:02d}", loc, unit, _title(title), "1", "Filled",
                         f"E{loc}S{s:02d}"])  # fmt: skip
            title += 1
    return rows


def organogram() -> list[list[str]]:
    """One body: senior posts S1-S9 with reports-to ids and junior groups under some of them.

    S1 reports to XX (the top); S9 reports to itself (a second top, an advisory post);
    S2, S3 report to S1; S4 reports to 's2' (a case variant of S2: refused, reported);
    S5 is a job share of two people at 0.5; S6 is vacant; S5, S6, S7 report to S2; S8
    reports to S3. Junior groups (no name, FTE only, or a headcount): J1 12.5 FTE under S2,
    J2 3 FTE with headcount 4 under S3, J3 2 FTE under S7. A Unit column (Finance, Policy,
    Office) is an attribute, not a split.
    """
    head = ["Post Unique Reference", "Reports to Senior Post", "Job Title", "Name", "FTE",
            "Headcount", "Unit"]  # fmt: skip
    return [
        head,
        ["S1", "XX", "Permanent Secretary", "A. Ash", "1", "", "Office"],
        ["S2", "S1", "Director, Finance", "B. Birch", "1", "", "Finance"],
        ["S3", "S1", "Director, Policy", "C. Cedar", "1", "", "Policy"],
        ["S4", "s2", "Deputy Director", "D. Dogwood", "1", "", "Finance"],
        ["S5", "S2", "Head of Payroll", "E. Elm", "0.5", "", "Finance"],
        ["S5", "S2", "Head of Payroll", "F. Fir", "0.5", "", "Finance"],
        ["S6", "S2", "Head of Audit", "Vacant", "1", "", "Finance"],
        ["S7", "S2", "Principal", "G. Gum", "1", "", "Finance"],
        ["S8", "S3", "Principal", "H. Hazel", "1", "", "Policy"],
        ["S9", "S9", "Special Adviser", "I. Ivy", "1", "", "Office"],
        ["J1", "S2", "Executive Officer", "", "12.5", "", "Finance"],
        ["J2", "S3", "Policy Officer", "", "3", "4", "Policy"],
        ["J3", "S7", "Administrative Officer", "", "2", "", "Finance"],
    ]


def campus_counts() -> list[list[str]]:
    """Six campuses of two districts; '.' is missing and negative codes are masked counts.

    C1 full; C2 masked admin (-2); C3 no data at all (every count '.'); C4 zero admin (a
    known zero); C5 masked enrollment (-1) only; C6 blank coach count.
    """
    return [
        ["DISTRICT", "CAMPUS", "CAMPNAME", "TEACHER FTE", "ADMIN FTE", "COACH FTE", "ENROLL"],
        ["D1", "C1", "Adams", "54", "2", "1", "570"],
        ["D1", "C2", "Baker", "26", "-2", "0", "360"],
        ["D1", "C3", "Cole", ".", ".", ".", "."],
        ["D2", "C4", "Dunn", "12", "0", "0", "150"],
        ["D2", "C5", "Eads", "30", "3", "1", "-1"],
        ["D2", "C6", "Ford", "40", "2", "", "500"],
    ]


def _write(path: Path, rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def main() -> None:
    _write(HERE / "positions" / "positions.csv", positions())
    _write(HERE / "organogram" / "organogram.csv", organogram())
    _write(HERE / "counts" / "campus_counts.csv", campus_counts())


if __name__ == "__main__":
    main()
