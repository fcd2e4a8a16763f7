/* The machine key pair: generation, storage, signing, fingerprints. */
#include "keys.h"

#include <ctype.h>
#include <errno.h>
#include <nettle/eddsa.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

void keys_fingerprint(const uint8_t pub[KEYS_PUB], char out[KEYS_FP])
{
	struct sha256_ctx ctx;
	uint8_t d[SHA256_DIGEST_SIZE];
	char *p = out;

	sha256_init(&ctx);
	sha256_update(&ctx, KEYS_PUB, pub);
	sha256_digest(&ctx, sizeof(d), d);
	for (int g = 0; g < 6; g++)
		p += sprintf(p, "%s%02X%02X", g ? "-" : "", d[2 * g], d[2 * g + 1]);
}

int keys_fingerprint_parse(const char *in, char out[KEYS_FP])
{
	int n = 0;

	for (; in && *in; in++) {
		if (*in == '-' || *in == ' ')
			continue;
		if (!isxdigit((unsigned char)*in) || n == 24)
			return 0;
		if (n && n % 4 == 0)
			*out++ = '-';
		*out++ = (char)toupper((unsigned char)*in);
		n++;
	}
	*out = '\0';
	return n == 24;
}

void keys_sign(const keys_pair *k, const uint8_t *msg, size_t len, uint8_t sig[KEYS_SIG])
{
	ed25519_sha512_sign(k->pub, k->priv, len, msg, sig);
}

int keys_verify(const uint8_t pub[KEYS_PUB], const uint8_t *msg, size_t len, const uint8_t sig[KEYS_SIG])
{
	return ed25519_sha512_verify(pub, len, msg, sig);
}

static int load(antt_db *db, keys_pair *out)
{
	sqlite3_stmt *st = NULL;
	int found = 0;

	if (sqlite3_prepare_v2(db->sql, "SELECT public_key, private_key FROM machine_key WHERE id = 1", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		found = hex_decode((const char *)sqlite3_column_text(st, 0), out->pub, KEYS_PUB) &&
			hex_decode((const char *)sqlite3_column_text(st, 1), out->priv, KEYS_PUB);
	sqlite3_finalize(st);
	return found;
}

antt_status keys_own(antt_db *db, keys_pair *out, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	char pub[2 * KEYS_PUB + 1], priv[2 * KEYS_PUB + 1];
	keys_pair k;
	antt_status s;
	int rc;

	if (load(db, out))
		return ANTT_OK;
	for (size_t got = 0; got < sizeof(k.priv);) {
		ssize_t n = getrandom(k.priv + got, sizeof(k.priv) - got, 0);
		if (n < 0 && errno != EINTR)
			return err_set(err, ANTT_ERR_IO, "không lấy được số ngẫu nhiên để tạo khóa của máy (%s)", strerror(errno));
		if (n > 0)
			got += (size_t)n;
	}
	ed25519_sha512_public_key(k.pub, k.priv);
	hex_encode(k.pub, KEYS_PUB, pub);
	hex_encode(k.priv, KEYS_PUB, priv);
	/* OR IGNORE: another process may have made one meanwhile; theirs wins */
	if ((s = db_prepare(db, "INSERT OR IGNORE INTO machine_key (id, public_key, private_key) VALUES (1, ?, ?)",
		&st, err)) != ANTT_OK)
		return s;
	sqlite3_bind_text(st, 1, pub, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, priv, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	memset(priv, 0, sizeof(priv));
	memset(&k, 0, sizeof(k));
	if (rc != SQLITE_DONE)
		return db_fail(db, rc, err, "lưu khóa của máy");
	if (!load(db, out))
		return err_set(err, ANTT_ERR_DB, "khóa của máy trong cơ sở dữ liệu bị hỏng");
	return ANTT_OK;
}
