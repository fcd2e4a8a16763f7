/* Shared between the package writer and the importer. */
#ifndef ANTT_SYNC_INT_H
#define ANTT_SYNC_INT_H

#include <sqlite3.h>
#include "status.h"
#include "unit.h"

/* SHA-256 over a package's content in schema ("pkg", "main"). */
antt_status sync_checksum(sqlite3 *sql, const char *schema, char out[65], antt_err *err);

#endif
