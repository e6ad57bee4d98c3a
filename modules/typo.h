/*
 * typo.h: French typography warnings for the text of a release.
 *
 * The checker only points things out; it never changes a byte of the
 * text.  It is conservative: a warning is given only where French rules
 * are clear (a plain space or no space before : ; ! ? and », after «, a
 * straight apostrophe in a text that uses ’, a hyphen used as a dash), so
 * that URLs, times, numbers and compound words pass without a remark.
 */
#ifndef PR_TYPO_H
#define PR_TYPO_H

#include <stddef.h>

#include "msg.h"

/* Room for a short excerpt around a warning, in bytes with the NUL. */
#define TYPO_EXCERPT_MAX	160

enum typo_kind {
	TYPO_SPACE_BEFORE,		/* U+0020 before : ; ! ? », after « */
	TYPO_NO_SPACE,			/* no space at all where one is due */
	TYPO_STRAIGHT_APOSTROPHE,	/* ' in a text that also uses ’ */
	TYPO_HYPHEN_DASH		/* " - " used as a dash */
};

struct typo_warning {
	size_t		 offset;	/* byte offset of the spot in text */
	size_t		 line;		/* 1 for the first line */
	enum typo_kind	 kind;
	char		 excerpt[TYPO_EXCERPT_MAX]; /* same line, UTF-8 */
};

/*
 * typo_check_fr() checks the NUL-terminated French text and returns the
 * number of warnings found; the first max of them are stored in out (out
 * may be NULL when max is 0).  Warnings come in text order, at most one
 * per offset.  Pure and linear in the length of text, which is only read.
 */
size_t	 typo_check_fr(const char *text, struct typo_warning *out,
	    size_t max);

/*
 * typo_msg() returns the message id that says what French wants for a
 * warning of this kind, for display next to its excerpt.
 */
enum msg typo_msg(enum typo_kind);

#endif /* PR_TYPO_H */
