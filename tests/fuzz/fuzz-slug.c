/*
 * fuzz-slug.c: libFuzzer harness for slug_make().
 *
 * Whatever the bytes, the name is non-empty, at most the limit (or
 * "file"), made of a-z 0-9 '.' '-' only, with no '-' or '.' at its ends.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "slug.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	 a;
	char		*in, *out;
	size_t		 max, len, i;

	if (size < 1)
		return 0;
	max = 4 + data[0] % 100;
	arena_init(&a);
	in = arena_strndup(&a, (const char *)data + 1, size - 1);
	out = slug_make(&a, in, max);
	len = strlen(out);
	if (len == 0 || (len > max && strcmp(out, "file") != 0))
		abort();
	for (i = 0; i < len; i++)
		if (!((out[i] >= 'a' && out[i] <= 'z') ||
		    (out[i] >= '0' && out[i] <= '9') || out[i] == '.' ||
		    out[i] == '-'))
			abort();
	if (out[0] == '-' || out[0] == '.' || out[len - 1] == '-' ||
	    out[len - 1] == '.')
		abort();
	arena_free(&a);
	return 0;
}
