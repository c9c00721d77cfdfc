"""Generate the synthetic strategic plan shipped as the ``district_plan`` sample.

Everything this script writes is SYNTHETIC: a made-up strategic plan for the bundled
``district`` sample (185 schools) in the school year 2024-08-26 to 2025-06-06, with rocks
for the instructional leadership teams (ILTs) of the first 13 schools (D001-D013, the
schools of the ``district_log`` sample, whose ILTs it uses). No real plan is used. It
writes, into ``src/leadmodel/samples/district_plan/``, a folder of CSV files, one per table
of :func:`leadmodel.read_plan`:

``priorities.csv``
    four priorities (a handful: the essay among the seed documents asks for "a small set of
    priorities everyone can rally around" and gives no number);
``initiatives.csv``
    thirty initiatives, each serving a priority, except seven the plan carries besides its
    priorities (legacy programs, compliance tasks: what a strategic-abandonment review looks
    at); one says nothing about whom it lands on, one gives no hours;
``demands.csv``
    what each initiative asks, in hours a month, of a role, a team or the ILT, in every
    school or in the schools of a level, a model or a pilot list;
``rocks.csv``
    45-day rocks of the 13 ILTs and three district rocks, in three cycles (the 45 days of
    the school-improvement guide among the seed documents);
``updates.csv``
    the rocks' dated updates, made at the ILT's weekly meeting (weekly: the same guide),
    up to 2025-02-07: steady rocks, rocks finished late, rocks that stall, rocks reported
    off track and a rock not yet reported on;

and adds the sample's entry to ``catalogue.json`` (keeping every other entry). The hours a
month are assumptions chosen to be plausible (a weekly one-hour ILT meeting is about 4 hours
a month); every random choice comes from ``random.Random(2323)``, so a rerun gives
byte-identical files. Run ``data/make_samples.py`` and ``data/make_log_sample.py`` first
when the district changes, then::

    python data/make_plan_sample.py
"""

from __future__ import annotations

import csv
import json
import random
from datetime import date, timedelta
from pathlib import Path

import leadmodel as lm

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "src" / "leadmodel" / "samples"
OUT = SAMPLES / "district_plan"
ILT_SCHOOLS = [f"D{i:03d}" for i in range(1, 14)]
#: The three 45-day rock cycles of the year (start, end): end = start + 45 days.
CYCLES = [
    (date(2024, 9, 3), date(2024, 10, 18)),
    (date(2024, 10, 28), date(2024, 12, 12)),
    (date(2025, 1, 6), date(2025, 2, 20)),
]
#: The last day an update is recorded: the sample's default date for rocks.
LAST_UPDATE = date(2025, 2, 7)
BREAKS = [(date(2024, 11, 25), date(2024, 11, 29)), (date(2024, 12, 23), date(2025, 1, 3))]

PRIORITIES = [
    ("PR1", "Every teacher developed by one leader with the time to do it"),
    ("PR2", "Early literacy: every student reading on grade level by grade 3"),
    ("PR3", "Grade-level mathematics in every classroom"),
    ("PR4", "Belonging and attendance"),
]

# (id, name, priority, owner_role, start, end); the owner is a district role (text).
INITIATIVES: list[tuple[str, str, str, str, str, str]] = [
    ("IN01", "Team Lead model in the pilot schools", "PR1", "Chief Academic Officer",
     "2024-08-26", ""),
    ("IN02", "Observation and feedback calibration", "PR1", "Director of Leadership Development",
     "2024-08-26", ""),
    ("IN03", "Coaching the coaches", "PR1", "Director of Leadership Development",
     "2024-09-09", ""),
    ("IN04", "Weekly instructional leadership team meetings", "PR1", "Chief Academic Officer",
     "2024-08-26", ""),
    ("IN05", "New-teacher mentoring", "PR1", "Director of Human Resources", "2024-08-26", ""),
    ("IN06", "Team Lead evaluation input", "PR1", "Director of Leadership Development",
     "2024-10-01", ""),
    ("IN07", "Foundational skills curriculum (K-3)", "PR2", "Director of Literacy",
     "2024-08-26", ""),
    ("IN08", "Running-records assessment windows", "PR2", "Director of Literacy",
     "2024-09-16", "2025-05-30"),
    ("IN09", "Literacy walkthroughs", "PR2", "Director of Literacy", "2024-09-03", ""),
    ("IN10", "High-dosage tutoring", "PR2", "Chief Academic Officer", "2024-10-01", ""),
    ("IN11", "Middle-school math curriculum pilot", "PR3", "Director of Mathematics",
     "2024-08-26", ""),
    ("IN12", "Math PLC data protocol", "PR3", "Director of Mathematics", "2024-09-03", ""),
    ("IN13", "Algebra I readiness", "PR3", "Director of Mathematics", "2024-08-26", ""),
    ("IN14", "Math coaching cycles", "PR3", "Director of Mathematics", "2024-09-16", ""),
    ("IN15", "Attendance teams", "PR4", "Director of Student Services", "2024-08-26", ""),
    ("IN16", "Restorative practices training", "PR4", "Director of Student Services",
     "2024-09-03", ""),
    ("IN17", "Family engagement nights", "PR4", "Director of Family Engagement",
     "2024-09-16", ""),
    ("IN18", "Secondary advisory program", "PR4", "Director of Student Services",
     "2024-08-26", ""),
    ("IN19", "Test-preparation software rollout", "", "Chief Technology Officer",
     "2024-08-26", ""),
    ("IN20", "Character education program", "", "Director of Student Services",
     "2024-08-26", ""),
    ("IN21", "Facilities walkthrough checklists", "", "Chief Operations Officer",
     "2024-08-26", ""),
    ("IN22", "Teacher wellness app pilot", "", "Director of Human Resources", "2024-10-14", ""),
    ("IN23", "Grant compliance reporting", "", "Chief Financial Officer", "2024-08-26", ""),
    ("IN24", "Portrait of a Graduate refresh", "", "Chief Academic Officer", "2024-09-03", ""),
    ("IN25", "Blended-learning devices", "", "Chief Technology Officer", "2024-11-04", ""),
    ("IN26", "Monthly data meetings", "PR2", "Director of Assessment", "2024-09-03", ""),
    ("IN27", "Science-of-reading professional development", "PR2", "Director of Literacy",
     "2024-08-26", "2024-12-20"),
    ("IN28", "Summer bridge planning", "PR4", "Director of Student Services",
     "2025-04-01", "2025-06-06"),
    ("IN29", "Instructional rounds", "PR1", "Director of Leadership Development",
     "2024-09-03", "2024-10-31"),
    ("IN30", "Exit-ticket protocol", "PR3", "Director of Assessment", "2024-09-16", ""),
]  # fmt: skip


def schools_where(roster: lm.Roster, **match: str) -> list[str]:
    """School ids whose schools-table columns have the values given."""
    schools = roster.schools
    keep = [True] * len(schools)
    for col, value in match.items():
        keep = [k and v == value for k, v in zip(keep, schools[col], strict=True)]
    return sorted(s for s, k in zip(schools["school_id"], keep, strict=True) if k)


def demands(roster: lm.Roster, rng: random.Random) -> list[list[object]]:
    """Rows (initiative_id, school_id, team_id, role, staff_id, hours_per_month)."""
    elementary = schools_where(roster, level="elementary")
    middle = schools_where(roster, level="middle")
    high = schools_where(roster, level="high")
    pilots = schools_where(roster, model="denver")
    everyone = sorted(roster.schools["school_id"])
    tutoring = sorted(rng.sample(elementary, 20))
    wellness = sorted(rng.sample(everyone, 10))
    devices = sorted(rng.sample(everyone, 8))
    rows: list[list[object]] = []

    def ask(init: str, schools: list[str] | None, role: str, hours: object) -> None:
        for school in schools if schools is not None else [""]:
            rows.append([init, school, "", role, "", hours])

    ask("IN01", pilots, "team_lead", 3)
    ask("IN01", pilots, "principal", 2)
    ask("IN02", None, "principal", 3)
    ask("IN02", None, "assistant_principal", 3)
    ask("IN03", None, "instructional_coach", 6)
    for school in ILT_SCHOOLS:  # the ILT: its lead and its members, a weekly hour
        rows.append(["IN04", school, f"{school}-ILT", "", "", 4])
    ask("IN05", None, "team_lead", 2)
    ask("IN05", None, "chair", 2)
    ask("IN06", pilots, "team_lead", 2)
    ask("IN07", elementary, "teacher", 3)
    ask("IN07", elementary, "instructional_coach", 8)
    ask("IN07", elementary, "principal", 2)
    ask("IN08", elementary, "teacher", 2)
    ask("IN09", elementary, "administrator", 3)
    ask("IN10", tutoring, "specialist", 10)
    ask("IN11", middle, "teacher", 2)
    ask("IN11", middle, "chair", 3)
    ask("IN12", None, "chair", 4)
    ask("IN12", None, "plc_lead", 4)
    ask("IN13", high, "teacher", 1)
    ask("IN14", middle, "instructional_coach", 10)
    ask("IN15", None, "principal", 2)
    ask("IN15", None, "specialist", 4)
    ask("IN16", None, "teacher", 1)
    ask("IN16", None, "assistant_principal", 2)
    ask("IN17", None, "principal", 2)
    ask("IN18", high, "teacher", 1)
    ask("IN19", None, "teacher", 1)
    ask("IN19", None, "principal", 1)
    ask("IN20", elementary, "teacher", 0.5)
    ask("IN21", None, "principal", 2)
    ask("IN21", None, "assistant_principal", 2)
    ask("IN22", wellness, "teacher", 0.5)
    ask("IN23", None, "principal", 3)
    # IN24 (Portrait of a Graduate refresh) says nothing about whom it asks
    ask("IN25", devices, "teacher", "")  # hours not given: unknown
    ask("IN26", None, "principal", 2)
    ask("IN26", None, "instructional_coach", 2)
    ask("IN27", elementary, "teacher", 2)
    ask("IN28", None, "principal", 3)
    ask("IN29", None, "principal", 3)
    ask("IN30", ILT_SCHOOLS, "teacher", 1)
    return rows


# The initiatives each ILT's rocks move, per cycle, and how each rock goes (its pattern).
ROCK_TOPICS = {
    "IN04": "Run the ILT every week with an agenda and notes",
    "IN07": "Every K-3 teacher teaches the new phonics sequence daily",
    "IN09": "Literacy walkthroughs in every classroom, feedback within 48 hours",
    "IN11": "Grade-level tasks in every math class twice a week",
    "IN12": "Every math PLC reviews common assessment data monthly",
    "IN13": "Algebra I readiness checks in every grade 9 section",
    "IN14": "Two math coaching cycles per coach",
    "IN16": "Restorative circles in every advisory",
    "IN19": "Every student logs 30 minutes of test-prep practice a week",
    "IN21": "Facilities checklist completed weekly",
    "IN30": "Exit tickets in every lesson, reviewed in team meetings",
}
PATTERNS = ("steady", "steady", "late_finish", "stalls", "off_track")


def ilt_people(members: lm.TeamMembers, roster: lm.Roster, school: str) -> list[str]:
    """The ILT's lead (the principal) and its members, in id order."""
    table = members.table
    lead = roster.teams.set_index(["school_id", "team_id"]).loc[(school, f"{school}-ILT")]
    ids = table.loc[table["school_id"] == school, "staff_id"].tolist()
    return [str(lead["lead_id"]), *sorted(str(i) for i in ids)]


def rock_rows(
    roster: lm.Roster, members: lm.TeamMembers, rng: random.Random
) -> tuple[list[list[object]], dict[str, str]]:
    """Rows of rocks.csv, and each rock's pattern."""
    levels = dict(zip(roster.schools["school_id"], roster.schools["level"], strict=True))
    rows: list[list[object]] = []
    patterns: dict[str, str] = {}
    for school in ILT_SCHOOLS:
        people = ilt_people(members, roster, school)
        subject = {"elementary": "IN07", "middle": "IN11"}.get(str(levels[school]), "IN13")
        topics = ["IN04", subject, rng.choice(["IN09", "IN12", "IN14", "IN16", "IN30"])]
        if school in ("D004", "D008"):
            topics[2] = "IN19"  # two ILTs carry the test-prep rollout
        if school == "D012":
            topics[2] = "IN21"
        for cycle, (start, end) in enumerate(CYCLES, start=1):
            for k, init in enumerate(topics[: 2 if cycle == 1 else 3], start=1):
                rock = f"{school}-R{cycle}{k}"
                owner = people[(cycle + k) % len(people)]
                rows.append([rock, ROCK_TOPICS[init], owner, school, f"{school}-ILT", init, "",
                             start.isoformat(), end.isoformat()])  # fmt: skip
                patterns[rock] = _pattern(init, cycle, rng)
    district = [
        ("DR1", "Publish the K-3 literacy assessment calendar", "D003-P01", "IN08", 1),
        ("DR2", "Align Team Lead evaluation input with the LEAP rubric", "D001-P01", "IN06", 2),
        ("DR3", "Draft the Portrait of a Graduate competencies", "D009-P01", "IN24", 3),
    ]
    for rock, name, owner, init, cycle in district:
        start, end = CYCLES[cycle - 1]
        rows.append([rock, name, owner, "", "", init, "", start.isoformat(), end.isoformat()])
        patterns[rock] = "steady" if rock != "DR3" else "off_track"
    # a rock begun the week before the last update, not yet reported on
    rows.append(["DR4", "Plan the summer bridge sites", "D007-P01", "", "", "IN28", "PR4",
                 "2025-02-03", "2025-03-19"])  # fmt: skip
    patterns["DR4"] = "unreported"
    return rows, patterns


def _pattern(init: str, cycle: int, rng: random.Random) -> str:
    """How a rock goes: initiatives that are not working stall, then stop moving at all;
    the rest mostly move."""
    if init in ("IN19", "IN21", "IN12") and cycle >= 2:
        return "stalls_early" if cycle == 2 else "flat"
    return rng.choice(PATTERNS)


def ilt_days(start: date, end: date) -> list[date]:
    """The ILT's weekly meetings (Fridays) between two days, breaks left out."""
    day = start + timedelta(days=(4 - start.weekday()) % 7)
    out = []
    while day <= end:
        if not any(a <= day <= b for a, b in BREAKS):
            out.append(day)
        day += timedelta(days=7)
    return out


def update_rows(
    rocks: list[list[object]], patterns: dict[str, str], rng: random.Random
) -> list[list[object]]:
    """Weekly updates of each rock up to :data:`LAST_UPDATE`, following its pattern."""
    rows: list[list[object]] = []
    for rock in rocks:
        rock_id, start, end = (
            str(rock[0]),
            date.fromisoformat(str(rock[7])),
            date.fromisoformat(str(rock[8])),
        )
        days = ilt_days(start, end + timedelta(days=21))  # the schedule the rock was planned on
        pattern = patterns[rock_id]
        if rock_id == "D013-R33" or pattern == "unreported":  # nobody has reported on it
            continue
        made = _updates(rock_id, days, end, pattern, rng)
        rows.extend(u for u in made if date.fromisoformat(str(u[1])) <= LAST_UPDATE)
    return rows


def _updates(
    rock: str, days: list[date], end: date, pattern: str, rng: random.Random
) -> list[list[object]]:
    out: list[list[object]] = []
    share = 0.0
    n_in = sum(d <= end for d in days)
    for k, day in enumerate(days):
        if pattern == "steady":  # done at the last meeting of its window
            if day > end:
                break
            share = min(1.0, round((k + 1) / n_in, 2))
            status = "done" if share >= 1.0 else "on_track"
        elif pattern == "flat":  # reported every week, nothing moves
            share, status = 0.0, "off_track"
        elif pattern == "late_finish":
            share = min(1.0, round((k + 1) / (n_in + 2), 2))
            status = "done" if share >= 1.0 else ("on_track" if day <= end - timedelta(14)
                                                   else "off_track")  # fmt: skip
        elif pattern in ("stalls", "stalls_early"):
            moving = 1 if pattern == "stalls_early" else 3
            if k >= moving + 1:
                break
            share = round(0.1 * min(k + 1, moving), 2)
            status = "on_track" if k < moving else "off_track"
        else:  # off_track: reported every week, barely moving
            share = round(min(0.3, 0.05 * (k // 2 + 1)), 2)
            status = "off_track"
        note = "" if rng.random() < 0.7 else rng.choice(
            ["discussed at ILT", "owner out two days", "data pulled", "next step agreed"]
        )  # fmt: skip
        out.append([rock, day.isoformat(), status, f"{share:.2f}", note])
        if status == "done":
            break
    return out


CATALOGUE_ENTRY = {
    "description": "SYNTHETIC strategic plan for the district sample, school year 2024-08-26 to "
    "2025-06-06: 4 priorities, 30 initiatives (7 serving no priority; one that does not say "
    "whom it lands on, one without hours), 1,260 demands in hours a month on roles, "
    "teams and the ILTs of the 13 schools of the district_log sample, 108 45-day rocks of "
    "those ILTs and the district, in three cycles, with weekly updates up to 2025-02-07 "
    "(steady, finished late, stalled, off track, two never reported). "
    "load_sample('district_plan') gives the district roster with its ILTs (as for "
    "district_log) and the plan read with it and the ILT memberships.",
    "source": "Synthetic, generated by data/make_plan_sample.py (random.Random(2323)); no real "
    "plan. The 45-day rocks for the ILT, the strategic plan with priorities and the strategic "
    "abandonment of initiatives that are not working follow the school-improvement guide "
    "among the project's seed documents, which also asks whether the ILT meets weekly; the "
    "few priorities and initiative fatigue follow the essay on execution among them. The "
    "priorities, initiatives, hours a month and rock patterns are assumptions.",
}


def write_csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main() -> None:
    log = lm.load_sample("district_log")
    roster, members = log.roster, log.members
    rng = random.Random(2323)
    OUT.mkdir(parents=True, exist_ok=True)
    write_csv(OUT / "priorities.csv", ["priority_id", "name"], [list(p) for p in PRIORITIES])
    write_csv(
        OUT / "initiatives.csv",
        ["initiative_id", "name", "priority_id", "owner_role", "start_date", "end_date"],
        [list(i) for i in INITIATIVES],
    )
    asked = demands(roster, rng)
    write_csv(
        OUT / "demands.csv",
        ["initiative_id", "school_id", "team_id", "role", "staff_id", "hours_per_month"],
        asked,
    )
    rocks, patterns = rock_rows(roster, members, rng)
    write_csv(
        OUT / "rocks.csv",
        ["rock_id", "name", "owner_id", "school_id", "team_id", "initiative_id", "priority_id",
         "start_date", "end_date"],
        rocks,
    )  # fmt: skip
    updates = update_rows(rocks, patterns, rng)
    write_csv(OUT / "updates.csv", ["rock_id", "date", "status", "progress", "note"], updates)
    catalogue_path = SAMPLES / "catalogue.json"
    catalogue = json.loads(catalogue_path.read_text(encoding="utf-8"))
    catalogue["district_plan"] = CATALOGUE_ENTRY
    catalogue_path.write_text(
        json.dumps(catalogue, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(
        f"district_plan: {len(PRIORITIES)} priorities, {len(INITIATIVES)} initiatives, "
        f"{len(asked)} demands, {len(rocks)} rocks, {len(updates)} updates"
    )


if __name__ == "__main__":
    main()
