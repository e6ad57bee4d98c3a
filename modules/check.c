/*
 * check.c: the admin's self-check.
 *
 * Every finding is a sentence an admin can act on; nothing here changes
 * the site (the write test writes and removes one spool file in tmp/).
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
#include "io.h"
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
	struct statvfs	 vfs;
	magic_t		 m;
	char		 name[64], err[256];
	time_t		 now = time(NULL);
	long long	 avail;
	size_t		 n = 0;
	int		 fd;

	add(f, &n, "configuration", 1, "%s parses", c->path);

	if (store_spool_open(s, &fd, name, sizeof(name)) == ERR_OK) {
		int	 w = io_write_all(fd, "check\n", 6) == 0 &&
		    fsync(fd) == 0;

		close(fd);
		store_spool_discard(s, name);
		add(f, &n, "data directory", w, w ? "%s can be written" :
		    "%s: a file could be made but not written (disk full?)",
		    c->data_dir);
	} else
		add(f, &n, "data directory", 0, "%s cannot be written by this "
		    "user (%d); give it to the user the programs run as",
		    c->data_dir, (int)getuid());

	if (statvfs(c->data_dir, &vfs) == 0) {
		avail = (long long)vfs.f_bavail * (long long)vfs.f_frsize;
		add(f, &n, "free disk space", avail >= FREE_MIN,
		    "%lld MB free where the data directory is%s",
		    avail / (1000 * 1000), avail >= FREE_MIN ? "" :
		    ": uploads will soon fail");
	} else
		add(f, &n, "free disk space", 0, "cannot be measured: %s",
		    strerror(errno));

	if (tmpl_set_load(c->templates_dir, &t, err, sizeof(err)) == ERR_OK) {
		tmpl_set_free(t);
		add(f, &n, "templates", 1, "%s load", c->templates_dir);
	} else
		add(f, &n, "templates", 0, "%s", err);

	if ((m = magic_open(MAGIC_MIME_TYPE)) != NULL &&
	    magic_load(m, c->magic_database[0] == '\0' ? NULL :
	    c->magic_database) == 0)
		add(f, &n, "magic database", 1, "%s loads (libmagic %d)",
		    c->magic_database[0] == '\0' ? "libmagic's own database" :
		    c->magic_database, magic_version());
	else
		add(f, &n, "magic database", 0, "%s does not load: %s; set "
		    "magic_database to the magic.mgc shipped with the programs",
		    c->magic_database[0] == '\0' ? "libmagic's own database" :
		    c->magic_database, m == NULL ? "no memory" :
		    magic_error(m));
	if (m != NULL)
		magic_close(m);

	add(f, &n, "clock", now > CLOCK_MIN, now > CLOCK_MIN ?
	    "the clock reads %lld (Unix time): plausible" :
	    "the clock reads %lld (Unix time), which is in the past: "
	    "embargoes would end at the wrong time", (long long)now);

	if (c->mail_command[0] == '\0')
		add(f, &n, "mail", 1, "off (mail_command is empty)");
	else
		add(f, &n, "mail", command_exists(c->mail_command),
		    command_exists(c->mail_command) ? "the command exists" :
		    "the command in mail_command is not an executable file");

	add(f, &n, "users file", access(c->users_file, R_OK) == 0,
	    access(c->users_file, R_OK) == 0 ? "%s is readable" :
	    "%s cannot be read: nobody can sign in", c->users_file);
	return n;
}
