/* Kanal "Cek akun resmi": is a pasted handle, profile URL or phone number in the registry?

   The rules are not written here: they come as data from the index ("platforms", exported
   from generator/accounts.py by generator/checker.py), and this file ports the Python logic
   that applies them line by line (generator/accounts.py: identify, normalize_account;
   generator/checker.py: phone_e164, check). tests/cases/*.json run against both.
   Every value from the index is inserted as text (textContent), never as HTML.

   Look-alikes (makeLookalikes below; generator/lookalike.py is the reference and documents the
   rules): a handle or profile that is not in the registry is compared with the official names
   by structure (agency abbreviation + level + place + affixes), after folding look-alike
   characters; never by a raw edit distance over the whole name. The word lists and constants
   come from the index (table.names), so both languages read one list. */
(function () {
  "use strict";

  function AccountError(field, message) {
    this.field = field;
    this.message = message || field;
  }

  function fill(template, id) { return template.split("{}").join(id); }
  function full(pattern, text) { return new RegExp(pattern).exec(text); }

  /* Look-alikes (generator/lookalike.py is the reference; the rules come as data in
     table.names, from generator/checker.py names_table). */
  function makeLookalikes(N) {
    var CONF = {}, i;
    for (i = 0; i < N.confusables.length; i++) CONF[N.confusables.charAt(i)] = N.confusable_as.charAt(i);
    var PAIRS = N.pairs, DIGITS = N.digits;

    var OLD = N.naming.old_spellings;
    function fold(name) {
      var text = name.normalize("NFKD"), out = "";
      for (var k = 0; k < text.length; k++) {
        var c = text.charAt(k);
        if ((c >= "\u0300" && c <= "\u036f") || N.separators.indexOf(c) >= 0) continue;
        c = (CONF.hasOwnProperty(c) ? CONF[c] : c).toLowerCase();
        out += DIGITS.hasOwnProperty(c) ? DIGITS[c] : c;
      }
      PAIRS.concat(OLD).forEach(function (p) { out = out.split(p[0]).join(p[1]); });
      return out;
    }
    function merge(folded) { return folded.replace(/(.)\1+/g, "$1"); }
    function skeleton(name) { return merge(fold(name)); }

    /* lookalike.py: the naming knowledge of generator/reference/naming.yml. */
    var NM = N.naming, LEVELS = {}, GROUP = {}, FILLER = {};
    Object.keys(NM.levels).forEach(function (g) { LEVELS[g] = true; });
    ["agencies", "levels", "titles"].forEach(function (key) {
      Object.keys(NM[key]).forEach(function (g) {
        NM[key][g].forEach(function (w) { GROUP[w] = g; });
      });
    });
    var GROUP_OF = {};
    Object.keys(GROUP).sort().forEach(function (w) { GROUP_OF[skeleton(w)] = GROUP[w]; });
    var SUFFIX_WORDS = NM.fillers.concat(NM.topics);
    SUFFIX_WORDS.concat(NM.prefixes).forEach(function (w) { FILLER[skeleton(w)] = true; });
    /* Short affixes would eat names written together (lookalike.py _PREFIXES, _SUFFIXES). */
    var PREFIXES = NM.prefixes.concat(NM.topics).filter(function (a) { return skeleton(a).length >= 3; })
      .map(function (a) { return [fold(a), skeleton(a)]; });
    var SUFFIXES = SUFFIX_WORDS.filter(function (a) { return skeleton(a).length >= 2; })
      .map(function (a) { return [fold(a), skeleton(a)]; });
    var WORDS = Object.keys(GROUP_OF);
    WORDS.sort(function (a, b) { return b.length - a.length || (a < b ? -1 : a > b ? 1 : 0); });

    /* The first known word (longest first) at the start of text from position at, or at its
       end (the whole text included): lookalike.py _WORD_AT_START, _WORD_ENDING. */
    function wordAt(text, at) {
      for (var j = 0; j < WORDS.length; j++) if (text.startsWith(WORDS[j], at)) return WORDS[j];
      return null;
    }
    function wordEnding(text) {
      for (var j = 0; j < WORDS.length; j++) if (text.endsWith(WORDS[j])) return WORDS[j];
      return null;
    }
    var KINDS = NM.kinds.map(skeleton).sort(function (a, b) { return b.length - a.length; });
    /* lookalike.py _in_word: an affix that is part of a known word there ("info" in "kominfo"). */
    function inWord(folded, affix, atEnd) {
      var text = merge(folded), w = atEnd ? wordEnding(text) : wordAt(text, 0);
      return w !== null && w.length >= merge(affix).length;
    }
    function stripAffixes(folded, form) {
      for (;;) {
        var cut = null, j, a;
        for (j = 0; j < PREFIXES.length && cut === null; j++) {
          a = PREFIXES[j][form];
          if (folded.indexOf(a) === 0 && folded.length > a.length) cut = inWord(folded, a, false) ? false : folded.slice(a.length);
        }
        if (cut === false) cut = null;
        else if (cut !== null) { folded = cut; continue; }
        for (j = 0; j < SUFFIXES.length && cut === null; j++) {
          a = SUFFIXES[j][form];
          if (folded.length > a.length && folded.slice(-a.length) === a) cut = inWord(folded, a, true) ? false : folded.slice(0, -a.length);
        }
        if (cut === null || cut === false) return folded;
        folded = cut;
      }
    }
    /* lookalike.py _after_kind: [start, word] of the known word after a kind of office
       ("dinas"+"kominfo"; its first letter may be the kind's last, merged). */
    function afterKind(rest) {
      for (var j = 0; j < KINDS.length; j++) {
        var k = KINDS[j];
        if (rest.indexOf(k) !== 0) continue;
        var w = wordAt(rest, k.length);
        if (w !== null) return [k.length, w];
        w = wordAt(rest, k.length - 1);
        return w !== null ? [k.length - 1, w] : null;
      }
      return null;
    }

    /* lookalike.py tokens: filler words and trailing digits of words dropped. */
    var SEP = new RegExp("[" + N.separators.replace(/[\]\\^-]/g, "\\$&") + "]+");
    function tokens(name) {
      var kept = [];
      name.split(SEP).forEach(function (t) {
        if (!t) return;
        t = t.replace(/[0-9]+$/, "");
        if (t && !FILLER.hasOwnProperty(skeleton(t))) kept.push(t);
      });
      return kept.length ? kept.join("") : name;
    }

    function parse(name) {
      var whole = stripAffixes(merge(stripAffixes(fold(tokens(name)), 0)), 1), rest = whole, found = [], w;
      var first = function (test) {
        for (var j = 0; j < WORDS.length; j++) if (test(WORDS[j])) return WORDS[j];
        return null;
      };
      for (;;) {
        var at = 0, kind;
        w = wordAt(rest, 0);
        if (w === null && (kind = afterKind(rest)) !== null) { at = kind[0]; w = kind[1]; }
        if (w === null) break;
        found.push(GROUP_OF[w]);
        rest = rest.slice(at + w.length);
      }
      while ((w = first(function (x) { return rest.length > x.length && rest.slice(-x.length) === x; })) !== null) {
        found.push(GROUP_OF[w]);
        rest = rest.slice(0, -w.length);
      }
      var core = found.filter(function (x) { return !LEVELS.hasOwnProperty(x); }).sort();
      var all = found.slice().sort();
      var lead = core.length ? core[0] : all.length ? all[0] : "";
      return { whole: whole, words: all.join("+"), rest: rest, lead: lead };
    }

    function splitWords(words) {
      var found = words ? words.split("+") : [], core = [], levels = {};
      found.forEach(function (x) { if (LEVELS.hasOwnProperty(x)) levels[x] = true; else core.push(x); });
      return [core, Object.keys(levels).sort()];
    }
    function joined(longer, shorter, places) {
      if (!shorter || longer.length <= shorter.length) return false;
      if (longer.indexOf(shorter) === 0 && places.hasOwnProperty(longer.slice(shorter.length))) return true;
      return longer.slice(-shorter.length) === shorter && places.hasOwnProperty(longer.slice(0, -shorter.length));
    }

    /* Damerau–Levenshtein distance, optimal string alignment (lookalike.py osa_distance); with a
       limit, limit + 1 as soon as it is sure to exceed it (a row's minimum never decreases). */
    function osa(a, b, limit) {
      if (limit !== undefined && Math.abs(a.length - b.length) > limit) return limit + 1;
      var prev2 = [], prev = [], i, j;
      for (j = 0; j <= b.length; j++) prev.push(j);
      for (i = 1; i <= a.length; i++) {
        var row = [i];
        for (j = 1; j <= b.length; j++) {
          var cost = a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1;
          row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
          if (i > 1 && j > 1 && a.charAt(i - 1) === b.charAt(j - 2) && a.charAt(i - 2) === b.charAt(j - 1)) {
            row[j] = Math.min(row[j], prev2[j - 2] + 1);
          }
        }
        if (limit !== undefined && Math.min.apply(null, row) > limit) return limit + 1;
        prev2 = prev;
        prev = row;
      }
      return prev[b.length];
    }

    function count(list, w) { return list.filter(function (x) { return x === w; }).length; }
    function within(mine, theirs) {
      return mine.every(function (w) { return count(mine, w) <= count(theirs, w); });
    }

    /* lookalike.py _leveled_key: a place with an office's words. */
    function leveledKey(rest, core) { return rest + "|" + core.slice().sort().join("+"); }
    function distance(pasted, official, places, leveled) {
      var p = splitWords(pasted.words), o = splitWords(official.words);
      var mine = p[0], theirs = o[0];
      var levelsAgree = p[1].join("+") === o[1].join("+") ||
        (!p[1].length && !(leveled || {}).hasOwnProperty(leveledKey(pasted.rest, mine)));
      if (mine.slice().sort().join("+") === theirs.slice().sort().join("+") && levelsAgree) {
        if (pasted.rest === official.rest) return 0;
        if (joined(pasted.rest, official.rest, places) || joined(official.rest, pasted.rest, places)) return 0;
        if (places.hasOwnProperty(pasted.rest)) return null; // another office's place
        if (official.rest.length >= N.typo_rest && osa(pasted.rest, official.rest, 1) === 1) return 1;
        /* Else a typo may have broken a word into the place ("dinkopudm"): compare whole. */
      }
      if (mine.length && !within(mine, theirs)) return null;
      if (!p[1].every(function (x) { return o[1].indexOf(x) >= 0; })) return null; // nor a level word
      if (pasted.whole === official.whole) return 0;
      if (official.whole.length < N.typo_whole) return null;
      return osa(pasted.whole, official.whole, 1) === 1 ? 1 : null;
    }

    function family(platform) { return N.family.hasOwnProperty(platform) ? N.family[platform] : platform; }

    /* The name in a registry key ("instagram:dinkes.uji" → "dinkes.uji"); null for IDs. */
    function keyName(platform, key) {
      var rest = key.slice(key.indexOf(":") + 1), name = rest.slice(rest.lastIndexOf("/") + 1);
      if (!name || /^[0-9]+$/.test(name) || (platform === "youtube" && /^UC[A-Za-z0-9_-]{22}$/.test(name))) return null;
      return name;
    }

    /* The official names of an index, parsed once per index (lookalike.py registry). */
    var UNNAMED = ["website", "other", "email"];
    var KNOWN = typeof WeakMap === "function" ? new WeakMap() : null;
    function registry(accounts) {
      var known = KNOWN && KNOWN.get(accounts);
      if (known) return known;
      known = { names: {}, places: {}, byWords: {}, groups: [], leveled: {} };
      var levels = {};
      accounts.forEach(function (row, position) {
        if (UNNAMED.indexOf(row[0]) >= 0) return;
        var name = keyName(row[0], row[1]);
        if (name === null) return;
        var o = { position: position, platform: row[0], status: row[2], agency: row[3],
          lower: name.toLowerCase(), parsed: parse(name) };
        known.names[o.lower] = true;
        known.places[o.parsed.rest] = true;
        if (!known.byWords.hasOwnProperty(o.parsed.words)) {
          known.byWords[o.parsed.words] = [];
          known.groups.push(o.parsed.words);
        }
        known.byWords[o.parsed.words].push(o);
        var sw = splitWords(o.parsed.words), mine = sw[1], key = leveledKey(o.parsed.rest, sw[0]);
        if (mine.length) {
          if (!levels.hasOwnProperty(key)) levels[key] = {};
          levels[key][mine.join("+")] = true;
        }
      });
      Object.keys(levels).forEach(function (p) {
        if (Object.keys(levels[p]).length > 1) known.leveled[p] = true;
      });
      if (KNOWN) KNOWN.set(accounts, known);
      return known;
    }

    /* lookalike.py lookalikes: official accounts on these platforms whose name looks like name. */
    function lookalikes(accounts, name, platforms) {
      if (!name || /^[0-9]+$/.test(name)) return [];
      var known = registry(accounts);
      if (known.names.hasOwnProperty(name.toLowerCase())) return [];
      var families = {}, pasted = parse(name), groups = {}, order = [];
      var mine = splitWords(pasted.words)[0];
      platforms.forEach(function (p) { families[family(p)] = true; });
      known.groups.forEach(function (words) {
        if (!within(mine, splitWords(words)[0])) return;
        known.byWords[words].forEach(function (o) {
          var near = distance(pasted, o.parsed, known.places, known.leveled);
          if (near === null) return;
          /* Compared across platforms; the pasted platform's own names first. */
          var rank = [near, families[family(o.platform)] === true ? 0 : 1, o.position];
          var id = JSON.stringify([o.lower, o.agency, o.status]);
          if (!groups.hasOwnProperty(id)) {
            groups[id] = { entry: { handle: o.lower, platforms: [], agency: o.agency, status: o.status }, best: rank };
            order.push(id);
          }
          var g = groups[id];
          g.entry.platforms.push(o.platform);
          if (rank[0] < g.best[0] || (rank[0] === g.best[0] && (rank[1] < g.best[1] || (rank[1] === g.best[1] && rank[2] < g.best[2])))) g.best = rank;
        });
      });
      order.sort(function (x, y) {
        var a = groups[x].best, b = groups[y].best;
        return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
      });
      return order.slice(0, N.max).map(function (id) { return groups[id].entry; });
    }

    function candidates(known, pasted) {
      var mine = splitWords(pasted.words)[0], found = [];
      known.groups.forEach(function (words) {
        if (within(mine, splitWords(words)[0])) found = found.concat(known.byWords[words]);
      });
      return found;
    }

    return { fold: fold, skeleton: skeleton, parse: parse, osa: osa, keyName: keyName,
      registry: registry, lookalikes: lookalikes, candidates: candidates, distance: distance,
      splitWords: splitWords, family: family, CONF: CONF, UNNAMED: UNNAMED };
  }


  /* RFC 3492 punycode, decoding only (the label after "xn--"); throws on bad input. */
  function punyDecode(input) {
    var base = 36, tmin = 1, tmax = 26, n = 128, i = 0, bias = 72, out = [], k, j;
    var b = input.lastIndexOf("-");
    for (j = 0; j < Math.max(b, 0); j++) {
      if (input.charCodeAt(j) >= 0x80) throw new Error("puny");
      out.push(input.charCodeAt(j));
    }
    for (var ic = b > 0 ? b + 1 : 0; ic < input.length;) {
      var oldi = i, w = 1;
      for (k = base; ; k += base) {
        if (ic >= input.length) throw new Error("puny");
        var c = input.charCodeAt(ic++);
        var digit = c >= 48 && c <= 57 ? c - 22 : c >= 65 && c <= 90 ? c - 65 : c >= 97 && c <= 122 ? c - 97 : base;
        if (digit >= base) throw new Error("puny");
        i += digit * w;
        var t = k <= bias ? tmin : k >= bias + tmax ? tmax : k - bias;
        if (digit < t) break;
        w *= base - t;
      }
      var len = out.length + 1, delta = oldi === 0 ? Math.floor((i - oldi) / 700) : Math.floor((i - oldi) / 2);
      delta += Math.floor(delta / len);
      for (k = 0; delta > Math.floor(((base - tmin) * tmax) / 2); k += base) delta = Math.floor(delta / (base - tmin));
      bias = k + Math.floor(((base - tmin + 1) * delta) / (delta + 38));
      n += Math.floor(i / len);
      i %= len;
      out.splice(i++, 0, n);
    }
    return String.fromCodePoint.apply(null, out);
  }

  /* generator/registry/vectors.py: every vector a scammer copies, and whole messages. The
     suffix list comes as data (domains.py psl_table), as does the naming knowledge. */
  function makeVectors(table, check, phoneE164, L) {
    var NM = table.names.naming, PSL = table.names.psl;
    var TLDS = {}, SUFFIXES = {};
    PSL.tlds.split(" ").forEach(function (t) { TLDS[t] = true; });
    PSL.suffixes.split(" ").concat(PSL.hosting).forEach(function (t) { if (t) SUFFIXES[t] = true; });
    function set(list) { var o = {}; list.forEach(function (w) { o[w] = true; }); return o; }
    var FREE_MAIL = set(NM.free_mail), SHORTENERS = set(NM.shorteners);
    var PAY_WORDS = set(NM.payment_words.concat(NM.banks, NM.wallets));
    var PLATFORM_WORDS = {};
    Object.keys(NM.platform_words).forEach(function (p) {
      NM.platform_words[p].forEach(function (w) { PLATFORM_WORDS[w] = p; });
    });
    var GOV = ["go.id", "desa.id"], MAX = table.names.max;
    var EMAIL = /^(?:mailto:)?<?([A-Za-z0-9.!#$%&'*+=?^_`{|}~-]+)@([^\s@<>/?#]+\.[^\s@<>/?#]+?)>?$/;
    var PACKAGE = /^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*){2,}$/;
    var PACKAGE_HEADS = ["com", "co", "org", "net", "app", "io", "or", "go"];
    var ID_SECOND = ["go", "co", "or", "ac", "web", "my", "sch", "desa", "net", "biz"];
    var STORE = /^(?:https?:\/\/)?play\.google\.com\/store\/apps\/details\?(?:.*&)?id=([A-Za-z0-9._]+)/;
    /* An Android app file (vectors.py APK_FILE): a name ending in .apk, .xapk or .apks; the
       character before the dot ends a name ("file .apk" in a warning is no file), nothing after
       it continues a word, host or package id ("Kapuk.apkx", "com.apk.editor"). */
    var APK_FILE = "[A-Za-z0-9_)\\-\\u00c0-\\u024f\\u0400-\\u04ff]\\.(?:xapk|apks|apk)(?![A-Za-z0-9_\\-@]|\\.[A-Za-z0-9])";
    var APK = new RegExp(APK_FILE, "i");

    /* domains.py split_host: (subdomain, registrable label, suffix), like tldextract. */
    function splitHost(host) {
      var labels = host.split("."), n = labels.length, at = -1;
      for (var i = 0; i < n; i++) {
        if (SUFFIXES.hasOwnProperty(labels.slice(i).join("."))) { at = i; break; }
      }
      if (at < 0 && TLDS.hasOwnProperty(labels[n - 1])) at = n - 1;
      if (at < 0) return [labels.slice(0, n - 1).join("."), labels[n - 1], ""];
      if (at === 0) return ["", "", host];
      return [labels.slice(0, at - 1).join("."), labels[at - 1], labels.slice(at).join(".")];
    }
    function registrable(host) {
      var p = splitHost(host);
      return p[1] && p[2] ? p[1] + "." + p[2] : host;
    }
    function unicodeHost(host) {
      return host.split(".").map(function (label) {
        if (label.indexOf("xn--") !== 0) return label;
        try { return punyDecode(label.slice(4)); } catch (e) { return label; }
      }).join(".");
    }
    function toAscii(host) {
      if (/^[\x00-\x7f]*$/.test(host)) return host;
      try { return new URL("http://" + host).hostname; } catch (e) { return null; }
    }
    function tokens(text) {
      var shown = "", u = unicodeHost(text.toLowerCase());
      for (var i = 0; i < u.length; i++) {
        var c = u.charAt(i);
        shown += L.CONF.hasOwnProperty(c) ? L.CONF[c] : c;
      }
      return shown.toLowerCase().split(/[^a-z0-9]+/).filter(function (t) { return t; });
    }
    function contains(hay, needle) {
      var n = needle.length;
      if (n < 2) return false;
      for (var i = 0; i + n <= hay.length; i++) {
        if (hay.slice(i, i + n).join(".") === needle.join(".")) return true;
      }
      return false;
    }
    function websites(index) {
      var found = [];
      index.accounts.forEach(function (row) {
        if (row[0] !== "website") return;
        var address = row[1].slice(row[1].indexOf(":") + 1), slash = address.indexOf("/");
        var host = slash < 0 ? address : address.slice(0, slash), path = slash < 0 ? "" : address.slice(slash + 1);
        found.push([host.split(":")[0], path, row[3], row[2]]);
      });
      return found;
    }
    function owner(sites, host) {
      for (var i = 0; i < sites.length; i++) if (sites[i][0] === host) return [sites[i][2], sites[i][3]];
      return null;
    }
    function alike(agency, status) { return { handle: "", platforms: ["website"], agency: agency, status: status }; }

    function domainLookalikes(index, host, extra) {
      var sites = websites(index), hay = tokens(host).concat(tokens(extra || "")), best = null, i;
      for (i = 0; i < sites.length; i++) {
        var needle = tokens(sites[i][0].replace(/^www\./, ""));
        if (!sites[i][1] && contains(hay, needle) && (best === null || needle.length > best[0])) {
          best = [needle.length, sites[i][2], sites[i][3]];
        }
      }
      if (best) return [alike(best[1], best[2])];
      var parts = splitHost(unicodeHost(host)), sub = parts[0], mine = L.skeleton(parts[1]);
      for (i = 0; i < sites.length; i++) {
        var s = splitHost(sites[i][0]);
        if (!s[1] || sites[i][1] || s[1].length < 5) continue;
        var theirs = L.skeleton(s[1]);
        if (mine === theirs || (theirs.length >= 6 && L.osa(mine, theirs, 1) <= 1)) {
          var apex = s[1] + "." + s[2];
          var own = owner(sites, sub ? sub + "." + apex : apex) || owner(sites, "www." + apex) ||
            owner(sites, apex) || [sites[i][2], sites[i][3]];
          return [alike(own[0], own[1])];
        }
      }
      var name = [sub, parts[1]].filter(function (x) { return x; }).join(".") || host;
      return L.lookalikes(index.accounts, name, ["website"]);
    }

    function regional(index, host) {
      var reg = registrable(host), sites = websites(index);
      if (!GOV.some(function (g) { return reg.slice(-g.length) === g; })) return null;
      var own = owner(sites, reg) || owner(sites, "www." + reg);
      if (own) return own;
      for (var i = 0; i < sites.length; i++) if (registrable(sites[i][0]) === reg) return [sites[i][2], sites[i][3]];
      return null;
    }

    function site(index, text) {
      var m = /^(?:(https?):)?(?:\/\/)?([^/?#\s]+)([^?#\s]*)(?:\?[^#\s]*)?(?:#\S*)?$/i.exec(text);
      if (!m) return null;
      var netloc = m[2], path = m[3], at = netloc.lastIndexOf("@");
      var userinfo = at >= 0 ? netloc.slice(0, at) : "", host = at >= 0 ? netloc.slice(at + 1) : netloc;
      host = host.split(":")[0].toLowerCase().replace(/\.+$/, "");
      var ascii = toAscii(host);
      if (ascii === null) return null;
      if (!m[1] && !splitHost(ascii)[2]) return null;
      if (ascii.indexOf(".") < 0) return null;
      var result = { kind: "website", host: ascii, matches: [] }, bare = ascii.replace(/^www\./, "");
      var trimmed = path.replace(/\/+$/, "");
      websites(index).forEach(function (s) {
        if (s[0].replace(/^www\./, "") === bare && trimmed.indexOf(s[1] ? "/" + s[1] : "") === 0) {
          result.matches.push({ agency: s[2], platform: "website", status: s[3] });
        }
      });
      if (!result.matches.length && !userinfo) {
        var own = regional(index, ascii);
        if (own) {
          result.matches.push({ agency: own[0], platform: "website", status: "active" });
          result.subdomain = true;
        }
      }
      if (!result.matches.length) {
        if (SHORTENERS.hasOwnProperty(bare)) {
          result.lookalikes = L.lookalikes(index.accounts, path.replace(/^\/+|\/+$/g, "").split("/")[0], ["website"]);
        } else {
          result.lookalikes = domainLookalikes(index, ascii, userinfo + " " + path);
        }
      }
      return result;
    }

    function email(index, local, domain) {
      var address = local + "@" + domain.toLowerCase();
      var result = { kind: "email", address: address, matches: [] };
      index.accounts.forEach(function (row) {
        if (row[0] === "email" && row[1].slice(row[1].indexOf(":") + 1).toLowerCase() === address.toLowerCase()) {
          result.matches.push({ agency: row[3], platform: "email", status: row[2] });
        }
      });
      if (result.matches.length) return result;
      var host = toAscii(domain.toLowerCase()) || domain.toLowerCase();
      var byName = L.lookalikes(index.accounts, local, ["website"]);
      var s = site(index, host);
      if (s && s.matches.length) result.official_domain = true;
      else if (FREE_MAIL.hasOwnProperty(host)) result.lookalikes = byName;
      else {
        var found = domainLookalikes(index, host);
        result.lookalikes = found.length ? (byName.length ? byName : found) : byName;
      }
      return result;
    }

    function wordsOf(text) { return text.split(/[^0-9A-Za-z\u00c0-\u024f]+/).filter(function (w) { return w; }); }

    /* vectors.py _readings: a run read as one name, and with a leading title or office word
       apart ("Kades Sumberdalem" written together loses the place's first letter). */
    function readings(run, head) {
      var joined = L.parse(run.join("."));
      if (run.length < 2 || !head.words || head.rest) return [joined];
      var tail = L.parse(run.slice(1).join("."));
      var words = head.words.split("+").concat(tail.words ? tail.words.split("+") : []).sort().join("+");
      if (words === joined.words && tail.rest === joined.rest) return [joined];
      return [joined, { whole: joined.whole, words: words, rest: tail.rest, lead: joined.lead }];
    }

    /* vectors.py _names: without a level, an office's words and a place name it at any level. */
    function names(known, pasted, o, mine, levels) {
      if (pasted.rest) {
        var leveled = mine.length && !levels.length ? {} : known.leveled;
        return L.distance(pasted, o.parsed, known.places, leveled) === 0;
      }
      var theirs = L.splitWords(o.parsed.words);
      return o.platform === "name" && theirs[0].slice().sort().join("+") === mine.slice().sort().join("+") &&
        levels.every(function (x) { return theirs[1].indexOf(x) >= 0; });
    }

    function mentions(index, text) {
      var words = wordsOf(text), known = L.registry(index.accounts), found = [], start = 0;
      while (start < words.length) {
        var taken = 1, head = L.parse(words[start]);
        for (var end = Math.min(words.length, start + 5); end > start; end--) {
          var keys = [], runs = readings(words.slice(start, end), head);
          for (var r = 0; r < runs.length && keys.length !== 1; r++) {
            var pasted = runs[r], sw = L.splitWords(pasted.words), mine = sw[0], levels = sw[1];
            if (!pasted.words || !(pasted.rest || mine.length)) continue;
            var hits = L.candidates(known, pasted).filter(function (o) { return names(known, pasted, o, mine, levels); });
            var agencies = {};
            hits.forEach(function (o) { agencies[o.agency] = true; });
            if (Object.keys(agencies).length > 1) {
              agencies = {};
              hits.forEach(function (o) { if (o.platform === "name") agencies[o.agency] = true; });
            }
            keys = Object.keys(agencies);
          }
          if (keys.length === 1) {
            var agency = Number(keys[0]);
            if (found.indexOf(agency) < 0) found.push(agency);
            taken = end - start;
            break;
          }
        }
        start += taken;
      }
      return found;
    }

    /* never.py: requests the region (or an office the message names) says it never makes.
       The rules come as data (table.never) and run here as they are, flag "i" (Python
       re.IGNORECASE | re.ASCII: the patterns use ASCII classes only). */
    var NV = table.never, NV_RULES = {}, NV_RE = {};
    NV.order.forEach(function (key) {
      NV_RULES[key] = NV.rules[key].map(function (r) { return [new RegExp(r[0], "gi"), r[1]]; });
    });
    ["aid", "job", "institution", "title", "pay", "ask", "pay_to", "transfer", "official", "donee", "negation", "request_word", "warning"].forEach(function (name) {
      NV_RE[name] = new RegExp(NV[name], "i");
    });
    var NV_GAP = /[ \t\u00a0\n\r]+/, NV_EDGES = /^[ \t\u00a0\n\r]+|[ \t\u00a0\n\r.,;:!?)]+$/g;
    function nvEnds(src, text) {
      var re = new RegExp(src, "gi"), out = [], m;
      while ((m = re.exec(text)) !== null) {
        out.push(m.index);
        if (m[0] === "") re.lastIndex++;
      }
      return out;
    }
    function bisectLeft(list, x) {
      var lo = 0, hi = list.length;
      while (lo < hi) { var mid = (lo + hi) >> 1; if (list[mid] < x) lo = mid + 1; else hi = mid; }
      return lo;
    }
    function around(ends, start, end, size) {
      var i = bisectLeft(ends, start), j = bisectLeft(ends, end);
      return [i ? ends[i - 1] + 1 : 0, j < ends.length ? ends[j] : size];
    }
    function holderName(name) {
      var words = name.split(" "), kept = [words[0]];
      for (var i = 1; i < words.length; i++) {
        var last = kept[kept.length - 1]; // never.py _holder: a word that ends a sentence ends it
        var ended = /\.$/.test(last) && last.length > 2 && TITLES.indexOf(last.slice(0, -1).toLowerCase()) < 0;
        if (!/^[A-Z]/.test(words[i]) || ended) break;
        kept.push(words[i]);
      }
      return kept.join(" ");
    }
    function requests(text, keys) {
      var sentences = nvEnds(NV.sentence_end, text), clauses = nvEnds(NV.clause_end, text), has = {}, found = [];
      ["aid", "job", "pay", "pay_to", "transfer"].forEach(function (name) { has[name] = NV_RE[name].test(text); });
      has.fee = has.aid || has.pay_to || has.transfer; // never.py requests
      keys.forEach(function (key) {
        if (!NV_RULES.hasOwnProperty(key)) return;
        if (NV.unless.hasOwnProperty(key) && has[NV.unless[key]]) return;
        var best = null;
        NV_RULES[key].forEach(function (rule) {
          var pattern = rule[0], needs = rule[1], tries = 0, m;
          if (needs && !has[needs]) return;
          pattern.lastIndex = 0;
          while ((m = pattern.exec(text)) !== null) {
            if (best !== null && m.index >= best[0]) break;
            tries += 1;
            if (tries > NV.tries) break;
            var end = m.index + m[0].length;
            if (m[1] !== undefined) { // a holder: the name as written
              var name = holderName(m[1]);
              if (NV_RE.title.test(name) || (!/^(?:saya|sy )/i.test(name) && NV_RE.institution.test(name))) continue;
              end = m.index + m[0].length - m[1].length + name.length;
            }
            var c = around(clauses, m.index, m.index, text.length), s = around(sentences, m.index, end, text.length);
            if (NV_RE.negation.test(text.slice(c[0], end))) continue;
            var sentence = text.slice(s[0], s[1]);
            if (NV_RE.warning.test(sentence)) continue;
            if (text.charAt(s[1]) === "?" && !NV_RE.request_word.test(sentence)) continue; // a question
            if (key === "donation" && (NV_RE.donee.test(sentence) || !(NV_RE.ask.test(sentence) || has.pay_to))) continue;
            var phrase = text.slice(c[0], Math.max(c[1], end));
            if (phrase.split(NV_GAP).length > 30) phrase = text.slice(m.index, end);
            best = [m.index, phrase.replace(NV_EDGES, "")];
            break;
          }
        });
        if (best !== null) found.push([key, best[0], best[1]]);
      });
      found.sort(function (a, b) { return a[1] - b[1]; });
      return found;
    }
    function neverFindings(index, text, claimed) {
      var never = index.never || {}, texts = never.texts || {}, owner = {}, agencies = index.agencies || [];
      claimed.forEach(function (a) {
        var row = a >= 0 ? agencies[a] : undefined;
        var stated = row && row.length > 7 ? row[7] : null; // never.py AGENCY_NEVER
        ((stated || [[]])[0]).forEach(function (key) { if (!owner.hasOwnProperty(key)) owner[key] = a; });
      });
      ((never.region || [[]])[0]).forEach(function (key) { if (!owner.hasOwnProperty(key)) owner[key] = null; });
      var keys = NV.order.filter(function (k) { return owner.hasOwnProperty(k) && texts.hasOwnProperty(k); });
      var official = claimed.length > 0 || ["official", "aid", "job"].some(function (n) { return NV_RE[n].test(text); });
      return requests(text, keys).map(function (f) {
        var agency = owner[f[0]];
        return { kind: "never", never: f[0], agency: agency,
          by: agency !== null ? agencies[agency][0] : never.by || "Pemerintah daerah",
          statement: "Kami tidak pernah " + texts[f[0]], text: f[2], matches: [],
          soft: f[0] === "personal_account" && !official }; // never.py findings
      });
    }

    function verdict(result) {
      if (result.kind === "invalid" || result.kind === "empty") return result.kind;
      if (result.kind === "never") return result.soft ? "unknown" : "fake"; // a request the region (or agency) says it never makes
      var statuses = {};
      result.matches.forEach(function (m) { statuses[m.status] = true; });
      if (statuses.active) return "official";
      if (statuses.inactive) return "inactive";
      if (Object.keys(statuses).length) return "archived";
      if (result.fake) return "fake";
      if (result.kind === "apk") return "fake"; // sent by message: PALSU whoever it names (apps come from stores)
      if ((result.lookalikes && result.lookalikes.length) || (result.same_name && result.same_name.length) ||
          (result.claims && result.claims.length)) return "lookalike";
      return "unknown";
    }

    function numberLookalikes(index, number) {
      var found = [];
      index.numbers.forEach(function (row) {
        var official = row[1];
        if (official.length !== number.length || official === number) return;
        var diff = [];
        for (var i = 0; i < official.length; i++) if (official.charAt(i) !== number.charAt(i)) diff.push(i);
        var swapped = diff.length === 2 && diff[1] === diff[0] + 1 && official.charAt(diff[0]) === number.charAt(diff[1]) &&
          official.charAt(diff[1]) === number.charAt(diff[0]);
        if (diff.length === 1 || swapped) found.push({ number: official, type: row[0], agency: row[2] });
      });
      return found.slice(0, MAX);
    }

    function strip(text) { return text.trim().replace(/^[.,;:!?()\[\]"']+|[.,;:!?()\[\]"']+$/g, ""); }

    function checkAny(index, text, platform) {
      var value = strip(text), result = stated(index, read(index, value, platform || null), value);
      result.verdict = verdict(result);
      return result;
    }

    function hostOf(result) {
      if (result.host !== undefined) return result.host;
      if (result.key === undefined) return "";
      return result.key.slice(result.key.indexOf(":") + 1).split("/")[0].split(":")[0];
    }

    /* vectors.py _account_keys: an account name's impostor keys on every platform with handles. */
    function accountKeys(name, keys) {
      Object.keys(table.platforms).forEach(function (p) {
        if (table.platforms[p].forms.length) keys[p + ":" + name] = true;
      });
    }

    /* vectors.py _impostor_keys: the impostor kinds and keys an item may be. */
    function impostorKeys(result, value) {
      var kind = result.kind, keys = {};
      if (kind === "phone") { keys[result.number] = true; return [["whatsapp", "phone"], keys]; }
      if (kind === "account") { keys[result.key.toLowerCase()] = true; return [["account"], keys]; }
      if (kind === "handle") {
        accountKeys(result.handle.toLowerCase(), keys);
        keys[value.toLowerCase()] = true;
        return [["account", "sms_sender"], keys];
      }
      if (kind === "website") {
        var host = hostOf(result);
        keys[host] = keys[host.replace(/^www\./, "")] = true;
        return [["domain"], keys];
      }
      if (kind === "email") { keys[result.address.toLowerCase()] = true; return [["email"], keys]; }
      if (kind === "app") { keys["play:" + result.package.toLowerCase()] = true; return [["app"], keys]; }
      if (kind === "sender" || kind === "name") {
        var compact = value.replace(/\s+/g, "").toLowerCase();
        keys[value.toLowerCase()] = keys[compact] = true;
        if (kind === "sender" && senderShaped(value)) {
          // Also a known fake account under that name ("PEMKABCONTOH" for @pemkabcontoh).
          accountKeys(compact, keys);
          return [["sms_sender", "account"], keys];
        }
        return [["sms_sender"], keys];
      }
      return [[], keys];
    }

    /* vectors.py _stated: official channels and known impostors of the index. */
    function stated(index, result, value) {
      var kind = result.kind, found = [], compact = value.replace(/\s+/g, "").toUpperCase();
      (index.official || []).forEach(function (row) {
        var what = row[0], keys = row[1], hit = false;
        var has = function (k) { return keys.indexOf(k) >= 0; };
        if (what === "hotline") {
          var number = kind === "phone" ? result.number : null;
          var short = /^[0-9]{3,8}$/.test(compact) ? compact : null;
          hit = (number !== null && has(number)) || (short !== null && has(short));
        } else if (what === "web_domain" && kind === "website") {
          var host = hostOf(result);
          hit = keys.some(function (k) {
            return host === k || host === "www." + k || (row[5] && host.length > k.length + 1 && host.slice(-(k.length + 1)) === "." + k);
          });
        } else if (what === "email_domain" && kind === "email") {
          if (has(result.address.slice(result.address.lastIndexOf("@") + 1).toLowerCase())) result.official_domain = true;
        } else if (what === "app" && kind === "app") {
          hit = has("play:" + result.package.toLowerCase());
        } else if (what === "bank_account" && kind === "payment") {
          hit = keys.some(function (k) { return k.slice(k.indexOf(":") + 1) === result.number; });
        } else if (what === "virtual_account" && kind === "payment") {
          hit = keys.some(function (k) { return result.number.indexOf(k.slice(k.indexOf(":") + 1)) === 0; });
        } else if (what === "sms_sender" && ["sender", "name", "handle", "invalid"].indexOf(kind) >= 0) {
          hit = has(compact);
        }
        if (hit) found.push({ agency: row[3], platform: what, status: row[2] });
      });
      if (found.length && !result.matches.length) {
        var loose = ["handle", "name", "invalid"].indexOf(kind) >= 0;
        if (loose && found[0].platform === "hotline") result = { kind: "phone", number: compact, matches: [] };
        else if (loose) result = { kind: "sender", name: value, matches: [] };
        result.matches = found;
        delete result.lookalikes;
        delete result.subdomain;
        if (result.kind === "sender") { // a registered sender claims nothing beyond itself
          delete result.claims;
          delete result.same_name;
          delete result.platform;
        }
      }
      var ik = impostorKeys(result, value);
      var rows = index.impostors || [];
      for (var i = 0; i < rows.length; i++) {
        var row = rows[i], reported = ik[0].indexOf(row[0]) >= 0 && ik[1].hasOwnProperty(row[1].toLowerCase());
        if (row[0] === "bank_account" && result.kind === "payment") reported = row[1].slice(row[1].indexOf(":") + 1) === result.number;
        if (reported && !result.matches.length) {
          result.fake = { reported: row[2], notice: row[3], agency: row[4], note: row[5], display: row[6] };
          break;
        }
      }
      return result;
    }

    function read(index, value, platform) {
      if (!value) return { kind: "empty", matches: [] };
      var apk = APK.exec(value);
      if (apk) { // the offices its name (before the extension; %20 is a space) names
        return { kind: "apk", matches: [], claims: mentions(index, value.slice(0, apk.index + 1).split("%20").join(" ")) };
      }
      var words = value.split(/[^0-9A-Za-z]+/).filter(function (w) { return w; }).map(function (w) { return w.toLowerCase(); });
      var runs = value.match(/[0-9][0-9\s.\-]{5,}[0-9]/g) || [];
      var digits = runs.join(" ").replace(/[\s.\-]/g, "");
      if (words.length > 1 && words.some(function (w) { return PAY_WORDS.hasOwnProperty(w); }) && digits.length >= 7) {
        return { kind: "payment", number: digits, matches: [], claims: mentions(index, value) };
      }
      var store = STORE.exec(value);
      var heads = value.split(".");
      if (store || (PACKAGE.test(value) && (PACKAGE_HEADS.indexOf(heads[0]) >= 0 ||
          (heads[0] === "id" && ID_SECOND.indexOf(heads[1]) >= 0)))) {
        var pkg = store ? store[1] : value, labels = pkg.toLowerCase().split(".");
        var rows = (index.apps || []).filter(function (r) { return r[1] === pkg.toLowerCase(); });
        var app = { kind: "app", package: pkg, matches: rows.map(function (r) { return { agency: r[2], platform: "app", status: "active" }; }) };
        if (!rows.length) {
          var alikes = domainLookalikes(index, labels.slice().reverse().join("."));
          app.lookalikes = alikes.length ? alikes : L.lookalikes(index.accounts, labels.slice(1).join("."), ["website"]);
        }
        return app;
      }
      var mail = EMAIL.exec(value);
      if (mail) return email(index, mail[1], mail[2]);
      if (senderShaped(value)) return sender(index, value);
      var result = check(index, value);
      if (result.kind === "handle" && result.matches.length && result.matches.every(function (m) {
        return m.platform === "website" || m.platform === "other";
      })) {
        delete result.handle; // "www.contohkab.go.id": a site, not a handle
        result.kind = "website";
      }
      if (result.kind === "phone" && !result.matches.length) {
        result.lookalikes = numberLookalikes(index, result.number);
        return result;
      }
      // A platform's address that is no profile (a post): say so, not "a site".
      if (result.kind === "invalid" && result.platform) return result;
      if (result.kind === "website" || result.kind === "invalid" || (result.kind === "handle" && !result.matches.length)) {
        var s = site(index, value);
        if (s !== null && (result.kind !== "handle" || s.matches.length || (s.lookalikes && s.lookalikes.length))) return s;
      }
      if (result.kind === "invalid" && value.indexOf(" ") >= 0 && value.length <= 40) {
        return { kind: "name", name: value, matches: [],
          lookalikes: L.lookalikes(index.accounts, value.split(" ").join("."), Object.keys(table.names.family)) };
      }
      return sameName(index, result, platform);
    }

    /* vectors.py sender_shaped and _sender: an SMS sender ID as a phone shows it ("BAPENDA-CTH"),
       official only when the registry lists it; an official handle's name is not enough. */
    function senderShaped(value) {
      return /^[A-Z0-9][A-Z0-9 &_\-]{1,10}$/.test(value) && (value.match(/[A-Z]/g) || []).length >= 2;
    }
    function sender(index, value) {
      var result = { kind: "sender", name: value, matches: [],
        lookalikes: L.lookalikes(index.accounts, value.split(" ").join("."), ["website"]),
        claims: mentions(index, value) };
      if (value.indexOf(" ") < 0) {
        var handle = check(index, value);
        if (handle.kind === "handle" && handle.matches.length) {
          result.same_name = handle.matches;
          result.platform = "sms";
          // The office is named once: "nama ini resmi di Instagram (milik X)" says it.
          var named = handle.matches.map(function (m) { return m.agency; });
          result.claims = result.claims.filter(function (a) { return named.indexOf(a) < 0; });
        }
      }
      return result;
    }

    function sameName(index, result, platform) {
      if (result.kind === "handle" && platform && result.matches.length) {
        var here = result.matches.filter(function (m) { return L.family(m.platform) === L.family(platform); });
        if (!here.length) {
          result.same_name = result.matches;
          result.matches = [];
          result.platform = platform;
        } else result.matches = here;
      }
      if (result.kind === "account" && !result.matches.length) {
        var name = L.keyName(result.platform, result.key);
        if (name) {
          result.same_name = [];
          index.accounts.forEach(function (row) {
            if (L.UNNAMED.indexOf(row[0]) < 0 && row[0] !== result.platform && L.keyName(row[0], row[1]) === name.toLowerCase()) {
              result.same_name.push({ agency: row[3], platform: row[0], status: row[2], since: row[4] });
            }
          });
        }
      }
      return result;
    }

    var TITLES = ["dr", "drg", "drs", "dra", "ir", "hj", "h", "prof", "st"];
    function wordsRe(names) {
      return names.slice().sort(function (a, b) { return b.length - a.length; })
        .map(function (n) { return n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|");
    }
    var PAY_RE = "\\b(?:" + wordsRe(NM.banks.concat(NM.wallets, ["rekening", "rek", "va", "virtual account"])) +
      ")\\b[^0-9\\n]{0,20}?[0-9][0-9 .\\-]{5,24}[0-9]" +
      "(?:\\s*\\(?(?:a\\.?\\s?n\\.?|atas nama)\\s*(?:\\b(?:" + TITLES.join("|") + ")\\.\\s?|[^\\n;,().]|\\.(?!\\s|$)){1,60})?";
    /* vectors.py _payment_text: "BRI 0021-... a.n. dr. Budi Santoso", without the leading
       "rekening" before a bank and the words in lower case after the holder's name. */
    var BANK_LEAD = new RegExp("^(?:rekening|rek|norek)\\.?\\s+(?=(?:" + wordsRe(NM.banks.concat(NM.wallets)) + ")\\b)", "i");
    function paymentText(value) {
      var lead = BANK_LEAD.exec(value);
      if (lead) value = value.slice(lead[0].length);
      var holder = /\b(?:a\.?\s?n\.?|atas nama)\s*/i.exec(value);
      if (holder) {
        var at = holder.index + holder[0].length, kept = [], words = value.slice(at).split(" ");
        for (var i = 0; i < words.length; i++) {
          var w = words[i], bare = w.replace(/\.+$/, "").toLowerCase();
          if (kept.length && /^[a-z]/.test(w) && TITLES.concat(["bin", "binti", "dan"]).indexOf(bare) < 0) break;
          kept.push(w);
        }
        value = value.slice(0, at) + kept.join(" ");
      }
      return value.trim().replace(/[.,;:!?)\]]+$/, "");
    }
    var ITEMS = [
      ["url", "(?:https?://|www\\.)[^\\s<>\"'“”]+"],
      ["wa", "(?:https?://)?(?:wa\\.me|api\\.whatsapp\\.com)/\\S+"],
      ["email", "(?:mailto:)?[A-Za-z0-9.!#$%&'*+=?^_`{|}~-]+@[A-Za-z0-9.\\-\\u0400-\\u04ff]+\\.[A-Za-z]{2,}"],
      ["pay", PAY_RE],
      ["apk", "(?:[^\\n:;\"'“”/@.!?,]|\\.(?!\\s)){0,70}?" + APK_FILE],
      ["host", "\\b[A-Za-z0-9\\-\\u0400-\\u04ff]+(?:\\.[A-Za-z0-9\\-\\u0400-\\u04ff]+)+(?:/[^\\s<>\"'“”]*)?"],
      ["phone", "(?:\\(\\+62\\)|\\+62|\\b62|\\b0)[ \\-]?[0-9][0-9 ().\\-]{6,16}[0-9]"],
      ["handle", "@[A-Za-z0-9._]{2,30}"]
    ];
    var ITEMS_SRC = ITEMS.map(function (x) { return "(" + x[1] + ")"; }).join("|");

    /* vectors.py _senders: "Dari: X", "Pengirim X", "SMS dari X", or "X:" at a line's start;
       [name, introduced] in the order of the text. */
    var SENDER_TOKEN = /^[A-Z0-9][A-Z0-9&_\-]*(?![a-z])(?: [A-Z0-9&_\-]+(?![a-z]))*/;
    function trimSender(name) { return name.replace(/^[ \-_&]+|[ \-_&]+$/g, ""); }
    function senders(text) {
      var found = [], m, intro = /(?:^[ \t]*|\b(?:sms|pesan)[ \t]+)(?:dari|from|pengirim)\b[ \t]*(:?)[ \t]*([^\n]*)/gim;
      while ((m = intro.exec(text)) !== null) {
        if (m[0] === "") { intro.lastIndex++; continue; }
        var line = m[2].trim(), token = SENDER_TOKEN.exec(line), name;
        if (token && (token[0].match(/[A-Z]/g) || []).length >= 2) name = trimSender(token[0]);
        else if (m[1]) name = line.split(/[.,:;!?](?:\s|$)/)[0].trim();
        else continue;
        if (name && !/[@/]|[0-9](?:[ .\-]?[0-9]){5}/.test(name)) found.push([m.index + m[0].length - m[2].length, name, true]);
      }
      var line = /^[ \t]*(?:\[([A-Z0-9][A-Z0-9&_\-]{1,10})\]|([A-Z0-9][A-Z0-9&_\-]{1,10})[ \t]*:(?!\/))/gm;
      while ((m = line.exec(text)) !== null) {
        var raw = m[1] || m[2], at = m.index + m[0].indexOf(raw), id = trimSender(raw);
        if (senderShaped(id) && ["dari", "from", "pengirim"].indexOf(id.toLowerCase()) < 0 &&
            !found.some(function (f) { return f[0] === at; })) found.push([at, id, false]);
      }
      found.sort(function (a, b) { return a[0] - b[0]; });
      return found.map(function (f) { return [f[1], f[2]]; });
    }

    function scan(index, text) {
      text = text.slice(0, 20000);
      var claimed = mentions(index, text), found = neverFindings(index, text, claimed), m;
      senders(text).forEach(function (s) {
        var name = s[0];
        var sent = senderShaped(name) ? sender(index, name) : { kind: "sender", name: name, matches: [],
          lookalikes: L.lookalikes(index.accounts, name.split(" ").join("."), ["website"]) };
        sent = stated(index, sent, name);
        if (s[1] || sent.matches.length || sent.fake || verdict(sent) !== "unknown") {
          sent.text = name;
          found.push(sent);
        }
      });
      var items = new RegExp(ITEMS_SRC, "gi");
      while ((m = items.exec(text)) !== null) {
        if (m[0] === "") { items.lastIndex++; continue; }
        var g = 1;
        while (m[g] === undefined) g++;
        var kind = ITEMS[g - 1][0], value = m[0].trim().replace(/[.,;:!?)\]]+$/, ""), hint = null;
        if (kind === "handle") {
          var before = (text.slice(Math.max(0, m.index - 40), m.index).toLowerCase().match(/[a-z]+/g) || []).slice(-3);
          for (var i = before.length - 1; i >= 0 && hint === null; i--) {
            if (PLATFORM_WORDS.hasOwnProperty(before[i])) hint = PLATFORM_WORDS[before[i]];
          }
        }
        if (kind === "host" && !splitHost(value.split("/")[0].toLowerCase())[2]) continue;
        if (kind === "pay") { // the words after the holder's name are read again ("atau 0813...")
          value = paymentText(value);
          items.lastIndex = m.index + m[0].indexOf(value) + value.length;
        }
        var r = checkAny(index, value, hint);
        r.text = value;
        found.push(r);
      }
      found.forEach(function (item) {
        var unknown = ["phone", "payment", "apk", "sender"].indexOf(item.kind) >= 0 && !item.matches.length;
        if (unknown && !(item.lookalikes && item.lookalikes.length) && !(item.claims && item.claims.length) && claimed.length) {
          item.claims = claimed;
        }
        item.verdict = verdict(item);
      });
      return found;
    }

    return { checkAny: checkAny, scan: scan, mentions: mentions, splitHost: splitHost, unicodeHost: unicodeHost,
      registrable: registrable };
  }

  /* The index a lookup needs: the whole one, or (sharded, generator/shards.py) the key shards
     of what was pasted merged in index order, with the rows of the agencies it names. */
  function lookupIn(K, url, rules, meta, value) {
    if (!meta.sharded) return Promise.resolve(meta);
    var base = K.shardBase(url, meta), count = meta.sharded.keys, ids = {};
    rules.bucketsAny(value).forEach(function (b) { ids[K.hash(b) % count] = true; });
    var shards = Object.keys(ids).map(Number).sort(function (a, b) { return a - b; });
    return Promise.all(shards.map(function (n) { return K.loadIndex(base + "k/" + n + ".json"); })).then(function (parts) {
      var byPosition = {}, official = {}, impostors = {}, numbers = [];
      var ordered = function (rows) {
        return Object.keys(rows).map(Number).sort(function (a, b) { return a - b; }).map(function (p) { return rows[p]; });
      };
      parts.forEach(function (part) {
        part.accounts.forEach(function (row) { byPosition[row[row.length - 1]] = row.slice(0, -1); });
        (part.official || []).forEach(function (row) { official[row[row.length - 1]] = row.slice(0, -1); });
        (part.impostors || []).forEach(function (row) { impostors[row[row.length - 1]] = row.slice(0, -1); });
        numbers = numbers.concat(part.numbers);
      });
      var index = {
        platforms: meta.platforms, numbers: numbers, agencies: [], accounts: ordered(byPosition),
        official: ordered(official), impostors: ordered(impostors), never: meta.never
      };
      var results = /\s/.test(value.trim()) ? rules.scan(index, value) : [];
      if (!results.length) results = [rules.checkAny(index, value)];
      var named = {};
      // The offices a message names: their rows carry their "Kami tidak pernah ..." statements.
      if (/\s/.test(value.trim())) rules.mentions(index, value.slice(0, 20000)).forEach(function (a) { named[a] = true; });
      results.forEach(function (r) {
        r.matches.concat(r.lookalikes || [], r.same_name || []).forEach(function (m) {
          if (m.agency !== null && m.agency !== undefined) named[m.agency] = true;
        });
        (r.claims || []).forEach(function (a) { named[a] = true; });
        if (r.fake && r.fake.agency !== null && r.fake.agency !== undefined) named[r.fake.agency] = true;
      });
      return K.agencyRows(url, meta, Object.keys(named).map(Number)).then(function (rows) {
        Object.keys(rows).forEach(function (p) { index.agencies[p] = rows[p]; });
        return index;
      });
    });
  }


  /* The rules of generator/accounts.py over the exported table. */
  function makeRules(table) {
    var P = table.platforms, U = table.url, PH = table.phone, L = makeLookalikes(table.names);
    var keyName = L.keyName;
    function lookalikes(index, name, platforms) { return L.lookalikes(index.accounts, name, platforms); }
    var DEFAULT_PORT = { http: 80, https: 443 };
    var HOSTS = {};
    Object.keys(P).forEach(function (name) {
      P[name].hosts.forEach(function (host) { HOSTS[host] = name; });
    });

    function rule(platform) {
      if (!Object.prototype.hasOwnProperty.call(P, platform)) throw new AccountError("platform");
      return P[platform];
    }

    /* _split_url: scheme, host, port (null if default), path, query. */
    function splitUrl(text) {
      var s = text.trim();
      if (/[\s\\]/.test(s)) throw new AccountError("url", "spasi");
      var m = new RegExp(U.scheme).exec(s);
      var scheme = m ? m[1].toLowerCase() : "", rest = m ? s.slice(m[0].length) : s;
      if (m && !DEFAULT_PORT[scheme] && rest.indexOf("//") !== 0 && new RegExp(U.port).test(rest)) m = null;
      if (!m) s = "https://" + s.replace(/^\/+/, "");
      else if (!DEFAULT_PORT[scheme] || rest.indexOf("//") !== 0) throw new AccountError("url", "skema");
      var parts = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?/.exec(s);
      scheme = parts[1].toLowerCase();
      var netloc = parts[2], path = parts[3], query = parts[4] || "";
      if ((netloc.indexOf("[") >= 0) !== (netloc.indexOf("]") >= 0)) throw new AccountError("url", "ipv6");
      var info = netloc.slice(netloc.lastIndexOf("@") + 1), host, port;
      var open = info.indexOf("[");
      if (open >= 0) {
        var close = info.indexOf("]", open);
        host = info.slice(open + 1, close < 0 ? undefined : close);
        var after = close < 0 ? "" : info.slice(close + 1);
        port = after.indexOf(":") >= 0 ? after.slice(after.indexOf(":") + 1) : "";
      } else {
        var colon = info.indexOf(":");
        host = colon >= 0 ? info.slice(0, colon) : info;
        port = colon >= 0 ? info.slice(colon + 1) : "";
      }
      if (port) {
        if (!/^[0-9]+$/.test(port) || Number(port) > 65535) throw new AccountError("url", "port");
        port = Number(port);
      } else port = null;
      if (netloc.indexOf("@") >= 0) throw new AccountError("url", "@");
      host = host.toLowerCase().replace(/\.+$/, "");
      if (!host) throw new AccountError("url", "host");
      if (/[^\x00-\x7f]/.test(host)) {
        try { host = new URL("http://" + host).hostname; } catch (e) { throw new AccountError("url", "idna"); }
      }
      if (port === DEFAULT_PORT[scheme]) port = null;
      return { scheme: scheme, host: host, port: port, path: path || "/", query: query };
    }

    function build(platform, r, form, ident, field) {
      if (r.reserved.indexOf(ident.toLowerCase()) >= 0) throw new AccountError(field, "reserved");
      var handle = fill(form.display, ident);
      var key = form.case_sensitive ? handle : handle.toLowerCase();
      return { platform: platform, handle: handle, url: fill(form.url, ident), key: platform + ":" + key };
    }

    function fromUrl(platform, text) {
      var r = rule(platform);
      if (!r.forms.length) throw new AccountError("platform");
      var u = splitUrl(text);
      if (r.hosts.indexOf(u.host) < 0) throw new AccountError("url", "host");
      var subject = u.path + (u.query ? "?" + u.query : "");
      for (var i = 0; i < r.forms.length; i++) {
        for (var j = 0; j < r.forms[i].paths.length; j++) {
          var m = full(r.forms[i].paths[j], subject);
          if (m) return build(platform, r, r.forms[i], m[1], "url");
        }
      }
      throw new AccountError("url", "path");
    }

    function fromHandle(platform, handle) {
      var r = rule(platform);
      if (!r.forms.length) throw new AccountError("handle", "no handles");
      var text = handle.trim();
      if (text.charAt(0) === "@") text = text.slice(1);
      if (!text) throw new AccountError("handle", "empty");
      for (var i = 0; i < r.forms.length; i++) {
        var m = full(r.forms[i].handle, text);
        if (m) return build(platform, r, r.forms[i], m[1], "handle");
      }
      throw new AccountError("handle", "form");
    }

    function looksLikeUrl(text) {
      var head = (text.charAt(0) === "@" ? text.slice(1) : text).split(/[/?#:]/)[0].toLowerCase();
      return text.indexOf(":") >= 0 || HOSTS.hasOwnProperty(head) ||
        (text.indexOf("/") >= 0 && head.indexOf(".") >= 0);
    }

    function identify(text) {
      try {
        var platform = HOSTS[splitUrl(text).host];
        return platform ? fromUrl(platform, text) : null;
      } catch (e) {
        if (e instanceof AccountError) return null;
        throw e;
      }
    }

    function normalizeSite(platform, text) {
      var u = splitUrl(text);
      if (!full(U.hostname, u.host)) throw new AccountError("url", "hostname");
      if (identify(text) !== null) throw new AccountError("platform");
      var rest = (u.port ? ":" + u.port : "") + u.path.replace(/\/+$/, "") + (u.query ? "?" + u.query : "");
      return {
        platform: platform, handle: null, url: u.scheme + "://" + u.host + rest,
        key: platform + ":" + u.host.replace(/^www\./, "") + rest
      };
    }

    function fromHandleField(platform, handle) {
      if (!looksLikeUrl(handle)) return fromHandle(platform, handle);
      try { return fromUrl(platform, handle); } catch (e) {
        if (e instanceof AccountError) throw new AccountError("handle", e.message);
        throw e;
      }
    }

    function normalizeAccount(platform, handle, url) {
      var r = rule(platform);
      handle = (handle || "").trim() || null;
      url = (url || "").trim() || null;
      if (!r.forms.length) {
        if (handle !== null) return fromHandle(platform, handle);
        if (url === null) throw new AccountError("url", "empty");
        return normalizeSite(platform, url);
      }
      var byHandle = handle ? fromHandleField(platform, handle) : null;
      var byUrl = url ? fromUrl(platform, url) : null;
      if (byHandle && byUrl && byHandle.key !== byUrl.key) throw new AccountError("url", "mismatch");
      var result = byHandle || byUrl;
      if (!result) throw new AccountError("handle", "empty");
      return result;
    }

    /* generator/checker.py phone_e164 */
    function phoneE164(text) {
      var raw = text.trim(), digits, international;
      var link = new RegExp(PH.wa_link, "i").exec(raw);
      if (link) { digits = link[1]; international = true; } else {
        var compact = raw.replace(new RegExp(PH.separators, "g"), "");
        international = compact.charAt(0) === "+";
        digits = international ? compact.slice(1) : compact;
        if (!/^[0-9]+$/.test(digits)) return null;
      }
      var national;
      if (international || digits.indexOf("62") === 0) {
        if (digits.indexOf("62") !== 0) return null;
        national = digits.slice(2);
        if (national.charAt(0) === "0") national = national.slice(1);
      } else if (digits.charAt(0) === "0") national = digits.slice(1);
      else national = digits;
      return new RegExp(PH.national).test(national) ? "+62" + national : null;
    }

    function siteKey(text) {
      try { return normalizeSite("website", text).key; } catch (e) {
        if (e instanceof AccountError) return null;
        throw e;
      }
    }

    function urlPlatform(text) {
      try { return HOSTS[splitUrl(text).host] || null; } catch (e) {
        if (e instanceof AccountError) return null;
        throw e;
      }
    }

    /* generator/checker.py check: how the input is read, and what the registry holds. */
    function check(index, text) {
      var value = text.trim(), result = { kind: "empty", matches: [] };
      if (!value) return result;
      var number = phoneE164(value);
      var waLink = new RegExp(PH.wa_link, "i").test(value);
      var looksNumeric = /^\+?[0-9\s().\-/]+$/.test(value);
      if (number && (looksNumeric || waLink)) {
        result.kind = "phone";
        result.number = number;
        index.numbers.forEach(function (row) {
          if (row[1] === number) result.matches.push({ agency: row[2], type: row[0], status: "active" });
        });
        return result;
      }
      if (waLink || (looksNumeric && (value.charAt(0) === "+" || value.charAt(0) === "0"))) {
        result.kind = "invalid";
        result.reason = "phone";
        return result;
      }
      var keys = {}, account = identify(value);
      if (account !== null) {
        result.kind = "account";
        result.platform = account.platform;
        result.key = account.key;
        keys[account.key] = true;
      } else if (looksLikeUrl(value)) {
        var hostPlatform = urlPlatform(value);
        if (hostPlatform) {
          result.kind = "invalid";
          result.platform = hostPlatform;
          return result;
        }
        var key = siteKey(value);
        if (key === null) { result.kind = "invalid"; return result; }
        result.kind = "website";
        result.key = key;
        keys[key] = keys["other:" + key.slice(key.indexOf(":") + 1)] = true;
      } else {
        var platforms = [];
        Object.keys(P).forEach(function (name) {
          if (!P[name].forms.length) return;
          try { keys[fromHandle(name, value).key] = true; platforms.push(name); } catch (e) {
            if (!(e instanceof AccountError)) throw e;
          }
        });
        if (!platforms.length && !/^[\x00-\x7f]*$/.test(value) && new RegExp(table.names.foreign).test(value)) {
          result.kind = "handle"; // look-alike letters from other scripts: no platform takes them
          result.handle = value.charAt(0) === "@" ? value.slice(1) : value;
          result.lookalikes = lookalikes(index, result.handle, table.names.families);
          return result;
        }
        if (!Object.keys(keys).length) { result.kind = "invalid"; return result; }
        result.kind = "handle";
        result.handle = value.charAt(0) === "@" ? value.slice(1) : value;
        var site = value.indexOf(".") >= 0 ? siteKey(value) : null;
        if (site) keys[site] = keys["other:" + site.slice(site.indexOf(":") + 1)] = true;
      }
      index.accounts.forEach(function (row) {
        if (keys[row[1]] === true) {
          result.matches.push({ agency: row[3], platform: row[0], status: row[2], since: row[4] });
        }
      });
      if (result.kind === "account" && !result.matches.length) {
        var name = keyName(result.platform, result.key);
        result.lookalikes = name ? lookalikes(index, name, [result.platform]) : [];
      } else if (result.kind === "handle" && !result.matches.length) {
        result.lookalikes = lookalikes(index, result.handle.slice(result.handle.lastIndexOf("/") + 1), platforms);
      }
      return result;
    }

    /* generator/shards.py name_buckets and lookup_buckets: the shards a lookup needs. */
    function nameBuckets(name) {
      var p = L.parse(name);
      return ["w:" + p.lead + "|" + p.rest.slice(0, 2), "e:" + p.whole.slice(-4)];
    }
    function keyBucket(key) { return "k:" + key.slice(key.indexOf(":") + 1).toLowerCase(); }
    function bucketsOf(result, text) {
      var kind = result.kind;
      if (kind === "phone") return ["n:" + result.number];
      if (kind === "website") return [keyBucket(result.key)];
      if (kind === "account") {
        var name = keyName(result.platform, result.key);
        return name ? nameBuckets(name) : [keyBucket(result.key)];
      }
      if (kind !== "handle") return [];
      var name = result.handle.slice(result.handle.lastIndexOf("/") + 1);
      var found = nameBuckets(name).concat(["k:" + name.toLowerCase()]); // "k:": numeric and channel IDs
      var value = text.trim(), site = value.indexOf(".") >= 0 ? siteKey(value) : null;
      if (site) found.push(keyBucket(site));
      return found;
    }

    var V = makeVectors(table, check, phoneE164, L);

    /* generator/site/shards.py any_buckets and item_buckets: the shards of the one-box checker. */
    function words5(labels) { return labels.filter(function (t) { return t.length >= 5; }); } // shards.py _label_words
    function hostLabel(host) { return L.skeleton(V.splitHost(V.unicodeHost(host))[1] || host); }
    function itemBuckets(item, text) {
      var kind = item.kind;
      if (kind === "phone" || kind === "account" || kind === "handle") {
        var found = bucketsOf(item, text);
        if (kind === "handle") {
          if (text.trim().length <= 11) found.push("o:" + text.trim().toLowerCase()); // shards.py SENDER_MAX
          if (/^[0-9]{3,8}$/.test(text.trim())) found.push("n:" + text.trim());
        }
        return found;
      }
      if (kind === "website") {
        var host = item.host !== undefined ? item.host : item.key.slice(item.key.indexOf(":") + 1).split("/")[0];
        var labels = host.split(/[^a-z0-9]+/).filter(function (t) { return t; });
        var name = labels.slice(0, -1).join(".") || host;
        return ["k:" + host.replace(/^www\./, ""), "d:" + V.registrable(host), "h:" + hostLabel(host)]
          .concat(words5(labels).map(function (t) { return "h:" + L.skeleton(t); }), nameBuckets(name));
      }
      if (kind === "email") {
        var address = item.address.toLowerCase(), domain = address.slice(address.lastIndexOf("@") + 1);
        return ["k:" + address, "d:" + V.registrable(domain), "h:" + hostLabel(domain)];
      }
      if (kind === "app") {
        var pkg = item.package.toLowerCase();
        return ["o:play:" + pkg].concat(words5(pkg.split(".")).map(function (t) { return "h:" + L.skeleton(t); }));
      }
      if (kind === "sender" || kind === "name") {
        var sent = item.name !== undefined ? item.name : text;
        var found = ["o:" + sent.replace(/\s+/g, "").toLowerCase()].concat(nameBuckets(sent.split(" ").join(".")));
        if (kind === "sender" && sent.indexOf(" ") < 0) found.push("k:" + sent.toLowerCase()); // an official handle of the same name
        return found;
      }
      return [];
    }
    function bucketsAny(value) {
      var empty = { accounts: [], numbers: [] };
      var items = /\s/.test(value.trim()) ? V.scan(empty, value) : [];
      if (!items.length) {
        var one = V.checkAny(empty, value);
        one.text = value;
        items = [one];
      }
      var found = [], seen = {};
      items.forEach(function (item) {
        itemBuckets(item, item.text).forEach(function (b) {
          if (!seen.hasOwnProperty(b)) { seen[b] = true; found.push(b); }
        });
      });
      return found;
    }
    return {
      bucketsOf: bucketsOf, bucketsAny: bucketsAny, checkAny: V.checkAny, scan: V.scan, mentions: V.mentions,
      splitHost: V.splitHost, unicodeHost: V.unicodeHost,
      identify: identify, normalizeAccount: normalizeAccount, phoneE164: phoneE164,
      check: check, prepare: function (index) { return L.registry(index.accounts); },
      skeleton: L.skeleton, parse: L.parse, osa: L.osa,
      label: function (platform) { return P[platform] ? P[platform].label : platform === "name" ? "nama instansi" : platform; }
    };
  }

  window.KanalChecker = { makeRules: makeRules, AccountError: AccountError, lookup: lookupIn };

  /* ---- The form on the home page and on cek-akun/ ---- */
  var form = document.querySelector(".k-checker");
  if (!form || !window.Kanal) return;
  var K = window.Kanal;
  var input = form.querySelector("#k-akun");
  var out = form.querySelector(".k-check-result");
  var root = form.getAttribute("data-root") || "";
  var report = root + "cara-melapor/#menemukan-akun-palsu";
  var example = form.getAttribute("data-example") || "@nama.akun";
  var exampleUrl = form.getAttribute("data-example-url") || "https://www.instagram.com/nama.akun/";
  var publisher = {
    name: form.getAttribute("data-publisher") || "pengelola situs ini",
    email: form.getAttribute("data-publisher-email") || "",
    phone: form.getAttribute("data-publisher-phone") || "",
    url: form.getAttribute("data-publisher-url") || ""
  };
  var rules = null;

  var url = form.getAttribute("data-index");

  function load() {
    return K.loadIndex(url).then(function (index) {
      if (!rules) rules = makeRules(index.platforms);
      if (!index.sharded) rules.prepare(index); // the official names, parsed once
      return index;
    });
  }

  /* The index a lookup needs: the whole one, or (sharded, generator/shards.py) the key shards
     of what was pasted merged in index order, with the rows of the agencies it names. */
  function lookup(meta, value) { return lookupIn(K, url, rules, meta, value); }


  var TYPE_LABEL = { whatsapp: "nomor WhatsApp", phone: "nomor telepon", sms: "nomor SMS" };

  function link(href, text) {
    var a = K.el("a", null, text);
    a.href = href;
    return a;
  }

  function box(kind, icon, title) {
    var node = K.el("div", "k-verdict k-verdict--" + kind);
    var head = K.el("p", "k-verdict__title");
    head.appendChild(K.el("span", "k-verdict__icon", icon)).setAttribute("aria-hidden", "true");
    head.appendChild(K.el("strong", null, title));
    node.appendChild(head);
    return node;
  }

  /* How the thing checked is named in the answer: "Akun Instagram @dinkes.contoh". */
  function subject(result, value, m) {
    if (result.kind === "phone") return "Nomor " + value.trim();
    if (result.kind === "website") return "Situs " + value.trim().replace(/^https?:\/\//i, "");
    if (result.kind === "account") return "Akun " + rules.label(result.platform) + " " + shown(rules.identify(value));
    return "Akun " + rules.label(m ? m.platform : "") + " @" + result.handle;
  }

  function shown(acc) {
    var h = acc.handle;
    var isId = h.indexOf("/") >= 0 || (acc.platform === "youtube" && /^UC[A-Za-z0-9_-]{22}$/.test(h)) ||
      (acc.platform === "facebook" && /^[0-9]+$/.test(h));
    return isId ? acc.url.replace(/^https?:\/\/(www\.)?/, "").replace(/\/$/, "") : "@" + h;
  }

  /* A paragraph of text pieces and nodes (links). */
  function para(pieces, cls) {
    var p = K.el("p", cls);
    pieces.forEach(function (x) { p.appendChild(typeof x === "string" ? document.createTextNode(x) : x); });
    return p;
  }

  function agencyLink(index, m) {
    if (m.agency === null || m.agency === undefined || !index.agencies[m.agency]) {
      return document.createTextNode("pemerintah daerah ini"); // a region-level channel
    }
    var agency = index.agencies[m.agency];
    return link(/^https?:\/\//.test(agency[3]) ? agency[3] : root + agency[3], agency[0]);
  }

  /* Whom to ask about a name the registry lacks: the publisher's e-mail, phone and site. */
  function ask() {
    var pieces = ["Yakin akun atau nomor ini milik instansi? Tanyakan kepada " + publisher.name], ways = [];
    if (publisher.email) ways.push(link("mailto:" + publisher.email, publisher.email));
    var tel = publisher.phone ? rules.phoneE164(publisher.phone) : null;
    if (tel) ways.push(link("tel:" + tel, publisher.phone));
    if (/^https?:\/\//i.test(publisher.url)) ways.push(link(publisher.url, publisher.url.replace(/^https?:\/\//i, "")));
    ways.forEach(function (w, i) {
      pieces.push(i === 0 ? ": " : i === ways.length - 1 ? " atau " : ", ");
      w.className = "k-tap";
      pieces.push(w);
    });
    pieces.push(ways.length ? "; mereka dapat memeriksa dan menambahkannya ke daftar." : " agar diperiksa dan ditambahkan ke daftar.");
    return para(pieces, "k-ask");
  }

  function since(m) { return m.since ? ", sejak " + K.dateId(m.since) : ""; }

  function official(index, result, value, m) {
    var what = result.kind === "phone" ? "nomor " + (TYPE_LABEL[m.type] || "kontak").replace("nomor ", "") + " resmi"
      : result.kind === "website" ? "situs resmi" : "akun resmi";
    return para([subject(result, value, m) + " adalah " + what + " ", agencyLink(index, m), since(m) + "."]);
  }

  function inactive(index, result, value, m) {
    return para([subject(result, value, m) + " milik ", agencyLink(index, m),
      ", tetapi tidak aktif lagi: pesan ke sana mungkin tidak dibaca. Gunakan kanal yang aktif di halaman instansinya."]);
  }

  function archived(index, result, value, m) {
    return para([subject(result, value, m) + " dulu akun resmi ", agencyLink(index, m),
      ", tetapi sudah diarsipkan: akun ini tidak lagi berbicara atas nama instansi. Jangan kirim data pribadi, uang, atau pengaduan ke sana. Akun resminya yang sekarang ada di halaman instansi itu."]);
  }

  function platformList(platforms) {
    return platforms.map(function (p) { return rules.label(p); }).join(", ");
  }

  /* The look-alike warning: the closest official account, then all (at most 3) with their pages. */
  function warning(index, alike) {
    var node = K.el("div", "k-lookalike"), first = alike[0];
    var state = { active: "", inactive: " (tidak aktif lagi)", archived: " (sudah diarsipkan)" };
    node.appendChild(para([
      (first.status === "archived" ? "Mirip akun lama @" : "Mirip akun resmi @") + first.handle + " milik ",
      agencyLink(index, first), state[first.status] + " — hati-hati, akun ini bisa jadi akun palsu."
    ], "k-lookalike__title"));
    if (alike.length === 1 && first.status !== "archived") { // the agency is named just above
      node.appendChild(para(["Akun resminya: ", K.el("strong", null, "@" + first.handle),
        " di " + platformList(first.platforms) + "."]));
      return node;
    }
    node.appendChild(K.el("p", null, "Akun instansi yang namanya mirip:"));
    var list = K.el("ul");
    alike.forEach(function (m) {
      var item = K.el("li");
      item.appendChild(K.el("strong", null, (m.platforms.join() === "name" ? "" : "@") + m.handle));
      item.appendChild(document.createTextNode(" di " + platformList(m.platforms) + " — "));
      item.appendChild(agencyLink(index, m));
      item.appendChild(document.createTextNode(state[m.status]));
      list.appendChild(item);
    });
    node.appendChild(list);
    return node;
  }

  var WHAT = { email: "Alamat surel", app: "Aplikasi", payment: "Rekening", apk: "Berkas", sender: "Pengirim", name: "Nama" };

  /* A red flag: the message asks what the region (or the office it names) says it never asks. */
  function neverBox(index, result) {
    var node = result.soft ? box("unknown", "!", "Hati-hati — pastikan dulu") : box("fake", "✕", "PALSU — jangan dituruti");
    var who = result.agency !== null && result.agency !== undefined && index.agencies[result.agency]
      ? agencyLink(index, { agency: result.agency }) : document.createTextNode(result.by);
    node.appendChild(para([who, " menyatakan: ", K.el("q", null, result.statement)], "k-lookalike__title"));
    node.appendChild(K.el("p", null, result.soft
      ? "Bagian pesan di atas meminta transfer ke rekening pribadi. Bila pesan ini mengatasnamakan instansi, pejabat atau program pemerintah, itu palsu. Bila dari kenalan atau keluarga, pastikan dulu lewat telepon atau bertemu langsung sebelum mengirim uang: akun WhatsApp bisa dibajak."
      : "Bagian pesan di atas meminta hal itu: pesan ini bukan dari instansi resmi, siapa pun namanya. Jangan balas, jangan kirim kode atau uang."));
    node.appendChild(para([link(report, "Cara melaporkan penipuan")]));
    return node;
  }

  /* One answer: the box for one item's verdict (vectors.py check_any / checker.js checkAny). */
  function renderOne(index, result, value) {
    var node, text = value.trim();
    if (result.kind === "never") return neverBox(index, result);
    var named = function (m) { return m.agency !== undefined && index.agencies[m.agency]; };
    if (result.kind === "empty") {
      return K.el("p", "k-meta", "Tempelkan nama akun, alamat situs atau surel, nomor, atau seluruh pesan yang diteruskan.");
    }
    if (result.kind === "invalid") {
      node = box("invalid", "?", "Belum bisa diperiksa");
      node.appendChild(K.el("p", null, result.platform
        ? "Ini alamat sebuah halaman " + rules.label(result.platform) + " (misalnya kiriman atau pencarian), bukan alamat profil akun. Buka profil akunnya, lalu salin alamatnya."
        : result.reason === "phone"
          ? "Nomor ini bukan nomor telepon Indonesia yang lengkap. Tulis seperti 0812-3456-7890 atau +62 812-3456-7890."
          : "Tulis nama akun (mis. " + example + "), tempel alamat profil (mis. " + exampleUrl + "), atau nomor WhatsApp/telepon."));
      return node;
    }
    var label = WHAT[result.kind] ? WHAT[result.kind] + " " + text : result.kind === "website" ? "Situs " + text.replace(/^https?:\/\//i, "") : null;
    if (result.matches.length) {
      node = K.el("div");
      var groups = [
        ["active", "official", "✓", "Resmi", official],
        ["inactive", "inactive", "!", "Resmi, tetapi tidak aktif", inactive],
        ["archived", "archived", "!", "Bukan lagi akun resmi", archived]
      ];
      groups.forEach(function (g) {
        var found = result.matches.filter(function (m) { return m.status === g[0]; });
        if (!found.length) return;
        var b = box(g[1], g[2], g[3]);
        found.forEach(function (m) {
          if (label && g[0] === "active") {
            b.appendChild(para([label + " adalah " + (result.subdomain ? "alamat di domain resmi " : "milik resmi "), agencyLink(index, m), "."]));
          } else b.appendChild(g[4](index, result, value, m));
        });
        if (g[0] === "active" && result.kind === "handle") {
          b.appendChild(K.el("p", "k-meta", "Pastikan platformnya sama: akun bernama sama di platform lain belum tentu resmi."));
        }
        if (g[0] === "active" && result.kind === "sender") {
          b.appendChild(K.el("p", "k-meta", "Nama pengirim SMS tetap bisa dipalsukan (SMS masking, BTS palsu): jangan buka tautan dan jangan kirim OTP, PIN atau uang karena SMS. Periksa juga tautan dan nomor di dalam pesannya di sini."));
        }
        node.appendChild(b);
      });
      return node;
    }
    if (result.fake) { // a known impostor: the office's own notice
      var f = result.fake;
      node = box("fake", "✕", "PALSU");
      node.appendChild(para([(label || text) + " sudah dilaporkan palsu" + (f.reported ? " (" + K.dateId(f.reported) + ")" : "") +
        (f.agency !== null && f.agency !== undefined ? ": meniru " : "."), f.agency !== null && f.agency !== undefined ? agencyLink(index, { agency: f.agency }) : "",
        f.agency !== null && f.agency !== undefined ? "." : ""]));
      if (f.note) node.appendChild(K.el("p", null, f.note));
      if (/^https?:\/\//i.test(f.notice || "")) node.appendChild(para([link(f.notice, "Baca peringatan resminya")]));
      var reports = [["https://aduankonten.id", "aduankonten.id"], ["https://aduannomor.id", "aduannomor.id"]];
      if (result.kind === "payment") reports.push(["https://cekrekening.id", "cekrekening.id"]);
      var pieces = ["Laporkan: "];
      reports.forEach(function (r, i) { if (i) pieces.push(", "); pieces.push(link(r[0], r[1])); });
      pieces.push(", atau ");
      pieces.push(link(report, "cara melapor"));
      pieces.push(".");
      node.appendChild(para(pieces));
      return node;
    }
    if (result.verdict === "fake") {
      node = box("fake", "✕", "PALSU — jangan dipasang");
      node.appendChild(K.el("p", null, "Berkas aplikasi (.apk) yang dikirim lewat pesan selalu palsu, siapa pun pengirimnya: aplikasi resmi hanya dipasang dari Google Play atau App Store. Jangan dibuka. Berkas seperti ini dipakai untuk mencuri SMS, kode OTP dan isi rekening; instansi pemerintah tidak mengirim aplikasi lewat WhatsApp."));
      (result.claims || []).forEach(function (a) {
        node.appendChild(para(["Berkas ini mengatasnamakan ", agencyLink(index, { agency: a }), "."]));
      });
      node.appendChild(para([link(report, "Cara melaporkan penipuan")]));
      return node;
    }
    var same = result.same_name || [], alike = result.lookalikes || [], claims = result.claims || [];
    var oldStyle = (result.kind === "account" || result.kind === "handle") && !same.length;
    if (oldStyle) return unknownBox(index, result, value, alike);
    node = box("unknown", "✕", same.length || alike.length || claims.length ? "Tidak terdaftar — hati-hati" : "Tidak terdaftar");
    node.appendChild(K.el("p", null, (label || "Ini") + " tidak ada dalam daftar resmi situs ini."));
    if (same.length) {
      var where = {};
      same.forEach(function (m) { where[rules.label(m.platform)] = true; });
      node.appendChild(para(["Nama ini resmi di " + Object.keys(where).join(", ") + " (milik ", agencyLink(index, same[0]),
        result.kind === "sender" ? "), tetapi bukan pengirim SMS resmi: nama pengirim SMS bisa dipalsukan siapa saja."
          : "), tetapi akun " + rules.label(result.platform) + " ini tidak terdaftar."], "k-lookalike__title"));
    }
    alike.filter(named).forEach(function (m) {
      var what = m.number ? "nomor resmi " + m.number + " milik " : m.handle && m.platforms.join() !== "website" && m.platforms.join() !== "name"
        ? "akun resmi @" + m.handle + " milik " : "situs atau nama resmi ";
      node.appendChild(para(["Mirip " + what, agencyLink(index, m), " — hati-hati, bisa jadi palsu."], "k-lookalike__title"));
    });
    claims.forEach(function (a) {
      node.appendChild(para(["Mengatasnamakan ", agencyLink(index, { agency: a }), ", tetapi tidak terdaftar sebagai kanal resmi instansi itu."], "k-lookalike__title"));
    });
    if (result.kind === "payment") node.appendChild(K.el("p", null, "Jangan transfer ke rekening yang tidak tercantum di halaman instansi. Periksa rekening di cekrekening.id."));
    if (result.official_domain) node.appendChild(K.el("p", null, "Domainnya milik pemerintah daerah, tetapi alamat ini tidak tercantum; pengirim surel bisa dipalsukan."));
    node.appendChild(K.el("p", null, "Selama belum jelas, jangan kirim uang, kode OTP, PIN, atau data pribadi ke sana."));
    node.appendChild(ask());
    return node;
  }

  function unknownBox(index, result, value, alike) {
    var node = box("unknown", "✕", alike.length ? "Tidak terdaftar — mirip akun resmi" : "Tidak terdaftar");
    node.appendChild(K.el("p", null, subject(result, value, null).replace(/^Akun  @/, "Akun @") +
      " tidak ada dalam daftar " + (result.kind === "phone" ? "kontak" : "akun") + " resmi situs ini."));
    if (alike.length) node.appendChild(warning(index, alike));
    node.appendChild(K.el("p", null, "Daftar ini disusun oleh " + publisher.name + " dan bisa belum lengkap: yang tidak terdaftar belum tentu palsu — bisa akun pribadi, akun instansi yang belum didaftarkan, atau akun palsu. Selama belum jelas, jangan kirim uang, kode OTP, PIN, atau data pribadi ke sana."));
    node.appendChild(ask());
    node.appendChild(para([link(report, "Cara melaporkan akun palsu")]));
    return node;
  }

  /* The answer for what was pasted: one item, or every item of a forwarded message. */
  function render(index, value) {
    var items = /\s/.test(value.trim()) ? rules.scan(index, value) : [];
    var single = items.length === 1 && items[0].text === value.trim() && items[0].kind !== "never";
    var node;
    if (!items.length || single) {
      var result = rules.checkAny(index, value);
      if (result.kind === "phone" && !result.matches.length && !(result.lookalikes || []).length) {
        node = unknownBox(index, result, value, []);
      } else node = renderOne(index, result, value);
      out.textContent = "";
      out.appendChild(node);
      return [result];
    }
    node = K.el("div", "k-items");
    node.appendChild(K.el("p", "k-meta", "Pesan ini memuat " + items.length + " hal yang bisa diperiksa:"));
    var list = K.el("ol", "k-items__list");
    items.forEach(function (item) {
      var li = K.el("li", "k-item");
      li.appendChild(K.el("p", "k-item__text", item.text));
      var one = item.kind === "phone" && !item.matches.length && !(item.lookalikes || []).length && !(item.claims || []).length
        ? unknownBox(index, item, item.text, []) : renderOne(index, item, item.text);
      li.appendChild(one);
      list.appendChild(li);
    });
    node.appendChild(list);
    out.textContent = "";
    out.appendChild(node);
    return items;
  }

  function run() {
    var value = input.value;
    load().then(function (meta) { return lookup(meta, value); }).then(function (index) {
      render(index, value);
      if (out.scrollIntoView) out.scrollIntoView({ block: "nearest" });
    }, function () {
      out.textContent = "";
      out.appendChild(K.el("p", null, "Daftar akun tidak dapat dimuat. Periksa koneksi internet lalu coba lagi."));
    });
  }

  input.addEventListener("focus", function () { load().catch(function () {}); }, { once: true });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });
  input.addEventListener("paste", function () { setTimeout(run, 0); }); // pasting is the usual way in
  input.addEventListener("keydown", function (event) { // Enter checks; Shift+Enter starts a new line
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      run();
    }
  });
  var initial = new URLSearchParams(window.location.search).get("akun");
  if (initial) { input.value = initial; run(); }
})();
