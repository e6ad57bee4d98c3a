/*
 * i18n.c: read gettext PO catalogues, choose a request's language, and
 * translate.
 *
 * The reader takes the PO syntax translators' tools write: "#" comment
 * lines (a "#," line with the flag "fuzzy" marks the next entry as not to
 * be used; "#~" obsolete entries are comments too), then per entry an
 * optional msgctxt, a msgid and a msgstr, each a C string ("..." with \n,
 * \t, \" and \\) continued by further "..." lines.  Anything else is an
 * error with its file and line, so a catalogue either loads whole or the
 * program does not start: a translator never gets half a language.
 *
 * Invariants.  A set is built once at start-up (malloc'd) and only read
 * afterwards.  Each catalogue keeps its entries in file order (for the
 * checker) and an index sorted by key, which lookups search.  Every
 * msgstr that is used has the same placeholders as its msgid, checked
 * when it is added; the current language always names a catalogue of the
 * installed set, or is the default.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "i18n.h"
#include "io.h"
#include "utf8.h"

#define PO_SUFFIX	".po"
#define PH_NAME_MAX	64	/* bytes of a {{name}} placeholder's name */

struct entry {
	char		*key;		/* "msgid" or "ctx\004msgid" */
	char		*str;		/* "" when untranslated or fuzzy */
	unsigned	 line;		/* of the msgid */
	int		 fuzzy;
};

struct cat {
	char		 tag[I18N_TAG_MAX + 1];
	struct entry	*v;		/* file order */
	size_t		 n, cap;
	size_t		*idx;		/* v's indices sorted by key */
};

struct i18n {
	struct cat	*cats[I18N_LANGS_MAX];	/* sorted by tag */
	size_t		 n;
};

/* A growing string of the entry being read. */
struct sbuf {
	char		*s;
	size_t		 len, cap;
	unsigned	 line;		/* where its keyword was */
	int		 set;
};

/* The reader's state within one file. */
struct po {
	const char	*file;
	unsigned	 line;
	char		*errbuf;
	size_t		 errlen;
	struct cat	*cat;
	struct sbuf	 ctx, id, str;
	struct sbuf	*cur;		/* where "..." lines go */
	int		 fuzzy, next_fuzzy;
	int		 header;	/* the msgid "" entry was seen */
};

/* Language tags. */

static int
isalpha_lc(int c)
{
	return c >= 'a' && c <= 'z';
}

static int
isalnum_ascii(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

int
i18n_tag_norm(const char *s, char *out)
{
	size_t	 i, n, sub;

	out[0] = '\0';
	n = strnlen(s, I18N_TAG_MAX + 1);
	if (n > I18N_TAG_MAX)
		return 0;
	for (i = 0; i < n && isalpha_lc((unsigned char)s[i]); i++)
		continue;
	if (i < 2 || i > 3)
		return 0;
	while (i < n) {
		if (s[i] != '-')
			return 0;
		for (sub = 0, i++; i < n && isalnum_ascii((unsigned char)s[i]);
		    i++)
			sub++;
		if (sub < 1 || sub > 8)
			return 0;
	}
	for (i = 0; i < n; i++)
		out[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') :
		    s[i];
	out[n] = '\0';
	return 1;
}

/* Sets. */

struct i18n *
i18n_new(void)
{
	return calloc(1, sizeof(struct i18n));
}

static void
cat_free(struct cat *c)
{
	size_t	 i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++) {
		free(c->v[i].key);
		free(c->v[i].str);
	}
	free(c->v);
	free(c->idx);
	free(c);
}

void
i18n_free(struct i18n *set)
{
	size_t	 i;

	if (set == NULL)
		return;
	for (i = 0; i < set->n; i++)
		cat_free(set->cats[i]);
	free(set);
}

size_t
i18n_count(const struct i18n *set)
{
	return set == NULL ? 0 : set->n;
}

const char *
i18n_tag(const struct i18n *set, size_t i)
{
	return set == NULL || i >= set->n ? NULL : set->cats[i]->tag;
}

static struct cat *
cat_find(const struct i18n *set, const char *tag)
{
	size_t	 i;

	if (set == NULL || tag == NULL)
		return NULL;
	for (i = 0; i < set->n; i++)
		if (strcmp(set->cats[i]->tag, tag) == 0)
			return set->cats[i];
	return NULL;
}

const char *
i18n_has(const struct i18n *set, const char *tag)
{
	struct cat	*c;
	char		 norm[I18N_TAG_MAX + 1];

	if (tag == NULL || !i18n_tag_norm(tag, norm))
		return NULL;
	return (c = cat_find(set, norm)) == NULL ? NULL : c->tag;
}

/* Placeholders. */

/*
 * The next printf conversion at or after *pp, as a short token of what
 * it consumes ("ld", "s", "*d" ...; "%" for %%; "?" for a '%' that starts
 * no valid conversion), in tok; 0 at the end of s.
 */
static int
next_conv(const char **pp, char *tok, size_t toklen)
{
	static const char	 convs[] = "diouxXeEfFgGaAcspnm%";
	const char		*p = *pp;
	size_t			 n = 0;

	if ((p = strchr(p, '%')) == NULL) {
		*pp = *pp + strlen(*pp);
		return 0;
	}
	p++;
	if (*p == '%') {
		snprintf(tok, toklen, "%%");
		*pp = p + 1;
		return 1;
	}
	while (*p != '\0' && strchr("-+ #0'", *p) != NULL)
		p++;
	if (*p == '*') {
		tok[n++] = '*';
		p++;
	} else
		while (*p >= '0' && *p <= '9')
			p++;
	if (*p == '.') {
		p++;
		if (*p == '*') {
			tok[n++] = '*';
			p++;
		} else
			while (*p >= '0' && *p <= '9')
				p++;
	}
	while (*p != '\0' && strchr("hljztLq", *p) != NULL && n < toklen - 2)
		tok[n++] = *p++;
	if (*p == '\0' || *p == '%' || strchr(convs, *p) == NULL) {
		snprintf(tok, toklen, "?");
		*pp = *pp + (strchr(*pp, '%') - *pp) + 1;
		return 1;
	}
	tok[n++] = *p++;
	tok[n] = '\0';
	*pp = p;
	return 1;
}

static int
isnamechar(int c)
{
	return isalnum_ascii(c) || c == '_' || c == '.' || c == '-';
}

/*
 * Where the next {{name}} of s starts, at or after p, and its name's
 * length; NULL when there is none.
 */
static const char *
next_ph(const char *p, size_t *namelen)
{
	const char	*q;
	size_t		 n;

	while ((p = strstr(p, "{{")) != NULL) {
		q = p + 2;
		for (n = 0; isnamechar((unsigned char)q[n]); n++)
			continue;
		if (n > 0 && n <= PH_NAME_MAX && q[n] == '}' && q[n + 1] == '}') {
			*namelen = n;
			return p;
		}
		p++;
	}
	return NULL;
}

struct span {
	const char	*s;
	size_t		 len;
};

static int
spancmp(const void *a, const void *b)
{
	const struct span	*x = a, *y = b;
	int			 c;

	c = memcmp(x->s, y->s, x->len < y->len ? x->len : y->len);
	if (c != 0)
		return c;
	return x->len < y->len ? -1 : x->len > y->len;
}

/* The {{name}} placeholders of s, sorted; NULL (and *n 0) if none. */
static struct span *
ph_list(const char *s, size_t *n, int *nomem)
{
	struct span	*v = NULL, *nv;
	const char	*p = s;
	size_t		 len, cap = 0;

	*n = 0;
	while ((p = next_ph(p, &len)) != NULL) {
		if (*n == cap) {
			cap = cap == 0 ? 8 : cap * 2;
			if ((nv = reallocarray(v, cap, sizeof(*v))) == NULL) {
				free(v);
				*nomem = 1;
				*n = 0;
				return NULL;
			}
			v = nv;
		}
		v[*n].s = p + 2;
		v[*n].len = len;
		(*n)++;
		p += len + 4;
	}
	if (*n > 1)
		qsort(v, *n, sizeof(*v), spancmp);
	return v;
}

int
i18n_placeholders_match(const char *id, const char *str)
{
	struct span	*a, *b;
	const char	*p = id, *q = str;
	char		 t1[8], t2[8];
	size_t		 na, nb, i, pct1 = 0, pct2 = 0;
	int		 m1, m2, nomem = 0, same;

	/*
	 * The conversions that take an argument must come in the same order;
	 * "%%" takes none, so only their number must agree.
	 */
	for (;;) {
		while ((m1 = next_conv(&p, t1, sizeof(t1))) &&
		    strcmp(t1, "%") == 0)
			pct1++;
		while ((m2 = next_conv(&q, t2, sizeof(t2))) &&
		    strcmp(t2, "%") == 0)
			pct2++;
		if (m1 != m2 || (m1 && strcmp(t1, t2) != 0))
			return 0;
		if (!m1)
			break;
	}
	if (pct1 != pct2)
		return 0;
	a = ph_list(id, &na, &nomem);
	b = ph_list(str, &nb, &nomem);
	same = !nomem && na == nb;
	for (i = 0; same && i < na; i++)
		same = spancmp(&a[i], &b[i]) == 0;
	free(a);
	free(b);
	return same;
}

/* The reader. */

static int
sbuf_add(struct sbuf *b, const char *s, size_t n)
{
	char	*p;
	size_t	 cap;

	if (b->len + n + 1 > b->cap) {
		cap = b->cap == 0 ? 64 : b->cap;
		while (cap < b->len + n + 1)
			cap *= 2;
		if ((p = realloc(b->s, cap)) == NULL)
			return 0;
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
	return 1;
}

static void
sbuf_clear(struct sbuf *b)
{
	b->len = 0;
	b->set = 0;
	b->line = 0;
	if (b->s != NULL)
		b->s[0] = '\0';
}

static enum err
po_error(struct po *po, unsigned line, const char *what)
{
	io_seterr(po->errbuf, po->errlen, "%s:%u: %s", po->file, line, what);
	return ERR_CONF;
}

/*
 * Appends the C string at p (the line's rest, starting at '"') to b,
 * escapes decoded; only white space may follow its closing quote.
 */
static enum err
po_string(struct po *po, const char *p, const char *end, struct sbuf *b)
{
	const char	*run;
	char		 c;

	if (p == end || *p != '"')
		return po_error(po, po->line, "expected a \"quoted string\"");
	for (run = ++p; p < end && *p != '"'; p++) {
		if (*p != '\\')
			continue;
		if (!sbuf_add(b, run, (size_t)(p - run)))
			return ERR_NOMEM;
		if (++p == end)
			break;
		switch (*p) {
		case 'n':
			c = '\n';
			break;
		case 't':
			c = '\t';
			break;
		case '"':
		case '\\':
			c = *p;
			break;
		default:
			return po_error(po, po->line, "unsupported escape "
			    "(use \\n, \\t, \\\" or \\\\)");
		}
		if (!sbuf_add(b, &c, 1))
			return ERR_NOMEM;
		run = p + 1;
	}
	if (p >= end)
		return po_error(po, po->line, "string without its closing "
		    "quote");
	if (!sbuf_add(b, run, (size_t)(p - run)))
		return ERR_NOMEM;
	for (p++; p < end; p++)
		if (*p != ' ' && *p != '\t')
			return po_error(po, po->line, "text after the closing "
			    "quote");
	if (b->len > I18N_PO_MAX)
		return po_error(po, po->line, "string too long");
	return ERR_OK;
}

/* The header entry: its charset, if it names one, must be UTF-8. */
static enum err
po_header(struct po *po)
{
	const char	*cs;
	size_t		 n;

	if (po->header)
		return po_error(po, po->id.line, "a second header (msgid \"\")");
	po->header = 1;
	if (po->str.s == NULL ||
	    (cs = strcasestr(po->str.s, "charset=")) == NULL)
		return ERR_OK;
	cs += strlen("charset=");
	n = strcspn(cs, " ;\n");
	if (n != 5 || strncasecmp(cs, "UTF-8", 5) != 0)
		return po_error(po, po->id.line, "the charset must be UTF-8");
	return ERR_OK;
}

static int
text_ok(const struct sbuf *b)
{
	return b->len == 0 || text_check_block(b->s, b->len, b->len) == ERR_OK;
}

/* The entry read so far is complete: check it and keep it. */
static enum err
po_flush(struct po *po)
{
	struct cat	*c = po->cat;
	struct entry	*e, *nv;
	size_t		 cap, klen;
	enum err	 rc = ERR_OK;

	if (!po->id.set && !po->ctx.set)
		return ERR_OK;
	if (!po->id.set)
		return po_error(po, po->ctx.line, "msgctxt without msgid");
	if (!po->str.set)
		return po_error(po, po->id.line, "msgid without msgstr");
	if (!text_ok(&po->ctx) || !text_ok(&po->id) || !text_ok(&po->str))
		return po_error(po, po->id.line, "text that is not UTF-8, or "
		    "a control character other than \\n and \\t");
	if (!po->ctx.set && po->id.len == 0) {
		rc = po_header(po);
		goto out;
	}
	if (po->id.len == 0)
		return po_error(po, po->id.line, "empty msgid");
	if (!po->fuzzy && po->str.len > 0 &&
	    !i18n_placeholders_match(po->id.s, po->str.s))
		return po_error(po, po->str.line, "msgstr placeholders differ "
		    "from msgid");
	if (c->n >= I18N_ENTRIES_MAX)
		return po_error(po, po->id.line, "too many entries");
	if (c->n == c->cap) {
		cap = c->cap == 0 ? 64 : c->cap * 2;
		if ((nv = reallocarray(c->v, cap, sizeof(*nv))) == NULL)
			return ERR_NOMEM;
		c->v = nv;
		c->cap = cap;
	}
	e = &c->v[c->n];
	memset(e, 0, sizeof(*e));
	klen = (po->ctx.set ? po->ctx.len + 1 : 0) + po->id.len;
	if ((e->key = malloc(klen + 1)) == NULL)
		return ERR_NOMEM;
	e->key[0] = '\0';
	if (po->ctx.set) {
		memcpy(e->key, po->ctx.s == NULL ? "" : po->ctx.s, po->ctx.len);
		e->key[po->ctx.len] = I18N_CTX[0];
		e->key[po->ctx.len + 1] = '\0';
	}
	strcat(e->key, po->id.s);
	if ((e->str = strdup(po->fuzzy || po->str.s == NULL ? "" :
	    po->str.s)) == NULL) {
		free(e->key);
		return ERR_NOMEM;
	}
	e->line = po->id.line;
	e->fuzzy = po->fuzzy;
	c->n++;
out:
	sbuf_clear(&po->ctx);
	sbuf_clear(&po->id);
	sbuf_clear(&po->str);
	po->cur = NULL;
	po->fuzzy = 0;
	return rc;
}

/* Does the line start with keyword kw followed by white space? */
static const char *
keyword(const char *p, const char *end, const char *kw)
{
	size_t	 n = strlen(kw);

	if ((size_t)(end - p) <= n || memcmp(p, kw, n) != 0 ||
	    (p[n] != ' ' && p[n] != '\t'))
		return NULL;
	for (p += n; p < end && (*p == ' ' || *p == '\t'); p++)
		continue;
	return p;
}

/* A "#," line: does it name the flag "fuzzy"? */
static int
has_fuzzy(const char *p, const char *end)
{
	const char	*w;

	for (p += 2; p < end; p = w) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == ','))
			p++;
		for (w = p; w < end && *w != ',' && *w != ' ' && *w != '\t';
		    w++)
			continue;
		if (w - p == 5 && memcmp(p, "fuzzy", 5) == 0)
			return 1;
	}
	return 0;
}

/* One line, [p, end), without its newline. */
static enum err
po_line(struct po *po, const char *p, const char *end)
{
	const char	*s;
	enum err	 rc;
	int		 pending;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	pending = po->ctx.set || po->id.set;
	if (p == end) {
		if (po->str.set)
			return po_flush(po);
		return ERR_OK;
	}
	if (*p == '#') {
		if (pending && !po->str.set)
			return po_error(po, po->line, "a comment inside an "
			    "entry (before its msgstr)");
		if ((rc = po_flush(po)) != ERR_OK)
			return rc;
		if (end - p >= 2 && p[1] == ',' && has_fuzzy(p, end))
			po->next_fuzzy = 1;
		return ERR_OK;
	}
	if (*p == '"') {
		if (po->cur == NULL)
			return po_error(po, po->line, "a string without a "
			    "keyword before it");
		return po_string(po, p, end, po->cur);
	}
	if (keyword(p, end, "msgid_plural") != NULL ||
	    ((size_t)(end - p) > 7 && memcmp(p, "msgstr[", 7) == 0))
		return po_error(po, po->line, "plural forms are not supported");
	if ((s = keyword(p, end, "msgctxt")) != NULL) {
		if (po->str.set && (rc = po_flush(po)) != ERR_OK)
			return rc;
		if (po->ctx.set || po->id.set)
			return po_error(po, po->line, "msgctxt out of place");
		po->fuzzy = po->next_fuzzy;
		po->next_fuzzy = 0;
		po->cur = &po->ctx;
	} else if ((s = keyword(p, end, "msgid")) != NULL) {
		if (po->str.set && (rc = po_flush(po)) != ERR_OK)
			return rc;
		if (po->id.set)
			return po_error(po, po->id.line, "msgid without "
			    "msgstr");
		if (!po->ctx.set) {
			po->fuzzy = po->next_fuzzy;
			po->next_fuzzy = 0;
		}
		po->cur = &po->id;
	} else if ((s = keyword(p, end, "msgstr")) != NULL) {
		if (!po->id.set)
			return po_error(po, po->line, "msgstr without msgid");
		if (po->str.set)
			return po_error(po, po->line, "a second msgstr");
		po->cur = &po->str;
	} else
		return po_error(po, po->line, "expected msgctxt, msgid, "
		    "msgstr, a \"string\" or a # comment");
	po->cur->set = 1;
	po->cur->line = po->line;
	if (!sbuf_add(po->cur, "", 0))
		return ERR_NOMEM;
	return po_string(po, s, end, po->cur);
}

static int
idxcmp(const void *a, const void *b, void *arg)
{
	const struct cat	*c = arg;

	return strcmp(c->v[*(const size_t *)a].key,
	    c->v[*(const size_t *)b].key);
}

/* Sorts the index and refuses a key that appears twice. */
static enum err
cat_index(struct po *po)
{
	struct cat	*c = po->cat;
	const struct entry *x, *y;
	char		 what[64];
	size_t		 i;

	if ((c->idx = calloc(c->n + 1, sizeof(*c->idx))) == NULL)
		return ERR_NOMEM;
	for (i = 0; i < c->n; i++)
		c->idx[i] = i;
	qsort_r(c->idx, c->n, sizeof(*c->idx), idxcmp, c);
	for (i = 1; i < c->n; i++) {
		x = &c->v[c->idx[i - 1]];
		y = &c->v[c->idx[i]];
		if (strcmp(x->key, y->key) != 0)
			continue;
		if (x->line > y->line) {
			x = y;
			y = &c->v[c->idx[i - 1]];
		}
		snprintf(what, sizeof(what), "duplicate msgid (first at line "
		    "%u)", x->line);
		return po_error(po, y->line, what);
	}
	return ERR_OK;
}

enum err
i18n_add(struct i18n *set, const char *tag, const char *file,
    const char *text, size_t len, char *errbuf, size_t errlen)
{
	struct po	 po;
	struct cat	*tmp;
	const char	*p, *end, *next;
	enum err	 rc = ERR_OK;
	char		 norm[I18N_TAG_MAX + 1];
	size_t		 n, i;

	memset(&po, 0, sizeof(po));
	po.file = file;
	po.errbuf = errbuf;
	po.errlen = errlen;
	if (!i18n_tag_norm(tag, norm) || strcmp(norm, tag) != 0) {
		io_seterr(errbuf, errlen, "%s: not a language tag", file);
		return ERR_CONF;
	}
	if (cat_find(set, tag) != NULL) {
		io_seterr(errbuf, errlen, "%s: a second catalogue for %s", file,
		    tag);
		return ERR_CONF;
	}
	if (set->n >= I18N_LANGS_MAX) {
		io_seterr(errbuf, errlen, "%s: more than %d catalogues", file,
		    I18N_LANGS_MAX);
		return ERR_CONF;
	}
	if (len > I18N_PO_MAX) {
		io_seterr(errbuf, errlen, "%s: larger than %d bytes", file,
		    I18N_PO_MAX);
		return ERR_CONF;
	}
	if ((po.cat = calloc(1, sizeof(*po.cat))) == NULL)
		goto nomem;
	memcpy(po.cat->tag, tag, strlen(tag) + 1);
	p = text == NULL ? "" : text;
	end = p + (text == NULL ? 0 : len);
	/* A UTF-8 byte order mark is allowed, and skipped. */
	if (end - p >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end && rc == ERR_OK) {
		po.line++;
		for (n = 0; p + n < end && p[n] != '\n'; n++)
			continue;
		next = p + n < end ? p + n + 1 : end;
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (strnlen(p, n) != n)
			rc = po_error(&po, po.line, "a NUL byte");
		else
			rc = po_line(&po, p, p + n);
		p = next;
	}
	if (rc == ERR_OK)
		rc = po_flush(&po);
	if (rc == ERR_OK)
		rc = cat_index(&po);
	if (rc == ERR_NOMEM)
		goto nomem;
	if (rc != ERR_OK)
		goto out;
	set->cats[set->n++] = po.cat;
	po.cat = NULL;
	/* Sorted by tag, so lists of languages come out the same each time. */
	for (i = set->n - 1; i > 0 &&
	    strcmp(set->cats[i - 1]->tag, set->cats[i]->tag) > 0; i--) {
		tmp = set->cats[i];
		set->cats[i] = set->cats[i - 1];
		set->cats[i - 1] = tmp;
	}
	goto out;
nomem:
	io_seterr(errbuf, errlen, "%s: out of memory", file);
	rc = ERR_NOMEM;
out:
	cat_free(po.cat);
	free(po.ctx.s);
	free(po.id.s);
	free(po.str.s);
	return rc;
}

static int
strpcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The language of a catalogue file "<tag>.po" (any directory); 0 if none. */
static int
file_tag(const char *path, char *tag)
{
	const char	*name;
	char		 base[I18N_TAG_MAX + 2];
	size_t		 len, slen = strlen(PO_SUFFIX);

	name = (name = strrchr(path, '/')) == NULL ? path : name + 1;
	len = strlen(name);
	tag[0] = '\0';
	if (name[0] == '.' || len <= slen || len - slen > I18N_TAG_MAX ||
	    strcmp(name + len - slen, PO_SUFFIX) != 0)
		return 0;
	memcpy(base, name, len - slen);
	base[len - slen] = '\0';
	return i18n_tag_norm(base, tag);
}

enum err
i18n_add_file(struct i18n *set, const char *path, char *errbuf,
    size_t errlen)
{
	char		 tag[I18N_TAG_MAX + 1], *text;
	size_t		 len;
	enum err	 rc;

	if (!file_tag(path, tag)) {
		io_seterr(errbuf, errlen, "%s: not named <language>.po (en.po, "
		    "fr.po, pt-br.po)", path);
		return ERR_CONF;
	}
	if ((rc = io_read_file(path, I18N_PO_MAX, &text, &len, errbuf,
	    errlen)) != ERR_OK)
		return rc;
	rc = i18n_add(set, tag, path, text, len, errbuf, errlen);
	free(text);
	return rc;
}

enum err
i18n_load(const char *dir, struct i18n **out, char *errbuf, size_t errlen)
{
	struct i18n	 *set;
	struct dirent	 *de;
	DIR		 *d;
	char		 *names[I18N_LANGS_MAX + 1], *path = NULL;
	char		  tag[I18N_TAG_MAX + 1];
	size_t		  n = 0, i;
	enum err	  rc = ERR_OK;

	*out = NULL;
	if ((set = i18n_new()) == NULL) {
		io_seterr(errbuf, errlen, "%s: out of memory", dir);
		return ERR_NOMEM;
	}
	if ((d = opendir(dir)) == NULL) {
		io_seterr(errbuf, errlen, "%s: %s", dir, strerror(errno));
		i18n_free(set);
		return ERR_IO;
	}
	while ((de = readdir(d)) != NULL) {
		if (!file_tag(de->d_name, tag))
			continue;	/* not a catalogue: README, x.po */
		if (n == I18N_LANGS_MAX) {
			io_seterr(errbuf, errlen, "%s: more than %d catalogues",
			    dir, I18N_LANGS_MAX);
			rc = ERR_CONF;
			break;
		}
		if ((names[n] = strdup(de->d_name)) == NULL) {
			io_seterr(errbuf, errlen, "%s: out of memory", dir);
			rc = ERR_NOMEM;
			break;
		}
		n++;
	}
	closedir(d);
	if (rc == ERR_OK && n == 0) {
		io_seterr(errbuf, errlen, "%s: no *.po catalogues", dir);
		rc = ERR_CONF;
	}
	/* Sorted, so that the same directory always gives the same error. */
	qsort(names, n, sizeof(names[0]), strpcmp);
	for (i = 0; i < n && rc == ERR_OK; i++) {
		free(path);
		if (asprintf(&path, "%s/%s", dir, names[i]) == -1) {
			path = NULL;
			io_seterr(errbuf, errlen, "%s: out of memory", dir);
			rc = ERR_NOMEM;
			break;
		}
		rc = i18n_add_file(set, path, errbuf, errlen);
	}
	free(path);
	for (i = 0; i < n; i++)
		free(names[i]);
	if (rc != ERR_OK) {
		i18n_free(set);
		return rc;
	}
	*out = set;
	return ERR_OK;
}

/* Lookups. */

static const struct entry *
entry_find(const struct cat *c, const char *key)
{
	size_t	 lo = 0, hi, mid;
	int	 cmp;

	if (c == NULL || key == NULL)
		return NULL;
	hi = c->n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		cmp = strcmp(key, c->v[c->idx[mid]].key);
		if (cmp == 0)
			return &c->v[c->idx[mid]];
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *
i18n_lookup(const struct i18n *set, const char *tag, const char *key)
{
	const struct entry	*e;

	e = entry_find(cat_find(set, tag), key);
	return e == NULL || e->str[0] == '\0' ? NULL : e->str;
}

int
i18n_known(const struct i18n *set, const char *tag, const char *key)
{
	return entry_find(cat_find(set, tag), key) != NULL;
}

void
i18n_each(const struct i18n *set, const char *tag, void (*fn)(void *,
    const char *, const char *, int, unsigned), void *arg)
{
	const struct cat	*c;
	size_t			 i;

	if ((c = cat_find(set, tag)) == NULL)
		return;
	for (i = 0; i < c->n; i++)
		fn(arg, c->v[i].key, c->v[i].str, c->v[i].fuzzy, c->v[i].line);
}

/* Accept-Language. */

/*
 * Parses a q-value ("1", "0.5", "1.000"; at most three decimals) into
 * thousandths; -1 when malformed.
 */
static int
parse_q(const char *s, size_t n)
{
	int	 v = 0, scale = 1000;
	size_t	 i;

	if (n == 0 || (s[0] != '0' && s[0] != '1'))
		return -1;
	v = (s[0] - '0') * 1000;
	if (n == 1)
		return v;
	if (s[1] != '.' || n > 5)
		return -1;
	for (i = 2; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		scale /= 10;
		v += (s[i] - '0') * scale;
	}
	return v > 1000 ? -1 : v;
}

/* A language range: "*" or [A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*. */
static int
range_ok(const char *s, size_t n)
{
	size_t	 i = 0, sub;

	if (n == 1 && s[0] == '*')
		return 1;
	if (n == 0 || n > I18N_TAG_MAX)
		return 0;
	for (sub = 0; i < n && s[i] != '-'; i++, sub++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z')))
			return 0;
	if (sub < 1 || sub > 8)
		return 0;
	while (i < n) {
		for (sub = 0, i++; i < n && s[i] != '-'; i++, sub++)
			if (!isalnum_ascii((unsigned char)s[i]))
				return 0;
		if (sub < 1 || sub > 8)
			return 0;
	}
	return 1;
}

/*
 * The catalogue a range asks for: the same tag, else the range cut at a
 * '-' ("fr-ca" gives "fr"), else a catalogue the range is a prefix of
 * ("fr" gives "fr-ca").  NULL if none.
 */
static const char *
range_match(const struct i18n *set, const char *range)
{
	char		 r[I18N_TAG_MAX + 1], *dash;
	struct cat	*c;
	size_t		 i, n;

	n = strlen(range);
	for (i = 0; i <= n; i++)
		r[i] = range[i] >= 'A' && range[i] <= 'Z' ?
		    (char)(range[i] - 'A' + 'a') : range[i];
	for (;;) {
		if ((c = cat_find(set, r)) != NULL)
			return c->tag;
		if ((dash = strrchr(r, '-')) == NULL)
			break;
		*dash = '\0';
	}
	n = strlen(r);
	for (i = 0; i < set->n; i++)
		if (strncmp(set->cats[i]->tag, r, n) == 0 &&
		    set->cats[i]->tag[n] == '-')
			return set->cats[i]->tag;
	return NULL;
}

/*
 * One entry of Accept-Language, [p, p + len): its range into range and
 * its q-value (thousandths) into *q.  0 if it is malformed.
 */
static int
accept_item(const char *p, size_t len, char *range, int *q)
{
	const char	*v;
	size_t		 rlen, semi, vlen;

	while (len > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		len--;
	}
	for (semi = 0; semi < len && p[semi] != ';'; semi++)
		continue;
	rlen = semi;
	while (rlen > 0 && (p[rlen - 1] == ' ' || p[rlen - 1] == '\t'))
		rlen--;
	if (!range_ok(p, rlen))
		return 0;
	memcpy(range, p, rlen);
	range[rlen] = '\0';
	*q = 1000;
	if (semi == len)
		return 1;
	/* ";q=0.5", with optional white space around. */
	v = p + semi + 1;
	vlen = len - semi - 1;
	while (vlen > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		vlen--;
	}
	while (vlen > 0 && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
		vlen--;
	if (vlen < 2 || (v[0] != 'q' && v[0] != 'Q') || v[1] != '=')
		return 0;
	return (*q = parse_q(v + 2, vlen - 2)) >= 0;
}

const char *
i18n_negotiate(const struct i18n *set, const char *h)
{
	struct {
		char	 range[I18N_TAG_MAX + 1];
		int	 q;
	}		 v[I18N_ACCEPT_ITEMS];
	const char	*p, *best = NULL, *tag;
	size_t		 n = 0, seen, i, j, len;
	int		 bestq = 0, refused;

	if (set == NULL || h == NULL || strlen(h) > I18N_ACCEPT_MAX)
		return NULL;
	for (p = h, seen = 0; *p != '\0' && seen < I18N_ACCEPT_ITEMS; seen++) {
		len = strcspn(p, ",");
		if (accept_item(p, len, v[n].range, &v[n].q))
			n++;
		p += len;
		if (*p == ',')
			p++;
	}
	for (i = 0; i < n; i++) {
		if (v[i].q <= bestq)
			continue;
		if (strcmp(v[i].range, "*") == 0) {
			best = NULL;	/* anything: the site's default */
			bestq = v[i].q;
			continue;
		}
		if ((tag = range_match(set, v[i].range)) == NULL)
			continue;
		/* "fr-CA, fr;q=0": French is refused, whatever the region. */
		for (refused = 0, j = 0; j < n && !refused; j++)
			refused = v[j].q == 0 && strcasecmp(v[j].range, tag) == 0;
		if (refused)
			continue;
		best = tag;
		bestq = v[i].q;
	}
	return best;
}

/* The current language. */

static const struct i18n	*cur_set;
static const char		*cur_lang = "en";
static const char		*def_lang = "en";

void
i18n_use(const struct i18n *set, const char *deflang)
{
	const char	*t;

	cur_set = set;
	def_lang = (t = i18n_has(set, deflang)) != NULL ? t : "en";
	cur_lang = def_lang;
}

void
i18n_set_lang(const char *tag)
{
	const char	*t;

	cur_lang = (t = i18n_has(cur_set, tag)) != NULL ? t : def_lang;
}

const char *
i18n_lang(void)
{
	return cur_lang;
}

const char *
i18n_default_lang(void)
{
	return def_lang;
}

const struct i18n *
i18n_current(void)
{
	return cur_set;
}

/* The English text of a key: what follows its context, if any. */
static const char *
msgid_of(const char *key)
{
	const char	*p;

	return (p = strchr(key, I18N_CTX[0])) == NULL ? key : p + 1;
}

const char *
i18n_tr_in(const char *tag, const char *key)
{
	const char	*t;

	if (key == NULL)
		return "";
	t = i18n_lookup(cur_set, tag, key);
	return t != NULL ? t : msgid_of(key);
}

const char *
i18n_tr(const char *key)
{
	return i18n_tr_in(cur_lang, key);
}

char *
i18n_expand(struct arena *a, const char *pattern, const char *const *kv)
{
	struct buf	 b;
	const char	*p = pattern, *q;
	size_t		 n, i;

	buf_init(&b, a);
	buf_add(&b, "", 0);
	while ((q = next_ph(p, &n)) != NULL) {
		buf_add(&b, p, (size_t)(q - p));
		for (i = 0; kv != NULL && kv[i] != NULL && kv[i + 1] != NULL;
		    i += 2)
			if (strlen(kv[i]) == n && memcmp(kv[i], q + 2, n) == 0) {
				buf_puts(&b, kv[i + 1]);
				break;
			}
		p = q + n + 4;
	}
	buf_puts(&b, p);
	return b.data;
}
