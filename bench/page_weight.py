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
import sys
import threading
import time
import os

import websocket

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
from browser_check import Browser, free_port  # noqa: E402

VITALS = """new Promise(done => {
  let lcp = null, cls = 0;
  new PerformanceObserver(l => { for (const e of l.getEntries()) lcp = e.startTime; }).observe({type: 'largest-contentful-paint', buffered: true});
  new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput) cls += e.value; }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => done(JSON.stringify({lcp_ms: lcp === null ? null : Math.round(lcp), cls: Math.round(cls * 1000) / 1000,
    image: (document.querySelector('.visor-imagen') || {}).currentSrc || null})), 300);
})"""


class Tab(Browser):
    """The checks' own Chromium (scripts/browser_check.py), with the network watched and the cache off."""

    def __init__(self, binary):
        super().__init__(binary)
        self.ws.settimeout(120)   # a throttled page takes long
        self.call("Network.enable")
        self.call("Network.setCacheDisabled", cacheDisabled=True)

    def pump(self, seconds):
        self.ws.settimeout(seconds)
        try:
            while True:
                self.events.append(json.loads(self.ws.recv()))
        except websocket.WebSocketTimeoutException:
            pass
        finally:
            self.ws.settimeout(120)


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
