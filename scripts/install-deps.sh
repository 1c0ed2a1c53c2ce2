#!/usr/bin/env bash
# Installs every Debian 12 package that papers needs to build, test and run its demo.
# Idempotent: installs only what is missing. `--fuzz` adds what scripts/fuzz.sh needs. Must run as root (or with sudo available).
# It must not download anything that is not a Debian package.
set -euo pipefail

packages=(
  build-essential cmake pkg-config   # compiler and build system
  libpoppler-cpp-dev poppler-utils   # PDF text per page (Poppler C++ API); pdftotext is the benchmark baseline
  libpoppler-private-dev             # Poppler's core TextOutputDev: a page's text and its words with fonts in one pass
  libicu-dev                         # Unicode normalisation (NFKC), case folding, charset detection
  libre2-dev                         # field extractors' regular expressions (linear time)
  libtbb-dev                         # oneTBB parallel_pipeline
  libsqlite3-dev                     # the embedded archive (WAL, FTS5)
  libpq-dev                          # the archive on a PostgreSQL server (--archive postgresql://...), libpq
  postgresql                         # the server itself: the tests start a throwaway one (initdb, pg_ctl)
  libssl-dev                         # SHA-256 of each paper (OpenSSL EVP)
  libmagic-dev                       # media type by content (magic bytes), not by file name
  nlohmann-json3-dev                 # JSON records
  libcli11-dev                       # command line
  libphonenumber-dev                 # phone numbers to E.164
  libtesseract-dev libleptonica-dev  # OCR of scanned pages (Tesseract LSTM C++ API) and scan preprocessing (Leptonica)
  tesseract-ocr-eng tesseract-ocr-osd # English model; orientation and script detection (pages turned 90/180/270)
  tesseract-ocr                      # the `tesseract` command: the OCR benchmark's baseline
  libcairo2-dev fonts-dejavu-core    # corpus generator: text-layer PDFs through Cairo's PDF surface
  libcpp-httplib-dev                 # `papers serve`: the local web page and JSON API (HTTP server; client in tests)
  catch2                             # unit tests (Catch2 v2)
  chromium chromium-driver python3-selenium  # end-to-end test of the web page in headless Chromium (WebDriver)
  python3-jsonschema                 # schema test: validates `papers extract` output against schemas/paper.schema.json
  qpdf                               # test fixtures: encrypted PDFs
  time                               # bench/: GNU time for wall time and peak memory
)

# scripts/fuzz.sh only: Debian's clang with its libFuzzer and sanitizer runtimes.
if [ "${1:-}" = "--fuzz" ]; then
  packages+=(clang-14 libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
