"""Event location: which of a sentence's places is where an event happened.

The dependency path from the event trigger to each place in its sentence decides. The path
goes up from the trigger to the lowest common ancestor, then down to the place. Going *up*
through clause boundaries is fine (an event in a subordinate clause inherits the main clause's
place: "shelling hit a bus in Donetsk, killing 8"); going *down* into a clause that hangs off
something else is not ("Deir Ezzor, which lies on the border with Iraq" does not move a strike
to Iraq). A locative preposition right above the place ("in/near/outside/at X") is the strongest
evidence. When no place clears the threshold the answer is None: many event sentences name no
place for the event at all.
"""

from __future__ import annotations

import dataclasses
import re

from spacy.tokens import Doc, Span, Token

from sitrep import wordlists
from sitrep.extract import actors
from sitrep.extract.dateline import dateline_end
from sitrep.geo import normalize as norm
from sitrep.model import Place
from sitrep.model import Span as ModelSpan
from sitrep.nlp import doc_text


def _words(name: str) -> frozenset[str]:
    return wordlists.load("eventloc_words.tsv")[name]


LOC_PREPS = frozenset(
    """in near at outside on inside across around throughout into onto within off along
    outskirts towards toward over amid through above""".split()
)
# "through" and "above" ("a bomb ripped through X", "drones flew above X") joined the list:
# halves of event_location_dev 0.7472 / 0.7408 -> 0.7491 / 0.7419.
# Prepositions that mark a place as something other than the event's location. "from" names
# an origin ("a professor from Hamburg was shot", "refugees from Sudan demonstrated"):
# event_location_dev first 3000 records 0.679 -> 0.687 moving it here from LOC_PREPS.
# "between" names the parties ("fighting between Armenia and Azerbaijan"): with THRESHOLD -2.4,
# halves 0.7528 / 0.7456 -> 0.7528 / 0.7459.
NON_LOC_PREPS = frozenset("with against by for of to about than like from between".split())
CLAUSE_DEPS = frozenset({"relcl", "acl", "ccomp", "advcl", "parataxis", "xcomp", "csubj"})
NEAR_PREPS = frozenset({"near", "outside", "around", "outskirts", "off"})

# Nouns through which a place passes its role up: "the town of X", "X province", "X's streets".
LOC_NOUNS = _words("loc_noun")

# Nouns naming a part of the place after "of": "the heart of X", "a third of X", "the
# perimeter of X" (the event is in X).
PART_NOUNS = _words("part_noun")
# Landform, settlement, site and position nouns, same role ("the rebel stronghold of X", "the
# jungles of X", "northeast of X"): halves of event_location_dev 0.7419 / 0.7353 -> 0.7468 / 0.7392.
PART_NOUNS_2 = _words("landform_noun")

# --- weights: coordinate descent on the first 3000 sentences of event_location_dev.jsonl -------
W_PATH = 0.35  # per dependency edge on the path
W_LOC_HOP = 0.1  # per edge of a locative prep + object pair on the path
W_DOWN_CLAUSE = 2.0  # per clause boundary crossed downwards (into another clause)
W_UP_RELCL = 0.5  # the trigger sits in a relative clause about some noun: leaving it upwards
W_LOC_PREP = 2.3  # a locative preposition governs the place (2.0 -> 2.3 after W_ON_COUNTRY and
#   THRESHOLD -2.4: halves 0.7528 / 0.7459 -> 0.7532 / 0.7475; 2.2: 0.7528 / 0.7472; 2.5: 0.7523 / 0.7449)
W_NONLOC_PREP = 0.5  # "with X", "against X", "by X"
W_OBJECT = 1.0  # the place is the trigger's object ("shelled Aleppo", "Jaffna was captured")
W_SUBJ = 3.0  # the place is an active subject ("Damascus said ...", "Deir Ezzor lies ...");
#   2 -> 3: halves of event_location_dev 0.7491 / 0.7419 -> 0.7493 / 0.7426
W_SUBJ_MOD = 0.0  # the place modifies the subject of another predicate; the descent found no
#   gain from penalising it (2.0 cost 0.2 points), kept as a named knob
W_REPORTER = 2.0  # the place modifies the subject of the verb that reports the event's clause
# A place inside the event's own phrase (the trigger's subtree: "targeting the village of X")
# outranks one in the clause that governs it ("launched an offensive in the countryside of Y,
# targeting ..."), when it clears THRESHOLD. Ranking only; halves of event_location_dev:
# 0 -> 0.724 / 0.707, 1 -> 0.728 / 0.710, 2 -> 0.730 / 0.713, 4 -> 0.732 / 0.717, 6 -> 0.731 / 0.717.
W_OWN_RANK = 4.0
# Ranking only, too: a place that is the trigger's direct object ("shelled the settlement of X")
# outranks a scene-setting locative ("In the province of Y, militants shelled ..."). Halves of
# event_location_dev 0.7461 / 0.7392 -> 0.7470 / 0.7408 (1.0) -> 0.7472 / 0.7408 (2.0).
W_OBJ_RANK = 2.0
# "protests across Europe": a continent is not where an event happened (as the prediction on
# event_location_dev: 1 right, 6 with no gold place). 0 -> 5: halves 0.7320 / 0.7203 -> 0.7327 / 0.7205.
W_CONTINENT = 5.0
# "sanctions on Iran", "an attack on Syria": a country after "on" is a target, not where the
# event was (as the prediction: 4 right, 13 with no gold place). 0 -> 2: halves
# 0.7509 / 0.7445 -> 0.7523 / 0.7449 (2) -> 0.7525 / 0.7449 (4); with THRESHOLD -2.4, 2 -> 4:
# 0.7525 / 0.7456 -> 0.7528 / 0.7456.
W_ON_COUNTRY = 4.0
# "X district of Y": when X is a name no gazetteer lists, X names the unit and Y contains it
# ("the Zafaraniyah district of Baghdad"); a listed X is the container ("the Homs
# neighbourhood of Baba Amr"). Halves of event_location_dev 0.7359 / 0.7237 -> 0.7357 / 0.7244
# (X not nested) -> 0.7387 / 0.7274 (Y nested, OF_CONTAINER) -> 0.7394 / 0.7306 (a possessor
# with "of": "Baghdad's neighbourhood of Adhamiyah", POSS_OF).
UNKNOWN_NAMES_UNIT = True
OF_CONTAINER = True
POSS_OF = True
W_APPOS = 2.0  # "his brother, Rocky, was shot": 0 -> 0.7152, 1 -> 0.7156, 2 -> 0.7158, 3 -> 0.7157 (all of event_location_dev)
W_POSS = 2.0  # "Syria's Idlib": the possessor is not the spot (1 -> 2 after LIFT_POSS: halves 0.7320 / 0.7200 -> 0.7320 / 0.7203)
W_MODIFIER = 2.0  # the place is a modifier of a noun ("Baghdad restaurant")
W_SPECIFIC = 1.0  # per geo-precision step finer (town over province over country)
THRESHOLD = -2.4  # best score below this -> None (re-tuned with W_DIST; -2.0 -> -2.2 with W_OWN_RANK: halves 0.7316 / 0.7168 -> 0.7320 / 0.7200;
#   -2.2 -> -2.4 with W_ON_COUNTRY: 0.7523 / 0.7449 -> 0.7525 / 0.7456; -2.6: 0.7509 / 0.7452)
SITE_NAMES = True
PART2 = True
# A misread name after "the settlement of", "the stronghold of" (landform/settlement/site nouns)
# is a candidate as after "the village of": halves 0.7493 / 0.7426 -> 0.7509 / 0.7445.
OF_CUE2 = True
LIFT_POSS = True
# Take a capitalised admin word after the chosen place into its span ("Jobar District"), as
# the gold does (see normalize.TRAILING_ADMIN_WORD): records 0-3000 0.707 -> 0.709, 3000-6000
# unchanged. Only here: in the toponym extractor the same rule cost gwn_dev 0.1 point of F1.
CAP_SUFFIX = True
# Per token between trigger and place, with THRESHOLD -1.5 -> -2.0: event_location_dev records
# 0-3000 0.700 -> 0.707, 3000-6000 0.695 -> 0.702. (0.15 / -2.5 scored 0.711 / 0.703 but lost
# a long-sentence event place on muc4_dev, whose sentences run much longer.)
W_DIST = 0.1
W_NESTED = 2.0  # records 0-3000: 0 -> 0.694, 1 -> 0.699, 2 -> 0.700, 3 -> 0.699; 3000-6000: 0.689 / 0.695 (2) / 0.694 (3)
UNKNOWN_PRECISION = 2  # geo-precision assumed for an unknown name (1 and 1.5: -0.3 points, first 3000)


def _token_at(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def _ancestors(t: Token) -> list[Token]:
    out = [t]
    while out[-1].head.i != out[-1].i:
        out.append(out[-1].head)
    return out


def _lift(t: Token) -> Token:
    """Climb from a place to the phrase it heads: "Bur Hakaba" in "the town of Bur Hakaba"
    -> "town"; "Idlib" in "Idlib province" -> "province"."""
    while True:
        h = t.head
        if t.dep_ in ("compound", "nmod", "appos", "amod") and h.lower_ in LOC_NOUNS and h.i != t.i:
            t = h
        elif LIFT_POSS and t.dep_ == "poss" and h.i != t.i and (
                h.lower_ in LOC_NOUNS or h.lower_ in PART_NOUNS):
            t = h  # "Hama Governorate's northern countryside", "Burundi's capital"
        elif (t.dep_ == "pobj" and h.lower_ == "of" and h.head.i != h.i
              and (h.head.lower_ in LOC_NOUNS or h.head.lower_ in PART_NOUNS
                   or (PART2 and h.head.lower_ in PART_NOUNS_2))):
            t = h.head
        else:
            return t


def score_place(trigger: Token, place_tok: Token) -> float:
    """Higher = more likely the event's location. Scale: ~2-4 for a place in a locative PP on
    the trigger or its object, below 0 for places in other clauses or other roles."""
    head = _lift(place_tok)
    modifier = 0.0
    if head.dep_ in ("compound", "nmod", "amod") and head.head.pos_ in ("NOUN", "PROPN"):
        # "an upscale Baghdad restaurant": the place locates the noun it modifies; score the
        # noun's role, a little below the place's own.
        head = head.head
        modifier = W_MODIFIER
    up = _ancestors(trigger)
    down = _ancestors(head)
    up_ids = {t.i: k for k, t in enumerate(up)}
    lca: tuple[int, int] | None = None
    for j, t in enumerate(down):
        if t.i in up_ids:
            lca = (up_ids[t.i], j)
            break
    if lca is None:
        return -10.0
    k_up, k_down = lca
    down_path = down[:k_down]  # head ... (child of the LCA)
    # A chain of locative phrases ("in a classroom of a school in X") is still about where the
    # event was: those edges cost less than other hops.
    cheap = sum(1 for t in down_path if t.dep_ == "pobj" and t.head.lower_ in LOC_PREPS)
    s = -W_PATH * (k_up + k_down - 2 * cheap) - W_LOC_HOP * 2 * cheap - modifier
    s -= W_DOWN_CLAUSE * sum(1 for t in down_path if t.dep_ in CLAUSE_DEPS)
    s -= W_UP_RELCL * sum(1 for t in up[:k_up] if t.dep_ in ("relcl", "acl"))
    if k_up > 0 and any(t.dep_ in ("nsubj", "nsubjpass") for t in down_path[1:]):
        # The place describes the subject of another predicate ("officials in Washington
        # condemned the attack, which killed ...").
        s -= W_SUBJ_MOD
        if any(t.dep_ == "ccomp" for t in up[:k_up]):
            # The place describes who reports the event, not where it happened: "US forces in
            # Syria announced that they carried out airstrikes ... in Deir Ezzor".
            s -= W_REPORTER
    if head.dep_ == "pobj":
        w = head.head.lower_
        if w in LOC_PREPS:
            s += W_LOC_PREP
        elif w in NON_LOC_PREPS:
            s -= W_NONLOC_PREP
    elif head.dep_ in ("dobj", "nsubjpass", "obj") and k_down == 1:
        s += W_OBJECT
    elif head.dep_ in ("nsubj", "csubj"):
        s -= W_SUBJ
    elif head.dep_ == "appos" and head.head.pos_ == "NOUN":
        s -= W_APPOS
    if place_tok.dep_ == "poss" and head.i == place_tok.i:
        s -= W_POSS
    return s


_CAP_SUFFIX = re.compile(r" (?:Governorate|Province|District|City|County|Region|Municipality)\b")
_CAP_SUFFIX2 = re.compile(
    r" (?:(?:Military |International )?(?:Airport|Air Base|Airbase)|Town|Island|Refugee Camp|Camp)\b")
_CUE_PREPS = frozenset("in near outside at around inside into towards toward across".split())
# Generic words that make a proper name a place or a site: the last word of "the Heart
# Hospital", "Handarat Refugee Camp", "Al-Assad Suburb"; the first of Arabic names built on
# a landform or settlement word ("Jabal Al-Zahiyah" mountain, "Tal Afar" hill, "Kafr Nabl"
# village, "Ain Issa" spring, "Dahiyat Al-Assad" suburb).
_SITE_HEADS = _words("site_head")
_ARABIC_GENERICS = _words("arabic_generic")


# Labels the small model puts on place names it misreads (Aleppo LANGUAGE, Grozny PERSON,
# Manbij PRODUCT): the gold place was no candidate at all in 250 event_location_dev records.
_MISREAD = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "LANGUAGE", "EVENT", "WORK_OF_ART"})
_NAMING_NOUNS = _words("naming_noun")
# A misread name the gazetteer knows as a town of this size or an admin area is a candidate
# without a textual cue (the scorer still needs a locative role to pick it).
# A PERSON-tagged name the gazetteer knows as a town of PERSON_MIN_POP, outside a subject, is a
# candidate too ("fighting in Huddur"): halves 0.7403 / 0.7323 -> 0.7419 / 0.7353 (5k: 0.7424 /
# 0.7353; 200k: 0.7410 / 0.7341); the higher floor than MISREAD_MIN_POP because surnames are towns.
PERSON_GAZ = True
PERSON_MIN_POP = 50_000
MISREAD_MIN_POP = 5_000  # 50k: 0.7088, 20k: 0.7096, 5k: 0.7103, 1k: 0.7088 (all of event_location_dev)


def _known_place(ent: Span) -> bool:
    # In all-capitals text every word looks like a proper name ("AGUILAR" is a town too).
    if (ent.label_ == "PERSON" and not PERSON_GAZ) or not _proper(ent):
        return False
    if ent.text.isupper() or not all(t.text[:1].isupper() for t in ent if len(t) > 3):
        return False  # a name written as a name: not all capitals, not lowercased
    root = ent.root
    while root.dep_ == "compound" and root.head.i != root.i:
        root = root.head
    if root.dep_ in ("nsubj", "nsubjpass"):
        # "Aguilar Marroquin was arrested": a misread name heading or inside a subject is
        # rather a person or an organisation.
        return False
    from sitrep.geo import gazetteer as gz

    for m in gz.get().lookup(ent.text):
        if m.kind not in (gz.NAME, gz.ALIAS):
            continue
        e = m.entry
        pop = PERSON_MIN_POP if ent.label_ == "PERSON" else MISREAD_MIN_POP
        if e.source in ("country", "adm1") or (e.source == "city" and e.population >= pop):
            return True
    return False


def _proper(ent: Span) -> bool:
    """Every word of ``ent`` is a proper noun (hyphens and apostrophes aside: "Jubb Al-Jarrah")."""
    return all(t.pos_ == "PROPN" for t in ent if not t.is_punct)


def _site_name(ent: Span) -> bool:
    """A multi-word proper name that its own words mark as a place or site."""
    words = [t for t in ent if t.text[:1].isupper()]
    if len(ent) < 2 or len(words) < 2:
        return False
    return ent[-1].lower_ in _SITE_HEADS or ent[0].lower_.split("-")[0] in _ARABIC_GENERICS


def _place_cue(doc: Doc, ent: Span) -> bool:
    """A proper name the model mistyped that the text itself marks as a place: "in X",
    "X town", "the village of X", or a site name ("the Heart Hospital", "Jabal Al-Zahiyah")."""
    if ent[0].lower_ == "the" and len(ent) > 1:
        ent = ent[1:]
    if SITE_NAMES and _site_name(ent):
        return True
    if not _proper(ent):
        return False
    if ent.end < len(doc) and doc[ent.end].lower_ in LOC_NOUNS:
        return True
    if ent.start > 0 and doc[ent.start - 1].lower_ in _NAMING_NOUNS:
        return True  # "the capital Grozny", "the oil city Port Harcourt"
    k = ent.start - 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    if k >= 0 and doc[k].lower_ in _CUE_PREPS:
        return True
    return k >= 1 and doc[k].lower_ == "of" and (
        doc[k - 1].lower_ in LOC_NOUNS or (OF_CUE2 and doc[k - 1].lower_ in PART_NOUNS_2))


def _unlisted(doc: Doc, sent: Span, places: list[Place]) -> list[Place]:
    """GPE/LOC/FAC entities of the sentence that the places extractor left out (names the
    gazetteer does not know): an event can happen in a village no gazetteer lists."""
    taken = [(p.span.start, p.span.end) for p in places if p.span is not None]
    out: list[Place] = []
    for ent in sent.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC") and not (
            ent.label_ in _MISREAD and (_place_cue(doc, ent) or _known_place(ent))
        ):
            continue
        if any(a < ent.end_char and ent.start_char < b for a, b in taken):
            continue
        name = ent.text.removeprefix("the ").removeprefix("The ")
        if len(name) <= 2 or actors.is_actor_alias(name):
            # Not a name ("un" of a French headline the English model tags GPE), or an armed
            # group's name ("Wagner"). Checked on ucdp_car_dev (country 0.293 -> 0.317 with the
            # fallback country of events.py) and event_location_dev (0.7503 -> 0.7513); also
            # refusing names written lowercase cost event_location_dev 0.0016.
            continue
        _add_unlisted(doc, ent, out)
    _untagged_runs(doc, sent, taken, out)
    return out


def _add_unlisted(doc: Doc, ent: Span, out: list[Place]) -> None:
    """Add the entity ``ent`` as a candidate, cut to its name."""
    if len(ent.text) <= 6 and ent.text.isupper():
        # An acronym no gazetteer knows is an organisation ("linked to the IRGC in ..."):
        # place acronyms (UAE, DRC) are known places, already in ``taken``.
        return
    if ent[0].lower_ == "the" and len(ent) > 1:
        ent = ent[1:]
    end = ent.end_char
    m = norm.TRAILING_ADMIN_WORD.search(ent.text)
    if m and m.start() > 0:  # "Betong district" -> "Betong", as in the places extractor
        end = ent.start_char + m.start()
    name = doc_text(doc)[ent.start_char : end]
    out.append(Place(name=name, span=ModelSpan(ent.start_char, end, name)))


def _untagged_runs(doc: Doc, sent: Span, taken: list[tuple[int, int]], out: list[Place]) -> None:
    """Proper-noun runs the model left untagged but the text marks as places ("towards Dagapur")."""
    i = sent.start
    while i < sent.end:
        t = doc[i]
        if t.ent_type_ or t.pos_ != "PROPN" or not t.text[:1].isupper() or t.i == sent.start:
            i += 1
            continue
        j = i + 1
        while j < sent.end and doc[j].pos_ == "PROPN" and not doc[j].ent_type_:
            j += 1
        run = doc[i:j]
        i = j
        if len(run.text) < 3 or not _place_cue(doc, run):
            continue
        if any(a < run.end_char and run.start_char < b for a, b in taken):
            continue
        out.append(Place(name=run.text, span=ModelSpan(run.start_char, run.end_char, run.text)))


def event_location(doc: Doc, trigger: tuple[int, int], places: list[Place]) -> Place | None:
    trig = _token_at(doc, trigger[0], trigger[1])
    if trig is None:
        return None
    sent = trig.sent
    cands: list[tuple[Place, Token]] = []
    for p in [*places, *_unlisted(doc, sent, places)]:
        if p.span is None or p.source == "demonym":
            continue
        if p.span.start < sent.start_char or p.span.end > sent.end_char:
            continue
        tok = _token_at(doc, p.span.start, p.span.end)
        if tok is not None:
            cands.append((p, tok))
    filed_at = dateline_end(doc_text(doc)) if sent.start_char == 0 else 0
    if filed_at and any(p.span is not None and p.span.start >= filed_at for p, _ in cands):
        # The dateline says where the story was filed; the lede's own places say where the
        # event was ("OUAGADOUGOU (Wire) — Gunmen killed 12 ... near the town of Tougouri").
        cands = [(p, tok) for p, tok in cands if p.span is not None and p.span.start >= filed_at]
    heads = {_lift(tok).i for _, tok in cands}
    # Names no gazetteer lists, compounded into a location noun: "the Zafaraniyah district".
    units = {tok.i for p, tok in cands if p.source in (None, "context")} if UNKNOWN_NAMES_UNIT else set()
    best: tuple[float, float, Place] | None = None
    for p, tok in cands:
        s = score_place(trig, tok)
        # Between equally attached places the more specific one is the event's spot ("the
        # West Bank city of Nablus" -> Nablus).
        s += W_SPECIFIC * (2 - (p.precision or UNKNOWN_PRECISION))
        if p.source == "continent":
            s -= W_CONTINENT
        hd = _lift(tok)
        if p.source == "country" and hd.dep_ == "pobj" and hd.head.lower_ == "on":
            s -= W_ON_COUNTRY
        if _nested(tok, heads, trig, known=p.source not in (None, "context") or not UNKNOWN_NAMES_UNIT,
                   units=units):
            s -= W_NESTED
        s -= W_DIST * abs(tok.i - trig.i)
        own = W_OWN_RANK if any(a.i == trig.i for a in _ancestors(tok)) else 0.0
        if hd.dep_ in ("dobj", "obj") and hd.head.i == trig.i:
            own += W_OBJ_RANK
        if best is None or s + own > best[0] + best[1]:
            best = (s, own, p)
    if best is None or best[0] < THRESHOLD:
        return None
    place = best[2]
    if place.span is not None:
        text = doc_text(doc)
        start, end = place.span.start, place.span.end
        if CAP_SUFFIX:
            m = _CAP_SUFFIX.match(text, end) or (_CAP_SUFFIX2.match(text, end) if SUFFIX2 else None)
            if m:  # "Jobar" + " District": the name as written ends after the suffix
                end = m.end()
        if SPAN_CONVENTION:
            start, end = name_bounds(text, start, end)
        if (start, end) != (place.span.start, place.span.end):
            place = dataclasses.replace(place, span=ModelSpan(start, end, text[start:end]))
    if place.precision == 1 and place.span is not None and _is_near(doc, place.span):
        # ACLED geo-precision 2: "near X", "on the outskirts of X".
        return dataclasses.replace(place, precision=2)
    return place


# The gold marks a name as written: lowercase words around it are not part of it (event_location
# dev: a lowercase admin word follows the gold span 550 times and ends it 8 times; a lowercase
# compass adjective precedes it 350 times and starts it 10 times), while a capitalised one is
# ("Idlib Governorate", "West Bank"), and so are the article and apostrophe prefixes of
# transliterated names ("Al-Raqqa", "‘Ayn Al-Fijah") and hyphenated tails ("Mazar-e-Sharif").
SPAN_CONVENTION = True
# An unclosed parenthesis, a weekday or a possessive "'s" ending the span is not part of the
# name; a capitalised facility word after it is ("T-4 Military Airport", "Ranipur Town"). Halves
# of event_location_dev 0.7394 / 0.7306 -> 0.7403 / 0.7323 with both.
TRIMS = True
SUFFIX2 = True
_PREFIX = re.compile(r"(?:(?<![\w\-‐’'‘])[Aa][Ll][-‐]|(?<![\w\-‐’'‘])[Ee][Ll][-‐]|[‘ʿ])$")
_HYPHEN_TAIL = re.compile(r"(?:[-‐]\w+)+")
_NAME_PARTICLES = _words("name_particle")


_WEEKDAY = re.compile(r"\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$")
_POSS_END = re.compile(r"[’']s$")


def name_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The span ``text[start:end]`` widened or narrowed to the name as written (see
    SPAN_CONVENTION): "Idlib governorate" -> "Idlib", "west Baghdad" -> "Baghdad",
    "Raqqa" in "Al-Raqqa" -> "Al-Raqqa", "Mazar" in "Mazar-e-Sharif" -> "Mazar-e-Sharif"."""
    m = _PREFIX.search(text, max(0, start - 4), start)
    if m and m.end() == start:
        start = m.start()
    t = _HYPHEN_TAIL.match(text, end)
    if t and text[start:end][-1:].isalpha():
        end = t.end()
    if TRIMS:
        span = text[start:end]
        if "(" in span and ")" not in span[span.index("(") :]:
            end = start + len(span[: span.index("(")].rstrip())  # "Palmyra (Tadmur" -> "Palmyra"
        m = _WEEKDAY.search(text, start, end) or _POSS_END.search(text, start, end)
        if m and m.start() > start:  # "Nice Saturday", "Jordan's"
            end = m.start()
    words = [(w.start() + start, w.end() + start) for w in re.finditer(r"\S+", text[start:end])]
    while len(words) > 1 and _lowercase_word(text[words[0][0] : words[0][1]]):
        words.pop(0)
    while len(words) > 1 and _lowercase_word(text[words[-1][0] : words[-1][1]]):
        words.pop()
    if words:
        start, end = words[0][0], words[-1][1]
    return start, end


def _lowercase_word(w: str) -> bool:
    """A lowercase word that is not part of a name: "Deir ez-Zor", "Tall ad-Dirrah" and "al
    Faw" keep their particles."""
    return w.islower() and w.split("-")[0] not in _NAME_PARTICLES and "-" not in w


def _nested(tok: Token, heads: set[int], trig: Token, known: bool = True,
            units: frozenset[int] | set[int] = frozenset()) -> bool:
    """Whether the place only locates another candidate place: it hangs (through
    prepositions, appositions, compounds) off that place's phrase, as "Baghdad" in "Bayaa, a
    neighbourhood in western Baghdad" or "Libya" in "Tripoli, Libya", or it is the container
    compounded into the phrase that names the other ("Homs" in "the Homs neighbourhood of
    Baba Amr")."""
    head = _lift(tok)
    if tok.dep_ == "poss" and head.i != tok.i and any(
            (c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN")
            or (POSS_OF and c.dep_ == "prep" and c.lower_ == "of"
                and any(g.pos_ == "PROPN" for g in c.children))
            for c in head.children):
        # "Mogadishu's Huriwa district", "Baghdad's neighbourhood of Adhamiyah": the possessor
        # only locates the other name.
        return True
    if (OF_CONTAINER and tok.dep_ == "pobj" and tok.head.lower_ == "of" and head.i != tok.i
            and any(c.i in units and c.dep_ in ("compound", "nmod") for c in head.children)):
        return True  # "Baghdad" in "the Zafaraniyah district of Baghdad"
    if known and tok.dep_ in ("compound", "nmod", "amod") and head.i != tok.i and any(
            c.dep_ == "prep" and c.lower_ == "of" and any(g.i != tok.i for g in c.children)
            for c in head.children):
        return True
    t = head
    while t.head.i != t.i and t.i != trig.i:
        if t.dep_ in CLAUSE_DEPS or t.dep_ in ("nsubj", "nsubjpass", "dobj"):
            return False
        t = t.head
        if t.i in heads and t.i != head.i:
            return True
    return False


def _is_near(doc: Doc, span: ModelSpan) -> bool:
    tok = _token_at(doc, span.start, span.end)
    if tok is None:
        return False
    head = _lift(tok)
    if head.dep_ == "pobj" and head.head.lower_ in NEAR_PREPS:
        return True
    return head.lower_ in ("outskirts", "outskirt", "vicinity")
