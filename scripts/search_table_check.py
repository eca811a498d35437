#!/usr/bin/env python3
"""Runs a table of queries through a published Memoria site's static search in headless Chromium and
prints, as JSON, what a visitor sees for each: the item ids of the results (in order, every page of
results) and the "¿Quiso decir …?" suggestion. Serves the site on 127.0.0.1 (a free port) and starts
its own Chromium (browser_check.py's), stopping both at the end.
Usage: search_table_check.py SITE --queries queries.json [--chromium chromium] > found.json"""
import argparse, json, os, sys, urllib.parse
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser_check import Browser, serve_site

READ = """(() => {
  const ids = Array.from(document.querySelectorAll('.busqueda-resultados h2 a'))
    .map(a => (a.getAttribute('href').match(/items\\/([^/]+)\\//) || [])[1]);
  const s = document.querySelector('.busqueda-estado .sugerencia a');
  return {ids: ids, suggestion: s ? s.textContent : null, status: document.querySelector('.busqueda-estado').textContent};
})()"""

def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site")
    parser.add_argument("--queries", required=True, help="JSON array of query strings")
    parser.add_argument("--chromium", default="chromium")
    args = parser.parse_args()
    queries = json.load(open(args.queries, encoding="utf-8"))
    server, base = serve_site(args.site)
    browser = Browser(args.chromium)
    found = {}
    try:
        for query in queries:
            browser.goto(base + "buscar/index.html?q=" + urllib.parse.quote(query))
            # Finished: the status no longer says "Buscando…", and a query without results has had
            # the time to look for a suggestion (the suggestion's shards come from the same server).
            browser.wait_for("!/Buscando/.test(document.querySelector('.busqueda-estado').textContent) && "
                             "document.querySelector('.busqueda-estado').textContent !== ''", 15)
            browser.wait_for("document.querySelectorAll('.busqueda-resultados li').length > 0 || "
                             "!!document.querySelector('.busqueda-estado .sugerencia')", 3)
            result = browser.evaluate(READ) or {}
            problems = browser.problems()
            if problems:
                result["problems"] = problems
            found[query] = result
    finally:
        browser.close()
        server.shutdown()
    json.dump(found, sys.stdout, ensure_ascii=False, indent=1)

if __name__ == "__main__":
    main()
