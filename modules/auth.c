/*
 * auth.c: accounts, password checks, sessions and sign-in throttling.
 *
 * The users file is cached in the process and re-read when its size,
 * modification time or inode changes, so a user removed by the admin tool
 * loses access at the next request.  Password checks always run one
 * crypt(3) call, even for unknown users, so timing does not reveal which
 * names exist.  After login_free_failures failures for one name, each
 * further attempt must wait 2^(failures - free) seconds, capped at
 * login_delay_max; attempts during the wait are refused without checking.
 */
#include <sys/stat.h>

#include <crypt.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "lim.h"
#include "rand.h"

/*
 * A yescrypt hash (the kind pressroom-admin writes) of a password nobody
 * knows, checked against for unknown users so that they cost the same.
 */
#define DUMMY_HASH \
    "$y$j9T$Knw/WHOuxdNhFYH3Jt9sf/$rwduhHZZJfbO1W2e8kyxBpHZJcaOZlqzxtsp9v1NIc/"

static struct {
	char		*path;
	char		*data;
	size_t		 len;
	struct stat	 st;
} users_cache;

int
auth_user_valid(const char *u)
{
	size_t	 i;

	if (u == NULL || u[0] == '\0' || u[0] == '.' ||
	    strlen(u) > LIM_USER_MAX)
		return 0;
	for (i = 0; u[i] != '\0'; i++)
		if (!isalnum((unsigned char)u[i]) && strchr("._@-", u[i]) == NULL)
			return 0;
	return 1;
}

int
auth_hash_kind_ok(const char *h)
{
	static const char *const ok[] = {
		"$2a$", "$2b$", "$2y$", "$y$", "$gy$", "$7$", "$5$", "$6$",
	};
	size_t	 i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (strncmp(h, ok[i], strlen(ok[i])) == 0)
			return 1;
	return 0;
}

static enum err
users_load(const char *path)
{
	struct stat	 st;
	struct arena	 a;
	char		*data;
	size_t		 len;
	enum err	 e;

	if (stat(path, &st) == -1)
		return errno == ENOENT ? ERR_NOTFOUND : ERR_IO;
	if (users_cache.path != NULL && strcmp(users_cache.path, path) == 0 &&
	    users_cache.st.st_ino == st.st_ino &&
	    users_cache.st.st_size == st.st_size &&
	    users_cache.st.st_mtim.tv_sec == st.st_mtim.tv_sec &&
	    users_cache.st.st_mtim.tv_nsec == st.st_mtim.tv_nsec)
		return ERR_OK;
	arena_init(&a);
	if ((e = store_file_read(&a, path, LIM_USERS_FILE_MAX, &data, &len)) !=
	    ERR_OK) {
		arena_free(&a);
		return e;
	}
	free(users_cache.path);
	free(users_cache.data);
	if ((users_cache.path = strdup(path)) == NULL ||
	    (users_cache.data = malloc(len + 1)) == NULL)
		abort();
	memcpy(users_cache.data, data, len + 1);
	users_cache.len = len;
	users_cache.st = st;
	arena_free(&a);
	return ERR_OK;
}

/* Find "user:" at a line start; return the hash's start and length. */
static const char *
users_find(const char *data, const char *user, size_t *hlen)
{
	const char	*p = data, *eol, *h;
	size_t		 ul = strlen(user);

	while (*p != '\0') {
		if ((eol = strchr(p, '\n')) == NULL)
			eol = p + strlen(p);
		if ((size_t)(eol - p) > ul && strncmp(p, user, ul) == 0 &&
		    p[ul] == ':') {
			h = p + ul + 1;
			/* Fields after a second ':' are ignored, as Apache does. */
			*hlen = strcspn(h, ":\r\n");
			if (h + *hlen > eol)
				*hlen = (size_t)(eol - h);
			return h;
		}
		p = *eol == '\0' ? eol : eol + 1;
	}
	return NULL;
}

enum err
auth_users_lookup(const char *path, struct arena *a, const char *user,
    char **hash)
{
	const char	*h;
	size_t		 hl;
	enum err	 e;

	*hash = NULL;
	if (!auth_user_valid(user))
		return ERR_NOTFOUND;
	if ((e = users_load(path)) != ERR_OK)
		return e == ERR_NOTFOUND ? ERR_IO : e;
	if ((h = users_find(users_cache.data, user, &hl)) == NULL)
		return ERR_NOTFOUND;
	*hash = arena_strndup(a, h, hl);
	return ERR_OK;
}

const char *
auth_user_email(const char *path, struct arena *a, const char *user)
{
	const char	*h, *mail;
	size_t		 hl, ml;

	if (!auth_user_valid(user) || users_load(path) != ERR_OK ||
	    (h = users_find(users_cache.data, user, &hl)) == NULL ||
	    h[hl] != ':')
		return NULL;
	mail = h + hl + 1;
	ml = strcspn(mail, ":\r\n");
	if (ml == 0 || ml > LIM_EMAIL_MAX || memchr(mail, '@', ml) == NULL)
		return NULL;
	return arena_strndup(a, mail, ml);
}

enum err
auth_users_names(const char *path, struct arena *a, const char ***names,
    size_t *n)
{
	const char	*p, **v;
	size_t		 cap = 0, len;
	enum err	 e;

	*names = NULL;
	*n = 0;
	if ((e = users_load(path)) != ERR_OK)
		return ERR_IO;
	for (p = users_cache.data; *p != '\0'; p += strcspn(p, "\n") +
	    (p[strcspn(p, "\n")] == '\n')) {
		len = strcspn(p, ":\n");
		if (len == 0 || p[len] != ':')
			continue;
		if (*n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			v = arena_alloc(a, cap * sizeof(*v));
			if (*n > 0)
				memcpy(v, *names, *n * sizeof(*v));
			*names = v;
		}
		(*names)[(*n)++] = arena_strndup(a, p, len);
	}
	return ERR_OK;
}

int
auth_token_equal(const char *a, const char *b)
{
	size_t		 la = strlen(a), lb = strlen(b), i;
	unsigned char	 d = 0;

	if (la != lb || la == 0)
		return 0;
	for (i = 0; i < la; i++)
		d |= (unsigned char)a[i] ^ (unsigned char)b[i];
	return d == 0;
}

/* Run crypt(3); 1 if the password matches the hash. */
static int
crypt_matches(const char *hash, const char *password)
{
	struct crypt_data	*cd;
	const char		*out;
	int			 ok;

	if ((cd = calloc(1, sizeof(*cd))) == NULL)
		abort();
	out = crypt_rn(password, hash, cd, sizeof(*cd));
	ok = out != NULL && out[0] != '*' && auth_token_equal(out, hash);
	explicit_bzero(cd, sizeof(*cd));
	free(cd);
	return ok;
}

enum err
auth_check_password(const struct conf *c, struct store *s, struct arena *a,
    const char *user, const char *password, time_t now, long *wait)
{
	char		*hash = NULL;
	unsigned	 fails;
	time_t		 last;
	long		 delay;
	enum err	 e;

	*wait = 0;
	if (strlen(password) > LIM_PASSWORD_MAX)
		return ERR_LOGIN;
	e = auth_users_lookup(c->users_file, a, user, &hash);
	if (e == ERR_IO)
		return ERR_IO;
	if (e == ERR_NOTFOUND) {
		(void)crypt_matches(DUMMY_HASH, password);
		return ERR_LOGIN;
	}
	store_login_get(s, user, &fails, &last);
	if (fails >= (unsigned)c->login_free_failures) {
		unsigned	 over = fails - (unsigned)c->login_free_failures;

		delay = over >= 20 ? c->login_delay_max : 2L << over;
		if (delay > c->login_delay_max)
			delay = c->login_delay_max;
		if (now < last + delay) {
			*wait = (long)(last + delay - now);
			return ERR_THROTTLE;
		}
	}
	if (!auth_hash_kind_ok(hash))
		return ERR_HASH;
	if (!crypt_matches(hash, password)) {
		if (store_login_fail(s, user, now) != ERR_OK)
			return ERR_IO;
		return ERR_LOGIN;
	}
	if (fails > 0)
		store_login_clear(s, user);
	return ERR_OK;
}

enum err
auth_hash_password(struct arena *a, const char *password, char **hash)
{
	struct crypt_data	*cd;
	char			 salt[CRYPT_GENSALT_OUTPUT_SIZE];
	const char		*out;
	enum err		 e = ERR_IO;

	*hash = NULL;
	if (crypt_gensalt_rn("$y$", 0, NULL, 0, salt, sizeof(salt)) == NULL)
		return ERR_IO;
	if ((cd = calloc(1, sizeof(*cd))) == NULL)
		abort();
	out = crypt_rn(password, salt, cd, sizeof(*cd));
	if (out != NULL && out[0] != '*') {
		*hash = arena_strdup(a, out);
		e = ERR_OK;
	}
	explicit_bzero(cd, sizeof(*cd));
	free(cd);
	return e;
}

enum err
auth_session_new(const struct conf *c, struct store *s, const char *user,
    time_t now, struct session *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (strlen(user) > LIM_USER_MAX)
		return ERR_INVALID;
	rand_hex(ss->id, LIM_SESSION_ID_LEN);
	rand_hex(ss->csrf, LIM_CSRF_LEN);
	strcpy(ss->user, user);
	ss->created = now;
	ss->expires = now + c->session_lifetime;
	return store_session_put(s, ss);
}

enum err
auth_users_replace(const char *path, const char *user, const char *hash,
    const char *email)
{
	struct arena	 a;
	struct buf	 b;
	const char	*p, *eol, *old;
	char		*data;
	size_t		 len, ul = strlen(user), hl;
	int		 found = 0;
	enum err	 e;

	if (!auth_user_valid(user) || (email != NULL &&
	    (strlen(email) > LIM_EMAIL_MAX || strpbrk(email, ":\r\n ") != NULL)))
		return ERR_INVALID;
	arena_init(&a);
	e = store_file_read(&a, path, LIM_USERS_FILE_MAX, &data, &len);
	if (e == ERR_NOTFOUND) {
		data = arena_strdup(&a, "");
		len = 0;
	} else if (e != ERR_OK)
		goto out;
	buf_init(&b, &a);
	buf_add(&b, "", 0);
	for (p = data; *p != '\0'; p = *eol == '\0' ? eol : eol + 1) {
		if ((eol = strchr(p, '\n')) == NULL)
			eol = p + strlen(p);
		if ((size_t)(eol - p) > ul && strncmp(p, user, ul) == 0 &&
		    p[ul] == ':') {
			found = 1;
			if (hash == NULL)
				continue;
			/* Keep the address unless a new one is given. */
			old = p + ul + 1;
			hl = strcspn(old, ":\n");
			if (email == NULL && old[hl] == ':')
				email = arena_strndup(&a, old + hl + 1,
				    strcspn(old + hl + 1, ":\n"));
			buf_printf(&b, "%s:%s%s%s\n", user,
			    hash[0] == '\0' ? arena_strndup(&a, old, hl) : hash,
			    email != NULL && email[0] != '\0' ? ":" : "",
			    email != NULL ? email : "");
			continue;
		}
		buf_add(&b, p, (size_t)(eol - p));
		buf_putc(&b, '\n');
	}
	if (!found && (hash == NULL || hash[0] == '\0')) {
		e = ERR_NOTFOUND;
		goto out;
	}
	if (!found)
		buf_printf(&b, "%s:%s%s%s\n", user, hash,
		    email != NULL && email[0] != '\0' ? ":" : "",
		    email != NULL ? email : "");
	e = store_file_replace(path, b.data, b.len, 0640);
out:
	arena_free(&a);
	return e;
}
