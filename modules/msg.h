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
	MSG_DONE_SUBMIT,
	MSG_DONE_RECALL,
	MSG_DONE_APPROVE,
	MSG_DONE_CHANGES,
	MSG_DONE_REJECT,
	MSG_DONE_PUBLISH,
	MSG_DONE_WITHDRAW,
	MSG_DONE_RESTORE,
	MSG_ALREADY_APPROVED,
	MSG_ALREADY_YOURS,
	MSG_COMMENT_NEEDED,
	MSG_STALE_REVIEW,
	MSG_STATE_CHANGED,
	MSG_NOT_ALLOWED,
	MSG_BAD_TIME,
	MSG_CORRECTION_NOW,
	MSG_MAIL_WAITING,
	MSG_MAIL_BY,
	MSG_MAIL_STATE,
	MSG_MAIL_APPROVAL,
	MSG_MAIL_APPROVED,
	MSG_MAIL_CHANGES,
	MSG_MAIL_REJECTED,
	MSG_MAIL_PUBLISHED,
	MSG_MAIL_WITHDRAWN,
	MSG_MAIL_RESTORED,
	MSG_MAIL_CHANGED,
	MSG_EV_CREATED,
	MSG_EV_SAVED,
	MSG_EV_EDITED,
	MSG_EV_SUBMITTED,
	MSG_EV_RECALLED,
	MSG_EV_APPROVED,
	MSG_EV_CHANGES,
	MSG_EV_REJECTED,
	MSG_EV_PUBLISHED,
	MSG_EV_WITHDRAWN,
	MSG_EV_RESTORED,
	MSG_UPLOADED,
	MSG_UPLOAD_EMPTY,
	MSG_UPLOAD_UNREADABLE,
	MSG_UPLOAD_TYPE,
	MSG_UPLOAD_EXTENSION,
	MSG_UPLOAD_TOOBIG,
	MSG_UPLOAD_TOOMANY,
	MSG_UPLOAD_DISK,
	MSG_UPLOAD_NOFILE,
	MSG_UPLOAD_REFUSED,
	MSG_UPLOAD_ALLOWED,
	MSG_ATTACH_SAVED,
	MSG_ATTACH_REMOVED,
	MSG_TYPO_SPACE_BEFORE,
	MSG_TYPO_NO_SPACE,
	MSG_TYPO_STRAIGHT_APOSTROPHE,
	MSG_TYPO_HYPHEN_DASH,
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
