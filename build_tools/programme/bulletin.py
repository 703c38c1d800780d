"""月通报: one month of the incident log against the month before, protected for publication.

Every count goes through privacy.protect (see there); the rows of each table
are fixed before looking at the month (every taxonomy type; every college of
the roster and of the whole log), so a row's presence tells nothing.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..load.programme.incidents import Incident
from ..model import FraudType, KnowledgeBase
from ..settings import Settings
from ..urls import SiteUrls
from . import chart
from .privacy import HIDDEN, MINIMUM, WITHHELD, Cell, Column, change, protect, total_change

MAX_WARNINGS = 5
CASES_PER_WARNING = 3


@dataclass(frozen=True)
class Line:
    label: str
    this: Cell
    last: Cell
    loss: str      # this month's loss in yuan, or '—'
    change: str


@dataclass(frozen=True)
class Breakdown:
    title: str
    heading: str          # the first column's heading (类型 / 学院)
    lines: list[Line]
    this: Column
    last: Column


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class Warning:
    type: FraudType
    count: str            # '5', or '最多' for a hidden largest cell
    url: str
    cases: list[Link]


@dataclass(frozen=True)
class Bulletin:
    college: str
    office: str
    year: int
    month: int
    this_total: str
    last_total: str
    total_change: str
    this_loss: str
    last_loss: str
    outcome: Column       # cells: 劝阻成功, 未能劝阻
    by_type: Breakdown
    by_college: Breakdown
    chart: chart.Chart
    warnings: list[Warning]
    site_url: str

    @property
    def label(self) -> str:
        return f"{self.year}年{self.month}月"

    @property
    def last_label(self) -> str:
        y, m = previous(self.year, self.month)
        return f"{y}年{m}月"

    @property
    def slug(self) -> str:
        return f"{self.year}-{self.month:02d}"


def previous(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def latest_month(incidents: Sequence[Incident]) -> tuple[int, int] | None:
    return max((i.month for i in incidents), default=None)


def yuan(amount: float) -> str:
    """12,000 (whole yuan; the log may hold fen)."""
    return f"{round(amount):,}"


def build(incidents: Sequence[Incident], year: int, month: int, kb: KnowledgeBase, settings: Settings,
          colleges: Sequence[str] = (), directory_urls: bool = True) -> Bulletin:
    """The month's bulletin. `colleges`: the roster's colleges (rows even without incidents)."""
    this = [i for i in incidents if i.month == (year, month)]
    last = [i for i in incidents if i.month == previous(year, month)]
    college_rows = list(dict.fromkeys([*colleges, *sorted({i.college for i in incidents})]))
    by_type = _breakdown("按诈骗类型", "类型", [(t.name, _is_type(t.id)) for t in kb.types.values()], this, last)
    by_college = _breakdown("按学院", "学院", [(c, _is_college(c)) for c in college_rows], this, last)
    this_col, last_col = protect([len(this)]), protect([len(last)])
    outcome = protect([sum(i.prevented for i in this), sum(not i.prevented for i in this)])
    url = SiteUrls(directory_urls, settings.site_url).from_root  # absolute with site_url, else from the root
    return Bulletin(settings.college_name, settings.security_office, year, month, this_col.total_shown,
                    last_col.total_shown, total_change(this_col, last_col),
                    _loss(this), _loss(last), outcome, by_type, by_college,
                    chart.bars(_charted(by_type.lines), f"{year}年{month}月", "{}年{}月".format(*previous(year, month))),
                    _warnings(by_type, kb, url), settings.site_url)


def _is_type(type_id: str) -> Callable[[Incident], bool]:
    return lambda i: i.type_id == type_id


def _is_college(name: str) -> Callable[[Incident], bool]:
    return lambda i: i.college == name


def _breakdown(title: str, heading: str, rows: list[tuple[str, Callable[[Incident], bool]]],
               this: Sequence[Incident], last: Sequence[Incident]) -> Breakdown:
    this_col = protect([sum(1 for i in this if match(i)) for _, match in rows])
    last_col = protect([sum(1 for i in last if match(i)) for _, match in rows])
    lines = []
    for (label, match), now, before in zip(rows, this_col.cells, last_col.cells):
        loss = yuan(sum(i.loss for i in this if match(i))) if now.visible else WITHHELD
        lines.append(Line(label, now, before, loss, change(now, before)))
    return Breakdown(title, heading, lines, this_col, last_col)


def _charted(lines: list[Line]) -> list[Line]:
    """Rows with something to draw: chosen from what the table prints, so the chart tells no more."""
    return [line for line in lines if line.this.visible or line.last.visible
            or HIDDEN in (line.this.shown, line.last.shown)]


def _loss(incidents: Sequence[Incident]) -> str:
    # a total over fewer than 3 incidents would be one or two people's loss
    return yuan(sum(i.loss for i in incidents)) if len(incidents) >= MINIMUM else WITHHELD


def _warnings(by_type: Breakdown, kb: KnowledgeBase, url: Callable[[str, str], str]) -> list[Warning]:
    """Types to warn about: the hidden largest first, then the printed counts, most first."""
    types = list(kb.types.values())
    ranked = sorted(((t, line.this) for t, line in zip(types, by_type.lines)
                     if line.this.visible or line.this.shown == HIDDEN),
                    key=lambda tc: (tc[1].visible, -tc[1].value if tc[1].visible else 0))
    out = []
    for ftype, cell in ranked[:MAX_WARNINGS]:
        cases = sorted(kb.cases_of(ftype.id), key=lambda c: (c.date, c.id), reverse=True)[:CASES_PER_WARNING]
        out.append(Warning(ftype, cell.shown if cell.visible else "本月最多", url("type", ftype.id),
                           [Link(c.title, url("case", c.id)) for c in cases]))
    return out
