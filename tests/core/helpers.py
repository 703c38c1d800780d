"""Building small content trees for core tests."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from build_tools import core
from build_tools.settings import Settings

from ..conftest import Golden, write_files

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

# the head of a bank file for the `shuadan` type of TAXONOMY; its questions follow
SHUADAN_BANK_HEAD = """bank: shuadan
title: 刷单返利
type: shuadan
questions:
"""


def make_tree(root: Path, files: dict[str, str | bytes], base: bool = True) -> Path:
    """Write a content root: the base mkdocs.yml and taxonomy.yml, then `files` over them."""
    all_files: dict[str, str | bytes] = {"mkdocs.yml": MKDOCS_YML, "taxonomy.yml": TAXONOMY} if base else {}
    all_files.update(files)
    write_files(root, all_files)
    (root / "docs").mkdir(exist_ok=True)
    if not (root / "docs" / "index.md").exists():
        (root / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    return root


def lines(root: Path) -> list[str]:
    """The validator's output lines for a tree, with the fixed date."""
    result = core.validate(root, Settings(), today=TODAY)
    return [str(p) for p in result.problems]


def check_golden_fixture(fixture: Path, tmp_path: Path, golden: Golden) -> None:
    """A golden fixture (YAML: description, files, expected) validated in tmp_path: the exact lines.

    With FANZHA_UPDATE_GOLDEN=1, `expected` is rewritten from the current output instead."""
    spec = yaml.safe_load(fixture.read_text(encoding="utf-8"))
    got = lines(make_tree(tmp_path, spec["files"]))
    if golden.update:
        _rewrite_expected(fixture, got)
        return
    assert got == spec["expected"], spec["description"]


def _rewrite_expected(fixture: Path, got: list[str]) -> None:
    text = fixture.read_text(encoding="utf-8")
    head = text[: text.index("\nexpected:")]
    body = "\n".join(f"  - {yaml.safe_dump(line, allow_unicode=True, width=10**6).strip()}" for line in got)
    fixture.write_text(f"{head}\nexpected:\n{body}\n" if got else f"{head}\nexpected: []\n", encoding="utf-8")
