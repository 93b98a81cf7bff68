# Thin wrapper over CMake.  `make demo` and `make check` are the whole
# set-up: both install missing Debian packages, configure and build first.
BUILD ?= build
JOBS ?= 2

.PHONY: all deps configure build demo check bench fuzz fuzz-fixits clean

all: build

deps:
	@sh tools/install-deps.sh $(BUILD)

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19

configure: deps $(BUILD)/CMakeCache.txt

build: configure
	cmake --build $(BUILD) -j$(JOBS)

demo: build
	@sh test/demo/run.sh $(BUILD)

check: build
	@sh test/run-tests.sh $(BUILD)

bench: build
	cmake --build $(BUILD) --target modspace-bench-empty -j$(JOBS)
	@sh test/bench/run.sh $(BUILD)
	@sh test/bench/elf.sh $(BUILD)
	@sh test/bench/cli.sh $(BUILD)

# libFuzzer on modspace-elf's ELF reader, for FUZZ_SECONDS (default 60),
# starting from the seeds in tools/modspace-elf/corpus.
FUZZ_SECONDS ?= 60
fuzz: configure
	cmake --build $(BUILD) --target modspace-elf-fuzz -j$(JOBS)
	mkdir -p $(BUILD)/fuzz-corpus
	cp tools/modspace-elf/corpus/* $(BUILD)/fuzz-corpus/
	$(BUILD)/tools/modspace-elf/modspace-elf-fuzz -max_total_time=$(FUZZ_SECONDS) \
	    -max_len=65536 $(BUILD)/fuzz-corpus

# The fix-it mutation test with more variants: FIXIT_VARIANTS (default
# 2000), or FIXIT_SECONDS of them; broken ones are kept in
# $(BUILD)/fuzz-fixits.
FIXIT_VARIANTS ?= 2000
FIXIT_SEED ?= 1
fuzz-fixits: build
	MODSPACE_PLUGIN=$(CURDIR)/$(BUILD)/plugin/modspace.so \
	    python3 test/tools/mutate.py -j $(JOBS) --seed $(FIXIT_SEED) \
	    --keep $(BUILD)/fuzz-fixits \
	    $$(if [ -n "$(FIXIT_SECONDS)" ]; then echo --seconds $(FIXIT_SECONDS); \
	    else echo --count $(FIXIT_VARIANTS); fi)

clean:
	rm -rf $(BUILD)
