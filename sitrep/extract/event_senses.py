"""Sense filters for event triggers: the uses of a trigger word that do not report a
political-violence or demonstration event, as far as the parse (and a few word lists) can see.

* other senses: "attack helicopter" (a compound modifier), "struck a deal", "fight against
  corruption", "shot a video", "prices dropped", a diplomatic "protest note", "stocks rallied";
* names: a trigger inside an armed group's or a party's name ("National Liberation Front",
  "Operation Desert Storm"), found by NER in mixed case and by the actor table in any case;
* figurative uses: "harshly attacked the president" (criticism), "demonstrated his skills"
  (showed), "smuggling constitutes an attack on the homeland" (a definition);
* weapons that are only objects of trade or possession ("produces cluster bombs", "atomic
  bombs"): a weapon is an event only when it is used;
* accidents: deaths, injuries and destruction in a crash or a landing with nobody who
  caused them;
* agreements that already exist ("respect the peace accords"): only reaching one is an event.
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from sitrep import wordlists
from sitrep.extract import event_typing as typ
from sitrep.extract.event_typing import Trigger


def _words(name: str) -> frozenset[str]:
    return wordlists.load("event_sense_words.tsv")[name]


_NON_EVENT_MODIFIERS = _words("non_event_modifier")
_ABSTRACT_TARGETS = _words("abstract_target")
_STRIKE_OBJ_OTHER = _words("strike_object_other")
_MEDIA_OBJ = _words("media_object")
_FIRE_OBJ = _words("fire_object")
_MARKET_SUBJ = _words("market_subject")
# Adverbs that make "attacked" a verbal attack: "harshly attacked the president's policy".
_VERBAL_ADVERBS = _words("verbal_adverb")
# Verbs whose noun complement defines or classifies rather than reports: "smuggling constitutes
# an attack against our homeland", "this amounts to a massacre".
_DEFINING_VERBS = _words("defining_verb")
# Verbs about keeping or breaking an agreement that already exists: ACLED records the agreement
# when it is reached, not each later reference to it.
_KEEP_VERBS = _words("keep_verb")
# Weapon nouns are events only when used; these verbs trade, make or hold them.
_WEAPON_NOUNS = _words("weapon_noun")
_NON_USE_VERBS = _words("non_use_verb")
# Accident words: "died when a light plane crashed", "injured in the emergency landing".
_ACCIDENT = re.compile(
    r"\b(?:crash(?:ed|es)?|accident(?:al|ally|s)?|collision|collided|emergency\s+landing|derail(?:ed|ment)"
    r"|capsiz(?:ed|e)|mechanical\s+(?:problems?|failure)|earthquake|landslide|stampede)\b",
    re.IGNORECASE,
)
_CAUSED_FAMILIES = frozenset({"kill", "loot"})


# French function words that English text does not use: two distinct ones make a sentence
# French ("6 soldats tués dans une attaque des rebelles").
_FRENCH_WORDS = re.compile(
    r"(?<![\w’'])(?:dans|les|des|du|une|par|sur|entre|aux|près|lors|après|contre|selon|sont|ont|été|est|au|et|d’|l’|d'|l')(?![\w-])",
    re.IGNORECASE,
)


def is_french(sentence: str) -> bool:
    return len({m.group(0).lower() for m in _FRENCH_WORDS.finditer(sentence)}) >= 2


def _lemma(tok: Token | None) -> str:
    return tok.lemma_.lower() if tok is not None else ""


def _child(tok: Token, deps: set[str]) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


@functools.lru_cache(maxsize=1)
def _person_words() -> frozenset[str]:
    table, _ = typ.cue_table()
    return frozenset(t for t, tags in table.items() if tags & {"civilian", "armed", "protest"})


def sense_ok(tok: Token, entry: Trigger, caps: bool) -> bool:
    """False for the non-event senses a parse can see."""
    low = tok.lower_
    if low == "march" and (tok.text[:1].isupper() and not caps and not tok.is_sent_start):
        return False
    if low == "march" and any(t.like_num for t in tok.doc[max(tok.i - 1, 0) : tok.i + 2] if t is not tok):
        return False
    if tok.dep_ == "compound" and tok.head.pos_ in {"NOUN", "PROPN"} and tok.head.i > tok.i:
        return False  # "attack helicopter", "protest leader": the head noun is what it is about
    if not caps and tok.ent_type_ in {"ORG", "WORK_OF_ART", "LAW", "PERSON", "FAC"} and tok.text[:1].isupper():
        return False  # "Operation Desert Storm", "Rally for Democracy"
    mods = {c.lower_ for c in tok.children if c.dep_ in {"amod", "compound", "nmod"}}
    if mods & _NON_EVENT_MODIFIERS:
        return False
    obj = _child(tok, {"dobj"})
    obj_lemma = _lemma(obj)
    pobjs = {_lemma(g) for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"}
    if entry.family == "clash" and (obj_lemma in _ABSTRACT_TARGETS or pobjs & _ABSTRACT_TARGETS):
        return False
    if entry.family == "attack" and entry.pos == "V" and obj_lemma in _STRIKE_OBJ_OTHER:
        return False
    if entry.family == "attack" and entry.pos != "N" and any(
        c.dep_ == "advmod" and c.lower_ in _VERBAL_ADVERBS for c in tok.children
    ):
        return False  # "harshly attacked the president": criticism
    if entry.family == "kill" and tok.dep_ == "acl" and not (
        tok.head.like_num or tok.head.lower_ in _person_words() or tok.head.ent_type_ in {"PERSON", "NORP"}
    ):
        return False  # "figures killed in the strikes": no victim named
    if entry.family == "kill" and obj_lemma in _MEDIA_OBJ | {"plan", "order", "strategy", "program", "programme", "time"}:
        return False
    if entry.family == "fire" and not (obj_lemma in _FIRE_OBJ or any(
        c.dep_ == "prep" and c.lower_ in {"on", "at", "into", "toward", "towards"} for c in tok.children
    )):
        return False
    if entry.family == "fire" and obj is not None and _crowd_control(obj):
        return False  # "fired tear gas into the crowd": policing a protest, not shelling
    dropped = _lemma(_child(tok, {"dobj", "nsubjpass"}))  # "dropped bombs", "munitions were dropped"
    if entry.term == "drop" and not (typ.cue_table()[0].get(dropped, set()) & {"weapons"} or dropped in {"bomb", "munition", "barrel"}):
        return False  # "dropped charges", "prices dropped"
    if entry.family == "protest" and _lemma(tok.head) in {"lodge", "file", "register", "summon"}:
        return False  # a diplomatic protest note
    if entry.family == "protest" and _lemma(_child(tok, {"nsubj"})) in _MARKET_SUBJ:
        return False
    if entry.term == "demonstrate" and entry.pos == "V" and _child(tok, {"dobj", "ccomp"}) is not None:
        return False  # "demonstrated its strength", "this demonstrates that ...": showed
    if entry.family == "agree" and _lemma(_agreement_governor(tok)) in _KEEP_VERBS:
        return False  # "respect the peace agreements signed in 1987": an existing agreement
    if entry.pos != "V" and tok.dep_ in {"attr", "dobj"} and _lemma(tok.head) in _DEFINING_VERBS:
        return False  # "constitutes an attack against our homeland"
    return not (low in _WEAPON_NOUNS and tok.dep_ in {"dobj", "pobj", "conj"} and _lemma(_weapon_governor(tok)) in _NON_USE_VERBS)


def _crowd_control(obj: Token) -> bool:
    """Whether a fired object is a crowd-control munition (the ``intervene`` cues of
    event_cues.tsv: tear gas, rubber bullets, water cannon, stun grenades)."""
    table, rx = typ.cue_table()
    phrase = obj.doc[obj.left_edge.i : obj.right_edge.i + 1].text
    return any("intervene" in table.get(m.group(0).lower(), set()) for m in rx.finditer(phrase))


def _agreement_governor(tok: Token) -> Token:
    """The verb an agreement noun is the object of, directly or through "with"/"to"
    ("comply with the accords", "adhere to the truce")."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ in {"with", "to", "by"}:
        head = head.head
    return head


def _weapon_governor(tok: Token) -> Token:
    """The verb a weapon noun hangs on, through coordination and one preposition."""
    cur = tok
    for _ in range(3):
        if cur.dep_ in {"conj", "pobj", "prep"} and cur.head is not cur:
            cur = cur.head
        else:
            break
    return cur.head if cur.dep_ in {"dobj", "pobj"} else cur


def in_actor_name(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """The trigger lies inside the name of an armed group or force from the actor table
    ("National Liberation Front", "Popular Mobilization Forces")."""
    return any(s <= start and end <= e and (s, e) != (start, end) for s, e in spans)


def accident(entry: Trigger, sent: SpacySpan, has_actor: bool, violent_in_sentence: bool) -> bool:
    """A death or injury in a crash or an accident that no one is said to have caused, with
    no other violent trigger in the sentence: not political violence."""
    return (entry.family in _CAUSED_FAMILIES and not has_actor and not violent_in_sentence
            and bool(_ACCIDENT.search(sent.text)))
