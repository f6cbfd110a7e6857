"""Issue 4 acceptance on the seed article: the strike, the attack and the announcement dates.
Reads the seed from ../shared (skips when absent); nothing of it is copied here."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sitrep.extract.times import event_time, tag
from sitrep.model import Article, TimeRef

_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[^\n]*\n")


def _seed(seed_path: Path) -> tuple[str, str]:
    raw = seed_path.read_text(encoding="utf-8")
    m = _HEADER.match(raw)
    assert m, "the seed starts with a 'date YYYY-MM-DD' header line"
    return raw[m.end() :], m[1]


def _at(text: str, doc: Any, refs: list[TimeRef], pattern: str, published: str) -> TimeRef | None:
    m = re.search(pattern, text)
    assert m, pattern
    return event_time(doc, (m.start(1), m.end(1)), refs, Article.create(text, published=published))


def test_seed_event_dates(nlp: Any, seed_path: Path) -> None:
    text, published = _seed(seed_path)
    doc = nlp(text)
    refs = tag(text, published, doc)
    for ref in refs:
        assert ref.span is not None and text[ref.span.start : ref.span.end] == ref.span.text

    strike = _at(text, doc, refs, r"said early \w+ they carried out (airstrikes)", published)
    assert strike is not None and (strike.value, strike.precision) == ("2022-08-24", "day")

    attack = _at(text, doc, refs, r"an (attack) that took place on", published)
    assert attack is not None and (attack.value, attack.precision) == ("2022-08-15", "day")

    announced = _at(text, doc, refs, r"media (announced) Tuesday", published)
    assert announced is not None and (announced.value, announced.precision) == ("2022-08-23", "day")


def test_seed_relative_expressions(nlp: Any, seed_path: Path) -> None:
    text, published = _seed(seed_path)
    by_value = {r.value for r in tag(text, published, nlp(text))}
    assert "2019-11-20" in by_value  # the photo caption's explicit date
    assert "2022-08" in by_value  # "earlier this month"
    assert "PRESENT_REF" in by_value  # "currently"
