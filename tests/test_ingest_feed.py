"""RSS/Atom reader (feedparser)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitrep.errors import Code, InputError
from sitrep.ingest import feed
from sitrep.ingest.feed import looks_like_feed, parse_feed
from sitrep.ingest.paths import read_path
from sitrep.model import Article

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def test_rss_entries() -> None:
    items = list(feed.read(FIXTURES / "feed.rss"))
    assert [type(x).__name__ for x in items] == ["Article", "Article", "InputError"]
    first, second, empty = items
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.outlet == "Borderland Monitor"
    assert first.title == "Clashes at border crossing leave three dead"
    assert first.url == "https://example.org/borderland/2024/04/02/crossing-clashes"
    assert first.author == "Ali Hassan"
    assert first.published == "2024-04-02"
    assert first.language == "en"
    # full content preferred over the short summary; script never in the text
    assert "Border guards and smugglers exchanged fire" in first.text
    assert "The crossing was closed" in first.text
    assert "Short summary" not in first.text
    assert "FEED_SCRIPT_PAYLOAD" not in first.text
    assert "<p>" not in first.text
    # escaped HTML in a summary goes through the HTML-to-text path
    assert second.text.startswith("Authorities extended a night-time curfew")
    assert "<" not in second.text
    assert isinstance(empty, InputError) and empty.code is Code.E010
    assert "entry 3" in str(empty)


def test_atom_entry() -> None:
    (a,) = list(feed.read(FIXTURES / "feed.atom"))
    assert isinstance(a, Article)
    assert a.outlet == "Lakeshore Daily"
    assert a.author == "Maria Okafor"
    assert a.published == "2024-05-10"
    assert a.url == "https://example.org/lakeshore/2024/05/10/boat"
    assert a.text.startswith("A boat carrying families")


def test_feed_without_entries_is_e006() -> None:
    with pytest.raises(InputError) as err:
        list(feed.read(FIXTURES / "empty_feed.rss"))
    assert err.value.code is Code.E006


def test_not_a_feed_is_e006() -> None:
    with pytest.raises(InputError) as err:
        parse_feed(b"just some words, not xml", "x.rss")
    assert err.value.code is Code.E006


def test_xml_extension_sniffed(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "feed.atom", tmp_path / "latest.xml")
    (tmp_path / "config.xml").write_text('<?xml version="1.0"?><config><a>1</a></config>')
    results = {Path(r.path).name: r for r in read_path(tmp_path)}
    assert results["latest.xml"].article is not None
    assert results["config.xml"].error is not None
    assert results["config.xml"].error.code is Code.E009


def test_looks_like_feed() -> None:
    assert looks_like_feed(b'<?xml version="1.0"?>\n<rss version="2.0"><channel>')
    assert looks_like_feed(b'<feed xmlns="http://www.w3.org/2005/Atom">')
    assert looks_like_feed(b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">')
    assert not looks_like_feed(b"<html><body><feed >not really</feed></body></html>")
    assert not looks_like_feed(b"plain text about an rss reader")
