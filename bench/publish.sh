#!/usr/bin/env bash
# Publish benchmark: `memoria publish` on deployments of 10,000 and 100,000 synthetic items (catalog,
# derivatives and METS/DC synthesised by memoria-bench synth-site; about 2 pages and 2 KB of text per
# item): a full publish, an incremental publish after changing one item, and one with nothing changed.
# Then, on the 10,000-item site, the search compared with Pagefind (pagefind-bin from PyPI) indexing
# the same published pages: index size and bytes fetched per query in headless Chromium, measured by
# ../shared/tools/site_check.py for both, with the same queries.
#   bash bench/publish.sh          # SIZES="10000 100000"; PAGEFIND_SIZE=10000; BENCH_OUT=bench/out; MEMORIA_BIN
# Needs chromium for the search comparison (skipped with a message when absent).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${BENCH_OUT:-bench/out}
SIZES=${SIZES:-"10000 100000"}
PAGEFIND_SIZE=${PAGEFIND_SIZE:-10000}
QUERIES=${QUERIES:-"partituras tulancingo imprenta domingo poemas"}
mkdir -p "$OUT"
# MEMORIA_BIN: a release folder already built (memoria and memoria-bench), so that the benchmark
# does not build while it is timed or on a machine where builds take turns.
if [ -n "${MEMORIA_BIN:-}" ]; then
  BIN=$MEMORIA_BIN
else
  swift build -c release >/dev/null   # every product
  BIN=$(swift build -c release --show-bin-path)
fi
echo "# $(date -u +%FT%TZ) $(nproc) cores"

timed() {   # timed LABEL COMMAND...: wall seconds and peak RSS of one run
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$OUT/.time" "$@" >/dev/null
  read -r s rss < "$OUT/.time"
  echo "$label: $s s, peak RSS $((rss / 1024)) MB"
  LAST_SECONDS=$s
}

for N in $SIZES; do
  D=$OUT/publish-$N
  rm -rf "$D"
  echo "## $N items"
  "$BIN/memoria-bench" synth-site --dir "$D" --items "$N" --template pipeline.yaml
  SITE=$D/$(sed -n 's/^  site: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' pipeline.yaml | head -1)
  timed "full publish" "$BIN/memoria" publish --full --config "$D/pipeline.yaml"
  HTML=$(find "$SITE" -name '*.html' | wc -l)
  FILES=$(find "$SITE" -type f | wc -l)
  python3 -c "import sys; print(f'  {sys.argv[1]} HTML pages, {sys.argv[2]} files: {int(sys.argv[1]) / float(sys.argv[3]):.0f} HTML pages/s')" "$HTML" "$FILES" "$LAST_SECONDS"
  echo "  site size without images: $(du -sm --apparent-size --exclude='*.jpg' "$SITE" | cut -f1) MB;" \
       "search index: $(du -sm --apparent-size "$SITE/buscar" | cut -f1) MB in $(find "$SITE/buscar" -type f | wc -l) files"
  # The first incremental publish after a full one clones the site into its spare copy with hard
  # links (SiteGenerations); `cp -al` of the same tree on the same file system is its reference.
  rm -rf "$D/cp-al" && timed "reference: cp -al of the published site" cp -al "$SITE" "$D/cp-al" && rm -rf "$D/cp-al"
  "$BIN/memoria-bench" synth-site --dir "$D" --change-one
  timed "first incremental publish after the full one, one item changed (spare copy cloned)" "$BIN/memoria" publish --config "$D/pipeline.yaml"
  "$BIN/memoria-bench" synth-site --dir "$D" --change-one
  timed "incremental publish, one item changed" "$BIN/memoria" publish --config "$D/pipeline.yaml"
  timed "incremental publish, nothing changed" "$BIN/memoria" publish --config "$D/pipeline.yaml"
done

# ---------------------------------------------------------------- search bytes: Memoria vs Pagefind
D=$OUT/publish-$PAGEFIND_SIZE
SITE=$D/$(sed -n 's/^  site: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' pipeline.yaml | head -1)
CHECK=../shared/tools/site_check.py
if ! command -v chromium >/dev/null || [ ! -f "$CHECK" ] || [ ! -d "$SITE" ]; then
  echo "## search comparison skipped: needs chromium, $CHECK and the $PAGEFIND_SIZE-item site"; exit 0
fi
if ! bench/.venv/bin/python -c "import websocket, pagefind_bin" 2>/dev/null; then
  python3 -m venv bench/.venv && bench/.venv/bin/pip -q install websocket-client pagefind-bin
fi
# pagefind-bin ships the binary inside the package rather than on the venv's PATH.
PAGEFIND=$(bench/.venv/bin/python -c "import os, pagefind_bin; print(os.path.join(os.path.dirname(pagefind_bin.__file__), 'pagefind'))")
PF=$OUT/pagefind-$PAGEFIND_SIZE
# Pagefind reads the HTML pages; the images are not search data (and one synthetic image is linked
# from every item, more links than a file may have), so only the pages are copied.
rm -rf "$PF" && mkdir -p "$PF"
(cd "$SITE" && find . -name '*.html' ! -path './buscar/*' -exec cp --parents -t "$(cd - >/dev/null && cd "$PF" && pwd)" {} +)
timed "pagefind index of the same $PAGEFIND_SIZE-item site" "$PAGEFIND" --site "$PF"
cat > "$PF/pagefind-buscar.html" <<'HTML'
<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Pagefind</title>
<link href="pagefind/pagefind-ui.css" rel="stylesheet"><script src="pagefind/pagefind-ui.js"></script></head>
<body><div id="search"></div><script>window.addEventListener('DOMContentLoaded',()=>{new PagefindUI({element:"#search",showSubResults:false})});</script></body></html>
HTML
echo "index size: memoria $(du -sk --apparent-size "$SITE/buscar" | cut -f1) KB, pagefind $(du -sk --apparent-size "$PF/pagefind" | cut -f1) KB"
ARGS=()
for q in $QUERIES; do ARGS+=(--query "$q"); done
bench/.venv/bin/python "$CHECK" "$SITE" --search-page buscar/index.html --search-input '#q' --submit \
  --results-selector '.busqueda-resultados li' "${ARGS[@]}" --max-pages 5 --browser-pages 1 --out "$OUT/search-memoria.json" >/dev/null || true
bench/.venv/bin/python "$CHECK" "$PF" --start pagefind-buscar.html --search-page pagefind-buscar.html \
  --search-input '.pagefind-ui__search-input' --results-selector '.pagefind-ui__result' "${ARGS[@]}" \
  --max-pages 1 --browser-pages 1 --out "$OUT/search-pagefind.json" >/dev/null || true
python3 - "$OUT/search-memoria.json" "$OUT/search-pagefind.json" <<'PY'
import json, sys
ours, theirs = (json.load(open(p)).get("search", []) for p in sys.argv[1:3])
def index_bytes(r):
    # Pagefind's result list shows each page's first image; images are not search data, so they are
    # taken out (they are the largest files, so all of them are among the ten the checker lists).
    images = sum(f["bytes"] for f in r.get("query_files", []) if f["url"].lower().endswith((".jpg", ".jpeg", ".png", ".webp")))
    return r.get("query_bytes", 0) - images
print("| query | Memoria: results shown, bytes fetched (gzip est.) | Pagefind: results shown, bytes without images (all bytes) | ratio |")
print("|---|---|---|---|")
for a, b in zip(ours, theirs):
    ia, ib = index_bytes(a), index_bytes(b)
    print(f"| {a.get('query')} | {a.get('results_shown')}, {ia} ({a.get('query_bytes_gzip_est')}) | {b.get('results_shown')}, {ib} ({b.get('query_bytes')}) | {ia / ib if ib else float('nan'):.3f} |")
PY
