/*
 * utf8.h: validation of the text that users type into fields.
 *
 * Every text field goes through text_check_line() or text_check_block()
 * before it is stored or shown, so the rest of the press room may assume
 * strict UTF-8 without control characters (save LF and TAB in blocks).
 * Only text_sanitize() allocates; all functions run in time linear in len.
 */
#ifndef PR_UTF8_H
#define PR_UTF8_H

#include <stddef.h>

#include "arena.h"
#include "err.h"

/*
 * utf8_valid() returns 1 if s[0..len) is strict UTF-8 and 0 if not: no
 * overlong forms, no encoded surrogates (U+D800..U+DFFF), nothing above
 * U+10FFFF, no stray continuation byte and no truncated sequence.  NUL
 * bytes are valid here; callers check controls separately.
 */
int	 utf8_valid(const char *s, size_t len);

/*
 * text_check_line() checks a one-line field, in this order: ERR_TOOBIG if
 * len > max, ERR_UTF8 if not utf8_valid(), ERR_CTRL if it holds any C0
 * control (0x00-0x1F: NUL, TAB, CR and LF too), DEL (0x7F) or C1 control
 * (U+0080..U+009F).  Otherwise ERR_OK.  s is not modified.
 */
enum err text_check_line(const char *s, size_t len, size_t max);

/*
 * text_check_block() checks a multi-line field like text_check_line(),
 * except that LF and TAB are allowed.  CR is still ERR_CTRL: callers run
 * text_normalize_newlines() first.
 */
enum err text_check_block(const char *s, size_t len, size_t max);

/*
 * text_normalize_newlines() rewrites s in place, CRLF to LF and a lone CR
 * to LF, and returns the new length (never more than len).  It always
 * writes a NUL at the new end, so s must have room for len + 1 bytes.
 */
size_t	 text_normalize_newlines(char *s, size_t len);

/*
 * text_sanitize() returns a copy of s[0..len) that is safe to show back in
 * a form: every byte that does not start a valid UTF-8 sequence, and every
 * control character a check above would refuse (LF and TAB are kept when
 * block is 1), becomes U+FFFD.  The copy lives in the arena.
 */
char	*text_sanitize(struct arena *, const char *s, size_t len, int block);

#endif /* PR_UTF8_H */
