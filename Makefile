# vocweek: `make run` builds and serves the demo, `make test` runs every test.
# Everything builds into ./build and ./web/dist; the demo database is
# ./data/vocweek.db unless VOCWEEK_DB says otherwise.

BUILD ?= build
VOCWEEK_DB ?= data/vocweek.db
PORT ?= 8080
CMAKE_BUILD_TYPE ?= RelWithDebInfo
# libFuzzer targets: server/fuzz/<name>_fuzz.cc, built with clang into FUZZ_BUILD.
FUZZ_BUILD ?= build-fuzz
FUZZ_TARGETS = $(patsubst server/fuzz/%_fuzz.cc,%,$(wildcard server/fuzz/*_fuzz.cc))
# Seconds each target runs in `make fuzz` and in `make test`.
FUZZ_SECONDS ?= 300
TEST_FUZZ_SECONDS ?= 40
export VOCWEEK_DB PORT

.PHONY: run test deps server web web-deps format format-check tidy test-server test-web test-fuzz \
	test-cluster fuzz fuzz-build bench clean

run: deps server web
	@./$(BUILD)/vocweek seed-demo --week played --db "$(VOCWEEK_DB)"
	@echo "打开 http://127.0.0.1:$(PORT) （Ctrl+C 停止）"
	VOCWEEK_DEMO=1 ./$(BUILD)/vocweek serve --db "$(VOCWEEK_DB)" --port $(PORT) --web-root web/dist

test: deps server web format-check tidy test-server test-web test-fuzz test-cluster

deps:
	@scripts/install-deps.sh

server:
	@cmake -S server -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=$(CMAKE_BUILD_TYPE) > /dev/null
	@ninja -C $(BUILD)

web-deps:
	@cd web && { [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] \
	  || npm ci --no-audit --no-fund; }

web: web-deps
	@cd web && npm run build

test-server: server
	@echo "== C++ unit and API tests on SQLite =="
	./$(BUILD)/vocweek_tests --gtest_brief=1
	@echo "== C++ unit and API tests on PostgreSQL 15 =="
	scripts/with-postgres.sh ./$(BUILD)/vocweek_tests --gtest_brief=1

test-web: web server
	@echo "== Front-end lint =="
	cd web && npm run lint
	@echo "== Front-end unit tests =="
	cd web && npm run test:unit && npm run test:weight
	@echo "== Browser tests (Chromium) =="
	cd web && VOCWEEK_BIN=$(CURDIR)/$(BUILD)/vocweek npm run test:e2e

# Two nodes on a throwaway PostgreSQL behind nginx, all on 127.0.0.1
# (scripts/cluster-test.sh): sessions, caches, seats, limits, a node killed
# under load, periodic jobs.
test-cluster: server
	@echo "== Cluster test: two nodes on PostgreSQL 15 behind nginx =="
	VOCWEEK_BIN=$(CURDIR)/$(BUILD)/vocweek scripts/cluster-test.sh

fuzz-build:
	@cmake -S server/fuzz -B $(FUZZ_BUILD) -G Ninja -DCMAKE_CXX_COMPILER=clang++ > /dev/null
	@ninja -C $(FUZZ_BUILD)

test-fuzz: fuzz-build
	@scripts/run-fuzz.sh $(FUZZ_BUILD) $(TEST_FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz: deps fuzz-build
	@scripts/run-fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

FORMAT_FILES = $(shell find server/src server/tests server/fuzz -name '*.h' -o -name '*.cc')

format:
	clang-format -i $(FORMAT_FILES)

format-check:
	@clang-format --dry-run --Werror $(FORMAT_FILES) && echo "clang-format: clean"

# clang-tidy (.clang-tidy, warnings as errors) over the domains in
# scripts/tidy.sh (TIDY_DIRS="http core" narrows it), two files at a time.
tidy: server
	@scripts/tidy.sh $(BUILD)

bench: deps server
	bench/run.sh
	bench/memory.sh
	bench/checkin.sh
	bench/rollup.sh
	bench/cluster.sh

clean:
	rm -rf $(BUILD) $(FUZZ_BUILD) web/dist
