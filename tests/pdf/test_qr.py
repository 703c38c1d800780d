"""QR codes on the handouts decode to the right absolute URLs."""
from __future__ import annotations

from pathlib import Path

from build_tools.site import Site

from . import pdftools
from .conftest import Built


def expected_urls(built: Built, kit_id: str) -> set[str]:
    kb, result = built.result.kb, built.result
    cases = {item.case for item in kb.kits[kit_id].agenda if item.case}
    if not cases:
        return {Site.of(result).urls.absolute_page("kit", kit_id)}
    return {Site.of(result).urls.absolute_page("case", c) for c in cases}


def test_handout_qr_codes_decode_to_the_site_pages(built: Built, tmp_path: Path) -> None:
    base = built.result.settings.site_url
    assert base.startswith("https://")
    for kit_id in built.result.kb.kits:
        pdf = built.kits / kit_id / "handout.pdf"
        by_page = pdftools.qr_codes(pdf, tmp_path)
        found = {url for urls in by_page.values() for url in urls}
        assert found == expected_urls(built, kit_id), pdf
        assert sum(len(urls) for urls in by_page.values()) == len(found)  # each once
        assert all(url.startswith(base) for url in found)


def test_fixture_urls_keep_the_site_path(mini: Built) -> None:
    assert expected_urls(mini, "meeting") == {"https://fanzha.test.edu.cn/kb/cases/shuadan-test-dorm/",
                                              "https://fanzha.test.edu.cn/kb/cases/gongjianfa-test-call/"}
    assert expected_urls(mini, "mini") == {"https://fanzha.test.edu.cn/kb/kits/mini/"}


def test_qr_targets_are_pages_of_the_built_site(default_kits: Built) -> None:
    base = default_kits.result.settings.site_url
    site = default_kits.kits.parent
    for kit_id in default_kits.result.kb.kits:
        for url in expected_urls(default_kits, kit_id):
            assert (site / url[len(base):] / "index.html").is_file(), url
