"""Label patterns that no word list can hold: compound epithets built on the fly
("Trump-hating media", "attention-craving senators"). Used by ``framing``."""

from __future__ import annotations

from spacy.tokens import Doc

from sitrep import wordlists


def word_lists() -> dict[str, frozenset[str]]:
    """``data/framing_words.tsv``: list name -> its words (people_noun, role_noun,
    person_suffix, label_det, epithet_suffix, praise_verb)."""
    return wordlists.load("framing_words.tsv")


def compound_epithets(doc: Doc) -> list[tuple[int, int]]:
    """Token bounds of "X-hating" compounds, with the noun they describe when it follows within
    three tokens ("the tradition-hating bishop")."""
    out: list[tuple[int, int]] = []
    for tok in doc[1:-1]:
        i = tok.i
        prev, nxt = doc[i - 1], doc[i + 1]
        if tok.text != "-" or prev.whitespace_ or tok.whitespace_ or not prev.is_alpha:
            continue
        if nxt.lower_ not in word_lists()["epithet_suffix"]:
            continue
        start, end = i - 1, i + 2
        head = nxt.head
        if head.pos_ in ("NOUN", "PROPN") and 0 <= head.i - end < 3:
            end = head.i + 1
        if start > 0 and doc[start - 1].lower_ in ("a", "an", "the") and doc[start - 1].head.i in range(start, end):
            start -= 1
        out.append((start, end))
    return out
