from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest

from chipmap.analyze.export import export
from chipmap.graph_records import Snapshot


def test_csv_has_one_row_per_record(tiny: Snapshot) -> None:
    files = export(tiny, "csv")
    entities = list(csv.DictReader(io.StringIO(files["entities.csv"])))
    assert len(entities) == len(tiny.entities)
    assert len(list(csv.DictReader(io.StringIO(files["relations.csv"])))) == len(tiny.relations)


def test_json_and_graphml_round_trip(tiny: Snapshot) -> None:
    data = json.loads(export(tiny, "json")["graph.json"])
    assert {e["id"] for e in data["entities"]} == set(tiny.entities)
    graph = nx.parse_graphml(export(tiny, "graphml")["graph.graphml"])
    assert graph.number_of_edges() == len(tiny.relations)
    assert graph.nodes["segment:manufacturing"]["type"] == "segment"


def test_neo4j_import_files_have_typed_headers(tiny: Snapshot) -> None:
    files = export(tiny, "neo4j")
    assert files["nodes.csv"].startswith("id:ID,") and ":LABEL" in files["nodes.csv"].splitlines()[0]
    assert files["relationships.csv"].splitlines()[1].split(",")[2].isupper()


def test_unknown_format_is_refused(tiny: Snapshot) -> None:
    with pytest.raises(ValueError, match="graphml"):
        export(tiny, "xml")
