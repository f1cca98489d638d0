/* Kanal finder: searches the compact index (assets/kanal/indeks.json) in the browser.
   Every value from the index is inserted as text (textContent), never as HTML. */
(function () {
  "use strict";
  var form = document.querySelector(".k-finder");
  if (!form) return;
  var input = form.querySelector("input[type=search]");
  var out = document.getElementById("k-results");
  var root = form.getAttribute("data-root") || "";
  var index = null, loading = null;

  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function load() {
    if (!loading) {
      loading = fetch(form.getAttribute("data-index"))
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (data) {
          index = data.agencies.map(function (a) {
            return { row: a, name: fold(a[0]), short: fold(a[1]), kind: fold(a[2]), parent: fold(a[4]), keys: fold(a[5]) };
          });
          return index;
        });
    }
    return loading;
  }

  function score(item, words) {
    var total = 0;
    for (var i = 0; i < words.length; i++) {
      var w = words[i], s = 0;
      if (item.name.indexOf(w) === 0 || item.short === w) s = 8;
      else if ((" " + item.name).indexOf(" " + w) >= 0) s = 6;
      else if (item.name.indexOf(w) >= 0 || item.short.indexOf(w) >= 0) s = 4;
      else if (item.keys.indexOf(w) >= 0) s = 3;
      else if (item.kind.indexOf(w) >= 0 || item.parent.indexOf(w) >= 0) s = 1;
      if (!s) return 0;
      total += s;
    }
    return total;
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  function show(query) {
    var words = fold(query).split(/\s+/).filter(Boolean);
    out.textContent = "";
    if (!words.length) return [];
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var s = score(index[i], words);
      if (s) hits.push([s, index[i].row]);
    }
    hits.sort(function (a, b) { return b[0] - a[0] || a[1][0].localeCompare(b[1][0], "id"); });
    var status = el("p", "k-meta", hits.length
      ? hits.length + " instansi cocok" + (hits.length > 10 ? ", 10 teratas:" : ":")
      : "Tidak ada instansi yang cocok. Coba kata lain, atau buka Direktori.");
    out.appendChild(status);
    if (!hits.length) return hits;
    var list = el("ol");
    hits.slice(0, 10).forEach(function (hit) {
      var a = hit[1], li = el("li"), link = el("a");
      link.href = root + a[3];
      link.appendChild(el("span", "k-r-name", a[0] + (a[1] ? " (" + a[1] + ")" : "")));
      var sub = [a[2]];
      if (a[4]) sub.push(a[4]);
      if (a[6]) sub.push((a[6][0] === "whatsapp" ? "WhatsApp " : "") + a[6][1]);
      link.appendChild(el("span", "k-r-sub", sub.join(" · ")));
      li.appendChild(link);
      list.appendChild(li);
    });
    out.appendChild(list);
    return hits;
  }

  var timer = null;
  input.addEventListener("focus", load, { once: true });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { load().then(function () { show(input.value); }); }, 120);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer); // a pending redraw would delete the result that is about to get focus
    load().then(function () {
      var hits = show(input.value);
      var first = out.querySelector("a");
      if (hits.length === 1 && first) window.location.href = first.href;
      else if (first) first.focus();
    });
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) { input.value = initial; load().then(function () { show(initial); }); }
})();
