/* libFuzzer target: the package importer (checks and merge, as a dry run)
 * on arbitrary bytes written to a file. When the bytes open as SQLite, the
 * package is sealed again the way an enrolled sender would (schema version
 * of this build, checksum recomputed, signed with a test key the database
 * has enrolled), so mutations reach the merge instead of all stopping at
 * the signature. FUZZ_DEBUG=1 says what became of each input. */
#include <nettle/eddsa.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sync/sync.h"
#include "sync/sync_int.h"
#include "session.h"

static antt_db *db;
static keys_pair key;
static char path[64], pub_hex[2 * KEYS_PUB + 1], fp[KEYS_FP];

static void manifest_set(sqlite3 *pkg, const char *k, const char *v)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(pkg, "INSERT OR REPLACE INTO manifest (key, value) VALUES (?, ?)", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, k, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, v, -1, SQLITE_STATIC);
		sqlite3_step(st);
	}
	sqlite3_finalize(st);
}

static void seal(void)
{
	sqlite3 *pkg = NULL;
	char sha[65], version[16], msg[sizeof(SYNC_SIGNED_PREFIX) + 64], sig_hex[2 * KEYS_SIG + 1];
	uint8_t sig[KEYS_SIG];
	antt_err err;

	if (sqlite3_open_v2(path, &pkg, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		goto out;
	snprintf(version, sizeof(version), "%d", db_schema_version());
	manifest_set(pkg, "schema_version", version);
	manifest_set(pkg, "sender_key", pub_hex);
	manifest_set(pkg, "sender_fingerprint", fp);
	if (sync_checksum(pkg, "main", sha, &err) != ANTT_OK)
		goto out;
	manifest_set(pkg, "sha256", sha);
	snprintf(msg, sizeof(msg), "%s%s", SYNC_SIGNED_PREFIX, sha);
	keys_sign(&key, (const uint8_t *)msg, strlen(msg), sig);
	hex_encode(sig, KEYS_SIG, sig_hex);
	manifest_set(pkg, "signature", sig_hex);
out:
	sqlite3_close_v2(pkg);
}

static void setup(void)
{
	sqlite3_stmt *st = NULL;
	antt_err err;

	setenv("ANTT_FORMS", "forms", 0);
	if (session_open(":memory:", DB_CREATE, &db, &err) != ANTT_OK)
		abort();
	snprintf(path, sizeof(path), "/tmp/antt-fuzz-pkg-%d.antt", (int)getpid());
	memset(key.priv, 7, sizeof(key.priv));
	ed25519_sha512_public_key(key.pub, key.priv);
	hex_encode(key.pub, KEYS_PUB, pub_hex);
	keys_fingerprint(key.pub, fp);
	/* enrolled for everything; each input is imported without the right
	 * to approve, then with it (below), so both paths of the merge run */
	if (sqlite3_prepare_v2(db->sql, "INSERT INTO trusted_senders (fingerprint, public_key, name, may_approve,"
		" added_by) VALUES (?, ?, 'fuzz', 0, 'fuzz')", -1, &st, NULL) != SQLITE_OK)
		abort();
	sqlite3_bind_text(st, 1, fp, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, pub_hex, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		abort();
	sqlite3_finalize(st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sync_import_opts o = { .dry_run = 1 };
	sync_result r;
	antt_err err;
	FILE *out;

	if (!db)
		setup();
	if (!(out = fopen(path, "wb")))
		return 0;
	fwrite(data, 1, size, out);
	fclose(out);
	seal();
	for (int may = 0; may < 2; may++) {
		sqlite3_exec(db->sql, may ? "UPDATE trusted_senders SET may_approve = 1" :
			"UPDATE trusted_senders SET may_approve = 0", NULL, NULL, NULL);
		if (sync_import(db, path, &o, &r, &err) != ANTT_OK && getenv("FUZZ_DEBUG"))
			fprintf(stderr, "refused: %s\n", err.msg);
		else if (getenv("FUZZ_DEBUG"))
			fprintf(stderr, "merged: %lld units added, %lld recognised\n", r.added[0], r.recognised);
	}
	return 0;
}
