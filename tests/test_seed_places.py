"""The seed article (read from ../shared, never copied): places resolve as the issue says."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sitrep.extract.places import extract_places
from sitrep.model import AnalyzedArticle, Article, Place


def _places(seed_path: Path, nlp: Any) -> tuple[str, list[Place]]:
    article = Article.create(seed_path.read_text(encoding="utf-8"))
    doc = nlp(article.text)
    return article.text, extract_places(doc, article, AnalyzedArticle(article=article))


def test_seed_places(seed_path: Path, nlp: Any) -> None:
    text, places = _places(seed_path, nlp)
    for p in places:
        assert p.span is not None and text[p.span.start : p.span.end] == p.span.text
    by: dict[str, list[Place]] = {}
    for p in places:
        assert p.span is not None
        by.setdefault(p.span.text, []).append(p)

    deir = by["Deir Ezzor"]
    assert all(p.country == "SY" for p in deir)
    for p in deir:
        # The city (GeoNames 170794, precision 1) or the governorate (precision 3).
        assert (p.geonameid == 170794 and p.precision == 1) or (p.feature == "ADM1" and p.precision == 3)

    tanf = by["Al-Tanf"][0]
    assert tanf.country == "SY" and tanf.lat is not None and tanf.lon is not None
    assert abs(tanf.lat - 33.5) < 0.3 and abs(tanf.lon - 38.6) < 0.3

    airport = [p for p in places if p.feature == "AIRP"]
    assert airport and airport[0].country == "SY"
    assert airport[0].span is not None and "airport" in airport[0].span.text

    for name in ("Raqqa",):
        assert any(p.feature == "ADM1" and p.country == "SY" for p in by[name])
    hasakah = [p for p in places if p.feature == "ADM1" and p.span is not None
               and p.span.text.lower().startswith("al-has")]
    assert hasakah and hasakah[0].country == "SY"
    assert all(p.geonameid == 99237 and p.feature == "PCLI" for p in by["Iraq"])
