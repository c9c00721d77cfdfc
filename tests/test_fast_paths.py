"""The integer-code and sorting fast paths give what the plain pandas operations give."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import leadmodel as lm
from leadmodel.metrics.coded import positions
from leadmodel.metrics.coverage import _team_codes
from leadmodel.readers.issues import _one_key, blank_cells, id_key, spelled_several_ways, to_text
from leadmodel.readers.link_checks import common_schools
from leadmodel.roles import resolve_titles
from leadmodel.roster import _missing, among, id_codes, repeats, several_times, sorted_by

TEXT = st.sampled_from(["S1", "S10", "S9", "s1", "é", " S1", None])


@given(st.lists(st.tuples(TEXT, TEXT), max_size=12), st.booleans())
def test_sorted_by_is_a_stable_sort_with_missing_last(rows: list, presort: bool) -> None:
    frame = pd.DataFrame(rows, columns=["a", "b"], dtype="string").assign(n=range(len(rows)))
    if presort and rows:  # blocks of one first key, in order within each block, blocks reversed
        ordered = frame.sort_values(["a", "b"], kind="mergesort", na_position="last")
        frame = pd.concat([block for _, block in ordered.groupby("a", dropna=False)][::-1])
    expected = frame.sort_values(["a", "b"], kind="mergesort", na_position="last")
    pd.testing.assert_frame_equal(sorted_by(frame, ["a", "b"]), expected)


@given(st.lists(st.tuples(st.integers(-1, 3), st.integers(-1, 3)), max_size=30))
def test_repeats_marks_rows_seen_before(rows: list) -> None:
    codes = np.array(rows, dtype=np.int64).reshape(-1, 2)
    expected = pd.DataFrame(codes).duplicated().to_numpy()
    assert (repeats(codes[:, 0], codes[:, 1]) == expected).all()


@pytest.mark.parametrize("school", [None, "S1", "S2", "S3"])
def test_common_schools_matches_a_merge(school: str | None) -> None:
    staff = pd.DataFrame(
        {
            "staff_id": ["L", "L", "T", "T", "U", "L"],
            "school_id": ["S1", "S2", "S2", "S1", "S3", "S1"],
        },
        dtype="string",
    )
    live = pd.DataFrame(
        {"_i": [3, 5, 8], "leader_id": ["L", "L", "U"], "other": ["T", None, "L"]},
    ).assign(school_id=pd.Series([school] * 3, dtype="string"))
    live[["leader_id", "other"]] = live[["leader_id", "other"]].astype("string")
    pairs = live.merge(
        staff.rename(columns={"staff_id": "w", "school_id": "s"}), left_on="leader_id", right_on="w"
    )
    works = pd.MultiIndex.from_frame(pairs[["other", "s"]]).isin(pd.MultiIndex.from_frame(staff))
    pairs = pairs[
        (pairs["other"].isna().to_numpy() | works)
        & (pairs["school_id"].isna() | (pairs["school_id"] == pairs["s"])).to_numpy()
    ]
    expected = pairs.groupby("_i")["s"].agg(["first", "nunique"])
    shared = common_schools(live, staff, "leader_id", "other")
    assert shared.index.tolist() == expected.index.tolist()
    assert shared["nunique"].tolist() == expected["nunique"].tolist()
    assert shared["first"].astype("string").tolist() == expected["first"].tolist()


def test_a_link_naming_a_school_nobody_works_at_shares_no_school() -> None:
    # A and B each work in S1 and S2, C in S1; the link names S9, where nobody works. School
    # codes: S1 0, S2 1, S9 2; a person-and-school key of A (0) at S9 (2) must not be taken
    # for B (1) at S1 (0), nor B at S9 for C (2) at S1.
    staff = pd.DataFrame(
        {
            "school_id": ["S1", "S2", "S1", "S2", "S1"],
            "staff_id": ["A", "A", "B", "B", "C"],
            "role": [
                "assistant_principal",
                "assistant_principal",
                "teacher",
                "teacher",
                "principal",
            ],
            "fte": [0.5, 0.5, 0.5, 0.5, 1.0],
        }
    )
    links = pd.DataFrame(
        {"school_id": ["S9"], "leader_id": ["A"], "staff_id": ["B"], "relation": ["develops"]}
    )
    live = links.assign(_i=[0]).astype({"school_id": "string", "leader_id": "string"})
    live["staff_id"] = live["staff_id"].astype("string")
    assert common_schools(live, staff.astype("string"), "leader_id", "staff_id").empty
    roster = lm.read_roster(staff, links=links, strict=False)
    assert roster.links.empty
    assert roster.issues["code"].tolist() == ["cross_school_link"]


#: Text with the whitespace and blanks real exports hold: spaces, tabs, no-break and ideographic
#: spaces, line breaks, empty cells, accents, and missing values.
MESSY = st.sampled_from(
    ["S1", " S1", "S1 ", "\tS1\n", "\u00a0S1", "S1\u3000", "", "  ", "\u00a0", "é", " Ré ", None]
)
STORAGES = ["object", "str", "string", "string[python]"]


@given(st.lists(MESSY, max_size=12), st.sampled_from(STORAGES))
def test_to_text_strips_and_blanks_as_pandas_does(values: list, storage: str) -> None:
    column = pd.Series(values, dtype=storage)
    plain = pd.Series(values, dtype="string").str.strip()
    expected = plain.mask(plain == "", pd.NA)
    pd.testing.assert_series_equal(to_text(column), expected, check_names=False)


@given(st.lists(MESSY, max_size=12), st.sampled_from(STORAGES))
def test_blank_cells_are_missing_or_only_whitespace(values: list, storage: str) -> None:
    expected = [v is None or v.strip() == "" for v in values]
    assert blank_cells(pd.Series(values, dtype=storage)).tolist() == expected


@given(
    st.lists(
        st.sampled_from(
            ["T1", "t1", " T1", "T2", "t2", "T1\u200b", "Jos\u00e9", "Jose\u0301", None]
        )
    )
)
def test_id_key_and_spellings_match_their_definition(values: list) -> None:
    # lists of ids in one letter case (T1, T2; or t1, t2) take the path with no hashing
    keys = id_key(pd.Series(values, dtype="string"))
    assert keys.tolist() == [pd.NA if v is None else _one_key(v) for v in values]
    codes, spellings = pd.factorize(pd.Series(values, dtype="string"))
    spelled = {v for v in values if v is not None}
    several = {v for v in spelled if len({w for w in spelled if _one_key(w) == _one_key(v)}) > 1}
    assert spelled_several_ways(spellings, codes).tolist() == [v in several for v in values]


def test_a_role_map_does_not_stay_in_the_catalogue_aliases() -> None:
    # the catalogue's aliases are normalised once and kept; a role map is laid over them per call
    mapped = resolve_titles(
        ["Grade Team Anchor", "Teacher"], role_map={"grade team anchor": "team_lead"}
    )
    assert mapped.tolist() == ["team_lead", "teacher"]
    assert resolve_titles(["Grade Team Anchor"]).isna().all()
    # a role map wins over the catalogue for a title both know
    assert resolve_titles(["Teacher"], role_map={"Teacher": "instructional_coach"}).tolist() == [
        "instructional_coach"
    ]


def test_sorted_by_takes_nan_keys_for_missing() -> None:
    frame = pd.DataFrame({"a": [2.0, np.nan, 1.0, np.nan], "b": list("yxzw")})
    assert sorted_by(frame, ["a", "b"]).index.tolist() == [
        2,
        0,
        3,
        1,
    ]  # 1.0, 2.0, then the NaNs by b: w, x


def test_id_codes_of_object_and_integer_columns() -> None:
    (left, right), distinct = id_codes(
        pd.Series(["b", "a"], dtype=object), pd.Series(["a", None], dtype=object), sort=True
    )
    assert left.tolist() == [1, 0] and right.tolist() == [0, -1] and distinct.tolist() == ["a", "b"]
    (codes,), numbers = id_codes(pd.Series([7, 3, 7]), sort=True)
    assert codes.tolist() == [1, 0, 1] and numbers.tolist() == [3, 7]


LINK = st.tuples(
    st.sampled_from(["A", "B"]),  # the link's school
    st.sampled_from(["p0", "p1", "p2", "p3"]),  # leader
    st.sampled_from(["p0", "p1", "p2", "p3"]),  # staff
    st.sampled_from(["supervises", "evaluates"]),
)


@given(st.lists(LINK, min_size=1, max_size=14))
def test_cycle_links_are_those_inside_a_circle_at_one_school(rows: list) -> None:
    # everybody works half time at both schools, so every link names known people: the only rows
    # rejected before the circle check are the self links; a circle is a strongly connected
    # set of (school, person) nodes of one relation, found here by networkx
    import networkx as nx

    staff = pd.DataFrame(
        [(s, p, "teacher", 0.5) for s in "AB" for p in ["p0", "p1", "p2", "p3"]],
        columns=["school_id", "staff_id", "role", "fte"],
    )
    links = pd.DataFrame(rows, columns=["school_id", "leader_id", "staff_id", "relation"])
    roster = lm.read_roster(staff, links=links, strict=False)
    issues = roster.issues
    found = set(issues.loc[issues["code"] == "cycle", "row"].astype(int))
    expected = set()
    for relation in ("supervises", "evaluates"):
        graph = nx.DiGraph()
        for i, (school, lead, led, rel) in enumerate(rows):
            if rel == relation and lead != led:
                ends = (school, lead), (school, led)  # row i is numbered i + 1 in the issues
                graph.add_edge(
                    *ends, rows=[*graph.get_edge_data(*ends, {"rows": []})["rows"], i + 1]
                )
        for part in nx.strongly_connected_components(graph):
            for _, _, data in graph.subgraph(part).edges(data=True):
                expected.update(data["rows"])
    assert found == expected


@given(
    st.lists(st.integers(-3, 40), max_size=20),
    st.lists(st.integers(-3, 40), max_size=20),
    st.sampled_from([1, 10**12, 2**57]),
)
def test_among_is_isin_for_narrow_and_wide_codes(codes: list, universe: list, scale: int) -> None:
    # scales 10**12 and 2**57 spread the codes too wide for a table of flags: the hashing
    # path (2**57 near the top of int64, where the range itself must not overflow)
    values = np.array(codes, dtype=np.int64) * scale
    wanted = np.array(universe, dtype=np.int64) * scale
    assert among(values, wanted).tolist() == np.isin(values, wanted).tolist()


@given(st.sets(st.integers(-50, 50), max_size=20), st.lists(st.integers(-60, 60), max_size=20))
def test_positions_finds_what_a_hash_lookup_finds(ordered: set, wanted: list) -> None:
    keys = np.array(sorted(ordered), dtype=np.int64)
    expected = pd.Index(keys).get_indexer(np.array(wanted, dtype=np.int64))
    assert positions(keys, np.array(wanted, dtype=np.int64)).tolist() == expected.tolist()


PAIR = st.tuples(st.sampled_from(["S1", "S2", None]), st.sampled_from(["T1", "T2", "T3", None]))


@given(st.lists(PAIR, max_size=6), st.lists(PAIR, max_size=10))
def test_team_codes_join_rows_to_teams_by_their_pair(teams: list, rows: list) -> None:
    # a row sits on a team when both ids are given and equal; teams may repeat a pair (a
    # roster built without validation), and then share one code
    def table(pairs: list) -> dict:
        frame = pd.DataFrame(pairs, columns=["school_id", "team_id"], dtype="string")
        return {col: frame[col].array for col in frame}

    _, team, member = _team_codes(table(teams), table(rows))
    for i, pair in enumerate(teams):
        complete = None not in pair
        assert (team[i] >= 0) == complete
        on = {j for j, row in enumerate(rows) if complete and row == pair}
        assert {j for j in range(len(rows)) if complete and member[j] == team[i]} == on
    assert all(member[j] == -1 for j, row in enumerate(rows) if row not in teams or None in row)


@given(st.lists(st.lists(TEXT, max_size=6), min_size=1, max_size=3), st.booleans())
def test_id_codes_of_arrow_text_are_pandas_factorize(columns: list, sort: bool) -> None:
    series = [pd.Series(values, dtype="string") for values in columns]
    codes, distinct = id_codes(*series, sort=sort)
    expected, values = pd.factorize(pd.concat(series, ignore_index=True), sort=sort)
    assert np.concatenate(codes).tolist() == expected.tolist()
    assert [len(c) for c in codes] == [len(s) for s in series]
    assert distinct.tolist() == list(values) and distinct.dtype == "string"


PLACE = st.tuples(st.sampled_from("ABC"), st.sampled_from(["p0", "p1", "p2"]))


@given(st.dictionaries(PLACE, st.sampled_from([0.3, 0.6, 1.0]), min_size=1, max_size=9))
def test_fte_over_one_marks_every_row_of_a_person_over_one_across_schools(rows: dict) -> None:
    # one row per (school, id): a person is over when in two schools or more and the FTE
    # of all their rows adds up above 1 (0.6 + 0.6 = 1.2 is; 0.3 + 0.6 = 0.9 is not)
    staff = pd.DataFrame(
        [(school, ident, "teacher", fte) for (school, ident), fte in rows.items()],
        columns=["school_id", "staff_id", "role", "fte"],
    )
    roster = lm.read_roster(staff, strict=False)
    found = set(roster.issues.loc[roster.issues["code"] == "fte_over_one", "row"].astype(int))
    schools = staff.groupby("staff_id")["school_id"].nunique()
    total = staff.groupby("staff_id")["fte"].sum()
    over = set(schools.index[(schools > 1) & (total > 1 + 1e-9)])
    assert found == {i + 1 for i, ident in enumerate(staff["staff_id"]) if ident in over}


@pytest.mark.parametrize("storage", ["pyarrow", "python"])
def test_a_missing_text_column_keeps_the_string_storage(storage: str) -> None:
    # pandas' string storage option decides STRING's storage; a missing column follows it
    column = _missing(pd.StringDtype(storage), 3)
    assert column.dtype == pd.StringDtype(storage) and column.isna().all()


@given(st.lists(st.integers(-3, 40), max_size=30), st.sampled_from([1, 10**12]))
def test_several_times_counts_narrow_codes_and_sorts_wide_ones(values: list, scale: int) -> None:
    # scale 10**12 spreads the values too wide to count them: the sorting path
    codes = np.array(values, dtype=np.int64) * scale
    expected = [values.count(v) > 1 for v in values]
    assert several_times(codes).tolist() == expected
