"""Shortcuts taken for speed at 10,000 questions change nothing that validation reports."""
from __future__ import annotations

import random
import re

import pytest

from build_tools.checks import personal
from build_tools.load import yamlpos
from build_tools.load.content import source_files
from build_tools.load.frontmatter import split_front_matter

from ..conftest import REPO

PIECES = ["1", "3", "8", "9", "0", "X", "-", " ", "１", "８", "٣", "：", "号", "a", "\n"]


def _numbers_text(rng: random.Random) -> str:
    """Chinese text with runs of digits (ASCII, full-width, Arabic-Indic), separators and letters."""
    out = []
    for _ in range(rng.randint(1, 30)):
        out.append(rng.choice(["卡号", "电话", "身份证", "，", "金额 12000 元"]))
        out.append("".join(rng.choice(PIECES) for _ in range(rng.randint(0, 24))))
    return "".join(out)


@pytest.mark.parametrize("seed", range(20))
def test_personal_data_quick_search_finds_the_same(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(seed)
    texts = [_numbers_text(rng) for _ in range(300)]
    texts += ["13812345678", "138-1234-5678", "6222 0212 3456 7890 128", "11010519491231002X"]
    fast = [list(personal.find(t)) for t in texts]
    monkeypatch.setattr(personal, "_ANY", re.compile(""))  # every text searched with all three patterns
    assert fast == [list(personal.find(t)) for t in texts]
    assert any(fast)


YAML_SAMPLES = [
    "a: !!str 12\nb: '12'\nc: 12\nd: 2025-03\ne: 2025-03-01\nf: true\ng: ~\nh: [x, 1, 1.5, 'y']\n",
    "k: !!binary aGVsbG8=\nl: 2025-02-30\nm: 0x1F\nn: .inf\no: \"引号\"\np: |\n  多行\n  文本\n",
    "- {id: a, answer: B}\n- {id: b, answer: [A, C]}\n- {id: c, answer: 对}\n",
]


def _docs() -> list[tuple[str, str]]:
    docs = [(f"sample{i}.yml", t) for i, t in enumerate(YAML_SAMPLES)]
    for rel, path in source_files(REPO):
        text = path.read_text(encoding="utf-8")
        docs.append((rel, split_front_matter(text, rel)[0].meta and text.split("\n---\n", 1)[0][4:]
                     if rel.endswith(".md") else text))
    return docs


def test_yaml_string_shortcut_reads_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _docs()
    assert len(docs) > 50
    fast = [yamlpos.parse_yaml(text, rel) for rel, text in docs]
    monkeypatch.setattr(yamlpos, "_STR", object())  # every scalar through PyYAML's constructor
    slow = [yamlpos.parse_yaml(text, rel) for rel, text in docs]
    for (rel, _), (fd, fp), (sd, sp) in zip(docs, fast, slow):
        assert (fd.data, fd.marks, fd.key_marks, fp) == (sd.data, sd.marks, sd.key_marks, sp), rel


def test_a_command_imports_only_what_it_needs() -> None:
    """`fanzha validate` does not pay for importing every other command (openpyxl, WeasyPrint...)."""
    import subprocess
    import sys
    code = ("import sys; from build_tools import cli; cli.build_parser('validate'); "
            "print(sorted(m for m in sys.modules if m.startswith('build_tools.commands.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True).stdout
    assert out.strip() == "['build_tools.commands._common', 'build_tools.commands.validate']"
    everything = subprocess.run([sys.executable, "-c", code.replace("'validate'", "None")], capture_output=True,
                                text=True, cwd=REPO, check=True).stdout
    assert "build_tools.commands.build" in everything and "build_tools.commands.import_" in everything
