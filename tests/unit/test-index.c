/*
 * test-index.c: unit tests for index.c, the public archive's index.
 *
 * Every test gets a fresh data directory under a mkdtemp(3) directory,
 * creates releases with store_release_create() and publishes them with
 * store_release_update() the way pressroom-admin does (mark, update, then
 * ix_update()), and reads them back through ix_get().  ix_get() keeps one
 * mapping per process (a static in index.c), so entries are copied before
 * the next call that may replace it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/stat.h>
#include <sys/types.h>

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
#include "index.h"
#include "release.h"
#include "slug.h"
#include "store.h"

#include "scratch.h"

#define DAY		86400
#define MAXE		64

struct fx {
	char		 root[SCRATCH_ROOT_MAX];	/* scratch.h */
	char		 dir[SCRATCH_DIR_MAX];	/* root/data, the store's */
	struct store	 s;
	struct arena	 a;
	time_t		 now;
};

static int
setup(void **state)
{
	struct fx	*fx;

	if ((fx = calloc(1, sizeof(*fx))) == NULL)
		return -1;
	if (scratch_open(fx->root, fx->dir, "test-index", &fx->s) == -1) {
		free(fx);
		return -1;
	}
	arena_init(&fx->a);
	fx->now = time(NULL);
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

/* ---- Making releases ---------------------------------------------------- */

struct spec {
	const char	*title;
	const char	*lang;
	const char	*date;
	const char	*topics;
	const char	*body;
	const char	*translation_of;
};

/* A draft release; its id (arena copy). */
static const char *
mk(struct fx *fx, const struct spec *sp)
{
	struct release	 r;

	release_init(&r);
	r.title = sp->title;
	r.lead = "Le chapeau du communiqué de presse.";
	r.body = sp->body != NULL ? sp->body : "Le corps du communiqué.";
	r.lang = sp->lang != NULL ? sp->lang : "fr";
	r.date = sp->date;
	r.city = "Liège";
	r.topics = sp->topics != NULL ? sp->topics : "";
	r.contacts = "Presse";
	r.translation_of = sp->translation_of != NULL ? sp->translation_of : "";
	assert_int_equal(store_release_create(&fx->s, &fx->a, &r, "alice"),
	    ERR_OK);
	return arena_strdup(&fx->a, r.id);
}

struct pub_arg {
	time_t		 when;
	const char	*permalink;
};

/* What pressroom-admin's publish_fn does. */
static enum err
publish_fn(struct release *r, void *arg, const char **comment)
{
	struct pub_arg	*pa = arg;

	r->state = STATE_PUBLISHED;
	r->public_rev = r->rev;
	r->publish_at = r->published_at = pa->when;
	if (r->permalink == NULL || r->permalink[0] == '\0')
		r->permalink = pa->permalink;
	*comment = "published by test-index";
	return ERR_OK;
}

static enum err
state_fn(struct release *r, void *arg, const char **comment)
{
	r->state = *(enum release_state *)arg;
	*comment = "state changed by test-index";
	return ERR_OK;
}

/* Publish at when without touching the index (a writer that died). */
static void
publish_raw(struct fx *fx, const char *id, time_t when)
{
	struct release	 cur;
	struct pub_arg	 pa;

	assert_int_equal(store_release_get(&fx->s, &fx->a, id, &cur), ERR_OK);
	pa.when = when;
	pa.permalink = ix_new_permalink(&fx->s, &fx->a, &cur);
	assert_int_equal(store_release_update(&fx->s, &fx->a, id, "admin",
	    publish_fn, &pa, NULL), ERR_OK);
}

/* Publish at when as pressroom-admin does: mark, change, index. */
static void
publish(struct fx *fx, const char *id, time_t when)
{
	struct release	 cur;
	struct pub_arg	 pa;

	assert_int_equal(store_release_get(&fx->s, &fx->a, id, &cur), ERR_OK);
	pa.when = when;
	pa.permalink = ix_new_permalink(&fx->s, &fx->a, &cur);
	assert_int_equal(store_index_mark(&fx->s, id), ERR_OK);
	assert_int_equal(store_release_update(&fx->s, &fx->a, id, "admin",
	    publish_fn, &pa, NULL), ERR_OK);
	assert_int_equal(ix_update(&fx->s, id), ERR_OK);
}

static void
set_state(struct fx *fx, const char *id, enum release_state st, int index)
{
	if (index)
		assert_int_equal(store_index_mark(&fx->s, id), ERR_OK);
	assert_int_equal(store_release_update(&fx->s, &fx->a, id, "admin",
	    state_fn, &st, NULL), ERR_OK);
	if (index)
		assert_int_equal(ix_update(&fx->s, id), ERR_OK);
}

static const char *
mkpub(struct fx *fx, const struct spec *sp, time_t when)
{
	const char	*id = mk(fx, sp);

	publish(fx, id, when);
	return id;
}

static struct ix *
get(struct fx *fx)
{
	struct ix	*x = NULL;

	assert_int_equal(ix_get(&fx->s, &x), ERR_OK);
	assert_non_null(x);
	return x;
}

/* ---- Reading back --------------------------------------------------------- */

/* The ids of a list, space separated, in order (arena). */
static const char *
ids_of(struct fx *fx, const struct ix_entry *e, size_t n)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b, &fx->a);
	buf_add(&b, "", 0);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i > 0 ? " " : "", e[i].id);
	return b.data;
}

/* ids_of() for the ids given, in that order. */
static const char *
ids(struct fx *fx, const char *first, ...)
{
	struct buf	 b;
	va_list		 ap;
	const char	*s;

	buf_init(&b, &fx->a);
	buf_add(&b, "", 0);
	va_start(ap, first);
	for (s = first; s != NULL; s = va_arg(ap, const char *))
		buf_printf(&b, "%s%s", b.len > 0 ? " " : "", s);
	va_end(ap);
	return b.data;
}

/* The list for f at now, whole, as ids; *total the count. */
static const char *
list(struct fx *fx, const struct ix_filter *f, time_t now, size_t *total)
{
	struct ix_entry	 e[MAXE];
	size_t		 n, t;

	n = ix_list(get(fx), f, now, 0, MAXE, e, &t);
	assert_int_equal(n, t);
	if (total != NULL)
		*total = t;
	return ids_of(fx, e, n);
}

static const char *
search(struct fx *fx, const char *q, time_t now, size_t *total,
    size_t *nterms)
{
	struct ix_entry	 e[MAXE];
	char		 terms[IX_SEARCH_TERMS][SLUG_WORD_MAX + 1];
	size_t		 n, t, nt;
	struct arena	 a;
	const char	*s;

	arena_init(&a);
	n = ix_search(get(fx), &a, q, now, 0, MAXE, e, &t, terms, &nt);
	s = ids_of(fx, e, n);
	arena_free(&a);
	assert_int_equal(n, t);
	if (total != NULL)
		*total = t;
	if (nterms != NULL)
		*nterms = nt;
	return s;
}

/* Facet values with counts: "value=count ..." (names after ':' for t). */
struct facet_acc {
	struct buf	 b;
	int		 names;
};

static void
facet_cb(void *arg, const char *value, const char *name, size_t count)
{
	struct facet_acc	*fa = arg;

	buf_printf(&fa->b, "%s%s%s%s=%zu", fa->b.len > 0 ? " " : "", value,
	    fa->names ? ":" : "", fa->names ? name : "", count);
}

static const char *
facets(struct fx *fx, char facet, time_t now, int names)
{
	struct facet_acc	 fa;

	buf_init(&fa.b, &fx->a);
	buf_add(&fa.b, "", 0);
	fa.names = names;
	ix_facets(get(fx), facet, now, facet_cb, &fa);
	return fa.b.data;
}

static char *
index_path(struct fx *fx)
{
	return arena_printf(&fx->a, "%s/index/public", fx->dir);
}

static int
check(struct fx *fx, char *why, size_t len)
{
	why[0] = '\0';
	return ix_check(&fx->s, why, len);
}

/* ---- Tests ---------------------------------------------------------------- */

/*
 * Newest first by release date, then by publication time, whatever the
 * order of publication; pages of the list by offset; totals.
 */
static void
test_order_and_pages(void **state)
{
	struct fx	*fx = *state;
	struct ix_entry	 e[MAXE];
	const char	*id[25], *want;
	struct spec	 sp = { 0 };
	size_t		 n, total, i, nrec;
	char		 date[16], title[64], why[256];
	struct buf	 b;

	/*
	 * 25 releases: i has date 2024-01-(1 + i / 2), so pairs share a day;
	 * in a pair, the second is published earlier.  Published in a shuffled
	 * order.
	 */
	for (i = 0; i < 25; i++) {
		snprintf(date, sizeof(date), "2024-01-%02zu", 1 + i / 2);
		snprintf(title, sizeof(title), "Communiqué numéro %zu", i);
		sp.title = arena_strdup(&fx->a, title);
		sp.date = arena_strdup(&fx->a, date);
		id[i] = mk(fx, &sp);
	}
	for (i = 0; i < 25; i++) {
		size_t	 k = (i * 7) % 25;	/* 7 and 25: a permutation */

		publish(fx, id[k], fx->now - 10 * DAY + (time_t)(k / 2) * 100 -
		    (time_t)(k % 2) * 10);
	}
	/* Newest first: 24, then 22 before 23 (same day, 22 published later). */
	buf_init(&b, &fx->a);
	buf_add(&b, "", 0);
	buf_printf(&b, "%s", id[24]);
	for (i = 12; i-- > 0;)
		buf_printf(&b, " %s %s", id[2 * i], id[2 * i + 1]);
	want = b.data;
	assert_string_equal(list(fx, NULL, fx->now, &total), want);
	assert_int_equal(total, 25);

	/* Pages of 10: 10, 10, 5, then nothing; each the right slice. */
	n = ix_list(get(fx), NULL, fx->now, 0, 10, e, &total);
	assert_int_equal(n, 10);
	assert_int_equal(total, 25);
	assert_string_equal(e[0].id, id[24]);
	assert_int_equal(e[0].pos, 0);
	n = ix_list(get(fx), NULL, fx->now, 10, 10, e, &total);
	assert_int_equal(n, 10);
	assert_string_equal(e[0].id, id[15]);
	n = ix_list(get(fx), NULL, fx->now, 20, 10, e, &total);
	assert_int_equal(n, 5);
	assert_int_equal(total, 25);
	assert_string_equal(e[4].id, id[1]);
	n = ix_list(get(fx), NULL, fx->now, 25, 10, e, &total);
	assert_int_equal(n, 0);
	assert_int_equal(total, 25);
	n = ix_list(get(fx), NULL, fx->now, 1000000, 10, e, &total);
	assert_int_equal(n, 0);

	/* Fields of an entry. */
	n = ix_list(get(fx), NULL, fx->now, 0, 1, e, &total);
	assert_string_equal(e[0].title, "Communiqué numéro 24");
	assert_string_equal(e[0].date, "2024-01-13");
	assert_string_equal(e[0].lang, "fr");
	assert_string_equal(e[0].city, "Liège");
	assert_string_equal(e[0].permalink,
	    "2024/01/13/communique-numero-24");
	assert_string_equal(e[0].group, id[24]);
	assert_int_equal(e[0].rev, 1);

	/* A rebuild from the files gives the same list, and says how many. */
	assert_int_equal(ix_rebuild(&fx->s, &nrec), ERR_OK);
	assert_int_equal(nrec, 25);
	assert_string_equal(list(fx, NULL, fx->now, NULL), want);
	assert_int_equal(check(fx, why, sizeof(why)), 0);
}

/* Same date and same publication time: the id decides, newest first. */
static void
test_order_ties(void **state)
{
	struct fx	*fx = *state;
	struct spec	 sp = { "Égalité", "fr", "2023-05-05", NULL, NULL, NULL };
	const char	*a, *b, *c;

	a = mkpub(fx, &sp, fx->now - DAY);
	sp.title = "Égalité bis";
	b = mkpub(fx, &sp, fx->now - DAY);
	sp.title = "Égalité ter";
	sp.date = "2023-05-04";
	c = mkpub(fx, &sp, fx->now - 60);	/* later, but an older date */
	if (strcmp(a, b) > 0)
		assert_string_equal(list(fx, NULL, fx->now, NULL),
		    ids(fx, a, b, c, NULL));
	else
		assert_string_equal(list(fx, NULL, fx->now, NULL),
		    ids(fx, b, a, c, NULL));
}

/* Filters: language, topic slug, year, month and their combinations. */
static void
test_filters(void **state)
{
	struct fx	*fx = *state;
	struct ix_filter f;
	const char	*a, *b, *c, *d, *e;
	size_t		 total;
	struct spec	 sp = { 0 };

	sp = (struct spec){ "Énergie en mars", "fr", "2025-03-10",
	    "Énergie, Coopération", NULL, NULL };
	a = mkpub(fx, &sp, fx->now - 5 * DAY);
	sp = (struct spec){ "Energy in March", "en", "2025-03-11",
	    "Énergie", NULL, a };
	b = mkpub(fx, &sp, fx->now - 5 * DAY + 60);
	sp = (struct spec){ "Climat en avril", "fr", "2025-04-01",
	    " Climat ,Coopération", NULL, NULL };
	c = mkpub(fx, &sp, fx->now - 4 * DAY);
	sp = (struct spec){ "Énergie l’an passé", "fr", "2024-03-20",
	    "Énergie", NULL, NULL };
	d = mkpub(fx, &sp, fx->now - 3 * DAY);
	sp = (struct spec){ "Démocratie locale", "en", "2024-12-31",
	    "Démocratie locale", NULL, NULL };
	e = mkpub(fx, &sp, fx->now - 2 * DAY);

	assert_string_equal(list(fx, NULL, fx->now, &total),
	    ids(fx, c, b, a, e, d, NULL));
	memset(&f, 0, sizeof(f));
	f.lang = "fr";
	assert_string_equal(list(fx, &f, fx->now, &total),
	    ids(fx, c, a, d, NULL));
	assert_int_equal(total, 3);
	f.lang = "en";
	assert_string_equal(list(fx, &f, fx->now, NULL), ids(fx, b, e, NULL));
	f.lang = "de";
	assert_string_equal(list(fx, &f, fx->now, &total), "");
	assert_int_equal(total, 0);

	memset(&f, 0, sizeof(f));
	f.topic = "energie";
	assert_string_equal(list(fx, &f, fx->now, NULL),
	    ids(fx, b, a, d, NULL));
	f.topic = "cooperation";
	assert_string_equal(list(fx, &f, fx->now, NULL), ids(fx, c, a, NULL));
	f.topic = "climat";	/* written " Climat " */
	assert_string_equal(list(fx, &f, fx->now, NULL), ids(fx, c, NULL));
	f.topic = "democratie-locale";
	assert_string_equal(list(fx, &f, fx->now, NULL), ids(fx, e, NULL));
	f.topic = "Énergie";	/* only the slug names a topic */
	assert_string_equal(list(fx, &f, fx->now, &total), "");
	f.topic = "sante";
	assert_string_equal(list(fx, &f, fx->now, &total), "");
	assert_int_equal(total, 0);

	memset(&f, 0, sizeof(f));
	f.year = 2025;
	assert_string_equal(list(fx, &f, fx->now, NULL),
	    ids(fx, c, b, a, NULL));
	f.year = 2024;
	assert_string_equal(list(fx, &f, fx->now, NULL), ids(fx, e, d, NULL));
	f.year = 2025;
	f.month = 3;
	assert_string_equal(list(fx, &f, fx->now, NULL), ids(fx, b, a, NULL));
	f.month = 4;
	assert_string_equal(list(fx, &f, fx->now, NULL), ids(fx, c, NULL));
	f.month = 5;
	assert_string_equal(list(fx, &f, fx->now, &total), "");
	assert_int_equal(total, 0);
	f.year = 2023;
	f.month = 0;
	assert_string_equal(list(fx, &f, fx->now, NULL), "");

	/* Combinations, in every pairing. */
	memset(&f, 0, sizeof(f));
	f.lang = "fr";
	f.topic = "energie";
	assert_string_equal(list(fx, &f, fx->now, NULL), ids(fx, a, d, NULL));
	f.year = 2025;
	assert_string_equal(list(fx, &f, fx->now, NULL), ids(fx, a, NULL));
	f.month = 3;
	assert_string_equal(list(fx, &f, fx->now, NULL), ids(fx, a, NULL));
	f.month = 4;
	assert_string_equal(list(fx, &f, fx->now, NULL), "");
	memset(&f, 0, sizeof(f));
	f.lang = "en";
	f.year = 2024;
	f.month = 12;
	assert_string_equal(list(fx, &f, fx->now, NULL), ids(fx, e, NULL));
	memset(&f, 0, sizeof(f));
	f.topic = "energie";
	f.year = 2024;
	assert_string_equal(list(fx, &f, fx->now, NULL), ids(fx, d, NULL));
	f.year = 2025;
	f.month = 3;
	assert_string_equal(list(fx, &f, fx->now, NULL), ids(fx, b, a, NULL));
}

/* Facet counts add up, topics are named as the newest release writes them. */
static void
test_facets(void **state)
{
	struct fx	*fx = *state;
	struct spec	 sp = { 0 };

	sp = (struct spec){ "Un", "fr", "2025-03-10", "énergie", NULL, NULL };
	mkpub(fx, &sp, fx->now - 5 * DAY);
	sp = (struct spec){ "Deux", "en", "2025-03-11", "Énergie, Climat",
	    NULL, NULL };
	mkpub(fx, &sp, fx->now - 4 * DAY);
	sp = (struct spec){ "Trois", "fr", "2024-07-01", "Climat", NULL, NULL };
	mkpub(fx, &sp, fx->now - 3 * DAY);

	assert_string_equal(facets(fx, 'l', fx->now, 0), "en=1 fr=2");
	assert_string_equal(facets(fx, 'y', fx->now, 0), "2024=1 2025=2");
	assert_string_equal(facets(fx, 'm', fx->now, 0),
	    "2024-07=1 2025-03=2");
	/* "Énergie" (Deux, 2025-03-11) is newer than "énergie" (Un). */
	assert_string_equal(facets(fx, 't', fx->now, 1),
	    "climat:Climat=2 energie:Énergie=2");
}

/*
 * An embargoed release (publication time still to come) is in no list,
 * search, group or facet before its time, and in all of them after,
 * without any write; ix_by_id() finds it (the caller compares pub).
 */
static void
test_embargo(void **state)
{
	struct fx	*fx = *state;
	struct ix_entry	 e[MAXE], one;
	struct ix_filter f;
	struct spec	 sp = { 0 };
	const char	*a, *b, *c, *d, *emb, *tr;
	time_t		 T = fx->now + 1000, later = fx->now + 2000;
	size_t		 total, n;
	uint64_t	 gen;

	sp = (struct spec){ "Premier", "fr", "2025-01-05", "Budget", NULL,
	    NULL };
	a = mkpub(fx, &sp, fx->now - 9 * DAY);
	sp = (struct spec){ "Deuxième", "fr", "2025-01-04", "Budget", NULL,
	    NULL };
	b = mkpub(fx, &sp, fx->now - 8 * DAY);
	/* The embargoed one sits in the middle by its date. */
	sp = (struct spec){ "Sous embargo zorglub", "fr", "2025-01-03",
	    "Sujet secret, Budget", "Le mot zorglub est unique.", NULL };
	emb = mkpub(fx, &sp, T);
	sp = (struct spec){ "Troisième", "fr", "2025-01-02", "Budget", NULL,
	    NULL };
	c = mkpub(fx, &sp, fx->now - 7 * DAY);
	sp = (struct spec){ "Quatrième", "fr", "2025-01-01", "Budget", NULL,
	    NULL };
	d = mkpub(fx, &sp, fx->now - 6 * DAY);
	/* And an embargoed translation of a public release. */
	sp = (struct spec){ "Fourth, in English", "en", "2025-01-01",
	    "Budget", NULL, d };
	tr = mkpub(fx, &sp, T);

	/* Now: not there, and pages step over it. */
	assert_string_equal(list(fx, NULL, fx->now, &total),
	    ids(fx, a, b, c, d, NULL));
	assert_int_equal(total, 4);
	n = ix_list(get(fx), NULL, fx->now, 2, 2, e, &total);
	assert_int_equal(n, 2);
	assert_string_equal(ids_of(fx, e, n), ids(fx, c, d, NULL));
	n = ix_list(get(fx), NULL, fx->now, 1, 2, e, &total);
	assert_string_equal(ids_of(fx, e, n), ids(fx, b, c, NULL));
	memset(&f, 0, sizeof(f));
	f.topic = "budget";
	f.year = 2025;
	f.month = 1;
	assert_string_equal(list(fx, &f, fx->now, &total),
	    ids(fx, a, b, c, d, NULL));
	f.topic = "sujet-secret";
	f.year = f.month = 0;
	assert_string_equal(list(fx, &f, fx->now, &total), "");
	assert_int_equal(total, 0);
	f.topic = NULL;
	f.lang = "en";
	assert_string_equal(list(fx, &f, fx->now, &total), "");
	assert_string_equal(search(fx, "zorglub", fx->now, &total, NULL), "");
	assert_int_equal(total, 0);
	assert_string_equal(search(fx, "embargo", fx->now, &total, NULL), "");
	assert_int_equal(ix_group(get(fx), d, fx->now, e, MAXE), 1);
	assert_string_equal(e[0].id, d);
	assert_string_equal(facets(fx, 't', fx->now, 0), "budget=4");
	assert_string_equal(facets(fx, 'l', fx->now, 0), "fr=4");
	assert_string_equal(facets(fx, 'y', fx->now, 0), "2025=4");
	assert_int_equal(ix_next_change(get(fx), fx->now), T);
	assert_true(ix_last_change(get(fx), time(NULL)) <= time(NULL));
	assert_int_equal(ix_by_id(get(fx), emb, &one), 1);
	assert_int_equal(one.pub, T);
	assert_int_equal(ix_by_permalink(get(fx),
	    "2025/01/03/sous-embargo-zorglub", &one), 1);
	assert_string_equal(one.id, emb);

	/* At T - 1: still nothing; at T: everything (no write in between). */
	gen = ix_generation(get(fx));
	assert_string_equal(list(fx, NULL, T - 1, NULL),
	    ids(fx, a, b, c, d, NULL));
	assert_string_equal(list(fx, NULL, T, &total),
	    ids(fx, a, b, emb, c, tr, d, NULL));
	assert_int_equal(total, 6);
	assert_string_equal(list(fx, NULL, later, NULL),
	    ids(fx, a, b, emb, c, tr, d, NULL));
	f.lang = NULL;
	f.topic = "sujet-secret";
	assert_string_equal(list(fx, &f, T, NULL), ids(fx, emb, NULL));
	f.topic = NULL;
	f.lang = "en";
	assert_string_equal(list(fx, &f, T, NULL), ids(fx, tr, NULL));
	assert_string_equal(search(fx, "zorglub", T, &total, NULL),
	    ids(fx, emb, NULL));
	assert_int_equal(ix_group(get(fx), d, T, e, MAXE), 2);
	assert_string_equal(facets(fx, 't', T, 0), "budget=6 sujet-secret=1");
	assert_string_equal(facets(fx, 'l', T, 0), "en=1 fr=5");
	assert_int_equal(ix_next_change(get(fx), T), 0);
	assert_int_equal(ix_last_change(get(fx), later), T);
	assert_int_equal(ix_generation(get(fx)), gen);
}

/* Search: every word, folded; short words ignored; at most 8 words. */
static void
test_search(void **state)
{
	struct fx	*fx = *state;
	struct spec	 sp = { 0 };
	const char	*a, *b, *c;
	size_t		 total, nt;

	sp = (struct spec){ "Négociation d’adhésion", "fr", "2025-02-01",
	    "Élargissement", "Les NÉGOCIATIONS avancent à Bruxelles.", NULL };
	a = mkpub(fx, &sp, fx->now - 3 * DAY);
	sp = (struct spec){ "Accession negotiations", "en", "2025-02-02",
	    "Enlargement", "The negociation went on in Brussels.", a };
	b = mkpub(fx, &sp, fx->now - 2 * DAY);
	sp = (struct spec){ "Énergie à Liège", "fr", "2025-02-03", "Énergie",
	    "Une négociation sur l’énergie, à Liège.", NULL };
	c = mkpub(fx, &sp, fx->now - DAY);

	assert_string_equal(search(fx, "negociation", fx->now, &total, &nt),
	    ids(fx, c, b, a, NULL));
	assert_int_equal(total, 3);
	assert_int_equal(nt, 1);
	assert_string_equal(search(fx, "NÉGOCIATION", fx->now, NULL, NULL),
	    ids(fx, c, b, a, NULL));
	assert_string_equal(search(fx, "négociation", fx->now, NULL, NULL),
	    ids(fx, c, b, a, NULL));
	assert_string_equal(search(fx, "NeGoCiAtIoN", fx->now, NULL, NULL),
	    ids(fx, c, b, a, NULL));
	/* Words of the title, the lead, the body, the topics, the city. */
	assert_string_equal(search(fx, "adhesion", fx->now, NULL, NULL),
	    ids(fx, a, NULL));
	assert_string_equal(search(fx, "negociations", fx->now, NULL, NULL),
	    ids(fx, a, NULL));
	assert_string_equal(search(fx, "elargissement", fx->now, NULL, NULL),
	    ids(fx, a, NULL));
	assert_string_equal(search(fx, "liege", fx->now, NULL, NULL),
	    ids(fx, c, b, a, NULL));
	assert_string_equal(search(fx, "chapeau", fx->now, NULL, NULL),
	    ids(fx, c, b, a, NULL));
	/* AND of the words. */
	assert_string_equal(search(fx, "negociation bruxelles", fx->now,
	    &total, &nt), ids(fx, a, NULL));
	assert_int_equal(nt, 2);
	assert_string_equal(search(fx, "Énergie négociation", fx->now, NULL,
	    NULL), ids(fx, c, NULL));
	assert_string_equal(search(fx, "negociation zzyzx", fx->now, &total,
	    &nt), "");
	assert_int_equal(total, 0);
	assert_int_equal(nt, 2);
	/* Punctuation separates; the same word twice counts once. */
	assert_string_equal(search(fx, "«négociation»,négociation!", fx->now,
	    NULL, &nt), ids(fx, c, b, a, NULL));
	assert_int_equal(nt, 1);
	/* Words under two bytes are ignored, alone they are no query. */
	assert_string_equal(search(fx, "a d l negociation", fx->now, &total,
	    &nt), ids(fx, c, b, a, NULL));
	assert_int_equal(nt, 1);
	assert_string_equal(search(fx, "a à d’ l", fx->now, &total, &nt), "");
	assert_int_equal(nt, 0);
	assert_int_equal(total, 0);
	assert_string_equal(search(fx, "", fx->now, &total, &nt), "");
	assert_int_equal(nt, 0);
	assert_string_equal(search(fx, ".*[a-z]+?(|)^$\\{}%*?", fx->now,
	    &total, &nt), "");
	assert_int_equal(total, 0);
	/* At most eight words count: a ninth that matches nothing is dropped. */
	assert_string_equal(search(fx, "negociation liege chapeau de "
	    "communique du le presse zzyzx", fx->now, &total, &nt),
	    ids(fx, c, b, a, NULL));
	assert_int_equal(nt, IX_SEARCH_TERMS);
	/* Words that are only in the draft text are not found. */
	assert_string_equal(search(fx, "embargo", fx->now, &total, NULL), "");
}

/* Addresses: by permalink and by id; the same day and title get "-2". */
static void
test_by_permalink_and_id(void **state)
{
	struct fx	*fx = *state;
	struct ix_entry	 e;
	struct spec	 sp = { "Coopération : l’accord signé", "fr",
	    "2025-06-07", "Coopération", NULL, NULL };
	const char	*a, *b, *c;

	a = mkpub(fx, &sp, fx->now - 2 * DAY);
	b = mkpub(fx, &sp, fx->now - DAY);
	c = mkpub(fx, &sp, fx->now - 60);
	assert_int_equal(ix_by_permalink(get(fx),
	    "2025/06/07/cooperation-l-accord-signe", &e), 1);
	assert_string_equal(e.id, a);
	assert_int_equal(ix_by_permalink(get(fx),
	    "2025/06/07/cooperation-l-accord-signe-2", &e), 1);
	assert_string_equal(e.id, b);
	assert_int_equal(ix_by_permalink(get(fx),
	    "2025/06/07/cooperation-l-accord-signe-3", &e), 1);
	assert_string_equal(e.id, c);
	assert_int_equal(ix_by_id(get(fx), b, &e), 1);
	assert_string_equal(e.permalink,
	    "2025/06/07/cooperation-l-accord-signe-2");
	assert_string_equal(e.title, "Coopération : l’accord signé");
	assert_int_equal(ix_by_permalink(get(fx),
	    "2025/06/07/cooperation-l-accord", &e), 0);
	assert_int_equal(ix_by_permalink(get(fx),
	    "2025/06/08/cooperation-l-accord-signe", &e), 0);
	assert_int_equal(ix_by_permalink(get(fx), "", &e), 0);
	assert_int_equal(ix_by_id(get(fx), "20250101-00000000", &e), 0);
	assert_int_equal(ix_by_id(get(fx), "../../etc/passwd", &e), 0);
	/* The stored release keeps its address. */
	{
		struct release	 r;

		assert_int_equal(store_release_get(&fx->s, &fx->a, c, &r),
		    ERR_OK);
		assert_string_equal(r.permalink,
		    "2025/06/07/cooperation-l-accord-signe-3");
	}
}

/* Translation groups, a translation of a translation included. */
static void
test_group(void **state)
{
	struct fx	*fx = *state;
	struct ix_entry	 e[MAXE];
	struct spec	 sp = { 0 };
	const char	*fr, *en, *de, *other;
	size_t		 n;

	sp = (struct spec){ "Original", "fr", "2025-01-10", NULL, NULL, NULL };
	fr = mkpub(fx, &sp, fx->now - 3 * DAY);
	sp = (struct spec){ "Translation", "en", "2025-01-10", NULL, NULL, fr };
	en = mkpub(fx, &sp, fx->now - 2 * DAY);
	sp = (struct spec){ "Übersetzung", "en", "2025-01-10", NULL, NULL, en };
	de = mkpub(fx, &sp, fx->now - DAY);
	sp = (struct spec){ "Autre", "fr", "2025-01-11", NULL, NULL, NULL };
	other = mkpub(fx, &sp, fx->now - DAY);

	n = ix_group(get(fx), fr, fx->now, e, MAXE);
	assert_int_equal(n, 3);
	assert_true(strstr(ids_of(fx, e, n), fr) != NULL);
	assert_true(strstr(ids_of(fx, e, n), en) != NULL);
	assert_true(strstr(ids_of(fx, e, n), de) != NULL);
	assert_int_equal(ix_by_id(get(fx), de, e), 1);
	assert_string_equal(e[0].group, fr);
	assert_int_equal(ix_by_id(get(fx), en, e), 1);
	assert_string_equal(e[0].group, fr);
	assert_int_equal(ix_group(get(fx), other, fx->now, e, MAXE), 1);
	assert_int_equal(ix_group(get(fx), "20250101-00000000", fx->now, e,
	    MAXE), 0);
	assert_int_equal(ix_group(get(fx), "short", fx->now, e, MAXE), 0);
	/* Withdrawing one takes it out of the group. */
	set_state(fx, en, STATE_WITHDRAWN, 1);
	n = ix_group(get(fx), fr, fx->now, e, MAXE);
	assert_null(strstr(ids_of(fx, e, n), en));
	assert_non_null(strstr(ids_of(fx, e, n), fr));
	assert_non_null(strstr(ids_of(fx, e, n), de));
	/* The index is a cache: a rebuild from the files says the same. */
	assert_int_equal(ix_rebuild(&fx->s, &n), ERR_OK);
	assert_int_equal(n, 3);
	n = ix_group(get(fx), fr, fx->now, e, MAXE);
	assert_null(strstr(ids_of(fx, e, n), en));
	assert_non_null(strstr(ids_of(fx, e, n), fr));
	assert_non_null(strstr(ids_of(fx, e, n), de));
}

/* Withdrawing then ix_update() removes it everywhere; restoring is back. */
static void
test_withdraw(void **state)
{
	struct fx	*fx = *state;
	struct ix_entry	 e;
	struct spec	 sp = { 0 };
	const char	*a, *b;
	size_t		 total;
	char		 why[256];

	sp = (struct spec){ "Gardé", "fr", "2025-01-10", "Santé", NULL, NULL };
	a = mkpub(fx, &sp, fx->now - 3 * DAY);
	sp = (struct spec){ "Retiré quokka", "fr", "2025-01-11", "Jeunesse",
	    NULL, NULL };
	b = mkpub(fx, &sp, fx->now - 2 * DAY);
	assert_string_equal(list(fx, NULL, fx->now, NULL), ids(fx, b, a, NULL));

	set_state(fx, b, STATE_WITHDRAWN, 1);
	assert_string_equal(list(fx, NULL, fx->now, &total), ids(fx, a, NULL));
	assert_int_equal(total, 1);
	assert_int_equal(ix_by_id(get(fx), b, &e), 0);
	assert_int_equal(ix_by_permalink(get(fx), "2025/01/11/retire-quokka",
	    &e), 0);
	assert_string_equal(search(fx, "quokka", fx->now, NULL, NULL), "");
	assert_string_equal(facets(fx, 't', fx->now, 0), "sante=1");
	assert_int_equal(check(fx, why, sizeof(why)), 0);

	set_state(fx, b, STATE_PUBLISHED, 1);
	assert_string_equal(list(fx, NULL, fx->now, NULL), ids(fx, b, a, NULL));
	assert_int_equal(ix_by_permalink(get(fx), "2025/01/11/retire-quokka",
	    &e), 1);
	assert_string_equal(search(fx, "quokka", fx->now, NULL, NULL),
	    ids(fx, b, NULL));
}

/* Drafts and releases never published are not indexed. */
static void
test_unpublished_not_indexed(void **state)
{
	struct fx	*fx = *state;
	struct spec	 sp = { "Brouillon secret", "fr", "2025-01-10", NULL,
	    NULL, NULL };
	const char	*a, *draft;
	size_t		 total, n;
	char		 why[256];

	draft = mk(fx, &sp);
	sp.title = "Publié";
	a = mkpub(fx, &sp, fx->now - DAY);
	assert_int_equal(ix_update(&fx->s, draft), ERR_OK);
	assert_string_equal(list(fx, NULL, fx->now, &total), ids(fx, a, NULL));
	assert_string_equal(search(fx, "brouillon", fx->now, NULL, NULL), "");
	assert_int_equal(ix_rebuild(&fx->s, &n), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(check(fx, why, sizeof(why)), 0);
	assert_int_equal(ix_update(&fx->s, "not-an-id"), ERR_NOTFOUND);
}

/* Three small releases, published and indexed; their ids in v. */
static void
three(struct fx *fx, const char **v)
{
	struct spec	 sp = { 0 };

	sp = (struct spec){ "Alpha énergie", "fr", "2025-01-01", "Énergie",
	    NULL, NULL };
	v[2] = mkpub(fx, &sp, fx->now - 3 * DAY);
	sp = (struct spec){ "Beta énergie", "en", "2025-01-02", "Énergie",
	    NULL, NULL };
	v[1] = mkpub(fx, &sp, fx->now - 2 * DAY);
	sp = (struct spec){ "Gamma climat", "fr", "2025-01-03", "Climat",
	    NULL, NULL };
	v[0] = mkpub(fx, &sp, fx->now - DAY);
}

/* After repair: everything answers as before. */
static void
assert_three(struct fx *fx, const char **v)
{
	struct ix_filter f;
	struct ix_entry	 e;
	char		 why[256];

	assert_string_equal(list(fx, NULL, fx->now, NULL),
	    ids(fx, v[0], v[1], v[2], NULL));
	memset(&f, 0, sizeof(f));
	f.topic = "energie";
	assert_string_equal(list(fx, &f, fx->now, NULL),
	    ids(fx, v[1], v[2], NULL));
	assert_string_equal(search(fx, "ENERGIE", fx->now, NULL, NULL),
	    ids(fx, v[1], v[2], NULL));
	assert_int_equal(ix_by_permalink(get(fx), "2025/01/03/gamma-climat",
	    &e), 1);
	assert_string_equal(e.id, v[0]);
	assert_int_equal(check(fx, why, sizeof(why)), 0);
}

static off_t
file_size(const char *path)
{
	struct stat	 st;

	if (stat(path, &st) == -1)
		return -1;
	return st.st_size;
}

/* A missing index: ix_check says so; ix_get makes it again. */
static void
test_missing(void **state)
{
	struct fx	*fx = *state;
	const char	*v[3];
	char		 why[256];

	three(fx, v);
	assert_int_equal(check(fx, why, sizeof(why)), 0);
	assert_int_equal(unlink(index_path(fx)), 0);
	assert_int_equal(check(fx, why, sizeof(why)), 1);
	assert_non_null(strstr(why, "missing"));
	get(fx);
	assert_true(file_size(index_path(fx)) > 0);
	assert_three(fx, v);
}

/* An empty data directory: no index is not a problem. */
static void
test_empty(void **state)
{
	struct fx	*fx = *state;
	size_t		 total, n;
	char		 why[256];

	assert_int_equal(check(fx, why, sizeof(why)), 0);
	assert_string_equal(list(fx, NULL, fx->now, &total), "");
	assert_int_equal(total, 0);
	assert_string_equal(search(fx, "rien", fx->now, &total, NULL), "");
	assert_int_equal(ix_next_change(get(fx), fx->now), 0);
	assert_int_equal(ix_rebuild(&fx->s, &n), ERR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(check(fx, why, sizeof(why)), 0);
}

/* A truncated index (here, to half and to a few bytes) is rebuilt. */
static void
test_truncated(void **state)
{
	struct fx	*fx = *state;
	const char	*v[3];
	char		 why[256];
	off_t		 size;

	three(fx, v);
	size = file_size(index_path(fx));
	assert_true(size > 64);
	assert_int_equal(truncate(index_path(fx), size / 2), 0);
	assert_int_equal(check(fx, why, sizeof(why)), 1);
	assert_non_null(strstr(why, "damaged"));
	assert_three(fx, v);
	assert_int_equal(file_size(index_path(fx)), size);

	assert_int_equal(truncate(index_path(fx), 5), 0);
	assert_int_equal(check(fx, why, sizeof(why)), 1);
	assert_three(fx, v);
	assert_int_equal(truncate(index_path(fx), 0), 0);
	assert_int_equal(check(fx, why, sizeof(why)), 1);
	assert_three(fx, v);
}

/* Flip one byte at off (in place, as a disk error would). */
static void
flip(struct fx *fx, off_t off)
{
	unsigned char	 c;
	int		 fd;

	fd = open(index_path(fx), O_RDWR);
	assert_true(fd != -1);
	assert_int_equal(pread(fd, &c, 1, off), 1);
	c ^= 0x5a;
	assert_int_equal(pwrite(fd, &c, 1, off), 1);
	close(fd);
}

/* A byte changed anywhere (middle, head, end) is found and repaired. */
static void
test_flipped_byte(void **state)
{
	struct fx	*fx = *state;
	const char	*v[3];
	char		 why[256];
	off_t		 size, at[4];
	size_t		 i;

	three(fx, v);
	size = file_size(index_path(fx));
	at[0] = size / 2;
	at[1] = 20;		/* in the head: the size or the checksum */
	at[2] = size - 1;
	at[3] = size / 3;
	for (i = 0; i < 4; i++) {
		/*
		 * A disk error comes later than the write: let the clock move
		 * past the file's time stamp (ix_get() knows a file changed
		 * in place by its mtime).
		 */
		usleep(20000);
		flip(fx, at[i]);
		assert_int_equal(check(fx, why, sizeof(why)), 1);
		assert_non_null(strstr(why, "damaged"));
		assert_three(fx, v);
	}
}

/*
 * A writer that died between the release and the index left its mark:
 * ix_check() says the index is out of date, and the next ix_get()
 * applies the change and removes the mark.  (Marks are applied once they
 * are old enough not to belong to a writer still at work: this one is
 * dated two minutes back.)
 */
static void
test_pending_mark(void **state)
{
	struct fx	*fx = *state;
	struct timespec	 ts[2];
	const char	*v[3], *late, *mark;
	struct spec	 sp = { "Tardif wombat", "fr", "2025-01-04", NULL,
	    NULL, NULL };
	char		 why[256];
	struct stat	 st;

	three(fx, v);
	get(fx);
	late = mk(fx, &sp);
	publish_raw(fx, late, fx->now - 60);
	assert_int_equal(store_index_mark(&fx->s, late), ERR_OK);
	mark = arena_printf(&fx->a, "%s/index/pending/%s", fx->dir, late);
	assert_int_equal(stat(mark, &st), 0);
	ts[0].tv_sec = ts[1].tv_sec = fx->now - 120;
	ts[0].tv_nsec = ts[1].tv_nsec = 0;
	assert_int_equal(utimensat(AT_FDCWD, mark, ts, 0), 0);
	assert_int_equal(check(fx, why, sizeof(why)), 1);

	assert_string_equal(list(fx, NULL, fx->now, NULL),
	    ids(fx, late, v[0], v[1], v[2], NULL));
	assert_int_equal(stat(mark, &st), -1);
	assert_int_equal(errno, ENOENT);
	assert_string_equal(search(fx, "wombat", fx->now, NULL, NULL),
	    ids(fx, late, NULL));
	assert_int_equal(check(fx, why, sizeof(why)), 0);

	/* A withdrawal by hand, marked: gone at the next reading. */
	set_state(fx, v[0], STATE_WITHDRAWN, 0);
	assert_int_equal(check(fx, why, sizeof(why)), 1);
	assert_non_null(strstr(why, "out of date"));
	assert_int_equal(store_index_mark(&fx->s, v[0]), ERR_OK);
	mark = arena_printf(&fx->a, "%s/index/pending/%s", fx->dir, v[0]);
	assert_int_equal(utimensat(AT_FDCWD, mark, ts, 0), 0);
	assert_string_equal(list(fx, NULL, fx->now, NULL),
	    ids(fx, late, v[1], v[2], NULL));
	assert_int_equal(check(fx, why, sizeof(why)), 0);
}

/* A release changed behind the index's back: ix_check() tells. */
static void
test_check_out_of_date(void **state)
{
	struct fx	*fx = *state;
	const char	*v[3], *late;
	struct spec	 sp = { "Oublié", "fr", "2025-01-04", NULL, NULL, NULL };
	char		 why[256];
	size_t		 n;

	three(fx, v);
	assert_int_equal(check(fx, why, sizeof(why)), 0);
	late = mk(fx, &sp);
	publish_raw(fx, late, fx->now - 60);
	assert_int_equal(check(fx, why, sizeof(why)), 1);
	assert_true(why[0] != '\0');
	assert_int_equal(ix_rebuild(&fx->s, &n), ERR_OK);
	assert_int_equal(n, 4);
	assert_int_equal(check(fx, why, sizeof(why)), 0);
	/* An index with a record too many (its release withdrawn). */
	set_state(fx, late, STATE_WITHDRAWN, 0);
	assert_int_equal(check(fx, why, sizeof(why)), 1);
	assert_true(why[0] != '\0');
	assert_int_equal(ix_update(&fx->s, late), ERR_OK);
	assert_int_equal(check(fx, why, sizeof(why)), 0);
}

/*
 * The per-process mapping follows the file: a writer in "another
 * process" (here, a second store on the same directory) replaces it, and
 * the next ix_get() sees the new one.
 */
static void
test_mapping_follows_file(void **state)
{
	struct fx	*fx = *state;
	struct store	 s2;
	const char	*v[3];
	uint64_t	 g1;
	size_t		 total;

	three(fx, v);
	g1 = ix_generation(get(fx));
	assert_int_equal(store_open(&s2, fx->dir), ERR_OK);
	set_state(fx, v[0], STATE_WITHDRAWN, 0);
	assert_int_equal(ix_update(&s2, v[0]), ERR_OK);
	store_close(&s2);
	assert_true(ix_generation(get(fx)) > g1);
	assert_string_equal(list(fx, NULL, fx->now, &total),
	    ids(fx, v[1], v[2], NULL));
}

/* The index file's bytes, with what differs between two writes zeroed. */
static unsigned char *
index_bytes(struct fx *fx, size_t *len)
{
	FILE		*f;
	unsigned char	*p;
	long		 n;

	assert_non_null(f = fopen(index_path(fx), "rb"));
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	assert_true((n = ftell(f)) > 64);
	rewind(f);
	p = arena_alloc(&fx->a, (size_t)n);
	assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	/* The head (index.c): crc at 12, built at 24, generation at 32. */
	memset(p + 12, 0, 4);
	memset(p + 24, 0, 16);
	*len = (size_t)n;
	return p;
}

/* What updates made is byte for byte what a rebuild makes. */
static void
same_as_rebuild(struct fx *fx)
{
	unsigned char	*a, *b;
	size_t		 na, nb, n;
	char		 why[256];

	a = index_bytes(fx, &na);
	assert_int_equal(ix_rebuild(&fx->s, &n), ERR_OK);
	b = index_bytes(fx, &nb);
	assert_int_equal(na, nb);
	assert_memory_equal(a, b, na);
	assert_int_equal(check(fx, why, sizeof(why)), 0);
}

/*
 * An update copies the other releases from the old index with their
 * positions moved: after publications at the top, in the middle and at
 * the bottom, scheduled ones, withdrawals, restorations, corrections and
 * translations, the file is the one a rebuild from the release files
 * makes, word bitmaps included.
 */
static void
test_update_is_rebuild(void **state)
{
	struct fx	*fx = *state;
	struct spec	 sp = { 0 };
	const char	*id[90], *langs[] = { "fr", "en", "de" };
	const char	*topics[] = { "Énergie", "Santé, Culture", "Culture",
	    "Jeunesse, Énergie, Santé" };
	char		 title[64], date[16], body[128];
	unsigned	 r = 12345;
	size_t		 i, n = 0;

	store_bulk(&fx->s, 1);
	for (i = 0; i < 90; i++) {
		r = r * 1103515245u + 12345u;
		snprintf(title, sizeof(title), "Communiqué %zu quokka%u", i,
		    (r >> 16) % 7);
		snprintf(date, sizeof(date), "20%02u-%02u-%02u",
		    20 + (r >> 8) % 6, 1 + (r >> 4) % 12, 1 + (r >> 12) % 28);
		snprintf(body, sizeof(body), "Texte %s%s pour tous.",
		    (r >> 20) % 3 == 0 ? "rare " : "",
		    (r >> 22) % 2 == 0 ? "moitié" : "");
		sp = (struct spec){ arena_strdup(&fx->a, title),
		    langs[(r >> 10) % 3], arena_strdup(&fx->a, date),
		    topics[(r >> 14) % 4], arena_strdup(&fx->a, body),
		    i > 0 && i % 9 == 0 ? id[i - 1] : NULL };
		id[n] = mk(fx, &sp);
		/* Past, or ten days ahead for one in eight. */
		publish(fx, id[n], i % 8 == 7 ? fx->now + 10 * DAY :
		    fx->now - (time_t)(i + 1) * 3600);
		n++;
		if (i == 0 || i == 1 || i == 45 || i == 89)
			same_as_rebuild(fx);
	}
	/* Withdrawn: the newest, one in the middle, the oldest record. */
	set_state(fx, id[89], STATE_WITHDRAWN, 1);
	set_state(fx, id[40], STATE_WITHDRAWN, 1);
	set_state(fx, id[0], STATE_WITHDRAWN, 1);
	same_as_rebuild(fx);
	set_state(fx, id[40], STATE_PUBLISHED, 1);
	same_as_rebuild(fx);
	/* Published again (a correction): its record is replaced. */
	publish(fx, id[30], fx->now - 60);
	same_as_rebuild(fx);
	/* Every release withdrawn but one: keys whose releases all went. */
	for (i = 1; i < n; i++)
		if (i != 40)
			set_state(fx, id[i], STATE_WITHDRAWN, 1);
	same_as_rebuild(fx);
	set_state(fx, id[40], STATE_WITHDRAWN, 1);
	same_as_rebuild(fx);
	store_bulk(&fx->s, 0);
}

/*
 * Search over many records: words in most records are bitmaps, rare ones
 * lists; totals and pages across the 64-record words of a bitmap, and
 * embargoed records left out, all agree with the plain list.
 */
static void
test_search_many(void **state)
{
	struct fx	*fx = *state;
	struct spec	 sp = { 0 };
	struct ix_entry	 all[160], e[MAXE];
	char		 terms[IX_SEARCH_TERMS][SLUG_WORD_MAX + 1];
	char		 title[64], date[16];
	const char	*id[150], *want, *got;
	struct arena	 a;
	struct buf	 b;
	size_t		 i, k, n, total, got_total, nt, off;

	store_bulk(&fx->s, 1);
	for (i = 0; i < 150; i++) {
		snprintf(title, sizeof(title), "Numéro %zu%s%s", i,
		    i % 2 ? " impair" : "", i % 10 == 3 ? " dixième" : "");
		snprintf(date, sizeof(date), "2025-%02zu-%02zu", 1 + i / 28,
		    1 + i % 28);
		sp = (struct spec){ arena_strdup(&fx->a, title), "fr",
		    arena_strdup(&fx->a, date), "Énergie", NULL, NULL };
		id[i] = mk(fx, &sp);
		/* The ten newest are scheduled for tomorrow. */
		publish(fx, id[i], fx->now + (i >= 140 ? DAY : -DAY));
	}
	store_bulk(&fx->s, 0);
	n = ix_list(get(fx), NULL, fx->now, 0, 160, all, &total);
	assert_int_equal(n, 140);
	struct { const char *q; size_t mod, rem; } c[] = {
		{ "communique", 1, 0 },		/* every lead: a bitmap */
		{ "IMPAIR", 2, 1 },		/* half: a bitmap */
		{ "dixieme", 10, 3 },		/* one in ten: a list */
		{ "impair dixième", 10, 3 },	/* bitmap AND list */
		{ "communiqué impair", 2, 1 },	/* bitmap AND bitmap */
	};
	for (k = 0; k < sizeof(c) / sizeof(c[0]); k++)
		for (off = 0; off < 140; off += 37) {
			/* The expected page from the whole list. */
			buf_init(&b, &fx->a);
			buf_add(&b, "", 0);
			for (i = 0, total = 0; i < n; i++) {
				unsigned	 num;

				assert_int_equal(sscanf(all[i].title,
				    "Numéro %u", &num), 1);
				if (num % c[k].mod != c[k].rem)
					continue;
				if (total >= off && total < off + 20)
					buf_printf(&b, "%s%s", b.len > 0 ?
					    " " : "", all[i].id);
				total++;
			}
			want = b.data;
			arena_init(&a);
			i = ix_search(get(fx), &a, c[k].q, fx->now, off, 20, e,
			    &got_total, terms, &nt);
			got = ids_of(fx, e, i);
			arena_free(&a);
			assert_string_equal(got, want);
			assert_int_equal(got_total, total);
		}
	/* Totals, and tomorrow the scheduled ones are in. */
	arena_init(&a);
	(void)ix_search(get(fx), &a, "impair", fx->now, 0, MAXE, e, &total,
	    terms, &nt);
	assert_int_equal(total, 70);
	(void)ix_search(get(fx), &a, "impair", fx->now + 2 * DAY, 0, MAXE, e,
	    &total, terms, &nt);
	assert_int_equal(total, 75);
	(void)ix_search(get(fx), &a, "impair dixieme", fx->now, 0, MAXE, e,
	    &total, terms, &nt);
	assert_int_equal(total, 14);
	assert_int_equal(nt, 2);
	arena_free(&a);
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_order_and_pages),
		T(test_order_ties),
		T(test_filters),
		T(test_facets),
		T(test_embargo),
		T(test_search),
		T(test_by_permalink_and_id),
		T(test_group),
		T(test_withdraw),
		T(test_unpublished_not_indexed),
		T(test_missing),
		T(test_empty),
		T(test_truncated),
		T(test_flipped_byte),
		T(test_pending_mark),
		T(test_check_out_of_date),
		T(test_mapping_follows_file),
		T(test_update_is_rebuild),
		T(test_search_many),
	};

	return cmocka_run_group_tests_name("index", tests, NULL, NULL);
}
