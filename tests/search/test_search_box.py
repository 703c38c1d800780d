"""The header search box in a real browser: lazy loading, keys, excerpts, filter, phone."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ..conftest import serve_folder
from .helpers import (
    FILTER,
    INPUT,
    PAGE_LINKS,
    RESULTS,
    open_box,
    record_transfer,
    result_pages,
    run_queries,
    site_path,
    type_query,
)

pytestmark = pytest.mark.browser

CASE = "/cases/shuadan-dorm-like-task/"


def _search_open(page: Any) -> bool:
    return bool(page.evaluate("document.getElementById('__search').checked"))


def test_nothing_is_fetched_for_search_until_the_box_is_used(page: Any, site_url: str) -> None:
    fetched = record_transfer(page)
    words = record_transfer(page, "/words.json")  # the search words (build_tools/search/words.py)
    page.goto(site_url + CASE)
    page.wait_for_load_state("networkidle")
    assert fetched.urls == [] and words.urls == []
    assert not page.evaluate("[...document.scripts].some(s => s.src.includes('/pagefind/'))")
    open_box(page)
    page.wait_for_load_state("networkidle")
    assert any(u.endswith("/pagefind/pagefind.js") for u in fetched.urls)
    for _ in range(100):  # the words file follows Pagefind's script: it may land after the first quiet moment
        if words.urls:
            break
        page.wait_for_timeout(100)
    assert len(words.urls) == 1


@pytest.mark.parametrize("key", ["/", "s", "f"])
def test_material_shortcuts_open_the_box_and_esc_closes_it(page: Any, site_url: str, key: str) -> None:
    page.goto(site_url + "/")
    page.locator("body").click(position={"x": 5, "y": 300})
    assert not _search_open(page)
    page.keyboard.press(key)
    assert _search_open(page)
    assert page.evaluate("document.activeElement.matches('[data-fz-search-input]')")
    assert page.locator(INPUT).input_value() == ""  # the key opened the box; it was not typed into it
    page.keyboard.press("Escape")
    assert not _search_open(page)


def test_results_have_titles_excerpts_highlights_and_type_tags(page: Any, site_url: str,
                                                                output_dir: Path) -> None:
    page.goto(site_url + "/")
    open_box(page)
    type_query(page, "杀猪盘")
    first = page.locator(f"{RESULTS} > li").first
    assert first.locator("h1").inner_text().strip()
    marks = first.locator("mark").all_inner_texts()
    assert marks and all(m in "杀猪盘" for m in marks)
    tags = page.locator(f"{RESULTS} .md-tag").all_inner_texts()
    assert "网络婚恋交友（杀猪盘）" in tags
    assert "个符合条件的结果" in page.locator("[data-fz-search-status]").inner_text()
    page.screenshot(path=str(output_dir / "search-desktop.png"))


def test_type_filter_narrows_results_to_one_type(page: Any, site_url: str) -> None:
    page.goto(site_url + "/")
    open_box(page)
    type_query(page, "96110")
    everywhere = result_pages(page, site_url)
    page.select_option(FILTER, "冒充公检法及政府机关")
    page.wait_for_function("document.querySelector('[data-fz-search-results]').getAttribute('aria-busy') === 'false'"
                           " && document.querySelectorAll('[data-fz-search-results] > li').length > 0")
    narrowed = result_pages(page, site_url)
    assert narrowed and len(narrowed) < len(everywhere)
    tags = page.eval_on_selector_all(f"{RESULTS} > li", "lis => lis.map(li => [...li.querySelectorAll('.md-tag')]"
                                     ".map(t => t.textContent))")
    assert all(t == ["冒充公检法及政府机关"] for t in tags)
    # With the query cleared, the filter alone lists the type's pages.
    type_query(page, "")
    listed = result_pages(page, site_url)
    assert "/types/gongjianfa/" in listed and all(p.startswith(("/types/", "/cases/", "/clips/", "/quizzes/"))
                                                  for p in listed)


def test_enter_opens_the_first_result_and_its_terms_are_marked(page: Any, site_url: str) -> None:
    page.goto(site_url + "/")
    open_box(page)
    type_query(page, "征信修复")
    first = result_pages(page, site_url)[0]
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: first in url)
    page.wait_for_selector("[data-pagefind-body] mark.pagefind-highlight")
    marked = page.locator("[data-pagefind-body] mark.pagefind-highlight").all_inner_texts()
    assert marked and all(m in "征信修复" for m in marked)


def test_arrow_keys_move_through_the_results(page: Any, site_url: str) -> None:
    page.goto(site_url + "/")
    open_box(page)
    type_query(page, "两卡")
    page.keyboard.press("ArrowDown")
    first_href = page.locator(f"{RESULTS} a[href]").first.get_attribute("href")
    assert page.evaluate("document.activeElement.getAttribute('href')") == first_href
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.matches('[data-fz-search-input]')")


def test_phone_header_button_opens_a_full_screen_search(browser: Any, site_url: str, output_dir: Path) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(site_url + CASE)
        page.locator("header label.md-header__button[for=__search]").tap()
        page.wait_for_function("document.activeElement && document.activeElement.matches('[data-fz-search-input]')")
        type_query(page, "国家反诈中心APP")
        assert page.locator(PAGE_LINKS).first.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.screenshot(path=str(output_dir / "search-phone.png"))
    finally:
        context.close()


def test_results_link_into_a_site_served_under_a_path(browser: Any, default_site: Path, tmp_path: Path) -> None:
    """A college may publish at https://host/fanzha/: result links keep the prefix."""
    (tmp_path / "fanzha").symlink_to(default_site, target_is_directory=True)
    url, server = serve_folder(tmp_path)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url + "/fanzha/cases/shuadan-dorm-like-task/")
        open_box(page)
        type_query(page, "征信修复")
        hrefs = page.eval_on_selector_all(PAGE_LINKS, "els => els.map(e => new URL(e.href).pathname)")
        assert hrefs and all(h.startswith("/fanzha/") for h in hrefs)
        page.locator(PAGE_LINKS).first.click()
        page.wait_for_load_state()
        assert page.locator("[data-pagefind-body]").count() == 1  # the page exists there
    finally:
        context.close()
        server.shutdown()


# What the box shows for a sentence (issue 14): where excerpts start, what is marked, which sections.
_SHOWN_ITEMS = """() => [...document.querySelectorAll('[data-fz-search-results] > li')].map(li => ({
  url: li.querySelector('a[data-fz-page]').href,
  excerpt: (li.querySelector('a[data-fz-page] .fz-search__excerpt') || {}).textContent || '',
  marks: [...li.querySelectorAll('mark')].map(m => m.textContent),
  subs: [...li.querySelectorAll(':scope > a:not([data-fz-page]) .fz-search__excerpt')].map(p => p.textContent)}))"""
# The page's text as Pagefind stored it, for each result URL shown.
_CONTENTS = """async (urls) => {
  const pf = await import('/pagefind/pagefind.js');  // the test site is served at /
  await pf.init();
  const all = await pf.search(null, { filters: { fzfor: '学生' } });  // every student page
  const datas = await Promise.all(all.results.map(r => r.data()));
  const out = {};
  for (const d of datas) {
    const path = new URL(d.url, location.href).pathname;
    if (urls.some(u => new URL(u).pathname === path)) out[path] = d.content;
  }
  return out;
}"""
SENTENCE_START = "。！？!?；;\n，,"


def test_excerpts_start_at_a_sentence_and_mark_whole_words(page: Any, site_url: str) -> None:
    page.goto(site_url + "/")
    open_box(page)
    type_query(page, "被骗了钱还能追回吗")
    items = page.evaluate(_SHOWN_ITEMS)
    assert items and items[0]["url"].startswith(site_url + "/emergency/")
    contents = page.evaluate(_CONTENTS, [i["url"] for i in items])
    checked = 0
    for item in items:
        text = item["excerpt"].removesuffix("…")
        assert text and text[0] not in ". ，。", item
        content = contents.get(site_path(item["url"], site_url).split("?")[0])
        if content is None:
            continue
        at = content.find(text)
        assert at >= 0, item
        before = content[:at].rstrip(" .")
        assert at == 0 or before == "" or before[-1] in SENTENCE_START or content[at - 2:at] == ". ", (item, before[-20:])
        checked += 1
        # whole words only: never a single Chinese character, and each mark a word of the query
        assert all(len(m) >= 2 for m in item["marks"]), item
        assert all(m in "被骗了钱还能追回吗" for m in item["marks"]), item
    assert checked >= 3


def test_sub_results_only_add_a_different_passage(page: Any, site_url: str) -> None:
    page.goto(site_url + "/")
    open_box(page)
    for query in ("96110", "被骗了怎么办", "帮信罪"):
        type_query(page, query)
        for item in page.evaluate(_SHOWN_ITEMS):
            assert len(item["subs"]) <= 2, item
            passages = [item["excerpt"], *item["subs"]]
            assert len(set(passages)) == len(passages), item  # no passage shown twice
            for sub in item["subs"]:
                assert sub.removesuffix("…") not in item["excerpt"] and item["excerpt"].removesuffix("…") not in sub


def test_staff_pages_join_the_results_only_with_the_teachers_box(page: Any, site_url: str) -> None:
    page.goto(site_url + "/")
    open_box(page)
    type_query(page, "周提醒")
    students = result_pages(page, site_url)
    assert not {"/programme/reminders/", "/programme/", "/authoring/", "/counsellors/"} & set(students)
    page.locator("[data-fz-search-staff]").check()
    page.wait_for_function("document.querySelector('[data-fz-search-results]').getAttribute('aria-busy') === 'false'"
                           " && document.querySelector('[data-fz-search-results] a[href*=\"/programme/\"]') !== null")
    staff = result_pages(page, site_url)
    assert {"/programme/reminders/", "/programme/"} & set(staff[:3])
    page.locator("[data-fz-search-staff]").uncheck()
    page.wait_for_function("document.querySelector('[data-fz-search-results]').getAttribute('aria-busy') === 'false'"
                           " && document.querySelector('[data-fz-search-results] a[href*=\"/programme/\"]') === null")


def test_sentences_still_work_where_the_browser_cannot_segment_words(page: Any, site_url: str) -> None:
    """Older WebViews (some in-app browsers) have no Intl.Segmenter: the box splits by script and pairs."""
    page.add_init_script("delete Intl.Segmenter")
    page.goto(site_url + "/")
    assert page.evaluate("typeof Intl.Segmenter") == "undefined"
    open_box(page)
    shown = run_queries(page, ["兼职被骗怎么办", "有人要借我的银行卡用一下", "快递丢了客服说双倍理赔"], site_url)
    assert shown[0][0][:2] == ["/emergency/", "/types/shuadan/"]
    assert {"/types/liangka/", "/cases/liangka-bank-card-graduate/", "/liangka-law/"} & set(shown[1][0][:3])
    assert {"/cases/kefu-express-lost-claim/", "/types/kefu/"} & set(shown[2][0][:3])
