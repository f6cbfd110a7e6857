"""Counts of the dead and the injured, in words and digits, read from the dependency parse.

"at least 12 people were killed", "killing five", "two soldiers and a child died" (= 3),
"left 3 dead", "a dozen bodies", "the death toll rose to 40", and the explicit zeros "no
casualties", "no one was hurt", "did not result in any casualties". Vague amounts ("scores",
"dozens", "hundreds") stay unknown (None); nothing defaults to 0.

``find_counts(doc)`` returns every count in a Doc with its evidence span; the events extractor
attaches each count to the event mention of the same sentence (or the sentence before).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Token

from sitrep.model import Span
from sitrep.nlp import doc_text

CountKind = Literal["killed", "injured"]

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "a": 1, "an": 1, "single": 1,
    "couple": 2,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# Plural vague amounts: "dozens were killed" is not a number.
_VAGUE = frozenset("dozens scores hundreds thousands several many some numerous few".split())

# Singular nouns that name one person (victims of "killed the ..."); titles included.
_PERSON_NOUNS = frozenset(
    "man woman boy girl child baby teenager civilian soldier officer policeman policewoman "
    "guard mayor priest judge journalist reporter leader official minister commander activist "
    "farmer peasant student teacher doctor nurse worker driver businessman politician "
    "councilman councillor governor senator deputy lawyer prosecutor sergeant lieutenant "
    "captain colonel major general chief member candidate trader villager resident person "
    "peacekeeper gendarme policeman militiaman fighter hunter herder imam pastor".split()
)
_GROUP_PLURALS = frozenset(
    "guerrillas soldiers people persons civilians peasants rebels terrorists troops policemen "
    "militants members workers students villagers residents children women men gunmen "
    "insurgents fighters agents guards officers leaders demonstrators protesters".split()
)
_KILL_VERBS = frozenset("kill slay murder execute massacre behead assassinate slaughter lynch".split())
# Nouns whose "of" object is the victims: "the killing of four soldiers".
_KILLING_NOUNS = frozenset("killing killings murder murders massacre execution executions assassination slaughter lynching death deaths".split())
_DIE_WORDS = frozenset("die perish".split())
_DEAD_ADJ = frozenset({"dead", "killed", "lifeless"})
_DEATH_NOUNS = frozenset("death deaths fatality fatalities body bodies corpse corpses dead".split())
_REPORT_VERBS = frozenset("report say fear believe confirm".split())
_INJURE_VERBS = frozenset("injure wound hurt maim".split())
_INJURY_NOUNS = frozenset("injury injuries wounded injured".split())

_ZERO_KILLED = re.compile(
    r"\b(?:no(?:\s+one|body)\s+(?:was|were|has been|had been|got)\s+(?:killed|hurt|injured|harmed|wounded)"
    r"|no\s+(?:casualties|deaths|fatalities|one\s+died|lives\s+were\s+lost|loss\s+of\s+life)"
    r"|without\s+(?:any\s+)?(?:casualties|loss\s+of\s+life)"
    r"|(?:not|n't)\s+(?:result\s+in|cause|lead\s+to)\s+(?:any\s+)?(?:casualties|deaths|fatalities|injuries)"
    r"|there\s+were\s+no\s+(?:immediate\s+)?(?:reports\s+of\s+)?(?:casualties|deaths|injuries))",
    re.IGNORECASE,
)
# Toll phrases whose number comes later in the sentence: "the death toll rose to 40", "the
# toll has risen to 17", "the number of people killed in Sunday's attack reached 17".
_TOLL = re.compile(
    r"\bdeath\s+toll\b|\btoll\s+(?:has\s+)?(?:rose|risen|rises|climbed|climbs|reached|reaches|stood|stands)\b"
    r"|\bnumber\s+of\s+(?:people\s+|civilians\s+|victims\s+|those\s+)?(?:killed|dead|deaths|who\s+died)\b",
    re.IGNORECASE,
)

# French headline counts ("6 morts", "4 soldats FACA tués", "cinq blessés"): sources such as
# UCDP cite francophone outlets. The English parse of French text is unreliable, so a regex
# reads "NUMBER (up to 3 words) [verb] killed/dead/injured" instead.
_FR_NUMBERS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50,
    "soixante": 60, "cent": 100,
}
_FR_GATE = ("tué", "mort", "massacr", "abattu", "assassin", "bless")
_FR_COUNT = re.compile(
    r"\b(?P<num>\d[\d\s.]*\d|\d|" + "|".join(_FR_NUMBERS) + r")\s+"
    r"(?:(?!et\b|dont\b)[^\W\d_][\w'’-]*\s+){0,3}?(?:(?:ont|sont|a|est)\s+(?:été\s+)?)?"
    r"(?P<word>tu[ée]e?s?|morts?|massacr[ée]e?s?|abattue?s?|assassin[ée]e?s?|bless[ée]e?s?)\b",
    re.IGNORECASE,
)


def _french_counts(text: str, start: int, end: int) -> list[Count]:
    out: list[Count] = []
    for m in _FR_COUNT.finditer(text, start, end):
        raw = re.sub(r"[\s.]", "", m.group("num").lower())
        value = int(raw) if raw.isdigit() else _FR_NUMBERS.get(raw)
        if value is None:
            continue
        kind: CountKind = "injured" if m.group("word").lower().startswith("bless") else "killed"
        out.append(Count(kind, value, Span(m.start(), m.end(), m.group(0)), start, m.start("word")))
    return out


@dataclass(frozen=True)
class Count:
    kind: CountKind
    value: int
    span: Span
    sent_start: int  # character offset of the sentence it was found in
    anchor: int  # character offset of the death/injury word


def number_value(tok: Token) -> int | None:
    """Integer value of a number token, including its compound parts ("two hundred",
    "a dozen", "1,200"); None for vague amounts."""
    low = tok.lower_.replace(",", "")
    if low in _VAGUE:
        return None
    if low.isdigit():
        base: int | None = int(low)
    elif "-" in low and all(p in _UNITS for p in low.split("-")):
        base = sum(_UNITS[p] for p in low.split("-"))
    elif low in _UNITS:
        base = _UNITS[low]
    elif low in _SCALES:
        base = _SCALES[low]
        mult = [c for c in tok.children if c.dep_ in {"compound", "nummod", "quantmod"} and c.i < tok.i]
        if mult:
            m = number_value(mult[0])
            base = base * m if m is not None else None
        return base
    else:
        return None
    # "two hundred" parsed as nummod(hundred) <- two ... handled above; "twenty five"
    for c in tok.children:
        if c.dep_ == "compound" and c.lower_ in _UNITS and c.i < tok.i and base is not None:
            base += _UNITS[c.lower_]
    return base


def _is_number(tok: Token) -> bool:
    low = tok.lower_.replace(",", "")
    return low.isdigit() or low in _UNITS or low in _SCALES or (
        "-" in low and all(p in _UNITS for p in low.split("-"))
    ) or tok.like_num


_SINGULAR_PRONOUNS = frozenset({"him", "her", "he", "she"})
_RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})


def _singular_victim(tok: Token) -> bool:
    """One named or singular person as the victim: "killed the mayor", "he was shot dead"."""
    if tok.lower_ in _SINGULAR_PRONOUNS or tok.ent_type_ == "PERSON":
        return True
    if tok.tag_ in {"NNP", "NNPS"} and tok.ent_type_ not in {"GPE", "ORG", "NORP", "LOC", "FAC"}:
        # A proper name in the victim slot ("NAVAS DIED", "MSGR ROMERO WAS KILLED"); upper-case
        # wire copy tags plural groups as proper nouns too, so those are excluded by name.
        return tok.lower_ not in _GROUP_PLURALS and not any(c.dep_ == "conj" for c in tok.children)
    if tok.tag_ not in {"NN", "NNP"} or (tok.lower_.endswith("s") and not tok.lower_.endswith("ss")):
        return False
    if any(c.dep_ == "conj" for c in tok.children):
        return False
    return tok.lower_ in _PERSON_NOUNS


def _np_count(tok: Token, depth: int = 0) -> tuple[int, int, int] | None:
    """(count, first char, last char) of a noun phrase: "5 soldiers and a child" -> 6.
    None when the phrase carries no number."""
    if depth > 4:
        return None
    if _is_number(tok) and tok.lower_ not in {"a", "an"}:
        v = number_value(tok)
        total, lo, hi = (v, tok.idx, tok.idx + len(tok)) if v is not None else (None, tok.idx, tok.idx)
    else:
        # Upper-case wire copy often parses the number as a compound ("THE SIX JESUITS").
        nums = [c for c in tok.children if c.dep_ in {"nummod", "quantmod"} or (c.dep_ == "det" and c.lower_ in {"a", "an", "one"})
                or (c.dep_ == "compound" and c.i < tok.i and c.like_num and c.lower_ not in {"a", "an"})]
        if not nums:
            total, lo, hi = None, tok.idx, tok.idx + len(tok)
            if depth == 0 and _singular_victim(tok):
                total = 1
        else:
            v = number_value(nums[0])
            total, lo, hi = v, min(nums[0].left_edge.idx, tok.idx), tok.idx + len(tok)
            if v is None:
                return None
    has_number = total is not None
    for c in tok.children:
        # "one lieutenant, four soldiers and three civilians": the parser often makes the
        # second item an apposition; with its own number it is a further group, not a gloss.
        if c.dep_ == "conj" or (c.dep_ == "appos" and any(g.dep_ == "nummod" for g in c.children)):
            if _other_tally(c):
                continue  # "67 dead and 1,000 wounded": the second number counts the wounded
            sub = _np_count(c, depth + 1)
            if sub is None:
                if has_number:
                    return None  # "two soldiers and several civilians": unknown total
                continue
            if total is None:
                return None  # "soldiers and two civilians": unknown total
            total += sub[0]
            hi = max(hi, sub[2])
    if total is None:
        return None
    return total, lo, hi


_OTHER_TALLIES = frozenset("wounded injured hurt missing homeless displaced".split())


def _other_tally(item: Token) -> bool:
    """A coordinated number followed by a word of another tally ("and 40 wounded")."""
    nxt = item.right_edge.i + 1
    return nxt < len(item.doc) and item.doc[nxt].lower_ in _OTHER_TALLIES


def _count_from(head: Token | None, kind: CountKind, word: Token, sent_start: int) -> Count | None:
    if head is None:
        return None
    got = _np_count(head)
    if got is None:
        return None
    value, lo, hi = got
    doc = word.doc
    lo, hi = min(lo, word.idx), max(hi, word.idx + len(word))
    return Count(kind, value, Span(lo, hi, _text_between(doc, lo, hi)), sent_start, word.idx)


def _text_between(doc: Doc, lo: int, hi: int) -> str:
    """``doc.text[lo:hi]`` without rebuilding the whole text (Doc.text joins every token)."""
    span = doc.char_span(lo, hi, alignment_mode="expand")
    if span is None:
        return doc.text[lo:hi]
    return span.text[lo - span.start_char : hi - span.start_char]


def _child(tok: Token, deps: set[str]) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def _counts_at(word: Token, sent_start: int) -> Count | None:
    lemma = word.lemma_.lower()
    low = word.lower_
    if low in _KILLING_NOUNS and word.pos_ == "NOUN":
        prep = next((c for c in word.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        victim = _child(prep, {"pobj"}) if prep is not None else None
        if victim is not None:
            return _count_from(victim, "killed", word, sent_start)
    kind: CountKind
    if lemma in _KILL_VERBS or lemma in _DIE_WORDS or low in _DEAD_ADJ or lemma in _DEATH_NOUNS:
        kind = "killed"
    elif lemma in _INJURE_VERBS or low in _INJURY_NOUNS:
        kind = "injured"
    else:
        return None
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in word.children)
    if lemma in _DIE_WORDS:
        return _count_from(_child(word, {"nsubj"}), kind, word, sent_start)
    if word.pos_ in {"VERB", "AUX"} or word.tag_.startswith("VB"):
        if passive:
            subjects = [c for c in word.children if c.dep_ == "nsubjpass"]
            if word.dep_ == "relcl" and subjects and subjects[0].lower_ in _RELATIVE_PRONOUNS:
                subjects = [word.head]  # "the 10 leaders who were killed": the antecedent
            parts = [_count_from(c, kind, word, sent_start) for c in subjects]
            if len(parts) > 1 and all(p is not None for p in parts):
                # A list the parser split into several passive subjects: add them up.
                found = [p for p in parts if p is not None]
                lo, hi = min(p.span.start for p in found), max(p.span.end for p in found)
                return Count(kind, sum(p.value for p in found), Span(lo, hi, _text_between(word.doc, lo, hi)), sent_start, word.idx)
            return parts[0] if parts else None
        got = _count_from(_child(word, {"dobj"}), kind, word, sent_start)
        if got is None:
            subj = _child(word, {"nsubj"})
            if subj is not None and (_is_number(subj) or any(c.dep_ == "nummod" for c in subj.children)):
                got = _count_from(subj, kind, word, sent_start)  # "7 wounded", "Five rebels killed"
        if got is None and word.dep_ in {"acl", "amod"} and word.tag_ == "VBN":
            # "5 people killed", "two soldiers wounded": reduced relative / headline.
            got = _count_from(word.head, kind, word, sent_start)
        if got is None and word.dep_ == "xcomp" and word.head.lemma_.lower() in _REPORT_VERBS:
            # "22 reported killed", "four feared dead": the count is the subject of the report verb.
            subj = _child(word.head, {"nsubj", "nsubjpass"})
            if subj is not None and (_is_number(subj) or any(c.dep_ == "nummod" for c in subj.children)):
                got = _count_from(subj, kind, word, sent_start)
        if got is None and word.dep_ in {"oprd", "acomp", "xcomp", "ccomp"} and word.head.lemma_.lower() == "leave":
            got = _count_from(_child(word.head, {"dobj", "nsubj"}), kind, word, sent_start)
        return got
    # Adjective or noun: "left 3 dead", "5 dead", "12 bodies", "40 deaths", "3 wounded".
    if word.head.lemma_.lower() == "leave" and word.dep_ in {"oprd", "acomp", "xcomp", "ccomp", "dobj"}:
        obj = _child(word.head, {"dobj"})
        if obj is not None and obj is not word:
            return _count_from(obj, kind, word, sent_start)
        return _count_from(word, kind, word, sent_start)
    head = word.head
    if word.dep_ in {"oprd", "acomp"} and (head.pos_ == "VERB" or head.tag_.startswith("VB")):
        # "were shot dead", "found dead": the count is on the verb's subject or object.
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in head.children)
        return _count_from(_child(head, {"nsubjpass"} if passive else {"dobj", "nsubj"}), kind, word, sent_start)
    got = _count_from(word, kind, word, sent_start)
    if got is None and word.dep_ == "amod" and word.head.i != word.i:
        got = _count_from(word.head, kind, word, sent_start)
    return got


def find_counts(doc: Doc) -> list[Count]:
    """Every death and injury count in ``doc``, in text order."""
    out: list[Count] = []
    text = doc_text(doc)
    lowered = text.lower()
    french = any(w in lowered for w in _FR_GATE)
    for sent in doc.sents:
        s0 = sent.start_char
        if french:
            out.extend(_french_counts(text, s0, sent.end_char))
        for m in _ZERO_KILLED.finditer(text, s0, sent.end_char):
            out.append(Count("killed", 0, Span(m.start(), m.end(), m.group(0)), s0, m.start()))
        for m in _TOLL.finditer(text, s0, sent.end_char):
            for tok in sent:
                if (tok.idx > m.end() and _is_number(tok) and tok.lower_ not in {"a", "an"}
                        and tok.ent_type_ not in {"DATE", "TIME"}):  # "the toll of the 2019 attack"
                    v = number_value(tok)
                    if v is not None:
                        end = tok.idx + len(tok)
                        out.append(Count("killed", v, Span(m.start(), end, text[m.start() : end]), s0, m.start()))
                    break
        for tok in sent:
            c = _counts_at(tok, s0)
            if c is not None:
                out.append(c)
    zeros = [c.span for c in out if c.value == 0]
    out = [c for c in out if c.value == 0 or not any(z.start <= c.span.start < z.end for z in zeros)]
    # One count per anchor word; keep text order.
    seen: set[tuple[str, int]] = set()
    uniq: list[Count] = []
    for c in sorted(out, key=lambda c: c.anchor):
        if (c.kind, c.span.start) in seen:
            continue
        seen.add((c.kind, c.span.start))
        uniq.append(c)
    return uniq
