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

#endif /* PR_SLUG_H */
