"""The time extractor: recognition + normalisation against the DCT, and event_time."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sitrep.extract.times import event_time, extract_times, tag
from sitrep.model import AnalyzedArticle, Article, TimeRef

DCT = "2022-08-24"  # a Wednesday


def run(nlp: Any, text: str, published: str | None = DCT) -> list[TimeRef]:
    refs = tag(text, published, nlp(text))
    for ref in refs:
        assert ref.span is not None
        assert text[ref.span.start : ref.span.end] == ref.span.text
    return refs


def values(nlp: Any, text: str, published: str | None = DCT) -> dict[str, str]:
    return {r.span.text: r.value for r in run(nlp, text, published) if r.span}


def test_explicit_dates(nlp: Any) -> None:
    got = values(nlp, "The camp was shelled on November 20, 2019, and again on 3 March 2020.")
    assert got == {"November 20, 2019": "2019-11-20", "3 March 2020": "2020-03-03"}


def test_weekdays_follow_tense(nlp: Any) -> None:
    got = values(nlp, "Officials said Tuesday that talks will resume Friday.")
    assert got["Tuesday"] == "2022-08-23"
    assert got["Friday"] == "2022-08-26"
    assert values(nlp, "The army said early Wednesday it had shot down a drone.")["early Wednesday"] == DCT


def test_month_day_without_year_is_the_past_one(nlp: Any) -> None:
    assert values(nlp, "The convoy was attacked on August 15 near the border.")["August 15"] == "2022-08-15"
    assert values(nlp, "The base was hit on December 2 last winter.")["December 2"] == "2021-12-02"


def test_deictic_and_calendar_relatives(nlp: Any) -> None:
    text = ("Rebels attacked the town yesterday. Clashes erupted last week and earlier this month. "
            "Aid arrived last year, and elections are due next year. The army withdrew two days ago.")
    got = values(nlp, text)
    assert got["yesterday"] == "2022-08-23"
    assert got["last week"] == "2022-W33"
    assert got["earlier this month"] == "2022-08"
    assert got["last year"] == "2021"
    assert got["next year"] == "2023"
    assert got["two days ago"] == "2022-08-22"


def test_vague_references_durations_and_sets(nlp: Any) -> None:
    text = ("Militias have recently regrouped and now hold the bridge. The siege lasted the past "
            "three weeks, with shelling daily for two hours.")
    got = values(nlp, text)
    assert got["recently"] == "PAST_REF"
    assert got["now"] == "PRESENT_REF"
    assert got["the past three weeks"] == "P3W"
    assert got["daily"] == "P1D"
    assert got["two hours"] == "PT2H"


def test_quarters_decades_seasons(nlp: Any) -> None:
    text = "Output fell in the third quarter, the worst since the 1990s, and recovered in mid-2019 and last fall."
    got = values(nlp, text)
    assert got["the third quarter"] == "2022-Q3"
    assert got["the 1990s"] == "199"
    assert got["mid-2019"] == "2019"
    assert got["last fall"] == "2021-FA"


def test_precision_and_types(nlp: Any) -> None:
    refs = {r.span.text: r for r in run(nlp, "Troops left on Monday, in March and in 2020, after six months.") if r.span}
    assert refs["Monday"].precision == "day"
    assert refs["March"].precision == "month"
    assert refs["2020"].precision == "year"
    assert refs["six months"].type == "DURATION" and refs["six months"].precision is None


def test_no_publication_date(nlp: Any) -> None:
    refs = {r.span.text: r for r in run(nlp, "The strike on 5 May 2021 was denied on Tuesday.", None) if r.span}
    assert refs["5 May 2021"].value == "2021-05-05" and refs["5 May 2021"].resolved
    assert not refs["Tuesday"].resolved
    assert refs["Tuesday"].value.startswith("XXXX")


def test_false_friends_are_skipped(nlp: Any) -> None:
    got = values(nlp, "The minister may resign. About 2000 soldiers crossed. A 30-year-old man died.")
    assert got == {}


def test_extractor_signature(nlp: Any) -> None:
    text = "Gunmen killed four villagers on Sunday."
    article = Article.create(text, published=DCT)
    refs = extract_times(nlp(text), article, AnalyzedArticle(article=article))
    assert [(r.span.text if r.span else None, r.value) for r in refs] == [("Sunday", "2022-08-21")]


def test_event_time_prefers_the_attached_expression(nlp: Any) -> None:
    text = "On Tuesday the army said the attack that took place on August 15 killed two soldiers."
    doc = nlp(text)
    article = Article.create(text, published=DCT)
    refs = tag(text, DCT, doc)
    start = text.index("attack")
    got = event_time(doc, (start, start + len("attack")), refs, article)
    assert got is not None and got.value == "2022-08-15"
    start = text.index("said")
    said = event_time(doc, (start, start + 4), refs, article)
    assert said is not None and said.value == "2022-08-23"


def test_event_time_none_without_a_date_in_the_sentence(nlp: Any) -> None:
    text = "The strike happened for years. Officials spoke on Monday."
    doc = nlp(text)
    refs = tag(text, DCT, doc)
    start = text.index("strike")
    assert event_time(doc, (start, start + 6), refs, Article.create(text, published=DCT)) is None


# --- floors on the dev gold (skip without ../shared) -----------------------------------------

def _value_f1(nlp: Any, records: list[dict[str, Any]]) -> float:
    n_gold = n_pred = correct = 0
    docs = nlp.pipe([r["text"] for r in records])
    for record, doc in zip(records, docs, strict=True):
        refs = tag(record["text"], record["published"], doc)
        gold = record["timexes"]
        n_gold += len(gold)
        n_pred += len(refs)
        used: set[int] = set()
        for ref in refs:
            assert ref.span is not None
            for i, g in enumerate(gold):
                if i not in used and g["start"] < ref.span.end and ref.span.start < g["end"]:
                    used.add(i)
                    correct += g["value"] == ref.value
                    break
    p, r = correct / max(n_pred, 1), correct / max(n_gold, 1)
    return 2 * p * r / (p + r) if p + r else 0.0


def _load(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    return records[:limit] if limit else records


def test_meantime_dev_value_f1_floor(nlp: Any, eval_dir: Path) -> None:
    path = eval_dir / "time" / "meantime_dev.jsonl"
    if not path.is_file():
        pytest.skip("meantime_dev.jsonl absent")
    # Measured 0.811 with this scorer on the full file (2026-11-25); the target is 0.78.
    assert _value_f1(nlp, _load(path)) >= 0.78


def test_tbaq_dev_sample_value_f1_floor(nlp: Any, eval_dir: Path) -> None:
    path = eval_dir / "time" / "tbaq_dev.jsonl"
    if not path.is_file():
        pytest.skip("tbaq_dev.jsonl absent")
    # A bounded sample (the first 40 articles) keeps the suite fast; measured 0.824 on it
    # (2026-11-25), the full file scores 0.792 with ``sitrep eval time``.
    assert _value_f1(nlp, _load(path, 40)) >= 0.79


def test_dateparser_reads_other_numeric_layouts(nlp: Any) -> None:
    got = values(nlp, "The truce signed on 2019.11.20 held; a second one dated 05.06.2021 did not.")
    assert got["2019.11.20"] == "2019-11-20"
    assert got["05.06.2021"] == "2021-06-05"  # day first, as dotted dates are written


def test_date_ranges_carry_an_end(nlp: Any) -> None:
    refs = {r.span.text: r for r in run(nlp, "Clashes raged from 3 May to 5 June 2021. Talks ran May 10-12, 2021.") if r.span}
    assert (refs["3 May"].value, refs["3 May"].end_value) == ("2021-05-03", "2021-06-05")
    assert (refs["May 10-12, 2021"].value, refs["May 10-12, 2021"].end_value) == ("2021-05-10", "2021-05-12")
    assert refs["5 June 2021"].end_value is None


def test_day_first_slashes_and_named_wars(nlp: Any) -> None:
    got = values(nlp, "Clashes on 24/08/2022 recalled the Six-Day War and a four-day offensive.")
    assert got["24/08/2022"] == "2022-08-24"
    assert "Six-Day" not in got
    assert got["four-day"] == "P4D"


def test_clock_times_take_the_sentence_day(nlp: Any) -> None:
    got = values(nlp, "The blast occurred at 10:35 a.m. (0735 GMT) Monday, police said.")
    assert got["10:35 a.m."] == "2022-08-22T10:35"
    assert got["0735 GMT"] == "2022-08-22T07:35Z"


def test_rates_fractions_and_titles(nlp: Any) -> None:
    got = values(nlp, 'It saves $2 million a year. Iraq imports about three-quarters of its food, he told "This Week".')
    assert got.get("a year") == "P1Y"
    refs = {r.span.text: r for r in run(nlp, "It saves $2 million a year.") if r.span}
    assert refs["a year"].type == "SET"
    assert "three-quarters" not in got and "This Week" not in got


def test_impossible_date_falls_back_to_its_parts(nlp: Any) -> None:
    got = values(nlp, "On 31 February 2020 the talks failed.")
    assert got == {"February 2020": "2020-02"}


def test_deadlines_after_until_look_forward(nlp: Any) -> None:
    got = values(nlp, "The ministry extended the ceasefire until Nov. 17.", "1989-10-30")
    assert got["Nov. 17"] == "1989-11-17"
    got = values(nlp, "The convoy was attacked on Nov. 17.", "1989-10-30")
    assert got["Nov. 17"] == "1988-11-17"


def test_that_quarter_and_into_the_summer(nlp: Any) -> None:
    got = values(nlp, "Profit fell in the second quarter. Costs for that quarter rose well into the summer.")
    assert got["the second quarter"] == "2022-Q2"
    assert got["that quarter"] == "2022-Q2"
    assert got["the summer"] == "2022-SU"
