/*
 * upload.c: pressroom-upload, attaching files to a release.
 *
 * The body is never held in memory: it is read in chunks and fed to the
 * multipart parser, which hands each file's bytes to a spool file in the
 * data directory's tmp/.  The first part must be the form's CSRF token, so
 * nothing is spooled for a forged request.  Limits are checked as the
 * bytes arrive: a declared length over the limit is refused before any is
 * read, an undeclared one is cut at the limit.  Only when the whole body
 * was read and every file passed libmagic and the allowlist are the files
 * committed and added to the release, in one store change; on any failure
 * every spool file is removed and the release is unchanged.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <magic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "attach.h"
#include "auth.h"
#include "io.h"
#include "lim.h"
#include "msg.h"
#include "multipart.h"
#include "store.h"
#include "workflow.h"

#define READ_CHUNK	(64 * 1024)
#define FIELD_MAX	128	/* csrf, replace: small fields only */
#define SPOOL_NAME	64
#define SLACK		(1024 * 1024)	/* multipart headers around files */

struct upfile {
	char		 spool[SPOOL_NAME];
	int		 fd;
	off_t		 size;
	char		*name;		/* cleaned display name */
	const char	*type;
	unsigned	 width, height;
	char		 aid[ATTACH_ID_LEN + 1];
	enum msg	 problem;	/* MSG__COUNT: none */
	const char	*detected;
};

struct upload {
	struct req	*r;
	struct upfile	*files;
	size_t		 nfiles, maxfiles;
	off_t		 existing;	/* bytes already attached */
	size_t		 nexisting;
	off_t		 total;		/* bytes of files in this request */
	int		 csrf_ok;
	int		 part;		/* 0 csrf, 1 replace, 2 file, 3 other */
	char		 field[FIELD_MAX + 1];
	size_t		 fieldlen;
	char		 replace[ATTACH_ID_LEN + 1];
	enum err	 why;		/* why a callback stopped the parse */
};

static int
part_begin(void *arg, const struct mp_part *p)
{
	struct upload	*u = arg;
	struct upfile	*f;

	u->fieldlen = 0;
	if (!u->csrf_ok && strcmp(p->name, "csrf") != 0) {
		u->why = ERR_CSRF;	/* the token must come first */
		return 1;
	}
	if (strcmp(p->name, "csrf") == 0)
		u->part = 0;
	else if (strcmp(p->name, "replace") == 0)
		u->part = 1;
	else if (strcmp(p->name, "file") == 0 && p->has_filename &&
	    p->filename[0] != '\0') {
		if (u->nfiles == u->maxfiles || u->nexisting + u->nfiles >=
		    (size_t)u->r->conf->upload_files_max) {
			u->why = ERR_TOOMANY;
			return 1;
		}
		f = &u->files[u->nfiles];
		memset(f, 0, sizeof(*f));
		f->problem = MSG__COUNT;
		if (store_spool_open(u->r->store, &f->fd, f->spool,
		    sizeof(f->spool)) != ERR_OK) {
			u->why = ERR_IO;
			return 1;
		}
		f->name = attach_clean_name(&u->r->a, p->filename);
		u->nfiles++;
		u->part = 2;
	} else
		u->part = 3;	/* an empty file input, or a field we ignore */
	return 0;
}

static int
part_data(void *arg, const char *data, size_t len)
{
	struct upload	*u = arg;
	struct upfile	*f;

	if (u->part == 2) {
		f = &u->files[u->nfiles - 1];
		if (f->size + (off_t)len > u->r->conf->upload_file_max ||
		    u->existing + u->total + (off_t)len >
		    u->r->conf->upload_total_max) {
			u->why = ERR_TOOBIG;
			return 1;
		}
		if (io_write_all(f->fd, data, len) == -1) {
			/* ENOSPC, EFBIG, EDQUOT: the disk said no. */
			u->why = ERR_IO;
			return 1;
		}
		f->size += (off_t)len;
		u->total += (off_t)len;
		return 0;
	}
	if (u->part == 3)
		return 0;
	if (u->fieldlen + len > FIELD_MAX) {
		u->why = ERR_TOOBIG;
		return 1;
	}
	memcpy(u->field + u->fieldlen, data, len);
	u->fieldlen += len;
	u->field[u->fieldlen] = '\0';
	return 0;
}

static int
part_end(void *arg)
{
	struct upload	*u = arg;
	struct upfile	*f;

	switch (u->part) {
	case 0:
		if (!u->r->signed_in || strlen(u->field) != LIM_CSRF_LEN ||
		    !auth_token_equal(u->field, u->r->sess.csrf)) {
			u->why = ERR_CSRF;
			return 1;
		}
		u->csrf_ok = 1;
		break;
	case 1:
		if (u->field[0] != '\0' && !attach_id_valid(u->field)) {
			u->why = ERR_BADREQ;
			return 1;
		}
		memcpy(u->replace, u->field, sizeof(u->replace));
		break;
	case 2:
		f = &u->files[u->nfiles - 1];
		if (close(f->fd) == -1) {
			f->fd = -1;
			u->why = ERR_IO;
			return 1;
		}
		f->fd = -1;
		break;
	}
	return 0;
}

static void
discard(struct upload *u)
{
	size_t	 i;

	for (i = 0; i < u->nfiles; i++) {
		if (u->files[i].fd != -1)
			close(u->files[i].fd);
		u->files[i].fd = -1;
		store_spool_discard(u->r->store, u->files[i].spool);
	}
}

/* Decide each spooled file's type from its bytes; 0 if any is refused. */
static int
check_files(struct upload *u)
{
	struct magic_set	*m = app_magic();
	struct upfile		*f;
	char			 path[PATH_MAX];
	const char		*type, *desc;
	size_t			 i;
	int			 good = 1;
	enum err		 e;

	for (i = 0; i < u->nfiles; i++) {
		f = &u->files[i];
		if (f->size == 0) {
			f->problem = MSG_UPLOAD_EMPTY;
			good = 0;
			continue;
		}
		if (store_spool_path(u->r->store, f->spool, path,
		    sizeof(path)) != ERR_OK ||
		    (type = magic_file(m, path)) == NULL) {
			f->problem = MSG_UPLOAD_UNREADABLE;
			good = 0;
			continue;
		}
		f->type = arena_strdup(&u->r->a, type);
		f->detected = attach_type_label(f->type);
		if ((e = attach_check_type(u->r->conf, f->type, f->name)) !=
		    ERR_OK) {
			f->problem = e == ERR_INVALID ? MSG_UPLOAD_TYPE :
			    MSG_UPLOAD_EXTENSION;
			good = 0;
			continue;
		}
		/* libmagic's description of an image gives its size. */
		magic_setflags(m, MAGIC_NONE);
		if ((desc = magic_file(m, path)) != NULL)
			attach_dimensions(desc, &f->width, &f->height);
		magic_setflags(m, MAGIC_MIME_TYPE | MAGIC_ERROR);
	}
	return good;
}

struct add_arg {
	struct req	*r;
	struct upload	*u;
};

/* Inside the lock: still editable, still within the limits, then add. */
static enum err
add_fn(struct release *cur, void *arg, const char **comment)
{
	struct add_arg		*aa = arg;
	struct upload		*u = aa->u;
	struct attachment	*old, *v;
	size_t			 n, i, k;
	long			 at = -1;
	off_t			 total = 0;
	enum err		 e;

	*comment = NULL;
	if (!app_may(aa->r, cur, ACT_EDIT, &e))
		return e;
	if (attach_parse(&aa->r->a, cur->attachments, &old, &n) != ERR_OK)
		return ERR_CORRUPT;
	if (u->replace[0] != '\0' && (at = attach_find(old, n, u->replace)) < 0)
		return ERR_NOTFOUND;
	for (i = 0; i < n; i++)
		total += old[i].size;
	if (n + u->nfiles - (at >= 0) > (size_t)aa->r->conf->upload_files_max)
		return ERR_TOOMANY;
	if (total + u->total - (at >= 0 ? old[at].size : 0) >
	    aa->r->conf->upload_total_max)
		return ERR_TOOBIG;
	v = arena_alloc(&aa->r->a, (n + u->nfiles) * sizeof(*v));
	for (i = k = 0; i < n; i++) {
		if ((long)i == at)
			continue;	/* the replaced file goes where it was */
		v[k++] = old[i];
	}
	for (i = 0; i < u->nfiles; i++) {
		struct attachment	 a;

		memset(&a, 0, sizeof(a));
		memcpy(a.id, u->files[i].aid, sizeof(a.id));
		a.size = u->files[i].size;
		a.type = u->files[i].type;
		a.width = u->files[i].width;
		a.height = u->files[i].height;
		a.name = u->files[i].name;
		a.caption = at >= 0 && i == 0 ? old[at].caption : "";
		a.credit = at >= 0 && i == 0 ? old[at].credit : "";
		if (at >= 0 && i == 0) {
			memmove(&v[at + 1], &v[at], (k - (size_t)at) *
			    sizeof(*v));
			v[at] = a;
		} else
			v[k] = a;
		k++;
	}
	cur->attachments = attach_format(&aa->r->a, v, k);
	cur->state = workflow_after_edit(cur->state);
	return ERR_OK;
}

/* A refusal: the edit page's words, each file with what went wrong. */
static enum err
refused(struct req *r, const char *id, struct upload *u, enum msg m)
{
	struct tdict	*d, *it;
	size_t		 i;

	d = app_dict(r);
	tdict_set(d, "id", id);
	tdict_set(d, "error", msg_get(m));
	for (i = 0; i < u->nfiles; i++) {
		if (u->files[i].problem == MSG__COUNT)
			continue;
		it = tdict_add_item(d, "problems");
		tdict_set(it, "name", u->files[i].name);
		tdict_set(it, "problem", msg_get(u->files[i].problem));
		tdict_set(it, "detected", u->files[i].detected);
		tdict_set(it, "allowed", attach_type_extensions(
		    u->files[i].type == NULL ? "" : u->files[i].type));
	}
	tdict_set(d, "allowed_types", arena_printf(&r->a, "%s",
	    msg_get(MSG_UPLOAD_ALLOWED)));
	return app_render(r, m == MSG_UPLOAD_TOOBIG ? 413 :
	    m == MSG_UPLOAD_DISK ? 507 : 422, "upload_refused", d);
}

static enum err
upload_post(struct req *r, const char *id)
{
	struct release		 rel;
	struct upload		 u;
	struct mp_limits	 lim;
	struct mp_callbacks	 cb = { part_begin, part_data, part_end };
	struct mp_parser	*mp;
	struct add_arg		 aa;
	struct attachment	*old;
	char			 boundary[MP_BOUNDARY_MAX + 1], *chunk;
	long long		 max, seen = 0;
	ssize_t			 n;
	size_t			 i, nold;
	enum err		 e;

	if ((e = app_load(r, id, ACT_EDIT, &rel)) != ERR_OK)
		return e;
	if (mp_boundary(r->content_type, boundary) != ERR_OK)
		return ERR_BADREQ;
	/* Refuse a declared length over the limit before reading any. */
	max = r->conf->upload_total_max + SLACK;
	if (r->body_left > max)
		return refused(r, id, &(struct upload){ .r = r },
		    MSG_UPLOAD_TOOBIG);

	memset(&u, 0, sizeof(u));
	u.r = r;
	u.maxfiles = (size_t)r->conf->upload_parts_max;
	u.files = arena_alloc(&r->a, u.maxfiles * sizeof(*u.files));
	u.why = ERR_OK;
	if (attach_parse(&r->a, rel.attachments, &old, &nold) != ERR_OK)
		return ERR_CORRUPT;
	u.nexisting = nold;
	for (i = 0; i < nold; i++)
		u.existing += old[i].size;
	lim.header_max = (size_t)r->conf->upload_header_max;
	lim.parts_max = (size_t)r->conf->upload_parts_max;
	lim.preamble_max = LIM_PREAMBLE_MAX;
	if ((mp = mp_new(boundary, &lim, &cb, &u)) == NULL)
		return ERR_NOMEM;
	chunk = arena_alloc(&r->a, READ_CHUNK);
	e = ERR_OK;
	while ((n = req_body_read(r, chunk, READ_CHUNK)) > 0) {
		if ((seen += n) > max) {
			e = u.why = ERR_TOOBIG;	/* undeclared length, cut here */
			break;
		}
		if ((e = mp_feed(mp, chunk, (size_t)n)) != ERR_OK)
			break;
	}
	if (e == ERR_OK)
		e = n < 0 ? ERR_SHORTBODY : mp_finish(mp);
	mp_free(mp);
	/* The parser's own ERR_TOOBIG is a malformed body, not a big file. */
	if (e == ERR_TOOBIG && u.why == ERR_OK)
		e = ERR_BADREQ;
	if (e == ERR_INVALID)
		e = u.why;	/* a callback stopped it: say why */
	if (e == ERR_OK && !u.csrf_ok)
		e = ERR_CSRF;
	if (e != ERR_OK) {
		discard(&u);
		if (e == ERR_TOOBIG)
			return refused(r, id, &u, MSG_UPLOAD_TOOBIG);
		if (e == ERR_TOOMANY)
			return refused(r, id, &u, MSG_UPLOAD_TOOMANY);
		if (e == ERR_IO)
			return refused(r, id, &u, MSG_UPLOAD_DISK);
		return e;
	}
	if (u.nfiles == 0) {
		discard(&u);
		return refused(r, id, &u, MSG_UPLOAD_NOFILE);
	}
	if (!check_files(&u)) {
		discard(&u);
		return refused(r, id, &u, MSG_UPLOAD_REFUSED);
	}
	for (i = 0; i < u.nfiles; i++)
		if (store_file_commit(r->store, id, u.files[i].spool,
		    u.files[i].aid) != ERR_OK) {
			u.files[i].aid[0] = '\0';
			e = ERR_IO;
			break;
		}
	if (e == ERR_OK) {
		aa.r = r;
		aa.u = &u;
		e = store_release_update(r->store, &r->a, id, r->sess.user,
		    add_fn, &aa, &rel);
	}
	if (e != ERR_OK) {
		for (i = 0; i < u.nfiles; i++)
			if (u.files[i].aid[0] != '\0')
				store_file_discard(r->store, id, u.files[i].aid);
		for (i = 0; i < u.nfiles; i++)
			store_spool_discard(r->store, u.files[i].spool);
		if (e == ERR_TOOBIG || e == ERR_TOOMANY)
			return refused(r, id, &u, e == ERR_TOOBIG ?
			    MSG_UPLOAD_TOOBIG : MSG_UPLOAD_TOOMANY);
		return e;
	}
	req_redirect(r, app_url(r, r->conf->url_staff,
	    "/edit/%s?m=uploaded#attachments", id));
	return ERR_OK;
}

static const struct page pages[] = {
	{ "/release/:id", PAGE_STAFF, ROLE_EDITOR, NULL, NULL, upload_post, 1 },
};

static const struct program prog = {
	"upload", pages, sizeof(pages) / sizeof(pages[0]), 1
};

int
main(int argc, char *argv[])
{
	return app_main(argc, argv, &prog);
}
