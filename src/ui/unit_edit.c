/* The units editor's keys on the unit list (a add, r rename, m move,
 * d retire or merge, x exclude, b managed above): their rights check at
 * the first key, their prompts one after another in ui->pctx, the
 * question before a change that carries other units along, and the
 * submit that asks the core. The list reloads after each change. */
#include <curses.h>
#include "ui.h"
#include "auth.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static antt_status after_change(ui *ui, antt_status s, antt_err *err, const char *done)
{
	if (s != ANTT_OK) {
		ui_fail(ui, s, err);
		return s;
	}
	ui_units_reload(ui);
	ui_message(ui, 0, "%s", done);
	return ANTT_OK;
}

static antt_status add_name(ui *ui, const char *text)
{
	antt_err err = { "" };
	antt_status s = unit_add(ui->db, ui->pctx[0], ui->pctx[1], text, ui->pctx[2][0] ? ui->pctx[2] : NULL, &err);

	if (s == ANTT_OK)
		snprintf(ui->units.want_unit, sizeof(ui->units.want_unit), "%.*s", UNIT_CODE_MAX, ui->pctx[0]);   /* checked by unit_add */
	return after_change(ui, s, &err, "Đã thêm đơn vị.");
}

static antt_status add_type(ui *ui, const char *text)
{
	antt_err err = { "" };
	antt_status st;
	char code[32], *end;
	long k = strtol(text, &end, 10);

	if (*text && !*end && k >= 1 && (size_t)k <= ui->units.tree.n_counts)   /* a number of the pick list */
		text = ui->units.tree.counts[k - 1].type;
	if ((st = unit_type_resolve(ui->db, text, code, sizeof(code), &err)) != ANTT_OK) {
		ui_fail(ui, st, &err);
		return ANTT_ERR_INVALID;
	}
	snprintf(ui->pctx[1], sizeof(ui->pctx[1]), "%s", code);
	ui_prompt(ui, "Tên đơn vị:", "", add_name);
	return ANTT_OK;
}

static antt_status add_code(ui *ui, const char *text)
{
	unit_row u;

	if (!*text || strpbrk(text, " ,\"")) {
		ui_message(ui, 1, "Mã không được trống, không có khoảng trắng, dấu phẩy hay ngoặc kép.");
		return ANTT_ERR_INVALID;
	}
	if (unit_get(ui->db, text, &u, NULL) == ANTT_OK) {
		ui_message(ui, 1, "Mã \"%s\" đã dùng cho \"%s\". Chọn mã khác.", text, u.name);
		return ANTT_ERR_EXISTS;
	}
	snprintf(ui->pctx[0], sizeof(ui->pctx[0]), "%s", text);
	ui_prompt(ui, "Loại đơn vị: gõ số hoặc tên (Esc: thôi):", "", add_type);
	/* the types the office has, by number, on the rows above the field */
	{
		char list[2048] = "";
		size_t len = 0;
		for (size_t i = 0; i < ui->units.tree.n_counts && len < sizeof(list); i++)
			len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%zu %s", i ? " · " : "", i + 1,
				ui->units.tree.counts[i].name);
		ui_message(ui, 0, "%s%shoặc gõ tên loại khác (huyện, đặc khu…)", list, list[0] ? " — " : "");
	}
	return ANTT_OK;
}

static antt_status rename_submit(ui *ui, const char *text)
{
	antt_err err = { "" };
	return after_change(ui, unit_rename(ui->db, ui->pctx[0], text, &err), &err, "Đã đổi tên.");
}

/* Editing units is the admin's work (unit.c refuses it otherwise): asked
 * at the first key, so an officer is not led through the inputs only to
 * be refused at the end. The refusal holds what is typed next. */
static int may_edit(ui *ui, const char *what)
{
	antt_err err = { "" };

	if (auth_require(ui->db, CAN_ADMIN, what, &err) == ANTT_OK)
		return 1;
	if (ui->db->role == ROLE_NONE)
		ui_message(ui, 1, "%s.", ui_err_text(ANTT_ERR_DENIED, &err));
	else   /* short enough for one line at 80 columns */
		ui_message(ui, 1, "Việc %s dành cho quản trị: hãy nhờ người quản trị làm.", what);
	return 0;
}

int ui_said_yes(const char *t)
{
	return !strcmp(t, "c") || !strcmp(t, "C") || !strcmp(t, "có") || !strcmp(t, "Có");
}

static antt_status confirm_submit(ui *ui, const char *text);

/* A change that carries other units along (moving, retiring) or changes a
 * unit's place in every count (excluding) is asked first, and the answer
 * is typed into a field, so letters typed by mistake ("xa" meant as a
 * search) land there instead of running as commands. pctx[3] says which
 * change; pctx[0] the unit, pctx[1] and pctx[2] what was gathered. */
static void confirm(ui *ui, const char *change, const char *question)
{
	snprintf(ui->pctx[3], sizeof(ui->pctx[3]), "%s", change);
	ui_prompt(ui, "Đồng ý? (gõ c rồi Enter; Esc: thôi)", "", confirm_submit);
	ui_message(ui, 0, "%s", question);   /* the line above the field: room for a long question */
}

static antt_status confirm_submit(ui *ui, const char *text)
{
	antt_err err = { "" };
	const char *code = ui->pctx[0], *a = ui->pctx[1], *b = ui->pctx[2];
	int off = a[0] == '1';

	if (!ui_said_yes(text)) {
		ui_message(ui, 0, "Không đổi gì.");
		return ANTT_OK;
	}
	switch (ui->pctx[3][0]) {
	case 'm':
		return after_change(ui, unit_move(ui->db, code, *a ? a : NULL, &err), &err, "Đã chuyển đơn vị.");
	case 'd':
		return after_change(ui, unit_retire(ui->db, code, *a ? a : NULL, *b ? b : NULL, &err), &err,
			"Đã ghi nhận giải thể / sáp nhập.");
	case 'b':
		return after_change(ui, assess_set_managed_above(ui->db, code, !off, &err), &err,
			!off ? "Đã đánh dấu do cấp trên quản lý: không tính vào tiêu chí 4 của xã."
			     : "Đã bỏ đánh dấu: đơn vị được tính vào tiêu chí 4 của xã.");
	default:
		return after_change(ui, assess_set_excluded(ui->db, code, !off, &err), &err,
			!off ? "Đã đánh dấu không thuộc diện đánh giá." : "Đơn vị thuộc diện đánh giá trở lại.");
	}
}

/* How many units below go along: "" for none, else " và 12 đơn vị
 * trực thuộc" (moved) or " 12 đơn vị trực thuộc ra khỏi danh sách." */
static void along(ui *ui, int retire, char *buf, size_t n)
{
	size_t below = tree_below(&ui->units.tree, ui->pctx[0]);

	if (!below)
		buf[0] = '\0';
	else if (retire)
		snprintf(buf, n, " %zu đơn vị trực thuộc cũng ra khỏi danh sách.", below);
	else
		snprintf(buf, n, " và %zu đơn vị trực thuộc", below);
}

static int known_unit(ui *ui, const char *code)
{
	antt_err err = { "" };
	unit_row u;

	if (!*code || unit_get(ui->db, code, &u, &err) == ANTT_OK)
		return 1;
	ui_message(ui, 1, "Không có đơn vị mã \"%s\". Gõ mã đúng, hoặc Esc để thôi.", code);
	return 0;
}

/* The other unit of a move (the new parent) or of a retirement (merged
 * into) was typed: checked, kept, then the question with what goes along. */
static antt_status target_typed(ui *ui, const char *text, int retire)
{
	char q[2 * sizeof(ui->pctx[0]) + 160], more[80];
	const char *code = ui->pctx[0];

	if (!known_unit(ui, text))
		return ANTT_ERR_NOT_FOUND;
	snprintf(ui->pctx[retire ? 2 : 1], sizeof(ui->pctx[1]), "%s", text);
	along(ui, retire, more, sizeof(more));
	if (retire && *text)
		snprintf(q, sizeof(q), "Sáp nhập %s vào %s?%s", code, text, more);
	else if (retire)
		snprintf(q, sizeof(q), "Giải thể %s?%s", code, more);
	else if (*text)
		snprintf(q, sizeof(q), "Chuyển %s%s sang %s?", code, more, text);
	else
		snprintf(q, sizeof(q), "Chuyển %s%s lên cấp cao nhất?", code, more);
	confirm(ui, retire ? "d" : "m", q);
	return ANTT_OK;
}

static antt_status move_to(ui *ui, const char *text) { return target_typed(ui, text, 0); }
static antt_status retire_into(ui *ui, const char *text) { return target_typed(ui, text, 1); }

static antt_status retire_date(ui *ui, const char *text)
{
	snprintf(ui->pctx[1], sizeof(ui->pctx[1]), "%s", text);
	ui_prompt(ui, "Sáp nhập vào đơn vị mã (để trống nếu chỉ giải thể):", "", retire_into);
	return ANTT_OK;
}
int ui_unit_edit(ui *ui, ui_action a, const tree_row *r)
{
	switch (a) {
	case ACT_ADD:
		if (!may_edit(ui, "thêm đơn vị"))
			return R_REDRAW;
		snprintf(ui->pctx[2], sizeof(ui->pctx[2]), "%s", r ? r->code : "");
		ui_prompt(ui, r ? "Thêm đơn vị trực thuộc — mã mới:" : "Thêm đơn vị — mã mới:", "", add_code);
		return R_REDRAW;
	case ACT_RENAME: case ACT_MOVE: case ACT_RETIRE:
		if (!r)
			return R_NONE;
		if (!may_edit(ui, a == ACT_RENAME ? "đổi tên đơn vị" : a == ACT_MOVE ? "chuyển đơn vị" : "giải thể đơn vị"))
			return R_REDRAW;
		snprintf(ui->pctx[0], sizeof(ui->pctx[0]), "%s", r->code);
		if (a == ACT_RENAME) {
			/* the name as stored now, to edit (the list's may be one
			 * read before another program renamed it) */
			unit_row u;
			ui_prompt(ui, "Tên mới:", unit_get(ui->db, r->code, &u, NULL) == ANTT_OK ? u.name :
				tree_name(ui->db, &ui->units.tree, r), rename_submit);
		}
		else if (a == ACT_MOVE)
			ui_prompt(ui, "Mã đơn vị cấp trên mới (trống: lên cấp cao nhất):", tree_parent_code(&ui->units.tree, r), move_to);
		else
			ui_prompt(ui, "Ngày giải thể (ngày/tháng/năm, trống: hôm nay):", "", retire_date);
		return R_REDRAW;
	case ACT_EXCLUDE:
		if (!r || r->status == STATUS_NA)
			return R_NONE;
		if (!may_edit(ui, "đánh dấu đơn vị"))
			return R_REDRAW;
		snprintf(ui->pctx[0], sizeof(ui->pctx[0]), "%s", r->code);
		snprintf(ui->pctx[1], sizeof(ui->pctx[1]), "%d", r->status == STATUS_EXCLUDED);
		{
			char q[160];
			snprintf(q, sizeof(q), "%s %s %s?", r->status == STATUS_EXCLUDED ? "Đưa" : "Đánh dấu", r->code,
				r->status == STATUS_EXCLUDED ? "trở lại diện đánh giá" : "không thuộc diện");
			confirm(ui, "x", q);
		}
		return R_REDRAW;
	case ACT_MANAGED:
		if (!r || r->status == STATUS_NA)
			return R_NONE;
		if (!may_edit(ui, "đánh dấu đơn vị do cấp trên quản lý"))
			return R_REDRAW;
		if (!r->managed_above && !unit_type_managed_above_ok(tree_type_of(&ui->units.tree, r)->type)) {   /* refused now, not after a question */
			char t[64];
			ui_message(ui, 1, "%s (%s) là %s: " UNIT_MANAGED_ABOVE_RULE ".", tree_name(ui->db, &ui->units.tree, r), r->code,
				text_lower(tree_type_of(&ui->units.tree, r)->name, t, sizeof(t)));
			return R_REDRAW;
		}
		snprintf(ui->pctx[0], sizeof(ui->pctx[0]), "%s", r->code);
		snprintf(ui->pctx[1], sizeof(ui->pctx[1]), "%d", r->managed_above);
		{
			char q[200];
			snprintf(q, sizeof(q), r->managed_above ? "Bỏ đánh dấu do cấp trên quản lý của %s?"
				: "Đánh dấu %s do cấp trên quản lý (không tính vào tiêu chí 4 của xã)?", r->code);
			confirm(ui, "b", q);
		}
		return R_REDRAW;
	default:
		return R_NONE;
	}
}
