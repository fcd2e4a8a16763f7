/* keys: the machine key is made once and kept; signatures verify only for
 * the same message and key; fingerprints are read and typed back alike. */
#include "testutil.h"
#include "keys.h"

static void key_is_made_once_and_kept(void **state)
{
	antt_db *db = tu_open(), *db2 = NULL;
	antt_err err = { "" };
	keys_pair a, b, c;
	(void)state;

	assert_int_equal(tu_int(db, "SELECT count(*) FROM machine_key"), 0);
	assert_int_equal(keys_own(db, &a, &err), ANTT_OK);
	assert_int_equal(keys_own(db, &b, &err), ANTT_OK);
	assert_memory_equal(a.pub, b.pub, KEYS_PUB);
	assert_memory_equal(a.priv, b.priv, KEYS_PUB);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM machine_key"), 1);
	/* another database, another key */
	assert_int_equal(session_open(tu_path("other.db"), DB_CREATE, &db2, &err), ANTT_OK);
	assert_int_equal(keys_own(db2, &c, &err), ANTT_OK);
	assert_memory_not_equal(a.pub, c.pub, KEYS_PUB);
	db_close(db2);
	tu_cleanup(db);
}

static void signature_binds_message_and_key(void **state)
{
	antt_db *db = tu_open();
	antt_err err = { "" };
	keys_pair k, other;
	uint8_t sig[KEYS_SIG];
	const char *msg = "antt-package-v1\nabc";
	(void)state;

	assert_int_equal(keys_own(db, &k, &err), ANTT_OK);
	memset(other.priv, 9, sizeof(other.priv));
	memcpy(other.pub, k.pub, KEYS_PUB);   /* a foreign private key under our name */
	keys_sign(&k, (const uint8_t *)msg, strlen(msg), sig);
	assert_true(keys_verify(k.pub, (const uint8_t *)msg, strlen(msg), sig));
	assert_false(keys_verify(k.pub, (const uint8_t *)"antt-package-v1\nabd", strlen(msg), sig));
	sig[5] ^= 1;
	assert_false(keys_verify(k.pub, (const uint8_t *)msg, strlen(msg), sig));
	keys_sign(&other, (const uint8_t *)msg, strlen(msg), sig);
	assert_false(keys_verify(k.pub, (const uint8_t *)msg, strlen(msg), sig));
	tu_cleanup(db);
}

static void fingerprint_reads_and_parses(void **state)
{
	uint8_t pub[KEYS_PUB] = { 0 };
	char fp[KEYS_FP], typed[KEYS_FP];
	(void)state;

	keys_fingerprint(pub, fp);
	assert_int_equal(strlen(fp), 29);
	for (int i = 0; i < 29; i++)
		assert_true(i % 5 == 4 ? fp[i] == '-' : (fp[i] >= '0' && fp[i] <= '9') || (fp[i] >= 'A' && fp[i] <= 'F'));
	/* typed back in lower case, with spaces instead of dashes */
	{
		char low[64];
		size_t n = 0;
		for (const char *p = fp; *p; p++)
			low[n++] = *p == '-' ? ' ' : (char)(*p >= 'A' && *p <= 'F' ? *p + 32 : *p);
		low[n] = '\0';
		assert_true(keys_fingerprint_parse(low, typed));
		assert_string_equal(typed, fp);
	}
	assert_false(keys_fingerprint_parse("3F2A-91C0", typed));
	assert_false(keys_fingerprint_parse("3F2A-91C0-7B1D-E044-5A6C-0D9E-0000", typed));
	assert_false(keys_fingerprint_parse("3F2A-91C0-7B1D-E044-5A6C-0D9G", typed));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(key_is_made_once_and_kept),
		cmocka_unit_test(signature_binds_message_and_key),
		cmocka_unit_test(fingerprint_reads_and_parses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
