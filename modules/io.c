/*
 * io.c: whole writes.
 *
 * write(2) may write less than asked (a pipe, a signal); every writer of
 * the press room goes through this loop instead of a copy of it.
 */
#include <errno.h>
#include <unistd.h>

#include "io.h"

int
io_write_all(int fd, const void *p, size_t n)
{
	const char	*c = p;
	ssize_t		 w;

	while (n > 0) {
		if ((w = write(fd, c, n)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		c += w;
		n -= (size_t)w;
	}
	return 0;
}
