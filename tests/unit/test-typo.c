/*
 * test-typo.c: unit tests for typo.c, the French typography warnings.
 *
 * Every check runs the checker on a copy of its text and asserts that the
 * bytes are the same afterwards; each kind has positive and negative
 * cases, and the seed release gives exactly the one warning it deserves.
 * Set FIXTURES to read the seed release from elsewhere than tests/fixtures.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "typo.h"
#include "utf8.h"

#define FIXTURE		"ccre-nalas-2026-fr.txt"
#define NBSP		"\xc2\xa0"
#define NNBSP		"\xe2\x80\xaf"
#define RSQUO		"\xe2\x80\x99"
#define W_MAX		16

/* Check s (on a writable copy) and assert it is unchanged; the count. */
static size_t
run(const char *s, struct typo_warning *w, size_t max)
{
	char	*copy;
	size_t	 n, len = strlen(s);

	copy = malloc(len + 1);
	assert_non_null(copy);
	memcpy(copy, s, len + 1);
	n = typo_check_fr(copy, w, max);
	assert_memory_equal(copy, s, len + 1);
	free(copy);
	return n;
}

/* Exactly one warning, of this kind, at this offset. */
static void
one(const char *s, enum typo_kind kind, size_t offset)
{
	struct typo_warning	 w[W_MAX];
	size_t			 n;

	n = run(s, w, W_MAX);
	if (n != 1)
		fail_msg("\"%s\": %zu warnings, want 1", s, n);
	assert_int_equal(w[0].kind, kind);
	assert_int_equal(w[0].offset, offset);
}

static void
none(const char *s)
{
	struct typo_warning	 w[W_MAX];
	size_t			 n;

	n = run(s, w, W_MAX);
	if (n != 0)
		fail_msg("\"%s\": %zu warnings (first kind %d at %zu), want 0",
		    s, n, (int)w[0].kind, w[0].offset);
}

static void
test_space_before(void **state)
{
	struct typo_warning	 w[W_MAX];

	(void)state;
	one("Bonjour !", TYPO_SPACE_BEFORE, 7);
	one("Vraiment ?", TYPO_SPACE_BEFORE, 8);
	one("un point ; un autre", TYPO_SPACE_BEFORE, 8);
	one("Pour plus d" RSQUO "informations, contactez :", TYPO_SPACE_BEFORE,
	    strlen("Pour plus d" RSQUO "informations, contactez"));
	one("contactez :\nMarie", TYPO_SPACE_BEFORE, 9);
	one("(CCRE) : suite", TYPO_SPACE_BEFORE, 6);
	assert_int_equal(run("\xc2\xab bonjour \xc2\xbb", w, W_MAX), 2);
	assert_int_equal(w[0].kind, TYPO_SPACE_BEFORE);
	assert_int_equal(w[0].offset, 2);
	assert_int_equal(w[1].kind, TYPO_SPACE_BEFORE);
	assert_int_equal(w[1].offset, 10);
	/* Empty guillemets: one space, one warning. */
	one("\xc2\xab \xc2\xbb", TYPO_SPACE_BEFORE, 2);
}

static void
test_space_before_negative(void **state)
{
	(void)state;
	/* A space at the start of a line or after another space. */
	none(" !");
	none("\n: suite");
	none("a  ! b");
	/* A breadcrumb » with no « before it. */
	none("Accueil \xc2\xbb Presse");
	/* A markdown image, a query string. */
	none("Voir ![photo](a.png) ici");
	none("https://example.org/page ?q=1");
}

static void
test_no_space(void **state)
{
	struct typo_warning	 w[W_MAX];

	(void)state;
	one("Bonjour!", TYPO_NO_SPACE, 7);
	one("Vraiment?", TYPO_NO_SPACE, 8);
	one("un point; un autre", TYPO_NO_SPACE, 8);
	one("contactez:", TYPO_NO_SPACE, 9);
	one("Note: voir", TYPO_NO_SPACE, 4);
	one("Quoi?\xc2\xbb dit-il", TYPO_NO_SPACE, 4);
	assert_int_equal(run("\xc2\xab" "bonjour" "\xc2\xbb", w, W_MAX), 2);
	assert_int_equal(w[0].kind, TYPO_NO_SPACE);
	assert_int_equal(w[0].offset, 0);
	assert_int_equal(w[1].kind, TYPO_NO_SPACE);
	assert_int_equal(w[1].offset, 9);
}

static void
test_no_space_negative(void **state)
{
	(void)state;
	none("https://www.example.org/a?b=1&c=2;d");
	none("mailto:presse@example.org");
	none("R\xc3\xa9union \xc3\xa0 10:30 pr\xc3\xa9" "cises, \xc3\xa0 10h30.");
	none("un rapport 3:2 et 1:1");
	none("Il est 10: ensuite");
	none("le score 2025!");
	none("un?mot;coll\xc3\xa9s");
	none("(CCRE).");
}

static void
test_nbsp_accepted(void **state)
{
	(void)state;
	none("Bonjour" NBSP "!");
	none("Bonjour" NNBSP "!");
	none("Vraiment" NNBSP "?");
	none("un point" NNBSP "; un autre");
	none("contactez" NBSP ":");
	none("contactez" NNBSP ": Marie");
	none("\xc2\xab" NBSP "bonjour" NBSP "\xc2\xbb");
	none("\xc2\xab" NNBSP "bonjour" NNBSP "\xc2\xbb");
	none("\xc2\xab" NNBSP "Quoi" NNBSP "?" NNBSP "\xc2\xbb");
}

static void
test_apostrophe(void **state)
{
	struct typo_warning	 w[W_MAX];

	(void)state;
	one("l'esprit de l" RSQUO "\xc3\xa9t\xc3\xa9", TYPO_STRAIGHT_APOSTROPHE,
	    1);
	one("aujourd" RSQUO "hui et aujourd'hui", TYPO_STRAIGHT_APOSTROPHE,
	    strlen("aujourd" RSQUO "hui et aujourd"));
	assert_int_equal(run("l'esprit, l'\xc3\xa9t\xc3\xa9, l" RSQUO "an",
	    w, W_MAX), 2);
	assert_int_equal(w[0].offset, 1);
	assert_int_equal(w[1].offset, 11);
	/* Only when the text also uses ’; only between letters. */
	none("l'esprit de l'\xc3\xa9t\xc3\xa9");
	none("aujourd" RSQUO "hui");
	none("un 'mot' et l" RSQUO "\xc3\xa9t\xc3\xa9");
	none("5' et l" RSQUO "an");
}

static void
test_hyphen_dash(void **state)
{
	(void)state;
	one("Bruxelles - Le CCRE", TYPO_HYPHEN_DASH, 10);
	one("de 2025 - 2026", TYPO_HYPHEN_DASH, 8);
	one("mot" NBSP "- suite", TYPO_HYPHEN_DASH, 5);
	none("2025-2026");
	none("Sud-Est, peut-\xc3\xaatre, c" RSQUO "est-\xc3\xa0-dire");
	none("- un \xc3\xa9l\xc3\xa9ment\n- un autre\n  - imbriqu\xc3\xa9");
	none("Texte.\n\n- liste");
	none("il fait -10 degr\xc3\xa9s");
	none("mot -\nsuite");
	none("a -- b et ---");
	none("Directeur \xe2\x80\x93 Projets \xe2\x80\x94 en particulier");
}

static void
test_line_and_excerpt(void **state)
{
	struct typo_warning	 w[W_MAX];
	const char		*s;
	char			 buf[84];
	size_t			 i;

	(void)state;
	assert_int_equal(run("Ligne un.\nBonjour !", w, W_MAX), 1);
	assert_int_equal(w[0].line, 2);
	assert_int_equal(w[0].offset, 17);
	assert_string_equal(w[0].excerpt, "Bonjour !");

	/* A long line: cut on both sides, on character boundaries. */
	for (i = 0; i < 40; i++)
		memcpy(buf + 2 * i + (i >= 20 ? 3 : 0), "\xc3\xa9", 2);
	memcpy(buf + 40, " ! ", 3);
	buf[83] = '\0';
	s = buf;
	assert_int_equal(run(s, w, W_MAX), 1);
	assert_int_equal(w[0].line, 1);
	assert_int_equal(utf8_valid(w[0].excerpt, strlen(w[0].excerpt)), 1);
	assert_memory_equal(w[0].excerpt, "\xe2\x80\xa6", 3);
	assert_non_null(strstr(w[0].excerpt, " ! "));
	assert_memory_equal(w[0].excerpt + strlen(w[0].excerpt) - 3,
	    "\xe2\x80\xa6", 3);
	assert_true(strlen(w[0].excerpt) < TYPO_EXCERPT_MAX);
}

static void
test_count_beyond_max(void **state)
{
	struct typo_warning	 w[2];

	(void)state;
	memset(w, 0, sizeof(w));
	assert_int_equal(run("a! b! c! d!", w, 2), 4);
	assert_int_equal(w[0].offset, 1);
	assert_int_equal(w[1].offset, 4);
	assert_int_equal(run("a! b! c! d!", NULL, 0), 4);
	assert_int_equal(run("", w, 2), 0);
}

static void
test_bad_bytes(void **state)
{
	struct typo_warning	 w[W_MAX];
	const char		*s = "\xff!\x80 ?\xe2\x80 :\xc2 - \xe2' \xc2\xab";
	size_t			 i, n;

	(void)state;
	n = run(s, w, W_MAX);
	for (i = 0; i < n && i < W_MAX; i++)
		assert_true(w[i].offset < strlen(s));
}

static void
test_big_linear(void **state)
{
	char	*s;
	size_t	 i, n = 1024 * 1024;

	(void)state;
	/* 1 MB of "a ! " on one line: a warning every 4 bytes. */
	s = malloc(n + 1);
	assert_non_null(s);
	for (i = 0; i < n; i += 4)
		memcpy(s + i, "a ! ", 4);
	s[n] = '\0';
	assert_int_equal(typo_check_fr(s, NULL, 0), n / 4);
	free(s);
}

static void
test_seed_release(void **state)
{
	struct typo_warning	 w[W_MAX];
	FILE			*fp;
	char			 path[4096], *s, *copy;
	const char		*dir, *at;
	size_t			 len, n;
	long			 size;

	(void)state;
	dir = getenv("FIXTURES") != NULL ? getenv("FIXTURES") :
	    "tests/fixtures";
	snprintf(path, sizeof(path), "%s/%s", dir, FIXTURE);
	if ((fp = fopen(path, "rb")) == NULL)
		fail_msg("cannot open %s (run from the source tree or set "
		    "FIXTURES)", path);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	size = ftell(fp);
	assert_true(size > 1000);
	rewind(fp);
	s = malloc((size_t)size + 1);
	copy = malloc((size_t)size + 1);
	assert_non_null(s);
	assert_non_null(copy);
	len = fread(s, 1, (size_t)size, fp);
	fclose(fp);
	assert_int_equal(len, (size_t)size);
	s[len] = '\0';
	memcpy(copy, s, len + 1);

	n = typo_check_fr(s, w, W_MAX);
	assert_memory_equal(s, copy, len + 1);
	/* Its dashes (– and —) and apostrophes (’) are right; only this. */
	assert_int_equal(n, 1);
	at = strstr(s, "contactez :");
	assert_non_null(at);
	assert_int_equal(w[0].kind, TYPO_SPACE_BEFORE);
	assert_int_equal(w[0].offset, (size_t)(at - s) + strlen("contactez"));
	assert_int_equal(w[0].line, 8);
	assert_non_null(strstr(w[0].excerpt, "contactez :"));
	assert_int_equal(utf8_valid(w[0].excerpt, strlen(w[0].excerpt)), 1);
	free(copy);
	free(s);
}

static void
test_messages(void **state)
{
	(void)state;
	assert_int_equal(typo_msg(TYPO_SPACE_BEFORE), MSG_TYPO_SPACE_BEFORE);
	assert_int_equal(typo_msg(TYPO_NO_SPACE), MSG_TYPO_NO_SPACE);
	assert_int_equal(typo_msg(TYPO_STRAIGHT_APOSTROPHE),
	    MSG_TYPO_STRAIGHT_APOSTROPHE);
	assert_int_equal(typo_msg(TYPO_HYPHEN_DASH), MSG_TYPO_HYPHEN_DASH);
	assert_non_null(strstr(msg_get(MSG_TYPO_SPACE_BEFORE), "non-breaking"));
	assert_non_null(strstr(msg_get(MSG_TYPO_HYPHEN_DASH), "dash"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_space_before),
		cmocka_unit_test(test_space_before_negative),
		cmocka_unit_test(test_no_space),
		cmocka_unit_test(test_no_space_negative),
		cmocka_unit_test(test_nbsp_accepted),
		cmocka_unit_test(test_apostrophe),
		cmocka_unit_test(test_hyphen_dash),
		cmocka_unit_test(test_line_and_excerpt),
		cmocka_unit_test(test_count_beyond_max),
		cmocka_unit_test(test_bad_bytes),
		cmocka_unit_test(test_big_linear),
		cmocka_unit_test(test_seed_release),
		cmocka_unit_test(test_messages),
	};

	return cmocka_run_group_tests_name("typo", tests, NULL, NULL);
}
