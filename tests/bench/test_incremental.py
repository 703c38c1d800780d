"""fanzha serve's incremental rebuild (build_tools/incremental.py): an edit re-reads one file and
re-renders only the pages it touches, and the result is the same as reading and generating it all."""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from build_tools import core, incremental, pages
from build_tools.bench.corpus import CorpusSpec, write_corpus
from build_tools.site import Site

from ..conftest import REPO

HOSTILE = REPO / "tests" / "robustness" / "fixtures" / "hostile"


def _same(a: core.Result, b: core.Result) -> None:
    assert [str(p) for p in a.problems] == [str(p) for p in b.problems]
    for table in incremental._TABLES:
        assert list(getattr(a.kb, table)) == list(getattr(b.kb, table)), table
    assert [type(x).__name__ + x.id for x in a.loaded.shadowed] == [type(x).__name__ + x.id for x in b.loaded.shadowed]


def _touch(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))  # a new stamp even on a coarse clock


def test_cached_reading_gives_what_a_whole_validation_gives(tmp_path: Path) -> None:
    root = tmp_path / "hostile"
    shutil.copytree(HOSTILE, root)
    settings = core.validate(root).settings
    cache = incremental.SourceCache(root)
    loaded, changed = cache.load()
    assert changed == {rel for rel, _ in incremental.source_files(root)}
    _same(incremental.check(loaded, root, settings), core.validate(root, settings))
    assert cache.load()[1] == set()  # nothing read again when nothing changed

    # a second file defining an existing case id: a duplicate, found across the cached and the new reading
    first = sorted((root / "cases").glob("*.md"))[0]
    copy = root / "cases" / "zz-copy.md"
    copy.write_text(first.read_text(encoding="utf-8"), encoding="utf-8")
    loaded, changed = cache.load()
    assert changed == {"cases/zz-copy.md"}
    again = incremental.check(loaded, root, settings)
    _same(again, core.validate(root, settings))
    assert any(p.path == "cases/zz-copy.md" for p in again.problems)
    # after an edit the near-duplicate checks (warnings only) run once the page is shown: nothing lost
    quick = incremental.check(loaded, root, settings, skip=incremental.WARNINGS_LATER)
    late = incremental.late_problems(quick, incremental.WARNINGS_LATER)
    assert not any(p.is_error for p in late)
    assert sorted(set(quick.problems) | set(late)) == again.problems

    copy.unlink()
    loaded, changed = cache.load()
    assert changed == {"cases/zz-copy.md"}
    _same(incremental.check(loaded, root, settings), core.validate(root, settings))


def _checked_corpus(tmp_path: Path, spec: CorpusSpec) -> tuple[Path, incremental.SourceCache, Any, Any]:
    """A generated corpus, its source cache, its settings and the cache's first checked result."""
    root = write_corpus(REPO, tmp_path / "c", spec).root
    cache = incremental.SourceCache(root)
    settings = core.validate(root).settings
    return root, cache, settings, incremental.check(cache.load()[0], root, settings)


def test_an_edit_renders_only_its_pages_and_they_match_a_whole_generate(tmp_path: Path) -> None:
    root, cache, settings, before = _checked_corpus(tmp_path, CorpusSpec(cases=8, questions=60, kits=1, seed=3))
    previous = pages.generate(Site.of(before), {})

    case = sorted((root / "cases").glob("*.md"))[0]
    text = case.read_text(encoding="utf-8")
    _touch(case, text.replace("\n## 经过\n", "\n## 经过\n\n改动后的一句话。\n", 1))
    bank = sorted((root / "quizzes").glob("*.yml"))[0]
    _touch(bank, bank.read_text(encoding="utf-8").replace("title: ", "title: 改过的", 1))
    loaded, changed = cache.load()
    assert changed == {f"cases/{case.name}", f"quizzes/{bank.name}"}
    after = incremental.check(loaded, root, settings)
    wanted = incremental.touched_pages(before.kb, after.kb, changed)
    assert wanted is not None and f"cases/{case.stem}" + ".md" in wanted
    cid = next(c for c in after.kb.cases.values() if c.path == f"cases/{case.name}")
    assert f"types/{cid.type}.md" in wanted and "cases/index.md" in wanted

    rendered: list[str] = []
    original = pages.render.Renderer.page

    def spy(self, src_uri, *a, **kw):  # type: ignore[no-untyped-def]
        rendered.append(src_uri)
        return original(self, src_uri, *a, **kw)

    pages.render.Renderer.page = spy  # type: ignore[method-assign]
    try:
        with incremental.only_pages(wanted, previous):
            quick = pages.generate(Site.of(after), {})
    finally:
        pages.render.Renderer.page = original  # type: ignore[method-assign]
    assert set(rendered) <= wanted and len(rendered) < len(previous) // 2
    assert quick == pages.generate(Site.of(after), {})  # the same pages as a whole generate
    assert "改动后的一句话" in quick[f"cases/{cid.id}.md"]


def test_other_edits_rebuild_the_whole_site(tmp_path: Path) -> None:
    root, cache, settings, before = _checked_corpus(tmp_path, CorpusSpec(cases=4, questions=20, kits=1, seed=5))
    taxonomy = root / "taxonomy.yml"
    _touch(taxonomy, taxonomy.read_text(encoding="utf-8") + "\n")
    loaded, changed = cache.load()
    assert changed == {"taxonomy.yml"}
    assert incremental.touched_pages(before.kb, incremental.check(loaded, root, settings).kb, changed) is None
    case = sorted((root / "cases").glob("*.md"))[0]
    text = case.read_text(encoding="utf-8")
    _touch(case, text.replace("\nid: ", "\nid: renamed-", 1))  # an id changed: links everywhere change
    loaded, changed = cache.load()
    assert incremental.touched_pages(before.kb, incremental.check(loaded, root, settings).kb, changed) is None
