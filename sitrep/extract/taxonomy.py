"""ACLED's event taxonomy as data: 6 event types, 25 sub-event types, actor kinds as ACLED
inter codes, and the mapping of each sub-event type to a PLOVER class and a CAMEO root code.

The tables live in ``sitrep/data/taxonomy.tsv`` and ``sitrep/data/event_actor_kinds.tsv``
(definitions and inclusion/exclusion notes written by us from ACLED's public codebook) and
are loaded once.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"


@dataclass(frozen=True)
class SubType:
    event_type: str
    sub_event_type: str
    plover: str
    cameo: str
    definition: str
    include: str
    exclude: str


def _read_tsv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


@functools.lru_cache(maxsize=1)
def _subtypes() -> dict[str, SubType]:
    out: dict[str, SubType] = {}
    for row in _read_tsv("taxonomy.tsv"):
        st = SubType(**{k: row[k] for k in SubType.__dataclass_fields__})
        out[st.sub_event_type] = st
    return out


@functools.lru_cache(maxsize=1)
def _inter() -> dict[str, int]:
    return {row["kind"]: int(row["inter"]) for row in _read_tsv("event_actor_kinds.tsv")}


def event_types() -> list[str]:
    """ACLED's event types, in table order, without duplicates."""
    return list(dict.fromkeys(st.event_type for st in _subtypes().values()))


def sub_event_types() -> list[str]:
    return list(_subtypes())


def subtype(sub_event_type: str) -> SubType:
    """The table row of a sub-event type (KeyError for an unknown name)."""
    return _subtypes()[sub_event_type]


def type_of(sub_event_type: str) -> str:
    return _subtypes()[sub_event_type].event_type


def plover_cameo(sub_event_type: str) -> tuple[str, str]:
    st = _subtypes()[sub_event_type]
    return st.plover, st.cameo


def plover_of(sub_event_type: str) -> str:
    return _subtypes()[sub_event_type].plover


def inter_code(actor_kind: str | None) -> int:
    """ACLED inter code of an actor kind; 0 when the kind is unknown (ACLED's "no actor")."""
    if actor_kind is None:
        return 0
    return _inter().get(actor_kind, 0)
