"""Event mentions: the clauses that report a political-violence or demonstration event, typed
into ACLED's 25 sub-event types, with actors, fatalities, modality, place and time.

Approach: rules over the spaCy parse plus two lexicons, both loaded once.

* ``sitrep/data/event_triggers.tsv``: verbal and nominal triggers ("shelled", "clashes",
  "airstrike", "sit-in") with a trigger family, a default sub-event type and a strength.
  Single words are found by a dict lookup on the token's lower form and lemma (inflected
  forms generated once); multi-word triggers ("car bomb", "opened fire") by one regex.
* ``sitrep/data/event_cues.tsv`` (applied in ``event_typing``): words of the sentence that
  refine the type: the instrument
  (aircraft/drone -> Air/drone strike, mortar/rocket -> Shelling, IED/roadside -> Remote
  explosive, suicide -> Suicide bomb, grenade, chemical), the handling of a demonstration
  (tear gas -> intervention, live fire -> excessive force, stones -> violent demonstration),
  the target (armed people -> Armed clash, civilians -> Attack), the object of seize/capture
  (place -> territory, weapons -> Disrupted weapons use, people -> Arrests/Abduction).

The parse rejects non-event uses: compound modifiers ("attack helicopter"), month "March",
objects that make another sense ("struck a deal" is an Agreement, "fight against corruption",
"shot a video"), present-tense habitual statements outside the headline, and nominal
references back to an event already mentioned ("the strikes were necessary"), which take the
type, date and place of that earlier mention so that within-article merging joins them.
Those sense filters live in ``event_senses`` (skipped for French headline sentences, whose
English parse is noise). All-capital wire copy is re-parsed in ordinary case (``recase``).
Below the lede, a mention with no participant, date of its own or toll is a passing mention
and is dropped unless an anchored mention of its sub-type exists. Modality, actors and
fatalities come from ``modality``, ``actors`` and ``fatalities``.

Confidence (used to pick an article's main event) rises with trigger strength, position
(headline/lede), asserted modality, and known actors/place; it falls for back-references.
"""

from __future__ import annotations

import csv
import functools
import re
from pathlib import Path

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sitrep.extract import actors as act
from sitrep.extract import event_places, recase, taxonomy
from sitrep.extract import event_senses as senses
from sitrep.extract import event_typing as typ
from sitrep.extract import fatalities as fat
from sitrep.extract import modality as mod
from sitrep.extract.event_typing import Trigger
from sitrep.model import Actor, AnalyzedArticle, Article, EventMention, Place, Span, TimeRef
from sitrep.nlp import doc_text
from sitrep.registry import register

DATA = Path(__file__).resolve().parents[1] / "data"


_IRREGULAR = {
    "strike": ["struck", "stricken"], "shoot": ["shot"], "fight": ["fought"],
    "take": ["took", "taken"], "blow": ["blew", "blown"], "beat": ["beaten"],
    "slay": ["slew", "slain"], "overrun": ["overran"], "burn": ["burnt"],
    "withdraw": ["withdrew", "withdrawn"], "retake": ["retook", "retaken"],
    "set": ["set"], "hand": ["handed"], "gun": ["gunned", "gunning"], "kidnap": ["kidnapped", "kidnapping"],
    "wound": ["wounded"], "bombard": ["bombarded"],
}


def _inflect(word: str) -> set[str]:
    forms = {word, *_IRREGULAR.get(word, [])}
    if word.endswith("e"):
        forms |= {word + "s", word + "d", word[:-1] + "ing"}
    elif word.endswith("y") and word[-2:-1] not in "aeiou":
        forms |= {word[:-1] + "ies", word[:-1] + "ied", word + "ing"}
    elif word.endswith(("sh", "ch", "s", "x")):
        forms |= {word + "es", word + "ed", word + "ing"}
    else:
        forms |= {word + "s", word + "ed", word + "ing"}
        if re.fullmatch(r"[^aeiou]*[aeiou][bdgmnpt]", word):  # shot -> shotted is not used; "rob"-type doubling
            forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


@functools.lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, list[Trigger]], dict[str, Trigger], re.Pattern[str]]:
    single: dict[str, list[Trigger]] = {}
    multi: dict[str, Trigger] = {}
    with (DATA / "event_triggers.tsv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            t = Trigger(row["term"], row["pos"], row["family"], row["sub_event_type"], float(row["strength"]))
            # Hyphenated terms ("sit-in", "cease-fire") are split by the tokenizer: match them
            # as phrases, with the hyphen optional.
            words = t.term.replace("-", " ").split()
            if len(words) == 1:
                for form in _inflect(t.term):
                    single.setdefault(form, []).append(t)
                continue
            # Verbs inflect their first word ("opened fire"), nouns their last ("car bombs").
            idxs = {"V": [0], "N": [len(words) - 1]}.get(t.pos, [0, len(words) - 1])
            for idx in idxs:
                for form in _inflect(words[idx]):
                    phrase = " ".join([*words[:idx], form, *words[idx + 1 :]])
                    multi.setdefault(phrase, t)
    alts = sorted(multi, key=len, reverse=True)
    rx = re.compile(
        r"(?<![\w-])(?:" + "|".join(r"[\s-]*".join(re.escape(w) for w in a.split()) for a in alts) + r")(?![\w-])",
        re.IGNORECASE,
    )
    return single, multi, rx


_PLACE_HEADS = frozenset("area areas facility facilities position positions site sites target targets infrastructure base bases depot depots post building buildings headquarters camp camps compound vehicle vehicles convoy".split())
_REFERENCE_DETS = frozenset("the these those this that such its their".split())
_GENERIC_TRIGGERS = frozenset("attack assault strike offensive raid operation bombing explosion blast".split())
_PAST_TAGS = frozenset({"VBD", "VBN"})
_VIOLENT_FAMILIES = frozenset("attack strike bomb explosion kill gunfire shell fire air ied suicide grenade chemical clash".split())


_LOWER = re.compile(r"[a-z]")
_UPPER = re.compile(r"[A-Z]")


def _is_caps(text: str) -> bool:
    """All-capital wire copy (MUC-style): fewer than 5% lower-case letters."""
    sample = text[:3000]
    lower = len(_LOWER.findall(sample))
    return lower < 0.05 * (lower + len(_UPPER.findall(sample))) if sample else False


def _is_verbal(tok: Token, caps: bool) -> bool:
    if caps:
        return tok.lower_.endswith("ed") or tok.pos_ == "VERB"
    return tok.pos_ == "VERB" or (tok.tag_.startswith("VB") and tok.tag_ != "VBG") or (
        tok.tag_ == "VBG" and not any(c.dep_ == "det" for c in tok.children)
    )


def _pick_entry(entries: list[Trigger], verbal: bool) -> Trigger | None:
    want = "V" if verbal else "N"
    for e in entries:
        if e.pos == want:
            return e
    for e in entries:
        if e.pos == "*":
            return e
    return None


# --- extraction ---------------------------------------------------------------------------------

def _candidates(doc: Doc, text: str) -> list[tuple[Token, Trigger, int, int]]:
    """(head token, trigger entry, start char, end char) for every trigger match."""
    single, multi, rx = _lexicon()
    caps = _is_caps(text)
    out: list[tuple[Token, Trigger, int, int]] = []
    covered: set[int] = set()
    for m in rx.finditer(text):
        key = re.sub(r"[\s-]+", " ", m.group(0).lower())
        entry = multi.get(key) or multi.get(key.replace(" ", ""))
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if entry is None or span is None or len(span) == 0:
            continue
        head = span[0] if entry.pos == "V" else span[-1]
        out.append((head, entry, m.start(), m.end()))
        covered.update(t.i for t in span)
    for tok in doc:
        if tok.i in covered or not tok.is_alpha:
            continue
        entries = single.get(tok.lower_) or single.get(tok.lemma_.lower())
        if not entries:
            continue
        entry = _pick_entry(entries, _is_verbal(tok, caps))
        if entry is None:
            continue
        out.append((tok, entry, tok.idx, tok.idx + len(tok)))
    out.sort(key=lambda c: c[2])
    return out


def _is_reference(tok: Token, entry: Trigger) -> bool:
    """A definite nominal mention ("the strikes", "today's strikes") that points back."""
    if entry.pos == "V" or tok.pos_ not in {"NOUN", "PROPN"}:
        return False
    for c in tok.children:
        if c.dep_ == "det" and c.lower_ in _REFERENCE_DETS:
            return True
        if c.dep_ == "poss" and c.lower_ in {"today", "yesterday", "its", "their"}:
            return True
    return False


_AGGREGATE = re.compile(
    r"\b(?:so far (?:this|in|in the) (?:year|month)|since (?:the )?(?:beginning|start) of|since (?:19|20)\d\d"
    r"|in the (?:past|last) (?:few |several |\d+ |two |three |five |ten )?(?:years|months|decades)"
    r"|over the (?:past|last) (?:few |several |\d+ |two |three |five |ten )?(?:years|months|decades)"
    r"|a total of|more than \d[\d,]* (?:clashes|attacks|incidents|operations)|every (?:day|week|month|year))\b",
    re.IGNORECASE,
)


def _aggregate(sent: SpacySpan) -> bool:
    """A tally over a period ("so far this year 100 people have been killed in clashes"):
    ACLED codes incidents, not aggregates."""
    return bool(_AGGREGATE.search(sent.text))


def _generic_plural(tok: Token, sent: SpacySpan, sent_index: int, times: list[TimeRef]) -> bool:
    """A bare plural in a prepositional phrase with no date in the sentence ("a drop in sales
    due to terrorist attacks", "responsible for bombings and massacres"): a class of events,
    not a report of one. The headline is exempt."""
    if sent_index == 0 or tok.tag_ not in {"NNS", "NNPS"} or tok.dep_ not in {"pobj", "conj"}:
        return False
    if any(c.dep_ in {"det", "nummod", "poss"} for c in tok.children):
        return False
    return not any(t.span is not None and sent.start_char <= t.span.start < sent.end_char for t in times)


def _in_brackets(tok: Token, text: str, sent: SpacySpan) -> bool:
    """Inside a "[...]" editorial expansion of a name ("ELN [ARMY OF NATIONAL LIBERATION]")."""
    sent_text = text[sent.start_char : tok.idx]
    return sent_text.rfind("[") > sent_text.rfind("]")


def _habitual(tok: Token, sent_index: int, sent: SpacySpan, text: str) -> bool:
    """Present-tense generic statement ("forces loot the oil") outside the headline. A sentence
    without final punctuation is headline-like ("Armed group kills 34 civilians") and exempt."""
    after = text[sent.end_char : sent.end_char + 1]
    headline = not sent.text.rstrip().endswith((".", "!", "?", '"', "”", "'")) and (
        after in {"", "\n", ";"} or sent.text.rstrip().endswith((";", "\n")) or "\n" in sent.text[-2:]
    )
    return sent_index > 0 and not headline and tok.tag_ in {"VBZ", "VBP"} and not any(
        c.dep_ in {"aux", "auxpass"} for c in tok.children
    )


# Frequency adverbs and adjectives that turn a report into a generalisation ("rebels always
# end up killing", "the constant raids by armed groups"): a class of events, not an incident.
_GENERIC_ADVERBS = frozenset("always usually often frequently constantly generally habitually routinely sometimes".split())
_GENERIC_ADJS = frozenset("constant frequent continual habitual periodic occasional systematic".split())


def _generic_statement(tok: Token) -> bool:
    """The trigger (or the verb that governs a noun trigger) is modified by a frequency word,
    or is a perfect progressive ("has been shelling the town for months")."""
    nodes = [tok]
    if (tok.dep_ in {"dobj", "nsubjpass", "xcomp", "pcomp"} or (tok.dep_ == "advcl" and tok.tag_ == "VBG")) and tok.head.i != tok.i:
        nodes.append(tok.head)
    for n in nodes:
        if n.lower_.endswith("ing") and any(c.dep_ == "aux" and c.lower_ == "been" for c in n.children):
            return True  # "has been carrying out bombings": a campaign, not an incident
        for c in n.children:
            if c.dep_ == "advmod" and c.lower_ in _GENERIC_ADVERBS:
                return True
            if c.dep_ == "amod" and c.lower_ in _GENERIC_ADJS and n is tok:
                return True
    return False


def _sentence_time(sent: SpacySpan, times: list[TimeRef], trigger_start: int) -> TimeRef | None:
    inside = [
        t for t in times
        if t.span is not None and sent.start_char <= t.span.start < sent.end_char
        and t.type == "DATE" and t.resolved and t.value[:1].isdigit()
    ]
    if not inside:
        return None
    return min(inside, key=lambda t: abs(t.span.start - trigger_start) if t.span else 0)


def _narrative_time(sents: list[SpacySpan], si: int, times: list[TimeRef], article: Article) -> TimeRef | None:
    """The reference time of the narrative: the last day-precise date of the few sentences
    before the trigger's, if it lies between a month before publication and publication.
    A report continues the time its story last set ("Yesterday at 7 the rebels entered the
    town. They attacked the police post...")."""
    if not article.published or si == 0:
        return None
    lo = sents[max(si - event_places.NARRATIVE_SENTS, 0)].start_char
    hi = sents[si].start_char
    before = [
        t for t in times
        if t.span is not None and lo <= t.span.start < hi and t.type == "DATE" and t.resolved
        and len(t.value) >= 10 and t.value[:4].isdigit()
    ]
    for t in reversed(before):
        age = mod.days_before(t.value[:10], article.published)
        if age is not None and 0 <= age < mod.BACKGROUND_DAYS:
            # Clock times ("yesterday evening") are left out: with them date_acc fell on both
            # muc4_train_a (0.697 -> 0.694) and muc4_dev (0.674 -> 0.663).
            return t
    return None


def _story_time(mentions: list[EventMention], sent_starts: list[int], si: int) -> TimeRef | None:
    """The date the story last set: "The toll of Sunday's attack has risen to 17, residents told
    us on Wednesday. More than 20 people were wounded" continues Sunday."""
    m = event_places.story_mention(mentions, sent_starts, si, lambda x: x.time.span if x.time else None)
    return m.time if m is not None else None


def _published_time(article: Article) -> TimeRef | None:
    if not article.published:
        return None
    return TimeRef(article.published[:10], None, "DATE", "day")


def extract_mentions(doc: Doc, article: Article, analysis: AnalyzedArticle) -> list[EventMention]:
    from sitrep.extract.places import event_location_span
    from sitrep.extract.times import event_time

    # Doc.text rebuilds the string from every token; the article text is the same string.
    last = doc[-1] if len(doc) else None
    same = last is not None and last.idx + len(last.text_with_ws) == len(article.text)
    text = article.text if same else doc_text(doc)
    caps = _is_caps(text)
    matches = act.table_matches(text)
    recased = False
    if caps:
        # All-capital wire copy: parse a recased copy (same offsets); its tags can be trusted.
        known = [(p.span.start, p.span.end) for p in analysis.places if p.span is not None]
        redoc = recase.reparse(text, known + [(a.start, a.end) for a in matches])
        if redoc is not None:
            doc, caps, recased = redoc, False, True
    cue_index = typ.cue_index(text, typ.target_offsets(doc))
    counts = fat.find_counts(doc)
    sents = list(doc.sents)
    sent_starts = [st.start_char for st in sents]
    mentions: list[EventMention] = []
    families: list[str] = []
    candidates = _candidates(doc, text)
    # Token index -> sentence index, computed once: Token.sent and Doc.text rebuild on each call.
    sent_at = [0] * len(doc)
    for i, st in enumerate(sents):
        for k in range(st.start, st.end):
            sent_at[k] = i
    trigger_sents = {sents[sent_at[c[0].i]].start_char for c in candidates}
    # A verb whose subject is itself a trigger noun reports the same event in the noun's terms:
    # "one strike struck a unit", "a roadside bomb killed three" (the noun's family types it).
    noun_at = {t.i: e for t, e, _, _ in candidates if e.pos == "N"}
    typed_at: dict[int, str] = {}
    names = [(a.start, a.end) for a in matches]
    named = event_places.named_countries(analysis.places)
    # Sentences with a violent trigger other than a death/injury word ("a bomb exploded").
    violent_sents = {sent_at[t.i] for t, e, _, _ in candidates if e.family in _VIOLENT_FAMILIES and e.family != "kill"}
    for tok, entry, start, end in candidates:
        si = sent_at[tok.i]
        # A French sentence (headlines of francophone sources) gets no parse-based sense
        # filters: the English parse of it is noise ("6 soldats tués" comes out as compounds).
        french = senses.is_french(sents[si].text)
        if (not french and not senses.sense_ok(tok, entry, caps)) or senses.in_actor_name(start, end, names):
            continue
        if entry.pos != "N":
            subj = next((c for c in tok.children if c.dep_ == "nsubj" and c.i in noun_at), None)
            if subj is not None and noun_at[subj.i].family not in {"protest", "riot", "agree"}:
                entry = Trigger(entry.term, entry.pos, noun_at[subj.i].family, noun_at[subj.i].sub_event_type, entry.strength)
        else:
            subj = None
        sent = sents[si]
        if not french and entry.pos == "V" and not caps and _habitual(tok, si, sent, text):
            continue
        if not french and _generic_statement(tok):
            continue
        if _in_brackets(tok, text, sent) or _aggregate(sent) or (
            not french and entry.pos != "V" and _generic_plural(tok, sent, si, analysis.times)
        ):
            continue
        a1, a2 = act.roles(tok, matches)
        a2 = _place_owner(tok, a2, matches)
        if entry.family in {"protest", "riot"}:
            a1 = act.as_demonstrators(a1, "rioters" if entry.family == "riot" else "protesters")
        if senses.accident(entry, sent, a1 is not None, si in violent_sents):
            continue
        cues = typ.cues_in(cue_index, sent.start_char, sent.end_char)
        sub = typ.classify(entry, tok, cues, a1, a2)
        if sub is None:
            continue
        if subj is not None and subj.i in typed_at and noun_at[subj.i].family not in {"protest", "riot"}:
            # The subject noun was typed already (possibly from its antecedent); demonstrators
            # are typed by what they did ("protesters stormed the parliament").
            sub = typed_at[subj.i]
        time = event_time(doc, (start, end), analysis.times, article) or _sentence_time(sent, analysis.times, start)
        fallback = (event_places.sentence_place(sent, analysis.places, start, named)
                    or event_places.story_place(mentions, sent_starts, si, analysis.places))
        place = event_places.placed(event_location_span(doc, (start, end), analysis.places), fallback)
        if event_places.foreign_region(place, named):
            place = event_places.article_place(analysis.places)
        if place is not None:
            a1 = act.with_place_country(a1, place.country, place.country_name)
            a2 = act.with_place_country(a2, place.country, place.country_name)
        modality, attributed = mod.modality_of(tok, sent, time.value if time else None, article.published)
        reference = _is_reference(tok, entry)
        if reference:
            ante = _antecedent(mentions, families, entry, sub)
            if ante is not None:
                # The sentence's own date or place may belong to another event in it ("the
                # offensive was a response to an attack on 15 August"): the antecedent's win.
                sub = ante.sub_event_type
                time = ante.time or time
                place = ante.place or place
                a1 = a1 or ante.actor1
                a2 = a2 or ante.actor2
        if time is None and modality in {"asserted", "claimed"} and (tok.tag_ in _PAST_TAGS or _past_support(tok)):
            # Past-tense report with no time cue: the news of the day (decided on MUC-4 train:
            # most undated past-tense incidents happened on or just before the dateline).
            time = (_story_time(mentions, sent_starts, si) or _narrative_time(sents, si, analysis.times, article)
                    or _published_time(article))
        sent_span = Span(sent.start_char, sent.end_char, text[sent.start_char : sent.end_char])
        killed, killed_span, injured = _attach_counts(counts, sent.start_char, sents, si, start, trigger_sents)
        conf = _confidence(entry, si, modality, a1, place, killed, reference, caps)
        mentions.append(EventMention(
            trigger=Span(start, end, text[start:end]), sentence=sent_span,
            event_type=taxonomy.type_of(sub), sub_event_type=sub, actor1=a1, actor2=a2,
            place=place, time=time, fatalities=killed, fatalities_span=killed_span, injuries=injured,
            modality=modality, attributed_to=attributed, confidence=conf,
        ))
        families.append(entry.family)
        typed_at[tok.i] = sub
    _consequences_follow_mechanism(mentions, families)
    mentions = _drop_passing_mentions(mentions, sent_starts=sent_starts)
    if recased:
        for m in mentions:
            recase.restore_case(m, text)
    return mentions


# Sentences at the top of a text (headline, lede) in which any trigger is the report itself;
# below them an unanchored mention is a passing one. Decided on MUC-4 train (1300 texts):
# detection_f1 0.728 (no rule) -> 0.743 with 1, 2 or 3 exempt sentences; 3 keeps snippets and
# strike lines (CASE 2021, CENTCOM) whole.
_LEDE_SENTS = 3


def anchored(m: EventMention) -> bool:
    """The mention says something an incident record needs beyond its type: a participant
    of a known kind (actor1 or actor2), a date of its own (not the publication-date default)
    or a toll."""
    if m.fatalities is not None or any(a is not None and a.kind is not None for a in (m.actor1, m.actor2)):
        return True
    return m.time is not None and m.time.span is not None


def _drop_passing_mentions(mentions: list[EventMention], sent_starts: list[int]) -> list[EventMention]:
    """Below the lede, bare nouns and verbs with no participant, date or toll ("the murder and
    kidnapping of students worry us", "bombings and other acts of violence") name a kind of
    event, not an incident: they are kept only when an anchored mention of the same sub-type
    (which they may support in merging) exists."""
    lede_end = sent_starts[_LEDE_SENTS] if len(sent_starts) > _LEDE_SENTS else None
    def deep(m: EventMention) -> bool:
        return lede_end is not None and m.sentence.start >= lede_end
    kept_subs = {m.sub_event_type for m in mentions if anchored(m) or not deep(m)}
    return [m for m in mentions if not deep(m) or anchored(m) or m.sub_event_type in kept_subs]


_GENERIC_SUBS = frozenset({"Attack", "Armed clash"})
_VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


def _consequences_follow_mechanism(mentions: list[EventMention], families: list[str]) -> None:
    """"A blast ripped through the market, killing five": the killing is the outcome of the
    blast, not a second event. A death/injury trigger (family "kill") that shares its sentence
    with a more specific violent mention takes that mention's type (so the two merge and the
    count goes to it) and ranks just below it."""
    by_sent: dict[int, list[int]] = {}
    for i, m in enumerate(mentions):
        by_sent.setdefault(m.sentence.start, []).append(i)
    for idxs in by_sent.values():
        specific = [
            mentions[i] for i in idxs
            if families[i] != "kill" and mentions[i].event_type in _VIOLENT_TYPES
            and mentions[i].sub_event_type not in _GENERIC_SUBS and mentions[i].modality != "hypothetical"
        ]
        if not specific:
            continue
        best = max(specific, key=lambda m: m.confidence)
        for i in idxs:
            m = mentions[i]
            if families[i] == "kill" and m.sub_event_type in _GENERIC_SUBS and m.modality == best.modality:
                m.sub_event_type, m.event_type = best.sub_event_type, best.event_type
                m.confidence = min(m.confidence, max(best.confidence - 0.01, 0.01))


def _place_owner(tok: Token, a2: Actor | None, matches: list[act.ActorMatch]) -> Actor | None:
    """"strikes on areas used by groups linked to X": the target actor is the owner."""
    if a2 is None or a2.span is None:
        return a2
    doc = tok.doc
    span = doc.char_span(a2.span.start, a2.span.end, alignment_mode="expand")
    if span is None:
        return a2
    head = span.root
    if head.lemma_.lower() not in _PLACE_HEADS:
        return a2
    for t in head.subtree:
        if t.dep_ == "pobj" and t.head.lower_ in {"by", "of"} and t.i > head.i:
            owner = act.actor_from_span(doc, t.left_edge.i, t.right_edge.i + 1, t, matches)
            if owner is not None and owner.kind is not None:
                return owner
    patron = act.patron_of(a2.span.text, matches, a2.span.start)
    if patron:
        # "facilities linked to the IRGC": the target is the affiliated group.
        return Actor(a2.name, a2.span, f"Militia (pro-{patron})", "militia", None, patron)
    return a2


def _past_support(tok: Token) -> bool:
    head = tok.head if tok.dep_ in {"dobj", "nsubjpass", "pobj"} else tok
    return head.tag_ in _PAST_TAGS or any(c.tag_ in _PAST_TAGS and c.dep_ in {"aux", "auxpass"} for c in head.children)


def _antecedent(mentions: list[EventMention], families: list[str], entry: Trigger, sub: str) -> EventMention | None:
    """The latest earlier mention of the same sub-type; for a generic noun ("the attack",
    "the offensive") the latest violent mention of any sub-type."""
    live = [(m, f) for m, f in zip(mentions, families, strict=True) if m.modality != "hypothetical"]
    for m, _fam in reversed(live):
        if m.sub_event_type == sub:
            return m
    if entry.term in _GENERIC_TRIGGERS or entry.family in {"attack", "strike"}:
        for m, fam in reversed(live):
            if fam in _VIOLENT_FAMILIES:
                return m
    return None


def _attach_counts(
    counts: list[fat.Count], sent_start: int, sents: list[SpacySpan], si: int, trig: int,
    trigger_sents: set[int],
) -> tuple[int | None, Span | None, int | None]:
    """Deaths and injuries of the mention: the count nearest the trigger in its sentence, else
    a count in the next sentence (which often gives the toll of the event just reported)."""
    def pick(kind: str, start: int) -> fat.Count | None:
        same = [c for c in counts if c.kind == kind and c.sent_start == start]
        return min(same, key=lambda c: abs(c.anchor - trig)) if same else None

    k = pick("killed", sent_start)
    i = pick("injured", sent_start)
    if k is None and si + 1 < len(sents) and sents[si + 1].start_char not in trigger_sents:
        k = pick("killed", sents[si + 1].start_char)
    return (k.value if k else None), (k.span if k else None), (i.value if i else None)


# Weights: calibrated by hand on case2021_task2_dev (pick the snippet's main event) and
# muc4_train_a (separate reported incidents from passing mentions).
_MODALITY_WEIGHT = {"asserted": 0.0, "claimed": -0.05, "background": -0.3, "denied": -0.35, "hypothetical": -0.45}


def _confidence(
    entry: Trigger, si: int, modality: str, a1: Actor | None, place: Place | None,
    killed: int | None, reference: bool, caps: bool,
) -> float:
    c = entry.strength
    c += 0.12 if si == 0 else 0.06 if si <= 2 else 0.0
    c += _MODALITY_WEIGHT.get(modality, 0.0)
    if a1 is not None:
        c += 0.05
    if place is not None:
        c += 0.03
    if killed:
        c += 0.05
    if reference:
        c -= 0.15
    return round(min(max(c, 0.01), 0.99), 3)


@register("events.v1", assigns="mentions", requires=("places", "times", "quotes"))
def extract_events(doc: Doc, article: Article, analysis: AnalyzedArticle) -> list[EventMention]:
    return extract_mentions(doc, article, analysis)
