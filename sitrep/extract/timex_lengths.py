"""Values that are not calendar points: lengths of time ("two hours" PT2H, "the past three
weeks" P3W), repetitions ("daily" P1D as a SET) and vague references ("now" PRESENT_REF).
Handlers for ``timex_resolve.normalise``, split out to keep one concept per module."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sitrep.extract import timex_norm as tn
from sitrep.extract.timex_rules import Candidate, words

if TYPE_CHECKING:
    from sitrep.extract.timex_resolve import Context

_Result = tuple[str, str, int, int, bool]  # value, type, start, end, relative to the DCT?


def unit_code(raw: str) -> str:
    """'weeks' -> 'W', 'hours' -> 'TH' (see time_words.tsv), unknown -> ''."""
    key = raw.lower().rstrip("s") if raw.lower() != "centuries" else "century"
    return words()["unit"].get(key, "")


def number_value(raw: str) -> float | None:
    """'three' -> 3, '20' -> 20, 'twenty-five' -> 25, 'two and a half' -> 2.5, vague -> None."""
    s = re.sub(r"\s+", " ", raw.lower()).strip()
    extra = 0.0
    if s.endswith(("and a half", "and one half", "and a-half")):
        extra = 0.5
        s = s.split(" and ")[0]
    if s.endswith(" 1/2"):
        extra, s = 0.5, s[:-4]
    w = words()
    if s in w["vague_number"]:
        return None
    if re.fullmatch(r"\d+(\.\d+)?", s):
        return float(s) + extra
    if s in w["number"]:
        return float(w["number"][s]) + extra
    parts = re.split(r"[\s-]", s)
    if len(parts) == 2 and parts[0] in w["number"] and parts[1] in w["number"]:
        return float(w["number"][parts[0]]) + float(w["number"][parts[1]]) + extra
    return None


def ref(c: Candidate, text: str, ctx: Context) -> _Result | None:
    key = re.sub(r"\s+", " ", c.groups["word"].lower())
    return (words()["ref"][key], "DATE", c.start, c.end, False)


def ref_adj(c: Candidate, text: str, ctx: Context) -> _Result | None:
    value = {"current": "PRESENT_REF", "recent": "PAST_REF", "future": "FUTURE_REF",
             "former": "PAST_REF"}[c.groups["word"].lower()]
    return (value, "DATE", c.start, c.end, False)


def vague_plural(c: Candidate, text: str, ctx: Context) -> _Result | None:
    unit = unit_code(c.groups["unit"])
    return (tn.duration(None, unit), "DURATION", c.start, c.end, False) if unit else None


def decades_long(c: Candidate, text: str, ctx: Context) -> _Result | None:
    unit = unit_code(c.groups["unit"])
    return (tn.duration(None, "Y" if unit in ("DE", "CE") else unit), "DURATION", c.start, c.end, False)


def set_value(c: Candidate, text: str, ctx: Context) -> _Result | None:
    g = c.groups
    word = (g.get("word") or "").lower()
    fixed = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y",
             "annual": "P1Y", "nightly": "P1D", "hourly": "PT1H"}
    if word:
        return (fixed[word], "SET", c.start, c.end, False)
    if g.get("perunit"):
        return (tn.duration(1, unit_code(g["perunit"])), "SET", c.start, c.end, False)
    raw = g["unit"].lower()
    if raw in words()["weekday"]:
        return (f"XXXX-WXX-{words()['weekday'][raw]}", "SET", c.start, c.end, False)
    if raw in words()["part_of_day"]:
        return (f"XXXX-XX-XXT{words()['part_of_day'][raw]}", "SET", c.start, c.end, False)
    n = number_value(g["num"]) if g.get("num") else 1.0
    unit = unit_code(raw)
    return (tn.duration(n, unit), "SET", c.start, c.end, False) if unit else None


def duration(c: Candidate, text: str, ctx: Context) -> _Result | None:
    g = c.groups
    unit = unit_code(g["unit"])
    if not unit:
        return None
    n = number_value(g["num"])
    vague = g["num"].lower() in words()["vague_number"]
    if (n is None and not vague) or (n is not None and n >= 1000):
        return None  # "the 1988 quarter" is a year, not 1988 quarters
    if g.get("sep", " ").strip() == "-" and vague:
        return None
    if g.get("half") and n is not None:
        n += 0.5
    start = c.start
    if g.get("the") and not g.get("drel") and not g.get("hist"):
        # "a two-hour meeting", "the 23-year occupation": the length alone, without the
        # noun phrase's determiner (TimeBank extent); "the nine months ended ..." keeps it.
        after = ctx.token_at(c.end + 1) if c.end + 1 < len(text) else None
        nominal = after is not None and after.idx > c.end and (after.pos_ in ("NOUN", "PROPN", "ADJ") or after.lower_ == "of")
        if g.get("sep", " ").strip() == "-" or nominal:
            start = c.starts.get("approx", c.starts["num"])
    return (tn.duration(n, unit), "DURATION", start, c.end, False)


def bare_plural(c: Candidate, text: str, ctx: Context) -> _Result | None:
    unit = unit_code(c.groups["unit"])
    return (tn.duration(None, "Y" if unit == "DE" else unit), "DURATION", c.start, c.end, False) if unit else None


def the_years(c: Candidate, text: str, ctx: Context) -> _Result | None:
    return ("PXY", "DURATION", c.start, c.end, False)
