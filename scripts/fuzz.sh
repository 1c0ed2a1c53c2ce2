#!/usr/bin/env bash
# Fuzzing (issue 15): builds the libFuzzer targets of tests/fuzz (entries.h says what each feeds
# and checks) with Debian's clang, AddressSanitizer and UndefinedBehaviorSanitizer in build-fuzz/,
# makes each target's seed corpus from corpus/, and runs each until it has made RUNS executions
# or SECONDS have passed, whichever comes first. Prints a line per target (executions, seconds,
# findings). A finding (crash, timeout, out of memory, leak) is copied to
# tests/fuzz/regressions/TARGET/, which the test suite replays, and the script exits 1.
#   bash scripts/fuzz.sh                               every target, 10 million runs or 2 hours each
#   bash scripts/fuzz.sh read_file 100000 600          one target, 100,000 runs or 10 minutes
# Installs clang and its libFuzzer runtime when missing (scripts/install-deps.sh --fuzz).
set -euo pipefail
cd "$(dirname "$0")/.."
targets=(read_file text_fields search_query http_request)
[ $# -ge 1 ] && targets=("$1")
runs=${2:-10000000}
seconds=${3:-7200}
build=${FUZZ_BUILD:-build-fuzz}

bash scripts/install-deps.sh --fuzz >/dev/null
flags="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-sanitize=vptr -fsanitize=fuzzer-no-link"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_C_COMPILER=clang-14 \
  -DCMAKE_CXX_FLAGS="$flags" -DBUILD_TESTING=OFF -DPAPERS_FUZZ=ON >/dev/null
cmake --build "$build" -j "$(nproc)" --target "${targets[@]/#/fuzz_}" >/dev/null

# Seeds, made afresh for each target run from what the project holds (nothing large is committed
# for them); each target has its own folder, so that targets can run side by side.
seeds="$build/seeds"
make_seeds() {
  local t=$1 d="$seeds/$1" i=0
  rm -rf "$d" && mkdir -p "$d"
  case $t in
    read_file)
      for f in corpus/dev/*.pdf corpus/sources/*.paper corpus/seeds/*.txt; do cp "$f" "$d/"; done
      for f in corpus/scans/*; do [ "$(stat -c %s "$f")" -le 300000 ] && cp "$f" "$d/"; done ;;
    text_fields)
      for f in corpus/sources/*.paper corpus/seeds/*.txt; do cp "$f" "$d/"; done
      for f in corpus/dev/*.pdf; do pdftotext -layout "$f" "$d/$(basename "$f" .pdf).txt"; done ;;
    search_query)
      while IFS= read -r q; do i=$((i + 1)); printf '%s' "$q" > "$d/q$i"; done < tests/fuzz/seeds/queries.txt ;;
    http_request)
      for r in 'GET /api/search?q=winter+service&in=recommendations&limit=5 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n' \
               'GET /api/papers?sort=body&since=2019-01-01&limit=10 HTTP/1.1\r\nHost: localhost\r\n\r\n' \
               'GET /api/papers/2fd81aa7 HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n' \
               'GET /api/overview HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n' \
               'GET /papers/2fd81aa742bb/original HTTP/1.1\r\nHost: localhost\r\nRange: bytes=0-99\r\n\r\n' \
               'HEAD /assets/app.js HTTP/1.1\r\nHost: localhost\r\n\r\n' \
               'POST /api/search HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nq=abc' \
               'GET /api/search?q=%22a%20b%22&body=Cabinet&act=localism-act-2011 HTTP/1.1\r\nHost: localhost\r\n\r\n'; do
        i=$((i + 1)); printf '%b' "$r" > "$d/r$i"
      done ;;
  esac
}

status=0
for t in "${targets[@]}"; do
  work="$build/corpora/$t" findings="$build/findings/$t"
  mkdir -p "$work" "$findings"
  make_seeds "$t"
  max_len=4096
  [ "$t" = read_file ] && max_len=300000
  [ "$t" = text_fields ] && max_len=65536
  log="$build/logs/$t.log"
  mkdir -p "$(dirname "$log")"
  start=$(date +%s)
  set +e
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 LSAN_OPTIONS=suppressions=tests/fuzz/lsan.supp UBSAN_OPTIONS=print_stacktrace=1 \
    "$build/fuzz/fuzz_$t" -runs="$runs" -max_total_time="$seconds" -max_len="$max_len" -timeout=60 -rss_limit_mb=4096 \
    -print_final_stats=1 -artifact_prefix="$findings/" "$work" "$seeds/$t" > "$log" 2>&1
  rc=$?
  set -e
  took=$(( $(date +%s) - start ))
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  # Crashes, leaks, timeouts (-timeout) and memory past -rss_limit_mb are findings; libFuzzer's
  # "slow units" (over 10 s once) are listed, not kept: on a shared machine they are mostly load.
  found=$(find "$findings" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
  slow=$(find "$findings" -type f -name 'slow-unit-*' | wc -l)
  echo "fuzz $t: ${execs:-0} executions in ${took}s, $found findings, $slow slow units (exit $rc; log $log)"
  if [ "$found" -gt 0 ] || [ "$rc" -ne 0 ]; then
    status=1
    mkdir -p "tests/fuzz/regressions/$t"
    find "$findings" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) -exec cp {} "tests/fuzz/regressions/$t/" \;
  fi
done
exit $status
