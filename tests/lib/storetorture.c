/*
 * storetorture.c: a helper for the crash and concurrency tests of store.c.
 *
 *	storetorture create DATADIR N
 *		create N releases and print their ids, one per line
 *	storetorture write [-n COUNT] [-d USEC] DATADIR WRITER SEED ID...
 *		save new content to the ids, forever or COUNT times (-n, or
 *		the environment's STORETORTURE_COUNT), pausing up to USEC
 *		microseconds between reading and saving; print
 *		"ack ID REV WRITER" after each successful save and
 *		"stale ID BASE" after each ERR_STALE; exit 2 on any other
 *		error
 *	storetorture verify DATADIR ACKFILE...
 *		check the data directory against the writers' acks: every
 *		release, each of its revision files rev-1 ... rev-<current>
 *		(and the one orphan rev-<current + 1> that a killed save may
 *		leave), its history; print "ok releases=... orphans=..." or
 *		the problems
 *	storetorture revs DATADIR
 *		print "ID REV" for every release, sorted by id
 *
 * The content of every revision is a pure function of (writer, id, rev),
 * and the title names the writer, the id and the revision.  verify
 * recomputes the content from the title, so a torn file, a file mixing two
 * saves or a field lost in a round trip is reported, not just a file that
 * does not parse.  Writer 0 is "creator": the content of revision 1.  The
 * same goes for every revision file rev-<k>: it must hold what the writer
 * its title names wrote for revision k.  Every save here is of new text,
 * so every change is a revision: Seq = Revision, and the history has one
 * line per change with seq = rev.
 *
 * Each ack line goes out in one write(2) after the save returned, so a
 * SIGKILL can lose an ack (the save is then newer than any ack, which is
 * fine) but never leave half of one.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
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

#define CREATOR		"creator"
#define MAX_IDS		256
#define ACK_LINE_MAX	128

/*
 * French text as typed in a release: l’été, –, NBSP (U+00A0), déjà and
 * coopération.
 */
#define FR_ETE		"l\xe2\x80\x99\xc3\xa9t\xc3\xa9"
#define FR_DASH		"\xe2\x80\x93"
#define FR_NBSP		"\xc2\xa0"
#define FR_DEJA		"d\xc3\xa9j\xc3\xa0"
#define FR_COOP		"coop\xc3\xa9ration"

static const char *const langs[] = { "fr", "en", "de" };

struct rel {
	char		 id[RELEASE_ID_LEN + 1];
	unsigned long	 rev;
	unsigned	*acked;		/* [rev]: 1 + the writer that acked it */
	unsigned char	*present;	/* [k]: rev-<k> is there, k <= rev */
	unsigned long	 orphan;	/* k of a rev-<k> above rev, or 0 */
};

static size_t	 problems;

static void
usage(void)
{
	fprintf(stderr,
	    "usage: storetorture create DATADIR N\n"
	    "       storetorture write [-n COUNT] [-d USEC] DATADIR WRITER "
	    "SEED ID...\n"
	    "       storetorture verify DATADIR ACKFILE...\n"
	    "       storetorture revs DATADIR\n");
	exit(2);
}

static void	 problem(const char *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

static void
problem(const char *id, const char *fmt, ...)
{
	va_list	 ap;

	printf("%s: ", id);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	problems++;
}

/* FNV-1a over a string, continuing from h. */
static uint64_t
fnv(uint64_t h, const char *s)
{
	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

static uint64_t
content_hash(unsigned writer, const char *id, unsigned long rev)
{
	char	 tmp[64];

	snprintf(tmp, sizeof(tmp), "%u|%lu|", writer, rev);
	return fnv(fnv(0xcbf29ce484222325ULL, tmp), id);
}

static const char *
user_name(struct arena *a, unsigned writer)
{
	return writer == 0 ? CREATOR : arena_printf(a, "w%u", writer);
}

/*
 * Fill the editable fields and the state of r with the content that writer
 * gives revision rev of release id.  The layout varies with a hash so that
 * the edge cases of the file format (leading spaces, empty lines in a
 * continued value, a trailing newline or not, body lines that look like a
 * header) all go through the store.
 */
static void
make_content(struct arena *a, struct release *r, unsigned writer,
    const char *id, unsigned long rev)
{
	struct buf	 b;
	uint64_t	 h = content_hash(writer, id, rev);
	unsigned	 i, n;

	r->title = arena_printf(a, "w%u %s r%lu", writer, id, rev);
	r->subtitle = (h & 4) ? "" : arena_printf(a,
	    "Sous-titre " FR_DASH " %s" FR_NBSP "!", FR_ETE);
	r->lead = arena_printf(a, "%sLead w%u %s r%lu" FR_NBSP ":\n\n"
	    "  " FR_ETE " " FR_DASH " " FR_DEJA FR_NBSP "!%s",
	    (h & 8) ? "  " : "", writer, id, rev, (h & 2) ? "\n" : "");
	r->contacts = (h & 16) ? "" : arena_printf(a,
	    "Service de presse " FR_DASH " w%u\n\n t\xc3\xa9l." FR_NBSP
	    ": +32 2 511 74 77\n", writer);
	r->lang = "fr";
	r->city = "Bruxelles";
	r->date = (h & 32) ? "2024-02-29" : "2026-11-26";
	r->topics = arena_printf(a, FR_COOP ", w%u", writer);
	r->translation_of = "";
	r->state = writer == 0 ? STATE_DRAFT :
	    (enum release_state)((writer * 7 + rev) % STATE__COUNT);

	buf_init(&b, a);
	if (h & 64)
		buf_puts(&b, "\n");
	n = 16 + (unsigned)((h >> 8) % 48);
	for (i = 0; i < n; i++) {
		if (i % 11 == 5)
			buf_printf(&b, "Title: pas un en-t%ste w%u\n",
			    "\xc3\xaa", writer);
		else if (i % 13 == 7)
			buf_puts(&b, "\n  indent\xc3\xa9\n");
		buf_printf(&b, "%u. w%u %s r%lu " FR_DASH " " FR_ETE ", "
		    FR_DEJA FR_NBSP ": " FR_COOP " %08lx\n", i, writer, id,
		    rev, (unsigned long)(fnv(h, "line") + i) & 0xffffffffUL);
	}
	if (h & 1)
		buf_puts(&b, "Fin sans saut de ligne.");
	r->body = b.data;
}

static void
die_err(const char *what, const char *id, enum err e)
{
	fprintf(stderr, "storetorture: %s %s: error %d\n", what, id, (int)e);
	exit(2);
}

static void
open_store(struct store *s, const char *dir)
{
	enum err	 e;

	if ((e = store_open(s, dir)) != ERR_OK)
		die_err("store_open", dir, e);
}

static int
cmd_create(int argc, char **argv)
{
	struct store	 s;
	struct arena	 a;
	struct release	 r;
	enum err	 e;
	long		 i, n;
	char		*end;

	if (argc != 2)
		usage();
	n = strtol(argv[1], &end, 10);
	if (*end != '\0' || n < 1 || n > MAX_IDS)
		usage();
	open_store(&s, argv[0]);
	arena_init(&a);
	for (i = 0; i < n; i++) {
		arena_reset(&a);
		release_init(&r);
		make_content(&a, &r, 0, "new", 1);
		if ((e = store_release_create(&s, &a, &r, CREATOR)) != ERR_OK)
			die_err("store_release_create", "-", e);
		printf("%s\n", r.id);
	}
	arena_free(&a);
	store_close(&s);
	return 0;
}

/* xorshift64*: reproducible from the seed, good enough for picking. */
static uint64_t
rnd(uint64_t *st)
{
	*st ^= *st >> 12;
	*st ^= *st << 25;
	*st ^= *st >> 27;
	return *st * 0x2545f4914f6cdd1dULL;
}

static void
say(const char *line, size_t len)
{
	ssize_t	 n;

	/* One write(2): all of the line or, if killed, none of it. */
	while ((n = write(STDOUT_FILENO, line, len)) == -1 && errno == EINTR)
		;
	if (n != (ssize_t)len) {
		fprintf(stderr, "storetorture: short write to stdout\n");
		exit(2);
	}
}

static int
cmd_write(int argc, char **argv)
{
	struct store	 s;
	struct arena	 a;
	struct release	 r;
	const char	*id;
	char		 line[ACK_LINE_MAX], *end, *user;
	unsigned long	 base, count = 0, iter, delay = 0, writer;
	uint64_t	 st;
	enum err	 e;
	int		 n;

	while (argc >= 2 && argv[0][0] == '-') {
		if (strcmp(argv[0], "-n") == 0)
			count = strtoul(argv[1], &end, 10);
		else if (strcmp(argv[0], "-d") == 0)
			delay = strtoul(argv[1], &end, 10);
		else
			usage();
		if (*end != '\0')
			usage();
		argc -= 2;
		argv += 2;
	}
	if (count == 0 && getenv("STORETORTURE_COUNT") != NULL)
		count = strtoul(getenv("STORETORTURE_COUNT"), NULL, 10);
	if (argc < 4)
		usage();
	writer = strtoul(argv[1], &end, 10);
	if (*end != '\0' || writer == 0 || writer > 9999)
		usage();
	st = strtoull(argv[2], &end, 10) * 0x9e3779b97f4a7c15ULL + writer;
	if (*end != '\0')
		usage();
	if (st == 0)
		st = 1;
	open_store(&s, argv[0]);
	arena_init(&a);
	if ((user = strdup(user_name(&a, (unsigned)writer))) == NULL)
		abort();
	argc -= 3;
	argv += 3;
	for (iter = 0; count == 0 || iter < count; iter++) {
		arena_reset(&a);
		id = argv[rnd(&st) % (uint64_t)argc];
		if ((e = store_release_get(&s, &a, id, &r)) != ERR_OK)
			die_err("store_release_get", id, e);
		base = r.rev;
		make_content(&a, &r, (unsigned)writer, id, base + 1);
		if (delay > 0)
			usleep((useconds_t)(rnd(&st) % delay));
		e = store_release_save(&s, &a, &r, base, user,
		    arena_printf(&a, "w%lu\tsave %lu\n" FR_ETE "\\", writer,
		    iter));
		if (e == ERR_OK) {
			if (r.rev != base + 1 || r.seq != r.rev) {
				fprintf(stderr, "storetorture: %s: saved "
				    "rev %lu seq %lu on base %lu\n", id, r.rev,
				    r.seq, base);
				exit(2);
			}
			n = snprintf(line, sizeof(line), "ack %s %lu %lu\n",
			    id, r.rev, writer);
		} else if (e == ERR_STALE)
			n = snprintf(line, sizeof(line), "stale %s %lu\n", id,
			    base);
		else
			die_err("store_release_save", id, e);
		if (n < 0 || (size_t)n >= sizeof(line))
			abort();
		say(line, (size_t)n);
	}
	arena_free(&a);
	store_close(&s);
	free(user);
	return 0;
}

static int
by_id(const void *pa, const void *pb)
{
	const struct rel	*a = pa, *b = pb;

	return strcmp(a->id, b->id);
}

/* Read the release ids in DATADIR/releases, sorted. */
static size_t
list_ids(const char *dir, struct rel *v, size_t max)
{
	struct dirent	*de;
	char		*path;
	DIR		*d;
	size_t		 n = 0;

	if (asprintf(&path, "%s/releases", dir) == -1)
		abort();
	if ((d = opendir(path)) == NULL) {
		fprintf(stderr, "storetorture: %s: %s\n", path,
		    strerror(errno));
		exit(2);
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (!release_id_valid(de->d_name)) {
			problem(de->d_name, "%s",
			    "not a release id in releases/");
			continue;
		}
		if (n == max) {
			problem(de->d_name, "%s", "too many releases");
			break;
		}
		memset(&v[n], 0, sizeof(v[n]));
		memcpy(v[n].id, de->d_name, RELEASE_ID_LEN + 1);
		n++;
	}
	closedir(d);
	free(path);
	qsort(v, n, sizeof(*v), by_id);
	return n;
}

static int
cmd_revs(int argc, char **argv)
{
	struct store	 s;
	struct arena	 a;
	struct release	 r;
	struct rel	 v[MAX_IDS];
	size_t		 i, n;
	enum err	 e;

	if (argc != 1)
		usage();
	n = list_ids(argv[0], v, MAX_IDS);
	open_store(&s, argv[0]);
	arena_init(&a);
	for (i = 0; i < n; i++) {
		arena_reset(&a);
		if ((e = store_release_get(&s, &a, v[i].id, &r)) != ERR_OK)
			die_err("store_release_get", v[i].id, e);
		printf("%s %lu\n", v[i].id, r.rev);
	}
	arena_free(&a);
	store_close(&s);
	return problems > 0;
}

static int
streq(const char *a, const char *b)
{
	return strcmp(a == NULL ? "" : a, b == NULL ? "" : b) == 0;
}

/*
 * Compare a stored text (what, the release file or a rev-<k>) with the
 * content its title claims.  Returns the writer, or -1 if the title names
 * none.
 */
static long
check_content(struct arena *a, const struct release *r, const char *what)
{
	struct release	 want;
	struct field_error errs[4];
	char		 idtok[RELEASE_ID_LEN + 2], tail;
	unsigned	 writer;
	unsigned long	 rev;
	size_t		 i;

	if (sscanf(r->title, "w%u %18s r%lu%c", &writer, idtok, &rev,
	    &tail) != 3) {
		problem(r->id, "%s: title not made by a writer: \"%s\"", what,
		    r->title);
		return -1;
	}
	if (rev != r->rev) {
		problem(r->id, "%s: title names another revision: \"%s\"",
		    what, r->title);
		return -1;
	}
	if (writer == 0 ? strcmp(idtok, "new") != 0 || rev != 1 :
	    strcmp(idtok, r->id) != 0) {
		problem(r->id, "%s: title names another release: \"%s\"",
		    what, r->title);
		return -1;
	}
	want = *r;
	make_content(a, &want, writer, writer == 0 ? "new" : r->id, rev);
	for (i = 0; i < release_nfields; i++)
		if (!streq(release_field(r, &release_fields[i]),
		    release_field(&want, &release_fields[i])))
			problem(r->id, "%s: field %s differs from what its "
			    "writer wrote", what, release_fields[i].name);
	if (r->state != want.state)
		problem(r->id, "%s: State %s is not what its writer saved",
		    what, release_state_name(r->state));
	if (!streq(r->author, CREATOR))
		problem(r->id, "%s: Author is \"%s\"", what, r->author);
	if (!streq(r->modified_by, user_name(a, writer)))
		problem(r->id, "%s: Modified-By is \"%s\"", what,
		    r->modified_by);
	if (release_validate(r, langs, 3, errs, 4) != 0)
		problem(r->id, "%s: does not validate (field %s)", what,
		    errs[0].field);
	/* Only saves of new text here: each change is a revision. */
	if (r->seq != r->rev)
		problem(r->id, "%s: Seq %lu is not Revision %lu", what, r->seq,
		    r->rev);
	if (!streq(r->approvals, "") || r->public_rev != 0 ||
	    r->publish_at != 0 || r->published_at != 0 || r->updated_at != 0)
		problem(r->id, "%s: workflow keys set by no one", what);
	return (long)writer;
}

static void
check_history(struct store *s, struct arena *a, const struct rel *v,
    const struct release *r)
{
	struct history	*h;
	size_t		 n, i;
	enum err	 e;

	if ((e = store_history_get(s, a, v->id, &h, &n)) != ERR_OK) {
		problem(v->id, "history cannot be read: error %d", (int)e);
		return;
	}
	if (n != r->seq)
		problem(v->id, "history has %zu lines for seq %lu", n, r->seq);
	for (i = 0; i < n; i++) {
		if (h[i].seq != i + 1) {
			problem(v->id, "history line %zu has seq %lu (lost or "
			    "doubled line)", i + 1, h[i].seq);
			return;
		}
		if (h[i].rev != h[i].seq) {
			problem(v->id, "history line %zu has rev %lu for seq "
			    "%lu (each save here is a revision)", i + 1,
			    h[i].rev, h[i].seq);
			return;
		}
		if (i > 0 && h[i].from != h[i - 1].to)
			problem(v->id, "history line %zu: from is not the "
			    "previous to", i + 1);
		if (i == 0 && !streq(h[i].user, CREATOR))
			problem(v->id, "history line 1 by \"%s\"", h[i].user);
		if (h[i].rev < r->rev + 1 && v->acked != NULL &&
		    v->acked[h[i].rev] != 0 &&
		    !streq(h[i].user, user_name(a, v->acked[h[i].rev] - 1)))
			problem(v->id, "history line for acked rev %lu names "
			    "another writer (%s)", h[i].rev, h[i].user);
	}
	if (n > 0 && h[n - 1].to != r->state)
		problem(v->id, "history ends in state %s, not the release's",
		    release_state_name(h[n - 1].to));
	if (n > 0 && !streq(h[n - 1].user, r->modified_by))
		problem(v->id, "history ends with user %s, not Modified-By",
		    h[n - 1].user);
}

/* "rev-<k>", k a decimal number from 1 without leading zeros: k, else 0. */
static unsigned long
rev_file(const char *name)
{
	unsigned long	 k;
	char		*end;

	if (strncmp(name, "rev-", 4) != 0 || name[4] < '1' || name[4] > '9')
		return 0;
	errno = 0;
	k = strtoul(name + 4, &end, 10);
	if (errno != 0 || *end != '\0')
		return 0;
	return k;
}

/*
 * Only release, history, lock and rev-<k> files may be in a release
 * directory: each rev-<k> up to the current revision, and at most one
 * above it, rev-<current + 1>, the orphan of a save killed after it wrote
 * its revision file and before it renamed the release.
 */
static void
check_files(const char *dir, struct rel *v)
{
	struct dirent	*de;
	char		*path;
	unsigned long	 k;
	DIR		*d;

	if ((v->present = calloc(v->rev + 1, 1)) == NULL)
		abort();
	v->orphan = 0;
	if (asprintf(&path, "%s/releases/%s", dir, v->id) == -1)
		abort();
	if ((d = opendir(path)) == NULL) {
		problem(v->id, "directory cannot be read: %s",
		    strerror(errno));
		free(path);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0 ||
		    strcmp(de->d_name, "release") == 0 ||
		    strcmp(de->d_name, "history") == 0 ||
		    strcmp(de->d_name, "lock") == 0)
			continue;
		if ((k = rev_file(de->d_name)) == 0)
			problem(v->id, "stray file %s in the release directory",
			    de->d_name);
		else if (k <= v->rev)
			v->present[k] = 1;
		else if (k == v->rev + 1)
			v->orphan = k;
		else
			problem(v->id, "%s is above revision %lu + 1: more "
			    "than a killed save leaves", de->d_name, v->rev);
	}
	closedir(d);
	free(path);
}

/* Read a file whole into the arena; NULL if it cannot be read. */
static char *
read_file(struct arena *a, const char *path, size_t *len)
{
	struct buf	 b;
	char		 tmp[8192];
	ssize_t		 n;
	int		 fd;

	if ((fd = open(path, O_RDONLY)) == -1)
		return NULL;
	buf_init(&b, a);
	buf_add(&b, "", 0);
	while ((n = read(fd, tmp, sizeof(tmp))) > 0)
		buf_add(&b, tmp, (size_t)n);
	close(fd);
	if (n < 0)
		return NULL;
	*len = b.len;
	return b.data;
}

/*
 * Every revision file: rev-1 ... rev-<current> are there and each holds
 * exactly what the writer that made the revision wrote (and, when the
 * revision was acked, that writer is the acker); rev-<current> has the
 * very bytes of the release file, as nothing but saves of new text
 * happened.  An orphan rev-<current + 1> is tolerated, but it too must be
 * whole: one writer's content for that revision, never acked.
 */
static void
check_revisions(struct store *s, const char *dir, const struct rel *v)
{
	struct arena	 a;
	struct release	 rk;
	const char	*why, *what;
	char		*path, *data, *cur;
	size_t		 len, curlen = 0;
	unsigned long	 k;
	long		 writer;
	enum err	 e;

	if (v->present == NULL)
		return;
	arena_init(&a);
	for (k = 1; k <= v->rev; k++) {
		arena_reset(&a);
		what = arena_printf(&a, "rev-%lu", k);
		if (!v->present[k]) {
			problem(v->id, "%s is missing (revision %lu)", what,
			    v->rev);
			continue;
		}
		if ((e = store_revision_get(s, &a, v->id, k, &rk)) != ERR_OK) {
			problem(v->id, "%s does not read: error %d", what,
			    (int)e);
			continue;
		}
		if ((writer = check_content(&a, &rk, what)) < 0)
			continue;
		if (v->acked != NULL && v->acked[k] != 0 &&
		    (unsigned long)writer + 1 != v->acked[k])
			problem(v->id, "%s is by w%ld, acked by w%u", what,
			    writer, v->acked[k] - 1);
		if (k < v->rev)
			continue;
		if (asprintf(&path, "%s/releases/%s/release", dir, v->id) ==
		    -1)
			abort();
		cur = read_file(&a, path, &curlen);
		free(path);
		if (asprintf(&path, "%s/releases/%s/%s", dir, v->id, what) ==
		    -1)
			abort();
		data = read_file(&a, path, &len);
		free(path);
		if (cur == NULL || data == NULL || len != curlen ||
		    memcmp(cur, data, len) != 0)
			problem(v->id, "%s is not the release file byte for "
			    "byte", what);
	}
	if (v->orphan != 0) {
		arena_reset(&a);
		what = arena_printf(&a, "orphan rev-%lu", v->orphan);
		if (asprintf(&path, "%s/releases/%s/rev-%lu", dir, v->id,
		    v->orphan) == -1)
			abort();
		data = read_file(&a, path, &len);
		free(path);
		if (data == NULL)
			problem(v->id, "%s cannot be read", what);
		else if ((e = release_parse(&a, data, len, &rk, &why)) !=
		    ERR_OK)
			problem(v->id, "%s does not parse (%s): torn?", what,
			    why);
		else if (!streq(rk.id, v->id) || rk.rev != v->orphan)
			problem(v->id, "%s has Id %s, Revision %lu", what,
			    rk.id, rk.rev);
		else
			(void)check_content(&a, &rk, what);
	}
	arena_free(&a);
}

/* Does the raw history file hold more than its committed lines? */
static int
has_tail(const char *dir, const char *id, unsigned long seq)
{
	char		*path, buf[8192];
	unsigned long	 lines = 0;
	ssize_t		 n, i;
	int		 fd, last = '\n';

	if (asprintf(&path, "%s/releases/%s/history", dir, id) == -1)
		abort();
	fd = open(path, O_RDONLY);
	free(path);
	if (fd == -1)
		return 0;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		for (i = 0; i < n; i++) {
			if (buf[i] == '\n')
				lines++;
			last = (unsigned char)buf[i];
		}
	close(fd);
	return lines > seq || last != '\n';
}

/* Read one writer's ack file into the acked[] arrays. */
static size_t
read_acks(const char *file, struct rel *v, size_t nv, size_t *nstale)
{
	FILE		*f;
	struct rel	*rl, key;
	char		 line[ACK_LINE_MAX * 2], again[ACK_LINE_MAX * 2];
	char		 id[RELEASE_ID_LEN + 2];
	unsigned long	 rev, writer;
	size_t		 nack = 0, lineno = 0;

	if ((f = fopen(file, "r")) == NULL) {
		problem(file, "cannot be read: %s", strerror(errno));
		return 0;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		if (strncmp(line, "stale ", 6) == 0) {
			(*nstale)++;
			continue;
		}
		if (sscanf(line, "ack %17s %lu %lu", id, &rev, &writer) != 3 ||
		    snprintf(again, sizeof(again), "ack %s %lu %lu\n", id, rev,
		    writer) < 0 || strcmp(again, line) != 0 ||
		    writer == 0 || rev < 2) {
			problem(file, "malformed line \"%s\" (half an ack?)",
			    line);
			continue;
		}
		nack++;
		memcpy(key.id, id, sizeof(key.id));
		rl = bsearch(&key, v, nv, sizeof(*v), by_id);
		if (rl == NULL) {
			problem(id, "%s", "acked release is missing");
			continue;
		}
		if (rl->acked == NULL)
			continue;	/* It did not read: reported. */
		if (rev > rl->rev) {
			problem(id, "acked save lost: rev %lu by w%lu, but the "
			    "release is at rev %lu", rev, writer, rl->rev);
			continue;
		}
		if (rl->acked[rev] != 0) {
			problem(id, "revision acked twice: rev %lu by w%lu and "
			    "w%u", rev, writer, rl->acked[rev] - 1);
			continue;
		}
		rl->acked[rev] = (unsigned)writer + 1;
	}
	fclose(f);
	return nack;
}

static int
cmd_verify(int argc, char **argv)
{
	struct store	 s;
	struct arena	 a;
	struct release	 r;
	struct rel	 v[MAX_IDS];
	size_t		 i, n, nack = 0, nstale = 0, ntail = 0;
	size_t		 norphan = 0;
	unsigned long	 nrev = 0;
	enum err	 e;
	int		 j;

	if (argc < 1)
		usage();
	n = list_ids(argv[0], v, MAX_IDS);
	open_store(&s, argv[0]);
	arena_init(&a);
	for (i = 0; i < n; i++) {
		arena_reset(&a);
		if ((e = store_release_get(&s, &a, v[i].id, &r)) != ERR_OK) {
			problem(v[i].id, "release does not read: error %d",
			    (int)e);
			continue;
		}
		v[i].rev = r.rev;
		if ((v[i].acked = calloc(r.rev + 1, sizeof(unsigned))) == NULL)
			abort();
		check_files(argv[0], &v[i]);
	}
	for (j = 1; j < argc; j++)
		nack += read_acks(argv[j], v, n, &nstale);
	for (i = 0; i < n; i++) {
		if (v[i].acked == NULL)
			continue;
		arena_reset(&a);
		if ((e = store_release_get(&s, &a, v[i].id, &r)) != ERR_OK)
			continue;
		(void)check_content(&a, &r, "release");
		/* The current revision, if acked, is from its acker. */
		if (v[i].acked[r.rev] != 0 &&
		    !streq(r.modified_by, user_name(&a, v[i].acked[r.rev] - 1)))
			problem(v[i].id, "current revision is not from the "
			    "writer that acked it (%s)", r.modified_by);
		check_history(&s, &a, &v[i], &r);
		check_revisions(&s, argv[0], &v[i]);
		ntail += has_tail(argv[0], v[i].id, r.seq);
		norphan += v[i].orphan != 0;
		nrev += r.rev;
	}
	for (i = 0; i < n; i++) {
		free(v[i].acked);
		free(v[i].present);
	}
	arena_free(&a);
	store_close(&s);
	if (problems > 0) {
		printf("%zu problems\n", problems);
		return 1;
	}
	printf("ok releases=%zu revisions=%lu acks=%zu stale=%zu tails=%zu "
	    "orphans=%zu\n", n, nrev, nack, nstale, ntail, norphan);
	return 0;
}

int
main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 3)
		usage();
	if (strcmp(argv[1], "create") == 0)
		return cmd_create(argc - 2, argv + 2);
	if (strcmp(argv[1], "write") == 0)
		return cmd_write(argc - 2, argv + 2);
	if (strcmp(argv[1], "verify") == 0)
		return cmd_verify(argc - 2, argv + 2);
	if (strcmp(argv[1], "revs") == 0)
		return cmd_revs(argc - 2, argv + 2);
	usage();
	return 2;
}
