/*
 * test-store.c: unit tests for store.c (releases, history, sessions, sign-in
 * throttling, the admin check).
 *
 * Every test gets a fresh data directory under a mkdtemp(3) directory and
 * removes it afterwards.  Files are compared byte for byte where the store
 * promises that nothing changed.  The seed text is the French release in
 * tests/fixtures (title = line 1, lead = line 2, body = the rest); set
 * FIXTURES to read it from elsewhere.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "err.h"
#include "lim.h"
#include "release.h"
#include "store.h"

#define FIXTURE		"ccre-nalas-2026-fr.txt"
#define USER		"alice"
#define MAX_PROBLEMS	16

/* French text as typed in a release: é ’ – and NBSP (U+00A0). */
#define FR_CONTACTS	"Service de presse \xe2\x80\x93 CCRE\n\n" \
			"  t\xc3\xa9l.\xc2\xa0: +32 2 511 74 77\n"

struct fx {
	char		 root[64];	/* the mkdtemp directory */
	char		 dir[96];	/* root/data, the data directory */
	struct store	 s;
	struct arena	 a;
};

struct problems {
	size_t	 n;
	char	*path[MAX_PROBLEMS];
	char	*what[MAX_PROBLEMS];
};

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int
setup(void **state)
{
	struct fx	*fx;

	if ((fx = calloc(1, sizeof(*fx))) == NULL)
		return -1;
	snprintf(fx->root, sizeof(fx->root), "%s/test-store.XXXXXX",
	    getenv("TMPDIR") != NULL && strlen(getenv("TMPDIR")) < 40 ?
	    getenv("TMPDIR") : "/tmp");
	if (mkdtemp(fx->root) == NULL) {
		free(fx);
		return -1;
	}
	snprintf(fx->dir, sizeof(fx->dir), "%s/data", fx->root);
	if (store_open(&fx->s, fx->dir) != ERR_OK) {
		free(fx);
		return -1;
	}
	arena_init(&fx->a);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx	*fx = *state;

	store_close(&fx->s);
	arena_free(&fx->a);
	nftw(fx->root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(fx);
	return 0;
}

/* The bytes of a file (malloc'd, NUL-terminated), or NULL if absent. */
static char *
slurp(const char *path, size_t *len)
{
	struct stat	 st;
	char		*p;
	ssize_t		 n;
	size_t		 got = 0;
	int		 fd;

	if ((fd = open(path, O_RDONLY)) == -1)
		return NULL;
	if (fstat(fd, &st) == -1 || (p = malloc((size_t)st.st_size + 1)) ==
	    NULL) {
		close(fd);
		return NULL;
	}
	while (got < (size_t)st.st_size &&
	    (n = read(fd, p + got, (size_t)st.st_size - got)) > 0)
		got += (size_t)n;
	close(fd);
	p[got] = '\0';
	*len = got;
	return p;
}

static void
spew(const char *path, const char *data, int append)
{
	int	 fd;

	fd = open(path, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC),
	    0600);
	assert_true(fd != -1);
	assert_int_equal(write(fd, data, strlen(data)), (ssize_t)strlen(data));
	close(fd);
}

static char *
path_of(struct fx *fx, const char *fmt, const char *id)
{
	char	*rel, *p;

	rel = arena_printf(&fx->a, fmt, id);
	p = arena_printf(&fx->a, "%s/%s", fx->dir, rel);
	return p;
}

/* A path in the data directory. */
static char *
dpath(struct fx *fx, const char *rel)
{
	return arena_printf(&fx->a, "%s/%s", fx->dir, rel);
}

/* Names in a directory, "." and ".." left out. */
static size_t
count_entries(const char *path, const char *prefix, char *first,
    size_t firstsz)
{
	struct dirent	*de;
	DIR		*d;
	size_t		 n = 0;

	if ((d = opendir(path)) == NULL)
		return (size_t)-1;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (prefix != NULL &&
		    strncmp(de->d_name, prefix, strlen(prefix)) != 0)
			continue;
		if (n == 0 && first != NULL)
			snprintf(first, firstsz, "%s", de->d_name);
		n++;
	}
	closedir(d);
	return n;
}

/* The seed release: the French fixture and realistic other fields. */
static void
seed(struct fx *fx, struct release *r)
{
	const char	*dir;
	char		*path, *text, *nl1, *nl2;
	size_t		 len;

	dir = getenv("FIXTURES") != NULL ? getenv("FIXTURES") :
	    "tests/fixtures";
	path = arena_printf(&fx->a, "%s/%s", dir, FIXTURE);
	text = slurp(path, &len);
	if (text == NULL)
		fail_msg("cannot read %s (run from the project root or set "
		    "FIXTURES)", path);
	nl1 = strchr(text, '\n');
	assert_non_null(nl1);
	nl2 = strchr(nl1 + 1, '\n');
	assert_non_null(nl2);
	release_init(r);
	r->title = arena_strndup(&fx->a, text, (size_t)(nl1 - text));
	r->lead = arena_strndup(&fx->a, nl1 + 1, (size_t)(nl2 - nl1 - 1));
	r->body = arena_strdup(&fx->a, nl2 + 1);
	r->subtitle = "";
	r->lang = "fr";
	r->date = "2026-11-26";
	r->city = "Bruxelles";
	r->topics = "coop\xc3\xa9ration, Balkans occidentaux";
	r->contacts = FR_CONTACTS;
	r->translation_of = "";
	free(text);
	/* The fixture has é ’ – and no newline at its end: keep it so. */
	assert_non_null(strstr(r->title, "R\xc3\xa9gions d\xe2\x80\x99"));
	assert_non_null(strstr(r->body, "Directeur \xe2\x80\x93 Projets"));
	assert_true(r->body[strlen(r->body) - 1] != '\n');
}

static const char *
create_seed(struct fx *fx, struct release *r)
{
	seed(fx, r);
	assert_int_equal(store_release_create(&fx->s, &fx->a, r, USER),
	    ERR_OK);
	return r->id;
}

static void
assert_same_fields(const struct release *a, const struct release *b)
{
	size_t	 i;

	for (i = 0; i < release_nfields; i++)
		assert_string_equal(release_field(a, &release_fields[i]),
		    release_field(b, &release_fields[i]));
	assert_string_equal(a->id, b->id);
	assert_int_equal(a->rev, b->rev);
	assert_int_equal(a->state, b->state);
	assert_string_equal(a->author, b->author);
	assert_string_equal(a->modified_by, b->modified_by);
	assert_int_equal(a->created, b->created);
	assert_int_equal(a->modified, b->modified);
}

static void
test_create_get_roundtrip(void **state)
{
	struct fx	*fx = *state;
	struct release	 r, got;
	struct history	*h;
	size_t		 n;
	time_t		 before, after;

	before = time(NULL);
	create_seed(fx, &r);
	after = time(NULL);
	assert_true(release_id_valid(r.id));
	assert_int_equal(r.rev, 1);
	assert_string_equal(r.author, USER);
	assert_string_equal(r.modified_by, USER);
	assert_true(r.created >= before && r.created <= after);
	assert_int_equal(r.created, r.modified);

	assert_int_equal(store_release_get(&fx->s, &fx->a, r.id, &got),
	    ERR_OK);
	assert_same_fields(&r, &got);
	/* Byte for byte, lengths included. */
	assert_int_equal(strlen(got.body), strlen(r.body));
	assert_memory_equal(got.body, r.body, strlen(r.body));
	assert_memory_equal(got.lead, r.lead, strlen(r.lead) + 1);
	assert_memory_equal(got.contacts, FR_CONTACTS, sizeof(FR_CONTACTS));

	assert_int_equal(store_history_get(&fx->s, &fx->a, r.id, &h, &n),
	    ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].rev, 1);
	assert_string_equal(h[0].user, USER);
	assert_int_equal(h[0].from, STATE_DRAFT);
	assert_int_equal(h[0].to, STATE_DRAFT);
	assert_string_equal(h[0].comment, "");
	assert_int_equal(h[0].time, r.created);
}

static void
test_create_layout(void **state)
{
	struct fx	*fx = *state;
	struct release	 r, parsed;
	const char	*why;
	char		*data, *want;
	size_t		 len;

	create_seed(fx, &r);
	/* Only the three files, nothing left behind in tmp/. */
	assert_int_equal(count_entries(path_of(fx, "releases/%s", r.id), NULL,
	    NULL, 0), 3);
	assert_int_equal(count_entries(path_of(fx, "releases/%s/release",
	    r.id), NULL, NULL, 0), (size_t)-1);
	assert_int_equal(count_entries(dpath(fx, "tmp"), NULL, NULL,
	    0), 0);
	assert_int_equal(count_entries(dpath(fx, "releases"), NULL,
	    NULL, 0), 1);

	data = slurp(path_of(fx, "releases/%s/history", r.id), &len);
	assert_non_null(data);
	want = arena_printf(&fx->a, "%lld\t1\t" USER "\tdraft\tdraft\t\n",
	    (long long)r.created);
	assert_string_equal(data, want);
	free(data);

	data = slurp(path_of(fx, "releases/%s/release", r.id), &len);
	assert_non_null(data);
	assert_int_equal(release_parse(&fx->a, data, len, &parsed, &why),
	    ERR_OK);
	assert_same_fields(&r, &parsed);
	free(data);
}

static void
test_create_many_distinct(void **state)
{
	struct fx	*fx = *state;
	struct release	 r[20];
	size_t		 i, j;

	for (i = 0; i < 20; i++) {
		seed(fx, &r[i]);
		assert_int_equal(store_release_create(&fx->s, &fx->a, &r[i],
		    USER), ERR_OK);
		for (j = 0; j < i; j++)
			assert_string_not_equal(r[i].id, r[j].id);
	}
	assert_int_equal(count_entries(dpath(fx, "releases"), NULL,
	    NULL, 0), 20);
}

static void
test_save_right_base(void **state)
{
	struct fx	*fx = *state;
	struct release	 r, got;
	struct history	*h;
	size_t		 n;
	time_t		 created;

	create_seed(fx, &r);
	created = r.created;
	assert_int_equal(store_release_get(&fx->s, &fx->a, r.id, &got),
	    ERR_OK);
	got.title = "Nouveau titre \xe2\x80\x93 r\xc3\xa9vis\xc3\xa9";
	got.state = STATE_REVIEW;
	got.created = 0;		/* The store keeps its own. */
	got.author = "mallory";
	assert_int_equal(store_release_save(&fx->s, &fx->a, &got, 1, "bob",
	    "relu"), ERR_OK);
	assert_int_equal(got.rev, 2);
	assert_string_equal(got.modified_by, "bob");

	assert_int_equal(store_release_get(&fx->s, &fx->a, r.id, &r), ERR_OK);
	assert_int_equal(r.rev, 2);
	assert_string_equal(r.title, got.title);
	assert_int_equal(r.state, STATE_REVIEW);
	assert_int_equal(r.created, created);
	assert_string_equal(r.author, USER);
	assert_string_equal(r.modified_by, "bob");
	assert_true(r.modified >= created);

	assert_int_equal(store_history_get(&fx->s, &fx->a, r.id, &h, &n),
	    ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(h[1].rev, 2);
	assert_string_equal(h[1].user, "bob");
	assert_int_equal(h[1].from, STATE_DRAFT);
	assert_int_equal(h[1].to, STATE_REVIEW);
	assert_string_equal(h[1].comment, "relu");
	assert_int_equal(h[1].time, r.modified);
	assert_int_equal(count_entries(dpath(fx, "tmp"), NULL, NULL,
	    0), 0);
}

static void
test_save_stale_changes_nothing(void **state)
{
	struct fx	*fx = *state;
	struct release	 r, a, b;
	char		*rel0, *hist0, *rel1, *hist1;
	size_t		 rl0, hl0, rl1, hl1;

	create_seed(fx, &r);
	/* Two editors open revision 1; the first one saves. */
	assert_int_equal(store_release_get(&fx->s, &fx->a, r.id, &a), ERR_OK);
	assert_int_equal(store_release_get(&fx->s, &fx->a, r.id, &b), ERR_OK);
	a.title = "Premier";
	assert_int_equal(store_release_save(&fx->s, &fx->a, &a, 1, "bob",
	    NULL), ERR_OK);
	rel0 = slurp(path_of(fx, "releases/%s/release", r.id), &rl0);
	hist0 = slurp(path_of(fx, "releases/%s/history", r.id), &hl0);
	assert_non_null(rel0);
	assert_non_null(hist0);

	/* The second one saves on the old base: refused, nothing changes. */
	b.title = "Second";
	b.state = STATE_PUBLISHED;
	assert_int_equal(store_release_save(&fx->s, &fx->a, &b, 1, "carol",
	    "perdu"), ERR_STALE);
	/* A base from the future is just as stale. */
	assert_int_equal(store_release_save(&fx->s, &fx->a, &b, 3, "carol",
	    NULL), ERR_STALE);
	rel1 = slurp(path_of(fx, "releases/%s/release", r.id), &rl1);
	hist1 = slurp(path_of(fx, "releases/%s/history", r.id), &hl1);
	assert_non_null(rel1);
	assert_non_null(hist1);
	assert_int_equal(rl1, rl0);
	assert_memory_equal(rel1, rel0, rl0);
	assert_int_equal(hl1, hl0);
	assert_memory_equal(hist1, hist0, hl0);
	assert_int_equal(count_entries(dpath(fx, "tmp"), NULL, NULL,
	    0), 0);

	assert_int_equal(store_release_get(&fx->s, &fx->a, r.id, &r), ERR_OK);
	assert_int_equal(r.rev, 2);
	assert_string_equal(r.title, "Premier");
	free(rel0);
	free(hist0);
	free(rel1);
	free(hist1);
}

static void
test_history_escapes(void **state)
{
	struct fx	*fx = *state;
	struct release	 r;
	struct history	*h;
	size_t		 n;
	static const char comment[] =
	    "tab\there\nnew line\r\\back\\slash\\n\\t "
	    "l\xe2\x80\x99\xc3\xa9t\xc3\xa9\\";

	create_seed(fx, &r);
	assert_int_equal(store_release_save(&fx->s, &fx->a, &r, 1,
	    "b\to\\b", comment), ERR_OK);
	assert_int_equal(store_history_get(&fx->s, &fx->a, r.id, &h, &n),
	    ERR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(h[1].comment, comment);
	assert_string_equal(h[1].user, "b\to\\b");
}

static void
test_bad_ids_notfound(void **state)
{
	struct fx	*fx = *state;
	struct release	 r, x;
	struct history	*h;
	size_t		 i, n;
	static const char *const bad[] = {
		"../../etc/passwd", "", "20261126-ABCDEF00",
		"20261126-abcdef0", "20261126-abcdef000", "20261126_abcdef00",
		"2026112a-abcdef00", "20261126-abcdef0g", "/etc/passwd",
		"20261126-abcdef00/", "./20261126-abcdef", "..",
		"20261126-abcdef00",	/* well formed, but there is none */
	};

	create_seed(fx, &r);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(store_release_get(&fx->s, &fx->a, bad[i], &x),
		    ERR_NOTFOUND);
		assert_int_equal(store_history_get(&fx->s, &fx->a, bad[i], &h,
		    &n), ERR_NOTFOUND);
		assert_int_equal(n, 0);
		assert_int_equal(store_release_delete(&fx->s, bad[i], 1),
		    ERR_NOTFOUND);
		x = r;
		x.id = bad[i];
		assert_int_equal(store_release_save(&fx->s, &fx->a, &x, 1,
		    USER, NULL), ERR_NOTFOUND);
	}
	/* The real one is untouched. */
	assert_int_equal(store_release_get(&fx->s, &fx->a, r.id, &x), ERR_OK);
	assert_int_equal(x.rev, 1);
}

static void
test_delete_to_trash(void **state)
{
	struct fx	*fx = *state;
	struct release	 r, x, *v;
	struct history	*h;
	char		 name[256], *prefix, *data;
	size_t		 n, len;

	create_seed(fx, &r);
	assert_int_equal(store_release_delete(&fx->s, r.id, 1), ERR_OK);
	assert_int_equal(store_release_get(&fx->s, &fx->a, r.id, &x),
	    ERR_NOTFOUND);
	assert_int_equal(store_history_get(&fx->s, &fx->a, r.id, &h, &n),
	    ERR_NOTFOUND);
	assert_int_equal(store_release_delete(&fx->s, r.id, 1), ERR_NOTFOUND);
	assert_int_equal(store_release_save(&fx->s, &fx->a, &r, 1, USER, NULL),
	    ERR_NOTFOUND);
	assert_int_equal(count_entries(dpath(fx, "releases"), NULL,
	    NULL, 0), 0);

	/* trash/<id>.<time>, whole, for the admin to move back. */
	prefix = arena_printf(&fx->a, "%s.", r.id);
	assert_int_equal(count_entries(dpath(fx, "trash"), prefix,
	    name, sizeof(name)), 1);
	data = slurp(arena_printf(&fx->a, "%s/trash/%s/release", fx->dir,
	    name), &len);
	assert_non_null(data);
	assert_non_null(strstr(data, "Revision: 1\n"));
	free(data);
	assert_int_equal(store_release_list(&fx->s, &fx->a, &v, &n), ERR_OK);
	assert_int_equal(n, 0);
}

static void
test_delete_stale(void **state)
{
	struct fx	*fx = *state;
	struct release	 r, x;

	create_seed(fx, &r);
	assert_int_equal(store_release_save(&fx->s, &fx->a, &r, 1, USER, NULL),
	    ERR_OK);
	assert_int_equal(store_release_delete(&fx->s, r.id, 1), ERR_STALE);
	assert_int_equal(store_release_get(&fx->s, &fx->a, r.id, &x), ERR_OK);
	assert_int_equal(x.rev, 2);
	assert_int_equal(count_entries(dpath(fx, "trash"), NULL, NULL,
	    0), 0);
	assert_int_equal(store_release_delete(&fx->s, r.id, 2), ERR_OK);
}

/*
 * A save that died between appending its history line and renaming the
 * release leaves a line with rev = current + 1 (here by hand, complete or
 * torn): readers ignore it and the next save replaces it.
 */
static void
check_tail(struct fx *fx, const char *tail)
{
	struct release	 r;
	struct history	*h;
	char		*before, *after, *want;
	size_t		 n, blen, alen;

	create_seed(fx, &r);
	assert_int_equal(store_release_save(&fx->s, &fx->a, &r, 1, "bob",
	    "deux"), ERR_OK);
	before = slurp(path_of(fx, "releases/%s/history", r.id), &blen);
	assert_non_null(before);
	spew(path_of(fx, "releases/%s/history", r.id), tail, 1);

	assert_int_equal(store_history_get(&fx->s, &fx->a, r.id, &h, &n),
	    ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(h[1].rev, 2);
	assert_string_equal(h[1].user, "bob");

	assert_int_equal(store_release_save(&fx->s, &fx->a, &r, 2, "carol",
	    "trois"), ERR_OK);
	assert_int_equal(r.rev, 3);
	after = slurp(path_of(fx, "releases/%s/history", r.id), &alen);
	assert_non_null(after);
	want = arena_printf(&fx->a, "%s%lld\t3\tcarol\tdraft\tdraft\ttrois\n",
	    before, (long long)r.modified);
	assert_string_equal(after, want);
	assert_null(strstr(after, "ghost"));

	assert_int_equal(store_history_get(&fx->s, &fx->a, r.id, &h, &n),
	    ERR_OK);
	assert_int_equal(n, 3);
	assert_string_equal(h[2].user, "carol");
	free(before);
	free(after);
}

static void
test_history_uncommitted_tail(void **state)
{
	check_tail(*state,
	    "1700000000\t3\tghost\tdraft\tpublished\tnot saved\n");
}

static void
test_history_torn_tail(void **state)
{
	check_tail(*state, "1700000000\t3\tghost\tdra");
}

static void
test_list(void **state)
{
	struct fx	*fx = *state;
	struct release	 r[3], *v;
	size_t		 i, n;

	for (i = 0; i < 3; i++)
		create_seed(fx, &r[i]);
	/* A directory that does not parse is skipped, not fatal. */
	spew(path_of(fx, "releases/%s/release", r[1].id), "garbage\n", 0);
	assert_int_equal(store_release_list(&fx->s, &fx->a, &v, &n), ERR_OK);
	assert_int_equal(n, 2);
	for (i = 0; i < n; i++)
		assert_true(strcmp(v[i].id, r[0].id) == 0 ||
		    strcmp(v[i].id, r[2].id) == 0);
	assert_true(n < 2 || v[0].modified >= v[1].modified);
}

static void
test_get_corrupt(void **state)
{
	struct fx	*fx = *state;
	struct release	 r, x;
	char		*data, *p;
	size_t		 len;

	create_seed(fx, &r);
	data = slurp(path_of(fx, "releases/%s/release", r.id), &len);
	assert_non_null(data);
	/* Another (valid) id in the file than in the directory name. */
	p = strstr(data, r.id);
	assert_non_null(p);
	p[RELEASE_ID_LEN - 1] = p[RELEASE_ID_LEN - 1] == '0' ? '1' : '0';
	spew(path_of(fx, "releases/%s/release", r.id), data, 0);
	assert_int_equal(store_release_get(&fx->s, &fx->a, r.id, &x),
	    ERR_CORRUPT);
	assert_int_equal(store_release_save(&fx->s, &fx->a, &r, 1, USER, NULL),
	    ERR_CORRUPT);
	spew(path_of(fx, "releases/%s/release", r.id), "Id: x\n", 0);
	assert_int_equal(store_release_get(&fx->s, &fx->a, r.id, &x),
	    ERR_CORRUPT);
	free(data);
}

/* Sessions. */

static void
make_session(struct session *ss, char c, time_t created, time_t expires)
{
	memset(ss, 0, sizeof(*ss));
	memset(ss->id, c, LIM_SESSION_ID_LEN);
	ss->id[LIM_SESSION_ID_LEN] = '\0';
	memset(ss->csrf, 'f', LIM_CSRF_LEN);
	ss->csrf[0] = '0';
	ss->csrf[LIM_CSRF_LEN] = '\0';
	snprintf(ss->user, sizeof(ss->user), "%s", USER);
	ss->created = created;
	ss->expires = expires;
}

static void
test_session_put_get(void **state)
{
	struct fx	*fx = *state;
	struct session	 ss, got;

	make_session(&ss, 'a', 1000, 5000);
	assert_int_equal(store_session_put(&fx->s, &ss), ERR_OK);
	assert_int_equal(store_session_get(&fx->s, ss.id, 1000, &got), ERR_OK);
	assert_string_equal(got.id, ss.id);
	assert_string_equal(got.csrf, ss.csrf);
	assert_string_equal(got.user, USER);
	assert_int_equal(got.created, 1000);
	assert_int_equal(got.expires, 5000);

	/* Put replaces. */
	ss.expires = 9000;
	snprintf(ss.user, sizeof(ss.user), "bob");
	assert_int_equal(store_session_put(&fx->s, &ss), ERR_OK);
	assert_int_equal(store_session_get(&fx->s, ss.id, 1000, &got), ERR_OK);
	assert_string_equal(got.user, "bob");
	assert_int_equal(got.expires, 9000);
	assert_int_equal(count_entries(dpath(fx, "sessions"), NULL,
	    NULL, 0), 1);
	assert_int_equal(count_entries(dpath(fx, "tmp"), NULL, NULL,
	    0), 0);
}

static void
test_session_expire(void **state)
{
	struct fx	*fx = *state;
	struct session	 ss, got;

	make_session(&ss, 'b', 1000, 2000);
	assert_int_equal(store_session_put(&fx->s, &ss), ERR_OK);
	assert_int_equal(store_session_get(&fx->s, ss.id, 1999, &got), ERR_OK);
	assert_int_equal(store_session_get(&fx->s, ss.id, 2000, &got),
	    ERR_NOSESSION);
	assert_string_equal(got.user, "");
	assert_int_equal(store_session_get(&fx->s, ss.id, 99999, &got),
	    ERR_NOSESSION);
}

static void
test_session_delete(void **state)
{
	struct fx	*fx = *state;
	struct session	 ss, other, got;

	make_session(&ss, 'c', 1000, 5000);
	make_session(&other, 'd', 1000, 5000);
	assert_int_equal(store_session_put(&fx->s, &ss), ERR_OK);
	assert_int_equal(store_session_put(&fx->s, &other), ERR_OK);
	assert_int_equal(store_session_delete(&fx->s, ss.id), ERR_OK);
	assert_int_equal(store_session_get(&fx->s, ss.id, 1000, &got),
	    ERR_NOSESSION);
	assert_int_equal(store_session_get(&fx->s, other.id, 1000, &got),
	    ERR_OK);
	/* Deleting what is gone is fine: sign-out twice. */
	assert_int_equal(store_session_delete(&fx->s, ss.id), ERR_OK);
}

static void
test_session_prune(void **state)
{
	struct fx	*fx = *state;
	struct session	 old, fresh, got;
	char		*junk, *bad;

	make_session(&old, '1', 1000, 2000);
	make_session(&fresh, '2', 1000, 9000);
	assert_int_equal(store_session_put(&fx->s, &old), ERR_OK);
	assert_int_equal(store_session_put(&fx->s, &fresh), ERR_OK);
	/* A malformed session file goes too; a file not named so stays. */
	memset(fresh.id, '3', LIM_SESSION_ID_LEN);
	bad = arena_printf(&fx->a, "%s/sessions/%s", fx->dir, fresh.id);
	spew(bad, "User: x\n", 0);
	junk = arena_printf(&fx->a, "%s/sessions/README", fx->dir);
	spew(junk, "not a session\n", 0);
	memset(fresh.id, '2', LIM_SESSION_ID_LEN);

	store_session_prune(&fx->s, 5000);
	assert_int_equal(access(bad, F_OK), -1);
	assert_int_equal(access(junk, F_OK), 0);
	assert_int_equal(store_session_get(&fx->s, old.id, 0, &got),
	    ERR_NOSESSION);
	assert_int_equal(store_session_get(&fx->s, fresh.id, 5000, &got),
	    ERR_OK);
	assert_int_equal(count_entries(dpath(fx, "sessions"), NULL,
	    NULL, 0), 2);
}

static void
test_session_invalid_sid(void **state)
{
	struct fx	*fx = *state;
	struct session	 ss, got;
	char		 longer[LIM_SESSION_ID_LEN + 2];
	const char	*sid;
	size_t		 i;
#define A32	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	const char	*bad[] = {
		"", "abc", "../../etc/passwd",
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" A32,	/* uppercase */
		A32 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",	/* 63 digits */
		A32 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaag",	/* not hex */
		"../aaaaaaaaaaaaaaaaaaaaaaaaaaaaa" A32,	/* a path */
		longer,					/* 65 digits */
	};
#undef A32

	memset(longer, 'a', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = '\0';
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		sid = bad[i];
		make_session(&ss, 'a', 1000, 5000);
		if (strlen(sid) < sizeof(ss.id))
			memcpy(ss.id, sid, strlen(sid) + 1);
		else {
			/* Too long for the struct: put cannot be asked. */
			assert_int_equal(store_session_get(&fx->s, sid, 1000,
			    &got), ERR_NOSESSION);
			assert_int_equal(store_session_delete(&fx->s, sid),
			    ERR_NOSESSION);
			continue;
		}
		assert_int_equal(store_session_put(&fx->s, &ss), ERR_INVALID);
		assert_int_equal(store_session_get(&fx->s, sid, 1000, &got),
		    ERR_NOSESSION);
		assert_int_equal(store_session_delete(&fx->s, sid),
		    ERR_NOSESSION);
	}
	assert_int_equal(count_entries(dpath(fx, "sessions"), NULL,
	    NULL, 0), 0);
}

/* Failed sign-ins. */

static void
test_login_fail_clear(void **state)
{
	struct fx	*fx = *state;
	unsigned	 fails;
	time_t		 last;
	int		 i;

	store_login_get(&fx->s, USER, &fails, &last);
	assert_int_equal(fails, 0);
	assert_int_equal(last, 0);
	for (i = 0; i < 3; i++)
		assert_int_equal(store_login_fail(&fx->s, USER, 1000 + i),
		    ERR_OK);
	store_login_get(&fx->s, USER, &fails, &last);
	assert_int_equal(fails, 3);
	assert_int_equal(last, 1002);
	/* Counted per user. */
	assert_int_equal(store_login_fail(&fx->s, "bob.b@example-1.org", 7),
	    ERR_OK);
	store_login_get(&fx->s, "bob.b@example-1.org", &fails, &last);
	assert_int_equal(fails, 1);
	assert_int_equal(last, 7);

	store_login_clear(&fx->s, USER);
	store_login_get(&fx->s, USER, &fails, &last);
	assert_int_equal(fails, 0);
	assert_int_equal(last, 0);
	store_login_get(&fx->s, "bob.b@example-1.org", &fails, &last);
	assert_int_equal(fails, 1);
	store_login_clear(&fx->s, USER);	/* Twice is harmless. */
}

static void
test_login_invalid_user(void **state)
{
	struct fx	*fx = *state;
	unsigned	 fails;
	time_t		 last;
	char		 longer[LIM_USER_MAX + 2];
	size_t		 i;
	const char	*bad[] = {
		"", ".", "..", ".hidden", "../etc/passwd", "a/b", "a b",
		"caf\xc3\xa9", "a\nb", longer,
	};

	memset(longer, 'u', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = '\0';
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(store_login_fail(&fx->s, bad[i], 1000),
		    ERR_INVALID);
		store_login_get(&fx->s, bad[i], &fails, &last);
		assert_int_equal(fails, 0);
		store_login_clear(&fx->s, bad[i]);
	}
	assert_int_equal(count_entries(dpath(fx, "logins"), NULL, NULL,
	    0), 0);
}

/* The admin check. */

static void
collect(void *arg, const char *path, const char *what)
{
	struct problems	*p = arg;

	if (p->n < MAX_PROBLEMS) {
		p->path[p->n] = strdup(path);
		p->what[p->n] = strdup(what);
	}
	p->n++;
}

static size_t
run_check(struct fx *fx, struct problems *p)
{
	size_t	 n, i;

	memset(p, 0, sizeof(*p));
	n = store_check(&fx->s, collect, p);
	assert_int_equal(n, p->n);
	for (i = 0; i < p->n && i < MAX_PROBLEMS; i++)
		print_message("# check: %s: %s\n", p->path[i], p->what[i]);
	return n;
}

static void
free_problems(struct problems *p)
{
	size_t	 i;

	for (i = 0; i < p->n && i < MAX_PROBLEMS; i++) {
		free(p->path[i]);
		free(p->what[i]);
	}
}

/* A store with two releases, saves, a session and a crash's tail. */
static void
make_clean_store(struct fx *fx, struct release *r1, struct release *r2)
{
	struct session	 ss;

	create_seed(fx, r1);
	create_seed(fx, r2);
	r1->state = STATE_REVIEW;
	assert_int_equal(store_release_save(&fx->s, &fx->a, r1, 1, "bob",
	    NULL), ERR_OK);
	r1->state = STATE_APPROVED;
	assert_int_equal(store_release_save(&fx->s, &fx->a, r1, 2, "carol",
	    "ok"), ERR_OK);
	spew(path_of(fx, "releases/%s/history", r1->id),
	    "1700000000\t4\tghost\tapproved\tpublished\t\n", 1);
	make_session(&ss, 'e', 1000, time(NULL) + 3600);
	assert_int_equal(store_session_put(&fx->s, &ss), ERR_OK);
	assert_int_equal(store_login_fail(&fx->s, USER, 1000), ERR_OK);
}

static void
test_check_clean(void **state)
{
	struct fx	*fx = *state;
	struct problems	 p;
	struct release	 r1, r2;

	assert_int_equal(run_check(fx, &p), 0);
	make_clean_store(fx, &r1, &r2);
	assert_int_equal(store_release_delete(&fx->s, r2.id, 1), ERR_OK);
	assert_int_equal(run_check(fx, &p), 0);
	free_problems(&p);
}

static void
expect_one_problem(struct fx *fx, const char *path, const char *what)
{
	struct problems	 p;

	assert_int_equal(run_check(fx, &p), 1);
	assert_string_equal(p.path[0], path);
	if (what != NULL)
		assert_non_null(strstr(p.what[0], what));
	free_problems(&p);
}

static void
test_check_bad_header(void **state)
{
	struct fx	*fx = *state;
	struct release	 r1, r2;
	char		*data;
	size_t		 len;

	make_clean_store(fx, &r1, &r2);
	data = slurp(path_of(fx, "releases/%s/release", r2.id), &len);
	assert_non_null(data);
	/* A hand edit: a key that does not exist. */
	spew(path_of(fx, "releases/%s/release", r2.id),
	    arena_printf(&fx->a, "Titel: typo\n%s", data), 0);
	expect_one_problem(fx, arena_printf(&fx->a, "releases/%s/release",
	    r2.id), NULL);
	free(data);
}

static void
test_check_id_mismatch(void **state)
{
	struct fx	*fx = *state;
	struct release	 r1, r2;
	char		*data;
	size_t		 len;

	make_clean_store(fx, &r1, &r2);
	/* r1's file copied into r2's directory. */
	data = slurp(path_of(fx, "releases/%s/release", r1.id), &len);
	assert_non_null(data);
	spew(path_of(fx, "releases/%s/release", r2.id), data, 0);
	expect_one_problem(fx, arena_printf(&fx->a, "releases/%s/release",
	    r2.id), "Id");
	free(data);
}

static void
test_check_history_state(void **state)
{
	struct fx	*fx = *state;
	struct release	 r1, r2;

	make_clean_store(fx, &r1, &r2);
	/* r2 is a draft at revision 1; its history says it was published. */
	spew(path_of(fx, "releases/%s/history", r2.id),
	    "1700000000\t1\talice\tdraft\tpublished\t\n", 0);
	expect_one_problem(fx, arena_printf(&fx->a, "releases/%s/history",
	    r2.id), "State");
}

static void
test_check_history_revision(void **state)
{
	struct fx	*fx = *state;
	struct release	 r1, r2;

	make_clean_store(fx, &r1, &r2);
	/* r1 is at revision 3; its last committed line is lost. */
	spew(path_of(fx, "releases/%s/history", r1.id),
	    "1700000000\t1\talice\tdraft\tdraft\t\n"
	    "1700000001\t2\tbob\tdraft\treview\t\n", 0);
	expect_one_problem(fx, arena_printf(&fx->a, "releases/%s/history",
	    r1.id), "Revision");
}

static void
test_check_unknown_dir(void **state)
{
	struct fx	*fx = *state;
	struct release	 r1, r2;

	make_clean_store(fx, &r1, &r2);
	assert_int_equal(mkdir(path_of(fx, "releases/%s", "my-release"), 0700),
	    0);
	expect_one_problem(fx, "releases/my-release", NULL);
}

static void
test_check_several(void **state)
{
	struct fx	*fx = *state;
	struct problems	 p;
	struct release	 r1, r2;

	make_clean_store(fx, &r1, &r2);
	assert_int_equal(mkdir(path_of(fx, "releases/%s", "20261126-ABCDEF00"),
	    0700), 0);
	assert_int_equal(unlink(path_of(fx, "releases/%s/history", r1.id)), 0);
	spew(path_of(fx, "releases/%s/release", r2.id), "", 0);
	assert_int_equal(run_check(fx, &p), 3);
	free_problems(&p);
}

/* Files outside the data directory. */

static void
test_file_replace_read(void **state)
{
	struct fx	*fx = *state;
	struct stat	 st;
	char		*path, *data;
	size_t		 len;

	path = arena_printf(&fx->a, "%s/users", fx->root);
	assert_int_equal(store_file_read(&fx->a, path, 100, &data, &len),
	    ERR_NOTFOUND);
	assert_int_equal(store_file_replace(path, "a\0b", 3, 0640), ERR_OK);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	assert_int_equal(store_file_replace(path, "alice:x\n", 8, 0600),
	    ERR_OK);
	assert_int_equal(store_file_read(&fx->a, path, 100, &data, &len),
	    ERR_OK);
	assert_int_equal(len, 8);
	assert_string_equal(data, "alice:x\n");
	assert_int_equal(store_file_read(&fx->a, path, 7, &data, &len),
	    ERR_TOOBIG);
	assert_int_equal(count_entries(fx->root, NULL, NULL, 0), 2);
}

static void
test_open_cleans_old_tmp(void **state)
{
	struct fx	*fx = *state;
	struct timespec	 old[2];
	char		*stale, *fresh;

	stale = arena_printf(&fx->a, "%s/tmp/f.dead", fx->dir);
	fresh = arena_printf(&fx->a, "%s/tmp/f.live", fx->dir);
	spew(stale, "x", 0);
	spew(fresh, "x", 0);
	old[0].tv_sec = old[1].tv_sec = time(NULL) - 7200;
	old[0].tv_nsec = old[1].tv_nsec = 0;
	assert_int_equal(utimensat(AT_FDCWD, stale, old, 0), 0);
	store_close(&fx->s);
	assert_int_equal(store_open(&fx->s, fx->dir), ERR_OK);
	assert_int_equal(access(stale, F_OK), -1);
	assert_int_equal(access(fresh, F_OK), 0);
}

/*
 * Is pid blocked on a flock(2)?  /proc/locks shows waiters with "->".
 */
static int
flock_waiting(pid_t pid)
{
	FILE	*f;
	char	 line[256], want[32];
	int	 found = 0;

	if ((f = fopen("/proc/locks", "r")) == NULL)
		return -1;
	snprintf(want, sizeof(want), " %ld ", (long)pid);
	while (fgets(line, sizeof(line), f) != NULL)
		if (strstr(line, "->") != NULL && strstr(line, "FLOCK") !=
		    NULL && strstr(line, want) != NULL)
			found = 1;
	fclose(f);
	return found;
}

/*
 * A save that waits for the lock while a delete moves the release to
 * trash/ must not write into the trashed copy and report success: the save
 * opened releases/<id> before it got the lock, so once it holds the lock it
 * has to check that releases/<id> is still that directory, and answer
 * ERR_NOTFOUND when it is not.
 *
 * The delete is played here by hand, exactly as store_release_delete() does
 * it when it wins the lock (lock, rename releases/<id> to trash/<id>.<t>,
 * unlock), so the interleaving is deterministic: the test waits until the
 * saving child is blocked on the lock, as /proc/locks shows.
 */
static void
test_save_waiting_on_a_concurrent_delete_is_notfound(void **state)
{
	struct fx	*fx = *state;
	struct release	 r, t;
	const char	*why;
	char		*trashed, *data;
	size_t		 len;
	pid_t		 pid;
	int		 lfd, status, i, waiting = 0;

	create_seed(fx, &r);
	lfd = open(path_of(fx, "releases/%s/lock", r.id), O_RDWR);
	assert_true(lfd != -1);
	assert_int_equal(flock(lfd, LOCK_EX), 0);

	if ((pid = fork()) == 0) {
		struct store	 s;
		struct arena	 a;
		enum err	 e;

		alarm(20);
		arena_init(&a);
		if (store_open(&s, fx->dir) != ERR_OK)
			_exit(100);
		r.title = "Enregistr\xc3\xa9 apr\xc3\xa8s la suppression";
		e = store_release_save(&s, &a, &r, 1, "bob", NULL);
		_exit((int)e);
	}
	assert_true(pid > 0);
	for (i = 0; i < 500 && waiting != 1; i++) {
		if ((waiting = flock_waiting(pid)) == -1)
			break;
		usleep(10000);
	}
	if (waiting != 1)
		usleep(300000);	/* No /proc/locks: give it time. */

	/* The delete, with the lock held. */
	trashed = arena_printf(&fx->a, "%s/trash/%s.%lld", fx->dir, r.id,
	    (long long)time(NULL));
	assert_int_equal(rename(path_of(fx, "releases/%s", r.id), trashed), 0);
	assert_int_equal(flock(lfd, LOCK_UN), 0);
	close(lfd);

	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(store_release_get(&fx->s, &fx->a, r.id, &t),
	    ERR_NOTFOUND);
	/* The deleted copy must be as the delete left it: revision 1. */
	data = slurp(arena_printf(&fx->a, "%s/release", trashed), &len);
	assert_non_null(data);
	assert_int_equal(release_parse(&fx->a, data, len, &t, &why), ERR_OK);
	free(data);
	if (WEXITSTATUS(status) == ERR_OK || t.rev != 1)
		fail_msg("store_release_save() returned %d (ERR_OK "
		    "is %d) after a concurrent delete and wrote revision %lu "
		    "into the trashed copy; see the comment above this test",
		    WEXITSTATUS(status), ERR_OK, t.rev);
	assert_true(WEXITSTATUS(status) == ERR_NOTFOUND ||
	    WEXITSTATUS(status) == ERR_STALE);
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

/*
 * A long history (well over the 64 KiB a save reads of it) with an
 * uncommitted tail: saves still work, cut the tail, and readers see every
 * committed line.  A comment over LIM_HISTORY_COMMENT_MAX is refused.
 */
static void
test_long_history_stays_saveable(void **state)
{
	struct fx	*fx = *state;
	struct release	 r;
	struct history	*h;
	struct problems	 p;
	char		 comment[LIM_HISTORY_COMMENT_MAX + 2];
	char		 tail[128];
	size_t		 n, i;

	create_seed(fx, &r);
	memset(comment, 'c', LIM_HISTORY_COMMENT_MAX);
	comment[LIM_HISTORY_COMMENT_MAX] = '\0';
	for (i = 0; i < 60; i++)
		assert_int_equal(store_release_save(&fx->s, &fx->a, &r, r.rev,
		    USER, comment), ERR_OK);
	assert_int_equal(r.rev, 61);
	snprintf(tail, sizeof(tail), "1\t62\t%s\tdraft\tdraft\tlost\n", USER);
	spew(path_of(fx, "releases/%s/history", r.id), tail, 1);
	assert_int_equal(store_release_save(&fx->s, &fx->a, &r, 61, USER,
	    "after the tail"), ERR_OK);
	assert_int_equal(store_history_get(&fx->s, &fx->a, r.id, &h, &n),
	    ERR_OK);
	assert_int_equal(n, 62);
	assert_int_equal(h[61].rev, 62);
	assert_string_equal(h[61].comment, "after the tail");
	assert_string_equal(h[60].comment, comment);

	comment[LIM_HISTORY_COMMENT_MAX] = 'c';
	comment[LIM_HISTORY_COMMENT_MAX + 1] = '\0';
	assert_int_equal(store_release_save(&fx->s, &fx->a, &r, 62, USER,
	    comment), ERR_TOOBIG);
	assert_int_equal(run_check(fx, &p), 0);
	free_problems(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_create_get_roundtrip),
		T(test_create_layout),
		T(test_create_many_distinct),
		T(test_save_right_base),
		T(test_save_stale_changes_nothing),
		T(test_history_escapes),
		T(test_bad_ids_notfound),
		T(test_delete_to_trash),
		T(test_delete_stale),
		T(test_history_uncommitted_tail),
		T(test_history_torn_tail),
		T(test_list),
		T(test_get_corrupt),
		T(test_session_put_get),
		T(test_session_expire),
		T(test_session_delete),
		T(test_session_prune),
		T(test_session_invalid_sid),
		T(test_login_fail_clear),
		T(test_login_invalid_user),
		T(test_check_clean),
		T(test_check_bad_header),
		T(test_check_id_mismatch),
		T(test_check_history_state),
		T(test_check_history_revision),
		T(test_check_unknown_dir),
		T(test_check_several),
		T(test_file_replace_read),
		T(test_open_cleans_old_tmp),
		T(test_save_waiting_on_a_concurrent_delete_is_notfound),
		T(test_long_history_stays_saveable),
	};

	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
