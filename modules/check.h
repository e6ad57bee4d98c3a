/*
 * check.h: the self-check an admin runs after installing: does this
 * configuration work on this machine?
 */
#ifndef PR_CHECK_H
#define PR_CHECK_H

#include <stddef.h>

#include "conf.h"
#include "store.h"

/* One finding: what was checked, whether it is fine, and details. */
struct finding {
	const char	*what;
	int		 ok;
	char		 detail[256];
};

#define CHECK_FINDINGS	9

/*
 * check_site() checks the configuration at hand: the data directory can
 * be written and has free space, the templates, the catalogues (with one
 * for interface_language) and the magic database load, the clock is sane, the mail command exists when mail is on, and
 * the users file is readable.  It fills at most CHECK_FINDINGS findings
 * and returns how many; the caller prints or renders them.  The texts
 * are in the current language (msg.h).
 */
size_t		 check_site(const struct conf *, struct store *,
		    struct finding *);

#endif /* PR_CHECK_H */
