"""exam_only fails closed: a misspelt key or a non-boolean value is an error and withholds the question."""
from __future__ import annotations

from pathlib import Path

import pytest

from build_tools import core
from build_tools.load.content import load_root
from build_tools.load.reader import looks_like_exam_only
from build_tools.settings import Settings

from .helpers import SHUADAN_BANK_HEAD, TODAY, make_tree

BANK = SHUADAN_BANK_HEAD + """  - id: shuadan-001
    kind: judge
    stem: 刷单返利是诈骗。
    answer: true
    explanation: 所有刷单都是诈骗。
{extra}
  - id: shuadan-002
    kind: judge
    stem: 先垫付再返利是正常兼职。
    answer: false
    explanation: 要求垫付的兼职都是诈骗。
    exam_only: false
"""

MISSPELT = ["exam-only: true", "examonly: true", "exam_only_: true", "examOnly: true", "Exam_Only: true",
            "exam_ony: true", "EXAM ONLY: true", "exma_only: true", "仅考试: true", "ｅｘａｍ＿ｏｎｌｙ: true"]
BAD_VALUES = ["exam_only: 是", "exam_only: 1", "exam_only: \"true\"", "exam_only:",
              "exam_only: [true]", "exam_only: \"false\""]


def _tree(tmp_path: Path, extra: str) -> Path:
    return make_tree(tmp_path, {"quizzes/shuadan.yml": BANK.format(extra=f"    {extra}")})


@pytest.mark.parametrize("extra", MISSPELT + BAD_VALUES)
def test_withheld_and_error(tmp_path: Path, extra: str) -> None:
    root = _tree(tmp_path, extra)
    result = core.validate(root, Settings(), today=TODAY)
    errors = [p for p in result.problems if p.is_error]
    assert errors, extra
    assert all(p.path == "quizzes/shuadan.yml" and p.line == 10 for p in errors), [str(p) for p in errors]
    bank = load_root(root).kb.banks["shuadan"]
    assert [q.id for q in bank.public_questions] == ["shuadan-002"], extra


@pytest.mark.parametrize("extra", ["exam_only: true", "exam_only: yes", "exam_only: True"])
def test_exam_only_true_and_false(tmp_path: Path, extra: str) -> None:
    bank = load_root(_tree(tmp_path, extra)).kb.banks["shuadan"]
    assert [q.id for q in bank.public_questions] == ["shuadan-002"]
    result = core.validate(tmp_path, Settings(), today=TODAY)
    assert not [p for p in result.problems if p.is_error]


def test_any_unknown_question_key_is_an_error(tmp_path: Path) -> None:
    result = core.validate(_tree(tmp_path, "hint: 想一想"), Settings(), today=TODAY)
    assert [str(p) for p in result.problems if p.code == "unknown-key"] == [
        "quizzes/shuadan.yml:10:5: error unknown-key questions[0].hint: unknown key 'hint'; "
        "known keys: id, kind, stem, options, answer, explanation, case, type, exam_only, difficulty"]


def test_bank_level_exam_only_withholds_all(tmp_path: Path) -> None:
    text = BANK.format(extra="").replace("type: shuadan\n", "type: shuadan\nexam_only: true\n", 1)
    root = make_tree(tmp_path, {"quizzes/shuadan.yml": text})
    assert load_root(root).kb.banks["shuadan"].public_questions == []
    result = core.validate(root, Settings(), today=TODAY)
    assert any(p.is_error and p.code == "unknown-key" and p.line == 4 for p in result.problems)


@pytest.mark.parametrize("key", ["exam_only", "examOnly", "exam-only", "ExamOnly", "exam_ony", "exam_only_",
                                 "examonly", "exam", "only_exam", "exam_onlyy"])
def test_looks_like(key: str) -> None:
    assert looks_like_exam_only(key)


@pytest.mark.parametrize("key", ["explanation", "explaination", "summary", "difficulty", "case", "hint",
                                 "options", "stem", "example", "answer"])
def test_does_not_look_like(key: str) -> None:
    assert not looks_like_exam_only(key)
