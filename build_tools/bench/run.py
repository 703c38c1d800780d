"""Running the benchmark: corpus, then each measured step in its own process."""
from __future__ import annotations

import functools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .corpus import CorpusSpec, write_corpus
from .sitesize import first_case_page, site_size

MEMORY_METHOD = ("peak resident set size of the process that ran the step, from "
                 "resource.getrusage(RUSAGE_SELF).ru_maxrss read in that process (each step runs in a fresh "
                 "Python process); 'children' is RUSAGE_CHILDREN of that process: the largest program it ran "
                 "and waited for (Pagefind's indexer, Chromium)")


class BenchError(Exception):
    """A step failed; the message holds its error output."""


@dataclass
class BenchOptions:
    """What to measure, and how often."""

    sizes: list[tuple[int, int]]           # (cases, questions) per run
    template: Path                         # mkdocs.yml, docs/ and taxonomy.yml come from here
    kits: int = 4
    seed: int = 2026
    repeat: int = 3                        # timings are medians of this many runs
    workdir: Path | None = None            # keep corpora and sites here (default: a temporary folder, removed)
    query: str | None = None               # the first search (default: the first fraud type's name)
    profile: Path | None = None            # write cProfile stats of each step here
    skip_pdf: bool = False
    skip_browser: bool = False
    skip_build: bool = False
    skip_serve: bool = False               # the edit-to-preview step (`fanzha serve`)
    results_size: tuple[int, int] | None = (50_000, 20)  # students × questions of the results step; None: skip
    kinds: list[str] = field(default_factory=lambda: ["narrow"])  # corpus kinds (corpus.KINDS), each at every size
    search_batch: int = 1000               # pages per Pagefind run when the search index is measured in batches
    log: Callable[[str], None] = field(default=lambda msg: print(msg, file=sys.stderr))


def run_bench(opts: BenchOptions) -> dict[str, Any]:
    """Every size in turn; the JSON-ready result."""
    out = {"machine": _machine(), "memory_method": MEMORY_METHOD, "repeat": opts.repeat, "seed": opts.seed,
           "runs": [run_size(opts, cases, questions, kind) for kind in opts.kinds for cases, questions in opts.sizes]}
    if opts.results_size:
        out["results"] = _results_step(opts)
    return out


def _results_step(opts: BenchOptions) -> dict[str, Any]:
    """The item analysis of 1,000,000 answers (build_tools/bench/results.py), once per bench."""
    from . import results
    work = Path(tempfile.mkdtemp(prefix="fanzha-bench-results-")) if opts.workdir is None else opts.workdir / "results"
    try:
        return _optional(lambda: results.measure(_Runner(opts, work), work, opts.results_size or results.DEFAULT_SIZE,
                                                 opts.repeat, opts.seed), opts.log)
    finally:
        if opts.workdir is None:
            shutil.rmtree(work, ignore_errors=True)


def run_size(opts: BenchOptions, cases: int, questions: int, kind: str = "narrow") -> dict[str, Any]:
    """Generate one corpus and measure it."""
    work = _workdir(opts, cases, questions, kind)
    try:
        return {"corpus_kind": kind, **_measure(opts, work, CorpusSpec(cases, questions, opts.kits, opts.seed, kind))}
    finally:
        if opts.workdir is None:
            shutil.rmtree(work, ignore_errors=True)


def _measure(opts: BenchOptions, work: Path, spec: CorpusSpec) -> dict[str, Any]:
    log, root = opts.log, work / "content"
    log(f"bench: writing {spec.cases} cases, {spec.questions} questions ({spec.kind} corpus) into {root}")
    t = time.perf_counter()
    corpus = write_corpus(opts.template, root, spec)
    out: dict[str, Any] = {"size": {"cases": spec.cases, "questions": spec.questions, "kits": spec.kits},
                           "corpus": {**corpus.counts, "generate_s": time.perf_counter() - t, **_source_bytes(root)}}
    runner = _Runner(opts, work)
    out["validate"] = _validation(runner, root, opts.repeat)
    if out["validate"]["errors"]:
        raise BenchError(f"the generated corpus has content errors: {out['validate']['first_errors']}")
    if not opts.skip_build:
        out["build"] = _builds(runner, root, work, opts.repeat)
        out["site"] = site_size(work / "site")
        log("bench: search index memory (Pagefind whole, without Chinese segmentation, per folder)")
        out["search_index"] = _optional(lambda: search_index(runner.step("pagefind", site=str(work / "site"),
                                                                         root=str(root), batch_pages=opts.search_batch)), log)
        if not opts.skip_browser:
            ids = [c for ids in corpus.case_ids.values() for c in ids]
            query = opts.query or _first_type_name(root)
            log("bench: phone downloads (Chromium)")
            out["phone"] = _optional(lambda: runner.step("browse", site=str(work / "site"), query=query,
                                                         case_path=first_case_page(work / "site", ids)), log)
    if not opts.skip_serve:
        log("bench: edit to preview (fanzha serve)")
        out["serve"] = _optional(lambda: _serve(runner, root, out.get("build"), opts.repeat), log)
    if not opts.skip_pdf:
        log("bench: kit PDFs")
        out["kits"] = _optional(lambda: _kits(runner, root, opts.repeat), log)
        log("bench: PowerPoint decks and share cards")
        out["decks_cards"] = _optional(lambda: _decks_and_cards(root), log)
    if runner.profiles:
        out["profile"] = runner.profiles
    return out


def _optional(measure: Callable[[], dict[str, Any]], log: Callable[[str], None]) -> dict[str, Any]:
    """A part that may be missing on this machine (Chromium, kit code): its error instead of its figures."""
    try:
        return measure()
    except BenchError as exc:
        log(f"bench: {exc}")
        return {"error": str(exc)[-1000:]}


class _Runner:
    """Runs worker steps as subprocesses and reads their JSON line."""

    def __init__(self, opts: BenchOptions, work: Path) -> None:
        self.opts, self.work = opts, work
        self.env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": _package_parent()}
        self.profiles: dict[str, list[dict[str, Any]]] = {}  # step -> its slowest functions (--profile)

    def step(self, name: str, **args: Any) -> dict[str, Any]:
        if self.opts.profile:
            args.update(profile=str(self.opts.profile), label=f"{self.work.name}")
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "build_tools.bench.worker", name, json.dumps(args)],
                              capture_output=True, text=True, env=self.env)
        wall = time.perf_counter() - t
        if proc.returncode != 0:
            raise BenchError(f"step {name} failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        result["wall_s"] = wall
        for label, top in result.pop("profile_top", {}).items():
            self.profiles.setdefault(label, top)  # the first run of a step (repeats are alike)
        if "error" in result:
            raise BenchError(f"step {name}: {result['error']}: {result.get('first_errors')}\n{proc.stderr[-3000:]}")
        return result

    def command(self, *argv: str) -> float:
        """Wall time of one `fanzha` command, as a user runs it."""
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "build_tools.cli", *argv], capture_output=True, text=True,
                              env=self.env)
        if proc.returncode not in (0, 1):
            raise BenchError(f"fanzha {' '.join(argv)} failed (exit {proc.returncode}): {proc.stderr[-2000:]}")
        return time.perf_counter() - t


def _validation(runner: _Runner, root: Path, repeat: int) -> dict[str, Any]:
    runner.opts.log("bench: validation vs plain YAML load")
    load = runner.step("load", root=str(root), repeat=repeat)
    val = runner.step("validate", root=str(root), repeat=repeat)
    cli = [runner.command("validate", "--root", str(root)) for _ in range(repeat)]
    plain_s, val_s = statistics.median(load["times"]), statistics.median(val["times"])
    plain_cpu, val_cpu = statistics.median(load["cpu"]), statistics.median(val["cpu"])
    return {"plain_load_s": plain_s, "validate_s": val_s, "ratio": val_s / plain_s, "cli_s": statistics.median(cli),
            "plain_load_cpu_s": plain_cpu, "validate_cpu_s": val_cpu, "cpu_ratio": val_cpu / plain_cpu,
            "plain_load_runs": load["times"], "validate_runs": val["times"], "cli_runs": cli,
            "files": load["files"], "errors": val["errors"], "warnings": val["warnings"],
            "first_errors": val["first_errors"], "plain_load_maxrss_mb": _mb(load["maxrss_kb"]),
            "maxrss_mb": _mb(val["maxrss_kb"]), "loadavg": max(load["loadavg"], val["loadavg"])}


def _builds(runner: _Runner, root: Path, work: Path, repeat: int) -> dict[str, Any]:
    """Our build and the plain MkDocs builds, alternated so machine noise hits all alike."""
    ours: list[dict[str, Any]] = []
    plain: list[dict[str, Any]] = []
    bare: list[dict[str, Any]] = []
    for i in range(repeat):
        runner.opts.log(f"bench: fanzha build, then plain mkdocs builds ({i + 1}/{repeat})")
        export = {"export": str(work / "plain")} if i == 0 else {}
        ours.append(runner.step("build", root=str(root), out=str(work / "site"), **export))
        for config, runs in (("mkdocs.yml", plain), ("mkdocs-no-plugins.yml", bare)):
            # over the previous output, as our build replaces its previous output: both clear it
            runs.append(runner.step("plain", root=str(work / "plain"), out=str(work / "plain-site"), config=config))
    med = lambda runs, key: statistics.median(r[key] for r in runs)  # noqa: E731
    ours_s, plain_s, bare_s = med(ours, "time"), med(plain, "time"), med(bare, "time")
    phases = {k: statistics.median(r["phases"].get(k, 0.0) for r in ours) for k in ours[0]["phases"]}  # wall and CPU
    return {"ours_s": ours_s, "plain_s": plain_s, "ratio": ours_s / plain_s,
            "plain_no_plugins_s": bare_s, "ratio_no_plugins": ours_s / bare_s,
            "ratio_without_kits": (ours_s - phases.get("kits", 0.0)) / plain_s,
            # the generator proper (validate, generate pages, render them) against rendering the same pages
            "ratio_site_only": (ours_s - phases.get("kits", 0.0) - phases.get("postbuild", 0.0)) / bare_s,
            "ours_cpu_s": med(ours, "cpu"), "plain_cpu_s": med(plain, "cpu"), "plain_no_plugins_cpu_s": med(bare, "cpu"),
            "cpu_ratio": med(ours, "cpu") / med(plain, "cpu"),
            "ours_wall_s": med(ours, "wall_s"), "plain_wall_s": med(plain, "wall_s"),
            "phases": phases, "ours_runs": [r["time"] for r in ours], "plain_runs": [r["time"] for r in plain],
            "plain_no_plugins_runs": [r["time"] for r in bare], "plain_plugins": plain[0]["plugins"],
            "generated_pages": ours[0]["generated_pages"], "plain_html_files": plain[0]["html_files"],
            "maxrss_mb": _mb(max(r["maxrss_kb"] for r in ours)),
            "phase_memory": {step: {k: max(r["phase_memory"][step][k] for r in ours if step in r["phase_memory"])
                                    for k in mem} for step, mem in ours[0]["phase_memory"].items()},
            "children_maxrss_mb": _mb(max(r["children_maxrss_kb"] for r in ours)),
            "plain_maxrss_mb": _mb(max(r["maxrss_kb"] for r in plain)),
            "loadavg": max(r["loadavg"] for r in ours + plain + bare)}


GIB_1_5 = 1536.0  # MB: the search index's memory goal at 3,000 cases
PROVINCE_PAGES = 20_000  # a province-wide site


def search_index(res: dict[str, Any]) -> dict[str, Any]:
    """Pagefind's peak memory: per page, the share of Chinese segmentation (the same pages indexed as
    English), the binary's own overhead (one page alone) and what each further page costs; from these
    the peak at 20,000 pages in one run and the largest batch that stays within 1.5 GB; and the pages
    indexed in batches of a fixed size, each in its own run (its own bundle)."""
    whole, english, batches = res["whole"], res["english"], res["batches"]
    fixed = res["one"]["peak_mb"]
    per_page = (whole["peak_mb"] - fixed) / whole["pages"] if whole["pages"] else None
    return {"peak_mb": whole["peak_mb"], "s": whole["s"], "pages": whole["pages"],
            "mb_per_page": whole["peak_mb"] / whole["pages"] if whole["pages"] else None,
            "english_peak_mb": english["peak_mb"], "english_s": english["s"],
            "segmentation_share": 1 - english["peak_mb"] / whole["peak_mb"] if whole["peak_mb"] else None,
            "overhead_mb": fixed, "marginal_mb_per_page": per_page,
            "projected_20000_mb": fixed + per_page * PROVINCE_PAGES if per_page is not None else None,
            "pages_per_batch_within_1_5_gb": int((GIB_1_5 - fixed) / per_page) if per_page else None,
            "batch_pages": res["batch_pages"], "batch_runs": len(batches),
            "batched_peak_mb": max((b["peak_mb"] for b in batches), default=None),
            "batched_s": sum(b["s"] for b in batches), "batched_bundle_bytes": sum(b["bundle_bytes"] for b in batches),
            "batches": batches, "bundle_bytes": whole["bundle_bytes"], "loadavg": res["loadavg"]}


def _serve(runner: _Runner, root: Path, build: dict[str, Any] | None, repeat: int) -> dict[str, Any]:
    """Seconds from saving a case, clip or bank to the served page showing it; the ratio is to the
    plain `mkdocs build` of the same pages in this run (what an edit cost when every edit rebuilt all)."""
    res = runner.step("serve", root=str(root), repeat=repeat)
    edits = {kind: statistics.median(times) for kind, times in res["edits"].items()}
    worst = max(edits.values())
    plain = (build or {}).get("plain_s")
    return {"edit_s": worst, "edits_s": edits, "edit_runs": res["edits"], "first_build_s": res["first_build_s"],
            "ratio_to_plain_build": worst / plain if plain else None,
            # the server's own first (whole) build: what every edit cost before, measured in the same process
            "ratio_to_whole_rebuild": worst / res["first_build_s"],
            "ratio_to_our_build": worst / build["ours_s"] if build else None,
            "server_log": res["server_log"], "maxrss_mb": _mb(res["children_maxrss_kb"]),
            "loadavg": res["loadavg"]}


def _kits(runner: _Runner, root: Path, repeat: int) -> dict[str, Any]:
    res = runner.step("kits", root=str(root), repeat=repeat)
    secs, pages = statistics.median(res["times"]), res["pages"]
    cpu = statistics.median(res["render_cpu"]) if res["render_cpu"] else None
    return {"s": secs, "pages": pages, "pdf_files": res["pdf_files"], "kits": res["kits"],
            "s_per_10_pages": secs / pages * 10 if pages else None, "runs": res["times"],
            "render_cpu_s": cpu, "render_cpu_s_per_10_pages": cpu / pages * 10 if cpu and pages else None,
            "maxrss_mb": _mb(res["maxrss_kb"]), "children_maxrss_mb": _mb(res["children_maxrss_kb"]),
            "loadavg": res["loadavg"]}


def _decks_and_cards(root: Path, sample: int = 10) -> dict[str, Any]:
    """Seconds per clip deck, per kit deck and per share card, each the median over a sample of the corpus."""
    from .. import cards, core
    from ..pdf import slides
    from ..site import Site

    try:
        result = Site.of(core.validate(root))
        clips = list(result.kb.clips.values())[:sample]
        kits = list(result.kb.kits.values())[:3]
        drawn = cards.cards(result)[:sample]

        def timed(make: Callable[[], object]) -> float:
            t = time.perf_counter()
            make()
            return time.perf_counter() - t

        clip_s = [timed(functools.partial(slides.clip_deck, result, c)) for c in clips]
        kit_s = [timed(functools.partial(slides.kit_deck, result, k)) for k in kits]
        card_s = [timed(functools.partial(cards.draw, c)) for c in drawn]
    except Exception as exc:  # a part this machine cannot do: reported, not fatal
        raise BenchError(f"decks and cards: {exc}") from None
    med = lambda xs: statistics.median(xs) if xs else None  # noqa: E731
    return {"clip_deck_s": med(clip_s), "kit_deck_s": med(kit_s), "card_s": med(card_s),
            "clip_decks": len(clip_s), "kit_decks": len(kit_s), "cards": len(card_s)}


# helpers -------------------------------------------------------------------

def _workdir(opts: BenchOptions, cases: int, questions: int, kind: str = "narrow") -> Path:
    suffix = "" if kind == "narrow" else f"-{kind}"
    if opts.workdir is None:
        return Path(tempfile.mkdtemp(prefix=f"fanzha-bench-{cases}-{questions}{suffix}-"))
    work = opts.workdir / f"{cases}-{questions}{suffix}"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    return work


def _source_bytes(root: Path) -> dict[str, int]:
    files = [p for d in ("cases", "clips", "quizzes", "kits") for p in (root / d).rglob("*") if p.is_file()]
    return {"source_files": len(files), "source_bytes": sum(p.stat().st_size for p in files)}


def _first_type_name(root: Path) -> str:
    import yaml
    data = yaml.safe_load((root / "taxonomy.yml").read_text(encoding="utf-8"))
    return str(data["types"][0]["name"])


def _mb(kb: int) -> float:
    return round(kb / 1024, 1)


def _package_parent() -> str:
    """So worker processes import this same build_tools package."""
    parent = str(Path(__file__).resolve().parents[2])
    return os.pathsep.join(p for p in (parent, os.environ.get("PYTHONPATH", "")) if p)


def _machine() -> dict[str, Any]:
    return {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            "date": time.strftime("%Y-%m-%d %H:%M")}
