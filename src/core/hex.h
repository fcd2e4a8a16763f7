/* Bytes as lower-case hex, and the SHA-256 of a text in hex: the one
 * place for the digests criteria sets, score sheets and packages are
 * known by, so that every copy writes and compares the same string. */
#ifndef ANTT_HEX_H
#define ANTT_HEX_H

#include <stddef.h>
#include <stdint.h>

enum { HEX_SHA256 = 65 /* 64 hex digits and the NUL */ };

/* Lower-case hex of n bytes into out (2n + 1 chars). */
void hex_encode(const uint8_t *in, size_t n, char *out);

/* 1 when hex is exactly 2n hex digits, decoded into out. */
int hex_decode(const char *hex, uint8_t *out, size_t n);

/* SHA-256 of len bytes of data, in hex. */
void hex_sha256(const void *data, size_t len, char out[HEX_SHA256]);

#endif
