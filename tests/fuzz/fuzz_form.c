/* libFuzzer target: the criteria-set loader on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>
#include "form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	form *f = NULL;
	antt_err err;

	if (form_load_text("fuzz.yaml", (const char *)data, size, &f, &err) == ANTT_OK)
		form_free(f);
	return 0;
}
