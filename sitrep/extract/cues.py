"""The cue lexicon (``data/cue_verbs.tsv``) and what hangs on a cue token: its lexicon entry,
its character span as PolNeAR marks it, and the stance it gives the writer towards the claim."""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Token

from sitrep.model import Stance

DATA = Path(__file__).resolve().parents[1] / "data"


@dataclass(frozen=True)
class Cue:
    stance: Stance
    kind: str  # speech | cognition | evidence | phrase | hedge | quote (only next to a direct quote)
    # True for verbs whose object is usually not a claim ("found a seat", "showed the
    # video"): they attribute only with a clause complement
    clause_only: bool = False


@dataclass(frozen=True)
class CueLexicon:
    verbs: dict[str, Cue]  # single-word verb lemmas
    particles: dict[tuple[str, str], Cue]  # ("point", "out")
    hedges: dict[str, Cue]  # allegedly, so-called, ...


@functools.lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    verbs: dict[str, Cue] = {}
    particles: dict[tuple[str, str], Cue] = {}
    hedges: dict[str, Cue] = {}
    with open(DATA / "cue_verbs.tsv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            cue = Cue(row["stance"], row["kind"], row.get("clause_only") == "yes")  # type: ignore[arg-type]
            term = row["cue"].strip().lower()
            if cue.kind == "hedge":
                hedges[term] = cue
            elif cue.kind == "phrase":
                continue  # handled by dedicated rules (according to, quoted as saying)
            elif " " in term:
                verb, particle = term.split(" ", 1)
                particles[(verb, particle)] = cue
            else:
                verbs[term] = cue
    return CueLexicon(verbs, particles, hedges)


# --- quoted segments -----------------------------------------------------------------------


def cue_entry(tok: Token, lex: CueLexicon) -> Cue | None:
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if child.dep_ in ("prt", "prep") and child.i == tok.i + 1:
            entry = lex.particles.get((lemma, child.lower_))
            if entry is not None:
                return entry
    entry = lex.verbs.get(lemma)
    if entry is None and (tok.lower_.startswith(lemma + "e") or tok.lower_ == lemma + "ing"):
        # spaCy's lemmatiser sometimes drops a final e ("hopes", "hoping" -> "hop")
        entry = lex.verbs.get(lemma + "e")
    return entry


def cue_span_chars(text: str, cue: Token, lex: CueLexicon) -> tuple[int, int]:
    """The cue verb with its lexicon particle ('pointed out') and a colon glued after it
    ('said:'), as PolNeAR marks it, widened by ``widen_cue``."""
    start = cue.idx
    end = cue.idx + len(cue.text)
    for c in cue.children:
        if c.dep_ == "prt" and c.i == cue.i + 1 and (cue.lemma_.lower(), c.lower_) in lex.particles:
            end = c.idx + len(c.text)
    return widen_cue(text, cue, start, end)


# Adverbs before a cue that PolNeAR leaves out: question and relative words, which open the
# clause rather than modify the verb ("how he said", "when she told").
_CLAUSE_ADVERBS = frozenset({"how", "when", "where", "why", "whether", "as", "while", "then"})
_LEFT_DEPS = frozenset({"aux", "auxpass", "neg"})


def widen_cue(text: str, cue: Token, start: int, end: int) -> tuple[int, int]:
    """PolNeAR's cue is the verb group, not the bare verb: auxiliaries, negation and adverbs
    written right before it ("has also said", "did not deny", "jokingly said"), the verb a
    cue infinitive depends on ("seems to show", "went on to say"), a bare date right after it
    ("said Friday"; with a preposition, "said on Friday", PolNeAR is split evenly and a rule
    for it lowered cue_exact_f1 on quotes_polnear_dev.jsonl), and a colon glued after it
    ("said:")."""
    doc = cue.doc
    heads = {cue.i}
    i = cue.i  # callers start the cue at the verb
    k = i - 1
    while k >= 0:
        t = doc[k]
        if t.head.i in heads and t.lower_ != "to" and (
            t.dep_ in _LEFT_DEPS or (t.dep_ == "advmod" and t.pos_ == "ADV" and t.lower_ not in _CLAUSE_ADVERBS)
        ):
            i = k
        elif (
            t.lower_ == "to" and t.dep_ == "aux" and t.head.i in heads and k > 0
            and doc[k - 1].i == doc[t.head.i].head.i and doc[k - 1].pos_ in ("VERB", "AUX")
            and doc[t.head.i].dep_ == "xcomp"
        ):
            # "seems to show": the raising verb and its own auxiliaries join the cue
            heads.add(k - 1)
            i = k = k - 1
        else:
            break
        k -= 1
    start = min(start, doc[i].idx)
    j = cue.i + 1
    while j < len(doc) and doc[j].idx < end:
        j += 1
    if j < len(doc) and doc[j].head.i == cue.i and _is_date(doc[j]):
        last = doc[j].right_edge
        end = max(end, last.idx + len(last.text))
    if end < len(text) and text[end] == ":":
        end += 1
    return start, end


def _is_date(tok: Token) -> bool:
    """'Friday', 'Tuesday morning', 'last week': a bare time phrase on the cue."""
    if tok.dep_ == "npadvmod":
        return tok.ent_type_ in ("DATE", "TIME")
    return False


def stance_of(doc: Doc, cue: Token, start: int, end: int, lex: CueLexicon) -> Stance:
    entry = cue_entry(cue, lex)
    stance: Stance = entry.stance if entry is not None else "neutral"
    if stance != "neutral":
        return stance
    # a hedge inside the content or next to the cue distances the writer from the claim
    lo = min(start, cue.idx)
    hi = max(end, cue.idx + len(cue.text))
    span = doc.char_span(lo, hi, alignment_mode="expand")
    if span is not None:
        for tok in span:
            if tok.lower_ in lex.hedges:
                return "distancing"
        for i in range(span.start, span.end - 2):
            if doc[i].lower_ == "so" and doc[i + 1].text == "-" and doc[i + 2].lower_ == "called":
                return "distancing"
    return stance
