"""Normalisation handlers and the tense reader, on parses of sentences written for the test."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sitrep.extract import timex_rules as tr
from sitrep.extract.timex_resolve import Context, normalise, remember, tense_at


def context(nlp: Any, text: str, dct: dt.date | None = dt.date(1999, 10, 26)) -> Context:
    doc = nlp(text)
    return Context(dct=dct, doc=doc, starts=[t.idx for t in doc])


def first(text: str, kind: str) -> tr.Candidate:
    return next(c for c in tr.select(tr.find_candidates(text)) if c.kind == kind)


def test_tense_at(nlp: Any) -> None:
    text = "The rebels attacked Monday and will withdraw Friday; they hold the town now."
    ctx = context(nlp, text)
    assert tense_at(ctx, text.index("Monday")) == "past"
    assert tense_at(ctx, text.index("Friday")) == "future"
    assert tense_at(ctx, text.index("now")) == "present"


def test_year_ago_follows_the_last_quarter(nlp: Any) -> None:
    text = "Profit rose in the third quarter from a year earlier."
    ctx = context(nlp, text)
    quarter = first(text, "quarter")
    got = normalise(quarter, text, ctx)
    assert got is not None and got[0] == "1999-Q3"
    remember(got[0], ctx)
    ago = normalise(first(text, "year_ago"), text, ctx)
    assert ago is not None and ago[0] == "1998-Q3"


def test_adjectival_duration_drops_the_determiner(nlp: Any) -> None:
    text = "They held a two-hour meeting."
    ctx = context(nlp, text)
    got = normalise(first(text, "duration"), text, ctx)
    assert got is not None
    value, kind, start, end, _ = got
    assert (value, kind, text[start:end]) == ("PT2H", "DURATION", "two-hour")


def test_unresolved_without_dct(nlp: Any) -> None:
    text = "Shops reopened yesterday."
    ctx = context(nlp, text, None)
    got = normalise(first(text, "deictic"), text, ctx)
    assert got is not None and got[0] == "XXXX-XX-XX" and got[4] is True


def test_clock_time_takes_the_weekday(nlp: Any) -> None:
    text = "The deadline passed at 9 a.m. Tuesday."
    ctx = context(nlp, text)
    got = normalise(first(text, "clock"), text, ctx)
    assert got is not None and got[0] == "1999-10-26T09:00"


def test_month_day_takes_the_year_word_that_follows(nlp: Any) -> None:
    text = "Fighting has shaken the town since September 9 last year, when a truce broke down."
    ctx = context(nlp, text, dct=dt.date(2025, 5, 20))
    got = normalise(first(text, "date_mdy"), text, ctx)
    assert got is not None and got[0] == "2024-09-09"


def test_since_a_month_day_is_never_after_the_article(nlp: Any) -> None:
    text = "Fighting between the factions has shaken the town since September 9."
    ctx = context(nlp, text, dct=dt.date(2025, 5, 20))
    got = normalise(first(text, "date_mdy"), text, ctx)
    assert got is not None and got[0] == "2024-09-09"


def test_modal_should_looks_ahead(nlp: Any) -> None:
    text = "The handover of the base should be completed in October."
    ctx = context(nlp, text, dct=dt.date(2009, 6, 5))
    assert tense_at(ctx, text.index("October")) == "future"
    got = normalise(first(text, "month"), text, ctx)
    assert got is not None and got[0] == "2009-10"
