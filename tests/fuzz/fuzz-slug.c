/*
 * fuzz-slug.c: libFuzzer harness for slug_make().
 *
 * Whatever the bytes, the name is non-empty, at most the limit (or
 * "file"), made of a-z 0-9 '.' '-' only, with no '-' or '.' at its ends.
 * slug_word() (search words) walks the same bytes: each word lies inside
 * the text after the one before, is non-empty, at most SLUG_WORD_MAX
 * folded bytes, with no ASCII capital, space or punctuation in it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "slug.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_words(const char *text, size_t len)
{
	char	 w[SLUG_WORD_MAX + 1];
	size_t	 pos = 0, s, e, last = 0, k;

	while (slug_word(text, len, &pos, &s, &e, w)) {
		if (s < last || e <= s || e > len || pos != e)
			abort();
		k = strlen(w);
		if (k == 0 || k > SLUG_WORD_MAX)
			abort();
		for (; k > 0; k--)
			if ((w[k - 1] >= 'A' && w[k - 1] <= 'Z') ||
			    (unsigned char)w[k - 1] <= ' ' ||
			    strchr(".,;:!?'\"()[]{}-", w[k - 1]) != NULL)
				abort();
		last = e;
	}
	if (pos > len || w[0] != '\0')
		abort();
}

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
	check_words((const char *)data + 1, size - 1);
	arena_free(&a);
	return 0;
}
