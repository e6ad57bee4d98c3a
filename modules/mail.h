/*
 * mail.h: notifications through the standard sendmail interface.
 *
 * The command is the mail_command setting (empty: no mail), run by
 * /bin/sh with the message on its standard input, as sendmail -t reads
 * it: recipients come from the To: header.  A failure is logged and never
 * fails the change that caused it: the change is already stored.
 */
#ifndef PR_MAIL_H
#define PR_MAIL_H

#include <stddef.h>

#include "arena.h"
#include "conf.h"
#include "err.h"

/*
 * mail_send() sends one plain-text UTF-8 message to the addresses in to
 * (n of them; none: nothing is sent).  Subject and body are UTF-8 text;
 * the subject is encoded for the header (RFC 2047).  Returns ERR_OK, or
 * ERR_IO if the command could not be run or exited non-zero.
 */
enum err	 mail_send(const struct conf *, struct arena *,
		    const char *const *to, size_t n, const char *subject,
		    const char *body);

#endif /* PR_MAIL_H */
