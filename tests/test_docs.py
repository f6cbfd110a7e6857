"""The README is part of the contract: its commands, files and tables must stay true."""

from __future__ import annotations

import re
from pathlib import Path

from sitrep.cli import build_parser

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_the_two_setup_commands_come_first() -> None:
    first_block = re.search(r"\n    (make .+?)\n\n", README, re.S)
    assert first_block is not None
    commands = [line.split("#")[0].strip() for line in first_block.group(1).splitlines()]
    assert commands == ["make run", "make test"]
    makefile = (REPO / "Makefile").read_text()
    for target in ("run:", "test:"):
        assert re.search(rf"^{target} \$\(STAMP\)", makefile, re.M), target
    assert "-m venv $(VENV)" in makefile


def test_ci_calls_the_readme_test_command() -> None:
    assert re.search(r"^make test$", (REPO / ".ci" / "run").read_text(), re.M)


def test_every_documented_command_exists() -> None:
    documented = set(re.findall(r"^\| `sitrep (\w+)", README, re.M))
    assert {"analyze", "ingest", "events", "serve", "report", "eval", "bench", "batch"} <= documented
    parser = build_parser()
    subcommands = next(a for a in parser._actions if a.dest == "command").choices
    assert subcommands is not None
    assert documented <= set(subcommands)


def test_documented_data_files_exist() -> None:
    for name in set(re.findall(r"`(?:sitrep/data/)?([a-z_]+\.tsv)`", README)):
        assert (REPO / "sitrep" / "data" / name).is_file(), name


def test_tables_are_filled_and_dated() -> None:
    assert "ACCURACY_TABLE" not in README and "SPEED_TABLE" not in README
    assert "WORKED_EXAMPLE" not in README
    accuracy = README.split("## Accuracy", 1)[1].split("\n## ", 1)[0]
    speed = README.split("## Speed", 1)[1].split("\n## ", 1)[0]
    for section in (accuracy, speed):
        assert re.search(r"20\d\d-\d\d-\d\d", section), "a measured table says when"
        assert re.search(r"\| \d+\.\d+ \|", section), "and has numbers"
    assert "sitrep eval" in accuracy and "sitrep bench --json" in speed
