/* Rows and their names in one block (packed.h). */
#include "packed.h"

#include <stdlib.h>
#include <string.h>

size_t packed_add(packed_names *p, const char *s)
{
	size_t n = strlen(s ? s : "") + 1, at = p->len;

	if (p->cap - p->len < n) {
		size_t cap = p->cap ? p->cap : 4096;
		char *g;
		while (cap - p->len < n)
			cap *= 2;
		if (!(g = realloc(p->text, cap)))
			return PACKED_NOMEM;
		p->text = g;
		p->cap = cap;
	}
	memcpy(p->text + at, s ? s : "", n);
	p->len += n;
	return at;
}

void *packed_rows(void *rows, size_t n, size_t size, size_t off, const size_t *offs, const packed_names *p)
{
	char *block = realloc(rows, n * size + p->len + 1), *names;

	if (!block)
		return NULL;
	names = block + n * size;
	if (p->len)
		memcpy(names, p->text, p->len);
	names[p->len] = '\0';
	for (size_t i = 0; i < n; i++) {
		const char *name = offs[i] < p->len ? names + offs[i] : names + p->len;
		memcpy(block + i * size + off, &name, sizeof(name));
	}
	return block;
}

void packed_free(packed_names *p)
{
	free(p->text);
	memset(p, 0, sizeof(*p));
}
