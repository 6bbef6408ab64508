# Thin wrapper (DESIGN §3): every target installs what is missing first.
BUILD ?= build
ASAN_BUILD ?= build-asan
DB ?= sqlite:var/parcours.db
ADDR ?= 127.0.0.1
PORT ?= 8080

.PHONY: deps configure build run test bench fuzz format clean

deps:
	@scripts/install-deps

configure: deps
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null

build: configure
	@cmake --build $(BUILD)

# Builds only the program it serves (not the tests, not the benchmarks).
run: configure
	@cmake --build $(BUILD) --target parcours
	@scripts/run-demo $(BUILD)/parcours "$(DB)" $(ADDR) $(PORT)

test: build
	@scripts/run-tests $(BUILD) $(ASAN_BUILD)

bench: build
	@scripts/run-bench $(BUILD)

# Fuzzes the domain parsers for FUZZ_SECONDS (default 60) with libFuzzer (clang).
FUZZ_SECONDS ?= 60
fuzz: deps
	@CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DPARCOURS_FUZZ=ON -DPARCOURS_SANITIZE=ON >/dev/null
	@cmake --build build-fuzz --target domain_parsers_fuzz
	@mkdir -p build-fuzz/corpus
	@build-fuzz/domain_parsers_fuzz -max_total_time=$(FUZZ_SECONDS) build-fuzz/corpus

format:
	@clang-format -i $$(git ls-files --cached --others --exclude-standard 'src/*.cc' 'src/*.h' 'tests/*.cc' 'tests/*.h' 'bench/*.cc' 'bench/*.h')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) build-fuzz
