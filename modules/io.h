/*
 * io.h: writing a whole buffer to a file descriptor.
 */
#ifndef PR_IO_H
#define PR_IO_H

#include <stddef.h>

/*
 * io_write_all() writes n bytes from p to fd, going on after short writes
 * and EINTR.  0 on success, -1 with errno set (ENOSPC, EFBIG, EPIPE...).
 */
int	 io_write_all(int fd, const void *p, size_t n);

#endif /* PR_IO_H */
