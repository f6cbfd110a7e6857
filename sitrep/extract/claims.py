"""Quotations and attributions: who said what, with which cue and stance.

Two passes over the parsed article, no model beyond spaCy's parse:

1. **Quoted segments** (direct quotes, ``quote_marks``): a segment is attributed to a cue verb
   right after it (``"…," he said``) or right before it (``he said: "…"``).
2. **Dependency attributions** (indirect and mixed): every verb whose lemma is in the cue
   lexicon (``cues``, ``data/cue_verbs.tsv``), its ``nsubj`` as speaker, its
   ``ccomp``/``xcomp``/object as content; ``according to X`` with X as speaker and the clause
   it modifies as content; attitude adjectives and stance nouns after a copula ("is confident
   that", "is a critic of"); "make" with a noun of saying ("made the case that").

Span conventions follow PolNeAR (checked on ``quotes_polnear_dev.jsonl``): direct content keeps
its quote marks and the punctuation inside them; indirect content keeps "that" and drops the
final full stop; a colon right after the cue verb belongs to the cue; the covering span of
``"A," he said. "B."`` is one content span.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from sitrep.extract.cues import (
    CueLexicon,
    cue_entry,
    cue_lexicon,
    cue_span_chars,
    stance_of,
    widen_cue,
)
from sitrep.extract.quote_marks import (
    Segment,
    TokAt,
    continues,
    cue_after,
    cue_before,
    quote_kind,
    quote_segments,
    snap_to_segments,
)
from sitrep.extract.speakers import SpeakerResolver, phrase_bounds
from sitrep.model import AnalyzedArticle, Article, Quote, Span
from sitrep.registry import register

__all__ = ["cue_lexicon", "extract_quotes", "link_quotes_to_events", "quote_segments"]


# --- extraction ----------------------------------------------------------------------------

_SUBJ = ("nsubj",)
_COMPLEMENTS = ("ccomp", "xcomp")
_OBJECTS = ("dobj", "attr", "oprd")
_CUE_POS = ("VERB",)
# A quoted stretch with at least this many spaces (five words) is speech, not a scare-quoted
# term; on quotes_polnear_dev.jsonl any value from 2 to 10 scores the same.
_QUOTED_SPEECH_SPACES = 4


@register("claims.v1", assigns="quotes")
def extract_quotes(doc: Doc, article: Article, analysis: AnalyzedArticle) -> list[Quote]:
    lex = cue_lexicon()
    text = article.text
    segments = quote_segments(text)
    char_tok = TokAt(doc, text)
    found: list[tuple[Token, Token | None, tuple[int, int], tuple[int, int] | None]] = []
    used_cues: set[int] = set()
    used_segments: set[int] = set()
    # pass 1: quoted segments with a cue right after or right before them
    for si, seg in enumerate(segments):
        if si in used_segments:
            continue
        hit = cue_after(doc, char_tok, seg, lex) or cue_before(doc, char_tok, seg, lex, text)
        if hit is None:
            continue
        cue, cue_end = hit
        if cue.i in used_cues:
            continue
        content_end = seg.end
        used_segments.add(si)
        # "A," he said. "B." -> one covering span while B has no cue of its own
        nj = si + 1
        last = seg
        while nj < len(segments) and continues(text, last, segments[nj], cue_end):
            nxt = segments[nj]
            if cue_after(doc, char_tok, nxt, lex) is not None and nj != si:
                break
            content_end = nxt.end
            used_segments.add(nj)
            last = nxt
            nj += 1
        used_cues.add(cue.i)
        subj = _speaker_token(cue)
        found.append((cue, subj, (seg.start, content_end), None))
    # pass 2: dependency attributions, outside the quoted segments already attributed
    # Also skip cues inside any longer quoted stretch: quoted speech is someone's words, and
    # an attribution inside it ("we know who they are") belongs to the outer quote.
    direct = [f[2] for f in found] + [
        (seg.start, seg.end)
        for seg in segments
        if seg.closed and text.count(" ", seg.start, seg.end) >= _QUOTED_SPEECH_SPACES
    ]
    for tok in doc:
        if tok.i in used_cues or any(s <= tok.idx < e for s, e in direct):
            continue
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            acc = _according_to(doc, tok)
            if acc is not None:
                found.append(acc)
                used_cues.add(tok.i)
            continue
        if (tok.pos_ == "ADJ" and tok.lower_ in _ATTITUDE_ADJECTIVES) or (
            tok.pos_ == "NOUN" and tok.lemma_.lower() in _STANCE_NOUNS
        ):
            attitude = _attitude_attribution(tok)
            if attitude is not None:
                found.append(attitude)
                used_cues.add(tok.i)
            continue
        if tok.pos_ not in _CUE_POS:
            continue
        if tok.lemma_.lower() == "make":
            light = _light_verb_attribution(tok)
            if light is not None:
                found.append(light)
                used_cues.add(tok.i)
            continue
        entry = cue_entry(tok, lex)
        if entry is None or entry.kind == "quote":
            continue  # "quote" cues ("she continued") attribute only a quoted segment (pass 1)
        passive = _passive_attribution(tok)
        if passive is not None:
            agent, content = passive
            found.append((tok, agent, _token_chars(doc, *content), None))
            used_cues.add(tok.i)
            continue
        bounds = _content_bounds(tok, entry.clause_only)
        if bounds is None:
            continue
        content, prep = bounds
        subj = _speaker_token(tok)
        if subj is None:
            continue
        cue_chars = None
        if prep is not None:
            cue_chars = (tok.idx, prep.idx + len(prep.text))
        found.append((tok, subj, _token_chars(doc, *content), cue_chars))
        used_cues.add(tok.i)
    found = _drop_nested(found)
    quotes = _build(doc, text, found, segments, lex)
    quotes.extend(_colon_attributions(doc, text, quotes, segments))
    quotes.sort(key=lambda q: q.content.start)
    return quotes


# "Clinton: Time for a new strategy" / 'Kerry: "By law, ..."': a short name, a colon, then
# what the name said. At most six tokens before the colon (headline speakers such as
# "Former secretary of state Hillary Rodham Clinton").
_COLON_SPEAKER_MAX = 7


def _colon_attributions(doc: Doc, text: str, quotes: list[Quote], segments: list[Segment]) -> list[Quote]:
    taken = [(q.content.start, q.content.end) for q in quotes]
    taken += [(q.speaker.start, q.speaker.end) for q in quotes if q.speaker is not None]
    out: list[Quote] = []
    for sent in doc.sents:
        colon = next((t for t in sent[: _COLON_SPEAKER_MAX + 1] if t.text == ":"), None)
        if colon is None or colon.i == sent.start or colon.i + 1 >= sent.end:
            continue
        head = doc[sent.start : colon.i]
        if not any(t.pos_ == "PROPN" for t in head) or any(t.pos_ in ("VERB", "AUX") for t in head):
            continue
        if not head[0].is_title and not head[0].is_upper:
            continue
        line_end = text.find("\n", colon.idx)
        line_end = len(text) if line_end < 0 else line_end
        start, end = _trim(text, colon.idx + 1, line_end)
        if end - start < 10 or any(a < end and start < b for a, b in taken):
            continue
        s0, s1 = head.start_char, head.end_char
        out.append(Quote(
            content=Span.of(text, start, end),
            speaker=Span.of(text, s0, s1),
            speaker_resolved=text[s0:s1],
            cue=Span.of(text, colon.idx, colon.idx + 1),
            kind=quote_kind(text, start, end, segments),
            stance="neutral",
        ))
    return out


Found = tuple[Token, Token | None, tuple[int, int], tuple[int, int] | None]


def _drop_nested(found: list[Found]) -> list[Found]:
    """An attribution whose cue lies inside another one's content is part of that content
    ("Murphy said he supports the bill"; "I think" inside a quote): PolNeAR gives each token
    to one attribution only, and the reported speaker is the outer one."""
    out = []
    for f in found:
        cue_at = f[0].idx
        (fs, fe) = f[2]
        # dropped when inside another's content, unless that other's cue is inside ours too
        # (a covering "according to" span around a "said" clause: keep the outer verb)
        if any(
            o is not f and o[2][0] <= cue_at < o[2][1] and not (fs <= o[0].idx < fe)
            for o in found
        ):
            continue
        out.append(f)
    out.sort(key=lambda f: f[2][0])
    return out


def _build(
    doc: Doc,
    text: str,
    found: list[tuple[Token, Token | None, tuple[int, int], tuple[int, int] | None]],
    segments: list[Segment],
    lex: CueLexicon,
) -> list[Quote]:
    resolver = SpeakerResolver(doc)
    quotes: list[Quote] = []
    for cue, subj, (cstart, cend), cue_chars in found:
        cstart, cend = snap_to_segments(cstart, cend, segments)
        cstart, cend = _trim(text, cstart, cend)
        if cend <= cstart:
            continue
        kind = quote_kind(text, cstart, cend, segments)
        speaker: Span | None = None
        resolved: str | None = None
        if subj is not None:
            c_tok = _char_span_tokens(doc, cstart, cend)
            subj = speaker_outside_content(subj, c_tok, cue)
            s0, s1 = phrase_bounds(subj, c_tok, cue)
            if s1 > s0:
                sp = doc[s0:s1]
                speaker = Span.of(text, sp.start_char, doc[s1 - 1].idx + len(doc[s1 - 1].text))
                resolved = resolver.resolve(subj, s0, s1, cue)
        if cue_chars is None:
            cue_chars = cue_span_chars(text, cue, lex)
        elif cue.lower_ != "according":
            cue_chars = widen_cue(text, cue, *cue_chars)
        stance = stance_of(doc, cue, cstart, cend, lex)
        quotes.append(Quote(
            content=Span.of(text, cstart, cend),
            speaker=speaker,
            speaker_resolved=resolved,
            cue=Span.of(text, *cue_chars),
            kind=kind,
            stance=stance,
        ))
    return quotes


def _speaker_token(cue: Token) -> Token | None:
    """The cue's subject; participles and conjuncts ("…, saying", "and added") borrow the
    subject of the verb they hang from."""
    tok: Token | None = cue
    for _ in range(3):
        if tok is None:
            return None
        for child in tok.children:
            if child.dep_ in _SUBJ:
                return child
        if tok.dep_ in ("advcl", "conj", "xcomp", "acl") and tok.head is not tok:
            if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _CAUSATIVES:
                # object control: "the timing led Republicans to say", "left voters wondering":
                # the matrix verb's object, not its subject, speaks
                obj = next((c for c in tok.head.children if c.dep_ == "dobj" and c.i < tok.i), None)
                if obj is not None:
                    return obj
            if tok.dep_ == "acl":
                # "groups supporting the plan": the noun the participle describes
                head = tok.head
                ok = head.pos_ in ("NOUN", "PROPN") and head.ent_type_ not in ("DATE", "TIME")
                return head if ok and tok.tag_ == "VBG" and head.i < tok.i else None
            tok = tok.head
            continue
        if tok.dep_ == "pcomp" and tok.tag_ == "VBG" and tok.head.lower_ in _GERUND_PREPS:
            # "ended the speech by thanking the crowd": the subject of the verb the
            # preposition hangs from
            tok = tok.head.head
            continue
        return None
    return None


# Prepositions whose gerund shares the subject of the main verb ("by saying", "after
# thanking", "before announcing", "in defending").
_GERUND_PREPS = frozenset({"by", "after", "before", "while", "in", "when", "without", "since"})


# Verbs whose object does what their complement says ("led Republicans to say").
_CAUSATIVES = frozenset({"lead", "leave", "prompt", "cause", "force", "drive", "make", "let", "inspire", "spur"})


# Adjectives that report a belief or feeling about a proposition ("is worried that ...").
_ATTITUDE_ADJECTIVES = frozenset({
    "worried", "concerned", "convinced", "confident", "sure", "certain", "hopeful", "afraid",
    "aware", "optimistic", "pessimistic", "skeptical", "sceptical", "adamant", "fearful",
    "critical", "supportive", "furious", "angry", "upset", "wary", "eager", "reluctant",
    "unwilling", "opposed", "appreciative", "proud", "pleased", "unhappy", "disappointed",
    "frustrated", "doubtful", "enthusiastic", "grateful", "dismissive", "suspicious", "insistent",
})


def _attitude_attribution(adj: Token) -> Found | None:
    """'The mayor is confident that the bridge will hold', 'is critical of the plan', 'is a
    critic of the plan': the subject of the copula holds the attitude, the clause or
    prepositional object is its content, and the cue is the copula with the adjective or
    stance noun (and its preposition), as PolNeAR marks it."""
    if adj.dep_ != ("attr" if adj.pos_ == "NOUN" else "acomp"):
        return None
    subj = next((c for c in adj.head.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return None
    doc = adj.doc
    cue_end = adj
    comp = next((c for c in adj.children if c.dep_ in ("ccomp", "xcomp") and c.i > adj.i), None)
    if comp is not None:
        content = (comp.left_edge.i, comp.right_edge.i + 1)
    else:
        prep = next((c for c in adj.children if c.dep_ == "prep" and c.i == adj.i + 1
                     and (c.lower_ in _ATTITUDE_PREPS or (adj.pos_ == "NOUN" and c.lower_ == "for"))), None)
        if prep is None or prep.right_edge.i == prep.i:
            return None
        content = (prep.i + 1, prep.right_edge.i + 1)
        cue_end = prep
    start = adj.idx
    cop = adj.head
    if cop.i < adj.i and all(t.pos_ in ("ADV", "PART", "DET", "ADJ") for t in doc[cop.i + 1 : adj.i]):
        start = cop.idx
    return adj, subj, _token_chars(doc, *content), (start, cue_end.idx + len(cue_end.text))


# Nouns for someone's stance on a thing, used after a copula ("is a fierce critic of the deal").
_STANCE_NOUNS = frozenset({
    "supporter", "critic", "opponent", "proponent", "advocate", "champion", "backer", "fan",
    "defender", "skeptic", "sceptic", "foe", "enemy", "admirer", "believer",
})
_ATTITUDE_PREPS = frozenset({"of", "about", "with", "in", "at", "on", "toward", "towards"})


# Nouns that turn "make" into a verb of saying ("made the case that", "made a plea for").
_SPEECH_NOUNS = frozenset({
    "case", "argument", "statement", "plea", "prediction", "attack", "joke", "mention", "call",
    "point", "pitch", "promise", "pledge", "claim", "accusation", "appeal", "comment", "remark",
    "announcement", "assertion", "suggestion", "threat", "vow", "warning", "allegation",
})


def _light_verb_attribution(verb: Token) -> Found | None:
    """'Christie has been making the case that Rubio is not ready', 'made a plea for unity',
    'made clear that ...': "make" with a noun of saying (or "clear") is a cue; the noun's
    clause or prepositional object (or the verb's clause) is the content."""
    subj = _speaker_token(verb)
    if subj is None:
        return None
    doc = verb.doc
    noun = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in _SPEECH_NOUNS), None)
    clear = next((c for c in verb.children if c.lower_ == "clear" and c.i > verb.i), None)
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i and c.lower_ != "clear"), None)
    if noun is not None:
        comp = next((c for c in noun.children if c.dep_ in ("acl", "ccomp") and c.i > noun.i), None)
        if comp is not None:
            return verb, subj, _token_chars(doc, comp.left_edge.i, comp.right_edge.i + 1), (verb.idx, noun.idx + len(noun.text))
        prep = next((c for c in noun.children if c.dep_ == "prep" and c.i > noun.i and c.right_edge.i > c.i
                     and c.lower_ in ("for", "of", "on", "about", "against")), None)
        if prep is not None:
            return verb, subj, _token_chars(doc, prep.i + 1, prep.right_edge.i + 1), (verb.idx, prep.idx + len(prep.text))
        if clause is not None:
            return verb, subj, _token_chars(doc, clause.left_edge.i, clause.right_edge.i + 1), (verb.idx, noun.idx + len(noun.text))
        return None
    if clear is not None and clause is not None:
        return verb, subj, _token_chars(doc, clause.left_edge.i, clause.right_edge.i + 1), (verb.idx, clear.idx + len(clear.text))
    return None


def speaker_outside_content(subj: Token, content: tuple[int, int], cue: Token) -> Token:
    """'"[Ruiz] can win," Lee said': when the parser takes a word inside the quote as the
    cue's subject, the speaker is the last noun between the quote and the cue."""
    lo, hi = content
    if lo <= subj.i < hi and hi < cue.i:
        doc = subj.doc
        return next((t for t in reversed(doc[hi : cue.i]) if t.pos_ in ("PROPN", "NOUN", "PRON")), subj)
    return subj


def _passive_attribution(cue: Token) -> tuple[Token, tuple[int, int]] | None:
    """'The bill, opposed by House Republicans, ...' / 'The plan was rejected by voters': the
    agent is the speaker, the passive subject (or the noun the participle describes) the
    content."""
    agent = next((c for c in cue.children if c.dep_ == "agent"), None)
    if agent is None:
        return None
    pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    subj = next((c for c in cue.children if c.dep_ == "nsubjpass"), None)
    if subj is not None:
        return pobj, (subj.left_edge.i, subj.right_edge.i + 1)
    if cue.dep_ == "acl" and cue.head.i < cue.i:
        head = cue.head
        return pobj, (head.left_edge.i, head.i + 1)
    return None


def _content_bounds(cue: Token, clause_only: bool = False) -> tuple[tuple[int, int], Token | None] | None:
    """Token bounds of what the cue attributes (its clause complement, else its object, else
    the clause it interrupts), and the preposition that belongs to the cue ("called for")."""
    doc = cue.doc
    comps = [c for c in cue.children if c.dep_ in _COMPLEMENTS]
    if comps:
        c = comps[0]
        if c.dep_ == "xcomp" and c.tag_ != "VBG" and not any(
            a.dep_ == "aux" and a.lower_ == "to" for a in c.children
        ):
            return None  # "seemed happy": not an attribution
        return (c.left_edge.i, c.right_edge.i + 1), None
    objs = [] if clause_only else [c for c in cue.children if c.dep_ in _OBJECTS]
    if objs:
        o = objs[0]
        end = o.right_edge.i + 1
        # "accused X of Y", "called X a liar": the object and what is said of it
        for c in cue.children:
            if c.i > o.i and (c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ in ("of", "for", "as"))):
                end = max(end, c.right_edge.i + 1)
        return (o.left_edge.i, end), None
    for c in cue.children:
        # "called for a ceasefire", "warned of", "spoke about": the prepositional object
        between = doc[cue.i + 1 : c.i]
        if c.dep_ == "prep" and c.i > cue.i and all(t.pos_ == "ADV" for t in between) and (
            c.lower_ in _CONTENT_PREPS or (cue.lemma_.lower(), c.lower_) in cue_lexicon().particles
        ):
            if c.right_edge.i > c.i:  # "called for all candidates to lay out specifics"
                return (c.i + 1, c.right_edge.i + 1), c
    subj = next((c for c in cue.children if c.dep_ in _SUBJ), None)
    if subj is None:
        return None
    sent = cue.sent
    if cue.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children):
        # "As the Post reported, the deal collapsed." -> the clause the as-clause modifies
        head = cue.head
        if cue.i < head.i:
            return (cue.right_edge.i + 1, head.right_edge.i + 1), None
        return (head.left_edge.i, cue.left_edge.i), None
    if cue.dep_ in ("parataxis", "ccomp") and cue.head.i != cue.i and subj.i < cue.i:
        # "The plan, he said, will fail." -> the clause the cue interrupts (covering span)
        head = cue.head
        lo, hi = head.left_edge.i, head.right_edge.i + 1
        if lo < subj.left_edge.i:
            return (lo, hi), None
    # "The girl was hurt in the crowd, police said." -> the sentence before the speaker
    after = [t for t in doc[cue.right_edge.i + 1 : sent.end] if not (t.is_punct or t.is_space)]
    lo = sent.start
    if not after and subj.left_edge.i - lo >= 3 and doc[subj.left_edge.i - 1].text == ",":
        return (lo, subj.left_edge.i - 1), None
    return None


_CONTENT_PREPS = frozenset({"for", "about", "of", "at", "against", "on"})


def _according_to(
    doc: Doc, tok: Token
) -> tuple[Token, Token | None, tuple[int, int], tuple[int, int] | None] | None:
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    sent = tok.sent
    phrase_end = pobj.right_edge.i + 1
    words_after = [t for t in doc[phrase_end : sent.end] if not (t.is_punct or t.is_space)]
    words_before = [t for t in doc[sent.start : tok.i] if not (t.is_punct or t.is_space)]
    if len(words_before) <= 1:
        start, end = phrase_end, sent.end  # "According to X, content."
    elif len(words_after) <= 1:
        start, end = sent.start, tok.i  # "content, according to X."
    else:
        start, end = sent.start, sent.end  # "content, according to X, content." (covering)
    cue_chars = (tok.idx, to.idx + len(to.text))
    return tok, pobj, _token_chars(doc, start, end), cue_chars


def _token_chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _char_span_tokens(doc: Doc, start: int, end: int) -> tuple[int, int]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return (0, 0)
    return span.start, span.end


_TRAIL = " \n\t.,;:—–-"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \n\t,;:—–-":
        start += 1
    if text[end - 1 : end] in ("”", '"', "'"):
        return start, end
    while end > start and text[end - 1] in _TRAIL:
        end -= 1
    return start, end


def link_quotes_to_events(analysis: AnalyzedArticle) -> None:
    """Set ``Quote.event_index`` for quotes that are claims about one of ``analysis.events``:
    the event one of whose mentions has its trigger inside the quote's content, else the event
    one of whose mentions shares the quote's sentence."""
    for quote in analysis.quotes:
        best: int | None = None
        for ei, event in enumerate(analysis.events):
            for mention in event.mentions:
                trig = mention.trigger
                if quote.content.start <= trig.start and trig.end <= quote.content.end:
                    best = ei
                    break
            if best is not None:
                break
        if best is None:
            for ei, event in enumerate(analysis.events):
                for mention in event.mentions:
                    sent = mention.sentence
                    if sent.start < quote.content.end and quote.content.start < sent.end:
                        best = ei
                        break
                if best is not None:
                    break
        quote.event_index = best
