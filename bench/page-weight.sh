#!/usr/bin/env bash
# Item page weight at production sizes: one item of three A4 300 dpi pages (access copies 1414×2000),
# published twice from the same archive settings except the medium copy: `antes` without it
# (derivatives.medium_long_edge: 0, the one 2000 px copy the site had before srcset) and `después`
# with the default. Each page is opened in headless Chromium as a 375×812 phone (DPR 2) and a
# 1280×900 desktop, without and with Lighthouse's slow-4G profile: bytes, requests, LCP, CLS.
# BIN_ANTES=<folder with another build's memoria>: `antes` is that build with the same settings as
# `después` (e.g. main before a change), instead of this build without the medium copy.
# Needs chromium and websocket-client (.venv).
#   flock /tmp/memoria-swift.lock bash bench/page-weight.sh
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${BENCH_OUT:-bench/out}
C=$OUT/corpus
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
PY=${PYTHON:-.venv/bin/python}
# BIN=.build/debug uses a debug build (the bytes are the same; only ingesting is slower).
if [ -n "${BIN:-}" ]; then BIN=$(cd "$BIN" && pwd); else
  swift build -c release --product memoria >/dev/null
  swift build -c release --product memoria-fixtures >/dev/null
  BIN=$(swift build -c release --show-bin-path)
fi
[ -f "$C/a4_rgb8_lzw.tif" ] || "$BIN/memoria-fixtures" corpus "$C"
echo "# $(date -u +%FT%TZ) $(chromium --version 2>/dev/null | head -1)"
ANTES=${BIN_ANTES:+$(cd "$BIN_ANTES" && pwd)}
for variant in antes despues; do
  D=$T/$variant
  RUN=$BIN
  if [ $variant = antes ] && [ -n "$ANTES" ]; then RUN=$ANTES; fi
  item=$D/inbox/banda-sinfonica/2024-01-medida/BSH-9001
  mkdir -p "$item"
  for n in 1 2 3; do cp --preserve=timestamps "$C/a4_rgb8_lzw.tif" "$item/000$n.tif"; done
  printf 'identifier,dc.title,dc.date\nBSH-9001,Partitura para medir el peso de la página,1954\n' > "$item/../metadata.csv"
  touch -d '2020-01-01' "$item/../metadata.csv"
  sed -e 's/^  ocr: auto/  ocr: never/' -e 's/^  tiles: auto/  tiles: never/' pipeline.yaml > "$D/pipeline.yaml"
  if [ $variant = antes ] && [ -z "$ANTES" ]; then sed -i 's/^  medium_long_edge: .*/  medium_long_edge: 0/' "$D/pipeline.yaml"; fi
  (cd "$D" && "$RUN/memoria" ingest --now --quiet && "$RUN/memoria" publish --quiet) >/dev/null
  ls -l "$D"/site/items/BSH-9001/*.jpg | awk -v v=$variant '{print "# " v ": " $5 " bytes " $9}' | sed "s|$D/site/||"
  for throttle in "" --throttle; do
    "$PY" bench/page_weight.py "$D/site" items/BSH-9001/index.html $throttle | sed "s/^/$variant /"
  done
done
