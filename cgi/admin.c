/*
 * admin.c: pressroom-admin, the command-line tool for the site's admin.
 *
 *	pressroom-admin [-c config] [-d datadir] [-u usersfile] command ...
 *
 *	user add NAME		add a user; password from stdin or a prompt
 *	user passwd NAME	set a user's password the same way
 *	user del NAME		remove a user (their sessions end)
 *	user email NAME ADDR	set the address notifications go to
 *	user list		list user names, roles and addresses
 *	import [options] FILE	import a release from a text file
 *	generate [-s seed] N FILE  N synthetic published releases from FILE
 *	index rebuild		make the public archive's index anew
 *	index check		is the index sound and up to date?
 *	check			verify the whole data directory
 *	selfcheck		does this configuration work on this machine?
 *	catalogue check [-t dir] FILE...
 *				check translation catalogues (no config needed)
 *
 * Passwords are never taken from the command line, where other users of
 * the machine could read them in the process list.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "auth.h"
#include "check.h"
#include "conf.h"
#include "i18n.h"
#include "index.h"
#include "lim.h"
#include "msg.h"
#include "slug.h"
#include "release.h"
#include "store.h"
#include "tmpl.h"
#include "utf8.h"

static struct conf	 conf;

static void
usage(void)
{
	fprintf(stderr,
	    "usage: pressroom-admin [-c config] [-d datadir] [-u usersfile] "
	    "command\n"
	    "  user add NAME | user passwd NAME | user del NAME | user list\n"
	    "  user email NAME ADDRESS\n"
	    "  import [-p] [-a author] [-l lang] [-D YYYY-MM-DD] [-C city] "
	    "[-t topics] FILE\n"
	    "  generate [-s seed] N FILE\n"
	    "  index rebuild | index check\n"
	    "  check | selfcheck\n"
	    "  catalogue check [-t templates_dir] FILE.po ...\n");
	exit(2);
}

/* Read one line from fp without its newline; 0 at EOF or if too long. */
static int
read_line(FILE *fp, char *buf, size_t sz)
{
	size_t	 n;

	if (fgets(buf, (int)sz, fp) == NULL)
		return 0;
	n = strlen(buf);
	if (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	else if (!feof(fp))
		return 0;
	if (n > 0 && buf[n - 1] == '\r')
		buf[--n] = '\0';
	return 1;
}

/* Prompt on the terminal without echo. */
static int
prompt(const char *what, char *buf, size_t sz)
{
	struct termios	 old, noecho;
	int		 ok;

	fprintf(stderr, "%s", what);
	fflush(stderr);
	if (tcgetattr(STDIN_FILENO, &old) == -1)
		return 0;
	noecho = old;
	noecho.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &noecho);
	ok = read_line(stdin, buf, sz);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	fputc('\n', stderr);
	return ok;
}

static int
get_password(char *buf, size_t sz)
{
	char	 again[LIM_PASSWORD_MAX + 2];

	if (!isatty(STDIN_FILENO)) {
		if (!read_line(stdin, buf, sz)) {
			fprintf(stderr, "pressroom-admin: no password on "
			    "standard input (one line, at most %d bytes)\n",
			    LIM_PASSWORD_MAX);
			return 0;
		}
	} else {
		if (!prompt("New password: ", buf, sz) ||
		    !prompt("Again: ", again, sizeof(again)))
			return 0;
		if (strcmp(buf, again) != 0) {
			fprintf(stderr, "pressroom-admin: the passwords "
			    "differ\n");
			explicit_bzero(again, sizeof(again));
			return 0;
		}
		explicit_bzero(again, sizeof(again));
	}
	if (strlen(buf) < 8) {
		fprintf(stderr, "pressroom-admin: a password needs at least "
		    "8 characters\n");
		return 0;
	}
	if (text_check_line(buf, strlen(buf), LIM_PASSWORD_MAX) != ERR_OK) {
		fprintf(stderr, "pressroom-admin: the password must be one "
		    "line of UTF-8 text\n");
		return 0;
	}
	return 1;
}

static int
cmd_user(int argc, char *argv[])
{
	struct store	 s;
	struct arena	 a;
	char		 pw[LIM_PASSWORD_MAX + 2], *hash, *data;
	const char	*p;
	size_t		 len;
	enum err	 e;
	int		 rc = 1;

	if (argc == 1 && strcmp(argv[0], "list") == 0) {
		arena_init(&a);
		e = store_file_read(&a, conf.users_file, LIM_USERS_FILE_MAX,
		    &data, &len);
		if (e == ERR_OK) {
			for (p = data; *p != '\0'; p += strcspn(p, "\n") +
			    (p[strcspn(p, "\n")] == '\n')) {
				size_t	 ul = strcspn(p, ":\n");
				char	*u = arena_strndup(&a, p, ul);

				const char *m = auth_user_email(
				    conf.users_file, &a, u);

				if (ul > 0 && p[ul] == ':')
					printf("%s\t%s\t%s\n", u, conf_role_name(
					    conf_role(&conf, u)), m == NULL ? "-" : m);
			}
			rc = 0;
		} else
			fprintf(stderr, "pressroom-admin: %s: %s\n",
			    conf.users_file, e == ERR_NOTFOUND ?
			    "no such file" : "cannot be read");
		arena_free(&a);
		return rc;
	}
	if (argc == 3 && strcmp(argv[0], "email") == 0) {
		e = auth_users_replace(conf.users_file, argv[1], "", argv[2]);
		if (e == ERR_NOTFOUND)
			fprintf(stderr, "pressroom-admin: no user %s\n", argv[1]);
		else if (e == ERR_INVALID)
			fprintf(stderr, "pressroom-admin: not a user name and "
			    "e-mail address\n");
		else if (e != ERR_OK)
			fprintf(stderr, "pressroom-admin: %s: cannot be "
			    "written\n", conf.users_file);
		return e == ERR_OK ? 0 : 1;
	}
	if (argc != 2)
		usage();
	if (!auth_user_valid(argv[1])) {
		fprintf(stderr, "pressroom-admin: a user name is 1 to %d "
		    "letters, digits and . _ @ - (not starting with .)\n",
		    LIM_USER_MAX);
		return 1;
	}
	if (strcmp(argv[0], "del") == 0) {
		e = auth_users_replace(conf.users_file, argv[1], NULL, NULL);
		if (e == ERR_NOTFOUND)
			fprintf(stderr, "pressroom-admin: no user %s\n", argv[1]);
		else if (e != ERR_OK)
			fprintf(stderr, "pressroom-admin: %s: cannot be "
			    "written\n", conf.users_file);
		if (e != ERR_OK)
			return 1;
		/* Signed out now; a new user of that name starts afresh. */
		if (store_open(&s, conf.data_dir) == ERR_OK) {
			store_user_forget(&s, argv[1], time(NULL));
			store_close(&s);
		} else
			fprintf(stderr, "pressroom-admin: %s: cannot be opened: "
			    "the user's sessions and settings are left\n",
			    conf.data_dir);
		return 0;
	}
	if (strcmp(argv[0], "add") != 0 && strcmp(argv[0], "passwd") != 0)
		usage();
	arena_init(&a);
	e = auth_users_lookup(conf.users_file, &a, argv[1], &hash);
	if (strcmp(argv[0], "add") == 0 && e == ERR_OK) {
		fprintf(stderr, "pressroom-admin: user %s exists; use "
		    "\"user passwd\"\n", argv[1]);
		goto out;
	}
	if (strcmp(argv[0], "passwd") == 0 && e != ERR_OK) {
		fprintf(stderr, "pressroom-admin: no user %s\n", argv[1]);
		goto out;
	}
	if (!get_password(pw, sizeof(pw)))
		goto out;
	if (auth_hash_password(&a, pw, &hash) != ERR_OK) {
		fprintf(stderr, "pressroom-admin: crypt(3) failed\n");
		goto out;
	}
	if (auth_users_replace(conf.users_file, argv[1], hash, NULL) != ERR_OK) {
		fprintf(stderr, "pressroom-admin: %s: cannot be written\n",
		    conf.users_file);
		goto out;
	}
	rc = 0;
out:
	explicit_bzero(pw, sizeof(pw));
	arena_free(&a);
	return rc;
}

/* The line that opens the contacts block in an imported text. */
static int
is_contacts_line(const char *p, size_t n)
{
	static const char *const openers[] = {
		"Pour plus d", "For more information", "Contact", "Contacts",
		"Press contact", "Contact presse",
	};
	size_t	 i;

	for (i = 0; i < sizeof(openers) / sizeof(openers[0]); i++)
		if (n >= strlen(openers[i]) &&
		    strncmp(p, openers[i], strlen(openers[i])) == 0)
			return 1;
	return 0;
}

/*
 * A plain-text release: the first line is the title, the second the lead,
 * then one paragraph per line up to a line that opens the contacts block,
 * which runs to the end.  Characters are kept exactly; only the line
 * structure becomes Markdown paragraphs.
 */
static void
parse_text(struct arena *a, const char *text, struct release *r)
{
	struct buf	 body;
	const char	*p = text, *end = text + strlen(text), *nl;
	int		 line = 0;

	buf_init(&body, a);
	buf_add(&body, "", 0);
	while (p < end) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (line == 0)
			r->title = arena_strndup(a, p, (size_t)(nl - p));
		else if (line == 1)
			r->lead = arena_strndup(a, p, (size_t)(nl - p));
		else if (is_contacts_line(p, (size_t)(nl - p))) {
			r->contacts = arena_strndup(a, p, (size_t)(end - p));
			break;
		} else if (nl > p) {
			if (body.len > 0)
				buf_puts(&body, "\n\n");
			buf_add(&body, p, (size_t)(nl - p));
		}
		line++;
		p = nl < end ? nl + 1 : end;
	}
	r->body = body.data;
}

struct publish_arg {
	time_t		 when;
	const char	*permalink;
};

/* The admin's own publication, outside the review workflow. */
static enum err
publish_fn(struct release *r, void *arg, const char **comment)
{
	struct publish_arg	*pa = arg;

	r->state = STATE_PUBLISHED;
	r->public_rev = r->rev;
	r->publish_at = r->published_at = pa->when;
	if (r->permalink == NULL || r->permalink[0] == '\0')
		r->permalink = pa->permalink;
	*comment = "published by pressroom-admin";
	return ERR_OK;
}

/* Publish r at when; the index follows unless bulk loading. */
static enum err
publish_now(struct store *s, struct arena *a, struct release *r, time_t when)
{
	struct publish_arg	 pa;
	enum err		 e;

	pa.when = when;
	pa.permalink = s->bulk ? arena_printf(a, "%.4s/%.2s/%.2s/%s", r->date,
	    r->date + 5, r->date + 8, slug_make(a, r->title, 80)) :
	    ix_new_permalink(s, a, r);
	if (!s->bulk && (e = store_index_mark(s, r->id)) != ERR_OK)
		return e;
	e = store_release_update(s, a, r->id, "admin", publish_fn, &pa, r);
	if (!s->bulk && ix_update(s, r->id) != ERR_OK)
		fprintf(stderr, "pressroom-admin: the index could not be "
		    "updated; readers will retry\n");
	return e;
}

static int
cmd_import(int argc, char *argv[], struct store *s)
{
	struct arena		 a;
	struct release		 r;
	struct field_error	 errs[16];
	const char		*langs[CONF_LANGS_MAX], *author = "admin";
	char			*text;
	size_t			 len, n, i;
	struct tm		 tm;
	time_t			 now = time(NULL);
	char			 date[16];
	int			 ch, rc = 1, publish = 0;

	arena_init(&a);
	release_init(&r);
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	r.date = date;
	r.lang = conf.langs[0];
	optind = 1;
	while ((ch = getopt(argc, argv, "pa:l:D:C:t:")) != -1)
		switch (ch) {
		case 'p': publish = 1; break;
		case 'a': author = optarg; break;
		case 'l': r.lang = optarg; break;
		case 'D': r.date = optarg; break;
		case 'C': r.city = optarg; break;
		case 't': r.topics = optarg; break;
		default: usage();
		}
	if (argc - optind != 1)
		usage();
	if (!auth_user_valid(author)) {
		fprintf(stderr, "pressroom-admin: bad author name\n");
		goto out;
	}
	if (store_file_read(&a, argv[optind], LIM_RELEASE_FILE_MAX, &text,
	    &len) != ERR_OK) {
		fprintf(stderr, "pressroom-admin: %s: cannot be read (or over "
		    "%d bytes)\n", argv[optind], LIM_RELEASE_FILE_MAX);
		goto out;
	}
	len = text_normalize_newlines(text, len);
	if (!utf8_valid(text, len) || memchr(text, '\0', len) != NULL) {
		fprintf(stderr, "pressroom-admin: %s: not UTF-8 text\n",
		    argv[optind]);
		goto out;
	}
	parse_text(&a, text, &r);
	for (i = 0; i < conf.nlangs; i++)
		langs[i] = conf.langs[i];
	if ((n = release_validate(&r, langs, conf.nlangs, errs, 16)) > 0) {
		for (i = 0; i < n && i < 16; i++)
			fprintf(stderr, "pressroom-admin: %s: field %s: %s\n",
			    argv[optind], errs[i].field, err_msg(errs[i].code));
		goto out;
	}
	if (store_release_create(s, &a, &r, author) != ERR_OK ||
	    (publish && publish_now(s, &a, &r, now) != ERR_OK)) {
		fprintf(stderr, "pressroom-admin: the data directory cannot "
		    "be written\n");
		goto out;
	}
	printf("%s\n", r.id);
	rc = 0;
out:
	arena_free(&a);
	return rc;
}

/* A small, seeded generator: the same seed gives the same releases. */
static uint64_t
next_rand(uint64_t *st)
{
	*st ^= *st << 13;
	*st ^= *st >> 7;
	*st ^= *st << 17;
	return *st;
}

static const char *const gen_topics[] = {
	"Coopération", "Élargissement", "Énergie", "Transports", "Santé",
	"Culture", "Numérique", "Climat", "Emploi", "Jeunesse", "Égalité",
	"Budget", "Logement", "Démocratie locale",
};

static const char *const gen_cities[] = {
	"Bruxelles", "Strasbourg", "Lyon", "Genève", "Montréal", "Liège",
	"Sarajevo", "Skopje", "Tirana", "Belgrade", "Paris", "Québec",
};

static const char *const gen_en[] = {
	"Today the Council of European Municipalities and Regions met the "
	"leaders of its member associations to strengthen their cooperation.",
	"The negotiations on enlargement were discussed with representatives "
	"of the European Commission and of local and regional governments.",
	"Both organisations stressed the importance of building the capacity "
	"of local governments and of their associations.",
	"The meeting was followed by a strategic discussion on the Growth Plan "
	"for the Western Balkans and on the single market.",
	"For more information on the programme, the partners will publish a "
	"joint statement and a calendar of events.",
};

/* The paragraphs of s, split at blank lines, into an arena array. */
static size_t
paragraphs(struct arena *a, const char *s, const char ***out)
{
	const char	**v;
	const char	*p, *q;
	size_t		 n = 0, cap = 64;

	v = arena_alloc(a, cap * sizeof(*v));
	for (p = s; *p != '\0' && n < cap; p = *q != '\0' ? q + 2 : q) {
		if ((q = strstr(p, "\n\n")) == NULL)
			q = p + strlen(p);
		if (q > p)
			v[n++] = arena_strndup(a, p, (size_t)(q - p));
	}
	*out = v;
	return n;
}

/*
 * N synthetic releases for tests and benchmarks: varied from the text of
 * FILE (shuffled paragraphs, a numbered title, one to three of fourteen
 * topics, a city), spread over the last ten years, in the configured
 * languages, a third of them translations of the one before, all
 * published.  Files are written without an fsync each and synced once.
 */
static int
cmd_generate(int argc, char *argv[], struct store *s)
{
	struct arena	 a, ra;
	struct release	 seed, r;
	const char	**para, *prev = NULL;
	char		*text, date[16], prevbuf[RELEASE_ID_LEN + 1];
	char		 prevtopics[LIM_TOPICS_MAX + 1];
	uint64_t	 st = 1;
	unsigned long	 n, i, k, np, nt, span, day;
	size_t		 len, nix;
	struct tm	 tm;
	struct buf	 body, topics;
	time_t		 now = time(NULL), when, prevwhen = 0;
	int		 ch, rc = 1;

	optind = 1;
	while ((ch = getopt(argc, argv, "s:")) != -1)
		switch (ch) {
		case 's': st = strtoull(optarg, NULL, 10) | 1; break;
		default: usage();
		}
	n = argc - optind == 2 && strspn(argv[optind], "0123456789") ==
	    strlen(argv[optind]) && strlen(argv[optind]) <= 7 ?
	    strtoul(argv[optind], NULL, 10) : 0;
	if (n == 0 || n > 1000000) {
		fprintf(stderr, "pressroom-admin: generate N FILE, N from 1 to "
		    "1000000\n");
		return 1;
	}
	arena_init(&a);
	arena_init(&ra);
	if (store_file_read(&a, argv[optind + 1], LIM_RELEASE_FILE_MAX, &text,
	    &len) != ERR_OK || !utf8_valid(text, len)) {
		fprintf(stderr, "pressroom-admin: %s: cannot be read as UTF-8 "
		    "text\n", argv[optind + 1]);
		goto out;
	}
	release_init(&seed);
	len = text_normalize_newlines(text, len);
	parse_text(&a, text, &seed);
	np = paragraphs(&a, seed.body, &para);
	span = 3650;
	store_bulk(s, 1);
	for (i = 0; i < n; i++) {
		arena_reset(&ra);
		release_init(&r);
		/* Spread over ten years, older as i grows, never ahead. */
		day = (unsigned long)((span * i) / n + next_rand(&st) % 3);
		when = now - (time_t)day * 86400 - 3600 -
		    (time_t)(next_rand(&st) % 36000);
		/* A translation comes out with its original, or just after. */
		if (conf.nlangs > 1 && prev != NULL && i % 3 == 1)
			when = prevwhen + 60;
		gmtime_r(&when, &tm);
		strftime(date, sizeof(date), "%Y-%m-%d", &tm);
		r.date = arena_strdup(&ra, date);
		r.city = gen_cities[next_rand(&st) % 12];
		buf_init(&topics, &ra);
		buf_add(&topics, "", 0);
		nt = 1 + next_rand(&st) % 3;
		for (k = 0; k < nt; k++)
			buf_printf(&topics, "%s%s", k > 0 ? ", " : "",
			    gen_topics[(i + k * 5) % 14]);
		r.topics = topics.data;
		/* A translation has its original's topics. */
		if (conf.nlangs > 1 && prev != NULL && i % 3 == 1)
			r.topics = prevtopics;
		buf_init(&body, &ra);
		buf_add(&body, "", 0);
		if (conf.nlangs > 1 && prev != NULL && i % 3 == 1) {
			/* A translation of the one before. */
			r.lang = conf.langs[1];
			r.translation_of = arena_strdup(&ra, prev);
			r.title = arena_printf(&ra, "%s: release %lu",
			    gen_topics[(i - 1) % 14], n - i + 1);
			r.lead = gen_en[i % 5];
			for (k = 0; k < 5; k++)
				buf_printf(&body, "%s%s", k > 0 ? "\n\n" : "",
				    gen_en[(i + k) % 5]);
		} else {
			r.lang = conf.langs[0];
			r.title = arena_printf(&ra, "%s : communiqué n° %lu",
			    gen_topics[i % 14], n - i);
			r.lead = seed.lead;
			for (k = 0; k < np; k++)
				buf_printf(&body, "%s%s", k > 0 ? "\n\n" : "",
				    para[(k + i) % np]);
		}
		buf_printf(&body, "\n\nCommuniqué %lu, %s.", n - i, r.city);
		r.body = body.data;
		r.contacts = seed.contacts;
		if (store_release_create(s, &ra, &r, "admin") != ERR_OK ||
		    publish_now(s, &ra, &r, when) != ERR_OK) {
			fprintf(stderr, "pressroom-admin: the data directory "
			    "cannot be written\n");
			store_bulk(s, 0);
			goto out;
		}
		if (r.translation_of[0] == '\0') {
			snprintf(prevbuf, sizeof(prevbuf), "%s", r.id);
			prev = prevbuf;
			prevwhen = when;
			snprintf(prevtopics, sizeof(prevtopics), "%s", r.topics);
		}
	}
	store_bulk(s, 0);
	if (ix_rebuild(s, &nix) != ERR_OK) {
		fprintf(stderr, "pressroom-admin: the index cannot be "
		    "written\n");
		goto out;
	}
	printf("%lu releases generated; the index has %zu\n", n, nix);
	rc = 0;
out:
	arena_free(&ra);
	arena_free(&a);
	return rc;
}

static int
cmd_index(int argc, char *argv[], struct store *s)
{
	char	 why[256];
	size_t	 n;

	if (argc == 2 && strcmp(argv[1], "rebuild") == 0) {
		if (ix_rebuild(s, &n) != ERR_OK) {
			fprintf(stderr, "pressroom-admin: the index cannot be "
			    "written\n");
			return 1;
		}
		printf("index rebuilt: %zu public releases\n", n);
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "check") == 0) {
		if (ix_check(s, why, sizeof(why)) != 0) {
			printf("%s/index/public: %s (run \"pressroom-admin "
			    "index rebuild\")\n", conf.data_dir, why);
			return 1;
		}
		printf("%s/index/public: up to date\n", conf.data_dir);
		return 0;
	}
	usage();
	return 2;
}

static void
report(void *arg, const char *path, const char *problem)
{
	(void)arg;
	printf("%s/%s: %s\n", conf.data_dir, path, problem);
}

static int
cmd_check(struct store *s)
{
	size_t	 n;
	char	 why[256];

	n = store_check(s, report, NULL);
	if (ix_check(s, why, sizeof(why)) != 0) {
		printf("%s/index/public: %s (the site rebuilds it when needed; "
		    "\"pressroom-admin index rebuild\" does it now)\n",
		    conf.data_dir, why);
		n++;
	}
	if (n == 0)
		printf("%s: no problems found\n", conf.data_dir);
	else
		printf("%zu problem%s found\n", n, n == 1 ? "" : "s");
	return n == 0 ? 0 : 1;
}

static int
cmd_selfcheck(struct store *s)
{
	struct finding	 f[CHECK_FINDINGS];
	size_t		 n, i;
	int		 bad = 0;

	n = check_site(&conf, s, f);
	for (i = 0; i < n; i++) {
		printf("%-4s %s: %s\n", f[i].ok ? "ok" : "FAIL", f[i].what,
		    f[i].detail);
		bad += !f[i].ok;
	}
	return bad == 0 ? 0 : 1;
}

/* What a catalogue must translate: a key, and where it is used. */
struct used {
	char		*key;
	char		*where;		/* "edit.html:12", or "the C code" */
	int		 hit;		/* found in the catalogue at hand */
};

struct usedset {
	struct used	*v;
	size_t		 n, cap;
};

static void
used_add(struct usedset *u, const char *key, const char *where)
{
	struct used	*nv;
	size_t		 i;

	for (i = 0; i < u->n; i++)
		if (strcmp(u->v[i].key, key) == 0)
			return;
	if (u->n == u->cap) {
		u->cap = u->cap == 0 ? 256 : u->cap * 2;
		if ((nv = reallocarray(u->v, u->cap, sizeof(*nv))) == NULL)
			abort();
		u->v = nv;
	}
	if ((u->v[u->n].key = strdup(key)) == NULL ||
	    (u->v[u->n].where = strdup(where)) == NULL)
		abort();
	u->v[u->n++].hit = 0;
}

static void
used_c(void *arg, const char *key)
{
	used_add(arg, key, "the C code (modules/msg.c)");
}

static void
used_tmpl(void *arg, const char *file, unsigned int line, const char *msgid)
{
	char	 where[512];
	const char *base = strrchr(file, '/');

	snprintf(where, sizeof(where), "%s:%u", base == NULL ? file : base + 1,
	    line);
	used_add(arg, msgid, where);
}

/* A key as a translator reads it in a PO file. */
static void
print_key(FILE *fp, const char *key)
{
	const char	*ctx = strchr(key, I18N_CTX[0]);

	if (ctx != NULL)
		fprintf(fp, "msgctxt \"%.*s\" ", (int)(ctx - key), key);
	fputs("msgid \"", fp);
	for (key = ctx != NULL ? ctx + 1 : key; *key != '\0'; key++)
		if (*key == '\n')
			fputs("\\n", fp);
		else if (*key == '"' || *key == '\\')
			fprintf(fp, "\\%c", *key);
		else
			fputc(*key, fp);
	fputc('"', fp);
}

struct walk {
	const char	*file;
	struct usedset	*u;
	size_t		 untranslated;
};

static void
walk_entry(void *arg, const char *key, const char *str, int fuzzy,
    unsigned line)
{
	struct walk	*w = arg;
	size_t		 i;

	for (i = 0; i < w->u->n; i++)
		if (strcmp(w->u->v[i].key, key) == 0)
			break;
	if (i == w->u->n) {
		printf("%s:%u: warning: not used: ", w->file, line);
		print_key(stdout, key);
		putchar('\n');
		return;
	}
	w->u->v[i].hit = 1;
	if (str[0] == '\0' || fuzzy)
		w->untranslated++;
}

/*
 * catalogue check [-t templates_dir] FILE...: each catalogue loads (the
 * same reader and checks as start-up: syntax, UTF-8, placeholders) and
 * has an entry for every text the C code and the templates translate.
 * The English catalogue may leave msgstr empty; another one that does is
 * reported, not refused, since English is shown instead.
 */
static int
cmd_catalogue(int argc, char *argv[], const char *tdir)
{
	struct usedset	 u = { NULL, 0, 0 };
	struct tmpl_set	*t = NULL;
	struct i18n	*set;
	struct walk	 w;
	char		 errbuf[512], tag[I18N_TAG_MAX + 1];
	size_t		 i;
	int		 ch, rc = 0;

	optind = 1;
	while ((ch = getopt(argc, argv, "t:")) != -1)
		switch (ch) {
		case 't':
			tdir = optarg;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		usage();
	msg_each(used_c, &u);
	if (tdir != NULL) {
		if (tmpl_set_load(tdir, &t, errbuf, sizeof(errbuf)) != ERR_OK) {
			fprintf(stderr, "pressroom-admin: templates: %s\n",
			    errbuf);
			return 1;
		}
		tmpl_set_each_msgid(t, used_tmpl, &u);
		tmpl_set_free(t);
	}
	for (; argc > 0; argc--, argv++) {
		if ((set = i18n_new()) == NULL)
			abort();
		if (i18n_add_file(set, argv[0], errbuf, sizeof(errbuf)) !=
		    ERR_OK) {
			fprintf(stderr, "%s\n", errbuf);
			i18n_free(set);
			rc = 1;
			continue;
		}
		/* The one catalogue, under the tag its file name gave. */
		snprintf(tag, sizeof(tag), "%s", i18n_tag(set, 0));
		for (i = 0; i < u.n; i++)
			u.v[i].hit = 0;
		w.file = argv[0];
		w.u = &u;
		w.untranslated = 0;
		i18n_each(set, tag, walk_entry, &w);
		for (i = 0; i < u.n; i++) {
			if (u.v[i].hit)
				continue;
			fprintf(stderr, "%s: missing ", argv[0]);
			print_key(stderr, u.v[i].key);
			fprintf(stderr, " (used by %s)\n", u.v[i].where);
			rc = 1;
		}
		if (w.untranslated > 0 && strcmp(tag, "en") != 0)
			printf("%s: %zu of %zu texts not translated yet (shown "
			    "in English)\n", argv[0], w.untranslated, u.n);
		i18n_free(set);
	}
	for (i = 0; i < u.n; i++) {
		free(u.v[i].key);
		free(u.v[i].where);
	}
	free(u.v);
	return rc;
}

int
main(int argc, char *argv[])
{
	struct store	 s;
	const char	*cpath = NULL, *datadir = NULL, *users = NULL;
	char		 errbuf[512];
	int		 ch, rc;

	while ((ch = getopt(argc, argv, "+c:d:u:")) != -1)
		switch (ch) {
		case 'c': cpath = optarg; break;
		case 'd': datadir = optarg; break;
		case 'u': users = optarg; break;
		default: usage();
		}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		usage();
	/* The catalogue checker runs in the build: no configuration needed. */
	if (strcmp(argv[0], "catalogue") == 0) {
		if (argc < 2 || strcmp(argv[1], "check") != 0)
			usage();
		if (cpath != NULL && conf_load(&conf, cpath, errbuf,
		    sizeof(errbuf)) != ERR_OK) {
			fprintf(stderr, "pressroom-admin: %s\n", errbuf);
			return 1;
		}
		rc = cmd_catalogue(argc - 1, argv + 1, cpath != NULL ?
		    conf.templates_dir : NULL);
		if (cpath != NULL)
			conf_free(&conf);
		return rc;
	}
	/* With -d and no -c, the defaults stand in for a missing file. */
	if (cpath == NULL && datadir != NULL && access(conf_find(NULL), R_OK)
	    == -1)
		rc = conf_load(&conf, NULL, errbuf, sizeof(errbuf));
	else
		rc = conf_load(&conf, conf_find(cpath), errbuf, sizeof(errbuf));
	if (rc != ERR_OK) {
		fprintf(stderr, "pressroom-admin: %s\n", errbuf);
		return 1;
	}
	if (datadir != NULL) {
		free(conf.data_dir);
		if ((conf.data_dir = strdup(datadir)) == NULL)
			return 1;
	}
	if (users != NULL) {
		free(conf.users_file);
		if ((conf.users_file = strdup(users)) == NULL)
			return 1;
	}
	if (strcmp(argv[0], "user") == 0) {
		rc = cmd_user(argc - 1, argv + 1);
		conf_free(&conf);
		return rc;
	}
	if (store_open(&s, conf.data_dir) != ERR_OK) {
		fprintf(stderr, "pressroom-admin: %s: cannot open or create "
		    "the data directory\n", conf.data_dir);
		conf_free(&conf);
		return 1;
	}
	if (strcmp(argv[0], "import") == 0)
		rc = cmd_import(argc, argv, &s);
	else if (strcmp(argv[0], "generate") == 0)
		rc = cmd_generate(argc, argv, &s);
	else if (strcmp(argv[0], "index") == 0)
		rc = cmd_index(argc, argv, &s);
	else if (strcmp(argv[0], "check") == 0 && argc == 1)
		rc = cmd_check(&s);
	else if (strcmp(argv[0], "selfcheck") == 0 && argc == 1)
		rc = cmd_selfcheck(&s);
	else
		usage();
	store_close(&s);
	conf_free(&conf);
	return rc;
}
