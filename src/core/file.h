/* Whole-file reads for the small inputs antt takes (forms, CSV files). */
#ifndef ANTT_FILE_H
#define ANTT_FILE_H

#include <stddef.h>
#include "status.h"

/* Read path into *buf (NUL-terminated, caller frees) and its length. */
antt_status file_read_all(const char *path, char **buf, size_t *len, antt_err *err);

#endif
