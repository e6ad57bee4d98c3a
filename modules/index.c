/*
 * index.c: the public archive's index (see index.h for what it is).
 *
 * The file, native byte order (the data directory is not shared between
 * machines; the header says which order, and a mismatch is damage):
 *
 *	head				magic, sizes, offsets, CRC-32 of the rest
 *	rec[nrec]			newest first: times, revision, strings
 *	key[nkey]			sorted by name
 *	sched[nsched]			positions whose time was still to come
 *	strings				NUL-terminated: record fields, key names
 *	postings			per key: positions, ascending
 *
 * A key's positions are an array of uint32 (so page 1,000 of a list is a
 * seek), except for words ("w:" keys), always read whole: varint deltas,
 * or a bitmap of nrec bits for a word in one record in eight or more, so
 * that searching a common word ANDs a few thousand 64-bit words at
 * 100,000 releases instead of decoding a list as long as the archive.
 *
 * write_index() makes the file from the old one (none for a rebuild) and
 * "docs", the releases to add, each with the ids of its words: records
 * and postings of the old file are copied with their positions moved,
 * so publishing one release costs a copy of the file, never a reading of
 * the other releases' files, and a rebuild and an update are one code.
 */
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "index.h"
#include "release.h"
#include "slug.h"

#define IX_FILE		"public"
#define IX_MAGIC	"PRIDX\0\0\4"
#define IX_ENDIAN	0x01020304u
#define IX_PENDING_MAX	64		/* marks applied per request */
#define IX_PENDING_AGE	60		/* seconds before a mark is orphaned */
#define SLUG_MAX	80		/* bytes of a permalink's name */
#define TOPICS_MAX	8		/* topics of a release indexed */
#define IX_GROUP_DEPTH	8		/* translations of translations */

enum { F_ID, F_DATE, F_LANG, F_LINK, F_TITLE, F_SUBTITLE, F_TOPICS,
	F_LEAD, F_GROUP, F_CITY, F__COUNT };

struct head {
	char		 magic[8];
	uint32_t	 endian;
	uint32_t	 crc;		/* of the bytes after the head */
	uint64_t	 size;		/* of the whole file */
	int64_t		 built;
	uint64_t	 gen;
	uint32_t	 nrec, nkey, nsched, pad;
	uint64_t	 off_rec, off_key, off_sched, off_str, len_str, off_post;
};

struct rec {
	int64_t		 pub, first, updated;
	uint32_t	 str;		/* offset of the fields in strings */
	uint32_t	 rev;
};

enum { K_ARRAY, K_VARINT, K_BITMAP };	/* how a key's positions are kept */

struct key {
	uint32_t	 name;		/* offset in strings */
	uint32_t	 count;
	uint64_t	 off;		/* of the postings, in the file */
	uint32_t	 len;		/* bytes */
	uint32_t	 kind;		/* K_*: only words are not K_ARRAY */
};

/* Words of a bitmap of n bits. */
#define BM_WORDS(n)	(((size_t)(n) + 63) / 64)

struct ix {
	const unsigned char	*map;
	size_t			 size;
	const struct head	*h;
	const struct rec	*rec;
	const struct key	*key;
	const uint32_t		*sched;
	const char		*str;
	dev_t			 dev;
	ino_t			 ino;
	struct timespec		 mtime;
};

static struct ix	 current;	/* one mapping per process */

static void	*xrealloc(void *, size_t, size_t);

/* ---- Reading ---------------------------------------------------------- */

/* A bitmap key: nrec bits exactly, count of them set, aligned. */
static int
bitmap_sound(const struct ix *x, const struct key *k)
{
	const uint64_t	*bm;
	size_t		 nw = BM_WORDS(x->h->nrec), i;
	uint64_t	 set = 0;

	if (k->off % 8 != 0 || k->len != nw * 8 || nw == 0)
		return 0;
	bm = (const uint64_t *)(x->map + k->off);
	if (x->h->nrec % 64 != 0 &&
	    (bm[nw - 1] >> (x->h->nrec % 64)) != 0)
		return 0;	/* a bit past the last record */
	for (i = 0; i < nw; i++)
		set += (uint64_t)__builtin_popcountll(bm[i]);
	return set == k->count;
}

static int
validate(const struct ix *x)
{
	const struct head	*h = x->h;
	uint64_t		 i, n;
	uLong			 crc;

	if (x->size < sizeof(*h) || memcmp(h->magic, IX_MAGIC, 8) != 0 ||
	    h->endian != IX_ENDIAN || h->size != x->size)
		return 0;
	/* map_fd() checked that each offset is inside: no sum overflows. */
	if ((uint64_t)h->nrec * sizeof(struct rec) > x->size - h->off_rec ||
	    (uint64_t)h->nkey * sizeof(struct key) > x->size - h->off_key ||
	    (uint64_t)h->nsched * 4 > x->size - h->off_sched ||
	    h->len_str > x->size - h->off_str || h->len_str == 0 ||
	    h->off_rec % 8 != 0 || h->off_key % 8 != 0 ||
	    h->off_sched % 4 != 0 || h->off_post > x->size ||
	    x->map[h->off_str + h->len_str - 1] != '\0')
		return 0;
	crc = crc32(0L, Z_NULL, 0);
	for (i = sizeof(*h); i < x->size; i += n) {
		n = x->size - i > (1u << 30) ? (1u << 30) : x->size - i;
		crc = crc32(crc, x->map + i, (uInt)n);
	}
	if ((uint32_t)crc != h->crc)
		return 0;
	for (i = 0; i < h->nrec; i++)
		if (x->rec[i].str >= h->len_str)
			return 0;
	for (i = 0; i < h->nsched; i++)
		if (x->sched[i] >= h->nrec)
			return 0;
	for (i = 0; i < h->nkey; i++) {
		const struct key	*k = &x->key[i];

		if (k->name >= h->len_str || k->off > x->size ||
		    k->len > x->size - k->off || k->off < h->off_post)
			return 0;
		if (k->count > h->nrec)
			return 0;	/* a position per record at most */
		if (k->kind != K_ARRAY &&
		    strncmp(x->str + k->name, "w:", 2) != 0)
			return 0;	/* readers of other keys index arrays */
		switch (k->kind) {
		case K_VARINT:
			/* A byte each at least; cur_next() clamps values. */
			if (k->count > k->len)
				return 0;
			continue;
		case K_BITMAP:
			if (!bitmap_sound(x, k))
				return 0;
			continue;
		case K_ARRAY:
			break;
		default:
			return 0;
		}
		if (k->len != (uint64_t)k->count * 4 || k->off % 4 != 0)
			return 0;
		/* Every position names a record: readers index with them. */
		for (n = 0; n < k->count; n++)
			if (((const uint32_t *)(x->map + k->off))[n] >= h->nrec)
				return 0;
	}
	return 1;
}

static void
unmap(struct ix *x)
{
	if (x->map != NULL)
		munmap((void *)x->map, x->size);
	memset(x, 0, sizeof(*x));
}

/* Map the file open as fd into x; 1 if it is sound. */
static int
map_fd(struct ix *x, int fd, const struct stat *st)
{
	void	*p;

	memset(x, 0, sizeof(*x));
	if (st->st_size < (off_t)sizeof(struct head))
		return 0;
	p = mmap(NULL, (size_t)st->st_size, PROT_READ, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		return 0;
	x->map = p;
	x->size = (size_t)st->st_size;
	x->h = p;
	/* Offsets first: no pointer is made from one out of the file. */
	if (x->h->off_rec > x->size || x->h->off_key > x->size ||
	    x->h->off_sched > x->size || x->h->off_str > x->size) {
		unmap(x);
		return 0;
	}
	x->rec = (const struct rec *)(x->map + x->h->off_rec);
	x->key = (const struct key *)(x->map + x->h->off_key);
	x->sched = (const uint32_t *)(x->map + x->h->off_sched);
	x->str = (const char *)x->map + x->h->off_str;
	x->dev = st->st_dev;
	x->ino = st->st_ino;
	x->mtime = st->st_mtim;
	if (!validate(x)) {
		unmap(x);
		return 0;
	}
	return 1;
}

/* Field k of record pos. */
static const char *
field(const struct ix *x, size_t pos, int k)
{
	const char	*p = x->str + x->rec[pos].str;
	const char	*end = x->str + x->h->len_str;

	while (k-- > 0 && p < end)
		p += strlen(p) + 1;
	return p < end ? p : "";
}

static void
entry(const struct ix *x, size_t pos, struct ix_entry *e)
{
	const struct rec	*r = &x->rec[pos];

	e->pos = pos;
	e->id = field(x, pos, F_ID);
	e->date = field(x, pos, F_DATE);
	e->lang = field(x, pos, F_LANG);
	e->permalink = field(x, pos, F_LINK);
	e->title = field(x, pos, F_TITLE);
	e->subtitle = field(x, pos, F_SUBTITLE);
	e->topics = field(x, pos, F_TOPICS);
	e->lead = field(x, pos, F_LEAD);
	e->group = field(x, pos, F_GROUP);
	e->city = field(x, pos, F_CITY);
	e->rev = r->rev;
	e->pub = (time_t)r->pub;
	e->first = (time_t)r->first;
	e->updated = (time_t)r->updated;
}

static const struct key *
find_key(const struct ix *x, const char *name)
{
	size_t	 lo = 0, hi = x->h->nkey, mid;
	int	 c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(x->str + x->key[mid].name, name);
		if (c == 0)
			return &x->key[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static const uint32_t *
postings(const struct ix *x, const struct key *k)
{
	return (const uint32_t *)(x->map + k->off);
}

/* Index in v[0..n) of the first value >= p. */
static size_t
lower_bound(const uint32_t *v, size_t n, uint32_t p)
{
	size_t	 lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (v[mid] < p)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * The indices in a list (v, or 0..n-1 if v is NULL) of the records not
 * visible at now, ascending, into hid (at most x->h->nsched of them).
 */
static size_t
hidden(const struct ix *x, const uint32_t *v, size_t n, time_t now,
    size_t *hid)
{
	size_t	 i, j, k = 0;
	uint32_t p;

	for (i = 0; i < x->h->nsched; i++) {
		p = x->sched[i];
		if (x->rec[p].pub <= (int64_t)now)
			continue;
		if (v == NULL)
			hid[k++] = p;
		else if ((j = lower_bound(v, n, p)) < n && v[j] == p)
			hid[k++] = j;
	}
	/* sched is ascending, and so are indices found from it. */
	return k;
}

/*
 * The key of a filtered list: "l:fr", "t:energie", "y:2026", "m:2026-03"
 * alone, and combinations under their own prefix, "c:l:fr|m:2026-03", so
 * that the keys of one facet are together (ix_facets() walks them).
 */
static const char *
filter_key(struct arena *a, const struct ix_filter *f)
{
	struct buf	 b;
	int		 parts;

	parts = (f->lang != NULL) + (f->topic != NULL) + (f->year > 0);
	buf_init(&b, a);
	buf_add(&b, "", 0);
	if (parts > 1)
		buf_puts(&b, "c:");
	if (f->lang != NULL)
		buf_printf(&b, "l:%s", f->lang);
	if (f->topic != NULL)
		buf_printf(&b, "%st:%s", f->lang != NULL ? "|" : "", f->topic);
	if (f->year > 0 && f->month > 0)
		buf_printf(&b, "%sm:%04d-%02d", parts > 1 ? "|" : "", f->year,
		    f->month);
	else if (f->year > 0)
		buf_printf(&b, "%sy:%04d", parts > 1 ? "|" : "", f->year);
	return b.data;
}

/* Fill out from the visible members of list v (n long) from off. */
static size_t
page(const struct ix *x, const uint32_t *v, size_t n, time_t now,
    size_t off, size_t want, struct ix_entry *out, size_t *total)
{
	size_t	*hid;
	size_t	 nh, i, h, got = 0;

	hid = xrealloc(NULL, x->h->nsched + 1, sizeof(*hid));
	nh = hidden(x, v, n, now, hid);
	*total = n - nh;
	if (off >= *total) {
		free(hid);
		return 0;
	}
	/* The off-th visible one: step over the hidden at or before it. */
	i = off;
	for (h = 0; h < nh && hid[h] <= i; h++)
		i++;
	for (; i < n && got < want; i++) {
		if (h < nh && hid[h] == i) {
			h++;
			continue;
		}
		entry(x, v == NULL ? i : v[i], &out[got++]);
	}
	free(hid);
	return got;
}

size_t
ix_list(const struct ix *x, const struct ix_filter *f, time_t now,
    size_t off, size_t n, struct ix_entry *out, size_t *total)
{
	const struct key	*k;
	struct arena		 a;
	const char		*name;
	size_t			 got;

	*total = 0;
	if (f == NULL || (f->lang == NULL && f->topic == NULL && f->year == 0))
		return page(x, NULL, x->h->nrec, now, off, n, out, total);
	arena_init(&a);
	name = filter_key(&a, f);
	k = find_key(x, name);
	arena_free(&a);
	if (k == NULL)
		return 0;
	got = page(x, postings(x, k), k->count, now, off, n, out, total);
	return got;
}

size_t
ix_count(const struct ix *x, const struct ix_filter *f, time_t now)
{
	struct ix_entry	 e;
	size_t		 total;

	(void)ix_list(x, f, now, 0, 0, &e, &total);
	return total;
}

static int
one(const struct ix *x, const char *prefix, const char *v,
    struct ix_entry *e)
{
	const struct key	*k;
	char			 name[512];
	size_t			 lp = strlen(prefix), lv = strlen(v);

	if (lp + lv >= sizeof(name))
		return 0;
	memcpy(name, prefix, lp);
	memcpy(name + lp, v, lv + 1);
	if ((k = find_key(x, name)) == NULL || k->count == 0)
		return 0;
	entry(x, postings(x, k)[0], e);
	return 1;
}

int
ix_by_id(const struct ix *x, const char *id, struct ix_entry *e)
{
	return one(x, "i:", id, e);
}

int
ix_by_permalink(const struct ix *x, const char *path, struct ix_entry *e)
{
	return one(x, "s:", path, e);
}

size_t
ix_group(const struct ix *x, const char *group, time_t now,
    struct ix_entry *out, size_t max)
{
	const struct key	*k;
	const uint32_t		*v;
	char			 name[RELEASE_ID_LEN + 3];
	size_t			 i, got = 0;

	if (strlen(group) != RELEASE_ID_LEN)
		return 0;
	snprintf(name, sizeof(name), "g:%s", group);
	if ((k = find_key(x, name)) == NULL)
		return 0;
	v = postings(x, k);
	for (i = 0; i < k->count && got < max; i++)
		if (x->rec[v[i]].pub <= (int64_t)now)
			entry(x, v[i], &out[got++]);
	return got;
}

/* Reads the positions of any key in order, whatever their kind. */
struct cur {
	const unsigned char	*p, *end;	/* K_VARINT, K_ARRAY */
	const uint64_t		*bm;		/* K_BITMAP */
	uint64_t		 bits;		/* of bm[w] not read yet */
	size_t			 w, nw, i, n;
	uint32_t		 last, nrec, kind;
};

static void
cur_init(struct cur *c, const struct ix *x, const struct key *k)
{
	memset(c, 0, sizeof(*c));
	c->p = x->map + k->off;
	c->end = c->p + k->len;
	c->n = k->count;
	c->nrec = x->h->nrec;
	c->kind = k->kind;
	if (c->kind == K_BITMAP) {
		c->bm = (const uint64_t *)c->p;
		c->nw = BM_WORDS(c->nrec);
		c->bits = c->bm[0];
	}
}

/* The next position into *pos; 0 at the end. */
static int
cur_next(struct cur *c, uint32_t *pos)
{
	uint32_t	 d = 0;
	int		 shift;

	if (c->kind == K_BITMAP) {
		while (c->bits == 0) {
			if (++c->w >= c->nw)
				return 0;
			c->bits = c->bm[c->w];
		}
		*pos = (uint32_t)(c->w * 64) +
		    (uint32_t)__builtin_ctzll(c->bits);
		c->bits &= c->bits - 1;
		return 1;
	}
	if (c->i >= c->n)
		return 0;
	if (c->kind == K_ARRAY) {
		memcpy(pos, c->p + c->i++ * 4, 4);
		return 1;
	}
	for (shift = 0; c->p < c->end && shift < 35; shift += 7) {
		d |= (uint32_t)(*c->p & 0x7F) << shift;
		if (!(*c->p++ & 0x80))
			break;
	}
	c->last = c->i++ == 0 ? d : c->last + d;
	/* validate() cannot afford to decode: a forged list is clamped. */
	*pos = c->last < c->nrec ? c->last : c->nrec - 1;
	return 1;
}

/* The positions of key k as a bitmap of nrec bits, into bm. */
static void
key_bits(const struct ix *x, const struct key *k, uint64_t *bm)
{
	struct cur	 c;
	uint32_t	 p;

	if (k->kind == K_BITMAP) {
		memcpy(bm, x->map + k->off, BM_WORDS(x->h->nrec) * 8);
		return;
	}
	memset(bm, 0, BM_WORDS(x->h->nrec) * 8);
	for (cur_init(&c, x, k); cur_next(&c, &p);)
		bm[p / 64] |= (uint64_t)1 << (p % 64);
}

size_t
ix_search(const struct ix *x, struct arena *a, const char *q, time_t now,
    size_t off, size_t n, struct ix_entry *out, size_t *total,
    char (*terms)[SLUG_WORD_MAX + 1], size_t *nterms)
{
	const struct key	*k[IX_SEARCH_TERMS];
	uint64_t		*hit, *bm, bits;
	char			 w[SLUG_WORD_MAX + 1], name[SLUG_WORD_MAX + 3];
	size_t			 pos = 0, s, e, nw, i, t, c, got = 0;
	uint32_t		 p;

	*total = 0;
	*nterms = 0;
	while (*nterms < IX_SEARCH_TERMS &&
	    slug_word(q, strlen(q), &pos, &s, &e, w)) {
		if (strlen(w) < 2)
			continue;
		for (t = 0; t < *nterms; t++)
			if (strcmp(terms[t], w) == 0)
				break;
		if (t == *nterms)
			memcpy(terms[(*nterms)++], w, sizeof(w));
	}
	if (*nterms == 0 || (nw = BM_WORDS(x->h->nrec)) == 0)
		return 0;
	for (t = 0; t < *nterms; t++) {
		snprintf(name, sizeof(name), "w:%s", terms[t]);
		if ((k[t] = find_key(x, name)) == NULL)
			return 0;
	}
	/* AND the terms' bitmaps, then drop what is not public yet. */
	hit = arena_alloc(a, nw * 8);
	bm = arena_alloc(a, nw * 8);
	key_bits(x, k[0], hit);
	for (t = 1; t < *nterms; t++) {
		key_bits(x, k[t], bm);
		for (i = 0; i < nw; i++)
			hit[i] &= bm[i];
	}
	for (i = 0; i < x->h->nsched; i++) {
		p = x->sched[i];
		if (x->rec[p].pub > (int64_t)now)
			hit[p / 64] &= ~((uint64_t)1 << (p % 64));
	}
	for (i = 0; i < nw; i++)
		*total += (size_t)__builtin_popcountll(hit[i]);
	/* Newest first is position order: skip off, take n. */
	for (i = 0; i < nw && got < n; i++) {
		bits = hit[i];
		if ((c = (size_t)__builtin_popcountll(bits)) <= off) {
			off -= c;
			continue;
		}
		for (; bits != 0 && got < n; bits &= bits - 1) {
			if (off > 0) {
				off--;
				continue;
			}
			entry(x, i * 64 + (size_t)__builtin_ctzll(bits),
			    &out[got++]);
		}
	}
	return got;
}

void
ix_facets(const struct ix *x, char facet, time_t now,
    void (*fn)(void *, const char *, const char *, size_t), void *arg)
{
	const struct key	*k;
	struct arena		 a;
	struct ix_entry		 e;
	char			 prefix[3] = { facet, ':', '\0' };
	const char		*name, *value, *p;
	const char		*topics[RELEASE_TOPICS_MAX];
	size_t			 lo = 0, hi = x->h->nkey, mid, i, nh, vis;
	size_t			 nt, t;
	size_t			*hid;

	/* The first key of the prefix, then each while it lasts. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(x->str + x->key[mid].name, prefix) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	arena_init(&a);
	hid = xrealloc(NULL, x->h->nsched + 1, sizeof(*hid));
	for (i = lo; i < x->h->nkey; i++) {
		k = &x->key[i];
		name = x->str + k->name;
		if (strncmp(name, prefix, 2) != 0)
			break;
		if (strchr(name, '|') != NULL)
			continue;
		value = name + 2;
		nh = hidden(x, postings(x, k), k->count, now, hid);
		if ((vis = k->count - nh) == 0)
			continue;
		p = value;
		if (facet == 't') {
			/* The topic as the newest visible release wrote it. */
			size_t	 j, h = 0, at = 0;

			for (j = 0; j < k->count; j++) {
				if (h < nh && hid[h] == j) {
					h++;
					continue;
				}
				at = j;
				break;
			}
			entry(x, postings(x, k)[at], &e);
			nt = release_topics(&a, e.topics, topics,
			    RELEASE_TOPICS_MAX);
			for (p = value, t = 0; t < nt; t++)
				if (strcmp(ix_topic_slug(&a, topics[t]),
				    value) == 0) {
					p = topics[t];
					break;
				}
		}
		fn(arg, value, p, vis);
		arena_reset(&a);
	}
	free(hid);
	arena_free(&a);
}

time_t
ix_next_change(const struct ix *x, time_t now)
{
	time_t	 t = 0;
	size_t	 i;

	for (i = 0; i < x->h->nsched; i++)
		if (x->rec[x->sched[i]].pub > (int64_t)now &&
		    (t == 0 || x->rec[x->sched[i]].pub < (int64_t)t))
			t = (time_t)x->rec[x->sched[i]].pub;
	return t;
}

time_t
ix_last_change(const struct ix *x, time_t now)
{
	time_t	 t = (time_t)x->h->built;
	size_t	 i;

	for (i = 0; i < x->h->nsched; i++)
		if (x->rec[x->sched[i]].pub <= (int64_t)now &&
		    x->rec[x->sched[i]].pub > (int64_t)t)
			t = (time_t)x->rec[x->sched[i]].pub;
	return t;
}

time_t
ix_built(const struct ix *x)
{
	return (time_t)x->h->built;
}

uint64_t
ix_generation(const struct ix *x)
{
	return x->h->gen;
}

char *
ix_topic_slug(struct arena *a, const char *topic)
{
	const char	*p = topic + strspn(topic, " ");

	return slug_make(a, p, LIM_TOPIC_MAX);
}

/* ---- Building --------------------------------------------------------- */

/* A string-keyed hash table of growable uint32 lists or word ids. */
struct slot {
	char		*name;
	uint32_t	*v;
	size_t		 n, cap;
	uint32_t	 id;		/* words: their number */
};

struct table {
	struct slot	*s;
	size_t		 cap, n;
};

static void *
xrealloc(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		abort();
	if ((p = realloc(p, n * size == 0 ? 1 : n * size)) == NULL)
		abort();
	return p;
}

static void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if ((p = calloc(n == 0 ? 1 : n, size == 0 ? 1 : size)) == NULL)
		abort();
	return p;
}

static char *
xstrdup(const char *s)
{
	char	*p;

	if ((p = strdup(s)) == NULL)
		abort();
	return p;
}

static uint64_t
hash(const char *s)
{
	uint64_t	 h = 1469598103934665603ull;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h;
}

static struct slot *
table_get(struct table *t, const char *name)
{
	struct slot	*old;
	size_t		 i, oldcap;

	if (t->n * 2 >= t->cap) {
		old = t->s;
		oldcap = t->cap;
		t->cap = t->cap == 0 ? 1024 : t->cap * 2;
		if ((t->s = calloc(t->cap, sizeof(*t->s))) == NULL)
			abort();
		for (i = 0; i < oldcap; i++)
			if (old[i].name != NULL) {
				size_t	 j = hash(old[i].name) & (t->cap - 1);

				while (t->s[j].name != NULL)
					j = (j + 1) & (t->cap - 1);
				t->s[j] = old[i];
			}
		free(old);
	}
	for (i = hash(name) & (t->cap - 1); t->s[i].name != NULL;
	    i = (i + 1) & (t->cap - 1))
		if (strcmp(t->s[i].name, name) == 0)
			return &t->s[i];
	t->s[i].name = xstrdup(name);
	t->s[i].id = (uint32_t)t->n++;
	return &t->s[i];
}

static void
slot_add(struct slot *s, uint32_t p)
{
	if (s->n > 0 && s->v[s->n - 1] == p)
		return;
	if (s->n == s->cap) {
		s->cap = s->cap == 0 ? 4 : s->cap * 2;
		s->v = xrealloc(s->v, s->cap, sizeof(*s->v));
	}
	s->v[s->n++] = p;
}

static void
table_free(struct table *t)
{
	size_t	 i;

	for (i = 0; i < t->cap; i++) {
		free(t->s[i].name);
		free(t->s[i].v);
	}
	free(t->s);
	memset(t, 0, sizeof(*t));
}

/* One release being indexed. */
struct doc {
	int64_t		 pub, first, updated;
	uint32_t	 rev;
	char		*f[F__COUNT];	/* malloc'd */
	char		*translation_of;
	uint32_t	*words;		/* ids in the vocabulary */
	size_t		 nwords;
};

struct docs {
	struct doc	*v;
	size_t		 n, cap;
	struct table	 vocab;		/* word -> id */
	char		**names;	/* id -> word, borrowed from vocab */
	size_t		 nnames, capnames;
};

static void
doc_free(struct doc *d)
{
	int	 i;

	for (i = 0; i < F__COUNT; i++)
		free(d->f[i]);
	free(d->translation_of);
	free(d->words);
	memset(d, 0, sizeof(*d));
}

static void
docs_free(struct docs *ds)
{
	size_t	 i;

	for (i = 0; i < ds->n; i++)
		doc_free(&ds->v[i]);
	free(ds->v);
	free(ds->names);
	table_free(&ds->vocab);
	memset(ds, 0, sizeof(*ds));
}

static struct doc *
docs_add(struct docs *ds)
{
	if (ds->n == ds->cap) {
		ds->cap = ds->cap == 0 ? 256 : ds->cap * 2;
		ds->v = xrealloc(ds->v, ds->cap, sizeof(*ds->v));
	}
	memset(&ds->v[ds->n], 0, sizeof(ds->v[0]));
	return &ds->v[ds->n++];
}

static uint32_t
word_id(struct docs *ds, const char *w)
{
	struct slot	*s;
	size_t		 before = ds->vocab.n;

	s = table_get(&ds->vocab, w);
	if (ds->vocab.n != before) {
		if (ds->nnames == ds->capnames) {
			ds->capnames = ds->capnames == 0 ? 1024 :
			    ds->capnames * 2;
			ds->names = xrealloc(ds->names, ds->capnames,
			    sizeof(*ds->names));
		}
		ds->names[ds->nnames++] = s->name;
	}
	return s->id;
}

static int
by_u32(const void *a, const void *b)
{
	uint32_t	 x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* The words of the text, as a sorted set of ids. */
static void
doc_words(struct docs *ds, struct doc *d, const char *const *texts,
    size_t ntexts)
{
	char	 w[SLUG_WORD_MAX + 1];
	size_t	 t, pos, s, e, cap = 0, i, m;

	for (t = 0; t < ntexts; t++)
		for (pos = 0; slug_word(texts[t], strlen(texts[t]), &pos, &s,
		    &e, w);) {
			if (strlen(w) < 2)
				continue;
			if (d->nwords == cap) {
				cap = cap == 0 ? 256 : cap * 2;
				d->words = xrealloc(d->words, cap,
				    sizeof(*d->words));
			}
			d->words[d->nwords++] = word_id(ds, w);
		}
	if (d->nwords == 0)
		return;
	qsort(d->words, d->nwords, sizeof(*d->words), by_u32);
	for (i = m = 1; i < d->nwords; i++)
		if (d->words[i] != d->words[m - 1])
			d->words[m++] = d->words[i];
	d->nwords = m;
}

/*
 * The group of a release: the first original, following Translation-Of
 * through the release files (public or not), so that the group is the
 * same whichever members are public and however the index was made.
 */
static const char *
group_of(struct store *s, struct arena *a, const struct release *rel)
{
	struct release	 up;
	const char	*root = rel->id, *next = rel->translation_of;
	int		 depth;

	for (depth = 0; depth < IX_GROUP_DEPTH && next[0] != '\0' &&
	    strcmp(next, rel->id) != 0; depth++) {
		root = next;
		if (store_release_get(s, a, next, &up) != ERR_OK)
			break;
		next = up.translation_of;
	}
	return root;
}

static char *
link_of(struct arena *a, const struct release *rel, const char *date)
{
	if (rel->permalink != NULL && rel->permalink[0] != '\0')
		return arena_strdup(a, rel->permalink);
	return arena_printf(a, "%.4s/%.2s/%.2s/%s", date, date + 5, date + 8,
	    slug_make(a, rel->title, SLUG_MAX));
}

/*
 * Make a doc of release id from its files, if it has a public revision
 * that no withdrawal took offline.  0 if it has none (or is unreadable).
 */
static int
doc_load(struct store *s, struct docs *ds, const char *id, struct doc *d)
{
	struct release	 rel, pub;
	struct arena	 a;
	const char	*texts[6];
	const char	*date;
	int		 ok = 0;

	arena_init(&a);
	if (store_release_get(s, &a, id, &rel) != ERR_OK ||
	    !release_is_public(&rel, (time_t)INT64_MAX / 2) ||
	    store_revision_get(s, &a, id, rel.public_rev, &pub) != ERR_OK)
		goto out;
	date = release_date_valid(pub.date) ? pub.date : "1970-01-01";
	memset(d, 0, sizeof(*d));
	d->pub = rel.publish_at;
	d->first = rel.published_at;
	d->updated = rel.updated_at;
	d->rev = (uint32_t)rel.public_rev;
	d->f[F_ID] = xstrdup(rel.id);
	d->f[F_DATE] = xstrdup(date);
	d->f[F_LANG] = xstrdup(pub.lang);
	d->f[F_LINK] = xstrdup(link_of(&a, &rel, date));
	d->f[F_TITLE] = xstrdup(pub.title);
	d->f[F_SUBTITLE] = xstrdup(pub.subtitle);
	d->f[F_TOPICS] = xstrdup(pub.topics);
	d->f[F_LEAD] = xstrdup(pub.lead);
	d->f[F_GROUP] = xstrdup(group_of(s, &a, &rel));
	d->f[F_CITY] = xstrdup(pub.city);
	d->translation_of = xstrdup(rel.translation_of);
	texts[0] = pub.title;
	texts[1] = pub.subtitle;
	texts[2] = pub.lead;
	texts[3] = pub.body;
	texts[4] = pub.topics;
	texts[5] = pub.city;
	doc_words(ds, d, texts, 6);
	ok = 1;
out:
	arena_free(&a);
	return ok;
}

/* Newest first: date, then publication time, then id.  <0: a first. */
static int
newer(const char *da, int64_t pa, const char *ia, const char *db,
    int64_t pb, const char *ib)
{
	int	 c;

	if ((c = strcmp(db, da)) != 0)
		return c;
	if (pa != pb)
		return pa < pb ? 1 : -1;
	return strcmp(ib, ia);
}

static int
by_newest(const void *pa, const void *pb)
{
	const struct doc	*a = pa, *b = pb;

	return newer(a->f[F_DATE], a->pub, a->f[F_ID], b->f[F_DATE], b->pub,
	    b->f[F_ID]);
}

struct out {
	unsigned char	*p;
	size_t		 len, cap;
};

static size_t
out_add(struct out *o, const void *data, size_t len)
{
	size_t	 at;

	if (o->len + len > o->cap) {
		while (o->len + len > o->cap)
			o->cap = o->cap == 0 ? 65536 : o->cap * 2;
		o->p = xrealloc(o->p, o->cap, 1);
	}
	at = o->len;
	if (len > 0 && data != NULL)
		memcpy(o->p + at, data, len);
	o->len += len;
	return at;
}

static void
out_align(struct out *o, size_t to)
{
	static const char	 zero[8];

	if (o->len % to != 0)
		out_add(o, zero, to - o->len % to);
}

static void
varint(struct out *o, uint32_t v)
{
	unsigned char	 b[5];
	size_t		 n = 0;

	do {
		b[n] = (unsigned char)(v & 0x7F);
		v >>= 7;
		if (v != 0)
			b[n] |= 0x80;
		n++;
	} while (v != 0);
	out_add(o, b, n);
}

struct keyref {
	const char	*name;
	struct slot	*slot;		/* positions, or NULL for a word */
	uint32_t	 word;
};

static int
by_name(const void *a, const void *b)
{
	return strcmp(((const struct keyref *)a)->name,
	    ((const struct keyref *)b)->name);
}

/* The facet keys of a doc: every combination of l, t, y/m. */
static void
facet_keys(struct table *t, const struct doc *d, uint32_t pos,
    struct arena *a)
{
	const char	*topics[TOPICS_MAX + 1], *raw[TOPICS_MAX];
	char		 y[8], m[12];
	const char	*times[3];
	size_t		 nt = 1, nraw, li, ti, mi, k;
	struct buf	 b;

	topics[0] = NULL;
	nraw = release_topics(a, d->f[F_TOPICS], raw, TOPICS_MAX);
	for (k = 0; k < nraw; k++) {
		topics[nt] = ix_topic_slug(a, raw[k]);
		if (strcmp(topics[nt], "file") != 0)
			nt++;	/* a topic of punctuation only has no page */
	}
	snprintf(y, sizeof(y), "y:%.4s", d->f[F_DATE]);
	snprintf(m, sizeof(m), "m:%.7s", d->f[F_DATE]);
	times[0] = NULL;
	times[1] = y;
	times[2] = m;
	for (li = 0; li < 2; li++)
		for (ti = 0; ti < nt; ti++)
			for (mi = 0; mi < 3; mi++) {
				if (li == 0 && ti == 0 && mi == 0)
					continue;
				buf_init(&b, a);
				buf_add(&b, "", 0);
				if ((li != 0) + (ti != 0) + (mi != 0) > 1)
					buf_puts(&b, "c:");	/* filter_key() */
				if (li)
					buf_printf(&b, "l:%s", d->f[F_LANG]);
				if (ti)
					buf_printf(&b, "%st:%s", li ? "|" : "",
					    topics[ti]);
				if (mi)
					buf_printf(&b, "%s%s", li || ti ?
					    "|" : "", times[mi]);
				slot_add(table_get(t, b.data), pos);
			}
}

/* A file written from buffers, each 8-aligned, zeros between. */
struct pieces {
	struct iovec	 iov[12];
	int		 n;
	uint64_t	 len;
};

static uint64_t
piece(struct pieces *f, const void *data, size_t len)
{
	static const char	 zero[8];
	uint64_t		 at;

	if (f->len % 8 != 0) {
		f->iov[f->n].iov_base = (void *)zero;
		f->iov[f->n++].iov_len = 8 - f->len % 8;
		f->len += 8 - f->len % 8;
	}
	at = f->len;
	f->iov[f->n].iov_base = (void *)data;
	f->iov[f->n++].iov_len = len;
	f->len += len;
	return at;
}

/* Does doc d come before record i of x? */
static int
before(const struct doc *d, const struct ix *x, size_t i)
{
	return newer(d->f[F_DATE], d->pub, d->f[F_ID], field(x, i, F_DATE),
	    x->rec[i].pub, field(x, i, F_ID)) < 0;
}

/* Is a word in so many records that a bitmap is smaller than its list? */
static int
dense(size_t count, size_t nrec)
{
	return count >= BM_WORDS(nrec) * 8;
}

/*
 * Append the positions in v (n, ascending) to the postings as key k
 * named name: an array, or for a word varint deltas or a bitmap.
 */
static void
put_key(struct out *post, struct key *k, const char *name, const uint32_t *v,
    size_t n, size_t nrec)
{
	uint64_t	*bm;
	size_t		 i;

	k->count = (uint32_t)n;
	if (strncmp(name, "w:", 2) != 0)
		k->kind = K_ARRAY;
	else
		k->kind = dense(n, nrec) ? K_BITMAP : K_VARINT;
	switch (k->kind) {
	case K_ARRAY:
		out_align(post, 4);
		k->off = out_add(post, v, n * sizeof(*v));
		break;
	case K_BITMAP:
		out_align(post, 8);
		k->off = out_add(post, NULL, BM_WORDS(nrec) * 8);
		bm = (uint64_t *)(post->p + k->off);
		memset(bm, 0, BM_WORDS(nrec) * 8);
		for (i = 0; i < n; i++)
			bm[v[i] / 64] |= (uint64_t)1 << (v[i] % 64);
		break;
	default:
		k->off = post->len;
		for (i = 0; i < n; i++)
			varint(post, i == 0 ? v[0] : v[i] - v[i - 1]);
		break;
	}
	k->len = (uint32_t)(post->len - k->off);
}

/* Append the fields of record i of x to the strings. */
static void
put_fields(struct out *str, const struct ix *x, size_t i)
{
	const char	*p = x->str + x->rec[i].str;
	const char	*end = x->str + x->h->len_str;
	size_t		 l;
	int		 k;

	/* The strings end with a NUL (validate()): strlen() stops there. */
	for (k = 0; k < F__COUNT; k++) {
		l = p < end ? strlen(p) : 0;
		out_add(str, p < end ? p : "", l + 1);
		p += l + 1;
	}
}

/*
 * Write the index file: the records of old (NULL: none) but those at the
 * positions in gone (ngone, ascending), and the docs of ds (sorted here),
 * newest first, with every key; then replace the file by rename.
 */
static enum err
write_index(struct store *s, const struct ix *old, const uint32_t *gone,
    size_t ngone, struct docs *ds, uint64_t gen)
{
	struct table	 keys = { 0 };
	struct head	 h;
	struct out	 str = { 0 }, post = { 0 }, kv = { 0 };
	struct keyref	*refs;
	struct slot	**wordpos;
	struct arena	 a;
	struct rec	*rv;
	struct cur	 c;
	struct key	 k;
	const struct key *ok;
	const char	*name;
	uint32_t	*sched, *remap, *dpos, *v, p;
	size_t		 on = old != NULL ? old->h->nrec : 0, nok;
	size_t		 i, j, g, m, n, nref, nsched = 0, nwords, nkey, nrec;
	time_t		 now = time(NULL);
	struct slot	*sl;
	struct pieces	 f;
	uLong		 crc;
	int		 cmp;
	enum err	 e;

	if (ds->n > 0)	/* qsort(NULL, 0, ...) is undefined */
		qsort(ds->v, ds->n, sizeof(*ds->v), by_newest);
	arena_init(&a);
	nwords = ds->nnames;
	wordpos = xcalloc(nwords + 1, sizeof(*wordpos));
	remap = xcalloc(on + 1, sizeof(*remap));
	dpos = xcalloc(ds->n + 1, sizeof(*dpos));
	rv = xcalloc(on + ds->n + 1, sizeof(*rv));
	sched = xcalloc(on + ds->n + 1, sizeof(*sched));

	if (old != NULL) {	/* room for a copy and some: no realloc */
		str.cap = old->h->len_str + 65536;
		str.p = xrealloc(NULL, str.cap, 1);
		post.cap = old->size - old->h->off_post + 65536;
		post.p = xrealloc(NULL, post.cap, 1);
	}
	/* Records: the old ones left and the docs, merged newest first. */
	out_add(&str, "", 1);	/* offset 0 is the empty string */
	for (i = j = g = n = 0; i < on || j < ds->n; n++) {
		if (i < on && g < ngone && gone[g] == i) {
			remap[i++] = UINT32_MAX;
			g++;
			n--;
			continue;
		}
		if (j < ds->n && (i >= on || before(&ds->v[j], old, i))) {
			struct doc	*d = &ds->v[j];

			dpos[j++] = (uint32_t)n;
			rv[n].pub = d->pub;
			rv[n].first = d->first;
			rv[n].updated = d->updated;
			rv[n].rev = d->rev;
			rv[n].str = (uint32_t)str.len;
			for (m = 0; m < F__COUNT; m++)
				out_add(&str, d->f[m], strlen(d->f[m]) + 1);
		} else {
			remap[i] = (uint32_t)n;
			rv[n] = old->rec[i];
			rv[n].str = (uint32_t)str.len;
			put_fields(&str, old, i++);
		}
		if (rv[n].pub > (int64_t)now)
			sched[nsched++] = (uint32_t)n;
	}
	nrec = n;

	/* The docs' keys, their positions ascending as the docs are. */
	for (j = 0; j < ds->n; j++) {
		struct doc	*d = &ds->v[j];

		p = dpos[j];
		slot_add(table_get(&keys, arena_printf(&a, "i:%s",
		    d->f[F_ID])), p);
		facet_keys(&keys, d, p, &a);
		slot_add(table_get(&keys, arena_printf(&a, "g:%s",
		    d->f[F_GROUP])), p);
		slot_add(table_get(&keys, arena_printf(&a, "s:%s",
		    d->f[F_LINK])), p);
		for (m = 0; m < d->nwords; m++) {
			if ((sl = wordpos[d->words[m]]) == NULL)
				sl = wordpos[d->words[m]] =
				    xcalloc(1, sizeof(*sl));
			slot_add(sl, p);
		}
		if (j % 1024 == 1023)
			arena_reset(&a);
	}
	refs = xcalloc(keys.n + nwords + 1, sizeof(*refs));
	nref = 0;
	for (i = 0; i < keys.cap; i++)
		if (keys.s[i].name != NULL) {
			refs[nref].name = keys.s[i].name;
			refs[nref++].slot = &keys.s[i];
		}
	for (i = 0; i < nwords; i++)
		if (wordpos[i] != NULL) {
			char	*w = xcalloc(strlen(ds->names[i]) + 3, 1);

			memcpy(w, "w:", 2);
			strcpy(w + 2, ds->names[i]);
			refs[nref].name = w;
			refs[nref].slot = NULL;
			refs[nref++].word = (uint32_t)i;
		}
	qsort(refs, nref, sizeof(*refs), by_name);

	/* Every key: the old one's positions moved, and the docs'. */
	v = xcalloc(on + ds->n + 1, sizeof(*v));
	nok = old != NULL ? old->h->nkey : 0;
	for (i = j = nkey = 0; i < nok || j < nref;) {
		ok = i < nok ? &old->key[i] : NULL;
		if (ok == NULL)
			cmp = 1;
		else if (j >= nref)
			cmp = -1;
		else
			cmp = strcmp(old->str + ok->name, refs[j].name);
		name = cmp <= 0 ? old->str + ok->name : refs[j].name;
		m = 0;
		if (cmp <= 0) {
			for (cur_init(&c, old, ok); cur_next(&c, &p);)
				if (remap[p] != UINT32_MAX)
					v[m++] = remap[p];
			i++;
		}
		if (cmp >= 0) {
			sl = refs[j].slot != NULL ? refs[j].slot :
			    wordpos[refs[j].word];
			/* Merge from the back: both ascending, disjoint. */
			n = m + sl->n;
			for (g = sl->n; g > 0;)
				if (m > 0 && v[m - 1] > sl->v[g - 1]) {
					v[m + g - 1] = v[m - 1];
					m--;
				} else {
					v[m + g - 1] = sl->v[g - 1];
					g--;
				}
			m = n;
			j++;
		}
		if (m == 0)
			continue;	/* its only releases went */
		memset(&k, 0, sizeof(k));
		k.name = (uint32_t)out_add(&str, name, strlen(name) + 1);
		put_key(&post, &k, name, v, m, nrec);
		out_add(&kv, &k, sizeof(k));
		nkey++;
	}

	/* The file in pieces, not copied again: head, records, ..., postings. */
	memset(&h, 0, sizeof(h));
	memcpy(h.magic, IX_MAGIC, 8);
	h.endian = IX_ENDIAN;
	h.built = (int64_t)now;
	h.gen = gen;
	h.nrec = (uint32_t)nrec;
	h.nkey = (uint32_t)nkey;
	h.nsched = (uint32_t)nsched;
	memset(&f, 0, sizeof(f));
	(void)piece(&f, &h, sizeof(h));
	h.off_rec = piece(&f, rv, nrec * sizeof(*rv));
	h.off_key = piece(&f, kv.p, kv.len);
	h.off_sched = piece(&f, sched, nsched * sizeof(*sched));
	h.off_str = piece(&f, str.p, str.len);
	h.len_str = str.len;
	h.off_post = piece(&f, post.p, post.len);
	h.size = f.len;
	for (i = 0; i < nkey; i++)
		((struct key *)kv.p)[i].off += h.off_post;
	crc = crc32(0L, Z_NULL, 0);
	for (i = 1; i < (size_t)f.n; i++)	/* (no NULL: it starts again) */
		if (f.iov[i].iov_len > 0)
			crc = crc32(crc, f.iov[i].iov_base,
			    (uInt)f.iov[i].iov_len);
	h.crc = (uint32_t)crc;
	e = store_index_replacev(s, IX_FILE, f.iov, f.n);

	for (i = 0; i < nref; i++)
		if (refs[i].slot == NULL)
			free((void *)refs[i].name);
	for (i = 0; i < nwords; i++)
		if (wordpos[i] != NULL) {
			free(wordpos[i]->v);
			free(wordpos[i]);
		}
	free(wordpos);
	free(refs);
	free(remap);
	free(dpos);
	free(rv);
	free(sched);
	free(v);
	free(str.p);
	free(post.p);
	free(kv.p);
	table_free(&keys);
	arena_free(&a);
	return e;
}

struct walk {
	struct store	*s;
	struct docs	*ds;
};

static enum err
walk_one(void *arg, const char *id)
{
	struct walk	*w = arg;
	struct doc	 d;

	if (doc_load(w->s, w->ds, id, &d))
		*docs_add(w->ds) = d;
	return ERR_OK;
}

static enum err
rebuild_locked(struct store *s, size_t *n, uint64_t gen)
{
	struct docs	 ds = { 0 };
	struct walk	 w = { s, &ds };
	const char	**ids;
	struct arena	 a;
	size_t		 np, i;
	enum err	 e;

	/* Old marks are covered by the walk (younger ones: see ix_get()). */
	arena_init(&a);
	np = store_index_pending(s, &a, &ids, SIZE_MAX / 64,
	    time(NULL) - IX_PENDING_AGE);
	if ((e = store_release_walk(s, walk_one, &w)) == ERR_OK)
		e = write_index(s, NULL, NULL, 0, &ds, gen);
	if (e == ERR_OK)
		for (i = 0; i < np; i++)
			store_index_unmark(s, ids[i]);
	if (n != NULL)
		*n = ds.n;
	docs_free(&ds);
	arena_free(&a);
	return e;
}

enum err
ix_rebuild(struct store *s, size_t *n)
{
	struct ix	 x;
	struct stat	 st;
	uint64_t	 gen = 1;
	enum err	 e;
	int		 lock, fd;

	if ((lock = store_index_lock(s, 1)) == -1)
		return ERR_IO;
	if ((fd = store_index_open(s, IX_FILE)) != -1) {
		if (fstat(fd, &st) == 0 && map_fd(&x, fd, &st)) {
			gen = x.h->gen + 1;
			unmap(&x);
		}
		close(fd);
	}
	e = rebuild_locked(s, n, gen);
	close(lock);
	return e;
}

/* Is the mapping still the file's? */
static int
same_file(const struct ix *x, const struct stat *st)
{
	return x->map != NULL && x->dev == st->st_dev && x->ino == st->st_ino &&
	    x->mtime.tv_sec == st->st_mtim.tv_sec &&
	    x->mtime.tv_nsec == st->st_mtim.tv_nsec &&
	    (off_t)x->size == st->st_size;
}

static int
by_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Apply the current state of each release of ids to the index: the old
 * records of ids go, and those with a public revision come back from
 * their files; the other releases are copied from the old index.
 */
static enum err
update_locked(struct store *s, const char *const *ids, size_t nids)
{
	struct docs	 ds = { 0 };
	struct doc	 d;
	struct ix	 x;
	struct ix_entry	 e;
	struct stat	 st;
	const char	**u;
	uint32_t	*gone;
	size_t		 i, nu, ngone = 0;
	enum err	 err;
	int		 fd;

	if ((fd = store_index_open(s, IX_FILE)) == -1)
		return rebuild_locked(s, NULL, 1);
	if (fstat(fd, &st) == 0 && same_file(&current, &st))
		x = current;	/* checked when mapped: not again */
	else if (fstat(fd, &st) == -1 || !map_fd(&x, fd, &st)) {
		close(fd);
		return rebuild_locked(s, NULL, 1);
	}
	close(fd);
	/* Each release once, however often it was marked. */
	u = xcalloc(nids + 1, sizeof(*u));
	memcpy(u, ids, nids * sizeof(*u));
	if (nids > 0)
		qsort(u, nids, sizeof(*u), by_str);
	for (i = nu = 0; i < nids; i++)
		if (nu == 0 || strcmp(u[nu - 1], u[i]) != 0)
			u[nu++] = u[i];
	gone = xcalloc(nu + 1, sizeof(*gone));
	for (i = 0; i < nu; i++) {
		if (ix_by_id(&x, u[i], &e))
			gone[ngone++] = (uint32_t)e.pos;
		if (doc_load(s, &ds, u[i], &d))
			*docs_add(&ds) = d;
	}
	if (ngone > 0)
		qsort(gone, ngone, sizeof(*gone), by_u32);
	for (i = nu = 0; i < ngone; i++)
		if (nu == 0 || gone[nu - 1] != gone[i])
			gone[nu++] = gone[i];
	ngone = nu;
	err = write_index(s, &x, gone, ngone, &ds, x.h->gen + 1);
	if (x.map != current.map)
		unmap(&x);
	docs_free(&ds);
	free(gone);
	free(u);
	if (err == ERR_OK)
		for (i = 0; i < nids; i++)
			store_index_unmark(s, ids[i]);
	return err;
}

enum err
ix_update(struct store *s, const char *id)
{
	enum err	 e;
	int		 lock;

	if (!release_id_valid(id))
		return ERR_NOTFOUND;
	if ((lock = store_index_lock(s, 1)) == -1)
		return ERR_IO;
	e = update_locked(s, &id, 1);
	close(lock);
	return e;
}

enum err
ix_get(struct store *s, struct ix **out)
{
	struct stat	 st;
	struct arena	 a;
	const char	**ids;
	size_t		 np;
	int		 fd, lock, tries;
	enum err	 e;

	*out = NULL;
	/*
	 * Changes whose writer died before updating the index.  Only old
	 * marks: a younger one may belong to a writer still at work, whose
	 * release is not committed yet; taking its mark away now could lose
	 * its change if it then died.
	 */
	arena_init(&a);
	if ((np = store_index_pending(s, &a, &ids, IX_PENDING_MAX,
	    time(NULL) - IX_PENDING_AGE)) > 0 &&
	    (lock = store_index_lock(s, 0)) != -1) {
		(void)update_locked(s, ids, np);
		close(lock);
	}
	arena_free(&a);

	for (tries = 0; tries < 2; tries++) {
		if ((fd = store_index_open(s, IX_FILE)) != -1) {
			if (fstat(fd, &st) == 0 && same_file(&current, &st)) {
				close(fd);
				*out = &current;
				return ERR_OK;
			}
			unmap(&current);
			if (fstat(fd, &st) == 0 && map_fd(&current, fd, &st)) {
				close(fd);
				*out = &current;
				return ERR_OK;
			}
			close(fd);
		} else if (errno != ENOENT)
			return ERR_IO;
		/* Missing or damaged: rebuild, unless someone else is. */
		if ((lock = store_index_lock(s, 0)) == -1)
			return ERR_BUSY;
		e = rebuild_locked(s, NULL, 1);
		close(lock);
		if (e != ERR_OK)
			return e;
	}
	return ERR_IO;
}

struct check {
	struct store	*s;
	struct ix	*x;
	size_t		 n, bad;
	char		 id[RELEASE_ID_LEN + 1];
};

static enum err
check_one(void *arg, const char *id)
{
	struct check	*c = arg;
	struct docs	 ds = { 0 };
	struct doc	 d;
	struct ix_entry	 e;
	int		 in, want;

	want = doc_load(c->s, &ds, id, &d);
	in = ix_by_id(c->x, id, &e);
	if (want != in || (want && (e.rev != d.rev || e.pub != d.pub ||
	    strcmp(e.title, d.f[F_TITLE]) != 0 ||
	    strcmp(e.group, d.f[F_GROUP]) != 0))) {
		if (c->bad++ == 0)
			snprintf(c->id, sizeof(c->id), "%s", id);
	}
	if (want) {
		c->n++;
		doc_free(&d);
	}
	docs_free(&ds);
	return ERR_OK;
}

static enum err
count_public(void *arg, const char *id)
{
	struct check	*c = arg;
	struct arena	 a;
	struct release	 rel;

	arena_init(&a);
	if (store_release_get(c->s, &a, id, &rel) == ERR_OK &&
	    release_is_public(&rel, (time_t)INT64_MAX / 2))
		c->n++;
	arena_free(&a);
	return ERR_OK;
}

int
ix_check(struct store *s, char *why, size_t whylen)
{
	struct ix	 x;
	struct stat	 st;
	struct check	 c;
	int		 fd;

	if ((fd = store_index_open(s, IX_FILE)) == -1) {
		/* Nothing published yet: nothing to index, nothing missing. */
		memset(&c, 0, sizeof(c));
		c.s = s;
		(void)store_release_walk(s, count_public, &c);
		if (c.n == 0)
			return 0;
		snprintf(why, whylen, "missing");
		return 1;
	}
	if (fstat(fd, &st) == -1 || !map_fd(&x, fd, &st)) {
		close(fd);
		snprintf(why, whylen, "damaged (size, format or checksum)");
		return 1;
	}
	close(fd);
	memset(&c, 0, sizeof(c));
	c.s = s;
	c.x = &x;
	(void)store_release_walk(s, check_one, &c);
	if (c.bad == 0 && c.n != x.h->nrec)
		snprintf(why, whylen, "%u records for %zu public releases",
		    x.h->nrec, c.n);
	else if (c.bad > 0)
		snprintf(why, whylen, "out of date for %zu releases, %s first",
		    c.bad, c.id);
	fd = c.bad > 0 || c.n != x.h->nrec;
	unmap(&x);
	return fd;
}

char *
ix_new_permalink(struct store *s, struct arena *a, const struct release *rel)
{
	struct ix	*x;
	struct ix_entry	 e;
	const char	*date;
	char		*base, *p;
	int		 i;

	if (rel->permalink != NULL && rel->permalink[0] != '\0')
		return arena_strdup(a, rel->permalink);
	date = release_date_valid(rel->date) ? rel->date : "1970-01-01";
	base = link_of(a, rel, date);
	if (ix_get(s, &x) != ERR_OK)
		return base;
	/* Another release of the same day and title: a number after. */
	for (p = base, i = 2; i < 100; i++) {
		if (!ix_by_permalink(x, p, &e) || strcmp(e.id, rel->id) == 0)
			return p;
		p = arena_printf(a, "%s-%d", base, i);
	}
	return arena_printf(a, "%s-%s", base, rel->id + 9);
}

void
ix_seal(void *image, size_t len)
{
	struct head	 h;

	if (len < sizeof(h))
		return;
	memcpy(&h, image, sizeof(h));
	h.size = len;
	h.crc = (uint32_t)crc32(crc32(0L, Z_NULL, 0),
	    (const unsigned char *)image + sizeof(h), (uInt)(len - sizeof(h)));
	memcpy(image, &h, sizeof(h));
}
