"""The pages as a real browser sees them: uvicorn on 127.0.0.1 (a free port, in a thread) and
headless Chromium dumping the DOM and taking a screenshot. Skips when Chromium is absent."""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
uvicorn = pytest.importorskip("uvicorn")

from test_web import HOSTILE_SCRIPT, TEXT_A, make_store  # noqa: E402

from sitrep.web.app import LOOPBACK_HOSTS, create_app  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]

pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and shutil.which(CHROMIUM)), reason="chromium is not installed"
)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = make_store(tmp_path_factory.mktemp("browser") / "web.db")
    port = _free_port()
    app = create_app(db, allowed_hosts=list(LOOPBACK_HOSTS))  # as `sitrep serve` configures it
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def profile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("chromium-profile")


def _chromium(profile: Path, *args: str) -> str:
    proc = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--window-size=1300,1000", *args],
        capture_output=True, text=True, timeout=90, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def _dom(profile: Path, url: str) -> str:
    return _chromium(profile, "--dump-dom", url)


def _no_injected_elements(dom: str) -> None:
    # Had any hostile text been inserted as HTML, the parser would have built these elements.
    assert "<script" not in dom.lower()
    assert "<img" not in dom.lower()
    assert "<svg" not in dom.lower()
    assert "<b onmouseover" not in dom
    assert 'href="javascript:' not in dom


def test_events_page_in_browser(base_url: str, profile_dir: Path) -> None:
    dom = _dom(profile_dir, f"{base_url}/events?country=ML")
    assert "<h1>Events</h1>" in dom
    assert dom.count('data-event-id="') == 1
    assert "Kidal, Mali" in dom and "Kisumu" not in dom
    assert '<option value="ML" selected="">' in dom  # the filter form keeps its state
    _no_injected_elements(dom)


def test_article_page_in_browser(base_url: str, profile_dir: Path, tmp_path: Path) -> None:
    from sitrep.model import Article

    url = f"{base_url}/articles/{Article.make_id(TEXT_A)}"
    dom = _dom(profile_dir, url)
    _no_injected_elements(dom)
    # The hostile markup is there as visible text (escaped in the serialised DOM).
    assert HOSTILE_SCRIPT.replace("<", "&lt;").replace(">", "&gt;") in dom
    assert 'class="hl-event"' in dom and 'class="hl-place"' in dom and 'class="hl-framing"' in dom
    shot = tmp_path / "article.png"
    _chromium(profile_dir, f"--screenshot={shot}", url)
    assert shot.is_file() and shot.stat().st_size > 10_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_event_and_outlet_pages_in_browser(base_url: str, profile_dir: Path) -> None:
    import json
    import urllib.request

    with urllib.request.urlopen(f"{base_url}/api/events?type=Violence+against+civilians") as r:
        (event,) = json.load(r)["events"]
    dom = _dom(profile_dir, f"{base_url}/events/{event['id']}")
    _no_injected_elements(dom)
    assert "Sources side by side" in dom
    assert dom.count('class="card source"') == 2
    assert 'class="contested"' in dom
    dom = _dom(profile_dir, f"{base_url}/outlets")
    _no_injected_elements(dom)
    assert "Sahel Daily" in dom and "Outlets compared" in dom


def test_foreign_host_header_rejected(base_url: str) -> None:
    import urllib.error
    import urllib.request

    req = urllib.request.Request(f"{base_url}/api/summary", headers={"Host": "rebind.example"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req)
    assert err.value.code == 400
