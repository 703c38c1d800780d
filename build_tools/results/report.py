"""The item-analysis report: one self-contained HTML page (inline CSS and SVG, no request to any
host, prints on A4) and a CSV per table. Aggregates only: no student number, no name, and the
per-class table goes through programme/privacy.py as the bulletin's tables do."""
from __future__ import annotations

import html
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..kinds import KIND_LABELS
from ..model import KnowledgeBase
from ..programme.output import csv_bytes
from ..programme.privacy import MINIMUM
from .analysis import Analysis, ItemStats, bank_letters, letter

FLAG_NAMES = {"results-too-easy": "太容易", "results-too-hard": "太难", "results-low-discrimination": "区分度低",
              "results-wrong-key": "答案可能有误", "results-dead-distractor": "干扰项无效"}


def _f(x: float | None, digits: int = 2) -> float | str:
    """A figure rounded for the tables: a number (so CSV cells stay numbers, even negative ones), or ''."""
    return "" if x is None else round(x, digits) + 0.0


def _pct(x: float | None) -> str:
    return "" if x is None else f"{100 * x:.1f}%"


def sources(kb: KnowledgeBase | None) -> dict[str, str]:
    """Question id → 'quizzes/x.yml:12' in the current knowledge base."""
    if kb is None:
        return {}
    return {q.id: f"{q.pos.path}:{q.pos.line}" for q in kb.questions(include_exam=True)}


# --- tables ------------------------------------------------------------------------------------

def paper_rows(a: Analysis) -> list[tuple[object, ...]]:
    m = a.paper.map
    return [("指标", "值"), ("试卷", m.title), ("答题文件", "、".join(Path(f).name for f in a.files)), ("读取作答行数", a.rows),
            ("学生人数（每人取最好一次）", a.n), ("题数", len(a.items)), ("满分", _f(a.max_points, 1)),
            ("平均分", _f(a.mean)), ("标准差", _f(a.sd)), ("平均得分率", _f(a.mean_percent, 1)),
            ("KR-20 信度", _f(a.kr20, 3)), ("及格线（得分率）", _f(a.pass_mark, 1)), ("及格人数", a.passed),
            ("及格率", _pct(a.pass_rate)), ("标记所需最少作答人数", a.thresholds.min_responses)]


def item_rows(a: Analysis, where: dict[str, str]) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = [("题号", "题目ID", "题型", "来源", "作答人数", "答对人数", "难度(答对率)",
                                       "空答率", "高分组答对率", "低分组答对率", "区分度D", "点二列相关(校正)", "答案(题库顺序)", "标记")]
    if not a.shown:
        return rows
    for s in a.items:
        rows.append((s.number, s.item.id, KIND_LABELS.get(s.item.kind, s.item.kind), where.get(s.item.id, ""), s.n,
                     s.correct, _f(s.difficulty, 3), _f(s.blank_rate, 3), _f(s.upper_correct, 3),
                     _f(s.lower_correct, 3), _f(s.discrimination, 3), _f(s.point_biserial, 3), bank_letters(s.item),
                     "、".join(FLAG_NAMES[f.code] for f in s.flags)))
    return rows


def option_rows(a: Analysis) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = [("题号", "题目ID", "选项(题库顺序)", "是否答案", "选项文本", "全体选择率",
                                       "高分组选择率", "低分组选择率")]
    if not a.shown:
        return rows
    for s in a.items:
        for b, text in enumerate(s.item.options):
            name = ("正确", "错误")[b] if s.item.kind == "judge" else letter(b)
            rows.append((s.number, s.item.id, name, "是" if s.item.key >> b & 1 else "", text,
                         _f(s.shares[b], 3), _f(s.upper[b], 3), _f(s.lower[b], 3)))
    return rows


def version_rows(a: Analysis) -> list[tuple[object, ...]]:
    return [("版本", "人数", "题数", "KR-20")] + [(v.name, v.n, v.items, _f(v.kr20, 3)) for v in a.versions]


def class_rows(a: Analysis) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = [("班级", "参测人数", "及格人数", "未及格人数", "及格率")]
    rows += [(c.name, c.tested.shown, c.passed.shown, c.failed.shown, c.rate) for c in a.classes]
    if a.classes:
        rows.append(("合计", *a.class_total, _pct(a.pass_rate) if a.n >= MINIMUM else "—"))
    return rows


def flag_rows(a: Analysis, where: dict[str, str]) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = [("题号", "题目ID", "来源", "标记", "说明")]
    for s in a.items:
        rows += [(s.number, f.item, where.get(f.item, ""), FLAG_NAMES[f.code], f.message) for f in s.flags]
    return rows


# --- charts ------------------------------------------------------------------------------------

def _esc(x: object) -> str:
    return html.escape(str(x), quote=True)


def scatter_svg(items: list[ItemStats]) -> str:
    """Difficulty (x, 0–1) against discrimination (y, −1–1), with the flag lines."""
    w, h, pad = 420, 300, 40
    def x(v: float) -> float: return pad + v * (w - 2 * pad)
    def y(v: float) -> float: return h - pad - (v + 1) / 2 * (h - 2 * pad)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
             'aria-label="难度与区分度散点图">',
             f'<rect x="{pad}" y="{pad}" width="{w - 2 * pad}" height="{h - 2 * pad}" fill="none" stroke="#888"/>',
             f'<line x1="{x(0)}" y1="{y(0)}" x2="{x(1)}" y2="{y(0)}" stroke="#888" stroke-dasharray="2 2"/>',
             f'<line x1="{x(0)}" y1="{y(0.2):.1f}" x2="{x(1)}" y2="{y(0.2):.1f}" stroke="#c60" stroke-dasharray="4 3"/>',
             f'<line x1="{x(0.3):.1f}" y1="{pad}" x2="{x(0.3):.1f}" y2="{h - pad}" stroke="#c60" stroke-dasharray="4 3"/>',
             f'<line x1="{x(0.95):.1f}" y1="{pad}" x2="{x(0.95):.1f}" y2="{h - pad}" stroke="#c60" stroke-dasharray="4 3"/>']
    for v in (0, 0.5, 1):
        parts.append(f'<text x="{x(v):.1f}" y="{h - pad + 16}" font-size="11" text-anchor="middle">{v:g}</text>')
    for v in (-1, 0, 0.2, 1):
        parts.append(f'<text x="{pad - 4}" y="{y(v) + 4:.1f}" font-size="11" text-anchor="end">{v:g}</text>')
    parts.append(f'<text x="{w / 2}" y="{h - 6}" font-size="12" text-anchor="middle">难度（答对率）</text>')
    parts.append(f'<text x="12" y="{h / 2}" font-size="12" text-anchor="middle" transform="rotate(-90 12 {h / 2})">区分度 D</text>')
    for s in items:
        p, d = s.difficulty, s.discrimination
        if p is None or d is None:
            continue
        colour = "#c00" if s.flags else "#036"
        parts.append(f'<circle cx="{x(p):.1f}" cy="{y(max(-1.0, min(1.0, d))):.1f}" r="4" fill="{colour}" '
                     f'fill-opacity="0.75"><title>{_esc(s.number)} {_esc(s.item.id)}: p={p:.2f} D={d:.2f}</title></circle>')
        parts.append(f'<text x="{x(p) + 5:.1f}" y="{y(max(-1.0, min(1.0, d))) - 4:.1f}" font-size="9">{_esc(s.number)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def bars_svg(labels: Sequence[str], values: Sequence[float | None], mark: float | None = None) -> str:
    """Horizontal bars 0–100 %; a missing value is drawn as 'withheld'."""
    row, left, w = 20, 110, 420
    h = row * len(labels) + 24
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img">']
    span = w - left - 50
    for i, (label, v) in enumerate(zip(labels, values)):
        y0 = 4 + i * row
        parts.append(f'<text x="{left - 6}" y="{y0 + 13}" font-size="11" text-anchor="end">{_esc(label)}</text>')
        if v is None:
            parts.append(f'<text x="{left}" y="{y0 + 13}" font-size="11" fill="#666">—（人数少，不显示）</text>')
            continue
        parts.append(f'<rect x="{left}" y="{y0 + 2}" width="{span * v:.1f}" height="{row - 6}" fill="#369"/>')
        parts.append(f'<text x="{left + span * v + 4:.1f}" y="{y0 + 13}" font-size="11">{100 * v:.1f}%</text>')
    if mark is not None:
        parts.append(f'<line x1="{left + span * mark:.1f}" y1="0" x2="{left + span * mark:.1f}" y2="{h - 20}" '
                     'stroke="#c60" stroke-dasharray="4 3"/>')
    parts.append("</svg>")
    return "".join(parts)


def histogram_svg(percents: list[float], mark: float) -> str:
    bins = [0] * 10
    for p in percents:
        bins[min(9, int(p // 10))] += 1
    top = max(bins) or 1
    w, h, pad = 420, 180, 30
    bw = (w - 2 * pad) / 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
             'aria-label="得分率分布">']
    for i, c in enumerate(bins):
        bh = (h - 2 * pad) * c / top
        parts.append(f'<rect x="{pad + i * bw + 1:.1f}" y="{h - pad - bh:.1f}" width="{bw - 2:.1f}" height="{bh:.1f}" fill="#369">'
                     f'<title>{i * 10}–{i * 10 + 10}%</title></rect>')
        parts.append(f'<text x="{pad + i * bw:.1f}" y="{h - pad + 14}" font-size="10">{i * 10}</text>')
    parts.append(f'<text x="{w - pad:.1f}" y="{h - pad + 14}" font-size="10" text-anchor="middle">100</text>')
    parts.append(f'<text x="{w / 2}" y="{h - 4}" font-size="11" text-anchor="middle">得分率（%）；虚线为及格线</text>')
    parts.append(f'<line x1="{pad + mark / 10 * bw:.1f}" y1="{pad - 10}" x2="{pad + mark / 10 * bw:.1f}" y2="{h - pad}" '
                 'stroke="#c60" stroke-dasharray="4 3"/>')
    parts.append("</svg>")
    return "".join(parts)


# --- HTML --------------------------------------------------------------------------------------

CSS = """body{font-family:"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:13px}th,td{border:1px solid #bbb;padding:2px 6px;text-align:left}
td.n{text-align:right}tr.flag td{background:#fff3e8}h1{font-size:22px}h2{font-size:17px;margin-top:1.5em}
.note{color:#555;font-size:12px}@media print{body{margin:0}h2{break-after:avoid}table,svg{break-inside:avoid}}"""


def _table(rows: list[tuple[object, ...]], flagged_col: int | None = None) -> str:
    if len(rows) <= 1:
        return '<p class="note">（无）</p>'
    out = ["<table><thead><tr>" + "".join(f"<th>{_esc(c)}</th>" for c in rows[0]) + "</tr></thead><tbody>"]
    for r in rows[1:]:
        cls = ' class="flag"' if flagged_col is not None and r[flagged_col] else ""
        cells = "".join(f'<td class="n">{_esc(c)}</td>' if isinstance(c, (int, float)) or _numeric(c) else f"<td>{_esc(c)}</td>"
                        for c in r)
        out.append(f"<tr{cls}>{cells}</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _numeric(c: object) -> bool:
    text = str(c).rstrip("%")
    try:
        float(text)
    except ValueError:
        return False
    return True


def html_page(a: Analysis, where: dict[str, str], college: str = "") -> str:
    title = a.paper.map.title or "试卷"
    t = a.thresholds
    parts = [f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{_esc(title)} 试题分析</title>'
             f"<style>{CSS}</style></head><body>",
             f"<h1>{_esc(college)} {_esc(title)} · 试题分析</h1>",
             f'<p class="note">只含汇总数据：不含学号、姓名；少于 {MINIMUM} 人的格子按月通报的规则不显示。'
             f"每名学生取最好的一次作答。多选题全对才算对。"
             f"标记需至少 {t.min_responses} 人作答：太容易 &gt; {100 * t.easy:.0f}%，太难 &lt; {100 * t.hard:.0f}%，"
             f"区分度 &lt; {t.discrimination}，区分度或点二列相关为负或高分组更多选某干扰项（答案可能有误），"
             f"干扰项选择率 &lt; {100 * t.dead:.0f}%（无效）。</p>",
             "<h2>试卷</h2>", _table(paper_rows(a)), _table(version_rows(a))]
    if not a.shown:
        parts.append(f'<p class="note">学生少于 {MINIMUM} 人：不显示逐题统计。</p>')
    else:
        parts += ["<h2>得分率分布</h2>", histogram_svg(a.percents, a.pass_mark),
                  "<h2>难度 × 区分度</h2>", scatter_svg(a.items),
                  '<p class="note">橙色虚线：难度 30%、95%，区分度 0.2；红点为有标记的题。</p>',
                  "<h2>需要处理的题</h2>", _table(flag_rows(a, where)),
                  "<h2>逐题统计</h2>",
                  f'<p class="note">题号为 {_esc((a.paper.items and next(iter(a.paper.by_version))) or "")} 卷的题号；'
                  "各版本按题目 ID 合并统计，选项按题库文件中的顺序（A 为题库中的第一个选项）。</p>",
                  _table(item_rows(a, where), flagged_col=13),
                  "<h2>选项分析</h2>", _table(option_rows(a))]
    if a.classes:
        parts += ["<h2>各班及格率</h2>",
                  bars_svg([c.name for c in a.classes], [c.rate_value for c in a.classes], a.pass_mark / 100),
                  _table(class_rows(a))]
    parts.append("</body></html>\n")
    return "".join(parts)


def files(a: Analysis, kb: KnowledgeBase | None, college: str = "") -> dict[str, bytes]:
    where = sources(kb)
    out = {"report.html": html_page(a, where, college).encode("utf-8"),
           "paper.csv": csv_bytes(paper_rows(a)), "versions.csv": csv_bytes(version_rows(a)),
           "items.csv": csv_bytes(item_rows(a, where)), "options.csv": csv_bytes(option_rows(a)),
           "flags.csv": csv_bytes(flag_rows(a, where))}
    if a.classes:
        out["classes.csv"] = csv_bytes(class_rows(a))
    return out


def write_folder(out: Path, contents: dict[str, bytes]) -> list[Path]:
    """Write every file into a temporary folder beside `out`, then put it in place of `out` in one
    rename: readers see the old report or the new one, never half of one."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        for name, data in contents.items():
            (tmp / name).write_bytes(data)
            os.chmod(tmp / name, 0o644)
        os.chmod(tmp, 0o755)
        old = None
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=out.parent))
            os.replace(out, old / out.name)
        os.replace(tmp, out)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return [out / name for name in contents]
