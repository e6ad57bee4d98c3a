/*
 * slug.h: readable ASCII names for URLs, with accents transliterated.
 */
#ifndef PR_SLUG_H
#define PR_SLUG_H

#include "arena.h"

/*
 * slug_make() turns UTF-8 text into a URL name: letters with accents
 * become their plain letters ("négociation" → "negociation", "œ" → "oe",
 * "ß" → "ss"), ASCII letters are lowercased, digits and '.' are kept, and
 * every other run of characters becomes one '-'; no '-' or '.' at either
 * end, at most max bytes (cut at a '-' when possible), "file" if nothing
 * is left.  The displayed text keeps its accents: only URLs use this.
 */
char	*slug_make(struct arena *, const char *text, size_t max);

/* The longest folded word, in bytes; longer words are cut to it. */
#define SLUG_WORD_MAX	48

/*
 * slug_word() finds the next word of UTF-8 text at or after *pos, for
 * search: its bytes are text[*start, *end), and out gets its folded form,
 * lowercase with accents transliterated as slug_make() does ("Négociation"
 * gives "negociation"); letters of other scripts are kept (Greek and
 * Cyrillic lowercased).  Punctuation, symbols and spaces separate words,
 * and so do apostrophes ("l’Union" is "l" and "union").  *pos moves past
 * the word.  Returns 0, with out empty, when no word is left.
 */
int	 slug_word(const char *text, size_t len, size_t *pos, size_t *start,
	    size_t *end, char out[SLUG_WORD_MAX + 1]);

#endif /* PR_SLUG_H */
