"""The HTML situation report: written whole, self-contained, every event in it, text escaped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markupsafe import escape
from test_web import HOSTILE_IMG, HOSTILE_OUTLET, HOSTILE_SCRIPT, make_store

from sitrep.cli import main
from sitrep.errors import StoreError
from sitrep.report import build, render
from sitrep.store import Store


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("report") / "report.db")


@pytest.fixture(scope="module")
def report_html(db: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("out") / "sub" / "report.html"
    render(db, out)
    assert out.is_file()
    assert not list(out.parent.glob(".sitrep-report-*"))  # the temporary file was renamed
    return out.read_text(encoding="utf-8")


def test_report_lists_every_event(report_html: str, db: Path) -> None:
    with Store(db) as store:
        events = store.events()
    assert len(events) == 2
    for e in events:
        assert f'id="{e.id}"' in report_html
        assert e.sub_event_type in report_html
    # events by date, newest first
    assert report_html.index("<h3>2024-06-10") < report_html.index("<h3>2024-05-26")


def test_report_summary_and_contested_fatalities(report_html: str) -> None:
    assert "Situation report: 2024-05-26 – 2024-06-10" in report_html
    assert "12 (12–17)" in report_html  # best with the sources' range
    assert "1 event(s) with contested tolls" in report_html
    fat = re.search(r'<table class="fatalities">(.*?)</table>', report_html, re.S)
    assert fat is not None
    assert "Sahel Daily (2024-05-28): 17" in fat.group(1)
    assert f"{escape(HOSTILE_OUTLET)} (2024-05-27): 12" in fat.group(1)
    for label in ("Violence against civilians", "Protests", "Mali", "Kenya"):
        assert label in report_html


def test_report_claims_with_speaker_and_stance(report_html: str) -> None:
    assert "Governor of Kidal" in report_html
    assert "“that the so-called liberators looted shops”" in report_html
    assert '<span class="stance-distancing">distancing</span>' in report_html
    assert "cue “alleged”" in report_html


def test_report_framing_per_outlet(report_html: str) -> None:
    section = report_html[report_html.index("<h2>Framing per outlet</h2>"):]
    assert "Sahel Daily" in section and "scare quotes" in section and "looting" in section
    assert '<span class="tag">loot ×1</span>' in section


def test_report_is_self_contained_and_escaped(report_html: str) -> None:
    assert HOSTILE_SCRIPT not in report_html and "<img" not in report_html
    assert "<b onmouseover" not in report_html and 'href="javascript:' not in report_html
    assert "<script" not in report_html.lower() and "<svg" not in report_html
    assert "labels &lt;svg onload=alert(6)&gt;" in report_html  # the framing category, as text
    assert "<link" not in report_html and "@import" not in report_html
    assert not re.search(r'\ssrc\s*=', report_html)  # nothing loaded from anywhere
    assert "default-src 'none'" in report_html
    assert str(escape(HOSTILE_OUTLET)) in report_html  # shown, as text
    assert HOSTILE_IMG not in report_html


def test_build_caps_events(db: Path) -> None:
    with Store(db) as store:
        content = build(store, max_events=1)
    assert content["shown"] == 1 and content["total"] == 2
    assert [d["date"] for d in content["by_date"]] == ["2024-06-10"]


def test_date_window(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "day.html"
    render(db, out, date_from="2024-05-26", date_to="2024-05-26")
    text = out.read_text(encoding="utf-8")
    assert "Events dated 2024-05-26 to 2024-05-26." in text
    assert "Attack" in text and "Peaceful protest" not in text
    assert "Lake News" not in text  # framing compared over the window's source articles only
    with Store(db) as store:
        assert build(store, date_from="2024-06-01")["total"] == 1


def test_day_of_timeml_values() -> None:
    from sitrep.report.daily import day_of

    assert day_of("2024-05-26TMO") == "2024-05-26"
    assert day_of("2024-05-26T14:30") == "2024-05-26"
    assert day_of("2024-05-26") == "2024-05-26"
    assert day_of("2024-W21") == "2024-W21" and day_of(None) is None


def test_empty_store_and_missing_db(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    Store(empty).close()
    out = tmp_path / "r.html"
    render(empty, out)
    text = out.read_text(encoding="utf-8")
    assert "No events in the store." in text and "No fatalities reported." in text
    with pytest.raises(StoreError, match="E011"):
        render(tmp_path / "missing.db", tmp_path / "x.html")
    assert not (tmp_path / "missing.db").exists()


def test_cli_report(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cli.html"
    assert main(["report", "--db", str(db), "--out", str(out)]) == 0
    assert "report written" in capsys.readouterr().err
    assert "Kidal" in out.read_text(encoding="utf-8")
