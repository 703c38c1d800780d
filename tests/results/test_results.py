"""`fanzha results`: the platforms' files read through the answer map, item analysis, flags, report."""
from __future__ import annotations

import contextlib
import csv
import io
import math
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from build_tools import core
from build_tools.cli import main
from build_tools.exchange.answermap import AnswerMap, MappedVersion, mapped
from build_tools.model import Pos, Question
from build_tools.results.analysis import ItemStats, Thresholds, analyse, flags_of, kr20
from build_tools.results.readers import Item, Paper, read_results

from ..conftest import Golden
from . import make_fixtures as fx

HERE = Path(__file__).resolve().parent
FIX = HERE / "fixtures"
ROOT = FIX / "root"
GOLDEN = HERE / "golden"
TABLES = ("paper.csv", "versions.csv", "items.csv", "options.csv", "flags.csv", "classes.csv")


def run(*argv: str) -> tuple[int, str, str]:
    """`fanzha ARGV` in this process (a fresh interpreter per call would cost a second each)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def results(tmp: Path, *files: str | Path, extra: tuple[str, ...] = ()) -> tuple[int, str, str, Path]:
    out = tmp / "report"
    code, stdout, stderr = run("results", "--root", str(ROOT), *map(str, files), "--out", str(out), *extra)
    return code, stdout, stderr, out


def assert_golden(name: str, actual: bytes) -> None:
    Golden().assert_bytes(GOLDEN / name, actual)


def table(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


@pytest.fixture(scope="module")
def kb_lines() -> dict[str, int]:
    return {q.id: q.pos.line for q in core.validate(ROOT).kb.questions(include_exam=True)}


@pytest.fixture(scope="module")
def grid_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    code, stdout, stderr, out = results(tmp_path_factory.mktemp("grid"), FIX / "paper/answer-grid.csv")
    assert code == 0, stdout + stderr
    return stdout, out


def test_fixtures_are_what_the_generator_writes() -> None:
    for name, data in fx.files().items():
        assert (FIX / name).read_bytes() == data, f"{name}: run python -m tests.results.make_fixtures"
    sheet = load_workbook(FIX / "wjx/按选项文本.xlsx", read_only=True).worksheets[0]
    cells = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    assert cells == fx.wjx_text_rows()
    assert not any("S2601" in line for line in (FIX / "paper/answers.json").read_text(encoding="utf-8").splitlines())


def test_known_properties_are_flagged_exactly(grid_report: tuple[str, Path], kb_lines: dict[str, int]) -> None:
    stdout, out = grid_report
    flags = sorted((line.split(":")[1], line.split()[2]) for line in stdout.splitlines() if " warning " in line)
    where = {q.id: q for q in core.validate(ROOT).kb.questions(include_exam=True)}
    assert flags == sorted([(str(kb_lines["ceshi-001"]), "results-too-easy"),
                            (str(where["ceshi-002"].at("answer").line), "results-wrong-key"),  # at its key
                            (str(where["ceshi-003"].at("options").line), "results-dead-distractor"),
                            (str(kb_lines["ceshi-007"]), "results-too-hard")])
    assert where["ceshi-002"].at("answer").line > kb_lines["ceshi-002"]
    assert all(line.startswith("quizzes/ceshi.yml:") for line in stdout.splitlines() if " warning " in line)
    assert "option D (0.0%)" in stdout and "option A (100.0%) more than the key C" in stdout
    items = {r[1]: r for r in table(out / "items.csv")[1:]}
    assert items["ceshi-001"][6] == "1.0" and items["ceshi-007"][6] == "0.2"
    assert items["ceshi-006"][7] == str(round(2 / 60, 3))  # blank rate
    assert float(items["ceshi-002"][10]) < 0 and float(items["ceshi-002"][11]) < 0
    assert items["ceshi-003"][3] == f"quizzes/ceshi.yml:{kb_lines['ceshi-003']}"
    paper = dict(table(out / "paper.csv")[1:])
    assert paper["读取作答行数"] == "61" and paper["学生人数（每人取最好一次）"] == "60"


def test_golden_tables(grid_report: tuple[str, Path]) -> None:
    out = grid_report[1]
    assert sorted(p.name for p in out.iterdir()) == sorted([*TABLES, "report.html"])
    for name in TABLES:
        assert_golden(name, (out / name).read_bytes())


def test_scores_and_pass_rate_match_a_hand_count(grid_report: tuple[str, Path]) -> None:
    out = grid_report[1]
    qs = fx.questions()
    best: dict[int, float] = {}
    for i, ans in fx.attempts():
        best[i] = max(best.get(i, 0.0), fx._score(ans, qs))
    percents = [100 * s / 18 for s in best.values()]
    paper = dict(table(out / "paper.csv")[1:])
    assert paper["平均分"] == str(round(sum(best.values()) / 60, 2))
    assert paper["及格人数"] == str(sum(p >= 60 for p in percents))
    mean = sum(best.values()) / 60
    assert paper["标准差"] == str(round(math.sqrt(sum((s - mean) ** 2 for s in best.values()) / 60), 2))


def test_class_of_three_is_withheld_and_no_student_number_is_written(grid_report: tuple[str, Path]) -> None:
    out = grid_report[1]
    rows = {r[0]: r for r in table(out / "classes.csv")[1:]}
    assert rows["三班"][1:] == ["3", "<3", "<3", "—"]
    assert rows["一班"][1] == "27" and rows["一班"][4] != "—"
    assert rows["合计"][1] == "60"
    for path in out.iterdir():
        text = path.read_bytes().decode("utf-8")
        assert "S26010" not in text and "学生0" not in text, path.name
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "<svg" in page and "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "<script" not in page and "<link" not in page


@pytest.mark.parametrize("source, encoding", [("wjx/按选项文本.xlsx", None), ("wjx/按选项序号.csv", None),
                                              ("moodle/responses.csv", None), ("wjx/按选项文本.xlsx", "utf-8-sig"),
                                              ("wjx/按选项文本.xlsx", "gb18030"), ("wjx/按选项序号.csv", "utf-8")])
def test_every_layout_and_encoding_gives_the_same_analysis(tmp_path: Path, grid_report: tuple[str, Path],
                                                          source: str, encoding: str | None) -> None:
    path = FIX / source
    if encoding:  # the same download saved again as CSV in another encoding (as Excel does)
        rows = fx.wjx_text_rows() if path.suffix == ".xlsx" else fx.wjx_index_rows()
        path = tmp_path / f"{path.stem}.csv"
        path.write_bytes(fx._csv(rows).encode(encoding))
        shutil.copy(FIX / "wjx/answers.json", tmp_path / "answers.json")
    code, stdout, stderr, out = results(tmp_path, path)
    assert code == 0, stdout + stderr
    for name in ("items.csv", "options.csv", "classes.csv", "flags.csv"):
        assert (out / name).read_bytes() == (grid_report[1] / name).read_bytes(), name


def test_moodle_skips_open_attempts_and_the_average_line(tmp_path: Path) -> None:
    code, _stdout, stderr, out = results(tmp_path, FIX / "moodle/responses.csv")
    assert code == 0, stderr
    paper = dict(table(out / "paper.csv")[1:])
    assert paper["读取作答行数"] == "61"  # 61 finished rows; the open attempt and the average are not read


def test_validate_adds_the_flags_at_the_questions(kb_lines: dict[str, int]) -> None:
    code, stdout, _ = run("validate", "--root", str(ROOT), "--results", str(FIX / "wjx/按选项文本.xlsx"))
    assert code == 0
    got = [line for line in stdout.splitlines() if " results-" in line]
    assert len(got) == 4 and f"quizzes/ceshi.yml:{kb_lines['ceshi-001']}:" in got[0]
    code, stdout, _ = run("validate", "--root", str(ROOT), "--results", str(FIX / "wjx/按选项文本.xlsx"),
                          "--results-min-responses", "61")
    assert code == 0 and " results-" not in stdout  # 60 students are fewer than asked for


def test_coverage_reads_the_platform_file(tmp_path: Path) -> None:
    qs = fx.questions()
    best: dict[int, float] = {}
    for i, ans in fx.attempts():
        best[i] = max(best.get(i, 0.0), 100 * fx._score(ans, qs) / 18)
    passed = {"经管": sum(1 for i, p in best.items() if i not in fx.THREE and p >= 60),
              "信息": sum(1 for i, p in best.items() if i in fx.THREE and p >= 60)}
    for source in ("wjx/按选项文本.xlsx",):  # the grid goes through coverage in the next test
        out = tmp_path / source.replace("/", "-")
        code, stdout, stderr = run("coverage", "--root", str(ROOT), "--results", str(FIX / source), "--out", str(out))
        assert code == 0, stdout + stderr
        lines = stdout.splitlines()
        assert lines[0] == f"经管学院\t班会 2/2\t出勤 98.3%\t参测 95.0%\t及格 {100 * passed['经管'] / 57:.1f}%"
        assert lines[1] == f"信息学院\t班会 1/1\t出勤 100.0%\t参测 100.0%\t及格 {100 * passed['信息'] / 3:.1f}%"
        assert (out / "coverage.csv").is_file()


def test_coverage_needs_a_class_column(tmp_path: Path) -> None:
    rows = [[c for j, c in enumerate(r) if j != 1] for r in fx.grid_rows(fx.paper_map())]  # no 班级
    (tmp_path / "answers.json").write_bytes((FIX / "paper/answers.json").read_bytes())
    (tmp_path / "grid.csv").write_text(fx._csv(rows), encoding="utf-8")
    code, stdout, _ = run("coverage", "--root", str(ROOT), "--results", str(tmp_path / "grid.csv"),
                          "--out", str(tmp_path / "out"))
    assert code == 1 and f"{tmp_path / 'grid.csv'}:1:1: error missing-column no 班级 column" in stdout
    assert not (tmp_path / "out").exists()


# --- errors: FILE:LINE, exit 1, nothing written ---------------------------------------------------

def _grid(tmp_path: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    rows = fx.grid_rows(fx.paper_map())
    edit(rows)
    (tmp_path / "answers.json").write_bytes((FIX / "paper/answers.json").read_bytes())
    path = tmp_path / "grid.csv"
    path.write_text(fx._csv(rows), encoding="utf-8")
    return path


def _fails(tmp_path: Path, path: Path, expected: str) -> str:
    out = tmp_path / "report"
    out.mkdir()
    (out / "report.html").write_text("an earlier report, kept", encoding="utf-8")
    code, stdout, stderr, _ = results(tmp_path, path)
    assert code == 1, stdout + stderr
    assert expected in stdout, stdout
    assert "nothing was written" in stderr
    assert [p.name for p in out.iterdir()] == ["report.html"]
    assert (out / "report.html").read_text(encoding="utf-8") == "an earlier report, kept"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".report")]
    return stdout


def test_missing_student_number_column(tmp_path: Path) -> None:
    def edit(rows: list[list[str]]) -> None:
        rows[0][0] = "编号"
    path = _grid(tmp_path, edit)
    _fails(tmp_path, path, f"{path}:1:1: error missing-column no 学号 column")


def test_question_that_maps_to_no_id(tmp_path: Path) -> None:
    def edit(rows: list[list[str]]) -> None:
        for r in rows:
            r.append("9" if r is rows[0] else "A")
    path = _grid(tmp_path, edit)
    _fails(tmp_path, path, f"{path}:1:12: error unmapped-question question 9 maps to no question id")


def test_answer_letter_the_question_does_not_have(tmp_path: Path) -> None:
    def edit(rows: list[list[str]]) -> None:
        rows[3][4] = "E"   # row 4 of the file, question 2's column
        rows[5][2] = "C"   # no version C
    path = _grid(tmp_path, edit)
    stdout = _fails(tmp_path, path, f"{path}:4:5: error answer-letter question 2: answer 'E' has a letter")
    assert f"{path}:6:3: error unknown-version 试卷版本: 'C' is not a version" in stdout


def test_text_that_is_no_option(tmp_path: Path) -> None:
    rows = fx.wjx_text_rows()
    rows[2][10] = "一个不存在的选项"
    path = tmp_path / "wjx.csv"
    path.write_text(fx._csv(rows), encoding="utf-8")
    shutil.copy(FIX / "wjx/answers.json", tmp_path / "answers.json")
    _fails(tmp_path, path, f"{path}:3:11: error answer-letter question 2: '一个不存在的选项' is none of the options")
    assert rows[0][10].startswith("4、")  # the file numbers it 4 (after 学号, 班级): the message names the column


def test_no_answer_map(tmp_path: Path) -> None:
    path = tmp_path / "期末.csv"
    shutil.copy(FIX / "paper/answer-grid.csv", path)
    code, stdout, _, out = results(tmp_path, path)
    assert code == 1 and "error no-answer-map" in stdout and "期末.answers.json" in stdout and "answers.json" in stdout
    assert not out.exists()


def test_output_never_in_the_site_or_content(tmp_path: Path) -> None:
    for folder in ("site/report", "quizzes/x"):
        code, _, err = run("results", "--root", str(ROOT), str(FIX / "paper/answer-grid.csv"), "--out",
                           str(ROOT / folder))
        assert code == 2 and "never writes into" in err
    assert not (ROOT / "site").exists() and not (ROOT / "quizzes/x").exists()
    for folder in (ROOT, ROOT.parent):  # the report replaces its folder: never the content's
        code, _, err = run("results", "--root", str(ROOT), str(FIX / "paper/answer-grid.csv"), "--out", str(folder))
        assert code == 2 and "holds the content root" in err
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = run("results", "--root", str(ROOT), str(FIX / "paper/answer-grid.csv"), "--out", str(other))
    assert code == 2 and "holds other files" in err and (other / "notes.txt").read_text(encoding="utf-8") == "mine"
    code, _, _ = run("results", "--root", str(ROOT), str(FIX / "paper/answer-grid.csv"), "--out", str(tmp_path / "r"))
    code2, _, _ = run("results", "--root", str(ROOT), str(FIX / "paper/answer-grid.csv"), "--out", str(tmp_path / "r"))
    assert code == code2 == 0  # an earlier report is replaced
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other", "r"]  # no temporary folder left


# --- statistics by hand ------------------------------------------------------------------------

def _question(n: int) -> Question:
    return Question(id=f"t-{n}", kind="single", stem="题", options=["甲", "乙", "丙", "丁"], answer=(0,),
                    explanation="", bank="t", type="t", pos=Pos("quizzes/t.yml", n, 1))


def test_kr20_and_point_biserial_by_hand(tmp_path: Path) -> None:
    # right (A) / wrong (B):    q1 q2 q3   total
    #                      s1    1  1  1     3
    #                      s2    1  1  0     2
    #                      s3    1  0  0     1
    #                      s4    0  0  0     0
    # p = .75 .5 .25; Σpq = .625; var(total) = 1.25; KR-20 = 3/2 · (1 − .625/1.25) = 0.75.
    # q1 against the rest (2, 1, 0, 0): cov = .75 − .75·.75 = .1875, var = .1875 and .6875,
    # r = .1875 / √(.1875 · .6875) = 0.52223.
    amap = AnswerMap("paper", "t", (MappedVersion("A", tuple(mapped(n, _question(n)) for n in (1, 2, 3))),),
                     pass_mark=60)
    (tmp_path / "answers.json").write_bytes(amap.to_json())
    path = tmp_path / "grid.csv"
    path.write_text("学号,1,2,3\nS1,A,A,A\nS2,A,A,B\nS3,A,B,B\nS4,B,B,B\n", encoding="utf-8")
    res = read_results([(path, "grid.csv")], Paper.of(amap, "answers.json"))
    a = analyse(res, 60)
    assert a.kr20 == pytest.approx(0.75)
    assert kr20([[1, 1, 1], [1, 1, 0], [1, 0, 0], [0, 0, 0]]) == pytest.approx(0.75)
    q1 = a.items[0]
    assert q1.point_biserial == pytest.approx(0.1875 / math.sqrt(0.1875 * 0.6875))
    assert q1.difficulty == 0.75 and q1.discrimination == 1.0  # upper = s1, lower = s4
    assert a.items[1].shares == [0.5, 0.5, 0.0, 0.0]
    assert a.classes == [] and a.passed == 2  # 3/3 and 2/3 reach 60 %


def test_low_discrimination_and_multiple_choice_wrong_key() -> None:
    item = Item("t-1", "single", ("甲", "乙", "丙", "丁"), 0b0001, {"A": 1})
    stats = ItemStats(item, 1, 100, 60, 0, 0.65, 0.55, 0.1, [0.6, 0.2, 0.1, 0.1], [0.65, 0.2, 0.1, 0.05],
                      [0.55, 0.2, 0.15, 0.1])
    assert [f.code for f in flags_of(stats, Thresholds())] == ["results-low-discrimination"]
    assert flags_of(stats, Thresholds(min_responses=101)) == []
    multi = Item("t-2", "multiple", ("甲", "乙", "丙", "丁"), 0b0011, {"A": 2})
    stats = ItemStats(multi, 2, 100, 50, 0, 0.8, 0.3, 0.4, [0.7, 0.6, 0.3, 0.1], [0.9, 0.4, 0.5, 0.1],
                      [0.5, 0.6, 0.2, 0.1])
    flags = flags_of(stats, Thresholds())
    assert [f.code for f in flags] == ["results-wrong-key"] and "option C (50.0%) more than the key AB (40.0%)" \
        in flags[0].message


def test_coverage_from_several_files_and_a_student_in_two_classes(tmp_path: Path) -> None:
    rows = fx.grid_rows(fx.paper_map())
    (tmp_path / "answers.json").write_bytes((FIX / "paper/answers.json").read_bytes())
    by_class: dict[str, list[list[str]]] = {}
    for r in rows[1:]:
        by_class.setdefault(r[1], [rows[0]]).append(r)
    files = []
    for name, part in by_class.items():
        files.append(tmp_path / f"{name}.csv")
        files[-1].write_text(fx._csv(part), encoding="utf-8")
    code, stdout, stderr = run("coverage", "--root", str(ROOT), "--results", *map(str, files), "--out", str(tmp_path / "a"))
    assert code == 0, stdout + stderr
    assert stdout.splitlines()[0].startswith("经管学院\t班会 2/2\t出勤 98.3%\t参测 95.0%\t")
    moved = [rows[0], rows[2][:1] + ["二班"] + rows[2][2:]]  # S260101000 of 一班 again, now in 二班
    (tmp_path / "extra.csv").write_text(fx._csv(moved), encoding="utf-8")
    code, stdout, _ = run("coverage", "--root", str(ROOT), "--results", str(FIX / "paper/answer-grid.csv"),
                          str(tmp_path / "extra.csv"), "--map", str(FIX / "paper/answers.json"), "--out", str(tmp_path / "b"))
    assert code == 1 and f"{tmp_path / 'extra.csv'}:2:2: error wrong-class 班级: student S260101000 is in 一班" in stdout
    assert not (tmp_path / "b").exists()


def test_the_shipped_example(tmp_path: Path) -> None:
    from ..conftest import REPO
    example = REPO / "programme/results-example/问卷星-按选项文本.csv"
    code, stdout, stderr = run("results", "--root", str(REPO), str(example), "--out", str(tmp_path / "r"))
    assert code == 0, stdout + stderr
    paper = dict(table(tmp_path / "r/paper.csv")[1:])
    assert paper["学生人数（每人取最好一次）"] == "36" and paper["题数"] == "7"
    code, stdout, stderr = run("coverage", "--root", str(REPO), "--results", str(example), "--out", str(tmp_path / "c"))
    assert code == 0, stdout + stderr


def test_wjx_info_questions_with_long_stems(tmp_path: Path, grid_report: tuple[str, Path]) -> None:
    rows = fx.wjx_text_rows()
    rows[0][7], rows[0][8] = "1、请填写你的学号（入学时发的10位数字）", "2、请选择你所在的班级（以教务系统为准）"
    path = tmp_path / "wjx.csv"
    path.write_text(fx._csv(rows), encoding="utf-8")
    shutil.copy(FIX / "wjx/answers.json", tmp_path / "answers.json")
    code, stdout, stderr, out = results(tmp_path, path)
    assert code == 0, stdout + stderr
    assert (out / "items.csv").read_bytes() == (grid_report[1] / "items.csv").read_bytes()


def test_the_map_fanzha_export_writes(tmp_path: Path, grid_report: tuple[str, Path]) -> None:
    code, _, err = run("export", "--root", str(ROOT), "--format", "wjx", "--out", str(tmp_path / "ceshi.txt"))
    assert code == 0, err
    code, stdout, stderr, out = results(tmp_path, FIX / "wjx/按选项文本.xlsx",
                                        extra=("--map", str(tmp_path / "ceshi.answers.json")))
    assert code == 0, stdout + stderr
    items = table(out / "items.csv")
    assert [r[:8] for r in items] == [r[:8] for r in table(grid_report[1] / "items.csv")]
    paper = dict(table(out / "paper.csv")[1:])
    assert paper["满分"] == "8.0"  # the export gives no points: one per question


def test_fewer_than_three_students_show_no_question_figures(tmp_path: Path) -> None:
    rows = fx.grid_rows(fx.paper_map())[:3]  # header, S260101005 twice: one student
    path = _grid(tmp_path, lambda r: r.__delitem__(slice(3, None)))
    assert len(path.read_text(encoding="utf-8").splitlines()) == len(rows)
    code, stdout, stderr, out = results(tmp_path, path)
    assert code == 0, stdout + stderr
    assert len(table(out / "items.csv")) == 1 and len(table(out / "options.csv")) == 1
    assert "学生少于 3 人：不显示逐题统计" in (out / "report.html").read_text(encoding="utf-8")


def test_flag_of_a_question_no_longer_in_the_bank(tmp_path: Path) -> None:
    from build_tools.results.analysis import flag_problems
    q = _question(1)
    amap = AnswerMap("paper", "t", (MappedVersion("A", (mapped(1, q), mapped(2, _question(2)))),))
    path = tmp_path / "grid.csv"
    path.write_text("学号,1,2\n" + "".join(f"S{i},A,{'AB'[i % 2]}\n" for i in range(40)), encoding="utf-8")
    a = analyse(read_results([(path, "grid.csv")], Paper.of(amap, "answers.json")), 60)
    problems = flag_problems(a, core.validate(ROOT).kb, "grid.csv")
    assert next((p.path, p.line, p.code) for p in problems) == ("grid.csv", 1, "results-too-easy")
    assert "t-1 is no longer in the knowledge base" in problems[0].message


def test_xlsx_errors_name_the_sheet_row_and_column(tmp_path: Path) -> None:
    rows = fx.wjx_text_rows()
    rows[40][12] = "这不是任何一个选项"  # sheet row 41, column 13: "6、…", the map's question 4
    rows.insert(1, [""] * len(rows[0]))  # an empty row after the header: rows keep their sheet numbers
    fx.write_xlsx(tmp_path / "download.xlsx", rows)
    shutil.copy(FIX / "wjx/answers.json", tmp_path / "answers.json")
    _fails(tmp_path, tmp_path / "download.xlsx",
           f"{tmp_path / 'download.xlsx'}:42:13: error answer-letter question 4: '这不是任何一个选项' is none")
    _code, stdout, _, _ = results(tmp_path, tmp_path / "download.xlsx")
    assert "(column '6、以下哪些做法能降低被刷单诈骗的风险？')" in stdout


def test_coverage_more_students_than_the_roster(tmp_path: Path) -> None:
    rows = fx.grid_rows(fx.paper_map())
    rows.append(["S260101099", "三班", *rows[-1][2:]])  # a fourth student in 三班 (人数 3)
    (tmp_path / "answers.json").write_bytes((FIX / "paper/answers.json").read_bytes())
    (tmp_path / "grid.csv").write_text(fx._csv(rows), encoding="utf-8")
    code, stdout, _ = run("coverage", "--root", str(ROOT), "--results", str(tmp_path / "grid.csv"),
                          "--out", str(tmp_path / "out"))
    assert code == 1 and "programme/classes.csv:4:" in stdout
    assert "人数: 3 students in 三班, but the results files have 4 students of this class" in stdout


def test_option_texts_that_hold_the_separator() -> None:
    from build_tools.exchange.answermap import MappedQuestion
    from build_tools.results.readers import BadAnswer, _read_text
    q = MappedQuestion(1, "x", "multiple", (0, 1, 2, 3), "AC", ("甲; 乙", "丙", "丁；戊", "己"))
    read = _read_text("; ")
    assert read(q, "甲; 乙; 丁；戊") == "AC" and read(q, "丙; 己") == "BD" and read(q, " 丙 ") == "B"
    assert read(q, "-") == ""
    with pytest.raises(BadAnswer, match="'庚' is none of the options"):
        read(q, "丙; 庚")


def test_pass_mark_is_the_maps_else_the_setting(tmp_path: Path) -> None:
    import json
    data = json.loads((FIX / "wjx/answers.json").read_text(encoding="utf-8"))
    shutil.copy(FIX / "wjx/按选项文本.xlsx", tmp_path / "download.xlsx")
    for mark, expected in ((90, "90.0"), (None, "60.0")):  # None: the map names none; mkdocs.yml says 60
        data["pass_mark"] = mark
        (tmp_path / "answers.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        code, _, stderr, out = results(tmp_path, tmp_path / "download.xlsx")
        assert code == 0, stderr
        assert dict(table(out / "paper.csv")[1:])["及格线（得分率）"] == expected


def test_coverage_figures_are_the_same_from_both_wjx_layouts() -> None:
    from build_tools.programme import coverage
    from build_tools.results.load import coverage_scores
    texts = [((ROOT / "programme" / name).read_text(encoding="utf-8"), f"programme/{name}")
             for name in ("classes.csv", "meetings.csv")]
    reports = []
    for source in ("wjx/按选项文本.xlsx", "wjx/按选项序号.csv", "moodle/responses.csv", "paper/answer-grid.csv"):
        scores = coverage_scores([FIX / source], None, ROOT)
        assert len(scores) == 61  # every attempt; coverage keeps each student's best
        rep = coverage.report(texts[0], texts[1], None, 60, scores)
        reports.append(coverage.summary_rows(rep))
    assert all(r == reports[0] for r in reports)
    assert reports[0][-1][8] == 60  # 参测人数


def test_files_that_are_not_results(tmp_path: Path) -> None:
    import zipfile
    with zipfile.ZipFile(tmp_path / "notes.xlsx", "w") as z:
        z.writestr("a.txt", "not a workbook")
    (tmp_path / "scores.csv").write_text("学号,班级,分数\nS1,一班,90\n", encoding="utf-8")
    (tmp_path / "binary.csv").write_bytes(bytes(range(256)))
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    shutil.copy(FIX / "wjx/answers.json", tmp_path / "answers.json")
    for name, expected in (("notes.xlsx", "1:1: error results-format not a readable .xlsx workbook"),
                           ("scores.csv", "1:1: error results-format not a results file this reads"),
                           ("binary.csv", "2:1: error encoding"),  # the first bad byte is on line 2
                           ("old.xls", "1:1: error results-format an old Excel .xls")):
        code, stdout, stderr, out = results(tmp_path, tmp_path / name)
        assert code == 1 and f"{tmp_path / name}:{expected}" in stdout, stdout + stderr
        assert not out.exists()
