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
    loadIndex: function (url) {
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
