// Inserts the chosen reply template at the cursor of the reply box, and
// offers solution templates first while the reply's status is a resolved
// one. The texts are in the page already, filled in by the server for
// this ticket. Without this script the picker's form reloads the page
// with ?template=ID and the server pre-fills the reply.
(function () {
  "use strict";

  var picker = document.querySelector("form.reply-templates");
  if (!picker) {
    return;
  }
  var select = picker.querySelector("select[name=template]");
  var reply = document.querySelector('form[action$="/messages"] textarea[name="body"]');
  var status = document.getElementById("reply-status");
  var resolved = (picker.getAttribute("data-resolved") || "").split("\n");
  var options = Array.prototype.slice.call(select.querySelectorAll("option"));
  options.forEach(function (o, i) { o.setAttribute("data-order", String(i)); });

  function insert(area, text) {
    var start = area.selectionStart;
    var end = area.selectionEnd;
    if (typeof start !== "number") {
      area.value += text;
      return;
    }
    area.value = area.value.slice(0, start) + text + area.value.slice(end);
    area.selectionStart = area.selectionEnd = start + text.length;
  }

  function isResolved() {
    return !!status && status.value !== "" && resolved.indexOf(status.value) >= 0;
  }

  // solutionsFirst puts the solution templates at the top of each
  // language while the status is resolved, and the usual order back
  // otherwise.
  function solutionsFirst() {
    var first = isResolved();
    var groups = select.querySelectorAll("optgroup");
    for (var g = 0; g < groups.length; g++) {
      var list = Array.prototype.slice.call(groups[g].querySelectorAll("option"));
      list.sort(function (a, b) {
        var sa = first && a.hasAttribute("data-solution") ? 0 : 1;
        var sb = first && b.hasAttribute("data-solution") ? 0 : 1;
        return sa - sb || Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order"));
      });
      list.forEach(function (o) { groups[g].appendChild(o); });
    }
    if (first && !select.options[select.selectedIndex].hasAttribute("data-solution")) {
      var solution = select.querySelector("option[data-solution]");
      if (solution) {
        solution.selected = true;
      }
    }
  }

  picker.addEventListener("submit", function (e) {
    var opt = select.options[select.selectedIndex];
    if (!reply || !opt || opt.getAttribute("data-text") === null) {
      return; // let the server fill the reply in
    }
    e.preventDefault();
    insert(reply, opt.getAttribute("data-text"));
    if (opt.hasAttribute("data-solution") && status && status.value === "" && resolved[0]) {
      status.value = resolved[0];
      status.dispatchEvent(new Event("change"));
    }
    reply.focus();
  });
  if (status) {
    status.addEventListener("change", solutionsFirst);
  }
  solutionsFirst();
  if (reply) {
    typeahead(reply);
  }

  // typeahead picks a template without leaving the reply box: a slash at
  // the start of a line or after a space opens a list of the templates
  // whose names contain what follows it; the arrow keys move, Enter or Tab
  // puts the chosen text in place of the slash and the word, Escape
  // closes the list and keeps what was typed.
  function typeahead(area) {
    var list = document.createElement("ul");
    list.id = "reply-template-suggestions";
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", select.closest("label").firstChild.textContent.trim());
    list.hidden = true;
    area.parentNode.insertBefore(list, area.nextSibling);
    area.setAttribute("aria-autocomplete", "list");
    area.setAttribute("aria-controls", list.id);
    var start = -1; // index of the slash that opened the list
    var active = 0;
    var shown = [];

    function close() {
      list.hidden = true;
      start = -1;
      area.removeAttribute("aria-activedescendant");
    }

    function render() {
      list.textContent = "";
      shown.forEach(function (opt, i) {
        var li = document.createElement("li");
        li.id = "reply-template-suggestion-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", i === active ? "true" : "false");
        li.textContent = opt.textContent;
        li.addEventListener("mousedown", function (e) {
          e.preventDefault();
          active = i;
          choose();
        });
        list.appendChild(li);
      });
      list.hidden = shown.length === 0;
      if (shown.length) {
        area.setAttribute("aria-activedescendant", "reply-template-suggestion-" + active);
      }
    }

    function update() {
      var pos = area.selectionStart;
      var before = area.value.slice(0, pos);
      var slash = before.lastIndexOf("/");
      if (slash < 0 || (slash > 0 && !/\s/.test(before.charAt(slash - 1))) || /\s/.test(before.slice(slash + 1))) {
        close();
        return;
      }
      start = slash;
      var word = before.slice(slash + 1).toLowerCase();
      shown = Array.prototype.filter.call(select.querySelectorAll("option[data-text]"), function (o) {
        return o.textContent.toLowerCase().indexOf(word) >= 0;
      }).slice(0, 8);
      active = Math.min(active, Math.max(shown.length - 1, 0));
      render();
    }

    function choose() {
      var opt = shown[active];
      if (!opt || start < 0) {
        return;
      }
      var end = area.selectionStart;
      var text = opt.getAttribute("data-text");
      area.value = area.value.slice(0, start) + text + area.value.slice(end);
      area.selectionStart = area.selectionEnd = start + text.length;
      select.value = opt.value;
      close();
    }

    area.addEventListener("input", function () {
      active = 0;
      update();
    });
    area.addEventListener("keydown", function (e) {
      if (list.hidden) {
        return;
      }
      switch (e.key) {
      case "ArrowDown":
        active = (active + 1) % shown.length;
        break;
      case "ArrowUp":
        active = (active + shown.length - 1) % shown.length;
        break;
      case "Enter":
      case "Tab":
        choose();
        break;
      case "Escape":
        close();
        break;
      default:
        return;
      }
      e.preventDefault();
      if (!list.hidden) {
        render();
      }
    });
    area.addEventListener("blur", close);
  }
})();
