"""Reading the dependency parse for the relation rules: subjects, attachments and references.

The rules ask the same few questions of a sentence: which organisation a word stands for
(a name, "its", "the company", "the Hefei-based chipmaker"), who the subject of a verb is
once participles and infinitives are climbed, which places a preposition governs ("in A,
B and C", "in the city of A"), and who owns a site noun ("its plant", "the company's fab",
"a fab X will build"). Answering them here keeps each rule a few lines long.

References: "it", "its" and a definite description whose head is an organisation noun
("the company", "the Taiwan-based foundry") stand for the subject organisation of their
clause when it comes first, else the nearest organisation subject of the previous two
sentences, else the article's subject company (the company it names most often).
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Token

from chipmap.extract.context import Context
from chipmap.extract.coref import Entity
from chipmap.extract.lexicon import DESCRIPTORS, PLACE_HEADS, SITE_NOUNS, SITE_VERBS

_PRONOUNS = frozenset({"it", "its", "they", "their", "itself", "our", "we"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
#: Dependencies climbed from a verb or noun to the clause that holds its subject.
_CLIMB = frozenset({"xcomp", "conj", "advcl", "acl", "dobj", "pobj", "prep", "attr", "ccomp", "relcl", "appos",
                    "pcomp", "oprd"})
#: Nouns that name a place kind: "the city of A" places A.
_PLACE_NOUNS = PLACE_HEADS | {"city", "province", "region", "municipality", "country", "capital"}
_MAX_CLIMB = 4
_SENTENCES_BACK = 2


def singular(word: str) -> str:
    """A plural noun's singular, good enough for word lists ("facilities", "fabs", "bases")."""
    low = word.lower()
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith(("ses", "xes")) and not low.endswith("bases"):
        return low[:-2]
    if low.endswith("s") and not low.endswith("ss") and len(low) > 3:
        return low[:-1]
    return low


def is_site(token: Token) -> bool:
    """True for a noun that names a site or a project ("plant", "fabs", "headquarters")."""
    return token.pos_ in {"NOUN", "PROPN"} and (token.lower_ in SITE_NOUNS or singular(token.text) in SITE_NOUNS)


def entity_at(ctx: Context, token: Token) -> Entity | None:
    hit = ctx.at(token.i)
    return hit[0] if hit else None


def org_at(ctx: Context, token: Token) -> Entity | None:
    entity = entity_at(ctx, token)
    return entity if entity is not None and entity.type == "org" else None


def place_at(ctx: Context, token: Token) -> Entity | None:
    entity = entity_at(ctx, token)
    return entity if entity is not None and entity.type == "place" else None


def salient_company(ctx: Context) -> Entity | None:
    """The company the article is about: the one it names most often (earliest on ties)."""
    def pick(c: Context) -> Entity | None:
        companies = [e for e in c.of_type("org") if e.kind == "company"]
        if not companies:
            return None
        weight: Counter[str] = Counter()
        for e in companies:
            for m in e.mentions:
                # a clause subject counts double: the article is about what acts in it
                weight[e.key] += 2 if any(c.doc[k].dep_ in _SUBJECTS for k in range(m.token_start, m.token_end)) \
                    else 1
        return max(companies, key=lambda e: (weight[e.key], -e.first.start))

    return ctx.memo("grammar.salient_company", pick)


def _subject_orgs_before(ctx: Context, token: Token) -> list[Entity]:
    """Organisations that are clause subjects before ``token``, nearest last, within reach."""
    sent = ctx.sent_index(token)
    first = ctx.sents[max(0, sent - _SENTENCES_BACK)].start
    found = []
    for t in ctx.doc[first : token.i]:
        if t.dep_ in _SUBJECTS:
            org = org_at(ctx, t)
            if org is not None:
                found.append(org)
    return found


def antecedent(ctx: Context, token: Token) -> Entity | None:
    """The organisation "it", "its" or "the company" at ``token`` stands for."""
    clause = subject(token.head) if token.dep_ == "poss" else None
    if clause is not None and clause.i < token.i:
        org = org_at(ctx, clause)
        if org is not None:
            return org
    before = _subject_orgs_before(ctx, token)
    if before:
        return before[-1]
    return salient_company(ctx)


def is_reference(token: Token) -> bool:
    """"it", "its", or the head of "the company", "the Wuxi-based chipmaker"."""
    if token.lower_ in _PRONOUNS:
        return True
    if token.lower_ not in DESCRIPTORS and singular(token.text) not in DESCRIPTORS:
        return False
    return any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in token.children)


def _named_subject(ctx: Context, token: Token) -> Entity | None:
    """"Named X, the new foundry will ...": the name a sentence opens with is its subject's."""
    if token.dep_ not in _SUBJECTS:
        return None
    sent = ctx.sents[ctx.sent_index(token)]
    if sent[0].lower_ in {"named", "dubbed", "called"}:
        return org_at(ctx, sent[1]) if len(sent) > 1 else None
    return None


def org_of(ctx: Context, token: Token) -> Entity | None:
    """The organisation a word stands for: its own name, a reference, or a descriptor noun
    with the name beside it ("chipmaker X", "X, a chipmaker")."""
    org = org_at(ctx, token) or _named_subject(ctx, token)
    if org is not None:
        return org
    if is_reference(token):
        return antecedent(ctx, token)
    for child in token.children:
        if child.dep_ == "appos":  # "its parent, X", "the chipmaker X"
            org = org_at(ctx, child)
            if org is not None:
                return org
    if token.lower_ in DESCRIPTORS or singular(token.text) in DESCRIPTORS:
        for child in token.children:
            if child.dep_ == "compound":
                org = org_at(ctx, child)
                if org is not None:
                    return org
        left = token.left_edge.i
        if left > 0 and ctx.doc[left - 1].text == ",":
            # "X, its design subsidiary, ...": the name the appositive follows
            before = ctx.ending_at(left - 1)
            if before is not None and before[0].type == "org":
                return before[0]
        if token.dep_ == "appos":
            return org_at(ctx, token.head)
        if token.dep_ == "attr" and token.head.pos_ in {"AUX", "VERB"}:
            who = subject(token.head)  # "X is a maker of ..."
            return org_of(ctx, who) if who is not None and who is not token else None
    return None


def subject(token: Token) -> Token | None:
    """The subject of the clause ``token`` belongs to, climbing participles, infinitives and
    conjoined verbs ("Founded in 2014 in A, X ..." gives X)."""
    current = token
    for _ in range(_MAX_CLIMB):
        for child in current.children:
            if child.dep_ in _SUBJECTS:
                return child
        if current.dep_ == "acl" and current.pos_ == "VERB" and current.tag_ == "VBN":
            return current.head  # "X, founded in 2016 in A, ...": the noun the participle modifies
        if current.dep_ in _CLIMB and current.head is not current:
            current = current.head
        else:
            return None
    return None


#: Heads of definite descriptions that stand for a place: "the park", "the city".
_PLACE_REFERENCES = {"park": ("district",), "zone": ("district",), "area": ("district",),
                     "district": ("district",), "city": ("city",), "province": ("province",)}


def place_reference(ctx: Context, token: Token) -> Entity | None:
    """The place "the park" or "the city" stands for: the place of that kind the article names
    most often (a park or zone whose name has that word, for "the park")."""
    kinds = _PLACE_REFERENCES.get(token.lower_)
    if kinds is None or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) \
            or any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
        return None
    places = [p for p in ctx.of_type("place") if p.kind in kinds and p.first.token_start < token.i]
    if token.lower_ in {"park", "zone"}:
        places = [p for p in places if any(token.lower_ in f.lower().split() for f in p.surface_forms)]
    if not places:
        return None
    return max(places, key=lambda p: (len(p.mentions), -p.first.start))


def places_governed(ctx: Context, prep: Token) -> list[Entity]:
    """The places a preposition governs: "in A, B and C", "in A, China", "in the city of A"
    (with "the city of A" also A's own container when it is a city or province), "in the A
    district" (a place noun the name in front of it did not take in)."""
    out: list[Entity] = []
    for obj in [c for c in prep.children if c.dep_ == "pobj"]:
        heads = [obj]
        if obj.lower_ in _PLACE_NOUNS and place_at(ctx, obj) is None:
            heads = [p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                     for p in c.children if p.dep_ == "pobj"] or [
                c for c in obj.children if c.dep_ in {"compound", "nmod", "amod"} and place_at(ctx, c)] or [obj]
        for head in heads:
            for t in [head, *head.conjuncts, *[c for c in head.children if c.dep_ == "appos"]]:
                place = place_at(ctx, t) or place_reference(ctx, t)
                if place is not None and place not in out:
                    out.append(place)
    return out


def owner_of_site(ctx: Context, noun: Token) -> Entity | None:
    """Whose plant, fab or centre ``noun`` is: a possessive ("its", "X's"), a name in the
    noun phrase ("the X fab"), "of X", or the subject of a verb of having or making that
    governs the noun ("X will build a fab in A", "X bought a plant in A")."""
    for child in noun.children:
        if child.dep_ in {"poss", "compound"}:
            org = org_of(ctx, child)
            if org is not None:
                return org
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                org = org_at(ctx, obj) if obj.dep_ == "pobj" else None
                if org is not None:
                    return org
    verb, planned = _governing_verb(noun)
    if verb is not None and (verb.lower_ in SITE_VERBS or planned):
        head = subject(verb)
        return org_of(ctx, head) if head is not None else None
    if any(c.dep_ == "det" and c.lower_ in {"the", "this"} for c in noun.children) and noun.dep_ in _SUBJECTS:
        return antecedent(ctx, noun)  # "The plant is located in A": the one the article is about
    return None  # "X visited a plant in A" places nobody


#: Nouns on the way from a site to its verb that make it the subject's ("announced plans for a fab").
_PLAN_NOUNS = frozenset({"plan", "plans", "proposal", "deal", "agreement", "contract", "project", "projects"})


def _governing_verb(noun: Token) -> tuple[Token | None, bool]:
    """The verb a noun phrase is the object of, through prepositions ("broke ground on its fab"),
    and whether a plan or deal noun stands between them."""
    current, planned = noun, False
    for _ in range(_MAX_CLIMB):
        head = current.head
        if head is current:
            return None, planned
        if head.pos_ in {"VERB", "AUX"}:
            return head, planned
        planned = planned or head.lower_ in _PLAN_NOUNS
        current = head
    return None, planned
