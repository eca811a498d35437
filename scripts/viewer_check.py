#!/usr/bin/env python3
"""Drives the page viewer of a published Memoria site in headless Chromium (DevTools protocol), as a
phone user (375x812, touch) and a desktop keyboard user (1280x900) would:
- on load the page fetches only the image it shows (the medium copy), no Leaflet and no tile; the
  zoom layer starts at the first request to zoom (button, pinch, double tap) and then fetches tiles;
- deep zoom on the IIIF tiles: pinch, double tap, buttons; a swipe outside a zoomed view scrolls the
  page, a swipe on a zoomed view pans the image;
- keys pan a zoomed image only while the viewer has focus; no key acts elsewhere;
- arriving from a search (?q=word), the boxes drawn on the page image overlap the word's box in the
  archived ALTO, measured on the tile the browser rendered; «Buscar en este documento» lists the lines;
- a page turn says it is loading until the new page is shown (on a slow network);
- a very large page zoomed in shows tiles at scale factor 1;
- without JavaScript the access image and links show and no button does; from file:// the viewer works.
Serves the site on 127.0.0.1 (a free port) and starts its own Chromium (scripts/browser_check.py).
Exit 0 when every check passed; each failure is printed."""
import argparse, json, os, re, sys, time
import xml.etree.ElementTree as ET
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser_check import Browser, Checks, serve_site

def alto_boxes(path, word):
    """The boxes (x, y, w, h) of every String of an ALTO file whose content is `word`."""
    boxes = []
    for element in ET.parse(path).iter():
        if element.tag.endswith("String") and element.get("CONTENT", "").strip(".,;:").lower() == word:
            boxes.append(tuple(int(float(element.get(k))) for k in ("HPOS", "VPOS", "WIDTH", "HEIGHT")))
    return boxes

def overlap(a, b):
    """Intersection over union of two (left, top, width, height) rectangles."""
    x0, y0 = max(a[0], b[0]), max(a[1], b[1])
    x1, y1 = min(a[0] + a[2], b[0] + b[2]), min(a[1] + a[3], b[1] + b[3])
    inter = max(0, x1 - x0) * max(0, y1 - y0)
    union = a[2] * a[3] + b[2] * b[3] - inter
    return inter / union if union else 0

# Screen rectangles of the drawn highlights, and of the loaded tiles with the region each shows.
HIGHLIGHTS = "Array.from(document.querySelectorAll('path.visor-resalte-mapa')).map(p => { const r = p.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })"
TILES = ("Array.from(document.querySelectorAll('img.visor-mosaico')).filter(i => i.complete && i.naturalWidth > 0"
         " && i.closest('.leaflet-tile-loaded')).map(i => { const r = i.getBoundingClientRect(); return [i.getAttribute('src'), r.left, r.top, r.width, r.height]; })")
REGION = re.compile(r"/(full|(\d+),(\d+),(\d+),(\d+))/(max|(\d+),(\d+))/0/default\.jpg$")

def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site")
    parser.add_argument("--chromium", default="chromium")
    parser.add_argument("--item", required=True, help="item with tiles and an ALTO page 1 (MBL-0002)")
    parser.add_argument("--alto", required=True, help="that page's ALTO file")
    parser.add_argument("--word", required=True, help="a word of that ALTO to search for")
    parser.add_argument("--large", required=True, help="item whose page 1 is very large (9000x12000)")
    parser.add_argument("--axe", help="axe.min.js (axe-core): WCAG 2.1 A/AA rules on the item page, desktop and phone")
    args = parser.parse_args()
    server, base = serve_site(args.site)
    item = f"{base}items/{args.item}/index.html"
    browser = Browser(args.chromium)
    check = Checks()
    b = browser
    def plain_ready():
        return b.wait_for("document.querySelector('.visor-actual') && document.querySelector('.visor-acercar') && document.querySelector('.visor-imagen').complete", 15)
    def deep_ready():
        return b.wait_for("window.MemoriaVisor && document.querySelector('.visor-actual') && !document.querySelector('.visor[aria-busy]')", 15)
    def fetched():
        return b.evaluate("performance.getEntriesByType('resource').map(e => e.name)") or []
    def lazy_on_load(label):
        """After load (and a pause), nothing of the zoom layer was fetched: no Leaflet, no tile, no 2000 px copy."""
        time.sleep(1.0)
        names = fetched()
        heavy = [n for n in names if "/leaflet/" in n or "/iiif/" in n or re.search(r"/[^/]+(?<!\.m)(?<!\.thumb)\.jpg$", n)]
        check(b.evaluate("!window.MemoriaVisor") and not heavy, f"on load ({label}) only the shown copy is fetched, no Leaflet or tiles {heavy}")
        shown = b.evaluate("document.querySelector('.visor-imagen').currentSrc") or ""
        check(shown.endswith(".m.jpg"), f"…and the image shown is the medium copy ({shown.rsplit('/', 1)[-1]})")
    def zoom():
        return b.evaluate("window.MemoriaVisor.map.getZoom()")
    def center():
        return b.evaluate("(c => [c.lat, c.lng])(window.MemoriaVisor.map.getCenter())")
    def canvas_middle():
        return b.evaluate("(r => [r.left + r.width / 2, r.top + r.height / 2])(document.querySelector('.visor-lienzo').getBoundingClientRect())")
    def settle(expression="true", seconds=3):
        """Waits for `expression`, then until the map stops moving (animations, bounds corrections)."""
        time.sleep(0.4)
        ok = b.wait_for(expression, seconds)
        last = None
        for _ in range(20):
            now = b.evaluate("window.MemoriaVisor ? JSON.stringify([MemoriaVisor.map.getCenter(), MemoriaVisor.map.getZoom()]) : ''")
            if now == last:
                break
            last = now
            time.sleep(0.25)
        return ok
    def touch(start, end, steps=10):
        """Fingers from `start` to `end` (lists of points), as a phone's touch screen sends them."""
        b.call("Input.dispatchTouchEvent", type="touchStart", touchPoints=[{"x": px, "y": py, "id": i} for i, (px, py) in enumerate(start)])
        for k in range(1, steps + 1):
            b.call("Input.dispatchTouchEvent", type="touchMove", touchPoints=[
                {"x": fx + (tx - fx) * k / steps, "y": fy + (ty - fy) * k / steps, "id": i} for i, ((fx, fy), (tx, ty)) in enumerate(zip(start, end))])
            time.sleep(0.016)
        b.call("Input.dispatchTouchEvent", type="touchEnd", touchPoints=[])
    def tap(px, py):
        b.call("Input.dispatchTouchEvent", type="touchStart", touchPoints=[{"x": px, "y": py}])
        b.call("Input.dispatchTouchEvent", type="touchEnd", touchPoints=[])
    def axe(label):
        if not args.axe:
            return
        b.evaluate(open(args.axe, encoding="utf-8").read() + "\n;0")
        found = b.evaluate("axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                           ".then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')))")
        check(found == [], f"axe-core: no WCAG 2.1 A/AA violation on the item page ({label}) {found}")
    def desktop():
        b.call("Emulation.setTouchEmulationEnabled", enabled=False)
        b.call("Emulation.setDeviceMetricsOverride", width=1280, height=900, deviceScaleFactor=1, mobile=False)
    def phone():
        b.call("Emulation.setDeviceMetricsOverride", width=375, height=812, deviceScaleFactor=2, mobile=True)
        b.call("Emulation.setTouchEmulationEnabled", enabled=True, maxTouchPoints=5)
    try:
        b.call("Emulation.setFocusEmulationEnabled", enabled=True)   # focus events as in a focused window
        # 1. Desktop, arriving from a search: boxes on the page image where the ALTO has the word.
        desktop()
        b.goto(f"{item}?q={args.word}")
        check(plain_ready(), "the viewer shows the page with its zoom buttons")
        expected = alto_boxes(args.alto, args.word)
        check(b.wait_for(f"document.querySelectorAll('.visor-resalte').length === {len(expected)}", 10),
              f"one box per '{args.word}' of the ALTO on the unzoomed image ({len(expected)})")
        lazy_on_load("desktop, from a search")
        check(b.wait_for(f"document.querySelectorAll('.buscar-documento-resultados a').length >= {len(expected)}", 10)
              and not b.evaluate("document.querySelector('.buscar-documento').hidden"),
              "«Buscar en este documento» lists the lines where the word is")
        check(b.evaluate("document.querySelectorAll('.transcripcion-texto mark').length") > 0, "the word is marked in the page's text")
        axe("1280x900, from a search")
        matched, shown_tiles = 0, 0
        for index, (x, y, w, h) in enumerate(expected):
            # Choosing the line in «Buscar en este documento» zooms onto the word, on its tiles.
            b.evaluate(f"document.querySelectorAll('.buscar-documento-resultados a')[{index}].click()")
            settle("document.querySelectorAll('img.visor-mosaico').length > 0 && Array.from(document.querySelectorAll('img.visor-mosaico')).every(i => i.complete)", 10)
            time.sleep(0.6)
            tiles, marks = b.evaluate(TILES) or [], b.evaluate(HIGHLIGHTS) or []
            shown_tiles += len(tiles)
            # Where the word lies on screen according to the tile that shows it.
            for src, left, top, width, height in tiles:
                m = REGION.search(src)
                if not m or m.group(1) == "full":
                    continue
                rx, ry, rw, rh = (int(m.group(i)) for i in range(2, 6))
                if rx <= x and x + w <= rx + rw and ry <= y and y + h <= ry + rh:
                    sx, sy = width / rw, height / rh
                    on_screen = (left + (x - rx) * sx, top + (y - ry) * sy, w * sx, h * sy)
                    best = max((overlap(on_screen, mark) for mark in marks), default=0)
                    if best > 0.6:
                        matched += 1
                    else:
                        print(f"     the word at {on_screen} is not boxed (best overlap {best:.2f}, boxes {marks})")
                    break
        check(shown_tiles > 0, f"zoomed onto the word, tiles are shown ({shown_tiles})")
        check(matched == len(expected) and matched > 0, f"each box overlaps its word's ALTO box on the rendered tile ({matched} of {len(expected)})")

        # 2. Keyboard: arrows pan the zoomed image while the viewer has focus, and nothing when it has not.
        for control in ("visor-restablecer", "visor-acercar", "visor-acercar"):
            b.evaluate(f"document.querySelector('.{control}').click()")
            settle()
        check(zoom() > b.evaluate("MemoriaVisor.map.getMinZoom()") + 1.5, "the + button zooms in")
        axe("1280x900, zoomed in")
        b.evaluate("document.querySelector('.visor-lienzo').focus()")
        before = center()
        b.key("ArrowRight", "ArrowRight", 39)
        settle()
        check(center() != before, "→ on the focused, zoomed viewer pans the image")
        check(b.evaluate("document.querySelector('.visor-actual').textContent") == "1", "…and does not turn the page")
        b.evaluate("document.querySelector('.marca a').focus()")
        settle()
        before, zoom_before, scroll_before = center(), zoom(), b.evaluate("window.scrollY")
        b.key("ArrowRight", "ArrowRight", 39)
        b.key("+", "Equal", 187)
        b.key("0", "Digit0", 48)
        settle()
        check(center() == before and zoom() == zoom_before, f"with the focus on a header link, → + 0 leave the viewer alone ({before} {zoom_before} → {center()} {zoom()})")
        check(b.evaluate("document.querySelector('.visor-actual').textContent") == "1", "…and do not turn the page")
        b.evaluate("document.querySelector('.visor-mover-boton[aria-label=\"Mover abajo\"]').click()")
        settle()
        check(center() != before, "the «Mover abajo» button pans without dragging")
        outline = b.evaluate("(() => { const a = document.querySelector('.marca a'); a.focus(); return getComputedStyle(a).outlineColor; })()")
        check(outline in ("rgb(255, 255, 255)",), f"the header's focus ring is white on the dark red header ({outline})")

        # 3. Page turn on a slow network: "Cargando" until the new page is shown, then its number.
        b.goto(item)
        plain_ready()
        b.evaluate("document.querySelector('.visor-lienzo').focus()")
        nxt = b.evaluate("(a => [a.href].concat((a.getAttribute('data-srcset') || '').split(',').map(c => new URL(c.trim().split(' ')[0], a.href).href)))(document.querySelectorAll('.visor-miniaturas a')[1])")
        check(b.wait_for(f"performance.getEntriesByType('resource').some(e => {json.dumps(nxt)}.includes(e.name))", 5), "once the viewer is used, the next page is fetched ahead")
        b.call("Network.enable")
        b.call("Network.setCacheDisabled", cacheDisabled=True)
        b.call("Network.emulateNetworkConditions", offline=False, latency=800, downloadThroughput=50000, uploadThroughput=50000)
        b.evaluate("document.querySelector('.visor-siguiente').click()")
        loading = b.evaluate("document.querySelector('.visor-estado').textContent")
        check("Cargando" in loading and not b.evaluate("document.querySelector('.visor-actual')"), f"turning the page says it is loading ({loading!r})")
        check(b.wait_for("(document.querySelector('.visor-actual') || {}).textContent === '2'", 20), "then shows «Página 2»")
        b.call("Network.emulateNetworkConditions", offline=False, latency=0, downloadThroughput=-1, uploadThroughput=-1)
        b.call("Network.setCacheDisabled", cacheDisabled=False)
        b.evaluate("document.querySelector('.visor-lienzo').focus()")
        b.key("+", "Equal", 187)
        check(deep_ready(), "+ on the focused viewer starts the deep-zoom viewer")
        settle()
        check(zoom() > b.evaluate("MemoriaVisor.map.getMinZoom()") + 0.5, "…and zooms in")

        # 4. A 9000x12000 page zoomed all the way in shows tiles at scale factor 1.
        b.goto(f"{base}items/{args.large}/index.html")
        check(plain_ready(), "the large page opens in the viewer")
        for _ in range(14):
            b.evaluate("document.querySelector('.visor-acercar').click()")
            time.sleep(0.3)
        check(deep_ready(), "the + button starts the deep-zoom viewer")
        settle("Array.from(document.querySelectorAll('img.visor-mosaico')).some(i => i.complete && i.naturalWidth > 0)", 15)
        time.sleep(1)
        full = []
        for src, *_ in b.evaluate(TILES) or []:
            m = REGION.search(src)
            if m and m.group(2) and m.group(7) and int(m.group(4)) == int(m.group(7)):
                full.append(src)
        check(bool(full), f"tiles at scale factor 1 are shown ({full[:2]})")
        check(not b.problems(), "no console errors on desktop " + "; ".join(b.problems()))

        # 5. Phone: a swipe on the page image scrolls the page; pinch and double tap zoom; a swipe on a zoomed view pans.
        phone()
        b.goto(item)
        check(plain_ready(), "the viewer starts on a phone")
        lazy_on_load("phone")
        axe("375x812")
        b.evaluate("window.scrollTo(0, 0)")
        x, y = canvas_middle()
        touch([(x, y + 100)], [(x, y - 150)])
        settle()
        check(b.evaluate("window.scrollY") > 100 and b.evaluate("!window.MemoriaVisor"), f"a swipe on the unzoomed image scrolls the page (scrollY {b.evaluate('window.scrollY')})")
        b.evaluate("window.scrollTo(0, 0)")
        time.sleep(0.3)
        x, y = canvas_middle()
        # The first pinch wakes the zoom layer and zooms it.
        touch([(x - 30, y), (x + 30, y)], [(x - 120, y), (x + 120, y)])
        check(deep_ready(), "a pinch starts the deep-zoom viewer")
        settle()
        fit = b.evaluate("MemoriaVisor.map.getMinZoom()")
        check(zoom() > fit + 0.3, f"a pinch zooms the image ({fit:.2f} → {zoom():.2f})")
        check(b.evaluate("window.visualViewport.scale") == 1, "…and not the page")
        b.evaluate("document.querySelector('.visor-restablecer').click()")
        settle()
        touch([(x - 30, y), (x + 30, y)], [(x - 120, y), (x + 120, y)])
        settle()
        check(zoom() > fit + 0.3, f"a second pinch (Leaflet's own) zooms the image ({fit:.2f} → {zoom():.2f})")
        scroll_before, before = b.evaluate("window.scrollY"), center()
        touch([(x, y)], [(x - 100, y - 100)])
        settle()
        check(center() != before and abs(b.evaluate("window.scrollY") - scroll_before) < 5, "a swipe on the zoomed image pans it, not the page")
        b.evaluate("document.querySelector('.visor-restablecer').click()")
        settle()
        fit = zoom()
        tap(x, y)
        time.sleep(0.08)
        tap(x, y)
        settle()
        check(zoom() > fit + 0.3, f"a double tap zooms in ({fit:.2f} → {zoom():.2f})")
        # A double tap as the first request also wakes the zoom layer and zooms.
        b.goto(item)
        plain_ready()
        b.evaluate("window.scrollTo(0, 0)")
        time.sleep(0.3)
        x, y = canvas_middle()
        tap(x, y)
        time.sleep(0.08)
        tap(x, y)
        check(deep_ready(), "a double tap starts the deep-zoom viewer")
        settle()
        check(zoom() > b.evaluate("MemoriaVisor.map.getMinZoom()") + 0.3, f"…and zooms in ({zoom():.2f})")
        check(not b.problems(), "no console errors on the phone " + "; ".join(b.problems()))

        # 6. Without JavaScript: the image and links, no button at all in the viewer, no hidden box shown.
        desktop()
        b.call("Emulation.setScriptExecutionDisabled", value=True)
        b.goto(item)
        check(b.evaluate("document.querySelector('.visor-imagen').complete && document.querySelector('.visor-imagen').naturalWidth > 0"), "without JavaScript the access image shows")
        check(b.evaluate("document.querySelectorAll('.visor button').length") == 0, "…and the viewer has no button")
        check(b.evaluate("document.querySelectorAll('.visor-miniaturas a[href$=\".jpg\"]').length") >= 1, "…the thumbnails link to the images")
        check(b.evaluate("document.querySelector('.buscar-documento').hidden"), "…the search box (which needs JavaScript) is hidden")
        b.call("Emulation.setScriptExecutionDisabled", value=False)

        # 7. From a folder (file://), as from a USB copy.
        b.goto("file://" + os.path.abspath(os.path.join(args.site, "items", args.item, "index.html")) + f"?q={args.word}")
        check(plain_ready() and b.wait_for(f"document.querySelectorAll('.visor-resalte').length === {len(expected)}", 10), "from file:// the viewer boxes the search word")
        b.evaluate("document.querySelector('.visor-acercar').click()")
        check(deep_ready(), "…and the + button starts the deep-zoom viewer")
        check(b.wait_for(f"document.querySelectorAll('path.visor-resalte-mapa').length === {len(expected)}", 10), "…which boxes the search word too")
        check(not b.problems(), "no console errors from file:// " + "; ".join(b.problems()))
    finally:
        browser.close()
        server.shutdown()
    check.finish("all viewer checks passed")

if __name__ == "__main__":
    main()
