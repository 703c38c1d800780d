"""Page quality as a phone sees it: Lighthouse scores and axe-core violations per page type.

The built site is served from loopback with gzip (as a web server configured for it
sends text), and each page type is measured:

- Lighthouse (npm, pinned in package.json), mobile form factor with its default
  simulated throttling, categories performance, accessibility, best practices and SEO,
  plus CLS; run `runs` times per page, the median score kept (scores move with a noisy
  shared machine: the median of three is what we quote);
- axe-core (npm, pinned) injected into the page in Chromium (Playwright), WCAG 2.x A/AA
  rules and best practices: the number of violations and their rule ids.

Both need Node and Chromium; a missing tool makes the step report an error, not fail.
"""
from __future__ import annotations

import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
from pathlib import Path
from typing import Any

from .browser import CHROMIUM, CHROMIUM_ARGS, PHONE, TEXT_TYPES, served

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
GOALS = {"performance": 0.98, "accessibility": 0.98, "best-practices": 1.0, "seo": 1.0}
CLS_GOAL = 0.02
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
ROOT = Path(__file__).resolve().parents[2]


def page_types(site: Path) -> dict[str, str]:
    """One page of each type in a built site: name → path from the site root ('' = home)."""
    def first(folder: str) -> str | None:
        base = site / folder
        if not base.is_dir():
            return None
        for child in sorted(base.iterdir()):
            if child.is_dir() and (child / "index.html").is_file():
                return f"{folder}/{child.name}/"
        return None

    out = {"home": ""}
    for name, folder in (("type", "types"), ("case", "cases"), ("clip", "clips"), ("quiz", "quizzes"),
                         ("kit", "kits")):
        path = first(folder)
        if path:
            out[name] = path
    if (site / "emergency" / "index.html").is_file():
        out["emergency"] = "emergency/"
    return out


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; text types gzip-compressed when the client accepts it."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the slash form
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        if (not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", "")
                or not any(t in ctype for t in TEXT_TYPES)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=86400")
        self.end_headers()
        import io
        return io.BytesIO(body)


def lighthouse_cli() -> Path | None:
    cli = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
    return cli if cli.is_file() and shutil.which("node") else None


def lighthouse(url: str, timeout: float = 180) -> dict[str, Any]:
    """One Lighthouse run (mobile, default throttling): category scores, CLS and the failing audits."""
    cli = lighthouse_cli()
    if cli is None:
        raise RuntimeError("Lighthouse is not installed (npm ci) or node is missing")
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    proc = subprocess.run(
        ["node", str(cli), url, "--output=json", "--output-path=stdout", "--quiet",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}", "--max-wait-for-load=60000"],
        capture_output=True, text=True, timeout=timeout, env={**os.environ, "CHROME_PATH": CHROMIUM})
    if proc.returncode != 0:
        raise RuntimeError(f"lighthouse {url}: exit {proc.returncode}: {proc.stderr[-800:]}")
    report = json.loads(proc.stdout)
    scores = {c: report["categories"][c]["score"] for c in CATEGORIES}
    audits = report["audits"]
    failing = sorted(
        {a: audits[a]["score"] for a in audits
         if audits[a].get("score") is not None and audits[a]["score"] < 1
         and audits[a].get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")}.items())
    return {"scores": scores, "cls": audits["cumulative-layout-shift"]["numericValue"],
            "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
            "tbt_ms": audits["total-blocking-time"]["numericValue"], "failing": failing[:25]}


def axe_script() -> Path | None:
    path = ROOT / "node_modules" / "axe-core" / "axe.min.js"
    return path if path.is_file() else None


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core run in a loaded Playwright page: its violations (rule id, impact, node count, first target)."""
    script = axe_script()
    if script is None:
        raise RuntimeError("axe-core is not installed (npm ci)")
    page.add_script_tag(path=str(script))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [{"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"]),
             "target": v["nodes"][0]["target"] if v["nodes"] else [], "help": v["help"]}
            for v in result["violations"]]


def measure(site: Path, runs: int = 3, log: Any = print) -> dict[str, Any]:
    """Lighthouse (median of `runs`) and axe for each page type of a built site."""
    from playwright.sync_api import sync_playwright

    out: dict[str, Any] = {"pages": {}, "runs": runs, "goals": {**GOALS, "cls": CLS_GOAL}}
    types = page_types(site)
    with served(site, _GzipHandler) as base:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
                for name, path in types.items():
                    context = browser.new_context(**PHONE)  # type: ignore[arg-type]  # stubs type each keyword
                    page = context.new_page()
                    page.goto(f"{base}/{path}", wait_until="networkidle")
                    out["pages"][name] = {"path": path, "axe": axe_violations(page)}
                    context.close()
            finally:
                browser.close()
        for name, path in types.items():
            results = []
            for i in range(runs):
                log(f"bench: lighthouse {name} ({i + 1}/{runs})")
                try:
                    results.append(lighthouse(f"{base}/{path}"))
                except (RuntimeError, subprocess.TimeoutExpired) as exc:
                    out["pages"][name]["lighthouse_error"] = str(exc)[-500:]
                    break
            if results:
                out["pages"][name]["lighthouse"] = {
                    **{c: statistics.median(r["scores"][c] or 0 for r in results) for c in CATEGORIES},
                    "cls": statistics.median(r["cls"] for r in results),
                    "lcp_ms": statistics.median(r["lcp_ms"] for r in results),
                    "tbt_ms": statistics.median(r["tbt_ms"] for r in results),
                    "failing": results[len(results) // 2]["failing"],
                }
    return out


def meets_goals(page: dict[str, Any]) -> bool:
    """Every Lighthouse category at its goal, CLS within its goal and no axe violation."""
    lh = page.get("lighthouse")
    if not lh or page["axe"]:
        return False
    return all(lh[c] >= GOALS[c] for c in CATEGORIES) and lh["cls"] <= CLS_GOAL


def table(result: dict[str, Any]) -> str:
    """The figures as a text table, one line per page type, goals on the last line."""
    lines = [f"{'page':<10} {'perf':>5} {'a11y':>5} {'bp':>5} {'seo':>5} {'CLS':>6} {'LCP ms':>7} {'axe':>4}  rules"]
    for name, p in result["pages"].items():
        lh = p.get("lighthouse") or {}

        def f(key: str, fmt: str = "{:.2f}", lh: dict[str, Any] = lh) -> str:
            return fmt.format(lh[key]) if key in lh else "—"
        rules = ",".join(v["id"] for v in p["axe"]) or "-"
        rules = ("meets goals  " if meets_goals(p) else "BELOW GOAL   ") + rules
        lines.append(f"{name:<10} {f('performance'):>5} {f('accessibility'):>5} {f('best-practices'):>5} "
                     f"{f('seo'):>5} {f('cls', '{:.3f}'):>6} {f('lcp_ms', '{:.0f}'):>7} {len(p['axe']):>4}  {rules}")
        if "lighthouse_error" in p:
            lines.append(f"{'':<10} lighthouse: {p['lighthouse_error'][:200]}")
    g = result["goals"]
    lines.append(f"{'goal':<10} {g['performance']:>5} {g['accessibility']:>5} {g['best-practices']:>5} "
                 f"{g['seo']:>5} {g['cls']:>6} {'':>7} {0:>4}  (medians of {result['runs']} Lighthouse runs, mobile)")
    return "\n".join(lines)
