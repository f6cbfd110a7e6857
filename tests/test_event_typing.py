from __future__ import annotations

from typing import Any

from sitrep.extract import event_typing as typ


def test_cue_table_loads_tags() -> None:
    table, rx = typ.cue_table()
    assert "air" in table["warplanes"]
    assert "artillery" in table["mortar"]
    assert "intervene" in table["tear gas"]
    # The longer phrase wins: a stun grenade is crowd control, not a grenade attack.
    assert [m.group(0) for m in rx.finditer("police used stun grenades")] == ["police", "stun grenades"]


def test_targets_are_not_instruments(nlp: Any) -> None:
    text = "The strike destroyed a mortar position."
    doc = nlp(text)
    index = typ.cue_index(text, typ.target_offsets(doc))
    assert not any("artillery" in tags for _, tags in index)
    text2 = "Rebels fired mortars at the town."
    index2 = typ.cue_index(text2, typ.target_offsets(nlp(text2)))
    assert any("artillery" in tags for _, tags in index2)


def _classify(nlp: Any, text: str, word: str, family: str, sub: str) -> str | None:
    doc = nlp(text)
    tok = next(t for t in doc if t.text == word)
    entry = typ.Trigger(word, "V", family, sub, 0.6)
    cues = typ.cues_in(typ.cue_index(text, typ.target_offsets(doc)), 0, len(text))
    return typ.classify(entry, tok, cues, None, None)


def test_seize_object_decides(nlp: Any) -> None:
    seize = ("seize", "Non-state actor overtakes territory")
    assert _classify(nlp, "Militants seized the town of Kora.", "seized", *seize) == "Non-state actor overtakes territory"
    assert _classify(nlp, "Troops seized a weapons cache.", "seized", *seize) == "Disrupted weapons use"
    assert _classify(nlp, "Police seized two tonnes of cocaine.", "seized", *seize) is None


def test_protest_handling(nlp: Any) -> None:
    p = ("protest", "Peaceful protest")
    assert _classify(nlp, "Students protested outside the ministry.", "protested", *p) == "Peaceful protest"
    assert _classify(nlp, "Students protested and police fired tear gas.", "protested", *p) == "Protest with intervention"
    assert _classify(nlp, "Students protested and threw stones at cars.", "protested", *p) == "Violent demonstration"


def test_french_sentence_detection() -> None:
    from sitrep.extract.event_senses import is_french

    assert is_french("Six soldats tués dans une attaque des rebelles")
    assert not is_french("Six soldiers were killed in a rebel attack near La Paz")
