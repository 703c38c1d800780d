"""问卷星 exam JSONL checked against the kit's documented grammar, written out here as rules.

问卷星's own parser (the npm packages wjx-api-sdk / wjx-cli) cannot be installed on this
machine, so `read_documented` below is a reader written from the kit's documentation
(wjx-cli skill SKILL.md and references/survey-commands.md, the exam prompt of its MCP
server): it refuses what the documentation forbids and returns what 问卷星 would create.
"""
from __future__ import annotations

import json
import re

import pytest

from build_tools.exchange import wjx_jsonl
from build_tools.exchange.selection import Selection
from build_tools.model import LETTERS, Question

EXAM_QTYPES = {"考试单选", "考试多选", "考试判断"}
PLACEHOLDER_TITLES = {"???", "？？？", "无标题", "未命名", "untitled", "placeholder", "todo", "xxx", "新问卷", "测试问卷"}
NUMBERED = re.compile(r"^\s*[0-9０-９]+\s*[.．、)）]")
TYPE_WORDS = re.compile(r"\[(?:单选题|多选题|判断题)\]|^(?:单选|多选|判断|考试单选|考试多选|考试判断)[:：]")


class Refused(AssertionError):
    pass


def read_documented(data: bytes) -> tuple[str, list[dict]]:
    """(survey title, questions as {kind, title, options, answer, analysis}) or Refused."""
    if len(data) > wjx_jsonl.MAX_BYTES:
        raise Refused("larger than the kit's 1 MB limit")
    text = data.decode("utf-8")
    if text.startswith("\ufeff") or "\r" in text:
        raise Refused("BOM or CR: write plain UTF-8 with LF")
    objects = []
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        obj = json.loads(line)  # one JSON object a line
        if not isinstance(obj, dict) or not isinstance(obj.get("qtype"), str):
            raise Refused(f"line {n}: not an object with a string qtype")
        objects.append(obj)
    if not objects or objects[0]["qtype"] != "问卷基础信息":
        raise Refused("the first line must be the 问卷基础信息 record")
    title = objects[0].get("title")
    if not isinstance(title, str) or len(title.strip()) < 2 or title.strip().lower() in PLACEHOLDER_TITLES:
        raise Refused(f"survey title {title!r} is not a real title")
    questions = []
    for obj in objects[1:]:
        kind = obj["qtype"]
        if kind not in EXAM_QTYPES:
            raise Refused(f"qtype {kind!r} is not an exam question type")
        stem = obj.get("title")
        if not isinstance(stem, str) or not stem.strip():
            raise Refused("every question has a title")
        if NUMBERED.match(stem) or TYPE_WORDS.search(stem):
            raise Refused(f"title {stem!r} holds a number or the question type")
        options, correct = obj.get("select"), obj.get("correctselect")
        assert isinstance(options, list) and all(isinstance(o, str) and o.strip() for o in options), obj
        assert isinstance(correct, list) and correct and all(isinstance(c, str) for c in correct), obj
        if not re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", str(obj.get("quizscore", ""))) or float(obj["quizscore"]) <= 0:
            raise Refused("an exam question has a quizscore")
        analysis = obj.get("answeranalysis")
        if not isinstance(analysis, str) or not analysis.strip():
            raise Refused("an exam question has its answeranalysis")
        if kind == "考试判断":
            if options != ["对", "错"] or len(correct) != 1 or correct[0] not in options:
                raise Refused(f"a judge question is select 对/错 with one of them correct: {obj}")
            answer: object = correct[0] == "对"
        else:
            letters = LETTERS[: len(options)]
            if len(options) < 2 or any(c not in letters for c in correct) or len(set(correct)) != len(correct):
                raise Refused(f"correctselect {correct} does not name options of {options}")
            if kind == "考试单选" and len(correct) != 1:
                raise Refused("a 考试单选 has one correct option")
            answer = tuple(sorted(letters.index(c) for c in correct))
        questions.append({"kind": kind, "title": stem, "options": options, "answer": answer, "analysis": analysis})
    if not questions:
        raise Refused("no questions")
    return title, questions


def expected(q: Question) -> dict:
    kind = wjx_jsonl.QTYPES[q.kind]
    options = ["对", "错"] if q.kind == "judge" else list(q.options)
    return {"kind": kind, "title": q.stem, "options": options, "answer": q.answer, "analysis": q.explanation}


def check(selection: Selection) -> None:
    exported = wjx_jsonl.export(selection)
    title, questions = read_documented(exported.data)
    assert title.startswith(selection.site_name)
    assert questions == [expected(q) for q in selection.questions]
    assert exported.numbered == selection.questions


def test_hostile_bank_loads_whole_with_answers_and_explanations(hostile: Selection) -> None:
    check(hostile)


def test_default_banks_load_whole(everything: Selection) -> None:
    check(everything)


def test_first_line_is_the_survey_not_a_question(hostile: Selection) -> None:
    first, second = wjx_jsonl.export(hostile).data.decode("utf-8").splitlines()[:2]
    assert json.loads(first)["qtype"] == "问卷基础信息"
    assert json.loads(second)["title"] == hostile.questions[0].stem


@pytest.mark.parametrize("broken, why", [
    ('{"qtype":"考试单选","title":"x","select":["a","b"],"correctselect":["A"],"quizscore":"1","answeranalysis":"y"}',
     "first line"),
    ('{"qtype":"问卷基础信息","title":"反诈测验"}\n'
     '{"qtype":"考试单选","title":"1. 题干","select":["a","b"],"correctselect":["A"],"quizscore":"1","answeranalysis":"y"}',
     "number"),
    ('{"qtype":"问卷基础信息","title":"反诈测验"}\n'
     '{"qtype":"考试单选","title":"题干","select":["a","b"],"correctselect":["C"],"quizscore":"1","answeranalysis":"y"}',
     "does not name"),
    ('{"qtype":"问卷基础信息","title":"反诈测验"}\n'
     '{"qtype":"考试判断","title":"说法","select":["对","错"],"correctselect":["对"],"quizscore":"1"}',
     "answeranalysis"),
    ('{"qtype":"问卷基础信息","title":"反诈测验"}\n', "no questions"),
])
def test_the_documented_reader_refuses_what_the_docs_forbid(broken: str, why: str) -> None:
    with pytest.raises(Refused, match=why):
        read_documented(broken.encode("utf-8"))
