"""Search words (load/searchwords.py, issue 14): taxonomy `search:` lists, search.yml, pages' front matter.

Empty, one-character, over-long and repeated words are errors at the word's line; a word two types
share is a warning; search.yml must name pages that exist under docs/ (or that the build writes).
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..load.searchwords import SEARCH_FILE, docs_dir, norm, page_words, read_settings, word_problems
from ..load.text import read_text
from ..load.yamlpos import parse_yaml
from ..model import KnowledgeBase, Pos
from ..problem import Problem, error, warning
from .context import Context


def check(ctx: Context) -> Iterator[Problem]:
    yield from check_words(ctx.kb, ctx.root, ctx.settings.docs_dir)


def check_words(kb: KnowledgeBase, root: Path | None, docs: str = "docs") -> list[Problem]:
    """Every problem with search words: taxonomy lists, search.yml, pages' front matter."""
    problems: list[Problem] = []
    owner: dict[str, str] = {}
    for t in kb.types.values():
        words = list(t.search)
        problems.extend(word_problems(words, [t.at(f"search[{i}]") for i in range(len(words))] or [t.pos],
                                      f"types[{t.id}].search"))
        for i, word in enumerate(words):
            key = norm(word)
            if key in owner and owner[key] != t.id:
                problems.append(warning(t.at(f"search[{i}]"), "search-word-shared",
                                        f"'{word}' is a search word of both {owner[key]} and {t.id}: the query "
                                        f"puts both type pages first; keep it in one type if it belongs to one"))
            owner.setdefault(key, t.id)
    settings, found = read_settings(root)
    problems.extend(found)
    _, found = page_words(root, docs)
    problems.extend(found)
    if root is not None and (root / SEARCH_FILE).is_file():
        docs_path = docs_dir(root, docs)
        doc, _ = parse_yaml(read_text(root / SEARCH_FILE, SEARCH_FILE), SEARCH_FILE)
        pages: list[tuple[tuple[str | int, ...], str]] = [(("emergency", "page"), settings.emergency)] if settings.emergency else []
        pages += [(("staff", i), p) for i, p in enumerate(settings.staff)]
        for path, page in pages:
            if not page.endswith(".md"):
                problems.append(error(doc.pos(*path) if doc else Pos(SEARCH_FILE), "search-page",
                                      f"'{page}': name a page by its Markdown path under docs/, e.g. emergency.md"))
            elif not (docs_path / page).is_file() and not _generated(page):
                problems.append(error(doc.pos(*path) if doc else Pos(SEARCH_FILE), "search-page",
                                      f"'{page}': no such page in {docs_path.relative_to(root).as_posix()}/"))
    return problems


_GENERATED = ("types/", "cases/", "clips/", "quizzes/", "kits/", "programme/")


def _generated(page: str) -> bool:
    """Pages the build writes (reminders, type pages…): they have no file under docs/."""
    return page.startswith(_GENERATED)
