"""Generate the synthetic three-year sample ``district_years``: the Denver-like district over
the three waves of its rollout.

Everything this script writes is SYNTHETIC: no real person, school or log. The district is
the ``district`` sample's (``data/make_samples.py``: 185 schools, the same levels, sizes,
models and pilot waves, seed 2016), followed over three school years as position files, one
snapshot on the first day of each year:

``2013-08-19``
    the pilot year: the 14 schools of wave 1 follow the Denver Team Lead model; the 57 schools
    of waves 2 and 3 are still staffed traditionally (a principal and APs develop everyone);
``2014-08-18``
    wave 2 (26 schools) re-staffed in the Denver pattern (``leadmodel.apply_model``): 40 on the
    model;
``2015-08-17``
    wave 3 (31 schools): 71 on the model.

Each snapshot is a position file, written as a Parquet roster folder (``write_roster(...,
format="parquet")``: 0.4 MB a year against 2.4 MB as CSV; ``read_roster`` reads either):
``staff_id`` is the position number, ``person_id`` the employee holding it (``E00001``...;
missing for a vacancy), ``name`` an invented name. Between years people leave (11% of teachers,
8% of administrators, 10% of coaches and specialists), 2.5% of teachers move to an open
position in another school of the same level, half of the principals who leave are replaced by
an AP from another school, open positions are filled by new hires, and in the schools not on
the model 15% of the plain teaching positions whose holder left are still vacant on the
snapshot date (a vacant classroom in a small Denver-model school can tip it under the model's
rule that Team Leads develop 75% of teachers; keeping the pilot schools staffed keeps the
sample's rollout the report's 14, 40 and 71). The wave's schools are then re-staffed in the
Denver pattern: Team Leads are chosen among their teachers, so positions keep their numbers and
people keep their ids. One teacher's employee id was re-issued in 2014 (``E00042`` became
``E09042``): reading the snapshots reports it as a ``possible_id_change`` (same name, old id
gone, new id arrived), and ``id_changes.json`` declares it, as a district's HR note would.

``log.csv`` is a synthetic activity log of six wave-2 schools for the school year 2014-15:
each teacher's developer (their Team Lead) visits every two to three weeks, their evaluator
makes a formal observation and two informal ones; and about one teacher in 25 is visited
once, between the fifth and the twelfth week, by someone who develops others in the school and
holds no relation to them (another team's Team Lead covering for a colleague, or an
administrator): the visits ``log_as_of`` reports as ``not_leader_then``.

Every random choice comes from ``random.Random(2013)`` (the district itself from
``random.Random(2016)``), so a rerun gives byte-identical files. Run ``data/make_samples.py``
first when the district changes (it keeps this sample's catalogue entry), then::

    python data/make_series_sample.py
"""

from __future__ import annotations

import csv
import json
import random
import shutil
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

import leadmodel as lm
from leadmodel.roles import ROLE_CATEGORY, TEACHING_ROLES

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_samples as ms

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "src" / "leadmodel" / "samples"
OUT = SAMPLES / "district_years"
SEED = 2013
DATES = ("2013-08-19", "2014-08-18", "2015-08-17")
#: Share of each category's people who leave the district between two years.
LEAVE = {
    "teacher": 0.11,
    "teacher_leader": 0.11,
    "administrator": 0.08,
    "coach": 0.10,
    "specialist": 0.10,
    "other": 0.10,
}
MOVE = 0.025  # teachers who move to another school of the same level
PRINCIPAL_FROM_AP = 0.5  # principals who leave replaced by an AP from another school
STILL_VACANT = 0.15  # plain teaching positions whose holder left, still open on the snapshot
REISSUED = ("E00042", "E09042")  # an employee id re-issued by HR in 2014
LOG_SCHOOLS = 6  # wave-2 schools with an activity log for 2014-15
PLANTED = 0.04  # teachers visited once by someone who does not lead them
LOG_YEAR = (date(2014, 8, 18), date(2015, 6, 5))
INITIALS = "ABCDEFGHJKLMNPRSTVW"

CATALOGUE_ENTRY = {
    "description": "SYNTHETIC three-year position files of the 'district' sample's 185 "
    "schools on the first day of 2013-14, 2014-15 and 2015-16: the Denver Team Lead model "
    "rolled out in three waves (14 pilot schools, then +26, then +31: 14, 40 and 71 schools "
    "on the model), the wave's schools re-staffed with apply_model; between years 11% of "
    "teachers leave, 2.5% move school, open positions are filled (in schools off the model 15% "
    "of the plain teaching positions whose holder left are still vacant on the snapshot "
    "date), one employee id is re-issued "
    "(id_changes.json declares it); with an activity log of six wave-2 schools for 2014-15 "
    "in which about one teacher in 25 is visited once by someone who does not lead them. "
    "load_sample('district_years') gives the series (read with read_rosters) and the log.",
    "source": "Bain & Company / The Bridgespan Group, 'Transforming Schools: How distributed "
    "leadership can create more high-performing schools', chapter 4 (Principle 1): Denver "
    "'started by piloting its model in just 14 of its 185 schools ... then added 26 schools "
    "in 2014-2015 and 31 more in 2015-2016, for a total of 71 schools' (Figure 19). "
    "Turnover, moves, vacancies, names and the log are synthetic (data/make_series_sample.py, "
    "random.Random(2013)).",
}


# ----------------------------------------------------------------------------- people


class People:
    """Hands out employee ids and invented names (first, initial, last), never twice."""

    def __init__(self, rng: random.Random) -> None:
        names = [
            f"{first} {initial}. {last}"
            for first in ms.FIRST_NAMES
            for initial in INITIALS
            for last in ms.LAST_NAMES
        ]
        rng.shuffle(names)
        self._names = iter(names)
        self._number = 0

    def new(self) -> tuple[str, str]:
        """A new employee: (person id, name)."""
        self._number += 1
        if self._number == int(REISSUED[1][1:]):
            self._number += 1  # the re-issued id is never handed out otherwise
        return f"E{self._number:05d}", next(self._names)


def salary(role: str, years: float) -> float:
    """The district's scale for a role at whole years of experience, supplement included."""
    supplement = ms.SUPPLEMENTS.get(role, 0.0) if role not in ("teacher",) else 0.0
    return round(ms.salary_for(role, int(years)) + supplement, 2)


# ----------------------------------------------------------------------------- the first year


def first_year(rng: random.Random, people: People) -> dict[str, pd.DataFrame]:
    """The pilot year: the district sample's plan with only wave 1 on the model."""
    district_rng = random.Random(ms.DISTRICT_SEED)
    plans = [
        plan
        if plan.pilot_wave in (None, 1)
        else replace(plan, model="traditional", pilot_wave=None)
        for plan in ms.plan_district(district_rng)
    ]
    district = lm.District(schools=[ms.district_school(plan, district_rng) for plan in plans])
    roster = lm.roster_from_schools(district)
    tables = {name: getattr(roster, name).copy() for name in ("staff", "links", "teams", "schools")}
    staff = tables["staff"]
    hired = [people.new() for _ in range(len(staff))]
    staff["person_id"] = [pid for pid, _ in hired]
    staff["name"] = [name for _, name in hired]
    staff["vacant"] = False
    return tables


def final_waves() -> dict[str, int]:
    """Each pilot school's wave, as in the ``district`` sample."""
    plans = ms.plan_district(random.Random(ms.DISTRICT_SEED))
    return {p.school_id: p.pilot_wave for p in plans if p.pilot_wave is not None}


# ----------------------------------------------------------------------------- a year later


def next_year(
    tables: dict[str, pd.DataFrame],
    rng: random.Random,
    people: People,
    wave: int,
    waves: dict[str, int],
) -> dict[str, pd.DataFrame]:
    """A year on: people leave and move, positions are filled, the wave is re-staffed."""
    staff = tables["staff"].copy()
    levels = tables["schools"].set_index("school_id")["level"]
    filled = ~staff["vacant"].astype(bool)
    staff.loc[filled, "years_experience"] = staff.loc[filled, "years_experience"] + 1
    leaving = [
        i for i in staff.index[filled] if rng.random() < LEAVE[ROLE_CATEGORY[staff.at[i, "role"]]]
    ]
    open_rows = set(leaving)
    _vacate(staff, leaving)
    _moves(staff, rng, levels, open_rows)
    _principals(staff, rng, levels, open_rows)
    if wave == 2:
        _reissue(staff)
    new_hires = _fill(staff, rng, people, open_rows)
    staff["salary"] = [
        salary(r, y) for r, y in zip(staff["role"], staff["years_experience"], strict=True)
    ]
    roster = lm.read_roster(
        staff, links=tables["links"], teams=tables["teams"], schools=tables["schools"]
    )
    chosen = sorted(s for s, w in waves.items() if w == wave)
    roster = lm.apply_model(roster, "denver", schools=chosen)
    out = {name: getattr(roster, name).copy() for name in ("staff", "links", "teams", "schools")}
    schools = out["schools"]
    on_wave = schools["school_id"].isin(chosen)
    schools.loc[on_wave, "model"] = "denver"
    schools.loc[on_wave, "pilot_wave"] = wave
    out["staff"]["salary"] = [
        salary(r, y)
        for r, y in zip(out["staff"]["role"], out["staff"]["years_experience"], strict=True)
    ]
    off_model = set(schools.loc[schools["model"] != "denver", "school_id"])
    _still_vacant(out["staff"], rng, new_hires, off_model)
    return out


def _vacate(staff: pd.DataFrame, rows: list[int]) -> None:
    staff.loc[rows, ["person_id", "name"]] = None
    staff.loc[rows, "vacant"] = True


def _moves(staff: pd.DataFrame, rng: random.Random, levels: pd.Series, open_rows: set[int]) -> None:
    """Teachers who move to an open teaching position in another school of their level."""
    teachers = [
        i
        for i in staff.index
        if staff.at[i, "role"] == "teacher" and not staff.at[i, "vacant"] and i not in open_rows
    ]
    for i in teachers:
        if rng.random() >= MOVE:
            continue
        school, level = staff.at[i, "school_id"], levels[staff.at[i, "school_id"]]
        targets = sorted(
            j
            for j in open_rows
            if staff.at[j, "role"] == "teacher"
            and staff.at[j, "school_id"] != school
            and levels[staff.at[j, "school_id"]] == level
        )
        if not targets:
            continue
        j = rng.choice(targets)
        _take(staff, i, j)
        open_rows.discard(j)
        open_rows.add(i)


def _principals(
    staff: pd.DataFrame, rng: random.Random, levels: pd.Series, open_rows: set[int]
) -> None:
    """Half the open principal posts go to an AP from another school (who moves)."""
    for j in sorted(k for k in open_rows if staff.at[k, "role"] == "principal"):
        if rng.random() >= PRINCIPAL_FROM_AP:
            continue
        school = staff.at[j, "school_id"]
        aps = sorted(
            i
            for i in staff.index
            if staff.at[i, "role"] == "assistant_principal"
            and not staff.at[i, "vacant"]
            and staff.at[i, "school_id"] != school
            and i not in open_rows
        )
        if aps:
            i = rng.choice(aps)
            _take(staff, i, j)
            open_rows.discard(j)
            open_rows.add(i)


def _take(staff: pd.DataFrame, source: int, target: int) -> None:
    """The person in row ``source`` takes the position in row ``target``."""
    for column in ("person_id", "name", "years_experience"):
        staff.at[target, column] = staff.at[source, column]
    staff.at[target, "vacant"] = False
    _vacate(staff, [source])


def _reissue(staff: pd.DataFrame) -> None:
    row = staff.index[staff["person_id"] == REISSUED[0]]
    staff.loc[row, "person_id"] = REISSUED[1]


def _fill(
    staff: pd.DataFrame, rng: random.Random, people: People, open_rows: set[int]
) -> list[int]:
    """New hires in every open position (and last year's vacancies); their rows."""
    rows = sorted(open_rows | set(staff.index[staff["vacant"].astype(bool)]))
    for i in rows:
        pid, name = people.new()
        role = staff.at[i, "role"]
        low, high = (
            (0, 4)
            if role == "teacher"
            else (5, 14)
            if role in TEACHING_ROLES
            else (6, 18)
            if ROLE_CATEGORY[role] == "administrator"
            else (3, 15)
        )
        staff.at[i, "person_id"] = pid
        staff.at[i, "name"] = name
        staff.at[i, "years_experience"] = float(rng.randint(low, high))
        staff.at[i, "vacant"] = False
    return rows


def _still_vacant(
    staff: pd.DataFrame, rng: random.Random, new_hires: list[int], schools: set[str]
) -> None:
    """Some plain teaching positions filled this year, in ``schools``, are still open on the
    snapshot date."""
    plain = [
        i
        for i in new_hires
        if staff.at[i, "role"] == "teacher" and staff.at[i, "school_id"] in schools
    ]
    _vacate(staff, [i for i in plain if rng.random() < STILL_VACANT])


# ----------------------------------------------------------------------------- the log


def activity_log(
    series: lm.readers.series.RosterSeries, rng: random.Random
) -> list[dict[str, Any]]:
    """Observations in six wave-2 schools in 2014-15, named by employee id."""
    during = series[DATES[1]]
    waves = final_waves()
    schools = sorted(s for s, w in waves.items() if w == 2)[:LOG_SCHOOLS]
    days = _school_days()
    rows: list[dict[str, Any]] = []
    for school in schools:
        now = _relations(during, school)
        teachers = sorted(p for p, role in _roles(during, school).items() if role in TEACHING_ROLES)
        for teacher in teachers:
            developers = now.get((teacher, "develops"), [])
            evaluators = now.get((teacher, "evaluates"), [])
            for leader in developers:
                day = rng.randrange(0, 15)
                while day < len(days):
                    rows.append(_event(days[day], school, leader, teacher, "coaching_cycle", 30))
                    day += rng.randrange(10, 16)
            for leader in evaluators:
                picks = sorted(rng.sample(range(20, len(days)), 3))
                rows.append(_event(days[picks[0]], school, leader, teacher, "formal", 45))
                for pick in picks[1:]:
                    rows.append(_event(days[pick], school, leader, teacher, "informal", 15))
            rows += _planted(rng, days, school, teacher, now)
    return sorted(rows, key=lambda r: (r["school_id"], r["date"], r["leader_id"], r["teacher_id"]))


def _planted(
    rng: random.Random,
    days: list[date],
    school: str,
    teacher: str,
    now: dict[tuple[str, str], list[str]],
) -> list[dict[str, Any]]:
    """Now and then a visit by someone who develops others in the school and holds no relation
    to this teacher: another team's Team Lead covering for a colleague, or an administrator."""
    leads_now = {leader for (t, _), leaders in now.items() if t == teacher for leader in leaders}
    others = sorted(
        {leader for (_, rel), leaders in now.items() if rel == "develops" for leader in leaders}
        - leads_now
        - {teacher}
    )
    if others and rng.random() < PLANTED:
        day = days[rng.randrange(20, 60)]
        return [_event(day, school, rng.choice(others), teacher, "informal", 15)]
    return []


def _event(
    day: date, school: str, leader: str, teacher: str, kind: str, minutes: int
) -> dict[str, Any]:
    return {
        "date": day.isoformat(),
        "school_id": school,
        "leader_id": leader,
        "teacher_id": teacher,
        "kind": kind,
        "minutes": minutes,
    }


def _school_days() -> list[date]:
    days, day = [], LOG_YEAR[0]
    while day <= LOG_YEAR[1]:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def _persons(roster: lm.Roster, school: str) -> pd.Series:
    staff = roster.staff[(roster.staff["school_id"] == school) & ~roster.staff["vacant"]]
    return staff.set_index("staff_id")["person_id"]


def _roles(roster: lm.Roster, school: str) -> dict[str, str]:
    staff = roster.staff[(roster.staff["school_id"] == school) & ~roster.staff["vacant"]]
    return dict(zip(staff["person_id"], staff["role"], strict=True))


def _relations(roster: lm.Roster, school: str) -> dict[tuple[str, str], list[str]]:
    """(teacher person, relation) -> the people holding it to them, in the school."""
    person = _persons(roster, school)
    links = roster.links[roster.links["school_id"] == school]
    out: dict[tuple[str, str], list[str]] = {}
    for leader, member, relation in zip(
        links["leader_id"], links["staff_id"], links["relation"], strict=True
    ):
        if leader in person.index and member in person.index:
            out.setdefault((person[member], relation), []).append(person[leader])
    return {key: sorted(set(value)) for key, value in out.items()}


# ----------------------------------------------------------------------------- writing


def write_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    rng = random.Random(SEED)
    people = People(rng)
    waves = final_waves()
    years = [first_year(rng, people)]
    for wave in (2, 3):
        years.append(next_year(years[-1], rng, people, wave, waves))
    OUT.mkdir(parents=True, exist_ok=True)
    rosters = {}
    for day, tables in zip(DATES, years, strict=True):
        roster = lm.read_roster(
            tables["staff"], links=tables["links"], teams=tables["teams"], schools=tables["schools"]
        )
        if (OUT / day).exists():
            shutil.rmtree(OUT / day)
        lm.write_roster(roster, OUT / day, format="parquet")
        rosters[day] = roster
        print(f"{day}  {roster}")
    changes = {"person": {REISSUED[0]: REISSUED[1]}}
    (OUT / "id_changes.json").write_text(json.dumps(changes, indent=2) + "\n", encoding="utf-8")
    series = lm.read_rosters(rosters, id_changes=changes)
    log = activity_log(series, rng)
    write_csv(OUT / "log.csv", log)
    print(f"log.csv     {len(log)} events")
    catalogue_path = SAMPLES / "catalogue.json"
    catalogue = json.loads(catalogue_path.read_text(encoding="utf-8"))
    catalogue["district_years"] = CATALOGUE_ENTRY
    catalogue_path.write_text(
        json.dumps(catalogue, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
