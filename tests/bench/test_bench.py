"""`fanzha bench` at a tiny size: it runs, and its JSON holds every figure (nothing is timed here)."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from build_tools.bench import report
from build_tools.bench.corpus import CorpusSpec, write_corpus

from ..conftest import REPO, fanzha


def _digest(root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def test_corpus_is_deterministic_realistic_and_valid(tmp_path: Path) -> None:
    one = write_corpus(REPO, tmp_path / "one", CorpusSpec(cases=40, questions=400, kits=2, seed=7))
    two = write_corpus(REPO, tmp_path / "two", CorpusSpec(cases=40, questions=400, kits=2, seed=7))
    other = write_corpus(REPO, tmp_path / "other", CorpusSpec(cases=40, questions=400, kits=2, seed=8))
    assert _digest(one.root) == _digest(two.root) != _digest(other.root)
    assert one.counts["cases"] == 40 and one.counts["questions"] == 400 and one.counts["kits"] == 2
    assert 0.1 < one.counts["exam_only"] / 400 < 0.3
    case = next((one.root / "cases").glob("*.md")).read_text(encoding="utf-8")
    body = case.split("\n---\n", 1)[1]
    assert [line for line in body.splitlines() if line.startswith("## ")] == \
        ["## 经过", "## 手法解析", "## 识别要点", "## 防范提示"]
    assert 800 <= len(body) <= 1500
    proc = fanzha("validate", "--root", str(one.root))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert " error " not in proc.stdout


@pytest.mark.browser
@pytest.mark.pdf
def test_bench_runs_and_reports_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    proc = fanzha("bench", "--root", str(REPO), "--cases", "10", "--questions", "100", "--kits", "1",
                  "--repeat", "1", "--results-size", "200x5", "--skip-serve", "--corpus", "narrow", "--search-batch", "20", "--profile",
                  str(tmp_path / "prof"), "--out", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    run = result["runs"][0]
    # the edit-to-preview step starts a server and builds the site again: tests/bench/test_incremental.py
    # tests what it measures, and this smoke test leaves it out (--skip-serve)
    serve_rows = {label for label, _, _ in report.ROWS
                  if label.startswith(("edit to preview", "  case / clip", "  ratio to a plain mkdocs",
                                       "  ratio to the server's", "  server peak"))}
    assert len(serve_rows) == 5 and "serve" not in run
    missing = [label for label, get, _ in report.ROWS if get(run) is None and label not in serve_rows]
    assert missing == [], f"figures missing from the JSON: {missing}"
    assert run["validate"]["errors"] == 0
    assert run["build"]["generated_pages"] > 0 and run["site"]["html_pages"] > run["build"]["generated_pages"] // 2
    assert run["phone"]["case"]["path"].startswith("/cases/") and run["phone"]["search"]["results"] > 0
    assert run["kits"]["pages"] > 0
    for key in ("validate", "build", "kits"):
        assert run[key]["maxrss_mb"] > 10  # peak memory was read from the step's own process
    assert {g["goal"] for g in result["goals"]} == {g[0] for g in report.GOALS}
    assert all(g["value"] is not None for g in result["goals"] if not g["goal"].startswith("edit to preview"))
    for label, _, _ in report.ROWS:  # the printed table has a row for every figure
        assert f"| {label}" in proc.stdout
    # --profile: the slowest five functions of each profiled step, read in that step's process, printed
    assert set(run["profile"]) >= {"validate", "build", "plain", "kits"}
    assert all(len(top) == 5 and top[0]["own_s"] >= top[-1]["own_s"] > 0 for top in run["profile"].values())
    assert "slowest functions in build (10/100" in proc.stdout and (tmp_path / "prof").is_dir()
    # memory per build step, and Pagefind's own peak measured beside the same pages indexed as English
    mem = run["build"]["phase_memory"]
    assert list(mem) == ["validate", "kits", "generate", "mkdocs", "postbuild"]
    assert mem["validate"]["own_mb"] <= mem["mkdocs"]["own_mb"] <= mem["postbuild"]["own_mb"]
    index = run["search_index"]
    assert index["pages"] == run["site"]["html_pages"] - 1 or index["pages"] > run["build"]["generated_pages"] // 2
    assert 0 < index["overhead_mb"] < index["peak_mb"] and index["english_peak_mb"] < index["peak_mb"]
    # in batches of --search-batch pages, each run on its own: every page indexed once
    assert index["batch_runs"] == len(index["batches"]) >= 2 and index["batch_pages"] == 20
    assert sum(b["pages"] for b in index["batches"]) >= index["pages"] and all(b["pages"] for b in index["batches"])
