/*
 * test-i18n.c: unit tests of the catalogues (i18n.c) and of the dates and
 * names that msg.c writes with them.
 *
 * The PO reader is given small catalogues in memory: escapes, continued
 * strings, comments, fuzzy entries (never used), contexts, and each error
 * with its line.  Accept-Language is negotiated against a set of en, fr
 * and pt-br; dates are written in English, French and a German catalogue
 * made here, as a third language would be added.  The real catalogues are
 * read from LOCALE_DIR (default www/locale): they load, and the French
 * one passes the project's own French typography check.
 */
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

#include "attach.h"
#include "conf.h"
#include "i18n.h"
#include "msg.h"
#include "release.h"
#include "typo.h"

#define ERRLEN		256
#define HEADER		"msgid \"\"\nmsgstr \"Content-Type: text/plain; " \
			    "charset=UTF-8\\n\"\n\n"
#define NBSP		"\xc2\xa0"
#define NNBSP		"\xe2\x80\xaf"

static const char *
locale_dir(void)
{
	const char	*d = getenv("LOCALE_DIR");

	return d != NULL ? d : "www/locale";
}

/* A new set with one catalogue tag made of text; asserts it loads. */
static struct i18n *
one(const char *tag, const char *text)
{
	struct i18n	*set;
	char		 errbuf[ERRLEN] = "";

	set = i18n_new();
	assert_non_null(set);
	if (i18n_add(set, tag, "t.po", text, strlen(text), errbuf,
	    sizeof(errbuf)) != ERR_OK)
		fail_msg("%s", errbuf);
	return set;
}

/* text must fail to load with exactly that message. */
static void
bad(const char *text, const char *msg)
{
	struct i18n	*set;
	char		 errbuf[ERRLEN] = "";

	set = i18n_new();
	assert_non_null(set);
	assert_int_equal(i18n_add(set, "fr", "t.po", text, strlen(text),
	    errbuf, sizeof(errbuf)), ERR_CONF);
	assert_string_equal(errbuf, msg);
	assert_int_equal(i18n_count(set), 0);
	i18n_free(set);
}

static void
test_tags(void **state)
{
	char	 out[I18N_TAG_MAX + 1];
	char	 longtag[64];

	(void)state;
	assert_true(i18n_tag_norm("fr", out));
	assert_string_equal(out, "fr");
	assert_true(i18n_tag_norm("pt-BR", out));
	assert_string_equal(out, "pt-br");
	assert_true(i18n_tag_norm("sr-Latn-RS", out));
	assert_string_equal(out, "sr-latn-rs");
	assert_true(i18n_tag_norm("ast", out));
	assert_false(i18n_tag_norm("", out));
	assert_string_equal(out, "");
	assert_false(i18n_tag_norm("f", out));
	assert_false(i18n_tag_norm("fran", out));
	assert_false(i18n_tag_norm("FR", out));
	assert_false(i18n_tag_norm("fr-", out));
	assert_false(i18n_tag_norm("fr--ca", out));
	assert_false(i18n_tag_norm("fr_CA", out));
	assert_false(i18n_tag_norm("fr-abcdefghi", out));
	assert_false(i18n_tag_norm("../../etc/passwd", out));
	assert_false(i18n_tag_norm("fr/../en", out));
	assert_false(i18n_tag_norm("fr\n", out));
	assert_false(i18n_tag_norm("fr ", out));
	assert_false(i18n_tag_norm("é", out));
	/* 35 bytes at most. */
	snprintf(longtag, sizeof(longtag), "%s", "fr-aaaaaaaa-bbbbbbbb-cccccccc-dd");
	assert_int_equal(strlen(longtag), 32);
	assert_true(i18n_tag_norm(longtag, out));
	snprintf(longtag, sizeof(longtag), "%s",
	    "fr-aaaaaaaa-bbbbbbbb-cccccccc-ddddd");
	assert_int_equal(strlen(longtag), 35);
	assert_true(i18n_tag_norm(longtag, out));
	snprintf(longtag, sizeof(longtag), "%s",
	    "fr-aaaaaaaa-bbbbbbbb-cccccccc-dddddd");
	assert_false(i18n_tag_norm(longtag, out));
}

static void
test_escapes_and_continuations(void **state)
{
	struct i18n	*set;

	(void)state;
	set = one("fr", HEADER
	    "# A translator's comment.\n"
	    "#. An extracted comment.\n"
	    "#: www/templates/x.html\n"
	    "msgid \"Line\\none\\ttab \\\"quoted\\\" back\\\\slash\"\n"
	    "msgstr \"Ligne\\nune\\ttab « cité » barre\\\\oblique\"\n"
	    "\n"
	    "msgid \"\"\n"
	    "\"Long \"\n"
	    "  \"text\"\n"
	    "msgstr \"\"\n"
	    "\"Texte \"\n"
	    "\"long\"   \n"
	    "\r\n"
	    "msgid \"Untranslated\"\n"
	    "msgstr \"\"\n");
	assert_string_equal(i18n_lookup(set, "fr",
	    "Line\none\ttab \"quoted\" back\\slash"),
	    "Ligne\nune\ttab « cité » barre\\oblique");
	assert_string_equal(i18n_lookup(set, "fr", "Long text"), "Texte long");
	/* Empty msgstr: known, but no translation. */
	assert_null(i18n_lookup(set, "fr", "Untranslated"));
	assert_true(i18n_known(set, "fr", "Untranslated"));
	assert_false(i18n_known(set, "fr", "Nowhere"));
	assert_null(i18n_lookup(set, "en", "Long text"));
	i18n_free(set);
}

static void
test_fuzzy_and_obsolete(void **state)
{
	struct i18n	*set;

	(void)state;
	set = one("fr", HEADER
	    "#, fuzzy\n"
	    "msgid \"Maybe\"\n"
	    "msgstr \"Peut-être\"\n"
	    "\n"
	    "#, c-format, fuzzy\n"
	    "msgid \"%s files\"\n"
	    "msgstr \"%d fichiers\"\n"
	    "\n"
	    "#, c-format\n"
	    "msgid \"%s lines\"\n"
	    "msgstr \"%s lignes\"\n"
	    "\n"
	    "#~ msgid \"Gone\"\n"
	    "#~ msgstr \"Parti\"\n");
	/* A fuzzy entry is not used, and its placeholders are not checked. */
	assert_null(i18n_lookup(set, "fr", "Maybe"));
	assert_true(i18n_known(set, "fr", "Maybe"));
	assert_null(i18n_lookup(set, "fr", "%s files"));
	assert_string_equal(i18n_lookup(set, "fr", "%s lines"), "%s lignes");
	assert_false(i18n_known(set, "fr", "Gone"));
	i18n_free(set);
}

static void
test_contexts(void **state)
{
	struct i18n	*set;

	(void)state;
	set = one("fr", HEADER
	    "msgctxt \"decimal separator\"\n"
	    "msgid \".\"\n"
	    "msgstr \",\"\n"
	    "\n"
	    "msgid \".\"\n"
	    "msgstr \"point\"\n");
	assert_string_equal(i18n_lookup(set, "fr", "decimal separator"
	    I18N_CTX "."), ",");
	assert_string_equal(i18n_lookup(set, "fr", "."), "point");
	i18n_free(set);
}

static void
test_errors(void **state)
{
	(void)state;
	bad(HEADER "msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"a\"\nmsgstr \"c\"\n",
	    "t.po:7: duplicate msgid (first at line 4)");
	bad(HEADER "msgctxt \"x\"\nmsgid \"a\"\nmsgstr \"b\"\n\n"
	    "msgctxt \"x\"\nmsgid \"a\"\nmsgstr \"c\"\n",
	    "t.po:9: duplicate msgid (first at line 5)");
	bad(HEADER "msgid \"a\"\n\nmsgid \"b\"\nmsgstr \"c\"\n",
	    "t.po:4: msgid without msgstr");
	bad(HEADER "msgid \"a\"\n", "t.po:4: msgid without msgstr");
	bad(HEADER "msgid \"a\"\n# comment\nmsgstr \"b\"\n",
	    "t.po:5: a comment inside an entry (before its msgstr)");
	bad(HEADER "msgstr \"b\"\n", "t.po:4: msgstr without msgid");
	bad(HEADER "msgid \"a\"\nmsgstr \"b\"\nmsgstr \"c\"\n",
	    "t.po:6: a second msgstr");
	bad(HEADER "msgctxt \"x\"\nmsgstr \"b\"\n",
	    "t.po:5: msgstr without msgid");
	bad(HEADER "msgctxt \"x\"\n\n# c\n",
	    "t.po:6: a comment inside an entry (before its msgstr)");
	bad(HEADER "msgctxt \"x\"\n", "t.po:4: msgctxt without msgid");
	bad(HEADER "\"stray\"\n",
	    "t.po:4: a string without a keyword before it");
	bad(HEADER "msgid \"a\\x41\"\nmsgstr \"b\"\n",
	    "t.po:4: unsupported escape (use \\n, \\t, \\\" or \\\\)");
	bad(HEADER "msgid \"a\nmsgstr \"b\"\n",
	    "t.po:4: string without its closing quote");
	bad(HEADER "msgid \"a\" x\nmsgstr \"b\"\n",
	    "t.po:4: text after the closing quote");
	bad(HEADER "msgid a\nmsgstr \"b\"\n",
	    "t.po:4: expected a \"quoted string\"");
	bad(HEADER "msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[0] \"b\"\n",
	    "t.po:5: plural forms are not supported");
	bad(HEADER "msgid \"a\"\nmsgstr[0] \"b\"\n",
	    "t.po:5: plural forms are not supported");
	bad(HEADER "bonjour\n", "t.po:4: expected msgctxt, msgid, msgstr, a "
	    "\"string\" or a # comment");
	bad(HEADER "msgid \"\"\nmsgstr \"x\"\n",
	    "t.po:4: a second header (msgid \"\")");
	bad("msgid \"\"\nmsgstr \"Content-Type: text/plain; "
	    "charset=ISO-8859-1\\n\"\n", "t.po:1: the charset must be UTF-8");
	bad(HEADER "msgid \"caf\xe9\"\nmsgstr \"b\"\n", "t.po:4: text that is "
	    "not UTF-8, or a control character other than \\n and \\t");
	bad(HEADER "msgid \"a\x01\"\nmsgstr \"b\"\n", "t.po:4: text that is "
	    "not UTF-8, or a control character other than \\n and \\t");
	bad(HEADER "msgctxt \"x\"\nmsgctxt \"y\"\n",
	    "t.po:5: msgctxt out of place");
}

static void
test_error_nul_byte(void **state)
{
	struct i18n	*set;
	char		 errbuf[ERRLEN] = "";
	const char	 text[] = HEADER "msgid \"a\0b\"\nmsgstr \"c\"\n";

	(void)state;
	set = i18n_new();
	assert_int_equal(i18n_add(set, "fr", "t.po", text, sizeof(text) - 1,
	    errbuf, sizeof(errbuf)), ERR_CONF);
	assert_string_equal(errbuf, "t.po:4: a NUL byte");
	i18n_free(set);
}

static void
test_placeholders(void **state)
{
	(void)state;
	assert_true(i18n_placeholders_match("plain", "simple"));
	assert_true(i18n_placeholders_match("%s can be written",
	    "%s est accessible"));
	assert_true(i18n_placeholders_match("%s (%d) %lld %%",
	    "%s (%d) %%, %lld"));
	assert_true(i18n_placeholders_match("%-10s|%5.2f", "%s|%f"));
	assert_false(i18n_placeholders_match("%s (%d)", "(%d) %s"));
	assert_false(i18n_placeholders_match("%s", "%d"));
	assert_false(i18n_placeholders_match("%lld MB", "%d Mo"));
	assert_false(i18n_placeholders_match("%s", "%s %s"));
	assert_false(i18n_placeholders_match("%s", "no conversion"));
	assert_false(i18n_placeholders_match("100%", "100 %%"));
	assert_false(i18n_placeholders_match("%d%%", "%d"));
	assert_false(i18n_placeholders_match("%*d", "%d"));
	assert_true(i18n_placeholders_match("{{a}} of {{b}}", "{{b}}: {{a}}"));
	assert_true(i18n_placeholders_match("{{a}} {{a}}", "{{a}}{{a}}"));
	assert_false(i18n_placeholders_match("{{a}} {{a}}", "{{a}}"));
	assert_false(i18n_placeholders_match("{{a}} of {{b}}", "{{a}} sur"));
	assert_false(i18n_placeholders_match("{{a}}", "{{a}} {{c}}"));
	assert_false(i18n_placeholders_match("{{title}}", "{{titre}}"));
	/* What is not a placeholder is text, in both. */
	assert_true(i18n_placeholders_match("{{ a }} {a}", "{a} {{ a }}"));
}

static void
test_placeholder_mismatch_refused(void **state)
{
	(void)state;
	bad(HEADER "msgid \"%s files\"\nmsgstr \"%d fichiers\"\n",
	    "t.po:5: msgstr placeholders differ from msgid");
	bad(HEADER "msgid \"Hello\"\nmsgstr \"Bonjour\"\n\n"
	    "msgid \"By: {{user}}\"\nmsgstr \"\"\n\"Par : {{utilisateur}}\"\n",
	    "t.po:8: msgstr placeholders differ from msgid");
	bad(HEADER "msgid \"{{a}} of {{b}}\"\nmsgstr \"{{a}} sur\"\n",
	    "t.po:5: msgstr placeholders differ from msgid");
}

/* en, fr and pt-br, for negotiation. */
static struct i18n *
three(void)
{
	struct i18n	*set;
	char		 errbuf[ERRLEN];

	set = i18n_new();
	assert_int_equal(i18n_add(set, "fr", "fr.po", HEADER, strlen(HEADER),
	    errbuf, sizeof(errbuf)), ERR_OK);
	assert_int_equal(i18n_add(set, "en", "en.po", HEADER, strlen(HEADER),
	    errbuf, sizeof(errbuf)), ERR_OK);
	assert_int_equal(i18n_add(set, "pt-br", "pt-br.po", HEADER,
	    strlen(HEADER), errbuf, sizeof(errbuf)), ERR_OK);
	assert_int_equal(i18n_add(set, "fr", "fr2.po", HEADER, strlen(HEADER),
	    errbuf, sizeof(errbuf)), ERR_CONF);
	assert_string_equal(errbuf, "fr2.po: a second catalogue for fr");
	return set;
}

static void
negotiates(const struct i18n *set, const char *header, const char *want)
{
	const char	*got = i18n_negotiate(set, header);
	const char	*h = header == NULL ? "(null)" : header;

	if (want == NULL && got != NULL)
		fail_msg("\"%.60s\": got %s, want none", h, got);
	if (want != NULL && (got == NULL || strcmp(got, want) != 0))
		fail_msg("\"%.60s\": got %s, want %s", h,
		    got == NULL ? "none" : got, want);
}

static void
test_accept_language(void **state)
{
	struct i18n	*set;

	(void)state;
	set = three();
	assert_int_equal(i18n_count(set), 3);
	assert_string_equal(i18n_tag(set, 0), "en");
	assert_string_equal(i18n_tag(set, 1), "fr");
	assert_string_equal(i18n_tag(set, 2), "pt-br");
	negotiates(set, NULL, NULL);
	negotiates(set, "", NULL);
	negotiates(set, "fr", "fr");
	negotiates(set, "FR", "fr");
	negotiates(set, "fr-CA", "fr");
	negotiates(set, "fr-CA,fr;q=0.9,en;q=0.8", "fr");
	negotiates(set, "de, en;q=0.5, fr;q=0.7", "fr");
	negotiates(set, "de-DE,de;q=0.9", NULL);
	negotiates(set, "en, fr", "en");
	negotiates(set, "fr;q=0.5, en;q=0.5", "fr");
	negotiates(set, "en;q=0.1, fr;q=0.100, pt;q=0.2", "pt-br");
	negotiates(set, "pt-BR", "pt-br");
	negotiates(set, "pt-PT", "pt-br");
	negotiates(set, " \tfr ; q=0.5 , en;q=0.4", "fr");
	negotiates(set, "fr;Q=1", "fr");
	/* Refused languages and "*". */
	negotiates(set, "fr;q=0, en;q=0", NULL);
	negotiates(set, "fr-CA, fr;q=0", NULL);
	negotiates(set, "*", NULL);
	negotiates(set, "*;q=0.5, fr;q=0.1", NULL);
	negotiates(set, "fr;q=0.6, *;q=0.5", "fr");
	/* Malformed entries are skipped, the rest is used. */
	negotiates(set, "fr;q=1.5, en", "en");
	negotiates(set, "fr;q=abc, en", "en");
	negotiates(set, "fr;q=0.1234, en;q=0.1", "en");
	negotiates(set, "fr;level=1, en;q=0.1", "en");
	negotiates(set, "$$$, ../../etc/passwd, fr\x01, en", "en");
	negotiates(set, "toolongprimary, en", "en");
	negotiates(set, ",,,;;;q=,=, fr", "fr");
	negotiates(set, "fr-" "averyveryverylongsubtag", NULL);
	i18n_free(set);
}

static void
test_accept_language_limits(void **state)
{
	struct i18n	*set;
	char		*h;
	size_t		 i, n;

	(void)state;
	set = three();
	/* 10 KB: ignored entirely, even if it starts well. */
	h = malloc(10 * 1024 + 1);
	assert_non_null(h);
	memset(h, 'x', 10 * 1024);
	memcpy(h, "fr,", 3);
	h[10 * 1024] = '\0';
	negotiates(set, h, NULL);
	/* Just at the limit it is read. */
	memset(h, ' ', I18N_ACCEPT_MAX);
	memcpy(h, "fr", 2);
	h[I18N_ACCEPT_MAX] = '\0';
	negotiates(set, h, "fr");
	h[I18N_ACCEPT_MAX] = ' ';
	h[I18N_ACCEPT_MAX + 1] = '\0';
	negotiates(set, h, NULL);
	/* Only the first 32 entries count. */
	for (i = 0, n = 0; i < I18N_ACCEPT_ITEMS; i++)
		n += (size_t)snprintf(h + n, 64, "de;q=0.9,");
	snprintf(h + n, 64, "fr");
	negotiates(set, h, NULL);
	h[n - 9] = '\0';
	snprintf(h + n - 9, 64, "fr");
	negotiates(set, h, "fr");
	free(h);
	i18n_free(set);
}

/* en, fr from the real catalogues, and a German one made here. */
static struct i18n *
with_german(void)
{
	struct i18n	*set;
	char		 errbuf[ERRLEN] = "";
	const char	*de = HEADER
	    "msgctxt \"date pattern\"\n"
	    "msgid \"{{day}} {{month}} {{year}}\"\n"
	    "msgstr \"{{day}}. {{month}} {{year}}\"\n\n"
	    "msgctxt \"time pattern\"\n"
	    "msgid \"{{date}}, {{time}} UTC\"\n"
	    "msgstr \"{{date}} um {{time}} UTC\"\n\n"
	    "msgid \"November\"\nmsgstr \"November\"\n\n"
	    "msgid \"March\"\nmsgstr \"März\"\n\n"
	    "msgctxt \"language name\"\nmsgid \"English\"\n"
	    "msgstr \"Deutsch\"\n";

	if (i18n_load(locale_dir(), &set, errbuf, sizeof(errbuf)) != ERR_OK)
		fail_msg("%s", errbuf);
	assert_int_equal(i18n_add(set, "de", "de.po", de, strlen(de), errbuf,
	    sizeof(errbuf)), ERR_OK);
	i18n_use(set, "en");
	return set;
}

static void
test_dates(void **state)
{
	struct i18n	*set;
	struct arena	 a;
	time_t		 t = 1795651200 + 14 * 3600 + 5 * 60;	/* 2026-11-26 */

	(void)state;
	set = with_german();
	arena_init(&a);
	assert_string_equal(msg_date(&a, "en", "2026-11-26"),
	    "26 November 2026");
	assert_string_equal(msg_date(&a, "fr", "2026-11-26"),
	    "26 novembre 2026");
	assert_string_equal(msg_date(&a, "fr", "2026-11-01"),
	    "1er novembre 2026");
	assert_string_equal(msg_date(&a, "en", "2026-11-01"),
	    "1 November 2026");
	assert_string_equal(msg_date(&a, "fr", "2027-02-09"),
	    "9 février 2027");
	assert_string_equal(msg_date(&a, "de", "2026-03-05"),
	    "5. März 2026");
	/* A month the German catalogue lacks: English. */
	assert_string_equal(msg_date(&a, "de", "2026-05-05"), "5. May 2026");
	assert_string_equal(msg_time(&a, "en", t),
	    "26 November 2026, 14:05 UTC");
	assert_string_equal(msg_time(&a, "fr", t),
	    "26 novembre 2026 à 14:05 UTC");
	assert_string_equal(msg_time(&a, "de", t),
	    "26. November 2026 um 14:05 UTC");
	/* Malformed dates come back as they are. */
	assert_string_equal(msg_date(&a, "fr", "2026-13-01"), "2026-13-01");
	assert_string_equal(msg_date(&a, "fr", "2026-11-00"), "2026-11-00");
	assert_string_equal(msg_date(&a, "fr", "26/11/2026"), "26/11/2026");
	assert_string_equal(msg_date(&a, "fr", "2026-02-31"), "2026-02-31");
	assert_string_equal(msg_date(&a, "fr", "2027-02-29"), "2027-02-29");
	assert_string_equal(msg_date(&a, "fr", "0000-01-01"), "0000-01-01");
	assert_string_equal(msg_date(&a, "fr", "2028-02-29"),
	    "29 février 2028");
	assert_string_equal(msg_date(&a, "fr", ""), "");
	/* The current language. */
	i18n_set_lang("fr");
	assert_string_equal(msg_date(&a, NULL, "2026-11-26"),
	    "26 novembre 2026");
	i18n_set_lang("../../etc/passwd");
	assert_string_equal(i18n_lang(), "en");
	assert_string_equal(msg_date(&a, NULL, "2026-11-26"),
	    "26 November 2026");
	arena_free(&a);
	i18n_use(NULL, NULL);
	i18n_free(set);
}

static void
test_current_language(void **state)
{
	struct i18n	*set;
	struct arena	 a;

	(void)state;
	set = with_german();
	arena_init(&a);
	assert_string_equal(i18n_default_lang(), "en");
	assert_string_equal(msg_lang_name("en"), "English");
	assert_string_equal(msg_lang_name("fr"), "Français");
	assert_string_equal(msg_lang_name("de"), "Deutsch");
	i18n_set_lang("fr");
	assert_string_equal(i18n_lang(), "fr");
	assert_string_equal(msg_get(MSG_SAVED), "Enregistré.");
	assert_string_equal(msg_get_in("en", MSG_SAVED), "Saved.");
	assert_string_equal(err_msg(ERR_NOTFOUND),
	    "Cette page ou ce communiqué n’existe pas.");
	assert_string_equal(msg_tr("review"), "en relecture");
	assert_string_equal(msg_field_label("lead"), "Chapeau");
	assert_string_equal(msg_field_label("nosuchfield"), "nosuchfield");
	assert_string_equal(attach_type_label("application/pdf"),
	    "document PDF");
	assert_string_equal(attach_size_label(&a, 2500000), "2,5" NBSP "Mo");
	assert_string_equal(attach_size_label(&a, 512), "512" NBSP "octets");
	/* German has no message: English is shown. */
	i18n_set_lang("de");
	assert_string_equal(msg_get(MSG_SAVED), "Saved.");
	assert_string_equal(attach_size_label(&a, 2500000), "2.5 MB");
	/* A tag that names no catalogue leaves French for the default. */
	i18n_set_lang("fr");
	i18n_set_lang("../fr");
	assert_string_equal(i18n_lang(), "en");
	assert_string_equal(attach_size_label(&a, 820000), "820 kB");
	i18n_set_lang("fr");
	assert_string_equal(attach_size_label(&a, 820000), "820" NBSP "ko");
	assert_string_equal(attach_size_label(&a, 1250000000), "1,25" NBSP
	    "Go");
	arena_free(&a);
	i18n_use(NULL, NULL);
	i18n_free(set);
}

static void
test_expand(void **state)
{
	struct arena	 a;
	const char	*kv[] = { "a", "1", "bb", "<2>", NULL };

	(void)state;
	arena_init(&a);
	assert_string_equal(i18n_expand(&a, "{{a}} of {{bb}}", kv),
	    "1 of <2>");
	assert_string_equal(i18n_expand(&a, "{{bb}}{{a}}{{c}}|{{ a }}|{{a",
	    kv), "<2>1|{{ a }}|{{a");
	assert_string_equal(i18n_expand(&a, "none", NULL), "none");
	arena_free(&a);
}

/* Every text the C code translates by its English is in msg.c's tables. */
static void
test_c_texts_known(void **state)
{
	static const char *const types[] = {
		"image/jpeg", "image/png", "image/webp", "image/gif",
		"application/pdf", "text/plain", "text/csv",
		"application/vnd.oasis.opendocument.text",
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < STATE__COUNT; i++)
		assert_true(msg_known(release_state_name((enum release_state)i)));
	assert_true(msg_known("scheduled"));
	assert_true(msg_known("online"));
	assert_true(msg_known(conf_role_name(ROLE_EDITOR)));
	assert_true(msg_known(conf_role_name(ROLE_APPROVER)));
	assert_true(msg_known(conf_role_name(ROLE_ADMIN)));
	for (i = 0; i < release_nfields; i++)
		assert_true(msg_known(msg_field_label(release_fields[i].name)));
	assert_true(msg_known(msg_field_label("attachments")));
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		assert_true(msg_known(attach_type_label(types[i])));
	assert_false(msg_known("Not a message of ours"));
}

static void
test_real_catalogues_load(void **state)
{
	struct i18n	*set;
	char		 errbuf[ERRLEN] = "";

	(void)state;
	if (i18n_load(locale_dir(), &set, errbuf, sizeof(errbuf)) != ERR_OK)
		fail_msg("%s", errbuf);
	assert_non_null(i18n_has(set, "en"));
	assert_non_null(i18n_has(set, "fr"));
	assert_null(i18n_has(set, "de"));
	assert_string_equal(i18n_lookup(set, "fr", "Sign in"), "Se connecter");
	i18n_free(set);
}

struct typo_walk {
	size_t	 checked;
	size_t	 warnings;
};

static void
typo_entry(void *arg, const char *key, const char *str, int fuzzy,
    unsigned line)
{
	struct typo_walk	*w = arg;
	struct typo_warning	 tw[4];
	size_t			 n;

	(void)fuzzy;
	if (str[0] == '\0')
		return;
	w->checked++;
	n = typo_check_fr(str, tw, 4);
	/* The message about straight apostrophes has to show one. */
	if (n == 1 && tw[0].kind == TYPO_STRAIGHT_APOSTROPHE &&
	    strstr(key, "straight apostrophe") != NULL)
		return;
	if (n > 0) {
		print_error("fr.po:%u: %s: \"%s\"\n", line,
		    msg_get_in("en", typo_msg(tw[0].kind)), tw[0].excerpt);
		w->warnings += n;
	}
}

/* The French catalogue follows the rules the edit page suggests. */
static void
test_french_typography(void **state)
{
	struct i18n	*set;
	struct typo_walk w = { 0, 0 };
	char		 errbuf[ERRLEN] = "";

	(void)state;
	if (i18n_load(locale_dir(), &set, errbuf, sizeof(errbuf)) != ERR_OK)
		fail_msg("%s", errbuf);
	i18n_each(set, "fr", typo_entry, &w);
	assert_true(w.checked > 200);
	assert_int_equal(w.warnings, 0);
	i18n_free(set);
}

/* A directory: only <tag>.po files count, and an error names its file. */
static void
test_load_dir(void **state)
{
	struct i18n	*set;
	char		 dir[] = "/tmp/test-i18n.XXXXXX", path[256];
	char		 errbuf[ERRLEN] = "", want[ERRLEN];
	FILE		*fp;
	static const char *const files[][2] = {
		{ "en.po", HEADER },
		{ "pt-BR.po", HEADER "msgid \"Yes\"\nmsgstr \"Sim\"\n" },
		{ "README", "not a catalogue" },
		{ "x.po", "not a catalogue either" },
		{ "FR.po", "upper case: not a tag" },
		{ ".hidden.po", "a dot file" },
		{ "en.po~", "a backup" },
	};
	size_t		 i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(want, sizeof(want), "%s: no *.po catalogues", dir);
	assert_int_equal(i18n_load(dir, &set, errbuf, sizeof(errbuf)),
	    ERR_CONF);
	assert_string_equal(errbuf, want);
	assert_null(set);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i][0]);
		assert_non_null(fp = fopen(path, "w"));
		fputs(files[i][1], fp);
		fclose(fp);
	}
	assert_int_equal(i18n_load(dir, &set, errbuf, sizeof(errbuf)), ERR_OK);
	assert_int_equal(i18n_count(set), 2);
	assert_string_equal(i18n_tag(set, 0), "en");
	assert_string_equal(i18n_tag(set, 1), "pt-br");
	assert_string_equal(i18n_lookup(set, "pt-br", "Yes"), "Sim");
	assert_string_equal(i18n_has(set, "pt-BR"), "pt-br");
	i18n_free(set);
	/* A bad catalogue stops the load, with its file and line. */
	snprintf(path, sizeof(path), "%s/de.po", dir);
	assert_non_null(fp = fopen(path, "w"));
	fputs(HEADER "msgid \"%s files\"\nmsgstr \"%d Dateien\"\n", fp);
	fclose(fp);
	snprintf(want, sizeof(want), "%s/de.po:5: msgstr placeholders differ "
	    "from msgid", dir);
	assert_int_equal(i18n_load(dir, &set, errbuf, sizeof(errbuf)),
	    ERR_CONF);
	assert_string_equal(errbuf, want);
	assert_null(set);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i][0]);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/de.po", dir);
	unlink(path);
	rmdir(dir);
}

/*
 * A catalogue that is a FIFO, a directory or too large is refused with its
 * path and the reason, without hanging on the FIFO.
 */
static void
test_file_refused(void **state)
{
	struct i18n	*set;
	char		 dir[] = "/tmp/test-i18n.XXXXXX", path[128], want[192];
	char		 errbuf[256];
	FILE		*fp;
	long		 i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_non_null(set = i18n_new());
	snprintf(path, sizeof(path), "%s/fr.po", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	snprintf(want, sizeof(want), "%s: not a regular file", path);
	assert_int_equal(i18n_add_file(set, path, errbuf, sizeof(errbuf)),
	    ERR_CONF);
	assert_string_equal(errbuf, want);
	unlink(path);
	assert_int_equal(mkdir(path, 0700), 0);
	assert_int_equal(i18n_add_file(set, path, errbuf, sizeof(errbuf)),
	    ERR_CONF);
	assert_string_equal(errbuf, want);
	rmdir(path);
	assert_non_null(fp = fopen(path, "w"));
	for (i = 0; i <= I18N_PO_MAX; i++)
		fputc('#', fp);
	fclose(fp);
	snprintf(want, sizeof(want), "%s: larger than %d bytes", path,
	    I18N_PO_MAX);
	assert_int_equal(i18n_add_file(set, path, errbuf, sizeof(errbuf)),
	    ERR_CONF);
	assert_string_equal(errbuf, want);
	unlink(path);
	snprintf(want, sizeof(want), "%s: No such file or directory", path);
	assert_int_equal(i18n_add_file(set, path, errbuf, sizeof(errbuf)),
	    ERR_IO);
	assert_string_equal(errbuf, want);
	assert_int_equal(i18n_count(set), 0);
	i18n_free(set);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tags),
		cmocka_unit_test(test_escapes_and_continuations),
		cmocka_unit_test(test_fuzzy_and_obsolete),
		cmocka_unit_test(test_contexts),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_error_nul_byte),
		cmocka_unit_test(test_placeholders),
		cmocka_unit_test(test_placeholder_mismatch_refused),
		cmocka_unit_test(test_accept_language),
		cmocka_unit_test(test_accept_language_limits),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_current_language),
		cmocka_unit_test(test_expand),
		cmocka_unit_test(test_c_texts_known),
		cmocka_unit_test(test_real_catalogues_load),
		cmocka_unit_test(test_french_typography),
		cmocka_unit_test(test_load_dir),
		cmocka_unit_test(test_file_refused),
	};

	return cmocka_run_group_tests_name("i18n", tests, NULL, NULL);
}
