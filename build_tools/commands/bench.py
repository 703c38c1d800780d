"""fanzha bench: the scale benchmark on a synthetic corpus (see build_tools/bench/)."""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from ..errors import UsageError
from ._common import root_of

NAME = "bench"
HELP = "规模基准测试 / scale benchmark: validation, build, page weight, search cost, kit PDF speed"
ORDER = 90


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--cases", type=int, default=1000, metavar="N", help="案例数 / cases (default: 1000)")
    p.add_argument("--questions", type=int, default=10000, metavar="M", help="题目数 / questions (default: 10000)")
    p.add_argument("--sizes", metavar="N/M,...", help="several sizes in one run, e.g. 100/1000,1000/10000 "
                   "(instead of --cases/--questions)")
    p.add_argument("--kits", type=int, default=4, metavar="K", help="kits in the corpus (default: 4)")
    p.add_argument("--seed", type=int, default=2026, help="text generator seed (default: 2026)")
    p.add_argument("--repeat", type=int, default=3, metavar="R", help="timings are medians of R runs (default: 3)")
    p.add_argument("--out", metavar="FILE", default="bench.json", help="JSON results (default: bench.json)")
    p.add_argument("--workdir", metavar="DIR", help="keep the corpora and built sites in DIR (default: a temporary folder, removed)")
    p.add_argument("--query", help="the first search's query (default: the first fraud type's name)")
    p.add_argument("--profile", metavar="DIR", nargs="?", const="bench-profile",
                   help="print the slowest five functions of each step (cProfile in the step's process) and "
                        "write each step's stats to DIR (default: bench-profile)")
    p.add_argument("--search-batch", type=int, default=1000, metavar="N",
                   help="the search index is also measured in batches of N pages, each its own Pagefind run (default: 1000)")
    p.add_argument("--corpus", choices=("narrow", "wide", "both"), default="both",
                   help="how the synthetic corpus is written: narrow (cases of one length and shape, banks of 40), "
                        "wide (short and long cases, subsections, tables, nested lists, banks of 5-120), or both "
                        "side by side with their ratios compared (default: both)")
    p.add_argument("--skip-pdf", action="store_true", help="don't time the kit PDFs on their own")
    p.add_argument("--skip-build", action="store_true", help="don't build the site (validation only)")
    p.add_argument("--skip-browser", action="store_true", help="don't measure phone downloads in Chromium")
    p.add_argument("--skip-serve", action="store_true", help="don't measure edit to preview (fanzha serve)")
    p.add_argument("--quality", action="store_true",
                   help="also build the root's own content and measure each page type with Lighthouse "
                        "(mobile) and axe-core in Chromium")
    p.add_argument("--results-size", metavar="STUDENTSxQUESTIONS", default="50000x20",
                   help="results step: a paper answer grid of this size (default: 50000x20, 1,000,000 answers)")
    p.add_argument("--skip-results", action="store_true", help="don't time the results step (fanzha results)")
    p.add_argument("--quality-only", action="store_true", help="only the Lighthouse/axe step (no synthetic corpus)")
    p.add_argument("--quality-runs", type=int, default=3, metavar="R",
                   help="Lighthouse runs per page type; the median is quoted (default: 3)")


def parse_sizes(args: argparse.Namespace) -> list[tuple[int, int]]:
    """[(cases, questions), ...] from --sizes or --cases/--questions."""
    if not args.sizes:
        sizes = [(args.cases, args.questions)]
    else:
        pairs = [re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", s) for s in args.sizes.split(",")]
        if not all(pairs):
            raise UsageError(f"--sizes {args.sizes}: expected CASES/QUESTIONS pairs separated by commas, e.g. 100/1000,1000/10000")
        sizes = [(int(m.group(1)), int(m.group(2))) for m in pairs if m]
    if any(c < 1 or q < 1 for c, q in sizes) or args.repeat < 1 or args.kits < 0:
        raise UsageError("cases, questions and --repeat must be at least 1, --kits at least 0")
    return sizes


def _results_size(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d+)\s*[x×*]\s*(\d+)\s*", text)
    if not m or int(m.group(1)) < 2 or int(m.group(2)) < 2:
        raise UsageError(f"--results-size {text}: expected STUDENTSxQUESTIONS with at least 2 of each, e.g. 50000x20")
    return int(m.group(1)), int(m.group(2))


def run(args: argparse.Namespace) -> int:
    from .. import bench

    if args.quality_only:
        return _quality(args, None)

    opts = bench.BenchOptions(
        sizes=parse_sizes(args), template=root_of(args), kits=args.kits, seed=args.seed, repeat=args.repeat,
        workdir=Path(args.workdir).resolve() if args.workdir else None, query=args.query,
        profile=Path(args.profile).resolve() if args.profile else None,
        skip_pdf=args.skip_pdf, skip_build=args.skip_build, skip_browser=args.skip_browser,
        skip_serve=getattr(args, "skip_serve", False),
        results_size=None if args.skip_results else _results_size(args.results_size),
        search_batch=max(1, getattr(args, "search_batch", 1000)),
        kinds=["narrow", "wide"] if getattr(args, "corpus", "both") == "both" else [args.corpus])
    try:
        result = bench.run_bench(opts)
    except bench.BenchError as exc:
        print(f"fanzha: bench failed: {exc}", file=sys.stderr)
        return 1
    result["goals"] = bench.goals(result)
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(bench.table(result))
    print()
    print(bench.goals_text(result["goals"]))
    if bench.kinds_text(result):
        print()
        print(bench.kinds_text(result))
    if opts.profile:
        print()
        print(bench.profile_text(result))
    if "results" in result:
        from ..bench import results as results_step
        result["results_goals"] = [{"goal": g, "met": ok} for g, ok in results_step.goals(result["results"])]
        Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print()
        print(results_step.text(result["results"]))
    if args.quality:
        return _quality(args, result)
    print(f"\nJSON: {args.out}", file=sys.stderr)
    return 0


def _quality(args: argparse.Namespace, result: dict | None) -> int:
    """Lighthouse and axe per page type on the root's own content, built into a temporary folder."""
    import subprocess
    import tempfile

    from ..bench import quality

    root = root_of(args)
    with tempfile.TemporaryDirectory(prefix="fanzha-quality-") as tmp:
        site = Path(tmp) / "site"
        print(f"bench: building {root} for the page-quality step", file=sys.stderr)
        proc = subprocess.run([sys.executable, "-m", "build_tools.cli", "build", "--root", str(root), "--out", str(site)],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            print(f"fanzha: bench: the page-quality build failed:\n{proc.stderr[-2000:]}", file=sys.stderr)
            return 1
        figures = quality.measure(site, runs=max(1, args.quality_runs),
                                  log=lambda msg: print(msg, file=sys.stderr))
    result = {**(result or {}), "quality": figures}
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print("\nPage quality (Lighthouse 12 mobile, served gzip on loopback; axe-core violations):")
    print(quality.table(figures))
    print(f"\nJSON: {args.out}", file=sys.stderr)
    return 0
