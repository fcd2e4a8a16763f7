/* The list of settings antt reads (see setting.h). A reader elsewhere
 * (report, progress, backup...) that starts reading a new key adds it here,
 * or a user cannot set it. */
#include "setting.h"
#include "score.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const fixed[] = {
	"office_name", "parent_agency", "signer_title", "signer_name", "report_prefix", "place", "recipients",
	"current_year", "login_required", "backup_keep",
	"deadline_khu-dan-cu", "deadline_others",
	"deadline_510_khu-dan-cu", "deadline_510_others", "deadline_510_above",
};
#define N_FIXED (sizeof(fixed) / sizeof(*fixed))

/* Appends ", word" (or "word" first) to the growing list *s (size *cap). */
static antt_status add(char **s, size_t *len, size_t *cap, const char *prefix, const char *word)
{
	size_t need = *len + 2 + strlen(prefix) + strlen(word) + 1;

	if (need > *cap) {
		size_t c = need * 2;
		char *p = realloc(*s, c);
		if (!p)
			return ANTT_ERR_NOMEM;
		*s = p;
		*cap = c;
	}
	*len += (size_t)sprintf(*s + *len, "%s%s%s", *len ? ", " : "", prefix, word);
	return ANTT_OK;
}

antt_status setting_check(antt_db *db, const char *key, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	char *list = NULL;
	size_t len = 0, cap = 0;
	antt_status s = ANTT_OK;
	int rc, found = 0;

	for (size_t i = 0; i < N_FIXED; i++)
		if (!strcmp(key, fixed[i]))
			return ANTT_OK;
	for (int k = 0; k < CLASS_COUNT; k++)
		if (!strncmp(key, "class_min_", 10) && !strcmp(key + 10, score_class_code(k)))
			return ANTT_OK;
	if ((s = db_prepare(db, "SELECT code FROM unit_types WHERE assessed ORDER BY sort", &st, err)) != ANTT_OK)
		return s;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(st, 0);
		if (!strncmp(key, "target_", 7) && !strcmp(key + 7, code))
			found = 1;
	}
	if (rc != SQLITE_DONE) {
		s = db_fail(db, rc, err, "đọc các loại đơn vị");
		goto out;
	}
	if (found)
		goto out;
	/* not known: the whole list, in the order the settings screen has */
	for (size_t i = 0; i < N_FIXED && s == ANTT_OK; i++)
		s = add(&list, &len, &cap, "", fixed[i]);
	sqlite3_reset(st);
	while (s == ANTT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		s = add(&list, &len, &cap, "target_", (const char *)sqlite3_column_text(st, 0));
	for (int k = 0; k < CLASS_COUNT && s == ANTT_OK; k++)
		s = add(&list, &len, &cap, "class_min_", score_class_code(k));
	if (s != ANTT_OK)
		err_set(err, s, "hết bộ nhớ khi liệt kê các thiết lập");
	else
		s = err_set(err, ANTT_ERR_INVALID, "không có thiết lập \"%s\"; các thiết lập là: %s", key, list);
out:
	sqlite3_finalize(st);
	free(list);
	return s;
}
