/*
 * msg.c: the message table (English) and the error sentences.
 *
 * Every sentence the C code can show a user is here, so a translation has
 * one file to start from.  Error pages show only these fixed sentences,
 * never a submitted value, path or file name.
 */
#include <stddef.h>

#include "err.h"
#include "msg.h"
#include "release.h"

static const char *const messages[MSG__COUNT] = {
	[MSG_SAVED] = "Saved.",
	[MSG_CREATED] = "Draft created.",
	[MSG_DELETED] = "The draft was deleted.",
	[MSG_SIGNED_OUT] = "You are signed out.",
	[MSG_FORM_PROBLEMS] = "Nothing was saved: please correct the fields "
	    "marked below.",
	[MSG_STALE_EDIT] = "Someone else saved this release after you opened "
	    "it, so your changes were not saved. Your text is shown below; "
	    "the current version is one click away. Copy what you need, "
	    "then open the current version and apply your changes there.",
	[MSG_FIELD_REQUIRED] = "This field is required.",
	[MSG_FIELD_TOOLONG] = "This is too long.",
	[MSG_FIELD_UTF8] = "This contains characters that are not valid "
	    "UTF-8 text.",
	[MSG_FIELD_CTRL] = "This must be one line, without control "
	    "characters.",
	[MSG_FIELD_LANG] = "Choose one of the offered languages.",
	[MSG_FIELD_DATE] = "Enter a real date as YYYY-MM-DD.",
	[MSG_FIELD_ID] = "Choose a release from the list.",
	[MSG_FIELD_INVALID] = "This value is not valid.",
	[MSG_LOGIN_EXPIRED] = "Your session has expired. Sign in again.",
	[MSG_NOT_EDITABLE] = "This release cannot be edited in its current "
	    "state.",
	[MSG_DONE_SUBMIT] = "Sent for review.",
	[MSG_DONE_RECALL] = "Taken back from review; it is a draft again.",
	[MSG_DONE_APPROVE] = "Your approval is recorded.",
	[MSG_DONE_CHANGES] = "Sent back to the author with your comment.",
	[MSG_DONE_REJECT] = "Rejected. The release is closed and kept.",
	[MSG_DONE_PUBLISH] = "Published.",
	[MSG_DONE_WITHDRAW] = "Withdrawn from the public site.",
	[MSG_DONE_RESTORE] = "Back on the public site.",
	[MSG_ALREADY_APPROVED] = "Nothing was changed: this release is no "
	    "longer waiting for review. Approved by:",
	[MSG_ALREADY_YOURS] = "Nothing was changed: you have already approved "
	    "this revision.",
	[MSG_COMMENT_NEEDED] = "Nothing was changed: please say why, in the "
	    "comment.",
	[MSG_STALE_REVIEW] = "Nothing was changed: the text changed after you "
	    "opened this page. Read the current revision below, then decide "
	    "again.",
	[MSG_STATE_CHANGED] = "Nothing was changed: someone changed this "
	    "release's state after you opened this page. Its current state "
	    "is shown below.",
	[MSG_NOT_ALLOWED] = "Nothing was changed: you may not do this to this "
	    "release.",
	[MSG_BAD_TIME] = "Nothing was changed: enter the publication time as "
	    "a date and time (UTC), or leave it empty for now.",
	[MSG_CORRECTION_NOW] = "Nothing was changed: a correction goes online "
	    "at once (the current text stays online until then), so leave the "
	    "publication time empty.",
	[MSG_MAIL_WAITING] = "Waiting for your review",
	[MSG_MAIL_BY] = "By: ",
	[MSG_MAIL_STATE] = "Now",
	[MSG_MAIL_APPROVAL] = "One approval of your release",
	[MSG_MAIL_APPROVED] = "Your release is approved",
	[MSG_MAIL_CHANGES] = "Changes requested on your release",
	[MSG_MAIL_REJECTED] = "Your release was rejected",
	[MSG_MAIL_PUBLISHED] = "Your release is published",
	[MSG_MAIL_WITHDRAWN] = "Your release was withdrawn",
	[MSG_MAIL_RESTORED] = "Your release is back online",
	[MSG_MAIL_CHANGED] = "Your release changed",
	[MSG_EV_CREATED] = "created",
	[MSG_EV_SAVED] = "saved",
	[MSG_EV_EDITED] = "edited",
	[MSG_EV_SUBMITTED] = "submitted for review",
	[MSG_EV_RECALLED] = "taken back to draft",
	[MSG_EV_APPROVED] = "approved",
	[MSG_EV_CHANGES] = "changes requested",
	[MSG_EV_REJECTED] = "rejected",
	[MSG_EV_PUBLISHED] = "published",
	[MSG_EV_WITHDRAWN] = "withdrawn",
	[MSG_EV_RESTORED] = "put back online",
	[MSG_UPLOADED] = "The files are attached.",
	[MSG_UPLOAD_EMPTY] = "The file is empty.",
	[MSG_UPLOAD_UNREADABLE] = "The file could not be examined.",
	[MSG_UPLOAD_TYPE] = "This kind of file cannot be attached.",
	[MSG_UPLOAD_EXTENSION] = "The end of the file's name does not match "
	    "what the file really is. Rename it to end with one of:",
	[MSG_UPLOAD_TOOBIG] = "Nothing was attached: the upload is larger "
	    "than this site accepts (per file, or for all the release's "
	    "files together).",
	[MSG_UPLOAD_TOOMANY] = "Nothing was attached: that would be more "
	    "files than a release may have, or than one upload may carry.",
	[MSG_UPLOAD_DISK] = "Nothing was attached: the server could not "
	    "store the files (its disk may be full). Please tell the site's "
	    "admin.",
	[MSG_UPLOAD_NOFILE] = "Nothing was attached: choose at least one "
	    "file.",
	[MSG_UPLOAD_REFUSED] = "Nothing was attached: some files cannot be "
	    "accepted. Each is listed below with the reason.",
	[MSG_UPLOAD_ALLOWED] = "Allowed: JPEG, PNG, WebP and GIF images; PDF; "
	    "Word, Excel and PowerPoint (.docx, .xlsx, .pptx); OpenDocument "
	    "(.odt, .ods, .odp); plain text and CSV.",
	[MSG_ATTACH_SAVED] = "The attachment is updated.",
	[MSG_ATTACH_REMOVED] = "The attachment is removed.",
	[MSG_TYPO_SPACE_BEFORE] = "A plain space: French wants a non-breaking "
	    "space (U+00A0) or a narrow one (U+202F) before : ; ! ? and », "
	    "and after «, so that the sign never starts a line.",
	[MSG_TYPO_NO_SPACE] = "No space: French wants a non-breaking space "
	    "(U+00A0) or a narrow one (U+202F) before : ; ! ? and », and "
	    "after «.",
	[MSG_TYPO_STRAIGHT_APOSTROPHE] = "A straight apostrophe (') in a text "
	    "that otherwise uses the typographic one (’).",
	[MSG_TYPO_HYPHEN_DASH] = "A hyphen used as a dash: French wants an en "
	    "dash (–) or an em dash (—) here.",
};

static const struct {
	const char	*name;
	int		 status;
	const char	*text;
} errors[ERR__COUNT] = {
	[ERR_OK] = { "ERR_OK", 200, "Done." },
	[ERR_NOMEM] = { "ERR_NOMEM", 500, "The server ran out of memory." },
	[ERR_IO] = { "ERR_IO", 500, "The server could not read or write its "
	    "data. Nothing was changed. Please try again later." },
	[ERR_NOTFOUND] = { "ERR_NOTFOUND", 404, "There is no such page or "
	    "release." },
	[ERR_STALE] = { "ERR_STALE", 409, "Someone else saved this release "
	    "in between; nothing was overwritten." },
	[ERR_INVALID] = { "ERR_INVALID", 400, "A value in the request is not "
	    "valid." },
	[ERR_TOOBIG] = { "ERR_TOOBIG", 413, "The request is larger than this "
	    "site accepts." },
	[ERR_UTF8] = { "ERR_UTF8", 400, "The request contains text that is "
	    "not valid UTF-8." },
	[ERR_CTRL] = { "ERR_CTRL", 400, "The request contains control "
	    "characters where none are allowed." },
	[ERR_ESCAPE] = { "ERR_ESCAPE", 400, "The request contains a malformed "
	    "percent escape." },
	[ERR_TOOMANY] = { "ERR_TOOMANY", 400, "The request has too many "
	    "fields, or a field repeated." },
	[ERR_CSRF] = { "ERR_CSRF", 403, "This form has expired or did not "
	    "come from this site. Nothing was changed. Go back, reload the "
	    "page and try again." },
	[ERR_LOGIN] = { "ERR_LOGIN", 403, "Wrong user name or password." },
	[ERR_THROTTLE] = { "ERR_THROTTLE", 429, "Too many failed sign-ins for "
	    "this user. Wait a minute, then try again." },
	[ERR_HASH] = { "ERR_HASH", 403, "This account's password is stored "
	    "in a format this site does not accept. Ask the site's admin to "
	    "set it again with \"htpasswd -B\" (bcrypt) or \"pressroom-admin "
	    "user passwd\"." },
	[ERR_NOSESSION] = { "ERR_NOSESSION", 401, "You are not signed in, or "
	    "your session has expired. Sign in again." },
	[ERR_FORBIDDEN] = { "ERR_FORBIDDEN", 403, "You are not allowed to do "
	    "this." },
	[ERR_METHOD] = { "ERR_METHOD", 405, "This page does not accept this "
	    "kind of request." },
	[ERR_BADREQ] = { "ERR_BADREQ", 400, "The request is malformed." },
	[ERR_LENGTH] = { "ERR_LENGTH", 411, "The request has a missing or "
	    "invalid Content-Length." },
	[ERR_SHORTBODY] = { "ERR_SHORTBODY", 400, "The request body ended "
	    "before its announced length." },
	[ERR_CONF] = { "ERR_CONF", 500, "The site is misconfigured." },
	[ERR_CORRUPT] = { "ERR_CORRUPT", 500, "A stored file could not be "
	    "read. The site's admin can find it with \"pressroom-admin "
	    "check\"." },
	[ERR_EXISTS] = { "ERR_EXISTS", 409, "This already exists." },
	[ERR_STATE] = { "ERR_STATE", 409, "This is not possible in the "
	    "release's current state." },
	[ERR_BUSY] = { "ERR_BUSY", 503, "The archive is being re-indexed. "
	    "Please try again in a minute." },
};

const char *
msg_get(enum msg m)
{
	if ((unsigned)m >= MSG__COUNT || messages[m] == NULL)
		return "";
	return messages[m];
}

const char *
msg_field(enum err e, int kind)
{
	switch (e) {
	case ERR_TOOBIG:
		return messages[MSG_FIELD_TOOLONG];
	case ERR_UTF8:
		return messages[MSG_FIELD_UTF8];
	case ERR_CTRL:
		return messages[MSG_FIELD_CTRL];
	case ERR_INVALID:
		if (kind == FIELD_LANG)
			return messages[MSG_FIELD_LANG];
		if (kind == FIELD_DATE)
			return messages[MSG_FIELD_DATE];
		if (kind == FIELD_ID)
			return messages[MSG_FIELD_ID];
		return messages[MSG_FIELD_INVALID];
	default:
		return messages[MSG_FIELD_INVALID];
	}
}

const char *
err_msg(enum err e)
{
	if ((unsigned)e >= ERR__COUNT)
		e = ERR_IO;
	return errors[e].text;
}

int
err_status(enum err e)
{
	if ((unsigned)e >= ERR__COUNT)
		return 500;
	return errors[e].status;
}

const char *
err_name(enum err e)
{
	if ((unsigned)e >= ERR__COUNT)
		return "ERR_?";
	return errors[e].name;
}
