#!/usr/bin/env bash
# ocr_bench.sh: how fast and how well `papers ingest` OCRs scanned pages, next to the `tesseract`
# command-line tool run over the same pages, at the same resolution, as many at once as cores,
# with OMP_THREAD_LIMIT=1, and next to the floor: Tesseract alone through its API in one process,
# one engine per thread, on the same page images (bench/tesseract_floor.cpp; no rendering or
# preprocessing; the same heap settings as papers' readers). Must not be a test: it prints figures and never fails on them.
#
# Pages: page 1 of each development paper (corpus/dev), "scanned" by make-scans at 300 dpi as
# PNG in three conditions (clean; skewed, unevenly lit and speckled; blurred and speckled): 180
# pages for the 60 papers. papers/s includes everything papers does (decode, preprocessing, orientation, OCR,
# normalise, fields, SQLite archive); tesseract only writes text to /dev/null.
# Character error rate (bench/cer) of each tool's text against the text layer of the page it was
# scanned from (white space and quote/dash forms not counted): tesseract's own text output,
# papers without preprocessing (--no-preprocess), and papers. Every text compared goes through
# papers' normalisation (the text layer and tesseract's output as text files, `papers extract`),
# so page furniture that papers drops from every paper ("Page 1 of 2") counts for no one.
#
# Real scans (when ../shared/realcorpus is there, or REAL_CORPUS names it): its image-only pages
# (typescripts of 1942-1998, FBI and CIA records, a printed Senate document; listed below), the
# floor reading each page pre-rendered at 300 dpi grey by pdftoppm (JPEG pages as they are),
# papers ingesting the files themselves (rendering included); and the error rate of both on the
# pages transcribed by hand in bench/ocr_truth/ (papers reading the same page image as the floor).
#
# Usage: bash bench/ocr_bench.sh      (after `make build`; `make bench` runs it too)
#   BENCH_JOBS=4 bash bench/ocr_bench.sh
#   OCR_BENCH_PARTS=real bash bench/ocr_bench.sh      (dev, real, or dev,real: the default)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PAPERS=$ROOT/build/papers
MAKE_SCANS=$ROOT/build/corpus/make-scans
CER=$ROOT/build/bench/cer
FLOOR=$ROOT/build/bench/tesseract-floor
JOBS=${BENCH_JOBS:-$(nproc)}
PARTS=${OCR_BENCH_PARTS:-dev,real}
REAL=${REAL_CORPUS:-$ROOT/../shared/realcorpus}

for tool in "$PAPERS" "$MAKE_SCANS" "$CER" "$FLOOR" /usr/bin/time tesseract pdftotext; do
  command -v "$tool" >/dev/null || { echo "ocr_bench: $tool is missing (run make build)" >&2; exit 1; }
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/papers-ocr-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/pages" "$WORK/reference"

# Each text as papers' record has it (`papers extract`): extract_all INDIR OUTDIR [papers options]
# writes OUTDIR/NAME.txt for every INDIR/NAME.
extract_all() {
  local in=$1 out=$2; shift 2
  ls "$in" | xargs -P "$JOBS" -I{} sh -c "'$PAPERS' extract '$in/{}' $* 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"text\"])' > '$out/{}.txt'"
}

timed() {  # timed OUTFILE CMD...: appends "wall_s max_rss_kb"
  local out=$1; shift
  /usr/bin/time -f '%e %M' -o "$WORK/time.txt" "$@"
  cat "$WORK/time.txt" >> "$out"
}

if [[ $PARTS == *dev* ]]; then
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
fi

if [[ $PARTS == *real* ]]; then
  if [ ! -d "$REAL" ]; then
    echo "real scans: skipped ($REAL is not there)"
    exit 0
  fi
  # The image-only scans of the real corpus (its README's "image-only scan" and "page image" rows).
  SCANS=("rivergrove_1974-City-Charter.pdf" "rivergrove_1976-Res-#22-PC.pdf"
         "rivergrove_1984-Res-#72-Municipal-Services.pdf" "rivergrove_1998-03-02-RE-5.080-setbacks.pdf"
         "jfk_124-10180-10295.pdf" "jfk_176-10011-10152.pdf" "jfk_62-116395-2nd_nr_250x.pdf"
         "factful_historical-executive_order_9066-japanese_internment.jpg"
         "factful_historical-executive_order_9981-armed_services.jpg" "ocrmypdf_congress.jpg")
  R=$WORK/real
  mkdir -p "$R/files" "$R/pages" "$R/floor" "$R/text" "$R/truth"
  for f in "${SCANS[@]}"; do
    ln -s "$REAL/$f" "$R/files/$f"
    case $f in
      *.pdf) pdftoppm -q -r 300 -gray -png "$REAL/$f" "$R/pages/${f%.pdf}" ;;
      *) ln -s "$REAL/$f" "$R/pages/$f" ;;
    esac
  done
  REAL_PAGES=$(ls "$R/pages" | wc -l)
  read -r _ rf_wall < <(OMP_THREAD_LIMIT=1 "$FLOOR" --jobs "$JOBS" --out "$R/floor" "$R/pages" 2>/dev/null)
  : > "$R/papers.time"
  timed "$R/papers.time" "$PAPERS" --archive "$R/bench.db" ingest "$R/files" --jobs "$JOBS" 2> "$R/ingest.err"
  case $(tail -n 1 "$R/ingest.err") in
    *"$REAL_PAGES pages"*) ;;
    *) echo "ocr_bench: papers did not read all $REAL_PAGES real pages: $(tail -n 1 "$R/ingest.err")" >&2; exit 1 ;;
  esac
  read -r rp_wall _ < "$R/papers.time"
  echo
  printf '%-40s %6s %8s %8s\n' "real scans ($REAL_PAGES pages, ${#SCANS[@]} files)" pages wall_s pages/s
  awk -v t="Tesseract API alone, floor (--jobs $JOBS)" -v n="$REAL_PAGES" -v w="$rf_wall" 'BEGIN { printf "%-40s %6d %8.2f %8.2f\n", t, n, w, n / w }'
  awk -v t="papers ingest (--jobs $JOBS)" -v n="$REAL_PAGES" -v w="$rp_wall" 'BEGIN { printf "%-40s %6d %8.2f %8.2f\n", t, n, w, n / w }'
  awk -v a="$rf_wall" -v b="$rp_wall" 'BEGIN { printf "papers ingest is %.2fx the floor rate (papers renders the PDFs; the floor reads them pre-rendered)\n", a / b }'

  # Error rates on the hand-transcribed pages: each page image read by papers and by the floor.
  echo
  printf '%-56s %6s %8s %8s\n' "character errors (bench/ocr_truth)" chars floor papers
  te=0; tf=0; tn=0
  for t in "$ROOT"/bench/ocr_truth/*.txt; do
    name=$(basename "$t" .txt)
    page=$(ls "$R/pages/$name".* | head -n 1)
    "$PAPERS" extract "$t" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["text"])' > "$R/truth/$name.txt"
    "$PAPERS" extract "$page" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["text"])' > "$R/text/$name.papers.txt"
    "$PAPERS" extract "$R/floor/$(basename "$page").txt" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["text"])' > "$R/text/$name.floor.txt"
    read -r pe chars _ < <("$CER" "$R/truth/$name.txt" "$R/text/$name.papers.txt")
    read -r fe _ _ < <("$CER" "$R/truth/$name.txt" "$R/text/$name.floor.txt")
    printf '%-56s %6d %8d %8d\n' "$name" "$chars" "$fe" "$pe"
    te=$((te + pe)); tf=$((tf + fe)); tn=$((tn + chars))
  done
  awk -v n="$tn" -v f="$tf" -v p="$te" 'BEGIN { printf "%-56s %6d %7.2f%% %7.2f%%\n", "character error rate", n, 100 * f / n, 100 * p / n }'
fi
