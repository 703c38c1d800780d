"""The shape of every content item: one declaration per key — its kind, whether it is required,
its help text, its allowed values (an enum, or a number's minimum and maximum) and its default.

Everything else comes from these tables: `load/reader.py` reads items against them (reporting
missing keys, wrong types and unknown keys), `load/content.py` and `load/scenarios.py` fill in
the defaults, the model's dataclasses take their defaults from here, and
`jsonschema_export.py` turns them into the JSON Schemas editors use.

To add a key: add a `Field` to the item's table below (and, if the model should keep it, a
field of the same name to its dataclass in `model.py` whose default is `TABLE["key"].default`,
or `field(default_factory=TABLE["key"].fresh)` for a list).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

# value kinds
STR = "string"            # non-empty text
TEXT = "text"             # text, may be long
INT = "integer"
BOOL = "boolean"
STR_LIST = "string-list"  # list of text (a single string is accepted as a one-item list)
MONTH = "month"           # YYYY-MM
DATE = "date"             # YYYY-MM-DD
ID = "id"                 # lowercase letters, digits, '-'
ANSWER = "answer"         # read leniently by load/answers.py
ANY_LIST = "list"
MAPPING = "mapping"


# The value an item has for a key it does not give, when its Field declares no default
# (for a required key: after its missing-key error, so the item's other checks still run).
_EMPTY: dict[str, Any] = {STR: "", TEXT: "", MONTH: "", BOOL: False, STR_LIST: [], ANY_LIST: []}  # others: None
_UNSET: Any = object()


@dataclass(frozen=True)
class Field:
    """One key of an item: its kind, whether it is required, its help text, its allowed values and
    its default (the value an item has when the key is absent; without one, the kind's empty value)."""

    kind: str
    required: bool = False
    description: str = ""
    enum: tuple[str, ...] = ()
    default: Any = _UNSET
    minimum: int | None = None  # for numbers: the smallest and largest value allowed (checked in checks/)
    maximum: int | None = None
    declared_default: bool = dataclasses.field(default=False, init=False, compare=False)

    def __post_init__(self) -> None:
        if self.default is _UNSET:
            object.__setattr__(self, "default", _EMPTY.get(self.kind))
        else:
            object.__setattr__(self, "declared_default", True)

    def least(self) -> int:
        """The declared minimum (a programming error when the key declares none)."""
        if self.minimum is None:
            raise ValueError("this key declares no minimum")
        return self.minimum

    def most(self) -> int:
        """The declared maximum (a programming error when the key declares none)."""
        if self.maximum is None:
            raise ValueError("this key declares no maximum")
        return self.maximum

    def fresh(self) -> Any:
        """The default, as a new list each time for a list (a model's lists are never shared)."""
        return list(self.default) if isinstance(self.default, list) else self.default


def with_defaults(values: dict[str, Any], table: dict[str, Field]) -> dict[str, Any]:
    """Every key of `table`: the value read, or the key's default when it was absent or unreadable."""
    return {key: values[key] if key in values else spec.fresh() for key, spec in table.items()}


TAXONOMY_TYPE = {
    "id": Field(ID, True, "类型 id"),
    "name": Field(STR, True, "类型名称"),
    "group": Field(STR, True, "mps（公安部名单）| campus（校园常见）| other", ("mps", "campus", "other")),
    "summary": Field(STR, True, "一句话说明"),
    "list_year": Field(INT, False, "公安部名单的年份"),
    "search": Field(STR_LIST, False, "搜索词：学生会搜的俗称、同义词、常见错字（拼音自动生成）"),
}

# What a case is: a police notice's own words, rewritten from one, or an example written from
# common tricks. Shown on the case page, so a written example never passes for a real event.
PROVENANCES = ("通报原文", "根据公开通报改编", "编写示例")

CASE = {
    "id": Field(ID, True, "案例 id"),
    "title": Field(STR, True, "标题"),
    "type": Field(ID, True, "诈骗类型 id（taxonomy.yml）", default=""),
    "audience": Field(STR_LIST, True, "面向人群"),
    "date": Field(MONTH, True, "发生时间 YYYY-MM"),
    "loss": Field(INT, False, "损失金额（元）", minimum=0),
    "tags": Field(STR_LIST, False, "标签"),
    "sources": Field(STR_LIST, True, "资料来源"),
    "summary": Field(STR, False, "一句话概括"),
    "review_by": Field(DATE, False, "复核日期 YYYY-MM-DD"),
    "provenance": Field(STR, False, "来源性质：" + " | ".join(PROVENANCES), PROVENANCES),
}

CLIP = {
    "id": Field(ID, True, "短片 id"),
    "title": Field(STR, True, "标题"),
    "type": Field(ID, True, "诈骗类型 id", default=""),
    "case": Field(ID, False, "关联案例 id"),
    "seconds": Field(INT, True, "目标时长（秒）", default=0, minimum=1, maximum=3600),
    "sources": Field(STR_LIST, False, "资料来源"),
    "review_by": Field(DATE, False, "复核日期 YYYY-MM-DD"),
}

QUESTION = {
    "id": Field(ID, True, "题目 id"),
    "kind": Field(STR, True, "single 单选 | multiple 多选 | judge 判断", ("single", "multiple", "judge")),
    "stem": Field(STR, True, "题干"),
    "options": Field(ANY_LIST, False, "选项（判断题不写）"),
    "answer": Field(ANSWER, True, "答案：B / ACD / true"),
    "explanation": Field(STR, True, "解析"),
    "case": Field(ID, False, "关联案例 id"),
    "type": Field(ID, False, "诈骗类型 id（默认为题库的类型）"),
    "exam_only": Field(BOOL, False, "只用于考试卷，不在网站发布"),
    "difficulty": Field(INT, False, "难度 1–3", minimum=1, maximum=3),
}

BANK = {
    "bank": Field(ID, True, "题库 id"),
    "title": Field(STR, True, "题库名称"),
    "type": Field(ID, True, "默认诈骗类型 id"),
    "questions": Field(ANY_LIST, True, "题目列表"),
    "sources": Field(STR_LIST, False, "资料来源"),
    "review_by": Field(DATE, False, "复核日期 YYYY-MM-DD"),
}

QUIZ_DRAW = {
    "types": Field(STR_LIST, True, "抽题的诈骗类型"),
    "count": Field(INT, True, "题量"),
    "versions": Field(STR_LIST, False, "卷别，如 [A, B]", default=["A"]),
    "seed": Field(INT, False, "随机种子", default=0),
    "banks": Field(STR_LIST, False, "限定题库"),
}

DISCUSSION = {
    "question": Field(STR, True, "讨论问题"),
    "points": Field(TEXT, False, "引导要点"),
}

AGENDA_ITEM = {
    "title": Field(STR, True, "环节名称"),
    "minutes": Field(INT, True, "分钟"),
    "clip": Field(ID, False, "短片 id"),
    "case": Field(ID, False, "案例 id"),
    "host": Field(TEXT, False, "主持人说什么、做什么"),
    "discuss": Field(ANY_LIST, False, "讨论问题"),
    "quiz": Field(MAPPING, False, "测验抽题"),
    "scenario": Field(ID, False, "情景演练 id（材料包里加角色卡和主持人分支表）"),
}

KIT = {
    "id": Field(ID, True, "材料包 id"),
    "title": Field(STR, True, "标题"),
    "audience": Field(STR, True, "对象"),
    "minutes": Field(INT, True, "总时长（分钟）"),
    "agenda": Field(ANY_LIST, True, "流程"),
    "goals": Field(STR_LIST, False, "目标"),
    "prepare": Field(STR_LIST, False, "准备事项"),
    "signin_rows": Field(INT, False, "签到表行数", default=40, minimum=1, maximum=1000),
    "pledge": Field(TEXT, False, "承诺书正文"),
    "review_by": Field(DATE, False, "复核日期 YYYY-MM-DD"),
}

# Scenarios (scenarios/*.yml): a branching story; steps and endings share one id space per scenario.
MESSAGE_KINDS = ("chat", "sms", "call", "card")
ENDING_KINDS = ("loss", "stopped", "reported")

SCENARIO = {
    "id": Field(ID, True, "情景 id"),
    "title": Field(STR, True, "标题"),
    "type": Field(ID, True, "诈骗类型 id（taxonomy.yml）", default=""),
    "audience": Field(STR_LIST, True, "面向人群"),
    "summary": Field(STR, False, "一句话介绍"),
    "player": Field(ID, True, "做选择的学生（cast 里的 id）", default=""),
    "start": Field(ID, True, "第一步的 id", default=""),
    "cast": Field(ANY_LIST, True, "角色"),
    "steps": Field(ANY_LIST, True, "步骤"),
    "endings": Field(ANY_LIST, True, "结局"),
    "sources": Field(STR_LIST, True, "资料来源"),
    "review_by": Field(DATE, False, "复核日期 YYYY-MM-DD"),
}

CAST_MEMBER = {
    "id": Field(ID, True, "角色 id"),
    "name": Field(STR, True, "显示的名字，如：客服小周"),
    "role": Field(STR, False, "角色说明（角色卡上印出）"),
}

SCENARIO_STEP = {
    "id": Field(ID, True, "步骤 id"),
    "messages": Field(ANY_LIST, True, "这一步学生看到的消息"),
    "choices": Field(ANY_LIST, False, "学生的选择（与 next 二选一）"),
    "next": Field(ID, False, "没有选择时，接下来的步骤或结局 id"),
}

MESSAGE = {
    "from": Field(ID, True, "谁发的（cast 里的 id）", default=""),
    "kind": Field(STR, False, "chat 聊天 | sms 短信 | call 通话 | card 卡片（付款页、通知）", MESSAGE_KINDS, "chat"),
    "text": Field(TEXT, True, "内容"),
    "title": Field(STR, False, "卡片标题（kind: card）"),
}

CHOICE = {
    "text": Field(STR, True, "选项文字"),
    "next": Field(ID, True, "接下来的步骤或结局 id"),
    "say": Field(STR, False, "选了以后学生说的话（默认不说）"),
}

ENDING = {
    "id": Field(ID, True, "结局 id"),
    "kind": Field(STR, True, "loss 被骗 | stopped 及时止损 | reported 报警/举报", ENDING_KINDS, "loss"),
    "title": Field(STR, True, "结局标题"),
    "text": Field(TEXT, True, "发生了什么"),
    "lesson": Field(TEXT, True, "要记住的一课"),
    "case": Field(ID, False, "相关案例 id"),
    "clip": Field(ID, False, "相关 60 秒短片 id"),
    "bank": Field(ID, False, "相关练习题库 id"),
}
