"""Gold readers: typed records from hand-written lines, E041 on malformed ones, and every file
of ../shared/eval accepted by the reader of its task."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sitrep.errors import Code, EvalError
from sitrep.evaluation import gold

TEXT = "Rebels shelled Kadugli on Monday, the army said."


def _write(tmp_path: Path, *records: Any) -> Path:
    path = tmp_path / "gold.jsonl"
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_read_events_typed(tmp_path: Path) -> None:
    rec = {"id": "a", "source": "t", "text": TEXT, "published": "2024-01-02", "events": [
        {"event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack",
         "native_type": None, "actor1": "Rebels", "actor2": None, "date": "2024-01-01", "date_end": None,
         "location": {"name": "Kadugli", "admin1": None, "country": "Sudan", "lat": 11.0, "lon": 29.7,
                      "geonameid": None},
         "fatalities": 3, "extra": {"k": 1}}]}
    (r,) = gold.read_events(_write(tmp_path, rec, {"id": "b", "source": "t", "text": "x", "events": []}),
                            limit=1)
    assert r.published == "2024-01-02"
    ev = r.events[0]
    assert ev.location is not None and ev.location.country == "Sudan" and ev.location.lat == 11.0
    assert ev.fatalities == 3 and ev.extra == {"k": 1}


def test_read_toponyms_and_offsets(tmp_path: Path) -> None:
    start = TEXT.index("Kadugli")
    rec = {"id": "a", "source": "t", "text": TEXT, "toponyms": [
        {"start": start, "end": start + 7, "name": "Kadugli", "geonameid": None, "lat": 11.0, "lon": 29.7,
         "feature": None}]}
    (r,) = gold.read_toponyms(_write(tmp_path, rec))
    t = r.toponyms[0]
    assert r.text[t.start:t.end] == "Kadugli"
    assert t.has_coords and t.geonameid is None


def test_read_event_location_other_locations(tmp_path: Path) -> None:
    text = "Jets bombed Kadugli and Dilling."
    ev = {"start": 5, "end": 11, "text": "bombed"}
    loc = {"start": 12, "end": 19, "text": "Kadugli"}
    other = {"start": 24, "end": 31, "text": "Dilling"}
    rec = {"id": "a", "source": "t", "text": text, "event": ev, "location": loc,
           "extra": {"other_locations": [other]}}
    (r,) = gold.read_event_locations(_write(tmp_path, rec))
    assert r.location is not None and r.location.text == "Kadugli"
    assert [o.text for o in r.other_locations] == ["Dilling"]


def test_read_quotes_fragments(tmp_path: Path) -> None:
    text = '"We will stay," he said. "We have no choice."'
    he, said = text.index(" he ") + 1, text.index("said")
    rec = {"id": "a", "source": "t", "text": text, "quotes": [
        {"content": {"start": 0, "end": len(text), "fragments": [[0, 15], [25, len(text)]]},
         "speaker": {"start": he, "end": he + 2}, "cue": {"start": said, "end": said + 4},
         "kind": "direct"}]}
    (r,) = gold.read_quotes(_write(tmp_path, rec))
    q = r.quotes[0]
    assert q.content.fragments == ((0, 15), (25, len(text)))
    assert q.speaker is not None and q.speaker.text == "he"


def test_read_time_and_loaded(tmp_path: Path) -> None:
    start = TEXT.index("Monday")
    rec = {"id": "a", "source": "t", "text": TEXT, "published": "2024-01-02", "timexes": [
        {"start": start, "end": start + 6, "text": "Monday", "type": "DATE", "value": "2024-01-01"}]}
    (r,) = gold.read_times(_write(tmp_path, rec))
    assert r.timexes[0].value == "2024-01-01"
    rec2 = {"id": "b", "source": "t", "text": TEXT, "spans": [{"start": 0, "end": 6, "technique": "X"}],
            "label": "biased"}
    (r2,) = gold.read_loaded(_write(tmp_path, rec2))
    assert r2.label == "biased" and r2.spans[0].technique == "X"


@pytest.mark.parametrize(
    ("reader", "line", "needle"),
    [
        (gold.read_events, "{not json", "not JSON"),
        (gold.read_events, '["a list"]', "not an object"),
        (gold.read_events, json.dumps({"id": "a", "text": "x"}), "events"),
        (gold.read_events, json.dumps({"id": "a", "text": "x", "events": [{"fatalities": "two"}]}), "fatalities"),
        (gold.read_toponyms, json.dumps({"id": "a", "text": "abc", "toponyms": [{"start": 1, "end": 9}]}), "outside"),
        (gold.read_times, json.dumps({"id": "a", "text": "abc", "timexes": [
            {"start": 0, "end": 2, "text": "zz", "type": "DATE", "value": "X"}]}), "does not match"),
        (gold.read_quotes, json.dumps({"id": "a", "text": "abc", "quotes": [{"speaker": None}]}), "content"),
        (gold.read_loaded, json.dumps({"id": "a", "text": 5, "spans": []}), "text"),
    ],
)
def test_malformed_line_raises_e041_with_line_number(
    tmp_path: Path, reader: Any, line: str, needle: str
) -> None:
    good = json.dumps({"id": "ok", "text": "fine", "events": [], "toponyms": [], "timexes": [],
                       "quotes": [], "spans": []})
    path = _write(tmp_path, good, line)
    with pytest.raises(EvalError) as info:
        reader(path)
    assert info.value.code is Code.E041
    assert "line 2" in str(info.value)
    assert needle in str(info.value)


def test_missing_file_is_e041(tmp_path: Path) -> None:
    with pytest.raises(EvalError) as info:
        gold.read_events(tmp_path / "nope.jsonl")
    assert info.value.code is Code.E041


def test_every_shared_gold_file_is_readable(eval_dir: Path) -> None:
    readers = {"events": gold.read_events, "geo": gold.read_toponyms, "time": gold.read_times}
    files = sorted(eval_dir.glob("*/*.jsonl"))
    assert files
    for path in files:
        if path.name.startswith("event_location"):
            reader: Any = gold.read_event_locations
        elif path.name.startswith("quotes"):
            reader = gold.read_quotes
        elif path.name.startswith("loaded"):
            reader = gold.read_loaded
        else:
            reader = readers[path.parent.name]
        records = reader(path)
        assert records, path
