// Memoria de Hidalgo — page viewer: change page (buttons, thumbnails, ← →), zoom and pan, and the
// transcription of the current page. Without JavaScript the thumbnails link to the images and the
// first page's text is on the page; this script only enhances.
(function () {
  'use strict';
  var visor = document.querySelector('.visor');
  if (!visor) { return; }
  var links = Array.prototype.slice.call(visor.querySelectorAll('.visor-miniaturas a'));
  var image = visor.querySelector('.visor-imagen');
  var canvas = visor.querySelector('.visor-lienzo');
  var counter = visor.querySelector('.visor-actual');
  var title = document.getElementById('titulo-item').textContent;
  var textHeading = document.querySelector('.transcripcion-pagina');
  var textSource = document.querySelector('.transcripcion-fuente');
  var textBody = document.querySelector('.transcripcion-texto');
  var current = 0, scale = 1, dx = 0, dy = 0, texts = {};

  window.MemoriaTexto = function (page, data) {
    texts[page] = data;
    if (page === current + 1) { showText(page); }
  };

  function showText(page) {
    var data = texts[page];
    textHeading.textContent = 'página ' + page;
    while (textBody.firstChild) { textBody.removeChild(textBody.firstChild); }
    if (!data) { return; }
    textSource.textContent = data.f || '';
    var paragraphs = (data.t || '').split(/\n\s*\n/);
    if (!data.t) {
      var empty = document.createElement('p');
      empty.className = 'sin-texto';
      empty.textContent = 'Esta página no tiene texto transcrito.';
      textBody.appendChild(empty);
    }
    paragraphs.forEach(function (text) {
      if (!text.trim()) { return; }
      var p = document.createElement('p');
      p.textContent = text;
      textBody.appendChild(p);
    });
  }

  function loadText(page) {
    if (texts[page]) { showText(page); return; }
    var link = links[page - 1];
    if (!link || !link.getAttribute('data-text')) { return; }
    var script = document.createElement('script');
    script.src = link.getAttribute('data-text');
    document.head.appendChild(script);
  }

  function apply() {
    image.style.transform = 'translate(' + dx + 'px,' + dy + 'px) scale(' + scale + ')';
    canvas.style.cursor = scale > 1 ? 'move' : 'default';
  }

  function zoom(factor) {
    scale = Math.min(6, Math.max(1, scale * factor));
    if (scale === 1) { dx = 0; dy = 0; }
    apply();
  }

  function show(index, fromHash) {
    if (index < 0 || index >= links.length) { return; }
    current = index;
    var link = links[index];
    // The page's copies by width (data-srcset), so a phone fetches the medium copy, not the 2000 px one.
    var srcset = link.getAttribute('data-srcset');
    if (srcset) { image.srcset = srcset; } else { image.removeAttribute('srcset'); }
    image.src = link.getAttribute('href');
    image.width = +link.getAttribute('data-width');
    image.height = +link.getAttribute('data-height');
    image.alt = title + ' — página ' + (index + 1) + ' de ' + links.length;
    counter.textContent = String(index + 1);
    links.forEach(function (other, i) {
      if (i === index) { other.setAttribute('aria-current', 'true'); } else { other.removeAttribute('aria-current'); }
    });
    scale = 1; dx = 0; dy = 0; apply();
    loadText(index + 1);
    if (!fromHash && window.history && history.replaceState) { history.replaceState(null, '', '#p' + (index + 1)); }
  }

  links.forEach(function (link, i) {
    link.addEventListener('click', function (event) { event.preventDefault(); show(i); canvas.focus(); });
  });
  visor.querySelector('.visor-anterior').addEventListener('click', function () { show(current - 1); });
  visor.querySelector('.visor-siguiente').addEventListener('click', function () { show(current + 1); });
  visor.querySelector('.visor-acercar').addEventListener('click', function () { zoom(1.5); });
  visor.querySelector('.visor-alejar').addEventListener('click', function () { zoom(1 / 1.5); });
  visor.querySelector('.visor-restablecer').addEventListener('click', function () { scale = 1; dx = 0; dy = 0; apply(); });

  document.addEventListener('keydown', function (event) {
    var tag = (event.target && event.target.tagName) || '';
    if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || event.altKey || event.ctrlKey || event.metaKey) { return; }
    var handled = true;
    switch (event.key) {
      case 'ArrowRight': case 'PageDown': show(current + 1); break;
      case 'ArrowLeft': case 'PageUp': show(current - 1); break;
      case '+': case '=': zoom(1.5); break;
      case '-': zoom(1 / 1.5); break;
      case '0': scale = 1; dx = 0; dy = 0; apply(); break;
      default: handled = false;
    }
    if (handled) { event.preventDefault(); }
  });

  var dragging = null;
  canvas.addEventListener('pointerdown', function (event) {
    if (scale === 1) { return; }
    dragging = { x: event.clientX - dx, y: event.clientY - dy };
    canvas.setPointerCapture(event.pointerId);
  });
  canvas.addEventListener('pointermove', function (event) {
    if (!dragging) { return; }
    dx = event.clientX - dragging.x; dy = event.clientY - dragging.y; apply();
  });
  canvas.addEventListener('pointerup', function () { dragging = null; });
  canvas.addEventListener('wheel', function (event) {
    if (!event.ctrlKey && scale === 1) { return; }
    event.preventDefault();
    zoom(event.deltaY < 0 ? 1.25 : 0.8);
  }, { passive: false });

  var match = /^#p(\d+)$/.exec(window.location.hash);
  if (match) { show(+match[1] - 1, true); } else { show(0, true); }
})();
