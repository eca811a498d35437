#!/usr/bin/env python3
"""Checks browsing on a published Memoria site in headless Chromium (DevTools protocol), with expected
values computed here from the site's own open data (datos/catalogo.json), not from the page:
combined facets and their live counts on the search page, sorting by date and title, numbered paging
with focus and the Back button, the first result in view on a 375 px screen, the timeline and the
place pages with JavaScript turned off, and the print stylesheet (a PDF printed by Chromium, its first
page rendered with pdftoppm and read with pdftotext). Serves the site on 127.0.0.1 and stops
everything it started. Exit 0 when every check passed. Needs: chromium, poppler-utils, websocket-client."""
import argparse, base64, json, os, shutil, subprocess, sys, tempfile, time, unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser_check import Browser, Checks, serve_site  # noqa: E402


def fold(text):
    """Case and accents folded (ñ kept), as the site's search does."""
    out = []
    for ch in unicodedata.normalize("NFD", text.lower()):
        if unicodedata.combining(ch):
            if ch == "\u0303" and out and out[-1] == "n":
                out[-1] = "ñ"
            continue
        out.append(ch)
    return "".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site")
    parser.add_argument("--chromium", default="chromium")
    args = parser.parse_args()
    catalogue = json.load(open(os.path.join(args.site, "datos", "catalogo.json"), encoding="utf-8"))
    by_id = {item["identifier"]: item for item in catalogue}

    server, base = serve_site(args.site)
    browser = Browser(args.chromium)
    check = Checks()

    def results():
        """Item ids of the results shown, in order."""
        links = browser.evaluate("Array.from(document.querySelectorAll('.busqueda-resultados h2 a')).map(a => a.getAttribute('href'))") or []
        return [l.split("items/")[1].split("/")[0] for l in links if "items/" in l]

    def settled():
        return browser.wait_for("(() => { const s = document.querySelector('.busqueda-estado').textContent;"
                                " return s && s !== 'Buscando…'; })()")

    def facet_counts(label):
        script = ("(() => { const out = {}; for (const s of document.querySelectorAll('.busqueda-facetas section')) {"
                  " if (s.querySelector('h2').textContent !== " + json.dumps(label) + ") continue;"
                  " for (const li of s.querySelectorAll('li')) { out[li.querySelector('a').textContent] ="
                  " parseInt(li.querySelector('.cuenta').textContent.replace(/[()]/g, ''), 10); } } return out; })()")
        return browser.evaluate(script) or {}

    def click_facet(label, value):
        script = ("(() => { for (const s of document.querySelectorAll('.busqueda-facetas section')) {"
                  " if (s.querySelector('h2').textContent !== " + json.dumps(label) + ") continue;"
                  " for (const a of s.querySelectorAll('a')) if (a.textContent === " + json.dumps(value) + ") { a.click(); return true; } }"
                  " return false; })()")
        clicked = browser.evaluate(script)
        check(bool(clicked), f"the facet value «{label}: {value}» is offered")
        time.sleep(0.2)
        settled()

    def decade(item):
        return None if item["yearStart"] is None else item["yearStart"] // 10 * 10

    try:
        # 1. Combined facets with live counts: fonds × decade × subject, counts from the catalogue.
        browser.goto(base + "buscar/index.html?fondo=BSH")
        settled()
        bsh = [i for i in catalogue if i["fondsCode"] == "BSH"]
        check(browser.wait_for("document.querySelectorAll('.busqueda-facetas section').length > 0"), "the facets are shown with a fonds filter")
        check(sorted(results()) == sorted(i["identifier"] for i in bsh), f"fondo=BSH lists the fonds' {len(bsh)} documents ({results()})")
        expected = {}
        for i in bsh:
            if decade(i) is not None:
                expected[f"década de {decade(i)}"] = expected.get(f"década de {decade(i)}", 0) + 1
        check(facet_counts("Década") == expected, f"decade counts within the fonds ({facet_counts('Década')} vs {expected})")
        click_facet("Década", "década de 1950")
        in_decade = [i for i in bsh if decade(i) == 1950]
        check(sorted(results()) == sorted(i["identifier"] for i in in_decade), f"fonds × decade ({results()})")
        check("decada=1950" in browser.evaluate("location.search") and "fondo=BSH" in browser.evaluate("location.search"), "the address holds both filters")
        subjects = {}
        for i in in_decade:
            for s in i["subject"]:
                subjects[s] = subjects.get(s, 0) + 1
        check(facet_counts("Tema") == subjects, f"subject counts follow the filter ({facet_counts('Tema')} vs {subjects})")
        types = facet_counts("Tipo")
        check(types == {"Texto": len(in_decade)}, f"«Texto ({len(in_decade)})» beside {len(in_decade)} results ({types})")
        click_facet("Tema", "Canciones")
        both = [i["identifier"] for i in in_decade if "Canciones" in i["subject"]]
        check(results() == both, f"fonds × decade × subject ({results()} vs {both})")
        check(facet_counts("Tipo") == {"Texto": len(both)}, f"the type count follows three filters ({facet_counts('Tipo')})")
        browser.evaluate("history.back()")
        time.sleep(0.3)
        settled()
        check(sorted(results()) == sorted(i["identifier"] for i in in_decade), "Back removes the last filter")
        # A query combined with a facet: a word and a place.
        browser.goto(base + "buscar/index.html?q=hacienda&lugar=" + "Apan%2C%20Hidalgo")
        settled()
        places = [i["identifier"] for i in catalogue if i["identifier"] in ("MBL-0001",)]
        check(results() == places, f"a word combined with a place ({results()})")
        check(not browser.problems(), "no console errors with facets " + "; ".join(browser.problems()))

        # 2. Sort by date and by title, in browse mode (no words).
        browser.goto(base + "buscar/index.html?orden=fecha")
        settled()
        shown = results()
        keys = [(by_id[i]["yearStart"] is None, by_id[i]["yearStart"] or 0) for i in shown]
        check(len(shown) == 10 and keys == sorted(keys), f"sorted by date ({[by_id[i]['date'] for i in shown]})")
        browser.goto(base + "buscar/index.html?orden=titulo")
        settled()
        shown = results()

        def title_key(t):
            return "".join(ch for ch in fold(t) if ch.isalnum() or ch == " ").strip()
        titles = [title_key(by_id[i]["title"]) for i in shown]
        check(titles == sorted(titles), f"sorted by title ({titles})")
        browser.goto(base + "buscar/index.html?q=musica")
        settled()
        relevance = results()
        browser.evaluate("(() => { const s = document.getElementById('orden'); s.value = 'fecha'; s.dispatchEvent(new Event('change')); })()")
        time.sleep(0.3)
        settled()
        by_date = results()
        check(sorted(relevance) == sorted(by_date) and "orden=fecha" in browser.evaluate("location.search"),
              f"the sort menu reorders the same results ({relevance} → {by_date})")

        # 3. Paging keeps its numbering, moves the focus, and Back returns to the previous page.
        total = len(catalogue)
        browser.goto(base + "buscar/index.html?orden=fecha")
        settled()
        first_page = results()
        check(browser.evaluate("document.querySelector('.busqueda-resultados').start") == 1, "page 1 is numbered from 1")
        clicked = browser.evaluate("(() => { const a = Array.from(document.querySelectorAll('.busqueda-paginas a')).find(a => a.textContent === '2');"
                                   " if (a) { a.click(); return true; } return false; })()")
        check(bool(clicked), "a link to page 2 is shown")
        time.sleep(0.3)
        settled()
        second_page = results()
        check(len(second_page) == total - 10 and not set(second_page) & set(first_page), f"page 2 shows the other {total - 10} documents")
        check(browser.evaluate("document.querySelector('.busqueda-resultados').start") == 11, "page 2 is numbered from 11")
        check(browser.evaluate("document.activeElement && document.activeElement.classList.contains('busqueda-estado')"), "the focus moves to the summary")
        check("pagina=2" in browser.evaluate("location.search"), "the address holds the page")
        browser.evaluate("history.back()")
        time.sleep(0.3)
        settled()
        check(results() == first_page and browser.evaluate("document.querySelector('.busqueda-resultados').start") == 1, "Back returns to page 1")
        browser.evaluate("history.forward()")
        time.sleep(0.3)
        settled()
        check(results() == second_page, "Forward returns to page 2")

        # 4. On a 375 px screen, the first result is in view right after searching.
        browser.call("Emulation.setDeviceMetricsOverride", width=375, height=667, deviceScaleFactor=2, mobile=True)
        browser.goto(base + "buscar/index.html")
        browser.evaluate("document.getElementById('q').value = 'partitura'; document.querySelector('.buscador').requestSubmit()")
        settled()
        box = browser.evaluate("(() => { const li = document.querySelector('.busqueda-resultados li'); if (!li) return null;"
                               " const r = li.getBoundingClientRect(); return [r.top, r.bottom, innerHeight, innerWidth]; })()")
        check(box is not None and box[0] >= 0 and box[0] < box[2] - 60, f"the first result is in view at 375 px (box {box})")
        check(browser.evaluate("document.documentElement.scrollWidth <= innerWidth"), "no sideways scrolling at 375 px")
        browser.call("Emulation.clearDeviceMetricsOverride")

        # 5. Timeline and places, with JavaScript off.
        browser.call("Emulation.setScriptExecutionDisabled", value=True)
        browser.goto(base + "explorar/fechas/index.html")
        decades = browser.evaluate("Array.from(document.querySelectorAll('.linea-tiempo > li h2 a')).map(a => a.textContent)") or []
        expected_decades = sorted({decade(i) for i in catalogue if decade(i) is not None})
        check(decades == [f"Década de {d}" for d in expected_decades], f"the timeline lists the decades in order ({decades})")
        years = {}
        for i in catalogue:
            if i["yearStart"] is not None and i["yearStart"] == i["yearEnd"]:
                years[i["yearStart"]] = years.get(i["yearStart"], 0) + 1
        shown_years = browser.evaluate("Object.fromEntries(Array.from(document.querySelectorAll('.anios li')).map(li =>"
                                       " [li.querySelector('a').textContent, parseInt(li.querySelector('.cuenta').textContent.slice(1), 10)]))") or {}
        check(shown_years == {str(y): c for y, c in years.items()}, f"the years and their counts ({shown_years} vs {years})")
        uncertain = [i for i in catalogue if i["date"].endswith(("?", "~", "%"))]
        text = browser.evaluate("document.querySelector('main').textContent") or ""
        check(not uncertain or "fecha dudosa o aproximada" in text, "uncertain dates are counted as such")
        year = min(years)
        href = browser.evaluate("(Array.from(document.querySelectorAll('.anios a')).find(a => a.textContent === '" + str(year) + "') || {}).href")
        check(bool(href), f"a link to the year {year}")
        if href:
            browser.goto(href)
            cards = browser.evaluate("Array.from(document.querySelectorAll('.fichas .ficha-titulo')).map(s => s.textContent)") or []
            check(sorted(cards) == sorted(i["title"] for i in catalogue if i["yearStart"] == year == i["yearEnd"]), f"the year page lists its documents ({cards})")
        browser.goto(base + "explorar/fechas/1950/index.html")
        dates = browser.evaluate("Array.from(document.querySelectorAll('.fichas .ficha-titulo')).map(s => s.textContent)") or []
        in_fifties = [i for i in catalogue if decade(i) == 1950]
        starts = [next(i["yearStart"] for i in in_fifties if i["title"] == t) for t in dates]
        check(len(dates) == len(in_fifties) and starts == sorted(starts), f"the decade page is sorted by date ({dates}, {starts})")
        check("fecha dudosa" in (browser.evaluate("document.querySelector('.fichas').textContent") or ""), "an uncertain date reads «fecha dudosa» in a list")
        browser.goto(base + "explorar/lugares/index.html")
        place_links = browser.evaluate("Array.from(document.querySelectorAll('.indice a')).map(a => a.textContent)") or []
        check("Apan, Hidalgo" in place_links, f"the places index lists «Apan, Hidalgo» ({place_links})")
        href = browser.evaluate("(Array.from(document.querySelectorAll('.indice a')).find(a => a.textContent === 'Apan, Hidalgo') || {}).href")
        if href:
            browser.goto(href)
            cards = browser.evaluate("Array.from(document.querySelectorAll('.fichas a')).map(a => a.getAttribute('href'))") or []
            check(any("MBL-0001" in c for c in cards), f"the place page lists MBL-0001 ({cards})")
        browser.call("Emulation.setScriptExecutionDisabled", value=False)

        # 6. The print stylesheet: Chromium prints the item page; the first page has the header, the
        #    title and the citation; the page image is on a sheet of its own.
        browser.goto(base + "items/BSH-0002/index.html")
        pdf = base64.b64decode(browser.call("Page.printToPDF", printBackground=False, preferCSSPageSize=True)["data"])
        folder = tempfile.mkdtemp(prefix="memoria-print-")
        path = os.path.join(folder, "item.pdf")
        with open(path, "wb") as handle:
            handle.write(pdf)
        first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", path, "-"], capture_output=True, text=True).stdout
        title = by_id["BSH-0002"]["title"]
        check(title in first, f"the printed first page shows the title ({first[:200]!r})")
        check("Memoria de Hidalgo" in first, "the printed first page shows the site's header")
        everything = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True).stdout
        check("Cómo citar" in everything and "Ficha" in everything, "the record and the citation are printed")
        listing = subprocess.run(["pdfimages", "-list", path], capture_output=True, text=True).stdout.splitlines()[2:]
        image_pages = sorted({int(line.split()[0]) for line in listing if line.split() and line.split()[0].isdigit()})
        check(bool(image_pages) and 1 not in image_pages, f"the page image is not on the first sheet (pages with images: {image_pages})")
        if image_pages:
            sheet = subprocess.run(["pdftotext", "-f", str(image_pages[0]), "-l", str(image_pages[0]), path, "-"], capture_output=True, text=True).stdout
            check("Cómo citar" not in sheet and "Ficha" not in sheet, "the page image has its sheet to itself")
        subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "50", "-png", path, os.path.join(folder, "primera")], check=True)
        rendered = [f for f in os.listdir(folder) if f.startswith("primera") and f.endswith(".png")]
        check(len(rendered) == 1 and os.path.getsize(os.path.join(folder, rendered[0])) > 2000, "pdftoppm renders the first page")
        shutil.rmtree(folder, ignore_errors=True)
        check(not browser.problems(), "no console errors while printing " + "; ".join(browser.problems()))
    finally:
        browser.close()
        server.shutdown()
    check.finish("all browsing checks passed")


if __name__ == "__main__":
    main()
