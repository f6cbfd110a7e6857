"""Events as a Parquet table (pyarrow): flat, typed columns for analysis in pandas, DuckDB or
Spark, plus ``event_json`` (the whole event) so that ``read`` rebuilds the events losslessly."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

from sitrep.model import Event, from_dict, to_dict


def _schema() -> Any:
    import pyarrow as pa

    return pa.schema([
        ("event_id", pa.string()), ("event_type", pa.string()), ("sub_event_type", pa.string()),
        ("date", pa.string()), ("date_precision", pa.string()), ("location", pa.string()),
        ("geonameid", pa.int64()), ("latitude", pa.float64()), ("longitude", pa.float64()),
        ("admin1", pa.string()), ("country", pa.string()), ("geo_precision", pa.int64()),
        ("actor1", pa.string()), ("actor1_kind", pa.string()), ("actor2", pa.string()),
        ("actor2_kind", pa.string()), ("fatalities", pa.int64()), ("fatalities_low", pa.int64()),
        ("fatalities_high", pa.int64()), ("modality", pa.string()), ("confidence", pa.float64()),
        ("n_sources", pa.int64()), ("outlets", pa.list_(pa.string())),
        ("contested", pa.string()), ("event_json", pa.string()),
    ])


def _row(e: Event) -> dict[str, Any]:
    p, a1, a2 = e.place, e.actor1, e.actor2
    return {
        "event_id": e.id, "event_type": e.event_type, "sub_event_type": e.sub_event_type,
        "date": e.date, "date_precision": e.date_precision,
        "location": p.name if p else None, "geonameid": p.geonameid if p else None,
        "latitude": p.lat if p else None, "longitude": p.lon if p else None,
        "admin1": p.admin1 if p else None, "country": p.country if p else None,
        "geo_precision": p.precision if p else None,
        "actor1": (a1.normalized or a1.name) if a1 else None, "actor1_kind": a1.kind if a1 else None,
        "actor2": (a2.normalized or a2.name) if a2 else None, "actor2_kind": a2.kind if a2 else None,
        "fatalities": e.fatalities.best, "fatalities_low": e.fatalities.low,
        "fatalities_high": e.fatalities.high, "modality": e.modality, "confidence": e.confidence,
        "n_sources": len(e.sources), "outlets": [s.outlet for s in e.sources if s.outlet],
        "contested": json.dumps(e.contested, ensure_ascii=False, sort_keys=True),
        "event_json": json.dumps(to_dict(e), ensure_ascii=False),
    }


def write(events: Sequence[Event], out: BinaryIO | str | Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist([_row(e) for e in events], schema=_schema())
    pq.write_table(table, out)


def read(source: BinaryIO | str | Path) -> list[Event]:
    import pyarrow.parquet as pq

    table = pq.read_table(source, columns=["event_json"])
    return [from_dict(Event, json.loads(s)) for s in table.column("event_json").to_pylist()]
