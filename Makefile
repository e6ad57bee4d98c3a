# pressroom: a press room for websites, as small FastCGI/CGI programs in C.
#
# The knobs come first, one per line; override them on the command line or
# in Makefile.local (read last, never committed).

# Where `make install` puts things; DESTDIR is prepended to all of them.
PREFIX ?= /usr/local
# Staging root for packagers: `make install DESTDIR=/tmp/stage`.
DESTDIR ?=
# The programs (FastCGI responders that also run as plain CGI).
CGIBINDIR ?= $(PREFIX)/lib/pressroom/cgi-bin
# The admin command-line tool.
BINDIR ?= $(PREFIX)/bin
# Templates and static assets.
SHAREDIR ?= $(PREFIX)/share/pressroom
# The configuration file and the users file.
SYSCONFDIR ?= $(PREFIX)/etc/pressroom
# The data directory: flat files, readable by the service user only.
DATADIR ?= /var/lib/pressroom
# The user the programs run as, owner of DATADIR after `make install`.
SERVICE_USER ?= www-data
# Where the programs look for their configuration unless -c is given.
CONFIG_PATH ?= $(SYSCONFDIR)/pressroom.conf
# The compilers; fuzzing needs clang.
CC ?= cc
FUZZ_CC ?= clang
# Optimisation and debugging; warnings and hardening are added below.
CFLAGS ?= -O2 -g
# Sanitizer build: `make SAN=1` builds into build-san/ with ASan and UBSan.
SAN ?= 0
# Fully static programs for hosting without the libraries: `make STATIC=1`
# builds into build-static/ (Debian ships every .a needed).
STATIC ?= 0
# The port `make run` listens on (127.0.0.1 only).
PORT ?= 8080
# V=1 shows the compiler command lines.
V ?= 0

-include Makefile.local

ifeq ($(STATIC),1)
BUILD ?= build-static
SANFLAGS =
HARDEN_CPP = -D_FORTIFY_SOURCE=2
else ifeq ($(SAN),1)
BUILD ?= build-san
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
HARDEN_CPP =
else
BUILD ?= build
SANFLAGS =
HARDEN_CPP = -D_FORTIFY_SOURCE=2
endif

ifeq ($(V),1)
Q =
else
Q = @
endif

PKGS = fcgi libmagic zlib libcmark libxcrypt
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
ifeq ($(STATIC),1)
PKG_LIBS := $(shell pkg-config --static --libs $(PKGS) 2>/dev/null || echo -lfcgi -lmagic -llzma -lbz2 -lz -lcmark -lcrypt)
else
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lfcgi -lmagic -lz -lcmark -lcrypt)
endif

WARN = -std=c17 -Wall -Wextra -Werror -Wmissing-prototypes -Wstrict-prototypes \
	-Wshadow -Wpointer-arith -Wformat=2 -Wno-format-nonliteral -Wvla
HARDEN = $(HARDEN_CPP) -fstack-protector-strong -fstack-clash-protection -fPIE
ifeq ($(STATIC),1)
HARDEN_LD = -static-pie -Wl,-z,relro,-z,now -Wl,-z,noexecstack
else
HARDEN_LD = -pie -Wl,-z,relro,-z,now -Wl,-z,noexecstack
endif
ALL_CPPFLAGS = -D_GNU_SOURCE -iquote modules -DPR_CONFIG_PATH='"$(CONFIG_PATH)"' $(CPPFLAGS)
ALL_CFLAGS = $(WARN) $(HARDEN) $(SANFLAGS) $(CFLAGS) $(PKG_CFLAGS)
ALL_LDFLAGS = $(HARDEN_LD) $(SANFLAGS) $(LDFLAGS)

MODULE_SRC = $(wildcard modules/*.c)
MODULE_OBJ = $(MODULE_SRC:%.c=$(BUILD)/%.o)
LIB = $(BUILD)/libpressroom.a

PROGRAMS = auth submit review archive upload
PROG_BIN = $(PROGRAMS:%=$(BUILD)/cgi/pressroom-%)
ADMIN_BIN = $(BUILD)/cgi/pressroom-admin

UNIT_SRC = $(wildcard tests/unit/test-*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TOOL_SRC = $(wildcard tests/lib/*.c)
TOOL_BIN = $(TOOL_SRC:tests/lib/%.c=$(BUILD)/tests/%)

FUZZ_SRC = $(wildcard tests/fuzz/fuzz-*.c)
FUZZ_BIN = $(FUZZ_SRC:tests/fuzz/%.c=build-fuzz/%)
FUZZ_SECONDS ?= 20

# Debian packages: to build, to run `make run`, and to run `make test`.
DEB_BUILD = gcc make pkg-config libfcgi-dev libmagic-dev zlib1g-dev libcmark-dev libcrypt-dev liblzma-dev libbz2-dev
DEB_RUN = nginx-light libfcgi-bin
DEB_TEST = libcmocka-dev clang libclang-rt-14-dev curl apache2-utils apache2 libapache2-mod-fcgid chromium nodejs npm perl unzip time

.PHONY: all run test test-quick test-long fuzz clean install deps deps-test san

all: $(PROG_BIN) $(ADMIN_BIN)

$(BUILD)/modules/%.o: modules/%.c modules/*.h
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(LIB): $(MODULE_OBJ)
	@echo "  AR      $@"
	$(Q)rm -f $@
	$(Q)ar rcs $@ $^

$(BUILD)/cgi/pressroom-%: cgi/%.c $(LIB) modules/*.h
	@mkdir -p $(@D)
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(PKG_LIBS)

$(BUILD)/tests/test-%: tests/unit/test-%.c $(LIB) modules/*.h
	@mkdir -p $(@D)
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(PKG_LIBS) -lcmocka

$(BUILD)/tests/%: tests/lib/%.c $(LIB) modules/*.h
	@mkdir -p $(@D)
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(PKG_LIBS)

build-fuzz/fuzz-%: tests/fuzz/fuzz-%.c $(MODULE_SRC) modules/*.h
	@mkdir -p $(@D)
	@echo "  FUZZ    $@"
	$(Q)$(FUZZ_CC) -g -O1 -std=c17 -D_GNU_SOURCE -iquote modules -DPR_CONFIG_PATH='"/nonexistent"' $(PKG_CFLAGS) \
	    -fsanitize=fuzzer,address,undefined -o $@ $< $(MODULE_SRC) $(PKG_LIBS)

# The tests' own binaries: unit tests and helper programs.
test-bin: all $(UNIT_BIN) $(TOOL_BIN)

# Install what is missing, as root; otherwise say what to run.
deps:
	@sh tests/lib/deps.sh $(DEB_BUILD) $(DEB_RUN)

deps-test:
	@sh tests/lib/deps.sh $(DEB_BUILD) $(DEB_RUN) $(DEB_TEST)

# Start the press room with demo data on 127.0.0.1:$(PORT); Ctrl-C stops it.
run: deps
	@$(MAKE) --no-print-directory all
	@sh tests/lib/stack.sh run $(BUILD) $(PORT)

# Build everything, run every test (also under ASan and UBSan), and print
# one summary line: "N passed, N failed".
test: deps-test
	@$(MAKE) --no-print-directory test-bin
	@$(MAKE) --no-print-directory SAN=1 test-bin
	@$(MAKE) --no-print-directory $(FUZZ_BIN)
	@sh tests/run.sh

# The longer crash test (thousands of kills) and longer fuzzing.
test-long: test-bin
	@CRASH_KILLS=3000 sh tests/run.sh tests/integration/t0400-crash-keeps-acknowledged-saves.sh

fuzz: $(FUZZ_BIN)
	@for f in $(FUZZ_BIN); do \
		n=$${f##*/}; mkdir -p build-fuzz/corpus-$$n; \
		echo "fuzzing $$n for $(FUZZ_SECONDS)s"; \
		$$f -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -artifact_prefix=build-fuzz/ \
		    build-fuzz/corpus-$$n tests/fuzz/corpus/$${n#fuzz-} >/dev/null 2>build-fuzz/$$n.log \
		    || { tail -40 build-fuzz/$$n.log; exit 1; }; \
	done; echo "fuzzing: no crash"

install: all
	install -d -m 0755 $(DESTDIR)$(CGIBINDIR) $(DESTDIR)$(BINDIR) $(DESTDIR)$(SHAREDIR)
	install -m 0755 $(PROG_BIN) $(DESTDIR)$(CGIBINDIR)/
	install -m 0755 $(ADMIN_BIN) $(DESTDIR)$(BINDIR)/
	cp -R www/templates www/static $(DESTDIR)$(SHAREDIR)/
	chmod -R u=rwX,go=rX $(DESTDIR)$(SHAREDIR)
	install -d -m 0755 $(DESTDIR)$(SYSCONFDIR)
	test -e $(DESTDIR)$(SYSCONFDIR)/pressroom.conf || \
	    install -m 0644 conf/pressroom.conf $(DESTDIR)$(SYSCONFDIR)/pressroom.conf
	test -e $(DESTDIR)$(SYSCONFDIR)/users || \
	    install -m 0640 /dev/null $(DESTDIR)$(SYSCONFDIR)/users
	install -d -m 0700 $(DESTDIR)$(DATADIR)
	-[ -z "$(DESTDIR)" ] && id $(SERVICE_USER) >/dev/null 2>&1 && \
	    chown $(SERVICE_USER) $(DESTDIR)$(DATADIR) && \
	    chgrp $(SERVICE_USER) $(DESTDIR)$(SYSCONFDIR)/users

clean:
	rm -rf build build-san build-static build-fuzz
