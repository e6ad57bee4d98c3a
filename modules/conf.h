/*
 * conf.h: the configuration file, read once at start-up.
 *
 * One file of "key = value" lines; '#' starts a comment line.  Every key,
 * its default and its limit are listed in README.md and in the commented
 * conf/pressroom.conf.  Unknown keys and bad values are errors, so a typo
 * never silently falls back to a default.
 */
#ifndef PR_CONF_H
#define PR_CONF_H

#include <stddef.h>

#include "err.h"

#define CONF_LANGS_MAX	16
#define CONF_NAMES_MAX	64
#define CONF_TYPES_MAX	32

enum secure_cookies {
	SECURE_AUTO,		/* Secure when the request came over HTTPS */
	SECURE_ON,
	SECURE_OFF
};

struct conf {
	char		*path;			/* the file read */
	char		*data_dir;
	char		*users_file;
	char		*templates_dir;
	char		*locale_dir;		/* the catalogues, *.po */
	char		*interface_language;	/* the site's default */
	unsigned	 interface_language_line; /* where it was set, or 0 */
	char		*site_name;
	char		*url_auth;		/* e.g. "/auth" */
	char		*url_staff;		/* e.g. "/staff" */
	char		*url_review;		/* e.g. "/review" */
	char		*url_upload;		/* e.g. "/upload" */
	char		*url_public;		/* e.g. "" (the site root) */
	char		*url_static;		/* e.g. "/static" */
	char		*langs[CONF_LANGS_MAX];
	size_t		 nlangs;
	char		*admins[CONF_NAMES_MAX];
	size_t		 nadmins;
	char		*approvers[CONF_NAMES_MAX];
	size_t		 napprovers;
	long		 session_lifetime;	/* seconds */
	long		 login_free_failures;	/* before throttling */
	long		 login_delay_max;	/* seconds */
	long		 request_timeout;	/* seconds per request */
	long		 max_body;		/* urlencoded body, bytes */
	enum secure_cookies secure_cookies;
	int		 trust_remote_user;
	long		 approvals_required;	/* distinct approvals needed */
	long		 public_page_size;	/* releases per archive page */
	long		 public_max_age;	/* Cache-Control of public pages */
	long		 feed_entries;		/* entries of a feed */
	int		 allow_self_approval;	/* for one-person sites */
	char		*mail_command;		/* "" = no mail */
	char		*mail_from;
	char		*site_url;		/* for links in mails */
	char		*magic_database;	/* "" = libmagic's default */
	char		*upload_types[CONF_TYPES_MAX];	/* MIME allowlist */
	size_t		 nupload_types;
	long		 upload_file_max;	/* bytes per file */
	long		 upload_total_max;	/* bytes per release */
	long		 upload_files_max;	/* attachments per release */
	long		 upload_parts_max;	/* parts per request */
	long		 upload_header_max;	/* a part's headers, bytes */
};

/*
 * conf_load() reads path into c, with defaults for keys not set.  Relative
 * paths in the file are taken relative to the file's directory.  On error
 * it returns ERR_CONF (or ERR_IO / ERR_NOTFOUND for the file itself) and
 * writes "file:line: what" into errbuf.  A NULL path gives the defaults
 * alone (for the admin tool run with -d).  Free with conf_free().
 */
enum err	 conf_load(struct conf *c, const char *path, char *errbuf,
		    size_t errlen);
void		 conf_free(struct conf *c);

/*
 * conf_find() chooses the configuration file: the -c argument if given,
 * else "pressroom.conf" beside the running program if it exists, else the
 * path fixed at build time.  Returns a static or borrowed string.
 */
const char	*conf_find(const char *arg);

/* The roles, from least to most allowed. */
enum role {
	ROLE_EDITOR,
	ROLE_APPROVER,
	ROLE_ADMIN
};

/* conf_role() gives the user's role: admins, approvers, else editor. */
enum role	 conf_role(const struct conf *, const char *user);
const char	*conf_role_name(enum role);

#endif /* PR_CONF_H */
