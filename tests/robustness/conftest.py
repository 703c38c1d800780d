"""Fixtures for the robustness tests: two content trees that are not ours, each built once.

- fixtures/other-college: another college's content (its own taxonomy, cases, clips, banks,
  kits and settings; docs/index.md only; a mkdocs.yml with only theme, settings and plugin).
- fixtures/hostile: text that tries to break out of HTML, scripts, JSON, templates and the
  page width in every field, and in the settings.
"""
from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..conftest import fanzha, file_texts, serving, tree_texts

HERE = Path(__file__).resolve().parent
OTHER = HERE / "fixtures" / "other-college"
HOSTILE = HERE / "fixtures" / "hostile"

# The payloads the hostile tree (fixtures/hostile) puts into every field.
SCRIPT = "</script><script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
JINJA = "{{ 7*7 }}"
RAW = "{% raw %}"
IFRAME = "<iframe src=javascript:alert(1)></iframe>"
LONG = "W" * 320

# Words only the default content has: none may appear in another college's site.
DEFAULT_MARKERS = ("刷单返利", "冒充公检法", "杀猪盘", "shuadan", "gongjianfa", "某某学院", "请填写",
                   "class-meeting", "fanzha.example.edu.cn")
EXAM_MARKER = "DHEXAMONLY"  # only in the other college's exam_only questions


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """`fanzha ARGS`; asserts it never ends in a traceback or an internal error."""
    proc = fanzha(*args)
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    assert proc.returncode != 3, proc.stderr
    return proc


def call(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """`fanzha ARGV` in this process (the same entry point, without starting an interpreter each time):
    exit code, stdout, stderr. Asserts it never ends in a traceback or an internal error."""
    from build_tools import cli

    try:
        code = cli.main(argv)
    except SystemExit as exc:  # argparse's own usage errors
        code = int(exc.code or 0)
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err and code != cli.EXIT_INTERNAL, out.err
    return code, out.out, out.err


def copy(src: Path, dst: Path) -> Path:
    """A writable copy of a fixture tree (without any site built into it)."""
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("site"))
    return dst


def build(root: Path, out: Path, *extra: str) -> Path:
    proc = run("build", "--root", str(root), "--out", str(out), *extra)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


@pytest.fixture(scope="session")
def other_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The other college built once with `fanzha build --strict`."""
    return build(OTHER, tmp_path_factory.mktemp("other") / "site", "--strict")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile tree built once with `fanzha build`."""
    return build(HOSTILE, tmp_path_factory.mktemp("hostile") / "site")


@pytest.fixture(scope="session")
def other_url(other_site: Path) -> Iterator[str]:
    yield from serving(other_site)


@pytest.fixture(scope="session")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    yield from serving(hostile_site)


def texts(name: str, data: bytes) -> Iterator[tuple[str, str]]:
    """(where, text) of a built file, looking inside gzip (search index, sitemap), ZIP and PDF."""
    # the search index puts U+200B between words
    return file_texts(name, data, clean=lambda text: text.replace("\u200b", ""))


def site_texts(site: Path) -> dict[str, str]:
    return tree_texts(site, texts)


def page_paths(site: Path) -> list[str]:
    """Site paths ('' for home, 'cases/x/') of every page of a built site."""
    return sorted("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
                  for p in site.rglob("index.html") if "pagefind" not in p.parts)
