"""Staff surveys: teacher Net Promoter Score, felt responsibility and the advice network.

A roster says who is *responsible* for developing whom; a staff survey says whether the
structure on paper is the one staff live in. This module measures three things in a survey
read by :func:`~leadmodel.read_survey` (one row per respondent):

:func:`net_promoter_score`
    the share of respondents answering 9-10 on the 0-10 "would you recommend your school as a
    place to work" item minus the share answering 0-6, in points from -100 to 100, by school,
    role, model or pilot wave, with counts and a confidence interval;
:func:`felt_responsibility`
    for each leadership role, the share who say they feel responsible (and primarily
    responsible) for their teachers' growth and for their students' outcomes, next to the share
    the roster makes formally responsible;
:func:`advice_overlay`
    "whom do you go to for advice on instruction" nominations against the formal links: per
    teacher, whether their developer, evaluator or coach is among the people they name; per
    leader, advice in-degree and reach against the formal span; per school, the share of formal
    ``develops`` links confirmed by an advice tie.

Anonymous responses (a role and a school, no staff id) stay anonymous: group results are shown
only for groups of at least ``min_group`` respondents (default 5), every suppressed group is
listed with the reason, and a second group is suppressed with a small one where the small one's
answers could otherwise be worked out by subtraction from a total.

Examples
--------
>>> import leadmodel as lm
>>> survey = lm.load_sample("district_survey")  # synthetic: the district sample's staff survey
>>> survey
<Survey: 6413 responses (5466 identified), 185 schools, 9032 advice ties>
>>> nps = lm.net_promoter_score(survey, by="model", roles=["teacher", "teacher_leader"])
>>> nps[["respondents", "nps"]].round(1)
             respondents   nps
model
denver              2166  29.6
fresno               334 -18.9
green_dot            483  -0.6
traditional         2559 -17.8
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Sequence
from statistics import NormalDist
from typing import Any, Literal, NamedTuple

import networkx as nx
import numpy as np
import pandas as pd

from leadmodel.errors import DefinitionError, RosterError
from leadmodel.graph import graph_from_roster
from leadmodel.metrics.spans import descendant_counts, span_of_control
from leadmodel.readers.issues import (
    IssueLog,
    check_known,
    unnumbered,
)
from leadmodel.readers.survey import ITEMS, Survey
from leadmodel.roles import ROLE_CATEGORY, ROLES, TEACHING_ROLES
from leadmodel.roster import STRING, Roster, member

__all__ = [
    "DEFAULT_MIN_GROUP",
    "AdviceOverlay",
    "advice_graph",
    "advice_overlay",
    "felt_responsibility",
    "net_promoter_score",
]

#: Smallest group of respondents whose results are shown (smaller groups are suppressed).
DEFAULT_MIN_GROUP = 5

LEADER_CATEGORIES = ("administrator", "teacher_leader", "coach")
GUIDING = ("develops", "coaches", "evaluates", "evaluation_input")
PROMOTER_MIN, DETRACTOR_MAX = 9, 6
_GROUPINGS = {
    "school": "school_id",
    "school_id": "school_id",
    "role": "role",
    "category": "category",
    "model": "model",
    "pilot_wave": "pilot_wave",
    "wave": "pilot_wave",
}
_ROLE_ORDER = {role.key: i for i, role in enumerate(ROLES)}


# ------------------------------------------------------------------ the Survey


# ------------------------------------------------------------------ reading


# ------------------------------------------------------------------ groups and suppression


def _check_min_group(min_group: object) -> int:
    """``min_group`` as an ``int``: any whole number (Python or NumPy integer) of at least 1."""
    if (
        isinstance(min_group, bool | np.bool_)
        or not isinstance(min_group, numbers.Integral)
        or min_group < 1
    ):
        raise DefinitionError(
            f"min_group must be a whole number of at least 1 (an int or a NumPy integer), got "
            f"{min_group!r}."
        )
    return int(min_group)


def _role_keys(roles: Iterable[str]) -> set[str]:
    keys: set[str] = set()
    categories = set(ROLE_CATEGORY.values())
    for name in roles:
        if name in ROLE_CATEGORY:
            keys.add(name)
        elif name in categories:
            keys |= {k for k, c in ROLE_CATEGORY.items() if c == name}
        else:
            raise DefinitionError(
                f"Unknown role or category {name!r}; use a role key "
                f"({', '.join(ROLE_CATEGORY)}) or a category ({', '.join(sorted(categories))})."
            )
    return keys


def _group_labels(
    responses: pd.DataFrame, by: str | None, schools: pd.DataFrame
) -> tuple[pd.Series, str]:
    """The group of each response, and the name of the grouping (the output's index name)."""
    if by is None:
        return pd.Series("all", index=responses.index, dtype=object), "group"
    if by not in _GROUPINGS:
        raise DefinitionError(
            f"by={by!r} is not a grouping; use one of {', '.join(_GROUPINGS)} (or None)."
        )
    column = _GROUPINGS[by]
    if column == "category":
        values = responses["role"].map(ROLE_CATEGORY)
    elif column in ("model", "pilot_wave"):
        if schools.empty:
            raise DefinitionError(
                f"by={by!r} needs the roster's schools table: read the survey with roster=..., "
                "or pass roster= here."
            )
        _check_schools(responses, schools, by)
        values = responses["school_id"].map(schools.set_index("school_id")[column])
    else:
        values = responses[column]
    labels = values.astype(object).where(values.notna(), "none")
    return labels, column


def _check_schools(responses: pd.DataFrame, schools: pd.DataFrame, by: str) -> None:
    """Raise when a response's school is not in ``schools`` (it would join the group ``none``)."""
    unknown = ~member(responses["school_id"], schools["school_id"])
    if not unknown.any():
        return
    rows = responses.loc[unknown, ["school_id"]].drop_duplicates().sort_values("school_id")
    log = IssueLog()
    log.add(
        "responses",
        rows.assign(_row=pd.Series(pd.NA, index=rows.index, dtype="Int64")),
        code="unknown_school",
        field="school_id",
        message=f"School {{value!r}} of the survey is not in the roster's schools table, so its "
        f"responses have no {by} to be grouped by.",
        fix="Pass roster= the roster the survey belongs to (or read the survey with it, which "
        "checks every response's school).",
    )
    raise RosterError(log.frame())


def _order(labels: Iterable[Any]) -> list[Any]:
    return sorted(set(labels), key=lambda v: (v == "none", str(type(v)), v))


def _suppress(respondents: pd.Series, min_group: int) -> tuple[pd.Series, pd.Series]:
    """Which groups to suppress, and why.

    Primary: fewer than ``min_group`` respondents. Secondary: when the primary groups hold
    between 1 and ``min_group - 1`` respondents in all, their answers could be worked out by
    subtracting the shown groups from a total; the smallest shown groups (then by label) are
    suppressed too until the suppressed groups hold at least ``min_group``.
    """
    counts = respondents.to_numpy(dtype=int)
    hide = counts < min_group
    reason = [f"fewer than {min_group} respondents" if h else None for h in hide]
    hidden = int(counts[hide].sum())
    if 0 < hidden < min_group:
        labels = [str(g) for g in respondents.index]
        for k in sorted(np.flatnonzero(~hide), key=lambda k: (counts[k], labels[k])):
            hide[k] = True
            reason[k] = (
                f"suppressed with a group of fewer than {min_group}, so that its answers "
                "cannot be worked out by subtraction"
            )
            hidden += int(counts[k])
            if hidden >= min_group:
                break
    primary = pd.Series(hide, index=respondents.index)
    return primary, pd.Series(reason, index=respondents.index, dtype=STRING)


def net_promoter_score(
    survey: Survey,
    *,
    by: str | None = None,
    roles: Sequence[str] | None = None,
    roster: Roster | None = None,
    min_group: int | np.integer[Any] = DEFAULT_MIN_GROUP,
    confidence: float = 0.95,
    method: Literal["wald", "adjusted_wald"] = "wald",
) -> pd.DataFrame:
    """Net Promoter Score of the "recommend as a place to work" item, by group.

    Respondents answering 9 or 10 are promoters, 7 or 8 passives, 0 to 6 detractors;
    ``nps = 100 x (promoters - detractors) / respondents``, from -100 to 100. Respondents who
    skipped the item are not counted.

    Parameters
    ----------
    survey
        From :func:`read_survey`.
    by
        ``None`` (one row, ``all``), ``"school"``, ``"role"``, ``"category"`` (role category),
        ``"model"`` or ``"pilot_wave"`` (``"wave"``); model and pilot wave come from the
        roster's schools table (``none`` for schools without one).
    roles
        Only respondents in these roles (role keys or categories): ``["teacher",
        "teacher_leader"]`` gives a teacher NPS as the research reports it.
    roster
        Gives the schools table for ``by="model"`` / ``"pilot_wave"`` (in place of the one the
        survey was read with). Every response's school must be in it.
    min_group
        Groups with fewer respondents are suppressed (default 5), and a second group with a
        small one where its answers could otherwise be worked out by subtraction. Any whole
        number of at least 1 (``int`` or NumPy integer).
    confidence
        Level of the interval, in (0, 1).
    method
        ``"wald"`` (default): ``nps +- z x se`` with the standard error of a difference of two
        proportions of one multinomial sample,
        ``se = 100 x sqrt((p + d - (p - d)^2) / n)``, clipped to [-100, 100]. When every answer
        of a group falls in one category, ``se`` is 0 and the interval has zero width (five
        promoters of five: 100 to 100); ``interval_degenerate`` flags such groups.
        ``"adjusted_wald"``: the same after adding 3 to ``n`` and 3/4 to promoters and to
        detractors (Rocks 2016), centred on that adjusted score; it never has zero width, but
        in tiny groups it can leave out the score itself. See ``docs/methodology.md``.

    Returns
    -------
    pandas.DataFrame
        One row per group (suppressed groups included, their figures missing), indexed by the
        grouping: ``respondents``, ``promoters``, ``passives``, ``detractors``,
        ``share_promoters``, ``share_passives``, ``share_detractors``, ``nps``, ``nps_se``,
        ``nps_low``, ``nps_high``, ``interval_degenerate`` (the Wald interval has zero width:
        read it as unknown, not as certain; missing for suppressed groups), ``suppressed``,
        ``suppressed_reason``. ``attrs`` records ``by``, ``confidence``, ``method`` and
        ``min_group``.

    Raises
    ------
    DefinitionError
        For an unknown ``by``, role, ``method``, a ``confidence`` outside (0, 1), a
        ``min_group`` that is not a whole number of at least 1, or ``by="model"`` /
        ``"pilot_wave"`` without a schools table.
    RosterError
        With ``by="model"`` / ``"pilot_wave"``, when a response's school is not in the schools
        table (``unknown_school``): it would otherwise be grouped as ``none`` without a word.

    Examples
    --------
    >>> import pandas as pd
    >>> import leadmodel as lm
    >>> raw = pd.DataFrame({"school_id": ["A"] * 8 + ["B"] * 3, "role": "teacher",
    ...                     "recommend": [10, 9, 9, 8, 7, 6, 3, 10, 10, 2, 9]})
    >>> table = lm.net_promoter_score(lm.read_survey(raw), by="school")
    >>> table[["respondents", "promoters", "detractors", "nps", "suppressed"]]
               respondents  promoters  detractors  nps  suppressed
    school_id
    A                 <NA>       <NA>        <NA> <NA>        True
    B                 <NA>       <NA>        <NA> <NA>        True
    >>> lm.net_promoter_score(lm.read_survey(raw), by="school", min_group=3)["nps"].round(1)
    school_id
    A    25.0
    B    33.3
    Name: nps, dtype: Float64

    Five promoters of five: the Wald interval has zero width, and says so.

    >>> unanimous = pd.DataFrame({"school_id": "C", "role": "teacher", "recommend": [9] * 5})
    >>> lm.net_promoter_score(lm.read_survey(unanimous))[["nps_low", "nps_high",
    ...                                                    "interval_degenerate"]]
           nps_low  nps_high  interval_degenerate
    group
    all      100.0     100.0                 True
    """
    min_group = _check_min_group(min_group)
    if not 0 < confidence < 1:
        raise DefinitionError(f"confidence must lie between 0 and 1, got {confidence!r}.")
    if method not in ("wald", "adjusted_wald"):
        raise DefinitionError(f"method must be 'wald' or 'adjusted_wald', got {method!r}.")
    responses = survey.responses
    if roles is not None:
        responses = responses[responses["role"].isin(_role_keys(roles))]
    responses = responses[responses["recommend"].notna()]
    schools = roster.schools if roster is not None else survey.schools
    labels, index_name = _group_labels(responses, by, schools)
    score = responses["recommend"].astype(int)
    frame = pd.DataFrame(
        {
            "group": labels,
            "promoters": (score >= PROMOTER_MIN).astype(int),
            "passives": ((score > DETRACTOR_MAX) & (score < PROMOTER_MIN)).astype(int),
            "detractors": (score <= DETRACTOR_MAX).astype(int),
        }
    )
    groups = _order(labels)
    counts = frame.groupby("group", sort=False).sum().reindex(groups)
    n = frame.groupby("group", sort=False).size().reindex(groups).astype(int)
    index = pd.Index(groups, name=index_name, dtype=object)
    if all(isinstance(g, str) for g in groups):
        index = index.astype(STRING)
    out = pd.DataFrame(index=index)
    out["respondents"] = n.to_numpy()
    for col in ("promoters", "passives", "detractors"):
        out[col] = counts[col].to_numpy()
    p = out["promoters"] / out["respondents"]
    d = out["detractors"] / out["respondents"]
    out["share_promoters"] = p
    out["share_passives"] = out["passives"] / out["respondents"]
    out["share_detractors"] = d
    out["nps"] = 100 * (p - d)
    if method == "adjusted_wald":
        m = out["respondents"] + 3
        p = (out["promoters"] + 0.75) / m
        d = (out["detractors"] + 0.75) / m
    else:
        m = out["respondents"]
    centre = 100 * (p - d)
    se = 100 * np.sqrt(((p + d - (p - d) ** 2) / m).clip(lower=0))
    z = NormalDist().inv_cdf((1 + confidence) / 2)
    out["nps_se"] = se
    out["nps_low"] = (centre - z * se).clip(lower=-100, upper=100)
    out["nps_high"] = (centre + z * se).clip(lower=-100, upper=100)
    # Wald: every answer in one category gives se = 0 and an interval of zero width (5 promoters
    # of 5: 100 to 100), which claims a certainty the group cannot give. Adjusted Wald: never.
    largest = out[["promoters", "passives", "detractors"]].max(axis=1)
    unanimous = (largest == out["respondents"]) & (method == "wald")
    suppressed, reason = _suppress(out["respondents"], min_group)
    for col in ("respondents", "promoters", "passives", "detractors"):
        out[col] = out[col].astype("Int64").mask(suppressed)
    for col in (
        "share_promoters",
        "share_passives",
        "share_detractors",
        "nps",
        "nps_se",
        "nps_low",
        "nps_high",
    ):
        out[col] = out[col].astype("Float64").mask(suppressed)
    # withheld for a suppressed group: it would tell that all its respondents answered alike
    out["interval_degenerate"] = pd.array(unanimous.to_numpy(), dtype="boolean")
    out["interval_degenerate"] = out["interval_degenerate"].mask(suppressed)
    out["suppressed"] = suppressed.to_numpy()
    out["suppressed_reason"] = pd.array(reason.to_numpy(), dtype=STRING)
    out.attrs = {"by": by, "confidence": confidence, "method": method, "min_group": min_group}
    return out


# ------------------------------------------------------------------ felt responsibility


def _formal_shares(roster: Roster, schools: set[str]) -> pd.DataFrame:
    """Per role: holders in ``schools``, and the shares holding guiding / develops links."""
    staff = roster.staff[roster.staff["school_id"].isin(schools)]
    teaching = staff.loc[staff["role"].isin(TEACHING_ROLES), ["school_id", "staff_id"]]
    links = roster.links.merge(teaching, on=["school_id", "staff_id"])
    holders = staff[["school_id", "staff_id", "role"]].rename(columns={"staff_id": "leader_id"})
    leads = pd.MultiIndex.from_frame(holders[["school_id", "leader_id"]])

    def holds(relations: tuple[str, ...]) -> pd.Series:
        chosen = links.loc[links["relation"].isin(relations), ["school_id", "leader_id"]]
        return pd.Series(leads.isin(pd.MultiIndex.from_frame(chosen)), index=holders.index)

    frame = holders.assign(guides=holds(GUIDING), develops=holds(("develops",)))
    grouped = frame.groupby("role")
    return pd.DataFrame(
        {
            "holders": grouped.size(),
            "formal_responsible_teachers": grouped["guides"].mean(),
            "formal_primary_teachers": grouped["develops"].mean(),
        }
    )


def felt_responsibility(
    roster: Roster, *, survey: Survey, min_group: int | np.integer[Any] = DEFAULT_MIN_GROUP
) -> pd.DataFrame:
    """Responsibility as felt (the survey) next to responsibility on paper (the roster), by role.

    For each leadership role (administrators, teacher leaders, coaches): the share of its
    respondents who feel responsible (``yes`` or ``primary``) and primarily responsible
    (``primary``) for the growth of the teachers they lead and for those teachers' students'
    outcomes; and the share of the role's holders in the surveyed schools whom the roster makes
    responsible: any guiding relation (``develops``, ``coaches``, ``evaluates``,
    ``evaluation_input``) to a teacher for "responsible", ``develops`` (end-to-end
    responsibility) for "primarily responsible". The roster records no responsibility for
    students' outcomes, so that item has no formal counterpart.

    Parameters
    ----------
    survey
        From :func:`read_survey`.
    roster
        The roster the formal responsibility is read from.
    min_group
        A role's answers are shown only with at least this many respondents (default 5); an
        item answered by fewer is suppressed on its own. Any whole number of at least 1.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``role`` (catalogue order): ``category``, ``holders``, ``respondents``,
        ``answered_teachers``, ``share_responsible_teachers``, ``share_primary_teachers``,
        ``answered_students``, ``share_responsible_students``, ``share_primary_students``,
        ``formal_responsible_teachers``, ``formal_primary_teachers``,
        ``gap_responsible_teachers``, ``gap_primary_teachers`` (felt minus formal: negative
        when the role on paper is larger than the role as felt), ``suppressed``,
        ``suppressed_reason``.

    Raises
    ------
    RosterError
        When the survey does not belong to ``roster``: an identified respondent not on its
        staff in the response's school (``unknown_staff``), or an anonymous response's school
        not in its schools table (``unknown_school``).

    Examples
    --------
    >>> import leadmodel as lm
    >>> survey = lm.load_sample("district_survey")
    >>> felt = lm.felt_responsibility(lm.load_sample("district"), survey=survey)
    >>> felt.loc[["principal", "chair", "team_lead"],
    ...          ["share_responsible_teachers", "formal_responsible_teachers"]].round(2)
               share_responsible_teachers  formal_responsible_teachers
    role
    principal                        0.96                          1.0
    chair                            0.22                          0.0
    team_lead                        0.85                          1.0
    """
    min_group = _check_min_group(min_group)
    _check_roster(survey, roster, ties=False)
    responses = survey.responses
    leaders = responses[responses["role"].map(ROLE_CATEGORY).isin(LEADER_CATEGORIES)]
    formal = _formal_shares(roster, set(responses["school_id"].dropna()))
    formal = formal[formal.index.map(ROLE_CATEGORY).isin(LEADER_CATEGORIES)]
    roles = sorted(set(leaders["role"]) | set(formal.index), key=_ROLE_ORDER.__getitem__)
    out = pd.DataFrame(index=pd.Index(roles, name="role", dtype=STRING))
    out["category"] = pd.array([ROLE_CATEGORY[r] for r in roles], dtype=STRING)
    out["holders"] = formal["holders"].reindex(roles, fill_value=0).astype("Int64").array
    answered_any = leaders[leaders[list(ITEMS)].notna().any(axis=1)]
    respondents = answered_any.groupby("role").size().reindex(roles, fill_value=0)
    suppressed = (respondents < min_group).to_numpy(dtype=bool)
    notes: list[list[str]] = [
        [f"fewer than {min_group} respondents"] if s else [] for s in suppressed
    ]
    out["respondents"] = respondents.astype("Int64").array
    for item, short in (("responsible_teachers", "teachers"), ("responsible_students", "students")):
        answers = leaders.loc[leaders[item].notna(), ["role", item]]
        grouped = answers.groupby("role")[item]
        answered = grouped.size().reindex(roles, fill_value=0)
        few = (answered < min_group).to_numpy(dtype=bool) & ~suppressed
        for k in np.flatnonzero(few):
            notes[k].append(f"{item} answered by fewer than {min_group}")
        hide = suppressed | few
        shares = {
            f"share_responsible_{short}": answers[item].isin(["yes", "primary"]),
            f"share_primary_{short}": answers[item] == "primary",
        }
        out[f"answered_{short}"] = answered.astype("Int64").array
        for col, flag in shares.items():
            share = flag.groupby(answers["role"]).mean().reindex(roles)
            out[col] = share.astype("Float64").array
            out[col] = out[col].mask(hide)
    for col in ("formal_responsible_teachers", "formal_primary_teachers"):
        out[col] = formal[col].reindex(roles).astype("Float64").array
    out["gap_responsible_teachers"] = (
        out["share_responsible_teachers"] - out["formal_responsible_teachers"]
    )
    out["gap_primary_teachers"] = out["share_primary_teachers"] - out["formal_primary_teachers"]
    for col in ("respondents", "answered_teachers", "answered_students"):
        out[col] = out[col].mask(suppressed)
    out["suppressed"] = suppressed
    out["suppressed_reason"] = pd.array(["; ".join(n) if n else pd.NA for n in notes], dtype=STRING)
    out.attrs = {"min_group": min_group}
    return out


# ------------------------------------------------------------------ the advice network


_NOT_THIS_ROSTER = (
    "Read the survey with roster= this roster (its responses and nominations are then checked "
    "row by row), or pass the roster the survey was read with."
)


def _check_roster(survey: Survey, roster: Roster, *, ties: bool) -> None:
    """Raise unless ``survey`` belongs to ``roster``: a survey analysed with another roster.

    A survey read with this roster was checked then, and is not checked again. Otherwise every
    identified respondent must be on the roster's staff in the response's school, every
    anonymous response's school in its schools table and, with ``ties``, both ends of every
    advice tie on its staff in the tie's school. Issues have no ``row`` (the survey's rows were
    read earlier); they name the staff id or school.
    """
    if survey.read_with(roster):
        return
    log = IssueLog()
    where = "this roster (the survey was read without it, or with another)"
    staff = roster.staff[["school_id", "staff_id"]]
    responses = unnumbered(survey.responses)
    identified = responses["identified"].to_numpy(dtype=bool)
    check_known(
        responses[identified],
        "staff_id",
        staff,
        what="staff",
        table="responses",
        log=log,
        within="school_id",
        where=where,
        fix=_NOT_THIS_ROSTER,
    )
    anonymous = responses.loc[~identified, ["school_id"]].drop_duplicates().sort_values("school_id")
    check_known(
        unnumbered(anonymous),
        "school_id",
        roster.schools,
        what="school",
        table="responses",
        log=log,
        where=where,
        fix=_NOT_THIS_ROSTER,
    )
    if ties:
        advice = unnumbered(survey.advice)
        for end in ("staff_id", "adviser_id"):
            known = staff.rename(columns={"staff_id": end})
            check_known(
                advice,
                end,
                known,
                what="staff",
                table="nominations",
                log=log,
                within="school_id",
                where=where,
                fix=_NOT_THIS_ROSTER,
            )
    if not log.is_empty():
        raise RosterError(log.frame(), what="survey")


def _ties(survey: Survey, roster: Roster) -> pd.DataFrame:
    """The survey's advice ties, once the survey is checked against ``roster``."""
    _check_roster(survey, roster, ties=True)
    return survey.advice


def advice_graph(roster: Roster, *, survey: Survey) -> nx.MultiDiGraph:
    """The leadership graph with the advice ties as a layer beside the formal links.

    The graph is :func:`~leadmodel.graph_from_roster`'s, plus one edge per advice tie keyed
    ``"advice"`` (attributes ``relation="advice"``, ``source="survey"``). Like every formal
    link, an advice edge runs from the person who guides to the person guided: from the
    adviser to the respondent who names them. Measure spans and coverage on the roster, not on
    this graph (an advice edge would count as a link there).

    Examples
    --------
    >>> import leadmodel as lm
    >>> G = lm.advice_graph(lm.load_sample("district"), survey=lm.load_sample("district_survey"))
    >>> sum(1 for *_, key in G.edges(keys=True) if key == "advice")
    9032
    """
    ties = _ties(survey, roster)
    G = graph_from_roster(roster)
    for school, seeker, adviser in zip(
        ties["school_id"], ties["staff_id"], ties["adviser_id"], strict=True
    ):
        G.add_edge(
            (school, adviser), (school, seeker), "advice", relation="advice", source="survey"
        )
    G.graph["advice_ties"] = len(ties)
    return G


class AdviceOverlay(NamedTuple):
    """The three tables of :func:`advice_overlay`."""

    teachers: pd.DataFrame
    leaders: pd.DataFrame
    schools: pd.DataFrame


def _id_list(frame: pd.DataFrame, index: pd.MultiIndex) -> pd.Series:
    ordered = frame.sort_values(["school_id", "staff_id", "leader_id"])
    lists = ordered.groupby(["school_id", "staff_id"])["leader_id"].agg(";".join)
    return lists.reindex(index).astype(STRING)


def _teacher_table(
    ties: pd.DataFrame, roster: Roster, formal: pd.DataFrame, person: list[str]
) -> pd.DataFrame:
    staff = roster.staff.set_index(person)["role"]
    seekers = ties[["school_id", "staff_id"]].drop_duplicates()
    roles = staff.reindex(pd.MultiIndex.from_frame(seekers))
    seekers = seekers[roles.isin(TEACHING_ROLES).to_numpy()]
    index = pd.MultiIndex.from_frame(seekers).sort_values()
    out = pd.DataFrame(index=index)
    out["role"] = staff.reindex(index).astype(STRING)
    named = ties.rename(columns={"adviser_id": "leader_id"})
    out["nominees"] = named.groupby(person).size().reindex(index, fill_value=0).astype("int64")
    confirmed = formal.merge(named, on=[*person, "leader_id"])
    any_formal = confirmed[["school_id", "staff_id", "leader_id"]].drop_duplicates()
    n_formal = any_formal.groupby(person).size().reindex(index, fill_value=0).astype("int64")
    out["nominees_formal"] = n_formal
    out["nominees_informal"] = out["nominees"] - n_formal
    flags = []
    for relation, name in (
        ("develops", "developer"),
        ("evaluates", "evaluator"),
        ("coaches", "coach"),
    ):
        held = formal[formal["relation"] == relation]
        has = held.groupby(person).size().reindex(index, fill_value=0) > 0
        named_here = confirmed[confirmed["relation"] == relation].groupby(person).size()
        hit = named_here.reindex(index, fill_value=0) > 0
        out[f"{name}_ids"] = _id_list(held, index)
        out[f"{name}_not_nominated"] = (has & ~hit).astype(bool)
        flags.append((has, hit))
    has_any = flags[0][0] | flags[1][0] | flags[2][0]
    hit_any = flags[0][1] | flags[1][1] | flags[2][1]
    out["no_formal_leader_nominated"] = (has_any & ~hit_any).astype(bool)
    return out


def _leader_table(
    ties: pd.DataFrame, roster: Roster, formal: pd.DataFrame, schools: set[str]
) -> pd.DataFrame:
    key = ["school_id", "leader_id"]
    spans = span_of_control(roster)
    spans = spans[spans.index.get_level_values("school_id").isin(schools)]
    adviser_edges = ties.rename(columns={"adviser_id": "leader_id"})[
        ["school_id", "leader_id", "staff_id"]
    ]
    nominated = pd.MultiIndex.from_frame(adviser_edges[key].drop_duplicates())
    index = spans.index.union(nominated.set_names(key)).sort_values()
    roles = roster.staff.set_index(["school_id", "staff_id"])["role"]
    out = pd.DataFrame(index=index)
    out["role"] = pd.Series(roles.reindex(index).to_numpy(), index=index, dtype=STRING)
    out["span"] = spans["span"].reindex(index, fill_value=0).astype("int64")
    out["span_all"] = spans["span_all"].reindex(index).fillna(0).astype("int64")
    out["advice_in_degree"] = (
        adviser_edges.groupby(key).size().reindex(index, fill_value=0).astype("int64")
    )
    reach = descendant_counts(adviser_edges) if len(adviser_edges) else pd.Series(dtype="int64")
    out["advice_reach"] = reach.reindex(index, fill_value=0).astype("int64")
    develops = formal.loc[formal["relation"] == "develops", [*key, "staff_id"]]
    answered = develops[
        member(
            develops["school_id"] + "\x1f" + develops["staff_id"],
            ties["school_id"] + "\x1f" + ties["staff_id"],
        )
    ]
    confirmed = answered.merge(adviser_edges, on=[*key, "staff_id"])
    out["span_answered"] = answered.groupby(key).size().reindex(index, fill_value=0)
    out["span_confirmed"] = confirmed.groupby(key).size().reindex(index, fill_value=0)
    out["share_span_confirmed"] = (
        out["span_confirmed"] / out["span_answered"].where(out["span_answered"] > 0)
    ).astype("Float64")
    out["advice_from_outside_span"] = out["advice_in_degree"] - out["span_confirmed"]
    for col in ("span_answered", "span_confirmed", "advice_from_outside_span"):
        out[col] = out[col].astype("int64")
    return out


def _school_table(
    ties: pd.DataFrame,
    formal: pd.DataFrame,
    teachers: pd.DataFrame,
    schools: list[str],
    min_group: int,
) -> pd.DataFrame:
    index = pd.Index(schools, name="school_id", dtype=STRING)
    out = pd.DataFrame(index=index)
    respondents = ties.drop_duplicates(["school_id", "staff_id"]).groupby("school_id").size()
    out["respondents_advice"] = respondents.reindex(index, fill_value=0).astype("Int64")
    out["advice_ties"] = ties.groupby("school_id").size().reindex(index, fill_value=0)
    any_formal = formal[["school_id", "leader_id", "staff_id"]].drop_duplicates()
    formal_ties = ties.merge(
        any_formal.rename(columns={"leader_id": "adviser_id"}),
        on=["school_id", "adviser_id", "staff_id"],
    )
    out["advice_ties_formal"] = formal_ties.groupby("school_id").size().reindex(index, fill_value=0)
    develops = formal.loc[formal["relation"] == "develops", ["school_id", "leader_id", "staff_id"]]
    out["develops_links"] = develops.groupby("school_id").size().reindex(index, fill_value=0)
    seekers = ties["school_id"] + "\x1f" + ties["staff_id"]
    answered = develops[member(develops["school_id"] + "\x1f" + develops["staff_id"], seekers)]
    confirmed = answered.merge(
        ties.rename(columns={"adviser_id": "leader_id"}), on=["school_id", "leader_id", "staff_id"]
    )
    out["develops_links_answered"] = (
        answered.groupby("school_id").size().reindex(index, fill_value=0)
    )
    out["develops_confirmed"] = confirmed.groupby("school_id").size().reindex(index, fill_value=0)
    for col in (
        "advice_ties",
        "advice_ties_formal",
        "develops_links",
        "develops_links_answered",
        "develops_confirmed",
    ):
        out[col] = out[col].astype("Int64")
    out["share_ties_formal"] = (
        out["advice_ties_formal"] / out["advice_ties"].where(out["advice_ties"] > 0)
    ).astype("Float64")
    out["share_develops_confirmed"] = (
        out["develops_confirmed"]
        / out["develops_links_answered"].where(out["develops_links_answered"] > 0)
    ).astype("Float64")
    flagged = teachers.groupby(level="school_id")["no_formal_leader_nominated"].sum()
    out["teachers_no_formal_leader_nominated"] = flagged.reindex(index, fill_value=0).astype(
        "Int64"
    )
    suppressed = (out["respondents_advice"] < min_group).to_numpy(dtype=bool)
    for col in (
        "advice_ties",
        "advice_ties_formal",
        "develops_links_answered",
        "develops_confirmed",
        "share_ties_formal",
        "share_develops_confirmed",
        "teachers_no_formal_leader_nominated",
    ):
        out[col] = out[col].mask(suppressed)
    out["suppressed"] = suppressed
    reason = pd.Series(pd.NA, index=index, dtype=STRING)
    reason[suppressed] = f"fewer than {min_group} respondents named advisers"
    out["suppressed_reason"] = reason
    return out


def advice_overlay(
    roster: Roster, *, survey: Survey, min_group: int | np.integer[Any] = DEFAULT_MIN_GROUP
) -> AdviceOverlay:
    """The advice network against the formal structure: per teacher, leader and school.

    Parameters
    ----------
    survey
        From :func:`read_survey`; its advice ties come from identified responses.
    roster
        The formal structure; every tie's respondent and adviser must be on its staff in the
        tie's school (they are when the survey was read with this roster).
    min_group
        Per-school figures are shown only where at least this many respondents named an
        adviser (default 5). The per-teacher and per-leader tables are built from identified
        answers and are not suppressed: treat them as personal data, like the roster. Any whole
        number of at least 1.

    Returns
    -------
    AdviceOverlay
        ``teachers`` (respondents in teaching roles who named an adviser), indexed by
        ``(school_id, staff_id)``: ``role``, ``nominees``, ``nominees_formal`` (nominees with a
        formal link to the teacher), ``nominees_informal``, ``developer_ids``,
        ``developer_not_nominated``, ``evaluator_ids``, ``evaluator_not_nominated``,
        ``coach_ids``, ``coach_not_nominated``, ``no_formal_leader_nominated``.

        ``leaders`` (the leaders of the surveyed schools, and everyone named as an adviser),
        indexed by ``(school_id, leader_id)``: ``role``, ``span``, ``span_all`` (formal
        ``develops`` spans), ``advice_in_degree``, ``advice_reach``, ``span_answered``,
        ``span_confirmed``, ``share_span_confirmed``, ``advice_from_outside_span``.

        ``schools`` (the surveyed schools), indexed by ``school_id``: ``respondents_advice``,
        ``advice_ties``, ``advice_ties_formal``, ``share_ties_formal``, ``develops_links``,
        ``develops_links_answered``, ``develops_confirmed``, ``share_develops_confirmed``,
        ``teachers_no_formal_leader_nominated``, ``suppressed``, ``suppressed_reason``.

    Raises
    ------
    RosterError
        When the survey does not belong to ``roster`` (as for :func:`felt_responsibility`), or
        an advice tie's respondent or adviser is not on its staff in the tie's school.

    Notes
    -----
    A respondent without an advice tie (the advice question left blank, or every nomination
    left out while reading) counts as not having answered it: a survey export cannot tell "I
    go to no one" from a skipped question. Such teachers are not in ``teachers`` (nor flagged
    ``no_formal_leader_nominated``), not in ``respondents_advice``, and their ``develops``
    links are neither confirmed nor denied (not in ``span_answered`` or
    ``develops_links_answered``).

    Examples
    --------
    >>> import leadmodel as lm
    >>> roster = lm.load_sample("district")
    >>> overlay = lm.advice_overlay(roster, survey=lm.load_sample("district_survey"))
    >>> by_model = overlay.schools.join(roster.schools.set_index("school_id")["model"])
    >>> by_model.groupby("model")["share_develops_confirmed"].mean().round(2)
    model
    denver         0.92
    fresno         0.35
    green_dot      0.42
    traditional    0.35
    Name: share_develops_confirmed, dtype: Float64
    """
    min_group = _check_min_group(min_group)
    ties = _ties(survey, roster)
    person = ["school_id", "staff_id"]
    schools = sorted(set(survey.responses["school_id"].dropna()))
    links = roster.links[roster.links["school_id"].isin(schools)]
    formal = links[["school_id", "leader_id", "staff_id", "relation"]]
    teachers = _teacher_table(ties, roster, formal, person)
    leaders = _leader_table(ties, roster, formal, set(schools))
    return AdviceOverlay(
        teachers=teachers,
        leaders=leaders,
        schools=_school_table(ties, formal, teachers, schools, min_group),
    )
