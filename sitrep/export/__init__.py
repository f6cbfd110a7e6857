"""Exports of the event ledger, one module per format, each with ``write(events, out)``:
``acled_csv`` (ACLED's columns and codes), ``json_export``, ``geojson``, ``parquet``."""
