/* The department's grid (担当課の入力表): spreadsheet keys, pasting from Excel, adding rows, the change beside
 * last year, and a warning before leaving unsaved work.  The page posts as a plain form without it. */
(function () {
  "use strict";

  var form = document.querySelector("[data-grid]");
  if (!form) { return; }
  var dirty = false;

  function cellInputs(row) {
    return Array.prototype.slice.call(row.querySelectorAll("input[data-col]"));
  }

  function rowsOf(table) {
    return Array.prototype.slice.call(table.querySelectorAll("tr[data-grid-row]"));
  }

  function allRows() {
    return Array.prototype.slice.call(form.querySelectorAll("tr[data-grid-row]"));
  }

  function number(text) {
    var cleaned = (text || "").replace(/[，,\s]/g, "").replace(/[０-９．－]/g, function (c) {
      return c === "．" ? "." : c === "－" ? "-" : String.fromCharCode(c.charCodeAt(0) - 0xFEE0);
    });
    if (!/^-?\d+(\.\d+)?$/.test(cleaned)) { return null; }
    return parseFloat(cleaned);
  }

  function plain(value) {
    return String(Math.round(value * 1000) / 1000);
  }

  // The change beside last year, and the confirmation note when the value is ×10 or ÷10 of it.
  function refresh(row) {
    var value = row.querySelector("input[data-col='1']");
    if (!value) { return; }
    var previous = number(value.getAttribute("data-previous"));
    var now = number(value.value);
    var cell = row.querySelector("[data-change-cell]");
    if (cell) {
      if (previous === null || now === null) {
        cell.textContent = "—";
      } else {
        var diff = now - previous;
        cell.textContent = (diff > 0 ? "+" : "") + plain(diff);
      }
    }
    var note = row.querySelector("[data-jump-note]");
    if (note && previous !== null && previous > 0 && now !== null && now > 0) {
      var ratio = now / previous;
      if (ratio >= 10 || ratio <= 0.1) { note.hidden = false; }
    }
  }

  // Enter moves down (Shift+Enter up) in the same column, like a spreadsheet; Tab stays the browser's.
  function move(input, step) {
    var rows = allRows();
    var row = input.closest("tr[data-grid-row]");
    var index = rows.indexOf(row) + step;
    if (index < 0 || index >= rows.length) { return; }
    var target = rows[index].querySelector("input[data-col='" + input.getAttribute("data-col") + "']");
    if (target) { target.focus(); target.select(); }
  }

  function renumber(input, table, index) {
    var entry = table.getAttribute("data-entry");
    var key = entry + "-f-" + index;
    var suffix = input.name.slice(input.name.lastIndexOf("-"));
    input.name = key + suffix;
    if (input.id) { input.id = key + suffix; }
  }

  // A new blank row at the end of the project's table (a copy of its last row, emptied).
  function addRow(table) {
    var rows = rowsOf(table);
    var last = rows[rows.length - 1];
    var copy = last.cloneNode(true);
    var index = rows.length;
    copy.querySelectorAll("input").forEach(function (input) {
      renumber(input, table, index);
      if (input.type === "checkbox") { input.remove(); return; }
      input.value = "";
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
      if (input.hasAttribute("data-previous")) { input.setAttribute("data-previous", ""); }
      var label = input.getAttribute("aria-label");
      if (label) { input.setAttribute("aria-label", label.replace(/\d+行目/, (index + 1) + "行目")); }
    });
    copy.querySelectorAll("label").forEach(function (label) {
      label.setAttribute("for", label.getAttribute("for").replace(/-f-\d+-/, "-f-" + index + "-"));
    });
    copy.querySelectorAll(".errorlist").forEach(function (error) { error.remove(); });
    copy.querySelectorAll("[data-previous-cell], [data-change-cell]").forEach(function (cell) { cell.textContent = "—"; });
    var note = copy.querySelector("[data-jump-note]");
    if (note) { note.hidden = true; }
    last.parentNode.appendChild(copy);
    var count = table.closest("section").querySelector("[data-row-count]");
    count.value = String(index + 1);
    return copy;
  }

  // A block of cells copied from Excel (rows by newlines, cells by tabs), from the cell pasted into onwards.
  function paste(event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[data-col]")) { return; }
    var text = (event.clipboardData || window.clipboardData).getData("text");
    if (text.indexOf("\t") < 0 && text.replace(/\r?\n$/, "").indexOf("\n") < 0) { return; }
    event.preventDefault();
    var lines = text.replace(/\r/g, "").replace(/\n$/, "").split("\n");
    var table = input.closest("table");
    var row = input.closest("tr[data-grid-row]");
    var start = rowsOf(table).indexOf(row);
    var column = parseInt(input.getAttribute("data-col"), 10);
    lines.forEach(function (line, offset) {
      var rows = rowsOf(table);
      var target = rows[start + offset] || addRow(table);
      var inputs = cellInputs(target);
      line.split("\t").forEach(function (cell, step) {
        var field = inputs[column + step];
        if (field && !field.readOnly) { field.value = cell.trim(); }
      });
      refresh(target);
    });
    dirty = true;
  }

  form.addEventListener("keydown", function (event) {
    var input = event.target;
    if (event.key !== "Enter" || !input.matches("input[type=text]")) { return; }
    event.preventDefault();  // Enter in a cell moves; it does not send the form
    if (input.matches("input[data-col]")) { move(input, event.shiftKey ? -1 : 1); }
  });
  form.addEventListener("input", function (event) {
    dirty = true;
    var row = event.target.closest("tr[data-grid-row]");
    if (row) { refresh(row); }
  });
  form.addEventListener("change", function () { dirty = true; });
  form.addEventListener("paste", paste);
  form.addEventListener("submit", function () { dirty = false; });
  form.querySelectorAll("[data-add-row]").forEach(function (button) {
    var table = button.closest("section").querySelector("table[data-entry]");
    button.hidden = false;
    button.addEventListener("click", function () {
      var row = addRow(table);
      row.querySelector("input[data-col='0']").focus();
      dirty = true;
    });
  });
  // Leaving with unsaved changes asks first (the browser shows its own words).
  window.addEventListener("beforeunload", function (event) {
    if (!dirty) { return; }
    event.preventDefault();
    event.returnValue = "";
  });
})();
