"""Quoted segments and the cue next to them (direct quotes).

Quote marks are paired per paragraph (curly, straight, the NYT's ``''``); an opening mark left
open at a paragraph end runs to the paragraph end and continues when the next paragraph opens
with a quote mark (multi-paragraph quotes); a stray closing mark is ignored, so unbalanced marks
never drop the document. A segment is attributed to a cue verb right after it (``"…," he said``)
or right before it (``he said: "…"``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from sitrep.extract.cues import CueLexicon, cue_entry
from sitrep.model import QuoteKind

# How far after a closing quote mark a cue may sit ('," the Pentagon's spokesman said'),
# in tokens; calibrated on quotes_polnear_dev.jsonl (longer windows reached the next clause).
POST_WINDOW = 8

_MARKS = re.compile(r"''|``|[\"“”„«»]")
_OPENERS = {"“": "”", "„": "“", "«": "»", "``": "''"}
_CLOSERS = {"”", "»"}


@dataclass
class Segment:
    start: int  # offset of the opening mark
    end: int  # offset after the closing mark (or the paragraph end if left open)
    closed: bool


def quote_segments(text: str) -> list[Segment]:
    """Quoted stretches of ``text``, paired per paragraph; never raises on unbalanced marks."""
    segments: list[Segment] = []
    pos = 0
    for para in text.split("\n"):
        _pair_paragraph(para, pos, segments)
        pos += len(para) + 1
    return segments


def _pair_paragraph(para: str, offset: int, out: list[Segment]) -> None:
    open_at: int | None = None
    closer = ""
    for m in _MARKS.finditer(para):
        mark, i = m.group(), m.start()
        if open_at is None:
            if mark in _CLOSERS:
                continue  # stray closing mark
            if mark in ('"', "''") and _looks_closing(para, i, len(mark)):
                continue
            open_at, closer = i, _OPENERS.get(mark, mark)
        elif mark == closer or (closer == "”" and mark == '"') or (closer == '"' and mark == "”"):
            out.append(Segment(offset + open_at, offset + m.end(), True))
            open_at = None
        elif mark in _OPENERS or (mark == closer):
            continue
    if open_at is not None:
        end = len(para.rstrip())
        if end - open_at > 1:
            out.append(Segment(offset + open_at, offset + end, False))


def _looks_closing(para: str, i: int, width: int) -> bool:
    """A straight mark glued to a word on its left and followed by space is a closer."""
    before = para[i - 1] if i > 0 else " "
    after = para[i + width] if i + width < len(para) else " "
    return not before.isspace() and before not in "([{—–-" and (after.isspace() or after in ".,;:!?)")


class TokAt:
    """Token index at a character offset (whitespace maps to the token before it)."""

    def __init__(self, doc: Doc, text: str) -> None:
        self.starts = [t.idx for t in doc]
        self.text_len = len(text)

    def __getitem__(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.starts, char) - 1)


def cue_after(
    doc: Doc, char_tok: TokAt, seg: Segment, lex: CueLexicon
) -> tuple[Token, int] | None:
    """'"…," he said' / '"…," said the minister' / '"…," the statement read'."""
    if not seg.closed or seg.end >= char_tok.text_len:
        return None
    i = char_tok[seg.end]
    if doc[i].idx < seg.end:
        i += 1
    for j in range(i, min(i + POST_WINDOW, len(doc))):
        t = doc[j]
        if t.text in ("“", '"', "''", "\n") or "\n" in t.text or (t.is_sent_start and j > i and t.text[0].isupper() and doc[j - 1].text in (".", "!", "?")):
            return None
        if t.pos_ in ("VERB", "AUX") and cue_entry(t, lex) is not None:
            return t, t.idx + len(t.text)
        if t.pos_ == "VERB":
            return None
    return None


def cue_before(
    doc: Doc, char_tok: TokAt, seg: Segment, lex: CueLexicon, text: str
) -> tuple[Token, int] | None:
    """'he said: "…"' / 'Smith told reporters, "…"'."""
    before = text[: seg.start].rstrip(" ")
    if not before or before[-1] not in ":,":
        return None
    j = char_tok[len(before) - 1]
    sent_start = doc[j].sent.start
    for k in range(j - 1, max(sent_start, j - 12) - 1, -1):
        t = doc[k]
        if t.pos_ == "VERB" and cue_entry(t, lex) is not None:
            return t, t.idx + len(t.text)
    return None


def continues(text: str, prev: Segment, nxt: Segment, cue_end: int) -> bool:
    """Does ``nxt`` carry on the quote of ``prev`` (same paragraph after the cue, or an open
    quote carried over a paragraph break)?"""
    between = text[prev.end : nxt.start]
    if not prev.closed:
        return between.strip() == ""  # the paragraph was left open: next one continues it
    if "\n" in between or nxt.start < cue_end:
        return False
    # only the attribution clause ("he said.") may sit between the two pieces
    return prev.end <= cue_end and len(between) < 120 and between.rstrip().endswith((".", ",", ":"))


def snap_to_segments(start: int, end: int, segments: list[Segment]) -> tuple[int, int]:
    """Widen a content span that cuts a quoted segment to include the whole segment."""
    for seg in segments:
        if seg.end <= start or seg.start >= end:
            continue
        if seg.start < start <= seg.start + 2 or (seg.start < start and seg.end <= end):
            start = seg.start
        if seg.start >= start and end < seg.end and seg.end - end <= 3:
            end = seg.end
    return start, end


def quote_kind(text: str, start: int, end: int, segments: list[Segment]) -> QuoteKind:
    inside = 0
    alnum = 0
    for seg in segments:
        if seg.end <= start or seg.start >= end:
            continue
        s, e = max(start, seg.start), min(end, seg.end)
        inside += sum(ch.isalnum() for ch in text[s:e])
    alnum = sum(ch.isalnum() for ch in text[start:end])
    if inside == 0:
        return "indirect"
    if inside >= alnum:
        return "direct"
    return "mixed"
