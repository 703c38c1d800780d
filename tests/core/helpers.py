"""Building small content trees for core tests."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from build_tools import core
from build_tools.settings import Settings

TODAY = dt.date(2026, 11, 28)  # fixed, so date checks give the same answer every day

MKDOCS_YML = """site_name: 测试学院反诈知识库
site_url: https://fanzha.test.example/
theme:
  name: material
  language: zh
  font: false
plugins:
  - fanzha
"""

TAXONOMY = """types:
  - id: shuadan
    name: 刷单返利
    group: mps
    list_year: 2024
    summary: 以兼职刷单为饵诱导垫付资金。
  - id: gongjianfa
    name: 冒充公检法及政府机关
    group: mps
    list_year: 2024
    summary: 冒充公检法要求把钱转入安全账户。
"""


def make_tree(root: Path, files: dict[str, str | bytes], base: bool = True) -> Path:
    """Write a content root: the base mkdocs.yml and taxonomy.yml, then `files` over them."""
    all_files: dict[str, str | bytes] = {"mkdocs.yml": MKDOCS_YML, "taxonomy.yml": TAXONOMY} if base else {}
    all_files.update(files)
    for rel, content in all_files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    if not (root / "docs" / "index.md").exists():
        (root / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    return root


def lines(root: Path) -> list[str]:
    """The validator's output lines for a tree, with the fixed date."""
    result = core.validate(root, Settings(), today=TODAY)
    return [str(p) for p in result.problems]
