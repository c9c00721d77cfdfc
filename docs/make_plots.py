"""Draw every leadmodel plot from the shipped samples: `python docs/make_plots.py [OUT_DIR]`.

Writes PNG files (default: docs/plots/) that docs/plots.md shows.
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

import leadmodel as lm


def make_all(out: Path) -> list[Path]:
    """Draw the eighteen plots into ``out``; return the files written."""
    out.mkdir(parents=True, exist_ok=True)
    today = lm.load_sample("traditional_elementary")
    denver = lm.apply_model(today, "denver")
    green = lm.apply_model(today, "green_dot")
    district = lm.load_sample("district")
    traditional = district.schools.loc[district.schools["model"] == "traditional", "school_id"]
    waves = {
        "1": traditional[:10].tolist(),
        "2": traditional[10:30].tolist(),
        "3": traditional[30:60].tolist(),
    }
    scenarios = {"Today": today, "Denver": denver, "Green Dot": green}
    survey = lm.load_sample("district_survey")
    teaching = ["teacher", "teacher_leader"]
    logged = lm.load_sample("district_log")
    actuals = lm.observation_actuals(logged.roster, log=logged.log)
    planned = lm.load_sample("district_plan")
    load = lm.initiative_load(planned.roster, planned.plan)
    years = lm.trends(lm.load_sample("district_years").series, model="denver")
    drawings = {
        "spans": lambda: lm.plot_spans(scenarios),
        "span_benchmarks": lambda: lm.plot_span_benchmarks(today),
        "observation_load": lambda: lm.plot_observation_load(today),
        "org_chart": lambda: lm.plot_org_chart(denver),
        "coverage": lambda: lm.plot_coverage(district),
        "compliance": lambda: lm.plot_compliance(lm.compliance(district, "denver")),
        "scenarios": lambda: lm.plot_scenarios(lm.compare(scenarios)),
        "rollout": lambda: lm.plot_rollout(lm.rollout(district, "denver", waves=waves)),
        "nps": lambda: lm.plot_nps(lm.net_promoter_score(survey, by="model", roles=teaching)),
        "felt_responsibility": lambda: lm.plot_felt_responsibility(
            lm.felt_responsibility(district, survey=survey)
        ),
        "advice_overlay": lambda: lm.plot_advice_overlay(district, survey=survey, school_id="D001"),
        "observation_drought": lambda: lm.plot_observation_drought(actuals, school_id="D003"),
        "planned_vs_actual": lambda: lm.plot_planned_vs_actual(actuals, school_id="D003"),
        "dosage": lambda: lm.plot_dosage(lm.coaching_dosage(logged.roster, log=logged.log)),
        "initiative_load": lambda: lm.plot_initiative_load(load),
        "rocks": lambda: lm.plot_rocks(lm.rock_status(planned.plan, "2025-02-07"), max_rocks=30),
        "priorities": lambda: lm.plot_priorities(planned.plan, load),
        "trends": lambda: lm.plot_trends(years),  # small multiples: a figure, not one Axes
    }
    written = []
    for name, draw in drawings.items():
        drawn = draw()
        figure = drawn if isinstance(drawn, Figure) else drawn.figure
        path = out / f"{name}.png"
        figure.savefig(path, dpi=90, metadata={"Software": None})
        plt.close(figure)
        written.append(path)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("plots")
    for p in make_all(target):
        print(p)
