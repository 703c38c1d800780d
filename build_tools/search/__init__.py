"""Chinese search for the site: the Pagefind index and the theme's search box.

Why Pagefind (the npm package, pinned in package-lock.json), measured on the
default content with the query set in tests/search/queries.yml: Material's own
search (lunr, jieba at build time) put the expected page in the top three for
26 of 39 queries, found nothing for 96110专线, 反诈APP, APP下载 and QQ群, and
fetched its whole index (1.3 MB) on every page load; with `lang: zh` it found
nothing at all. Pagefind's extended binary segments Chinese the same way at
index and query time: 38 of 39, nothing fetched until the box is used, and at
1,000 cases (`fanzha bench`) 140-230 KB for the first search.

What a student types (issue 14) is more than keywords: sentences, distress, pinyin,
typos. The box (assets/search/search.js) merges several Pagefind lookups when all
terms together find few pages, and puts first the page a query names, from data
(words.py: taxonomy `search:` words with pinyin made at build time, pages' front
matter, search.yml's distress words and staff pages). Measured on the default content
with tests/search/queries.yml (133 queries: 31 sentences, 22 distress, 13 pinyin or
typos): 133/133 in the top three, mean reciprocal rank 0.95, the emergency page first
for every distress query (before: 兼职被骗怎么办 and shuadan found nothing useful); on
another college's content (tests/search/fixtures/other-college-search) 20/20. At 1,000
cases the first search fetches 219 KB for 刷单返利 (213 KB before), 237 KB for
兼职被骗了怎么办 (228 KB before, for no result), 201 KB for shuadan; a long sentence
of ten words about 390 KB (370 KB before, no result): each word is an index chunk.

Imports nothing from MkDocs: `configure_theme` duck-types the config object.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from ..site import Site
from .pagefind import IndexRun, SearchIndexError, drop_unused, find_binary, run_pagefind
from .pagemeta import FILTER_KEY, for_theme, page_types, page_weights
from .words import BOX_FILE, box_json, theme_data

__all__ = ["BUNDLE", "FILTER_KEY", "IndexRun", "SearchIndexError", "build_index", "configure_theme",
           "generated_files", "page_types", "page_weights"]

BUNDLE = "pagefind"  # the index folder under the site root
ASSET_PREFIX = "assets/fanzha/search/"  # where build_tools/assets/search/ is served
THEME_KEY = "fanzha_search"  # config.extra key the search partials read


def build_index(site_dir: Path, root: Path) -> IndexRun:
    """Index the finished site into site_dir/pagefind/. Raises SearchIndexError."""
    binary = find_binary(root)
    shutil.rmtree(site_dir / BUNDLE, ignore_errors=True)  # Pagefind adds to a folder, never empties it
    run = run_pagefind(binary, site_dir, BUNDLE)
    drop_unused(run.bundle_dir)
    return run


def configure_theme(config: Any, site: Site) -> None:
    """Register the search box's CSS/JS and give the templates each page's filter value."""
    css, js = ASSET_PREFIX + "search.css", ASSET_PREFIX + "search.js"
    if css not in config.extra_css:
        config.extra_css.append(css)
    if js not in [str(s) for s in config.extra_javascript]:
        config.extra_javascript.append(js)
    config.extra[THEME_KEY] = {
        "bundle": BUNDLE + "/",
        "filter_key": FILTER_KEY,
        "type_names": [t.name for t in site.kb.types.values()],  # taxonomy order, for the menu
        **for_theme(site.kb, site.urls),
        **theme_data(site.kb, site.root, site.settings.docs_dir),
        "words": BOX_FILE,
    }


def generated_files(site: Site) -> dict[str, str]:
    """Files the site gets for search beside its pages: the box's search words (words.py)."""
    return {BOX_FILE: box_json(site.kb, site.root, site.settings.docs_dir)}
