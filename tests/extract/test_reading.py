"""Reading inside the pipeline (chipmap.extract.reading) gives what reading in the main process gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.language import Language

from chipmap.extract import Extractor
from chipmap.extract.extractor import read_doc
from chipmap.extract.reading import EXTRACTION, READ, SEQ, read_request
from chipmap.ingest import read_article

FIXTURES = Path(__file__).parent / "fixtures"


def test_the_pipeline_reads_what_read_doc_reads(nlp: Language, extractor: Any) -> None:
    articles = [read_article(p) for p in sorted(FIXTURES.glob("*.json"))]
    assert extractor.reads_in_pipeline
    in_pipeline = [outcome.model_dump() for _a, outcome in extractor.read_many(articles)]
    in_main = []
    for article in articles:
        with nlp.select_pipes(disable=["chipmap_reader_v1"]):
            doc = nlp(article.text)
        in_main.append(read_doc(doc, article, extractor.atlas).model_dump())
    assert in_pipeline == in_main


def test_a_doc_nobody_asked_to_read_keeps_its_annotations(nlp: Language) -> None:
    doc = nlp("Lumina Devices opened a plant in Xiamen.")
    assert EXTRACTION not in doc.user_data
    assert [e.text for e in doc.ents] == ["Lumina Devices", "Xiamen"]


def test_a_marked_doc_comes_back_small_with_its_reading(nlp: Language) -> None:
    from chipmap.records import Article

    article = Article(id="a", text="Lumina Devices opened a plant in Xiamen.")
    doc = nlp.make_doc(article.text)
    doc.user_data[SEQ] = 7
    doc.user_data[READ] = read_request(article)
    read = nlp(doc)
    assert len(read) == 0 and read.user_data[SEQ] == 7
    assert "Xiamen" in read.user_data[EXTRACTION]


def test_a_custom_reader_reads_in_the_main_process(nlp: Language, atlas: Any) -> None:
    def names_only(doc: Any, article: Any, atlas: Any) -> Any:
        return read_doc(doc, article, atlas).model_copy(update={"relations": []})

    extractor = Extractor(nlp=nlp, atlas=atlas, doc_reader=names_only)
    assert not extractor.reads_in_pipeline
    result = extractor.extract(read_article(sorted(FIXTURES.glob("*.json"))[0]))
    assert result.organizations and not result.relations
