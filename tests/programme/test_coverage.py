"""年考核: per-college meetings, attendance, test participation and pass rate; classes still missing."""
from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import REPO, fanzha
from .helpers import FIXTURE, assert_golden, fanzha_fails, first_page_png, fixture_copy, pdf_pages, pdf_text, tree_files


@pytest.fixture(scope="module")
def fixture_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("coverage")
    proc = fanzha("coverage", "--root", str(FIXTURE), "--out", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out, proc.stdout


def test_figures_per_college(fixture_report: tuple[Path, str]) -> None:
    out, stdout = fixture_report
    # 甲: 甲1班 met (3/3), 甲2班 did not; T001 90, T002 70 then 85 (best counts), T004 60 → 2 of 3 pass 80
    assert stdout.splitlines() == [
        "甲学院\t班会 1/2\t出勤 100.0%\t参测 60.0%\t及格 66.7%",
        "乙学院\t班会 1/1\t出勤 50.0%\t参测 0.0%\t及格 —",
        "合计\t班会 2/3\t出勤 80.0%\t参测 42.9%\t及格 66.7%",
    ]
    assert_golden("coverage.csv", (out / "coverage.csv").read_bytes())
    assert_golden("coverage-missing.csv", (out / "coverage-missing.csv").read_bytes())
    assert (out / "coverage-missing.csv").read_text(encoding="utf-8-sig").splitlines() == [
        "学院,班级,缺少", "甲学院,甲2班,班会", "乙学院,乙1班,测试"]


def test_pdf(fixture_report: tuple[Path, str]) -> None:
    pdf = fixture_report[0] / "coverage.pdf"
    assert pdf_pages(pdf) == 1
    text = pdf_text(pdf)
    assert "测试学院反诈教育覆盖情况" in text and "及格线 80 分" in text and "甲2班" in text


def test_sample_inputs(tmp_path: Path, output_dir: Path) -> None:
    out = tmp_path / "out"
    proc = fanzha("coverage", "--root", str(REPO), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1].startswith("合计\t班会 13/15\t")
    first_page_png(out / "coverage.pdf", output_dir / "programme-coverage.png")


def test_pass_mark_is_the_setting(tmp_path: Path) -> None:
    mkdocs = (FIXTURE / "mkdocs.yml").read_text(encoding="utf-8").replace("pass_mark: 80", "pass_mark: 60")
    root = fixture_copy(tmp_path, {"mkdocs.yml": mkdocs})
    proc = fanzha("coverage", "--root", str(root), "--out", str(tmp_path / "out"))
    assert proc.stdout.splitlines()[0] == "甲学院\t班会 1/2\t出勤 100.0%\t参测 60.0%\t及格 100.0%"


def test_bad_roster_lines_are_reported_and_nothing_written(tmp_path: Path) -> None:
    lines, out = fanzha_fails(tmp_path, "coverage", {"programme/classes.csv": (
        "学院,班级,人数\n甲学院,甲1班,3\n甲学院,甲1班,4\n乙学院,乙1班,0\n,丙1班,5\n丁学院,丁1班\n")})
    assert lines == [
        "programme/classes.csv:3:5: error duplicate-id 班级: '甲1班' is listed twice (first at line 2); "
        "class names must be unique",
        "programme/classes.csv:4:9: error bad-number 人数: expected a number of 1 or more, found 0",
        "programme/classes.csv:5:1: error missing-value 学院: expected a value, found nothing",
        "programme/classes.csv:6:1: error bad-columns expected 3 fields (学院, 班级, 人数), found 2; a value "
        "that contains a comma must be in double quotes",
    ]
    assert tree_files(out) == []


def test_bad_meeting_and_result_lines_are_reported_together(tmp_path: Path) -> None:
    lines, _out = fanzha_fails(tmp_path, "coverage", {
        "programme/meetings.csv": ("学院,班级,日期,应到,实到\n甲学院,甲1班,2026-11-10,3,4\n乙学院,甲2班,2026-11-11,2,2\n"
                                   "甲学院,甲9班,2026-11-12,2,2\n甲学院,甲2班,11月12日,2,2\n"),
        "programme/results.csv": "学号,班级,分数\nT001,甲1班,101\nT002,甲1班,90\nT002,甲2班,95\n,乙1班,80\n",
    })
    assert lines == [
        "programme/meetings.csv:2:22: error bad-count 实到: 4 present is more than 应到 3",
        "programme/meetings.csv:3:1: error wrong-college 学院: 甲2班 belongs to 甲学院 in classes.csv, found '乙学院'",
        "programme/meetings.csv:4:5: error unknown-class 班级: '甲9班' is not in classes.csv; add the class "
        "there or correct the name",
        "programme/meetings.csv:5:9: error bad-date 日期: expected a date like 2026-10-03, found '11月12日'",
        "programme/results.csv:2:10: error bad-number 分数: expected a score from 0 to 100, found '101'",
        "programme/results.csv:4:6: error wrong-class 班级: student T002 is in 甲1班 at line 3, found '甲2班'",
        "programme/results.csv:5:1: error missing-value 学号: expected a value, found nothing",
    ]
    assert not (tmp_path / "out").exists()


def test_more_students_tested_than_the_class_has_is_an_error_on_the_roster(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path, {"programme/results.csv": "学号,班级,分数\nA,乙1班,90\nB,乙1班,90\nC,乙1班,90\n"})
    proc = fanzha("coverage", "--root", str(root), "--out", str(tmp_path / "out"))
    assert proc.returncode == 1
    assert proc.stdout == ("programme/classes.csv:4:9: error too-many 人数: 2 students in 乙1班, but "
                           "results.csv has 3 students of this class; correct 人数\n")
