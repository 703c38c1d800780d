"""A killed `fanzha build` (SIGKILL at any moment, or SIGTERM): the output folder is always
a whole site, the old one or the new one; the next build removes what the killed one left
and puts a moved-aside site back; no helper process (PDF workers, fork server, Pagefind)
outlives the build by more than 5 s.

The output folder is hashed file by file after each kill and compared with the two sites
the two versions of the content give (the build is deterministic, so each has one manifest).
"""
from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import os
import random
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from build_tools import leftovers, postbuild, sitebuild
from build_tools.site import Site

from ..conftest import REPO
from .conftest import OTHER, copy

SEED = 20
# seeded moments per run (FANZHA_KILLS for a longer run); the swap moments are killed on purpose above
KILLS = int(os.environ.get("FANZHA_KILLS", "3"))
NEW_MARKER = "KILLTEST-NEW-CONTENT"


def _manifest(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def _helpers(tag: str) -> list[int]:
    """Live processes (not zombies) started by a build run with FANZHA_KILLTEST=tag."""
    found = []
    needle = f"FANZHA_KILLTEST={tag}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if needle not in (entry / "environ").read_bytes().split(b"\0"):
                continue
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state not in ("Z", "X"):
            found.append(int(entry.name))
    return found


def _wait_no_helpers(tag: str, within: float = 5.0) -> None:
    deadline = time.monotonic() + within
    while (alive := _helpers(tag)) and time.monotonic() < deadline:
        time.sleep(0.1)
    cmdlines = [Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")[:200] for pid in alive
                if Path(f"/proc/{pid}").exists()]
    assert not alive, f"helpers alive {within} s after the build ended: {cmdlines}"


class Builds:
    """Runs `fanzha build` on one content copy into one output folder, with a private TMPDIR."""

    def __init__(self, base: Path) -> None:
        self.root = copy(OTHER, base / "root")
        (self.root / "kits" / "biye-qiuzhi.yml").unlink()  # one kit (8 PDFs, still on the pool): quicker
        self.out = base / "out" / "site"
        self.tmp = base / "tmp"
        self.pause = base / "pause"
        self.tmp.mkdir()
        self.index = self.root / "docs" / "index.md"
        self.old_text = self.index.read_text(encoding="utf-8")

    def content(self, new: bool) -> None:
        self.index.write_text(self.old_text + (f"\n{NEW_MARKER}\n" if new else ""), encoding="utf-8")

    def start(self, pause: bool = False) -> tuple[subprocess.Popen[bytes], str]:
        tag = uuid.uuid4().hex
        env = {**os.environ, "PYTHONPATH": str(REPO), "TMPDIR": str(self.tmp), "FANZHA_KILLTEST": tag}
        env.pop("SOURCE_DATE_EPOCH", None)
        if pause:
            self.pause.mkdir(exist_ok=True)
            for f in self.pause.iterdir():
                f.unlink()
            env["FANZHA_TEST_PAUSE_AT_SWAP"] = str(self.pause)
        proc = subprocess.Popen([sys.executable, "-m", "build_tools.cli", "build", "--root", str(self.root),
                                 "--out", str(self.out)], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, cwd=REPO)
        return proc, tag

    def wait_for(self, proc: subprocess.Popen[bytes], stage: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not (self.pause / f"{stage}.reached").exists():
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                err = proc.communicate()[1].decode()
                pytest.fail(f"the build never reached {stage}: {err}")
            time.sleep(0.05)

    def leftovers(self) -> list[str]:
        beside = [p.name for p in self.out.parent.iterdir() if p.name != self.out.name]
        kits = [p.name for p in self.tmp.iterdir() if p.name.startswith(leftovers.KITS_PREFIX)]
        return sorted(beside + kits)

    def build(self) -> float:
        started = time.monotonic()
        proc, tag = self.start()
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
        _wait_no_helpers(tag, within=2)
        return time.monotonic() - started


def _kill(proc: subprocess.Popen[bytes], tag: str, sig: int = signal.SIGKILL) -> int:
    proc.send_signal(sig)
    rc = proc.wait(timeout=30)
    if proc.stderr:
        proc.stderr.close()
    _wait_no_helpers(tag)
    return rc


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_killed_build_leaves_a_whole_site(tmp_path: Path) -> None:
    b = Builds(tmp_path)
    duration = b.build()
    old = _manifest(b.out)
    assert b.leftovers() == []

    # killed at the swap: the new site is whole beside the output, the output still the old one
    b.content(new=True)
    proc, tag = b.start(pause=True)
    b.wait_for(proc, "before-swap")
    (building,) = [p for p in b.out.parent.iterdir() if p.name.startswith(".site.building-")]
    new = _manifest(building)
    assert new != old and any(NEW_MARKER in (building / p).read_text("utf-8", "replace")
                              for p in new if p.endswith(".html"))
    _kill(proc, tag)
    assert _manifest(b.out) == old
    assert b.leftovers() == [building.name]

    # killed at seeded random moments over a build's length: always one whole site
    rng = random.Random(SEED)
    moments = sorted(rng.uniform(0.3, 0.75 * duration) for _ in range(KILLS))
    seen = []
    for i, moment in enumerate(moments):
        b.content(new=i % 2 == 0)
        proc, tag = b.start()
        time.sleep(moment)
        _kill(proc, tag)
        now = _manifest(b.out)
        assert now in (old, new), f"kill {i} at {moment:.2f} s left a mixed site"
        seen.append("old" if now == old else "new")
        for name in b.leftovers():  # what is left is named after the killed build
            match = re.search(r"(?:building-|old-|kits-)(\d+)-", name)
            assert match and not leftovers.pid_alive(int(match[1])), name

    # killed just after the exchange: the new site is in place, the old one still to remove
    b.content(new=True)
    proc, tag = b.start(pause=True)
    (b.pause / "before-swap.go").touch()
    b.wait_for(proc, "after-swap")
    _kill(proc, tag)
    assert _manifest(b.out) == new
    assert b.leftovers(), "the old site should still be beside the output"

    # the next build removes every leftover
    b.content(new=False)
    b.build()
    assert _manifest(b.out) == old
    assert b.leftovers() == []
    assert len(_sitemap_dates(b.out)) == 1 and dt.date.today().isoformat() not in _sitemap_dates(b.out)
    print(f"build {duration:.1f} s; kills at {[round(m, 2) for m in moments]} s left {seen}")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_sigterm_removes_temporary_folders_and_helpers(tmp_path: Path) -> None:
    b = Builds(tmp_path)
    proc, tag = b.start()
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(leftovers.KITS_PREFIX) for p in b.tmp.iterdir()):  # rendering kits
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.02)
    time.sleep(0.3)
    assert _kill(proc, tag, signal.SIGTERM) == 128 + signal.SIGTERM
    assert not b.out.exists()
    assert b.leftovers() == []


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_next_build_restores_a_site_moved_aside(tmp_path: Path) -> None:
    out = tmp_path / "site"
    dead = _dead_pid()
    moved = tmp_path / f".site.old-{dead}-abc"
    moved.mkdir()
    (moved / "index.html").write_text("previous", encoding="utf-8")
    half = tmp_path / f".site.building-{dead}-def"
    half.mkdir()
    alive = tmp_path / f".site.building-{os.getppid()}-ghi"  # a build still running: never touched
    alive.mkdir()
    sitebuild.recover(out)
    assert (out / "index.html").read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, "site"])


def test_exchange_swaps_two_folders(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").touch()
    if not sitebuild._exchange(a, b):
        pytest.skip("no renameat2 RENAME_EXCHANGE here")
    assert (b / "x").exists() and not (a / "x").exists()


def _sitemap_dates(site: Path) -> set[str]:
    return set(re.findall(r"<lastmod>([^<]*)</lastmod>", (site / "sitemap.xml").read_text(encoding="utf-8")))


def test_sitemap_dates_come_from_the_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    site.mkdir()
    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset>\n    <url>\n         <loc>https://x/</loc>\n'
           f'         <lastmod>{dt.date.today().isoformat()}</lastmod>\n    </url>\n</urlset>')

    def fixed(date: dt.date | None) -> tuple[str, bytes]:
        (site / "sitemap.xml").write_text(xml, encoding="utf-8")
        (site / "sitemap.xml.gz").write_bytes(gzip.compress(xml.encode(), mtime=int(time.time())))
        postbuild.date_sitemap(site, date)
        return (site / "sitemap.xml").read_text(encoding="utf-8"), (site / "sitemap.xml.gz").read_bytes()

    first = fixed(dt.date(2026, 7, 1))
    assert _sitemap_dates(site) == {"2026-07-01"}
    assert gzip.decompress(first[1]).decode() == first[0]
    assert fixed(dt.date(2026, 7, 1)) == first  # the same bytes whatever day it is
    fixed(None)
    assert _sitemap_dates(site) == set()

    from build_tools import core
    result = core.validate(OTHER)
    newest = max(c.date for c in result.kb.cases.values())
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert postbuild.source_date(Site.of(result)) == dt.date.fromisoformat(f"{newest}-01")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2024, 5, 6, 12, tzinfo=dt.UTC).timestamp())))
    assert postbuild.source_date(Site.of(result)) == dt.date(2024, 5, 6)
