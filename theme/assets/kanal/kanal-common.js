/* Kanal: helpers shared by the finder (finder.js) and the account checker (checker.js).
   The compact index (assets/kanal/indeks.json) is fetched once per page, whoever asks first. */
(function () {
  "use strict";
  if (window.Kanal) return; // the page and the theme may both load this file
  var loading = {};
  var MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
    "September", "Oktober", "November", "Desember"];

  window.Kanal = {
    /* Lower case without accents: "Laweyán" -> "laweyan". */
    fold: function (text) {
      return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    },
    /* An element whose text is set with textContent: index values never become HTML. */
    el: function (tag, cls, text) {
      var node = document.createElement(tag);
      if (cls) node.className = cls;
      if (text) node.textContent = text;
      return node;
    },
    /* FNV-1a over UTF-16 code units: the shard of a bucket key (generator/shards.py fnv). */
    hash: function (text) {
      var h = 0x811c9dc5;
      for (var i = 0; i < text.length; i++) {
        h ^= text.charCodeAt(i);
        h = Math.imul(h, 0x01000193) >>> 0;
      }
      return h >>> 0;
    },
    /* The folder of a sharded index's pieces (generator/shards.py), from its indeks.json URL. */
    shardBase: function (url, meta) { return url.slice(0, url.lastIndexOf("/") + 1) + meta.sharded.base; },
    /* Agency rows at these positions of a sharded index, fetched by chunk: {position: row}. */
    agencyRows: function (url, meta, positions) {
      var K = window.Kanal, base = K.shardBase(url, meta), size = meta.sharded.chunk, chunks = {};
      positions.forEach(function (p) { chunks[Math.floor(p / size)] = true; });
      var ids = Object.keys(chunks);
      return Promise.all(ids.map(function (n) { return K.loadIndex(base + "a/" + n + ".json"); })).then(function (parts) {
        var rows = {};
        positions.forEach(function (p) { rows[p] = parts[ids.indexOf(String(Math.floor(p / size)))][p % size]; });
        return rows;
      });
    },
    loadIndex: function (url) {
      url = new URL(url, document.baseURI).href; // one fetch per file, however it is written
      if (!loading[url]) {
        loading[url] = fetch(url).then(function (r) {
          if (!r.ok) throw new Error("HTTP " + r.status);
          return r.json();
        });
        loading[url].catch(function () { delete loading[url]; }); // let a later try refetch
      }
      return loading[url];
    },
    /* "2019-03-01" -> "1 Maret 2019" */
    dateId: function (iso) {
      var p = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
      return p ? Number(p[3]) + " " + MONTHS[Number(p[2]) - 1] + " " + p[1] : "";
    }
  };
})();
