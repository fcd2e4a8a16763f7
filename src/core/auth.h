/* Officers' accounts: roles, yescrypt password hashes (libxcrypt), login
 * with a growing wait after failures, and the role checks the workflow
 * uses. With no active account (a one-person office) or with login switched
 * off in the settings, whoever runs antt may do everything but approve:
 * a leader's approval always needs the leader's own proven login. */
#ifndef ANTT_AUTH_H
#define ANTT_AUTH_H

#include "db.h"

typedef enum {
	ROLE_NONE = 0,      /* not logged in: may read, not write */
	ROLE_ENTRY,         /* cán bộ nhập liệu: answers, registration, submission */
	ROLE_REVIEWER,      /* lãnh đạo duyệt: the above, and approve, return, reopen */
	ROLE_ADMIN,         /* quản trị: answers, units, settings, accounts; not approval */
	ROLE_OPEN,          /* no accounts in use, or login off: all but approval */
} auth_role;

/* What an action needs. Approving (CAN_REVIEW) always needs a proven
 * login, even where login is switched off. */
typedef enum { CAN_ENTER = 1, CAN_REVIEW = 2, CAN_ADMIN = 4 } auth_cap;

/* "entry", "reviewer", "admin" (and the Vietnamese names, any case or
 * accents: "cán bộ nhập liệu", "lãnh đạo duyệt", "quản trị"). */
auth_role auth_role_parse(const char *s);
const char *auth_role_code(auth_role r);
const char *auth_role_name(auth_role r);

/* 1 when logging in is needed: an active account exists and the setting
 * login_required is not 0. */
int auth_required(antt_db *db);

/* 1 when at least one active account with that role exists (ROLE_NONE:
 * any role). */
int auth_accounts(antt_db *db, auth_role role);

/* 1 when the handle's user proved who they are (auth_login succeeded).
 * Otherwise db->user is "(không đăng nhập) " and the system user: a name
 * that cannot be mistaken for an account. */
int auth_proven(const antt_db *db);

/* Deciding who is trusted (accounts, enrolled senders, new criteria sets)
 * needs a proven admin once any account exists: being open (login off) is
 * not enough, or anyone could give themselves a leader. */
antt_status auth_require_admin_login(antt_db *db, const char *what, antt_err *err);

/* Managing accounts needs a proven admin once any account exists (the
 * first account, an admin, can be made by whoever runs antt). */
antt_status auth_user_add(antt_db *db, const char *login, const char *name, auth_role role,
                          const char *password, antt_err *err);

/* A new password for login. With old (one's own password) old is checked
 * as a login would be, failures counted, and the handle becomes login's;
 * with old NULL a proven admin resets someone else's. */
antt_status auth_passwd(antt_db *db, const char *login, const char *old, const char *password, antt_err *err);

/* Disabling or demoting the last active admin is refused. */
antt_status auth_disable(antt_db *db, const char *login, antt_err *err);
antt_status auth_enable(antt_db *db, const char *login, antt_err *err);
antt_status auth_set_role(antt_db *db, const char *login, auth_role role, antt_err *err);

/* Check the password (an empty one always fails) and make this account the database handle's user
 * (db->user, db->role). After 3 failures each further try must wait
 * longer (2, 4, 8 ... up to 300 seconds); *wait_s tells how long. */
antt_status auth_login(antt_db *db, const char *login, const char *password, int *wait_s, antt_err *err);

/* The role a freshly opened handle gets: ROLE_OPEN without accounts,
 * ROLE_NONE until someone logs in otherwise. */
auth_role auth_initial_role(antt_db *db);

/* ANTT_OK when the handle's user may do it; otherwise an error that says
 * which role may. */
antt_status auth_require(antt_db *db, auth_cap cap, const char *what, antt_err *err);

typedef struct {
	char login[64], name[128];
	auth_role role;
	int active;
} auth_user;

antt_status auth_list(antt_db *db, int (*fn)(const auth_user *u, void *ctx), void *ctx, antt_err *err);

#endif
