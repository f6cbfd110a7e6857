"""Label patterns that no word list can hold: compound epithets built on the fly
("Trump-hating media", "attention-craving senators"). Used by ``framing``."""

from __future__ import annotations

from spacy.tokens import Doc

# Second halves of a hyphenated compound that describe someone by an obsession or a hatred.
EPITHET_SUFFIXES = frozenset({
    "hating", "bashing", "obsessed", "crazed", "craving", "worshipping", "worshiping", "baiting",
    "mongering", "sucking", "licking", "kissing", "loathing", "addled", "deranged", "infested",
})


def compound_epithets(doc: Doc) -> list[tuple[int, int]]:
    """Token bounds of "X-hating" compounds, with the noun they describe when it follows within
    three tokens ("the tradition-hating bishop")."""
    out: list[tuple[int, int]] = []
    for tok in doc[1:-1]:
        i = tok.i
        prev, nxt = doc[i - 1], doc[i + 1]
        if tok.text != "-" or prev.whitespace_ or tok.whitespace_ or not prev.is_alpha:
            continue
        if nxt.lower_ not in EPITHET_SUFFIXES:
            continue
        start, end = i - 1, i + 2
        head = nxt.head
        if head.pos_ in ("NOUN", "PROPN") and 0 <= head.i - end < 3:
            end = head.i + 1
        if start > 0 and doc[start - 1].lower_ in ("a", "an", "the") and doc[start - 1].head.i in range(start, end):
            start -= 1
        out.append((start, end))
    return out
