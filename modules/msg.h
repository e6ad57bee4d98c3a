/*
 * msg.h: the message table, the one place for interface sentences that the
 * C code chooses (errors, notices, field problems).  Everything else a user
 * reads sits in the templates in www/templates.
 *
 * A message is looked up by id; the table in msg.c is what a translator
 * edits.  Messages are plain text and are escaped where they are shown.
 */
#ifndef PR_MSG_H
#define PR_MSG_H

#include "err.h"

enum msg {
	MSG_SAVED,
	MSG_CREATED,
	MSG_DELETED,
	MSG_SIGNED_OUT,
	MSG_FORM_PROBLEMS,
	MSG_STALE_EDIT,
	MSG_FIELD_REQUIRED,
	MSG_FIELD_TOOLONG,
	MSG_FIELD_UTF8,
	MSG_FIELD_CTRL,
	MSG_FIELD_LANG,
	MSG_FIELD_DATE,
	MSG_FIELD_ID,
	MSG_FIELD_INVALID,
	MSG_LOGIN_EXPIRED,
	MSG_NOT_EDITABLE,
	MSG__COUNT
};

/* msg_get() returns the sentence for id; static storage. */
const char	*msg_get(enum msg);

/*
 * msg_field() returns the sentence for a problem with one form field,
 * given the error code a validator returned and the field's kind (one of
 * the FIELD_* values of release.h, or -1 for a generic field).
 */
const char	*msg_field(enum err, int kind);

#endif /* PR_MSG_H */
