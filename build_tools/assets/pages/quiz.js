/* fanzha: self-test practice (quizzes/<bank>/) and its classroom mode.
   The questions are in the page as HTML; the answer key is JSON in its data-fz-key. Options are
   shuffled on every attempt; each option keeps its original index (data-fz-opt), so checking
   never depends on the order shown. Progress stays in this browser (localStorage) only.
   Written in ES5-level syntax on purpose: old in-app browsers must not choke on this file. */
(function () {
  "use strict";

  var fz = window.fanzha;
  var LETTERS = "ABCDEFGH";
  var STORE_PREFIX = "fanzha:quiz:";

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function load(bank) {
    try {
      var saved = JSON.parse(window.localStorage.getItem(STORE_PREFIX + bank) || "null");
      return saved && saved.v === 1 && saved.results ? saved.results : {};
    } catch (err) {
      return {}; // storage blocked (private mode, some in-app browsers): practise without saving
    }
  }

  function save(bank, results) {
    try {
      window.localStorage.setItem(STORE_PREFIX + bank, JSON.stringify({ v: 1, results: results, at: Date.now() }));
    } catch (err) { /* not saved; the page still works */ }
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
      label.classList.remove("fz-opt--answer", "fz-opt--wrong");
      label.querySelector("[data-fz-letter]").textContent = LETTERS.charAt(pos);
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

  /* Mark the options and show the explanation. Returns whether the choice was right. */
  Question.prototype.showResult = function (chosen) {
    var self = this, right = sameSet(chosen, this.answer);
    this.options().forEach(function (label) {
      var i = self.original(label), input = label.querySelector("input");
      label.classList.toggle("fz-opt--answer", self.answer.indexOf(i) >= 0);
      label.classList.toggle("fz-opt--wrong", chosen.indexOf(i) >= 0 && self.answer.indexOf(i) < 0);
      input.disabled = true;
    });
    this.el.querySelector("[data-fz-check]").disabled = true;
    this.el.classList.toggle("fz-q--right", right);
    this.el.classList.toggle("fz-q--wrong", !right);
    this.verdict.textContent = right ? "✓ 回答正确" : "✗ 回答错误。正确答案：" + this.answerText();
    this.feedback.hidden = false;
    return right;
  };

  /* The practice on one page. */
  function Quiz(root) {
    var self = this;
    var key = JSON.parse(root.getAttribute("data-fz-key"));
    this.root = root;
    this.bank = key.bank;
    this.passMark = key.passMark;
    this.questions = key.questions.map(function (k) {
      return new Question(root.querySelector('[data-fz-q="' + k.id + '"]'), k);
    }).filter(function (q) { return q.el; });
    this.results = {}; // id -> {ok, chosen}; only questions of this page are kept
    this.only = null; // ids shown while retrying wrong answers, or null for all
    this.questions.forEach(function (q) {
      q.reset();
      q.el.querySelector("[data-fz-check]").addEventListener("click", function () { self.check(q); });
    });
    this.restore(load(this.bank));
    this.bind();
    this.update();
    this.classroom = new Classroom(this);
    root.classList.add("fz-ready"); // shows the controls, which do nothing without this script
  }

  Quiz.prototype.bind = function () {
    var self = this;
    var actions = {
      retry: function () { self.retryWrong(); },
      restart: function () { self.restart(); },
      all: function () { self.showAll(); },
      classroom: function () { self.classroom.open(); }
    };
    each(this.root.querySelectorAll(".fz-quiz-bar [data-fz-action]"), function (button) {
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
      self.results[q.id] = { ok: q.showResult(chosen), chosen: chosen };
    });
  };

  Quiz.prototype.check = function (q) {
    var chosen = q.chosen();
    if (!chosen.length) {
      q.verdict.textContent = "请先选择" + (q.kind === "multiple" ? "一个或多个选项" : "一个选项");
      q.feedback.hidden = false;
      q.el.querySelector("[data-fz-explain]").hidden = true;
      return;
    }
    q.el.querySelector("[data-fz-explain]").hidden = false;
    this.results[q.id] = { ok: q.showResult(chosen), chosen: chosen };
    save(this.bank, this.results);
    this.update();
  };

  Quiz.prototype.wrongIds = function () {
    var self = this;
    return this.questions.filter(function (q) { return self.results[q.id] && !self.results[q.id].ok; })
      .map(function (q) { return q.id; });
  };

  Quiz.prototype.retryWrong = function () {
    var self = this, wrong = this.wrongIds();
    if (!wrong.length) return;
    this.only = wrong;
    this.questions.forEach(function (q) {
      var again = wrong.indexOf(q.id) >= 0;
      if (again) { delete self.results[q.id]; q.reset(); }
      q.el.hidden = !again;
    });
    save(this.bank, this.results);
    this.update();
    this.focusFirst();
  };

  Quiz.prototype.restart = function () {
    this.results = {};
    this.only = null;
    this.questions.forEach(function (q) { q.reset(); q.el.hidden = false; });
    save(this.bank, this.results);
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
    var retry = this.root.querySelector("[data-fz-action=retry]");
    retry.disabled = !wrong;
    retry.textContent = wrong ? "重做错题（" + wrong + "）" : "重做错题";
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

  /* Classroom mode: one question at a time on the big screen; the answer appears on a key press. */
  function Classroom(quiz) {
    var self = this;
    this.quiz = quiz;
    this.stage = quiz.root.querySelector("[data-fz-classroom]");
    this.body = this.stage.querySelector("[data-fz-body]");
    this.index = 0;
    this.revealed = false;
    var actions = {
      prev: function () { self.go(self.index - 1); }, next: function () { self.go(self.index + 1); },
      reveal: function () { self.reveal(); }, exit: function () { fz.stage.close(); }
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
      returnFocus: this.quiz.root.querySelector(".fz-quiz-bar [data-fz-action=classroom]")
    });
    this.go(this.index);
  };

  function textOf(el, selector) {
    var found = el.querySelector(selector);
    return found ? found.textContent : "";
  }

  function make(tag, className, text) {
    var el = document.createElement(tag);
    el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  /* Build the question's screen from the page's own text (textContent: never parsed as HTML). */
  Classroom.prototype.go = function (i) {
    var qs = this.quiz.questions;
    this.index = Math.max(0, Math.min(qs.length - 1, i));
    this.revealed = false;
    var q = qs[this.index], body = this.body;
    body.textContent = "";
    body.classList.remove("fz-revealed");
    var stem = make("p", "fz-classroom__stem");
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
      list.appendChild(item);
    });
    body.appendChild(list);
    var explain = make("p", "fz-classroom__explain", textOf(q.el, "[data-fz-explain]"));
    explain.hidden = true;
    body.appendChild(explain);
    this.stage.querySelector("[data-fz-count]").textContent = (this.index + 1) + " / " + qs.length;
    this.fit();
  };

  Classroom.prototype.reveal = function () {
    this.revealed = true;
    this.body.classList.add("fz-revealed");
    this.body.querySelector(".fz-classroom__explain").hidden = false;
    this.fit();
  };

  Classroom.prototype.fit = function () {
    var h = this.stage.clientHeight || window.innerHeight;
    fz.fitText(this.body, Math.max(28, Math.round(h / 14)), 18);
  };

  Classroom.prototype.key = function (ev) {
    var k = ev.key;
    if (k === " " || k === "Spacebar" || k === "Enter") {
      if (this.revealed) this.go(this.index + 1); else this.reveal();
    } else if (k === "ArrowRight" || k === "ArrowDown" || k === "PageDown") this.go(this.index + 1);
    else if (k === "ArrowLeft" || k === "ArrowUp" || k === "PageUp") this.go(this.index - 1);
    else return false;
    return true;
  };

  /* On the practice index: what this browser remembers of each bank. */
  function showProgress(el) {
    var results = load(el.getAttribute("data-fz-quiz-progress"));
    var ids = Object.keys(results);
    if (!ids.length) return;
    var right = ids.filter(function (id) { return results[id] && results[id].ok; }).length;
    el.textContent = "上次练习：已答 " + ids.length + " 题，答对 " + right + " 题";
    el.hidden = false;
  }

  fz.onPage(function () {
    each(document.querySelectorAll("[data-fz-quiz]"), function (root) { new Quiz(root); });
    each(document.querySelectorAll("[data-fz-quiz-progress]"), showProgress);
  });
})();
