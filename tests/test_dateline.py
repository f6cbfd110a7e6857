"""Wire datelines, on ledes written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.extract.dateline import dateline_end
from sitrep.extract.places import event_location_span


@pytest.mark.parametrize("lede, dateline", [
    ("PORT HARBOUR (Example Wire) — Gunmen attacked a bus.", "PORT HARBOUR (Example Wire) — "),
    ("NORTHBRIDGE, Examplestan (Wire) — Troops withdrew.", "NORTHBRIDGE, Examplestan (Wire) — "),
    ("KABUL, Oct 3 (Example Wire) - A bomb exploded.", "KABUL, Oct 3 (Example Wire) - "),
    ("SAN SALVADOR, 3 JAN 90 (RADIO EXAMPLE) -- Rebels struck.", "SAN SALVADOR, 3 JAN 90 (RADIO EXAMPLE) -- "),
])
def test_dateline_found(lede: str, dateline: str) -> None:
    assert lede[: dateline_end(lede)] == dateline


@pytest.mark.parametrize("lede", [
    "US forces struck targets in Syria on Tuesday.",
    "UN officials said — in a statement — that talks failed.",
    "Gunmen killed five people in Kaya.",
])
def test_no_dateline(lede: str) -> None:
    assert dateline_end(lede) == 0


def test_dateline_city_is_not_the_event_place(nlp: Any) -> None:
    from sitrep import pipeline
    from sitrep.model import Article

    text = ("KAYA (Example Wire) — Gunmen killed 12 civilians in Tougouri on Sunday, "
            "officials said.")
    analysis = next(iter(pipeline.analyze_many([Article.create(text, published="2024-05-28")])))
    by_name = {p.span.text: p for p in analysis.places if p.span is not None}
    assert "KAYA" in by_name and "Tougouri" in by_name
    start = text.index("killed")
    place = event_location_span(nlp(text), (start, start + len("killed")), analysis.places)
    assert place is not None and place.span is not None and place.span.text == "Tougouri"
