"""read_paths / read_path: directory expansion, dispatch by extension then sniffing, errors as
results, size limit."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sitrep.errors import Code
from sitrep.ingest import base, feed, html, jsonl, read_path, read_paths, reader_for, text

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
BODY = "Rebel fighters ambushed a supply convoy on the mountain road on Thursday, officials said.\n"


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "b_sub" / "deeper").mkdir(parents=True)
    (root / ".hidden_dir").mkdir()
    (root / "z.txt").write_text("date 2024-03-01\n\n" + BODY)
    (root / "a.html").write_bytes((FIXTURES / "page.html").read_bytes())
    (root / "b_sub" / "c.jsonl").write_text(json.dumps({"text": BODY}) + "\nbroken\n")
    (root / "b_sub" / "deeper" / "d.rss").write_bytes((FIXTURES / "feed.rss").read_bytes())
    (root / "b_sub" / "junk.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)))
    (root / ".hidden.txt").write_text(BODY)
    (root / ".hidden_dir" / "x.txt").write_text(BODY)
    return root


def test_directory_expansion_is_sorted_recursive_and_skips_hidden(corpus: Path) -> None:
    results = list(read_paths([corpus]))
    names = [Path(r.path).relative_to(corpus).as_posix() for r in results]
    assert names == [
        "a.html",
        "b_sub/c.jsonl", "b_sub/c.jsonl",
        "b_sub/deeper/d.rss", "b_sub/deeper/d.rss", "b_sub/deeper/d.rss",
        "b_sub/junk.pdf",
        "z.txt",
    ]
    codes = [r.error.code.name if r.error else "ok" for r in results]
    assert codes == ["ok", "ok", "E008", "ok", "ok", "E010", "E009", "ok"]
    assert all((r.article is None) != (r.error is None) for r in results)
    z = results[-1].article
    assert z is not None and z.published == "2024-03-01"
    # the same body in a .txt and a .jsonl record is one article
    c = results[1].article
    assert c is not None and c.id == z.id


def test_missing_path_is_e011_and_iteration_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(BODY)
    results = list(read_paths([tmp_path / "nope.txt", good, str(tmp_path / "nope_dir")]))
    assert [r.error.code if r.error else None for r in results] == [Code.E011, None, Code.E011]
    assert results[1].article is not None and results[1].ok


def test_bad_files_never_stop_the_run(tmp_path: Path) -> None:
    (tmp_path / "1_empty.txt").write_bytes(b"")
    (tmp_path / "2_binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "3_nobody.html").write_bytes((FIXTURES / "no_body.html").read_bytes())
    (tmp_path / "4_empty.rss").write_bytes((FIXTURES / "empty_feed.rss").read_bytes())
    (tmp_path / "5_fake.warc").write_text("not an archive\n")
    (tmp_path / "6_good.md").write_text(BODY)
    results = list(read_path(tmp_path))
    assert [r.error.code.name if r.error else "ok" for r in results] == [
        "E001", "E002", "E005", "E006", "E007", "ok",
    ]


@pytest.mark.parametrize(
    ("fixture", "reader"),
    [("page.html", html.read), ("feed.rss", feed.read), ("feed.atom", feed.read),
     ("articles.jsonl", jsonl.read), ("header_article.txt", text.read)],
)
def test_files_without_extension_are_sniffed(tmp_path: Path, fixture: str, reader: object) -> None:
    p = tmp_path / "download"
    shutil.copy(FIXTURES / fixture, p)
    assert reader_for(p) is reader


def test_unknown_extension_is_sniffed_or_e009(tmp_path: Path) -> None:
    page = tmp_path / "page.php"
    shutil.copy(FIXTURES / "page.html", page)
    notes = tmp_path / "notes.csv"
    notes.write_text("a,b\n1,2\n")
    results = list(read_paths([page, notes]))
    assert results[0].article is not None
    assert results[1].error is not None and results[1].error.code is Code.E009


def test_size_limit_from_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "big.txt"
    p.write_text(BODY * 2000)  # about 180 kB
    monkeypatch.setenv(base.ENV_MAX_MB, "0.1")
    (result,) = list(read_path(p))
    assert result.error is not None and result.error.code is Code.E004
    assert "0.1 MB" in str(result.error)
    monkeypatch.setenv(base.ENV_MAX_MB, "1")
    (result,) = list(read_path(p))
    assert result.article is not None


def test_size_limit_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(base.ENV_MAX_MB, raising=False)
    assert base.max_bytes() == 64 * 1024 * 1024
    monkeypatch.setattr(base, "MAX_BYTES", 1000)
    p = tmp_path / "a.jsonl"
    p.write_text(json.dumps({"text": BODY * 20}))
    (result,) = list(read_path(p))
    assert result.error is not None and result.error.code is Code.E004


def test_unreadable_path_is_an_error_result(tmp_path: Path) -> None:
    # A broken symlink exists as a directory entry but cannot be read.
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "gone.txt")
    (result,) = list(read_path(tmp_path))
    assert result.error is not None and result.error.code in (Code.E011, Code.E013)


def test_a_bare_path_is_one_path(tmp_path: Path) -> None:
    p = tmp_path / "one.txt"
    p.write_text(BODY)
    for given in (str(p), p):
        (result,) = list(read_paths(given))
        assert result.article is not None
