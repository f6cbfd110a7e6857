"""Calendar arithmetic and TimeML value formatting."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.extract import timex_norm as tn

WED = dt.date(2022, 8, 24)  # a Wednesday


def test_fmt_granularities() -> None:
    assert tn.fmt(WED, "D") == "2022-08-24"
    assert tn.fmt(WED, "W") == "2022-W34"
    assert tn.fmt(WED, "M") == "2022-08"
    assert tn.fmt(WED, "Q") == "2022-Q3"
    assert tn.fmt(WED, "Y") == "2022"
    assert tn.fmt(WED, "DE") == "202"
    assert tn.fmt(None, "W") == "XXXX-WXX"


def test_shift_handles_month_ends_and_iso_years() -> None:
    assert tn.shift(dt.date(2022, 3, 31), -1, "M") == dt.date(2022, 2, 28)
    assert tn.relative(dt.date(2021, 1, 2), -1, "W") == "2020-W52"
    assert tn.relative(WED, -1, "Q") == "2022-Q2"
    assert tn.relative(WED, 1, "Y") == "2023"


@pytest.mark.parametrize(
    ("weekday", "tense", "explicit", "expected"),
    [
        (3, None, None, "2022-08-24"),  # the article's own weekday
        (2, "past", None, "2022-08-23"),
        (5, "past", None, "2022-08-19"),
        (5, "future", None, "2022-08-26"),
        (4, None, None, "2022-08-25"),  # nearer ahead than behind
        (1, None, None, "2022-08-22"),
        (3, None, "last", "2022-08-17"),
        (3, None, "next", "2022-08-31"),
    ],
)
def test_weekday_date(weekday: int, tense: tn.Tense | None, explicit: str | None, expected: str) -> None:
    assert tn.weekday_date(WED, weekday, tense, explicit).isoformat() == expected


def test_month_year_by_tense() -> None:
    assert tn.month_year(WED, 8, 15, "past") == 2022
    assert tn.month_year(WED, 12, 1, "past") == 2021
    assert tn.month_year(WED, 3, 1, "future") == 2023
    assert tn.month_year(WED, 12, 15, None) == 2022  # nearest
    assert tn.month_year(dt.date(2000, 1, 15), 11, 25, None) == 1999
    assert tn.month_year(WED, 4, None, "past", "last") == 2022
    assert tn.month_year(WED, 9, None, None, "last") == 2021


def test_duration_values() -> None:
    assert tn.duration(3, "W") == "P3W"
    assert tn.duration(2, "TH") == "PT2H"
    assert tn.duration(2.5, "Y") == "P2.5Y"
    assert tn.duration(1, "DE") == "P10Y"
    assert tn.duration(None, "Y") == "PXY"


def test_precision_and_parse() -> None:
    assert tn.precision("2022-08-24") == "day"
    assert tn.precision("2022-08-24TMO") == "day"
    assert tn.precision("2022-W34") == "week"
    assert tn.precision("2022-08") == "month"
    assert tn.precision("2022-Q3") == "month"
    assert tn.precision("2022") == "year"
    assert tn.precision("PAST_REF") is None
    assert tn.parse_iso("2022-02-30") is None
    assert tn.nth_weekday(2022, 11, 4, 4) == dt.date(2022, 11, 24)
