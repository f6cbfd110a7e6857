"""Loaded terms, labels, euphemisms and distancing markers, with neutral alternatives; and the
per-article framing profile (rates per category, top terms, stance asymmetry of attributions).

The lexicon is ours (``data/framing_lexicon.tsv``: term, category, neutral alternative,
SemEval-2020 technique, note; technique ``none`` for a standard designation such as "regime"
that the framing view flags but SemEval-2020 does not count by itself; the word lists the
structural rules use are in ``data/framing_words.tsv``). Matching is by lower-case form and by lemma, so "martyred",
"occupation forces" and "plundering" match the entries "martyr", "occupation force" and
"plunder"; one spaCy ``Matcher`` is built once per process. Short quoted phrases that nobody is
reported to have said ("the so-called 'peace plan'") are marked as scare quotes.
"""

from __future__ import annotations

import csv
import functools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans
from spacy.vocab import Vocab

from sitrep.extract.labels import compound_epithets, word_lists
from sitrep.model import AnalyzedArticle, Article, FramingMark, Quote, Span
from sitrep.registry import register

DATA = Path(__file__).resolve().parents[1] / "data"

# Category -> SemEval-2020 Task 11 technique, for marks whose term is not in the lexicon
# (scare quotes) and as the documented default of each category.
CATEGORY_TECHNIQUE = {
    "occupation": "Name_Calling,Labeling",
    "terror_label": "Name_Calling,Labeling",
    "regime_label": "Name_Calling,Labeling",
    "dehumanising": "Name_Calling,Labeling",
    "political_label": "Name_Calling,Labeling",
    "martyrdom": "Loaded_Language",
    "looting": "Loaded_Language",
    "euphemism": "Loaded_Language",
    "emotive": "Loaded_Language",
    "scare_quote": "Doubt",
    "quoted_label": "Name_Calling,Labeling",
    "distancing": "Doubt",
    "derogatory_label": "Name_Calling,Labeling",
}
STANCES = ("neutral", "distancing", "endorsing", "accusing")
# Categories whose terms name people or groups: their marks take the label's phrase extent
# ("a radical anti-war activist"), whatever technique the eval maps a single row to.
LABEL_CATEGORIES = frozenset(c for c, t in CATEGORY_TECHNIQUE.items() if t == "Name_Calling,Labeling")
# The lexicon's technique for a framing choice that SemEval-2020 counts as no technique by
# itself: a standard designation ("regime", "terrorist", "illegal alien") that the framing
# view flags for users but that PTC annotators do not mark as Name_Calling.
NO_TECHNIQUE = "none"


@dataclass(frozen=True)
class Entry:
    term: str
    category: str
    neutral_alternative: str | None
    technique: str

    @property
    def is_label(self) -> bool:
        return self.category in LABEL_CATEGORIES


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, Entry]:
    out: dict[str, Entry] = {}
    with open(DATA / "framing_lexicon.tsv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            term = row["term"].strip().lower()
            out[term] = Entry(term, row["category"], row["neutral_alternative"] or None, row["technique"])
    return out


_SPLIT = re.compile(r"[\w']+|[^\w\s]")
_MATCHERS: dict[int, tuple[PhraseMatcher, PhraseMatcher]] = {}


def _matchers(vocab: Vocab) -> tuple[PhraseMatcher, PhraseMatcher]:
    """Two PhraseMatchers per vocabulary, built once: by lower-case form ("occupation
    forces") and by lemma ("martyred" -> martyr, "plundering" -> plunder). Terms are written
    in base form in the lexicon, so the pattern's words are its lemmas."""
    key = id(vocab)
    if key not in _MATCHERS:
        by_form = PhraseMatcher(vocab, attr="LOWER")
        by_lemma = PhraseMatcher(vocab, attr="LEMMA")
        for term in lexicon():
            words = _SPLIT.findall(term)
            spaces = [False] * len(words)
            # "so-called" is three tokens with no spaces; "occupation force" two with one
            pos = 0
            for i, w in enumerate(words):
                pos = term.index(w, pos) + len(w)
                spaces[i] = pos < len(term) and term[pos] == " "
            pattern = Doc(vocab, words=words, spaces=spaces)
            by_form.add(term, [pattern])
            by_lemma.add(term, [Doc(vocab, words=words, spaces=spaces, lemmas=words)])
        _MATCHERS[key] = (by_form, by_lemma)
    return _MATCHERS[key]


@register("framing.v1", assigns="framing", requires=("quotes",))
def extract_framing(doc: Doc, article: Article, analysis: AnalyzedArticle) -> list[FramingMark]:
    lex = lexicon()
    text = article.text
    by_form, by_lemma = _matchers(doc.vocab)
    spans: list[SpacySpan] = []
    for match_id, start, end in [*by_form(doc), *by_lemma(doc)]:
        term = doc.vocab.strings[match_id]
        span = SpacySpan(doc, start, end, label=term)
        if _is_literal_use(span, lex[term]):
            continue
        spans.append(span)
    # a lexicon term under the intensifier keeps its own entry (and its phrase extension)
    taken = {i for sp in spans for i in range(sp.start, sp.end)}
    spans.extend(sp for sp in _intensified(doc) if sp.end - 1 not in taken)
    marks: list[FramingMark] = []
    for span in filter_spans(spans):
        entry = lex.get(span.label_, INTENSIFIED)
        start, end, category = _phrase(doc, span, entry)
        marks.append(FramingMark(
            span=Span.of(text, doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)),
            category=category,
            neutral_alternative=entry.neutral_alternative,
            term=entry.term,
        ))
    taken_chars = [(m.span.start, m.span.end) for m in marks]
    for start, end in compound_epithets(doc):
        s0, s1 = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
        if not any(a < s1 and s0 < b for a, b in taken_chars):
            marks.append(FramingMark(span=Span.of(text, s0, s1), category="derogatory_label",
                                     neutral_alternative=None, term="compound epithet"))
    marks.extend(_scare_quotes(doc, text, analysis.quotes, marks))
    marks = _drop_repeated_sentences(doc, marks)
    marks.sort(key=lambda m: m.span.start)
    return marks


def _drop_repeated_sentences(doc: Doc, marks: list[FramingMark]) -> list[FramingMark]:
    """Marks in a sentence that the article has already printed word for word (a poll, a
    sign-up box, a caption repeated by the page) are boilerplate, counted once."""
    seen: set[str] = set()
    repeats: list[tuple[int, int]] = []
    for sent in doc.sents:
        key = " ".join(sent.text.lower().split())
        if len(key) < 20:
            continue
        if key in seen:
            repeats.append((sent.start_char, sent.end_char))
        seen.add(key)
    if not repeats:
        return marks
    return [m for m in marks if not any(a <= m.span.start and m.span.end <= b for a, b in repeats)]


# An evaluative adjective raised by a strong intensifier ("utterly shameful", "incredibly
# dangerous") is loaded whatever the adjective: the intensifier carries the emotion.
INTENSIFIED = Entry("intensified adjective", "emotive", None, "Loaded_Language")
_STRONG_INTENSIFIERS = frozenset({
    "extremely", "utterly", "totally", "absolutely", "completely", "incredibly", "downright",
    "grossly", "wildly", "thoroughly", "insanely", "ridiculously", "outrageously", "hugely",
    "terribly", "horribly", "deeply", "profoundly", "hopelessly", "shockingly", "staggeringly",
})


_INTENS_MATCHERS: dict[int, Matcher] = {}


def _intensified(doc: Doc) -> list[SpacySpan]:
    """Strong intensifier + the adjective it modifies; one token ``Matcher`` per vocabulary."""
    matcher = _INTENS_MATCHERS.get(id(doc.vocab))
    if matcher is None:
        matcher = Matcher(doc.vocab)
        matcher.add(INTENSIFIED.term, [[{"LOWER": {"IN": sorted(_STRONG_INTENSIFIERS)}}, {"POS": "ADJ"}]])
        _INTENS_MATCHERS[id(doc.vocab)] = matcher
    return [SpacySpan(doc, start, end, label=INTENSIFIED.term)
            for _, start, end in matcher(doc) if doc[start].head.i == start + 1]


EXTEND = {"adv_head": True, "nc_head": True, "nc_det": True, "conj": True, "ll_noun_mods": True, "advmod": True, "verb_obj": True, "of_pp": True, "intens": True, "adj_noun": True, "noun_mods": True, "person_nc": True, "det": True}
_INTENSIFIERS = frozenset({
    "very", "so", "too", "extremely", "utterly", "totally", "absolutely", "completely", "truly",
    "incredibly", "deeply", "highly", "most", "really", "downright", "outright", "grossly",
    "wildly", "entirely", "thoroughly", "particularly", "especially", "increasingly",
})


def _phrase(doc: Doc, span: SpacySpan, entry: Entry) -> tuple[int, int, str]:
    """Token bounds of the phrase a matched term stands in, and its category: an intensifier
    before an emotive word belongs to it ("utterly absurd"); an emotive adjective takes the
    noun it qualifies ("disgraceful verdict"), and when that noun names people the phrase is a
    label ("corrupt politicians"); a label noun takes its adjective and compound modifiers
    ("radical anti-war activist")."""
    start, end = span.start, span.end
    category = entry.category
    root = span.root
    if EXTEND["intens"]:
        while start > 0 and doc[start - 1].lower_ in _INTENSIFIERS and doc[start - 1].head.i in range(start, end + 1):
            start -= 1
    # the noun may be up to 3 tokens after the adjective (2 and 3 compared on loaded_ptc_train.jsonl)
    if EXTEND["adj_noun"] and len(span) == 1 and root.pos_ == "ADJ" and (
        root.dep_ == "amod" or (root.dep_ == "conj" and root.head.dep_ == "amod" and root.head.pos_ == "ADJ")
    ):
        # "unlearned and ignorant men": a coordinated adjective qualifies its partner's noun
        noun = root.head if root.dep_ == "amod" else root.head.head
        if noun.i > root.i and noun.i - end <= 3 and all(
            t.dep_ in ("amod", "compound", "cc", "conj", "punct", "advmod") for t in doc[end:noun.i]
        ):
            end = noun.i + 1
            # an emotive adjective on a name is an epithet ("the disgraced Cardinal Ruiz")
            if EXTEND["person_nc"] and (_names_people(noun) or noun.pos_ == "PROPN") and category == "emotive":
                category = "derogatory_label"
                # a label for people keeps its article ("the corrupt politicians")
                if start > 0 and doc[start - 1].lower_ in ("a", "an", "the") and doc[start - 1].head.i == noun.i:
                    start -= 1
    if category == "emotive" and len(span) == 1 and root.pos_ == "NOUN" and _names_people(root):
        # an emotive noun for people is a label ("the sexists", "reprobates")
        category = "derogatory_label"
    if (category == "emotive" and len(span) == 1 and root.pos_ == "ADJ" and start > 0
            and doc[start - 1].lower_ == "the" and root.dep_ not in ("amod", "acomp", "conj")
            and not any(c.pos_ in ("NOUN", "PROPN") for c in root.children)):
        # an adjective standing for people ("the righteous", "the depraved") is a label
        category = "derogatory_label"
        start -= 1
    if EXTEND["noun_mods"] and root.pos_ in ("NOUN", "PROPN") and entry.is_label:
        lo = start
        while lo > 0 and doc[lo - 1].head.i in range(lo, end) and doc[lo - 1].dep_ in ("amod", "compound") :
            lo -= 1
        start = lo
        # "the Dems", "the wicked": a personal label keeps its article; a conflict label
        # ("the occupation forces") does not, so that its neutral alternative reads right
        if EXTEND["det"] and category not in _CONFLICT_LABELS and start > 0 and doc[start - 1].lower_ in word_lists()["label_det"] and doc[start - 1].head.i == root.i:
            start -= 1
    if entry.is_label:
        start, end = _label_phrase(doc, root, start, end)
        start, end = _np_extent(doc, start, end)
    if EXTEND["ll_noun_mods"] and root.pos_ == "NOUN" and CATEGORY_TECHNIQUE.get(entry.category) == "Loaded_Language":
        while start > 0 and doc[start - 1].head.i in range(start, end) and doc[start - 1].dep_ in ("amod", "compound") and doc[start - 1].ent_type_ == "":
            start -= 1
    if EXTEND["advmod"] and root.pos_ in ("ADJ", "VERB", "ADV"):
        while start > 0 and doc[start - 1].dep_ == "advmod" and doc[start - 1].head.i in range(start, end) and doc[start - 1].pos_ == "ADV":
            start -= 1
    if EXTEND["conj"] and (root.pos_ == "ADJ" or (category == "emotive" and root.pos_ in ("VERB", "NOUN"))):
        # "baffling and shameful", "vilify and humiliate": coordinated evaluative words are one
        # loaded phrase (partner at most 3 tokens away: best of 2-4 on loaded_ptc_train.jsonl)
        if root.dep_ == "conj" and root.head.pos_ == root.pos_ and 0 < start - root.head.i <= 3:
            start = root.head.i
        for c in root.children:
            if c.dep_ == "conj" and c.pos_ == root.pos_ and 0 < c.i - end + 1 <= 3:
                end = c.i + 1
    if EXTEND["adv_head"] and len(span) == 1 and root.pos_ == "ADV" and root.dep_ == "advmod" and root.head.pos_ in ("VERB", "ADJ"):
        # "violently beaten", "lies shamelessly": a loaded adverb takes the word it modifies
        if root.head.i == end:
            end += 1
        elif root.head.i == start - 1:
            start -= 1
    if EXTEND["verb_obj"] and category == "emotive" and root.pos_ == "VERB" and end < len(doc):
        objs = [c for c in root.children if c.dep_ == "dobj" and c.i >= end]
        if objs and objs[0].right_edge.i - end < 2:
            end = objs[0].right_edge.i + 1
    if EXTEND["of_pp"] and category == "emotive" and root.pos_ == "NOUN" and end < len(doc) and doc[end].lower_ == "of" and doc[end].head.i == root.i:
        pobj = [c for c in doc[end].children if c.dep_ == "pobj"]
        if pobj and pobj[0].right_edge.i - end <= 3:
            end = pobj[0].right_edge.i + 1
    return start, end, category


# How far a label grows to the noun phrase it heads, as PTC marks labels: to the phrase's
# left edge (its determiner and possessor left out) when that is at most 5 tokens before the
# label ("the self-styled house theologian"), and over an apposition or a coordinated partner
# ending at most 6 tokens after it ("operatives or hacks"). Compared on loaded_ptc_train.jsonl
# (Name_Calling F1): no widening 0.3369; left 2 / 3 / 5 / 8 tokens with determiners 0.3385 /
# 0.3395 / 0.3410 / 0.3410; right deps prep 0.3370, relcl+acl 0.3346, appos+cc+conj 0.3420
# (with left 5); determiners left out 0.3432 (left 3: 0.3429). On loaded_babe_dev.jsonl this
# costs 0.003 span F1 (0.3895 -> 0.3869): BABE marks single words, not phrases.
_NP_LEFT = 5
_NP_RIGHT = 6
_NP_RIGHT_DEPS = frozenset({"appos", "cc", "conj"})


def _np_extent(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Widen a label ending in its head noun to the noun phrase around it (see _NP_LEFT)."""
    head = doc[end - 1]
    if head.pos_ not in ("NOUN", "PROPN"):
        return start, end
    right = [c for c in head.rights if c.dep_ in _NP_RIGHT_DEPS]
    if right:
        last = max(c.right_edge.i for c in right)
        if last + 1 - end <= _NP_RIGHT:
            end = last + 1
    left = head.left_edge.i
    # determiners and possessors stay out ("his", "the", "Rome's"): the label is the words
    # that describe, and an article already taken by the label rules stays in
    while left < start and (doc[left].pos_ in ("DET", "PRON") or doc[left].is_punct or doc[left].tag_ == "POS"):
        left += 1
    if left < start and start - left <= _NP_LEFT and not doc[left].is_punct:
        start = left
    return start, end


def _label_phrase(doc: Doc, root: Token, start: int, end: int) -> tuple[int, int]:
    """PTC-style extent of a label: a label used as a modifier takes the noun it labels
    ("pedophile priest", "mafia network") but not a person's name ("white supremacist Ann
    Roe": the label is what the writer adds to the name), and the indefinite article is part
    of the label ("a traitor")."""
    if EXTEND["nc_head"] and root.dep_ in ("amod", "compound") and root.head.i >= end and root.head.i - end <= 2 and (
        root.head.pos_ == "NOUN" or (root.head.pos_ == "PROPN" and root.head.ent_type_ != "PERSON")
    ):
        end = root.head.i + 1
        root = root.head
    # only the indefinite article: "the" stays out of conflict labels ("the occupation
    # forces") so that the neutral alternative reads right; see the "det" rule for "the"
    if EXTEND["nc_det"] and start > 0 and doc[start - 1].lower_ in ("a", "an") and doc[start - 1].head.i in range(start, end):
        start -= 1
    return start, end


_PEOPLE_ENTS = frozenset({"PERSON", "NORP", "ORG"})




# Labels of the parties to a conflict: their marks leave "the" out, so that the neutral
# alternative can replace the span ("the occupation forces" -> "the forces").
_CONFLICT_LABELS = frozenset({"occupation", "regime_label", "terror_label"})


def _names_people(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    words = word_lists()
    # a noun whose ending names a person ("theocrats", "collaborator"); over 5 letters so that
    # short words ("list", "site", "fee") stay out
    if tok.pos_ == "NOUN" and len(lemma) > 5 and lemma.endswith(tuple(words["person_suffix"])):
        return True
    return tok.ent_type_ in _PEOPLE_ENTS or tok.lower_ in words["people_noun"] or lemma in words["role_noun"] or (
        tok.lower_ in lexicon() and lexicon()[tok.lower_].is_label
    )


_NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"})


def _in_title_case_line(tok: Token) -> bool:
    """Is ``tok`` in a headline written in title case (most words of its line capitalised)?
    Proper-noun tags there come from the capitals, not from a name."""
    doc = tok.doc
    lo = tok.i
    while lo > 0 and "\n" not in doc[lo - 1].text and "\n" not in doc[lo - 1].whitespace_:
        lo -= 1
    hi = tok.i
    while hi < len(doc) - 1 and "\n" not in doc[hi].whitespace_ and "\n" not in doc[hi + 1].text:
        hi += 1
    # function words ("of", "the", "in") may stay lower case in a headline and are skipped
    words = [t for t in doc[lo : hi + 1] if t.is_alpha and t.lower_ not in _HEADLINE_SMALL_WORDS]
    return len(words) >= 3 and sum(t.is_title or t.is_upper for t in words) >= 0.8 * len(words)


_HEADLINE_SMALL_WORDS = frozenset({
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "with", "by", "from",
    "as", "is", "are", "be",
})


# Label categories whose terms are nouns (or adjectives) for people, never verbs.
_PERSON_LABELS = frozenset({"political_label", "terror_label", "regime_label"})


def _is_literal_use(span: SpacySpan, entry: Entry) -> bool:
    """Skip uses where the word is not the loaded sense: "occupation" as a job ("his
    occupation"), proper names ("Liberation Square"), a verb-only term matched on a noun, and a
    name for people matched on a verb."""
    first = span[0]
    if entry.term in ("occupation", "liberation", "establishment", "radical", "extreme") and any(
        t.ent_type_ in ("ORG", "FAC", "GPE", "WORK_OF_ART", "EVENT", "LAW") for t in span
    ):
        return True
    if entry.category in _PERSON_LABELS and all(t.pos_ == "VERB" and t.lemma_.lower() == entry.term for t in span):
        # a name for people used as the verb it also is ("to spy", "spying", "hacked",
        # "fooled"); the dehumanising metaphors stay ("flooded", "swarming"), and so does a
        # label the tagger misreads as another verb ("woke", lemma "wake")
        return True
    if entry.term == "occupation" and any(c.dep_ == "poss" for c in span.root.children):
        return True
    if entry.term == "regime" and any(
        c.dep_ == "compound" and c.pos_ == "NOUN" and not c.ent_type_ for c in span.root.children
    ):
        return True  # "sanctions regime", "tax regime": a system of rules, not a government
    if len(span) == 1 and first.pos_ == "PROPN" and entry.category not in ("political_label", "regime_label") and not (
        entry.is_label and first.ent_type_ not in _NAME_ENTS and _in_title_case_line(first)
    ):
        # a proper name ("Liberation Tigers"); a capitalised label outside any name is a
        # title-case headline's word ("Jihadist Psychopath Strikes Again") and keeps its sense
        return True
    return False


# Scare quotes: one to four quoted words that no attribution claims as its content, in the
# writer's own sentence. Four words was the longest scare-quoted label in our own examples.
# Each opening mark pairs with its own closing mark; a closing single quote glued to a letter
# is an apostrophe ("“It’s" is no quote).
_SCARE = re.compile(
    r"“([^“”\n]{2,40})”|\"([^\"\n]{2,40})\"|(?<!\w)‘([^‘’\n]{2,40})’(?!\w)|(?<!\w)'([^'\n]{2,40})'(?!\w)"
)
_SCARE_MAX_WORDS = 4
# Verbs and words that introduce a name given to someone ("branded him a 'traitor'").
# "term", "like" and "deem" were dropped: their quoted phrases were words and things ("terms
# like 'autonomy'", "deemed 'dangerous'"), 0 of 10 Name_Calling on loaded_ptc_train.jsonl;
# NC F1 0.3450 -> 0.3464, up on both halves (0.3050 -> 0.3084, 0.3650 -> 0.3652).
_NAMING = frozenset({"call", "dub", "label", "brand", "nickname", "as"})
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _scare_quotes(doc: Doc, text: str, quotes: list[Quote], marks: list[FramingMark]) -> list[FramingMark]:
    taken = [(q.content.start, q.content.end) for q in quotes]
    taken += [(m.span.start, m.span.end) for m in marks]
    out: list[FramingMark] = []
    for m in _SCARE.finditer(text):
        inner = next(g for g in m.groups() if g is not None)
        words = inner.split()
        if not 1 <= len(words) <= _SCARE_MAX_WORDS or not any(ch.isalpha() for ch in inner):
            continue
        s, e = m.start(), m.end()
        stripped = inner.rstrip(".,!?")
        # a name given with a naming verb ('referred to them as “monkeys and pigs.”', 'called
        # him a “traitor”') is a label even inside a reported quotation, and even with the
        # sentence's final stop inside the marks
        named = bool(stripped) and _named(doc, s + 1, s + 1 + len(stripped))
        if inner != inner.strip() or (inner != stripped and not named):
            continue  # a quoted sentence fragment, not a label
        if any(a < e and s < b for a, b in taken) and not (
            named and not any(a < e and s < b for a, b in taken[len(quotes):])
        ):
            continue
        label = named or _quoted_label(doc, s + 1, e - 1)
        out.append(FramingMark(span=Span.of(text, s, e), category="quoted_label" if label else "scare_quote",
                               neutral_alternative=inner, term="scare quotes"))
    return out


def _named(doc: Doc, start: int, end: int) -> bool:
    """Is the quoted phrase at ``start:end`` a noun phrase that a naming verb or "as" governs
    ('branded the mayor a “dinosaur”', 'known as “the Butcher”')?"""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span) or any(t.tag_ in _FINITE for t in span):
        return False
    root = span.root
    if root.pos_ not in ("NOUN", "PROPN", "ADJ"):
        return False
    ancestors = list(root.ancestors)[:2]
    # 'praised her as a “role model”': a reported tribute, not a name given (praise_verb; on
    # loaded_ptc_train.jsonl 13 such marks scored 0.08 vs Name_Calling gold; NC F1 0.3511 ->
    # 0.3530, up on both halves: 0.3154 -> 0.3194, 0.3686 -> 0.3692)
    if any(a.lower_ == "as" and a.head.lemma_.lower() in word_lists()["praise_verb"] for a in ancestors):
        return False
    return _given_name(span, ancestors)


def _given_name(span: SpacySpan, ancestors: list[Token]) -> bool:
    """Do the naming words among ``ancestors`` give ``span`` as a name? A phrase of several
    words that only "call" governs must name people: 'called it a “costly paperwork
    exercise”' describes a thing (on loaded_ptc_train.jsonl such marks, n=25, scored 0.04 vs
    Name_Calling gold; NC F1 0.3530 -> 0.3545, up on both halves: 0.3194 -> 0.3209,
    0.3692 -> 0.3706)."""
    root = span.root
    if len(span) > 1 and not _names_people(root) and root.ent_type_ != "PERSON" and not any(
        a.lemma_.lower() in _NAMING and a.lemma_.lower() != "call" for a in ancestors
    ):
        return False
    return any(a.lemma_.lower() in _NAMING for a in ancestors)


def _quoted_label(doc: Doc, start: int, end: int) -> bool:
    """Is a scare-quoted phrase a label for people ('the “progressive” bishops', 'these
    “Russians”', 'branded him a “traitor”')? Its words are a noun phrase or an adjective (no
    finite verb), and the phrase names people, stands before a name or a noun it labels, or
    follows a naming verb."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    if any(t.tag_ in _FINITE for t in span) or not any(t.pos_ in ("NOUN", "PROPN", "ADJ") for t in span):
        return False
    root = span.root
    after = doc[span.end + 1] if span.end + 1 < len(doc) and doc[span.end].is_punct else (
        doc[span.end] if span.end < len(doc) else None)
    if after is not None and (after.ent_type_ == "PERSON" or _names_people(after)) and after.pos_ in ("NOUN", "PROPN"):
        return True  # 'the “Rottweiler” Benedict XVI', 'the “progressive” bishops'
    if root.pos_ in ("NOUN", "PROPN") and (root.ent_type_ in ("NORP", "PERSON") or _names_people(root)):
        return True
    # 'branded the mayor a “dinosaur”', 'known as “the Butcher”': a naming verb or "as" governs it
    return _given_name(span, list(root.ancestors)[:2])


def technique_of(mark: FramingMark) -> str:
    """The SemEval-2020 Task 11 technique name a framing mark corresponds to."""
    if mark.term:
        entry = lexicon().get(mark.term)
        if entry is not None and entry.category == mark.category:
            return entry.technique
    return CATEGORY_TECHNIQUE.get(mark.category, "Loaded_Language")


# --- profile -------------------------------------------------------------------------------

_WORD = re.compile(r"\w+")


def framing_profile(analysis: AnalyzedArticle) -> dict[str, Any]:
    """JSON-ready summary: marks per category (and per 1,000 words) in the outlet's own voice
    (marks inside direct quotations are counted apart), top terms, and the stance asymmetry of
    attributions grouped by the speaker's side."""
    text = analysis.article.text
    words = len(_WORD.findall(text))
    quoted = [(q.content.start, q.content.end) for q in analysis.quotes if q.kind == "direct"]
    own: Counter[str] = Counter()
    in_quotes: Counter[str] = Counter()
    terms: Counter[str] = Counter()
    for m in analysis.framing:
        if any(a <= m.span.start and m.span.end <= b for a, b in quoted):
            in_quotes[m.category] += 1
            continue
        own[m.category] += 1
        terms[m.term or m.span.text.lower()] += 1
    per_1000 = {c: round(1000 * n / words, 2) for c, n in sorted(own.items())} if words else {}
    return {
        "words": words,
        "counts": dict(sorted(own.items())),
        "per_1000_words": per_1000,
        "in_quotes": dict(sorted(in_quotes.items())),
        "top_terms": [[t, n] for t, n in terms.most_common(10)],
        "stance": stance_asymmetry(analysis.quotes),
    }


def stance_asymmetry(quotes: list[Quote]) -> dict[str, Any]:
    """Cue stances per side: which sides' claims the writer distances from and which it
    endorses. A side is the country or organisation the resolved speaker belongs to."""
    by_side: dict[str, Counter[str]] = {}
    for q in quotes:
        side = side_of(q.speaker_resolved or (q.speaker.text if q.speaker else ""))
        if side is None:
            continue
        by_side.setdefault(side, Counter())[q.stance] += 1
    sides = {s: {k: c[k] for k in STANCES if c[k]} for s, c in sorted(by_side.items())}
    distanced = sorted(s for s, c in by_side.items() if c["distancing"] > 0)
    endorsed = sorted(s for s, c in by_side.items() if c["endorsing"] > 0)
    only_distanced = [s for s in distanced if by_side[s]["endorsing"] == 0]
    only_endorsed = [s for s in endorsed if by_side[s]["distancing"] == 0]
    return {
        "by_side": sides,
        "distanced": distanced,
        "endorsed": endorsed,
        "asymmetric": bool(only_distanced and only_endorsed),
    }


@functools.lru_cache(maxsize=4096)
def side_of(speaker: str) -> str | None:
    """'Colonel Joe Buccino, CENTCOM spokesperson' -> 'US' (the actor table knows CENTCOM);
    'The Syrian Oil Ministry' -> 'SY' (demonym); an unknown organisation -> its own name;
    a bare pronoun -> None."""
    from sitrep.extract import actors

    if not speaker or speaker.lower() in ("he", "she", "it", "they", "we", "i", "you", "who", "which", "that"):
        return None
    for match in actors.table_matches(speaker):
        if match.entry.country:
            return match.entry.country
    found = actors.country_of_phrase(speaker)
    if found is not None:
        return found[0]
    return speaker
