/*
 * zip.c: streaming ZIP writer (PKWARE APPNOTE 6.3, without ZIP64).
 *
 * Each entry is written as local header + data, and its central-directory
 * record is kept in memory (a few dozen bytes per entry) until zip_end().
 * Names are flagged UTF-8 (general purpose bit 11).  All numbers are
 * little-endian, written byte by byte.
 */
#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <zlib.h>

#include "zip.h"

#define ZIP_LOCAL	0x04034b50u
#define ZIP_CENTRAL	0x02014b50u
#define ZIP_END		0x06054b50u
#define ZIP_VERSION	20
#define ZIP_UTF8	0x0800
#define ZIP_STORED	0
#define ZIP_DEFLATED	8
#define ZIP_LIMIT	0xFFFFFFFFull
#define ZIP_CHUNK	(64 * 1024)

static void
le16(struct buf *b, unsigned v)
{
	buf_putc(b, (int)(v & 0xff));
	buf_putc(b, (int)((v >> 8) & 0xff));
}

static void
le32(struct buf *b, uint32_t v)
{
	le16(b, v & 0xffff);
	le16(b, v >> 16);
}

void
zip_begin(struct zip *z, struct req *r, time_t mtime)
{
	struct tm	 tm;

	memset(z, 0, sizeof(*z));
	z->r = r;
	buf_init(&z->central, &r->a);
	buf_add(&z->central, "", 0);
	gmtime_r(&mtime, &tm);
	if (tm.tm_year < 80)
		tm.tm_year = 80;
	z->dos_time = (uint16_t)(tm.tm_hour << 11 | tm.tm_min << 5 |
	    tm.tm_sec / 2);
	z->dos_date = (uint16_t)((tm.tm_year - 80) << 9 |
	    (tm.tm_mon + 1) << 5 | tm.tm_mday);
}

static enum err
put(struct zip *z, const void *p, size_t n)
{
	if (req_write(z->r, p, n) == -1)
		return ERR_IO;
	z->offset += n;
	return ERR_OK;
}

/* The local header, and the matching central record kept for later. */
static enum err
header(struct zip *z, const char *name, unsigned method, uint32_t crc,
    uint64_t csize, uint64_t usize)
{
	struct buf	 h;
	size_t		 nl = strlen(name);

	if (csize > ZIP_LIMIT || usize > ZIP_LIMIT || z->offset > ZIP_LIMIT ||
	    nl > 0xffff || z->count == 0xffff)
		return ERR_TOOBIG;
	le32(&z->central, ZIP_CENTRAL);
	le16(&z->central, 0x0300 | ZIP_VERSION);	/* made by: Unix */
	le16(&z->central, ZIP_VERSION);
	le16(&z->central, ZIP_UTF8);
	le16(&z->central, method);
	le16(&z->central, z->dos_time);
	le16(&z->central, z->dos_date);
	le32(&z->central, crc);
	le32(&z->central, (uint32_t)csize);
	le32(&z->central, (uint32_t)usize);
	le16(&z->central, (unsigned)nl);
	le16(&z->central, 0);		/* extra */
	le16(&z->central, 0);		/* comment */
	le16(&z->central, 0);		/* disk */
	le16(&z->central, 0);		/* internal attributes */
	le32(&z->central, 0100644u << 16);	/* external: -rw-r--r-- */
	le32(&z->central, (uint32_t)z->offset);
	buf_add(&z->central, name, nl);

	buf_init(&h, &z->r->a);
	le32(&h, ZIP_LOCAL);
	le16(&h, ZIP_VERSION);
	le16(&h, ZIP_UTF8);
	le16(&h, method);
	le16(&h, z->dos_time);
	le16(&h, z->dos_date);
	le32(&h, crc);
	le32(&h, (uint32_t)csize);
	le32(&h, (uint32_t)usize);
	le16(&h, (unsigned)nl);
	le16(&h, 0);
	buf_add(&h, name, nl);
	z->count++;
	return put(z, h.data, h.len);
}

enum err
zip_add_data(struct zip *z, const char *name, const void *data, size_t len)
{
	z_stream	 s;
	unsigned char	*out;
	size_t		 cap;
	uint32_t	 crc;
	enum err	 e;

	memset(&s, 0, sizeof(s));
	if (deflateInit2(&s, Z_BEST_COMPRESSION, Z_DEFLATED, -15, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return ERR_NOMEM;
	cap = deflateBound(&s, (uLong)len) + 16;
	out = arena_alloc(&z->r->a, cap);
	s.next_in = (Bytef *)(uintptr_t)data;
	s.avail_in = (uInt)len;
	s.next_out = out;
	s.avail_out = (uInt)cap;
	if (deflate(&s, Z_FINISH) != Z_STREAM_END) {
		deflateEnd(&s);
		return ERR_NOMEM;
	}
	deflateEnd(&s);
	crc = (uint32_t)crc32(crc32(0, Z_NULL, 0), data, (uInt)len);
	if ((e = header(z, name, ZIP_DEFLATED, crc, s.total_out, len)) !=
	    ERR_OK)
		return e;
	return put(z, out, s.total_out);
}

enum err
zip_add_file(struct zip *z, const char *name, int fd, off_t size)
{
	unsigned char	 chunk[ZIP_CHUNK];
	uLong		 crc = crc32(0, Z_NULL, 0);
	off_t		 off;
	ssize_t		 n;
	enum err	 e;

	/* First pass: the CRC, so the header can come before the data. */
	for (off = 0; off < size; off += n) {
		n = pread(fd, chunk, sizeof(chunk), off);
		if (n < 0 && errno == EINTR) {
			n = 0;
			continue;
		}
		if (n <= 0)
			return ERR_IO;
		crc = crc32(crc, chunk, (uInt)n);
	}
	if ((e = header(z, name, ZIP_STORED, (uint32_t)crc, (uint64_t)size,
	    (uint64_t)size)) != ERR_OK)
		return e;
	if ((e = req_send_fd(z->r, fd, 0, size)) != ERR_OK)
		return e;
	z->offset += (uint64_t)size;
	return ERR_OK;
}

enum err
zip_end(struct zip *z)
{
	struct buf	 e;
	uint64_t	 cd = z->offset;
	enum err	 err;

	if ((err = put(z, z->central.data, z->central.len)) != ERR_OK)
		return err;
	if (cd > ZIP_LIMIT)
		return ERR_TOOBIG;
	buf_init(&e, &z->r->a);
	le32(&e, ZIP_END);
	le16(&e, 0);
	le16(&e, 0);
	le16(&e, z->count);
	le16(&e, z->count);
	le32(&e, (uint32_t)z->central.len);
	le32(&e, (uint32_t)cd);
	le16(&e, 0);
	return put(z, e.data, e.len);
}
