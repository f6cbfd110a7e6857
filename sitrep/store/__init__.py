"""sitrep.store: the SQLite article and event store."""

from sitrep.store.db import Store
from sitrep.store.migrations import LATEST_VERSION

__all__ = ["LATEST_VERSION", "Store"]
