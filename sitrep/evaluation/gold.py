"""Typed readers for the gold formats of ``../shared/eval/SCHEMA.md``.

Each reader turns one JSON Lines file into a list of small dataclasses and checks what the
scorers rely on (required keys, types, offsets inside the text). Any malformed line raises
``EvalError(Code.E041)`` naming the file and line, so a broken gold file fails loudly instead
of silently scoring zero.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.errors import Code, EvalError


@dataclass(frozen=True)
class GoldSpan:
    start: int
    end: int
    text: str = ""
    fragments: tuple[tuple[int, int], ...] = ()


@dataclass
class GoldLocation:
    name: str | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


@dataclass
class GoldEvent:
    event_type: str | None = None
    sub_event_type: str | None = None
    native_type: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    date: str | None = None
    date_end: str | None = None
    location: GoldLocation | None = None
    fatalities: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class EventRecord:
    id: str
    source: str
    text: str
    published: str | None
    events: list[GoldEvent]


@dataclass
class Toponym:
    start: int
    end: int
    name: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None

    @property
    def has_coords(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass
class ToponymRecord:
    id: str
    source: str
    text: str
    toponyms: list[Toponym]


@dataclass
class EventLocationRecord:
    id: str
    source: str
    text: str
    event: GoldSpan
    location: GoldSpan | None
    other_locations: list[GoldSpan]


@dataclass
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class TimeRecord:
    id: str
    source: str
    text: str
    published: str | None
    timexes: list[Timex]


@dataclass
class GoldQuote:
    content: GoldSpan
    speaker: GoldSpan | None
    cue: GoldSpan | None
    kind: str | None


@dataclass
class QuoteRecord:
    id: str
    source: str
    text: str
    published: str | None
    quotes: list[GoldQuote]


@dataclass
class LoadedSpan:
    start: int
    end: int
    technique: str


@dataclass
class LoadedRecord:
    id: str
    source: str
    text: str
    spans: list[LoadedSpan]
    label: str | None = None  # BABE's sentence label: biased / non-biased / None


class _Bad(Exception):
    """A problem in one record; turned into E041 with the file and line by ``_lines``."""


def _lines(path: Path, limit: int | None) -> Iterator[tuple[int, dict[str, Any]]]:
    if not path.exists():
        raise EvalError(Code.E041, path=str(path), line=0, detail="file does not exist")
    count = 0
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            if limit is not None and count >= limit:
                return
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvalError(Code.E041, path=str(path), line=lineno, detail=f"not JSON: {exc}") from None
            if not isinstance(obj, dict):
                raise EvalError(Code.E041, path=str(path), line=lineno, detail="record is not an object")
            count += 1
            yield lineno, obj


def _read(path: str | Path, limit: int | None, parse: Any) -> list[Any]:
    p = Path(path)
    out = []
    for lineno, obj in _lines(p, limit):
        try:
            out.append(parse(obj))
        except _Bad as exc:
            raise EvalError(Code.E041, path=str(p), line=lineno, detail=str(exc)) from None
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise EvalError(
                Code.E041, path=str(p), line=lineno, detail=f"{type(exc).__name__}: {exc}"
            ) from None
    return out


# --- field helpers ----------------------------------------------------------------------------

def _str(obj: dict[str, Any], key: str) -> str:
    if key not in obj:
        raise _Bad(f"missing key {key!r}")
    val = obj[key]
    if not isinstance(val, str):
        raise _Bad(f"{key!r} must be a string, got {type(val).__name__}")
    return val


def _opt_str(obj: dict[str, Any], key: str) -> str | None:
    val = obj.get(key)
    if val is None:
        return None
    if not isinstance(val, str):
        raise _Bad(f"{key!r} must be a string or null")
    return val


def _opt_num(obj: dict[str, Any], key: str) -> float | None:
    val = obj.get(key)
    if val is None:
        return None
    if isinstance(val, bool) or not isinstance(val, int | float):
        raise _Bad(f"{key!r} must be a number or null")
    return float(val)


def _opt_int(obj: dict[str, Any], key: str) -> int | None:
    val = obj.get(key)
    if val is None:
        return None
    if isinstance(val, bool) or not isinstance(val, int):
        raise _Bad(f"{key!r} must be an integer or null")
    return val


def _list(obj: dict[str, Any], key: str) -> list[Any]:
    if key not in obj:
        raise _Bad(f"missing key {key!r}")
    val = obj[key]
    if not isinstance(val, list):
        raise _Bad(f"{key!r} must be a list")
    return val


def _span(obj: Any, text: str, what: str, check_text: bool = True) -> GoldSpan:
    if not isinstance(obj, dict):
        raise _Bad(f"{what} must be an object with start/end")
    start, end = obj.get("start"), obj.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        raise _Bad(f"{what} needs integer start and end")
    if not 0 <= start <= end <= len(text):
        raise _Bad(f"{what} offsets {start}:{end} outside the text (length {len(text)})")
    stated = obj.get("text", obj.get("name"))
    if check_text and isinstance(stated, str) and text[start:end] != stated:
        raise _Bad(f"{what} text {stated!r} does not match text[{start}:{end}]")
    frags = tuple((int(a), int(b)) for a, b in obj.get("fragments") or ())
    return GoldSpan(start, end, text[start:end], frags)


def _base(obj: dict[str, Any]) -> tuple[str, str, str]:
    return str(obj.get("id", "")), str(obj.get("source", "")), _str(obj, "text")


# --- readers ----------------------------------------------------------------------------------

def _event(ev: Any) -> GoldEvent:
    if not isinstance(ev, dict):
        raise _Bad("each event must be an object")
    loc = ev.get("location")
    location = None
    if loc is not None:
        if not isinstance(loc, dict):
            raise _Bad("event location must be an object or null")
        location = GoldLocation(
            name=_opt_str(loc, "name"), admin1=_opt_str(loc, "admin1"),
            country=_opt_str(loc, "country"), lat=_opt_num(loc, "lat"), lon=_opt_num(loc, "lon"),
            geonameid=_opt_int(loc, "geonameid"),
        )
    extra = ev.get("extra") or {}
    if not isinstance(extra, dict):
        raise _Bad("event extra must be an object")
    return GoldEvent(
        event_type=_opt_str(ev, "event_type"), sub_event_type=_opt_str(ev, "sub_event_type"),
        native_type=_opt_str(ev, "native_type"), actor1=_opt_str(ev, "actor1"),
        actor2=_opt_str(ev, "actor2"), date=_opt_str(ev, "date"), date_end=_opt_str(ev, "date_end"),
        location=location, fatalities=_opt_int(ev, "fatalities"), extra=extra,
    )


def _event_record(obj: dict[str, Any]) -> EventRecord:
    rid, source, text = _base(obj)
    return EventRecord(rid, source, text, _opt_str(obj, "published"),
                       [_event(e) for e in _list(obj, "events")])


def read_events(path: str | Path, limit: int | None = None) -> list[EventRecord]:
    return _read(path, limit, _event_record)


def _toponym_record(obj: dict[str, Any]) -> ToponymRecord:
    rid, source, text = _base(obj)
    tops = []
    for t in _list(obj, "toponyms"):
        # TR-News keeps one gold span ("Europe" inside "European") whose name is not the
        # surface string, so the name is not checked against the text here.
        sp = _span(t, text, "toponym", check_text=False)
        tops.append(Toponym(sp.start, sp.end, str(t.get("name") or sp.text), _opt_int(t, "geonameid"),
                            _opt_num(t, "lat"), _opt_num(t, "lon"), _opt_str(t, "feature")))
    return ToponymRecord(rid, source, text, tops)


def read_toponyms(path: str | Path, limit: int | None = None) -> list[ToponymRecord]:
    return _read(path, limit, _toponym_record)


def _event_location_record(obj: dict[str, Any]) -> EventLocationRecord:
    rid, source, text = _base(obj)
    if "event" not in obj:
        raise _Bad("missing key 'event'")
    event = _span(obj["event"], text, "event")
    loc = obj.get("location")
    location = None if loc is None else _span(loc, text, "location")
    extra = obj.get("extra") or {}
    others = [_span(o, text, "other location") for o in extra.get("other_locations") or []]
    return EventLocationRecord(rid, source, text, event, location, others)


def read_event_locations(path: str | Path, limit: int | None = None) -> list[EventLocationRecord]:
    return _read(path, limit, _event_location_record)


def _time_record(obj: dict[str, Any]) -> TimeRecord:
    rid, source, text = _base(obj)
    timexes = []
    for t in _list(obj, "timexes"):
        sp = _span(t, text, "timex")
        timexes.append(Timex(sp.start, sp.end, sp.text, _str(t, "type"), str(t.get("value") or "")))
    return TimeRecord(rid, source, text, _opt_str(obj, "published"), timexes)


def read_times(path: str | Path, limit: int | None = None) -> list[TimeRecord]:
    return _read(path, limit, _time_record)


def _quote_record(obj: dict[str, Any]) -> QuoteRecord:
    rid, source, text = _base(obj)
    quotes = []
    for q in _list(obj, "quotes"):
        if not isinstance(q, dict) or "content" not in q:
            raise _Bad("each quote needs a content span")
        speaker = None if q.get("speaker") is None else _span(q["speaker"], text, "speaker")
        cue = None if q.get("cue") is None else _span(q["cue"], text, "cue")
        quotes.append(GoldQuote(_span(q["content"], text, "content"), speaker, cue, _opt_str(q, "kind")))
    return QuoteRecord(rid, source, text, _opt_str(obj, "published"), quotes)


def read_quotes(path: str | Path, limit: int | None = None) -> list[QuoteRecord]:
    return _read(path, limit, _quote_record)


def _loaded_record(obj: dict[str, Any]) -> LoadedRecord:
    rid, source, text = _base(obj)
    spans = []
    for s in _list(obj, "spans"):
        sp = _span(s, text, "span")
        spans.append(LoadedSpan(sp.start, sp.end, _str(s, "technique")))
    return LoadedRecord(rid, source, text, spans, _opt_str(obj, "label"))


def read_loaded(path: str | Path, limit: int | None = None) -> list[LoadedRecord]:
    return _read(path, limit, _loaded_record)
