# CoP Kiosk — one Makefile: build, run, test, bench, check.

CC      ?= cc
PKG_CONFIG ?= pkg-config
# Where the kiosk, cop-sync and the bench tools go, and the tests' builds
# (with the sanitizers). make test-arm64 sets all three for its cross build.
OUT     ?= build
TOUT    ?= $(OUT)/asan
PKGS    := sdl2 SDL2_ttf sqlite3 libsodium libpng inih
# libsystemd is optional: with it the kiosk tells systemd it is ready and pings
# the watchdog (sd_notify, image/cop-kiosk.service); without it (a desktop, a
# build machine without libsystemd-dev) those calls compile to nothing.
HAVE_SYSTEMD := $(shell $(PKG_CONFIG) --exists libsystemd 2>/dev/null && echo yes)
ifeq ($(HAVE_SYSTEMD),yes)
PKGS    += libsystemd
CPPFLAGS += -DHAVE_SYSTEMD
endif
WARN    := -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wmissing-prototypes -Werror
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Ikiosk -Ikiosk/core
CFLAGS  ?= -O2 -g
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

# Debian packages each target needs; installed by `make deps` / `make test-deps`.
BUILD_DEBS := gcc make pkg-config libsdl2-dev libsdl2-ttf-dev libsqlite3-dev libsodium-dev libpng-dev libcsv-dev \
              zlib1g-dev libqrencode-dev libinih-dev libsystemd-dev gettext libmicrohttpd-dev libpq-dev
TEST_DEBS  := $(BUILD_DEBS) libcmocka-dev sqlite3 zbar-tools systemd python3 python3-nacl shellcheck curl openssl \
              chromium chromium-driver python3-selenium ffmpeg fonts-liberation python3-opencv python3-zxing-cpp \
              postgresql
CHECK_DEBS := cppcheck
FUZZ_DEBS  := clang libclang-rt-dev libsodium-dev zlib1g-dev libqrencode-dev

CORE_SRC := $(wildcard kiosk/core/*.c)
UI_SRC   := $(wildcard kiosk/ui/*.c)
APP_SRC  := $(CORE_SRC) $(wildcard kiosk/ui/*.c kiosk/screens/*.c kiosk/*.c)
HDRS     := $(wildcard kiosk/*.h kiosk/core/*.h kiosk/ui/*.h kiosk/screens/*.h)
UNIT_SRC := $(wildcard tests/test_*.c)
UNITS    := $(UNIT_SRC:tests/%.c=$(TOUT)/%)

# The sync protocol (sync/PROTOCOL.md) and its receiver, cop-sync: no SDL.
SYNC_SRC  := sync/sync.c sync/records.c sync/base45.c sync/csvfield.c
SYNC_HDRS := $(wildcard sync/*.h)
SYNC_PKGS := sqlite3 libsodium zlib libqrencode
SYNC_CFLAGS = -Isync $(shell $(PKG_CONFIG) --cflags $(SYNC_PKGS) libpng 2>/dev/null)
SYNC_LIBS   = $(shell $(PKG_CONFIG) --libs $(SYNC_PKGS) 2>/dev/null)
# cop-sync serve, the online space: libmicrohttpd, and the files of sync/web
# built into the binary (sync/embed.sh writes $(OUT)/web_files.S and .c).
SERVE_PKGS := libmicrohttpd libpq
SERVE_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(SERVE_PKGS) 2>/dev/null)
WEB_FILES  := $(filter-out sync/web/README.md,$(shell find sync/web -type f 2>/dev/null))
COP_SYNC_SRC := sync/cop_sync.c sync/archive.c sync/archive_accounts.c sync/archive_pages.c \
                sync/archive_sqlite.c sync/archive_pg.c \
                sync/receive.c sync/serve.c sync/upload.c sync/auth.c sync/pages.c sync/pages_accounts.c sync/html.c $(SYNC_SRC)
COP_SYNC_LIBS = $(shell $(PKG_CONFIG) --libs $(SYNC_PKGS) $(SERVE_PKGS) 2>/dev/null) -lpthread
# The kiosk encodes the loop with the same sync library (not the receiver's files).
APP_SRC   += $(SYNC_SRC)

# The languages of the kiosk's words besides English: kiosk/po/LANG.po, each
# compiled (checked: its formats must match the English) into
# LANG/LC_MESSAGES/cop-kiosk.mo in a locale folder beside the kiosk, where it
# looks first (then in ../share/locale: install.sh puts them there).
LANGS   := $(basename $(notdir $(wildcard kiosk/po/*.po)))
MO       = $(foreach l,$(LANGS),$(1)/locale/$(l)/LC_MESSAGES/cop-kiosk.mo)
# The sources whose words the catalogues translate (not the receiver's).
PO_SRC  := $(filter-out $(SYNC_SRC),$(APP_SRC)) $(HDRS)
XGETTEXT := xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
            --add-comments=TRANSLATORS: \
            --add-location=file --package-name=cop-kiosk

.PHONY: all run test test-arm64 units image image-check bench check clean deps test-deps format screenshots fuzz po
all: deps $(OUT)/cop-kiosk $(OUT)/cop-sync $(call MO,$(OUT))

$(OUT)/locale/%/LC_MESSAGES/cop-kiosk.mo: kiosk/po/%.po | $(OUT)
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

ifneq ($(OUT),$(TOUT))
$(TOUT)/locale/%/LC_MESSAGES/cop-kiosk.mo: kiosk/po/%.po | $(TOUT)
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<
endif

# After the words in the code change: the template for new translations, and
# each catalogue brought up to date (new words untranslated, for a translator).
po:
	$(XGETTEXT) -o kiosk/po/cop-kiosk.pot $(PO_SRC)
	for l in $(LANGS); do msgmerge --quiet --update --backup=none --no-fuzzy-matching kiosk/po/$$l.po kiosk/po/cop-kiosk.pot; done

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

# The kiosk in layers, each built with its own flags only, so a layer that
# reaches past its own cannot compile:
#   libsync.a  sync/ (the protocol): no kiosk header (no -Ikiosk)
#   libcore.a  kiosk/core (store, search, layout maths, text): no SDL, no kiosk/ui
#   libui.a    kiosk/ui (the SDL layer): SDL, and kiosk/core's headers
#   screens    kiosk/screens: ui.h and core, no SDL (ui_sdl.h is the app's)
#   the app    kiosk/*.c (main, app, script, frames, demo): everything
# Unit tests link libcore and libsync (no SDL); the ui's tests libui too.
# Objects go under OUT/obj and TOUT/obj; -MMD writes what each includes.
CORE_PKGS := sqlite3 libsodium inih libqrencode libpng
UI_PKGS   := sdl2 SDL2_ttf
LAYER_CPPFLAGS := -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
CORE_CFLAGS   = -Ikiosk/core -Isync $(shell $(PKG_CONFIG) --cflags $(CORE_PKGS) 2>/dev/null)
CORE_LIBS     = $(shell $(PKG_CONFIG) --libs $(CORE_PKGS) zlib 2>/dev/null) -lcsv -lm
UI_CFLAGS     = -Ikiosk -Ikiosk/core $(shell $(PKG_CONFIG) --cflags $(UI_PKGS) 2>/dev/null)
UI_LIBS       = $(shell $(PKG_CONFIG) --libs $(UI_PKGS) 2>/dev/null)
SCREENS_CFLAGS = -Ikiosk -Ikiosk/core $(CORE_CFLAGS)
TEST_CFLAGS    = -Ikiosk -Itests $(CORE_CFLAGS)
SCREENS_SRC := $(wildcard kiosk/screens/*.c)
MAIN_SRC    := $(wildcard kiosk/*.c)

# What a test or tool links: its sources, objects and libraries (its .d file
# also makes it depend on the headers it includes, which are not linked).
LINK_INPUTS = $(filter %.c %.o %.a,$^)

# $(call layers,FOLDER,FLAGS): the layers' objects and libraries in FOLDER,
# compiled with FLAGS (optimisation, sanitizers) besides each layer's own.
define layers
$(1)/obj/core/%.o: kiosk/core/%.c | $(1)
	@mkdir -p $$(@D)
	$$(CC) $$(LAYER_CPPFLAGS) $$(WARN) $(2) $$(CORE_CFLAGS) -MMD -MP -c -o $$@ $$<
$(1)/obj/sync/%.o: sync/%.c | $(1)
	@mkdir -p $$(@D)
	$$(CC) $$(LAYER_CPPFLAGS) $$(WARN) $(2) $$(SYNC_CFLAGS) -MMD -MP -c -o $$@ $$<
$(1)/obj/ui/%.o: kiosk/ui/%.c | $(1)
	@mkdir -p $$(@D)
	$$(CC) $$(LAYER_CPPFLAGS) $$(WARN) $(2) $$(UI_CFLAGS) -MMD -MP -c -o $$@ $$<
$(1)/obj/screens/%.o: kiosk/screens/%.c | $(1)
	@mkdir -p $$(@D)
	$$(CC) $$(LAYER_CPPFLAGS) $$(WARN) $(2) $$(SCREENS_CFLAGS) -MMD -MP -c -o $$@ $$<
$(1)/obj/app/%.o: kiosk/%.c | $(1)
	@mkdir -p $$(@D)
	$$(CC) $$(CPPFLAGS) $$(WARN) $(2) $$(PKG_CFLAGS) $$(SYNC_CFLAGS) -MMD -MP -c -o $$@ $$<
$(1)/obj/tests/%.o: tests/%.c | $(1)
	@mkdir -p $$(@D)
	$$(CC) $$(LAYER_CPPFLAGS) $$(WARN) $(2) $$(TEST_CFLAGS) -MMD -MP -c -o $$@ $$<
$(1)/libcore.a: $(CORE_SRC:kiosk/core/%.c=$(1)/obj/core/%.o)
	$$(AR) rcs $$@ $$^
$(1)/libsync.a: $(SYNC_SRC:sync/%.c=$(1)/obj/sync/%.o)
	$$(AR) rcs $$@ $$^
$(1)/libui.a: $(UI_SRC:kiosk/ui/%.c=$(1)/obj/ui/%.o)
	$$(AR) rcs $$@ $$^
$(1)/cop-kiosk: $(MAIN_SRC:kiosk/%.c=$(1)/obj/app/%.o) $(SCREENS_SRC:kiosk/screens/%.c=$(1)/obj/screens/%.o) \
		$(1)/libui.a $(1)/libcore.a $(1)/libsync.a
	$$(CC) $(2) -o $$@ $$^ $$(PKG_LIBS) $$(SYNC_LIBS) -lcsv -lm
-include $$(wildcard $(1)/obj/*/*.d $(1)/*.d)
endef

$(eval $(call layers,$(OUT),$(CFLAGS)))
ifneq ($(OUT),$(TOUT))
$(eval $(call layers,$(TOUT),-O1 -g $(SAN)))
endif

# Unit tests link the pure core only: no SDL, no display. And the review's
# fixture, which builds its data through the store, and the sync library (the
# store's batches are checked by the parser the receiver uses).
$(TOUT)/test_%: tests/test_%.c $(TOUT)/obj/tests/fixture.o $(TOUT)/libcore.a $(TOUT)/libsync.a | $(TOUT)
	$(CC) $(LAYER_CPPFLAGS) $(WARN) -O1 -g $(SAN) $(TEST_CFLAGS) -MMD -MP -o $@ $(LINK_INPUTS) $(CORE_LIBS) -lcmocka

# The review's fixture as a data file (make_fixture PATH), for the UI tests.
$(TOUT)/make_fixture: tests/make_fixture.c $(TOUT)/obj/tests/fixture.o $(TOUT)/libcore.a $(TOUT)/libsync.a | $(TOUT)
	$(CC) $(LAYER_CPPFLAGS) $(WARN) -O1 -g $(SAN) $(TEST_CFLAGS) -MMD -MP -o $@ $(LINK_INPUTS) $(CORE_LIBS)

# Tests of the SDL layer link it too, and run on the offscreen display.
$(TOUT)/test_ui_%: tests/test_ui_%.c $(TOUT)/libui.a $(TOUT)/libcore.a $(TOUT)/libsync.a | $(TOUT)
	$(CC) $(LAYER_CPPFLAGS) $(WARN) -O1 -g $(SAN) $(UI_CFLAGS) $(TEST_CFLAGS) -MMD -MP -o $@ $(LINK_INPUTS) $(UI_LIBS) \
		$(CORE_LIBS) -lcmocka

$(OUT)/cop-sync: $(COP_SYNC_SRC) $(SYNC_HDRS) $(OUT)/web_files.c | $(OUT)
	$(CC) $(LAYER_CPPFLAGS) $(WARN) $(CFLAGS) $(SYNC_CFLAGS) $(SERVE_CFLAGS) -o $@ $(COP_SYNC_SRC) $(OUT)/web_files.c \
		$(OUT)/web_files.S $(COP_SYNC_LIBS)

$(TOUT)/cop-sync: $(COP_SYNC_SRC) $(SYNC_HDRS) $(TOUT)/web_files.c | $(TOUT)
	$(CC) $(LAYER_CPPFLAGS) $(WARN) -O1 -g $(SAN) $(SYNC_CFLAGS) $(SERVE_CFLAGS) -o $@ $(COP_SYNC_SRC) \
		$(TOUT)/web_files.c $(TOUT)/web_files.S $(COP_SYNC_LIBS)

$(OUT)/web_files.c: sync/embed.sh $(WEB_FILES) | $(OUT)
	sync/embed.sh sync/web $(OUT)/web_files

ifneq ($(OUT),$(TOUT))
$(TOUT)/web_files.c: sync/embed.sh $(WEB_FILES) | $(TOUT)
	sync/embed.sh sync/web $(TOUT)/web_files
endif

# Stands in for the kiosk's side in the sync tests: a batch as frame texts and PNGs.
$(TOUT)/cop-sync-gen: sync/gen_frames.c $(SYNC_SRC) $(SYNC_HDRS) | $(TOUT)
	$(CC) $(LAYER_CPPFLAGS) $(WARN) -O1 -g $(SAN) $(SYNC_CFLAGS) -o $@ $< $(SYNC_SRC) \
		$(SYNC_LIBS) -lpng

# An explicit rule wins over $(TOUT)/test_%: the sync tests link sync/, not the kiosk core.
$(TOUT)/test_sync: tests/test_sync.c $(TOUT)/obj/tests/fountain_sim.o $(TOUT)/libsync.a | $(TOUT)
	$(CC) $(LAYER_CPPFLAGS) $(WARN) -O1 -g $(SAN) $(SYNC_CFLAGS) -MMD -MP -o $@ $(LINK_INPUTS) $(SYNC_LIBS) -lcmocka

# Every build writes into one of these folders, made only once the build
# packages are there: `make -j` on a fresh machine does not compile before
# apt-get has installed the compiler and the -dev packages.
$(OUT) $(TOUT): | deps
	mkdir -p $@

run: all
	$(OUT)/cop-kiosk --db build/demo.db --demo --size 800x480

test: test-deps
	$(MAKE) --no-print-directory $(UNITS) $(TOUT)/cop-kiosk $(TOUT)/cop-sync \
		$(TOUT)/cop-sync-gen $(TOUT)/make_fixture $(call MO,$(TOUT))
	tests/run.sh $(TOUT)

units: $(UNITS) $(call MO,$(TOUT))

# The same tests on the Pi's arm64: cross-compiled with Debian's
# gcc-aarch64-linux-gnu against its arm64 multiarch -dev packages, and run under
# qemu-aarch64-static (without the sanitizers, which do not run under qemu-user).
# UNITS_ONLY=1 runs the unit tests alone (a minute, not five).
ARM64      := build/arm64
ARM64_DEBS := gcc-aarch64-linux-gnu qemu-user-static libc6:arm64 $(addsuffix :arm64,libsdl2-dev \
              libsdl2-ttf-dev libsqlite3-dev libsodium-dev libpng-dev libcsv-dev zlib1g-dev libqrencode-dev \
              libinih-dev libsystemd-dev libcmocka-dev libmicrohttpd-dev)
ARM64_MAKE  = $(MAKE) --no-print-directory CC=aarch64-linux-gnu-gcc AR=aarch64-linux-gnu-ar SAN= OUT=$(ARM64) TOUT=$(ARM64)/test \
              PKG_CONFIG="env PKG_CONFIG_LIBDIR=/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig pkg-config"

test-arm64: test-deps
	@dpkg --print-foreign-architectures | grep -qx arm64 || { \
	  echo "Adding arm64 to dpkg's architectures (for Debian's arm64 -dev packages)"; \
	  if [ "$$(id -u)" = 0 ]; then dpkg --add-architecture arm64; else sudo dpkg --add-architecture arm64; fi; }
	$(call install_debs,$(ARM64_DEBS))
	$(ARM64_MAKE) units $(call MO,$(ARM64)/test) \
		$(if $(UNITS_ONLY),,$(addprefix $(ARM64)/test/,cop-kiosk cop-sync cop-sync-gen make_fixture))
	RUN=qemu-aarch64-static UNITS_ONLY=$(UNITS_ONLY) tests/run.sh $(ARM64)/test

# A bootable Debian bookworm SD-card image for a Raspberry Pi 3 or 4 with the
# kiosk installed (image/build.sh; root, about 15 minutes, 2 GB of disk).
IMAGE_DEBS := mmdebstrap qemu-user-static binfmt-support arch-test fdisk dosfstools mtools e2fsprogs file

image:
	@[ "$$(id -u)" = 0 ] || { echo "make image runs as root (mmdebstrap, file owners): sudo make image" >&2; exit 1; }
	@dpkg --print-foreign-architectures | grep -qx arm64 || dpkg --add-architecture arm64
	$(call install_debs,$(BUILD_DEBS) $(ARM64_DEBS) $(IMAGE_DEBS))
	$(ARM64_MAKE) $(ARM64)/cop-kiosk $(ARM64)/cop-sync $(call MO,$(ARM64))
	image/build.sh $(ARM64) build/cop-kiosk-arm64.img

# Boots a copy of that image on an emulated arm64 board and checks it from its
# console, then after pulling the plug (image/boot-qemu.sh; a few minutes).
image-check:
	$(call install_debs,qemu-system-arm fdisk mtools e2fsprogs sqlite3)
	image/boot-qemu.sh build/cop-kiosk-arm64.img

BENCH_DEBS := wrk curl zbar-tools ffmpeg chromium chromium-driver python3-selenium python3-opencv python3-zxing-cpp \
              postgresql

bench: all $(OUT)/bench_store $(OUT)/make_fixture $(OUT)/bench_fountain $(OUT)/cop-sync-gen
	$(call install_debs,$(BENCH_DEBS))
	tests/bench.sh $(OUT)/cop-kiosk
	$(OUT)/bench_store
	$(OUT)/bench_fountain
	tests/bench_web.sh $(OUT)

# (When OUT is TOUT, the test's rule above makes make_fixture.)
ifneq ($(OUT),$(TOUT))
$(OUT)/make_fixture: tests/make_fixture.c $(OUT)/obj/tests/fixture.o $(OUT)/libcore.a $(OUT)/libsync.a | $(OUT)
	$(CC) $(LAYER_CPPFLAGS) $(WARN) $(CFLAGS) $(TEST_CFLAGS) -MMD -MP -o $@ $(LINK_INPUTS) $(CORE_LIBS)
endif

$(OUT)/bench_fountain: tests/bench_fountain.c $(OUT)/obj/tests/fountain_sim.o $(OUT)/libsync.a | $(OUT)
	$(CC) $(LAYER_CPPFLAGS) $(WARN) $(CFLAGS) $(SYNC_CFLAGS) -MMD -MP -o $@ $(LINK_INPUTS) $(SYNC_LIBS)

$(OUT)/bench_store: tests/bench_store.c $(OUT)/obj/tests/fixture.o $(OUT)/libcore.a $(OUT)/libsync.a | $(OUT)
	$(CC) $(LAYER_CPPFLAGS) $(WARN) $(CFLAGS) $(TEST_CFLAGS) -MMD -MP -o $@ $(LINK_INPUTS) $(CORE_LIBS)

# The bench's batches (when OUT is TOUT, the tests' rule makes it).
ifneq ($(OUT),$(TOUT))
$(OUT)/cop-sync-gen: sync/gen_frames.c $(SYNC_SRC) $(SYNC_HDRS) | $(OUT)
	$(CC) $(LAYER_CPPFLAGS) $(WARN) $(CFLAGS) $(SYNC_CFLAGS) -o $@ $< $(SYNC_SRC) $(SYNC_LIBS) -lpng
endif

# The README's pictures, drawn by the kiosk itself on the demo event.
# The README's pictures, then the screen tour (every screen and state, both
# languages, three sizes; its faults printed) with a picture of each screen
# and a contact sheet per language and size in build/screenshots/: look at
# them before you stop. Fails, after writing them, if the tour found faults.
SHOT_DEBS := python3 python3-pil sqlite3 gettext
TOUR      := tests/ui/test_every_screen_and_state_is_whole_uncovered_and_on_screen.sh
screenshots: all $(OUT)/make_fixture
	$(call install_debs,$(SHOT_DEBS))
	rm -f build/shots.db build/shots.db-*
	printf 'shot assets/screenshots/home.png\n' | \
		$(OUT)/cop-kiosk --db build/shots.db --demo --size 800x480 --script - >/dev/null
	printf 'shot assets/screenshots/home-portrait.png\n' | \
		$(OUT)/cop-kiosk --db build/shots.db --size 720x1280 --script - >/dev/null
	printf 'shot assets/screenshots/home-cy.png\n' | \
		$(OUT)/cop-kiosk --db build/shots.db --size 800x480 --language cy --script - >/dev/null
	rm -rf build/screenshots build/tour && mkdir -p build/screenshots build/tour
	cd build/tour && SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy LC_ALL=C.UTF-8 \
		TESTS=$(CURDIR)/tests BUILD=$(CURDIR)/$(OUT) KIOSK=$(CURDIR)/$(OUT)/cop-kiosk \
		MAKE_FIXTURE=$(CURDIR)/$(OUT)/make_fixture TOUR_SHOTS=$(CURDIR)/build/screenshots \
		sh $(CURDIR)/$(TOUR); echo $$? >../tour.status
	/usr/bin/python3 tests/ui/screen_check_sheets.py build/screenshots assets/fonts/NotoSans-Bold.ttf
	@echo "Contact sheets: build/screenshots/sheet-*.png (screens: build/screenshots/LANG-SIZE-NN.png)"
	@[ "$$(cat build/tour.status)" = 0 ] || { echo "The screen tour found faults (above)."; exit 1; }

check:
	$(call install_debs,$(CHECK_DEBS))
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
		--inline-suppr --std=c11 -Ikiosk -Ikiosk/core -Isync kiosk sync tests

# The receiver's frame decoder and batch parser under libFuzzer (clang), seeded
# with sync/vectors/ (and the vector batch's payload); not part of `make test`.
# A crash leaves its input as build/fuzz/crash-*: make it a regression test.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_FLAGS   := -fsanitize=fuzzer,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

build/fuzz/fuzz_decoder: sync/fuzz_decoder.c $(SYNC_SRC) $(SYNC_HDRS)
	@mkdir -p build/fuzz
	$(FUZZ_CC) $(LAYER_CPPFLAGS) $(WARN) -O1 -g $(FUZZ_FLAGS) $(SYNC_CFLAGS) -o $@ $< $(SYNC_SRC) $(SYNC_LIBS)

fuzz:
	$(call install_debs,$(FUZZ_DEBS))
	$(MAKE) --no-print-directory build/fuzz/fuzz_decoder
	rm -rf build/fuzz/seeds && mkdir -p build/fuzz/seeds build/fuzz/corpus
	cp sync/vectors/* build/fuzz/seeds/
	{ printf '{"type":"batch","protocol":1,"kiosk":"K1A2","batch":"7","created":1767225600,"records":%d,"secret":"000102030405060708090a0b0c0d0e0f"}\n' \
		"$$(wc -l <sync/vectors/batch-7.records.jsonl)"; cat sync/vectors/batch-7.records.jsonl; } \
		>build/fuzz/seeds/batch-7.payload
	build/fuzz/fuzz_decoder -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=4096 \
		-artifact_prefix=build/fuzz/ build/fuzz/corpus build/fuzz/seeds

format:
	clang-format -i $(filter-out $(SYNC_SRC),$(APP_SRC)) $(HDRS) $(UNIT_SRC)

clean:
	rm -rf build
