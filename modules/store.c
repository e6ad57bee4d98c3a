/*
 * store.c: the flat-file data directory.
 *
 * Layout: see store.h.  Invariants:
 *
 * - Every file is replaced, never rewritten in place: a new version is
 *   written to tmp/ (same file system), fsync'd, renamed over the old one,
 *   and the directory is fsync'd.  Readers take no lock and see either the
 *   old or the new version.
 * - A new release directory is built complete under tmp/ and renamed into
 *   releases/ in one step, so a release is either fully there or absent.
 * - Changes to one release hold an exclusive flock(2) on its lock file for
 *   the whole read-compare-write, so stale saves are detected reliably.
 *   There is only one lock per operation, so there is no lock order.
 * - history is append-only.  A save appends its line (fsync) before it
 *   renames the new release into place, so a crash in between leaves a line
 *   whose revision is above the release's.  Readers ignore such a tail and
 *   the next save under the lock truncates it; committed lines never change.
 * - Names in the data directory come from the store (release ids, random
 *   session ids) or are checked against a strict pattern (user names);
 *   nothing a client sends becomes a path unchecked.
 */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/types.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "attach.h"
#include "io.h"
#include "lim.h"
#include "rand.h"
#include "store.h"

#define DIR_RELEASES	"releases"
#define DIR_SESSIONS	"sessions"
#define DIR_LOGINS	"logins"
#define DIR_PREFS	"prefs"
#define DIR_TRASH	"trash"
#define DIR_TMP		"tmp"
#define DIR_INDEX	"index"
#define DIR_PENDING	"index/pending"
#define F_INDEX_LOCK	"index/lock"
#define F_RELEASE	"release"
#define F_HISTORY	"history"
#define F_LOCKFILE	"lock"
#define F_REV_PREFIX	"rev-"
#define DIR_FILES	"files"
#define SPOOL_PREFIX	"spool."
#define REV_NAME_MAX	32
#define HISTORY_FIELDS	7	/* time seq rev user from to comment */
#define TMP_MAX_AGE	3600	/* seconds before a temporary file is stray */
#define HISTORY_MAX	(16 * 1024 * 1024)	/* what a reader loads */
#define HISTORY_TAIL	(64 * 1024)	/* what a save reads */
#define SMALL_FILE_MAX	4096	/* a session or login file */

static const char *const subdirs[] = {
	DIR_RELEASES, DIR_SESSIONS, DIR_LOGINS, DIR_PREFS, DIR_TRASH, DIR_TMP,
	DIR_INDEX, DIR_PENDING,
};

/* fsync(2), unless a bulk load (store_bulk()) syncs once at its end. */
static int
sync_fd(const struct store *s, int fd)
{
	return s->bulk ? 0 : fsync(fd);
}

/* Read a whole file opened as fd into the arena, NUL-terminated. */
static enum err
read_fd(struct arena *a, int fd, size_t max, char **data, size_t *len)
{
	struct stat	 st;
	char		*p;
	size_t		 got = 0;
	ssize_t		 n;

	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode))
		return ERR_IO;
	if ((size_t)st.st_size > max)
		return ERR_TOOBIG;
	p = arena_alloc(a, (size_t)st.st_size + 1);
	while (got < (size_t)st.st_size) {
		n = read(fd, p + got, (size_t)st.st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return ERR_IO;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	p[got] = '\0';
	*data = p;
	*len = got;
	return ERR_OK;
}

static enum err
read_at(struct arena *a, int dirfd, const char *name, size_t max,
    char **data, size_t *len)
{
	enum err	 e;
	int		 fd;

	if ((fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return errno == ENOENT ? ERR_NOTFOUND : ERR_IO;
	e = read_fd(a, fd, max, data, len);
	close(fd);
	return e;
}

/*
 * Write data to a new file in tmp/ and rename it to name in dirfd: the
 * atomic, durable replacement that every store write goes through.
 */
static enum err
replace_atv(struct store *s, int dirfd, const char *name,
    const struct iovec *iov, int niov)
{
	char	 tmp[sizeof(DIR_TMP) + 1 + 24 + 1];
	int	 fd, i;

	memcpy(tmp, DIR_TMP "/f.", sizeof(DIR_TMP) + 2);
	rand_hex(tmp + sizeof(DIR_TMP) + 2, 16);
	fd = openat(s->fd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC |
	    O_NOFOLLOW, 0600);
	if (fd == -1)
		return ERR_IO;
	for (i = 0; i < niov; i++)
		if (io_write_all(fd, iov[i].iov_base, iov[i].iov_len) == -1)
			break;
	if (i < niov || sync_fd(s, fd) == -1) {
		close(fd);
		unlinkat(s->fd, tmp, 0);
		return ERR_IO;
	}
	close(fd);
	if (renameat(s->fd, tmp, dirfd, name) == -1) {
		unlinkat(s->fd, tmp, 0);
		return ERR_IO;
	}
	if (sync_fd(s, dirfd) == -1)
		return ERR_IO;
	return ERR_OK;
}

static enum err
replace_at(struct store *s, int dirfd, const char *name, const void *data,
    size_t len)
{
	struct iovec	 iov = { (void *)data, len };

	return replace_atv(s, dirfd, name, &iov, 1);
}

static int
open_dir(int at, const char *name)
{
	return openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

/* Remove every file in the directory dfd (a release being undone). */
static void
empty_dir(int dfd)
{
	struct dirent	*de;
	DIR		*d;
	int		 fd;

	if ((fd = dup(dfd)) == -1)
		return;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.')
			unlinkat(dfd, de->d_name, 0);
	closedir(d);
}

/* Remove temporary files left by writers that died, once they are old. */
static void
clean_tmp(struct store *s)
{
	struct dirent	*de;
	struct stat	 st;
	DIR		*d;
	int		 fd;
	time_t		 now = time(NULL);

	if ((fd = open_dir(s->fd, DIR_TMP)) == -1)
		return;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (fstatat(fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == -1 ||
		    now - st.st_mtime < TMP_MAX_AGE)
			continue;
		if (S_ISDIR(st.st_mode)) {
			/* An unfinished new release. */
			int	 sub = openat(fd, de->d_name, O_RDONLY |
			    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

			if (sub != -1) {
				empty_dir(sub);
				close(sub);
			}
			unlinkat(fd, de->d_name, AT_REMOVEDIR);
		} else
			unlinkat(fd, de->d_name, 0);
	}
	closedir(d);
}

enum err
store_open(struct store *s, const char *dir)
{
	size_t	 i;

	s->fd = -1;
	s->dir = NULL;
	s->bulk = 0;
	if (mkdir(dir, 0700) == -1 && errno != EEXIST)
		return ERR_IO;
	if ((s->fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return ERR_IO;
	for (i = 0; i < sizeof(subdirs) / sizeof(subdirs[0]); i++)
		if (mkdirat(s->fd, subdirs[i], 0700) == -1 && errno != EEXIST) {
			close(s->fd);
			s->fd = -1;
			return ERR_IO;
		}
	if ((s->dir = strdup(dir)) == NULL)
		abort();
	clean_tmp(s);
	return ERR_OK;
}

void
store_close(struct store *s)
{
	if (s->fd != -1)
		close(s->fd);
	free(s->dir);
	s->fd = -1;
	s->dir = NULL;
}

/* Open releases/<id> as a directory; ERR_NOTFOUND for a bad id. */
static enum err
release_dir(struct store *s, const char *id, int *out)
{
	char	 path[sizeof(DIR_RELEASES) + 1 + RELEASE_ID_LEN + 1];

	if (!release_id_valid(id))
		return ERR_NOTFOUND;
	snprintf(path, sizeof(path), "%s/%s", DIR_RELEASES, id);
	if ((*out = open_dir(s->fd, path)) == -1)
		return errno == ENOENT ? ERR_NOTFOUND : ERR_IO;
	return ERR_OK;
}

/*
 * Lock the release whose directory dfd was opened as releases/<id>.  A
 * delete may have moved that directory to trash/ while we waited for the
 * lock, so once we hold it we check that releases/<id> is still the same
 * directory; if not, the release is gone (ERR_NOTFOUND).
 */
static enum err
lock_release(struct store *s, int dirfd, const char *id, int *lockfd)
{
	char		 path[sizeof(DIR_RELEASES) + 1 + RELEASE_ID_LEN + 1];
	struct stat	 held, now;
	int		 fd;

	fd = openat(dirfd, F_LOCKFILE, O_RDWR | O_CREAT | O_CLOEXEC |
	    O_NOFOLLOW, 0600);
	if (fd == -1)
		return ERR_IO;
	while (flock(fd, LOCK_EX) == -1)
		if (errno != EINTR) {
			close(fd);
			return ERR_IO;
		}
	snprintf(path, sizeof(path), "%s/%s", DIR_RELEASES, id);
	if (fstat(dirfd, &held) == -1 ||
	    fstatat(s->fd, path, &now, AT_SYMLINK_NOFOLLOW) == -1 ||
	    held.st_dev != now.st_dev || held.st_ino != now.st_ino) {
		close(fd);
		return ERR_NOTFOUND;
	}
	*lockfd = fd;
	return ERR_OK;
}

static enum err
get_at(struct arena *a, int dirfd, const char *id, struct release *r)
{
	const char	*why;
	char		*data;
	size_t		 len;
	enum err	 e;

	if ((e = read_at(a, dirfd, F_RELEASE, LIM_RELEASE_FILE_MAX, &data,
	    &len)) != ERR_OK)
		return e == ERR_TOOBIG ? ERR_CORRUPT : e;
	if ((e = release_parse(a, data, len, r, &why)) != ERR_OK)
		return ERR_CORRUPT;
	if (strcmp(r->id, id) != 0)
		return ERR_CORRUPT;
	return ERR_OK;
}

enum err
store_release_get(struct store *s, struct arena *a, const char *id,
    struct release *r)
{
	enum err	 e;
	int		 dfd;

	if ((e = release_dir(s, id, &dfd)) != ERR_OK)
		return e;
	e = get_at(a, dfd, id, r);
	close(dfd);
	return e;
}

static void
escape_field(struct buf *b, const char *v)
{
	for (; *v != '\0'; v++)
		switch (*v) {
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\t': buf_puts(b, "\\t"); break;
		case '\r': buf_puts(b, "\\r"); break;
		default: buf_putc(b, *v); break;
		}
}

static void
history_line(struct buf *b, time_t t, unsigned long seq, unsigned long rev,
    const char *user, enum release_state from, enum release_state to,
    const char *comment)
{
	buf_printf(b, "%lld\t%lu\t%lu\t", (long long)t, seq, rev);
	escape_field(b, user);
	buf_printf(b, "\t%s\t%s\t", release_state_name(from),
	    release_state_name(to));
	escape_field(b, comment == NULL ? "" : comment);
	buf_putc(b, '\n');
}

/* The name of a revision's file: "rev-<N>". */
static void
rev_name(char *out, size_t sz, unsigned long rev)
{
	snprintf(out, sz, "%s%lu", F_REV_PREFIX, rev);
}

enum err
store_release_create(struct store *s, struct arena *a, struct release *r,
    const char *user)
{
	struct buf	 rb, hb;
	struct tm	 tm;
	char		 id[RELEASE_ID_LEN + 1], rev[REV_NAME_MAX];
	char		 tmp[sizeof(DIR_TMP) + 1 + RELEASE_ID_LEN + 1 + 8 + 1];
	char		 dst[sizeof(DIR_RELEASES) + 1 + RELEASE_ID_LEN + 1];
	int		 dfd = -1, fd, rel = -1, tries;
	time_t		 now = time(NULL);
	enum err	 e = ERR_IO;

	r->created = r->modified = now;
	r->modified_by = r->author = arena_strdup(a, user);
	r->rev = r->seq = 1;
	r->approvals = "";
	r->public_rev = 0;
	r->publish_at = r->published_at = r->updated_at = 0;
	rev_name(rev, sizeof(rev), 1);
	gmtime_r(&now, &tm);
	for (tries = 0; tries < 8; tries++) {
		strftime(id, sizeof(id), "%Y%m%d-", &tm);
		rand_hex(id + 9, 8);
		snprintf(tmp, sizeof(tmp), "%s/%s.", DIR_TMP, id);
		rand_hex(tmp + strlen(tmp), 8);
		snprintf(dst, sizeof(dst), "%s/%s", DIR_RELEASES, id);
		r->id = arena_strdup(a, id);

		if (mkdirat(s->fd, tmp, 0700) == -1)
			return ERR_IO;
		if ((dfd = open_dir(s->fd, tmp)) == -1)
			goto fail;
		buf_init(&rb, a);
		release_format(r, &rb);
		buf_init(&hb, a);
		history_line(&hb, now, 1, 1, user, r->state, r->state, NULL);
		if ((e = replace_at(s, dfd, rev, rb.data, rb.len)) != ERR_OK ||
		    (e = replace_at(s, dfd, F_RELEASE, rb.data, rb.len)) != ERR_OK ||
		    (e = replace_at(s, dfd, F_HISTORY, hb.data, hb.len)) != ERR_OK)
			goto fail;
		if ((fd = openat(dfd, F_LOCKFILE, O_WRONLY | O_CREAT | O_CLOEXEC,
		    0600)) == -1)
			goto fail;
		close(fd);
		if (sync_fd(s, dfd) == -1)
			goto fail;
		if ((rel = open_dir(s->fd, DIR_RELEASES)) == -1)
			goto fail;
		if (renameat2(s->fd, tmp, s->fd, dst, RENAME_NOREPLACE) == 0) {
			e = sync_fd(s, rel) == -1 ? ERR_IO : ERR_OK;
			close(rel);
			close(dfd);
			return e;
		}
		if (errno != EEXIST)
			goto fail;
		/* The random part collided: try another id. */
		close(rel);
		rel = -1;
		empty_dir(dfd);
		close(dfd);
		dfd = -1;
		unlinkat(s->fd, tmp, AT_REMOVEDIR);
	}
	return ERR_IO;
fail:
	e = ERR_IO;
	if (rel != -1)
		close(rel);
	if (dfd != -1) {
		empty_dir(dfd);
		close(dfd);
	}
	unlinkat(s->fd, tmp, AT_REMOVEDIR);
	return e;
}

/* Parse a history field, undoing escape_field() in place. */
static void
unescape_field(char *p)
{
	char	*w = p;

	for (; *p != '\0'; p++) {
		if (*p == '\\' && p[1] != '\0') {
			p++;
			*w++ = *p == 'n' ? '\n' : *p == 't' ? '\t' :
			    *p == 'r' ? '\r' : *p;
		} else
			*w++ = *p;
	}
	*w = '\0';
}

/* Parse one history line (without its newline); 0 if malformed. */
static int
history_parse_line(char *line, struct history *h)
{
	char		*f[HISTORY_FIELDS], *end;
	size_t		 i;
	long long	 t;

	for (i = 0; i < HISTORY_FIELDS; i++) {
		f[i] = line;
		if (i < HISTORY_FIELDS - 1) {
			if ((line = strchr(line, '\t')) == NULL)
				return 0;
			*line++ = '\0';
		}
	}
	if (strchr(f[6], '\t') != NULL)
		return 0;
	errno = 0;
	t = strtoll(f[0], &end, 10);
	if (errno != 0 || *end != '\0' || end == f[0] || t < 0)
		return 0;
	h->time = (time_t)t;
	if (!isdigit((unsigned char)f[1][0]) || !isdigit((unsigned char)f[2][0]))
		return 0;
	h->seq = strtoul(f[1], &end, 10);
	if (errno != 0 || *end != '\0' || h->seq == 0)
		return 0;
	h->rev = strtoul(f[2], &end, 10);
	if (errno != 0 || *end != '\0' || h->rev == 0)
		return 0;
	if (!release_state_parse(f[4], &h->from) ||
	    !release_state_parse(f[5], &h->to))
		return 0;
	unescape_field(f[3]);
	unescape_field(f[6]);
	h->user = f[3];
	h->comment = f[6];
	return 1;
}

/*
 * Read and parse the history file.  *ncommitted counts the entries up to
 * change number maxseq; *keep is the byte length of those lines, so a save can
 * cut off an uncommitted tail.  Returns ERR_CORRUPT for a malformed line.
 */
static enum err
history_load(struct arena *a, int dirfd, unsigned long maxseq,
    struct history **out, size_t *ncommitted, off_t *keep)
{
	struct history	*v;
	char		*data, *p, *nl;
	size_t		 len, n = 0, cap = 0;
	enum err	 e;

	*out = NULL;
	*ncommitted = 0;
	*keep = 0;
	if ((e = read_at(a, dirfd, F_HISTORY, HISTORY_MAX, &data, &len)) !=
	    ERR_OK)
		return e;
	for (p = data; *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			break;	/* A torn last line: never acknowledged. */
		*nl = '\0';
		if (n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			v = arena_alloc(a, cap * sizeof(*v));
			if (n > 0)
				memcpy(v, *out, n * sizeof(*v));
			*out = v;
		}
		if (!history_parse_line(p, &(*out)[n]))
			return ERR_CORRUPT;
		if ((*out)[n].seq > maxseq)
			break;
		if (n > 0 && (*out)[n].seq <= (*out)[n - 1].seq)
			return ERR_CORRUPT;
		n++;
		*keep = (off_t)(nl + 1 - data);
	}
	*ncommitted = n;
	return ERR_OK;
}

/*
 * Where a save appends: just after the last complete line whose change
 * number is at most maxseq.  Only the tail of the file is read.  A save that died
 * leaves at most one line above the release's change number (the next save cuts
 * it) and perhaps a torn one, and a line is far shorter than HISTORY_TAIL,
 * so the tail always holds the answer and a save costs the same however
 * long the history grows.
 */
static enum err
history_keep(int dirfd, unsigned long maxseq, off_t *keep)
{
	struct stat	 st;
	char		*buf, *p, *nl, *end;
	unsigned long	 seq;
	off_t		 start;
	size_t		 len;
	ssize_t		 n;
	int		 fd, found = 0;
	enum err	 e = ERR_OK;

	*keep = 0;
	fd = openat(dirfd, F_HISTORY, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd == -1)
		return errno == ENOENT ? ERR_CORRUPT : ERR_IO;
	if (fstat(fd, &st) == -1) {
		close(fd);
		return ERR_IO;
	}
	start = st.st_size > HISTORY_TAIL ? st.st_size - HISTORY_TAIL : 0;
	len = (size_t)(st.st_size - start);
	if ((buf = malloc(len + 1)) == NULL)
		abort();
	n = pread(fd, buf, len, start);
	close(fd);
	if (n < 0 || (size_t)n != len) {
		free(buf);
		return ERR_IO;
	}
	buf[len] = '\0';
	p = buf;
	/* In the middle of the file, the window starts inside a line. */
	if (start > 0 && (p = strchr(buf, '\n')) != NULL)
		p++;
	for (; p != NULL && (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		if ((p = strchr(p, '\t')) == NULL || p > nl ||
		    !isdigit((unsigned char)p[1])) {
			e = ERR_CORRUPT;
			break;
		}
		seq = strtoul(p + 1, &end, 10);
		if (*end != '\t')
			e = ERR_CORRUPT;
		if (seq <= maxseq) {
			*keep = start + (off_t)(nl + 1 - buf);
			found = 1;
		}
	}
	free(buf);
	if (e == ERR_OK && !found && start > 0)
		e = ERR_CORRUPT;
	return e;
}

enum err
store_history_get(struct store *s, struct arena *a, const char *id,
    struct history **out, size_t *n)
{
	struct release	 r;
	enum err	 e;
	off_t		 keep;
	int		 dfd;

	*out = NULL;
	*n = 0;
	if ((e = release_dir(s, id, &dfd)) != ERR_OK)
		return e;
	if ((e = get_at(a, dfd, id, &r)) == ERR_OK)
		e = history_load(a, dfd, r.seq, out, n, &keep);
	close(dfd);
	return e;
}

enum err
store_release_update(struct store *s, struct arena *a, const char *id,
    const char *user, store_update_fn fn, void *arg, struct release *out)
{
	struct release	 cur, nr;
	struct buf	 rb, hb;
	const char	*comment = NULL;
	char		 rev[REV_NAME_MAX];
	off_t		 keep;
	enum err	 e;
	int		 dfd, lfd = -1, hfd = -1;

	if ((e = release_dir(s, id, &dfd)) != ERR_OK)
		return e;
	if ((e = lock_release(s, dfd, id, &lfd)) != ERR_OK)
		goto out;
	if ((e = get_at(a, dfd, id, &cur)) != ERR_OK)
		goto out;
	nr = cur;
	if ((e = fn(&nr, arg, &comment)) != ERR_OK)
		goto out;
	if (comment != NULL && strlen(comment) > LIM_HISTORY_COMMENT_MAX) {
		e = ERR_TOOBIG;
		goto out;
	}
	if ((e = history_keep(dfd, cur.seq, &keep)) != ERR_OK)
		goto out;

	/* What the store itself keeps, whatever fn did. */
	nr.id = cur.id;
	nr.author = cur.author;
	nr.created = cur.created;
	nr.seq = cur.seq + 1;
	nr.rev = cur.rev;
	nr.modified = time(NULL);
	nr.modified_by = arena_strdup(a, user);
	buf_init(&rb, a);
	if (!release_same_content(&cur, &nr)) {
		/* New text: a new revision, and approvals were for the old. */
		nr.rev = cur.rev + 1;
		nr.approvals = "";
		release_format(&nr, &rb);
		rev_name(rev, sizeof(rev), nr.rev);
		if ((e = replace_at(s, dfd, rev, rb.data, rb.len)) != ERR_OK)
			goto out;
		rb.len = 0;
	}
	release_format(&nr, &rb);
	buf_init(&hb, a);
	history_line(&hb, nr.modified, nr.seq, nr.rev, user, cur.state,
	    nr.state, comment);

	/* Cut any tail left by a change that died, then append our line. */
	hfd = openat(dfd, F_HISTORY, O_WRONLY | O_APPEND | O_CLOEXEC |
	    O_NOFOLLOW);
	if (hfd == -1 || ftruncate(hfd, keep) == -1 ||
	    io_write_all(hfd, hb.data, hb.len) == -1 || sync_fd(s, hfd) == -1) {
		e = ERR_IO;
		goto out;
	}
	/* This rename is the commit point of the whole change. */
	if ((e = replace_at(s, dfd, F_RELEASE, rb.data, rb.len)) == ERR_OK &&
	    out != NULL)
		*out = nr;
out:
	if (hfd != -1)
		close(hfd);
	if (lfd != -1)
		close(lfd);	/* Closing drops the flock. */
	close(dfd);
	return e;
}

struct save_arg {
	const struct release	*r;
	unsigned long		 base_rev;
	const char		*comment;
};

/* The update of store_release_save(): new text and state, if not stale. */
static enum err
save_fn(struct release *cur, void *arg, const char **comment)
{
	struct save_arg	*sa = arg;
	size_t		 i;

	if (cur->rev != sa->base_rev)
		return ERR_STALE;
	for (i = 0; i < release_nfields; i++)
		release_field_set(cur, &release_fields[i],
		    release_field(sa->r, &release_fields[i]));
	cur->state = sa->r->state;
	*comment = sa->comment;
	return ERR_OK;
}

enum err
store_release_save(struct store *s, struct arena *a, struct release *r,
    unsigned long base_rev, const char *user, const char *comment)
{
	struct save_arg	 sa = { r, base_rev, comment };

	return store_release_update(s, a, r->id, user, save_fn, &sa, r);
}

enum err
store_revision_get(struct store *s, struct arena *a, const char *id,
    unsigned long rev, struct release *r)
{
	const char	*why;
	char		 name[REV_NAME_MAX], *data;
	size_t		 len;
	enum err	 e;
	int		 dfd;

	if ((e = release_dir(s, id, &dfd)) != ERR_OK)
		return e;
	/* A file above the current revision is left by a change that died. */
	if ((e = get_at(a, dfd, id, r)) != ERR_OK || rev > r->rev || rev == 0) {
		close(dfd);
		return e != ERR_OK ? e : ERR_NOTFOUND;
	}
	rev_name(name, sizeof(name), rev);
	e = read_at(a, dfd, name, LIM_RELEASE_FILE_MAX, &data, &len);
	close(dfd);
	if (e != ERR_OK)
		return e == ERR_TOOBIG ? ERR_CORRUPT : e;
	if (release_parse(a, data, len, r, &why) != ERR_OK ||
	    strcmp(r->id, id) != 0 || r->rev != rev)
		return ERR_CORRUPT;
	return ERR_OK;
}

enum err
store_release_delete(struct store *s, const char *id, unsigned long base_seq)
{
	struct arena	 a;
	struct release	 cur;
	char		 src[sizeof(DIR_RELEASES) + 1 + RELEASE_ID_LEN + 1];
	char		 dst[sizeof(DIR_TRASH) + 1 + RELEASE_ID_LEN + 32];
	enum err	 e;
	int		 dfd, lfd = -1, trash;

	if ((e = release_dir(s, id, &dfd)) != ERR_OK)
		return e;
	arena_init(&a);
	if ((e = lock_release(s, dfd, id, &lfd)) != ERR_OK)
		goto out;
	if ((e = get_at(&a, dfd, id, &cur)) != ERR_OK)
		goto out;
	if (cur.seq != base_seq) {
		e = ERR_STALE;
		goto out;
	}
	snprintf(src, sizeof(src), "%s/%s", DIR_RELEASES, id);
	snprintf(dst, sizeof(dst), "%s/%s.%lld", DIR_TRASH, id,
	    (long long)time(NULL));
	if (renameat2(s->fd, src, s->fd, dst, RENAME_NOREPLACE) == -1) {
		e = ERR_IO;
		goto out;
	}
	e = ERR_IO;
	if ((trash = open_dir(s->fd, DIR_RELEASES)) != -1) {
		if (fsync(trash) == 0)
			e = ERR_OK;
		close(trash);
	}
out:
	if (lfd != -1)
		close(lfd);
	close(dfd);
	arena_free(&a);
	return e;
}

static int
by_modified_desc(const void *pa, const void *pb)
{
	const struct release	*a = pa, *b = pb;

	if (a->modified != b->modified)
		return a->modified < b->modified ? 1 : -1;
	return strcmp(b->id, a->id);
}

static int
by_name_desc(const void *pa, const void *pb)
{
	return strcmp(*(const char *const *)pb, *(const char *const *)pa);
}

enum err
store_release_list(struct store *s, struct arena *a, size_t max,
    struct release **out, size_t *n)
{
	struct dirent	*de;
	struct release	*v;
	char		**ids = NULL, **nids;
	size_t		 nid = 0, cap = 0, i;
	DIR		*d;
	int		 fd, dfd;

	*out = NULL;
	*n = 0;
	if ((fd = open_dir(s->fd, DIR_RELEASES)) == -1)
		return ERR_IO;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return ERR_IO;
	}
	/* The names first: they begin with the day of creation. */
	while ((de = readdir(d)) != NULL) {
		if (!release_id_valid(de->d_name))
			continue;
		if (nid == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			nids = arena_alloc(a, cap * sizeof(*nids));
			if (nid > 0)
				memcpy(nids, ids, nid * sizeof(*nids));
			ids = nids;
		}
		ids[nid++] = arena_strdup(a, de->d_name);
	}
	if (nid > 0)
		qsort(ids, nid, sizeof(*ids), by_name_desc);
	/* Then the newest max of them read. */
	v = arena_alloc(a, (nid < max ? nid : max) * sizeof(*v) + 1);
	for (i = 0; i < nid && *n < max; i++) {
		if ((dfd = open_dir(fd, ids[i])) == -1)
			continue;
		if (get_at(a, dfd, ids[i], &v[*n]) == ERR_OK)
			(*n)++;
		close(dfd);
	}
	closedir(d);
	if (*n > 0)
		qsort(v, *n, sizeof(*v), by_modified_desc);
	*out = v;
	return ERR_OK;
}

/* User names become file names in logins/ and lines in sessions/. */
static int
user_name_ok(const char *u)
{
	size_t	 i;

	if (u[0] == '\0' || u[0] == '.' || strlen(u) > LIM_USER_MAX)
		return 0;
	for (i = 0; u[i] != '\0'; i++)
		if (!isalnum((unsigned char)u[i]) && strchr("._@-", u[i]) == NULL)
			return 0;
	return 1;
}

/* Attachments. */

enum err
store_spool_open(struct store *s, int *fd, char *name, size_t namesz)
{
	char	 rnd[17], path[64];

	if (namesz < sizeof(SPOOL_PREFIX) + 16)
		return ERR_INVALID;
	rand_hex(rnd, 16);
	snprintf(name, namesz, "%s%s", SPOOL_PREFIX, rnd);
	snprintf(path, sizeof(path), "%s/%s", DIR_TMP, name);
	*fd = openat(s->fd, path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC |
	    O_NOFOLLOW, 0600);
	return *fd == -1 ? ERR_IO : ERR_OK;
}

static int
spool_name_ok(const char *name)
{
	return strncmp(name, SPOOL_PREFIX, sizeof(SPOOL_PREFIX) - 1) == 0 &&
	    strlen(name) == sizeof(SPOOL_PREFIX) - 1 + 16 &&
	    strspn(name + sizeof(SPOOL_PREFIX) - 1, "0123456789abcdef") == 16;
}

void
store_spool_discard(struct store *s, const char *name)
{
	char	 path[64];

	if (!spool_name_ok(name))
		return;
	snprintf(path, sizeof(path), "%s/%s", DIR_TMP, name);
	unlinkat(s->fd, path, 0);
}

enum err
store_spool_path(struct store *s, const char *name, char *path,
    size_t pathsz)
{
	int	 n;

	if (!spool_name_ok(name))
		return ERR_INVALID;
	n = snprintf(path, pathsz, "%s/%s/%s", s->dir, DIR_TMP, name);
	return n < 0 || (size_t)n >= pathsz ? ERR_TOOBIG : ERR_OK;
}

enum err
store_file_commit(struct store *s, const char *id, const char *spool,
    char *aid)
{
	char		 src[64];
	enum err	 e = ERR_IO;
	int		 dfd, ffd = -1, fd;

	if (!spool_name_ok(spool))
		return ERR_INVALID;
	if ((e = release_dir(s, id, &dfd)) != ERR_OK)
		return e;
	e = ERR_IO;
	snprintf(src, sizeof(src), "%s/%s", DIR_TMP, spool);
	/* The bytes reach the disk before their name does. */
	if ((fd = openat(s->fd, src, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1)
		goto out;
	if (fsync(fd) == -1) {
		close(fd);
		goto out;
	}
	close(fd);
	if (mkdirat(dfd, DIR_FILES, 0700) == -1 && errno != EEXIST)
		goto out;
	if ((ffd = open_dir(dfd, DIR_FILES)) == -1)
		goto out;
	rand_hex(aid, ATTACH_ID_LEN);
	if (renameat2(s->fd, src, ffd, aid, RENAME_NOREPLACE) == -1)
		goto out;
	if (fsync(ffd) == 0 && fsync(dfd) == 0)
		e = ERR_OK;
out:
	if (ffd != -1)
		close(ffd);
	close(dfd);
	return e;
}

void
store_file_discard(struct store *s, const char *id, const char *aid)
{
	int	 dfd, ffd;

	if (!attach_id_valid(aid) || release_dir(s, id, &dfd) != ERR_OK)
		return;
	if ((ffd = open_dir(dfd, DIR_FILES)) != -1) {
		unlinkat(ffd, aid, 0);
		close(ffd);
	}
	close(dfd);
}

enum err
store_file_open(struct store *s, const char *id, const char *aid, int *fd,
    struct stat *st)
{
	enum err	 e;
	int		 dfd, ffd;

	*fd = -1;
	if (!attach_id_valid(aid))
		return ERR_NOTFOUND;
	if ((e = release_dir(s, id, &dfd)) != ERR_OK)
		return e;
	ffd = open_dir(dfd, DIR_FILES);
	close(dfd);
	if (ffd == -1)
		return ERR_NOTFOUND;
	*fd = openat(ffd, aid, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	close(ffd);
	if (*fd == -1)
		return errno == ENOENT ? ERR_NOTFOUND : ERR_IO;
	if (fstat(*fd, st) == -1 || !S_ISREG(st->st_mode)) {
		close(*fd);
		*fd = -1;
		return ERR_IO;
	}
	return ERR_OK;
}

/* Sessions. */

static int
sid_valid(const char *sid)
{
	size_t	 i;

	for (i = 0; i < LIM_SESSION_ID_LEN; i++)
		if (!isdigit((unsigned char)sid[i]) &&
		    (sid[i] < 'a' || sid[i] > 'f'))
			return 0;
	return sid[i] == '\0';
}

static int
sessions_dir(struct store *s)
{
	return open_dir(s->fd, DIR_SESSIONS);
}

enum err
store_session_put(struct store *s, const struct session *ss)
{
	char		 data[SMALL_FILE_MAX];
	int		 n, dfd;
	enum err	 e;

	/* Nothing in a session may break its "Key: value" lines. */
	if (!sid_valid(ss->id) || !user_name_ok(ss->user) ||
	    !sid_valid(ss->csrf))
		return ERR_INVALID;
	n = snprintf(data, sizeof(data),
	    "User: %s\nCSRF: %s\nCreated: %lld\nExpires: %lld\n", ss->user,
	    ss->csrf, (long long)ss->created, (long long)ss->expires);
	if (n < 0 || (size_t)n >= sizeof(data))
		return ERR_TOOBIG;
	if ((dfd = sessions_dir(s)) == -1)
		return ERR_IO;
	e = replace_at(s, dfd, ss->id, data, (size_t)n);
	close(dfd);
	return e;
}

/* Find "Key: " at a line start in a small NUL-terminated file. */
static const char *
small_value(const char *data, const char *key, size_t *len)
{
	const char	*p = data, *eol;
	size_t		 kl = strlen(key);

	while (*p != '\0') {
		eol = strchr(p, '\n');
		if (eol == NULL)
			return NULL;
		if ((size_t)(eol - p) > kl + 1 && strncmp(p, key, kl) == 0 &&
		    p[kl] == ':' && p[kl + 1] == ' ') {
			*len = (size_t)(eol - p) - kl - 2;
			return p + kl + 2;
		}
		p = eol + 1;
	}
	return NULL;
}

static int
small_copy(const char *data, const char *key, char *out, size_t outsz)
{
	const char	*v;
	size_t		 len;

	if ((v = small_value(data, key, &len)) == NULL || len >= outsz)
		return 0;
	memcpy(out, v, len);
	out[len] = '\0';
	return 1;
}

static int
small_num(const char *data, const char *key, long long *out)
{
	char	 tmp[32], *end;

	if (!small_copy(data, key, tmp, sizeof(tmp)) || tmp[0] == '\0')
		return 0;
	errno = 0;
	*out = strtoll(tmp, &end, 10);
	return errno == 0 && *end == '\0';
}

enum err
store_session_get(struct store *s, const char *sid, time_t now,
    struct session *ss)
{
	struct arena	 a;
	char		*data;
	size_t		 len;
	long long	 created, expires;
	int		 dfd;
	enum err	 e;

	memset(ss, 0, sizeof(*ss));
	if (!sid_valid(sid))
		return ERR_NOSESSION;
	if ((dfd = sessions_dir(s)) == -1)
		return ERR_IO;
	arena_init(&a);
	e = read_at(&a, dfd, sid, SMALL_FILE_MAX, &data, &len);
	close(dfd);
	if (e != ERR_OK) {
		arena_free(&a);
		return e == ERR_IO ? ERR_IO : ERR_NOSESSION;
	}
	if (!small_copy(data, "User", ss->user, sizeof(ss->user)) ||
	    !small_copy(data, "CSRF", ss->csrf, sizeof(ss->csrf)) ||
	    !small_num(data, "Created", &created) ||
	    !small_num(data, "Expires", &expires) ||
	    (time_t)expires <= now) {
		arena_free(&a);
		memset(ss, 0, sizeof(*ss));
		return ERR_NOSESSION;
	}
	memcpy(ss->id, sid, LIM_SESSION_ID_LEN_BUF);
	ss->created = (time_t)created;
	ss->expires = (time_t)expires;
	arena_free(&a);
	return ERR_OK;
}

enum err
store_session_delete(struct store *s, const char *sid)
{
	int		 dfd;
	enum err	 e = ERR_OK;

	if (!sid_valid(sid))
		return ERR_NOSESSION;
	if ((dfd = sessions_dir(s)) == -1)
		return ERR_IO;
	if (unlinkat(dfd, sid, 0) == -1 && errno != ENOENT)
		e = ERR_IO;
	else if (fsync(dfd) == -1)
		e = ERR_IO;
	close(dfd);
	return e;
}

void
store_session_prune(struct store *s, time_t now)
{
	struct dirent	*de;
	struct session	 ss;
	DIR		*d;
	int		 fd;

	if ((fd = sessions_dir(s)) == -1)
		return;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (!sid_valid(de->d_name))
			continue;
		if (store_session_get(s, de->d_name, now, &ss) == ERR_NOSESSION)
			unlinkat(fd, de->d_name, 0);
	}
	closedir(d);
}

/* Failed sign-ins. */

void
store_login_get(struct store *s, const char *user, unsigned *fails,
    time_t *last)
{
	struct arena	 a;
	char		*data;
	size_t		 len;
	long long	 f, t;
	int		 dfd;

	*fails = 0;
	*last = 0;
	if (!user_name_ok(user) || (dfd = open_dir(s->fd, DIR_LOGINS)) == -1)
		return;
	arena_init(&a);
	if (read_at(&a, dfd, user, SMALL_FILE_MAX, &data, &len) == ERR_OK &&
	    small_num(data, "Failures", &f) && small_num(data, "Last", &t) &&
	    f >= 0 && f < 1000000) {
		*fails = (unsigned)f;
		*last = (time_t)t;
	}
	arena_free(&a);
	close(dfd);
}

enum err
store_login_fail(struct store *s, const char *user, time_t now)
{
	char		 data[128];
	unsigned	 fails;
	time_t		 last;
	int		 n, dfd;
	enum err	 e;

	if (!user_name_ok(user))
		return ERR_INVALID;
	/*
	 * Two failures at the same moment may count as one; throttling only
	 * needs the order of magnitude, so no lock is taken.
	 */
	store_login_get(s, user, &fails, &last);
	n = snprintf(data, sizeof(data), "Failures: %u\nLast: %lld\n",
	    fails + 1, (long long)now);
	if ((dfd = open_dir(s->fd, DIR_LOGINS)) == -1)
		return ERR_IO;
	e = replace_at(s, dfd, user, data, (size_t)n);
	close(dfd);
	return e;
}

void
store_login_clear(struct store *s, const char *user)
{
	int	 dfd;

	if (!user_name_ok(user) || (dfd = open_dir(s->fd, DIR_LOGINS)) == -1)
		return;
	unlinkat(dfd, user, 0);
	close(dfd);
}

/* Settings. */

static int
pref_lang_ok(const char *s)
{
	size_t	 n = strlen(s);

	return n <= LIM_UI_LANG_MAX && strspn(s,
	    "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

enum err
store_prefs_get(struct store *s, const char *user, struct prefs *p)
{
	struct arena	 a;
	char		*data;
	size_t		 len;
	enum err	 e;
	int		 dfd;

	memset(p, 0, sizeof(*p));
	if (!user_name_ok(user))
		return ERR_INVALID;
	if ((dfd = open_dir(s->fd, DIR_PREFS)) == -1)
		return errno == ENOENT ? ERR_OK : ERR_IO;
	arena_init(&a);
	e = read_at(&a, dfd, user, SMALL_FILE_MAX, &data, &len);
	if (e == ERR_OK && (!small_copy(data, "Language", p->lang,
	    sizeof(p->lang)) || !pref_lang_ok(p->lang)))
		p->lang[0] = '\0';	/* a damaged file is no choice */
	if (e == ERR_NOTFOUND)
		e = ERR_OK;
	arena_free(&a);
	close(dfd);
	return e;
}

enum err
store_prefs_put(struct store *s, const char *user, const struct prefs *p)
{
	char		 data[64 + LIM_UI_LANG_MAX];
	int		 n, dfd;
	enum err	 e;

	if (!user_name_ok(user) || !pref_lang_ok(p->lang))
		return ERR_INVALID;
	n = snprintf(data, sizeof(data), "Language: %s\n", p->lang);
	if ((dfd = open_dir(s->fd, DIR_PREFS)) == -1)
		return ERR_IO;
	e = replace_at(s, dfd, user, data, (size_t)n);
	close(dfd);
	return e;
}

/*
 * What the store keeps of a user besides releases: settings, failed
 * sign-ins, sessions.  For a user deleted from the users file, so that a
 * new user of the same name inherits none of it.
 */
void
store_user_forget(struct store *s, const char *user, time_t now)
{
	struct dirent	*de;
	struct session	 ss;
	DIR		*d;
	int		 fd;

	if (!user_name_ok(user))
		return;
	store_login_clear(s, user);
	if ((fd = open_dir(s->fd, DIR_PREFS)) != -1) {
		unlinkat(fd, user, 0);
		(void)sync_fd(s, fd);
		close(fd);
	}
	if ((fd = sessions_dir(s)) == -1)
		return;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	while ((de = readdir(d)) != NULL)
		if (sid_valid(de->d_name) &&
		    store_session_get(s, de->d_name, now, &ss) == ERR_OK &&
		    strcmp(ss.user, user) == 0)
			unlinkat(fd, de->d_name, 0);
	closedir(d);
}

/* The admin check. */

struct check {
	void	(*cb)(void *, const char *, const char *);
	void	 *arg;
	size_t	  n;
};

static void
problem(struct check *c, const char *path, const char *what)
{
	c->cb(c->arg, path, what);
	c->n++;
}

/* A revision the release refers to must be there and parse. */
static void
check_revision(struct arena *a, struct check *c, int dfd, const char *id,
    unsigned long rev)
{
	struct release	 r;
	const char	*why;
	char		 name[REV_NAME_MAX], path[600], *data;
	size_t		 len;

	rev_name(name, sizeof(name), rev);
	snprintf(path, sizeof(path), "%s/%s/%s", DIR_RELEASES, id, name);
	if (read_at(a, dfd, name, LIM_RELEASE_FILE_MAX, &data, &len) != ERR_OK)
		problem(c, path, "missing or unreadable");
	else if (release_parse(a, data, len, &r, &why) != ERR_OK)
		problem(c, path, why);
	else if (strcmp(r.id, id) != 0 || r.rev != rev)
		problem(c, path, "Id or Revision does not match its name");
}

/* Every attachment the release lists must be there, at its size. */
static void
check_files(struct arena *a, struct check *c, int dfd, const char *id,
    const char *list)
{
	struct attachment	*v;
	struct stat		 st;
	char			 path[600];
	size_t			 n, i;
	int			 ffd;

	snprintf(path, sizeof(path), "%s/%s/%s", DIR_RELEASES, id, F_RELEASE);
	if (attach_parse(a, list, &v, &n) != ERR_OK) {
		problem(c, path, "malformed Attachments");
		return;
	}
	ffd = n > 0 ? open_dir(dfd, DIR_FILES) : -1;
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s/%s/%s", DIR_RELEASES, id,
		    DIR_FILES, v[i].id);
		if (ffd == -1 || fstatat(ffd, v[i].id, &st,
		    AT_SYMLINK_NOFOLLOW) == -1)
			problem(c, path, "listed but missing");
		else if (!S_ISREG(st.st_mode) || st.st_size != v[i].size)
			problem(c, path, "not the size the release lists");
	}
	if (ffd != -1)
		close(ffd);
}

static void
check_release(struct store *s, struct check *c, int fd, const char *name)
{
	struct arena	 a;
	struct release	 r;
	struct history	*h;
	const char	*why;
	char		 path[600], *data;
	size_t		 len, nh;
	off_t		 keep;
	enum err	 e;
	int		 dfd;

	(void)s;
	arena_init(&a);
	snprintf(path, sizeof(path), "%s/%s", DIR_RELEASES, name);
	if ((dfd = open_dir(fd, name)) == -1) {
		problem(c, path, "not a directory");
		goto out;
	}
	snprintf(path, sizeof(path), "%s/%s/%s", DIR_RELEASES, name, F_RELEASE);
	if ((e = read_at(&a, dfd, F_RELEASE, LIM_RELEASE_FILE_MAX, &data,
	    &len)) != ERR_OK) {
		problem(c, path, e == ERR_NOTFOUND ? "missing" :
		    e == ERR_TOOBIG ? "too large" : "cannot be read");
		goto out;
	}
	if (release_parse(&a, data, len, &r, &why) != ERR_OK) {
		problem(c, path, why);
		goto out;
	}
	if (strcmp(r.id, name) != 0) {
		problem(c, path, "Id does not match the directory name");
		goto out;
	}
	snprintf(path, sizeof(path), "%s/%s/%s", DIR_RELEASES, name, F_HISTORY);
	if ((e = history_load(&a, dfd, r.seq, &h, &nh, &keep)) != ERR_OK) {
		problem(c, path, e == ERR_NOTFOUND ? "missing" :
		    "has a malformed line");
		goto out;
	}
	if (nh == 0 || h[nh - 1].seq != r.seq || h[nh - 1].rev != r.rev)
		problem(c, path, "last entry does not match the release's "
		    "Seq and Revision");
	else if (h[nh - 1].to != r.state)
		problem(c, path, "last entry does not match the release's State");
	check_revision(&a, c, dfd, name, r.rev);
	if (r.public_rev > 0 && r.public_rev != r.rev)
		check_revision(&a, c, dfd, name, r.public_rev);
	check_files(&a, c, dfd, name, r.attachments);
out:
	if (dfd != -1)
		close(dfd);
	arena_free(&a);
}

size_t
store_check(struct store *s, void (*cb)(void *, const char *, const char *),
    void *arg)
{
	struct check	 c = { cb, arg, 0 };
	struct dirent	*de;
	struct session	 ss;
	char		 path[600];
	DIR		*d;
	int		 fd;

	if ((fd = open_dir(s->fd, DIR_RELEASES)) == -1 ||
	    (d = fdopendir(fd)) == NULL) {
		problem(&c, DIR_RELEASES, "cannot be read");
		return c.n;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (!release_id_valid(de->d_name)) {
			snprintf(path, sizeof(path), "%s/%s", DIR_RELEASES,
			    de->d_name);
			problem(&c, path, "not a release id");
			continue;
		}
		check_release(s, &c, fd, de->d_name);
	}
	closedir(d);

	if ((fd = sessions_dir(s)) != -1 && (d = fdopendir(fd)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/%s", DIR_SESSIONS,
			    de->d_name);
			if (!sid_valid(de->d_name))
				problem(&c, path, "not a session id");
			else if (store_session_get(s, de->d_name, 0, &ss) !=
			    ERR_OK)
				problem(&c, path, "does not parse");
		}
		closedir(d);
	}
	return c.n;
}

/* Files outside the data directory. */

enum err
store_file_replace(const char *path, const void *data, size_t len, int mode)
{
	char	*tmp, *dir, *slash;
	int	 fd, dfd;
	size_t	 n;

	n = strlen(path) + 32;
	if ((tmp = malloc(n)) == NULL || (dir = strdup(path)) == NULL)
		abort();
	snprintf(tmp, n, "%s.tmp.", path);
	rand_hex(tmp + strlen(tmp), 8);
	if ((slash = strrchr(dir, '/')) == NULL)
		strcpy(dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
	    mode);
	if (fd == -1)
		goto fail;
	if (fchmod(fd, mode) == -1 || io_write_all(fd, data, len) == -1 ||
	    fsync(fd) == -1) {
		close(fd);
		unlink(tmp);
		goto fail;
	}
	close(fd);
	if (rename(tmp, path) == -1) {
		unlink(tmp);
		goto fail;
	}
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		fsync(dfd);
		close(dfd);
	}
	free(tmp);
	free(dir);
	return ERR_OK;
fail:
	free(tmp);
	free(dir);
	return ERR_IO;
}

enum err
store_file_read(struct arena *a, const char *path, size_t max, char **data,
    size_t *len)
{
	enum err	 e;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return errno == ENOENT ? ERR_NOTFOUND : ERR_IO;
	e = read_fd(a, fd, max, data, len);
	close(fd);
	return e;
}

void
store_bulk(struct store *s, int on)
{
	if (s->bulk && !on)
		syncfs(s->fd);
	s->bulk = on;
}

enum err
store_release_walk(struct store *s, enum err (*fn)(void *, const char *),
    void *arg)
{
	struct dirent	*de;
	DIR		*d;
	int		 fd;
	enum err	 e = ERR_OK;

	if ((fd = open_dir(s->fd, DIR_RELEASES)) == -1)
		return ERR_IO;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return ERR_IO;
	}
	while (e == ERR_OK && (de = readdir(d)) != NULL)
		if (release_id_valid(de->d_name))
			e = fn(arg, de->d_name);
	closedir(d);
	return e;
}

int
store_index_open(struct store *s, const char *name)
{
	char	 path[64];

	snprintf(path, sizeof(path), "%s/%s", DIR_INDEX, name);
	return openat(s->fd, path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
}

enum err
store_index_replacev(struct store *s, const char *name,
    const struct iovec *iov, int niov)
{
	enum err	 e;
	int		 dfd;

	if ((dfd = open_dir(s->fd, DIR_INDEX)) == -1)
		return ERR_IO;
	e = replace_atv(s, dfd, name, iov, niov);
	close(dfd);
	return e;
}

enum err
store_index_replace(struct store *s, const char *name, const void *data,
    size_t len)
{
	struct iovec	 iov = { (void *)data, len };

	return store_index_replacev(s, name, &iov, 1);
}

int
store_index_lock(struct store *s, int wait)
{
	int	 fd;

	fd = openat(s->fd, F_INDEX_LOCK, O_RDWR | O_CREAT | O_NOFOLLOW |
	    O_CLOEXEC, 0600);
	if (fd == -1)
		return -1;
	while (flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) == -1) {
		if (errno == EINTR)
			continue;
		close(fd);
		return -1;
	}
	return fd;
}

enum err
store_index_mark(struct store *s, const char *id)
{
	char	 path[sizeof(DIR_PENDING) + 1 + RELEASE_ID_LEN + 1];
	int	 fd;

	if (!release_id_valid(id))
		return ERR_NOTFOUND;
	snprintf(path, sizeof(path), "%s/%s", DIR_PENDING, id);
	fd = openat(s->fd, path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd == -1)
		return ERR_IO;
	/* Durable: a crash after the release's commit must leave it. */
	if (sync_fd(s, fd) == -1) {
		close(fd);
		return ERR_IO;
	}
	close(fd);
	return ERR_OK;
}

void
store_index_unmark(struct store *s, const char *id)
{
	char	 path[sizeof(DIR_PENDING) + 1 + RELEASE_ID_LEN + 1];

	if (!release_id_valid(id))
		return;
	snprintf(path, sizeof(path), "%s/%s", DIR_PENDING, id);
	unlinkat(s->fd, path, 0);
}

size_t
store_index_pending(struct store *s, struct arena *a, const char ***ids,
    size_t max, time_t before)
{
	struct stat	 st;
	struct dirent	*de;
	DIR		*d;
	const char	**v;
	size_t		 n = 0, cap = 16;
	int		 fd;

	*ids = arena_alloc(a, cap * sizeof(**ids));
	if ((fd = open_dir(s->fd, DIR_PENDING)) == -1)
		return 0;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return 0;
	}
	while (n < max && (de = readdir(d)) != NULL) {
		if (!release_id_valid(de->d_name) ||
		    fstatat(fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == -1 ||
		    st.st_mtime > before)
			continue;
		if (n == cap) {
			v = arena_alloc(a, 2 * cap * sizeof(*v));
			memcpy(v, *ids, n * sizeof(*v));
			*ids = v;
			cap *= 2;
		}
		(*ids)[n++] = arena_strdup(a, de->d_name);
	}
	closedir(d);
	return n;
}
