from __future__ import annotations

import pytest

from sitrep.errors import Code, InputError, SitrepError


def test_codes_are_unique_and_prefixed() -> None:
    names = [c.name for c in Code]
    assert len(names) == len(set(names))
    assert all(n[0] in "EW" and n[1:].isdigit() for n in names)


def test_error_message_carries_code_and_details() -> None:
    err = InputError(Code.E001, path="empty.txt")
    assert str(err) == "[E001] Input file is empty: empty.txt"
    assert err.code is Code.E001 and err.details == {"path": "empty.txt"}
    with pytest.raises(SitrepError):
        raise err
