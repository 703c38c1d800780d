"""Moodle XML (question bank → Import → Moodle XML format), built with lxml.

- A category question per bank: `$course$/top/<site name>/<bank title>` ('/' inside a
  name doubled, as Moodle expects).
- single and multiple → `multichoice` with `<single>true|false</single>`; judge →
  `truefalse` with answers `true` / `false`.
- Fractions: a single question's correct option is 100, the others 0. In a multiple
  question the correct options share 100 (50, 33.33333, 25, 20, 16.66667, 14.28571,
  12.5: values on Moodle's list of grades, which import checks) and every wrong option
  is -100, so choosing a wrong option loses the question (错选不得分) while leaving one
  out still earns part (少选得部分分). Moodle rounds the total of 99.99999 to 100.
- The explanation is the general feedback. All text is `plain_text`: Moodle shows it
  exactly as written (no HTML is interpreted). A text holding `<`, `>` or `&` is written
  as a CDATA section, as Moodle's own exporter writes it (question/format/xml, xml_escape:
  any text that htmlspecialchars would change, so `"` too): Moodle's importer drops the
  spaces between entities (`&lt; 24% &amp; &gt;` reads back as `<24%&>`), never inside
  CDATA. A `]]>` inside such a text is split across two CDATA sections, as Moodle does. (A
  carriage return inside CDATA reads back as a line feed, as XML's line ends do.)
- The question's name and idnumber are our question id.
"""
from __future__ import annotations

import re

from lxml import etree

from ..model import Question
from .selection import Exported, Part, Selection

EXTENSION = ".xml"
PLAIN = "plain_text"
#: share of each correct option in a multiple question with n correct options (Moodle's grade list)
SHARES = {1: "100", 2: "50", 3: "33.33333", 4: "25", 5: "20", 6: "16.66667", 7: "14.28571", 8: "12.5"}
WRONG_IN_MULTIPLE = "-100"


def category_path(site_name: str, bank_title: str) -> str:
    return "$course$/top/" + "/".join(name.replace("/", "//") for name in (site_name, bank_title))


def fractions(q: Question) -> list[str]:
    """The fraction of each option, in option order (multichoice questions only)."""
    correct = set(q.correct_indexes)
    if q.kind == "single":
        return ["100" if i in correct else "0" for i in range(len(q.options))]
    share = SHARES[len(correct)]
    return [share if i in correct else WRONG_IN_MULTIPLE for i in range(len(q.options))]


_NEEDS_CDATA = re.compile(r'[<>&"]')
#: stands for ']]>' inside a CDATA value until serialised (lxml refuses ']]>' in CDATA)
_CDATA_END = "\ue000fanzha-cdata-end\ue000"


def _cdata_or_text(value: str) -> str | etree.CDATA:
    """The value as CDATA when it holds characters XML would escape, else as it is."""
    if not _NEEDS_CDATA.search(value):
        return value
    return etree.CDATA(value.replace("]]>", _CDATA_END))


def _text(parent: etree._Element, tag: str, value: str, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, tag, **attrs)
    etree.SubElement(el, "text").text = _cdata_or_text(value)
    return el


def _category(part: Part, site_name: str) -> etree._Element:
    q = etree.Element("question", type="category")
    _text(q, "category", category_path(site_name, part.bank.title))
    return q


def _common(el: etree._Element, q: Question) -> None:
    _text(el, "name", q.id)
    _text(el, "questiontext", q.stem, format=PLAIN)
    _text(el, "generalfeedback", q.explanation, format=PLAIN)
    etree.SubElement(el, "defaultgrade").text = "1"
    etree.SubElement(el, "hidden").text = "0"
    etree.SubElement(el, "idnumber").text = q.id


def _feedback(answer: etree._Element) -> None:
    _text(answer, "feedback", "", format=PLAIN)


def question(q: Question) -> etree._Element:
    """One <question> element."""
    if q.kind == "judge":
        el = etree.Element("question", type="truefalse")
        _common(el, q)
        for word, correct in (("true", q.answer is True), ("false", q.answer is False)):
            _feedback(_text(el, "answer", word, fraction="100" if correct else "0", format="moodle_auto_format"))
        return el
    el = etree.Element("question", type="multichoice")
    _common(el, q)
    etree.SubElement(el, "single").text = "true" if q.kind == "single" else "false"
    etree.SubElement(el, "shuffleanswers").text = "true"  # the teacher's quiz setting decides
    etree.SubElement(el, "answernumbering").text = "ABCD"
    for option, fraction in zip(q.options, fractions(q)):
        _feedback(_text(el, "answer", option, fraction=fraction, format=PLAIN))
    return el


def document(selection: Selection) -> etree._Element:
    quiz = etree.Element("quiz")
    for part in selection.parts:
        quiz.append(_category(part, selection.site_name))
        for q in part.questions:
            quiz.append(question(q))
    return quiz


def export(selection: Selection) -> Exported:
    data = etree.tostring(document(selection), xml_declaration=True, encoding="UTF-8", pretty_print=True)
    # a ']]>' in a text ends one CDATA section and starts the next, as Moodle's exporter writes it
    data = data.replace(_CDATA_END.encode("utf-8"), b"]]]]><![CDATA[>")
    return Exported(data, numbered=selection.questions)  # category entries are not questions
