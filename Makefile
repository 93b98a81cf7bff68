# Thin wrapper over CMake.  `make demo` and `make check` are the whole
# set-up: both install missing Debian packages, configure and build first.
BUILD ?= build
JOBS ?= 2

.PHONY: all deps configure build demo check bench clean

all: build

deps:
	@sh tools/install-deps.sh

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
	@sh test/bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD)
