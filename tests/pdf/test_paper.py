"""fanzha paper: semester tests with exam-only questions, quotas, versions, seeds, keys."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from build_tools import core
from build_tools.commands import kits as kits_command
from build_tools.exchange import answermap
from build_tools.pdf.kit import quiz_maps, quiz_sets
from build_tools.site import Site

from ..conftest import fanzha
from . import pdftools
from .conftest import FIXTURE, Built
from .test_keys import check_key

SPEC = """\
title: 2026秋季学期反诈知识测试
versions: [A, B]
seed: 20261201
minutes: 30
quotas:
  shuadan: {single: 3, multiple: 2, judge: 2}
  gongjianfa: 4
points: {single: 2, multiple: 4, judge: 2}
"""


@pytest.fixture(scope="module")
def paper(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A paper made from a spec file, with a command-line quota on top."""
    tmp = tmp_path_factory.mktemp("paper")
    (tmp / "paper.yml").write_text(SPEC, encoding="utf-8")
    proc = fanzha("paper", "--root", str(FIXTURE), "--spec", str(tmp / "paper.yml"),
                  "--quota", "shuadan.single=4", "--out", str(tmp / "out"))
    assert proc.returncode == 0, proc.stderr
    assert "do not publish" in proc.stderr
    return tmp / "out"


def test_paper_files(paper: Path) -> None:
    assert sorted(p.name for p in paper.iterdir()) == [
        "answer-grid.csv", "answers.json", "key-A.pdf", "key-B.pdf", "paper-A.pdf", "paper-B.pdf",
        "paper-spec.yml", "sheet-A.pdf", "sheet-B.pdf"]
    for pdf in paper.glob("*.pdf"):
        lines = pdftools.body_lines(pdf)
        header = re.sub(r"^预览版（[^）]*）\s*", "", lines[0])  # the mark for settings not filled in yet
        assert header.startswith("2026秋季学期反诈知识测试"), pdf
        assert f"第1页/共{pdftools.pages(pdf)}页" in pdftools.norm(pdftools.text(pdf, 1))


def test_quotas_met_with_exam_only_questions(paper: Path) -> None:
    kb = core.validate(FIXTURE).kb
    printed = pdftools.read_paper(paper / "paper-A.pdf", kb)
    kinds = [(p.question.type, p.question.kind) for p in printed]
    assert kinds.count(("shuadan", "single")) == 4  # the command line replaced the file's 3
    assert kinds.count(("shuadan", "multiple")) == 2 and kinds.count(("shuadan", "judge")) == 2
    assert sum(t == "gongjianfa" for t, _ in kinds) == 4
    assert len(printed) == 12
    # shuadan has 4 single questions, one exam-only: all four are drawn
    assert "shuadan-004" in {p.question.id for p in printed}


def test_paper_keys_match(paper: Path) -> None:
    kb = core.validate(FIXTURE).kb
    for v in "AB":
        assert check_key(paper / f"paper-{v}.pdf", paper / f"key-{v}.pdf", kb) == 12


def test_points_and_answer_sheet(paper: Path) -> None:
    kb = core.validate(FIXTURE).kb
    kinds = [p.question.kind for p in pdftools.read_paper(paper / "paper-A.pdf", kb)]
    singles, total = kinds.count("single"), sum({"single": 2, "multiple": 4, "judge": 2}[k] for k in kinds)
    text = pdftools.norm(pdftools.text(paper / "paper-A.pdf"))
    assert f"一、单项选择题（共{singles}题，每题2分，共{2 * singles}分）" in text
    assert "限时30分钟" in text and f"满分{total}分，{total * 0.8:g}分及以上为合格" in text
    sheet = pdftools.text(paper / "sheet-A.pdf", layout=True)
    assert "答题卡" in sheet and "学号" in sheet and pdftools.pages(paper / "sheet-A.pdf") == 1
    assert "抽题种子20261201" in pdftools.norm(pdftools.text(paper / "key-A.pdf"))


def test_same_spec_same_bytes(paper: Path, tmp_path: Path) -> None:
    proc = fanzha("paper", "--root", str(FIXTURE), "--spec", str(paper / "paper-spec.yml"), "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    for pdf in sorted([*paper.glob("*.pdf"), paper / "answers.json", paper / "answer-grid.csv"]):
        assert (tmp_path / pdf.name).read_bytes() == pdf.read_bytes(), pdf.name


@pytest.mark.parametrize("args, code, message", [
    (["--quota", "nope=2"], 2, "--quota nope=2: unknown fraud type 'nope'"),
    (["--quota", "shuadan.essay=1"], 2, "unknown kind 'essay'"),
    (["--quota", "shuadan"], 2, "expected TYPE=N or TYPE.KIND=N"),
    ([], 2, "no quotas"),
    (["--quota", "shuadan=9", "--seed", "1"], 1, "quota shuadan=9: asks for 9 questions of type shuadan, "
                                                 "but only 8 are available"),
    (["--quota", "shuadan=1", "--out", str(FIXTURE / "site" / "papers")], 2, "never be published"),
])
def test_paper_errors(args: list[str], code: int, message: str, tmp_path: Path) -> None:
    if "--out" not in args:
        args = [*args, "--out", str(tmp_path / "out")]
    proc = fanzha("paper", "--root", str(FIXTURE), *args)
    assert proc.returncode == code, proc.stderr
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


def test_spec_file_errors_name_the_line(tmp_path: Path) -> None:
    spec = tmp_path / "paper.yml"
    spec.write_text("title: 测试\nquotas:\n  shuadan: 2\n  bogus: 1\n", encoding="utf-8")
    proc = fanzha("paper", "--root", str(FIXTURE), "--spec", str(spec), "--out", str(tmp_path / "out"))
    assert proc.returncode == 1
    assert f"{spec}:4:3: quotas.bogus: unknown fraud type 'bogus'" in proc.stderr
    spec.write_text("title: 测试\nquotas: {shuadan: {single: 0}}\n", encoding="utf-8")
    proc = fanzha("paper", "--root", str(FIXTURE), "--spec", str(spec), "--out", str(tmp_path / "out"))
    assert proc.returncode == 1
    col = "quotas: {shuadan: {single: 0}}".index("0") + 1
    assert f"{spec}:2:{col}: quotas.shuadan.single: expected a whole number ≥ 1, found 0" in proc.stderr


def _as_printed(key: str) -> str:
    return {"T": "√", "F": "×"}.get(key, key)


def test_answer_map_is_what_papers_and_keys_print(paper: Path) -> None:
    """answers.json: each version's numbers, ids, option orders and keys, read against the PDFs."""
    kb = core.validate(FIXTURE).kb
    amap = answermap.read(paper / "answers.json")
    assert (amap.made_by, amap.title, amap.seed, amap.pass_mark) == ("paper", "2026秋季学期反诈知识测试", 20261201, 80)
    assert amap.points == {"single": 2, "multiple": 4, "judge": 2}
    assert [v.name for v in amap.versions] == ["A", "B"]
    for version in amap.versions:
        by_number = version.by_number()
        printed = pdftools.read_paper(paper / f"paper-{version.name}.pdf", kb)
        key = pdftools.read_key_table(paper / f"key-{version.name}.pdf")
        assert sorted(by_number) == [p.number for p in printed] == sorted(key) == list(range(1, 13))
        for p in printed:
            mq = by_number[p.number]
            assert mq.id == p.question.id and mq.kind == p.question.kind
            assert _as_printed(mq.key) == key[p.number], (version.name, p.number)
            if mq.kind != "judge":
                assert {letter: mq.source_index(letter) for letter in p.letters} == p.letters
                assert list(mq.options) == [p.question.options[i] for i in mq.order]
    a, b = (v.by_number() for v in amap.versions)
    assert [(q.id, q.order) for q in a.values()] != [(q.id, q.order) for q in b.values()]


def test_answer_grid_is_a_header_for_excel(paper: Path) -> None:
    data = (paper / "answer-grid.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.endswith(b"\r\n") and data.count(b"\r\n") == 1
    assert data[3:].decode("utf-8") == "学号,班级,试卷版本," + ",".join(str(n) for n in range(1, 13)) + "\r\n"


def test_every_version_spreads_its_single_keys(paper: Path) -> None:
    amap = answermap.read(paper / "answers.json")
    for version in amap.versions:
        keys = [q.key for q in version.questions if q.kind == "single"]
        counts = [keys.count(letter) for letter in "ABCD"]
        assert max(counts) - min(counts) <= 1 and max(counts) <= 0.4 * len(keys), (version.name, keys)


def test_kit_quiz_maps_match_the_kit_pdfs(mini: Built, tmp_path: Path) -> None:
    """What fanzha kits writes beside a kit's quizzes is what its quiz and key PDFs print."""
    kit = mini.result.kb.kits["meeting"]
    maps = dict(quiz_maps(quiz_sets(Site.of(mini.result), kit)))
    assert list(maps) == ["quiz.answers.json"]
    path = tmp_path / "quiz.answers.json"
    path.write_bytes(maps["quiz.answers.json"])
    amap = answermap.read(path)
    assert amap.made_by == "kit" and [v.name for v in amap.versions] == ["A", "B"]
    for version in amap.versions:
        printed = pdftools.read_paper(mini.kits / "meeting" / f"quiz-{version.name}.pdf", mini.result.kb)
        key = pdftools.read_key_table(mini.kits / "meeting" / f"key-{version.name}.pdf")
        by_number = version.by_number()
        assert sorted(by_number) == sorted(key) == [p.number for p in printed]
        for p in printed:
            mq = by_number[p.number]
            assert mq.id == p.question.id and _as_printed(mq.key) == key[p.number]
            assert {letter: mq.source_index(letter) for letter in p.letters} == p.letters
    assert not any(q.exam_only for q in mini.result.kb.questions(include_exam=True)
                   if q.id in {mq.id for v in amap.versions for mq in v.questions})


def test_fanzha_kits_writes_maps_beside_the_pdfs_but_never_into_the_site(tmp_path: Path) -> None:
    proc = fanzha("kits", "mini", "--root", str(FIXTURE), "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    assert "wrote 1 answer map(s)" in proc.stderr
    folder = tmp_path / "out" / "kits" / "mini"
    result = core.validate(FIXTURE)
    expected = dict(quiz_maps(quiz_sets(Site.of(result), result.kb.kits["mini"])))
    assert (folder / "quiz.answers.json").read_bytes() == expected["quiz.answers.json"]
    assert "quiz.answers.json" not in zipfile.ZipFile(folder / "mini-bundle.zip").namelist()
    # into the site: the PDFs are the site's, the maps stay out (checked without rendering again)
    site = tmp_path / "root" / "site"
    site.mkdir(parents=True)
    assert kits_command._write_maps(result, site, ["mini"], into_site=True) == 0
    assert list(site.rglob("*.answers.json")) == []


def test_students_who_write_the_printed_key_score_full_marks(paper: Path, tmp_path: Path) -> None:
    """paper → answer grid typed from the printed keys → fanzha results: every answer counts as right."""
    grid = (paper / "answer-grid.csv").read_text(encoding="utf-8-sig").rstrip("\r\n")
    rows = [grid]
    for n, version in enumerate(["A", "B"] * 3):
        key = pdftools.read_key_table(paper / f"key-{version}.pdf")
        rows.append(",".join([f"S2699{n:04d}", "测试1班", version, *(key[i] for i in sorted(key))]))
    typed = tmp_path / "answer-grid.csv"
    typed.write_text("\ufeff" + "\r\n".join(rows) + "\r\n", encoding="utf-8")
    proc = fanzha("results", "--root", str(FIXTURE), str(typed), "--map", str(paper / "answers.json"),
                  "--min-responses", "1", "--out", str(tmp_path / "report"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    summary = dict(line.split(",", 1) for line in
                   (tmp_path / "report" / "paper.csv").read_text(encoding="utf-8-sig").splitlines())
    assert float(summary["平均得分率"]) == 100.0, summary
