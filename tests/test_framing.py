"""Framing marks, techniques and the framing profile, on sentences written for these tests."""

from __future__ import annotations

import csv
from typing import Any

from sitrep.extract.claims import extract_quotes
from sitrep.extract.framing import (
    CATEGORY_TECHNIQUE,
    DATA,
    NO_TECHNIQUE,
    extract_framing,
    framing_profile,
    lexicon,
    side_of,
    stance_asymmetry,
    technique_of,
    word_lists,
)
from sitrep.model import AnalyzedArticle, Article, FramingMark, Quote, Span


def analyse(nlp: Any, text: str) -> AnalyzedArticle:
    article = Article.create(text)
    doc = nlp(text)
    analysis = AnalyzedArticle(article=article)
    analysis.quotes = extract_quotes(doc, article, analysis)
    analysis.framing = extract_framing(doc, article, analysis)
    for m in analysis.framing:
        assert text[m.span.start : m.span.end] == m.span.text
    return analysis


def marks(nlp: Any, text: str) -> dict[str, FramingMark]:
    return {m.span.text: m for m in analyse(nlp, text).framing}


def test_lexicon_table_is_well_formed() -> None:
    with open(DATA / "framing_lexicon.tsv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows and set(rows[0]) == {"term", "category", "neutral_alternative", "technique", "note"}
    for row in rows:
        assert row["term"] == row["term"].strip().lower() and row["term"]
        assert row["category"] in CATEGORY_TECHNIQUE, row
        assert row["technique"] in ("Loaded_Language", "Name_Calling,Labeling", "Doubt",
                                    "Bandwagon,Reductio_ad_hitlerum", NO_TECHNIQUE), row
        assert row["note"], row
    assert len({r["term"] for r in rows}) == len(rows)


def test_multiword_and_inflected_terms(nlp: Any) -> None:
    found = marks(nlp, "The occupation forces shelled the camp. Two martyrs were buried. "
                       "Fighters were looting shops and plundering the grain store.")
    assert found["occupation forces"].category == "occupation"
    assert found["occupation forces"].neutral_alternative == "forces"
    assert found["martyrs"].term == "martyr" and found["martyrs"].neutral_alternative == "person killed"
    assert found["looting"].category == "looting"
    assert found["plundering"].category == "looting"


def test_labels_and_techniques(nlp: Any) -> None:
    found = marks(nlp, "The regime said the terrorists were neutralised in a horrific raid.")
    # the framing view flags both designations; by themselves they are no SemEval technique
    assert found["regime"].category == "regime_label"
    assert found["terrorists"].category == "terror_label"
    assert technique_of(found["regime"]) == technique_of(found["terrorists"]) == NO_TECHNIQUE
    assert found["neutralised"].category == "euphemism"
    assert found["neutralised"].neutral_alternative == "killed"
    horrific = next(m for t, m in found.items() if "horrific" in t)
    assert technique_of(horrific) == "Loaded_Language"


def test_intensifier_and_noun_join_the_emotive_word(nlp: Any) -> None:
    found = marks(nlp, "Critics called it an utterly absurd decision.")
    assert "utterly absurd decision" in found


def test_emotive_adjective_on_people_is_a_label(nlp: Any) -> None:
    found = marks(nlp, "The ruling party blamed corrupt politicians for the crisis.")
    mark = found["corrupt politicians"]
    assert technique_of(mark) == "Name_Calling,Labeling"


def test_personal_label_keeps_its_article(nlp: Any) -> None:
    found = marks(nlp, "The columnist mocked the globalists again.")
    assert technique_of(found["the globalists"]) == "Name_Calling,Labeling"


def test_literal_uses_are_skipped(nlp: Any) -> None:
    found = marks(nlp, "His occupation was teacher. Crowds gathered in Liberation Square.")
    assert not any(m.category == "occupation" for m in found.values())


def test_so_called_and_scare_quotes(nlp: Any) -> None:
    found = marks(nlp, 'The so-called peace plan left the "safe zone" without water.')
    assert found["so-called"].category == "scare_quote"
    assert found['"safe zone"'].category == "scare_quote"
    assert technique_of(found['"safe zone"']) == "Doubt"


def test_quoted_speech_is_not_a_scare_quote(nlp: Any) -> None:
    found = marks(nlp, '"We stay," the farmer said.')
    assert not any(m.category == "scare_quote" for m in found.values())


def test_profile_rates_terms_and_quoted_marks(nlp: Any) -> None:
    text = ('The occupation forces raided the town. "They are terrorists," the mayor said. '
            "The occupation forces left at dawn.")
    analysis = analyse(nlp, text)
    profile = framing_profile(analysis)
    assert profile["counts"]["occupation"] == 2
    assert profile["in_quotes"] == {"terror_label": 1}
    assert profile["words"] == len(text.split())
    assert profile["per_1000_words"]["occupation"] == round(2000 / profile["words"], 2)
    assert profile["top_terms"][0] == ["occupation forces", 2]


def test_stance_asymmetry_by_side() -> None:
    text = "x" * 50

    def q(speaker: str, stance: str) -> Quote:
        return Quote(content=Span.of(text, 0, 5), speaker=Span.of(text, 0, 1),
                     speaker_resolved=speaker, stance=stance)  # type: ignore[arg-type]

    quotes = [q("US military", "distancing"), q("US military", "neutral"),
              q("The Syrian foreign ministry", "endorsing"), q("he", "distancing")]
    out = stance_asymmetry(quotes)
    assert out["distanced"] == ["US"]
    assert out["endorsed"] == ["SY"]
    assert out["asymmetric"] is True
    assert out["by_side"]["US"] == {"neutral": 1, "distancing": 1}


def test_side_of() -> None:
    assert side_of("Syrian state media") == "SY"
    assert side_of("he") is None
    assert side_of("Acme Relief Fund") == "Acme Relief Fund"


def test_technique_of_unknown_term_uses_category() -> None:
    mark = FramingMark(span=Span(0, 1, "x"), category="dehumanising", term=None)
    assert technique_of(mark) == "Name_Calling,Labeling"
    assert all(e.technique for e in lexicon().values())


def test_strong_intensifier_makes_any_adjective_loaded(nlp: Any) -> None:
    found = marks(nlp, "The new tax plan is incredibly expensive for families.")
    assert "incredibly expensive" in found
    assert technique_of(found["incredibly expensive"]) == "Loaded_Language"
    assert not marks(nlp, "The new tax plan is expensive for families.")


def test_loaded_phrase_takes_its_modifiers_object_and_partner(nlp: Any) -> None:
    # a loaded noun keeps its adjective, a loaded verb its short object, and coordinated
    # evaluative adjectives are one phrase (PTC annotators mark whole phrases)
    found = marks(nlp, "The minister called the report a cruel hoax. Rivals keep demonizing them.")
    assert "cruel hoax" in found
    assert "demonizing them" in found
    found = marks(nlp, "Voters watched the shameful and absurd debate.")
    assert any(t.startswith("shameful and absurd") for t in found), found


def test_label_takes_its_article_and_the_noun_it_labels(nlp: Any) -> None:
    found = marks(nlp, "The council called him a traitor. Police said a terrorist network was behind it.")
    assert "a traitor" in found
    assert "a terrorist network" in found
    assert technique_of(found["a traitor"]) == "Name_Calling,Labeling"


def test_regime_as_a_system_of_rules_is_not_a_label(nlp: Any) -> None:
    assert not any(m.term == "regime" for m in marks(nlp, "The sanctions regime was tightened last year.").values())
    assert any(m.term == "regime" for m in marks(nlp, "The regime shelled the town again.").values())


def test_loaded_adverb_takes_the_word_it_modifies(nlp: Any) -> None:
    found = marks(nlp, "The protesters were violently beaten by the guards.")
    assert "violently beaten" in found
    assert technique_of(found["violently beaten"]) == "Loaded_Language"


def test_coordinated_loaded_verbs_are_one_phrase(nlp: Any) -> None:
    found = marks(nlp, "Its columnists vilify and humiliate the strikers.")
    assert any(t.startswith("vilify and humiliate") for t in found), found


def test_emotive_label_for_people_keeps_its_article(nlp: Any) -> None:
    found = marks(nlp, "Voters are tired of the corrupt politicians in the capital.")
    assert "the corrupt politicians" in found
    assert technique_of(found["the corrupt politicians"]) == "Name_Calling,Labeling"


def test_scare_quoted_label_for_people_is_name_calling(nlp: Any) -> None:
    text = "The council ignored the “experts” again. Critics branded the mayor a 'dinosaur' on Monday."
    found = marks(nlp, text)
    assert found["“experts”"].category == "quoted_label"
    assert found["'dinosaur'"].category == "quoted_label"
    assert technique_of(found["“experts”"]) == "Name_Calling,Labeling"


def test_apostrophe_does_not_close_a_scare_quote(nlp: Any) -> None:
    text = "The mayor spoke. “It’s a long road,” she told the crowd in the square."
    assert not any(m.category in ("scare_quote", "quoted_label") for m in analyse(nlp, text).framing)


def test_common_political_insults_are_labels(nlp: Any) -> None:
    found = marks(nlp, "The columnist called the senator a blowhard and his aides a pack of fearmongers.")
    labels = {t: m for t, m in found.items() if technique_of(m) == "Name_Calling,Labeling"}
    assert any("blowhard" in t for t in labels)
    assert any("fearmongers" in t for t in labels)


def test_label_in_a_title_case_headline(nlp: Any) -> None:
    found = analyse(nlp, "Police Hunt Psychopath After Harbour Attack\n\nOfficers searched the docks.").framing
    assert any("Psychopath" in m.span.text and technique_of(m) == "Name_Calling,Labeling" for m in found)
    # a label word inside a name is still a name
    assert not any(m.term == "liberation" for m in analyse(nlp, "The Liberation Tigers met in Jaffna.").framing)


def test_compound_epithet_with_its_noun(nlp: Any) -> None:
    found = analyse(nlp, "The rally drew a crowd of reform-hating officials from the capital.").framing
    epithets = [m for m in found if m.term == "compound epithet"]
    assert [m.span.text for m in epithets] == ["reform-hating officials"]
    assert technique_of(epithets[0]) == "Name_Calling,Labeling"


def test_emotive_adjective_on_a_name_is_an_epithet(nlp: Any) -> None:
    found = analyse(nlp, "Nobody trusts the infamous Danneels anymore.").framing
    epithet = [m for m in found if "Danneels" in m.span.text]
    assert epithet and technique_of(epithet[0]) == "Name_Calling,Labeling"


def test_word_list_table_is_well_formed() -> None:
    with open(DATA / "framing_words.tsv", encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows and set(rows[0]) == {"word", "list", "note"}
    for row in rows:
        assert row["word"] == row["word"].strip().lower() and row["word"] and row["note"], row
    lists = word_lists()
    assert set(lists) == {"people_noun", "role_noun", "person_suffix", "label_det", "epithet_suffix", "praise_verb"}
    assert "senator" in lists["role_noun"] and "ist" in lists["person_suffix"]


def test_a_loaded_adjective_on_a_designation_is_a_label(nlp: Any) -> None:
    found = marks(nlp, "Exiles said the corrupt regime jailed its critics.")
    mark = next(m for t, m in found.items() if "regime" in t)
    assert technique_of(mark) == "Name_Calling,Labeling"


def test_a_noun_ending_in_a_person_suffix_names_people(nlp: Any) -> None:
    found = marks(nlp, "The pamphlet attacked the despotic theocrats who run the province.")
    mark = next(m for t, m in found.items() if "theocrats" in t)
    assert technique_of(mark) == "Name_Calling,Labeling"


def test_a_personal_label_keeps_a_demonstrative(nlp: Any) -> None:
    found = marks(nlp, "Nobody listens to these leftists any more.")
    assert technique_of(found["these leftists"]) == "Name_Calling,Labeling"


def test_a_name_given_with_a_naming_verb_is_a_label_even_when_quoted(nlp: Any) -> None:
    found = analyse(nlp, "The senator once referred to his rivals as “weekend generals.”").framing
    labels = [m for m in found if m.category == "quoted_label"]
    assert [m.span.text for m in labels] == ["“weekend generals.”"]
    assert technique_of(labels[0]) == "Name_Calling,Labeling"


def test_a_quoted_sentence_is_still_no_label(nlp: Any) -> None:
    found = analyse(nlp, "The minister said: “We will win.” Nobody believed him.").framing
    assert not any(m.category == "quoted_label" for m in found)


def test_an_emotive_noun_for_people_is_a_label(nlp: Any) -> None:
    found = marks(nlp, "The columnist ridiculed the alarmists in the council.")
    assert technique_of(found["alarmists"]) == "Name_Calling,Labeling"


def test_a_name_for_people_matched_on_a_verb_is_no_label(nlp: Any) -> None:
    found = analyse(nlp, "Investigators said the campaign was spying on its donors.").framing
    assert not any(m.term == "spy" for m in found)


def test_an_adjective_standing_for_people_is_a_label(nlp: Any) -> None:
    found = marks(nlp, "He said the greedy always win.")
    assert technique_of(found["the greedy"]) == "Name_Calling,Labeling"


def test_a_label_grows_to_its_noun_phrase(nlp: Any) -> None:
    found = marks(nlp, "Critics called him a liar and a fraud.")
    assert "a liar and a fraud" in found


def test_a_sentence_printed_twice_is_counted_once(nlp: Any) -> None:
    text = ("Vote now: is the mayor a corrupt politician? Results are shown below. "
            "Vote now: is the mayor a corrupt politician?")
    found = [m for m in analyse(nlp, text).framing if "corrupt" in m.span.text]
    assert len(found) == 1 and found[0].span.start < 50


def test_a_quoted_word_after_terms_like_is_no_label(nlp: Any) -> None:
    found = analyse(nlp, "The report used terms like “resilience” throughout. The board deemed it “premature”.").framing
    assert not any(m.category == "quoted_label" for m in found)


def test_standard_designations_count_as_no_technique(nlp: Any) -> None:
    found = marks(nlp, "Wild animals roamed the valley while far-right groups marched in the city.")
    assert all(technique_of(m) != "Name_Calling,Labeling" for m in found.values() if m.term in ("animals", "far-right"))
    fools = marks(nlp, "Only fools would sign such a deal.")
    assert technique_of(next(m for m in fools.values() if m.term == "fools")) == "Loaded_Language"


def test_a_tribute_quoted_after_praise_as_is_no_label(nlp: Any) -> None:
    found = analyse(nlp, "The governor praised the nurse as a “true hero” at the ceremony.").framing
    assert not any(m.category == "quoted_label" for m in found)


def test_a_thing_called_by_a_quoted_phrase_is_no_label(nlp: Any) -> None:
    found = analyse(nlp, "The minister called the plan a “costly paperwork exercise” on Friday.").framing
    assert not any(m.category == "quoted_label" for m in found)
    found = analyse(nlp, "Critics called the mayor a “dinosaur” on Friday.").framing
    assert any(m.category == "quoted_label" for m in found)
