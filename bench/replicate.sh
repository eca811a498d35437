#!/usr/bin/env bash
# Replication benchmark: `memoria replicar` against `rsync -a` followed by `sha512sum -c` (the check
# of every copied file against the inventories' digests, which is what replicar does at the
# destination) on the same generated OCFL archive (memoria-bench synth-archive: N objects of 3 masters
# of about 64 KB, every tenth with a second version, every fifth with a log file), in the same run:
#   first copy      both start from an empty destination (the `rm -rf` of the previous round's copy
#                   is inside both timings, equally);
#   up to date      a second run over a complete copy: replicar, rsync -a alone, rsync -a + sha512sum -c.
# replicar also makes every copy durable (syncfs) and reads it back from the disk, not the page cache;
# rsync -a does neither (its --fsync is timed too, for the durable comparison).
# Round-robin rounds and ratios from ../shared/bench/pairbench.py; peak RSS from /usr/bin/time -v.
#   bash bench/replicate.sh        # N="10000"; RUNS=3; BENCH_OUT=bench/out; MEMORIA_BIN=folder of release binaries
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${BENCH_OUT:-bench/out}
N=${N:-10000}
RUNS=${RUNS:-3}
command -v rsync >/dev/null || { echo "bench/replicate.sh: rsync is not installed (MEMORIA_BENCH_PACKAGES=1 bash scripts/setup-debian.sh)" >&2; exit 2; }
[ -f ../shared/bench/pairbench.py ] || { echo "bench/replicate.sh: ../shared/bench/pairbench.py is missing" >&2; exit 2; }
OUT=$(mkdir -p "$OUT" && cd "$OUT" && pwd)
if [ -n "${MEMORIA_BIN:-}" ]; then BIN=$MEMORIA_BIN   # release binaries already built (a shared machine builds under its lock)
else swift build -c release >/dev/null; BIN=$(swift build -c release --show-bin-path); fi
D=$OUT/replicate-$N
mkdir -p "$D"
if [ ! -f "$D/archive/0=ocfl_1.1" ]; then
  rm -rf "$D/archive" "$D/staging"
  "$BIN/memoria-bench" synth-archive --dir "$D/archive" --staging "$D/staging" --objects "$N"
fi
# The manifest sha512sum -c checks: every content file of every inventory, relative to the copy.
python3 - "$D/archive" > "$D/manifest.sha512" <<'PY'
import json, os, sys
root = sys.argv[1]
for name in sorted(os.listdir(root)):
    inv = os.path.join(root, name, "inventory.json")
    if not os.path.isfile(inv): continue
    for digest, paths in json.load(open(inv))["manifest"].items():
        for p in paths: print(f"{digest}  {name}/{p}")
PY
cat > "$D/pipeline.yaml" <<YAML
version: 1
institution: {name: Banco de pruebas}
paths: {inbox: inbox, archive: archive, staging: staging, catalog: catalog.sqlite, reports: reports}
fonds: [{code: BEN, slug: banco, title: Banco, description: Banco de pruebas, required_fields: [title]}]
replicas: [{name: copia, path: replica}]
YAML
mkdir -p "$D/inbox"
FILES=$(wc -l < "$D/manifest.sha512")
MB=$(du -sm "$D/archive" | cut -f1)
echo "# $(date -u +%FT%TZ) $(nproc) cores; $N objects, $FILES content files, $MB MB; $(rsync --version | head -1)"
MEM_FIRST="rm -rf $D/replica $D/replica-preparacion && mkdir $D/replica && $BIN/memoria replicar --config $D/pipeline.yaml -q"
RSYNC_FIRST="rm -rf $D/rsync && rsync -a $D/archive/ $D/rsync/ && cd $D/rsync && sha512sum -c --quiet $D/manifest.sha512"
RSYNC_FSYNC_FIRST="rm -rf $D/rsync && rsync -a --fsync $D/archive/ $D/rsync/ && cd $D/rsync && sha512sum -c --quiet $D/manifest.sha512"
echo "## first copy"
python3 ../shared/bench/pairbench.py --group "replicate-first-$N" --runs "$RUNS" --warmup 0 --work "$MB" --unit MB --timeout 3600 \
  --out "$OUT/replicate.jsonl" -- replicar "$MEM_FIRST" rsync+sha512sum "$RSYNC_FIRST" rsync--fsync+sha512sum "$RSYNC_FSYNC_FIRST"
MEM_AGAIN="$BIN/memoria replicar --config $D/pipeline.yaml -q"
RSYNC_AGAIN="rsync -a $D/archive/ $D/rsync/"
RSYNC_AGAIN_CHECK="rsync -a $D/archive/ $D/rsync/ && cd $D/rsync && sha512sum -c --quiet $D/manifest.sha512"
echo "## up-to-date copy"
python3 ../shared/bench/pairbench.py --group "replicate-again-$N" --runs "$RUNS" --warmup 1 --work "$N" --unit object --timeout 3600 \
  --out "$OUT/replicate.jsonl" -- replicar "$MEM_AGAIN" rsync "$RSYNC_AGAIN" rsync+sha512sum "$RSYNC_AGAIN_CHECK"
peak() { /usr/bin/time -v "$@" >/dev/null 2>"$OUT/.timev" || true; awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$OUT/.timev"; }
rm -rf "$D/replica" "$D/replica-preparacion" "$D/rsync"; mkdir "$D/replica"
echo "## peak RSS MB (first copy): replicar $(peak "$BIN/memoria" replicar --config "$D/pipeline.yaml" -q) · rsync $(peak rsync -a "$D/archive/" "$D/rsync/") · sha512sum -c $(cd "$D/rsync" && peak sha512sum -c --quiet "$D/manifest.sha512")"
echo "## peak RSS MB (up to date): replicar $(peak "$BIN/memoria" replicar --config "$D/pipeline.yaml" -q) · rsync $(peak rsync -a "$D/archive/" "$D/rsync/")"
diff -r "$D/archive" "$D/replica" >/dev/null && echo "replica identical to the archive (diff -r)"
