"""Where a name the gazetteer does not know lies: inferred from the rest of the article.

News names streets, buildings, schools, estates and rivers no offline gazetteer lists
("Royal Street", "Third Presbyterian Church", "South Kilburn Estate"). Such a name is still
somewhere the article tells us about:

1. a known place inside the name: "Colorado State University" -> Colorado, "Lake Manassas"
   -> Manassas, "Dulles International Airport" -> Dulles (only well-known places, or places
   in the same admin1 area as the article's other places, so that "Third" or "Church" do not
   land on a village of that name);
2. else the article's focus: the most specific place its other mentions agree on (the town
   named most often, else the admin2, admin1 area or country named most often).

The result keeps the mention's own name (``Resolved.inferred``); its coordinates, country and
admin area come from the inferred place, at a coarser precision, and its GeoNames id only from
a place named inside it (GeoWebNews codes "US Federal Reserve" with the id of the US).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from sitrep.geo import gazetteer as gz

_WORD = re.compile(r"[A-Z][\w'’.&-]*")
# Name kinds that say a word run *is* the place's name (not a stripped admin variant).
_STRONG_KINDS = frozenset({gz.NAME, gz.ALIAS, gz.ABBREV, gz.DEMONYM, gz.ARTICLE})
# A town named inside a longer name counts when it is this big or in the article's admin1
# areas. --given-toponyms within-161km gwn/lgl/trnews dev: 10k 0.857/0.828/0.895, 30k
# 0.860/0.829/0.897, 100k 0.862/0.830/0.898, 300k and 1M 0.863/0.831/0.898 (exact id 0.001
# lower on gwn); the same threshold as the untagged-name rule in sitrep.extract.places.
MIN_POP_INSIDE = 100_000
# Words that start or end many place, street and building names and are also the names of
# some admin area or village somewhere.
_COMMON = frozenset(
    """north south east west northern southern eastern western central upper lower new old
    great little saint st st. san santa fort port mount lake river city town county state
    university college school church street avenue road park centre center hall court house
    international national royal united""".split()
)
# Class bonuses in log10-population units, as ``sitrep.geo.resolve.W_CLASS``.
_CLASS = {"country": 4.0, "continent": 3.0, "adm1": 0.5, "adm2": 0.2, "curated": 5.5}
_SOURCE_RANK = {"city": 0, "curated": 0, "adm2": 1, "adm1": 2, "country": 3}


def _sub_names(name: str) -> list[tuple[int, int]]:
    """Character ranges of the capitalised word runs inside ``name``, longest first, the
    whole name excluded, and no lone common word ("South", "New", "Church")."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(name)]
    out = []
    for n in range(len(words), 0, -1):
        for i in range(len(words) - n + 1):
            a, b = words[i][0], words[i + n - 1][1]
            if (a, b) == (0, len(name)) or (n == 1 and name[a:b].lower() in _COMMON):
                continue
            out.append((a, b))
    return out


def _inside(g: gz.Gazetteer, name: str, admin1s: Counter[str], countries: Counter[str]) -> gz.Entry | None:
    for a, b in _sub_names(name):
        best: tuple[tuple[int, int, float], gz.Entry] | None = None
        ms = g.lookup(name[a:b])
        areas = [m.entry for m in ms if m.entry.source in ("adm1", "adm2")]
        for m in ms:
            e = m.entry
            if m.kind not in _STRONG_KINDS:
                continue
            local = bool(e.admin1 and admin1s[e.admin1])
            if not (local or e.source in ("country", "continent", "adm1", "curated")
                    or (e.source == "city" and e.population >= MIN_POP_INSIDE)):
                continue
            rank = (int(local), countries[e.country], _weight(e, areas))
            if best is None or rank > best[0]:
                best = (rank, e)
        if best is not None:
            return best[1]
    return None


def _weight(e: gz.Entry, areas: list[gz.Entry]) -> float:
    """How well known a place named inside a longer name is: its population plus a class bonus,
    and a town takes the weight of a same-named area around it ("Dubai World Cup" is in Dubai
    the city, not the emirate), as ``sitrep.geo.resolve`` ranks a bare name. It replaced raw
    population after country agreement: --given-toponyms exact gwn_dev 0.8496 -> 0.8543,
    lgl/trnews unchanged (within-161km lgl 0.8386 -> 0.8383)."""
    w = math.log10(e.population + 1) + _CLASS.get(e.source, 0.0)
    if e.source == "city":
        for area in areas:
            if area.admin1 == e.admin1:
                w = max(w, math.log10(area.population + 1) + _CLASS[area.source] + 0.1)
    return w


def _focus(known: Sequence[gz.Entry]) -> gz.Entry | None:
    """The place the article is about: the most specific kind of place named (town over
    admin area over country), among those the one whose admin1 area and country the most other
    places share, then the most often named, the biggest. (--given-toponyms within-161km over
    gwn/lgl/trnews dev: 0.861/0.830/0.898 this way; agreement before specificity 0.850/0.828/
    0.892; specificity then mention count alone 0.856/0.829/0.898.) Country agreement counts
    mentions first, then distinct places: an article naming Egypt, Egyptian, Cairo and New
    Cairo thirteen times is about Egypt though it names Liverpool, England and Britain as
    many distinct times (gwn 0.8981 -> 0.9003, lgl 0.8383 -> 0.8386, trnews unchanged;
    admin1 agreement by mentions too was worse: gwn 0.8971)."""
    if not known:
        return None
    counts = Counter(e.pid for e in known)
    by_pid = {e.pid: e for e in known}
    admin1s = Counter(e.admin1 for e in by_pid.values() if e.admin1)
    countries = Counter(e.country for e in by_pid.values() if e.country)
    country_mentions = Counter(e.country for e in known if e.country)

    def rank(e: gz.Entry) -> tuple[int, int, int, int, int, int, int]:
        return (-_SOURCE_RANK.get(e.source, 3), admin1s[e.admin1] if e.admin1 else 0,
                country_mentions[e.country], countries[e.country], counts[e.pid], e.population,
                -e.pid)

    return max(by_pid.values(), key=rank)


def infer(g: gz.Gazetteer, names: Sequence[str],
          chosen: Sequence[gz.Entry | None]) -> list[tuple[gz.Entry, str] | None]:
    """For each name with no ``chosen`` entry, the place it most likely lies in and how it
    was found ("inside" or "focus"), or None; None where an entry was chosen."""
    known = [e for e in chosen if e is not None]
    admin1s = Counter(e.admin1 for e in known if e.admin1)
    countries = Counter(e.country for e in known if e.country)
    insides = [None if e is not None else _inside(g, name, admin1s, countries)
               for name, e in zip(names, chosen, strict=True)]
    # A place named inside a longer name is named by the article too ("New Orleans" in "New
    # Orleans Railways and Light Company"), so it has its say in the focus (--given-toponyms
    # within-161km gwn/lgl/trnews dev 0.9003/0.8386/0.9052 -> 0.9118/0.8402/0.9064).
    focus = _focus(known + [e for e in insides if e is not None])
    out: list[tuple[gz.Entry, str] | None] = []
    for e, inside in zip(chosen, insides, strict=True):
        if inside is not None:
            out.append((inside, "inside"))
        elif e is None and focus is not None:
            out.append((focus, "focus"))
        else:
            out.append(None)
    return out
