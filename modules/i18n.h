/*
 * i18n.h: interface languages: message catalogues and the language of
 * the current request.
 *
 * A catalogue is a gettext PO file, www/locale/<tag>.po, read by a small
 * reader of our own at start-up: no libintl and no system locales, so it
 * works the same on any host.  Messages are looked up by their English
 * text (the msgid), optionally with a context (msgctxt), written as one
 * key "context\004msgid" as gettext does.  An entry whose msgstr is empty,
 * or marked "#, fuzzy", is not used: the English text is shown instead.
 *
 * Placeholders are {{name}} (filled by i18n_expand() and the templates) and
 * printf conversions (%s, %d, ...); a translation must keep exactly the
 * placeholders of its msgid, which i18n_add() checks, so a catalogue that
 * would crash a printf or lose a value never loads.
 */
#ifndef PR_I18N_H
#define PR_I18N_H

#include <stddef.h>

#include "arena.h"
#include "err.h"
#include "lim.h"

#define I18N_TAG_MAX		LIM_UI_LANG_MAX	/* bytes of a language tag */
#define I18N_LANGS_MAX		32	/* catalogues in one directory */
#define I18N_ACCEPT_MAX		4096	/* a longer Accept-Language is ignored */
#define I18N_ACCEPT_ITEMS	32	/* entries of it considered */
#define I18N_PO_MAX		(1024 * 1024)	/* bytes of one catalogue */
#define I18N_ENTRIES_MAX	10000	/* entries of one catalogue */
#define I18N_CTX		"\004"	/* between msgctxt and msgid in a key */

struct i18n;		/* a set of catalogues, one per language */

/*
 * i18n_tag_norm() checks that s has the shape of a language tag,
 * [a-z]{2,3}(-[A-Za-z0-9]{1,8})* and at most I18N_TAG_MAX bytes, and
 * writes it lower-cased into out (I18N_TAG_MAX + 1 bytes).  Returns 1 if
 * it does, else 0 (out is then "").
 */
int		 i18n_tag_norm(const char *s, char *out);

/*
 * i18n_new() returns an empty set (NULL if out of memory); i18n_free()
 * frees a set and its catalogues (NULL is allowed).
 */
struct i18n	*i18n_new(void);
void		 i18n_free(struct i18n *);

/*
 * i18n_add() parses len bytes of PO text as the catalogue of language tag
 * (already normalised) and adds it to the set; file names it in messages.
 * Errors (ERR_CONF, or ERR_NOMEM) write "file:line: what" into errbuf and
 * leave the set unchanged: bad syntax or escapes, a msgid without msgstr,
 * a duplicate msgid, plural forms, a charset other than UTF-8, text that
 * is not UTF-8, placeholders that differ between msgid and msgstr, more
 * than I18N_ENTRIES_MAX entries, or a tag already in the set.
 */
enum err	 i18n_add(struct i18n *, const char *tag, const char *file,
		    const char *text, size_t len, char *errbuf, size_t errlen);

/*
 * i18n_add_file() reads the catalogue file path, whose name gives its
 * language ("fr.po", "pt-BR.po"), and adds it as i18n_add() does; ERR_CONF
 * also for a name of another shape, ERR_IO when it cannot be read.
 */
enum err	 i18n_add_file(struct i18n *, const char *path, char *errbuf,
		    size_t errlen);

/*
 * i18n_load() reads every <tag>.po of dir (file names of another shape
 * are ignored; at most I18N_LANGS_MAX, each at most I18N_PO_MAX bytes)
 * into a new set *out, to be freed with i18n_free().  On error *out is
 * NULL and errbuf says "file:line: what" (ERR_CONF, ERR_IO, ERR_NOMEM).
 */
enum err	 i18n_load(const char *dir, struct i18n **out, char *errbuf,
		    size_t errlen);

/* i18n_count() and i18n_tag() list the set's languages, sorted by tag. */
size_t		 i18n_count(const struct i18n *);
const char	*i18n_tag(const struct i18n *, size_t i);

/*
 * i18n_has() returns the set's own copy of tag (normalised first) if the
 * set has that catalogue, else NULL.  It lives as long as the set.
 */
const char	*i18n_has(const struct i18n *, const char *tag);

/*
 * i18n_lookup() returns the translation of key ("msgid" or
 * "context\004msgid") in language tag, or NULL if the catalogue has none
 * (no such entry, an empty msgstr, a fuzzy entry, no such catalogue).
 * i18n_known() is 1 if the catalogue has an entry for key at all, used or
 * not.  Strings live as long as the set.
 */
const char	*i18n_lookup(const struct i18n *, const char *tag,
		    const char *key);
int		 i18n_known(const struct i18n *, const char *tag,
		    const char *key);

/*
 * i18n_each() calls fn for every entry of the catalogue tag, in file
 * order: key, msgstr ("" if untranslated), whether it is fuzzy, and the
 * line of its msgid.  For the catalogue checker.
 */
void		 i18n_each(const struct i18n *, const char *tag,
		    void (*fn)(void *, const char *key, const char *str,
		    int fuzzy, unsigned line), void *arg);

/*
 * i18n_negotiate() picks the language to answer an Accept-Language header
 * with: the available catalogue with the highest q-value, earlier entries
 * first among equals; "fr-CA" matches a catalogue "fr" and "fr" one named
 * "fr-ca".  Entries with q=0 are refused languages.  Malformed entries are
 * skipped, only the first I18N_ACCEPT_ITEMS count, and a header over
 * I18N_ACCEPT_MAX bytes is ignored entirely.  Returns the set's tag, or
 * NULL when nothing available is asked for (or only "*").
 */
const char	*i18n_negotiate(const struct i18n *, const char *header);

/*
 * i18n_placeholders_match() is 1 when str has the same printf conversions
 * as id, in the same order (they are arguments; "%%" only as many times),
 * and the same {{name}} placeholders, in any order.
 */
int		 i18n_placeholders_match(const char *id, const char *str);

/*
 * The language of the current request.  Workers answer one request at a
 * time, so this is process state: i18n_use() installs the set loaded at
 * start-up and the site's default language (which must be in it);
 * i18n_set_lang() chooses the language of the request (a tag not in the
 * set means the default); i18n_lang() tells which it is ("en" before any
 * i18n_use()).
 */
void		 i18n_use(const struct i18n *, const char *deflang);
void		 i18n_set_lang(const char *tag);
const char	*i18n_lang(void);
const char	*i18n_default_lang(void);
const struct i18n *i18n_current(void);

/*
 * i18n_tr() translates key into the current language; i18n_tr_in() into
 * language tag.  Without a translation they return the msgid part of key
 * itself (the English text).  Static or long-lived strings.
 */
const char	*i18n_tr(const char *key);
const char	*i18n_tr_in(const char *tag, const char *key);

/*
 * i18n_expand() replaces each {{name}} of pattern by the value given for
 * name in kv (name, value, name, value, ..., NULL); unknown names become
 * "".  The result is plain text in the arena.
 */
char		*i18n_expand(struct arena *, const char *pattern,
		    const char *const *kv);

#endif /* PR_I18N_H */
