// Memoria de Hidalgo — the page viewer's zoom layer, loaded by visor.js together with Leaflet at the
// visitor's first request to zoom (never on load). Leaflet in simple coordinates: at zoom `native`
// one map pixel is one scan pixel. It starts from the copy already shown, adds the page's static
// IIIF level-0 tiles (or, without tiles, the 2000 px copy) only for a zoomed-in view, boxes search
// hits, and pans with buttons over the image; one finger pans only a zoomed-in view.
(function () {
  'use strict';
  // `parts`: the viewer's canvas and image frame, its button and overlay-bar makers and its zoom bar.
  window.MemoriaZoomLayer = function (L, parts) {
    var canvas = parts.canvas, frame = parts.frame, button = parts.button, overlay = parts.overlay, zoomBar = parts.zoomBar;
    canvas.removeChild(frame);
    var map = L.map(canvas, { crs: L.CRS.Simple, zoomSnap: 0, zoomDelta: 1, attributionControl: false, zoomControl: false,
                              keyboard: false, scrollWheelZoom: false, boxZoom: false, bounceAtZoomLimits: false,
                              maxBoundsViscosity: 1, inertia: true });
    map.createPane('visor-pagina').style.zIndex = 150;   // the access image, under the tiles (200) and the boxes (400)
    map.dragging.disable();
    var base = null, tiles = null, marks = L.layerGroup().addTo(map), fit = 0, nativeZoom = 0, bounds = null, fullCopy = null;
    var Tiles = L.GridLayer.extend({
      // One IIIF level-0 tile: region and size in the canonical form the pyramid was written with.
      createTile: function (coords, done) {
        var o = this.options, s = Math.pow(2, o.nativeZoom - coords.z), span = o.tileSize * s;
        var x = coords.x * span, y = coords.y * span, box = document.createElement('div');
        if (x < 0 || y < 0 || x >= o.fullWidth || y >= o.fullHeight) { window.setTimeout(function () { done(null, box); }, 0); return box; }
        var rw = Math.min(span, o.fullWidth - x), rh = Math.min(span, o.fullHeight - y);
        var w = Math.ceil(rw / s), h = Math.ceil(rh / s);
        var region = (x === 0 && y === 0 && rw === o.fullWidth && rh === o.fullHeight) ? 'full' : [x, y, rw, rh].join(',');
        var size = (w === o.fullWidth && h === o.fullHeight) ? 'max' : w + ',' + h;
        var img = document.createElement('img');
        img.alt = '';
        img.width = w;
        img.height = h;
        img.className = 'visor-mosaico';
        img.onload = function () { done(null, box); };
        img.onerror = function () { done(new Error('mosaico'), box); };
        img.src = o.folder + region + '/' + size + '/0/default.jpg';
        box.appendChild(img);
        return box;
      }
    });
    function point(x, y) { return map.unproject([x, y], nativeZoom); }
    function zoomed() { return map.getZoom() > fit + 0.01; }
    var pans = [['Mover a la izquierda', '←', -1, 0], ['Mover arriba', '↑', 0, -1], ['Mover abajo', '↓', 0, 1], ['Mover a la derecha', '→', 1, 0]];
    var panGroup = overlay('visor-mover');
    panGroup.hidden = true;
    pans.forEach(function (p) { panGroup.appendChild(button(p[0], p[1], 'visor-mover-boton', function () { view.pan(p[2], p[3]); })); });
    L.DomEvent.disableClickPropagation(panGroup);
    L.DomEvent.disableClickPropagation(zoomBar);
    L.DomEvent.disableScrollPropagation(zoomBar);
    function sync() {
      var inside = zoomed();
      canvas.classList.toggle('acercado', inside);
      // One finger pans only a zoomed-in view; otherwise it scrolls the page (touch-action pan-x pan-y).
      if (inside) { map.dragging.enable(); } else { map.dragging.disable(); }
      if (inside && tiles && !map.hasLayer(tiles)) { tiles.addTo(map); }
      // Without tiles, a zoomed-in view swaps the shown copy for the 2000 px one (only then).
      if (inside && !tiles && base && fullCopy && base._url !== fullCopy) { base.setUrl(fullCopy); }
      panGroup.hidden = !inside;
    }
    map.on('zoomend', sync);
    canvas.addEventListener('wheel', function (event) {
      if (!zoomed() && !event.ctrlKey && document.activeElement !== canvas) { return; }   // the page scrolls
      event.preventDefault();
      map.setZoomAround(map.mouseEventToContainerPoint(event), map.getZoom() + (event.deltaY < 0 ? 0.5 : -0.5));
    }, { passive: false });

    var view = {
      map: map,
      zoomed: zoomed,
      fit: function () { return fit; },
      // `shown`: the copy already on screen (or the one to show unzoomed); tiles come only when zoomed in.
      open: function (link, alt, done, shown) {
        var W = +link.getAttribute('data-full-width'), H = +link.getAttribute('data-full-height');
        var factors = (link.getAttribute('data-scale-factors') || '').split(',').map(Number).filter(function (n) { return n > 0; });
        var largest = factors.length ? Math.max.apply(null, factors) : 1;
        nativeZoom = Math.round(Math.log(largest) / Math.LN2);
        if (base) { map.removeLayer(base); }
        if (tiles) { map.removeLayer(tiles); }
        marks.clearLayers();
        bounds = L.latLngBounds(point(0, H), point(W, 0));
        fullCopy = link.getAttribute('href');
        base = L.imageOverlay(shown || fullCopy, bounds, { alt: alt, pane: 'visor-pagina' });
        base.once('load', function () { done(false); });
        base.once('error', function () { done(true); });
        base.addTo(map);
        tiles = factors.length ? new Tiles({ folder: link.getAttribute('data-tiles'), tileSize: +link.getAttribute('data-tile-size'),
                                             fullWidth: W, fullHeight: H, nativeZoom: nativeZoom, minNativeZoom: 0, maxNativeZoom: nativeZoom,
                                             bounds: bounds, noWrap: true, keepBuffer: 1 }) : null;
        // Without tiles, zoom goes to twice the access image's resolution; with them, to twice the scan's.
        var access = +link.getAttribute('data-width') / W;
        var top = tiles ? nativeZoom + 1 : nativeZoom + Math.log(access) / Math.LN2 + 1;
        map.setMinZoom(-30);
        map.setMaxZoom(60);
        map.setMaxBounds(null);
        map.options.maxBounds = null;   // setMaxBounds(null) keeps the old bounds in the options
        fit = map.getBoundsZoom(bounds, false);
        map.setMinZoom(fit);
        map.setMaxZoom(Math.max(fit, top));
        map.setView(bounds.getCenter(), fit, { animate: false });
        map.setMaxBounds(bounds);
        sync();
      },
      highlight: function (boxes, focus) {
        marks.clearLayers();
        boxes.forEach(function (b) {
          L.rectangle(L.latLngBounds(point(b.x, b.y + b.h), point(b.x + b.w, b.y)),
                      { className: 'visor-resalte-mapa', color: '#c8102e', weight: 2, fillColor: '#f2c14e', fillOpacity: 0.35, interactive: false }).addTo(marks);
        });
        var b = boxes[focus];
        if (b) {
          // The word and some of its surroundings, at most at the scan's own resolution.
          var margin = Math.max(b.w, b.h) * 3;
          map.fitBounds(L.latLngBounds(point(b.x - margin, b.y + b.h + margin), point(b.x + b.w + margin, b.y - margin)),
                        { maxZoom: Math.max(fit, nativeZoom), animate: false });
          sync();
        }
      },
      pan: function (dx, dy) {
        var size = map.getSize();
        map.panBy([dx * size.x / 3, dy * size.y / 3]);
      },
      zoomBy: function (steps) { map.setZoom(map.getZoom() + steps); },
      reset: function () { if (bounds) { map.setView(bounds.getCenter(), fit); } }
    };
    return view;
  };
})();
