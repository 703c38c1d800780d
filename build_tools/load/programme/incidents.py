"""The anonymised incident log (programme/incidents.csv): one line per reported case.

Columns (a header line naming them, any order): 日期, 学院, 类型, 损失金额, 是否劝阻成功, 备注.
类型 is a taxonomy id or name; 损失金额 is yuan (empty = 0); 是否劝阻成功 is 是/否.
备注 is read but never printed anywhere: free text is where names creep in.
"""
from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ...model import FraudType
from ...problem import Problem, error
from .inputs import BadValue, Row, parse_amount, parse_date, parse_yes_no, raise_if, read_table

COLUMNS = ("日期", "学院", "类型", "损失金额", "是否劝阻成功", "备注")


@dataclass(frozen=True)
class Incident:
    date: dt.date
    college: str
    type_id: str
    loss: float
    prevented: bool
    line: int

    @property
    def month(self) -> tuple[int, int]:
        return self.date.year, self.date.month


def load_incidents(text: str, rel: str, types: dict[str, FraudType]) -> list[Incident]:
    """Every incident of the log; InputErrors lists every bad line (nothing is half-read)."""
    table = read_table(text, rel, COLUMNS)
    by_name = {t.name: t.id for t in types.values()}
    problems: list[Problem] = list(table.problems)
    out = [i for row in table.rows if (i := _incident(row, types, by_name, problems))]
    raise_if(problems)
    return out


def _incident(row: Row, types: dict[str, FraudType], by_name: dict[str, str],
              problems: list[Problem]) -> Incident | None:
    values: dict[str, Any] = {}  # column → its value read by its parser (a date, an amount, yes or no)
    parsers: tuple[tuple[str, Callable[[str], Any]], ...] = (
        ("日期", parse_date), ("损失金额", parse_amount), ("是否劝阻成功", parse_yes_no))
    for column, parse in parsers:
        try:
            values[column] = parse(row[column])
        except BadValue as exc:
            problems.append(error(row.pos(column), _CODES[column], f"{column}: {exc}"))
    type_id = _type_id(row["类型"], types, by_name)
    if type_id is None:
        problems.append(error(row.pos("类型"), "unknown-type", f"类型: {_unknown_type(row['类型'], types)}"))
    if not row["学院"]:
        problems.append(error(row.pos("学院"), "missing-value", "学院: expected the college's name, found nothing"))
    if len(values) < 3 or type_id is None or not row["学院"]:
        return None
    return Incident(values["日期"], row["学院"], type_id, values["损失金额"], values["是否劝阻成功"], row.line)


_CODES = {"日期": "bad-date", "损失金额": "bad-amount", "是否劝阻成功": "bad-yes-no"}


def _type_id(value: str, types: dict[str, FraudType], by_name: dict[str, str]) -> str | None:
    value = value.strip()
    if value in types:
        return value
    return by_name.get(value) or by_name.get(value.replace("(", "（").replace(")", "）"))


def _unknown_type(value: str, types: dict[str, FraudType]) -> str:
    words = [*types, *(t.name for t in types.values())]
    close = difflib.get_close_matches(value, words, n=1, cutoff=0.5)
    hint = f"; did you mean '{close[0]}'?" if close else "; use an id or a name from taxonomy.yml, e.g. shuadan or 刷单返利"
    if not value:
        return "expected a fraud type (taxonomy id or name), found nothing"
    return f"unknown type '{value}'{hint}"
