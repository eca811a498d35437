#!/usr/bin/env bash
# Ingest benchmark: the per-file steps of `memoria ingest` on N generated A4 300 dpi RGB LZW pages,
# each beside the established tool on the same files in the same run (round-robin, ratios taken
# round by round), then a whole `memoria ingest` and `memoria verify` of those pages:
#   digest      memoria-bench digest (SHA-512, libcrypto)  vs sha512sum, sha256sum, openssl dgst -sha512
#   validation  memoria-bench validate (full decode)        vs vips (full decode: `vips avg`), tiffinfo -D
#   ingest      memoria ingest (identify, decode+derive, digest, copy, fsync, re-read, METS, index)
#   verify      memoria verify (re-digest every file)       vs openssl dgst -sha512 on the same files
#   bash bench/ingest.sh            # N=48 pages, RUNS=5; BENCH_OUT=bench/out
# Needs libvips-tools, libtiff-tools and openssl; ../shared/bench/pairbench.py times the commands.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${BENCH_OUT:-bench/out}
RUNS=${RUNS:-5}
N=${N:-48}
C=$OUT/corpus
RESULTS=$OUT/ingest.jsonl
PAIRBENCH=../shared/bench/pairbench.py
[ -f "$PAIRBENCH" ] || { echo "bench/ingest.sh: $PAIRBENCH is missing (it times the commands round-robin)" >&2; exit 2; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

swift build -c release >/dev/null   # every product (one --product flag would build only that one)
BIN=$(swift build -c release --show-bin-path)
[ -f "$C/batch/page_$(printf %04d "$N").tif" ] || "$BIN/memoria-fixtures" corpus "$C" --only a4_rgb8_lzw.tif --count "$N" >/dev/null
PAGES=$(ls "$C"/batch/page_*.tif | head -n "$N" | tr '\n' ' ')
MB=$(du -cm --apparent-size $PAGES | tail -1 | cut -f1)
PB="python3 $PAIRBENCH --out $RESULTS"
ONE="env VIPS_CONCURRENCY=1 OMP_NUM_THREADS=1"
: > "$RESULTS"
echo "# $(date -u +%FT%TZ) $(nproc) cores; $N A4 RGB LZW pages, $MB MB; vips $(vips --version | cut -d- -f2); $(openssl version | cut -d' ' -f1,2)"
cat $PAGES > /dev/null   # every command reads from the page cache

echo "## digest ($MB MB; MB/s, ratio to Memoria)"
$PB --group "digest:${N}pages" --runs "$RUNS" --work "$MB" --unit MB -- \
  memoria "$BIN/memoria-bench digest $PAGES" \
  sha512sum "sha512sum $PAGES" \
  sha256sum "sha256sum $PAGES" \
  openssl-sha512 "openssl dgst -sha512 $PAGES"

echo "## validation by full decode, one thread ($N pages; pages/s, ratio to Memoria)"
VIPS_ALL=$(for p in $PAGES; do printf '%s vips avg %s >/dev/null && ' "$ONE" "$p"; done; echo true)
TIFFINFO_ALL=$(for p in $PAGES; do printf 'tiffinfo -D %s >/dev/null 2>&1 && ' "$p"; done; echo true)
$PB --group "validate:${N}pages" --runs "$RUNS" --work "$N" --unit page -- \
  memoria "$BIN/memoria-bench validate $PAGES" \
  vips-avg "$VIPS_ALL" \
  tiffinfo-D "$TIFFINFO_ALL"

echo "## whole ingest and verify ($N pages in one batch, workers from pipeline.yaml; no OCR)"
D=$T/deployment
mkdir -p "$D/inbox/banda-sinfonica/bench"
cp pipeline.yaml "$D/"
sed -i 's/^  ocr: auto/  ocr: never/' "$D/pipeline.yaml"
{ echo "identifier,dc.title,dc.date,dc.creator"; for p in $PAGES; do b=$(basename "$p" .tif); echo "$b,Página de prueba $b,1954,Banda Sinfónica"; done; } \
  > "$D/inbox/banda-sinfonica/bench/metadata.csv"
for p in $PAGES; do cp "$p" "$D/inbox/banda-sinfonica/bench/"; done
touch "$D/inbox/banda-sinfonica/bench/LISTO"
/usr/bin/time -f "%e %M" -o "$T/ingest.time" "$BIN/memoria" ingest --config "$D/pipeline.yaml" >/dev/null 2>"$T/ingest.err" \
  || { echo "memoria ingest exited with an error:"; tail -5 "$T/ingest.err"; }
read -r SECONDS_INGEST RSS_INGEST < <(tail -1 "$T/ingest.time")
ARCHIVED=$(ls "$D/archive" | grep -c -v -e '^0=' -e '\.json$' || true)
python3 - "$N" "$MB" "$SECONDS_INGEST" "$RSS_INGEST" "$ARCHIVED" <<'PY'
import sys
n, mb, s, rss, archived = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
print(f"memoria ingest: {archived}/{n} items archived in {s:.2f} s -> {n / s:.1f} pages/s, {mb / s:.1f} MB/s; peak RSS {rss / 1024:.0f} MB")
PY
MASTERS=$(find "$D/archive" -path '*/content/objects/*' -type f)
ARCHIVE_MB=$(du -sm --apparent-size "$D/archive" | cut -f1)
cat $MASTERS > /dev/null
$PB --group "verify:${N}pages" --runs "$RUNS" --work "$ARCHIVE_MB" --unit MB -- \
  memoria-verify "$BIN/memoria verify --config $D/pipeline.yaml" \
  openssl-sha512 "openssl dgst -sha512 $(find "$D/archive" -type f | tr '\n' ' ')"
