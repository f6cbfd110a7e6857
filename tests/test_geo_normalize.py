"""Name normalisation: keys, variants and the transliteration skeleton."""

from __future__ import annotations

from sitrep.geo import normalize as norm


def test_key_folds_case_accents_hyphens_and_dots() -> None:
    assert norm.key("Deir ez-Zor") == "deir ez zor"
    assert norm.key("Al Ḩasakah") == "al hasakah"
    assert norm.key("U.S.") == "us"
    assert norm.key("  São   Paulo ") == "sao paulo"
    assert norm.key("Dar’a") == norm.key("Dar'a") == "dara"


def test_variants_drop_articles_and_admin_words() -> None:
    assert "qamishli" in norm.variants("Al-Qamishli")
    assert "idlib" in norm.variants("Idlib Governorate")
    assert "texas" in norm.variants("State of Texas")
    # The strict key always comes first.
    assert norm.variants("Al-Qamishli")[0] == "al qamishli"
    # A one-word name is never stripped to nothing.
    assert norm.variants("Al") == ("al",)


def test_skeleton_unifies_transliterations() -> None:
    forms = ["Deir ez-Zor", "Deir Ezzor", "Dayr az Zawr", "Deir al-Zour"]
    assert len({norm.skeleton(f) for f in forms}) == 1
    assert norm.skeleton("Qamishli") == norm.skeleton("Al-Qamishli")
    assert norm.skeleton("Homs") != norm.skeleton("Hama")


def test_is_latin() -> None:
    assert norm.is_latin("Raqqa")
    assert not norm.is_latin("الرقة")


def test_apos_key_keeps_inner_apostrophes_only() -> None:
    assert norm.apos_key("Mar’a") == "mar'a"
    assert norm.apos_key("Mar`a") == "mar'a"  # GeoNames writes the ayn as a backtick
    assert norm.apos_key("Mara") == ""
    assert norm.apos_key("Syria's") == ""  # a possessive is not a transliteration mark
