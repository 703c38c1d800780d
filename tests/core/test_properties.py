"""Property tests: random and mangled content never crashes the validator; it reports instead."""
from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.problem import Problem

from .helpers import lines, make_tree

_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=False),
                     st.text(max_size=30), st.sampled_from(["A", "ACD", "对", "×", "2025-13", "shuadan", "", "  "]))
_values = st.recursive(_scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                       st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=12)
_keys = st.sampled_from(["id", "kind", "stem", "options", "answer", "explanation", "case", "type", "exam_only",
                         "difficulty", "bank", "title", "questions", "agenda", "minutes", "quiz", "clip", "seconds",
                         "date", "audience", "sources", "review_by", "loss", "zzz"])
_items = st.dictionaries(_keys, _values, max_size=8)
_banks = st.fixed_dictionaries({"bank": st.sampled_from(["b1", "B 1", 3]), "type": st.sampled_from(["shuadan", "x"]),
                                "questions": st.one_of(st.lists(_items, max_size=5), _values)}, optional={"title": _values})
_SETTINGS = {"max_examples": 60, "deadline": None, "suppress_health_check": [HealthCheck.too_slow]}


def _check(files: dict[str, str | bytes]) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        out = lines(make_tree(Path(tmp), files))
    for line in out:  # every line has the linter shape
        _path, ln, col, rest = line.split(":", 3)
        assert int(ln) >= 1 and int(col) >= 1 and rest.split()[0] in ("error", "warning")
    return out


@given(_banks)
@settings(**_SETTINGS)
def test_random_banks(bank: dict) -> None:
    _check({"quizzes/b1.yml": yaml.safe_dump(bank, allow_unicode=True)})


@given(_items, st.text(max_size=200))
@settings(**_SETTINGS)
def test_random_front_matter(meta: dict, body: str) -> None:
    _check({"cases/c.md": "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body,
            "clips/c.md": "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body})


@given(st.dictionaries(_keys, _values, max_size=8), st.lists(_items, max_size=4))
@settings(**_SETTINGS)
def test_random_kits(kit: dict, agenda: list) -> None:
    kit = {**kit, "agenda": agenda}
    _check({"kits/k.yml": yaml.safe_dump(kit, allow_unicode=True)})


@given(st.binary(max_size=300), st.integers(0, 299))
@settings(**_SETTINGS)
def test_mangled_bytes(data: bytes, cut: int) -> None:
    good = ("bank: shuadan\ntitle: 刷单\ntype: shuadan\nquestions:\n  - id: s-1\n    kind: single\n"
            "    stem: 题干\n    options: [甲, 乙]\n    answer: A\n    explanation: 解析\n").encode()
    mangled = good[:cut] + data + good[cut:]
    out = _check({"quizzes/shuadan.yml": mangled, "cases/x.md": mangled})
    assert isinstance(out, list)


def test_problem_sorting_is_total() -> None:
    a = Problem("a.yml", 2, 1, "error", "x", "m")
    b = Problem("a.yml", 10, 1, "error", "x", "m")
    assert sorted([b, a]) == [a, b]  # by line number, not as text
