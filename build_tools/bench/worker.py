"""One benchmark step, run in its own process so its peak memory can be read.

    python -m build_tools.bench.worker STEP '{"root": ..., ...}'

prints one JSON line: the step's figures, `maxrss_kb` (this process's peak
resident set, `getrusage(RUSAGE_SELF)`) and `children_maxrss_kb` (the largest
process it started and waited for, e.g. the Pagefind indexer or Chromium:
`RUSAGE_CHILDREN`). Timings exclude interpreter start-up and imports, which
are the same for every step; the caller times the whole process as well.
"""
from __future__ import annotations

import contextlib
import cProfile
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

Figures = dict[str, Any]


def _cpu() -> float:
    """CPU seconds used so far by this process and the programs it ran and waited for."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def step_load(args: Figures) -> Figures:
    """The baseline for validation: read every source file and parse its YAML with libyaml, nothing else."""
    from ..load.content import source_files

    root = Path(args["root"])
    times, cpu = [], []
    for _ in range(args.get("repeat", 1)):
        t, c = time.perf_counter(), time.process_time()
        files = source_files(root)
        for rel, path in files:
            text = path.read_text(encoding="utf-8")
            if rel.endswith(".md"):
                text = text.split("\n---\n", 1)[0].removeprefix("---\n")
            yaml.load(text, Loader=yaml.CSafeLoader)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return {"times": times, "cpu": cpu, "files": len(files)}


def step_validate(args: Figures) -> Figures:
    """core.validate, as `fanzha validate` runs it, several times in one process."""
    from .. import core

    root, times, cpu = Path(args["root"]), [], []
    with _profiled(args, "validate"):
        for _ in range(args.get("repeat", 1)):
            t, c = time.perf_counter(), time.process_time()
            result = core.validate(root)
            times.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
    return {"times": times, "cpu": cpu, "errors": len(result.errors), "warnings": len(result.problems) - len(result.errors),
            "first_errors": [str(p) for p in result.errors[:5]]}


def step_build(args: Figures) -> Figures:
    """`fanzha build` (validate, then the site with kits), timing each phase.

    With `export`, also writes the generated pages as plain Markdown with a
    mkdocs.yml without our plugin: the baseline for `step_plain`.
    """
    from .. import core, pages, pdf, postbuild
    from ..sitebuild import build_site

    phases: dict[str, float] = {}
    captured: Figures = {}
    patches = [(pdf, "render_kits", "kits"), (pages, "generate", "generate"), (postbuild, "run", "postbuild"),
               (pages, "configure_theme", "theme")]
    with _timed_calls(patches, phases, captured), _profiled(args, "build"):
        t, c = time.perf_counter(), _cpu()
        result = core.validate(Path(args["root"]))
        phases["validate"], phases["validate_cpu"] = time.perf_counter() - t, _cpu() - c
        _MEMORY["validate"] = _maxrss()
        if result.errors:
            return {"error": f"{len(result.errors)} content errors", "first_errors": [str(p) for p in result.errors[:5]]}
        build_site(result, Path(args["out"]))
        total, cpu = time.perf_counter() - t, _cpu() - c
    phases.pop("theme", None)  # negligible; wrapped only to see the config
    phases.pop("theme_cpu", None)
    walls = [v for k, v in phases.items() if not k.endswith("_cpu")]
    cpus = [v for k, v in phases.items() if k.endswith("_cpu")]
    phases["mkdocs"] = total - sum(walls)  # MkDocs reading, rendering and writing pages
    phases["mkdocs_cpu"] = cpu - sum(cpus)
    if args.get("export"):
        _export_plain(result, captured, Path(args["export"]))
    return {"time": total, "cpu": cpu, "phases": phases, "generated_pages": len(captured.get("generate", {})),
            "phase_memory": _phase_memory()}


def step_plain(args: Figures) -> Figures:
    """A plain `mkdocs build` of the exported pages: same theme, no fanzha plugin."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with _profiled(args, "plain"):
        t, c = time.perf_counter(), _cpu()
        cfg = load_config(config_file=str(Path(args["root"]) / args.get("config", "mkdocs.yml")), site_dir=args["out"])
        cfg.plugins.on_startup(command="build", dirty=False)
        build(cfg)
        cfg.plugins.on_shutdown()
        total, cpu = time.perf_counter() - t, _cpu() - c
    pages = sum(1 for _ in Path(args["out"]).rglob("*.html"))
    return {"time": total, "cpu": cpu, "html_files": pages, "plugins": list(cfg.plugins)}


def step_kits(args: Figures) -> Figures:
    """The kit PDFs alone (pdf.render_kits), with their pages and the CPU time their renderers used."""
    from .. import core, pdf

    result = core.validate(Path(args["root"]))
    times, render_cpu, pages, files = [], [], 0, 0
    for _ in range(args.get("repeat", 1)):
        dest = Path(tempfile.mkdtemp(prefix="fanzha-bench-kits-"))
        _forget_rendered_pdfs()  # a repeat must render again, not reuse the previous run's PDFs
        try:
            with _profiled(args, "kits"):
                t = time.perf_counter()
                report = _render_kits(pdf, result, dest)
                times.append(time.perf_counter() - t)
            pdfs = sorted(dest.rglob("*.pdf"))
            files, pages = len(pdfs), sum(_pdf_pages(p) for p in pdfs)
            if report is not None:  # CPU time of every render, in whichever process it ran
                render_cpu.append(sum(getattr(d, "cpu", 0.0) for d in report.docs))
        finally:
            shutil.rmtree(dest, ignore_errors=True)
    return {"times": times, "render_cpu": render_cpu, "pdf_files": files, "pages": pages,
            "kits": len(result.kb.kits)}


def _render_kits(pdf: Any, result: Any, dest: Path) -> Any:
    """pdf.build_kits (which reports on each document) where it exists, else pdf.render_kits."""
    from ..site import Site

    site = Site.of(result)  # renderers take the knowledge base, settings and URLs
    if hasattr(pdf, "build_kits"):
        return pdf.build_kits(site, dest)
    pdf.render_kits(site, dest)
    return None


def step_pagefind(args: Figures) -> Figures:
    """Where the search index's memory goes: Pagefind on the built site as the build runs it, the same
    pages indexed as if written in English (no Chinese segmentation), one page alone (the binary's own
    overhead), and the pages in batches of `batch_pages` (what indexing in batches would cost, each
    batch its own bundle); each run's peak resident set read with wait4."""
    from ..search.pagefind import EXCLUDE_SELECTORS, find_binary

    site, binary = Path(args["site"]), find_binary(Path(args["root"]))
    tmp = Path(tempfile.mkdtemp(prefix="fanzha-bench-pagefind-"))
    pages = sorted(p.relative_to(site) for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "pagefind")

    def index(name: str, source: Path = site, language: str = "zh") -> Figures:
        cmd = [str(binary), "--site", str(source), "--output-path", str(tmp / name), "--force-language", language,
               "--exclude-selectors", ", ".join(EXCLUDE_SELECTORS)]
        t = time.perf_counter()
        with open(tmp / f"{name}.log", "w+", encoding="utf-8") as log:
            proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            log.seek(0)
            text = log.read()
        found = re.search(r"Indexed (\d+) pages?", text)
        return {"s": time.perf_counter() - t, "peak_mb": usage.ru_maxrss / 1024, "exit": proc.returncode,
                "pages": int(found.group(1)) if found else 0, "bundle_bytes": _tree_bytes(tmp / name)}

    def subset(name: str, rels: list[Path]) -> Path:
        """A folder holding only these pages (hard links where the file system allows)."""
        folder = tmp / name
        for rel in rels:
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(site / rel, folder / rel)
            except OSError:
                shutil.copy2(site / rel, folder / rel)
        return folder

    size = max(1, int(args.get("batch_pages", 1000)))
    body = [rel for rel in pages if rel.parts[0] not in ("", ".")]
    try:
        whole = index("whole")
        english = index("english", language="en")
        one = index("one", subset("src-one", [next((r for r in body if len(r.parts) > 2), body[0])]))
        batches = [index(f"batch-{k}", subset(f"src-{k}", body[k:k + size])) for k in range(0, len(body), size)]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"whole": whole, "english": english, "one": one, "batch_pages": size, "batches": batches}


def _tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def step_browse(args: Figures) -> Figures:
    """Bytes a phone downloads: home page, a case page, a first search (real Chromium)."""
    from .browser import measure_site

    return measure_site(Path(args["site"]), args["case_path"], args["query"])


def step_serve(args: Figures) -> Figures:
    """Edit to preview: `fanzha serve` on the corpus, then one case, one clip and one bank saved in turn;
    each time from the file's write to the served page holding the new text (polled every 20 ms)."""
    import socket
    import subprocess
    import urllib.request

    root = Path(args["root"])
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = Path(tempfile.mkstemp(prefix="fanzha-bench-serve-", suffix=".log")[1])
    argv = [sys.executable, "-m", "build_tools.cli", "serve", "--root", str(root), "--dev-addr", f"127.0.0.1:{port}"]
    targets = [("case", sorted((root / "cases").glob("*.md"))[len(list((root / "cases").glob("*.md"))) // 2]),
               ("clip", sorted((root / "clips").glob("*.md"))[0]), ("bank", sorted((root / "quizzes").glob("*.y*ml"))[0])]
    originals = {path: path.read_text(encoding="utf-8") for _, path in targets}

    def get(path: str) -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=10) as resp:
                return resp.read().decode("utf-8")
        except OSError:
            return ""

    with log.open("w") as err:
        proc = subprocess.Popen(argv, stdout=err, stderr=err, env=env)
    try:
        t = time.perf_counter()
        while not get(""):
            if proc.poll() is not None or time.perf_counter() - t > args.get("timeout", 1800):
                return {"error": "fanzha serve did not start", "first_errors": [log.read_text()[-2000:]]}
            time.sleep(0.2)
        first = time.perf_counter() - t
        edits: dict[str, list[float]] = {}
        for _ in range(args.get("repeat", 1)):
            for kind, path in targets:
                marker = f"改动标记{time.time_ns() % 10**9}"
                text = path.read_text(encoding="utf-8")
                if kind == "bank":
                    new = re.sub(r"^(title: .*)$", r"\g<1>" + marker, text, count=1, flags=re.M)  # marker: no backslash
                else:
                    cut = text.index("\n---\n") + 5
                    new = text[:cut] + f"\n{marker}。\n" + text[cut:]
                page = f"{path.parent.name}/{path.stem}/"
                t = time.perf_counter()
                path.write_text(new, encoding="utf-8")
                while marker not in get(page):
                    if time.perf_counter() - t > 300 or proc.poll() is not None:
                        return {"error": f"the {kind} edit never showed", "first_errors": [log.read_text()[-2000:]]}
                    time.sleep(0.02)
                edits.setdefault(kind, []).append(time.perf_counter() - t)
                time.sleep(1.0)  # let the background search index start, as between a writer's saves
    finally:
        for path, text in originals.items():
            path.write_text(text, encoding="utf-8")
        proc.terminate()
        proc.wait(timeout=60)
    lines = [line for line in log.read_text().splitlines() if line.startswith("fanzha serve:")]
    log.unlink()
    return {"first_build_s": first, "edits": edits, "server_log": lines[-10:]}


# helpers -------------------------------------------------------------------

_MEMORY: dict[str, tuple[int, int]] = {}  # phase -> (own, children) peak RSS in kB when it ended ("<phase>_before": began)


def _maxrss() -> tuple[int, int]:
    return (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def _phase_memory() -> Figures:
    """Peak resident set, MB, of the build process by the end of each phase, in the order the build runs
    them, and of the largest program it had run (PDF workers, Pagefind). A phase that raised neither
    peak shows the peak it found."""
    mb = lambda kb: round(kb / 1024, 1)  # noqa: E731
    out: Figures = {}
    if "validate" in _MEMORY:
        out["validate"] = {"own_mb": mb(_MEMORY["validate"][0]), "children_mb": mb(_MEMORY["validate"][1])}
    for name in ("kits", "generate"):
        if name in _MEMORY:
            out[name] = {"own_mb": mb(_MEMORY[name][0]), "children_mb": mb(_MEMORY[name][1])}
    if "postbuild_before" in _MEMORY:  # MkDocs has read and rendered every page when the post-build starts
        out["mkdocs"] = {"own_mb": mb(_MEMORY["postbuild_before"][0]), "children_mb": mb(_MEMORY["postbuild_before"][1])}
    if "postbuild" in _MEMORY:
        out["postbuild"] = {"own_mb": mb(_MEMORY["postbuild"][0]), "children_mb": mb(_MEMORY["postbuild"][1])}
    return out


@contextlib.contextmanager
def _timed_calls(patches: list[tuple[Any, str, str]], phases: dict[str, float],
                 captured: Figures) -> Iterator[None]:
    """Wrap module functions so each call's time adds to phases[name] and its return value is kept."""
    originals = [(mod, attr, getattr(mod, attr)) for mod, attr, _ in patches]

    def wrap(fn: Callable[..., Any], name: str) -> Callable[..., Any]:
        def timed(*a: Any, **kw: Any) -> Any:
            _MEMORY[name + "_before"] = _maxrss()
            t, c = time.perf_counter(), _cpu()
            try:
                out = fn(*a, **kw)
            finally:
                _MEMORY[name] = _maxrss()
                phases[name] = phases.get(name, 0.0) + time.perf_counter() - t
                phases[name + "_cpu"] = phases.get(name + "_cpu", 0.0) + _cpu() - c
            captured[name], captured[name + "_args"] = out, a
            return out
        return timed

    for (mod, attr, name), (_, _, fn) in zip(patches, originals):
        setattr(mod, attr, wrap(fn, name))
    try:
        yield
    finally:
        for mod, attr, fn in originals:
            setattr(mod, attr, fn)


@contextlib.contextmanager
def _profiled(args: Figures, name: str) -> Iterator[None]:
    """cProfile the block into PROFILE_DIR/<name>.prof when the caller asked for profiles."""
    folder = args.get("profile")
    if not folder:
        yield
        return
    prof = cProfile.Profile()
    prof.enable()
    try:
        yield
    finally:
        prof.disable()
        Path(folder).mkdir(parents=True, exist_ok=True)
        prof.dump_stats(str(Path(folder) / f"{name}-{args.get('label', 'run')}.prof"))
        PROFILE_TOP[name] = slowest(prof)


PROFILE_TOP: dict[str, list[Figures]] = {}  # step -> its slowest functions, returned with the step's figures


def slowest(prof: cProfile.Profile, n: int = 5) -> list[Figures]:
    """The n functions that took most time of their own (cProfile's tottime), with their cumulative time."""
    import pstats

    stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    rows = sorted(stats.items(), key=lambda kv: -kv[1][2])[:n]
    return [{"function": f"{Path(file).name}:{line}({func})" if line else func, "calls": nc,
             "own_s": round(tt, 3), "cumulative_s": round(ct, 3)}
            for (file, line, func), (_cc, nc, tt, ct, _callers) in rows]


def _export_plain(result: Any, captured: Figures, dest: Path) -> None:
    """The generated pages and docs/ as .md files, and a mkdocs.yml with our theme settings but no plugin."""
    from .. import placeholders
    from ..settings import read_mkdocs_yml

    docs = dest / "docs"
    if (result.root / "docs").is_dir():
        shutil.copytree(result.root / "docs", docs, dirs_exist_ok=True)
    for src_uri, content in (captured.get("generate") or {}).items():
        path = docs / src_uri
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_plain_markdown(content), encoding="utf-8")
    college = result.settings.college
    for path in docs.rglob("*.md"):
        with contextlib.suppress(placeholders.UnknownPlaceholder):
            path.write_text(placeholders.fill(path.read_text(encoding="utf-8"), college), encoding="utf-8")
    config = read_mkdocs_yml(result.root)
    plain = {k: v for k, v in config.items() if k in ("site_name", "site_url", "theme", "nav", "markdown_extensions")}
    if captured.get("theme_args"):  # the extensions in force after our plugin's on_config
        cfg = captured["theme_args"][0]
        plain["markdown_extensions"] = [{n: cfg.mdx_configs[n]} if cfg.mdx_configs.get(n) else n
                                        for n in cfg.markdown_extensions]
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(plain, allow_unicode=True, sort_keys=False), encoding="utf-8")
    plain["plugins"] = []  # not even MkDocs' default search plugin
    (dest / "mkdocs-no-plugins.yml").write_text(yaml.safe_dump(plain, allow_unicode=True, sort_keys=False),
                                                encoding="utf-8")


_TEMPLATE_KEY = re.compile(r"\A(---\n(?:.*\n)*?)template:.*\n", re.M)


def _plain_markdown(content: str) -> str:
    """A generated page without a `template:` front-matter key (our templates are not in a plain build)."""
    return _TEMPLATE_KEY.sub(r"\1", content, count=1) if content.startswith("---\n") else content


def _forget_rendered_pdfs() -> None:
    try:
        from ..pdf.parallel import clear_cache
    except ImportError:
        return
    clear_cache()


def _pdf_pages(path: Path) -> int:
    try:
        from pypdf import PdfReader
    except ImportError:  # pypdf is a test dependency; count page objects instead
        return len(re.findall(rb"/Type\s*/Page[^s]", path.read_bytes()))
    return len(PdfReader(str(path)).pages)


STEPS: dict[str, Callable[[Figures], Figures]] = {
    "load": step_load, "validate": step_validate, "build": step_build, "plain": step_plain,
    "kits": step_kits, "browse": step_browse, "serve": step_serve, "pagefind": step_pagefind,
}
from .results import step_analyse as _results_step  # noqa: E402
from .results import step_plain as _results_plain  # noqa: E402

STEPS.update({"results": _results_step, "results_plain": _results_plain})


def main(argv: list[str]) -> int:
    step, args = argv[0], json.loads(argv[1])
    out = STEPS[step](args)
    out["loadavg"] = os.getloadavg()[0]  # other work on the machine while the step ran (1-minute average)
    out["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out["children_maxrss_kb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if PROFILE_TOP:
        out["profile_top"] = PROFILE_TOP
    sys.stdout.write("\n" + json.dumps(out, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    sys.exit(main(sys.argv[1:]))
