"""Article text with extracted spans highlighted, as safe HTML.

The text is never inserted as raw HTML: it is cut at every span boundary, each piece is escaped
on its own, and only the wrapping ``<span>`` tags (whose class names and titles come from fixed
vocabularies or are escaped too) are markup. Overlapping spans are allowed (a quote containing a
place and a loaded term): each piece carries the classes of every span covering it, so overlaps
never produce mis-nested tags.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

# The span kinds the article page can show; anything else is dropped rather than becoming a CSS
# class name taken from data.
KINDS = ("event", "place", "time", "quote", "speaker", "cue", "framing", "actor", "fatalities")
_CLASS_OK = re.compile(r"^[a-z][a-z0-9_-]{0,40}$")


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str
    label: str = ""
    extra_class: str = ""  # e.g. the stance of a quote ("distancing"), validated before use


def _classes(marks: Iterable[Mark]) -> str:
    out: list[str] = []
    for m in marks:
        for name in (f"hl-{m.kind}", f"hl-{m.kind}-{m.extra_class}" if m.extra_class else ""):
            if name and _CLASS_OK.match(name) and name not in out:
                out.append(name)
    return " ".join(out)


def _title(marks: Iterable[Mark]) -> str:
    seen: list[str] = []
    for m in marks:
        text = f"{m.kind}: {m.label}" if m.label else m.kind
        if text not in seen:
            seen.append(text)
    return "\n".join(seen)


def clean_marks(text: str, marks: Iterable[Mark]) -> list[Mark]:
    """Marks with valid kinds and offsets inside the text (a stale or shifted span from a
    buggy extractor must not break the page); empty spans dropped."""
    n = len(text)
    return [
        m for m in marks
        if m.kind in KINDS and 0 <= m.start < m.end <= n
    ]


def highlight(text: str, marks: Iterable[Mark]) -> Markup:
    """``text`` as escaped HTML with each mark's characters wrapped in ``<span class="hl-KIND">``.

    Pieces covered by several marks get every mark's class and a ``title`` listing all of them.
    Each piece also carries ``data-start`` (its offset into the text) so tests and users can map
    what they see back to the stored offsets."""
    valid = clean_marks(text, marks)
    if not valid:
        return Markup(escape(text))
    cuts = sorted({0, len(text), *(m.start for m in valid), *(m.end for m in valid)})
    # Sweep: marks sorted by start; the active set changes only at cut points.
    by_start = sorted(valid, key=lambda m: (m.start, -m.end))
    pieces: list[tuple[int, int, str, str]] = []  # (start, end, classes, title)
    active: list[Mark] = []
    i = 0
    for a, b in itertools.pairwise(cuts):
        active = [m for m in active if m.end > a]
        while i < len(by_start) and by_start[i].start <= a:
            if by_start[i].end > a:
                active.append(by_start[i])
            i += 1
        classes, title = (_classes(active), _title(active)) if active else ("", "")
        if pieces and pieces[-1][2:] == (classes, title):
            # Same highlight on both sides of a cut (e.g. a mark whose extra class was
            # rejected): one element, not two.
            pieces[-1] = (pieces[-1][0], b, classes, title)
        else:
            pieces.append((a, b, classes, title))
    parts: list[str] = []
    for a, b, classes, title in pieces:
        piece = escape(text[a:b])
        if classes:
            parts.append(
                f'<span class="{escape(classes)}" title="{escape(title)}" data-start="{a}">{piece}</span>'
            )
        else:
            parts.append(str(piece))
    return Markup("".join(parts))


def highlight_at(piece: str, offset: int, marks: Iterable[Mark]) -> Markup:
    """A piece of a text (e.g. a sentence) that starts at ``offset`` in it, highlighted with
    the marks (in whole-text offsets) that overlap it, clipped to the piece."""
    end = offset + len(piece)
    inside = [
        Mark(max(m.start, offset) - offset, min(m.end, end) - offset, m.kind, m.label, m.extra_class)
        for m in marks
        if m.start < end and m.end > offset
    ]
    return highlight(piece, inside)
