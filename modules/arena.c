/*
 * arena.c: region allocation for requests.
 *
 * Blocks are chained newest first.  The oldest block (the first one made)
 * survives arena_reset(), so a worker that serves many similar requests
 * settles on one block and a flat resident size.  Requests larger than a
 * block get a block of their own.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

#define ARENA_BLOCK	(64 * 1024)
#define ARENA_ALIGN	16

struct arena_block {
	struct arena_block	*next;	/* older block */
	size_t			 size;	/* usable bytes in data */
	size_t			 used;
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

static struct arena_block *
block_new(size_t size)
{
	struct arena_block	*b;

	if (size > SIZE_MAX - sizeof(*b))
		abort();
	if ((b = malloc(sizeof(*b) + size)) == NULL)
		abort();
	b->next = NULL;
	b->size = size;
	b->used = 0;
	return b;
}

void
arena_init(struct arena *a)
{
	a->head = NULL;
	a->total = 0;
}

void
arena_reset(struct arena *a)
{
	struct arena_block	*b, *next;

	if (a->head == NULL)
		return;
	for (b = a->head; b->next != NULL; b = next) {
		next = b->next;
		free(b);
	}
	/* b is now the oldest block: keep it, but only if it is a normal one. */
	if (b->size != ARENA_BLOCK) {
		free(b);
		a->head = NULL;
	} else {
		b->used = 0;
		a->head = b;
	}
	a->total = 0;
}

void
arena_free(struct arena *a)
{
	struct arena_block	*b, *next;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
	a->total = 0;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_block	*b;
	size_t			 need;
	void			*p;

	if (n > SIZE_MAX - ARENA_ALIGN)
		abort();
	need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (need == 0)
		need = ARENA_ALIGN;
	b = a->head;
	if (b == NULL || b->size - b->used < need) {
		if (need > ARENA_BLOCK / 4) {
			/* A big allocation gets its own block behind the head. */
			b = block_new(need);
			if (a->head == NULL)
				a->head = b;
			else {
				b->next = a->head->next;
				a->head->next = b;
			}
		} else {
			b = block_new(ARENA_BLOCK);
			b->next = a->head;
			a->head = b;
		}
	}
	p = b->data + b->used;
	b->used += need;
	a->total += need;
	memset(p, 0, n);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char	*p;

	p = arena_alloc(a, n + 1);
	if (n > 0)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	if (s == NULL)
		return NULL;
	return arena_strndup(a, s, strlen(s));
}

char *
arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list	 copy;
	int	 n;
	char	*p;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		abort();
	p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

void
buf_init(struct buf *b, struct arena *a)
{
	b->a = a;
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

static void
buf_grow(struct buf *b, size_t extra)
{
	size_t	 cap;
	char	*p;

	if (extra > SIZE_MAX / 2 - b->len)
		abort();
	if (b->len + extra + 1 <= b->cap)
		return;
	cap = b->cap == 0 ? 256 : b->cap;
	while (cap < b->len + extra + 1)
		cap *= 2;
	p = arena_alloc(b->a, cap);
	if (b->len > 0)
		memcpy(p, b->data, b->len);
	b->data = p;
	b->cap = cap;
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_putc(struct buf *b, int c)
{
	char	ch = (char)c;

	buf_add(b, &ch, 1);
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		abort();
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}
