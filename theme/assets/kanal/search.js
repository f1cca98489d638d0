/* Kanal header search: the search box of every page also finds agencies, by name, short name,
   service and place, with the finder's rules (finder.js, index assets/kanal/indeks.json).
   Agency results come first in Material's search dialog, between its status line and its list
   of pages: Material keeps both of those (":first-child" and ":last-child" of the result box),
   its arrow keys move through every link of the box, and Enter opens the best-scored link,
   which is the top agency (data-md-score below). The index is fetched on the first focus of
   the search box, never on page load. Index values are inserted as text, never as HTML. */
(function () {
  "use strict";
  var K = window.Kanal;
  var me = document.currentScript;
  var query = document.querySelector(".md-search__input");
  var box = document.querySelector(".md-search-result");
  if (!K || !K.finder || !me || !query || !box) return;
  // The site's root, from this script's own address (…/assets/kanal/search.js): right on
  // every page, the 404 page included, whatever folder the site is served from.
  var root = me.src.replace(/assets\/kanal\/search\.js(?:[?#].*)?$/, "");
  var url = root + "assets/kanal/indeks.json";
  var MAX = 5;

  var region = K.el("div", "k-search");
  region.setAttribute("role", "region");
  region.setAttribute("aria-labelledby", "k-search-h");
  var head = region.appendChild(K.el("p", "k-search__head"));
  head.id = "k-search-h";
  var status = region.appendChild(K.el("p", "k-search__status"));
  status.setAttribute("role", "status"); // read out as results change
  var list = region.appendChild(K.el("ol", "k-search__list"));
  region.hidden = true;
  box.insertBefore(region, box.lastElementChild);

  function item(row, rank) {
    var li = K.el("li", "md-search-result__item");
    var a = K.el("a", "md-search-result__link");
    // a level row ("your desa/kelurahan office") leads to the home finder's place search
    a.href = row[8] ? root + "#k-q" : /^https?:\/\//.test(row[3]) ? row[3] : root + row[3];
    var article = K.el("article", "md-search-result__article k-search__hit");
    article.setAttribute("data-md-score", String(1e6 - rank)); // Enter opens the top agency
    article.appendChild(K.el("p", "k-search__name", row[0] + (row[1] ? " (" + row[1] + ")" : "")));
    var sub = [row[2], row[4]].filter(Boolean).join(" · ");
    if (row[5]) sub += (sub ? " — " : "") + row[5].split(" · ").slice(0, 4).join(", ");
    if (row[8]) sub = "Dilayani kantor " + (row[8] === "desa" ? "desa/kelurahan" : "kecamatan") + " tempat Anda tinggal: cari namanya di Beranda";
    article.appendChild(K.el("p", "k-search__sub", sub));
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  function show(text) {
    list.textContent = "";
    if (!K.finder.words(text).length) { region.hidden = true; status.textContent = ""; return; }
    K.finder.search(url, text, MAX).then(function (found) {
      if (query.value !== text) return; // a newer query is on its way
      region.setAttribute("data-query", text); // which query these results answer (for tests)
      var total = found.total;
      region.hidden = false;
      head.textContent = "Instansi";
      status.textContent = total
        ? total + " instansi cocok" + (total > MAX ? ", " + MAX + " teratas" : "")
        : "Tidak ada instansi yang cocok.";
      found.hits.forEach(function (hit, i) { list.appendChild(item(hit[1], i)); });
      if (total > MAX) {
        var more = K.el("li", "md-search-result__item");
        var a = more.appendChild(K.el("a", "md-search-result__link k-search__more", "Lihat semua " + total + " instansi di Beranda"));
        a.href = root + "?q=" + encodeURIComponent(text);
        list.appendChild(more);
      }
    }, function () {
      region.hidden = false;
      status.textContent = "Daftar instansi tidak dapat dimuat. Periksa koneksi internet.";
    });
  }

  var timer = null;
  query.addEventListener("focus", function () { K.loadIndex(url).catch(function () {}); K.loadIndex(url.replace(/indeks\.json$/, "finder.json")).catch(function () {}); }, { once: true });
  query.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { show(query.value); }, 120);
  });
  var form = document.querySelector(".md-search__form");
  if (form) {
    form.addEventListener("reset", function () { show(""); });
    // Material claims Enter only while its search toggle is on; otherwise the browser would
    // submit the form and reload this page as ?query=…: open the top agency instead.
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var top = list.querySelector("a.md-search-result__link");
      if (top && !region.hidden) top.click();
    });
  }
})();
