"""``sitrep report``: a situation report for early-warning teams, as one self-contained HTML
file (inline CSS, no scripts, no remote resources: it can be mailed or opened offline).

Sections: key figures; counts by event type and by country; fatalities per event with the
range the sources span and what each outlet reported; the events by date (newest first) with
their top claims (speaker, cue, stance); framing per outlet. It reads the store through the
same view models as the web UI, so the two never disagree.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from itertools import groupby
from pathlib import Path
from typing import Any

from sitrep.errors import Code, StoreError
from sitrep.store import Store
from sitrep.web.profiles import outlet_profiles, summary
from sitrep.web.render import render_template
from sitrep.web.views import Views

# A daily report for people, not an export: past this many events (the most recent are kept)
# the page stops being readable; ``sitrep events`` is the complete ledger.
MAX_EVENTS = 500
CLAIMS_PER_EVENT = 3


def build(store: Store, *, max_events: int = MAX_EVENTS) -> dict[str, Any]:
    """The report's content as a JSON-ready dict."""
    events = store.events()
    views = Views(store)
    recent = sorted(events, key=lambda e: (e.date or "", e.id), reverse=True)[:max_events]
    details = [d for d in (views.event(e.id, e) for e in recent) if d is not None]
    for d in details:
        d["top_claims"] = d["claims"][:CLAIMS_PER_EVENT]
        d["reported_fatalities"] = [
            {"outlet": s["outlet"], "published": s["published"], "values": s["values"]["fatalities"]}
            for s in d["source_details"]
            if s["values"]["fatalities"]
        ]
    by_date = [
        {"date": date or "undated", "events": list(group)}
        for date, group in groupby(details, key=lambda d: d["date"])
    ]
    return {
        "generated": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "summary": summary(events, store.counts()),
        "by_date": by_date,
        "fatal_events": [d for d in details if d["fatalities"]["best"] is not None],
        "shown": len(details),
        "total": len(events),
        "profiles": outlet_profiles(store.analyses()),
    }


def render(db_path: str | Path, out_path: str | Path, *, max_events: int = MAX_EVENTS) -> None:
    """Write the report for the store at ``db_path`` to ``out_path``. The file is written to a
    temporary name first and renamed, so a failed run never leaves half a report."""
    db = Path(db_path)
    if not db.is_file():
        raise StoreError(Code.E011, path=str(db))
    with Store(db) as store:
        content = build(store, max_events=max_events)
    html = render_template("report.html", db=db.name, title="Situation report", **content)
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".sitrep-report-", suffix=".html", dir=out.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(html)
        os.chmod(tmp, 0o644)  # mkstemp makes it owner-only; a report is meant to be shared
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
