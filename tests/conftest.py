"""Shared fixtures. The gold data and the seed article live in ../shared beside the repo;
tests that need them skip cleanly when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "000_b302d9e3fbb8e487.txt"
EVAL = SHARED / "eval"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.is_file():
        pytest.skip("../shared/seed is not present")
    return SEED


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    if not EVAL.is_dir():
        pytest.skip("../shared/eval is not present")
    return EVAL


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from sitrep import nlp as nlp_module

    return nlp_module.load()
