"""Actors of an event: who acts (actor1) and who is acted upon (actor2), normalised.

Two sources, in this order:

1. ``sitrep/data/actors.tsv``: states' forces and major armed groups with their aliases,
   ACLED inter kind, country and patron ("CENTCOM", "US forces" -> "Military Forces of the
   United States"). Aliases are found with two precompiled regexes (case-insensitive for
   names, case-sensitive for short all-capital acronyms such as "IS" or "SAA").
2. The phrase itself: a demonym or country name plus a force word ("Israeli warplanes",
   "Syria's army") gives "Military Forces of <country>"; "X-backed"/"linked to X" gives a
   militia with patron X; protesters, rioters, civilians and unidentified gunmen get their
   ACLED kinds from the head noun.

Roles come from the dependency parse of the trigger (see ``roles``): nsubj of an active verb
or the "by" agent of a passive is actor1; the direct object, the passive subject or the
"on/against" object is actor2. A pronoun subject of a verb reported by "X said" becomes X.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Token

from sitrep.extract import dateline
from sitrep.model import Actor, ActorKind, Span
from sitrep.nlp import doc_text

DATA = Path(__file__).resolve().parents[1] / "data"


@dataclass(frozen=True)
class ActorEntry:
    normalized: str
    kind: ActorKind
    country: str | None
    patron: str | None


@dataclass(frozen=True)
class ActorMatch:
    start: int
    end: int
    entry: ActorEntry


# Head nouns that name a kind of actor when no table entry matches. "police" is a state force in
# ACLED; "gunmen" and "assailants" are ACLED's "Unidentified Armed Group" (a political militia).
_STATE_WORDS = frozenset(
    "army troops soldiers soldier forces force military police policemen police officers navy "
    "warplanes jets aircraft helicopters gendarmes gendarmerie marines commandos battalion "
    "brigade patrol security guards".split()
)
_POLICE_WORDS = frozenset("police policemen gendarmes gendarmerie".split())
_REBEL_WORDS = frozenset(
    "rebels rebel guerrillas guerrilla guerillas guerilla insurgents insurgent jihadists jihadist terrorists "
    "terrorist extremists militants militant separatists fighters".split()
)
_UNIDENTIFIED_WORDS = frozenset("gunmen gunman assailants attackers assailant attacker".split())
_MILITIA_WORDS = frozenset("militia militias militiamen groups group paramilitaries vigilantes".split())
_PROTESTER_WORDS = frozenset("protesters protestors demonstrators marchers strikers".split())
_RIOTER_WORDS = frozenset("rioters mob mobs crowd".split())
_CIVILIAN_WORDS = frozenset(
    "civilians civilian villagers residents people women children worshippers farmers students "
    "passengers traders journalists journalist herders refugees peasants man woman boy girl "
    "child family families pilgrims mourners shopkeepers".split()
)

_PATRON_RE = re.compile(
    r"([\w.'’-]+(?:\s[\w.'’-]+)?)-(?:backed|linked|affiliated|allied|sponsored|supported)"
    r"|(?:backed|linked|affiliated|allied|loyal|tied|sponsored|supported)\s+(?:to|with|by)\s+"
    r"(?:the\s+)?([\w.'’\[\]-]+(?:\s[\w.'’\[\]-]+){0,3})",
    re.IGNORECASE,
)
_QUANTITY_HEADS = frozenset(
    "scores dozens hundreds thousands tens millions number numbers members some many several most all "
    "group groups handful majority".split()
)
_TIME_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
_PRONOUNS = frozenset("they it he she we them".split())


def _read_tsv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def _boundary(alts: list[str]) -> str:
    alts = sorted(set(alts), key=len, reverse=True)
    return r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in alts) + r")(?![\w-])"


@functools.lru_cache(maxsize=1)
def _table() -> tuple[dict[str, ActorEntry], re.Pattern[str], re.Pattern[str]]:
    """alias (lower-cased) -> entry, and the two alias regexes."""
    index: dict[str, ActorEntry] = {}
    ci: list[str] = []
    cs: list[str] = []
    for row in _read_tsv("actors.tsv"):
        entry = ActorEntry(
            row["normalized"], row["kind"],  # type: ignore[arg-type]
            row["country"] or None, row["patron"] or None,
        )
        for alias in [row["normalized"], *row["aliases"].split("|")]:
            alias = alias.strip()
            if not alias:
                continue
            index.setdefault(alias.lower(), entry)
            # Short all-capital acronyms ("IS", "SAA", "ADF") only match in capitals.
            (cs if len(alias) <= 4 and alias.isupper() else ci).append(alias)
    return index, re.compile(_boundary(ci), re.IGNORECASE), re.compile(_boundary(cs))


def is_actor_alias(name: str) -> bool:
    """Whether ``name`` is, as a whole, a name of an armed group or force in the actor table
    ("Hamas", "Hezbollah"): such a name is not a place even when a town shares it."""
    _, ci, cs = _table()
    return bool(ci.fullmatch(name) or cs.fullmatch(name))


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[str, str]]:
    """Lower-cased country name / alias / abbreviation / demonym (and plural) -> (ISO, name),
    from the geo engineer's country table (``sitrep.geo.countries``)."""
    from sitrep.geo.countries import demonym_plurals, load_countries

    out: dict[str, tuple[str, str]] = {}
    for iso, c in load_countries().items():
        names = [c.name, *c.aliases, *c.abbrevs]
        for d in c.demonyms:
            names += [d, *demonym_plurals(d)]
        for n in names:
            if n and not _is_acronym(n):
                out.setdefault(n.lower(), (iso, c.name))
    return out


@functools.lru_cache(maxsize=1)
def _country_acronyms() -> dict[str, tuple[str, str]]:
    """Country acronyms ("US", "CAR", "U.S.") -> (ISO, name), matched with their case only:
    lower-cased they are words ("us", "car")."""
    from sitrep.geo.countries import load_countries

    out: dict[str, tuple[str, str]] = {}
    for iso, c in load_countries().items():
        for n in [*c.aliases, *c.abbrevs]:
            if _is_acronym(n):
                out.setdefault(n, (iso, c.name))
    return out


def _is_acronym(name: str) -> bool:
    return name.isupper() and len(name.replace(".", "")) <= 4


def _is_caps_text(text: str) -> bool:
    letters = [ch for ch in text[:2000] if ch.isalpha()]
    return bool(letters) and sum(ch.islower() for ch in letters) < 0.05 * len(letters)


def table_matches(text: str) -> list[ActorMatch]:
    """Every actor-table alias in ``text`` (non-overlapping, longest first per regex)."""
    index, ci, cs = _table()
    caps = _is_caps_text(text)
    found: list[ActorMatch] = []
    for rx in (ci, cs):
        for m in rx.finditer(text):
            # In all-capital text (wire copy) a short acronym that is also an English word
            # ("IS") is almost always the word.
            if rx is cs and caps and m.group(0).lower() in {"is", "as", "us", "pdf"}:
                continue
            found.append(ActorMatch(m.start(), m.end(), index[m.group(0).lower()]))
    found.sort(key=lambda a: (a.start, -(a.end - a.start)))
    out: list[ActorMatch] = []
    for a in found:
        if out and a.start < out[-1].end:
            continue
        out.append(a)
    return out


def country_of_phrase(text: str) -> tuple[str, str] | None:
    """The country a phrase names through a country name, abbreviation or demonym."""
    table = _countries()
    acronyms = _country_acronyms()
    words = re.findall(r"[\w.'’-]+", text)
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            phrase = " ".join(words[i : i + n])
            bare = phrase.removesuffix("'s").removesuffix("’s").rstrip("'’")
            if bare in acronyms:
                return acronyms[bare]
            cand = phrase.lower().rstrip("'’s").rstrip("’'")
            for key in (cand, cand.removesuffix("'s"), cand.removesuffix("’s")):
                if key in table:
                    return table[key]
    return None


def patron_of(text: str, matches: list[ActorMatch], offset: int) -> str | None:
    m = _PATRON_RE.search(text)
    if not m:
        return None
    name = m.group(1) or m.group(2) or ""
    # The patron is itself an actor or a country: "IRGC-linked" -> Iran via the IRGC's country.
    for a in matches:
        if offset + m.start() <= a.start < offset + m.end():
            if a.entry.country and a.entry.kind == "state":
                return _country_name(a.entry.country) or a.entry.normalized
            return a.entry.normalized
    country = country_of_phrase(name)
    if country:
        return country[1]
    return name.strip(" []") or None


def _country_name(iso: str) -> str | None:
    from sitrep.geo.countries import load_countries

    c = load_countries().get(iso)
    return c.name if c else None


def actor_from_span(
    doc: Doc, start_tok: int, end_tok: int, head: Token, matches: list[ActorMatch]
) -> Actor | None:
    """Normalise the noun phrase ``doc[start_tok:end_tok]`` whose head is ``head``."""
    quantity = head.lower_ in _QUANTITY_HEADS or head.like_num
    if end_tok <= start_tok or (head.ent_type_ in _TIME_ENTS and not quantity):
        return None
    sp = doc[start_tok:end_tok]
    span = Span(sp.start_char, sp.end_char, sp.text)
    inside = [a for a in matches if a.start >= sp.start_char and a.end <= sp.end_char]
    for _ in range(2):
        if not (head.lower_ in _QUANTITY_HEADS or head.like_num):
            break
        # "scores of terrorists", "dozens of protesters", "tens of thousands of students": the
        # kind is that of the "of" object.
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        if obj is None:
            break
        head = obj
    if head.like_num or head.ent_type_ in _TIME_ENTS:
        return None
    head_word = head.lower_
    patron = patron_of(span.text, inside, sp.start_char)
    if patron and (head_word in _MILITIA_WORDS or head_word in _REBEL_WORDS or head_word in _STATE_WORDS):
        return Actor(span.text, span, f"Militia (pro-{patron})", "militia", None, patron)
    if inside:
        # Prefer the alias that covers the head word, else the first one.
        best = next((a for a in inside if a.start <= head.idx < a.end), inside[0])
        e = best.entry
        return Actor(span.text, span, e.normalized, e.kind, e.country, e.patron)
    country = country_of_phrase(span.text)
    iso, cname = country if country else (None, None)
    if head_word in _STATE_WORDS or (head.ent_type_ in {"NORP", "GPE"} and head.dep_ in {"amod", "compound", "poss"}):
        if cname is None:
            return Actor(span.text, span, None, "state", None)
        force = "Police Forces" if head_word in _POLICE_WORDS else "Military Forces"
        return Actor(span.text, span, f"{force} of {cname}", "state", iso)
    if head_word in _REBEL_WORDS:
        return Actor(span.text, span, f"Rebels ({cname})" if cname else "Rebels", "rebel", iso)
    if head_word in _UNIDENTIFIED_WORDS:
        name = f"Unidentified Armed Group ({cname})" if cname else "Unidentified Armed Group"
        return Actor(span.text, span, name, "militia", iso)
    if head_word in _MILITIA_WORDS:
        return Actor(span.text, span, f"Militia ({cname})" if cname else "Militia", "militia", iso)
    if head_word in _PROTESTER_WORDS:
        return Actor(span.text, span, f"Protesters ({cname})" if cname else "Protesters", "protesters", iso)
    if head_word in _RIOTER_WORDS:
        return Actor(span.text, span, f"Rioters ({cname})" if cname else "Rioters", "rioters", iso)
    if head_word in _CIVILIAN_WORDS:
        return Actor(span.text, span, f"Civilians ({cname})" if cname else "Civilians", "civilians", iso)
    if head.ent_type_ in {"ORG", "NORP", "GPE", "PERSON"} or head.pos_ == "PROPN":
        return Actor(span.text, span, span.text, "other", iso)
    if head.pos_ in {"NOUN", "PROPN"}:
        return Actor(span.text, span, None, None, iso)
    return None


def _phrase_bounds(tok: Token, limit: int = 12) -> tuple[int, int]:
    """Token range of the noun phrase headed by ``tok``: its whole subtree when short, else
    from its left edge to the head (so a long relative clause is not swallowed)."""
    left, right = tok.left_edge.i, tok.right_edge.i + 1
    if right - left > limit:
        right = tok.i + 1
    # Strip a leading determiner-less punctuation or quote.
    doc = tok.doc
    while left < right and doc[left].is_punct:
        left += 1
    while right > left and doc[right - 1].is_punct:
        right -= 1
    return left, right


def _np_actor(tok: Token, matches: list[ActorMatch]) -> Actor | None:
    left, right = _phrase_bounds(tok)
    return actor_from_span(tok.doc, left, right, tok, matches)


_REPORTING = frozenset("say announce claim state report add tell confirm allege accuse insist".split())
_CARRY_OUT = frozenset(
    "carry launch conduct stage mount perpetrate commit execute claim unleash hold organize organise "
    "begin start continue resume join".split()
)


def _resolve_pronoun(verb: Token, subj: Token) -> Token:
    """"X said they carried out ..." -> X."""
    if subj.lower_ not in _PRONOUNS:
        return subj
    head = verb
    for _ in range(3):
        if head.dep_ in {"ccomp", "xcomp", "conj", "advcl"} and head.head is not head:
            head = head.head
            if head.lemma_.lower() in _REPORTING:
                for c in head.children:
                    if c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ not in _PRONOUNS:
                        return c
        else:
            break
    return subj


def dateline_end(doc: Doc) -> int:
    """Character offset where a leading wire dateline ends, 0 when the text has none."""
    return dateline.dateline_end(doc_text(doc))


def _subject(verb: Token, subj: Token) -> Token | None:
    """The subject, or for a dateline the parser took as subject, its apposition after it."""
    end = dateline_end(subj.doc) if subj.idx < 60 else 0
    if subj.idx < end:
        return next((c for c in subj.children if c.dep_ == "appos" and c.idx >= end), None)
    return _resolve_pronoun(verb, subj)


def _verb_args(verb: Token) -> tuple[Token | None, Token | None]:
    """(actor1 head, actor2 head) of a verb from its own dependents."""
    a1: Token | None = None
    a2: Token | None = None
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
    for c in verb.children:
        if c.dep_ == "nsubj" and not passive:
            a1 = _subject(verb, c)
        elif c.dep_ == "agent":
            a1 = next((g for g in c.children if g.dep_ == "pobj"), a1)
        elif c.dep_ == "nsubjpass":
            a2 = c
        elif c.dep_ == "dobj" and a2 is None:
            a2 = c
        elif c.dep_ == "prep" and c.lower_ in {"on", "against", "at", "upon"} and a2 is None:
            a2 = next((g for g in c.children if g.dep_ == "pobj"), None)
    return a1, a2


def describing_clauses(trigger: Token) -> list[Token]:
    """Relative/participial clauses about a noun trigger, including those the parser hung on
    a date or place inside the trigger's phrase ("an attack on August 15, which was launched
    by ..." attaches "launched" to "August")."""
    out: list[Token] = []
    for t in trigger.subtree:
        if t.dep_ in {"relcl", "acl"} and (
            t.head is trigger or t.head.ent_type_ in {"DATE", "TIME", "GPE", "LOC", "FAC"}
        ):
            out.append(t)
    return out


def roles(trigger: Token, matches: list[ActorMatch]) -> tuple[Actor | None, Actor | None]:
    """actor1 and actor2 of the event whose trigger (head word) is ``trigger``."""
    a1: Token | None = None
    a2: Token | None = None
    mod_actor: Actor | None = None
    if trigger.pos_ == "VERB" or trigger.tag_.startswith("VB"):
        a1, a2 = _verb_args(trigger)
        # Shared subject of a coordinated or subordinate verb: "X attacked the base, killing 5".
        head = trigger
        hops = 0
        while a1 is None and head.dep_ in {"conj", "advcl", "xcomp", "relcl"} and hops < 3:
            if head.dep_ == "relcl":
                a2 = a2 or head.head
                break
            head = head.head
            a1 = _verb_args(head)[0]
            hops += 1
    else:
        doc = trigger.doc
        for c in trigger.children:
            if c.dep_ in {"amod", "compound", "poss", "nmod"}:
                m = _np_actor(c, matches) if c.dep_ == "poss" else actor_from_span(doc, c.i, c.i + 1, c, matches)
                if m is not None and m.kind in {"state", "rebel", "militia", "external", "identity_militia"}:
                    mod_actor = m
            elif c.dep_ == "prep" and c.lower_ == "by":
                a1 = next((g for g in c.children if g.dep_ == "pobj"), a1)
            elif c.dep_ == "prep" and c.lower_ in {"on", "against", "of", "targeting", "at"} and a2 is None:
                a2 = next((g for g in c.children if g.dep_ == "pobj"), None)
        for c in describing_clauses(trigger):
            if True:
                r1, r2 = _verb_args(c)
                for g in c.subtree:
                    if g.dep_ == "prep" and g.lower_ in {"against", "on", "targeting"} and a2 is None:
                        a2 = next((x for x in g.children if x.dep_ == "pobj" and x.ent_type_ not in _TIME_ENTS), None)
                if r1 is not None and r1.dep_ != "nsubj":
                    a1 = a1 or r1
                elif r1 is not None and r1.lower_ not in {"that", "which"}:
                    a1 = a1 or r1
                if r2 is not None and r2.dep_ != "nsubjpass":
                    a2 = a2 or r2
        if a2 is None and trigger.dep_ == "dobj":
            # "carried out airstrikes ... on areas used by X": the target hangs on the verb.
            for g in trigger.head.children:
                if g.dep_ == "prep" and g.lower_ in {"on", "against", "targeting"}:
                    a2 = next((x for x in g.children if x.dep_ == "pobj"), None)
                    break
        # "X carried out / launched strikes": the subject of the support verb.
        if a1 is None and trigger.dep_ in {"dobj", "nsubjpass"} and trigger.head.lemma_.lower() in _CARRY_OUT:
            a1 = _verb_args(trigger.head)[0]
    actor1 = _np_actor(a1, matches) if a1 is not None else mod_actor
    actor2 = _np_actor(a2, matches) if a2 is not None else None
    if actor2 is not None and actor2.kind is None and actor2.normalized is None:
        actor2 = None  # an object that is not an actor ("the building")
    if actor1 is not None and actor1.kind is None and actor1.normalized is None and not (
        a1 is not None and _people_phrase(a1)
    ):
        actor1 = mod_actor
    return actor1, actor2


def _people_phrase(head: Token) -> bool:
    """A plural common noun that can name a group of people ("Jewish settlers", "prisoners",
    "youths") and is neither a weapon nor an event word ("bombs", "clashes"): kept as
    actor1 in its own words when no kind can be given to it."""
    if head.tag_ not in {"NNS", "NNPS"} or head.ent_type_ in _TIME_ENTS:
        return False
    from sitrep.extract.event_typing import cue_table

    lemma = head.lemma_.lower()
    return not (cue_table()[0].get(head.lower_) or cue_table()[0].get(lemma) or lemma in _EVENT_NOUNS)


_EVENT_NOUNS = frozenset(
    "attack clash strike bombing explosion blast raid fighting battle protest demonstration riot "
    "killing shooting operation offensive incident violence".split()
)


def as_demonstrators(actor: Actor | None, kind: ActorKind) -> Actor | None:
    """The subject of "demonstrated" or "rioted" that has no kind of its own ("Palestinian
    prisoners", "thousands of Iraqi Kurds") takes ACLED's protester or rioter kind."""
    if actor is None or actor.kind not in {None, "other", "civilians"} or actor.span is None:
        return actor
    country = country_of_phrase(actor.span.text)
    label = "Rioters" if kind == "rioters" else "Protesters"
    iso, cname = country if country else (None, None)
    return Actor(actor.name, actor.span, f"{label} ({cname})" if cname else label, kind, iso)


def with_place_country(actor: Actor | None, iso: str | None, country_name: str | None) -> Actor | None:
    """State forces named without their country ("troops", "the army", "police") belong, as
    ACLED codes them by default, to the country where the event happened."""
    if actor is None or actor.kind != "state" or actor.normalized or not iso or not country_name:
        return actor
    words = {w.lower() for w in re.findall(r"[\w-]+", actor.name)}
    force = "Police Forces" if words & _POLICE_WORDS else "Military Forces"
    return Actor(actor.name, actor.span, f"{force} of {country_name}", "state", iso, actor.patron)
