"""Recognition of TIMEX3 expressions: one set of regexes, compiled once, run over the text.

Every rule has a ``kind`` that tells the normaliser (``sitrep.extract.times``) how to read its
named groups. Extents follow TimeML as annotated in TimeBank/AQUAINT and MEANTIME: determiners
and modifiers (``the``, ``early``, ``late``, ``about``, ``more than``) are inside, prepositions
(``on``, ``in``, ``over``, ``for``) are outside. Overlapping matches are resolved
leftmost-longest, so "Friday, Oct. 23, 1998" is one expression, not three.

The vocabulary (month, weekday, number, unit, season names ...) is ``sitrep/data/time_words.tsv``.
Some vague words are left out on purpose, measured on tbaq_dev: of their occurrences TimeBank
annotates "soon" about 1 in 4, "previously" 1 in 10, "former" none, and the adjectives "recent"
and "future" under half, so each would cost more precision than it brings recall.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "time_words.tsv"


@functools.lru_cache(maxsize=1)
def words() -> dict[str, dict[str, str]]:
    """``{kind: {word: value}}`` from the TSV (loaded once)."""
    table: dict[str, dict[str, str]] = {}
    with DATA.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            table.setdefault(row["kind"], {})[row["word"]] = row["value"]
    return table


def _alt(items: list[str] | set[str] | dict[str, str]) -> str:
    """A regex alternation, longest first, spaces matching any whitespace."""
    escaped = [re.escape(w).replace(r"\ ", r"\s+") for w in sorted(items, key=len, reverse=True)]
    return "(?:" + "|".join(escaped) + ")"


@dataclass(frozen=True)
class Candidate:
    kind: str
    start: int
    end: int
    groups: dict[str, str]
    rank: int  # rule order: breaks ties between equally long matches
    starts: dict[str, int] = field(default_factory=dict)  # where each named group begins


@dataclass(frozen=True)
class Rule:
    kind: str
    pattern: re.Pattern[str]


def _fragments() -> dict[str, str]:
    w = words()
    month = f"(?:{_alt(w['month'])}|{_alt(w['month_abbr'])}\\.?)(?![a-z])"
    tens = "(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    units_small = "(?:one|two|three|four|five|six|seven|eight|nine)"
    number_words = {k for k in w["number"] if k not in ("a", "an")}
    num = (
        rf"(?:\d+(?:\.\d+)?(?:\s+1/2)?|{tens}[\s-]{units_small}|{_alt(number_words)}|an?)"
        r"(?:\s+and\s+(?:a|one)[\s-]half)?"
    )
    unit = _alt(w["unit"])
    return {
        "MONTH": month,
        "WD": _alt(w["weekday"]),
        "NUM": num,
        "VAGUE": _alt(w["vague_number"]),
        "UNIT": unit,
        "UNITS": rf"(?:{unit}s?|centuries)",
        "SEASON": _alt(w["season"]),
        "POD": _alt(w["part_of_day"]),
        "ORD": _alt(w["ordinal"]),
        "DAY": r"(?:[0-3]?\d)(?:st|nd|rd|th)?(?!\d|:\d)",
        "YEAR": r"(?:1[5-9]|20)\d\d(?![\d%])",
        "MOD": r"(?:(?:early|late|mid|the\s+(?:end|beginning|start|middle)\s+of)[\s-]+)",
        # Quantity modifiers that TimeBank keeps inside the extent ("nearly two years",
        # "more than four hours"); "about", "only", "just" stay outside in most of its spans.
        "APPROX": (
            r"(?:nearly|almost|over|under|more\s+than|less\s+than|fewer\s+than|at\s+least|"
            r"at\s+most|up\s+to|no\s+more\s+than|well\s+over|close\s+to|the\s+better\s+part\s+of)"
        ),
        "REL": r"(?:this\s+past|this\s+coming|this|last|next|the\s+past|the\s+previous|the\s+coming|"
        r"the\s+following|the\s+current|the\s+last)",
        "HOLIDAY": _alt(w["holiday"]),
        "TENS": "(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)",
        "ONES": units_small,
        "REF": _alt(w["ref"]),
    }


# (kind, template). Order matters only for ties between equally long matches.
_TEMPLATES: tuple[tuple[str, str], ...] = (
    ("iso", r"\b(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
    # Other numeric layouts ("2019.11.20", "20.11.2019"): read by dateparser.
    ("dotted", r"(?<![\d.])(?:\d{4}[./]\d{1,2}[./]\d{1,2}|\d{1,2}\.\d{1,2}\.\d{4})(?![\d]|\.\d)"),
    ("numeric", r"(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>\d{4}|\d{2})(?![\d/])"),
    (
        "date_mdy",
        r"(?:(?P<wd>{WD}),?\s+)?(?P<mod>{MOD})?(?P<month>{MONTH})\s+(?P<day>{DAY})"
        r"(?:,?\s+(?P<year>{YEAR}))?",
    ),
    (
        "date_dmy",
        r"(?:(?P<wd>{WD}),?\s+)?(?<![\d.,])(?P<day>{DAY})(?:\s+of)?\s+(?P<month>{MONTH})"
        r"(?:,?\s+(?P<year>{YEAR}|'?\d\d(?![\d%])))?",
    ),
    (
        "day_range",
        r"(?<![\d.,])(?P<day>{DAY})\s*(?:-|–|to|and)\s*(?P<day2>{DAY})\s+(?P<month>{MONTH})(?:,?\s+(?P<year>{YEAR}))?"
        r"|(?P<month2>{MONTH})\s+(?P<day3>{DAY})\s*(?:-|–)\s*(?P<day4>{DAY})(?:,?\s+(?P<year2>{YEAR}))?",
    ),
    ("month_year", r"(?P<mod>{MOD})?(?P<month>{MONTH}),?\s+(?:of\s+)?(?P<year>{YEAR})"),
    (
        "month",
        r"(?P<mod>{MOD})?(?:(?P<rel>this\s+past|this\s+coming|last|next|this)\s+)?(?P<month>{MONTH})"
        r"(?:\s+(?P<yrel>this|last|next)\s+year)?",
    ),
    (
        "season",
        r"(?:the\s+(?=early|late|mid))?(?P<mod>{MOD})?(?:(?P<rel>{REL})\s+|(?P<the>the)\s+)?(?P<season>{SEASON})"
        r"(?:\s+(?:of\s+)?(?P<year>{YEAR}))?",
    ),
    ("year", r"(?<![\d,.$#£€-])(?P<mod>{MOD})?(?:(?P<fiscal>fiscal)\s+|the\s+year\s+)?(?P<year>{YEAR})(?![-/.]\d)"),
    (
        "decade",
        r"(?:the\s+)?(?P<mod>{MOD})?(?:(?P<cent>1\d|20)(?P<dec>\d)0s|'(?P<short>\d)0s|"
        r"(?:(?<=the\s)|(?<=early\s)|(?<=late\s)|(?<=and\s))(?P<bare>[2-9])0s)\b",
    ),
    ("century", r"(?:the\s+)?(?P<mod>{MOD})?(?P<n>\d{1,2})(?:st|nd|rd|th)[\s-]+century"),
    (
        "quarter",
        r"(?:the\s+)?(?:(?P<yrq>{YEAR}|last\s+year's|next\s+year's|this\s+year's)\s+)?"
        r"(?:(?:fiscal|calendar)[\s-]+)?(?P<ord>{ORD}|final)[\s-]+(?P<qh>quarter|half)"
        r"(?:\s+of\s+(?:(?P<qy>{YEAR})|(?P<qrel>this|last|next)\s+year|fiscal\s+(?P<qfy>{YEAR})))?",
    ),
    (
        "quarter_ref",
        r"(?:the\s+(?:(?P<qmod>latest|last|current|past|previous|most\s+recent|fiscal)\s+)?quarter|"
        r"the\s+latest\s+period|this\s+quarter)\b(?!-)",
    ),
    ("year_period", r"the\s+(?P<year>{YEAR})\s+(?:period|quarter)\b"),
    (
        "the_year",
        r"the\s+(?P<ymod>(?:(?:full|fiscal|current|latest|calendar|entire|whole)[\s-]+)*)year\b(?!-)"
        r"(?!\s+(?:of|before|after|in\s+which|when|that|earlier|ago|two\s+thousand))",
    ),
    (
        "year_ago",
        r"the\s+(?:comparable\s+|same\s+)?year-(?:ago|earlier)\s+(?:(?P<ord>{ORD})[\s-]+)?(?:quarter|period)"
        r"|year-(?:ago|earlier)|(?:a|one)\s+year\s+(?:ago|earlier|before)",
    ),
    (
        "ago",
        r"(?:(?P<approx>{APPROX})\s+)?(?P<num>{NUM}|{VAGUE})\s+(?P<unit>{UNITS})\s+(?:or\s+so\s+)?"
        r"(?P<dir>ago|from\s+now|hence)",
    ),
    (
        "rel_unit",
        r"(?:(?P<mod>early|late|earlier|later|mid|sometime|the\s+(?:end|beginning|start|middle|rest|remainder)\s+of)[\s-]+)?"
        r"(?P<rel>{REL})\s+(?P<unit>week|month|year|weekend|decade|century|{SEASON})(?![-\w])",
    ),
    (
        "in_the_unit",
        r"(?P<mod>earlier|later|the\s+(?:end|beginning|start|middle|rest|remainder)\s+of)\s+(?:in\s+)?"
        r"the\s+(?P<unit>year|month|week|day)\b",
    ),
    ("the_weekend", r"the\s+weekend\b"),
    (
        "weekday",
        r"(?:(?P<mod>early|late)\s+)?(?:(?P<rel>this\s+past|this\s+coming|last|next|this)\s+)?"
        r"(?P<wd>{WD})(?:\s+(?P<pod>{POD}))?",
    ),
    (
        "deictic",
        r"(?:(?P<mod>early|late|earlier|later)\s+)?(?P<word>the\s+day\s+before\s+yesterday|"
        r"the\s+day\s+after\s+tomorrow|today|tonight|yesterday|tomorrow|last\s+night|"
        r"this\s+(?:morning|afternoon|evening))(?:\s+(?P<pod>{POD}))?\b",
    ),
    (
        "anaphoric",
        r"(?:(?P<mod>earlier|later)\s+)?(?:that|the\s+(?P<dir>next|following|previous|same))\s+"
        r"(?P<unit>day|morning|afternoon|evening|night|week|month|quarter|year)\b",
    ),
    ("anaphoric_wd", r"the\s+(?P<dir>previous|following|next)\s+(?P<wd>{WD})"),
    ("overnight", r"overnight\b"),
    ("ref", r"\b(?P<word>{REF})\b(?!-)"),
    (
        "same_period",
        r"the\s+(?:same|corresponding|comparable)\s+(?P<unit>period|month|quarter|week|day)\s+(?:of\s+)?"
        r"(?:(?:the\s+)?last\s+year|a\s+year\s+(?:ago|earlier|before))",
    ),
    ("ref_adj", r"\b(?P<word>current)\b"),
    (
        "vague_plural",
        r"(?P<rel>recent|coming|future|the\s+(?:past|last|next|coming)\s+(?:few|several))\s+"
        r"(?P<unit>days|weeks|months|quarters|years|decades)\b",
    ),
    ("bare_plural", r"(?<=\bfor\s)(?P<unit>years|decades|months|weeks|days|hours|centuries)\b(?!\s+(?:of|to|ago))"),
    ("the_years", r"the\s+(?:early\s+|last\s+|past\s+)?years\b(?!\s+(?:of|to|ago|after|before))"),
    (
        "set",
        r"(?P<word>daily|weekly|monthly|yearly|annually|annual|nightly|hourly)\b|"
        r"(?:every|each)\s+(?:(?P<num>{NUM})\s+)?(?P<unit>{UNITS}|{WD}|{POD}|{MONTH})|"
        r"(?:per|a)\s+(?P<perunit>day|week|month|year)\b",
    ),
    (
        "duration",
        r"(?:(?P<the>the|its|their|a)\s+"
        r"(?:(?P<drel>first|past|last|next|previous|coming|latest|final|remaining|following|same)\s+)?)?"
        r"(?:(?P<approx>{APPROX})\s+)?(?P<num>{NUM}|{VAGUE})(?:\s+more)?(?P<sep>[\s-]+)(?P<unit>{UNITS})"
        r"(?P<half>\s+and\s+a\s+half)?(?:[\s-]+long)?"
        r"(?:\s+or\s+so)?(?![-\w]*\s*old\b)(?!-\w)(?:\s+(?P<hist>history|period|term))?",
    ),
    ("decades_long", r"(?P<unit>decades|years|months|centuries)-long"),
    (
        "clock",
        r"(?P<hour>[0-2]?\d)(?::(?P<minute>[0-5]\d)\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)?|\s*(?P<ampm2>a\.m\.|p\.m\.|am\b|pm\b))"
        r"(?:\s+(?P<tz>UTC|GMT|EST|EDT|CST|CDT|PST|PDT|BST|CET|CEST|local\s+time))?"
        r"(?:\s+(?P<wd>{WD}|today|yesterday|tomorrow))?",
    ),
    (
        "military",
        r"(?<![\d.,])(?P<hour>[01]\d|2[0-3])(?P<minute>[0-5]\d)\s*(?:hrs\b|hours\s+)?(?P<tz>GMT|UTC|Zulu|local\s+time)"
        r"(?:\s+(?P<wd>{WD}|today|yesterday|tomorrow))?",
    ),
    ("noon", r"(?P<word>noon|midnight|midday)(?:\s+(?P<wd>{WD}|today|yesterday|tomorrow))?"),
    ("holiday", r"(?P<word>{HOLIDAY})(?:\s+(?P<year>{YEAR}))?"),
    ("year_end", r"(?:the\s+)?year(?:'s|’s)?[\s-]end\b"),
    (
        "spelled_year",
        r"(?:the\s+year\s+)?(?:nineteen\s+(?:hundred\s+(?:and\s+)?)?(?P<tens>{TENS})(?:[\s-](?P<ones>{ONES}))?"
        r"|two\s+thousand(?:\s+and)?(?:\s+(?P<low>{ONES}|ten|eleven|twelve|thirteen|fourteen|fifteen|"
        r"sixteen|seventeen|eighteen|nineteen|twenty))?)",
    ),
    ("spelled_decade", r"the\s+(?P<mod>(?:early|late|mid)[\s-]+)?(?P<tens>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b"),
)


@functools.lru_cache(maxsize=1)
def gates() -> dict[str, tuple[str, ...]]:
    """Rule kind -> words one of which a text must contain for the rule to run (lower-cased
    substring tests cost next to nothing; a regex scan is a pass over the text). Rules not
    listed always run. Lexicon-based gates come from the same TSV as the patterns."""
    w = words()
    months = tuple(sorted({m[:3] for m in (*w["month"], *w["month_abbr"])}))
    weekdays = tuple(w["weekday"])
    return {
        "date_mdy": months, "date_dmy": months, "month_year": months, "month": months,
        "day_range": months, "weekday": weekdays, "anaphoric_wd": weekdays,
        "season": tuple(w["season"]), "holiday": tuple({h.split()[0] for h in w["holiday"]}),
        "quarter": ("quarter", "half"), "quarter_ref": ("quarter", "period"),
        "year_period": ("period", "quarter"), "same_period": ("same", "corresponding", "comparable"),
        "century": ("centur",), "decade": ("0s",), "spelled_year": ("nineteen", "thousand"),
        "spelled_decade": ("ties",), "year_end": ("end",), "military": ("gmt", "utc", "zulu", "local time"),
        "noon": ("noon", "midnight", "midday"), "clock": (":", "a.m", "p.m", "am", "pm"),
        "iso": ("-",), "numeric": ("/",), "dotted": (".", "/"), "overnight": ("overnight",),
        "decades_long": ("-long",), "the_years": ("years",), "bare_plural": ("for ",),
    }


@functools.lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    frag = _fragments()
    compiled = []
    for kind, template in _TEMPLATES:
        source = template
        for key in sorted(frag, key=len, reverse=True):
            source = source.replace("{" + key + "}", frag[key])
        compiled.append(Rule(kind, re.compile(r"(?<![\w'])(?:" + source + r")(?![\w])", re.IGNORECASE)))
    return tuple(compiled)


def find_candidates(text: str) -> list[Candidate]:
    """All rule matches, overlapping each other; ``select`` picks among them."""
    found: list[Candidate] = []
    lower = text.lower()
    for rank, rule in enumerate(rules()):
        gate = gates().get(rule.kind)
        if gate is not None and not any(word in lower for word in gate):
            continue
        for m in rule.pattern.finditer(text):
            if m.end() <= m.start():
                continue
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            starts = {k: m.start(k) for k in groups}
            found.append(Candidate(rule.kind, m.start(), m.end(), groups, rank, starts))
    return found


def select(found: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, leftmost-longest first, then by rule order."""
    found.sort(key=lambda c: (c.start, -(c.end - c.start), c.rank))
    chosen: list[Candidate] = []
    last_end = -1
    for cand in found:
        if cand.start >= last_end:
            chosen.append(cand)
            last_end = cand.end
    return chosen
