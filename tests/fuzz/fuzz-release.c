/*
 * fuzz-release.c: libFuzzer target for release_parse() and release_format().
 *
 * Whatever parses must survive a round trip: format it, parse the result,
 * and every field of the second struct equals the first; formatting the
 * second gives the same bytes again.  The validators must not crash on
 * anything that parses.  The seed corpus is tests/fuzz/corpus/release/.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "err.h"
#include "lim.h"
#include "release.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const langs[] = { "fr", "en" };

static void
bad(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz-release: %s%s%s\n", what,
	    detail != NULL ? ": " : "", detail != NULL ? detail : "");
	abort();
}

static void
same_str(const char *name, const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		bad("NULL field after parse", name);
	if (strcmp(a, b) != 0)
		bad("field changed in the round trip", name);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct field_error	 errs[4];
	struct release		 r1, r2;
	struct arena		 a;
	struct buf		 b1, b2;
	const char		*why;
	size_t			 i;
	enum err		 e;

	arena_init(&a);
	e = release_parse(&a, (const char *)data, size, &r1, &why);
	if (e != ERR_OK) {
		if (why == NULL)
			bad("error without a reason", NULL);
		if (e != ERR_CORRUPT && e != ERR_TOOBIG)
			bad("unexpected error code", NULL);
		goto out;
	}
	(void)release_validate(&r1, langs, 2, errs, 4);

	buf_init(&b1, &a);
	release_format(&r1, &b1);
	/* A file near the size limit may grow past it when formatted. */
	if (b1.len > LIM_RELEASE_FILE_MAX)
		goto out;
	if (release_parse(&a, b1.data, b1.len, &r2, &why) != ERR_OK)
		bad("formatted release does not parse", why);

	for (i = 0; i < release_nfields; i++)
		same_str(release_fields[i].name,
		    release_field(&r1, &release_fields[i]),
		    release_field(&r2, &release_fields[i]));
	same_str("id", r1.id, r2.id);
	same_str("author", r1.author, r2.author);
	same_str("modified_by", r1.modified_by, r2.modified_by);
	if (r1.rev != r2.rev)
		bad("field changed in the round trip", "rev");
	if (r1.state != r2.state)
		bad("field changed in the round trip", "state");
	if (r1.created != r2.created)
		bad("field changed in the round trip", "created");
	if (r1.modified != r2.modified)
		bad("field changed in the round trip", "modified");
	same_str("approvals", r1.approvals, r2.approvals);
	if (r1.seq != r2.seq || r1.public_rev != r2.public_rev)
		bad("field changed in the round trip", "seq or public_rev");
	if (r1.publish_at != r2.publish_at ||
	    r1.published_at != r2.published_at ||
	    r1.updated_at != r2.updated_at)
		bad("field changed in the round trip", "publication times");

	buf_init(&b2, &a);
	release_format(&r2, &b2);
	if (b2.len != b1.len || memcmp(b2.data, b1.data, b1.len) != 0)
		bad("formatting twice gives other bytes", NULL);
out:
	arena_free(&a);
	return 0;
}
