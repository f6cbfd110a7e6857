from __future__ import annotations

from typing import Any

import pytest

from sitrep.extract import modality


def _mod(nlp: Any, text: str, word: str, event_date: str | None = None) -> tuple[str, str | None]:
    doc = nlp(text)
    tok = next(t for t in doc if t.text == word)
    return modality.modality_of(tok, tok.sent, event_date, "2023-06-01")


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Rebels attacked the convoy on Monday.", "attacked", "asserted"),
        ("The militia will attack the town.", "attack", "hypothetical"),
        ("The group threatened to bomb the bridge.", "bomb", "hypothetical"),
        ("The army did not shell the village.", "shell", "denied"),
        ("The police denied that officers beat the prisoners.", "beat", "denied"),
        ("The convoy was allegedly ambushed by rebels.", "ambushed", "claimed"),
        ("The ministry claimed that rebels shelled the school.", "shelled", "claimed"),
    ],
)
def test_modality(nlp: Any, text: str, word: str, expected: str) -> None:
    assert _mod(nlp, text, word)[0] == expected


def test_claim_source(nlp: Any) -> None:
    mod, source = _mod(nlp, "The ministry claimed that rebels shelled the school.", "shelled")
    assert mod == "claimed" and source == "The ministry"


def test_background_by_date_and_caption(nlp: Any) -> None:
    assert _mod(nlp, "Rebels attacked the convoy.", "attacked", "2019-05-02")[0] == "background"
    assert _mod(nlp, "Rebels attacked the convoy.", "attacked", "2023-05-30")[0] == "asserted"
    assert _mod(nlp, "A house destroyed by an air strike in the city (Reuters)", "strike")[0] == "background"


def test_days_before() -> None:
    assert modality.days_before("2023-05-01", "2023-06-01") == 31
    assert modality.days_before("2019", "2023-06-01") is not None
    assert modality.days_before(None, "2023-06-01") is None
    assert modality.days_before("2023-05", "2023-06-01") == 1


def test_object_of_an_intended_action_is_not_hypothetical(nlp: Any) -> None:
    assert _mod(nlp, "The minister urged the UN to probe the killings in the capital.", "killings")[0] != "hypothetical"
    assert _mod(nlp, "The army vowed to prevent attacks on the city.", "attacks")[0] == "hypothetical"
