# The two commands of the README, and a few more for developers.
#   make demo   install what is missing, build, ingest corpus/ into papers.db, print what was found
#   make test   install what is missing, build, run the Catch2 tests through ctest
BUILD ?= build
JOBS ?= $(shell nproc)

.PHONY: demo test deps build bench corpus package clean

deps:
	bash scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	rm -f papers.db papers.db-wal papers.db-shm
	./$(BUILD)/papers ingest corpus/
	./$(BUILD)/papers stats

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Rebuilds the development corpus PDFs from corpus/sources/ and their scanned twins from
# corpus/scans/manifest.txt (all are committed; output is byte-for-byte reproducible).
corpus: build
	./$(BUILD)/corpus/make-corpus corpus/sources corpus/dev
	./$(BUILD)/corpus/make-scans corpus/scans/manifest.txt corpus/dev corpus/scans

bench: build
	bash bench/ingest_bench.sh
	bash bench/ocr_bench.sh
	bash bench/search_bench.sh
	bash bench/archive_bench.sh

# A .deb of the binary and its man page in $(BUILD)/ (scripts/test-deb.sh installs it and runs it).
package: build
	cd $(BUILD) && cpack -G DEB

clean:
	rm -rf $(BUILD)
