"""Bytes -> text for plain-text inputs: UTF-8 (with or without BOM), UTF-16/32 with BOM (and
BOM-less UTF-16 recognised by its NUL pattern), else cp1252 / Latin-1. Binary files are refused
(E002) instead of being decoded into mojibake that would then be "analysed"."""

from __future__ import annotations

import codecs
import re

from sitrep.errors import Code, InputError

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control characters other than tab, newline, vertical tab, form feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# Random bytes decoded as cp1252 give about 12% such characters; real text (even PDF-to-text
# output with stray form feeds and escape codes) stays well under 0.5%. 2% separates the two
# with room (calibrated on the junk and text fixtures of tests/test_ingest_decode.py).
MAX_CONTROL_RATIO = 0.02
# The binary check looks at the head of the file: a text file does not turn binary half way.
SNIFF_CHARS = 65_536


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """(codec, BOM length) when ``data`` starts with a byte-order mark."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def _bomless_utf16(head: bytes) -> str | None:
    """"utf-16-le"/"-be" when NUL bytes sit at every other position (ASCII-range text written
    as UTF-16 without a BOM), else ``None``."""
    even, odd = head[0::2], head[1::2]
    if len(head) < 4:
        return None
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / max(len(odd), 1)
    # Latin-script UTF-16 has a NUL as the high byte of nearly every code unit; 0.6 allows for
    # a fair share of accented or non-Latin characters, and the other half must be NUL-free.
    if odd_nul > 0.6 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.6 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, path: str = "<bytes>") -> str:
    """Decode ``data`` (see the module docstring); raise E002 for binary, E003 for a file whose
    BOM promises an encoding its bytes break."""
    found = bom_encoding(data)
    if found is not None:
        encoding, skip = found
        try:
            text = data[skip:].decode(encoding)
        except UnicodeDecodeError:
            raise InputError(Code.E003, path=path) from None
    elif b"\x00" in data:
        encoding16 = _bomless_utf16(data[: SNIFF_CHARS * 2])
        if encoding16 is None:
            raise InputError(Code.E002, path=path)
        try:
            text = data.decode(encoding16)
        except UnicodeDecodeError:
            raise InputError(Code.E002, path=path) from None
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            # cp1252 is what "Latin-1" text nearly always really is (curly quotes, dashes in
            # 0x80-0x9F); five bytes are undefined in it, and only then is Latin-1 used.
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = data.decode("latin-1")
    if looks_binary(text):
        raise InputError(Code.E002, path=path)
    return text


def looks_binary(text: str) -> bool:
    head = text[:SNIFF_CHARS]
    if not head:
        return False
    if "\x00" in head:
        return True
    return len(_CONTROL.findall(head)) > len(head) * MAX_CONTROL_RATIO
