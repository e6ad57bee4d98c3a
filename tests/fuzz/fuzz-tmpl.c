/* fuzz-tmpl.c: libFuzzer harness for the template parser and renderer. */

/*
 * The input is the text of a template "fuzz", added to a set that also
 * holds a fixed partial "part", so that {{>part}} links and {{>fuzz}} is a
 * cycle.  When it parses and links, it is rendered with a small fixed dict:
 * strings with markup, trusted markup, a bool and a list of 3 items.  Each
 * item hides the list's name with an empty value, so nested {{#items}} do
 * not multiply the output by 3 per level; the output stays linear in the
 * input.  A translator turns some {{t:...}} msgids into texts with markup
 * and placeholders, known and unknown, well formed or not.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "err.h"
#include "tmpl.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char part[] = "<i>{{name}}</i>{{#items}}[{{title}}]{{/items}}"
    "{{t:Hello {{name}}}}";

static const char *
translate(void *arg, const char *msgid)
{
	(void)arg;
	if (strcmp(msgid, "Hello {{name}}") == 0)
		return "<b>Bonjour</b> {{name}} & {{title}} {{nope}} {{ name }} {{";
	if (strlen(msgid) % 3 == 0)
		return "« {{name}} » {{url}}{{body}}";
	return NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tmpl_set	*set;
	struct arena	 a;
	struct tdict	*d, *it;
	struct buf	 b;
	char		 errbuf[128];
	int		 i;

	if ((set = tmpl_set_new()) == NULL)
		return 0;
	if (tmpl_set_add(set, "part", part, strlen(part), errbuf,
	    sizeof(errbuf)) != ERR_OK ||
	    tmpl_set_add(set, "fuzz", (const char *)data, size, errbuf,
	    sizeof(errbuf)) != ERR_OK ||
	    tmpl_set_link(set, errbuf, sizeof(errbuf)) != ERR_OK) {
		tmpl_set_free(set);
		return 0;
	}

	arena_init(&a);
	d = tdict_new(&a);
	tdict_set_translator(d, translate, NULL);
	tdict_set(d, "name", "<script>alert(\"x\")&'</script>");
	tdict_set(d, "url", "négociation & co/?#");
	tdict_set_html(d, "body", "<p>trusted <b>markup</b></p>");
	tdict_set(d, "empty", "");
	tdict_set_bool(d, "yes", 1);
	tdict_set_bool(d, "no", 0);
	for (i = 0; i < 3; i++) {
		it = tdict_add_item(d, "items");
		tdict_setf(it, "title", "item <%d> & \"co\"", i);
		tdict_set(it, "items", NULL);
		if (i == 1)
			tdict_set_html(it, "name", "<em>own</em>");
	}
	buf_init(&b, &a);
	tmpl_render(tmpl_get(set, "fuzz"), d, &b);
	arena_free(&a);
	tmpl_set_free(set);
	return 0;
}
