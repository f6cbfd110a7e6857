"""Speakers of quotations: the span as written, and who it resolves to.

Span conventions follow PolNeAR (checked on ``quotes_polnear_dev.jsonl``): the speaker is the
whole subject noun phrase with its modifiers, appositions and relative clauses ("Bennett, now a
conservative radio host"; "Lee Epstein, who teaches law"), and when an apposition sits between
the name and the cue the closing comma belongs to the speaker ("His strategist, Tad Devine,").

Resolution is by rules over the article's own mentions, no coreference model:
- a surname ("Buccino") resolves to the earliest full mention of that person, with title and role
  ("Colonel Joe Buccino, CENTCOM spokesperson");
- "he"/"she"/"they" resolve to the most recent person (or group) quoted before;
- "the statement", "it", "the release" resolve to the author of the most recent statement, i.e.
  the organisation quoted before or the organisation a quoted spokesperson speaks for.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "them", "we"})
THING_PRONOUNS = frozenset({"it", "this"})
# Nouns that name a document or message: its author is the speaker ("the statement read").
DOCUMENT_NOUNS = frozenset({
    "statement", "release", "communique", "communiqué", "letter", "report", "post", "tweet",
    "message", "notice", "announcement", "memo", "declaration", "readout", "document",
})
# Words that name a role; a PERSON entity preceded by them gets the role as a description.
# Leading words PolNeAR leaves out of a speaker ("Even Rendell said"); quantifying ones such as
# "both", "almost", "only" stay in.
_LEADING_DROP = frozenset({"even", "but", "and", "so", "yet"})
_EDGE_PUNCT = frozenset({",", ".", ";", ":", "'", '"', "“", "”", "‘", "’", "-", "—", "–"})
_DASHES = frozenset({"--", "—", "–"})
_ORG_LABELS = frozenset({"ORG", "GPE", "NORP"})


def phrase_bounds(head: Token, limit: tuple[int, int] | None = None, cue: Token | None = None) -> tuple[int, int]:
    """Token bounds ``[start, end)`` of the noun phrase headed by ``head``: its subtree, cut to
    ``limit`` (token bounds that must not be crossed, e.g. the quote content) and at the cue,
    never across a paragraph break, trimmed of edge punctuation and of leading adverbs
    ("Even Rendell said"); a comma right after an apposition or relative clause that precedes
    the cue is kept (PolNeAR)."""
    start, end = head.left_edge.i, head.right_edge.i + 1
    doc = head.doc
    if cue is not None and head.i < cue.i:
        breaks = [i for i in range(head.i, cue.i) if "\n" in doc[i].whitespace_ or "\n" in doc[i].text]
        if breaks and breaks[-1] + 1 < cue.i:
            # "12:15 p.m.\n\nPresident Obama says": the parser hung the subject on a time
            # stamp or dateline in the paragraph before; the speaker is what opens the cue's line
            start, end = breaks[-1] + 1, cue.i
            while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
            return start, end
    cuts = [] if limit is None or limit[1] <= limit[0] else [limit]
    if cue is not None:
        cuts.append((cue.i, cue.i + 1))
    for lo, hi in cuts:
        if head.i < lo:
            end = min(end, lo)
        elif head.i >= hi:
            start = max(start, hi)
    for c in head.children:
        # "Ekovich, who noted that ...": a relative or participle clause that is itself an
        # attribution is not part of the speaker (PolNeAR leaves these out, while it keeps
        # descriptive ones such as "who teaches law")
        if c.i > head.i and c.left_edge.i < end and (_is_attribution_clause(c) or _is_time_modifier(c)):
            end = min(end, c.left_edge.i)
    for i in range(head.i - 1, start - 1, -1):
        # a dateline before the name ("RENO, Nev. (AP) — Donald Trump said")
        if doc[i].text in ("—", "–", "--", "-") and doc[i].whitespace_:
            start = i + 1
            break
    for i in range(head.i - 1, start - 1, -1):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            start = i + 1
            break
    for i in range(head.i, end):
        if "\n" in doc[i].whitespace_ or "\n" in doc[i].text:
            end = i + 1
            break
    while start < head.i and (
        doc[start].is_punct or doc[start].is_space
        or (doc[start].head == head and (doc[start].dep_ == "cc" or doc[start].lower_ in _LEADING_DROP))
    ):
        start += 1
    while end - 1 > head.i and (
        ((doc[end - 1].is_punct or doc[end - 1].is_space) and doc[end - 1].text not in {")", "]"})
        or doc[end - 1].dep_ == "cc"
    ):
        end -= 1
    # PolNeAR keeps the comma that closes an apposition before the cue (443 of 478 such
    # speakers in quotes_polnear_dev.jsonl; after the cue 31 of 48)
    has_inner_comma = any(t.text == "," for t in doc[start:end])
    if has_inner_comma and end < len(doc) and doc[end].text == "," and end > head.i:
        end += 1
    # the same for an apposition between dashes ("The rivals -- A, B and C -- said")
    elif end < len(doc) and doc[end].text in _DASHES and end > head.i and any(
        t.text == doc[end].text for t in doc[start:end]
    ):
        end += 1
    return start, end


def _is_time_modifier(tok: Token) -> bool:
    """"The campaign on Monday said": a date attached to the speaker by the parser belongs
    to the verb (PolNeAR leaves it out)."""
    if tok.dep_ == "prep" and tok.lower_ in ("on", "during", "in", "at"):
        return any(t.ent_type_ in ("DATE", "TIME") for t in tok.children if t.dep_ == "pobj")
    return tok.dep_ == "npadvmod" and tok.ent_type_ in ("DATE", "TIME")


def _is_attribution_clause(tok: Token) -> bool:
    if tok.dep_ == "relcl":
        verb = tok
    elif tok.dep_ in ("acl", "advcl") and tok.tag_ == "VBG":
        verb = tok
    else:
        return False
    from sitrep.extract.cues import cue_lexicon

    cue = cue_lexicon().verbs.get(verb.lemma_.lower())
    return cue is not None and cue.kind in ("speech", "cognition")


@dataclass
class _Mention:
    key: str  # lower-case surname or organisation name
    full: str  # the resolved form
    kind: str  # person | org
    affiliation: str | None  # organisation a person speaks for (from the role words)
    start: int  # char offset of the mention


def _person_form(ent: SpacySpan) -> tuple[str, str | None]:
    """'CENTCOM spokesperson Colonel Joe Buccino' -> ('Colonel Joe Buccino, CENTCOM
    spokesperson', 'CENTCOM'). Title words directly before the name stay in front; the noun
    phrase's other pre-modifiers become the role; an apposition becomes the role too."""
    doc = ent.doc
    name = ent.text
    head = ent.root
    # the noun phrase the name heads (compound chain before it)
    left = ent.start
    while left > 0 and doc[left - 1].head.i >= ent.start and doc[left - 1].head.i < ent.end and (
        doc[left - 1].dep_ in ("compound", "amod", "nmod", "poss", "case", "punct")
    ) and not doc[left - 1].is_sent_start:
        left -= 1
    # also titles attached as compounds to a previous token of the chain
    while left > 0 and doc[left - 1].dep_ in ("compound", "amod", "nmod", "poss", "case") and (
        left <= doc[left - 1].head.i < ent.end
    ):
        left -= 1
    pre = doc[left : ent.start]
    title_start = ent.start
    while title_start > left and doc[title_start - 1].is_title and doc[title_start - 1].ent_type_ not in _ORG_LABELS:
        title_start -= 1
    title = doc[title_start : ent.start].text
    role_tokens = doc[left:title_start]
    role = role_tokens.text.strip(" ,'’s") if len(role_tokens) else ""
    appos = [c for c in head.children if c.dep_ == "appos"]
    if not role and appos:
        a = appos[0]
        role = doc[a.left_edge.i : a.right_edge.i + 1].text.strip(" ,")
    affiliation = None
    for tok in list(role_tokens) + ([t for a in appos for t in a.subtree] if appos else []):
        if tok.ent_type_ in _ORG_LABELS:
            affiliation = _entity_text(tok)
            break
    full = f"{title} {name}".strip() if title else name
    if role:
        full = f"{full}, {role}"
    del pre
    return full, affiliation


def _entity_text(tok: Token) -> str:
    doc = tok.doc
    for ent in doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent.text.removeprefix("the ").removesuffix("'s").removesuffix("’s")
    return tok.text


class SpeakerResolver:
    """Resolves speaker spans of one article in reading order (call ``resolve`` in order)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.people: dict[str, _Mention] = {}
        for ent in doc.ents:
            if ent.label_ == "PERSON" and len(ent) >= 2:
                key = ent[-1].text.lower().removesuffix("'s").removesuffix("’s")
                if key not in self.people:
                    full, aff = _person_form(ent)
                    self.people[key] = _Mention(key, full, "person", aff, ent.start_char)
        self.last_person: str | None = None
        self.last_group: str | None = None
        self.last_author: str | None = None  # organisation behind the latest statement

    def affiliation_of(self, resolved: str) -> str | None:
        for m in self.people.values():
            if m.full == resolved:
                return m.affiliation
        return None

    def resolve(self, head: Token, start: int, end: int, cue: Token | None) -> str:
        doc = self.doc
        span = doc[start:end]
        low = head.lower_
        if low in PERSON_PRONOUNS:
            return self.last_person or head.text
        if low in GROUP_PRONOUNS:
            return self.last_group or self.last_person or head.text
        if low in THING_PRONOUNS or low in ("which", "that"):
            return self.last_author or head.text
        if head.lemma_.lower() in DOCUMENT_NOUNS:
            # "the statement read": the author is named inside ("CENTCOM's statement") or the
            # organisation quoted last
            for tok in span:
                if tok.ent_type_ in _ORG_LABELS or tok.ent_type_ == "PERSON":
                    return _entity_text(tok)
            return self.last_author or span.text
        resolved = self._name(head, span)
        if resolved is None:
            resolved = _strip_det(span.text)
            if head.ent_type_ in _ORG_LABELS or head.pos_ == "PROPN":
                self.last_author = resolved
            self.last_group = resolved
            if _says_in_statement(cue):
                self.last_author = resolved
        return resolved

    def _name(self, head: Token, span: SpacySpan) -> str | None:
        """A person speaker: the full form of the person, remembered as the last person."""
        for ent in span.ents:
            if ent.label_ != "PERSON":
                continue
            key = ent[-1].text.lower().removesuffix("'s").removesuffix("’s")
            mention = self.people.get(key)
            full = mention.full if mention else ent.text
            # an apposition written at this mention wins ("Hugh Hill, a doctor")
            if mention is None or mention.start > ent.start_char:
                full = span.text.strip(" ,")
            self.last_person = full
            if mention and mention.affiliation:
                self.last_author = mention.affiliation
            return full
        # a surname the NER missed here but tagged as a person elsewhere ("Buccino said")
        key = head.lower_.removesuffix("'s").removesuffix("’s")
        mention = self.people.get(key) if head.pos_ == "PROPN" else None
        if mention is not None and mention.start <= head.idx:
            self.last_person = mention.full
            if mention.affiliation:
                self.last_author = mention.affiliation
            return mention.full
        return None


def _strip_det(text: str) -> str:
    for det in ("the ", "The ", "a ", "A ", "an ", "An "):
        if text.startswith(det):
            return text[len(det):].strip(" ,")
    return text.strip(" ,")


def _says_in_statement(cue: Token | None) -> bool:
    if cue is None:
        return False
    return any(t.lemma_.lower() in DOCUMENT_NOUNS for c in cue.children if c.dep_ == "prep" for t in c.subtree)
