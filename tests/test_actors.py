from __future__ import annotations

from typing import Any

from sitrep.extract import actors


def test_table_aliases() -> None:
    text = "CENTCOM said US forces and the Houthis exchanged fire; ISIS claimed it."
    found = {text[m.start : m.end]: m.entry for m in actors.table_matches(text)}
    assert found["CENTCOM"].normalized == "Military Forces of the United States"
    assert found["US forces"].normalized == "Military Forces of the United States"
    assert found["Houthis"].kind == "rebel"
    assert found["ISIS"].normalized == "Islamic State"


def test_acronym_word_in_capitals_text() -> None:
    text = "THE REPORT IS FALSE, THE ARMY SAID. IT IS NOT TRUE."
    assert actors.table_matches(text) == []


def test_country_acronyms_match_only_in_capitals() -> None:
    assert actors.country_of_phrase("A third man in the car") is None
    assert actors.country_of_phrase("let us know") is None
    assert actors.country_of_phrase("CAR soldiers") == ("CF", "Central African Republic")
    assert actors.country_of_phrase("the U.S.'s envoy") == ("US", "United States")
    assert actors.country_of_phrase("Britain's army") == ("GB", "United Kingdom")


def test_actor_alias_is_the_whole_name() -> None:
    assert actors.is_actor_alias("Hamas") and actors.is_actor_alias("HEZBOLLAH")
    assert actors.is_actor_alias("IS") and not actors.is_actor_alias("is")
    assert not actors.is_actor_alias("Hamas fighters") and not actors.is_actor_alias("Gaza")


def _roles(nlp: Any, text: str, word: str) -> tuple[Any, Any]:
    doc = nlp(text)
    tok = next(t for t in doc if t.text == word)
    return actors.roles(tok, actors.table_matches(text))


def test_subject_object(nlp: Any) -> None:
    a1, a2 = _roles(nlp, "Russian troops attacked Ukrainian soldiers near the river.", "attacked")
    assert a1.normalized == "Military Forces of Russia" and a1.kind == "state"
    assert a2.kind == "state" and a2.country == "UA"


def test_passive_agent(nlp: Any) -> None:
    a1, a2 = _roles(nlp, "Five farmers were abducted by gunmen on Sunday.", "abducted")
    assert a1.kind == "militia" and a1.normalized == "Unidentified Armed Group"
    assert a2.kind == "civilians"


def test_patron_and_demonym(nlp: Any) -> None:
    a1, _ = _roles(nlp, "Iran-backed militias attacked the base.", "attacked")
    assert a1.kind == "militia" and a1.patron == "Iran"
    a1, _ = _roles(nlp, "An Israeli air strike hit the building.", "strike")
    assert a1.normalized == "Military Forces of Israel" and a1.country == "IL"


def test_pronoun_resolved_through_reporting_verb(nlp: Any) -> None:
    a1, _ = _roles(nlp, "The Turkish army said they carried out airstrikes in the north.", "airstrikes")
    assert a1.normalized == "Military Forces of Turkey"


def test_spans_are_evidence(nlp: Any) -> None:
    text = "Police arrested three protesters in the square."
    a1, a2 = _roles(nlp, text, "arrested")
    for a in (a1, a2):
        assert a.span is not None and text[a.span.start : a.span.end] == a.span.text
    assert a2.kind == "protesters"


def test_quantity_head_takes_kind_of_its_object(nlp: Any) -> None:
    _, a2 = _roles(nlp, "The army killed scores of militants in the hills.", "killed")
    assert a2 is not None and a2.kind == "rebel"


def test_group_of_people_without_a_kind_keeps_its_words(nlp: Any) -> None:
    a1, _ = _roles(nlp, "Armed settlers burned three cars in the village on Friday.", "burned")
    assert a1 is not None and a1.name == "Armed settlers" and a1.kind is None
    # A weapon or an event noun as subject is not an actor.
    a1, _ = _roles(nlp, "The rockets destroyed two houses in the village.", "destroyed")
    assert a1 is None


def test_spelling_variant_and_nested_quantities(nlp: Any) -> None:
    a1, _ = _roles(nlp, "Afghan guerillas blew up a power line near the city.", "blew")
    assert a1 is not None and a1.normalized == "Rebels (Afghanistan)"
    a1, _ = _roles(nlp, "Tens of thousands of students marched through the capital.", "marched")
    assert a1 is not None and a1.kind == "civilians"


def test_demonstrators_take_the_protester_kind() -> None:
    from sitrep.model import Actor, Span

    prisoners = Actor("Kenyan prisoners", Span(0, 16, "Kenyan prisoners"))
    out = actors.as_demonstrators(prisoners, "rioters")
    assert out is not None and (out.kind, out.normalized) == ("rioters", "Rioters (Kenya)")
    army = Actor("the army", Span(0, 8, "the army"), "Military Forces", "state")
    assert actors.as_demonstrators(army, "protesters") is army


def test_state_forces_without_country_take_the_event_country() -> None:
    from sitrep.model import Actor, Span

    troops = Actor("troops", Span(0, 6, "troops"), None, "state")
    out = actors.with_place_country(troops, "CF", "Central African Republic")
    assert out is not None and out.normalized == "Military Forces of Central African Republic"
    police = Actor("the police", Span(0, 10, "the police"), None, "state")
    out = actors.with_place_country(police, "KE", "Kenya")
    assert out is not None and out.normalized == "Police Forces of Kenya"
    rebels = Actor("rebels", Span(0, 6, "rebels"), "Rebels", "rebel")
    assert actors.with_place_country(rebels, "KE", "Kenya") is rebels


def test_dateline_is_not_the_actor(nlp: Any) -> None:
    # The parser takes the dateline as the subject and the real subject as its apposition.
    text = ("PANAMA CITY (Example Wire) — Members of Panama's border police killed four suspected "
            "smugglers after a shootout near the Colombian border.")
    doc = nlp(text)
    assert text[: actors.dateline_end(doc)] == "PANAMA CITY (Example Wire) — "
    assert doc[1].dep_ == "nsubj" and doc[7].dep_ == "appos"
    a1, _ = _roles(nlp, text, "killed")
    assert a1 is not None and a1.name.startswith("Members of Panama")


def test_no_dateline_in_an_ordinary_lede(nlp: Any) -> None:
    assert actors.dateline_end(nlp("US forces struck targets in Syria on Tuesday.")) == 0
