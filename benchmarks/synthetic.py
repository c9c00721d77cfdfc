"""Deterministic synthetic districts of any size, built column by column (no per-person objects).

``synthetic_district(n_schools, seed=...)`` returns the raw tables of a roster (``staff``,
``links``, ``teams``, ``schools``) in leadmodel's canonical columns, ready for
``leadmodel.validate_tables`` or to be written as CSV/Parquet. Schools vary in level
(60% elementary, 20% middle, 20% high) and size, and follow one of four leadership models:

traditional
    the principal and 1-2 APs supervise, evaluate and develop every teacher;
green_dot
    enough APs that none has more than 13 teachers; they supervise, evaluate and develop;
denver
    Team Leads (0.3-0.5 release) develop and coach teams of up to 8 and give evaluation
    input; administrators evaluate teachers and develop the leads;
fresno
    as traditional, plus PLC leads (no release) who facilitate teams of up to 10.

Every school has coaches who coach about a third of its teachers, 2-4 specialists and some
support staff, and grade (elementary) or subject (secondary) teams. The mean school has
``staff_per_school`` staff (default 35, as in a national file of 100,000 schools and 3.5
million staff; 56 gives a city of 1,800 schools and 100,000 staff). All synthetic.

>>> tables = synthetic_district(3, seed=1)
>>> sorted(tables)
['links', 'schools', 'staff', 'teams']
>>> len(tables["schools"])
3
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["MODELS", "synthetic_district"]

MODELS = ("traditional", "green_dot", "denver", "fresno")
LEVELS = np.array(["elementary", "middle", "high"])
GROUPS = {
    "elementary": np.array(["K", "1", "2", "3", "4", "5"]),
    "middle": np.array(["English", "Math", "Science", "History", "Arts"]),
    "high": np.array(["English", "Math", "Science", "History", "Languages", "Arts"]),
}


def _ids(prefix: np.ndarray, numbers: np.ndarray) -> np.ndarray:
    """``prefix-0042`` for each pair, as an object array of Python strings."""
    text = pd.Series(numbers).astype(str).str.zfill(4)
    return (pd.Series(prefix, dtype=object) + "-" + text).to_numpy(dtype=object)


def _school_plan(n: int, staff_per_school: float, rng: np.random.Generator) -> pd.DataFrame:
    level = LEVELS[rng.choice(3, size=n, p=[0.6, 0.2, 0.2])]
    scale = np.where(level == "elementary", 0.8, np.where(level == "middle", 1.0, 1.4))
    teachers = np.maximum(6, np.round(rng.normal(0.7 * staff_per_school * scale, 4))).astype(int)
    model = np.array(MODELS)[rng.choice(4, size=n, p=[0.45, 0.15, 0.3, 0.1])]
    aps = np.where(
        model == "green_dot", np.ceil(teachers / 13) - 1, np.clip(teachers // 25, 0, 2)
    ).astype(int)
    leads = np.where(
        model == "denver",
        np.ceil(teachers / 9),
        np.where(model == "fresno", np.ceil(teachers / 11), 0),
    ).astype(int)
    coaches = np.maximum(1, teachers // 20)
    specialists = rng.integers(2, 5, size=n)
    support = np.maximum(
        0, np.round(staff_per_school - teachers - aps - leads - coaches - 1 - specialists)
    ).astype(int)
    ids = _ids(np.full(n, "S"), np.arange(1, n + 1))
    return pd.DataFrame(
        {
            "school_id": ids,
            "level": level,
            "model": model,
            "teachers": teachers,
            "aps": aps,
            "leads": leads,
            "coaches": coaches,
            "specialists": specialists,
            "support": support,
        }
    )


def synthetic_district(
    n_schools: int, *, staff_per_school: float = 35.0, seed: int = 2016
) -> dict[str, pd.DataFrame]:
    """The raw tables of a synthetic district of ``n_schools`` schools (see the module)."""
    rng = np.random.default_rng(seed)
    plan = _school_plan(n_schools, staff_per_school, rng)
    roles = [
        "principal",
        "assistant_principal",
        "lead",
        "instructional_coach",
        "teacher",
        "specialist",
        "other",
    ]
    counts = np.column_stack(
        [
            np.ones(len(plan), dtype=int),
            plan["aps"],
            plan["leads"],
            plan["coaches"],
            plan["teachers"],
            plan["specialists"],
            plan["support"],
        ]
    )
    per_school = counts.sum(axis=1)
    school_idx = np.repeat(np.arange(len(plan)), per_school)
    role_idx = np.concatenate([np.repeat(np.arange(len(roles)), row) for row in counts])
    number = np.arange(len(school_idx)) - np.repeat(np.cumsum(per_school) - per_school, per_school)
    model = plan["model"].to_numpy()[school_idx]
    role = np.array(roles, dtype=object)[role_idx]
    role[(role == "lead") & (model == "denver")] = "team_lead"
    role[(role == "lead") & (model == "fresno")] = "plc_lead"
    school = plan["school_id"].to_numpy()[school_idx]
    staff_id = _ids(school, number + 1)
    level = plan["level"].to_numpy()[school_idx]
    # each teaching person's group: grade or subject, dealt round-robin within the school
    groups = np.empty(len(role), dtype=object)
    for lvl, names in GROUPS.items():
        rows = level == lvl
        groups[rows] = names[number[rows] % len(names)]
    teaching = np.isin(role, ["teacher", "team_lead", "plc_lead"])
    release = np.full(len(role), np.nan)
    release[role == "team_lead"] = rng.choice(
        [0.3, 0.4, 0.5], size=int((role == "team_lead").sum())
    )
    release[role == "plc_lead"] = 0.0
    staff = pd.DataFrame(
        {
            "staff_id": staff_id,
            "school_id": school,
            "role": role,
            "fte": np.where(rng.random(len(role)) < 0.05, 0.5, 1.0),
            "release_fte": release,
            "grade": np.where(teaching & (level == "elementary"), groups, None),
            "subject": np.where(teaching & (level != "elementary"), groups, None),
            "years_experience": rng.integers(0, 30, size=len(role)).astype(float),
        }
    )
    staff["team_id"] = np.where(teaching, school + ":" + groups.astype(str), None)
    links = _links(staff, plan)
    teams = (
        staff.loc[teaching, ["school_id", "team_id", "grade", "subject"]]
        .drop_duplicates(["school_id", "team_id"])
        .assign(basis=lambda t: np.where(t["grade"].notna(), "grade", "subject"))
    )
    teams = teams.assign(name=teams["team_id"].str.split(":").str[1])[
        ["school_id", "team_id", "name", "basis"]
    ]
    schools = plan[["school_id", "level", "model"]].assign(
        name=lambda s: "School " + s["school_id"],
        enrollment=(plan["teachers"] * 17).astype(int),
        pilot_wave=np.where(plan["model"] == "denver", rng.integers(1, 4, size=len(plan)), None),
    )
    return {
        "staff": staff,
        "links": links,
        "teams": teams.reset_index(drop=True),
        "schools": schools,
    }


def _deal(members: pd.DataFrame, leaders: pd.DataFrame) -> pd.DataFrame:
    """Give each member one leader of their school, round-robin (columns school_id, leader_id,
    staff_id); schools without leaders give no rows."""
    n_leaders = leaders.groupby("school_id").size()
    k = members["school_id"].map(n_leaders)
    members = members[k.notna()]
    k = k[k.notna()].astype(int)
    position = members.groupby("school_id").cumcount() % k
    first = leaders.groupby("school_id").cumcount() == 0
    start = pd.Series(np.flatnonzero(first.to_numpy()), index=leaders.loc[first, "school_id"])
    pick = (members["school_id"].map(start).to_numpy() + position.to_numpy()).astype(np.int64)
    return pd.DataFrame(
        {
            "school_id": members["school_id"].to_numpy(),
            "leader_id": leaders["staff_id"].to_numpy()[pick],
            "staff_id": members["staff_id"].to_numpy(),
        }
    )


def _links(staff: pd.DataFrame, plan: pd.DataFrame) -> pd.DataFrame:
    model = staff["school_id"].map(plan.set_index("school_id")["model"])
    role = staff["role"]
    admins = staff[role.isin(["principal", "assistant_principal"])]
    principal = staff[role == "principal"]
    teachers = staff[role == "teacher"]
    parts = []

    def add(pairs: pd.DataFrame, *relations: str) -> None:
        parts.extend(pairs.assign(relation=r) for r in relations)

    others = staff[role.isin(["assistant_principal", "instructional_coach", "specialist", "other"])]
    add(_deal(others, principal), "supervises")
    denver = model == "denver"
    leads = staff[role == "team_lead"]
    led = _deal(teachers[denver[teachers.index]], leads)
    add(led, "develops", "coaches", "evaluation_input")
    add(_deal(teachers, admins), "supervises", "evaluates")
    add(_deal(teachers[~denver[teachers.index]], admins), "develops")
    add(_deal(leads, admins), "supervises", "evaluates", "develops")
    plc = staff[role == "plc_lead"]
    add(_deal(teachers[(model == "fresno")[teachers.index]], plc), "facilitates")
    add(_deal(plc, admins), "supervises", "evaluates", "develops")
    coached = teachers[
        (~denver[teachers.index]) & (teachers.groupby("school_id").cumcount() % 3 == 0)
    ]
    add(_deal(coached, staff[role == "instructional_coach"]), "coaches")
    return pd.concat(parts, ignore_index=True)[["school_id", "leader_id", "staff_id", "relation"]]
