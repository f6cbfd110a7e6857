"""Modality of an event mention: did the text assert it, attribute it, deny it, only envisage
it, or mention it as background?

Read from the dependency parse around the trigger, in this order of precedence:

* hypothetical: a modal or future auxiliary ("will strike"), an infinitive under an intent or
  threat verb ("threatened to attack", "intended to limit"), a noun trigger governed by
  "prevent", "risk of", "threat of" or qualified as "possible"/"planned", a conditional clause
  ("if they attack"), or a yes/no question ("Will the rebels attack again?");
* denied: negation of the trigger or of its support verb ("did not attack", "carried out no
  strikes"), or a clause under "deny" ("denied that rebels attacked");
* claimed: hedging adverbs ("allegedly", "reportedly"), a clause under "claim"/"allege"/
  "accuse", "said to have"; ``attributed_to`` is the subject of the governing reporting verb;
* background: the event's own date lies well before publication (see BACKGROUND_DAYS), or the
  sentence is a photo caption (ends with an agency credit);
* asserted otherwise.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from sitrep.model import Modality

_MODALS = frozenset("will would could might may shall 'll should wo ca".split())
_INTENT = frozenset(
    "threaten plan intend vow warn aim seek want prepare promise pledge urge call "
    "decide hope expect demand order plot consider propose ask request".split()
)
# Adjectives that make a noun trigger an eventuality: "a possible attack", "planned strikes".
_UNREAL_ADJS = frozenset("possible potential planned imminent future eventual would-be likely probable expected feared".split())
# A yes/no question ("Does the group have to declare a ceasefire?") asserts nothing; a
# wh-question ("Who attacked the convoy?") presupposes its event and is not covered.
_YES_NO = re.compile(
    r"^\W*(?:\[[^\]]*\]\s*)*\W*(?:do|does|did|is|are|was|were|will|would|can|could|should|shall|has|have|had|may|might|must)\b",
    re.IGNORECASE,
)
_PREVENT = frozenset(
    "prevent avoid deter stop thwart foil risk threat fear possibility warning plan plot prospect "
    "proposal appeal plea request".split()
)
_DENY = frozenset("deny reject refute dismiss".split())
_CLAIM = frozenset("claim allege accuse".split())
_HEDGE = frozenset("allegedly reportedly purportedly supposedly apparently".split())
_REPORTING = frozenset(
    "say claim allege accuse state announce report add tell confirm insist underline stress note "
    "indicate explain write read assert maintain".split()
)
# An event dated this many days or more before publication is background context. News
# reports the last few days; calibrated on the seed-style genre (a strike "on August 15"
# reported on the 24th is still the news, a 2019 strike is context) and MUC-4 train_a, where
# incidents more than a month old are not templated as the reported incident.
BACKGROUND_DAYS = 31
_CAPTION = re.compile(
    r"\((?:Reuters|AP|AFP|Getty Images|EPA|Anadolu|Xinhua|SANA|file photo|photo)[^)]*\)\s*$|^(?:photo|file photo|picture)\s*[:|]",
    re.IGNORECASE,
)


def _ancestors_clause(tok: Token, limit: int = 4) -> list[tuple[Token, str]]:
    """(ancestor, dependency label of the edge we came through), nearest first."""
    out: list[tuple[Token, str]] = []
    cur = tok
    for _ in range(limit):
        if cur.head is cur:
            break
        out.append((cur.head, cur.dep_))
        cur = cur.head
    return out


def _governing_verb(tok: Token) -> Token:
    """The verb that carries tense and polarity for a trigger: itself if a verb, else the
    verb that takes a noun trigger as subject or object ("carried out strikes")."""
    if tok.pos_ in {"VERB", "AUX"}:
        return tok
    # Only as object ("carried out strikes") or passive subject ("strikes were launched"): a
    # noun that is the active subject ("the attack did not result in casualties") keeps its own.
    if tok.dep_ in {"dobj", "nsubjpass"} and tok.head.pos_ in {"VERB", "AUX"}:
        return tok.head
    return tok


def _subject_text(verb: Token) -> str | None:
    for c in verb.children:
        if c.dep_ in {"nsubj", "nsubjpass"}:
            left, right = c.left_edge.i, c.i + 1
            return verb.doc[left:right].text.strip(" \"“”")
    return None


# Verbs that just perform or conclude the event a noun trigger names ("will launch attacks",
# "to reach an agreement", "will hold a rally"): the noun shares their mood.
_SUPPORT = frozenset(
    "carry launch conduct stage mount commit perpetrate execute unleash make reach sign hold organize organise".split()
)


def is_question(sent: SpacySpan) -> bool:
    """A yes/no question: ends with "?" and opens with an auxiliary (after a speaker tag)."""
    text = sent.text.strip().rstrip("\"”'")
    return text.endswith("?") and bool(_YES_NO.match(text))


def is_hypothetical(tok: Token) -> bool:
    if tok.pos_ in {"NOUN", "PROPN"} and any(c.dep_ == "amod" and c.lower_ in _UNREAL_ADJS for c in tok.children):
        return True
    verb = _governing_verb(tok)
    # A noun trigger shares the mood of its verb only when that verb just performs it ("will
    # launch attacks"); "will probe the killings" does not make the killings hypothetical.
    verbs = {tok, verb} if verb is tok or verb.lemma_.lower() in _SUPPORT else {tok}
    for v in verbs:
        for c in v.children:
            if c.dep_ in {"aux", "auxpass"} and c.lower_ in _MODALS:
                return True
            if c.dep_ == "mark" and c.lower_ in {"if", "unless", "lest"}:
                return True
            if c.dep_ == "aux" and c.lower_ == "to" and v.dep_ in {"xcomp", "advcl", "acl", "ccomp", "relcl"}:
                # Infinitive: "vowed to attack", "intended to limit", "in order to strike".
                if v.head.lemma_.lower() not in {"manage", "go", "continue", "begin", "start"}:
                    return True
    for anc, _dep in _ancestors_clause(tok, 3):
        if _dep in {"nsubj", "nsubjpass", "agent", "appos"}:
            break  # "strikes are intended to defend": the trigger is the subject, not the aim
        lemma = anc.lemma_.lower()
        if lemma in _INTENT or lemma in _PREVENT:
            return True
        if anc.pos_ in {"VERB", "AUX"}:
            # Only the first verb above the trigger counts: in "urged the UN to probe the
            # killings" the probe is intended, the killings happened.
            return any(c.dep_ == "aux" and c.lower_ in _MODALS for c in anc.children)
    return False


def is_denied(tok: Token) -> bool:
    verb = _governing_verb(tok)
    for v in {tok, verb}:
        if any(c.dep_ == "neg" for c in v.children):
            return True
        if any(c.dep_ == "det" and c.lower_ == "no" for c in v.children):
            return True
    for anc, dep in _ancestors_clause(verb, 2):
        if anc.lemma_.lower() in _DENY and dep in {"ccomp", "dobj", "xcomp"}:
            return True
    return False


def claim_source(tok: Token, sent: SpacySpan) -> tuple[bool, str | None]:
    """(is the event only claimed, who claims/reports it)."""
    verb = _governing_verb(tok)
    hedged = False
    from sitrep.extract.actors import describing_clauses

    nodes = [tok, verb, *describing_clauses(tok)]
    for v in nodes:
        if any(c.dep_ == "advmod" and c.lower_ in _HEDGE for c in v.children):
            hedged = True
    claimed = hedged
    source: str | None = None
    for anc, dep in _ancestors_clause(verb, 4):
        lemma = anc.lemma_.lower()
        if dep in {"ccomp", "xcomp", "pcomp", "pobj", "advcl"} and lemma in _CLAIM:
            claimed = True
            source = source or _subject_text(anc)
            break
        if dep == "ccomp" and lemma in _REPORTING:
            source = source or _subject_text(anc)
            # "said to have attacked": the passive of a reporting verb hedges it.
            break
    for c in verb.children:
        if c.dep_ in {"auxpass"} and verb.lemma_.lower() in {"say", "believe", "think", "report"}:
            claimed = True
    if source is None:
        m = re.search(r"according to ([^,.;]+)", sent.text, re.IGNORECASE)
        if m:
            source = m.group(1).strip()
    return claimed, source


def is_caption(sent: SpacySpan) -> bool:
    return bool(_CAPTION.search(sent.text.strip()))


def days_before(event_date: str | None, published: str | None) -> int | None:
    """Days between an event date (YYYY, YYYY-MM or YYYY-MM-DD) and publication."""
    if not event_date or not published:
        return None
    try:
        pub = date.fromisoformat(published[:10])
        parts = event_date.split("-")
        if len(parts) == 1 and parts[0].isdigit():
            # A bare year: background only when the whole year is over.
            return (pub - date(int(parts[0]), 12, 31)).days
        if len(parts) == 2:
            y, m = int(parts[0]), int(parts[1])
            last = date(y + (m == 12), m % 12 + 1, 1)
            return (pub - last).days + 1
        return (pub - date.fromisoformat(event_date[:10])).days
    except ValueError:
        return None


def modality_of(
    tok: Token, sent: SpacySpan, event_date: str | None, published: str | None
) -> tuple[Modality, str | None]:
    """Modality and attribution of the event mention whose trigger head is ``tok``."""
    claimed, source = claim_source(tok, sent)
    if is_hypothetical(tok) or is_question(sent):
        return "hypothetical", source
    if is_denied(tok):
        return "denied", source
    age = days_before(event_date, published)
    if (age is not None and age >= BACKGROUND_DAYS) or is_caption(sent):
        return "background", source
    if claimed:
        return "claimed", source
    return "asserted", source
