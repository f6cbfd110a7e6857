"""Compressed single files: decompressed within the size limit, dispatched on the inner name."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
from pathlib import Path

import pytest

from sitrep.errors import Code
from sitrep.ingest import base, read_path
from sitrep.ingest.compressed import compression, inner_path

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
BODY = "Rebel fighters ambushed a supply convoy on the mountain road on Thursday, officials said."


@pytest.mark.parametrize(("suffix", "pack"), [(".gz", gzip.compress), (".bz2", bz2.compress),
                                               (".xz", lzma.compress)])
def test_compressed_jsonl_html_text_and_feed(tmp_path: Path, suffix: str, pack: object) -> None:
    assert callable(pack)
    lines = "\n".join(json.dumps({"text": f"{BODY} Report {i}."}) for i in range(3))
    (tmp_path / f"a.jsonl{suffix}").write_bytes(pack(lines.encode()))
    (tmp_path / f"b.html{suffix}").write_bytes(pack((FIXTURES / "page.html").read_bytes()))
    (tmp_path / f"c.txt{suffix}").write_bytes(pack(f"date 2024-01-02\n\n{BODY}".encode()))
    (tmp_path / f"d.rss{suffix}").write_bytes(pack((FIXTURES / "feed.rss").read_bytes()))
    results = list(read_path(tmp_path))
    ok = [r for r in results if r.article is not None]
    assert len(ok) == 3 + 1 + 1 + 2
    assert all(r.article.source_path == r.path for r in ok if r.article)
    c = next(r.article for r in ok if r.path.endswith(f"c.txt{suffix}"))
    assert c is not None and c.published == "2024-01-02" and c.text == BODY
    b = next(r.article for r in ok if r.path.endswith(f"b.html{suffix}"))
    assert b is not None and b.outlet == "Riverside Courier"


def test_compressed_without_inner_extension_is_sniffed(tmp_path: Path) -> None:
    p = tmp_path / "download.gz"
    p.write_bytes(gzip.compress((FIXTURES / "feed.atom").read_bytes()))
    (result,) = list(read_path(p))
    assert result.article is not None and result.article.outlet == "Lakeshore Daily"
    q = tmp_path / "blob"  # no extension at all: found by its magic bytes
    q.write_bytes(gzip.compress(BODY.encode()))
    (result,) = list(read_path(q))
    assert result.article is not None and result.article.text == BODY


def test_decompression_stops_at_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "bomb.txt.gz"
    p.write_bytes(gzip.compress(b"A" * (3 * 1024 * 1024)))  # 3 MB of text in a few kB
    assert p.stat().st_size < 50_000
    monkeypatch.setenv(base.ENV_MAX_MB, "1")
    (result,) = list(read_path(p))
    assert result.error is not None and result.error.code is Code.E004


def test_damaged_and_empty_archives(tmp_path: Path) -> None:
    data = gzip.compress(BODY.encode() * 50)
    (tmp_path / "a_cut.txt.gz").write_bytes(data[: len(data) // 2])
    (tmp_path / "b_empty.txt.gz").write_bytes(gzip.compress(b""))
    (tmp_path / "c_fake.txt.bz2").write_bytes(b"BZh9 this is not bzip2 data at all")
    codes = [r.error.code if r.error else None for r in read_path(tmp_path)]
    assert codes == [Code.E013, Code.E001, Code.E013]


def test_helpers() -> None:
    assert compression(Path("a.jsonl.GZ")) == ".gz"
    assert compression(Path("x"), b"\xfd7zXZ\x00\x00") == ".xz"
    assert compression(Path("a.txt"), b"plain") is None
    assert inner_path(Path("d/a.jsonl.gz")) == Path("d/a.jsonl")
    assert inner_path(Path("d/a.txt")) == Path("d/a.txt")


def test_magic_bytes_do_not_override_a_known_extension(tmp_path: Path) -> None:
    p = tmp_path / "note.txt"
    p.write_text("BZh is how the report's file began; the rest is ordinary text about a raid.")
    (result,) = list(read_path(p))
    assert result.article is not None
