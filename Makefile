# socialpact. Every target installs what it needs first (scripts/install-deps is idempotent).
#   make run     build (Release) and serve on http://localhost:8080 with ./data and demo data
#   make test    unit tests, API tests on SQLite and PostgreSQL, browser tests (ASan+UBSan build)
#   make bench   national-scale data, wrk against the product and the list-ceiling probe
SHELL := /bin/bash
JOBS ?= 2
PORT ?= 8080
# The pinned Node.js and npm that scripts/install-deps puts in tools/node (decision 0012) come first.
export PATH := $(CURDIR)/tools/node/node_modules/.bin:$(PATH)
DATA ?= ./data

.PHONY: deps build build-release build-asan web run test bench clean

deps:
	@scripts/install-deps

build-release: deps
	@cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build build/release -j$(JOBS)

build-asan: deps
	@cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSOCIALPACT_SANITIZE=ON >/dev/null
	@cmake --build build/asan -j$(JOBS)

web: deps
	@npm run --silent build:web

build: build-release web

run: build
	./build/release/socialpact --data $(DATA) serve --host 127.0.0.1 --port $(PORT) --static web/dist

test: build-asan web
	@scripts/test-all

bench: build-release web
	@scripts/bench-all
	@scripts/bench-ops

clean:
	rm -rf build web/dist
