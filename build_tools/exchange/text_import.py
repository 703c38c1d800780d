"""Reading question banks from the text teachers already have (Word saved as .txt).

The layout is the one `text.py` writes, read the way teachers really type it:

    一、单选题                      section headings set the kind (optional)
    1. 题干（  ）                   1.  1、  1．  （1）  1)  numbering
    A. 选项   B、选项               A.  A、  A．  A：  A)  A）  （A）  a.  Ａ．, several on one line too
    答案：A                         答案：  答案:  【答案】  正确答案：  参考答案：, or at the end
                                    of the last option line: `D. 选项    答案：C`
    解析：……                        解析：  【解析】  答案解析：  (optional, see below)

- The answer may instead stand in the stem's brackets: `题干（B）` or `说法（√）`.
- Judge answers: 对/错, 正确/错误, √/×, T/F (load/answers.py reads them); an X (or ✕ ✖ ╳)
  stands for ×, in the brackets `说法（X）` too.
- Without a heading or a tag like `[多选题]` the kind is inferred: no options → judge,
  several answer letters → multiple, one → single. Two options 正确/错误 make a judge question.
- Full-width letters, digits, colons and brackets are read like half-width ones; text
  itself is kept exactly as written.
- A line starting with a number always starts a question, even inside an explanation:
  number an explanation's points ①②③ (the error for such a line says so).
- A line that does not start a question, an option, an answer or an explanation continues
  the stem, option or explanation above it (a blank line before it keeps a paragraph break).
  After the answer line only 解析 may follow: other text there cannot be placed.

Page furniture from Word or a PDF copy is dropped with a warning naming the line, never read
as text: page numbers (`第 1 页 共 2 页`, `第1页/共3页`, `——2——`, `- 3 -`, `Page 2 of 5`, a
line holding only a number between blank lines) and a line repeated at page breaks (the same line again next to a page
number, or the paper's title before the first question repeated later).

Optional marked lines after 解析 carry what the text layout has no other place for (`text.py`
writes them, so that an export reads back whole): `【题型】单选题` (a single-choice question
whose options look like a judge pair, 是/否), `【难度】简单|中等|困难`, `【仅限考试】是` and
`【案例】case-id`.

Explanations: our banks require one (`explanation` is a required key). A question without
解析 is an error here, unless the caller allows it: then the question gets an empty
explanation, which `fanzha validate` reports until someone writes one.

Encodings: UTF-8 with or without BOM, UTF-16 with BOM, and GB18030 (Windows "ANSI" text
from Chinese Word), detected in that order.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..checks.questions import check_question
from ..kinds import KIND_NAMES
from ..load.answers import read_judge, read_letters
from ..model import LETTERS, Pos, Question
from ..problem import ERROR, WARNING, Problem, error, warning


def at_line(line: int) -> Pos:
    """A line of the input file: its problems carry no path or column (`Problem.format(path)`
    prints them `FILE:LINE: level code message`)."""
    return Pos("", line, 0)


@dataclass
class ImportedQuestion:
    """A question read from text: the model's fields, answer normalised, and where it starts."""

    kind: str
    stem: str
    options: list[str]
    answer: tuple[int, ...] | bool
    explanation: str
    line: int
    difficulty: int | None = None
    exam_only: bool = False
    case: str | None = None


@dataclass
class ImportResult:
    questions: list[ImportedQuestion] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    encoding: str = "utf-8"

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


class UndecodableText(Exception):
    """The bytes are neither UTF-8/UTF-16 nor GB18030; carries the problem to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


# ---------------------------------------------------------------------------------------------
# decoding

def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name) with line ends normalised to LF."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _lf(_strict(data, name)), name
    try:
        return _lf(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as exc:
        # Chinese written in UTF-8 before the bad byte means a damaged UTF-8 file, not GB18030
        # text (GB18030 bytes rarely form even one 3-byte UTF-8 character); decoding such a
        # file as GB18030 would turn it into plausible-looking nonsense.
        prefix = data[: exc.start].decode("utf-8")
        if sum(ord(ch) >= 0x800 for ch in prefix) >= 3:
            raise UndecodableText(_bad_byte(data, exc.start, "UTF-8")) from None
    try:
        return _lf(data.decode("gb18030")), "gb18030"
    except UnicodeDecodeError as exc:
        raise UndecodableText(_bad_byte(data, exc.start, "UTF-8 or GB18030")) from None


def _strict(data: bytes, name: str) -> str:
    try:
        return data.decode(name)
    except UnicodeDecodeError as exc:
        raise UndecodableText(_bad_byte(data, exc.start, name.upper())) from None


def _bad_byte(data: bytes, at: int, expected: str) -> Problem:
    line = data[:at].count(b"\n") + 1
    return error(at_line(line), "encoding",
                 f"expected {expected} text, found byte 0x{data[at]:02X}; save the file as UTF-8")


def _lf(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------------------------------------
# line patterns (full-width forms written out: the text itself is never normalised)

_NUM = r"[0-9０-９]+"
_LETTER = r"[A-HＡ-Ｈa-hａ-ｈ]"
_OPT_SEP = r"[.．、)）。:：]"
_KIND_WORDS = {
    "单选题": "single", "单项选择题": "single", "单选": "single",
    "多选题": "multiple", "多项选择题": "multiple", "多选": "multiple",
    "不定项选择题": None, "不定项": None,
    "判断题": "judge", "是非题": "judge", "判断": "judge",
}
_KIND_RE = "|".join(sorted(map(re.escape, _KIND_WORDS), key=len, reverse=True))
_HEADING_KINDS = "|".join(re.escape(k) for k in _KIND_WORDS if k.endswith("题"))

HEADING = re.compile(
    rf"^(?:(?:[一二三四五六七八九十]+|{_NUM})\s*[、.．]|第\s*[一二三四五六七八九十0-9０-９]+\s*(?:部分|大题)\s*[、.．:：]?)?"
    rf"\s*(?P<kind>{_HEADING_KINDS})\s*(?:[(（][^()（）]*[)）])?\s*[:：]?$")
QUESTION = re.compile(rf"^(?:(?P<n1>{_NUM})\s*(?:[.．、。]|[)）])|[(（]\s*(?P<n2>{_NUM})\s*[)）])\s*(?P<rest>.*)$")
OPTION = re.compile(rf"^(?:(?P<l1>{_LETTER})\s*{_OPT_SEP}|[(（]\s*(?P<l2>{_LETTER})\s*[)）])\s*(?P<rest>.*)$")
ANSWER = re.compile(r"^(?:【\s*(?:正确|参考|标准)?答案\s*】|(?:正确|参考|标准)?答案\s*[:：])\s*(?P<rest>.*)$")
EXPLANATION = re.compile(r"^(?:【\s*(?:答案)?解析\s*】|(?:答案)?解析\s*[:：])\s*(?P<rest>.*)$")
INLINE_EXPLANATION = re.compile(r"\s*(?:【\s*(?:答案)?解析\s*】|(?:答案)?解析\s*[:：])\s*")
KIND_TAG = re.compile(rf"\s*[\[【]\s*(?P<kind>{_KIND_RE})\s*[\]】]\s*")
BRACKETS = re.compile(r"[(（](?P<inner>[^()（）]{0,16})[)）]")
_ANSWER_TOKEN = re.compile(r"^(?:[A-HＡ-Ｈ](?:[\s,，、]*[A-HＡ-Ｈ])*|对|错|正确|错误|[√×✓✗✔✘✕✖╳XxＸｘ]|[TtFf])$")
#: an answer written at the end of an option line: 'D. 选项    答案：C'
TRAILING_ANSWER = re.compile(r"\s*(?:【\s*(?:正确|参考|标准)?答案\s*】|(?:正确|参考|标准)?答案\s*[:：])\s*(?P<rest>.*)$")
_CROSSES = str.maketrans({"✕": "×", "✖": "×", "╳": "×"})
#: page numbers: 第 1 页 共 2 页, 第1页/共3页, 共2页 第1页, ——2——, - 3 -, Page 2 of 5, 2/5, a bare number
PAGE_NUMBER = re.compile(
    r"^(?:第\s*[0-9０-９]+\s*页\s*(?:[,，/／、]?\s*共\s*[0-9０-９]+\s*页)?"
    r"|共\s*[0-9０-９]+\s*页\s*[,，/／、]?\s*第\s*[0-9０-９]+\s*页"
    r"|[-—－–~～_·•\s]*[0-9０-９]{1,4}[-—－–~～_·•\s]*"
    r"|(?:page|p\.?)\s*[0-9]+(?:\s*(?:of|/)\s*[0-9]+)?"
    r"|[0-9０-９]{1,4}\s*[/／]\s*[0-9０-９]{1,4})$", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"^[0-9０-９]+$")
#: the optional marked lines text.py writes after 解析
MARKED = re.compile(r"^【\s*(?P<key>题型|难度|仅限考试|案例)\s*】\s*(?P<rest>.*)$")
_DIFFICULTY_WORDS = {"简单": 1, "容易": 1, "中等": 2, "一般": 2, "困难": 3, "难": 3}
_AFTER_END = re.compile(r"^[\s。.．]*$")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_ODD_SPACES = re.compile("[\xa0\x0b\x0c\u2028\u2029\x85]")
#: control characters with no meaning in text (\v and \f, Word's line and page breaks, become spaces)
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")
_JUDGE_PAIRS = {frozenset(p) for p in (("正确", "错误"), ("对", "错"), ("√", "×"), ("是", "否"))}


def changed_on_reading(ch: str) -> bool:
    """Whether a character inside a line does not come back as itself (a CR ends a line; odd
    spaces become spaces; invisible characters and controls are dropped)."""
    return ch in "\r" or ord(ch) in _INVISIBLE or bool(_ODD_SPACES.match(ch) or _CONTROLS.match(ch))


def clean_line(raw: str) -> str:
    """A line without invisible characters and surrounding spaces (full-width ones too)."""
    return _ODD_SPACES.sub(" ", raw.translate(_INVISIBLE)).strip()


def line_role(line: str) -> str:
    """What a cleaned line starts: heading, question, option, answer, explanation or text."""
    for role, pattern in (("heading", HEADING), ("question", QUESTION), ("answer", ANSWER),
                          ("explanation", EXPLANATION), ("option", OPTION)):
        if pattern.match(line):
            return role
    return "text" if line else "blank"


# ---------------------------------------------------------------------------------------------
# page furniture

def page_furniture(lines: list[str]) -> dict[int, str]:
    """Line number -> why it is page furniture (a page number, a header or footer repeated at page
    breaks), for cleaned lines. A repeated line counts only when one of its occurrences stands
    next to a page number (blank lines between allowed) or before the first question."""
    def blank(n: int) -> bool:
        return not 1 <= n <= len(lines) or not lines[n - 1]

    # a bare number ('7', or '110' at the end of a sentence) counts only as a paragraph of its own
    numbers = {n for n, line in enumerate(lines, start=1) if line and PAGE_NUMBER.match(line)
               and (not _BARE_NUMBER.match(line) or (blank(n - 1) and blank(n + 1)))}
    out = dict.fromkeys(numbers, "a page number")
    first_question = next((n for n, line in enumerate(lines, start=1) if QUESTION.match(line)), len(lines) + 1)
    seen: dict[str, list[int]] = {}
    for n, line in enumerate(lines, start=1):
        if line and n not in numbers and line_role(line) == "text":  # a section heading may repeat
            seen.setdefault(line, []).append(n)

    def near_page_number(n: int) -> bool:
        for step in (-1, 1):
            k = n + step
            while 1 <= k <= len(lines) and not lines[k - 1]:
                k += step
            if k in numbers:
                return True
        return False

    for where in seen.values():
        if len(where) >= 2 and (where[0] < first_question or any(near_page_number(n) for n in where)):
            out.update((n, f"a header or footer repeated at page breaks (lines {', '.join(map(str, where))})")
                       for n in where)
    return out


# ---------------------------------------------------------------------------------------------
# reading

@dataclass
class _Field:
    """Text gathered over lines, remembering paragraph breaks."""

    parts: list[str]
    line: int

    def add(self, text: str, paragraph: bool) -> None:
        self.parts.append(("\n\n" if paragraph else "\n") + text)

    @property
    def text(self) -> str:
        return "".join(self.parts).strip()


@dataclass
class _Draft:
    number: str
    line: int
    section_kind: str | None
    stem: _Field
    options: list[tuple[str, _Field]] = field(default_factory=list)  # (letter, text)
    answer: _Field | None = None
    explanation: _Field | None = None
    state: str = "stem"  # stem | options | answer | explanation | marked
    after_explanation: bool = False  # the line just before this question was explanation text
    marked: dict[str, tuple[int, str]] = field(default_factory=dict)  # 【难度】… lines: key -> (line, text)


class _Reader:
    def __init__(self, allow_missing_explanation: bool) -> None:
        self.allow_missing_explanation = allow_missing_explanation
        self.result = ImportResult()
        self.section_kind: str | None = None
        self.draft: _Draft | None = None
        self.blank_before = False

    def problem(self, line: int, code: str, message: str, level: str = ERROR) -> None:
        self.result.problems.append((error if level == ERROR else warning)(at_line(line), code, message))

    def read(self, text: str) -> ImportResult:
        raws = text.split("\n")
        for number, raw in enumerate(raws, start=1):
            for m in _CONTROLS.finditer(raw):
                self.problem(number, "control-character", f"dropped the control character U+{ord(m[0]):04X} "
                             f"at column {m.start() + 1} (Word writes them for page breaks and table cells)",
                             WARNING)
        lines = [clean_line(_CONTROLS.sub("", raw)) for raw in raws]
        furniture = page_furniture(lines)
        for number, line in enumerate(lines, start=1):
            if number in furniture:
                self.problem(number, "page-furniture", f"dropped '{_short(line)}': {furniture[number]}, "
                             "not part of a question", WARNING)
                continue
            self.line(number, line)
        self.finish()
        self.result.problems.sort()
        return self.result

    def line(self, n: int, line: str) -> None:
        if not line:
            self.blank_before = True
            return
        paragraph, self.blank_before = self.blank_before, False
        if m := HEADING.match(line):
            self.finish()
            self.section_kind = _KIND_WORDS[m["kind"]]
        elif m := QUESTION.match(line):
            # right under explanation text (no blank line): perhaps a numbered point of it
            after = self.draft is not None and self.draft.state == "explanation" and not paragraph
            self.finish()
            self.draft = _Draft(m["n1"] or m["n2"], n, self.section_kind, _Field([m["rest"]], n),
                                after_explanation=after)
        elif self.draft is None:
            self.problem(n, "stray-text", f"cannot place this line before the first question: "
                         f"'{_short(line)}'; start each question with its number, e.g. '1. 题干'")
        else:
            self.inside(self.draft, n, line, paragraph)

    def inside(self, d: _Draft, n: int, line: str, paragraph: bool) -> None:
        if d.state in ("answer", "explanation", "marked") and (m := MARKED.match(line)):
            self.mark(d, n, m["key"], m["rest"].strip())
        elif d.state == "marked":
            self.problem(n, "stray-text", f"cannot place this line after the marked lines of question {d.number}: "
                         f"'{_short(line)}'; only lines like 【难度】中等 may follow them")
        elif m := ANSWER.match(line):
            self.answer(d, n, m["rest"])
        elif m := EXPLANATION.match(line):
            self.explanation(d, n, m["rest"])
        elif d.state in ("stem", "options") and (m := OPTION.match(line)):
            self.options(d, n, m["l1"] or m["l2"], m["rest"])
        elif d.state == "stem":
            d.stem.add(line, paragraph)
        elif d.state == "options":
            d.options[-1][1].add(line, paragraph)
        elif d.state == "explanation":
            assert d.explanation is not None
            d.explanation.add(line, paragraph)
        else:
            self.problem(n, "stray-text", f"cannot place this line after the answer of question {d.number}: "
                         f"'{_short(line)}'; only 解析： may follow 答案：")

    def mark(self, d: _Draft, n: int, key: str, rest: str) -> None:
        if key in d.marked:
            self.problem(n, "duplicate-mark", f"question {d.number} already has 【{key}】 (line {d.marked[key][0]}); "
                         "keep one")
            return
        d.marked[key] = (n, rest)
        d.state = "marked"

    def answer(self, d: _Draft, n: int, rest: str) -> None:
        if d.answer is not None:
            self.problem(n, "duplicate-answer", f"question {d.number} already has an answer "
                         f"(line {d.answer.line}); keep one 答案： line")
            return
        head, *tail = INLINE_EXPLANATION.split(rest, maxsplit=1)
        d.answer = _Field([head.strip()], n)
        d.state = "answer"
        if tail:
            self.explanation(d, n, tail[0])

    def explanation(self, d: _Draft, n: int, rest: str) -> None:
        if d.explanation is not None:
            self.problem(n, "duplicate-explanation", f"question {d.number} already has 解析 "
                         f"(line {d.explanation.line}); join them into one")
            return
        d.explanation = _Field([rest], n)
        d.state = "explanation"

    def options(self, d: _Draft, n: int, letter: str, rest: str) -> None:
        d.state = "options"
        answer = trailing_answer(rest)
        trailing = answer["rest"] if answer is not None else None
        if answer is not None:
            rest = rest[: answer.start()]
        for got, text in _split_inline(_half(letter), rest):
            want = LETTERS[len(d.options)] if len(d.options) < len(LETTERS) else "(none: at most 8 options)"
            if got != want:
                self.problem(n, "option-order", f"question {d.number}: expected option {want}, found {got}")
            d.options.append((got, _Field([text], n)))
        if trailing is not None:  # 'D. 选项  答案：C': the answer, not option text
            self.answer(d, n, trailing)

    def finish(self) -> None:
        d, self.draft = self.draft, None
        if d is not None:
            q = _build(d, self)
            if q is not None:
                self.result.questions.append(q)


def trailing_answer(rest: str) -> re.Match[str] | None:
    """An 答案： mark at the end of an option's text: after a space, or right after the text when
    what follows it is an answer (B, ACD, 正确)."""
    for m in TRAILING_ANSWER.finditer(rest):
        if m.start() > 0 and rest[m.start()].isspace():
            return m
        head = INLINE_EXPLANATION.split(m["rest"], maxsplit=1)[0].strip()
        if _ANSWER_TOKEN.match(head):
            return m
    return None


def _split_inline(letter: str, rest: str) -> list[tuple[str, str]]:
    """'xx  B.yy  C.zz' after 'A.' -> [(A, xx), (B, yy), (C, zz)]: the next letter in order only."""
    out = []
    while True:
        nxt = LETTERS.find(letter) + 1
        if not 0 < nxt < len(LETTERS):
            break
        forms = "".join(chr(ord(LETTERS[nxt]) - ord("A") + ord(base)) for base in "AＡaａ")
        m = re.search(rf"\s+(?:[{forms}]\s*{_OPT_SEP}|[(（]\s*[{forms}]\s*[)）])\s*", rest)
        if not m:
            break
        out.append((letter, rest[: m.start()].strip()))
        letter, rest = LETTERS[nxt], rest[m.end():]
    out.append((letter, rest.strip()))
    return out


# ---------------------------------------------------------------------------------------------
# turning a draft into a question

Report = Callable[..., None]


def _build(d: _Draft, reader: _Reader) -> ImportedQuestion | None:
    """The question a draft holds, or None when it has errors (reported through the reader)."""
    report, errors_before = reader.problem, len(reader.result.errors)
    stem, tagged, tag_kind = _take_kind_tag(d.stem.text)
    stem, bracket = _take_bracket_answer(stem)
    kind = tag_kind if tagged else d.section_kind
    marked = _read_marks(d, report)
    if "kind" in marked:
        kind = marked["kind"]
    options = [f.text for _, f in d.options]
    raw_answer = d.answer.text if d.answer is not None else None
    answer_line = d.answer.line if d.answer is not None else d.line
    if raw_answer is not None and bracket is not None and not _same_answer(raw_answer, bracket):
        report(answer_line, "answer-conflict", f"question {d.number}: 答案 says '{raw_answer}' but the "
               f"stem's brackets say '{bracket}'; keep one")
    raw = raw_answer if raw_answer is not None else bracket
    answer: tuple[int, ...] | bool | None = None
    if raw is None or not raw.strip():
        if d.answer is not None:
            report(answer_line, "no-answer", f"question {d.number}: its 答案 line is empty; write the answer "
                   "after 答案：, e.g. 答案：B or 答案：正确")
        else:
            hint = ("; if this line belongs to the 解析 above, number its points ①②③ instead"
                    if d.after_explanation and not d.options else "")
            report(d.line, "no-answer", f"question {d.number} has no answer; add a line '答案：B' "
                   f"(or 答案：正确 for a judge question){hint}")
        kind = kind or ("judge" if not options else "single")
    else:
        raw = raw.translate(_CROSSES)
        if is_judge_pair(options) and kind in (None, "judge"):
            kind, raw, options = "judge", _judge_from_pair(raw, options), []
        kind, answer = _kind_and_answer(d, kind, raw, options, answer_line, report)
    # checks/questions.py's rules on the question as the model holds it, worded for the teacher's text
    # (with no options at all, no-options above says what options-count would)
    reader.result.problems.extend(
        p for p in check_question("", _as_model(d, kind, stem, options, answer, answer_line), d.number)
        if options or p.code != "options-count")
    explanation = d.explanation.text if d.explanation is not None else ""
    if not explanation:
        where = d.explanation.line if d.explanation is not None else d.line
        missing = ": its 解析 is empty" if d.explanation is not None else " has no 解析"
        if reader.allow_missing_explanation:
            report(where, "no-explanation", f"question {d.number}{missing}; it is written with an empty "
                   "explanation that `fanzha validate` reports until you write one", WARNING)
        else:
            report(where, "no-explanation", f"question {d.number}{missing}; add a line '解析：…' that "
                   "says why (or import with --allow-missing-explanation and write it in the YAML)")
    if answer is None or len(reader.result.errors) > errors_before:
        return None
    return ImportedQuestion(kind, stem, options, answer, explanation, d.line, marked.get("difficulty"),
                            bool(marked.get("exam_only", False)), marked.get("case"))


def _as_model(d: _Draft, kind: str, stem: str, options: list[str], answer: tuple[int, ...] | bool | None,
              answer_line: int) -> Question:
    """The draft as a model Question, each key positioned at its line (for checks/questions.py)."""
    where = {"stem": at_line(d.line), "options": at_line(d.line), "answer": at_line(answer_line)}
    if options:  # not a judge pair turned into a judge question
        where.update({f"options[{j}]": at_line(f.line) for j, (_, f) in enumerate(d.options)})
    return Question(id="", kind=kind, stem=stem, options=options, answer=() if answer is None else answer,
                    explanation="", bank="", type="", pos=at_line(d.line), where=where)


_MARK_KINDS = {name: kind for kind, name in KIND_NAMES.items()}
_YES_NO = {"是": True, "否": False}


def _read_marks(d: _Draft, report: Report) -> dict[str, Any]:
    """The values of a draft's 【题型】【难度】【仅限考试】【案例】 lines (errors reported)."""
    out: dict[str, Any] = {}
    for key, (line, text) in d.marked.items():
        if key == "题型":
            if text not in _MARK_KINDS:
                report(line, "mark-unreadable", f"question {d.number}: 【题型】 is one of {'、'.join(_MARK_KINDS)}; "
                       f"found '{_short(text)}'")
            else:
                out["kind"] = _MARK_KINDS[text]
        elif key == "难度":
            if text not in _DIFFICULTY_WORDS:
                report(line, "mark-unreadable", f"question {d.number}: 【难度】 is 简单, 中等 or 困难; "
                       f"found '{_short(text)}'")
            else:
                out["difficulty"] = _DIFFICULTY_WORDS[text]
        elif key == "仅限考试":
            if text not in _YES_NO:
                report(line, "mark-unreadable", f"question {d.number}: 【仅限考试】 is 是 or 否; found '{_short(text)}'")
            else:
                out["exam_only"] = _YES_NO[text]
        elif key == "案例":
            if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", text):
                report(line, "mark-unreadable", f"question {d.number}: 【案例】 is a case id such as "
                       f"'shuadan-dianzan'; found '{_short(text)}'")
            else:
                out["case"] = text
    return out


def _same_answer(a: str, b: str) -> bool:
    """'B' and 'Ｂ', '√' and '正确', 'A、C' and 'CA' are the same answer."""
    ja, jb = read_judge(a), read_judge(b)
    if ja is not None and jb is not None:
        return ja == jb
    la, lb = read_letters(a), read_letters(b)
    if la and lb:
        return set(la) == set(lb)
    return _half(a) == _half(b)


def _take_kind_tag(stem: str) -> tuple[str, bool, str | None]:
    """The stem without a tag like [单选题] / 【多选题】, whether it had one, and the kind it names
    (None for 不定项: inferred from the answer)."""
    m = KIND_TAG.search(stem)
    if not m:
        return stem, False, None
    joined = (stem[: m.start()] + (" " if m.start() and m.end() < len(stem) else "") + stem[m.end():]).strip()
    return joined, True, _KIND_WORDS[m["kind"]]


def _take_bracket_answer(stem: str) -> tuple[str, str | None]:
    """The stem without its answer brackets, and the answer written in them.

    Only the last bracket group counts. At the end of the stem a blank group `（  ）` or one
    holding an answer is removed; inside the stem an answer becomes a blank `（  ）`.
    """
    groups = list(BRACKETS.finditer(stem))
    if not groups:
        return stem, None
    m = groups[-1]
    inner = m["inner"].strip()
    at_end = bool(_AFTER_END.match(stem[m.end():]))
    if inner and not _ANSWER_TOKEN.match(inner):
        return stem, None
    if at_end:
        return (stem[: m.start()].rstrip() + stem[m.end():].strip()), inner or None
    if not inner:
        return stem, None
    return stem[: m.start()] + "（  ）" + stem[m.end():], inner


def is_judge_pair(options: list[str]) -> bool:
    """Two options that a judge question's words make (正确/错误, 对/错, √/×, 是/否)."""
    return len(options) == 2 and frozenset(_half(o) for o in options) in _JUDGE_PAIRS


def _judge_from_pair(raw: str, options: list[str]) -> str:
    """'A' with options [正确, 错误] -> '正确'; a judge word stays as it is."""
    letters = read_letters(raw)
    if letters and len(letters) == 1 and LETTERS.index(letters[0]) < 2:
        return options[LETTERS.index(letters[0])]
    return raw


def _kind_and_answer(d: _Draft, kind: str | None, raw: str, options: list[str], line: int,
                     report: Report) -> tuple[str, tuple[int, ...] | bool | None]:
    """The question's kind and its answer (None after reporting why it cannot be read; a judge
    question with options, which checks/questions.py reports, has none either)."""
    if not options:
        if kind in ("single", "multiple"):
            report(d.line, "no-options", f"question {d.number} is a {KIND_NAMES[kind]} but has no options "
                   "A. B. …; add them, or move it under a 判断题 heading")
            return kind, None
        judged = read_judge(raw)
        if judged is None:
            report(line, "answer-unreadable", f"question {d.number} has no options, so it is read as a "
                   f"判断题, whose answer is 对/错, 正确/错误, √/× or T/F; found '{raw}'" + _unmarked_options(d))
        return "judge", judged
    if kind == "judge":
        return kind, None
    letters = read_letters(raw)
    if not letters:
        report(line, "answer-unreadable", f"question {d.number}: expected option letters such as B or ACD, "
               f"found '{raw}'")
        return kind or "single", None
    answer = tuple(sorted({LETTERS.index(ch) for ch in letters}))
    return kind or ("multiple" if len(answer) > 1 else "single"), answer


_UNMARKED_OPTION = re.compile(rf"^{_LETTER}\s+\S")


def _unmarked_options(d: _Draft) -> str:
    """A hint when the stem holds lines like 'A 选项' (a letter without its mark)."""
    lines = [part.strip() for part in d.stem.parts[1:]]
    found = [line for line in lines if _UNMARKED_OPTION.match(line)]
    if not found:
        return ""
    return (f"; the lines '{_short(found[0], 16)}'… start with a letter but no mark after it, so they were read "
            "as the stem: write options as 'A. 选项' (or A、 A： A）)")




def _half(text: str) -> str:
    """Full-width letters and punctuation as half-width, for comparing markers only."""
    return unicodedata.normalize("NFKC", text).strip().upper()


def _short(text: str, width: int = 30) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# ---------------------------------------------------------------------------------------------
# public entry points

def parse_text(text: str, allow_missing_explanation: bool = False) -> ImportResult:
    """Questions and problems from decoded text (LF line ends)."""
    return _Reader(allow_missing_explanation).read(text)


def parse_bytes(data: bytes, allow_missing_explanation: bool = False) -> ImportResult:
    """Questions and problems from a file's bytes, whatever its encoding (see `decode`)."""
    try:
        text, encoding = decode(data)
    except UndecodableText as exc:
        return ImportResult(problems=[exc.problem])
    result = parse_text(text, allow_missing_explanation)
    result.encoding = encoding
    return result
