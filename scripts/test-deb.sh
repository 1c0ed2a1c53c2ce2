#!/usr/bin/env bash
# Builds the .deb (make package), installs it with apt-get so that its declared dependencies come
# with it, and runs the installed papers: --version, an ingest of the development corpus, a search,
# and its man page. As root on Debian 12; not part of `make test` (it installs into /usr).
#   bash scripts/test-deb.sh            (leaves papers installed; `apt-get remove papers` to undo)
set -euo pipefail
cd "$(dirname "$0")/.."
make package
deb=$(ls -t build/papers_*.deb | head -n 1)
echo "test-deb: $deb"
dpkg-deb --field "$deb" Depends
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$deb" >/dev/null
installed=$(command -v papers)
[ "$installed" = /usr/bin/papers ] || { echo "test-deb: papers is $installed, not /usr/bin/papers"; exit 1; }
/usr/bin/papers --version
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/papers --archive "$work/a.db" ingest corpus/dev --progress none
/usr/bin/papers --archive "$work/a.db" search "winter service" | tail -n 1
man -w papers
echo "test-deb: ok"
