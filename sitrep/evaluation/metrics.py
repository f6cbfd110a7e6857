"""Pure scorers: no I/O, no pipeline. Each takes plain offsets / labels / numbers and returns
numbers, so every one can be unit-tested on hand-made cases with known answers.

Conventions: a ratio with an empty denominator is 0.0 (nothing predicted = precision 0), except
where a function documents otherwise; spans are half-open ``(start, end)`` character offsets.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

SpanT = tuple[int, int]

EARTH_RADIUS_KM = 6371.0088
# Half the Earth's circumference: the largest possible great-circle error (Gritta et al. 2018).
MAX_ERROR_KM = 20039.0
# 100 miles, the customary geoparsing tolerance.
TOLERANCE_KM = 161.0


def ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class PRF:
    """Counts for precision/recall; ``tp_p`` and ``tp_r`` may differ (partial credit, or
    overlap matching where one prediction can cover two gold spans)."""

    tp_p: float = 0.0
    n_pred: float = 0.0
    tp_r: float = 0.0
    n_gold: float = 0.0

    def add(self, other: PRF) -> None:
        self.tp_p += other.tp_p
        self.n_pred += other.n_pred
        self.tp_r += other.tp_r
        self.n_gold += other.n_gold

    @property
    def precision(self) -> float:
        return ratio(self.tp_p, self.n_pred)

    @property
    def recall(self) -> float:
        return ratio(self.tp_r, self.n_gold)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    def as_dict(self, prefix: str = "") -> dict[str, float]:
        return {
            f"{prefix}precision": round(self.precision, 4),
            f"{prefix}recall": round(self.recall, 4),
            f"{prefix}f1": round(self.f1, 4),
        }


def overlaps(a: SpanT, b: SpanT) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def overlap_len(a: SpanT, b: SpanT) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def exact_prf(pred: Iterable[SpanT], gold: Iterable[SpanT]) -> PRF:
    """Strict span match, one-to-one (a duplicate prediction does not match twice)."""
    p, g = Counter(pred), Counter(gold)
    tp = sum((p & g).values())
    return PRF(tp, sum(p.values()), tp, sum(g.values()))


def align_overlap(pred: Sequence[SpanT], gold: Sequence[SpanT]) -> list[tuple[int, int]]:
    """One-to-one alignment of overlapping spans, greedy by overlap length (ties: earlier span).
    Returns ``(pred index, gold index)`` pairs."""
    cands = [
        (-overlap_len(p, g), i, j)
        for i, p in enumerate(pred)
        for j, g in enumerate(gold)
        if overlaps(p, g) or (p == g)
    ]
    cands.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in cands:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((i, j))
    return pairs


def overlap_prf(pred: Sequence[SpanT], gold: Sequence[SpanT]) -> PRF:
    """Relaxed (TempEval-3 style) match: a prediction is correct when it overlaps a gold span,
    one-to-one, so one long prediction cannot claim two gold spans."""
    n = len(align_overlap(pred, gold))
    return PRF(n, len(pred), n, len(gold))


def _chars(spans: Iterable[SpanT]) -> set[int]:
    out: set[int] = set()
    for s, e in spans:
        out.update(range(s, e))
    return out


def char_overlap_prf(pred: Iterable[SpanT], gold: Iterable[SpanT]) -> PRF:
    """Citron-style overlap by character: predicted characters inside some gold span over all
    predicted characters (precision), gold characters inside some prediction over all gold
    characters (recall). Spans are unioned first, so overlapping spans count each char once."""
    pc, gc = _chars(pred), _chars(gold)
    inter = len(pc & gc)
    return PRF(inter, len(pc), inter, len(gc))


def merge_spans(spans: Iterable[SpanT]) -> list[SpanT]:
    """Union of overlapping (or touching) spans, sorted."""
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def partial_credit_prf(pred: Iterable[SpanT], gold: Iterable[SpanT]) -> PRF:
    """SemEval-2020 Task 11 span identification, partial credit by character overlap:
    P = (1/|S|) Σ_s Σ_t |s∩t|/|s|,  R = (1/|T|) Σ_t Σ_s |s∩t|/|t|.
    Overlapping spans within each side are merged first (as the task's scorer merged gold
    spans of one class), so a prediction never earns more than full credit."""
    s_spans = [s for s in merge_spans(pred) if s[1] > s[0]]
    t_spans = [t for t in merge_spans(gold) if t[1] > t[0]]
    tp_p = sum(overlap_len(s, t) / (s[1] - s[0]) for s in s_spans for t in t_spans)
    tp_r = sum(overlap_len(s, t) / (t[1] - t[0]) for t in t_spans for s in s_spans)
    return PRF(tp_p, len(s_spans), tp_r, len(t_spans))


# --- classification ---------------------------------------------------------------------------

def per_class_f1(y_true: Sequence[str], y_pred: Sequence[str]) -> dict[str, dict[str, float]]:
    """Precision/recall/F1/support for every class seen in ``y_true`` or ``y_pred``."""
    labels = sorted(set(y_true) | set(y_pred))
    out: dict[str, dict[str, float]] = {}
    for lab in labels:
        tp = sum(1 for t, p in zip(y_true, y_pred, strict=True) if t == lab and p == lab)
        n_pred = sum(1 for p in y_pred if p == lab)
        n_true = sum(1 for t in y_true if t == lab)
        p, r = ratio(tp, n_pred), ratio(tp, n_true)
        out[lab] = {"precision": p, "recall": r, "f1": f1(p, r), "support": n_true}
    return out


def classification_scores(y_true: Sequence[str], y_pred: Sequence[str]) -> dict[str, float]:
    """Micro, macro and support-weighted F1 (single-label, so micro F1 = accuracy).
    Macro and weighted average over the classes present in ``y_true`` (predicted-only
    classes, e.g. "none", still cost recall of the true class but do not add a zero row)."""
    if not y_true:
        return {"micro_f1": 0.0, "macro_f1": 0.0, "weighted_f1": 0.0}
    table = per_class_f1(y_true, y_pred)
    gold_labels = set(y_true)
    correct = sum(1 for t, p in zip(y_true, y_pred, strict=True) if t == p)
    macro = sum(table[lab]["f1"] for lab in gold_labels) / len(gold_labels)
    weighted = sum(table[lab]["f1"] * table[lab]["support"] for lab in gold_labels) / len(y_true)
    return {"micro_f1": correct / len(y_true), "macro_f1": macro, "weighted_f1": weighted}


def binary_f1(y_true: Sequence[bool], y_pred: Sequence[bool]) -> float:
    tp = sum(1 for t, p in zip(y_true, y_pred, strict=True) if t and p)
    return f1(ratio(tp, sum(y_pred)), ratio(tp, sum(y_true)))


def macro_f1_binary(y_true: Sequence[bool], y_pred: Sequence[bool]) -> float:
    """Macro F1 over the two classes (True and False)."""
    pos = binary_f1(y_true, y_pred)
    neg = binary_f1([not t for t in y_true], [not p for p in y_pred])
    return (pos + neg) / 2


# --- geography --------------------------------------------------------------------------------

def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def within_km(errors: Sequence[float], km: float = TOLERANCE_KM) -> float:
    return ratio(sum(1 for e in errors if e <= km), len(errors))


def auc_log_error(errors: Sequence[float]) -> float:
    """Area under the curve of sorted log errors, Gritta et al. 2018:
    ``trapz(sorted(ln(1 + err_km))) / (ln(20039) * (n - 1))`` on a 0..1 scale (the paper
    prints it ×100). 0 is perfect, 1 is every toponym on the antipode. Lower is better."""
    if not errors:
        return 0.0
    ys = sorted(math.log1p(min(max(e, 0.0), MAX_ERROR_KM)) for e in errors)
    if len(ys) == 1:
        return ys[0] / math.log(MAX_ERROR_KM)
    area = sum((ys[i] + ys[i + 1]) / 2 for i in range(len(ys) - 1))
    return area / (math.log(MAX_ERROR_KM) * (len(ys) - 1))


# --- time -------------------------------------------------------------------------------------

def timex_value_equal(pred: str | None, gold: str | None) -> bool:
    """TimeML values compare as strings (TempEval-3's attribute match), after trimming and
    upper-casing: "2022-w34" and "2022-W34" are the same value, "2022-08" and "2022-08-24"
    are not."""
    if pred is None or gold is None:
        return False
    return pred.strip().upper() == gold.strip().upper()


_WORD = re.compile(r"\w+")


def token_f1(pred: str | None, gold: str | None) -> float:
    """Bag-of-words F1 between two strings, case-insensitive, on alphanumeric tokens."""
    if not pred or not gold:
        return 0.0
    pt = Counter(_WORD.findall(pred.lower()))
    gt = Counter(_WORD.findall(gold.lower()))
    common = sum((pt & gt).values())
    if not common:
        return 0.0
    return f1(common / sum(pt.values()), common / sum(gt.values()))
