"""Driving the site's own search box in a real browser, as a student does."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

QUERIES = Path(__file__).with_name("queries.yml")
INPUT = "[data-fz-search-input]"
RESULTS = "[data-fz-search-results]"
PAGE_LINKS = f"{RESULTS} a[data-fz-page]"
FILTER = "[data-fz-search-filter]"
TIMEOUT_MS = 10_000

# Done when the list says it shows this query's results and is no longer busy.
_SHOWN = """([q, sel]) => { const l = document.querySelector(sel);
  return !!l && l.dataset.query === q && l.getAttribute('aria-busy') === 'false'; }"""


KINDS = ("keyword", "mixed", "sentence", "distress", "pinyin")


@dataclass(frozen=True)
class Query:
    """One line of the query set: what a student types and the pages that answer it (best first)."""

    query: str
    pages: tuple[str, ...]
    kind: str
    why: str = ""

    @property
    def page(self) -> str:
        return self.pages[0]


def load_queries(path: Path = QUERIES) -> list[Query]:
    """The query set from a queries YAML file (`page: x` is the same as `pages: [x]`)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for q in data["queries"]:
        pages = q.get("pages") or [q["page"]]
        kind = str(q.get("kind", "keyword"))
        assert kind in KINDS, f"{path.name}: {q['query']!r} has kind {kind!r}, not one of {KINDS}"
        out.append(Query(str(q["query"]), tuple(str(p) for p in pages), kind, str(q.get("why", ""))))
    return out


# Types each query into the open box (value + input event, as a phone keyboard commits a word),
# waits until the list says it shows that query, and reads the result links: the whole query set
# in one page and one call.
_RUN_ALL = """async ([queries, sel, timeout]) => {
  const input = document.querySelector('[data-fz-search-input]');
  const list = document.querySelector(sel);
  const out = [];
  for (const q of queries) {
    const start = performance.now();
    input.value = q;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    while (!(list.dataset.query === q.trim() && list.getAttribute('aria-busy') === 'false')) {
      if (performance.now() - start > timeout) throw new Error('no results shown for ' + q);
      await new Promise((r) => setTimeout(r, 10));
    }
    out.push({ hrefs: [...list.querySelectorAll('a[data-fz-page]')].map((a) => a.href),
               ms: performance.now() - start });
    input.value = '';
  }
  return out;
}"""


def run_queries(page: Any, queries: list[str], base: str) -> list[tuple[list[str], float]]:
    """Every query through the open box in this page: (result site paths in order, seconds to results)."""
    rows = page.evaluate(_RUN_ALL, [queries, RESULTS, TIMEOUT_MS])
    return [([site_path(h, base) for h in r["hrefs"]], r["ms"] / 1000) for r in rows]


def rank_report(queries: list[Query], shown: list[tuple[list[str], float]], top: int) -> tuple[dict[str, Any], str]:
    """Hit rate in the top `top`, mean reciprocal rank, emergency-first misses: figures and a report."""
    lines, hits, rr, by_kind = [], 0, 0.0, {}
    for q, (pages, _) in zip(queries, shown):
        rank = next((i + 1 for i, p in enumerate(pages) if p in q.pages), None)
        hit = rank is not None and rank <= top
        hits += hit
        rr += 1 / rank if rank else 0.0
        k = by_kind.setdefault(q.kind, [0, 0])
        k[0] += hit
        k[1] += 1
        lines.append(f"{'ok  ' if hit else 'MISS'} {q.kind:<8} {q.query!r:<26} rank {rank or '-':<3} "
                     f"want {q.pages[0]:<42} got {pages[:top]}")
    n = len(queries)
    figures = {"hits": hits, "n": n, "rate": hits / n, "mrr": rr / n,
               "slowest": max((s for _, s in shown), default=0.0), "by_kind": by_kind}
    kinds = ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(by_kind.items()))
    lines.append(f"search hit rate: {hits}/{n} = {hits / n:.1%} in the top {top}; mean reciprocal rank "
                 f"{rr / n:.3f}; by kind: {kinds}; slowest query to results {figures['slowest']:.2f} s")
    return figures, "\n".join(lines)


def site_path(url: str, base: str) -> str:
    """`http://127.0.0.1:1234/cases/x/?pagefind-highlight=y#z` → `/cases/x/`."""
    path = urlsplit(url).path
    prefix = urlsplit(base).path.rstrip("/")
    return path[len(prefix):] if prefix and path.startswith(prefix) else path


def open_box(page: Any) -> None:
    """Open the search box with the keyboard shortcut, as Material users do."""
    page.locator("body").click(position={"x": 5, "y": 300})  # focus the page, not a field
    page.keyboard.press("/")
    page.wait_for_function("document.activeElement && document.activeElement.matches('[data-fz-search-input]')",
                           timeout=TIMEOUT_MS)


def type_query(page: Any, query: str) -> float:
    """Clear the box, type `query` key by key, wait for its results; seconds from first key to results."""
    box = page.locator(INPUT)
    box.fill("")
    start = time.perf_counter()
    box.press_sequentially(query)
    page.wait_for_function(_SHOWN, arg=[query, RESULTS], timeout=TIMEOUT_MS)
    return time.perf_counter() - start


def result_pages(page: Any, base: str) -> list[str]:
    """Site paths of the results shown, in order."""
    hrefs = page.eval_on_selector_all(PAGE_LINKS, "els => els.map(e => e.href)")
    return [site_path(h, base) for h in hrefs]


@dataclass
class Transfer:
    """Requests made by the search box and their sizes."""

    urls: list[str] = field(default_factory=list)
    bytes: int = 0


def record_transfer(page: Any, match: str = "/pagefind/") -> Transfer:
    """Count every finished request whose URL contains `match`: bytes on the wire (headers + body)."""
    seen = Transfer()

    def on_finished(request: Any) -> None:
        if match in request.url:
            sizes = request.sizes()
            seen.urls.append(request.url)
            seen.bytes += sizes["responseBodySize"] + sizes["responseHeadersSize"]

    page.on("requestfinished", on_finished)
    return seen
