"""Bytes -> text: BOMs, UTF-8, UTF-16, cp1252/Latin-1 fallback, binary refusal."""

from __future__ import annotations

import codecs
import random

import pytest

from sitrep.errors import Code, InputError
from sitrep.ingest.decode import decode_bytes, looks_binary

SENTENCE = "Les soldats ont quitté la base d’Alep après l’attaque — trois morts.\nSecond line."


@pytest.mark.parametrize(
    "data",
    [
        SENTENCE.encode("utf-8"),
        codecs.BOM_UTF8 + SENTENCE.encode("utf-8"),
        codecs.BOM_UTF16_LE + SENTENCE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + SENTENCE.encode("utf-16-be"),
        SENTENCE.encode("utf-16"),  # Python writes a BOM
        SENTENCE.encode("utf-32"),
        SENTENCE.encode("utf-16-le"),  # no BOM: recognised by its NUL pattern
    ],
)
def test_unicode_encodings_round_trip(data: bytes) -> None:
    assert decode_bytes(data) == SENTENCE


def test_cp1252_quotes_and_latin1_letters() -> None:
    raw = b"\x93Caf\xe9 bombed\x94 \x96 said the mayor of Sa\xefda."
    assert decode_bytes(raw) == "“Café bombed” – said the mayor of Saïda."


def test_bytes_undefined_in_cp1252_fall_back_to_latin1() -> None:
    # 0x81 has no cp1252 character; Latin-1 maps every byte.
    assert decode_bytes(b"caf\xe9 \x81") == "café \x81"


def test_nul_bytes_are_binary() -> None:
    with pytest.raises(InputError) as err:
        decode_bytes(b"PK\x03\x04\x00\x00\x08\x00some zip header" * 20, "a.txt")
    assert err.value.code is Code.E002
    assert "a.txt" in str(err.value)


def test_control_character_junk_without_nuls_is_binary() -> None:
    rng = random.Random(7)
    junk = bytes(rng.choice([b for b in range(1, 256)]) for _ in range(5000))
    with pytest.raises(InputError) as err:
        decode_bytes(junk)
    assert err.value.code is Code.E002


def test_text_with_a_few_form_feeds_is_not_binary() -> None:
    page = "A line of text from a converted report, with a page break.\n" * 30
    assert not looks_binary(page + "\x0c" + page + "\x1b[0m")


def test_broken_utf16_after_bom_is_e003() -> None:
    with pytest.raises(InputError) as err:
        decode_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8\x41")  # lone surrogate, odd length
    assert err.value.code is Code.E003
