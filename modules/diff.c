/*
 * diff.c: longest-common-subsequence line diff.
 *
 * The common first and last lines are matched directly; only the middle
 * goes through the O(n*m) table, whose cells are 16-bit because an LCS is
 * never longer than the shorter side, and the table is refused beyond
 * DIFF_MAX_CELLS (then the middle is one deletion and one addition).
 * Release texts are a few dozen paragraphs, so this is instant.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"

struct lines {
	const char	**v;
	size_t		  n;
};

static void
split(struct arena *a, const char *s, struct lines *l)
{
	const char	*p, *nl;
	size_t		 n = 1, i = 0;

	for (p = s; (p = strchr(p, '\n')) != NULL; p++)
		n++;
	l->v = arena_alloc(a, n * sizeof(*l->v));
	for (p = s; ; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL) {
			l->v[i++] = arena_strdup(a, p);
			break;
		}
		l->v[i++] = arena_strndup(a, p, (size_t)(nl - p));
	}
	l->n = i;
}

static void
push(struct diff_op *ops, size_t *n, enum diff_kind k, const char *line)
{
	ops[*n].kind = k;
	ops[*n].line = line;
	(*n)++;
}

size_t
diff_lines(struct arena *a, const char *old, const char *new,
    struct diff_op **out)
{
	struct lines	 x, y;
	struct diff_op	*ops;
	uint16_t	*t;
	size_t		 head = 0, tail = 0, n, m, i, j, k = 0, w;

	split(a, old, &x);
	split(a, new, &y);
	ops = arena_alloc(a, (x.n + y.n) * sizeof(*ops));
	while (head < x.n && head < y.n && strcmp(x.v[head], y.v[head]) == 0)
		head++;
	while (tail < x.n - head && tail < y.n - head &&
	    strcmp(x.v[x.n - 1 - tail], y.v[y.n - 1 - tail]) == 0)
		tail++;
	for (i = 0; i < head; i++)
		push(ops, &k, DIFF_SAME, x.v[i]);
	n = x.n - head - tail;
	m = y.n - head - tail;
	if (n == 0 || m == 0 || n > DIFF_MAX_CELLS / (m + 1) ||
	    (n + 1) * (m + 1) > DIFF_MAX_CELLS || m > UINT16_MAX ||
	    n > UINT16_MAX) {
		for (i = 0; i < n; i++)
			push(ops, &k, DIFF_DEL, x.v[head + i]);
		for (j = 0; j < m; j++)
			push(ops, &k, DIFF_ADD, y.v[head + j]);
	} else {
		/* t[i][j]: LCS length of x[i..n) and y[j..m) (middle part). */
		w = m + 1;
		if ((t = calloc((n + 1) * w, sizeof(*t))) == NULL)
			abort();
		for (i = n; i-- > 0; )
			for (j = m; j-- > 0; )
				t[i * w + j] = strcmp(x.v[head + i],
				    y.v[head + j]) == 0 ?
				    t[(i + 1) * w + j + 1] + 1 :
				    t[(i + 1) * w + j] > t[i * w + j + 1] ?
				    t[(i + 1) * w + j] : t[i * w + j + 1];
		for (i = j = 0; i < n || j < m; ) {
			if (i < n && j < m &&
			    strcmp(x.v[head + i], y.v[head + j]) == 0) {
				push(ops, &k, DIFF_SAME, x.v[head + i]);
				i++;
				j++;
			} else if (i < n && (j == m ||
			    t[(i + 1) * w + j] >= t[i * w + j + 1])) {
				/* Deletions first, as readers expect. */
				push(ops, &k, DIFF_DEL, x.v[head + i]);
				i++;
			} else {
				push(ops, &k, DIFF_ADD, y.v[head + j]);
				j++;
			}
		}
		free(t);
	}
	for (i = x.n - tail; i < x.n; i++)
		push(ops, &k, DIFF_SAME, x.v[i]);
	*out = ops;
	return k;
}
