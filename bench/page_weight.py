#!/usr/bin/env python3
"""Bytes, LCP and CLS of site pages in headless Chromium, as a phone and as a desktop see them.

Serves SITE on 127.0.0.1 (a free port), opens each PAGE with the cache off, emulating a 375x812 phone
(device pixel ratio 2, touch) and a 1280x900 desktop, optionally on Lighthouse's slow-4G profile
(150 ms RTT, 1.6 Mbit/s, CPU x4), and prints one JSON line per page and profile: bytes received
(encoded, all requests), requests, the largest resource, LCP and CLS (PerformanceObserver).

    python3 bench/page_weight.py SITE PAGE... [--throttle] [--chromium chromium]
Needs chromium and websocket-client (pip).
"""
import argparse
import functools
import http.server
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

import websocket

VITALS = """new Promise(done => {
  let lcp = null, cls = 0;
  new PerformanceObserver(l => { for (const e of l.getEntries()) lcp = e.startTime; }).observe({type: 'largest-contentful-paint', buffered: true});
  new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput) cls += e.value; }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => done(JSON.stringify({lcp_ms: lcp === null ? null : Math.round(lcp), cls: Math.round(cls * 1000) / 1000,
    image: (document.querySelector('.visor-imagen') || {}).currentSrc || null})), 300);
})"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Tab:
    def __init__(self, binary):
        self.port = free_port()
        self.profile = tempfile.mkdtemp(prefix="memoria-weight-")
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
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=120)
        self.next_id, self.events = 0, []
        for domain in ("Page", "Runtime", "Network"):
            self.call(f"{domain}.enable")
        self.call("Network.setCacheDisabled", cacheDisabled=True)

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

    def pump(self, seconds):
        self.ws.settimeout(seconds)
        try:
            while True:
                self.events.append(json.loads(self.ws.recv()))
        except websocket.WebSocketTimeoutException:
            pass
        finally:
            self.ws.settimeout(120)

    def close(self):
        self.proc.terminate()
        self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def measure(tab, url, profile, throttle):
    width, height, ratio, mobile = (375, 812, 2, True) if profile == "phone" else (1280, 900, 1, False)
    tab.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=ratio, mobile=mobile)
    tab.call("Emulation.setTouchEmulationEnabled", enabled=mobile)
    if throttle:
        tab.call("Network.emulateNetworkConditions", offline=False, latency=150, downloadThroughput=1.6e6 / 8, uploadThroughput=750e3 / 8)
        tab.call("Emulation.setCPUThrottlingRate", rate=4)
    tab.call("Page.navigate", url="about:blank")
    tab.pump(0.5)
    tab.events.clear()
    tab.call("Page.navigate", url=url)
    # Network idle: 2 s without a response finishing (the page's own requests only).
    deadline, last = time.time() + 90, time.time()
    while time.time() < deadline and time.time() - last < 2:
        count = len(tab.events)
        tab.pump(0.25)
        if any(e.get("method") in ("Network.loadingFinished", "Network.responseReceived") for e in tab.events[count:]):
            last = time.time()
    urls = {e["params"]["requestId"]: e["params"]["response"]["url"] for e in tab.events if e.get("method") == "Network.responseReceived"}
    sizes = {}
    for e in tab.events:
        if e.get("method") == "Network.loadingFinished":
            sizes[e["params"]["requestId"]] = e["params"]["encodedDataLength"]
    vitals = json.loads(tab.call("Runtime.evaluate", expression=VITALS, awaitPromise=True, returnByValue=True)["result"]["value"])
    largest = max(((urls.get(k, k), v) for k, v in sizes.items()), key=lambda x: x[1], default=("", 0))
    return {"page": url.split("/", 3)[3], "profile": profile, "throttle": throttle, "bytes": sum(sizes.values()),
            "requests": len(sizes), "largest": largest[0].rsplit("/", 1)[-1], "largest_bytes": largest[1], **vitals}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("site")
    parser.add_argument("pages", nargs="+")
    parser.add_argument("--throttle", action="store_true")
    parser.add_argument("--chromium", default="chromium")
    args = parser.parse_args()
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *arguments):
            pass
    handler = functools.partial(Quiet, directory=args.site)
    port = free_port()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    tab = Tab(args.chromium)
    try:
        for page in args.pages:
            for profile in ("phone", "desktop"):
                print(json.dumps(measure(tab, f"http://127.0.0.1:{port}/{page}", profile, args.throttle)), flush=True)
    finally:
        tab.close()
        server.shutdown()


if __name__ == "__main__":
    sys.exit(main())
