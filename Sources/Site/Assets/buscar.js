// Memoria de Hidalgo — search without a server. The index was written at publish time in small files
// (script files, so search also works when the site is opened from a folder):
//   indice/manifiesto.js  terms' shards, fonds, document count
//   indice/t/<hex>.js     postings of the terms that begin with <key>: [doc delta, score, page, ...]
//   indice/f/<doc>-<k>.<hash>.js title, link and page texts of a document (only for the results
//                        shown), named by the fragment directory f/d/<n>.<hash>.js of its document
//   indice/meta.js        fonds and years of every document (only when a filter is used)
// Words are normalised exactly like the catalog's tokenizer: case and accents folded, ñ kept; a word
// also finds the other words with its Snowball Spanish stem (the index holds "\uE000" + stem terms),
// exact forms first. The folding and the stemmer also run outside a page (tests load this file in
// Node): they come first, and the rest needs a document.
(function (root) {
  'use strict';

  // ---- normalisation (mirrors CSearchTokenizer/search_tokenizer.c) ----
  var LATIN1 = 'aaaaaa\0ceeeeiiii\0\0ooooo\0ouuuuy\0y';
  var EXTENDED = 'aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii\0\0jjkk\0llllllllllnnnnnn\0\0\0oooooo\0\0rrrrrrsssssssstttttt' +
    'uuuuuuuuuuuuwwyyyzzzzzzs';
  function foldCode(cp) {
    if (cp >= 0xE0 && cp <= 0xFF) { var a = LATIN1.charAt(cp - 0xE0); return a === '\0' ? null : a; }
    if (cp >= 0x100 && cp <= 0x17F) { var b = EXTENDED.charAt(cp - 0x100); return b === '\0' ? null : b; }
    return null;
  }
  function isMark(cp) {
    return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
      (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F);
  }
  function fold(word) {
    var out = [], chars = Array.from(word.normalize('NFC').toLowerCase());
    for (var i = 0; i < chars.length; i++) {
      var cp = chars[i].codePointAt(0);
      if (isMark(cp)) {
        if (cp === 0x303 && out.length && out[out.length - 1] === 'n') { out[out.length - 1] = 'ñ'; }
        continue;
      }
      var f = foldCode(cp);
      out.push(f === null ? chars[i] : f);
    }
    return out.join('');
  }
  function words(text) { return (text.normalize('NFC').match(/[\p{L}\p{N}\p{Mn}\p{Co}]+/gu) || []); }
  root.MemoriaFold = fold;
  root.MemoriaWords = words;

  // ---- Snowball's Spanish stemmer, written from the algorithm's published description
  // (snowballstem.org/algorithms/spanish), as libstemmer 2.2 applies it; the catalog's tokenizer uses
  // libstemmer itself, and a test compares the two on more than 20,000 words. ----
  var VOWELS = 'aeiouáéíóúü';
  function isVowel(ch) { return VOWELS.indexOf(ch) >= 0; }
  // Regions: RV, R1 and R2 as positions in the array of characters (the word's length when absent).
  function regions(w) {
    var n = w.length, rv = n, r1 = n, r2 = n, i;
    function pastVowel(from) { for (var k = from; k < n; k++) { if (isVowel(w[k])) { return k + 1; } } return -1; }
    function pastConsonant(from) { for (var k = from; k < n; k++) { if (!isVowel(w[k])) { return k + 1; } } return -1; }
    if (n >= 2) {
      if (isVowel(w[0])) {
        i = !isVowel(w[1]) ? pastVowel(2) : pastConsonant(2);
      } else {
        i = !isVowel(w[1]) ? pastVowel(2) : (n >= 3 ? 3 : -1);
      }
      if (i >= 0) { rv = i; }
    }
    i = pastVowel(0);
    if (i >= 0) { i = pastConsonant(i); }
    if (i >= 0) {
      r1 = i;
      i = pastVowel(r1);
      if (i >= 0) { i = pastConsonant(i); }
      if (i >= 0) { r2 = i; }
    }
    return { rv: rv, r1: r1, r2: r2 };
  }
  function list(text) { return text.split(' ').map(function (s) { return Array.from(s); }); }
  function endsWith(w, s, end) {
    if (end === undefined) { end = w.length; }
    if (s.length > end) { return false; }
    for (var k = 0; k < s.length; k++) { if (w[end - s.length + k] !== s[k]) { return false; } }
    return true;
  }
  // The longest suffix of the list that ends the word (at `end`) and starts at `limit` or later.
  function longest(w, suffixes, limit, end) {
    if (end === undefined) { end = w.length; }
    var best = null;
    suffixes.forEach(function (s) {
      if (end - s.length >= (limit || 0) && endsWith(w, s, end) && (!best || s.length > best.length)) { best = s; }
    });
    return best;
  }
  var PRONOUNS = list('me se sela selo selas selos la le lo las les los nos');
  var BEFORE_PRONOUN = list('iéndo ándo ár ér ír ando iendo ar er ir yendo');
  var S1_DELETE = list('anza anzas ico ica icos icas ismo ismos able ables ible ibles ista istas oso osa osos osas amiento amientos imiento imientos');
  var S1_IC = list('adora ador ación adoras adores aciones ante antes ancia ancias');
  var S1_LOG = list('logía logías'), S1_U = list('ución uciones'), S1_ENTE = list('encia encias');
  var S1_AMENTE = list('amente'), S1_MENTE = list('mente'), S1_IDAD = list('idad idades'), S1_IV = list('iva ivo ivas ivos');
  var STEP1 = [].concat(S1_DELETE, S1_IC, S1_LOG, S1_U, S1_ENTE, S1_AMENTE, S1_MENTE, S1_IDAD, S1_IV);
  var Y_SUFFIXES = list('ya ye yan yen yeron yendo yo yó yas yes yais yamos');
  var VERB_GU = list('en es éis emos');
  var VERB_DELETE = list('arían arías arán arás aríais aría aréis aríamos aremos ará aré erían erías erán erás eríais ería eréis ' +
    'eríamos eremos erá eré irían irías irán irás iríais iría iréis iríamos iremos irá iré aba ada ida ía ara iera ad ed id ase ' +
    'iese aste iste an aban ían aran ieran asen iesen aron ieron ado ido ando iendo ió ar er ir as abas adas idas ías aras ieras ' +
    'ases ieses ís áis abais íais arais ierais aseis ieseis asteis isteis ados idos amos ábamos íamos imos áramos iéramos iésemos ásemos');
  var RESIDUAL_DELETE = list('os a o á í ó'), RESIDUAL_E = list('e é');
  function isIn(s, group) { return group.some(function (g) { return g.join('') === s.join(''); }); }
  var UNACCENT = { 'á': 'a', 'é': 'e', 'í': 'i', 'ó': 'o', 'ú': 'u' };

  function stem(word) {
    var w = Array.from(word), reg = regions(w), s, start, before;
    // Step 0: an attached pronoun after a gerund or an infinitive, both in RV.
    s = longest(w, PRONOUNS);
    if (s) {
      var end = w.length - s.length;
      before = longest(w, BEFORE_PRONOUN, 0, end);
      if (before && end - before.length >= reg.rv) {
        var b = before.join('');
        if (b === 'yendo') {
          if (end - before.length >= 1 && w[end - before.length - 1] === 'u') { w = w.slice(0, end); }
        } else if (b === 'iéndo' || b === 'ándo' || b === 'ár' || b === 'ér' || b === 'ír') {
          w = w.slice(0, end - before.length).concat(before.map(function (c) { return UNACCENT[c] || c; }));
        } else {
          w = w.slice(0, end);
        }
      }
    }
    // Step 1: standard suffixes (the longest; its condition decides, no shorter one is tried).
    var done = false;
    s = longest(w, STEP1);
    if (s) {
      start = w.length - s.length;
      var inR2 = start >= reg.r2;
      if (isIn(s, S1_DELETE)) {
        if (inR2) { w = w.slice(0, start); done = true; }
      } else if (isIn(s, S1_IC)) {
        if (inR2) {
          w = w.slice(0, start); done = true;
          if (endsWith(w, ['i', 'c']) && w.length - 2 >= reg.r2) { w = w.slice(0, -2); }
        }
      } else if (isIn(s, S1_LOG)) {
        if (inR2) { w = w.slice(0, start).concat(['l', 'o', 'g']); done = true; }
      } else if (isIn(s, S1_U)) {
        if (inR2) { w = w.slice(0, start).concat(['u']); done = true; }
      } else if (isIn(s, S1_ENTE)) {
        if (inR2) { w = w.slice(0, start).concat(['e', 'n', 't', 'e']); done = true; }
      } else if (isIn(s, S1_AMENTE)) {
        if (start >= reg.r1) {
          w = w.slice(0, start); done = true;
          var p = longest(w, list('iv os ic ad'));
          if (p && w.length - p.length >= reg.r2) {
            w = w.slice(0, w.length - p.length);
            if (p.join('') === 'iv' && endsWith(w, ['a', 't']) && w.length - 2 >= reg.r2) { w = w.slice(0, -2); }
          }
        }
      } else if (isIn(s, S1_MENTE)) {
        if (inR2) {
          w = w.slice(0, start); done = true;
          var q = longest(w, list('ante able ible'));
          if (q && w.length - q.length >= reg.r2) { w = w.slice(0, w.length - q.length); }
        }
      } else if (isIn(s, S1_IDAD)) {
        if (inR2) {
          w = w.slice(0, start); done = true;
          var r = longest(w, list('abil ic iv'));
          if (r && w.length - r.length >= reg.r2) { w = w.slice(0, w.length - r.length); }
        }
      } else if (isIn(s, S1_IV)) {
        if (inR2) {
          w = w.slice(0, start); done = true;
          if (endsWith(w, ['a', 't']) && w.length - 2 >= reg.r2) { w = w.slice(0, -2); }
        }
      }
    }
    // Step 2a: verb suffixes beginning with y, in RV, after a u (which may lie before RV).
    if (!done) {
      s = longest(w, Y_SUFFIXES, reg.rv);
      if (s) {
        start = w.length - s.length;
        if (start >= 1 && w[start - 1] === 'u') { w = w.slice(0, start); done = true; }
      }
    }
    // Step 2b: the other verb suffixes, in RV.
    if (!done) {
      s = longest(w, VERB_GU.concat(VERB_DELETE), reg.rv);
      if (s) {
        start = w.length - s.length;
        if (isIn(s, VERB_GU) && start >= 2 && w[start - 1] === 'u' && w[start - 2] === 'g') { start -= 1; }
        w = w.slice(0, start);
      }
    }
    // Step 3: residual suffixes, in RV.
    s = longest(w, RESIDUAL_DELETE.concat(RESIDUAL_E));
    if (s) {
      start = w.length - s.length;
      if (start >= reg.rv) {
        w = w.slice(0, start);
        if (isIn(s, RESIDUAL_E) && endsWith(w, ['g', 'u']) && w.length - 1 >= reg.rv) { w = w.slice(0, -1); }
      }
    }
    return w.map(function (c) { return UNACCENT[c] || c; }).join('');
  }

  var MARK = '\uE000';
  // The folded stem of a word as written (the catalog's SpanishStemmer.stem).
  function stemOf(word) { return fold(stem(word.normalize('NFC').toLowerCase())); }
  root.MemoriaStem = stemOf;
  var STOP = {};
  ('a al algo ante como con cual de del desde donde e el ella en entre era es esa ese eso esta este esto fue ha hay la las le les lo los ' +
   'mas me mi muy ni no nos o para pero por que se si sin sobre su sus te tu u un una uno y ya yo').split(' ').forEach(function (w) { STOP[w] = 1; });
  // The query as the search reads it (the item viewer highlights its words on the page image).
  root.MemoriaQuery = function (input) { return parse(input); };

  if (typeof document === 'undefined') { return; }
  var form = document.querySelector('.buscador');
  if (!form) { return; }
  var status = document.querySelector('.busqueda-estado');
  var list = document.querySelector('.busqueda-resultados');
  var pager = document.querySelector('.busqueda-paginas');
  var PER_PAGE = 10;
  var base = 'indice/';
  var manifest = null, shards = {}, fragments = {}, fragmentNames = {}, meta = null, waiting = {};

  // ---- query parsing (mirrors SearchQuery.swift) ----
  // A clause: {words, phrase, prefix, neg, or, stem}; `stem` (plain words only) is the word's folded
  // stem: the clause also finds the words with that stem, below the exact form.
  function isIndexable(w) { return !STOP[w] && (w.length > 1 || /^\p{N}+$/u.test(w)); }
  function parse(input) {
    var notes = [], clauses = [], text = input.split(MARK).join('');
    if ((text.match(/"/g) || []).length % 2 === 1) { text += '"'; notes.push('Faltaba cerrar unas comillas; se cerraron al final.'); }
    var re = /"([^"]*)"|(\S+)/g, m, or = false, not = false;
    while ((m = re.exec(text))) {
      if (m[1] !== undefined) {
        var ws = words(m[1]).map(fold);
        if (ws.length) { clauses.push({ words: ws, phrase: ws.length > 1, neg: not, or: or, typed: [m[1]] }); }
        or = false; not = false; continue;
      }
      var chunk = m[2];
      if (chunk === 'OR' || chunk === 'O' || chunk === '|') { or = true; continue; }
      if (chunk === 'AND' || chunk === 'Y' || chunk === '&') { continue; }
      if (chunk === 'NOT' || chunk === 'NO') { not = true; continue; }
      var neg = not;
      if (chunk.charAt(0) === '-') { neg = true; chunk = chunk.replace(/^-+/, ''); }
      var prefix = /\*$/.test(chunk);
      var written = words(chunk), found = written.map(fold);
      found.forEach(function (w, i) {
        var isPrefix = prefix && i === found.length - 1 && w.length >= 2;
        clauses.push({ words: [w], prefix: isPrefix, neg: neg, or: i === 0 ? or : false, typed: [written[i]],
                       stem: isPrefix ? null : stemOf(written[i]) });
      });
      or = false; not = false;
    }
    var positives = clauses.filter(function (c) { return !c.neg; });
    var common = function (c) { return !c.phrase && !c.prefix && STOP[c.words[0]]; };
    var anyOr = positives.some(function (c) { return c.or; });
    var dropped = clauses.filter(function (c) { return !c.neg && common(c); }).map(function (c) { return c.words[0]; });
    if (dropped.length) {
      clauses = clauses.filter(function (c) { return c.neg || !common(c); });
      notes.push('No se buscan palabras muy comunes (' + dropped.join(', ') + '); póngalas entre comillas con otras para buscar una frase.');
    }
    if (!anyOr && clauses.length && clauses.every(function (c) { return c.neg; })) {
      notes.push('La búsqueda solo excluye palabras; añada al menos una que deba aparecer.');
    }
    return { clauses: clauses, notes: notes };
  }

  // ---- loading index files as scripts ----
  function hex(s) {
    return Array.from(new TextEncoder().encode(s)).map(function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join('');
  }
  function load(path, key) {
    return new Promise(function (resolve, reject) {
      if (waiting[key]) { waiting[key].push(resolve); return; }
      waiting[key] = [resolve];
      var script = document.createElement('script');
      script.src = /^(\.\.\/|\/)/.test(path) ? path : base + path;
      script.onerror = function () { reject(new Error('No se pudo cargar ' + path)); };
      document.head.appendChild(script);
    });
  }
  function done(key, value) { (waiting[key] || []).forEach(function (r) { r(value); }); delete waiting[key]; }
  window.Memoria = {
    manifest: function (m) { manifest = m; done('manifest', m); },
    shard: function (key, terms) { shards[key] = terms; done('t:' + key, terms); },
    fragment: function (id, data) { fragments[id] = data; done('f:' + id, data); },
    fragmentNames: function (n, names) { fragmentNames[n] = names; done('d:' + n, names); },
    meta: function (m) { meta = m; done('meta', m); }
  };
  // Index files have versioned names (a publish never serves a stale one): the search page names the
  // manifest (link.busqueda-indice), and the manifest names the shards and the metadata.
  var indexLink = document.querySelector('link.busqueda-indice');
  function getManifest() {
    return manifest ? Promise.resolve(manifest) : load(indexLink ? indexLink.getAttribute('href') : 'manifiesto.js', 'manifest');
  }
  function shardFile(key) { return (manifest.files && manifest.files[key]) || 't/' + hex(key) + '.js'; }
  function getShard(key) { return shards[key] ? Promise.resolve(shards[key]) : load(shardFile(key), 't:' + key); }
  // A fragment's versioned name comes from its document's fragment directory (named by the manifest).
  function getFragment(id) {
    if (fragments[id]) { return Promise.resolve(fragments[id]); }
    var n = String(Math.floor(parseInt(id, 10) / (manifest.docsPerFragmentDirectory || 1))), directory = (manifest.fragmentNames || {})[n];
    if (!directory) { return load('f/' + id + '.js', 'f:' + id); }
    var names = fragmentNames[n] ? Promise.resolve(fragmentNames[n]) : load(directory, 'd:' + n);
    return names.then(function (found) {
      return fragments[id] ? fragments[id] : load('f/' + id + (found && found[id] ? '.' + found[id] : '') + '.js', 'f:' + id);
    });
  }
  function getMeta() { return meta ? Promise.resolve(meta) : load(manifest.meta || 'meta.js', 'meta'); }

  // The shards holding a term (or every term with a prefix).
  function shardKeys(term, prefix) {
    var keys = manifest.shards;
    if (term.charAt(0) === MARK) { term = term.slice(1); }
    return keys.filter(function (k) {
      if (prefix) { return k.indexOf(term.slice(0, k.length)) === 0 && (term.length >= k.length || k.indexOf(term) === 0); }
      return term.indexOf(k) === 0 && !keys.some(function (longer) { return longer.length > k.length && term.indexOf(longer) === 0; });
    });
  }

  // Postings of a word or prefix: Map doc -> [score, page].
  function postings(word, prefix) {
    return Promise.all(shardKeys(word, prefix).map(getShard)).then(function (loaded) {
      var result = new Map();
      loaded.forEach(function (terms) {
        Object.keys(terms).forEach(function (term) {
          if (prefix ? term.indexOf(word) !== 0 : term !== word) { return; }
          var list = terms[term], doc = 0, idf = Math.log(1 + (manifest.docs - list.length / 3 + 0.5) / (list.length / 3 + 0.5));
          for (var i = 0; i < list.length; i += 3) {
            doc += list[i];
            var score = idf * list[i + 1] / 255, previous = result.get(doc);
            if (!previous || previous[0] < score) { result.set(doc, [score, list[i + 2]]); }
          }
        });
      });
      return result;
    });
  }

  // Docs of a clause: Map doc -> [score, page]. A word: its exact postings, plus half the score of its
  // stem's (the stem term, or the stem as a word). A phrase: every indexable word of it (the phrase
  // itself is checked on the text of the results); very common words are not indexed.
  function clauseDocs(clause) {
    if (clause.stem) {
      var forms = [clause.words[0], MARK + clause.stem].concat(clause.stem !== clause.words[0] ? [clause.stem] : []);
      return Promise.all(forms.map(function (f) { return postings(f, false); })).then(function (maps) {
        var result = new Map(), docs = new Set();
        maps.forEach(function (map) { map.forEach(function (_, doc) { docs.add(doc); }); });
        docs.forEach(function (doc) {
          var exact = maps[0].get(doc), best = null;
          maps.slice(1).forEach(function (map) { var v = map.get(doc); if (v && (!best || v[0] > best[0])) { best = v; } });
          result.set(doc, [(exact ? exact[0] : 0) + (best ? best[0] / 2 : 0), (exact || best)[1]]);
        });
        return result;
      });
    }
    var searchable = clause.words.filter(function (w) { return !clause.phrase || isIndexable(w); });
    if (!searchable.length) { return Promise.resolve(new Map()); }
    return Promise.all(searchable.map(function (w) { return postings(w, clause.prefix); })).then(function (maps) {
      var result = new Map(maps[0]);
      maps.slice(1).forEach(function (other) {
        result.forEach(function (value, doc) {
          var o = other.get(doc);
          if (!o) { result.delete(doc); } else { result.set(doc, [value[0] + o[0], value[1]]); }
        });
      });
      return result;
    });
  }

  function evaluate(query) {
    var positives = query.clauses.filter(function (c) { return !c.neg; });
    var negatives = query.clauses.filter(function (c) { return c.neg; });
    return Promise.all(positives.map(clauseDocs)).then(function (maps) {
      var result = null;
      maps.forEach(function (map, i) {
        if (result === null) { result = new Map(map); return; }
        if (positives[i].or) {
          map.forEach(function (v, d) { var r = result.get(d); result.set(d, r ? [r[0] + v[0], r[1]] : v); });
        } else {
          result.forEach(function (v, d) { var o = map.get(d); if (!o) { result.delete(d); } else { result.set(d, [v[0] + o[0], v[1]]); } });
        }
      });
      return Promise.all(negatives.map(clauseDocs)).then(function (neg) {
        neg.forEach(function (map) { map.forEach(function (_, d) { if (result) { result.delete(d); } }); });
        return result || new Map();
      });
    });
  }

  // ---- "¿Quiso decir …?" (the rules of the catalog's SearchSuggestion.swift) ----
  function termIn(term) {
    return Promise.all(shardKeys(term, false).map(getShard)).then(function (loaded) {
      return loaded.some(function (terms) { return Object.prototype.hasOwnProperty.call(terms, term); });
    });
  }
  function enyeVariants(word) {
    var letters = Array.from(word), positions = [];
    letters.forEach(function (c, i) { if (c === 'n' && positions.length < 4) { positions.push(i); } });
    var variants = [];
    for (var mask = 1; mask < (1 << positions.length); mask++) {
      var copy = letters.slice(), changes = 0;
      positions.forEach(function (p, bit) { if (mask & (1 << bit)) { copy[p] = 'ñ'; changes++; } });
      variants.push({ changes: changes, text: copy.join('') });
    }
    variants.sort(function (a, b) { return a.changes - b.changes || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0); });
    return variants.map(function (v) { return v.text; });
  }
  function editDistance(a, b, limit) {
    var previous = [], current = [], i, j;
    for (j = 0; j <= b.length; j++) { previous.push(j); }
    for (i = 1; i <= a.length; i++) {
      current = [i];
      var rowMinimum = i;
      for (j = 1; j <= b.length; j++) {
        current.push(Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
        rowMinimum = Math.min(rowMinimum, current[j]);
      }
      if (rowMinimum > limit) { return -1; }
      previous = current;
    }
    return previous[b.length] <= limit ? previous[b.length] : -1;
  }
  function replacement(word) {
    var variants = enyeVariants(word);
    return Promise.all(variants.map(termIn)).then(function (found) {
      var index = found.indexOf(true);
      if (index >= 0) { return variants[index]; }
      var letters = Array.from(word), limit = letters.length >= 5 ? 2 : (letters.length >= 3 ? 1 : 0);
      if (!limit) { return null; }
      var head = letters.slice(0, 2).join('');
      return Promise.all(shardKeys(head, true).map(getShard)).then(function (loaded) {
        var best = null;
        loaded.forEach(function (terms) {
          Object.keys(terms).forEach(function (term) {
            if (term.charAt(0) === MARK || term.indexOf(head) !== 0 || STOP[term]) { return; }
            var other = Array.from(term);
            if (Math.abs(other.length - letters.length) > limit) { return; }
            var distance = editDistance(letters, other, limit), documents = terms[term].length / 3;
            if (distance <= 0) { return; }
            if (best && (best.distance < distance || (best.distance === distance && (best.documents > documents ||
                (best.documents === documents && best.term <= term))))) { return; }
            best = { distance: distance, documents: documents, term: term };
          });
        });
        return best ? best.term : null;
      });
    });
  }
  // The query with each word the index does not hold (in any form) replaced, or null.
  function suggest(query, input) {
    var plain = query.clauses.filter(function (c) { return !c.neg && c.stem && !STOP[c.words[0]]; });
    return Promise.all(plain.map(function (c) {
      var forms = [c.words[0], MARK + c.stem, c.stem];
      return Promise.all(forms.map(termIn)).then(function (known) {
        return known.some(Boolean) ? null : replacement(c.words[0]).then(function (better) { return better && { typed: c.typed[0], better: better }; });
      });
    })).then(function (changes) {
      var text = input.normalize('NFC'), any = false;
      changes.forEach(function (change) { if (change) { text = text.replace(change.typed, change.better); any = true; } });
      return any ? text : null;
    });
  }

  // ---- filters, facets and sort (meta.js: [fonds, first year, last year, type, [subjects], [creators],
  // [places], date key, title rank] per document; loaded only when a filter, a sort or the facets are used) ----
  var FACETS = [
    { key: 'fondo', label: 'Fondo' }, { key: 'decada', label: 'Década' }, { key: 'tipo', label: 'Tipo' },
    { key: 'tema', label: 'Tema' }, { key: 'creador', label: 'Creador' }, { key: 'lugar', label: 'Lugar' }
  ];
  var COLUMN = { tipo: 3, tema: 4, creador: 5, lugar: 6 };
  // The values of a facet a document has (as the strings the address carries).
  function valuesOf(d, key) {
    if (key === 'fondo') { return d[0] >= 0 ? [manifest.fonds[d[0]]] : []; }
    if (key === 'decada') { return d[1] === null ? [] : [String(Math.floor(d[1] / 10) * 10)]; }
    var column = d[COLUMN[key]], table = meta.v[key];
    if (column === null || column === undefined) { return []; }
    return (Array.isArray(column) ? column : [column]).map(function (i) { return table[i]; });
  }
  function facetLabel(key, value) {
    if (key === 'decada') { return 'década de ' + value; }
    if (key === 'tipo') { var i = meta.v.tipo.indexOf(value); return i >= 0 ? meta.v.tipoNombre[i] : value; }
    if (key === 'fondo') { var option = form.querySelector('#fondo option[value="' + CSS.escape(value) + '"]'); return option ? option.textContent : value; }
    return value;
  }
  function passes(d, state, except) {
    if (!d) { return false; }
    if (state.desde && (d[2] === null || d[2] < state.desde)) { return false; }
    if (state.hasta && (d[1] === null || d[1] > state.hasta)) { return false; }
    return FACETS.every(function (f) { return f.key === except || !state[f.key] || valuesOf(d, f.key).indexOf(state[f.key]) >= 0; });
  }
  function needsMeta(state) {
    return !!(state.orden || state.desde || state.hasta || FACETS.some(function (f) { return state[f.key]; }) || facetsOpen);
  }
  // Counts of every facet's values among the documents that pass the query and the other facets.
  function facetCounts(ranked, state) {
    var counts = {};
    FACETS.forEach(function (f) {
      var map = new Map();
      ranked.forEach(function (entry) {
        var d = meta.d[entry.doc];
        if (!passes(d, state, f.key)) { return; }
        valuesOf(d, f.key).forEach(function (v) { map.set(v, (map.get(v) || 0) + 1); });
      });
      counts[f.key] = map;
    });
    return counts;
  }
  function sortRanked(ranked, orden) {
    if (orden === 'fecha') { ranked.sort(function (a, b) { var x = meta.d[a.doc], y = meta.d[b.doc]; return x[7] - y[7] || x[8] - y[8]; }); }
    else if (orden === 'titulo') { ranked.sort(function (a, b) { return meta.d[a.doc][8] - meta.d[b.doc][8]; }); }
    return ranked;
  }

  // ---- results ----
  function snippet(text, terms, phrases) {
    var plain = text.replace(/\s+/g, ' ');
    var tokens = [], re = /[\p{L}\p{N}\p{Mn}\p{Co}]+/gu, m;
    while ((m = re.exec(plain))) { tokens.push({ start: m.index, end: m.index + m[0].length, folded: fold(m[0]), text: m[0] }); }
    function hit(t) {
      return terms.some(function (term) {
        if (term.prefix) { return t.folded.indexOf(term.word) === 0; }
        if (t.folded === term.word) { return true; }
        return !!term.stem && t.folded.slice(0, 2) === term.stem.slice(0, 2) && (t.folded === term.stem || stemOf(t.text) === term.stem);
      });
    }
    var first = tokens.findIndex(hit);
    var from = first < 0 ? 0 : Math.max(0, first - 12), to = Math.min(tokens.length, from + 32);
    var pieces = [], cursor = tokens.length ? tokens[from].start : 0;
    for (var i = from; i < to; i++) {
      var t = tokens[i];
      pieces.push({ text: plain.slice(cursor, t.start), mark: false });
      pieces.push({ text: plain.slice(t.start, t.end), mark: hit(t) });
      cursor = t.end;
    }
    return { pieces: pieces, before: from > 0, after: to < tokens.length };
  }

  function containsPhrase(text, phrase) {
    var folded = words(text).map(fold).join(' ');
    return (' ' + folded + ' ').indexOf(' ' + phrase.join(' ') + ' ') >= 0;
  }

  function element(name, className, text) {
    var e = document.createElement(name);
    if (className) { e.className = className; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  // The address of a state (what Back returns to and what a link can share).
  var KEYS = ['q', 'fondo', 'desde', 'hasta', 'decada', 'tipo', 'tema', 'creador', 'lugar', 'orden', 'pagina'];
  function address(state) {
    var params = new URLSearchParams();
    KEYS.forEach(function (k) { if (state[k] && !(k === 'pagina' && state[k] === 1)) { params.set(k, state[k]); } });
    var text = params.toString();
    return text ? '?' + text : location.pathname;
  }
  function stateFrom(search) {
    var params = new URLSearchParams(search), state = {};
    KEYS.forEach(function (k) { state[k] = params.get(k) || ''; });
    state.desde = parseInt(state.desde, 10) || null;
    state.hasta = parseInt(state.hasta, 10) || null;
    state.pagina = parseInt(state.pagina, 10) || 1;
    if (['fecha', 'titulo'].indexOf(state.orden) < 0) { state.orden = ''; }
    return state;
  }
  function withChange(state, changes) {
    var next = {};
    KEYS.forEach(function (k) { next[k] = state[k]; });
    Object.keys(changes).forEach(function (k) { next[k] = changes[k]; });
    if (!('pagina' in changes)) { next.pagina = 1; }
    return next;
  }

  function renderResults(results, query, state) {
    clear(list);
    list.start = (state.pagina - 1) * PER_PAGE + 1;
    var terms = [];
    query.clauses.forEach(function (c) { if (!c.neg) { c.words.forEach(function (w) { terms.push({ word: w, prefix: c.prefix, stem: c.stem }); }); } });
    results.forEach(function (r) {
      var li = element('li'), heading = element('h2'), link = element('a', '', r.data.t);
      // The query goes with the link, so the item page can show where the words are.
      link.href = '../' + r.data.u + 'index.html' + (state.q ? '?q=' + encodeURIComponent(state.q) : '') + (r.page > 1 ? '#p' + r.page : '');
      if (r.data.i) {
        var img = element('img');
        img.src = '../' + r.data.u + r.data.i[0];
        img.alt = '';
        img.width = r.data.i[1];
        img.height = r.data.i[2];
        img.loading = 'lazy';
        li.appendChild(img);
      }
      heading.appendChild(link);
      li.appendChild(heading);
      li.appendChild(element('p', 'resumen', [r.data.d, 'Fondo ' + r.data.f, state.q ? 'página ' + r.page + ' de ' + r.data.n : r.data.n + (r.data.n === 1 ? ' página' : ' páginas')].filter(Boolean).join(' · ')));
      var text = (r.data.p && r.data.p[r.page]) || r.data.x || '';
      if (text && terms.length) {
        var s = snippet(text, terms), p = element('p', 'fragmento');
        if (s.before) { p.appendChild(document.createTextNode('… ')); }
        s.pieces.forEach(function (piece) {
          if (piece.mark) { p.appendChild(element('mark', '', piece.text)); } else { p.appendChild(document.createTextNode(piece.text)); }
        });
        if (s.after) { p.appendChild(document.createTextNode(' …')); }
        li.appendChild(p);
      }
      list.appendChild(li);
    });
  }

  // Numbered pages (a window around the current one), each a link to its address.
  function renderPager(total, state) {
    clear(pager);
    var pages = Math.ceil(total / PER_PAGE);
    if (pages <= 1) { return; }
    var ul = element('ul'), shown = [], last = 0;
    for (var n = 1; n <= pages; n++) { if (n === 1 || n === pages || Math.abs(n - state.pagina) <= 2) { shown.push(n); } }
    function add(label, page, rel) {
      var li = element('li');
      if (page === state.pagina && !rel) {
        var here = element('span', '', label);
        here.setAttribute('aria-current', 'page');
        li.appendChild(here);
      } else {
        var a = element('a', '', label);
        a.href = address(withChange(state, { pagina: page }));
        if (rel) { a.rel = rel; }
        a.addEventListener('click', function (event) { event.preventDefault(); go(withChange(state, { pagina: page }), true); });
        li.appendChild(a);
      }
      ul.appendChild(li);
    }
    if (state.pagina > 1) { add('Anterior', state.pagina - 1, 'prev'); }
    shown.forEach(function (n) {
      if (n > last + 1) { ul.appendChild(element('li', '', '…')); }
      add(String(n), n);
      last = n;
    });
    if (state.pagina < pages) { add('Siguiente', state.pagina + 1, 'next'); }
    pager.appendChild(ul);
  }

  function renderFacets(ranked, state) {
    clear(facetList);
    if (!meta) { return; }
    var counts = facetCounts(ranked, state);
    FACETS.forEach(function (f) {
      var map = counts[f.key], entries = [];
      map.forEach(function (count, value) { entries.push([value, count]); });
      if (!entries.length && !state[f.key]) { return; }
      if (f.key === 'decada') { entries.sort(function (a, b) { return a[0] < b[0] ? -1 : 1; }); }
      else { entries.sort(function (a, b) { return b[1] - a[1] || (facetLabel(f.key, a[0]) < facetLabel(f.key, b[0]) ? -1 : 1); }); }
      var top = entries.slice(0, 12);
      if (state[f.key] && !top.some(function (e) { return e[0] === state[f.key]; })) { top.push([state[f.key], map.get(state[f.key]) || 0]); }
      var section = element('section'), ul = element('ul');
      section.appendChild(element('h2', '', f.label));
      top.forEach(function (entry) {
        var li = element('li'), current = state[f.key] === entry[0];
        var change = {};
        change[f.key] = current ? '' : entry[0];
        var a = element('a', '', facetLabel(f.key, entry[0]));
        a.href = address(withChange(state, change));
        if (current) { a.setAttribute('aria-current', 'true'); a.title = 'Quitar este filtro'; }
        a.addEventListener('click', function (event) { event.preventDefault(); go(withChange(state, change), true); });
        li.appendChild(a);
        li.appendChild(document.createTextNode(' '));
        li.appendChild(element('span', 'cuenta', '(' + entry[1] + ')'));
        if (current) { li.appendChild(document.createTextNode(' ')); var x = element('span', 'quitar', '· quitar'); li.appendChild(x); }
        ul.appendChild(li);
      });
      section.appendChild(ul);
      facetList.appendChild(section);
    });
  }

  function fillForm(state) {
    form.elements.q.value = state.q;
    form.elements.fondo.value = state.fondo;
    form.elements.desde.value = state.desde || '';
    form.elements.hasta.value = state.hasta || '';
    order.value = state.orden;
  }

  var current = null, generation = 0;
  // Shows a state: push = a new step in the history (a search, a filter, a page), or the state the
  // address already holds (first load, Back and Forward). `announce` moves the focus to the summary.
  function go(state, push, announce) {
    if (announce === undefined) { announce = push; }
    var mine = ++generation;
    current = state;
    fillForm(state);
    if (push) { history.pushState(null, '', address(state)); }
    var query = parse(state.q);
    var searching = query.clauses.some(function (c) { return !c.neg; });
    var browsing = !searching && !state.q.trim() && needsMeta(state);
    if (!searching && !browsing) {
      status.textContent = state.q.trim() ? query.notes.join(' ') || 'No hay palabras que buscar.' : '';
      clear(list); clear(pager); clear(facetList);
      return Promise.resolve();
    }
    status.textContent = 'Buscando…';
    return getManifest().then(function () {
      return needsMeta(state) || browsing ? getMeta() : null;
    }).then(function () {
      if (browsing) { return Object.keys(meta.d).map(function (d) { return { doc: +d, score: 0, page: 1 }; }); }
      return evaluate(query).then(function (found) {
        var ranked = [];
        found.forEach(function (v, d) { ranked.push({ doc: d, score: v[0], page: v[1] }); });
        ranked.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
        return ranked;
      });
    }).then(function (all) {
      var ranked = meta && needsMeta(state) ? all.filter(function (e) { return passes(meta.d[e.doc], state, null); }) : all;
      if (meta && state.orden) { sortRanked(ranked, state.orden); }
      else if (browsing) { sortRanked(ranked, 'fecha'); }
      var phrases = query.clauses.filter(function (c) { return c.phrase && !c.neg; });
      var start = (state.pagina - 1) * PER_PAGE, shown = [], index = 0;
      function fill() {
        if (shown.length >= PER_PAGE + start || index >= ranked.length) { return Promise.resolve(); }
        var entry = ranked[index++];
        var chunk = Math.floor((entry.page - 1) / manifest.pagesPerFragment);
        return getFragment(entry.doc + '-' + chunk).then(function (data) {
          var text = (data.p && data.p[entry.page]) || '';
          var ok = phrases.every(function (c) { return containsPhrase(data.t + ' ' + (data.x || '') + ' ' + text, c.words); });
          if (ok) { shown.push({ data: data, page: entry.page }); }
          return fill();
        });
      }
      return fill().then(function () {
        if (mine !== generation) { return; }
        var total = phrases.length ? shown.length + (ranked.length - index) : ranked.length;
        var pages = Math.max(1, Math.ceil(total / PER_PAGE));
        if (state.pagina > pages) { state.pagina = pages; }
        var results = shown.slice(start, start + PER_PAGE);
        var notes = query.notes.slice(), first = start + 1, lastShown = start + results.length;
        notes.unshift(total === 0 ? 'Sin resultados.' : (total === 1 ? '1 documento.'
          : total + ' documentos' + (pages > 1 ? ', del ' + first + ' al ' + lastShown + '.' : '.')));
        status.textContent = notes.join(' ');
        renderResults(results, query, state);
        renderPager(total, state);
        facets.hidden = false;
        order.parentNode.hidden = total === 0;
        if (meta && needsMeta(state)) { renderFacets(all, state); }
        if (announce && total > 0) {
          // The summary gets the focus (a screen reader reads it) and, on a narrow screen, the top of the
          // window, so the first result is in view right after searching.
          var narrow = window.matchMedia('(max-width: 40rem)').matches;
          status.focus({ preventScroll: !narrow });
          if (narrow) { status.scrollIntoView({ block: 'start' }); }
        }
        if (total === 0 && searching) {
          return suggest(query, state.q).then(function (better) {
            if (!better || mine !== generation) { return; }
            var line = element('span', 'sugerencia'), link = element('a', '', better);
            link.href = address(withChange(state, { q: better }));
            link.addEventListener('click', function (event) { event.preventDefault(); go(withChange(state, { q: better }), true); });
            line.appendChild(document.createTextNode(' ¿Quiso decir «'));
            line.appendChild(link);
            line.appendChild(document.createTextNode('»?'));
            status.appendChild(line);
          });
        }
      });
    }).catch(function (error) { status.textContent = 'No se pudo buscar: ' + error.message; });
  }

  var facetsOpen = false;
  var facets = document.querySelector('.busqueda-filtros');
  var facetList = document.querySelector('.busqueda-facetas');
  var order = document.getElementById('orden');
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var data = new FormData(form);
    go(withChange(current || stateFrom(''), {
      q: String(data.get('q') || ''), fondo: String(data.get('fondo') || ''),
      desde: parseInt(data.get('desde'), 10) || null, hasta: parseInt(data.get('hasta'), 10) || null
    }), true);
  });
  order.addEventListener('change', function () { go(withChange(current || stateFrom(''), { orden: order.value }), true, false); });
  facets.addEventListener('toggle', function () {
    if (facets.open && !facetsOpen) { facetsOpen = true; if (current) { go(current, false, false); } }
  });
  window.addEventListener('popstate', function () { go(stateFrom(location.search), false, false); });
  var initial = stateFrom(location.search);
  if (needsMeta(initial)) {
    facetsOpen = true;
    // Open beside the results on a wide screen; on a phone it stays a line above them.
    if (!window.matchMedia('(max-width: 40rem)').matches) { facets.open = true; }
  }
  go(initial, false, false);
})(typeof window !== 'undefined' ? window : globalThis);
