/* fanzha: scenarios (scenarios/<id>/) — a branching scam story played in a phone-chat look.
   The story comes from the page (data-fz-data); progress (the choices made, the endings reached)
   is kept in this browser's localStorage and nothing is sent anywhere. New messages go into a
   role=log list (read out by screen readers); choices are buttons; focus moves to the first new
   choice (or to the ending) after each one.
   Projection mode (P, or the button): one step at a time on the classroom screen for a class
   vote — A/B/C/D or 1–4 choose, ← or Backspace go back a step, Home starts again, Esc leaves.
   ES5-level syntax, like stage.js: old in-app browsers must not choke on this file. */
(function () {
  "use strict";

  var fz = window.fanzha;
  var LETTERS = "ABCD";
  var active = null; // the scenario of the current page, for the P key

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function storageKey(id) { return "fanzha.scenario." + id; }

  function load(id) {
    try {
      var saved = JSON.parse(window.localStorage.getItem(storageKey(id)) || "null");
      if (saved && saved.trail instanceof Array && saved.reached instanceof Array) return saved;
    } catch (err) { /* no storage, or a broken value: start afresh */ }
    return { trail: [], reached: [] };
  }

  function save(id, state) {
    try {
      window.localStorage.setItem(storageKey(id), JSON.stringify(state));
    } catch (err) { /* private mode or full: progress just is not kept */ }
  }

  /* The nodes visited by following `trail` (choice indexes) from the start; stops where the
     story no longer matches (content changed since the progress was saved). */
  function walk(data, trail) {
    var path = [{ id: data.start, choice: null }], kept = [];
    for (var i = 0; i < trail.length; i++) {
      var step = data.steps[path[path.length - 1].id];
      var choice = step && step.choices[trail[i]];
      if (!choice) break;
      kept.push(trail[i]);
      path[path.length - 1].choice = trail[i];
      path.push({ id: choice.next, choice: null });
      if (data.endings[choice.next]) break;
    }
    return { path: path, trail: kept };
  }

  /* One message as a list item: a chat bubble, an SMS, a line of a call, or a card. */
  function messageItem(data, m) {
    var li = el("li", "fz-msg fz-msg--" + m.kind + (m.mine ? " fz-msg--mine" : ""));
    var who = el("span", "fz-msg__who", m.name);
    var kind = data.kinds[m.kind] || "";
    if (kind && m.kind !== "chat") who.textContent = m.name + " · " + kind;
    li.appendChild(who);
    var box = el("div", "fz-msg__box");
    if (m.title) box.appendChild(el("strong", "fz-msg__title", m.title));
    box.appendChild(el("span", "fz-msg__text", m.text));
    li.appendChild(box);
    return li;
  }

  function saidItem(data, text) {
    return messageItem(data, { kind: "chat", name: data.player, mine: true, text: text, title: "" });
  }

  function endingItem(end) {
    var li = el("li", "fz-msg fz-ending fz-ending--" + end.kind);
    li.setAttribute("data-fz-ending-card", end.kind);
    var h = el("h2", "fz-ending__title", end.label + " · " + end.kindLabel + "：" + end.title);
    h.setAttribute("tabindex", "-1");
    li.appendChild(h);
    li.appendChild(el("p", "fz-ending__text", end.text));
    var lesson = el("p", "fz-ending__lesson");
    lesson.appendChild(el("strong", null, "记住："));
    lesson.appendChild(document.createTextNode(end.lesson));
    li.appendChild(lesson);
    if (end.links.length) {
      var p = el("p", "fz-ending__links");
      end.links.forEach(function (l) {
        var a = el("a", null, l.text);
        a.href = l.href;
        p.appendChild(a);
      });
      li.appendChild(p);
    }
    return li;
  }

  function Player(root) {
    this.root = root;
    this.data = JSON.parse(root.getAttribute("data-fz-data"));
    this.log = root.querySelector("[data-fz-log]");
    this.choices = root.querySelector("[data-fz-choices]");
    this.state = load(this.data.id);
    this.stage = new Stage(this, root.querySelector("[data-fz-stage]"));
    var self = this;
    root.querySelector("[data-fz-action=restart]").addEventListener("click", function () { self.restart(true); });
    root.querySelector("[data-fz-action=project]").addEventListener("click", function () { self.stage.open(); });
    this.replay();
    root.classList.add("fz-ready");
  }

  /* Draw everything from the start along the saved trail (no focus move: the page just opened). */
  Player.prototype.replay = function () {
    var walked = walk(this.data, this.state.trail);
    this.state.trail = walked.trail;
    this.log.textContent = "";
    var self = this;
    walked.path.forEach(function (node) {
      self.show(node.id);
      if (node.choice !== null) self.said(self.data.steps[node.id].choices[node.choice]);
    });
    this.offer(walked.path[walked.path.length - 1].id, false);
    this.drawMap();
  };

  Player.prototype.show = function (id) {
    var data = this.data, log = this.log;
    if (data.endings[id]) { log.appendChild(endingItem(data.endings[id])); return; }
    data.steps[id].messages.forEach(function (m) { log.appendChild(messageItem(data, m)); });
  };

  Player.prototype.said = function (choice) {
    this.log.appendChild(saidItem(this.data, choice.say || choice.text));
  };

  /* The buttons under the chat: the step's choices, or after an ending: again / one step back. */
  Player.prototype.offer = function (id, focus) {
    var self = this, box = this.choices;
    box.textContent = "";
    var buttons = [];
    if (this.data.endings[id]) {
      box.setAttribute("aria-label", "结局之后");
      var back = el("button", "md-button fz-button", "退回上一步，换个选择");
      back.type = "button";
      back.addEventListener("click", function () { self.back(); });
      var again = el("button", "md-button md-button--primary fz-button", "从头再来");
      again.type = "button";
      again.addEventListener("click", function () { self.restart(true); });
      buttons = [back, again];
    } else {
      box.setAttribute("aria-label", "你的选择");
      this.data.steps[id].choices.forEach(function (choice, i) {
        var b = el("button", "fz-choice", choice.text);
        b.type = "button";
        b.setAttribute("data-fz-choice", String(i));
        b.addEventListener("click", function () { self.choose(i); });
        buttons.push(b);
      });
    }
    buttons.forEach(function (b) { box.appendChild(b); });
    if (!focus) return;
    var ending = this.log.querySelector(".fz-ending:last-child .fz-ending__title");
    var target = this.data.endings[id] && ending ? ending : buttons[0];
    if (target) target.focus({ preventScroll: true });
    var last = this.log.lastElementChild;
    if (last && last.scrollIntoView) last.scrollIntoView({ block: "nearest" });
  };

  Player.prototype.current = function () {
    var walked = walk(this.data, this.state.trail);
    return walked.path[walked.path.length - 1].id;
  };

  Player.prototype.choose = function (i) {
    var here = this.current(), step = this.data.steps[here];
    if (!step || !step.choices[i]) return;
    var next = step.choices[i].next;
    this.state.trail.push(i);
    this.said(step.choices[i]);
    this.show(next);
    if (this.data.endings[next] && this.state.reached.indexOf(next) < 0) this.state.reached.push(next);
    save(this.data.id, this.state);
    this.offer(next, true);
    this.drawMap();
  };

  Player.prototype.back = function () {
    this.state.trail.pop();
    save(this.data.id, this.state);
    this.replay();
    var first = this.choices.querySelector("button");
    if (first) first.focus({ preventScroll: true });
  };

  Player.prototype.restart = function (focus) {
    this.state.trail = [];
    save(this.data.id, this.state);
    this.replay();
    var first = this.choices.querySelector("button");
    if (focus && first) first.focus({ preventScroll: true });
  };

  /* The map of endings: which this browser has reached; the others keep their titles hidden. */
  Player.prototype.drawMap = function () {
    var reached = this.state.reached, data = this.data;
    Array.prototype.forEach.call(this.root.querySelectorAll("[data-fz-ending]"), function (li) {
      var id = li.getAttribute("data-fz-ending"), got = reached.indexOf(id) >= 0;
      li.classList.toggle("fz-endmap__item--reached", got);
      li.querySelector("[data-fz-map-title]").textContent = got ? "✓ " + data.endings[id].title : "未解锁";
    });
    var count = data.order.filter(function (id) { return reached.indexOf(id) >= 0; }).length;
    this.root.querySelector("[data-fz-map-count]").textContent =
      "已走到 " + count + " / " + data.order.length + " 种结局" + (count < data.order.length ? "，换个选择试试别的结局。" : "，全部解锁！");
  };

  /* Projection: the same story, one step at a time, its own trail (a class vote does not move
     the student's own progress). */
  function Stage(player, node) {
    this.player = player;
    this.node = node;
    this.body = node.querySelector("[data-fz-stage-body]");
    this.trail = [];
    var self = this, actions = {
      back: function () { self.back(); }, restart: function () { self.trail = []; self.draw(); },
      exit: function () { fz.stage.close(); }
    };
    Array.prototype.forEach.call(node.querySelectorAll("[data-fz-stage-action]"), function (b) {
      b.addEventListener("click", actions[b.getAttribute("data-fz-stage-action")]);
    });
  }

  Stage.prototype.open = function () {
    var self = this;
    fz.stage.open(this.node, {
      onKey: function (ev) { return self.key(ev); },
      onResize: function () { self.fit(); },
      returnFocus: this.player.root.querySelector("[data-fz-action=project]")
    });
    this.draw();
  };

  Stage.prototype.here = function () {
    var walked = walk(this.player.data, this.trail);
    this.trail = walked.trail;
    return walked.path[walked.path.length - 1].id;
  };

  Stage.prototype.draw = function () {
    var data = this.player.data, id = this.here(), body = this.body, self = this;
    body.textContent = "";
    var count = this.node.querySelector("[data-fz-stage-count]");
    var box = el("div", "fz-scenario-stage__content");
    if (data.endings[id]) {
      var end = data.endings[id];
      count.textContent = end.label;
      var card = endingItem(end);
      var wrap = el("ol", "fz-chat fz-chat--stage");
      wrap.appendChild(card);
      box.appendChild(wrap);
    } else {
      var step = data.steps[id];
      count.textContent = step.label + " · 全班表决";
      var list = el("ol", "fz-chat fz-chat--stage");
      step.messages.forEach(function (m) { list.appendChild(messageItem(data, m)); });
      box.appendChild(list);
      var vote = el("ol", "fz-vote");
      step.choices.forEach(function (choice, i) {
        var li = el("li", "fz-vote__option");
        var b = el("button", null);
        b.type = "button";
        b.setAttribute("data-fz-vote", String(i));
        b.appendChild(el("span", "fz-vote__letter", LETTERS.charAt(i)));
        b.appendChild(document.createTextNode(choice.text));
        b.addEventListener("click", function () { self.choose(i); });
        li.appendChild(b);
        vote.appendChild(li);
      });
      box.appendChild(vote);
    }
    body.appendChild(box);
    this.fit();
  };

  Stage.prototype.fit = function () {
    var box = this.body.firstChild;
    if (box && fz.fitText) fz.fitText(this.body, Math.max(20, Math.round(window.innerHeight / 22)), 14);
  };

  Stage.prototype.choose = function (i) {
    var step = this.player.data.steps[this.here()];
    if (!step || !step.choices[i]) return false;
    this.trail.push(i);
    this.draw();
    return true;
  };

  Stage.prototype.back = function () {
    if (!this.trail.length) return;
    this.trail.pop();
    this.draw();
  };

  Stage.prototype.key = function (ev) {
    var k = ev.key, letter = LETTERS.indexOf(String(k).toUpperCase()), digit = "1234".indexOf(k);
    if (k.length === 1 && letter >= 0) return this.choose(letter) || true;
    if (digit >= 0) return this.choose(digit) || true;
    if (k === "ArrowLeft" || k === "ArrowUp" || k === "PageUp" || k === "Backspace") this.back();
    else if (k === "ArrowRight" || k === "ArrowDown" || k === "PageDown") {
      var step = this.player.data.steps[this.here()];
      if (step && step.choices.length === 1) this.choose(0); // a step the class only reads
    } else if (k === "Home") { this.trail = []; this.draw(); }
    else return false;
    return true;
  };

  fz.onProjectKey(function () { return active ? (active.stage.open(), true) : false; }); // P opens projection

  fz.onPage(function () {
    var root = document.querySelector("[data-fz-scenario]");
    active = root ? new Player(root) : null;
  });
})();
