#!/usr/bin/env bash
# search_bench.sh: search latency over an archive of synthetic papers (100,000 by default), next
# to a LIKE scan of the same archive. Must not be a test: it prints figures and never fails on them.
# Usage: bash bench/search_bench.sh            (after `make build`; `make bench` runs it too)
#        BENCH_PAPERS=20000 bash bench/search_bench.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/build/bench/search-bench
command -v "$BENCH" >/dev/null || { echo "search_bench: $BENCH is missing (run make build)" >&2; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/papers-search-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
"$BENCH" "$WORK/search.db" "${BENCH_PAPERS:-100000}"
