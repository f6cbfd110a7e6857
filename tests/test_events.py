"""Event detection and ACLED typing on sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.extract.events import extract_mentions
from sitrep.model import AnalyzedArticle, Article, EventMention


def mentions(nlp: Any, text: str, published: str | None = "2023-03-10") -> list[EventMention]:
    article = Article.create(text, published=published)
    doc = nlp(text)
    out = extract_mentions(doc, article, AnalyzedArticle(article=article))
    for m in out:
        assert text[m.trigger.start : m.trigger.end] == m.trigger.text
        assert text[m.sentence.start : m.sentence.end] == m.sentence.text
        for actor in (m.actor1, m.actor2):
            if actor is not None and actor.span is not None:
                assert text[actor.span.start : actor.span.end] == actor.span.text
        if m.fatalities_span is not None:
            assert text[m.fatalities_span.start : m.fatalities_span.end] == m.fatalities_span.text
    return out


def top(nlp: Any, text: str) -> EventMention:
    found = mentions(nlp, text)
    assert found, text
    return max(found, key=lambda m: m.confidence)


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Government warplanes bombed a market in the northern town on Monday.", "Air/drone strike"),
        ("A drone strike hit a car carrying two commanders near the border.", "Air/drone strike"),
        ("Rebels shelled the airport overnight with mortars.", "Shelling/artillery/missile attack"),
        ("A roadside bomb exploded next to an army truck on the highway.", "Remote explosive/landmine/IED"),
        ("A suicide bomber blew himself up at the entrance of a mosque.", "Suicide bomb"),
        ("Unknown men threw a grenade into a crowded bar.", "Grenade"),
        ("Troops clashed with insurgents for three hours in the valley.", "Armed clash"),
        ("Gunmen killed seven villagers in a raid on their village.", "Attack"),
        ("Armed men abducted twelve students from their school.", "Abduction/forced disappearance"),
        ("Thousands of teachers marched peacefully through the capital to demand higher wages.", "Peaceful protest"),
        ("Police fired tear gas to disperse hundreds of students protesting against the new law.", "Protest with intervention"),
        ("Security forces shot dead four demonstrators during a protest against the election result.", "Excessive force against protesters"),
        ("Rioters torched cars and threw stones at police during a protest over fuel prices.", "Violent demonstration"),
        ("Dozens of gunmen on motorcycles stormed the cattle market at dawn.", "Attack"),
        ("The attackers fired on traders and herders at the livestock market.", "Attack"),
        ("Rebels fired rockets at the airport overnight.", "Shelling/artillery/missile attack"),
        ("Angry protesters stormed the parliament building on Friday.", "Violent demonstration"),
        ("Police arrested the opposition leader at his home.", "Arrests"),
        ("The two parties signed a ceasefire agreement in the capital.", "Agreement"),
        ("Soldiers defused a bomb planted under a bridge.", "Disrupted weapons use"),
        ("The army recaptured the town from the militants after a week of fighting.", "Government regains territory"),
    ],
)
def test_typing(nlp: Any, text: str, sub: str) -> None:
    assert top(nlp, text).sub_event_type == sub


@pytest.mark.parametrize(
    "text",
    [
        "The minister said the economy grew by two percent last quarter.",
        "The company launched an attack helicopter programme last year.",
        "The government vowed to fight corruption in the ports.",
        "Police seized two tonnes of cocaine at the port.",
        "The director shot a video of the sunset in March 2021.",
    ],
)
def test_no_event(nlp: Any, text: str) -> None:
    found = [m for m in mentions(nlp, text) if m.modality not in {"hypothetical", "denied"}]
    assert found == [], [(m.trigger.text, m.sub_event_type) for m in found]


@pytest.mark.parametrize(
    "text",
    [
        "Police blocked the road and fired tear gas canisters into the crowd of traders.",
        "Riot police fired rubber bullets at the students outside the parliament.",
    ],
)
def test_crowd_control_fire_is_not_shelling(nlp: Any, text: str) -> None:
    subs = {m.sub_event_type for m in mentions(nlp, text)}
    assert "Shelling/artillery/missile attack" not in subs, subs


def test_hypothetical_and_denied(nlp: Any) -> None:
    (m,) = mentions(nlp, "The rebels threatened to attack the capital.")
    assert m.modality == "hypothetical"
    denied = [m for m in mentions(nlp, "The army did not attack the village.") if m.trigger.text == "attack"]
    assert denied and denied[0].modality == "denied"


def test_actors_and_fatalities(nlp: Any) -> None:
    m = top(nlp, "Israeli warplanes struck a building in Gaza, killing five people.")
    assert m.sub_event_type == "Air/drone strike"
    assert m.actor1 is not None and m.actor1.normalized == "Military Forces of Israel"
    assert m.fatalities == 5


def test_unknown_fatalities_stay_none(nlp: Any) -> None:
    m = top(nlp, "Rebels attacked an army post near the river.")
    assert m.fatalities is None


def test_reference_takes_antecedent_type(nlp: Any) -> None:
    text = ("Coalition aircraft carried out airstrikes on a depot near the city. "
            "The strikes were necessary, the spokesman said.")
    found = mentions(nlp, text)
    assert {m.sub_event_type for m in found} == {"Air/drone strike"}
    assert len(found) == 2 and found[1].confidence < found[0].confidence


def test_past_report_defaults_to_publication_date(nlp: Any) -> None:
    m = top(nlp, "Gunmen killed three farmers in the district.")
    assert m.time is not None and m.time.value == "2023-03-10"


def test_capitals_text(nlp: Any) -> None:
    m = top(nlp, "SAN ISIDRO, 3 MAY 89 -- GUERRILLAS KILLED TWO PEASANTS AND BURNED A BUS.")
    assert m.event_type in {"Violence against civilians", "Strategic developments"}


def test_verb_with_trigger_subject_takes_noun_type(nlp: Any) -> None:
    text = "Near the river, one strike struck a militant unit and destroyed a mortar position."
    found = mentions(nlp, text)
    top_m = max(found, key=lambda m: m.confidence)
    assert top_m.sub_event_type == "Air/drone strike"
    # The mortar position is a target, not the weapon: nothing is typed as shelling.
    assert all(m.sub_event_type != "Shelling/artillery/missile attack" for m in found)


def test_crime_context_is_not_an_event(nlp: Any) -> None:
    assert mentions(nlp, "Police arrested three drug traffickers at the border crossing.") == []


def test_aggregate_tally_is_not_an_event(nlp: Any) -> None:
    assert mentions(nlp, "So far this year, about 100 people have been killed in clashes.") == []


def test_killing_follows_the_blast(nlp: Any) -> None:
    text = "A car bomb exploded near the market on Monday, killing five people."
    article = Article.create(text, published="2023-03-10")
    found = mentions(nlp, text)
    assert {m.sub_event_type for m in found} == {"Remote explosive/landmine/IED"}
    from sitrep.resolve.within import merge_mentions

    (ev,) = merge_mentions(found, article)
    assert ev.fatalities.best == 5


def test_french_headline_is_an_event_with_its_toll(nlp: Any) -> None:
    found = mentions(nlp, "Ouest : 6 morts dans un affrontement entre deux groupes armés")
    assert found and {m.event_type for m in found} <= {"Battles", "Violence against civilians"}
    assert any(m.fatalities == 6 for m in found)


@pytest.mark.parametrize(
    "text",
    [
        "Officials say the gangs usually attack buses on that road.",
        "Farmers complain about the constant raids by cattle thieves.",
    ],
)
def test_generalisations_are_not_incidents(nlp: Any, text: str) -> None:
    assert [m for m in mentions(nlp, text) if m.event_type == "Violence against civilians" or m.sub_event_type == "Attack"] == []


def test_undated_report_takes_the_narrative_date(nlp: Any) -> None:
    from sitrep.pipeline import analyze

    text = ("Police gave details of the night of violence. On Thursday a crowd "
            "gathered near the depot. Gunmen attacked the police post and burned two trucks.")
    result = analyze(Article.create(text, published="2023-03-10", language="en"))
    found = [m for m in result.mentions if m.trigger.text.lower() == "attacked"]
    assert found and found[0].time is not None and found[0].time.value == "2023-03-09"
    assert text[found[0].trigger.start : found[0].trigger.end] == found[0].trigger.text


@pytest.mark.parametrize(
    "text",
    [
        "The senator harshly attacked the minister's budget in a speech on Monday.",
        "The factory produces cluster bombs and other war materiel for export.",
        "The pilot died and two crew members were injured when their plane crashed near the airport.",
        "The militia has been shelling the town for months.",
        "The minister said the parade demonstrated the strength of the army.",
        "Smuggling constitutes an attack against the nation, the president said.",
        "A cargo plane crashed into a residential area, destroying several homes.",
        "The president urged both sides to respect the peace agreements signed in 1987.",
    ],
)
def test_figurative_trade_and_accident_uses_are_not_events(nlp: Any, text: str) -> None:
    found = [m for m in mentions(nlp, text) if m.modality not in {"hypothetical", "denied"}]
    assert found == [], [(m.trigger.text, m.sub_event_type) for m in found]


def test_trigger_inside_a_group_name_is_not_an_event(nlp: Any) -> None:
    found = mentions(nlp, "Fighters of the National Liberation Army kidnapped two engineers on Friday.")
    assert [m.trigger.text for m in found] == ["kidnapped"]


def test_questions_and_possible_events_are_hypothetical(nlp: Any) -> None:
    (q,) = mentions(nlp, "Does the rebel command have to declare a ceasefire before the talks?")
    assert q.modality == "hypothetical"
    (p,) = mentions(nlp, "Police guarded the hotel against a possible attack during the visit.")
    assert p.modality == "hypothetical"


def test_capitals_text_is_parsed_in_ordinary_case(nlp: Any) -> None:
    text = "LIMA, 3 MAY 89 -- [TEXT] TERRORISTS KILLED THREE PEASANTS IN AYACUCHO YESTERDAY."
    m = top(nlp, text)
    assert (m.sub_event_type, m.fatalities) == ("Attack", 3)
    assert m.actor1 is not None and m.actor1.kind == "rebel"


@pytest.mark.parametrize(
    ("text", "sub", "dead"),
    [
        ("Sept civils tués dans une attaque près de la rivière", "Attack", 7),
        ("Violents combats entre deux groupes armés dans la localité", "Armed clash", None),
        ("Un chef de village enlevé par des hommes armés sur la route", "Abduction/forced disappearance", None),
    ],
)
def test_french_headlines_skip_the_english_sense_filters(nlp: Any, text: str, sub: str, dead: int | None) -> None:
    found = mentions(nlp, text)
    assert sub in {m.sub_event_type for m in found}, [(m.trigger.text, m.sub_event_type) for m in found]
    if dead is not None:
        assert any(m.fatalities == dead for m in found)


def test_bare_mentions_below_the_lede_are_passing_mentions(nlp: Any) -> None:
    text = (
        "Rebels attacked a police post in the northern town on Monday. "
        "Two officers were wounded. "
        "The police chief visited the post on Tuesday. "
        "The minister spoke about education and the economy. "
        "He said kidnapping and extortion worry investors."
    )
    subs = {m.sub_event_type for m in mentions(nlp, text) if m.modality == "asserted"}
    assert "Attack" in subs or "Armed clash" in subs
    assert "Abduction/forced disappearance" not in subs


def test_passive_drop_of_munitions_is_an_event(nlp: Any) -> None:
    m = top(nlp, "Chlorine munitions were dropped on the neighbourhood on Monday, investigators said.")
    assert m.sub_event_type == "Chemical weapon"
    assert mentions(nlp, "The prosecutor dropped the charges against the mayor.") == []


def test_follow_up_sentence_continues_the_story_date_and_place(nlp: Any) -> None:
    text = ("Gunmen attacked a cattle market outside Tougouri on Sunday, killing 12 traders, residents "
            "told reporters in Kaya on Wednesday. More than 20 people were wounded, some of them "
            "by gunshots to the legs.")
    from sitrep.pipeline import analyze

    found = analyze(Article.create(text, published="2024-05-30")).mentions
    wounded = next(m for m in found if m.trigger.text == "wounded")
    assert wounded.time is not None and wounded.time.value == "2024-05-26"
    assert wounded.place is not None and wounded.place.span is not None
    assert wounded.place.span.text == "Tougouri"
