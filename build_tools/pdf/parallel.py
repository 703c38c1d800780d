"""Rendering many PDFs at once: on all cores, and never twice for the same HTML.

Workers come from one long-lived process pool (forkserver, with WeasyPrint
imported once in the server), so `mkdocs serve` rebuilds pay the start-up only
once. Results are cached in memory by a hash of the HTML (which holds the
stylesheet too): a rebuild re-renders only the documents whose content changed.

Workers never outlive the build: each watches this process and ends when it does, even
by SIGKILL (then the fork server, which lives while any worker holds its pipe, ends
too); SIGTERM/SIGINT during `fanzha build` kill them at once (`leftovers`).
"""
from __future__ import annotations

import atexit
import hashlib
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TypeVar

from .. import leftovers
from .typeset import Rendered, render_pdf

T = TypeVar("T")

_CACHE: dict[str, Rendered] = {}
_POOL: ProcessPoolExecutor | None = None


@dataclass(frozen=True)
class Job:
    """HTML to render and the source to name if it fails."""

    html: str
    where: str

    @property
    def key(self) -> str:
        return hashlib.sha256(self.html.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Outcome:
    rendered: Rendered
    cached: bool


def render_all(jobs: Sequence[Job], workers: int | None = None) -> list[Outcome]:
    """Render every job (in parallel when worthwhile); results in job order.

    Raises the first PdfBuildError a job raised. The cache keeps only this call's
    documents, so it never grows beyond one build.
    """
    global _CACHE
    todo = {job.key: job for job in jobs if job.key not in _CACHE}
    fresh = _render(list(todo.values()), workers or os.cpu_count() or 1)
    cache = {**_CACHE, **fresh}
    _CACHE = {job.key: cache[job.key] for job in jobs}
    return [Outcome(cache[job.key], job.key not in fresh) for job in jobs]


def submit(fn: Callable[..., T], *args: object) -> Future[T] | None:
    """`fn(*args)` on the rendering pool's workers (another core, while MkDocs renders pages),
    or None on a one-core machine or where no pool can start (the caller runs it itself)."""
    workers = os.cpu_count() or 1
    if workers <= 1:
        return None
    try:
        return _pool(workers).submit(fn, *args)
    except (BrokenProcessPool, OSError, RuntimeError):
        _shutdown()
        return None


def clear_cache() -> None:
    """Forget every rendered PDF (tests use it to time real renders)."""
    _CACHE.clear()


def _render(jobs: list[Job], workers: int) -> dict[str, Rendered]:
    if workers <= 1 or len(jobs) <= 1:
        return {job.key: render_pdf(job.html, job.where) for job in jobs}
    try:
        futures: list[tuple[Job, Future[Rendered]]] = [
            (job, _pool(workers).submit(render_pdf, job.html, job.where)) for job in jobs]
        return {job.key: future.result() for job, future in futures}
    except (BrokenProcessPool, OSError):  # no pool here, or a worker died: one process it is
        _shutdown()
        return {job.key: render_pdf(job.html, job.where) for job in jobs}


def _pool(workers: int) -> ProcessPoolExecutor:
    global _POOL
    if _POOL is None:
        # forkserver, not fork: `mkdocs serve` runs threads, and forking a threaded
        # process can deadlock. The server imports WeasyPrint once for every worker.
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["build_tools.pdf._warm"])
        _POOL = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                    initializer=leftovers.die_with, initargs=(os.getpid(),))
        atexit.register(_shutdown)
        leftovers.add_stopper(kill_workers)
    return _POOL


def _shutdown() -> None:
    global _POOL
    if _POOL is not None:
        _POOL.shutdown(cancel_futures=True)
        _POOL = None


def kill_workers() -> None:
    """End the pool at once (a signal ends the build): SIGKILL every worker, wait for none."""
    global _POOL
    pool, _POOL = _POOL, None
    if pool is None:
        return
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        proc.kill()
