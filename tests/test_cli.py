"""The CLI contract of DESIGN.md: commands, output streams and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sitrep.cli import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, build_parser, main

ARTICLE = """date 2024-04-02
outlet Test Wire (test fixture)
url https://example.org/test/1

Gunmen ambushed an army convoy near Gao on Monday, killing four soldiers, the army said.
"""


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sitrep", *args], capture_output=True, text=True,
                          timeout=300)


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["no-such-command"])
    assert info.value.code == EXIT_USAGE
    with pytest.raises(SystemExit) as info:
        main(["events", "--format", "xml"])
    assert info.value.code == EXIT_USAGE
    assert "usage:" in capsys.readouterr().err


def test_every_design_command_exists() -> None:
    parser = build_parser()
    for argv in (["analyze", "a.txt", "--format", "table"], ["ingest", "p", "--db", "x.db", "--workers", "2"],
                 ["events", "--db", "x.db", "--format", "geojson"], ["serve", "--db", "x.db"],
                 ["report", "--db", "x.db", "--out", "r.html"], ["eval", "time", "g.jsonl", "--json"],
                 ["bench", "--json"], ["batch", "in", "--scheduler", "tcp://h:8786"]):
        assert parser.parse_args(argv).command == argv[0]


def test_eval_unknown_task_and_missing_file_are_usage_errors(tmp_path: Path) -> None:
    gold = tmp_path / "g.jsonl"
    gold.write_text("")
    assert main(["eval", "nonsense", str(gold), "--json"]) == EXIT_USAGE
    assert main(["eval", "time", str(tmp_path / "missing.jsonl"), "--json"]) == EXIT_USAGE


def test_analyze_prints_json_on_stdout(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    proc = _run("analyze", str(path), "--format", "json")
    assert proc.returncode == EXIT_OK, proc.stderr
    data = json.loads(proc.stdout)
    assert data["article"]["published"] == "2024-04-02"
    assert data["article"]["text"].startswith("Gunmen ambushed")


def test_analyze_with_one_bad_file_still_analyses_the_rest(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    bad = tmp_path / "junk.txt"
    bad.write_bytes(b"\x00\x01\x02\xff" * 200)
    proc = _run("analyze", str(good), str(bad), "--format", "json")
    assert proc.returncode == EXIT_SOME_FAILED
    assert "junk.txt" in proc.stderr
    assert json.loads(proc.stdout)["article"]["outlet"] == "Test Wire (test fixture)"


def test_seed_article_header_becomes_metadata(seed_path: Path) -> None:
    proc = _run("analyze", str(seed_path), "--format", "json")
    assert proc.returncode == EXIT_OK, proc.stderr
    article = json.loads(proc.stdout)["article"]
    assert article["published"] == "2022-08-24"
    assert not article["text"].startswith("date")
    assert "2022-08-24" not in article["text"].splitlines()[0]


def test_ingest_then_events_csv_and_idempotent(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    db = tmp_path / "s.db"
    first = _run("ingest", str(tmp_path / "in"), "--db", str(db), "--no-progress")
    assert first.returncode == EXIT_SOME_FAILED and "empty.txt" in first.stderr
    second = _run("ingest", str(tmp_path / "in" / "a.txt"), "--db", str(db), "--no-progress")
    assert second.returncode == EXIT_OK
    assert "1 already present" in second.stderr
    csv_out = _run("events", "--db", str(db), "--format", "csv")
    assert csv_out.returncode == EXIT_OK
    assert csv_out.stdout.splitlines()[0].startswith("event_id_cnty,event_date,year,time_precision")


def test_doctor_reports_model_and_gazetteer() -> None:
    proc = _run("doctor")
    assert proc.returncode == EXIT_OK, proc.stderr
    report = json.loads(proc.stdout)
    assert report["model"]["version"] == "3.8.0" and report["model"]["ok"]
    assert report["gazetteer"]["ok"]
