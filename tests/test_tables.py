from __future__ import annotations

from sitrep.model import Event, Fatalities, Place
from sitrep.tables import events_table, fatalities_label, place_label


def test_place_label_names_the_country_once() -> None:
    town = Place(name="Kisumu", span=None, country="KE", country_name="Kenya", feature="PPL")
    country = Place(name="Kenya", span=None, country="KE", country_name="Kenya", feature="PCLI")
    unknown = Place(name="Kibuye market", span=None)
    assert place_label(town) == "Kisumu, Kenya"
    assert place_label(country) == "Kenya"
    assert place_label(unknown) == "Kibuye market"
    assert place_label(None) == ""


def test_fatalities_label_shows_unknown_and_ranges() -> None:
    event = Event(id="e1", event_type="Battles", sub_event_type="Armed clash")
    assert fatalities_label(event) == "?"
    event.fatalities = Fatalities(best=12, low=10, high=15)
    assert fatalities_label(event) == "12 (10-15)"
    event.fatalities = Fatalities(best=3, low=3, high=3)
    assert fatalities_label(event) == "3"


def test_events_table_has_one_row_per_event() -> None:
    events = [Event(id=f"e{i}", event_type="Riots", sub_event_type="Mob violence") for i in range(3)]
    table = events_table(events, title="t")
    assert table.row_count == 3
    assert table.columns[0].header == "date"
