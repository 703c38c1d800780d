"""What a phone downloads, measured in a real browser (Debian Chromium through Playwright).

Each measurement starts with an empty cache (a new browser context), records
every response, and counts the bytes that would cross the network: bodies of
text types (HTML, CSS, JS, JSON, SVG, WebAssembly) gzip-compressed at level 6,
as a web server configured for gzip sends them; bodies that are already
compressed (Pagefind's index files are gzip inside) or binary (fonts, images,
PDFs) as they are.
"""
from __future__ import annotations

import functools
import gzip
import http.server
import socketserver
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The same browser and flags as the test fixtures (tests/conftest.py).
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True, "has_touch": True,
         "user_agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                       "Chrome/126.0 Mobile Safari/537.36"}
GZIP_LEVEL = 6
TEXT_TYPES = ("text/", "javascript", "json", "xml", "svg", "wasm", "manifest")
# The search engine and its index (not the search box's own small script and style, which every page loads).
SEARCH_MARKERS = ("/pagefind/", "search_index.json", "/workers/search", "lunr")
SEARCH_INPUT = "[data-fz-search-input], input.md-search__input"
SEARCH_TOGGLE = "label[for='__search']"
SEARCH_DONE = "[data-fz-search-results][data-query]"
RESULT_ITEM = "[data-fz-search-results] > li, .md-search-result__item"


@dataclass
class Transfer:
    """Responses recorded during one measurement."""

    items: list[dict[str, Any]] = field(default_factory=list)

    def add(self, url: str, content_type: str, body: bytes) -> None:
        self.items.append({"url": url, "type": content_type, "raw": len(body), "sent": sent_bytes(content_type, body)})

    def summary(self, base: str) -> dict[str, Any]:
        by_kind: dict[str, int] = {}
        for item in self.items:
            kind = _kind(item["url"], item["type"])
            by_kind[kind] = by_kind.get(kind, 0) + item["sent"]
        return {"bytes": sum(i["sent"] for i in self.items), "raw_bytes": sum(i["raw"] for i in self.items),
                "requests": len(self.items), "by_kind": by_kind,
                "files": [{**i, "url": i["url"].removeprefix(base)} for i in self.items]}


def sent_bytes(content_type: str, body: bytes) -> int:
    """Bytes on the wire for a body: gzip for text types, as-is for compressed or binary data."""
    if body[:2] == b"\x1f\x8b":
        return len(body)
    if any(t in content_type for t in TEXT_TYPES):
        return len(gzip.compress(body, GZIP_LEVEL, mtime=0))
    return len(body)


def _kind(url: str, content_type: str) -> str:
    path = url.split("?", 1)[0].lower()
    for kind, ends in (("font", (".woff2", ".woff", ".ttf", ".otf")),
                       ("image", (".png", ".jpg", ".jpeg", ".svg", ".webp", ".gif", ".ico")),
                       ("css", (".css",)), ("js", (".js", ".mjs")),
                       ("search-index", (".pf_meta", ".pf_index", ".pf_fragment", ".pagefind", "pagefind-entry.json"))):
        if path.endswith(ends):
            return kind
    return "html" if "html" in content_type else content_type.split(";")[0] or "other"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served(folder: Path, handler: type[http.server.SimpleHTTPRequestHandler] | None = None) -> Iterator[str]:
    """The folder on a localhost HTTP server (plain static files unless a handler class is given);
    yields its base URL (no trailing slash)."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0),
                                             functools.partial(handler or _Quiet, directory=str(folder)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def measure_site(site: Path, case_path: str | None, query: str) -> dict[str, Any]:
    """Home page, a case page (if given) and a first search, each on a cold cache."""
    from playwright.sync_api import sync_playwright

    with served(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            out: dict[str, Any] = {"home": _page_load(browser, base, "/")}
            out["case"] = _page_load(browser, base, "/" + case_path) if case_path else None
            out["search"] = _first_search(browser, base, query)
        finally:
            browser.close()
    return out


def _page_load(browser: Any, base: str, path: str) -> dict[str, Any]:
    context = browser.new_context(**PHONE)
    try:
        page, responses = context.new_page(), []
        page.on("response", lambda r: responses.append(r))
        page.goto(base + path, wait_until="networkidle")
        status = page.evaluate("() => document.title")
        summary = _transfer(responses).summary(base)
        summary.update(path=path, title=status,
                       search_requests=[f["url"] for f in summary["files"] if _is_search(f["url"])])
        return summary
    finally:
        context.close()


def _is_search(url: str) -> bool:
    return any(marker in url for marker in SEARCH_MARKERS)


def _first_search(browser: Any, base: str, query: str) -> dict[str, Any]:
    """Open the home page, then count what is fetched from opening the search box to the first results."""
    context = browser.new_context(**PHONE)
    try:
        page, responses = context.new_page(), []
        page.on("response", lambda r: responses.append(r))
        page.goto(base + "/", wait_until="networkidle")
        before, responses[:] = _transfer(responses), []
        start = time.perf_counter()
        toggle = page.locator(SEARCH_TOGGLE).first
        if toggle.count() and toggle.is_visible():
            toggle.click()
        box = page.locator(SEARCH_INPUT).first
        box.click()
        box.fill(query)
        found = _wait_results(page, query)
        ms = (time.perf_counter() - start) * 1000  # opening the box to its first results, typing included
        page.wait_for_load_state("networkidle")
        summary = _transfer(responses).summary(base)
        summary.update(query=query, results=found, ms_to_results=round(ms),
                       fetched_before_search=[i["url"].removeprefix(base) for i in before.items if _is_search(i["url"])])
        return summary
    finally:
        context.close()


def _transfer(responses: list[Any]) -> Transfer:
    """The recorded responses with their bodies (read after loading, while the page is still open)."""
    transfer = Transfer()
    for response in responses:
        try:
            body = response.body()
        except Exception:  # redirects and aborted requests have no body
            body = b""
        transfer.add(response.url, response.headers.get("content-type", ""), body)
    return transfer


def _wait_results(page: Any, query: str) -> int:
    """Results shown for the query (waits for the search box to say it is done)."""
    try:
        page.wait_for_selector(f"{SEARCH_DONE}[data-query='{query}']", state="attached", timeout=30_000)
    except Exception:  # another search UI: wait for any result item
        page.wait_for_selector(RESULT_ITEM, timeout=30_000)
    return page.locator(RESULT_ITEM).count()
