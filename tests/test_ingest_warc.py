"""WARC reader (warcio): HTML responses become articles, everything else is skipped, damage is
E007 after the articles read before it. Archives are built here with warcio's WARCWriter."""

from __future__ import annotations

import gzip
import logging
from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sitrep.errors import Code, InputError
from sitrep.ingest import warc
from sitrep.ingest.paths import read_path
from sitrep.ingest.warc import looks_like_warc
from sitrep.model import Article

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
PAGE = (FIXTURES / "page.html").read_bytes()  # states its own date and canonical url
HOSTILE = (FIXTURES / "hostile.html").read_bytes()  # states no date
WARC_DATE = "2024-02-03T10:00:00Z"


def _response(writer: WARCWriter, uri: str, body: bytes, content_type: str, status: str = "200 OK") -> None:
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        uri, "response", payload=BytesIO(body), http_headers=http,
        warc_headers_dict={"WARC-Date": WARC_DATE},
    )
    writer.write_record(record)


def build_warc(gz: bool = True, html_pages: bool = True, offsets: dict[str, int] | None = None) -> bytes:
    """A small crawl; ``offsets`` (if given) receives where each response record starts."""
    out = BytesIO()
    offsets = {} if offsets is None else offsets
    writer = WARCWriter(out, gzip=gz)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "tests"}))
    req = StatusAndHeaders("GET /a HTTP/1.1", [("Host", "example.org")], is_http_request=True)
    writer.write_record(writer.create_warc_record("https://example.org/a", "request", http_headers=req))
    pages = [
        ("https://example.org/a", PAGE, "text/html; charset=utf-8", "200 OK", html_pages),
        ("https://example.org/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png", "200 OK", True),
        ("https://example.org/missing", b"<html><body>Not found</body></html>", "text/html", "404 Not Found", True),
        ("https://example.org/b", HOSTILE, "text/html", "200 OK", html_pages),
        ("https://example.org/blank", b"<html><body></body></html>", "text/html", "200 OK", html_pages),
    ]
    for uri, body, content_type, status, wanted in pages:
        if wanted:
            offsets[uri] = out.tell()
            _response(writer, uri, body, content_type, status)
    return out.getvalue()


@pytest.mark.parametrize("gz", [True, False])
def test_html_responses_become_articles(tmp_path: Path, gz: bool, caplog: pytest.LogCaptureFixture) -> None:
    p = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    p.write_bytes(build_warc(gz))
    with caplog.at_level(logging.INFO, logger="sitrep.ingest.warc"):
        items = list(warc.read(p))
    assert [type(x).__name__ for x in items] == ["Article", "Article", "InputError"]
    page, hostile, blank = items
    assert isinstance(page, Article) and isinstance(hostile, Article)
    assert page.url == "https://example.org/a"  # WARC-Target-URI wins over the canonical link
    assert page.published == "2023-03-05"  # the page's own date wins
    assert page.title == "Fire at fuel depot after overnight drone strike"
    assert hostile.url == "https://example.org/b"
    assert hostile.published == "2024-02-03"  # WARC-Date as the fallback
    assert "SCRIPT_PAYLOAD" not in hostile.text
    assert page.source_path == str(p)
    assert isinstance(blank, InputError) and blank.code is Code.E005
    assert "https://example.org/blank" in str(blank)
    log = caplog.text
    assert "image/png" in log and "logo.png" in log
    assert "HTTP status 404" in log
    assert "record type request" in log


def test_damage_after_good_records_yields_them_then_e007(tmp_path: Path) -> None:
    good = build_warc(gz=False)
    p = tmp_path / "damaged.warc"
    p.write_bytes(good + b"\x00\x01 this is not a WARC record\r\n\r\n")
    items: list[object] = []
    with pytest.raises(InputError) as err:
        for item in warc.read(p):
            items.append(item)
    assert err.value.code is Code.E007
    assert sum(isinstance(x, Article) for x in items) == 2


@pytest.mark.parametrize("gz", [True, False])
def test_archive_cut_inside_a_record(tmp_path: Path, gz: bool) -> None:
    offsets: dict[str, int] = {}
    data = build_warc(gz=gz, offsets=offsets)
    start, end = offsets["https://example.org/b"], offsets["https://example.org/blank"]
    # Cut inside the hostile page's record: the first page is read, then E007.
    p = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    p.write_bytes(data[: (start + end) // 2 + 100])
    results = list(read_path(p))
    assert [r.article is not None for r in results] == [True, False]
    err = results[-1].error
    assert err is not None and err.code is Code.E007


def test_not_a_warc_is_e007(tmp_path: Path) -> None:
    p = tmp_path / "fake.warc"
    p.write_text("This is not an archive, only a sentence about an archive.\n")
    with pytest.raises(InputError) as err:
        list(warc.read(p))
    assert err.value.code is Code.E007


def test_warc_without_html_is_e012(tmp_path: Path) -> None:
    p = tmp_path / "images.warc.gz"
    p.write_bytes(build_warc(html_pages=False))
    with pytest.raises(InputError) as err:
        list(warc.read(p))
    assert err.value.code is Code.E012


def test_sniffed_without_extension(tmp_path: Path) -> None:
    for gz in (True, False):
        p = tmp_path / f"crawl{int(gz)}"
        p.write_bytes(build_warc(gz))
        assert looks_like_warc(p.read_bytes()[:4096])
        results = list(read_path(p))
        assert sum(r.article is not None for r in results) == 2
    assert not looks_like_warc(gzip.compress(b"<html>not a warc</html>"))
    assert not looks_like_warc(b"plain text")


def test_undecodable_payload_costs_one_record(tmp_path: Path) -> None:
    out = BytesIO()
    writer = WARCWriter(out, gzip=True)
    http = StatusAndHeaders(
        "200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")], protocol="HTTP/1.1"
    )
    bad = b"\x1f\x8b\x08\x00 not really gzip \x00\x01" * 4
    writer.write_record(writer.create_warc_record(
        "https://example.org/bad", "response", payload=BytesIO(bad), http_headers=http))
    _response(writer, "https://example.org/a", PAGE, "text/html")
    p = tmp_path / "mixed.warc.gz"
    p.write_bytes(out.getvalue())
    results = list(read_path(p))
    assert [r.ok for r in results] == [False, True]
    assert results[0].error is not None and "https://example.org/bad" in str(results[0].error)


def test_resource_records_and_untyped_responses(tmp_path: Path) -> None:
    out = BytesIO()
    writer = WARCWriter(out, gzip=False)
    writer.write_record(writer.create_warc_record(
        "https://example.org/saved", "resource", payload=BytesIO(PAGE),
        warc_content_type="text/html"))
    untyped = StatusAndHeaders("200 OK", [("Server", "test")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        "https://example.org/untyped", "response", payload=BytesIO(HOSTILE), http_headers=untyped))
    writer.write_record(writer.create_warc_record(
        "https://example.org/blob", "response", payload=BytesIO(b"%PDF-1.4 binary stuff"),
        http_headers=StatusAndHeaders("200 OK", [], protocol="HTTP/1.1")))
    p = tmp_path / "mixed.warc"
    p.write_bytes(out.getvalue())
    items = list(warc.read(p))
    assert [x.url for x in items if isinstance(x, Article)] == [
        "https://example.org/saved", "https://example.org/untyped"]
    assert len(items) == 2  # the untyped non-HTML blob is skipped, not an error


def test_wrong_content_length_is_e007_after_the_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = build_warc(gz=False)
    # Declare two bytes fewer than the first page's record has: warcio recovers at the next
    # record but counts the damage.
    marker = b"WARC-Target-URI: https://example.org/a\r\n"
    start = data.index(b"Content-Length: ", data.index(marker, data.index(b"response")))
    end = data.index(b"\r\n", start)
    length = int(data[start + 16 : end])
    p = tmp_path / "lengths.warc"
    p.write_bytes(data[:start] + b"Content-Length: " + str(length - 2).encode() + data[end:])
    results = list(read_path(p))
    err = results[-1].error
    assert err is not None and err.code is Code.E007 and "Content-Length" in str(err)
    assert sum(r.ok for r in results) == 2
    assert "WARNING" not in capsys.readouterr().err  # warcio's own stderr warning is silenced
