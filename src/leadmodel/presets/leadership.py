"""Reference leadership models as data, each with its source and the numbers it encodes.

Examples
--------
>>> from leadmodel import list_models
>>> list_models().loc["green_dot", ["tight_rules", "loose_rules"]].tolist()
[4, 1]
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
from pydantic import ValidationError

from leadmodel.errors import DefinitionError
from leadmodel.models import Activity, LeadershipModel, ModelRole, Rule, TeamDesign
from leadmodel.presets.policies import POLICIES
from leadmodel.presets.sources import BAIN_BRIDGESPAN_2016 as _REPORT
from leadmodel.presets.sources import ILT_GUIDE
from leadmodel.presets.sources import OPPORTUNITY_CULTURE_MODELS as _OC_MODELS
from leadmodel.presets.sources import OPPORTUNITY_CULTURE_ROLES as _OC_ROLES
from leadmodel.roles import ROLE_CATEGORY

__all__ = ["MODELS", "get_model", "list_models", "model_from_dict", "write_model"]

_ADMINS = "administrator"
_ALL_FIVE: tuple[Activity, ...] = (
    "goals",
    "observation_feedback",
    "coaching",
    "collaboration",
    "evaluation",
)


def _tight(key: str, element: str, metric: str, op: str, threshold: float, **kw: Any) -> Rule:
    return Rule(
        key=key,
        element=element,
        metric=metric,
        kind="tight",
        op=op,  # type: ignore[arg-type]
        threshold=threshold,
        **kw,
    )


def _loose(key: str, element: str, metric: str, low: float, high: float, **kw: Any) -> Rule:
    return Rule(
        key=key,
        element=element,
        metric=metric,
        kind="loose",
        op="between",
        low=low,
        high=high,
        **kw,
    )


_ADMINS_90 = (
    "`admins_develop` 0.9 (administrators develop at least 90% of teachers, leaving room for "
    "teachers developed by someone else)"
)
_ADMINS_DEVELOP = _tight(
    "admins_develop",
    "Administrators develop the teachers",
    "share_teachers_developed_by_role",
    ">=",
    0.9,
    role=_ADMINS,
)
_PRINCIPAL = ModelRole(
    role="principal", activities=("goals", "observation_feedback", "evaluation"), evaluation="owns"
)
_AP = ModelRole(
    role="assistant_principal",
    activities=("goals", "observation_feedback", "evaluation"),
    evaluation="owns",
)

MODELS: dict[str, LeadershipModel] = {
    m.key: m
    for m in (
        LeadershipModel(
            key="traditional",
            label="Traditional: principal and AP evaluate and develop every teacher",
            source=f"{_REPORT}: the typical school, where the principal and one AP are responsible"
            " for all teachers (54 teachers, 93 adults in the example elementary school; "
            "37 teachers per principal on average); coaches and teacher leaders sit beside"
            " the line. Assumptions (leadmodel's thresholds, not the report's): "
            f"{_ADMINS_90}; `admin_spans_large` 14 (spans above Green Dot's 13, the largest the "
            "report allows in a distributed model).",
            roles=(_PRINCIPAL, _AP),
            rules=(
                _ADMINS_DEVELOP,
                _tight(
                    "admin_spans_large",
                    "Administrator spans are large (14+)",
                    "max_span",
                    ">=",
                    14,
                    role=_ADMINS,
                ),
            ),
        ),
        LeadershipModel(
            key="denver",
            label="Denver Team Lead: teacher leaders with release time lead grade or subject teams",
            source=f"{_REPORT}: Denver's pilot model is 80% 'tight' (role definitions, "
            "expectations, compensation) and 20% 'loose' (amount of release time, team "
            "composition); a Team Lead gets up to 50% release, leads up to eight teachers "
            "organised by grade or subject, observes and coaches them and gives evaluation"
            " input. Pilot in 14 of 185 schools, then 26 and 31 more. Assumptions: "
            "`leads_develop` 0.75 (Team Leads develop most teachers; the leads themselves are "
            "developed by administrators), `lead_end_to_end` (every Team Lead holds all five "
            "development activities, the report's end-to-end responsibility), the low end 0.1 "
            "of `lead_release`, and teams of at least 3.",
            roles=(
                _PRINCIPAL,
                ModelRole(
                    role="team_lead",
                    activities=_ALL_FIVE,
                    evaluation="input",
                    release_min=0.0,
                    release_max=0.5,
                    description="observes, coaches, evaluation input; up to 8 teachers",
                ),
            ),
            teams=TeamDesign(size_min=3, size_max=9),
            rules=(
                _tight(
                    "leads_develop",
                    "Team Leads develop most teachers",
                    "share_teachers_developed_by_role",
                    ">=",
                    0.75,
                    role="team_lead",
                ),
                _tight(
                    "lead_span",
                    "A Team Lead leads at most 8 teachers",
                    "max_span",
                    "<=",
                    8,
                    role="team_lead",
                ),
                _tight(
                    "lead_evaluation_input",
                    "Every Team Lead has evaluation input",
                    "share_with_evaluation_role",
                    ">=",
                    1.0,
                    role="team_lead",
                ),
                _tight(
                    "lead_end_to_end",
                    "Every Team Lead holds all five development activities",
                    "share_end_to_end",
                    ">=",
                    1.0,
                    role="team_lead",
                ),
                _loose(
                    "lead_release",
                    "Team Lead release time (school's choice, up to 50%)",
                    "mean_release",
                    0.1,
                    0.5,
                    role="team_lead",
                ),
            ),
            declared_tight_share=0.8,
        ),
        LeadershipModel(
            key="green_dot",
            label="Green Dot: more APs as instructional leaders, none above 13 teachers",
            source=f"{_REPORT}: a Green Dot school of 540-620 students has one principal and two "
            "APs, none with more than 13 teachers; CEO Marco Petruzzi: ideally no leader "
            f"responsible for more than 10. Assumptions: {_ADMINS_90}; `ap_evaluates` (APs "
            "own the evaluation of the teachers they develop).",
            roles=(_PRINCIPAL, _AP),
            rules=(
                _ADMINS_DEVELOP,
                _tight(
                    "admin_span",
                    "No administrator develops more than 13 teachers",
                    "max_span",
                    "<=",
                    13,
                    role=_ADMINS,
                ),
                _tight(
                    "two_aps", "At least two APs", "role_count", ">=", 2, role="assistant_principal"
                ),
                _tight(
                    "ap_evaluates",
                    "Every AP evaluates",
                    "share_with_evaluation_role",
                    ">=",
                    1.0,
                    role="assistant_principal",
                ),
                _loose(
                    "admin_span_ideal",
                    "Administrator span towards the ideal of 10",
                    "max_span",
                    1,
                    10,
                    role=_ADMINS,
                ),
            ),
        ),
        LeadershipModel(
            key="kipp",
            label="KIPP Sunshine Peak: APs coach within departments, teacher leaders coach 1-2",
            source=f"{_REPORT}: at KIPP Sunshine Peak Academy (26 teachers) two APs coach 8 "
            "teachers each within departments, teacher leaders coach and evaluate 1-2 "
            "teachers, and the principal coaches the coaches. Assumptions: "
            "`everyone_developed` (every teacher has a developer), and the teacher leaders' "
            "release (`lead_release` 0.1 to 0.3, at most 0.5): the report gives none.",
            roles=(
                _PRINCIPAL,
                _AP,
                ModelRole(
                    role="team_lead",
                    activities=("goals", "observation_feedback", "coaching", "evaluation"),
                    evaluation="owns",
                    release_max=0.5,
                ),
            ),
            rules=(
                _tight(
                    "ap_span",
                    "An AP develops at most 8 teachers",
                    "max_span",
                    "<=",
                    8,
                    role="assistant_principal",
                ),
                _tight(
                    "lead_span",
                    "A teacher leader develops at most 2 teachers",
                    "max_span",
                    "<=",
                    2,
                    role="team_lead",
                ),
                _tight(
                    "lead_evaluates",
                    "Teacher leaders evaluate the teachers they coach",
                    "share_with_evaluation_role",
                    ">=",
                    1.0,
                    role="team_lead",
                ),
                _tight(
                    "everyone_developed",
                    "Every teacher has a developer",
                    "share_teachers_with_developer",
                    ">=",
                    1.0,
                ),
                _loose(
                    "lead_release",
                    "Teacher leader release time",
                    "mean_release",
                    0.1,
                    0.3,
                    role="team_lead",
                ),
            ),
        ),
        LeadershipModel(
            key="opportunity_culture",
            label="Opportunity Culture Multi-Classroom Leader",
            source=f"{_REPORT}: MCLs lead teams, are accountable for all the team's students and "
            "have explicit input into evaluation while the principal owns it; teacher "
            "leaders in these pilots devote 50% or more of their schedule to non-classroom"
            f" duties, and their compensation was boosted significantly (Figure 22). {_OC_ROLES}"
            f"; {_OC_MODELS}. A new MCL's release defaults to 0.5, the report's '50% or more' "
            "(partial release, with the support of advanced paraprofessionals). Assumption: "
            "`mcl_end_to_end` (every MCL holds all five development activities).",
            roles=(
                _PRINCIPAL,
                ModelRole(
                    role="multi_classroom_leader",
                    activities=_ALL_FIVE,
                    evaluation="input",
                    release_min=0.5,
                    release_max=1.0,
                    release_default=0.5,
                ),
            ),
            rules=(
                _tight(
                    "mcl_release",
                    "MCLs have at least 50% non-classroom time",
                    "min_release",
                    ">=",
                    0.5,
                    role="multi_classroom_leader",
                ),
                _tight(
                    "mcl_span",
                    "An MCL team has at most 8 teachers",
                    "max_span",
                    "<=",
                    8,
                    role="multi_classroom_leader",
                ),
                _tight(
                    "mcl_evaluation_input",
                    "Every MCL has evaluation input",
                    "share_with_evaluation_role",
                    ">=",
                    1.0,
                    role="multi_classroom_leader",
                ),
                _tight(
                    "mcl_end_to_end",
                    "Every MCL holds all five development activities",
                    "share_end_to_end",
                    ">=",
                    1.0,
                    role="multi_classroom_leader",
                ),
                _loose(
                    "mcl_team_size",
                    "MCL team size (typically 4 to 6 teachers)",
                    "max_span",
                    4,
                    6,
                    role="multi_classroom_leader",
                ),
            ),
        ),
        LeadershipModel(
            key="sanger",
            label="Sanger PLC Team Lead: Team Leads lead PLCs and develop their teachers",
            source=f"{_REPORT}: Sanger (California) has run a PLC-based distributed leadership "
            "model centred on Team Leads, 'teacher leaders who work with teams of teachers in "
            "PLCs', for over a decade, to 'cultivate multiple leaders in each building who feel "
            "truly responsible for developing the teachers they manage'; a new teacher is "
            "'immediately led to your PLC leader'; teacher Net Promoter Score 54. The report "
            "gives no team size and no share of teachers the Team Leads develop: the PLC size "
            "of 3 to 10 is Fresno's Accountable Communities' (the report's other PLC system) and "
            "'Team Leads develop at least half the teachers' (`leads_develop` 0.5) leaves room "
            "for teachers on no PLC; both are assumptions for Sanger, as are `coherent_teams` "
            "0.9 (PLCs share a grade or subject, as the report's PLC teams do in Fresno) and "
            "the Team Leads' release: 0.2 for a new lead, at most 0.5 (the report gives none; "
            "0.2 is about the 'one period per day' it reports for grade-level leads elsewhere, "
            "0.5 Denver's ceiling).",
            roles=(
                _PRINCIPAL,
                ModelRole(
                    role="team_lead",
                    activities=_ALL_FIVE,
                    evaluation="input",
                    release_max=0.5,
                    release_default=0.2,
                ),
            ),
            teams=TeamDesign(size_min=3, size_max=10),
            rules=(
                _tight(
                    "coherent_teams",
                    "PLC teams share a grade or subject",
                    "share_teams_coherent",
                    ">=",
                    0.9,
                ),
                _tight(
                    "leads_develop",
                    "Team Leads develop at least half the teachers (assumption)",
                    "share_teachers_developed_by_role",
                    ">=",
                    0.5,
                    role="team_lead",
                ),
                _tight(
                    "leads_not_only_facilitate",
                    "No Team Lead only facilitates",
                    "share_facilitation_only",
                    "<=",
                    0.0,
                    role="team_lead",
                ),
                _loose(
                    "team_size", "PLC size (assumption: Fresno's 3 to 10)", "max_team_size", 3, 10
                ),
            ),
        ),
        LeadershipModel(
            key="fresno",
            label="Fresno Accountable Communities: lead teachers facilitate, administrators "
            "develop",
            source=f"{_REPORT}: Fresno Unified's 700 'Accountable Communities' of 3 to 10 "
            "teachers, by grade (elementary) or subject (secondary), each with a Lead "
            "Teacher paid a $2,000 stipend to facilitate meetings and pass on district "
            f"professional development. Assumption: {_ADMINS_90}.",
            roles=(
                _PRINCIPAL,
                _AP,
                ModelRole(role="plc_lead", activities=("collaboration",), supplement=2000),
            ),
            teams=TeamDesign(size_min=3, size_max=10),
            rules=(
                _tight(
                    "leads_facilitate",
                    "Lead Teachers facilitate only",
                    "share_facilitation_only",
                    ">=",
                    1.0,
                    role="plc_lead",
                ),
                _ADMINS_DEVELOP,
                _tight("team_min", "Communities have at least 3 members", "min_team_size", ">=", 3),
                _tight(
                    "team_max", "Communities have at most 10 members", "max_team_size", "<=", 10
                ),
            ),
        ),
    )
}


def get_model(model: str | LeadershipModel) -> LeadershipModel:
    """Return a leadership model given itself or its preset name (``green-dot`` = ``green_dot``).

    >>> get_model("Green-Dot").key
    'green_dot'
    """
    if isinstance(model, LeadershipModel):
        problems = model_problems(model)
        if problems:
            raise DefinitionError(
                f"Malformed leadership model {model.key!r}:\n  " + "\n  ".join(problems)
            )
        return model
    try:
        return MODELS[model.strip().lower().replace("-", "_")]
    except KeyError:
        raise DefinitionError(
            f"Unknown leadership model {model!r}; list_models() shows: {', '.join(MODELS)}."
        ) from None


def list_models() -> pd.DataFrame:
    """The reference leadership models, one row each."""
    rows = [
        {
            "model": m.key,
            "label": m.label,
            "version": m.version,
            "tight_rules": sum(r.kind == "tight" for r in m.rules),
            "loose_rules": sum(r.kind == "loose" for r in m.rules),
            "declared_tight_share": m.declared_tight_share,
            "source": m.source,
        }
        for m in MODELS.values()
    ]
    return pd.DataFrame(rows).set_index("model")


def model_problems(model: LeadershipModel) -> list[str]:
    """What in ``model`` names a role or an observation policy leadmodel does not know.

    The pydantic model checks a model's own shape; this checks it against the role
    catalogue and the policy presets, which the model layer does not know.

    >>> model_problems(get_model("denver"))
    []
    """
    known = set(ROLE_CATEGORY) | set(ROLE_CATEGORY.values())
    problems = []
    for at, rule in enumerate(model.rules):
        where = f"rules[{at}] {rule.key!r}"
        if rule.role is not None and rule.role not in known:
            problems.append(
                f"{where} role: unknown role {rule.role!r}; use a role key or category "
                "(leadmodel.list_roles())"
            )
        if rule.policy is not None and rule.policy not in POLICIES:
            problems.append(
                f"{where} policy: unknown observation policy {rule.policy!r}; "
                "use one of list_policies()"
            )
    for at, role in enumerate(model.roles):
        if role.role not in ROLE_CATEGORY:
            problems.append(f"roles[{at}]: role {role.role!r} is not in the role catalogue")
    return problems


def _checked(model: LeadershipModel) -> LeadershipModel:
    """``model`` itself, or a :class:`DefinitionError` listing :func:`model_problems`."""
    problems = model_problems(model)
    if problems:
        raise DefinitionError("Malformed leadership model:\n  " + "\n  ".join(problems))
    return model


def model_from_dict(data: Mapping[str, Any]) -> LeadershipModel:
    """Validate a leadership model given as a dict; errors name the bad rule.

    Raises
    ------
    DefinitionError
        Naming each malformed part (``rules[2] 'lead_span': ...``) and why.
    """
    try:
        model = LeadershipModel.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = list(err["loc"])
            where = "model"
            if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
                rules = data.get("rules") or []
                key = rules[loc[1]].get("key") if loc[1] < len(rules) else None
                where = f"rules[{loc[1]}] {key!r}"
                loc = loc[2:]
            field = ".".join(str(p) for p in loc)
            message = str(err["msg"]).removeprefix("Value error, ")
            problems.append(f"{where}{' ' + field if field else ''}: {message}")
        raise DefinitionError("Malformed leadership model:\n  " + "\n  ".join(problems)) from None
    return _checked(model)


def write_model(model: LeadershipModel, path: str | Path) -> Path:
    """Write a leadership model to JSON or YAML (by suffix); :func:`~leadmodel.read_model`
    reads it back."""
    path = Path(path)
    data = model.model_dump(mode="json")
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml

        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    else:
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return path


#: The default ILT rules, as a leadership model whose rules all read ILT metrics. Add its
#: rules to any model (``model.rules + ILT_MODEL.rules``) to make the ILT part of that model.
ILT_MODEL = LeadershipModel(
    key="ilt",
    label="Instructional leadership team",
    source=f"{ILT_GUIDE}, lever 1: 'Each team is composed of school leadership (principal and "
    "vice principal), instructional coaches, and select teachers', and the reflection question "
    "'Are we meeting regularly (weekly)?'. That the select teachers include the leader of "
    "every teacher team is leadmodel's assumption: in a distributed-leadership model the team "
    "leaders are the link between the ILT and the teams (Bain & Company / Bridgespan, "
    "'Transforming Schools', 2016, on leaders with end-to-end responsibility for a team). "
    "'Weekly' is read as a meeting interval of at most 7 days, the interval being the median, "
    "over the days from the school year's start to as_of, of the stretch between meetings each "
    "day falls in, before the first meeting and after the last included (assumption: the median "
    "lets a holiday week pass, and a stop longer than half the period fails).",
    rules=(
        Rule(
            key="ilt_exists",
            element="The school has an instructional leadership team",
            metric="ilt_members",
            kind="tight",
            op=">=",
            threshold=1,
        ),
        Rule(
            key="ilt_includes_principal",
            element="The principal sits on the ILT",
            metric="ilt_share_role_included",
            kind="tight",
            op=">=",
            threshold=1,
            role="principal",
        ),
        Rule(
            key="ilt_includes_aps",
            element="Every assistant principal sits on the ILT",
            metric="ilt_share_role_included",
            kind="tight",
            op=">=",
            threshold=1,
            role="assistant_principal",
        ),
        Rule(
            key="ilt_includes_coaches",
            element="Every instructional coach sits on the ILT",
            metric="ilt_share_role_included",
            kind="tight",
            op=">=",
            threshold=1,
            role="coach",
        ),
        Rule(
            key="ilt_includes_every_team_lead",
            element="The leader of every teacher team sits on the ILT",
            metric="ilt_share_team_leads_included",
            kind="tight",
            op=">=",
            threshold=1,
        ),
        Rule(
            key="ilt_meets_weekly",
            element="The ILT meets weekly",
            metric="ilt_meeting_interval_days",
            kind="tight",
            op="<=",
            threshold=7,
        ),
    ),
)
