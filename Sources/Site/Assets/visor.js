// Memoria de Hidalgo — page viewer. Without JavaScript the page shows the first access image, the
// thumbnails link to every page's image and the first page's text is on the page; this script only
// enhances, and makes every control it needs (no button ever shows without it):
// - page turns (buttons, thumbnails, ← → on the focused viewer when it is not zoomed in), a loading
//   state while the new page arrives (the counter only names a page once it is shown), the next page
//   fetched ahead once the visitor uses the viewer;
// - deep zoom on the page's static IIIF level-0 tiles with Leaflet (copied into the site at publish):
//   on load the page fetches only the image it shows (its srcset copy: the medium one on a phone);
//   Leaflet and the zoom layer load when the visitor first asks to zoom (the + button, a pinch, a
//   double tap, the wheel over the viewer when focused or with Ctrl, + on the focused viewer), start
//   from that same image, and fetch tiles (or, without tiles, the 2000 px copy) only for a zoomed-in
//   view. One-finger drags pan only a zoomed-in view, so a swipe elsewhere scrolls the page; keys act
//   only while the viewer has focus; pan buttons move a zoomed image without dragging; the zoom and
//   pan buttons lie over the image, so adding them moves nothing on the page;
// - search hits: with ?q= in the address (the search passes it along) the words found are boxed on
//   the page image from the archived ALTO/hOCR word boxes (w/<page>.js, loaded only then), and
//   «Buscar en este documento» lists the pages and lines holding a word. Words are matched with the
//   search's own folding and stemmer (buscar.js, loaded only then).
(function () {
  'use strict';
  var visor = document.querySelector('.visor');
  if (!visor) { return; }
  var links = Array.prototype.slice.call(visor.querySelectorAll('.visor-miniaturas a'));
  var canvas = visor.querySelector('.visor-lienzo');
  var frame = visor.querySelector('.visor-marco');
  var image = visor.querySelector('.visor-imagen');
  var controls = visor.querySelector('.visor-controles');
  var status = visor.querySelector('.visor-estado');
  var title = document.getElementById('titulo-item').textContent;
  var textHeading = document.querySelector('.transcripcion-pagina');
  var textSource = document.querySelector('.transcripcion-fuente');
  var textBody = document.querySelector('.transcripcion-texto');
  var total = links.length, current = 0, turn = 0, texts = {}, words = {}, deep = null, matcher = null, used = false;
  var zoomable = !!visor.getAttribute('data-leaflet') && !!visor.getAttribute('data-zoom'), waking = null;
  var query = (new URLSearchParams(window.location.search).get('q') || '').trim();
  // A short document's page texts come inside the page (t/<n>.js per page otherwise).
  var inlineTexts = visor.querySelector('.visor-textos');
  if (inlineTexts) {
    try {
      var carried = JSON.parse(inlineTexts.textContent);
      Object.keys(carried).forEach(function (page) { texts[+page] = carried[page]; });
    } catch (error) { texts = {}; }
  }

  // ---- scripts that register data (they load from file:// too) ----
  var scripts = {};
  function loadScript(src) {
    if (!scripts[src]) {
      scripts[src] = new Promise(function (resolve, reject) {
        var script = document.createElement('script');
        script.src = src;
        script.onload = function () { resolve(); };
        script.onerror = function () { delete scripts[src]; reject(new Error('No se pudo cargar ' + src)); };
        document.head.appendChild(script);
      });
    }
    return scripts[src];
  }
  window.MemoriaTexto = function (page, data) {
    texts[page] = data;
    if (page === current + 1) { showText(page); }
  };
  window.MemoriaPalabras = function (page, data) { words[page] = data; };
  function loadText(page) {
    var link = links[page - 1];
    if (texts[page] || !link || !link.getAttribute('data-text')) { return Promise.resolve(texts[page]); }
    return loadScript(link.getAttribute('data-text')).then(function () { return texts[page]; });
  }
  function loadWords(page) {
    var link = links[page - 1];
    if (words[page] || !link || !link.getAttribute('data-words')) { return Promise.resolve(words[page]); }
    return loadScript(link.getAttribute('data-words')).then(function () { return words[page]; });
  }

  // ---- matching words as the search does ----
  function makeMatcher(input) {
    var terms = [];
    window.MemoriaQuery(input).clauses.forEach(function (c) {
      if (!c.neg) { c.words.forEach(function (w) { terms.push({ word: w, prefix: c.prefix, stem: c.stem }); }); }
    });
    if (!terms.length) { return null; }
    return function (written) {
      return window.MemoriaWords(written).some(function (part) {
        var folded = window.MemoriaFold(part), stem = null;
        return terms.some(function (t) {
          if (folded === t.word || (t.prefix && folded.indexOf(t.word) === 0)) { return true; }
          if (!t.stem) { return false; }
          if (stem === null) { stem = window.MemoriaStem(part); }
          return stem === t.stem;
        });
      });
    };
  }
  function useQuery(input) {
    query = input;
    if (!input) { matcher = null; return Promise.resolve(null); }
    return loadScript(visor.getAttribute('data-buscar')).then(function () {
      matcher = query === input ? makeMatcher(input) : matcher;
      return matcher;
    });
  }

  // ---- transcription of the current page (search words marked) ----
  function marked(text) {
    var fragment = document.createDocumentFragment(), re = /[\p{L}\p{N}\p{Mn}\p{Co}]+/gu, last = 0, m;
    while (matcher && (m = re.exec(text))) {
      if (!matcher(m[0])) { continue; }
      fragment.appendChild(document.createTextNode(text.slice(last, m.index)));
      var mark = document.createElement('mark');
      mark.textContent = m[0];
      fragment.appendChild(mark);
      last = m.index + m[0].length;
    }
    fragment.appendChild(document.createTextNode(text.slice(last)));
    return fragment;
  }
  function showText(page) {
    var data = texts[page];
    textHeading.textContent = 'página ' + page;
    if (!data) { return; }
    while (textBody.firstChild) { textBody.removeChild(textBody.firstChild); }
    textSource.textContent = data.f || '';
    if (!data.t) {
      var empty = document.createElement('p');
      empty.className = 'sin-texto';
      empty.textContent = 'Esta página no tiene texto transcrito.';
      textBody.appendChild(empty);
    }
    (data.t || '').split(/\n\s*\n/).forEach(function (text) {
      if (!text.trim()) { return; }
      var p = document.createElement('p');
      p.appendChild(marked(text));
      textBody.appendChild(p);
    });
  }

  // ---- search hits on the page image ----
  function hitBoxes(page) {
    var data = words[page], boxes = [];
    if (!data || !matcher) { return boxes; }
    for (var i = 0; i + 4 < data.p.length; i += 5) {
      if (matcher(data.p[i])) { boxes.push({ x: data.p[i + 1], y: data.p[i + 2], w: data.p[i + 3], h: data.p[i + 4], width: data.a[0], height: data.a[1] }); }
    }
    return boxes;
  }
  function plainHighlight(boxes) {
    Array.prototype.slice.call(frame.querySelectorAll('.visor-resalte')).forEach(function (old) { frame.removeChild(old); });
    boxes.forEach(function (b) {
      var box = document.createElement('span');
      box.className = 'visor-resalte';
      box.style.left = (100 * b.x / b.width) + '%';
      box.style.top = (100 * b.y / b.height) + '%';
      box.style.width = (100 * b.w / b.width) + '%';
      box.style.height = (100 * b.h / b.height) + '%';
      frame.appendChild(box);
    });
  }
  // `focus`: the index of the hit to bring into view (a line chosen in «Buscar en este documento»).
  function showHits(focus) {
    var page = current + 1;
    var draw = function (boxes) { if (deep) { deep.highlight(boxes, focus); } else { plainHighlight(boxes); } };
    if (!matcher) { draw([]); return; }
    loadWords(page).then(function () { if (page === current + 1) { draw(hitBoxes(page)); } }, function () { draw([]); });
  }

  // ---- controls (made here, so none shows without JavaScript) ----
  function button(label, text, className, action) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = className;
    b.setAttribute('aria-label', label);
    b.title = label;
    b.textContent = text;
    b.addEventListener('click', action);
    return b;
  }
  function setStatus(loading, page, failed) {
    while (status.firstChild) { status.removeChild(status.firstChild); }
    status.classList.toggle('cargando', loading);
    if (loading) {
      visor.setAttribute('aria-busy', 'true');
      status.textContent = 'Cargando la página ' + page + ' de ' + total;
      return;
    }
    visor.removeAttribute('aria-busy');
    if (failed) { status.textContent = 'No se pudo cargar la página ' + page + '; ábrala desde su miniatura'; return; }
    var number = document.createElement('span');
    number.className = 'visor-actual';
    number.textContent = String(page);
    status.appendChild(document.createTextNode('Página '));
    status.appendChild(number);
    status.appendChild(document.createTextNode(' de ' + total));
  }
  // The copy of a page the viewer shows unzoomed: in the plain viewer the browser picks it from the
  // srcset with the page's `sizes` (a probe image with both fetches the same one); in the zoom layer,
  // the smallest copy at least as wide as the page fitted in the viewer, in device pixels.
  function probe(link) {
    var next = new Image(), srcset = link.getAttribute('data-srcset');
    if (srcset) { next.sizes = link.getAttribute('data-sizes') || image.sizes; next.srcset = srcset; }
    next.src = link.getAttribute('href');
    return next;
  }
  function copyFor(link) {
    var copies = (link.getAttribute('data-srcset') || '').split(',').map(function (c) { return c.trim().split(/\s+/); })
      .filter(function (c) { return c.length === 2; }).map(function (c) { return { src: c[0], w: parseInt(c[1], 10) }; })
      .sort(function (a, b) { return a.w - b.w; });
    var ratio = +link.getAttribute('data-width') / +link.getAttribute('data-height');
    var need = Math.min(canvas.clientWidth, canvas.clientHeight * ratio) * (window.devicePixelRatio || 1);
    for (var i = 0; i < copies.length; i++) { if (copies[i].w >= need) { return copies[i].src; } }
    return link.getAttribute('href');
  }
  function preload(index) {
    if (index < 0 || index >= total) { return; }
    if (deep) { new Image().src = copyFor(links[index]); } else { probe(links[index]); }
  }
  function markUsed() {
    if (used) { return; }
    used = true;
    preload(current + 1);
  }

  function show(index, fromHash, focus) {
    if (index < 0 || index >= total) { return; }
    // A line chosen in «Buscar en este documento» zooms onto its word: that needs the zoom layer.
    if (focus !== undefined && !deep && zoomable) { wake().then(function () { show(index, fromHash, focus); }); return; }
    var link = links[index], mine = ++turn, page = index + 1;
    current = index;
    links.forEach(function (other, i) {
      if (i === index) { other.setAttribute('aria-current', 'true'); } else { other.removeAttribute('aria-current'); }
    });
    setStatus(true, page);
    var alt = title + ' — página ' + page + ' de ' + total;
    var shown = function (failed) {
      if (mine !== turn) { return; }
      setStatus(false, page, failed);
      if (used) { preload(index + 1); }
      showHits(focus);
    };
    if (deep) {
      deep.open(link, alt, shown, copyFor(link));
    } else {
      var next = probe(link);
      next.onload = function () {
        if (mine !== turn) { return; }
        // The page's copies by width (data-srcset), so a phone fetches the medium copy, not the 2000 px one.
        var srcset = link.getAttribute('data-srcset');
        if (srcset) { image.sizes = next.sizes; image.srcset = srcset; } else { image.removeAttribute('srcset'); }
        image.src = link.getAttribute('href');
        image.width = +link.getAttribute('data-width');
        image.height = +link.getAttribute('data-height');
        image.alt = alt;
        shown(false);
      };
      next.onerror = function () { shown(true); };
    }
    if (texts[page]) { showText(page); } else { loadText(page).catch(function () {}); }
    if (!fromHash && window.history && history.replaceState) { history.replaceState(null, '', window.location.search + '#p' + page); }
  }

  if (total > 1) {
    controls.insertBefore(button('Página anterior', '‹', 'visor-anterior', function () { show(current - 1); }), status);
    controls.appendChild(button('Página siguiente', '›', 'visor-siguiente', function () { show(current + 1); }));
  }
  links.forEach(function (link, i) {
    link.addEventListener('click', function (event) { event.preventDefault(); show(i); canvas.focus(); });
  });
  canvas.tabIndex = 0;
  canvas.setAttribute('role', 'group');
  canvas.setAttribute('aria-label', zoomable
    ? 'Imagen de la página; con el visor enfocado, + y − acercan o alejan, las flechas mueven la imagen acercada' + (total > 1 ? ' o, sin acercar, cambian de página' : '')
    : 'Imagen de la página' + (total > 1 ? '; con el visor enfocado, ← y → cambian de página' : ''));
  ['pointerover', 'focusin', 'touchstart'].forEach(function (kind) { visor.addEventListener(kind, markUsed, { passive: true }); });

  // Keys act only on the focused viewer (WCAG 2.1.4): nothing here listens on the document.
  canvas.addEventListener('keydown', function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var zoomed = deep && deep.zoomed(), handled = true;
    switch (event.key) {
      case 'ArrowLeft': if (zoomed) { deep.pan(-1, 0); } else { show(current - 1); } break;
      case 'ArrowRight': if (zoomed) { deep.pan(1, 0); } else { show(current + 1); } break;
      case 'ArrowUp': if (zoomed) { deep.pan(0, -1); } else { handled = false; } break;
      case 'ArrowDown': if (zoomed) { deep.pan(0, 1); } else { handled = false; } break;
      case '+': case '=': if (zoomable) { wake().then(function (d) { if (d) { d.zoomBy(1); } }); } else { handled = false; } break;
      case '-': if (deep) { deep.zoomBy(-1); } else { handled = false; } break;
      case '0': if (deep) { deep.reset(); } else { handled = false; } break;
      default: handled = false;
    }
    if (handled) { event.preventDefault(); }
  });

  // ---- the first request to zoom wakes the zoom layer; from then on Leaflet's own handlers act ----
  function overlay(className) {
    var bar = document.createElement('span');
    bar.className = 'visor-sobre ' + className;
    canvas.appendChild(bar);
    return bar;
  }
  function onOverlay(target) { return !!(target && target.closest && target.closest('.visor-sobre')); }
  function wake() {
    if (deep || !zoomable) { return Promise.resolve(deep); }
    if (!waking) {
      var folder = visor.getAttribute('data-leaflet');
      var css = document.createElement('link');
      var styled = new Promise(function (resolve) { css.onload = resolve; css.onerror = resolve; });
      css.rel = 'stylesheet';
      css.href = folder + 'leaflet.css';
      document.head.appendChild(css);
      waking = Promise.all([loadScript(folder + 'leaflet.js'), loadScript(visor.getAttribute('data-zoom')), styled]).then(function () {
        if (!window.L || !window.MemoriaZoomLayer) { zoomable = false; return null; }
        if (!deep) {
          deep = window.MemoriaZoomLayer(window.L, { canvas: canvas, frame: frame, button: button, overlay: overlay, zoomBar: zoomBar });
          window.MemoriaVisor = deep;
          deep.open(links[current], image.alt, function () { showHits(); }, image.currentSrc || image.src);
        }
        return deep;
      }, function () { zoomable = false; return null; });   // the plain viewer keeps working
    }
    return waking;
  }
  function zoomAround(d, at, zoom) {
    var box = canvas.getBoundingClientRect();
    d.map.setZoomAround(window.L.point(at[0] - box.left, at[1] - box.top), zoom, { animate: false });
  }
  var zoomBar = null;
  if (zoomable) {
    zoomBar = overlay('visor-zoom');
    zoomBar.appendChild(button('Acercar', '+', 'visor-acercar', function () { wake().then(function (d) { if (d) { d.zoomBy(1); } }); }));
    zoomBar.appendChild(button('Alejar', '−', 'visor-alejar', function () { if (deep) { deep.zoomBy(-1); } }));
    zoomBar.appendChild(button('Ver la página completa', '⤢', 'visor-restablecer', function () { if (deep) { deep.reset(); } }));
    // Before the zoom layer exists: a pinch, a double tap, a double click and the wheel (focused or
    // with Ctrl) wake it and are applied to it; a one-finger swipe scrolls the page (CSS touch-action).
    // Fingers are followed as pointer events (as Leaflet does): with `touch-action: pan-x pan-y` the
    // browser keeps one-finger scrolling and leaves two-finger gestures to the page.
    var fingers = {}, pinch = null, touchStart = null, lastTap = null, tapZoomAt = 0;
    var spread = function () {
      var f = Object.keys(fingers).map(function (id) { return fingers[id]; });
      return { d: Math.max(1, Math.hypot(f[0][0] - f[1][0], f[0][1] - f[1][1])), at: [(f[0][0] + f[1][0]) / 2, (f[0][1] + f[1][1]) / 2] };
    };
    var applyPinch = function (d, p) { zoomAround(d, p.at, d.fit() + Math.log(p.now / p.from) / Math.LN2); };
    canvas.addEventListener('pointerdown', function (event) {
      if (event.pointerType !== 'touch' || deep || onOverlay(event.target)) { return; }
      fingers[event.pointerId] = [event.clientX, event.clientY];
      var count = Object.keys(fingers).length;
      if (count === 1) { touchStart = [event.clientX, event.clientY]; return; }
      touchStart = null;
      if (count === 2 && !pinch) {
        var now = spread(), p = pinch = { from: now.d, now: now.d, at: now.at };
        wake().then(function (d) { if (d) { applyPinch(d, p); } });
      }
    });
    canvas.addEventListener('pointermove', function (event) {
      if (!fingers[event.pointerId]) { return; }
      fingers[event.pointerId] = [event.clientX, event.clientY];
      if (!pinch || Object.keys(fingers).length !== 2) { return; }
      var now = spread();
      pinch.now = now.d;
      pinch.at = now.at;
      if (deep) { applyPinch(deep, pinch); }
    });
    var lift = function (event) {
      if (!fingers[event.pointerId]) { return; }
      delete fingers[event.pointerId];
      if (pinch) { if (Object.keys(fingers).length < 2) { pinch = null; } return; }
      var start = touchStart, now = Date.now();
      touchStart = null;
      if (event.type !== 'pointerup' || deep || !start) { return; }
      if (Math.abs(event.clientX - start[0]) > 12 || Math.abs(event.clientY - start[1]) > 12) { lastTap = null; return; }
      if (lastTap && now - lastTap.time < 350 && Math.abs(event.clientX - lastTap.at[0]) < 30 && Math.abs(event.clientY - lastTap.at[1]) < 30) {
        var at = lastTap.at;
        lastTap = null;
        tapZoomAt = now;
        wake().then(function (d) { if (d) { zoomAround(d, at, d.map.getZoom() + 1); } });
      } else {
        lastTap = { time: now, at: [event.clientX, event.clientY] };
      }
    };
    canvas.addEventListener('pointerup', lift);
    canvas.addEventListener('pointercancel', lift);
    canvas.addEventListener('dblclick', function (event) {
      if (deep || onOverlay(event.target) || Date.now() - tapZoomAt < 800) { return; }
      var at = [event.clientX, event.clientY];
      wake().then(function (d) { if (d) { zoomAround(d, at, d.map.getZoom() + 1); } });
    });
    canvas.addEventListener('wheel', function (event) {
      if (deep || onOverlay(event.target) || (!event.ctrlKey && document.activeElement !== canvas)) { return; }   // the page scrolls
      event.preventDefault();
      if (event.deltaY >= 0) { return; }   // the whole page is shown already
      var at = [event.clientX, event.clientY];
      wake().then(function (d) { if (d) { zoomAround(d, at, d.map.getZoom() + 0.5); } });
    }, { passive: false });
  }

  // ---- «Buscar en este documento» ----
  var finder = document.querySelector('.buscar-documento');
  function search(input, arriving) {
    var form = finder.querySelector('form'), note = finder.querySelector('.buscar-documento-estado');
    var list = finder.querySelector('.buscar-documento-resultados');
    input = input.trim();
    while (list.firstChild) { list.removeChild(list.firstChild); }
    if (!arriving && window.history && history.replaceState) {
      history.replaceState(null, '', (input ? '?q=' + encodeURIComponent(input) : window.location.pathname) + window.location.hash);
    }
    form.elements.q.value = input;
    if (!input) { note.textContent = ''; useQuery('').then(function () { showHits(); if (texts[current + 1]) { showText(current + 1); } }); return; }
    note.textContent = 'Buscando…';
    useQuery(input).then(function (m) {
      showHits();
      if (texts[current + 1]) { showText(current + 1); }
      if (!m) { note.textContent = 'No hay palabras que buscar: las muy comunes, como «de» o «la», no se buscan solas.'; return null; }
      return Promise.all(links.map(function (_, i) { return loadText(i + 1).catch(function () { return null; }); })).then(function () {
        var hits = [], pages = {};
        links.forEach(function (_, i) {
          // `first`: how many words of the page matched before this line, i.e. the index of this line's
          // first box (ALTO and hOCR words come in the order of the text's lines).
          var data = texts[i + 1], n = 0, before = 0;
          ((data && data.t) || '').split('\n').forEach(function (line) {
            if (!line.trim()) { return; }
            n += 1;
            var found = window.MemoriaWords(line).filter(m).length;
            if (found) { hits.push({ page: i + 1, line: n, text: line.trim(), first: before }); pages[i + 1] = true; }
            before += found;
          });
        });
        var pageCount = Object.keys(pages).length;
        note.textContent = hits.length === 0 ? 'Ninguna página de este documento tiene «' + input + '».'
          : (hits.length === 1 ? '1 línea' : hits.length + ' líneas') + ' en ' + (pageCount === 1 ? '1 página' : pageCount + ' páginas') + '.';
        hits.slice(0, 300).forEach(function (hit) {
          var li = document.createElement('li'), a = document.createElement('a');
          a.href = '#p' + hit.page;
          a.textContent = 'Página ' + hit.page + ', línea ' + hit.line;
          a.addEventListener('click', function (event) {
            event.preventDefault();
            show(hit.page - 1, false, hit.first);
            canvas.focus();
          });
          li.appendChild(a);
          li.appendChild(document.createTextNode(': '));
          li.appendChild(marked(hit.text));
          list.appendChild(li);
        });
        return null;
      });
    }).catch(function (error) { note.textContent = 'No se pudo buscar: ' + error.message; });
  }
  if (finder) {
    finder.hidden = false;
    finder.querySelector('form').addEventListener('submit', function (event) {
      event.preventDefault();
      search(finder.querySelector('form').elements.q.value, false);
    });
  }

  var match = /^#p(\d+)$/.exec(window.location.hash);
  var first = match ? Math.min(Math.max(+match[1] - 1, 0), total - 1) : 0;
  if (first !== 0) { show(first, true); } else { links[0].setAttribute('aria-current', 'true'); }
  if (query) {
    // Coming from a search: box its words on the page, and list where they are when the document is short.
    if (finder && total <= 60) { search(query, true); } else { useQuery(query).then(function () { showHits(); if (texts[current + 1]) { showText(current + 1); } }); }
    if (!texts[current + 1]) { loadText(current + 1).catch(function () {}); }
  }
})();
