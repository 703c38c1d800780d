/* fanzha: self-test practice (quizzes/<bank>/), its classroom mode, and the 错题本 page.
   The questions are in the page as HTML; the answer key is JSON in its data-fz-key. Options are
   shuffled on every attempt; each option keeps its original index (data-fz-opt), so checking
   never depends on the order shown. Progress stays in this browser (localStorage) only.
   错题本: every wrong answer, copied (as the page shows it) into localStorage "fanzha:cuoti",
   is due again after 1, 3 and 7 days; right on review → the next interval, wrong → 1 day again,
   right after the 7-day interval → mastered and removed. Nothing is ever sent anywhere.
   Written in ES5-level syntax on purpose: old in-app browsers must not choke on this file. */
(function () {
  "use strict";

  var fz = window.fanzha;
  var LETTERS = "ABCDEFGH";
  var STORE_PREFIX = "fanzha:quiz:";
  var NOTEBOOK_KEY = "fanzha:cuoti";
  var DAYS = [1, 3, 7]; // build_tools/pages/quizzes.py REVIEW_DAYS
  var DAY_MS = 24 * 3600 * 1000;
  var KINDS = { single: "单选", multiple: "多选", judge: "判断" };
  var activeQuiz = null; // the practice of the current page, for the P key

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function readStore(key) {
    try {
      return JSON.parse(window.localStorage.getItem(key) || "null");
    } catch (err) {
      return null; // storage blocked (private mode, some in-app browsers): practise without saving
    }
  }

  function writeStore(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch (err) { /* not saved; the page still works */ }
  }

  function load(bank) {
    var saved = readStore(STORE_PREFIX + bank);
    return saved && saved.v === 1 && saved.results ? saved.results : {};
  }

  function save(bank, results) {
    writeStore(STORE_PREFIX + bank, { v: 1, results: results, at: Date.now() });
  }

  function shuffle(items) {
    for (var i = items.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1)), t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    return items;
  }

  function sameSet(a, b) {
    if (a.length !== b.length) return false;
    var sa = a.slice().sort(), sb = b.slice().sort();
    return sa.every(function (x, i) { return x === sb[i]; });
  }

  function make(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function textOf(el, selector) {
    var found = el.querySelector(selector);
    return found ? found.textContent : "";
  }

  /* ---- 错题本: the wrong answers of every bank, with their review schedule ---- */

  /* Midnight (local time) `days` days after the day of `now`. */
  function dayAfter(now, days) {
    var d = new Date(now);
    d.setHours(0, 0, 0, 0);
    d.setDate(d.getDate() + days);
    return d.getTime();
  }

  var notebook = {
    items: function () {
      var saved = readStore(NOTEBOOK_KEY);
      return saved && saved.v === 1 && saved.items && typeof saved.items === "object" ? saved.items : {};
    },
    store: function (items) { writeStore(NOTEBOOK_KEY, { v: 1, items: items }); },
    key: function (bank, id) { return bank + "/" + id; },
    isDue: function (item, now) { return item.due <= now; },
    /* A wrong answer (practice or review): into the notebook, due again after DAYS[0] days. */
    wrong: function (entry, now) {
      var items = this.items(), k = this.key(entry.bank, entry.id), old = items[k];
      entry.level = 0;
      entry.due = dayAfter(now, DAYS[0]);
      entry.wrongs = (old && old.wrongs || 0) + 1;
      entry.added = old && old.added || now;
      entry.last = now;
      items[k] = entry;
      this.store(items);
      return entry;
    },
    /* A right answer to a question that is due: the next interval, or mastered (removed).
       Returns the item (null when mastered); a question not due, or not in the notebook, is left alone. */
    right: function (bank, id, now) {
      var items = this.items(), k = this.key(bank, id), item = items[k];
      if (!item || !this.isDue(item, now)) return item || null;
      if (item.level >= DAYS.length - 1) {
        delete items[k];
        this.store(items);
        return null;
      }
      item.level += 1;
      item.due = dayAfter(now, DAYS[item.level]);
      item.last = now;
      this.store(items);
      return item;
    },
    dueCount: function (now) {
      var items = this.items(), self = this;
      return Object.keys(items).filter(function (k) { return self.isDue(items[k], now); }).length;
    }
  };

  /* One question on the page. */
  function Question(el, key) {
    this.el = el;
    this.id = key.id;
    this.kind = key.kind;
    this.answer = key.answer;
    this.box = el.querySelector("[data-fz-options]");
    this.feedback = el.querySelector("[data-fz-feedback]");
    this.verdict = el.querySelector("[data-fz-verdict]");
  }

  Question.prototype.options = function () {
    return Array.prototype.slice.call(this.box.querySelectorAll("[data-fz-opt]"));
  };

  Question.prototype.original = function (label) {
    return parseInt(label.getAttribute("data-fz-opt"), 10);
  };

  /* A fresh attempt: nothing chosen, options in a new order (judge stays 正确/错误). */
  Question.prototype.reset = function () {
    var self = this, labels = this.options();
    if (this.kind !== "judge") {
      shuffle(labels).forEach(function (label) { self.box.appendChild(label); });
    }
    this.options().forEach(function (label, pos) {
      label.classList.remove("fz-opt--answer", "fz-opt--wrong", "fz-opt--chosen", "fz-opt--missed");
      label.querySelector("[data-fz-letter]").textContent = LETTERS.charAt(pos);
      var mark = label.querySelector("[data-fz-mark]");
      if (mark) mark.textContent = "";
      var input = label.querySelector("input");
      input.checked = false;
      input.disabled = false;
    });
    this.el.querySelector("[data-fz-check]").disabled = false;
    this.el.classList.remove("fz-q--right", "fz-q--wrong");
    this.feedback.hidden = true;
  };

  Question.prototype.chosen = function () {
    var self = this;
    return this.options().filter(function (l) { return l.querySelector("input").checked; })
      .map(function (l) { return self.original(l); });
  };

  Question.prototype.select = function (originals) {
    var self = this;
    this.options().forEach(function (label) {
      label.querySelector("input").checked = originals.indexOf(self.original(label)) >= 0;
    });
  };

  /* Letters, as shown now, of the correct options; for judge questions the word itself. */
  Question.prototype.answerText = function () {
    var self = this, shown = [];
    this.options().forEach(function (label, pos) {
      if (self.answer.indexOf(self.original(label)) < 0) return;
      shown.push(self.kind === "judge" ? label.querySelector("[data-fz-opt-text]").textContent : LETTERS.charAt(pos));
    });
    return shown.join("、");
  };

  /* The question as the page shows it, in the file's option order: an entry for the 错题本. */
  Question.prototype.entry = function (quiz, chosen) {
    var self = this;
    var labels = this.options().sort(function (a, b) { return self.original(a) - self.original(b); });
    return {
      bank: quiz.bank, id: this.id, title: quiz.title, page: quiz.page, kind: this.kind,
      num: parseInt(textOf(this.el, "[data-fz-num]"), 10) || 0,
      stem: textOf(this.el, "[data-fz-stem]"),
      options: labels.map(function (l) { return textOf(l, "[data-fz-opt-text]"); }),
      answer: this.answer.slice(), chosen: chosen.slice(),
      explanation: textOf(this.el, "[data-fz-explain-text]")
    };
  };

  /* Mark the options and show the explanation. Returns whether the choice was right. */
  Question.prototype.showResult = function (chosen) {
    var self = this, right = sameSet(chosen, this.answer);
    this.options().forEach(function (label) {
      var i = self.original(label), input = label.querySelector("input");
      markOption(label, self.kind, self.answer.indexOf(i) >= 0, chosen.indexOf(i) >= 0);
      input.disabled = true;
    });
    this.el.querySelector("[data-fz-check]").disabled = true;
    this.el.classList.toggle("fz-q--right", right);
    this.el.classList.toggle("fz-q--wrong", !right);
    this.verdict.textContent = right ? "✓ 回答正确" : "✗ 回答错误。正确答案：" + this.answerText();
    this.feedback.hidden = false;
    this.el.querySelector("[data-fz-explain]").hidden = false;
    return right;
  };

  /* Colour and words for one option after 提交: green for every correct option, red for a wrong pick;
     the words (✓/✗ and what happened) say the same for readers who cannot tell the colours apart. */
  function markOption(label, kind, correct, picked) {
    label.classList.toggle("fz-opt--answer", correct);
    label.classList.toggle("fz-opt--wrong", picked && !correct);
    label.classList.toggle("fz-opt--chosen", picked);
    label.classList.toggle("fz-opt--missed", correct && !picked);
    var mark = label.querySelector("[data-fz-mark]");
    if (!mark) return;
    if (correct && picked) mark.textContent = "✓ 选对";
    else if (correct) mark.textContent = kind === "multiple" ? "✓ 漏选" : "✓ 正确答案";
    else if (picked) mark.textContent = "✗ 选错";
    else mark.textContent = "";
  }

  /* The practice on one page. */
  function Quiz(root) {
    var self = this;
    var key = JSON.parse(root.getAttribute("data-fz-key"));
    this.root = root;
    this.bank = key.bank;
    this.title = key.title || "";
    this.page = key.page || "";
    this.passMark = key.passMark;
    this.questions = key.questions.map(function (k) {
      return new Question(root.querySelector('[data-fz-q="' + k.id + '"]'), k);
    }).filter(function (q) { return q.el; });
    this.results = {}; // id -> {ok, chosen}: what the page shows now
    this.saved = {}; // id -> {ok, chosen}: the last answer to each question, as stored
    this.only = null; // ids shown while retrying wrong answers, or null for all
    this.questions.forEach(function (q) {
      q.reset();
      q.el.querySelector("[data-fz-check]").addEventListener("click", function () { self.check(q); });
    });
    this.restore(load(this.bank));
    this.bind();
    this.update();
    this.classroom = new Classroom(this);
    root.classList.add("fz-ready"); // shows the controls and the shuffled questions
  }

  Quiz.prototype.bind = function () {
    var self = this;
    var actions = {
      retry: function () { self.retryWrong(); },
      restart: function () { self.restart(); },
      all: function () { self.showAll(); },
      classroom: function () { self.classroom.open(); }
    };
    each(this.root.querySelectorAll(".fz-quiz-bar [data-fz-action], [data-fz-done] [data-fz-action]"), function (button) {
      button.addEventListener("click", actions[button.getAttribute("data-fz-action")]);
    });
  };

  Quiz.prototype.restore = function (saved) {
    var self = this;
    this.questions.forEach(function (q) {
      var r = saved[q.id];
      if (!r || !Array.isArray(r.chosen)) return;
      var valid = q.options().map(function (l) { return q.original(l); });
      var chosen = r.chosen.filter(function (i) { return valid.indexOf(i) >= 0; });
      if (!chosen.length) return;
      q.select(chosen);
      self.results[q.id] = self.saved[q.id] = { ok: q.showResult(chosen), chosen: chosen };
    });
  };

  Quiz.prototype.check = function (q) {
    var chosen = q.chosen();
    if (!chosen.length) {
      q.verdict.textContent = "请先选择" + (q.kind === "multiple" ? "一个或多个选项" : "一个选项");
      q.feedback.hidden = false;
      q.el.querySelector("[data-fz-explain]").hidden = true;
      q.verdict.focus({ preventScroll: true });
      return;
    }
    var ok = q.showResult(chosen), now = Date.now();
    this.results[q.id] = this.saved[q.id] = { ok: ok, chosen: chosen };
    save(this.bank, this.saved);
    if (ok) notebook.right(this.bank, q.id, now); else notebook.wrong(q.entry(this, chosen), now);
    this.update();
    q.verdict.focus({ preventScroll: true });
    var box = q.feedback.getBoundingClientRect();
    if (box.bottom > window.innerHeight) q.feedback.scrollIntoView({ block: "nearest" });
  };

  Quiz.prototype.wrongIds = function () {
    var self = this;
    return this.questions.filter(function (q) { return self.results[q.id] && !self.results[q.id].ok; })
      .map(function (q) { return q.id; });
  };

  /* Only the wrong ones again. What is stored stays until each is answered anew, and the 错题本
     keeps them whatever happens here. */
  Quiz.prototype.retryWrong = function () {
    var self = this, wrong = this.wrongIds();
    if (!wrong.length) return;
    this.only = wrong;
    this.questions.forEach(function (q) {
      var again = wrong.indexOf(q.id) >= 0;
      if (again) { delete self.results[q.id]; q.reset(); }
      q.el.hidden = !again;
    });
    this.update();
    this.focusFirst();
  };

  Quiz.prototype.restart = function () {
    this.results = {};
    this.saved = {};
    this.only = null;
    this.questions.forEach(function (q) { q.reset(); q.el.hidden = false; });
    save(this.bank, this.saved);
    this.update();
    this.focusFirst();
  };

  Quiz.prototype.showAll = function () {
    this.only = null;
    this.questions.forEach(function (q) { q.el.hidden = false; });
    this.update();
  };

  Quiz.prototype.focusFirst = function () {
    var first = this.questions.filter(function (q) { return !q.el.hidden; })[0];
    if (!first) return;
    first.el.scrollIntoView({ block: "start" });
    first.el.querySelector("input").focus({ preventScroll: true });
  };

  Quiz.prototype.update = function () {
    var self = this, total = this.questions.length;
    var answered = this.questions.filter(function (q) { return self.results[q.id]; });
    var right = answered.filter(function (q) { return self.results[q.id].ok; }).length;
    var wrong = answered.length - right;
    this.root.querySelector("[data-fz-score]").textContent =
      "已答 " + answered.length + " / " + total + " 题，答对 " + right + " 题" + (wrong ? "，答错 " + wrong + " 题" : "");
    each(this.root.querySelectorAll("[data-fz-action=retry]"), function (retry) {
      retry.disabled = !wrong;
      retry.textContent = wrong ? "重做错题（" + wrong + "）" : "重做错题";
    });
    var all = this.root.querySelector("[data-fz-action=all]");
    if (all) all.hidden = !this.only;
    var done = this.root.querySelector("[data-fz-done]");
    done.hidden = answered.length < total;
    if (!done.hidden) {
      var score = Math.round(100 * right / total);
      done.querySelector("[data-fz-done-score]").textContent = "得分 " + score + " 分（答对 " + right + " / " + total +
        " 题）。及格线 " + this.passMark + " 分：" + (score >= this.passMark ? "及格，继续保持！" : "未及格，重做错题再试一次。");
    }
  };

  function clock(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000));
    return Math.floor(s / 60) + ":" + (s % 60 < 10 ? "0" : "") + (s % 60);
  }

  /* Classroom mode: one question at a time on the big screen; the answer appears on a key press.
     With a countdown (data-fz-seconds > 0), each question's time starts when it is shown. */
  function Classroom(quiz) {
    var self = this;
    this.quiz = quiz;
    this.stage = quiz.root.querySelector("[data-fz-classroom]");
    this.body = this.stage.querySelector("[data-fz-body]");
    this.button = this.stage.querySelector("[data-fz-reveal]");
    this.timerEl = this.stage.querySelector("[data-fz-timer]");
    this.bar = this.stage.querySelector("[data-fz-progress]");
    this.total = (parseInt(quiz.root.getAttribute("data-fz-seconds"), 10) || 0) * 1000;
    this.index = 0;
    this.revealed = false;
    this.timer = null;
    this.startedAt = null;
    var actions = {
      prev: function () { self.go(self.index - 1); }, next: function () { self.go(self.index + 1); },
      reveal: function () { self.advance(); }, exit: function () { fz.stage.close(); }
    };
    each(this.stage.querySelectorAll("[data-fz-action]"), function (button) {
      button.addEventListener("click", actions[button.getAttribute("data-fz-action")]);
    });
  }

  Classroom.prototype.open = function () {
    var self = this;
    fz.stage.open(this.stage, {
      onKey: function (ev) { return self.key(ev); },
      onResize: function () { self.fit(); },
      onClose: function () { self.stop(); },
      returnFocus: this.quiz.root.querySelector(".fz-quiz-bar [data-fz-action=classroom]")
    });
    this.go(this.index);
  };

  /* Build the question's screen from the page's own text (textContent: never parsed as HTML).
     The explanation is laid out from the start, invisible, so revealing moves and resizes nothing. */
  Classroom.prototype.go = function (i) {
    var qs = this.quiz.questions;
    this.index = Math.max(0, Math.min(qs.length - 1, i));
    this.revealed = false;
    var q = qs[this.index], body = this.body;
    body.textContent = "";
    body.classList.remove("fz-revealed");
    var stem = make("p", "fz-classroom__stem");
    stem.appendChild(make("span", "fz-classroom__num", (this.index + 1) + "."));
    stem.appendChild(make("span", "fz-q__kind", textOf(q.el, ".fz-q__kind")));
    stem.appendChild(document.createTextNode(textOf(q.el, "[data-fz-stem]")));
    body.appendChild(stem);
    var list = make("ol", "fz-classroom__options");
    var labels = q.options().sort(function (a, b) { return q.original(a) - q.original(b); });
    labels.forEach(function (label, pos) {
      var item = make("li", "fz-classroom__option");
      if (q.answer.indexOf(q.original(label)) >= 0) item.setAttribute("data-fz-answer", "");
      item.appendChild(make("span", "fz-opt__letter", LETTERS.charAt(pos)));
      item.appendChild(make("span", "fz-opt__text", textOf(label, "[data-fz-opt-text]")));
      item.appendChild(make("span", "fz-classroom__mark", "✓"));
      list.appendChild(item);
    });
    body.appendChild(list);
    var explain = make("p", "fz-classroom__explain", "解析：" + textOf(q.el, "[data-fz-explain-text]"));
    explain.setAttribute("aria-hidden", "true");
    body.appendChild(explain);
    this.stage.querySelector("[data-fz-count]").textContent = (this.index + 1) + " / " + qs.length;
    this.button.textContent = "显示答案（空格）";
    this.fit();
    this.startClock();
  };

  Classroom.prototype.reveal = function () {
    this.revealed = true;
    this.body.classList.add("fz-revealed");
    this.body.querySelector(".fz-classroom__explain").removeAttribute("aria-hidden");
    var last = this.index >= this.quiz.questions.length - 1;
    this.button.textContent = last ? "已是最后一题" : "下一题（空格）";
    this.stop();
  };

  /* Space, Enter or the big button: the answer first, then the next question. */
  Classroom.prototype.advance = function () {
    if (this.revealed) this.go(this.index + 1); else this.reveal();
  };

  Classroom.prototype.fit = function () {
    var h = this.stage.clientHeight || window.innerHeight;
    fz.fitText(this.body, Math.max(28, Math.round(h / 14)), 18);
  };

  Classroom.prototype.remaining = function () {
    return this.startedAt === null ? 0 : Math.max(0, this.total - (Date.now() - this.startedAt));
  };

  Classroom.prototype.startClock = function () {
    this.stop();
    if (!this.total || !this.timerEl) return;
    var self = this;
    this.startedAt = Date.now();
    this.stage.classList.remove("fz-time-up");
    this.timer = window.setInterval(function () { self.render(); }, 200);
    this.render();
  };

  Classroom.prototype.render = function () {
    if (!this.timerEl) return;
    var left = this.remaining();
    this.timerEl.textContent = left > 0 ? clock(left) : "时间到";
    if (this.bar) this.bar.style.width = (100 * (1 - left / this.total)) + "%";
    this.stage.classList.toggle("fz-time-up", left <= 0);
    if (left <= 0) this.stop();
  };

  Classroom.prototype.stop = function () {
    window.clearInterval(this.timer);
    this.timer = null;
  };

  Classroom.prototype.key = function (ev) {
    var k = ev.key;
    if (k === " " || k === "Spacebar" || k === "Enter") {
      if (ev.target && ev.target.tagName === "BUTTON" && k === "Enter") return false; // the button's own click
      this.advance();
    } else if (k === "ArrowRight" || k === "ArrowDown" || k === "PageDown") this.go(this.index + 1);
    else if (k === "ArrowLeft" || k === "ArrowUp" || k === "PageUp") this.go(this.index - 1);
    else if (k === "Home") this.go(0);
    else if (k === "End") this.go(this.quiz.questions.length - 1);
    else return false;
    return true;
  };

  /* On the practice index: what this browser remembers of each bank, and what is due in the 错题本. */
  function showProgress(el) {
    var results = load(el.getAttribute("data-fz-quiz-progress"));
    var ids = Object.keys(results);
    if (!ids.length) return;
    var right = ids.filter(function (id) { return results[id] && results[id].ok; }).length;
    el.textContent = "上次练习：已答 " + ids.length + " 题，答对 " + right + " 题";
    el.hidden = false;
  }

  function showDue(el) {
    var n = notebook.dueCount(Date.now());
    el.textContent = n ? "今天该复习 " + n + " 题" : "";
    el.hidden = !n;
  }

  /* ---- The 错题本 page ---- */

  function Notebook(root) {
    this.root = root;
    this.base = root.getAttribute("data-fz-root") || "./";
    this.list = root.querySelector("[data-fz-cuoti-list]");
    this.summary = root.querySelector("[data-fz-cuoti-summary]");
    this.empty = root.querySelector("[data-fz-cuoti-empty]");
    var self = this;
    this.refresh().then(function () { self.render(); }, function () { self.render(); });
  }

  /* Bring each entry up to date from its bank's page as published now: a question no longer on it
     (removed, or made exam_only) leaves the notebook; changed text or answers are taken over.
     Pages that cannot be fetched (offline, file://) leave their entries as they were stored. */
  Notebook.prototype.refresh = function () {
    var self = this, items = notebook.items(), pages = {};
    Object.keys(items).forEach(function (k) {
      var it = items[k];
      if (valid(it) && typeof it.page === "string" && it.page) (pages[it.page] = pages[it.page] || []).push(k);
    });
    var urls = Object.keys(pages);
    if (!urls.length || !window.fetch || !window.DOMParser || !window.Promise) return Promise.resolve();
    var fetches = urls.map(function (page) {
      return window.fetch(self.base + page, { credentials: "same-origin" }).then(function (r) {
        if (r.status === 404 || r.status === 410) return "";
        return r.ok ? r.text() : null;
      }).then(function (html) { return [page, html]; }, function () { return [page, null]; });
    });
    return Promise.all(fetches).then(function (answers) {
      var changed = false;
      answers.forEach(function (pair) {
        var keys = pages[pair[0]], html = pair[1];
        if (html === null) return; // not reachable: keep what is stored
        var doc = html ? new window.DOMParser().parseFromString(html, "text/html") : null;
        var root = doc && doc.querySelector("[data-fz-quiz]"), key = null;
        try { key = root ? JSON.parse(root.getAttribute("data-fz-key")) : null; } catch (err) { key = null; }
        keys.forEach(function (k) {
          var it = items[k], q = key && key.questions.filter(function (x) { return x.id === it.id; })[0];
          var el = q && root.querySelector('[data-fz-q="' + q.id + '"]');
          if (!el) { delete items[k]; changed = true; return; }
          var opts = Array.prototype.slice.call(el.querySelectorAll("[data-fz-opt]")).sort(function (a, b) {
            return parseInt(a.getAttribute("data-fz-opt"), 10) - parseInt(b.getAttribute("data-fz-opt"), 10);
          });
          it.kind = q.kind;
          it.answer = q.answer.slice();
          it.title = key.title || it.title;
          it.stem = textOf(el, "[data-fz-stem]");
          it.options = opts.map(function (o) { return textOf(o, "[data-fz-opt-text]"); });
          it.explanation = textOf(el, "[data-fz-explain-text]");
          it.num = parseInt(textOf(el, "[data-fz-num]"), 10) || it.num;
          it.chosen = it.chosen.filter(function (i) { return i < it.options.length; });
          changed = true;
        });
      });
      if (changed) notebook.store(items);
    });
  };

  function letters(indexes) {
    return indexes.slice().sort(function (a, b) { return a - b; })
      .map(function (i) { return LETTERS.charAt(i); }).join("、");
  }

  function answerWords(item, indexes) {
    if (item.kind === "judge") return indexes.map(function (i) { return item.options[i] || ""; }).join("、");
    return letters(indexes);
  }

  function dateText(ms) {
    var d = new Date(ms);
    return (d.getMonth() + 1) + "月" + d.getDate() + "日";
  }

  function valid(item) {
    return item && typeof item.stem === "string" && Array.isArray(item.options) && Array.isArray(item.answer) &&
      Array.isArray(item.chosen) && typeof item.due === "number";
  }

  Notebook.prototype.render = function () {
    var self = this, now = Date.now(), items = notebook.items();
    var keys = Object.keys(items).filter(function (k) { return valid(items[k]); });
    keys.sort(function (a, b) { return (items[a].due - items[b].due) || (a < b ? -1 : 1); });
    this.list.textContent = "";
    keys.forEach(function (k) { self.list.appendChild(self.item(items[k], now)); });
    this.empty.hidden = keys.length > 0;
    this.count(now);
    this.root.classList.add("fz-ready");
  };

  Notebook.prototype.count = function (now) {
    var items = notebook.items(), keys = Object.keys(items).filter(function (k) { return valid(items[k]); });
    var due = keys.filter(function (k) { return notebook.isDue(items[k], now); }).length;
    this.summary.textContent = keys.length ? "今天该复习 " + due + " 题，错题本里共 " + keys.length + " 题。" : "";
  };

  function scheduleText(item, now) {
    if (!item) return "已掌握：这道题已移出错题本。";
    if (item.due <= now) return "今天该复习";
    var days = Math.round((item.due - dayAfter(now, 0)) / DAY_MS);
    return "下次复习：" + dateText(item.due) + "（" + days + " 天后）";
  }

  /* One notebook entry. A due entry is a question to answer again (its answer shown after 提交);
     one not yet due shows the student's answer, the right answer and the explanation. */
  Notebook.prototype.item = function (item, now) {
    var self = this, due = notebook.isDue(item, now);
    var li = make("li", "fz-q fz-cuoti__item");
    li.id = "cuoti-" + item.bank + "-" + item.id;
    li.setAttribute("data-fz-cuoti-item", notebook.key(item.bank, item.id));
    var meta = make("p", "fz-cuoti__meta");
    var link = make("a", "", (item.title || item.bank) + (item.num ? " 第 " + item.num + " 题" : ""));
    link.href = this.base + (item.page || "") + "#q-" + item.id;
    meta.appendChild(link);
    var when = make("span", "fz-cuoti__when" + (due ? " fz-cuoti__when--due" : ""), " · " + scheduleText(item, now));
    when.setAttribute("data-fz-cuoti-when", "");
    meta.appendChild(when);
    li.appendChild(meta);
    var form = make("fieldset", "fz-q__fieldset");
    var legend = make("legend", "fz-q__stem");
    legend.appendChild(make("span", "fz-q__kind", KINDS[item.kind] || ""));
    legend.appendChild(make("span", "", item.stem));
    form.appendChild(legend);
    var box = make("div", "fz-options");
    var name = "cuoti-" + item.bank + "-" + item.id;
    item.options.forEach(function (text, i) {
      var label = make("label", "fz-opt");
      label.setAttribute("data-fz-opt", String(i));
      if (due) { // only a question due for review is answered again
        var input = document.createElement("input");
        input.type = item.kind === "multiple" ? "checkbox" : "radio";
        input.name = name;
        input.value = String(i);
        label.appendChild(input);
      }
      label.appendChild(make("span", "fz-opt__letter", LETTERS.charAt(i)));
      label.appendChild(make("span", "fz-opt__text", text));
      var mark = make("span", "fz-opt__mark");
      mark.setAttribute("data-fz-mark", "");
      label.appendChild(mark);
      box.appendChild(label);
    });
    form.appendChild(box);
    li.appendChild(form);
    var feedback = make("div", "fz-feedback");
    feedback.setAttribute("data-fz-feedback", "");
    var verdict = make("p", "fz-feedback__verdict");
    verdict.setAttribute("data-fz-verdict", "");
    verdict.setAttribute("role", "status");
    verdict.setAttribute("aria-live", "polite");
    verdict.tabIndex = -1;
    feedback.appendChild(verdict);
    var mine = make("p", "fz-cuoti__mine", "你上次的答案：" + answerWords(item, item.chosen) +
      "；正确答案：" + answerWords(item, item.answer) + "。");
    mine.setAttribute("data-fz-cuoti-answers", "");
    feedback.appendChild(mine);
    var explain = make("p", "fz-feedback__explain");
    explain.appendChild(make("strong", "", "解析："));
    explain.appendChild(document.createTextNode(item.explanation || ""));
    feedback.appendChild(explain);
    li.appendChild(feedback);
    var labels = box.querySelectorAll("label");
    if (due) {
      feedback.hidden = true;
      var actions = make("p", "fz-q__actions");
      var button = make("button", "md-button md-button--primary fz-button", "提交");
      button.type = "button";
      button.setAttribute("data-fz-check", "");
      actions.appendChild(button);
      li.insertBefore(actions, feedback);
      button.addEventListener("click", function () { self.review(item, li, labels, verdict, feedback, button); });
    } else {
      each(labels, function (label, i) {
        markOption(label, item.kind, item.answer.indexOf(i) >= 0, item.chosen.indexOf(i) >= 0);
      });
      li.classList.add("fz-q--wrong");
    }
    return li;
  };

  Notebook.prototype.review = function (item, li, labels, verdict, feedback, button) {
    var chosen = [];
    each(labels, function (label, i) { if (label.querySelector("input").checked) chosen.push(i); });
    if (!chosen.length) {
      verdict.textContent = "请先选择" + (item.kind === "multiple" ? "一个或多个选项" : "一个选项");
      feedback.hidden = false;
      each(feedback.querySelectorAll("p:not([data-fz-verdict])"), function (p) { p.hidden = true; });
      verdict.focus({ preventScroll: true });
      return;
    }
    each(feedback.querySelectorAll("p"), function (p) { p.hidden = false; });
    var now = Date.now(), right = sameSet(chosen, item.answer), after;
    if (right) {
      after = notebook.right(item.bank, item.id, now);
    } else {
      item.chosen = chosen;
      after = notebook.wrong(item, now);
    }
    each(labels, function (label, i) {
      markOption(label, item.kind, item.answer.indexOf(i) >= 0, chosen.indexOf(i) >= 0);
      label.querySelector("input").disabled = true;
    });
    button.disabled = true;
    li.classList.toggle("fz-q--right", right);
    li.classList.toggle("fz-q--wrong", !right);
    li.querySelector("[data-fz-cuoti-answers]").textContent = "你这次的答案：" + answerWords(item, chosen) +
      "；正确答案：" + answerWords(item, item.answer) + "。";
    var next = scheduleText(after, now);
    var when = li.querySelector("[data-fz-cuoti-when]");
    when.textContent = " · " + next;
    when.classList.toggle("fz-cuoti__when--due", !!after && notebook.isDue(after, now));
    verdict.textContent = (right ? "✓ 回答正确。" : "✗ 回答错误，1 天后再复习。") + (right ? next : "");
    feedback.hidden = false;
    this.count(now);
    verdict.focus({ preventScroll: true });
  };

  // P opens classroom mode, as it opens projection on a clip
  fz.onProjectKey(function () { return activeQuiz ? (activeQuiz.classroom.open(), true) : false; });

  fz.onPage(function () {
    activeQuiz = null;
    each(document.querySelectorAll("[data-fz-quiz]"), function (root) { activeQuiz = new Quiz(root); });
    each(document.querySelectorAll("[data-fz-quiz-progress]"), showProgress);
    each(document.querySelectorAll("[data-fz-cuoti-due]"), showDue);
    each(document.querySelectorAll("[data-fz-cuoti]"), function (root) { new Notebook(root); });
  });
})();
