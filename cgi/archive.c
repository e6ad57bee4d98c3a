/*
 * archive.c: pressroom-archive, what the public sees.
 *
 * Only the public revision of a release is ever shown here (rev-<N> as
 * published, never the working text), and only when release_is_public()
 * says so at the moment of the request: an embargo ends at its second
 * because this comparison is made by every reader, not by a job.  A
 * release that is not public answers 404, like one that does not exist.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "release.h"
#include "render.h"
#include "store.h"

#define PUBLIC_LIST_MAX	50	/* releases on the home page */

static enum err
index_get(struct req *r, const char *arg)
{
	struct release	*v, pub;
	struct tdict	*d, *it;
	size_t		 n, i, shown = 0;
	time_t		 now = time(NULL);
	enum err	 e;

	(void)arg;
	if ((e = store_release_list(r->store, &r->a, &v, &n)) != ERR_OK)
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
	if (rel.updated_at > 0)
		tdict_set(d, "updated_at", app_time(r, rel.updated_at));
	r->cache = "no-cache";
	return app_render(r, 200, "public_release", d);
}

static const struct page pages[] = {
	{ "/", PAGE_PUBLIC, ROLE_EDITOR, NULL, index_get, NULL },
	{ "/release/:id", PAGE_PUBLIC, ROLE_EDITOR, NULL, release_get, NULL },
};

static const struct program prog = {
	"archive", pages, sizeof(pages) / sizeof(pages[0])
};

int
main(int argc, char *argv[])
{
	return app_main(argc, argv, &prog);
}
