/*
 * lim.h: every size and count limit of the press room, in one place.
 *
 * Handlers and parsers never use bare numbers for limits; they name one of
 * these.  Limits that a site may change live in the configuration (conf.h)
 * and default to the values here.
 */
#ifndef PR_LIM_H
#define PR_LIM_H

/* Request layer. */
#define LIM_BODY_MAX		(1024 * 1024)	/* urlencoded POST body, bytes */
#define LIM_QUERY_MAX		8192		/* query string, bytes */
#define LIM_COOKIE_MAX		4096		/* Cookie header, bytes */
#define LIM_PARAMS_MAX		256		/* name=value pairs per request */
#define LIM_NAME_MAX		64		/* a field or cookie name, bytes */
#define LIM_ENV_VALUE_MAX	8192		/* one CGI variable, bytes */
#define LIM_PATH_MAX		512		/* PATH_INFO, bytes */
#define LIM_ACCEPT_LANGUAGE_MAX	4096		/* longer: ignored, not refused */

/* Release fields, in bytes of UTF-8 (not characters). */
#define LIM_TITLE_MAX		300
#define LIM_SUBTITLE_MAX	500
#define LIM_LEAD_MAX		4000
#define LIM_BODY_TEXT_MAX	100000
#define LIM_CONTACTS_MAX	4000
#define LIM_CITY_MAX		100
#define LIM_TOPICS_MAX		300
#define LIM_TOPIC_MAX		60
#define LIM_LANG_MAX		8
#define LIM_UI_LANG_MAX		35		/* an interface language tag */
#define LIM_RELEASE_FILE_MAX	(256 * 1024)	/* a whole release file */

/* Accounts and sessions. */
#define LIM_USER_MAX		64		/* user name, bytes */
#define LIM_PASSWORD_MAX	1024		/* password, bytes */
#define LIM_EMAIL_MAX		254		/* an e-mail address, bytes */
#define LIM_USERS_FILE_MAX	(1024 * 1024)	/* the users file */
#define LIM_SESSION_ID_LEN	64		/* hex digits: 256 random bits */
#define LIM_CSRF_LEN		64		/* hex digits: 256 random bits */
#define LIM_SESSION_ID_LEN_BUF	(LIM_SESSION_ID_LEN + 1)
#define LIM_CSRF_LEN_BUF	(LIM_CSRF_LEN + 1)

/* Configuration. */
#define LIM_CONF_FILE_MAX	(64 * 1024)
#define LIM_CONF_LINE_MAX	1024

/* Templates. */
#define LIM_TEMPLATE_MAX	(256 * 1024)
#define LIM_TEMPLATE_DEPTH	8		/* nested sections */

/* Uploads (the other upload limits are settings, conf.h). */
#define LIM_PREAMBLE_MAX	(64 * 1024)	/* bytes before the first boundary */

/* Store. */
#define LIM_HISTORY_COMMENT_MAX	2000
#define LIM_LIST_MAX		10000		/* releases listed on one page */

#endif /* PR_LIM_H */
