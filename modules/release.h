/*
 * release.h: the press release model, its file format and its validators.
 *
 * A release is a set of text fields plus bookkeeping (id, revision, state,
 * author, times).  release_parse() and release_format() convert between
 * the struct and the on-disk text: a header of "Key: value" lines, a blank
 * line, and the Markdown body verbatim.  Multi-line header values (lead,
 * contacts) continue on lines that start with one space, which is removed
 * on reading, so every byte of every field survives a round trip.
 */
#ifndef PR_RELEASE_H
#define PR_RELEASE_H

#include <stddef.h>
#include <time.h>

#include "arena.h"
#include "err.h"
#include "lim.h"

#define RELEASE_ID_LEN	17	/* "YYYYMMDD-" and 8 hex digits */

enum release_state {
	STATE_DRAFT = 0,
	STATE_REVIEW,
	STATE_CHANGES,		/* changes requested */
	STATE_APPROVED,
	STATE_PUBLISHED,
	STATE_REJECTED,
	STATE_WITHDRAWN,
	STATE__COUNT
};

struct release {
	const char		*id;		/* made by the store */
	unsigned long		 rev;		/* 1 for a new release */
	enum release_state	 state;
	const char		*author;	/* user name */
	const char		*lang;		/* "fr", "en", ... */
	const char		*title;
	const char		*subtitle;	/* may be "" */
	const char		*lead;		/* lead paragraph, may span lines */
	const char		*body;		/* CommonMark */
	const char		*contacts;	/* contacts block, may span lines */
	const char		*city;		/* dateline city */
	const char		*date;		/* release date, YYYY-MM-DD */
	const char		*topics;	/* comma-separated */
	const char		*translation_of; /* release id or "" */
	const char		*attachments;	/* attach.h lines, or "" */
	time_t			 created;
	time_t			 modified;
	const char		*modified_by;

	/* Workflow bookkeeping, kept by the store and workflow.c. */
	unsigned long		 seq;		/* change number: +1 per change */
	const char		*approvals;	/* "user@time ..." for rev */
	unsigned long		 public_rev;	/* revision online, 0 if none */
	time_t			 publish_at;	/* public_rev is public from */
	time_t			 published_at;	/* first publication */
	time_t			 updated_at;	/* last correction, 0 if none */
	const char		*permalink;	/* "YYYY/MM/DD/slug", fixed at
						   first publication, or "" */
};

/* The editable fields, in form order, with their limits and kinds. */
enum field_kind {
	FIELD_LINE,		/* one line of text */
	FIELD_BLOCK,		/* several lines */
	FIELD_LANG,		/* one of the configured languages */
	FIELD_DATE,		/* YYYY-MM-DD, a real date */
	FIELD_ID		/* a release id, or empty */
};

struct field {
	const char	*name;		/* form and template name */
	enum field_kind	 kind;
	size_t		 max;		/* bytes */
	int		 required;
	size_t		 offset;	/* offsetof(struct release, ...) */
};

extern const struct field	release_fields[];
extern const size_t		release_nfields;

/* A validation problem with one field. */
struct field_error {
	const char	*field;		/* a release_fields[] name */
	enum err	 code;
};

/*
 * release_field() / release_field_set() read and write a field by its
 * table entry.  Values are borrowed: the release does not own them.
 */
const char	*release_field(const struct release *, const struct field *);
void		 release_field_set(struct release *, const struct field *,
		    const char *);

/*
 * release_validate() checks every editable field against its limit and
 * kind (valid UTF-8, no control characters in one-line fields, a real
 * date, a language from langs, a well-formed id).  It stores at most max
 * problems in errs and returns how many there were in all.
 */
size_t		 release_validate(const struct release *,
		    const char *const *langs, size_t nlangs,
		    struct field_error *errs, size_t max);

/*
 * release_parse() reads a release file.  Strings point into the arena.
 * Returns ERR_CORRUPT (with a reason in *why, static) when a header line,
 * a required key, a number or a state does not parse, ERR_TOOBIG over
 * LIM_RELEASE_FILE_MAX.
 */
enum err	 release_parse(struct arena *, const char *, size_t,
		    struct release *, const char **why);

/* Topics a topics field can hold: one letter and a comma each. */
#define RELEASE_TOPICS_MAX	((LIM_TOPICS_MAX + 1) / 2)

/*
 * release_topics() splits a comma-separated topics field into at most max
 * topics, spaces around each removed and empty ones skipped (arena copies),
 * and returns how many it stored.
 */
size_t		 release_topics(struct arena *, const char *topics,
		    const char **out, size_t max);

/* release_format() appends the file form of the release to b. */
void		 release_format(const struct release *, struct buf *b);

/* release_state_name() gives "draft", "review", ...; _parse the reverse. */
const char	*release_state_name(enum release_state);
int		 release_state_parse(const char *, enum release_state *);

/* release_id_valid() is 1 for the exact shape of a release id. */
int		 release_id_valid(const char *);

/* release_date_valid() is 1 for a real calendar date "YYYY-MM-DD". */
int		 release_date_valid(const char *);

/*
 * release_init() sets every string to "", the state to draft and the
 * revision and change number to 1.
 */
void		 release_init(struct release *);

/*
 * release_same_content() is 1 when the editable fields (release_fields[])
 * and the attachments of a and b are equal byte for byte: a change that
 * keeps them needs no new revision.
 */
int		 release_same_content(const struct release *,
		    const struct release *);

/*
 * release_is_public() is 1 when r has a public revision that is online at
 * now: published (or being corrected), not withdrawn, and its time come.
 * Every public reader asks this, so an embargo ends at its second without
 * any job running.
 */
int		 release_is_public(const struct release *, time_t now);

#endif /* PR_RELEASE_H */
