"""The benchmark's table and goals, from the JSON-ready result."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

KB = 1000  # budgets in KB are 1,000 bytes

Getter = Callable[[dict[str, Any]], Any]


def _get(path: str) -> Getter:
    def get(run: dict[str, Any]) -> Any:
        value: Any = run
        for key in path.split("."):
            if not isinstance(value, dict) or value.get(key) is None:
                return None
            value = value[key]
        return value
    return get


def _scaled(path: str, factor: float) -> Getter:
    get = _get(path)
    return lambda run: None if get(run) is None else get(run) / factor


def _pair(path: str) -> Getter:
    """'wall (cpu)' for a timed phase."""
    wall, cpu = _get(path), _get(path + "_cpu")
    return lambda run: None if wall(run) is None else f"{wall(run):.1f} ({cpu(run) or 0:.1f})"


def _count(path: str) -> Getter:
    get = _get(path)
    return lambda run: None if get(run) is None else len(get(run))


# (label, value getter, format)
ROWS: list[tuple[str, Getter, str]] = [
    ("cases / questions", lambda r: f"{r['size']['cases']}/{r['size']['questions']}", "{}"),
    ("clips / banks / kits", lambda r: f"{r['corpus']['clips']}/{r['corpus']['banks']}/{r['corpus']['kits']}", "{}"),
    ("source files (MB)", _scaled("corpus.source_bytes", 1e6), "{:.1f}"),
    ("plain YAML load, s", _get("validate.plain_load_s"), "{:.2f}"),
    ("  CPU s", _get("validate.plain_load_cpu_s"), "{:.2f}"),
    ("validation (core.validate), s", _get("validate.validate_s"), "{:.2f}"),
    ("  CPU s", _get("validate.validate_cpu_s"), "{:.2f}"),
    ("  ratio to plain load", _get("validate.ratio"), "{:.1f}×"),
    ("  CPU ratio to plain load", _get("validate.cpu_ratio"), "{:.1f}×"),
    ("`fanzha validate` wall, s", _get("validate.cli_s"), "{:.2f}"),
    ("  peak memory, MB", _get("validate.maxrss_mb"), "{:.0f}"),
    ("  plain load peak memory, MB", _get("validate.plain_load_maxrss_mb"), "{:.0f}"),
    ("`fanzha build`, s", _get("build.ours_s"), "{:.1f}"),
    ("  CPU s (without PDF workers)", _get("build.ours_cpu_s"), "{:.1f}"),
    ("  validate, s (CPU s)", _pair("build.phases.validate"), "{}"),
    ("  kit PDFs, s (CPU s, main process)", _pair("build.phases.kits"), "{}"),
    ("  generate pages, s (CPU s)", _pair("build.phases.generate"), "{}"),
    ("  MkDocs render, s (CPU s)", _pair("build.phases.mkdocs"), "{}"),
    ("  post-build: Pagefind, s (CPU s)", _pair("build.phases.postbuild"), "{}"),
    ("plain `mkdocs build`, s", _get("build.plain_s"), "{:.1f}"),
    ("  CPU s", _get("build.plain_cpu_s"), "{:.1f}"),
    ("plain `mkdocs build`, no plugins, s", _get("build.plain_no_plugins_s"), "{:.1f}"),
    ("  CPU s", _get("build.plain_no_plugins_cpu_s"), "{:.1f}"),
    ("  build ratio", _get("build.ratio"), "{:.2f}×"),
    ("  build ratio to no plugins", _get("build.ratio_no_plugins"), "{:.2f}×"),
    ("  build CPU ratio (without PDF workers)", _get("build.cpu_ratio"), "{:.2f}×"),
    ("  build ratio without kit PDFs", _get("build.ratio_without_kits"), "{:.2f}×"),
    ("  without PDFs and search index, to no plugins", _get("build.ratio_site_only"), "{:.2f}×"),
    ("  build peak memory, MB", _get("build.maxrss_mb"), "{:.0f}"),
    ("  Pagefind peak memory, MB", _get("build.children_maxrss_mb"), "{:.0f}"),
    ("  plain build peak memory, MB", _get("build.plain_maxrss_mb"), "{:.0f}"),
    ("  peak memory by the end of each step, MB: validate / kit PDFs / generate / MkDocs / Pagefind",
        lambda r: _phase_memory(r), "{}"),
    ("search index (Pagefind on the built site), peak MB", _get("search_index.peak_mb"), "{:.0f}"),
    ("  before (issue 19: 0.8 MB a page, 3.8 GB at 3,000 cases), MB", lambda r: _before_19(r), "{:.0f}"),
    ("  pages indexed", _get("search_index.pages"), "{}"),
    ("  MB per page", _get("search_index.mb_per_page"), "{:.2f}"),
    ("  same pages as English (no Chinese segmentation), MB", _get("search_index.english_peak_mb"), "{:.0f}"),
    ("  share of the peak due to Chinese segmentation", _get("search_index.segmentation_share"), "{:.0%}"),
    ("  the binary's own overhead (one page), MB", _get("search_index.overhead_mb"), "{:.0f}"),
    ("  in batches of N pages, each its own run: peak MB (runs × N)", lambda r: None if _get("search_index.batched_peak_mb")(r) is None else
        f"{_get('search_index.batched_peak_mb')(r):.0f} "
        f"({_get('search_index.batch_runs')(r)} × {_get('search_index.batch_pages')(r)})", "{}"),
    ("  in batches: s (whole site in one run, s)", lambda r: None if _get("search_index.batched_s")(r) is None else
        f"{_get('search_index.batched_s')(r):.1f} ({_get('search_index.s')(r):.1f})", "{}"),
    ("  one run at 20,000 pages (projected), MB", _get("search_index.projected_20000_mb"), "{:.0f}"),
    ("  pages per run within 1.5 GB", _get("search_index.pages_per_batch_within_1_5_gb"), "{}"),
    ("site on disk, MB", _scaled("site.bytes", 1e6), "{:.1f}"),
    ("  files", _get("site.files"), "{}"),
    ("  HTML pages", _get("site.html_pages"), "{}"),
    ("  HTML KB per page (mean)", _scaled("site.html_bytes_per_page", KB), "{:.1f}"),
    ("  HTML KB per page, gzip", _scaled("site.html_gzip_per_page", KB), "{:.1f}"),
    ("phone: home page, KB gzip", _scaled("phone.home.bytes", KB), "{:.1f}"),
    ("  requests", _get("phone.home.requests"), "{}"),
    ("phone: case page + assets, KB gzip", _scaled("phone.case.bytes", KB), "{:.1f}"),
    ("  requests", _get("phone.case.requests"), "{}"),
    ("phone: first search, KB", _scaled("phone.search.bytes", KB), "{:.1f}"),
    ("  before issue 14's search box, KB", lambda r: _before_14(r, 0, "{:.1f}"), "{}"),
    ("  opening the box to results, ms", _get("phone.search.ms_to_results"), "{:.0f}"),
    ("  before issue 14's search box, ms", lambda r: _before_14(r, 1, "{:.0f}"), "{}"),
    ("  requests", _get("phone.search.requests"), "{}"),
    ("  results", _get("phone.search.results"), "{}"),
    ("  search files fetched before searching", _count("phone.search.fetched_before_search"), "{}"),
    ("edit to preview (`fanzha serve`), worst kind, s", _get("serve.edit_s"), "{:.2f}"),
    ("  case / clip / bank, s", lambda r: None if not _get("serve.edits_s")(r) else
        " / ".join(f"{_get('serve.edits_s')(r).get(k, 0):.2f}" for k in ("case", "clip", "bank")), "{}"),
    ("  ratio to a plain mkdocs build (old serve rebuilt all)", _get("serve.ratio_to_plain_build"), "{:.3f}×"),
    ("  ratio to the server's whole build (every edit before)", _get("serve.ratio_to_whole_rebuild"), "{:.3f}×"),
    ("  server peak memory, MB", _get("serve.maxrss_mb"), "{:.0f}"),
    ("kit PDFs, s", _get("kits.s"), "{:.1f}"),
    ("  pages", _get("kits.pages"), "{}"),
    ("  s per 10 pages", _get("kits.s_per_10_pages"), "{:.2f}"),
    ("  render CPU s per 10 pages (all workers)", _get("kits.render_cpu_s_per_10_pages"), "{:.2f}"),
    ("  peak memory, MB", _get("kits.maxrss_mb"), "{:.0f}"),
    ("PowerPoint deck per clip, s (median of a sample)", _get("decks_cards.clip_deck_s"), "{:.2f}"),
    ("PowerPoint deck per kit, s", _get("decks_cards.kit_deck_s"), "{:.2f}"),
    ("share card per case or clip, s", _get("decks_cards.card_s"), "{:.2f}"),
    ("machine load (1-min average, max)",
        lambda r: max((r.get(k) or {}).get("loadavg", 0) for k in ("validate", "build", "search_index", "serve", "kits")),
        "{:.1f}"),
]

# (text, getter, limit, unit): a goal is met when value <= limit
GOALS: list[tuple[str, Getter, float, str]] = [
    ("`fanzha validate` ≤ 2 s", _get("validate.cli_s"), 2.0, "s"),
    ("edit to preview ≤ 2 s (`fanzha serve`)", _get("serve.edit_s"), 2.0, "s"),
    ("build ≤ 1.2 × plain mkdocs build", _get("build.ratio"), 1.2, "×"),
    ("build ≤ 1.2 × plain mkdocs build without plugins", _get("build.ratio_no_plugins"), 1.2, "×"),
    ("first search ≤ 300 KB", _scaled("phone.search.bytes", KB), 300, "KB"),
    ("nothing fetched for search before searching", lambda r: _nothing_before(r), 0, "files"),
    ("case page with assets ≤ 150 KB gzip", _scaled("phone.case.bytes", KB), 150, "KB"),
    ("search index peak ≤ 1.5 GB (Pagefind)", _get("search_index.peak_mb"), 1536, "MB"),
    ("kits ≤ 1 s per 10 pages", _get("kits.s_per_10_pages"), 1.0, "s"),
]


# The same first search measured before issue 14's search box (partial matches, search words;
# commit 27ac425): (cases, questions) -> (KB, ms from opening the box to results), median of 3,
# query 刷单返利, on the 2-core machine under other load. Printed beside today's figures.
BEFORE_14 = {(1000, 10000): (212.7 * 1024 / KB, 2645)}


def _before_14(run: dict[str, Any], i: int, fmt: str) -> str:
    ref = BEFORE_14.get((run["size"]["cases"], run["size"]["questions"]))
    if ref is None or (run.get("phone") or {}).get("search", {}).get("query") != "刷单返利":
        return "not measured at this size" if ref is None else "measured for 刷单返利 only"
    return fmt.format(ref[i])


# Pagefind's peak memory per page when issue 19 was filed (0.8 MB a page; 3.8 GB at 3,000 cases).
BEFORE_19_MB_PER_PAGE = 0.8


def _before_19(run: dict[str, Any]) -> float | None:
    pages = _get("search_index.pages")(run)
    return None if pages is None else pages * BEFORE_19_MB_PER_PAGE


def _phase_memory(run: dict[str, Any]) -> str | None:
    """'own (largest program run)' per build step, in the order the build runs them."""
    mem = _get("build.phase_memory")(run)
    if not mem:
        return None
    names = ("validate", "kits", "generate", "mkdocs", "postbuild")
    return " / ".join(f"{mem[n]['own_mb']:.0f}" + (f" ({mem[n]['children_mb']:.0f})" if n in ("kits", "postbuild") else "")
                      if n in mem else "–" for n in names)


def profile_text(result: dict[str, Any]) -> str:
    """The slowest five functions of each step (own time, cProfile in the step's process), per size."""
    lines = []
    for run in result["runs"]:
        size = f"{run['size']['cases']}/{run['size']['questions']}"
        for step, top in (run.get("profile") or {}).items():
            lines.append(f"slowest functions in {step} ({size}{', ' + run['corpus_kind'] if run.get('corpus_kind') else ''}):")
            lines += [f"  {f['own_s']:8.3f} s own  {f['cumulative_s']:8.3f} s cumulative  {f['calls']:>9} calls  {f['function']}"
                      for f in top]
    return "\n".join(lines)


def _nothing_before(run: dict[str, Any]) -> int | None:
    phone = run.get("phone")
    if not phone:
        return None
    lists = [phone.get("search", {}).get("fetched_before_search", []),
             (phone.get("home") or {}).get("search_requests", []), (phone.get("case") or {}).get("search_requests", [])]
    return sum(len(x) for x in lists)


def _fmt(value: Any, fmt: str) -> str:
    return "–" if value is None else fmt.format(value)


def table(result: dict[str, Any]) -> str:
    """One column per size, then how much each figure grew from one size to the next."""
    runs = result["runs"]
    head = ["figure", *(_column(r) for r in runs)]
    head += [f"growth {i + 1}→{i + 2}" for i in range(len(runs) - 1)]
    lines = [head]
    for label, get, fmt in ROWS:
        values = [get(r) for r in runs]
        growth = [_growth(a, b) if _kind(ra) == _kind(rb) else "" for a, b, ra, rb in zip(values, values[1:], runs, runs[1:])]
        lines.append([label, *(_fmt(v, fmt) for v in values), *growth])
    return _markdown(lines)


def _kind(run: dict[str, Any]) -> str:
    return str(run.get("corpus_kind") or "narrow")


def _column(run: dict[str, Any]) -> str:
    size = f"{run['size']['cases']}/{run['size']['questions']}"
    return size if _kind(run) == "narrow" else f"{size} {_kind(run)}"


# Ratios that a corpus written another way may change: printed side by side for each size
KIND_RATIOS = [("validation ÷ plain YAML load", "validate.ratio"), ("`fanzha build` ÷ plain mkdocs build", "build.ratio"),
               ("`fanzha build` ÷ mkdocs build without plugins", "build.ratio_no_plugins"),
               ("Pagefind MB per page", "search_index.mb_per_page")]


def kinds_text(result: dict[str, Any]) -> str:
    """For each size measured on both corpora: the narrow and the wide corpus's ratios, and wide ÷ narrow."""
    by_size: dict[tuple[int, int], dict[str, dict[str, Any]]] = {}
    for run in result["runs"]:
        by_size.setdefault((run["size"]["cases"], run["size"]["questions"]), {})[_kind(run)] = run
    lines = []
    for (cases, questions), kinds in by_size.items():
        if {"narrow", "wide"} - set(kinds):
            continue
        lines.append(f"corpus written two ways at {cases}/{questions} (narrow | wide | wide ÷ narrow):")
        for label, path in KIND_RATIOS:
            a, b = _get(path)(kinds["narrow"]), _get(path)(kinds["wide"])
            ratio = f"{b / a:.2f}" if isinstance(a, (int, float)) and isinstance(b, (int, float)) and a else "–"
            lines.append(f"  {label}: {_fmt(a, '{:.2f}')} | {_fmt(b, '{:.2f}')} | {ratio}")
    return "\n".join(lines)


def _growth(a: Any, b: Any) -> str:
    if not isinstance(a, (int, float)) or not isinstance(b, (int, float)) or not a:
        return ""
    return f"{b / a:.1f}×"


def goals(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Each goal at each size: value, limit, met (None when not measured)."""
    out = []
    for run in result["runs"]:
        size = _column(run)
        for text, get, limit, unit in GOALS:
            value = get(run)
            out.append({"size": size, "goal": text, "value": value, "limit": limit, "unit": unit,
                        "met": None if value is None else value <= limit})
    return out


def goals_text(checked: list[dict[str, Any]]) -> str:
    """Goals are set for 1,000 cases / 10,000 questions; shown for every size."""
    lines = ["goals (set for 1000/10000 on a 2-core machine):"]
    for g in checked:
        mark = {True: "met   ", False: "MISSED", None: "n/a   "}[g["met"]]
        value = "not measured" if g["value"] is None else f"{g['value']:.2f} {g['unit']}"
        lines.append(f"  {mark} {g['size']:>16}  {g['goal']}: {value}")
    return "\n".join(lines)


def _markdown(rows: list[list[str]]) -> str:
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    def line(r: list[str]) -> str:
        cells = [r[0] + " " * (widths[0] - _width(r[0]))]
        cells += [" " * (w - _width(c)) + c for c, w in zip(r[1:], widths[1:])]
        return "| " + " | ".join(cells) + " |"
    rule = "|" + "|".join("-" * (w + 2) if i == 0 else "-" * (w + 1) + ":" for i, w in enumerate(widths)) + "|"
    return "\n".join([line(rows[0]), rule, *(line(r) for r in rows[1:])])


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
