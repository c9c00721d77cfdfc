"""Pydantic models: the things a person writes or reads by hand.

A district's roster lives in columnar tables (:class:`leadmodel.Roster`); these
models are the typed, validated way to build one school by hand, or to read and
write the nested JSON form. :func:`~leadmodel.roster_from_schools` and
``Roster.to_schools()`` convert losslessly in both directions. Checks that need the
role catalogue or the presets (a rule naming a known role or policy) are made where
models are read, by :func:`~leadmodel.presets.leadership.model_from_dict` and
:func:`~leadmodel.get_model`.

Examples
--------
>>> from leadmodel import School, StaffMember, Link, roster_from_schools
>>> school = School(
...     school_id="S1",
...     staff=[
...         StaffMember(staff_id="P1", role="principal"),
...         StaffMember(staff_id="T1", role="teacher", grade="3"),
...     ],
...     links=[Link(leader_id="P1", staff_id="T1", relation="develops")],
... )
>>> roster_from_schools([school]).staff[["staff_id", "school_id", "role"]]
  staff_id school_id       role
0       P1        S1  principal
1       T1        S1    teacher
"""

from __future__ import annotations

from html import escape as _escape
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

__all__ = [
    "RELATIONS",
    "ROLE_CATEGORIES",
    "RULE_METRICS",
    "SCHEMA_MODELS",
    "CostModel",
    "District",
    "LeadershipModel",
    "Link",
    "ModelRole",
    "ObservationPolicy",
    "ObservationVisit",
    "Relation",
    "ReleaseTime",
    "Role",
    "RoleCategory",
    "Rule",
    "School",
    "StaffMember",
    "Team",
    "TeamDesign",
    "TimeModel",
    "json_schemas",
]

#: The typed relations from a leader to a staff member (see ``docs/glossary.md``).
RELATIONS: tuple[str, ...] = (
    "supervises",
    "evaluates",
    "evaluation_input",
    "coaches",
    "develops",
    "facilitates",
)
Relation = Literal[
    "supervises", "evaluates", "evaluation_input", "coaches", "develops", "facilitates"
]

ROLE_CATEGORIES: tuple[str, ...] = (
    "administrator",
    "teacher_leader",
    "coach",
    "teacher",
    "specialist",
    "other",
)
RoleCategory = Literal["administrator", "teacher_leader", "coach", "teacher", "specialist", "other"]

SchoolLevel = Literal["elementary", "middle", "high", "k8", "k12", "other"]
TeamBasis = Literal["grade", "subject", "mixed", "other"]

Id = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Fraction = Annotated[float, Field(ge=0.0, le=1.0)]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Role(_Model):
    """A role in the role catalogue.

    Parameters
    ----------
    key
        Canonical name used in the ``role`` column (``"assistant_principal"``).
    label
        Human-readable name (``"Assistant principal"``).
    category
        One of ``administrator``, ``teacher_leader``, ``coach``, ``teacher``,
        ``specialist``, ``other``.
    teaches
        Whether holders are classroom teachers, and so people whose development
        someone should own (teacher leaders teach too).
    default_release_fte
        Share of the schedule released from teaching assumed when a roster does
        not say (1.0 for administrators and coaches, 0.0 for teachers).
    aliases
        Job titles districts use for the role; matched case- and
        punctuation-insensitively.
    """

    key: Id
    label: str
    category: RoleCategory
    teaches: bool
    default_release_fte: Fraction
    aliases: tuple[str, ...] = ()
    description: str = ""


class ReleaseTime(_Model):
    """Share of a person's schedule released from teaching, and what it is for.

    >>> ReleaseTime(fraction=0.5, purpose="lead grade 3 team").fraction
    0.5
    """

    fraction: Fraction
    purpose: str | None = None


class StaffMember(BaseModel):
    """One position in one school: held by a person, shared by several, or vacant.

    In a file of people each person holds one position of their own (``staff_id`` is the
    person's id, a person in two schools is two members); in a file of positions ``staff_id``
    is the position number and ``person_id`` the incumbent (``;``-separated for a job share).
    A vacant position has no incumbent (``incumbents`` 0). Fields the library does not know
    are kept as extra fields and written back out.

    >>> StaffMember(staff_id="T7", role="teacher", fte=0.5, **{"Badge": "X1"}).model_extra
    {'Badge': 'X1'}
    """

    model_config = ConfigDict(frozen=True, extra="allow")

    staff_id: Id
    school_id: Id | None = None
    role: Id
    title: str | None = None
    name: str | None = None
    fte: Annotated[float, Field(gt=0.0)] = 1.0
    release: ReleaseTime | None = None
    grade: str | None = None
    subject: str | None = None
    team_id: str | None = None
    salary: Annotated[float, Field(ge=0.0)] | None = None
    years_experience: Annotated[float, Field(ge=0.0)] | None = None
    rating: str | None = None
    person_id: str | None = None
    vacant: bool = False
    incumbents: Annotated[int, Field(ge=0)] = 1

    @model_validator(mode="after")
    def _vacancy_has_nobody(self) -> StaffMember:
        if self.vacant and (self.incumbents or self.person_id):
            raise ValueError("a vacant position has no incumbent: incumbents 0 and no person_id")
        if not self.vacant and self.incumbents == 0:
            raise ValueError("a position with no incumbent is vacant: set vacant=True")
        return self


class Link(_Model):
    """A typed relation from a leader to a staff member.

    ``source`` says where the link came from: ``"input"`` or
    ``"inferred:<rule>"`` when :func:`leadmodel.infer_links` drew it.
    """

    model_config = ConfigDict(frozen=True, extra="allow")

    leader_id: Id
    staff_id: Id
    relation: Relation
    source: str = "input"


class Team(_Model):
    """A team of teachers (grade team, department, PLC) led by ``lead_id``.

    ``basis="ilt"`` marks the school's instructional leadership team (see
    :func:`leadmodel.ilt_check`).
    """

    model_config = ConfigDict(frozen=True, extra="allow")

    team_id: Id
    name: str | None = None
    lead_id: str | None = None
    basis: TeamBasis | Literal["ilt"] | None = None


class School(BaseModel):
    """A school: its attributes, staff, leadership links and teams."""

    model_config = ConfigDict(frozen=True, extra="allow")

    school_id: Id
    name: str | None = None
    district_id: str | None = None
    district_name: str | None = None
    level: SchoolLevel | None = None
    grades: str | None = None
    enrollment: Annotated[int, Field(ge=0)] | None = None
    model: str | None = None
    pilot_wave: Annotated[int, Field(ge=0)] | None = None
    staff: list[StaffMember] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    teams: list[Team] = Field(default_factory=list)

    @model_validator(mode="after")
    def _staff_belong_here(self) -> School:
        strays = [m.staff_id for m in self.staff if m.school_id not in (None, self.school_id)]
        if strays:
            raise ValueError(
                f"staff {strays} name another school than {self.school_id!r}; "
                "leave school_id empty inside a School, or move them to their school"
            )
        return self


class District(_Model):
    """A set of schools; :func:`~leadmodel.roster_from_schools` gives its columnar form."""

    schools: list[School] = Field(default_factory=list)


VisitKind = Literal["formal", "informal", "walkthrough", "coaching_cycle"]
VisitBy = Literal["evaluator", "developer", "coach", "external"]
TeacherGroup = Literal["all", "new", "experienced"]


class ObservationVisit(_Model):
    """One kind of visit a policy requires for each teacher in a group, per year.

    Minutes are per visit: in the classroom, and for the pre-conference, the
    debrief (feedback conversation) and the write-up. ``by`` names who must do
    it: the teacher's ``evaluator``, ``developer`` or ``coach`` (from the
    roster's links), or ``external`` (someone outside the school, such as a
    DCPS master educator: counted, but not against any school leader).

    >>> ObservationVisit(kind="informal", per_year=10, classroom_minutes=20).minutes
    20.0
    """

    kind: VisitKind
    per_year: Annotated[float, Field(ge=0)]
    classroom_minutes: Annotated[float, Field(ge=0)]
    pre_conference_minutes: Annotated[float, Field(ge=0)] = 0.0
    debrief_minutes: Annotated[float, Field(ge=0)] = 0.0
    writeup_minutes: Annotated[float, Field(ge=0)] = 0.0
    by: VisitBy = "evaluator"
    teachers: TeacherGroup = "all"
    ratings: tuple[str, ...] | None = None

    @property
    def minutes(self) -> float:
        """Minutes of one visit, all parts together."""
        return (
            self.classroom_minutes
            + self.pre_conference_minutes
            + self.debrief_minutes
            + self.writeup_minutes
        )


class ObservationPolicy(_Model):
    """What an evaluation or coaching policy asks for each teacher per year.

    ``new_teacher_years``: teachers with fewer years of experience than this
    are ``new`` (the rest, and those whose experience is unknown, are
    ``experienced``).
    """

    key: Id
    label: str
    version: str = "1"
    source: str
    visits: tuple[ObservationVisit, ...]
    new_teacher_years: Annotated[float, Field(ge=0)] = 3.0


class TimeModel(_Model):
    """The time leaders have for observation and coaching, per year.

    Available hours of a leader = contract days x hours per day (the
    administrator contract for administrators, the teacher contract for
    everyone else) x FTE x release share x the role's instructional share
    (1.0 for roles not listed).
    """

    key: Id = "default"
    source: str = ""
    teacher_days: Annotated[float, Field(gt=0)] = 186.0
    teacher_hours_per_day: Annotated[float, Field(gt=0)] = 7.5
    admin_days: Annotated[float, Field(gt=0)] = 220.0
    admin_hours_per_day: Annotated[float, Field(gt=0)] = 9.0
    weeks_per_year: Annotated[float, Field(gt=0)] = 36.0
    instructional_share: dict[str, Fraction] = Field(default_factory=dict)


#: Metrics a leadership-model rule can read, each a number per school (``docs/glossary.md``).
RULE_METRICS: dict[str, str] = {
    "max_span": "largest develops span among the rule's role holders",
    "median_span": "median develops span among the rule's role holders who develop anyone",
    "role_count": "number of people holding the rule's role",
    "share_teachers_developed_by_role": "share of teachers whose developer holds the rule's role",
    "share_teachers_with_developer": "share of teachers with at least one developer",
    "share_teachers_fragmented": "share of teachers whose coach is cut off from their evaluation",
    "min_release": "smallest effective release share among the rule's role holders",
    "max_release": "largest effective release share among the rule's role holders",
    "mean_release": "mean effective release share among the rule's role holders",
    "share_with_evaluation_role": "share of role holders who evaluate or give evaluation input",
    "share_end_to_end": "share of role holders holding all five development activities",
    "share_facilitation_only": "share of role holders who only facilitate",
    "share_teams_coherent": "share of teams whose members share a grade or subject",
    "min_team_size": "smallest team (members)",
    "max_team_size": "largest team (members)",
    "max_utilisation": "largest observation-load utilisation among the rule's role holders",
    "ilt_members": "members of the school's instructional leadership team (0 when it has none)",
    "ilt_share_role_included": "share of the rule's role holders (by default administrators and "
    "coaches) on the ILT",
    "ilt_share_team_leads_included": "share of the school's teacher teams whose lead is on the ILT",
    "ilt_meeting_interval_days": "the ILT's typical meeting interval in days (see ilt_check)",
}
RuleOp = Literal["<=", ">=", "<", ">", "==", "between"]
Activity = Literal["goals", "observation_feedback", "coaching", "collaboration", "evaluation"]


class ModelRole(_Model):
    """A role as a leadership model defines it."""

    role: Id
    activities: tuple[Activity, ...] = ()
    evaluation: Literal["owns", "input", "none"] = "none"
    release_min: Fraction = 0.0
    release_max: Fraction = 1.0
    supplement: Annotated[float, Field(ge=0)] | None = None
    description: str = ""

    @model_validator(mode="after")
    def _release_range(self) -> ModelRole:
        if self.release_min > self.release_max:
            raise ValueError(f"role {self.role!r}: release_min is above release_max")
        return self


class TeamDesign(_Model):
    """How a model forms teams: basis by school level and size range (members)."""

    elementary_basis: TeamBasis | None = "grade"
    secondary_basis: TeamBasis | None = "subject"
    size_min: Annotated[int, Field(ge=1)] = 2
    size_max: Annotated[int, Field(ge=1)] = 10


class Rule(_Model):
    """One checkable element of a leadership model.

    A **tight** rule must hold in every school: ``op`` is a comparison and
    ``threshold`` a number. A **loose** rule lets each school choose within
    ``[low, high]`` (``op = "between"``). ``role`` narrows the metric to a role
    key or a role category; ``policy`` names the observation policy for
    ``max_utilisation``.
    """

    key: Id
    element: str
    metric: str
    kind: Literal["tight", "loose"]
    op: RuleOp = "between"
    threshold: float | None = None
    low: float | None = None
    high: float | None = None
    role: str | None = None
    policy: str | None = None

    @model_validator(mode="after")
    def _well_formed(self) -> Rule:
        where = f"rule {self.key!r}"
        if self.metric not in RULE_METRICS:
            raise ValueError(
                f"{where}: unknown metric {self.metric!r}; known metrics: {', '.join(RULE_METRICS)}"
            )
        if self.kind == "tight":
            if self.op == "between" or self.low is not None or self.high is not None:
                raise ValueError(
                    f"{where}: a tight rule must hold everywhere, so it takes one comparison "
                    "(op '<=', '>=', '<', '>' or '==') and a threshold, not a range; write a "
                    "range as two tight rules, or make the rule loose"
                )
            if self.threshold is None:
                raise ValueError(f"{where}: a tight rule needs a threshold")
        else:
            if self.op != "between" or self.low is None or self.high is None:
                raise ValueError(
                    f"{where}: a loose rule states the range a school may choose from: "
                    "op 'between' with low and high"
                )
            if self.low > self.high:
                raise ValueError(f"{where}: low is above high")
        return self


class LeadershipModel(_Model):
    """A leadership model: its roles, how teams are formed, and its tight and loose rules.

    >>> from leadmodel import get_model
    >>> get_model("denver").declared_tight_share
    0.8
    """

    key: Id
    label: str
    version: str = "1"
    source: str
    roles: tuple[ModelRole, ...] = ()
    teams: TeamDesign | None = None
    rules: tuple[Rule, ...]
    declared_tight_share: Fraction | None = None

    @model_validator(mode="after")
    def _rules_make_sense(self) -> LeadershipModel:
        if not self.rules:
            raise ValueError("a leadership model needs at least one rule")
        keys = [r.key for r in self.rules]
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        if dupes:
            raise ValueError(f"rule keys must be unique; repeated: {dupes}")
        return self

    def _repr_html_(self) -> str:
        """The model's roles and rules as two small tables (what a notebook cell shows)."""
        from leadmodel.display import html_table

        roles = [
            {
                "role": r.role,
                "activities": ", ".join(r.activities),
                "evaluation": r.evaluation,
                "release": f"{r.release_min:g}-{r.release_max:g}",
            }
            for r in self.roles
        ]
        rules = [
            {
                "rule": r.key,
                "kind": r.kind,
                "element": r.element,
                "requirement": f"{r.metric} {r.op} "
                + (f"{r.threshold:g}" if r.threshold is not None else f"{r.low:g}-{r.high:g}"),
            }
            for r in self.rules
        ]
        return (
            f"<div><strong>{_escape(self.label)}</strong> ({_escape(self.key)}, "
            f"v{_escape(self.version)})<br><em>Source:</em> {_escape(self.source)}"
            f"{html_table(roles, 'Roles')}{html_table(rules, 'Rules')}</div>"
        )


class CostModel(_Model):
    """What leadership costs: salaries by role, supplements, backfill of released time, benefits.

    ``supplements`` are fixed amounts per year and ``supplement_shares`` shares of
    salary, by role (both apply when both are given). ``backfill_cost_per_fte``
    is the cost of one FTE of teaching covering a teacher leader's released time.
    With ``use_salary_column``, the roster's ``salary`` column wins where given.
    """

    key: Id
    source: str
    salaries: dict[str, Annotated[float, Field(ge=0)]] = Field(default_factory=dict)
    use_salary_column: bool = True
    supplements: dict[str, Annotated[float, Field(ge=0)]] = Field(default_factory=dict)
    supplement_shares: dict[str, Annotated[float, Field(ge=0)]] = Field(default_factory=dict)
    backfill_cost_per_fte: Annotated[float, Field(ge=0)] = 0.0
    benefits_rate: Annotated[float, Field(ge=0)] = 0.0


#: The models other tools exchange with leadmodel, by the name their schema file takes.
SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "district": District,
    "school": School,
    "staff_member": StaffMember,
    "link": Link,
    "team": Team,
    "leadership_model": LeadershipModel,
    "observation_policy": ObservationPolicy,
    "time_model": TimeModel,
    "cost_model": CostModel,
}


def json_schemas() -> dict[str, dict[str, Any]]:
    """JSON Schema (draft 2020-12) of each exchanged model, by name.

    A district as nested JSON (:class:`District`), and the leadership, policy, time and
    cost models that :func:`~leadmodel.read_model` and friends read, so that other
    planning tools can validate what they send and receive.

    >>> schemas = json_schemas()
    >>> sorted(schemas["link"]["properties"])
    ['leader_id', 'relation', 'source', 'staff_id']
    """
    out = {}
    for name, model in SCHEMA_MODELS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"leadmodel:{name}"
        out[name] = schema
    return out


class DosageThresholds(BaseModel):
    """Thresholds of the four qualities of effective coaching, with their sources.

    A teacher's coaching is **individualized** when at least ``one_to_one_share`` of their
    sessions are one-to-one, **intensive** with at least ``sessions_per_month`` sessions a
    month, **sustained** when at least ``share_weeks_with_coaching`` of the weeks so far had
    a session and at least ``min_weeks_with_coaching`` distinct weeks did, and **focused**
    when at least ``focus_share`` of the sessions state a focus. Intensive and sustained are
    rates over the period: before ``min_weeks_observed`` weeks (``7 x min_weeks_observed``
    days) have passed since the school year's start they are missing, not measured, since
    one session in the first days of the year would read as many a month.

    >>> DosageThresholds().sessions_per_month
    2.0
    >>> DosageThresholds().min_weeks_observed, DosageThresholds().min_weeks_with_coaching
    (4, 3)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    one_to_one_share: Annotated[float, Field(ge=0, le=1)] = 0.5
    sessions_per_month: Annotated[float, Field(ge=0)] = 2.0
    share_weeks_with_coaching: Annotated[float, Field(ge=0, le=1)] = 0.4
    focus_share: Annotated[float, Field(ge=0, le=1)] = 0.75
    min_weeks_observed: Annotated[int, Field(ge=1)] = 4
    min_weeks_with_coaching: Annotated[int, Field(ge=1)] = 3
    source: str = ""
