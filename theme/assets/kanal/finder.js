/* Kanal finder ("Mau lapor apa?"): ranks agencies for a citizen's words in the browser, from
   the compact index (assets/kanal/indeks.json, or its shards) and the finder's knowledge
   (assets/kanal/finder.json: kinds of perangkat daerah, thesaurus concepts, stemming rules and
   roots). The ranking is generator/finder/rank.py's, step for step (tests compare them):
   BM25 over fields, exact above stemmed above thesaurus above typo, no word required, the
   tail cut. Every value from the index is inserted as text (textContent), never as HTML. */
(function () {
  "use strict";
  if (!window.Kanal || window.Kanal.finder) return; // loaded once, whichever page part asks
  var K = window.Kanal;
  var CHANNEL_TEXT = { whatsapp: "Chat WhatsApp", phone: "Telepon", sms: "SMS", email: "Surel",
    website: "Situs web", complaint_portal: "Kanal pengaduan" };
  var STEM_SHIFT = 8, NAME_BITS = 7, OWN_NAME = 3, WEAK = 16, FIELDS = 31, MAX = 10;
  /* Clitics dropped from a word the index does not know (rank.py CLITICS), the longer first. */
  var CLITICS = ["nya", "ne", "na", "ku", "mu", "e"];
  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  function words(text) { return K.fold(text).split(/[^a-z0-9]+/).filter(Boolean); }

  /* Query words: chat's reduplication digit goes ("jadi2"). */
  function queryWords(text) {
    return words(text).map(function (w) {
      return w.length > 2 && /[a-z]2$/.test(w) ? w.slice(0, -1) : w;
    });
  }

  /* ---- Stemming: generator/finder/stem.py (Sastrawi's Nazief-Adriani), rules from data ---- */
  function makeStemmer(rules, rootList) {
    var roots = new Set(rootList), cache = new Map();
    var js = function (t) { return t; }; // replacements are written "$1" for JavaScript
    var suffixes = rules.suffixes.map(function (r) { return [r[0], new RegExp(r[1])]; });
    var plain = new RegExp(rules.plain);
    var prefixes = rules.prefixes.map(function (group) {
      return group.map(function (d) {
        var cases = [];
        for (var i = 0; i < d.length; i += 2) cases.push([new RegExp(d[i]), js(d[i + 1])]);
        return cases;
      });
    });
    var precedence = rules.precedence.map(function (p) { return new RegExp(p); });

    function stemWord(word) {
      var c = { original: word, current: word, stopped: false, removals: [] };
      function found() { return roots.has(c.current); }
      function removal(subject, result, kind) {
        return { subject: subject, result: result, kind: kind, removed: subject.replace(result, "") };
      }
      function remove(result, kind) {
        if (result !== c.current) { c.removals.push(removal(c.current, result, kind)); c.current = result; }
      }
      function disambiguate(group) {
        var result = null;
        for (var i = 0; i < group.length; i++) {
          result = null;
          for (var j = 0; j < group[i].length; j++) {
            if (group[i][j][0].test(c.current)) { result = c.current.replace(group[i][j][0], group[i][j][1]); break; }
          }
          if (result !== null && roots.has(result)) break;
        }
        if (!result) return;
        c.removals.push(removal(c.current, result, "DP"));
        c.current = result;
      }
      function removeSuffixes() {
        for (var i = 0; i < suffixes.length; i++) {
          remove(c.current.replace(suffixes[i][1], ""), suffixes[i][0]);
          if (found() || c.stopped) return;
        }
      }
      function removePrefixes() {
        for (var round = 0; round < 3; round++) {
          var count = c.removals.length;
          for (var i = -1; i < prefixes.length; i++) {
            if (i < 0) remove(c.current.replace(plain, ""), "DP"); else disambiguate(prefixes[i]);
            if (found() || c.stopped || c.removals.length > count) break;
          }
          if (found()) return;
        }
      }
      function restoreSuffixes() {
        if (c.removals.length) c.current = c.removals[0].subject;
        for (var i = 0; i < c.removals.length; i++) { // as Sastrawi: skips the item after one removed
          if (c.removals[i].kind === "DP") c.removals.splice(i, 1);
        }
        var list = c.removals, saved = c.current;
        for (var k = list.length - 1; k >= 0; k--) {
          var r = list[k];
          if (r.kind !== "DS" && r.kind !== "PP" && r.kind !== "P") continue;
          if (r.removed === "kan") {
            c.current = r.result + "k";
            removePrefixes();
            if (found()) return;
            c.current = r.result + "kan";
          } else {
            c.current = r.subject;
          }
          removePrefixes();
          if (found()) return;
          c.removals = list;
          c.current = saved;
        }
      }
      function steps() {
        if (found()) return;
        if (c.current.length <= 3) c.stopped = true;
        if (precedence.some(function (p) { return p.test(c.original); })) {
          removePrefixes();
          if (found()) return;
          removeSuffixes();
          if (found()) return;
          c.current = c.original;
          c.removals = [];
        }
        removeSuffixes();
        if (found()) return;
        removePrefixes();
        if (found()) return;
        restoreSuffixes();
      }
      steps();
      return found() ? c.current : c.original;
    }
    return function (word) {
      if (!cache.has(word)) cache.set(word, stemWord(word));
      return cache.get(word);
    };
  }

  /* Words with each fixed phrase of finder.json made one word ("rawat jalan" -> "rawatjalan");
     a query's word matches a phrase's word as typed or through its stem (index.py fixed). */
  function fixed(typed, stems, data) {
    var phrases = data.fixedWords || (data.fixedWords = (data.fixed || []).map(function (f) { return f.split(" "); }));
    var found = [], i = 0;
    while (i < typed.length) {
      var hit = null;
      for (var n = 0; n < phrases.length && !hit; n++) {
        var p = phrases[n], same = true;
        for (var j = 0; j < p.length; j++) {
          if (i + j >= typed.length || (typed[i + j] !== p[j] && !(stems && stems[i + j] === p[j]))) { same = false; break; }
        }
        if (same) hit = p;
      }
      if (hit) { found.push(hit.join("")); i += hit.length; } else { found.push(typed[i]); i += 1; }
    }
    return found;
  }

  /* Each term of an agency row with its field bits (generator/finder/index.py row_terms). */
  function rowTerms(row, data, stem) {
    var F = data.fields, found = {}, label = {};
    function add(w, bit) {
      found[w] = (found[w] || 0) | F[bit];
      var s = stem(w);
      if (s !== w) found[s] = (found[s] || 0) | F[bit] << STEM_SHIFT;
    }
    function fw(text) { return fixed(words(text), null, data); }
    fw(row[2]).forEach(function (w) { label[w] = true; });
    fw(row[0]).forEach(function (w, i) { add(w, label[w] ? "weak" : i === 0 ? "first" : "name"); });
    fw(row[1]).forEach(function (w) { add(w, "short"); });
    fw(row[5] || "").forEach(function (w) { add(w, "keyword"); });
    fw(row[2] + " " + row[4]).forEach(function (w) { add(w, "weak"); });
    var PLACES = { Desa: "desa", Kelurahan: "desa", Kecamatan: "kecamatan" };
    var place = PLACES[row[2]];
    if (place) Object.keys(found).forEach(function (t) { found[t] |= data.places[place]; });
    return found;
  }

  /* The positions of a phrase's words where they occur in the query in order with at most
     `gap` other words between two of them, the first such occurrence; null when they do not
     (rank.py spread_at). */
  function spreadAt(stems, phrase, gap) {
    for (var start = 0; start < stems.length; start++) {
      if (stems[start] !== phrase[0]) continue;
      var at = [start], all = true;
      for (var k = 1; k < phrase.length && all; k++) {
        var next = -1, last = at[at.length - 1];
        for (var j = last + 1; j < Math.min(stems.length, last + gap + 2); j++) if (stems[j] === phrase[k]) { next = j; break; }
        if (next < 0) all = false; else at.push(next);
      }
      if (all) return at;
    }
    return null;
  }
  function spread(stems, phrase, gap) { return spreadAt(stems, phrase, gap) !== null; }

  /* Where a concept's phrases and terms occur in the query: [positions, generic] for each
     occurrence; generic: one of its terms of one word only (rank.py matches). */
  function matches(stems, c, gap) {
    var found = [];
    c[1].concat(c[2]).forEach(function (seq, n) {
      var p = seq.split(" "), generic = n >= c[1].length && p.length === 1, whole = false;
      for (var i = 0; i + p.length <= stems.length; i++) {
        var same = true;
        for (var j = 0; j < p.length; j++) if (stems[i + j] !== p[j]) { same = false; break; }
        if (!same) continue;
        var at = [];
        for (var k = i; k < i + p.length; k++) at.push(k);
        found.push([at, generic]);
        whole = true;
      }
      if (p.length > 1 && !whole) {
        var spot = spreadAt(stems, p, gap);
        if (spot) found.push([spot, false]);
      }
    });
    return found;
  }

  function maxTypos(w) { return w.length < 4 ? 0 : w.length < 8 ? 1 : 2; }

  /* Optimal string alignment distance, giving up above `max` (rank.py distance). */
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

  /* A ranker over `postings` ({term: {position: bits}}: all of a whole index, or the terms of
     the fetched shards) for `count` agencies. rank(query) -> {hits: [[position, score]],
     levels: ["provinsi"|"pusat"], total}. Level rows have negative positions. */
  /* finder.json's kinds ([id, "words as written", "stems only", positions]) as
     [id, {term: 1 | 2}, positions] (index.py unpacked). */
  function unpackKinds(kinds) {
    return kinds.map(function (k) {
      var terms = {};
      k[1].split(" ").filter(Boolean).forEach(function (t) { terms[t] = 1; });
      k[2].split(" ").filter(Boolean).forEach(function (t) { terms[t] = 2; });
      return [k[0], terms, k[3]];
    });
  }

  function isFar(c) { return c[4] === "provinsi" || c[4] === "pusat"; }

  function eachDoc(docs, fn) { Object.keys(docs).forEach(function (d) { fn(Number(d), docs[d]); }); }

  function makeRanker(data, postings, count, stem) {
    var kinds = data.unpacked || (data.unpacked = unpackKinds(data.kinds));
    var W = data.weights, F = data.fields, stop = new Set(data.stopwords), lexicon = data.lexicon || {};
    var where = data.where || [];
    var n = count + Object.keys(data.levels).length;
    var vocabulary = new Set(Object.keys(postings));
    kinds.forEach(function (k) { Object.keys(k[1]).forEach(function (t) { vocabulary.add(t); }); });
    data.concepts.forEach(function (c) {
      c[1].concat(c[2]).forEach(function (seq) { seq.split(" ").forEach(function (t) { vocabulary.add(t); }); });
    });
    // each word of the thesaurus's phrases of several words, with its concepts (rank.py)
    var wordConcepts = new Map();
    data.concepts.forEach(function (c, n) {
      if (c[4] === "provinsi" || c[4] === "pusat") return;
      c[1].concat(c[2]).forEach(function (seq) {
        if (seq.indexOf(" ") < 0) return;
        seq.split(" ").forEach(function (t) {
          if (!wordConcepts.has(t)) wordConcepts.set(t, []);
          var known = wordConcepts.get(t);
          if (known.indexOf(n) < 0) known.push(n);
        });
      });
    });
    var place = new Map();
    Object.keys(data.places).forEach(function (level) {
      var flag = data.places[level];
      Object.keys(postings).forEach(function (t) {
        var docs = postings[t];
        Object.keys(docs).forEach(function (d) { if (docs[d] & flag) place.set(Number(d), level); });
      });
    });
    var placeWords = data.place_words;
    // words of the language: a village named "Tutup" is not named by such a word that means something else
    var common = data.commonRoots || (data.commonRoots = new Set(data.stem.roots.split(" ")));
    // the words of each place's own name as written ("margarame" of Desa Margarame)
    var placeNames = new Map(), nameSize = new Map();
    Object.keys(postings).forEach(function (t) {
      eachDoc(postings[t], function (doc, bits) {
        if (!place.has(doc) || !(bits & OWN_NAME)) return;
        if (!placeNames.has(t)) placeNames.set(t, []);
        placeNames.get(t).push(doc);
        nameSize.set(doc, (nameSize.get(doc) || 0) + 1);
      });
    });
    function fieldWeight(bits) {
      var sum = 0;
      Object.keys(F).forEach(function (name) { if (bits & F[name]) sum += W[name]; });
      return sum;
    }
    function queryStem(w) {
      var s = stem(w);
      if (s === w && !vocabulary.has(s)) {
        for (var i = 0; i < CLITICS.length; i++) {
          var rest = w.slice(0, -CLITICS[i].length);
          if (w.slice(-CLITICS[i].length) === CLITICS[i] && rest.length >= 2 && vocabulary.has(rest)) return rest;
        }
      }
      return s;
    }
    /* The query's words read through the lexicon (rank.py normalised): a word that means
       nothing here as typed ("jln", "dalane", "cai") stands for its Indonesian word(s). */
    function normalised(typed) {
      var found = [];
      typed.forEach(function (w) {
        var meant = has(lexicon, w) ? lexicon[w] : null;
        if (meant === null && !vocabulary.has(w)) {
          for (var i = 0; i < CLITICS.length; i++) {
            var rest = w.slice(0, -CLITICS[i].length);
            if (w.slice(-CLITICS[i].length) === CLITICS[i] && has(lexicon, rest)) { meant = lexicon[rest]; break; }
          }
        }
        if (meant === null || vocabulary.has(w)) found.push(w);
        else found.push.apply(found, meant.split(" "));
      });
      return found;
    }
    function word(w, s, placesByCommon) {
      var tf = new Map(), named = new Map();
      function put(doc, value, bits) {
        if (value > (tf.get(doc) || 0)) tf.set(doc, value);
        if (bits & NAME_BITS) named.set(doc, (named.get(doc) || 0) | bits);
      }
      var keys = s === w ? [w] : [w, s];
      // a word of the language that means something to an office or a kind names no village
      // of that name without a place word ("tutup" of a drain, Desa Tutup)
      var meant = !placesByCommon && keys.some(function (key) {
        return (postings[key] && Object.keys(postings[key]).some(function (d) { return !place.has(Number(d)); })) ||
          kinds.some(function (kind) { return !!kind[1][key]; });
      });
      keys.forEach(function (key, k) {
        if (postings[key]) eachDoc(postings[key], function (doc, bits) {
          var exact = bits & FIELDS, stemmed = bits >> STEM_SHIFT & FIELDS;
          if (place.has(doc)) { // a place's name is a proper noun: as typed, never through a stem,
            stemmed &= ~NAME_BITS; // nor by a word of the language alone
            if (k || (common.has(key) && meant)) exact &= ~NAME_BITS;
          }
          if (k === 0 && exact) put(doc, W.exact * fieldWeight(exact), exact);
          var both = exact | stemmed;
          if (both) put(doc, W.stem * fieldWeight(both), both);
        });
        kinds.forEach(function (kind) {
          var flag = kind[1][key] || 0;
          if (!flag) return;
          var q = k === 0 && flag & 1 ? W.exact : W.stem;
          kind[2].forEach(function (doc) { put(doc, q * W.kind, 0); });
        });
      });
      if (tf.size || vocabulary.has(w) || vocabulary.has(s)) return [tf, named, false];
      var limit = maxTypos(w);
      if (!limit) return [tf, named, false];
      var near = [], best = limit + 1;
      vocabulary.forEach(function (key) {
        if (key.charAt(0) !== w.charAt(0)) return; // typos keep the first letter ("deras" is not "beras")
        var d = distance(w, key, limit);
        if (d < best) { best = d; near = [key]; } else if (d === best && d <= limit) near.push(key);
      });
      near.forEach(function (key) {
        if (postings[key]) eachDoc(postings[key], function (doc, bits) {
          var both = (bits | bits >> STEM_SHIFT) & FIELDS;
          put(doc, W.fuzzy * fieldWeight(both), both);
        });
        kinds.forEach(function (kind) {
          if (kind[1][key]) kind[2].forEach(function (doc) { put(doc, W.fuzzy * W.kind, 0); });
        });
      });
      return [tf, named, true];
    }
    function concept(c) {
      var tf = new Map(), levelDoc = data.levels[c[4]];
      c[1].concat(c[2]).forEach(function (seq) { // its phrases and its terms
        var docs = null;
        seq.split(" ").every(function (t) {
          var has = new Set();
          if (postings[t]) eachDoc(postings[t], function (doc, b) { if ((b | b >> STEM_SHIFT) & F.keyword) has.add(doc); });
          docs = docs === null ? has : new Set(Array.from(docs).filter(function (d) { return has.has(d); }));
          return docs.size > 0;
        });
        if (docs) docs.forEach(function (doc) { tf.set(doc, W.concept * W.keyword); });
      });
      // the concept's kinds on top: of two offices that list a term, its usual owner first
      var kindTf = new Map(), first = true; // the first of its kinds the registry has is its owner here
      c[3].forEach(function (k) {
        if (!kinds[k][2].length) return;
        var share = first ? 1 : W.second_kind;
        first = false;
        kinds[k][2].forEach(function (doc) {
          var own = doc === levelDoc ? 1 : share; // a desa/kecamatan matter: yours first
          kindTf.set(doc, Math.max(kindTf.get(doc) || 0, W.concept * W.kind * own));
        });
      });
      kindTf.forEach(function (v, doc) { tf.set(doc, (tf.get(doc) || 0) + v); });
      return tf;
    }
    /* A word that matches no agency or service but is a word of thesaurus phrases: the kinds
       of their concepts, at a share of a whole phrase's weight (rank.py _phrase_word). */
    function phraseWord(w, s) {
      var tf = new Map();
      (wordConcepts.get(w) || wordConcepts.get(s) || []).forEach(function (n) {
        var first = true;
        data.concepts[n][3].forEach(function (k) {
          if (!kinds[k][2].length) return;
          var share = first ? 1 : W.second_kind;
          first = false;
          var value = W.concept * W.kind * W.phrase_word * share;
          kinds[k][2].forEach(function (doc) { tf.set(doc, Math.max(tf.get(doc) || 0, value)); });
        });
      });
      return tf;
    }
    /* A term's rarity counts the answers it leads to: villages it finds but does not name are one. */
    function saturate(tf, named) {
      var units = new Set();
      tf.forEach(function (t, d) { units.add(place.has(d) && !(named && named.get(d)) ? place.get(d) : d); });
      var df = units.size, idf = Math.log(1 + (n - df + 0.5) / (df + 0.5)), out = new Map();
      tf.forEach(function (t, d) { out.set(d, idf * t * (W.k1 + 1) / (t + W.k1)); });
      return out;
    }
    function matchedConcepts(stems) {
      var found = [], covered = new Set();
      data.concepts.forEach(function (c) {
        var longest = 0;
        c[1].concat(c[2]).forEach(function (phrase) { // its phrases and its terms, as typed
          var p = phrase.split(" ");
          for (var i = 0; i + p.length <= stems.length; i++) {
            var same = true;
            for (var j = 0; j < p.length; j++) if (stems[i + j] !== p[j]) { same = false; break; }
            if (!same) continue;
            longest = Math.max(longest, p.length);
            if (p.length > 1) for (var k = i; k < i + p.length; k++) covered.add(k);
          }
          // told apart: the concept counts, its words still count one by one (rank.py)
          if (p.length > 1 && longest < p.length && spread(stems, p, W.gap)) longest = p.length;
        });
        if (longest) found.push([c, longest]);
      });
      return [found, covered];
    }
    /* The places a query names with a place word of their level (rank.py named_places):
       doc -> [query words its name and parent's name cover, words of its name left out]. */
    function namedPlaces(every, stems) {
      var levels = new Set();
      every.forEach(function (w, i) {
        var l = placeWords[w] || placeWords[stems[i]];
        if (l) levels.add(l);
      });
      var covered = new Map(), own = new Map();
      if (!levels.size) return covered;
      every.forEach(function (w, i) {
        if (stop.has(w) || placeWords[w]) return;
        var names = placeNames.has(w) ? [w] : [];
        var after = i > 0 && !!placeWords[every[i - 1]];
        if (!names.length && after && !vocabulary.has(w)) {
          var limit = maxTypos(w), best = limit + 1;
          placeNames.forEach(function (docs, key) {
            if (key.charAt(0) !== w.charAt(0)) return;
            var d = distance(w, key, limit);
            if (d < best) { best = d; names = [key]; } else if (d === best && d <= limit) names.push(key);
          });
        }
        names.forEach(function (key) {
          placeNames.get(key).forEach(function (doc) {
            if (!levels.has(place.get(doc))) return;
            if (!covered.has(doc)) { covered.set(doc, new Set()); own.set(doc, new Set()); }
            covered.get(doc).add(i);
            own.get(doc).add(key);
          });
        });
      });
      every.forEach(function (w, i) { // its parent named too: "X kecamatan Y"
        if (stop.has(w) || placeWords[w] || !postings[w]) return;
        eachDoc(postings[w], function (doc, bits) { if (covered.has(doc) && bits & WEAK) covered.get(doc).add(i); });
      });
      var found = new Map();
      covered.forEach(function (c, doc) { found.set(doc, [c.size, nameSize.get(doc) - own.get(doc).size]); });
      return found;
    }
    /* The far matters of the query (rank.py elsewhere): [the matched ones no office here has
       a part in, with their words; the positions of those words and of the regency phrases
       that describe them; the far concepts whose notice is said; how many of the query's other
       words regency concepts answer]. */
    function elsewhere(stems, concepts) {
      var regional = new Set(), found = [], spots = new Set(), said = [];
      // each regency concept's occurrences, found once for both uses below (rank.py)
      var regency = concepts.filter(function (pair) { return !isFar(pair[0]); })
        .map(function (pair) { return matches(stems, pair[0], W.gap); });
      regency.forEach(function (ms) {
        ms.forEach(function (m) {
          if (m[0].length > 1) m[0].forEach(function (i) { regional.add(i); });
        });
      });
      concepts.forEach(function (pair) {
        var c = pair[0];
        if (!isFar(c)) return;
        var ms = matches(stems, c, W.gap), own = new Set();
        ms.forEach(function (m) { m[0].forEach(function (i) { own.add(i); }); });
        var mine = Array.from(own);
        if (mine.length && mine.every(function (i) { return regional.has(i); })) return;
        if (regency.length && pair[1] === 1 && ms.every(function (m) { return m[1]; })) return;
        said.push(c);
        if (!c[3].length) {
          found.push(pair);
          mine.forEach(function (i) { spots.add(i); });
        }
      });
      var other = 0, described = new Set();
      regency.forEach(function (ms) {
        var apart = 0;
        ms.forEach(function (m) {
          if (m[0].some(function (i) { return spots.has(i); })) m[0].forEach(function (i) { described.add(i); });
          else apart = Math.max(apart, m[0].length);
        });
        other += apart;
      });
      described.forEach(function (i) { spots.add(i); });
      return [found, spots, said, other];
    }
    /* The positions of the words that say where the matter is (rank.py where_at). */
    function whereAt(every) {
      var at = new Set();
      every.forEach(function (w, i) {
        if (where.indexOf(w) < 0) return;
        at.add(i);
        for (var j = i + 1; j < every.length; j++) if (!stop.has(every[j])) { at.add(j); break; }
      });
      var rest = every.some(function (w, i) { return !at.has(i) && !stop.has(w); });
      return rest ? at : new Set();
    }
    function rank(query, limit) {
      limit = limit || MAX;
      var typed = normalised(queryWords(query));
      if (typed.every(function (w) { return stop.has(w); })) return { hits: [], levels: [], total: 0, notes: [] };
      // a fixed phrase is one word ("rawat jalan"): its words say nothing alone here
      var every = fixed(typed, typed.map(queryStem), data);
      var stems = every.map(queryStem), score = new Map(), named = new Map(), exact = new Set();
      // "depan rsud": where the matter is, not what; those words match nothing
      var whereWords = whereAt(every);
      var what = stems.map(function (s, i) { return whereWords.has(i) ? "" : s; });
      // phrases may hold stop words ("bansos belum cair"): matched on every word; the words a
      // phrase of several words covers are answered by its concept, not one by one
      var m = matchedConcepts(what), concepts = m[0], covered = m[1];
      // a matter of PLN, Polri or Imigrasi: its words answer nothing here, they are said
      var e = elsewhere(what, concepts), farMatters = e[0], said = e[2], other = e[3];
      e[1].forEach(function (i) { covered.add(i); });
      whereWords.forEach(function (i) { covered.add(i); });
      var answered = new Map(), asked = 0; // how many of the query's words each agency answers
      function answers(doc, k) { answered.set(doc, (answered.get(doc) || 0) + k); }
      concepts.forEach(function (pair) { asked += pair[1]; });
      var placeWord = every.some(function (w, i) { return !!(placeWords[w] || placeWords[stems[i]]); });
      every.forEach(function (w, i) {
        if (stop.has(w) || covered.has(i)) return;
        asked += 1;
        var r = word(w, stems[i], placeWord);
        if (!r[0].size) r[0] = phraseWord(w, stems[i]);
        saturate(r[0], r[1]).forEach(function (v, doc) {
          score.set(doc, (score.get(doc) || 0) + v);
          answers(doc, 1);
          if (!r[2]) exact.add(doc);
        });
        r[1].forEach(function (bits, doc) { named.set(doc, (named.get(doc) || 0) | bits); });
      });
      concepts.forEach(function (pair) {
        if (pair[0][4] === "provinsi" || pair[0][4] === "pusat") return; // not the regency's door: said instead
        saturate(concept(pair[0])).forEach(function (v, doc) {
          score.set(doc, (score.get(doc) || 0) + v * pair[1]);
          answers(doc, pair[1]);
          exact.add(doc);
        });
      });
      Array.from(score.keys()).forEach(function (doc) {
        if (place.has(doc) && !named.get(doc)) { // "your village", not every village
          var target = data.levels[place.get(doc)];
          score.set(target, Math.max(score.get(target) || 0, score.get(doc)));
          score.delete(doc);
          answered.set(target, Math.max(answered.get(target) || 0, answered.get(doc)));
          answered.delete(doc);
          if (exact.has(doc)) exact.add(target);
        }
      });
      var far = {}, notes = [];
      concepts.forEach(function (pair) {
        if (isFar(pair[0]) && pair[0].length <= 5) far[pair[0][4]] = true;
      });
      said.forEach(function (c) { if (c.length > 5 && notes.indexOf(c[5]) < 0) notes.push(c[5]); });
      // "desa X": the place the query names first, the one whose name (and parent) covers most
      // of the query first of them; a typo found no score above: it gets a typo's
      var places = namedPlaces(every, stems), unscored = new Map();
      places.forEach(function (p, d) { if (!score.has(d)) unscored.set(d, W.fuzzy * W.name); });
      saturate(unscored).forEach(function (v, d) { score.set(d, v); });
      places.forEach(function (p, d) { answered.set(d, Math.max(answered.get(d) || 0, p[0])); });
      // a query that names a village or kecamatan wants that one, not "your village"
      var namedPlace = Array.from(score.keys()).some(function (d) { return place.has(d); });
      function key(d) {
        var p = places.get(d) || [0, 0];
        return [-p[0], p[1], exact.has(d) ? 0 : 1, d < 0 && namedPlace ? 1 : 0, -score.get(d), d];
      }
      var order = Array.from(score.keys()).sort(function (a, b) {
        var ka = key(a), kb = key(b);
        for (var i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
        return 0;
      });
      // a query about a matter no office here handles is answered by its notice alone, unless
      // regency matters on its other words are as many words, or an office answers more of it
      // than the matter's words and the matter is less than half the query (rank.py)
      var spoken = 0;
      farMatters.forEach(function (f) { spoken += f[1]; });
      if (spoken && other < spoken && (!order.length || answered.get(order[0]) <= spoken || 2 * spoken >= asked)) order = [];
      if (!order.length) return { hits: [], levels: Object.keys(far).sort(), total: 0, notes: notes };
      var best = Math.max.apply(null, Array.from(score.values()));
      // absolute: a share of the weight of a word found in one agency only
      var rarest = Math.log(1 + (n - 0.5) / 1.5);
      var cut = Math.max(W.absolute * rarest, W.relative * best);
      var kept = order.filter(function (d) { return places.has(d) || score.get(d) >= cut; });
      // a weak answer lists a few: a low best score, or a first answer to less than most of the query
      if (best < W.weak_answer * rarest || answered.get(order[0]) < W.answered * asked) kept = kept.slice(0, W.weak_hits);
      return {
        hits: kept.slice(0, limit).map(function (d) { return [d, Math.round(score.get(d) * 1e6) / 1e6]; }),
        levels: Object.keys(far).sort(), total: kept.length, notes: notes
      };
    }
    return { rank: rank, queryStem: queryStem };
  }

  function wholePostings(rows, data, stem) {
    var postings = {};
    rows.forEach(function (row, pos) {
      var terms = rowTerms(row, data, stem);
      Object.keys(terms).forEach(function (t) { (postings[t] = postings[t] || {})[pos] = terms[t]; });
    });
    return postings;
  }

  /* The words a sharded lookup fetches terms for: each word as typed and every word the
     lexicon reads it as, with or without a clitic (the ranking then picks, as rank.py does). */
  function finderKeys(typed, data) {
    var lexicon = data.lexicon || {}, found = [];
    typed.forEach(function (w) {
      found.push(w);
      [""].concat(CLITICS).forEach(function (c) {
        var rest = c ? (w.slice(-c.length) === c ? w.slice(0, -c.length) : null) : w;
        if (rest !== null && has(lexicon, rest)) found.push.apply(found, lexicon[rest].split(" "));
      });
    });
    return found;
  }

  /* The knowledge file beside an index: .../indeks.json -> .../finder.json */
  function knowledgeUrl(url) { return url.slice(0, url.lastIndexOf("/") + 1) + "finder.json"; }

  var READY = {};
  function ready(url) {
    if (!READY[url]) {
      READY[url] = Promise.all([K.loadIndex(url), K.loadIndex(knowledgeUrl(url))]).then(function (both) {
        var meta = both[0], data = both[1];
        var stem = makeStemmer(data.stem.rules, data.stem.roots.split(" "));
        var state = { meta: meta, data: data, stem: stem };
        if (!meta.sharded) state.ranker = makeRanker(data, wholePostings(meta.agencies, data, stem), meta.agencies.length, stem);
        return state;
      });
      READY[url].catch(function () { delete READY[url]; });
    }
    return READY[url];
  }

  /* A sharded index (generator/site/shards.py): the term files of the query's words and their
     stems, then the same ranking. A concept's terms then count through its kinds only (a
     province's rows carry no services; fetching every term of a concept would cost a phone
     tens of kilobytes), and typos are looked for among the terms of the fetched files. */
  function shardedRank(url, st, query, max) {
    var S = st.meta.sharded, base = K.shardBase(url, st.meta), data = st.data;
    var ws = finderKeys(queryWords(query), data).filter(function (w) { return data.stopwords.indexOf(w) < 0; });
    var keys = {};
    ws.forEach(function (w) {
      keys[w] = true; keys[st.stem(w)] = true;
      CLITICS.forEach(function (c) { if (w.slice(-c.length) === c) keys[w.slice(0, -c.length)] = true; });
    });
    (data.fixed || []).forEach(function (f) { // a fixed phrase is one term: "rawatjalan"
      if (f.split(" ").every(function (w) { return keys[w]; })) keys[f.split(" ").join("")] = true;
    });
    var wanted = {};
    Object.keys(keys).forEach(function (k) { if (S.prefixes.indexOf(k.slice(0, 2)) >= 0) wanted[k.slice(0, 2)] = true; });
    var prefixes = Object.keys(wanted);
    return Promise.all(prefixes.map(function (p) { return K.loadIndex(base + "t/" + p + ".json"); })).then(function (parts) {
      var postings = {};
      parts.forEach(function (part) {
        Object.keys(part).forEach(function (t) {
          var docs = postings[t] = {}, list = part[t];
          for (var i = 0, pos = 0; i < list.length; i += 2) { pos += list[i]; docs[pos] = list[i + 1]; }
        });
      });
      return makeRanker(data, postings, S.agencies, st.stem).rank(query, max);
    });
  }

  var LEVEL_ROWS = {
    "-1": ["Kantor desa/kelurahan Anda", "", "Desa/kelurahan", "", "", "", null, [], "desa"],
    "-2": ["Kantor kecamatan Anda", "", "Kecamatan", "", "", "", null, [], "kecamatan"]
  };

  /* The best `max` agencies for a query: a promise of {hits: [[score, row]], total, levels}.
     A level row (the citizen's own desa/kelurahan or kecamatan) has the level as its 9th field
     (an agency row has eight: the 8th is its "Kami tidak pernah" list). */
  function search(url, query, max) {
    return ready(url).then(function (st) {
      if (!queryWords(query).length) return { hits: [], total: 0, levels: [], notes: [] };
      var ranked = st.meta.sharded ? shardedRank(url, st, query, max) : Promise.resolve(st.ranker.rank(query, max));
      return ranked.then(function (r) {
        var positions = r.hits.map(function (h) { return h[0]; }).filter(function (p) { return p >= 0; });
        var rows = st.meta.sharded ? K.agencyRows(url, st.meta, positions) : Promise.resolve(st.meta.agencies);
        return rows.then(function (all) {
          return {
            hits: r.hits.map(function (h) { return [h[1], h[0] < 0 ? LEVEL_ROWS[h[0]] : all[h[0]]]; }),
            total: r.total, levels: r.levels, notes: r.notes || []
          };
        });
      });
    });
  }

  K.finder = { words: words, search: search, makeStemmer: makeStemmer, makeRanker: makeRanker,
    wholePostings: wholePostings, rowTerms: rowTerms, CHANNEL_TEXT: CHANNEL_TEXT };

  /* ---- The form on the home page ("Mau lapor apa?") ---- */
  var form = document.querySelector(".k-finder");
  if (!form) return;
  var input = form.querySelector("input[type=search]");
  var status = document.getElementById("k-status");
  var list = document.getElementById("k-list");
  var root = form.getAttribute("data-root") || "";
  var url = form.getAttribute("data-index");

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

  var FAR = {
    provinsi: "Sebagian urusan ini wewenang pemerintah provinsi, bukan kabupaten/kota: tanyakan ke dinas provinsi atau kantor cabangnya.",
    pusat: "Sebagian urusan ini ditangani instansi pusat di daerah (mis. BPN, Polri, KUA, BPJS), bukan pemerintah kabupaten/kota."
  };
  var LEVEL_TEXT = {
    desa: ["Urusan ini dilayani kantor desa/kelurahan tempat Anda tinggal.", "Cari desa/kelurahan Anda", "desa "],
    kecamatan: ["Urusan ini dilayani kantor kecamatan tempat Anda tinggal.", "Cari kecamatan Anda", "kecamatan "]
  };

  /* "Your desa/kelurahan (or kecamatan) office": says so and offers the place search. */
  function levelItem(a) {
    var li = K.el("li", "k-r k-r--level"), text = LEVEL_TEXT[a[8]];
    li.appendChild(K.el("span", "k-r-name", a[0]));
    li.appendChild(K.el("span", "k-r-sub", text[0]));
    var button = K.el("button", "k-btn k-btn--small", text[1]);
    button.type = "button";
    button.addEventListener("click", function () {
      input.value = text[2];
      input.focus();
      status.textContent = "Ketik nama " + (a[8] === "desa" ? "desa/kelurahan" : "kecamatan") + " Anda.";
      list.textContent = "";
    });
    li.appendChild(button);
    return li;
  }

  function render(query, found) {
    var hits = found.hits;
    if (!words(query).length) { status.textContent = ""; return; }
    var notes = found.notes || [];
    status.textContent = found.total
      ? found.total + " instansi cocok" + (found.total > MAX ? ", " + MAX + " teratas:" : ":")
      : notes.length
        ? "Bukan urusan pemerintah daerah. Yang menanganinya:"
        : "Tidak ada instansi yang cocok. Coba kata lain, atau buka Direktori.";
    notes.forEach(function (text) { list.appendChild(K.el("p", "k-r-far", text)); });
    (found.levels || []).forEach(function (level) { list.appendChild(K.el("p", "k-r-far", FAR[level])); });
    if (notes.length && !found.total) {
      list.appendChild(K.el("p", "k-r-far", "Jika instansi itu tidak menanggapi, laporkan lewat SP4N-LAPOR! (lapor.go.id): laporan diteruskan ke instansi pusat dan BUMN."));
    }
    if (!hits.length) return;
    var ol = K.el("ol");
    hits.slice(0, MAX).forEach(function (hit) {
      var a = hit[1];
      if (a[8]) { ol.appendChild(levelItem(a)); return; }
      var li = K.el("li", "k-r"), link = K.el("a", "k-r-agency");
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
  input.addEventListener("focus", function () { ready(url).catch(function () {}); }, { once: true });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { show(input.value).catch(failed); }, 120);
  });
  function failed(e) { if (window.console && e) console.error(e); status.textContent = "Daftar instansi tidak dapat dimuat. Periksa koneksi internet lalu coba lagi."; }
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
  // A shared link /?q=…: the page's head script took the query away from Material's search
  // dialog (theme/main.html) so that only this finder answers it; the address keeps it.
  var initial = form.getAttribute("data-q") || new URLSearchParams(window.location.search).get("q");
  if (initial) {
    if (form.hasAttribute("data-q")) {
      var back = new URL(window.location.href);
      back.searchParams.set("q", initial);
      history.replaceState(history.state, "", back.href);
    }
    input.value = initial;
    show(initial).catch(failed);
  }
})();
