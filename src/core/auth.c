/* Accounts and rights. Passwords go through libxcrypt's yescrypt and are
 * never stored, logged or audited in clear (the audit trigger leaves the
 * hash out). */
#include "auth.h"
#include "platform.h"
#include "text.h"

#include <crypt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct { const char *code, *name; } roles[] = {
	[ROLE_NONE] = { "", "chưa đăng nhập" },
	[ROLE_ENTRY] = { "entry", "cán bộ nhập liệu" },
	[ROLE_REVIEWER] = { "reviewer", "lãnh đạo duyệt" },
	[ROLE_ADMIN] = { "admin", "quản trị" },
	[ROLE_OPEN] = { "", "không dùng tài khoản" },
};

auth_role auth_role_parse(const char *s)
{
	char *k = text_key(s);
	auth_role r = ROLE_NONE;

	for (int i = ROLE_ENTRY; k && i <= ROLE_ADMIN; i++) {
		char *kn = text_key(roles[i].name);
		if (!strcmp(k, roles[i].code) || (kn && !strcmp(k, kn)))
			r = (auth_role)i;
		free(kn);
	}
	free(k);
	return r;
}

const char *auth_role_code(auth_role r)
{
	return r <= ROLE_OPEN ? roles[r].code : "";
}

const char *auth_role_name(auth_role r)
{
	return r <= ROLE_OPEN ? roles[r].name : "";
}

int auth_required(antt_db *db)
{
	sqlite3_stmt *st = NULL;
	char *flag;
	int any = 0;

	if (sqlite3_prepare_v2(db->sql, "SELECT 1 FROM users WHERE active = 1 LIMIT 1", -1, &st, NULL) == SQLITE_OK)
		any = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	if (!any)
		return 0;
	flag = db_setting_get(db, "login_required", "1");
	any = !flag || strcmp(flag, "0") != 0;
	free(flag);
	return any;
}

auth_role auth_initial_role(antt_db *db)
{
	return auth_required(db) ? ROLE_NONE : ROLE_OPEN;
}

int auth_proven(const antt_db *db)
{
	return db->role == ROLE_ENTRY || db->role == ROLE_REVIEWER || db->role == ROLE_ADMIN;
}

/* Without a proven login nobody may approve: a leader's decision carries a
 * name, and a name nobody proved could be anyone's. */
static int caps_of(auth_role r)
{
	switch (r) {
	case ROLE_ENTRY:    return CAN_ENTER;
	case ROLE_REVIEWER: return CAN_ENTER | CAN_REVIEW;
	case ROLE_ADMIN:    return CAN_ENTER | CAN_ADMIN;
	case ROLE_OPEN:     return CAN_ENTER | CAN_ADMIN;
	default:            return 0;
	}
}

static int active_accounts(antt_db *db, const char *role)
{
	sqlite3_stmt *st = NULL;
	int n = 0;

	if (sqlite3_prepare_v2(db->sql, "SELECT count(*) FROM users WHERE active = 1 AND (?1 IS NULL OR role = ?1)",
		-1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, role, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int(st, 0);
	}
	sqlite3_finalize(st);
	return n;
}

int auth_accounts(antt_db *db, auth_role role)
{
	return active_accounts(db, role == ROLE_NONE ? NULL : auth_role_code(role)) > 0;
}

antt_status auth_require(antt_db *db, auth_cap cap, const char *what, antt_err *err)
{
	if (caps_of((auth_role)db->role) & cap)
		return ANTT_OK;
	if (db->role == ROLE_NONE)
		return err_set(err, ANTT_ERR_DENIED, "cần đăng nhập để %s", what);
	if (db->role == ROLE_OPEN && cap == CAN_REVIEW)
		return err_set(err, ANTT_ERR_DENIED, "việc %s cần lãnh đạo duyệt đăng nhập bằng tài khoản của mình%s", what,
			active_accounts(db, "reviewer") ? "" : " (máy này chưa có tài khoản lãnh đạo duyệt nào)");
	return err_set(err, ANTT_ERR_DENIED, "%s (%s) không được %s: việc này dành cho %s", db->user,
		auth_role_name((auth_role)db->role), what,
		cap == CAN_REVIEW ? "lãnh đạo duyệt" : cap == CAN_ADMIN ? "quản trị" : "cán bộ nhập liệu");
}

/* A login is a short ASCII word: it is typed on old keyboards, printed in
 * the audit, and must never look like "(không đăng nhập) ...". */
#define LOGIN_MAX 32
static int login_ok(const char *login)
{
	size_t n = strlen(login);

	if (n == 0 || n > LOGIN_MAX)
		return 0;
	for (const char *p = login; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '.' || *p == '_' || *p == '-'))
			return 0;
	return 1;
}

/* Accounts are managed by a proven admin once any account exists; before
 * that, whoever runs antt sets up the first one (an admin). Being "open"
 * (login switched off) is not enough: it would let anyone give themselves
 * a leader's account. */
antt_status auth_require_admin_login(antt_db *db, const char *what, antt_err *err)
{
	if (!auth_accounts(db, ROLE_NONE) || db->role == ROLE_ADMIN)
		return ANTT_OK;
	if (auth_proven(db))
		return err_set(err, ANTT_ERR_DENIED, "%s (%s) không được %s: việc này dành cho quản trị", db->user,
			auth_role_name((auth_role)db->role), what);
	return err_set(err, ANTT_ERR_DENIED, "cần quản trị đăng nhập để %s", what);
}

static antt_status hash_password(const char *password, char *out, size_t n, antt_err *err)
{
	char salt[CRYPT_GENSALT_OUTPUT_SIZE], rnd[16];
	struct crypt_data data;

	if (strlen(password) < 6)
		return err_set(err, ANTT_ERR_INVALID, "mật khẩu cần ít nhất 6 ký tự");
	/* our own random bytes: libxcrypt's only source is /dev/urandom,
	 * which Windows has not */
	if (platform_random(rnd, sizeof(rnd)) != 0 ||
	    !crypt_gensalt_rn("$y$", 0, rnd, sizeof(rnd), salt, sizeof(salt)))
		return err_set(err, ANTT_ERR_IO, "không tạo được muối cho mật khẩu (libxcrypt)");
	memset(&data, 0, sizeof(data));
	if (!crypt_rn(password, salt, &data, sizeof(data)) || data.output[0] == '*')
		return err_set(err, ANTT_ERR_IO, "không băm được mật khẩu (libxcrypt)");
	snprintf(out, n, "%s", data.output);
	explicit_bzero(&data, sizeof(data));
	return ANTT_OK;
}

static antt_status run(antt_db *db, const char *sql, const char *a, const char *b, const char *c, const char *d,
                       antt_err *err, const char *what)
{
	sqlite3_stmt *st = NULL;
	antt_status s;
	int rc;

	if ((s = db_begin(db, err)) != ANTT_OK)
		return s;
	if ((s = db_prepare(db, sql, &st, err)) == ANTT_OK) {
		const char *v[4] = { a, b, c, d };
		for (int i = 0; i < 4; i++)
			if (v[i])
				sqlite3_bind_text(st, i + 1, v[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, db->user, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		if (rc == SQLITE_CONSTRAINT)
			s = err_set(err, ANTT_ERR_EXISTS, "tài khoản \"%s\" đã có", a);
		else if (rc != SQLITE_DONE)
			s = db_fail(db, rc, err, what);
		else if (sqlite3_changes(db->sql) == 0)
			s = err_set(err, ANTT_ERR_NOT_FOUND, "không có tài khoản \"%s\"", a);
	}
	sqlite3_finalize(st);
	if (s != ANTT_OK) {
		db_rollback(db);
		return s;
	}
	return db_commit(db, err);
}

antt_status auth_user_add(antt_db *db, const char *login, const char *name, auth_role role,
                          const char *password, antt_err *err)
{
	char hash[CRYPT_OUTPUT_SIZE], *nname = NULL;
	antt_status s;

	if ((s = auth_require_admin_login(db, "thêm tài khoản", err)) != ANTT_OK)
		return s;
	if (!login_ok(login))
		return err_set(err, ANTT_ERR_INVALID, "tên đăng nhập không hợp lệ: từ 1 đến %d ký tự, chỉ gồm chữ không dấu, "
			"chữ số và . _ -", LOGIN_MAX);
	if (role < ROLE_ENTRY || role > ROLE_ADMIN)
		return err_set(err, ANTT_ERR_INVALID, "vai trò phải là cán bộ nhập liệu (entry), lãnh đạo duyệt (reviewer) hoặc quản trị (admin)");
	if ((s = text_clean(name, "họ tên", &nname, err)) != ANTT_OK)
		return s;
	if (!*nname) {
		free(nname);
		return err_set(err, ANTT_ERR_INVALID, "cần họ tên của cán bộ");
	}
	if (role != ROLE_ADMIN && !active_accounts(db, "admin")) {
		/* otherwise nobody could manage accounts once login is on */
		free(nname);
		return err_set(err, ANTT_ERR_INVALID, "tài khoản đầu tiên phải là quản trị, "
			"để luôn có người quản lý được tài khoản");
	}
	if ((s = hash_password(password, hash, sizeof(hash), err)) == ANTT_OK)
		s = run(db, "INSERT INTO users (login, name, role, hash, updated_by) VALUES (?1, ?2, ?3, ?4, ?5)",
			login, nname, auth_role_code(role), hash, err, "thêm tài khoản");
	free(nname);
	return s;
}

antt_status auth_passwd(antt_db *db, const char *login, const char *old, const char *password, antt_err *err)
{
	char hash[CRYPT_OUTPUT_SIZE];
	antt_status s;

	/* one's own password with the old one; anyone's for a proven admin,
	 * recorded as the admin's doing */
	if (old) {
		int wait;
		if ((s = auth_login(db, login, old, &wait, err)) != ANTT_OK)
			return err_set(err, s, "mật khẩu hiện tại không đúng%s", wait ? "; hãy đợi rồi thử lại" : "");
	} else if (!auth_proven(db) || !strcmp(login, db->user)) {
		return err_set(err, ANTT_ERR_DENIED, "đổi mật khẩu của mình cần mật khẩu hiện tại");
	} else if ((s = auth_require_admin_login(db, "đặt lại mật khẩu người khác", err)) != ANTT_OK) {
		return s;
	}
	if ((s = hash_password(password, hash, sizeof(hash), err)) != ANTT_OK)
		return s;
	return run(db, "UPDATE users SET hash = ?2, failures = 0, locked_until = NULL, updated_by = ?5,"
		" updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE login = ?1",
		login, hash, NULL, NULL, err, "đổi mật khẩu");
}

/* The last active admin stays: without one nobody could manage accounts or
 * settings again. (A trigger in db/ keeps the same rule.) */
static antt_status keep_last_admin(antt_db *db, const char *login, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	int last = 0;

	if (db_prepare(db, "SELECT role = 'admin' AND active = 1 AND (SELECT count(*) FROM users"
		" WHERE role = 'admin' AND active = 1) = 1 FROM users WHERE login = ?", &st, NULL) == ANTT_OK) {
		sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
		last = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	}
	sqlite3_finalize(st);
	if (last)
		return err_set(err, ANTT_ERR_DENIED, "%s là quản trị cuối cùng còn hoạt động: không khóa hay đổi vai trò "
			"được, vì sau đó không ai quản lý được tài khoản và thiết lập. Hãy thêm một quản trị khác trước", login);
	return ANTT_OK;
}

antt_status auth_disable(antt_db *db, const char *login, antt_err *err)
{
	antt_status s;

	if ((s = auth_require_admin_login(db, "khóa tài khoản", err)) != ANTT_OK ||
	    (s = keep_last_admin(db, login, err)) != ANTT_OK)
		return s;
	/* already disabled is no error (the trigger audits only a change) */
	return run(db, "UPDATE users SET active = 0, updated_by = ?5 WHERE login = ?1",
		login, NULL, NULL, NULL, err, "khóa tài khoản");
}

antt_status auth_enable(antt_db *db, const char *login, antt_err *err)
{
	antt_status s;

	if ((s = auth_require_admin_login(db, "mở khóa tài khoản", err)) != ANTT_OK)
		return s;
	/* an active account is unlocked too: its wait after wrong passwords ends */
	return run(db, "UPDATE users SET active = 1, failures = 0, locked_until = NULL, updated_by = ?5"
		" WHERE login = ?1", login, NULL, NULL, NULL, err, "mở khóa tài khoản");
}

antt_status auth_set_role(antt_db *db, const char *login, auth_role role, antt_err *err)
{
	antt_status s;

	if (role < ROLE_ENTRY || role > ROLE_ADMIN)
		return err_set(err, ANTT_ERR_INVALID, "vai trò phải là cán bộ nhập liệu (entry), lãnh đạo duyệt (reviewer) hoặc quản trị (admin)");
	if ((s = auth_require_admin_login(db, "đổi vai trò tài khoản", err)) != ANTT_OK)
		return s;
	if (role != ROLE_ADMIN && (s = keep_last_admin(db, login, err)) != ANTT_OK)
		return s;
	return run(db, "UPDATE users SET role = ?2, updated_by = ?5 WHERE login = ?1",
		login, auth_role_code(role), NULL, NULL, err, "đổi vai trò tài khoản");
}

#define WAIT_MAX 300   /* seconds: the longest wait after wrong passwords */

antt_status auth_login(antt_db *db, const char *login, const char *password, int *wait_s, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	struct crypt_data data;
	char hash[CRYPT_OUTPUT_SIZE] = "", role[16] = "";
	int failures = 0, active = 0, found = 0, ok;
	long long wait = 0;
	antt_status s;

	*wait_s = 0;
	/* a wait longer than any antt sets means the clock went back (a flat
	 * CMOS battery), not a lock: it would keep the account out for years */
	s = db_prepare(db, "SELECT hash, role, active, failures, CASE WHEN w > ?2 THEN 0 ELSE w END FROM"
		" (SELECT *, CAST(max(0, coalesce(unixepoch(locked_until) - unixepoch('now'), 0)) AS INTEGER) AS w"
		" FROM users WHERE login = ?1)", &st, err);
	if (s != ANTT_OK)
		return s;
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, WAIT_MAX);
	if (sqlite3_step(st) == SQLITE_ROW) {
		found = 1;
		snprintf(hash, sizeof(hash), "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(role, sizeof(role), "%s", (const char *)sqlite3_column_text(st, 1));
		active = sqlite3_column_int(st, 2);
		failures = sqlite3_column_int(st, 3);
		wait = sqlite3_column_int64(st, 4);
	}
	sqlite3_finalize(st);
	if (!found || !active) {
		/* the same answer whether the login exists or not */
		return err_set(err, ANTT_ERR_DENIED, "sai tên đăng nhập hoặc mật khẩu");
	}
	if (wait > 0) {
		*wait_s = (int)wait;
		return err_set(err, ANTT_ERR_DENIED, "đã nhập sai nhiều lần: hãy đợi %lld giây rồi thử lại", wait);
	}
	/* an empty or missing password is a failed login, never a pass */
	memset(&data, 0, sizeof(data));
	ok = password && *password && crypt_rn(password, hash, &data, sizeof(data)) && !strcmp(data.output, hash);
	explicit_bzero(&data, sizeof(data));
	if (!ok) {
		/* from the third failure on, each try waits twice as long:
		 * 2, 4, 8 ... seconds, at most 5 minutes */
		int n = failures + 1, delay = n < 3 ? 0 : n - 3 >= 8 ? WAIT_MAX : 2 << (n - 3);
		char mod[32];
		if (delay > WAIT_MAX)
			delay = WAIT_MAX;
		snprintf(mod, sizeof(mod), "+%d seconds", delay);
		if (db_prepare(db, "UPDATE users SET failures = failures + 1, locked_until ="
			" CASE WHEN ?2 > 0 THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?3) END WHERE login = ?1",
			&st, NULL) == ANTT_OK) {
			char d[16];
			snprintf(d, sizeof(d), "%d", delay);
			sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, d, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 3, mod, -1, SQLITE_STATIC);
			sqlite3_step(st);
		}
		sqlite3_finalize(st);
		*wait_s = delay;
		if (delay)
			return err_set(err, ANTT_ERR_DENIED, "sai tên đăng nhập hoặc mật khẩu; đợi %d giây rồi thử lại", delay);
		return err_set(err, ANTT_ERR_DENIED, "sai tên đăng nhập hoặc mật khẩu");
	}
	if (db_prepare(db, "UPDATE users SET failures = 0, locked_until = NULL WHERE login = ?", &st, NULL) == ANTT_OK) {
		sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
		sqlite3_step(st);
	}
	sqlite3_finalize(st);
	snprintf(db->user, sizeof(db->user), "%s", login);
	db->role = auth_role_parse(role);
	return ANTT_OK;
}

antt_status auth_list(antt_db *db, int (*fn)(const auth_user *u, void *ctx), void *ctx, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s;
	int rc;

	if ((s = db_prepare(db, "SELECT login, name, role, active FROM users ORDER BY login", &st, err)) != ANTT_OK)
		return s;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		auth_user u;
		snprintf(u.login, sizeof(u.login), "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(u.name, sizeof(u.name), "%s", (const char *)sqlite3_column_text(st, 1));
		u.role = auth_role_parse((const char *)sqlite3_column_text(st, 2));
		u.active = sqlite3_column_int(st, 3);
		if (fn(&u, ctx))
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "đọc tài khoản");
	sqlite3_finalize(st);
	return s;
}
