"""反诈宣传月: the plan file checked line by line, the printable PDF, the site page's parts."""
from __future__ import annotations

from pathlib import Path

from build_tools import core
from build_tools.pages.programme import CAMPAIGN, REMINDERS
from build_tools.pages.programme import generate as programme_pages
from build_tools.pages.urls import SiteUrls

from ..conftest import REPO, fanzha
from .helpers import FIXTURE, first_page_png, fixture_copy, pdf_text, tree_files


def test_sample_plan_prints_a_list_and_a_month(tmp_path: Path, output_dir: Path) -> None:
    out = tmp_path / "out"
    proc = fanzha("campaign", "--root", str(REPO), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0] == "2026-11-02\t14:30-16:00\t宣传月启动仪式暨“反诈第一课”\t学术报告厅\t保卫处、学生工作处"
    text = pdf_text(out / "campaign.pdf")
    assert "2026年“守护钱袋子”反诈宣传月" in text and "活动清单" in text and "周一" in text
    first_page_png(out / "campaign.pdf", output_dir / "programme-campaign.png")


def test_unquoted_time_is_read_as_a_time(tmp_path: Path) -> None:
    proc = fanzha("campaign", "--root", str(FIXTURE), "--out", str(tmp_path / "out"))
    assert proc.stdout.splitlines() == ["2026-11-02\t14:30\t启动仪式\t报告厅\t保卫处",
                                        "2026-11-09—2026-11-11\t\t主题班会\t各班教室\t辅导员"]


BROKEN = """\
title: 测试宣传月
month: 2026-11
venue: 礼堂
activities:
  - date: 2026-11-31
    title: 不存在的日子
    place: 礼堂
    owner: 保卫处
  - date: 2026-12-01
    title: 下个月的活动
    place: 礼堂
    owner: 保卫处
  - date: 2026-11-20
    end: 2026-11-18
    title: 倒着的日期
    place: 礼堂
    owner: 保卫处
  - date: 2026-11-05
    title: 没写地点
    owner: 保卫处
"""


def test_broken_plan_every_error_at_its_line_nothing_written(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path, {"programme/campaign.yml": BROKEN})
    out = tmp_path / "out"
    proc = fanzha("campaign", "--root", str(root), "--out", str(out))
    assert proc.returncode == 1
    expected = [
        "programme/campaign.yml:3:1: error unknown-key venue: unknown key; expected one of title, month, "
        "intro, activities",
        "programme/campaign.yml:5:11: error bad-date activities[0].date: '2026-11-31' is not a real date",
        "programme/campaign.yml:9:11: error bad-date activities[1].date: expected a day in 2026-11 (the "
        "campaign month), found 2026-12-01",
        "programme/campaign.yml:14:10: error bad-date activities[2].end: expected a date on or after date "
        "(2026-11-20), found 2026-11-18",
        "programme/campaign.yml:18:5: error missing-key activities[3].place: missing; write a text value",
    ]
    assert proc.stdout.splitlines() == expected
    assert tree_files(out) == []
    check = fanzha("validate", "--root", str(root))  # a build would stop on the same lines
    assert check.returncode == 1 and check.stdout.splitlines() == expected


def test_site_pages_exist_without_input_files(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path)
    (root / "programme" / "campaign.yml").unlink()
    (root / "programme" / "calendar.yml").unlink()
    pages = programme_pages(core.validate(root), SiteUrls(True))
    assert sorted(pages) == [CAMPAIGN, REMINDERS]  # no bulletins: publish_bulletin is false
    assert "programme/campaign.yml" in pages[CAMPAIGN] and "programme/calendar.yml" in pages[REMINDERS]


def test_campaign_page_escapes_the_plan(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path, {"programme/campaign.yml": (
        "title: 宣传月 <script>alert(1)</script>\nmonth: 2026-11\nactivities:\n"
        "  - {date: 2026-11-02, title: '<b>启动</b> & 仪式', place: '\"礼堂\"', owner: 保卫处}\n")})
    page = programme_pages(core.validate(root), SiteUrls(False))[CAMPAIGN]
    assert "<script>alert" not in page and "<b>启动" not in page
    assert "&lt;b&gt;启动&lt;/b&gt; &amp; 仪式" in page
    assert 'href="../../assets/fanzha/programme/programme.css"' in page  # index.md: same depth either way
