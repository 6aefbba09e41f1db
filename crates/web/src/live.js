// Refreshes the story list every 10 seconds while ingest adds stories. The page works without
// it. Text is set with textContent only, never parsed as HTML.
(function () {
  "use strict";
  var list = document.getElementById("stories");
  if (!list || !list.dataset.live) return;
  var query = list.dataset.query || "";
  var last = null;

  // The same form as the server writes: RFC 3339 times as "2024-03-23 14:05 UTC", else as is.
  function human(t) {
    if (!t) return null;
    if (t.indexOf("T") < 0) return t;
    var d = new Date(t);
    if (isNaN(d.getTime())) return t;
    return d.toISOString().slice(0, 16).replace("T", " ") + " UTC";
  }

  function span(first, lastTime) {
    var a = human(first);
    var b = human(lastTime);
    if (a && b && a !== b) return a + " – " + b;
    return a || b || "time unknown";
  }

  function plural(n, one, many) {
    return n === 1 ? "1 " + one : n + " " + many;
  }

  function item(s) {
    var li = document.createElement("li");
    li.dataset.story = String(s.id);
    var h = document.createElement("h2");
    var a = document.createElement("a");
    a.href = "/stories/" + encodeURIComponent(String(s.id));
    a.textContent = s.headline && s.headline.trim() ? s.headline : "Story " + s.id;
    h.appendChild(a);
    li.appendChild(h);
    var p = document.createElement("p");
    p.className = "meta";
    var strong = document.createElement("strong");
    strong.textContent = plural(s.independent, "independent source", "independent sources");
    p.appendChild(document.createTextNode(plural(s.articles, "article", "articles") + " · "));
    p.appendChild(strong);
    if (s.languages && s.languages.length) {
      p.appendChild(document.createTextNode(" · in "));
      var langs = document.createElement("span");
      langs.className = "langs";
      langs.textContent = s.languages.join(", ");
      p.appendChild(langs);
    }
    p.appendChild(document.createTextNode(" · " + span(s.first_published, s.last_published)));
    li.appendChild(p);
    return li;
  }

  function refresh() {
    fetch("/api/stories?" + query, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data || !Array.isArray(data.stories)) return;
        var sig = JSON.stringify(data.stories.map(function (s) { return [s.id, s.updated_at]; }));
        if (sig === last) return;
        {
          var frag = document.createDocumentFragment();
          data.stories.forEach(function (s) { frag.appendChild(item(s)); });
          list.replaceChildren(frag);
          var empty = document.getElementById("empty");
          if (empty && data.stories.length) empty.remove();
        }
        last = sig;
      })
      .catch(function () {});
  }

  refresh();
  setInterval(refresh, 10000);
})();
