"""Search words as data (build_tools/search/words.py): validated at file:line, pinyin made at build time."""
from __future__ import annotations

import json
from pathlib import Path

from build_tools import core
from build_tools.search import words

TAXONOMY = """types:
  - id: shuadan
    name: 刷单返利
    group: mps
    summary: 兼职刷单，先返小利。
    search: [刷单, 兼职, 骗, 兼职, {long}]
  - id: qiuzhi
    name: 求职招聘诈骗
    group: campus
    summary: 假招聘收费。
    search: [兼职]
""".format(long="很长" * 16)


def _root(tmp_path: Path, taxonomy: str = TAXONOMY, search_yml: str | None = None,
          pages: dict[str, str] | None = None) -> Path:
    (tmp_path / "taxonomy.yml").write_text(taxonomy, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: 测试\nplugins: [fanzha]\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    for name, text in (pages or {}).items():
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    if search_yml is not None:
        (tmp_path / "search.yml").write_text(search_yml, encoding="utf-8")
    return tmp_path


def _search_problems(root: Path) -> list[str]:
    return [str(p) for p in core.validate(root).problems if p.code.startswith("search")]


def test_bad_taxonomy_search_words_are_errors_at_their_line(tmp_path: Path) -> None:
    found = _search_problems(_root(tmp_path))
    assert any(p.startswith("taxonomy.yml:6:") and "error search-word" in p and "'骗' is one character" in p
               for p in found), found
    assert any(p.startswith("taxonomy.yml:6:") and "listed twice" in p for p in found), found
    assert any(p.startswith("taxonomy.yml:6:") and "is 32 characters" in p for p in found), found
    # the same word in two types: a warning at the second one's line
    assert any(p.startswith("taxonomy.yml:11:") and "warning search-word-shared" in p for p in found), found


def test_search_yml_and_front_matter_are_checked(tmp_path: Path) -> None:
    root = _root(tmp_path, TAXONOMY.replace(", 骗, 兼职, " + "很长" * 16, ""), "emergency:\n  page: help.md\n"
                 "  words: [被骗, 96110, 被骗]\nstaff: [guide.md, guide]\n",
                 {"page.md": "---\nsearch: [宿管, 宿]\n---\n# 页面\n"})
    found = _search_problems(root)
    assert any(p.startswith("search.yml:2:") and "error search-page" in p and "'help.md'" in p for p in found), found
    assert any(p.startswith("search.yml:3:") and "listed twice" in p for p in found), found
    assert any(p.startswith("search.yml:4:") and "'guide.md'" in p for p in found), found
    assert any(p.startswith("search.yml:4:") and "'guide': name a page by its Markdown path" in p for p in found), found
    assert any(p.startswith("docs/page.md:2:") and "'宿' is one character" in p for p in found), found


def test_clean_search_words_validate_and_become_the_box_data(tmp_path: Path) -> None:
    taxonomy = TAXONOMY.replace(", 骗, 兼职, " + "很长" * 16, "").replace("    search: [兼职]\n", "")
    root = _root(tmp_path, taxonomy, "emergency:\n  page: help.md\n  words: [被骗, 96110]\nstaff: [guide.md]\n",
                 {"help.md": "# 求助\n", "guide.md": "# 指南\n", "dorm.md": "---\nsearch: [宿管]\n---\n# 宿舍\n"})
    result = core.validate(root)
    assert not [p for p in result.problems if p.code.startswith("search")]
    data = json.loads(words.box_json(result.kb, root))
    assert data["emergency"] == "help.md" and data["distress"] == ["被骗", "96110"]
    pages = {p["page"]: p for p in data["pages"]}
    assert set(pages) == {"types/shuadan.md", "types/qiuzhi.md", "dorm.md", "help.md"}
    shuadan = pages["types/shuadan.md"]
    assert shuadan["words"][:3] == ["刷单返利", "刷单", "兼职"]
    # pinyin and initials, generated (nobody wrote them): each spells the Chinese word it is looked up as
    assert shuadan["as"]["shuadan"] == "刷单" and shuadan["as"]["sdfl"] == "刷单返利"
    assert pages["types/qiuzhi.md"]["as"]["qiuzhizhaopinzhapian"] == "求职招聘诈骗"
    assert pages["dorm.md"]["words"] == ["宿管"] and pages["dorm.md"]["as"] == {"suguan": "宿管"}
    theme = words.theme_data(result.kb, root)
    assert theme["staff"] == ["guide.md"] and "help.md" in theme["targets"]


def test_names_split_into_the_parts_students_type() -> None:
    assert words._name_parts("网络婚恋交友（杀猪盘）") == ["网络婚恋交友", "杀猪盘"]
    assert words._name_parts("冒充老师/辅导员收费") == ["冒充老师", "辅导员收费"]
    assert words._name_parts("刷单返利") == []
    assert words.norm("ＡＰＰ 下载") == "app下载"
    assert words.pinyin_forms("两卡") == ["liangka"] and words.pinyin_forms("AI换脸") == ["huanlian"]
