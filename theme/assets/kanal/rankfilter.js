/* Kanal: the filter above the complaint ranking on aduan/ (by level, and by name within it).
   The page shows each level's top rows; the filter searches every row of the chosen level,
   villages included, from aduan/peringkat/<level>.json (generator/complaints/ranking.py
   write_filter_data), fetched on first use only. Results replace the ranking on the page, at
   most MAX rows, as a table with the ranking's own classes (a card per row on a phone).
   Values are inserted as text, never as HTML. Without script aduan.css hides the form (Material's
   html.no-js) and the ranking and its pages work as they are. */
(function () {
  "use strict";
  var form = document.getElementById("saring");
  var all = document.getElementById("k-rank-all");
  var out = document.getElementById("k-rf-out");
  if (!form || !all || !out || !window.fetch) return;
  var level = document.getElementById("k-rf-level");
  var name = document.getElementById("k-rf-name");
  var status = document.getElementById("k-rf-status");
  var base = form.getAttribute("data-base"), root = form.getAttribute("data-root");
  var levels = Array.prototype.map.call(level.options, function (o) { return o.value; }).filter(Boolean);
  var MAX = 50;
  var files = {};
  var asked = 0;

  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, " ").trim();
  }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }
  function load(value) {
    if (!files[value]) {
      files[value] = fetch(base + value + ".json").then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      }).then(function (data) {
        data.rows.forEach(function (row) { row.key = fold(row[1] + " " + (row[7] || "")); });
        return data;
      });
      files[value].catch(function () { delete files[value]; }); // a later try fetches again
    }
    return files[value];
  }

  function cell(tag, cls, label, text) {
    var c = el(tag, cls, text);
    if (label) c.setAttribute("data-label", label);
    return c;
  }
  function row(r, data, levelLabel) {
    var tr = el("tr");
    var no = cell("td", "k-rank__no", "", r[0] ? String(r[0]) : "");
    if (!r[0]) no.appendChild(el("span", "k-meta", "data belum cukup"));
    tr.appendChild(no);
    var who = el("th", "k-rank__who");
    who.setAttribute("scope", "row");
    var href = typeof r[6] === "number" ? data.districts[r[6]][1] : r[6];
    var a = el("a", "", r[1]);
    if (r[7]) a.title = r[7];
    a.href = /^https?:\/\//.test(href) ? href : root + href;
    who.appendChild(a);
    var place = typeof r[6] === "number" ? "Kec. " + data.districts[r[6]][0].replace(/^Kecamatan /, "") : "";
    if (levelLabel || place) who.appendChild(el("span", "k-meta k-rf__where", [levelLabel, place].filter(Boolean).join(" · ")));
    tr.appendChild(who);
    tr.appendChild(cell("td", "", "Aduan", Number(r[2]).toLocaleString("id-ID")));
    var fig = cell("td", "k-rank__fig", "Ditanggapi dalam target", r[3] ? r[3] + "%" : "–");
    if (r[4]) {
      fig.appendChild(el("br"));
      fig.appendChild(el("span", "k-meta", "kemungkinan antara " + r[4] + "% dan " + r[5] + "%"));
    }
    tr.appendChild(fig);
    return tr;
  }
  function table(found, caption) {
    var wrap = el("div", "k-table-wrap k-rank-wrap");
    var t = wrap.appendChild(el("table", "k-rank"));
    t.id = "tabel-saringan";
    t.appendChild(el("caption", "", caption));
    var head = t.appendChild(el("thead")).appendChild(el("tr"));
    ["Peringkat", "Instansi", "Aduan (n)", "Ditanggapi dalam target"].forEach(function (h) {
      var th = head.appendChild(el("th", "", h));
      th.setAttribute("scope", "col");
    });
    var body = t.appendChild(el("tbody"));
    found.forEach(function (f) { body.appendChild(row(f.row, f.data, f.label)); });
    return wrap;
  }

  function label(value) {
    var o = level.querySelector('option[value="' + value + '"]');
    return o ? o.textContent.replace(/ \([\d.]+\)$/, "") : "";
  }
  function show() {
    var chosen = level.value, words = fold(name.value).split(" ").filter(Boolean);
    var mine = ++asked;
    if (!chosen && !words.length) {
      out.hidden = true;
      out.textContent = "";
      all.hidden = false;
      status.textContent = "";
      return;
    }
    var wanted = chosen ? [chosen] : levels;
    status.textContent = "Memuat…";
    Promise.all(wanted.map(load)).then(function (parts) {
      if (mine !== asked) return; // a newer choice is on its way
      var found = [], total = 0;
      parts.forEach(function (data, i) {
        data.rows.forEach(function (r) {
          if (!words.every(function (w) { return r.key.indexOf(w) >= 0; })) return;
          total++;
          found.push({ row: r, data: data, label: chosen ? "" : label(wanted[i]) });
        });
      });
      // one ranking order across levels: ranked rows by rank, then the rest
      found.sort(function (x, y) { return (x.row[0] || 1e9) - (y.row[0] || 1e9); });
      found = found.slice(0, MAX);
      var what = "instansi" + (words.length ? " dengan nama “" + name.value.trim() + "”" : "") + (chosen ? " di tingkat " + label(chosen) : "");
      status.textContent = total
        ? total.toLocaleString("id-ID") + " " + what + (total > MAX ? ", " + MAX + " teratas ditampilkan: ketik nama lebih lengkap" : "")
        : "Tidak ada " + what + " di peringkat.";
      out.textContent = "";
      if (found.length) out.appendChild(table(found, "Hasil saringan peringkat: " + what + " (" + found.length + (total > found.length ? " dari " + total.toLocaleString("id-ID") : "") + ")"));
      out.hidden = false;
      all.hidden = true;
    }, function () {
      if (mine !== asked) return;
      status.textContent = "Data peringkat tidak dapat dimuat. Periksa koneksi lalu coba lagi.";
    });
  }

  var timer;
  name.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(show, 150); });
  level.addEventListener("change", show);
  form.addEventListener("submit", function (e) { e.preventDefault(); show(); });
  form.addEventListener("reset", function () { setTimeout(show, 0); });
  if (level.value || name.value) show(); // the browser kept a choice (back button)
})();
