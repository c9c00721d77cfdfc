"""Interchange with other planning tools: GraphML, JSON Schema, exported tables."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pandas as pd

import leadmodel as lm


def test_graphml_is_reproducible_and_complete(tmp_path: Path) -> None:
    roster = lm.load_sample("denver_team_lead")
    one = lm.write_graphml(roster, tmp_path / "a.graphml").read_bytes()
    two = lm.write_graphml(lm.graph_from_roster(roster), tmp_path / "b.graphml").read_bytes()
    assert one == two
    G = nx.read_graphml(tmp_path / "a.graphml", force_multigraph=True)
    assert G.graph["roster_checksum"] == roster.checksum()
    first = roster.links.iloc[0]
    edge = f"{first['school_id']}/{first['leader_id']}", f"{first['school_id']}/{first['staff_id']}"
    relations = {d["relation"] for d in G.get_edge_data(*edge).values()}
    expected = roster.links[
        (roster.links["leader_id"] == first["leader_id"])
        & (roster.links["staff_id"] == first["staff_id"])
    ]["relation"]
    assert relations == set(expected)


def test_json_schemas_describe_every_exchanged_model() -> None:
    schemas = lm.json_schemas()
    assert sorted(schemas) == sorted(lm.models.SCHEMA_MODELS)
    assert "schools" in schemas["district"]["properties"]
    assert schemas["leadership_model"]["required"] == ["key", "label", "source", "rules"]


def test_exported_tables_keep_stable_names_and_values(tmp_path: Path) -> None:
    analysis = lm.Analysis(lm.load_sample("green_dot"), model="green_dot")
    tables = analysis.tables()
    analysis.export(tmp_path / "csv", format="csv")
    analysis.export(tmp_path / "pq", format="parquet")
    analysis.export(tmp_path / "book.xlsx", format="xlsx")
    spans = tables["spans"]
    from_csv = pd.read_csv(tmp_path / "csv" / "spans.csv")
    from_parquet = pd.read_parquet(tmp_path / "pq" / "spans.parquet")
    from_excel = pd.read_excel(tmp_path / "book.xlsx", sheet_name="spans")
    for frame in (from_csv, from_parquet, from_excel):
        assert list(frame.columns) == list(spans.columns)
        assert frame["span"].tolist() == spans["span"].tolist()
    assert sorted(pd.ExcelFile(tmp_path / "book.xlsx").sheet_names) == sorted(tables)


def test_notebook_views_show_counts_not_people() -> None:
    roster = lm.load_sample("green_dot")
    view = roster._repr_html_()
    assert "46 staff rows" in view and "<td>teacher</td>" in view
    names = roster.staff["name"].dropna()
    assert not any(name in view for name in names)
    analysis = lm.Analysis(roster, model="green_dot")._repr_html_()
    assert "schools meeting every tight rule of green_dot" in analysis
    model = lm.get_model("green_dot")._repr_html_()
    assert model.count("<tr>") == 1 + len(lm.get_model("green_dot").roles) + 1 + len(
        lm.get_model("green_dot").rules
    )
