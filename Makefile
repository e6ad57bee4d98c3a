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
# Templates, catalogues (locale/) and static assets.
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

# The build directory follows SAN and STATIC only; a BUILD variable in the
# environment (the tests set one for themselves) does not leak in.
ifeq ($(STATIC),1)
BUILD := build-static
SANFLAGS =
HARDEN_CPP = -D_FORTIFY_SOURCE=2
else ifeq ($(SAN),1)
BUILD := build-san
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
HARDEN_CPP =
else
BUILD := build
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

# The interface's catalogues, checked by every build (see below).
LOCALE_DIR = www/locale
LOCALE_PO = $(wildcard $(LOCALE_DIR)/*.po)
LOCALE_OK = $(BUILD)/locale.ok

FUZZ_SRC = $(wildcard tests/fuzz/fuzz-*.c)
FUZZ_BIN = $(FUZZ_SRC:tests/fuzz/%.c=build-fuzz/%)
FUZZ_SECONDS ?= 20

# Debian packages: to build, to run `make run`, and to run `make test`.
DEB_BUILD = gcc make pkg-config libfcgi-dev libmagic-dev zlib1g-dev libcmark-dev libcrypt-dev liblzma-dev libbz2-dev
DEB_RUN = nginx-light libfcgi-bin
DEB_TEST = libcmocka-dev libxml2-utils clang libclang-rt-14-dev curl apache2-utils apache2 libapache2-mod-fcgid spawn-fcgi chromium nodejs npm perl unzip time

.PHONY: all run test test-quick test-long fuzz clean install deps deps-test san dist-hosting

all: $(PROG_BIN) $(ADMIN_BIN) $(LOCALE_OK)

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

# Every catalogue loads (syntax, UTF-8, the same placeholders in msgstr as
# in msgid) and translates every text of the templates and of msg.c: a
# catalogue that would fail at start-up, or crash a printf, fails the build.
$(LOCALE_OK): $(ADMIN_BIN) $(LOCALE_PO) www/templates/*.html
	@echo "  CHECK   $(LOCALE_DIR)"
	$(Q)$(ADMIN_BIN) catalogue check -t www/templates $(LOCALE_PO)
	$(Q)touch $@

$(BUILD)/tests/test-%: tests/unit/test-%.c $(LIB) modules/*.h tests/unit/*.h
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
	@# The programs find their configuration at the CONFIG_PATH they were
	@# built with: refuse to install them somewhere else.
	$(Q)grep -q -a -F '$(CONFIG_PATH)' $(ADMIN_BIN) || { \
	    echo "install: $(BUILD)/ was built with another CONFIG_PATH (PREFIX or SYSCONFDIR);" \
	         "run 'make clean' and build with the same PREFIX/SYSCONFDIR as 'make install'" >&2; \
	    exit 1; }
	umask 022 && \
	install -d -m 0755 $(DESTDIR)$(CGIBINDIR) $(DESTDIR)$(BINDIR) $(DESTDIR)$(SHAREDIR) \
	    $(DESTDIR)$(SYSCONFDIR) && \
	install -m 0755 $(PROG_BIN) $(DESTDIR)$(CGIBINDIR)/ && \
	install -m 0755 $(ADMIN_BIN) $(DESTDIR)$(BINDIR)/ && \
	cp -R www/templates www/static www/locale $(DESTDIR)$(SHAREDIR)/ && \
	chmod -R u=rwX,go=rX $(DESTDIR)$(SHAREDIR) && \
	if [ ! -e $(DESTDIR)$(SYSCONFDIR)/pressroom.conf ]; then \
	    sed -e 's|^data_dir = .*|data_dir = $(DATADIR)|' \
	        -e 's|^templates_dir = .*|templates_dir = $(SHAREDIR)/templates|' \
	        -e 's|^locale_dir =.*|locale_dir = $(SHAREDIR)/locale|' \
	        conf/pressroom.conf >$(DESTDIR)$(SYSCONFDIR)/pressroom.conf.new && \
	    chmod 0644 $(DESTDIR)$(SYSCONFDIR)/pressroom.conf.new && \
	    mv $(DESTDIR)$(SYSCONFDIR)/pressroom.conf.new $(DESTDIR)$(SYSCONFDIR)/pressroom.conf; \
	fi && \
	{ test -e $(DESTDIR)$(SYSCONFDIR)/users || \
	    install -m 0640 /dev/null $(DESTDIR)$(SYSCONFDIR)/users; } && \
	install -d -m 0700 $(DESTDIR)$(DATADIR)
	@# Only a real install (no DESTDIR), as root, for an existing user.
	$(Q)if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" -eq 0 ] && id $(SERVICE_USER) >/dev/null 2>&1; then \
	    chown $(SERVICE_USER) $(DESTDIR)$(DATADIR) && \
	    chgrp $(SERVICE_USER) $(DESTDIR)$(SYSCONFDIR)/users; \
	fi

# A tarball for a shared-hosting account without a compiler: the static
# programs under the names conf/htaccess-cgi-bin expects, a pressroom.conf
# for that layout (paths relative to it), templates, static files, the magic
# database the programs were linked against, the catalogues, pressroom-admin
# and INSTALL.
# Unpacked in the account's home directory (no "./" entry: the home
# directory's own mode is left alone).
DIST_STATIC = build-static
DIST_STAGE = dist/hosting
DIST_TARBALL = dist/pressroom-hosting.tar.gz
# The libmagic database matching the libmagic.a the programs are linked with.
MAGIC_MGC ?= /usr/share/misc/magic.mgc

dist-hosting:
	@$(MAKE) --no-print-directory STATIC=1 all
	@echo "  DIST    $(DIST_TARBALL)"
	$(Q)rm -rf $(DIST_STAGE) $(DIST_TARBALL)
	$(Q)umask 022 && \
	s=$(DIST_STAGE) && c=$$s/public_html/cgi-bin && \
	install -d -m 0755 $$s $$s/bin $$s/public_html $$c $$s/pressroom-share && \
	install -d -m 0700 $$s/pressroom-data && \
	for p in auth submit review archive; do \
	    install -m 0755 $(DIST_STATIC)/cgi/pressroom-$$p $$c/$$p.fcgi || exit 1; \
	done && \
	install -m 0755 $(DIST_STATIC)/cgi/pressroom-upload $$c/upload.cgi && \
	install -m 0755 $(DIST_STATIC)/cgi/pressroom-admin $$s/bin/pressroom-admin && \
	install -m 0644 conf/htaccess-cgi-bin $$c/.htaccess && \
	{ printf '%s\n' \
	    '# pressroom.conf for a shared-hosting account (make dist-hosting).' \
	    '# Edit site_name and site_url below; admins names the user(s) with the' \
	    '# admin role.  The paths are relative to this file, so the layout works' \
	    '# in any home directory: ../../pressroom-data is ~/pressroom-data.' \
	    '' && \
	  sed -e 's|^data_dir = .*|data_dir = ../../pressroom-data|' \
	    -e 's|^users_file = .*|users_file = ../../pressroom-users|' \
	    -e 's|^templates_dir = .*|templates_dir = ../../pressroom-share/templates|' \
	    -e 's|^locale_dir =.*|locale_dir = ../../pressroom-share/locale|' \
	    -e 's|^magic_database =.*|magic_database = ../../pressroom-share/magic.mgc|' \
	    -e 's|^site_url = .*|site_url = https://www.example.org|' \
	    -e 's|^url_auth = .*|url_auth = /cgi-bin/auth.fcgi|' \
	    -e 's|^url_staff = .*|url_staff = /cgi-bin/submit.fcgi|' \
	    -e 's|^url_review = .*|url_review = /cgi-bin/review.fcgi|' \
	    -e 's|^url_upload = .*|url_upload = /cgi-bin/upload.cgi|' \
	    -e 's|^url_public =.*|url_public = /cgi-bin/archive.fcgi|' \
	    -e 's|^url_static = .*|url_static = /static|' \
	    conf/pressroom.conf; } >$$c/pressroom.conf && \
	chmod 0644 $$c/pressroom.conf && \
	cp -R www/static $$s/public_html/static && \
	cp -R www/templates $$s/pressroom-share/templates && \
	cp -R www/locale $$s/pressroom-share/locale && \
	install -m 0644 $(MAGIC_MGC) $$s/pressroom-share/magic.mgc && \
	printf '%s\n' \
	    'pressroom for a shared-hosting account' \
	    '======================================' \
	    '' \
	    'Needs: Apache with mod_fcgid and CGI, .htaccess allowed (AllowOverride' \
	    'Options=ExecCGI,Indexes FileInfo AuthConfig Indexes, or All), programs' \
	    'run as the account'\''s own user (suexec).  The programs are static: no' \
	    'library has to be installed.' \
	    '' \
	    '1. Unpack in the account'\''s home directory (beside public_html):' \
	    '' \
	    '       cd ~ && tar xzf pressroom-hosting.tar.gz' \
	    '' \
	    '   This adds public_html/cgi-bin/ (the programs, .htaccess, pressroom.conf),' \
	    '   public_html/static/, pressroom-share/ (templates, catalogues, magic database),' \
	    '   pressroom-data/ (the data, mode 0700), bin/pressroom-admin and this file.' \
	    '   An existing public_html/cgi-bin/.htaccess is replaced.' \
	    '' \
	    '2. Edit one file, public_html/cgi-bin/pressroom.conf: site_name and' \
	    '   site_url (https://your.site).  admins lists who is admin (admin).' \
	    '' \
	    '3. Create the first user (the password is asked twice):' \
	    '' \
	    '       bin/pressroom-admin -c public_html/cgi-bin/pressroom.conf user add admin' \
	    '' \
	    '   Add editors the same way, and approvers too (list them in approvers =).' \
	    '' \
	    '4. Check:' \
	    '' \
	    '       cd public_html/cgi-bin && ../../bin/pressroom-admin -c pressroom.conf selfcheck' \
	    '' \
	    '   Every line must say ok.  Then sign in at https://your.site/cgi-bin/auth.fcgi/login' \
	    '   The public archive is https://your.site/cgi-bin/archive.fcgi/' \
	    '' \
	    'Back up pressroom-data/, pressroom-users and pressroom.conf.  Without' \
	    'mod_fcgid, rename the four .fcgi programs to .cgi and change the url_*' \
	    'lines to match.  The README'\''s Apache section says more.' \
	    >$$s/INSTALL && chmod 0644 $$s/INSTALL && \
	chmod -R u=rwX,go=rX $$s/public_html/static $$s/pressroom-share && \
	test -z "$$(find $$s -perm /022)" && \
	tar -C $$s --sort=name --owner=0 --group=0 --numeric-owner -czf $(DIST_TARBALL) \
	    INSTALL bin pressroom-data pressroom-share public_html
	@ls -l $(DIST_TARBALL)

clean:
	rm -rf build build-san build-static build-fuzz dist
