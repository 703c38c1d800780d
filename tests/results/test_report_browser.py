"""The item-analysis report in Chromium: self-contained (no request but the page), charts drawn, prints to PDF."""
from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from build_tools.cli import main

from .test_results import FIX, ROOT


@pytest.mark.browser
def test_report_is_self_contained_and_prints(tmp_path: Path, page) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "report"
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(["results", "--root", str(ROOT), str(FIX / "paper/answer-grid.csv"), "--out", str(out)]) == 0
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((out / "report.html").as_uri())
    assert requests == [(out / "report.html").as_uri()]  # no font, script, style or image from anywhere
    boxes = [page.locator("svg").nth(i).bounding_box() for i in range(page.locator("svg").count())]
    assert len(boxes) == 3 and all(b and b["width"] > 300 and b["height"] > 50 for b in boxes)
    assert page.locator("svg circle").count() == 8  # one point per question in the scatter
    assert page.locator("tr.flag").count() == 4
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") >= 2
