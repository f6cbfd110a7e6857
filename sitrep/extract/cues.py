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
    kind: str  # speech | cognition | evidence | phrase | hedge
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
    if entry is None and tok.lower_.startswith(lemma + "e"):
        # spaCy's lemmatiser sometimes drops a final e ("hopes" -> "hop")
        entry = lex.verbs.get(lemma + "e")
    return entry


def cue_span_chars(text: str, cue: Token, lex: CueLexicon) -> tuple[int, int]:
    """The cue verb with its lexicon particle ('pointed out') and a colon glued after it
    ('said:'), as PolNeAR marks it."""
    start = cue.idx
    end = cue.idx + len(cue.text)
    for c in cue.children:
        if c.dep_ == "prt" and c.i == cue.i + 1 and (cue.lemma_.lower(), c.lower_) in lex.particles:
            end = c.idx + len(c.text)
    if end < len(text) and text[end] == ":":
        end += 1
    return start, end


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
