"""JSON Lines reader: per-record errors with line numbers, metadata fields, content-hash ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.errors import Code, InputError
from sitrep.ingest import jsonl
from sitrep.model import Article

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def test_good_and_bad_lines() -> None:
    items = list(jsonl.read(FIXTURES / "articles.jsonl"))
    kinds = [type(x).__name__ for x in items]
    assert kinds == ["Article", "InputError", "InputError", "Article", "InputError", "Article"]
    errors = [x for x in items if isinstance(x, InputError)]
    assert [e.code for e in errors] == [Code.E008] * 3
    assert [e.details["line"] for e in errors] == [2, 4, 6]  # line 3 is blank: skipped
    assert "record 2 " in str(errors[0])

    first, second, third = (x for x in items if isinstance(x, Article))
    assert first.title == "Police disperse protest outside ministry"
    assert first.url == "https://example.org/a/1"
    assert first.outlet == "Capital Herald"
    assert first.published == "2024-01-15"
    assert first.author == "Sam Lee"
    assert first.id == Article.make_id(first.text) != "given-id-1"
    assert first.source_path == str(FIXTURES / "articles.jsonl")
    assert second.published == "2024-01-16"  # RFC 2822 "date" normalised
    assert second.language == "en"  # "en-US" normalised
    assert third.language == "fr"


def test_authors_list_and_crlf(tmp_path: Path) -> None:
    p = tmp_path / "a.jsonl"
    record = {"text": "First line.\r\nSecond line about the ceasefire talks.", "authors": ["A. One", "B. Two"],
              "published": "not a date"}
    p.write_text(json.dumps(record) + "\r\n", encoding="utf-8")
    (a,) = list(jsonl.read(p))
    assert isinstance(a, Article)
    assert a.author == "A. One, B. Two"
    assert a.text == "First line.\nSecond line about the ceasefire talks."
    assert a.published is None


def test_non_utf8_line_is_still_read(tmp_path: Path) -> None:
    p = tmp_path / "a.jsonl"
    p.write_bytes('{"text": "Le café a été détruit par une frappe."}\n'.encode("cp1252"))
    (a,) = list(jsonl.read(p))
    assert isinstance(a, Article) and "café" in a.text


def test_empty_and_blank_files_are_e001(tmp_path: Path) -> None:
    for content in ("", "\n\n  \n"):
        p = tmp_path / "e.jsonl"
        p.write_text(content, encoding="utf-8")
        with pytest.raises(InputError) as err:
            list(jsonl.read(p))
        assert err.value.code is Code.E001


def test_binary_file_is_e002(tmp_path: Path) -> None:
    p = tmp_path / "b.jsonl"
    p.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(InputError) as err:
        list(jsonl.read(p))
    assert err.value.code is Code.E002


def test_same_text_twice_same_id(tmp_path: Path) -> None:
    p = tmp_path / "d.jsonl"
    lines = [{"text": "Two mortar rounds hit the camp.", "id": "x1", "outlet": "A"},
             {"text": "Two  mortar rounds hit the camp.\n", "id": "x2", "outlet": "B"}]
    p.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    a, b = list(jsonl.read(p))
    assert isinstance(a, Article) and isinstance(b, Article)
    assert a.id == b.id
