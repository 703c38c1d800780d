"""Where output may go: the one rule `fanzha build` and every command's --out follow.

Output never goes over the content: not the content root itself, not its settings files
(mkdocs.yml, taxonomy.yml, search.yml) and not into a source folder (cases/, clips/, quizzes/,
kits/, scenarios/, programme/ and the hand-written pages, docs_dir). Each command words the refusal
for what it writes; some refuse more (the public site for exam-only papers, a folder a build would
replace as a whole).
"""
from __future__ import annotations

from pathlib import Path

from .load.content import SOURCE_DIRS
from .load.programme import PROGRAMME_DIR

CONTENT_FILES = ("mkdocs.yml", "taxonomy.yml", "search.yml")


def content_paths(root: Path, docs_dir: str = "docs") -> list[Path]:
    """The content's settings files and source folders under `root`."""
    names = (*CONTENT_FILES, *SOURCE_DIRS, PROGRAMME_DIR)
    return [root / name for name in names] + [root / docs_dir]


def content_place(root: Path, out: Path, docs_dir: str = "docs") -> Path | None:
    """What of the content `out` would write over: `root` itself, or the settings file or source
    folder that `out` is or lies in; None when it is outside all of them (both paths resolved)."""
    root, out = root.resolve(), out.resolve()
    if out == root:
        return root
    for place in content_paths(root, docs_dir):
        if out == place or place in out.parents:
            return place
    return None


def shown_place(root: Path, place: Path) -> str:
    """A content place as messages name it: `quizzes/`, `mkdocs.yml`, or the content root."""
    if place == root.resolve():
        return "the content root"
    rel = place.relative_to(root.resolve()).as_posix()
    return rel if place.name in CONTENT_FILES else f"{rel}/"
