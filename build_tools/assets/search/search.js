/* fanzha search box: Pagefind's JS API behind Material's search UI.
 *
 * The markup is partials/search.html. Nothing is fetched for search until the
 * box is used: Pagefind's script and index load on first focus (or shortcut).
 * Keys as in Material: "/", "s" or "f" open the box; arrows move through the
 * results; Enter opens the first result; Esc closes. The panel also closes when
 * focus leaves it (Tab past the box), so the page gets its keys back.
 * Sentences, distress words, pinyin and staff pages: see "What a frightened student types" below.
 */
(() => {
  "use strict";

  const PAGE_SIZE = 10;          // results rendered at a time ("show more" adds the next ten)
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
      staff: box.querySelector("[data-fz-search-staff]"),  // "教师资料": staff pages in the results too
      words: null,               // Promise of the search words (words.json), once loading started
      wordsData: null,
      terms: [],                 // the current query's words to highlight
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
    loadWords(s);
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
      search = await smartSearch(s, pf, query, type);
    } catch (err) {
      if (seq === s.seq) setStatus(s, text(s, "failed"));
      console.error("fanzha search:", err);
      return;
    }
    if (seq !== s.seq || !search) return;  // a newer search has started
    s.results = search.results;
    s.terms = search.terms || [];  // the words to mark in excerpts (smartSearch)
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

  function renderResult(s, d) {
    const item = element("li", "md-search-result__item");
    const link = element("a", "md-search-result__link");
    link.href = withHighlight(d.url, s.terms);
    link.tabIndex = -1;
    link.dataset.fzPage = "";
    const article = element("article", "md-search-result__article md-typeset");
    article.append(element("div", "md-search-result__icon md-icon"));
    article.append(element("h1", "", (d.meta && d.meta.title) || d.url));
    const found = passages(s, d);
    if (found.text) article.append(passageElement(found.text, found.main));
    const types = (d.filters && d.filters[s.filterKey]) || [];
    if (types.length) {
      const tags = element("nav", "md-tags");
      for (const t of types) tags.append(element("span", "md-tag", t));
      article.append(tags);
    }
    link.append(article);
    item.append(link);
    for (const sub of found.subs) item.append(renderPassageSection(found.text, { ...sub, url: withHighlight(sub.url, s.terms) }));
    return item;
  }

  // ---- What a frightened student types (issue 14) ----------------------------------------
  // Pagefind requires every term of a query, so a sentence finds almost nothing. The box
  // therefore also looks up the query's terms one by one when all of them together find few
  // pages, and ranks pages by how many terms they hold. Search words from the content
  // (taxonomy.yml `search:`, pages' front matter, search.yml; build_tools/search/words.py),
  // fetched with Pagefind on first use, put the page a query names first: the emergency page
  // for distress words, a type's page for its name, slang, pinyin or a common typo.

  const FEW = 5;                 // fewer all-terms results than this: merge per-term lookups
  const MAX_TERMS = 5;           // per-term lookups at most (each may fetch a 20-30 KB index chunk)
  const EXCERPT_CHARS = 96;      // excerpt length, in characters
  const SECTION_SUBS = 2;        // sub-results under a page at most
  // Words that say nothing about the topic: pronouns, particles, question words.
  const STOP = new Set(("我 你 他 她 它 我们 你们 他们 的 地 得 了 着 过 吗 呢 吧 啊 呀 哦 嘛 么 是 在 有 和 与 及 或 就 都 也 " +
    "还 又 再 才 很 太 这 那 这个 那个 哪 哪个 哪里 什么 怎么 怎样 如何 为什么 为啥 能 能不能 可以 可不可以 会 要 想 该 应该 " +
    "被 把 让 给 对 从 到 去 来 说 个 一个 一下 一些 自己 别人 对方 现在 刚刚 刚才 已经 还能 还有 是不是 不是 没有 没 不 " +
    "请问 请 帮 帮我 吗？ 里 上 下 后 前 时 时候 多少 钱 元 块").split(" "));

  function loadWords(s) {
    if (!s.words) {
      const url = new URL(s.box.dataset.fzWords || "assets/fanzha/search/words.json", siteBase(s));
      s.words = fetch(url.href).then((r) => (r.ok ? r.json() : null)).catch(() => null);
    }
    return s.words;
  }

  /** As build_tools/search/words.py norm(): lower case, full-width made half-width, no spaces. */
  function norm(t) {
    return t.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
      .replace(/\s+/g, "").toLowerCase();
  }

  const LATIN = /^[0-9a-z]+$/;

  /** Does the normalised query hold `word`? Latin words must be a whole run of letters/digits. */
  function holds(q, runs, word) {
    return LATIN.test(word) ? runs.includes(word) || runs.join("") === word : q.includes(word);
  }

  /** What the query names: distress, pages to put first, extra words to look up. */
  function intentOf(words, query) {
    const out = { distress: false, pages: [], lookups: [], marks: [], names: {} };
    if (!words) return out;
    const q = norm(query);
    const runs = query.toLowerCase().match(/[0-9a-z\uff10-\uff19\uff41-\uff5a]+/g) || [];
    const latin = runs.map(norm);
    for (const w of words.distress || []) {
      if (holds(q, latin, w)) { out.distress = true; if (!LATIN.test(w) || w.length > 2) out.marks.push(w); }
    }
    const found = [];
    for (const p of words.pages || []) {
      let best = 0;
      for (const w of p.words) {
        if (holds(q, latin, w)) { best = Math.max(best, w.length); out.marks.push(w); out.names[w] = p.names || []; }
      }
      for (const [form, cjk] of Object.entries(p.as || {})) {
        if (holds(q, latin, form)) { best = Math.max(best, cjk.length); out.lookups.push(cjk); out.marks.push(cjk); }
      }
      if (best) found.push([best, p.page]);
    }
    found.sort((a, b) => b[0] - a[0]);
    out.pages = found.map((f) => f[1]).filter((page) => page !== words.emergency || !out.distress);
    out.lookups = [...new Set(out.lookups)];
    return out;
  }

  /** The query's own terms: words (Intl.Segmenter where there is one), stop words dropped, runs of
   * single Chinese characters joined (刷+单 → 刷单), single characters left out. */
  function termsOf(query) {
    let segs = [];
    if (typeof Intl !== "undefined" && Intl.Segmenter) {
      for (const seg of new Intl.Segmenter("zh", { granularity: "word" }).segment(query)) {
        segs.push(seg.isWordLike ? seg.segment : "");
      }
    } else {  // no segmenter: Latin/digit runs and Chinese pairs
      for (const part of query.split(/([0-9A-Za-z]+|[^\u3400-\u9fff0-9A-Za-z]+)/)) {
        if (/^[0-9A-Za-z]+$/.test(part)) segs.push(part);
        else if (/^[\u3400-\u9fff]+$/.test(part)) for (let i = 0; i + 1 < part.length; i += 2) segs.push(part.slice(i, i + 2));
        else segs.push("");
      }
    }
    const out = [];
    let run = "";
    const flush = () => { if (run.length >= 2) out.push(run); run = ""; };
    for (const seg of segs) {
      const cjkChar = /^[\u3400-\u9fff]$/.test(seg);
      if (cjkChar && !STOP.has(seg)) { run += seg; continue; }
      flush();
      if (seg.length >= 2 && !STOP.has(seg)) out.push(seg);
    }
    flush();
    return [...new Set(out.filter((t) => !STOP.has(t)))];
  }

  function baseFilters(s, type) {
    const filters = {};
    if (type) filters[s.filterKey] = type;
    const words = s.wordsData;
    if (words && words.audienceKey && !(s.staff && s.staff.checked)) filters[words.audienceKey] = words.students;
    return filters;
  }

  /** Search as the box does: all terms, then terms one by one if that finds few; named pages first. */
  async function smartSearch(s, pf, query, type) {
    const words = (s.wordsData = await loadWords(s));
    const filters = baseFilters(s, type);
    const opts = Object.keys(filters).length ? { filters } : {};
    const full = await pf.search(query || null, opts);
    if (!query || !full) return full;
    const it = intentOf(words, query);
    const own = termsOf(query);
    // The query without its stop words (怎么设置来电预警 → 设置 来电 预警): all of them, still required.
    const core = own.length >= 2 && own.join("") !== norm(query) ? [own.join(" ")] : [];
    const extra = [...core, ...it.lookups.filter((t) => norm(t) !== norm(query))];
    const partial = full.results.length < FEW
      ? [...new Set([...it.marks, ...own])].filter((t) => norm(t) !== norm(query) && !extra.includes(t)).slice(0, MAX_TERMS)
      : [];
    const key = words && words.targetKey;
    const pinned = key ? [...(it.distress && words.emergency ? [words.emergency] : []), ...it.pages] : [];
    const [more, named] = await Promise.all([
      Promise.all([...extra, ...partial].map((t) => pf.search(t, opts))),
      Promise.all(pinned.map((page) => pf.search(null, { filters: { ...filters, [key]: page } }))),
    ]);
    // A page's word that no page holds (a typo: 帮信最) is looked up as that page's names instead.
    const missed = partial.filter((t, i) => it.names[t] && !more[extra.length + i].results.length);
    const names = [...new Set(missed.flatMap((t) => it.names[t]))].filter((t) => !extra.includes(t));
    const renamed = await Promise.all(names.map((t) => pf.search(t, opts)));
    more.push(...renamed);
    // Rank: pages holding the whole query, then by terms held, then Pagefind's score.
    const table = new Map();
    // A term counts fully for the pages that hold it most (by Pagefind's score), less for the rest:
    // section listings hold every term somewhere, but none of them much.
    const add = (res, hits) => {
      const list = (res && res.results) || [];
      const top = list.length ? list[0].score || 1 : 1;
      for (const r of list) {
        const e = table.get(r.id) || { r, hits: 0, score: 0 };
        e.hits += hits * Math.sqrt(Math.min(1, r.score / top));
        e.score += r.score * hits;
        table.set(r.id, e);
      }
    };
    // Pages holding every word that matters rank first; the stop words (怎么, 吗) decide nothing.
    add(full, core.length ? 1 : MAX_TERMS + 2);
    more.forEach((res, i) => add(res, i < core.length ? MAX_TERMS + 2 : i < extra.length ? 2 : 1));
    const ranked = [...table.values()].sort((a, b) => b.hits - a.hits || b.score - a.score).map((e) => e.r);
    const first = [];
    for (const res of named) for (const r of (res && res.results) || []) if (!first.some((f) => f.id === r.id)) first.push(r);
    const results = [...first, ...ranked.filter((r) => !first.some((f) => f.id === r.id))];
    return { results, totalFilters: full.totalFilters, filters: full.filters, terms: markTerms(query, it, [...own, ...names]) };
  }

  /** The result's address, marking the same whole words on the page it opens (not Pagefind's single characters). */
  function withHighlight(url, terms) {
    const u = new URL(url, location.href);
    u.searchParams.delete(HIGHLIGHT_PARAM);
    for (const t of terms || []) u.searchParams.append(HIGHLIGHT_PARAM, t);
    return u.pathname + u.search + u.hash;
  }

  /** Words to highlight: whole words only, longest first; never a single Chinese character. */
  function markTerms(query, it, own) {
    const all = [query.trim(), ...query.trim().split(/\s+/), ...it.marks, ...it.lookups, ...own];
    return [...new Set(all.map((t) => t.toLowerCase()))]
      .filter((t) => t.length >= 2 && !STOP.has(t))
      .sort((a, b) => b.length - a.length);
  }

  /** [start, end) of every highlighted word in text, no overlaps. */
  function findMarks(text, terms) {
    const lower = text.toLowerCase();
    const spans = [];
    for (const t of terms) {
      for (let i = lower.indexOf(t); i >= 0; i = lower.indexOf(t, i + t.length)) {
        if (!spans.some(([a, b]) => i < b && i + t.length > a)) spans.push([i, i + t.length]);
      }
    }
    return spans.sort((a, b) => a[0] - b[0]);
  }

  const SENTENCE_END = /[。！？!?；;\n]|\.\s/g;

  /** Where sentences start in text[from, to): after 。！？；, after a block's ". ", at `from`. */
  function sentenceStarts(text, from, to) {
    const starts = [from];
    SENTENCE_END.lastIndex = from;
    for (let m = SENTENCE_END.exec(text); m && m.index < to; m = SENTENCE_END.exec(text)) {
      let i = m.index + m[0].length;
      while (i < to && /[\s.。，,、”’」』）)]/.test(text[i])) i++;
      if (i < to) starts.push(i);
    }
    return [...new Set(starts)];
  }

  /** The passage of text[from, to) that holds the most highlighted words, starting at a sentence. */
  function passage(text, spans, from, to) {
    const inside = spans.filter(([a, b]) => a >= from && b <= to);
    let best = { start: from, score: -1 };
    for (const start of sentenceStarts(text, from, to)) {
      const end = Math.min(to, start + EXCERPT_CHARS);
      const held = inside.filter(([a, b]) => a >= start && b <= end);
      const score = new Set(held.map(([a, b]) => text.slice(a, b).toLowerCase())).size * 100 +
        held.reduce((n, [a, b]) => n + b - a, 0) - (held.length ? (held[0][0] - start) / 1000 : 0);
      if (score > best.score) best = { start, score, held };
    }
    let start = best.start;
    const firstMark = best.held && best.held[0];
    if (firstMark && firstMark[0] - start > EXCERPT_CHARS - 24) {  // a long sentence: start at its clause
      const clause = Math.max(text.lastIndexOf("，", firstMark[0]), text.lastIndexOf(",", firstMark[0]));
      start = clause >= start ? clause + 1 : start;
    }
    const end = Math.min(to, start + EXCERPT_CHARS);
    return { start, end, marks: inside.filter(([a, b]) => a >= start && b <= end), more: end < to };
  }

  /** An excerpt element: the passage's text with its words in <mark> (text nodes; nothing parsed as HTML). */
  function passageElement(text, p) {
    const el = element("p", "fz-search__excerpt");
    let at = p.start;
    for (const [a, b] of p.marks) {
      el.append(document.createTextNode(text.slice(at, a)), element("mark", "", text.slice(a, b)));
      at = b;
    }
    el.append(document.createTextNode(text.slice(at, p.end).replace(/[.\s]+$/, "") + (p.more ? "…" : "")));
    return el;
  }

  /** The page's excerpt and its sections that add a different passage: [{title, url, passage}]. */
  function passages(s, d) {
    const text = d.content || "";
    const spans = findMarks(text, s.terms || []);
    const main = passage(text, spans, 0, text.length);
    const anchors = (d.anchors || []).filter((a) => a.id && a.text);
    const subs = [];
    let from = 0;
    const bounds = [];
    for (const a of anchors) {  // a section runs from its heading to the next one
      const at = text.indexOf(a.text, from);
      if (at < 0) continue;
      bounds.push({ a, at });
      from = at + a.text.length;
    }
    bounds.forEach((b, i) => {
      const end = i + 1 < bounds.length ? bounds[i + 1].at : text.length;
      const startText = b.at + b.a.text.length;
      if (!spans.some(([x, y]) => x >= startText && y <= end)) return;
      const p = passage(text, spans, startText, end);
      const overlaps = p.start < main.end && p.end > main.start;
      const title = (d.meta && d.meta.title) || "";
      if (!overlaps && p.marks.length && b.a.text !== title) {
        const sub = (d.sub_results || []).find((r) => r.url && r.url.endsWith("#" + b.a.id));
        subs.push({ title: b.a.text, url: sub ? sub.url : d.url.replace(/#.*$/, "") + "#" + b.a.id, p, hits: p.marks.length });
      }
    });
    const best = subs.slice().sort((x, y) => y.hits - x.hits).slice(0, SECTION_SUBS);
    return { text, main, subs: subs.filter((x) => best.includes(x)) };
  }

  function renderPassageSection(text, sub) {
    const link = element("a", "md-search-result__link");
    link.href = sub.url;
    link.tabIndex = -1;
    const article = element("article", "md-search-result__article md-typeset");
    article.append(element("h2", "", sub.title));
    article.append(passageElement(text, sub.p));
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
    if (s.staff) s.staff.addEventListener("change", () => run(s));
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
