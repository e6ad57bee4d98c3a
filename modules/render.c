/*
 * render.c: release fields to HTML.
 *
 * The body is CommonMark rendered by libcmark without CMARK_OPT_UNSAFE, so
 * raw HTML becomes a comment and javascript: links are dropped; and without
 * CMARK_OPT_SMART, so the author's quotes and dashes are never changed.
 * The lead and contacts are plain text: escaped here, then marked up only
 * with <p> and <br>.  Every string handed to tdict_set_html() comes from
 * this file, which is what a reviewer checks.
 */
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "attach.h"
#include "diff.h"
#include "i18n.h"
#include "msg.h"
#include "render.h"
#include "lim.h"
#include "slug.h"

#define PASSAGE_BEFORE	80	/* bytes of context before a match */
#define PASSAGE_AFTER	200	/* and after */

#define SLUG_FILE_MAX	80	/* bytes of a file name in a URL */

char *
render_markdown(struct arena *a, const char *text)
{
	char	*html, *copy;

	html = cmark_markdown_to_html(text, strlen(text), CMARK_OPT_DEFAULT);
	if (html == NULL)
		abort();
	copy = arena_strdup(a, html);
	free(html);
	return copy;
}

static void
escape(struct buf *b, const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		switch (s[i]) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&#39;"); break;
		default: buf_putc(b, s[i]); break;
		}
}

char *
render_paragraphs(struct arena *a, const char *text)
{
	struct buf	 b;
	const char	*p = text, *end, *nl;
	int		 open = 0;

	buf_init(&b, a);
	buf_add(&b, "", 0);
	end = text + strlen(text);
	while (p < end) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (nl == p) {
			/* A blank line closes the paragraph. */
			if (open)
				buf_puts(&b, "</p>\n");
			open = 0;
		} else {
			buf_puts(&b, open ? "<br>\n" : "<p>");
			open = 1;
			escape(&b, p, (size_t)(nl - p));
		}
		p = nl < end ? nl + 1 : end;
	}
	if (open)
		buf_puts(&b, "</p>\n");
	return b.data;
}

void
render_attachments(struct arena *a, struct tdict *d, const struct release *r)
{
	struct attachment	*v;
	struct tdict		*it;
	size_t			 n, i;

	if (attach_parse(a, r->attachments, &v, &n) != ERR_OK)
		return;
	for (i = 0; i < n; i++) {
		it = tdict_add_item(d, "attachments");
		tdict_set(it, "aid", v[i].id);
		tdict_set(it, "name", v[i].name);
		/* The URL's name is readable ASCII; the link text keeps accents. */
		tdict_set(it, "slug", slug_make(a, v[i].name, SLUG_FILE_MAX));
		tdict_set(it, "type", attach_type_label(v[i].type));
		tdict_set(it, "size", attach_size_label(a, v[i].size));
		if (v[i].width > 0)
			tdict_setf(it, "dimensions", "%u × %u", v[i].width,
			    v[i].height);
		tdict_set(it, "caption", v[i].caption);
		tdict_set(it, "credit", v[i].credit);
		tdict_set_bool(it, "image", strncmp(v[i].type, "image/", 6)
		    == 0);
		tdict_set_bool(it, "first", i == 0);
		tdict_set_bool(it, "last", i + 1 == n);
	}
	tdict_set_bool(d, "has_attachments", n > 0);
}

void
render_release(struct arena *a, struct tdict *d, const struct release *r)
{
	struct tdict	*t;
	const char	*topics[RELEASE_TOPICS_MAX];
	size_t		 n, i;

	tdict_set(d, "id", r->id);
	tdict_set(d, "title", r->title);
	tdict_set(d, "subtitle", r->subtitle);
	tdict_set(d, "city", r->city);
	tdict_set(d, "date", r->date);
	/* The dateline is part of the release: in its language if we can. */
	tdict_set(d, "date_text", msg_date(a, i18n_has(i18n_current(),
	    r->lang), r->date));
	tdict_set(d, "lang", r->lang);
	tdict_set_html(d, "lead_html", render_paragraphs(a, r->lead));
	tdict_set_html(d, "body_html", render_markdown(a, r->body));
	tdict_set_html(d, "contacts_html", render_paragraphs(a, r->contacts));
	render_attachments(a, d, r);
	n = release_topics(a, r->topics, topics, RELEASE_TOPICS_MAX);
	for (i = 0; i < n; i++) {
		t = tdict_add_item(d, "topics");
		tdict_set(t, "topic", topics[i]);
		tdict_set(t, "slug", slug_make(a, topics[i], LIM_TOPIC_MAX));
	}
	tdict_set_bool(d, "has_topics", n > 0);
}

/* The attachments as lines a reviewer reads: name, type, size, words. */
static char *
attachments_text(struct arena *a, const char *list)
{
	struct attachment	*v;
	struct buf		 b;
	size_t			 n, i;

	buf_init(&b, a);
	buf_add(&b, "", 0);
	if (attach_parse(a, list, &v, &n) != ERR_OK)
		return b.data;
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s (%s, %s)%s%s%s%s", i > 0 ? "\n" : "",
		    v[i].name, attach_type_label(v[i].type),
		    attach_size_label(a, v[i].size),
		    v[i].caption[0] != '\0' ? " \xe2\x80\x94 " : "", v[i].caption,
		    v[i].credit[0] != '\0' ? " \xe2\x80\x94 " : "", v[i].credit);
	return b.data;
}

void
render_diff(struct arena *a, struct tdict *d, const struct release *old,
    const struct release *new)
{
	struct diff_op	*ops;
	struct tdict	*it;
	struct buf	 b;
	const char	*x, *y, *field;
	size_t		 i, k, n;

	for (i = 0; i <= release_nfields; i++) {
		if (i < release_nfields) {
			field = release_fields[i].name;
			x = release_field(old, &release_fields[i]);
			y = release_field(new, &release_fields[i]);
		} else {
			/* Files are part of the text a reviewer approves. */
			field = "attachments";
			x = attachments_text(a, old->attachments);
			y = attachments_text(a, new->attachments);
		}
		if (strcmp(x, y) == 0)
			continue;
		n = diff_lines(a, x, y, &ops);
		buf_init(&b, a);
		buf_add(&b, "", 0);
		for (k = 0; k < n; k++) {
			buf_puts(&b, ops[k].kind == DIFF_DEL ? "<del>" :
			    ops[k].kind == DIFF_ADD ? "<ins>" : "<span>");
			escape(&b, ops[k].line, strlen(ops[k].line));
			/* Block elements: a newline here would show in <pre>. */
			buf_puts(&b, ops[k].kind == DIFF_DEL ? "</del>" :
			    ops[k].kind == DIFF_ADD ? "</ins>" : "</span>");
		}
		it = tdict_add_item(d, "changes");
		tdict_set(it, "field", field);
		tdict_set(it, "field_label", msg_field_label(field));
		tdict_set_html(it, "diff_html", b.data);
		tdict_set_bool(d, "has_changes", 1);
	}
}

/* Step back to the start of a UTF-8 sequence. */
static size_t
char_start(const char *s, size_t i)
{
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

static int
is_term(const char *w, char (*terms)[SLUG_WORD_MAX + 1], size_t nterms)
{
	size_t	 i;

	for (i = 0; i < nterms; i++)
		if (strcmp(w, terms[i]) == 0)
			return 1;
	return 0;
}

void
render_passage(struct arena *a, struct tdict *d, const char *key,
    const char *text, char (*terms)[SLUG_WORD_MAX + 1], size_t nterms)
{
	struct buf	 b;
	char		 w[SLUG_WORD_MAX + 1];
	size_t		 len = strlen(text), pos = 0, ws, we, from = 0, to;
	size_t		 at = len;

	while (slug_word(text, len, &pos, &ws, &we, w))
		if (is_term(w, terms, nterms)) {
			at = ws;
			break;
		}
	if (at == len)
		at = 0;
	/* About a line of context before the word, two after. */
	if (at > PASSAGE_BEFORE) {
		from = char_start(text, at - PASSAGE_BEFORE);
		while (from < at && text[from] != ' ' && text[from] != '\n')
			from++;
		while (from < at && (text[from] == ' ' || text[from] == '\n'))
			from++;
	}
	to = at + PASSAGE_AFTER;
	if (to >= len)
		to = len;
	else {
		to = char_start(text, to);
		while (to > at && text[to] != ' ' && text[to] != '\n')
			to--;
	}
	buf_init(&b, a);
	buf_add(&b, "", 0);
	if (from > 0)
		buf_puts(&b, "\xE2\x80\xA6 ");	/* … */
	/* Text between words as is, matching words marked. */
	for (pos = from; pos < to;) {
		size_t	 before = pos;

		if (!slug_word(text, to, &pos, &ws, &we, w)) {
			escape(&b, text + before, to - before);
			break;
		}
		escape(&b, text + before, ws - before);
		if (is_term(w, terms, nterms)) {
			buf_puts(&b, "<mark>");
			escape(&b, text + ws, we - ws);
			buf_puts(&b, "</mark>");
		} else
			escape(&b, text + ws, we - ws);
	}
	if (to < len)
		buf_puts(&b, " \xE2\x80\xA6");
	tdict_set_html(d, key, b.data);
}
