#!/usr/bin/env bash
# archive_bench.sh: the archive's two back ends side by side, in one run. (1) A shared import: the
# same generated text-layer PDFs enqueued and done by 1, 2 and 4 `papers work` processes (one
# thread each) into a SQLite file and into a PostgreSQL database: papers/s, pages/s, the largest
# peak memory of one worker, and the scaling efficiency (throughput / (workers x one worker's)).
# (2) Search latency (median, p95) over an archive of synthetic papers (100,000 by default) on each
# (bench/search_bench.cpp). The PostgreSQL server is a throwaway one started here from Debian's
# packages (as nobody when run as root), on a Unix socket in a temporary folder, fsync on.
# Must not be a test: it prints figures and never fails on them (only on a broken run).
#
# Usage: bash bench/archive_bench.sh        (after `make build`)
#   BENCH_PAPERS=1000 BENCH_WORKERS="1 2 4 8 16" BENCH_SEARCH_PAPERS=20000 bash bench/archive_bench.sh
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PAPERS=$ROOT/build/papers
MAKE_CORPUS=$ROOT/build/corpus/make-corpus
SEARCH=$ROOT/build/bench/search-bench
N=${BENCH_PAPERS:-500}
WORKERS=${BENCH_WORKERS:-1 2 4}
SEARCH_N=${BENCH_SEARCH_PAPERS:-100000}
PGBIN=${PAPERS_PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}

for tool in "$PAPERS" "$MAKE_CORPUS" "$SEARCH" /usr/bin/time "$PGBIN/initdb"; do
  command -v "$tool" >/dev/null || { echo "archive_bench: $tool is missing (run make build; scripts/install-deps.sh)" >&2; exit 1; }
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/papers-archive-bench.XXXXXX")
AS=()
if [ "$(id -u)" -eq 0 ]; then
  chown 65534:65534 "$WORK"
  AS=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
stop_server() { "${AS[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap stop_server EXIT
"${AS[@]}" "$PGBIN/initdb" -D "$WORK/pg" -U papers --auth=trust --encoding=UTF8 --locale=C >/dev/null
"${AS[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w -o "-k $WORK -c listen_addresses='' -c max_connections=100" start >/dev/null
# fresh_db NAME: a new, empty database; its URL.
fresh_db() {
  "${AS[@]}" "$PGBIN/createdb" -h "$WORK" -U papers "$1"
  echo "postgresql:///$1?host=$WORK&user=papers"
}

"$MAKE_CORPUS" "$ROOT/corpus/sources" "$WORK/generated" --copies "$N" > /dev/null
files=$(find "$WORK/generated" -name '*.pdf' | wc -l)
cat "$WORK/generated"/*.pdf > /dev/null  # the page cache warm for every run alike
echo "shared import: $files generated text-layer PDFs, each worker one thread (--jobs 1); machine: $(nproc) cores"
printf '%-10s %7s %6s %6s %8s %10s %10s %16s %10s\n' archive workers files pages wall_s papers/s pages/s peak_MiB/worker efficiency

declare -A one_rate
for backend in sqlite postgresql; do
  for w in $WORKERS; do
    if [ "$backend" = sqlite ]; then archive="$WORK/queue$w.db"; rm -f "$archive"*; else archive=$(fresh_db "queue$w"); fi
    "$PAPERS" --archive "$archive" enqueue "$WORK/generated" 2> /dev/null
    start=$(date +%s.%N)
    pids=()
    for i in $(seq 1 "$w"); do
      /usr/bin/time -f '%e %M' -o "$WORK/time.$i" "$PAPERS" --archive "$archive" work --jobs 1 --worker "w$i" 2> "$WORK/work.$i" &
      pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p"; done
    wall=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
    pages=$(cat "$WORK"/work.* | sed -n 's/.*failed, [0-9]* to be tried again; \([0-9][0-9]*\) pages in .*/\1/p' | awk '{ n += $1 } END { print n + 0 }')
    rss=$(cat "$WORK"/time.* | awk '$2 > m { m = $2 } END { print m }')
    rate=$(awk -v f="$files" -v t="$wall" 'BEGIN { print f / t }')
    [ "$w" = 1 ] && one_rate[$backend]=$rate
    eff=$(awk -v r="$rate" -v w="$w" -v one="${one_rate[$backend]:-$rate}" 'BEGIN { print r / (w * one) }')
    awk -v a="$backend" -v w="$w" -v f="$files" -v p="$pages" -v t="$wall" -v r="$rss" -v e="$eff" \
      'BEGIN { printf "%-10s %7d %6d %6d %8.2f %10.1f %10.1f %16.1f %10.2f\n", a, w, f, p, t, f / t, p / t, r / 1024, e }'
    rm -f "$WORK"/time.* "$WORK"/work.*
  done
done

echo
echo "search over $SEARCH_N synthetic papers (the archive built through its own write path first)"
echo "== SQLite"
"$SEARCH" "$WORK/search.db" "$SEARCH_N"
echo "== PostgreSQL"
"$SEARCH" "$(fresh_db search)" "$SEARCH_N"
