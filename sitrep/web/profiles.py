"""Aggregates over the whole store: per-outlet framing profiles and the ledger's summary counts.

Framing profile of an outlet: how often its articles use each framing category in the outlet's
own voice (marks per 1,000 words of its stored text, so long and short outlets compare; marks
inside direct quotations are the speaker's words and are counted apart, the rule
``sitrep.extract.framing.framing_profile`` uses per article), its most used terms, and how it
reports the sources it quotes.

Stance asymmetry: quotes are grouped by the speaker's side (the country or organisation
``sitrep.extract.framing.side_of`` finds for the resolved speaker; the speaker's own name when
it finds none). Each side gets a balance (endorsing cues − distancing cues) / quotes, from −1
(every claim "claimed", "alleged") to +1 (every claim "revealed", "confirmed"); the outlet's
asymmetry is the spread between its most endorsed and its most distanced side (0 = every side
treated alike; None when it quotes fewer than two sides). "Accusing" cues ("X accused Y")
describe what the speaker did, not how the outlet treats the speaker, so they are counted but
do not enter the balance.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sitrep.model import AnalyzedArticle, Event, Fatalities
from sitrep.web.views import country_name, fatalities_text

STANCES = ("neutral", "distancing", "endorsing", "accusing")
UNKNOWN_OUTLET = "(unknown outlet)"
UNATTRIBUTED = "(unattributed)"
TOP_TERMS = 8
TOP_SIDES = 12
EXAMPLE_SPEAKERS = 3


@dataclass
class _Side:
    stance: Counter[str] = field(default_factory=Counter)
    speakers: Counter[str] = field(default_factory=Counter)


@dataclass
class _Acc:
    articles: int = 0
    words: int = 0
    categories: Counter[str] = field(default_factory=Counter)
    quoted: Counter[str] = field(default_factory=Counter)
    terms: Counter[str] = field(default_factory=Counter)
    stance: Counter[str] = field(default_factory=Counter)
    sides: dict[str, _Side] = field(default_factory=lambda: defaultdict(_Side))


def _side_function() -> Callable[[str], str | None]:
    try:
        from sitrep.extract.framing import side_of
    except ImportError:  # framing without side resolution: every speaker is its own side
        return lambda name: name
    fn: Callable[[str], str | None] = side_of
    return fn


@functools.lru_cache(maxsize=4096)
def side_label(speaker: str) -> str:
    """The side a speaker's quotes count for: a country name, an organisation, or the name."""
    if speaker == UNATTRIBUTED:
        return UNATTRIBUTED
    try:
        side = _side_function()(speaker)
    except Exception:  # a failing side lookup must not take the outlets page down
        side = None
    if not side:
        return speaker
    if len(side) == 2 and side.isupper():
        return country_name(side) or side
    return side


def speaker_key(speaker_resolved: str | None, speaker_text: str | None) -> str:
    name = (speaker_resolved or speaker_text or "").strip()
    return name or UNATTRIBUTED


def outlet_profiles(analyses: Iterable[AnalyzedArticle]) -> dict[str, Any]:
    """``{"categories": [...], "outlets": [profile, ...]}``, outlets by number of articles."""
    accs: dict[str, _Acc] = defaultdict(_Acc)
    for analysis in analyses:
        if analysis.skipped:
            continue
        acc = accs[analysis.article.outlet or UNKNOWN_OUTLET]
        acc.articles += 1
        acc.words += len(analysis.article.text.split())
        direct = [(q.content.start, q.content.end) for q in analysis.quotes if q.kind == "direct"]
        for mark in analysis.framing:
            if any(a <= mark.span.start and mark.span.end <= b for a, b in direct):
                acc.quoted[mark.category] += 1
                continue
            acc.categories[mark.category] += 1
            acc.terms[(mark.term or mark.span.text).lower()] += 1
        for q in analysis.quotes:
            acc.stance[q.stance] += 1
            name = speaker_key(q.speaker_resolved, q.speaker.text if q.speaker else None)
            side = acc.sides[side_label(name)]
            side.stance[q.stance] += 1
            side.speakers[name] += 1
    categories = sorted({c for acc in accs.values() for c in (*acc.categories, *acc.quoted)})
    outlets = [_profile(name, acc, categories) for name, acc in accs.items()]
    outlets.sort(key=lambda p: (-p["articles"], p["outlet"]))
    return {"categories": categories, "outlets": outlets}


def _profile(name: str, acc: _Acc, categories: list[str]) -> dict[str, Any]:
    per_k = 1000.0 / acc.words if acc.words else 0.0
    sides: list[dict[str, Any]] = []
    for label, side in acc.sides.items():
        counts = side.stance
        total = sum(counts.values())
        balance = (counts["endorsing"] - counts["distancing"]) / total if total else 0.0
        sides.append({
            "side": label, "quotes": total, "balance": round(balance, 3),
            "speakers": [n for n, _ in side.speakers.most_common(EXAMPLE_SPEAKERS)],
            **{s: counts[s] for s in STANCES},
        })
    sides.sort(key=lambda s: (-s["quotes"], s["side"]))
    attributed = [s for s in sides if s["side"] != UNATTRIBUTED]
    # Asymmetry compares sides: with fewer than two there is nothing to compare.
    asymmetry: dict[str, Any] = {"spread": None, "most_endorsed": None, "most_distanced": None}
    if len(attributed) >= 2:
        hi = max(attributed, key=lambda s: (s["balance"], s["quotes"]))
        lo = min(attributed, key=lambda s: (s["balance"], -s["quotes"]))
        asymmetry = {
            "spread": round(hi["balance"] - lo["balance"], 3),
            "most_endorsed": hi["side"] if hi["balance"] > 0 else None,
            "most_distanced": lo["side"] if lo["balance"] < 0 else None,
        }
    total_marks = sum(acc.categories.values())
    return {
        "outlet": name,
        "articles": acc.articles,
        "words": acc.words,
        "framing_marks": total_marks,
        "framing_per_1000": round(total_marks * per_k, 2),
        "in_quotes": sum(acc.quoted.values()),
        "categories": {
            c: {"count": acc.categories[c], "per_1000": round(acc.categories[c] * per_k, 2),
                "in_quotes": acc.quoted[c]}
            for c in categories
        },
        "top_terms": acc.terms.most_common(TOP_TERMS),
        "stance": {s: acc.stance[s] for s in STANCES},
        "sides": sides[:TOP_SIDES],
        "asymmetry": asymmetry,
    }


# Events whose tolls enter the fatality totals: those reported as happening. A "background"
# event is past context ("since the war began in 2023, 39,000 have been killed"), a
# "hypothetical" one may never happen, a "denied" one is only said not to have happened: summing
# their tolls into today's figures would mislead. They are still counted and listed.
COUNTED_MODALITIES = frozenset({"asserted", "claimed"})


def summary(events: list[Event], counts: dict[str, int]) -> dict[str, Any]:
    """Counts by type and by country, fatalities with the range the sources span, period."""
    by_type: dict[str, dict[str, Any]] = {}
    by_country: dict[str, dict[str, Any]] = {}
    total = {"best": 0, "low": 0, "high": 0}
    contested_fatalities = 0
    not_counted: Counter[str] = Counter()
    for e in events:
        counted = e.modality in COUNTED_MODALITIES
        if not counted:
            not_counted[e.modality] += 1
        f = e.fatalities if counted else Fatalities()
        iso = e.place.country if e.place and e.place.country else None
        cname = (e.place.country_name if e.place else None) or country_name(iso) or "(unknown)"
        for table, key, label in ((by_type, e.event_type, e.event_type), (by_country, iso or "", cname)):
            row = table.setdefault(key, {"key": key, "label": label, "events": 0, "best": 0,
                                         "low": 0, "high": 0, "sub_types": Counter()})
            row["events"] += 1
            row["sub_types"][e.sub_event_type] += 1
            _add_fatalities(row, f.best, f.low, f.high)
        _add_fatalities(total, f.best, f.low, f.high)
        if "fatalities" in e.contested:
            contested_fatalities += 1
    # The period of the news itself: background events (past context) would stretch it back
    # years; they set it only when nothing else is dated.
    dates = sorted(e.date for e in events if e.date and e.modality != "background") or sorted(
        e.date for e in events if e.date
    )
    for table in (by_type, by_country):
        for row in table.values():
            row["sub_types"] = row["sub_types"].most_common()
            row["fatalities_text"] = _range_text(row)
    return {
        "counts": counts,
        "events": len(events),
        "period": {"first": dates[0] if dates else None, "last": dates[-1] if dates else None},
        "by_type": sorted(by_type.values(), key=lambda r: (-r["events"], r["label"])),
        "by_country": sorted(by_country.values(), key=lambda r: (-r["events"], r["label"])),
        "fatalities": {**total, "text": _range_text(total), "contested_events": contested_fatalities,
                       "not_counted": dict(sorted(not_counted.items()))},
    }


def _add_fatalities(row: dict[str, Any], best: int | None, low: int | None, high: int | None) -> None:
    if best is None:
        return
    row["best"] += best
    row["low"] += low if low is not None else best
    row["high"] += high if high is not None else best


def _range_text(row: dict[str, Any]) -> str:
    return fatalities_text(row["best"], row["low"], row["high"]) or "0"
