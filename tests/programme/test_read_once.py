"""The programme is read once, with the content (load/programme): validate reports a broken file at its
line, the site pages render from that reading (not from disk again), and commands that do not use the
programme are not stopped by it (issue 18, point 2)."""
from __future__ import annotations

import json
from pathlib import Path

from build_tools import core
from build_tools.pages.programme import REMINDERS
from build_tools.pages.programme import generate as programme_pages
from build_tools.urls import SiteUrls

from ..conftest import fanzha
from .helpers import fixture_copy

BANK = """bank: shuadan
title: 刷单返利
type: shuadan
questions:
  - id: shuadan-001
    kind: judge
    stem: 先垫付本金再返佣金的兼职是刷单诈骗。
    answer: true
    explanation: 刷单返利先给小甜头，再要大额垫付，钱一去不回。
    exam_only: false
"""
# semesters[0].weeks: 99 is out of range (1-30): an error at line 4, column 12
BROKEN_CALENDAR = "semesters:\n  - name: 测试学期\n    start: 2026-10-26\n    weeks: 99\n"


def test_a_broken_calendar_is_reported_by_validate_and_does_not_stop_export(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path, {"quizzes/shuadan.yml": BANK, "programme/calendar.yml": BROKEN_CALENDAR})
    checked = fanzha("validate", "--root", str(root))
    assert checked.returncode == 1
    lines = [line for line in checked.stdout.splitlines() if " error " in line]
    assert [line.split(" error ")[0] for line in lines] == ["programme/calendar.yml:4:12:"], checked.stdout
    assert "wrong-value" in lines[0] and "semesters[0].weeks" in lines[0]
    out = tmp_path / "bank.gift"
    exported = fanzha("export", "--root", str(root), "--format", "gift", "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    assert "先垫付本金" in out.read_text(encoding="utf-8")
    assert json.loads(out.with_name("bank.answers.json").read_text(encoding="utf-8"))
    # what kits, paper, slides and cards read: the content alone, with no error
    assert core.validate(root, programme=False).ok
    assert core.validate(root, programme=False).kb.programme is None


def test_the_reminders_page_renders_from_the_reading_not_from_disk(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path)
    result = core.validate(root)
    assert result.ok, result.problems
    assert result.kb.programme.calendar is not None
    before = programme_pages(result, SiteUrls(True))
    for path in (root / "programme").iterdir():
        path.unlink()  # what the pages show was read by validate, once
    after = programme_pages(result, SiteUrls(True))
    assert after == before
    assert "【反诈周提醒·第1周】" in after[REMINDERS]
