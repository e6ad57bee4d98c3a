/*
 * release.c: the release model, its validators and its file format.
 *
 * The file format is a header of "Key: value" lines, a blank line, then the
 * body verbatim to the end of the file.  A header value that spans lines
 * (lead, contacts) continues on lines starting with exactly one space; the
 * reader removes that space and nothing else, so any byte sequence without
 * CR or NUL round-trips exactly.  Unknown keys are an error rather than
 * silently dropped, so a typo in a hand-edited file is reported by the
 * admin check instead of losing data on the next save.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "lim.h"
#include "release.h"
#include "utf8.h"

#define OFF(f)	offsetof(struct release, f)

const struct field release_fields[] = {
	{ "title",	FIELD_LINE,	LIM_TITLE_MAX,		1, OFF(title) },
	{ "subtitle",	FIELD_LINE,	LIM_SUBTITLE_MAX,	0, OFF(subtitle) },
	{ "lead",	FIELD_BLOCK,	LIM_LEAD_MAX,		1, OFF(lead) },
	{ "body",	FIELD_BLOCK,	LIM_BODY_TEXT_MAX,	0, OFF(body) },
	{ "lang",	FIELD_LANG,	LIM_LANG_MAX,		1, OFF(lang) },
	{ "city",	FIELD_LINE,	LIM_CITY_MAX,		0, OFF(city) },
	{ "date",	FIELD_DATE,	10,			1, OFF(date) },
	{ "topics",	FIELD_LINE,	LIM_TOPICS_MAX,		0, OFF(topics) },
	{ "contacts",	FIELD_BLOCK,	LIM_CONTACTS_MAX,	0, OFF(contacts) },
	{ "translation_of", FIELD_ID,	RELEASE_ID_LEN,		0, OFF(translation_of) },
};
const size_t release_nfields = sizeof(release_fields) / sizeof(release_fields[0]);

static const char *const state_names[STATE__COUNT] = {
	"draft", "review", "changes", "approved", "published", "rejected",
	"withdrawn",
};

/* Header keys of the file, in the order they are written. */
enum key {
	K_ID, K_REV, K_SEQ, K_STATE, K_AUTHOR, K_LANG, K_DATE, K_CITY,
	K_TOPICS, K_TRANSLATION, K_CREATED, K_MODIFIED, K_MODIFIED_BY,
	K_APPROVALS, K_PUBLIC_REV, K_PUBLISH_AT, K_PUBLISHED_AT,
	K_UPDATED_AT, K_PERMALINK, K_TITLE, K_SUBTITLE, K_LEAD, K_CONTACTS, K_ATTACHMENTS,
	K__COUNT
};

static const char *const key_names[K__COUNT] = {
	"Id", "Revision", "Seq", "State", "Author", "Language", "Date", "City",
	"Topics", "Translation-Of", "Created", "Modified", "Modified-By",
	"Approvals", "Public-Revision", "Publish-At", "Published-At",
	"Updated-At", "Permalink", "Title", "Subtitle", "Lead", "Contacts", "Attachments",
};

const char *
release_field(const struct release *r, const struct field *f)
{
	const char	*v;

	memcpy(&v, (const char *)r + f->offset, sizeof(v));
	return v == NULL ? "" : v;
}

void
release_field_set(struct release *r, const struct field *f, const char *v)
{
	memcpy((char *)r + f->offset, &v, sizeof(v));
}

void
release_init(struct release *r)
{
	size_t	 i;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < release_nfields; i++)
		release_field_set(r, &release_fields[i], "");
	r->id = r->author = r->modified_by = r->approvals = "";
	r->attachments = r->permalink = "";
	r->state = STATE_DRAFT;
	r->rev = r->seq = 1;
}

int
release_same_content(const struct release *a, const struct release *b)
{
	size_t	 i;

	for (i = 0; i < release_nfields; i++)
		if (strcmp(release_field(a, &release_fields[i]),
		    release_field(b, &release_fields[i])) != 0)
			return 0;
	return strcmp(a->attachments == NULL ? "" : a->attachments,
	    b->attachments == NULL ? "" : b->attachments) == 0;
}

int
release_is_public(const struct release *r, time_t now)
{
	return r->public_rev > 0 && r->state != STATE_WITHDRAWN &&
	    r->publish_at <= now;
}

const char *
release_state_name(enum release_state s)
{
	if ((unsigned)s >= STATE__COUNT)
		return "unknown";
	return state_names[s];
}

int
release_state_parse(const char *s, enum release_state *out)
{
	size_t	 i;

	for (i = 0; i < STATE__COUNT; i++)
		if (strcmp(s, state_names[i]) == 0) {
			*out = (enum release_state)i;
			return 1;
		}
	return 0;
}

int
release_date_valid(const char *s)
{
	static const int mdays[12] = {
		31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int	 y, m, d, i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return 0;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 &&
	    !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	return 1;
}

/* An id as the store makes them: YYYYMMDD-xxxxxxxx (lowercase hex). */
int
release_id_valid(const char *s)
{
	size_t	 i;

	if (strlen(s) != RELEASE_ID_LEN)
		return 0;
	for (i = 0; i < 8; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	if (s[8] != '-')
		return 0;
	for (i = 9; i < RELEASE_ID_LEN; i++)
		if (!isdigit((unsigned char)s[i]) &&
		    (s[i] < 'a' || s[i] > 'f'))
			return 0;
	return 1;
}

static enum err
check_field(const struct field *f, const char *v,
    const char *const *langs, size_t nlangs)
{
	enum err	 e;
	size_t		 i, len;

	len = strlen(v);
	if (len == 0)
		return f->required ? ERR_INVALID : ERR_OK;
	switch (f->kind) {
	case FIELD_BLOCK:
		return text_check_block(v, len, f->max);
	case FIELD_LINE:
		return text_check_line(v, len, f->max);
	case FIELD_LANG:
		if ((e = text_check_line(v, len, f->max)) != ERR_OK)
			return e;
		for (i = 0; i < nlangs; i++)
			if (strcmp(v, langs[i]) == 0)
				return ERR_OK;
		return ERR_INVALID;
	case FIELD_DATE:
		if ((e = text_check_line(v, len, f->max)) != ERR_OK)
			return e;
		return release_date_valid(v) ? ERR_OK : ERR_INVALID;
	case FIELD_ID:
		if ((e = text_check_line(v, len, f->max)) != ERR_OK)
			return e;
		return release_id_valid(v) ? ERR_OK : ERR_INVALID;
	}
	return ERR_INVALID;
}

size_t
release_validate(const struct release *r, const char *const *langs,
    size_t nlangs, struct field_error *errs, size_t max)
{
	size_t		 i, n;
	enum err	 e;

	for (i = n = 0; i < release_nfields; i++) {
		e = check_field(&release_fields[i],
		    release_field(r, &release_fields[i]), langs, nlangs);
		if (e == ERR_OK)
			continue;
		if (n < max) {
			errs[n].field = release_fields[i].name;
			errs[n].code = e;
		}
		n++;
	}
	return n;
}

/* Append "Key: value\n", continuing lines of a multi-line value with " ". */
static void
put_key(struct buf *b, enum key k, const char *v)
{
	const char	*nl;

	buf_puts(b, key_names[k]);
	buf_puts(b, ": ");
	while ((nl = strchr(v, '\n')) != NULL) {
		buf_add(b, v, (size_t)(nl - v));
		buf_puts(b, "\n ");
		v = nl + 1;
	}
	buf_puts(b, v);
	buf_putc(b, '\n');
}

static void
put_num(struct buf *b, enum key k, long long v)
{
	buf_printf(b, "%s: %lld\n", key_names[k], v);
}

void
release_format(const struct release *r, struct buf *b)
{
	put_key(b, K_ID, r->id);
	put_num(b, K_REV, (long long)r->rev);
	put_num(b, K_SEQ, (long long)r->seq);
	put_key(b, K_STATE, release_state_name(r->state));
	put_key(b, K_AUTHOR, r->author);
	put_key(b, K_LANG, r->lang);
	put_key(b, K_DATE, r->date);
	put_key(b, K_CITY, r->city);
	put_key(b, K_TOPICS, r->topics);
	put_key(b, K_TRANSLATION, r->translation_of);
	put_num(b, K_CREATED, (long long)r->created);
	put_num(b, K_MODIFIED, (long long)r->modified);
	put_key(b, K_MODIFIED_BY, r->modified_by);
	put_key(b, K_APPROVALS, r->approvals == NULL ? "" : r->approvals);
	put_num(b, K_PUBLIC_REV, (long long)r->public_rev);
	put_num(b, K_PUBLISH_AT, (long long)r->publish_at);
	put_num(b, K_PUBLISHED_AT, (long long)r->published_at);
	put_num(b, K_UPDATED_AT, (long long)r->updated_at);
	put_key(b, K_PERMALINK, r->permalink == NULL ? "" : r->permalink);
	put_key(b, K_TITLE, r->title);
	put_key(b, K_SUBTITLE, r->subtitle);
	put_key(b, K_LEAD, r->lead);
	put_key(b, K_CONTACTS, r->contacts);
	put_key(b, K_ATTACHMENTS, r->attachments == NULL ? "" :
	    r->attachments);
	buf_putc(b, '\n');
	buf_puts(b, r->body);
}

static int
parse_num(const char *s, long long max, long long *out)
{
	char		*end;
	long long	 v;

	if (*s == '\0' || !isdigit((unsigned char)*s))
		return 0;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < 0 || v > max)
		return 0;
	*out = v;
	return 1;
}

static enum err
set_key(struct release *r, enum key k, const char *v, const char **why)
{
	long long	 n;

	switch (k) {
	case K_ID:		r->id = v; break;
	case K_AUTHOR:		r->author = v; break;
	case K_LANG:		r->lang = v; break;
	case K_DATE:		r->date = v; break;
	case K_CITY:		r->city = v; break;
	case K_TOPICS:		r->topics = v; break;
	case K_TRANSLATION:	r->translation_of = v; break;
	case K_MODIFIED_BY:	r->modified_by = v; break;
	case K_APPROVALS:	r->approvals = v; break;
	case K_TITLE:		r->title = v; break;
	case K_SUBTITLE:	r->subtitle = v; break;
	case K_LEAD:		r->lead = v; break;
	case K_CONTACTS:	r->contacts = v; break;
	case K_ATTACHMENTS:	r->attachments = v; break;
	case K_PERMALINK:	r->permalink = v; break;
	case K_STATE:
		if (!release_state_parse(v, &r->state)) {
			*why = "unknown State";
			return ERR_CORRUPT;
		}
		break;
	case K_REV:
	case K_SEQ:
		if (!parse_num(v, LONG_MAX, &n) || n == 0) {
			*why = k == K_REV ? "bad Revision" : "bad Seq";
			return ERR_CORRUPT;
		}
		if (k == K_REV)
			r->rev = (unsigned long)n;
		else
			r->seq = (unsigned long)n;
		break;
	case K_PUBLIC_REV:
		if (!parse_num(v, LONG_MAX, &n)) {
			*why = "bad Public-Revision";
			return ERR_CORRUPT;
		}
		r->public_rev = (unsigned long)n;
		break;
	case K_CREATED:
	case K_MODIFIED:
	case K_PUBLISH_AT:
	case K_PUBLISHED_AT:
	case K_UPDATED_AT:
		if (!parse_num(v, INT64_MAX / 2, &n)) {
			*why = "bad time";
			return ERR_CORRUPT;
		}
		if (k == K_CREATED)
			r->created = (time_t)n;
		else if (k == K_MODIFIED)
			r->modified = (time_t)n;
		else if (k == K_PUBLISH_AT)
			r->publish_at = (time_t)n;
		else if (k == K_PUBLISHED_AT)
			r->published_at = (time_t)n;
		else
			r->updated_at = (time_t)n;
		break;
	case K__COUNT:
		break;
	}
	return ERR_OK;
}

enum err
release_parse(struct arena *a, const char *data, size_t len,
    struct release *r, const char **why)
{
	const char	*p, *end, *eol, *colon;
	unsigned	 seen = 0;
	struct buf	 val;
	size_t		 k;
	enum key	 key;
	enum err	 e;

	*why = NULL;
	release_init(r);
	if (len > LIM_RELEASE_FILE_MAX) {
		*why = "file too large";
		return ERR_TOOBIG;
	}
	if (memchr(data, '\0', len) != NULL) {
		*why = "NUL byte";
		return ERR_CORRUPT;
	}
	p = data;
	end = data + len;
	for (;;) {
		if (p >= end) {
			*why = "no blank line after the header";
			return ERR_CORRUPT;
		}
		if (*p == '\n') {
			p++;
			break;
		}
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		colon = memchr(p, ':', (size_t)(eol - p));
		if (colon == NULL || colon + 1 >= eol || colon[1] != ' ') {
			if (colon != NULL && colon + 1 == eol)
				;	/* "Key:" with an empty value is fine. */
			else {
				*why = "header line without \"Key: \"";
				return ERR_CORRUPT;
			}
		}
		for (k = 0; k < K__COUNT; k++)
			if (strlen(key_names[k]) == (size_t)(colon - p) &&
			    memcmp(key_names[k], p, (size_t)(colon - p)) == 0)
				break;
		if (k == K__COUNT) {
			*why = "unknown header key";
			return ERR_CORRUPT;
		}
		key = (enum key)k;
		if (seen & (1u << key)) {
			*why = "repeated header key";
			return ERR_CORRUPT;
		}
		seen |= 1u << key;
		buf_init(&val, a);
		buf_add(&val, "", 0);
		if (colon + 1 < eol)
			buf_add(&val, colon + 2, (size_t)(eol - colon - 2));
		p = eol < end ? eol + 1 : end;
		/* Continuation lines start with exactly one space. */
		while (p < end && *p == ' ') {
			if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
				eol = end;
			buf_putc(&val, '\n');
			buf_add(&val, p + 1, (size_t)(eol - p - 1));
			p = eol < end ? eol + 1 : end;
		}
		if ((e = set_key(r, key, val.data, why)) != ERR_OK)
			return e;
	}
	if (!(seen & (1u << K_ID)) || !(seen & (1u << K_REV)) ||
	    !(seen & (1u << K_STATE))) {
		*why = "missing Id, Revision or State";
		return ERR_CORRUPT;
	}
	/* A file without Seq (one written by hand) counts its revisions. */
	if (!(seen & (1u << K_SEQ)))
		r->seq = r->rev;
	if (r->public_rev > r->rev) {
		*why = "Public-Revision above Revision";
		return ERR_CORRUPT;
	}
	r->body = arena_strndup(a, p, (size_t)(end - p));
	return ERR_OK;
}

size_t
release_topics(struct arena *a, const char *topics, const char **out,
    size_t max)
{
	const char	*p, *q, *end;
	size_t		 n = 0;

	for (p = topics; *p != '\0' && n < max; p = *q != '\0' ? q + 1 : q) {
		q = p + strcspn(p, ",");
		for (end = q; end > p && end[-1] == ' '; end--)
			continue;
		while (p < end && *p == ' ')
			p++;
		if (p < end)
			out[n++] = arena_strndup(a, p, (size_t)(end - p));
	}
	return n;
}
