"""Shared by the programme tests: the small fixture root, goldens, PDFs as images."""
from __future__ import annotations

import subprocess
from pathlib import Path

from ..conftest import Golden, copy_tree, fanzha, write_files

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "root"   # six types, two cases, one short semester, tiny CSVs
GOLDEN = HERE / "golden"


def fixture_copy(tmp: Path, files: dict[str, str | bytes] | None = None) -> Path:
    """A copy of the fixture root with `files` (relative path → content) written over it."""
    return write_files(copy_tree(FIXTURE, tmp / "root"), files or {})


def fanzha_fails(tmp: Path, command: str, files: dict[str, str | bytes]) -> tuple[list[str], Path]:
    """`fanzha COMMAND --root R --out tmp/out` on a fixture copy with `files` over it must exit 1;
    the lines it printed and the output folder."""
    root = fixture_copy(tmp, files)
    out = tmp / "out"
    proc = fanzha(command, "--root", str(root), "--out", str(out))
    assert proc.returncode == 1
    return proc.stdout.splitlines(), out


def assert_golden(name: str, actual: bytes) -> None:
    """Compare with tests/programme/golden/<name>; FANZHA_UPDATE_GOLDEN=1 rewrites it."""
    Golden().assert_bytes(GOLDEN / name, actual)


def pdf_pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def pdf_text(pdf: Path, mode: str = "-layout") -> str:
    """The PDF's text: `-layout` keeps the page's columns, `-raw` the order it was written in."""
    return subprocess.run(["pdftotext", mode, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def first_page_png(pdf: Path, dest: Path, dpi: int = 80) -> Path:
    """Page 1 of `pdf` as dest (a PNG) for a person to look at."""
    stem = dest.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "-f", "1", "-l", "1",
                    str(pdf), str(stem)], check=True)
    return stem.with_suffix(".png")


def tree_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


__all__ = ["FIXTURE", "GOLDEN", "assert_golden", "first_page_png", "fixture_copy", "pdf_pages", "pdf_text",
           "tree_files"]
