/* This machine's signing key (Ed25519, nettle): made from getrandom() on
 * first need and kept in the database (machine_key), so a package can say
 * which database wrote it. And the fingerprint two officers read to each
 * other by phone: the first 96 bits of SHA-256 of the public key, in six
 * groups of four hex digits ("3F2A-91C0-7B1D-E044-5A6C-0D9E"). */
#ifndef ANTT_KEYS_H
#define ANTT_KEYS_H

#include <stddef.h>
#include <stdint.h>
#include "db.h"
#include "hex.h"

enum { KEYS_PUB = 32, KEYS_SIG = 64, KEYS_FP = 30 /* with the NUL */ };

typedef struct {
	uint8_t pub[KEYS_PUB], priv[KEYS_PUB];
} keys_pair;

/* This database's key pair; made and stored the first time it is asked
 * for (so it needs a writable database then). */
antt_status keys_own(antt_db *db, keys_pair *out, antt_err *err);

void keys_fingerprint(const uint8_t pub[KEYS_PUB], char out[KEYS_FP]);

/* A fingerprint as typed ("3f2a 91c0-...", any case, spaces or dashes)
 * into the printed form; 0 when it is not 24 hex digits. */
int keys_fingerprint_parse(const char *in, char out[KEYS_FP]);

void keys_sign(const keys_pair *k, const uint8_t *msg, size_t len, uint8_t sig[KEYS_SIG]);
int keys_verify(const uint8_t pub[KEYS_PUB], const uint8_t *msg, size_t len, const uint8_t sig[KEYS_SIG]);


#endif
