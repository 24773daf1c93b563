// Keeps the ticket page's notice of who else has the ticket open: it
// tells the server every 15 seconds that this agent is here, and at once
// when the reply box fills or empties (writing a reply), and shows the
// others the server answers with. The server renders the notice on load,
// so without this script it shows the state of then.
(function () {
  "use strict";

  var box = document.getElementById("presence");
  if (!box || !window.fetch) {
    return;
  }
  var url = box.getAttribute("data-url");
  var viewing = box.getAttribute("data-viewing") || "%s";
  var writing = box.getAttribute("data-writing") || "%s";
  var list = box.querySelector("ul");
  var reply = document.querySelector('form[action$="/messages"] textarea[name="body"]');
  var composing = false;

  function isComposing() {
    return !!reply && reply.value.trim() !== "";
  }

  function show(others) {
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    others.forEach(function (o) {
      var li = document.createElement("li");
      li.textContent = (o.composing ? writing : viewing).replace("%s", o.name);
      list.appendChild(li);
    });
    box.hidden = others.length === 0;
  }

  function report() {
    composing = isComposing();
    var body = new URLSearchParams();
    body.set("composing", composing ? "1" : "0");
    fetch(url, { method: "POST", body: body, credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (data) {
        if (data && Array.isArray(data.others)) {
          show(data.others);
        }
      })
      .catch(function () { /* the next round tries again */ });
  }

  if (reply) {
    reply.addEventListener("input", function () {
      if (isComposing() !== composing) {
        report();
      }
    });
  }
  report();
  window.setInterval(report, 15000);
})();
