#!/usr/bin/env bash
# ocr_bench.sh: how fast and how well `papers ingest` OCRs scanned pages, next to the `tesseract`
# command-line tool run over the same pages, at the same resolution, as many at once as cores,
# with OMP_THREAD_LIMIT=1, and next to the floor: Tesseract alone through its API in one process,
# one engine per thread, on the same page images (bench/tesseract_floor.cpp; no rendering or
# preprocessing). Must not be a test: it prints figures and never fails on them.
#
# Pages: page 1 of each development paper (corpus/dev), "scanned" by make-scans at 300 dpi as
# PNG in three conditions (clean; skewed, unevenly lit and speckled; blurred and speckled): 66
# pages. papers/s includes everything papers does (decode, preprocessing, orientation, OCR,
# normalise, fields, SQLite archive); tesseract only writes text to /dev/null.
# Character error rate (bench/cer) of each tool's text against the text layer of the page it was
# scanned from (white space and quote/dash forms not counted): tesseract's own text output,
# papers without preprocessing (--no-preprocess), and papers. Every text compared goes through
# papers' normalisation (the text layer and tesseract's output as text files, `papers extract`),
# so page furniture that papers drops from every paper ("Page 1 of 2") counts for no one.
#
# Usage: bash bench/ocr_bench.sh      (after `make build`; `make bench` runs it too)
#   BENCH_JOBS=4 bash bench/ocr_bench.sh
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PAPERS=$ROOT/build/papers
MAKE_SCANS=$ROOT/build/corpus/make-scans
CER=$ROOT/build/bench/cer
FLOOR=$ROOT/build/bench/tesseract-floor
JOBS=${BENCH_JOBS:-$(nproc)}

for tool in "$PAPERS" "$MAKE_SCANS" "$CER" "$FLOOR" /usr/bin/time tesseract pdftotext; do
  command -v "$tool" >/dev/null || { echo "ocr_bench: $tool is missing (run make build)" >&2; exit 1; }
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/papers-ocr-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/pages" "$WORK/reference"

# The manifest: three scans of page 1 of every development paper.
for twin in "$ROOT"/corpus/dev/*.pdf; do
  name=$(basename "$twin" .pdf)
  echo "$name.clean.png $name.pdf dpi=300 jpeg=80"
  echo "$name.skewed.png $name.pdf dpi=300 skew=1.3 light=0.3 speckle=1500 jpeg=60"
  echo "$name.blurred.png $name.pdf dpi=300 skew=-0.6 blur speckle=800 jpeg=60"
  pdftotext -q -layout -f 1 -l 1 "$twin" "$WORK/reference/$name.txt"
done > "$WORK/manifest.txt"
"$MAKE_SCANS" "$WORK/manifest.txt" "$ROOT/corpus/dev" "$WORK/pages" > /dev/null
PAGES=$(find "$WORK/pages" -name '*.png' | wc -l)

timed() {  # timed OUTFILE CMD...: appends "wall_s max_rss_kb"
  local out=$1; shift
  /usr/bin/time -f '%e %M' -o "$WORK/time.txt" "$@"
  cat "$WORK/time.txt" >> "$out"
}

# tesseract: one process per page, JOBS at once, text to a file per page (for the error rate).
mkdir -p "$WORK/tesseract"
: > "$WORK/tesseract.time"
timed "$WORK/tesseract.time" sh -c "cd '$WORK/pages' && ls *.png | OMP_THREAD_LIMIT=1 xargs -P $JOBS -I{} tesseract {} '$WORK/tesseract/{}' quiet"

# The floor: Tesseract's API in one process, JOBS engines; its own clock (engines made before it).
: > "$WORK/floor.time"
read -r _ f_wall < <(OMP_THREAD_LIMIT=1 "$FLOOR" --jobs "$JOBS" --out "$WORK/floor" "$WORK/pages")
echo "$f_wall" > "$WORK/floor.time"

# papers: one ingest of all pages into a fresh archive; then the text of each page's record.
: > "$WORK/papers.time"
timed "$WORK/papers.time" "$PAPERS" --archive "$WORK/bench.db" ingest "$WORK/pages" --jobs "$JOBS" 2> "$WORK/ingest.err"
tail -n 1 "$WORK/ingest.err"
summary=$(tail -n 1 "$WORK/ingest.err")
case $summary in
  *"$PAGES archived"*) ;;
  *) echo "ocr_bench: papers did not archive all $PAGES pages" >&2; exit 1 ;;
esac

# Error rates: each text as papers' record has it (`papers extract`), OCR'd with and without
# preprocessing; the text layer and tesseract's text read as text files.
mkdir -p "$WORK/papers" "$WORK/plain" "$WORK/reference.norm" "$WORK/tesseract.norm"
extract_all() {  # extract_all INDIR OUTDIR [papers options]: OUTDIR/NAME.txt for every INDIR/NAME
  local in=$1 out=$2; shift 2
  ls "$in" | xargs -P "$JOBS" -I{} sh -c "'$PAPERS' extract '$in/{}' $* 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"text\"])' > '$out/{}.txt'"
}
extract_all "$WORK/pages" "$WORK/papers"
extract_all "$WORK/pages" "$WORK/plain" --no-preprocess
extract_all "$WORK/reference" "$WORK/reference.norm"
extract_all "$WORK/tesseract" "$WORK/tesseract.norm"
mkdir -p "$WORK/floor.norm"
extract_all "$WORK/floor" "$WORK/floor.norm"

cer_of() {  # cer_of DIR SUFFIX: total errors / total reference characters over all pages, per condition
  local dir=$1 suffix=$2 condition=$3
  local errors=0 chars=0 e c
  for page in "$WORK"/pages/*."$condition".png; do
    name=$(basename "$page" ."$condition".png)
    read -r e c _ < <("$CER" "$WORK/reference.norm/$name.txt.txt" "$dir/$(basename "$page")$suffix")
    errors=$((errors + e)); chars=$((chars + c))
  done
  awk -v e="$errors" -v c="$chars" 'BEGIN { printf "%.2f%%", 100 * e / c }'
}

read -r t_wall t_rss < "$WORK/tesseract.time"
read -r p_wall p_rss < "$WORK/papers.time"
echo
printf '%-40s %6s %8s %8s %14s\n' tool pages wall_s pages/s peak_RSS_MiB
awk -v t="tesseract CLI (OMP_THREAD_LIMIT=1, -P $JOBS)" -v n="$PAGES" -v w="$t_wall" -v r="$t_rss" \
  'BEGIN { printf "%-40s %6d %8.2f %8.2f %14.1f\n", t, n, w, n / w, r / 1024 }'
awk -v t="Tesseract API alone, floor (--jobs $JOBS)" -v n="$PAGES" -v w="$f_wall" \
  'BEGIN { printf "%-40s %6d %8.2f %8.2f %14s\n", t, n, w, n / w, "-" }'
awk -v t="papers ingest (--jobs $JOBS)" -v n="$PAGES" -v w="$p_wall" -v r="$p_rss" \
  'BEGIN { printf "%-40s %6d %8.2f %8.2f %14.1f\n", t, n, w, n / w, r / 1024 }'
awk -v a="$t_wall" -v b="$p_wall" 'BEGIN { printf "papers ingest is %.2fx the tesseract rate (peak RSS: tesseract per process, papers for the batch)\n", a / b }'
awk -v a="$f_wall" -v b="$p_wall" 'BEGIN { printf "papers ingest is %.2fx the floor rate (Tesseract API alone: decoding and OCR, no rendering or preprocessing)\n", a / b }'
echo
printf '%-34s %10s %10s %10s\n' "character error rate" clean skewed blurred
for tool in tesseract.norm floor.norm plain papers; do
  case $tool in
    tesseract.norm) label="tesseract CLI"; suffix=".txt.txt" ;;
    floor.norm) label="Tesseract API alone (floor)"; suffix=".txt.txt" ;;
    plain) label="papers --no-preprocess"; suffix=".txt" ;;
    papers) label="papers (Leptonica preprocessing)"; suffix=".txt" ;;
  esac
  printf '%-34s %10s %10s %10s\n' "$label" "$(cer_of "$WORK/$tool" "$suffix" clean)" \
    "$(cer_of "$WORK/$tool" "$suffix" skewed)" "$(cer_of "$WORK/$tool" "$suffix" blurred)"
done
echo "machine: $(nproc) cores; $(tesseract --version 2>&1 | head -n 1); 300 dpi PNG pages"
