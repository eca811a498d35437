#!/usr/bin/env bash
# Download PDF benchmark: Memoria's PDF writer (JPEG pages embedded unchanged, page size from their
# resolution; with and without an invisible text layer) against img2pdf on the same JPEGs in the
# same run: time, peak memory and file size. The JPEGs are access copies (2000 px, Q85) that
# Memoria derives from the benchmark corpus's six A4 pages, each used four times: 24 pages.
# Needs img2pdf and poppler-utils.
#   bash bench/pdf.sh            # RUNS=5 by default; BENCH_OUT=bench/out
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${BENCH_OUT:-bench/out}
RUNS=${RUNS:-5}
C=$OUT/corpus
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
[ -f ../shared/bench/pairbench.py ] || { echo "bench/pdf.sh: ../shared/bench/pairbench.py is missing (it times the commands round-robin)" >&2; exit 2; }
# BIN=<folder of a release build>: use those binaries (built beforehand under the shared build lock).
if [ -n "${BIN:-}" ]; then BIN=$(cd "$BIN" && pwd); else
  swift build -c release >/dev/null
  BIN=$(swift build -c release --show-bin-path)
fi
[ -f "$C/a4_rgb8_lzw.tif" ] || "$BIN/memoria-fixtures" corpus "$C"
pages=()
for f in a4_rgb8_lzw.tif a4_rgb8_none.tif a4_gray8_600dpi_lzw.tif a4_bitonal_g4.tif a4_rgb8_q92.jpg a4_rgb8.png; do
  "$BIN/memoria-bench" derive "$C/$f" "$T/${f%.*}"
done
for round in 1 2 3 4; do for f in "$T"/*-0-access.jpg; do pages+=("$f"); done; done
# A transcription-sized text for every page (about 2 KB of Spanish).
python3 - "$T/text.txt" <<'PY'
import sys
words = "el archivo de la banda sinfónica del estado de hidalgo conserva partituras manuscritas y impresas desde mil novecientos".split()
lines = [" ".join(words[(i * 7) % len(words):] + words[:(i * 7) % len(words)]) for i in range(18)]
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(lines) + "\n")
PY
PB="python3 ../shared/bench/pairbench.py --out $OUT/pdf.jsonl"
: > "$OUT/pdf.jsonl"
echo "# $(date -u +%FT%TZ) $(nproc) cores; img2pdf $(img2pdf --version 2>&1 | awk '{print $2}'); ${#pages[@]} pages, $(stat -c %s "${pages[@]}" | awk '{s+=$1} END {print s}') bytes of JPEG"
$PB --group "pdf:${#pages[@]} pages" --runs "$RUNS" --work "${#pages[@]}" --unit page -- \
  memoria "$BIN/memoria-bench pdf $T/m.pdf ${pages[*]}" \
  img2pdf "img2pdf ${pages[*]} -o $T/i.pdf" \
  memoria-text "$BIN/memoria-bench pdf --text $T/text.txt $T/t.pdf ${pages[*]}"
for pdf in m i t; do
  printf '%s: %s bytes, %s pages; pdftotext finds "sinfónica" on %s pages\n' "$pdf" "$(stat -c %s "$T/$pdf.pdf")" \
    "$(pdfinfo "$T/$pdf.pdf" | awk '/^Pages:/ {print $2}')" "$(pdftotext -enc UTF-8 "$T/$pdf.pdf" - | awk 'BEGIN {RS="\f"} /sinfónica/ {n++} END {print n+0}')"
done
