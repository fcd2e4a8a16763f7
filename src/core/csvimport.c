/* All-or-nothing CSV imports: see csvimport.h. */
#include "csvimport.h"
#include "errlist.h"

antt_status csv_import_run(antt_db *db, const char *path, const csv_import *imp, int *count, char **errors,
                           antt_err *err)
{
	errlist errs = { .count = 0 };
	csvtab t;
	antt_status s;
	size_t i;

	*count = 0;
	if (errors)
		*errors = NULL;
	if ((s = csvtab_read(path, &t, err)) != ANTT_OK)
		return s;
	if ((s = csvtab_data_start(&t, imp->header, path, imp->what, imp->columns, &i, err)) != ANTT_OK ||
	    (s = db_begin(db, err)) != ANTT_OK)
		goto out;
	for (; i < t.n; i++) {
		antt_err e = { "" };

		/* out of memory is no fault of the line: the whole import stops */
		if ((s = imp->row(db, &t.rows[i], imp->ctx, &e)) == ANTT_ERR_NOMEM)
			goto rollback;
		if (s != ANTT_OK) {
			errlist_add(&errs, "dòng %d: %s", t.rows[i].line, e.msg);
			continue;
		}
		(*count)++;
	}
	if (!errs.count && imp->done && (s = imp->done(db, imp->ctx, err)) != ANTT_OK)
		goto rollback;
	s = errlist_finish(db, &errs, path, imp->what, count, err);
	if (errors && errs.count)
		*errors = errlist_take(&errs);
	goto out;
rollback:
	db_rollback(db);
	*count = 0;
out:
	errlist_free(&errs);
	csvtab_free(&t);
	return s;
}
