/* Kanal finder ("Mau lapor apa?"): searches the compact index (assets/kanal/indeks.json) in
   the browser. Tolerates case, accents and small typos; shows each agency's best channel as a
   tap target. Every value from the index is inserted as text (textContent), never as HTML. */
(function () {
  "use strict";
  if (!window.Kanal || window.Kanal.finder) return; // loaded once, whichever page part asks
  var K = window.Kanal;
  // Words that say nothing about the problem: they may match, but need not.
  var FILLER = ["di", "ke", "dan", "yang", "untuk", "saya", "mau", "ingin", "lapor", "melapor",
    "laporan", "tentang", "ada", "dari", "ini", "itu", "urus", "mengurus", "cara", "bagaimana",
    "tolong", "minta", "kami", "kita", "desa", "kecamatan", "kelurahan", "dinas", "kabupaten"];
  var CHANNEL_TEXT = { whatsapp: "Chat WhatsApp", phone: "Telepon", sms: "SMS", email: "Surel",
    website: "Situs web", complaint_portal: "Kanal pengaduan" };

  function words(text) { return K.fold(text).split(/[^a-z0-9]+/).filter(Boolean); }

  /* Folded text and word lists of each agency, computed once when the index arrives. */
  function prepare(data) {
    return data.agencies.map(function (a) {
      var keys = K.fold(a[5]);
      return {
        row: a, name: K.fold(a[0]), short: K.fold(a[1]), kind: K.fold(a[2]), parent: K.fold(a[4]),
        keys: keys, phrases: keys.split(" · "),
        strong: words(a[0] + " " + a[1] + " " + a[5]), weak: words(a[4])
      };
    });
  }

  /* Damerau-Levenshtein distance (optimal string alignment), giving up above `max`. */
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a.charAt(i - 1) === b.charAt(j - 2) && a.charAt(i - 2) === b.charAt(j - 1)) {
          v = Math.min(v, prev2[j - 2] + 1);
        }
        cur.push(v);
        if (v < best) best = v;
      }
      if (best > max) return max + 1;
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  /* Typos allowed: none below 4 letters, 1 up to 7 letters, 2 from 8 letters on. */
  function nearWord(w, tokens) {
    if (w.length < 4) return false;
    var max = w.length >= 8 ? 2 : 1;
    for (var i = 0; i < tokens.length; i++) {
      var t = tokens[i];
      if (t.length < 3) continue;
      if (distance(w, t, max) <= max) return true;
      // still typing: "pendidkn" against the start of "pendidikan"
      if (w.length >= 5 && t.length > w.length && distance(w, t.slice(0, w.length), max) <= max) return true;
    }
    return false;
  }

  function wordScore(item, w) {
    if (item.name.indexOf(w) === 0 || item.short === w) return 8;
    if ((" " + item.name).indexOf(" " + w) >= 0) return 6;
    if (item.name.indexOf(w) >= 0 || item.short.indexOf(w) >= 0) return 4;
    if ((" " + item.keys).indexOf(" " + w) >= 0) return 3;
    if (item.keys.indexOf(w) >= 0) return 2;
    if (item.kind.indexOf(w) >= 0 || item.parent.indexOf(w) >= 0) return 1;
    if (nearWord(w, item.strong)) return 2;
    if (nearWord(w, item.weak)) return 1;
    return 0;
  }

  function score(item, query, ws) {
    var total = 0, matched = 0;
    for (var i = 0; i < ws.length; i++) {
      var s = wordScore(item, ws[i]);
      if (!s && FILLER.indexOf(ws[i]) < 0) return 0;
      if (s) matched++;
      total += s;
    }
    if (!matched) return 0;
    // A service named exactly as typed ("jalan rusak", "KTP") comes first.
    if (item.phrases.indexOf(query) >= 0) total += 10;
    return total;
  }

  /* Agencies matching a query, best first: [[score, row], ...] (rows as in the index). */
  function rank(prepared, query) {
    var ws = words(query), hits = [];
    if (!ws.length) return hits;
    var folded = ws.join(" ");
    for (var i = 0; i < prepared.length; i++) {
      var s = score(prepared[i], folded, ws);
      if (s) hits.push([s, prepared[i].row]);
    }
    hits.sort(function (a, b) { return b[0] - a[0] || a[1][0].localeCompare(b[1][0], "id"); });
    return hits;
  }

  /* A sharded index (generator/shards.py): the term files of the typed words, scored like
     wordScore above but on whole terms (a word matches the start of a term, or a term one or
     two typos away); ties in index order. Rows are fetched for the shown agencies only. */
  function termScore(w, t, bits) {
    if (t.indexOf(w) === 0) {
      if (bits & 1 || (bits & 4 && t === w)) return 8;
      if (bits & 2) return 6;
      if (bits & 4) return 4;
      if (bits & 8) return 3;
      return bits & 16 ? 1 : 0;
    }
    if (!nearWord(w, [t])) return 0;
    return bits & 15 ? 2 : bits & 16 ? 1 : 0;
  }

  function eachPosting(list, fn) {
    for (var i = 0, pos = 0; i < list.length; i += 2) { pos += list[i]; fn(pos, list[i + 1]); }
  }

  function shardedSearch(url, meta, query, max) {
    var S = meta.sharded, base = K.shardBase(url, meta), ws = words(query);
    var wanted = {};
    ws.forEach(function (w) { if (S.prefixes.indexOf(w.slice(0, 2)) >= 0) wanted[w.slice(0, 2)] = true; });
    var keys = Object.keys(wanted);
    return Promise.all(keys.map(function (p) { return K.loadIndex(base + "t/" + p + ".json"); })).then(function (parts) {
      var shard = {}, totals = {}, allowed = null, any = {};
      keys.forEach(function (p, i) { shard[p] = parts[i]; });
      ws.forEach(function (w) {
        var per = {}, terms = w.length >= 2 ? shard[w.slice(0, 2)] : null;
        if (terms) {
          Object.keys(terms).forEach(function (t) {
            if (t.indexOf(" ") >= 0) return; // phrases: the bonus below
            eachPosting(terms[t], function (pos, bits) {
              var v = termScore(w, t, bits);
              if (v > (per[pos] || 0)) per[pos] = v;
            });
          });
        }
        Object.keys(per).forEach(function (pos) { totals[pos] = (totals[pos] || 0) + per[pos]; any[pos] = true; });
        if (FILLER.indexOf(w) >= 0) return; // may match, need not
        if (allowed === null) allowed = per;
        else Object.keys(allowed).forEach(function (pos) { if (!per[pos]) delete allowed[pos]; });
      });
      var folded = ws.join(" "), phrases = shard[folded.slice(0, 2)];
      if (phrases && phrases[folded]) eachPosting(phrases[folded], function (pos) { if (totals[pos]) totals[pos] += 10; });
      var hits = Object.keys(allowed === null ? any : allowed).map(Number).filter(function (pos) { return totals[pos] > 0; });
      hits.sort(function (a, b) { return totals[b] - totals[a] || a - b; });
      var top = hits.slice(0, max);
      return K.agencyRows(url, meta, top).then(function (rows) {
        return { hits: top.map(function (pos) { return [totals[pos], rows[pos]]; }), total: hits.length };
      });
    });
  }

  /* The best `max` agencies for a query, and how many match: a promise of {hits, total}. */
  var PREPARED = {};
  function search(url, query, max) {
    return K.loadIndex(url).then(function (data) {
      if (!words(query).length) return { hits: [], total: 0 };
      if (data.sharded) return shardedSearch(url, data, query, max);
      if (!PREPARED[url]) PREPARED[url] = prepare(data);
      var hits = rank(PREPARED[url], query);
      return { hits: hits.slice(0, max), total: hits.length };
    });
  }

  K.finder = { words: words, rank: rank, search: search, CHANNEL_TEXT: CHANNEL_TEXT };

  /* ---- The form on the home page ("Mau lapor apa?") ---- */
  var form = document.querySelector(".k-finder");
  if (!form) return;
  var input = form.querySelector("input[type=search]");
  var status = document.getElementById("k-status");
  var list = document.getElementById("k-list");
  var root = form.getAttribute("data-root") || "";
  var url = form.getAttribute("data-index");
  var MAX = 10;

  function channelLink(best) {
    var a = K.el("a", "k-tap k-ch k-ch--" + best[0]);
    a.href = best[2];
    if (best[0] === "whatsapp" || best[0] === "website" || best[0] === "complaint_portal") a.rel = "noopener";
    a.appendChild(K.el("span", "k-ch__type", CHANNEL_TEXT[best[0]] || best[0]));
    a.appendChild(K.el("span", "k-ch__value", best[1]));
    return a;
  }

  /* Shows the results of a query; a promise of how many agencies match. */
  function show(query) {
    return search(url, query, MAX).then(function (found) {
      if (input.value !== query) return -1; // a newer query is on its way
      list.textContent = "";
      render(query, found);
      return found.total;
    });
  }

  function render(query, found) {
    var hits = found.hits;
    if (!words(query).length) { status.textContent = ""; return; }
    status.textContent = found.total
      ? found.total + " instansi cocok" + (found.total > MAX ? ", " + MAX + " teratas:" : ":")
      : "Tidak ada instansi yang cocok. Coba kata lain, atau buka Direktori.";
    if (!hits.length) return;
    var ol = K.el("ol");
    hits.slice(0, MAX).forEach(function (hit) {
      var a = hit[1], li = K.el("li", "k-r"), link = K.el("a", "k-r-agency");
      link.href = /^https?:\/\//.test(a[3]) ? a[3] : root + a[3];  // a province lists its members' agencies on their own sites
      link.appendChild(K.el("span", "k-r-name", a[0] + (a[1] ? " (" + a[1] + ")" : "")));
      link.appendChild(K.el("span", "k-r-sub", a[4] ? a[2] + " · " + a[4] : a[2]));
      li.appendChild(link);
      if (a[6]) li.appendChild(channelLink(a[6]));
      ol.appendChild(li);
    });
    list.appendChild(ol);
  }

  var timer = null;
  input.addEventListener("focus", function () { K.loadIndex(url).catch(function () {}); }, { once: true });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { show(input.value).catch(failed); }, 120);
  });
  function failed() { status.textContent = "Daftar instansi tidak dapat dimuat. Periksa koneksi internet lalu coba lagi."; }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer); // a pending redraw would delete the result that is about to get focus
    show(input.value).then(function (total) {
      var first = list.querySelector("a.k-r-agency");
      if (total === 1 && first) window.location.href = first.href;
      else if (first) first.focus();
    }, failed);
  });
  // Arrow keys move between results (Tab and Enter work too).
  form.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(list.querySelectorAll("a.k-r-agency"));
    if (!links.length) return;
    var at = links.indexOf(document.activeElement);
    var next = event.key === "ArrowDown" ? at + 1 : at - 1;
    if (next < 0) input.focus();
    else links[Math.min(next, links.length - 1)].focus();
    event.preventDefault();
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) { input.value = initial; show(initial).catch(failed); }
})();
