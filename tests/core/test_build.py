"""`fanzha build` and the MkDocs plugin: same messages, atomic output, scaffolding commands."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import yaml

from build_tools.jsonschema_export import render

from ..conftest import REPO, fanzha
from .helpers import make_tree

PLANTED = Path(__file__).parent / "planted"

SMALL = {
    "cases/shuadan-a.md": "---\nid: shuadan-a\ntitle: 寝室里的刷单\ntype: shuadan\naudience: [学生]\ndate: 2025-03\n"
                          "sources: [编写示例]\n---\n## 经过\n\n小王在寝室里接了刷单兼职，先垫付后被骗。\n",
    "clips/shuadan-60s.md": "---\nid: shuadan-60s\ntitle: 60秒看懂刷单\ntype: shuadan\nseconds: 10\n---\n"
                            "兼职刷单先让你垫钱，后面说返你佣金，其实都是骗局，拿不准就打 96110 问一问。\n",
    "quizzes/shuadan.yml": "bank: shuadan\ntitle: 刷单返利\ntype: shuadan\nquestions:\n"
                           "  - {id: s-1, kind: judge, stem: 刷单先垫钱是正常的。, answer: 错, explanation: 先垫钱的刷单都是诈骗。}\n",
}


def _mkdocs_build(root: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(out)], cwd=root,
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def test_mkdocs_build_fails_with_the_validator_messages(tmp_path: Path) -> None:
    proc = _mkdocs_build(PLANTED, tmp_path / "out")
    assert proc.returncode != 0
    logged = re.findall(r"^(?:ERROR|WARNING) +- +fanzha: (.*)$", proc.stderr, re.M)
    expected = fanzha("validate", "--root", str(PLANTED)).stdout.splitlines()
    assert logged == expected
    assert "content error(s)" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_build_is_atomic(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "root", SMALL)
    out = tmp_path / "out"
    assert fanzha("build", "--root", str(root), "--out", str(out)).returncode == 0
    assert (out / "index.html").is_file()
    (out / "marker.txt").write_text("previous build", encoding="utf-8")
    before = sorted(p.relative_to(out) for p in out.rglob("*"))

    # a content error: nothing is built
    (root / "quizzes" / "shuadan.yml").write_text("bank: [\n", encoding="utf-8")
    proc = fanzha("build", "--root", str(root), "--out", str(out))
    assert proc.returncode == 1 and "yaml-syntax" in proc.stdout
    # a failure inside the MkDocs stage: an unknown placeholder in a page
    make_tree(root, {**SMALL, "docs/index.md": "# 首页 {{ college.nope }}\n"})
    proc = fanzha("build", "--root", str(root), "--out", str(out))
    assert proc.returncode == 1 and "college.nope" in proc.stderr + proc.stdout
    assert "Traceback" not in proc.stderr

    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert (out / "marker.txt").read_text(encoding="utf-8") == "previous build"
    assert [p.name for p in tmp_path.iterdir()] == ["root", "out"] or sorted(p.name for p in tmp_path.iterdir()) == ["out", "root"]


def test_placeholders_filled_from_settings(tmp_path: Path) -> None:
    settings = "\nextra:\n  fanzha:\n    college_name: 示例职业技术学院\n    security_phone: 0000-1234\n"
    root = make_tree(tmp_path / "root", {**SMALL, "docs/index.md": "# {{ college.name }}\n\n值班电话 {{college.security_phone}}；"
                                         "写法：`{{ college.name }}`\n"})
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text(encoding="utf-8") + settings, encoding="utf-8")
    assert fanzha("build", "--root", str(root), "--out", str(tmp_path / "out")).returncode == 0
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "示例职业技术学院" in html and "值班电话 0000-1234" in html
    assert "{{ college.name }}" in html  # left alone inside code


def test_new_items_validate_and_never_overwrite(tmp_path: Path) -> None:
    root = make_tree(tmp_path, {})
    for kind, path in [("case", "cases/t-case.md"), ("clip", "clips/t-clip.md"), ("bank", "quizzes/t-bank.yml"),
                       ("kit", "kits/t-kit.yml")]:
        proc = fanzha("new", kind, f"t-{kind}", "--type", "gongjianfa", "--root", str(root))
        assert (proc.returncode, proc.stdout.strip()) == (0, path)
    proc = fanzha("validate", "--root", str(root))
    assert (proc.returncode, proc.stdout) == (0, "")
    before = (root / "cases/t-case.md").read_bytes()
    proc = fanzha("new", "case", "t-case", "--root", str(root))
    assert proc.returncode == 2 and "already exists" in proc.stderr
    assert (root / "cases/t-case.md").read_bytes() == before
    assert fanzha("new", "case", "Bad_Id", "--root", str(root)).returncode == 2


def test_init_makes_a_repository_that_validates(tmp_path: Path) -> None:
    target = tmp_path / "college"
    proc = fanzha("init", str(target))
    assert proc.returncode == 0, proc.stderr
    for name in ("mkdocs.yml", "taxonomy.yml", "cases", "clips", "quizzes", "kits", "docs"):
        assert (target / name).exists()
    assert fanzha("validate", "--root", str(target)).returncode == 0
    proc = fanzha("init", str(target))
    assert proc.returncode == 2 and "not empty" in proc.stderr


def test_committed_schemas_are_current() -> None:
    for name, text in render().items():
        assert (REPO / "schemas" / name).read_text(encoding="utf-8") == text, f"run `fanzha schema` ({name})"


def test_default_content_matches_json_schemas() -> None:
    load = lambda name: json.loads((REPO / "schemas" / name).read_text(encoding="utf-8"))  # noqa: E731
    for folder, schema in (("quizzes", "bank.schema.json"), ("kits", "kit.schema.json")):
        for path in sorted((REPO / folder).glob("*.yml")):
            jsonschema.validate(_jsonable(yaml.safe_load(path.read_text(encoding="utf-8"))), load(schema))
    for folder, schema in (("cases", "case.schema.json"), ("clips", "clip.schema.json")):
        for path in sorted((REPO / folder).glob("*.md")):
            meta = path.read_text(encoding="utf-8").split("---\n")[1]
            jsonschema.validate(_jsonable(yaml.safe_load(meta)), load(schema))
    jsonschema.validate(yaml.safe_load((REPO / "taxonomy.yml").read_text(encoding="utf-8")), load("taxonomy.schema.json"))


def test_json_schema_rejects_a_broken_bank() -> None:
    schema = json.loads(render()["bank.schema.json"])
    bad = {"bank": "b", "title": "t", "type": "shuadan", "questions": [{"id": "X_1", "kind": "singel"}]}
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(bad))
    assert errors


def _jsonable(data: object) -> object:
    """YAML dates become ISO strings, as an editor sees them."""
    return json.loads(json.dumps(data, default=str))


def test_serve_watches_every_source_folder(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from build_tools.plugin import FanzhaPlugin

    root = make_tree(tmp_path, {**SMALL, "kits/.keep": ""})
    watched: list[str] = []
    server = SimpleNamespace(watch=watched.append)
    FanzhaPlugin().on_serve(server, config=SimpleNamespace(config_file_path=str(root / "mkdocs.yml")), builder=None)
    assert sorted(Path(w).name for w in watched) == ["cases", "clips", "kits", "quizzes", "taxonomy.yml"]


def test_plugin_brings_markdown_extensions(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "root", {**SMALL, "docs/index.md": "# 首页\n\n!!! danger \"正在被骗？\"\n    立即拨打 110。\n"})
    assert fanzha("build", "--root", str(root), "--out", str(tmp_path / "out")).returncode == 0
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'class="admonition danger"' in html and "!!!" not in html
