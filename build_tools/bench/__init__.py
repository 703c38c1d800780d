"""The scale benchmark (`fanzha bench`): a synthetic corpus of a chosen size, then
validation, site build, page weight, search cost and kit PDF speed, each measured
against a plain baseline in the same run.

    corpus.py    the synthetic content root (textgen.py + vocab.py write its text)
    worker.py    one measured step in its own process (for its peak memory)
    browser.py   bytes a phone downloads, in Chromium
    sitesize.py  the built site on disk
    run.py       the order of steps; report.py the table and the goals
"""
from __future__ import annotations

from .report import goals, goals_text, kinds_text, profile_text, table
from .run import BenchError, BenchOptions, run_bench

__all__ = ["BenchError", "BenchOptions", "goals", "goals_text", "kinds_text", "profile_text", "run_bench", "table"]
