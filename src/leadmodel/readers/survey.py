"""Reading staff surveys: one row per respondent, identified or anonymous, with advice ties.

:func:`read_survey` maps a survey export's columns and answers onto leadmodel's (the 0-10
recommend item, the two felt-responsibility items, advice nominations), identifies each
respondent on the roster when given one, and reports every problem in the shared issues
table. The measures are in :mod:`leadmodel.metrics.survey`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from leadmodel.errors import DefinitionError, RosterError
from leadmodel.readers.files import (
    DEFAULT_MAX_BYTES,
    Intake,
    checked_column_map,
)
from leadmodel.readers.issues import (
    IssueLog,
    check_known,
    drop_blank_rows,
    join_extras,
    numbered_rows,
    row_counts,
    split_extras,
    to_number,
    to_text,
    unmask,
    unread_rows,
)
from leadmodel.roles import resolve_titles
from leadmodel.roster import STRING, Loaded, Roster, member

#: Canonical survey columns (one row per respondent); ``advice_ids`` and ``advice_id_<n>`` hold
#: the advice nominations. Other columns are kept under their own names.
SURVEY_COLUMNS: tuple[str, ...] = (
    "response_id",
    "staff_id",
    "school_id",
    "role",
    "recommend",
    "responsible_teachers",
    "responsible_students",
    "advice_ids",
)


#: The answers to the two responsibility items, from least to most: not responsible,
#: responsible (shared with others), primarily responsible (or accountable).
ANSWER_LEVELS: tuple[str, ...] = ("no", "yes", "primary")


ITEMS = ("responsible_teachers", "responsible_students")


ADVICE_SLOT = re.compile(r"advice_id_(\d+)")


_SEPARATOR = re.compile(r"\s*[;|,]\s*")


_ANSWERS: dict[str, str] = {
    **dict.fromkeys(("no", "n", "0", "false", "not responsible"), "no"),
    **dict.fromkeys(("yes", "y", "1", "true", "responsible", "shared"), "yes"),
    **dict.fromkeys(
        ("primary", "2", "primarily", "primarily responsible", "accountable"), "primary"
    ),
}


def _is_survey_column(name: str) -> bool:
    return name in SURVEY_COLUMNS or ADVICE_SLOT.fullmatch(name) is not None


class Survey(Loaded):
    """A validated staff survey: responses, advice ties, and what loading them found.

    Do not construct directly: use :func:`read_survey` (or ``load_sample("district_survey")``).

    Attributes
    ----------
    responses : pandas.DataFrame
        One row per loaded response: ``response_id``, ``staff_id`` (missing for anonymous
        responses), ``school_id``, ``role``, ``identified``, ``recommend`` (0-10),
        ``responsible_teachers`` and ``responsible_students`` (``no`` / ``yes`` / ``primary``),
        then any other input columns. Sorted by school and response id.
    advice : pandas.DataFrame
        One row per advice tie: ``school_id``, ``response_id``, ``staff_id`` (the respondent)
        and ``adviser_id`` (the person they go to for advice on instruction).
    schools : pandas.DataFrame
        ``school_id``, ``model`` and ``pilot_wave`` of the roster the survey was read with
        (empty without one): what ``by="model"`` and ``by="pilot_wave"`` group by.
    issues : pandas.DataFrame
        Problems found while loading, as for a roster (``docs/glossary.md``).
    source : dict
        Provenance: input name, SHA-256 checksum and row accounting.
    """

    __slots__ = ("advice", "issues", "responses", "schools", "source")
    merges = True

    def __init__(
        self,
        responses: pd.DataFrame,
        advice: pd.DataFrame,
        schools: pd.DataFrame,
        *,
        issues: pd.DataFrame,
        source: Mapping[str, Any],
    ) -> None:
        self.responses = responses
        self.advice = advice
        self.schools = schools
        self.issues = issues
        self.source = dict(source)

    def __repr__(self) -> str:
        n = len(self.responses)
        schools = self.responses["school_id"].nunique()
        return (
            f"<Survey: {n} response{'s' if n != 1 else ''} "
            f"({int(self.responses['identified'].sum())} identified), "
            f"{schools} school{'s' if schools != 1 else ''}, {len(self.advice)} advice ties>"
        )

    def _repr_html_(self) -> str:
        """Counts only (no ids, no answers): what a notebook shows for a survey."""
        from leadmodel.display import html_table

        roles = self.responses["role"].value_counts().sort_index()
        problems = self.issues["severity"].value_counts().sort_index()
        name = html.escape(str(self.source.get("name") or "a survey"))
        return (
            f"<div><strong>Survey</strong> from {name}: {html.escape(repr(self)[1:-1])}"
            + html_table([{"role": k, "responses": v} for k, v in roles.items()], "Responses")
            + html_table(
                [{"severity": k, "issues": v} for k, v in problems.items()], "Issues while loading"
            )
            + "</div>"
        )


def _check_survey_map(column_map: Mapping[str, str] | None) -> None:
    """Refuse a ``column_map`` target that is not a survey column, with a hint on advice columns."""
    try:
        checked_column_map(column_map, frozenset(SURVEY_COLUMNS), ADVICE_SLOT)
    except DefinitionError as exc:
        raise DefinitionError(
            f"{exc} Map advice nominations given one per column to advice_id_1, advice_id_2, ..."
        ) from None


def _answer_levels(answer_map: Mapping[str, str] | None) -> dict[str, str]:
    """The built-in answer labels plus ``answer_map``'s, keyed by their normalised text."""
    answers = dict(_ANSWERS)
    for label, level in (answer_map or {}).items():
        if level not in ANSWER_LEVELS:
            raise DefinitionError(
                f"answer_map maps {label!r} to {level!r}; use one of {', '.join(ANSWER_LEVELS)}."
            )
        answers[" ".join(str(label).casefold().split())] = level
    return answers


def _structure(table: pd.DataFrame, notes: IssueLog) -> None:
    """Raise when no response could be used: no rows, or columns a survey cannot do without."""
    log = IssueLog()
    if table.empty:
        log.file_error(
            "responses",
            "empty_file",
            "The survey has no data rows.",
            "Check that the right file or sheet was given and that it has rows under the header.",
        )
    if "staff_id" not in table and "school_id" not in table:
        log.file_error(
            "responses",
            "missing_column",
            "The survey has neither a 'staff_id' column (identified responses) nor a "
            "'school_id' column (anonymous responses).",
            "Map your columns with column_map={'Employee ID': 'staff_id'} or "
            "column_map={'School': 'school_id'}.",
            field="school_id",
        )
    if "staff_id" not in table and "role" not in table:
        log.file_error(
            "responses",
            "missing_column",
            "The survey's responses are anonymous (no 'staff_id' column) and it has no 'role' "
            "column.",
            "Map the respondent's role or job title with column_map={'Your role': 'role'}.",
            field="role",
        )
    answers = [*ITEMS, "recommend", "advice_ids"]
    if not any(c in table for c in answers) and not any(
        ADVICE_SLOT.fullmatch(str(c)) for c in table.columns
    ):
        log.file_error(
            "responses",
            "missing_column",
            "The survey has none of the answer columns (recommend, responsible_teachers, "
            "responsible_students, advice_ids, advice_id_1, ...).",
            "Map your answer columns, e.g. column_map={'Q12 recommend': 'recommend'}.",
            field="recommend",
        )
    if log.is_empty():
        return
    raise RosterError(pd.concat([notes.frame(), log.frame()], ignore_index=True))


def _response_ids(table: pd.DataFrame, given: bool, log: IssueLog) -> pd.Series:
    """Check given response ids (present, unique); otherwise number the rows."""
    if not given:
        width = len(str(int(table["_row"].max()))) if len(table) else 1
        table["response_id"] = pd.array(
            [f"R{int(r):0{width}d}" for r in table["_row"]], dtype=STRING
        )
        return pd.Series(False, index=table.index)
    missing = table["response_id"].isna()
    log.add(
        "responses",
        table,
        where=missing,
        code="missing_value",
        field="response_id",
        message="response_id is empty.",
        fix="Fill in the response id, or drop the column and leadmodel numbers the rows.",
    )
    dup = ~missing & table["response_id"].duplicated(keep=False)
    log.add(
        "responses",
        table,
        where=dup,
        code="duplicate_response_id",
        field="response_id",
        message="Response id {value!r} appears more than once.",
        fix="Give each response its own id.",
    )
    return (missing | dup).astype(bool)


def _roles(table: pd.DataFrame, role_map: Mapping[str, str] | None) -> tuple[pd.Series, pd.Series]:
    """Resolve the role column (keys or job titles); return (roles, rows with an unknown one).

    Whether an unknown role is an error depends on whether the roster gives the role
    (:func:`_identify` reports it).
    """
    asked = table["role"]
    resolved = resolve_titles(asked, role_map=role_map)
    resolved.index = table.index
    unknown = (asked.notna() & resolved.isna()).astype(bool)
    return resolved, unknown


def _unknown_roles(
    table: pd.DataFrame, unknown: pd.Series, roster_roles: pd.Series, log: IssueLog
) -> pd.Series:
    """Report role texts not in the catalogue; return the rows to reject for one.

    Where the roster gives the respondent's role (``roster_roles`` not missing) the text is not
    needed: a ``role_mismatch`` warning, and the roster's role is used. Elsewhere the response
    has no role: an ``unknown_role`` error.
    """
    covered = (unknown & roster_roles.notna()).astype(bool)
    for held in sorted(set(roster_roles[covered])):
        rows = (covered & (roster_roles == held)).fillna(False).astype(bool)
        log.add(
            "responses",
            table,
            where=rows,
            code="role_mismatch",
            field="role",
            severity="warning",
            message="Role or title {value!r} is not in the role catalogue; the roster's role, "
            f"{held}, is used.",
            fix="Nothing to fix if the roster is right; to check the survey's roles too, map the "
            "title with role_map={{'{value}': '<role>'}} (leadmodel.list_roles() lists them).",
        )
    needed = (unknown & ~covered).astype(bool)
    log.add(
        "responses",
        table,
        where=needed,
        code="unknown_role",
        field="role",
        message="Role or title {value!r} is not in the role catalogue.",
        fix="Map it with role_map={{'{value}': '<role>'}}; leadmodel.list_roles() lists the roles.",
    )
    return needed


def _identify(
    table: pd.DataFrame,
    roster: Roster | None,
    survey_role: pd.Series,
    unknown_role: pd.Series,
    log: IssueLog,
) -> pd.Series:
    """Place each response in a school and a role; return the rows to reject.

    Identified responses take their role (and, when blank, their school) from the roster;
    anonymous ones must give both. A role text not in the catalogue is an error only where the
    roster does not give the role.
    """
    identified = table["staff_id"].notna()
    reject = pd.Series(False, index=table.index)
    if roster is not None:
        staff = roster.staff[["school_id", "staff_id", "role"]]
        key = pd.MultiIndex.from_frame(table[["school_id", "staff_id"]])
        known = pd.MultiIndex.from_frame(staff[["school_id", "staff_id"]])
        on_roster = pd.Series(key.isin(known), index=table.index)
        anywhere = member(table["staff_id"], staff["staff_id"])
        schools_of = staff.groupby("staff_id")["school_id"].agg(["first", "nunique"])
        blank_school = identified & table["school_id"].isna()
        n_schools = table["staff_id"].map(schools_of["nunique"]).fillna(0)
        derive = blank_school & anywhere & (n_schools == 1)
        table.loc[derive, "school_id"] = table.loc[derive, "staff_id"].map(schools_of["first"])
        ambiguous = (blank_school & anywhere & (n_schools > 1)).astype(bool)
        log.add(
            "responses",
            table,
            where=ambiguous,
            code="ambiguous_school",
            field="school_id",
            message="Staff {staff_id} works in several schools and the response names none.",
            fix="Give the response's school_id.",
        )
        elsewhere = (identified & ~blank_school & ~on_roster & anywhere).astype(bool)
        log.add(
            "responses",
            table,
            where=elsewhere,
            code="unknown_staff",
            field="staff_id",
            message="Staff {staff_id} is on the roster, but not in the school this response names.",
            fix="Correct the response's school_id (or leave it blank to take it from the roster).",
        )
        nowhere = check_known(
            table[identified & ~anywhere],
            "staff_id",
            staff,
            what="staff",
            table="responses",
            log=log,
        ).reindex(table.index, fill_value=False)
        reject |= ambiguous | elsewhere | nowhere
        roles = pd.Series(
            staff.set_index(["school_id", "staff_id"])["role"].reindex(
                pd.MultiIndex.from_frame(table[["school_id", "staff_id"]])
            ),
            dtype=STRING,
        ).set_axis(table.index)
        found = identified & roles.notna()
        differs = (found & survey_role.notna() & (survey_role != roles)).fillna(False)
        log.add(
            "responses",
            table,
            where=differs.astype(bool),
            code="role_mismatch",
            field="role",
            value=table.loc[differs.astype(bool), "role"],
            severity="warning",
            message="The response gives role {value!r}, the roster another; the roster's role "
            "is used.",
            fix="Nothing to fix if the roster is right; otherwise correct the roster.",
        )
        role_unknown = _unknown_roles(table, unknown_role, roles.where(found), log)
        table["role"] = survey_role.mask(found, roles)
        anonymous_school = ~identified & table["school_id"].notna()
        unknown_school = check_known(
            table[anonymous_school],
            "school_id",
            roster.schools,
            what="school",
            table="responses",
            log=log,
        ).reindex(table.index, fill_value=False)
        reject |= unknown_school
        checks = [
            (
                "school_id",
                ~identified,
                "An anonymous response needs its school; school_id is empty.",
                "Fill in school_id, or give the respondent's staff_id.",
            ),
            (
                "role",
                ~identified,
                "An anonymous response needs its role; role is empty.",
                "Fill in the role (a role key or job title), or give the respondent's staff_id.",
            ),
        ]
    else:
        role_unknown = _unknown_roles(
            table, unknown_role, pd.Series(pd.NA, index=table.index, dtype=STRING), log
        )
        table["role"] = survey_role
        everyone = pd.Series(True, index=table.index)
        checks = [
            (
                "school_id",
                everyone,
                "The response names no school.",
                "Fill in school_id, or read the survey with roster= to take an identified "
                "respondent's school from the roster.",
            ),
            (
                "role",
                everyone,
                "The response names no role.",
                "Fill in the role, or read the survey with roster= to take an identified "
                "respondent's role from the roster.",
            ),
        ]
    for col, needed, message, fix in checks:
        blank = table["_asked_role"].isna() if col == "role" else table[col].isna()
        missing = (needed & blank & ~reject).astype(bool)
        log.add(
            "responses", table[missing], code="missing_value", field=col, message=message, fix=fix
        )
        reject |= missing
    return (reject | role_unknown).astype(bool)


def _duplicate_respondents(table: pd.DataFrame, log: IssueLog) -> pd.Series:
    ids = table["staff_id"].notna() & table["school_id"].notna()
    dup = pd.Series(False, index=table.index)
    dup[ids] = table.loc[ids, ["school_id", "staff_id"]].duplicated(keep=False)
    log.add(
        "responses",
        table,
        where=dup,
        code="duplicate_staff_id",
        field="staff_id",
        message="Staff {staff_id} answered more than once in this school.",
        fix="Keep one response per person and school (all of them are left out, so that the "
        "result does not depend on row order).",
    )
    return dup


def _recommend(table: pd.DataFrame, log: IssueLog) -> pd.Series:
    raw = table["recommend"]
    values, bad = to_number(raw)
    fractional = (values % 1 != 0).fillna(False).astype(bool) & ~bad
    wrong = bad | fractional
    log.add(
        "responses",
        table,
        where=wrong,
        code="wrong_type",
        field="recommend",
        value=raw[wrong],
        message="recommend {value!r} is not a whole number.",
        fix="Give the 0-10 answer as a number (10, not '10 - extremely likely').",
    )
    out = ((values < 0) | (values > 10)).fillna(False).astype(bool) & ~wrong
    log.add(
        "responses",
        table,
        where=out,
        code="score_out_of_range",
        field="recommend",
        value=raw[out],
        message="recommend {value} is outside the 0-10 scale.",
        fix="Give the answer on the 0-10 scale (recode a 1-10 or 1-5 scale before reading).",
    )
    table["recommend"] = values.where(~(wrong | out)).round().astype("Int64")
    return (wrong | out).astype(bool)


def _items(table: pd.DataFrame, answers: Mapping[str, str], log: IssueLog) -> pd.Series:
    reject = pd.Series(False, index=table.index)
    for col in ITEMS:
        text = table[col]
        key = text.str.casefold().str.split().str.join(" ")
        level = key.map(answers).astype(STRING)
        unknown = (text.notna() & level.isna()).astype(bool)
        log.add(
            "responses",
            table,
            where=unknown,
            code="invalid_value",
            field=col,
            message=f"{col} answer {{value!r}} is not one of no, yes, primary.",
            fix="Map your answer labels with answer_map={{'{value}': 'yes'}} "
            "(levels: no, yes, primary).",
        )
        table[col] = level
        reject |= unknown
    return reject


def _nominations(
    table: pd.DataFrame,
    advice_columns: list[str],
    reject: pd.Series,
    roster: Roster | None,
    log: IssueLog,
) -> tuple[pd.DataFrame, dict[str, int]]:
    """Read the advice nominations of every response; return the ties kept and the counts."""
    parts = []
    for col in advice_columns:
        cells = to_text(table[col]).dropna()
        nominees = cells.str.split(_SEPARATOR).explode()
        nominees = nominees[nominees.str.len() > 0]
        if nominees.empty:
            continue
        rows = table.loc[nominees.index]
        parts.append(
            pd.DataFrame(
                {
                    "_row": rows["_row"].to_numpy(),
                    "_field": col,
                    "_rejected": reject[nominees.index].to_numpy(),
                    "school_id": rows["school_id"].to_numpy(),
                    "response_id": rows["response_id"].to_numpy(),
                    "staff_id": rows["staff_id"].to_numpy(),
                    "adviser_id": nominees.to_numpy(),
                }
            )
        )
    columns = ["school_id", "response_id", "staff_id", "adviser_id"]
    if not parts:
        empty = pd.DataFrame({c: pd.Series(dtype=STRING) for c in columns})
        return empty, row_counts(pd.Series(dtype=bool), merged=0)
    noms = pd.concat(parts, ignore_index=True)
    for col in columns:
        noms[col] = noms[col].astype(STRING)
    left_out = noms["_rejected"].astype(bool)
    anonymous = (~left_out & noms["staff_id"].isna()).astype(bool)
    log.add(
        "nominations",
        noms,
        where=anonymous,
        code="anonymous_nomination",
        field="advice_ids",
        value=noms.loc[anonymous, "adviser_id"],
        severity="warning",
        message="An anonymous response names {value!r} as an adviser; an advice tie needs the "
        "respondent's staff_id, so it was left out.",
        fix="Nothing to fix if the survey promised anonymity; otherwise give the staff_id.",
    )
    left_out |= anonymous
    self_tie = (~left_out & (noms["adviser_id"] == noms["staff_id"])).fillna(False).astype(bool)
    log.add(
        "nominations",
        noms,
        where=self_tie,
        code="self_link",
        field="advice_ids",
        value=noms.loc[self_tie, "adviser_id"],
        message="Staff {staff_id} names themselves as an adviser.",
        fix="Remove the self-nomination.",
    )
    left_out |= self_tie
    if roster is not None:
        staff = roster.staff
        unknown = check_known(
            noms[~left_out],
            "adviser_id",
            staff[["staff_id"]].rename(columns={"staff_id": "adviser_id"}),
            what="staff",
            table="nominations",
            log=log,
            label="advice_ids",
        ).reindex(noms.index, fill_value=False)
        left_out |= unknown
        here = pd.MultiIndex.from_frame(noms[["school_id", "adviser_id"]]).isin(
            pd.MultiIndex.from_frame(staff[["school_id", "staff_id"]])
        )
        outside = (~left_out & ~pd.Series(here, index=noms.index)).astype(bool)
        log.add(
            "nominations",
            noms,
            where=outside,
            code="cross_school_link",
            field="advice_ids",
            value=noms.loc[outside, "adviser_id"],
            message="Adviser {value!r} is not on the staff of the respondent's school; advice "
            "ties are measured within a school, so it was left out.",
            fix="Nothing to fix if the adviser works elsewhere; otherwise correct the id.",
        )
        left_out |= outside
    live = noms[~left_out]
    dup = live.duplicated(["response_id", "adviser_id"], keep="first")
    log.add(
        "nominations",
        live,
        where=dup,
        code="duplicate_link",
        field="advice_ids",
        value=live.loc[dup, "adviser_id"],
        severity="warning",
        message="The response names {value!r} more than once; the tie is kept once.",
        fix="Remove the repeated nomination.",
    )
    ties = live.loc[~dup, columns]
    ties = ties.sort_values(["school_id", "staff_id", "adviser_id"], kind="mergesort")
    # loaded: the ties kept; merged: repeats kept once in their tie, as for a log's events
    return ties.reset_index(drop=True), row_counts(left_out, merged=int(dup.sum()))


def read_survey(
    source: str | Path | pd.DataFrame,
    *,
    column_map: Mapping[str, str] | None = None,
    role_map: Mapping[str, str] | None = None,
    answer_map: Mapping[str, str] | None = None,
    roster: Roster | None = None,
    strict: bool = True,
    sheet_name: str | int | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Survey:
    """Read, map and validate a staff survey: one row per respondent.

    Parameters
    ----------
    source
        A CSV/TSV/TXT, Excel, Parquet or JSON-records file, or a DataFrame. Columns (after
        ``column_map``; see :data:`SURVEY_COLUMNS` and ``docs/glossary.md``):

        - ``staff_id``: the respondent, for identified responses; blank for anonymous ones;
        - ``school_id``, ``role`` (role key or job title): needed when anonymous;
        - ``response_id``: optional; rows are numbered ``R1``, ``R2``... without it;
        - ``recommend``: 0-10, "how likely are you to recommend your school as a place to work";
        - ``responsible_teachers``, ``responsible_students``: ``no``, ``yes`` or ``primary``;
        - ``advice_ids`` (``;``-separated) or ``advice_id_1``, ``advice_id_2``...: advisers.

        The responsibility items ask whether the respondent feels responsible for the growth of
        the teachers they lead, and for their students' outcomes: no; yes, shared; primarily
        (accountable). The advice columns answer "whom do you go to for advice on instruction".
        Every other column is kept.
    column_map
        ``{"Your column": "canonical_column"}``. Headers that differ from a canonical name only
        in case, spacing or punctuation (``"Staff ID"``) are recognised without one.
    role_map
        Extra ``{"Your job title": "role"}`` entries, as for :func:`~leadmodel.read_roster`.
    answer_map
        Extra ``{"Your answer label": "no" | "yes" | "primary"}`` entries for the two
        responsibility items (``"Strongly agree": "yes"``). Built in: no/yes/primary,
        0/1/2, true/false, "responsible", "shared", "primarily responsible", "accountable".
    roster
        The district's roster. Identified respondents are then looked up in it (their role is
        the roster's, so a role text that differs from it, or that the role catalogue does not
        know, is a ``role_mismatch`` warning rather than an error; a blank school is taken from
        it), nominations are checked against its staff, and ``by="model"`` /
        ``by="pilot_wave"`` work.
    strict
        Raise :class:`~leadmodel.RosterError` listing every problem (default); with ``False``,
        keep the usable rows and list the problems in ``survey.issues``.
    sheet_name, encoding, delimiter, max_bytes
        As for :func:`~leadmodel.read_roster`.

    Returns
    -------
    Survey

    Raises
    ------
    RosterError
        Listing every problem (strict mode), or when nothing can be loaded.
    DefinitionError
        For a malformed ``column_map``, ``role_map`` or ``answer_map``.

    Notes
    -----
    A response with an error is left out whole (as a roster row is); a bad nomination leaves
    out only that nomination. Nominations on anonymous responses are left out with an
    ``anonymous_nomination`` warning: an advice tie needs to know who seeks the advice.
    ``survey.accounting()`` counts every row and every nomination.

    Examples
    --------
    >>> import pandas as pd
    >>> import leadmodel as lm
    >>> raw = pd.DataFrame({"School": ["S1", "S1", "S1"], "Position": ["Teacher", "AP", "Wizard"],
    ...                     "Q1": ["9", "11", "3"]})
    >>> survey = lm.read_survey(raw, strict=False,
    ...                         column_map={"School": "school_id", "Position": "role",
    ...                                     "Q1": "recommend"})
    >>> survey.issues[["row", "field", "value", "code"]]
       row      field value                code
    0    2  recommend    11  score_out_of_range
    1    3       role Wizard        unknown_role
    >>> survey.accounting().loc["responses"].tolist()
    [3, 1, 0, 2, 0]
    """
    _check_survey_map(column_map)
    answers = _answer_levels(answer_map)
    intake = Intake(
        "survey",
        names=frozenset(SURVEY_COLUMNS),
        pattern=ADVICE_SLOT,
        column_map=column_map,
        encoding=encoding,
        delimiter=delimiter,
        sheet_name=sheet_name,
        max_bytes=max_bytes,
    )
    mapped = intake.table(source, "responses")
    provenance = intake.provenance()
    notes = intake.notes
    table, blank = drop_blank_rows(numbered_rows(mapped, "responses"), notes, "responses")
    table, others = split_extras(table, [c for c in table.columns if _is_survey_column(c)])
    _structure(table, notes)
    log = notes
    unread = unread_rows(log, "responses")
    advice_columns = sorted(
        (c for c in table.columns if ADVICE_SLOT.fullmatch(c)),
        key=lambda c: int(c.rsplit("_", 1)[1]),
    )
    if "advice_ids" in table:
        advice_columns.insert(0, "advice_ids")
    unmask(table, "responses", [*SURVEY_COLUMNS, *advice_columns], log)
    has_response_id = "response_id" in table
    for col in ("response_id", "staff_id", "school_id", "role", *ITEMS):
        table[col] = (
            to_text(table[col])
            if col in table
            else pd.Series(pd.NA, index=table.index, dtype=STRING)
        )
    if "recommend" not in table:
        table["recommend"] = pd.Series(pd.NA, index=table.index, dtype=STRING)
    table["_asked_role"] = table["role"]

    reject = _response_ids(table, has_response_id, log)
    survey_role, unknown_role = _roles(table, role_map)
    reject |= _identify(table, roster, survey_role, unknown_role, log)
    reject |= _duplicate_respondents(table, log)
    reject |= _recommend(table, log)
    reject |= _items(table, answers, log)
    ties, nomination_counts = _nominations(table, advice_columns, reject, roster, log)

    issues = log.frame()
    if strict and (issues["severity"] == "error").any():
        raise RosterError(issues, what="survey")
    kept = join_extras(table[~reject], others)
    kept["identified"] = kept["staff_id"].notna().astype(bool)
    extras = [
        c
        for c in kept.columns
        if not c.startswith("_") and not _is_survey_column(c) and c != "identified"
    ]
    order = [*SURVEY_COLUMNS[:4], "identified", "recommend", *ITEMS]
    responses = kept[[*order, *extras]].sort_values(["school_id", "response_id"], kind="mergesort")
    schools = (
        roster.schools[["school_id", "model", "pilot_wave"]].reset_index(drop=True)
        if roster is not None
        else pd.DataFrame(
            {
                "school_id": pd.Series(dtype=STRING),
                "model": pd.Series(dtype=STRING),
                "pilot_wave": pd.Series(dtype="Int64"),
            }
        )
    )
    counts = {
        # a response is never merged: a person who answered twice is rejected
        "responses": row_counts(reject, blank=blank, unread=unread, merged=0),
        "nominations": nomination_counts,
    }
    return Survey(
        responses.reset_index(drop=True),
        ties,
        schools,
        issues=issues,
        source={
            **provenance,
            "rows": counts,
            **({"roster": roster.fingerprint()} if roster is not None else {}),
        },
    )
