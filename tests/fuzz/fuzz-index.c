/*
 * fuzz-index.c: libFuzzer harness for reading the public archive's index.
 *
 * The index is written by the programs themselves and checksummed, so a
 * damaged file is caught by its checksum; this harness goes past that
 * guard on purpose: it seals each input (ix_seal() sets its size and
 * checksum) before writing it as the index of a scratch data directory.
 * Whatever the bytes, ix_get() must either map them or rebuild, and every
 * query on what it maps must stay inside the mapping (ASan watches).
 * The seed corpus is tests/fuzz/corpus/index/ (small real indexes).
 */
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "index.h"
#include "store.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct store	 st;
static int		 ready;
static char		 dir[] = "/tmp/fuzz-index.XXXXXX";

static int
rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* The scratch data directory goes when the fuzzer exits. */
static void
cleanup(void)
{
	store_close(&st);
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void
facet(void *arg, const char *value, const char *name, size_t count)
{
	size_t	*n = arg;

	*n += strlen(value) + strlen(name) + count;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char			 terms[IX_SEARCH_TERMS][SLUG_WORD_MAX + 1];
	struct ix_filter	 f;
	struct ix_entry		 e[8], g[8];
	struct ix		*x;
	struct arena		 a;
	unsigned char		*buf;
	size_t			 total, nterms, n = 0, i, got;
	time_t			 now = 1795700000;

	if (!ready) {
		if (mkdtemp(dir) == NULL || store_open(&st, dir) != ERR_OK)
			abort();
		store_bulk(&st, 1);	/* no fsync per input */
		atexit(cleanup);
		ready = 1;
	}
	if ((buf = malloc(size + 1)) == NULL)
		abort();
	memcpy(buf, data, size);
	ix_seal(buf, size);
	if (store_index_replace(&st, "public", buf, size) != ERR_OK)
		abort();
	free(buf);
	if (ix_get(&st, &x) != ERR_OK)
		return 0;
	arena_init(&a);
	memset(&f, 0, sizeof(f));
	n += ix_list(x, NULL, now, 0, 8, e, &total);
	n += ix_list(x, NULL, now, 3, 8, e, &total);
	f.lang = "fr";
	n += ix_list(x, &f, now, 0, 8, e, &total);
	f.topic = "energie";
	f.year = 2026;
	f.month = 3;
	n += ix_list(x, &f, now, 1, 8, e, &total);
	got = ix_search(x, &a, "négociation Union", now, 0, 8, e, &total, terms,
	    &nterms);
	for (i = 0; i < got; i++)
		n += strlen(e[i].title) + strlen(e[i].permalink);
	got = ix_list(x, NULL, now, 0, 8, e, &total);
	for (i = 0; i < got; i++)
		n += ix_group(x, e[i].group, now, g, 8) + strlen(e[i].lead);
	(void)ix_by_permalink(x, "2026/03/14/a", &e[0]);
	(void)ix_by_id(x, "20260314-deadbeef", &e[0]);
	ix_facets(x, 'y', now, facet, &n);
	ix_facets(x, 't', now, facet, &n);
	ix_facets(x, 'l', now, facet, &n);
	ix_facets(x, 'm', now, facet, &n);
	n += (size_t)ix_next_change(x, now) + (size_t)ix_last_change(x, now);
	arena_free(&a);
	return n == (size_t)-1;
}
