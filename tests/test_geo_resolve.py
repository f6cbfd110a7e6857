"""Resolution in context, cues, and unresolvable names."""

from __future__ import annotations

from sitrep.geo.resolve import resolve


def _spans(text: str, *names: str) -> list[tuple[int, int]]:
    out = []
    for n in names:
        i = text.index(n)
        out.append((i, i + len(n)))
    return out


def test_country_context_picks_the_right_namesake() -> None:
    text = "Fighting continued in Homs and Hama, Syria, on Monday."
    r = resolve(text, _spans(text, "Homs", "Hama", "Syria"))
    assert [x.entry.country for x in r if x] == ["SY", "SY", "SY"]


def test_admin_context_beats_population() -> None:
    text = "A woman from Alexandria was arrested in Rapides Parish, Louisiana."
    r = resolve(text, _spans(text, "Alexandria", "Rapides Parish", "Louisiana"))
    assert r[0] is not None and r[0].entry.country == "US" and r[0].entry.admin1 == "US.LA"


def test_province_cue_and_city_cue() -> None:
    text = "Shelling hit Idlib province while the city of Idlib was quiet."
    first = text.index("Idlib")
    second = text.index("Idlib", first + 1)
    r = resolve(text, [(first, first + 5), (second, second + 5)])
    assert r[0] is not None and r[0].entry.source == "adm1"
    assert r[1] is not None and r[1].entry.source == "city"


def test_list_of_provinces() -> None:
    text = "Troops hold parts of the provinces of Raqqa, Idlib and Hama."
    r = resolve(text, _spans(text, "Raqqa", "Idlib", "Hama"))
    assert all(x is not None and x.entry.source == "adm1" for x in r)


def test_unknown_name_does_not_drop_the_others() -> None:
    text = "Residents of Qxzvwk fled to Aleppo."
    r = resolve(text, _spans(text, "Qxzvwk", "Aleppo"))
    assert r[0] is None
    assert r[1] is not None and r[1].entry.country == "SY"


def test_namesake_town_over_its_own_province() -> None:
    text = "A car bomb exploded in Aleppo."
    (r,) = resolve(text, _spans(text, "Aleppo"))
    assert r is not None and r.entry.source == "city"
