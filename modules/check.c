/*
 * check.c: the admin's self-check.
 *
 * Every finding is a sentence an admin can act on, from the message table
 * (in the page's language; the command speaks English); nothing here
 * changes the site (the write test writes and removes one spool file in
 * tmp/).
 */
#include <sys/statvfs.h>
#include <sys/stat.h>

#include <errno.h>
#include <magic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "i18n.h"
#include "io.h"
#include "msg.h"
#include "tmpl.h"

#define FREE_MIN	(100LL * 1024 * 1024)	/* bytes; less is a warning */
#define CLOCK_MIN	1767225600		/* 2026-01-01: a clock before
						   this is wrong */

static struct finding *
add(struct finding *f, size_t *n, const char *what, int ok, const char *fmt,
    ...) __attribute__((format(printf, 5, 6)));

static struct finding *
add(struct finding *f, size_t *n, const char *what, int ok, const char *fmt,
    ...)
{
	va_list	 ap;

	if (*n >= CHECK_FINDINGS)
		return NULL;
	f += (*n)++;
	f->what = what;
	f->ok = ok;
	va_start(ap, fmt);
	vsnprintf(f->detail, sizeof(f->detail), fmt, ap);
	va_end(ap);
	return f;
}

/* Is the first word of the mail command an executable file? */
static int
command_exists(const char *cmd)
{
	char	 prog[512], path[1024];
	char	*dirs, *d, *save;
	size_t	 n = strcspn(cmd, " \t");
	int	 found = 0;

	if (n == 0 || n >= sizeof(prog))
		return 0;
	memcpy(prog, cmd, n);
	prog[n] = '\0';
	if (strchr(prog, '/') != NULL)
		return access(prog, X_OK) == 0;
	if ((dirs = strdup("/usr/sbin:/usr/bin:/sbin:/bin")) == NULL)
		return 0;
	for (d = strtok_r(dirs, ":", &save); d != NULL && !found;
	    d = strtok_r(NULL, ":", &save)) {
		snprintf(path, sizeof(path), "%s/%s", d, prog);
		found = access(path, X_OK) == 0;
	}
	free(dirs);
	return found;
}

size_t
check_site(const struct conf *c, struct store *s, struct finding *f)
{
	struct tmpl_set	*t;
	struct i18n	*cats;
	struct statvfs	 vfs;
	magic_t		 m;
	char		 name[64], err[256], langs[128];
	const char	*magicdb;
	time_t		 now = time(NULL);
	long long	 avail;
	size_t		 n = 0, i, len;
	int		 fd;

	add(f, &n, msg_get(MSG_CHECK_CONF), 1, msg_get(MSG_CHECK_CONF_OK),
	    c->path);

	if (store_spool_open(s, &fd, name, sizeof(name)) == ERR_OK) {
		int	 w = io_write_all(fd, "check\n", 6) == 0 &&
		    fsync(fd) == 0;

		close(fd);
		store_spool_discard(s, name);
		add(f, &n, msg_get(MSG_CHECK_DATA), w, msg_get(w ?
		    MSG_CHECK_DATA_OK : MSG_CHECK_DATA_FULL), c->data_dir);
	} else
		add(f, &n, msg_get(MSG_CHECK_DATA), 0,
		    msg_get(MSG_CHECK_DATA_RO), c->data_dir, (int)getuid());

	if (statvfs(c->data_dir, &vfs) == 0) {
		avail = (long long)vfs.f_bavail * (long long)vfs.f_frsize;
		add(f, &n, msg_get(MSG_CHECK_DISK), avail >= FREE_MIN,
		    msg_get(avail >= FREE_MIN ? MSG_CHECK_DISK_OK :
		    MSG_CHECK_DISK_LOW), avail / (1000 * 1000));
	} else
		add(f, &n, msg_get(MSG_CHECK_DISK), 0,
		    msg_get(MSG_CHECK_DISK_UNKNOWN), strerror(errno));

	if (tmpl_set_load(c->templates_dir, &t, err, sizeof(err)) == ERR_OK) {
		tmpl_set_free(t);
		add(f, &n, msg_get(MSG_CHECK_TEMPLATES), 1,
		    msg_get(MSG_CHECK_TEMPLATES_OK), c->templates_dir);
	} else
		add(f, &n, msg_get(MSG_CHECK_TEMPLATES), 0, "%s", err);

	/* The catalogues load, and the site's default language has one. */
	if (i18n_load(c->locale_dir, &cats, err, sizeof(err)) == ERR_OK) {
		langs[0] = '\0';
		for (i = 0, len = 0; i < i18n_count(cats) &&
		    len < sizeof(langs); i++)
			len += (size_t)snprintf(langs + len, sizeof(langs) - len,
			    "%s%s", i > 0 ? " " : "", i18n_tag(cats, i));
		if (i18n_has(cats, c->interface_language) != NULL)
			add(f, &n, msg_get(MSG_CHECK_CATALOGUES), 1,
			    msg_get(MSG_CHECK_CATALOGUES_OK), c->locale_dir,
			    langs);
		else
			add(f, &n, msg_get(MSG_CHECK_CATALOGUES), 0,
			    msg_get(MSG_CHECK_CATALOGUES_NODEF), c->locale_dir,
			    c->interface_language);
		i18n_free(cats);
	} else
		add(f, &n, msg_get(MSG_CHECK_CATALOGUES), 0, "%s", err);

	magicdb = c->magic_database[0] == '\0' ?
	    msg_get(MSG_CHECK_MAGIC_OWN) : c->magic_database;
	if ((m = magic_open(MAGIC_MIME_TYPE)) != NULL &&
	    magic_load(m, c->magic_database[0] == '\0' ? NULL :
	    c->magic_database) == 0)
		add(f, &n, msg_get(MSG_CHECK_MAGIC), 1,
		    msg_get(MSG_CHECK_MAGIC_OK), magicdb, magic_version());
	else
		add(f, &n, msg_get(MSG_CHECK_MAGIC), 0,
		    msg_get(MSG_CHECK_MAGIC_BAD), magicdb, m == NULL ?
		    "no memory" : magic_error(m));
	if (m != NULL)
		magic_close(m);

	add(f, &n, msg_get(MSG_CHECK_CLOCK), now > CLOCK_MIN,
	    msg_get(now > CLOCK_MIN ? MSG_CHECK_CLOCK_OK : MSG_CHECK_CLOCK_BAD),
	    (long long)now);

	if (c->mail_command[0] == '\0')
		add(f, &n, msg_get(MSG_CHECK_MAIL), 1, "%s",
		    msg_get(MSG_CHECK_MAIL_OFF));
	else
		add(f, &n, msg_get(MSG_CHECK_MAIL),
		    command_exists(c->mail_command), "%s",
		    msg_get(command_exists(c->mail_command) ?
		    MSG_CHECK_MAIL_OK : MSG_CHECK_MAIL_BAD));

	add(f, &n, msg_get(MSG_CHECK_USERS), access(c->users_file, R_OK) == 0,
	    msg_get(access(c->users_file, R_OK) == 0 ? MSG_CHECK_USERS_OK :
	    MSG_CHECK_USERS_BAD), c->users_file);
	return n;
}
