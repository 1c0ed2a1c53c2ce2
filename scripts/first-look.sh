#!/usr/bin/env bash
# Scores one labelling batch of real papers (expected records in tests/realcorpus and
# tests/realcorpus2 that say "batch": N) with the built `papers eval`, and prints a Markdown
# section for corpus/FIRST_LOOK.md: date, commit, per-field and overall figures, per publisher.
# Run it on a new batch BEFORE any extractor change: that figure is the one reported.
#   bash scripts/first-look.sh 4 >> corpus/FIRST_LOOK.md
# Extra arguments go to `papers eval` (e.g. --ocr never).
set -euo pipefail
cd "$(dirname "$0")/.."
batch=${1:?usage: first-look.sh BATCH [papers eval options]}
shift
shared=${PAPERS_SHARED:-../shared}
papers=${PAPERS_BIN:-build/papers}
commit=$(git rev-parse --short HEAD)
dirty=$(git diff --quiet -- extractors pipeline || echo " (with uncommitted extractor changes)")
json=$("$papers" eval "$shared/realcorpus" "$shared/realcorpus2" --expected tests/realcorpus --expected tests/realcorpus2 \
  --batch "$batch" --json "$@")
BATCH="$batch" COMMIT="$commit$dirty" DATE="$(date -u +%F)" python3 scripts/first_look_table.py <<<"$json"
