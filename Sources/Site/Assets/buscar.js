// Memoria de Hidalgo — search without a server. The index was written at publish time in small files
// (script files, so search also works when the site is opened from a folder):
//   indice/manifiesto.js  terms' shards, fonds, document count
//   indice/t/<hex>.js     postings of the terms that begin with <key>: [doc delta, score, page, ...]
//   indice/f/<doc>-<k>.js title, link and page texts of a document (only for the results shown)
//   indice/meta.js        fonds and years of every document (only when a filter is used)
// Words are normalised exactly like the catalog's tokenizer: case and accents folded, ñ kept.
(function () {
  'use strict';
  var form = document.querySelector('.buscador');
  if (!form) { return; }
  var status = document.querySelector('.busqueda-estado');
  var list = document.querySelector('.busqueda-resultados');
  var pager = document.querySelector('.busqueda-paginas');
  var PER_PAGE = 10;
  var base = 'indice/';
  var manifest = null, shards = {}, fragments = {}, meta = null, waiting = {};

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
  window.MemoriaFold = fold;

  var STOP = {};
  ('a al algo ante como con cual de del desde donde e el ella en entre era es esa ese eso esta este esto fue ha hay la las le les lo los ' +
   'mas me mi muy ni no nos o para pero por que se si sin sobre su sus te tu u un una uno y ya yo').split(' ').forEach(function (w) { STOP[w] = 1; });

  // ---- query parsing (mirrors SearchQuery.swift) ----
  function parse(input) {
    var notes = [], clauses = [], text = input;
    if ((text.match(/"/g) || []).length % 2 === 1) { text += '"'; notes.push('Faltaba cerrar unas comillas; se cerraron al final.'); }
    var re = /"([^"]*)"|(\S+)/g, m, or = false, not = false;
    while ((m = re.exec(text))) {
      if (m[1] !== undefined) {
        var ws = words(m[1]).map(fold);
        if (ws.length) { clauses.push({ words: ws, phrase: ws.length > 1, neg: not, or: or }); }
        or = false; not = false; continue;
      }
      var chunk = m[2];
      if (chunk === 'OR' || chunk === 'O' || chunk === '|') { or = true; continue; }
      if (chunk === 'AND' || chunk === 'Y' || chunk === '&') { continue; }
      if (chunk === 'NOT' || chunk === 'NO') { not = true; continue; }
      var neg = not;
      if (chunk.charAt(0) === '-') { neg = true; chunk = chunk.replace(/^-+/, ''); }
      var prefix = /\*$/.test(chunk);
      var found = words(chunk).map(fold);
      found.forEach(function (w, i) {
        var isPrefix = prefix && i === found.length - 1 && w.length >= 2;
        clauses.push({ words: [w], prefix: isPrefix, neg: neg, or: i === 0 ? or : false });
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
      script.src = base + path;
      script.onerror = function () { reject(new Error('No se pudo cargar ' + path)); };
      document.head.appendChild(script);
    });
  }
  function done(key, value) { (waiting[key] || []).forEach(function (r) { r(value); }); delete waiting[key]; }
  window.Memoria = {
    manifest: function (m) { manifest = m; done('manifest', m); },
    shard: function (key, terms) { shards[key] = terms; done('t:' + key, terms); },
    fragment: function (id, data) { fragments[id] = data; done('f:' + id, data); },
    meta: function (m) { meta = m; done('meta', m); }
  };
  function getManifest() { return manifest ? Promise.resolve(manifest) : load('manifiesto.js', 'manifest'); }
  function getShard(key) { return shards[key] ? Promise.resolve(shards[key]) : load('t/' + hex(key) + '.js', 't:' + key); }
  function getFragment(id) { return fragments[id] ? Promise.resolve(fragments[id]) : load('f/' + id + '.js', 'f:' + id); }
  function getMeta() { return meta ? Promise.resolve(meta) : load('meta.js', 'meta'); }

  // The shards holding a term (or every term with a prefix).
  function shardKeys(term, prefix) {
    var keys = manifest.shards;
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

  function clauseDocs(clause) {
    return Promise.all(clause.words.map(function (w) { return postings(w, clause.prefix); })).then(function (maps) {
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

  function filterDocs(ranked, filters) {
    if (!filters.fondo && !filters.desde && !filters.hasta) { return Promise.resolve(ranked); }
    return getMeta().then(function (m) {
      var fondsIndex = filters.fondo ? manifest.fonds.indexOf(filters.fondo) : -1;
      return ranked.filter(function (entry) {
        var d = m[entry.doc];
        if (!d) { return false; }
        if (fondsIndex >= 0 && d[0] !== fondsIndex) { return false; }
        if (filters.desde && (d[2] === null || d[2] < filters.desde)) { return false; }
        if (filters.hasta && (d[1] === null || d[1] > filters.hasta)) { return false; }
        return true;
      });
    });
  }

  // ---- results ----
  function snippet(text, terms, phrases) {
    var plain = text.replace(/\s+/g, ' ');
    var tokens = [], re = /[\p{L}\p{N}\p{Mn}\p{Co}]+/gu, m;
    while ((m = re.exec(plain))) { tokens.push({ start: m.index, end: m.index + m[0].length, folded: fold(m[0]) }); }
    function hit(t) { return terms.some(function (term) { return term.prefix ? t.folded.indexOf(term.word) === 0 : t.folded === term.word; }); }
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

  function render(results, query, total, page, filters) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    var terms = [];
    query.clauses.forEach(function (c) { if (!c.neg) { c.words.forEach(function (w) { terms.push({ word: w, prefix: c.prefix }); }); } });
    results.forEach(function (r) {
      var li = document.createElement('li');
      var heading = document.createElement('h2');
      var link = document.createElement('a');
      link.href = '../' + r.data.u + 'index.html' + (r.page > 1 ? '#p' + r.page : '');
      link.textContent = r.data.t;
      heading.appendChild(link);
      li.appendChild(heading);
      var info = document.createElement('p');
      info.className = 'resumen';
      info.textContent = [r.data.d, 'Fondo ' + r.data.f, 'página ' + r.page + ' de ' + r.data.n].filter(Boolean).join(' · ');
      li.appendChild(info);
      var text = (r.data.p && r.data.p[r.page]) || r.data.x || '';
      if (text) {
        var s = snippet(text, terms), p = document.createElement('p');
        p.className = 'fragmento';
        if (s.before) { p.appendChild(document.createTextNode('… ')); }
        s.pieces.forEach(function (piece) {
          if (piece.mark) { var mark = document.createElement('mark'); mark.textContent = piece.text; p.appendChild(mark); }
          else { p.appendChild(document.createTextNode(piece.text)); }
        });
        if (s.after) { p.appendChild(document.createTextNode(' …')); }
        li.appendChild(p);
      }
      list.appendChild(li);
    });
    while (pager.firstChild) { pager.removeChild(pager.firstChild); }
    var pages = Math.ceil(total / PER_PAGE);
    if (pages > 1) {
      var ul = document.createElement('ul');
      [['Anteriores', page - 1], ['Siguientes', page + 1]].forEach(function (pair) {
        if (pair[1] < 1 || pair[1] > pages) { return; }
        var li = document.createElement('li'), button = document.createElement('button');
        button.type = 'button';
        button.textContent = pair[0];
        button.addEventListener('click', function () { run(pair[1]); });
        li.appendChild(button);
        ul.appendChild(li);
      });
      pager.appendChild(ul);
    }
  }

  var lastQuery = '';
  function readForm() {
    var data = new FormData(form);
    return { q: String(data.get('q') || ''), fondo: String(data.get('fondo') || ''),
             desde: parseInt(data.get('desde'), 10) || null, hasta: parseInt(data.get('hasta'), 10) || null };
  }

  function run(page) {
    var input = readForm();
    var query = parse(input.q);
    var params = new URLSearchParams();
    Object.keys(input).forEach(function (k) { if (input[k]) { params.set(k, input[k]); } });
    if (page > 1) { params.set('pagina', page); }
    if (history.replaceState) { history.replaceState(null, '', '?' + params.toString()); }
    if (!query.clauses.some(function (c) { return !c.neg; })) {
      status.textContent = input.q.trim() ? query.notes.join(' ') || 'No hay palabras que buscar.' : '';
      render([], query, 0, 1, input);
      return;
    }
    status.textContent = 'Buscando…';
    lastQuery = input.q;
    getManifest().then(function () { return evaluate(query); }).then(function (found) {
      var ranked = [];
      found.forEach(function (v, d) { ranked.push({ doc: d, score: v[0], page: v[1] }); });
      ranked.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
      return filterDocs(ranked, input);
    }).then(function (ranked) {
      var phrases = query.clauses.filter(function (c) { return c.phrase && !c.neg; });
      var start = (page - 1) * PER_PAGE, shown = [], index = 0;
      function fill() {
        if (shown.length >= PER_PAGE + start || index >= ranked.length) { return Promise.resolve(); }
        var entry = ranked[index++];
        var chunk = Math.floor((entry.page - 1) / manifest.pagesPerFragment);
        return getFragment(entry.doc + '-' + chunk).then(function (data) {
          var text = (data.p && data.p[entry.page]) || '';
          var ok = phrases.every(function (c) { return containsPhrase(data.t + ' ' + (data.x || '') + ' ' + text, c.words); });
          if (ok) { shown.push({ data: data, page: entry.page }); }
          if (!ok && phrases.length && index < 200) { return fill(); }
          return fill();
        });
      }
      return fill().then(function () {
        if (input.q !== lastQuery) { return; }
        var total = phrases.length ? shown.length + (ranked.length - index) : ranked.length;
        var results = shown.slice(start, start + PER_PAGE);
        var notes = query.notes.slice();
        notes.unshift(total === 0 ? 'Sin resultados.' : (total === 1 ? '1 documento.' : total + ' documentos.'));
        status.textContent = notes.join(' ');
        render(results, query, total, page, input);
      });
    }).catch(function (error) { status.textContent = 'No se pudo buscar: ' + error.message; });
  }

  form.addEventListener('submit', function (event) { event.preventDefault(); run(1); });
  var params = new URLSearchParams(window.location.search);
  ['q', 'fondo', 'desde', 'hasta'].forEach(function (k) { var field = form.elements[k]; if (field && params.get(k)) { field.value = params.get(k); } });
  if (params.get('q')) { run(parseInt(params.get('pagina'), 10) || 1); }
})();
