// Finds knowledge-base articles from the ticket page and inserts a
// Markdown link to the chosen one at the cursor of the reply box. Without
// this script the search form opens the knowledge-base search in a new tab.
(function () {
  "use strict";

  var form = document.querySelector(".kb-reply-links form");
  var results = document.querySelector(".kb-reply-results");
  var reply = document.querySelector('form[action$="/messages"] textarea[name="body"]');
  if (!form || !results || !reply) {
    return;
  }

  function insert(text) {
    var start = reply.selectionStart;
    var end = reply.selectionEnd;
    if (typeof start !== "number") {
      reply.value += text;
      return;
    }
    reply.value = reply.value.slice(0, start) + text + reply.value.slice(end);
    reply.selectionStart = reply.selectionEnd = start + text.length;
    reply.focus();
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = form.querySelector('input[name="q"]').value.trim();
    fetch("/desk/kb/links?q=" + encodeURIComponent(q), { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (res) { return res.ok ? res.json() : { items: [] }; })
      .then(function (data) {
        results.textContent = "";
        var items = data.items || [];
        if (!items.length) {
          var none = document.createElement("li");
          none.textContent = form.getAttribute("data-none");
          results.appendChild(none);
          return;
        }
        items.forEach(function (it) {
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = it.url;
          a.target = "_blank";
          a.rel = "noopener";
          a.textContent = it.title;
          var b = document.createElement("button");
          b.type = "button";
          b.className = "link";
          b.textContent = form.getAttribute("data-insert");
          b.addEventListener("click", function () { insert(it.markdown); });
          li.appendChild(a);
          li.appendChild(document.createTextNode(" "));
          li.appendChild(b);
          results.appendChild(li);
        });
      });
  });
}());
