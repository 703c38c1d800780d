"""`fanzha bench`'s results step at a tiny size: generated grid, both timings, figures and printed lines."""
from __future__ import annotations

import json
from pathlib import Path

from build_tools.bench import results

from ..conftest import REPO, fanzha


def test_results_step_runs_and_reports(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    proc = fanzha("bench", "--root", str(REPO), "--cases", "10", "--questions", "100", "--kits", "1", "--repeat", "1",
                  "--skip-build", "--skip-pdf", "--skip-serve", "--skip-browser", "--corpus", "narrow",
                  "--results-size", "400x6", "--out", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
    figures = json.loads(out.read_text(encoding="utf-8"))["results"]
    assert figures["answers"] == 2400 and figures["students_analysed"] == 400
    assert figures["analyse_s"] > 0 and figures["plain_csv_s"] > 0 and figures["ratio"] > 1
    assert figures["maxrss_mb"] > 10  # read in the worker process that ran the analysis
    assert "results: 2,400 answers (400 students × 6 questions" in proc.stdout
    assert "ratio to plain csv read" in proc.stdout
    assert results.goals(figures) == []  # goals are judged only at 1,000,000 answers


def test_generated_grid_reads_back(tmp_path: Path) -> None:
    made = results.generate(tmp_path, 50, 7, seed=3)
    assert made["answers"] == 350
    figures = results.step_analyse({"file": str(tmp_path / "answer-grid.csv")})
    assert figures["students"] == 50 and figures["items"] == 7
    assert (tmp_path / "report-0" / "items.csv").is_file()
