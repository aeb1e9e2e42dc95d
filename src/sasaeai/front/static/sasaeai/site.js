/* Sasaeai: the little the pages do in the browser.  Every page works without it. */
(function () {
  "use strict";

  // A table wider than its box scrolls inside it: such a box must be reachable and named for keyboard users.
  function markScrollingTables() {
    document.querySelectorAll(".table-wrap").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        var caption = box.querySelector("caption");
        var name = caption ? caption.textContent.trim() : "表";
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("data-scrolls", "");
        if (!box.hasAttribute("aria-label") && !box.hasAttribute("aria-labelledby")) {
          box.setAttribute("aria-label", name + "（横にスクロールできます）");
        }
      } else if (!scrolls && box.hasAttribute("data-scrolls")) {
        ["tabindex", "role", "data-scrolls", "aria-label"].forEach(function (name) { box.removeAttribute(name); });
      }
    });
  }

  // After a failed submit, the summary of errors takes the focus; its links move the focus to each field.
  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) { return; }
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var field = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!field) { return; }
      event.preventDefault();
      field.focus();
      field.scrollIntoView({ block: "center" });
    });
  }

  // The plan tree: open or close every level at once.
  function treeControls() {
    document.querySelectorAll("[data-tree-toggle]").forEach(function (button) {
      var tree = document.getElementById(button.getAttribute("aria-controls"));
      if (!tree) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        var open = button.getAttribute("data-tree-toggle") === "open";
        tree.querySelectorAll("details").forEach(function (node) { node.open = open; });
      });
    });
  }

  // The numbers behind a grade: shown on hover or focus (CSS), and on a click for touch screens;
  // Escape hides them (WCAG 1.4.13: content on hover or focus can be dismissed).
  function gradeTips() {
    var buttons = document.querySelectorAll(".grade-why");
    if (!buttons.length) { return; }
    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        var tip = document.getElementById(button.getAttribute("aria-describedby"));
        if (tip) { tip.classList.toggle("shown"); }
      });
      button.addEventListener("focus", function () { document.body.classList.remove("tips-dismissed"); });
      button.addEventListener("mouseenter", function () { document.body.classList.remove("tips-dismissed"); });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") { return; }
      document.body.classList.add("tips-dismissed");
      document.querySelectorAll(".grade-tip.shown").forEach(function (tip) { tip.classList.remove("shown"); });
    });
  }

  // The print view's button.
  function printButtons() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  }

  // A workflow step asks first: its button fills the page's one <dialog> and posts the step from there.
  // Without this script the button opens the step's confirmation page instead (the same question).
  function confirmDialogs() {
    var dialog = document.getElementById("confirm-dialog");
    if (!dialog || typeof dialog.showModal !== "function") { return; }
    var form = dialog.querySelector("form");
    var reasonBox = dialog.querySelector("[data-confirm-reason-box]");
    var reason = dialog.querySelector("textarea");
    var reasonError = dialog.querySelector("[data-confirm-reason-error]");
    var ok = dialog.querySelector("[data-confirm-ok]");
    var opener = null;
    document.querySelectorAll("form[data-confirm]").forEach(function (step) {
      step.addEventListener("submit", function (event) {
        event.preventDefault();
        opener = step.querySelector("button");
        form.setAttribute("action", step.getAttribute("action"));
        document.getElementById("confirm-dialog-title").textContent = step.getAttribute("data-confirm-title");
        document.getElementById("confirm-dialog-text").textContent = step.getAttribute("data-confirm-text");
        ok.textContent = step.getAttribute("data-confirm-button");
        ok.classList.toggle("danger", step.hasAttribute("data-confirm-danger"));
        var asks = step.getAttribute("data-confirm-reason");
        reasonBox.hidden = !asks;
        reason.value = "";
        reason.required = asks === "required";
        reason.labels[0].textContent = asks === "required" ? "理由（必須）" : "理由（任意）";
        reasonError.hidden = true;
        dialog.showModal();
        (asks ? reason : ok).focus();
      });
    });
    form.addEventListener("submit", function (event) {
      if (reason.required && !reason.value.trim()) {
        event.preventDefault();
        reasonError.hidden = false;
        reason.setAttribute("aria-invalid", "true");
        reason.focus();
      }
    });
    dialog.querySelector("[data-confirm-cancel]").addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("close", function () { if (opener) { opener.focus(); } });
  }

  markScrollingTables();
  focusErrorSummary();
  confirmDialogs();
  treeControls();
  gradeTips();
  printButtons();
  var resizing;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(markScrollingTables, 150);
  });
})();
