/*
 * arena.h: a region allocator; one arena owns everything a request allocates.
 *
 * Allocation never fails from the caller's view: when malloc(3) fails the
 * process aborts, because a worker that cannot allocate a few kilobytes has
 * nothing sensible left to do and its supervisor starts a fresh one.
 * Everything an arena returned stays valid until arena_reset() or
 * arena_free() on it.
 */
#ifndef PR_ARENA_H
#define PR_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block	*head;	/* current block, linked to older ones */
	size_t			 total;	/* bytes handed out since the last reset */
};

/* arena_init() prepares an empty arena; it allocates nothing yet. */
void	 arena_init(struct arena *);

/*
 * arena_reset() releases everything allocated from the arena but keeps its
 * first block for reuse, so a request loop does not go back to malloc(3)
 * for every request.
 */
void	 arena_reset(struct arena *);

/* arena_free() releases everything, including the first block. */
void	 arena_free(struct arena *);

/* arena_alloc() returns n bytes aligned for any type, zero-filled. */
void	*arena_alloc(struct arena *, size_t n);

/* arena_strndup() copies n bytes and adds a NUL. */
char	*arena_strndup(struct arena *, const char *, size_t n);

/* arena_strdup() copies a NUL-terminated string; NULL gives NULL. */
char	*arena_strdup(struct arena *, const char *);

/* arena_printf() formats into a new string (printf(3) rules). */
char	*arena_printf(struct arena *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
char	*arena_vprintf(struct arena *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));

/*
 * A growable byte buffer whose memory comes from an arena.  The data is
 * always NUL-terminated (the NUL is not counted in len).
 */
struct buf {
	struct arena	*a;
	char		*data;
	size_t		 len;
	size_t		 cap;
};

void	 buf_init(struct buf *, struct arena *);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_puts(struct buf *, const char *);
void	 buf_putc(struct buf *, int);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

#endif /* PR_ARENA_H */
