"""A corpus of messy teacher files: page headers and footers, control characters, GB18030,
mixed markers, answers at the end of option lines.

fixtures/messy/NAME.txt is a file as a teacher has it; NAME.yml holds what the import must
give: its encoding, the questions, and every problem printed (warnings for what was
dropped, naming the line). Nothing from the page furniture may reach a question's text.
Set FANZHA_UPDATE_GOLDEN=1 to rewrite the .yml files, then read the diff.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from build_tools.exchange import text_import

from ..conftest import Golden
from .test_import_golden import as_data

MESSY = Path(__file__).parent / "fixtures" / "messy"
FILES = sorted(MESSY.glob("*.txt"))
# what page furniture looks like: none of it may end up in a stem, an option or an explanation
FURNITURE = re.compile(r"第\s*\d+\s*页|共\s*\d+\s*页|——\d+——|^- \d+ -$|^\d+/\d+$|测验（教师用卷）|知识测试$", re.M)


@pytest.mark.parametrize("source", FILES, ids=[p.stem for p in FILES])
def test_messy_file_imports_as_expected(source: Path, golden: Golden) -> None:
    result = text_import.parse_bytes(source.read_bytes())
    got = {**as_data(result), "problems": [p.format(source.name) for p in result.problems]}
    expected = source.with_suffix(".yml")
    if golden.update:
        golden.write(expected, yaml.safe_dump(got, allow_unicode=True, sort_keys=False, width=1000))
        return
    assert got == yaml.safe_load(expected.read_text(encoding="utf-8"))
    assert not result.errors and result.questions


@pytest.mark.parametrize("source", FILES, ids=[p.stem for p in FILES])
def test_no_page_furniture_or_control_character_in_content(source: Path) -> None:
    for q in text_import.parse_bytes(source.read_bytes()).questions:
        for text in (q.stem, *q.options, q.explanation):
            assert not FURNITURE.search(text), (q.line, text)
            assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text), (q.line, text)
            assert "答案" not in text, (q.line, text)


def test_every_dropped_line_is_named() -> None:
    text = "\n".join(["卷首标题", "1. 题干（  ）", "A. 甲", "B. 乙", "答案：A", "解析：说明", "", "第 1 页 共 2 页",
                      "", "卷首标题", "", "2. 第二题（  ）", "A. 丙", "B. 丁", "答案：B", "解析：说明二", "- 2 -"])
    result = text_import.parse_text(text)
    dropped = {p.line: p.message for p in result.problems if p.code == "page-furniture"}
    assert sorted(dropped) == [1, 8, 10, 17]
    assert "'第 1 页 共 2 页': a page number" in dropped[8]
    assert "repeated at page breaks (lines 1, 10)" in dropped[10]
    assert [q.explanation for q in result.questions] == ["说明", "说明二"]


@pytest.mark.parametrize("line", ["第 1 页 共 2 页", "第1页/共3页", "共 2 页 第 1 页", "——2——", "- 3 -", "－4－",
                                  "Page 2 of 5", "2/5", "7"])
def test_page_numbers_are_recognised(line: str) -> None:
    assert text_import.PAGE_NUMBER.match(line)


@pytest.mark.parametrize("line", ["1. 题干", "A. 100", "第一部分 单选题", "2024年起施行", "3 元返利"])
def test_text_is_not_a_page_number(line: str) -> None:
    assert not text_import.PAGE_NUMBER.match(line)


def test_a_line_repeated_away_from_page_breaks_is_kept() -> None:
    block = "{n}. 题干{n}（  ）\nA. 甲\nB. 乙\n答案：A\n解析：说明{n}\n牢记：不转账、不透露验证码。\n\n"
    result = text_import.parse_text(block.format(n=1) + block.format(n=2))
    assert result.problems == []
    assert all(q.explanation.endswith("牢记：不转账、不透露验证码。") for q in result.questions)


@pytest.mark.parametrize("option_line, answer", [
    ("C. 丙    答案：B", (1,)), ("C. 丙 【答案】A、C", (0, 2)), ("C. 丙答案：C", (2,)), ("C：丙  参考答案：B", (1,))])
def test_answer_at_the_end_of_an_option_line(option_line: str, answer: tuple[int, ...]) -> None:
    result = text_import.parse_text(f"1. 题干（  ）\nA：甲\nB：乙\n{option_line}\n解析：说明\n")
    assert result.problems == [] and result.questions[0].answer == answer
    assert result.questions[0].options == ["甲", "乙", "丙"]


def test_an_option_that_only_mentions_answers_keeps_its_text() -> None:
    result = text_import.parse_text("1. 题干（  ）\nA. 标准答案：以对方说的为准\nB. 乙\n答案：B\n解析：说明\n")
    assert result.problems == [] and result.questions[0].options == ["标准答案：以对方说的为准", "乙"]


@pytest.mark.parametrize("mark", ["X", "x", "Ｘ", "✕", "╳"])
def test_x_in_the_brackets_is_false(mark: str) -> None:
    result = text_import.parse_text(f"1. 先交保证金是正常流程。（{mark}）\n解析：说明\n")
    assert result.problems == [] and result.questions[0].answer is False


def test_errors_name_the_marker_found_or_missed() -> None:
    result = text_import.parse_text("1. 题干（  ）\nA 甲\nB 乙\n答案：A\n解析：说明\n")
    [error] = result.errors
    assert "found 'A'" in error.message and "'A 甲'" in error.message and "'A. 选项'" in error.message
    missing = text_import.parse_text("1. 题干（  ）\nA. 甲\nB. 乙\n解析：说明\n").errors[0].message
    assert "答案：B" in missing


def test_a_repeated_section_heading_is_kept() -> None:
    block = "单选题\n{n}. 题干{n}（  ）\nA. 甲\nB. 乙\n答案：A\n解析：说明{n}\n\n"
    result = text_import.parse_text(block.format(n=1) + "- 1 -\n\n" + block.format(n=2))
    assert [p.line for p in result.problems] == [8] and len(result.questions) == 2


def test_a_bare_number_inside_a_paragraph_is_text() -> None:
    result = text_import.parse_text("1. 遇到诈骗应拨打（  ）\nA. 报警电话\nB. 对方给的号码\n答案：A\n解析：立即拨打\n110\n报警。\n\n7\n")
    assert [p.line for p in result.problems] == [9]
    assert result.questions[0].explanation == "立即拨打\n110\n报警。"
