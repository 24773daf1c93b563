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
})();
