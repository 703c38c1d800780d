/* fanzha: projection mode for a 60-second clip (clips/<id>/).
   P or the button opens the script full screen, one page at a time, with a countdown.
   Keys: Space start/pause · ←/→ (and PageUp/PageDown from a presenter remote) page ·
   R reset · Esc leave. A paragraph that does not fit the screen is split at sentence,
   then clause, then character boundaries, so nothing ever scrolls. */
(function () {
  "use strict";

  var fz = window.fanzha;
  var SENTENCE_ENDS = "。！？!?；;…";
  var CLAUSE_ENDS = "，、,：:";
  var CLOSERS = "”’」』）)》\"'";
  var LEVELS = [SENTENCE_ENDS, CLAUSE_ENDS];
  var active = null; // the projector of the current page, for the P key

  /* text cut after each character of `ends` (closing quotes stay with their sentence). */
  function cutAfter(text, ends) {
    var chars = Array.from(text), out = [], cur = "";
    for (var i = 0; i < chars.length; i++) {
      cur += chars[i];
      if (ends.indexOf(chars[i]) < 0) continue;
      while (i + 1 < chars.length && CLOSERS.indexOf(chars[i + 1]) >= 0) cur += chars[++i];
      out.push(cur);
      cur = "";
    }
    if (cur) out.push(cur);
    return out;
  }

  function pieces(text, level) {
    return level < LEVELS.length ? cutAfter(text, LEVELS[level]) : Array.from(text);
  }

  /* Pages for one paragraph: as few as possible, each one fitting the screen. */
  function fitParagraph(text, level, fits) {
    if (fits(text) || level > LEVELS.length) return [text];
    var parts = pieces(text, level);
    if (parts.length < 2) return fitParagraph(text, level + 1, fits);
    var pages = [], cur = "";
    parts.forEach(function (part) {
      if (fits(cur + part)) { cur += part; return; }
      if (cur) pages.push(cur);
      cur = "";
      if (fits(part)) { cur = part; return; }
      var sub = fitParagraph(part, level + 1, fits);
      cur = sub.pop();
      pages.push.apply(pages, sub);
    });
    if (cur) pages.push(cur);
    return pages.map(function (p) { return p.trim(); }).filter(Boolean);
  }

  function clock(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000));
    return Math.floor(s / 60) + ":" + (s % 60 < 10 ? "0" : "") + (s % 60);
  }

  function Projector(root) {
    this.root = root;
    this.stage = root.querySelector("[data-fz-projector]");
    this.body = this.stage.querySelector("[data-fz-body]");
    this.text = this.stage.querySelector("[data-fz-text]");
    this.paras = Array.prototype.map.call(root.querySelectorAll("[data-fz-para]"),
      function (p) { return p.textContent.trim(); });
    this.total = (parseInt(this.stage.getAttribute("data-fz-seconds"), 10) || 60) * 1000;
    this.pages = [];
    this.index = 0;
    this.timer = null;
    this.resetClock();
    this.bind();
    root.classList.add("fz-ready"); // shows the projection button, which needs this script
  }

  Projector.prototype.bind = function () {
    var self = this;
    var opener = this.root.querySelector("[data-fz-action=project]");
    if (opener) opener.addEventListener("click", function () { self.open(); });
    var actions = {
      prev: function () { self.go(self.index - 1); }, next: function () { self.go(self.index + 1); },
      toggle: function () { self.toggle(); }, reset: function () { self.reset(); },
      exit: function () { fz.stage.close(); }
    };
    Array.prototype.forEach.call(this.stage.querySelectorAll("[data-fz-action]"), function (button) {
      button.addEventListener("click", actions[button.getAttribute("data-fz-action")]);
    });
  };

  Projector.prototype.open = function () {
    var self = this;
    fz.stage.open(this.stage, {
      onKey: function (ev) { return self.key(ev); },
      onResize: function () { self.layout(); },
      onClose: function () { self.pause(); },
      returnFocus: this.root.querySelector("[data-fz-action=project]")
    });
    this.index = 0;
    this.layout();
  };

  Projector.prototype.fits = function (candidate) {
    this.text.textContent = candidate;
    return this.text.offsetHeight <= this.body.clientHeight && this.text.scrollWidth <= this.body.clientWidth;
  };

  /* Split the script into screen pages for the stage's current size; stay on the same paragraph. */
  Projector.prototype.layout = function () {
    var self = this, fits = function (t) { return self.fits(t); };
    var para = this.pages.length ? this.pages[this.index].para : 0;
    this.pages = [];
    this.paras.forEach(function (text, i) {
      fitParagraph(text, 0, fits).forEach(function (page) { self.pages.push({ para: i, text: page }); });
    });
    var first = 0;
    while (first < this.pages.length - 1 && this.pages[first].para < para) first++;
    this.go(first);
  };

  Projector.prototype.go = function (i) {
    if (!this.pages.length) return;
    this.index = Math.max(0, Math.min(this.pages.length - 1, i));
    this.text.textContent = this.pages[this.index].text;
    this.stage.querySelector("[data-fz-count]").textContent = (this.index + 1) + " / " + this.pages.length;
  };

  Projector.prototype.remaining = function () {
    return this.startedAt === null ? this.left : Math.max(0, this.left - (Date.now() - this.startedAt));
  };

  Projector.prototype.render = function () {
    var left = this.remaining();
    this.stage.querySelector("[data-fz-timer]").textContent = left > 0 ? clock(left) : "时间到";
    this.stage.querySelector("[data-fz-progress]").style.width = (100 * (1 - left / this.total)) + "%";
    this.stage.classList.toggle("fz-time-up", left <= 0);
    var running = this.startedAt !== null;
    this.stage.classList.toggle("fz-running", running);
    this.stage.querySelector("[data-fz-toggle]").textContent = running ? "暂停（空格）" : "开始计时（空格）";
    if (running && left <= 0) this.pause();
  };

  Projector.prototype.toggle = function () {
    if (this.startedAt !== null) { this.pause(); return; }
    if (this.left <= 0) this.resetClock();
    var self = this;
    this.startedAt = Date.now();
    this.timer = window.setInterval(function () { self.render(); }, 200);
    this.render();
  };

  Projector.prototype.pause = function () {
    if (this.startedAt === null) return;
    this.left = this.remaining();
    this.startedAt = null;
    window.clearInterval(this.timer);
    this.render();
  };

  Projector.prototype.resetClock = function () {
    window.clearInterval(this.timer);
    this.left = this.total;
    this.startedAt = null;
    this.render();
  };

  Projector.prototype.reset = function () {
    this.resetClock();
    this.go(0);
  };

  Projector.prototype.key = function (ev) {
    var k = ev.key;
    if (k === " " || k === "Spacebar") this.toggle();
    else if (k === "ArrowRight" || k === "ArrowDown" || k === "PageDown") this.go(this.index + 1);
    else if (k === "ArrowLeft" || k === "ArrowUp" || k === "PageUp") this.go(this.index - 1);
    else if (k === "Home") this.go(0);
    else if (k === "End") this.go(this.pages.length - 1);
    else if (k === "r" || k === "R") this.reset();
    else return false;
    return true;
  };

  fz.onProjectKey(function () { return active ? (active.open(), true) : false; }); // P opens projection

  fz.onPage(function () {
    var root = document.querySelector("[data-fz-clip]");
    active = root && root.querySelector("[data-fz-projector]") ? new Projector(root) : null;
  });
})();
