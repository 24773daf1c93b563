// Suggests knowledge-base articles while a new ticket's subject is typed.
// The form gets a random token; an article opened from the list is
// counted with it, and the ticket the form then creates is counted as
// sent anyway, so agents see which articles stop tickets. Without this
// script the form works as before, with no suggestions.
(function () {
  "use strict";

  var box = document.querySelector(".kb-suggest");
  var form = box && box.closest("form");
  var subject = form && form.querySelector('input[name="subject"]');
  if (!subject) {
    return;
  }
  var token = form.querySelector('input[name="kb_token"]');
  if (!token.value) {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    token.value = Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }
  var timer = null;
  var last = "";

  function show(items) {
    box.textContent = "";
    if (!items.length) {
      box.hidden = true;
      return;
    }
    var heading = document.createElement("p");
    heading.textContent = box.getAttribute("data-heading");
    var list = document.createElement("ul");
    items.forEach(function (it) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = it.url;
      a.target = "_blank";
      a.rel = "noopener";
      a.addEventListener("click", function () {
        fetch(it.url + "/opened", {
          method: "POST", credentials: "same-origin", keepalive: true,
          body: new URLSearchParams({ t: token.value })
        }).catch(function () {});
      });
      a.textContent = it.title;
      li.appendChild(a);
      list.appendChild(li);
    });
    box.appendChild(heading);
    box.appendChild(list);
    box.hidden = false;
  }

  function lookUp() {
    var q = subject.value.trim();
    if (q === last) {
      return;
    }
    last = q;
    if (q.length < 3) {
      show([]);
      return;
    }
    fetch("/kb/suggest?q=" + encodeURIComponent(q), { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (res) { return res.ok ? res.json() : { items: [] }; })
      .then(function (data) { if (subject.value.trim() === q) { show(data.items || []); } })
      .catch(function () { show([]); });
  }

  subject.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(lookUp, 300);
  });
  lookUp();
}());
