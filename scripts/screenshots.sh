#!/usr/bin/env bash
# Screenshots of the published sample site at 1280 px and 375 px: home, a fonds, an item and a search
# (typed without accents). Run README command 1 first; the site is served on 127.0.0.1 only while the
# screenshots are taken.
#   bash scripts/screenshots.sh [SITE] [OUT]      # defaults: run/site docs/screenshots
set -euo pipefail
cd "$(dirname "$0")/.."
SITE=${1:-run/site}
OUT=${2:-docs/screenshots}
[ -f "$SITE/index.html" ] || { echo "no site at $SITE: run bash scripts/run-sample.sh first" >&2; exit 64; }
command -v chromium >/dev/null || { echo "chromium is not installed (Debian package chromium)" >&2; exit 2; }
mkdir -p "$OUT"
PORT=$(python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
python3 -m http.server -d "$SITE" "$PORT" --bind 127.0.0.1 >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER' EXIT
sleep 1
shot() {   # shot NAME WIDTH HEIGHT PATH
  chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --virtual-time-budget=4000 \
    --window-size="$2,$3" --screenshot="$OUT/$1-$2.png" "http://127.0.0.1:$PORT/$4" >/dev/null 2>&1
}
for width in 1280 375; do
  shot inicio "$width" 2200 ""
  shot fondo "$width" 2200 "fondos/banda-sinfonica/"
  shot item "$width" 2400 "items/BSH-0002/"
  shot busqueda "$width" 1600 "buscar/?q=cancion+mayo"
done
ls "$OUT"
