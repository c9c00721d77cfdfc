"""Generate the synthetic staff survey of the ``district`` sample: ``samples/district_survey/``.

Everything this script writes is SYNTHETIC: no real person answered it. It draws, for the staff of
the bundled ``district`` sample (185 schools), one survey row per respondent with the
"recommend your school as a place to work" item (0-10), the two felt-responsibility items for
leaders, and the advice nominations of teachers ("whom do you go to for advice on instruction").
The answer shares are set from the research behind leadmodel where it gives them, and are labelled
assumptions where it does not (``ANSWERS`` and ``NPS_MIX`` below). The Denver-model (pilot)
schools are built to show a higher teacher Net Promoter Score than the traditional ones: the
report finds the teacher NPS of Denver's pilot schools 47 points above the -18 of all teachers
surveyed.

The output is deterministic: every random choice comes from ``random.Random(SEED)`` and the
roster is read in its canonical order, so rerunning gives byte-identical files. The script also
(re)writes the sample's entry in ``catalogue.json``, leaving the other entries as they are.

Rerun from the repository root, after ``data/make_samples.py`` when the district changes::

    python data/make_survey_sample.py
"""

from __future__ import annotations

import csv
import json
import random
from collections import defaultdict
from pathlib import Path

import leadmodel as lm
from leadmodel.roles import ROLE_CATEGORY, TEACHING_ROLES

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "src" / "leadmodel" / "samples"
OUT = SAMPLES / "district_survey"
NAME = "district_survey"
SEED = 47  # any fixed number: "47 points higher"

REPORT = (
    "Bierly, Doyle and Smith, 'Transforming Schools: How distributed leadership can create more "
    "high-performing schools', Bain & Company with the Bridgespan Group (2016)"
)

#: Share of staff who answer, and share of answers given anonymously (school and role only).
RESPONSE_RATE = 0.75
ANONYMOUS_SHARE = 0.15

#: (promoters, passives, detractors) per school model.
NPS_MIX: dict[str, tuple[float, float, float]] = {
    # report: "only 27% said they would" recommend their school; teacher NPS -18 (Figures 7-8)
    "traditional": (0.27, 0.28, 0.45),
    # report: NPS of teachers in Denver's pilot schools "47 points higher" than -18, so +29
    "denver": (0.50, 0.29, 0.21),
    # assumptions (the report gives no NPS for these models)
    "green_dot": (0.35, 0.30, 0.35),
    "fresno": (0.28, 0.26, 0.46),
}

#: (responsible, primarily responsible) for the teachers led, then for their students' outcomes.
ANSWERS: dict[str, tuple[tuple[float, float], tuple[float, float]]] = {
    # report, Figure 3: 96% of principals responsible, 82% the primary person (students: same,
    # assumption)
    "principal": ((0.96, 0.82), (0.96, 0.82)),
    # assumption: the report gives no AP figure
    "assistant_principal": ((0.85, 0.50), (0.80, 0.40)),
    # report, Figure 16: one-third of coaches do not feel responsible, 36% accountable
    # (students: assumption)
    "instructional_coach": ((0.67, 0.36), (0.40, 0.15)),
    # report, Figures 11-12: teacher leaders 22% / 10% for teachers, 32% / 19% for students
    "chair": ((0.22, 0.10), (0.32, 0.19)),
    # report, Figure 14: PLC leads 38% / 12% for teachers, 32% for students (primary: assumption)
    "plc_lead": ((0.38, 0.12), (0.32, 0.12)),
    # assumption: Denver Team Leads hold the role end to end (85% of Denver teachers say their
    # Team Lead both evaluates and coaches them well, in the report)
    "team_lead": ((0.85, 0.60), (0.80, 0.50)),
}

#: Chance that a teacher names their developer, by model (assumption: the research finds
#: teachers hear from several uncoordinated people; the Denver design gives one close leader).
NAMES_DEVELOPER = {"denver": 0.80, "traditional": 0.25, "green_dot": 0.35, "fresno": 0.30}
NAMES_COACH = 0.35
NAMES_EVALUATOR = 0.15
NAMES_FACILITATOR = 0.30

DESCRIPTION = (
    "SYNTHETIC staff survey of the 'district' sample (185 schools; no real person answered it): "
    "one row per respondent (about 75% of staff answer; 15% of answers anonymous, with school "
    "and role only), the 0-10 'recommend your school as a place to work' item, the two "
    "felt-responsibility items for leaders (no / yes / primary) and teachers' advice nominations. "
    "The Denver-model (pilot) schools were built to show a higher teacher Net Promoter Score "
    "(about +29) than the traditional ones (about -18). Load with "
    "leadmodel.load_sample('district_survey'), which reads survey.csv with the district roster."
)
SOURCE = (
    f"{REPORT}: teacher Net Promoter Score -18 and 27% who would recommend their school "
    "(Figures 7-8); Denver pilot schools' teacher NPS '47 points higher than for all teachers we "
    "surveyed'; principals 96% responsible for teacher growth, 82% primarily (Figure 3); teacher "
    "leaders 22% / 10% for teachers, 32% / 19% for students (Figures 11-12); PLC leads 38% / 12% "
    "(Figure 14); coaches: one-third not responsible, 36% accountable (Figure 16). Green Dot and "
    "Fresno scores, AP and Team Lead answers, and all advice nominations are assumptions "
    "(random.Random(47))."
)


def _deal(rng: random.Random, n: int, shares: tuple[float, ...]) -> list[int]:
    """``n`` category numbers in exactly the given shares (largest remainders), in random order."""
    exact = [share * n for share in shares]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(len(shares)), key=lambda i: (counts[i] - exact[i], i))
    for i in by_remainder[: n - sum(counts)]:
        counts[i] += 1
    kinds = [kind for kind, k in enumerate(counts) for _ in range(k)]
    rng.shuffle(kinds)
    return kinds


def _recommend(rng: random.Random, rows: list[dict[str, str]], shares: tuple[float, ...]) -> None:
    """Give ``rows`` 0-10 answers: promoters (9-10), passives (7-8) and detractors (0-6) in
    exactly the given shares, dealt in a random order, so that each model's score is the one it
    was built to show while single schools vary around it."""
    for row, kind in zip(rows, _deal(rng, len(rows), shares), strict=True):
        if kind == 0:
            score = rng.choice((9, 10))
        elif kind == 1:
            score = rng.choice((7, 8))
        else:
            score = rng.choices(range(7), weights=(1, 1, 1, 2, 3, 5, 7))[0]
        row["recommend"] = str(score)


def _responsibility(rng: random.Random, rows: list[dict[str, str]], role: str) -> None:
    """The two responsibility answers of one role's respondents, in exactly its shares."""
    for item, (responsible, primary) in zip(
        ("responsible_teachers", "responsible_students"), ANSWERS[role], strict=True
    ):
        shares = (1 - responsible, responsible - primary, primary)
        for row, kind in zip(rows, _deal(rng, len(rows), shares), strict=True):
            row[item] = ("no", "yes", "primary")[kind]


def survey_rows(roster: lm.Roster) -> list[dict[str, str]]:
    """Every respondent's row, in a deterministic order (shuffled within each school)."""
    rng = random.Random(SEED)
    model = dict(zip(roster.schools["school_id"], roster.schools["model"], strict=True))
    leaders: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for rec in roster.links.itertuples(index=False):
        leaders[(rec.school_id, rec.staff_id, rec.relation)].append(rec.leader_id)
    staff = roster.staff
    team_of = {
        (s, i): t
        for s, i, t in zip(staff["school_id"], staff["staff_id"], staff["team_id"], strict=True)
        if isinstance(t, str)
    }
    teams: dict[tuple[str, str], list[str]] = defaultdict(list)
    for (school, sid), team in sorted(team_of.items()):
        teams[(school, team)].append(sid)
    rows: list[dict[str, str]] = []
    by_model: dict[str, list[dict[str, str]]] = defaultdict(list)
    by_role: dict[str, list[dict[str, str]]] = defaultdict(list)
    for school, people in staff.groupby("school_id", sort=True):
        teaching = sorted(people.loc[people["role"].isin(TEACHING_ROLES), "staff_id"])
        answers = []
        for sid, role in zip(people["staff_id"], people["role"], strict=True):
            if rng.random() >= RESPONSE_RATE:
                continue
            anonymous = rng.random() < ANONYMOUS_SHARE
            row = {
                "staff_id": "" if anonymous else sid,
                "school_id": school,
                "role": role if anonymous else "",
                "recommend": "",
                "responsible_teachers": "",
                "responsible_students": "",
                "advice_ids": "",
            }
            if ROLE_CATEGORY[role] in ("administrator", "coach", "teacher_leader"):
                by_role[role].append(row)
            if role in TEACHING_ROLES and not anonymous:
                row["advice_ids"] = ";".join(
                    _nominees(rng, school, sid, model[school], leaders, teams, team_of, teaching)
                )
            answers.append(row)
        rng.shuffle(answers)  # so that anonymous rows cannot be placed by their position
        rows.extend(answers)
        by_model[model[school]].extend(answers)
    for name in sorted(by_model):
        _recommend(rng, by_model[name], NPS_MIX[name])
    for role in sorted(by_role):
        _responsibility(rng, by_role[role], role)
    width = len(str(len(rows)))
    return [{"response_id": f"SV{i:0{width}d}", **row} for i, row in enumerate(rows, start=1)]


def _nominees(
    rng: random.Random,
    school: str,
    sid: str,
    model: str,
    leaders: dict[tuple[str, str, str], list[str]],
    teams: dict[tuple[str, str], list[str]],
    team_of: dict[tuple[str, str], str],
    teaching: list[str],
) -> list[str]:
    """One to three people a teacher goes to for advice on instruction."""
    wanted = rng.choices((1, 2, 3), weights=(35, 40, 25))[0]
    named: list[str] = []

    def name(candidates: list[str], chance: float) -> None:
        if candidates and len(named) < wanted and rng.random() < chance:
            choice = rng.choice(sorted(candidates))
            if choice not in named and choice != sid:
                named.append(choice)

    name(leaders[(school, sid, "develops")], NAMES_DEVELOPER[model])
    name(leaders[(school, sid, "coaches")], NAMES_COACH)
    name(leaders[(school, sid, "evaluates")], NAMES_EVALUATOR)
    name(leaders[(school, sid, "facilitates")], NAMES_FACILITATOR)
    team = team_of.get((school, sid))
    peers = [p for p in teams.get((school, team), []) if p != sid] if team else []
    pool = peers or [p for p in teaching if p != sid]
    for _ in range(10):
        if len(named) >= wanted:
            break
        name(pool, 1.0)
    return named


def write_survey(rows: list[dict[str, str]], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def register(catalogue: Path) -> None:
    """Add (or replace) this sample's entry in the catalogue, keeping every other entry."""
    data = json.loads(catalogue.read_text(encoding="utf-8"))
    data[NAME] = {"description": DESCRIPTION, "source": SOURCE}
    catalogue.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main() -> None:
    rows = survey_rows(lm.load_sample("district"))
    write_survey(rows, OUT / "survey.csv")
    register(SAMPLES / "catalogue.json")
    print(f"{NAME:<26} {len(rows)} responses")


if __name__ == "__main__":
    main()
