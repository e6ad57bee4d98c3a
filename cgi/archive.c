/*
 * archive.c: pressroom-archive, what the public sees.
 *
 * Only the public revision of a release is ever shown here (rev-<N> as
 * published, never the working text), and only when release_is_public()
 * says so at the moment of the request: an embargo ends at its second
 * because this comparison is made by every reader, not by a job.  A
 * release that is not public answers 404, like one that does not exist.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "attach.h"
#include "form.h"
#include "i18n.h"
#include "msg.h"
#include "zip.h"
#include "release.h"
#include "render.h"
#include "store.h"

#define PUBLIC_LIST_MAX	50	/* releases on the home page */

static enum err
index_get(struct req *r, const char *arg)
{
	const struct release *v;
	struct release	 pub;
	struct tdict	*d, *it;
	size_t		 n, i, shown = 0;
	time_t		 now = time(NULL);
	enum err	 e;

	(void)arg;
	if ((e = app_releases(r, &v, &n)) != ERR_OK)
		return e;
	d = app_dict(r);
	for (i = 0; i < n && shown < PUBLIC_LIST_MAX; i++) {
		if (!release_is_public(&v[i], now) ||
		    store_revision_get(r->store, &r->a, v[i].id,
		    v[i].public_rev, &pub) != ERR_OK)
			continue;
		it = tdict_add_item(d, "releases");
		tdict_set(it, "id", pub.id);
		tdict_set(it, "title", pub.title);
		tdict_set(it, "date", pub.date);
		tdict_set(it, "date_text", msg_date(&r->a, i18n_has(
		    app_catalogues(), pub.lang), pub.date));
		tdict_set(it, "lang", pub.lang);
		tdict_set(it, "lead", pub.lead);
		shown++;
	}
	tdict_set_bool(d, "has_releases", shown > 0);
	r->cache = "no-cache";
	return app_render(r, 200, "public_index", d);
}

static enum err
release_get(struct req *r, const char *id)
{
	struct release	 rel, pub;
	struct tdict	*d;
	time_t		 now = time(NULL);
	enum err	 e;

	if ((e = store_release_get(r->store, &r->a, id, &rel)) != ERR_OK)
		return e;
	if (!release_is_public(&rel, now))
		return ERR_NOTFOUND;
	if ((e = store_revision_get(r->store, &r->a, id, rel.public_rev,
	    &pub)) != ERR_OK)
		return e;
	d = app_dict(r);
	render_release(&r->a, d, &pub);
	app_translations(r, &rel, 1, d);
	if (rel.updated_at > 0)
		app_time_set(r, d, "updated_at", rel.updated_at);
	r->cache = "no-cache";
	return app_render(r, 200, "public_release", d);
}

/*
 * Which text of a release a reader gets: the public revision if it is
 * public now; else, for staff who may see it, the current one.  *public
 * tells which (public answers may be cached, staff ones never).
 */
static enum err
readable(struct req *r, const char *id, struct release *out, int *public)
{
	struct release	 rel;
	enum err	 e;

	*public = 0;
	if ((e = store_release_get(r->store, &r->a, id, &rel)) != ERR_OK)
		return e;
	if (release_is_public(&rel, time(NULL))) {
		*public = 1;
		return store_revision_get(r->store, &r->a, id, rel.public_rev,
		    out);
	}
	if (!app_may(r, &rel, ACT_VIEW, NULL))
		return ERR_NOTFOUND;	/* nothing leaks before its time */
	*out = rel;
	return ERR_OK;
}

static char *
http_date(struct req *r, time_t t)
{
	struct tm	 tm;
	char		 s[64];

	gmtime_r(&t, &tm);
	strftime(s, sizeof(s), "%a, %d %b %Y %H:%M:%S GMT", &tm);
	return arena_strdup(&r->a, s);
}

/* RFC 6266: an ASCII fallback, and the UTF-8 name percent-encoded. */
static char *
disposition(struct req *r, const char *kind, const char *name)
{
	struct buf	 enc;
	char		*ascii, *p;

	ascii = arena_strdup(&r->a, name);
	for (p = ascii; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e ||
		    *p == '"' || *p == '\\' || *p == ';' || *p == '%')
			*p = '_';
	buf_init(&enc, &r->a);
	buf_add(&enc, "", 0);
	url_encode(&enc, name, strlen(name));
	return arena_printf(&r->a, "%s; filename=\"%s\"; filename*=UTF-8''%s",
	    kind, ascii, enc.data);
}

/*
 * One "bytes=" range: a-b, a- or -n; 1 with *off, *len set, 0 to send
 * everything (no range, several, or one we do not honour), -1 when it
 * cannot be satisfied.
 */
static int
parse_range(const char *h, off_t size, off_t *off, off_t *len)
{
	char		*end;
	long long	 a, b;

	if (strncmp(h, "bytes=", 6) != 0 || strchr(h, ',') != NULL)
		return 0;
	h += 6;
	if (*h == '-') {
		if (!isdigit((unsigned char)h[1]))
			return 0;
		b = strtoll(h + 1, &end, 10);
		if (*end != '\0' || b <= 0)
			return b == 0 && *end == '\0' ? -1 : 0;
		*off = b >= size ? 0 : size - b;
		*len = size - *off;
		return size > 0 ? 1 : -1;
	}
	if (!isdigit((unsigned char)*h))
		return 0;
	a = strtoll(h, &end, 10);
	if (*end != '-')
		return 0;
	if (end[1] == '\0')
		b = size - 1;
	else {
		if (!isdigit((unsigned char)end[1]))
			return 0;
		b = strtoll(end + 1, &end, 10);
		if (*end != '\0' || b < a)
			return 0;
		if (b >= size)
			b = size - 1;
	}
	if (a >= size)
		return -1;
	*off = a;
	*len = b - a + 1;
	return 1;
}

static enum err
file_get(struct req *r, const char *id)
{
	struct release		 rel;
	struct attachment	*v;
	struct stat		 st;
	const char		*aid, *etag;
	size_t			 n;
	off_t			 off = 0, len;
	long			 i;
	int			 public, fd, range;
	enum err		 e;

	/* The rest is "<aid>" or "<aid>/<name>"; the name is for people. */
	aid = arena_strndup(&r->a, r->rest, strcspn(r->rest, "/"));
	if (!attach_id_valid(aid))
		return ERR_NOTFOUND;
	if ((e = readable(r, id, &rel, &public)) != ERR_OK)
		return e;
	if (attach_parse(&r->a, rel.attachments, &v, &n) != ERR_OK ||
	    (i = attach_find(v, n, aid)) < 0)
		return ERR_NOTFOUND;
	if ((e = store_file_open(r->store, id, aid, &fd, &st)) != ERR_OK)
		return e;

	/* The bytes of an id never change: the id is the entity tag. */
	etag = arena_printf(&r->a, "\"%s\"", aid);
	r->ctype = v[i].type;
	r->cache = public ? "public, max-age=300" : "private, no-store";
	r->csp = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; "
	    "object-src 'self'; frame-ancestors 'none'; sandbox";
	req_header(r, "ETag", etag);
	req_header(r, "Last-Modified", http_date(r, st.st_mtime));
	req_header(r, "Accept-Ranges", "bytes");
	req_header(r, "Content-Disposition", disposition(r,
	    attach_inline(v[i].type) ? "inline" : "attachment", v[i].name));
	if ((r->if_none_match[0] != '\0' && (strstr(r->if_none_match, etag)
	    != NULL || strcmp(r->if_none_match, "*") == 0)) ||
	    (r->if_none_match[0] == '\0' && r->if_modified_since[0] != '\0' &&
	    strcmp(r->if_modified_since, http_date(r, st.st_mtime)) == 0)) {
		close(fd);
		r->status = 304;
		r->ctype = NULL;
		req_send_head(r, -1);
		return ERR_OK;
	}
	len = st.st_size;
	range = r->range[0] == '\0' || (r->if_range[0] != '\0' &&
	    strcmp(r->if_range, etag) != 0) ? 0 :
	    parse_range(r->range, st.st_size, &off, &len);
	if (range < 0) {
		close(fd);
		r->status = 416;
		r->ctype = NULL;
		req_header(r, "Content-Range", arena_printf(&r->a,
		    "bytes */%lld", (long long)st.st_size));
		req_send_head(r, 0);
		return ERR_OK;
	}
	if (range > 0) {
		r->status = 206;
		req_header(r, "Content-Range", arena_printf(&r->a,
		    "bytes %lld-%lld/%lld", (long long)off,
		    (long long)(off + len - 1), (long long)st.st_size));
	}
	req_send_head(r, (long long)len);
	e = req_send_fd(r, fd, off, len);
	close(fd);
	/* The head is out: a client that left mid-way is not an error page. */
	return ERR_OK;
}

/* The release as text, for the media kit. */
static char *
kit_text(struct req *r, const struct release *rel)
{
	struct buf	 b;

	buf_init(&b, &r->a);
	buf_printf(&b, "%s\n", rel->title);
	if (rel->subtitle[0] != '\0')
		buf_printf(&b, "%s\n", rel->subtitle);
	buf_printf(&b, "\n%s%s%s\n\n%s\n\n%s\n", rel->city,
	    rel->city[0] != '\0' ? ", " : "", rel->date, rel->lead, rel->body);
	if (rel->contacts[0] != '\0')
		buf_printf(&b, "\n%s\n", rel->contacts);
	return b.data;
}

static enum err
kit_get(struct req *r, const char *id)
{
	struct release		 rel;
	struct attachment	*v;
	struct zip		 z;
	struct stat		 st;
	struct buf		 captions;
	const char		*name;
	char			*text;
	size_t			 n, i, k;
	int			 public, fd;
	enum err		 e;

	if ((e = readable(r, id, &rel, &public)) != ERR_OK)
		return e;
	if (attach_parse(&r->a, rel.attachments, &v, &n) != ERR_OK)
		return ERR_CORRUPT;
	r->ctype = "application/zip";
	r->cache = public ? "public, max-age=300" : "private, no-store";
	req_header(r, "Content-Disposition", disposition(r, "attachment",
	    arena_printf(&r->a, "%s.zip", id)));
	req_send_head(r, -1);
	zip_begin(&z, r, rel.modified);
	text = kit_text(r, &rel);
	if ((e = zip_add_data(&z, "release.txt", text, strlen(text))) !=
	    ERR_OK)
		return ERR_OK;	/* the client left: nothing more to say */
	buf_init(&captions, &r->a);
	buf_add(&captions, "", 0);
	for (i = 0; i < n; i++) {
		/* The same name twice gets a number in front. */
		name = v[i].name;
		for (k = 0; k < i; k++)
			if (strcmp(v[k].name, v[i].name) == 0)
				name = arena_printf(&r->a, "%zu-%s", i + 1,
				    v[i].name);
		buf_printf(&captions, "%s\n  %s\n  %s\n\n", name,
		    v[i].caption, v[i].credit);
		if (store_file_open(r->store, id, v[i].id, &fd, &st) != ERR_OK)
			return ERR_OK;
		e = zip_add_file(&z, name, fd, st.st_size);
		close(fd);
		if (e != ERR_OK)
			return ERR_OK;
	}
	if (n > 0)
		(void)zip_add_data(&z, "captions.txt", captions.data,
		    captions.len);
	(void)zip_end(&z);
	return ERR_OK;
}

static const struct page pages[] = {
	{ "/", PAGE_PUBLIC, ROLE_EDITOR, NULL, index_get, NULL, 0 },
	{ "/release/:id", PAGE_PUBLIC, ROLE_EDITOR, NULL, release_get, NULL, 0 },
	{ "/files/:id/:rest", PAGE_PUBLIC, ROLE_EDITOR, NULL, file_get, NULL,
	    0 },
	{ "/kit/:id", PAGE_PUBLIC, ROLE_EDITOR, NULL, kit_get, NULL, 0 },
};

static const struct program prog = {
	"archive", pages, sizeof(pages) / sizeof(pages[0]), 0
};

int
main(int argc, char *argv[])
{
	return app_main(argc, argv, &prog);
}
