"""Shared reader helpers: date normalisation, metadata cleaning, the Article constructor."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime

import pytest

from sitrep.errors import Code, InputError
from sitrep.ingest.base import ReadResult, clean_meta, make_article, normalize_date
from sitrep.model import Article


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-08-24", "2022-08-24"),
        ("2022-8-4", "2022-08-04"),
        ("2022/08/24", "2022-08-24"),
        ("20220824103000", "2022-08-24"),
        ("2022-08-24T10:00:00.123Z", "2022-08-24"),
        ("Wed, 24 Aug 2022 10:00:00 +0000", "2022-08-24"),
        ("24 August 2022", "2022-08-24"),
        ("24 août 2022", "2022-08-24"),
        (datetime(2022, 8, 24, 23, 59, tzinfo=UTC), "2022-08-24"),
        (date(2022, 8, 24), "2022-08-24"),
        (time.struct_time((2022, 8, 24, 10, 0, 0, 2, 236, 0)), "2022-08-24"),
        (1661335200, "2022-08-24"),
        ("2022-02-30", None),
        ("yesterday", None),
        ("last Tuesday", None),
        ("12 killed", None),
        ("March 2021", None),  # not a day
        (2022, None),  # a year, not a timestamp
        (True, None),
        (None, None),
        ("", None),
        ("x" * 100, None),
    ],
)
def test_normalize_date(value: object, expected: str | None) -> None:
    assert normalize_date(value) == expected


def test_clean_meta() -> None:
    assert clean_meta("  Jane\n  Roe ") == "Jane Roe"
    assert clean_meta(["A", "", None, "B"]) == "A, B"
    assert clean_meta("   ") is None
    assert clean_meta(42) is None
    assert clean_meta("x" * 900) == "x" * 500


def test_make_article() -> None:
    a = make_article(
        "\r\n  Troops entered the town.\r\nResidents fled.  \n", "src.txt",
        published="5 March 2023", language="EN-gb", title=" A  title ", url="https://example.org/a",
    )
    assert a.text == "Troops entered the town.\nResidents fled."
    assert a.id == Article.make_id(a.text)
    assert a.published == "2023-03-05"
    assert a.language == "en"
    assert a.title == "A title"
    assert a.source_path == "src.txt"


def test_make_article_detects_language_when_not_given() -> None:
    a = make_article("Des soldats ont été tués dans une attaque contre leur base selon les autorités.", "x")
    assert a.language == "fr"


def test_make_article_drops_unparseable_date_and_refuses_empty_text() -> None:
    assert make_article("Shelling continued overnight in the east.", "x", published="soon").published is None
    with pytest.raises(InputError) as err:
        make_article(" \n\t ", "empty.txt")
    assert err.value.code is Code.E010
    assert "empty.txt" in str(err.value)


def test_read_result_ok() -> None:
    a = make_article("Shelling continued overnight in the east.", "x")
    assert ReadResult("x", a, None).ok
    assert not ReadResult("x", None, InputError(Code.E001, path="x")).ok
