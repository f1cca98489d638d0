/* Kanal "Cek akun resmi": is a pasted handle, profile URL or phone number in the registry?

   The rules are not written here: they come as data from the index ("platforms", exported
   from generator/accounts.py by generator/checker.py), and this file ports the Python logic
   that applies them line by line (generator/accounts.py: identify, normalize_account;
   generator/checker.py: phone_e164, check). tests/cases/*.json run against both.
   Every value from the index is inserted as text (textContent), never as HTML.

   Look-alikes (lookalikes below; generator/checker.py lookalikes is the reference): a handle or
   profile that is not in the registry but looks like an official one on the same platform
   (Instagram and Threads count as one) gets a warning. Names are compared as skeletons:
   lowercased, without . _ -, digits read as letters (0→o 1→l 3→e 4→a 5→s 7→t 8→b); from the
   pasted skeleton only, impostor affixes are removed one at a time (trailing official, resmi,
   id, real, asli, info, news, cs, admin; leading official, real, the, admin), never down to
   nothing. It matches if the skeleton or any shortened form equals an official skeleton, or is
   within Damerau–Levenshtein (optimal string alignment) distance 1 of one of 5–9 characters,
   2 of one of 10 or more; shorter ones only by equality. Numeric and YouTube channel IDs are
   not names. The official skeletons are computed once per loaded index. */
(function () {
  "use strict";

  function AccountError(field, message) {
    this.field = field;
    this.message = message || field;
  }

  function fill(template, id) { return template.split("{}").join(id); }
  function full(pattern, text) { return new RegExp(pattern).exec(text); }

  /* Look-alike rules: the constants of generator/checker.py. */
  var SKELETON_DIGITS = { "0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b" };
  var IMPOSTOR_SUFFIXES = ["official", "resmi", "id", "real", "asli", "info", "news", "cs", "admin"];
  var IMPOSTOR_PREFIXES = ["official", "real", "the", "admin"];
  var PLATFORM_FAMILY = { threads: "instagram" };
  var MAX_LOOKALIKES = 3;

  function skeleton(name) {
    var out = "", low = name.toLowerCase();
    for (var i = 0; i < low.length; i++) {
      var c = low.charAt(i);
      if (c === "." || c === "_" || c === "-") continue;
      out += SKELETON_DIGITS.hasOwnProperty(c) ? SKELETON_DIGITS[c] : c;
    }
    return out;
  }

  function affix(current, list, trailing) {
    for (var i = 0; i < list.length; i++) {
      var a = list[i];
      if (current.length <= a.length) continue;
      if (trailing && current.slice(-a.length) === a) return current.slice(0, -a.length);
      if (!trailing && current.indexOf(a) === 0) return current.slice(a.length);
    }
    return null;
  }

  function skeletonForms(name) {
    var forms = [skeleton(name)];
    for (;;) {
      var current = forms[forms.length - 1];
      var shorter = affix(current, IMPOSTOR_SUFFIXES, true);
      if (shorter === null) shorter = affix(current, IMPOSTOR_PREFIXES, false);
      if (shorter === null) return forms;
      forms.push(shorter);
    }
  }

  /* Damerau–Levenshtein distance, optimal string alignment (checker.py osa_distance); with a
     limit, limit + 1 as soon as it is sure to exceed it (a row's minimum never decreases). */
  function osa(a, b, limit) {
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

  function family(platform) { return PLATFORM_FAMILY.hasOwnProperty(platform) ? PLATFORM_FAMILY[platform] : platform; }

  /* The name in a registry key ("instagram:dinkes.uji" → "dinkes.uji"); null for IDs. */
  function keyName(platform, key) {
    var rest = key.slice(key.indexOf(":") + 1), name = rest.slice(rest.lastIndexOf("/") + 1);
    if (!name || /^[0-9]+$/.test(name) || (platform === "youtube" && /^UC[A-Za-z0-9_-]{22}$/.test(name))) return null;
    return name;
  }

  /* The official names of an index with their skeletons, computed once per index. */
  var OFFICIALS = typeof WeakMap === "function" ? new WeakMap() : null;
  function officials(index) {
    var known = OFFICIALS && OFFICIALS.get(index);
    if (known) return known;
    var list = [];
    index.accounts.forEach(function (row, position) {
      var name = keyName(row[0], row[1]);
      if (name === null) return;
      var skel = skeleton(name);
      list.push({
        position: position, platform: row[0], family: family(row[0]), status: row[2], agency: row[3],
        name: name, lower: name.toLowerCase(), skeleton: skel,
        limit: skel.length < 5 ? 0 : skel.length <= 9 ? 1 : 2
      });
    });
    if (OFFICIALS) OFFICIALS.set(index, list);
    return list;
  }

  /* checker.py lookalikes: official accounts on these platforms whose name looks like name. */
  function lookalikes(index, name, platforms) {
    if (!name || /^[0-9]+$/.test(name)) return [];
    var families = {}, forms = skeletonForms(name), lower = name.toLowerCase(), groups = {}, order = [];
    platforms.forEach(function (p) { families[family(p)] = true; });
    officials(index).forEach(function (o) {
      if (families[o.family] !== true || o.lower === lower) return;
      var distance = Infinity;
      forms.forEach(function (f) { // the distance is at least the difference in length
        if (Math.abs(f.length - o.skeleton.length) <= o.limit) distance = Math.min(distance, osa(f, o.skeleton, o.limit));
      });
      if (distance > o.limit) return;
      var id = JSON.stringify([o.lower, o.agency, o.status]);
      if (!groups.hasOwnProperty(id)) {
        groups[id] = { entry: { handle: o.lower, platforms: [], agency: o.agency, status: o.status }, best: [distance, o.position] };
        order.push(id);
      }
      var g = groups[id];
      g.entry.platforms.push(o.platform);
      if (distance < g.best[0]) g.best = [distance, g.best[1]];
    });
    order.sort(function (x, y) {
      var a = groups[x].best, b = groups[y].best;
      return a[0] - b[0] || a[1] - b[1];
    });
    return order.slice(0, MAX_LOOKALIKES).map(function (id) { return groups[id].entry; });
  }

  /* The rules of generator/accounts.py over the exported table. */
  function makeRules(table) {
    var P = table.platforms, U = table.url, PH = table.phone;
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

    return {
      identify: identify, normalizeAccount: normalizeAccount, phoneE164: phoneE164,
      check: check, prepare: officials, skeleton: skeleton, skeletonForms: skeletonForms, osa: osa,
      label: function (platform) { return P[platform] ? P[platform].label : platform; }
    };
  }

  window.KanalChecker = { makeRules: makeRules, AccountError: AccountError };

  /* ---- The form on the home page and on cek-akun/ ---- */
  var form = document.querySelector(".k-checker");
  if (!form || !window.Kanal) return;
  var K = window.Kanal;
  var input = form.querySelector("input");
  var out = form.querySelector(".k-check-result");
  var root = form.getAttribute("data-root") || "";
  var report = root + "cara-melapor/#menemukan-akun-palsu";
  var rules = null;

  function load() {
    return K.loadIndex(form.getAttribute("data-index")).then(function (index) {
      if (!rules) rules = makeRules(index.platforms);
      rules.prepare(index); // the official names' skeletons, once
      return index;
    });
  }

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
    var agency = index.agencies[m.agency];
    return link(root + agency[3], agency[0]);
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
      item.appendChild(K.el("strong", null, "@" + m.handle));
      item.appendChild(document.createTextNode(" di " + platformList(m.platforms) + " — "));
      item.appendChild(agencyLink(index, m));
      item.appendChild(document.createTextNode(state[m.status]));
      list.appendChild(item);
    });
    node.appendChild(list);
    return node;
  }

  function render(index, value) {
    var result = rules.check(index, value);
    var node;
    if (result.kind === "empty") {
      node = K.el("p", "k-meta", "Tempelkan nama akun, alamat profil, atau nomor WhatsApp/telepon.");
    } else if (result.kind === "invalid") {
      node = box("invalid", "?", "Belum bisa diperiksa");
      node.appendChild(K.el("p", null, result.platform
        ? "Ini alamat sebuah halaman " + rules.label(result.platform) + " (misalnya kiriman atau pencarian), bukan alamat profil akun. Buka profil akunnya, lalu salin alamatnya."
        : result.reason === "phone"
          ? "Nomor ini bukan nomor telepon Indonesia yang lengkap. Tulis seperti 0812-3456-7890 atau +62 812-3456-7890."
          : "Tulis nama akun (mis. @dinkes.contoh), tempel alamat profil (mis. https://www.instagram.com/dinkes.contoh/), atau nomor WhatsApp/telepon."));
    } else if (!result.matches.length) {
      var alike = result.lookalikes || [];
      node = box("unknown", "✕", alike.length ? "Tidak terdaftar — mirip akun resmi" : "Tidak terdaftar");
      node.appendChild(K.el("p", null, subject(result, value, null).replace(/^Akun  @/, "Akun @") +
        " tidak ada dalam daftar " + (result.kind === "phone" ? "kontak" : "akun") + " resmi situs ini."));
      if (alike.length) node.appendChild(warning(index, alike));
      node.appendChild(K.el("p", null, "Artinya pemerintah daerah tidak mengakuinya sebagai kanal resmi: bisa akun pribadi, akun baru yang belum didaftarkan, atau akun palsu. Jangan kirim uang, kode OTP, PIN, atau data pribadi ke sana."));
      node.appendChild(para([link(report, "Cara melaporkan akun palsu")]));
    } else {
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
        found.forEach(function (m) { b.appendChild(g[4](index, result, value, m)); });
        if (g[0] === "active" && result.kind === "handle") {
          b.appendChild(K.el("p", "k-meta", "Pastikan platformnya sama: akun bernama sama di platform lain belum tentu resmi."));
        }
        node.appendChild(b);
      });
    }
    out.textContent = "";
    out.appendChild(node);
    return result;
  }

  function run() {
    var value = input.value;
    load().then(function (index) {
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
  var initial = new URLSearchParams(window.location.search).get("akun");
  if (initial) { input.value = initial; run(); }
})();
