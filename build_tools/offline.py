"""The site as a ZIP for a USB stick: opened from a folder (file://) on a PC without network.

The whole site (or chosen parts: clips, quizzes, kits) is built by MkDocs with
use_directory_urls: false, so pages link to `x.html` files, not to folders a browser shows
as a listing from disk. Then, on every page:
- a link to a folder becomes a link to its index.html; a link to a page the bundle does not
  hold (a part left out with --only) loses its href and says so in a title;
- search, which needs a server (Pagefind fetches its index), is hidden, and a note at the top
  links to a list of everything in the bundle (离线目录.html... named offline-list.html so any
  system unpacks it);
- the theme's instant navigation (fetches) is switched off.
Kit PDFs, bundles and decks are files of the site, so they are inside. A 说明.txt at the top
says to unzip first and open index.html. The ZIP is written to a temporary file and moved into
place: a failed or killed run leaves any earlier ZIP as it was.
"""
from __future__ import annotations

import functools
import html
import os
import posixpath
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import core, leftovers
from .errors import UsageError
from .urls import SiteUrls

PARTS = ("clips", "quizzes", "kits")
# folders (under the site) each part needs besides its own
PART_DIRS = {"clips": ("clips", "slides", "cards"), "quizzes": ("quizzes",), "kits": ("kits",)}
ALWAYS = ("assets", "stylesheets", "javascripts")  # theme and our own scripts and styles
DROP = ("pagefind", "sitemap.xml", "sitemap.xml.gz", "search", "404.html")  # what only a server uses
LIST_PAGE = "offline-list.html"
README = "说明.txt"
ZIP_TIME = (2020, 1, 1, 0, 0, 0)
_HREF = re.compile(r'(<a\b[^>]*?\s)href="([^"]*)"', re.I)
_BODY = re.compile(r"<body\b[^>]*>", re.I)


class OfflineError(Exception):
    """The bundle could not be made; the message says why."""


@dataclass
class Report:
    files: int = 0
    size: int = 0
    pages: int = 0
    unlinked: dict[str, int] = field(default_factory=dict)  # target -> links made plain text


def parse_only(value: str | None) -> tuple[str, ...]:
    if not value:
        return PARTS
    parts = tuple(dict.fromkeys(p.strip() for p in value.split(",") if p.strip()))
    bad = [p for p in parts if p not in PARTS]
    if bad or not parts:
        raise UsageError(f"--only {value}: parts are {', '.join(PARTS)} (comma-separated)")
    return parts


def build_offline(result: core.Result, zip_path: Path, only: tuple[str, ...] = PARTS) -> Report:
    """Build the bundle into zip_path (atomically); raises OfflineError or sitebuild.BuildFailed."""
    work = Path(tempfile.mkdtemp(prefix="fanzha-offline-"))
    try:
        site = work / "site"
        build_site(result, site)
        return bundle(result, site, zip_path, only)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def bundle(result: core.Result, site: Path, zip_path: Path, only: tuple[str, ...] = PARTS) -> Report:
    """Turn a site built by build_site (its pages are rewritten in place) into the ZIP."""
    files = _select(site, only)
    report = Report()
    files |= _rewrite_pages(site, files, result, only, report)
    _write_zip(zip_path.resolve(), site, sorted(files), _readme(result, only), report)
    return report


def build_site(result: core.Result, site: Path) -> None:
    """The site built as sitebuild does, with use_directory_urls: false and no instant navigation."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from .sitebuild import BuildFailed

    try:
        cfg = load_config(config_file=str(result.root / "mkdocs.yml"), site_dir=str(site),
                          use_directory_urls=False)
        plugin = cfg.plugins.get("fanzha")
        if plugin is None:
            raise OfflineError("mkdocs.yml: the fanzha plugin is not enabled; add `plugins: [fanzha]`")
        plugin.use_validated(result)  # no second validation
        features = cfg.theme.get("features") or []
        cfg.theme["features"] = [f for f in features if not str(f).startswith("navigation.instant")]
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            with leftovers.on_signals():
                build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    except (MkDocsException, OSError, UnicodeDecodeError) as exc:
        raise BuildFailed(str(exc) or type(exc).__name__) from None


def _select(site: Path, only: tuple[str, ...]) -> set[str]:
    """Site files (POSIX paths) the bundle holds; pages are added back by _rewrite_pages."""
    every = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    every = {f for f in every if f.split("/")[0] not in DROP}
    if only == PARTS:
        return every
    keep = set(ALWAYS) | {d for part in only for d in PART_DIRS[part]}
    return {f for f in every if f.split("/")[0] in keep}


def _rewrite_pages(site: Path, files: set[str], result: core.Result, only: tuple[str, ...],
                   report: Report) -> set[str]:
    """Rewrite every HTML page the bundle holds; write the list page (and, for a part, the
    landing page); the pages written."""
    whole = only == PARTS
    written = {LIST_PAGE} | (set() if whole else {"index.html"})
    listing = _list_page(result, only, files)
    (site / LIST_PAGE).write_text(listing, encoding="utf-8")
    if not whole:
        (site / "index.html").write_text(listing.replace(_BANNER_MARK, ""), encoding="utf-8")
    holds = files | written
    for name in sorted(holds):
        if not name.endswith(".html"):
            continue
        path = site / name
        text = path.read_text(encoding="utf-8")
        text = _HREF.sub(functools.partial(_link, page=name, site=site, holds=holds, report=report), text)
        if name not in written:
            text = _BODY.sub(functools.partial(_with_banner, page=name), text, count=1)
            text = text.replace("</head>", f"<style>{_CSS}</style></head>", 1)
        path.write_text(text, encoding="utf-8")
        report.pages += 1
    return written


def _link(m: re.Match[str], page: str, site: Path, holds: set[str], report: Report) -> str:
    href = html.unescape(m.group(2))
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("#", "/")) or not parts.path:
        return m.group(0)  # an anchor, another site, mail, tel:, or the site root (none offline)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    if target == ".":
        target = ""
    candidates = [target] if not (href.endswith("/") or (site / target).is_dir() or target == "") \
        else [posixpath.join(target, "index.html").lstrip("/")]
    for cand in candidates:
        if cand in holds:
            new = posixpath.relpath(cand, posixpath.dirname(page) or ".")
            tail = ("?" + parts.query if parts.query else "") + ("#" + parts.fragment if parts.fragment else "")
            return f'{m.group(1)}href="{html.escape(new + tail)}"'
    report.unlinked[candidates[0]] = report.unlinked.get(candidates[0], 0) + 1
    return f'{m.group(1)}data-offline-missing="{m.group(2)}" title="离线包里没有这一页"'


_BANNER_MARK = "<!--fz-offline-banner-->"
_CSS = (".md-search, label.md-header__button[for=__search] { display: none !important; }"
        ".fz-offline-note { background: #fff8e1; color: #000; border-bottom: 1px solid #c9a227; padding: .4em 1em;"
        " font-size: .8rem; text-align: center; }"
        "a[data-offline-missing] { color: inherit; text-decoration: none; cursor: default; }")


def _with_banner(m: re.Match[str], page: str) -> str:
    return m.group(0) + _banner(page)


def _banner(page: str) -> str:
    up = "../" * page.count("/")
    return (f'{_BANNER_MARK}<div class="fz-offline-note" data-fz-offline>离线版（U 盘）：搜索要联网，这里没有；'
            f'全部内容见<a href="{up}{LIST_PAGE}">离线目录</a>。</div>')


def _list_page(result: core.Result, only: tuple[str, ...], files: set[str]) -> str:
    """One page listing every page of the bundle, by part (our own small replacement for search)."""
    kb = result.kb
    url = SiteUrls(directory_urls=False).page  # the bundle's pages are x.html files
    esc = html.escape
    sections = []

    def section(title: str, rows: list[tuple[str, str, str]]) -> None:
        items = "".join(f'<li><a href="{esc(href)}">{esc(text)}</a>{(" <small>" + esc(note) + "</small>") if note else ""}</li>'
                        for href, text, note in rows if href in files or href.endswith(".html"))
        if items:
            sections.append(f"<h2>{esc(title)}</h2><ul>{items}</ul>")

    if only == PARTS:
        section("诈骗类型", [(url("type", t.id), t.name, t.summary) for t in kb.types.values()])
        section("案例", [(url("case", c.id), c.title, kb.types[c.type].name if c.type in kb.types else "")
                       for c in kb.cases.values()])
    if "clips" in only:
        section("课间反诈60秒（投影模式：打开后按 P）", [(url("clip", c.id), c.title, f"约 {c.seconds} 秒")
                                               for c in kb.clips.values()])
    if "quizzes" in only:
        banks = getattr(kb, "banks", {}) or {}
        section("自测练习（课堂测验）", [(url("bank", b), getattr(bank, "title", b), "")
                                for b, bank in banks.items()])
    if "kits" in only:
        section("材料包（可打印 PDF、PPT）", [(url("kit", k.id), k.title, k.audience) for k in kb.kits.values()])
    pages = {f for f in files if f.endswith(".html")}
    body = "".join(sections)
    # only links to pages the bundle really holds
    body = re.sub(r'<li><a href="([^"]+)">.*?</li>',
                  lambda m: m.group(0) if html.unescape(m.group(1)) in pages else "", body)
    name = esc(result.settings.college_name)
    home = '<p><a href="index.html">回到首页</a></p>' if only == PARTS else ""
    return (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>离线目录 · {name}</title><style>{_LIST_CSS}</style></head><body>{_BANNER_MARK}"
            f"<h1>{name} 反诈资料（离线版）</h1>"
            f"<p>这是不联网也能用的网站副本：点标题打开。搜索要联网，这里用这份目录代替。"
            f"遇到可疑情况先挂断、不转账，拿不准拨打 96110，已经被骗立即拨打 110。</p>{home}{body}</body></html>")


_LIST_CSS = ("body{font-family:'Noto Sans CJK SC','Microsoft YaHei','PingFang SC',sans-serif;max-width:52em;"
             "margin:1.5em auto;padding:0 1em;line-height:1.7;color:#111}h1{font-size:1.5em}"
             "h2{font-size:1.15em;margin-top:1.4em;border-bottom:1px solid #ccc}small{color:#555;margin-left:.5em}"
             "a{color:#0b57d0}")


def _readme(result: core.Result, only: tuple[str, ...]) -> str:
    what = "整个网站" if only == PARTS else "、".join({"clips": "课间反诈60秒", "quizzes": "自测练习",
                                                     "kits": "材料包"}[p] for p in only)
    lines = [
        f"{result.settings.college_name} 反诈资料 · 离线版（{what}）",
        "",
        "1. 先解压：在压缩包上点右键，选“全部解压缩”（或“解压到当前文件夹”），"
        "不要在压缩包里直接打开网页，否则页面之间的链接、图片和 PDF 打不开。",
        "2. 打开解压出来的文件夹，双击 index.html，用浏览器（Edge、Chrome、360 等）打开。",
        "3. 全部内容见 offline-list.html（离线目录）。离线版没有搜索（搜索要联网）。",
        "4. 短片页面按 P 进入投影模式；材料包页面有可打印的 PDF 和 PPT。",
        "",
        "不需要联网，可以拷到 U 盘在教室电脑上用。",
    ]
    return "\ufeff" + "\r\n".join(lines) + "\r\n"  # BOM and CRLF: Windows Notepad shows it right


def _write_zip(zip_path: Path, site: Path, files: list[str], readme: str, report: Report) -> None:
    try:
        zip_path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{zip_path.name}.", suffix=".tmp", dir=zip_path.parent)
    except OSError as exc:
        raise OfflineError(f"--out {zip_path}: cannot write there ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as z:
            _add(z, README, readme.encode("utf-8"))
            for name in files:
                data = (site / name).read_bytes()
                _add(z, name, data)
                report.files += 1
        os.replace(tmp, zip_path)
        report.size = zip_path.stat().st_size
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _add(z: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, ZIP_TIME)
    info.external_attr = 0o644 << 16
    stored = name.endswith((".zip", ".png", ".pptx", ".gz", ".woff2", ".jpg"))
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    z.writestr(info, data)
