"""``sitrep serve``: a small, offline, server-rendered web UI over a sitrep store.

Pages: ``/`` (summary), ``/events`` (filter by type, country, dates, text), ``/events/{id}``
(sources side by side with the sentences that support each field), ``/articles`` and
``/articles/{id}`` (text with every extracted span highlighted), ``/outlets`` (framing profile
per outlet). JSON mirrors under ``/api/...``. The app only reads the store.

Security: binds to 127.0.0.1 by default and then accepts only loopback Host headers (a page on
another site cannot reach it through DNS rebinding); every response forbids scripts, frames and
remote resources through Content-Security-Policy (the UI uses no JavaScript at all); all text is
escaped by the templates; SQL goes through ``Store``'s parameterised queries.
"""

from __future__ import annotations

import io
import sys
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.middleware.trustedhost import TrustedHostMiddleware

from sitrep.errors import Code, StoreError
from sitrep.store import Store
from sitrep.web.profiles import outlet_profiles, summary
from sitrep.web.render import render_template
from sitrep.web.views import EventFilters, Views

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
# Filter values: ISO date prefixes (2024, 2024-05, 2024-05-26) or empty; ISO alpha-2 countries.
DATE_RE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"
COUNTRY_RE = r"^([A-Za-z]{2})?$"
PAGE_SIZE = 100
MAX_LIMIT = 1000

DateParam = Annotated[str | None, Query(pattern=DATE_RE, max_length=10)]
CountryParam = Annotated[str | None, Query(pattern=COUNTRY_RE, max_length=2)]
TextParam = Annotated[str | None, Query(max_length=200)]
LimitParam = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
OffsetParam = Annotated[int, Query(ge=0)]


class _Stores:
    """One read connection per worker thread (sqlite3 connections stay in their thread), opened
    on first use and reused, so the store's migration check runs once per thread, not per
    request."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._local = threading.local()
        self._all: list[Store] = []
        self._lock = threading.Lock()

    def get(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.path)
            self._local.store = store
            with self._lock:
                self._all.append(store)
        return store

    def close(self) -> None:
        # Connections belong to their threads; closing from here is best effort at shutdown.
        with self._lock:
            for store in self._all:
                try:
                    store.conn.close()
                except Exception:  # another thread's connection may refuse; shutting down anyway
                    pass
            self._all.clear()


class _Memo:
    """Whole-store aggregates (summary, outlet profiles) cost a pass over every event or
    article; they are kept until the database files change. The key is the size and mtime of
    the database and its WAL file, which any write (ingest, event rebuild, checkpoint) moves."""

    def __init__(self, path: Path) -> None:
        self.paths = (path, path.with_name(path.name + "-wal"))
        self._values: dict[str, tuple[tuple[int, ...], Any]] = {}
        self._lock = threading.Lock()

    def _version(self) -> tuple[int, ...]:
        out: list[int] = []
        for p in self.paths:
            try:
                st = p.stat()
                out += [st.st_mtime_ns, st.st_size]
            except OSError:
                out += [0, 0]
        return tuple(out)

    def get(self, name: str, compute: Callable[[], Any]) -> Any:
        version = self._version()
        with self._lock:
            hit = self._values.get(name)
        if hit is not None and hit[0] == version:
            return hit[1]
        value = compute()
        with self._lock:
            self._values[name] = (version, value)
        return value


def create_app(db_path: str | Path, *, allowed_hosts: list[str] | None = None) -> FastAPI:
    """The web app over the store at ``db_path`` (which must exist: serving a typo'd path must
    not silently create an empty database). ``allowed_hosts``: Host headers to accept (None:
    any, for tests and reverse proxies)."""
    path = Path(db_path)
    if not path.is_file():
        raise StoreError(Code.E011, path=str(path))
    stores = _Stores(str(path))
    memo = _Memo(path)
    app = FastAPI(title="sitrep", docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.state.stores = stores
    app.router.on_shutdown.append(stores.close)
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    def views() -> Views:
        return Views(stores.get())

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(render_template(name, db=path.name, **context), status_code=status)

    def store_summary() -> dict[str, Any]:
        def compute() -> dict[str, Any]:
            store = stores.get()
            return summary(store.events(), store.counts())

        result: dict[str, Any] = memo.get("summary", compute)
        return result

    def profiles() -> dict[str, Any]:
        result: dict[str, Any] = memo.get("outlets", lambda: outlet_profiles(stores.get().analyses()))
        return result

    def not_found(what: str, ident: str) -> HTMLResponse:
        return page("error.html", status=404, title="Not found",
                    message=f"No {what} with id {ident!r} in this store.")

    # --- HTML pages ----------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse)
    def index() -> HTMLResponse:
        return page("index.html", title="Summary", summary=store_summary())

    @app.get("/events", response_class=HTMLResponse)
    def events_page(
        type: TextParam = None, country: CountryParam = None, date_from: DateParam = None,
        date_to: DateParam = None, q: TextParam = None, offset: OffsetParam = 0,
    ) -> HTMLResponse:
        flt = _filters(type, country, date_from, date_to, q, PAGE_SIZE, offset)
        params = {"type": type, "country": flt.country, "date_from": date_from,
                  "date_to": date_to, "q": q}
        v = views()
        return page("events.html", title="Events", result=v.events(flt), params=params,
                    facets=v.store.facets())

    @app.get("/events/{event_id}", response_class=HTMLResponse)
    def event_page(event_id: str) -> HTMLResponse:
        event = views().event(event_id)
        if event is None:
            return not_found("event", event_id)
        return page("event.html", title=f"{event['sub_event_type']} {event['date'] or ''}", event=event)

    @app.get("/articles", response_class=HTMLResponse)
    def articles_page(
        q: TextParam = None, outlet: TextParam = None, offset: OffsetParam = 0
    ) -> HTMLResponse:
        v = views()
        result = v.articles(q=q, outlet=outlet, limit=PAGE_SIZE, offset=offset)
        return page("articles.html", title="Articles", result=result,
                    params={"q": q, "outlet": outlet}, facets=v.store.facets())

    def article_view(article_id: str) -> dict[str, Any] | None:
        """The article with its own framing/stance profile (the outlet profile of one article)."""
        v = views()
        article = v.article(article_id)
        analysis = v.analysis(article_id)
        if article is not None and analysis is not None:
            outlets = outlet_profiles([analysis])["outlets"]
            article["profile"] = outlets[0] if outlets else None
        return article

    @app.get("/articles/{article_id}", response_class=HTMLResponse)
    def article_page(article_id: str) -> HTMLResponse:
        article = article_view(article_id)
        if article is None:
            return not_found("article", article_id)
        return page("article.html", title=article["title"] or article["id"], article=article)

    @app.get("/outlets", response_class=HTMLResponse)
    def outlets_page() -> HTMLResponse:
        return page("outlets.html", title="Outlets", profiles=profiles())

    # --- JSON API ------------------------------------------------------------------------------

    @app.get("/api/summary")
    def api_summary() -> dict[str, Any]:
        return store_summary()

    @app.get("/api/events")
    def api_events(
        type: TextParam = None, sub_type: TextParam = None, country: CountryParam = None,
        date_from: DateParam = None, date_to: DateParam = None, q: TextParam = None,
        limit: LimitParam = PAGE_SIZE, offset: OffsetParam = 0,
    ) -> dict[str, Any]:
        flt = _filters(type, country, date_from, date_to, q, limit, offset)
        flt.sub_event_type = sub_type or None
        return views().events(flt)

    @app.get("/api/events.csv")
    def api_events_csv(
        type: TextParam = None, sub_type: TextParam = None, country: CountryParam = None,
        date_from: DateParam = None, date_to: DateParam = None, q: TextParam = None,
    ) -> Response:
        """The filtered events with ACLED's column names (``sitrep events --format csv``)."""
        from sitrep.export import acled_csv

        flt = _filters(type, country, date_from, date_to, q, MAX_LIMIT, 0)
        flt.sub_event_type = sub_type or None
        return _download(acled_csv.write, views().all_events(flt), "text/csv; charset=utf-8",
                         "sitrep-events.csv")

    @app.get("/api/events.geojson")
    def api_events_geojson(
        type: TextParam = None, sub_type: TextParam = None, country: CountryParam = None,
        date_from: DateParam = None, date_to: DateParam = None, q: TextParam = None,
    ) -> Response:
        """The filtered events that have coordinates, as a GeoJSON FeatureCollection."""
        from sitrep.export import geojson

        flt = _filters(type, country, date_from, date_to, q, MAX_LIMIT, 0)
        flt.sub_event_type = sub_type or None
        return _download(geojson.write, views().all_events(flt), "application/geo+json",
                         "sitrep-events.geojson")

    @app.get("/api/events/{event_id}")
    def api_event(event_id: str) -> dict[str, Any]:
        event = views().event(event_id)
        if event is None:
            raise HTTPException(status_code=404, detail=f"no event {event_id!r}")
        return event

    @app.get("/api/articles")
    def api_articles(
        q: TextParam = None, outlet: TextParam = None, limit: LimitParam = PAGE_SIZE,
        offset: OffsetParam = 0,
    ) -> dict[str, Any]:
        return views().articles(q=q, outlet=outlet, limit=limit, offset=offset)

    @app.get("/api/articles/{article_id}")
    def api_article(article_id: str) -> dict[str, Any]:
        article = article_view(article_id)
        if article is None:
            raise HTTPException(status_code=404, detail=f"no article {article_id!r}")
        return article

    @app.get("/api/outlets")
    def api_outlets() -> dict[str, Any]:
        return profiles()

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/index.html", include_in_schema=False)
    def index_alias() -> RedirectResponse:
        return RedirectResponse("/")

    @app.exception_handler(RequestValidationError)
    def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        # The API answers like FastAPI does; a page shows the problem in words instead of JSON.
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)
        problems = "; ".join(
            f"{'.'.join(str(x) for x in e.get('loc', ())[1:])}: {e.get('msg', '')}" for e in exc.errors()
        )
        return page("error.html", status=422, title="Invalid filter", message=problems)

    @app.exception_handler(StoreError)
    def store_error(request: Request, exc: StoreError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=503)
        return page("error.html", status=503, title="Store error", message=str(exc))

    return app


def _filters(
    event_type: str | None, country: str | None, date_from: str | None, date_to: str | None,
    q: str | None, limit: int, offset: int,
) -> EventFilters:
    return EventFilters(
        event_type=event_type or None, country=country.upper() if country else None,
        date_from=date_from or None, date_to=_inclusive_end(date_to), q=q or None,
        limit=limit, offset=offset,
    )


def _download(write: Callable[[Any, Any], Any], events: Any, media_type: str,
              filename: str) -> Response:
    """An export written by ``write(events, stream)`` as a file download."""
    buf = io.StringIO()
    write(events, buf)
    return Response(buf.getvalue(), media_type=media_type,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _inclusive_end(date_to: str | None) -> str | None:
    """"to 2024-05" means through the end of May: stored dates are ISO strings that compare in
    date order, so a bound is padded to the last string of its period. TimeML values may carry
    a time of day after the date ("2024-05-31TMO", "2024-05-31T14:00"): "~" sorts after every
    such suffix, so those stay inside the bound too."""
    if not date_to:
        return None
    if len(date_to) == 4:
        return date_to + "-12-31~"
    if len(date_to) == 7:
        return date_to + "-31~"
    return date_to + "~"


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8765) -> None:
    """Run the app with uvicorn until interrupted. On a loopback address, only loopback Host
    headers are accepted; binding elsewhere is the user's explicit choice."""
    import uvicorn

    allowed = [*LOOPBACK_HOSTS] if host in LOOPBACK_HOSTS else None
    app = create_app(db_path, allowed_hosts=allowed)
    print(f"sitrep: serving {db_path} on http://{host}:{port}/ (Ctrl-C to stop)", file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=False,
                server_header=False)
