"""Generate the synthetic sample rosters shipped in ``src/leadmodel/samples/``.

Everything this script writes is SYNTHETIC. The school structures follow the
reference schools described in the research behind leadmodel (Bain & Company /
Bridgespan "Transforming Schools" report; see ``catalogue.json`` for the exact
source of each sample's numbers), but every person, name, id, salary, hire date
and school name is invented. No real person's data is used.

The rosters are built with leadmodel's own pydantic models (``School``,
``StaffMember``, ``Link``, ``Team``, ``ReleaseTime``), validated by
``roster_from_schools`` and written with
``leadmodel.write_roster`` as CSV directories. The one exception is
``hr_export``, a raw HR file (no link columns) that shows how
``read_roster(column_map=..., role_map=...)`` is used.

The output is deterministic: every random choice comes from a
``random.Random`` with a fixed seed, so rerunning gives byte-identical files.

Rerun from the repository root::

    python data/make_samples.py

(any Python environment with leadmodel installed works; paths are resolved
relative to this file). ``data/samples`` is a symlink to the output directory.
"""

from __future__ import annotations

import csv
import json
import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path
from typing import Any, TypedDict

from leadmodel import (
    District,
    Link,
    ReleaseTime,
    School,
    StaffMember,
    Team,
    roster_from_schools,
    write_roster,
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "src" / "leadmodel" / "samples"

DISTRICT_ID = "SD"
DISTRICT_NAME = "Sample District"

REPORT = (
    "Bain & Company / The Bridgespan Group, 'Transforming Schools: How distributed leadership "
    "can create more high-performing schools' (research with 12 school systems, survey of "
    "4,200+ teachers, APs and principals)"
)

# ------------------------------ invented names

#: Invented given names and surnames; their combinations are obviously fictional.
# fmt: off
FIRST_NAMES: tuple[str, ...] = (
    "Avro", "Bexa", "Calo", "Dorvi", "Elvo", "Firra", "Gelo", "Hesa", "Ivra", "Jolo", "Kemra",
    "Luvo", "Mirsa", "Nolo", "Orva", "Pemo", "Quira", "Rilo", "Sefa", "Tovo", "Ulvi", "Vexa",
    "Wilo", "Yena", "Zato", "Brenno", "Casli", "Dafra", "Fennic", "Gralo",
)
LAST_NAMES: tuple[str, ...] = (
    "Quillbrook", "Ambermoss", "Thistlevane", "Brackenfell", "Copperwick", "Dunmarrow",
    "Emberlane", "Fernhollow", "Glimmerstone", "Hazelbury", "Inkwater", "Juniperley",
    "Kettleburn", "Larkspurrow", "Mossgrove", "Nettlecombe", "Oakhallow", "Pebblecroft",
    "Quarrydale", "Rushmere", "Sorrelby", "Tanglefern", "Umberfield", "Vetchley", "Willowmere",
    "Yarrowdale", "Zephyrhill",
)
# fmt: on
PLACE_FEATURES: tuple[str, ...] = (
    "Park",
    "Ridge",
    "Valley",
    "Heights",
    "Meadow",
    "Crossing",
    "Grove",
)


class NameMaker:
    """Hands out unique invented "First Last" names in a seeded order."""

    def __init__(self, seed: int) -> None:
        pairs = list(product(FIRST_NAMES, LAST_NAMES))
        random.Random(seed).shuffle(pairs)
        self._pairs = iter(pairs)

    def next(self) -> tuple[str, str]:
        """Return the next (first, last) pair."""
        return next(self._pairs)

    def full(self) -> str:
        """Return the next name as ``"First Last"``."""
        first, last = self.next()
        return f"{first} {last}"


# ------------------------------ salaries

#: Synthetic salary supplements for teacher-leader roles (added to the teacher scale).
SUPPLEMENTS: dict[str, float] = {
    "chair": 0.0,  # a title without time or pay, as the report describes
    "gd_chair": 1_500.0,
    "team_lead": 5_000.0,
    "kipp_team_lead": 2_000.0,
    "multi_classroom_leader": 15_000.0,
    "plc_lead": 0.0,  # Fresno pays a separate $2,000 stipend (the ``stipend`` column)
}


def teacher_salary(years: int) -> float:
    """Teacher scale: $48,000 plus $1,500 a year of experience, capped at $78,000."""
    return 48_000.0 + 1_500.0 * min(years, 20)


def salary_for(role: str, years: int) -> float:
    """Synthetic annual full-time salary for a role and experience."""
    if role == "principal":
        return 112_000.0 + 500.0 * min(years, 20)
    if role == "assistant_principal":
        return 88_000.0 + 500.0 * min(years, 20)
    if role == "instructional_coach":
        return 62_000.0 + 600.0 * min(years, 15)
    if role == "specialist":
        return 55_000.0 + 1_000.0 * min(years, 17)
    if role == "other":
        return 30_000.0 + 750.0 * min(years, 20)
    return teacher_salary(years)


# ------------------------------ the builder


@dataclass
class SchoolBuilder:
    """Collects the staff, links and teams of one school and hands out staff ids.

    Staff ids are ``<prefix>-<code><number>``: ``P`` principal, ``A`` assistant
    principals, ``T`` teaching staff (teacher leaders included), ``C`` coaches,
    ``S`` specialists, ``O`` other staff.
    """

    prefix: str
    rng: random.Random
    names: NameMaker | None = None
    staff: list[StaffMember] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    teams: list[Team] = field(default_factory=list)
    _counts: dict[str, int] = field(default_factory=dict)

    def _next_id(self, code: str) -> str:
        n = self._counts.get(code, 0) + 1
        self._counts[code] = n
        width = 3 if code == "T" else 2
        return f"{self.prefix}-{code}{n:0{width}d}"

    def person(
        self,
        code: str,
        role: str,
        *,
        years: tuple[int, int],
        title: str | None = None,
        fte: float = 1.0,
        supplement: float = 0.0,
        **fields: Any,
    ) -> str:
        """Add one staff member; experience is drawn from ``years`` (inclusive range)."""
        sid = self._next_id(code)
        experience = self.rng.randint(*years)
        salary = round((salary_for(role, experience) + supplement) * fte, 2)
        self.staff.append(
            StaffMember(
                staff_id=sid,
                role=role,
                title=title,
                name=self.names.full() if self.names else None,
                fte=fte,
                salary=salary,
                years_experience=float(experience),
                **fields,
            )
        )
        return sid

    def admin(self, role: str, title: str | None = None) -> str:
        """Add a principal (``P``) or assistant principal (``A``)."""
        if role == "principal":
            return self.person("P", role, years=(12, 25), title=title)
        return self.person("A", role, years=(7, 16), title=title)

    def teaching(
        self,
        role: str = "teacher",
        *,
        title: str | None = None,
        years: tuple[int, int] = (0, 24),
        supplement_key: str | None = None,
        **fields: Any,
    ) -> str:
        """Add a member of the teaching staff (teacher or teacher leader)."""
        supplement = SUPPLEMENTS[supplement_key or role] if role != "teacher" else 0.0
        return self.person("T", role, years=years, title=title, supplement=supplement, **fields)

    def coach(self, title: str | None = None) -> str:
        return self.person("C", "instructional_coach", years=(8, 20), title=title)

    def specialist(self, title: str | None = None) -> str:
        return self.person("S", "specialist", years=(2, 22), title=title)

    def other(self, title: str | None = None, fte: float = 1.0) -> str:
        return self.person("O", "other", years=(0, 20), title=title, fte=fte)

    def link(self, leader: str, relations: Iterable[str], members: Iterable[str]) -> None:
        """Add ``leader -relation-> member`` for every relation and member."""
        members = list(members)
        for relation in relations:
            self.links.extend(
                Link(leader_id=leader, staff_id=m, relation=relation)  # type: ignore[arg-type]
                for m in members
                if m != leader
            )

    def team(self, team_id: str, name: str, basis: str, lead_id: str | None = None) -> None:
        self.teams.append(Team(team_id=team_id, name=name, basis=basis, lead_id=lead_id))  # type: ignore[arg-type]

    def build(self, school_id: str, **attributes: Any) -> School:
        """Return the finished :class:`School`."""
        return School(
            school_id=school_id,
            district_id=DISTRICT_ID,
            district_name=DISTRICT_NAME,
            staff=self.staff,
            links=self.links,
            teams=self.teams,
            **attributes,
        )


TEACHER_LINE = ("supervises", "evaluates", "develops")
GRADE_LABELS = {"PK": "Pre-K", "K": "Kindergarten"}


def grade_label(grade: str) -> str:
    return GRADE_LABELS.get(grade, f"Grade {grade}")


def add_others(
    b: SchoolBuilder, titles: Sequence[tuple[str, int]], part_time: int = 0
) -> list[str]:
    """Add support staff from ``(title, count)`` pairs; the first ``part_time`` are 0.5 FTE."""
    ids: list[str] = []
    for title, count in titles:
        for _ in range(count):
            ids.append(b.other(title, fte=0.5 if len(ids) < part_time else 1.0))
    return ids


# ------------------------------ 1. traditional

TRAD_GRADES: dict[str, int] = {"PK": 3, "K": 8, "1": 8, "2": 8, "3": 9, "4": 9, "5": 9}
TRAD_SPECIALISTS = (
    "Counselor",
    "Social Worker",
    "Reading Interventionist",
    "Reading Interventionist",
    "Speech Pathologist",
    "School Psychologist",
    "Librarian",
    "School Nurse",
)
TRAD_OTHERS = (
    ("Paraprofessional", 14),
    ("Office Manager", 1),
    ("Secretary", 2),
    ("Clerk", 1),
    ("Custodian", 5),
    ("Cafeteria Worker", 3),
    ("Security", 1),
)


def traditional_elementary() -> School:
    """Principal + 1 AP over 54 teaching staff, 93 adults, 570 students (pre-K to 5)."""
    b = SchoolBuilder("TRAD", random.Random(101), NameMaker(101))
    principal = b.admin("principal", "Principal")
    ap = b.admin("assistant_principal", "Assistant Principal")
    by_grade: dict[str, list[str]] = {}
    for grade, size in TRAD_GRADES.items():
        team_id, label = f"TRAD-G{grade}", grade_label(grade)
        chair = None
        if grade != "PK":
            chair = b.teaching(
                "chair",
                title="Grade Level Chair",
                years=(6, 22),
                grade=grade,
                team_id=team_id,
                release=ReleaseTime(fraction=0.0, purpose="grade-level meetings"),
            )
        members = [chair] if chair else []
        members += [
            b.teaching(title="Classroom Teacher", grade=grade, team_id=team_id)
            for _ in range(size - len(members))
        ]
        b.team(team_id, f"{label} team", "grade", lead_id=chair)
        if chair:
            b.link(chair, ["facilitates"], members)
        by_grade[grade] = members
    lower = [t for g in ("PK", "K", "1", "2") for t in by_grade[g]]
    upper = [t for g in ("3", "4", "5") for t in by_grade[g]]
    b.link(principal, TEACHER_LINE, lower)
    b.link(ap, TEACHER_LINE, upper)
    literacy, math_coach = b.coach("Literacy Coach"), b.coach("Math Coach")
    b.link(literacy, ["coaches"], [t for g in ("K", "1", "2") for t in by_grade[g]])
    b.link(math_coach, ["coaches"], upper)
    specialists = [b.specialist(t) for t in TRAD_SPECIALISTS]
    others = add_others(b, TRAD_OTHERS, part_time=2)
    b.link(principal, ["supervises"], [ap, literacy, math_coach, *specialists, *others])
    return b.build(
        "S-TRAD",
        name="Larkspurrow Elementary School",
        level="elementary",
        grades="PK-5",
        enrollment=570,
        model="traditional",
    )


# ------------------------------ 2. Green Dot

#: (team suffix, subject, teachers, leader: P / A1 / A2, has a chair)
GD_DEPARTMENTS: tuple[tuple[str, str, int, str, bool], ...] = (
    ("ENG", "English", 7, "A1", True),
    ("MATH", "Math", 7, "A2", True),
    ("SCI", "Science", 6, "P", True),
    ("HIST", "History", 5, "A1", True),
    ("WL", "World Languages", 3, "A2", False),
    ("ART", "Arts", 2, "A2", False),
    ("SPED", "Special Education", 3, "P", False),
)


def green_dot() -> School:
    """1 principal + 2 APs, none leading more than 13 of 33 teachers; 580 students."""
    b = SchoolBuilder("GD", random.Random(202), NameMaker(202))
    leaders = {
        "P": b.admin("principal", "Principal"),
        "A1": b.admin("assistant_principal", "Assistant Principal"),
        "A2": b.admin("assistant_principal", "Assistant Principal"),
    }
    for code, subject, size, leader, has_chair in GD_DEPARTMENTS:
        team_id = f"GD-{code}"
        chair = None
        if has_chair:
            chair = b.teaching(
                "chair",
                title="Department Chair",
                years=(6, 22),
                subject=subject,
                team_id=team_id,
                supplement_key="gd_chair",
                release=ReleaseTime(fraction=0.2, purpose="department planning"),
            )
        members = [chair] if chair else []
        members += [
            b.teaching(
                title=f"{subject} Teacher" if subject != "Arts" else "Art Teacher",
                subject=subject,
                team_id=team_id,
            )
            for _ in range(size - len(members))
        ]
        b.team(team_id, f"{subject} department", "subject", lead_id=chair)
        if chair:
            b.link(chair, ["facilitates"], members)
        b.link(leaders[leader], TEACHER_LINE, members)
    counselors = [b.specialist("Counselor") for _ in range(2)]
    others = add_others(b, (("Office Manager", 1), ("Clerk", 2), ("Custodian", 3), ("Security", 2)))
    b.link(leaders["P"], ["supervises"], [leaders["A1"], leaders["A2"], *counselors, *others])
    return b.build(
        "S-GD",
        name="Thistlevane Preparatory High School",
        level="high",
        grades="9-12",
        enrollment=580,
        model="green_dot",
    )


# ------------------------------ 3. KIPP

#: Subjects of the teachers each AP develops directly (8 each), by department.
KIPP_AP_TEACHERS: dict[str, tuple[str, ...]] = {
    "humanities": ("English",) * 4 + ("History",) * 4,
    "stem": ("Math",) * 4 + ("Science",) * 4,
}
KIPP_DEPARTMENT_NAMES = {"humanities": "Humanities", "stem": "STEM"}
#: Team leads: (subject, number of teachers they develop).
KIPP_TEAM_LEADS: tuple[tuple[str, int], ...] = (
    ("English", 2),
    ("Math", 2),
    ("History", 1),
    ("Science", 1),
)


def kipp_sunshine_peak() -> School:
    """2 APs coach 8 teachers each; 4 team leads coach and evaluate 1-2 teachers; 26 teachers."""
    b = SchoolBuilder("KIPP", random.Random(303), NameMaker(303))
    principal = b.admin("principal", "Principal")
    aps = {
        "humanities": b.admin("assistant_principal", "Assistant Principal, Humanities"),
        "stem": b.admin("assistant_principal", "Assistant Principal, STEM"),
    }
    for dept, subjects in KIPP_AP_TEACHERS.items():
        team_id = f"KIPP-{dept.upper()}"
        members = [b.teaching(title=f"{s} Teacher", subject=s, team_id=team_id) for s in subjects]
        b.team(
            team_id, f"{KIPP_DEPARTMENT_NAMES[dept]} coaching group", "subject", lead_id=aps[dept]
        )
        b.link(aps[dept], [*TEACHER_LINE, "coaches"], members)
    leads, led = [], []
    for i, (subject, size) in enumerate(KIPP_TEAM_LEADS, start=1):
        team_id = f"KIPP-TL{i}"
        lead = b.teaching(
            "team_lead",
            title="Teacher Leader",
            years=(5, 18),
            subject=subject,
            team_id=team_id,
            supplement_key="kipp_team_lead",
            release=ReleaseTime(fraction=0.2, purpose="coach and evaluate 1-2 teachers"),
        )
        members = [
            b.teaching(title=f"{subject} Teacher", subject=subject, team_id=team_id)
            for _ in range(size)
        ]
        b.team(team_id, f"{subject} coaching group {i}", "subject", lead_id=lead)
        b.link(lead, ["develops", "coaches", "evaluates"], members)
        leads.append(lead)
        led.extend(members)
    b.link(principal, ["develops", "evaluates", "coaches"], leads)
    others = add_others(
        b,
        (
            ("Office Manager", 1),
            ("Operations Manager", 1),
            ("Paraprofessional", 1),
            ("Custodian", 1),
        ),
    )
    b.link(principal, ["supervises"], [*aps.values(), *leads, *led, *others])
    return b.build(
        "S-KIPP",
        name="Juniperley Peak Middle Academy",
        level="middle",
        grades="5-8",
        enrollment=360,
        model="kipp",
    )


# ------------------------------ 4. Denver

DENVER_LEAD_PURPOSE = "lead team: observe, coach, evaluation input"
DEN_SPECIALS = ("Art", "Music", "Physical Education", "Special Education", "Special Education")


def denver_team_lead() -> School:
    """7 Team Leads with up to 50% release lead grade teams and a specials team; 48 teachers."""
    b = SchoolBuilder("DEN", random.Random(404), NameMaker(404))
    principal = b.admin("principal", "Principal")
    ap = b.admin("assistant_principal", "Assistant Principal")
    team_members: dict[str, list[str]] = {}
    leads: dict[str, str] = {}
    for grade in ("K", "1", "2", "3", "4", "5"):
        team_id = f"DEN-G{grade}"
        lead = b.teaching(
            "team_lead",
            title="Team Lead",
            years=(6, 20),
            grade=grade,
            team_id=team_id,
            release=ReleaseTime(fraction=0.5, purpose=DENVER_LEAD_PURPOSE),
        )
        team_members[grade] = [
            b.teaching(title="Classroom Teacher", grade=grade, team_id=team_id) for _ in range(6)
        ]
        leads[grade] = lead
        b.team(team_id, f"{grade_label(grade)} team", "grade", lead_id=lead)
    lead = b.teaching(
        "team_lead",
        title="Team Lead",
        years=(6, 20),
        grade="K-5",
        subject="Special Education",
        team_id="DEN-SP",
        release=ReleaseTime(fraction=0.3, purpose=DENVER_LEAD_PURPOSE),
    )
    team_members["SP"] = [
        b.teaching(title=f"{s} Teacher", grade="K-5", subject=s, team_id="DEN-SP")
        for s in DEN_SPECIALS
    ]
    leads["SP"] = lead
    b.team("DEN-SP", "Specials team", "mixed", lead_id=lead)
    for key, members in team_members.items():
        b.link(leads[key], ["develops", "coaches", "evaluation_input", "facilitates"], members)
    for key in team_members:
        evaluator = principal if key in ("K", "1", "2", "SP") else ap
        b.link(evaluator, ["supervises", "evaluates"], [leads[key], *team_members[key]])
        b.link(evaluator, ["develops"], [leads[key]])
    coach = b.coach("Instructional Coach")
    b.link(coach, ["coaches"], leads.values())
    specialists = [
        b.specialist(t)
        for t in ("Counselor", "Social Worker", "School Psychologist", "Reading Interventionist")
    ]
    others = add_others(
        b,
        (
            ("Paraprofessional", 6),
            ("Office Manager", 1),
            ("Secretary", 1),
            ("Custodian", 3),
            ("Cafeteria Worker", 1),
        ),
        part_time=1,
    )
    b.link(principal, ["supervises"], [ap, coach, *specialists, *others])
    return b.build(
        "S-DEN",
        name="Fernhollow Elementary School",
        level="elementary",
        grades="K-5",
        enrollment=600,
        model="denver",
        pilot_wave=1,
    )


# ------------------------------ 5. Opportunity Culture

MCL_TEAM_GRADES = ("K", "1", "2", "3")
MCL_AP_GRADES = ("4", "5")


def opportunity_culture_mcl() -> School:
    """4 Multi-Classroom Leaders (60% release, +$15k) each lead 5 teachers; 30 teaching staff."""
    b = SchoolBuilder("MCL", random.Random(505), NameMaker(505))
    principal = b.admin("principal", "Principal")
    ap = b.admin("assistant_principal", "Assistant Principal")
    mcls, mcl_teams = [], []
    for i, grade in enumerate(MCL_TEAM_GRADES, start=1):
        team_id = f"MCL-T{i}"
        mcl = b.teaching(
            "multi_classroom_leader",
            title="Multi-Classroom Leader",
            years=(7, 20),
            grade=grade,
            team_id=team_id,
            release=ReleaseTime(fraction=0.6, purpose="lead and co-teach a team"),
        )
        members = [
            b.teaching(title="Classroom Teacher", grade=grade, team_id=team_id) for _ in range(5)
        ]
        b.team(team_id, f"MCL team {i} ({grade_label(grade)})", "grade", lead_id=mcl)
        b.link(mcl, ["develops", "coaches", "evaluation_input", "facilitates"], members)
        mcls.append(mcl)
        mcl_teams.append(members)
    direct = []
    for grade in MCL_AP_GRADES:
        team_id = f"MCL-G{grade}"
        direct += [
            b.teaching(title="Classroom Teacher", grade=grade, team_id=team_id) for _ in range(3)
        ]
        b.team(team_id, f"{grade_label(grade)} team", "grade")
    b.link(principal, ["supervises", "evaluates", "develops"], mcls)
    b.link(principal, ["supervises", "evaluates"], [t for team in mcl_teams[:2] for t in team])
    b.link(ap, ["supervises", "evaluates"], [t for team in mcl_teams[2:] for t in team])
    b.link(ap, TEACHER_LINE, direct)
    specialists = [
        b.specialist(t) for t in ("Counselor", "Reading Interventionist", "Speech Pathologist")
    ]
    others = add_others(
        b,
        (
            ("Paraprofessional", 4),
            ("Office Manager", 1),
            ("Secretary", 1),
            ("Custodian", 3),
            ("Cafeteria Worker", 1),
        ),
    )
    b.link(principal, ["supervises"], [ap, *specialists, *others])
    return b.build(
        "S-MCL",
        name="Pebblecroft Elementary School",
        level="elementary",
        grades="K-5",
        enrollment=520,
        model="opportunity_culture",
    )


# ------------------------------ 6. Fresno

#: (team suffix, subject, team size incl. the Lead Teacher, leader: P / A1 / A2)
FRESNO_TEAMS: tuple[tuple[str, str, int, str], ...] = (
    ("ENG", "English", 8, "P"),
    ("SPED", "Special Education", 4, "P"),
    ("MATH", "Math", 7, "A1"),
    ("ELEC", "Electives", 5, "A1"),
    ("SCI", "Science", 6, "A2"),
    ("HIST", "History", 6, "A2"),
)
FRESNO_STIPEND = 2_000
FRESNO_PURPOSE = "facilitate accountable community; pass on district PD"


def fresno_facilitation() -> School:
    """Accountable Communities: Lead Teachers ($2,000 stipend) facilitate only; 36 teachers."""
    b = SchoolBuilder("FRES", random.Random(606), NameMaker(606))
    leaders = {
        "P": b.admin("principal", "Principal"),
        "A1": b.admin("assistant_principal", "Assistant Principal"),
        "A2": b.admin("assistant_principal", "Assistant Principal"),
    }
    for code, subject, size, leader in FRESNO_TEAMS:
        team_id = f"FRES-{code}"
        lead = b.teaching(
            "plc_lead",
            title="Lead Teacher",
            years=(4, 20),
            subject=subject,
            team_id=team_id,
            stipend=FRESNO_STIPEND,
            release=ReleaseTime(fraction=0.0, purpose=FRESNO_PURPOSE),
        )
        members = [lead] + [
            b.teaching(title=f"{subject} Teacher", subject=subject, team_id=team_id)
            for _ in range(size - 1)
        ]
        b.team(team_id, f"{subject} accountable community", "subject", lead_id=lead)
        b.link(lead, ["facilitates"], members)
        b.link(leaders[leader], TEACHER_LINE, members)
    counselors = [b.specialist("Counselor") for _ in range(2)]
    others = add_others(
        b,
        (
            ("Paraprofessional", 3),
            ("Office Manager", 1),
            ("Clerk", 2),
            ("Custodian", 3),
            ("Security", 1),
        ),
    )
    b.link(leaders["P"], ["supervises"], [leaders["A1"], leaders["A2"], *counselors, *others])
    return b.build(
        "S-FRES",
        name="Kettleburn Middle School",
        level="middle",
        grades="6-8",
        enrollment=800,
        model="fresno",
    )


# ------------------------------ 7. district

DISTRICT_SEED = 2016
DISTRICT_SCHOOLS = 185
DISTRICT_LEVELS = {"elementary": 111, "middle": 37, "high": 37}
PILOT_WAVES = (14, 26, 31)  # 14 of 185 schools, +26 in 2014-15, +31 in 2015-16 = 71
GREEN_DOT_SCHOOLS = 12  # among the non-pilot middle and high schools
FRESNO_SCHOOLS = 14  # among the remaining non-pilot schools
ENROLLMENT = {"elementary": (300, 700), "middle": (450, 1100), "high": (650, 1800)}
STUDENTS_PER_TEACHER = {"elementary": 16, "middle": 17, "high": 20}
SECONDARY_SUBJECTS: dict[str, float] = {
    "English": 0.20,
    "Math": 0.19,
    "Science": 0.16,
    "History": 0.14,
    "World Languages": 0.08,
    "Arts": 0.08,
    "Physical Education": 0.07,
    "Special Education": 0.08,
}
ELEMENTARY_GRADES = ("K", "1", "2", "3", "4", "5")
SPECIALIST_TITLES = (
    "Counselor",
    "Social Worker",
    "School Psychologist",
    "Librarian",
    "Reading Interventionist",
    "Speech Pathologist",
    "School Nurse",
)


class Position(TypedDict, total=False):
    """One teaching position's fields."""

    grade: str
    subject: str


#: A grade or subject group: its key and its positions, in order.
Group = tuple[str, list[Position]]


@dataclass(frozen=True)
class SchoolPlan:
    """The attributes of one district school, drawn before its staff."""

    school_id: str
    name: str
    level: str
    grades: str
    enrollment: int
    model: str
    pilot_wave: int | None


def split_counts(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainder, ties by position)."""
    raw = [total * w / sum(weights) for w in weights]
    counts = [math.floor(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - counts[i]), i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def even_chunks(items: Sequence[str], n: int) -> list[list[str]]:
    """Split ``items`` in order into ``n`` chunks whose sizes differ by at most one."""
    sizes = split_counts(len(items), [1.0] * n)
    chunks, start = [], 0
    for size in sizes:
        chunks.append(list(items[start : start + size]))
        start += size
    return chunks


def plan_district(rng: random.Random) -> list[SchoolPlan]:
    """Draw level, enrollment, model and pilot wave for every district school."""
    levels = [lvl for lvl, n in DISTRICT_LEVELS.items() for _ in range(n)]
    rng.shuffle(levels)
    order = list(range(DISTRICT_SCHOOLS))
    pilots = rng.sample(order, sum(PILOT_WAVES))
    wave_of = {}
    start = 0
    for wave, size in enumerate(PILOT_WAVES, start=1):
        wave_of.update(dict.fromkeys(pilots[start : start + size], wave))
        start += size
    rest = [i for i in order if i not in wave_of]
    secondary = [i for i in rest if levels[i] != "elementary"]
    green = set(rng.sample(secondary, GREEN_DOT_SCHOOLS))
    fresno = set(rng.sample([i for i in rest if i not in green], FRESNO_SCHOOLS))
    names = [f"{place} {feature}" for place, feature in product(LAST_NAMES, PLACE_FEATURES)]
    rng.shuffle(names)
    suffix = {"elementary": "Elementary", "middle": "Middle School", "high": "High School"}
    grades = {"elementary": "K-5", "middle": "6-8", "high": "9-12"}
    plans = []
    for i in order:
        level = levels[i]
        low, high = ENROLLMENT[level]
        model = (
            "denver"
            if i in wave_of
            else "green_dot"
            if i in green
            else "fresno"
            if i in fresno
            else "traditional"
        )
        plans.append(
            SchoolPlan(
                school_id=f"D{i + 1:03d}",
                name=f"{names[i]} {suffix[level]}",
                level=level,
                grades=grades[level],
                enrollment=rng.randrange(low, high + 1, 10),
                model=model,
                pilot_wave=wave_of.get(i),
            )
        )
    return plans


def teacher_groups(plan: SchoolPlan) -> list[tuple[str, Position]]:
    """The teaching positions of a school: (group, grade/subject fields), in group order."""
    count = round(plan.enrollment / STUDENTS_PER_TEACHER[plan.level])
    count = max(20, min(90, count))
    if plan.level == "elementary":
        specials = max(3, round(count * 0.12))
        per_grade = split_counts(count - specials, [1.0] * len(ELEMENTARY_GRADES))
        positions = [
            (grade_label(g), Position(grade=g))
            for g, n in zip(ELEMENTARY_GRADES, per_grade, strict=True)
            for _ in range(n)
        ]
        special_subjects = ("Art", "Music", "Physical Education", "Special Education")
        positions += [
            ("Specials", Position(grade="K-5", subject=special_subjects[i % 4]))
            for i in range(specials)
        ]
        return positions
    per_subject = split_counts(count, list(SECONDARY_SUBJECTS.values()))
    return [
        (s, Position(subject=s))
        for s, n in zip(SECONDARY_SUBJECTS, per_subject, strict=True)
        for _ in range(n)
    ]


def group_positions(positions: list[tuple[str, Position]]) -> list[Group]:
    """Group consecutive positions by their group key, keeping order."""
    groups: list[Group] = []
    for key, fields in positions:
        if not groups or groups[-1][0] != key:
            groups.append((key, []))
        groups[-1][1].append(fields)
    return groups


def form_teams(
    groups: list[Group], *, min_size: int, max_size: int
) -> list[tuple[list[str], list[Position]]]:
    """Form teams of ``min_size``..``max_size`` positions from grade/subject groups.

    Consecutive groups smaller than ``min_size`` are merged (a mixed team); each
    resulting unit is split into the fewest even chunks of at most ``max_size``.
    Needs ``max_size >= 2 * min_size - 1`` so that no chunk falls below ``min_size``.
    """
    units: list[tuple[list[str], list[Position]]] = []
    keys: list[str] = []
    buffer: list[Position] = []
    for key, members in groups:
        keys.append(key)
        buffer.extend(members)
        if len(buffer) >= min_size:
            units.append((keys, buffer))
            keys, buffer = [], []
    if buffer:
        if units:
            units[-1] = (units[-1][0] + keys, units[-1][1] + buffer)
        else:
            units.append((keys, buffer))
    teams = []
    for unit_keys, members in units:
        n = math.ceil(len(members) / max_size)
        sizes = split_counts(len(members), [1.0] * n)
        start = 0
        for size in sizes:
            teams.append((unit_keys, members[start : start + size]))
            start += size
    return teams


def team_basis(keys: list[str], level: str) -> str:
    if len(keys) > 1 or keys[0] == "Specials":
        return "mixed"
    return "grade" if level == "elementary" else "subject"


def assign_balanced(units: list[list[str]], leaders: list[str]) -> dict[str, list[str]]:
    """Give whole units, largest first, to the leader with the fewest people so far."""
    load: dict[str, list[str]] = {leader: [] for leader in leaders}
    for unit in sorted(units, key=len, reverse=True):
        target = min(leaders, key=lambda leader: (len(load[leader]), leaders.index(leader)))
        load[target].extend(unit)
    return load


def n_assistant_principals(plan: SchoolPlan, teachers: int) -> int:
    """APs grow with size (none below 25 teachers, up to 3 above 80).

    Green Dot schools get at least 2 APs and enough that the principal and APs,
    sharing the teachers evenly, each lead at most 12 (never more than 13).
    """
    if plan.model == "green_dot":
        return max(2, math.ceil(teachers / 12) - 1)
    if teachers < 25:
        return 0
    return 1 if teachers <= 55 else 2 if teachers <= 80 else 3


def district_school(plan: SchoolPlan, rng: random.Random) -> School:
    """Build one district school (no names, no support staff) following its model."""
    b = SchoolBuilder(plan.school_id, rng)
    positions = teacher_groups(plan)
    principal = b.admin("principal")
    aps = [
        b.admin("assistant_principal") for _ in range(n_assistant_principals(plan, len(positions)))
    ]
    evaluators = [principal, *aps]
    builders = {
        "traditional": _traditional_staff,
        "green_dot": _green_dot_staff,
        "denver": _denver_staff,
        "fresno": _fresno_staff,
    }
    builders[plan.model](b, plan, group_positions(positions), evaluators)
    specialists = [b.specialist(rng.choice(SPECIALIST_TITLES)) for _ in range(rng.randint(2, 4))]
    coaches = [s.staff_id for s in b.staff if s.role == "instructional_coach"]
    b.link(principal, ["supervises"], [*aps, *coaches, *specialists])
    return b.build(
        plan.school_id,
        name=plan.name,
        level=plan.level,
        grades=plan.grades,
        enrollment=plan.enrollment,
        model=plan.model,
        pilot_wave=plan.pilot_wave,
    )


def _add_team(
    b: SchoolBuilder,
    plan: SchoolPlan,
    number: int,
    keys: list[str],
    positions: list[Position],
    lead_role: str | None,
    release: ReleaseTime | None,
    **lead_fields: Any,
) -> list[str]:
    """Add a team and its members; the first position is the lead when ``lead_role`` is set."""
    team_id = f"{plan.school_id}-TM{number:02d}"
    members = []
    for i, fields in enumerate(positions):
        if i == 0 and lead_role:
            members.append(
                b.teaching(
                    lead_role,
                    years=(5, 20),
                    team_id=team_id,
                    release=release,
                    **fields,
                    **lead_fields,
                )
            )
        else:
            members.append(b.teaching(team_id=team_id, **fields))
    b.team(
        team_id,
        "/".join(keys),
        team_basis(keys, plan.level),
        lead_id=members[0] if lead_role else None,
    )
    return members


def _traditional_staff(
    b: SchoolBuilder, plan: SchoolPlan, groups: list[Group], evaluators: list[str]
) -> None:
    """Grade/department teams with chairs (no release); principal and APs split whole groups."""
    purpose = "grade-level meetings" if plan.level == "elementary" else "department meetings"
    teams = []
    for n, (key, positions) in enumerate(groups, start=1):
        role = "chair" if len(positions) >= 3 else None
        members = _add_team(
            b,
            plan,
            n,
            [key],
            positions,
            role,
            ReleaseTime(fraction=0.0, purpose=purpose) if role else None,
        )
        if role:
            b.link(members[0], ["facilitates"], members)
        teams.append(members)
    for leader, members in assign_balanced(teams, evaluators).items():
        b.link(leader, TEACHER_LINE, members)
    n_coaches = 1 if sum(map(len, teams)) < 40 else 2
    coaches = [b.coach() for _ in range(n_coaches)]
    for i, members in enumerate(teams):
        b.link(coaches[i % n_coaches], ["coaches"], members)


def _green_dot_staff(
    b: SchoolBuilder, plan: SchoolPlan, groups: list[Group], evaluators: list[str]
) -> None:
    """Department teams with chairs (20% release); leaders take even slices of the staff."""
    everyone = []
    for n, (key, positions) in enumerate(groups, start=1):
        role = "chair" if len(positions) >= 3 else None
        release = ReleaseTime(fraction=0.2, purpose="department planning") if role else None
        members = _add_team(b, plan, n, [key], positions, role, release, supplement_key="gd_chair")
        if role:
            b.link(members[0], ["facilitates"], members)
        everyone.extend(members)
    for leader, members in zip(evaluators, even_chunks(everyone, len(evaluators)), strict=True):
        b.link(leader, TEACHER_LINE, members)


def _denver_staff(
    b: SchoolBuilder, plan: SchoolPlan, groups: list[Group], evaluators: list[str]
) -> None:
    """Team Leads (release 0.3-0.5, chosen by the school) lead teams of 4-8."""
    release = ReleaseTime(fraction=b.rng.choice((0.3, 0.4, 0.5)), purpose=DENVER_LEAD_PURPOSE)
    teams = form_teams(groups, min_size=4, max_size=b.rng.choice((7, 8)))
    built = [
        _add_team(b, plan, n, keys, positions, "team_lead", release)
        for n, (keys, positions) in enumerate(teams, start=1)
    ]
    for members in built:
        b.link(members[0], ["develops", "coaches", "evaluation_input", "facilitates"], members)
    leads = {members[0] for members in built}
    for leader, members in assign_balanced(built, evaluators).items():
        b.link(leader, ["supervises", "evaluates"], members)
        b.link(leader, ["develops"], [m for m in members if m in leads])
    coach = b.coach()
    b.link(coach, ["coaches"], sorted(leads))


def _fresno_staff(
    b: SchoolBuilder, plan: SchoolPlan, groups: list[Group], evaluators: list[str]
) -> None:
    """Accountable communities of 3-10 with a Lead Teacher who only facilitates."""
    purpose = ReleaseTime(fraction=0.0, purpose=FRESNO_PURPOSE)
    teams = form_teams(groups, min_size=3, max_size=b.rng.randint(6, 10))
    built = [
        _add_team(b, plan, n, keys, positions, "plc_lead", purpose, stipend=FRESNO_STIPEND)
        for n, (keys, positions) in enumerate(teams, start=1)
    ]
    for members in built:
        b.link(members[0], ["facilitates"], members)
    for leader, members in assign_balanced(built, evaluators).items():
        b.link(leader, TEACHER_LINE, members)


def district() -> District:
    """185 schools; 71 Denver-model pilots in three waves, the rest traditional/Green Dot/Fresno."""
    rng = random.Random(DISTRICT_SEED)
    return District(schools=[district_school(plan, rng) for plan in plan_district(rng)])


# ------------------------------ 8. raw HR export

HR_COLUMNS = (
    "Employee Number",
    "Employee Name",
    "Location Code",
    "Location Name",
    "Job Title",
    "FTE",
    "Grade Level",
    "Department",
    "Annual Salary",
    "Hire Date",
)
HR_COLUMN_MAP = {
    "Employee Number": "staff_id",
    "Employee Name": "name",
    "Location Code": "school_id",
    "Job Title": "title",
    "FTE": "fte",
    "Grade Level": "grade",
    "Department": "subject",
    "Annual Salary": "salary",
}
HR_ROLE_MAP = {
    "Teacher - Elementary": "teacher",
    "Instructional Facilitator": "instructional_coach",
    "Campus Secretary": "other",
}
#: Per school: code, name, and (job title, grade level, department, FTE, count) rows.
HR_SCHOOLS: tuple[tuple[str, str, tuple[tuple[str, str, str, float, int], ...]], ...] = (
    (
        "0412",
        "Quillbrook Park Elementary",
        (
            ("Principal", "", "", 1.0, 1),
            ("Asst. Principal", "", "", 1.0, 1),
            ("Grade Level Chair", "K", "", 1.0, 1),
            ("Classroom Teacher", "K", "", 1.0, 2),
            ("Classroom Teacher", "1", "", 1.0, 3),
            ("Teacher - Elementary", "2", "", 1.0, 3),
            ("Teacher - Elementary", "3", "", 1.0, 2),
            ("Classroom Teacher", "4", "", 1.0, 2),
            ("Classroom Teacher", "5", "", 1.0, 2),
            ("Music Teacher", "K-5", "Music", 0.5, 1),
            ("Literacy Coach", "", "", 1.0, 1),
            ("Counselor", "", "", 1.0, 1),
            ("Paraprofessional", "", "", 1.0, 3),
            ("Campus Secretary", "", "", 1.0, 1),
            ("Custodian", "", "", 1.0, 1),
        ),
    ),
    (
        "0419",
        "Ambermoss Ridge Elementary",
        (
            ("Principal", "", "", 1.0, 1),
            ("Teacher - Elementary", "K", "", 1.0, 3),
            ("Teacher - Elementary", "1", "", 1.0, 3),
            ("Grade Level Chair", "2", "", 1.0, 1),
            ("Teacher - Elementary", "2", "", 1.0, 2),
            ("Classroom Teacher", "3", "", 1.0, 3),
            ("Classroom Teacher", "4", "", 1.0, 2),
            ("Classroom Teacher", "5", "", 1.0, 2),
            ("Special Education Teacher", "K-5", "Special Education", 1.0, 1),
            ("Instructional Facilitator", "", "", 1.0, 1),
            ("Counselor", "", "", 0.5, 1),
            ("Paraprofessional", "", "", 1.0, 2),
            ("Campus Secretary", "", "", 1.0, 1),
            ("Custodian", "", "", 1.0, 1),
        ),
    ),
    (
        "0533",
        "Copperwick Heights Elementary",
        (
            ("Principal", "", "", 1.0, 1),
            ("Vice Principal", "", "", 1.0, 1),
            ("Classroom Teacher", "K", "", 1.0, 3),
            ("Classroom Teacher", "1", "", 1.0, 3),
            ("Teacher - Elementary", "2", "", 1.0, 3),
            ("Grade Level Chair", "3", "", 1.0, 1),
            ("Classroom Teacher", "3", "", 1.0, 2),
            ("Teacher - Elementary", "4", "", 1.0, 3),
            ("Teacher - Elementary", "5", "", 1.0, 2),
            ("Art Teacher", "K-5", "Art", 1.0, 1),
            ("Literacy Coach", "", "", 1.0, 1),
            ("Instructional Facilitator", "", "", 1.0, 1),
            ("Counselor", "", "", 1.0, 1),
            ("Paraprofessional", "", "", 1.0, 2),
            ("Campus Secretary", "", "", 1.0, 1),
            ("Custodian", "", "", 0.5, 1),
        ),
    ),
)
HR_TITLE_ROLES = {
    "Principal": "principal",
    "Grade Level Chair": "chair",
    "Asst. Principal": "assistant_principal",
    "Vice Principal": "assistant_principal",
    "Literacy Coach": "instructional_coach",
    "Instructional Facilitator": "instructional_coach",
    "Counselor": "specialist",
    "Paraprofessional": "other",
    "Campus Secretary": "other",
    "Custodian": "other",
}

HR_YEARS = {
    "principal": (12, 25),
    "assistant_principal": (7, 16),
    "instructional_coach": (8, 20),
    "chair": (6, 22),
}


def hr_export_rows() -> list[dict[str, str]]:
    """Rows of the raw HR export: the district's own columns, titles and formats."""
    rng = random.Random(808)
    names = NameMaker(808)
    total = sum(n for _, _, rows in HR_SCHOOLS for *_, n in rows)
    numbers = sorted(rng.sample(range(100_000, 999_999), total))
    out: list[dict[str, str]] = []
    for code, location, rows in HR_SCHOOLS:
        for title, grade, department, fte, count in rows:
            for _ in range(count):
                role = HR_TITLE_ROLES.get(title, "teacher")
                years = rng.randint(*HR_YEARS.get(role, (0, 24)))
                first, last = names.next()
                hired = (2024 - years, rng.randint(7, 8), rng.randint(1, 28))
                out.append(
                    {
                        "Employee Number": str(numbers[len(out)]),
                        "Employee Name": f"{last}, {first}",
                        "Location Code": code,
                        "Location Name": location,
                        "Job Title": title,
                        "FTE": f"{fte:.2f}",
                        "Grade Level": grade,
                        "Department": department,
                        "Annual Salary": f"{salary_for(role, years) * fte:.2f}",
                        "Hire Date": f"{hired[1]:02d}/{hired[2]:02d}/{hired[0]}",
                    }
                )
    return out


def write_hr_export(directory: Path) -> None:
    """Write ``hr_export.csv`` and the ``maps.json`` that reads it."""
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / "hr_export.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=HR_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(hr_export_rows())
    maps = {"column_map": HR_COLUMN_MAP, "role_map": HR_ROLE_MAP}
    write_json(directory / "maps.json", maps)


# ------------------------------ catalogue

CATALOGUE: dict[str, dict[str, str]] = {
    "traditional_elementary": {
        "description": "Traditional elementary school (pre-K to 5): a principal and one AP "
        "supervise, evaluate and develop all 54 teaching staff (27 each); 6 grade-level chairs "
        "hold a title without release time and only facilitate; a literacy and a math coach "
        "coach without evaluative input; 93 adults, 570 students.",
        "source": f"{REPORT}, chapter 1 'An opportunity for change': example elementary school "
        "where 'the principal and one assistant principal are responsible for monitoring and "
        "reviewing all 54 teachers and 93 total adults', 570 students in pre-K through fifth "
        "grade (Figure 4, span of control). Grade split, coaches and support staff are synthetic.",
    },
    "green_dot": {
        "description": "Green Dot-style high school (grades 9-12, 580 students): a principal and "
        "two APs are the instructional leaders, none with more than 13 of the 33 teachers "
        "(12/12/9); 4 department chairs with 20% release facilitate their departments.",
        "source": f"{REPORT}, chapter 4 (Principle 2): 'A typical Green Dot school with 540 to 620 "
        "students now has one principal and two APs ... none of the three top leaders has more "
        "than 13 teachers on his or her team' (Figure 20). Department sizes are synthetic.",
    },
    "kipp_sunshine_peak": {
        "description": "KIPP Sunshine Peak-style middle school (grades 5-8): 26 teachers; two APs "
        "coach, develop and evaluate 8 teachers each within their departments; 4 teacher leaders "
        "(20% release) coach and evaluate 1-2 teachers each; the principal coaches the coaches.",
        "source": f"{REPORT}, chapter 4: KIPP Sunshine Peak Academy (Colorado): 26 teachers, "
        "formerly observed 9 times a year each by the principal; 'now has two APs who coach eight "
        "teachers each'; teacher leaders 'each responsible for coaching and evaluating one or two "
        "teachers'; the principal 'spends most of her time coaching the coaches'. Enrollment, "
        "subjects and the 2/2/1/1 split are synthetic.",
    },
    "denver_team_lead": {
        "description": "Denver Team Lead pilot elementary school (K-5, ~600 students, pilot "
        "wave 1): 7 Team Leads (50% release; 30% for the specials lead) each lead a team of "
        "5-6 teachers "
        "organised by grade, observing, coaching and giving evaluation input; the principal and AP "
        "evaluate and develop the Team Leads. 48 teaching staff.",
        "source": f"{REPORT}, chapter 4: Denver Public Schools Team Lead, 'up to 50% release "
        "time', teams 'organized around a grade level or a subject area' (Figure 21), 'up to eight "
        "other teachers', observe, coach, provide evaluation input; model 80% tight / 20% loose. "
        "Team sizes and staffing are synthetic.",
    },
    "opportunity_culture_mcl": {
        "description": "Opportunity Culture elementary school (K-5, ~520 students): 4 "
        "Multi-Classroom Leaders (60% release, ~$15,000 supplement in salary) lead and "
        "co-teach teams of 5 "
        "teachers with formal evaluation input; the principal and AP own evaluation; 6 teachers "
        "are developed directly by the AP. 30 teaching staff.",
        "source": f"{REPORT}, chapter 4: Project L.I.F.T. (Charlotte-Mecklenburg) with Public "
        "Impact's 'Opportunity Culture' model: teacher leaders with '50% or more' non-classroom "
        "time, boosted compensation (Figure 22); MCLs 'held directly accountable for the outcomes "
        "of all the students' on their team, with 'explicit input into selection and evaluation' "
        "while principals still own evaluation. Team sizes and supplement are synthetic.",
    },
    "fresno_facilitation": {
        "description": "Fresno 'Accountable Communities' middle school (grades 6-8, ~800 "
        "students): 36 teachers in 6 subject teams of 4-8, each with a Lead Teacher "
        "(plc_lead, no release, "
        "$2,000 stipend in the extra 'stipend' column) who only facilitates; the principal and two "
        "APs supervise, evaluate and develop 12 teachers each.",
        "source": f"{REPORT}, chapter 3 'Adding more roles but not more leaders': Fresno Unified's "
        "700 Accountable Communities, 'Teams vary in size from 3 to 10', organised by grade or "
        "subject, each with a Lead Teacher who 'receives a $2,000 stipend and is responsible for "
        "facilitating team meetings'. School size and evaluator split are synthetic.",
    },
    "district": {
        "description": "A Denver-like district of 185 schools (D001-D185): 71 Denver Team Lead "
        "pilot schools in three waves (14, 26, 31) with team sizes 4-8 and release 0.3-0.5 chosen "
        "per school; the other 114 traditional, Green Dot-style or Fresno-style. About 60% "
        "elementary, 20% middle, 20% high; 20-90 teachers per school. Administrators, coaches, "
        "teacher leaders, teachers and 2-4 specialists only (no support staff, no names).",
        "source": f"{REPORT}, chapter 4 (Principle 1): Denver 'started by piloting its model in "
        "just 14 of its 185 schools ... then added 26 schools in 2014-2015 and 31 more in "
        "2015-2016, for a total of 71 schools' (Figure 19); 80% tight / 20% loose. School sizes, "
        "the non-pilot models and all staffing are synthetic (random.Random(2016)).",
    },
    "hr_export": {
        "description": "A raw HR position export for 3 small elementary schools (about 25 staff "
        "each) in the district's own layout: its own column names, job titles (built-in aliases "
        "and district-specific titles needing a role map), an extra 'Hire Date' column, and no "
        "link columns. Load with read_roster(column_map=..., role_map=...) from maps.json, then "
        "infer_links.",
        "source": "Synthetic; layout modelled on a typical US district HR position file. Staffing "
        "ratios follow the traditional model in " + REPORT + ", chapter 2.",
    },
}


# ------------------------------ writing


def write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_sample(name: str, schools: School | District) -> None:
    """Validate the models and write them as a CSV roster directory."""
    roster = roster_from_schools(schools)
    write_roster(roster, SAMPLES / name)
    print(f"{name:<26} {roster}")


SCHOOL_SAMPLES = {
    "traditional_elementary": traditional_elementary,
    "green_dot": green_dot,
    "kipp_sunshine_peak": kipp_sunshine_peak,
    "denver_team_lead": denver_team_lead,
    "opportunity_culture_mcl": opportunity_culture_mcl,
    "fresno_facilitation": fresno_facilitation,
}


def main() -> None:
    SAMPLES.mkdir(parents=True, exist_ok=True)
    for name, make in SCHOOL_SAMPLES.items():
        write_sample(name, make())
    write_sample("district", district())
    write_hr_export(SAMPLES / "hr_export")
    print(f"{'hr_export':<26} {len(hr_export_rows())} rows (raw HR layout)")
    write_json(SAMPLES / "catalogue.json", merged_catalogue(SAMPLES / "catalogue.json"))


def merged_catalogue(path: Path) -> dict[str, object]:
    """This script's entries, then any other script's entries already in the catalogue
    (the survey and the log samples), so that rerunning this script keeps them."""
    existing = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    return {**CATALOGUE, **{k: v for k, v in existing.items() if k not in CATALOGUE}}


if __name__ == "__main__":
    main()
