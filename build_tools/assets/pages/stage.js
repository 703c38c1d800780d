/* fanzha: the "stage" — one element shown full screen on the classroom screen (clip projection,
   quiz classroom mode). It asks for the Fullscreen API; when the browser refuses (iPhone, some
   in-app browsers), the stage stays a fixed overlay that covers the window, which works the same.
   While a stage is open it gets every key first, so the theme's own shortcuts stay quiet.
   Written in ES5-level syntax on purpose: old in-app browsers must not choke on this file. */
(function () {
  "use strict";

  var current = null; // {el, onKey, onResize, onClose, opener}

  function fullscreenElement() {
    return document.fullscreenElement || document.webkitFullscreenElement || null;
  }

  function markOverlay(el) {
    el.setAttribute("data-fz-fullscreen", "no");
  }

  /* Show el full screen. handlers: onKey(ev) -> true when handled, onResize(), onClose(),
     and returnFocus: the element to focus on leaving (default: whatever had focus). */
  function open(el, handlers) {
    if (current) close();
    current = {
      el: el, onKey: handlers.onKey, onResize: handlers.onResize, onClose: handlers.onClose,
      opener: handlers.returnFocus || document.activeElement
    };
    el.hidden = false;
    markOverlay(el);
    document.documentElement.classList.add("fz-stage-open");
    el.focus({ preventScroll: true });
    var request = el.requestFullscreen || el.webkitRequestFullscreen;
    if (!request) return;
    try {
      var pending = request.call(el, { navigationUI: "hide" });
      if (pending && pending.then) pending.then(null, function () { markOverlay(el); });
    } catch (err) {
      markOverlay(el); // refused: the overlay already covers the window
    }
  }

  function close() {
    if (!current) return;
    var closing = current;
    current = null;
    closing.el.hidden = true;
    closing.el.removeAttribute("data-fz-fullscreen");
    document.documentElement.classList.remove("fz-stage-open");
    if (closing.onClose) closing.onClose();
    var refocus = function () {
      if (closing.opener && closing.opener.focus) closing.opener.focus({ preventScroll: true });
    };
    if (fullscreenElement() !== closing.el) { refocus(); return; }
    // Focus moved inside full screen is lost when the browser leaves it: refocus afterwards.
    var exit = document.exitFullscreen || document.webkitExitFullscreen;
    try {
      var pending = exit.call(document);
      if (pending && pending.then) pending.then(refocus, refocus); else refocus();
    } catch (err) {
      refocus();
    }
  }

  function onFullscreenChange() {
    if (!current) return;
    if (fullscreenElement() === current.el) {
      current.el.setAttribute("data-fz-fullscreen", "yes");
    } else if (current.el.getAttribute("data-fz-fullscreen") === "yes") {
      close(); // the browser left full screen (its own Esc handling): leave the stage too
    }
  }

  /* True when a key press belongs to a text field (the search box), not to our shortcuts. */
  function isTyping(ev) {
    var t = ev.target;
    if (!t || !t.tagName) return false;
    var tag = t.tagName.toLowerCase();
    if (tag === "textarea" || tag === "select" || t.isContentEditable) return true;
    if (tag !== "input") return false;
    var type = (t.getAttribute("type") || "text").toLowerCase();
    return ["radio", "checkbox", "button", "submit", "reset"].indexOf(type) < 0;
  }

  window.addEventListener("keydown", function (ev) {
    if (!current) return;
    ev.stopImmediatePropagation(); // the theme's shortcuts must not act behind the stage
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.key === "Escape" || ev.key === "Esc") {
      ev.preventDefault();
      close();
      return;
    }
    if (current.onKey && current.onKey(ev)) ev.preventDefault();
  }, true);

  /* P opens a page's projection (a clip's stage, a quiz's classroom mode, a scenario): open() is
     called on P outside a text field while no stage is open, and returns false when the page has
     nothing to open. Capture phase: the theme binds P to "previous page". */
  function onProjectKey(open) {
    window.addEventListener("keydown", function (ev) {
      if (current || isTyping(ev)) return;
      if (ev.ctrlKey || ev.metaKey || ev.altKey || (ev.key !== "p" && ev.key !== "P")) return;
      if (open() === false) return;
      ev.preventDefault();
      ev.stopImmediatePropagation();
    }, true);
  }

  var resizeQueued = false;
  window.addEventListener("resize", function () {
    if (!current || !current.onResize || resizeQueued) return;
    resizeQueued = true;
    window.requestAnimationFrame(function () {
      resizeQueued = false;
      if (current && current.onResize) current.onResize();
    });
  });
  document.addEventListener("fullscreenchange", onFullscreenChange);
  document.addEventListener("webkitfullscreenchange", onFullscreenChange);

  /* Run fn on every page view: once on load, and after each instant navigation of the theme. */
  function onPage(fn) {
    var run = function () {
      if (current && !document.body.contains(current.el)) close();
      fn();
    };
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(run);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", run);
    } else {
      run();
    }
  }

  /* Make the text in box as large as fits, between min and max pixels. */
  function fitText(box, max, min) {
    var size = max;
    box.style.fontSize = size + "px";
    while (size > min && (box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1)) {
      size -= 2;
      box.style.fontSize = size + "px";
    }
    return size;
  }

  window.fanzha = window.fanzha || {};
  window.fanzha.stage = {
    open: open,
    close: close,
    isOpen: function (el) { return !!current && (!el || current.el === el); }
  };
  window.fanzha.onPage = onPage;
  window.fanzha.isTyping = isTyping;
  window.fanzha.onProjectKey = onProjectKey;
  window.fanzha.fitText = fitText;
})();
