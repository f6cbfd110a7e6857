"""Typing of event mentions into ACLED sub-event types from the trigger and its context.

A trigger (from ``sitrep/data/event_triggers.tsv``) has a family ("attack", "protest",
"seize", ...) and a default sub-event type. The sentence's cue words
(``sitrep/data/event_cues.tsv``) and the parse refine it: the instrument (aircraft, artillery,
IED, suicide, grenade, chemical; words in the object of a hitting/destroying verb are targets,
not instruments), the handling of a demonstration (intervention, lethal force, violence by
demonstrators), the target (armed people make a clash, civilians an attack) and the object of
seize/capture (place, weapons or people). ``classify`` returns None for a sense that is not a
political-violence event (drug seizures, trade agreements, "freed the hostages").
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Token

from sitrep.model import Actor

DATA = Path(__file__).resolve().parents[1] / "data"

_STRIKE_OBJ_AGREE = frozenset("deal agreement accord bargain compromise pact".split())
_MILITARY_OBJ = frozenset("base checkpoint post convoy patrol position positions barracks garrison outpost camp troops soldiers army".split())


def _lemma(tok: Token | None) -> str:
    return tok.lemma_.lower() if tok is not None else ""


def _child(tok: Token, deps: set[str]) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


@dataclass(frozen=True)
class Trigger:
    term: str
    pos: str  # V, N or * (either)
    family: str
    sub_event_type: str
    strength: float


@functools.lru_cache(maxsize=1)
def cue_table() -> tuple[dict[str, set[str]], re.Pattern[str]]:
    table: dict[str, set[str]] = {}
    with (DATA / "event_cues.tsv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            table.setdefault(row["term"].lower(), set()).add(row["cue"])
    alts = sorted(table, key=len, reverse=True)
    rx = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in alts) + r")(?![\w-])", re.IGNORECASE)
    return table, rx


_INSTRUMENT_TAGS = frozenset({"air", "artillery", "ied", "grenade", "chemical", "suicide"})
# Verbs whose object is what was hit or taken: "destroyed an ISIL mortar position" names a
# target, not the weapon used.
_TARGET_VERBS = frozenset(
    "destroy strike hit target damage attack seize capture neutralize neutralise crater suppress "
    "demolish raze shell bomb".split()
)


def target_offsets(doc: Doc) -> set[int]:
    """Start offsets of the tokens inside the objects of hitting/destroying verbs."""
    out: set[int] = set()
    for tok in doc:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in _TARGET_VERBS:
            for c in tok.children:
                if c.dep_ in {"dobj", "nsubjpass"}:
                    out.update(t.idx for t in c.subtree)
    return out


def cue_index(text: str, targets: set[int] | None = None) -> list[tuple[int, set[str]]]:
    """(offset, cue tags) of every cue word; instrument tags are dropped for words that are
    the object of a hitting/destroying verb (targets, not weapons)."""
    table, rx = cue_table()
    out: list[tuple[int, set[str]]] = []
    for m in rx.finditer(text):
        tags = table[m.group(0).lower()]
        if targets and m.start() in targets and tags & _INSTRUMENT_TAGS:
            tags = tags - _INSTRUMENT_TAGS
        out.append((m.start(), tags))
    return out


def cues_in(index: list[tuple[int, set[str]]], start: int, end: int) -> set[str]:
    out: set[str] = set()
    for pos, tags in index:
        if start <= pos < end:
            out |= tags
    return out


_ARMED_KINDS = frozenset({"state", "rebel", "militia", "identity_militia", "external"})


def classify(entry: Trigger, tok: Token, cues: set[str], a1: Actor | None, a2: Actor | None) -> str | None:
    f = entry.family
    obj = _child(tok, {"dobj", "nsubjpass"})
    obj_low = obj.lower_ if obj is not None else ""
    obj_tags = cue_table()[0].get(obj_low, set())
    if f in {"arrest", "seize", "found"} and "crime" in cues and "protest" not in cues:
        return None  # drug seizures and arrests of smugglers: ordinary crime, not ACLED
    if f == "attack" and entry.pos == "V" and _lemma(obj) in _STRIKE_OBJ_AGREE:
        return "Agreement"
    if f == "found":
        return "Disrupted weapons use" if "weapons" in obj_tags or "ied" in obj_tags else (
            _classify_takeover("regain", tok, obj, cues, a1) if tok.lower_.startswith("recover") and "place" in obj_tags else None
        )
    if f == "hq":
        return "Headquarters or base established" if "hq" in obj_tags else None
    if f in {"ied", "bomb", "explosion", "shell", "grenade"} and "disrupt" in cues and entry.pos == "N":
        return "Disrupted weapons use"
    if f == "loot" and ("weapons" in obj_tags or "ied" in obj_tags):
        return "Disrupted weapons use"
    if f in {"attack", "strike", "kill", "explosion", "air", "shell", "bomb", "fire", "clash"} and "chemical" in cues:
        return "Chemical weapon"
    if f in {"attack", "bomb", "explosion", "kill", "ied", "suicide"} and "suicide" in cues:
        return "Suicide bomb"
    if f == "air" or (f in {"strike", "bomb", "attack", "explosion", "fire", "kill", "loot"} and "air" in cues):
        return "Air/drone strike"
    if f in {"attack", "explosion", "kill", "bomb"} and "grenade" in cues:
        return "Grenade"
    if f in {"attack", "bomb", "explosion", "kill"} and "ied" in cues:
        return "Remote explosive/landmine/IED"
    if f in {"attack", "kill", "fire", "explosion", "loot"} and "artillery" in cues:
        return "Shelling/artillery/missile attack"
    if f == "strike" and any(cue_table()[0].get(c.lower_, set()) & {"artillery"} for c in tok.children if c.dep_ in {"compound", "amod"}):
        return "Shelling/artillery/missile attack"  # "rocket strikes"
    if f == "attack" and tok.lower_.startswith("hit") and not cues & {"armed", "air", "artillery", "ied"}:
        return None  # "hit by the crisis"
    if f == "strike":
        if "labour" in cues and "armed" not in cues:
            return "Peaceful protest"
        return "Air/drone strike"
    if f == "bomb":
        if entry.pos == "V" and a1 is not None and a1.kind in {"state", "external"}:
            return "Air/drone strike"
        return entry.sub_event_type
    if f == "agree" and entry.term in {"agreement"} and "armed" not in cues:
        return None  # trade or political agreements; ACLED records agreements between conflict parties
    if f == "fire":
        # Firing with no rocket, shell, missile or aircraft in the sentence (those returned
        # above) is small-arms fire: "fired on traders" is an attack, not shelling.
        f = "gunfire"
    if f == "arrest" and "protest" in cues:
        return "Violent demonstration" if "violent" in cues else "Protest with intervention"
    if f in {"protest", "riot", "storm"} or (f in {"kill", "attack", "gunfire", "clash", "loot"} and "protest" in cues):
        return _classify_protest(f, cues, a1)
    if f in {"kill", "attack", "gunfire"}:
        if "mob" in cues:
            return "Mob violence"
        if a2 is not None and a2.kind in _ARMED_KINDS:
            return "Armed clash"
        if a2 is None and obj_low in _MILITARY_OBJ:
            return "Armed clash"
        return "Attack"
    if f == "clash":
        if entry.term == "ambush" and a2 is not None and a2.kind == "civilians":
            return "Attack"
        return "Armed clash"
    if f in {"seize", "regain"}:
        return _classify_takeover(f, tok, obj, cues, a1)
    return entry.sub_event_type


def _classify_protest(f: str, cues: set[str], a1: Actor | None) -> str:
    """Demonstrations: peaceful, met with force (intervention or excessive), or violent."""
    forceful = "armed" in cues or (a1 is not None and a1.kind == "state")
    if f == "storm" and "protest" not in cues and a1 is not None and a1.kind in {"rebel", "militia", "identity_militia"}:
        return "Attack"  # gunmen storming a market or a village: an attack, not a demonstration
    if f in {"kill", "attack", "gunfire"} or (f == "protest" and "lethal" in cues and forceful and "violent" not in cues):
        return "Excessive force against protesters" if "lethal" in cues and forceful else "Protest with intervention"
    if "mob" in cues and f != "protest":
        return "Mob violence"
    if f == "riot" or (a1 is not None and a1.kind == "rioters") or "violent" in cues or f in {"clash", "storm", "loot"}:
        return "Violent demonstration"
    if "intervene" in cues:
        return "Protest with intervention"
    return "Peaceful protest"


def _classify_takeover(f: str, tok: Token, obj: Token | None, cues: set[str], a1: Actor | None) -> str | None:
    state = a1 is not None and a1.kind in {"state", "external"}
    if obj is not None:
        low = obj.lower_
        table, _ = cue_table()
        tags = table.get(low, set())
        if "weapons" in tags:
            return "Disrupted weapons use"
        if "civilian" in tags or obj.ent_type_ == "PERSON" or low in {"him", "her", "them", "suspects", "members"}:
            if f == "regain":
                return None  # "freed the hostages" is a release, not a territorial change
            return "Arrests" if state else "Abduction/forced disappearance"
        if not ("place" in tags or obj.ent_type_ in {"GPE", "LOC", "FAC"}):
            if (f == "seize" and tok.lower_ not in {"overran", "overrun"}) or tok.lower_.startswith("free"):
                return None  # "seized 2 tonnes of cocaine", "freed the hostages"
    elif f == "seize" and "place" not in cues:
        return None
    if f == "regain":
        return "Non-state actor overtakes territory" if a1 is not None and a1.kind in {"rebel", "militia", "identity_militia"} else "Government regains territory"
    return "Government regains territory" if state else "Non-state actor overtakes territory"
