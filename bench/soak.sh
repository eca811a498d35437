#!/usr/bin/env bash
# Soak test (issue 17): BATCHES batches of FILES generated scan-like pages (memoria-fixtures
# soak-batch: items of 5 small pages, and one odd file in every BAD_EVERY: a copy cut half-way, an
# empty file, a zero-length plane, a short uncompressed strip, all to be quarantined, and a JPEG
# named .tif, to be archived with a note), each batch ingested while things go wrong: a SIGKILL at a
# random crash point (MEMORIA_CRASH_AT), a SIGKILL after a random time, or an injected ENOSPC/EIO/
# EACCES at a random file-system operation (MEMORIA_FAULT); after each interruption the ingest is run
# again, as an operator would, until a run ends by itself with no fault. Then `memoria verify` and
# ocfl-validate.py over the archive, and the accounting:
#   archived     generated files found bit-identical in an object's OCFL manifest (by SHA-512)
#   quarantined  files in the quarantine, and whether each one is an expected bad one
#   in inbox     files still waiting in the inbox (not lost)
#   lost         files that are in none of these places (must be 0)
# plus peak RSS (max of /usr/bin/time -v over every run) and wall time. Exit status 1 when a file was
# lost, a good file quarantined, a bad file archived, verify or ocfl-validate failed.
#   bash bench/soak.sh                                   # 20 batches of 500 files = 10,000
#   BATCHES=2 FILES=100 bash bench/soak.sh               # a quick check
#   MEMORIA_BIN=.build/release bash bench/soak.sh        # binaries already built (under the build lock)
# Other knobs: BAD_EVERY (50 = 2 %), SEED (the interruptions' dice), BENCH_OUT (default bench/out).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${BENCH_OUT:-bench/out}
BATCHES=${BATCHES:-20}
FILES=${FILES:-500}
BAD_EVERY=${BAD_EVERY:-50}
SEED=${SEED:-1717}
VALIDATOR=${OCFL_VALIDATE:-.venv/bin/ocfl-validate.py}
if [ -n "${MEMORIA_BIN:-}" ]; then BIN=$MEMORIA_BIN
else swift build -c release --product memoria >/dev/null && swift build -c release --product memoria-fixtures >/dev/null
     BIN=$(swift build -c release --show-bin-path); fi
[ -x /usr/bin/time ] || { echo "bench/soak.sh: /usr/bin/time is missing (Debian package 'time'): it measures peak memory" >&2; exit 2; }
mkdir -p "$OUT"
D=$(cd "$OUT" && pwd)/soak
rm -rf "$D" && mkdir -p "$D/inbox" "$D/runs"
sed -e "s/^  copy_quiet_seconds: .*/  copy_quiet_seconds: 0/" -e "s/^  ocr: auto/  ocr: never/" \
    -e "s/^  min_free_bytes: .*/  min_free_bytes: 104857600/" pipeline.yaml > "$D/pipeline.yaml"
EXPECTED=$D/expected.tsv   # path in the inbox, label (good | quarantine:kind | archive:kind), SHA-512
: > "$EXPECTED"
RUNS_LOG=$D/runs.tsv       # batch, run, interruption, exit status, seconds, peak RSS KB
: > "$RUNS_LOG"
RANDOM=$SEED
START=$(date +%s.%N)
echo "# $(date -u +%FT%TZ) $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); $BATCHES batches of $FILES files, one odd file in $BAD_EVERY"

run=0
ingest() {   # ingest BATCH INTERRUPTION [ENV...]: one run of memoria ingest, timed; its exit status in $status
  local batch=$1 interruption=$2; shift 2
  run=$((run + 1))
  local timing=$D/runs/$run.time
  local start end
  start=$(date +%s.%N)
  if [[ $interruption == timed-kill:* ]]; then
    env "$@" /usr/bin/time -v -o "$timing" "$BIN/memoria" ingest --config "$D/pipeline.yaml" >"$D/runs/$run.out" 2>"$D/runs/$run.err" &
    local timer=$!
    sleep "${interruption#timed-kill:}"
    local child
    child=$(ps -o pid= --ppid "$timer" | tr -d ' ' || true)
    [ -n "$child" ] && kill -KILL "$child" 2>/dev/null || true
    set +e; wait "$timer"; status=$?; set -e
  else
    set +e
    env "$@" /usr/bin/time -v -o "$timing" "$BIN/memoria" ingest --config "$D/pipeline.yaml" >"$D/runs/$run.out" 2>"$D/runs/$run.err"
    status=$?
    set -e
  fi
  end=$(date +%s.%N)
  local rss
  rss=$(grep -o 'Maximum resident set size (kbytes): [0-9]*' "$timing" | grep -o '[0-9]*$' || echo 0)
  printf '%s\t%s\t%s\t%s\t%.2f\t%s\n' "$batch" "$run" "$interruption" "$status" "$(echo "$end - $start" | bc)" "$rss" >> "$RUNS_LOG"
}

CRASH_POINTS=0; OPERATIONS=0; CLEAN_SECONDS=10
for batch in $(seq "$BATCHES"); do
  "$BIN/memoria-fixtures" soak-batch "$D/inbox" --batch "$batch" --files "$FILES" --bad-every "$BAD_EVERY" > "$D/manifest-$batch.tsv"
  while IFS=$'\t' read -r path label; do
    printf '%s\t%s\t%s\n' "$path" "$label" "$(sha512sum < "$D/inbox/$path" | cut -d' ' -f1)" >> "$EXPECTED"
  done < "$D/manifest-$batch.tsv"
  if [ "$batch" = 1 ]; then
    # The first batch runs clean and counts its crash points and file-system operations, so that
    # later batches draw their interruption from the whole of a batch's ingest.
    ingest 1 clean MEMORIA_CRASH_AT=1000000000 MEMORIA_CRASH_LOG="$D/crash-points.log" MEMORIA_FAULT_TRACE="$D/operations.log"
    CRASH_POINTS=$(wc -l < "$D/crash-points.log"); OPERATIONS=$(wc -l < "$D/operations.log")
    CLEAN_SECONDS=$(tail -1 "$RUNS_LOG" | cut -f5)
    echo "batch 1: clean run (exit $status, ${CLEAN_SECONDS} s): $CRASH_POINTS crash points, $OPERATIONS file-system operations"
  else
    interruptions=$((RANDOM % 3 + 1))   # 1 to 3 interruptions in a row before the run that finishes
    said=""
    for _ in $(seq "$interruptions"); do
      case $((RANDOM % 3)) in
        0) n=$((RANDOM % CRASH_POINTS + 1)); what="crash-at:$n"
           ingest "$batch" "$what" MEMORIA_CRASH_AT="$n" ;;
        1) r=$((RANDOM % 1000)); t=$(echo "scale=2; $r * $CLEAN_SECONDS / 1000" | bc); what="timed-kill:$t"   # bash does the %: bc would take it at scale 2
           ingest "$batch" "$what" ;;
        *) kinds=(ENOSPC EIO EACCES); kind=${kinds[$((RANDOM % 3))]}; n=$(( (RANDOM * 32768 + RANDOM) % OPERATIONS + 1 ))
           what="fault:$kind@any:$n"
           ingest "$batch" "$what" MEMORIA_FAULT="$kind@any:$n" ;;
      esac
      said="$said $what(exit $status)"
    done
    for attempt in 1 2 3; do   # then runs with nothing injected, until the batch has left the inbox
      ingest "$batch" "rerun"
      [ -d "$D/inbox/banda-sinfonica/$(printf 'soak-%03d' "$batch")" ] || break
    done
    echo "batch $batch:$said; rerun exit $status after $attempt run(s)"
  fi
done

echo "## memoria verify"
set +e
/usr/bin/time -v -o "$D/runs/verify.time" "$BIN/memoria" verify --config "$D/pipeline.yaml" > "$D/verify.out" 2> "$D/verify.err"
VERIFY=$?
set -e
tail -3 "$D/verify.out"
echo "## ocfl-validate.py"
set +e
if [ -x "$VALIDATOR" ]; then "$VALIDATOR" -q "$D/archive" > "$D/ocfl-validate.out" 2>&1; OCFL=$?; tail -3 "$D/ocfl-validate.out"
else echo "ocfl-validate.py not found at $VALIDATOR (set OCFL_VALIDATE): the archive was not checked by it"; OCFL=2; fi
set -e
END=$(date +%s.%N)

python3 - "$D" "$EXPECTED" "$RUNS_LOG" "$VERIFY" "$OCFL" "$(echo "$END - $START" | bc)" <<'PY'
import hashlib, json, os, sys
root, expected_path, runs_path, verify, ocfl, wall = sys.argv[1:7]
archive, inbox, quarantine = (os.path.join(root, p) for p in ("archive", "inbox", "quarantine"))

archived = set()   # SHA-512 of every content file of every object (the OCFL manifests)
for name in os.listdir(archive):
    inventory = os.path.join(archive, name, "inventory.json")
    if os.path.isfile(inventory):
        with open(inventory) as f:
            archived.update(json.load(f)["manifest"].keys())

def sha512(path):
    h = hashlib.sha512()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()

quarantined = {}   # file name -> paths, and the digests of everything there
quarantined_digests = set()
for folder, _, names in os.walk(quarantine):
    for name in names:
        if name.endswith(".reason.txt") or "_registro" in folder.split(os.sep):
            continue
        path = os.path.join(folder, name)
        quarantined.setdefault(name, []).append(path)
        quarantined_digests.add(sha512(path))
quarantine_files = sum(len(v) for v in quarantined.values())

counts = dict(archived=0, quarantined_expected=0, in_inbox=0, lost=0, good_quarantined=0, bad_archived=0, bad_missing=0)
problems = []
expected_bad = 0
with open(expected_path) as f:
    for line in f:
        path, label, digest = line.rstrip("\n").split("\t")
        must_quarantine = label.startswith("quarantine:")
        in_inbox = os.path.exists(os.path.join(inbox, path))
        if must_quarantine:
            expected_bad += 1
            name = os.path.basename(path)
            if name in quarantined:
                counts["quarantined_expected"] += 1
            elif digest in archived:
                counts["bad_archived"] += 1; problems.append(f"bad file archived: {path} ({label})")
            elif in_inbox:
                counts["in_inbox"] += 1
            else:
                counts["bad_missing"] += 1; problems.append(f"bad file neither quarantined nor in the inbox: {path} ({label})")
        else:
            if digest in archived:
                counts["archived"] += 1
            elif in_inbox:
                counts["in_inbox"] += 1
            elif digest in quarantined_digests:
                counts["good_quarantined"] += 1; problems.append(f"good file quarantined: {path} ({label})")
            else:
                counts["lost"] += 1; problems.append(f"LOST: {path} ({label})")

unexpected_quarantine = quarantine_files - counts["quarantined_expected"] - counts["good_quarantined"]
runs = [line.rstrip("\n").split("\t") for line in open(runs_path)]
peak = max(int(r[5] or 0) for r in runs)
for extra in ("verify.time",):
    text = open(os.path.join(root, "runs", extra)).read()
    for line in text.splitlines():
        if "Maximum resident set size" in line:
            peak = max(peak, int(line.split(":")[1]))
interrupted = [r for r in runs if r[2] not in ("clean", "rerun")]
generated = sum(1 for _ in open(expected_path))
pages = sum(1 for line in open(expected_path) if not line.split("\t")[1].startswith("quarantine:"))
print("## soak")
print(f"generated files      {generated} ({pages} to archive, {expected_bad} to quarantine)")
stopped = [r for r in interrupted if r[3] in ("137", "2")]   # killed, or stopped by the fault (exit 2)
print(f"ingest runs          {len(runs)} ({len(interrupted)} with an interruption set up: "
      f"{sum(r[2].startswith('crash-at') for r in interrupted)} crash points, {sum(r[2].startswith('timed-kill') for r in interrupted)} timed kills, "
      f"{sum(r[2].startswith('fault') for r in interrupted)} injected faults; {len(stopped)} of them stopped the run, "
      f"the others ended first or absorbed the fault)")
print(f"pages archived       {counts['archived']} of {pages}, bit-identical (SHA-512 in the OCFL manifests)")
print(f"files quarantined    {quarantine_files}: {counts['quarantined_expected']} expected bad ones, "
      f"{counts['good_quarantined']} good ones, {unexpected_quarantine} others")
print(f"bad files archived   {counts['bad_archived']}; bad files unaccounted {counts['bad_missing']}")
print(f"still in the inbox   {counts['in_inbox']}")
print(f"lost                 {counts['lost']}")
print(f"memoria verify       exit {verify}; ocfl-validate.py exit {ocfl}")
print(f"peak RSS             {peak / 1024:.0f} MB (max over every run)")
print(f"wall time            {float(wall):.0f} s ({float(wall) / 60:.1f} min)")
for p in problems[:20]:
    print("  " + p)
failed = counts["lost"] or counts["good_quarantined"] or counts["bad_archived"] or counts["bad_missing"] or verify != "0" or ocfl != "0"
sys.exit(1 if failed else 0)
PY
