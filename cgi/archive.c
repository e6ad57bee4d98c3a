/*
 * archive.c: pressroom-archive, what the public sees.
 *
 * Lists, filters, search, feeds, the sitemap and the embeds come from the
 * index (index.h), which drops every record whose publication time is
 * after the request's; a release page reads the release file itself and
 * asks release_is_public() at the moment of the request, so an embargo
 * ends at its second because every reader compares, not because a job
 * ran.  Only the public revision is ever shown (rev-<N> as published,
 * never the working text).  A release that is not public answers 404,
 * like one that does not exist.
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
#include "index.h"
#include "msg.h"
#include "zip.h"
#include "release.h"
#include "render.h"
#include "store.h"
#include "utf8.h"

#define SEARCH_MAX	200	/* bytes of a search query */
#define PAGE_MAX	10000000 /* a page number above this is malformed */
#define SEGMENTS_MAX	12	/* of an archive path */
#define SITEMAP_PART	50000	/* URLs per sitemap file (the protocol's cap) */
#define EMBED_MAX	50	/* releases in the embeddable list */
#define EMBED_DEFAULT	5
#define TOPICS_SHOWN	16	/* topics of one release in a list */

/* What a public path asks for. */
enum view { V_LIST, V_ATOM, V_JSONFEED };

/*
 * Browsers revalidate public answers every time (max-age=0; a 304 is
 * cheap), so staff see a publication or a withdrawal at once; shared
 * caches (a CDN) may hold them for s-maxage, but never past the next
 * publication time: a cache cannot hold a list that lacks a release now
 * due.
 */
static void
public_cache(struct req *r, const struct ix *x, time_t now)
{
	time_t	 next = ix_next_change(x, now);
	long	 age = r->conf->public_max_age;

	/*
	 * now is the current second rounded down: up to a second has passed
	 * already, which the cache's time must leave out.
	 */
	if (next > now && next - now - 1 < age)
		age = (long)(next - now - 1);
	r->cache = age > 0 ? arena_printf(&r->a,
	    "public, max-age=0, s-maxage=%ld", age) : "public, no-cache";
	r->last_modified = ix_last_change(x, now);
}

/* The site's address of a public path, for feeds and metadata. */
static char *
absolute(struct req *r, const char *path)
{
	return arena_printf(&r->a, "%s%s%s", r->conf->site_url,
	    r->conf->url_public, path);
}

static const char *
permalink_path(struct req *r, const struct ix_entry *e)
{
	return arena_printf(&r->a, "/%s", e->permalink);
}

static int
lang_known(struct req *r, const char *l)
{
	size_t	 i;

	for (i = 0; i < r->conf->nlangs; i++)
		if (strcmp(r->conf->langs[i], l) == 0)
			return 1;
	return 0;
}

/* The other members of e's translation group, as "translations". */
static void
group_dict(struct req *r, const struct ix *x, const struct ix_entry *e,
    time_t now, struct tdict *d)
{
	struct ix_entry	 g[IX_GROUP_MAX];
	struct tdict	*it;
	size_t		 n, i;
	int		 any = 0;

	n = ix_group(x, e->group, now, g, IX_GROUP_MAX);
	for (i = 0; i < n; i++) {
		if (strcmp(g[i].id, e->id) == 0)
			continue;
		it = tdict_add_item(d, "translations");
		tdict_set(it, "id", g[i].id);
		tdict_set(it, "lang", g[i].lang);
		tdict_set(it, "title", g[i].title);
		tdict_set(it, "url", arena_printf(&r->a, "%s%s",
		    r->conf->url_public, permalink_path(r, &g[i])));
		tdict_set(it, "abs_url", absolute(r, permalink_path(r, &g[i])));
		any = 1;
	}
	tdict_set_bool(d, "has_translations", any);
}

/* One entry of a list, feed or search, as a template item. */
static void
entry_dict(struct req *r, const struct ix *x, const struct ix_entry *e,
    time_t now, struct tdict *it, int more)
{
	struct tdict	*t;
	const char	*topics[TOPICS_SHOWN];
	size_t		 nt, i;

	tdict_set(it, "id", e->id);
	tdict_set(it, "title", e->title);
	tdict_set(it, "subtitle", e->subtitle);
	tdict_set(it, "date", e->date);
	tdict_set(it, "lang", e->lang);
	tdict_set(it, "lead", e->lead);
	tdict_set(it, "city", e->city);
	tdict_set(it, "url", arena_printf(&r->a, "%s%s", r->conf->url_public,
	    permalink_path(r, e)));
	tdict_set(it, "abs_url", absolute(r, permalink_path(r, e)));
	tdict_set(it, "published", req_rfc3339(r, e->first > 0 ? e->first :
	    e->pub));
	tdict_set(it, "updated", req_rfc3339(r, e->updated > 0 ? e->updated :
	    e->first > 0 ? e->first : e->pub));
	/* Lists speak the interface's language (a dateline the release's). */
	tdict_set(it, "date_text", msg_date(&r->a, NULL, e->date));
	if (e->updated > 0)
		app_time_set(r, it, "updated_on", e->updated);
	nt = release_topics(&r->a, e->topics, topics, TOPICS_SHOWN);
	for (i = 0; i < nt; i++) {
		t = tdict_add_item(it, "topics");
		tdict_set(t, "topic", topics[i]);
		tdict_set(t, "slug", ix_topic_slug(&r->a, topics[i]));
		/* Items are the innermost scope: "more" must be theirs. */
		tdict_set_bool(t, "more", i + 1 < nt);
	}
	tdict_set_bool(it, "has_topics", nt > 0);
	group_dict(r, x, e, now, it);
	tdict_set_bool(it, "more", more);
}

/*
 * A query parameter of a public page: *v is NULL if absent; a value with
 * a NUL, invalid UTF-8 or a control character, or over max bytes, is a bad
 * request (never searched for, echoed or cut short).
 */
static enum err
query(struct req *r, const char *name, size_t max, const char **v)
{
	size_t	 len;

	if ((*v = params_get(&r->qp, name, &len)) == NULL)
		return ERR_OK;
	if (len > max || text_check_line(*v, len, max) != ERR_OK)
		return ERR_BADREQ;
	return ERR_OK;
}

/* "page": absent is 1; anything but 1 to PAGE_MAX is a bad request. */
static enum err
page_param(struct req *r, unsigned long *page)
{
	const char	*p;
	enum err	 e;

	*page = 1;
	if ((e = query(r, "page", 16, &p)) != ERR_OK)
		return e;
	if (p == NULL)
		return ERR_OK;
	if (!app_parse_count(p, page) || *page > PAGE_MAX)
		return ERR_BADREQ;
	return ERR_OK;
}

/* The path of a filtered list, canonical: language, topic, year, month. */
static char *
list_path(struct req *r, const struct ix_filter *f)
{
	struct buf	 b;

	buf_init(&b, &r->a);
	buf_add(&b, "", 0);
	if (f->lang == NULL && f->topic == NULL && f->year == 0)
		return arena_strdup(&r->a, "/");
	buf_puts(&b, "/archive");
	if (f->lang != NULL)
		buf_printf(&b, "/language/%s", f->lang);
	if (f->topic != NULL)
		buf_printf(&b, "/topic/%s", f->topic);
	if (f->year > 0)
		buf_printf(&b, "/%04d", f->year);
	if (f->month > 0)
		buf_printf(&b, "/%02d", f->month);
	buf_putc(&b, '/');
	return b.data;
}

static void
pager(struct req *r, struct tdict *d, const char *base, unsigned long page,
    size_t total, size_t size)
{
	unsigned long	 pages = (unsigned long)((total + size - 1) / size);
	const char	*sep = strchr(base, '?') != NULL ? "&" : "?";

	if (pages == 0)
		pages = 1;
	tdict_setf(d, "page", "%lu", page);
	tdict_setf(d, "pages", "%lu", pages);
	tdict_setf(d, "total", "%zu", total);
	if (page > 1) {
		tdict_set(d, "prev_url", page == 2 ? base :
		    arena_printf(&r->a, "%s%spage=%lu", base, sep, page - 1));
		tdict_set(d, "first_url", base);
	}
	if (page < pages) {
		tdict_set(d, "next_url", arena_printf(&r->a, "%s%spage=%lu",
		    base, sep, page + 1));
		tdict_set(d, "last_url", arena_printf(&r->a, "%s%spage=%lu",
		    base, sep, pages));
	}
	tdict_set_bool(d, "has_pager", pages > 1);
}

struct facet_arg {
	struct req		*r;
	const struct ix		*x;
	time_t			 now;
	struct tdict		*d;
	const char		*list;
	const struct ix_filter	*f;
	char			 facet;
};

static void
facet_item(void *arg, const char *value, const char *name, size_t count)
{
	struct facet_arg	*fa = arg;
	struct ix_filter	 f = *fa->f;
	struct tdict		*it;
	int			 current = 0;

	switch (fa->facet) {
	case 'l':
		f.lang = value;
		current = fa->f->lang != NULL && strcmp(fa->f->lang, value) == 0;
		break;
	case 't':
		f.topic = value;
		current = fa->f->topic != NULL &&
		    strcmp(fa->f->topic, value) == 0;
		break;
	case 'y':
		f.year = atoi(value);
		f.month = 0;
		current = fa->f->year == f.year;
		break;
	default:
		return;
	}
	/* What the link leads to: this value within the current filter. */
	if ((count = ix_count(fa->x, &f, fa->now)) == 0)
		return;
	it = tdict_add_item(fa->d, fa->list);
	tdict_set(it, "name", name);
	tdict_set(it, "value", value);
	tdict_setf(it, "count", "%zu", count);
	tdict_set(it, "url", arena_printf(&fa->r->a, "%s%s",
	    fa->r->conf->url_public, list_path(fa->r, &f)));
	tdict_set_bool(it, "current", current);
}

/* The months of the year of f, for the month links of a year page. */
static void
month_item(void *arg, const char *value, const char *name, size_t count)
{
	struct facet_arg	*fa = arg;
	struct ix_filter	 f = *fa->f;
	struct tdict		*it;

	(void)name;
	if (atoi(value) != fa->f->year)
		return;
	f.month = atoi(value + 5);
	if ((count = ix_count(fa->x, &f, fa->now)) == 0)
		return;
	it = tdict_add_item(fa->d, "months");
	tdict_set(it, "name", value);
	tdict_setf(it, "count", "%zu", count);
	tdict_set(it, "url", arena_printf(&fa->r->a, "%s%s",
	    fa->r->conf->url_public, list_path(fa->r, &f)));
	tdict_set_bool(it, "current", f.month == fa->f->month);
}

static void
facets(struct req *r, const struct ix *x, const struct ix_filter *f,
    time_t now, struct tdict *d)
{
	struct facet_arg	 fa = { r, x, now, d, NULL, f, 0 };

	fa.facet = 'y';
	fa.list = "years";
	ix_facets(x, 'y', now, facet_item, &fa);
	fa.facet = 't';
	fa.list = "topic_list";
	ix_facets(x, 't', now, facet_item, &fa);
	fa.facet = 'l';
	fa.list = "languages";
	ix_facets(x, 'l', now, facet_item, &fa);
	if (f->year > 0)
		ix_facets(x, 'm', now, month_item, &fa);
}

/* A list page or a feed of the filtered archive. */
static enum err
list_get(struct req *r, const struct ix_filter *f, enum view v)
{
	struct ix	*x;
	struct ix_entry	*ents;
	struct tdict	*d, *it;
	const char	*path, *label;
	unsigned long	 page = 1;
	size_t		 n, total, i, size;
	time_t		 now = time(NULL), newest = 0;
	enum err	 e;

	if (v == V_LIST && (e = page_param(r, &page)) != ERR_OK)
		return e;
	if ((e = ix_get(r->store, &x)) != ERR_OK)
		return e;
	size = (size_t)(v == V_LIST ? r->conf->public_page_size :
	    r->conf->feed_entries);
	ents = arena_alloc(&r->a, size * sizeof(*ents));
	n = ix_list(x, f, now, (page - 1) * size, size, ents, &total);
	/* An empty filtered list is a page that does not exist. */
	if ((n == 0 && page > 1) || (total == 0 && (f->lang != NULL ||
	    f->topic != NULL || f->year > 0)))
		return ERR_NOTFOUND;
	d = app_dict(r);
	path = list_path(r, f);
	label = NULL;
	if (f->topic != NULL) {
		/* The topic as the newest release of the list writes it. */
		const char	*t[RELEASE_TOPICS_MAX];
		size_t		 nt, k;

		nt = release_topics(&r->a, n > 0 ? ents[0].topics : "", t,
		    RELEASE_TOPICS_MAX);
		for (k = 0; k < nt; k++)
			if (strcmp(ix_topic_slug(&r->a, t[k]), f->topic) == 0)
				label = t[k];
		tdict_set(d, "filter_topic", label != NULL ? label : f->topic);
	}
	if (f->lang != NULL)
		tdict_set(d, "filter_lang", f->lang);
	if (f->year > 0)
		tdict_setf(d, "filter_year", "%04d", f->year);
	if (f->month > 0)
		tdict_setf(d, "filter_month", "%04d-%02d", f->year, f->month);
	tdict_set_bool(d, "filtered", f->lang != NULL || f->topic != NULL ||
	    f->year > 0);
	tdict_set(d, "list_url", arena_printf(&r->a, "%s%s",
	    r->conf->url_public, path));
	tdict_set(d, "abs_list_url", absolute(r, path));
	tdict_set(d, "feed_path", strcmp(path, "/") == 0 ? "/" : path);
	tdict_set(d, "atom_url", absolute(r, arena_printf(&r->a, "%sfeed.atom",
	    strcmp(path, "/") == 0 ? "/" : path)));
	tdict_set(d, "json_url", absolute(r, arena_printf(&r->a, "%sfeed.json",
	    strcmp(path, "/") == 0 ? "/" : path)));
	tdict_set(d, "site_url", absolute(r, "/"));
	for (i = 0; i < n; i++) {
		it = tdict_add_item(d, "releases");
		entry_dict(r, x, &ents[i], now, it, i + 1 < n);
		if (ents[i].updated > newest)
			newest = ents[i].updated;
		if (ents[i].first > newest)
			newest = ents[i].first;
		if (ents[i].pub > newest)
			newest = ents[i].pub;
	}
	tdict_set_bool(d, "has_releases", n > 0);
	public_cache(r, x, now);
	if (v == V_ATOM || v == V_JSONFEED) {
		tdict_set(d, "feed_updated", req_rfc3339(r, newest > 0 ? newest :
		    ix_built(x)));
		e = app_render(r, 200, v == V_ATOM ? "feed_atom" :
		    "feed_json", d);
		r->ctype = v == V_ATOM ? "application/atom+xml; charset=utf-8" :
		    "application/feed+json; charset=utf-8";
		req_header(r, "Access-Control-Allow-Origin", "*");
		return e;
	}
	pager(r, d, arena_printf(&r->a, "%s%s", r->conf->url_public, path),
	    page, total, size);
	facets(r, x, f, now, d);
	return app_render(r, 200, "public_index", d);
}

/*
 * A public release page.  The release file decides what is public (the
 * index may lag a withdrawal by a moment); the index gives the address
 * and the translations.
 */
static enum err
release_show(struct req *r, const char *id, struct ix *x)
{
	struct ix_entry	 ie;
	struct release	 rel, pub;
	struct tdict	*d;
	time_t		 now = time(NULL);
	int		 indexed;
	enum err	 e;

	if ((e = store_release_get(r->store, &r->a, id, &rel)) != ERR_OK)
		return e;
	if (!release_is_public(&rel, now))
		return ERR_NOTFOUND;
	if ((e = store_revision_get(r->store, &r->a, id, rel.public_rev,
	    &pub)) != ERR_OK)
		return e;
	indexed = ix_by_id(x, id, &ie);
	d = app_dict(r);
	render_release(&r->a, d, &pub);
	if (indexed) {
		group_dict(r, x, &ie, now, d);
		tdict_set(d, "abs_url", absolute(r, permalink_path(r, &ie)));
	}
	if (rel.updated_at > 0)
		app_time_set(r, d, "updated_at", rel.updated_at);
	tdict_set(d, "published", req_rfc3339(r, rel.published_at));
	tdict_set(d, "modified", req_rfc3339(r, rel.updated_at > 0 ?
	    rel.updated_at : rel.published_at));
	tdict_set(d, "lead_text", pub.lead);
	public_cache(r, x, now);
	if (rel.updated_at > r->last_modified)
		r->last_modified = rel.updated_at;
	return app_render(r, 200, "public_release", d);
}

/* The permanent address of a release: YYYY/MM/DD/slug. */
static enum err
release_page(struct req *r, const char *link)
{
	struct ix	*x;
	struct ix_entry	 ie;
	enum err	 e;

	if ((e = ix_get(r->store, &x)) != ERR_OK)
		return e;
	if (!ix_by_permalink(x, link, &ie) || ie.pub > time(NULL))
		return ERR_NOTFOUND;
	return release_show(r, ie.id, x);
}

/* The address by id, which links made before permalinks still use. */
static enum err
release_get(struct req *r, const char *id)
{
	struct ix	*x;
	enum err	 e;

	if ((e = ix_get(r->store, &x)) != ERR_OK)
		return e;
	return release_show(r, id, x);
}

static enum err
search_get(struct req *r)
{
	struct ix	*x;
	struct ix_entry	*ents;
	struct release	 pub;
	struct tdict	*d, *it;
	char		 terms[IX_SEARCH_TERMS][SLUG_WORD_MAX + 1];
	const char	*q;
	unsigned long	 page;
	size_t		 n = 0, total = 0, nterms = 0, i, size;
	time_t		 now = time(NULL);
	enum err	 e;

	if ((e = page_param(r, &page)) != ERR_OK ||
	    (e = query(r, "q", SEARCH_MAX, &q)) != ERR_OK)
		return e;
	if ((e = ix_get(r->store, &x)) != ERR_OK)
		return e;
	d = app_dict(r);
	size = (size_t)r->conf->public_page_size;
	ents = arena_alloc(&r->a, size * sizeof(*ents));
	if (q != NULL && q[0] != '\0') {
		n = ix_search(x, &r->a, q, now, (page - 1) * size, size, ents,
		    &total, terms, &nterms);
		if (n == 0 && page > 1)
			return ERR_NOTFOUND;
		tdict_set(d, "q", q);
		tdict_set_bool(d, "searched", 1);
		tdict_set_bool(d, "no_words", nterms == 0);
	}
	for (i = 0; i < n; i++) {
		it = tdict_add_item(d, "releases");
		entry_dict(r, x, &ents[i], now, it, i + 1 < n);
		/* The passage comes from the public text itself. */
		if (store_revision_get(r->store, &r->a, ents[i].id, ents[i].rev,
		    &pub) == ERR_OK)
			render_passage(&r->a, it, "passage_html",
			    arena_printf(&r->a, "%s\n\n%s\n\n%s", pub.title,
			    pub.lead, pub.body), terms, nterms);
	}
	tdict_set_bool(d, "has_releases", n > 0);
	if (q != NULL && q[0] != '\0') {
		struct buf	 base;

		buf_init(&base, &r->a);
		buf_printf(&base, "%s/search?q=", r->conf->url_public);
		url_encode(&base, q, strlen(q));
		pager(r, d, base.data, page, total, size);
	}
	public_cache(r, x, now);
	return app_render(r, 200, "public_search", d);
}

static enum err
sitemap_get(struct req *r)
{
	struct ix	*x;
	struct ix_entry	*ents;
	struct tdict	*d, *it, *alt;
	struct ix_entry	 g[IX_GROUP_MAX];
	const char	*part;
	unsigned long	 p = 0;
	size_t		 n, total, i, k, ng;
	time_t		 now = time(NULL);
	enum err	 e;

	if ((e = query(r, "part", 16, &part)) != ERR_OK)
		return e;
	if (part != NULL && !app_parse_count(part, &p))
		return ERR_BADREQ;
	if ((e = ix_get(r->store, &x)) != ERR_OK)
		return e;
	d = app_dict(r);
	ents = arena_alloc(&r->a, sizeof(*ents));
	(void)ix_list(x, NULL, now, 0, 1, ents, &total);
	public_cache(r, x, now);
	r->ctype = "application/xml; charset=utf-8";
	if (part == NULL && total > SITEMAP_PART) {
		/* An index of parts, as the protocol wants above 50,000. */
		for (k = 0; k * SITEMAP_PART < total; k++) {
			it = tdict_add_item(d, "parts");
			tdict_set(it, "url", absolute(r, arena_printf(&r->a,
			    "/sitemap.xml?part=%zu", k + 1)));
		}
		e = app_render(r, 200, "sitemap_index", d);
		r->ctype = "application/xml; charset=utf-8";
		return e;
	}
	if (p == 0)
		p = 1;
	if ((p - 1) * SITEMAP_PART >= total && total > 0)
		return ERR_NOTFOUND;
	ents = arena_alloc(&r->a, SITEMAP_PART * sizeof(*ents));
	n = ix_list(x, NULL, now, (p - 1) * SITEMAP_PART, SITEMAP_PART, ents,
	    &total);
	it = tdict_add_item(d, "urls");
	tdict_set(it, "loc", absolute(r, "/"));
	for (i = 0; i < n; i++) {
		it = tdict_add_item(d, "urls");
		tdict_set(it, "loc", absolute(r, permalink_path(r, &ents[i])));
		tdict_set(it, "lastmod", req_rfc3339(r, ents[i].updated > 0 ?
		    ents[i].updated : ents[i].first > 0 ? ents[i].first :
		    ents[i].pub));
		ng = ix_group(x, ents[i].group, now, g, IX_GROUP_MAX);
		/* hreflang: every member, itself included, or none. */
		for (k = 0; ng > 1 && k < ng; k++) {
			alt = tdict_add_item(it, "alternates");
			tdict_set(alt, "lang", g[k].lang);
			tdict_set(alt, "href", absolute(r, permalink_path(r,
			    &g[k])));
		}
	}
	e = app_render(r, 200, "sitemap", d);
	r->ctype = "application/xml; charset=utf-8";
	return e;
}

/* The latest releases, for the host site's own pages. */
static enum err
embed_get(struct req *r, int json)
{
	struct ix	*x;
	struct ix_entry	 ents[EMBED_MAX];
	struct ix_filter f;
	struct tdict	*d, *it;
	const char	*ns, *l;
	unsigned long	 n = EMBED_DEFAULT;
	size_t		 got, total, i;
	time_t		 now = time(NULL);
	enum err	 e;

	if ((e = query(r, "n", 16, &ns)) != ERR_OK ||
	    (e = query(r, "language", LIM_LANG_MAX, &l)) != ERR_OK)
		return e;
	if (ns != NULL && (!app_parse_count(ns, &n) || n > EMBED_MAX))
		return ERR_BADREQ;
	memset(&f, 0, sizeof(f));
	if (l != NULL) {
		if (!lang_known(r, l))
			return ERR_NOTFOUND;
		f.lang = l;
	}
	if ((e = ix_get(r->store, &x)) != ERR_OK)
		return e;
	got = ix_list(x, &f, now, 0, n, ents, &total);
	d = app_dict(r);
	for (i = 0; i < got; i++) {
		it = tdict_add_item(d, "releases");
		entry_dict(r, x, &ents[i], now, it, i + 1 < got);
	}
	tdict_set_bool(d, "has_releases", got > 0);
	tdict_set(d, "site_url", absolute(r, "/"));
	public_cache(r, x, now);
	e = app_render(r, 200, json ? "embed_json" : "embed", d);
	if (json)
		r->ctype = "application/json; charset=utf-8";
	/* Any site may fetch these from a script. */
	req_header(r, "Access-Control-Allow-Origin", "*");
	return e;
}

static int
digits(const char *s, size_t n)
{
	return strlen(s) == n && strspn(s, "0123456789") == n;
}

/* A topic's URL name: what ix_topic_slug() makes, nothing else. */
static int
topic_ok(const char *s)
{
	size_t	 n = strlen(s);

	return n > 0 && n <= LIM_TOPIC_MAX &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789.-") == n;
}

/* Everything public that is not a file, a kit or an old address. */
static enum err
public_get(struct req *r, const char *arg)
{
	struct ix_filter f;
	char		*seg[SEGMENTS_MAX], *path, *p;
	size_t		 n = 0, i = 0;
	enum view	 v = V_LIST;
	int		 y, m, dd;

	(void)arg;
	path = arena_strdup(&r->a, r->rest);
	for (p = strtok(path, "/"); p != NULL; p = strtok(NULL, "/")) {
		if (n == SEGMENTS_MAX)
			return ERR_NOTFOUND;
		seg[n++] = p;
	}
	memset(&f, 0, sizeof(f));
	if (n == 1 && strcmp(seg[0], "search") == 0)
		return search_get(r);
	if (n == 1 && strcmp(seg[0], "sitemap.xml") == 0)
		return sitemap_get(r);
	if (n == 2 && strcmp(seg[0], "embed") == 0) {
		if (strcmp(seg[1], "latest.html") == 0)
			return embed_get(r, 0);
		if (strcmp(seg[1], "latest.json") == 0)
			return embed_get(r, 1);
		return ERR_NOTFOUND;
	}
	/* A permanent address: YYYY/MM/DD/slug. */
	if (n == 4 && digits(seg[0], 4) && digits(seg[1], 2) &&
	    digits(seg[2], 2)) {
		y = atoi(seg[0]);
		m = atoi(seg[1]);
		dd = atoi(seg[2]);
		(void)y;
		if (m < 1 || m > 12 || dd < 1 || dd > 31 ||
		    strlen(seg[3]) > 200)
			return ERR_NOTFOUND;
		return release_page(r, arena_printf(&r->a, "%s/%s/%s/%s",
		    seg[0], seg[1], seg[2], seg[3]));
	}
	/* The archive: [archive] [language L] [topic T] [YYYY [MM]] [feed]. */
	if (n > 0 && strcmp(seg[n - 1], "feed.atom") == 0) {
		v = V_ATOM;
		n--;
	} else if (n > 0 && strcmp(seg[n - 1], "feed.json") == 0) {
		v = V_JSONFEED;
		n--;
	}
	if (i < n && strcmp(seg[i], "archive") == 0)
		i++;
	else if (n > 0)
		return ERR_NOTFOUND;
	if (i + 1 < n && strcmp(seg[i], "language") == 0) {
		if (!lang_known(r, seg[i + 1]))
			return ERR_NOTFOUND;
		f.lang = seg[i + 1];
		i += 2;
	}
	if (i + 1 < n && strcmp(seg[i], "topic") == 0) {
		if (!topic_ok(seg[i + 1]))
			return ERR_NOTFOUND;
		f.topic = seg[i + 1];
		i += 2;
	}
	if (i < n && digits(seg[i], 4)) {
		f.year = atoi(seg[i++]);
		if (f.year < 1000)
			return ERR_NOTFOUND;
		if (i < n && digits(seg[i], 2)) {
			f.month = atoi(seg[i++]);
			if (f.month < 1 || f.month > 12)
				return ERR_NOTFOUND;
		}
	}
	if (i != n)
		return ERR_NOTFOUND;
	return list_get(r, &f, v);
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
	req_header(r, "Last-Modified", req_http_date(r, st.st_mtime));
	req_header(r, "Accept-Ranges", "bytes");
	req_header(r, "Content-Disposition", disposition(r,
	    attach_inline(v[i].type) ? "inline" : "attachment", v[i].name));
	if ((r->if_none_match[0] != '\0' && (strstr(r->if_none_match, etag)
	    != NULL || strcmp(r->if_none_match, "*") == 0)) ||
	    (r->if_none_match[0] == '\0' && r->if_modified_since[0] != '\0' &&
	    strcmp(r->if_modified_since, req_http_date(r, st.st_mtime)) == 0)) {
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
	{ "/release/:id", PAGE_PUBLIC, ROLE_EDITOR, NULL, release_get, NULL, 0 },
	{ "/files/:id/:rest", PAGE_PUBLIC, ROLE_EDITOR, NULL, file_get, NULL,
	    0 },
	{ "/kit/:id", PAGE_PUBLIC, ROLE_EDITOR, NULL, kit_get, NULL, 0 },
	{ "/*", PAGE_PUBLIC, ROLE_EDITOR, NULL, public_get, NULL, 0 },
};

static const struct program prog = {
	"archive", pages, sizeof(pages) / sizeof(pages[0]), 0
};

int
main(int argc, char *argv[])
{
	return app_main(argc, argv, &prog);
}
