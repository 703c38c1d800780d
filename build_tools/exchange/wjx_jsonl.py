"""问卷星 exam JSONL: the format of 问卷星's own kit (wjxcom/wjx-ai-kit) that carries answers.

    {"qtype": "问卷基础信息", "title": "反诈知识库：刷单返利", "introduction": "…", "language": "zh"}
    {"qtype": "考试单选", "title": "题干", "select": ["选项", …], "correctselect": ["B"],
     "quizscore": "1", "answeranalysis": "解析"}
    {"qtype": "考试多选", …, "correctselect": ["A", "C"], …}
    {"qtype": "考试判断", "title": "说法", "select": ["对", "错"], "correctselect": ["对"], …}

One JSON object a line (UTF-8, LF). The kit documents it in its wjx-cli skill (SKILL.md:
"做考试/测验 → wjx survey create-by-json --file exam.jsonl --type 6") and its exam prompt
(survey-generation-json: the first line is the 问卷基础信息 record, every other line has
qtype and title; a title holds the stem only, without a number or the question type; exam
questions carry quizscore, correctselect and answeranalysis). Its DSL text (create-by-text)
has no place for answers or explanations and reads the first line as the survey title, so
it is not used.

correctselect holds option letters for 考试单选/考试多选 (the kit's own template writes
`correctselect: ["B"]` for the second of three options) and the option's word for 考试判断
(`select: ["对","错"], correctselect: ["对"]`, in both the template and the prompt).
Options are written without letters: 问卷星 letters them itself. Every text is written
exactly as it is (JSON carries line breaks); the survey title is the site's name and the
banks', which the kit requires to be a real title of at least 2 characters.

How a teacher brings it in: with 问卷星's command-line tool (`wjx init` once with the API
Key 问卷星 shows after a WeChat login, see the kit's README 获取 API Key; then
`wjx survey create-by-json --file FILE --type 6`; `--dry-run` first shows what it read), or
through the kit's MCP server (tool create_survey_by_json, atype 6). The kit also warns that
correct answers and scores may not be set through its API for every account ("考试问卷注意");
check one question in 问卷星's editor before a real test.
"""
from __future__ import annotations

import json
import re
from collections.abc import Mapping

from ..model import LETTERS, Question
from .selection import Exported, Selection

EXTENSION = ".jsonl"
META = "问卷基础信息"
QTYPES = {"single": "考试单选", "multiple": "考试多选", "judge": "考试判断"}
JUDGE_WORDS = ("对", "错")
#: points per question (the kit's examples give every exam question a quizscore string)
SCORE = "1"
#: the kit refuses a JSONL text above this size (createSurveyByJson's limit, 1 MB)
MAX_BYTES = 1_000_000


_LOOKS_NUMBERED = re.compile(r"^\s*[0-9０-９]+\s*[.．、)）]")
_TYPE_TAG = re.compile(r"\[(?:单选题|多选题|判断题)\]")


def meta(selection: Selection) -> dict[str, str]:
    title = f"{selection.site_name}：" + "、".join(part.bank.title for part in selection.parts)
    return {"qtype": META, "title": title,
            "introduction": f"{len(selection.questions)} 道题，每题 {SCORE} 分。", "language": "zh"}


def record(q: Question) -> dict[str, object]:
    """One question's JSON object."""
    if q.kind == "judge":
        select, correct = list(JUDGE_WORDS), [JUDGE_WORDS[0] if q.answer is True else JUDGE_WORDS[1]]
    else:
        select, correct = list(q.options), [LETTERS[i] for i in q.correct_indexes]
    return {"qtype": QTYPES[q.kind], "title": q.stem, "select": select, "correctselect": correct,
            "quizscore": SCORE, "answeranalysis": q.explanation}


def _line(obj: Mapping[str, object]) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def export(selection: Selection) -> Exported:
    questions = selection.questions
    lines = [_line(meta(selection))] + [_line(record(q)) for q in questions]
    data = "".join(f"{line}\n" for line in lines).encode("utf-8")
    warnings = [f"{q.id}: its stem starts like a numbered question or holds a tag like [单选题]; the kit asks "
                "for the stem alone, so check this question after importing"
                for q in questions if _LOOKS_NUMBERED.match(q.stem) or _TYPE_TAG.search(q.stem)]
    if len(data) > MAX_BYTES:
        warnings.append(f"the file is {len(data):,} bytes; 问卷星's tool refuses more than {MAX_BYTES:,}: "
                        "export fewer banks at a time (--banks)")
    return Exported(data, warnings, questions)
