"""The English rules' vocabulary, read from the word lists in ``chipmap/vocab/words``.

Every list lives in a data file with a header saying what it is for; this module only
gives the lists typed names, so a rule imports ``TITLE_HEADS`` rather than opening a file.
They are general vocabulary of English-language news about industry in China, not lists
lifted from any one article.
"""

from __future__ import annotations

import re

from chipmap.vocab.words import word_list, word_set


def _pairs(name: str) -> list[tuple[str, str]]:
    """``key = value`` lines of a word list."""
    out = []
    for line in word_list(name):
        key, _, value = line.partition("=")
        out.append((key.strip(), value.strip()))
    return out


def latin_legal_suffixes() -> frozenset[str]:
    """The English (Latin-script) entries of THE legal-suffix list, lower case, with and
    without a final dot ("co", "co.")."""
    entries = {w for w in word_set("legal_suffixes") if w.isascii()}
    return frozenset(entries | {w.rstrip(".") for w in entries})


#: Legal and corporate-form suffixes ("Co", "Ltd.", "GmbH"), lower case.
LEGAL_SUFFIXES = latin_legal_suffixes()
#: Words that end an organisation's name, lower-cased (legal suffixes included).
ORG_HEADS = word_set("org_heads") | LEGAL_SUFFIXES
#: Last words of place names that are zones, districts and parks.
PLACE_HEADS = word_set("place_heads")
#: Words that make a following "Park"/"City"/"Zone" into a place name, not an org.
ZONE_WORDS = word_set("zone_words")
#: Kind of an organisation from a word in its name, checked last word first.
KIND_WORDS: dict[str, str] = dict(_pairs("org_kind_words"))
#: Phrases that settle an organisation's kind before its words do ("research center" is academic).
KIND_PHRASES: list[tuple[str, str]] = _pairs("org_kind_phrases")
#: Head words of job titles, lower-cased.
TITLE_HEADS = word_set("title_heads")
#: Words that can precede a title head inside the title ("executive vice mayor").
TITLE_MODIFIERS = word_set("title_modifiers")
#: Titles written as acronyms (case-sensitive).
TITLE_ACRONYMS = word_set("title_acronyms")
#: Titles that belong to a city government when no body is named.
CITY_TITLES = word_list("city_titles")
#: Spans NER labels as names that are not entities in this domain.
NOISE = word_set("noise_words")
NOISE_PHRASES = word_set("noise_phrases")
#: Nationality and regional adjectives: they name a place but are not place mentions.
DEMONYMS: dict[str, str] = dict(_pairs("demonyms"))
#: Compass words before a country: "East China" is China.
COMPASS = word_set("compass_words")
#: Common Chinese surnames in pinyin (first syllable of a name in Western order).
SURNAMES = word_set("surnames")
HONORIFICS = word_set("honorifics")
#: Units after a name that are not part of it ("Beijing 12-inch").
MEASURES = word_set("measure_words")
#: Endings of region names ("... River Delta").
REGION_WORDS = word_list("region_words")
EVENT_HEADS = word_set("event_heads")
#: Trade-show names that news writes like places ("SEMICON China", "CES").
EVENT_BRANDS = word_set("event_brands")
#: Words that may join the capitalised words of one name.
CONNECTORS = word_set("name_connectors")
#: Words after a hyphen that make a place name into an adjective ("Beijing-based").
HYPHEN_ADJECTIVES = word_set("hyphen_adjectives")
#: Head words that mark an organisation for sure (weak heads like "Technology" do not).
STRONG_HEADS = word_set("strong_org_heads")
#: Pairs joined by "and" inside one name, never a split point.
IDIOMS = frozenset(
    (left.strip(), right.strip()) for left, _, right in (p.partition(" and ") for p in word_list("name_idioms"))
)
#: Nouns that name a document built on a body's name ("Notice of the ... Office on ...").
DOCUMENT_WORDS = word_set("document_words")
#: Words that cannot start a name.
LEADING_NOISE = word_set("leading_noise")
#: Words between a place and a government body ("municipal", "people's").
GOV_LEVELS = word_set("government_levels")
#: Head nouns of government bodies ("government", "bureau" ...).
GOV_BODIES = word_set("government_bodies")
#: Nouns for an organisation's sites ("plant", "fab", "headquarters").
SITE_NOUNS = word_set("site_nouns")
#: Verbs that place an organisation ("founded", "registered", "settled").
SETTLE_VERBS = word_set("settle_verbs")
#: Verbs by which an organisation has, makes or takes a site ("build", "runs", "bought").
SITE_VERBS = word_set("site_verbs")
#: Phrases between a unit and its parent ("subsidiary of").
SUBSIDIARY_CUES = word_list("subsidiary_cues")
#: Verbs with which a place takes in organisations ("attracted", "is home to").
HOST_VERBS = word_set("host_verbs")
#: Nouns that describe an organisation ("company", "chipmaker").
DESCRIPTORS = word_set("org_descriptors")
#: Verbs that give a person a post ("appointed", "serves").
APPOINT_VERBS = word_set("appointment_verbs")
#: Words in a company's own name that place it in the chain ("Example Packaging").
SEGMENT_NAME_WORDS: dict[str, str] = dict(_pairs("segment_name_words"))
#: Cue phrases per chain segment.
SEGMENT_CUES: dict[str, tuple[str, ...]] = {}
for _segment, _cue in _pairs("segment_cues"):
    SEGMENT_CUES[_segment] = (*SEGMENT_CUES.get(_segment, ()), _cue)

_SYLLABLE = "(?:" + "|".join(sorted(word_list("pinyin_initials"), key=len, reverse=True)) + ")?(?:" + "|".join(
    sorted(word_list("pinyin_finals"), key=len, reverse=True)
) + ")n?g?"
#: One to three pinyin syllables, optionally split by an apostrophe ("Xiao'an").
PINYIN_WORD = re.compile(rf"^(?:{_SYLLABLE})(?:['\u2019-]?(?:{_SYLLABLE})){{0,2}}$", re.IGNORECASE)


def is_pinyin(word: str) -> bool:
    """True when ``word`` reads as one to three pinyin syllables."""
    return bool(PINYIN_WORD.match(word))
