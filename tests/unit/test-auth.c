/*
 * test-auth.c: unit tests for auth.c and conf.c: password hashes of every
 * accepted kind, refused kinds, throttling, the users file, sessions and
 * tokens, and configuration parsing with its errors.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <crypt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "auth.h"
#include "conf.h"
#include "lim.h"
#include "store.h"

struct fx {
	char		 dir[64];
	char		 users[128];
	char		 cpath[128];
	struct conf	 conf;
	struct store	 store;
	struct arena	 a;
};

static void
write_file(const char *path, const char *text)
{
	FILE	*fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static int
setup(void **state)
{
	struct fx	*f = calloc(1, sizeof(*f));
	char		 err[256], text[512];

	strcpy(f->dir, "/tmp/pressroom-auth.XXXXXX");
	if (f == NULL || mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->users, sizeof(f->users), "%s/users", f->dir);
	snprintf(f->cpath, sizeof(f->cpath), "%s/pressroom.conf", f->dir);
	snprintf(text, sizeof(text), "data_dir = data\nusers_file = users\n"
	    "login_free_failures = 3\nlogin_delay_max = 60\n"
	    "admins = boss\napprovers = ann, bob\n");
	write_file(f->cpath, text);
	if (conf_load(&f->conf, f->cpath, err, sizeof(err)) != ERR_OK)
		return -1;
	if (store_open(&f->store, f->conf.data_dir) != ERR_OK)
		return -1;
	arena_init(&f->a);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx	*f = *state;
	char		 cmd[128];

	arena_free(&f->a);
	store_close(&f->store);
	conf_free(&f->conf);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

static void
add_user(struct fx *f, const char *user, const char *pw, const char *prefix)
{
	char	 salt[CRYPT_GENSALT_OUTPUT_SIZE], *h;

	assert_non_null(crypt_gensalt_rn(prefix, 0, NULL, 0, salt,
	    sizeof(salt)));
	h = crypt(pw, salt);
	assert_non_null(h);
	assert_int_equal(auth_users_replace(f->users, user, h, NULL), ERR_OK);
}

static enum err
try(struct fx *f, const char *user, const char *pw, long *wait)
{
	return auth_check_password(&f->conf, &f->store, &f->a, user, pw,
	    time(NULL), wait);
}

static void
test_every_accepted_hash_kind_signs_in(void **state)
{
	struct fx	*f = *state;
	const char	*kinds[] = { "$2b$", "$2y$", "$y$", "$gy$", "$6$", "$5$" };
	char		 user[16];
	long		 wait;
	size_t		 i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		snprintf(user, sizeof(user), "u%zu", i);
		add_user(f, user, "correct horse", kinds[i]);
		assert_int_equal(try(f, user, "correct horse", &wait), ERR_OK);
		assert_int_equal(try(f, user, "wrong horse", &wait), ERR_LOGIN);
	}
}

static void
test_htpasswd_bcrypt_line_signs_in(void **state)
{
	struct fx	*f = *state;
	long		 wait;

	/* Made by: htpasswd -nbB alice secret-pw */
	write_file(f->users, "alice:$2y$05$Kh3C/jvsk5GxE89Icvd6EeA/3ZBf2/1T2"
	    "la0lHk3wnTvjDrSCBUBW\n");
	assert_int_equal(try(f, "alice", "secret-pw", &wait), ERR_OK);
	assert_int_equal(try(f, "alice", "secret-pX", &wait), ERR_LOGIN);
}

static void
test_unsupported_hash_kinds_are_refused(void **state)
{
	struct fx	*f = *state;
	long		 wait;

	write_file(f->users,
	    "md5:$apr1$abcdefgh$0123456789012345678901\n"
	    "sha:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\n"
	    "des:abJnggxhB/yWI\n");
	assert_int_equal(try(f, "md5", "password", &wait), ERR_HASH);
	assert_int_equal(try(f, "sha", "password", &wait), ERR_HASH);
	assert_int_equal(try(f, "des", "password", &wait), ERR_HASH);
	assert_false(auth_hash_kind_ok("$1$abc$def"));
	assert_true(auth_hash_kind_ok("$y$j9T$abc"));
}

static void
test_unknown_user_and_bad_names_fail_like_wrong_password(void **state)
{
	struct fx	*f = *state;
	long		 wait;

	add_user(f, "carol", "carol-password", "$y$");
	assert_int_equal(try(f, "nobody", "x", &wait), ERR_LOGIN);
	assert_int_equal(try(f, "../etc/passwd", "x", &wait), ERR_LOGIN);
	assert_int_equal(try(f, "", "x", &wait), ERR_LOGIN);
	assert_false(auth_user_valid(".hidden"));
	assert_false(auth_user_valid("a b"));
	assert_true(auth_user_valid("jean.dupont@example.org"));
}

static void
test_failures_throttle_then_right_password_waits_too(void **state)
{
	struct fx	*f = *state;
	long		 wait;
	int		 i;

	add_user(f, "dave", "dave-password", "$y$");
	/* login_free_failures = 3: three wrong ones are just wrong. */
	for (i = 0; i < 3; i++)
		assert_int_equal(try(f, "dave", "nope", &wait), ERR_LOGIN);
	assert_int_equal(try(f, "dave", "dave-password", &wait), ERR_THROTTLE);
	assert_in_range(wait, 1, 2);
	/* A success after the wait clears the count. */
	assert_int_equal(auth_check_password(&f->conf, &f->store, &f->a,
	    "dave", "dave-password", time(NULL) + 3, &wait), ERR_OK);
	assert_int_equal(try(f, "dave", "nope", &wait), ERR_LOGIN);
}

static void
test_throttle_wait_doubles_and_is_capped(void **state)
{
	struct fx	*f = *state;
	long		 wait;
	time_t		 now = time(NULL);
	int		 i;

	add_user(f, "erin", "erin-password", "$y$");
	for (i = 0; i < 12; i++)
		assert_int_equal(store_login_fail(&f->store, "erin", now),
		    ERR_OK);
	/* 12 failures, 3 free: 2 << 9 = 1024 s, capped at 60. */
	assert_int_equal(auth_check_password(&f->conf, &f->store, &f->a,
	    "erin", "erin-password", now, &wait), ERR_THROTTLE);
	assert_int_equal(wait, 60);
}

static void
test_users_file_add_replace_remove(void **state)
{
	struct fx	*f = *state;
	char		*hash;

	assert_int_equal(auth_users_replace(f->users, "x1", "$y$one", NULL), ERR_OK);
	assert_int_equal(auth_users_replace(f->users, "x2", "$y$two", NULL), ERR_OK);
	assert_int_equal(auth_users_replace(f->users, "x1", "$y$uno", NULL), ERR_OK);
	assert_int_equal(auth_users_lookup(f->users, &f->a, "x1", &hash),
	    ERR_OK);
	assert_string_equal(hash, "$y$uno");
	assert_int_equal(auth_users_replace(f->users, "x1", NULL, NULL), ERR_OK);
	assert_int_equal(auth_users_lookup(f->users, &f->a, "x1", &hash),
	    ERR_NOTFOUND);
	assert_int_equal(auth_users_lookup(f->users, &f->a, "x2", &hash),
	    ERR_OK);
	assert_int_equal(auth_users_replace(f->users, "x1", NULL, NULL),
	    ERR_NOTFOUND);
	/* Addresses: set, kept across a new hash, changed, refused. */
	assert_int_equal(auth_users_replace(f->users, "x2", "", "x2@example.org"),
	    ERR_OK);
	assert_string_equal(auth_user_email(f->users, &f->a, "x2"),
	    "x2@example.org");
	assert_int_equal(auth_users_replace(f->users, "x2", "$y$deux", NULL),
	    ERR_OK);
	assert_string_equal(auth_user_email(f->users, &f->a, "x2"),
	    "x2@example.org");
	assert_int_equal(auth_users_lookup(f->users, &f->a, "x2", &hash),
	    ERR_OK);
	assert_string_equal(hash, "$y$deux");
	assert_int_equal(auth_users_replace(f->users, "x2", "", "bad:addr"),
	    ERR_INVALID);
	assert_int_equal(auth_users_replace(f->users, "nobody", "", "a@b.c"),
	    ERR_NOTFOUND);
	assert_null(auth_user_email(f->users, &f->a, "x3"));
	/* A prefix of a name is not the name. */
	assert_int_equal(auth_users_lookup(f->users, &f->a, "x", &hash),
	    ERR_NOTFOUND);
}

static void
test_session_ids_are_random_256_bits(void **state)
{
	struct fx	*f = *state;
	struct session	 a, b, got;

	assert_int_equal(auth_session_new(&f->conf, &f->store, "ann",
	    time(NULL), &a), ERR_OK);
	assert_int_equal(auth_session_new(&f->conf, &f->store, "ann",
	    time(NULL), &b), ERR_OK);
	assert_int_equal(strlen(a.id), LIM_SESSION_ID_LEN);
	assert_int_equal(strlen(a.csrf), LIM_CSRF_LEN);
	assert_string_not_equal(a.id, b.id);
	assert_string_not_equal(a.csrf, b.csrf);
	assert_int_equal(store_session_get(&f->store, a.id, time(NULL), &got),
	    ERR_OK);
	assert_string_equal(got.user, "ann");
	assert_string_equal(got.csrf, a.csrf);
	assert_int_equal(got.expires - got.created, f->conf.session_lifetime);
}

static void
test_token_equal(void **state)
{
	(void)state;
	assert_true(auth_token_equal("abc", "abc"));
	assert_false(auth_token_equal("abc", "abd"));
	assert_false(auth_token_equal("abc", "abcd"));
	assert_false(auth_token_equal("", ""));
}

static void
test_roles_from_conf(void **state)
{
	struct fx	*f = *state;

	assert_int_equal(conf_role(&f->conf, "boss"), ROLE_ADMIN);
	assert_int_equal(conf_role(&f->conf, "bob"), ROLE_APPROVER);
	assert_int_equal(conf_role(&f->conf, "ann"), ROLE_APPROVER);
	assert_int_equal(conf_role(&f->conf, "zoe"), ROLE_EDITOR);
	assert_string_equal(conf_role_name(ROLE_APPROVER), "approver");
}

static void
conf_error(struct fx *f, const char *text, const char *want)
{
	struct conf	 c;
	char		 err[256];

	write_file(f->cpath, text);
	assert_int_equal(conf_load(&c, f->cpath, err, sizeof(err)), ERR_CONF);
	assert_non_null(strstr(err, want));
	conf_free(&c);
}

static void
test_conf_errors_name_file_and_line(void **state)
{
	struct fx	*f = *state;
	char		 want[160];

	snprintf(want, sizeof(want), "%s:2: unknown key", f->cpath);
	conf_error(f, "# ok\ndata_dri = x\n", want);
	snprintf(want, sizeof(want), "%s:1: not a number", f->cpath);
	conf_error(f, "session_lifetime = 10\n", want);
	conf_error(f, "session_lifetime = 12x\n", "not a number");
	conf_error(f, "trust_remote_user = maybe\n", "yes or no");
	conf_error(f, "languages =\n", "must not be empty");
	conf_error(f, "languages = fr ../en\n", "letters, digits");
	conf_error(f, "url_staff = /staff/\n", "must start with /");
	conf_error(f, "just a line\n", "key = value");
}

static void
test_conf_defaults_and_relative_paths(void **state)
{
	struct fx	*f = *state;
	struct conf	 c;
	char		 err[256], want[160];

	write_file(f->cpath, "users_file = u.txt\n");
	assert_int_equal(conf_load(&c, f->cpath, err, sizeof(err)), ERR_OK);
	snprintf(want, sizeof(want), "%s/u.txt", f->dir);
	assert_string_equal(c.users_file, want);
	assert_string_equal(c.data_dir, "/var/lib/pressroom");
	assert_int_equal(c.nlangs, 2);
	assert_string_equal(c.langs[0], "fr");
	assert_int_equal(c.session_lifetime, 28800);
	assert_int_equal(c.trust_remote_user, 0);
	assert_int_equal(c.secure_cookies, SECURE_AUTO);
	conf_free(&c);
	assert_int_equal(conf_load(&c, "/nonexistent/pressroom.conf", err,
	    sizeof(err)), ERR_NOTFOUND);
	conf_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_every_accepted_hash_kind_signs_in, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_htpasswd_bcrypt_line_signs_in, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_unsupported_hash_kinds_are_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_unknown_user_and_bad_names_fail_like_wrong_password,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_failures_throttle_then_right_password_waits_too,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_throttle_wait_doubles_and_is_capped, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_users_file_add_replace_remove, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_session_ids_are_random_256_bits, setup, teardown),
		cmocka_unit_test(test_token_equal),
		cmocka_unit_test_setup_teardown(test_roles_from_conf, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_conf_errors_name_file_and_line, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_conf_defaults_and_relative_paths, setup, teardown),
	};

	return cmocka_run_group_tests_name("auth", tests, NULL, NULL);
}
