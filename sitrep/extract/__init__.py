"""Extractors, one module per question. Importing this package registers them."""

from sitrep.extract import claims, events, framing, places, times  # noqa: F401
