"""Each eval task end to end on tiny hand-written gold files, with fake extractors whose output
is known, so every metric can be checked against a hand-computed answer. Also: the dispatcher
(E040) and the module entry point."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from spacy.tokens import Doc

from sitrep import registry
from sitrep.errors import Code, EvalError
from sitrep.evaluation import TASKS, run
from sitrep.evaluation.__main__ import main
from sitrep.model import AnalyzedArticle, Article, FramingMark, Place, Quote, Span, TimeRef

Fn = Callable[[Doc, Article, AnalyzedArticle], list[Any]]


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str, Fn], None]]:
    registry.names()  # registers the built-in extractors first

    def install(name: str, fn: Fn) -> None:
        old = registry.get(name)
        monkeypatch.setitem(registry._REGISTRY, name, registry.Extractor(name, fn, old.assigns, old.requires))

    yield install


def _span(text: str, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    span = Span.of(text, start, start + len(needle))
    assert text[span.start:span.end] == span.text  # the evidence invariant
    return span


def _gold(tmp_path: Path, records: list[dict[str, Any]]) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _off(text: str, needle: str) -> dict[str, Any]:
    s = text.index(needle)
    return {"start": s, "end": s + len(needle), "text": needle}


def test_unknown_task_is_e040(tmp_path: Path) -> None:
    with pytest.raises(EvalError) as info:
        run("nonsense", tmp_path / "x.jsonl")
    assert info.value.code is Code.E040
    assert set(TASKS) == {"events", "toponyms", "event-location", "time", "quotes", "loaded"}


def test_malformed_gold_is_e041_through_run(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("{oops\n", encoding="utf-8")
    with pytest.raises(EvalError) as info:
        run("time", path)
    assert info.value.code is Code.E041


TOPO_TEXT = "Fighting spread from Kadugli to Dilling and Babanusa."


def _topo_gold(tmp_path: Path) -> Path:
    def top(name: str, gid: int | None, lat: float | None, lon: float | None) -> dict[str, Any]:
        o = _off(TOPO_TEXT, name)
        return {"start": o["start"], "end": o["end"], "name": name, "geonameid": gid, "lat": lat,
                "lon": lon, "feature": None}

    return _gold(tmp_path, [{"id": "t1", "source": "test", "text": TOPO_TEXT, "toponyms": [
        top("Kadugli", 1, 11.0, 29.7), top("Dilling", None, 12.0, 29.6), top("Babanusa", None, None, None)]}])


def test_toponyms_recognition_and_resolution(tmp_path: Path, fake: Callable[[str, Fn], None]) -> None:
    def places(doc: Doc, article: Article, analysis: AnalyzedArticle) -> list[Place]:
        t = article.text
        return [
            Place("Kadugli", _span(t, "Kadugli"), geonameid=1, lat=11.0, lon=29.7),
            Place("Dilling", _span(t, "Dilling and"), geonameid=2, lat=12.0, lon=29.6),
            Place("spread", _span(t, "spread")),
        ]

    fake("places.v1", places)
    out = run("toponyms", _topo_gold(tmp_path))
    assert out["precision"] == pytest.approx(0.3333, abs=1e-4)
    assert out["recall"] == pytest.approx(0.3333, abs=1e-4)
    assert out["overlap_precision"] == pytest.approx(0.6667, abs=1e-4)
    assert out["overlap_recall"] == pytest.approx(0.6667, abs=1e-4)
    # Resolution only over the strictly found toponym (Kadugli), which is right.
    assert out["exact_id_acc"] == 1.0
    assert out["within_161km_acc"] == 1.0
    assert out["auc"] == 0.0
    assert out["n_resolution_coords"] == 1


def test_toponyms_given_spans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sitrep.extract.places as places_mod

    seen: list[list[tuple[int, int]]] = []

    def resolve(doc: Doc, article: Article, spans: list[tuple[int, int]]) -> list[Place | None]:
        seen.append(spans)
        return [Place("Kadugli", Span.of(article.text, *spans[0]), geonameid=1, lat=11.0, lon=29.7),
                None, None]

    monkeypatch.setattr(places_mod, "resolve_spans", resolve)
    out = run("toponyms", _topo_gold(tmp_path), given_toponyms=True)
    assert seen == [[(21, 28), (32, 39), (44, 52)]]
    assert out["exact_id_acc"] == 1.0  # only Kadugli has an id
    assert out["within_161km_acc"] == 0.5  # Dilling unresolved counts as wrong
    assert out["mean_error_km"] == pytest.approx(20039.0 / 2, abs=0.1)
    assert "precision" not in out


def test_event_location(tmp_path: Path, fake: Callable[[str, Fn], None], monkeypatch: pytest.MonkeyPatch) -> None:
    import sitrep.extract.places as places_mod

    a = "Jets bombed Kadugli and residents fled."
    b = "The talks resumed."
    records = [
        {"id": "1", "source": "t", "text": a, "event": _off(a, "bombed"), "location": _off(a, "Kadugli"),
         "extra": {"other_locations": []}},
        {"id": "2", "source": "t", "text": a, "event": _off(a, "fled"), "location": None, "extra": {}},
        {"id": "3", "source": "t", "text": b, "event": _off(b, "resumed"), "location": None, "extra": {}},
    ]
    calls: list[str] = []

    def places(doc: Doc, article: Article, analysis: AnalyzedArticle) -> list[Place]:
        calls.append(article.text)
        return [Place("Kadugli", _span(article.text, "Kadugli"))] if "Kadugli" in article.text else []

    def locate(doc: Doc, trigger: tuple[int, int], found: list[Place]) -> Place | None:
        # Always the first place: right for "bombed", wrong for "fled".
        return found[0] if found else None

    fake("places.v1", places)
    monkeypatch.setattr(places_mod, "event_location_span", locate)
    out = run("event-location", _gold(tmp_path, records))
    assert sorted(calls) == sorted([a, b])  # each distinct sentence parsed once
    assert out["accuracy"] == pytest.approx(0.6667, abs=1e-4)
    assert out["with_location_accuracy"] == 1.0
    assert out["without_location_accuracy"] == 0.5
    assert out["n_with_location"] == 1 and out["n_without_location"] == 2


def test_time(tmp_path: Path, fake: Callable[[str, Fn], None]) -> None:
    text = "Rebels shelled the town on Monday, a year after the truce."
    gold = {"id": "1", "source": "t", "text": text, "published": "2024-01-03", "timexes": [
        {**_off(text, "Monday"), "type": "DATE", "value": "2024-01-01"},
        {**_off(text, "a year after the truce"), "type": "DATE", "value": "2023"},
    ]}

    def times(doc: Doc, article: Article, analysis: AnalyzedArticle) -> list[TimeRef]:
        assert article.published == "2024-01-03"
        t = article.text
        return [TimeRef("2024-01-01", _span(t, "on Monday")), TimeRef("2022", _span(t, "a year")),
                TimeRef("X", _span(t, "Rebels"))]

    fake("times.v1", times)
    out = run("time", _gold(tmp_path, [gold]))
    assert out["strict_f1"] == 0.0
    assert out["relaxed_precision"] == pytest.approx(0.6667, abs=1e-4)
    assert out["relaxed_recall"] == 1.0
    assert out["value_precision"] == pytest.approx(0.3333, abs=1e-4)
    assert out["value_recall"] == 0.5
    assert out["value_accuracy"] == 0.5
    assert out["type_accuracy"] == 1.0


QUOTE_TEXT = 'The governor said the road was closed. "We are safe," Ali told reporters.'


def test_quotes(tmp_path: Path, fake: Callable[[str, Fn], None]) -> None:
    t = QUOTE_TEXT

    def o(needle: str) -> dict[str, int]:
        s = t.index(needle)
        return {"start": s, "end": s + len(needle)}

    gold = {"id": "1", "source": "t", "text": t, "quotes": [
        {"content": o("the road was closed"), "speaker": o("The governor"), "cue": o("said"), "kind": "indirect"},
        {"content": o('"We are safe,"'), "speaker": o("Ali"), "cue": o("told"), "kind": "direct"},
    ]}

    def quotes(doc: Doc, article: Article, analysis: AnalyzedArticle) -> list[Quote]:
        x = article.text
        return [
            Quote(_span(x, "the road was closed"), _span(x, "The governor"), cue=_span(x, "said")),
            Quote(_span(x, "We are safe"), None, cue=_span(x, "told"), kind="direct"),
        ]

    fake("claims.v1", quotes)
    out = run("quotes", _gold(tmp_path, [gold]))
    assert out["content_exact_precision"] == 0.5 and out["content_exact_recall"] == 0.5
    assert out["content_overlap_precision"] == 1.0
    assert out["content_overlap_recall"] == pytest.approx((19 + 11) / (19 + 14), abs=1e-4)
    assert out["speaker_exact_precision"] == 1.0 and out["speaker_exact_recall"] == 0.5
    assert out["cue_exact_f1"] == 1.0
    assert out["by_kind"]["indirect"]["exact_recall"] == 1.0
    assert out["by_kind"]["direct"]["exact_recall"] == 0.0
    assert out["by_kind"]["direct"]["overlap_recall"] == pytest.approx(11 / 14, abs=1e-4)


def test_quotes_speaker_not_scored_where_gold_has_none(tmp_path: Path, fake: Callable[[str, Fn], None]) -> None:
    t = QUOTE_TEXT
    c = t.index("the road")
    gold = {"id": "1", "source": "t", "text": t, "quotes": [
        {"content": {"start": c, "end": c + 19}, "speaker": None, "cue": None, "kind": "indirect"}]}

    def quotes(doc: Doc, article: Article, analysis: AnalyzedArticle) -> list[Quote]:
        x = article.text
        return [Quote(_span(x, "the road was closed"), _span(x, "The governor"))]

    fake("claims.v1", quotes)
    out = run("quotes", _gold(tmp_path, [gold]))
    assert out["speaker_exact_precision"] == 0.0 and out["speaker_exact_recall"] == 0.0
    assert out["content_exact_f1"] == 1.0


LOADED_TEXT = "The regime's thugs unleashed a brutal crackdown on the protesters."


def test_loaded_by_technique_with_name_normalisation(
    tmp_path: Path, fake: Callable[[str, Fn], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sitrep.extract.framing as framing_mod

    t = LOADED_TEXT
    gold = {"id": "1", "source": "t", "text": t, "spans": [
        {**_off(t, "thugs"), "technique": "Name_Calling,Labeling"},
        {**_off(t, "brutal crackdown"), "technique": "Loaded_Language"},
    ]}

    def framing(doc: Doc, article: Article, analysis: AnalyzedArticle) -> list[FramingMark]:
        x = article.text
        return [FramingMark(_span(x, "thugs"), "label"), FramingMark(_span(x, "brutal"), "loaded")]

    fake("framing.v1", framing)
    monkeypatch.setattr(framing_mod, "technique_of",
                        lambda m: "name calling-labeling" if m.category == "label" else "Loaded_Language")
    out = run("loaded", _gold(tmp_path, [{k: v for k, v in gold.items()}]))
    # "brutal" is 6 of the 16 characters of "brutal crackdown": R = (1 + 6/16) / 2, P = 1.
    assert out["span_precision"] == 1.0
    assert out["span_recall"] == pytest.approx((1 + 6 / 16) / 2, abs=1e-4)
    assert out["by_technique"]["Name_Calling,Labeling"]["f1"] == 1.0
    assert out["by_technique"]["Loaded_Language"]["recall"] == pytest.approx(6 / 16, abs=1e-4)
    assert "sentence_macro_f1" not in out


def test_loaded_single_technique_and_sentence_f1(tmp_path: Path, fake: Callable[[str, Fn], None]) -> None:
    a, b = LOADED_TEXT, "The council met on Tuesday."
    records = [
        {"id": "1", "source": "t", "text": a, "spans": [{**_off(a, "thugs"), "technique": "biased_word"}],
         "label": "biased"},
        {"id": "2", "source": "t", "text": b, "spans": [], "label": "non-biased"},
        {"id": "3", "source": "t", "text": b, "spans": [], "label": None},
    ]

    def framing(doc: Doc, article: Article, analysis: AnalyzedArticle) -> list[FramingMark]:
        x = article.text
        return [FramingMark(_span(x, "thugs"), "anything")] if "thugs" in x else []

    fake("framing.v1", framing)
    out = run("loaded", _gold(tmp_path, records))
    assert out["by_technique"]["biased_word"]["f1"] == 1.0  # every mark counts as the one technique
    assert out["sentence_macro_f1"] == 1.0
    assert out["n_sentences"] == 2


def test_module_entry_point(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "Nothing happened in the town."
    path = _gold(tmp_path, [{"id": "1", "source": "t", "text": text, "published": "2024-01-01", "timexes": []}])
    assert main(["time", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["task"] == "time" and out["records"] == 1
    assert main(["bogus", str(path)]) == 2
    assert "E040" in capsys.readouterr().err


def test_score_quotes_counts_quote_by_quote() -> None:
    from sitrep.evaluation.claims import score_quotes
    from sitrep.evaluation.gold import GoldQuote, GoldSpan

    t = "He said the dam held. He added that the roads were open. Later, aid arrived, she claimed."

    def g(needle: str) -> GoldSpan:
        s = t.index(needle)
        return GoldSpan(s, s + len(needle), needle)

    he2 = t.index("He added")
    gold = [
        GoldQuote(g("the dam held"), g("He"), g("said"), "indirect"),
        GoldQuote(g("the roads were open"), GoldSpan(he2, he2 + 2, "He"), g("added"), "indirect"),
        GoldQuote(g("aid arrived"), None, g("claimed"), "indirect"),
    ]
    pred = [
        Quote(_span(t, "the dam held"), _span(t, "He"), cue=_span(t, "said")),
        Quote(_span(t, "roads were open"), _span(t, "He", 1), cue=_span(t, "added")),
        # gold has no speaker for this one: the predicted speaker is not scored
        Quote(_span(t, "aid arrived"), _span(t, "she"), cue=_span(t, "claimed")),
    ]
    s = score_quotes(pred, gold)
    assert (s["content_exact_"].precision, s["content_exact_"].recall) == (pytest.approx(2 / 3), pytest.approx(2 / 3))
    assert (s["speaker_exact_"].precision, s["speaker_exact_"].recall) == (1.0, 1.0)
    assert s["speaker_exact_"].n_pred == 2
    assert s["cue_exact_"].f1 == 1.0
    # An unlinked predicted speaker is a false positive.
    extra = [*pred, Quote(_span(t, "Later"), _span(t, "aid"))]
    s2 = score_quotes(extra, gold)
    assert s2["speaker_exact_"].precision == pytest.approx(2 / 3)


def test_cue_group_speech_vs_other(nlp: Any) -> None:
    from sitrep.evaluation.claims import cue_group, speech_cues
    from sitrep.evaluation.gold import GoldSpan

    if not speech_cues()[0]:
        pytest.skip("sitrep/data/cue_verbs.tsv is not present")
    text = "The minister told reporters the bridge was safe, but many voters believe otherwise, according to a poll."
    doc = nlp(text)

    def g(needle: str) -> GoldSpan:
        s = text.index(needle)
        return GoldSpan(s, s + len(needle), needle)

    assert cue_group(doc, g("told")) == "speech"
    assert cue_group(doc, g("according to")) == "speech"
    assert cue_group(doc, g("believe")) == "other"
    assert cue_group(doc, None) == "none"


def test_progress_bar_does_not_change_results(tmp_path: Path) -> None:
    text = "Gunmen attacked a village on Sunday."
    path = _gold(tmp_path, [{"id": str(i), "source": "t", "text": text, "published": "2024-01-01",
                             "timexes": []} for i in range(3)])
    assert run("time", path, progress=True) == run("time", path, progress=False)


def test_limit_reads_leading_records(tmp_path: Path) -> None:
    text = "Gunmen attacked a village on Sunday."
    path = _gold(tmp_path, [{"id": str(i), "source": "t", "text": text, "published": "2024-01-01",
                             "timexes": []} for i in range(5)])
    assert run("time", path, limit=2)["records"] == 2
    assert run("time", path, limit=None)["records"] == 5
