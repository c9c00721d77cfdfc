"""Time models: how much of each leader's year goes to observation and feedback.

One model for every leader: hours for observation and feedback = contract hours
x FTE x release (or administrative) time x the share of that time the role gives
to observation and feedback. The share is stated per role, with its source or
marked "assumption" (``TimeModel.share_sources``); contracts are assumptions.

Examples
--------
>>> from leadmodel.presets.time import list_time_models
>>> round(float(list_time_models().loc["default", "principal"]), 3)
0.077
"""

from __future__ import annotations

import pandas as pd

from leadmodel.errors import DefinitionError
from leadmodel.models import TimeModel
from leadmodel.presets.sources import BAIN_BRIDGESPAN_2016 as _REPORT

__all__ = ["DEFAULT_TIME", "TIME_MODELS", "get_time_model", "list_time_models"]

_GRISSOM = (
    "Grissom, Loeb and Master, 'Effective Instructional Time Use for School Leaders: "
    "Longitudinal Evidence from Observations of Principals', Educational Researcher 42(8), "
    "433-444 (2013)"
)
_CONTRACTS = (
    "Teacher contract 186 days x 7.5 hours and administrator contract 220 days x 9 hours "
    "(assumption: typical US contracts; replace with your district's)."
)
_PRINCIPAL = (
    f"{_GRISSOM}: in full-day observations of about 100 urban principals, coaching teachers "
    "took 0.5% of their time, evaluating teachers 1.8% and informal classroom walkthroughs 5.4%,"
    " the observation-and-feedback part of the 12.7% they spent on instruction-related "
    "activities: 0.5 + 1.8 + 5.4 = 7.7%."
)
_ADMIN_ASSUMED = (
    "Assumption: the principals' 7.7% (Grissom, Loeb and Master 2013), for want of a measure "
    "of this role's own time."
)
_SHARED = {
    "instructional_coach": f"Assumption: an equal half of a coach's time. {_REPORT} names two "
    "things coaches take on, 'from observation and feedback to facilitating professional "
    "development sessions'; no source gives the split.",
    "team_lead": "Assumption: an equal third of the released time. Denver Public Schools' role "
    "description (thecommons.dpsk12.org, Teacher Leadership, Roles & Development) names three "
    "duties for the part of the day a Team Lead does not teach: they 'facilitate collaborative "
    "team time, provide 1-on-1 observation and coaching to their peers, and contribute to the "
    "LEAP growth and performance evaluation'; no source gives the split.",
    "multi_classroom_leader": "Assumption: an equal third of the released time. Public Impact's "
    "Opportunity Culture educator roles page (opportunityculture.org) says MCLs lead their team "
    "'in lesson planning, data analysis, instructional changes', 'observe and coach team "
    "teachers, co-teach with them, and model instruction': three kinds of duty (leading the "
    "team's planning, observing and coaching, co-teaching and modelling); no source gives the "
    "split.",
    "chair": f"{_REPORT}: grade-level and department leads were given 'release time of one "
    "period per day to lead meetings with their teams and communicate information from the "
    "district', and most 'have neither the authority nor the time to visit classrooms': no "
    "share for observation.",
    "plc_lead": f"{_REPORT}: Fresno's Lead Teacher 'is responsible for facilitating team "
    "meetings in which he or she passes along relevant information from district-wide "
    "professional development sessions': no share for observation.",
    "teacher": "Assumption: a classroom teacher's released time (planning periods) is not for "
    "observing colleagues.",
    "specialist": "Assumption: specialists' time serves students (counselling, intervention, "
    "health), not observation of teachers.",
    "other": "Assumption: support and operations staff do not observe teachers.",
}
_OTHER_ROLES = {
    "instructional_coach": 0.5,
    "team_lead": 1 / 3,
    "multi_classroom_leader": 1 / 3,
    "chair": 0.0,
    "plc_lead": 0.0,
    "teacher": 0.0,
    "specialist": 0.0,
    "other": 0.0,
}


def _model(key: str, source: str, admins: dict[str, tuple[float, str]]) -> TimeModel:
    shares = {role: share for role, (share, _) in admins.items()} | _OTHER_ROLES
    sources = {role: text for role, (_, text) in admins.items()} | _SHARED
    return TimeModel(key=key, source=source, observation_share=shares, share_sources=sources)


TIME_MODELS: dict[str, TimeModel] = {
    m.key: m
    for m in (
        _model(
            "default",
            f"{_CONTRACTS} Share of each role's time given to observation and feedback: "
            "measured for principals (7.7%, Grissom, Loeb and Master 2013), from role "
            "descriptions or assumptions for the other roles (see each role's source).",
            {
                "principal": (0.077, _PRINCIPAL),
                "assistant_principal": (0.077, _ADMIN_ASSUMED),
                "dean": (0.077, _ADMIN_ASSUMED),
            },
        ),
        _model(
            "instruction_related",
            f"{_CONTRACTS} Administrators give all their instruction-related time to observation "
            "and feedback: 12.7% (Grissom, Loeb and Master 2013), an upper bound that also counts "
            "developing the educational program, using data, planning professional development "
            "and teaching students; other roles as in 'default'. leadmodel's time model before "
            "the one-time-model change.",
            {
                role: (
                    0.127,
                    f"{_GRISSOM}: principals spent 12.7% of their time on instruction-related "
                    "activities; applied to APs and deans (assumption).",
                )
                for role in ("principal", "assistant_principal", "dean")
            },
        ),
        _model(
            "aps_focused_on_instruction",
            f"{_CONTRACTS} Assistant principals freed from operations and directed to be in "
            "classrooms, as Dallas, Green Dot and the KIPP regions do in "
            f"{_REPORT} ('frees them from the operating issues that all too often consume their "
            "days'); principals and deans as in 'default'.",
            {
                "principal": (0.077, _PRINCIPAL),
                "assistant_principal": (
                    0.298,
                    "Assumption: an AP freed from operations gives observation and feedback the "
                    "share of time US principals report spending on all curriculum and "
                    "teaching-related tasks, 29.8% (NCES, National Teacher and Principal Survey "
                    "2015-16, public school principals, Table 5); no source measures such APs' "
                    "time.",
                ),
                "dean": (0.077, _ADMIN_ASSUMED),
            },
        ),
    )
}

#: The default time model (``TIME_MODELS["default"]``).
DEFAULT_TIME = TIME_MODELS["default"]


def get_time_model(time: str | TimeModel) -> TimeModel:
    """Return a time model given itself or its preset name (:func:`list_time_models`).

    >>> get_time_model("default").observation_share["team_lead"]
    0.3333333333333333
    """
    if isinstance(time, TimeModel):
        return time
    try:
        return TIME_MODELS[time]
    except KeyError:
        raise DefinitionError(
            f"Unknown time model {time!r}; list_time_models() shows: {', '.join(TIME_MODELS)}."
        ) from None


def list_time_models() -> pd.DataFrame:
    """The time model presets, one row each: contracts and each role's observation share."""
    rows = []
    for t in TIME_MODELS.values():
        rows.append(
            {
                "time_model": t.key,
                "teacher_contract_hours": t.teacher_days * t.teacher_hours_per_day,
                "admin_contract_hours": t.admin_days * t.admin_hours_per_day,
                **t.observation_share,
                "source": t.source,
            }
        )
    return pd.DataFrame(rows).set_index("time_model")
