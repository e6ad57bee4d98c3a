/*
 * scratch.h: a data directory of its own for each unit test that needs a
 * store (test-store.c, test-index.c): ROOT made by mkdtemp(3) in $TMPDIR
 * (or /tmp), the store opened in ROOT/data, everything removed after.
 */
#ifndef PR_TEST_SCRATCH_H
#define PR_TEST_SCRATCH_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

#define SCRATCH_ROOT_MAX	64
#define SCRATCH_DIR_MAX		96

static int
scratch_rm_one(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* ROOT/data opened as s; -1 if anything fails. */
static int
scratch_open(char root[SCRATCH_ROOT_MAX], char dir[SCRATCH_DIR_MAX],
    const char *name, struct store *s)
{
	const char	*tmp = getenv("TMPDIR");

	snprintf(root, SCRATCH_ROOT_MAX, "%s/%s.XXXXXX",
	    tmp != NULL && strlen(tmp) < 40 ? tmp : "/tmp", name);
	if (mkdtemp(root) == NULL)
		return -1;
	snprintf(dir, SCRATCH_DIR_MAX, "%s/data", root);
	return store_open(s, dir) == ERR_OK ? 0 : -1;
}

static void
scratch_remove(const char *root)
{
	nftw(root, scratch_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

#endif /* PR_TEST_SCRATCH_H */
