"""Reading an article inside the spaCy pipeline, so worker processes do it and send back little.

With ``n_process`` > 1 spaCy parses in worker processes and ships every parsed doc back to
the main process as bytes, where the extraction rules would then read it. ``ArticleReader``,
the pipeline's last component, reads the doc where it was parsed instead (``read_doc``, the
same pure function) and hands back an empty doc that carries only the extraction as JSON:
the reading runs in every worker, and the main process decodes a few kilobytes per article
instead of a whole parsed doc.

It reads only docs the extraction loop marked with the article to read (``READ``); a doc
made any other way (``nlp(text)``) passes through untouched, fully annotated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from chipmap.atlas import Atlas
from chipmap.records import Article, ArticleExtraction

READER_PIPE_NAME = "chipmap_reader_v1"
#: ``Doc.user_data`` keys shared by the extraction loop and the reader.
SEQ = "chipmap.seq"  # the article's place in the loop's input
READ = "chipmap.read"  # the article the reader should read: its fields other than the text
EXTRACTION = "chipmap.extraction"  # what the reader read, as JSON


def read_request(article: Article) -> dict[str, Any]:
    """The fields of ``article`` the reader needs besides the text, as plain values."""
    return {"id": article.id, "title": article.title, "url": article.url, "source": article.source,
            "published": article.published.isoformat() if article.published else None,
            "language": article.language}


def _article(request: dict[str, Any], text: str) -> Article:
    published = request.get("published")
    return Article(id=request["id"], text=text, title=request.get("title") or "", url=request.get("url"),
                   source=request.get("source"), language=request.get("language"),
                   published=dt.date.fromisoformat(published) if published else None)


def extraction_of(doc: Doc) -> ArticleExtraction | None:
    """What the reader read into ``doc``, or None when it did not read it."""
    data = doc.user_data.get(EXTRACTION)
    return ArticleExtraction.model_validate_json(data) if data is not None else None


class ArticleReader:
    """Reads marked docs with ``read_doc`` and replaces them by an empty doc with the result."""

    def __init__(self, nlp: Language, name: str = READER_PIPE_NAME) -> None:
        self.name = name
        self._atlas: Atlas | None = None

    def initialize(self, get_examples: Callable[[], Iterable[object]] | None = None, *,
                   nlp: Language | None = None, atlas: Atlas) -> None:
        """The atlas the rules read with (spaCy's hook for loading a component's data)."""
        self._atlas = atlas

    def __call__(self, doc: Doc) -> Doc:
        request = doc.user_data.get(READ)
        if request is None:
            return doc
        if self._atlas is None:
            raise RuntimeError(f"the {self.name} component was not initialised with an atlas")
        from chipmap.extract.extractor import read_doc

        result = read_doc(doc, _article(request, doc.text), self._atlas)
        compact = Doc(doc.vocab, words=[])
        compact.user_data[SEQ] = doc.user_data.get(SEQ)
        compact.user_data[EXTRACTION] = result.model_dump_json()
        return compact


@Language.factory(READER_PIPE_NAME, requires=["doc.ents", "token.dep", "token.pos"], assigns=["doc.user_data"])
def make_article_reader(nlp: Language, name: str) -> ArticleReader:
    """spaCy factory: the in-pipeline reader; ``initialize(atlas=...)`` gives it its atlas."""
    return ArticleReader(nlp, name)
