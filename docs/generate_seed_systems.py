"""Regenerate docs/seed-systems.md: each system of the research, the report's figure, leadmodel's.

Run ``python docs/generate_seed_systems.py``; ``tests/test_seed_systems.py`` runs ``rows()`` and
checks both the figures and that the page is current. Every figure below is computed here from
the shipped samples and presets (no number is typed in by hand except the report's own).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

import leadmodel as lm

REPORT = (
    "Bierly, Doyle and Smith, *Transforming Schools: How distributed leadership can create "
    "more high-performing schools*, Bain & Company with the Bridgespan Group (2016)"
)


@functools.cache
def _district() -> lm.Roster:
    return lm.load_sample("district")


@functools.cache
def _survey_nps() -> pd.DataFrame:
    survey = lm.load_sample("district_survey")
    by_model = lm.net_promoter_score(survey, by="model", roles=["teacher", "teacher_leader"])
    overall = lm.net_promoter_score(survey, roles=["teacher", "teacher_leader"])
    return pd.concat([by_model, overall.rename(index={"all": "all teachers"})])


def _spans(roster: lm.Roster) -> dict[str, list[int]]:
    spans = lm.span_of_control(roster)
    developing = spans[spans["span"] > 0]
    return {str(k): sorted(int(x) for x in v) for k, v in developing.groupby("role")["span"]}


def traditional() -> dict[str, Any]:
    roster = lm.load_sample("traditional_elementary")
    row = lm.school_summary(roster).loc["S-TRAD"]
    load = lm.observation_summary(roster).loc["S-TRAD"]
    generous = lm.observation_summary(roster, time="instruction_related").loc["S-TRAD"]
    spans = _spans(roster)
    values = {
        "teachers": int(row["teachers"]),
        "staff": int(row["staff"]),
        "students": int(row["enrollment"]),
        "admin_spans": spans["principal"] + spans["assistant_principal"],
        "max_utilisation": float(load["max_utilisation"]),
        "max_utilisation_instruction_related": float(generous["max_utilisation"]),
        "students_per_leader": float(row["max_students_per_leader"]),
    }
    return {
        "system": "Traditional example school (`traditional_elementary`)",
        "report": "a principal and one AP responsible for all 54 teachers, 93 adults, 570 students",
        "leadmodel": f"{values['teachers']} teachers, {values['staff']} staff, "
        f"{values['students']} students; the principal and AP develop "
        f"{values['admin_spans'][0]} and {values['admin_spans'][1]} teachers, "
        f"{values['students_per_leader']:.0f} students each; most loaded leader at "
        f"{values['max_utilisation']:.2f} of their observation time under 10 spot + 1 formal "
        f"({values['max_utilisation_instruction_related']:.2f} with all instruction-related "
        "time)",
        "basis": "staffing planted; utilisation and students measured",
        "values": values,
    }


def urban_220() -> dict[str, Any]:
    roster = lm.load_sample("urban_220_observations")
    load = lm.observation_load(roster)
    leaders = load[load["observations"] > 0]
    hours = float(leaders["hours_available"].iloc[0])
    formal = 20 * 3.0  # 20 teachers x one 180-minute formal cycle
    values = {
        "observations": sorted(float(x) for x in leaders["observations"]),
        "utilisation": float(leaders["utilisation"].max()),
        "minutes_per_spot_visit": (hours - formal) * 60 / 200,
    }
    return {
        "system": "The report's other large urban district (`urban_220_observations`)",
        "report": "10 spot + 1 formal observations a year: 'nearly 220 observations each' for "
        "the principal and one AP; 'cursory, 15-minute stop-by visits'",
        "leadmodel": f"{values['observations'][0]:.0f} observations each (20 teachers x 11); "
        f"utilisation {values['utilisation']:.2f}; "
        f"{values['minutes_per_spot_visit']:.1f} minutes per spot visit, classroom, feedback "
        "and write-up together",
        "basis": "20 teachers each planted (220 / 11); utilisation and minutes measured",
        "values": values,
    }


def denver() -> dict[str, Any]:
    roster = lm.load_sample("denver_team_lead")
    spans = _spans(roster)["team_lead"]
    leads = roster.staff[roster.staff["role"] == "team_lead"]
    capacity = lm.max_teachers_per_leader("denver_leap", role="team_lead", release_fte=0.5)
    values = {
        "release": sorted({float(x) for x in leads["release_fte"]}),
        "max_span": max(spans),
        "capacity": capacity,
        "score": float(lm.compliance(roster, "denver").schools.loc["S-DEN", "score"]),
    }
    return {
        "system": "Denver Team Lead (`denver_team_lead`)",
        "report": "up to 50% release; 'up to eight other teachers'; observe, coach, give "
        "evaluation input",
        "leadmodel": f"Team Leads on {values['release'][-1]:g} release (the specials lead "
        f"{values['release'][0]:g}) with teams of up to {values['max_span']}; a Team Lead on "
        f"0.5 release can carry {capacity:.1f} teachers under weekly Denver-style visits; "
        f"Denver score {values['score']:g}",
        "basis": "release and team sizes planted; capacity and score measured",
        "values": values,
    }


def denver_pilot() -> dict[str, Any]:
    district = _district()
    waves = district.schools["pilot_wave"].value_counts().sort_index()
    view = lm.district_view(lm.compliance(district, "denver"), district)
    tightness = view.waves.loc[[1, 2, 3], "measured_tightness"].tolist()
    values = {
        "schools": len(district.schools),
        "waves": [int(x) for x in waves],
        "tightness": tightness,
    }
    return {
        "system": "Denver's pilot (`district`)",
        "report": "14 of 185 schools, then 26 and 31 more: 71; the model 80% 'tight'",
        "leadmodel": f"{values['schools']} schools, waves of "
        f"{', '.join(str(w) for w in values['waves'])} ({sum(values['waves'])}); measured "
        f"tightness in each wave {', '.join(f'{t:g}' for t in tightness)}",
        "basis": "waves planted; tightness measured",
        "values": values,
    }


def green_dot() -> dict[str, Any]:
    roster = lm.load_sample("green_dot")
    spans = _spans(roster)
    values = {
        "students": int(roster.schools["enrollment"].iloc[0]),
        "admin_spans": spans["principal"] + spans["assistant_principal"],
    }
    return {
        "system": "Green Dot (`green_dot`)",
        "report": "540-620 students; one principal and two APs, 'none ... has more than 13 "
        "teachers'",
        "leadmodel": f"{values['students']} students; the principal and two APs develop "
        f"{', '.join(str(s) for s in sorted(values['admin_spans'], reverse=True))}",
        "basis": "planted",
        "values": values,
    }


def kipp() -> dict[str, Any]:
    before = lm.load_sample("kipp_sunshine_peak_before")
    load = lm.observation_load(before, policy="kipp_sunshine_peak_9")
    principal = load.loc[("S-KIPP", "KIPP-P01")]
    after = lm.apply_model(before, "kipp")
    spans = _spans(after)
    values = {
        "observations": float(principal["observations"]),
        "utilisation": float(principal["utilisation"]),
        "ap_spans": spans["assistant_principal"],
        "lead_spans": sorted(spans["team_lead"], reverse=True),
    }
    return {
        "system": "KIPP Sunshine Peak (`kipp_sunshine_peak_before`, `apply_model(..., 'kipp')`)",
        "report": "before: the principal observed each of 26 teachers nine times a year; "
        "after: two APs coach eight teachers each, teacher leaders coach one or two",
        "leadmodel": f"before: {values['observations']:.0f} observations (26 x 9), utilisation "
        f"{values['utilisation']:.2f}; re-staffed: APs with "
        f"{' and '.join(str(s) for s in values['ap_spans'])} teachers, teacher leaders with "
        f"{', '.join(str(s) for s in values['lead_spans'])}",
        "basis": "the before school planted; its load and the re-staffing measured",
        "values": values,
    }


def opportunity_culture() -> dict[str, Any]:
    plan = lm.budget_neutral_plan(lm.load_sample("opportunity_culture_mcl"), "opportunity_culture")
    used = plan.funding[plan.funding["used"] > 0].set_index("lever")["used"]
    values = {
        "neutral": plan.neutral,
        "net_change": float(plan.funding["net_change"].iloc[0]),
        "used": {str(k): float(v) for k, v in used.items()},
    }
    return {
        "system": "Opportunity Culture MCL (`opportunity_culture_mcl`)",
        "report": "teacher leaders with 50% or more non-classroom time, paid more; Opportunity "
        "Culture: supplements 'within regular school budgets'",
        "leadmodel": f"a budget-neutral plan with the model's defaults: {values['net_change']:,.0f}"
        " a year more, funded by "
        + ", ".join(f"`{k}` {v:,.0f}" for k, v in values["used"].items()),
        "basis": "measured (the plan is searched, not planted)",
        "values": values,
    }


def sanger() -> dict[str, Any]:
    roster = lm.load_sample("sanger_plc")
    row = lm.classify_model(roster).loc["S-SAN"]
    values = {
        "score": float(lm.compliance(roster, "sanger").schools.loc["S-SAN", "score"]),
        "tie": bool(row["tie"]),
        "tied": sorted([str(row["closest_model"]), str(row["tied_with"])]),
    }
    return {
        "system": "Sanger PLC Team Leads (`sanger_plc`)",
        "report": "Team Leads who lead PLCs and develop their teachers; teacher NPS 54",
        "leadmodel": f"Sanger score {values['score']:g}; `classify_model` reports a tie between "
        f"{' and '.join(values['tied'])} (their rules ask the same of Team Leads). NPS 54 not "
        "reproduced: no Sanger school is in the survey sample",
        "basis": "structure planted (sizes and release are assumptions); score and tie measured",
        "values": values,
    }


def dallas() -> dict[str, Any]:
    district = _district()
    schools = district.schools.set_index("school_id")
    targets = schools.index[schools["model"].isin(["traditional", "fresno"])]
    scenario = lm.with_assistant_principals(district, increase=0.75, schools=targets)
    plan = lm.fund_scenario(district, scenario, by="district_id")
    table = plan.funding.set_index("lever")
    before = int((district.staff["role"] == "assistant_principal").sum())
    after = int((scenario.staff["role"] == "assistant_principal").sum())
    over = lm.observation_summary(plan.roster).loc[targets, "leaders_over_capacity"].sum()
    values = {
        "aps": before,
        "added": after - before,
        "net_change": float(table["net_change"].iloc[0]),
        "pd": float(table.loc["reallocate_pd", "used"]),
        "coaches": float(table.loc["convert_coaches", "fte"]),
        "neutral": plan.neutral,
        "over_capacity": int(over),
    }
    return {
        "system": "Dallas ISD (`with_assistant_principals` on `district`)",
        "report": "163 more APs, 'a 75% increase in two years'; 'We didn't add to the budget'",
        "leadmodel": f"{values['added']} more APs (75% of {values['aps']}), "
        f"{values['net_change'] / 1e6:.1f}M a year, funded within the district's budget by "
        f"development spending ({values['pd'] / 1e6:.1f}M) and {values['coaches']:.0f} coach "
        f"positions; {values['over_capacity']} leaders over capacity in those schools",
        "basis": "+75% planted; the funding and capacity measured",
        "values": values,
    }


def fresno() -> dict[str, Any]:
    roster = lm.load_sample("fresno_facilitation")
    gaps = lm.coverage_gaps(roster)
    sizes = gaps.teams["members"]
    leads = gaps.leaders[gaps.leaders["role"] == "plc_lead"]
    values = {
        "sizes": (int(sizes.min()), int(sizes.max())),
        "facilitation_only": bool(leads["facilitation_only"].all()),
        "stipend": int(roster.staff["stipend"].dropna().astype(float).unique()[0]),
    }
    return {
        "system": "Fresno Accountable Communities (`fresno_facilitation`)",
        "report": "700 communities of 3 to 10; a Lead Teacher paid $2,000 to facilitate",
        "leadmodel": f"communities of {values['sizes'][0]} to {values['sizes'][1]}; every Lead "
        f"Teacher only facilitates; stipend {values['stipend']:,}",
        "basis": "planted",
        "values": values,
    }


def survey() -> dict[str, Any]:
    nps = _survey_nps()
    values = {
        "traditional": float(nps.loc["traditional", "nps"]),
        "promoters": float(nps.loc["traditional", "share_promoters"]),
        "all": float(nps.loc["all teachers", "nps"]),
        "denver": float(nps.loc["denver", "nps"]),
    }
    values["denver_above"] = values["denver"] - values["traditional"]
    return {
        "system": "Teacher survey (`district_survey`)",
        "report": "teacher NPS -18 and 27% who would recommend their school (all teachers "
        "surveyed); Denver's pilot schools 47 points higher",
        "leadmodel": f"traditional schools {values['traditional']:.1f} "
        f"({values['promoters']:.1%} promoters), carrying the report's all-teacher figures; "
        f"pilot schools {values['denver']:+.1f}, {values['denver_above']:.1f} points higher; "
        f"all the sample's teachers {values['all']:+.1f} (a Denver-like district, 38% pilots)",
        "basis": "planted (shares set per model); the all-teacher score measured",
        "values": values,
    }


def proliferation() -> dict[str, Any]:
    row = lm.role_proliferation(_district(), by="district_id").loc["SD"]
    values = {
        "types": int(row["leadership_role_types"]),
        "share": float(row["share_teachers_with_leadership_role"]),
        "per_principal": float(row["leadership_positions_per_principal"]),
    }
    return {
        "system": "Role proliferation (`role_proliferation` on `district`)",
        "report": "one district: some 40 role types, held by more than 35% of teachers; "
        "another: 12 extra leadership positions per principal",
        "leadmodel": f"{values['types']} role types, {values['share']:.1%} of teachers, "
        f"{values['per_principal']:.1f} positions per principal: measured, not planted (the "
        "sample district was not built to show proliferation)",
        "basis": "measured",
        "values": values,
    }


def collaboration() -> dict[str, Any]:
    sample = lm.load_sample("district_log")
    schools = lm.collaboration_time(sample.roster, log=sample.log).schools
    model = sample.roster.schools.set_index("school_id")["model"]
    by_model = schools.join(model).groupby("model")["mean_hours_per_month"].mean()
    values = {"traditional": float(by_model["traditional"]), "denver": float(by_model["denver"])}
    return {
        "system": "Time to collaborate (`collaboration_time` on `district_log`)",
        "report": "teachers 'report having only four hours a month to collaborate'; a Denver "
        "team huddles 'twice a week'",
        "leadmodel": f"{values['traditional']:.1f} hours a month in the traditional schools "
        f"(planted: weekly 65-minute team meetings), {values['denver']:.1f} in the "
        "Denver-style schools (twice a week, 45 minutes)",
        "basis": "planted",
        "values": values,
    }


def development_spending() -> dict[str, Any]:
    lever = lm.list_levers().loc["reallocate_pd"]
    values = {
        "per_teacher": float(lever["amount_per_teacher"]),
        "share": float(lever["max_share"]),
    }
    return {
        "system": "Development spending (`reallocate_pd` lever)",
        "report": "TNTP: 'upwards of $18,000 per teacher per year on professional development'",
        "leadmodel": f"{values['per_teacher']:,.0f} per teacher a year, of which "
        f"{values['share']:.0%} (an assumption) may move into school leadership",
        "basis": "the report's figure; the share an assumption",
        "values": values,
    }


ROWS: tuple[Callable[[], dict[str, Any]], ...] = (
    traditional,
    urban_220,
    denver,
    denver_pilot,
    green_dot,
    kipp,
    opportunity_culture,
    sanger,
    dallas,
    fresno,
    survey,
    proliferation,
    collaboration,
    development_spending,
)


@functools.cache
def rows() -> tuple[dict[str, Any], ...]:
    """Every row, computed."""
    return tuple(make() for make in ROWS)


def render() -> str:
    lines = [
        "# Seed systems: the report's figures and leadmodel's",
        "",
        f"Each system the research behind leadmodel describes ({REPORT}), the figure the",
        "report gives, and what leadmodel computes from its synthetic sample or preset. This page",
        "is generated by `docs/generate_seed_systems.py`, which `tests/test_seed_systems.py` runs:",
        "the tests check every figure below and that the page is current. A figure a sample was",
        "built to show is *planted*; one leadmodel computes without having planted it is",
        "*measured*; one the samples cannot give says why.",
        "",
        "| system | the report | leadmodel | planted or measured |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {r['system']} | {r['report']} | {r['leadmodel']} | {r['basis']} |" for r in rows()
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    Path(__file__).with_name("seed-systems.md").write_text(render(), encoding="utf-8")
