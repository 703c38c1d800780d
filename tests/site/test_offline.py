"""fanzha offline: the bundle for a USB stick, unzipped and opened through file:// in Chromium
(no server): links, projection mode, a classroom quiz, no failed request; the ZIP's content."""
from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from typing import Any, Iterator

import pytest

from build_tools import core, offline

from ..conftest import REPO, fanzha
from .conftest import PROJECTOR, sized_page

MINI = REPO / "tests" / "pdf" / "fixtures" / "mini"  # cases, a clip, banks and two kits: a quick build
_HREF = re.compile(r'<a\b[^>]*?\shref="([^"#?]*)[^"]*"')


@pytest.fixture(scope="module")
def result() -> core.Result:
    res = core.validate(MINI)
    assert res.ok
    return res


@pytest.fixture(scope="module")
def built(result: core.Result, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini site built once for the bundle (use_directory_urls: false)."""
    site = tmp_path_factory.mktemp("offline-build") / "site"
    offline.build_site(result, site)
    return site


def _bundle(result: core.Result, built: Path, tmp: Path, only: tuple[str, ...]) -> tuple[Path, Path]:
    site = tmp / "site"
    shutil.copytree(built, site)
    zip_path = tmp / "bundle.zip"
    offline.bundle(result, site, zip_path, only)
    unpacked = tmp / "unzipped"
    with zipfile.ZipFile(zip_path) as z:
        z.extractall(unpacked)
    return zip_path, unpacked


@pytest.fixture(scope="module")
def whole(result: core.Result, built: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return _bundle(result, built, tmp_path_factory.mktemp("whole"), offline.PARTS)


def local_links(folder: Path) -> dict[str, list[str]]:
    """Every relative link target of every page, as files under `folder`."""
    out: dict[str, list[str]] = {}
    for page in folder.rglob("*.html"):
        for href in _HREF.findall(page.read_text(encoding="utf-8")):
            if href and not re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I):
                out.setdefault(page.relative_to(folder).as_posix(), []).append(href)
    return out


def test_zip_holds_readme_pages_pdfs_and_decks_but_no_search(whole: tuple[Path, Path], result: core.Result) -> None:
    zip_path, _ = whole
    with zipfile.ZipFile(zip_path) as z:
        names = z.namelist()
        readme = z.read("说明.txt").decode("utf-8-sig")
    assert names[0] == "说明.txt"
    assert "解压" in readme and "index.html" in readme and "\r\n" in readme
    assert {"index.html", "offline-list.html"} <= set(names) and "404.html" not in names  # only a server shows it
    for case in result.kb.cases:
        assert f"cases/{case}.html" in names and f"cards/{case}.png" in names
    for clip in result.kb.clips:
        assert f"clips/{clip}.html" in names and f"slides/{clip}.pptx" in names
    for kit in result.kb.kits:
        assert f"kits/{kit}.html" in names
        assert f"kits/{kit}/host-plan.pdf" in names and f"kits/{kit}/slides.pptx" in names
        assert f"kits/{kit}/{kit}-bundle.zip" in names
    assert not [n for n in names if n.startswith("pagefind/") or n.endswith("/")]
    assert not [n for n in names if n.endswith(".html") and "/index.html" in n and n != "index.html"
                and n[:-len("index.html")].rstrip("/") + ".html" in names]  # no folder-style copies


def test_every_link_resolves_to_a_file_no_folder_urls(whole: tuple[Path, Path]) -> None:
    _, folder = whole
    links = local_links(folder)
    assert links
    for page, hrefs in links.items():
        for href in hrefs:
            target = (folder / page).parent / href
            assert not href.endswith("/"), (page, href)
            assert target.is_file(), (page, href)


def test_a_part_alone_keeps_no_link_to_what_it_left_out(result: core.Result, built: Path, tmp_path: Path) -> None:
    zip_path, folder = _bundle(result, built, tmp_path, ("clips",))
    names = zipfile.ZipFile(zip_path).namelist()
    assert not [n for n in names if n.startswith(("quizzes/", "kits/", "cases/", "types/"))]
    assert all(f"clips/{c}.html" in names for c in result.kb.clips)
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert all(f'href="clips/{c}.html"' in index for c in result.kb.clips)
    for page, hrefs in local_links(folder).items():
        for href in hrefs:
            assert ((folder / page).parent / href).is_file(), (page, href)
    clip = (folder / "clips" / f"{next(iter(result.kb.clips))}.html").read_text(encoding="utf-8")
    assert "data-offline-missing=" in clip  # the case and type it links to are not in the bundle


@pytest.fixture
def failed_requests(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    with sized_page(browser, PROJECTOR) as page:
        failed: list[str] = []
        page.on("requestfailed", lambda r: failed.append(r.url))
        page.on("pageerror", lambda e: failed.append(f"script error: {e}"))
        yield page, failed


@pytest.mark.browser
def test_opened_from_a_folder_by_double_click(whole: tuple[Path, Path], result: core.Result,
                                              failed_requests: tuple[Any, list[str]]) -> None:
    _, folder = whole
    page, failed = failed_requests
    page.goto((folder / "index.html").as_uri())
    assert page.locator("[data-fz-offline]").is_visible()
    assert not page.locator(".md-search").is_visible()  # search needs a server: hidden
    page.locator("[data-fz-offline] a").click()
    assert page.url.endswith("/offline-list.html")
    clip = next(iter(result.kb.clips.values()))
    page.locator(f'a[href="clips/{clip.id}.html"]').click()
    assert page.url.endswith(f"/clips/{clip.id}.html")
    page.wait_for_selector("[data-fz-projector]", state="attached")
    page.keyboard.press("p")
    page.wait_for_selector("[data-fz-projector]:not([hidden])")
    assert page.locator("[data-fz-projector] [data-fz-text]").text_content().strip()
    page.keyboard.press("Escape")
    # a bank page from the clip's menu, then the classroom mode and one question answered
    bank = next(iter(result.kb.banks.values()))
    page.goto((folder / "offline-list.html").as_uri())
    page.locator(f'a[href="quizzes/{bank.id}.html"]').click()
    page.wait_for_selector("[data-fz-score]:has-text('答对')")
    q = bank.public_questions[0]
    option = next(t for i, t in enumerate(q.shown_options) if i in q.correct_indexes)
    page.locator(f"#q-{q.id} [data-fz-opt]", has_text=option).first.click()
    page.locator(f"#q-{q.id} [data-fz-check]").click()
    assert "回答正确" in page.locator(f"#q-{q.id} [data-fz-verdict]").text_content()
    page.locator("[data-fz-action=classroom]").click()
    assert page.locator("[data-fz-classroom]").is_visible()
    page.keyboard.press("Space")  # reveal the answer
    assert page.locator("[data-fz-classroom] .fz-classroom__explain").is_visible()
    page.keyboard.press("Escape")
    # a kit page and its PDF link
    kit = next(iter(result.kb.kits))
    page.goto((folder / "kits" / f"{kit}.html").as_uri())
    href = page.locator('a[href$="host-plan.pdf"]').first.get_attribute("href")
    assert (folder / "kits" / href).is_file()
    assert failed == []


def test_failed_write_leaves_the_old_zip(result: core.Result, built: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    shutil.copytree(built, site)
    zip_path = tmp_path / "old.zip"
    zip_path.write_bytes(b"the previous bundle")
    calls = []

    def broken(z: zipfile.ZipFile, name: str, data: bytes) -> None:
        calls.append(name)
        if len(calls) > 3:
            raise OSError(28, "No space left on device")
        z.writestr(name, data)

    monkeypatch.setattr(offline, "_add", broken)
    with pytest.raises(OSError):
        offline.bundle(result, site, zip_path, offline.PARTS)
    assert zip_path.read_bytes() == b"the previous bundle"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_command_checks_its_arguments(tmp_path: Path) -> None:
    proc = fanzha("offline", "--root", str(MINI), "--only", "clips,videos", "--out", str(tmp_path / "x.zip"))
    assert proc.returncode == 2 and "clips, quizzes, kits" in proc.stderr
    proc = fanzha("offline", "--root", str(MINI), "--out", str(tmp_path / "x.tar"))
    assert proc.returncode == 2 and ".zip" in proc.stderr
    assert not (tmp_path / "x.zip").exists()
