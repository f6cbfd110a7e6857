"""The pure scorers on small hand-made cases whose answers are worked out by hand."""

from __future__ import annotations

import math

import pytest

from sitrep.evaluation import metrics as m


def test_exact_prf_counts_one_to_one() -> None:
    prf = m.exact_prf([(0, 5), (0, 5), (10, 12)], [(0, 5), (20, 25)])
    assert (prf.tp_p, prf.n_pred, prf.n_gold) == (1, 3, 2)
    assert prf.precision == pytest.approx(1 / 3)
    assert prf.recall == pytest.approx(1 / 2)
    assert prf.f1 == pytest.approx(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))


def test_empty_sides_give_zero_not_error() -> None:
    assert m.exact_prf([], []).f1 == 0.0
    assert m.exact_prf([(0, 1)], []).precision == 0.0
    assert m.exact_prf([], [(0, 1)]).recall == 0.0


def test_overlap_prf_is_one_to_one() -> None:
    # One long prediction covering two gold spans claims only one of them.
    prf = m.overlap_prf([(0, 20)], [(0, 5), (10, 15)])
    assert prf.precision == 1.0
    assert prf.recall == 0.5
    # Touching spans do not overlap (half-open offsets).
    assert m.overlap_prf([(0, 5)], [(5, 9)]).tp_p == 0


def test_align_overlap_prefers_largest_overlap() -> None:
    pairs = m.align_overlap([(0, 4), (3, 10)], [(2, 9)])
    assert pairs == [(1, 0)]


def test_char_overlap_prf() -> None:
    # pred chars 0..9 (10), gold chars 5..14 (10), 5 shared.
    prf = m.char_overlap_prf([(0, 10)], [(5, 15)])
    assert prf.precision == 0.5
    assert prf.recall == 0.5
    # Overlapping predictions count their shared characters once.
    prf = m.char_overlap_prf([(0, 10), (5, 10)], [(0, 10)])
    assert prf.n_pred == 10
    assert prf.precision == 1.0


def test_merge_spans() -> None:
    assert m.merge_spans([(5, 8), (0, 3), (2, 4), (8, 9)]) == [(0, 4), (5, 9)]


def test_partial_credit_semeval_formula() -> None:
    # s = (0, 10), t = (5, 25): |s∩t| = 5. P = 5/10, R = 5/20.
    prf = m.partial_credit_prf([(0, 10)], [(5, 25)])
    assert prf.precision == pytest.approx(0.5)
    assert prf.recall == pytest.approx(0.25)
    assert prf.f1 == pytest.approx(2 * 0.5 * 0.25 / 0.75)
    # Two predictions, one exact, one spurious: P = (1 + 0) / 2, R = 1.
    prf = m.partial_credit_prf([(0, 4), (10, 14)], [(0, 4)])
    assert prf.precision == pytest.approx(0.5)
    assert prf.recall == pytest.approx(1.0)


def test_partial_credit_merges_overlapping_gold() -> None:
    # Gold spans (0,6) and (4,10) merge into (0,10); a prediction (0,10) gets exactly full credit.
    prf = m.partial_credit_prf([(0, 10)], [(0, 6), (4, 10)])
    assert prf.precision == pytest.approx(1.0)
    assert prf.recall == pytest.approx(1.0)


def test_prf_pools_over_documents() -> None:
    total = m.PRF()
    total.add(m.partial_credit_prf([(0, 10)], [(0, 10)]))
    total.add(m.partial_credit_prf([(0, 10)], []))
    assert total.precision == pytest.approx(0.5)
    assert total.recall == pytest.approx(1.0)


def test_classification_scores() -> None:
    y_true = ["a", "a", "a", "b"]
    y_pred = ["a", "a", "none", "b"]
    s = m.classification_scores(y_true, y_pred)
    assert s["micro_f1"] == pytest.approx(0.75)
    # a: P=1, R=2/3, F1=0.8; b: F1=1. Macro over gold classes a, b.
    assert s["macro_f1"] == pytest.approx((0.8 + 1.0) / 2)
    assert s["weighted_f1"] == pytest.approx((0.8 * 3 + 1.0 * 1) / 4)
    assert m.classification_scores([], [])["micro_f1"] == 0.0


def test_per_class_f1_support() -> None:
    table = m.per_class_f1(["x", "y"], ["x", "x"])
    assert table["x"]["precision"] == 0.5
    assert table["x"]["recall"] == 1.0
    assert table["y"]["support"] == 1
    assert table["y"]["f1"] == 0.0


def test_binary_and_macro_binary_f1() -> None:
    y_true = [True, True, False, False]
    y_pred = [True, False, False, False]
    assert m.binary_f1(y_true, y_pred) == pytest.approx(2 / 3)
    # negative class: P = 2/3, R = 1, F1 = 0.8
    assert m.macro_f1_binary(y_true, y_pred) == pytest.approx((2 / 3 + 0.8) / 2)


def test_haversine_known_distances() -> None:
    assert m.haversine_km(0, 0, 0, 0) == 0.0
    # One degree of latitude is about 111.2 km.
    assert m.haversine_km(0, 0, 1, 0) == pytest.approx(111.19, abs=0.1)
    # Antipodes: half the circumference.
    assert m.haversine_km(0, 0, 0, 180) == pytest.approx(math.pi * m.EARTH_RADIUS_KM, rel=1e-6)


def test_within_km() -> None:
    assert m.within_km([0.0, 160.9, 161.0, 200.0]) == 0.75
    assert m.within_km([]) == 0.0


def test_auc_log_error() -> None:
    assert m.auc_log_error([0.0, 0.0, 0.0]) == 0.0
    assert m.auc_log_error([m.MAX_ERROR_KM] * 4) == pytest.approx(math.log1p(m.MAX_ERROR_KM) / math.log(m.MAX_ERROR_KM))
    # errors e^1-1 and e^3-1: logs 1 and 3, trapezoid area 2, n-1 = 1.
    errs = [math.e**3 - 1, math.e - 1]
    assert m.auc_log_error(errs) == pytest.approx(2 / math.log(m.MAX_ERROR_KM))
    assert m.auc_log_error([]) == 0.0


def test_timex_value_equal() -> None:
    assert m.timex_value_equal("2022-w34", "2022-W34")
    assert not m.timex_value_equal("2022-08", "2022-08-24")
    assert not m.timex_value_equal(None, "2022")


def test_token_f1() -> None:
    assert m.token_f1("Islamic State", "islamic state") == 1.0
    # pred 2 tokens, gold 3 tokens, 1 shared: P 1/2, R 1/3, F1 0.4
    assert m.token_f1("the army", "national army command") == pytest.approx(0.4)
    assert m.token_f1(None, "x") == 0.0
    assert m.token_f1("rebels", "army") == 0.0
