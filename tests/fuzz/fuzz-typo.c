/*
 * fuzz-typo.c: libFuzzer harness for typo_check_fr().
 *
 * The input, cut at its first NUL, is the text.  Whatever it is, the
 * checker must not crash, must leave the text byte for byte as it was,
 * must return no fewer warnings than it stored, with each stored offset
 * inside the text, its line within the text's lines, and a NUL-terminated
 * excerpt; asked for none, it must count the same.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "typo.h"

#define FUZZ_MAX	8

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct typo_warning	 w[FUZZ_MAX];
	char			*text, *copy;
	size_t			 i, n, len, lines = 1;

	if ((text = malloc(size + 1)) == NULL ||
	    (copy = malloc(size + 1)) == NULL)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	len = strlen(text);
	memcpy(copy, text, size + 1);
	for (i = 0; i < len; i++)
		lines += text[i] == '\n';
	n = typo_check_fr(text, w, FUZZ_MAX);
	if (memcmp(text, copy, size + 1) != 0)
		abort();
	if (n > len)
		abort();
	for (i = 0; i < n && i < FUZZ_MAX; i++)
		if (w[i].offset >= len || w[i].line < 1 || w[i].line > lines ||
		    memchr(w[i].excerpt, '\0', sizeof(w[i].excerpt)) == NULL ||
		    (i > 0 && w[i].offset <= w[i - 1].offset) ||
		    (unsigned)w[i].kind > TYPO_HYPHEN_DASH)
			abort();
	if (typo_check_fr(text, NULL, 0) != n)
		abort();
	free(copy);
	free(text);
	return 0;
}
