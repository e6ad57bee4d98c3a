#!/bin/sh
# `make install` into a staging directory (DESTDIR), as a packager or an
# admin would run it: where each file goes, its mode, nothing group- or
# world-writable even under a loose umask, a configuration whose paths
# match the install, and a second install that keeps an edited
# pressroom.conf and users file.  Then the installed pressroom-admin runs
# selfcheck against the installed files (paths rewritten into the stage).
. tests/lib/tap.sh
tap_tmpdir
trap 'rm -rf "$TMP"' EXIT

T0=$(date +%s)
ST=$TMP/stage
P=/usr/local
CGIBIN=$ST$P/lib/pressroom/cgi-bin BIN=$ST$P/bin SHARE=$ST$P/share/pressroom
ETC=$ST$P/etc/pressroom DATA=$ST/var/lib/pressroom

# A loose umask (002, common for users with their own group) must not leak
# into the modes of anything installed.
(umask 002 && make install DESTDIR="$ST" PREFIX=$P) >"$TMP/make.log" 2>&1
rc=$?
is "$rc" 0 "make install DESTDIR=\$TMP/stage PREFIX=$P (umask 002)"
[ "$rc" -eq 0 ] || tail -20 "$TMP/make.log" | sed 's/^/#   /'
unlike "$(cat "$TMP/make.log")" "ignored" "... without an ignored error in its output"

n=0
for p in auth submit review archive upload; do
	f=$CGIBIN/pressroom-$p
	[ -f "$f" ] && [ "$(stat -c %a "$f")" = 755 ] ||
	    { diag "$f: $(stat -c %a "$f" 2>&1)"; n=$((n + 1)); }
done
is "$n" 0 "the five programs are in CGIBINDIR ($P/lib/pressroom/cgi-bin), mode 0755"
is "$(stat -c %a "$BIN/pressroom-admin" 2>&1)" 755 "pressroom-admin is in BINDIR ($P/bin), mode 0755"
is "$(ls "$BIN")" pressroom-admin "... and nothing else is"
is "$(ls "$SHARE" 2>&1 | tr '\n' ' ')" "locale static templates " \
    "SHAREDIR ($P/share/pressroom) holds templates/, locale/ and static/"
(cd www && find templates locale static -type f | LC_ALL=C sort) >"$TMP/want"
(cd "$SHARE" && find templates locale static -type f | LC_ALL=C sort) >"$TMP/got"
cmp -s "$TMP/want" "$TMP/got"
ok $? "... every template and static file"
is "$(find "$SHARE" -type f ! -perm 0644 | wc -l) $(find "$SHARE" -type d ! -perm 0755 | wc -l)" "0 0" \
    "... files 0644, directories 0755"
is "$(stat -c %a "$ETC/pressroom.conf" 2>&1)" 644 "pressroom.conf is in SYSCONFDIR ($P/etc/pressroom), mode 0644"
is "$(stat -c %a "$ETC/users" 2>&1)" 640 "users is in SYSCONFDIR, mode 0640"
is "$(stat -c %a "$DATA" 2>&1)" 700 "DATADIR (/var/lib/pressroom) is 0700"
is "$(find "$ST" -perm /022 | sed "s|^$ST||" | tr '\n' ' ')" "" \
    "nothing in the stage is group- or world-writable (find -perm /022)"
is "$(find "$ST" ! -user "$(id -u)" | wc -l)" 0 \
    "with DESTDIR nothing is chowned (a packager's stage stays the builder's)"

# The installed configuration names the installed paths.
is "$(sed -n -e 's/^data_dir = //p' -e 's/^templates_dir = //p' -e 's/^users_file = //p' "$ETC/pressroom.conf" | tr '\n' ' ')" \
    "/var/lib/pressroom users $P/share/pressroom/templates " \
    "pressroom.conf: data_dir = DATADIR, users beside it, templates_dir = SHAREDIR/templates"
is "$(sed -n 's/^locale_dir = //p' "$ETC/pressroom.conf")" "$P/share/pressroom/locale" \
    "pressroom.conf: locale_dir = SHAREDIR/locale"
# The programs look for it where it was installed.
grep -q -a -F "$P/etc/pressroom/pressroom.conf" "$CGIBIN/pressroom-auth"
ok $? "the programs were built to read $P/etc/pressroom/pressroom.conf"

# The installed admin tool against the installed files, paths into the stage.
sed -e "s|^data_dir = .*|data_dir = $DATA|" \
    -e "s|^templates_dir = .*|templates_dir = $SHARE/templates|" \
    -e "s|^locale_dir = .*|locale_dir = $SHARE/locale|" \
    -e "s|^users_file = .*|users_file = $ETC/users|" \
    "$ETC/pressroom.conf" >"$TMP/stage.conf"
printf 'press-admin\n' | "$BIN/pressroom-admin" -c "$TMP/stage.conf" user add admin >"$TMP/admin.log" 2>&1
ok $? "the installed pressroom-admin adds a user to the installed users file"
is "$(stat -c %a "$ETC/users")" 640 "... which stays 0640"
"$BIN/pressroom-admin" -c "$TMP/stage.conf" selfcheck >"$TMP/selfcheck" 2>&1
is "$? $(grep -vc '^ok ' "$TMP/selfcheck")" "0 0" "selfcheck on the installed files: every line ok"
[ "$(grep -vc '^ok ' "$TMP/selfcheck")" = 0 ] || sed 's/^/#   /' "$TMP/selfcheck"

# A second install keeps what the admin edited.
sed -i 's/^site_name = .*/site_name = Our own press room/' "$ETC/pressroom.conf"
sum_conf=$(sha256sum <"$ETC/pressroom.conf")
sum_users=$(sha256sum <"$ETC/users")
echo "stale" >"$CGIBIN/pressroom-auth"
(umask 002 && make -s install DESTDIR="$ST" PREFIX=$P) >"$TMP/make2.log" 2>&1
is "$?" 0 "a second make install succeeds"
is "$(sha256sum <"$ETC/pressroom.conf")" "$sum_conf" "... and keeps the edited pressroom.conf"
is "$(sha256sum <"$ETC/users")" "$sum_users" "... and the users file"
cmp -s build/cgi/pressroom-auth "$CGIBIN/pressroom-auth"
ok $? "... while the programs are replaced"
is "$(stat -c %a "$DATA") $(find "$ST" -perm /022 | wc -l)" "700 0" \
    "... DATADIR still 0700, still nothing group- or world-writable"

# SHAREDIR and DATADIR elsewhere: the configuration follows them.
make -s install DESTDIR="$TMP/alt" PREFIX=$P SHAREDIR=/srv/pressroom-share \
    DATADIR=/srv/pressroom-data >"$TMP/make-alt.log" 2>&1
is "$? $(sed -n -e 's/^data_dir = //p' -e 's/^templates_dir = //p' -e 's/^locale_dir = //p' "$TMP/alt$P/etc/pressroom/pressroom.conf" | tr '\n' ' ')" \
    "0 /srv/pressroom-data /srv/pressroom-share/templates /srv/pressroom-share/locale " \
    "with SHAREDIR and DATADIR elsewhere, pressroom.conf names them"
is "$(stat -c %a "$TMP/alt/srv/pressroom-data") $(ls "$TMP/alt/srv/pressroom-share" | tr '\n' ' ')" \
    "700 locale static templates " "... and they are where it says"

# Another PREFIX with programs built for the first one is refused, not
# installed to read a configuration that is not there.
(make -s install DESTDIR="$TMP/other" PREFIX=/opt/pressroom) >"$TMP/make3.log" 2>&1
rc=$?
ok "$((rc == 0))" "make install PREFIX=/opt/pressroom with programs built for $P fails ($rc)"
like "$(cat "$TMP/make3.log")" "CONFIG_PATH" "... saying why (the built-in CONFIG_PATH)"
diag "took $(( $(date +%s) - T0 )) s"
done_testing
