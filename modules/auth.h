/*
 * auth.h: users, passwords, sessions, CSRF tokens and sign-in throttling.
 *
 * Users live in an htpasswd-format file ("name:hash" lines) so that
 * `htpasswd -B` works; hashes are checked with crypt(3) from libxcrypt.
 * Sessions are server-side files (store.h) named by 256 random bits.
 */
#ifndef PR_AUTH_H
#define PR_AUTH_H

#include <stddef.h>
#include <time.h>

#include "arena.h"
#include "conf.h"
#include "err.h"
#include "store.h"

#define AUTH_COOKIE	"pr_session"
#define AUTH_PRE_COOKIE	"pr_login"	/* login-form CSRF, before a session */

/*
 * auth_user_valid() is 1 for a well-formed user name: 1 to LIM_USER_MAX
 * letters, digits and . _ @ -, not starting with a dot.
 */
int		 auth_user_valid(const char *);

/*
 * auth_hash_kind_ok() is 1 for hashes this site accepts (bcrypt $2a$ $2b$
 * $2y$, yescrypt $y$, gost-yescrypt $gy$, scrypt $7$, SHA-crypt $5$ $6$);
 * 0 for others ($apr1$, {SHA}, plain DES, text).
 */
int		 auth_hash_kind_ok(const char *hash);

/*
 * auth_users_lookup() finds user's hash in the users file (re-read only
 * when the file changed).  Returns ERR_OK and copies the hash into the
 * arena, ERR_NOTFOUND for no such user, ERR_IO if the file is unreadable.
 */
enum err	 auth_users_lookup(const char *users_file, struct arena *,
		    const char *user, char **hash);

/*
 * auth_user_email() gives the user's e-mail address, the users file's
 * optional third field ("name:hash:address"), or NULL if none (arena).
 */
const char	*auth_user_email(const char *users_file, struct arena *,
		    const char *user);

/*
 * auth_users_names() lists every user name in the users file (arena
 * array, *n entries).  ERR_IO if the file is unreadable.
 */
enum err	 auth_users_names(const char *users_file, struct arena *,
		    const char ***names, size_t *n);

/*
 * auth_check_password() verifies password against the user's stored hash.
 * An unknown user costs the same time as a known one.  ERR_OK, ERR_LOGIN
 * (unknown user or wrong password), ERR_HASH (unsupported hash kind, the
 * password was not checked), ERR_THROTTLE (too many recent failures: not
 * checked; *wait says how many seconds remain), ERR_IO.
 */
enum err	 auth_check_password(const struct conf *, struct store *,
		    struct arena *, const char *user, const char *password,
		    time_t now, long *wait);

/*
 * auth_hash_password() makes a new yescrypt hash (crypt_gensalt with
 * random salt) for the users file; the result is in the arena.
 */
enum err	 auth_hash_password(struct arena *, const char *password,
		    char **hash);

/*
 * auth_session_new() creates and stores a new session for user with fresh
 * random id and CSRF token, expiring after the configured lifetime.
 */
enum err	 auth_session_new(const struct conf *, struct store *,
		    const char *user, time_t now, struct session *);

/* auth_token_equal() compares two tokens in constant time. */
int		 auth_token_equal(const char *, const char *);

/*
 * auth_users_replace() rewrites the users file with user set to hash,
 * atomically: hash NULL removes the user, hash "" keeps the current hash
 * (to change only the address).  The e-mail address is kept unless email
 * is not NULL ("" removes it).  ERR_NOTFOUND for an absent user when
 * removing or keeping the hash; ERR_INVALID for a bad name or address.
 */
enum err	 auth_users_replace(const char *users_file, const char *user,
		    const char *hash, const char *email);

#endif /* PR_AUTH_H */
