"""The messy-input corpus: every file gives exactly its expected reason codes, and the row
accounting adds up. Files are in tests/data/messy (all synthetic)."""

from __future__ import annotations

from pathlib import Path

import pytest

import leadmodel as lm

DATA = Path(__file__).parent / "data" / "messy"

# file -> (reason codes expected, staff accounting [in, loaded, rejected, blank] or None if the
# file cannot be loaded at all); worked out line by line from each file
CORPUS = {
    "bom_semicolon.csv": (set(), [2, 2, 0, 0]),  # BOM and ';' with a comma inside a name: fine
    "latin1.csv": (set(), [2, 2, 0, 0]),  # Windows-1252 names decode
    "empty.csv": ({"empty_file", "missing_column"}, None),
    "header_only.csv": ({"empty_file"}, None),
    "ragged.csv": ({"ragged_row"}, [3, 1, 2, 0]),  # 5 fields, then 2, where the header has 3
    # A and B supervise each other (cycle); P and Q are both at the top (several roots)
    "roots_and_cycle.csv": ({"cycle", "several_roots"}, [6, 6, 0, 0]),
    # t002/T002 and ' T003 '/T003 collide (4 rows out); T001's evaluator 'p1' is a case variant
    "id_variants.csv": ({"id_variant"}, [6, 2, 4, 0]),
    "job_share.csv": ({"duplicate_staff_id"}, [3, 1, 2, 0]),  # two people share POS-7
    # Vacant name (kept), N/D and NULL placeholders, fte 1e300, release -1, years -9 (T3 out)
    "numbers_masks_huge.csv": (
        {"vacancy", "masked_value", "fte_out_of_range", "release_out_of_range", "negative_value"},
        [4, 3, 1, 0],
    ),
    # T in two schools at 0.6 + 0.6 (both rows out), X's role unknown, Y's evaluator elsewhere
    "two_schools.csv": ({"fte_over_one", "unknown_role", "cross_school_link"}, [6, 3, 3, 0]),
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_file(name: str) -> None:
    codes, accounting = CORPUS[name]
    if accounting is None:
        with pytest.raises(lm.RosterError) as info:
            lm.read_roster(DATA / name, strict=False)
        assert set(info.value.issues["code"]) == codes
        return
    roster = lm.read_roster(DATA / name, strict=False)
    assert set(roster.issues["code"]) == codes
    acc = roster.accounting()
    assert acc.loc["staff"].tolist() == accounting
    assert (acc["rows_in"] == acc["rows_loaded"] + acc["rows_rejected"] + acc["rows_blank"]).all()
    assert set(roster.issues["code"]) <= set(lm.validate.REASON_CODES)


def test_separate_links_file_with_an_unknown_relation() -> None:
    roster = lm.read_roster(
        DATA / "links_staff.csv", links=DATA / "links_unknown_relation.csv", strict=False
    )
    assert roster.issues[["table", "row", "code"]].values.tolist() == [
        ["links", 1, "unknown_relation"]
    ]
    assert roster.accounting().loc["links"].tolist() == [2, 1, 1, 0]


def test_latin1_names_read_correctly() -> None:
    assert lm.read_roster(DATA / "latin1.csv").staff["name"].tolist() == ["José Peña", "Zoë"]


def test_every_corpus_file_is_covered() -> None:
    on_disk = {p.name for p in DATA.glob("*.csv")}
    assert on_disk - set(CORPUS) == {"links_staff.csv", "links_unknown_relation.csv"}
