"""What a killed build leaves behind: temporary folders and helper processes.

Every temporary folder a build makes is named `<prefix><pid>-<random>` after the
process that made it, so a later run can tell a leftover (its process is gone)
from the folder of a build still running, and remove only the first (`sweep`).

While `fanzha build` runs, SIGTERM and SIGINT remove its folders and stop its
helpers before the process exits (`on_signals`). SIGKILL cannot be caught: for
it, helpers ask Linux to kill them when their parent dies (`die_with_parent`,
PR_SET_PDEATHSIG), and the next run sweeps the folders.
"""
from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

KITS_PREFIX = "fanzha-kits-"  # kit PDFs rendered before the pages, in the system's temporary folder

_OWNED: set[Path] = set()
_STOPPERS: list[Callable[[], None]] = []
_SIGNALS = (signal.SIGTERM, signal.SIGINT)
_PR_SET_PDEATHSIG = 1

try:  # loaded here, not in a freshly forked child (dlopen there could wait on a lock forever)
    _LIBC: ctypes.CDLL | None = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True) \
        if sys.platform.startswith("linux") else None
except OSError:
    _LIBC = None


def make_dir(prefix: str, parent: Path | None = None) -> Path:
    """A new temporary folder named after this process, removed by `release` or on SIGTERM/SIGINT."""
    path = Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=parent))
    _OWNED.add(path)
    return path


def forget(path: Path) -> None:
    """`path` is no longer a temporary folder (it was renamed into place)."""
    _OWNED.discard(path)


def release(path: Path) -> None:
    """Remove a folder from `make_dir`."""
    shutil.rmtree(path, ignore_errors=True)
    _OWNED.discard(path)


def owner_pid(name: str, prefix: str) -> int | None:
    """The PID in a `make_dir` name, or None when `name` is not one."""
    match = re.fullmatch(re.escape(prefix) + r"(\d+)-.+", name)
    return int(match.group(1)) if match else None


def pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def stale(parent: Path, prefix: str) -> list[Path]:
    """Folders in `parent` made by `make_dir(prefix)` in a process that is gone."""
    try:
        entries = list(parent.iterdir())
    except OSError:
        return []
    found = []
    for path in entries:
        pid = owner_pid(path.name, prefix)
        if pid is not None and not pid_alive(pid) and path.is_dir() and not path.is_symlink():
            found.append(path)
    return sorted(found)


def sweep(parent: Path, prefix: str) -> list[Path]:
    """Remove the stale folders (see `stale`); returns what was removed."""
    gone = stale(parent, prefix)
    for path in gone:
        shutil.rmtree(path, ignore_errors=True)
    return gone


def add_stopper(stop: Callable[[], None]) -> None:
    """`stop()` ends helper processes when a signal ends the build (called once each, never raises)."""
    if stop not in _STOPPERS:
        _STOPPERS.append(stop)


def die_with_parent() -> None:
    """In a helper process: ask Linux to SIGKILL it when its parent ends (no-op elsewhere).

    Safe as a `preexec_fn` or a pool initializer: it calls only prctl.
    """
    if _LIBC is not None:
        _LIBC.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)


def die_with(pid: int, interval: float = 0.2) -> None:
    """In a pool worker: end it when process `pid` (the build) ends, however it ends.

    A fork-server worker's parent is the fork server, which itself lives as long as any of
    its workers (each holds its "alive" pipe), and workers wait on queues they hold both ends
    of: after a SIGKILL of the build nobody would ever end. So a thread watches the build.
    """
    die_with_parent()
    born = _started(pid)

    def watch() -> None:
        while born is not None and _started(pid) == born:
            time.sleep(interval)
        os.kill(os.getpid(), signal.SIGKILL)

    threading.Thread(target=watch, name="fanzha-die-with-build", daemon=True).start()


def _started(pid: int) -> str | None:
    """When `pid` started (tells it from a later process with the same number), None once it
    has ended (a zombie has ended too)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        if not Path("/proc/self/stat").exists():  # no /proc: the number alone
            return "alive" if pid_alive(pid) else None
        return None
    return None if stat[0] in ("Z", "X") else stat[19]


def cleanup() -> None:
    """Stop the helpers and remove every folder this process still owns."""
    for stop in list(_STOPPERS):
        with contextlib.suppress(Exception):
            stop()
    for path in list(_OWNED):
        release(path)


def _on_signal(signum: int, _frame: object) -> None:
    cleanup()
    sys.stderr.write(f"fanzha: stopped by {signal.Signals(signum).name}; temporary folders removed\n")
    sys.stderr.flush()
    os._exit(128 + signum)


@contextlib.contextmanager
def on_signals() -> Iterator[None]:
    """SIGTERM and SIGINT clean up (see `cleanup`) and exit 128+signal, while the block runs.

    Only in the main thread (Python delivers signals there); elsewhere nothing changes.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, _on_signal) for sig in _SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """SIGTERM and SIGINT wait until the block has run (a swap is never left half done)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _SIGNALS)
