"""Time expressions -> TimeML values, anchored on the publication date (issue 4, "Times").

A HeidelTime-like tagger in three steps:

1. ``timex_rules`` finds candidate expressions with regexes compiled once;
2. cheap checks with the spaCy parse drop false friends (the verb "may", a year that counts
   people, "current" as in electric current), then overlaps are resolved leftmost-longest;
3. each expression is normalised here against the document creation time (DCT, the article's
   ``published`` date). Weekdays and month names without a year follow the tense of the
   governing verb (past -> the latest one before the DCT, future -> the next one);
   anaphoric expressions ("that day", "a year earlier") follow the last date mentioned.

Without a DCT, absolute dates still resolve and relative ones come back with TimeML's
underspecified values (``XXXX-XX-XX``) and ``resolved=False``.
"""

from __future__ import annotations

import itertools
import re
from typing import Literal, cast

from spacy.tokens import Doc, Token

from sitrep.extract import timex_norm as tn
from sitrep.extract.timex_resolve import Context, dateparser_day, normalise, range_end, remember
from sitrep.extract.timex_rules import Candidate, find_candidates, select, words
from sitrep.model import AnalyzedArticle, Article, Span, TimeRef
from sitrep.registry import register

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]

_TIME_NOUNS = frozenset(
    {"year", "years", "season", "quarter", "period", "fiscal", "budget", "election", "elections",
     "census", "games", "olympics", "war", "model", "report", "levels", "level", "figures", "law",
     "act", "agreement", "accord", "resolution", "campaign", "cup", "summit", "plan", "attack",
     "attacks", "bombing", "bombings", "uprising", "revolution", "crisis", "deal", "treaty"}
)
# Words that make a bare month name a month ("in May", "early March"), since capitalised
# "May" / "March" also start sentences as a verb or a noun.
_MONTH_CUES = frozenset(
    {"in", "since", "until", "till", "by", "from", "through", "during", "of", "before", "after",
     "early", "late", "mid", "last", "next", "this", "to", "between", "and", "or", "on", "into"}
)
_AMBIGUOUS_MONTHS = frozenset({"may", "march", "jan", "mar", "sep", "dec", "jun"})
_SEASON_CUES = frozenset(
    {"in", "during", "by", "since", "until", "through", "over", "this", "next", "last", "of",
     "before", "after", "into"}
)


@register("times.v1", assigns="times")
def extract_times(doc: Doc, article: Article, analysis: AnalyzedArticle) -> list[TimeRef]:
    return tag(article.text, article.published, doc)


def tag(text: str, published: str | None, doc: Doc) -> list[TimeRef]:
    """All time expressions in ``text`` (parsed as ``doc``), normalised against ``published``."""
    ctx = Context(dct=tn.parse_iso(published), doc=doc, starts=doc.to_array("IDX").tolist())
    cands = [c for c in find_candidates(text) if _plausible(c, text, ctx)]
    out: list[TimeRef] = []
    floating: list[TimeRef] = []  # clock times with no day of their own
    queue = select(cands)
    failed: list[Candidate] = []
    while queue:
        cand = queue.pop(0)
        got = normalise(cand, text, ctx)
        if got is None:
            # "31 February 2020" is no date, but the year inside it still is one.
            failed.append(cand)
            inner = [c for c in cands if cand.start <= c.start and c.end <= cand.end and c not in failed]
            queue[:0] = select(inner)
            continue
        value, ttype, start, end, relative = got
        span = Span.of(text, start, end)
        prec = tn.precision(value) if ttype in ("DATE", "TIME") else None
        resolved = not (relative and ctx.dct is None)
        kind = cast(TimexType, ttype)
        ref = TimeRef(value=value, span=span, type=kind, precision=prec, resolved=resolved,
                      end_value=range_end(cand, value))
        out.append(ref)
        if cand.kind in _CLOCK_KINDS and not cand.groups.get("wd"):
            floating.append(ref)
        if cand.kind not in ("year_ago", "same_period", "year_period"):  # derived, not new anchors
            remember(value, ctx)
        day = tn.parse_iso(value)
        if day is not None and ttype == "DATE":
            ctx.sentence_dates.setdefault(ctx.token_at(start).sent.start, day)
    _date_clock_times(floating, out, ctx)
    out.extend(_fallback_dates(doc, out, ctx))
    out.sort(key=lambda r: r.span.start if r.span else -1)
    _link_ranges(text, out)
    return out


_CLOCK_KINDS = frozenset({"clock", "military", "noon"})
_CLOCK_DAY_GAP = 30  # characters: "10:35 a.m. (0735 GMT) Friday"


def _date_clock_times(floating: list[TimeRef], refs: list[TimeRef], ctx: Context) -> None:
    """"at 10:35 a.m. (0735 GMT) Friday": a clock time takes the first calendar day named in
    its sentence, before or after it; ``Context.sentence_dates`` only knew the ones before."""
    if not floating:
        return
    days: dict[int, str] = {}
    dated = [r for r in refs if r.span is not None and r.type == "DATE" and r.precision == "day"]
    for ref in dated:
        assert ref.span is not None
        days.setdefault(ctx.token_at(ref.span.start).sent.start, ref.value[:10])
    for ref in floating:
        if ref.span is None:
            continue
        day = days.get(ctx.token_at(ref.span.start).sent.start)
        if day is None:
            # The parser may end a sentence at "a.m.": a day named right after still counts.
            end = ref.span.end
            day = next((r.value[:10] for r in dated if r.span and 0 <= r.span.start - end <= _CLOCK_DAY_GAP), None)
        if day and "T" in ref.value:
            ref.value = day + ref.value[ref.value.index("T") :]
            ref.resolved = True


_NAMED_DATE = re.compile(r"\d")  # "3 May", "May 3": a calendar date, not "today"
_YEAR_DIGITS = re.compile(r"\d{4}|'\d\d")
_RANGE_OPEN = re.compile(r"\b(?:from|between)\s+$", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"^\s*(?:to|until|till|through|and|-|–)\s*$", re.IGNORECASE)


def _link_ranges(text: str, refs: list[TimeRef]) -> None:
    """"from 3 May to 5 June", "between 2014 and 2016": the first date gets the second as its
    ``end_value`` (both stay in the list, each with its own evidence)."""
    for a, b in itertools.pairwise(refs):
        if a.span is None or b.span is None or a.type != "DATE" or b.type != "DATE" or a.end_value:
            continue
        if a.precision is None or b.precision is None:
            continue
        between = text[a.span.end : b.span.start]
        if _RANGE_JOIN.match(between) and (between.strip() in ("-", "–") or _RANGE_OPEN.search(text[max(0, a.span.start - 12) : a.span.start])):
            if a.precision in ("day", "month") and _NAMED_DATE.search(a.span.text) and not _YEAR_DIGITS.search(a.span.text) and b.value[:4].isdigit():
                a.value = b.value[:4] + a.value[4:]  # "from 3 May to 5 June 2021": one year for both
            a.end_value = b.value


# A complete date writes at least two numbers ("20.11.2019") or a number and a word.
_DATE_LIKE = re.compile(r"\d+\W+\d+|\d+\s+[A-Za-z]{3,}|[A-Za-z]{3,}\.?\s+\d")
_FALLBACK_MAX_CHARS = 40


def _fallback_dates(doc: Doc, found: list[TimeRef], ctx: Context) -> list[TimeRef]:
    """Complete dates in formats the rules do not cover ("2019.11.20", "20.11.2019"), from
    spaCy DATE entities that overlap nothing found so far. ``dateparser`` in strict mode (day,
    month and year all required) keeps this precise; it runs only on these leftovers."""
    taken = [(r.span.start, r.span.end) for r in found if r.span]
    extra: list[TimeRef] = []
    for ent in doc.ents:
        if ent.label_ != "DATE" or len(ent.text) > _FALLBACK_MAX_CHARS or not _DATE_LIKE.search(ent.text):
            continue
        if any(s < ent.end_char and ent.start_char < e for s, e in taken):
            continue
        day = dateparser_day(ent.text, ctx)
        if day is not None:
            span = Span(ent.start_char, ent.end_char, ent.text)
            extra.append(TimeRef(value=day, span=span, type="DATE", precision="day"))
    return extra


# --- filters -------------------------------------------------------------------------------

def _plausible(c: Candidate, text: str, ctx: Context) -> bool:
    g = c.groups
    before = text[max(0, c.start - 20) : c.start].split()
    prev = before[-1].lower() if before else ""
    if c.kind == "month":
        name = g["month"].rstrip(".").lower()
        if not g["month"][0].isupper():
            return False
        if name in _AMBIGUOUS_MONTHS and not (g.get("mod") or g.get("rel") or prev in _MONTH_CUES):
            return False
        return name in words()["month"] or g["month"].endswith(".")
    if c.kind in ("date_mdy", "month_year") and not g["month"][0].isupper():
        return False
    if c.kind == "date_dmy":
        return g["month"][0].isupper() and int(re.sub(r"\D", "", g["day"])) <= 31
    if c.kind == "year":
        return _year_is_date(c, text, ctx)
    if c.kind in ("weekday", "holiday") and not text[c.start : c.end].lstrip()[0].isupper():
        return bool(g.get("mod") or g.get("rel")) and g.get("wd", "x")[0].isupper()
    if c.kind == "set" and g.get("perunit"):
        # "15 a year", "twice a day", "$2 million a year": a rate, not "a year" as a duration.
        return _after_amount(prev)
    if c.kind == "duration" and g["num"].lower() in ("a", "an") and not g.get("the") and _after_amount(prev):
        return False  # the rate reading above wins
    if c.kind == "duration" and g["unit"].lower().startswith("quarter") and g.get("sep", " ").strip() == "-":
        return False  # "three-quarters of its food", "a four-quarter test": fractions
    if c.kind == "rel_unit" and g["unit"][:1].isupper():
        return False  # "This Week", a programme's name
    if c.kind == "ref_adj":
        tok = ctx.token_at(c.start)
        return tok.pos_ == "ADJ" and tok.dep_ == "amod" and tok.head.lower_ not in {
            "account", "accounts", "affairs", "events", "president", "chairman", "minister",
            "leader", "members", "member", "spouse", "wife", "husband", "owner", "employee",
            "employees", "officials", "official", "director", "head", "generation", "generations",
            "flow", "system", "price", "prices"}
    if c.kind == "season" and not (g.get("rel") or g.get("year") or g.get("mod")):
        # "fall" is mostly a verb, "spring" a noun: a bare season needs "the" and a
        # preposition ("in the summer", "over the summer").
        return bool(g.get("the")) and prev in _SEASON_CUES
    if c.kind == "clock":
        hour = int(g["hour"])
        return hour <= 24 and (bool(g.get("ampm") or g.get("ampm2") or g.get("tz")) or hour >= 1)
    if c.kind == "duration" and g.get("sep", " ").strip() == "-" and text[c.starts["num"]].isupper() and text[c.end : c.end + 2].strip()[:1].isupper():
        return False  # a name: "the Six-Day War", "Thirty Years' War"
    if c.kind == "duration" and g["num"].lower() in ("a", "an") and g["unit"].lower() in ("quarter", "second"):
        # "about a quarter of its dealers", "a second aircraft": a fraction and an ordinal.
        return text[c.end : c.end + 12].lower().startswith((" ago", " later", " earlier"))
    return True


_AMOUNT_WORDS = frozenset({"times", "once", "twice", "million", "billion", "thousand", "hundred", "percent", "cents"})


def _after_amount(prev: str) -> bool:
    return prev in _AMOUNT_WORDS or bool(re.match(r"^\$?[\d.,]+%?$", prev)) or prev in words()["number"]


def _year_is_date(c: Candidate, text: str, ctx: Context) -> bool:
    if c.groups.get("mod") or c.groups.get("fiscal"):
        return True
    tok = ctx.token_at(c.start + len(text[c.start : c.end]) - len(c.groups["year"]))
    if tok.like_num and tok.dep_ == "nummod" and tok.head.pos_ == "NOUN" and tok.head.tag_ == "NNS":
        # "2000 troops" counts troops; "the 1994 election", "the 2011 version" name a year.
        return tok.head.lower_ in _TIME_NOUNS
    return not text[c.end : c.end + 2].startswith((" %", "%"))


# --- event time ----------------------------------------------------------------------------

def event_time(doc: Doc, trigger: tuple[int, int], times: list[TimeRef], article: Article) -> TimeRef | None:
    """The time of the event whose trigger sits at ``trigger`` (character offsets), or None.

    Among the dated expressions (DATE/TIME with a calendar value) of the trigger's sentence:
    first one the parse attaches to the trigger or to the verb that governs it ("the attack
    that took place on August 15"), then the nearest one in the sentence ("said early
    Wednesday they carried out strikes"). Durations, sets and vague references never date
    an event; no dated expression in the sentence -> None (the caller picks a default).
    """
    if not times or len(doc) == 0:
        return None
    trig = doc.char_span(trigger[0], trigger[1], alignment_mode="expand")
    if trig is None or len(trig) == 0:
        return None
    sent = trig.root.sent
    governors = _governors(trig.root)
    best: tuple[int, TimeRef] | None = None
    for ref in times:
        if ref.span is None or ref.type not in ("DATE", "TIME") or ref.precision is None:
            continue
        if not (sent.start_char <= ref.span.start < sent.end_char):
            continue
        span = doc.char_span(ref.span.start, ref.span.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        attached = bool(_governors(span.root, limit=4) & governors)
        distance = min(abs(span.root.i - trig.root.i), 1000)
        score = distance if attached else 1000 + distance
        if best is None or score < best[0]:
            best = (score, ref)
    return best[1] if best else None


def _governors(tok: Token, limit: int = 3) -> set[int]:
    """Indices of ``tok`` and the heads above it, up to and including its clause's verb."""
    seen = {tok.i}
    for _ in range(limit):
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            break
        tok = tok.head
        seen.add(tok.i)
    if tok.dep_ in ("relcl", "acl"):
        seen.add(tok.head.i)  # "the attack that took place on August 15": the noun it modifies
    return seen
