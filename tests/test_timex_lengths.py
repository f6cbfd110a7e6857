"""Lengths of time, repetitions and vague references (non-calendar values)."""

from __future__ import annotations

import pytest

from sitrep.extract.timex_lengths import number_value, unit_code


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("three", 3.0), ("20", 20.0), ("twenty-five", 25.0), ("two and a half", 2.5),
     ("5 1/2", 5.5), ("a", 1.0), ("several", None), ("a few", None)],
)
def test_number_value(raw: str, expected: float | None) -> None:
    assert number_value(raw) == expected


def test_unit_code() -> None:
    assert unit_code("hours") == "TH"
    assert unit_code("Decades") == "DE"
    assert unit_code("centuries") == "CE"
    assert unit_code("weeks") == "W"
    assert unit_code("fortnights") == ""
