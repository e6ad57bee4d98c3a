/*
 * io.h: writing a whole buffer to a file descriptor; reading a whole
 * configuration file (a template, a catalogue).
 */
#ifndef PR_IO_H
#define PR_IO_H

#include <stddef.h>

#include "err.h"

/*
 * io_write_all() writes n bytes from p to fd, going on after short writes
 * and EINTR.  0 on success, -1 with errno set (ENOSPC, EFBIG, EPIPE...).
 */
int	 io_write_all(int fd, const void *p, size_t n);

/*
 * io_seterr() formats a message into errbuf (nothing if it is NULL or
 * errlen is 0), for functions that report errors that way.
 */
void	 io_seterr(char *errbuf, size_t errlen, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/*
 * io_read_file() reads the regular file at path, at most max bytes, into
 * *text (malloc'd, free(3) it; *len bytes, not NUL-terminated).  A FIFO
 * does not hang it.  ERR_IO if it cannot be opened or read, ERR_CONF if it
 * is not a regular file or is larger than max ("PATH: larger than MAX
 * bytes"), ERR_NOMEM; the reason, with the path, into errbuf.
 */
enum err io_read_file(const char *path, size_t max, char **text, size_t *len,
	    char *errbuf, size_t errlen);

#endif /* PR_IO_H */
