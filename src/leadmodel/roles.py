"""The role catalogue and the mapping from job titles to roles.

Districts call the same job by many titles ("AP", "Asst. Principal", "Vice
Principal"). Each built-in :class:`~leadmodel.Role` lists the aliases it answers
to; a ``role_map`` given by the analyst adds or overrides titles. A title that
matches nothing is reported as ``unknown_role``, never guessed.

Examples
--------
>>> from leadmodel.roles import resolve_titles, get_role
>>> resolve_titles(["Asst. Principal", "MCL", "Classroom Teacher"]).tolist()
['assistant_principal', 'multi_classroom_leader', 'teacher']
>>> get_role("team_lead").category
'teacher_leader'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping

import pandas as pd

from leadmodel.errors import DefinitionError
from leadmodel.models import Role

__all__ = [
    "DEFAULT_RELEASE",
    "ROLES",
    "ROLE_CATEGORY",
    "TEACHING_ROLES",
    "get_role",
    "list_roles",
    "normalise_title",
    "resolve_titles",
]

ROLES: tuple[Role, ...] = (
    Role(
        key="principal",
        label="Principal",
        category="administrator",
        teaches=False,
        default_release_fte=1.0,
        aliases=(
            "Principal",
            "Head of School",
            "School Leader",
            "Headteacher",
            "Executive Principal",
            "School Principal",
        ),
        description="Leads the school; in the traditional model evaluates most teachers.",
    ),
    Role(
        key="assistant_principal",
        label="Assistant principal",
        category="administrator",
        teaches=False,
        default_release_fte=1.0,
        aliases=(
            "AP",
            "Asst. Principal",
            "Asst Principal",
            "Assistant Principal",
            "Vice Principal",
            "VP",
            "Associate Principal",
            "Deputy Principal",
            "Assistant Head",
        ),
        description="Administrator; in the Green Dot model leads at most 13 teachers.",
    ),
    Role(
        key="dean",
        label="Dean",
        category="administrator",
        teaches=False,
        default_release_fte=1.0,
        aliases=(
            "Dean",
            "Dean of Students",
            "Dean of Instruction",
            "Dean of Academics",
            "Dean of Culture",
        ),
        description="Administrator, often for culture or discipline.",
    ),
    Role(
        key="team_lead",
        label="Team lead",
        category="teacher_leader",
        teaches=True,
        default_release_fte=0.0,
        aliases=(
            "Team Lead",
            "Team Leader",
            "Teacher Leader",
            "Senior Team Lead",
            "Teacher Team Lead",
        ),
        description="Denver-style teacher leader: observes, coaches and gives evaluation "
        "input for a team of up to about 8 teachers, with up to 50% release.",
    ),
    Role(
        key="multi_classroom_leader",
        label="Multi-classroom leader",
        category="teacher_leader",
        teaches=True,
        default_release_fte=0.0,
        aliases=(
            "MCL",
            "Multi-Classroom Leader",
            "Multi Classroom Leader",
            "Multiclassroom Leader",
        ),
        description="Opportunity Culture teacher leader accountable for a team's students.",
    ),
    Role(
        key="plc_lead",
        label="PLC lead",
        category="teacher_leader",
        teaches=True,
        default_release_fte=0.0,
        aliases=("PLC Lead", "PLC Leader", "PLC Facilitator", "Lead Teacher", "PLC Coordinator"),
        description="Facilitates a professional learning community or accountable community.",
    ),
    Role(
        key="chair",
        label="Department or grade chair",
        category="teacher_leader",
        teaches=True,
        default_release_fte=0.0,
        aliases=(
            "Department Chair",
            "Dept Chair",
            "Dept. Chair",
            "Department Head",
            "Grade Level Chair",
            "Grade Chair",
            "Grade Level Lead",
            "Department Lead",
            "Grade-Level Lead",
        ),
        description="Teacher who chairs a department or grade level.",
    ),
    Role(
        key="instructional_coach",
        label="Instructional coach",
        category="coach",
        teaches=False,
        default_release_fte=1.0,
        aliases=(
            "Instructional Coach",
            "Coach",
            "Literacy Coach",
            "Math Coach",
            "Reading Coach",
            "Academic Coach",
            "Content Coach",
            "Master Educator",
        ),
        description="Full-time coach; often without evaluative input.",
    ),
    Role(
        key="teacher",
        label="Teacher",
        category="teacher",
        teaches=True,
        default_release_fte=0.0,
        aliases=(
            "Teacher",
            "Classroom Teacher",
            "General Education Teacher",
            "Special Education Teacher",
            "SPED Teacher",
            "ESL Teacher",
            "ELL Teacher",
            "Resident Teacher",
            "Art Teacher",
            "Music Teacher",
            "PE Teacher",
            "Physical Education Teacher",
            "Kindergarten Teacher",
            "Pre-K Teacher",
            "Elementary Teacher",
            "Secondary Teacher",
        ),
        description="Classroom teacher.",
    ),
    Role(
        key="specialist",
        label="Specialist",
        category="specialist",
        teaches=False,
        default_release_fte=1.0,
        aliases=(
            "Specialist",
            "Counselor",
            "School Counselor",
            "Social Worker",
            "Psychologist",
            "School Psychologist",
            "Librarian",
            "Media Specialist",
            "Interventionist",
            "Reading Interventionist",
            "Speech Pathologist",
            "Speech Language Pathologist",
            "Nurse",
            "School Nurse",
        ),
        description="Non-classroom professional (counselor, social worker, interventionist).",
    ),
    Role(
        key="other",
        label="Other staff",
        category="other",
        teaches=False,
        default_release_fte=1.0,
        aliases=(
            "Other",
            "Paraprofessional",
            "Para",
            "Teacher Aide",
            "Instructional Aide",
            "Teaching Assistant",
            "Office Manager",
            "Secretary",
            "Clerk",
            "Custodian",
            "Cafeteria Worker",
            "Security",
            "Operations Manager",
        ),
        description="Support and operations staff.",
    ),
)

_BY_KEY: dict[str, Role] = {role.key: role for role in ROLES}
#: Roles whose holders are classroom teachers (teacher leaders included).
TEACHING_ROLES: frozenset[str] = frozenset(r.key for r in ROLES if r.teaches)
#: Role key -> role category.
ROLE_CATEGORY: dict[str, str] = {r.key: r.category for r in ROLES}
#: Role key -> release share assumed when a roster does not say.
DEFAULT_RELEASE: dict[str, float] = {r.key: r.default_release_fte for r in ROLES}


def normalise_title(title: str) -> str:
    """Return the matching key of a job title: case-folded, punctuation and spacing removed.

    >>> normalise_title("  Asst. Principal ")
    'asst principal'
    """
    return " ".join(re.sub(r"[^0-9a-z]+", " ", title.casefold()).split())


@functools.cache
def _catalogue_aliases() -> dict[str, str]:
    """The matching key of every role key and alias of the catalogue, to its role key."""
    table: dict[str, str] = {}
    for role in ROLES:
        table[normalise_title(role.key)] = role.key
        for alias in role.aliases:
            table[normalise_title(alias)] = role.key
    return table


def _alias_table(role_map: Mapping[str, str] | None) -> dict[str, str]:
    mapped: dict[str, str] = {}
    for title, key in (role_map or {}).items():
        if key not in _BY_KEY:
            raise DefinitionError(
                f"role_map maps {title!r} to {key!r}, which is not a role; "
                f"use one of: {', '.join(_BY_KEY)}."
            )
        mapped[normalise_title(str(title))] = key
    return {**_catalogue_aliases(), **mapped}


def resolve_titles(
    titles: Iterable[object], *, role_map: Mapping[str, str] | None = None
) -> pd.Series:
    """Map job titles (or role keys) to role keys; unknown titles give ``<NA>``.

    Parameters
    ----------
    titles
        Job titles or canonical role keys.
    role_map
        Extra ``{title: role_key}`` entries; they take precedence over the built-in aliases.

    Returns
    -------
    pandas.Series
        Role keys (string dtype), missing where a title matched nothing.
    """
    table = _alias_table(role_map)
    values = pd.Series(list(titles), dtype="string")
    lookup = {t: table.get(normalise_title(t)) for t in set(values.dropna())}
    keys = [None if t is pd.NA else lookup[t] for t in values]
    return pd.Series(keys, dtype="string")


def get_role(key: str) -> Role:
    """Return the built-in role with canonical ``key``.

    Raises
    ------
    DefinitionError
        When no role has that key.
    """
    try:
        return _BY_KEY[key]
    except KeyError:
        raise DefinitionError(f"Unknown role {key!r}; known roles: {', '.join(_BY_KEY)}.") from None


def list_roles() -> pd.DataFrame:
    """Return the role catalogue as a table, one row per role.

    >>> list_roles().loc["assistant_principal", "category"]
    'administrator'
    """
    rows = [
        {
            "role": r.key,
            "label": r.label,
            "category": r.category,
            "teaches": r.teaches,
            "default_release_fte": r.default_release_fte,
            "aliases": "; ".join(r.aliases),
            "description": r.description,
        }
        for r in ROLES
    ]
    return pd.DataFrame(rows).set_index("role")
