#!/usr/bin/env python3
"""Drives a published Memoria site in headless Chromium (DevTools protocol) and checks what a visitor
does: search for a word typed without accents, turn pages with the keyboard, read a hostile title as
text. Serves the site on 127.0.0.1 (a free port), starts its own Chromium, and stops both at the end.
Exit 0 when every check passed; each failure is printed. Needs: chromium, websocket-client (pip)."""
import argparse, http.server, json, os, shutil, socket, subprocess, sys, tempfile, threading, time, urllib.request
import functools
import websocket

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging each request to the terminal."""
    def log_message(self, *args, **kwargs):
        pass

def serve_site(folder):
    """Serves folder on 127.0.0.1 at a free port in a background thread; returns (server, base address).
    The caller stops it with server.shutdown()."""
    port = free_port()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(QuietHandler, directory=folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{port}/"

class Checks:
    """Prints each check as ok/FAIL and remembers the failures; finish() exits 1 when one failed."""
    def __init__(self):
        self.failures = []
    def __call__(self, condition, message):
        print(("ok   " if condition else "FAIL ") + message)
        if not condition:
            self.failures.append(message)
        return condition
    def finish(self, success_message):
        if self.failures:
            print(f"{len(self.failures)} check(s) failed")
            sys.exit(1)
        print(success_message)

class Browser:
    def __init__(self, binary):
        self.port = free_port()
        self.profile = tempfile.mkdtemp(prefix="memoria-chromium-")
        self.proc = subprocess.Popen([binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                      f"--remote-debugging-port={self.port}", "--remote-debugging-address=127.0.0.1",
                                      f"--user-data-dir={self.profile}", "about:blank"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                tabs = json.load(urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json"))
                page = next(t for t in tabs if t.get("type") == "page")
                break
            except Exception:
                time.sleep(0.1)
        else:
            raise SystemExit("chromium did not start")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30)
        self.next_id = 0
        self.events = []
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable")

    def call(self, method, **params):
        self.next_id += 1
        mine = self.next_id
        self.ws.send(json.dumps({"id": mine, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == mine:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        return result.get("result", {}).get("value")

    def goto(self, url):
        self.events.clear()
        self.call("Page.navigate", url=url)
        deadline = time.time() + 20
        while time.time() < deadline:
            if self.evaluate("document.readyState") == "complete":
                time.sleep(0.3)
                return
            time.sleep(0.1)
        raise RuntimeError(f"{url} did not load")

    def wait_for(self, expression, seconds=10):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if self.evaluate(expression):
                return True
            time.sleep(0.1)
        return False

    def key(self, key, code, keycode):
        for kind in ("keyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", type=kind, key=key, code=code, windowsVirtualKeyCode=keycode)

    def problems(self):
        found = []
        for e in self.events:
            if e.get("method") == "Runtime.exceptionThrown":
                found.append("JavaScript exception: " + json.dumps(e["params"]["exceptionDetails"].get("exception", {}).get("description", ""))[:300])
            if e.get("method") == "Log.entryAdded" and e["params"]["entry"].get("level") == "error":
                found.append("console error: " + e["params"]["entry"].get("text", "")[:300])
            if e.get("method") == "Page.javascriptDialogOpening":
                found.append("a dialog opened: " + e["params"].get("message", ""))
        return found

    def close(self):
        try:
            self.ws.close()
        finally:
            self.proc.terminate()
            self.proc.wait(timeout=10)
            shutil.rmtree(self.profile, ignore_errors=True)

def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site")
    parser.add_argument("--chromium", default="chromium")
    parser.add_argument("--fold-cases", help="JSON object word -> expected folded form")
    args = parser.parse_args()
    server, base = serve_site(args.site)
    browser = Browser(args.chromium)
    check = Checks()
    try:
        # 1. Search: a word of a transcription, typed without its accent (envió → envio).
        browser.goto(base + "buscar/index.html?q=envio")
        check(browser.wait_for("document.querySelectorAll('.busqueda-resultados li').length > 0"), "search for 'envio' shows results")
        links = browser.evaluate("Array.from(document.querySelectorAll('.busqueda-resultados a')).map(a => a.getAttribute('href'))") or []
        check(any("MMI-0001" in (l or "") for l in links), f"'envio' finds MMI-0001 (links: {links})")
        check((browser.evaluate("document.querySelectorAll('.busqueda-resultados mark').length") or 0) > 0, "the match is highlighted")
        if args.fold_cases:
            cases = json.load(open(args.fold_cases))
            got = browser.evaluate("(" + json.dumps(cases) + ") && Object.fromEntries(Object.keys(" + json.dumps(cases) + ").map(w => [w, window.MemoriaFold(w)]))")
            wrong = {w: (got.get(w), e) for w, e in cases.items() if got.get(w) != e}
            check(not wrong, f"the page folds words like the catalog ({len(cases)} cases; differences: {dict(list(wrong.items())[:8])})")
        check(not browser.problems(), "no console errors on the search page " + "; ".join(browser.problems()))

        # 2. The viewer turns pages with the keyboard.
        browser.goto(base + "items/BSH-0002/index.html")
        # The page image: the plain one (the deep-zoom viewer starts only when the visitor zooms).
        shown = "(document.querySelector('.visor-lienzo img.leaflet-image-layer') || document.querySelector('.visor-imagen')).getAttribute('src')"
        browser.wait_for("!!document.querySelector('.visor-actual')", 10)
        first = browser.evaluate(shown)
        browser.evaluate("document.querySelector('.visor-lienzo').focus()")
        browser.key("ArrowRight", "ArrowRight", 39)
        check(browser.wait_for("document.querySelector('.visor-actual').textContent === '2'"), "Arrow right shows page 2")
        second = browser.evaluate(shown)
        check(second != first, "the image changed with the page")
        check(browser.evaluate("location.hash") == "#p2", "the address remembers the page")
        check(browser.wait_for("document.querySelector('.transcripcion-pagina').textContent === 'página 2'"), "the transcription follows the page")
        browser.key("ArrowLeft", "ArrowLeft", 37)
        check(browser.wait_for("document.querySelector('.visor-actual').textContent === '1'"), "Arrow left goes back to page 1")
        browser.key("+", "Equal", 187)
        check(browser.wait_for("window.MemoriaVisor && window.MemoriaVisor.map.getZoom() > window.MemoriaVisor.map.getMinZoom() + 0.5"),
              "+ on the focused viewer starts the deep-zoom viewer and zooms in")
        check(not browser.problems(), "no console errors on the item page " + "; ".join(browser.problems()))

        # 3. Hostile metadata is text.
        browser.goto(base + "items/JHD-0002/index.html")
        title = browser.evaluate("document.getElementById('titulo-item').textContent") or ""
        check("<script>alert(\"xss\")</script>" in title, f"the hostile title is shown literally ({title[:60]!r})")
        check(browser.evaluate("document.querySelectorAll('script:not([src]):not([type=\"application/ld+json\"]):not(.visor-textos[type=\"application/json\"])').length") == 0, "no script was injected")
        check(browser.evaluate("document.querySelectorAll('img[src=\"x\"], [onerror], [onmouseover]').length") == 0, "no element or handler was injected")
        text = browser.evaluate("document.querySelector('.transcripcion-texto').textContent") or ""
        check("<script>alert('xss')</script>" in text and "</textarea>" in text, "the hostile transcription is shown literally")
        check(not browser.problems(), "no dialogs or errors on the hostile page " + "; ".join(browser.problems()))

        # 4. The classification chart: fonds → series → file → document, and back by the breadcrumb.
        def follow(selector, text):
            href = browser.evaluate("(Array.from(document.querySelectorAll(" + json.dumps(selector) + ")).find(a => a.textContent.includes("
                                    + json.dumps(text) + ")) || {}).href || ''")
            check(bool(href), f"a link «{text}» ({selector}) is on {browser.evaluate('location.pathname')}")
            if href:
                browser.goto(href)
            return bool(href)
        def heading():
            return browser.evaluate("document.querySelector('h1').textContent") or ""
        browser.goto(base + "fondos/margarita-michelena/index.html")
        check(browser.evaluate("document.querySelectorAll('.cuadro-arbol li').length") == 5, "the fonds page shows its five units as a tree")
        if follow(".cuadro-arbol a", "Serie Correspondencia 1950-1960"):
            check(heading() == "Correspondencia 1950-1960", f"the series page ({heading()!r})")
            if follow(".cuadro-arbol a", "Expediente Cartas sobre la antología"):
                check(heading() == "Cartas sobre la antología", f"the file page ({heading()!r})")
                if follow(".fichas a", "Carta sobre la antología de poemas"):
                    crumbs = browser.evaluate("Array.from(document.querySelectorAll('.migas li')).map(li => li.textContent)") or []
                    check(crumbs[:5] == ["Inicio", "Fondo Margarita Michelena", "Sección Correspondencia", "Serie Correspondencia 1950-1960",
                                         "Expediente Cartas sobre la antología"], f"the document's breadcrumb is its place in the chart ({crumbs})")
                    if follow(".migas a", "Serie Correspondencia 1950-1960"):
                        check(heading() == "Correspondencia 1950-1960", "the breadcrumb leads back to the series")
                        if follow(".migas a", "Fondo Margarita Michelena"):
                            check(heading() == "Margarita Michelena", "and from there to the fonds")
        check(not browser.problems(), "no console errors while walking the chart " + "; ".join(browser.problems()))
    finally:
        browser.close()
        server.shutdown()
    check.finish("all browser checks passed")

if __name__ == "__main__":
    main()
