"""The terms a report uses, each defined once.

A report links every term it uses to its one definition here; the definition of a term
that names an output column is that column's definition in ``docs/glossary.md``, word for
word (a test says so), so a term cannot mean one thing in the text, another in a figure
and a third in the glossary.

Examples
--------
>>> from leadmodel.terms import TERMS
>>> TERMS["fragmented"].column
'fragmented'
>>> TERMS["fragmented"].definition.startswith("the teacher has a coach and an evaluator")
True
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["TERMS", "Term"]


@dataclass(frozen=True)
class Term:
    """A term, its definition, and the output column it defines (if any)."""

    key: str
    label: str
    definition: str
    column: str | None = None

    @property
    def anchor(self) -> str:
        """The id of its definition in a report."""
        return "term-" + self.key.replace("_", "-")


def _terms(*terms: Term) -> dict[str, Term]:
    return {t.key: t for t in terms}


TERMS: dict[str, Term] = _terms(
    Term(
        "span",
        "span",
        "direct span: people in the positions the leader holds `relation` to",
        column="span",
    ),
    Term(
        "layer",
        "layer",
        "depth below the school's principal along `relation` and `supervises` links (principal "
        "= 0; in a school with several principals, each principal is 0); in a unit with no "
        "principal (a generic reporting-line file), everyone who leads others and is led by no "
        "one is 0; missing when the leader is not below any of these",
        column="layer",
    ),
    Term(
        "span_band",
        "span band",
        "`span` grouped into bands: `0`, `1-2`, `3-5`, `6-8`, `9-13`, `14-20`, `21+` by default "
        "(`bands=` sets the lower bounds)",
        column="span_band",
    ),
    Term(
        "developed_within_target",
        "developed within the target",
        "teachers with a developer none of whose developers is over the span target, over all "
        "teachers",
        column="share_developed_within_target",
    ),
    Term(
        "no_developer",
        "no developer",
        "nobody has a `develops` link to the teacher",
        column="no_developer",
    ),
    Term(
        "developer_over_target",
        "developer over the target",
        "at least one of the teacher's developers has a `develops` span above the target",
        column="developer_over_target",
    ),
    Term(
        "fragmented",
        "fragmented",
        "the teacher has a coach and an evaluator, and at least one coach neither evaluates them "
        "nor gives evaluation input: coaching split from evaluation",
        column="fragmented",
    ),
    Term(
        "end_to_end",
        "end to end",
        "a leader who covers all five development activities: setting goals, observing and "
        "giving feedback, coaching, facilitating collaboration, and evaluation (owning it or "
        "giving formal input)",
    ),
    Term(
        "hours_required",
        "observation hours",
        "hours a year the observation policy asks of a leader: each visit's minutes in class, "
        "before, after and writing up, for every teacher they observe",
    ),
    Term(
        "hours_available",
        "hours available",
        "working hours a year times the role's instructional share, times the leader's FTE",
    ),
    Term(
        "utilisation",
        "utilisation",
        "`hours_required / hours_available`; missing when no hours are available",
        column="utilisation",
    ),
    Term(
        "over_capacity",
        "over capacity",
        "`hours_required` above `hours_available`; missing when `hours_available` is unknown "
        "(a role the time model does not list)",
        column="over_capacity",
    ),
    Term(
        "tight_rule",
        "tight rule",
        "a rule of a leadership model every school must follow (the model's common core)",
    ),
    Term(
        "loose_rule",
        "loose rule",
        "a rule of a leadership model that leaves a range to each school's choice",
    ),
    Term(
        "compliance_score",
        "compliance score",
        "the share of a model's tight rules a school meets",
    ),
    Term(
        "initiative_hours",
        "initiative hours",
        "hours a year the plan's initiatives ask of the position in the school year: each "
        "initiative's hours a month times the months of the school year it runs, added up; "
        "missing when one of them gives no hours",
        column="initiative_hours",
    ),
    Term(
        "capacity_left",
        "capacity left",
        "`hours_available - observation_hours`: the hours a year the time model gives the "
        "leader for observation and feedback less those the observation policy already takes; "
        "below 0 when the leader is over capacity before any initiative; missing for people "
        "who are not leaders and when the hours are unknown",
        column="capacity_left",
    ),
    Term(
        "capacity_after",
        "capacity after the initiatives",
        "`capacity_left - initiative_hours`: what is left once the plan's initiatives are "
        "counted; below 0 when the leader is over capacity",
        column="capacity_after",
    ),
    Term(
        "share_aligned",
        "share aligned",
        "`aligned_initiatives / initiatives`: the share of the initiatives landing in the school "
        "that serve a priority of the plan; missing when none lands",
        column="share_aligned",
    ),
    Term(
        "stalled",
        "stalled",
        "started, not done, and no progress for more than `stall_days` days (14 by default) "
        "since the last progress or, with none, since the rock started",
        column="stalled",
    ),
    Term(
        "rock_late",
        "late",
        "a rock past its end date and not done",
    ),
    Term(
        "abandonment_candidate",
        "candidate for strategic abandonment",
        "an initiative running on the date of the review that serves no priority of the plan, "
        "whose rocks showed no progress in the 45 days before it, or that lands on leaders "
        "already over capacity before any initiative; each reason is given",
    ),
    Term(
        "leadership_cost",
        "leadership cost",
        "a year's cost of a school's leadership: administrators' and coaches' salaries, teacher "
        "leaders' supplements and the backfill of their released teaching time, with benefits",
    ),
)
