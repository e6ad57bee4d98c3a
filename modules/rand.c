/*
 * rand.c: random hex digits from getrandom(2).
 *
 * getrandom(2) without flags blocks only until the kernel's pool is first
 * initialised, then never fails for requests this small; EINTR is retried.
 * The raw bytes are wiped after use.
 */
#include <sys/random.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rand.h"

#define RAND_HEX_MAX	128

void
rand_hex(char *out, size_t n)
{
	unsigned char	 raw[RAND_HEX_MAX / 2];
	size_t		 i, want = (n + 1) / 2, got = 0;
	ssize_t		 r;

	if (n > RAND_HEX_MAX)
		abort();
	while (got < want) {
		r = getrandom(raw + got, want - got, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			abort();
		got += (size_t)r;
	}
	for (i = 0; i < n; i++)
		out[i] = "0123456789abcdef"[(raw[i / 2] >> (i % 2 ? 0 : 4)) & 0xf];
	out[n] = '\0';
	explicit_bzero(raw, sizeof(raw));
}
