"""Recognition: which strings the regexes propose, and leftmost-longest selection."""

from __future__ import annotations

from sitrep.extract import timex_rules as tr


def spans(text: str) -> list[tuple[str, str]]:
    return [(c.kind, text[c.start : c.end]) for c in tr.select(tr.find_candidates(text))]


def test_lexicon_loads_from_tsv() -> None:
    w = tr.words()
    assert w["month"]["march"] == "3"
    assert w["weekday"]["sunday"] == "7"
    assert w["unit"]["decade"] == "DE"


def test_full_date_is_one_expression() -> None:
    text = "The court ruled on Friday, Oct. 23, 1998, after a long delay."
    assert spans(text) == [("date_mdy", "Friday, Oct. 23, 1998")]


def test_day_month_year_and_short_year() -> None:
    assert ("date_dmy", "20 November 2019") in spans("Talks resumed on 20 November 2019 in Geneva.")
    assert ("date_dmy", "3 JAN 90") in spans("REPORT DATED 3 JAN 90 FROM THE FIELD")


def test_prepositions_stay_outside_modifiers_inside() -> None:
    found = spans("Shelling resumed in early 2019 and lasted for nearly two years.")
    assert ("year", "early 2019") in found
    assert ("duration", "nearly two years") in found


def test_ages_are_not_durations() -> None:
    assert spans("A 45-year-old farmer was wounded.") == []


def test_relative_and_vague_expressions() -> None:
    found = dict((t, k) for k, t in spans("Fighting flared earlier this month and three days ago; it is calm now."))
    assert found["earlier this month"] == "rel_unit"
    assert found["three days ago"] == "ago"
    assert found["now"] == "ref"


def test_select_prefers_longest_then_rule_order() -> None:
    a = tr.Candidate("year", 0, 4, {}, 5)
    b = tr.Candidate("date_mdy", 0, 10, {}, 9)
    c = tr.Candidate("weekday", 5, 12, {}, 1)
    assert tr.select([a, c, b]) == [b]


def test_anaphoric_weekday_and_overnight() -> None:
    found = spans("Prices fell from the previous Friday after overnight selling.")
    assert ("anaphoric_wd", "the previous Friday") in found
    assert ("overnight", "overnight") in found


def test_gates_skip_rules_without_their_words() -> None:
    g = tr.gates()
    assert "aug" in g["date_mdy"] and "sept"[:3] in g["month"]
    assert "christmas" in g["holiday"]
    # A text with no month name still finds its weekday, and no month rule fires.
    assert spans("Troops withdrew on Friday.") == [("weekday", "Friday")]
