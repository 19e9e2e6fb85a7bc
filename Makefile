# kasir — the two commands a newcomer types are `make run` and `make test`.
SHELL := /bin/bash
export SWIFT_DETERMINISTIC_HASHING := 1
export LANG ?= C.UTF-8

# Debian packages kasir needs to build, test and run.
APT_PACKAGES := libncurses-dev libqrencode-dev libsqlite3-dev tmux zbar-tools openssl ca-certificates strace
SWIFT_TEST_FLAGS ?=
# A stuck test fails the run after this many seconds instead of holding CI until its own limit.
TEST_TIMEOUT ?= 1200

PREFIX ?= /usr/local

.PHONY: deps build run test bench clean install

deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then echo "deps: all Debian packages present"; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "deps: installing$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else \
	  echo "deps: missing Debian packages:$$missing"; \
	  echo "deps: run: sudo apt-get update && sudo apt-get install -y$$missing"; exit 1; \
	fi
	@command -v swift >/dev/null || { echo "deps: swift is not on PATH; install Swift 6.3 (https://swift.org/install)"; exit 1; }

build: deps
	swift build

run: build
	.build/debug/kasir demo

# The PostgreSQL store's tests start a throwaway server of their own (Tests/KasirTestSupport/TestPostgres.swift)
# from Debian's package, and stop it when the run ends; one left by an interrupted run is stopped first.
test: APT_PACKAGES += postgresql
test: deps
	swift build --build-tests
	@pkill -u postgres -f '/tmp/kasir-pg-' 2>/dev/null; rm -rf /tmp/kasir-pg-*; true
	@timeout --kill-after=30 $(TEST_TIMEOUT) swift test --skip-build --disable-xctest $(SWIFT_TEST_FLAGS); rc=$$?; \
	if [ $$rc = 124 ] || [ $$rc = 137 ]; then \
	  echo "test: still running after $(TEST_TIMEOUT) s, stopped; a test that 'started' above and never passed is stuck"; fi; \
	exit $$rc

# wrk drives the notification receiver from C, so the load generator leaves it most of the CPU.
bench: APT_PACKAGES += wrk postgresql
bench: deps
	swift build -c release --product kasir-bench
	.build/release/kasir-bench

# The binary and the shipped themes, found by kasir from $(PREFIX)/share/kasir/themes.
install: deps
	swift build -c release --product kasir
	install -D -m 0755 .build/release/kasir $(DESTDIR)$(PREFIX)/bin/kasir
	install -d $(DESTDIR)$(PREFIX)/share/kasir/themes
	install -m 0644 themes/*.toml $(DESTDIR)$(PREFIX)/share/kasir/themes/

clean:
	rm -rf .build
