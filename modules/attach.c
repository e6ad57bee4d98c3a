/*
 * attach.c: the attachment list, allowed types, names and labels.
 *
 * Types are decided from content by libmagic (the upload program asks it);
 * this file only judges the answer: a table of the types the press room
 * knows, with their extensions and names in words, and the site's
 * allowlist (conf upload_types).  A name's extension must be one of its
 * type's, so a PDF called photo.jpg, or an executable called report.pdf,
 * is refused whatever its name claims.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "attach.h"
#include "i18n.h"
#include "msg.h"
#include "utf8.h"

#define ATTACH_FIELDS	8

static const struct {
	const char	*type;
	const char	*label;
	const char	*exts;		/* space-separated, lowercase */
	int		 show_inline;
} types[] = {
	{ "image/jpeg", "JPEG image", ".jpg .jpeg", 1 },
	{ "image/png", "PNG image", ".png", 1 },
	{ "image/webp", "WebP image", ".webp", 1 },
	{ "image/gif", "GIF image", ".gif", 1 },
	{ "application/pdf", "PDF document", ".pdf", 1 },
	{ "application/vnd.openxmlformats-officedocument.wordprocessingml."
	    "document", "Word document", ".docx", 0 },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	    "Excel spreadsheet", ".xlsx", 0 },
	{ "application/vnd.openxmlformats-officedocument.presentationml."
	    "presentation", "PowerPoint presentation", ".pptx", 0 },
	{ "application/vnd.oasis.opendocument.text", "OpenDocument text",
	    ".odt", 0 },
	{ "application/vnd.oasis.opendocument.spreadsheet",
	    "OpenDocument spreadsheet", ".ods", 0 },
	{ "application/vnd.oasis.opendocument.presentation",
	    "OpenDocument presentation", ".odp", 0 },
	{ "text/plain", "plain text", ".txt .text .csv", 0 },
	{ "text/csv", "CSV table", ".csv", 0 },
};
#define NTYPES	(sizeof(types) / sizeof(types[0]))

static long
type_index(const char *type)
{
	size_t	 i;

	for (i = 0; i < NTYPES; i++)
		if (strcmp(types[i].type, type) == 0)
			return (long)i;
	return -1;
}

int
attach_id_valid(const char *s)
{
	size_t	 i;

	for (i = 0; i < ATTACH_ID_LEN; i++)
		if (!isdigit((unsigned char)s[i]) && (s[i] < 'a' || s[i] > 'f'))
			return 0;
	return s[i] == '\0';
}

static int
parse_uint(const char *s, unsigned long long max, unsigned long long *out)
{
	char	*end;

	if (!isdigit((unsigned char)s[0]))
		return 0;
	errno = 0;
	*out = strtoull(s, &end, 10);
	return errno == 0 && *end == '\0' && *out <= max;
}

enum err
attach_parse(struct arena *a, const char *text, struct attachment **out,
    size_t *n)
{
	struct attachment	*v;
	const char		*p, *nl;
	char			*line, *f[ATTACH_FIELDS];
	unsigned long long	 num;
	size_t			 count = 1, i, k;

	*out = NULL;
	*n = 0;
	if (text == NULL || text[0] == '\0')
		return ERR_OK;
	for (p = text; (p = strchr(p, '\n')) != NULL; p++)
		count++;
	v = arena_alloc(a, count * sizeof(*v));
	for (p = text, i = 0; i < count; i++, p = nl + 1) {
		nl = strchr(p, '\n');
		line = arena_strndup(a, p, nl == NULL ? strlen(p) :
		    (size_t)(nl - p));
		for (k = 0; k < ATTACH_FIELDS; k++) {
			f[k] = line;
			if (k < ATTACH_FIELDS - 1) {
				if ((line = strchr(line, '\t')) == NULL)
					return ERR_CORRUPT;
				*line++ = '\0';
			}
		}
		if (strchr(f[7], '\t') != NULL || !attach_id_valid(f[0]) ||
		    f[2][0] == '\0' || f[5][0] == '\0')
			return ERR_CORRUPT;
		memcpy(v[i].id, f[0], ATTACH_ID_LEN + 1);
		if (!parse_uint(f[1], (unsigned long long)1 << 62, &num))
			return ERR_CORRUPT;
		v[i].size = (off_t)num;
		v[i].type = f[2];
		if (!parse_uint(f[3], 1000000, &num))
			return ERR_CORRUPT;
		v[i].width = (unsigned)num;
		if (!parse_uint(f[4], 1000000, &num))
			return ERR_CORRUPT;
		v[i].height = (unsigned)num;
		v[i].name = f[5];
		v[i].caption = f[6];
		v[i].credit = f[7];
		if (nl == NULL)
			break;
	}
	*out = v;
	*n = count;
	return ERR_OK;
}

char *
attach_format(struct arena *a, const struct attachment *v, size_t n)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b, a);
	buf_add(&b, "", 0);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s\t%lld\t%s\t%u\t%u\t%s\t%s\t%s",
		    i > 0 ? "\n" : "", v[i].id, (long long)v[i].size,
		    v[i].type, v[i].width, v[i].height, v[i].name,
		    v[i].caption == NULL ? "" : v[i].caption,
		    v[i].credit == NULL ? "" : v[i].credit);
	return b.data;
}

long
attach_find(const struct attachment *v, size_t n, const char *id)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].id, id) == 0)
			return (long)i;
	return -1;
}

/* Bidirectional controls that could make "exe.pdf" read as "fdp.exe". */
static int
is_bidi(const unsigned char *p)
{
	if (p[0] == 0xE2 && p[1] == 0x80 &&
	    (p[2] == 0x8E || p[2] == 0x8F || (p[2] >= 0xAA && p[2] <= 0xAE)))
		return 1;	/* U+200E U+200F U+202A..U+202E */
	if (p[0] == 0xE2 && p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)
		return 1;	/* U+2066..U+2069 */
	return 0;
}

char *
attach_clean_name(struct arena *a, const char *raw)
{
	const char		*base = raw, *p;
	const unsigned char	*q;
	struct buf		 b;
	size_t			 len, n;
	char			*clean;

	for (p = raw; *p != '\0'; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	/* Drop what is not valid UTF-8 or is a control, one piece at a time. */
	clean = text_sanitize(a, base, strlen(base), 0);
	buf_init(&b, a);
	buf_add(&b, "", 0);
	for (q = (const unsigned char *)clean; *q != '\0'; q += n) {
		n = *q < 0x80 ? 1 : *q < 0xE0 ? 2 : *q < 0xF0 ? 3 : 4;
		if (n == 3 && (is_bidi(q) ||
		    (q[0] == 0xEF && q[1] == 0xBF && q[2] == 0xBD)))
			continue;	/* a bidi control, or U+FFFD */
		if (b.len + n > ATTACH_NAME_MAX)
			break;
		buf_add(&b, q, n);
	}
	/* Leading dots and spaces would hide the name or its extension. */
	len = strspn(b.data, ". ");
	if (b.data[len] == '\0')
		return arena_strdup(a, "file");
	return arena_strdup(a, b.data + len);
}

const char *
attach_type_label(const char *type)
{
	long	 i = type_index(type);

	return i < 0 ? type : msg_tr(types[i].label);
}

const char *
attach_type_extensions(const char *type)
{
	long	 i = type_index(type);

	return i < 0 ? "" : types[i].exts;
}

int
attach_inline(const char *type)
{
	long	 i = type_index(type);

	return i >= 0 && types[i].show_inline;
}

enum err
attach_check_type(const struct conf *c, const char *type, const char *name)
{
	const char	*dot, *e;
	size_t		 i, el;
	long		 t;
	int		 allowed = 0;

	for (i = 0; i < c->nupload_types; i++)
		if (strcmp(c->upload_types[i], type) == 0)
			allowed = 1;
	if (!allowed || (t = type_index(type)) < 0)
		return ERR_INVALID;
	if ((dot = strrchr(name, '.')) == NULL || dot[1] == '\0')
		return ERR_BADREQ;
	el = strlen(dot);
	for (e = types[t].exts; *e != '\0'; e += strcspn(e, " "),
	    e += *e == ' ') {
		if (strcspn(e, " ") == el && strncasecmp(e, dot, el) == 0)
			return ERR_OK;
	}
	return ERR_BADREQ;
}

int
attach_dimensions(const char *d, unsigned *w, unsigned *h)
{
	const char	*p;
	char		*end;
	unsigned long	 x, y;
	int		 found = 0;

	/*
	 * The last "W x H" is the image's size: a JPEG's description gives
	 * its pixel density ("density 72x72") first.
	 */
	*w = *h = 0;
	for (p = d; *p != '\0'; p++) {
		if (!isdigit((unsigned char)*p) || (p > d &&
		    isdigit((unsigned char)p[-1])))
			continue;
		x = strtoul(p, &end, 10);
		while (*end == ' ')
			end++;
		if (*end != 'x')
			continue;
		end++;
		while (*end == ' ')
			end++;
		if (!isdigit((unsigned char)*end))
			continue;
		y = strtoul(end, &end, 10);
		if (x == 0 || y == 0 || x > 1000000 || y > 1000000)
			continue;
		*w = (unsigned)x;
		*h = (unsigned)y;
		found = 1;
	}
	return found;
}

/*
 * The number is written here, with the language's decimal separator; the
 * unit and its place come from the catalogue ("{{size}} MB", "{{size}} Mo").
 */
char *
attach_size_label(struct arena *a, off_t size)
{
	const char	*kv[3], *unit;
	char		*num, *dot;

	if (size < 1000) {
		num = arena_printf(a, "%lld", (long long)size);
		unit = "{{size}} bytes";
	} else if (size < 1000 * 1000) {
		num = arena_printf(a, "%.0f", (double)size / 1000);
		unit = "{{size}} kB";
	} else if (size < 1000LL * 1000 * 1000) {
		num = arena_printf(a, "%.1f", (double)size / 1e6);
		unit = "{{size}} MB";
	} else {
		num = arena_printf(a, "%.2f", (double)size / 1e9);
		unit = "{{size}} GB";
	}
	if ((dot = strchr(num, '.')) != NULL)
		num = arena_printf(a, "%.*s%s%s", (int)(dot - num), num,
		    msg_tr("decimal separator" I18N_CTX "."), dot + 1);
	kv[0] = "size";
	kv[1] = num;
	kv[2] = NULL;
	return i18n_expand(a, msg_tr(unit), kv);
}
