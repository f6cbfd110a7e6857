from __future__ import annotations

from sitrep import wordlists


def test_each_word_file_loads_its_lists() -> None:
    framing = wordlists.load("framing_words.tsv")
    assert "people_noun" in framing and "activists" in framing["people_noun"]
    eventloc = wordlists.load("eventloc_words.tsv")
    assert "outskirts" in eventloc["loc_noun"] and "jabal" in eventloc["arabic_generic"]
    senses = wordlists.load("event_sense_words.tsv")
    assert "chord" in senses["strike_object_other"] and "rockets" in senses["fire_object"]


def test_words_are_lower_case_and_comments_are_skipped() -> None:
    for name in ("framing_words.tsv", "eventloc_words.tsv", "event_sense_words.tsv"):
        for words in wordlists.load(name).values():
            assert all(w == w.strip().lower() and w and not w.startswith("#") for w in words)
