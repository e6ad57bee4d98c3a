/*
 * store.h: the data directory; the only code that opens, renames, locks or
 * fsyncs files in it.
 *
 * Layout (all text, see README.md "Data layout"):
 *
 *	releases/<id>/release	the current version and its workflow state
 *	releases/<id>/rev-<N>	each revision's text, never changed once written
 *	releases/<id>/history	append-only log, one line per change
 *	releases/<id>/files/<aid>  attachment bytes, never changed once written
 *	releases/<id>/lock	flock(2) target serialising changes
 *	sessions/<sid>		one signed-in session
 *	logins/<user>		failed sign-in count for throttling
 *	prefs/<user>		a user's settings (interface language)
 *	trash/<id>.<time>	deleted drafts, kept for the admin
 *	tmp/			temporary files, same file system
 *	index/public		the public archive's index (index.h), a cache
 *	index/pending/<id>	releases whose change the index may lack
 *
 * Every write is atomic and durable: write to tmp/, fsync, rename into
 * place, fsync the directory.  A reader sees the old file or the new one.
 */
#ifndef PR_STORE_H
#define PR_STORE_H

#include <sys/stat.h>

#include <stddef.h>
#include <time.h>

struct iovec;

#include "arena.h"
#include "err.h"
#include "lim.h"
#include "release.h"

struct store {
	char	*dir;		/* malloc'd copy of the data directory path */
	int	 fd;		/* the data directory, O_DIRECTORY */
	int	 bulk;		/* store_bulk(): no fsync per file */
};

/*
 * store_open() opens the data directory, creating it (mode 0700) and its
 * subdirectories when missing.  ERR_IO if that fails.  store_close()
 * releases it.
 */
enum err	 store_open(struct store *, const char *dir);
void		 store_close(struct store *);

/*
 * store_release_get() reads and parses the current revision.  Strings live
 * in the arena.  ERR_NOTFOUND for an unknown or malformed id, ERR_CORRUPT
 * if the file does not parse, ERR_IO on read errors.
 */
enum err	 store_release_get(struct store *, struct arena *, const char *id,
		    struct release *);

/*
 * store_release_create() gives r a fresh id (arena copy), revision and
 * change number 1 and the current time, and stores it with its rev-1 and
 * a first history line, all at once: the release directory appears
 * complete or not at all.
 */
enum err	 store_release_create(struct store *, struct arena *,
		    struct release *r, const char *user);

/*
 * store_update_fn is what a change does: given the current version (a copy
 * it may modify, strings in the arena), it checks what it must (a stale
 * revision, the state, the user's rights) and either changes the copy into
 * the new version, setting *comment for the history line (may stay NULL),
 * or returns an error, and nothing is written.
 */
typedef enum err (*store_update_fn)(struct release *, void *arg,
		    const char **comment);

/*
 * store_release_update() is the one way to change a release.  Holding the
 * release's lock it reads the current version and calls fn.  The change
 * number (Seq) goes up by one; if fn changed any editable field the
 * revision goes up too, its text is kept as rev-<N> and approvals (which
 * were for the old text) are dropped.  One history line records user,
 * states and comment.  The rename of the release file commits it all at
 * once.  On success *out (if not NULL) is the new version.
 */
enum err	 store_release_update(struct store *, struct arena *,
		    const char *id, const char *user, store_update_fn fn,
		    void *arg, struct release *out);

/*
 * store_release_save() is an update that replaces the editable fields and
 * the state with r's, if the stored revision is still base_rev; else
 * ERR_STALE and nothing changes.  On success r is the new version.
 */
enum err	 store_release_save(struct store *, struct arena *,
		    struct release *r, unsigned long base_rev,
		    const char *user, const char *comment);

/*
 * store_revision_get() reads revision rev of a release (the text as it
 * was then).  ERR_NOTFOUND if there is no such revision (0, or above the
 * release's current one).
 */
enum err	 store_revision_get(struct store *, struct arena *,
		    const char *id, unsigned long rev, struct release *);

/*
 * store_release_delete() moves the release to trash/ if nothing changed it
 * since the user looked: its change number is still base_seq (ERR_STALE
 * otherwise).  The admin can move it back.
 */
enum err	 store_release_delete(struct store *, const char *id,
		    unsigned long base_seq);

/*
 * store_release_list() reads the releases (newest change first) into an
 * arena array: the max most recently created ones (ids begin with their
 * day of creation) when there are more.  Files that do not parse are
 * skipped here; the admin check reports them.
 */
enum err	 store_release_list(struct store *, struct arena *,
		    size_t max, struct release **out, size_t *n);

/*
 * Attachments.  An upload is written to a spool file in tmp/ as it
 * arrives: store_spool_open() makes one (the fd is the caller's to write
 * and close; name identifies it), store_spool_discard() removes it.
 * store_file_commit() fsyncs the spool and renames it into the release's
 * files/ under a new random attachment id (ATTACH_ID_LEN hex digits, into
 * aid): the bytes are then there whole, but no revision names them until
 * the caller's store_release_update() adds them to the list.  If that
 * fails, store_file_discard() removes the unreferenced file.
 */
enum err	 store_spool_open(struct store *, int *fd, char *name,
		    size_t namesz);
void		 store_spool_discard(struct store *, const char *name);
enum err	 store_spool_path(struct store *, const char *name, char *path,
		    size_t pathsz);
enum err	 store_file_commit(struct store *, const char *id,
		    const char *spool, char *aid);
void		 store_file_discard(struct store *, const char *id,
		    const char *aid);

/*
 * store_file_open() opens an attachment's bytes for reading (the caller
 * closes fd); st gets its size and time.  ERR_NOTFOUND for a bad or
 * unknown id.
 */
enum err	 store_file_open(struct store *, const char *id, const char *aid,
		    int *fd, struct stat *st);

/* One line of a release's history. */
struct history {
	time_t			 time;
	unsigned long		 seq;		/* the change number */
	unsigned long		 rev;		/* the revision after it */
	const char		*user;
	enum release_state	 from;
	enum release_state	 to;
	const char		*comment;	/* "" if none */
};

/*
 * store_history_get() reads a release's history, oldest first, into an
 * arena array.  A line written by a change that did not complete (a change
 * number above the release's) is not returned.
 */
enum err	 store_history_get(struct store *, struct arena *, const char *id,
		    struct history **out, size_t *n);

/* A signed-in session. */
struct session {
	char	 id[LIM_SESSION_ID_LEN_BUF];
	char	 csrf[LIM_CSRF_LEN_BUF];
	char	 user[LIM_USER_MAX + 1];
	time_t	 created;
	time_t	 expires;
};

/*
 * Sessions: put writes (or replaces) one, get reads one (ERR_NOSESSION if
 * absent, malformed or expired at now), delete removes one, and prune
 * removes every expired one.
 */
enum err	 store_session_put(struct store *, const struct session *);
enum err	 store_session_get(struct store *, const char *sid, time_t now,
		    struct session *);
enum err	 store_session_delete(struct store *, const char *sid);
void		 store_session_prune(struct store *, time_t now);

/*
 * Failed sign-ins per user name: get returns the count and the time of the
 * last failure (0, 0 if none); fail adds one; clear forgets them.
 */
void		 store_login_get(struct store *, const char *user,
		    unsigned *fails, time_t *last);
enum err	 store_login_fail(struct store *, const char *user, time_t now);
void		 store_login_clear(struct store *, const char *user);

/*
 * store_user_forget() removes a user's settings, failed sign-ins and
 * sessions (not their releases), for a user deleted from the users file.
 */
void		 store_user_forget(struct store *, const char *user,
		    time_t now);

/* A user's settings. */
struct prefs {
	char	 lang[LIM_UI_LANG_MAX + 1];	/* "": none chosen */
};

/*
 * store_prefs_get() reads a user's settings; a user who never saved any
 * gets the empty ones (ERR_OK).  store_prefs_put() replaces them (ERR_OK,
 * ERR_INVALID for a bad user name or language, ERR_IO).  The language is
 * checked for its shape only ([a-z0-9-]); the caller knows which exist.
 */
enum err	 store_prefs_get(struct store *, const char *user,
		    struct prefs *);
enum err	 store_prefs_put(struct store *, const char *user,
		    const struct prefs *);

/*
 * store_check() verifies the whole data directory: every release parses,
 * its id matches its directory, its history agrees with its revision and
 * state, every session parses.  (Temporary files of writers that died are
 * not problems: store_open() removes them once they are an hour old.)  Each problem is reported through cb
 * with a path relative to the data directory.  Returns the problem count.
 */
size_t		 store_check(struct store *,
		    void (*cb)(void *, const char *path, const char *problem),
		    void *arg);

/*
 * store_file_replace() atomically and durably replaces any file (used for
 * the users file, which lives beside the configuration) with data.
 */
enum err	 store_file_replace(const char *path, const void *data,
		    size_t len, int mode);

/*
 * store_file_read() reads a whole file of at most max bytes into the
 * arena (NUL-terminated).  ERR_NOTFOUND, ERR_TOOBIG or ERR_IO.
 */
enum err	 store_file_read(struct arena *, const char *path, size_t max,
		    char **data, size_t *len);

/*
 * store_bulk() turns bulk loading on or off: while on, files are written
 * without an fsync each (the generator writes thousands), and turning it
 * off syncs the whole file system once.
 */
void		 store_bulk(struct store *, int on);

/*
 * store_release_walk() calls fn with the id of every release directory,
 * in no order, until fn returns an error (which it returns).  Unlike
 * store_release_list() it holds nothing in memory and has no cap.
 */
enum err	 store_release_walk(struct store *,
		    enum err (*fn)(void *, const char *id), void *arg);

/*
 * The index directory, for index.c: store_index_open() opens a file of it
 * for reading (-1 with errno if absent); store_index_replace() replaces
 * one atomically (store_index_replacev() with the file in pieces); store_index_lock() takes the writers' lock (waiting if
 * wait, else -1 when held; close the fd to release it).  A change that
 * the index must follow is marked first (store_index_mark()), then the
 * index is updated and the mark removed (store_index_unmark()): a mark
 * left by a writer that died tells readers to catch up.
 * store_index_pending() lists at most max ids marked at or before the
 * time before.
 */
int		 store_index_open(struct store *, const char *name);
enum err	 store_index_replace(struct store *, const char *name,
		    const void *data, size_t len);
enum err	 store_index_replacev(struct store *, const char *name,
		    const struct iovec *, int niov);
int		 store_index_lock(struct store *, int wait);
enum err	 store_index_mark(struct store *, const char *id);
void		 store_index_unmark(struct store *, const char *id);
size_t		 store_index_pending(struct store *, struct arena *,
		    const char ***ids, size_t max, time_t before);

#endif /* PR_STORE_H */
