/*
 * test-slug.c: unit tests for slug.c, the URL names.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "arena.h"
#include "slug.h"

static void
check(const char *in, size_t max, const char *want)
{
	struct arena	 a;

	arena_init(&a);
	assert_string_equal(slug_make(&a, in, max), want);
	arena_free(&a);
}

static void
test_accents_transliterated(void **state)
{
	(void)state;
	check("n\xc3\xa9gociation", 80, "negociation");
	check("Communiqu\xc3\xa9 final.pdf", 80, "communique-final.pdf");
	check("\xc5\x92uvre d\xe2\x80\x99" "art.jpg", 80, "oeuvre-d-art.jpg");
	check("Stra\xc3\x9f" "e", 80, "strasse");
	check("\xc3\x87" "a \xc3\xa0 l\xe2\x80\x99\xc3\xa9t\xc3\xa9", 80,
	    "ca-a-l-ete");
	check("Gda\xc5\x84sk \xc5\x81\xc3\xb3" "d\xc5\xba", 80, "gdansk-lodz");
}

static void
test_separators_and_ends(void **state)
{
	(void)state;
	check("  --Hello,   World!--  ", 80, "hello-world");
	check("../../etc/passwd", 80, "etc-passwd");
	check(".htaccess", 80, "htaccess");
	check("\xe6\x97\xa5\xe6\x9c\xac", 80, "file");
	check("", 80, "file");
	check("!!!", 80, "file");
	check("rapport 2026.v2.pdf", 80, "rapport-2026.v2.pdf");
}

static void
test_length_limit(void **state)
{
	(void)state;
	check("alpha beta gamma delta", 12, "alpha-beta");
	check("abcdefghijklmnopqrstuvwxyz", 10, "abcdefghij");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accents_transliterated),
		cmocka_unit_test(test_separators_and_ends),
		cmocka_unit_test(test_length_limit),
	};

	return cmocka_run_group_tests_name("slug", tests, NULL, NULL);
}
