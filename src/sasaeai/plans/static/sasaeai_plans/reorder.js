// Dragging a row of the plan editor to another place among its siblings: a convenience for mouse users.
// The 上へ / 下へ buttons are the accessible path; this posts to the same move address with a position.
(function () {
  "use strict";
  var token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (!token || !("draggable" in document.createElement("li"))) {
    return;
  }
  var dragged = null;

  function rows(list) {
    return Array.prototype.filter.call(list.children, function (li) {
      return li.hasAttribute("data-move-url");
    });
  }

  function clear() {
    document.querySelectorAll(".drop-target").forEach(function (el) {
      el.classList.remove("drop-target");
    });
  }

  function submit(url, position) {
    var form = document.createElement("form");
    form.method = "post";
    form.action = url;
    [["csrfmiddlewaretoken", token.value], ["position", String(position)]].forEach(function (pair) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = pair[0];
      input.value = pair[1];
      form.appendChild(input);
    });
    document.body.appendChild(form);
    form.submit();
  }

  function sameList(row) {
    return dragged !== null && dragged !== row && dragged.parentNode === row.parentNode;
  }

  document.querySelectorAll("ol[data-reorder]").forEach(function (list) {
    rows(list).forEach(function (row) {
      row.setAttribute("draggable", "true");
      row.addEventListener("dragstart", function (event) {
        if (event.target !== row) {
          return; // a row inside this one is being dragged
        }
        dragged = row;
        row.classList.add("dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", row.id);
        event.stopPropagation();
      });
      row.addEventListener("dragend", function () {
        row.classList.remove("dragging");
        dragged = null;
        clear();
      });
      row.addEventListener("dragover", function (event) {
        if (!sameList(row)) {
          return;
        }
        event.preventDefault();
        event.stopPropagation();
        clear();
        row.classList.add("drop-target");
      });
      row.addEventListener("drop", function (event) {
        if (!sameList(row)) {
          return;
        }
        event.preventDefault();
        event.stopPropagation();
        submit(dragged.getAttribute("data-move-url"), rows(list).indexOf(row));
      });
    });
  });
})();
