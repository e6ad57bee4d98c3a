/*
 * attach.h: a release's attachments: the list, file types, names, limits.
 *
 * A release lists its attachments in its Attachments header, one line
 * each, tab-separated: id, size, type, width, height, name, caption,
 * credit.  The list is part of the release's text, so adding, removing,
 * reordering or re-captioning makes a new revision, which approvers see
 * and approve like any other change.  The bytes live in files named by
 * the id (store.h), which never change once written.
 */
#ifndef PR_ATTACH_H
#define PR_ATTACH_H

#include <stddef.h>
#include <sys/types.h>

#include "arena.h"
#include "conf.h"
#include "err.h"

#define ATTACH_ID_LEN		16	/* hex digits */
#define ATTACH_NAME_MAX		200	/* display name, bytes */
#define ATTACH_CAPTION_MAX	500	/* bytes */
#define ATTACH_CREDIT_MAX	200	/* bytes */

struct attachment {
	char		 id[ATTACH_ID_LEN + 1];
	off_t		 size;
	const char	*type;		/* MIME type, from libmagic */
	unsigned	 width, height;	/* images; 0 if unknown */
	const char	*name;		/* original name, cleaned */
	const char	*caption;
	const char	*credit;
};

/* attach_id_valid() is 1 for an attachment id as the store makes them. */
int		 attach_id_valid(const char *);

/*
 * attach_parse() reads an Attachments value into an arena array.
 * ERR_CORRUPT if a line does not have the eight fields or a field is
 * malformed.  attach_format() writes the list back (arena string).
 */
enum err	 attach_parse(struct arena *, const char *text,
		    struct attachment **out, size_t *n);
char		*attach_format(struct arena *, const struct attachment *,
		    size_t n);

/* attach_find() gives the index of id in the list, or -1. */
long		 attach_find(const struct attachment *, size_t n,
		    const char *id);

/*
 * attach_clean_name() makes the display name of an uploaded file: the
 * last path component (after '/' or '\'), without control characters,
 * bidirectional overrides or invalid UTF-8, at most ATTACH_NAME_MAX bytes
 * cut at a character boundary, never empty ("file").  Arena string.
 */
char		*attach_clean_name(struct arena *, const char *);

/*
 * attach_check_type() decides whether a file of detected MIME type may be
 * attached under name: the type must be in the configured allowlist and
 * the name's extension must be one that type uses.  ERR_OK, ERR_INVALID
 * (type not allowed) or ERR_BADREQ (extension does not match).
 */
enum err	 attach_check_type(const struct conf *, const char *type,
		    const char *name);

/*
 * attach_type_label() names a type in words, in the current language
 * ("PDF document", "JPEG image"); attach_type_extensions() lists its
 * extensions (".jpg, .jpeg").  Both long-lived strings; unknown types give
 * the type itself and "".
 */
const char	*attach_type_label(const char *type);
const char	*attach_type_extensions(const char *type);

/* attach_inline() is 1 for types a browser may show inline (images, PDF). */
int		 attach_inline(const char *type);

/*
 * attach_dimensions() reads the last "W x H" in libmagic's description of
 * an image ("PNG image data, 800 x 600, 8-bit/color RGB"; a JPEG's first
 * one is its density).  0 if none.
 */
int		 attach_dimensions(const char *description, unsigned *w,
		    unsigned *h);

/*
 * attach_size_label() writes "2.4 MB", "820 kB", "512 bytes" (arena), in
 * the current language ("2,4 Mo").
 */
char		*attach_size_label(struct arena *, off_t);

#endif /* PR_ATTACH_H */
