"""The bench harness: keys present and sane on a tiny corpus written here (no timing asserted:
throughput depends on the machine)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep import bench
from sitrep.errors import InputError

ARTICLE = """date 2024-05-08
outlet Test Wire
title Shelling in the town

Artillery shells hit the market in the town on Monday, killing two people, officials said.
Residents fled to nearby villages as fighting continued into the night.
"""


def test_fallback_reader_strips_header(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    art = bench._fallback_read(path)
    assert art.published == "2024-05-08"
    assert art.title == "Shelling in the town"
    assert art.text.startswith("Artillery shells")


def test_run_keys_and_sanity(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(ARTICLE.replace("two", f"{i + 2}"), encoding="utf-8")
    (tmp_path / "notes.md").write_text("not part of the corpus", encoding="utf-8")
    out = bench.run(tmp_path, repeat=2, min_words=0)
    assert out["articles"] == 3
    assert out["passes"] == 2
    assert out["words"] == 3 * bench.count_words(ARTICLE.split("\n\n", 1)[1])
    for key in ("articles_per_s", "words_per_s", "parse_only_words_per_s", "ratio", "peak_rss_mb",
                "cpu_words_per_s", "cpu_parse_only_words_per_s", "cpu_ratio"):
        assert out[key] > 0, key
    assert out["ratio"] == pytest.approx(out["words_per_s"] / out["parse_only_words_per_s"], rel=0.01)
    assert out["model"].startswith("en_core_web_sm")


def test_min_words_sets_passes(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    words = bench.count_words(ARTICLE.split("\n\n", 1)[1])
    out = bench.run(tmp_path, min_words=3 * words)
    assert out["passes"] == 3


def test_missing_or_empty_corpus(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        bench.run(tmp_path / "absent")
    with pytest.raises(InputError):
        bench.run(tmp_path)


def test_extractor_costs_cover_every_step(tmp_path: Path) -> None:
    from sitrep.model import Article
    from sitrep.pipeline import DEFAULT_EXTRACTORS

    costs = bench.extractor_costs([Article.create(ARTICLE.split("\n\n", 1)[1], language="en")])
    assert set(costs) == {*DEFAULT_EXTRACTORS, "finish"}
    assert all(v >= 0 for v in costs.values())
