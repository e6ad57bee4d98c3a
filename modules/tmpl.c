/* tmpl.c: parse HTML templates once, render them per request with escaping. */

/*
 * A template is literal text with tags in double braces.  {{name}} is the
 * value HTML-escaped, {{url:name}} percent-encoded, {{json:name}} escaped
 * for the inside of a JSON string, {{html:name}} as is but
 * only for values set with tdict_set_html() (any other value is escaped
 * there too).  {{#name}}...{{/name}} renders its inside once per item of a
 * list, the item being the innermost scope, or once in the current scope for
 * a non-empty text or a true boolean; {{^name}}...{{/name}} renders exactly
 * when {{#name}} would not.  {{>name}} includes another template of the set,
 * in the current scope, and {{! ... }} is a comment.  Names are
 * [A-Za-z0-9_.-]+ and may have spaces and tabs around them (and after the
 * sigil or the "url:" and "html:" prefixes).  {{t:English text}} is text
 * to translate: the text after "t:", with white space trimmed and each run
 * of it made one space, is the msgid given to the dictionary's translator
 * (tdict_set_translator(); without one, the text itself), and what comes
 * back is HTML-escaped, its {{name}} placeholders replaced by the escaped
 * values.  Inside {{t:...}} only such {{name}} placeholders may appear,
 * written without spaces, and they are what ends the tag correctly:
 * "{{t:Approve revision {{rev}}}}".  There is no way to write a literal
 * "{{"; anything else outside tags is copied as is, newlines included.
 *
 * Invariants.  A template is parsed once into a flat array of nodes; a
 * section node records the index just past its inside (its "skip"), so a
 * false section is jumped over and a true one is simply walked into: there
 * is no node for the closing tag.  Names point into the template's own copy
 * of its text, NUL-terminated in place (inside the tag, which is never
 * output); so does the msgid of a {{t:...}}, which is never longer than
 * the tag it is normalised from.  Sections nest at most LIM_TEMPLATE_DEPTH deep in one template
 * and includes at most TMPL_PARTIAL_DEPTH deep, without cycles, which
 * tmpl_set_link() checks; rendering recurses only into list items and
 * partials, so its depth is bounded by RENDER_DEPTH, which it also enforces
 * itself in case a set is rendered after a failed link.  Rendering does not
 * allocate except in the output buffer, and its work is linear in the
 * template's nodes walked plus the bytes written.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "err.h"
#include "lim.h"
#include "io.h"
#include "tmpl.h"

/* List sections and includes that can be open at once while rendering. */
#define RENDER_DEPTH	((TMPL_PARTIAL_DEPTH + 1) * (LIM_TEMPLATE_DEPTH + 1))

#define TMPL_SUFFIX	".html"
#define PREFIX_URL	"url:"
#define PREFIX_HTML	"html:"
#define PREFIX_JSON	"json:"
#define PREFIX_TRANS	"t:"

/* Template files: HTML pages, and feeds (XML) and JSON answers. */
static const char *const suffixes[] = { TMPL_SUFFIX, ".xml", ".json" };

enum ntype {
	N_TEXT,			/* literal text */
	N_VAR,			/* {{name}} */
	N_URL,			/* {{url:name}} */
	N_HTML,			/* {{html:name}} */
	N_JSON,			/* {{json:name}} */
	N_SECTION,		/* {{#name}} */
	N_INVERTED,		/* {{^name}} */
	N_PARTIAL,		/* {{>name}} */
	N_TRANS,		/* {{t:text}}: s is the msgid */
	N_CLOSE			/* {{/name}}: only while parsing */
};

struct node {
	enum ntype		 type;
	unsigned int		 line;	/* of the tag, for link errors */
	const char		*s;	/* text, or the NUL-terminated name */
	size_t			 len;	/* text length */
	size_t			 skip;	/* section: index just past its inside */
	struct tmpl		*partial; /* N_PARTIAL, set by tmpl_set_link() */
};

struct tmpl {
	char			*name;	/* as in {{>name}} */
	char			*file;	/* for messages: the path, or the name */
	char			*text;	/* copy of the source, names cut out */
	size_t			 len;
	struct node		*nodes;
	size_t			 nnodes;
	size_t			 cap;
	int			 mark;	/* tmpl_set_link() state */
	int			 height; /* longest include chain below */
};

struct tmpl_set {
	struct tmpl		**t;
	size_t			  n;
	size_t			  cap;
};

enum vtype {
	V_TEXT,
	V_HTML,
	V_BOOL,
	V_LIST
};

struct tvar {
	struct tvar		*next;
	const char		*key;
	enum vtype		 type;
	const char		*s;	/* V_TEXT, V_HTML */
	int			 b;	/* V_BOOL */
	struct tdict		*head;	/* V_LIST */
	struct tdict		*tail;
};

struct tdict {
	struct arena		*a;
	struct tvar		*vars;
	struct tdict		*next;	/* next item of the same list */
	tmpl_translator		 tr;	/* for {{t:...}}, in the root */
	void			*tr_arg;
};

/* A chain of dictionaries, innermost first, that names are looked up in. */
struct scope {
	const struct tdict	*d;
	const struct scope	*up;
};

/* tmpl_set_link() marks. */
enum {
	MARK_NONE,
	MARK_OPEN,		/* on the current include path */
	MARK_DONE		/* height known */
};

static void	 errcat(char *, size_t, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

/* Appends to the message in errbuf, as far as it fits. */
static void
errcat(char *errbuf, size_t errlen, const char *fmt, ...)
{
	va_list	 ap;
	size_t	 len;

	if (errbuf == NULL || errlen == 0)
		return;
	len = strnlen(errbuf, errlen);
	if (len >= errlen - 1)
		return;
	va_start(ap, fmt);
	vsnprintf(errbuf + len, errlen - len, fmt, ap);
	va_end(ap);
}

static int
isnamechar(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

static int
isvalidname(const char *s, size_t n)
{
	size_t	 i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (!isnamechar((unsigned char)s[i]))
			return 0;
	return 1;
}

static int
hasprefix(const char *s, const char *e, const char *prefix)
{
	size_t	 n;

	n = strlen(prefix);
	return (size_t)(e - s) >= n && memcmp(s, prefix, n) == 0;
}

static int
istagspace(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static unsigned int
count_lines(const char *p, const char *end)
{
	unsigned int	 n = 0;

	while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		n++;
		p++;
	}
	return n;
}

static void
tmpl_free(struct tmpl *t)
{
	if (t == NULL)
		return;
	free(t->name);
	free(t->file);
	free(t->text);
	free(t->nodes);
	free(t);
}

static struct node *
node_add(struct tmpl *t, enum ntype type, unsigned int line)
{
	struct node	*n;
	size_t		 cap;

	if (t->nnodes == t->cap) {
		cap = t->cap == 0 ? 16 : t->cap;
		if (cap > SIZE_MAX / 2 / sizeof(*n))
			return NULL;
		cap *= 2;
		if ((n = realloc(t->nodes, cap * sizeof(*n))) == NULL)
			return NULL;
		t->nodes = n;
		t->cap = cap;
	}
	n = &t->nodes[t->nnodes++];
	memset(n, 0, sizeof(*n));
	n->type = type;
	n->line = line;
	return n;
}

/*
 * Parses the inside of one tag, [s, e), which starts on line.  On success
 * *namep is the name, NUL-terminated in place, and *typep the kind of tag;
 * a comment gives a NULL *namep.  On error the message is in errbuf.
 */
static enum err
parse_tag(struct tmpl *t, char *s, char *e, unsigned int line,
    char *errbuf, size_t errlen, enum ntype *typep, char **namep)
{
	enum ntype	 type = N_VAR;
	char		*name, *nameend;
	int		 c;

	*namep = NULL;
	while (s < e && istagspace((unsigned char)*s))
		s++;
	if (s == e) {
		io_seterr(errbuf, errlen, "%s:%u: empty tag", t->file, line);
		return ERR_CONF;
	}
	switch (*s) {
	case '!':
		return ERR_OK;
	case '#':
		type = N_SECTION;
		s++;
		break;
	case '^':
		type = N_INVERTED;
		s++;
		break;
	case '/':
		type = N_CLOSE;
		s++;
		break;
	case '>':
		type = N_PARTIAL;
		s++;
		break;
	default:
		if (hasprefix(s, e, PREFIX_URL)) {
			type = N_URL;
			s += strlen(PREFIX_URL);
		} else if (hasprefix(s, e, PREFIX_HTML)) {
			type = N_HTML;
			s += strlen(PREFIX_HTML);
		} else if (hasprefix(s, e, PREFIX_JSON)) {
			type = N_JSON;
			s += strlen(PREFIX_JSON);
		}
		break;
	}
	while (s < e && istagspace((unsigned char)*s))
		s++;
	name = s;
	while (s < e && isnamechar((unsigned char)*s))
		s++;
	nameend = s;
	if (name == e) {
		io_seterr(errbuf, errlen, "%s:%u: tag without a name", t->file,
		    line);
		return ERR_CONF;
	}
	while (s < e && istagspace((unsigned char)*s))
		s++;
	if (s != e) {
		c = (unsigned char)*s;
		if (c >= ' ' && c < 0x7f)
			io_seterr(errbuf, errlen,
			    "%s:%u: bad character '%c' in "
			    "tag (names are [A-Za-z0-9_.-])", t->file, line,
			    c);
		else
			io_seterr(errbuf, errlen, "%s:%u: bad byte 0x%02x in "
			    "tag (names are [A-Za-z0-9_.-])", t->file, line,
			    (unsigned int)c);
		return ERR_CONF;
	}
	/* Cut the name out of the tag, which is never output. */
	*nameend = '\0';
	*typep = type;
	*namep = name;
	return ERR_OK;
}

/*
 * Is the tag that starts at s (just after its "{{") a {{t:...}}?  Then the
 * text to translate starts at *textp.
 */
static int
is_trans(char *s, char *end, char **textp)
{
	while (s < end && istagspace((unsigned char)*s))
		s++;
	if (!hasprefix(s, end, PREFIX_TRANS))
		return 0;
	*textp = s + strlen(PREFIX_TRANS);
	return 1;
}

/*
 * The end of a {{t:...}} whose text starts at p: the first "}}" that does
 * not close an inner "{{".  NULL if there is none.
 */
static char *
trans_end(char *p, char *end)
{
	char	*open, *close;

	for (;;) {
		close = memmem(p, (size_t)(end - p), "}}", 2);
		if (close == NULL)
			return NULL;
		open = memmem(p, (size_t)(close - p), "{{", 2);
		if (open == NULL)
			return close;
		p = close + 2;
	}
}

/*
 * Makes the msgid of a {{t:...}} whose text is [s, e), in place: white
 * space trimmed and each run of it made one space; only {{name}}
 * placeholders may appear in it.  *msgidp is NUL-terminated inside the tag.
 */
static enum err
parse_trans(struct tmpl *t, char *s, char *e, unsigned int line,
    char *errbuf, size_t errlen, char **msgidp)
{
	char	*w, *p, *q;
	int	 space = 0;

	while (s < e && istagspace((unsigned char)*s))
		s++;
	for (w = p = s; p < e; ) {
		if (istagspace((unsigned char)*p)) {
			space = 1;
			p++;
			continue;
		}
		if (space)
			*w++ = ' ';
		space = 0;
		if (e - p >= 2 && p[0] == '{' && p[1] == '{') {
			for (q = p + 2; q < e && isnamechar((unsigned char)*q);
			    q++)
				continue;
			if (q == p + 2 || e - q < 2 || q[0] != '}' ||
			    q[1] != '}') {
				io_seterr(errbuf, errlen,
				    "%s:%u: inside {{t:...}} "
				    "only {{name}} placeholders may appear",
				    t->file, line);
				return ERR_CONF;
			}
			q += 2;
			while (p < q)
				*w++ = *p++;
			continue;
		}
		*w++ = *p++;
	}
	if (w == s) {
		io_seterr(errbuf, errlen, "%s:%u: {{t:}} without text", t->file,
		    line);
		return ERR_CONF;
	}
	*w = '\0';
	*msgidp = s;
	return ERR_OK;
}

/* Parses t->text into t->nodes; errors name t->file and the line. */
static enum err
parse(struct tmpl *t, char *errbuf, size_t errlen)
{
	struct {
		const char	*name;
		unsigned int	 line;
		size_t		 node;
		char		 sigil;
	}		 open[LIM_TEMPLATE_DEPTH];
	struct node	*n;
	enum ntype	 type;
	enum err	 rc;
	char		*p, *end, *q, *r, *name, *text;
	unsigned int	 line = 1, tagline;
	size_t		 depth = 0;
	int		 trans;

	p = t->text;
	end = t->text + t->len;
	while (p < end) {
		q = memmem(p, (size_t)(end - p), "{{", 2);
		if (q == NULL)
			q = end;
		if (q > p) {
			if ((n = node_add(t, N_TEXT, line)) == NULL)
				goto nomem;
			n->s = p;
			n->len = (size_t)(q - p);
			line += count_lines(p, q);
		}
		if (q == end)
			break;
		tagline = line;
		if ((trans = is_trans(q + 2, end, &text)))
			r = trans_end(text, end);
		else
			r = memmem(q + 2, (size_t)(end - q - 2), "}}", 2);
		if (r == NULL) {
			io_seterr(errbuf, errlen, "%s:%u: unclosed tag (no }})",
			    t->file, tagline);
			return ERR_CONF;
		}
		line += count_lines(q + 2, r);
		p = r + 2;
		if (trans) {
			if ((rc = parse_trans(t, text, r, tagline, errbuf,
			    errlen, &name)) != ERR_OK)
				return rc;
			if ((n = node_add(t, N_TRANS, tagline)) == NULL)
				goto nomem;
			n->s = name;
			continue;
		}
		rc = parse_tag(t, q + 2, r, tagline, errbuf, errlen, &type,
		    &name);
		if (rc != ERR_OK)
			return rc;
		if (name == NULL)
			continue;	/* a comment */
		if (type == N_CLOSE) {
			if (depth == 0) {
				io_seterr(errbuf, errlen,
				    "%s:%u: {{/%s}} without "
				    "an open section", t->file, tagline, name);
				return ERR_CONF;
			}
			if (strcmp(name, open[depth - 1].name) != 0) {
				io_seterr(errbuf, errlen,
				    "%s:%u: {{/%s}} does not "
				    "close {{%c%s}} of line %u", t->file,
				    tagline, name, open[depth - 1].sigil,
				    open[depth - 1].name,
				    open[depth - 1].line);
				return ERR_CONF;
			}
			depth--;
			t->nodes[open[depth].node].skip = t->nnodes;
			continue;
		}
		if (type == N_SECTION || type == N_INVERTED) {
			if (depth == LIM_TEMPLATE_DEPTH) {
				io_seterr(errbuf, errlen,
				    "%s:%u: sections nested "
				    "deeper than %d", t->file, tagline,
				    LIM_TEMPLATE_DEPTH);
				return ERR_CONF;
			}
			open[depth].name = name;
			open[depth].line = tagline;
			open[depth].node = t->nnodes;
			open[depth].sigil = type == N_SECTION ? '#' : '^';
			depth++;
		}
		if ((n = node_add(t, type, tagline)) == NULL)
			goto nomem;
		n->s = name;
	}
	if (depth > 0) {
		io_seterr(errbuf, errlen, "%s:%u: {{%c%s}} is not closed",
		    t->file, open[depth - 1].line, open[depth - 1].sigil,
		    open[depth - 1].name);
		return ERR_CONF;
	}
	return ERR_OK;
nomem:
	io_seterr(errbuf, errlen, "%s: out of memory", t->file);
	return ERR_NOMEM;
}

struct tmpl_set *
tmpl_set_new(void)
{
	struct tmpl_set	*set;

	set = calloc(1, sizeof(*set));
	return set;
}

void
tmpl_set_free(struct tmpl_set *set)
{
	size_t	 i;

	if (set == NULL)
		return;
	for (i = 0; i < set->n; i++)
		tmpl_free(set->t[i]);
	free(set->t);
	free(set);
}

static struct tmpl *
set_find(const struct tmpl_set *set, const char *name)
{
	size_t	 i;

	if (set == NULL || name == NULL)
		return NULL;
	for (i = 0; i < set->n; i++)
		if (strcmp(set->t[i]->name, name) == 0)
			return set->t[i];
	return NULL;
}

const struct tmpl *
tmpl_get(const struct tmpl_set *set, const char *name)
{
	return set_find(set, name);
}

/* Adds a template; file is what messages call it. */
static enum err
set_add(struct tmpl_set *set, const char *name, size_t namelen,
    const char *file, const char *text, size_t len, char *errbuf,
    size_t errlen)
{
	struct tmpl	*t, **tv;
	size_t		 i, cap;
	enum err	 rc;

	if (!isvalidname(name, namelen)) {
		io_seterr(errbuf, errlen, "%s: bad template name (names are "
		    "[A-Za-z0-9_.-])", file);
		return ERR_CONF;
	}
	for (i = 0; i < set->n; i++)
		if (strlen(set->t[i]->name) == namelen &&
		    memcmp(set->t[i]->name, name, namelen) == 0) {
			io_seterr(errbuf, errlen, "%s: duplicate template name",
			    file);
			return ERR_CONF;
		}
	if (len > LIM_TEMPLATE_MAX) {
		io_seterr(errbuf, errlen, "%s: larger than %d bytes", file,
		    LIM_TEMPLATE_MAX);
		return ERR_CONF;
	}
	if (set->n == set->cap) {
		cap = set->cap == 0 ? 16 : set->cap * 2;
		if ((tv = reallocarray(set->t, cap, sizeof(*tv))) == NULL)
			goto nomem;
		set->t = tv;
		set->cap = cap;
	}
	if ((t = calloc(1, sizeof(*t))) == NULL)
		goto nomem;
	if ((t->name = strndup(name, namelen)) == NULL ||
	    (t->file = strdup(file)) == NULL ||
	    (t->text = malloc(len + 1)) == NULL) {
		tmpl_free(t);
		goto nomem;
	}
	if (len > 0)
		memcpy(t->text, text, len);
	t->text[len] = '\0';
	t->len = len;
	if ((rc = parse(t, errbuf, errlen)) != ERR_OK) {
		tmpl_free(t);
		return rc;
	}
	set->t[set->n++] = t;
	return ERR_OK;
nomem:
	io_seterr(errbuf, errlen, "%s: out of memory", file);
	return ERR_NOMEM;
}

enum err
tmpl_set_add(struct tmpl_set *set, const char *name, const char *text,
    size_t len, char *errbuf, size_t errlen)
{
	if (name == NULL)
		name = "";
	if (text == NULL)
		len = 0;
	return set_add(set, name, strlen(name), name, text, len, errbuf,
	    errlen);
}

/*
 * Checks the includes below t, which is at include depth level, included
 * by path[level - 1], itself by path[level - 2] and so on; sets t->height.  The recursion is bounded by
 * TMPL_PARTIAL_DEPTH, since deeper paths are an error.
 */
static enum err
link_visit(struct tmpl *t, const struct tmpl **path, int level,
    char *errbuf, size_t errlen)
{
	struct tmpl	*p;
	struct node	*n;
	size_t		 i;
	enum err	 rc;
	int		 j;

	t->mark = MARK_OPEN;
	path[level] = t;
	t->height = 0;
	for (i = 0; i < t->nnodes; i++) {
		n = &t->nodes[i];
		if (n->type != N_PARTIAL)
			continue;
		p = n->partial;
		if (p->mark == MARK_OPEN) {
			io_seterr(errbuf, errlen, "%s:%u: include cycle:",
			    t->file, n->line);
			for (j = 0; path[j] != p; j++)
				continue;
			for (; j <= level; j++)
				errcat(errbuf, errlen, " %s >", path[j]->name);
			errcat(errbuf, errlen, " %s", p->name);
			return ERR_CONF;
		}
		if (p->mark == MARK_NONE) {
			if (level + 1 > TMPL_PARTIAL_DEPTH) {
				io_seterr(errbuf, errlen, "%s:%u: includes "
				    "nested deeper than %d", t->file,
				    n->line, TMPL_PARTIAL_DEPTH);
				return ERR_CONF;
			}
			rc = link_visit(p, path, level + 1, errbuf, errlen);
			if (rc != ERR_OK)
				return rc;
		}
		if (level + 1 + p->height > TMPL_PARTIAL_DEPTH) {
			io_seterr(errbuf, errlen, "%s:%u: includes nested "
			    "deeper than %d", t->file, n->line,
			    TMPL_PARTIAL_DEPTH);
			return ERR_CONF;
		}
		if (p->height + 1 > t->height)
			t->height = p->height + 1;
	}
	t->mark = MARK_DONE;
	return ERR_OK;
}

enum err
tmpl_set_link(struct tmpl_set *set, char *errbuf, size_t errlen)
{
	const struct tmpl	*path[TMPL_PARTIAL_DEPTH + 1];
	struct tmpl		*t;
	struct node		*n;
	size_t			 i, j;
	enum err		 rc = ERR_OK;

	for (i = 0; i < set->n; i++) {
		t = set->t[i];
		t->mark = MARK_NONE;
		for (j = 0; j < t->nnodes; j++) {
			n = &t->nodes[j];
			if (n->type != N_PARTIAL)
				continue;
			if ((n->partial = set_find(set, n->s)) == NULL) {
				io_seterr(errbuf, errlen, "%s:%u: {{>%s}}: no "
				    "template %s" TMPL_SUFFIX, t->file,
				    n->line, n->s, n->s);
				rc = ERR_CONF;
				goto out;
			}
		}
	}
	for (i = 0; i < set->n; i++)
		if (set->t[i]->mark == MARK_NONE &&
		    (rc = link_visit(set->t[i], path, 0, errbuf, errlen)) !=
		    ERR_OK)
			goto out;
	return ERR_OK;
out:
	/* Never leave a cycle behind for tmpl_render() to walk into. */
	for (i = 0; i < set->n; i++)
		for (j = 0; j < set->t[i]->nnodes; j++)
			set->t[i]->nodes[j].partial = NULL;
	return rc;
}

static int
namecmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The length of a template file name's suffix, 0 if it has none. */
static size_t
suffix_len(const char *name)
{
	size_t	 len = strlen(name), i, sl;

	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		sl = strlen(suffixes[i]);
		if (len > sl && strcmp(name + len - sl, suffixes[i]) == 0)
			return sl;
	}
	return 0;
}

enum err
tmpl_set_load(const char *dir, struct tmpl_set **out, char *errbuf,
    size_t errlen)
{
	struct tmpl_set	 *set = NULL;
	struct dirent	 *de;
	DIR		 *d;
	char		**names = NULL, **nv, *path = NULL, *text;
	size_t		  nnames = 0, cap = 0, i, len;
	enum err	  rc;

	*out = NULL;
	if ((d = opendir(dir)) == NULL) {
		io_seterr(errbuf, errlen, "%s: %s", dir, strerror(errno));
		return ERR_IO;
	}
	/* Sorted, so that the same directory always gives the same error. */
	for (;;) {
		errno = 0;
		if ((de = readdir(d)) == NULL) {
			if (errno != 0) {
				io_seterr(errbuf, errlen, "%s: %s", dir,
				    strerror(errno));
				rc = ERR_IO;
				closedir(d);
				goto out;
			}
			break;
		}
		if (de->d_name[0] == '.' || suffix_len(de->d_name) == 0)
			continue;
		if (nnames == cap) {
			cap = cap == 0 ? 32 : cap * 2;
			if ((nv = reallocarray(names, cap, sizeof(*nv))) ==
			    NULL) {
				closedir(d);
				goto nomem;
			}
			names = nv;
		}
		if ((names[nnames] = strdup(de->d_name)) == NULL) {
			closedir(d);
			goto nomem;
		}
		nnames++;
	}
	closedir(d);
	if (nnames == 0) {
		io_seterr(errbuf, errlen, "%s: no *" TMPL_SUFFIX " templates",
		    dir);
		rc = ERR_CONF;
		goto out;
	}
	qsort(names, nnames, sizeof(*names), namecmp);

	if ((set = tmpl_set_new()) == NULL)
		goto nomem;
	for (i = 0; i < nnames; i++) {
		free(path);
		if (asprintf(&path, "%s/%s", dir, names[i]) == -1) {
			path = NULL;
			goto nomem;
		}
		rc = io_read_file(path, LIM_TEMPLATE_MAX, &text, &len, errbuf,
		    errlen);
		if (rc != ERR_OK)
			goto out;
		rc = set_add(set, names[i], strlen(names[i]) -
		    suffix_len(names[i]), path,
		    text, len, errbuf, errlen);
		free(text);
		if (rc != ERR_OK)
			goto out;
	}
	if ((rc = tmpl_set_link(set, errbuf, errlen)) != ERR_OK)
		goto out;
	*out = set;
	set = NULL;
	rc = ERR_OK;
	goto out;
nomem:
	io_seterr(errbuf, errlen, "%s: out of memory", dir);
	rc = ERR_NOMEM;
out:
	tmpl_set_free(set);
	free(path);
	for (i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	return rc;
}

/* Rendering. */

static const struct tvar *
lookup(const struct scope *sc, const char *key)
{
	const struct tvar	*v;

	for (; sc != NULL; sc = sc->up) {
		if (sc->d == NULL)
			continue;
		for (v = sc->d->vars; v != NULL; v = v->next)
			if (strcmp(v->key, key) == 0)
				return v;
	}
	return NULL;
}

static int
truthy(const struct tvar *v)
{
	if (v == NULL)
		return 0;
	switch (v->type) {
	case V_TEXT:
	case V_HTML:
		return v->s[0] != '\0';
	case V_BOOL:
		return v->b;
	case V_LIST:
		return v->head != NULL;
	}
	return 0;
}

static void
put_html_n(struct buf *b, const char *s, size_t n)
{
	const char	*run, *end = s + n;
	const char	*ent;

	for (run = s; s < end; s++) {
		switch (*s) {
		case '&':
			ent = "&amp;";
			break;
		case '<':
			ent = "&lt;";
			break;
		case '>':
			ent = "&gt;";
			break;
		case '"':
			ent = "&quot;";
			break;
		case '\'':
			ent = "&#39;";
			break;
		default:
			continue;
		}
		buf_add(b, run, (size_t)(s - run));
		buf_puts(b, ent);
		run = s + 1;
	}
	buf_add(b, run, (size_t)(s - run));
}

static void
put_html(struct buf *b, const char *s)
{
	put_html_n(b, s, strlen(s));
}

/*
 * {{t:msgid}}: the translation from the root dictionary's translator,
 * escaped, each {{name}} in it replaced by that value, escaped too (even
 * trusted markup: a translation is text).
 */
static void
render_trans(const char *msgid, const struct scope *sc, struct buf *b)
{
	const struct scope	*root;
	const struct tvar	*v;
	const char		*text = NULL, *p, *q, *name;
	char			 key[64];
	size_t			 n;

	for (root = sc; root->up != NULL; root = root->up)
		continue;
	if (root->d != NULL && root->d->tr != NULL)
		text = root->d->tr(root->d->tr_arg, msgid);
	if (text == NULL)
		text = msgid;
	for (p = text; (q = strstr(p, "{{")) != NULL; ) {
		name = q + 2;
		for (n = 0; isnamechar((unsigned char)name[n]); n++)
			continue;
		if (n == 0 || n >= sizeof(key) || name[n] != '}' ||
		    name[n + 1] != '}') {
			put_html_n(b, p, (size_t)(q - p) + 2);
			p = q + 2;
			continue;
		}
		put_html_n(b, p, (size_t)(q - p));
		memcpy(key, name, n);
		key[n] = '\0';
		v = lookup(sc, key);
		if (v != NULL && (v->type == V_TEXT || v->type == V_HTML))
			put_html(b, v->s);
		p = name + n + 2;
	}
	put_html(b, p);
}

static int
isunreserved(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	    c == '~';
}

static void
put_url(struct buf *b, const char *s)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const char		*run;
	char			 esc[3];
	unsigned char		 c;

	esc[0] = '%';
	for (run = s; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if (isunreserved(c))
			continue;
		buf_add(b, run, (size_t)(s - run));
		esc[1] = hex[c >> 4];
		esc[2] = hex[c & 0x0f];
		buf_add(b, esc, sizeof(esc));
		run = s + 1;
	}
	buf_add(b, run, (size_t)(s - run));
}

/*
 * The inside of a JSON string: quotes, backslashes and controls escaped,
 * and < > & and U+2028/U+2029 too, so that the text is also safe inside
 * an HTML <script> element and in JavaScript.
 */
static void
put_json(struct buf *b, const char *s)
{
	static const char	 hex[] = "0123456789abcdef";
	const unsigned char	*p = (const unsigned char *)s;
	char			 esc[7] = "\\u00";

	for (; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, *p);
		} else if (*p == '\n')
			buf_puts(b, "\\n");
		else if (*p < 0x20 || *p == '<' || *p == '>' || *p == '&') {
			esc[4] = hex[*p >> 4];
			esc[5] = hex[*p & 0x0f];
			buf_add(b, esc, 6);
		} else if (p[0] == 0xE2 && p[1] == 0x80 &&
		    (p[2] == 0xA8 || p[2] == 0xA9)) {
			buf_puts(b, p[2] == 0xA8 ? "\\u2028" : "\\u2029");
			p += 2;
		} else
			buf_putc(b, *p);
	}
}

/*
 * Renders nodes [from, to) of t.  It recurses only for a list item or a
 * partial, at most RENDER_DEPTH deep.
 */
static void
render(const struct tmpl *t, size_t from, size_t to, const struct scope *sc,
    int depth, struct buf *b)
{
	const struct node	*n;
	const struct tvar	*v;
	const struct tdict	*item;
	struct scope		 inner;
	size_t			 i = from;

	while (i < to) {
		n = &t->nodes[i];
		if (n->type == N_TEXT) {
			buf_add(b, n->s, n->len);
			i++;
			continue;
		}
		if (n->type == N_TRANS) {
			render_trans(n->s, sc, b);
			i++;
			continue;
		}
		if (n->type == N_PARTIAL) {
			if (n->partial != NULL && depth < RENDER_DEPTH)
				render(n->partial, 0, n->partial->nnodes, sc,
				    depth + 1, b);
			i++;
			continue;
		}
		v = lookup(sc, n->s);
		switch (n->type) {
		case N_VAR:
		case N_URL:
		case N_HTML:
		case N_JSON:
			i++;
			if (v == NULL || (v->type != V_TEXT &&
			    v->type != V_HTML))
				break;
			if (n->type == N_URL)
				put_url(b, v->s);
			else if (n->type == N_JSON)
				put_json(b, v->s);
			else if (n->type == N_HTML && v->type == V_HTML)
				buf_puts(b, v->s);
			else
				put_html(b, v->s);
			break;
		case N_SECTION:
			if (v != NULL && v->type == V_LIST) {
				if (depth < RENDER_DEPTH)
					for (item = v->head; item != NULL;
					    item = item->next) {
						inner.d = item;
						inner.up = sc;
						render(t, i + 1, n->skip,
						    &inner, depth + 1, b);
					}
				i = n->skip;
			} else if (truthy(v))
				i++;		/* walk into the inside */
			else
				i = n->skip;
			break;
		case N_INVERTED:
			i = truthy(v) ? n->skip : i + 1;
			break;
		default:
			i++;
			break;
		}
	}
}

void
tmpl_render(const struct tmpl *t, const struct tdict *d, struct buf *b)
{
	struct scope	 root;

	if (t == NULL)
		return;
	root.d = d;
	root.up = NULL;
	render(t, 0, t->nnodes, &root, 0, b);
}

/* Dictionaries. */

struct tdict *
tdict_new(struct arena *a)
{
	struct tdict	*d;

	d = arena_alloc(a, sizeof(*d));
	d->a = a;
	return d;
}

/* Returns the variable key of d, made if missing, with its old value. */
static struct tvar *
tdict_var(struct tdict *d, const char *key)
{
	struct tvar	*v;

	for (v = d->vars; v != NULL; v = v->next)
		if (strcmp(v->key, key) == 0)
			return v;
	v = arena_alloc(d->a, sizeof(*v));
	v->key = arena_strdup(d->a, key);
	v->type = V_TEXT;
	v->s = "";
	v->next = d->vars;
	d->vars = v;
	return v;
}

/* Returns the variable key of d, emptied and of the given type. */
static struct tvar *
tdict_put(struct tdict *d, const char *key, enum vtype type)
{
	struct tvar	*v;

	v = tdict_var(d, key);
	v->type = type;
	v->s = "";
	v->b = 0;
	v->head = v->tail = NULL;
	return v;
}

void
tdict_set(struct tdict *d, const char *key, const char *value)
{
	struct tvar	*v;

	v = tdict_put(d, key, V_TEXT);
	if (value != NULL)
		v->s = arena_strdup(d->a, value);
}

void
tdict_setf(struct tdict *d, const char *key, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = arena_vprintf(d->a, fmt, ap);
	va_end(ap);
	tdict_put(d, key, V_TEXT)->s = s;
}

void
tdict_set_html(struct tdict *d, const char *key, const char *html)
{
	struct tvar	*v;

	v = tdict_put(d, key, V_HTML);
	if (html != NULL)
		v->s = arena_strdup(d->a, html);
}

void
tdict_set_translator(struct tdict *d, tmpl_translator tr, void *arg)
{
	d->tr = tr;
	d->tr_arg = arg;
}

void
tmpl_set_each_msgid(const struct tmpl_set *set, void (*fn)(void *,
    const char *file, unsigned int line, const char *msgid), void *arg)
{
	const struct tmpl	*t;
	size_t			 i, j;

	if (set == NULL)
		return;
	for (i = 0; i < set->n; i++) {
		t = set->t[i];
		for (j = 0; j < t->nnodes; j++)
			if (t->nodes[j].type == N_TRANS)
				fn(arg, t->file, t->nodes[j].line,
				    t->nodes[j].s);
	}
}

void
tdict_set_bool(struct tdict *d, const char *key, int b)
{
	tdict_put(d, key, V_BOOL)->b = b != 0;
}

struct tdict *
tdict_add_item(struct tdict *d, const char *key)
{
	struct tvar	*v;
	struct tdict	*item;

	v = tdict_var(d, key);
	if (v->type != V_LIST)
		v = tdict_put(d, key, V_LIST);
	item = tdict_new(d->a);
	if (v->tail == NULL)
		v->head = item;
	else
		v->tail->next = item;
	v->tail = item;
	return item;
}
