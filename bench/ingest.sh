#!/usr/bin/env bash
# Ingest benchmark: the per-file steps of `memoria ingest` on N generated A4 300 dpi RGB LZW pages,
# each beside the established tool on the same files in the same run (round-robin, ratios taken
# round by round), then a whole `memoria ingest` and `memoria verify` of those pages:
#   digest      memoria-bench digest (SHA-512, libcrypto)  vs sha512sum, sha256sum, openssl dgst -sha512
#   validation  memoria-bench validate (full decode)        vs vips (full decode: `vips avg`), tiffinfo -D
#   ingest      memoria ingest (identify, decode+derive, digest, copy, fsync, re-read, METS, index)
#   verify      memoria verify (re-digest every file)       vs openssl dgst -sha512 on the same files
#   ingest vs tools  memoria ingest (OCR off, 2 workers), round-robin against what established tools
#               do with less: sha512sum + vipsthumbnail (access 2000 px, then a 400 px thumbnail from
#               it) + cp of each page, run by xargs -P2; then where the ingest's CPU goes (perf, by
#               library: libtiff = decode, libjpeg = encode, libcrypto = digest, libxml2 = METS and XSD,
#               sqlite = catalog, kernel = reads, writes and fsyncs, memoria = Swift code); the same
#               comparison with derivatives.tiles: never; wall against CPU and the counts of the calls
#               that wait (strace -c). METS and dc.xml are validated against the official XSDs.
#   verify per core  memoria verify with ingest.workers: 1 against openssl dgst -sha512 (one process)
#               on the same files, CPU seconds compared
#   bash bench/ingest.sh            # N=48 pages, RUNS=5; BENCH_OUT=bench/out; MEMORIA_BIN=release binaries
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
mkdir -p "$OUT"
T=$(realpath "$(mktemp -d "$OUT/ingest-run.XXXXXX")")   # on the archive's disk (the tools' copies and Memoria's alike)
trap 'rm -rf "$T"' EXIT

if [ -n "${MEMORIA_BIN:-}" ]; then BIN=$MEMORIA_BIN   # release binaries already built (a shared machine builds under its lock)
else swift build -c release >/dev/null; BIN=$(swift build -c release --show-bin-path); fi   # every product
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
# The official METS/PREMIS/MIX/DC schemas, so every METS and dc.xml is validated against them as in production.
bash scripts/install-schemas.sh "$D/schemas" --from ../shared/standards/xsd >/dev/null
sed -i -e "s/^  ocr: auto/  ocr: never/" -e "s/^  copy_quiet_seconds: .*/  copy_quiet_seconds: 0/" \
  -e "s|^  schemas: .*|  schemas: $D/schemas|" "$D/pipeline.yaml"   # no OCR; take the batch at once; XSD validation on
grep -q "^  schemas: $D/schemas" "$D/pipeline.yaml" || { echo "bench/ingest.sh: pipeline.yaml has no paths.schemas line to set" >&2; exit 2; }
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

echo "## verify per core (ingest.workers: 1) against openssl dgst -sha512 on the same files"
sed 's/^  workers: .*/  workers: 1/' "$D/pipeline.yaml" > "$D/pipeline-1.yaml"
FILES=$(find "$D/archive" -type f | tr '\n' ' ')
$PB --group "verify-1:${N}pages" --runs "$RUNS" --work "$ARCHIVE_MB" --unit MB -- \
  memoria-verify-1 "$BIN/memoria verify --config $D/pipeline-1.yaml" \
  openssl-sha512 "openssl dgst -sha512 $FILES"

echo "## whole ingest ($N pages, 2 workers, no OCR) against sha512sum + vipsthumbnail 2000/400 + cp in xargs -P2"
# Each round ingests the same inbox into a fresh deployment; the inbox is hard-linked into it (cp -al),
# so no copy of the pages is timed on Memoria's side that the tools do not make too.
mkdir -p "$T/ref"
cat > "$T/reference-one.sh" <<'SH'
#!/bin/sh
# One page the way established tools would: digest, access copy and thumbnail, a copy kept.
set -e
p=$1; out=$2; b=$(basename "$p" .tif)
sha512sum "$p" > "$out/$b.sha512"
VIPS_CONCURRENCY=1 vipsthumbnail "$p" -s 2000 -o "$out/$b.access.jpg[Q=85,strip]"
VIPS_CONCURRENCY=1 vipsthumbnail "$out/$b.access.jpg" -s 400 -o "$out/$b.thumb.jpg[Q=85,strip]"
cp "$p" "$out/$b.tif"
SH
chmod +x "$T/reference-one.sh"
cat > "$T/memoria-round.sh" <<SH
#!/bin/sh
set -e
rm -rf "$T/round" && mkdir -p "$T/round" && cp -al "$D/inbox.orig" "$T/round/inbox" && cp "\${1:-$D/pipeline.yaml}" "$T/round/pipeline.yaml"
"$BIN/memoria" ingest --config "$T/round/pipeline.yaml" >/dev/null
SH
cat > "$T/reference-round.sh" <<SH
#!/bin/sh
set -e
rm -rf "$T/ref" && mkdir -p "$T/ref"
printf '%s\\n' $PAGES | xargs -P2 -n1 -I{} "$T/reference-one.sh" {} "$T/ref"
SH
chmod +x "$T/memoria-round.sh" "$T/reference-round.sh"
mkdir -p "$D/inbox.orig/banda-sinfonica/bench"
for p in $PAGES; do cp "$p" "$D/inbox.orig/banda-sinfonica/bench/"; done
cp "$D/inbox/banda-sinfonica/bench/metadata.csv" "$D/inbox.orig/banda-sinfonica/bench/" 2>/dev/null \
  || { echo "identifier,dc.title,dc.date,dc.creator"; for p in $PAGES; do b=$(basename "$p" .tif); echo "$b,Página de prueba $b,1954,Banda Sinfónica"; done; } > "$D/inbox.orig/banda-sinfonica/bench/metadata.csv"
touch "$D/inbox.orig/banda-sinfonica/bench/LISTO"
$PB --group "ingest-vs-tools:${N}pages" --runs "$RUNS" --work "$N" --unit page -- \
  memoria-ingest "sh $T/memoria-round.sh" \
  tools-xargs-P2 "sh $T/reference-round.sh"
echo "## the same without the deep-zoom tiles (derivatives.tiles: never): access, medium copy and thumbnail, what the tools make plus the medium copy"
sed 's/^  tiles: .*/  tiles: never/' "$D/pipeline.yaml" > "$D/pipeline-no-tiles.yaml"
grep -q '^  tiles: never' "$D/pipeline-no-tiles.yaml" || { echo "bench/ingest.sh: pipeline.yaml has no derivatives.tiles line to set" >&2; exit 2; }
$PB --group "ingest-vs-tools-no-tiles:${N}pages" --runs "$RUNS" --work "$N" --unit page -- \
  memoria-ingest-no-tiles "sh $T/memoria-round.sh $D/pipeline-no-tiles.yaml" \
  tools-xargs-P2 "sh $T/reference-round.sh"

echo "## one more round: wall against CPU (time waiting on the disk shows as wall above CPU/2), and the calls that wait"
/usr/bin/time -f "memoria ingest: %e s wall, %U s user, %S s system (2 cores: CPU-bound would be about (user+system)/2)" sh "$T/memoria-round.sh" 2>&1 | tail -1
if command -v strace >/dev/null; then
  rm -rf "$T/round" && mkdir -p "$T/round" && cp -al "$D/inbox.orig" "$T/round/inbox" && cp "$D/pipeline.yaml" "$T/round/"
  strace -f -c -o "$T/strace.txt" -e trace=fsync,fdatasync,syncfs,mkdir,rename,read,write,openat "$BIN/memoria" ingest --config "$T/round/pipeline.yaml" >/dev/null 2>&1 || true
  awk '/^ *[0-9.]+ +[0-9.]+ +[0-9]+ +[0-9]+/ { printf "  %-10s %7d calls\n", $NF, $4 }' "$T/strace.txt"
fi

if command -v perf >/dev/null && perf record -o "$T/probe.data" -- true >/dev/null 2>&1; then
  echo "## where memoria ingest's CPU goes (perf, cpu-clock samples by library; one more round)"
  rm -rf "$T/round" && mkdir -p "$T/round" && cp -al "$D/inbox.orig" "$T/round/inbox" && cp "$D/pipeline.yaml" "$T/round/"
  perf record -q -F 499 -g -o "$T/ingest.perf" -- "$BIN/memoria" ingest --config "$T/round/pipeline.yaml" >/dev/null 2>&1 || true
  perf report -i "$T/ingest.perf" --no-children --sort dso --stdio 2>/dev/null | grep -E '^ +[0-9]' | head -12
  echo "### top functions"
  perf report -i "$T/ingest.perf" --no-children --sort dso,sym --stdio 2>/dev/null | grep -E '^ +[0-9]' | head -25
else
  echo "## per-library breakdown skipped: perf is not installed or not allowed here"
fi
