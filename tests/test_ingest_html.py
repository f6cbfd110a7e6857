"""HTML reader (trafilatura) and the HTML-fragment-to-text path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitrep.errors import Code, InputError
from sitrep.ingest import html
from sitrep.ingest.html import fragment_to_text, html_to_article, looks_like_html
from sitrep.model import Article

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def read_one(path: Path) -> Article:
    (item,) = list(html.read(path))
    assert isinstance(item, Article)
    return item


def test_page_metadata_and_body() -> None:
    a = read_one(FIXTURES / "page.html")
    assert a.title == "Fire at fuel depot after overnight drone strike"
    assert a.author == "Jane Roe"
    assert a.outlet == "Riverside Courier"
    assert a.published == "2023-03-05"
    assert a.url == "https://example.org/riverside/2023/03/05/depot-fire"
    assert a.language == "en"
    assert "A fuel depot on the edge of the river port" in a.text
    assert "saw flames rising above the storage tanks" in a.text
    assert "font-family" not in a.text
    assert "All rights reserved" not in a.text  # boilerplate removed
    assert a.id == Article.make_id(a.text)


def test_hostile_page_never_leaks_script_or_style() -> None:
    a = read_one(FIXTURES / "hostile.html")
    assert "Gunmen opened fire on an army checkpoint" in a.text
    assert "No group has claimed responsibility" in a.text
    for payload in ("SCRIPT_PAYLOAD", "STYLE_PAYLOAD", "NOSCRIPT_PAYLOAD", "HANDLER_PAYLOAD",
                    "window.location", "document.write"):
        assert payload not in a.text, payload


def test_truncated_page_is_read_without_crash() -> None:
    a = read_one(FIXTURES / "truncated.html")
    assert "Artillery shells struck a residential block" in a.text


@pytest.mark.parametrize("cut", [10, 60, 200, 700])
def test_page_cut_anywhere_never_raises_anything_but_input_error(tmp_path: Path, cut: int) -> None:
    data = (FIXTURES / "page.html").read_bytes()[:cut]
    p = tmp_path / "cut.html"
    p.write_bytes(data)
    try:
        list(html.read(p))
    except InputError as err:
        assert err.code in (Code.E005, Code.E010)


def test_page_without_body_is_e005() -> None:
    with pytest.raises(InputError) as err:
        list(html.read(FIXTURES / "no_body.html"))
    assert err.value.code is Code.E005


def test_empty_html_file_is_e001(tmp_path: Path) -> None:
    p = tmp_path / "empty.html"
    p.write_bytes(b"")
    with pytest.raises(InputError) as err:
        list(html.read(p))
    assert err.value.code is Code.E001


def test_binary_html_file_is_e002(tmp_path: Path) -> None:
    p = tmp_path / "image.html"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(InputError) as err:
        list(html.read(p))
    assert err.value.code is Code.E002


def test_declared_charset_is_honoured(tmp_path: Path) -> None:
    body = "<p>Le café du marché a été touché par une roquette tirée depuis les collines, a déclaré le maire de la ville.</p>"
    page = f'<html><head><meta charset="windows-1252"><title>Roquette</title></head><body><article>{body * 3}</article></body></html>'
    p = tmp_path / "cp.html"
    p.write_bytes(page.encode("cp1252"))
    a = read_one(p)
    assert "café du marché" in a.text


def test_fetch_url_and_fallback_date() -> None:
    data = (FIXTURES / "hostile.html").read_bytes()
    a = html_to_article(data, "archive.warc", url="https://example.org/x", published="2024-02-03T10:00:00Z")
    assert a.url == "https://example.org/x"
    assert a.published == "2024-02-03"  # the page states no date
    assert a.outlet == "example.org"
    assert a.source_path == "archive.warc"


def test_same_page_twice_same_id(tmp_path: Path) -> None:
    copy = tmp_path / "copy.htm"
    shutil.copy(FIXTURES / "page.html", copy)
    assert read_one(copy).id == read_one(FIXTURES / "page.html").id


def test_fragment_to_text() -> None:
    fragment = (
        "<p>First <b>bold</b> paragraph.</p><script>alert('x')</script><!-- note -->"
        "<p>Second&nbsp;paragraph</p>tail text<br>after break<style>p{}</style>"
    )
    assert fragment_to_text(fragment) == "First bold paragraph.\nSecond paragraph\ntail text\nafter break"
    assert fragment_to_text("  plain words  ") == "plain words"
    assert fragment_to_text("<div>" * 200 + "deep" + "</div>" * 200) == "deep"
    # libxml2 stops at its nesting limit: hostile depth loses the text but never crashes.
    assert isinstance(fragment_to_text("<div>" * 50_000 + "deep"), str)


def test_looks_like_html() -> None:
    assert looks_like_html(b"<!DOCTYPE html><html>")
    assert looks_like_html(b"\xef\xbb\xbf\n  <!-- saved page -->\n<html lang='en'>")
    assert looks_like_html(b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">')
    assert not looks_like_html(b"Just some text about <html> tags.")
    assert not looks_like_html(b'<?xml version="1.0"?><rss version="2.0">')
