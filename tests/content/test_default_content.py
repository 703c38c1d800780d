"""The default knowledge base meets the counts and rules every college gets on day one."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest

from build_tools import core
from build_tools.spoken import spoken_units

from ..conftest import REPO

MPS_2024 = ["刷单返利", "虚假网络投资理财", "虚假购物服务", "冒充电商物流客服", "虚假网络贷款", "虚假征信",
            "冒充领导熟人", "冒充公检法及政府机关", "网络婚恋交友", "网络游戏产品虚假交易"]
CAMPUS = ["注销校园贷", "冒充老师", "助学金", "代考", "门票", "裸聊", "钓鱼邮件", "帮信罪"]
SECTIONS = ["## 经过", "## 手法解析", "## 识别要点", "## 防范提示"]


@pytest.fixture(scope="module")
def result() -> core.Result:
    return core.validate(REPO)


def test_validates_without_errors_or_warnings(result: core.Result) -> None:
    assert [str(p) for p in result.problems] == []


def test_taxonomy(result: core.Result) -> None:
    types = list(result.kb.types.values())
    mps = [t for t in types if t.group == "mps"]
    assert len(mps) == 10 and all(t.list_year == 2024 for t in mps)
    for name in MPS_2024:
        assert any(name in t.name for t in mps), name
    for name in CAMPUS:
        assert any(name in t.name for t in types if t.group != "mps"), name
    assert all(t.summary for t in types)


def _chars(text: str) -> int:
    return len(re.sub(r"\s", "", re.sub(r"^#+ .*$", "", text, flags=re.M)))


def test_cases(result: core.Result) -> None:
    kb = result.kb
    assert len(kb.cases) >= 36
    per_type = Counter(c.type for c in kb.cases.values())
    assert all(per_type[t] >= 2 for t in kb.types), per_type
    horizon = dt.date.today() + dt.timedelta(days=365)
    for case in kb.cases.values():
        assert 600 <= _chars(case.body) <= 1500, (case.id, _chars(case.body))
        positions = [case.body.find(s) for s in SECTIONS]
        assert -1 not in positions and positions == sorted(positions), case.id
        assert case.sources and case.review_by and case.review_by > horizon, case.id


def test_clips(result: core.Result) -> None:
    kb = result.kb
    for type_id in kb.types:
        clips = kb.clips_of(type_id)
        assert len(clips) >= 1, type_id
        for clip in clips:
            assert 180 <= spoken_units(clip.body) <= 260, (clip.id, spoken_units(clip.body))
            advice = r"96110|110|挂断|不转账|报警|核实|不点|不扫|不下载|不借|不租|不卖|不出|拒绝|官方|官网"
            assert re.search(advice, clip.pages[-1]), clip.id


def test_banks(result: core.Result) -> None:
    kb = result.kb
    questions = list(kb.questions(include_exam=True))
    assert len(questions) >= 250
    for type_id in kb.types:
        bank_qs = [q for b in kb.banks_of(type_id) for q in b.questions]
        assert len(bank_qs) >= 12, type_id
        assert {q.kind for q in bank_qs} == {"single", "multiple", "judge"}, type_id
    linked = sum(1 for q in questions if q.case)
    exam = sum(1 for q in questions if q.exam_only)
    assert linked >= len(questions) / 3
    assert 0.15 <= exam / len(questions) <= 0.25
    for q in questions:
        assert len(q.explanation) >= 20, q.id  # teaches, not just "答案是B"
        assert not re.search(r"以上(都|皆|均)(对|不对|正确|错误)|以上全", "".join(q.options)), q.id


def test_kits(result: core.Result) -> None:
    kits = result.kb.kits
    assert {"class-meeting", "freshman", "graduate", "league-day", "dorm-talk"} <= set(kits)
    assert kits["class-meeting"].minutes == 40 and kits["dorm-talk"].minutes == 15
    for kit in kits.values():
        assert kit.goals and kit.pledge and kit.quiz is not None, kit.id


def test_guide_pages() -> None:
    for page in ("index", "emergency", "liangka-law", "phone-safety", "support", "counsellors", "authoring"):
        text = (REPO / "docs" / f"{page}.md").read_text(encoding="utf-8")
        assert len(text) > 500, page
    home = (REPO / "docs" / "index.md").read_text(encoding="utf-8")
    assert home.find("110") < home.find("cases/index.md") and "96110" in home
