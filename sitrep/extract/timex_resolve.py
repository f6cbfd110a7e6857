"""Normalisation of recognised time expressions to TimeML values (see ``sitrep.extract.times``).

One handler per rule kind of ``timex_rules``. Each returns ``(value, type, start, end,
relative)`` or None to drop the candidate; ``relative`` marks values computed from the DCT.
The document context (DCT, parse, last date and quarter mentioned) travels in ``Context``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from sitrep.extract import timex_norm as tn
from sitrep.extract.timex_lengths import (
    bare_plural,
    decades_long,
    duration,
    number_value,
    ref,
    ref_adj,
    set_value,
    the_years,
    unit_code,
    vague_plural,
)
from sitrep.extract.timex_rules import Candidate, words

_FUTURE_AUX = frozenset({"will", "'ll", "’ll", "shall", "wo"})
_PAST_AUX = frozenset({"had", "did", "was", "were"})
_PERFECT_AUX = frozenset({"has", "have", "'ve", "’ve"})
# A modal without "have" looks ahead: "should be completed in October", "may close Monday".
# "would", "could" and "can" are left out: on TBAQ dev they also carry reported and habitual
# past ("said it would ..."); with them MEANTIME dev value F1 0.813 -> 0.817 but TBAQ dev
# 0.795 -> 0.794, without them 0.817 and 0.795 (2026-12-04).
_MODAL_AUX = frozenset({"should", "may", "might", "must"})

@dataclass
class Context:
    dct: dt.date | None
    doc: Doc
    starts: list[int]
    last_date: dt.date | None = None  # the last day-precision date mentioned
    last_quarter: str | None = None  # the last quarter mentioned (financial "a year ago")
    last_value: str | None = None  # the last calendar value mentioned, any granularity
    sentence_dates: dict[int, dt.date] = field(default_factory=dict)

    def token_at(self, char: int) -> Token:
        i = max(0, bisect.bisect_right(self.starts, char) - 1)
        return self.doc[i]


# --- normalisation -------------------------------------------------------------------------

_Result = tuple[str, str, int, int, bool]  # value, type, start, end, relative to the DCT?


def normalise(c: Candidate, text: str, ctx: Context) -> _Result | None:
    handler = _HANDLERS.get(c.kind)
    if handler is None:
        return None
    return handler(c, text, ctx)


def _month_num(name: str) -> int:
    w = words()
    key = name.rstrip(".").lower()
    return int(w["month"].get(key) or w["month_abbr"][key])


def _day_num(raw: str) -> int:
    return int(re.sub(r"\D", "", raw))


def _year_num(raw: str) -> int:
    digits = int(raw.lstrip("'"))
    if len(raw.lstrip("'")) == 2:
        return 1900 + digits if digits >= 30 else 2000 + digits
    return digits


def tense_at(ctx: Context, char: int) -> tn.Tense | None:
    """Tense of the verb that governs the token at ``char``: climb the parse to a verb, then
    read its tag and auxiliaries ("will"/"to" future; VBD, "had", "has"+VBN past)."""
    tok = ctx.token_at(char)
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX"):
            break
        if tok.head is tok:
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    aux = {child.lower_ for child in tok.children if child.dep_ in ("aux", "auxpass")}
    if aux & _FUTURE_AUX:
        return "future"
    if aux & _MODAL_AUX and not aux & {"have", "'ve", "’ve"}:
        return "future"
    if tok.lower_ in ("will", "'ll", "shall"):
        return "future"
    if tok.tag_ == "VBN" and tok.dep_ in ("acl", "advcl") and not aux:
        return "past"  # "plans announced in January", "rescued on Nov. 25"
    if tok.tag_ == "VBD" or aux & _PAST_AUX or (aux & _PERFECT_AUX and tok.tag_ == "VBN"):
        return "past"
    if tok.tag_ == "VBG" and aux & {"is", "are", "am", "'s", "'re"}:
        return "future"  # "is meeting Friday": a plan
    if tok.tag_ in ("VBZ", "VBP", "VB"):
        return "present"
    return None


def _iso(c: Candidate, text: str, ctx: Context) -> _Result | None:
    g = c.groups
    d = tn.safe_date(int(g["year"]), int(g["month"]), int(g["day"]))
    return (d.isoformat(), "DATE", c.start, c.end, False) if d else None


def _numeric(c: Candidate, text: str, ctx: Context) -> _Result | None:
    g = c.groups
    # Month first, as in US news; a first number above 12 can only be a day.
    a, b = int(g["a"]), int(g["b"])
    month, day = (a, b) if a <= 12 else (b, a)
    d = tn.safe_date(_year_num(g["year"]), month, day)
    return (d.isoformat(), "DATE", c.start, c.end, False) if d else None


def _explicit_date(c: Candidate, text: str, ctx: Context) -> _Result | None:
    g = c.groups
    month, day = _month_num(g["month"]), _day_num(g["day"])
    if not 1 <= day <= 31:
        return None
    start = c.start
    if g.get("year"):
        d = tn.safe_date(_year_num(g["year"]), month, day)
        return (d.isoformat(), "DATE", start, c.end, False) if d else None
    if ctx.dct is None:
        return (f"XXXX-{month:02d}-{day:02d}", "DATE", start, c.end, True)
    year_word = _DAY_OF_YEAR.match(text, c.end)
    if year_word:
        # "September 9 last year": the year word that follows names the year (it stays its
        # own expression, as in TimeBank).
        year = ctx.dct.year + {"this": 0, "last": -1, "next": 1}[year_word[1].lower()]
        d = tn.safe_date(year, month, day)
        return (d.isoformat(), "DATE", start, c.end, True) if d else None
    explicit = "last" if _preceded_by(text, c.start, ("last",)) else None
    tense = tense_at(ctx, c.start)
    if tense == "past" and _preceded_by(text, c.start, _FORWARD_PREPS):
        tense = None  # "extended the offer until Nov. 17": a deadline, not the past
    if _preceded_by(text, c.start, ("since",)):
        tense = "past"  # "since September 9": a start that has already come, whatever the verb
    year = tn.month_year(ctx.dct, month, day, tense, explicit)
    d = tn.safe_date(year, month, day)
    return (d.isoformat(), "DATE", start, c.end, True) if d else None


def _day_range(c: Candidate, text: str, ctx: Context) -> _Result | None:
    """"3-5 May", "May 3-5, 2021": dated by its first day; ``tag`` adds the last as the end."""
    g = c.groups
    first = {"day": g.get("day") or g["day3"], "month": g.get("month") or g["month2"]}
    if g.get("year") or g.get("year2"):
        first["year"] = g.get("year") or g["year2"]
    last = int(re.sub(r"\D", "", g.get("day2") or g["day4"]))
    if last <= _day_num(first["day"]) or last > 31:
        return None
    return _explicit_date(Candidate("date_mdy", c.start, c.end, first, c.rank, c.starts), text, ctx)


def range_end(c: Candidate, value: str) -> str | None:
    """The last day of a ``day_range`` whose first day normalised to ``value``."""
    last = c.groups.get("day2") or c.groups.get("day4")
    if c.kind != "day_range" or not last or len(value) < 10:
        return None
    day = tn.safe_date(int(value[:4]), int(value[5:7]), int(re.sub(r"\D", "", last))) if value[:4].isdigit() else None
    return day.isoformat() if day else None


def _preceded_by(text: str, start: int, options: tuple[str, ...]) -> bool:
    before = text[max(0, start - 12) : start].lower().split()
    return bool(before) and before[-1] in options


def _month_year(c: Candidate, text: str, ctx: Context) -> _Result | None:
    g = c.groups
    return (f"{int(g['year']):04d}-{_month_num(g['month']):02d}", "DATE", c.start, c.end, False)


def _rel_word(g: dict[str, str]) -> str | None:
    rel = re.sub(r"\s+", " ", g.get("rel", "").lower())
    if rel in ("last", "this past", "the past", "the previous", "the last"):
        return "last"
    if rel in ("next", "this coming", "the coming", "the following"):
        return "next"
    if rel in ("this", "the current"):
        return "this"
    return None


def _month(c: Candidate, text: str, ctx: Context) -> _Result | None:
    month = _month_num(c.groups["month"])
    if ctx.dct is None:
        return (f"XXXX-{month:02d}", "DATE", c.start, c.end, True)
    rel = _rel_word(c.groups)
    yrel = c.groups.get("yrel", "").lower()
    of_year = _OF_YEAR.match(text, c.end)
    if of_year and not yrel:
        yrel = of_year[1].lower()  # "October of next year": "next year" is its own expression
    if yrel:
        year = ctx.dct.year + {"this": 0, "last": -1, "next": 1}[yrel]
    elif rel == "this":
        year = ctx.dct.year
    else:
        tense = tense_at(ctx, c.start)
        if tense == "past" and _preceded_by(text, c.start, _FORWARD_PREPS):
            tense = None
        if _preceded_by(text, c.start, ("since",)):
            tense = "past"
        year = tn.month_year(ctx.dct, month, None, tense, rel)
    return (f"{year:04d}-{month:02d}", "DATE", c.start, c.end, True)


_FORWARD_PREPS = ("until", "till", "through", "to", "pending")
_OF_YEAR = re.compile(r"\s+of\s+(this|last|next)\s+year\b", re.IGNORECASE)
_DAY_OF_YEAR = re.compile(r",?\s+(?:of\s+)?(this|last|next)\s+year\b", re.IGNORECASE)
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _season(c: Candidate, text: str, ctx: Context) -> _Result | None:
    g = c.groups
    code = words()["season"][g["season"].lower()]
    if g.get("year"):
        return (f"{g['year']}-{code}", "DATE", c.start, c.end, False)
    if ctx.dct is None:
        return (f"XXXX-{code}", "DATE", c.start, c.end, True)
    rel = _rel_word(g)
    year = ctx.dct.year
    started = _SEASON_START[code] <= ctx.dct.month
    if rel == "last" and (not started or code == "WI"):
        year -= 1
    elif rel == "next" and started:
        year += 1
    elif rel is None and not started and tense_at(ctx, c.start) == "past":
        year -= 1
    return (f"{year:04d}-{code}", "DATE", c.start, c.end, True)


def _year(c: Candidate, text: str, ctx: Context) -> _Result | None:
    return (f"{int(c.groups['year']):04d}", "DATE", c.start, c.end, False)


def _decade(c: Candidate, text: str, ctx: Context) -> _Result | None:
    g = c.groups
    if g.get("cent"):
        return (f"{g['cent']}{g['dec']}", "DATE", c.start, c.end, False)
    digit = int(g.get("short") or g["bare"])
    century = "19" if digit >= 2 else "20"
    return (f"{century}{digit}", "DATE", c.start, c.end, False)


def _century(c: Candidate, text: str, ctx: Context) -> _Result | None:
    n = int(c.groups["n"])
    return (f"{n - 1:02d}", "DATE", c.start, c.end, False) if 1 <= n <= 21 else None


def _quarter(c: Candidate, text: str, ctx: Context) -> _Result | None:
    g = c.groups
    half = g["qh"].lower() == "half"
    n = (2 if half else 4) if g["ord"].lower() == "final" else int(words()["ordinal"][g["ord"].lower()])
    if (half and n > 2) or n > 4:
        return None
    code = f"H{n}" if half else f"Q{n}"
    start = c.start
    if text[c.start : c.start + 4].lower() == "the " and "-" in text[c.starts["ord"] : c.end] and not g.get("qy"):
        start = c.start + 4  # "the third-quarter loss": the adjective alone, as TimeBank marks it
    c = Candidate(c.kind, start, c.end, c.groups, c.rank, c.starts)
    year_raw = g.get("qy") or g.get("qfy") or (g["yrq"] if g.get("yrq", "")[:1].isdigit() else None)
    if year_raw:
        return (f"{year_raw}-{code}", "DATE", c.start, c.end, False)
    if ctx.dct is None:
        return (f"XXXX-{code}", "DATE", c.start, c.end, True)
    year = ctx.dct.year
    rel = (g.get("qrel") or g.get("yrq", "")).lower()
    if rel.startswith("last"):
        year -= 1
    elif rel.startswith("next"):
        year += 1
    elif not rel:
        current = tn.quarter_of(ctx.dct) if not half else (1 if ctx.dct.month <= 6 else 2)
        periods = 2 if half else 4
        # A later quarter than the DCT's is last year's when told in the past tense or when
        # last year's is nearer ("fourth quarter" results reported in February).
        tense = tense_at(ctx, c.start)
        if n > current and tense != "future" and (tense == "past" or n - current > periods - (n - current)):
            year -= 1
    return (f"{year:04d}-{code}", "DATE", c.start, c.end, True)


def _quarter_ref(c: Candidate, text: str, ctx: Context) -> _Result | None:
    if ctx.dct is None:
        return ("XXXX-QX", "DATE", c.start, c.end, True)
    mod = (c.groups.get("qmod") or "").lower()
    if mod == "current":
        return (tn.fmt(ctx.dct, "Q"), "DATE", c.start, c.end, True)
    # "the quarter" / "the latest quarter" in a results story: the last completed quarter.
    return (tn.relative(ctx.dct, -1, "Q"), "DATE", c.start, c.end, True)


def _year_ago(c: Candidate, text: str, ctx: Context) -> _Result | None:
    # "a year earlier" / "the year-ago quarter": in a results story it is the same quarter a
    # year back (TimeBank writes 1988-Q3), otherwise the previous year.
    g = c.groups
    if g.get("ord"):
        n = int(words()["ordinal"][g["ord"].lower()])
        year = ctx.dct.year - 1 if ctx.dct else None
        return (f"{year:04d}-Q{n}" if year else f"XXXX-Q{n}", "DATE", c.start, c.end, True)
    if ctx.last_quarter and ctx.last_quarter[:4].isdigit():
        return (f"{int(ctx.last_quarter[:4]) - 1:04d}{ctx.last_quarter[4:]}", "DATE", c.start, c.end, True)
    return (tn.relative(ctx.dct, -1, "Y"), "DATE", c.start, c.end, True)


def _ago(c: Candidate, text: str, ctx: Context) -> _Result | None:
    g = c.groups
    unit = unit_code(g["unit"])
    n = number_value(g["num"])
    if unit in ("S", "TM", "TH"):
        return None
    if n is None:
        return ("PAST_REF" if "ago" in g["dir"].lower() else "FUTURE_REF", "DATE", c.start, c.end, False)
    sign = -1 if "ago" in g["dir"].lower() else 1
    gran: tn.Unit = "D" if unit == "D" else "W" if unit == "W" else "M" if unit == "M" else "Y"
    if unit == "Q":
        gran = "Q"
    whole = int(n) if n.is_integer() else None
    if whole is None:
        return None
    step: tn.Unit = unit if unit in ("D", "W", "M", "Q", "Y", "DE", "CE") else "Y"  # type: ignore[assignment]
    if ctx.dct is None:
        return (tn.fmt(None, gran), "DATE", c.start, c.end, True)
    return (tn.fmt(tn.shift(ctx.dct, sign * whole, step), gran), "DATE", c.start, c.end, True)


def _anchor_unit(unit: str) -> tn.Unit | None:
    return {"week": "W", "month": "M", "year": "Y", "quarter": "Q", "decade": "DE", "century": "CE", "day": "D"}.get(unit)  # type: ignore[return-value]


def _rel_unit(c: Candidate, text: str, ctx: Context) -> _Result | None:
    g = c.groups
    unit = g["unit"].lower()
    rel = _rel_word(g) or "this"
    step = {"last": -1, "next": 1, "this": 0}[rel]
    raw_rel = re.sub(r"\s+", " ", g["rel"].lower())
    if unit in ("decade", "century") and raw_rel.startswith("the "):
        # "the past decade": a stretch of time, not a calendar decade.
        return (tn.duration(1, "DE" if unit == "decade" else "CE"), "DURATION", c.start, c.end, True)
    if unit in words()["season"]:
        return _season(Candidate("season", c.start, c.end, {"season": unit, "rel": g["rel"]}, c.rank), text, ctx)
    if unit == "weekend":
        if ctx.dct is None:
            return ("XXXX-WXX-WE", "DATE", c.start, c.end, True)
        base = tn.shift(ctx.dct, step, "W")
        return (f"{tn.fmt(base, 'W')}-WE", "DATE", c.start, c.end, True)
    gran = _anchor_unit(unit)
    if gran is None:
        return None
    return (tn.relative(ctx.dct, step, gran) if ctx.dct else tn.fmt(None, gran), "DATE", c.start, c.end, True)


def _in_the_unit(c: Candidate, text: str, ctx: Context) -> _Result | None:
    gran = _anchor_unit(c.groups["unit"].lower())
    if gran is None:
        return None
    return (tn.fmt(ctx.dct, gran), "DATE", c.start, c.end, True)


def _the_weekend(c: Candidate, text: str, ctx: Context) -> _Result | None:
    if ctx.dct is None:
        return ("XXXX-WXX-WE", "DATE", c.start, c.end, True)
    tense = tense_at(ctx, c.start)
    # Read on a weekday and told in the past, "the weekend" is the one just gone.
    back = tense != "future" and ctx.dct.isoweekday() < 6
    return (f"{tn.fmt(tn.shift(ctx.dct, -1 if back else 0, 'W'), 'W')}-WE", "DATE", c.start, c.end, True)


def _pod_suffix(pod: str | None) -> str:
    return "T" + words()["part_of_day"][pod.lower()] if pod else ""


def _weekday(c: Candidate, text: str, ctx: Context) -> _Result | None:
    g = c.groups
    wd = int(words()["weekday"][g["wd"].lower()])
    rel = _rel_word(g)
    explicit = {"last": "last", "next": "next"}.get(rel or "")
    if g.get("rel", "").lower().replace(" ", "") == "thiscoming":
        explicit = "coming"
    suffix = _pod_suffix(g.get("pod"))
    if ctx.dct is None:
        return (f"XXXX-WXX-{wd}{suffix}", "TIME" if suffix else "DATE", c.start, c.end, True)
    d = tn.weekday_date(ctx.dct, wd, tense_at(ctx, c.start), explicit)
    return (d.isoformat() + suffix, "TIME" if suffix else "DATE", c.start, c.end, True)


_DEICTIC_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "last night": -1,
                    "the day before yesterday": -2, "the day after tomorrow": 2}


def _deictic(c: Candidate, text: str, ctx: Context) -> _Result | None:
    g = c.groups
    word = re.sub(r"\s+", " ", g["word"].lower())
    pod = g.get("pod")
    if word.startswith("this "):
        offset, pod = 0, word.split()[1]
    else:
        offset = _DEICTIC_OFFSETS[word]
        if word == "last night":
            pod = "night"
    suffix = _pod_suffix(pod)
    day = ctx.dct + dt.timedelta(days=offset) if ctx.dct else None
    value = (day.isoformat() if day else "XXXX-XX-XX") + suffix
    return (value, "TIME" if suffix else "DATE", c.start, c.end, True)


def _anaphoric(c: Candidate, text: str, ctx: Context) -> _Result | None:
    g = c.groups
    base = ctx.last_date or ctx.dct
    if base is None:
        return None
    unit = g["unit"].lower()
    direction = (g.get("dir") or "").lower()
    step = 1 if direction in ("next", "following") else -1 if direction == "previous" else 0
    if unit == "quarter" and step == 0 and ctx.last_quarter:
        return (ctx.last_quarter, "DATE", c.start, c.end, True)  # "that quarter"
    if unit in ("morning", "afternoon", "evening", "night"):
        d = base + dt.timedelta(days=step)
        return (d.isoformat(), "DATE", c.start, c.end, True)
    gran = _anchor_unit(unit)
    if gran is None:
        return None
    return (tn.fmt(tn.shift(base, step, gran), gran), "DATE", c.start, c.end, True)


def _anaphoric_wd(c: Candidate, text: str, ctx: Context) -> _Result | None:
    """"the previous Friday", "the following Monday": counted from the last date mentioned."""
    base = ctx.last_date or ctx.dct
    if base is None:
        return None
    wd = int(words()["weekday"][c.groups["wd"].lower()])
    explicit = "last" if c.groups["dir"].lower() == "previous" else "next"
    return (tn.weekday_date(base, wd, None, explicit).isoformat(), "DATE", c.start, c.end, True)


def _overnight(c: Candidate, text: str, ctx: Context) -> _Result | None:
    # The night before the report: TimeML's night of the previous day.
    day = (ctx.dct - dt.timedelta(days=1)).isoformat() if ctx.dct else "XXXX-XX-XX"
    return (f"{day}TNI", "TIME", c.start, c.end, True)


def _year_period(c: Candidate, text: str, ctx: Context) -> _Result | None:
    # "the 1988 period" in a results story: that year's edition of the last quarter named.
    year = c.groups["year"]
    if ctx.last_quarter and ctx.last_quarter[4:6] == "-Q":
        return (f"{year}{ctx.last_quarter[4:]}", "DATE", c.start, c.end, False)
    return (year, "DATE", c.start, c.end, False)


def _the_year(c: Candidate, text: str, ctx: Context) -> _Result | None:
    after = text[c.end : c.end + 12].lower()
    if re.match(r"\s+(ended|ending|ends|to\s+date)", after):
        return ("P1Y", "DURATION", c.start, c.end, False)  # "the year ended Sept. 30"
    return (tn.fmt(ctx.dct, "Y"), "DATE", c.start, c.end, True)


def _clock(c: Candidate, text: str, ctx: Context) -> _Result | None:
    g = c.groups
    hour = int(g["hour"])
    minute = int(g.get("minute") or 0)
    ampm = (g.get("ampm") or g.get("ampm2") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 24 or (ampm and int(g["hour"]) > 12):
        return None
    day = _clock_day(c, g.get("wd"), ctx)
    prefix = day.isoformat() if day else "XXXX-XX-XX"
    zone = "Z" if (g.get("tz") or "").upper() in ("UTC", "GMT", "ZULU") else ""  # TimeML marks UTC with Z
    return (f"{prefix}T{hour:02d}:{minute:02d}{zone}", "TIME", c.start, c.end, day is None or bool(g.get("wd")))


def _clock_day(c: Candidate, wd: str | None, ctx: Context) -> dt.date | None:
    """The day a clock time falls on: the weekday or deictic after it, else the date already
    mentioned in the same sentence, else the DCT."""
    if wd:
        key = wd.lower()
        if key in _DEICTIC_OFFSETS:
            return ctx.dct + dt.timedelta(days=_DEICTIC_OFFSETS[key]) if ctx.dct else None
        if ctx.dct is None:
            return None
        return tn.weekday_date(ctx.dct, int(words()["weekday"][key]), tense_at(ctx, c.start))
    sent = ctx.token_at(c.start).sent.start
    return ctx.sentence_dates.get(sent) or ctx.dct


def _noon(c: Candidate, text: str, ctx: Context) -> _Result | None:
    g = c.groups
    clock = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[g["word"].lower()]
    day = _clock_day(c, g.get("wd"), ctx)
    prefix = day.isoformat() if day else "XXXX-XX-XX"
    return (f"{prefix}T{clock}", "TIME", c.start, c.end, True)


def _holiday(c: Candidate, text: str, ctx: Context) -> _Result | None:
    g = c.groups
    spec = words()["holiday"][re.sub(r"\s+", " ", g["word"].lower())]
    year = int(g["year"]) if g.get("year") else None
    if year is None and ctx.dct is None:
        return ("XXXX-" + spec if spec[0].isdigit() else "XXXX-11-XX", "DATE", c.start, c.end, True)
    if spec[0].isdigit():
        month, day = int(spec[:2]), int(spec[3:])
        if year is None and ctx.dct is not None:
            year = tn.month_year(ctx.dct, month, day, tense_at(ctx, c.start))
        return (f"{year:04d}-{spec}", "DATE", c.start, c.end, g.get("year") is None)
    # "nov-thu-4": the 4th Thursday of November (always the 22nd-28th; the 25th picks the year).
    if year is None and ctx.dct is not None:
        year = tn.month_year(ctx.dct, 11, 25, tense_at(ctx, c.start))
    year = year or 0
    return (tn.nth_weekday(year, 11, 4, 4).isoformat(), "DATE", c.start, c.end, g.get("year") is None)


def _same_period(c: Candidate, text: str, ctx: Context) -> _Result | None:
    # "the same month a year ago": the period last named, one year back.
    last = ctx.last_quarter if c.groups["unit"].lower() in ("quarter", "period") and ctx.last_quarter else ctx.last_value
    if last and re.match(r"^\d{4}(-|$)", last):
        return (f"{int(last[:4]) - 1:04d}{last[4:]}", "DATE", c.start, c.end, True)
    return (tn.relative(ctx.dct, -1, "Y"), "DATE", c.start, c.end, True)


_TENS = {"twenty": 2, "thirty": 3, "forty": 4, "fifty": 5, "sixty": 6, "seventy": 7, "eighty": 8, "ninety": 9}


def _spelled_year(c: Candidate, text: str, ctx: Context) -> _Result | None:
    # Broadcast transcripts: "nineteen ninety-six", "the year two thousand".
    g = c.groups
    if g.get("tens"):
        ones = int(words()["number"].get(g.get("ones", "").lower(), "0"))
        return (f"19{_TENS[g['tens'].lower()]}{ones}", "DATE", c.start, c.end, False)
    low = int(words()["number"].get(g.get("low", "").lower(), "0"))
    return (f"{2000 + low:04d}", "DATE", c.start, c.end, False)


def _spelled_decade(c: Candidate, text: str, ctx: Context) -> _Result | None:
    return (f"19{_TENS[c.groups['tens'].lower()[:-3] + 'y']}", "DATE", c.start, c.end, False)


def _year_end(c: Candidate, text: str, ctx: Context) -> _Result | None:
    return (tn.fmt(ctx.dct, "Y"), "DATE", c.start, c.end, True)


def remember(value: str, ctx: Context) -> None:
    if re.match(r"^\d{4}-Q\d$", value):
        ctx.last_quarter = value
    if re.match(r"^\d{4}(-\d{2}|-Q\d|-W\d{2}|-H\d|$)", value):
        ctx.last_value = value[:10]
    d = tn.parse_iso(value)
    if d is not None:
        ctx.last_date = d


def _dotted(c: Candidate, text: str, ctx: Context) -> _Result | None:
    raw = text[c.start : c.end]
    # Dotted dates are day-first where they are written (Europe, the Middle East).
    day = dateparser_day(raw, ctx, "YMD" if raw[:4].isdigit() else "DMY")
    return (day, "DATE", c.start, c.end, False) if day else None


def dateparser_day(text: str, ctx: Context, order: str | None = None) -> str | None:
    """A complete date (day, month and year all written) read by ``dateparser``, else None."""
    import dateparser  # only for leftovers; its language data loads on first use

    settings: dict[str, object] = {
        "STRICT_PARSING": True,
        "REQUIRE_PARTS": ["day", "month", "year"],
        "PREFER_DATES_FROM": "past",
    }
    if order:
        settings["DATE_ORDER"] = order
    if ctx.dct is not None:
        settings["RELATIVE_BASE"] = dt.datetime(ctx.dct.year, ctx.dct.month, ctx.dct.day)
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input: no date, then
        return None
    return parsed.date().isoformat() if parsed else None


_HANDLERS = {
    "iso": _iso, "numeric": _numeric, "date_mdy": _explicit_date, "date_dmy": _explicit_date,
    "month_year": _month_year, "month": _month, "season": _season, "year": _year,
    "decade": _decade, "century": _century, "quarter": _quarter, "quarter_ref": _quarter_ref,
    "year_ago": _year_ago, "ago": _ago, "rel_unit": _rel_unit, "in_the_unit": _in_the_unit,
    "the_weekend": _the_weekend, "weekday": _weekday, "deictic": _deictic,
    "anaphoric": _anaphoric, "ref": ref, "ref_adj": ref_adj, "vague_plural": vague_plural,
    "bare_plural": bare_plural, "the_years": the_years, "set": set_value, "duration": duration,
    "decades_long": decades_long, "same_period": _same_period, "spelled_year": _spelled_year,
    "spelled_decade": _spelled_decade, "year_end": _year_end, "dotted": _dotted, "anaphoric_wd": _anaphoric_wd, "overnight": _overnight, "day_range": _day_range, "year_period": _year_period, "the_year": _the_year, "clock": _clock, "military": _clock, "noon": _noon, "holiday": _holiday,
}
