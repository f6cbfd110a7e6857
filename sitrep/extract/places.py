"""Toponyms -> gazetteer entries, and which place an event happened at.

Recognition: spaCy GPE/LOC/FAC entities; NORP entities that are demonyms of a country or
continent ("Syrian", "European"); ORG/PERSON entities and untagged proper-noun runs only when
the gazetteer knows them as a well-known place (countries, admin areas, our curated sites,
towns of 100k+) and they do not look like an organisation. A name followed by a facility word
("Damascus airport", "Al-Omar oil field") is extended when the gazetteer knows the longer name.

Resolution: ``sitrep.geo.resolve`` over all mentions of the article together (context).
Event location: ``sitrep.geo.eventloc``.
"""

from __future__ import annotations

import functools
import re

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sitrep.extract import actors
from sitrep.geo import countries as countries_mod
from sitrep.geo import gazetteer as gz
from sitrep.geo import normalize as norm
from sitrep.geo.resolve import Resolved, resolve
from sitrep.model import AnalyzedArticle, Article, Place, Span
from sitrep.nlp import doc_text
from sitrep.registry import register

_PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Labels the small model puts on place names it misreads ("Al-Mayadin" ORG, "Deir Ezzor" PERSON).
_MISREAD_LABELS = {"ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"}
# Words that make an ORG/PERSON/untagged run an organisation or a person, not a place.
_ORG_WORDS = frozenset(
    """university college school institute academy hospital party council ministry ministries
    department army forces force brigade brigades corps militia militias front movement committee
    commission agency bank company corporation inc ltd group news times post journal press tv
    radio network church mosque association union league club fc united city-state government
    administration court parliament senate congress assembly office police guard guards""".split()
)
# Facility words after a place name that may make a longer gazetteer name.
_FACILITY_AFTER = re.compile(
    r"^[ ]?(?:-| )?(?:international )?(?:airport|air ?base|military airport|airfield|oil ?field|"
    r"gas ?field|camp|dam|border crossing|crossing|garrison|base|prison|nuclear (?:power )?plant)\b",
    re.IGNORECASE,
)
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING_POSS = re.compile(r"(?:'s|’s|'|’)$")
_TRAILING_ADMIN = norm.TRAILING_ADMIN_WORD
# A headline separator inside an entity ("CENTRAL AFRICAN REPUBLIC - OPPOSITION", "kill;Chad"):
# the name ends before it.
_SEPARATOR = re.compile(r"\s[-–—]\s|;|:\s")
# Untagged proper-noun runs are accepted only for places this prominent (population), so that
# common words that are also village names ("Police", "Reform") are not read as places.
# Calibrated on gwn_dev/lgl_dev end-to-end precision.
MIN_POP_UNTAGGED = 100_000
MIN_POP_MISREAD = 100_000

_POINT_FEATURES = frozenset(
    {"AIRP", "MILB", "DAM", "PSTB", "CMPRF", "OILF", "GASF", "PRN", "PS", "BDG", "MFG", "PPLX"}
)


def precision_of(entry: gz.Entry) -> int:
    """ACLED geo-precision of a resolved place: 1 a town or a point site, 2 a district-sized
    area, 3 a province, country, sea or larger region."""
    if entry.source == "city" or entry.feature in _POINT_FEATURES:
        return 1
    if entry.source == "adm2":
        return 2
    return 3


def _place(text: str, start: int, end: int, r: Resolved | None, source: str) -> Place:
    span = Span(start, end, text[start:end])
    if r is None:
        return Place(name=span.text, span=span, source=source)
    e = r.entry
    g = gz.get()
    admin1 = ""
    if e.source in ("city", "adm2") and e.admin1:
        a1 = g.admin1_entry(e.admin1)
        admin1 = a1.name if a1 is not None else ""
    country = g.by_country(e.country) if e.country else None
    country_name = country.name if country is not None else None
    if r.inferred:
        # An unknown name placed by the article's other places: its own name, no id, and
        # at best a "part of a town" precision.
        return Place(
            name=span.text, span=span, geonameid=e.geonameid if r.inferred == "inside" else None,
            lat=e.lat, lon=e.lon, admin1=admin1 or None,
            country=e.country or None, country_name=country_name,
            precision=max(precision_of(e), 2), source="context", score=0.0,
        )
    src = "demonym" if r.kind == gz.DEMONYM else e.source
    return Place(
        name=e.name, span=span, geonameid=e.geonameid, lat=e.lat, lon=e.lon,
        admin1=admin1 or None, country=e.country or None, country_name=country_name,
        feature=e.feature, precision=precision_of(e), source=src, score=round(r.score, 3),
    )


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    sep = _SEPARATOR.search(text, start, end)
    if sep and sep.start() > start:
        end = sep.start()
    m = _LEADING_THE.match(text[start:end])
    if m and end - start > m.end():
        start += m.end()
    m2 = _TRAILING_POSS.search(text[start:end])
    if m2 and m2.start() > 0:
        end = start + m2.start()
    m3 = _TRAILING_ADMIN.search(text[start:end])
    if m3 and m3.start() > 0:
        end = start + m3.start()
    return start, end


def _looks_like_org(span: SpacySpan) -> bool:
    return any(t.lower_ in _ORG_WORDS for t in span) or actors.is_actor_alias(span.text)


def _prominent(g: gz.Gazetteer, name: str, min_pop: int, allow_demonym: bool,
               fuzzy: bool = False, towns_only: bool = False) -> bool:
    """Whether the gazetteer knows ``name`` as a well-known place: a country, continent,
    province/state or curated site, or a town (with ``towns_only``, not a district: counties
    are named after people, "Hughes", "Ford") of at least ``min_pop``."""
    for m in g.lookup(name, fuzzy=fuzzy):
        if m.fuzzy and m.entry.source not in ("country", "adm1", "curated"):
            continue
        e = m.entry
        if m.kind == gz.DEMONYM and not allow_demonym:
            continue
        if m.kind == gz.VARIANT and not m.fuzzy and e.source != "curated":
            continue  # "Hughes" is not "Hughes County", "Ohio Department" not "Ohio"
        if e.source in ("country", "continent", "adm1", "curated"):
            return True
        if (e.population >= min_pop and m.kind in (gz.NAME, gz.ALIAS)
                and (e.source == "city" or not towns_only)):
            return True
    return False


def _extend_facility(g: gz.Gazetteer, text: str, start: int, end: int) -> int:
    m = _FACILITY_AFTER.match(text[end : end + 40])
    if not m:
        return end
    longer = text[start : end + m.end()]
    if any(x.entry.source == "curated" for x in g.lookup(longer)):
        return end + m.end()
    return end


# Head nouns that make the proper name next to them a place: "Damboa town", "the district of
# Sheikh Maksud", "Idlib province".
_LOC_HEADS = frozenset(
    """town city village province governorate district region county state camp neighbourhood
    neighborhood suburb area municipality port island valley mountain mountains river border
    crossing airport""".split()
)
# Prepositions that, right before an untagged or mis-tagged name, suggest a place.
# French "à"/"dans"/"près de" too: regional French-language wires name towns the same way.
_LOC_PREPS = frozenset("in near outside at around into across inside toward towards à dans".split())


def _cue(doc: Doc, i: int, j: int) -> str | None:
    """"head" when a location noun governs the name ``doc[i:j]`` ("Damboa town", "town of X"),
    "prep" when a locative preposition precedes it, else None."""
    if j < len(doc) and doc[j].lower_ in _LOC_HEADS:
        return "head"
    if i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in _LOC_HEADS:
        return "head"
    k = i - 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    if k >= 0 and doc[k].lower_ in _LOC_PREPS:
        return "prep"
    return None


def _known(g: gz.Gazetteer, name: str) -> bool:
    """Whether the gazetteer knows ``name`` as written: any entry, but a town only under its
    own name, an alias or its name without the article ("Huwayjah" for "Al Huwayjah"), not
    a name stripped of an admin word."""
    return any(m.kind != gz.VARIANT or m.entry.source != "city" for m in g.lookup(name))


def _extend_name(g: gz.Gazetteer, doc: Doc, text: str, start: int, end: int, j: int) -> tuple[int, int]:
    """Repair an entity cut short inside a hyphenated or particle name ("Deir" + "ez-Zor"):
    take the longest extension by up to three tokens that the gazetteer knows."""
    best = end, j
    for k in range(j, min(j + 3, len(doc))):
        t = doc[k]
        if (t.is_punct and t.text not in ("-", "‐")) or t.is_space or t.like_num:
            break
        new_end = t.idx + len(t.text)
        # Strict key only: "Al-Tanf region" must not swallow "region" via a stripped variant.
        if not t.is_punct and g.has(norm.key(text[start:new_end])):
            best = new_end, k + 1
    return best


def _embedded(g: gz.Gazetteer, ent: SpacySpan) -> list[tuple[int, int]]:
    """Places named inside an organisation's name: "the Texas Forest Service", "University of
    California", "the U.S. House". Only well-known places (countries, provinces/states, big
    towns) at the start of a proper-noun run inside the name."""
    out: list[tuple[int, int]] = []
    runs: list[list[Token]] = []
    for t in ent:
        if t.pos_ == "PROPN" and t.text[:1].isupper():
            if runs and runs[-1][-1].i == t.i - 1:
                runs[-1].append(t)
            else:
                runs.append([t])
    for run in runs:
        for n in range(min(len(run), 3), 0, -1):
            a, b = run[0].idx, run[n - 1].idx + len(run[n - 1].text)
            name = doc_text(ent.doc)[a:b]
            if norm.key(name) in _STOP or len(name) < 2 or actors.is_actor_alias(name):
                continue
            county = n > 1 and run[n - 1].lower_ in ("county", "parish") and any(
                m.kind == gz.NAME and m.entry.source == "adm2" for m in g.lookup(name))
            if county or _prominent(g, name, MIN_POP_UNTAGGED, allow_demonym=True,
                                    towns_only=True):
                out.append((a, b))
                break
    return out


def _skip_prep(doc: Doc, i: int, j: int) -> int:
    """First token of ``doc[i:j]`` after a capitalised locative preposition that the model
    swept into the name at the start of a sentence ("Near Kobani" PERSON, "Outside Mosul"
    PROPN run): the name starts after it, and the preposition is its place cue."""
    while i < j - 1 and doc[i].lower_ in _LOC_PREPS and doc[i].text[:1].isupper():
        i += 1
        if i < j - 1 and doc[i].lower_ == "the":
            i += 1
    return i


def find_toponyms(doc: Doc, text: str) -> list[tuple[int, int, str]]:
    """Candidate toponym spans ``(start, end, how)`` in ``doc``, in text order."""
    g = gz.get()
    found: list[tuple[int, int, str]] = []
    covered: set[int] = set()
    rejected: list[SpacySpan] = []
    for ent0 in doc.ents:
        k0 = _skip_prep(doc, ent0.start, ent0.end)
        ent = ent0 if k0 == ent0.start else SpacySpan(doc, k0, ent0.end, label=ent0.label_)
        start, end = _trim(text, ent.start_char, ent.end_char)
        name = text[start:end]
        if not name or not any(c.isupper() for c in name[:1]):
            continue
        end, j = _extend_name(g, doc, text, start, end, ent.end)
        name = text[start:end]
        if ent.label_ in _PLACE_LABELS:
            how = "ent" if ent.label_ == "FAC" or _cue(doc, ent.start, j) else "ent_nocue"
        elif ent.label_ == "NORP" and any(
            m.kind == gz.DEMONYM or m.entry.source in ("country", "continent", "adm1")
            for m in g.lookup(name)
        ):
            how = "norp"
        elif ent.label_ in _MISREAD_LABELS:
            if _looks_like_org(ent):
                rejected.append(ent)
                continue
            cue = _cue(doc, ent.start, j) if all(t.pos_ == "PROPN" for t in ent) else None
            if cue == "head" or (cue == "prep" and (
                    _known(g, name) or _prominent(g, name, MIN_POP_MISREAD, allow_demonym=False,
                                                  fuzzy=True))):
                # A locative preposition plus a transliteration variant of a province or a big
                # town ("near Dawr az Zawr") is a place even when the model says PERSON.
                how = "cue"
            elif ent.label_ != "PERSON" and _prominent(g, name, MIN_POP_MISREAD, allow_demonym=False,
                                                       fuzzy=True, towns_only=True):
                # A PERSON-tagged name needs a place cue: "Kennedy", "Lincoln" are towns too.
                how = "misread"
            else:
                rejected.append(ent)
                continue
        else:
            if ent.label_ in ("ORG", "FAC"):
                rejected.append(ent)
            continue
        end = _extend_facility(g, text, start, end)
        found.append((start, end, how))
        covered.update(range(ent.start, j))
    # One sense per discourse: a name accepted as a place elsewhere in the text is a place
    # here too, whatever the model tagged it ("Gainesville" PERSON in a headline).
    accepted = {norm.key(text[a:b]) for a, b, _ in found}
    for ent in rejected:
        start, end = _trim(text, ent.start_char, ent.end_char)
        if norm.key(text[start:end]) in accepted:
            found.append((start, end, "discourse"))
            covered.update(range(ent.start, ent.end))
        elif ent.label_ in ("ORG", "FAC"):
            for a, b in _embedded(g, ent):
                found.append((a, b, "embedded"))
            covered.update(range(ent.start, ent.end))
    # Proper-noun runs the model left untagged.
    i, n = 0, len(doc)
    while i < n:
        t = doc[i]
        if i in covered or t.pos_ != "PROPN" or not t.text[:1].isupper() or t.ent_type_:
            i += 1
            continue
        j = i
        while j + 1 < n and j + 1 not in covered and doc[j + 1].pos_ == "PROPN" and not doc[j + 1].ent_type_:
            j += 1
        run = doc[_skip_prep(doc, i, j + 1) : j + 1]
        start, end = _trim(text, run.start_char, run.end_char)
        name = text[start:end]
        i = j + 1
        if len(name) <= 2 or _looks_like_org(run) or norm.key(name) in _STOP:
            continue
        cue = _cue(doc, run.start, run.end)
        if (cue == "head" or (cue == "prep" and _known(g, name))
                or _prominent(g, name, MIN_POP_UNTAGGED, allow_demonym=False)):
            found.append((start, _extend_facility(g, text, start, end), "cue" if cue else "propn"))
    found.extend(_country_names(doc, text, found))
    found.sort()
    return found


@functools.lru_cache(maxsize=4)
def _country_matcher(vocab_id: int, vocab: object) -> tuple[PhraseMatcher, PhraseMatcher]:
    """Two case-sensitive PhraseMatchers over country names, aliases and demonyms (as written
    and in capitals, for headlines) and over abbreviations ("DRC", "CAR"), built once per vocab.
    The matcher patterns are tokenised by a blank English tokenizer sharing the doc's vocab,
    which tokenises like the loaded pipeline."""
    tok = spacy.blank("en", vocab=vocab)  # type: ignore[arg-type]
    names: set[str] = set()
    abbrevs: set[str] = set()
    for c in countries_mod.load_countries().values():
        for n in [c.name, *c.aliases]:
            if len(n) > 3 and not n.isupper():
                names.update((n, n.upper()))
        for d in c.demonyms:
            for form in [d, *countries_mod.demonym_plurals(d)]:
                names.update((form, form.upper()))
        abbrevs.update(a for a in c.abbrevs if a[:1].isupper() and len(a) >= 2)
    m_names = PhraseMatcher(tok.vocab, attr="ORTH")
    m_names.add("N", [tok.make_doc(n) for n in sorted(names)])
    m_abbr = PhraseMatcher(tok.vocab, attr="ORTH")
    m_abbr.add("A", [tok.make_doc(n) for n in sorted(abbrevs - names)])
    return m_names, m_abbr


def _country_names(doc: Doc, text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Country names, demonyms and abbreviations the model split or mis-tagged ("Central" +
    "African Republic" NORP, French "Centrafrique" untagged): one PhraseMatcher pass. Skipped
    inside a person's name ("Chad Smith") or a longer organisation name, and abbreviations are
    skipped in all-caps text, where every word looks like one."""
    m_names, m_abbr = _country_matcher(id(doc.vocab), doc.vocab)
    hits = [(a, b, False) for _, a, b in m_names(doc)]
    letters = [c for c in text[:2000] if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) < 0.6 * len(letters):
        hits += [(a, b, True) for _, a, b in m_abbr(doc)]
    out: list[tuple[int, int, str]] = []
    taken: set[int] = {t.i for s, e, _ in found for t in doc.char_span(s, e, alignment_mode="expand") or ()}
    # Longest first, so "Central African Republic" wins over "Central African".
    for a, b, _abbr in sorted(hits, key=lambda h: (h[0] - h[1], h[0])):
        if any(k in taken for k in range(a, b)):
            continue
        ent = next((t for t in doc[a:b] if t.ent_type_), None)
        if ent is not None and ent.ent_type_ in ("PERSON", "ORG"):
            e = next(x for x in doc.ents if x.start <= ent.i < x.end)
            if e.end - e.start > b - a:
                continue
        taken.update(range(a, b))
        out.append((doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text), "country"))
    return out


# Capitalised words that name villages somewhere but in news text are almost never places.
_STOP = frozenset(
    """police president minister army reform university god mr mrs ms dr sir general colonel
    captain sunday monday tuesday wednesday thursday friday saturday january february march april
    may june july august september october november december ok internet twitter facebook
    north south east west northern southern eastern western central first second third new
    old""".split()
)


@register("places.v1", assigns="places")
def extract_places(doc: Doc, article: Article, analysis: AnalyzedArticle) -> list[Place]:
    text = article.text
    cands = find_toponyms(doc, text)
    # The outlet's own name in a dateline ("KAYA (Sahel Observer) -") is not a place.
    outlet = (article.outlet or "").strip().lower()
    if outlet:
        cands = [c for c in cands if text[c[0] : c[1]].strip().lower() != outlet]
    resolved = resolve(text, [(s, e) for s, e, _ in cands])
    out: list[Place] = []
    for (start, end, how), r in zip(cands, resolved, strict=True):
        # Unresolved names are kept only with evidence that they are places: a facility
        # entity or a place cue ("in X", "X town"). Bare unknown GPE/LOC entities are more
        # often people and brands than places (lgl_dev: 22 right, 57 wrong).
        if (r is None or r.inferred) and (how not in ("ent", "cue") or text[start:end].isupper()):
            # Unknown all-caps names are acronyms of organisations ("IRGC"), not places.
            continue
        out.append(_place(text, start, end, r, how))
    return out


def resolve_spans(doc: Doc, article: Article, spans: list[tuple[int, int]]) -> list[Place | None]:
    """Resolve given toponym spans (``sitrep eval toponyms --given-toponyms``)."""
    text = article.text
    resolved = resolve(text, spans)
    return [None if r is None else _place(text, s, e, r, "given")
            for (s, e), r in zip(spans, resolved, strict=True)]


def event_location_span(doc: Doc, trigger: tuple[int, int], places: list[Place]) -> Place | None:
    """The place (among ``places`` found in ``doc``) where the event whose trigger word
    sits at character offsets ``trigger`` happened, or None when the text does not say."""
    from sitrep.geo.eventloc import event_location

    return event_location(doc, trigger, places)
