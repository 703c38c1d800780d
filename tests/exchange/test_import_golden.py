"""Golden fixtures for `fanzha import --from text`.

import/ok/NAME.txt   a teacher's file that must import; NAME.yml holds the encoding and the
                     questions it must give (kind, stem, options, answer, explanation).
import/bad/NAME.txt  a broken file; NAME.expected holds the exact lines printed for it.

Set FANZHA_UPDATE_GOLDEN=1 to rewrite the expected files from the current output, then
read the diff: a golden file is only as good as the review it got.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from build_tools.exchange import text_import
from build_tools.model import LETTERS

from ..conftest import Golden

HERE = Path(__file__).parent / "import"
OK = sorted((HERE / "ok").glob("*.txt"))
BAD = sorted((HERE / "bad").glob("*.txt"))


def as_data(result: text_import.ImportResult) -> dict[str, Any]:
    questions = []
    for q in result.questions:
        answer = q.answer if isinstance(q.answer, bool) else "".join(LETTERS[i] for i in q.answer)
        entry: dict[str, Any] = {"kind": q.kind, "stem": q.stem}
        if q.options:
            entry["options"] = q.options
        entry.update(answer=answer, explanation=q.explanation)
        questions.append(entry)
    return {"encoding": result.encoding, "questions": questions}


@pytest.mark.parametrize("source", OK, ids=[p.stem for p in OK])
def test_teachers_text_imports(source: Path, golden: Golden) -> None:
    result = text_import.parse_bytes(source.read_bytes())
    assert [p.format(source.name) for p in result.problems] == []
    expected = source.with_suffix(".yml")
    if golden.update:
        golden.write(expected, yaml.safe_dump(as_data(result), allow_unicode=True, sort_keys=False))
        return
    assert as_data(result) == yaml.safe_load(expected.read_text(encoding="utf-8"))


@pytest.mark.parametrize("source", BAD, ids=[p.stem for p in BAD])
def test_broken_text_gives_exact_errors(source: Path, golden: Golden) -> None:
    allow = "allow-missing-explanation" in source.stem
    result = text_import.parse_bytes(source.read_bytes(), allow_missing_explanation=allow)
    got = [p.format(source.name) for p in result.problems]
    expected = source.with_suffix(".expected")
    if golden.update:
        golden.write(expected, "".join(f"{line}\n" for line in got))
        return
    assert got == expected.read_text(encoding="utf-8").splitlines()
    assert got, "a broken fixture must give at least one problem"
