"""Moodle XML, parsed with lxml and matched to the banks question by question."""
from __future__ import annotations

from lxml import etree

from build_tools.exchange import moodle
from build_tools.exchange.selection import Selection
from build_tools.model import Question

# Moodle's list of grades (question/engine/bank.php, fraction_options_full): an imported
# fraction must be within 0.00001 of one of these or the import fails.
MOODLE_GRADES = [1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2,
                 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0.0]
MOODLE_GRADES += [-g for g in MOODLE_GRADES if g]


def parse(selection: Selection) -> etree._Element:
    data = moodle.export(selection).data
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    return etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False))


def check_question(el: etree._Element, q: Question) -> None:
    assert el.findtext("name/text") == q.id
    assert el.findtext("idnumber") == q.id
    assert el.findtext("questiontext/text") == q.stem
    assert el.find("questiontext").get("format") == "plain_text"
    assert el.findtext("generalfeedback/text") == q.explanation
    answers = el.findall("answer")
    fractions = [float(a.get("fraction")) / 100 for a in answers]
    assert all(any(abs(f - g) < 0.00001 for g in MOODLE_GRADES) for f in fractions), fractions
    if q.kind == "judge":
        assert el.get("type") == "truefalse"
        by_word = {a.findtext("text"): float(a.get("fraction")) for a in answers}
        assert by_word == ({"true": 100.0, "false": 0.0} if q.answer else {"true": 0.0, "false": 100.0})
        return
    assert el.get("type") == "multichoice"
    assert el.findtext("single") == ("true" if q.kind == "single" else "false")
    assert [a.findtext("text") for a in answers] == q.options
    assert tuple(i for i, f in enumerate(fractions) if f > 0) == q.correct_indexes
    assert round(sum(f for f in fractions if f > 0), 2) == 1.0  # Moodle's own check, rounded to 2 places
    if q.kind == "multiple":
        assert all(f == -1.0 for f in fractions if f <= 0)  # a wrong choice loses the question


def check_document(root: etree._Element, selection: Selection) -> None:
    assert root.tag == "quiz"
    questions = iter(root)
    for part in selection.parts:
        category = next(questions)
        assert category.get("type") == "category"
        assert category.findtext("category/text") == moodle.category_path(selection.site_name, part.bank.title)
        for q in part.questions:
            check_question(next(questions), q)
    assert next(questions, None) is None


def test_default_banks_match_question_by_question(everything: Selection) -> None:
    check_document(parse(everything), everything)


def test_hostile_text_survives_exactly(hostile: Selection) -> None:
    root = parse(hostile)
    check_document(root, hostile)
    assert root[0].findtext("category/text") == '$course$/top/反诈知识库/刷单//返利 <测试> & "引号"'


def test_fractions_for_each_number_of_correct_options(hostile: Selection) -> None:
    by_id = {q.id: q for q in hostile.questions}
    assert moodle.fractions(by_id["hostile-006"]) == ["14.28571"] * 7 + ["-100"]
    assert moodle.fractions(by_id["hostile-007"]) == ["33.33333", "-100", "33.33333", "33.33333"]
    assert moodle.fractions(by_id["hostile-005"]) == ["0"] * 7 + ["100"]


def test_special_characters_are_escaped_not_dropped(hostile: Selection) -> None:
    data = moodle.export(hostile).data.decode("utf-8")
    assert "&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp;amp; &amp;lt;" in data
    assert "<script>" not in data
