from __future__ import annotations

import pytest

from sitrep import registry
from sitrep.errors import RegistryError
from sitrep.pipeline import DEFAULT_EXTRACTORS


def test_default_extractors_are_registered_with_versions() -> None:
    for name in DEFAULT_EXTRACTORS:
        step = registry.get(name)
        assert step.name == name and name.rsplit(".", 1)[1].startswith("v")


def test_requirements_are_assigned_by_earlier_steps() -> None:
    assigned: set[str] = set()
    for name in DEFAULT_EXTRACTORS:
        step = registry.get(name)
        assert set(step.requires) <= assigned, name
        assigned.add(step.assigns)


def test_unknown_extractor_is_an_error() -> None:
    with pytest.raises(RegistryError, match="E050"):
        registry.get("nonexistent.v9")
