"""The `fanzha` command as a user runs it: stdout, stderr and exit codes."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ..conftest import REPO, fanzha
from .helpers import make_tree

PLANTED = Path(__file__).parent / "planted"
_MARK = re.compile(r"planted: ([a-z-]+)")


def _planted_marks() -> list[tuple[str, int, str]]:
    marks = []
    for path in sorted(PLANTED.rglob("*")):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", errors="replace")
            for n, line in enumerate(text.splitlines(), 1):
                marks += [(path.relative_to(PLANTED).as_posix(), n, m) for m in _MARK.findall(line)]
    return marks


def test_planted_mistakes_all_reported_at_their_lines() -> None:
    marks = _planted_marks()
    assert len(marks) == 30
    proc = fanzha("validate", "--root", str(PLANTED))
    assert proc.returncode == 1
    reported = {(m.group(1), int(m.group(2)), m.group(3))
                for m in re.finditer(r"^(\S+?):(\d+):\d+: (?:error|warning) (\S+) ", proc.stdout, re.M)}
    missing = [m for m in marks if m not in reported]
    assert not missing, f"not reported: {missing}\n{proc.stdout}"
    assert proc.stdout == (Path(__file__).parent / "planted.expected").read_text(encoding="utf-8")


def test_output_is_sorted_by_path_and_line() -> None:
    out = fanzha("validate", "--root", str(PLANTED)).stdout.splitlines()
    keys = [(p, int(line), int(col)) for p, line, col in (re.match(r"(\S+?):(\d+):(\d+):", x).groups() for x in out)]
    assert keys == sorted(keys)


def test_default_content_is_clean() -> None:
    proc = fanzha("validate", "--root", str(REPO))
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")


def test_json_format(tmp_path: Path) -> None:
    proc = fanzha("validate", "--root", str(PLANTED), "--format", "json")
    data = json.loads(proc.stdout)
    assert proc.returncode == 1
    assert data["errors"] == sum(p["level"] == "error" for p in data["problems"]) > 0
    first = data["problems"][0]
    assert set(first) == {"path", "line", "column", "level", "code", "message"}


def test_warnings_only_exit_zero(tmp_path: Path) -> None:
    make_tree(tmp_path, {"cases/shuadan-a.md": "---\nid: shuadan-a\ntitle: 甲\ntype: shuadan\naudience: [学生]\n"
                         "date: 2025-03\nsources: [编写示例]\nprovenance: 编写示例\nextra_key: 1\n---\n正文。\n"})
    proc = fanzha("validate", "--root", str(tmp_path))
    assert proc.returncode == 0
    assert proc.stdout == ("cases/shuadan-a.md:9:1: warning unknown-key extra_key: unknown key 'extra_key' is "
                           "ignored; known keys: id, title, type, audience, date, loss, tags, sources, summary, review_by, "
                           "provenance\n")


@pytest.mark.parametrize("args, message", [
    (["validate", "--root", "/nonexistent-folder"], "no such folder"),
    (["validate", "--format", "xml"], "invalid choice"),
    (["frobnicate"], "invalid choice"),
])
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    proc = fanzha(*args)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_bad_settings_exit_2(tmp_path: Path) -> None:
    make_tree(tmp_path, {"mkdocs.yml": "site_name: x\nextra:\n  fanzha:\n    reading_rate: fast\n"})
    proc = fanzha("validate", "--root", str(tmp_path))
    assert proc.returncode == 2
    assert "extra.fanzha.reading_rate: expected a number, found 'fast'" in proc.stderr


def test_unknown_setting_exit_2(tmp_path: Path) -> None:
    make_tree(tmp_path, {"mkdocs.yml": "site_name: x\nextra:\n  fanzha:\n    colege_name: 某校\n"})
    proc = fanzha("validate", "--root", str(tmp_path))
    assert proc.returncode == 2 and "colege_name: unknown setting" in proc.stderr


def test_encodings(tmp_path: Path) -> None:
    body = ("---\nid: shuadan-a\ntitle: 甲\ntype: shuadan\naudience: [学生]\ndate: 2025-03\nsources: [编写示例]\n"
            "provenance: 编写示例\n---\n正文。\n")
    make_tree(tmp_path, {
        "cases/shuadan-a.md": b"\xef\xbb\xbf" + body.replace("\n", "\r\n").encode("utf-8"),
        "cases/shuadan-b.md": body.replace("shuadan-a", "shuadan-b").encode("gb18030"),
    })
    proc = fanzha("validate", "--root", str(tmp_path))
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        "cases/shuadan-b.md:3:8: error encoding expected UTF-8 text, found byte 0xBC that is not UTF-8 "
        "(it looks like GBK/GB18030); save the file as UTF-8"]


def test_help_is_bilingual() -> None:
    proc = fanzha("--help")
    assert proc.returncode == 0 and "校验" in proc.stdout and "validate" in proc.stdout
