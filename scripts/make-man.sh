#!/usr/bin/env bash
# Writes the papers(1) man page from the binary's own help texts, so that the two never differ:
#   scripts/make-man.sh BUILD/papers OUT/papers.1
# Sections: NAME, SYNOPSIS, DESCRIPTION (papers --help), one subsection per command (papers help
# COMMAND), EXIT STATUS, SEE ALSO. Must not need anything but bash and the binary.
set -euo pipefail
binary=$1
out=$2

# Text as roff: backslashes doubled, a line starting with . or ' guarded, kept as laid out.
roff() { sed -e 's/\\/\\e/g' -e "s/^\([.']\)/\\\\\&\1/"; }

version=$("$binary" --version | head -n 1 | awk '{print $2}')
commands=$("$binary" --help | sed -n 's/^Commands: \(.*\)\. `papers help.*/\1/p' | tr -d ',')
{
  echo ".TH PAPERS 1 \"\" \"papers $version\" \"User Commands\""
  echo ".SH NAME"
  echo "papers \\- bulk-ingest committee papers into a searchable archive"
  echo ".SH SYNOPSIS"
  echo ".B papers"
  echo "[\\fB\\-\\-archive\\fR \\fIFILE\\fR] \\fICOMMAND\\fR [\\fIOPTIONS\\fR]"
  echo ".SH DESCRIPTION"
  echo ".nf"
  "$binary" --help | roff
  echo ".fi"
  echo ".SH COMMANDS"
  for command in $commands; do
    echo ".SS $command"
    echo ".nf"
    "$binary" help "$command" | roff
    echo ".fi"
  done
  echo ".SH EXIT STATUS"
  echo "0 all files archived (or already archived); 1 fatal error (the archive cannot be used, or the OCR"
  echo "language cannot be loaded); 2 usage error; 3 some files failed (the others were archived), or eval"
  echo "scored below \\-\\-min\\-f1; 4 not found."
  echo ".SH SEE ALSO"
  echo ".BR pdftotext (1),"
  echo ".BR tesseract (1)"
} > "$out"
