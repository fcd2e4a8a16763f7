/* YAML data files read with libyaml's document API, with the helpers every
 * loader needs: look-ups, refusal of unknown keys, typed values, and errors
 * that name file:line:column. */
#ifndef ANTT_YDOC_H
#define ANTT_YDOC_H

#include <stddef.h>
#include <yaml.h>
#include "status.h"

typedef struct {
	const char *source;   /* file name for messages */
	yaml_document_t doc;
	antt_err *err;
	int loaded;
	size_t line_base;     /* lines before this document in its text (ydoc_stream) */
} ydoc;

/* Parse text; a syntax error is reported as file:line:column. */
antt_status ydoc_load(ydoc *y, const char *source, const char *text, size_t len, antt_err *err);
void ydoc_free(ydoc *y);

/* A text of several documents ("---" between them), read one at a time:
 * open, then next until *end (no document left), then close. Positions in
 * messages count from the line after the document's "---" (line_base). */
typedef struct {
	yaml_parser_t parser;
	const char *source;
	antt_err *err;
} ydoc_stream;
antt_status ydoc_stream_open(ydoc_stream *s, const char *source, const char *text, size_t len, antt_err *err);
antt_status ydoc_stream_next(ydoc_stream *s, ydoc *y, int *end);
void ydoc_stream_close(ydoc_stream *s);

/* "file:line:column: message" at node n (column moved by coladd); returns
 * ANTT_ERR_FORM. */
antt_status ydoc_fail(ydoc *y, const yaml_node_t *n, int coladd, const char *fmt, ...)
	__attribute__((format(ANTT_PRINTF, 4, 5)));

yaml_node_t *ydoc_node(ydoc *y, int id);
const char *ydoc_scalar(const yaml_node_t *n);
yaml_node_t *ydoc_get(ydoc *y, yaml_node_t *map, const char *key);

/* Refuse keys not in allowed (NULL-terminated), and keys given twice. */
antt_status ydoc_check_keys(ydoc *y, yaml_node_t *map, const char *const *allowed, const char *where);

/* A text value, NFC, trimmed; *out NULL when absent and not required. */
antt_status ydoc_text(ydoc *y, yaml_node_t *map, const char *key, int required, char **out);
antt_status ydoc_bool(ydoc *y, yaml_node_t *map, const char *key, int def, int *out);

/* A non-empty list of texts; the caller frees each and the array (on
 * failure *out is NULL, nothing to free). */
antt_status ydoc_list(ydoc *y, yaml_node_t *n, const char *key, char ***out, size_t *count);

#endif
