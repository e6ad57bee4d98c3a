/*
 * diff.h: a line diff of two texts, for reviewers.
 *
 * The longest common subsequence of lines, after the common head and tail
 * are set aside; bounded in memory by DIFF_MAX_CELLS, beyond which the
 * texts are shown as wholly replaced rather than diffed.
 */
#ifndef PR_DIFF_H
#define PR_DIFF_H

#include <stddef.h>

#include "arena.h"

#define DIFF_MAX_CELLS	(4 * 1024 * 1024)

enum diff_kind {
	DIFF_SAME,
	DIFF_DEL,	/* only in the old text */
	DIFF_ADD	/* only in the new text */
};

struct diff_op {
	enum diff_kind	 kind;
	const char	*line;	/* into the arena, NUL-terminated, no newline */
};

/*
 * diff_lines() compares old and new line by line and returns the number
 * of operations stored in *ops (arena): reading the SAME and DEL lines in
 * order gives old, the SAME and ADD lines give new.
 */
size_t	 diff_lines(struct arena *, const char *old, const char *new,
	    struct diff_op **ops);

#endif /* PR_DIFF_H */
