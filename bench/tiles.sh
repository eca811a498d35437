#!/usr/bin/env bash
# Deep-zoom tiles benchmark: Memoria's IIIF level-0 pyramid (512-px JPEG tiles, Q80, from the rows of
# the one decode that validates the master) against `vips dzsave --layout iiif3` with the same tile
# size and quality, one thread each, on the same A4 300 dpi RGB LZW page and 9000×12000 map in the
# same run. Also times Memoria's whole derive pass with and without tiles (access copy + thumbnail),
# so the cost tiles add to ingest shows. Reports time per page, the ratio (round by round), CPU,
# peak memory, and the files and bytes each tool writes. Needs libvips-tools.
#   bash bench/tiles.sh            # RUNS=5 by default (3 for the map); BENCH_OUT=bench/out
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${BENCH_OUT:-bench/out}
RUNS=${RUNS:-5}
C=$OUT/corpus
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
[ -f ../shared/bench/pairbench.py ] || { echo "bench/tiles.sh: ../shared/bench/pairbench.py is missing (it times the commands round-robin)" >&2; exit 2; }
# BIN=<folder of a release build>: use those binaries (built beforehand under the shared build lock).
if [ -n "${BIN:-}" ]; then BIN=$(cd "$BIN" && pwd); else
  swift build -c release >/dev/null
  BIN=$(swift build -c release --show-bin-path)
fi
[ -f "$C/poster_9000x12000_rgb8_lzw.tif" ] || "$BIN/memoria-fixtures" corpus "$C"
ONE="env VIPS_CONCURRENCY=1 OMP_NUM_THREADS=1"
PB="python3 ../shared/bench/pairbench.py --out $OUT/tiles.jsonl"
: > "$OUT/tiles.jsonl"
: > "$OUT/tiles-files.jsonl"
echo "# $(date -u +%FT%TZ) $(nproc) cores; vips $(vips --version | cut -d- -f2)"
for f in a4_rgb8_lzw.tif poster_9000x12000_rgb8_lzw.tif; do
  runs=$RUNS; [ "$f" = poster_9000x12000_rgb8_lzw.tif ] && runs=3
  $PB --group "tiles:$f" --runs "$runs" --work 1 --unit page -- \
    memoria "$BIN/memoria-bench tiles $C/$f $T/m" \
    vips-dzsave "rm -rf $T/v $T/v.* && $ONE vips dzsave $C/$f $T/v --layout iiif3 --tile-size 512 --overlap 0 --suffix .jpg[Q=80]" \
    memoria-derive+tiles "$BIN/memoria-bench tiles --derive $C/$f $T/d" \
    memoria-derive "$BIN/memoria-bench derive $C/$f $T/a"
  # What each writes (one more run each, outside the timing).
  "$BIN/memoria-bench" tiles "$C/$f" "$T/m" >/dev/null
  rm -rf "$T/v"; $ONE vips dzsave "$C/$f" "$T/v" --layout iiif3 --tile-size 512 --overlap 0 --suffix ".jpg[Q=80]"
  for tool in memoria:$T/m vips-dzsave:$T/v; do
    dir=${tool#*:}
    printf '{"group": "tiles:%s", "label": "%s", "jpegs": %d, "jpeg_bytes": %d, "files": %d, "bytes": %d}\n' "$f" "${tool%%:*}" \
      "$(find "$dir" -name '*.jpg' | wc -l)" "$(find "$dir" -name '*.jpg' -printf '%s\n' | awk '{s+=$1} END {print s+0}')" \
      "$(find "$dir" -type f | wc -l)" "$(find "$dir" -type f -printf '%s\n' | awk '{s+=$1} END {print s+0}')" >> "$OUT/tiles-files.jsonl"
  done
done
python3 - "$OUT/tiles.jsonl" "$OUT/tiles-files.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
files = {(r["group"], r["label"]): r for r in map(json.loads, open(sys.argv[2]))}
print("\n| input | tool | s/page | CPU s | × (vs Memoria tiles) | peak RSS MB | JPEG files | JPEG MB | all files |")
print("|---|---|---|---|---|---|---|---|---|")
for r in rows:
    f = files.get((r["group"], r["label"]))
    counts = f"{f['jpegs']} | {f['jpeg_bytes'] / 1e6:.1f} | {f['files']}" if f else "— | — | —"
    print(f"| {r['group'].split(':', 1)[1]} | {r['label']} | {r['median_s']:.3f} | {r['cpu_s']:.3f} | {r['ratio']:.2f} | {r['rss_mb']:.0f} | {counts} |")
print("\n× = that command's time divided by Memoria's tiles-only time, round by round: vips-dzsave above 1.5 meets the target.")
print("memoria-derive+tiles minus memoria-derive is what tiles add to a derive pass that already decodes the master.")
PY
