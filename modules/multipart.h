/*
 * multipart.h: a streaming multipart/form-data parser (RFC 7578, 2046).
 *
 * A state machine fed with chunks of any size, from one byte up: it never
 * holds a whole part, only the current part's headers (at most
 * mp_limits.header_max bytes) and a carry of fewer bytes than the
 * delimiter, so its memory does not grow with the upload.  The caller gets
 * each part's headers, then its data in pieces, then its end, through
 * callbacks; a callback returning non-zero stops the parse.
 */
#ifndef PR_MULTIPART_H
#define PR_MULTIPART_H

#include <stddef.h>

#include "err.h"

#define MP_BOUNDARY_MAX	70	/* RFC 2046 */
#define MP_NAME_MAX	256	/* a part's field name, bytes */
#define MP_FILENAME_MAX	1024	/* a part's filename, bytes */
#define MP_CTYPE_MAX	256	/* a part's Content-Type, bytes */

struct mp_limits {
	size_t	 header_max;	/* all header lines of one part, bytes */
	size_t	 parts_max;	/* parts in one body */
	size_t	 preamble_max;	/* bytes before the first boundary */
};

/* One part's headers, as parsed; strings are NUL-terminated copies. */
struct mp_part {
	char	 name[MP_NAME_MAX + 1];		/* Content-Disposition name */
	char	 filename[MP_FILENAME_MAX + 1];	/* "" if none was given */
	int	 has_filename;			/* a filename parameter was present */
	char	 content_type[MP_CTYPE_MAX + 1];	/* "" if none */
};

struct mp_callbacks {
	int	(*part_begin)(void *arg, const struct mp_part *);
	int	(*part_data)(void *arg, const char *data, size_t len);
	int	(*part_end)(void *arg);
};

struct mp_parser;	/* opaque; see mp_new() */

/*
 * mp_boundary() extracts the boundary from a Content-Type header value
 * ("multipart/form-data; boundary=xyz", the parameter may be quoted, case
 * of names ignored) into out (MP_BOUNDARY_MAX + 1 bytes).  ERR_BADREQ if
 * the type is not multipart/form-data or the boundary is missing, empty,
 * longer than 70 bytes or has characters RFC 2046 does not allow.
 */
enum err	 mp_boundary(const char *content_type, char *out);

/*
 * mp_new() makes a parser for one body (malloc'd, freed by mp_free()).
 * The boundary is the bare value (no leading dashes).  NULL for a boundary
 * mp_boundary() would refuse, missing limits, or no memory.  A name,
 * filename or content type too long for struct mp_part is ERR_BADREQ.
 */
struct mp_parser *mp_new(const char *boundary, const struct mp_limits *,
		    const struct mp_callbacks *, void *arg);
void		 mp_free(struct mp_parser *);

/*
 * mp_feed() parses the next len bytes.  It returns ERR_OK to go on, or
 * stops for good with: ERR_BADREQ (malformed body: no boundary where one
 * must be, a malformed or unterminated part header, a part without
 * Content-Disposition: form-data and a name, a Content-Transfer-Encoding
 * other than 7bit, 8bit or binary), ERR_TOOBIG (a part's headers over
 * header_max, or a preamble over preamble_max), ERR_TOOMANY (more than
 * parts_max parts), or ERR_INVALID when a callback returned non-zero.
 * After an error, further calls return the same error.
 */
enum err	 mp_feed(struct mp_parser *, const char *data, size_t len);

/*
 * mp_finish() is called at the end of the body: ERR_OK only if the closing
 * delimiter ("--boundary--") was seen (what follows it, the epilogue, is
 * ignored); ERR_BADREQ if the body ended early.  A part cut off by the end
 * of the body never gets part_end.
 */
enum err	 mp_finish(struct mp_parser *);

#endif /* PR_MULTIPART_H */
