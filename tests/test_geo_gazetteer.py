"""The gazetteer index: coverage of the name kinds news text uses, versioning, load cost."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from sitrep.geo import gazetteer as gz


@pytest.fixture(scope="module")
def g() -> gz.Gazetteer:
    return gz.get()


def _ids(g: gz.Gazetteer, name: str) -> list[int | None]:
    return [m.entry.geonameid for m in g.lookup(name)]


def test_countries_demonyms_and_abbreviations(g: gz.Gazetteer) -> None:
    assert 163843 in _ids(g, "Syria")  # keeps the GeoNames country id
    syrian = [m for m in g.lookup("Syrians") if m.entry.source == "country"]
    assert syrian and syrian[0].kind == gz.DEMONYM and syrian[0].entry.country == "SY"
    us = [m.entry.country for m in g.lookup("U.S.") if m.entry.source == "country"]
    assert us == ["US"]
    uk = [m.entry.country for m in g.lookup("UK") if m.entry.source == "country"]
    assert uk == ["GB"]
    assert not [m for m in g.lookup("U.N.") if m.entry.source == "country"]


def test_admin_areas_have_ids_coordinates_and_aliases(g: gz.Gazetteer) -> None:
    adm = [m.entry for m in g.lookup("Idlib Governorate") if m.entry.source == "adm1"]
    assert adm and adm[0].country == "SY" and adm[0].geonameid is not None
    # Derived centre lies inside Syria's bounding box.
    assert 32 < adm[0].lat < 37.5 and 35.5 < adm[0].lon < 42.5
    assert [m for m in g.lookup("Rapides Parish") if m.entry.source == "adm2"]


def test_transliteration_variants_meet(g: gz.Gazetteer) -> None:
    for form in ("Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor"):
        assert g.lookup(form, fuzzy=True), form
        assert any(m.entry.country == "SY" for m in g.lookup(form, fuzzy=True))
    assert any(m.entry.country == "SY" for m in g.lookup("Qamishli"))
    assert any(m.entry.country == "SY" for m in g.lookup("Palmyra"))


def test_curated_sites(g: gz.Gazetteer) -> None:
    tanf = g.lookup("Al-Tanf")
    assert tanf and tanf[0].entry.source == "curated"
    assert abs(tanf[0].entry.lat - 33.5) < 0.2 and abs(tanf[0].entry.lon - 38.6) < 0.2
    airport = g.lookup("Damascus International Airport")
    assert airport and airport[0].entry.feature == "AIRP"


def test_stale_index_versions_are_invalid(tmp_path: Path) -> None:
    old = tmp_path / "gazetteer-v0.sqlite"
    con = sqlite3.connect(old)
    con.execute("CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT)")
    con.execute("INSERT INTO meta VALUES ('version', '0')")
    con.commit()
    con.close()
    assert not gz._valid(old)
    assert not gz._valid(tmp_path / "missing.sqlite")
    assert gz._valid(gz.index_path())


def test_load_is_fast(g: gz.Gazetteer) -> None:
    t0 = time.perf_counter()
    fresh = gz.Gazetteer(gz.index_path())
    assert fresh.lookup("Aleppo")
    assert time.perf_counter() - t0 < 1.0


def test_centre_handles_the_antimeridian() -> None:
    lat, lon = gz._centre([(60.0, 179.0), (62.0, -179.0)])
    assert lat == pytest.approx(61.0)
    assert abs(abs(lon) - 180.0) < 0.01


def test_apostrophe_spelling_beats_the_plain_namesake(g: gz.Gazetteer) -> None:
    # "Mar'a" is the Syrian town (GeoNames "Mar`a"), not Mara region in Tanzania.
    assert [m.entry.country for m in g.lookup("Mar’a")][:1] == ["SY"]
    assert g.lookup("Mara")[0].entry.country != "SY"


def test_name_without_its_article_is_its_own_kind(g: gz.Gazetteer) -> None:
    hawijah = [m for m in g.lookup("Huwayjah") if m.entry.country == "IQ"]
    assert hawijah and hawijah[0].kind == gz.ARTICLE
    from sitrep.extract.places import _known

    assert _known(g, "Huwayjah")  # so "near Huwayjah" is read as a place


def test_curated_iraq_syria_sites(g: gz.Gazetteer) -> None:
    for name in ("Habbaniyah", "Al Asad", "Kisik", "Al Baghdadi", "Taji"):
        top = g.lookup(name)
        assert top and any(m.entry.country == "IQ" and m.entry.source == "curated" for m in top), name


def test_regional_demonyms_name_their_admin_area(g: gz.Gazetteer) -> None:
    from sitrep.geo.resolve import resolve

    assert any(m.entry.admin1 == "GB.ENG" and m.kind == gz.ABBREV for m in g.lookup("English"))
    assert [m.entry.admin1 for m in g.lookup("Scottish")][:1] == ["GB.SCT"]
    text = "English fans travelled to Madrid."
    r = resolve(text, [(0, 7)])
    assert r[0] is not None and r[0].entry.admin1 == "GB.ENG"  # not English, Indiana


def test_only_older_index_versions_are_removed(tmp_path: Path) -> None:
    for version in (gz.VERSION - 1, gz.VERSION, gz.VERSION + 1):
        (tmp_path / f"gazetteer-v{version}.sqlite").write_bytes(b"")
    removed = gz.remove_older_indexes(tmp_path)
    assert removed == [tmp_path / f"gazetteer-v{gz.VERSION - 1}.sqlite"]
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted([f"gazetteer-v{gz.VERSION}.sqlite", f"gazetteer-v{gz.VERSION + 1}.sqlite"])


def test_world_features_have_coordinates_and_published_ids(g: gz.Gazetteer) -> None:
    pacific = [m.entry for m in g.lookup("Pacific Ocean") if m.entry.feature == "OCN"]
    assert pacific and pacific[0].geonameid == 2363254 and not pacific[0].country
    for name in ("Middle East", "Korean Peninsula", "Sahara", "Himalayas", "Danube", "Lake Victoria"):
        assert any(m.entry.source == "curated" for m in g.lookup(name)), name
    assert any(m.entry.geonameid == 6269133 for m in g.lookup("Middle East"))


def test_more_demonyms_and_abbreviations(g: gz.Gazetteer) -> None:
    assert any(m.entry.country == "KR" and m.kind == gz.DEMONYM for m in g.lookup("Korean"))
    assert any(m.entry.country == "TT" for m in g.lookup("T&T"))
    assert any(m.entry.country == "RU" and m.entry.source == "country" for m in g.lookup("Soviet Union"))
    assert any(m.entry.country == "SG" and m.kind == gz.DEMONYM for m in g.lookup("Singaporean"))
