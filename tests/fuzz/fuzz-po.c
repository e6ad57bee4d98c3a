/*
 * fuzz-po.c: libFuzzer target for the PO catalogue reader (i18n.c).
 *
 * The input is a catalogue.  Whether it loads or not, nothing may crash;
 * when it loads, every entry it lists must be found again by its key,
 * every translation in use must keep its msgid's placeholders (the
 * promise that makes a catalogue safe to hand to printf and to the
 * templates), and expanding it with values must not crash.  The input is
 * also negotiated as an Accept-Language header against the catalogue.
 * The seed corpus is tests/fuzz/corpus/po/.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "err.h"
#include "i18n.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct walk {
	const struct i18n	*set;
	struct arena		*a;
	size_t			 n;
};

static void
bad(const char *what, const char *key)
{
	fprintf(stderr, "fuzz-po: %s: \"%.80s\"\n", what, key);
	abort();
}

static void
check_entry(void *arg, const char *key, const char *str, int fuzzy,
    unsigned line)
{
	static const char *const kv[] = { "a", "<x>", "title", "T", NULL };
	struct walk	*w = arg;
	const char	*id, *t;

	(void)line;
	w->n++;
	if (!i18n_known(w->set, "xx", key))
		bad("an entry is not found by its key", key);
	t = i18n_lookup(w->set, "xx", key);
	if (fuzzy || str[0] == '\0') {
		if (t != NULL)
			bad("an unused entry is used", key);
		return;
	}
	if (t == NULL || strcmp(t, str) != 0)
		bad("a translation is not found by its key", key);
	id = strchr(key, I18N_CTX[0]) != NULL ? strchr(key, I18N_CTX[0]) + 1 :
	    key;
	if (!i18n_placeholders_match(id, str))
		bad("a translation in use has other placeholders", key);
	(void)i18n_expand(w->a, str, kv);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct i18n	*set;
	struct arena	 a;
	struct walk	 w;
	char		 errbuf[128], *h;

	if ((set = i18n_new()) == NULL)
		return 0;
	if (i18n_add(set, "xx", "fuzz.po", (const char *)data, size, errbuf,
	    sizeof(errbuf)) == ERR_OK) {
		if (i18n_count(set) != 1 || i18n_has(set, "xx") == NULL)
			bad("the catalogue is not in the set", "xx");
		arena_init(&a);
		w.set = set;
		w.a = &a;
		w.n = 0;
		i18n_each(set, "xx", check_entry, &w);
		arena_free(&a);
	} else if (i18n_count(set) != 0)
		bad("a refused catalogue is in the set", errbuf);
	/* The same bytes as an Accept-Language header. */
	if ((h = malloc(size + 1)) != NULL) {
		memcpy(h, data, size);
		h[size] = '\0';
		(void)i18n_negotiate(set, h);
		free(h);
	}
	i18n_free(set);
	return 0;
}
