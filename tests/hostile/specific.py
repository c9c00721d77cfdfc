"""Cases written out one by one, per reader: what the families do not reach."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pandas as pd

from tests.hostile.kit import (
    BASES,
    Case,
    Expect,
    Issue,
    Rel,
    accounting_of,
    assert_equal,
    expect,
    ids_distinct,
    ids_on_roster,
    text_bytes,
    xlsx_bytes,
)


def _csv(*lines: str) -> Callable[[], bytes]:
    return lambda: ("\n".join(lines) + "\n").encode("utf-8")


def _one(reader: str, name: str, filename: str | None, content: Callable[[], Any],
         exp: Expect, **kwargs: Any) -> Case:  # fmt: skip
    base = BASES[reader]
    return Case(f"{base.short}-{name}", reader, filename, content,
                {**base.kwargs, **kwargs}, exp)  # fmt: skip


NFC, NFD = unicodedata.normalize("NFC", "José"), unicodedata.normalize("NFD", "José")
ZWSP, WJ, BOM = "\u200b", "\u2060", "\ufeff"


def roster_cases() -> list[Case]:
    r = "read_roster"
    head = "staff_id,school_id,role,name,fte"
    return [
        _one(r, "id-nfc-nfd", "staff.csv", _csv(
            head, "P1,S1,principal,Ana Ruiz,1", f"{NFC},S1,teacher,José A,1",
            f"{NFD},S1,teacher,José B,1", "T02,S1,teacher,Di Ray,1",
        ), expect(
            codes=["id_variant"],
            issues=[Issue("id_variant", 2), Issue("id_variant", 3)],
            rows={"rows_in": 4, "rows_loaded": (2, 3)},
            check=ids_distinct(r, "staff_id"),
            why="'José' composed (row 2) and decomposed (row 3) look the same: id_variant",
        )),
        _one(r, "id-invisible-characters", "staff.csv", _csv(
            head, "P1,S1,principal,Ana Ruiz,1",
            "T01,S1,teacher,A,1", f"T01{ZWSP},S1,teacher,B,1",
            "T02,S1,teacher,C,1", f"T{WJ}02,S1,teacher,D,1",
            "T03,S1,teacher,E,1", f"{BOM}T03,S1,teacher,F,1",
            "T04,S1,teacher,G,1", " T04 ,S1,teacher,H,1",
        ), expect(
            codes=["id_variant"],
            issues=[Issue("id_variant", n) for n in (3, 5, 7, 9)],
            rows={"rows_in": 9},
            check=ids_distinct(r, "staff_id"),
            why="a zero-width space, a word joiner, a BOM, spaces: each id a variant of another",
        )),
        _one(r, "links-file-ragged", "staff.csv", lambda: {
            "staff.csv": text_bytes(BASES[r].table()),
            "links.csv": _csv(
                "leader_id,staff_id,relation", "P1,A1,supervises",
                "A1,T01,supervises,x", "A1,T02,supervises",
            )(),
        }, expect(
            codes=["ragged_row"],
            issues=[Issue("ragged_row", 2, table="links", severity="error")],
            rows={"rows_in": 4, "rows_loaded": 4, "rows_rejected": 0, "rows_blank": 0},
            check=accounting_of("links", [3, 2, 1, 0]),
            why="a ragged row in the separate links file: counted in the links table",
        ), links=Rel("links.csv")),
        _one(r, "misspelled-map-keys", "hr.csv", _csv(
            "Emp No,Campus,Job Title,Evaluator ID,FTE %",
            "100,S1,Principal,,1", "101,S1,Teacher,100,0.5", "102,S1,Teacher,100,0.5",
        ), expect(
            raises="RosterError?",
            codes=["unused_map_key"],
            issues=[
                Issue("unused_map_key", severity="error", text=("Evaluater ID",)),
                Issue("unused_map_key", severity="error", text=("FTE",)),
            ],
            why="map keys that match no header: links would vanish and FTE become 1.0",
        ), column_map={
            "Emp No": "staff_id", "Campus": "school_id", "Job Title": "title",
            "Evaluater ID": "evaluator_id", "FTE": "fte",
        }),
        _one(r, "numbers-thousands-negative", "staff.csv", _csv(
            "staff_id,school_id,role,salary,years_experience",
            'P1,S1,principal,"95,000.50",20', "A1,S1,assistant_principal,-1,5",
            "T01,S1,teacher,50000,\"1,5\"", "T02,S1,teacher,1 000,3",
        ), expect(
            codes=["negative_value", "wrong_type"],
            issues=[
                Issue("negative_value", 2, "salary", "error"),
                Issue("wrong_type", 3, "years_experience", "error"),
                Issue("wrong_type", 4, "salary", "error"),
            ],
            rows={"rows_in": 4, "rows_loaded": 1, "rows_rejected": 3, "rows_blank": 0},
            check=lambda res: assert_equal(
                res.staff["salary"].tolist(), [95000.5], "P1's salary (95,000.50)"
            ),
            why="95,000.50 is a number; -1 is negative; 1,5 and '1 000' are not numbers",
        )),
        _one(r, "dataframe-duplicate-labels", None, lambda: pd.DataFrame(
            [["P1", "S1", "principal", "1", "1"], ["T01", "S1", "teacher", "0.5", "1"]],
            columns=["staff_id", "school_id", "role", "fte", "fte"],
        ), expect(
            raises="RosterError?",
            codes=["duplicate_column"],
            issues=[Issue("duplicate_column", field="fte", severity="error")],
            why="a DataFrame with two 'fte' columns: duplicate_column, not a crash",
        )),
        _one(r, "dataframe-inf-fte", None, lambda: pd.DataFrame({
            "staff_id": ["P1", "A1", "T01", "T02"], "school_id": "S1",
            "role": ["principal", "assistant_principal", "teacher", "teacher"],
            "fte": [1.0, 1.0, float("inf"), 0.5],
        }), expect(
            exact=False,
            issues=[Issue(row=3, field="fte", severity="error")],
            rows={"rows_in": 4, "rows_loaded": 3, "rows_rejected": 1, "rows_blank": 0},
            why="an infinite FTE is an error on its row",
        )),
    ]  # fmt: skip


def lines_cases() -> list[Case]:
    r = "read_reporting_lines"
    zoe_nfc, zoe_nfd = unicodedata.normalize("NFC", "Zoë"), unicodedata.normalize("NFD", "Zoë")
    return [
        _one(r, "id-nfc-nfd-line", "orgchart.csv", _csv(
            "staff_id,reports_to,title", "E1,,Chief Executive", f"{zoe_nfc},E1,Director",
            f"E3,{zoe_nfd},Accountant", "E4,E1,Clerk",
        ), expect(
            codes=["id_variant"],
            issues=[Issue("id_variant", 3)],
            rows={"rows_in": 4},
            why="E3 reports to 'Zoë' decomposed; the post is 'Zoë' composed: id_variant",
        )),
        _one(r, "headcount-nan-inf", "orgchart.csv", _csv(
            "staff_id,reports_to,title,headcount", "E1,,Chief Executive,1", "E2,E1,Director,1",
            "E3,E2,Clerks,NaN", "E4,E2,Aides,inf",
        ), expect(
            exact=False,
            issues=[
                Issue(row=3, field="headcount", severity="error"),
                Issue(row=4, field="headcount", severity="error"),
            ],
            rows={"rows_in": 4, "rows_loaded": 2, "rows_rejected": 2, "rows_blank": 0},
            why="a headcount of NaN or inf is no number of people: errors, rows left out",
        )),
        _one(r, "dataframe-inf-fte", None, lambda: pd.DataFrame({
            "staff_id": ["E1", "E2", "E3", "E4"], "reports_to": [None, "E1", "E2", "E2"],
            "fte": [1.0, 1.0, 1.0, float("inf")],
        }), expect(
            exact=False,
            issues=[Issue(row=4, field=("fte", "headcount"), severity="error")],
            rows={"rows_in": 4, "rows_loaded": 3, "rows_rejected": 1, "rows_blank": 0},
            why="an infinite FTE is an error, not a post of infinitely many people",
        )),
        _one(r, "blank-row-between", "orgchart.csv", _csv(
            "staff_id,reports_to,title,name,fte", "E1,,Chief Executive,Ana Ruiz,1",
            "E2,E1,Finance Director,Ben Ode,1", ",,,,", "E3,E2,Accountant,Cy Lee,1",
            "E4,E2,Clerk,Di Ray,0.5",
        ), expect(
            codes=["blank_row"],
            issues=[Issue("blank_row", 3, severity="warning")],
            rows={"rows_in": 5, "rows_loaded": 4, "rows_rejected": 0, "rows_blank": 1},
            why="a row of delimiters only: skipped with a warning and counted as blank",
        )),
    ]  # fmt: skip


def counts_cases() -> list[Case]:
    r = "read_staffing_counts"
    head = "school_id,name,teacher_fte,admin_fte,enrollment"
    return [
        _one(r, "masked-value", "counts.csv", _csv(
            head, "SCH01,Adams,54,2,570", "SCH02,Baker,26,3,360", "SCH03,Cole,12,N/A,150",
            "SCH04,Dunn,30,1,400",
        ), expect(
            exact=False,
            issues=[Issue(row=3, field="admin_fte")],
            rows={"rows_in": 4},
            why="N/A for admin FTE is a masked code: reported (masked_value) or refused",
        )),
        _one(r, "trailing-blank-rows", "counts.csv", _csv(
            head, "SCH01,Adams,54,2,570", "SCH02,Baker,26,3,360", "SCH03,Cole,12,0,150",
            "SCH04,Dunn,30,1,400", ",,,,", ",,,,",
        ), expect(
            codes=["blank_row"],
            issues=[Issue("blank_row", 5, severity="warning"), Issue("blank_row", 6)],
            rows={"rows_in": 6, "rows_loaded": 4, "rows_rejected": 0, "rows_blank": 2},
            why="two rows of delimiters at the end of an export: blank rows, not missing ids",
        )),
        _one(r, "thousands-negative", "counts.csv", _csv(
            head, 'SCH01,Adams,54,2,"1,234"', "SCH02,Baker,-3,3,360",
            'SCH03,Cole,12,0,"1.234,5"', "SCH04,Dunn,30,1,400",
        ), expect(
            codes=["masked_value", "wrong_type"],
            issues=[
                Issue("masked_value", 2, "teacher_fte", "warning"),
                Issue("wrong_type", 3, "enrollment", "error"),
            ],
            rows={"rows_in": 4, "rows_loaded": 3, "rows_rejected": 1, "rows_blank": 0},
            check=lambda res: assert_equal(
                float(res.table.reset_index().set_index("school_id").loc["SCH01", "enrollment"]),
                1234.0, "SCH01's enrollment ('1,234')",
            ),
            why="'1,234' is 1234; -3 teachers is a masking code in count files (issue 18: "
            "negative counts are masked by default, unknown and never zero); '1.234,5' is no "
            "number here",
        )),
        _one(r, "duplicate-school", "counts.csv", _csv(
            head, "SCH01,Adams,54,2,570", "SCH01,Adams,26,3,360", "SCH03,Cole,12,0,150",
            "SCH04,Dunn,30,1,400",
        ), expect(
            codes=["duplicate_school_id"],
            issues=[Issue("duplicate_school_id", 1), Issue("duplicate_school_id", 2)],
            rows={"rows_in": 4, "rows_loaded": 2, "rows_rejected": 2, "rows_blank": 0},
            why="one school twice with different counts: both rows are errors",
        )),
        _one(r, "id-zero-width", "counts.csv", _csv(
            head, "SCH01,Adams,54,2,570", f"SCH01{ZWSP},Adams,26,3,360",
            "SCH03,Cole,12,0,150", "SCH04,Dunn,30,1,400",
        ), expect(
            codes=["id_variant"],
            allowed=["duplicate_school_id"],
            issues=[Issue("id_variant", 2)],
            rows={"rows_in": 4, "rows_loaded": (2, 3)},
            check=ids_distinct(r, "school_id"),
            why="SCH01 and SCH01 with a zero-width space are one visible id: id_variant",
        )),
        _one(r, "dataframe-inf", None, lambda: pd.DataFrame({
            "school_id": ["SCH01", "SCH02", "SCH03", "SCH04"],
            "teacher_fte": [54.0, 26.0, float("inf"), 30.0],
        }), expect(
            exact=False,
            issues=[Issue(row=3, field="teacher_fte", severity="error")],
            rows={"rows_in": 4, "rows_loaded": 3, "rows_rejected": 1, "rows_blank": 0},
            why="infinitely many teachers is an error on its row",
        )),
    ]  # fmt: skip


def survey_cases() -> list[Case]:
    r = "read_survey"
    head = "staff_id,recommend,responsible_teachers,advice_ids,comment"
    return [
        _one(r, "id-invisible-characters", "survey.csv", _csv(
            head, "T01,9,yes,C1,a", f"T{WJ}02,7,no,,b", f"{ZWSP}T03,10,primary,A1,c",
            f"T04,3,yes,C1{ZWSP},d",
        ), expect(
            codes=["id_variant"],
            issues=[
                Issue("id_variant", 2, "staff_id"),
                Issue("id_variant", 3, "staff_id"),
                Issue("id_variant", 4, "advice_ids"),
            ],
            rows={"rows_in": 4},
            check=ids_on_roster(r, "staff_id"),
            why="a word joiner, a zero-width space in ids and in an adviser: id_variant each",
        )),
        _one(r, "scores", "survey.csv", _csv(
            head, "T01,11,yes,,a", "T02,-1,no,,b", "T03,7.5,yes,,c",
            "T04,10 - extremely likely,yes,,d",
        ), expect(
            codes=["score_out_of_range", "wrong_type"],
            issues=[
                Issue("score_out_of_range", 1, "recommend"),
                Issue("score_out_of_range", 2, "recommend"),
                Issue("wrong_type", 3, "recommend"),
                Issue("wrong_type", 4, "recommend"),
            ],
            rows={"rows_in": 4, "rows_loaded": 0, "rows_rejected": 4, "rows_blank": 0},
            why="11 and -1 are off the 0-10 scale; 7.5 and a label are not whole numbers",
        )),
        _one(r, "duplicate-respondent", "survey.csv", _csv(
            head, "T01,9,yes,,a", "T01,8,no,,b", "T03,7,yes,,c", "T04,6,yes,,d",
        ), expect(
            codes=["duplicate_staff_id"],
            issues=[Issue("duplicate_staff_id", 1), Issue("duplicate_staff_id", 2)],
            rows={"rows_in": 4, "rows_loaded": 2, "rows_merged": 0, "rows_rejected": 2,
                  "rows_blank": 0},
            why="a person who answered twice: both responses rejected, never merged",
        )),
        _one(r, "anonymous-without-roster", "survey.csv", _csv(
            "school_id,role,recommend", "S1,teacher,9", "S1,Wizard,8", ",teacher,7",
            "S1,teacher,10",
        ), expect(
            codes=["unknown_role", "missing_value"],
            issues=[Issue("unknown_role", 2, "role"), Issue("missing_value", 3, "school_id")],
            rows={"rows_in": 4, "rows_loaded": 2, "rows_rejected": 2, "rows_blank": 0},
            why="anonymous answers need a known role and a school",
        ), roster=None),
        _one(r, "nominations-accounting", "survey.csv", _csv(
            head, "T01,9,yes,C1,a", "T02,7,no,,b", "T03,10,primary,A1;A1;ZZ9,c",
            "T04,3,yes,P1,d",
        ), expect(
            codes=["duplicate_link", "unknown_staff"],
            issues=[
                Issue("duplicate_link", 3, table="nominations", severity="warning"),
                Issue("unknown_staff", 3, table="nominations", severity="error"),
            ],
            rows={"rows_in": 4, "rows_loaded": 4, "rows_rejected": 0, "rows_blank": 0},
            # nominations: C1, A1, A1, ZZ9, P1 = 5 in; C1, A1, P1 loaded; one A1 merged; ZZ9 out
            check=accounting_of("nominations", [5, 3, 1, 1, 0]),
            why="a repeated and an unknown adviser: counted in the nominations table",
        )),
    ]  # fmt: skip


def log_cases() -> list[Case]:
    r = "read_log"
    head = "date,leader_id,teacher_id,kind,minutes"
    dates = [
        "2024-09-03", "2024-09-03T08:15:00Z", "2024-09-03 08:15", "2024-09-03T23:30:00-06:00",
        "09/03/2024", "3 Sep 2024", "20240903", "2024-02-30", "45538", "2024/09/03",
        "2023-09-03",
    ]  # fmt: skip
    many = [f"{d},A1,T{k:02d},walkthrough,20" for k, d in enumerate(dates, start=1)]

    def all_on_sept_3(result: Any) -> None:
        got = sorted({str(d.date()) for d in result.events["date"]})
        assert_equal(got, ["2024-09-03"], "dates of the loaded events")

    def xlsx_dates() -> bytes:
        return xlsx_bytes(
            [
                ["date", "leader_id", "teacher_id", "kind", "minutes"],
                [datetime(2024, 9, 3), "A1", "T01", "walkthrough", 20],
                [datetime(2024, 9, 10, 14, 30), "A1", "T02", "informal", 30],
                [date(2024, 9, 17), "C1", "T03", "coaching", 45],
                [datetime(2025, 7, 1), "P1", "T04", "formal", 60],
            ]
        )

    return [
        _one(r, "dates-many-formats", "log.csv", _csv(head, *many), expect(
            codes=["wrong_type", "date_out_of_range"],
            issues=[
                *[Issue("wrong_type", n, "date", "error") for n in range(5, 11)],
                Issue("date_out_of_range", 11, "date", "error"),
            ],
            rows={"rows_in": 11, "rows_loaded": 4, "rows_merged": 0, "rows_rejected": 7,
                  "rows_blank": 0},
            check=all_on_sept_3,
            why="ISO dates (with a time or offset) are read as written; slashed, named-month, "
            "compact, impossible and serial dates are not guessed; 2023 is outside the year",
        )),
        _one(r, "duplicate-event", "log.csv",
             lambda: text_bytes([*BASES[r].table(), list(BASES[r].rows[0])]), expect(
            codes=["duplicate_event"],
            issues=[Issue("duplicate_event", 5, severity="warning")],
            rows={"rows_in": 5, "rows_loaded": 4, "rows_merged": 1, "rows_rejected": 0,
                  "rows_blank": 0},
            why="row 5 repeats row 1 exactly: kept once, counted as merged",
        )),
        _one(r, "id-invisible-characters", "log.csv", _csv(
            head, "2024-09-03,A1,T01,walkthrough,20", "2024-09-10,A1,T02,informal,30",
            f"2024-09-17,C1{ZWSP},T03,coaching,45", f"2024-09-24,P1,T{WJ}04,formal,60",
        ), expect(
            codes=["id_variant"],
            issues=[Issue("id_variant", 3, "leader_id"), Issue("id_variant", 4, "teacher_id")],
            rows={"rows_in": 4},
            check=ids_on_roster(r, "leader_id", "teacher_id"),
            why="C1 with a zero-width space, T04 with a word joiner: id_variant, not 'unknown'",
        )),
        _one(r, "xlsx-date-cells", "log.xlsx", xlsx_dates, expect(
            codes=["date_out_of_range"],
            issues=[Issue("date_out_of_range", 4, "date", "error")],
            rows={"rows_in": 4, "rows_loaded": 3, "rows_merged": 0, "rows_rejected": 1,
                  "rows_blank": 0},
            why="Excel date and datetime cells are dates; 2025-07-01 is after the year",
        )),
        _one(r, "minutes-negative-thousands", "log.csv", _csv(
            head, "2024-09-03,A1,T01,walkthrough,20", "2024-09-10,A1,T02,informal,-5",
            '2024-09-17,C1,T03,coaching,"1,200"', "2024-09-24,P1,T04,formal,45 min",
        ), expect(
            codes=["negative_value", "wrong_type"],
            issues=[
                Issue("negative_value", 2, "minutes", "error"),
                Issue("wrong_type", 4, "minutes", "error"),
            ],
            rows={"rows_in": 4, "rows_loaded": 2, "rows_rejected": 2, "rows_blank": 0},
            why="-5 minutes is negative; '1,200' is 1200; '45 min' is not a number",
        )),
        _one(r, "dataframe-inf-minutes", None, lambda: pd.DataFrame({
            "date": ["2024-09-03", "2024-09-10", "2024-09-17", "2024-09-24"],
            "leader_id": ["A1", "A1", "C1", "P1"], "teacher_id": ["T01", "T02", "T03", "T04"],
            "kind": ["walkthrough", "informal", "coaching", "formal"],
            "minutes": [20.0, float("inf"), 45.0, 60.0],
        }), expect(
            exact=False,
            issues=[Issue(row=2, field="minutes", severity="error")],
            rows={"rows_in": 4, "rows_loaded": 3, "rows_rejected": 1, "rows_blank": 0},
            why="infinite minutes are an error, not a very long visit",
        )),
    ]  # fmt: skip


def members_cases() -> list[Case]:
    r = "read_members"
    head = "school_id,team_id,staff_id"
    return [
        _one(r, "duplicate-membership", "members.csv", _csv(
            head, "S1,S1-ILT,A1", "S1,S1-ILT,C1", "S1,S1-ILT,T01", "S1,S1-ILT,T21",
            "S1,S1-ILT,A1",
        ), expect(
            codes=["duplicate_membership"],
            issues=[Issue("duplicate_membership", 5, severity="warning")],
            rows={"rows_in": 5, "rows_loaded": 4, "rows_merged": 1, "rows_rejected": 0,
                  "rows_blank": 0},
            why="row 5 repeats row 1: kept once, counted as merged",
        )),
        _one(r, "unknown-staff-and-team", "members.csv", _csv(
            head, "S1,S1-ILT,A1", "S1,S1-ILT,C1", "S1,S1-ILT,ZZ9", "S1,NOPE,T21",
        ), expect(
            codes=["unknown_staff", "unknown_team"],
            issues=[Issue("unknown_staff", 3, "staff_id"), Issue("unknown_team", 4, "team_id")],
            rows={"rows_in": 4, "rows_loaded": 2, "rows_merged": 0, "rows_rejected": 2,
                  "rows_blank": 0},
            why="a person not on the staff, a team not in the teams table: errors",
        )),
        _one(r, "id-invisible-characters", "members.csv", _csv(
            head, "S1,S1-ILT,A1", "S1,S1-ILT,C1", f"S1,S1-ILT,{BOM}T01", f"S1,S1-ILT,T21{ZWSP}",
        ), expect(
            codes=["id_variant"],
            issues=[Issue("id_variant", 3, "staff_id"), Issue("id_variant", 4, "staff_id")],
            rows={"rows_in": 4},
            check=ids_on_roster(r, "staff_id"),
            why="a BOM before T01 and a zero-width space after T21: id_variant",
        )),
        _one(r, "blank-row-between", "members.csv", _csv(
            head, "S1,S1-ILT,A1", ",,", "S1,S1-ILT,C1", "S1,S1-ILT,T01", "S1,S1-ILT,T21",
        ), expect(
            codes=["blank_row"],
            issues=[Issue("blank_row", 2, severity="warning")],
            rows={"rows_in": 5, "rows_loaded": 4, "rows_merged": 0, "rows_rejected": 0,
                  "rows_blank": 1},
            why="a blank row between memberships: skipped and counted",
        )),
        _one(r, "dataframe-list-cell", None, lambda: pd.DataFrame({
            "school_id": ["S1", "S1", "S1"], "team_id": ["S1-ILT"] * 3,
            "staff_id": ["A1", ["C1", "T01"], "T21"],
        }), expect(
            codes=["nested_value"],
            issues=[Issue("nested_value", 2, "staff_id", "error")],
            rows={"rows_in": 3, "rows_loaded": 2, "rows_merged": 0, "rows_rejected": 1,
                  "rows_blank": 0},
            why="a list of people in one cell is a nested_value error",
        )),
    ]  # fmt: skip


def specific_cases() -> list[Case]:
    return [
        *roster_cases(),
        *lines_cases(),
        *counts_cases(),
        *survey_cases(),
        *log_cases(),
        *members_cases(),
    ]
