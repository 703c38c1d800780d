"""Glyph coverage: every character of content text must be in the PDF fonts.

WeasyPrint quietly falls back to any installed font that has a character (or
draws an empty box when none has it), so a missing character is found here,
before rendering, against the font files themselves; the error names the
source item and its position. WeasyPrint's own warning is a second net
(typeset.py turns it into an error too).
"""
from __future__ import annotations

import functools
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .. import placeholders
from .errors import PdfBuildError

# The families the stylesheet uses (templates/pdf/style.css); both must have every character.
FONT_FAMILIES = ("Noto Serif CJK SC", "Noto Sans CJK SC")
_INSTALL_HINT = "install the Debian package fonts-noto-cjk (./run build does)"


@dataclass(frozen=True)
class Source:
    """A piece of content text and where it came from (`path:line:col` and which item)."""

    where: str
    item: str
    text: str


def check(sources: Iterable[Source], college: dict[str, str]) -> None:
    """Raise PdfBuildError listing every character a PDF font lacks (and every unknown
    `{{ college.X }}` placeholder), each with its source."""
    have = covered()
    lines: list[str] = []
    for src in sources:
        try:
            placeholders.fill(src.text, college)
        except placeholders.UnknownPlaceholder as exc:
            lines.append(f"{src.where}: error unknown-placeholder {src.item}: {exc}")
        missing = sorted({ch for ch in src.text if ord(ch) not in have and not _invisible(ch)})
        if missing:
            chars = ", ".join(_describe(c) for c in missing)
            lines.append(f"{src.where}: error missing-glyph {src.item}: {chars} not in the "
                         f"PDF font {FONT_FAMILIES[0]}; replace the character (or use a common form)")
    if lines:
        lines = sorted(set(lines))
        raise PdfBuildError(f"{len(lines)} problem(s) in text for the PDFs:\n" + "\n".join(lines))


def _describe(ch: str) -> str:
    name = unicodedata.name(ch, "") or ("a private-use character" if unicodedata.category(ch) == "Co"
                                        else "an unassigned character")
    return f"U+{ord(ch):04X} {name} '{ch}'"


def _invisible(ch: str) -> bool:
    # Line ends, tabs and other controls never reach the page as glyphs.
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf")


@functools.lru_cache(maxsize=1)
def covered() -> frozenset[int]:
    """Code points every family in FONT_FAMILIES maps to a glyph."""
    sets = [_cmap(*font_file(family)) for family in FONT_FAMILIES]
    return frozenset(set.intersection(*sets))


def font_file(family: str) -> tuple[str, int]:
    """(file, index in a collection) fontconfig uses for `family` in Simplified Chinese."""
    if shutil.which("fc-match") is None:
        raise PdfBuildError(f"fc-match (fontconfig) not found; cannot locate the font {family}; "
                            + _INSTALL_HINT)
    out = subprocess.run(["fc-match", "-f", "%{family}\t%{file}\t%{index}", f"{family}:lang=zh-cn"],
                         capture_output=True, text=True, check=False).stdout
    families, path, index = (out.split("\t") + ["", "", "0"])[:3]
    if family not in families.split(","):
        raise PdfBuildError(f"the font {family} is not installed (fontconfig offers "
                            f"{families or 'nothing'} instead); {_INSTALL_HINT}")
    return path, int(index or 0)


def _cmap(path: str, index: int) -> set[int]:
    from fontTools.ttLib import TTFont

    kwargs = {"fontNumber": index} if path.lower().endswith((".ttc", ".otc")) else {}
    with TTFont(path, lazy=True, **kwargs) as font:
        return set(font.getBestCmap())
