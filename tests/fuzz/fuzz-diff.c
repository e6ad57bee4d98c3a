/*
 * fuzz-diff.c: libFuzzer harness for diff_lines().
 *
 * The input is two texts separated by the first 0xFF byte.  Whatever they
 * are, the SAME and DEL lines must rebuild the old text and the SAME and
 * ADD lines the new one, line for line.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diff.h"

static char *
rebuild(struct arena *a, const struct diff_op *ops, size_t n,
    enum diff_kind skip)
{
	struct buf	 b;
	size_t		 i;
	int		 first = 1;

	buf_init(&b, a);
	buf_add(&b, "", 0);
	for (i = 0; i < n; i++) {
		if (ops[i].kind == skip)
			continue;
		if (!first)
			buf_putc(&b, '\n');
		buf_puts(&b, ops[i].line);
		first = 0;
	}
	return b.data;
}

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	 a;
	struct diff_op	*ops;
	const uint8_t	*sep;
	char		*old, *new;
	size_t		 n, olen;

	sep = memchr(data, 0xff, size);
	olen = sep == NULL ? size : (size_t)(sep - data);
	arena_init(&a);
	/* Texts end at a NUL, as the C strings they stand for do. */
	old = arena_strndup(&a, (const char *)data, olen);
	new = arena_strndup(&a, sep == NULL ? "" : (const char *)sep + 1,
	    sep == NULL ? 0 : size - olen - 1);
	old[strlen(old)] = '\0';
	n = diff_lines(&a, old, new, &ops);
	if (strcmp(rebuild(&a, ops, n, DIFF_ADD), old) != 0 ||
	    strcmp(rebuild(&a, ops, n, DIFF_DEL), new) != 0)
		abort();
	arena_free(&a);
	return 0;
}
