# CoP Kiosk — one Makefile: build, run, test, bench, check.

CC      ?= cc
PKGS    := sdl2 SDL2_ttf sqlite3 libsodium libpng
WARN    := -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wmissing-prototypes -Werror
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Ikiosk -Ikiosk/core
CFLAGS  ?= -O2 -g
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

# Debian packages each target needs; installed by `make deps` / `make test-deps`.
BUILD_DEBS := gcc make pkg-config libsdl2-dev libsdl2-ttf-dev libsqlite3-dev libsodium-dev libpng-dev libcsv-dev
TEST_DEBS  := $(BUILD_DEBS) libcmocka-dev sqlite3
CHECK_DEBS := cppcheck

CORE_SRC := $(wildcard kiosk/core/*.c)
UI_SRC   := $(wildcard kiosk/ui/*.c)
APP_SRC  := $(CORE_SRC) $(wildcard kiosk/ui/*.c kiosk/screens/*.c kiosk/*.c)
HDRS     := $(wildcard kiosk/*.h kiosk/core/*.h kiosk/ui/*.h kiosk/screens/*.h)
UNIT_SRC := $(wildcard tests/test_*.c)
UNITS    := $(UNIT_SRC:tests/%.c=build/asan/%)

.PHONY: all run test bench check clean deps test-deps format screenshots
all: deps build/cop-kiosk

# Installs the missing Debian packages in $(1): apt-get as root, sudo if present,
# otherwise prints the exact command and stops.
define install_debs
@missing=; for p in $(1); do \
  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
done; \
if [ -n "$$missing" ]; then \
  echo "Installing missing packages:$$missing"; \
  if [ "$$(id -u)" = 0 ]; then \
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
  elif command -v sudo >/dev/null 2>&1; then \
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
  else \
    echo "These packages are missing. Install them, then run make again:" >&2; \
    echo "  apt-get update && apt-get install -y$$missing" >&2; exit 1; \
  fi; \
fi
endef

deps:
	$(call install_debs,$(BUILD_DEBS))

test-deps:
	$(call install_debs,$(TEST_DEBS))

build/cop-kiosk: $(APP_SRC) $(HDRS) | build
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) $(PKG_CFLAGS) -o $@ $(APP_SRC) $(PKG_LIBS) -lcsv -lm

build/asan/cop-kiosk: $(APP_SRC) $(HDRS) | build/asan
	$(CC) $(CPPFLAGS) $(WARN) -O1 -g $(SAN) $(PKG_CFLAGS) -o $@ $(APP_SRC) $(PKG_LIBS) -lcsv -lm

# Unit tests link the pure core only: no SDL, no display.
build/asan/test_%: tests/test_%.c $(CORE_SRC) $(HDRS) | build/asan
	$(CC) $(CPPFLAGS) $(WARN) -O1 -g $(SAN) $(PKG_CFLAGS) -o $@ $< $(CORE_SRC) \
		$(PKG_LIBS) -lcsv -lcmocka -lm

# Tests of the SDL layer link it too, and run on the offscreen display.
build/asan/test_ui_%: tests/test_ui_%.c $(CORE_SRC) $(UI_SRC) $(HDRS) | build/asan
	$(CC) $(CPPFLAGS) $(WARN) -O1 -g $(SAN) $(PKG_CFLAGS) -o $@ $< $(CORE_SRC) $(UI_SRC) \
		$(PKG_LIBS) -lcsv -lcmocka -lm

build build/asan:
	mkdir -p $@

run: all
	build/cop-kiosk --db build/demo.db --demo --size 800x480

test: test-deps
	$(MAKE) --no-print-directory $(UNITS) build/asan/cop-kiosk
	tests/run.sh build/asan

bench: all build/bench_store
	tests/bench.sh build/cop-kiosk
	build/bench_store

build/bench_store: tests/bench_store.c $(CORE_SRC) $(HDRS) | build
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) $(PKG_CFLAGS) -o $@ $< $(CORE_SRC) $(PKG_LIBS) -lcsv -lm

# The README's pictures, drawn by the kiosk itself on the demo event.
screenshots: all
	rm -f build/shots.db build/shots.db-*
	printf 'shot assets/screenshots/home.png\n' | \
		build/cop-kiosk --db build/shots.db --demo --size 800x480 --script - >/dev/null
	printf 'shot assets/screenshots/home-portrait.png\n' | \
		build/cop-kiosk --db build/shots.db --size 720x1280 --script - >/dev/null

check:
	$(call install_debs,$(CHECK_DEBS))
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
		--inline-suppr --std=c11 -Ikiosk -Ikiosk/core kiosk tests

format:
	clang-format -i $(APP_SRC) $(HDRS) $(UNIT_SRC)

clean:
	rm -rf build
