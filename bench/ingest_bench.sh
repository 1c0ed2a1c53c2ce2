#!/usr/bin/env bash
# ingest_bench.sh: how fast `papers ingest` archives text-layer PDFs, next to Poppler's own
# `pdftotext` run over the same files, as many at once as there are cores, and next to the floor:
# Poppler alone in one process taking every page's text on as many threads (bench/poppler_floor.cpp),
# in the same script. Prints papers' rate as a ratio of each.
# Must not be a test: it prints figures and never fails on them (only on a broken run).
#
# Two corpora of BENCH_PAPERS (default 1,000) distinct PDFs each, made in a temporary folder:
#   generated  make-corpus --copies: the development papers in turn, each copy with its own last
#              line (1 to 3 pages each, the house styles of corpus/dev)
#   real       the text-layer PDFs of ../shared/realcorpus in turn (1 to 17 pages), each copy made
#              distinct by a comment after %%EOF; skipped when that folder is missing
# For each, three runs of each tool; the best wall time is kept. papers/s counts all of our work
# (read, SHA-256, text, normalise, segment, fields, SQLite archive); pdftotext only writes text
# to /dev/null. Peak memory is the largest resident set of one process: `papers` is one process
# for the whole batch; pdftotext is one process per file, JOBS of them at once.
#
# Usage: bash bench/ingest_bench.sh      (after `make build`; `make bench` does both)
#   BENCH_PAPERS=5000 BENCH_JOBS=4 PAPERS_REALCORPUS=/path bash bench/ingest_bench.sh
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PAPERS=$ROOT/build/papers
MAKE_CORPUS=$ROOT/build/corpus/make-corpus
FLOOR=$ROOT/build/bench/poppler-floor
N=${BENCH_PAPERS:-1000}
JOBS=${BENCH_JOBS:-$(nproc)}
RUNS=${BENCH_RUNS:-3}
REALCORPUS=${PAPERS_REALCORPUS:-$ROOT/../shared/realcorpus}

for tool in "$PAPERS" "$MAKE_CORPUS" "$FLOOR" /usr/bin/time pdftotext; do
  command -v "$tool" >/dev/null || { echo "ingest_bench: $tool is missing (run make build)" >&2; exit 1; }
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/papers-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# make_real DIR: N distinct copies of the realcorpus PDFs that have a text layer.
make_real() {
  local out=$1 sources=() f i=0
  while IFS= read -r -d '' f; do
    # A text layer: pdftotext finds more than 200 non-space characters.
    if [ "$(pdftotext -q "$f" - 2>/dev/null | tr -d '[:space:]' | wc -c)" -gt 200 ]; then sources+=("$f"); fi
  done < <(find "$REALCORPUS" -maxdepth 1 -name '*.pdf' -print0 | sort -z)
  [ ${#sources[@]} -gt 0 ] || return 1
  mkdir -p "$out"
  while [ $i -lt "$N" ]; do
    f=${sources[$((i % ${#sources[@]}))]}
    local copy
    copy=$(printf '%s/%05d_%s' "$out" $((i + 1)) "$(basename "$f" | tr -c 'A-Za-z0-9._\n-' '_')")
    { cat "$f"; printf '\n%%papers-bench copy %05d\n' $((i + 1)); } > "$copy"
    i=$((i + 1))
  done
  echo ${#sources[@]}
}

# timed OUTFILE CMD...: runs CMD under GNU time; appends "wall_s max_rss_kb" to OUTFILE.
timed() {
  local out=$1; shift
  /usr/bin/time -f '%e %M' -o "$WORK/time.txt" "$@"
  cat "$WORK/time.txt" >> "$out"
}

best_of() { sort -n -k1,1 "$1" | head -n 1; }

# row CORPUS FILES PAGES TOOL WALL_S RSS_KB: one line of the table.
row() {
  awk -v c="$1" -v f="$2" -v p="$3" -v t="$4" -v w="$5" -v r="$6" \
    'BEGIN { printf "%-10s %6d %6d  %-30s %8.2f %10.1f %10.1f %14.1f\n", c, f, p, t, w, f / w, p / w, r / 1024 }'
}

printf '%-10s %6s %6s  %-30s %8s %10s %10s %14s\n' corpus files pages tool wall_s papers/s pages/s "peak_RSS_MiB"

bench_dir() {
  local name=$1 dir=$2
  local files pages
  files=$(find "$dir" -name '*.pdf' | wc -l)
  cat "$dir"/*.pdf > /dev/null  # warm the page cache for both tools alike

  : > "$WORK/pdftotext.txt"
  for _ in $(seq "$RUNS"); do
    timed "$WORK/pdftotext.txt" sh -c "find '$dir' -name '*.pdf' -print0 | xargs -0 -P $JOBS -I{} pdftotext -q -layout {} - > /dev/null"
  done

  : > "$WORK/papers.txt"
  local summary
  for _ in $(seq "$RUNS"); do
    rm -f "$WORK/bench.db" "$WORK/bench.db-wal" "$WORK/bench.db-shm"
    timed "$WORK/papers.txt" "$PAPERS" --archive "$WORK/bench.db" ingest "$dir" --jobs "$JOBS" 2> "$WORK/ingest.err"
    summary=$(tail -n 1 "$WORK/ingest.err")
    case $summary in
      *"$files archived, 0 already in the archive, 0 failed"*) ;;
      *) echo "ingest_bench: papers did not archive all $files files: $summary" >&2; exit 1 ;;
    esac
  done
  pages=$(sed -n 's/.* \([0-9][0-9]*\) pages in .*/\1/p' <<< "$summary")

  : > "$WORK/floor.txt"
  for _ in $(seq "$RUNS"); do
    timed "$WORK/floor.txt" sh -c "'$FLOOR' --jobs $JOBS '$dir' > '$WORK/floor.out'"
  done

  local wall rss
  read -r wall rss < <(best_of "$WORK/floor.txt")
  row "$name" "$files" "$pages" "Poppler alone (floor, $JOBS thr)" "$wall" "$rss"
  local floor_wall=$wall
  read -r wall rss < <(best_of "$WORK/pdftotext.txt")
  row "$name" "$files" "$pages" "pdftotext -layout (-P $JOBS)" "$wall" "$rss"
  local pt_wall=$wall
  read -r wall rss < <(best_of "$WORK/papers.txt")
  row "$name" "$files" "$pages" "papers ingest (--jobs $JOBS)" "$wall" "$rss"
  awk -v n="$name" -v a="$pt_wall" -v b="$wall" -v f="$floor_wall" \
    'BEGIN { printf "%-10s papers ingest is %.2fx the pdftotext rate and %.2f of the Poppler-alone floor\n", n, a / b, f / b }'
}

"$MAKE_CORPUS" "$ROOT/corpus/sources" "$WORK/generated" --copies "$N" > /dev/null
bench_dir generated "$WORK/generated"
rm -rf "$WORK/generated"

if [ -d "$REALCORPUS" ] && sources=$(make_real "$WORK/real"); then
  bench_dir real "$WORK/real"
  echo "real: copies of the $sources text-layer PDFs in $REALCORPUS"
else
  echo "real: skipped ($REALCORPUS has no text-layer PDFs)"
fi
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $(pdftotext -v 2>&1 | head -n 1)"
