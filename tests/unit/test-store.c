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
#include <limits.h>
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

#include "scratch.h"

#define FIXTURE		"ccre-nalas-2026-fr.txt"
#define USER		"alice"
#define MAX_PROBLEMS	16

/* French text as typed in a release: é ’ – and NBSP (U+00A0). */
#define FR_CONTACTS	"Service de presse \xe2\x80\x93 CCRE\n\n" \
			"  t\xc3\xa9l.\xc2\xa0: +32 2 511 74 77\n"

struct fx {
	char		 root[SCRATCH_ROOT_MAX];	/* scratch.h */
	char		 dir[SCRATCH_DIR_MAX];	/* root/data, the store's */
	struct store	 s;
	struct arena	 a;
};

struct problems {
	size_t	 n;
	char	*path[MAX_PROBLEMS];
	char	*what[MAX_PROBLEMS];
};

static size_t	 run_check(struct fx *, struct problems *);
static void	 free_problems(struct problems *);

static int
setup(void **state)
{
	struct fx	*fx;

	if ((fx = calloc(1, sizeof(*fx))) == NULL)
		return -1;
	if (scratch_open(fx->root, fx->dir, "test-store", &fx->s) == -1) {
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
	scratch_remove(fx->root);
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

/* releases/<id>/rev-<k>, the file of one revision. */
static char *
rev_path(struct fx *fx, const char *id, unsigned long k)
{
	return arena_printf(&fx->a, "%s/releases/%s/rev-%lu", fx->dir, id, k);
}

/* Are the two files there and byte for byte the same? */
static void
assert_same_file(const char *p1, const char *p2)
{
	char	*d1, *d2;
	size_t	 l1, l2;

	d1 = slurp(p1, &l1);
	d2 = slurp(p2, &l2);
	if (d1 == NULL || d2 == NULL)
		fail_msg("%s or %s is missing", p1, p2);
	if (l1 != l2 || memcmp(d1, d2, l1) != 0)
		fail_msg("%s and %s differ", p1, p2);
	free(d1);
	free(d2);
}

/* Is the file there with exactly these bytes? */
static void
assert_file_is(const char *path, const char *want, size_t wantlen)
{
	char	*data;
	size_t	 len;

	if ((data = slurp(path, &len)) == NULL)
		fail_msg("%s is missing", path);
	if (len != wantlen || memcmp(data, want, len) != 0)
		fail_msg("%s changed", path);
	free(data);
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

/*
 * What an update callback does: it records the version it was given, then
 * changes what is set here (NULL or 0: keep), sets the comment and returns
 * ret.  With tamper it also tries to change what only the store may.
 */
struct change {
	unsigned		 calls;
	struct release		 seen;
	enum err		 ret;
	int			 set_state;
	enum release_state	 state;
	const char		*title;
	const char		*lead;
	const char		*approvals;
	unsigned long		 public_rev;
	time_t			 publish_at;
	const char		*comment;
	int			 tamper;
};

static enum err
change_fn(struct release *r, void *arg, const char **comment)
{
	struct change	*c = arg;

	c->calls++;
	c->seen = *r;
	if (c->set_state)
		r->state = c->state;
	if (c->title != NULL)
		r->title = c->title;
	if (c->lead != NULL)
		r->lead = c->lead;
	if (c->approvals != NULL)
		r->approvals = c->approvals;
	if (c->public_rev != 0) {
		r->public_rev = c->public_rev;
		r->publish_at = r->published_at = c->publish_at;
	}
	if (c->tamper) {
		r->id = "20990101-00000000";
		r->rev = 99;
		r->seq = 99;
		r->author = "mallory";
		r->created = 1;
		r->modified = 2;
		r->modified_by = "eve";
	}
	*comment = c->comment;
	return c->ret;
}

/* A callback that must not be called. */
static enum err
never_fn(struct release *r, void *arg, const char **comment)
{
	(void)r;
	(void)arg;
	(void)comment;
	fail_msg("the update callback was called");
	return ERR_OK;
}

/* Change only the state (and the comment) of a release. */
static void
set_state(struct fx *fx, const char *id, const char *user,
    enum release_state st, struct release *out)
{
	struct change	 c;

	memset(&c, 0, sizeof(c));
	c.set_state = 1;
	c.state = st;
	assert_int_equal(store_release_update(&fx->s, &fx->a, id, user,
	    change_fn, &c, out), ERR_OK);
	assert_int_equal(c.calls, 1);
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
	assert_int_equal(a->seq, b->seq);
	assert_string_equal(a->approvals, b->approvals);
	assert_int_equal(a->public_rev, b->public_rev);
	assert_int_equal(a->publish_at, b->publish_at);
	assert_int_equal(a->published_at, b->published_at);
	assert_int_equal(a->updated_at, b->updated_at);
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
	assert_int_equal(r.seq, 1);
	assert_string_equal(r.approvals, "");
	assert_int_equal(r.public_rev, 0);
	assert_int_equal(r.publish_at, 0);
	assert_int_equal(r.published_at, 0);
	assert_int_equal(r.updated_at, 0);
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
	assert_int_equal(h[0].seq, 1);
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
	/* Only the four files, nothing left behind in tmp/. */
	assert_int_equal(count_entries(path_of(fx, "releases/%s", r.id), NULL,
	    NULL, 0), 4);
	assert_int_equal(access(path_of(fx, "releases/%s/lock", r.id), F_OK),
	    0);
	/* rev-1 is the text of revision 1: the release file as created. */
	assert_int_equal(count_entries(path_of(fx, "releases/%s", r.id),
	    "rev-", NULL, 0), 1);
	assert_same_file(rev_path(fx, r.id, 1), path_of(fx,
	    "releases/%s/release", r.id));
	assert_int_equal(count_entries(path_of(fx, "releases/%s/release",
	    r.id), NULL, NULL, 0), (size_t)-1);
	assert_int_equal(count_entries(dpath(fx, "tmp"), NULL, NULL,
	    0), 0);
	assert_int_equal(count_entries(dpath(fx, "releases"), NULL,
	    NULL, 0), 1);

	data = slurp(path_of(fx, "releases/%s/history", r.id), &len);
	assert_non_null(data);
	want = arena_printf(&fx->a, "%lld\t1\t1\t" USER
	    "\tdraft\tdraft\t\n", (long long)r.created);
	assert_string_equal(data, want);
	free(data);

	data = slurp(path_of(fx, "releases/%s/release", r.id), &len);
	assert_non_null(data);
	assert_int_equal(release_parse(&fx->a, data, len, &parsed, &why),
	    ERR_OK);
	assert_same_fields(&r, &parsed);
	/* The new keys are written, not left to their defaults. */
	assert_non_null(strstr(data, "\nSeq: 1\n"));
	assert_non_null(strstr(data, "\nApprovals: \n"));
	assert_non_null(strstr(data, "\nPublic-Revision: 0\n"));
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
	assert_int_equal(got.seq, 2);
	assert_string_equal(got.modified_by, "bob");
	/* The new text is rev-2, the old one still rev-1. */
	assert_same_file(rev_path(fx, r.id, 2), path_of(fx,
	    "releases/%s/release", r.id));
	assert_int_equal(count_entries(path_of(fx, "releases/%s", r.id),
	    "rev-", NULL, 0), 2);

	assert_int_equal(store_release_get(&fx->s, &fx->a, r.id, &r), ERR_OK);
	assert_int_equal(r.rev, 2);
	assert_int_equal(r.seq, 2);
	assert_string_equal(r.title, got.title);
	assert_int_equal(r.state, STATE_REVIEW);
	assert_int_equal(r.created, created);
	assert_string_equal(r.author, USER);
	assert_string_equal(r.modified_by, "bob");
	assert_true(r.modified >= created);

	assert_int_equal(store_history_get(&fx->s, &fx->a, r.id, &h, &n),
	    ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(h[1].seq, 2);
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
	assert_file_is(rev_path(fx, r.id, 2), rel0, rl0);

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
	/* No revision file for the refused text, the others unchanged. */
	assert_int_equal(access(rev_path(fx, r.id, 3), F_OK), -1);
	assert_int_equal(count_entries(path_of(fx, "releases/%s", r.id),
	    "rev-", NULL, 0), 2);
	assert_file_is(rev_path(fx, r.id, 2), rel0, rl0);

	assert_int_equal(store_release_get(&fx->s, &fx->a, r.id, &r), ERR_OK);
	assert_int_equal(r.rev, 2);
	assert_int_equal(r.seq, 2);
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
	/* The same text saved again: a change, not a revision. */
	assert_int_equal(h[1].seq, 2);
	assert_int_equal(h[1].rev, 1);
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
		assert_int_equal(store_revision_get(&fx->s, &fx->a, bad[i], 1,
		    &x), ERR_NOTFOUND);
		assert_int_equal(store_release_update(&fx->s, &fx->a, bad[i],
		    USER, never_fn, NULL, &x), ERR_NOTFOUND);
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
	assert_same_file(arena_printf(&fx->a, "%s/trash/%s/release", fx->dir,
	    name), arena_printf(&fx->a, "%s/trash/%s/rev-1", fx->dir, name));
	assert_int_equal(store_revision_get(&fx->s, &fx->a, r.id, 1, &x),
	    ERR_NOTFOUND);
	assert_int_equal(store_release_list(&fx->s, &fx->a, SIZE_MAX, &v, &n),
	    ERR_OK);
	assert_int_equal(n, 0);
}

static void
test_delete_stale(void **state)
{
	struct fx	*fx = *state;
	struct release	 r, x;

	create_seed(fx, &r);
	r.subtitle = "Nouveau sous-titre";
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
 * A change that died between appending its history line and renaming the
 * release leaves a line with seq = current + 1 (here by hand, complete or
 * torn): readers ignore it and the next change replaces it.  The release
 * is at revision 2 and change 3 (a save, then a state change) so that the
 * tail's seq and rev are not the same numbers.
 */
static void
check_tail(struct fx *fx, const char *tail)
{
	struct release	 r;
	struct history	*h;
	struct problems	 p;
	char		*before, *after, *want;
	size_t		 n, blen, alen;

	create_seed(fx, &r);
	r.title = "Deux";
	assert_int_equal(store_release_save(&fx->s, &fx->a, &r, 1, "bob",
	    "deux"), ERR_OK);
	set_state(fx, r.id, "bob", STATE_REVIEW, &r);
	assert_int_equal(r.rev, 2);
	assert_int_equal(r.seq, 3);
	before = slurp(path_of(fx, "releases/%s/history", r.id), &blen);
	assert_non_null(before);
	spew(path_of(fx, "releases/%s/history", r.id), tail, 1);

	assert_int_equal(store_history_get(&fx->s, &fx->a, r.id, &h, &n),
	    ERR_OK);
	assert_int_equal(n, 3);
	assert_int_equal(h[1].seq, 2);
	assert_int_equal(h[1].rev, 2);
	assert_int_equal(h[2].seq, 3);
	assert_int_equal(h[2].rev, 2);
	assert_string_equal(h[2].user, "bob");
	assert_int_equal(run_check(fx, &p), 0);
	free_problems(&p);

	r.title = "Trois";
	r.state = STATE_DRAFT;
	assert_int_equal(store_release_save(&fx->s, &fx->a, &r, 2, "carol",
	    "trois"), ERR_OK);
	assert_int_equal(r.rev, 3);
	assert_int_equal(r.seq, 4);
	after = slurp(path_of(fx, "releases/%s/history", r.id), &alen);
	assert_non_null(after);
	want = arena_printf(&fx->a,
	    "%s%lld\t4\t3\tcarol\treview\tdraft\ttrois\n", before,
	    (long long)r.modified);
	assert_string_equal(after, want);
	assert_null(strstr(after, "ghost"));

	assert_int_equal(store_history_get(&fx->s, &fx->a, r.id, &h, &n),
	    ERR_OK);
	assert_int_equal(n, 4);
	assert_string_equal(h[3].user, "carol");
	assert_int_equal(run_check(fx, &p), 0);
	free_problems(&p);
	free(before);
	free(after);
}

static void
test_history_uncommitted_tail(void **state)
{
	check_tail(*state,
	    "1700000000\t4\t3\tghost\treview\tpublished\tnot saved\n");
}

/* A state change that died: its line has the release's own revision. */
static void
test_history_uncommitted_state_tail(void **state)
{
	check_tail(*state,
	    "1700000000\t4\t2\tghost\treview\tapproved\tnot saved\n");
}

static void
test_history_torn_tail(void **state)
{
	check_tail(*state, "1700000000\t4\t3\tghost\tdra");
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
	assert_int_equal(store_release_list(&fx->s, &fx->a, SIZE_MAX, &v, &n),
	    ERR_OK);
	assert_int_equal(n, 2);
	for (i = 0; i < n; i++)
		assert_true(strcmp(v[i].id, r[0].id) == 0 ||
		    strcmp(v[i].id, r[2].id) == 0);
	assert_true(n < 2 || v[0].modified >= v[1].modified);
}

/* Release id of r moved to another day of creation, files and all. */
static const char *
redate(struct fx *fx, const struct release *r, const char *day)
{
	const char	*id = arena_printf(&fx->a, "%s%s", day, r->id + 8);
	char		*data, *at;
	size_t		 len;

	assert_int_equal(rename(path_of(fx, "releases/%s", r->id),
	    path_of(fx, "releases/%s", id)), 0);
	data = slurp(path_of(fx, "releases/%s/release", id), &len);
	assert_non_null(data);
	assert_non_null(at = strstr(data, r->id));
	memcpy(at, id, 8);
	spew(path_of(fx, "releases/%s/release", id), data, 0);
	free(data);
	return id;
}

/*
 * With more releases than asked for, the list holds the most recently
 * created ones (by the day in their ids), whatever the directory's order.
 */
static void
test_list_newest_created(void **state)
{
	struct fx	*fx = *state;
	struct release	 r[4], *v;
	const char	*old, *older;
	size_t		 i, n;

	for (i = 0; i < 4; i++)
		create_seed(fx, &r[i]);
	older = redate(fx, &r[0], "20190101");
	old = redate(fx, &r[1], "20200101");
	assert_int_equal(store_release_list(&fx->s, &fx->a, 2, &v, &n),
	    ERR_OK);
	assert_int_equal(n, 2);
	for (i = 0; i < n; i++)
		assert_true(strcmp(v[i].id, r[2].id) == 0 ||
		    strcmp(v[i].id, r[3].id) == 0);
	assert_int_equal(store_release_list(&fx->s, &fx->a, 3, &v, &n),
	    ERR_OK);
	assert_int_equal(n, 3);
	for (i = 0; i < n; i++)
		assert_string_not_equal(v[i].id, older);
	assert_true(strcmp(v[0].id, old) == 0 || strcmp(v[1].id, old) == 0 ||
	    strcmp(v[2].id, old) == 0);
	assert_int_equal(store_release_list(&fx->s, &fx->a, SIZE_MAX, &v, &n),
	    ERR_OK);
	assert_int_equal(n, 4);
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

/* Write by hand what a save that died leaves: rev-<k> above the release. */
static void
spew_orphan(struct fx *fx, const struct release *cur, unsigned long k)
{
	struct release	 o = *cur;
	struct buf	 b;

	o.rev = k;
	o.seq = cur->seq + 1;
	o.title = arena_printf(&fx->a, "Jamais enregistr\xc3\xa9 (rev %lu)", k);
	o.approvals = "";
	buf_init(&b, &fx->a);
	release_format(&o, &b);
	spew(rev_path(fx, cur->id, k), b.data, 0);
}

/*
 * A store with two releases, a save and a state change, a session and a
 * crash's leftovers: a history tail and an orphan revision file.  r1 is at
 * revision 2, change 3, approved; r2 at revision 1, change 1, a draft.
 */
static void
make_clean_store(struct fx *fx, struct release *r1, struct release *r2)
{
	struct session	 ss;

	create_seed(fx, r1);
	create_seed(fx, r2);
	r1->state = STATE_REVIEW;
	r1->title = "Titre relu";
	assert_int_equal(store_release_save(&fx->s, &fx->a, r1, 1, "bob",
	    NULL), ERR_OK);
	r1->state = STATE_APPROVED;
	assert_int_equal(store_release_save(&fx->s, &fx->a, r1, 2, "carol",
	    "ok"), ERR_OK);
	assert_int_equal(r1->rev, 2);
	assert_int_equal(r1->seq, 3);
	spew(path_of(fx, "releases/%s/history", r1->id),
	    "1700000000\t4\t3\tghost\tapproved\tpublished\t\n", 1);
	spew_orphan(fx, r1, 3);
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
	    "1700000000\t1\t1\talice\tdraft\tpublished\t\n", 0);
	expect_one_problem(fx, arena_printf(&fx->a, "releases/%s/history",
	    r2.id), "State");
}

static void
test_check_history_revision(void **state)
{
	struct fx	*fx = *state;
	struct release	 r1, r2;

	make_clean_store(fx, &r1, &r2);
	/* r1 is at revision 2, change 3; its last committed line is lost. */
	spew(path_of(fx, "releases/%s/history", r1.id),
	    "1700000000\t1\t1\talice\tdraft\tdraft\t\n"
	    "1700000001\t2\t2\tbob\tdraft\treview\t\n", 0);
	expect_one_problem(fx, arena_printf(&fx->a, "releases/%s/history",
	    r1.id), "Seq");
	/* The right change number with another revision. */
	spew(path_of(fx, "releases/%s/history", r1.id),
	    "1700000000\t1\t1\talice\tdraft\tdraft\t\n"
	    "1700000001\t2\t2\tbob\tdraft\treview\t\n"
	    "1700000002\t3\t3\tcarol\treview\tapproved\tok\n", 0);
	expect_one_problem(fx, arena_printf(&fx->a, "releases/%s/history",
	    r1.id), "Revision");
	spew(path_of(fx, "releases/%s/history", r1.id),
	    "1700000000\t1\t1\talice\tdraft\tdraft\t\n"
	    "1700000001\t2\t2\tbob\tdraft\treview\t\n"
	    "1700000002\t3\t1\tcarol\treview\tapproved\tok\n", 0);
	expect_one_problem(fx, arena_printf(&fx->a, "releases/%s/history",
	    r1.id), "Revision");
	/* Right again, as the store wrote it (rev 2 kept by change 3). */
	spew(path_of(fx, "releases/%s/history", r1.id),
	    "1700000000\t1\t1\talice\tdraft\tdraft\t\n"
	    "1700000001\t2\t2\tbob\tdraft\treview\t\n"
	    "1700000002\t3\t2\tcarol\treview\tapproved\tok\n", 0);
	{
		struct problems	 p;

		assert_int_equal(run_check(fx, &p), 0);
		free_problems(&p);
	}
}

/* Lines that do not parse, or go back in change numbers. */
static void
test_check_history_malformed(void **state)
{
	struct fx	*fx = *state;
	struct release	 r1, r2;
	struct history	*h;
	size_t		 i, n;
	static const char *const bad[] = {
		/* The old six-field line, without seq. */
		"1700000000\t1\talice\tdraft\tdraft\t\n",
		"1700000000\t0\t1\talice\tdraft\tdraft\t\n",
		"1700000000\t1\t0\talice\tdraft\tdraft\t\n",
		"1700000000\tx\t1\talice\tdraft\tdraft\t\n",
		"1700000000\t1\t1x\talice\tdraft\tdraft\t\n",
		"1700000000\t1\t1\talice\tdraft\tDraft\t\n",
		"1700000000\t1\t1\talice\tdraft\tdraft\t\textra\n",
		"1700000000\t1\t1\talice\tdraft\tdraft\n",
		/* Change numbers must go up. */
		"1700000000\t1\t1\talice\tdraft\tdraft\t\n"
		    "1700000001\t1\t1\tbob\tdraft\tdraft\t\n",
	};

	make_clean_store(fx, &r1, &r2);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		spew(path_of(fx, "releases/%s/history", r2.id), bad[i], 0);
		expect_one_problem(fx, arena_printf(&fx->a,
		    "releases/%s/history", r2.id), "malformed");
		assert_int_equal(store_history_get(&fx->s, &fx->a, r2.id, &h,
		    &n), ERR_CORRUPT);
	}
}

/* The check reads rev-<Revision>: it must be there, whole and right. */
static void
test_check_revision_file(void **state)
{
	struct fx	*fx = *state;
	struct release	 r1, r2;
	struct problems	 p;
	char		*rev2, *r1rev1, *r2rev1;
	size_t		 l2, l11, l21;

	make_clean_store(fx, &r1, &r2);
	rev2 = slurp(rev_path(fx, r1.id, 2), &l2);
	r1rev1 = slurp(rev_path(fx, r1.id, 1), &l11);
	r2rev1 = slurp(rev_path(fx, r2.id, 1), &l21);
	assert_non_null(rev2);
	assert_non_null(r1rev1);
	assert_non_null(r2rev1);

	assert_int_equal(unlink(rev_path(fx, r1.id, 2)), 0);
	expect_one_problem(fx, arena_printf(&fx->a, "releases/%s/rev-2",
	    r1.id), "missing");
	/* Another revision's text under its name. */
	spew(rev_path(fx, r1.id, 2), r1rev1, 0);
	expect_one_problem(fx, arena_printf(&fx->a, "releases/%s/rev-2",
	    r1.id), "Revision");
	spew(rev_path(fx, r1.id, 2), rev2, 0);
	assert_int_equal(run_check(fx, &p), 0);
	free_problems(&p);

	/* Another release's text under its name. */
	spew(rev_path(fx, r2.id, 1), r1rev1, 0);
	expect_one_problem(fx, arena_printf(&fx->a, "releases/%s/rev-1",
	    r2.id), "Id");
	/* Not a release file at all. */
	spew(rev_path(fx, r2.id, 1), "garbage\n", 0);
	expect_one_problem(fx, arena_printf(&fx->a, "releases/%s/rev-1",
	    r2.id), NULL);
	spew(rev_path(fx, r2.id, 1), r2rev1, 0);
	assert_int_equal(run_check(fx, &p), 0);
	free_problems(&p);
	free(rev2);
	free(r1rev1);
	free(r2rev1);
}

/* A public revision below the current one must have its file too. */
static void
test_check_public_revision_file(void **state)
{
	struct fx	*fx = *state;
	struct release	 r1, r2, got;
	struct problems	 p;
	struct change	 c;
	char		*data;
	size_t		 len;

	make_clean_store(fx, &r1, &r2);
	memset(&c, 0, sizeof(c));
	c.set_state = 1;
	c.state = STATE_PUBLISHED;
	c.public_rev = 2;
	c.publish_at = 1795720000;
	assert_int_equal(store_release_update(&fx->s, &fx->a, r1.id, "dave",
	    change_fn, &c, &got), ERR_OK);
	assert_int_equal(got.public_rev, 2);
	assert_int_equal(got.rev, 2);
	/* A correction: revision 3, revision 2 still the public one. */
	memset(&c, 0, sizeof(c));
	c.set_state = 1;
	c.state = STATE_DRAFT;
	c.lead = "Chapeau corrig\xc3\xa9.";
	assert_int_equal(store_release_update(&fx->s, &fx->a, r1.id, USER,
	    change_fn, &c, &got), ERR_OK);
	assert_int_equal(got.rev, 3);
	assert_int_equal(got.public_rev, 2);
	assert_int_equal(got.publish_at, 1795720000);
	assert_int_equal(run_check(fx, &p), 0);
	free_problems(&p);

	data = slurp(rev_path(fx, r1.id, 2), &len);
	assert_non_null(data);
	assert_int_equal(unlink(rev_path(fx, r1.id, 2)), 0);
	expect_one_problem(fx, arena_printf(&fx->a, "releases/%s/rev-2",
	    r1.id), "missing");
	spew(rev_path(fx, r1.id, 2), "Id: x\n", 0);
	expect_one_problem(fx, arena_printf(&fx->a, "releases/%s/rev-2",
	    r1.id), NULL);
	spew(rev_path(fx, r1.id, 2), data, 0);
	assert_int_equal(run_check(fx, &p), 0);
	free_problems(&p);
	free(data);
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
	/* Saves of new text, every third one a state change only. */
	for (i = 0; i < 60; i++) {
		if (i % 3 == 2)
			r.state = r.state == STATE_DRAFT ? STATE_REVIEW :
			    STATE_DRAFT;
		else
			r.title = arena_printf(&fx->a, "Titre %zu", i);
		assert_int_equal(store_release_save(&fx->s, &fx->a, &r, r.rev,
		    USER, comment), ERR_OK);
	}
	assert_int_equal(r.seq, 61);
	assert_int_equal(r.rev, 41);
	snprintf(tail, sizeof(tail), "1\t62\t42\t%s\tdraft\tdraft\tlost\n",
	    USER);
	spew(path_of(fx, "releases/%s/history", r.id), tail, 1);
	r.title = "Apr\xc3\xa8s la fin perdue";
	assert_int_equal(store_release_save(&fx->s, &fx->a, &r, 41, USER,
	    "after the tail"), ERR_OK);
	assert_int_equal(r.seq, 62);
	assert_int_equal(r.rev, 42);
	assert_int_equal(store_history_get(&fx->s, &fx->a, r.id, &h, &n),
	    ERR_OK);
	assert_int_equal(n, 62);
	for (i = 0; i < n; i++)
		assert_int_equal(h[i].seq, i + 1);
	assert_int_equal(h[61].rev, 42);
	assert_int_equal(h[60].rev, 41);
	assert_int_equal(h[2].rev, 3);
	assert_int_equal(h[3].rev, 3);		/* Change 4 kept rev 3. */
	assert_int_equal(h[4].rev, 4);
	assert_string_equal(h[61].comment, "after the tail");
	assert_string_equal(h[60].comment, comment);
	assert_int_equal(count_entries(path_of(fx, "releases/%s", r.id),
	    "rev-", NULL, 0), 42);

	comment[LIM_HISTORY_COMMENT_MAX] = 'c';
	comment[LIM_HISTORY_COMMENT_MAX + 1] = '\0';
	r.title = "Trop long";
	assert_int_equal(store_release_save(&fx->s, &fx->a, &r, 42, USER,
	    comment), ERR_TOOBIG);
	assert_int_equal(access(rev_path(fx, r.id, 43), F_OK), -1);
	assert_int_equal(run_check(fx, &p), 0);
	free_problems(&p);
}

/* Snapshot of the files of one release directory, to compare. */
struct snap {
	size_t	 n;
	char	*name[64];
	char	*data[64];
	size_t	 len[64];
};

static void
snap_take(struct fx *fx, const char *id, struct snap *sn)
{
	struct dirent	*de;
	DIR		*d;
	char		*dir;

	memset(sn, 0, sizeof(*sn));
	dir = path_of(fx, "releases/%s", id);
	assert_non_null(d = opendir(dir));
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		assert_true(sn->n < 64);
		sn->name[sn->n] = strdup(de->d_name);
		sn->data[sn->n] = slurp(arena_printf(&fx->a, "%s/%s", dir,
		    de->d_name), &sn->len[sn->n]);
		assert_non_null(sn->data[sn->n]);
		sn->n++;
	}
	closedir(d);
}

static void
snap_free(struct snap *sn)
{
	size_t	 i;

	for (i = 0; i < sn->n; i++) {
		free(sn->name[i]);
		free(sn->data[i]);
	}
}

/* The release directory holds exactly the files of sn, byte for byte. */
static void
snap_same(struct fx *fx, const char *id, struct snap *sn)
{
	struct snap	 now;
	size_t		 i;

	snap_take(fx, id, &now);
	if (now.n != sn->n)
		fail_msg("%zu files in the release directory, were %zu",
		    now.n, sn->n);
	for (i = 0; i < sn->n; i++)
		assert_file_is(arena_printf(&fx->a, "%s/%s",
		    path_of(fx, "releases/%s", id), sn->name[i]),
		    sn->data[i], sn->len[i]);
	snap_free(&now);
	assert_int_equal(count_entries(dpath(fx, "tmp"), NULL, NULL, 0), 0);
}

/*
 * An update that changes the state only (and the approvals, which are not
 * text): a new change number, the same revision, no new revision file, and
 * the approvals stay.
 */
static void
test_update_state_only(void **state)
{
	struct fx	*fx = *state;
	struct release	 r, out, got, old;
	struct history	*h;
	struct problems	 p;
	struct change	 c;
	char		*rev1, *data, *want;
	size_t		 l1, len, n;

	create_seed(fx, &r);
	rev1 = slurp(rev_path(fx, r.id, 1), &l1);
	assert_non_null(rev1);

	memset(&c, 0, sizeof(c));
	c.set_state = 1;
	c.state = STATE_REVIEW;
	c.approvals = "bob@1795719000";
	c.comment = "soumis";
	assert_int_equal(store_release_update(&fx->s, &fx->a, r.id, "bob",
	    change_fn, &c, &out), ERR_OK);
	assert_int_equal(c.calls, 1);
	/* The callback was given the stored version. */
	assert_same_fields(&r, &c.seen);
	assert_int_equal(out.seq, 2);
	assert_int_equal(out.rev, 1);
	assert_int_equal(out.state, STATE_REVIEW);
	assert_string_equal(out.approvals, "bob@1795719000");
	assert_string_equal(out.modified_by, "bob");
	assert_string_equal(out.author, USER);
	assert_int_equal(out.created, r.created);
	assert_true(out.modified >= r.modified);
	assert_true(release_same_content(&r, &out));

	memset(&c, 0, sizeof(c));
	c.set_state = 1;
	c.state = STATE_APPROVED;
	assert_int_equal(store_release_update(&fx->s, &fx->a, r.id, "carol",
	    change_fn, &c, &out), ERR_OK);
	assert_int_equal(c.seen.seq, 2);
	assert_int_equal(out.seq, 3);
	assert_int_equal(out.rev, 1);
	assert_int_equal(out.state, STATE_APPROVED);
	assert_string_equal(out.approvals, "bob@1795719000");
	assert_string_equal(out.modified_by, "carol");

	/* No revision file was added; rev-1 is as created. */
	assert_int_equal(count_entries(path_of(fx, "releases/%s", r.id),
	    "rev-", NULL, 0), 1);
	assert_int_equal(access(rev_path(fx, r.id, 2), F_OK), -1);
	assert_file_is(rev_path(fx, r.id, 1), rev1, l1);
	assert_int_equal(store_revision_get(&fx->s, &fx->a, r.id, 1, &old),
	    ERR_OK);
	assert_same_fields(&r, &old);

	/* What is stored is what came out. */
	assert_int_equal(store_release_get(&fx->s, &fx->a, r.id, &got),
	    ERR_OK);
	assert_same_fields(&out, &got);
	data = slurp(path_of(fx, "releases/%s/release", r.id), &len);
	assert_non_null(data);
	assert_non_null(strstr(data, "\nRevision: 1\nSeq: 3\nState: "
	    "approved\n"));
	assert_non_null(strstr(data, "\nApprovals: bob@1795719000\n"));
	free(data);

	assert_int_equal(store_history_get(&fx->s, &fx->a, r.id, &h, &n),
	    ERR_OK);
	assert_int_equal(n, 3);
	assert_int_equal(h[1].seq, 2);
	assert_int_equal(h[1].rev, 1);
	assert_string_equal(h[1].user, "bob");
	assert_int_equal(h[1].from, STATE_DRAFT);
	assert_int_equal(h[1].to, STATE_REVIEW);
	assert_string_equal(h[1].comment, "soumis");
	data = slurp(path_of(fx, "releases/%s/history", r.id), &len);
	assert_non_null(data);
	want = arena_printf(&fx->a, "%lld\t3\t1\tcarol\treview\tapproved\t\n",
	    (long long)out.modified);
	assert_true(len >= strlen(want));
	assert_string_equal(data + len - strlen(want), want);
	free(data);

	/* A change that changes nothing is still a change. */
	memset(&c, 0, sizeof(c));
	assert_int_equal(store_release_update(&fx->s, &fx->a, r.id, "dave",
	    change_fn, &c, NULL), ERR_OK);
	assert_int_equal(store_release_get(&fx->s, &fx->a, r.id, &got),
	    ERR_OK);
	assert_int_equal(got.seq, 4);
	assert_int_equal(got.rev, 1);
	assert_int_equal(got.state, STATE_APPROVED);
	assert_string_equal(got.approvals, "bob@1795719000");
	assert_string_equal(got.modified_by, "dave");
	assert_int_equal(store_history_get(&fx->s, &fx->a, r.id, &h, &n),
	    ERR_OK);
	assert_int_equal(n, 4);
	assert_int_equal(h[3].from, STATE_APPROVED);
	assert_int_equal(h[3].to, STATE_APPROVED);
	assert_int_equal(count_entries(path_of(fx, "releases/%s", r.id),
	    "rev-", NULL, 0), 1);
	assert_int_equal(run_check(fx, &p), 0);
	free_problems(&p);
	free(rev1);
}

/*
 * An update that changes the text: a new revision, kept as rev-<N> with
 * exactly the new release file's bytes; approvals are dropped (even ones
 * the callback set), the rest of the workflow bookkeeping is kept.
 */
static void
test_update_content_change(void **state)
{
	struct fx	*fx = *state;
	struct release	 r, out, got;
	struct history	*h;
	struct problems	 p;
	struct change	 c;
	char		*rev1, *rev2, *data;
	size_t		 l1, l2, len, n;

	create_seed(fx, &r);
	rev1 = slurp(rev_path(fx, r.id, 1), &l1);
	assert_non_null(rev1);
	/* Approved by two, published at a set time. */
	memset(&c, 0, sizeof(c));
	c.set_state = 1;
	c.state = STATE_PUBLISHED;
	c.approvals = "bob@1795719000 carol@1795719100";
	c.public_rev = 1;
	c.publish_at = 1795720000;
	assert_int_equal(store_release_update(&fx->s, &fx->a, r.id, "dave",
	    change_fn, &c, &out), ERR_OK);
	assert_int_equal(out.rev, 1);
	assert_int_equal(out.seq, 2);
	assert_string_equal(out.approvals, "bob@1795719000 carol@1795719100");

	/* A correction of the lead, back to draft. */
	memset(&c, 0, sizeof(c));
	c.set_state = 1;
	c.state = STATE_DRAFT;
	c.lead = "Chapeau corrig\xc3\xa9 \xe2\x80\x93 "
	    "l\xe2\x80\x99\xc3\xa9t\xc3\xa9.\n";
	c.comment = "correction";
	assert_int_equal(store_release_update(&fx->s, &fx->a, r.id, USER,
	    change_fn, &c, &out), ERR_OK);
	assert_int_equal(out.rev, 2);
	assert_int_equal(out.seq, 3);
	assert_string_equal(out.approvals, "");
	assert_string_equal(out.lead, c.lead);
	assert_int_equal(out.state, STATE_DRAFT);
	assert_int_equal(out.public_rev, 1);
	assert_int_equal(out.publish_at, 1795720000);
	assert_int_equal(out.published_at, 1795720000);
	/* rev-2 is the new text, byte for byte; rev-1 is unchanged. */
	assert_same_file(rev_path(fx, r.id, 2), path_of(fx,
	    "releases/%s/release", r.id));
	assert_file_is(rev_path(fx, r.id, 1), rev1, l1);
	assert_int_equal(store_revision_get(&fx->s, &fx->a, r.id, 2, &got),
	    ERR_OK);
	assert_same_fields(&out, &got);
	assert_int_equal(store_release_get(&fx->s, &fx->a, r.id, &got),
	    ERR_OK);
	assert_same_fields(&out, &got);
	rev2 = slurp(rev_path(fx, r.id, 2), &l2);
	assert_non_null(rev2);
	assert_non_null(strstr(rev2, "\nApprovals: \n"));

	/* A state change after it leaves rev-2 alone. */
	set_state(fx, r.id, USER, STATE_REVIEW, &out);
	assert_int_equal(out.rev, 2);
	assert_int_equal(out.seq, 4);
	assert_file_is(rev_path(fx, r.id, 2), rev2, l2);
	data = slurp(path_of(fx, "releases/%s/release", r.id), &len);
	assert_non_null(data);
	assert_true(len != l2 || memcmp(data, rev2, len) != 0);
	free(data);

	/* Approvals the callback sets with new text are dropped too. */
	memset(&c, 0, sizeof(c));
	c.title = "Nouveau titre";
	c.approvals = "bob@1795719999";
	assert_int_equal(store_release_update(&fx->s, &fx->a, r.id, USER,
	    change_fn, &c, &out), ERR_OK);
	assert_int_equal(out.rev, 3);
	assert_int_equal(out.seq, 5);
	assert_string_equal(out.approvals, "");
	assert_same_file(rev_path(fx, r.id, 3), path_of(fx,
	    "releases/%s/release", r.id));

	/* What only the store sets, it sets, whatever the callback did. */
	memset(&c, 0, sizeof(c));
	c.title = "Encore un titre";
	c.tamper = 1;
	assert_int_equal(store_release_update(&fx->s, &fx->a, r.id, "bob",
	    change_fn, &c, &out), ERR_OK);
	assert_string_equal(out.id, r.id);
	assert_int_equal(out.rev, 4);
	assert_int_equal(out.seq, 6);
	assert_string_equal(out.author, USER);
	assert_int_equal(out.created, r.created);
	assert_true(out.modified >= r.modified);
	assert_string_equal(out.modified_by, "bob");
	assert_int_equal(access(rev_path(fx, r.id, 99), F_OK), -1);
	assert_int_equal(count_entries(dpath(fx, "releases"), NULL, NULL, 0),
	    1);
	assert_same_file(rev_path(fx, r.id, 4), path_of(fx,
	    "releases/%s/release", r.id));

	assert_int_equal(store_history_get(&fx->s, &fx->a, r.id, &h, &n),
	    ERR_OK);
	assert_int_equal(n, 6);
	assert_int_equal(h[2].seq, 3);
	assert_int_equal(h[2].rev, 2);
	assert_int_equal(h[2].from, STATE_PUBLISHED);
	assert_int_equal(h[2].to, STATE_DRAFT);
	assert_string_equal(h[2].comment, "correction");
	assert_int_equal(h[3].rev, 2);
	assert_int_equal(h[5].seq, 6);
	assert_int_equal(h[5].rev, 4);
	assert_int_equal(count_entries(path_of(fx, "releases/%s", r.id),
	    "rev-", NULL, 0), 4);
	assert_int_equal(run_check(fx, &p), 0);
	free_problems(&p);
	free(rev1);
	free(rev2);
}

/* A callback that refuses, or a comment too long: nothing is written. */
static void
test_update_error_writes_nothing(void **state)
{
	struct fx	*fx = *state;
	struct release	 r, out;
	struct change	 c;
	struct snap	 sn;
	char		 comment[LIM_HISTORY_COMMENT_MAX + 2];
	size_t		 i;
	static const enum err refusals[] = {
		ERR_STALE, ERR_STATE, ERR_FORBIDDEN, ERR_EXISTS, ERR_INVALID,
	};

	create_seed(fx, &r);
	r.title = "Deux";
	assert_int_equal(store_release_save(&fx->s, &fx->a, &r, 1, "bob",
	    NULL), ERR_OK);
	set_state(fx, r.id, "bob", STATE_REVIEW, &r);
	snap_take(fx, r.id, &sn);
	assert_int_equal(sn.n, 5);	/* release history lock rev-1 rev-2 */

	for (i = 0; i < sizeof(refusals) / sizeof(refusals[0]); i++) {
		memset(&c, 0, sizeof(c));
		c.ret = refusals[i];
		c.set_state = 1;
		c.state = STATE_PUBLISHED;
		c.title = "Refus\xc3\xa9";
		c.approvals = "bob@1";
		c.public_rev = 2;
		c.comment = "non";
		assert_int_equal(store_release_update(&fx->s, &fx->a, r.id,
		    "carol", change_fn, &c, &out), refusals[i]);
		assert_int_equal(c.calls, 1);
		snap_same(fx, r.id, &sn);
	}
	/* The same refusal with no text change. */
	memset(&c, 0, sizeof(c));
	c.ret = ERR_STATE;
	c.set_state = 1;
	c.state = STATE_APPROVED;
	assert_int_equal(store_release_update(&fx->s, &fx->a, r.id, "carol",
	    change_fn, &c, NULL), ERR_STATE);
	snap_same(fx, r.id, &sn);

	/* A comment one byte over its limit, with and without new text. */
	memset(comment, 'c', sizeof(comment) - 1);
	comment[sizeof(comment) - 1] = '\0';
	memset(&c, 0, sizeof(c));
	c.title = "Trop long";
	c.comment = comment;
	assert_int_equal(store_release_update(&fx->s, &fx->a, r.id, "carol",
	    change_fn, &c, &out), ERR_TOOBIG);
	snap_same(fx, r.id, &sn);
	c.title = NULL;
	assert_int_equal(store_release_update(&fx->s, &fx->a, r.id, "carol",
	    change_fn, &c, &out), ERR_TOOBIG);
	snap_same(fx, r.id, &sn);

	/* A stale save of new text is the same refusal. */
	r.title = "P\xc3\xa9rim\xc3\xa9";
	assert_int_equal(store_release_save(&fx->s, &fx->a, &r, 1, "carol",
	    NULL), ERR_STALE);
	snap_same(fx, r.id, &sn);

	/* A release that is gone: the callback is never called. */
	assert_int_equal(store_release_get(&fx->s, &fx->a, r.id, &out), ERR_OK);
	assert_int_equal(store_release_delete(&fx->s, r.id, out.seq), ERR_OK);
	assert_int_equal(store_release_update(&fx->s, &fx->a, r.id, "carol",
	    never_fn, NULL, &out), ERR_NOTFOUND);
	snap_free(&sn);
}

/* Every revision's text reads back exactly as it was saved. */
static void
test_revision_get_every_revision(void **state)
{
	struct fx	*fx = *state;
	struct release	 r, saved[8], got;
	struct buf	 b;
	char		*snap[8];
	size_t		 len[8];
	unsigned long	 k;

	create_seed(fx, &r);
	saved[1] = r;
	snap[1] = slurp(path_of(fx, "releases/%s/release", r.id), &len[1]);
	assert_non_null(snap[1]);
	for (k = 2; k <= 6; k++) {
		r.title = arena_printf(&fx->a, "Titre %lu \xe2\x80\x93 "
		    "r\xc3\xa9vis\xc3\xa9", k);
		r.body = arena_printf(&fx->a, "%s\n\nAjout %lu.%s", r.body, k,
		    k % 2 ? "\n" : "");
		r.contacts = k % 2 ? "" : FR_CONTACTS;
		r.state = STATE_DRAFT;
		assert_int_equal(store_release_save(&fx->s, &fx->a, &r, k - 1,
		    k % 2 ? "bob" : "carol", NULL), ERR_OK);
		assert_int_equal(r.rev, k);
		saved[k] = r;
		snap[k] = slurp(path_of(fx, "releases/%s/release", r.id),
		    &len[k]);
		assert_non_null(snap[k]);
		/* State changes in between: no revision, no change to it. */
		set_state(fx, r.id, "dave", STATE_REVIEW, &r);
		set_state(fx, r.id, "dave", STATE_CHANGES, &r);
		assert_int_equal(r.rev, k);
	}
	assert_int_equal(r.seq, 16);
	for (k = 1; k <= 6; k++) {
		assert_int_equal(store_revision_get(&fx->s, &fx->a, r.id, k,
		    &got), ERR_OK);
		assert_same_fields(&saved[k], &got);
		assert_int_equal(strlen(got.body), strlen(saved[k].body));
		assert_file_is(rev_path(fx, r.id, k), snap[k], len[k]);
		/* Formatting what was read gives the file back. */
		buf_init(&b, &fx->a);
		release_format(&got, &b);
		assert_int_equal(b.len, len[k]);
		assert_memory_equal(b.data, snap[k], len[k]);
	}
	assert_int_equal(store_revision_get(&fx->s, &fx->a, r.id, 0, &got),
	    ERR_NOTFOUND);
	assert_int_equal(store_revision_get(&fx->s, &fx->a, r.id, 7, &got),
	    ERR_NOTFOUND);
	assert_int_equal(store_revision_get(&fx->s, &fx->a, r.id, ULONG_MAX,
	    &got), ERR_NOTFOUND);
	/* A file under another revision's name, or not a release. */
	spew(rev_path(fx, r.id, 3), snap[2], 0);
	assert_int_equal(store_revision_get(&fx->s, &fx->a, r.id, 3, &got),
	    ERR_CORRUPT);
	spew(rev_path(fx, r.id, 4), "garbage\n", 0);
	assert_int_equal(store_revision_get(&fx->s, &fx->a, r.id, 4, &got),
	    ERR_CORRUPT);
	/* The others are still fine. */
	assert_int_equal(store_revision_get(&fx->s, &fx->a, r.id, 5, &got),
	    ERR_OK);
	assert_same_fields(&saved[5], &got);
	for (k = 1; k <= 6; k++)
		free(snap[k]);
}

/*
 * A save that died after writing rev-<N+1> leaves it behind, with or
 * without its history line.  Nothing reads it: the check finds no problem,
 * the release stays at revision N, a state change leaves it, and the next
 * save of new text writes its own rev-<N+1> over it.
 */
static void
test_orphan_revision_file(void **state)
{
	struct fx	*fx = *state;
	struct release	 r, got;
	struct history	*h;
	struct problems	 p;
	char		*orphan, *data;
	size_t		 olen, len, n;
	int		 with_line;

	for (with_line = 0; with_line < 2; with_line++) {
		create_seed(fx, &r);
		r.title = "Deux";
		assert_int_equal(store_release_save(&fx->s, &fx->a, &r, 1,
		    "bob", NULL), ERR_OK);
		spew_orphan(fx, &r, 3);
		if (with_line)
			spew(path_of(fx, "releases/%s/history", r.id),
			    "1700000000\t3\t3\tghost\tdraft\treview\t\n",
			    1);
		orphan = slurp(rev_path(fx, r.id, 3), &olen);
		assert_non_null(orphan);
		assert_int_equal(run_check(fx, &p), 0);
		free_problems(&p);
		assert_int_equal(store_release_get(&fx->s, &fx->a, r.id, &got),
		    ERR_OK);
		assert_int_equal(got.rev, 2);
		assert_string_equal(got.title, "Deux");
		assert_int_equal(store_history_get(&fx->s, &fx->a, r.id, &h,
		    &n), ERR_OK);
		assert_int_equal(n, 2);

		/* A state change: the orphan stays, still no problem. */
		set_state(fx, r.id, "bob", STATE_REVIEW, &r);
		assert_int_equal(r.rev, 2);
		assert_int_equal(r.seq, 3);
		assert_file_is(rev_path(fx, r.id, 3), orphan, olen);
		assert_int_equal(run_check(fx, &p), 0);
		free_problems(&p);
		assert_int_equal(store_history_get(&fx->s, &fx->a, r.id, &h,
		    &n), ERR_OK);
		assert_int_equal(n, 3);
		assert_int_equal(h[2].seq, 3);
		assert_int_equal(h[2].rev, 2);
		assert_string_equal(h[2].user, "bob");

		/* New text: rev-3 is now the saved one. */
		r.title = "Trois";
		assert_int_equal(store_release_save(&fx->s, &fx->a, &r, 2,
		    "carol", NULL), ERR_OK);
		assert_int_equal(r.rev, 3);
		assert_int_equal(r.seq, 4);
		assert_same_file(rev_path(fx, r.id, 3), path_of(fx,
		    "releases/%s/release", r.id));
		data = slurp(rev_path(fx, r.id, 3), &len);
		assert_non_null(data);
		assert_null(strstr(data, "Jamais"));
		free(data);
		assert_int_equal(store_revision_get(&fx->s, &fx->a, r.id, 3,
		    &got), ERR_OK);
		assert_string_equal(got.title, "Trois");
		assert_int_equal(count_entries(path_of(fx, "releases/%s",
		    r.id), "rev-", NULL, 0), 3);
		assert_int_equal(run_check(fx, &p), 0);
		free_problems(&p);
		free(orphan);
	}
}

/*
 * store_revision_get() of the revision above the current one, while a save
 * that died left its file: there is no such revision (the save was never
 * acknowledged), so ERR_NOTFOUND, not the text that was never saved.
 */
static void
test_revision_get_orphan_is_notfound(void **state)
{
	struct fx	*fx = *state;
	struct release	 r, got;
	enum err	 e;

	create_seed(fx, &r);
	r.title = "Deux";
	assert_int_equal(store_release_save(&fx->s, &fx->a, &r, 1, "bob",
	    NULL), ERR_OK);
	spew_orphan(fx, &r, 3);
	e = store_revision_get(&fx->s, &fx->a, r.id, 3, &got);
	if (e != ERR_NOTFOUND)
		fail_msg("store_revision_get(rev 3) of a release at revision "
		    "2 returned %s%s%s: it reads the orphan rev-3 left by a "
		    "save that died instead of checking rev <= the release's "
		    "Revision", err_name(e), e == ERR_OK ? ", title " : "",
		    e == ERR_OK ? got.title : "");
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
		T(test_history_uncommitted_state_tail),
		T(test_history_torn_tail),
		T(test_list),
		T(test_list_newest_created),
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
		T(test_check_history_malformed),
		T(test_check_revision_file),
		T(test_check_public_revision_file),
		T(test_check_unknown_dir),
		T(test_check_several),
		T(test_file_replace_read),
		T(test_open_cleans_old_tmp),
		T(test_save_waiting_on_a_concurrent_delete_is_notfound),
		T(test_long_history_stays_saveable),
		T(test_update_state_only),
		T(test_update_content_change),
		T(test_update_error_writes_nothing),
		T(test_revision_get_every_revision),
		T(test_orphan_revision_file),
		T(test_revision_get_orphan_is_notfound),
	};

	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
