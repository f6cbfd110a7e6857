"""HTML pages (.html, .htm, .xhtml) through trafilatura: boilerplate removed, metadata kept
(title, author, date, canonical url, site name as the outlet, ``<html lang>`` as the language).

Also the HTML-to-text path for HTML *fragments* (feed entry bodies), which are already the
article and must not go through boilerplate removal (it would throw short bodies away).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sitrep.errors import Code, InputError
from sitrep.ingest.base import Reader, make_article, read_bytes
from sitrep.ingest.decode import bom_encoding
from sitrep.model import Article

log = logging.getLogger(__name__)

EXTENSIONS = frozenset({".html", ".htm", ".xhtml", ".shtml"})

# Elements whose content is never article text. trafilatura drops most of them itself; removing
# them before extraction also keeps them out of its fallback extractors (which kept <noscript>).
_NEVER_TEXT = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas")
# Block-level elements after which a fragment's text gets a line break.
_BLOCKS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
    "tr", "table", "section", "article", "header", "footer", "figure", "figcaption", "dd", "dt",
    "hr",
})
# Fewer words than this is navigation residue ("Home", "Page not found"), not an article: the
# shortest news brief, a one-sentence item, has well over five words. Chosen, not tuned: the
# only calibration is tests/fixtures/ingest/no_body.html (a page whose only text is a nav link).
MIN_BODY_WORDS = 5
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n\s*")
_TAG = re.compile(r"<[^>]*>?")
# The start of an HTML document: optional BOM, XML declaration, comments, then the doctype or
# one of the top elements.
_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    rb"<(?:!doctype\s+html|html|head|body|meta|title)[\s>]",
    re.IGNORECASE | re.DOTALL,
)


def looks_like_html(head: bytes) -> bool:
    return _HTML_START.match(head[:4096]) is not None


def _quiet_trafilatura() -> None:
    """trafilatura logs an ERROR for every page it cannot parse; each such page already becomes
    our E005, so its own message is noise. Left alone if the user configured that logger."""
    lib = logging.getLogger("trafilatura")
    if lib.level == logging.NOTSET:
        lib.setLevel(logging.CRITICAL)


def _strip_never_text(tree: Any) -> None:
    from lxml import etree

    # Removes the elements with their content but keeps the text that follows them.
    etree.strip_elements(tree, etree.Comment, *_NEVER_TEXT, with_tail=False)


def _prepare(data: bytes | str, path: str) -> bytes | str:
    """Refuse binary input (E002) and decode BOM-marked UTF-16/32, which lxml would misread."""
    if isinstance(data, str):
        return data
    found = bom_encoding(data)
    if found is not None:
        encoding, skip = found
        try:
            return data[skip:].decode(encoding)
        except UnicodeDecodeError:
            raise InputError(Code.E003, path=path) from None
    if b"\x00" in data[:65_536]:
        raise InputError(Code.E002, path=path)
    return data


def _page_language(tree: Any) -> str | None:
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    return lang if isinstance(lang, str) and lang.strip() else None


def html_to_article(
    data: bytes | str,
    source_path: str | Path,
    *,
    url: str | None = None,
    published: str | None = None,
) -> Article:
    """Extract one article from a whole HTML page. ``url`` (where the page was fetched) wins
    over the page's canonical link; ``published`` is used when the page states no date.
    Raises E005 when there is no article body."""
    import trafilatura
    from trafilatura.utils import load_html

    _quiet_trafilatura()
    path = str(source_path)
    prepared = _prepare(data, path)
    try:
        tree = load_html(prepared)
        if tree is None:
            raise InputError(Code.E005, path=path)
        language = _page_language(tree)
        _strip_never_text(tree)
        doc = trafilatura.bare_extraction(
            tree, url=url, with_metadata=True, include_comments=False, include_tables=True
        )
    except InputError:
        raise
    except Exception as exc:  # lxml/trafilatura raise many types on hostile markup
        log.info("HTML extraction failed for %s: %r", path, exc)
        raise InputError(Code.E005, path=path) from exc
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or len(text.split(None, MIN_BODY_WORDS)) < MIN_BODY_WORDS:
        raise InputError(Code.E005, path=path)
    page_url = url or getattr(doc, "url", None)
    outlet = getattr(doc, "sitename", None) or _hostname(page_url)
    return make_article(
        text,
        path,
        url=page_url,
        outlet=outlet,
        title=getattr(doc, "title", None),
        author=getattr(doc, "author", None),
        published=getattr(doc, "date", None) or published,
        language=language,
    )


def _hostname(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: scripts, styles and comments dropped, a line break after
    each block element, runs of spaces collapsed. Text without markup comes back stripped."""
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # an unparseable fragment: drop anything tag-like, keep the words
        return _SPACES.sub(" ", _TAG.sub(" ", fragment)).strip()
    _strip_never_text(root)
    # Iterative, not recursive: hostile markup nested thousands deep must not hit the
    # recursion limit.
    for el in root.iter():
        if el.tag in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
    text = "".join(root.itertext())
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def from_bytes(data: bytes, source_path: str | Path) -> Reader:
    yield html_to_article(data, source_path)


def read(path: Path) -> Reader:
    return from_bytes(read_bytes(path), path)
