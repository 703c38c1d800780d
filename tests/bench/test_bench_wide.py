"""The bench's wide corpus (cases of many lengths and shapes, banks of many sizes) and the figures the
bench derives for the search index and for two corpora side by side (nothing is timed here)."""
from __future__ import annotations

import re
from pathlib import Path

from build_tools import core
from build_tools.bench import report, run
from build_tools.bench.corpus import CorpusSpec, write_corpus

from ..conftest import REPO
from .test_bench import _digest


def test_wide_corpus_varies_lengths_shapes_and_bank_sizes_and_is_valid(tmp_path: Path) -> None:
    one = write_corpus(REPO, tmp_path / "one", CorpusSpec(cases=40, questions=400, kits=2, seed=7, kind="wide"))
    two = write_corpus(REPO, tmp_path / "two", CorpusSpec(cases=40, questions=400, kits=2, seed=7, kind="wide"))
    narrow = write_corpus(REPO, tmp_path / "narrow", CorpusSpec(cases=40, questions=400, kits=2, seed=7))
    assert _digest(one.root) == _digest(two.root) != _digest(narrow.root)
    assert one.counts["cases"] == 40 and one.counts["questions"] == 400
    bodies = [p.read_text(encoding="utf-8").split("\n---\n", 1)[1] for p in sorted((one.root / "cases").glob("*.md"))]
    lengths = sorted(len(b) for b in bodies)
    assert lengths[0] < 600 and lengths[-1] > 2500  # the narrow corpus keeps every case within 800–1,500
    assert any("\n### " in b for b in bodies) and any("| 信号 |" in b for b in bodies)
    assert any(re.search(r"^1\. ", b, re.M) for b in bodies) and any("\n    - " in b for b in bodies)
    for b in bodies:  # the four sections are still there, in order
        heads = [line for line in b.splitlines() if line.startswith("## ")]
        assert heads[:4] == ["## 经过", "## 手法解析", "## 识别要点", "## 防范提示"]
    sizes = {p.read_text(encoding="utf-8").count("\n  - id: ") + p.read_text(encoding="utf-8").count("\n- id: ")
             for p in (one.root / "quizzes").glob("*.yml")}
    narrow_sizes = {p.read_text(encoding="utf-8").count("\n  - id: ") + p.read_text(encoding="utf-8").count("\n- id: ")
                    for p in (narrow.root / "quizzes").glob("*.yml")}
    assert len(sizes) > len(narrow_sizes) and len(sizes) >= 4
    result = core.validate(one.root)
    assert result.errors == [], [str(p) for p in result.errors[:5]]


def test_search_index_figures_from_measured_runs() -> None:
    def batch(pages: int, peak: float) -> dict[str, float]:
        return {"pages": pages, "peak_mb": peak, "s": 1.0, "bundle_bytes": 10}
    res = {"whole": batch(1020, 740.0), "english": batch(1020, 185.0), "one": batch(1, 20.0), "loadavg": 1.0,
           "batch_pages": 1000, "batches": [batch(1000, 720.0), batch(20, 33.0)]}
    fig = run.search_index(res)
    assert fig["overhead_mb"] == 20.0 and fig["batched_peak_mb"] == 720.0 and fig["batch_runs"] == 2
    assert fig["batched_s"] == 2.0 and fig["batched_bundle_bytes"] == 20
    assert abs(fig["marginal_mb_per_page"] - 720 / 1020) < 1e-9
    assert abs(fig["segmentation_share"] - 0.75) < 1e-9
    assert round(fig["projected_20000_mb"]) == round(20 + 20_000 * 720 / 1020)
    assert fig["pages_per_batch_within_1_5_gb"] == int((1536 - 20) / (720 / 1020))


def test_two_corpora_are_compared_side_by_side() -> None:
    def one(kind: str, validate: float, build: float) -> dict[str, object]:
        return {"corpus_kind": kind, "size": {"cases": 100, "questions": 1000},
                "validate": {"ratio": validate}, "build": {"ratio": build, "ratio_no_plugins": build * 2}}
    result = {"runs": [one("narrow", 2.0, 1.5), one("wide", 3.0, 2.4)]}
    text = report.kinds_text(result)
    assert "at 100/1000 (narrow | wide | wide ÷ narrow)" in text
    assert "validation ÷ plain YAML load: 2.00 | 3.00 | 1.50" in text
    assert "`fanzha build` ÷ plain mkdocs build: 1.50 | 2.40 | 1.60" in text
    assert [report._column(r) for r in result["runs"]] == ["100/1000", "100/1000 wide"]  # the table's columns
    assert report.kinds_text({"runs": [one("narrow", 2.0, 1.5)]}) == ""  # one corpus: nothing to compare
