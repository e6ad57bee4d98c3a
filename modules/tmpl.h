/*
 * tmpl.h: the template engine; HTML templates with escaping by default.
 *
 * A set of templates is parsed once at start-up (malloc'd, read-only
 * afterwards) and rendered per request with data held in an arena.
 * Syntax, in short:
 *
 *	{{name}}		the value, HTML-escaped
 *	{{url:name}}		the value, percent-encoded as a URL component
 *	{{json:name}}		the value, escaped for inside a JSON string
 *	{{html:name}}		markup set with tdict_set_html(), as is
 *	{{#name}}...{{/name}}	section: once per list item, or once if true
 *	{{^name}}...{{/name}}	inverted section: once if {{#name}} is empty
 *	{{>name}}		the template name.html of the same set
 *	{{t:English text}}	the text translated, HTML-escaped; its
 *				{{name}} placeholders filled, escaped too
 *	{{! comment }}		nothing
 *
 * Names are [A-Za-z0-9_.-]+; spaces around them inside the braces are
 * allowed.  The full rules are at the top of tmpl.c.
 */
#ifndef PR_TMPL_H
#define PR_TMPL_H

#include <stddef.h>

#include "arena.h"
#include "err.h"
#include "lim.h"

/*
 * How deep {{>partial}} includes may nest: a page that includes a header
 * that includes a logo is at depth 2.
 */
#define TMPL_PARTIAL_DEPTH	8

/*
 * A translator gives the text to show for a {{t:...}}'s msgid (the English
 * text, trimmed, white space runs made one space), or NULL for the msgid
 * itself.  It must return a string that lives through the rendering.
 */
typedef const char *(*tmpl_translator)(void *arg, const char *msgid);

struct tmpl_set;	/* all templates of a directory, parsed */
struct tmpl;		/* one parsed template */
struct tdict;		/* render data, arena-allocated */

/*
 * tmpl_set_load() reads and parses every *.html, *.xml and *.json file in
 * dir (named without the suffix, so the names must differ) (dot files are
 * skipped; files over LIM_TEMPLATE_MAX are refused) and resolves partials.
 * On success *out is a new set, to be freed with tmpl_set_free().  On error
 * it returns ERR_CONF (ERR_IO if dir or a file cannot be read, ERR_NOMEM),
 * writes "file:line: what" into errbuf and leaves *out NULL.
 */
enum err	 tmpl_set_load(const char *dir, struct tmpl_set **out,
		    char *errbuf, size_t errlen);

/*
 * tmpl_set_new() returns a new empty set (NULL if out of memory), to be
 * filled with tmpl_set_add() and tmpl_set_link(), mainly by tests.
 */
struct tmpl_set	*tmpl_set_new(void);

/*
 * tmpl_set_add() parses len bytes of text (copied) as the template name
 * ([A-Za-z0-9_.-]+, without ".html").  Returns ERR_CONF with
 * "name:line: what" in errbuf on a parse error, a bad or duplicate name or
 * text over LIM_TEMPLATE_MAX; ERR_NOMEM if out of memory.  The set is
 * unchanged on error.
 */
enum err	 tmpl_set_add(struct tmpl_set *, const char *name,
		    const char *text, size_t len, char *errbuf, size_t errlen);

/*
 * tmpl_set_link() resolves every {{>partial}} of the set; call it after the
 * last tmpl_set_add().  Returns ERR_CONF with "name:line: what" in errbuf
 * for a missing partial, an include cycle, or includes nested deeper than
 * TMPL_PARTIAL_DEPTH; do not render from a set whose link failed.
 */
enum err	 tmpl_set_link(struct tmpl_set *, char *errbuf, size_t errlen);

/* tmpl_set_free() frees the set and all its templates; NULL is allowed. */
void		 tmpl_set_free(struct tmpl_set *);

/*
 * tmpl_get() returns the template of that name (file name without
 * ".html"), or NULL.  It belongs to the set and lives as long as it.
 */
const struct tmpl *tmpl_get(const struct tmpl_set *, const char *name);

/*
 * tmpl_render() appends the rendering of the template with data d to b.
 * It never fails: missing values render as the empty string.  d may be
 * NULL (everything empty); a NULL template appends nothing.
 */
void		 tmpl_render(const struct tmpl *, const struct tdict *d,
		    struct buf *b);

/*
 * tdict_new() returns a new empty dictionary allocated in the arena; it and
 * everything set in it live until the arena is reset or freed.
 */
struct tdict	*tdict_new(struct arena *);

/*
 * tdict_set() sets key to a text value, both copied into the arena.  A
 * NULL value is the same as "": the key is present but empty, and hides a
 * value of that name in an enclosing scope.  Setting a key again replaces
 * its value, whatever its kind.
 */
void		 tdict_set(struct tdict *, const char *key, const char *value);

/* tdict_setf() is tdict_set() with a printf(3) formatted value. */
void		 tdict_setf(struct tdict *, const char *key, const char *fmt,
		    ...) __attribute__((format(printf, 3, 4)));

/*
 * tdict_set_html() sets key to trusted markup (copied), which {{html:key}}
 * renders as is; {{key}} still escapes it.  Never pass text that came from
 * a user without sanitizing it.  NULL is the same as "".
 */
void		 tdict_set_html(struct tdict *, const char *key,
		    const char *html);

/*
 * tdict_set_bool() sets key to a boolean, for {{#key}} and {{^key}}; as a
 * variable a boolean renders as nothing.
 */
void		 tdict_set_bool(struct tdict *, const char *key, int);

/*
 * tdict_set_translator() makes tr translate the {{t:...}} of a rendering
 * whose root dictionary is d; without one, the English text is shown.
 */
void		 tdict_set_translator(struct tdict *, tmpl_translator tr,
		    void *arg);

/*
 * tmpl_set_each_msgid() calls fn for every {{t:...}} of the set, with the
 * template's file, the tag's line and its msgid: what the catalogues must
 * translate.
 */
void		 tmpl_set_each_msgid(const struct tmpl_set *,
		    void (*fn)(void *, const char *file, unsigned int line,
		    const char *msgid), void *arg);

/*
 * tdict_add_item() appends a new empty item to the list named key (making
 * key a list first if it is unset or of another kind) and returns the
 * item's dictionary, allocated in the same arena.  Inside {{#key}} the item
 * is the innermost scope; lookups fall back to the enclosing scopes.
 */
struct tdict	*tdict_add_item(struct tdict *, const char *key);

#endif /* PR_TMPL_H */
