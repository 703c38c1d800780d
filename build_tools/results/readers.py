"""Reading results files as the platforms give them to teachers, mapped back to question ids.

Three layouts, told apart by their header row; each may be CSV (UTF-8 with or without a BOM,
or GB18030 as Excel on Chinese Windows saves "CSV") or an Excel workbook (.xlsx, first sheet):

问卷星 (wjx) 下载答卷数据. The first columns are the platform's own: 序号, 提交答卷时间, 所用时间,
    来源, 来源详情, 来自IP (and 总分 for an exam); each question then has a column headed by its
    number and stem, "7、以下哪种……". Two layouts, as the download dialog offers them:
    - 按选项文本: a cell holds the chosen option's text; a multiple-choice answer joins the texts
      with "┋"; a judge answer is 正确/错误 (or 对/错, the option text the paper showed).
    - 按选项序号: a single-choice cell holds the option's number (1 = the first option shown);
      a multiple-choice question has one column per option headed "第7题(选项文本)" holding 1 when
      chosen and 0 when not; -2 / -3 mark a question not shown / skipped.
    Questions the teacher added to collect 学号, 班级, 姓名 (numbered like the others, or as the
    exam's 考生信息 columns) are recognised by those words and are not test questions; the test
    questions left are numbered 1, 2, … in their order, as `fanzha export --format wjx` wrote them.
    Sources: column headings as in public code that reads these downloads (the 6-column preamble,
    "N、题干", ┋ between choices, "第N题(选项)" sub-columns, -2/-3 for not answered); 问卷星's own
    help pages were not available. Check one download against this before relying on it.
Moodle quiz Responses report (Download table data as CSV): Surname, First name, ID number or
    Email address, State, Started on, Completed, Time taken, Grade/…, then "Response 1" … "Response N"
    (the text of the chosen option; several joined with "; "; True/False for true-false). Only
    Finished attempts count; the "Overall average" line is skipped. 学号 is the "ID number" user
    field (or a 学号 column): include it in the report's identity fields.
The paper answer grid (`fanzha paper` writes answer-grid.csv): 学号, 班级, 试卷版本, 1, 2, …, N;
    a cell holds the letters ticked (A, ACD; judge: T/F, 对/错, √/×, A/B as printed).

Every answer becomes a bit mask of the BANK's options (bit i = source option i; judge: bit 0
正确, bit 1 错误), so shuffled versions pool into one analysis per question id.
"""
from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..exchange.answermap import AnswerMap, MappedQuestion
from ..load.programme.inputs import InputErrors, decode
from ..model import Pos
from ..problem import Problem, error

LAYOUT_NAMES = {"grid": "paper answer grid", "wjx-text": "问卷星 按选项文本", "wjx-index": "问卷星 按选项序号",
                "moodle": "Moodle responses"}
BLANKS = frozenset({"", "-", "—", "–", "(跳过)", "（跳过）", "(空)", "（空）", "-2", "-3", "未作答", "未答", "null"})
JUDGE_TRUE = frozenset({"T", "TRUE", "对", "正确", "√", "✓", "✔", "是", "Y", "YES", "A"})
JUDGE_FALSE = frozenset({"F", "FALSE", "错", "错误", "×", "✗", "✘", "X", "否", "N", "NO", "B"})
WJX_MULTI_SEP = "┋"
MOODLE_MULTI_SEP = "; "
FINISHED = frozenset({"finished", "已完成", "完成"})
_NUMBERED = re.compile(r"^\s*(\d+)\s*[、.．:：]\s*(.*)$", re.S)
_SUBCOLUMN = re.compile(r"^\s*第\s*(\d+)\s*题\s*[(（](.*)[)）]\s*$", re.S)
_RESPONSE = re.compile(r"^\s*(?:Response|回答|答案)\s*(\d+)\s*$", re.I)
_INFO_WORDS = ("姓名", "学号", "班级", "学院", "专业", "年级", "手机", "电话", "邮箱", "性别", "卷别", "试卷版本",
               "工号", "考号", "准考证")
_SID_NAMES = ("学号", "id number", "idnumber", "id号", "考号", "工号")
_CLASS_NAMES = ("班级", "class", "group", "groups", "department", "小组")
_VERSION_NAMES = ("试卷版本", "卷别", "版本", "version")


def norm(text: str) -> str:
    """Text as compared: full-width as half-width (NFKC), no whitespace at all, case folded."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


@dataclass(frozen=True)
class Item:
    """One question of the paper, pooled over versions: the bank's option order."""

    id: str
    kind: str
    options: tuple[str, ...]   # texts in the bank's order (judge: 正确, 错误)
    key: int                   # bit mask of the correct bank options
    numbers: dict[str, int]    # version → the number it had there


@dataclass
class Paper:
    """The answer map made ready for reading: items and, per version, number → (item index, question)."""

    map: AnswerMap
    map_rel: str
    items: list[Item]
    by_version: dict[str, dict[int, tuple[int, MappedQuestion]]]
    pass_mark: float | None = None   # the map file's own pass_mark; None when it names none

    @classmethod
    def of(cls, amap: AnswerMap, map_rel: str) -> Paper:
        items: list[Item] = []
        index: dict[str, int] = {}
        by_version: dict[str, dict[int, tuple[int, MappedQuestion]]] = {}
        for version in amap.versions:
            numbers: dict[int, tuple[int, MappedQuestion]] = {}
            for q in sorted(version.questions, key=lambda q: q.number):
                if q.id not in index:
                    source = [""] * len(q.order)
                    for shown, src in enumerate(q.order):
                        if shown < len(q.options):
                            source[src] = q.options[shown]
                    index[q.id] = len(items)
                    items.append(Item(q.id, q.kind, tuple(source), shown_mask(q, q.key), {}))
                items[index[q.id]].numbers[version.name] = q.number
                numbers[q.number] = (index[q.id], q)
            by_version[version.name] = numbers
        return cls(amap, map_rel, items, by_version, amap.pass_mark)


def shown_mask(q: MappedQuestion, letters: str) -> int:
    """Shown letters ('BD'; judge 'T'/'F') → bit mask of bank options."""
    mask = 0
    for ch in letters:
        mask |= 1 << q.source_index(ch)
    return mask


@dataclass
class Attempt:
    """One row of a results file: who, which version, and a bank-option mask per item (-1: not on it)."""

    sid: str
    klass: str
    version: str
    masks: list[int]
    pos: Pos
    class_col: int = 1


@dataclass
class Results:
    """Every attempt read from one or more files of the same paper."""

    paper: Paper
    attempts: list[Attempt] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    layouts: list[str] = field(default_factory=list)
    has_class: bool = True
    no_class: list[tuple[str, int]] = field(default_factory=list)  # (file, header line) without a 班级 column


class BadAnswer(ValueError):
    """A cell that is no answer of its question; the message says what was found and expected."""


# --- rows out of files ----------------------------------------------------------------------

def rows_of(path: Path, rel: str) -> list[tuple[int, list[str]]]:
    """(line or spreadsheet row, cells) of every non-blank row; InputErrors for an unreadable file."""
    suffix = path.suffix.lower()
    if suffix in (".xls", ".et"):
        raise InputErrors([error(Pos(rel, 1, 1), "results-format", "an old Excel .xls workbook cannot be "
                                 "read; save it as .xlsx or download the CSV")])
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputErrors([error(Pos(rel, 1, 1), "missing-file", f"cannot read the results file "
                                 f"({exc.strerror or exc})")]) from None
    if suffix in (".xlsx", ".xlsm") or data[:4] == b"PK\x03\x04":
        return _xlsx_rows(data, rel)
    text = decode(data, rel)
    reader = csv.reader(io.StringIO(text))
    out, start = [], 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                out.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputErrors([error(Pos(rel, reader.line_num, 1), "bad-csv", f"cannot read the CSV: {exc}")]) from None
    return out


def _xlsx_rows(data: bytes, rel: str) -> list[tuple[int, list[str]]]:

    from openpyxl import load_workbook
    try:  # any workbook a spreadsheet program cannot open either is one error, never a traceback
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise InputErrors([error(Pos(rel, 1, 1), "results-format", f"not a readable .xlsx workbook ({exc})")]) from None
    try:
        sheet = book.worksheets[0]
        out = []
        for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
            cells = [_cell_text(v) for v in values]
            if any(c.strip() for c in cells):
                out.append((number, cells))
        return out
    except Exception as exc:
        raise InputErrors([error(Pos(rel, 1, 1), "results-format", f"cannot read the workbook's first sheet "
                                 f"({type(exc).__name__}: {exc})")]) from None
    finally:
        book.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    return str(value)


# --- layouts --------------------------------------------------------------------------------

@dataclass
class Column:
    number: int                  # the question number in the answer map
    cells: tuple[int, ...]       # the columns it is read from (0-based)
    read: Callable[[MappedQuestion, list[str]], str]   # their values → shown letters ('' blank)
    label: str = ""              # the file's own heading when its numbers differ from the map's

    @property
    def col(self) -> int:
        """Where its problems are reported (1-based)."""
        return self.cells[0] + 1


@dataclass
class Layout:
    name: str
    sid: int | None
    klass: int | None
    version: int | None
    state: int | None
    questions: list[Column]
    header_line: int
    skip: Callable[[list[str]], bool] = lambda cells: False


def _header_key(cell: str) -> str:
    return norm(re.sub(r"[（(][^）)]*[）)]$", "", cell.replace("\ufeff", "")))


def _find(header: list[str], names: Iterable[str], contains: bool = False) -> int | None:
    wanted = [norm(n) for n in names]
    for i, cell in enumerate(header):
        key = _header_key(cell)
        if key in wanted or (contains and any(w in key for w in wanted)):
            return i
    return None


def detect(header: list[str], rows: list[tuple[int, list[str]]], header_line: int, rel: str,
           expected: int | None = None) -> Layout:
    """The layout of a file from its header row (and, for 问卷星, whether its cells are numbers)."""
    if any(_RESPONSE.match(h) for h in header):
        return _moodle(header, header_line)
    if any(_NUMBERED.match(h) or _SUBCOLUMN.match(h) for h in header):
        return _wjx(header, rows, header_line, expected)
    if any(re.fullmatch(r"\s*\d+\s*", h) for h in header):
        return _grid(header, header_line)
    raise InputErrors([error(Pos(rel, header_line, 1), "results-format",
        "not a results file this reads: expected a paper answer grid (学号, 班级, 试卷版本, 1, 2, …), a "
        "问卷星 download (columns such as '1、题干') or a Moodle responses report ('Response 1', …)")])


def _grid(header: list[str], line: int) -> Layout:
    questions = [Column(int(h), (i,), _one(letters_of)) for i, h in enumerate(header) if re.fullmatch(r"\s*\d+\s*", h)]
    return Layout("grid", _find(header, ("学号",)), _find(header, ("班级",)), _find(header, _VERSION_NAMES), None,
                  questions, line)


def _moodle(header: list[str], line: int) -> Layout:
    questions = []
    for i, h in enumerate(header):
        m = _RESPONSE.match(h)
        if m:
            questions.append(Column(int(m.group(1)), (i,), _one(_read_text(MOODLE_MULTI_SEP))))
    def skip(cells: list[str]) -> bool:  # the report's last line: averages, no person
        return bool(cells) and norm(cells[0]).startswith(("overallaverage", "总平均", "平均"))

    return Layout("moodle", _find(header, _SID_NAMES), _find(header, _CLASS_NAMES), _find(header, _VERSION_NAMES),
                  _find(header, ("State", "状态")), questions, line, skip)


def _info_word(stem: str) -> bool:
    return any(w in norm(stem) for w in _INFO_WORDS)


def _wjx(header: list[str], rows: list[tuple[int, list[str]]], line: int, expected: int | None = None) -> Layout:
    """问卷星: the platform's columns, the teacher's 考生信息 questions, then the test questions.

    A numbered question is taken for 考生信息 (学号, 班级, 姓名…) when its stem names one of those
    and the file has more numbered questions than the answer map (`expected`): the surplus, from
    the first; without a map, when its stem is short (at most 12 characters) and names one."""
    numbered: dict[int, dict] = {}   # original number → {"single": col, "subs": [cols], "stem": text}
    order: list[int] = []
    plain: list[tuple[int, str]] = []
    for i, h in enumerate(header):
        m, sub = _NUMBERED.match(h), _SUBCOLUMN.match(h)
        if sub or m:
            n = int((sub or m).group(1))  # type: ignore[union-attr]
            entry = numbered.setdefault(n, {"single": None, "subs": [], "stem": (sub or m).group(2)})  # type: ignore[union-attr]
            if sub:
                entry["subs"].append(i)
            else:
                entry["single"], entry["stem"] = i, m.group(2)  # type: ignore[union-attr]
            if n not in order:
                order.append(n)
        else:
            plain.append((i, norm(h)))
    candidates = [n for n in order if not numbered[n]["subs"] and _info_word(numbered[n]["stem"])]
    if expected is not None and len(order) > expected:
        info = candidates[:len(order) - expected]
    else:
        info = [n for n in candidates if len(norm(numbered[n]["stem"]).rstrip(":：?？")) <= 12]
    plain += [(numbered[n]["single"], norm(numbered[n]["stem"])) for n in info]
    order = [n for n in order if n not in info]
    sid = klass = version = None
    for i, key in sorted(plain):
        if sid is None and ("学号" in key or key in (norm(x) for x in _SID_NAMES)):
            sid = i
        elif klass is None and "班级" in key:
            klass = i
        elif version is None and any(norm(w) in key for w in _VERSION_NAMES):
            version = i
    singles = {n: numbered[n]["single"] for n in order if not numbered[n]["subs"]}
    by_index = any(numbered[n]["subs"] for n in order) or _all_numbers(list(singles.values()), rows)
    questions = []
    for number, original in enumerate(order, start=1):
        entry = numbered[original]
        label = "" if number == original else _short(header[(entry["subs"] or [entry["single"]])[0]])
        if entry["subs"]:
            questions.append(Column(number, tuple(entry["subs"]), _read_flags, label))
        elif by_index:
            questions.append(Column(number, (entry["single"],), _one(_read_index), label))
        else:
            questions.append(Column(number, (entry["single"],), _one(_read_text(WJX_MULTI_SEP)), label))
    return Layout("wjx-index" if by_index else "wjx-text", sid, klass, version, None, questions, line)


def _short(text: str, width: int = 24) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= width else text[:width] + "…"


def _all_numbers(cols: list[int], rows: list[tuple[int, list[str]]]) -> bool:
    seen = False
    for _, cells in rows:
        for c in cols:
            value = cells[c].strip() if c < len(cells) else ""
            if value in BLANKS:
                continue
            if not re.fullmatch(r"\d+(┋\d+)*", value):
                return False
            seen = True
    return seen


# --- cells → shown letters ------------------------------------------------------------------

def _one(read: Callable[[MappedQuestion, str], str]) -> Callable[[MappedQuestion, list[str]], str]:
    return lambda q, values: read(q, values[0])


def _judge(value: str) -> str | None:
    key = norm(value).upper()
    return "T" if key in JUDGE_TRUE else "F" if key in JUDGE_FALSE else None


def letters_of(q: MappedQuestion, raw: str) -> str:
    """A grid cell ('ACD', 'a, c', 'T', '对') → shown letters."""
    value = raw.strip()
    if value in BLANKS:
        return ""
    if q.kind == "judge":
        got = _judge(value)
        if got is None:
            raise BadAnswer(f"question {q.number}: answer '{raw}' is not a judge answer (T/F, 对/错, √/×)")
        return got
    letters = re.sub(r"[\s,，、;；/]", "", unicodedata.normalize("NFKC", value)).upper()
    bad = [ch for ch in letters if ch not in q.letters]
    if bad or not letters:
        raise BadAnswer(f"question {q.number}: answer '{raw}' has a letter the question does not have "
                        f"(its options are {', '.join(q.letters)})")
    if q.kind == "single" and len(set(letters)) > 1:
        raise BadAnswer(f"question {q.number}: answer '{raw}' gives several letters to a single-choice question")
    return "".join(sorted(set(letters)))


def _read_index(q: MappedQuestion, raw: str) -> str:
    value = raw.strip()
    if value in BLANKS:
        return ""
    out = set()
    for part in value.split(WJX_MULTI_SEP):
        if not part.strip().isdigit() or not 1 <= int(part) <= len(q.order):
            raise BadAnswer(f"question {q.number}: option number '{raw}' is not one of 1–{len(q.order)}")
        out.add(q.letters[int(part) - 1])
    if q.kind == "single" and len(out) > 1:
        raise BadAnswer(f"question {q.number}: several options '{raw}' for a single-choice question")
    return "".join(sorted(out))


def _read_flags(q: MappedQuestion, values: list[str]) -> str:
    """问卷星 按选项序号, multiple choice: one column per shown option, 1 chosen, 0 not."""
    if len(values) != len(q.order):
        raise BadAnswer(f"question {q.number}: {len(values)} option columns, but the question has "
                        f"{len(q.order)} options")
    out = []
    for letter, raw in zip(q.letters, values):
        value = raw.strip()
        if value == "1":
            out.append(letter)
        elif value not in BLANKS and value != "0":
            raise BadAnswer(f"question {q.number}: '{value}' in an option column (expected 1 or 0)")
    return "".join(out)


def _read_text(sep: str) -> Callable[[MappedQuestion, str], str]:
    def read(q: MappedQuestion, raw: str) -> str:
        value = html.unescape(raw).strip()  # Moodle's report may keep &amp; and the like
        if value in BLANKS:
            return ""
        if q.kind == "judge":
            got = _judge(value)
            if got is None:
                raise BadAnswer(f"question {q.number}: '{raw}' is neither 正确 nor 错误")
            return got
        texts = {norm(t): q.letters[i] for i, t in enumerate(q.options)}
        whole = texts.get(norm(value))
        if whole:
            return whole
        out = set()
        joiner = sep.strip() or sep
        parts = value.split(joiner)
        i = 0
        while i < len(parts):  # an option's own text may hold the separator: join parts until one matches
            for j in range(i + 1, len(parts) + 1):
                letter = texts.get(norm(joiner.join(parts[i:j])))
                if letter is not None:
                    out.add(letter)
                    i = j
                    break
            else:
                raise BadAnswer(f"question {q.number}: '{parts[i].strip()}' is none of the options the answer map "
                                "shows for it (was the question edited after the export?)")
        if q.kind == "single" and len(out) > 1:
            raise BadAnswer(f"question {q.number}: several options for a single-choice question")
        return "".join(sorted(out))
    return read


# --- reading one file -----------------------------------------------------------------------

def read_file(path: Path, rel: str, paper: Paper, results: Results, problems: list[Problem],
              version_name: str | None = None) -> None:
    """Add the attempts of one file to `results`; every problem found goes into `problems`."""
    rows = rows_of(path, rel)
    if not rows:
        problems.append(error(Pos(rel, 1, 1), "empty-file", "expected a header row and one row per student, found nothing"))
        return
    header_line, header = rows[0]
    counts = {len(mapped) for mapped in paper.by_version.values()}
    layout = detect(header, rows[1:], header_line, rel, counts.pop() if len(counts) == 1 else None)
    results.files.append(rel)
    results.layouts.append(layout.name)
    start = len(problems)
    if layout.sid is None:
        problems.append(error(Pos(rel, header_line, 1), "missing-column",
            "no 学号 column: results are kept one attempt per student"
            + (" (Moodle: add 'ID number' to the report's user identity fields)" if layout.name == "moodle" else "")))
    if layout.klass is None:
        results.has_class = False
        results.no_class.append((rel, header_line))
    versions = list(paper.by_version)
    if version_name is not None and version_name not in paper.by_version:
        problems.append(error(Pos(rel, header_line, 1), "unknown-version",
                              f"--version {version_name}: not a version of the answer map ({', '.join(versions)})"))
        return
    if layout.version is None and version_name is None and len(versions) > 1:
        problems.append(error(Pos(rel, header_line, 1), "missing-column",
                              f"no 试卷版本 column, but the answer map has versions {', '.join(versions)}"))
    if not layout.questions:
        problems.append(error(Pos(rel, header_line, 1), "results-format", "no question columns found"))
    numbers = {c.number for c in layout.questions}
    seen: set[int] = set()
    for c in layout.questions:
        if c.number in seen:
            problems.append(error(Pos(rel, header_line, c.col), "duplicate-question",
                                  f"question {c.number} has a second column here"))
        seen.add(c.number)
    for name, mapped in paper.by_version.items():
        if layout.version is None and name != (version_name or versions[0]):
            continue
        for c in layout.questions:
            if c.number not in mapped:
                problems.append(error(Pos(rel, header_line, c.col), "unmapped-question",
                    f"question {c.number} maps to no question id in the answer map {paper.map_rel} (version {name})"))
        missing = sorted(set(mapped) - numbers)
        if missing:
            problems.append(error(Pos(rel, header_line, 1), "unmapped-question",
                f"the answer map {paper.map_rel} (version {name}) has question(s) "
                f"{', '.join(map(str, missing))}, which have no column in this file"))
    if len(problems) > start:
        return
    _read_rows(rows[1:], rel, layout, paper, results, problems, version_name or versions[0])


def _read_rows(rows: list[tuple[int, list[str]]], rel: str, layout: Layout, paper: Paper, results: Results,
               problems: list[Problem], default_version: str) -> None:
    """One Attempt per row. The inner loop is the hot path (1,000,000 answers in the bench): each
    column keeps a cache from the raw cell to its bank-option mask, so a cell is parsed once per
    distinct value and version."""
    n_items = len(paper.items)
    plans: dict[str, list[tuple[int, MappedQuestion, int, tuple[int, ...], dict[str, int], Column]]] = {
        version: [(mapped[c.number][0], mapped[c.number][1], c.cells[0] if len(c.cells) == 1 else -1, c.cells, {}, c)
                  for c in layout.questions]
        for version, mapped in paper.by_version.items() if all(c.number in mapped for c in layout.questions)}
    sid_col, klass_col, version_col, state_col = layout.sid, layout.klass, layout.version, layout.state
    assert sid_col is not None
    attempts = results.attempts
    for line, cells in rows:
        ncells = len(cells)
        if layout.skip(cells):
            continue
        if state_col is not None and state_col < ncells and cells[state_col] and norm(cells[state_col]) not in FINISHED:
            continue
        sid = cells[sid_col].strip() if sid_col < ncells else ""
        if not sid:
            problems.append(error(Pos(rel, line, sid_col + 1), "missing-value", "学号: expected a value, found nothing"))
            continue
        version = (cells[version_col].strip() if version_col < ncells else "") if version_col is not None \
            else default_version
        if not version and len(paper.by_version) == 1:  # a blank 试卷版本 on a one-version paper
            version = default_version
        plan = plans.get(version)
        if plan is None:
            problems.append(error(Pos(rel, line, (version_col or 0) + 1), "unknown-version",
                f"试卷版本: '{version}' is not a version of the answer map ({', '.join(paper.by_version)})"))
            continue
        masks = [-1] * n_items
        for item, q, single, cols, cache, column in plan:
            if single >= 0:
                raw = cells[single] if single < ncells else ""
            else:
                raw = "\x1f".join(cells[c] if c < ncells else "" for c in cols)
            mask = cache.get(raw)
            if mask is None:
                values = [raw] if single >= 0 else [cells[c] if c < ncells else "" for c in cols]
                try:
                    mask = cache[raw] = shown_mask(q, column.read(q, values))
                except BadAnswer as exc:
                    where = f" (column '{column.label}')" if column.label else ""
                    problems.append(error(Pos(rel, line, column.col), "answer-letter", f"{exc}{where}"))
                    continue
            masks[item] = mask
        klass = cells[klass_col].strip() if klass_col is not None and klass_col < ncells else ""
        attempts.append(Attempt(sid, klass, version, masks, Pos(rel, line, 1), (klass_col or 0) + 1))


def _at(cells: list[str], i: int | None) -> str:
    return cells[i] if i is not None and i < len(cells) else ""


def read_results(files: list[tuple[Path, str]], paper: Paper, version: str | None = None) -> Results:
    """Every file's attempts; InputErrors listing every problem of every file (then nothing is used)."""
    results = Results(paper)
    problems: list[Problem] = []
    for path, rel in files:
        try:
            read_file(path, rel, paper, results, problems, version)
        except InputErrors as exc:
            problems += exc.problems
    if any(p.is_error for p in problems):
        raise InputErrors(problems)
    return results

