/*
 * index.h: the public archive's index, a cache of what is published.
 *
 * One file, index/public in the data directory, holds a record for every
 * release that has a public revision (including those whose publication
 * time is still to come), sorted newest first, plus sorted keys, each with
 * a list of record positions: every combination of language, topic, year
 * and month; each release id, permalink and translation group; and every
 * word of the public text, folded (slug_word()).  Readers map it and never
 * read a release file to list, filter or search, so a page costs the same
 * with 100 releases or 100,000.
 *
 * Nothing about time is in the positions: every reader drops records whose
 * publication time is after now, so an embargo ends at its second without
 * any job; the few records still to come at writing time are listed in the
 * file so that dropping them costs nothing for the others.
 *
 * The index is a cache.  ix_rebuild() makes it anew from the release files;
 * a reader that finds it missing, damaged (size, magic or checksum wrong)
 * or behind a change marked pending (store_index_mark()) brings it up to
 * date itself.  A writer replaces the file by rename: readers see the old
 * index or the new one.
 */
#ifndef PR_INDEX_H
#define PR_INDEX_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "arena.h"
#include "err.h"
#include "slug.h"
#include "store.h"

#define IX_SEARCH_TERMS	8	/* words of a query that count */
#define IX_GROUP_MAX	32	/* translations listed with a release */

struct ix;			/* a mapped index, read-only */

/* One release as the index knows it: its public revision. */
struct ix_entry {
	size_t		 pos;		/* position, 0 is the newest */
	const char	*id;
	const char	*date;		/* YYYY-MM-DD */
	const char	*lang;
	const char	*permalink;	/* "YYYY/MM/DD/slug" */
	const char	*title;
	const char	*subtitle;
	const char	*topics;	/* comma-separated, as written */
	const char	*lead;
	const char	*group;		/* id of the original of translations */
	const char	*city;
	unsigned long	 rev;		/* the public revision */
	time_t		 pub;		/* public from */
	time_t		 first;		/* first publication */
	time_t		 updated;	/* last correction, 0 if none */
};

/* Which list: NULL or 0 members mean any. */
struct ix_filter {
	const char	*lang;
	const char	*topic;		/* a topic's slug */
	int		 year;
	int		 month;		/* 1 to 12, with a year */
};

/*
 * ix_get() returns the current index of the store, mapping it again when
 * the file was replaced and bringing it up to date first when it is
 * missing, damaged or has changes pending.  The mapping stays valid until
 * the next ix_get().  ERR_BUSY when another process is rebuilding a
 * missing or damaged index (the caller answers 503 for a moment).
 */
enum err	 ix_get(struct store *, struct ix **);

/* Time of writing of the index, and a number that changes with each. */
time_t		 ix_built(const struct ix *);
uint64_t	 ix_generation(const struct ix *);

/*
 * ix_list() fills out with at most n entries of the filtered list visible
 * at now, from the off-th, and returns how many; *total gets the number
 * visible in all.  Positions are found, not counted: page 1,000 costs what
 * page 1 does.
 */
size_t		 ix_list(const struct ix *, const struct ix_filter *,
		    time_t now, size_t off, size_t n, struct ix_entry *out,
		    size_t *total);

/* ix_count() is the *total of ix_list(): the filtered list's length. */
size_t		 ix_count(const struct ix *, const struct ix_filter *,
		    time_t now);

/*
 * ix_by_id() and ix_by_permalink() find one release (1) whatever its
 * time: the caller compares pub with now.
 */
int		 ix_by_id(const struct ix *, const char *id,
		    struct ix_entry *);
int		 ix_by_permalink(const struct ix *, const char *path,
		    struct ix_entry *);

/* ix_group() lists the members of a translation group visible at now. */
size_t		 ix_group(const struct ix *, const char *group, time_t now,
		    struct ix_entry *out, size_t max);

/*
 * ix_search() finds the releases visible at now that contain every word
 * of q (folded, words under two bytes ignored, at most IX_SEARCH_TERMS),
 * newest first, like ix_list().  The folded words go to terms (at most
 * IX_SEARCH_TERMS, each SLUG_WORD_MAX + 1 bytes) and their count to
 * *nterms: 0 means q had no word to look for.
 */
size_t		 ix_search(const struct ix *, struct arena *, const char *q,
		    time_t now, size_t off, size_t n, struct ix_entry *out,
		    size_t *total, char (*terms)[SLUG_WORD_MAX + 1], size_t *nterms);

/*
 * ix_facets() calls fn for each value of one facet ('l' language, 't'
 * topic slug, 'y' year, 'm' "YYYY-MM") with its count of releases visible
 * at now, in key order; values with none are skipped.  For topics, name is
 * the topic as written by the newest release that has it.
 */
void		 ix_facets(const struct ix *, char facet, time_t now,
		    void (*fn)(void *, const char *value, const char *name,
		    size_t count), void *arg);

/*
 * ix_next_change() is the earliest publication time after now (0 if none),
 * when lists change without the index being written; ix_last_change() is
 * the latest moment at or before now when they did (writing or a
 * publication time passed): the Last-Modified of every list.
 */
time_t		 ix_next_change(const struct ix *, time_t now);
time_t		 ix_last_change(const struct ix *, time_t now);

/*
 * Writers.  ix_update() brings the index up to date for one release (its
 * current state, read from its file, whatever the caller did to it) and
 * removes its pending mark; it reads no other release's files (the rest
 * is copied from the current index, so it costs a copy of the file: about
 * 0.5 s at 100,000 releases).  ix_rebuild() makes the whole index from
 * the release files and sets *n to the records written; both write the
 * same bytes for the same releases.  Both take the index's lock and
 * replace the file atomically.
 */
enum err	 ix_update(struct store *, const char *id);
enum err	 ix_rebuild(struct store *, size_t *n);

/*
 * ix_check() verifies the index file against the release files without
 * changing anything: 0 if it is present, sound and complete, else a
 * reason in why.
 */
int		 ix_check(struct store *, char *why, size_t whylen);

/*
 * ix_new_permalink() is the address a release gets at its first
 * publication: its own if it has one, else "YYYY/MM/DD/slug-of-title",
 * with "-2", "-3"... when another release already has it.
 */
char		*ix_new_permalink(struct store *, struct arena *,
		    const struct release *);

/*
 * ix_seal() sets the size and checksum in the header of an index image of
 * len bytes, as the writer does: for the fuzzer, which must get past the
 * checksum to try the reader's bounds.
 */
void		 ix_seal(void *image, size_t len);

/* ix_topic_slug() gives the URL name of a topic as written. */
char		*ix_topic_slug(struct arena *, const char *topic);

#endif /* PR_INDEX_H */
