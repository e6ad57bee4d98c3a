/*
 * test-release.c: unit tests for release.c (file format, validators, names).
 *
 * The file format must keep every byte of every field: each round trip here
 * formats a release, parses it back, compares every field, and formats the
 * result again to compare the bytes.  The seed text is the French release
 * in tests/fixtures (title = line 1, lead = line 2, body = the rest); set
 * FIXTURES to read it from elsewhere.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "err.h"
#include "lim.h"
#include "release.h"
#include "utf8.h"

#define FIXTURE		"ccre-nalas-2026-fr.txt"

/* L(s): a string literal and its length without the final NUL. */
#define L(s)	(s), (sizeof(s) - 1)

/* French text as typed in a release: é ’ – and NBSP (U+00A0). */
#define E_ACUTE	"\xc3\xa9"
#define APOS	"\xe2\x80\x99"
#define NDASH	"\xe2\x80\x93"
#define NBSP	"\xc2\xa0"

static const char *const langs[] = { "fr", "en", "de" };
#define NLANGS	(sizeof(langs) / sizeof(langs[0]))

/* A minimal valid file: the three required keys. */
#define MINIMAL	"Id: 20261126-0123abcd\nRevision: 1\nState: draft\n"
/* The same at revision 7, for the workflow keys. */
#define MINIMAL7 "Id: 20261126-0123abcd\nRevision: 7\nState: published\n"

static int
setup(void **state)
{
	struct arena	*a;

	if ((a = malloc(sizeof(*a))) == NULL)
		return -1;
	arena_init(a);
	*state = a;
	return 0;
}

static int
teardown(void **state)
{
	arena_free(*state);
	free(*state);
	return 0;
}

/* A copy of s in a buffer of exactly len bytes, for ASan to guard. */
static char *
exact(const char *s, size_t len)
{
	char	*p;

	if ((p = malloc(len == 0 ? 1 : len)) == NULL)
		abort();
	memcpy(p, s, len);
	return p;
}

static enum err
parse(struct arena *a, const char *s, size_t len, struct release *r,
    const char **why)
{
	char		*copy = exact(s, len);
	enum err	 e;

	e = release_parse(a, copy, len, r, why);
	free(copy);
	return e;
}

static void
assert_same(const struct release *a, const struct release *b)
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
	assert_string_equal(a->approvals == NULL ? "" : a->approvals,
	    b->approvals);
	assert_int_equal(a->public_rev, b->public_rev);
	assert_int_equal(a->publish_at, b->publish_at);
	assert_int_equal(a->published_at, b->published_at);
	assert_int_equal(a->updated_at, b->updated_at);
	assert_string_equal(a->permalink == NULL ? "" : a->permalink,
	    b->permalink);
}

/* Format, parse, compare, format again: the same bytes. */
static void
roundtrip(struct arena *a, const struct release *r)
{
	struct release	 p;
	struct buf	 b1, b2;
	const char	*why;

	buf_init(&b1, a);
	release_format(r, &b1);
	if (parse(a, b1.data, b1.len, &p, &why) != ERR_OK)
		fail_msg("formatted release does not parse: %s\n%s", why,
		    b1.data);
	assert_same(r, &p);
	buf_init(&b2, a);
	release_format(&p, &b2);
	assert_int_equal(b2.len, b1.len);
	assert_memory_equal(b2.data, b1.data, b1.len);
}

static void
sample(struct release *r)
{
	release_init(r);
	r->id = "20261126-0123abcd";
	r->rev = 7;
	r->seq = 12;
	r->state = STATE_PUBLISHED;
	r->author = "alice";
	r->lang = "fr";
	r->date = "2026-11-26";
	r->city = "Bruxelles";
	r->topics = "coop" E_ACUTE "ration, NALAS";
	r->translation_of = "20261120-deadbeef";
	r->created = 1795700000;
	r->modified = 1795719372;
	r->modified_by = "bob";
	r->approvals = "carol@1795718000 dave@1795719000";
	r->public_rev = 5;
	r->publish_at = 1795720000;
	r->published_at = 1795600000;
	r->updated_at = 1795710000;
	r->permalink = "2026/11/26/le-ccre-et-nalas";
	r->title = "Le CCRE et NALAS";
	r->subtitle = "";
	r->lead = "  Deux lignes,\n\navec une vide.";
	r->contacts = "Service de presse\n t" E_ACUTE "l." NBSP ": +32\n";
	r->body = "Corps.\n";
}

/* Read the seed text into r, with realistic other fields. */
static void
seed(struct arena *a, struct release *r)
{
	const char	*dir;
	char		*path, buf[8192], *nl1, *nl2;
	ssize_t		 n;
	int		 fd;

	dir = getenv("FIXTURES") != NULL ? getenv("FIXTURES") :
	    "tests/fixtures";
	path = arena_printf(a, "%s/%s", dir, FIXTURE);
	if ((fd = open(path, O_RDONLY)) == -1)
		fail_msg("cannot read %s (run from the project root or set "
		    "FIXTURES)", path);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	assert_true(n > 0 && (size_t)n < sizeof(buf) - 1);
	buf[n] = '\0';
	nl1 = strchr(buf, '\n');
	assert_non_null(nl1);
	nl2 = strchr(nl1 + 1, '\n');
	assert_non_null(nl2);
	sample(r);
	r->title = arena_strndup(a, buf, (size_t)(nl1 - buf));
	r->lead = arena_strndup(a, nl1 + 1, (size_t)(nl2 - nl1 - 1));
	r->body = arena_strdup(a, nl2 + 1);
	r->contacts = "Pour plus d" APOS "informations, contactez" NBSP ":\n\n"
	    "Directeur " NDASH " Projets et programmes";
}

static void
test_format_golden(void **state)
{
	struct arena	*a = *state;
	struct release	 r;
	struct buf	 b;
	static const char want[] =
	    "Id: 20261126-0123abcd\n"
	    "Revision: 7\n"
	    "Seq: 12\n"
	    "State: published\n"
	    "Author: alice\n"
	    "Language: fr\n"
	    "Date: 2026-11-26\n"
	    "City: Bruxelles\n"
	    "Topics: coop" E_ACUTE "ration, NALAS\n"
	    "Translation-Of: 20261120-deadbeef\n"
	    "Created: 1795700000\n"
	    "Modified: 1795719372\n"
	    "Modified-By: bob\n"
	    "Approvals: carol@1795718000 dave@1795719000\n"
	    "Public-Revision: 5\n"
	    "Publish-At: 1795720000\n"
	    "Published-At: 1795600000\n"
	    "Updated-At: 1795710000\n"
	    "Permalink: 2026/11/26/le-ccre-et-nalas\n"
	    "Title: Le CCRE et NALAS\n"
	    "Subtitle: \n"
	    "Lead:   Deux lignes,\n"
	    " \n"
	    " avec une vide.\n"
	    "Contacts: Service de presse\n"
	    "  t" E_ACUTE "l." NBSP ": +32\n"
	    " \n"
	    "Attachments: \n"
	    "\n"
	    "Corps.\n";

	sample(&r);
	buf_init(&b, a);
	release_format(&r, &b);
	assert_string_equal(b.data, want);
	assert_int_equal(b.len, sizeof(want) - 1);
	roundtrip(a, &r);
}

static void
test_roundtrip_seed(void **state)
{
	struct arena	*a = *state;
	struct release	 r;

	seed(a, &r);
	assert_true(r.body[strlen(r.body) - 1] != '\n');
	roundtrip(a, &r);
	/* With a trailing newline, and with several. */
	r.body = arena_printf(a, "%s\n", r.body);
	roundtrip(a, &r);
	r.body = arena_printf(a, "%s\n\n\n", r.body);
	roundtrip(a, &r);
}

static void
test_roundtrip_seed_every_state(void **state)
{
	struct arena	*a = *state;
	struct release	 r;
	int		 s;

	seed(a, &r);
	for (s = 0; s < STATE__COUNT; s++) {
		r.state = (enum release_state)s;
		roundtrip(a, &r);
	}
}

static void
test_roundtrip_edges(void **state)
{
	struct arena	*a = *state;
	struct release	 r;
	size_t		 i, j;
	static const char *const blocks[] = {
		"",
		" ",
		"  two leading spaces",
		"\tleading tab",
		"one line",
		"trailing newline\n",
		"two trailing newlines\n\n",
		"\nleading newline",
		"\n\n",
		"\n",
		"a\n\nb",
		"a\n\n\n\nb\n",
		"a\n b\n  c\n   d",
		" \n  \n   ",
		"Key: looks like a header\nState: published",
		"line ending in a space \nnext",
		"caf" E_ACUTE " " NDASH " l" APOS E_ACUTE "t" E_ACUTE NBSP "!",
	};
	static const char *const bodies[] = {
		"",
		"\n",
		"\n\nstarts with blank lines",
		"Id: 20990101-00000000\nRevision: 99\n\nlooks like a file\n",
		" leading space\n",
		"no trailing newline",
		"trailing newlines\n\n\n",
		"caf" E_ACUTE " " NDASH " l" APOS E_ACUTE "t" E_ACUTE NBSP
		    "!\n",
	};

	sample(&r);
	for (i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++) {
		r.lead = blocks[i];
		r.contacts = blocks[sizeof(blocks) / sizeof(blocks[0]) - 1 - i];
		for (j = 0; j < sizeof(bodies) / sizeof(bodies[0]); j++) {
			r.body = bodies[j];
			roundtrip(a, &r);
		}
	}
	/* One-line fields with odd but legal content. */
	sample(&r);
	r.title = "Title: with: colons:";
	r.subtitle = " leading and trailing spaces ";
	r.city = ":";
	r.topics = "";
	r.translation_of = "";
	r.author = "";
	r.modified_by = "";
	r.created = 0;
	r.modified = 0;
	r.rev = 1;
	r.public_rev = 1;
	roundtrip(a, &r);
	r.rev = 2147483647UL;
	r.created = (time_t)4102444800LL;	/* 2100-01-01 */
	roundtrip(a, &r);

	/* The workflow keys: none yet, at their edges, odd approvals. */
	sample(&r);
	r.seq = 1;
	r.rev = 1;
	r.approvals = "";
	r.public_rev = 0;
	r.publish_at = r.published_at = r.updated_at = 0;
	roundtrip(a, &r);
	r.approvals = NULL;		/* Reads as "". */
	roundtrip(a, &r);
	r.approvals = "bob@1795719372";
	r.public_rev = 1;		/* Public-Revision = Revision */
	roundtrip(a, &r);
	r.rev = r.seq = r.public_rev = 2147483647UL;
	r.publish_at = r.published_at = r.updated_at =
	    (time_t)4102444800LL;
	roundtrip(a, &r);
	r.rev = 3;
	r.seq = 99999;		/* Many state changes, few revisions. */
	r.public_rev = 2;
	r.approvals = "a@1 b.c@example.org@2 caf" E_ACUTE "@3";
	roundtrip(a, &r);
	for (i = 0; i < STATE__COUNT; i++) {
		r.state = (enum release_state)i;
		roundtrip(a, &r);
	}
}

/* A release with no workflow history yet: every new key is still written. */
static void
test_format_golden_fresh(void **state)
{
	struct arena	*a = *state;
	struct release	 r;
	struct buf	 b;
	static const char want[] =
	    "Id: 20261126-0123abcd\n"
	    "Revision: 1\n"
	    "Seq: 1\n"
	    "State: draft\n"
	    "Author: \n"
	    "Language: \n"
	    "Date: \n"
	    "City: \n"
	    "Topics: \n"
	    "Translation-Of: \n"
	    "Created: 0\n"
	    "Modified: 0\n"
	    "Modified-By: \n"
	    "Approvals: \n"
	    "Public-Revision: 0\n"
	    "Publish-At: 0\n"
	    "Published-At: 0\n"
	    "Updated-At: 0\n"
	    "Permalink: \n"
	    "Title: \n"
	    "Subtitle: \n"
	    "Lead: \n"
	    "Contacts: \n"
	    "Attachments: \n"
	    "\n";

	release_init(&r);
	/* A new release is revision 1, change 1: "Seq: 0" would not parse. */
	assert_int_equal(r.rev, 1);
	assert_int_equal(r.seq, 1);
	assert_string_equal(r.approvals, "");
	assert_int_equal(r.public_rev, 0);
	assert_int_equal(r.publish_at, 0);
	assert_int_equal(r.published_at, 0);
	assert_int_equal(r.updated_at, 0);
	r.id = "20261126-0123abcd";
	buf_init(&b, a);
	release_format(&r, &b);
	assert_string_equal(b.data, want);
	assert_int_equal(b.len, sizeof(want) - 1);
	roundtrip(a, &r);
}

/* The new keys read back, in any order, and what is missing is zero. */
static void
test_parse_workflow_keys(void **state)
{
	struct arena	*a = *state;
	struct release	 r;
	const char	*why;

	/* A file written before Seq existed counts its revisions. */
	assert_int_equal(parse(a, L(MINIMAL7 "\n"), &r, &why), ERR_OK);
	assert_int_equal(r.rev, 7);
	assert_int_equal(r.seq, 7);
	assert_string_equal(r.approvals, "");
	assert_int_equal(r.public_rev, 0);
	assert_int_equal(r.publish_at, 0);
	assert_int_equal(r.published_at, 0);
	assert_int_equal(r.updated_at, 0);
	/* Seq given: it is kept, wherever it is in the header. */
	assert_int_equal(parse(a, L(MINIMAL7 "Seq: 31\n\n"), &r, &why),
	    ERR_OK);
	assert_int_equal(r.seq, 31);
	assert_int_equal(r.rev, 7);
	assert_int_equal(parse(a, L("Seq: 8\n" MINIMAL7 "\n"), &r, &why),
	    ERR_OK);
	assert_int_equal(r.seq, 8);
	assert_int_equal(r.rev, 7);

	/* Every key, keys after the title ones, leading zeros. */
	assert_int_equal(parse(a, L("Updated-At: 0042\n"
	    "Title: t\n"
	    "Published-At: 1795600000\n"
	    "Public-Revision: 7\n"
	    MINIMAL7
	    "Approvals: carol@1795718000 dave@1795719000\n"
	    "Publish-At: 1795720000\n"
	    "Seq: 012\n"
	    "\nBody\n"), &r, &why), ERR_OK);
	assert_int_equal(r.seq, 12);
	assert_string_equal(r.approvals, "carol@1795718000 dave@1795719000");
	assert_int_equal(r.public_rev, 7);
	assert_int_equal(r.publish_at, 1795720000);
	assert_int_equal(r.published_at, 1795600000);
	assert_int_equal(r.updated_at, 42);
	assert_string_equal(r.title, "t");
	assert_string_equal(r.body, "Body\n");

	/* Empty Approvals, Public-Revision 0 (nothing public). */
	assert_int_equal(parse(a, L(MINIMAL7 "Approvals:\n"
	    "Public-Revision: 0\n\n"), &r, &why), ERR_OK);
	assert_string_equal(r.approvals, "");
	assert_int_equal(r.public_rev, 0);
	/* An Approvals value that continues is read like any other. */
	assert_int_equal(parse(a, L(MINIMAL7 "Approvals: a@1\n b@2\n\n"),
	    &r, &why), ERR_OK);
	assert_string_equal(r.approvals, "a@1\nb@2");
}

/* Public-Revision may equal Revision but never be above it. */
static void
test_parse_public_revision_above(void **state)
{
	struct arena	*a = *state;
	struct release	 r;
	const char	*why;
	size_t		 i;
	static const char *const bad[] = {
		MINIMAL7 "Public-Revision: 8\n\n",
		/* Before Revision in the file: the check sees both. */
		"Public-Revision: 8\nId: 20261126-0123abcd\nRevision: 7\n"
		    "State: published\n\n",
		MINIMAL "Public-Revision: 2\n\n",
		MINIMAL "Seq: 5\nPublic-Revision: 5\n\n",
		MINIMAL7 "Public-Revision: 99999999999\n\n",
	};

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why = NULL;
		if (parse(a, bad[i], strlen(bad[i]), &r, &why) != ERR_CORRUPT)
			fail_msg("case %zu: not ERR_CORRUPT", i);
		assert_non_null(why);
		assert_non_null(strstr(why, "Public-Revision"));
	}
	assert_int_equal(parse(a, L(MINIMAL7 "Public-Revision: 7\n\n"), &r,
	    &why), ERR_OK);
	assert_int_equal(r.public_rev, 7);
	assert_int_equal(parse(a, L(MINIMAL7 "Public-Revision: 6\n\n"), &r,
	    &why), ERR_OK);
	assert_int_equal(r.public_rev, 6);
}

static void
test_parse_minimal(void **state)
{
	struct arena	*a = *state;
	struct release	 r;
	const char	*why;

	assert_int_equal(parse(a, L(MINIMAL "\n"), &r, &why), ERR_OK);
	assert_string_equal(r.id, "20261126-0123abcd");
	assert_int_equal(r.rev, 1);
	assert_int_equal(r.seq, 1);
	assert_int_equal(r.state, STATE_DRAFT);
	assert_string_equal(r.approvals, "");
	assert_int_equal(r.public_rev, 0);
	assert_string_equal(r.title, "");
	assert_string_equal(r.lead, "");
	assert_string_equal(r.body, "");
	assert_string_equal(r.author, "");
	assert_int_equal(r.created, 0);

	/* Keys in any order, "Key:" with nothing after it, a body. */
	assert_int_equal(parse(a, L("State: review\nTitle:\nLead:\n x\n"
	    "Revision: 12\nId: 20261126-0123abcd\nCreated: 0042\n\nB"), &r,
	    &why), ERR_OK);
	assert_int_equal(r.state, STATE_REVIEW);
	assert_int_equal(r.rev, 12);
	assert_int_equal(r.seq, 12);
	assert_string_equal(r.title, "");
	assert_string_equal(r.lead, "\nx");
	assert_int_equal(r.created, 42);
	assert_string_equal(r.body, "B");

	/* A value holding ": " and a body holding a header. */
	assert_int_equal(parse(a, L(MINIMAL "Title: a: b\n\nTitle: c\n"), &r,
	    &why), ERR_OK);
	assert_string_equal(r.title, "a: b");
	assert_string_equal(r.body, "Title: c\n");
}

static void
test_parse_errors(void **state)
{
	struct arena	*a = *state;
	struct release	 r;
	const char	*why;
	size_t		 i;
	static const struct {
		const char	*text;
		const char	*what;
	} bad[] = {
		{ "", "empty file" },
		{ "\n", "blank line only (no Id)" },
		{ MINIMAL, "no blank line" },
		{ "Id: 20261126-0123abcd\nRevision: 1\nState: draft",
		    "no blank line, no final newline" },
		{ "Foo: x\n" MINIMAL "\n", "unknown key" },
		{ MINIMAL "Titre: x\n\n", "unknown key after the known" },
		{ "id: 20261126-0123abcd\nRevision: 1\nState: draft\n\n",
		    "key in the wrong case" },
		{ MINIMAL "Id: 20261126-0123abcd\n\n", "repeated Id" },
		{ MINIMAL "Title: a\nTitle: b\n\n", "repeated Title" },
		{ MINIMAL "Lead: a\n b\nLead: c\n\n", "repeated Lead" },
		{ "Revision: 1\nState: draft\n\nbody", "missing Id" },
		{ "Id: 20261126-0123abcd\nState: draft\n\n",
		    "missing Revision" },
		{ "Id: 20261126-0123abcd\nRevision: 1\n\n", "missing State" },
		{ "Id: x\nRevision: 0\nState: draft\n\n", "Revision 0" },
		{ "Id: x\nRevision: -1\nState: draft\n\n", "Revision -1" },
		{ "Id: x\nRevision: +1\nState: draft\n\n", "Revision +1" },
		{ "Id: x\nRevision:  1\nState: draft\n\n", "Revision  1" },
		{ "Id: x\nRevision: 1x\nState: draft\n\n", "Revision 1x" },
		{ "Id: x\nRevision: 1.0\nState: draft\n\n", "Revision 1.0" },
		{ "Id: x\nRevision: abc\nState: draft\n\n", "Revision abc" },
		{ "Id: x\nRevision:\nState: draft\n\n", "Revision empty" },
		{ "Id: x\nRevision: 99999999999999999999\nState: draft\n\n",
		    "Revision overflows" },
		{ "Id: x\nRevision: 1\n 2\nState: draft\n\n",
		    "Revision continued" },
		{ "Id: x\nRevision: 1\r\nState: draft\r\n\r\n",
		    "CRLF line ends" },
		{ "Id: x\nRevision: 1\nState: Draft\n\n", "State Draft" },
		{ "Id: x\nRevision: 1\nState: deleted\n\n", "State deleted" },
		{ "Id: x\nRevision: 1\nState:\n\n", "State empty" },
		{ MINIMAL "Created: -5\n\n", "Created negative" },
		{ MINIMAL "Modified: soon\n\n", "Modified not a number" },
		{ MINIMAL "Created: 99999999999999999999\n\n",
		    "Created overflows" },
		{ MINIMAL "Title x\n\n", "line without a colon" },
		{ MINIMAL "Title:x\n\n", "no space after the colon" },
		{ MINIMAL ": x\n\n", "empty key" },
		{ " x\n" MINIMAL "\n", "continuation before any key" },
		{ MINIMAL "Seq: 0\n\n", "Seq 0" },
		{ MINIMAL "Seq: -1\n\n", "Seq -1" },
		{ MINIMAL "Seq: +1\n\n", "Seq +1" },
		{ MINIMAL "Seq: 1x\n\n", "Seq 1x" },
		{ MINIMAL "Seq:\n\n", "Seq empty" },
		{ MINIMAL "Seq: 99999999999999999999\n\n", "Seq overflows" },
		{ MINIMAL "Seq: 1\nSeq: 2\n\n", "repeated Seq" },
		{ MINIMAL "seq: 1\n\n", "Seq in the wrong case" },
		{ MINIMAL "Public-Revision: -1\n\n", "Public-Revision -1" },
		{ MINIMAL "Public-Revision: x\n\n",
		    "Public-Revision not a number" },
		{ MINIMAL "Public-Revision:\n\n", "Public-Revision empty" },
		{ MINIMAL "Public-Revision: 1\nPublic-Revision: 1\n\n",
		    "repeated Public-Revision" },
		{ MINIMAL "Publish-At: -1\n\n", "Publish-At negative" },
		{ MINIMAL "Publish-At: tomorrow\n\n",
		    "Publish-At not a number" },
		{ MINIMAL "Published-At: 1.5\n\n", "Published-At 1.5" },
		{ MINIMAL "Updated-At: 99999999999999999999\n\n",
		    "Updated-At overflows" },
		{ MINIMAL "Updated-At:\n\n", "Updated-At empty" },
		{ MINIMAL "Approvals: a\nApprovals: b\n\n",
		    "repeated Approvals" },
		{ MINIMAL "Approval: a\n\n", "Approval, not Approvals" },
		{ MINIMAL "Public-Revision: 2\n\n",
		    "Public-Revision above Revision" },
	};

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why = NULL;
		if (parse(a, bad[i].text, strlen(bad[i].text), &r, &why) !=
		    ERR_CORRUPT)
			fail_msg("%s: not ERR_CORRUPT", bad[i].what);
		if (why == NULL)
			fail_msg("%s: no reason given", bad[i].what);
	}
}

static void
test_parse_nul(void **state)
{
	struct arena	*a = *state;
	struct release	 r;
	const char	*why;

	assert_int_equal(parse(a, L(MINIMAL "Title: a\0b\n\n"), &r, &why),
	    ERR_CORRUPT);
	assert_non_null(why);
	assert_int_equal(parse(a, L(MINIMAL "\nbody\0"), &r, &why),
	    ERR_CORRUPT);
}

static void
test_parse_size_limit(void **state)
{
	struct arena	*a = *state;
	struct release	 r;
	const char	*why;
	char		*big;
	size_t		 hl = sizeof(MINIMAL "\n") - 1;

	big = malloc(LIM_RELEASE_FILE_MAX + 1);
	assert_non_null(big);
	memcpy(big, MINIMAL "\n", hl);
	memset(big + hl, 'x', LIM_RELEASE_FILE_MAX + 1 - hl);
	assert_int_equal(release_parse(a, big, LIM_RELEASE_FILE_MAX, &r, &why),
	    ERR_OK);
	assert_int_equal(strlen(r.body), LIM_RELEASE_FILE_MAX - hl);
	assert_int_equal(release_parse(a, big, LIM_RELEASE_FILE_MAX + 1, &r,
	    &why), ERR_TOOBIG);
	free(big);
}

/* Validators. */

/* The code release_validate() gives one field, ERR_OK if none. */
static enum err
field_code(const struct release *r, const char *name)
{
	struct field_error	 errs[16];
	size_t			 i, n;

	n = release_validate(r, langs, NLANGS, errs, 16);
	assert_true(n <= 16);
	for (i = 0; i < n; i++)
		if (strcmp(errs[i].field, name) == 0)
			return errs[i].code;
	return ERR_OK;
}

static const struct field *
field_named(const char *name)
{
	size_t	 i;

	for (i = 0; i < release_nfields; i++)
		if (strcmp(release_fields[i].name, name) == 0)
			return &release_fields[i];
	fail_msg("no field %s", name);
	return NULL;
}

/* Set one field of a valid release and return its code. */
static enum err
check(const char *name, const char *value)
{
	struct release	 r;

	sample(&r);
	release_field_set(&r, field_named(name), value);
	return field_code(&r, name);
}

static void
test_validate_valid(void **state)
{
	struct arena	*a = *state;
	struct release	 r;
	struct field_error errs[4];

	sample(&r);
	assert_int_equal(release_validate(&r, langs, NLANGS, errs, 4), 0);
	seed(a, &r);
	assert_int_equal(release_validate(&r, langs, NLANGS, errs, 4), 0);
}

static void
test_validate_required(void **state)
{
	struct release	 r;
	struct field_error errs[16];

	(void)state;
	release_init(&r);
	assert_int_equal(release_validate(&r, langs, NLANGS, errs, 16), 4);
	assert_string_equal(errs[0].field, "title");
	assert_string_equal(errs[1].field, "lead");
	assert_string_equal(errs[2].field, "lang");
	assert_string_equal(errs[3].field, "date");
	assert_int_equal(errs[0].code, ERR_INVALID);
	assert_int_equal(errs[3].code, ERR_INVALID);
	/* NULL strings read as "". */
	memset(&r, 0, sizeof(r));
	assert_int_equal(release_validate(&r, langs, NLANGS, errs, 16), 4);
}

static void
test_validate_max_errors(void **state)
{
	struct release	 r;
	struct field_error errs[3];

	(void)state;
	release_init(&r);
	errs[1].field = "untouched";
	assert_int_equal(release_validate(&r, langs, NLANGS, errs, 1), 4);
	assert_string_equal(errs[0].field, "title");
	assert_string_equal(errs[1].field, "untouched");
	assert_int_equal(release_validate(&r, langs, NLANGS, NULL, 0), 4);
}

static void
test_validate_limits(void **state)
{
	struct arena	*a = *state;
	const struct field *f;
	char		*v;
	size_t		 i;

	/* The title at LIM_TITLE_MAX bytes and one more, ASCII and UTF-8. */
	v = arena_alloc(a, LIM_TITLE_MAX + 2);
	memset(v, 'a', LIM_TITLE_MAX);
	assert_int_equal(check("title", v), ERR_OK);
	v[LIM_TITLE_MAX] = 'a';
	assert_int_equal(check("title", v), ERR_TOOBIG);
	memcpy(v + LIM_TITLE_MAX - 2, E_ACUTE, 2);
	v[LIM_TITLE_MAX] = '\0';
	assert_int_equal(check("title", v), ERR_OK);
	memset(v, 'a', LIM_TITLE_MAX);
	memcpy(v + LIM_TITLE_MAX - 1, E_ACUTE, 2);
	assert_int_equal(check("title", v), ERR_TOOBIG);

	/* Every text field at its limit and one byte over. */
	for (i = 0; i < release_nfields; i++) {
		f = &release_fields[i];
		if (f->kind != FIELD_LINE && f->kind != FIELD_BLOCK)
			continue;
		v = arena_alloc(a, f->max + 2);
		memset(v, 'x', f->max);
		if (check(f->name, v) != ERR_OK)
			fail_msg("%s: %zu bytes refused", f->name, f->max);
		v[f->max] = 'x';
		if (check(f->name, v) != ERR_TOOBIG)
			fail_msg("%s: %zu bytes accepted", f->name,
			    f->max + 1);
	}
}

static void
test_validate_utf8(void **state)
{
	size_t		 i;
	static const char *const bad[] = {
		"caf\xc3",		/* truncated */
		"caf\xc3(",		/* bad continuation */
		"\xc0\xaf",		/* overlong / */
		"\xe0\x80\xaf",		/* overlong / */
		"\xed\xa0\x80",		/* surrogate U+D800 */
		"\xf4\x90\x80\x80",	/* above U+10FFFF */
		"\x80",			/* stray continuation */
		"\xff",
		"caf\xe9",		/* Latin-1 é */
	};

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(check("title", bad[i]), ERR_UTF8);
		assert_int_equal(check("lead", bad[i]), ERR_UTF8);
		assert_int_equal(check("body", bad[i]), ERR_UTF8);
		assert_int_equal(check("city", bad[i]), ERR_UTF8);
	}
	assert_int_equal(check("title", "L" APOS E_ACUTE "t" E_ACUTE " "
	    NDASH NBSP "\xf0\x9f\x93\xb0"), ERR_OK);
}

static void
test_validate_controls(void **state)
{
	size_t		 i;
	static const char *const ctl[] = {
		"a\rb", "a\nb", "a\tb", "\x01", "a\x1b[0m", "a\x7f",
		"a\xc2\x85" "b",	/* NEL, a C1 control */
		"trailing newline\n",
	};

	(void)state;
	for (i = 0; i < sizeof(ctl) / sizeof(ctl[0]); i++) {
		assert_int_equal(check("title", ctl[i]), ERR_CTRL);
		assert_int_equal(check("subtitle", ctl[i]), ERR_CTRL);
		assert_int_equal(check("city", ctl[i]), ERR_CTRL);
		assert_int_equal(check("topics", ctl[i]), ERR_CTRL);
	}
	/* Blocks take LF and TAB, never CR or other controls. */
	assert_int_equal(check("lead", "a\nb\tc\n"), ERR_OK);
	assert_int_equal(check("contacts", "\n\n\t\n"), ERR_OK);
	assert_int_equal(check("lead", "a\r\nb"), ERR_CTRL);
	assert_int_equal(check("body", "a\rb"), ERR_CTRL);
	assert_int_equal(check("contacts", "a\x7f"), ERR_CTRL);
	assert_int_equal(check("body", "a\xc2\x9f"), ERR_CTRL);
	/*
	 * A NUL cannot be inside a C string field; the one-line check the
	 * validator uses refuses it, and so does the parser (test_parse_nul).
	 */
	assert_int_equal(text_check_line(L("a\0b"), LIM_TITLE_MAX), ERR_CTRL);
	assert_int_equal(check("title", "a\0b"), ERR_OK);	/* "a" */
}

static void
test_validate_dates(void **state)
{
	size_t		 i;
	static const char *const good[] = {
		"2024-02-29", "2000-02-29", "2026-11-26", "2026-12-31",
		"2026-01-01", "2026-04-30", "1900-01-01", "9999-12-31",
	};
	static const struct {
		const char	*d;
		enum err	 e;
	} bad[] = {
		{ "2023-02-29", ERR_INVALID },
		{ "1900-02-29", ERR_INVALID },
		{ "2100-02-29", ERR_INVALID },
		{ "2026-02-30", ERR_INVALID },
		{ "2026-13-01", ERR_INVALID },
		{ "2026-00-10", ERR_INVALID },
		{ "2026-04-31", ERR_INVALID },
		{ "2026-01-00", ERR_INVALID },
		{ "2026-01-32", ERR_INVALID },
		{ "1899-12-31", ERR_INVALID },
		{ "2026-1-01", ERR_INVALID },
		{ "2026/01/01", ERR_INVALID },
		{ "26-01-2026", ERR_INVALID },
		{ "2026-01-0a", ERR_INVALID },
		{ "+026-01-01", ERR_INVALID },
		{ "2026-01-01 ", ERR_TOOBIG },
		{ "2026-01-01T00:00", ERR_TOOBIG },
		{ "2026-01-1\n", ERR_CTRL },
		{ "", ERR_INVALID },
	};

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		if (!release_date_valid(good[i]))
			fail_msg("%s refused", good[i]);
		assert_int_equal(check("date", good[i]), ERR_OK);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (release_date_valid(bad[i].d))
			fail_msg("%s accepted", bad[i].d);
		if (check("date", bad[i].d) != bad[i].e)
			fail_msg("%s: code %d, want %d", bad[i].d,
			    check("date", bad[i].d), bad[i].e);
	}
}

static void
test_validate_lang(void **state)
{

	(void)state;
	assert_int_equal(check("lang", "fr"), ERR_OK);
	assert_int_equal(check("lang", "en"), ERR_OK);
	assert_int_equal(check("lang", "it"), ERR_INVALID);
	assert_int_equal(check("lang", "FR"), ERR_INVALID);
	assert_int_equal(check("lang", "fr "), ERR_INVALID);
	assert_int_equal(check("lang", "f"), ERR_INVALID);
	assert_int_equal(check("lang", ""), ERR_INVALID);
	assert_int_equal(check("lang", "fr\n"), ERR_CTRL);
	assert_int_equal(check("lang", "fran\xc3\xa7" "ais"), ERR_TOOBIG);
	assert_int_equal(check("lang", "\xff"), ERR_UTF8);
}

static void
test_validate_translation_of(void **state)
{

	(void)state;
	assert_int_equal(check("translation_of", ""), ERR_OK);
	assert_int_equal(check("translation_of", "20261120-deadbeef"),
	    ERR_OK);
	assert_int_equal(check("translation_of", "20261120-DEADBEEF"),
	    ERR_INVALID);
	assert_int_equal(check("translation_of", "20261120-deadbee"),
	    ERR_INVALID);
	assert_int_equal(check("translation_of", "20261120_deadbeef"),
	    ERR_INVALID);
	assert_int_equal(check("translation_of", "20261120-deadbeeg"),
	    ERR_INVALID);
	assert_int_equal(check("translation_of", "../../etc/passwd"),
	    ERR_INVALID);
	assert_int_equal(check("translation_of", "20261120-deadbe" E_ACUTE),
	    ERR_INVALID);
	assert_int_equal(check("translation_of", "20261120-deadbeef0"),
	    ERR_TOOBIG);
	assert_int_equal(check("translation_of", "20261120\tdeadbeef"),
	    ERR_CTRL);
	assert_int_equal(check("translation_of", "2026112\xff-deadbeef"),
	    ERR_UTF8);
}

static void
test_id_valid(void **state)
{
	(void)state;
	assert_int_equal(release_id_valid("20261126-0123abcd"), 1);
	assert_int_equal(release_id_valid("00000000-00000000"), 1);
	assert_int_equal(release_id_valid(""), 0);
	assert_int_equal(release_id_valid("20261126-0123abc"), 0);
	assert_int_equal(release_id_valid("20261126-0123abcde"), 0);
	assert_int_equal(release_id_valid("20261126-0123ABCD"), 0);
	assert_int_equal(release_id_valid("2026112a-0123abcd"), 0);
	assert_int_equal(release_id_valid("20261126/0123abcd"), 0);
	assert_int_equal(release_id_valid("../../etc/passwd!"), 0);
	assert_int_equal(release_id_valid("20261126-0123abc\n"), 0);
}

static void
test_state_names(void **state)
{
	enum release_state	 s, got;
	int			 i;

	(void)state;
	for (i = 0; i < STATE__COUNT; i++) {
		s = (enum release_state)i;
		assert_int_equal(release_state_parse(release_state_name(s),
		    &got), 1);
		assert_int_equal(got, s);
	}
	assert_string_equal(release_state_name(STATE_DRAFT), "draft");
	assert_string_equal(release_state_name(STATE_CHANGES), "changes");
	assert_string_equal(release_state_name(STATE_WITHDRAWN), "withdrawn");
	assert_string_equal(release_state_name(STATE__COUNT), "unknown");
	assert_int_equal(release_state_parse("Draft", &got), 0);
	assert_int_equal(release_state_parse("", &got), 0);
	assert_int_equal(release_state_parse("unknown", &got), 0);
	assert_int_equal(release_state_parse("draft ", &got), 0);
}

static void
test_field_table(void **state)
{
	struct release	 r;
	size_t		 i;
	static const char *const names[] = {
		"title", "subtitle", "lead", "body", "lang", "city", "date",
		"topics", "contacts", "translation_of",
	};

	(void)state;
	assert_int_equal(release_nfields, sizeof(names) / sizeof(names[0]));
	release_init(&r);
	for (i = 0; i < release_nfields; i++) {
		assert_string_equal(release_fields[i].name, names[i]);
		assert_string_equal(release_field(&r, &release_fields[i]), "");
		release_field_set(&r, &release_fields[i], names[i]);
	}
	assert_string_equal(r.title, "title");
	assert_string_equal(r.body, "body");
	assert_string_equal(r.translation_of, "translation_of");
	for (i = 0; i < release_nfields; i++)
		assert_string_equal(release_field(&r, &release_fields[i]),
		    names[i]);
	assert_int_equal(field_named("title")->max, LIM_TITLE_MAX);
	assert_int_equal(field_named("body")->max, LIM_BODY_TEXT_MAX);
	assert_int_equal(field_named("lead")->kind, FIELD_BLOCK);
	assert_int_equal(field_named("date")->kind, FIELD_DATE);
}

/* release_same_content(): the editable fields, byte for byte, only. */
static void
test_same_content(void **state)
{
	struct arena	*a = *state;
	struct release	 x, y;
	const struct field *f;
	const char	*v;
	char		*longer, *shorter;
	size_t		 i, len;

	sample(&x);
	sample(&y);
	assert_int_equal(release_same_content(&x, &y), 1);
	assert_int_equal(release_same_content(&x, &x), 1);
	/* Equal bytes in other buffers are the same content. */
	for (i = 0; i < release_nfields; i++) {
		f = &release_fields[i];
		release_field_set(&y, f, arena_strdup(a, release_field(&x, f)));
	}
	assert_int_equal(release_same_content(&x, &y), 1);
	assert_int_equal(release_same_content(&y, &x), 1);

	/* What is not an editable field does not count. */
	y.id = "20990101-ffffffff";
	y.rev = x.rev + 1;
	y.seq = x.seq + 5;
	y.state = STATE_WITHDRAWN;
	y.author = "mallory";
	y.modified_by = "eve";
	y.created = 1;
	y.modified = 2;
	y.approvals = "";
	y.public_rev = 0;
	y.publish_at = y.published_at = y.updated_at = 3;
	assert_int_equal(release_same_content(&x, &y), 1);

	/* Each editable field, changed alone, by one byte at its end. */
	for (i = 0; i < release_nfields; i++) {
		f = &release_fields[i];
		sample(&y);
		v = release_field(&x, f);
		len = strlen(v);
		longer = arena_printf(a, "%s ", v);
		release_field_set(&y, f, longer);
		if (release_same_content(&x, &y) != 0 ||
		    release_same_content(&y, &x) != 0)
			fail_msg("%s: one more byte is the same content",
			    f->name);
		if (len > 0) {
			shorter = arena_strndup(a, v, len - 1);
			release_field_set(&y, f, shorter);
			if (release_same_content(&x, &y) != 0)
				fail_msg("%s: one byte less is the same "
				    "content", f->name);
			/* The last byte changed, the length kept. */
			longer = arena_strdup(a, v);
			longer[len - 1] ^= 1;
			release_field_set(&y, f, longer);
			if (release_same_content(&x, &y) != 0)
				fail_msg("%s: another last byte is the same "
				    "content", f->name);
		}
	}
	/* NULL reads as "", like everywhere else. */
	release_init(&x);
	memset(&y, 0, sizeof(y));
	assert_int_equal(release_same_content(&x, &y), 1);
	x.body = "\n";
	assert_int_equal(release_same_content(&x, &y), 0);
	/* Trailing newlines and spaces are content. */
	sample(&x);
	sample(&y);
	y.body = "Corps.\n\n";
	assert_int_equal(release_same_content(&x, &y), 0);
	y.body = "Corps.";
	assert_int_equal(release_same_content(&x, &y), 0);
	y.body = "Corps.\n";
	/* The lead without its leading spaces. */
	y.lead = "Deux lignes,\n\navec une vide.";
	assert_int_equal(release_same_content(&x, &y), 0);
}

/* release_is_public(): a public revision, not withdrawn, its time come. */
static void
test_is_public(void **state)
{
	struct release	 r;
	const time_t	 now = 1795720000;
	int		 s;

	(void)state;
	sample(&r);
	r.publish_at = now;
	assert_int_equal(release_is_public(&r, now), 1);	/* its second */
	assert_int_equal(release_is_public(&r, now - 1), 0);	/* embargo */
	assert_int_equal(release_is_public(&r, now + 1), 1);
	r.publish_at = now + 3600;				/* future */
	assert_int_equal(release_is_public(&r, now), 0);
	assert_int_equal(release_is_public(&r, now + 3599), 0);
	assert_int_equal(release_is_public(&r, now + 3600), 1);
	r.publish_at = 0;					/* at once */
	assert_int_equal(release_is_public(&r, now), 1);
	assert_int_equal(release_is_public(&r, 0), 1);
	r.publish_at = now - 86400;				/* past */
	assert_int_equal(release_is_public(&r, now), 1);

	/* No public revision: never public, whatever the rest says. */
	r.public_rev = 0;
	r.state = STATE_PUBLISHED;
	r.published_at = now - 86400;
	assert_int_equal(release_is_public(&r, now), 0);
	r.publish_at = 0;
	assert_int_equal(release_is_public(&r, now), 0);
	release_init(&r);
	assert_int_equal(release_is_public(&r, now), 0);

	/* Withdrawn: offline, even with its time long come. */
	sample(&r);
	r.publish_at = now - 86400;
	r.state = STATE_WITHDRAWN;
	assert_int_equal(release_is_public(&r, now), 0);
	r.publish_at = 0;
	assert_int_equal(release_is_public(&r, now), 0);

	/*
	 * A correction in any other state keeps the public revision online
	 * (published, then edited: draft, review, changes, approved, or its
	 * correction rejected).
	 */
	for (s = 0; s < STATE__COUNT; s++) {
		sample(&r);
		r.state = (enum release_state)s;
		r.publish_at = now - 10;
		r.public_rev = 1;
		r.rev = 4;
		assert_int_equal(release_is_public(&r, now),
		    s == STATE_WITHDRAWN ? 0 : 1);
		r.publish_at = now + 10;
		assert_int_equal(release_is_public(&r, now), 0);
	}
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

/* Topics as people type them: spaces around, empty ones, accents kept. */
static void
test_topics(void **state)
{
	struct arena	 a;
	const char	*v[4];
	size_t		 n;

	(void)state;
	arena_init(&a);
	n = release_topics(&a, " coop" E_ACUTE "ration , ,Balkans,  ", v, 4);
	assert_int_equal(n, 2);
	assert_string_equal(v[0], "coop" E_ACUTE "ration");
	assert_string_equal(v[1], "Balkans");
	assert_int_equal(release_topics(&a, "", v, 4), 0);
	assert_int_equal(release_topics(&a, " , ,", v, 4), 0);
	/* No more than asked for. */
	assert_int_equal(release_topics(&a, "a,b,c,d,e", v, 2), 2);
	assert_string_equal(v[1], "b");
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_format_golden),
		T(test_format_golden_fresh),
		T(test_roundtrip_seed),
		T(test_roundtrip_seed_every_state),
		T(test_roundtrip_edges),
		T(test_parse_minimal),
		T(test_parse_errors),
		T(test_parse_workflow_keys),
		T(test_parse_public_revision_above),
		T(test_parse_nul),
		T(test_parse_size_limit),
		T(test_validate_valid),
		T(test_validate_required),
		T(test_validate_max_errors),
		T(test_validate_limits),
		T(test_validate_utf8),
		T(test_validate_controls),
		T(test_validate_dates),
		T(test_validate_lang),
		T(test_validate_translation_of),
		T(test_id_valid),
		T(test_state_names),
		T(test_field_table),
		T(test_same_content),
		T(test_is_public),
		T(test_topics),
	};

	return cmocka_run_group_tests_name("release", tests, NULL, NULL);
}
