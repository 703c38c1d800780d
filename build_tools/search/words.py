"""Search words: what students type that the pages may not say, as data.

Three sources, all validated by `fanzha validate` (build_tools/checks/searchwords.py):

- `taxonomy.yml`: a `search:` list per type (synonyms, slang, common typos);
  a query holding one of them puts the type's page first. Pinyin and initials of
  the type's name and of its Chinese search words are made here, at build time.
- a hand-written page's front matter: `search: [...]`, the same for that page.
- `search.yml` at the root (optional): the emergency page and the distress words
  that put it first (被骗, 报警, 96110…), and the staff pages (教师资料) that
  students' results leave out unless they ask for them.

`box_data` turns them into the small JSON the search box fetches with Pagefind
(on first use, never before); `theme_data` gives the content partial each page's
filter values. Imports nothing from MkDocs.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import KnowledgeBase, Pos
from ..problem import Problem, error, warning

SEARCH_FILE = "search.yml"
BOX_FILE = "assets/fanzha/search/words.json"  # served beside search.js; the box fetches it on first use
TARGET_KEY = "fzpage"    # data-pagefind-filter="fzpage:<src_uri>": lets the box fetch one page's result
AUDIENCE_KEY = "fzfor"   # data-pagefind-filter="fzfor:学生|教师"
STUDENTS, STAFF = "学生", "教师"
MAX_WORD = 30            # characters; a search word is a word or short phrase, not a sentence
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_LATIN = re.compile(r"^[0-9a-z]+$")


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


def pinyin_forms(text: str) -> list[str]:
    """Toneless pinyin of each Chinese run of `text` (刷单返利 → shuadanfanli) and, for runs of three
    or more characters, its initials (sdfl). Two-letter initials would match too much."""
    from pypinyin import Style, lazy_pinyin  # pinned in pyproject.toml

    forms: list[str] = []
    for run in _CJK.findall(text):
        forms.append("".join(lazy_pinyin(run)))
        if len(run) >= 3:
            forms.append("".join(lazy_pinyin(run, style=Style.FIRST_LETTER)))
    return [f for f in dict.fromkeys(forms) if _LATIN.match(f)]


# --- reading -------------------------------------------------------------------------------

def read_settings(root: Path | None) -> tuple[SearchSettings, list[Problem]]:
    """search.yml at `root`, if there is one; problems at file:line."""
    from ..load.text import UnreadableFile, read_text
    from ..load.yamlpos import parse_yaml

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
    problems, seen = [], {}
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
    from ..load.frontmatter import split_front_matter
    from ..load.text import UnreadableFile, read_text

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


def check(kb: KnowledgeBase, root: Path | None, docs: str = "docs") -> list[Problem]:
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
        from ..load.yamlpos import parse_yaml
        from ..load.text import read_text
        doc, _ = parse_yaml(read_text(root / SEARCH_FILE, SEARCH_FILE), SEARCH_FILE)
        pages = [(("emergency", "page"), settings.emergency)] if settings.emergency else []
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


# --- what the site gets --------------------------------------------------------------------

def targets(kb: KnowledgeBase, root: Path | None, docs: str = "docs") -> dict[str, dict[str, Any]]:
    """src_uri of every page a query can put first → {words, as, names}.

    words: what puts the page first (type pages: the name, its parts, the search words);
    as: pinyin and initials → the Chinese word they spell (looked up in its place);
    names: what the box also looks up when one of the page's words matched (a type's name parts),
    so a slang word or a typo still brings the pages that use the proper name."""
    out: dict[str, dict[str, Any]] = {}
    for t in kb.types.values():
        names = _name_parts(t.name) or [t.name]
        out[f"types/{t.id}.md"] = _entry([t.name, *names, *t.search], names)
    words, _ = page_words(root, docs)
    for src, ws in words.items():
        if src in out:
            out[src] = _entry([*out[src]["words"], *ws], out[src]["names"])
        else:
            out[src] = _entry(ws, [])
    return out


def _entry(words: list[str], names: list[str]) -> dict[str, Any]:
    alias: dict[str, str] = {}
    for w in words:
        for form in pinyin_forms(w):
            alias.setdefault(form, norm(w))
    return {"words": _unique(words), "as": {k: v for k, v in alias.items() if k not in _unique(words)},
            "names": _unique(names)}


def _name_parts(name: str) -> list[str]:
    """What a type name holds in brackets or around a slash: 网络婚恋交友（杀猪盘） → 网络婚恋交友, 杀猪盘."""
    parts = [p.strip() for p in re.split(r"[（）()/／、]", name) if len(p.strip()) >= 2]
    return [p for p in parts if p != name]


def _unique(words: list[str]) -> list[str]:
    return [w for w in dict.fromkeys(norm(w) for w in words) if len(w) >= 2]


def box_data(kb: KnowledgeBase, root: Path | None, docs: str = "docs") -> dict[str, Any]:
    """The JSON the search box fetches on first use."""
    settings, _ = read_settings(root)
    pages = targets(kb, root, docs)
    if settings.emergency and settings.emergency not in pages:
        pages[settings.emergency] = _entry([], [])
    return {
        "targetKey": TARGET_KEY, "audienceKey": AUDIENCE_KEY, "students": STUDENTS,
        "emergency": settings.emergency or None,
        "distress": _unique(settings.distress),
        "pages": [{"page": src, **entry} for src, entry in pages.items()],
    }


def box_json(kb: KnowledgeBase, root: Path | None, docs: str = "docs") -> str:
    return json.dumps(box_data(kb, root, docs), ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def theme_data(kb: KnowledgeBase, root: Path | None, docs: str = "docs") -> dict[str, Any]:
    """What the content partial looks up by page.file.src_uri: target pages and staff pages."""
    settings, _ = read_settings(root)
    pages = set(targets(kb, root, docs))
    if settings.emergency:
        pages.add(settings.emergency)
    return {"target_key": TARGET_KEY, "audience_key": AUDIENCE_KEY, "students": STUDENTS, "staff_label": STAFF,
            "targets": sorted(pages), "staff": sorted(set(settings.staff))}
