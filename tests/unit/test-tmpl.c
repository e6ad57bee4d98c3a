/* test-tmpl.c: unit tests of the template engine (tmpl.c). */

#include <sys/stat.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "arena.h"
#include "err.h"
#include "lim.h"
#include "tmpl.h"

#define ERRLEN	256

/* Parses text as the template "t" of a new set, linked, and renders it. */
static const char *
render_text(struct arena *a, const char *text, const struct tdict *d)
{
	struct tmpl_set	*set;
	struct buf	 b;
	char		 errbuf[ERRLEN] = "";
	const char	*out;

	set = tmpl_set_new();
	assert_non_null(set);
	assert_int_equal(tmpl_set_add(set, "t", text, strlen(text), errbuf,
	    sizeof(errbuf)), ERR_OK);
	assert_string_equal(errbuf, "");
	assert_int_equal(tmpl_set_link(set, errbuf, sizeof(errbuf)), ERR_OK);
	buf_init(&b, a);
	tmpl_render(tmpl_get(set, "t"), d, &b);
	out = arena_strndup(a, b.data == NULL ? "" : b.data, b.len);
	tmpl_set_free(set);
	return out;
}

/* Checks that text, as template "t", fails to parse with that message. */
static void
expect_parse_error(const char *text, const char *msg)
{
	struct tmpl_set	*set;
	char		 errbuf[ERRLEN] = "";

	set = tmpl_set_new();
	assert_non_null(set);
	assert_int_equal(tmpl_set_add(set, "t", text, strlen(text), errbuf,
	    sizeof(errbuf)), ERR_CONF);
	assert_string_equal(errbuf, msg);
	assert_null(tmpl_get(set, "t"));
	tmpl_set_free(set);
}

/* Adds templates (name, text, ..., NULL) and checks the link error. */
static void
expect_link_error(const char *msg, ...)
{
	struct tmpl_set	*set;
	va_list		 ap;
	const char	*name, *text;
	char		 errbuf[ERRLEN] = "";

	set = tmpl_set_new();
	assert_non_null(set);
	va_start(ap, msg);
	while ((name = va_arg(ap, const char *)) != NULL) {
		text = va_arg(ap, const char *);
		assert_int_equal(tmpl_set_add(set, name, text, strlen(text),
		    errbuf, sizeof(errbuf)), ERR_OK);
	}
	va_end(ap);
	assert_int_equal(tmpl_set_link(set, errbuf, sizeof(errbuf)), ERR_CONF);
	assert_string_equal(errbuf, msg);
	tmpl_set_free(set);
}

static void
test_plain_text(void **state)
{
	struct arena	 a;

	(void)state;
	arena_init(&a);
	assert_string_equal(render_text(&a, "", NULL), "");
	assert_string_equal(render_text(&a,
	    "<p class=\"x\">a { b } }} c & d</p>\n", NULL),
	    "<p class=\"x\">a { b } }} c & d</p>\n");
	arena_free(&a);
}

static void
test_escape_text(void **state)
{
	struct arena	 a;
	struct tdict	*d;

	(void)state;
	arena_init(&a);
	d = tdict_new(&a);
	tdict_set(d, "v", "<script>alert(\"x\")&'");
	assert_string_equal(render_text(&a, "<p>{{v}}</p>", d),
	    "<p>&lt;script&gt;alert(&quot;x&quot;)&amp;&#39;</p>");
	assert_string_equal(render_text(&a, "<a title=\"{{v}}\" "
	    "data-x='{{v}}'>", d),
	    "<a title=\"&lt;script&gt;alert(&quot;x&quot;)&amp;&#39;\" "
	    "data-x='&lt;script&gt;alert(&quot;x&quot;)&amp;&#39;'>");
	tdict_set(d, "v", "plain text, déjà vu");
	assert_string_equal(render_text(&a, "{{v}}", d),
	    "plain text, déjà vu");
	arena_free(&a);
}

static void
test_missing_is_empty(void **state)
{
	struct arena	 a;
	struct tdict	*d;

	(void)state;
	arena_init(&a);
	d = tdict_new(&a);
	tdict_set(d, "x", "X");
	assert_string_equal(render_text(&a,
	    "[{{nope}}|{{url:nope}}|{{html:nope}}|{{x}}]", d), "[|||X]");
	assert_string_equal(render_text(&a, "[{{x}}]", NULL), "[]");
	arena_free(&a);
}

static void
test_whitespace_in_tags(void **state)
{
	struct arena	 a;
	struct tdict	*d;

	(void)state;
	arena_init(&a);
	d = tdict_new(&a);
	tdict_set(d, "name", "a&b");
	tdict_set_html(d, "m", "<i>m</i>");
	tdict_set_bool(d, "on", 1);
	assert_string_equal(render_text(&a,
	    "{{ name }}|{{\tname\t}}|{{ url:name }}|{{url: name}}|"
	    "{{ html:m }}|{{# on }}yes{{/ on }}|{{ ^ on }}no{{ / on }}|"
	    "{{\nname\n}}|{{ ! c }}", d),
	    "a&amp;b|a&amp;b|a%26b|a%26b|<i>m</i>|yes||a&amp;b|");
	arena_free(&a);
}

static void
test_url(void **state)
{
	struct arena	 a;
	struct tdict	*d;

	(void)state;
	arena_init(&a);
	d = tdict_new(&a);
	tdict_set(d, "q", "négociation & co");
	tdict_set(d, "keep", "AZaz09-._~");
	tdict_set(d, "odd", "/?#[]@!$'()*+,;=%\"<>\x01\x7f");
	assert_string_equal(render_text(&a,
	    "<a href=\"/search?q={{url:q}}&amp;k={{url:keep}}\">", d),
	    "<a href=\"/search?q=n%C3%A9gociation%20%26%20co"
	    "&amp;k=AZaz09-._~\">");
	assert_string_equal(render_text(&a, "{{url:odd}}", d),
	    "%2F%3F%23%5B%5D%40%21%24%27%28%29%2A%2B%2C%3B%3D%25%22%3C%3E"
	    "%01%7F");
	arena_free(&a);
}

static void
test_html(void **state)
{
	struct arena	 a;
	struct tdict	*d;

	(void)state;
	arena_init(&a);
	d = tdict_new(&a);
	tdict_set_html(d, "trusted", "<p>A &amp; B</p>");
	tdict_set(d, "untrusted", "<p>A &amp; B</p>");
	/* Trusted markup goes through {{html:}} as is. */
	assert_string_equal(render_text(&a, "{{html:trusted}}", d),
	    "<p>A &amp; B</p>");
	/* Text set with tdict_set() is escaped even in {{html:}}. */
	assert_string_equal(render_text(&a, "{{html:untrusted}}", d),
	    "&lt;p&gt;A &amp;amp; B&lt;/p&gt;");
	/* And markup is escaped by a plain tag. */
	assert_string_equal(render_text(&a, "{{trusted}}", d),
	    "&lt;p&gt;A &amp;amp; B&lt;/p&gt;");
	/* Replacing a value replaces its kind too. */
	tdict_set(d, "trusted", "<b>");
	assert_string_equal(render_text(&a, "{{html:trusted}}", d), "&lt;b&gt;");
	tdict_set_html(d, "untrusted", "<b>");
	assert_string_equal(render_text(&a, "{{html:untrusted}}", d), "<b>");
	tdict_set_html(d, "untrusted", NULL);
	assert_string_equal(render_text(&a, "[{{html:untrusted}}]", d), "[]");
	arena_free(&a);
}

static void
test_set_replace_setf(void **state)
{
	struct arena	 a;
	struct tdict	*d;

	(void)state;
	arena_init(&a);
	d = tdict_new(&a);
	tdict_set(d, "k", "one");
	tdict_set(d, "k", "two");
	tdict_setf(d, "n", "%d <%s>", 42, "x");
	assert_string_equal(render_text(&a, "{{k}} {{n}}", d),
	    "two 42 &lt;x&gt;");
	tdict_set(d, "k", NULL);
	assert_string_equal(render_text(&a, "[{{k}}]{{#k}}yes{{/k}}", d),
	    "[]");
	/* A list or a boolean renders as nothing in a variable tag. */
	tdict_set_bool(d, "b", 1);
	tdict_set(tdict_add_item(d, "l"), "x", "1");
	assert_string_equal(render_text(&a,
	    "[{{b}}{{l}}{{url:b}}{{html:l}}]", d), "[]");
	/* The value is copied. */
	{
		char	 tmp[] = "copied";

		tdict_set(d, "c", tmp);
		tmp[0] = 'X';
		assert_string_equal(render_text(&a, "{{c}}", d), "copied");
	}
	arena_free(&a);
}

static void
test_section_true(void **state)
{
	struct arena	 a;
	struct tdict	*d;

	(void)state;
	arena_init(&a);
	d = tdict_new(&a);
	tdict_set(d, "s", "text");
	tdict_set_bool(d, "t", 1);
	tdict_set_html(d, "h", "<br>");
	tdict_set(d, "x", "X");
	assert_string_equal(render_text(&a,
	    "{{#s}}s:{{s}}{{x}};{{/s}}{{#t}}t:{{x}};{{/t}}{{#h}}h;{{/h}}",
	    d), "s:textX;t:X;h;");
	/* Nested true sections. */
	assert_string_equal(render_text(&a,
	    "{{#s}}a{{#t}}b{{#nope}}c{{/nope}}d{{/t}}e{{/s}}f", d), "abdef");
	arena_free(&a);
}

static void
test_section_false(void **state)
{
	struct arena	 a;
	struct tdict	*d;

	(void)state;
	arena_init(&a);
	d = tdict_new(&a);
	tdict_set(d, "empty", "");
	tdict_set_bool(d, "f", 0);
	tdict_set(d, "x", "X");
	assert_string_equal(render_text(&a,
	    "<{{#missing}}m{{x}}{{/missing}}{{#empty}}e{{/empty}}"
	    "{{#f}}f{{#x}}inner{{/x}}{{/f}}>", d), "<>");
	arena_free(&a);
}

static void
test_list(void **state)
{
	struct arena	 a;
	struct tdict	*d, *it;

	(void)state;
	arena_init(&a);
	d = tdict_new(&a);
	tdict_set(d, "site", "Press");
	it = tdict_add_item(d, "items");
	tdict_set(it, "title", "One & two");
	it = tdict_add_item(d, "items");
	tdict_set(it, "title", "Three");
	tdict_set(it, "site", "Own");	/* hides the root's site */
	it = tdict_add_item(d, "items");
	tdict_set(it, "title", "<Four>");
	assert_string_equal(render_text(&a,
	    "<ul>{{#items}}<li>{{title}} ({{site}})</li>{{/items}}</ul>"
	    "{{title}}|{{site}}", d),
	    "<ul><li>One &amp; two (Press)</li><li>Three (Own)</li>"
	    "<li>&lt;Four&gt; (Press)</li></ul>|Press");
	arena_free(&a);
}

static void
test_list_nested_scopes(void **state)
{
	struct arena	 a;
	struct tdict	*d, *g, *m;

	(void)state;
	arena_init(&a);
	d = tdict_new(&a);
	tdict_set(d, "root", "R");
	tdict_set(d, "name", "root-name");
	g = tdict_add_item(d, "groups");
	tdict_set(g, "name", "G1");
	tdict_set(g, "gonly", "g1");
	m = tdict_add_item(g, "members");
	tdict_set(m, "name", "a");
	m = tdict_add_item(g, "members");
	tdict_set(m, "name", "b");
	tdict_set(m, "gonly", "own");
	g = tdict_add_item(d, "groups");
	tdict_set(g, "name", "G2");
	/* G2 has no members: its {{#members}} is empty. */
	g = tdict_add_item(d, "groups");
	/* G3 has no name: it falls back to the root's. */
	m = tdict_add_item(g, "members");
	tdict_set(m, "name", "c");
	assert_string_equal(render_text(&a,
	    "{{#groups}}[{{name}}:{{#members}}({{name}},{{gonly}},{{root}})"
	    "{{/members}}{{^members}}none{{/members}}]{{/groups}}", d),
	    "[G1:(a,g1,R)(b,own,R)][G2:none][root-name:(c,,R)]");
	arena_free(&a);
}

static void
test_list_same_name_inside(void **state)
{
	struct arena	 a;
	struct tdict	*d, *it;

	(void)state;
	arena_init(&a);
	d = tdict_new(&a);
	it = tdict_add_item(d, "l");
	tdict_set(it, "v", "1");
	tdict_set(it, "l", "");	/* an item may hide the list itself */
	it = tdict_add_item(d, "l");
	tdict_set(it, "v", "2");
	/* Item 2 does not hide l: the inner {{#l}} iterates the root list. */
	assert_string_equal(render_text(&a,
	    "{{#l}}<{{v}}{{#l}}.{{v}}{{/l}}>{{/l}}", d), "<1><2.1.2>");
	arena_free(&a);
}

static void
test_add_item_replaces_value(void **state)
{
	struct arena	 a;
	struct tdict	*d, *it;

	(void)state;
	arena_init(&a);
	d = tdict_new(&a);
	tdict_set(d, "k", "text");
	it = tdict_add_item(d, "k");
	tdict_set(it, "v", "item");
	assert_string_equal(render_text(&a, "[{{k}}]{{#k}}{{v}}{{/k}}", d),
	    "[]item");
	tdict_set(d, "k", "again");
	assert_string_equal(render_text(&a, "{{#k}}{{k}}{{v}}{{/k}}", d),
	    "again");
	arena_free(&a);
}

static void
test_inverted(void **state)
{
	struct arena	 a;
	struct tdict	*d;
	const char	*tpl;

	(void)state;
	arena_init(&a);
	d = tdict_new(&a);
	tpl = "{{^k}}none{{/k}}";
	/* Missing. */
	assert_string_equal(render_text(&a, tpl, d), "none");
	/* An empty list is one that no item was added to: missing. */
	assert_string_equal(render_text(&a, "{{#k}}x{{/k}}{{^k}}empty{{/k}}",
	    d), "empty");
	tdict_set_bool(d, "k", 0);
	assert_string_equal(render_text(&a, tpl, d), "none");
	tdict_set(d, "k", "");
	assert_string_equal(render_text(&a, tpl, d), "none");
	tdict_set(d, "k", NULL);
	assert_string_equal(render_text(&a, tpl, d), "none");
	tdict_set_html(d, "k", "");
	assert_string_equal(render_text(&a, tpl, d), "none");
	/* And nothing when {{#k}} renders. */
	tdict_set_bool(d, "k", 1);
	assert_string_equal(render_text(&a, tpl, d), "");
	tdict_set(d, "k", "x");
	assert_string_equal(render_text(&a, tpl, d), "");
	tdict_add_item(d, "k");
	assert_string_equal(render_text(&a, tpl, d), "");
	/* The inside renders in the current scope. */
	tdict_set(d, "v", "<v>");
	assert_string_equal(render_text(&a, "{{^no}}{{v}}{{/no}}", d),
	    "&lt;v&gt;");
	arena_free(&a);
}

static void
test_comment(void **state)
{
	struct arena	 a;
	struct tdict	*d;

	(void)state;
	arena_init(&a);
	d = tdict_new(&a);
	tdict_set(d, "x", "X");
	assert_string_equal(render_text(&a,
	    "a{{! a comment with {{x}, <tags> & {braces} }}b"
	    "{{!\nmulti\nline\n}}c{{!}}d{{x}}", d), "abcdX");
	arena_free(&a);
}

static void
test_partials(void **state)
{
	struct arena	 a;
	struct tmpl_set	*set;
	struct tdict	*d, *it;
	struct buf	 b;
	char		 errbuf[ERRLEN] = "";
	static const char *header = "<h1>{{title}}</h1>";
	static const char *row = "<li>{{name}}/{{title}}</li>{{>empty}}";
	static const char *page = "{{>header}}<ul>{{#rows}}{{> row }}"
	    "{{/rows}}</ul>{{>footer}}";
	static const char *footer = "<footer>{{>header}}</footer>";

	(void)state;
	arena_init(&a);
	set = tmpl_set_new();
	assert_non_null(set);
	/* Order does not matter: partials are resolved by tmpl_set_link(). */
	assert_int_equal(tmpl_set_add(set, "page", page, strlen(page), errbuf,
	    sizeof(errbuf)), ERR_OK);
	assert_int_equal(tmpl_set_add(set, "header", header, strlen(header),
	    errbuf, sizeof(errbuf)), ERR_OK);
	assert_int_equal(tmpl_set_add(set, "row", row, strlen(row), errbuf,
	    sizeof(errbuf)), ERR_OK);
	assert_int_equal(tmpl_set_add(set, "footer", footer, strlen(footer),
	    errbuf, sizeof(errbuf)), ERR_OK);
	assert_int_equal(tmpl_set_add(set, "empty", "", 0, errbuf,
	    sizeof(errbuf)), ERR_OK);
	assert_int_equal(tmpl_set_link(set, errbuf, sizeof(errbuf)), ERR_OK);
	assert_null(tmpl_get(set, "nope"));
	assert_null(tmpl_get(set, "page.html"));
	assert_non_null(tmpl_get(set, "footer"));

	d = tdict_new(&a);
	tdict_set(d, "title", "T&T");
	it = tdict_add_item(d, "rows");
	tdict_set(it, "name", "a");
	it = tdict_add_item(d, "rows");
	tdict_set(it, "name", "b");
	tdict_set(it, "title", "own");
	buf_init(&b, &a);
	buf_puts(&b, "before:");
	tmpl_render(tmpl_get(set, "page"), d, &b);
	assert_string_equal(b.data, "before:<h1>T&amp;T</h1><ul>"
	    "<li>a/T&amp;T</li><li>b/own</li></ul>"
	    "<footer><h1>T&amp;T</h1></footer>");
	/* Rendering twice gives the same (no state kept between renders). */
	buf_init(&b, &a);
	tmpl_render(tmpl_get(set, "header"), d, &b);
	tmpl_render(tmpl_get(set, "header"), d, &b);
	assert_string_equal(b.data, "<h1>T&amp;T</h1><h1>T&amp;T</h1>");
	/* A NULL template appends nothing. */
	tmpl_render(NULL, d, &b);
	assert_int_equal(b.len, strlen("<h1>T&amp;T</h1><h1>T&amp;T</h1>"));
	tmpl_set_free(set);
	arena_free(&a);
}

/* A chain c0 > c1 > ... > cN of includes, N = levels. */
static enum err
partial_chain(int levels, char *errbuf, size_t errlen)
{
	struct tmpl_set	*set;
	struct arena	 a;
	struct buf	 b;
	char		 name[16], text[64];
	enum err	 rc;
	int		 i;

	set = tmpl_set_new();
	assert_non_null(set);
	for (i = 0; i <= levels; i++) {
		snprintf(name, sizeof(name), "c%d", i);
		if (i < levels)
			snprintf(text, sizeof(text), "x{{>c%d}}", i + 1);
		else
			snprintf(text, sizeof(text), "x");
		assert_int_equal(tmpl_set_add(set, name, text, strlen(text),
		    errbuf, errlen), ERR_OK);
	}
	rc = tmpl_set_link(set, errbuf, errlen);
	if (rc == ERR_OK) {
		arena_init(&a);
		buf_init(&b, &a);
		tmpl_render(tmpl_get(set, "c0"), NULL, &b);
		assert_int_equal(b.len, (size_t)levels + 1);
		arena_free(&a);
	}
	tmpl_set_free(set);
	return rc;
}

static void
test_partial_depth(void **state)
{
	char	 errbuf[ERRLEN] = "", msg[ERRLEN];

	(void)state;
	assert_int_equal(partial_chain(TMPL_PARTIAL_DEPTH, errbuf,
	    sizeof(errbuf)), ERR_OK);
	assert_int_equal(partial_chain(TMPL_PARTIAL_DEPTH + 1, errbuf,
	    sizeof(errbuf)), ERR_CONF);
	snprintf(msg, sizeof(msg), "c%d:1: includes nested deeper than %d",
	    TMPL_PARTIAL_DEPTH, TMPL_PARTIAL_DEPTH);
	assert_string_equal(errbuf, msg);
}

static void
test_err_unclosed_tag(void **state)
{
	(void)state;
	expect_parse_error("abc {{name", "t:1: unclosed tag (no }})");
	expect_parse_error("a\nb\n{{ok}} {{name }\n}", "t:3: unclosed tag (no }})");
	expect_parse_error("{{", "t:1: unclosed tag (no }})");
	expect_parse_error("{{!\ncomment", "t:1: unclosed tag (no }})");
}

static void
test_err_sections(void **state)
{
	(void)state;
	expect_parse_error("{{#a}}\n{{/b}}",
	    "t:2: {{/b}} does not close {{#a}} of line 1");
	expect_parse_error("{{#a}}{{^b}}{{/a}}{{/b}}",
	    "t:1: {{/a}} does not close {{^b}} of line 1");
	expect_parse_error("x\n{{#a}}\n{{#b}}{{/b}}\n",
	    "t:2: {{#a}} is not closed");
	expect_parse_error("{{^a}}", "t:1: {{^a}} is not closed");
	expect_parse_error("\n\n{{/a}}", "t:3: {{/a}} without an open section");
	expect_parse_error("{{#a}}{{/a}}{{/a}}",
	    "t:1: {{/a}} without an open section");
}

static void
test_err_bad_name(void **state)
{
	(void)state;
	expect_parse_error("{{}}", "t:1: empty tag");
	expect_parse_error("{{   }}", "t:1: empty tag");
	expect_parse_error("{{#}}", "t:1: tag without a name");
	expect_parse_error("{{url:}}", "t:1: tag without a name");
	expect_parse_error("{{> }}", "t:1: tag without a name");
	expect_parse_error("{{na me}}",
	    "t:1: bad character 'm' in tag (names are [A-Za-z0-9_.-])");
	expect_parse_error("{{foo:bar}}",
	    "t:1: bad character ':' in tag (names are [A-Za-z0-9_.-])");
	expect_parse_error("{{{x}}}",
	    "t:1: bad character '{' in tag (names are [A-Za-z0-9_.-])");
	expect_parse_error("{{&x}}",
	    "t:1: bad character '&' in tag (names are [A-Za-z0-9_.-])");
	expect_parse_error("{{#url:x}}",
	    "t:1: bad character ':' in tag (names are [A-Za-z0-9_.-])");
	expect_parse_error("{{URL:x}}",
	    "t:1: bad character ':' in tag (names are [A-Za-z0-9_.-])");
	expect_parse_error("ok\n{{x\x01}}",
	    "t:2: bad byte 0x01 in tag (names are [A-Za-z0-9_.-])");
	expect_parse_error("{{é}}",
	    "t:1: bad byte 0xc3 in tag (names are [A-Za-z0-9_.-])");
}

static void
test_good_names(void **state)
{
	struct arena	 a;
	struct tdict	*d;

	(void)state;
	arena_init(&a);
	d = tdict_new(&a);
	tdict_set(d, "a.b-c_D9", "1");
	tdict_set(d, "url", "2");
	tdict_set(d, "html", "3");
	assert_string_equal(render_text(&a,
	    "{{a.b-c_D9}}{{url}}{{html}}{{url:url}}{{html:html}}", d),
	    "12323");
	arena_free(&a);
}

static void
test_err_too_deep(void **state)
{
	struct arena	 a;
	struct tdict	*d;
	char		 ok[LIM_TEMPLATE_DEPTH * 16 + 1] = "";
	char		 deep[(LIM_TEMPLATE_DEPTH + 1) * 16 + 1] = "";
	char		 msg[ERRLEN];
	int		 i;

	(void)state;
	for (i = 0; i < LIM_TEMPLATE_DEPTH; i++)
		strcat(ok, "{{#s}}");
	strcat(ok, "x");
	for (i = 0; i < LIM_TEMPLATE_DEPTH; i++)
		strcat(ok, "{{/s}}");
	arena_init(&a);
	d = tdict_new(&a);
	tdict_set_bool(d, "s", 1);
	assert_string_equal(render_text(&a, ok, d), "x");
	/* The same depth with a list renders items^depth times. */
	tdict_add_item(d, "s");
	tdict_add_item(d, "s");
	assert_int_equal(strlen(render_text(&a, ok, d)),
	    (size_t)1 << LIM_TEMPLATE_DEPTH);
	arena_free(&a);

	for (i = 0; i < LIM_TEMPLATE_DEPTH; i++)
		strcat(deep, "{{#s}}\n");
	strcat(deep, "{{^s}}x");
	for (i = 0; i <= LIM_TEMPLATE_DEPTH; i++)
		strcat(deep, "{{/s}}");
	snprintf(msg, sizeof(msg), "t:%d: sections nested deeper than %d",
	    LIM_TEMPLATE_DEPTH + 1, LIM_TEMPLATE_DEPTH);
	expect_parse_error(deep, msg);
}

static void
test_err_missing_partial(void **state)
{
	(void)state;
	expect_link_error("page:2: {{>nav}}: no template nav.html",
	    "header", "<h1>",
	    "page", "{{>header}}\n{{#x}}{{>nav}}{{/x}}",
	    NULL);
}

static void
test_err_include_cycle(void **state)
{
	(void)state;
	expect_link_error("self:1: include cycle: self > self",
	    "self", "x{{>self}}", NULL);
	expect_link_error("b:3: include cycle: a > b > a",
	    "a", "{{>b}}", "b", "\n\n{{>a}}", NULL);
	expect_link_error("c:1: include cycle: b > c > b",
	    "a", "{{>b}}", "b", "{{>c}}", "c", "{{>b}}", NULL);
}

static void
test_render_after_failed_link(void **state)
{
	struct arena	 a;
	struct tmpl_set	*set;
	struct buf	 b;
	char		 errbuf[ERRLEN];

	(void)state;
	arena_init(&a);
	set = tmpl_set_new();
	assert_non_null(set);
	assert_int_equal(tmpl_set_add(set, "a", "a{{>a}}", 7, errbuf,
	    sizeof(errbuf)), ERR_OK);
	assert_int_equal(tmpl_set_link(set, errbuf, sizeof(errbuf)),
	    ERR_CONF);
	/* Misuse, but it must not loop: the partial renders as nothing. */
	buf_init(&b, &a);
	tmpl_render(tmpl_get(set, "a"), NULL, &b);
	assert_string_equal(b.data, "a");
	tmpl_set_free(set);
	arena_free(&a);
}

static void
test_err_line_numbers(void **state)
{
	(void)state;
	expect_parse_error("line 1\n{{! a\ncomment\n}}\n<p>{{x}}</p>\n{{bad!}}",
	    "t:6: bad character '!' in tag (names are [A-Za-z0-9_.-])");
	/* A tag's line is where it starts. */
	expect_parse_error("\n{{ ok\n}}{{#s\n}}\n{{\n/t}}",
	    "t:5: {{/t}} does not close {{#s}} of line 3");
	expect_parse_error("\r\n\r\n{{#s}}", "t:3: {{#s}} is not closed");
}

static void
test_errbuf_small(void **state)
{
	struct tmpl_set	*set;
	char		 errbuf[8];

	(void)state;
	set = tmpl_set_new();
	assert_non_null(set);
	memset(errbuf, 'z', sizeof(errbuf));
	assert_int_equal(tmpl_set_add(set, "longname", "{{", 2, errbuf,
	    sizeof(errbuf)), ERR_CONF);
	assert_string_equal(errbuf, "longnam");
	assert_int_equal(tmpl_set_add(set, "t", "{{", 2, NULL, 0), ERR_CONF);
	assert_int_equal(tmpl_set_add(set, "a", "{{>b}}", 6, NULL, 0), ERR_OK);
	assert_int_equal(tmpl_set_add(set, "b", "{{>a}}", 6, NULL, 0), ERR_OK);
	assert_int_equal(tmpl_set_link(set, NULL, 0), ERR_CONF);
	memset(errbuf, 'z', sizeof(errbuf));
	assert_int_equal(tmpl_set_link(set, errbuf, sizeof(errbuf)), ERR_CONF);
	assert_string_equal(errbuf, "b:1: in");
	tmpl_set_free(set);
}

static void
test_err_template_names(void **state)
{
	struct tmpl_set	*set;
	char		 errbuf[ERRLEN];
	char		*big;

	(void)state;
	set = tmpl_set_new();
	assert_non_null(set);
	assert_int_equal(tmpl_set_add(set, "x", "1", 1, errbuf,
	    sizeof(errbuf)), ERR_OK);
	assert_int_equal(tmpl_set_add(set, "x", "2", 1, errbuf,
	    sizeof(errbuf)), ERR_CONF);
	assert_string_equal(errbuf, "x: duplicate template name");
	assert_int_equal(tmpl_set_add(set, "a b", "2", 1, errbuf,
	    sizeof(errbuf)), ERR_CONF);
	assert_string_equal(errbuf,
	    "a b: bad template name (names are [A-Za-z0-9_.-])");
	assert_int_equal(tmpl_set_add(set, "", "2", 1, errbuf,
	    sizeof(errbuf)), ERR_CONF);
	assert_string_equal(errbuf,
	    ": bad template name (names are [A-Za-z0-9_.-])");

	big = malloc((size_t)LIM_TEMPLATE_MAX + 1);
	assert_non_null(big);
	memset(big, 'a', (size_t)LIM_TEMPLATE_MAX + 1);
	assert_int_equal(tmpl_set_add(set, "big", big,
	    (size_t)LIM_TEMPLATE_MAX + 1, errbuf, sizeof(errbuf)), ERR_CONF);
	snprintf(big, 64, "big: larger than %d bytes", LIM_TEMPLATE_MAX);
	assert_string_equal(errbuf, big);
	memset(big, 'a', (size_t)LIM_TEMPLATE_MAX);
	assert_int_equal(tmpl_set_add(set, "big", big, LIM_TEMPLATE_MAX,
	    errbuf, sizeof(errbuf)), ERR_OK);
	free(big);

	/* A failed add leaves the set as it was: the name is still free. */
	assert_int_equal(tmpl_set_add(set, "y", "{{", 2, errbuf,
	    sizeof(errbuf)), ERR_CONF);
	assert_null(tmpl_get(set, "y"));
	assert_int_equal(tmpl_set_add(set, "y", "{{y}}", 5, errbuf,
	    sizeof(errbuf)), ERR_OK);
	assert_non_null(tmpl_get(set, "y"));
	assert_int_equal(tmpl_set_link(set, errbuf, sizeof(errbuf)), ERR_OK);
	tmpl_set_free(set);
	tmpl_set_free(NULL);
}

static void
test_nul_in_text(void **state)
{
	struct arena	 a;
	struct tmpl_set	*set;
	struct buf	 b;
	char		 errbuf[ERRLEN];
	static const char text[] = "a\0b{{! \0 }}c";

	(void)state;
	arena_init(&a);
	set = tmpl_set_new();
	assert_non_null(set);
	assert_int_equal(tmpl_set_add(set, "t", text, sizeof(text) - 1,
	    errbuf, sizeof(errbuf)), ERR_OK);
	buf_init(&b, &a);
	tmpl_render(tmpl_get(set, "t"), NULL, &b);
	assert_int_equal(b.len, 4);
	assert_memory_equal(b.data, "a\0bc", 4);
	tmpl_set_free(set);
	arena_free(&a);
}

/* Directory fixtures for tmpl_set_load(). */

static void
write_file(const char *dir, const char *name, const char *text)
{
	char	 path[512];
	FILE	*fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
	assert_int_equal(fclose(fp), 0);
}

static void
remove_file(const char *dir, const char *name)
{
	char	 path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_int_equal(unlink(path), 0);
}

static void
make_dir(char *dir)
{
	const char	*tmp;

	if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
		tmp = "/tmp";
	snprintf(dir, 256, "%s/test-tmpl.XXXXXX", tmp);
	assert_non_null(mkdtemp(dir));
}

static void
test_load(void **state)
{
	struct arena	 a;
	struct tmpl_set	*set = NULL;
	struct tdict	*d;
	struct buf	 b;
	char		 dir[256], errbuf[ERRLEN] = "";

	(void)state;
	make_dir(dir);
	write_file(dir, "page.html", "{{>header}}<p>{{body}}</p>\n");
	write_file(dir, "header.html", "<title>{{title}}</title>\n");
	write_file(dir, "notes.txt", "{{ not a template");
	write_file(dir, ".#page.html", "{{ editor lock file");
	write_file(dir, "page.html~", "{{ backup");
	assert_int_equal(tmpl_set_load(dir, &set, errbuf, sizeof(errbuf)),
	    ERR_OK);
	assert_non_null(set);
	assert_null(tmpl_get(set, "notes"));
	assert_null(tmpl_get(set, ".#page"));
	arena_init(&a);
	d = tdict_new(&a);
	tdict_set(d, "title", "Les \"nouvelles\"");
	tdict_set(d, "body", "1 < 2");
	buf_init(&b, &a);
	tmpl_render(tmpl_get(set, "page"), d, &b);
	assert_string_equal(b.data,
	    "<title>Les &quot;nouvelles&quot;</title>\n<p>1 &lt; 2</p>\n");
	arena_free(&a);
	tmpl_set_free(set);

	remove_file(dir, "page.html");
	remove_file(dir, "header.html");
	remove_file(dir, "notes.txt");
	remove_file(dir, ".#page.html");
	remove_file(dir, "page.html~");
	assert_int_equal(rmdir(dir), 0);
}

static void
test_load_errors(void **state)
{
	struct tmpl_set	*set;
	char		 dir[256], errbuf[ERRLEN] = "", msg[ERRLEN + 300];
	char		 path[512], *big;
	FILE		*fp;

	(void)state;
	make_dir(dir);

	/* An empty directory (for templates) is a configuration error. */
	set = (struct tmpl_set *)&set;
	write_file(dir, "readme.txt", "x");
	assert_int_equal(tmpl_set_load(dir, &set, errbuf, sizeof(errbuf)),
	    ERR_CONF);
	assert_null(set);
	snprintf(msg, sizeof(msg), "%s: no *.html templates", dir);
	assert_string_equal(errbuf, msg);
	remove_file(dir, "readme.txt");

	/* A parse error names the file and the line. */
	write_file(dir, "a.html", "fine");
	write_file(dir, "broken.html", "<p>\n{{#list}}\n</p>\n");
	assert_int_equal(tmpl_set_load(dir, &set, errbuf, sizeof(errbuf)),
	    ERR_CONF);
	assert_null(set);
	snprintf(msg, sizeof(msg), "%s/broken.html:2: {{#list}} is not "
	    "closed", dir);
	assert_string_equal(errbuf, msg);
	remove_file(dir, "broken.html");

	/* A missing partial, across files. */
	write_file(dir, "b.html", "{{>a}}{{>nav}}");
	assert_int_equal(tmpl_set_load(dir, &set, errbuf, sizeof(errbuf)),
	    ERR_CONF);
	snprintf(msg, sizeof(msg), "%s/b.html:1: {{>nav}}: no template "
	    "nav.html", dir);
	assert_string_equal(errbuf, msg);
	remove_file(dir, "b.html");

	/* A file name that no {{>partial}} could name. */
	write_file(dir, "my page.html", "x");
	assert_int_equal(tmpl_set_load(dir, &set, errbuf, sizeof(errbuf)),
	    ERR_CONF);
	snprintf(msg, sizeof(msg), "%s/my page.html: bad template name "
	    "(names are [A-Za-z0-9_.-])", dir);
	assert_string_equal(errbuf, msg);
	remove_file(dir, "my page.html");

	/* Too big. */
	big = malloc((size_t)LIM_TEMPLATE_MAX + 1);
	assert_non_null(big);
	memset(big, 'x', (size_t)LIM_TEMPLATE_MAX + 1);
	snprintf(path, sizeof(path), "%s/big.html", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	assert_int_equal(fwrite(big, 1, (size_t)LIM_TEMPLATE_MAX + 1, fp),
	    (size_t)LIM_TEMPLATE_MAX + 1);
	assert_int_equal(fclose(fp), 0);
	free(big);
	assert_int_equal(tmpl_set_load(dir, &set, errbuf, sizeof(errbuf)),
	    ERR_CONF);
	snprintf(msg, sizeof(msg), "%s/big.html: larger than %d bytes", dir,
	    LIM_TEMPLATE_MAX);
	assert_string_equal(errbuf, msg);
	assert_int_equal(truncate(path, LIM_TEMPLATE_MAX), 0);
	assert_int_equal(tmpl_set_load(dir, &set, errbuf, sizeof(errbuf)),
	    ERR_OK);
	assert_non_null(tmpl_get(set, "big"));
	tmpl_set_free(set);
	remove_file(dir, "big.html");

	/* Not a regular file. */
	snprintf(path, sizeof(path), "%s/sub.html", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	assert_int_equal(tmpl_set_load(dir, &set, errbuf, sizeof(errbuf)),
	    ERR_CONF);
	snprintf(msg, sizeof(msg), "%s/sub.html: not a regular file", dir);
	assert_string_equal(errbuf, msg);
	assert_int_equal(rmdir(path), 0);

	remove_file(dir, "a.html");
	assert_int_equal(rmdir(dir), 0);

	/* A directory that cannot be read. */
	set = (struct tmpl_set *)&set;
	assert_int_equal(tmpl_set_load(dir, &set, errbuf, sizeof(errbuf)),
	    ERR_IO);
	assert_null(set);
	snprintf(msg, sizeof(msg), "%s: No such file or directory", dir);
	assert_string_equal(errbuf, msg);
}

/* A translator for the tests: a few French texts, the rest untranslated. */
static const char *
tr_fr(void *arg, const char *msgid)
{
	static const char *const fr[][2] = {
		{ "Sign in", "Se connecter" },
		{ "Approve revision {{rev}}", "Approuver la révision {{rev}}" },
		{ "{{approvals}} of {{required}}",
		    "{{required}} requises, {{approvals}} reçues" },
		{ "Quotes", "« <b>&</b> »" },
		{ "Loose {{x}}", "{{x}} {{nope}} {{ x }} {{x" },
	};
	size_t	 i;

	(void)arg;
	for (i = 0; i < sizeof(fr) / sizeof(fr[0]); i++)
		if (strcmp(msgid, fr[i][0]) == 0)
			return fr[i][1];
	return NULL;
}

static void
test_trans_without_translator(void **state)
{
	struct arena	 a;
	struct tdict	*d;

	(void)state;
	arena_init(&a);
	d = tdict_new(&a);
	tdict_set(d, "rev", "3");
	/* The English text, trimmed, white space runs made one space. */
	assert_string_equal(render_text(&a, "<b>{{t:Sign in}}</b>", d),
	    "<b>Sign in</b>");
	assert_string_equal(render_text(&a, "[{{t:  Sign\n\t in  }}]", d),
	    "[Sign in]");
	assert_string_equal(render_text(&a, "{{ t:Approve revision {{rev}}}}",
	    d), "Approve revision 3");
	assert_string_equal(render_text(&a, "{{t:a < b & \"c\"}}", NULL),
	    "a &lt; b &amp; &quot;c&quot;");
	arena_free(&a);
}

static void
test_trans_translated(void **state)
{
	struct arena	 a;
	struct tdict	*d, *it;

	(void)state;
	arena_init(&a);
	d = tdict_new(&a);
	tdict_set_translator(d, tr_fr, NULL);
	tdict_set(d, "rev", "<3>");
	tdict_set(d, "approvals", "1");
	tdict_set_html(d, "required", "<i>2</i>");
	assert_string_equal(render_text(&a, "{{t:Sign in}}|{{t:Other}}", d),
	    "Se connecter|Other");
	/* Values are escaped, trusted markup too: a translation is text. */
	assert_string_equal(render_text(&a, "{{t:Approve revision {{rev}}}}",
	    d), "Approuver la révision &lt;3&gt;");
	/* The translation may put the placeholders in another order. */
	assert_string_equal(render_text(&a, "{{t:{{approvals}} of "
	    "{{required}}}}", d), "&lt;i&gt;2&lt;/i&gt; requises, 1 reçues");
	/* The translation's own markup is escaped. */
	assert_string_equal(render_text(&a, "{{t:Quotes}}", d),
	    "« &lt;b&gt;&amp;&lt;/b&gt; »");
	/* Unknown names are empty; what is not a placeholder is text. */
	tdict_set(d, "x", "X");
	assert_string_equal(render_text(&a, "{{t:Loose {{x}}}}", d),
	    "X  {{ x }} {{x");
	/* Inside a list item, names are looked up from the item outwards;
	 * the translator is the root's. */
	it = tdict_add_item(d, "items");
	tdict_set(it, "rev", "7");
	assert_string_equal(render_text(&a, "{{#items}}{{t:Approve revision "
	    "{{rev}}}}{{/items}}", d), "Approuver la révision 7");
	arena_free(&a);
}

static void
each_msgid(void *arg, const char *file, unsigned int line, const char *msgid)
{
	struct buf	*b = arg;

	buf_printf(b, "%s:%u:%s\n", file, line, msgid);
}

static void
test_trans_msgids(void **state)
{
	struct tmpl_set	*set;
	struct arena	 a;
	struct buf	 b;
	char		 errbuf[ERRLEN] = "";
	const char	*text = "x\n{{t:One}}\n{{#s}}{{t:Two\n  lines {{n}}}}"
	    "{{/s}} {{t:Three}}";

	(void)state;
	arena_init(&a);
	buf_init(&b, &a);
	buf_add(&b, "", 0);
	set = tmpl_set_new();
	assert_int_equal(tmpl_set_add(set, "t", text, strlen(text), errbuf,
	    sizeof(errbuf)), ERR_OK);
	tmpl_set_each_msgid(set, each_msgid, &b);
	assert_string_equal(b.data, "t:2:One\nt:3:Two lines {{n}}\n"
	    "t:4:Three\n");
	tmpl_set_free(set);
	arena_free(&a);
}

static void
test_trans_errors(void **state)
{
	(void)state;
	expect_parse_error("{{t:}}", "t:1: {{t:}} without text");
	expect_parse_error("a\n{{t:   \n }}", "t:2: {{t:}} without text");
	expect_parse_error("{{t:Hello {{#s}}x{{/s}}}}",
	    "t:1: inside {{t:...}} only {{name}} placeholders may appear");
	expect_parse_error("{{t:Hello {{ name }}}}",
	    "t:1: inside {{t:...}} only {{name}} placeholders may appear");
	expect_parse_error("{{t:Hello {{html:x}}}}",
	    "t:1: inside {{t:...}} only {{name}} placeholders may appear");
	expect_parse_error("{{t:Hello {{x}}", "t:1: unclosed tag (no }})");
	expect_parse_error("{{t:Hello", "t:1: unclosed tag (no }})");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_text),
		cmocka_unit_test(test_escape_text),
		cmocka_unit_test(test_missing_is_empty),
		cmocka_unit_test(test_whitespace_in_tags),
		cmocka_unit_test(test_url),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_set_replace_setf),
		cmocka_unit_test(test_section_true),
		cmocka_unit_test(test_section_false),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_list_nested_scopes),
		cmocka_unit_test(test_list_same_name_inside),
		cmocka_unit_test(test_add_item_replaces_value),
		cmocka_unit_test(test_inverted),
		cmocka_unit_test(test_comment),
		cmocka_unit_test(test_partials),
		cmocka_unit_test(test_partial_depth),
		cmocka_unit_test(test_err_unclosed_tag),
		cmocka_unit_test(test_err_sections),
		cmocka_unit_test(test_err_bad_name),
		cmocka_unit_test(test_good_names),
		cmocka_unit_test(test_err_too_deep),
		cmocka_unit_test(test_err_missing_partial),
		cmocka_unit_test(test_err_include_cycle),
		cmocka_unit_test(test_render_after_failed_link),
		cmocka_unit_test(test_err_line_numbers),
		cmocka_unit_test(test_errbuf_small),
		cmocka_unit_test(test_err_template_names),
		cmocka_unit_test(test_nul_in_text),
		cmocka_unit_test(test_load),
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_trans_without_translator),
		cmocka_unit_test(test_trans_translated),
		cmocka_unit_test(test_trans_msgids),
		cmocka_unit_test(test_trans_errors),
	};

	return cmocka_run_group_tests_name("tmpl", tests, NULL, NULL);
}
