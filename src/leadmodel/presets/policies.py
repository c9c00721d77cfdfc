"""Observation policies and the default time model, each with its source.

Where a source gives a number it is used as given; where it does not (minutes
for write-ups, contract days), the value is a stated planning assumption, marked
"assumption" in the ``source`` text, for the analyst to replace with the
district's own.

Examples
--------
>>> from leadmodel import list_policies
>>> float(list_policies().loc["bain_10_spot_1_formal", "observations_per_teacher"])
11.0
"""

from __future__ import annotations

import pandas as pd

from leadmodel.errors import DefinitionError
from leadmodel.models import DosageThresholds, ObservationPolicy, ObservationVisit, TimeModel
from leadmodel.presets.sources import BAIN_BRIDGESPAN_2016 as _REPORT
from leadmodel.presets.sources import KRAFT_2018

__all__ = [
    "DEFAULT_TIME",
    "POLICIES",
    "get_policy",
    "get_time_model",
    "list_policies",
    "school_hours_per_teacher",
]


def _formal_cycle(per_year: float) -> ObservationVisit:
    """A formal cycle by the evaluator: 30-minute pre-conference, 45-minute observation,
    45-minute post-conference and a 60-minute write-up."""
    return ObservationVisit(
        kind="formal",
        per_year=per_year,
        pre_conference_minutes=30,
        classroom_minutes=45,
        debrief_minutes=45,
        writeup_minutes=60,
        by="evaluator",
    )


POLICIES: dict[str, ObservationPolicy] = {
    p.key: p
    for p in (
        ObservationPolicy(
            key="bain_10_spot_1_formal",
            label="10 spot observations + 1 formal observation (large urban district)",
            source=f"{_REPORT}: 'every teacher must receive 10 spot observations each year from "
            "his or her direct supervisor in addition to a formal observation and "
            "evaluation'. Spot visits: 20 minutes in class, 15 of feedback, 10 of write-"
            "up; formal cycle 30 + 45 + 45 minutes and a 60-minute write-up (assumption: "
            "minutes are not in the source). The 'direct supervisor' is read as the teacher's "
            "developer, the leader responsible for their growth (the same person in the "
            "traditional model).",
            visits=(
                ObservationVisit(
                    kind="informal",
                    per_year=10,
                    classroom_minutes=20,
                    debrief_minutes=15,
                    writeup_minutes=10,
                    by="developer",
                ),
                _formal_cycle(1),
            ),
        ),
        ObservationPolicy(
            key="dcps_impact",
            label="DCPS IMPACT-style: 5 observations of 30 minutes (3 administrator, 2 master "
            "educator)",
            source="District of Columbia Public Schools, IMPACT guidebook (2009-2012 editions): "
            "five formal observations a year of at least 30 minutes, three by a school "
            "administrator and two by an independent master educator, each with a post-"
            "observation conference. Conference 30 minutes and write-up 30 minutes "
            "(assumption).",
            visits=(
                ObservationVisit(
                    kind="formal",
                    per_year=3,
                    classroom_minutes=30,
                    debrief_minutes=30,
                    writeup_minutes=30,
                    by="evaluator",
                ),
                ObservationVisit(
                    kind="formal",
                    per_year=2,
                    classroom_minutes=30,
                    debrief_minutes=30,
                    writeup_minutes=30,
                    by="external",
                ),
            ),
        ),
        ObservationPolicy(
            key="leverage_leadership_weekly",
            label="Leverage Leadership-style weekly cycle: 15-minute observation + 15-minute "
            "feedback",
            source="Bambrick-Santoyo, 'Leverage Leadership' (Jossey-Bass, 2012): every teacher "
            "observed for about 15 minutes each week, followed by a 15-minute face-to-face"
            " feedback meeting. 36 instructional weeks a year (assumption: a 180-day "
            "school year).",
            visits=(
                ObservationVisit(
                    kind="coaching_cycle",
                    per_year=36,
                    classroom_minutes=15,
                    debrief_minutes=15,
                    by="developer",
                ),
            ),
        ),
        ObservationPolicy(
            key="formal_cycle",
            label="Formal cycle: pre-conference, 45-minute observation, post-conference, plus "
            "visits",
            source="Formal observation cycle as specified in many district evaluation handbooks "
            "(Danielson Framework style): 30-minute pre-conference, 45-minute observation,"
            " 45-minute post-conference; with a 60-minute write-up and two cycles a year "
            "plus four 20-minute informal visits with a 10-minute write-up this gives 8 "
            "hours per teacher per year (2 x 180 + 4 x 30 = 480 minutes). Counts and "
            "write-up minutes: assumption.",
            visits=(
                _formal_cycle(2),
                ObservationVisit(
                    kind="informal",
                    per_year=4,
                    classroom_minutes=20,
                    writeup_minutes=10,
                    by="evaluator",
                ),
            ),
        ),
        ObservationPolicy(
            key="denver_leap",
            label="Denver LEAP-style: Team Lead partial observations plus evaluator full "
            "observations",
            source="Denver Public Schools LEAP (Leading Effective Academic Practice) style: "
            f"LEAP is Denver's evaluation framework, not described in {_REPORT}; from the "
            "report, the Team Lead observes and coaches the team every "
            "week ('I am in my teachers' classrooms every week') and gives evaluation "
            "input; the school leader keeps the formal evaluation. Counts and minutes: "
            "assumption (weekly 20-minute visits with 15-minute feedback over 36 weeks by "
            "the developer; two formal cycles by the evaluator).",
            visits=(
                ObservationVisit(
                    kind="coaching_cycle",
                    per_year=36,
                    classroom_minutes=20,
                    debrief_minutes=15,
                    by="developer",
                ),
                _formal_cycle(2),
            ),
        ),
        ObservationPolicy(
            key="mini_observations",
            label="Mini-observations: 10 short unannounced visits, each followed by a conversation",
            source="Marshall, 'Rethinking Teacher Supervision and Evaluation' (Jossey-Bass, 2nd "
            "ed. 2013): about ten unannounced mini-observations of about 10 minutes per "
            "teacher per year, each followed promptly by a brief face-to-face "
            "conversation. Conversation 10 minutes and write-up 5 minutes (assumption).",
            visits=(
                ObservationVisit(
                    kind="walkthrough",
                    per_year=10,
                    classroom_minutes=10,
                    debrief_minutes=10,
                    writeup_minutes=5,
                    by="evaluator",
                ),
            ),
        ),
        ObservationPolicy(
            key="kipp_sunshine_peak_9",
            label="KIPP Sunshine Peak (before redesign): each teacher observed 9 times a year",
            source=f"{_REPORT}: the principal of KIPP Sunshine Peak Academy was 'responsible for "
            "observing each of her 26 teachers nine times a year and providing all of "
            "their evaluations'. Minutes: 20 in class, 15 of feedback, 10 of write-up "
            "(assumption).",
            visits=(
                ObservationVisit(
                    kind="informal",
                    per_year=9,
                    classroom_minutes=20,
                    debrief_minutes=15,
                    writeup_minutes=10,
                    by="evaluator",
                ),
            ),
        ),
    )
}

#: The default time model. Contract figures are planning assumptions; the principals' share is
#: measured.
DEFAULT_TIME = TimeModel(
    key="default",
    source="Teacher contract 186 days x 7.5 hours and administrator contract 220 days x 9 hours "
    "(assumption: typical US contracts; replace with your district's). Instructional share"
    " of administrators 0.127: Grissom, Loeb and Master, 'Effective Instructional Time Use"
    " for School Leaders', Educational Researcher 42(8), 2013, observed principals "
    "spending 12.7% of their time on instruction-related activities; applied to APs and "
    "deans for want of a separate measure. Coaches and teacher leaders: all released time "
    "(share 1.0).",
    instructional_share={"principal": 0.127, "assistant_principal": 0.127, "dean": 0.127},
)


def get_policy(policy: str | ObservationPolicy) -> ObservationPolicy:
    """Return a policy given itself or its preset name."""
    if isinstance(policy, ObservationPolicy):
        return policy
    try:
        return POLICIES[policy]
    except KeyError:
        raise DefinitionError(
            f"Unknown observation policy {policy!r}; list_policies() shows: {', '.join(POLICIES)}."
        ) from None


def get_time_model(time: str | TimeModel) -> TimeModel:
    """Return a time model given itself or ``"default"``."""
    if isinstance(time, TimeModel):
        return time
    if time == "default":
        return DEFAULT_TIME
    raise DefinitionError(f"Unknown time model {time!r}; use 'default' or a TimeModel.")


def school_hours_per_teacher(policy: ObservationPolicy) -> float:
    """Hours of school leaders' time per experienced teacher per year under ``policy``.

    Counts every visit not made by someone external that applies to all or to
    experienced teachers and not only to some ratings.

    >>> school_hours_per_teacher(POLICIES["bain_10_spot_1_formal"])  # (10 x 45 + 180) / 60
    10.5
    """
    return (
        sum(
            v.per_year * v.minutes
            for v in policy.visits
            if v.by != "external" and v.teachers in ("all", "experienced") and v.ratings is None
        )
        / 60
    )


def list_policies() -> pd.DataFrame:
    """The observation policy presets, one row each, with observations and hours per teacher."""
    rows = [
        {
            "policy": p.key,
            "label": p.label,
            "version": p.version,
            "observations_per_teacher": float(sum(v.per_year for v in p.visits)),
            "school_hours_per_teacher": round(school_hours_per_teacher(p), 2),
            "source": p.source,
        }
        for p in POLICIES.values()
    ]
    return pd.DataFrame(rows).set_index("policy")


#: The default dosage thresholds. The four qualities are Kraft, Blazar and Hogan's; only the
#: intensity threshold has a number in their definition, the others are assumptions.
DOSAGE_THRESHOLDS = DosageThresholds(
    source=f"{KRAFT_2018}, define coaching as '(a) individualized - coaching sessions are "
    "one-on-one; (b) intensive - coaches and teachers interact at least every couple of weeks; "
    "(c) sustained - teachers receive coaching over an extended period of time; (d) "
    "context-specific - ...; and (e) focused - coaches work with teachers to engage in "
    "deliberate practice of specific skills' (quoted from a secondary source, The 74, not "
    "checked against the paper). Intensive: a session every couple of weeks is 30.44 / 14 = 2.2 "
    "a month, rounded down to 2. Individualized: at least half the sessions one-to-one "
    "(assumption: the definition has no share). Sustained: a session in at least 40% of the "
    "weeks so far (assumption: a session every two weeks gives 50%, less breaks), and in at least "
    "3 distinct weeks (assumption: fewer is not 'an extended period', however short the period "
    "so far). Focused: at least 75% of sessions with a stated focus (assumption: a recorded "
    "focus stands for 'specific skills'). Intensive and sustained are left unmeasured before 4 "
    "weeks (28 days) have been observed (assumption: four weeks is the shortest period in which "
    "coaching at the intensive threshold, a session every two weeks, shows twice)."
)
