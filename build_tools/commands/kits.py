"""fanzha kits: only the kit PDFs and bundles."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .. import core
from ..errors import UsageError
from ..exchange.files import write_file
from ..outputs import content_place
from ..pdf import KitsReport, PdfBuildError, build_kits
from ..pdf.kit import quiz_maps, quiz_sets
from ..site import Site
from ._common import root_of, stop_on_errors

NAME = "kits"
HELP = "只生成材料包 PDF 与压缩包 / only the kit PDFs and bundles (into site/kits/<id>/)"
ORDER = 40


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("kit_ids", nargs="*", metavar="KIT_ID", help="材料包 id（默认全部）/ kits to build (default: all)")
    p.add_argument("--out", metavar="DIR", help="输出目录 / output folder (default: ROOT/site); "
                   "files go to DIR/kits/<id>/, with quiz.answers.json (the quizzes' answer maps for "
                   "fanzha results) unless DIR is the site")
    p.add_argument("--timings", action="store_true", help="打印页数与耗时 / print pages and seconds per file")


def run(args: argparse.Namespace) -> int:
    root = root_of(args)
    result = core.validate(root, programme=False)  # the programme files play no part here
    unknown = [k for k in args.kit_ids if k not in result.kb.kits]
    if unknown:
        known = ", ".join(result.kb.kits) or "none"
        raise UsageError(f"no kit with id {', '.join(unknown)}; kits: {known}")
    if stop_on_errors(result, "no kits were built"):
        return 1
    out = _output_folder(root, Path(args.out) if args.out else root / "site", result.settings.docs_dir)
    ids = args.kit_ids or None
    try:
        report = build_kits(Site.of(result), out, ids, warn=lambda msg: print(f"fanzha: warning: {msg}", file=sys.stderr))
    except PdfBuildError as exc:
        print(f"fanzha: {exc}", file=sys.stderr)
        return 1
    if args.timings:
        print_timings(report)
    kits = len(report.downloads)
    print(f"built {kits} kit(s), {len(report.docs)} PDF(s), {report.pages} page(s) into {out / 'kits'}",
          file=sys.stderr)
    site = (root / "site").resolve()
    return _write_maps(result, out, list(report.downloads), site == out or site in out.parents)


def _write_maps(result: core.Result, out: Path, kit_ids: list[str], into_site: bool) -> int:
    """Each kit quiz's answer map beside its PDFs (kits/<id>/quiz.answers.json), never into the site:
    the site build leaves them out too, so `fanzha results` gets them from a folder of their own."""
    maps = [(kit_id, name, data) for kit_id in kit_ids
            for name, data in quiz_maps(quiz_sets(Site.of(result), result.kb.kits[kit_id]))]
    if not maps:
        return 0
    if into_site:
        print("fanzha: answer maps for the kit quizzes are not written into the site; run "
              "fanzha kits --out DIR to get them (kits/<id>/quiz.answers.json) for fanzha results", file=sys.stderr)
        return 0
    try:
        for kit_id, name, data in maps:
            write_file(out / "kits" / kit_id / name, data, overwrite=True)
    except OSError as exc:
        print(f"fanzha: cannot write the answer maps into {out / 'kits'} ({exc.strerror or exc})", file=sys.stderr)
        return 1
    print(f"wrote {len(maps)} answer map(s) for the kit quizzes (kits/<id>/quiz*.answers.json), "
          "for fanzha results", file=sys.stderr)
    return 0


def _output_folder(root: Path, out: Path, docs_dir: str = "docs") -> Path:
    """The output folder; never the content root or inside a source folder (UsageError)."""
    out = out.resolve()
    source = content_place(root, out, docs_dir)
    if source is not None:
        raise UsageError(f"--out {out}: is the content or inside it ({source}); kits go to an output "
                         "folder of their own, such as site/")
    return out


def print_timings(report: KitsReport) -> None:
    """Pages and seconds per file, per kit, and the rates for the whole build.

    Wall time depends on what else the machine runs; CPU time per 10 pages does not, and
    divided by the cores it is what an idle machine would take.
    """
    for kit_id in report.downloads:
        docs = [d for d in report.docs if d.kit == kit_id]
        print(f"{kit_id}: {sum(d.pages for d in docs)} pages")
        for d in docs:
            took = "cached" if d.cached else f"{d.seconds:.2f} s ({d.cpu:.2f} s CPU)"
            print(f"  {d.name:<16} {d.pages:>3} pages  {took}")
    pages = report.pages or 1
    cpu = sum(d.cpu for d in report.docs)
    cores = os.cpu_count() or 1
    print(f"total: {report.pages} pages in {report.seconds:.2f} s wall = {report.seconds / pages * 10:.2f} s "
          f"per 10 pages; rendering used {cpu:.2f} s CPU = {cpu / pages * 10:.2f} s CPU per 10 pages "
          f"({cpu / pages * 10 / cores:.2f} s on {cores} idle cores)")
