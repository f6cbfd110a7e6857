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
from collections.abc import Iterable
from itertools import groupby
from pathlib import Path
from typing import Any

from sitrep.errors import Code, StoreError
from sitrep.model import AnalyzedArticle
from sitrep.store import Store
from sitrep.web.profiles import COUNTED_MODALITIES, outlet_profiles, summary
from sitrep.web.render import render_template
from sitrep.web.views import Views

# A daily report for people, not an export: past this many events (the most recent are kept)
# the page stops being readable; ``sitrep events`` is the complete ledger.
MAX_EVENTS = 500
CLAIMS_PER_EVENT = 3


def day_of(value: str | None) -> str | None:
    """The calendar part of a TimeML date: "2024-05-26TMO" (morning) -> "2024-05-26"."""
    if value and len(value) > 10 and value[4] == "-" and value[7] == "-" and value[10] == "T":
        return value[:10]
    return value


def build(
    store: Store, *, date_from: str | None = None, date_to: str | None = None,
    max_events: int = MAX_EVENTS,
) -> dict[str, Any]:
    """The report's content as a JSON-ready dict; ``date_from``/``date_to`` (ISO dates,
    inclusive) restrict it to a window, e.g. one day for a daily report."""
    events = store.search_events(date_from=date_from, date_to=date_to, limit=None)
    views = Views(store)
    recent = sorted(events, key=lambda e: (day_of(e.date) or "", e.id), reverse=True)[:max_events]
    details = [d for d in (views.event(e.id, e) for e in recent) if d is not None]
    for d in details:
        d["top_claims"] = d["claims"][:CLAIMS_PER_EVENT]
        d["reported_fatalities"] = [
            {"outlet": s["outlet"], "published": s["published"], "values": s["values"]["fatalities"]}
            for s in d["source_details"]
            if s["values"]["fatalities"]
        ]
    if date_from or date_to:
        # A windowed report compares how the outlets covered these events: their source articles.
        ids = sorted({s.article_id for e in events for s in e.sources})
        analyses: Iterable[AnalyzedArticle] = [a for a in map(views.analysis, ids) if a is not None]
    else:
        analyses = store.analyses()
    by_date = [
        {"date": day or "undated", "events": list(group)}
        for day, group in groupby(details, key=lambda d: day_of(d["date"]))
    ]
    return {
        "generated": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "window": {"from": date_from, "to": date_to},
        "summary": summary(events, store.counts()),
        "by_date": by_date,
        "fatal_events": [
            d for d in details
            if d["fatalities"]["best"] is not None and d["modality"] in COUNTED_MODALITIES
        ],
        "shown": len(details),
        "total": len(events),
        "profiles": outlet_profiles(analyses),
    }


def render(
    db_path: str | Path, out_path: str | Path, *, date_from: str | None = None,
    date_to: str | None = None, max_events: int = MAX_EVENTS,
) -> None:
    """Write the report for the store at ``db_path`` to ``out_path`` (optionally only the events
    dated within ``date_from``..``date_to``). The file is written to a temporary name first and
    renamed, so a failed run never leaves half a report."""
    db = Path(db_path)
    if not db.is_file():
        raise StoreError(Code.E011, path=str(db))
    with Store(db) as store:
        content = build(store, date_from=date_from, date_to=date_to, max_events=max_events)
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
