/*
 * conf.c: parse the configuration file.
 *
 * The file is small (LIM_CONF_FILE_MAX) and read once before the request
 * loop; all strings are malloc'd and live until conf_free().  Each key is
 * described once in the table below: its name, kind, bounds and default.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "conf.h"
#include "i18n.h"
#include "lim.h"
#include "store.h"

enum kind { K_STR, K_PATH, K_OPTPATH, K_URL, K_NUM, K_BOOL, K_LIST, K_TYPES,
    K_SECURE, K_LANG };

struct key {
	const char	*name;
	enum kind	 kind;
	size_t		 off;
	const char	*def;	/* default, as it would be written in the file */
	long		 min, max;
};

#define O(f)	offsetof(struct conf, f)

static const struct key keys[] = {
	{ "data_dir", K_PATH, O(data_dir), "/var/lib/pressroom", 0, 0 },
	{ "users_file", K_PATH, O(users_file), "users", 0, 0 },
	{ "templates_dir", K_PATH, O(templates_dir), "templates", 0, 0 },
	/* Empty: "locale" beside templates_dir (see conf_load()). */
	{ "locale_dir", K_OPTPATH, O(locale_dir), "", 0, 0 },
	{ "interface_language", K_LANG, O(interface_language), "en", 0, 0 },
	{ "site_name", K_STR, O(site_name), "Press room", 0, 0 },
	{ "url_auth", K_URL, O(url_auth), "/auth", 0, 0 },
	{ "url_staff", K_URL, O(url_staff), "/staff", 0, 0 },
	{ "url_review", K_URL, O(url_review), "/review", 0, 0 },
	{ "url_upload", K_URL, O(url_upload), "/upload", 0, 0 },
	{ "url_public", K_URL, O(url_public), "", 0, 0 },
	{ "url_static", K_URL, O(url_static), "/static", 0, 0 },
	{ "languages", K_LIST, O(langs), "fr en", 1, CONF_LANGS_MAX },
	{ "admins", K_LIST, O(admins), "", 0, CONF_NAMES_MAX },
	{ "approvers", K_LIST, O(approvers), "", 0, CONF_NAMES_MAX },
	{ "session_lifetime", K_NUM, O(session_lifetime), "28800", 300,
	    30 * 24 * 3600 },
	{ "login_free_failures", K_NUM, O(login_free_failures), "5", 1, 100 },
	{ "login_delay_max", K_NUM, O(login_delay_max), "300", 1, 86400 },
	{ "request_timeout", K_NUM, O(request_timeout), "60", 5, 3600 },
	{ "max_body", K_NUM, O(max_body), "1048576", 4096, LIM_BODY_MAX },
	{ "secure_cookies", K_SECURE, O(secure_cookies), "auto", 0, 0 },
	{ "trust_remote_user", K_BOOL, O(trust_remote_user), "no", 0, 0 },
	{ "approvals_required", K_NUM, O(approvals_required), "1", 1, 10 },
	{ "public_page_size", K_NUM, O(public_page_size), "20", 5, 100 },
	{ "public_max_age", K_NUM, O(public_max_age), "60", 0, 86400 },
	{ "feed_entries", K_NUM, O(feed_entries), "30", 5, 200 },
	{ "allow_self_approval", K_BOOL, O(allow_self_approval), "no", 0, 0 },
	{ "mail_command", K_STR, O(mail_command), "", 0, 0 },
	{ "mail_from", K_STR, O(mail_from), "pressroom@localhost", 0, 0 },
	{ "site_url", K_STR, O(site_url), "http://127.0.0.1:8080", 0, 0 },
	{ "magic_database", K_OPTPATH, O(magic_database), "", 0, 0 },
	{ "upload_types", K_TYPES, O(upload_types), "image/jpeg image/png "
	    "image/webp image/gif application/pdf "
	    "application/vnd.openxmlformats-officedocument.wordprocessingml."
	    "document "
	    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet "
	    "application/vnd.openxmlformats-officedocument.presentationml."
	    "presentation "
	    "application/vnd.oasis.opendocument.text "
	    "application/vnd.oasis.opendocument.spreadsheet "
	    "application/vnd.oasis.opendocument.presentation "
	    "text/plain text/csv", 0, CONF_TYPES_MAX },
	{ "upload_file_max", K_NUM, O(upload_file_max), "52428800", 1,
	    LONG_MAX / 2 },
	{ "upload_total_max", K_NUM, O(upload_total_max), "209715200", 1,
	    LONG_MAX / 2 },
	{ "upload_files_max", K_NUM, O(upload_files_max), "50", 1, 1000 },
	{ "upload_parts_max", K_NUM, O(upload_parts_max), "20", 2, 1000 },
	{ "upload_header_max", K_NUM, O(upload_header_max), "8192", 1024,
	    65536 },
};
#define NKEYS	(sizeof(keys) / sizeof(keys[0]))

static char *
xstrdup(const char *s)
{
	char	*p;

	if ((p = strdup(s)) == NULL)
		abort();
	return p;
}

static char *
trim(char *s)
{
	char	*e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

/* The list fields each have their count right after the array. */
static size_t *
list_count(struct conf *c, const struct key *k)
{
	if (k->off == O(langs))
		return &c->nlangs;
	if (k->off == O(admins))
		return &c->nadmins;
	if (k->off == O(upload_types))
		return &c->nupload_types;
	return &c->napprovers;
}

static void
list_free(struct conf *c, const struct key *k)
{
	char	**v = (char **)((char *)c + k->off);
	size_t	 *n = list_count(c, k), i;

	for (i = 0; i < *n; i++)
		free(v[i]);
	*n = 0;
}

static int
set_value(struct conf *c, const struct key *k, const char *v,
    const char *base, const char **why)
{
	char		**sp = (char **)((char *)c + k->off);
	long		 *np = (long *)((char *)c + k->off);
	int		 *bp = (int *)((char *)c + k->off);
	char		 *end, *copy, *tok, *save;
	long		  n;
	size_t		 *cnt;
	size_t		  i;

	switch (k->kind) {
	case K_STR:
	case K_URL:
		for (i = 0; v[i] != '\0'; i++)
			if ((unsigned char)v[i] < 0x20) {
				*why = "control character in value";
				return 0;
			}
		if (k->kind == K_URL && v[0] != '\0' &&
		    (v[0] != '/' || v[strlen(v) - 1] == '/' ||
		    strpbrk(v, "\"'<> ") != NULL)) {
			*why = "must start with / and not end with /";
			return 0;
		}
		free(*sp);
		*sp = xstrdup(v);
		return 1;
	case K_PATH:
	case K_OPTPATH:
		if (v[0] == '\0' && k->kind == K_PATH) {
			*why = "empty path";
			return 0;
		}
		free(*sp);
		if (v[0] == '/' || v[0] == '\0' || base == NULL)
			*sp = xstrdup(v);
		else {
			n = (long)(strlen(base) + strlen(v) + 2);
			*sp = malloc((size_t)n);
			if (*sp == NULL)
				abort();
			snprintf(*sp, (size_t)n, "%s/%s", base, v);
		}
		return 1;
	case K_NUM:
		errno = 0;
		n = strtol(v, &end, 10);
		if (errno != 0 || end == v || *end != '\0' || n < k->min ||
		    n > k->max) {
			*why = "not a number in the allowed range";
			return 0;
		}
		*np = n;
		return 1;
	case K_BOOL:
		if (strcmp(v, "yes") == 0 || strcmp(v, "on") == 0)
			*bp = 1;
		else if (strcmp(v, "no") == 0 || strcmp(v, "off") == 0)
			*bp = 0;
		else {
			*why = "must be yes or no";
			return 0;
		}
		return 1;
	case K_SECURE:
		if (strcmp(v, "auto") == 0)
			c->secure_cookies = SECURE_AUTO;
		else if (strcmp(v, "yes") == 0 || strcmp(v, "on") == 0)
			c->secure_cookies = SECURE_ON;
		else if (strcmp(v, "no") == 0 || strcmp(v, "off") == 0)
			c->secure_cookies = SECURE_OFF;
		else {
			*why = "must be auto, yes or no";
			return 0;
		}
		return 1;
	case K_LANG:
		copy = xstrdup(v);
		if (!i18n_tag_norm(v, copy)) {
			free(copy);
			*why = "not a language tag (like en, fr or pt-br)";
			return 0;
		}
		free(*sp);
		*sp = copy;
		return 1;
	case K_LIST:
	case K_TYPES:
		list_free(c, k);
		cnt = list_count(c, k);
		copy = xstrdup(v);
		for (tok = strtok_r(copy, " \t,", &save); tok != NULL;
		    tok = strtok_r(NULL, " \t,", &save)) {
			if ((long)*cnt >= k->max) {
				free(copy);
				*why = "too many entries";
				return 0;
			}
			for (i = 0; tok[i] != '\0'; i++)
				if (!isalnum((unsigned char)tok[i]) &&
				    strchr(k->kind == K_TYPES ? "._-/+" :
				    "._@-", tok[i]) == NULL) {
					free(copy);
					*why = k->kind == K_TYPES ?
					    "entries are MIME types" :
					    "entries may use only letters, "
					    "digits and . _ @ -";
					return 0;
				}
			sp[(*cnt)++] = xstrdup(tok);
		}
		free(copy);
		if ((long)*cnt < k->min) {
			*why = "must not be empty";
			return 0;
		}
		return 1;
	}
	return 0;
}

/*
 * Without locale_dir, the catalogues are where an install puts them:
 * "locale" beside the templates directory (share/pressroom/templates and
 * share/pressroom/locale; www/templates and www/locale in the sources).
 */
static void
locale_beside_templates(struct conf *c)
{
	char	*dir, *slash;
	size_t	 n;

	dir = xstrdup(c->templates_dir);
	for (n = strlen(dir); n > 1 && dir[n - 1] == '/'; n--)
		dir[n - 1] = '\0';
	free(c->locale_dir);
	if ((slash = strrchr(dir, '/')) == NULL)
		c->locale_dir = xstrdup("locale");
	else {
		slash[1] = '\0';
		n = strlen(dir) + sizeof("locale");
		if ((c->locale_dir = malloc(n)) == NULL)
			abort();
		snprintf(c->locale_dir, n, "%slocale", dir);
	}
	free(dir);
}

enum err
conf_load(struct conf *c, const char *path, char *errbuf, size_t errlen)
{
	struct arena	 a;
	const char	*why = NULL;
	char		*data, *line, *next, *eq, *key, *val, *base, *slash;
	size_t		 len, i, lineno = 0;
	enum err	 e;

	memset(c, 0, sizeof(*c));
	c->path = xstrdup(path == NULL ? "(defaults)" : path);
	base = xstrdup(path == NULL ? "." : path);
	if ((slash = strrchr(base, '/')) != NULL)
		*slash = slash == base ? '/' : '\0';
	else
		strcpy(base, ".");
	if (slash == base)
		base[1] = '\0';
	for (i = 0; i < NKEYS; i++)
		if (!set_value(c, &keys[i], keys[i].def, base, &why))
			abort();

	arena_init(&a);
	if (path == NULL) {
		e = ERR_OK;
		goto out;
	}
	if ((e = store_file_read(&a, path, LIM_CONF_FILE_MAX, &data, &len)) !=
	    ERR_OK) {
		snprintf(errbuf, errlen, "%s: %s", path,
		    e == ERR_NOTFOUND ? "no such file" :
		    e == ERR_TOOBIG ? "file too large" : "cannot be read");
		goto out;
	}
	e = ERR_CONF;
	for (line = data; line != NULL && *line != '\0'; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (strlen(line) > LIM_CONF_LINE_MAX) {
			why = "line too long";
			goto bad;
		}
		key = trim(line);
		if (*key == '\0' || *key == '#')
			continue;
		if ((eq = strchr(key, '=')) == NULL) {
			why = "expected \"key = value\"";
			goto bad;
		}
		*eq = '\0';
		key = trim(key);
		val = trim(eq + 1);
		for (i = 0; i < NKEYS; i++)
			if (strcmp(keys[i].name, key) == 0)
				break;
		if (i == NKEYS) {
			why = "unknown key";
			goto bad;
		}
		if (!set_value(c, &keys[i], val, base, &why))
			goto bad;
		if (keys[i].off == O(interface_language))
			c->interface_language_line = (unsigned)lineno;
	}
	e = ERR_OK;
	goto out;
bad:
	snprintf(errbuf, errlen, "%s:%zu: %s", path, lineno, why);
out:
	if (e == ERR_OK && c->locale_dir[0] == '\0')
		locale_beside_templates(c);
	free(base);
	arena_free(&a);
	return e;
}

void
conf_free(struct conf *c)
{
	size_t	 i;

	for (i = 0; i < NKEYS; i++) {
		if (keys[i].kind == K_LIST || keys[i].kind == K_TYPES)
			list_free(c, &keys[i]);
		else if (keys[i].kind == K_STR || keys[i].kind == K_PATH ||
		    keys[i].kind == K_OPTPATH || keys[i].kind == K_URL ||
		    keys[i].kind == K_LANG)
			free(*(char **)((char *)c + keys[i].off));
	}
	free(c->path);
	memset(c, 0, sizeof(*c));
}

const char *
conf_find(const char *arg)
{
	static char	 beside[PATH_MAX];
	ssize_t		 n;
	char		*slash;
	struct stat	 st;

	if (arg != NULL)
		return arg;
	n = readlink("/proc/self/exe", beside, sizeof(beside) - 1);
	if (n > 0) {
		beside[n] = '\0';
		if ((slash = strrchr(beside, '/')) != NULL &&
		    (size_t)(slash - beside) + sizeof("/pressroom.conf") <=
		    sizeof(beside)) {
			strcpy(slash, "/pressroom.conf");
			if (stat(beside, &st) == 0)
				return beside;
		}
	}
	return PR_CONFIG_PATH;
}

static int
in_list(char *const *v, size_t n, const char *user)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], user) == 0)
			return 1;
	return 0;
}

enum role
conf_role(const struct conf *c, const char *user)
{
	if (in_list(c->admins, c->nadmins, user))
		return ROLE_ADMIN;
	if (in_list(c->approvers, c->napprovers, user))
		return ROLE_APPROVER;
	return ROLE_EDITOR;
}

const char *
conf_role_name(enum role r)
{
	switch (r) {
	case ROLE_ADMIN:
		return "admin";
	case ROLE_APPROVER:
		return "approver";
	default:
		return "editor";
	}
}
