/*
 * msg.h: the message table, the one place for interface text that the C
 * code chooses (errors, notices, field problems, mails, the names of
 * states, roles and months, dates).  Everything else a user reads sits in
 * the templates in www/templates.
 *
 * The tables in msg.c hold the English source text; translations come
 * from the catalogues (i18n.h), where the English text is the msgid.  A
 * message is looked up by id and comes back in the current request's
 * language, or in the language asked for (a mail goes out in its
 * recipient's).  Messages are plain text and are escaped where they are
 * shown; {{name}} placeholders are filled with i18n_expand().
 */
#ifndef PR_MSG_H
#define PR_MSG_H

#include <time.h>

#include "arena.h"
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
	MSG_SETTINGS_SAVED,
	MSG_CHECK_CONF,
	MSG_CHECK_CONF_OK,
	MSG_CHECK_DATA,
	MSG_CHECK_DATA_OK,
	MSG_CHECK_DATA_FULL,
	MSG_CHECK_DATA_RO,
	MSG_CHECK_DISK,
	MSG_CHECK_DISK_OK,
	MSG_CHECK_DISK_LOW,
	MSG_CHECK_DISK_UNKNOWN,
	MSG_CHECK_TEMPLATES,
	MSG_CHECK_TEMPLATES_OK,
	MSG_CHECK_CATALOGUES,
	MSG_CHECK_CATALOGUES_OK,
	MSG_CHECK_CATALOGUES_NODEF,
	MSG_CHECK_MAGIC,
	MSG_CHECK_MAGIC_OK,
	MSG_CHECK_MAGIC_BAD,
	MSG_CHECK_MAGIC_OWN,
	MSG_CHECK_CLOCK,
	MSG_CHECK_CLOCK_OK,
	MSG_CHECK_CLOCK_BAD,
	MSG_CHECK_MAIL,
	MSG_CHECK_MAIL_OFF,
	MSG_CHECK_MAIL_OK,
	MSG_CHECK_MAIL_BAD,
	MSG_CHECK_USERS,
	MSG_CHECK_USERS_OK,
	MSG_CHECK_USERS_BAD,
	MSG__COUNT
};

/*
 * msg_get() returns the sentence for id in the current language;
 * msg_get_in() in language lang (NULL: the current one).  Long-lived
 * strings.
 */
const char	*msg_get(enum msg);
const char	*msg_get_in(const char *lang, enum msg);

/*
 * msg_tr() translates one of the C code's other texts, given in English:
 * a state or role name, a field label, a file type, a size pattern.
 * msg_tr_in() does it into language lang (NULL: the current one).
 */
const char	*msg_tr(const char *english);
const char	*msg_tr_in(const char *lang, const char *english);

/*
 * msg_field_label() gives the label of a release field ("title" gives
 * "Title"), or of "attachments", in the current language; other names
 * come back as they are.
 */
const char	*msg_field_label(const char *field);

/*
 * msg_date() writes a date "YYYY-MM-DD" the way language lang (NULL: the
 * current one) writes it, "26 November 2026" or "26 novembre 2026"; a
 * malformed date comes back as it is.  msg_time() writes a moment with
 * its time of day in UTC: "26 November 2026, 14:05 UTC".  The month
 * names and the patterns come from the catalogue.  Arena strings.
 */
char		*msg_date(struct arena *, const char *lang, const char *iso);
char		*msg_time(struct arena *, const char *lang, time_t);

/* msg_lang_name() is the name language lang gives itself ("Français"). */
const char	*msg_lang_name(const char *lang);

/*
 * msg_each() calls fn with the key of every text the C code translates
 * (messages, error sentences, names, patterns), for the catalogue
 * checker; msg_known() is 1 if key is one of them.
 */
void		 msg_each(void (*fn)(void *, const char *key), void *arg);
int		 msg_known(const char *key);

/*
 * msg_field() returns the sentence for a problem with one form field,
 * given the error code a validator returned and the field's kind (one of
 * the FIELD_* values of release.h, or -1 for a generic field).
 */
const char	*msg_field(enum err, int kind);

#endif /* PR_MSG_H */
