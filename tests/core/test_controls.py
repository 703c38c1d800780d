"""Control characters (Word's Shift+Enter U+000B and friends): an error at their place, and no export
meets them (they used to end xlsx, Moodle and QTI exports in an internal error)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import SHUADAN_BANK_HEAD, lines, make_tree

REPO = Path(__file__).resolve().parents[2]

BANK = SHUADAN_BANK_HEAD + """  - id: shuadan-001
    kind: judge
    stem: {stem}
    answer: 错误
    explanation: 刷单返利是诈骗。
    exam_only: false
"""

CASE = """---
id: shuadan-case
title: 刷单
type: shuadan
audience: [学生]
date: 2025-01
provenance: 编写示例
summary: 一个案例。
---
## 经过

{body}
"""


@pytest.mark.parametrize("stem, line, col, code", [
    ('"兼职\\v刷单能赚钱"', 7, 11, "U+000B"),
    ('"兼职\\x07刷单能赚钱"', 7, 11, "U+0007"),
    ('"兼职\\f刷单能赚钱"', 7, 11, "U+000C"),
    ('"兼职\\x9b刷单能赚钱"', 7, 11, "U+009B"),
    ('"兼职\\uffff刷单能赚钱"', 7, 11, "U+FFFF"),
])
def test_escaped_control_character_in_a_yaml_value_is_an_error_at_the_value(tmp_path: Path, stem: str, line: int,
                                                                            col: int, code: str) -> None:
    root = make_tree(tmp_path, {"quizzes/shuadan.yml": BANK.format(stem=stem)})
    found = [x for x in lines(root) if "control-character" in x]
    assert found and found[0].startswith(f"quizzes/shuadan.yml:{line}:{col}: error control-character {code}")


def test_tab_newline_and_plain_text_are_fine(tmp_path: Path) -> None:
    root = make_tree(tmp_path, {"quizzes/shuadan.yml": BANK.format(stem='"兼职\\t刷单\\n能赚钱"'),
                                "cases/shuadan-case.md": CASE.format(body="一天\t下午。\r\n")})
    assert not [x for x in lines(root) if "control-character" in x]


def test_raw_control_character_in_a_case_body_is_an_error_at_its_column(tmp_path: Path) -> None:
    root = make_tree(tmp_path, {"cases/shuadan-case.md": CASE.format(body="一天\x0b下午，她接到电话。")})
    found = [x for x in lines(root) if "control-character" in x]
    assert found == [next(x for x in found)]
    assert found[0].startswith("cases/shuadan-case.md:12:3: error control-character U+000B")
    assert "line break" in found[0]


@pytest.mark.parametrize("fmt", ["xlsx", "moodle", "qti", "wjx", "text", "gift"])
def test_no_export_ends_in_an_internal_error(tmp_path: Path, fmt: str) -> None:
    root = make_tree(tmp_path / "root", {"quizzes/shuadan.yml": BANK.format(stem='"兼职\\v刷单\\x07能赚钱"')})
    proc = subprocess.run([sys.executable, "-m", "build_tools.cli", "export", "--root", str(root), "--format", fmt,
                           "--out", str(tmp_path / f"out.{fmt}")], capture_output=True, text=True,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 1, proc.stderr
    assert "internal error" not in proc.stderr and "control-character" in proc.stderr
    assert not (tmp_path / f"out.{fmt}").exists()
