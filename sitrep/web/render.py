"""The Jinja2 environment shared by the web pages and the HTML report.

Autoescape is on for every template, whatever its name: article text, titles, outlet names and
speaker names are all untrusted. The only ``Markup`` the templates receive comes from
``highlight`` (which escapes every piece of text itself).
"""

from __future__ import annotations

import functools
from typing import Any
from urllib.parse import urlencode

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from sitrep.web.highlight import Mark, highlight, highlight_at
from sitrep.web.views import country_name

# Links to these schemes only: an article URL like ``javascript:...`` from a hostile feed must
# not become a clickable link.
SAFE_SCHEMES = ("http://", "https://")


def _marks(items: list[dict[str, Any]]) -> list[Mark]:
    return [
        Mark(int(m["start"]), int(m["end"]), str(m["kind"]), str(m.get("label") or ""),
             str(m.get("extra") or ""))
        for m in items
    ]


def hl(text: str, marks: list[dict[str, Any]]) -> Markup:
    """A whole text with its marks highlighted (offsets into ``text``)."""
    return highlight(text, _marks(marks))


def hl_sentence(sentence: dict[str, Any] | None, marks: list[dict[str, Any]]) -> Markup:
    """A sentence span dict (article offsets) with the marks that fall inside it."""
    if not sentence:
        return Markup("")
    return highlight_at(str(sentence["text"]), int(sentence["start"]), _marks(marks))


def safe_url(url: str | None) -> str | None:
    if url and url.strip().lower().startswith(SAFE_SCHEMES):
        return url.strip()
    return None


def query(params: dict[str, Any], **changes: Any) -> str:
    """A query string with ``changes`` applied and empty values dropped (pagination links)."""
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


def value_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3g}"
    return str(value)


@functools.lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=ChoiceLoader([
            PackageLoader("sitrep", "web/templates"),
            PackageLoader("sitrep", "report/templates"),
        ]),
        autoescape=True,
        undefined=StrictUndefined,  # a typo in a template fails the test, not silently blank
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        hl=hl, hl_sentence=hl_sentence, safe_url=safe_url, query=query, country_name=country_name,
    )
    env.filters["v"] = value_text
    env.filters["label"] = lambda name: str(name).replace("_", " ")
    return env


def render_template(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)
