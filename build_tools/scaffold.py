"""New source files from templates (`fanzha new`) and new college repositories (`fanzha init`)."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

from . import templating
from .load.reader import ID_RE

TEMPLATES = Path(__file__).resolve().parent / "templates" / "new"
KINDS = {"case": ("cases", ".md"), "clip": ("clips", ".md"), "bank": ("quizzes", ".yml"), "kit": ("kits", ".yml"),
         "scenario": ("scenarios", ".yml")}
DEFAULT_CONTENT = ("mkdocs.yml", "taxonomy.yml", "search.yml", "cases", "clips", "quizzes", "kits", "scenarios", "docs", "schemas",
                   ".vscode")


class ScaffoldError(Exception):
    """Cannot create the file or folder; the message says why."""


def review_date(today: dt.date) -> dt.date:
    """18 months ahead, on the last safe day of that month."""
    month = today.month + 18
    year, month = today.year + (month - 1) // 12, (month - 1) % 12 + 1
    return dt.date(year, month, min(today.day, 28))


def new_item(root: Path, kind: str, item_id: str, type_id: str, today: dt.date) -> Path:
    """Write a new source file from its template; never overwrites."""
    if not ID_RE.match(item_id):
        raise ScaffoldError(f"id '{item_id}': use lowercase letters, digits and '-' only")
    folder, suffix = KINDS[kind]
    path = root / folder / f"{item_id}{suffix}"
    if path.exists():
        raise ScaffoldError(f"{path.relative_to(root)} already exists; choose another id or edit that file")
    env = templating.environment(TEMPLATES, autoescape=False, trim_blocks=False)  # YAML and Markdown
    text = env.get_template(f"{kind}{suffix}.j2").render(
        id=item_id, type=type_id, month=f"{today.year:04d}-{today.month:02d}",
        review_by=review_date(today).isoformat(), year=today.year)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as f:  # "x": fail rather than overwrite a racing writer
        f.write(text)
    return path


def default_content_root() -> Path:
    """The folder holding the default content (the repository this package is in)."""
    here = Path(__file__).resolve().parent.parent
    if not (here / "taxonomy.yml").is_file():
        raise ScaffoldError(f"the default content is not next to the package ({here}); "
                            "install fanzha-kb from its repository (pip install -e .)")
    return here


def init_repository(target: Path) -> list[str]:
    """Copy settings, folders and default content into a new folder, atomically."""
    if target.exists() and any(target.iterdir()):
        raise ScaffoldError(f"{target} exists and is not empty; give a new folder")
    source = default_content_root()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.init-", dir=target.parent))
    except OSError as exc:
        raise ScaffoldError(f"{target}: cannot create a folder there ({exc.strerror or exc})") from None
    try:
        copied = [name for name in DEFAULT_CONTENT if _copy(source / name, tmp / name)]
        (tmp / ".gitignore").write_text("/site/\n/.venv/\n/node_modules/\n", encoding="utf-8")
        if target.exists():
            target.rmdir()
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return copied


def _copy(src: Path, dst: Path) -> bool:
    if src.is_dir():
        shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__", ".*.swp"))
        return True
    if src.is_file():
        shutil.copy2(src, dst)
        return True
    return False
