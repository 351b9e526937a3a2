"""Article in, ``ArticleExtraction`` out: the extraction stage's public face.

``read_doc`` is a pure function of a parsed doc, the article and the atlas.
``Extractor.read_many`` is the one loop that turns articles into extractions:
language routing, spaCy batching and worker processes, and per-article error
capture live there and nowhere else; ``chipmap extract``, the serial and the
parallel build and the raw baseline all call it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Generic, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from chipmap.atlas import Atlas, default_atlas
from chipmap.extract.chinese import ChineseReader
from chipmap.extract.context import Context
from chipmap.extract.coref import Entity
from chipmap.extract.events import event_date, event_place
from chipmap.extract.nlp import COMPONENT_ERROR, get_pipeline, load_base, resolve_model_name
from chipmap.extract.projects import enrich_english
from chipmap.extract.reading import READ, READER_PIPE_NAME, SEQ, extraction_of, read_request
from chipmap.extract.relations import Node, find_links, unit_kinds
from chipmap.extract.relations.holds_position import positions
from chipmap.extract.rules import Link
from chipmap.extract.version import extractor_version
from chipmap.ingest.language import detect_language
from chipmap.records import (
    Article,
    ArticleExtraction,
    Event,
    Evidence,
    Organization,
    Person,
    Place,
    Relation,
)

logger = logging.getLogger(__name__)

T = TypeVar("T")
#: Reads one parsed English doc: the full rule set (``read_doc``) or a baseline.
DocReader = Callable[[Doc, Article, Atlas], ArticleExtraction]


def _evidence(ctx: Context, entity: Entity, limit: int = 3) -> list[Evidence]:
    sents = sorted({m.sent for m in entity.mentions})[:limit]
    return [ctx.evidence(s) for s in sents]


def _confidence(entity: Entity) -> float:
    base = 0.9 if entity.atlas_id else 0.7
    return round(min(0.99, base + 0.02 * (len(entity.mentions) - 1)), 2)


def _relation(ctx: Context, link: Link[Node]) -> Relation:
    return Relation(
        type=link.type,
        head=link.head.name,
        tail=link.tail.name,
        title=link.title,
        evidence=[ctx.evidence(link.sent)],
        confidence=link.confidence,
        rule=link.rule,
    )


def read_doc(doc: Doc, article: Article, atlas: Atlas) -> ArticleExtraction:
    """Everything the article states, from its parsed doc."""
    ctx = Context.read(doc, atlas, article.published)
    result = ArticleExtraction(id=article.id)
    relations: dict[tuple[str, str, str], Relation] = {}
    links = find_links(ctx)
    for link in links:
        key = (link.type, link.head.name, link.tail.name)
        if key not in relations and link.head.name != link.tail.name:
            relations[key] = _relation(ctx, link)
    kinds = unit_kinds(links)
    segments: dict[str, list[str]] = {}
    for rel in relations.values():
        if rel.type == "operates_in":
            segments.setdefault(rel.head, []).append(rel.tail)

    found = positions(ctx)
    for person in ctx.of_type("person"):
        titles = list(dict.fromkeys(p.title for p in found if p.person is person))
        result.people.append(
            Person(name=person.name, aliases=person.aliases, titles=titles,
                   evidence=_evidence(ctx, person), confidence=_confidence(person))
        )
    for org in ctx.of_type("org"):
        result.organizations.append(
            Organization(name=org.name, aliases=org.aliases, kind=kinds.get(org.key, org.kind or "company"),
                         segments=segments.get(org.name, []), atlas_id=org.atlas_id or None,
                         evidence=_evidence(ctx, org), confidence=_confidence(org))
        )
    for place in ctx.of_type("place"):
        result.places.append(
            Place(name=place.name, aliases=place.aliases, kind=place.kind or "city",
                  atlas_id=place.atlas_id or None, evidence=_evidence(ctx, place),
                  confidence=_confidence(place))
        )
    for event in ctx.of_type("event"):
        where = event_place(ctx, event)
        result.events.append(
            Event(name=event.name, date=event_date(ctx, event), place=where.name if where else None,
                  evidence=_evidence(ctx, event), confidence=0.7)
        )
    result.relations = list(relations.values())
    return enrich_english(result, ctx)


@dataclass(frozen=True, slots=True)
class ExtractionFailed:
    """An article the extractor could not read, as a value in the stream (never raised).

    Plain strings, so that it crosses process boundaries (dask workers) unchanged.
    """

    article_id: str
    error: str  # exception type and message

    @property
    def reason(self) -> str:
        """The sentence a user sees next to the input's name."""
        return f"extraction failed: {self.error}"

    @classmethod
    def of(cls, article: Article, exc: BaseException) -> ExtractionFailed:
        """The failure record of ``exc`` raised while reading ``article``."""
        return cls(article_id=article.id, error=f"{type(exc).__name__}: {exc}")


Outcome = ArticleExtraction | ExtractionFailed


def process_count(articles: int, setting: int, batch_size: int) -> int:
    """spaCy processes for a run of ``articles``: the setting, or with 0 ("auto") one per
    core once there is enough work to pay for starting them (two batches per process)."""
    if setting > 0:
        return setting
    cores = os.cpu_count() or 1
    return max(1, min(cores, articles // max(1, 2 * batch_size)))


@dataclass
class _Pending(Generic[T]):
    article: Article
    context: T
    chinese: bool


def _raw_reader(doc: Doc, article: Article, atlas: Atlas) -> ArticleExtraction:
    from chipmap.extract.baseline import raw_read_doc

    return raw_read_doc(doc, article)


class Extractor:
    """Reads articles with one spaCy pipeline and one atlas, both given to it.

    ``atlas`` defaults to the bundled atlas and ``model`` to the first installed English
    pipeline; callers with settings (the CLI, the server, ``chipmap.build``) pass theirs.
    The spaCy component that proposes names is initialised with the same atlas.
    """

    def __init__(self, *, model: str | None = None, atlas: Atlas | None = None,
                 nlp: Language | None = None, doc_reader: DocReader = read_doc,
                 read_chinese: bool = True) -> None:
        self.atlas = atlas if atlas is not None else default_atlas()
        self.model = resolve_model_name(model) if nlp is None else (model or nlp.meta.get("name", "custom"))
        self.nlp = nlp if nlp is not None else get_pipeline(self.model, self.atlas)
        self.doc_reader = doc_reader
        self.read_chinese = read_chinese
        #: The pipeline reads each doc where it parsed it (worker processes), see reading.py.
        self.reads_in_pipeline = doc_reader is read_doc and READER_PIPE_NAME in self.nlp.pipe_names

    @classmethod
    def raw(cls, *, model: str | None = None) -> Extractor:
        """The yardstick: spaCy's statistical NER alone mapped to the schema, every article
        read by the English pipeline (``make eval`` prints it next to chipmap's own)."""
        name = resolve_model_name(model)
        return cls(model=name, nlp=load_base(name), doc_reader=_raw_reader, read_chinese=False)

    @cached_property
    def version(self) -> str:
        """What determines this extractor's output: code, word lists, model and atlas."""
        meta = self.nlp.meta
        identity = f"{meta.get('lang', '')}_{meta.get('name', self.model)}-{meta.get('version', '')}"
        return extractor_version(model=identity, atlas=self.atlas.fingerprint)

    @cached_property
    def chinese(self) -> ChineseReader:
        """The reader for articles written in Chinese (built on first use)."""
        return ChineseReader(self.atlas)

    def extract(self, article: Article) -> ArticleExtraction:
        """What one article yields; raises what reading raised (``read_many`` never does)."""
        ((_, outcome),) = list(self.read_many([article]))
        if isinstance(outcome, ExtractionFailed):
            raise ValueError(f"{article.id}: {outcome.reason}")
        return outcome

    def read_many(self, articles: Iterable[Article], *, batch_size: int = 32,
                  n_process: int = 1) -> Iterator[tuple[Article, Outcome]]:
        """Each article with what it yields, or why it could not be read, in input order."""
        for article, _context, outcome in self.read_with(((a, None) for a in articles),
                                                         batch_size=batch_size, n_process=n_process):
            yield article, outcome

    def read_with(self, items: Iterable[tuple[Article, T]], *, batch_size: int = 32,
                  n_process: int = 1) -> Iterator[tuple[Article, T, Outcome]]:
        """The one extraction loop; each article travels with a context of the caller's.

        English text goes through spaCy in batches (in ``n_process`` processes), and with
        chipmap's own pipeline each doc is read where it was parsed (``reading.py``);
        Chinese text takes the Chinese reader, and an empty doc takes its place in spaCy's
        stream so that input order is kept. spaCy sees a sequence number per article and,
        for reading in the pipeline, the article's fields; the caller's contexts never
        cross a process boundary. An article spaCy drops or that a reader fails on comes
        out as ``ExtractionFailed``; the others are unaffected.
        """
        pending: dict[int, _Pending[T]] = {}
        failures: dict[int, str] = {}

        def docs() -> Iterator[Doc]:
            for seq, (article, context) in enumerate(items):
                chinese = self.read_chinese and (article.language or detect_language(article.text)) == "zh"
                pending[seq] = _Pending(article, context, chinese)
                too_long = not chinese and len(article.text) > self.nlp.max_length
                if too_long:
                    failures[seq] = (f"ValueError: text of {len(article.text):,} characters is longer than "
                                     f"the English pipeline reads at once ({self.nlp.max_length:,}); split it")
                doc = self.nlp.make_doc("" if chinese or too_long else article.text)
                doc.user_data[SEQ] = seq
                if self.reads_in_pipeline and not (chinese or too_long):
                    doc.user_data[READ] = read_request(article)
                yield doc

        def finish(seq: int, doc: Doc | None) -> tuple[Article, T, Outcome]:
            item = pending.pop(seq)
            if seq in failures:
                return item.article, item.context, ExtractionFailed(item.article.id, failures.pop(seq))
            if doc is None:
                return item.article, item.context, ExtractionFailed(
                    item.article.id, "the English pipeline dropped it (a spaCy component failed)")
            try:
                if item.chinese:
                    return item.article, item.context, self.chinese.read(item.article)
                read = extraction_of(doc)
                if read is not None:
                    return item.article, item.context, read
                return item.article, item.context, self.doc_reader(doc, item.article, self.atlas)
            except Exception as exc:  # one odd article must not stop the others
                logger.debug("extraction failed for %s", item.article.id, exc_info=True)
                return item.article, item.context, ExtractionFailed.of(item.article, exc)

        expected = 0  # spaCy keeps order: a gap before ``seq`` is an article it dropped
        for doc in self.nlp.pipe(docs(), batch_size=batch_size, n_process=n_process):
            seq = doc.user_data[SEQ]
            for dropped in range(expected, seq):
                yield finish(dropped, None)
            error = doc.user_data.pop(COMPONENT_ERROR, None)
            if error:
                failures[seq] = str(error)
            yield finish(seq, doc)
            expected = seq + 1
        for dropped in sorted(pending):
            yield finish(dropped, None)
