/* Opening a database for the application (see session.h): storage opens
 * it, and this layer adds what storage must not know of: backups, the
 * criteria sets' SQL functions, accounts. */
#include "session.h"

#include <string.h>
#include "auth.h"
#include "backup.h"
#include "form_store.h"
#include "setting.h"

#include <pwd.h>
#include <stdio.h>
#include <unistd.h>

/* Who writes before anyone logs in: never a name taken on trust (ANTT_USER
 * names an account only once auth_login proves it), and never one that
 * could be read as an account's (logins have no spaces). */
static void who_am_i(char *out, size_t n)
{
	struct passwd *pw = getpwuid(getuid());

	snprintf(out, n, "(không đăng nhập) %s", pw && pw->pw_name ? pw->pw_name : "?");
}

antt_status session_open(const char *path, int flags, antt_db **out, antt_err *err)
{
	return session_open_noticed(path, flags, NULL, out, err);
}

antt_status session_open_noticed(const char *path, int flags, const session_notice *n, antt_db **out,
                                 antt_err *err)
{
	antt_db *db;
	antt_status st;
	int rc;

	if ((st = db_open(path, flags, backup_care(), &db, err)) != ANTT_OK)
		return st;
	who_am_i(db->user, sizeof(db->user));
	if ((rc = form_sql_functions(db)) != SQLITE_OK) {
		st = db_fail(db, rc, err, "mở tệp");
		goto fail;
	}
	if (n && n->upgrading && backup_migrate_copies(db))
		n->upgrading(n->ctx, path, db_bytes(db));
	if ((st = backup_migrate(db, err)) != ANTT_OK)
		goto fail;
	db->role = auth_initial_role(db);
	*out = db;
	return ANTT_OK;
fail:
	db_close(db);
	*out = NULL;
	return st;
}

/* A key is a plain word (office_name, target_khu-dan-cu): one holding a
 * line break or a terminal escape was stored and echoed. */
static int key_plain(const char *key)
{
	size_t n = strlen(key);

	if (n == 0 || n > 64)
		return 0;
	for (; *key; key++)
		if (!((*key >= 'a' && *key <= 'z') || (*key >= '0' && *key <= '9') || *key == '_' || *key == '-'))
			return 0;
	return 1;
}

antt_status session_setting_set(antt_db *db, const char *key, const char *value, antt_err *err)
{
	antt_status s = auth_require(db, CAN_ADMIN, "đổi thiết lập", err);

	if (s == ANTT_OK && !key_plain(key))
		return err_set(err, ANTT_ERR_INVALID, "khóa thiết lập \"%s\" không hợp lệ: cần từ 1 đến 64 ký tự, chỉ gồm "
			"chữ thường không dấu, chữ số, _ và -", key);
	if (s == ANTT_OK)
		s = setting_check(db, key, err);
	return s != ANTT_OK ? s : db_setting_set(db, key, value, err);
}
