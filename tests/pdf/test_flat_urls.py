"""A site built with `use_directory_urls: false`: every QR code in its PDFs and share cards, every
printed address and every link of its pages lead to a file the build wrote (issue 18: one SiteUrls).

The default content, copied and built once in this process (MkDocs with the fanzha plugin, kit
PDFs, decks and cards). Left out to keep it fast: the search index (it adds no link; tests/search
builds it) and the kit PDFs whose HTML holds no address of the site (quiz papers, keys, forms: no
URL to get wrong; the default site's build renders them, tests/pdf/test_kits.py).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from build_tools import core, postbuild
from build_tools import pdf as pdf_package
from build_tools.pdf.kit import Doc, kit_docs, quiz_sets
from build_tools.programme import insert
from build_tools.settings import load_settings
from build_tools.site import Site

from ..conftest import REPO, copy_tree
from ..site.test_build import broken_links
from . import pdftools

QR_IMAGE = "data:image/svg+xml;base64,"  # pdf/qr.py's QR codes, as the PDFs' HTML holds them


class Flat:
    def __init__(self, root: Path, site: Path, result: core.Result) -> None:
        self.root, self.site, self.result = root, site, result
        self.base = result.settings.site_url

    def file_of(self, url: str) -> Path:
        """The built file an absolute address of the site leads to (a folder: its index.html)."""
        assert url.startswith(self.base), url
        path = urlsplit(url).path[len(urlsplit(self.base).path):]
        return self.site / (path + "index.html" if path.endswith("/") or not path else path)


@pytest.fixture(scope="module")
def flat(tmp_path_factory: pytest.TempPathFactory) -> Flat:
    work = tmp_path_factory.mktemp("flat-urls")
    root = copy_tree(REPO, work / "root")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as yml:
        yml.write("\nuse_directory_urls: false\n")
    site = work / "site"
    base = load_settings(root).site_url

    def with_addresses(*args: Any, **kwargs: Any) -> list[Doc]:
        return [d for d in kit_docs(*args, **kwargs) if base in d.html or QR_IMAGE in d.html]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(postbuild, "run", lambda *args, **kwargs: None)  # no Pagefind: no links of its own
        mp.setattr(pdf_package, "kit_docs", with_addresses)
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    built = Flat(root, site, core.validate(root))
    assert built.base.startswith("https://")
    return built


def test_pages_are_files_and_every_link_resolves(flat: Flat) -> None:
    assert (flat.site / "cases" / "index.html").is_file()
    assert not (flat.site / "cases" / "index").exists()
    assert broken_links(flat.site) == []


def test_every_qr_code_in_every_kit_pdf_leads_to_a_built_page(flat: Flat, tmp_path: Path) -> None:
    # which PDFs carry QR codes, from the HTML they were rendered from (a QR code is an SVG data URI
    # there); only those are rasterised and decoded, and they must be the handouts at least
    site = Site.of(flat.result)
    with_codes = [(kit.id, doc.name) for kit in site.kb.kits.values()
                  for doc in kit_docs(site, kit, quiz_sets(site, kit)) if QR_IMAGE in doc.html]
    assert {name for _, name in with_codes} >= {"handout.pdf"}
    assert len(sorted((flat.site / "kits").glob("*/*.pdf"))) > len(with_codes)
    found: set[str] = set()
    for kit_id, name in with_codes:
        pdf = flat.site / "kits" / kit_id / name
        codes = {url for urls in pdftools.qr_codes(pdf, tmp_path, dpi=100).values() for url in urls}
        assert codes, pdf
        found |= codes
    assert any(url.endswith(".html") for url in found)
    assert [url for url in found if not flat.file_of(url).is_file()] == []


def test_printed_addresses_in_the_kits_lead_to_built_pages(flat: Flat) -> None:
    printed: set[str] = set()
    for pdf in sorted((flat.site / "kits").glob("*/*.pdf")):
        text = re.sub(r"\s+", "", pdftools.text(pdf))  # an address may be broken over lines
        printed |= set(re.findall(re.escape(flat.base) + r"[\w/.-]*?\.html", text))
    assert any("/kits/" in url for url in printed) and any("/cases/" in url for url in printed)
    assert [url for url in printed if not flat.file_of(url).is_file()] == []


def test_share_cards_lead_to_built_pages(flat: Flat) -> None:
    from PIL import Image
    from pyzbar.pyzbar import ZBarSymbol, decode

    cards = sorted((flat.site / "cards").glob("*.png"))
    assert cards
    urls = {d.data.decode("utf-8") for card in cards
            for d in decode(Image.open(card), symbols=[ZBarSymbol.QRCODE])}
    assert len(urls) == len(cards)  # one code a card, each to its own page
    assert [url for url in urls if not flat.file_of(url).is_file()] == []


def test_the_insert_qr_code_and_parents_page_lead_to_built_pages(flat: Flat, tmp_path: Path) -> None:
    result = flat.result
    settings = result.settings
    parents = insert.parents_url(flat.root, settings)
    assert parents.endswith(".html") and flat.file_of(parents).is_file()
    pdf = tmp_path / "insert.pdf"
    content = insert.load_insert(None, "programme/insert.yml", result.kb.types)
    pdf.write_bytes(insert.render_insert(content, settings, parents).data)
    codes = {url for urls in pdftools.qr_codes(pdf, tmp_path).values() for url in urls}
    assert codes and [url for url in codes if not flat.file_of(url).is_file()] == []


def test_site_urls_follow_the_setting_and_the_published_shape() -> None:
    from build_tools.settings import Settings
    from build_tools.urls import SiteUrls

    flat = SiteUrls.of(Settings(site_url="https://x.test/kb", use_directory_urls=False))
    assert (flat.page("case", "a"), flat.absolute_page("kit", "k")) == ("cases/a.html", "https://x.test/kb/kits/k.html")
    assert flat.rel("cases/a.md", "kits/k.md") == "../kits/k.html"
    # the offline bundle: its own pages are x.html, the addresses it prints lead to the site as published
    offline = SiteUrls.of(Settings(site_url="https://x.test/"), directory_urls=False)
    assert offline.page("case", "a") == "cases/a.html"
    assert offline.absolute_page("case", "a") == "https://x.test/cases/a/"
    assert offline.from_root("type", "t") == "https://x.test/types/t/"
    assert SiteUrls().from_root("type", "t") == "/types/t/"  # no site_url: from the site's root
    assert SiteUrls(False).to_root("quizzes/cuoti.md") == "../" and SiteUrls().to_root("quizzes/cuoti.md") == "../../"
