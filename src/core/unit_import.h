/* Units imported from a CSV file, all or nothing (unit_import.c). */
#ifndef ANTT_UNIT_IMPORT_H
#define ANTT_UNIT_IMPORT_H

#include "db.h"

/* Import code,parent_code,type,name[,excluded[,managed_above]] rows: all or nothing; the
 * error lists every bad line. *added receives the number of units. */
antt_status unit_import_csv(antt_db *db, const char *path, int *added, antt_err *err);
/* The same; on a refused file (ANTT_ERR_CSV) *errors gets every error,
 * one "dòng N: ..." per line (the caller frees it), where err holds the
 * first ones. errors may be NULL. */
antt_status unit_import_csv_list(antt_db *db, const char *path, int *added, char **errors, antt_err *err);

#endif
