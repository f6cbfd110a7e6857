"""TimeML value arithmetic: calendar shifts, ISO weeks, quarters, and value formatting.

Pure functions over ``datetime.date``; no text, no spaCy. ``None`` as the reference date
(an article without a publication date) yields TimeML's underspecified forms (``XXXX-XX-XX``)
so that a relative expression is still reported, just unresolved.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Literal

Unit = Literal["D", "W", "M", "Q", "Y", "DE", "CE"]
Tense = Literal["past", "present", "future"]

_GRANULARITY_UNKNOWN = {
    "D": "XXXX-XX-XX",
    "W": "XXXX-WXX",
    "M": "XXXX-XX",
    "Q": "XXXX-QX",
    "Y": "XXXX",
    "DE": "XXX",
    "CE": "XX",
}


def parse_iso(value: str | None) -> dt.date | None:
    """``YYYY-MM-DD`` (any trailing time part ignored) -> date, else None."""
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def add_months(d: dt.date, n: int) -> dt.date:
    total = d.year * 12 + (d.month - 1) + n
    year, month = divmod(total, 12)
    day = min(d.day, calendar.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day)


def shift(d: dt.date, n: int, unit: Unit) -> dt.date:
    """``d`` moved by ``n`` units (negative = into the past)."""
    if unit == "D":
        return d + dt.timedelta(days=n)
    if unit == "W":
        return d + dt.timedelta(weeks=n)
    if unit == "M":
        return add_months(d, n)
    if unit == "Q":
        return add_months(d, 3 * n)
    if unit == "Y":
        return add_months(d, 12 * n)
    if unit == "DE":
        return add_months(d, 120 * n)
    return add_months(d, 1200 * n)


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def fmt(d: dt.date | None, unit: Unit) -> str:
    """The TimeML value of the ``unit``-sized period containing ``d``."""
    if d is None:
        return _GRANULARITY_UNKNOWN[unit]
    if unit == "D":
        return d.isoformat()
    if unit == "W":
        year, week, _ = d.isocalendar()
        return f"{year}-W{week:02d}"
    if unit == "M":
        return f"{d.year:04d}-{d.month:02d}"
    if unit == "Q":
        return f"{d.year:04d}-Q{quarter_of(d)}"
    if unit == "Y":
        return f"{d.year:04d}"
    if unit == "DE":
        return f"{d.year // 10:03d}"
    return f"{d.year // 100:02d}"


def relative(dct: dt.date | None, n: int, unit: Unit) -> str:
    """The period ``n`` units away from the reference date, at ``unit`` granularity."""
    return fmt(shift(dct, n, unit) if dct else None, unit)


def weekday_date(dct: dt.date, weekday: int, tense: Tense | None, explicit: str | None = None) -> dt.date:
    """Which ``weekday`` (ISO 1-7) a bare day name means in an article dated ``dct``.

    The same weekday as the article is the article's day ("early Wednesday" in a Wednesday
    article). Otherwise past tense (and ``last``) -> the most recent one before ``dct``; future
    tense (and ``next``/``this coming``) -> the next one; no tense -> the nearer of the two,
    ties to the past, because news reports mostly what has happened.
    """
    diff_back = (dct.isoweekday() - weekday) % 7
    diff_fwd = (weekday - dct.isoweekday()) % 7
    if explicit == "last":
        return dct - dt.timedelta(days=diff_back or 7)
    if explicit == "next":
        return dct + dt.timedelta(days=diff_fwd or 7)
    if diff_back == 0:
        return dct
    if tense == "future" or explicit == "coming":
        return dct + dt.timedelta(days=diff_fwd)
    if tense == "past" or diff_back <= diff_fwd:
        return dct - dt.timedelta(days=diff_back)
    return dct + dt.timedelta(days=diff_fwd)


def month_year(dct: dt.date, month: int, day: int | None, tense: Tense | None, explicit: str | None = None) -> int:
    """The year of a month (and day) given without one.

    ``last April`` / past tense: the latest such date not after ``dct``; ``next April`` / future
    tense: the first one not before it; otherwise the article's year.
    """
    target = (month, day or 1)
    current = (dct.month, dct.day if day else 1)
    if explicit == "last":
        return dct.year if target < current else dct.year - 1
    if explicit == "next":
        return dct.year if target > current else dct.year + 1
    options = [y for y in (dct.year - 1, dct.year, dct.year + 1) if safe_date(y, month, day or 1)]
    if not options:
        return dct.year

    def gap(year: int) -> int:
        when = safe_date(year, month, day or 1) or dct
        if day is None and year == dct.year and month == dct.month:
            return 0
        return (when - dct).days

    # A few days' slack: "said Jan. 14" in an article dated Jan. 13 (time zones, late
    # editions), "by Jan. 14" in an article dated Jan. 15.
    if tense == "past":
        past = [y for y in options if gap(y) <= 2]
        return max(past) if past else dct.year
    if tense == "future":
        coming = [y for y in options if gap(y) >= -7]
        return min(coming) if coming else dct.year
    if day is None:
        # A bare month with no tense: counted in months, the nearer occurrence ("in late
        # November" read in January is last November).
        back = (dct.month - month) % 12
        ahead = (month - dct.month) % 12
        if back == 0:
            return dct.year
        # News reports mostly the past: only a month at most a quarter ahead and nearer than
        # the last one is read as coming ("January" in an October article).
        if ahead < back and ahead <= 3:
            return dct.year if month > dct.month else dct.year + 1
        return dct.year if month < dct.month else dct.year - 1
    # No tense to go by: the nearest such date (ties to the past).
    return min(options, key=lambda y: (abs(gap(y)), gap(y) > 0))


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``-th ISO ``weekday`` of a month (Thanksgiving: 4th Thursday of November)."""
    first = dt.date(year, month, 1)
    offset = (weekday - first.isoweekday()) % 7
    return first + dt.timedelta(days=offset + 7 * (n - 1))


def duration(n: float | None, unit: str) -> str:
    """TimeML duration value: ``P3Y``, ``PT2H``, ``P10Y`` for a decade, ``PXY`` when vague."""
    time_units = {"TH": "H", "TM": "M", "S": "S"}
    if unit == "DE":
        qty, code = (None if n is None else n * 10), "Y"
        if n is None:
            return "PXDE"
    elif unit == "CE":
        if n is None:
            return "PXCE"
        qty, code = n * 100, "Y"
    else:
        qty, code = n, time_units.get(unit, unit)
    if qty is None:
        amount = "X"
    elif float(qty).is_integer():
        amount = str(int(qty))
    else:
        amount = f"{qty:g}"
    prefix = "PT" if unit in time_units else "P"
    return f"{prefix}{amount}{code}"


_PRECISION_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}"), "day"),
    (re.compile(r"^\d{4}-W\d{1,2}"), "week"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}-(Q\d|H\d|SP|SU|FA|WI)$"), "month"),
    (re.compile(r"^\d{4}$"), "year"),
)


def precision(value: str) -> Literal["day", "week", "month", "year"] | None:
    """ACLED-style precision of a resolved DATE value. Quarters and seasons count as
    ``month`` (ACLED's coarsest precision is a month); decades and vague values get None."""
    for pattern, prec in _PRECISION_PATTERNS:
        if pattern.match(value):
            return prec  # type: ignore[return-value]
    return None
