/* fanzha search box: Pagefind's JS API behind Material's search UI.
 *
 * The markup is partials/search.html. Nothing is fetched for search until the
 * box is used: Pagefind's script and index load on first focus (or shortcut).
 * Keys as in Material: "/", "s" or "f" open the box; arrows move through the
 * results; Enter opens the first result; Esc closes. The panel also closes when
 * focus leaves it (Tab past the box), so the page gets its keys back.
 */
(() => {
  "use strict";

  const PAGE_SIZE = 10;          // results rendered at a time ("show more" adds the next ten)
  const SUB_RESULTS = 2;         // sections shown under a page, the ones with the most hits
  const DEBOUNCE_MS = 120;       // typing pause before a search runs
  const HIGHLIGHT_PARAM = "pagefind-highlight";
  const OPEN_KEYS = new Set(["/", "s", "f", "S", "F"]);

  /** Everything one search box needs, found once. */
  function parts(box) {
    return {
      box,
      toggle: document.getElementById("__search"),
      form: box.querySelector("[data-fz-search-form]"),
      input: box.querySelector("[data-fz-search-input]"),
      status: box.querySelector("[data-fz-search-status]"),
      list: box.querySelector("[data-fz-search-results]"),
      more: box.querySelector("[data-fz-search-more]"),
      select: box.querySelector("[data-fz-search-filter]"),
      filterKey: box.dataset.fzFilterKey || "type",
      pagefind: null,            // Promise of the Pagefind module, once loading started
      results: [],               // the current search's results (data not yet loaded)
      shown: 0,
      seq: 0,                    // increases with every search; older answers are dropped
      timer: 0,
      composing: false,
      pointerInside: false,      // a pointer press inside the box is under way
    };
  }

  function text(s, key, count) {
    const t = s.box.dataset["fzText" + key[0].toUpperCase() + key.slice(1)] || "";
    return count === undefined ? t : t.replace("#", String(count));
  }

  function siteBase(s) {
    return new URL(s.box.dataset.fzBase || "./", location.href);
  }

  /** Pagefind's module, imported and initialised on first use. */
  function loadPagefind(s) {
    if (!s.pagefind) {
      const base = siteBase(s);
      const url = new URL(s.box.dataset.fzBundle || "pagefind/", base);
      s.pagefind = import(new URL("pagefind.js", url).href).then(async (pf) => {
        await pf.options({ baseUrl: base.pathname, highlightParam: HIGHLIGHT_PARAM });
        await pf.init();
        return pf;
      });
      s.pagefind.catch(() => { s.pagefind = null; });  // let a later attempt retry
    }
    return s.pagefind;
  }

  function open(s) {
    if (s.toggle && !s.toggle.checked) s.toggle.checked = true;
    loadPagefind(s).catch(() => setStatus(s, text(s, "failed")));
  }

  function close(s) {
    if (s.toggle) s.toggle.checked = false;
    s.input.blur();
  }

  function setStatus(s, message) {
    s.status.textContent = message;
  }

  function schedule(s) {
    clearTimeout(s.timer);
    s.timer = setTimeout(() => run(s), DEBOUNCE_MS);
  }

  /** Search for the box's query and type, then show the first page of results. */
  async function run(s) {
    const seq = ++s.seq;
    const query = s.input.value.trim();
    const type = s.select ? s.select.value : "";
    if (!query && !type) {
      s.list.setAttribute("aria-busy", "false");
      s.list.dataset.query = "";
      s.results = [];
      s.list.replaceChildren();
      s.more.hidden = true;
      setStatus(s, text(s, "placeholder"));
      return;
    }
    if (!s.pagefind) setStatus(s, text(s, "initializer"));
    s.list.setAttribute("aria-busy", "true");
    let search;
    try {
      const pf = await loadPagefind(s);
      search = await pf.search(query || null, type ? { filters: { [s.filterKey]: type } } : {});
    } catch (err) {
      if (seq === s.seq) setStatus(s, text(s, "failed"));
      console.error("fanzha search:", err);
      return;
    }
    if (seq !== s.seq || !search) return;  // a newer search has started
    s.results = search.results;
    s.shown = 0;
    s.list.replaceChildren();
    const n = s.results.length;
    setStatus(s, n === 0 ? text(s, "none") : n === 1 ? text(s, "one") : text(s, "other", n));
    updateFilterCounts(s, query ? search.totalFilters : null);
    await showMore(s, seq);
    if (seq !== s.seq) return;
    s.list.setAttribute("aria-busy", "false");
    s.list.dataset.query = query;  // which query the list shows (tests wait for it)
  }

  /** Render the next PAGE_SIZE results. */
  async function showMore(s, seq) {
    const batch = s.results.slice(s.shown, s.shown + PAGE_SIZE);
    const data = await Promise.all(batch.map((r) => r.data()));
    if (seq !== s.seq) return;
    for (const d of data) s.list.append(renderResult(s, d));
    s.shown += batch.length;
    s.more.hidden = s.shown >= s.results.length;
  }

  /** Show how many results each type has for this query (null: no query, plain names). */
  function updateFilterCounts(s, totals) {
    if (!s.select) return;
    const counts = (totals && totals[s.filterKey]) || null;
    for (const option of s.select.options) {
      if (!option.value) continue;
      const n = counts ? counts[option.value] || 0 : null;
      option.textContent = n === null ? option.value : `${option.value}（${n}）`;
    }
  }

  function element(tag, className, content) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (content !== undefined) el.textContent = content;
    return el;
  }

  /** An excerpt from Pagefind: its text is HTML-escaped, with only <mark> added (per its docs). */
  function excerpt(html) {
    const p = element("p", "fz-search__excerpt");
    p.innerHTML = html;
    return p;
  }

  function renderResult(s, d) {
    const item = element("li", "md-search-result__item");
    const link = element("a", "md-search-result__link");
    link.href = d.url;
    link.tabIndex = -1;
    link.dataset.fzPage = "";
    const article = element("article", "md-search-result__article md-typeset");
    article.append(element("div", "md-search-result__icon md-icon"));
    article.append(element("h1", "", (d.meta && d.meta.title) || d.url));
    if (d.excerpt) article.append(excerpt(d.excerpt));
    const types = (d.filters && d.filters[s.filterKey]) || [];
    if (types.length) {
      const tags = element("nav", "md-tags");
      for (const t of types) tags.append(element("span", "md-tag", t));
      article.append(tags);
    }
    link.append(article);
    item.append(link);
    for (const sub of bestSections(d)) item.append(renderSection(sub));
    return item;
  }

  /** The sections (headings with ids) that hold the most hits, in page order. */
  function bestSections(d) {
    const title = (d.meta && d.meta.title) || "";
    const subs = (d.sub_results || []).filter((r) => r.anchor && r.url !== d.url && r.title !== title);
    const hits = (r) => (r.locations ? r.locations.length : 0);
    const best = subs.slice().sort((a, b) => hits(b) - hits(a)).slice(0, SUB_RESULTS);
    return subs.filter((r) => best.includes(r));
  }

  function renderSection(sub) {
    const link = element("a", "md-search-result__link");
    link.href = sub.url;
    link.tabIndex = -1;
    const article = element("article", "md-search-result__article md-typeset");
    article.append(element("h2", "", sub.title));
    if (sub.excerpt) article.append(excerpt(sub.excerpt));
    link.append(article);
    return link;
  }

  function isEditable(el) {
    return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  /** Keys while the box is closed: open it, as Material does. */
  function onGlobalKey(s, ev) {
    if (!OPEN_KEYS.has(ev.key) || isEditable(document.activeElement) || document.fullscreenElement) return;
    ev.preventDefault();
    open(s);
    s.input.focus();
    s.input.select();
  }

  /** Keys while the box is open: Esc, Enter, arrows. */
  function onSearchKey(s, ev) {
    const links = [s.input, ...s.list.querySelectorAll("a[href]")];
    const active = document.activeElement;
    if (ev.key === "Escape") {
      ev.preventDefault();
      close(s);
    } else if (ev.key === "Enter" && active === s.input) {
      ev.preventDefault();
      const first = s.list.querySelector("a[data-fz-page]");
      if (first) first.click();
    } else if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (active === s.select) return;  // the menu's own arrows
      ev.preventDefault();
      const i = Math.max(0, links.indexOf(active));
      links[(i + links.length + (ev.key === "ArrowUp" ? -1 : 1)) % links.length].focus();
    }
  }

  function onKey(s, ev) {
    // Page scripts (quiz, projection) claim their keys with preventDefault; IME composition is typing.
    if (ev.defaultPrevented || ev.ctrlKey || ev.metaKey || ev.altKey || ev.isComposing || ev.keyCode === 229) return;
    if (s.toggle && s.toggle.checked) onSearchKey(s, ev);
    else onGlobalKey(s, ev);
  }

  function wire(s) {
    s.form.addEventListener("submit", (ev) => ev.preventDefault());
    s.form.addEventListener("reset", () => setTimeout(() => { s.input.focus(); run(s); }));
    s.input.addEventListener("focus", () => open(s));
    s.input.addEventListener("compositionstart", () => { s.composing = true; });
    s.input.addEventListener("compositionend", () => { s.composing = false; schedule(s); });
    s.input.addEventListener("input", () => { if (!s.composing) schedule(s); });
    if (s.select) s.select.addEventListener("change", () => run(s));
    s.more.addEventListener("click", () => showMore(s, s.seq));
    s.list.addEventListener("click", (ev) => { if (ev.target.closest("a")) close(s); });
    if (s.toggle) {
      s.toggle.addEventListener("change", () => (s.toggle.checked ? s.input.focus() : s.input.blur()));
    }
    for (const label of document.querySelectorAll("header [for=__search]")) {
      label.addEventListener("click", () => setTimeout(() => s.input.focus()));
    }
    window.addEventListener("keydown", (ev) => onKey(s, ev));
    // Tabbing past the box must not leave the panel open over the page, holding the arrow keys:
    // close it when focus moves out. A click inside the panel (on its text, say) is not leaving it.
    s.box.addEventListener("pointerdown", () => { s.pointerInside = true; });
    window.addEventListener("pointerup", () => setTimeout(() => { s.pointerInside = false; }));
    s.box.addEventListener("focusout", (ev) => {
      if (s.pointerInside || (ev.relatedTarget && s.box.contains(ev.relatedTarget))) return;
      setTimeout(() => {
        const now = document.activeElement;
        if (s.toggle && s.toggle.checked && !(now && s.box.contains(now)) && document.hasFocus()) close(s);
      });
    });
  }

  /** Mark the search terms on a page opened from a result (Pagefind adds ?pagefind-highlight=). */
  function highlightTerms(box) {
    if (!new URLSearchParams(location.search).has(HIGHLIGHT_PARAM)) return;
    const base = new URL(box.dataset.fzBase || "./", location.href);
    const bundle = new URL(box.dataset.fzBundle || "pagefind/", base);
    import(new URL("pagefind-highlight.js", bundle).href).then((m) => {
      new m.default({ highlightParam: HIGHLIGHT_PARAM, addStyles: false, markContext: "[data-pagefind-body]" });
    }).catch(() => {});
  }

  function start() {
    const box = document.querySelector("[data-fz-search]");
    if (!box || box.dataset.fzReady) return;
    box.dataset.fzReady = "1";
    const s = parts(box);
    wire(s);
    highlightTerms(box);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
