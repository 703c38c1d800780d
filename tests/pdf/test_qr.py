"""QR codes on the handouts decode to the right absolute URLs."""
from __future__ import annotations

from pathlib import Path

from build_tools.pdf.kit import site_link

from . import pdftools
from .conftest import Built


def expected_urls(built: Built, kit_id: str) -> set[str]:
    kb, result = built.result.kb, built.result
    cases = {item.case for item in kb.kits[kit_id].agenda if item.case}
    if not cases:
        return {site_link(result, f"kits/{kit_id}/")}
    return {site_link(result, f"cases/{c}/") for c in cases}


def test_handout_qr_codes_decode_to_the_site_pages(built: Built, tmp_path: Path) -> None:
    base = built.result.settings.site_url
    assert base.startswith("https://")
    for kit_id in built.result.kb.kits:
        pdf = built.kits / kit_id / "handout.pdf"
        found: set[str] = set()
        for page in range(1, pdftools.pages(pdf) + 1):
            found.update(pdftools.qr_codes(pdf, page, tmp_path))
        assert found == expected_urls(built, kit_id), pdf
        assert all(url.startswith(base) for url in found)


def test_fixture_urls_keep_the_site_path(mini: Built) -> None:
    assert expected_urls(mini, "meeting") == {"https://fanzha.test.edu.cn/kb/cases/shuadan-test-dorm/",
                                              "https://fanzha.test.edu.cn/kb/cases/gongjianfa-test-call/"}
    assert expected_urls(mini, "mini") == {"https://fanzha.test.edu.cn/kb/kits/mini/"}
