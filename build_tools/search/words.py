"""Search words: what students type that the pages may not say, as data.

Three sources, read by load/searchwords.py and validated by `fanzha validate` (checks/searchwords.py):

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
from pathlib import Path
from typing import Any

from ..load.searchwords import norm, page_words, read_settings
from ..model import KnowledgeBase
from ..urls import SiteUrls

BOX_FILE = "assets/fanzha/search/words.json"  # served beside search.js; the box fetches it on first use
TARGET_KEY = "fzpage"    # data-pagefind-filter="fzpage:<src_uri>": lets the box fetch one page's result
AUDIENCE_KEY = "fzfor"   # data-pagefind-filter="fzfor:学生|教师"
STUDENTS, STAFF = "学生", "教师"
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_LATIN = re.compile(r"^[0-9a-z]+$")


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
        out[SiteUrls.src("type", t.id)] = _entry([t.name, *names, *t.search], names)
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
