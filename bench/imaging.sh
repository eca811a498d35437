#!/usr/bin/env bash
# Imaging benchmark: the derivative job (access copy, long edge 2000, Q85, and a 400-px thumbnail) by
# Memoria, by vipsthumbnail (its best pipeline: access from the master, thumbnail from the access copy)
# and by ImageMagick, one thread each, on the same files in the same run. Reports wall time per page,
# the ratio to Memoria (round by round), and peak memory. Needs libvips-tools and imagemagick.
#   bash bench/imaging.sh            # RUNS=5 by default; BENCH_OUT=bench/out
#   FILES="a4_rgb8_lzw.tif a4_rgb8.png" bash bench/imaging.sh     # only these inputs
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${BENCH_OUT:-bench/out}
RUNS=${RUNS:-5}
C=$OUT/corpus
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
swift build -c release >/dev/null   # every product (one --product flag would build only that one)
BIN=$(swift build -c release --show-bin-path)
INPUTS=${FILES:-a4_rgb8_lzw.tif a4_rgb8_none.tif a4_gray8_600dpi_lzw.tif a4_bitonal_g4.tif a4_rgb8_q92.jpg a4_rgb8.png poster_9000x12000_rgb8_lzw.tif}
for f in $INPUTS; do [ -f "$C/$f" ] || "$BIN/memoria-fixtures" corpus "$C" --only "$f"; done
# ImageMagick's Debian policy refuses the poster (256 MiB memory); a relaxed policy for the comparison.
mkdir -p "$T/policy"
cat > "$T/policy/policy.xml" <<'XML'
<policymap><policy domain="resource" name="memory" value="8GiB"/><policy domain="resource" name="map" value="8GiB"/>
<policy domain="resource" name="disk" value="16GiB"/><policy domain="resource" name="area" value="2GP"/>
<policy domain="resource" name="width" value="64KP"/><policy domain="resource" name="height" value="64KP"/></policymap>
XML
ONE="env VIPS_CONCURRENCY=1 OMP_NUM_THREADS=1 MAGICK_THREAD_LIMIT=1"
IM="env MAGICK_CONFIGURE_PATH=$T/policy MAGICK_THREAD_LIMIT=1 convert-im6.q16"
PB="python3 ../shared/bench/pairbench.py --out $OUT/imaging.jsonl"
[ -f ../shared/bench/pairbench.py ] || { echo "bench/imaging.sh: ../shared/bench/pairbench.py is missing (it times the commands round-robin)" >&2; exit 2; }
: > "$OUT/imaging.jsonl"
echo "# $(date -u +%FT%TZ) $(nproc) cores; vips $(vips --version | cut -d- -f2); $($IM -version | head -1 | awk '{print $2,$3}')"
for f in $INPUTS; do
  runs=$RUNS; [ "$f" = poster_9000x12000_rgb8_lzw.tif ] && runs=3
  $PB --group "derive:$f" --runs "$runs" --work 1 --unit page -- \
    memoria "$BIN/memoria-bench derive $C/$f $T/m" \
    vipsthumbnail "$ONE vipsthumbnail $C/$f -s 2000 -o $T/a.jpg[Q=85,strip] && $ONE vipsthumbnail $T/a.jpg -s 400 -o $T/t.jpg[Q=85,strip]" \
    vips-progressive "$ONE vipsthumbnail $C/$f -s 2000 -o $T/a.jpg[Q=85,strip,interlace] && $ONE vipsthumbnail $T/a.jpg -s 400 -o $T/t.jpg[Q=85,strip]" \
    imagemagick "$IM $C/$f -thumbnail 2000x2000 -quality 85 -interlace Plane -write $T/i.jpg -thumbnail 400x400 $T/it.jpg"
done
python3 - "$OUT/imaging.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print("\n| input | Memoria s/page | vipsthumbnail (×) | vips progressive (×) | ImageMagick (×) | peak RSS MB: Memoria / vips / IM |")
print("|---|---|---|---|---|---|")
for group in dict.fromkeys(r["group"] for r in rows):
    g = {r["label"]: r for r in rows if r["group"] == group}
    m = g["memoria"]
    print(f"| {group.split(':',1)[1]} | {m['median_s']:.3f} | {g['vipsthumbnail']['ratio']:.2f} | {g['vips-progressive']['ratio']:.2f} | {g['imagemagick']['ratio']:.2f} | {m['rss_mb']:.0f} / {g['vipsthumbnail']['rss_mb']:.0f} / {g['imagemagick']['rss_mb']:.0f} |")
print("\n(×) = that tool's time divided by Memoria's, round by round: above 1 means Memoria is faster.")
PY
