"""Search words as written (what `fanzha validate` checks and the search box gets; issue 14).

Reads `search.yml` at the root (the emergency page, its distress words, the staff pages) and the
`search:` lists in the front matter of hand-written pages, each problem at its file:line; the
taxonomy's `search:` lists are read with taxonomy.yml (load/content.py). checks/searchwords.py
checks them all; search/words.py turns them into what the site's search box fetches.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Pos
from ..problem import Problem, error, warning
from .frontmatter import split_front_matter
from .text import UnreadableFile, read_text
from .yamlpos import parse_yaml

SEARCH_FILE = "search.yml"
MAX_WORD = 30            # characters; a search word is a word or short phrase, not a sentence


@dataclass
class SearchSettings:
    """search.yml: the emergency page, its words, the staff pages (src paths under docs/)."""

    emergency: str = ""
    distress: list[str] = field(default_factory=list)
    staff: list[str] = field(default_factory=list)


def norm(word: str) -> str:
    """How the box compares words: lower case, full-width letters and digits made half-width, no spaces."""
    out = []
    for ch in word:
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E:
            ch = chr(code - 0xFEE0)
        out.append(ch)
    return re.sub(r"\s+", "", "".join(out)).lower()


def read_settings(root: Path | None) -> tuple[SearchSettings, list[Problem]]:
    """search.yml at `root`, if there is one; problems at file:line."""
    settings = SearchSettings()
    if root is None or not (root / SEARCH_FILE).is_file():
        return settings, []
    try:
        text = read_text(root / SEARCH_FILE, SEARCH_FILE)
    except UnreadableFile as exc:
        return settings, [exc.problem]
    doc, problems = parse_yaml(text, SEARCH_FILE)
    if doc is None or doc.data is None:
        return settings, problems
    data = doc.data
    if not isinstance(data, dict):
        return settings, [*problems, error(doc.pos(), "wrong-type",
                                           f"{SEARCH_FILE}: expected keys emergency and staff")]
    for key in data:
        if key not in ("emergency", "staff"):
            problems.append(warning(doc.key_pos(key), "unknown-key",
                                    f"unknown key '{key}' in {SEARCH_FILE} (expected emergency, staff)"))
    emergency = data.get("emergency")
    if emergency is not None:
        if not isinstance(emergency, dict):
            problems.append(error(doc.pos("emergency"), "wrong-type",
                                  "emergency: expected a mapping with page (a page under docs/) and words"))
        else:
            for key in emergency:
                if key not in ("page", "words"):
                    problems.append(warning(doc.key_pos("emergency", key), "unknown-key",
                                            f"unknown key 'emergency.{key}' (expected page, words)"))
            page = emergency.get("page")
            if not isinstance(page, str) or not page.strip():
                problems.append(error(doc.pos("emergency", "page") if page is not None else doc.pos("emergency"),
                                      "missing-key" if page is None else "wrong-type",
                                      "emergency.page: expected the emergency page's path under docs/, "
                                      "e.g. emergency.md"))
            else:
                settings.emergency = page.strip()
            settings.distress = _word_list(doc, ("emergency", "words"), emergency.get("words"), problems,
                                           "emergency.words")
    staff = data.get("staff")
    if staff is not None:
        if not isinstance(staff, list):
            problems.append(error(doc.pos("staff"), "wrong-type",
                                  "staff: expected a list of page paths under docs/ (authoring.md, …)"))
        else:
            for i, page in enumerate(staff):
                if not isinstance(page, str) or not page.strip():
                    problems.append(error(doc.pos("staff", i), "wrong-type",
                                          f"staff[{i}]: expected a page path under docs/, e.g. authoring.md"))
                else:
                    settings.staff.append(page.strip())
    return settings, problems


def _word_list(doc: Any, path: tuple[Any, ...], value: Any, problems: list[Problem], what: str) -> list[str]:
    if value is None:
        problems.append(error(doc.pos(*path[:-1]), "missing-key", f"{what}: missing (a list of search words)"))
        return []
    if not isinstance(value, list):
        problems.append(error(doc.pos(*path), "wrong-type", f"{what}: expected a list of search words"))
        return []
    words = []
    for i, word in enumerate(value):
        if isinstance(word, (int, float)) and not isinstance(word, bool):
            word = str(word)  # 110, 96110
        if not isinstance(word, str):
            problems.append(error(doc.pos(*path, i), "wrong-type", f"{what}[{i}]: expected a word, found {word!r}"))
            continue
        words.append(word)
    problems.extend(word_problems(words, [doc.pos(*path, i) for i in range(len(value))], what))
    return [w.strip() for w in words if w.strip()]


def word_problems(words: list[str], positions: list[Pos], what: str) -> list[Problem]:
    """Empty, over-long and repeated search words: errors at the word's own line."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}  # normalised word → its first index
    for i, word in enumerate(words):
        pos = positions[i] if i < len(positions) else positions[-1]
        key = norm(word)
        if not key:
            problems.append(error(pos, "search-word", f"{what}[{i}]: an empty search word; remove it"))
        elif len(key) > MAX_WORD:
            problems.append(error(pos, "search-word", f"{what}[{i}]: '{word}' is {len(key)} characters; a search "
                                  f"word is a word or short phrase (at most {MAX_WORD})"))
        elif len(key) < 2:
            problems.append(error(pos, "search-word", f"{what}[{i}]: '{word}' is one character; it would match "
                                  f"almost every query, use two or more"))
        elif key in seen:
            problems.append(error(pos, "search-word", f"{what}[{i}]: '{word}' is listed twice "
                                  f"(first as {what}[{seen[key]}])"))
        else:
            seen[key] = i
    return problems


def docs_dir(root: Path, docs: str = "docs") -> Path:
    """The hand-written pages' folder: `docs` is settings.docs_dir (mkdocs.yml, read once)."""
    return root / docs


def page_words(root: Path | None, docs: str = "docs") -> tuple[dict[str, list[str]], list[Problem]]:
    """`search:` words in the front matter of hand-written pages: src path (under docs/) → words."""
    out: dict[str, list[str]] = {}
    problems: list[Problem] = []
    if root is None:
        return out, problems
    docs_path = docs_dir(root, docs)
    if not docs_path.is_dir():
        return out, problems
    for path in sorted(docs_path.rglob("*.md")):
        rel = path.relative_to(root).as_posix()
        try:
            text = read_text(path, rel)
        except UnreadableFile:
            continue  # checks/docs.py reports it
        if not text.startswith("---"):
            continue
        md, _ = split_front_matter(text, rel)  # MkDocs reads the rest; only `search` is ours
        if md.meta is None or not isinstance(md.meta.data, dict) or "search" not in md.meta.data:
            continue
        value = md.meta.data["search"]
        if isinstance(value, str):
            value = [value]
        words = _word_list(md.meta, ("search",), value, problems, "search")
        if words:
            out[path.relative_to(docs_path).as_posix()] = words
    return out, problems
