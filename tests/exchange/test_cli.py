"""`fanzha export` and `fanzha import` as a teacher runs them: files, messages, exit codes."""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
import yaml

from build_tools.exchange import EXPORTERS
from build_tools.load.answers import read_letters

from ..conftest import REPO, fanzha
from ..core.helpers import make_tree
from .conftest import DEFAULT_BANKS, FIXTURES

BAD = Path(__file__).parent / "import" / "bad"
OK = Path(__file__).parent / "import" / "ok"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A fresh content root (the test taxonomy, the hostile bank) each test may write into."""
    return make_tree(tmp_path / "root", {"quizzes/hostile.yml": (FIXTURES / "hostile.yml").read_text(encoding="utf-8")})


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_export_writes_every_format(fmt: str, root: Path, tmp_path: Path) -> None:
    out = tmp_path / f"out{EXPORTERS[fmt].EXTENSION}"
    proc = fanzha("export", "--root", str(root), "--format", fmt, "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert f"exported 6 question(s) from 1 bank(s) to {out}" in proc.stderr  # hostile-007 is exam_only
    assert "exam_only" not in proc.stderr
    assert out.stat().st_size > 0
    if fmt in ("xlsx", "xlsx-chaoxing", "qti"):
        assert zipfile.is_zipfile(out)
    else:
        out.read_bytes().decode("utf-8")


def test_exam_questions_only_on_request_with_a_warning(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "exam.txt"
    proc = fanzha("export", "--root", str(root), "--format", "text", "--include-exam", "--out", str(out))
    assert proc.returncode == 0
    assert "warning: --include-exam: 1 exam_only question(s) are in this export" in proc.stderr
    assert "三个正确选项时每个占" in out.read_text(encoding="utf-8")
    plain = tmp_path / "plain.txt"
    fanzha("export", "--root", str(root), "--format", "text", "--out", str(plain))
    assert "三个正确选项时每个占" not in plain.read_text(encoding="utf-8")


def test_export_usage_errors(root: Path, tmp_path: Path) -> None:
    into_content = fanzha("export", "--root", str(root), "--format", "gift", "--out", str(root / "quizzes" / "x.txt"))
    assert into_content.returncode == 2 and "inside the content folder quizzes/" in into_content.stderr
    unknown = fanzha("export", "--root", str(root), "--format", "gift", "--banks", "nope", "--out", str(tmp_path / "x"))
    assert unknown.returncode == 2 and "--banks: no such id: nope" in unknown.stderr
    none = fanzha("export", "--root", str(root), "--format", "gift", "--types", "gongjianfa",
                  "--out", str(tmp_path / "x"))
    assert none.returncode == 2 and "no questions selected" in none.stderr
    assert not (tmp_path / "x").exists()


def import_(root: Path, source: Path, bank: str, *extra: str) -> tuple[object, Path]:
    out = root / "quizzes" / f"{bank}.yml"
    proc = fanzha("import", "--root", str(root), "--from", "text", str(source), "--bank", bank,
                  "--type", "shuadan", "--out", str(out), *extra)
    return proc, out


def test_import_writes_a_bank_that_validates(root: Path) -> None:
    proc, out = import_(root, OK / "word-gb18030.txt", "gbk")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout == ""
    assert "imported 2 question(s) (gb18030)" in proc.stderr
    text = out.read_text(encoding="utf-8")
    head = text.splitlines()[:6]
    assert head[0] == "# 由 fanzha import 从 word-gb18030.txt 导入；请检查后再发布。"
    assert head[1:4] == ["bank: gbk", "title: 刷单返利", "type: shuadan"] and head[5] == "questions:"
    assert head[4].startswith("review_by: 20")
    assert "  - id: gbk-001\n    kind: single\n    stem: Word 另存为“纯文本”" in text
    assert "  - id: gbk-002\n    kind: judge\n" in text and "answer: true" in text
    validate = fanzha("validate", "--root", str(root))
    assert validate.returncode == 0, validate.stdout
    assert "gbk.yml" not in validate.stdout


def test_import_never_overwrites_without_force(root: Path) -> None:
    target = root / "quizzes" / "hostile.yml"
    before = target.read_bytes()
    proc = fanzha("import", "--root", str(root), "--from", "text", str(OK / "judge.txt"), "--bank", "hostile",
                  "--type", "shuadan", "--out", str(target))
    assert proc.returncode == 2 and "exists; give another file or --force" in proc.stderr
    assert target.read_bytes() == before
    forced = fanzha("import", "--root", str(root), "--from", "text", str(OK / "judge.txt"), "--bank", "hostile",
                    "--type", "shuadan", "--out", str(target), "--force")
    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["questions"][0]["id"] == "hostile-001"


def test_import_refuses_a_bank_id_in_use(root: Path) -> None:
    proc, _out = import_(root, OK / "judge.txt", "hostile", "--force")
    # the id is taken by quizzes/hostile.yml, which is this --out: allowed with --force
    assert proc.returncode == 0
    other = fanzha("import", "--root", str(root), "--from", "text", str(OK / "judge.txt"), "--bank", "hostile",
                   "--type", "shuadan", "--out", str(root / "quizzes" / "other.yml"))
    assert other.returncode == 2 and "already the id of the bank in quizzes/hostile.yml" in other.stderr
    assert not (root / "quizzes" / "other.yml").exists()


@pytest.mark.parametrize("name", ["letters", "placement", "damaged-utf8"])
def test_broken_file_prints_exact_errors_and_writes_nothing(name: str, root: Path) -> None:
    source = BAD / f"{name}.txt"
    proc = fanzha("import", "--root", str(root), "--from", "text", str(source), "--bank", "broken",
                  "--type", "shuadan", "--out", str(root / "quizzes" / "broken.yml"))
    assert proc.returncode == 1
    expected = (BAD / f"{name}.expected").read_text(encoding="utf-8").replace(f"{name}.txt:", f"{source}:")
    assert proc.stdout == expected
    assert "nothing was written" in proc.stderr
    assert not (root / "quizzes" / "broken.yml").exists()


def test_missing_explanations_written_empty_only_when_allowed(root: Path) -> None:
    proc, out = import_(root, BAD / "allow-missing-explanation.txt", "todo", "--allow-missing-explanation",
                        "--exam-only")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.count("warning no-explanation") == 2
    bank = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert [q["explanation"] for q in bank["questions"]] == ["", ""]
    assert all(q["exam_only"] is True for q in bank["questions"])
    validate = fanzha("validate", "--root", str(root))
    assert validate.returncode == 1
    flagged = [line for line in validate.stdout.splitlines() if " error " in line]
    assert len(flagged) == 2
    assert all("quizzes/todo.yml" in f and ".explanation: expected text, found an empty value" in f for f in flagged)


def test_an_empty_file_imports_nothing(root: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"\xef\xbb\xbf\r\n\r\n")
    proc, out = import_(root, empty, "empty")
    assert proc.returncode == 1
    assert proc.stdout == f"{empty}:1: error no-questions expected numbered questions such as '1. 题干', found none\n"
    assert not out.exists()


def fields(q: dict) -> tuple[object, ...]:
    """A question as YAML holds it, with the answer spelled one way (B, ACD or true/false)."""
    answer = q["answer"] if isinstance(q["answer"], bool) else "".join(sorted(read_letters(q["answer"]) or []))
    return (q["kind"], str(q["stem"]).strip(), q.get("options"), answer, str(q["explanation"]).strip())


@pytest.mark.parametrize("bank", DEFAULT_BANKS[:1])
def test_default_bank_round_trips_through_the_commands(bank: str, tmp_path: Path) -> None:
    """export --format text, then import: the same questions, in a bank that validates."""
    root = tmp_path / "college"
    root.mkdir()
    for name in ("mkdocs.yml", "taxonomy.yml"):
        shutil.copy(REPO / name, root / name)
    exported = tmp_path / f"{bank}.txt"
    assert fanzha("export", "--root", str(REPO), "--format", "text", "--banks", bank, "--include-exam",
                  "--out", str(exported)).returncode == 0
    original = yaml.safe_load((REPO / "quizzes" / f"{bank}.yml").read_text(encoding="utf-8"))
    proc = fanzha("import", "--root", str(root), "--from", "text", str(exported), "--bank", bank,
                  "--type", original["type"], "--out", str(root / "quizzes" / f"{bank}.yml"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    imported = yaml.safe_load((root / "quizzes" / f"{bank}.yml").read_text(encoding="utf-8"))
    assert [fields(q) for q in imported["questions"]] == [fields(q) for q in original["questions"]]
    validate = fanzha("validate", "--root", str(root))
    assert " error " not in validate.stdout, validate.stdout


def test_validator_problems_point_at_the_teachers_line(root: Path, tmp_path: Path) -> None:
    """What only the validator knows (here: personal data) is reported at the question's line."""
    source = tmp_path / "phone.txt"
    source.write_text("1. 正常的题\nA. 是\nB. 不是\n答案：A\n解析：示例。\n\n"
                      "2. 来电号码 13800000000 是真的客服吗？\nA. 是\nB. 不是\n答案：B\n解析：示例。\n",
                      encoding="utf-8")
    proc, out = import_(root, source, "phone")
    assert proc.returncode == 1
    assert proc.stdout.startswith(f"{source}:7: error personal-data found what looks like a mobile phone number")
    assert not out.exists()


def test_import_drops_page_furniture_and_says_so(root: Path) -> None:
    source = Path(__file__).parent / "fixtures" / "messy" / "headers-footers.txt"
    proc, out = import_(root, source, "messy")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"{source}:13: warning page-furniture dropped '第 1 页 共 2 页'" in proc.stdout
    assert f"{source}:15: warning page-furniture dropped '2026年秋季学期 防范电信网络诈骗知识测试'" in proc.stdout
    text = out.read_text(encoding="utf-8")
    assert "第 1 页" not in text and "——2——" not in text and "知识测试" not in text
    assert fanzha("validate", "--root", str(root)).returncode == 0


def test_import_reads_marked_lines_and_leaves_out_an_unknown_case(root: Path, tmp_path: Path) -> None:
    source = tmp_path / "marked.txt"
    source.write_text("1. 对方说“是否要办理退款”，你应该回答（  ）\nA. 是\nB. 否\n答案：B\n解析：先挂断核实。\n"
                      "【题型】单选题\n【难度】中等\n【仅限考试】是\n【案例】no-such-case\n", encoding="utf-8")
    proc, out = import_(root, source, "marked")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"{source}:1: warning unknown-case 【案例】no-such-case" in proc.stdout
    [q] = yaml.safe_load(out.read_text(encoding="utf-8"))["questions"]
    assert (q["kind"], q["options"], q["answer"], q["difficulty"], q["exam_only"]) == ("single", ["是", "否"], "B", 2,
                                                                                      True)
    assert "case" not in q


CASE = """---
id: shuadan-dianzan
title: 点赞返利
type: shuadan
audience: [学生]
date: 2025-01
provenance: 编写示例
summary: 一个案例。
review_by: 2099-01-01
---
## 经过

一段经过。
"""


def test_import_keeps_a_link_to_a_case_of_this_knowledge_base(root: Path, tmp_path: Path) -> None:
    (root / "cases").mkdir()
    (root / "cases" / "shuadan-dianzan.md").write_text(CASE, encoding="utf-8")
    source = tmp_path / "linked.txt"
    source.write_text("1. 点赞返利群要求先垫付，这是（  ）\nA. 诈骗\nB. 兼职\n答案：A\n解析：先垫付就是诈骗。\n"
                      "【案例】shuadan-dianzan\n", encoding="utf-8")
    proc, out = import_(root, source, "linked")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "unknown-case" not in proc.stdout
    [q] = yaml.safe_load(out.read_text(encoding="utf-8"))["questions"]
    assert q["case"] == "shuadan-dianzan"
