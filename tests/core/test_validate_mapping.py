"""`core.validate` on a mapping of files (relative path -> text): the same model and problems as the
folder they stand for, nothing read from disk (what `fanzha import` validates a new bank with)."""
from __future__ import annotations

from pathlib import Path

from build_tools import core
from build_tools.load.content import load_root, mapping_files, source_files
from build_tools.settings import Settings

from .helpers import SHUADAN_BANK_HEAD, TODAY, make_tree

PLANTED = Path(__file__).parent / "planted"
QUESTION = """  - id: {id}
    kind: single
    stem: 刷单先垫付，能信吗？{n}
    options: [能, 不能]
    answer: B
    explanation: 先垫付就是诈骗。
"""


def _as_mapping(root: Path) -> dict[str, bytes]:
    return {rel: path.read_bytes() for rel, path in source_files(root)}


def test_a_mapping_gives_the_folders_problems() -> None:
    on_disk = core.validate(PLANTED, Settings(), today=TODAY)
    in_memory = core.validate(_as_mapping(PLANTED), Settings(), today=TODAY)
    assert on_disk.errors  # the planted mistakes, found both ways
    assert sorted(map(str, in_memory.problems)) == sorted(map(str, on_disk.problems))
    assert sorted(in_memory.kb.banks) == sorted(on_disk.kb.banks)
    assert [q.id for q in in_memory.kb.questions(include_exam=True)] == \
        [q.id for q in on_disk.kb.questions(include_exam=True)]


def test_a_mapping_is_walked_as_the_folder_is(tmp_path: Path) -> None:
    files = {
        "quizzes/b.yml": "x", "quizzes/a/z.yaml": "x", "quizzes/a.yml": "x", "quizzes/_draft.yml": "x",
        "quizzes/.hidden.yml": "x", "quizzes/notes.txt": "x", "cases/k.md": "x", "cases/k.yml": "x",
        "kits/m.yml": "x", "other/q.yml": "x", "taxonomy.yml": "x",
    }
    root = make_tree(tmp_path, files, base=False)
    assert mapping_files(files) == [rel for rel, _ in source_files(root)]
    assert mapping_files(files)[0] == "taxonomy.yml" and "quizzes/_draft.yml" not in mapping_files(files)


def test_text_in_memory_is_read_as_a_file_is(tmp_path: Path) -> None:
    bank = SHUADAN_BANK_HEAD + QUESTION.format(id="q-1", n=1) + QUESTION.format(id="q-1", n=2)
    crlf = "\ufeff" + bank.replace("\n", "\r\n")
    root = make_tree(tmp_path, {"quizzes/shuadan.yml": crlf.encode("utf-8")})
    files = _as_mapping(root)
    as_text = {rel: data.decode("utf-8") for rel, data in files.items()}
    on_disk = sorted(map(str, core.validate(root, Settings(), today=TODAY).problems))
    assert any("duplicate" in line and "q-1" in line for line in on_disk)
    for mapping in (files, as_text):
        assert sorted(map(str, core.validate(mapping, Settings(), today=TODAY).problems)) == on_disk
    assert load_root(as_text).texts == load_root(root).texts


def test_an_unreadable_or_missing_file_is_reported_like_on_disk() -> None:
    result = core.validate({"quizzes/shuadan.yml": b"bank: \xff\n"}, Settings(), today=TODAY)
    codes = sorted((p.path, p.code) for p in result.errors)
    assert codes == [("quizzes/shuadan.yml", "encoding"), ("taxonomy.yml", "missing-file")]
    assert result.kb.programme is None
