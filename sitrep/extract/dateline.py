"""The wire dateline that opens many news texts: "MEXICO CITY (Example Wire) — ",
"KABUL, Oct 3 (Reuters) - ", "SAN SALVADOR, 3 JAN 90 (ACAN-EFE) -- ".

It names where the story was filed, not who acted or where the event happened, yet the parser
reads it as part of the lede's first clause (often its subject) and the place extractor finds
its city. Actors and event locations use this to leave it out.
"""

from __future__ import annotations

import re

# An all-capital place (up to five words), an optional ", Country" or ", date", an optional
# "(Outlet)", then a dash. The capitals requirement keeps ordinary ledes ("US forces struck ...")
# out.
_DATELINE = re.compile(
    r"\s*[A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]*){0,4}(?:,[ \t]*[A-Z0-9][\w.'’ -]{1,30})?"
    r"[ \t]*(?:\([^()\n]{1,40}\))?[ \t]*[—–-]{1,2}[ \t]+"
)


def dateline_end(text: str) -> int:
    """Character offset where a leading wire dateline ends in ``text``, 0 when it has none."""
    m = _DATELINE.match(text[:160])
    return m.end() if m else 0
