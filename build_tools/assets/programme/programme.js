/* fanzha-kb: programme pages (weekly reminders, campaign month).
   Copy buttons: navigator.clipboard where the page is a secure context; otherwise
   (WeChat's browser on plain http, old browsers) a hidden textarea and
   execCommand("copy"); if both fail the text is selected for a long-press copy. */
(function () {
  "use strict";

  function copyWithTextarea(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "0";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.focus();
    area.select();
    area.setSelectionRange(0, text.length);
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    document.body.removeChild(area);
    return ok;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return copyWithTextarea(text); });
    }
    return Promise.resolve(copyWithTextarea(text));
  }

  function selectContents(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function onCopy(button) {
    var source = document.getElementById(button.getAttribute("data-copy-target"));
    var status = button.parentNode.querySelector(".fz-copy-status");
    if (!source) { return; }
    copyText(source.textContent).then(function (ok) {
      if (ok) {
        button.classList.add("fz-copied");
        button.textContent = "已复制";
        if (status) { status.textContent = "已复制，可以粘贴到班级群了"; }
      } else {
        selectContents(source);
        if (status) { status.textContent = "没能自动复制：文字已选中，请长按或按 Ctrl+C 复制"; }
      }
    });
  }

  function isoDay(date) {
    var m = date.getMonth() + 1, d = date.getDate();
    return date.getFullYear() + "-" + (m < 10 ? "0" : "") + m + "-" + (d < 10 ? "0" : "") + d;
  }

  function markThisWeek(root) {
    var today = isoDay(new Date());
    var weeks = root.querySelectorAll(".fz-week[data-date]");
    for (var i = 0; i < weeks.length; i++) {
      var start = weeks[i].getAttribute("data-date");
      var end = new Date(start + "T00:00:00");
      end.setDate(end.getDate() + 7);
      if (start <= today && today < isoDay(end)) {
        weeks[i].classList.add("fz-this-week");
      }
    }
    var days = root.querySelectorAll(".fz-cal td[data-date='" + today + "']");
    for (var j = 0; j < days.length; j++) { days[j].classList.add("fz-today"); }
  }

  // Runs once per page load; Material's instant navigation (if a college turns it on)
  // runs this file again for each new page, and the data-fz-ready marks stop double binding.
  function setup() {
    var buttons = document.querySelectorAll("[data-copy-target]");
    for (var i = 0; i < buttons.length; i++) {
      if (buttons[i].getAttribute("data-fz-ready")) { continue; }
      buttons[i].setAttribute("data-fz-ready", "1");
      buttons[i].addEventListener("click", onCopy.bind(null, buttons[i]));
    }
    var prints = document.querySelectorAll(".fz-print");
    for (var j = 0; j < prints.length; j++) {
      if (prints[j].getAttribute("data-fz-ready")) { continue; }
      prints[j].setAttribute("data-fz-ready", "1");
      prints[j].addEventListener("click", function () { window.print(); });
    }
    markThisWeek(document);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
