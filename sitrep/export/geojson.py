"""Events with coordinates as a GeoJSON FeatureCollection (RFC 7946: WGS84, [lon, lat]).
Events without a point are left out; ``skipped_count`` says how many."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from sitrep.model import Event


def _actor(event: Event, role: str) -> dict[str, Any] | None:
    actor = getattr(event, role)
    if actor is None:
        return None
    return {"name": actor.normalized or actor.name, "kind": actor.kind}


def feature(event: Event) -> dict[str, Any] | None:
    p = event.place
    if p is None or p.lat is None or p.lon is None:
        return None
    return {
        "type": "Feature",
        "id": event.id,
        "geometry": {"type": "Point", "coordinates": [round(p.lon, 6), round(p.lat, 6)]},
        "properties": {
            "event_type": event.event_type,
            "sub_event_type": event.sub_event_type,
            "date": event.date,
            "date_precision": event.date_precision,
            "location": p.name,
            "geonameid": p.geonameid,
            "admin1": p.admin1,
            "country": p.country,
            "geo_precision": p.precision,
            "actor1": _actor(event, "actor1"),
            "actor2": _actor(event, "actor2"),
            "fatalities": event.fatalities.best,
            "fatalities_low": event.fatalities.low,
            "fatalities_high": event.fatalities.high,
            "modality": event.modality,
            "confidence": event.confidence,
            "sources": [
                {"article_id": s.article_id, "outlet": s.outlet, "url": s.url, "published": s.published}
                for s in event.sources
            ],
            "contested": event.contested,
        },
    }


def feature_collection(events: Sequence[Event]) -> dict[str, Any]:
    features = [f for f in (feature(e) for e in events) if f is not None]
    return {"type": "FeatureCollection", "features": features,
            "skipped_count": len(events) - len(features)}


def write(events: Sequence[Event], out: TextIO | str | Path) -> None:
    if isinstance(out, str | Path):
        with open(out, "w", encoding="utf-8") as fh:
            write(events, fh)
        return
    json.dump(feature_collection(events), out, ensure_ascii=False)
    out.write("\n")
