// Adds "select all" to the ticket list: the checkbox in the table head
// ticks or clears every row's box of the bulk form. Without this script
// each row is ticked by hand.
(function () {
  "use strict";

  var all = document.getElementById("bulk-all");
  if (!all) {
    return;
  }
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input[type="checkbox"][name="ticket"][form="bulk"]'));
  all.hidden = false;

  function sync() {
    var ticked = boxes.filter(function (b) { return b.checked; }).length;
    all.checked = ticked > 0 && ticked === boxes.length;
    all.indeterminate = ticked > 0 && ticked < boxes.length;
  }

  all.addEventListener("change", function () {
    boxes.forEach(function (b) { b.checked = all.checked; });
  });
  boxes.forEach(function (b) { b.addEventListener("change", sync); });
  sync();
})();
