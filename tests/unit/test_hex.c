/* hex.c: bytes as hex and the SHA-256 digests criteria sets and packages
 * are known by. */
#include "testutil.h"
#include "hex.h"

static void hex_round_trips_and_refuses_bad_digits(void **state)
{
	uint8_t back[4];
	char hex[9];
	(void)state;
	assert_true(hex_decode("00ff10AB", back, 4));
	hex_encode(back, 4, hex);
	assert_string_equal(hex, "00ff10ab");
	assert_false(hex_decode("00ff10a", back, 4));
	assert_false(hex_decode("00ff10ag", back, 4));
	assert_false(hex_decode(NULL, back, 4));
}

static void sha256_is_the_standard_one(void **state)
{
	char hex[HEX_SHA256];
	(void)state;
	/* FIPS 180-2's examples */
	hex_sha256("abc", 3, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	hex_sha256("", 0, hex);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	hex_sha256(NULL, 0, hex);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hex_round_trips_and_refuses_bad_digits),
		cmocka_unit_test(sha256_is_the_standard_one),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
