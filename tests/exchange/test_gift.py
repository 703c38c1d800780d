"""GIFT, read back by a parser that is not ours (ua-exam's GIFT parser) and by Moodle's rules.

ua-exam reads structure: question names, text, options, which options are correct, and
true/false answers; it fails loudly on an unescaped control character. It does not know
Moodle's `\\n` line-break escape (it keeps backslash-n) and HTML-unescapes the whole
file first, so its text is compared with the text treated the same way. The general
feedback, which it does not return, is checked with Moodle's own unescaping rules
(qformat_gift::escapedchar_pre/post, reimplemented below).
"""
from __future__ import annotations

import html
import re

from ua_exam import gift_parser

from build_tools.exchange import gift, moodle
from build_tools.exchange.selection import Selection
from build_tools.model import Question

_PLACEHOLDERS = {"\\:": ":", "\\#": "#", "\\=": "=", "\\{": "{", "\\}": "}", "\\~": "~", "\\n": "\n"}


def moodle_unescape(text: str) -> str:
    r"""What Moodle's GIFT importer makes of escaped text: `\\` first, then the others."""
    text = text.replace("\\\\", "\x00")
    for escaped, char in _PLACEHOLDERS.items():
        text = text.replace(escaped, char)
    return text.replace("\x00", "\\")


def as_ua_exam_sees(text: str) -> str:
    return html.unescape(text).replace("\n", "\\n")


def check_parsed(parsed: dict, q: Question, category: str) -> None:
    assert parsed["title"] == q.id
    assert parsed["category"] == category
    assert parsed["text"] == "[plain]" + as_ua_exam_sees(q.stem)
    if q.kind == "judge":
        assert parsed["type"] == "true_false" and parsed["correct"] is q.answer
        return
    assert parsed["type"] == "multiple_choice"
    assert [o["text"] for o in parsed["options"]] == [as_ua_exam_sees(o) for o in q.options]
    assert tuple(i for i, o in enumerate(parsed["options"]) if o["is_correct"]) == q.correct_indexes


def check(selection: Selection) -> None:
    text = gift.export(selection).data.decode("utf-8")
    parsed = iter(gift_parser.parse_gift_content(text))
    for part in selection.parts:
        category = moodle.category_path(selection.site_name, part.bank.title)
        for q in part.questions:
            check_parsed(next(parsed), q, category)
    assert next(parsed, None) is None
    feedback = re.findall(r"^####(.*)$", text, flags=re.M)
    feedback += re.findall(r"\{(?:TRUE|FALSE)####(.*)\}$", text, flags=re.M)
    assert sorted(moodle_unescape(f) for f in feedback) == sorted(q.explanation for q in selection.questions)


def test_default_banks_read_back(everything: Selection) -> None:
    check(everything)


def test_hostile_text_reads_back(hostile: Selection) -> None:
    check(hostile)


def test_escaping_follows_moodle() -> None:
    assert gift.escape("a\\b ~ = # { } : c\nd") == "a\\\\b \\~ \\= \\# \\{ \\} \\: c\\nd"
    for text in ("\\n 字面", "\\\\", "C:\\temp\\new", "~=#{}:\n\n", "%50%"):
        assert moodle_unescape(gift.escape(text)) == text


def test_each_question_is_one_block(hostile: Selection) -> None:
    blocks = gift.export(hostile).data.decode("utf-8").split("\n\n")
    assert blocks[0].startswith("// ") and blocks[1].startswith("$CATEGORY: ")
    assert len(blocks) == 2 + len(hostile.questions)
    assert all(b.startswith("::hostile-") for b in blocks[2:])
