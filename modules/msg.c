/*
 * msg.c: the message table (English), the error sentences, and dates.
 *
 * Every text the C code can show a user is here, in English, which is
 * also its msgid in the catalogues (the .po files of www/locale): the
 * catalogue checker (pressroom-admin catalogue check) walks these tables,
 * so a text added here and forgotten in a catalogue fails the build.
 * Error pages show only these fixed sentences, never a submitted value,
 * path or file name.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "i18n.h"
#include "msg.h"
#include "release.h"

/* Keys with a context: "context\004msgid" (see i18n.h). */
#define K_DATE		"date pattern" I18N_CTX "{{day}} {{month}} {{year}}"
#define K_TIME		"time pattern" I18N_CTX "{{date}}, {{time}} UTC"
#define K_DAY1		"day of the month" I18N_CTX "1"
#define K_DECIMAL	"decimal separator" I18N_CTX "."
#define K_LANG_NAME	"language name" I18N_CTX "English"

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
	[MSG_MAIL_WAITING] = "Waiting for your review: {{title}}",
	[MSG_MAIL_BY] = "By: {{user}}",
	[MSG_MAIL_STATE] = "Now: {{state}}",
	[MSG_MAIL_APPROVAL] = "One approval of your release: {{title}}",
	[MSG_MAIL_APPROVED] = "Your release is approved: {{title}}",
	[MSG_MAIL_CHANGES] = "Changes requested on your release: {{title}}",
	[MSG_MAIL_REJECTED] = "Your release was rejected: {{title}}",
	[MSG_MAIL_PUBLISHED] = "Your release is published: {{title}}",
	[MSG_MAIL_WITHDRAWN] = "Your release was withdrawn: {{title}}",
	[MSG_MAIL_RESTORED] = "Your release is back online: {{title}}",
	[MSG_MAIL_CHANGED] = "Your release changed: {{title}}",
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
	[MSG_SETTINGS_SAVED] = "Your settings are saved.",
	/* The self-check: what is checked, and printf(3) formats. */
	[MSG_CHECK_CONF] = "configuration",
	[MSG_CHECK_CONF_OK] = "%s parses",
	[MSG_CHECK_DATA] = "data directory",
	[MSG_CHECK_DATA_OK] = "%s can be written",
	[MSG_CHECK_DATA_FULL] = "%s: a file could be made but not written "
	    "(disk full?)",
	[MSG_CHECK_DATA_RO] = "%s cannot be written by this user (%d); give "
	    "it to the user the programs run as",
	[MSG_CHECK_DISK] = "free disk space",
	[MSG_CHECK_DISK_OK] = "%lld MB free where the data directory is",
	[MSG_CHECK_DISK_LOW] = "%lld MB free where the data directory is: "
	    "uploads will soon fail",
	[MSG_CHECK_DISK_UNKNOWN] = "cannot be measured: %s",
	[MSG_CHECK_TEMPLATES] = "templates",
	[MSG_CHECK_TEMPLATES_OK] = "%s load",
	[MSG_CHECK_CATALOGUES] = "catalogues",
	[MSG_CHECK_CATALOGUES_OK] = "%s has catalogues for: %s",
	[MSG_CHECK_CATALOGUES_NODEF] = "%s has no catalogue for "
	    "interface_language %s",
	[MSG_CHECK_MAGIC] = "magic database",
	[MSG_CHECK_MAGIC_OK] = "%s loads (libmagic %d)",
	[MSG_CHECK_MAGIC_BAD] = "%s does not load: %s; set magic_database to "
	    "the magic.mgc shipped with the programs",
	[MSG_CHECK_MAGIC_OWN] = "libmagic's own database",
	[MSG_CHECK_CLOCK] = "clock",
	[MSG_CHECK_CLOCK_OK] = "the clock reads %lld (Unix time): plausible",
	[MSG_CHECK_CLOCK_BAD] = "the clock reads %lld (Unix time), which is in "
	    "the past: embargoes would end at the wrong time",
	[MSG_CHECK_MAIL] = "mail",
	[MSG_CHECK_MAIL_OFF] = "off (mail_command is empty)",
	[MSG_CHECK_MAIL_OK] = "the command exists",
	[MSG_CHECK_MAIL_BAD] = "the command in mail_command is not an "
	    "executable file",
	[MSG_CHECK_USERS] = "users file",
	[MSG_CHECK_USERS_OK] = "%s is readable",
	[MSG_CHECK_USERS_BAD] = "%s cannot be read: nobody can sign in",
};

/*
 * The C code's other texts, looked up by their English: state and role
 * names (the msgid is the name itself, so English pages show them as
 * they are stored), field labels, file types, sizes, months, and the
 * patterns of dates, each with a context that tells a translator what it
 * is.
 */
static const char *const words[] = {
	"draft", "review", "changes", "approved", "published", "rejected",
	"withdrawn", "scheduled", "online",
	"editor", "approver", "admin",
	"Title", "Subtitle", "Lead paragraph", "Body", "Language",
	"Dateline city", "Release date", "Topics", "Contacts block",
	"Translation of", "Attachments",
	"JPEG image", "PNG image", "WebP image", "GIF image", "PDF document",
	"Word document", "Excel spreadsheet", "PowerPoint presentation",
	"OpenDocument text", "OpenDocument spreadsheet",
	"OpenDocument presentation", "plain text", "CSV table",
	"{{size}} bytes", "{{size}} kB", "{{size}} MB", "{{size}} GB",
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
	K_DATE, K_TIME, K_DAY1, K_DECIMAL, K_LANG_NAME,
};

/* Field names and their labels, for the diff and the typography list. */
static const struct {
	const char	*field;
	const char	*label;
} field_labels[] = {
	{ "title", "Title" },
	{ "subtitle", "Subtitle" },
	{ "lead", "Lead paragraph" },
	{ "body", "Body" },
	{ "lang", "Language" },
	{ "city", "Dateline city" },
	{ "date", "Release date" },
	{ "topics", "Topics" },
	{ "contacts", "Contacts block" },
	{ "translation_of", "Translation of" },
	{ "attachments", "Attachments" },
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
	[ERR_LANG] = { "ERR_LANG", 400, "This site's interface is not "
	    "available in that language." },
};

const char *
msg_get_in(const char *lang, enum msg m)
{
	if ((unsigned)m >= MSG__COUNT || messages[m] == NULL)
		return "";
	return i18n_tr_in(lang == NULL ? i18n_lang() : lang, messages[m]);
}

const char *
msg_get(enum msg m)
{
	return msg_get_in(NULL, m);
}

const char *
msg_tr_in(const char *lang, const char *english)
{
	return i18n_tr_in(lang == NULL ? i18n_lang() : lang, english);
}

const char *
msg_tr(const char *english)
{
	return msg_tr_in(NULL, english);
}

const char *
msg_field_label(const char *field)
{
	size_t	 i;

	for (i = 0; i < sizeof(field_labels) / sizeof(field_labels[0]); i++)
		if (strcmp(field, field_labels[i].field) == 0)
			return msg_tr(field_labels[i].label);
	return field;
}

const char *
msg_lang_name(const char *lang)
{
	return msg_tr_in(lang, K_LANG_NAME);
}

char *
msg_date(struct arena *a, const char *lang, const char *iso)
{
	static const char *const months[] = {
		"January", "February", "March", "April", "May", "June",
		"July", "August", "September", "October", "November",
		"December"
	};
	const char	*kv[7];
	char		 day[16], year[16];
	int		 y, m, d;

	if (lang == NULL)
		lang = i18n_lang();
	/* Not a date of the calendar (release.c's rule): left as it is. */
	if (iso == NULL || !release_date_valid(iso) ||
	    sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return arena_strdup(a, iso == NULL ? "" : iso);
	snprintf(day, sizeof(day), "%d", d);
	snprintf(year, sizeof(year), "%d", y);
	kv[0] = "day";
	kv[1] = d == 1 ? i18n_tr_in(lang, K_DAY1) : day;
	kv[2] = "month";
	kv[3] = i18n_tr_in(lang, months[m - 1]);
	kv[4] = "year";
	kv[5] = year;
	kv[6] = NULL;
	return i18n_expand(a, i18n_tr_in(lang, K_DATE), kv);
}

char *
msg_time(struct arena *a, const char *lang, time_t t)
{
	struct tm	 tm;
	const char	*kv[5];
	char		 iso[16], hm[8];

	if (lang == NULL)
		lang = i18n_lang();
	gmtime_r(&t, &tm);
	if (strftime(iso, sizeof(iso), "%Y-%m-%d", &tm) == 0 ||
	    strftime(hm, sizeof(hm), "%H:%M", &tm) == 0)
		return arena_strdup(a, "");
	kv[0] = "date";
	kv[1] = msg_date(a, lang, iso);
	kv[2] = "time";
	kv[3] = hm;
	kv[4] = NULL;
	return i18n_expand(a, i18n_tr_in(lang, K_TIME), kv);
}

void
msg_each(void (*fn)(void *, const char *), void *arg)
{
	size_t	 i;

	for (i = 0; i < MSG__COUNT; i++)
		if (messages[i] != NULL)
			fn(arg, messages[i]);
	for (i = 0; i < ERR__COUNT; i++)
		fn(arg, errors[i].text);
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		fn(arg, words[i]);
}

struct known {
	const char	*key;
	int		 found;
};

static void
known_fn(void *arg, const char *key)
{
	struct known	*k = arg;

	if (strcmp(k->key, key) == 0)
		k->found = 1;
}

int
msg_known(const char *key)
{
	struct known	 k = { key, 0 };

	msg_each(known_fn, &k);
	return k.found;
}

const char *
msg_field(enum err e, int kind)
{
	enum msg	 m;

	switch (e) {
	case ERR_TOOBIG:
		m = MSG_FIELD_TOOLONG;
		break;
	case ERR_UTF8:
		m = MSG_FIELD_UTF8;
		break;
	case ERR_CTRL:
		m = MSG_FIELD_CTRL;
		break;
	case ERR_INVALID:
		m = kind == FIELD_LANG ? MSG_FIELD_LANG :
		    kind == FIELD_DATE ? MSG_FIELD_DATE :
		    kind == FIELD_ID ? MSG_FIELD_ID : MSG_FIELD_INVALID;
		break;
	default:
		m = MSG_FIELD_INVALID;
		break;
	}
	return msg_get(m);
}

const char *
err_msg(enum err e)
{
	if ((unsigned)e >= ERR__COUNT)
		e = ERR_IO;
	return i18n_tr(errors[e].text);
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
