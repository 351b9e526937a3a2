"""Which graph entity each entity an article names is: the cross-article merge rules.

Rules, first match wins, each recorded as the ``reason`` of the decision:

1. ``atlas_id`` — the extractor tied the name to an atlas entry: its id is the
   entity id. Two different atlas entries are therefore never merged.
2. ``name`` / ``alias`` — the normalised name (then any alias) equals a name of
   a known entity of the same type. Several candidates: the one whose canonical
   name matches, then the atlas-backed one, then the smallest id.
3. ``acronym`` — organisations only: "SMEC" and "Semiconductor Manufacturing
   Electronics Corporation" abbreviate alike, and exactly one news-only
   entity fits (atlas entries list their own acronyms as aliases, rule 2).
   ``core`` — organisations only: the names differ only by generic trailing
   words ("Tianyu" / "Tianyu Semiconductor") and exactly one organisation fits
   (``chipmap.resolve.core``); several make review candidates.
   Before both, ``variant`` — the names differ only in spacing, a person's
   honorific or name order, or a place's level word ("Huahong" / "Hua Hong",
   "Zhao Haijun" / "Dr. Haijun Zhao", "Huangpu" / "Huangpu district"), and
   exactly one entity fits (``chipmap.resolve.variants``).
4. ``fuzzy`` — organisations, places, events: rapidfuzz ``token_sort_ratio``
   of at least ``FUZZY_THRESHOLD`` against news-only entities of the same type
   and kind, with the same digits ("Fab 7" is not "Fab 8") and every differing
   word a near-spelling of another ("Phase One" is not "Phase Two"), one best match.
   Atlas entities are left out: the extractor already matched atlas names with
   the article's context, and a guess should not pollute curated entries.
5. ``new`` — a new entity, id ``<type>:x-<slug>`` (``person:<slug>``,
   ``event:<slug>``), made unique with ``-2``, ``-3``... when taken. A new
   organisation or place carries the entities it may be after all as review
   candidates ("possibly same as", ``chipmap.resolve.candidates``).

A reviewer's verdicts (``chipmap.resolve.verdicts``), when given, come in after
rule 2: ``review`` — a verdict said this name is that entity; and a verdict that
two entities differ vetoes rules 3 and 4 between them.

Everything here is a pure function of the extraction, the index, the atlas and the verdicts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from chipmap.atlas import Atlas
from chipmap.records import ArticleExtraction, Event, Organization, Person, Place
from chipmap.resolve.bilingual import bracket_names, canonical, is_han, is_latin
from chipmap.resolve.candidates import CANDIDATE_THRESHOLD, Candidate, find_candidates
from chipmap.resolve.core import core_matches, tied_candidates
from chipmap.resolve.index import FUZZY_TYPES, EntityIndex, IndexView, KnownEntity
from chipmap.resolve.names import acronyms, digits, is_acronym, name_key, slug, words_align
from chipmap.resolve.variants import variant_matches
from chipmap.resolve.verdicts import Verdicts

#: Minimum rapidfuzz token_sort_ratio (0-100) for a fuzzy merge.
FUZZY_THRESHOLD = 92.0
#: Id prefixes of entities known only from the news.
NEW_ID_PREFIX = {"org": "org:x-", "place": "place:x-", "person": "person:", "event": "event:"}


@dataclass(frozen=True, slots=True)
class Mention:
    """One entity as one article names it (the resolver's input)."""

    type: str  # person | org | place | event
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = ""
    atlas_id: str | None = None
    span: tuple[int, int] | None = None  # offsets of the first sentence naming it

    @property
    def forms(self) -> tuple[str, ...]:
        """Every surface form, name first."""
        return tuple(dict.fromkeys((self.name, *self.aliases)))


@dataclass(frozen=True, slots=True)
class Decision:
    """The entity a mention resolves to, and why."""

    entity_id: str
    reason: str  # atlas_id | name | alias | review | variant | acronym | core | fuzzy | new
    score: float = 1.0
    detail: str = ""
    candidates: tuple[Candidate, ...] = ()  # entities it may be after all, for review


@dataclass
class ArticleResolution:
    """Every mention of one article with its decision, and the entities it creates."""

    decisions: list[tuple[Mention, Decision]] = field(default_factory=list)
    new_entities: list[KnownEntity] = field(default_factory=list)
    #: known news entities that this article gives their first English name (name_zh keeps the old)
    renamed: list[KnownEntity] = field(default_factory=list)
    _by_name: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)

    def entity_for(self, name: str, types: Iterable[str]) -> str | None:
        """The entity this article means by ``name``, trying ``types`` in order."""
        key = name_key(name)
        for entity_type in types:
            found = self._by_name.get((entity_type, key))
            if found:
                return found
        return None


def _pick(ids: list[str], key: str, view: IndexView) -> tuple[str, str]:
    """The best of several same-name candidates, and a note when there was a choice."""
    def rank(entity_id: str) -> tuple[bool, bool, str]:
        entity = view.get(entity_id)
        canonical = entity is not None and name_key(entity.name) == key
        return (not canonical, not (entity and entity.atlas_id), entity_id)

    ordered = sorted(ids, key=rank)
    note = f"chose {ordered[0]} over {', '.join(ordered[1:])}" if len(ordered) > 1 else ""
    return ordered[0], note


def _new_id(mention: Mention, view: IndexView) -> str:
    base = NEW_ID_PREFIX.get(mention.type, f"{mention.type}:") + slug(mention.name)
    candidate, number = base, 1
    while candidate in view:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def resolve_mention(mention: Mention, view: IndexView, *, fuzzy_threshold: float = FUZZY_THRESHOLD,
                    verdicts: Verdicts | None = None,
                    candidate_threshold: float = CANDIDATE_THRESHOLD) -> Decision:
    """The decision for one mention against the known entities (rules in the module doc)."""
    if mention.atlas_id:
        return Decision(mention.atlas_id, "atlas_id")
    key = name_key(mention.name)
    ids = view.lookup(mention.type, key)
    if ids:
        chosen, note = _pick(ids, key, view)
        entity = view.get(chosen)
        reason = "name" if entity is not None and name_key(entity.name) == key else "alias"
        return Decision(chosen, reason, detail=note)
    for alias in mention.aliases:
        alias_key = name_key(alias)
        ids = view.lookup(mention.type, alias_key)
        if ids and (mention.type != "person" or " " in alias_key):
            chosen, note = _pick(ids, alias_key, view)
            return Decision(chosen, "alias", detail=f"via {alias!r}" + (f"; {note}" if note else ""))
    if verdicts:
        routed = verdicts.route(mention, view)
        if routed is not None:
            return routed
    variant_ids = variant_matches(mention, view, verdicts)
    if len(variant_ids) == 1:
        return Decision(variant_ids[0], "variant", score=0.95, detail=f"{mention.name!r}: another spelling")
    core_ids: list[str] = []
    if mention.type == "org":
        decision = _by_acronym(mention, view, verdicts)
        if decision:
            return decision
        core_ids = core_matches(mention, view, verdicts)
        if len(core_ids) == 1:
            return Decision(core_ids[0], "core", score=0.9, detail=f"{mention.name!r}: one core name")
    if mention.type in FUZZY_TYPES and key:
        hits = [h for h in view.fuzzy(mention.type, mention.kind, key, threshold=fuzzy_threshold)
                if digits(h[1]) == digits(key) and words_align(h[1], key) and not _vetoed(mention, h[0], view, verdicts)]
        best = [h for h in hits if h[2] == hits[0][2]] if hits else []
        if len({h[0] for h in best}) == 1:
            return Decision(best[0][0], "fuzzy", score=round(best[0][2] / 100, 3),
                            detail=f"{mention.name!r} ~ {best[0][1]!r}")
    candidates = find_candidates(mention, view, merge_threshold=fuzzy_threshold, threshold=candidate_threshold,
                                 verdicts=verdicts)
    tied = (*tied_candidates(variant_ids, mention, view, reason="variant", score=0.95),
            *tied_candidates([i for i in core_ids if i not in variant_ids], mention, view, reason="core", score=0.9))
    if tied:
        candidates = (*tied, *(c for c in candidates if c.entity_id not in {t.entity_id for t in tied}))
    return Decision(_new_id(mention, view), "new", candidates=candidates)


def _vetoed(mention: Mention, entity_id: str, view: IndexView, verdicts: Verdicts | None) -> bool:
    """True when a reviewer said the mention is not this entity."""
    if not verdicts:
        return False
    entity = view.get(entity_id)
    return entity is not None and verdicts.apart(mention, entity)


def _by_acronym(mention: Mention, view: IndexView, verdicts: Verdicts | None = None) -> Decision | None:
    candidates: set[str] = set()
    for form in mention.forms:
        if is_acronym(form):
            candidates.update(view.lookup_acronym("org", form.replace(".", "").lower()))
        for acronym in acronyms(form):
            candidates.update(view.lookup("org", acronym))
    candidates = {c for c in candidates if not getattr(view.get(c), "atlas_id", None)
                  and not _vetoed(mention, c, view, verdicts)}
    if len(candidates) == 1:
        (chosen,) = candidates
        return Decision(chosen, "acronym", detail=f"{mention.name!r}")
    return None


def _known_entity(mention: Mention, entity_id: str, atlas: Atlas | None) -> KnownEntity:
    entry = atlas.get(entity_id) if atlas is not None and mention.atlas_id else None
    if entry is not None:
        return KnownEntity(entity_id, mention.type, entry.kind, entry.name, entry.id, entry.name_zh)
    name, name_zh = canonical(mention.forms) if mention.type != "person" else (mention.name, None)
    return KnownEntity(entity_id, mention.type, mention.kind, name, mention.atlas_id,
                       name_zh if name_zh != name else None)


def _renamed(entity: KnownEntity, mention: Mention) -> KnownEntity | None:
    """The entity with its first English name, when it had only a Chinese one and the mention
    brings an English form (a Chinese-only firm keeps its Chinese name until then)."""
    if entity.atlas_id or entity.type == "person" or not is_han(entity.name):
        return None
    name, _zh = canonical((entity.name, *mention.forms))
    if not is_latin(name):
        return None
    return replace(entity, name=name, name_zh=entity.name)


def _span(fact: Person | Organization | Place | Event) -> tuple[int, int] | None:
    return (fact.evidence[0].start, fact.evidence[0].end) if fact.evidence else None


def _with_other_script(fact: Organization | Place) -> tuple[str, ...]:
    """A fact's aliases plus the names in the other language its sentences give in brackets."""
    sentences = [ev.sentence for ev in fact.evidence]
    learned = [n for form in (fact.name, *fact.aliases) for n in bracket_names(form, sentences)]
    return tuple(dict.fromkeys([*fact.aliases, *(n for n in learned if n != fact.name)]))


def mentions_of(extraction: ArticleExtraction) -> list[Mention]:
    """The resolver's view of an extraction: people, organisations, places, events (with the
    other-language names an article gives in brackets as aliases, see ``bilingual``)."""
    found: list[Mention] = []
    for person in extraction.people:
        found.append(Mention("person", person.name, tuple(person.aliases), span=_span(person)))
    for org in extraction.organizations:
        found.append(Mention("org", org.name, _with_other_script(org), org.kind, org.atlas_id, _span(org)))
    for place in extraction.places:
        found.append(Mention("place", place.name, _with_other_script(place), place.kind, place.atlas_id,
                             _span(place)))
    for event in extraction.events:
        found.append(Mention("event", event.name, span=_span(event)))
    return [m for m in found if name_key(m.name)]


def resolve_article(extraction: ArticleExtraction, index: EntityIndex, *, atlas: Atlas | None = None,
                    fuzzy_threshold: float = FUZZY_THRESHOLD, verdicts: Verdicts | None = None,
                    ) -> ArticleResolution:
    """Decisions for every mention of one article; ``index`` is left unchanged.

    Mentions are resolved in extraction order and each one's forms are visible
    to the next, so one article never creates two entities for one name.
    """
    view = IndexView(index)
    result = ArticleResolution()
    for mention in mentions_of(extraction):
        decision = resolve_mention(mention, view, fuzzy_threshold=fuzzy_threshold, verdicts=verdicts)
        entity = view.get(decision.entity_id)
        if entity is None:
            entity = _known_entity(mention, decision.entity_id, atlas)
            result.new_entities.append(entity)
        elif (renamed := _renamed(entity, mention)) is not None:
            new_ids = {e.id for e in result.new_entities}
            target = result.new_entities if renamed.id in new_ids else result.renamed
            target[:] = [e for e in target if e.id != renamed.id] + [renamed]
            view.local.add(renamed)
            entity = renamed
        view.remember(entity, mention.forms)
        result.decisions.append((mention, decision))
        for form in mention.forms:
            result._by_name.setdefault((mention.type, name_key(form)), decision.entity_id)
    return result
