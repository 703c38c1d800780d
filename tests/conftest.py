"""Shared fixtures: the default content built once, served on localhost, and a real browser."""
from __future__ import annotations

import fcntl
import functools
import gzip
import http.server
import io
import os
import shutil
import socketserver
import subprocess
import sys
import threading
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "test-output"  # screenshots and rendered pages for a person to look at
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def fanzha(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real `fanzha` command; returns the finished process."""
    return subprocess.run([sys.executable, "-m", "build_tools.cli", *args], cwd=cwd or REPO,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})


class Golden:
    """Golden files: output compared with a stored file. With FANZHA_UPDATE_GOLDEN=1 set, the stored
    file is rewritten from the current output first (then read the diff before committing)."""

    def __init__(self, update: bool | None = None) -> None:
        self.update = bool(os.environ.get("FANZHA_UPDATE_GOLDEN")) if update is None else update

    def write(self, path: Path, data: bytes | str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")

    def assert_bytes(self, path: Path, actual: bytes) -> None:
        """`actual` equals the file's bytes (rewritten first when updating)."""
        if self.update:
            self.write(path, actual)
        assert path.is_file(), f"no golden file {path}; run with FANZHA_UPDATE_GOLDEN=1 to create it"
        assert actual == path.read_bytes(), f"{path.name} differs from its golden file (FANZHA_UPDATE_GOLDEN=1 to accept)"


@pytest.fixture
def golden() -> Golden:
    """The golden-file comparison; `golden.update` is true when FANZHA_UPDATE_GOLDEN=1 asks to rewrite."""
    return Golden()


def write_files(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write `files` (path relative to root → text or bytes) under root, making folders."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT


@pytest.fixture(scope="session")
def default_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default content built once per test run with `fanzha build` (read only).

    With pytest-xdist the workers share one build: the first to get the lock builds it into the
    run's common temporary folder, the others wait and use it (about 40 s saved per extra worker).
    """
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        base = tmp_path_factory.mktemp("default-site")
    else:
        base = tmp_path_factory.getbasetemp().parent / "default-site"  # common to the run's workers
        base.mkdir(exist_ok=True)
    out, done = base / "site", base / "built"
    with (base / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            proc = fanzha("build", "--root", str(REPO), "--out", str(out))
            assert proc.returncode == 0, proc.stdout + proc.stderr
            done.touch()
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve_folder(folder: Path) -> tuple[str, socketserver.TCPServer]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


def serving(folder: Path) -> Iterator[str]:
    """For a fixture to `yield from`: the folder's base URL (no trailing slash), the server stopped after."""
    url, server = serve_folder(folder)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def site_url(default_site: Path) -> Iterator[str]:
    """Base URL (no trailing slash) of the default site on a localhost server."""
    yield from serving(default_site)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian chromium driven by Playwright."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install the Debian package chromium (./run test does)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})  # type: ignore[attr-defined]
    pg = context.new_page()
    yield pg
    context.close()


# Settings as a college publishing its site fills them in: with the default mkdocs.yml's placeholders
# (（请填写…）, 某某学院, an example.* site_url) `--strict` builds fail (build_tools/unfinished.py).
FILLED_SETTINGS = {
    "site_url": "https://fanzha.jiangcheng-college.test/",
    "college_name": "江城职业技术学院",
    "security_phone": "027-8600 1110",
    "police_station": "江城路派出所",
    "police_phone": "027-8600 2110",
    "counselling_phone": "027-8600 3120",
    "wechat": "江城职院平安校园",
    "discipline_rules": "《江城职业技术学院学生违纪处分办法》第二十六条",
}


def fill_in_settings(root: Path) -> Path:
    """Rewrite root/mkdocs.yml with FILLED_SETTINGS in place of the placeholder values it has."""
    import re

    path = root / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    for key, value in FILLED_SETTINGS.items():
        text = re.sub(rf"(?m)^([ \t]*{key}:)[ \t].*$", lambda m, value=value: f"{m.group(1)} {value}", text)
    path.write_text(text, encoding="utf-8")
    return root


def pdf_text(data: bytes) -> str:
    """A PDF's text as pdftotext reads it."""
    proc = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True)
    return proc.stdout.decode("utf-8")


def file_texts(name: str, data: bytes, clean: Callable[[str], str] = str,
               clean_pdf: Callable[[str], str] = str) -> Iterator[tuple[str, str]]:
    """(where, text) of a built file, looking inside gzip (search index, sitemap), ZIP and PDF;
    `clean` is applied to plain text, `clean_pdf` to a PDF's text."""
    if data[:2] == b"\x1f\x8b":
        yield from file_texts(name + "!gunzip", gzip.decompress(data), clean, clean_pdf)
    elif data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                yield from file_texts(f"{name}!{member}", archive.read(member), clean, clean_pdf)
    elif data[:5] == b"%PDF-":
        yield name, clean_pdf(pdf_text(data))
    else:
        yield name, clean(data.decode("utf-8", errors="replace"))


def tree_texts(site: Path, texts: Callable[[str, bytes], Iterator[tuple[str, str]]]) -> dict[str, str]:
    """Every text of every file of a built site, by where it is (`texts` reads one file)."""
    out: dict[str, str] = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            out.update(texts(path.relative_to(site).as_posix(), path.read_bytes()))
    return out


def copy_tree(src: Path, dst: Path) -> Path:
    """A copy of a content root (for tests that break things)."""
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("site", ".venv", "node_modules", "test-output",
                                                            ".git", "*.egg-info", "__pycache__"))
    return dst
