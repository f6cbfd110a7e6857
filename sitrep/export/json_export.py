"""Events as a JSON list (``to_dict`` of each ``Event``, evidence spans included), each with
its PLOVER class and CAMEO root code when the taxonomy module knows the sub-event type."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from sitrep.model import Event, to_dict


def _codes() -> Callable[[str], tuple[str | None, str | None]] | None:
    try:
        from sitrep.extract.taxonomy import plover_cameo
    except ImportError:
        return None

    def lookup(sub_event_type: str) -> tuple[str | None, str | None]:
        try:
            plover, cameo = plover_cameo(sub_event_type)
        except KeyError:  # a sub-type outside ACLED's 25 (e.g. from a newer extractor)
            return None, None
        return plover or None, cameo or None

    return lookup


def records(events: Sequence[Event]) -> list[dict[str, Any]]:
    lookup = _codes()
    out = []
    for e in events:
        data = to_dict(e)
        if lookup is not None:
            data["plover"], data["cameo"] = lookup(e.sub_event_type)
        out.append(data)
    return out


def write(events: Sequence[Event], out: TextIO | str | Path, indent: int | None = 2) -> None:
    if isinstance(out, str | Path):
        with open(out, "w", encoding="utf-8") as fh:
            write(events, fh, indent)
        return
    json.dump(records(events), out, ensure_ascii=False, indent=indent)
    out.write("\n")
