"""Broken input: every command names the file and line, exits 1 (content) or 2 (usage/settings),
never ends in a traceback, and leaves its output exactly as it was.

Validator cases run `fanzha validate` in-process (build_tools.cli.main) to stay fast; each other
command runs once as a real process on a representative broken tree.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .conftest import OTHER, call, copy, run

BANK = "quizzes/sushe.yml"
KIT = "kits/biye-qiuzhi.yml"
CASE = "cases/maochong-suguan-kongtiao.md"


def laughs() -> str:
    """The "billion laughs": nine levels of nine aliases each."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "bank: laughs\ntitle: t\ntype: jia-shixi\nquestions: []\n" + "\n".join(lines) + "\n"


def nested(depth: int) -> str:
    return ("bank: deep\ntitle: t\ntype: jia-shixi\nquestions: []\nx:\n"
            + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(depth)) + "  " * (depth + 1) + "v\n")


def edit(rel: str, old: str, new: str) -> tuple[str, Any]:
    """A change to one fixture file: (rel, function of the original text)."""
    def change(text: str) -> str:
        assert old in text, (rel, old)
        return text.replace(old, new, 1)
    return rel, change


# name -> (files: {rel: text | bytes | None (delete) | edit}, expected "path:line:col: error code")
BROKEN: dict[str, tuple[dict[str, Any], str]] = {
    "empty case file": ({"cases/empty.md": ""}, "cases/empty.md:1:1: error front-matter"),
    "only a BOM": ({"cases/bom.md": b"\xef\xbb\xbf"}, "cases/bom.md:1:1: error front-matter"),
    "empty bank file": ({"quizzes/empty.yml": ""}, "quizzes/empty.yml:1:1: error wrong-type"),
    "empty kit file": ({"kits/empty.yml": ""}, "kits/empty.yml:1:1: error wrong-type"),
    "empty taxonomy": ({"taxonomy.yml": ""}, "taxonomy.yml:1:1: error wrong-type"),
    "taxonomy is a list": ({"taxonomy.yml": "- id: x\n"}, "taxonomy.yml:1:1: error wrong-type"),
    "bank is a list": ({"quizzes/list.yml": "- a\n- b\n"}, "quizzes/list.yml:1:1: error wrong-type"),
    "front matter is a list": ({"cases/l.md": "---\n- a\n---\n正文\n"}, "cases/l.md:2:1: error wrong-type"),
    "front matter never closed": ({"cases/x.md": "---\nid: x\n"}, "cases/x.md:1:1: error front-matter"),
    "tab indentation": ({"quizzes/tab.yml": "bank: tab\ntitle: t\ntype: jia-shixi\nquestions:\n\t- id: x\n"},
                        "quizzes/tab.yml:5:1: error yaml-syntax"),
    "GB18030 file": ({"cases/gb.md": "---\nid: gb\ntitle: 国标编码\n---\n正文\n".encode("gb18030")},
                     "cases/gb.md:3:8: error encoding"),
    "binary file": ({"quizzes/bin.yml": b"bank: x\n\x00\x01\xff\xfe"}, "quizzes/bin.yml:2:3: error encoding"),
    "billion laughs": ({"quizzes/laughs.yml": laughs()}, "quizzes/laughs.yml:5:"),
    "recursive alias": ({"quizzes/rec.yml": "bank: rec\ntitle: t\ntype: jia-shixi\nquestions: &q [*q]\n"},
                        "quizzes/rec.yml:4:12: error yaml-alias"),
    "nesting 300 deep": ({"quizzes/deep.yml": nested(300)}, "quizzes/deep.yml:105:201: error yaml-depth"),
    "flow nesting 900 deep": ({"quizzes/deep.yml": "bank: deep\ntitle: t\ntype: jia-shixi\nquestions: []\nx: "
                               + "[" * 900 + "]" * 900 + "\n"}, "quizzes/deep.yml:5:"),
    "CRLF and BOM, error at its line": (
        {BANK: lambda t: "\ufeff" + t.replace("answer: ABD", "answer: ABZ").replace("\n", "\r\n")},
        "quizzes/sushe.yml:29:13: error answer-unreadable"),
    "old Mac line ends": ({BANK: lambda t: t.replace("answer: ABD", "answer: ABZ").replace("\n", "\r")},
                          "quizzes/sushe.yml:29:13: error answer-unreadable"),
    "duplicate key": (dict([edit(CASE, "loss: 300", "loss: 300\nloss: 400")]), f"{CASE}:8:1: error duplicate-key"),
    "case id index": ({"cases/index.md": lambda t: t}, "cases/index.md:2:5: error reserved-id"),
    "type id index": (dict([edit("taxonomy.yml", "id: zufang-yajin", "id: index")]),
                      "taxonomy.yml:10:9: error reserved-id"),
    "sign-in sheet of a hundred million rows": (dict([edit(KIT, "agenda:", "signin_rows: 100000000\nagenda:")]),
                                                f"{KIT}:5:14: error wrong-value"),
    "300 quiz versions": (dict([edit(KIT, "seed: 3}", "seed: 3, versions: ["
                                     + ", ".join(f"V{i}" for i in range(300)) + "]}")]),
                          f"{KIT}:14:53: error wrong-value"),
    "unknown placeholder in a case": (dict([edit(CASE, "summary: 有人", "summary: '{{ college.nope }}'\ntags2: 有人")]),
                                      f"{CASE}:11:11: error unknown-placeholder"),
    "month 13": (dict([edit(CASE, "date: 2025-09", "date: 2025-13")]), f"{CASE}:6:7: error bad-date"),
    "30 February": (dict([edit(CASE, "date: 2025-09", "date: 2025-09\nreview_by: 2027-02-30")]),
                    f"{CASE}:7:12: error bad-date"),
    "a title of zero-width characters": (
        dict([edit(CASE, "title: 宿舍群里的“空调押金”", 'title: "\\u200b\\ufeff\\u2060"')]), f"{CASE}:3:8: error empty-text"),
    "1e400 minutes": (dict([edit(KIT, "minutes: 20", "minutes: 1e400")]), f"{KIT}:4:10: error wrong-type"),
}


def make_root(tmp_path: Path, files: dict[str, Any]) -> Path:
    root = copy(OTHER, tmp_path / "root")
    for rel, content in files.items():
        path = root / rel
        if content is None:
            path.unlink()
            continue
        if callable(content):
            source = root / (CASE if rel == "cases/index.md" else rel)
            content = content(source.read_text(encoding="utf-8"))
            if rel == "cases/index.md":
                content = content.replace("id: maochong-suguan-kongtiao", "id: index")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return root


def validate(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code, out, err = call(["validate", "--root", str(root)], capsys)
    return code, out + err


@pytest.mark.parametrize("name", list(BROKEN))
def test_validate_names_file_and_line(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files, expected = BROKEN[name]
    code, out = validate(make_root(tmp_path, files), capsys)
    assert code == 1, out
    assert expected in out, out
    assert "Traceback" not in out and "internal error" not in out


def test_merge_keys_are_merged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`<<: *base` (YAML 1.1 merge) brings its keys in; the item's own keys win."""
    bank = ("base: &base {kind: judge, answer: true, explanation: 继承来的解析。, stem: 被覆盖的题干}\n"
            "bank: hebing\ntitle: 合并键\ntype: jia-shixi\nquestions:\n"
            "  - <<: *base\n    id: hebing-1\n    stem: 合并键写出的判断题题干，答案来自锚点。\n")
    code, out = validate(make_root(tmp_path, {"quizzes/hebing.yml": bank}), capsys)
    assert code == 0, out
    assert "missing-key" not in out
    from build_tools import core
    q = core.validate(tmp_path / "root").kb.banks["hebing"].questions[0]
    assert (q.kind, q.answer, q.stem) == ("judge", True, "合并键写出的判断题题干，答案来自锚点。")


def test_billion_laughs_stops_quickly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import time
    root = make_root(tmp_path, {"quizzes/laughs.yml": laughs()})
    start = time.perf_counter()
    code, out = validate(root, capsys)
    assert code == 1 and "yaml-alias" in out
    assert time.perf_counter() - start < 5


# --- every command on broken content: exit 1, file and line named, output untouched --------------------

BROKEN_BANK = {BANK: lambda t: t.replace("answer: ABD", "answer: ABZ")}
WHERE = "quizzes/sushe.yml:29:13: error answer-unreadable"


@pytest.fixture(scope="module")
def broken_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_root(tmp_path_factory.mktemp("broken"), BROKEN_BANK)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def previous_output(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("earlier build", encoding="utf-8")
    (out / "kits").mkdir()
    (out / "kits" / "keep.txt").write_text("keep", encoding="utf-8")
    return out


@pytest.mark.parametrize("command", [
    ["build", "--out", "{out}"],
    ["build", "--strict", "--out", "{out}"],
    ["kits", "--out", "{out}"],
    ["export", "--format", "qti", "--out", "{out}/kits/keep.txt"],
    ["paper", "--quota", "maochong-suguan=2", "--seed", "1", "--out", "{out}"],
])
def test_commands_stop_on_content_errors(command: list[str], broken_root: Path, tmp_path: Path) -> None:
    out = previous_output(tmp_path)
    before = snapshot(out)
    proc = run(*[c.format(out=out) for c in command], "--root", str(broken_root))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert WHERE in proc.stdout + proc.stderr
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no half-built folder beside it


def test_import_reports_teacher_lines_and_writes_nothing(tmp_path: Path) -> None:
    text = tmp_path / "题库.txt"
    text.write_bytes("1. 题干一（  ）\r\nA. 甲\r\nB. 乙\r\n答案：B\r\n解析：因为。\r\n\r\n2. 第二题\r\nA. 甲\r\n答案：Z\r\n"
                     "解析：x\r\n".encode("gb18030"))
    target = tmp_path / "new.yml"
    proc = run("import", "--from", "text", str(text), "--bank", "xin", "--type", "jia-shixi", "--out", str(target),
               "--root", str(OTHER))
    assert proc.returncode == 1
    assert f"{text}:7: error options-count" in proc.stdout and f"{text}:9: error answer-unreadable" in proc.stdout
    assert not target.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["题库.txt"]


@pytest.mark.parametrize("data, expected", [
    (b"", ":1: error no-questions"),
    (b"\x90\x00\xff binary", ":1: error encoding"),
])
def test_import_empty_and_binary_files(data: bytes, expected: str, tmp_path: Path) -> None:
    text = tmp_path / "in.txt"
    text.write_bytes(data)
    proc = run("import", "--from", "text", str(text), "--bank", "xin", "--type", "jia-shixi",
               "--out", str(tmp_path / "new.yml"), "--root", str(OTHER))
    assert proc.returncode == 1 and f"{text}{expected}" in proc.stdout
    assert not (tmp_path / "new.yml").exists()


# --- usage and settings: exit 2, nothing written -----------------------------------------------------


@pytest.mark.parametrize("args, message", [
    (["validate", "--root", "/nonexistent-fanzha"], "no such folder"),
    (["validate", "--format", "xml"], "invalid choice"),
    (["kits", "nosuch"], "no kit with id nosuch"),
    (["paper", "--quota", "x=abc"], "--quota x=abc"),
    (["paper", "--quota", "nosuch=1"], "unknown fraud type 'nosuch'"),
    (["export", "--format", "text", "--banks", "nosuch", "--out", "{tmp}/x.txt"], "no such id: nosuch"),
    (["export", "--format", "text", "--out", "{root}/mkdocs.yml"], "mkdocs.yml"),
    (["export", "--format", "text", "--out", "{root}/cases/x.txt"], "content folder cases/"),
    (["export", "--format", "text", "--include-exam", "--out", "{root}/site/x.txt"], "public site/"),
    (["export", "--format", "text", "--out", "{tmp}/afile/x.txt"], "cannot write there"),
    (["import", "--from", "text", "/nonexistent.txt", "--bank", "b", "--type", "jia-shixi", "--out", "{tmp}/b.yml"],
     "no such file"),
    (["import", "--from", "text", "{tmp}/afile", "--bank", "B!", "--type", "jia-shixi", "--out", "{tmp}/b.yml"],
     "--bank B!"),
    (["new", "case", "BAD_ID"], "id 'BAD_ID'"),
    (["new", "case", "maochong-suguan-kongtiao"], "already exists"),
    (["new", "case", "ok", "--type", "nosuch"], "--type nosuch"),
    (["init", "{root}"], "not empty"),
    (["init", "{tmp}/afile/new"], "cannot create a folder"),
    (["build", "--out", "{root}"], "holds the content"),
    (["build", "--out", "{tmp}"], "holds the content"),
    (["build", "--out", "{root}/docs"], "inside the content (docs)"),
    (["build", "--out", "{root}/cases/site"], "inside the content (cases)"),
    (["build", "--out", "{tmp}/afile"], "is not a folder"),
    (["build", "--out", "{tmp}/notes"], "holds folders or a repository"),
    (["build", "--out", "{tmp}/repo"], "holds folders or a repository"),
    (["build", "--out", "{tmp}/afile/site"], "cannot create a folder"),
], ids=lambda v: " ".join(v) if isinstance(v, list) else None)
def test_usage_errors_exit_2_and_write_nothing(args: list[str], message: str, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    here = copy(OTHER, tmp_path / "college")
    (tmp_path / "afile").write_text("a file", encoding="utf-8")
    (tmp_path / "notes" / "2025").mkdir(parents=True)
    (tmp_path / "notes" / "2025" / "mine.txt").write_text("not a site", encoding="utf-8")
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / "mkdocs.yml").write_text("site_name: 另一个站\n", encoding="utf-8")
    before_root, before_tmp = snapshot(here), sorted(p.name for p in tmp_path.iterdir())
    argv = [a.format(root=here, tmp=tmp_path) for a in args]
    if "--root" not in argv and argv[0] != "init":
        argv += ["--root", str(here)]
    code, out, err = call(argv, capsys)
    assert code == 2, out + err
    assert message in err, err
    assert snapshot(here) == before_root
    assert sorted(p.name for p in tmp_path.iterdir()) == before_tmp
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "a file"


SETTINGS: dict[str, tuple[Any, str]] = {
    "unknown setting": (lambda t: t.replace("pass_mark: 70", "pass_mark: 70\n    colege_name: x"),
                        "extra.fanzha.colege_name: unknown setting"),
    "settings are a list": (lambda t: t.replace("  fanzha:\n", "  fanzha: []\n  old:\n"),
                            "extra.fanzha: expected a mapping of settings, found list"),
    "number as text": (lambda t: t.replace("pass_mark: 70", "pass_mark: '70'"),
                       "extra.fanzha.pass_mark: expected a number, found '70'"),
    "reading rate out of range": (lambda t: t.replace("reading_rate: 220", "reading_rate: 0"),
                                  "extra.fanzha.reading_rate: expected a number above 60"),
    "YAML syntax error": (lambda t: t.replace("  name: material", "  name: material\n   x: ["),
                          "mkdocs.yml:7:5: YAML syntax error"),
    "GBK mkdocs.yml": (lambda t: t.encode("gb18030"), "mkdocs.yml:3: expected UTF-8 text"),
    "empty mkdocs.yml": (lambda t: "", "mkdocs.yml: expected a mapping of settings"),
    "control character in mkdocs.yml": (lambda t: t.replace("  name: material", "  name: mat\x1berial"),
                                        "mkdocs.yml:6:12: character U+001B is not allowed in YAML"),
    "javascript: site_url": (lambda t: t.replace("site_url: https://anquan.donghu-college.test/",
                                                 "site_url: 'javascript:alert(1)//'"),
                             "mkdocs.yml: site_url: expected an address starting with http:// or https://"),
}


@pytest.mark.parametrize("name", list(SETTINGS))
def test_settings_errors_exit_2(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    change, message = SETTINGS[name]
    root = make_root(tmp_path, {"mkdocs.yml": change((OTHER / "mkdocs.yml").read_text(encoding="utf-8"))})
    code, out = validate(root, capsys)
    assert code == 2 and message in out, out


def test_build_without_the_plugin_is_refused(tmp_path: Path) -> None:
    """A mkdocs.yml without `plugins: [fanzha]` used to give a bare site and exit 0."""
    root = make_root(tmp_path, {"mkdocs.yml": lambda t: t.replace("plugins:\n  - fanzha\n", "")})
    proc = run("build", "--root", str(root), "--out", str(tmp_path / "site"))
    assert proc.returncode == 2 and "fanzha plugin is not enabled" in proc.stderr
    assert not (tmp_path / "site").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["root"]


def test_huge_and_pathological_files_validate_quickly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A 2 MB case and a clip full of unclosed '<!--', '<' and '](' (the spoken-length estimate was quadratic:
    80 KB of '<!--' took 7 s, a few hundred KB hours)."""
    import time
    body = ("同学宿舍兼职转账，骗子要验证码。" * 8 + "\n\n") * 16000
    clip = "---\nid: patho\ntitle: 病态讲稿\ntype: jia-shixi\nseconds: 60\n---\n" + "<!--a<b](c![d" * 40000
    root = make_root(tmp_path, {"cases/huge.md": "---\nid: huge\ntitle: 大文件\ntype: jia-shixi\naudience: [学生]\n"
                                "date: 2025-01\nsources: [编写示例]\n---\n" + body, "clips/patho.md": clip})
    start = time.perf_counter()
    code, out = validate(root, capsys)
    assert time.perf_counter() - start < 10
    assert code == 1 and "clips/patho.md:5:10: error clip-length" in out


@pytest.mark.parametrize("page, expected", [
    ("# 首页\n\n国标编码的页面\n".encode("gb18030"), "docs/index.md:1:3: error encoding"),
    ("# 首页\n\n`{{ college.nope }}` 可以写在代码里，这里不行：{{ college.nope }}\n",
     "docs/index.md:3:35: error unknown-placeholder"),
], ids=["GB18030", "unknown placeholder"])
def test_hand_written_pages_are_checked(page: Any, expected: str, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """A GB18030 docs page passed validate, then `fanzha build` ended in an internal error (exit 3)."""
    root = make_root(tmp_path, {"docs/index.md": page})
    code, out = validate(root, capsys)
    assert code == 1 and expected in out, out
    code, stdout, _stderr = call(["build", "--root", str(root), "--out", str(tmp_path / "site")], capsys)
    assert code == 1 and expected in stdout
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("spec, expected", [
    ("title: t\nquotas: {jia-shixi: 1\n", "paper.yml:3:1: error yaml-syntax"),
    ("a: &a [*a]\nquotas: {jia-shixi: 1}\n", "paper.yml:1:4: error yaml-alias"),
    ("- jia-shixi\n", "paper.yml:1:1: expected a mapping"),
    ("quotas: {jia-shixi: {single: x}}\n", "paper.yml:1:30: quotas.jia-shixi.single: expected a whole number"),
], ids=["syntax", "recursive alias", "list", "bad quota"])
def test_paper_spec_errors_name_the_line(spec: str, expected: str, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "paper.yml"
    path.write_text(spec, encoding="utf-8")
    code, _, err = call(["paper", "--root", str(OTHER), "--spec", str(path), "--out", str(tmp_path / "out")], capsys)
    assert code == 1 and f"{tmp_path}/{expected}" in err, err
    assert not (tmp_path / "out").exists()


def test_one_id_for_every_kind_of_item(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Ids are unique within a kind only: a type, case, clip, bank and kit may share one, each with its page."""
    from build_tools import core, pages
    from build_tools.site import Site

    same = "tongming"
    files = {
        "taxonomy.yml": lambda t: t + f"  - id: {same}\n    name: 同名类型\n    group: other\n    summary: 同名测试。\n",
        f"cases/{same}.md": lambda t: t.replace("id: maochong-suguan-kongtiao", f"id: {same}"),
        f"clips/{same}.md": (OTHER / "clips" / "suguan-60s.md").read_text(encoding="utf-8")
        .replace("id: suguan-60s", f"id: {same}"),
        f"quizzes/{same}.yml": f"bank: {same}\ntitle: 同名题库\ntype: {same}\nquestions:\n  - id: {same}-1\n"
                               "    kind: judge\n    stem: 同名的题库也有自己的页面。\n    answer: true\n    explanation: 各有各的网址。\n",
        f"kits/{same}.yml": (OTHER / "kits" / "biye-qiuzhi.yml").read_text(encoding="utf-8")
        .replace("id: biye-qiuzhi", f"id: {same}"),
    }
    root = make_root(tmp_path, {k: v for k, v in files.items() if k != f"cases/{same}.md"})
    (root / "cases" / f"{same}.md").write_text(files[f"cases/{same}.md"](
        (OTHER / "cases" / "maochong-suguan-kongtiao.md").read_text(encoding="utf-8")), encoding="utf-8")
    code, out = validate(root, capsys)
    assert code == 0, out
    generated = pages.generate(Site.of(core.validate(root)), {})
    assert {f"{section}/{same}.md" for section in ("types", "cases", "clips", "quizzes", "kits")} <= set(generated)
