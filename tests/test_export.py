from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from test_store_fixtures import TOWN_FAR, make_analysis, make_event

from sitrep.export import acled_csv, geojson, json_export, parquet
from sitrep.model import Actor, to_dict
from sitrep.resolve.across import article_events, merge_events

EXPECTED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,"
    "iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,"
    "source_scale,notes,fatalities,tags,timestamp"
)


def sample_events() -> list:  # type: ignore[type-arg]
    a, b = make_analysis(outlet="Alpha", dead=0), make_analysis(outlet="Beta", dead=1)
    merged = merge_events(article_events(a) + article_events(b))
    lone = make_event("zz", town=None, day="2022-W34", event_type="Protests",
                      sub_event_type="Peaceful protest", actors=("Teachers", None), dead=None)
    lone.actor1 = Actor(name="Teachers", span=None, normalized="Teachers", kind="protesters")
    far = make_event("yy", town=TOWN_FAR, day="2022-08", dead=5)
    return [*merged, lone, far]


def test_acled_header_exact() -> None:
    out = io.StringIO()
    acled_csv.write([], out)
    assert out.getvalue().strip() == EXPECTED_HEADER
    assert ",".join(acled_csv.ACLED_COLUMNS) == EXPECTED_HEADER


def test_acled_rows_map_fields() -> None:
    out = io.StringIO()
    acled_csv.write(sample_events(), out, timestamp=1700000000)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 3
    strike, protest, month = rows
    assert strike["event_id_cnty"] == "SYR1" and month["event_id_cnty"] == "SYR2"
    assert strike["event_date"] == "2022-08-24" and strike["year"] == "2022"
    assert strike["time_precision"] == "1"
    assert strike["disorder_type"] == "Political violence"
    assert (strike["inter1"], strike["inter2"], strike["interaction"]) == ("1", "7", "17")
    assert strike["civilian_targeting"] == "Civilian targeting"
    assert strike["iso"] == "760" and strike["country"] == "Syria"
    assert strike["source"] == "Alpha; Beta"
    assert strike["fatalities"] == "0"  # lower median of 0 and 1
    assert strike["tags"] == "contested fatalities: 0|1"
    assert strike["notes"].startswith("Warplanes of the army struck")
    assert strike["latitude"] and strike["geo_precision"] == "1"
    assert strike["timestamp"] == "1700000000"
    # Unknown country, a week date, a sole protester actor.
    assert protest["event_id_cnty"] == "UNK1"
    assert protest["time_precision"] == "2" and protest["event_date"] == "2022-08-24"
    assert protest["interaction"] == "60" and protest["disorder_type"] == "Demonstrations"
    assert protest["fatalities"] == "" and protest["location"] == ""
    # A month-level date is coded at mid-month, precision 3.
    assert month["event_date"] == "2022-08-15" and month["time_precision"] == "3"


def test_disorder_exceptions() -> None:
    assert acled_csv.disorder_type("Riots", "Mob violence") == "Political violence; Demonstrations"
    assert acled_csv.disorder_type("Riots", "Violent demonstration") == "Demonstrations"
    assert acled_csv.disorder_type("Strategic developments", "Arrests") == "Strategic developments"
    assert acled_csv.disorder_type("Unknown", "x") == ""


def test_acled_write_to_path(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    acled_csv.write(sample_events(), path, timestamp=1)
    assert path.read_text(encoding="utf-8").splitlines()[0] == EXPECTED_HEADER


def test_json_export_roundtrips_and_carries_codes() -> None:
    events = sample_events()
    out = io.StringIO()
    json_export.write(events, out)
    data = json.loads(out.getvalue())
    assert len(data) == 3
    assert data[0]["id"] == events[0].id
    for record, event in zip(data, events, strict=True):
        plain = {k: v for k, v in record.items() if k not in ("plover", "cameo")}
        assert plain == to_dict(event)
    try:
        from sitrep.extract.taxonomy import plover_cameo
    except ImportError:
        return
    assert (data[0]["plover"], data[0]["cameo"]) == plover_cameo("Air/drone strike")


def test_geojson_is_valid_feature_collection() -> None:
    events = sample_events()
    out = io.StringIO()
    geojson.write(events, out)
    fc = json.loads(out.getvalue())
    assert fc["type"] == "FeatureCollection"
    assert fc["skipped_count"] == 1  # the protest has no place
    assert len(fc["features"]) == 2
    for f in fc["features"]:
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert isinstance(f["properties"], dict) and f["id"]
    first = fc["features"][0]
    place = events[0].place
    assert first["geometry"]["coordinates"] == [place.lon, place.lat]
    assert first["properties"]["contested"] == {"fatalities": [0, 1]}


def test_parquet_roundtrip(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    events = sample_events()
    path = tmp_path / "events.parquet"
    parquet.write(events, path)
    back = parquet.read(path)
    assert [to_dict(e) for e in back] == [to_dict(e) for e in events]
    table = pq.read_table(path)
    assert table.num_rows == 3
    assert table.column("outlets").to_pylist()[0] == ["Alpha", "Beta"]
    assert table.column("fatalities").to_pylist() == [0, None, 5]


def test_export_of_real_store(tmp_path: Path) -> None:
    """The exporters accept what the store gives back."""
    from sitrep.store import Store

    with Store(tmp_path / "s.db") as store:
        store.save([make_analysis(outlet="Alpha"), make_analysis(outlet="Beta", dead=7)])
        store.rebuild_events()
        events = store.events()
    out = io.StringIO()
    acled_csv.write(events, out, timestamp=0)
    assert len(out.getvalue().splitlines()) == 2


def test_interaction_needs_actor1() -> None:
    event = make_event("a", actors=(None, "Civilians"))
    (row,) = acled_csv.rows([event], timestamp=0)
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("", "7", "")
    assert acled_csv.interaction(7, 1) == "17"
    assert acled_csv.interaction(2, None) == "20"


def test_acled_csv_defuses_formula_cells_but_keeps_numbers() -> None:
    event = make_event("ff", town=TOWN_FAR, day="2022-08-03", dead=2)
    event.actor1 = Actor(name="=HYPERLINK(\"http://x\")", span=None, normalized="=HYPERLINK(\"http://x\")",
                         kind="militia")
    out = io.StringIO()
    acled_csv.write([event], out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["actor1"].startswith("'=")
    assert row["fatalities"] == "2"
    assert not row["longitude"].startswith("'")
