/*
 * io.c: whole writes, and whole reads of configuration files.
 *
 * write(2) may write less than asked (a pipe, a signal); every writer of
 * the press room goes through this loop instead of a copy of it.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <stdint.h>

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

void
io_seterr(char *errbuf, size_t errlen, const char *fmt, ...)
{
	va_list	 ap;

	if (errbuf == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(errbuf, errlen, fmt, ap);
	va_end(ap);
}

enum err
io_read_file(const char *path, size_t max, char **textp, size_t *lenp,
    char *errbuf, size_t errlen)
{
	struct stat	 st;
	char		*text;
	size_t		 len = 0;
	ssize_t		 n;
	int		 fd;

	*textp = NULL;
	/* O_NONBLOCK: a FIFO in a configuration directory must not hang. */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1) {
		io_seterr(errbuf, errlen, "%s: %s", path, strerror(errno));
		return ERR_IO;
	}
	if (fstat(fd, &st) == -1) {
		io_seterr(errbuf, errlen, "%s: %s", path, strerror(errno));
		close(fd);
		return ERR_IO;
	}
	if (!S_ISREG(st.st_mode)) {
		io_seterr(errbuf, errlen, "%s: not a regular file", path);
		close(fd);
		return ERR_CONF;
	}
	if ((uintmax_t)st.st_size > max) {
		io_seterr(errbuf, errlen,
		    "%s: larger than %zu bytes", path, max);
		close(fd);
		return ERR_CONF;
	}
	/* One byte more than allowed, to notice a file that grew. */
	if ((text = malloc(max + 1)) == NULL) {
		io_seterr(errbuf, errlen, "%s: out of memory", path);
		close(fd);
		return ERR_NOMEM;
	}
	for (;;) {
		n = read(fd, text + len, max + 1 - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			io_seterr(errbuf, errlen, "%s: %s", path,
			    strerror(errno));
			free(text);
			close(fd);
			return ERR_IO;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > max) {
			io_seterr(errbuf, errlen, "%s: larger than %zu bytes",
			    path, max);
			free(text);
			close(fd);
			return ERR_CONF;
		}
	}
	close(fd);
	*textp = text;
	*lenp = len;
	return ERR_OK;
}
