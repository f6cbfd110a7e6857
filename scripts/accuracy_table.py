"""Print the README's accuracy table (Markdown) from the JSON files of scripts/eval_all.sh."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROWS = [
    # (run name, gold file, [(metric key, label, target or None)])
    ("events-case2021", "CASE 2021 T2", [("subtype_weighted_f1", "sub-type weighted F1", 0.70),
                                         ("type_micro_f1", "type micro F1", None)]),
    ("events-muc4", "MUC-4 dev", [("detection_f1", "detection F1", 0.80),
                                  ("country_acc", "country acc", None),
                                  ("fatalities_acc", "fatalities acc", None)]),
    ("events-ucdp", "UCDP GED CAR", [("country_acc", "country acc", 0.95),
                                     ("fatalities_acc", "fatalities acc", 0.85),
                                     ("within_161km_acc", "within 161 km", None)]),
    ("events-centcom", "CENTCOM", [("country_acc", "country acc", 0.95),
                                   ("subtype_micro_f1", "sub-type micro F1", None),
                                   ("date_acc", "date acc (±1 day)", None)]),
    ("events-plover", "PLOVER GSR", [("actor1_f1", "actor1 F1", None), ("actor2_f1", "actor2 F1", None)]),
    ("given-gwn", "GeoWebNews (given toponyms)", [("exact_id_acc", "exact id", 0.901),
                                                  ("within_161km_acc", "within 161 km", 0.941)]),
    ("given-lgl", "LGL (given toponyms)", [("exact_id_acc", "exact id", 0.794),
                                           ("within_161km_acc", "within 161 km", 0.827)]),
    ("given-trnews", "TR-News (given toponyms)", [("exact_id_acc", "exact id", 0.843),
                                                  ("within_161km_acc", "within 161 km", 0.873)]),
    ("toponyms-gwn", "GeoWebNews end to end", [("f1", "recognition F1", 0.75), ("auc", "AUC (lower better)", None)]),
    ("toponyms-lgl", "LGL end to end", [("f1", "recognition F1", 0.75), ("auc", "AUC (lower better)", None)]),
    ("toponyms-trnews", "TR-News end to end", [("f1", "recognition F1", 0.75), ("auc", "AUC (lower better)", None)]),
    ("event-location", "Event location", [("accuracy", "accuracy", 0.75), ("overlap_accuracy", "overlap acc", None)]),
    ("time-meantime", "MEANTIME", [("value_f1", "value F1", 0.78), ("strict_f1", "strict F1", None),
                                   ("relaxed_f1", "relaxed F1", None)]),
    ("time-tbaq", "TimeBank/AQUAINT", [("value_f1", "value F1", 0.78), ("strict_f1", "strict F1", None),
                                        ("relaxed_f1", "relaxed F1", None)]),
    ("quotes-polnear", "PolNeAR", [("speaker_exact_f1", "speaker exact F1", 0.70),
                                   ("content_overlap_f1", "content overlap F1", 0.75),
                                   ("cue_exact_f1", "cue exact F1", None)]),
    ("loaded-ptc", "PTC (SemEval-2020 T11)", [("by_technique.Loaded_Language.f1", "Loaded_Language span F1", 0.35),
                                              ("by_technique.Name_Calling,Labeling.f1", "Name_Calling span F1", 0.35),
                                              ("span_f1", "all techniques span F1", None)]),
    ("loaded-babe", "BABE", [("span_f1", "biased-word span F1", None)]),
]


def get(metrics: dict, dotted: str) -> object:
    value: object = metrics
    for part in dotted.split(".") if not dotted.startswith("by_technique.") else \
            ["by_technique", dotted[len("by_technique."):].rsplit(".", 1)[0], dotted.rsplit(".", 1)[1]]:
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def main(out_dir: str = "out/eval") -> None:
    print("| gold set | metric | sitrep | target |")
    print("|---|---|---:|---:|")
    for name, label, metrics in ROWS:
        path = Path(out_dir) / f"{name}.json"
        if not path.is_file():
            continue
        data = json.loads(path.read_text())
        for key, metric_label, target in metrics:
            value = get(data, key)
            shown = f"{value:.3f}" if isinstance(value, float) else "n/a"
            print(f"| {label} ({data.get('records', '?')} records) | {metric_label} | {shown} | "
                  f"{'' if target is None else ('≥ ' + format(target, '.3f'))} |")


if __name__ == "__main__":
    main(*sys.argv[1:])
