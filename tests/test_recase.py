"""Recasing of all-capital wire copy for a second parse."""

from __future__ import annotations

from sitrep.extract.recase import recased_text


def test_recased_text_keeps_offsets_and_capitalises_names_and_sentence_starts() -> None:
    text = "LIMA, 3 MAY 89 -- [TEXT] TERRORISTS KILLED A MAYOR. POLICE ARRIVED."
    out = recased_text(text, [(0, 4)])
    assert out is not None and len(out) == len(text)
    assert out.startswith("Lima, 3 may 89 -- [text] Terrorists killed a mayor. Police arrived.")


def test_recased_text_gives_up_when_lowercasing_changes_length() -> None:
    assert recased_text("İSTANBUL BOMBING", []) is None
