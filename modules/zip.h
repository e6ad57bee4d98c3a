/*
 * zip.h: a ZIP archive written straight to the response, as it is made.
 *
 * Small texts are deflated in memory (zlib, raw deflate); files are stored
 * as they are (photos and PDFs are compressed already), their CRC computed
 * in a first read, so every entry's sizes are known before its data and no
 * temporary copy of the archive is ever made.  Without ZIP64: entries and
 * the whole archive stay under 4 GiB.
 */
#ifndef PR_ZIP_H
#define PR_ZIP_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "err.h"
#include "req.h"

struct zip {
	struct req	*r;
	struct buf	 central;	/* the central directory, built as we go */
	uint64_t	 offset;	/* bytes written so far */
	unsigned	 count;
	uint16_t	 dos_time, dos_date;
};

/* zip_begin() starts an archive on r's response (headers already sent). */
void		 zip_begin(struct zip *, struct req *, time_t mtime);

/*
 * zip_add_data() adds an entry made from memory, deflated; zip_add_file()
 * one from an open file of size bytes, stored.  name is UTF-8.  ERR_IO
 * if the client went away or the file could not be read, ERR_TOOBIG past
 * the 4 GiB limits.
 */
enum err	 zip_add_data(struct zip *, const char *name, const void *data,
		    size_t len);
enum err	 zip_add_file(struct zip *, const char *name, int fd, off_t size);

/* zip_end() writes the central directory and the end record. */
enum err	 zip_end(struct zip *);

#endif /* PR_ZIP_H */
