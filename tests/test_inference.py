"""infer_links: the documented default rule, worked through by hand."""

from __future__ import annotations

import pandas as pd
import pytest

import leadmodel as lm
from leadmodel import DefinitionError


def _pairs(roster: lm.Roster, relation: str) -> dict[str, str]:
    links = roster.links[roster.links["relation"] == relation]
    return dict(zip(links["staff_id"], links["leader_id"], strict=True))


def test_principal_ap_split_by_grade(small_staff: pd.DataFrame) -> None:
    schools = pd.DataFrame({"school_id": ["S1"], "level": ["elementary"]})
    roster = lm.infer_links(lm.read_roster(small_staff, schools=schools))
    # Groups, largest first: K (T1-T3), then 1 (T4,T5) and 2 (T6,T7) by key, then T8 alone.
    # Evaluators P1, A1 start at 0: K -> P1 (3); 1 -> A1 (2); 2 -> A1 (4, A1 had 2 < 3);
    # T8 -> P1 (P1 has 3 < 4). P1: T1,T2,T3,T8; A1: T4,T5,T6,T7.
    expected = {
        "T1": "P1",
        "T2": "P1",
        "T3": "P1",
        "T8": "P1",
        "T4": "A1",
        "T5": "A1",
        "T6": "A1",
        "T7": "A1",
    }
    assert _pairs(roster, "evaluates") == expected
    assert _pairs(roster, "develops") == expected
    supervises = _pairs(roster, "supervises")
    assert supervises == {**expected, "A1": "P1", "C1": "P1"}
    assert set(roster.links["source"]) == {"inferred:principal_ap_split"}
    assert len(roster.links) == 8 * 3 + 2  # three links per teacher + AP and coach supervised


def test_existing_links_are_kept_and_counted_in_the_balance(small_staff: pd.DataFrame) -> None:
    links = pd.DataFrame(
        {
            "leader_id": ["A1", "A1"],
            "staff_id": ["T1", "T2"],
            "relation": ["evaluates", "evaluates"],
        }
    )
    schools = pd.DataFrame({"school_id": ["S1"], "level": ["elementary"]})
    roster = lm.infer_links(lm.read_roster(small_staff, links=links, schools=schools))
    evaluates = _pairs(roster, "evaluates")
    # T1, T2 keep A1, so loads start P1 0, A1 2. Remaining groups, largest first:
    # 1 (T4,T5), 2 (T6,T7), K (T3), then T8 alone.
    # 1 -> P1 (0 -> 2); 2: tie at 2, P1 is listed first -> P1 (4); K -> A1 (3); T8 -> A1 (4).
    assert evaluates == {
        "T1": "A1",
        "T2": "A1",
        "T4": "P1",
        "T5": "P1",
        "T6": "P1",
        "T7": "P1",
        "T3": "A1",
        "T8": "A1",
    }
    inputs = roster.links[roster.links["source"] == "input"]
    assert len(inputs) == 2


def test_school_without_principal_gets_a_warning_and_no_links() -> None:
    staff = pd.DataFrame(
        {"staff_id": ["A", "T"], "school_id": ["S"] * 2, "role": ["assistant_principal", "teacher"]}
    )
    roster = lm.infer_links(lm.read_roster(staff))
    assert roster.links.empty
    assert roster.issues[["code", "value"]].values.tolist() == [["no_principal", "S"]]


def test_unknown_rule_is_a_definition_error(small_staff: pd.DataFrame) -> None:
    with pytest.raises(DefinitionError, match="principal_ap_split"):
        lm.infer_links(lm.read_roster(small_staff), rule="coin_flip")


def test_input_roster_is_untouched(small_staff: pd.DataFrame) -> None:
    roster = lm.read_roster(small_staff)
    before = roster.links.copy()
    lm.infer_links(roster)
    pd.testing.assert_frame_equal(roster.links, before)


def test_no_link_is_drawn_from_or_to_a_vacant_position() -> None:
    raw = lm.read_roster(
        pd.DataFrame(
            {
                "staff_id": ["P1", "P2", "A1", "T1", "T2", "T3"],
                "school_id": "S",
                "role": [
                    "principal",
                    "principal",
                    "assistant_principal",
                    "teacher",
                    "teacher",
                    "teacher",
                ],
                "vacant": ["yes", "no", "no", "no", "no", "yes"],
            }
        )
    )
    links = lm.infer_links(raw).links
    ends = set(links["leader_id"]) | set(links["staff_id"])
    # P1 (a vacant principal post) and T3 (a vacant classroom) take part in no link; P2 heads
    assert not ends & {"P1", "T3"}
    assert set(links.loc[links["relation"] == "evaluates", "staff_id"]) == {"T1", "T2"}
