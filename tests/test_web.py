"""The web UI and its JSON API over a small store built by hand (so the tests do not depend on
the extractors' current output), plus one smoke test over a store ingested by the real
pipeline. Every article below is a sentence written for these tests."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from sitrep.errors import StoreError
from sitrep.model import (
    Actor,
    AnalyzedArticle,
    Article,
    Event,
    EventMention,
    Fatalities,
    FramingMark,
    Place,
    Quote,
    Span,
    TimeRef,
)
from sitrep.store import Store
from sitrep.web.app import create_app
from sitrep.web.highlight import Mark, highlight, highlight_at
from sitrep.web.profiles import outlet_profiles

REPO = Path(__file__).resolve().parents[1]
HOSTILE_SCRIPT = "<script>alert(1)</script>"
HOSTILE_IMG = "<img src=x onerror=alert(2)>"
HOSTILE_OUTLET = 'Wire <b onmouseover="alert(3)">One</b>'
HOSTILE_ALT = 'armed group"><svg onload=alert(5)>'  # breaks out of an attribute if unescaped

TEXT_A = (
    f"Market attack {HOSTILE_SCRIPT}\n\n"
    "Gunmen killed 12 people at a market in Kidal on Sunday, officials said. "
    '"We will find the attackers," the governor told reporters. '
    f"Rebels took over the roads {HOSTILE_IMG} afterwards."
)
TEXT_B = (
    "At least 17 people died when armed men stormed the Kidal market on Sunday, residents said. "
    "The army alleged that the so-called liberators looted shops."
)
TEXT_C = "Hundreds of traders marched through Kisumu on Monday to protest new market taxes."


def sp(text: str, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle), needle)


def _kidal(text: str) -> Place:
    return Place(name="Kidal", span=sp(text, "Kidal"), geonameid=2455290, lat=18.4411, lon=1.4078,
                 admin1="Kidal", country="ML", country_name="Mali", feature="PPLA", precision=1)


def _attack(text: str, trigger: str, sentence: str, n: int, n_word: str, who: str) -> EventMention:
    return EventMention(
        trigger=sp(text, trigger), sentence=sp(text, sentence),
        event_type="Violence against civilians", sub_event_type="Attack",
        actor1=Actor(name=who, span=sp(text, who), normalized="Unidentified Armed Group", kind="other"),
        place=_kidal(text), time=TimeRef("2024-05-26", sp(text, "Sunday"), precision="day"),
        fatalities=n, fatalities_span=sp(text, n_word), confidence=0.8,
    )


def _event(eid: str, m: EventMention) -> Event:
    assert m.fatalities is not None
    return Event(
        id=eid, event_type=m.event_type, sub_event_type=m.sub_event_type, date="2024-05-26",
        date_precision="day", place=m.place, actor1=m.actor1,
        fatalities=Fatalities(m.fatalities, m.fatalities, m.fatalities), mentions=[m], confidence=0.8,
    )


def build_analyses() -> list[AnalyzedArticle]:
    """Two outlets on one attack (12 vs 17 dead: contested), one protest elsewhere."""
    a = Article.create(TEXT_A, outlet=HOSTILE_OUTLET, title=f"Market attack {HOSTILE_SCRIPT}",
                       published="2024-05-27", url="https://example.org/a")
    ma = _attack(TEXT_A, "killed", TEXT_A[TEXT_A.index("Gunmen"):TEXT_A.index("said.") + 5], 12, "12", "Gunmen")
    qa = Quote(content=sp(TEXT_A, "We will find the attackers,"), speaker=sp(TEXT_A, "the governor"),
               speaker_resolved="Governor of Kidal", cue=sp(TEXT_A, "told"), kind="direct",
               stance="neutral", event_index=0)
    an_a = AnalyzedArticle(
        article=a, places=[_kidal(TEXT_A)], times=[ma.time] if ma.time else [], mentions=[ma],
        events=[_event("a-0", ma)], quotes=[qa],
        framing=[FramingMark(sp(TEXT_A, "Rebels"), "labels <svg onload=alert(6)>", HOSTILE_ALT, term="rebel")],
    )
    b = Article.create(TEXT_B, outlet="Sahel Daily", title="Seventeen dead in market raid",
                       published="2024-05-28", url="javascript:alert(4)")
    mb = _attack(TEXT_B, "died", TEXT_B[: TEXT_B.index("said.") + 5], 17, "17", "armed men")
    qb = Quote(content=sp(TEXT_B, "that the so-called liberators looted shops"),
               speaker=sp(TEXT_B, "The army"), speaker_resolved="Army", cue=sp(TEXT_B, "alleged"),
               kind="indirect", stance="distancing", event_index=0)
    an_b = AnalyzedArticle(
        article=b, places=[_kidal(TEXT_B)], mentions=[mb], events=[_event("b-0", mb)], quotes=[qb],
        framing=[
            FramingMark(sp(TEXT_B, "so-called"), "scare_quotes", None, term="so-called"),
            FramingMark(sp(TEXT_B, "looted"), "looting", "took", term="loot"),
        ],
    )
    c = Article.create(TEXT_C, outlet="Lake News", title="Traders march", published="2024-06-11")
    kisumu = Place(name="Kisumu", span=sp(TEXT_C, "Kisumu"), geonameid=191245, lat=-0.1022,
                   lon=34.7617, country="KE", country_name="Kenya", feature="PPLA", precision=1)
    mc = EventMention(trigger=sp(TEXT_C, "marched"), sentence=Span(0, len(TEXT_C), TEXT_C),
                      event_type="Protests", sub_event_type="Peaceful protest",
                      actor1=Actor("traders", sp(TEXT_C, "traders"), "Protesters (Kenya)", "protesters"),
                      place=kisumu, time=TimeRef("2024-06-10", sp(TEXT_C, "Monday"), precision="day"))
    ec = Event(id="c-0", event_type="Protests", sub_event_type="Peaceful protest", date="2024-06-10",
               date_precision="day", place=kisumu, actor1=mc.actor1, mentions=[mc], confidence=0.7)
    an_c = AnalyzedArticle(article=c, places=[kisumu], mentions=[mc], events=[ec])
    return [an_a, an_b, an_c]


def make_store(path: Path) -> Path:
    with Store(path) as store:
        store.save(build_analyses())
        store.rebuild_events()
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("web") / "web.db")


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db))


def _events(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    r = client.get("/api/events", params=params)
    assert r.status_code == 200, r.text
    return list(r.json()["events"])


def _attack_id(client: TestClient) -> str:
    (event,) = _events(client, type="Violence against civilians")
    return str(event["id"])


def _article_id(text: str) -> str:
    return Article.make_id(text)


def _assert_escaped(body: str) -> None:
    """The hostile strings of the fixtures never reach the page as markup."""
    assert HOSTILE_SCRIPT not in body
    assert "<img" not in body
    assert "<b onmouseover" not in body
    assert 'href="javascript:' not in body
    assert "<svg" not in body


# --- highlighting ------------------------------------------------------------------------------

def test_highlight_escapes_and_wraps() -> None:
    text = "A <b>bold</b> claim & more"
    out = str(highlight(text, [Mark(2, 13, "quote", 'x"y')]))
    assert "<b>" not in out
    assert '<span class="hl-quote" title="quote: x&#34;y" data-start="2">&lt;b&gt;bold&lt;/b&gt;</span>' in out
    assert out.endswith(" claim &amp; more")


def test_highlight_overlaps_and_bad_marks() -> None:
    text = "shelling hit Kherson city"
    marks = [Mark(0, 25, "quote"), Mark(13, 20, "place"), Mark(5, 99, "place"),
             Mark(3, 3, "event"), Mark(0, 4, "no such kind"), Mark(0, 8, "quote", extra_class='x" y')]
    out = str(highlight(text, marks))
    assert re.sub(r"<[^>]+>", "", out) == text  # nothing lost, nothing duplicated
    assert '<span class="hl-quote hl-place" title="quote\nplace" data-start="13">Kherson</span>' in out
    assert '<span class="hl-quote" title="quote" data-start="0">shelling hit </span>' in out
    assert out.count("<span") == out.count("</span>")
    assert "no such kind" not in out and 'x"' not in out  # invalid kind/class dropped


def test_highlight_at_clips_to_piece() -> None:
    text = "One. Two killed here. Three."
    out = str(highlight_at(text[5:21], 5, [Mark(9, 15, "event"), Mark(0, 3, "place"), Mark(18, 26, "time")]))
    assert re.sub(r"<[^>]+>", "", out) == "Two killed here."
    assert '<span class="hl-event" title="event" data-start="4">killed</span>' in out
    assert '<span class="hl-time" title="time" data-start="13">re.</span>' in out


# --- pages -------------------------------------------------------------------------------------

def test_missing_db_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="E011"):
        create_app(tmp_path / "nope.db")
    assert not (tmp_path / "nope.db").exists()


@pytest.mark.parametrize("url", ["/", "/events", "/articles", "/outlets"])
def test_pages_render_and_escape(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "script-src" not in r.headers["content-security-policy"]  # default-src 'none' covers it
    assert r.headers["content-security-policy"].startswith("default-src 'none'")
    assert "<script" not in r.text.lower()
    assert "http://" not in r.text.replace("http://www.w3.org", "")  # no remote resources
    _assert_escaped(r.text)


def test_summary_counts(client: TestClient) -> None:
    s = client.get("/api/summary").json()
    assert s["events"] == 2
    assert {r["label"]: r["events"] for r in s["by_type"]} == {"Violence against civilians": 1, "Protests": 1}
    assert {r["label"] for r in s["by_country"]} == {"Mali", "Kenya"}
    assert s["fatalities"]["low"] == 12 and s["fatalities"]["high"] == 17
    assert s["fatalities"]["contested_events"] == 1
    assert s["period"] == {"first": "2024-05-26", "last": "2024-06-10"}
    page = client.get("/").text
    assert "Violence against civilians" in page and "Kenya" in page


def test_summary_leaves_background_tolls_out() -> None:
    from sitrep.web.profiles import summary

    analyses = build_analyses()
    current = analyses[0].events[0]
    old = Event(id="old", event_type="Battles", sub_event_type="Armed clash", date="2019",
                fatalities=Fatalities(3000, 3000, 3000), modality="background")
    s = summary([current, old], {})
    assert s["events"] == 2 and s["fatalities"]["best"] == 12
    assert s["period"] == {"first": "2024-05-26", "last": "2024-05-26"}
    assert s["fatalities"]["not_counted"] == {"background": 1}
    assert {r["label"]: r["fatalities_text"] for r in s["by_type"]} == {
        "Violence against civilians": "12", "Battles": "0"}


def test_event_filters(client: TestClient) -> None:
    assert [e["date"] for e in _events(client)] == ["2024-06-10", "2024-05-26"]  # newest first
    assert [e["sub_event_type"] for e in _events(client, country="ke")] == ["Peaceful protest"]
    assert [e["sub_event_type"] for e in _events(client, type="Protests")] == ["Peaceful protest"]
    assert len(_events(client, date_from="2024-06")) == 1
    assert len(_events(client, date_to="2024-05")) == 1  # a month bound includes its last day
    assert len(_events(client, date_from="2024-05-26", date_to="2024-05-26")) == 1
    assert [e["place"]["name"] for e in _events(client, q="KIDAL")] == ["Kidal"]
    assert len(_events(client, q="stormed the kidal market")) == 1  # supporting sentence text
    assert len(_events(client, q="sahel daily")) == 1  # outlet
    assert _events(client, q="nothing like this") == []
    paged = client.get("/api/events", params={"limit": 1}).json()
    assert len(paged["events"]) == 1 and paged["next_offset"] == 1
    assert client.get("/api/events", params={"limit": 1, "offset": 1}).json()["next_offset"] is None


def test_event_downloads_follow_filters(client: TestClient) -> None:
    import csv
    import io

    from sitrep.export.acled_csv import ACLED_COLUMNS

    r = client.get("/api/events.csv", params={"country": "ML"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert list(rows[0]) == list(ACLED_COLUMNS)
    assert [row["sub_event_type"] for row in rows] == ["Attack"]
    assert rows[0]["fatalities"] == "12"
    geo = client.get("/api/events.geojson", params={"q": "kisumu"}).json()
    assert geo["type"] == "FeatureCollection"
    assert [f["properties"]["sub_event_type"] for f in geo["features"]] == ["Peaceful protest"]
    assert geo["features"][0]["geometry"]["coordinates"] == [34.7617, -0.1022]
    page = client.get("/events", params={"country": "ML"}).text
    assert 'href="/api/events.csv?country=ML"' in page


def test_date_to_includes_times_of_day(tmp_path: Path) -> None:
    analyses = build_analyses()
    analyses[2].events[0].date = "2024-06-10TEV"  # TimeML: evening of that day
    db = tmp_path / "tod.db"
    with Store(db) as store:
        store.save(analyses)
        store.rebuild_events()
    client = TestClient(create_app(db))
    for bound in ("2024-06-10", "2024-06", "2024"):
        assert len(_events(client, type="Protests", date_to=bound)) == 1, bound
    assert _events(client, type="Protests", date_to="2024-06-09") == []


@pytest.mark.parametrize(
    "params", [{"date_from": "yesterday"}, {"country": "Mali"}, {"limit": 0}, {"offset": -1},
               {"date_to": "2024-05-26' OR 1=1 --"}],
)
def test_bad_filters_rejected(client: TestClient, params: dict[str, Any]) -> None:
    assert client.get("/api/events", params=params).status_code == 422
    if "limit" not in params:
        r = client.get("/events", params=params)
        assert r.status_code == 422 and "Invalid filter" in r.text and "<script" not in r.text


def test_sql_looking_text_is_only_text(client: TestClient) -> None:
    assert _events(client, q="' OR 1=1 --") == []
    r = client.get("/articles", params={"q": "%' OR '1'='1"})
    assert r.status_code == 200 and "No articles match" in r.text


def test_events_page_filters_and_contested(client: TestClient) -> None:
    r = client.get("/events", params={"type": "Violence against civilians", "q": "kidal"})
    assert r.status_code == 200
    assert "Attack" in r.text and "Peaceful protest" not in r.text
    assert "12 (12–17)" in r.text
    assert 'class="tag contested"' in r.text
    assert '<option value="ML">Mali (1)</option>' in r.text


def test_event_api_sources_side_by_side(client: TestClient) -> None:
    eid = _attack_id(client)
    ev = client.get(f"/api/events/{eid}").json()
    assert ev["fatalities"] == {"best": 12, "low": 12, "high": 17}
    assert ev["contested"]["fatalities"] == [12, 17]
    assert "fatalities" in ev["contested_fields"]
    by_outlet = {s["outlet"]: s for s in ev["source_details"]}
    assert set(by_outlet) == {HOSTILE_OUTLET, "Sahel Daily"}
    assert by_outlet["Sahel Daily"]["values"]["fatalities"] == [17]
    assert by_outlet[HOSTILE_OUTLET]["values"]["fatalities"] == [12]
    assert by_outlet[HOSTILE_OUTLET]["values"]["date"] == ["2024-05-26"]
    texts = {"Sahel Daily": TEXT_B, HOSTILE_OUTLET: TEXT_A}
    for outlet, s in by_outlet.items():
        (m,) = s["mentions"]
        text = texts[outlet]
        assert text[m["sentence"]["start"]: m["sentence"]["end"]] == m["sentence"]["text"]
        kinds = {mk["kind"] for mk in m["marks"]}
        assert {"event", "place", "time", "fatalities", "actor"} <= kinds
        for mk in m["marks"]:
            assert m["sentence"]["start"] <= mk["start"] < mk["end"] <= m["sentence"]["end"]
    claims = ev["claims"]
    assert [c["speaker_name"] for c in claims] == ["Governor of Kidal", "Army"]  # direct first
    assert claims[1]["stance"] == "distancing" and claims[1]["cue"]["text"] == "alleged"
    assert ev["place"]["map_url"].startswith("https://www.openstreetmap.org/?mlat=18.4411&mlon=1.4078")


def test_event_sources_without_recorded_indexes(tmp_path: Path) -> None:
    import sqlite3

    db = make_store(tmp_path / "noidx.db")
    with sqlite3.connect(db) as conn:  # as a store written before indexes were recorded
        conn.execute("UPDATE event_sources SET mention_indexes = '[]'")
    client = TestClient(create_app(db))
    ev = client.get(f"/api/events/{_attack_id(client)}").json()
    assert sorted(len(s["mentions"]) for s in ev["source_details"]) == [1, 1]
    assert sorted(v for s in ev["source_details"] for v in s["values"]["fatalities"]) == [12, 17]


def test_event_page(client: TestClient) -> None:
    eid = _attack_id(client)
    r = client.get(f"/events/{eid}")
    assert r.status_code == 200
    body = r.text
    _assert_escaped(body)
    assert str(escape(HOSTILE_OUTLET)) in body  # the outlet shown, as text
    assert 'class="contested" title="sources disagree: 12 / 17"' in body
    # the supporting sentence with its evidence highlighted
    assert '<span class="hl-fatalities" title="fatalities: 17 killed" data-start="9">17</span>' in body
    assert '<span class="hl-event" title="event: Attack (asserted)"' in body
    assert "https://www.openstreetmap.org/?mlat=18.4411&amp;mlon=1.4078" in body
    assert "Governor of Kidal" in body and 'class="stance-distancing"' in body
    assert 'href="javascript:' not in body  # the hostile source URL is not a link
    assert 'href="https://example.org/a"' in body


def test_unknown_ids_are_404(client: TestClient) -> None:
    for url in ("/events/ev_nope", "/articles/nope"):
        r = client.get(url)
        assert r.status_code == 404 and "Not found" in r.text
    for url in ("/api/events/ev_nope", "/api/articles/nope"):
        r = client.get(url)
        assert r.status_code == 404 and r.json()["detail"]
    r = client.get("/articles/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert r.status_code == 404
    _assert_escaped(r.text)


def test_article_api_spans_are_evidence(client: TestClient) -> None:
    aid = _article_id(TEXT_B)
    art = client.get(f"/api/articles/{aid}").json()
    assert art["text"] == TEXT_B and art["outlet"] == "Sahel Daily"
    assert {m["kind"] for m in art["marks"]} >= {"event", "place", "time", "quote", "speaker", "cue",
                                                  "framing", "fatalities"}
    for m in art["marks"]:
        assert 0 <= m["start"] < m["end"] <= len(TEXT_B)
    for q in art["quotes"]:
        for key in ("content", "speaker", "cue"):
            s = q[key]
            assert TEXT_B[s["start"]: s["end"]] == s["text"]
    for f in art["framing"]:
        assert TEXT_B[f["span"]["start"]: f["span"]["end"]] == f["span"]["text"]
    assert [e["sub_event_type"] for e in art["events"]] == ["Attack"]
    assert art["profile"]["framing_marks"] == 2 and art["profile"]["stance"]["distancing"] == 1


def test_article_page_highlights_without_losing_text(client: TestClient) -> None:
    aid = _article_id(TEXT_A)
    r = client.get(f"/articles/{aid}")
    assert r.status_code == 200
    body = r.text
    _assert_escaped(body)
    assert str(escape(HOSTILE_SCRIPT)) in body  # shown as text
    div = re.search(r'<div class="text" id="article-text">(.*?)</div>', body, re.S)
    assert div is not None
    assert html.unescape(re.sub(r"<[^>]+>", "", div.group(1))) == TEXT_A
    assert 'title="framing: labels &lt;svg onload=alert(6)&gt; → armed group&#34;&gt;&lt;svg onload=alert(5)&gt;"' in body
    assert 'class="hl-quote hl-quote-neutral"' in body
    assert 'class="hl-speaker"' in body and 'class="hl-cue hl-cue-neutral"' in body
    assert "How the article reports its sources" in body
    assert "1 mark(s) in the outlet's own voice" in body


def test_skipped_article_page(tmp_path: Path) -> None:
    text = "Ceci n'est pas un article en anglais <script>x()</script>."
    skipped = AnalyzedArticle(article=Article.create(text, language="fr", title="Hors sujet"),
                              skipped="[W001] not English")
    db = tmp_path / "skip.db"
    with Store(db) as store:
        store.save([skipped])
        store.rebuild_events()
    client = TestClient(create_app(db))
    r = client.get(f"/articles/{skipped.article.id}")
    assert r.status_code == 200 and "[W001] not English" in r.text
    assert "&lt;script&gt;x()&lt;/script&gt;" in r.text and "<script" not in r.text
    assert 'title="[W001] not English">skipped</span>' in client.get("/articles").text
    assert client.get("/outlets").status_code == 200  # skipped articles are left out
    assert client.get("/api/outlets").json()["outlets"] == []


def test_articles_list_and_outlet_filter(client: TestClient) -> None:
    r = client.get("/articles", params={"outlet": "Lake News"})
    assert r.status_code == 200 and "Traders march" in r.text and "Seventeen dead" not in r.text
    api = client.get("/api/articles", params={"q": "market"}).json()
    assert {a["title"] for a in api["articles"]} == {
        "Traders march", "Seventeen dead in market raid", f"Market attack {HOSTILE_SCRIPT}"}


def test_outlets_profile(client: TestClient) -> None:
    prof = client.get("/api/outlets").json()
    assert prof["categories"] == ["labels <svg onload=alert(6)>", "looting", "scare_quotes"]
    by = {p["outlet"]: p for p in prof["outlets"]}
    daily = by["Sahel Daily"]
    words = len(TEXT_B.split())
    assert daily["words"] == words
    assert daily["categories"]["looting"] == {"count": 1, "per_1000": round(1000 / words, 2), "in_quotes": 0}
    assert daily["stance"]["distancing"] == 1
    assert daily["asymmetry"] == {"spread": None, "most_endorsed": None, "most_distanced": None}
    assert by["Lake News"]["framing_marks"] == 0
    page = client.get("/outlets").text
    assert "Sahel Daily" in page and "scare quotes" in page
    _assert_escaped(page)


@pytest.fixture
def fixed_sides(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Side resolution as a fixed table (the real one belongs to the framing extractor)."""
    from sitrep.web import profiles

    table = {"Army": "ML", "Defence Ministry": "ML", "Residents": None}
    monkeypatch.setattr(profiles, "_side_function", lambda: lambda name: table.get(name, name))
    profiles.side_label.cache_clear()
    yield
    profiles.side_label.cache_clear()


def _quote(content: str, speaker: str, stance: Any) -> Quote:
    """An indirect quote in TEXT_B attributed (resolved) to ``speaker``, written "The army"."""
    return Quote(content=sp(TEXT_B, content), speaker=sp(TEXT_B, "The army"),
                 speaker_resolved=speaker, cue=sp(TEXT_B, "said"), stance=stance)


def test_stance_asymmetry_by_side(fixed_sides: None) -> None:
    analyses = build_analyses()
    b = analyses[1]
    b.quotes.append(_quote("At least 17 people died", "Residents", "endorsing"))
    b.quotes.append(_quote("the so-called liberators", "Defence Ministry", "neutral"))
    prof = {p["outlet"]: p for p in outlet_profiles(analyses)["outlets"]}["Sahel Daily"]
    sides = {s["side"]: s for s in prof["sides"]}
    assert set(sides) == {"Mali", "Residents"}  # Army and Defence Ministry are one side
    assert sides["Mali"]["quotes"] == 2 and sides["Mali"]["balance"] == -0.5
    assert sides["Mali"]["speakers"] == ["Army", "Defence Ministry"]
    assert sides["Residents"]["balance"] == 1.0
    assert prof["asymmetry"] == {"spread": 1.5, "most_endorsed": "Residents", "most_distanced": "Mali"}


def test_framing_inside_direct_quotes_counted_apart() -> None:
    analyses = build_analyses()
    b = analyses[1]
    b.quotes.append(Quote(content=sp(TEXT_B, "the so-called liberators looted shops"), kind="direct"))
    prof = {p["outlet"]: p for p in outlet_profiles(analyses)["outlets"]}["Sahel Daily"]
    assert prof["framing_marks"] == 0 and prof["in_quotes"] == 2
    assert prof["categories"]["looting"] == {"count": 0, "per_1000": 0.0, "in_quotes": 1}
    assert prof["top_terms"] == []


def test_aggregates_follow_new_data(tmp_path: Path) -> None:
    db = tmp_path / "grow.db"
    analyses = build_analyses()
    with Store(db) as store:
        store.save(analyses[2:])
        store.rebuild_events()
    client = TestClient(create_app(db))
    assert client.get("/api/summary").json()["events"] == 1
    assert [p["outlet"] for p in client.get("/api/outlets").json()["outlets"]] == ["Lake News"]
    assert client.get("/api/summary").json()["events"] == 1  # served again (cached)
    with Store(db) as store:
        store.save(analyses[:2])
        store.rebuild_events()
    assert client.get("/api/summary").json()["events"] == 2
    assert len(client.get("/api/outlets").json()["outlets"]) == 3


def test_trusted_hosts(db: Path) -> None:
    app = create_app(db, allowed_hosts=["127.0.0.1", "localhost"])
    local = TestClient(app, base_url="http://127.0.0.1:8765")
    assert local.get("/api/summary").status_code == 200
    rebinding = TestClient(app, base_url="http://attacker.example")
    assert rebinding.get("/api/summary").status_code == 400


def test_serve_binds_loopback_and_checks_hosts(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from sitrep.web.app import serve

    calls: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    serve(db)
    ((app, kw),) = calls
    assert kw["host"] == "127.0.0.1" and kw["port"] == 8765
    assert TestClient(app, base_url="http://localhost:8765").get("/api/summary").status_code == 200
    assert TestClient(app, base_url="http://evil.example").get("/api/summary").status_code == 400
    serve(db, host="0.0.0.0", port=9000)  # binding elsewhere is explicit: any Host accepted
    assert calls[1][1]["host"] == "0.0.0.0"
    assert TestClient(calls[1][0], base_url="http://10.0.0.5:9000").get("/api/summary").status_code == 200


def test_ingested_examples_smoke(tmp_path: Path) -> None:
    """The real pipeline's output (whatever the extractors find today) renders everywhere."""
    from sitrep.batch import ingest

    paths = sorted((REPO / "examples").glob("0[89]_*.txt"))
    if len(paths) != 2:
        pytest.skip("examples/ not present")
    db = tmp_path / "ex.db"
    report = ingest(paths, db, workers=1, progress=False)
    assert report.stored == 2
    client = TestClient(create_app(db))
    for url in ("/", "/events", "/articles", "/outlets", "/api/events", "/api/outlets"):
        assert client.get(url).status_code == 200, url
    arts = client.get("/api/articles").json()["articles"]
    assert len(arts) == 2
    for a in arts:
        page = client.get(f"/articles/{a['id']}")
        assert page.status_code == 200 and str(escape(a["title"])) in page.text
        data = client.get(f"/api/articles/{a['id']}").json()
        for m in data["marks"]:
            assert 0 <= m["start"] < m["end"] <= len(data["text"])
    for e in client.get("/api/events").json()["events"]:
        assert client.get(f"/events/{e['id']}").status_code == 200
