/* doc_minutes: being written (h-dossier1). */
#include "doc_int.h"

antt_status doc_minutes(antt_db *db, const doc_opts *o, doc_info *info, antt_err *err)
{
	(void)db;
	(void)o;
	(void)info;
	return err_set(err, ANTT_ERR_INVALID, "tài liệu này chưa làm xong");
}
