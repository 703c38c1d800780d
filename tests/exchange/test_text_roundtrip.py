"""import(export --format text(bank)) == bank, question by question."""
from __future__ import annotations

import pytest

from build_tools.exchange import text, text_import
from build_tools.exchange.selection import Selection, select
from build_tools.model import KnowledgeBase, Question

from .conftest import DEFAULT_BANKS, bank_selection


def fields(q: Question) -> tuple[object, ...]:
    return (q.kind, q.stem, list(q.options) if q.kind != "judge" else [], q.answer, q.explanation,
            q.difficulty, q.exam_only, q.case)


def imported_fields(q: text_import.ImportedQuestion) -> tuple[object, ...]:
    return (q.kind, q.stem, q.options, q.answer, q.explanation, q.difficulty, q.exam_only, q.case)


def assert_round_trip(selection: Selection) -> None:
    exported = text.export(selection)
    assert exported.warnings == []
    back = text_import.parse_bytes(exported.data)
    assert back.problems == []
    assert back.encoding == "utf-8"
    originals = selection.questions
    assert len(back.questions) == len(originals)
    for original, got in zip(originals, back.questions):
        assert imported_fields(got) == fields(original), original.id


@pytest.mark.parametrize("bank", DEFAULT_BANKS)
def test_every_default_bank_round_trips(default_kb: KnowledgeBase, bank: str) -> None:
    if bank not in default_kb.banks:
        pytest.fail(f"quizzes/{bank}.yml did not load as a bank (run fanzha validate)")
    assert_round_trip(bank_selection(default_kb, bank))


def test_hostile_text_round_trips(hostile: Selection) -> None:
    assert_round_trip(hostile)


def test_layout_is_the_documented_one(hostile_kb: KnowledgeBase) -> None:
    sel = select(hostile_kb, banks=["hostile"], include_exam=True)
    q1, _, q3 = sel.questions[:3]
    assert text.render_question(1, q1).splitlines() == [
        '1. 他说："先转 100 元 & 返 130 元"，<b>这</b>是{真的}吗？~=#: 路径 C:\\temp\\new（  ）',
        "A. =1+1 开头的选项",
        "B. ~波浪 = 等号 # 井号 : 冒号 {大括号}",
        "C. 反斜杠 \\ 和字面的 \\n 两个字符",
        "D. %50% 开头的百分号",
        "答案：B",
        "解析：第一行 <script>alert(\"x\")</script> &amp; &lt;",
        "第二行 'single' \"double\" {}~=#: ]]> 结束",
        "【难度】困难",
    ]
    assert text.render_question(3, q3).splitlines()[-2] == "答案：错误"
    lines = text.export(sel).data.decode("utf-8").splitlines()
    numbered = [line for line in lines if line[:2] in ("1.", "2.", "3.", "4.", "5.", "6.", "7.")]
    assert [line.split(".")[0] for line in numbered] == [str(n) for n in range(1, 8)]


def test_text_that_would_read_back_differently_is_named(hostile_kb: KnowledgeBase) -> None:
    q = hostile_kb.banks["hostile"].questions[0]
    tricky = Question(**{**q.__dict__, "id": "tricky-001", "stem": "看下面两行：\nA. 这一行像选项\n答案：像答案"})
    exported = text.export(Selection([type(bank_selection(hostile_kb, "hostile").parts[0])(
        hostile_kb.banks["hostile"], (tricky,))]))
    assert len(exported.warnings) == 1 and "tricky-001" in exported.warnings[0]


def one_question(kb: KnowledgeBase, **changes: object) -> Selection:
    q = kb.banks["hostile"].questions[0]
    changed = Question(**{**q.__dict__, "id": "rt-001", **changes})
    return Selection([type(bank_selection(kb, "hostile").parts[0])(kb.banks["hostile"], (changed,))])


def test_every_field_round_trips(hostile_kb: KnowledgeBase) -> None:
    for changes in ({"difficulty": 1}, {"difficulty": 2, "exam_only": True}, {"case": "shuadan-dianzan-qun"},
                    {"difficulty": None, "exam_only": False, "case": None}):
        assert_round_trip(one_question(hostile_kb, **changes))


@pytest.mark.parametrize("pair", [["是", "否"], ["正确", "错误"], ["对", "错"], ["√", "×"]])
def test_single_choice_with_judge_words_stays_single(hostile_kb: KnowledgeBase, pair: list[str]) -> None:
    sel = one_question(hostile_kb, options=pair, answer=(1,), kind="single")
    assert "【题型】单选题" in text.export(sel).data.decode("utf-8")
    assert_round_trip(sel)


@pytest.mark.parametrize("stem, named", [
    ("看下面两行：\nA. 这一行像选项", "'A. 这一行像选项' starts like an option"),
    ("第一行\n答案：像答案", "'答案：像答案' starts like an 答案： line"),
    ("第一行\n- 2 -\n第三行", "'- 2 -' reads as a page number"),
    ("第一行\n3. 像题号", "'3. 像题号' starts like a new numbered question"),
])
def test_the_warning_names_the_line_and_what_it_reads_as(hostile_kb: KnowledgeBase, stem: str,
                                                         named: str) -> None:
    warnings = text.export(one_question(hostile_kb, stem=stem)).warnings
    assert len(warnings) == 1 and warnings[0].startswith("rt-001: ") and named in warnings[0], warnings


def test_a_marked_line_inside_an_explanation_is_named(hostile_kb: KnowledgeBase) -> None:
    warnings = text.export(one_question(hostile_kb, explanation="第一行\n【难度】困难\n第三行")).warnings
    assert len(warnings) == 1 and "'【难度】困难' starts like a marked line" in warnings[0], warnings


def test_an_option_ending_like_an_answer_is_named(hostile_kb: KnowledgeBase) -> None:
    q = hostile_kb.banks["hostile"].questions[0]
    warnings = text.export(one_question(hostile_kb, options=[*q.options[:3], "都不对 答案：A"])).warnings
    assert len(warnings) == 1 and "ends like an 答案： mark" in warnings[0], warnings
